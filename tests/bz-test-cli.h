/* bz-test-cli.h: running biaozhu-cli from a test, on a workspace in a temporary folder
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdarg.h>
#include <sys/wait.h>

#include <glib.h>

#include "bz-test-fs.h"

/* A temporary folder with a workspace path in it, and the output of the last run. */
typedef struct
{
  char *dir;
  char *db_path;
  char *out;
  char *err;
} BzCliFixture;

static inline void
bz_cli_fixture_set_up (BzCliFixture  *fixture,
                       gconstpointer  user_data)
{
  fixture->dir = bz_test_make_tmpdir ();
  fixture->db_path = g_build_filename (fixture->dir, "workspace.db", NULL);
}

static inline void
bz_cli_fixture_tear_down (BzCliFixture  *fixture,
                          gconstpointer  user_data)
{
  bz_test_remove_tree (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dir);
  g_free (fixture->out);
  g_free (fixture->err);
}

/* Runs $BZ_CLI --db DB with the arguments that follow (NULL-terminated), keeps
 * its output in the fixture and returns its exit status. */
static inline int
bz_cli_fixture_run (BzCliFixture *fixture,
                    ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("BZ_CLI");
  const char *arg;
  va_list args;
  int status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, fixture->db_path);
  va_start (args, fixture);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&fixture->out, g_free);
  g_clear_pointer (&fixture->err, g_free);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &fixture->out, &fixture->err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}
