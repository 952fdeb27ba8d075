/* test-cli-agreement.c: biaozhu-cli agreement on two reviewers' files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include <biaozhu.h>

#include "bz-test-cli.h"
#include "store-fixtures.h"

/* One report of 9 characters, 东城区王府井大街。, annotated by two reviewers:
 *   alice: [0,3) PLACE, [3,6) PLACE    tags B I I B I I O O O
 *   bob:   [0,3) PLACE, [3,8) PLACE    tags B I I B I I I I O
 * and a report only alice annotated, which does not count.
 * Strict F1: 1 match of 2 and 2: P = R = F1 = 0.5.
 * Cohen's κ with O, 9 characters: p_o = 7/9; alice B 2, I 4, O 3, bob B 2, I 6,
 *   O 1: p_e = (2·2 + 4·6 + 3·1)/81 = 31/81; κ = (63 − 31)/(81 − 31) = 32/50.
 * Without O, the 8 characters one of them tagged: p_o = 6/8; alice B 2, I 4,
 *   O 2, bob B 2, I 6: p_e = (4 + 24)/64; κ = (48 − 28)/(64 − 28) = 20/36.
 * Krippendorff's α: coincidences o_BB 4, o_II 8, o_OI = o_IO 2, o_OO 2; n_B 4,
 *   n_I 10, n_O 4, n 18: α = 1 − 17·4 / (2·(40 + 16 + 40)) = 1 − 68/192.
 *   Without O (char 8 dropped): n_O 2, n 16: α = 1 − 15·4 / (2·(40 + 8 + 20)) = 1 − 60/136. */
#define ALICE "{\"text\": \"东城区王府井大街。\", \"label\": [[0, 3, \"PLACE\"], [3, 6, \"PLACE\"]]}\n" \
              "{\"text\": \"只有甲看过。\", \"label\": []}\n"
#define BOB   "{\"text\": \"东城区王府井大街。\", \"label\": [[0, 3, \"PLACE\"], [3, 8, \"PLACE\"]]}\n"

static double
value_of (JsonObject *overall,
          const char *figure,
          const char *member)
{
  return json_object_get_double_member (json_object_get_object_member (overall, figure), member);
}

