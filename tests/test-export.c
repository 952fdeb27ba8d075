/* test-export.c: the export pipeline on records: filters, splits, chunks, conflicts, atomicity
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <biaozhu.h>

typedef struct
{
  GPtrArray *records;
  guint      next;
} ListSource;

static gboolean
list_next (gpointer    user_data,
           BzRecord  **out_record,
           GError    **error)
{
  ListSource *source = user_data;
  BzRecord *record;

  *out_record = NULL;
  if (source->next >= source->records->len)
    return TRUE;
  record = source->records->pdata[source->next++];
  /* The pipeline owns what the source hands out: a copy (one chunk of it all). */
  {
    g_autoptr(GPtrArray) copy = bz_record_chunk (record, G_MAXINT64, error);

    g_assert_nonnull (copy);
    g_assert_cmpuint (copy->len, ==, 1);
    *out_record = g_ptr_array_steal_index (copy, 0);
  }
  return TRUE;
}

static BzRecord *
make_document (gint64 id)
{
  g_autofree char *text = g_strdup_printf ("第%" G_GINT64_FORMAT "号：王府井大街𠮷野家开业。东城区第一人民医院异地迁建项目启动！\n"
                                           "GDP增长6.3%%；隆福寺😀", id);
  g_autofree char *title = g_strdup_printf ("doc%" G_GINT64_FORMAT ".txt", id);
  BzRecord *record = bz_record_new (id, title, text);
  gint64 base = g_utf8_strlen (text, -1) - g_utf8_strlen ("：王府井大街𠮷野家开业。东城区第一人民医院异地迁建项目启动！\nGDP增长6.3%；隆福寺😀", -1);

  record->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  record->status = id % 2 == 0 ? BZ_DOCUMENT_REVIEWED : BZ_DOCUMENT_IN_PROGRESS;
  bz_record_add_span (record, base + 1, base + 6, "PLACE", BZ_SPAN_ACCEPTED, "human");      /* 王府井大街 */
  bz_record_add_span (record, base + 6, base + 9, "ORG", BZ_SPAN_REJECTED, "extractor@1");  /* 𠮷野家 */
  /* 东城区: a reviewed document has no undecided suggestion. */
  bz_record_add_span (record, base + 12, base + 15, "PLACE",
                      record->status == BZ_DOCUMENT_REVIEWED ? BZ_SPAN_REJECTED : BZ_SPAN_SUGGESTED,
                      "extractor@1");
  bz_record_add_span (record, base + 15, base + 21, "ORG", BZ_SPAN_ACCEPTED, "human");      /* 第一人民医院 */
  bz_record_add_span (record, base + 15, base + 27, "PROJECT", BZ_SPAN_ACCEPTED, "human");  /* …项目 */
  bz_record_add_span (record, base + 31, base + 34, "INDICATOR", BZ_SPAN_ACCEPTED, "human"); /* GDP */
  bz_record_add_span (record, base + 36, base + 40, "VALUE", BZ_SPAN_ACCEPTED, "human");    /* 6.3% */
  bz_record_add_span (record, base + 41, base + 44, "PLACE", BZ_SPAN_ACCEPTED, "human");    /* 隆福寺 */
  g_assert_true (bz_record_check_surfaces (record, NULL));
  g_assert_cmpstr (g_array_index (record->spans, BzRecordSpan, 7).surface, ==, "隆福寺");
  return record;
}

static GPtrArray *
make_documents (guint n)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_record_free);

  for (guint i = 1; i <= n; i++)
    g_ptr_array_add (records, make_document (i));
  return records;
}

static gboolean
run (BzExportOptions  *options,
     GPtrArray        *records,
     BzExportReport   *report,
     GError          **error)
{
  ListSource source = { records, 0 };

  bz_export_report_init (report);
  return bz_export_run (options, list_next, &source, report, error);
}

static char *
read_all (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* Nothing was written, not even a temporary file. */
static void
assert_empty_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
}

static void
remove_tree (const char *path)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", path);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
}

