/* test-export-text.c: exports of imported reports: CRLF sources and the Traditional seed
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <biaozhu.h>

/* Adds a document from a file's bytes, as the import does. */
static gint64
add_from_bytes (BzStore    *store,
                const char *title,
                const char *data,
                gsize       length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(BzCanonicalText) canonical = bz_canonical_text_new_from_bytes (bytes, title, &error);
  gint64 id;

  g_assert_no_error (error);
  id = bz_store_add_document (store, title, NULL, canonical, NULL, &error);
  g_assert_no_error (error);
  return id;
}

/* Marks every occurrence of @word in the document's canonical text. */
static guint
mark_all (BzStore    *store,
          gint64      document_id,
          const char *word,
          const char *label)
{
  g_autoptr(BzDocument) document = bz_store_get_document (store, document_id, NULL);
  const char *text = bz_document_get_text (document);
  gint64 length = g_utf8_strlen (word, -1);
  guint n = 0;

  for (const char *hit = strstr (text, word); hit != NULL; hit = strstr (hit + 1, word))
    {
      gint64 start = g_utf8_pointer_to_offset (text, hit);
      g_autoptr(BzSpan) span = bz_span_new (start, start + length, label, BZ_SPAN_ACCEPTED, "human");
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (bz_store_add_span (store, document_id, span, &error), >, 0);
      g_assert_no_error (error);
      g_assert_cmpstr (bz_span_get_surface (span), ==, word);
      n++;
    }
  return n;
}

/* Exports @store in @format and reads it back: every span's offsets cut out @word. */
static GPtrArray *
export_and_read (BzStore    *store,
                 const char *dir,
                 BzFormat    format)
{
  g_autofree char *name = g_strconcat ("out-", bz_format_to_string (format), bz_format_get_extension (format), NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(BzExportOptions) options = bz_export_options_new (format, path);
  g_autoptr(GError) error = NULL;
  BzExportReport report;
  GPtrArray *records;

  bz_export_report_init (&report);
  g_assert_true (bz_export_store (store, options, &report, &error));
  g_assert_no_error (error);
  bz_export_report_clear (&report);
  records = bz_format_read_file (format, path, &error);
  g_assert_no_error (error);
  return records;
}

static void
remove_tree (const char *path)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", path);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
}

static void
test_crlf_source (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bz-export-text-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "ws.db", NULL);
  g_autoptr(BzStore) store = bz_store_open (db, NULL);
  const char crlf[] = "\xEF\xBB\xBF北京市东城区人民政府\r\n𠮷野家在王府井大街😀\r\n隆福寺\r\n";
  gint64 id = add_from_bytes (store, "crlf.txt", crlf, sizeof crlf - 1);

  g_assert_cmpuint (mark_all (store, id, "王府井大街", "PLACE"), ==, 1);
  g_assert_cmpuint (mark_all (store, id, "隆福寺", "PLACE"), ==, 1);
  for (guint f = 0; f < BZ_FORMAT_N_FORMATS; f++)
    {
      g_autoptr(GPtrArray) records = export_and_read (store, dir, f);
      BzRecord *record;

      g_assert_cmpuint (records->len, ==, 1);
      record = records->pdata[0];
      /* Offsets count the canonical text: no BOM, LF line ends, 𠮷 and 😀 one each. */
      g_assert_cmpstr (record->text, ==, "北京市东城区人民政府\n𠮷野家在王府井大街😀\n隆福寺\n");
      bz_record_sort_spans (record);
      g_assert_cmpuint (record->spans->len, ==, 2);
      g_assert_cmpint (g_array_index (record->spans, BzRecordSpan, 0).start, ==, 15);
      g_assert_cmpint (g_array_index (record->spans, BzRecordSpan, 0).end, ==, 20);
      g_assert_cmpstr (g_array_index (record->spans, BzRecordSpan, 0).surface, ==, "王府井大街");
      g_assert_cmpint (g_array_index (record->spans, BzRecordSpan, 1).start, ==, 22);
      g_assert_cmpstr (g_array_index (record->spans, BzRecordSpan, 1).surface, ==, "隆福寺");
    }
  g_clear_object (&store);
  remove_tree (dir);
}

static void
test_traditional_seed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bz-export-text-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "ws.db", NULL);
  g_autofree char *seed = g_build_filename (g_getenv ("BZ_SAMPLES"), "001_c8b0e577e10dc616.txt", NULL);
  g_autoptr(BzStore) store = bz_store_open (db, NULL);
  g_autofree char *data = NULL;
  gsize length;
  gint64 id;
  guint n_places, n_orgs, n_plans;

  g_assert_true (g_file_get_contents (seed, &data, &length, NULL));
  id = add_from_bytes (store, "001_c8b0e577e10dc616.txt", data, length);
  n_places = mark_all (store, id, "東城區", "PLACE");
  n_orgs = mark_all (store, id, "東城區人民政府", "ORG");
  /* 規劃 is written 規(guī)劃 in the file: only the canonical text has it whole. */
  n_plans = mark_all (store, id, "規劃", "POLICY");
  g_assert_cmpuint (n_places, ==, 3);
  g_assert_cmpuint (n_orgs, ==, 2);
  g_assert_cmpuint (n_plans, ==, 5);
  for (guint f = 0; f < BZ_FORMAT_N_FORMATS; f++)
    {
      g_autoptr(GPtrArray) records = export_and_read (store, dir, f);
      BzRecord *record = records->pdata[0];
      guint n = 0;

      g_assert_null (strstr (record->text, "規(guī)"));
      for (guint i = 0; i < record->spans->len; i++)
        {
          const BzRecordSpan *span = &g_array_index (record->spans, BzRecordSpan, i);

          g_assert_true (g_str_equal (span->surface, "東城區") || g_str_equal (span->surface, "東城區人民政府") ||
                         g_str_equal (span->surface, "規劃"));
          n++;
        }
      /* Flat formats keep the ORG around its PLACE and drop the PLACE inside. */
      g_assert_cmpuint (n, ==, (bz_format_is_flat (f) ? n_places : n_places + n_orgs) + n_plans);
    }
  g_clear_object (&store);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/biaozhu/export-text/crlf-source", test_crlf_source);
  g_test_add_func ("/biaozhu/export-text/traditional-seed", test_traditional_seed);
  return g_test_run ();
}
