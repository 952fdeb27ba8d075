/* bench-export.c: export of 10,000 generated documents with 1,000,000 spans in each format
 *
 *   bench-export [-] [DOCS]           every format from generated records, each in a child
 *                                     process (its own peak memory)
 *   bench-export FORMAT [DOCS]        one format from generated records
 *   bench-export --store [DOCS]       fills a workspace with the same documents (100 per
 *                                     transaction), then exports it in every format;
 *                                     BZ_BENCH_DB=PATH keeps (or reuses) the workspace there
 *
 * Documents are generated one at a time (report-like Chinese text of about 3,000
 * characters, 𠮷 and an emoji in each, 100 spans of which 10 nest in another) and
 * go through the whole export pipeline: span filter, surface check, flattening
 * for flat formats, writing to a temporary file and the rename. Prints MB/s of
 * output and the peak resident memory (getrusage). With --store the export reads
 * the workspace as bz_export_store() does, through the bulk record reader
 * (bz-store-records.c); the child "store FORMAT DOCS DB" runs one format of it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <biaozhu.h>

#define SPANS_PER_DOC 100
/* Copies of each sentence per round: about 3,000 characters a document. */
#define COPIES 2

static const char *sentences[] = {
  "2024年东城区地区生产总值实现1112.6亿元，同比增长6.3%。",
  "王府井H2项目和隆福寺二期项目加快推进，𠮷野家开业😀。",
  "一般公共预算收入完成186.5亿元，增长5.2%；",
  "故宫博物院与天坛医院联合举办“十四五”健康讲座！",
  "全年新增就业岗位1.5万个，城镇登记失业率控制在3%以内？",
};

/* Each sentence's spans as (start, end, label) within it. */
typedef struct
{
  guint       sentence;
  gint64      start;
  gint64      end;
  const char *label;
} Template;

static const Template templates[] = {
  { 0, 0, 5, "DATE" }, { 0, 5, 8, "PLACE" }, { 0, 10, 14, "INDICATOR" }, { 0, 16, 24, "VALUE" },
  { 1, 0, 7, "PROJECT" }, { 1, 0, 3, "PLACE" }, { 1, 8, 15, "PROJECT" }, { 1, 20, 23, "ORG" },
  { 2, 0, 8, "INDICATOR" }, { 2, 10, 17, "VALUE" },
};

typedef struct
{
  guint    n_docs;
  guint    next;
  GString *text;
  char    *surfaces[G_N_ELEMENTS (templates)];
  gint64   lengths[G_N_ELEMENTS (sentences)];
} Generator;

static gboolean
generate_next (gpointer    user_data,
               BzRecord  **out_record,
               GError    **error)
{
  Generator *gen = user_data;
  g_autoptr(GArray) bases = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 n_chars = 0;
  BzRecord *record;
  guint n_spans = 0;

  *out_record = NULL;
  if (gen->next >= gen->n_docs)
    return TRUE;
  gen->next++;

  /* Ten rounds of the five sentences give 100 spans; the number varies the text. */
  g_string_printf (gen->text, "第%u号报告\n", gen->next);
  n_chars = g_utf8_strlen (gen->text->str, -1);
  for (guint round = 0; round < 10; round++)
    for (guint s = 0; s < G_N_ELEMENTS (sentences); s++)
      {
        for (guint k = 0; k < COPIES; k++)
          {
            g_array_append_val (bases, n_chars);
            g_string_append (gen->text, sentences[s]);
            n_chars += gen->lengths[s];
          }
        g_string_append_c (gen->text, '\n');
        n_chars++;
      }

  record = bz_record_new (gen->next, "generated.txt", gen->text->str);
  /* A workspace keeps each document's hash and an export only reads it: hashing
   * the whole text here would time the generator, not the export (it was half
   * of the instructions). The first line, with the number, is hashed instead:
   * a distinct hash per document, which the split needs. */
  record->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) gen->text->str,
                                                strchr (gen->text->str, '\n') - gen->text->str);
  record->status = BZ_DOCUMENT_REVIEWED;
  /* As the store's reader hands them out: the span strings in one chunk. */
  record->strings = g_string_chunk_new (4096);
  g_array_set_clear_func (record->spans, NULL);
  for (guint round = 0; round < 10 && n_spans < SPANS_PER_DOC; round++)
    for (guint t = 0; t < G_N_ELEMENTS (templates) && n_spans < SPANS_PER_DOC; t++)
      {
        const Template *tpl = &templates[t];
        gint64 base = g_array_index (bases, gint64, (round * G_N_ELEMENTS (sentences) + tpl->sentence) * COPIES);
        /* With the stored surface, cut once per template. */
        BzRecordSpan span = {
          .id = (gint64) gen->next * SPANS_PER_DOC + n_spans,
          .start = base + tpl->start,
          .end = base + tpl->end,
          .label = g_string_chunk_insert_const (record->strings, tpl->label),
          .surface = g_string_chunk_insert (record->strings, gen->surfaces[t]),
          .status = BZ_SPAN_ACCEPTED,
          .origin = g_string_chunk_insert_const (record->strings, "human"),
          .reviewer = g_string_chunk_insert_const (record->strings, "bench"),
        };

        g_array_append_val (record->spans, span);
        n_spans++;
      }
  *out_record = record;
  return TRUE;
}

