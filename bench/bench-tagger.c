/* bench-tagger.c: training time of the tagger on the gold reports and its tagging throughput
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <time.h>
#include <biaozhu.h>

#include "bench-util.h"

static BzTaggerOptions options;
static BzTaggerLists *lists;

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
wall_seconds (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* The gold and gold-dev reports (never gold-heldout), each @copies times. */
static GPtrArray *
read_training (BzExtractor *extractor,
               guint        copies,
               gsize       *out_chars)
{
  const char *dirs[] = { "gold", "gold-dev" };
  g_autoptr(GPtrArray) once = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_tagger_doc_free);
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_tagger_doc_free);
  g_autoptr(GError) error = NULL;

  *out_chars = 0;
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (BZ_SOURCE_DATADIR, "..", "tests", "data", dirs[i], NULL);

      bench_check (bz_tagger_read_gold (once, path, &error), error);
    }
  for (guint c = 0; c < copies; c++)
    for (guint i = 0; i < once->len; i++)
      {
        const BzTaggerDoc *src = g_ptr_array_index (once, i);
        g_autofree char *report = g_strdup_printf ("%s#%u", src->report, c);
        BzTaggerDoc *doc = bz_tagger_doc_new (report, src->id, src->text);

        g_array_append_vals (doc->positive, src->positive->data, src->positive->len);
        doc->external = bz_tagger_external_tags (extractor, lists, doc->text);
        *out_chars += g_utf8_strlen (doc->text, -1);
        g_ptr_array_add (docs, doc);
      }
  return docs;
}


static void
run_training (BzExtractor *extractor,
              guint        copies,
              guint        runs)
{
  gsize n_chars;
  g_autoptr(GPtrArray) docs = read_training (extractor, copies, &n_chars);
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(BzTagger) tagger = NULL;
  g_autoptr(GBytes) blob = NULL;

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      double w0 = wall_seconds (), c0 = cpu_seconds ();
      double w, c;

      g_clear_pointer (&tagger, bz_tagger_free);
      tagger = bz_tagger_train (docs, &options, &error);
      bench_check (tagger != NULL, error);
      w = wall_seconds () - w0;
      c = cpu_seconds () - c0;
      g_array_append_val (wall, w);
      g_array_append_val (cpu, c);
    }
  g_array_sort (wall, bench_compare_doubles);
  g_array_sort (cpu, bench_compare_doubles);
  blob = bz_tagger_save (tagger);
  g_print ("training: %u paragraphs (%u copies of the gold and gold-dev reports), %" G_GSIZE_FORMAT " characters\n",
           docs->len, copies, n_chars);
  g_print ("training time over %u runs: CPU best %.2f s, median %.2f s; wall best %.2f s, median %.2f s\n",
           runs, g_array_index (cpu, double, 0), g_array_index (cpu, double, runs / 2),
           g_array_index (wall, double, 0), g_array_index (wall, double, runs / 2));
  g_print ("model: %.1f MB of weights in memory, %.1f MB saved\n",
           bz_tagger_get_memory_size (tagger) / 1e6, g_bytes_get_size (blob) / 1e6);
}

