/* test-cli.c: biaozhu-cli import, list and stats, run as a program
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <biaozhu.h>
#include <json-glib/json-glib.h>

#include "bz-test-cli.h"

#define TRADITIONAL_SAMPLE "001_c8b0e577e10dc616.txt"
/* Its heading line, which titles it. */
#define TRADITIONAL_TITLE "政 府 工 作 報 告"

static guint
count_lines_with (const char *text,
                  const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (g_strchug (lines[i]), prefix))
      n++;
  return n;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return root;
}

/* The next runs speak Chinese (the build's translations), or the test's C locale again. */
static void
speak_chinese (gboolean chinese)
{
  if (chinese)
    {
      g_assert_nonnull (g_getenv ("BZ_LOCALEDIR"));
      g_setenv ("BIAOZHU_LOCALEDIR", g_getenv ("BZ_LOCALEDIR"), TRUE);
      g_setenv ("LANGUAGE", "zh_CN", TRUE);
      g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
    }
  else
    {
      g_unsetenv ("BIAOZHU_LOCALEDIR");
      g_unsetenv ("LANGUAGE");
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
    }
}

static void
test_import_and_list (BzCliFixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *section = NULL;
  JsonArray *documents;
  JsonArray *warnings = NULL;
  const char *samples = g_getenv ("BZ_SAMPLES");
  const char *start;

  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", "--no-extract", samples, NULL), ==, 0);
  g_assert_cmpuint (count_lines_with (fixture->out, "added: "), ==, 4);
  g_assert_nonnull (strstr (fixture->out, "4 added, 0 already present, 0 refused"));
  g_assert_cmpstr (fixture->err, ==, "");

  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", samples, NULL), ==, 0);
  g_assert_cmpuint (count_lines_with (fixture->out, "already present: "), ==, 4);
  g_assert_nonnull (strstr (fixture->out, "0 added, 4 already present, 0 refused"));

  /* The table has a header and four rows; the Traditional seed's six mojibake spots follow. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "list", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (g_strchug (fixture->out), "ID"));
  g_assert_nonnull (strstr (fixture->out, "traditional"));
  /* Reports are listed by their own heading lines, not by their files' names. */
  g_assert_nonnull (strstr (fixture->out, "2019年北京市西城区人民政府工作报告"));
  g_assert_nonnull (strstr (fixture->out, "一、上半年计划执行情况"));
  g_assert_null (strstr (fixture->out, ".txt"));
  start = strstr (fixture->out, "Warnings in document");
  g_assert_nonnull (start);
  section = g_strdup (start);
  g_assert_nonnull (strstr (section, "(" TRADITIONAL_TITLE ")"));
  g_assert_cmpuint (count_lines_with (section, "Warnings in document"), ==, 1);
  {
    g_auto(GStrv) lines = g_strsplit (section, "\n", -1);
    guint n_mojibake = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], " mojibake: ") != NULL)
        {
          n_mojibake++;
          /* The next line shows the spot in its context. */
          g_assert_nonnull (lines[i + 1]);
          g_assert_nonnull (strstr (lines[i + 1], "⟦"));
        }
    g_assert_cmpuint (n_mojibake, ==, 6);
  }

  /* The warnings in the reader's language. */
  speak_chinese (TRUE);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "list", NULL), ==, 0);
  speak_chinese (FALSE);
  {
    g_auto(GStrv) lines = g_strsplit (fixture->out, "\n", -1);
    guint n_described = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      n_described += strstr (lines[i], " mojibake: 第 ") != NULL && strstr (lines[i], "个字符处有乱码：") != NULL;
    g_assert_cmpuint (n_described, ==, 6);
  }

  g_assert_cmpint (bz_cli_fixture_run (fixture, "list", "--json", NULL), ==, 0);
  root = parse_json (fixture->out);
  documents = json_object_get_array_member (json_node_get_object (root), "documents");
  g_assert_cmpuint (json_array_get_length (documents), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *document = json_array_get_object_element (documents, i);

      g_assert_cmpstr (json_object_get_string_member (document, "encoding"), ==, "UTF-8");
      if (g_str_has_suffix (json_object_get_string_member (document, "source_path"), "/" TRADITIONAL_SAMPLE))
        {
          g_assert_cmpstr (json_object_get_string_member (document, "title"), ==, TRADITIONAL_TITLE);
          g_assert_cmpstr (json_object_get_string_member (document, "script"), ==, "traditional");
          warnings = json_object_get_array_member (document, "warnings");
        }
      else
        {
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (document, "warnings")), ==, 0);
        }
    }
  g_assert_nonnull (warnings);
  g_assert_cmpuint (json_array_get_length (warnings), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      JsonObject *warning = json_array_get_object_element (warnings, i);

      g_assert_cmpstr (json_object_get_string_member (warning, "kind"), ==, "mojibake");
      g_assert_cmpint (json_object_get_int_member (warning, "start"), <,
                       json_object_get_int_member (warning, "end"));
      g_assert_nonnull (strstr (json_object_get_string_member (warning, "context"), "⟦"));
    }
}

