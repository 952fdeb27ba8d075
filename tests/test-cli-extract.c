/* test-cli-extract.c: biaozhu-cli extract, with the built-in and an external extractor
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <biaozhu.h>
#include <string.h>

#include "bz-test-cli.h"

/* The spans of document @id in the fixture's workspace. */
static GPtrArray *
stored_spans (BzCliFixture *fixture,
              gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = bz_store_open (fixture->db_path, &error);
  GPtrArray *spans;

  g_assert_no_error (error);
  spans = bz_store_list_spans (store, id, &error);
  g_assert_no_error (error);
  return spans;
}

static void
test_extract_all_twice (BzCliFixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) spans = NULL;

  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", "--no-extract", g_getenv ("BZ_SAMPLES"), NULL), ==, 0);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "extract", "--all", NULL), ==, 0);
  g_assert_null (strstr (fixture->out, "\n0 documents"));
  g_assert_null (strstr (fixture->out, ", 0 suggestions added"));

  /* A second run adds nothing: every document reports 0. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "extract", "--all", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, ", 0 suggestions added"));

  spans = stored_spans (fixture, 1);
  g_assert_cmpuint (spans->len, >, 100);
  g_assert_cmpstr (bz_span_get_origin (g_ptr_array_index (spans, 0)), ==, "extractor@" PACKAGE_VERSION);
}

static void
test_extract_errors (BzCliFixture       *fixture,
                     gconstpointer  data)
{
  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", "--no-extract", g_getenv ("BZ_SAMPLES"), NULL), ==, 0);

  /* Neither or both of --doc and --all: a usage error. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "extract", NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "extract", "--all", "--doc", "1", NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "extract", "--all", "--external", "no-equals", NULL), ==, 2);
  g_assert_nonnull (strstr (fixture->err, "NAME=COMMAND"));

  /* A document that is not there, and an external command that fails. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "extract", "--doc", "99", NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "99"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "extract", "--doc", "1", "--external",
                            "broken=/nonexistent/model", NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "broken"));
}

static void
test_extract_external (BzCliFixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *script = g_build_filename (g_getenv ("BZ_TEST_DATA"), "extract", "external-places.py", NULL);
  g_autofree char *quoted = g_shell_quote (script);
  g_autofree char *spec = g_strdup_printf ("team=python3 %s 推进", quoted);

  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", "--no-extract", g_getenv ("BZ_SAMPLES"), NULL), ==, 0);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "extract", "--doc", "1", "--external", spec, NULL), ==, 0);

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
  g_test_add ("/biaozhu/extractor/cli/" path, BzCliFixture, NULL, bz_cli_fixture_set_up, func, bz_cli_fixture_tear_down)
  ADD ("extract-all-twice", test_extract_all_twice);
  ADD ("errors", test_extract_errors);
  ADD ("external", test_extract_external);
#undef ADD

  return g_test_run ();
}