static void
run_throughput (BzExtractor *extractor,
                const char  *corpus_path,
                gsize        max_bytes)
{
  gsize n_chars;
  g_autoptr(GPtrArray) docs = read_training (extractor, 1, &n_chars);
  g_autoptr(GError) error = NULL;
  g_autoptr(BzTagger) tagger = bz_tagger_train (docs, &options, &error);
  g_autofree char *corpus = NULL;
  gsize length;
  double rules_cpu = 0, tagger_cpu = 0, combine_cpu = 0;
  double w0;
  guint64 n_tagged = 0, n_combined = 0;
  guint n_chunks = 0;

  bench_check (tagger != NULL, error);
  bench_check (g_file_get_contents (corpus_path, &corpus, &length, &error), error);
  if (max_bytes < length)
    {
      /* Up to the end of a line, never inside a character. */
      const char *nl = memchr (corpus + max_bytes, '\n', length - max_bytes);

      length = nl != NULL ? (gsize) (nl + 1 - corpus) : length;
    }

  w0 = wall_seconds ();
  /* Chunks of about 64 KB cut at line ends, like the documents of a workspace. */
  for (gsize off = 0; off < length;)
    {
      gsize end = MIN (off + 65536, length);
      g_autofree char *chunk = NULL;
      g_autoptr(GArray) external = NULL;
      g_autoptr(GArray) tagged = NULL;
      g_autoptr(GArray) rules = NULL;
      g_autoptr(GArray) combined = NULL;
      double c0;

      while (end < length && corpus[end - 1] != '\n')
        end++;
      chunk = g_strndup (corpus + off, end - off);
      if (!g_utf8_validate (chunk, -1, NULL))
        g_error ("%s: not UTF-8 around byte %" G_GSIZE_FORMAT, corpus_path, off);

      c0 = cpu_seconds ();
      external = bz_tagger_external_tags (extractor, lists, chunk);
      rules_cpu += cpu_seconds () - c0;

      c0 = cpu_seconds ();
      tagged = bz_tagger_predict (tagger, chunk, external);
      tagger_cpu += cpu_seconds () - c0;

      c0 = cpu_seconds ();
      rules = g_array_sized_new (FALSE, FALSE, sizeof (BzTaggerSpan), external->len);
      for (guint i = 0; i < external->len; i++)
        {
          const BzExtractorMatch *m = &g_array_index (external, BzExtractorMatch, i);
          BzTaggerSpan span = { m->start, m->end, m->label, 0.9 };

          if (g_str_has_prefix (m->label, "rules:"))
            g_array_append_val (rules, span);
        }
      combined = bz_tagger_combine (tagged, rules, 0.5);
      combine_cpu += cpu_seconds () - c0;

      n_tagged += tagged->len;
      n_combined += combined->len;
      n_chunks++;
      off = end;
    }
  g_print ("corpus: %.1f MB in %u chunks; %" G_GUINT64_FORMAT " tagger spans, %" G_GUINT64_FORMAT " combined\n",
           length / 1e6, n_chunks, n_tagged, n_combined);
  g_print ("per core: rules and lists %.1f MB/s, tagger %.1f MB/s, combination %.1f MB/s, "
           "all three %.2f MB/s (wall %.1f s)\n",
           length / 1e6 / rules_cpu, length / 1e6 / tagger_cpu, length / 1e6 / combine_cpu,
           length / 1e6 / (rules_cpu + tagger_cpu + combine_cpu), wall_seconds () - w0);
}

int
main (int   argc,
      char *argv[])
{
  int copies = 1;
  int runs = 3;
  int max_mb = 0;
  int table_bits = 0;
  gboolean with_lists = FALSE;
  const GOptionEntry entries[] = {
    { "copies", 0, 0, G_OPTION_ARG_INT, &copies, "Train on N copies of the gold reports (default 1)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Trainings timed; the best and the median are reported (default 3)", "N" },
    { "table-bits", 0, 0, G_OPTION_ARG_INT, &table_bits, "A feature table of 2^N rows (default 17)", "N" },
    { "lists", 0, 0, G_OPTION_ARG_NONE, &with_lists, "Each gazetteer list's matches as features too", NULL },
    { "max-mb", 0, 0, G_OPTION_ARG_INT, &max_mb, "Tag at most the first N MB of the corpus", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[CORPUS] — time the tagger's training, and its tagging of CORPUS");
  g_autoptr(GError) error = NULL;
  g_autoptr(BzExtractor) extractor = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 2 || copies < 1 || runs < 1 || max_mb < 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "usage: bench-tagger [--copies N] [--runs N] [--max-mb N] [CORPUS]");
      return 2;
    }
  bz_tagger_options_init (&options);
  if (table_bits > 0)
    options.table_bits = (guint) CLAMP (table_bits, 10, 22);
  extractor = bz_extractor_new (NULL, &error);
  bench_check (extractor != NULL, error);
  if (with_lists)
    {
      lists = bz_tagger_lists_new (NULL, &error);
      bench_check (lists != NULL, error);
    }
  run_training (extractor, (guint) copies, (guint) runs);
  if (argc == 2)
    run_throughput (extractor, argv[1], max_mb > 0 ? (gsize) max_mb * 1000000 : G_MAXSIZE);
  g_clear_pointer (&lists, bz_tagger_lists_free);
  return 0;
}