static void
test_exit_codes (BzCliFixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *sample = g_build_filename (g_getenv ("BZ_SAMPLES"), "000_3f1c054c4ba4af40.txt", NULL);
  g_autofree char *empty = bz_test_write (fixture->dir, "empty.txt", "", 0);
  g_autofree char *not_db = bz_test_write (fixture->dir, "not-a-db.db", "plain text, not SQLite", -1);
  g_autofree char *db_path = NULL;

  /* A refused file: 1, with the file and the cause on stderr; the others still import. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", sample, empty, NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "refused: "));
  g_assert_nonnull (strstr (fixture->err, empty));
  g_assert_nonnull (strstr (fixture->out, "1 added, 0 already present, 1 refused"));

  /* Usage errors: 2. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", NULL), ==, 2);
  g_assert_nonnull (strstr (fixture->err, "FILE or DIR"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", "--no-such-option", sample, NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "list", "extra", NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "stats", "--bogus", NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "no-such-command", NULL), ==, 2);

  /* A workspace that is not one: 1, and the file is left as it was. */
  db_path = g_steal_pointer (&fixture->db_path);
  fixture->db_path = g_strdup (not_db);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "list", NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "biaozhu-cli: "));
  g_free (fixture->db_path);
  fixture->db_path = g_steal_pointer (&db_path);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (not_db, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "plain text, not SQLite");
  }
}

/* Only commands that write may create a workspace: the others, on a mistyped
 * path or an empty file, say so and leave the disk as it was. */
static void
test_read_only_commands_create_nothing (BzCliFixture  *fixture,
                                        gconstpointer  user_data)
{
  static const char *const commands[][4] = {
    { "list", NULL },
    { "list", "--json", NULL },
    { "stats", NULL },
    { "labels", NULL },
    { "search", "东城区", NULL },
    { "extract", "--all", NULL },
    { "export", "--format", "native", "-o" },
  };
  g_autofree char *mistyped_dir = g_build_filename (fixture->dir, "no-such-folder", NULL);
  g_autofree char *mistyped = g_build_filename (mistyped_dir, "workspace.db", NULL);
  g_autofree char *empty = bz_test_write (fixture->dir, "empty.db", "", 0);
  g_autofree char *out = g_build_filename (fixture->dir, "out.json", NULL);
  const char *paths[] = { mistyped, empty };
  const char *causes[] = { "There is no workspace", "it is empty" };

  g_free (fixture->db_path);
  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        GStatBuf st;

        fixture->db_path = g_strdup (paths[p]);
        g_assert_cmpint (bz_cli_fixture_run (fixture, commands[c][0], commands[c][1],
                                             commands[c][2], commands[c][3],
                                             commands[c][3] != NULL ? out : NULL, NULL),
                         ==, 1);
        g_clear_pointer (&fixture->db_path, g_free);
        g_assert_nonnull (strstr (fixture->err, paths[p]));
        g_assert_nonnull (strstr (fixture->err, causes[p]));
        g_assert_false (g_file_test (mistyped_dir, G_FILE_TEST_EXISTS));
        g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
        g_assert_cmpint (g_stat (empty, &st), ==, 0);
        g_assert_cmpint (st.st_size, ==, 0);
      }

  /* A command that writes makes the workspace. */
  fixture->db_path = g_strdup (mistyped);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", "--no-extract", g_getenv ("BZ_SAMPLES"), NULL), ==, 0);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "list", NULL), ==, 0);
}

