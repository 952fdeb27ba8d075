/* bench-extract.c: the extractor's throughput, build time, memory and predictions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-extract throughput CORPUS [--entries N] [--doc-bytes B] [--weighted] [--passes P]
 *       Builds the extractor with the shipped gazetteers plus synthetic entries up
 *       to N (100000 by default), then normalises (decode, NFC, glosses) and
 *       extracts CORPUS cut into documents of about B bytes (40000) at line ends,
 *       P times (1); the pass with the least CPU time is reported.
 *   bench-extract predict GOLD.jsonl... [-o PRED.jsonl]
 *       Writes the extractor's spans for the texts of gold files.
 *   bench-extract score PRED.jsonl GOLD.jsonl...
 *       Scores a prediction file (the extractor's, jieba's) against gold files.
 *   bench-extract fold GOLD.jsonl...
 *       Prints the texts of gold files folded to simplified script, one a line.
 */
#include "config.h"

#include <biaozhu.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include "bz-gazetteer.h"

/* CPU time of this thread in seconds: the machine may be shared, and the
 * target is per core. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static gsize
rss_bytes (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;
  if (sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return 0;
  return resident * (gsize) sysconf (_SC_PAGESIZE);
}

/* Synthetic names of 2 to 5 characters of the corpus with the head words of real
 * names: each distinct character equally likely (like proper names, whose
 * character pairs are rare in running text), or, with @weighted, as frequent as
 * in the corpus (an adversarial list whose entries are the text's own n-grams). */
static char *
write_synthetic_gazetteer (const char *corpus,
                           guint       n_entries,
                           gboolean    weighted,
                           GError    **error)
{
  static const char *heads[] = { "胡同", "大街", "公园", "医院", "公司", "中心", "项目", "率", "小区", "" };
  static const char *labels[] = { "PLACE", "PLACE", "PLACE", "ORG", "ORG", "ORG", "PROJECT", "INDICATOR", "PLACE", "PLACE" };
  g_autoptr(GArray) chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
  g_autoptr(GString) out = g_string_new ("# synthetic entries of bench-extract\n");
  g_autofree char *dir = NULL;
  g_autofree char *shipped = bz_extractor_default_gazetteer_dir ();
  g_autoptr(GDir) d = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) distinct = g_hash_table_new (NULL, NULL);
  g_autoptr(BzExtractor) shipped_extractor = NULL;
  g_autofree char *path = NULL;
  GRand *rand = g_rand_new_with_seed (20181);
  const char *name;
  guint n = 0;

  for (const char *p = corpus; *p != '\0' && chars->len < 2000000; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x4E00 && c <= 0x9FFF && (weighted || g_hash_table_add (distinct, GUINT_TO_POINTER (c))))
        g_array_append_val (chars, c);
    }

  dir = g_dir_make_tmp ("bench-extract-XXXXXX", error);
  if (dir == NULL)
    return NULL;
  shipped_extractor = bz_extractor_new (shipped, error);
  if (shipped_extractor == NULL)
    return NULL;
  n = bz_extractor_get_n_entries (shipped_extractor);
  d = g_dir_open (shipped, 0, error);
  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *from = g_build_filename (shipped, name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      if (!g_file_get_contents (from, &contents, &length, error)
          || !g_file_set_contents (to, contents, length, error))
        return NULL;
    }

  /* A few more than N: some synthetic names are shipped ones too. */
  while (g_hash_table_size (seen) + n < n_entries + 64 && chars->len > 0)
    {
      GString *entry = g_string_new (NULL);
      guint len = g_rand_int_range (rand, 2, 6);
      guint h = g_rand_int_range (rand, 0, G_N_ELEMENTS (heads));

      for (guint k = 0; k < len; k++)
        g_string_append_unichar (entry, g_array_index (chars, gunichar, g_rand_int_range (rand, 0, chars->len)));
      g_string_append (entry, heads[h]);
      if (g_hash_table_add (seen, g_strdup (entry->str)))
        g_string_append_printf (out, "%s\t%s\n", entry->str, labels[h]);
      g_string_free (entry, TRUE);
    }
  g_rand_free (rand);

  path = g_build_filename (dir, "zz-synthetic.txt", NULL);
  if (!g_file_set_contents (path, out->str, out->len, error))
    return NULL;
  return g_steal_pointer (&dir);
}