static void
generator_init (Generator *gen,
                guint      n_docs)
{
  gen->n_docs = n_docs;
  gen->next = 0;
  gen->text = g_string_new (NULL);
  for (guint s = 0; s < G_N_ELEMENTS (sentences); s++)
    gen->lengths[s] = g_utf8_strlen (sentences[s], -1);
  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    gen->surfaces[t] = g_utf8_substring (sentences[templates[t].sentence], templates[t].start, templates[t].end);
}

static void
generator_clear (Generator *gen)
{
  g_string_free (gen->text, TRUE);
  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    g_free (gen->surfaces[t]);
}

/* Exports from @store when given, else from the generator; prints one line. */
static int
run_one (const char *format_name,
         guint       n_docs,
         const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzExportOptions) options = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bz-bench-XXXXXX", NULL);
  g_autofree char *out = NULL;
  Generator gen;
  BzExportReport report;
  struct rusage usage;
  BzFormat format;
  gint64 t0, t1;
  double seconds, cpu;
  gboolean ok;

  if (!bz_format_from_string (format_name, &format, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  out = g_build_filename (dir, bz_format_is_folder (format) ? "out" : "out.data", NULL);
  options = bz_export_options_new (format, out);
  bz_export_report_init (&report);
  generator_init (&gen, n_docs);
  if (db_path != NULL)
    {
      store = bz_store_open (db_path, &error);
      if (store == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  t0 = g_get_monotonic_time ();
  ok = store != NULL ? bz_export_store (store, options, &report, &error)
                     : bz_export_run (options, generate_next, &gen, &report, &error);
  if (!ok)
    {
      g_printerr ("export failed: %s\n", error->message);
      return 1;
    }
  t1 = g_get_monotonic_time ();
  seconds = (t1 - t0) / 1e6;
  getrusage (RUSAGE_SELF, &usage);
  cpu = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  g_print ("%-13s %6u docs %8" G_GUINT64_FORMAT " spans %7.1f MB  wall %5.2f s %6.1f MB/s  cpu %5.2f s %6.1f MB/s"
           "  peak RSS %5.1f MB  dropped %u\n",
           format_name, report.n_documents, report.n_spans, report.bytes / 1e6, seconds,
           report.bytes / 1e6 / seconds, cpu, report.bytes / 1e6 / cpu, usage.ru_maxrss / 1024.0,
           report.dropped->len);

  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
    g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
  }
  bz_export_report_clear (&report);
  generator_clear (&gen);
  return 0;
}

/* Fills a workspace with the generated documents, 100 documents per transaction. */
static gboolean
fill_store (const char  *db_path,
            guint        n_docs,
            GError     **error)
{
  g_autoptr(BzStore) store = bz_store_open (db_path, error);
  Generator gen;
  gboolean ok = store != NULL;

  generator_init (&gen, n_docs);
  while (ok)
    {
      g_autoptr(BzRecord) record = NULL;
      g_autoptr(BzCanonicalText) canonical = NULL;
      gint64 id;

      ok = generate_next (&gen, &record, error);
      if (!ok || record == NULL)
        break;
      if ((gen.next - 1) % 100 == 0)
        ok = bz_store_begin (store, "bench", FALSE, error);
      canonical = g_new0 (BzCanonicalText, 1);
      canonical->text = g_strdup (record->text);
      canonical->n_chars = record->n_chars;
      canonical->encoding = g_strdup ("UTF-8");
      canonical->sha256 = g_strdup (record->sha256);
      canonical->script = BZ_SCRIPT_SIMPLIFIED;
      canonical->offset_map = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (const char *p = record->text;; p = g_utf8_next_char (p))
        {
          gint64 offset = p - record->text;

          g_array_append_val (canonical->offset_map, offset);
          if (*p == '\0')
            break;
        }
      canonical->warnings = g_array_new (FALSE, TRUE, sizeof (BzQualityWarning));
      id = ok ? bz_store_add_document (store, record->title, NULL, canonical, NULL, error) : 0;
      ok = id > 0;
      for (guint i = 0; ok && i < record->spans->len; i++)
        {
          const BzRecordSpan *rspan = &g_array_index (record->spans, BzRecordSpan, i);
          g_autoptr(BzSpan) span = bz_span_new (rspan->start, rspan->end, rspan->label, BZ_SPAN_ACCEPTED, "human");

          ok = bz_store_add_span (store, id, span, error) > 0;
        }
      if (ok && (gen.next % 100 == 0 || gen.next == n_docs))
        ok = bz_store_commit (store, error);
    }
  generator_clear (&gen);
  return ok;
}

static int
run_children (const char *self,
              const char *mode,
              const char *n_docs,
              const char *db_path)
{
  for (guint f = 0; f < BZ_FORMAT_N_FORMATS; f++)
    {
      const char *child[] = { self, mode, bz_format_to_string (f), n_docs, db_path, NULL };
      g_autoptr(GError) error = NULL;
      int status;

      if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL, NULL,
                         &status, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *n_docs = g_strdup (argc >= 3 ? argv[2] : "10000");

  /* Children: "memory FORMAT N" and "store FORMAT N DB". */
  if (argc >= 4 && g_str_equal (argv[1], "memory"))
    return run_one (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10), NULL);
  if (argc >= 5 && g_str_equal (argv[1], "store"))
    return run_one (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10), argv[4]);

  if (argc >= 2 && g_str_equal (argv[1], "--store"))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("bz-bench-store-XXXXXX", NULL);
      g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
      g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
      gint64 t0 = g_get_monotonic_time ();
      int status;

      if (g_getenv ("BZ_BENCH_DB") != NULL)
        {
          g_free (db);
          db = g_strdup (g_getenv ("BZ_BENCH_DB"));
        }
      if (g_file_test (db, G_FILE_TEST_EXISTS))
        g_print ("reusing the workspace %s\n", db);
      else if (!fill_store (db, (guint) g_ascii_strtoull (n_docs, NULL, 10), &error))
        {
          g_printerr ("filling the workspace failed: %s\n", error->message);
          return 1;
        }
      else
        g_print ("workspace of %s documents filled in %.1f s\n", n_docs, (g_get_monotonic_time () - t0) / 1e6);
      status = run_children (argv[0], "store", n_docs, db);
      g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
      return status;
    }
  if (argc >= 2 && !g_str_has_prefix (argv[1], "-"))
    return run_one (argv[1], (guint) g_ascii_strtoull (n_docs, NULL, 10), NULL);
  return run_children (argv[0], "memory", n_docs, NULL);
}