/* export --documents reviewed refuses a reviewed report with undecided
 * suggestions by name and count, or leaves it out with --skip-undecided. */
static void
test_export_reviewed_undecided (BzCliFixture  *fixture,
                                gconstpointer  user_data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "reviewed.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BzDocument) document = NULL;

  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", g_getenv ("BZ_SAMPLES"), NULL), ==, 0);
  {
    g_autoptr(BzStore) store = bz_store_open (fixture->db_path, &error);
    g_autoptr(BzSpan) late = bz_span_new (0, 1, "PLACE", BZ_SPAN_SUGGESTED, "extractor@later");

    g_assert_no_error (error);
    g_assert_true (bz_store_mark_reviewed (store, 1, TRUE, NULL, &error));
    g_assert_true (bz_store_mark_reviewed (store, 2, TRUE, NULL, &error));
    g_assert_no_error (error);
    /* Suggested after the review, by a later extractor run. */
    g_assert_cmpint (bz_store_add_span (store, 1, late, &error), >, 0);
    document = bz_store_get_document (store, 1, &error);
  }

  g_assert_cmpint (bz_cli_fixture_run (fixture, "export", "--format", "doccano", "--documents", "reviewed",
                                       "-o", out, NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, bz_document_get_title (document)));
  g_assert_nonnull (strstr (fixture->err, "(1 undecided suggestion)"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  g_assert_cmpint (bz_cli_fixture_run (fixture, "export", "--format", "doccano", "--documents", "reviewed",
                                       "--skip-undecided", "-o", out, NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "Exported 1 documents"));
  g_assert_nonnull (strstr (fixture->out, "1 reviewed documents with undecided suggestions left out"));
  g_assert_nonnull (strstr (fixture->err, "left out, with undecided suggestions: "));
  g_assert_nonnull (strstr (fixture->err, bz_document_get_title (document)));
}

static void
test_help (BzCliFixture       *fixture,
           gconstpointer  user_data)
{
  const char *commands[] = { "import", "list", "stats" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("biaozhu-cli %s [OPTION", commands[i]);

      g_assert_cmpint (bz_cli_fixture_run (fixture, commands[i], "--help", NULL), ==, 0);
      g_assert_nonnull (strstr (fixture->out, usage));
    }
  g_assert_nonnull (strstr (fixture->out, "--json"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "--no-extract"));
  /* --help asks nothing of the workspace. */
  g_assert_false (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
}

static gint64
add_span (BzStore      *store,
          gint64        document_id,
          gint64        start,
          const char   *label,
          const char   *origin,
          BzSpanStatus  status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzSpan) span = bz_span_new (start, start + 2, label, BZ_SPAN_SUGGESTED, origin);
  gint64 id = bz_store_add_span (store, document_id, span, &error);

  g_assert_no_error (error);
  if (status != BZ_SPAN_SUGGESTED)
    {
      bz_store_set_span_status (store, id, status, &error);
      g_assert_no_error (error);
    }
  return id;
}

static JsonObject *
find_named (JsonArray  *array,
            const char *name)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, "name", NULL), name) == 0)
        return object;
    }
  g_assert_not_reached ();
}

