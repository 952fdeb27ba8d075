/* test-store.c: the workspace store: opening, refusals, labels, documents, two connections
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "bz-store-private.h"
#include "store-fixtures.h"


static void
documents_changed_cb (gpointer  instance,
                      gpointer  user_data)
{
  (*(guint *) user_data)++;
}

/* ---- Opening ---------------------------------------------------------------- */

static void
test_open_creates (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "nested.db", NULL);
  g_autoptr(BzStore) store = fixture_open (nested);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (bz_store_get_path (store), ==, nested);
  g_clear_object (&store);

  g_assert_cmpint (fixture_query_int (nested, "PRAGMA user_version"), ==, BZ_STORE_SCHEMA_VERSION);
  g_assert_cmpint (fixture_query_int (nested, "PRAGMA application_id"), ==, BZ_STORE_APPLICATION_ID);
  g_assert_cmpint (fixture_query_int (nested, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                              " AND name IN ('documents', 'quality_warnings', 'labels', 'spans',"
                              " 'relations', 'history', 'actions', 'reviewers')"), ==, 8);

  g_assert_cmpint (sqlite3_open_v2 (nested, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_open_settings (Fixture       *f,
                    gconstpointer  data)
{
  sqlite3_stmt *stmt = NULL;

  /* The connection's own settings, which a second connection cannot see. */
  g_assert_cmpint (sqlite3_prepare_v2 (f->store->db, "PRAGMA synchronous", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2 /* FULL */);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (f->store->db, "PRAGMA foreign_keys", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (f->store->db, "PRAGMA busy_timeout", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 5000);
  sqlite3_finalize (stmt);
}

static void
test_default_path (void)
{
  g_autofree char *path = bz_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "biaozhu",
                                                "workspace.db", NULL);
  g_autoptr(BzStore) store = NULL;

  /* main() points XDG_DATA_HOME at a fresh temporary folder. */
  g_assert_cmpstr (path, ==, expected);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  store = fixture_open (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_migrates_empty_database (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GPtrArray) labels = NULL;

  /* An SQLite file of version 0 with no tables: the oldest schema there is. */
  fixture_exec_sql (path, "CREATE TABLE t (x); DROP TABLE t;");
  g_assert_cmpint (fixture_query_int (path, "PRAGMA user_version"), ==, 0);

  store = fixture_open (path);
  labels = bz_store_list_labels (store, NULL);
  g_assert_cmpuint (labels->len, ==, 7);
  g_clear_object (&store);
  g_assert_cmpint (fixture_query_int (path, "PRAGMA user_version"), ==, BZ_STORE_SCHEMA_VERSION);
}

static void
assert_refused (const char *path,
                int         code,
                const char *cause)
{
  g_autofree char *before = fixture_file_sha256 (path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = NULL;

  store = bz_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BZ_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, cause));

  after = fixture_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuses_newer_version (Fixture       *f,
                            gconstpointer  data)
{
  fixture_add_document (f->store, "report", TEXT);
  g_clear_object (&f->store);
  fixture_exec_sql (f->path, "PRAGMA user_version = 99");

  assert_refused (f->path, BZ_STORE_ERROR_TOO_NEW, "newer version");
  g_assert_cmpint (fixture_query_int (f->path, "PRAGMA user_version"), ==, 99);
  g_assert_cmpint (fixture_query_int (f->path, "SELECT count(*) FROM documents"), ==, 1);
}

static void
test_refuses_foreign_sqlite (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "other.db", NULL);

  fixture_exec_sql (path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('王');");
  assert_refused (path, BZ_STORE_ERROR_NOT_A_DATABASE, "another program");
  g_assert_cmpint (fixture_query_int (path, "SELECT count(*) FROM contacts"), ==, 1);
}

static void
test_refuses_marked_without_tables (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "marked.db", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 1;"
                                          " CREATE TABLE documents (id INTEGER);",
                                          BZ_STORE_APPLICATION_ID);

  fixture_exec_sql (path, sql);
  assert_refused (path, BZ_STORE_ERROR_NOT_A_DATABASE, "lacks its tables");
}

static void
test_refuses_text_file (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (g_getenv ("BZ_SAMPLES"), "000_3f1c054c4ba4af40.txt", NULL);
  g_autofree char *path = g_build_filename (f->dir, "report.txt", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *short_path = g_build_filename (f->dir, "short.db", NULL);
  gsize length;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (sample, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  assert_refused (path, BZ_STORE_ERROR_NOT_A_DATABASE, "not an SQLite database");

  /* Shorter than an SQLite header. */
  g_file_set_contents (short_path, "SQLite", -1, &error);
  g_assert_no_error (error);
  assert_refused (short_path, BZ_STORE_ERROR_NOT_A_DATABASE, "not an SQLite database");
}

static void
test_refuses_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = bz_store_open (f->dir, &error);

  g_assert_null (store);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, f->dir));
}

static void
test_folder_not_creatable (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "plain", NULL);
  g_autofree char *path = g_build_filename (file, "biaozhu", "workspace.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = NULL;

  /* The folder would have to be made inside a plain file. */
  g_file_set_contents (file, "x", -1, &error);
  g_assert_no_error (error);
  store = bz_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Cannot create the folder"));
  g_assert_nonnull (strstr (error->message, file));
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(BzCanonicalText) ct = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  sqlite3_stmt *stmt = NULL;

  /* A page limit makes SQLite report a full disk. */
  g_assert_cmpint (sqlite3_prepare_v2 (f->store->db, "PRAGMA max_page_count = 40", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sqlite3_finalize (stmt);

  for (guint i = 0; i < 20000; i++)
    g_string_append (text, "东城区王府井");
  ct = fixture_canonical_text (text->str, "UTF-8");
  g_assert_cmpint (bz_store_add_document (f->store, "big", NULL, ct, NULL, &error), ==, 0);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_clear_error (&error);

  documents = bz_store_list_documents (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 0);
}

/* ---- Labels and reviewers ------------------------------------------------------ */

static void
test_labels (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *json_path = g_build_filename (g_getenv ("BZ_DATADIR"), "labels.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(BzLabel) org = NULL;
  JsonArray *expected;

  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  expected = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "labels");

  /* Loaded once, on first use, and not again on a reopen. */
  f->store = fixture_reopen (f->store);
  labels = bz_store_list_labels (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (labels->len, ==, json_array_get_length (expected));
  for (guint i = 0; i < labels->len; i++)
    {
      BzLabel *label = g_ptr_array_index (labels, i);
      JsonObject *object = json_array_get_object_element (expected, i);

      g_assert_cmpstr (bz_label_get_name (label), ==, json_object_get_string_member (object, "name"));
      g_assert_cmpstr (bz_label_get_display_name (label), ==, json_object_get_string_member (object, "display_name"));
      g_assert_cmpstr (bz_label_get_color (label), ==, json_object_get_string_member (object, "color"));
      g_assert_cmpstr (bz_label_get_shortcut (label), ==, json_object_get_string_member (object, "shortcut"));
      g_assert_cmpstr (bz_label_get_description (label), ==, json_object_get_string_member (object, "description"));
      g_assert_cmpint (bz_label_get_order (label), ==, i);
      /* The guide's rules for the label, in both languages, a few paragraphs each. */
      for (guint k = 0; k < 2; k++)
        {
          const char *language = k == 0 ? "zh" : "en";
          const char *guideline = bz_label_get_guideline (label, language);
          g_auto(GStrv) paragraphs = g_strsplit (guideline, "\n\n", -1);

          g_assert_cmpstr (guideline, ==, json_object_get_string_member (json_object_get_object_member (object, "guideline"),
                                                                          language));
          g_assert_cmpuint (g_strv_length (paragraphs), >=, 2);
          g_assert_cmpint (g_utf8_strlen (guideline, -1), >, 100);
        }
      g_assert_cmpstr (bz_label_get_guideline (label, "zh_CN.UTF-8"), ==, bz_label_get_guideline (label, "zh"));
      g_assert_cmpstr (bz_label_get_guideline (label, "de"), ==, bz_label_get_guideline (label, "en"));
    }

  org = bz_store_get_label (f->store, "ORG");
  g_assert_nonnull (org);
  g_assert_cmpstr (bz_label_get_display_name (org), ==, "机构");
  g_assert_null (bz_store_get_label (f->store, "PERSON"));
}

static void
count_cb (BzStore *store,
          guint   *n)
{
  (*n)++;
}

/* A workspace's labels are replaced from a labels file, keeping their
 * guidelines where the file gives none; labels that spans use stay. */
static void
test_labels_replace (Fixture       *f,
                     gconstpointer  data)
{
  static const char schema[] =
    "{\"labels\": ["
    " {\"name\": \"PERSON\", \"display_name\": \"人名\", \"color\": \"#112233\", \"shortcut\": \"8\","
    "  \"guideline\": {\"zh\": \"人的姓名。\\n\\n不含职务。\", \"en\": \"A person's name.\\n\\nTitles stay out.\"}},"
    " {\"name\": \"PLACE\", \"display_name\": \"地点\", \"color\": \"#445566\", \"shortcut\": \"1\","
    "  \"guideline\": {\"en\": \"Only places.\"}},"
    " {\"name\": \"ORG\", \"color\": \"#778899\"}"
    "]}";
  g_autofree char *path = g_build_filename (f->dir, "my-labels.json", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(BzLabel) default_place = bz_store_get_label (f->store, "PLACE");
  g_autofree char *place_zh = g_strdup (bz_label_get_guideline (default_place, "zh"));
  gint64 document_id = fixture_add_document (f->store, "report", TEXT);
  gint64 date_span;
  guint n_changed = 0;

  g_assert_true (g_file_set_contents (path, schema, -1, &error));
  g_assert_true (g_file_set_contents (bad, "{\"labels\": [{\"name\": \"A\", \"color\": \"#123456\"},"
                                           " {\"name\": \"A\", \"color\": \"#654321\"}]}", -1, &error));
  g_signal_connect (f->store, "labels-changed", G_CALLBACK (count_cb), &n_changed);

  /* A DATE span keeps DATE in the workspace. */
  date_span = fixture_add_span (f->store, document_id, 0, 3, "DATE", BZ_SPAN_ACCEPTED);
  fixture_add_span (f->store, document_id, 4, 7, "PLACE", BZ_SPAN_ACCEPTED);
  g_assert_false (bz_store_replace_labels (f->store, path, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "DATE (1)"));
  g_assert_nonnull (strstr (error->message, "my-labels.json"));
  g_clear_error (&error);
  g_assert_false (bz_store_replace_labels (f->store, bad, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "bad.json: label 2 is named “A”"));
  g_clear_error (&error);
  g_assert_false (bz_store_replace_labels (f->store, missing, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "missing.json"));
  g_clear_error (&error);
  labels = bz_store_list_labels (f->store, &error);
  g_assert_cmpuint (labels->len, ==, 7);
  g_assert_cmpuint (n_changed, ==, 0);

  g_assert_true (bz_store_delete_span (f->store, date_span, &error));
  g_assert_true (bz_store_replace_labels (f->store, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);

  f->store = fixture_reopen (f->store);
  g_clear_pointer (&labels, g_ptr_array_unref);
  labels = bz_store_list_labels (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (labels->len, ==, 3);
  {
    BzLabel *person = g_ptr_array_index (labels, 0);
    BzLabel *place = g_ptr_array_index (labels, 1);
    BzLabel *org = g_ptr_array_index (labels, 2);

    g_assert_cmpstr (bz_label_get_name (person), ==, "PERSON");
    g_assert_cmpstr (bz_label_get_guideline (person, "zh"), ==, "人的姓名。\n\n不含职务。");
    g_assert_cmpstr (bz_label_get_guideline (person, "en"), ==, "A person's name.\n\nTitles stay out.");
    /* PLACE takes the file's English and keeps its Chinese guideline. */
    g_assert_cmpstr (bz_label_get_name (place), ==, "PLACE");
    g_assert_cmpstr (bz_label_get_display_name (place), ==, "地点");
    g_assert_cmpstr (bz_label_get_color (place), ==, "#445566");
    g_assert_cmpstr (bz_label_get_guideline (place, "en"), ==, "Only places.");
    g_assert_cmpstr (bz_label_get_guideline (place, "zh"), ==, place_zh);
    g_assert_cmpint (bz_label_get_order (place), ==, 1);
    g_assert_cmpstr (bz_label_get_name (org), ==, "ORG");
    g_assert_cmpstr (bz_label_get_guideline (org, "zh"), !=, "");
  }

  /* The new schema rules the spans. */
  fixture_add_span (f->store, document_id, 12, 15, "PERSON", BZ_SPAN_ACCEPTED);
  {
    g_autoptr(BzSpan) span = bz_span_new (21, 34, "POLICY", BZ_SPAN_ACCEPTED, "human");

    g_assert_cmpint (bz_store_add_span (f->store, document_id, span, &error), ==, 0);
    g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  }
}

static void
test_labels_malformed (void)
{
  static const struct
  {
    const char *json;
    const char *cause;
  } cases[] = {
    { "[]", "not an object" },
    { "{\"labels\": {}}", "not an array" },
    { "{\"labels\": []}", "no labels" },
    { "{\"labels\": [7]}", "label 1 is not an object" },
    { "{\"labels\": [{\"color\": \"#2a9d8f\"}]}", "no “name”" },
    { "{\"labels\": [{\"name\": 1, \"color\": \"#2a9d8f\"}]}", "“name” of label 1 is not a string" },
    { "{\"labels\": [{\"name\": \"A\", \"color\": \"#2a9d8f\"}, {\"name\": \"B\", \"color\": \"red\"}]}",
      "label 2 needs" },
    { "{\"labels\": [{\"name\": \"A\", \"color\": \"#2a9d8f\", \"shortcut\": [1]}]}",
      "“shortcut” of label 1 is not a string" },
    { "{\"labels\": [{\"name\": \"A\", \"color\": \"#2a9d8f\", \"description\": {}}]}",
      "“description” of label 1" },
    { "{\"labels\": [", "not valid JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) labels = _bz_store_parse_labels (bytes, "labels.json", &error);

      g_assert_null (labels);
      g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED);
      if (strstr (error->message, cases[i].cause) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].cause);
    }
}

static void
test_reviewers (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) reviewers = NULL;
  gint64 document_id = fixture_add_document (f->store, "report", TEXT);

  g_assert_cmpstr (bz_store_get_reviewer (f->store), ==, g_get_user_name ());
  bz_store_set_reviewer (f->store, "王芳");
  fixture_add_span (f->store, document_id, 4, 9, "PLACE", BZ_SPAN_ACCEPTED);
  bz_store_set_reviewer (f->store, "李伟");
  fixture_add_span (f->store, document_id, 12, 19, "ORG", BZ_SPAN_ACCEPTED);
  fixture_add_span (f->store, document_id, 40, 44, "VALUE", BZ_SPAN_ACCEPTED);

  f->store = fixture_reopen (f->store);
  reviewers = bz_store_list_reviewers (f->store, NULL);
  g_assert_cmpuint (reviewers->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (reviewers, 0), ==, "王芳");
  g_assert_cmpstr (g_ptr_array_index (reviewers, 1), ==, "李伟");
}

/* ---- Documents ----------------------------------------------------------------- */

static void
test_documents_round_trip (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(BzCanonicalText) ct = fixture_canonical_text (TEXT, "GB18030");
  g_autoptr(GError) error = NULL;
  g_autoptr(BzDocument) document = NULL;
  g_autoptr(GArray) warnings = NULL;
  g_autoptr(GArray) map = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *sha256 = g_strdup (ct->sha256);
  gboolean existing = TRUE;
  guint n_changed = 0;
  gint64 id;

  /* An offset map of a two-byte encoding, as a GB18030 original would have. */
  for (guint i = 0; i < ct->offset_map->len; i++)
    g_array_index (ct->offset_map, gint64, i) = 2 * (gint64) i;
  ct->script = BZ_SCRIPT_MIXED;
  fixture_add_warning (ct, 12, 15, "mojibake", "有序?qū 被改坏");
  fixture_add_warning (ct, 0, 1, "replacement-char", "U+FFFD");

  g_signal_connect (f->store, "documents-changed", G_CALLBACK (documents_changed_cb), &n_changed);
  id = bz_store_add_document (f->store, "报告 1", "/data/报告1.txt", ct, &existing, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_false (existing);
  g_assert_cmpuint (n_changed, ==, 1);

  f->store = fixture_reopen (f->store);
  document = bz_store_get_document (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bz_document_get_id (document), ==, id);
  g_assert_cmpstr (bz_document_get_title (document), ==, "报告 1");
  g_assert_cmpstr (bz_document_get_source_path (document), ==, "/data/报告1.txt");
  g_assert_cmpstr (bz_document_get_sha256 (document), ==, sha256);
  g_assert_cmpstr (bz_document_get_encoding (document), ==, "GB18030");
  g_assert_cmpint (bz_document_get_script (document), ==, BZ_SCRIPT_MIXED);
  g_assert_cmpstr (bz_document_get_text (document), ==, TEXT);
  g_assert_cmpint (bz_document_get_n_chars (document), ==, TEXT_N_CHARS);
  g_assert_cmpint (bz_document_get_status (document), ==, BZ_DOCUMENT_NEW);
  g_assert_cmpint (bz_document_get_created (document), >, 1700000000);
  g_assert_cmpuint (bz_document_get_n_warnings (document), ==, 2);

  warnings = bz_store_list_warnings (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_cmpint (g_array_index (warnings, BzQualityWarning, 0).start, ==, 0);
  g_assert_cmpstr (g_array_index (warnings, BzQualityWarning, 0).kind, ==, "replacement-char");
  g_assert_cmpint (g_array_index (warnings, BzQualityWarning, 1).start, ==, 12);
  g_assert_cmpint (g_array_index (warnings, BzQualityWarning, 1).end, ==, 15);
  g_assert_cmpstr (g_array_index (warnings, BzQualityWarning, 1).message, ==, "有序?qū 被改坏");

  map = bz_store_get_offset_map (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (map->len, ==, TEXT_N_CHARS + 1);
  g_assert_cmpint (g_array_index (map, gint64, 45), ==, 90);
  g_assert_cmpint (g_array_index (map, gint64, TEXT_N_CHARS), ==, 2 * TEXT_N_CHARS);

  g_assert_true (bz_store_set_document_status (f->store, id, BZ_DOCUMENT_REVIEWED, &error));
  g_assert_no_error (error);
  g_assert_false (bz_store_set_document_status (f->store, id + 100, BZ_DOCUMENT_REVIEWED, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  fixture_add_span (f->store, id, 4, 9, "PLACE", BZ_SPAN_ACCEPTED);
  fixture_add_span (f->store, id, 12, 19, "ORG", BZ_SPAN_SUGGESTED);
  fixture_add_span (f->store, id, 40, 44, "VALUE", BZ_SPAN_REJECTED);

  f->store = fixture_reopen (f->store);
  documents = bz_store_list_documents (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  g_clear_object (&document);
  document = g_object_ref (g_ptr_array_index (documents, 0));
  g_assert_cmpint (bz_document_get_status (document), ==, BZ_DOCUMENT_REVIEWED);
  g_assert_cmpuint (bz_document_get_n_spans (document), ==, 3);
  g_assert_cmpuint (bz_document_get_n_decided (document), ==, 2);
  g_assert_cmpuint (bz_document_get_n_warnings (document), ==, 2);
  g_assert_cmpint (bz_store_count_spans (f->store, id, NULL), ==, 3);
  /* Listed without its text, the document loads it on first use. */
  g_assert_cmpstr (bz_document_get_text (document), ==, TEXT);

  g_assert_null (bz_store_get_document (f->store, id + 1, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
}

static void
test_documents_dedup (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(BzCanonicalText) utf8 = fixture_canonical_text (TEXT, "UTF-8");
  g_autoptr(BzCanonicalText) gb = fixture_canonical_text (TEXT, "GB18030");
  g_autoptr(BzCanonicalText) same_bytes = fixture_canonical_text ("另一段文字", "UTF-8");
  g_autoptr(BzCanonicalText) other = fixture_canonical_text ("东城区", "UTF-8");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  gboolean existing = FALSE;
  guint n_changed = 0;
  gint64 first, id;

  /* The same report in another encoding: other bytes, the same canonical text. */
  g_free (gb->sha256);
  gb->sha256 = g_strdup ("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  /* The same bytes again, decoded differently by a newer decoder. */
  g_free (same_bytes->sha256);
  same_bytes->sha256 = g_strdup (utf8->sha256);

  first = bz_store_add_document (f->store, "utf8", NULL, utf8, &existing, &error);
  g_assert_no_error (error);
  g_assert_false (existing);
  f->store = fixture_reopen (f->store);
  g_signal_connect (f->store, "documents-changed", G_CALLBACK (documents_changed_cb), &n_changed);

  id = bz_store_add_document (f->store, "gb", NULL, gb, &existing, &error);
  g_assert_no_error (error);
  g_assert_true (existing);
  g_assert_cmpint (id, ==, first);
  existing = FALSE;
  id = bz_store_add_document (f->store, "again", NULL, same_bytes, &existing, &error);
  g_assert_no_error (error);
  g_assert_true (existing);
  g_assert_cmpint (id, ==, first);
  g_assert_cmpuint (n_changed, ==, 0);

  id = bz_store_add_document (f->store, "other", NULL, other, &existing, &error);
  g_assert_no_error (error);
  g_assert_false (existing);
  g_assert_cmpint (id, >, first);
  g_assert_cmpuint (n_changed, ==, 1);

  g_assert_cmpint (bz_store_find_document_by_text (f->store, TEXT, &error), ==, first);
  g_assert_cmpint (bz_store_find_document_by_text (f->store, "东城区", &error), ==, id);
  g_assert_cmpint (bz_store_find_document_by_text (f->store, "西城区", &error), ==, 0);
  g_assert_no_error (error);

  documents = bz_store_list_documents (f->store, &error);
  g_assert_cmpuint (documents->len, ==, 2);
}

static void
test_documents_invalid (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BzCanonicalText) ct = fixture_canonical_text (TEXT, "UTF-8");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;

  fixture_add_warning (ct, 40, 47, "mojibake", "past the end");
  g_assert_cmpint (bz_store_add_document (f->store, "bad", NULL, ct, NULL, &error), ==, 0);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_array_set_size (ct->warnings, 0);
  g_array_set_size (ct->offset_map, 3);
  g_assert_cmpint (bz_store_add_document (f->store, "bad", NULL, ct, NULL, &error), ==, 0);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);

  documents = bz_store_list_documents (f->store, NULL);
  g_assert_cmpuint (documents->len, ==, 0);
}

/* ---- Spans ---------------------------------------------------------------------- */

static void
test_two_stores (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(BzStore) other = fixture_open (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(BzSpan) span = bz_span_new (12, 19, "ORG", BZ_SPAN_ACCEPTED, NULL);
  gint64 document_id = fixture_add_document (f->store, "report", TEXT);
  gint64 start_time;

  bz_store_set_busy_timeout (other, 200);
  g_assert_true (bz_store_begin (f->store, "long import", FALSE, &error));
  fixture_add_span (f->store, document_id, 4, 7, "PLACE", BZ_SPAN_SUGGESTED);

  /* The other connection waits for the lock, then gives up with BUSY. */
  start_time = g_get_monotonic_time ();
  g_assert_cmpint (bz_store_add_span (other, document_id, span, &error), ==, 0);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_cmpint (g_get_monotonic_time () - start_time, >=, 150 * 1000);
  g_clear_error (&error);
  /* Reading goes on while the other one writes, and sees the last commit. */
  g_assert_cmpint (bz_store_count_spans (other, document_id, &error), ==, 0);
  g_assert_no_error (error);

  g_assert_true (bz_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bz_store_add_span (other, document_id, span, &error), >, 0);
  g_assert_no_error (error);

  spans = bz_store_list_spans (f->store, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 2);
  g_clear_pointer (&spans, g_ptr_array_unref);
  spans = bz_store_list_spans (other, document_id, &error);
  g_assert_cmpuint (spans->len, ==, 2);
}

static gpointer
worker_thread (gpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = bz_store_open (path, &error);
  gint64 document_id;

  if (store == NULL)
    return g_steal_pointer (&error);
  document_id = bz_store_find_document_by_text (store, TEXT, &error);
  if (!bz_store_begin (store, "extractor run", FALSE, &error))
    return g_steal_pointer (&error);
  for (gint64 i = 0; i + 1 < TEXT_N_CHARS; i++)
    {
      g_autoptr(BzSpan) span = bz_span_new (i, i + 1, "VALUE", BZ_SPAN_SUGGESTED, "extractor@test");

      if (bz_store_add_span (store, document_id, span, &error) == 0)
        {
          bz_store_rollback (store);
          return g_steal_pointer (&error);
        }
    }
  if (!bz_store_commit (store, &error))
    return g_steal_pointer (&error);
  return NULL;
}

static void
test_worker_thread (Fixture       *f,
                    gconstpointer  data)
{
  gint64 document_id = fixture_add_document (f->store, "report", TEXT);
  GThread *thread = g_thread_new ("worker", worker_thread, f->path);
  GError *error;

  /* The main thread keeps changing spans while the worker writes its own. */
  for (gint64 i = 0; i + 2 < TEXT_N_CHARS; i += 2)
    fixture_add_span (f->store, document_id, i, i + 2, "PLACE", BZ_SPAN_ACCEPTED);
  error = g_thread_join (thread);
  g_assert_no_error (error);
  g_assert_cmpint (bz_store_count_spans (f->store, document_id, NULL), ==,
                   (TEXT_N_CHARS - 1) + (TEXT_N_CHARS - 2) / 2);
}

/* ---- Locks: nothing in the process closes the file outside SQLite ----------- */

/* Whether another process could lock the whole workspace for itself, as the
 * last program to close it does before it deletes the write-ahead log. Every
 * open SQLite connection keeps a shared lock on the bytes that this tries. */
static gboolean
other_process_can_lock (const char *path)
{
  pid_t child = fork ();
  int status = 0;

  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      /* SQLite's lock bytes: PENDING_BYTE (1 GiB) + 2, then SHARED_SIZE. */
      struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
                            .l_start = 0x40000000 + 2, .l_len = 510 };
      int fd = open (path, O_RDWR);

      _exit (fd >= 0 && fcntl (fd, F_SETLK, &lock) == 0 ? 0 : 1);
    }
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status) == 0;
}

/* Another program opens and closes the workspace: it is the last user when
 * nobody else holds a lock, and then deletes the write-ahead log. */
static void
open_and_close_in_other_process (const char *path)
{
  pid_t child = fork ();
  int status = 0;

  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      sqlite3 *db = NULL;
      int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);

      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, "SELECT count(*) FROM documents", NULL, NULL, NULL);
      sqlite3_close (db);
      _exit (rc == SQLITE_OK ? 0 : 1);
    }
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

static void
test_second_open_keeps_locks (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *text_path = g_build_filename (f->dir, "report.txt", NULL);
  g_autoptr(GError) error = NULL;
  gint64 document_id = fixture_add_document (f->store, "report", TEXT);
  GStatBuf before, after;

  g_assert_false (other_process_can_lock (f->path));

  /* What a task of the workbench does: its own connection, opened and closed. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(BzStore) other = bz_store_open (f->path, &error);

      g_assert_no_error (error);
      g_assert_cmpint (bz_store_count_spans (other, document_id, &error), ==, 0);
      g_clear_object (&other);
      g_assert_false (other_process_can_lock (f->path));
    }
  /* Refused files are looked at through SQLite too. */
  g_assert_true (g_file_set_contents (text_path, "not a database", -1, NULL));
  g_assert_null (bz_store_open (text_path, &error));
  g_clear_error (&error);

  /* What GTK's file chooser does when it lists the workspace's folder: GIO
   * reads the first bytes of each file to guess its type. */
  for (const char *suffix = ""; suffix != NULL; suffix = *suffix == '\0' ? "-shm" : NULL)
    {
      g_autofree char *name = g_strconcat (f->path, suffix, NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (name, &contents, NULL, NULL));
    }
  g_assert_false (other_process_can_lock (f->path));

  g_assert_cmpint (g_stat (wal, &before), ==, 0);
  open_and_close_in_other_process (f->path);
  /* The log the store writes into is still the one under its name. */
  g_assert_cmpint (g_stat (wal, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, ==, after.st_ino);
  fixture_add_span (f->store, document_id, 0, 1, "PLACE", BZ_SPAN_ACCEPTED);
  g_assert_cmpint (fixture_query_int (f->path, "SELECT count(*) FROM spans"), ==, 1);
}

/* Commands that only read never make a workspace of a missing or empty file. */
static void
test_open_existing (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "mistyped", "workspace.db", NULL);
  g_autofree char *missing_folder = g_path_get_dirname (missing);
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = NULL;
  GStatBuf st;

  store = bz_store_open_full (missing, BZ_STORE_OPEN_EXISTING, &error);
  g_assert_null (store);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_false (g_file_test (missing_folder, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  store = bz_store_open_full (empty, BZ_STORE_OPEN_EXISTING, &error);
  g_assert_null (store);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, empty));
  g_assert_cmpint (g_stat (empty, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_clear_error (&error);

  /* An existing workspace opens as usual. */
  store = bz_store_open_full (f->path, BZ_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
}

/* Whether a write of @sql on the workspace's file breaks a CHECK constraint. */
static gboolean
check_refuses (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return rc == SQLITE_CONSTRAINT;
}

/* The value lists of CHECK constraints are written as comparisons (SQLite
 * builds a table of an IN list for every row it writes), in a new workspace
 * and in one of version 7 that had them as lists, and they hold as before. */
static void
test_checks_as_comparisons (Fixture       *f,
                            gconstpointer  data)
{
  const char *list_count = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND sql LIKE '% IN (''%'";
  gint64 span_id;

  f->document_id = fixture_add_document (f->store, "report", "王府井步行街改造");
  span_id = fixture_add_span (f->store, f->document_id, 0, 3, "PLACE", BZ_SPAN_ACCEPTED);
  g_assert_finalize_object (g_steal_pointer (&f->store));
  g_assert_cmpint (fixture_query_int (f->path, list_count), ==, 0);

  /* As version 7 wrote them: lists. */
  {
    gint64 version = fixture_query_int (f->path, "PRAGMA schema_version");
    g_autofree char *sql = g_strdup_printf (
      "PRAGMA writable_schema = ON;"
      "UPDATE sqlite_schema SET sql = replace (sql,"
      " '(status = ''suggested'' OR status = ''accepted'' OR status = ''rejected'')',"
      " 'status IN (''suggested'', ''accepted'', ''rejected'')') WHERE name = 'spans';"
      "UPDATE sqlite_schema SET sql = replace (sql,"
      " '(kind = ''change'' OR kind = ''undo'' OR kind = ''redo'')',"
      " 'kind IN (''change'', ''undo'', ''redo'')') WHERE name = 'actions';"
      "PRAGMA schema_version = %" G_GINT64_FORMAT ";"
      "PRAGMA writable_schema = OFF;", version + 1);

    fixture_exec_sql (f->path, sql);
    fixture_exec_sql (f->path, FIXTURE_DOWNGRADE_TO_7_SQL);
  }
  g_assert_cmpint (fixture_query_int (f->path, list_count), ==, 2);

  f->store = fixture_open (f->path);
  g_assert_cmpint (fixture_query_int (f->path, list_count), ==, 0);
  g_assert_cmpint (fixture_query_int (f->path, "PRAGMA user_version"), ==, BZ_STORE_SCHEMA_VERSION);
  {
    g_autofree char *ok = fixture_query_text (f->path, "PRAGMA integrity_check");
    g_autoptr(BzSpan) span = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_cmpstr (ok, ==, "ok\n");
    span = bz_store_get_span (f->store, span_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (bz_span_get_surface (span), ==, "王府井");
  }
  g_assert_true (check_refuses (f->path, "UPDATE spans SET status = 'maybe'"));
  g_assert_true (check_refuses (f->path, "UPDATE actions SET kind = 'redo-all'"));
  g_assert_true (check_refuses (f->path, "UPDATE documents SET script = 'latin'"));
  g_assert_true (check_refuses (f->path, "UPDATE history SET op = 'move'"));
  g_assert_false (check_refuses (f->path, "UPDATE spans SET status = 'rejected'"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = fixture_make_dir ();
  int status;

  /* Before anything reads it: g_get_user_data_dir() keeps the first value. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/biaozhu/store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("open-creates", test_open_creates);
  ADD ("open-settings", test_open_settings);
  g_test_add_func ("/biaozhu/store/default-path", test_default_path);
  ADD ("migrates-empty-database", test_migrates_empty_database);
  ADD ("checks-as-comparisons", test_checks_as_comparisons);
  ADD ("refuses-newer-version", test_refuses_newer_version);
  ADD ("refuses-foreign-sqlite", test_refuses_foreign_sqlite);
  ADD ("refuses-marked-without-tables", test_refuses_marked_without_tables);
  ADD ("refuses-text-file", test_refuses_text_file);
  ADD ("refuses-folder", test_refuses_folder);
  ADD ("folder-not-creatable", test_folder_not_creatable);
  ADD ("disk-full", test_disk_full);
  ADD ("labels", test_labels);
  ADD ("labels-replace", test_labels_replace);
  g_test_add_func ("/biaozhu/store/labels-malformed", test_labels_malformed);
  ADD ("reviewers", test_reviewers);
  ADD ("documents-round-trip", test_documents_round_trip);
  ADD ("documents-dedup", test_documents_dedup);
  ADD ("documents-invalid", test_documents_invalid);
  ADD ("two-stores", test_two_stores);
  ADD ("worker-thread", test_worker_thread);
  ADD ("second-open-keeps-locks", test_second_open_keeps_locks);
  ADD ("open-existing", test_open_existing);
#undef ADD

  status = g_test_run ();
  fixture_remove_tree (data_home);
  return status;
}
