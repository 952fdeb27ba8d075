/* bench-search.c: a search across a workspace of many reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-search [N] [FOLDER]
 * Stores N reports (default 1000; distinct texts made from the sample
 * reports, one of which is in traditional script) in a workspace in FOLDER (a
 * temporary folder by default, removed after), then times bz_store_search()
 * for common, rare and absent queries in either script and case: the first
 * run after opening the workspace, and the median and slowest of the next
 * runs, for all hits and for the first 101 (what a result list shows).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include <biaozhu.h>

#include "bench-util.h"

#define N_RUNS 7

/* Adds @n distinct reports in one group; returns their code points. */
static gint64
fill (BzStore *store,
      guint    n)
{
  g_autoptr(GPtrArray) samples = bench_read_samples ();
  g_autoptr(GError) error = NULL;
  gint64 n_chars = 0;

  bench_check (bz_store_begin (store, "bench corpus", FALSE, &error), error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("第%u份报告\n%s", i, (char *) g_ptr_array_index (samples, i % samples->len));
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(BzCanonicalText) canonical = NULL;
      g_autofree char *title = NULL;

      canonical = bz_canonical_text_new_from_bytes (bytes, "bench", &error);
      bench_check (canonical != NULL, error);
      title = bz_text_heading_title (canonical->text);
      bench_check (bz_store_add_document (store, title, NULL, canonical, NULL, &error) > 0, error);
      n_chars += canonical->n_chars;
    }
  bench_check (bz_store_commit (store, &error), error);
  return n_chars;
}

/* Times @query: returns the hits of the last run. */
static guint
time_query (BzStore       *store,
            const char    *query,
            BzSearchFlags  flags,
            guint          max_hits)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_hits = 0;

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = NULL;
      gint64 begin = g_get_monotonic_time ();
      double elapsed;

      hits = bz_store_search (store, query, flags, max_hits, &error);
      elapsed = (g_get_monotonic_time () - begin) / 1000.0;
      bench_check (hits != NULL, error);
      n_hits = hits->len;
      g_array_append_val (ms, elapsed);
    }
  g_array_sort (ms, bench_compare_doubles);
  /* printf: the queries are UTF-8 whatever the locale. */
  printf ("%-14s %-11s %-9s %7u hits   median %7.1f ms   max %7.1f ms\n", query,
           flags & BZ_SEARCH_IGNORE_CASE ? "ignore-case" : "", max_hits == 0 ? "all" : "first 101",
           n_hits, g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, ms->len - 1));
  return n_hits;
}

int
main (int   argc,
      char *argv[])
{
  static const struct
  {
    const char   *query;
    BzSearchFlags flags;
  } queries[] = {
    { "东城区", BZ_SEARCH_DEFAULT },
    { "東城區", BZ_SEARCH_DEFAULT },
    { "王府井", BZ_SEARCH_DEFAULT },
    { "疏解整治促提升", BZ_SEARCH_DEFAULT },
    { "gdp", BZ_SEARCH_IGNORE_CASE },
    { "的", BZ_SEARCH_DEFAULT },
    { "不在其中的词语", BZ_SEARCH_DEFAULT },
    { "𠮷野家", BZ_SEARCH_DEFAULT },
  };
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000;
  gboolean temporary = argc <= 2;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_chars, begin;

  dir = temporary ? g_dir_make_tmp ("bz-bench-search-XXXXXX", &error) : g_strdup (argv[2]);
  bench_check (dir != NULL, error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = bz_store_open (path, &error);
  bench_check (store != NULL, error);
  begin = g_get_monotonic_time ();
  n_chars = fill (store, n);
  g_print ("%u reports, %.1f million characters, stored in %.1f s\n", n, n_chars / 1e6,
           (g_get_monotonic_time () - begin) / 1e6);

  /* The first search after opening reads the texts into SQLite's cache. */
  g_clear_object (&store);
  store = bz_store_open (path, &error);
  bench_check (store != NULL, error);
  begin = g_get_monotonic_time ();
  {
    g_autoptr(GPtrArray) hits = bz_store_search (store, "东城区", BZ_SEARCH_DEFAULT, 0, &error);

    bench_check (hits != NULL, error);
    g_print ("first search after opening: %u hits in %.1f ms\n", hits->len,
             (g_get_monotonic_time () - begin) / 1000.0);
  }

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      time_query (store, queries[i].query, queries[i].flags, 0);
      time_query (store, queries[i].query, queries[i].flags, 101);
    }

  g_clear_object (&store);
  if (temporary)
    {
      command = g_strdup_printf ("rm -rf '%s'", dir);
      bench_check (g_spawn_command_line_sync (command, NULL, NULL, NULL, &error), error);
    }
  return 0;
}