static void
test_stats (BzCliFixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *place;
  JsonObject *org;
  JsonObject *alice;
  gint64 doc;

  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", "--no-extract", g_getenv ("BZ_SAMPLES"), NULL), ==, 0);

  store = bz_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  bz_store_set_reviewer (store, "alice");
  documents = bz_store_list_documents (store, &error);
  g_assert_no_error (error);
  doc = bz_document_get_id (g_ptr_array_index (documents, 0));
  add_span (store, doc, 0, "PLACE", "extractor@1", BZ_SPAN_ACCEPTED);
  add_span (store, doc, 4, "PLACE", "extractor@1", BZ_SPAN_REJECTED);
  add_span (store, doc, 8, "PLACE", "external:hanlp", BZ_SPAN_ACCEPTED);
  add_span (store, doc, 12, "PLACE", "extractor@1", BZ_SPAN_SUGGESTED);
  add_span (store, doc, 16, "ORG", "human", BZ_SPAN_ACCEPTED);
  add_span (store, doc, 20, "ORG", "import:native", BZ_SPAN_REJECTED);
  g_clear_object (&store);

  g_assert_cmpint (bz_cli_fixture_run (fixture, "stats", "--json", NULL), ==, 0);
  root = parse_json (fixture->out);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "documents"), "total"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "spans"), "total"), ==, 6);

  place = find_named (json_object_get_array_member (object, "labels"), "PLACE");
  g_assert_cmpint (json_object_get_int_member (place, "accepted"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (place, "rejected"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (place, "suggested"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (place, "extractor_decided"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (place, "extractor_accepted"), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (place, "extractor_acceptance"),
                                  2.0 / 3.0, 1e-9);

  /* Neither a reviewer's own span nor an imported one counts for the extractor. */
  org = find_named (json_object_get_array_member (object, "labels"), "ORG");
  g_assert_cmpint (json_object_get_int_member (org, "total"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (org, "extractor_decided"), ==, 0);
  g_assert_true (json_node_is_null (json_object_get_member (org, "extractor_acceptance")));

  /* Every label of the schema is listed, also without spans. */
  g_assert_cmpint (json_object_get_int_member (find_named (json_object_get_array_member (object, "labels"), "DATE"),
                                               "total"), ==, 0);

  alice = find_named (json_object_get_array_member (object, "reviewers"), "alice");
  g_assert_cmpint (json_object_get_int_member (alice, "accepted"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (alice, "rejected"), ==, 2);

  g_assert_cmpint (bz_cli_fixture_run (fixture, "stats", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "2/3 66.7%"));
  g_assert_nonnull (strstr (fixture->out, "Documents: 4 (new"));
  g_assert_cmpuint (count_lines_with (fixture->out, "alice "), ==, 1);
}

/* Without --no-extract every new document comes in with the extractor's
 * suggestions, in the same transaction; with it, none. */
static void
test_import_pre_annotates (BzCliFixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *sample = g_build_filename (g_getenv ("BZ_SAMPLES"), "000_3f1c054c4ba4af40.txt", NULL);
  g_autofree char *traditional = g_build_filename (g_getenv ("BZ_SAMPLES"), TRADITIONAL_SAMPLE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) bare = NULL;
  gboolean saw_wangfujing = FALSE;

  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", sample, NULL), ==, 0);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", "--no-extract", traditional, NULL), ==, 0);

  store = bz_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  documents = bz_store_list_documents (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);

  spans = bz_store_list_spans (store, bz_document_get_id (g_ptr_array_index (documents, 0)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, >, 100);
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      g_assert_cmpint (bz_span_get_status (span), ==, BZ_SPAN_SUGGESTED);
      g_assert_true (g_str_has_prefix (bz_span_get_origin (span), "extractor@"));
      if (g_str_equal (bz_span_get_surface (span), "王府井") && g_str_equal (bz_span_get_label (span), "PLACE"))
        saw_wangfujing = TRUE;
    }
  g_assert_true (saw_wangfujing);

  bare = bz_store_list_spans (store, bz_document_get_id (g_ptr_array_index (documents, 1)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bare->len, ==, 0);
}

/* labels shows the schema with its guidelines, and replaces it from a file. */
static void
test_labels (BzCliFixture  *fixture,
             gconstpointer  user_data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *file = bz_test_write (fixture->dir, "labels.json",
                                         "{\"labels\": [{\"name\": \"PLACE\", \"color\": \"#123456\"},"
                                         " {\"name\": \"PERSON\", \"color\": \"#654321\","
                                         "  \"guideline\": {\"zh\": \"人名。\", \"en\": \"A person.\"}}]}", -1);
  g_autofree char *broken = bz_test_write (fixture->dir, "broken.json", "{\"labels\": [", -1);
  JsonArray *labels;
  JsonObject *place;

  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", "--no-extract", g_getenv ("BZ_SAMPLES"), NULL), ==, 0);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "labels", "--json", NULL), ==, 0);
  root = parse_json (fixture->out);
  labels = json_object_get_array_member (json_node_get_object (root), "labels");
  g_assert_cmpuint (json_array_get_length (labels), ==, 7);
  place = json_array_get_object_element (labels, 0);
  g_assert_cmpstr (json_object_get_string_member (place, "name"), ==, "PLACE");
  g_assert_nonnull (strstr (json_object_get_string_member (json_object_get_object_member (place, "guideline"), "zh"),
                            "王府井地区 → 王府井"));

  g_assert_cmpint (bz_cli_fixture_run (fixture, "labels", "--guideline", "en", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "Description"));
  g_assert_nonnull (strstr (fixture->out, "PLACE (地名)\n  A named geographic place"));
  g_assert_nonnull (strstr (fixture->out, "\n\n  Boundaries: mark the shortest span"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "labels", "--guideline", "fr", NULL), ==, 2);

  /* In Chinese, with the guidelines in Chinese. */
  speak_chinese (TRUE);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "labels", "--guideline", "zh", NULL), ==, 0);
  speak_chinese (FALSE);
  g_assert_nonnull (strstr (fixture->out, "显示名称"));
  g_assert_nonnull (strstr (fixture->out, "  边界：标出仍能指称该地点的最短片段"));

  /* The samples carry no spans: the schema can be replaced; a broken file is refused by name. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "labels", "--replace", broken, NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "broken.json is not valid JSON"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "labels", "--replace", file, "--guideline", "zh", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "PERSON (PERSON)\n  人名。"));
  /* PLACE keeps its guideline, which the file does not give. */
  g_assert_nonnull (strstr (fixture->out, "PLACE (PLACE)\n  有名称的地理位置"));
  g_assert_null (strstr (fixture->out, "VALUE"));
}

/* search finds a text in every report, in either script, with its place and context. */
static void
test_search (BzCliFixture  *fixture,
             gconstpointer  user_data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *hits;
  g_autoptr(GHashTable) surfaces = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_hits;

  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", "--no-extract", g_getenv ("BZ_SAMPLES"), NULL), ==, 0);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "search", "東城區", "--json", "--max-hits", "0", NULL), ==, 0);
  root = parse_json (fixture->out);
  hits = json_object_get_array_member (json_node_get_object (root), "hits");
  n_hits = json_array_get_length (hits);
  g_assert_cmpuint (n_hits, >, 10);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (root), "more"));
  for (guint i = 0; i < n_hits; i++)
    {
      JsonObject *hit = json_array_get_object_element (hits, i);
      const char *context = json_object_get_string_member (hit, "context");
      gint64 at = json_object_get_int_member (hit, "start") - json_object_get_int_member (hit, "context_start");
      g_autofree char *surface = bz_utf8_substring (context, at, at + 3);

      g_assert_cmpint (json_object_get_int_member (hit, "end") - json_object_get_int_member (hit, "start"), ==, 3);
      g_hash_table_add (surfaces, (gpointer) g_intern_string (surface));
    }
  /* The simplified reports and the traditional one. */
  g_assert_true (g_hash_table_contains (surfaces, "东城区"));
  g_assert_true (g_hash_table_contains (surfaces, "東城區"));

  g_assert_cmpint (bz_cli_fixture_run (fixture, "search", "东城区", "--max-hits", "2", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "⟦东城区⟧"));
  g_assert_nonnull (strstr (fixture->out, "The first 2 hits; there are more"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "search", "东城区", "--max-hits", "0", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "⟦東城區⟧"));
  {
    g_autofree char *count = g_strdup_printf ("\n%u hits\n", n_hits);

    g_assert_nonnull (strstr (fixture->out, count));
  }

  g_assert_cmpint (bz_cli_fixture_run (fixture, "search", "gdp", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "0 hits\n");
  g_assert_cmpint (bz_cli_fixture_run (fixture, "search", "-i", "gdp", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, !=, "0 hits\n");
  g_assert_nonnull (strstr (fixture->out, "⟦GDP⟧"));

  g_assert_cmpint (bz_cli_fixture_run (fixture, "search", NULL), ==, 2);
  speak_chinese (TRUE);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "search", "王府井", NULL), ==, 0);
  speak_chinese (FALSE);
  g_assert_nonnull (strstr (fixture->out, "个结果"));
}

