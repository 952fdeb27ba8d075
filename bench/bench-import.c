/* bench-import.c: time and database size of importing reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-import [N]
 * Imports the sample reports into a fresh workspace, then a generated corpus of
 * N reports (default 200; distinct texts made from the samples, a third each in
 * UTF-8, GB18030 and UTF-16LE) into another, and prints time and size of both.
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include <biaozhu.h>

#include "bench-util.h"

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

/* Bytes of the workspace: the database file and what its WAL still holds. */
static gint64
workspace_size (const char *db_path)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);

  return file_size (db_path) + file_size (wal);
}

static void
run (const char *name,
     const char *db_path,
     const char *input,
     gint64      input_bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GPtrArray) results = NULL;
  const char *paths[] = { input, NULL };
  guint counts[BZ_IMPORT_REFUSED + 1] = { 0 };
  gint64 begin;
  double seconds;

  begin = g_get_monotonic_time ();
  store = bz_store_open (db_path, &error);
  if (store != NULL)
    results = bz_import_paths (store, paths, NULL, NULL, NULL, NULL, NULL, &error);
  if (results == NULL)
    g_error ("%s: %s", name, error->message);
  g_clear_object (&store);
  seconds = (g_get_monotonic_time () - begin) / 1e6;

  for (guint i = 0; i < results->len; i++)
    counts[((BzImportResult *) g_ptr_array_index (results, i))->status]++;

  g_print ("%-8s %5u files  %8.2f MiB in  %7.3f s  %8.1f files/s  %6.2f MiB/s  "
           "database %8.2f MiB (%u added, %u existing, %u refused)\n",
           name, results->len, input_bytes / 1048576.0, seconds, results->len / seconds,
           input_bytes / 1048576.0 / seconds, workspace_size (db_path) / 1048576.0,
           counts[BZ_IMPORT_ADDED], counts[BZ_IMPORT_EXISTING], counts[BZ_IMPORT_REFUSED]);
}

/* Writes @n distinct reports made from the samples; returns their total size. */
static gint64
generate_corpus (const char *dir,
                 guint       n)
{
  static const char *encodings[] = { "UTF-8", "GB18030", "UTF-16LE" };
  g_autoptr(GPtrArray) texts = bench_read_samples ();
  gint64 total = 0;

  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *utf8 = g_strdup_printf ("第%u份报告\n%s", i, (char *) g_ptr_array_index (texts, i % texts->len));
      const char *encoding = encodings[i % G_N_ELEMENTS (encodings)];
      g_autofree char *bytes = NULL;
      g_autofree char *file = g_strdup_printf ("%s/report-%05u.txt", dir, i);
      g_autoptr(GString) data = g_string_new (NULL);
      gsize length;

      bytes = g_convert (utf8, -1, encoding, "UTF-8", NULL, &length, &error);
      if (bytes == NULL)
        g_error ("%s", error->message);
      if (g_str_equal (encoding, "UTF-16LE"))
        g_string_append_len (data, "\xff\xfe", 2);
      g_string_append_len (data, bytes, length);
      if (!g_file_set_contents (file, data->str, data->len, &error))
        g_error ("%s", error->message);
      total += data->len;
    }
  return total;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("bench-import-XXXXXX", &error);
  g_autofree char *samples = g_build_filename (BZ_SOURCE_DATADIR, "samples", NULL);
  g_autofree char *corpus = NULL;
  g_autofree char *db_samples = NULL;
  g_autofree char *db_corpus = NULL;
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 200;
  gint64 samples_bytes = 0;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (tmp == NULL)
    g_error ("%s", error->message);
  corpus = g_build_filename (tmp, "corpus", NULL);
  db_samples = g_build_filename (tmp, "samples.db", NULL);
  db_corpus = g_build_filename (tmp, "corpus.db", NULL);

  dir = g_dir_open (samples, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (samples, name, NULL);

      samples_bytes += file_size (path);
    }

  run ("samples", db_samples, samples, samples_bytes);
  run ("corpus", db_corpus, corpus, generate_corpus (corpus, n));

  remove_tree (tmp);
  return EXIT_SUCCESS;
}