static void
test_two_reviewers (BzCliFixture  *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *alice = bz_test_write (fixture->dir, "alice.jsonl", ALICE, -1);
  g_autofree char *bob = bz_test_write (fixture->dir, "bob.jsonl", BOB, -1);
  g_autofree char *beside = g_build_filename (fixture->dir, "agreement.json", NULL);
  g_autofree char *written = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonObject *overall;
  JsonArray *reviewers;

  g_assert_cmpint (bz_cli_fixture_run (fixture, "agreement", "--format", "doccano", "--json",
                                       "-o", beside, alice, bob, NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, fixture->out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  reviewers = json_object_get_array_member (root, "reviewers");
  g_assert_cmpuint (json_array_get_length (reviewers), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (reviewers, 0), ==, "alice");
  g_assert_cmpint (json_object_get_int_member (root, "n_documents"), ==, 1);
  overall = json_object_get_object_member (root, "overall");
  g_assert_cmpfloat_with_epsilon (value_of (overall, "f1", "f1"), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (overall, "kappa", "value"), 32.0 / 50, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (overall, "kappa_no_o", "value"), 20.0 / 36, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (overall, "alpha", "value"), 1 - 68.0 / 192, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (overall, "alpha_no_o", "value"), 1 - 60.0 / 136, 1e-12);
  /* The same figures beside a dataset. */
  g_assert_true (g_file_get_contents (beside, &written, NULL, NULL));
  g_assert_cmpstr (g_strstrip (written), ==, g_strstrip (fixture->out));

  /* Named reviewers, and the table for people. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "agreement", "--format", "doccano", "--names", "甲,乙",
                                       alice, bob, NULL), ==, 0);
  /* Reviewers in the order of their names: 乙 (U+4E59) before 甲 (U+7532). */
  g_assert_nonnull (strstr (fixture->out, "乙 / 甲"));
  g_assert_nonnull (strstr (fixture->out, "0.640"));
  g_assert_nonnull (strstr (fixture->out, "东城区王府井大街。"));
}

/* The same two reviewers, each in their own layer of a workspace in
 * independent review: the same figures, from the workspace. */
static void
test_workspace (BzCliFixture  *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = bz_store_open (fixture->db_path, &error);
  g_autoptr(BzCanonicalText) text = fixture_canonical_text ("东城区王府井大街。", "UTF-8");
  g_autoptr(BzCanonicalText) other = fixture_canonical_text ("只有甲看过。", "UTF-8");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *overall;
  gint64 id, only_alice;

  g_assert_no_error (error);
  id = bz_store_add_document (store, "王府井", NULL, text, NULL, &error);
  only_alice = bz_store_add_document (store, "甲", NULL, other, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bz_store_set_review_mode (store, BZ_REVIEW_INDEPENDENT, &error));
  bz_store_set_reviewer (store, "alice");
  fixture_add_span (store, id, 0, 3, "PLACE", BZ_SPAN_ACCEPTED);
  fixture_add_span (store, id, 3, 6, "PLACE", BZ_SPAN_ACCEPTED);
  fixture_add_span (store, only_alice, 0, 2, "PLACE", BZ_SPAN_ACCEPTED);
  bz_store_set_reviewer (store, "bob");
  fixture_add_span (store, id, 0, 3, "PLACE", BZ_SPAN_ACCEPTED);
  fixture_add_span (store, id, 3, 8, "PLACE", BZ_SPAN_ACCEPTED);
  g_clear_object (&store);

  g_assert_cmpint (bz_cli_fixture_run (fixture, "agreement", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, fixture->out, -1, NULL));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                               "n_documents"), ==, 1);
  overall = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "overall");
  g_assert_cmpfloat_with_epsilon (value_of (overall, "f1", "f1"), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (overall, "kappa", "value"), 32.0 / 50, 1e-12);
  g_assert_cmpfloat_with_epsilon (value_of (overall, "alpha_no_o", "value"), 1 - 60.0 / 136, 1e-12);

  g_assert_cmpint (bz_cli_fixture_run (fixture, "agreement", "--names", "a,b", NULL), ==, 2);

  /* A third reviewer decides from the command line, in a layer of their own. */
  {
    g_autoptr(BzSpan) suggestion = bz_span_new (0, 3, "PLACE", BZ_SPAN_SUGGESTED, "extractor@test");
    g_autoptr(GPtrArray) carol = NULL;
    g_autoptr(GPtrArray) shared = NULL;

    store = bz_store_open (fixture->db_path, &error);
    g_assert_no_error (error);
    bz_span_set_source (suggestion, "list:test");
    bz_span_set_confidence (suggestion, 0.99);
    /* Suggestions go to the shared layer, as the extractor's do. */
    g_assert_true (bz_store_set_review_mode (store, BZ_REVIEW_SHARED, &error));
    g_assert_cmpint (bz_store_add_span (store, id, suggestion, &error), >, 0);
    g_assert_true (bz_store_set_review_mode (store, BZ_REVIEW_INDEPENDENT, &error));
    g_clear_object (&store);

    g_assert_cmpint (bz_cli_fixture_run (fixture, "--reviewer", "carol", "accept", "--min-confidence", "0.9",
                                         NULL), ==, 0);
    store = bz_store_open (fixture->db_path, &error);
    carol = bz_store_list_layer_spans (store, id, "carol", &error);
    shared = bz_store_list_layer_spans (store, id, "", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (carol->len, ==, 1);
    g_assert_cmpint (bz_span_get_status (g_ptr_array_index (carol, 0)), ==, BZ_SPAN_ACCEPTED);
    g_assert_cmpstr (bz_span_get_reviewer (g_ptr_array_index (carol, 0)), ==, "carol");
    g_assert_cmpuint (shared->len, ==, 1);
    g_assert_cmpint (bz_span_get_status (g_ptr_array_index (shared, 0)), ==, BZ_SPAN_SUGGESTED);
  }
}

static void
test_refusals (BzCliFixture  *fixture,
               gconstpointer  user_data)
{
  g_autofree char *alice = bz_test_write (fixture->dir, "alice.jsonl", ALICE, -1);
  g_autofree char *bob = bz_test_write (fixture->dir, "bob.jsonl", BOB, -1);
  g_autofree char *empty = bz_test_write (fixture->dir, "empty.jsonl", "", -1);
  g_autofree char *broken = bz_test_write (fixture->dir, "broken.jsonl", "{\"text\": \"东城区\", \"label\": [[0, 9, \"PLACE\"]]}\n", -1);

  g_assert_cmpint (bz_cli_fixture_run (fixture, "agreement", "--format", "doccano", alice, NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "agreement", "--format", "doccano", "--names", "a",
                                       alice, bob, NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "agreement", "--format", "doccano", "--names", "a,a",
                                       alice, bob, NULL), ==, 2);
  g_assert_nonnull (strstr (fixture->err, "“a”"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "agreement", "--format", "nonsense", alice, bob, NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "agreement", "--format", "doccano", alice, empty, NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "empty.jsonl"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "agreement", "--format", "doccano", alice, broken, NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "broken.jsonl"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/biaozhu/agreement/cli/" path, BzCliFixture, NULL, bz_cli_fixture_set_up, func, bz_cli_fixture_tear_down)
  ADD ("two-reviewers", test_two_reviewers);
  ADD ("refusals", test_refusals);
  ADD ("workspace", test_workspace);
#undef ADD
  return g_test_run ();
}