typedef struct
{
  double norm_s, extract_s;     /* wall clock */
  double norm_cpu, extract_cpu; /* CPU time of the thread */
} Timing;

/* Normalises and extracts one document, adding to @timing. Not inlined, so that
 * `valgrind --tool=callgrind --toggle-collect=measure_document` counts exactly
 * the measured work (not the warm-up, not the building). */
static G_NO_INLINE gboolean
measure_document (BzExtractor *extractor,
                  const char  *data,
                  gsize        length,
                  const char  *name,
                  Timing      *timing,
                  guint64     *n_spans,
                  GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, length);
  g_autoptr(BzCanonicalText) canonical = NULL;
  g_autoptr(GArray) matches = NULL;
  gint64 a, b, c;
  double ca, cb, cc;

  a = g_get_monotonic_time ();
  ca = cpu_seconds ();
  canonical = bz_canonical_text_new_from_bytes (bytes, name, error);
  b = g_get_monotonic_time ();
  cb = cpu_seconds ();
  if (canonical == NULL)
    return FALSE;
  matches = bz_extractor_match (extractor, canonical->text, error);
  c = g_get_monotonic_time ();
  cc = cpu_seconds ();
  if (matches == NULL)
    return FALSE;
  timing->norm_s += (b - a) / 1e6;
  timing->extract_s += (c - b) / 1e6;
  timing->norm_cpu += cb - ca;
  timing->extract_cpu += cc - cb;
  *n_spans += matches->len;
  return TRUE;
}