/* accept: the undecided suggestions at or above a confidence, counted per
 * label first (--dry-run changes nothing), then in one step. */
static void
test_accept (BzCliFixture  *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *doc_arg = NULL;
  guint expected = 0, expected_doc = 0;
  gint64 doc;

  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", g_getenv ("BZ_SAMPLES"), NULL), ==, 0);
  store = bz_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  documents = bz_store_list_documents (store, &error);
  doc = bz_document_get_id (g_ptr_array_index (documents, 1));
  for (guint d = 0; d < documents->len; d++)
    {
      gint64 id = bz_document_get_id (g_ptr_array_index (documents, d));
      g_autoptr(GPtrArray) spans = bz_store_list_spans (store, id, &error);

      for (guint i = 0; i < spans->len; i++)
        if (bz_span_get_confidence (g_ptr_array_index (spans, i)) >= 0.95)
          {
            expected++;
            expected_doc += id == doc;
          }
    }
  g_clear_object (&store);
  g_assert_cmpuint (expected_doc, >, 0);
  g_assert_cmpuint (expected, >, expected_doc);

  g_assert_cmpint (bz_cli_fixture_run (fixture, "accept", NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "accept", "--auto", "--min-confidence", "0.5", NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "accept", "--min-confidence", "1.5", NULL), ==, 2);

  g_assert_cmpint (bz_cli_fixture_run (fixture, "accept", "--min-confidence", "0.95", "--dry-run", "--json", NULL), ==, 0);
  root = parse_json (fixture->out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "accepted"), ==, expected);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "dry_run"));
  g_clear_pointer (&root, json_node_unref);

  doc_arg = g_strdup_printf ("%" G_GINT64_FORMAT, doc);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "accept", "--min-confidence", "0.95", "--document", doc_arg, NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "VALUE"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "accept", "--min-confidence", "0.95", "--json", NULL), ==, 0);
  root = parse_json (fixture->out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "accepted"), ==, expected - expected_doc);
  g_clear_pointer (&root, json_node_unref);

  /* list --json counts each document's uncertain suggestions: undecided, below
   * the threshold bulk acceptance would pick. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "list", "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) listed = parse_json (fixture->out);
    JsonObject *object = json_node_get_object (listed);
    double threshold = json_object_get_double_member (object, "uncertain_threshold");
    JsonArray *docs = json_object_get_array_member (object, "documents");
    g_autoptr(BzStore) reopened = bz_store_open (fixture->db_path, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (threshold, >, 0.5);
    for (guint d = 0; d < json_array_get_length (docs); d++)
      {
        JsonObject *doc_json = json_array_get_object_element (docs, d);
        g_autoptr(GPtrArray) spans = bz_store_list_spans (reopened, json_object_get_int_member (doc_json, "id"), &error);
        gint64 n = 0;

        for (guint i = 0; i < spans->len; i++)
          n += bz_span_get_status (g_ptr_array_index (spans, i)) == BZ_SPAN_SUGGESTED
               && bz_span_get_confidence (g_ptr_array_index (spans, i)) < threshold;
        g_assert_cmpint (json_object_get_int_member (doc_json, "n_uncertain"), ==, n);
      }
  }

  /* --auto names the threshold it picked and its measured precision. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "accept", "--auto", "--dry-run", "--json", NULL), ==, 0);
  root = parse_json (fixture->out);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (root), "measured_precision"), >=, 0.98);

  g_assert_cmpint (bz_cli_fixture_run (fixture, "accept", "--min-confidence", "0.95", "--document", "999", NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "999"));
}

/* eval --cross-validate: one report left out at a time, each a gold file. */
static void
test_eval_cross_validate (BzCliFixture  *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *a = g_build_filename (g_getenv ("BZ_TEST_DATA"), "gold", "000_3f1c054c4ba4af40.jsonl", NULL);
  g_autofree char *b = g_build_filename (g_getenv ("BZ_TEST_DATA"), "gold", "002_f996e536b5069f20.jsonl", NULL);
  const char *ece;
  double value;

  g_assert_cmpint (bz_cli_fixture_run (fixture, "eval", "--cross-validate", "--gold", a, NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "eval", "--cross-validate", "--gold", a, "--gold", b, "--pred", a, NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "eval", "--cross-validate", "--gold", a, "--gold", b, NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "000_3f1c05"));
  g_assert_nonnull (strstr (fixture->out, "[0.9, 1.0]"));
  g_assert_nonnull (strstr (fixture->out, "\nVALUE "));
  ece = strstr (fixture->out, "Expected calibration error: ");
  g_assert_nonnull (ece);
  value = g_ascii_strtod (ece + strlen ("Expected calibration error: "), NULL);
  g_assert_cmpfloat (value, >, 0.0);
  g_assert_cmpfloat (value, <, 0.1);
  /* No workspace is made. */
  g_assert_false (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
}

/* calibrate: each gold file is one report, its counts kept on lines of its own. */
static void
test_calibrate_by_report (BzCliFixture  *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *a = g_build_filename (g_getenv ("BZ_TEST_DATA"), "gold", "000_3f1c054c4ba4af40.jsonl", NULL);
  g_autofree char *b = g_build_filename (g_getenv ("BZ_TEST_DATA"), "gold", "002_f996e536b5069f20.jsonl", NULL);
  g_auto(GStrv) lines = NULL;
  guint n_a = 0, n_b = 0;

  g_assert_cmpint (bz_cli_fixture_run (fixture, "calibrate", "--gold", a, "--gold", b, NULL), ==, 0);
  lines = g_strsplit (fixture->out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      if (*lines[i] == '\0' || *lines[i] == '#')
        continue;
      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      n_a += g_str_equal (fields[4], "000_3f1c054c4ba4af40.jsonl");
      n_b += g_str_equal (fields[4], "002_f996e536b5069f20.jsonl");
    }
  g_assert_cmpuint (n_a, >, 0);
  g_assert_cmpuint (n_b, >, 0);
  g_assert_false (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/biaozhu/cli/import-and-list", BzCliFixture, NULL, bz_cli_fixture_set_up, test_import_and_list, bz_cli_fixture_tear_down);
  g_test_add ("/biaozhu/cli/exit-codes", BzCliFixture, NULL, bz_cli_fixture_set_up, test_exit_codes, bz_cli_fixture_tear_down);
  g_test_add ("/biaozhu/cli/read-only-commands-create-nothing", BzCliFixture, NULL, bz_cli_fixture_set_up, test_read_only_commands_create_nothing, bz_cli_fixture_tear_down);
  g_test_add ("/biaozhu/cli/export-reviewed-undecided", BzCliFixture, NULL, bz_cli_fixture_set_up, test_export_reviewed_undecided, bz_cli_fixture_tear_down);
  g_test_add ("/biaozhu/cli/accept", BzCliFixture, NULL, bz_cli_fixture_set_up, test_accept, bz_cli_fixture_tear_down);
  g_test_add ("/biaozhu/cli/eval-cross-validate", BzCliFixture, NULL, bz_cli_fixture_set_up, test_eval_cross_validate, bz_cli_fixture_tear_down);
  g_test_add ("/biaozhu/cli/calibrate-by-report", BzCliFixture, NULL, bz_cli_fixture_set_up, test_calibrate_by_report, bz_cli_fixture_tear_down);
  g_test_add ("/biaozhu/cli/help", BzCliFixture, NULL, bz_cli_fixture_set_up, test_help, bz_cli_fixture_tear_down);
  g_test_add ("/biaozhu/cli/import-pre-annotates", BzCliFixture, NULL, bz_cli_fixture_set_up, test_import_pre_annotates, bz_cli_fixture_tear_down);
  g_test_add ("/biaozhu/cli/stats", BzCliFixture, NULL, bz_cli_fixture_set_up, test_stats, bz_cli_fixture_tear_down);
  g_test_add ("/biaozhu/cli/labels", BzCliFixture, NULL, bz_cli_fixture_set_up, test_labels, bz_cli_fixture_tear_down);
  g_test_add ("/biaozhu/cli/search", BzCliFixture, NULL, bz_cli_fixture_set_up, test_search, bz_cli_fixture_tear_down);
  return g_test_run ();
}
