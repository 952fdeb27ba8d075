/* test-export-store.c: exports from the workspace and annotations imported back into it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <biaozhu.h>

typedef struct
{
  char    *dir;
  BzStore *store;
  char    *seed;
} Fixture;

static const char *texts[] = {
  "𠮷野家在王府井开店😀，东城区第一人民医院异地迁建项目。\nGDP实现1112.6亿元，同比增长6.3%！",
  "天坛\u3000公园 \\ 在\t东城区；\n\n龙潭湖\u00a0公园",
  "北京市東城區人民政府：隆福寺、王府井。",
};

/* A doccano file with every 王府井, 东城区, 東城區 and 隆福寺 as PLACE, and the nested pair. */
static char *
make_seed (const char *dir)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char *path = g_build_filename (dir, "seed.jsonl", NULL);
  const char *places[] = { "王府井", "东城区", "東城區", "隆福寺", "龙潭湖" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *line = NULL;
      g_autofree char *title = g_strdup_printf ("text%u.txt", i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, texts[i]);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, title);
      json_builder_set_member_name (builder, "label");
      json_builder_begin_array (builder);
      for (guint k = 0; k < G_N_ELEMENTS (places); k++)
        {
          const char *hit = strstr (texts[i], places[k]);

          if (hit == NULL)
            continue;
          json_builder_begin_array (builder);
          json_builder_add_int_value (builder, g_utf8_pointer_to_offset (texts[i], hit));
          json_builder_add_int_value (builder, g_utf8_pointer_to_offset (texts[i], hit) + 3);
          json_builder_add_string_value (builder, "PLACE");
          json_builder_end_array (builder);
        }
      if (i == 0)
        {
          const int nested[][2] = { { 14, 20 }, { 14, 26 } };
          const char *labels[] = { "ORG", "PROJECT" };

          for (guint k = 0; k < 2; k++)
            {
              json_builder_begin_array (builder);
              json_builder_add_int_value (builder, nested[k][0]);
              json_builder_add_int_value (builder, nested[k][1]);
              json_builder_add_string_value (builder, labels[k]);
              json_builder_end_array (builder);
            }
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      line = json_generator_to_data (generator, NULL);
      g_string_append_printf (out, "%s\n", line);
    }
  g_assert_true (g_file_set_contents (path, out->str, -1, NULL));
  return path;
}

