/* test-cli-review.c: biaozhu-cli review-mode and assign
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <biaozhu.h>
#include <string.h>

#include "bz-test-cli.h"

static BzStore *
open_store (BzCliFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  BzStore *store = bz_store_open (fixture->db_path, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_review_mode (BzCliFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GPtrArray) shared = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", "--no-extract", g_getenv ("BZ_SAMPLES"), NULL), ==, 0);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "review-mode", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "Review mode: shared"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "review-mode", "independent", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "Review mode: independent"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "review-mode", "Independent", NULL), ==, 2);
  g_assert_nonnull (strstr (fixture->err, "“shared” or “independent”"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "review-mode", "shared", "independent", NULL), ==, 2);

  /* The extractor suggests in the shared layer, whoever runs it. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "extract", "--doc", "1", NULL), ==, 0);
  store = open_store (fixture);
  g_assert_cmpint (bz_store_get_review_mode (store), ==, BZ_REVIEW_INDEPENDENT);
  shared = bz_store_list_layer_spans (store, 1, "", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shared->len, >, 100);
  layers = bz_store_list_layers (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (layers, 0), ==, "");
  g_clear_object (&store);

  g_assert_cmpint (bz_cli_fixture_run (fixture, "review-mode", "shared", NULL), ==, 0);
  store = open_store (fixture);
  g_assert_cmpint (bz_store_get_review_mode (store), ==, BZ_REVIEW_SHARED);
}

static void
test_assign (BzCliFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;

  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", "--no-extract", g_getenv ("BZ_SAMPLES"), NULL), ==, 0);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "assign", "--reviewers", "A, B", "--overlap", "50%",
                                       "--seed", "5", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "4 of 4 reports assigned, 2 of them to two reviewers."));
  g_assert_nonnull (strstr (fixture->out, "A: 3 reports"));
  g_assert_nonnull (strstr (fixture->out, "B: 3 reports"));
  first = g_strdup (fixture->out);

  /* The same seed, the same assignment; --show prints it. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "assign", "--reviewers", "A,B", "--overlap", "0.5",
                                       "--seed", "5", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, first);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "assign", "--show", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, first);

  /* Refused, and the assignment stays. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "assign", "--reviewers", "A", "--overlap", "0.2", NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "two reviewers"));
  g_assert_nonnull (strstr (fixture->err, fixture->db_path));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "assign", "--reviewers", "A,B", "--share", "0", NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "assign", "--reviewers", "A,B", "--overlap", "1.2", NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "assign", "--reviewers", "A,B", "--seed", "-1", NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "assign", NULL), ==, 2);
  store = open_store (fixture);
  assignments = bz_store_list_assignments (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assignments->len, ==, 6);

  /* Half the reports to one reviewer each. */
  g_clear_object (&store);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "assign", "--reviewers", "A,B", "--share", "0.5", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "2 of 4 reports assigned, 0 of them to two reviewers."));
  g_assert_nonnull (strstr (fixture->out, "A: 1 report\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/biaozhu/cli-review/review-mode", BzCliFixture, NULL, bz_cli_fixture_set_up,
              test_review_mode, bz_cli_fixture_tear_down);
  g_test_add ("/biaozhu/cli-review/assign", BzCliFixture, NULL, bz_cli_fixture_set_up, test_assign,
              bz_cli_fixture_tear_down);
  return g_test_run ();
}
