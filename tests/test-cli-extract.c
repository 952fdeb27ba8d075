/* test-cli-extract.c: biaozhu-cli extract, with the built-in and an external extractor
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <biaozhu.h>
#include <string.h>

#include "bz-test-cli.h"
#include "bz-test-fs.h"

typedef struct
{
  char *dir;
  char *db;
  char *out;
  char *err;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = bz_test_make_tmpdir ();
  fixture->db = g_build_filename (fixture->dir, "workspace.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  bz_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->out);
  g_free (fixture->err);
}

/* biaozhu-cli --db DB ARGS... (NULL-terminated); its output stays in the fixture. */
static int
run_cli (Fixture *fixture,
         ...)
{
  va_list args;
  int status;

  va_start (args, fixture);
  status = bz_test_run_cli_va (fixture->db, &fixture->out, &fixture->err, args);
  va_end (args);
  return status;
}

/* The spans of document @id in the fixture's workspace. */
static GPtrArray *
stored_spans (Fixture *fixture,
              gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = bz_store_open (fixture->db, &error);
  GPtrArray *spans;

  g_assert_no_error (error);
  spans = bz_store_list_spans (store, id, &error);
  g_assert_no_error (error);
  return spans;
}

static void
test_extract_all_twice (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) spans = NULL;

  g_assert_cmpint (run_cli (fixture, "import", "--no-extract", g_getenv ("BZ_SAMPLES"), NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, "extract", "--all", NULL), ==, 0);
  g_assert_null (strstr (fixture->out, "\n0 documents"));
  g_assert_null (strstr (fixture->out, ", 0 suggestions added"));

  /* A second run adds nothing: every document reports 0. */
  g_assert_cmpint (run_cli (fixture, "extract", "--all", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, ", 0 suggestions added"));

  spans = stored_spans (fixture, 1);
  g_assert_cmpuint (spans->len, >, 100);
  g_assert_cmpstr (bz_span_get_origin (g_ptr_array_index (spans, 0)), ==, "extractor@" PACKAGE_VERSION);
}

static void
test_extract_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_assert_cmpint (run_cli (fixture, "import", "--no-extract", g_getenv ("BZ_SAMPLES"), NULL), ==, 0);

  /* Neither or both of --doc and --all: a usage error. */
  g_assert_cmpint (run_cli (fixture, "extract", NULL), ==, 2);
  g_assert_cmpint (run_cli (fixture, "extract", "--all", "--doc", "1", NULL), ==, 2);
  g_assert_cmpint (run_cli (fixture, "extract", "--all", "--external", "no-equals", NULL), ==, 2);
  g_assert_nonnull (strstr (fixture->err, "NAME=COMMAND"));

  /* A document that is not there, and an external command that fails. */
  g_assert_cmpint (run_cli (fixture, "extract", "--doc", "99", NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "99"));
  g_assert_cmpint (run_cli (fixture, "extract", "--doc", "1", "--external",
                            "broken=/nonexistent/model", NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "broken"));
}

static void
test_extract_external (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *script = g_build_filename (g_getenv ("BZ_TEST_DATA"), "extract", "external-places.py", NULL);
  g_autofree char *quoted = g_shell_quote (script);
  g_autofree char *spec = g_strdup_printf ("team=python3 %s 推进", quoted);

  g_assert_cmpint (run_cli (fixture, "import", "--no-extract", g_getenv ("BZ_SAMPLES"), NULL), ==, 0);
  g_assert_cmpint (run_cli (fixture, "extract", "--doc", "1", "--external", spec, NULL), ==, 0);

  spans = stored_spans (fixture, 1);
  /* Only the external extractor ran: every span is its own. */
  g_assert_cmpuint (spans->len, >, 0);
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      g_assert_cmpstr (bz_span_get_origin (span), ==, "external:team");
      g_assert_cmpstr (bz_span_get_surface (span), ==, "推进");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("BZ_CLI"));

#define ADD(path, func) \
  g_test_add ("/biaozhu/extractor/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("extract-all-twice", test_extract_all_twice);
  ADD ("errors", test_extract_errors);
  ADD ("external", test_extract_external);
#undef ADD

  return g_test_run ();
}