static BzStore *
open_store (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  BzStore *store = bz_store_open (path, &error);

  g_assert_no_error (error);
  bz_store_set_reviewer (store, "tester");
  return store;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BzImportAnnotationsOptions options = { BZ_FORMAT_DOCCANO, FALSE, BZ_SPAN_ACCEPTED, TRUE };
  BzImportAnnotationsReport report;

  fixture->dir = g_dir_make_tmp ("bz-export-store-XXXXXX", NULL);
  fixture->store = open_store (fixture->dir, "a.db");
  fixture->seed = make_seed (fixture->dir);
  g_assert_true (bz_import_annotations (fixture->store, fixture->seed, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_new_documents, ==, G_N_ELEMENTS (texts));
  g_assert_cmpuint (report.n_spans_added, ==, 9);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", fixture->dir);

  g_clear_object (&fixture->store);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (fixture->seed);
  g_free (fixture->dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
read_tree (const char *path)
{
  GString *out = g_string_new (NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *child = g_build_filename (path, names->pdata[i], NULL);
          g_autofree char *contents = read_tree (child);

          g_string_append_printf (out, "== %s\n%s", (char *) names->pdata[i], contents);
        }
    }
  else
    {
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_string_append (out, contents);
    }
  return g_string_free (out, FALSE);
}

static char *
export_to (BzStore    *store,
           BzFormat    format,
           const char *path,
           guint      *n_dropped)
{
  g_autoptr(BzExportOptions) options = bz_export_options_new (format, path);
  g_autoptr(GError) error = NULL;
  BzExportReport report;

  bz_export_report_init (&report);
  g_assert_true (bz_export_store (store, options, &report, &error));
  g_assert_no_error (error);
  if (n_dropped != NULL)
    *n_dropped = report.dropped->len;
  bz_export_report_clear (&report);
  return read_tree (path);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  for (guint f = 0; f < BZ_FORMAT_N_FORMATS; f++)
    {
      g_autofree char *name = g_strconcat ("out-", bz_format_to_string (f), bz_format_get_extension (f), NULL);
      g_autofree char *again_name = g_strconcat ("again-", bz_format_to_string (f), bz_format_get_extension (f), NULL);
      g_autofree char *db = g_strconcat (bz_format_to_string (f), ".db", NULL);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *again_path = g_build_filename (fixture->dir, again_name, NULL);
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_autoptr(BzStore) fresh = open_store (fixture->dir, db);
      g_autoptr(GError) error = NULL;
      BzImportAnnotationsOptions options = { f, FALSE, BZ_SPAN_ACCEPTED, TRUE };
      BzImportAnnotationsReport report;
      guint n_dropped = 0;

      first = export_to (fixture->store, f, path, &n_dropped);
      /* The flat formats drop the ORG nested in the PROJECT, and say so. */
      g_assert_cmpuint (n_dropped, ==, bz_format_is_flat (f) ? 1 : 0);
      g_assert_true (bz_import_annotations (fresh, path, &options, &report, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report.n_new_documents, ==, G_N_ELEMENTS (texts));
      second = export_to (fresh, f, again_path, NULL);
      if (g_strcmp0 (first, second) != 0)
        g_error ("%s: the round trip changed the export:\n%s\n---\n%s", bz_format_to_string (f), first, second);
    }
}

/* The notes of document 1 and of its spans: "document|span:note|span:note". */
static char *
describe_notes (BzStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = bz_store_list_documents (store, &error);
  g_autoptr(GPtrArray) spans = NULL;
  GString *out = g_string_new (NULL);
  BzDocument *document;

  g_assert_no_error (error);
  document = documents->pdata[0];
  g_string_append (out, bz_document_get_note (document) != NULL ? bz_document_get_note (document) : "-");
  spans = bz_store_list_spans (store, bz_document_get_id (document), &error);
  for (guint i = 0; i < spans->len; i++)
    if (bz_span_get_note (spans->pdata[i]) != NULL)
      g_string_append_printf (out, "|%s:%s", bz_span_get_surface (spans->pdata[i]), bz_span_get_note (spans->pdata[i]));
  return g_string_free (out, FALSE);
}

/* The document's note and its spans' notes leave in every format that holds
 * them and come back on import-annotations, into a fresh workspace and onto
 * the same reports. */
static void
test_notes_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct
  {
    BzFormat    format;
    const char *notes;
  } formats[] = {
    { BZ_FORMAT_NATIVE, "第二句的数据待核实。\n见附表二。|王府井:街区名，不含“地区”|第一人民医院:机构全称" },
    { BZ_FORMAT_LABEL_STUDIO, "第二句的数据待核实。\n见附表二。|王府井:街区名，不含“地区”|第一人民医院:机构全称" },
    { BZ_FORMAT_DOCCANO, "第二句的数据待核实。\n见附表二。" },
    { BZ_FORMAT_BRAT, "-|王府井:街区名，不含“地区”|第一人民医院:机构全称" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = bz_store_list_spans (fixture->store, 1, &error);

  g_assert_true (bz_store_set_document_note (fixture->store, 1, "第二句的数据待核实。\n见附表二。", &error));
  for (guint i = 0; i < spans->len; i++)
    {
      const char *surface = bz_span_get_surface (spans->pdata[i]);

      if (g_str_equal (surface, "王府井"))
        g_assert_true (bz_store_set_span_note (fixture->store, bz_span_get_id (spans->pdata[i]),
                                               "街区名，不含“地区”", &error));
      else if (g_str_equal (surface, "第一人民医院"))
        g_assert_true (bz_store_set_span_note (fixture->store, bz_span_get_id (spans->pdata[i]), "机构全称", &error));
    }
  g_assert_no_error (error);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      BzFormat format = formats[f].format;
      g_autofree char *name = g_strconcat ("notes-", bz_format_to_string (format), bz_format_get_extension (format), NULL);
      g_autofree char *again_name = g_strconcat ("again-", bz_format_to_string (format), bz_format_get_extension (format), NULL);
      g_autofree char *db = g_strconcat ("notes-", bz_format_to_string (format), ".db", NULL);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *again_path = g_build_filename (fixture->dir, again_name, NULL);
      g_autofree char *first = export_to (fixture->store, format, path, NULL);
      g_autofree char *second = NULL;
      g_autofree char *notes = NULL;
      g_autoptr(BzStore) fresh = open_store (fixture->dir, db);
      BzImportAnnotationsOptions options = { format, FALSE, BZ_SPAN_ACCEPTED, TRUE };
      BzImportAnnotationsReport report;

      g_test_message ("%s", bz_format_to_string (format));
      g_assert_true (bz_import_annotations (fresh, path, &options, &report, &error));
      g_assert_no_error (error);
      notes = describe_notes (fresh);
      g_assert_cmpstr (notes, ==, formats[f].notes);
      second = export_to (fresh, format, again_path, NULL);
      g_assert_cmpstr (second, ==, first);
      g_clear_pointer (&notes, g_free);

      /* Onto the same reports: notes come back where there are none, and a
       * reviewer's note is never overridden. */
      g_assert_true (bz_store_set_document_note (fresh, 1, NULL, &error));
      g_clear_pointer (&spans, g_ptr_array_unref);
      spans = bz_store_list_spans (fresh, 1, &error);
      for (guint i = 0; i < spans->len; i++)
        if (bz_span_get_note (spans->pdata[i]) != NULL)
          g_assert_true (bz_store_set_span_note (fresh, bz_span_get_id (spans->pdata[i]),
                                                 g_str_equal (bz_span_get_surface (spans->pdata[i]), "王府井")
                                                 ? "改过的备注" : NULL,
                                                 &error));
      g_assert_no_error (error);
      g_assert_true (bz_import_annotations (fresh, path, &options, &report, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report.n_matched, ==, G_N_ELEMENTS (texts));
      notes = describe_notes (fresh);
      if (format == BZ_FORMAT_DOCCANO)
        g_assert_cmpstr (notes, ==, formats[f].notes);
      else
        {
          g_autofree char *want = g_strdup (formats[f].notes);
          g_autofree char *changed = NULL;
          g_auto(GStrv) parts = g_strsplit (want, "|王府井:街区名，不含“地区”", 2);

          changed = g_strjoinv ("|王府井:改过的备注", parts);
          g_assert_cmpstr (notes, ==, changed);
        }
    }
}

static void
test_import_onto_existing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "more.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  BzImportAnnotationsOptions options = { BZ_FORMAT_CLUENER, TRUE, BZ_SPAN_SUGGESTED, FALSE };
  BzImportAnnotationsReport report;
  guint n_import = 0;

  /* GDP as a suggestion on the existing first text, and 王府井 again (already there). */
  g_assert_true (g_file_set_contents (path, "{\"text\":\"𠮷野家在王府井开店😀，东城区第一人民医院异地迁建项目。\\nGDP实现1112.6亿元，"
                                      "同比增长6.3%！\",\"label\":{\"INDICATOR\":{\"GDP\":[[28,30]]},"
                                      "\"PLACE\":{\"王府井\":[[4,6]]}}}\n", -1, NULL));
  g_assert_true (bz_import_annotations (fixture->store, path, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_matched, ==, 1);
  g_assert_cmpuint (report.n_new_documents, ==, 0);
  g_assert_cmpuint (report.n_spans_added, ==, 1);
  g_assert_cmpuint (report.n_spans_existing, ==, 1);

  spans = bz_store_list_spans (fixture->store, 1, &error);
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = spans->pdata[i];

      if (!g_str_equal (bz_span_get_label (span), "INDICATOR"))
        continue;
      n_import++;
      g_assert_cmpint (bz_span_get_start (span), ==, 28);
      g_assert_cmpint (bz_span_get_end (span), ==, 31);
      g_assert_cmpstr (bz_span_get_surface (span), ==, "GDP");
      g_assert_cmpint (bz_span_get_status (span), ==, BZ_SPAN_SUGGESTED);
      g_assert_cmpstr (bz_span_get_origin (span), ==, "import:cluener");
    }
  g_assert_cmpuint (n_import, ==, 1);
}

static guint
count_spans (BzStore *store)
{
  g_autoptr(GPtrArray) documents = bz_store_list_documents (store, NULL);
  guint n = 0;

  for (guint i = 0; i < documents->len; i++)
    {
      g_autoptr(GPtrArray) spans = bz_store_list_spans (store, bz_document_get_id (documents->pdata[i]), NULL);

      n += spans->len;
    }
  return n + 1000 * documents->len;
}

static void
assert_refused (Fixture    *fixture,
                BzFormat    format,
                const char *contents,
                gboolean    new_documents,
                const char *cause)
{
  g_autofree char *path = g_build_filename (fixture->dir, "refused.data", NULL);
  g_autoptr(GError) error = NULL;
  BzImportAnnotationsOptions options = { format, FALSE, BZ_SPAN_ACCEPTED, new_documents };
  BzImportAnnotationsReport report;
  guint before = count_spans (fixture->store);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_assert_false (bz_import_annotations (fixture->store, path, &options, &report, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, cause) == NULL || strstr (error->message, path) == NULL)
    g_error ("unexpected message “%s” (wanted “%s”)", error->message, cause);
  /* Nothing was written: no document, no span. */
  g_assert_cmpuint (count_spans (fixture->store), ==, before);
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  /* The first line is fine and new; the second is malformed: neither is written. */
  assert_refused (fixture, BZ_FORMAT_DOCCANO,
                  "{\"text\":\"新的文档：东城区\",\"label\":[[5,8,\"PLACE\"]]}\n{\"text\":\"王府井\",\"label\":[[0,3,\"PLACE\"]}\n",
                  TRUE, "refused.data:2:");
  assert_refused (fixture, BZ_FORMAT_DOCCANO,
                  "{\"text\":\"新的文档：东城区\",\"label\":[[5,8,\"PLACE\"]]}\n{\"text\":\"王府井\",\"label\":[[0,3,\"PALACE\"]]}\n",
                  TRUE, "refused.data:2: record 2: the label “PALACE” is not in the workspace's schema");
  assert_refused (fixture, BZ_FORMAT_DOCCANO, "{\"text\":\"不在工作区的文档\",\"label\":[]}\n",
                  FALSE, "no document in the workspace has this text");
  assert_refused (fixture, BZ_FORMAT_DOCCANO, "{\"text\":\"回车\\r\\n换行\",\"label\":[]}\n",
                  TRUE, "the text is not canonical");
  assert_refused (fixture, BZ_FORMAT_BIOES, "-DOCSTART-\tO\n\n东\tB-PLACE\n城\tI-PLACE\n区\tO\n",
                  TRUE, "refused.data:5:3: ");
}

static void
test_document_selection (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "some.jsonl", NULL);
  g_autoptr(BzExportOptions) options = bz_export_options_new (BZ_FORMAT_DOCCANO, path);
  g_autoptr(GError) error = NULL;
  BzExportReport report;

  g_assert_true (bz_store_set_document_status (fixture->store, 2, BZ_DOCUMENT_REVIEWED, &error));
  g_assert_true (bz_export_options_set_documents (options, "reviewed", &error));
  bz_export_report_init (&report);
  g_assert_true (bz_export_store (fixture->store, options, &report, &error));
  g_assert_cmpuint (report.n_documents, ==, 1);
  g_assert_cmpuint (report.n_spans, ==, 2);
  bz_export_report_clear (&report);

  g_assert_true (bz_export_options_set_documents (options, "1,3", &error));
  bz_export_report_init (&report);
  g_assert_true (bz_export_store (fixture->store, options, &report, &error));
  g_assert_cmpuint (report.n_documents, ==, 2);
  bz_export_report_clear (&report);

  bz_export_options_set_labels (options, "PLACE,PALACE");
  bz_export_report_init (&report);
  g_assert_false (bz_export_store (fixture->store, options, &report, &error));
  g_assert_nonnull (strstr (error->message, "no label “PALACE”"));
  g_clear_error (&error);
  bz_export_report_clear (&report);
  bz_export_options_set_labels (options, NULL);

  g_assert_true (bz_export_options_set_documents (options, "1,99", &error));
  bz_export_report_init (&report);
  g_assert_false (bz_export_store (fixture->store, options, &report, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "99"));
  bz_export_report_clear (&report);
}

/* Pieces of a chunked export go back to their places in the whole documents. */
/* An export of the reviewed documents never carries undecided suggestions
 * silently: it is refused naming the documents, or leaves them out and says
 * so; with the suggestions asked for, nothing is missing and it goes ahead. */
static void
test_reviewed_with_undecided (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "reviewed.jsonl", NULL);
  g_autoptr(BzExportOptions) options = bz_export_options_new (BZ_FORMAT_DOCCANO, path);
  g_autoptr(BzSpan) late = bz_span_new (0, 2, "PLACE", BZ_SPAN_SUGGESTED, "extractor@test");
  g_autoptr(GError) error = NULL;
  BzExportReport report;

  g_assert_true (bz_store_set_document_status (fixture->store, 1, BZ_DOCUMENT_REVIEWED, &error));
  g_assert_true (bz_store_set_document_status (fixture->store, 2, BZ_DOCUMENT_REVIEWED, &error));
  g_assert_no_error (error);
  /* An extractor run after the review adds a suggestion to the first. */
  g_assert_cmpint (bz_store_add_span (fixture->store, 1, late, &error), >, 0);
  g_assert_true (bz_export_options_set_documents (options, "reviewed", &error));

  bz_export_report_init (&report);
  g_assert_false (bz_export_store (fixture->store, options, &report, &error));
  g_assert_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_UNDECIDED);
  g_assert_nonnull (strstr (error->message, "1 reviewed report still has undecided suggestions"));
  g_assert_nonnull (strstr (error->message, "text0.txt (1 undecided suggestion)"));
  g_assert_null (strstr (error->message, "text1.txt"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  bz_export_report_clear (&report);

  options->skip_undecided = TRUE;
  bz_export_report_init (&report);
  g_assert_true (bz_export_store (fixture->store, options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 1);
  g_assert_cmpuint (report.skipped->len, ==, 1);
  g_assert_cmpstr (report.skipped->pdata[0], ==, "text0.txt (1 undecided suggestion)");
  bz_export_report_clear (&report);

  options->skip_undecided = FALSE;
  options->statuses[BZ_SPAN_SUGGESTED] = TRUE;
  bz_export_report_init (&report);
  g_assert_true (bz_export_store (fixture->store, options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.skipped->len, ==, 0);
  bz_export_report_clear (&report);
}

/* An export never writes over the workspace or its log, under any name. */
static void
test_refuses_workspace (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *db = g_strdup (bz_store_get_path (fixture->store));
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "link.json", NULL);
  g_autofree char *dotted = g_build_filename (fixture->dir, ".", "a.db", NULL);
  const char *targets[] = { db, wal, link, dotted };
  gint64 n_documents = bz_store_count_spans (fixture->store, 1, NULL);

  g_assert_cmpint (symlink (db, link), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(BzExportOptions) options = bz_export_options_new (BZ_FORMAT_NATIVE, targets[i]);
      g_autoptr(GError) error = NULL;
      BzExportReport report;

      bz_export_report_init (&report);
      g_assert_false (bz_export_store (fixture->store, options, &report, &error));
      g_assert_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "it is a file of the workspace itself"));
      bz_export_report_clear (&report);
    }
  g_assert_cmpint (bz_store_count_spans (fixture->store, 1, NULL), ==, n_documents);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
}

static void
test_chunks_back (Fixture       *fixture,
                  gconstpointer  data)
{
  const BzFormat formats[] = { BZ_FORMAT_DOCCANO, BZ_FORMAT_NATIVE, BZ_FORMAT_LABEL_STUDIO, BZ_FORMAT_BRAT };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      const char *name = bz_format_to_string (formats[f]);
      g_autofree char *db = g_strconcat ("chunks-", name, ".db", NULL);
      g_autofree char *bare = g_build_filename (fixture->dir, "bare.jsonl", NULL);
      g_autofree char *chunked = g_build_filename (fixture->dir, "chunked", NULL);
      g_autofree char *whole = g_build_filename (fixture->dir, "whole.jsonl", NULL);
      g_autofree char *again = g_build_filename (fixture->dir, "again.jsonl", NULL);
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;
      g_autoptr(BzStore) fresh = open_store (fixture->dir, db);
      g_autoptr(BzExportOptions) options = NULL;
      g_autoptr(GError) error = NULL;
      BzImportAnnotationsOptions bare_options = { BZ_FORMAT_DOCCANO, FALSE, BZ_SPAN_ACCEPTED, TRUE };
      BzImportAnnotationsOptions chunk_options = { formats[f], FALSE, BZ_SPAN_ACCEPTED, FALSE };
      BzImportAnnotationsReport report;
      BzExportReport export_report;

      /* The same documents without spans in a fresh workspace. */
      options = bz_export_options_new (BZ_FORMAT_DOCCANO, bare);
      bz_export_options_set_labels (options, "DATE");
      bz_export_report_init (&export_report);
      g_assert_true (bz_export_store (fixture->store, options, &export_report, &error));
      bz_export_report_clear (&export_report);
      g_assert_true (bz_import_annotations (fresh, bare, &bare_options, &report, &error));
      g_assert_no_error (error);
      g_clear_pointer (&options, bz_export_options_free);

      options = bz_export_options_new (formats[f], chunked);
      options->max_chars = 20;
      bz_export_report_init (&export_report);
      g_assert_true (bz_export_store (fixture->store, options, &export_report, &error));
      g_assert_cmpuint (export_report.n_records, >, export_report.n_documents);
      bz_export_report_clear (&export_report);
      g_assert_true (bz_import_annotations (fresh, chunked, &chunk_options, &report, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report.n_new_documents, ==, 0);
      g_assert_cmpuint (report.n_matched, ==, report.n_records);
      g_assert_cmpuint (report.n_spans_added, ==, 9);

      expected = export_to (fixture->store, BZ_FORMAT_DOCCANO, whole, NULL);
      got = export_to (fresh, BZ_FORMAT_DOCCANO, again, NULL);
      if (!g_str_equal (expected, got))
        g_error ("%s: chunks did not go back in place:\n%s\n---\n%s", name, expected, got);
      {
        g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", chunked);

        g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
      }
    }
}

static void
cancel_after_first_cb (guint    done,
                       guint    total,
                       gpointer user_data)
{
  if (done == 1)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "cancelled.json", NULL);
  g_autoptr(BzExportOptions) options = bz_export_options_new (BZ_FORMAT_NATIVE, path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(BzStore) fresh = open_store (fixture->dir, "cancel.db");
  g_autoptr(GError) error = NULL;
  BzImportAnnotationsOptions import_options = { BZ_FORMAT_DOCCANO, FALSE, BZ_SPAN_ACCEPTED, TRUE };
  BzImportAnnotationsReport import_report;
  BzExportReport report;

  bz_export_report_init (&report);
  g_assert_false (bz_export_store_full (fixture->store, options, cancel_after_first_cb, cancellable,
                                        cancellable, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (report.n_documents, ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  bz_export_report_clear (&report);
  g_clear_error (&error);

  /* An import cancelled after its first record keeps that record's document,
   * which was committed whole, and nothing of the others. */
  g_cancellable_reset (cancellable);
  g_assert_false (bz_import_annotations_full (fresh, fixture->seed, &import_options, cancel_after_first_cb,
                                              cancellable, cancellable, &import_report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "1 of 3 records were imported"));
  g_assert_cmpuint (import_report.n_records, ==, 1);
  g_assert_cmpuint (import_report.n_new_documents, ==, 1);
  g_assert_cmpuint (count_spans (fresh), ==, 1000 + import_report.n_spans_added);
  g_assert_cmpuint (import_report.n_spans_added, ==, 4);
}

/* A second connection on the workspace, as another reviewer's workbench. */
typedef struct
{
  BzStore *other;
  guint    at;
  gboolean hold_lock;
  guint    n_documents_seen;
  gboolean decided;
  GError  *error;
} OtherWriter;

/* Between two documents of an import: the other connection sees what the
 * import committed and commits a decision at once (it waits for no lock), or
 * takes the write lock and keeps it. */
static void
other_writer_cb (guint    done,
                 guint    total,
                 gpointer user_data)
{
  OtherWriter *writer = user_data;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) spans = NULL;

  if (done != writer->at || writer->error != NULL)
    return;
  if (writer->hold_lock)
    {
      bz_store_begin (writer->other, "Hold the lock", FALSE, &writer->error);
      return;
    }
  documents = bz_store_list_documents (writer->other, &writer->error);
  if (documents == NULL)
    return;
  writer->n_documents_seen = documents->len;
  if (documents->len == 0)
    return;
  spans = bz_store_list_spans (writer->other, bz_document_get_id (documents->pdata[0]), &writer->error);
  if (spans == NULL || spans->len == 0)
    return;
  writer->decided = bz_store_set_span_status (writer->other, bz_span_get_id (spans->pdata[0]), BZ_SPAN_REJECTED,
                                              &writer->error);
}

static void
test_import_commits_per_document (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(BzStore) fresh = open_store (fixture->dir, "per-document.db");
  g_autoptr(BzStore) other = open_store (fixture->dir, "per-document.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  BzImportAnnotationsOptions options = { BZ_FORMAT_DOCCANO, FALSE, BZ_SPAN_ACCEPTED, TRUE };
  BzImportAnnotationsReport report;
  OtherWriter writer = { other, 1, FALSE, 0, FALSE, NULL };

  /* Any wait would be a lock that the import holds across documents. */
  bz_store_set_busy_timeout (other, 0);
  g_assert_true (bz_import_annotations_full (fresh, fixture->seed, &options, other_writer_cb, &writer, NULL,
                                             &report, &error));
  g_assert_no_error (error);
  g_assert_no_error (writer.error);
  g_assert_cmpuint (writer.n_documents_seen, ==, 1);
  g_assert_true (writer.decided);
  g_assert_cmpuint (report.n_new_documents, ==, G_N_ELEMENTS (texts));

  /* The decision stays: the import went on around it. */
  documents = bz_store_list_documents (fresh, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, G_N_ELEMENTS (texts));
  spans = bz_store_list_spans (fresh, bz_document_get_id (documents->pdata[0]), &error);
  g_assert_no_error (error);
  g_assert_cmpint (bz_span_get_status (spans->pdata[0]), ==, BZ_SPAN_REJECTED);
}

/* An import that fails at its third record (the workspace stays locked by
 * another connection) keeps the two documents before it, each whole, and says
 * so; run again, it adds the rest. */
static void
test_import_fails_midway (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(BzStore) fresh = open_store (fixture->dir, "midway.db");
  g_autoptr(BzStore) other = open_store (fixture->dir, "midway.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  BzImportAnnotationsOptions options = { BZ_FORMAT_DOCCANO, FALSE, BZ_SPAN_ACCEPTED, TRUE };
  BzImportAnnotationsReport report;
  OtherWriter writer = { other, 2, TRUE, 0, FALSE, NULL };

  bz_store_set_busy_timeout (other, 0);
  bz_store_set_busy_timeout (fresh, 0);
  g_assert_false (bz_import_annotations_full (fresh, fixture->seed, &options, other_writer_cb, &writer, NULL,
                                              &report, &error));
  g_assert_no_error (writer.error);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, fixture->seed));
  g_assert_nonnull (strstr (error->message, "record 3"));
  g_assert_nonnull (strstr (error->message, "2 of 3 records were imported"));
  g_assert_cmpuint (report.n_records, ==, 2);
  g_assert_cmpuint (report.n_new_documents, ==, 2);
  g_clear_error (&error);
  bz_store_rollback (other);

  documents = bz_store_list_documents (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);
  g_assert_cmpuint (count_spans (other), ==, 2000 + report.n_spans_added);

  g_assert_true (bz_import_annotations (fresh, fixture->seed, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_matched, ==, 2);
  g_assert_cmpuint (report.n_new_documents, ==, 1);
  g_assert_cmpuint (count_spans (fresh), ==, count_spans (fixture->store));
}

/* The record the bulk reader gives is what the document and bz_store_list_spans()
 * say: the same spans in the same order with the same fields. */
static void
assert_record_matches (BzStore        *store,
                       const BzRecord *record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzDocument) document = bz_store_get_document (store, record->id, &error);
  g_autoptr(GPtrArray) spans = bz_store_list_spans (store, record->id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (record->title, ==, bz_document_get_title (document));
  g_assert_cmpstr (record->text, ==, bz_document_get_text (document));
  g_assert_cmpint (record->n_chars, ==, bz_document_get_n_chars (document));
  g_assert_cmpstr (record->source_path, ==, bz_document_get_source_path (document));
  g_assert_cmpstr (record->sha256, ==, bz_document_get_sha256 (document));
  g_assert_cmpstr (record->encoding, ==, bz_document_get_encoding (document));
  g_assert_cmpint (record->script, ==, bz_document_get_script (document));
  g_assert_cmpint (record->status, ==, bz_document_get_status (document));
  g_assert_cmpuint (record->spans->len, ==, spans->len);
  for (guint i = 0; i < spans->len; i++)
    {
      const BzRecordSpan *got = &g_array_index (record->spans, BzRecordSpan, i);
      BzSpan *want = spans->pdata[i];

      g_assert_cmpint (got->id, ==, bz_span_get_id (want));
      g_assert_cmpint (got->start, ==, bz_span_get_start (want));
      g_assert_cmpint (got->end, ==, bz_span_get_end (want));
      g_assert_cmpstr (got->label, ==, bz_span_get_label (want));
      g_assert_cmpstr (got->surface, ==, bz_span_get_surface (want));
      g_assert_cmpint (got->status, ==, bz_span_get_status (want));
      g_assert_cmpstr (got->origin, ==, bz_span_get_origin (want));
      g_assert_cmpstr (got->reviewer, ==, bz_span_get_reviewer (want));
      g_assert_cmpstr (got->attributes, ==, bz_span_get_attributes (want));
      g_assert_cmpstr (got->note, ==, bz_span_get_note (want));
    }
}

static gint64
add_span (BzStore      *store,
          gint64        document_id,
          gint64        start,
          gint64        end,
          const char   *label,
          BzSpanStatus  status,
          const char   *origin)
{
  g_autoptr(BzSpan) span = bz_span_new (start, end, label, status, origin);
  g_autoptr(GError) error = NULL;
  gint64 id = bz_store_add_span (store, document_id, span, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The bulk reader against the store's own span listing, on spans of every status
 * with notes and attributes, added out of order so that ids do not follow offsets. */
static void
test_bulk_read (Fixture       *fixture,
                gconstpointer  data)
{
  BzStore *store = fixture->store;
  g_autoptr(BzStoreRecords) records = NULL;
  g_autoptr(BzStoreRecords) reviewed = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  BzRecord *record = NULL;
  gint64 id;
  guint n = 0;

  /* Document 1: "𠮷野家在王府井开店😀，东城区第一人民医院异地迁建项目。..." */
  id = add_span (store, 1, 0, 3, "ORG", BZ_SPAN_SUGGESTED, "extractor@1");
  g_assert_true (bz_store_set_span_attributes (store, id, "{\"confidence\":0.5,\"名\":\"𠮷\"}", &error));
  add_span (store, 1, 0, 3, "PLACE", BZ_SPAN_SUGGESTED, "extractor@1");
  add_span (store, 1, 0, 1, "PLACE", BZ_SPAN_ACCEPTED, "human");
  id = add_span (store, 1, 0, 5, "PROJECT", BZ_SPAN_SUGGESTED, "external:jieba");
  g_assert_true (bz_store_set_span_status (store, id, BZ_SPAN_REJECTED, &error));
  g_assert_true (bz_store_set_span_note (store, id, "不是项目：“𠮷野家”是店名", &error));
  id = add_span (store, 1, 10, 13, "PLACE", BZ_SPAN_SUGGESTED, "extractor@1");
  g_assert_true (bz_store_set_span_status (store, id, BZ_SPAN_ACCEPTED, &error));
  g_assert_true (bz_store_set_span_bounds (store, id, 11, 13, &error));
  add_span (store, 1, 9, 10, "VALUE", BZ_SPAN_SUGGESTED, "extractor@1");
  add_span (store, 3, 0, 3, "PLACE", BZ_SPAN_REJECTED, "import:doccano");
  g_assert_no_error (error);
  g_assert_true (bz_store_set_document_status (store, 2, BZ_DOCUMENT_REVIEWED, &error));
  g_assert_true (bz_store_set_document_status (store, 3, BZ_DOCUMENT_IN_PROGRESS, &error));

  records = bz_store_records_new (store, FALSE);
  g_assert_cmpint (bz_store_records_count (records, &error), ==, G_N_ELEMENTS (texts));
  documents = bz_store_list_documents (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, G_N_ELEMENTS (texts));

  /* By id, and in the walk: every document in ascending id. */
  for (guint i = 0; i < documents->len; i++)
    {
      g_autoptr(BzRecord) by_id = bz_store_records_read (records, bz_document_get_id (documents->pdata[i]), &error);

      g_assert_no_error (error);
      assert_record_matches (store, by_id);
    }
  while (bz_store_records_next (records, &record, &error) && record != NULL)
    {
      g_assert_cmpint (record->id, ==, bz_document_get_id (documents->pdata[n++]));
      assert_record_matches (store, record);
      g_clear_pointer (&record, bz_record_free);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, documents->len);
  /* The first document holds spans of all three statuses, a note and attributes. */
  record = bz_store_records_read (records, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record->spans->len, ==, 10);
  g_assert_cmpstr (g_array_index (record->spans, BzRecordSpan, 0).label, ==, "PROJECT");
  g_assert_cmpint (g_array_index (record->spans, BzRecordSpan, 0).status, ==, BZ_SPAN_REJECTED);
  g_assert_cmpstr (g_array_index (record->spans, BzRecordSpan, 1).surface, ==, "𠮷野家");
  g_clear_pointer (&record, bz_record_free);

  /* The reviewed walk passes over the others. */
  reviewed = bz_store_records_new (store, TRUE);
  g_assert_cmpint (bz_store_records_count (reviewed, &error), ==, 1);
  g_assert_true (bz_store_records_next (reviewed, &record, &error));
  g_assert_nonnull (record);
  g_assert_cmpint (record->id, ==, 2);
  g_clear_pointer (&record, bz_record_free);
  g_assert_true (bz_store_records_next (reviewed, &record, &error));
  g_assert_null (record);

  /* A brief reader gives the same spans without what only some formats write;
   * the formats that write it get it. */
  bz_store_records_set_brief (records, TRUE);
  record = bz_store_records_read (records, 1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(BzRecord) full = NULL;

    bz_store_records_set_brief (records, FALSE);
    full = bz_store_records_read (records, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (record->spans->len, ==, full->spans->len);
    for (guint i = 0; i < record->spans->len; i++)
      {
        const BzRecordSpan *a = &g_array_index (record->spans, BzRecordSpan, i);
        const BzRecordSpan *b = &g_array_index (full->spans, BzRecordSpan, i);

        g_assert_cmpint (a->id, ==, b->id);
        g_assert_cmpint (a->start, ==, b->start);
        g_assert_cmpint (a->end, ==, b->end);
        g_assert_cmpstr (a->label, ==, b->label);
        g_assert_cmpstr (a->surface, ==, b->surface);
        g_assert_cmpint (a->status, ==, b->status);
        g_assert_null (a->origin);
        g_assert_null (a->reviewer);
        g_assert_null (a->attributes);
        g_assert_null (a->note);
        g_assert_nonnull (b->origin);
      }
  }
  g_clear_pointer (&record, bz_record_free);
  for (BzFormat format = 0; format < BZ_FORMAT_N_FORMATS; format++)
    g_assert_cmpint (bz_format_has_details (format), ==,
                     format == BZ_FORMAT_NATIVE || format == BZ_FORMAT_LABEL_STUDIO || format == BZ_FORMAT_BRAT);

  g_assert_null (bz_store_records_read (records, 99, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/biaozhu/export-store/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/biaozhu/export-store/notes-round-trip", Fixture, NULL, fixture_set_up, test_notes_round_trip,
              fixture_tear_down);
  g_test_add ("/biaozhu/export-store/import-onto-existing", Fixture, NULL, fixture_set_up,
              test_import_onto_existing, fixture_tear_down);
  g_test_add ("/biaozhu/export-store/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/biaozhu/export-store/chunks-back", Fixture, NULL, fixture_set_up, test_chunks_back, fixture_tear_down);
  g_test_add ("/biaozhu/export-store/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/biaozhu/export-store/import-commits-per-document", Fixture, NULL, fixture_set_up,
              test_import_commits_per_document, fixture_tear_down);
  g_test_add ("/biaozhu/export-store/import-fails-midway", Fixture, NULL, fixture_set_up,
              test_import_fails_midway, fixture_tear_down);
  g_test_add ("/biaozhu/export-store/document-selection", Fixture, NULL, fixture_set_up,
              test_document_selection, fixture_tear_down);
  g_test_add ("/biaozhu/export-store/reviewed-with-undecided", Fixture, NULL, fixture_set_up,
              test_reviewed_with_undecided, fixture_tear_down);
  g_test_add ("/biaozhu/export-store/refuses-workspace", Fixture, NULL, fixture_set_up,
              test_refuses_workspace, fixture_tear_down);
  g_test_add ("/biaozhu/export-store/bulk-read", Fixture, NULL, fixture_set_up, test_bulk_read, fixture_tear_down);
  return g_test_run ();
}
