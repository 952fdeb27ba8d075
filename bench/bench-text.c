/* bench-text.c: throughput of normalisation and of t2s folding on the sample reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-text [SAMPLES_DIR [MEGABYTES]]
 * The sample reports are concatenated until the corpus holds MEGABYTES (64 by
 * default); each step runs three times and the best time is reported, wall
 * clock and CPU time in user space. The difference is mostly the kernel's
 * first touch of the pages of the new text and offset maps.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <biaozhu.h>

#define N_RUNS 3

static GBytes *
build_corpus (const char *dir,
              gsize       target,
              const char *charset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) folder = g_dir_open (dir, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) one = g_string_new (NULL);
  GString *corpus;
  const char *name;

  if (folder == NULL)
    g_error ("%s", error->message);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *data = NULL;
      gsize len;

      if (!g_file_get_contents (path, &data, &len, &error))
        g_error ("%s", error->message);
      g_string_append_len (one, data, len);
      g_string_append_c (one, '\n');
    }

  if (charset != NULL)
    {
      gsize n = 0;
      g_autofree char *encoded = g_convert (one->str, one->len, charset, "UTF-8", NULL, &n, &error);

      if (encoded == NULL)
        g_error ("%s", error->message);
      g_string_truncate (one, 0);
      g_string_append_len (one, encoded, n);
    }

  corpus = g_string_sized_new (target + one->len);
  while (corpus->len < target)
    g_string_append_len (corpus, one->str, one->len);
  return g_string_free_to_bytes (corpus);
}

typedef struct
{
  double wall;
  double user;
} Times;

static Times
now (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (Times) { g_get_monotonic_time () / 1e6,
                   usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 };
}

static Times
since (Times start)
{
  Times end = now ();

  return (Times) { end.wall - start.wall, end.user - start.user };
}

static Times
best_of (Times times[N_RUNS])
{
  Times best = times[0];

  for (guint i = 1; i < N_RUNS; i++)
    {
      best.wall = MIN (best.wall, times[i].wall);
      best.user = MIN (best.user, times[i].user);
    }
  return best;
}

static void
report (const char *what,
        gsize       bytes,
        Times       t)
{
  printf ("%-32s %6.1f MB  wall %6.3f s %7.1f MB/s  user %6.3f s %7.1f MB/s\n",
          what, bytes / 1e6, t.wall, bytes / 1e6 / t.wall, t.user, bytes / 1e6 / t.user);
}

static BzCanonicalText *
bench_normalize (const char *what,
                 GBytes     *corpus)
{
  Times times[N_RUNS];
  BzCanonicalText *ct = NULL;

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      Times t0;

      g_clear_pointer (&ct, bz_canonical_text_free);
      t0 = now ();
      ct = bz_canonical_text_new_from_bytes (corpus, "corpus", &error);
      times[i] = since (t0);
      if (ct == NULL)
        g_error ("%s", error->message);
    }
  report (what, g_bytes_get_size (corpus), best_of (times));
  return ct;
}

int
main (int   argc,
      char *argv[])
{
  const char *dir = argc > 1 ? argv[1] : BZ_SOURCE_DATADIR "/samples";
  gsize megabytes = argc > 2 ? strtoul (argv[2], NULL, 10) : 64;
  g_autoptr(GBytes) corpus = build_corpus (dir, megabytes * 1000 * 1000, NULL);
  g_autoptr(GBytes) gb_corpus = build_corpus (dir, megabytes * 1000 * 1000 / 8, "GB18030");
  g_autoptr(BzCanonicalText) ct = NULL;
  g_autoptr(BzCanonicalText) gb_ct = NULL;
  g_autoptr(BzFolded) warm = NULL;
  Times times[N_RUNS];
  Times t0;

  /* The OpenCC tables and the NFC table are built once per process. */
  t0 = now ();
  warm = bz_fold_t2s ("東城區", NULL);
  printf ("%-32s %15.3f s\n", "tables (once per process)", since (t0).wall);

  ct = bench_normalize ("normalise UTF-8 (full import)", corpus);
  printf ("  %" G_GINT64_FORMAT " code points, %u glosses removed, %u warnings, script %s\n",
          ct->n_chars, ct->n_glosses_removed, ct->warnings->len, bz_script_to_string (ct->script));

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BzFolded) folded = NULL;

      t0 = now ();
      folded = bz_fold_t2s (ct->text, &error);
      times[i] = since (t0);
      if (folded == NULL)
        g_error ("%s", error->message);
    }
  report ("fold t2s (canonical UTF-8)", strlen (ct->text), best_of (times));

  /* What a matcher pays when it folds while it scans. */
  for (guint i = 0; i < N_RUNS; i++)
    {
      gunichar sum = 0;

      t0 = now ();
      for (const char *p = ct->text; *p != '\0'; p = g_utf8_next_char (p))
        sum += bz_fold_unichar_t2s (g_utf8_get_char (p));
      times[i] = since (t0);
      if (sum == 0)
        g_error ("nothing folded");
    }
  report ("fold on the fly (unichar)", strlen (ct->text), best_of (times));

  gb_ct = bench_normalize ("normalise GB18030 (full import)", gb_corpus);
  return 0;
}