static int
run_throughput (const char *corpus_path,
                guint       n_entries,
                gboolean    weighted,
                gsize       doc_bytes,
                guint       passes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *corpus = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(BzExtractor) extractor = NULL;
  gsize length;
  gsize rss_before, rss_after;
  gint64 t0, t1;
  double norm_s = 0, extract_s = 0;
  double norm_cpu = 0, extract_cpu = 0;
  guint64 n_spans = 0;
  guint n_docs = 0;

  if (!g_file_get_contents (corpus_path, &corpus, &length, &error))
    {
      g_printerr ("bench-extract: %s\n", error->message);
      return 1;
    }
  dir = write_synthetic_gazetteer (corpus, n_entries, weighted, &error);
  if (dir == NULL)
    {
      g_printerr ("bench-extract: %s\n", error->message);
      return 1;
    }

  /* Load OpenCC's tables first: they are the text module's, not the automaton's. */
  {
    g_autoptr(BzFolded) warm = bz_fold_t2s ("東城區", NULL);
  }
  rss_before = rss_bytes ();
  t0 = g_get_monotonic_time ();
  extractor = bz_extractor_new (dir, &error);
  t1 = g_get_monotonic_time ();
  rss_after = rss_bytes ();
  if (extractor == NULL)
    {
      g_printerr ("bench-extract: %s\n", error->message);
      return 1;
    }
  g_print ("gazetteer entries: %u\n", bz_extractor_get_n_entries (extractor));
  g_print ("build (load, fold, automaton): %.3f s\n", (t1 - t0) / 1e6);
  g_print ("memory (resident growth while building): %.1f MB\n", (rss_after - rss_before) / 1048576.0);
  /* The text module's one-time tables (which code points NFC leaves alone) are
   * built at the first text; the figures below are the steady state. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("東城區 Ä", strlen ("東城區 Ä"));
    g_autoptr(BzCanonicalText) warm = bz_canonical_text_new_from_bytes (bytes, "warm-up", NULL);
  }

  /* Each pass runs the whole corpus; the best pass (least CPU time) is reported,
   * since a busy machine only ever slows a pass down. */
  for (guint pass = 0; pass < passes; pass++)
    {
      Timing timing = { 0, 0, 0, 0 };

      n_spans = 0;
      n_docs = 0;
      for (gsize off = 0; off < length;)
        {
          gsize end = MIN (off + doc_bytes, length);

          while (end < length && corpus[end - 1] != '\n')
            end++;
          if (!measure_document (extractor, corpus + off, end - off, corpus_path, &timing, &n_spans, &error))
            {
              g_printerr ("bench-extract: %s\n", error->message);
              return 1;
            }
          n_docs++;
          off = end;
        }

      if (passes > 1)
        g_print ("pass %u: normalisation %.1f MB/s, extraction %.1f MB/s, both %.1f MB/s (per core)\n",
                 pass + 1, length / 1e6 / timing.norm_cpu, length / 1e6 / timing.extract_cpu,
                 length / 1e6 / (timing.norm_cpu + timing.extract_cpu));
      if (pass == 0 || timing.norm_cpu + timing.extract_cpu < norm_cpu + extract_cpu)
        {
          norm_s = timing.norm_s;
          extract_s = timing.extract_s;
          norm_cpu = timing.norm_cpu;
          extract_cpu = timing.extract_cpu;
        }
    }

  g_print ("corpus: %.1f MB in %u documents, %" G_GUINT64_FORMAT " spans\n",
           length / 1e6, n_docs, n_spans);
  g_print ("normalisation: %.2f s (%.1f MB/s)\n", norm_s, length / 1e6 / norm_s);
  g_print ("extraction: %.2f s (%.1f MB/s)\n", extract_s, length / 1e6 / extract_s);
  g_print ("normalisation + extraction: %.2f s, %.1f MB/s (wall clock)\n",
           norm_s + extract_s, length / 1e6 / (norm_s + extract_s));
  g_print ("per core (CPU time of the thread): normalisation %.1f MB/s, extraction %.1f MB/s, "
           "both %.1f MB/s\n", length / 1e6 / norm_cpu, length / 1e6 / extract_cpu,
           length / 1e6 / (norm_cpu + extract_cpu));
  return 0;
}

/* The tagger model of @path for bz_extractor_set_model(), or NULL (printed). */
static BzTagger *
load_model (const char  *path,
            GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GBytes) blob = NULL;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  blob = g_bytes_new_take (g_steal_pointer (&contents), length);
  return bz_tagger_load (blob, error);
}

static int
run_predict (char      **gold,
             const char *output,
             const char *model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzExtractor) extractor = bz_extractor_new (NULL, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  if (extractor != NULL && model != NULL)
    {
      BzTagger *tagger = load_model (model, &error);

      if (tagger == NULL)
        g_clear_object (&extractor);
      else
        bz_extractor_set_model (extractor, tagger);
    }
  if (extractor == NULL)
    {
      g_printerr ("bench-extract: %s\n", error->message);
      return 1;
    }
  for (guint f = 0; gold[f] != NULL; f++)
    {
      g_autofree char *predicted = bz_extractor_predict_jsonl (extractor, gold[f], &error);

      if (predicted == NULL)
        {
          g_printerr ("bench-extract: %s\n", error->message);
          return 1;
        }
      g_string_append (out, predicted);
    }

  if (output == NULL)
    fwrite (out->str, 1, out->len, stdout);
  else if (!g_file_set_contents (output, out->str, out->len, &error))
    {
      g_printerr ("bench-extract: %s\n", error->message);
      return 1;
    }
  return 0;
}

