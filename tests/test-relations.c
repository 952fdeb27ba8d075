/* test-relations.c: relations in the store, their migration, and their way
 * through the formats that hold them (native, Label Studio, brat)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <biaozhu.h>

#include "store-fixtures.h"

/* The guide's examples: GDP → 1112.6亿元 (has_value), GDP → 6.3% (has_change),
 * 王府井H2项目 → 王府井 (located_in). */
static const char report_text[] = "全区GDP实现1112.6亿元，同比增长6.3%。王府井H2项目开工。";

typedef struct
{
  gint64 gdp, value, change, project, place;
} Spans;

static gint64
add_surface (BzStore    *store,
             gint64      document_id,
             const char *surface,
             const char *label)
{
  const char *hit = strstr (report_text, surface);
  gint64 start;

  g_assert_nonnull (hit);
  start = g_utf8_pointer_to_offset (report_text, hit);
  return fixture_add_span (store, document_id, start, start + g_utf8_strlen (surface, -1), label, BZ_SPAN_ACCEPTED);
}

static gint64
add_report (BzStore *store,
            Spans   *spans)
{
  gint64 document_id = fixture_add_document (store, "report.txt", report_text);

  spans->gdp = add_surface (store, document_id, "GDP", "INDICATOR");
  spans->value = add_surface (store, document_id, "1112.6亿元", "VALUE");
  spans->change = add_surface (store, document_id, "6.3%", "VALUE");
  spans->project = add_surface (store, document_id, "王府井H2项目", "PROJECT");
  spans->place = add_surface (store, document_id, "王府井", "PLACE");
  return document_id;
}

