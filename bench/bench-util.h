/* bench-util.h: what the benches share: failing loudly, sorting timings, the sample reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdlib.h>
#include <glib.h>

/* Stops the bench with @error's message unless @ok. */
static inline void
bench_check (gboolean  ok,
             GError   *error)
{
  if (!ok)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error != NULL ? error->message : "failed");
      exit (1);
    }
}

/* Returns: the positional argument @index as a number, or @fallback */
static inline guint
bench_argument (int    argc,
                char **argv,
                int    index,
                guint  fallback)
{
  return argc > index ? (guint) strtoul (argv[index], NULL, 10) : fallback;
}

static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Returns: (transfer full) (element-type utf8): the texts of data/samples/\*.txt */
static inline GPtrArray *
bench_read_samples (void)
{
  g_autofree char *samples_dir = g_build_filename (BZ_SOURCE_DATADIR, "samples", NULL);
  g_autoptr(GDir) samples = g_dir_open (samples_dir, 0, NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (samples != NULL && (name = g_dir_read_name (samples)) != NULL)
    {
      g_autofree char *path = g_build_filename (samples_dir, name, NULL);
      char *text = NULL;

      if (g_str_has_suffix (name, ".txt") && g_file_get_contents (path, &text, NULL, NULL))
        g_ptr_array_add (texts, text);
    }
  if (texts->len == 0)
    g_error ("no sample reports in %s", samples_dir);
  return g_steal_pointer (&texts);
}