static int
run_score (const char  *pred_path,
           char       **gold_paths)
{
  g_autoptr(BzEvalSet) gold = bz_eval_set_new ();
  g_autoptr(BzEvalSet) pred = bz_eval_set_new ();
  g_autoptr(BzEvalReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; gold_paths[i] != NULL; i++)
    if (!bz_eval_set_add_file (gold, gold_paths[i], &error))
      {
        g_printerr ("bench-extract: %s\n", error->message);
        return 1;
      }
  if (!bz_eval_set_add_file (pred, pred_path, &error)
      || (report = bz_eval_compare (gold, pred, &error)) == NULL)
    {
      g_printerr ("bench-extract: %s\n", error->message);
      return 1;
    }
  text = bz_eval_report_to_text (report, 5);
  g_print ("%s", text);
  return 0;
}

/* The texts of gold files (JSONL, a "text" member a line) folded to simplified
 * script, one a line: what the gazetteers are matched against
 * (bench/ablate-lists.py). */
static int
run_fold (char **gold)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; gold[i] != NULL; i++)
    {
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_file_get_contents (gold[i], &contents, NULL, &error))
        {
          g_printerr ("bench-extract: %s\n", error->message);
          return 1;
        }
      lines = g_strsplit (contents, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(BzFolded) folded = NULL;
          JsonNode *root;
          const char *text;

          if (*g_strstrip (lines[l]) == '\0')
            continue;
          if (!json_parser_load_from_data (parser, lines[l], -1, &error))
            {
              g_printerr ("bench-extract: %s, line %u: %s\n", gold[i], l + 1, error->message);
              return 1;
            }
          root = json_parser_get_root (parser);
          text = JSON_NODE_HOLDS_OBJECT (root) ? json_object_get_string_member_with_default (json_node_get_object (root), "text", NULL) : NULL;
          if (text == NULL)
            {
              g_printerr ("bench-extract: %s, line %u: no \"text\"\n", gold[i], l + 1);
              return 1;
            }
          folded = bz_fold_t2s (text, &error);
          if (folded == NULL)
            {
              g_printerr ("bench-extract: %s\n", error->message);
              return 1;
            }
          g_print ("%s\n", folded->text);
        }
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("throughput CORPUS | predict GOLD.jsonl...");
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *model = NULL;
  int n_entries = 100000;
  int doc_bytes = 40000;
  int passes = 1;
  gboolean weighted = FALSE;
  const GOptionEntry entries[] = {
    { "entries", 0, 0, G_OPTION_ARG_INT, &n_entries, "Gazetteer entries for throughput", "N" },
    { "doc-bytes", 0, 0, G_OPTION_ARG_INT, &doc_bytes, "Bytes per document", "B" },
    { "passes", 0, 0, G_OPTION_ARG_INT, &passes, "Passes over the corpus; the best one is reported", "N" },
    { "weighted", 0, 0, G_OPTION_ARG_NONE, &weighted, "Synthetic entries as frequent as the corpus's characters", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Predictions file", "FILE" },
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &model, "predict: combine the rules with this tagger model", "FILE" },
    G_OPTION_ENTRY_NULL
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-extract: %s\n", error->message);
      return 2;
    }
  if (argc == 3 && g_str_equal (argv[1], "throughput"))
    return run_throughput (argv[2], n_entries, weighted, doc_bytes, MAX (passes, 1));
  if (argc >= 3 && g_str_equal (argv[1], "predict"))
    return run_predict (argv + 2, output, model);
  if (argc >= 4 && g_str_equal (argv[1], "score"))
    return run_score (argv[2], argv + 3);
  if (argc >= 3 && g_str_equal (argv[1], "fold"))
    return run_fold (argv + 2);
  g_printerr ("Usage: bench-extract throughput CORPUS [--entries N] [--weighted]\n"
              "       bench-extract predict GOLD.jsonl... [-o FILE] [--model FILE]\n"
              "       bench-extract score PRED.jsonl GOLD.jsonl...\n"
              "       bench-extract fold GOLD.jsonl...\n");
  return 2;
}