static void
test_default_statuses_and_filters (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bz-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.jsonl", NULL);
  g_autoptr(GPtrArray) records = make_documents (4);
  g_autoptr(BzExportOptions) options = bz_export_options_new (BZ_FORMAT_DOCCANO, path);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  BzExportReport report;

  g_assert_true (bz_export_options_set_documents (options, "reviewed", &error));
  bz_export_options_set_labels (options, "PLACE, ORG");
  g_assert_true (run (options, records, &report, &error));
  g_assert_no_error (error);
  /* Documents 2 and 4 are reviewed; accepted PLACE and ORG spans only. */
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.n_spans, ==, 6);
  data = read_all (path);
  g_assert_nonnull (strstr (data, "\"id\":2,"));
  g_assert_null (strstr (data, "\"id\":1,"));
  g_assert_null (strstr (data, "PROJECT"));
  g_assert_null (strstr (data, "[17,20,\"ORG\"]"));  /* the rejected 𠮷野家 */
  bz_export_report_clear (&report);

  /* Suggestions only when asked; rejected ones only in native. */
  g_assert_true (bz_export_options_set_statuses (options, "accepted,suggested", &error));
  g_assert_true (bz_export_options_set_documents (options, "3", &error));
  g_assert_true (run (options, records, &report, &error));
  g_assert_cmpuint (report.n_documents, ==, 1);
  g_assert_cmpuint (report.n_spans, ==, 4);
  bz_export_report_clear (&report);
  g_assert_true (bz_export_options_set_statuses (options, "rejected", &error));
  g_assert_false (run (options, records, &report, &error));
  g_assert_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "only in the native format"));
  g_clear_error (&error);
  bz_export_report_clear (&report);

  g_assert_false (bz_export_options_set_documents (options, "3,x", &error));
  g_assert_nonnull (strstr (error->message, "not a document list"));
  g_clear_error (&error);
  g_assert_false (bz_export_options_set_split (options, "8:1:1:1", &error));
  g_clear_error (&error);
  g_assert_false (bz_export_options_set_statuses (options, "maybe", &error));
  g_clear_error (&error);
  remove_tree (dir);
}

static void
test_conflicts_reported (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bz-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.conll", NULL);
  g_autoptr(GPtrArray) records = make_documents (3);
  g_autoptr(BzExportOptions) options = bz_export_options_new (BZ_FORMAT_BIOES, path);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  BzExportReport report;

  g_assert_true (run (options, records, &report, &error));
  g_assert_no_error (error);
  /* Each document's ORG inside its PROJECT is dropped and named. */
  g_assert_cmpuint (report.dropped->len, ==, 3);
  g_assert_nonnull (strstr (report.dropped->pdata[1], "document 2 (doc2.txt): span ORG [18, 24) “第一人民医院” dropped: "
                                                      "it overlaps PROJECT [18, 30)"));
  data = read_all (path);
  g_assert_nonnull (strstr (data, "第\tB-PROJECT\n一\tI-PROJECT\n"));
  g_assert_nonnull (strstr (data, "目\tE-PROJECT\n"));
  bz_export_report_clear (&report);
  remove_tree (dir);
}

static void
test_mismatch_stops_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bz-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  g_autoptr(GPtrArray) records = make_documents (500);
  g_autoptr(BzExportOptions) options = bz_export_options_new (BZ_FORMAT_LABEL_STUDIO, path);
  g_autoptr(GError) error = NULL;
  BzRecordSpan *span = &g_array_index (((BzRecord *) records->pdata[3])->spans, BzRecordSpan, 0);
  ListSource source = { records, 0 };
  BzExportReport report;

  span->id = 77;
  g_free (span->surface);
  span->surface = g_strdup ("王府井大");
  bz_export_report_init (&report);
  g_assert_false (bz_export_run (options, list_next, &source, &report, &error));
  g_assert_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "document 4 (doc4.txt): span 77 PLACE [4, 9)"));
  /* The writing side failed; the reading side stopped a few records later
   * instead of reading the rest. */
  g_assert_cmpuint (report.n_documents, ==, 3);
  g_assert_cmpuint (source.next, <, 100);
  assert_empty_folder (dir);
  bz_export_report_clear (&report);
  remove_tree (dir);
}

typedef struct
{
  ListSource list;
  guint      fail_at;
} FailingSource;

static gboolean
failing_next (gpointer    user_data,
              BzRecord  **out_record,
              GError    **error)
{
  FailingSource *source = user_data;

  *out_record = NULL;
  if (source->list.next == source->fail_at)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED, "the source broke at %u", source->fail_at);
      return FALSE;
    }
  return list_next (&source->list, out_record, error);
}

/* A source that fails mid-way: its error is the export's, every document read
 * before it was counted, and no file is left. */
