/* test-fuzz-regressions.c: inputs that once broke a fuzz harness, run again through its code
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/data/fuzz-regressions/TARGET/ holds the inputs of one harness of fuzz/
 * (TARGET: a format name or "report"), json/ those of every JSON format. Each
 * runs through bz_fuzz_run(), what the harness runs on an input: a crash, a
 * leak, a sanitizer report or a broken promise of the code (a refused import
 * that wrote, an import that does not read again) fails it. Each target's
 * warm-up (bz_fuzz_init()) runs too, so that the harnesses' own code is tested
 * in every build, not only in the fuzz build.
 */
#include "config.h"

#include <string.h>
#include <biaozhu.h>

#include "bz-fuzz.h"

static const char * const json_targets[] = { "native", "doccano", "label-studio", "cluener", "spacy", NULL };

typedef struct
{
  char *target;
  char *path;
} Case;

static void
test_init (gconstpointer data)
{
  bz_fuzz_init (data);
}

static void
test_input (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (c->path, &contents, &length, &error));
  g_assert_no_error (error);
  bz_fuzz_init (c->target);
  bz_fuzz_run (c->target, (const guint8 *) contents, length);
}

static void
add_case (GPtrArray  *cases,
          const char *target,
          const char *dir,
          const char *name)
{
  Case *c = g_new0 (Case, 1);
  g_autofree char *test_path = g_strdup_printf ("/biaozhu/fuzz-regressions/%s/%s", target, name);

  c->target = g_strdup (target);
  c->path = g_build_filename (dir, name, NULL);
  g_ptr_array_add (cases, c);
  g_test_add_data_func (test_path, c, test_input);
}

static void
case_free (Case *c)
{
  g_free (c->target);
  g_free (c->path);
  g_free (c);
}

static GPtrArray *
list_names (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] != '.' && !g_str_has_suffix (name, ".md"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return names;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *root = g_build_filename (g_getenv ("BZ_TEST_DATA"), "fuzz-regressions", NULL);
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) case_free);
  g_autoptr(GPtrArray) folders = NULL;
  const char * const *targets = bz_fuzz_list_targets ();
  int status;

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; targets[i] != NULL; i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/biaozhu/fuzz-regressions/%s/warm-up", targets[i]);

      g_test_add_data_func (test_path, targets[i], test_init);
    }

  folders = list_names (root);
  for (guint i = 0; i < folders->len; i++)
    {
      const char *folder = folders->pdata[i];
      g_autofree char *dir = g_build_filename (root, folder, NULL);
      g_autoptr(GPtrArray) names = list_names (dir);

      if (!g_str_equal (folder, "json") && !bz_fuzz_is_target (folder))
        g_error ("%s: a folder of regression inputs is named after a harness or json", dir);
      for (guint k = 0; k < names->len; k++)
        {
          if (!g_str_equal (folder, "json"))
            add_case (cases, folder, dir, names->pdata[k]);
          else
            for (guint t = 0; json_targets[t] != NULL; t++)
              add_case (cases, json_targets[t], dir, names->pdata[k]);
        }
    }

  status = g_test_run ();
  bz_fuzz_shutdown ();
  return status;
}
