/* bench-store.c: bulk span inserts in one group, and the latency of single actions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-store [N_SPANS] [FOLDER]
 *   N_SPANS: spans added in one begin/commit group (default 1000000), spread over
 *            documents of 20,000 characters, 10,000 spans each
 *   FOLDER:  where the workspace goes (default: a new temporary folder, removed after)
 */
#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>
#include <biaozhu.h>

#include "bench-util.h"

#define DOC_CHARS 20000
#define SPANS_PER_DOC 10000
#define N_SINGLE 200

static const char *labels[] = { "PLACE", "ORG", "PROJECT", "POLICY", "INDICATOR", "VALUE", "DATE" };

static BzCanonicalText *
make_text (guint seed)
{
  static const char *chars[] = { "东", "城", "区", "王", "府", "井", "大", "街", "项", "目",
                                 "𠮷", "年", "亿", "元", "。", "，", "1", "2", "%", "\n" };
  BzCanonicalText *ct = g_new0 (BzCanonicalText, 1);
  GString *text = g_string_new (NULL);
  GRand *rand = g_rand_new_with_seed (seed);

  ct->offset_map = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < DOC_CHARS; i++)
    {
      gint64 offset = text->len;

      g_array_append_val (ct->offset_map, offset);
      g_string_append (text, chars[g_rand_int_range (rand, 0, G_N_ELEMENTS (chars))]);
    }
  {
    gint64 offset = text->len;
    g_array_append_val (ct->offset_map, offset);
  }
  ct->n_chars = DOC_CHARS;
  ct->text = g_string_free (text, FALSE);
  ct->encoding = g_strdup ("UTF-8");
  ct->script = BZ_SCRIPT_SIMPLIFIED;
  ct->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, ct->text, -1);
  ct->warnings = g_array_new (FALSE, TRUE, sizeof (BzQualityWarning));
  g_rand_free (rand);
  return ct;
}

static gint64
add_document (BzStore *store,
              guint    seed)
{
  g_autoptr(BzCanonicalText) ct = make_text (seed);
  g_autofree char *title = g_strdup_printf ("report %u", seed);
  g_autoptr(GError) error = NULL;
  gint64 id = bz_store_add_document (store, title, NULL, ct, NULL, &error);

  bench_check (id > 0, error);
  return id;
}

static void
report_latency (const char *what,
                GArray     *ms)
{
  double total = 0;

  g_array_sort (ms, bench_compare_doubles);
  for (guint i = 0; i < ms->len; i++)
    total += g_array_index (ms, double, i);
  g_print ("%-34s mean %.2f ms, median %.2f ms, p95 %.2f ms (%u actions)\n", what,
           total / ms->len, g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, ms->len * 95 / 100), ms->len);
}

int
main (int   argc,
      char *argv[])
{
  guint64 n_spans = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) add_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) relabel_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) undo_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean temporary = argc <= 2;
  guint n_documents = (guint) ((n_spans + SPANS_PER_DOC - 1) / SPANS_PER_DOC);
  gint64 *documents;
  gint64 start, elapsed;
  GStatBuf st;

  dir = temporary ? g_dir_make_tmp ("bz-bench-XXXXXX", &error) : g_strdup (argv[2]);
  bench_check (dir != NULL, error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = bz_store_open (path, &error);
  bench_check (store != NULL, error);

  documents = g_new (gint64, n_documents + 1);
  start = g_get_monotonic_time ();
  for (guint d = 0; d <= n_documents; d++)
    documents[d] = add_document (store, d);
  elapsed = g_get_monotonic_time () - start;
  g_print ("%u documents of %d characters added in %.2f s\n", n_documents + 1, DOC_CHARS,
           elapsed / 1e6);

  /* Bulk: what an extractor run or an import does, one group, not undoable. */
  start = g_get_monotonic_time ();
  bench_check (bz_store_begin (store, "bulk", FALSE, &error), error);
  for (guint64 i = 0; i < n_spans; i++)
    {
      guint64 k = i % SPANS_PER_DOC;
      gint64 s = (gint64) ((k * 7) % (DOC_CHARS - 10));
      g_autoptr(BzSpan) span = bz_span_new (s, s + 1 + (gint64) (k % 8), labels[k % 7],
                                            BZ_SPAN_SUGGESTED, "extractor@bench");

      bench_check (bz_store_add_span (store, documents[i / SPANS_PER_DOC], span, &error) > 0, error);
    }
  bench_check (bz_store_commit (store, &error), error);
  elapsed = g_get_monotonic_time () - start;
  g_print ("bulk add of %" G_GUINT64_FORMAT " spans in one group: %.2f s, %.0f spans/s\n",
           n_spans, elapsed / 1e6, n_spans / (elapsed / 1e6));

  /* Reading: the document list with its review counts, one document's spans. */
  {
    g_autoptr(GPtrArray) listed = NULL;
    g_autoptr(GPtrArray) spans = NULL;

    start = g_get_monotonic_time ();
    listed = bz_store_list_documents (store, &error);
    bench_check (listed != NULL, error);
    g_print ("list %u documents with their counts: %.1f ms\n", listed->len,
             (g_get_monotonic_time () - start) / 1000.0);
    start = g_get_monotonic_time ();
    spans = bz_store_list_spans (store, documents[0], &error);
    bench_check (spans != NULL, error);
    g_print ("list the %u spans of one document: %.1f ms\n", spans->len,
             (g_get_monotonic_time () - start) / 1000.0);
  }

  /* Single actions, each its own transaction with synchronous=FULL. */
  for (guint i = 0; i < N_SINGLE; i++)
    {
      g_autoptr(BzSpan) span = bz_span_new (i * 10, i * 10 + 4, "PLACE", BZ_SPAN_ACCEPTED, NULL);
      gint64 span_id;
      double ms;

      start = g_get_monotonic_time ();
      span_id = bz_store_add_span (store, documents[n_documents], span, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      bench_check (span_id > 0, error);
      g_array_append_val (add_ms, ms);

      start = g_get_monotonic_time ();
      bench_check (bz_store_set_span_label (store, span_id, "ORG", &error), error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (relabel_ms, ms);
    }
  for (guint i = 0; i < N_SINGLE; i++)
    {
      double ms;

      start = g_get_monotonic_time ();
      bench_check (bz_store_undo (store, NULL, &error), error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (undo_ms, ms);
    }
  report_latency ("add span (one action + commit)", add_ms);
  report_latency ("change label (one action + commit)", relabel_ms);
  report_latency ("undo (one action + commit)", undo_ms);

  g_clear_object (&store);
  if (g_stat (path, &st) == 0)
    g_print ("database size: %.1f MB\n", st.st_size / 1e6);

  if (temporary)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_remove (wal);
      g_remove (shm);
      g_remove (path);
      g_rmdir (dir);
    }
  g_free (documents);
  return 0;
}