static void
test_store (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  Spans s;
  gint64 document_id, other, has_value, again;
  BzRelation *relation;

  bz_store_set_reviewer (f->store, "王芳");
  document_id = add_report (f->store, &s);
  other = fixture_add_document (f->store, "other.txt", "东城区");
  g_signal_connect (f->store, "spans-changed", G_CALLBACK (fixture_collect_cb), changed);

  has_value = bz_store_add_relation (f->store, s.gdp, s.value, "has_value", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (has_value, >, 0);
  /* The view of the document hears of it, like of a span. */
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpint (g_array_index (changed, gint64, 0), ==, document_id);
  g_assert_cmpint (bz_store_add_relation (f->store, s.gdp, s.change, "has_change", NULL, &error), >, 0);
  g_assert_cmpint (bz_store_add_relation (f->store, s.project, s.place, "located_in", "import:brat", &error), >, 0);
  g_assert_no_error (error);

  /* The same link again is the same relation. */
  again = bz_store_add_relation (f->store, s.gdp, s.value, "has_value", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, has_value);

  relations = bz_store_list_relations (f->store, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 3);
  relation = g_ptr_array_index (relations, 0);
  g_assert_cmpint (relation->id, ==, has_value);
  g_assert_cmpint (relation->from_span, ==, s.gdp);
  g_assert_cmpint (relation->to_span, ==, s.value);
  g_assert_cmpstr (relation->type, ==, "has_value");
  g_assert_cmpstr (relation->origin, ==, "human");
  g_assert_cmpstr (relation->reviewer, ==, "王芳");
  g_assert_cmpint (relation->created, >, 1700000000);
  g_assert_cmpstr (((BzRelation *) g_ptr_array_index (relations, 2))->origin, ==, "import:brat");
  g_assert_cmpint (bz_store_count_relations (f->store, &error), ==, 3);

  /* What breaks a rule is refused and nothing is written. */
  g_assert_cmpint (bz_store_add_relation (f->store, s.gdp, s.value, "has value", NULL, &error), ==, 0);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (bz_store_add_relation (f->store, s.gdp, s.gdp, "has_value", NULL, &error), ==, 0);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (bz_store_add_relation (f->store, s.gdp, s.value + 1000, "has_value", NULL, &error), ==, 0);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    gint64 elsewhere = fixture_add_span (f->store, other, 0, 3, "PLACE", BZ_SPAN_ACCEPTED);

    g_assert_cmpint (bz_store_add_relation (f->store, s.project, elsewhere, "located_in", NULL, &error), ==, 0);
    g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "two documents"));
    g_clear_error (&error);
  }
  g_assert_cmpint (bz_store_count_relations (f->store, &error), ==, 3);

  /* A relation goes with its span, and can be deleted on its own. */
  g_assert_true (bz_store_delete_span (f->store, s.change, &error));
  g_assert_cmpint (bz_store_count_relations (f->store, &error), ==, 2);
  g_assert_true (bz_store_delete_relation (f->store, has_value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bz_store_count_relations (f->store, &error), ==, 1);
  g_assert_false (bz_store_delete_relation (f->store, has_value, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* And they stay across a reopen. */
  f->store = fixture_reopen (f->store);
  g_clear_pointer (&relations, g_ptr_array_unref);
  relations = bz_store_list_relations (f->store, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpstr (((BzRelation *) g_ptr_array_index (relations, 0))->type, ==, "located_in");
}

/* The relations of the document as one line each, to compare whole states. */
static char *
describe_relations (BzStore *store,
                    gint64   document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = bz_store_list_relations (store, document_id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < relations->len; i++)
    {
      BzRelation *r = g_ptr_array_index (relations, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "→%" G_GINT64_FORMAT
                              " %s %s %s %" G_GINT64_FORMAT "\n",
                              r->id, r->from_span, r->to_span, r->type, r->origin, r->reviewer,
                              r->created);
    }
  return g_string_free (out, FALSE);
}

static void
undo (BzStore *store,
      gint64   document_id)
{
  fixture_replay (store, TRUE, document_id);
}

static void
redo (BzStore *store,
      gint64   document_id)
{
  fixture_replay (store, FALSE, document_id);
}

/* Adding and deleting a relation are actions of their own, and a span's
 * deletion takes its relations along in one action: undo and redo replay
 * each in one step, also across a reopen. */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *none = NULL;
  g_autofree char *one = NULL;
  g_autofree char *three = NULL;
  g_autofree char *state = NULL;
  g_autoptr(BzSpan) gdp = NULL;
  Spans s;
  gint64 document_id, has_value;
  gulong handler;

  bz_store_set_reviewer (f->store, "王芳");
  document_id = add_report (f->store, &s);
  none = describe_relations (f->store, document_id);

  /* The undo right after a link takes the link away, not the span before it. */
  has_value = bz_store_add_relation (f->store, s.gdp, s.value, "has_value", NULL, &error);
  g_assert_no_error (error);
  one = describe_relations (f->store, document_id);
  handler = g_signal_connect (f->store, "spans-changed", G_CALLBACK (fixture_collect_cb), changed);
  undo (f->store, document_id);
  g_signal_handler_disconnect (f->store, handler);
  g_assert_cmpuint (changed->len, ==, 1);
  state = describe_relations (f->store, document_id);
  g_assert_cmpstr (state, ==, none);
  g_clear_pointer (&state, g_free);
  g_assert_cmpint (bz_store_count_spans (f->store, document_id, &error), ==, 5);
  f->store = fixture_reopen (f->store);
  redo (f->store, document_id);
  state = describe_relations (f->store, document_id);
  /* The same relation comes back: its id, reviewer and time. */
  g_assert_cmpstr (state, ==, one);
  g_clear_pointer (&state, g_free);

  g_assert_cmpint (bz_store_add_relation (f->store, s.gdp, s.change, "has_change", NULL, &error), >, 0);
  g_assert_cmpint (bz_store_add_relation (f->store, s.project, s.place, "located_in", NULL, &error), >, 0);
  g_assert_no_error (error);
  three = describe_relations (f->store, document_id);

  /* Deleting GDP deletes its two relations in the same action. */
  gdp = bz_store_get_span (f->store, s.gdp, &error);
  g_assert_true (bz_store_delete_span (f->store, s.gdp, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bz_store_count_relations (f->store, &error), ==, 1);
  f->store = fixture_reopen (f->store);
  undo (f->store, document_id);
  state = describe_relations (f->store, document_id);
  g_assert_cmpstr (state, ==, three);
  g_clear_pointer (&state, g_free);
  {
    g_autoptr(BzSpan) back = bz_store_get_span (f->store, s.gdp, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (bz_span_get_surface (back), ==, bz_span_get_surface (gdp));
  }
  redo (f->store, document_id);
  g_assert_cmpint (bz_store_count_relations (f->store, &error), ==, 1);
  undo (f->store, document_id);
  state = describe_relations (f->store, document_id);
  g_assert_cmpstr (state, ==, three);
  g_clear_pointer (&state, g_free);

  /* A relation deleted on its own comes back on its own. */
  g_assert_true (bz_store_delete_relation (f->store, has_value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bz_store_count_relations (f->store, &error), ==, 2);
  undo (f->store, document_id);
  state = describe_relations (f->store, document_id);
  g_assert_cmpstr (state, ==, three);
  g_clear_pointer (&state, g_free);

  /* Back to the start: two links, then the first, then nothing to undo of them. */
  undo (f->store, document_id);
  undo (f->store, document_id);
  state = describe_relations (f->store, document_id);
  g_assert_cmpstr (state, ==, one);
  g_clear_pointer (&state, g_free);
  undo (f->store, document_id);
  state = describe_relations (f->store, document_id);
  g_assert_cmpstr (state, ==, none);
  g_assert_cmpint (bz_store_count_spans (f->store, document_id, &error), ==, 5);

  /* Another reviewer's new relation never takes an id that history names. */
  bz_store_set_reviewer (f->store, "李伟");
  f->store = fixture_reopen (f->store);
  g_assert_cmpint (bz_store_add_relation (f->store, s.project, s.place, "located_in", NULL, &error), >, has_value + 2);
  g_assert_no_error (error);
}

/* The history rows of relations hold the relation as JSON. */
static void
test_history_rows (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  Spans s;
  gint64 document_id, has_value;
  guint n_relation_rows = 0;

  bz_store_set_reviewer (f->store, "王芳");
  document_id = add_report (f->store, &s);
  has_value = bz_store_add_relation (f->store, s.gdp, s.value, "has_value", NULL, &error);
  g_assert_true (bz_store_delete_span (f->store, s.value, &error));
  g_assert_no_error (error);

  history = bz_store_list_history (f->store, document_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      BzHistoryEntry *entry = g_ptr_array_index (history, i);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;

      if (!g_str_equal (entry->entity, "relation"))
        continue;
      n_relation_rows++;
      g_assert_cmpint (entry->span_id, ==, has_value);
      g_assert_cmpint (entry->document_id, ==, document_id);
      g_assert_cmpstr (entry->reviewer, ==, "王芳");
      node = json_from_string (n_relation_rows == 1 ? entry->after : entry->before, &error);
      g_assert_no_error (error);
      object = json_node_get_object (node);
      g_assert_cmpint (json_object_get_int_member (object, "from"), ==, s.gdp);
      g_assert_cmpint (json_object_get_int_member (object, "to"), ==, s.value);
      g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "has_value");
      g_assert_cmpstr (json_object_get_string_member (object, "origin"), ==, "human");
      g_assert_cmpstr (json_object_get_string_member (object, "reviewer"), ==, "王芳");
      g_assert_cmpint (json_object_get_int_member (object, "created"), >, 1700000000);
      if (n_relation_rows == 1)
        {
          g_assert_cmpstr (entry->op, ==, "add");
          g_assert_null (entry->before);
        }
      else
        {
          /* The cascade is recorded in the span's action, before the span's row. */
          BzHistoryEntry *next = g_ptr_array_index (history, i + 1);

          g_assert_cmpstr (entry->op, ==, "delete");
          g_assert_null (entry->after);
          g_assert_cmpstr (next->entity, ==, "span");
          g_assert_cmpstr (next->op, ==, "delete");
          g_assert_cmpint (next->action_id, ==, entry->action_id);
        }
    }
  g_assert_cmpuint (n_relation_rows, ==, 2);
}

/* A workspace of schema version 1 (relations without origin, reviewer or time)
 * opens as the current version with its relations kept. */
static void
test_migrate (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) schema = g_resources_lookup_data ("/org/biaozhu/core/schema.sql", 0, &error);
  g_autofree char *script = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;
  Spans s;
  gint64 document_id;

  /* Write a workspace of this version, then take it back to version 1 by
   * hand: the relations table as schema.sql made it, history without the
   * entity column of version 3, without the notes, guidelines and indexes of
   * version 4 or the confidences of version 5, and user_version 1. */
  document_id = add_report (f->store, &s);
  g_assert_cmpint (bz_store_add_relation (f->store, s.gdp, s.value, "has_value", NULL, &error), >, 0);
  g_assert_finalize_object (g_steal_pointer (&f->store));

  g_assert_no_error (error);
  script = g_strndup (g_bytes_get_data (schema, NULL), g_bytes_get_size (schema));
  g_assert_nonnull (strstr (script, "CREATE TABLE relations ("));
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, FIXTURE_DOWNGRADE_TO_4_SQL, NULL, NULL, &message), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "BEGIN;"
                                 "CREATE TABLE old_relations AS SELECT id, from_span, to_span, type FROM relations;"
                                 "DROP TABLE relations;"
                                 "CREATE TABLE relations ("
                                 " id INTEGER PRIMARY KEY,"
                                 " from_span INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,"
                                 " to_span INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,"
                                 " type TEXT NOT NULL, UNIQUE (from_span, to_span, type));"
                                 "INSERT INTO relations SELECT * FROM old_relations;"
                                 "DROP TABLE old_relations;"
                                 "DROP INDEX history_row;"
                                 "DROP INDEX history_document;"
                                 "ALTER TABLE documents DROP COLUMN note;"
                                 "ALTER TABLE labels DROP COLUMN guideline_zh;"
                                 "ALTER TABLE labels DROP COLUMN guideline_en;"
                                 "ALTER TABLE history DROP COLUMN entity;"
                                 "PRAGMA user_version = 1;"
                                 "COMMIT;",
                                 NULL, NULL, &message), ==, SQLITE_OK);
  g_assert_null (message);
  sqlite3_close (db);

  f->store = fixture_open (f->path);
  relations = bz_store_list_relations (f->store, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpstr (((BzRelation *) g_ptr_array_index (relations, 0))->origin, ==, "human");
  g_assert_null (((BzRelation *) g_ptr_array_index (relations, 0))->reviewer);
  g_assert_cmpint (((BzRelation *) g_ptr_array_index (relations, 0))->created, ==, 0);
  spans = bz_store_list_spans (f->store, document_id, &error);
  g_assert_cmpuint (spans->len, ==, 5);

  /* The migrated table takes the new columns. */
  bz_store_set_reviewer (f->store, "tester");
  g_assert_cmpint (bz_store_add_relation (f->store, s.project, s.place, "located_in", NULL, &error), >, 0);
  g_clear_pointer (&relations, g_ptr_array_unref);
  relations = bz_store_list_relations (f->store, document_id, &error);
  g_assert_cmpuint (relations->len, ==, 2);
  g_assert_cmpstr (((BzRelation *) g_ptr_array_index (relations, 1))->reviewer, ==, "tester");
}

static char *
export_format (BzStore    *store,
               BzFormat    format,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzExportOptions) options = bz_export_options_new (format, path);
  g_autofree char *ann = NULL;
  g_autofree char *contents = NULL;
  BzExportReport report;

  bz_export_report_init (&report);
  g_assert_true (bz_export_store (store, options, &report, &error));
  g_assert_no_error (error);
  bz_export_report_clear (&report);
  if (format != BZ_FORMAT_BRAT)
    {
      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      return g_steal_pointer (&contents);
    }
  /* brat: a folder of .txt and .ann pairs; the relations are in the .ann. */
  {
    g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
    const char *name;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_suffix (name, ".ann"))
        {
          g_autofree char *file = g_build_filename (path, name, NULL);

          g_assert_null (ann);
          g_assert_true (g_file_get_contents (file, &ann, NULL, &error));
        }
  }
  g_assert_nonnull (ann);
  return g_steal_pointer (&ann);
}

