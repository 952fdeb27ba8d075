/* bz-test-fs.h: temporary folders and sample copies for the tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

/* Removes @path and everything below it; links are removed, not followed. */
static inline void
bz_test_remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          bz_test_remove_tree (child);
        }
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else
    {
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

/* Returns: (transfer full): a new empty folder, to be removed with bz_test_remove_tree() */
static inline char *
bz_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("biaozhu-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Writes @data to @dir/@name, making the folders on the way. */
static inline char *
bz_test_write (const char *dir,
               const char *name,
               const char *data,
               gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

/* Returns: (transfer full): the contents of a sample report (data/samples/@name) */
static inline char *
bz_test_read_sample (const char *name,
                     gsize      *length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("BZ_SAMPLES"), name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static inline int
bz_test_compare_names (const void *a,
                       const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Returns: (transfer full): the names of the sample reports, sorted */
static inline GStrv
bz_test_sample_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (g_getenv ("BZ_SAMPLES"), 0, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GStrv names;
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_strv_builder_add (builder, name);
  names = g_strv_builder_end (builder);
  qsort (names, g_strv_length (names), sizeof (char *), bz_test_compare_names);
  return names;
}