static void
test_source_fails (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bz-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.jsonl", NULL);
  g_autoptr(GPtrArray) records = make_documents (300);
  g_autoptr(BzExportOptions) options = bz_export_options_new (BZ_FORMAT_DOCCANO, path);
  g_autoptr(GError) error = NULL;
  FailingSource source = { { records, 0 }, 250 };
  BzExportReport report;

  bz_export_report_init (&report);
  g_assert_false (bz_export_run (options, failing_next, &source, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_assert_cmpstr (error->message, ==, "the source broke at 250");
  g_assert_cmpuint (report.n_documents, ==, 250);
  assert_empty_folder (dir);
  bz_export_report_clear (&report);
  g_clear_error (&error);

  /* The same documents without the failure are all written, in order. */
  source.fail_at = G_MAXUINT;
  source.list.next = 0;
  bz_export_report_init (&report);
  g_assert_true (bz_export_run (options, failing_next, &source, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 300);
  {
    g_autofree char *data = read_all (path);
    g_auto(GStrv) lines = g_strsplit (data, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 301);
    for (guint i = 0; i < 300; i++)
      {
        g_autofree char *start = g_strdup_printf ("{\"id\":%u,", i + 1);

        g_assert_true (g_str_has_prefix (lines[i], start));
      }
  }
  bz_export_report_clear (&report);
  remove_tree (dir);
}

static void
test_split_stable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bz-export-XXXXXX", NULL);
  g_autoptr(GPtrArray) small = make_documents (200);
  g_autoptr(GPtrArray) large = make_documents (400);
  g_autoptr(BzExportOptions) options = bz_export_options_new (BZ_FORMAT_CLUENER, dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *train = g_build_filename (dir, "train.jsonl", NULL);
  g_autofree char *dev = g_build_filename (dir, "dev.jsonl", NULL);
  g_autofree char *test = g_build_filename (dir, "test.jsonl", NULL);
  guint counts[3] = { 0, 0, 0 };
  BzExportReport report;

  g_assert_true (bz_export_options_set_split (options, "8:1:1", &error));
  for (guint i = 0; i < small->len; i++)
    {
      guint part = bz_export_split_part (small->pdata[i], options);

      /* Adding 200 documents moves none of the first 200. */
      g_assert_cmpuint (part, ==, bz_export_split_part (large->pdata[i], options));
      counts[part]++;
    }
  /* Roughly by ratio (a hash, not a shuffle). */
  g_assert_cmpuint (counts[0], >, 130);
  g_assert_cmpuint (counts[1], >, 5);
  g_assert_cmpuint (counts[2], >, 5);

  g_assert_true (run (options, small, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_split[0], ==, counts[0]);
  g_assert_cmpuint (report.n_split[1], ==, counts[1]);
  g_assert_cmpuint (report.n_split[2], ==, counts[2]);
  g_assert_cmpuint (report.files->len, ==, 3);
  g_assert_cmpstr (report.files->pdata[1], ==, dev);
  for (guint part = 0; part < 3; part++)
    {
      g_autofree char *data = read_all (report.files->pdata[part]);
      g_auto(GStrv) lines = g_strsplit (data, "\n", -1);

      g_assert_cmpuint (g_strv_length (lines) - 1, ==, counts[part]);
    }
  g_assert_true (g_file_test (train, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (test, G_FILE_TEST_IS_REGULAR));
  bz_export_report_clear (&report);
  remove_tree (dir);
}

static void
test_chunked_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bz-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  g_autoptr(GPtrArray) records = make_documents (2);
  g_autoptr(BzExportOptions) options = bz_export_options_new (BZ_FORMAT_SPACY, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *data = NULL;
  BzExportReport report;

  options->max_chars = 20;
  g_assert_true (run (options, records, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.n_records, ==, 6);
  data = read_all (path);
  back = bz_format_read_data (BZ_FORMAT_SPACY, data, strlen (data), path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 6);
  /* 第1号：王府井大街𠮷野家开业。| 东城区第一人民医院异地迁建项目启动！| \nGDP增长6.3%；隆福寺😀 */
  g_assert_cmpstr (((BzRecord *) back->pdata[0])->text, ==, "第1号：王府井大街𠮷野家开业。");
  g_assert_cmpstr (((BzRecord *) back->pdata[1])->text, ==, "东城区第一人民医院异地迁建项目启动！\n");
  g_assert_cmpuint (((BzRecord *) back->pdata[1])->spans->len, ==, 1);
  g_assert_cmpint (g_array_index (((BzRecord *) back->pdata[1])->spans, BzRecordSpan, 0).start, ==, 3);
  g_assert_cmpstr (g_array_index (((BzRecord *) back->pdata[2])->spans, BzRecordSpan, 2).surface, ==, "隆福寺");
  bz_export_report_clear (&report);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/biaozhu/export/statuses-and-filters", test_default_statuses_and_filters);
  g_test_add_func ("/biaozhu/export/conflicts-reported", test_conflicts_reported);
  g_test_add_func ("/biaozhu/export/mismatch-stops-export", test_mismatch_stops_export);
  g_test_add_func ("/biaozhu/export/source-fails", test_source_fails);
  g_test_add_func ("/biaozhu/export/split-stable", test_split_stable);
  g_test_add_func ("/biaozhu/export/chunked", test_chunked_export);
  return g_test_run ();
}