/* Each format that holds relations carries them out of one workspace and into
 * a fresh one, and the second export is the first. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  const BzFormat formats[] = { BZ_FORMAT_NATIVE, BZ_FORMAT_LABEL_STUDIO, BZ_FORMAT_BRAT };
  const char *markers[] = { "\"has_value\"", "\"relation\"", "has_value Arg1:" };
  Spans s;
  gint64 document_id;
  g_autoptr(GError) error = NULL;

  document_id = add_report (f->store, &s);
  g_assert_cmpint (bz_store_add_relation (f->store, s.gdp, s.value, "has_value", NULL, &error), >, 0);
  g_assert_cmpint (bz_store_add_relation (f->store, s.gdp, s.change, "has_change", NULL, &error), >, 0);
  g_assert_cmpint (bz_store_add_relation (f->store, s.project, s.place, "located_in", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (document_id, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *first_path = g_strdup_printf ("%s/first-%u", f->dir, i);
      g_autofree char *second_path = g_strdup_printf ("%s/second-%u", f->dir, i);
      g_autofree char *fresh_path = g_strdup_printf ("%s/fresh-%u.db", f->dir, i);
      g_autofree char *first = export_format (f->store, formats[i], first_path);
      g_autofree char *second = NULL;
      g_autoptr(BzStore) fresh = fixture_open (fresh_path);
      g_autoptr(GPtrArray) documents = NULL;
      g_autoptr(GPtrArray) relations = NULL;
      g_autofree char *origin = g_strconcat ("import:", bz_format_to_string (formats[i]), NULL);
      BzImportAnnotationsOptions options = { formats[i], FALSE, BZ_SPAN_ACCEPTED, TRUE };
      BzImportAnnotationsReport report = { 0 };

      g_test_message ("%s", bz_format_to_string (formats[i]));
      g_assert_nonnull (strstr (first, markers[i]));
      g_assert_true (bz_import_annotations (fresh, first_path, &options, &report, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report.n_relations, ==, 3);

      documents = bz_store_list_documents (fresh, &error);
      g_assert_cmpuint (documents->len, ==, 1);
      relations = bz_store_list_relations (fresh, bz_document_get_id (g_ptr_array_index (documents, 0)), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (relations->len, ==, 3);
      for (guint k = 0; k < relations->len; k++)
        g_assert_cmpstr (((BzRelation *) g_ptr_array_index (relations, k))->origin, ==, origin);

      second = export_format (fresh, formats[i], second_path);
      g_assert_cmpstr (second, ==, first);

      /* Importing the same file again adds no relation twice. */
      g_assert_true (bz_import_annotations (fresh, first_path, &options, &report, &error));
      g_assert_no_error (error);
      g_assert_cmpint (bz_store_count_relations (fresh, &error), ==, 3);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/biaozhu/relations/store", Fixture, NULL, fixture_set_up, test_store, fixture_tear_down);
  g_test_add ("/biaozhu/relations/undo", Fixture, NULL, fixture_set_up, test_undo, fixture_tear_down);
  g_test_add ("/biaozhu/relations/history-rows", Fixture, NULL, fixture_set_up, test_history_rows, fixture_tear_down);
  g_test_add ("/biaozhu/relations/migrate", Fixture, NULL, fixture_set_up, test_migrate, fixture_tear_down);
  g_test_add ("/biaozhu/relations/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);

  return g_test_run ();
}
