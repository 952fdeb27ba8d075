/* test-cli-work.c: biaozhu-cli export-work and merge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <biaozhu.h>
#include <string.h>

#include "bz-test-cli.h"
#include "store-fixtures.h"

#define SAMPLE "002_f996e536b5069f20.txt"

typedef struct
{
  gint64      start;
  gint64      end;
  const char *label;
} SpanSpec;

/* A workspace of the sample in independent review in which @reviewer added
 * @n spans (start, end, label). Returns its path. */
static char *
reviewer_workspace (BzCliFixture   *fixture,
                    const char     *reviewer,
                    const SpanSpec *spans,
                    guint           n)
{
  g_autofree char *name = g_strdup_printf ("%s.db", reviewer);
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *sample = g_build_filename (g_getenv ("BZ_SAMPLES"), SAMPLE, NULL);
  g_autoptr(BzStore) store = fixture_open (path);
  g_autoptr(BzImportResult) result = bz_import_file (store, sample, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_no_error (result->error);
  g_assert_true (bz_store_set_review_mode (store, BZ_REVIEW_INDEPENDENT, &error));
  g_assert_no_error (error);
  bz_store_set_reviewer (store, reviewer);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BzSpan) span = bz_span_new (spans[i].start, spans[i].end, spans[i].label,
                                            BZ_SPAN_ACCEPTED, "human");

      g_assert_cmpint (bz_store_add_span (store, result->document_id, span, &error), >, 0);
      g_assert_no_error (error);
    }
  return path;
}

/* Runs the CLI on another workspace than the fixture's. */
static int
run_on (BzCliFixture *fixture,
        const char   *db_path,
        const char   *command,
        const char   *arg1,
        const char   *arg2,
        const char   *arg3,
        const char   *arg4)
{
  char *own = fixture->db_path;
  int status;

  fixture->db_path = (char *) db_path;
  status = bz_cli_fixture_run (fixture, command, arg1, arg2, arg3, arg4, NULL);
  fixture->db_path = own;
  return status;
}

/* The spans of a layer of the report as "start-end LABEL status reviewer" lines. */
static char *
describe_layer (BzStore    *store,
                const char *layer)
{
  g_autoptr(GPtrArray) spans = fixture_layer_spans (store, 1, layer);

  return fixture_describe_spans (spans);
}

/* alice's and bob's work on the sample, each from a workspace of their own,
 * written as work files; their paths in @out_alice_file and @out_bob_file. */
static void
work_of_alice_and_bob (BzCliFixture  *fixture,
                       char         **out_alice_file,
                       char         **out_bob_file)
{
  const SpanSpec a_spans[] = {
    { 0, 2, "PLACE" }, { 5, 9, "ORG" },
  }, b_spans[] = {
    { 0, 2, "PLACE" }, { 10, 14, "DATE" }, { 20, 22, "ORG" },
  };
  g_autofree char *alice = reviewer_workspace (fixture, "alice", a_spans, G_N_ELEMENTS (a_spans));
  g_autofree char *bob = reviewer_workspace (fixture, "bob", b_spans, G_N_ELEMENTS (b_spans));

  *out_alice_file = g_build_filename (fixture->dir, "alice.jsonl", NULL);
  *out_bob_file = g_build_filename (fixture->dir, "bob.jsonl", NULL);
  g_assert_cmpint (run_on (fixture, alice, "export-work", "--reviewer", "alice", "-o", *out_alice_file), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "Wrote the work of alice"));
  g_assert_cmpint (run_on (fixture, bob, "export-work", "--reviewer", "bob", "-o", *out_bob_file), ==, 0);
  g_assert_cmpint (run_on (fixture, bob, "export-work", "--reviewer", "bob", NULL, NULL), ==, 2);
  g_assert_nonnull (strstr (fixture->err, "-o FILE"));
  g_assert_cmpint (run_on (fixture, bob, "export-work", "--reviewer", "@curated", "-o", *out_bob_file), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "not a reviewer’s name"));
}

static void
test_export_and_merge (BzCliFixture  *fixture,
                       gconstpointer  data)
{
  g_autofree char *alice_file = NULL;
  g_autofree char *bob_file = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  work_of_alice_and_bob (fixture, &alice_file, &bob_file);

  g_assert_cmpint (bz_cli_fixture_run (fixture, "merge", alice_file, bob_file, NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "the work of alice: reports 1 (new 1), spans added 2, "
                                          "already there 0, history rows 2, conflicts 0"));
  g_assert_nonnull (strstr (fixture->out, "the work of bob: reports 1 (new 0), spans added 3, "
                                          "already there 0, history rows 3, conflicts 0"));

  store = fixture_open (fixture->db_path);
  g_assert_cmpint (bz_store_get_review_mode (store), ==, BZ_REVIEW_INDEPENDENT);
  {
    g_autofree char *a_layer = describe_layer (store, "alice");
    g_autofree char *b_layer = describe_layer (store, "bob");

    g_assert_cmpstr (a_layer, ==, "0-2 PLACE accepted alice\n5-9 ORG accepted alice\n");
    g_assert_cmpstr (b_layer, ==,
                     "0-2 PLACE accepted bob\n10-14 DATE accepted bob\n20-22 ORG accepted bob\n");
  }
  history = bz_store_list_history (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 5);
  for (guint i = 0; i < history->len; i++)
    {
      BzHistoryEntry *row = g_ptr_array_index (history, i);

      g_assert_cmpstr (row->reviewer, ==, i < 2 ? "alice" : "bob");
      g_assert_cmpstr (row->op, ==, "add");
      g_assert_false (row->undoable);
    }
  g_clear_object (&store);

  /* Again: nothing changes. */
  before = fixture_dump_workspace (fixture->db_path);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "merge", bob_file, alice_file, NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "the work of bob: reports 1 (new 0), spans added 0, "
                                          "already there 3, history rows 0, conflicts 0"));
  after = fixture_dump_workspace (fixture->db_path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_refused (BzCliFixture  *fixture,
              gconstpointer  data)
{
  const SpanSpec spans[] = { { 0, 2, "PLACE" } };
  g_autofree char *alice = reviewer_workspace (fixture, "alice", spans, 1);
  g_autofree char *alice_file = g_build_filename (fixture->dir, "alice.jsonl", NULL);
  g_autofree char *schema = g_strdup_printf ("\"schema\":%d", BZ_STORE_SCHEMA_VERSION);
  g_autofree char *newer_schema = g_strdup_printf ("\"schema\":%d", BZ_STORE_SCHEMA_VERSION + 1);
  g_autofree char *newer = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  /* The workspace exists: what a refused merge leaves is compared with it. */
  g_autoptr(BzStore) team = fixture_open (fixture->db_path);

  g_assert_cmpint (run_on (fixture, alice, "export-work", "--reviewer", "alice", "-o", alice_file), ==, 0);
  newer = fixture_replace_in_copy (alice_file, fixture->dir, "newer.jsonl", schema, newer_schema);
  labels = fixture_replace_in_copy (alice_file, fixture->dir, "labels.jsonl", "\"DATE\",", "");
  g_clear_object (&team);
  before = fixture_dump_workspace (fixture->db_path);

  g_assert_cmpint (bz_cli_fixture_run (fixture, "merge", newer, NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, newer));
  g_assert_nonnull (strstr (fixture->err, "newer Biaozhu"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "merge", labels, NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, labels));
  g_assert_nonnull (strstr (fixture->err, "are not the workspace’s"));
  after = fixture_dump_workspace (fixture->db_path);
  g_assert_cmpstr (after, ==, before);

  /* A good file then a refused one: the first is merged, the message says so. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "merge", alice_file, newer, NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "1 file before"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "merge", alice_file, NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "spans added 0, already there 1"));
}

/* The curated span of @cur at @start-@end with @label (it must be there). */
static guint
find_curated (BzCuration *cur,
              gint64      start,
              gint64      end,
              const char *label)
{
  for (guint i = 0; i < bz_curation_get_n_spans (cur); i++)
    {
      BzSpan *span = bz_curation_get_span (cur, i);

      if (bz_span_get_start (span) == start && bz_span_get_end (span) == end
          && g_str_equal (bz_span_get_label (span), label))
        return i;
    }
  g_assert_not_reached ();
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* Two reviewers' work merged, curated through the store, exported: the
 * curated set holds exactly the chosen spans, a reviewer's layer leaves by
 * name, and the agreement goes beside the export. */
static void
test_curated_export (BzCliFixture  *fixture,
                     gconstpointer  data)
{
  g_autofree char *alice_file = NULL;
  g_autofree char *bob_file = NULL;
  g_autofree char *curated_file = g_build_filename (fixture->dir, "curated.jsonl", NULL);
  g_autofree char *bob_export = g_build_filename (fixture->dir, "bob-layer.jsonl", NULL);
  g_autofree char *agreement_file = g_build_filename (fixture->dir, "curated.agreement.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *beside = NULL;
  g_autoptr(GError) error = NULL;

  work_of_alice_and_bob (fixture, &alice_file, &bob_file);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "merge", alice_file, bob_file, NULL), ==, 0);

  /* Nothing curated yet: the curated export is empty. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "export", "--documents", "curated", "--format", "doccano",
                                       "-o", curated_file, NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "Exported 0 documents"));

  {
    g_autoptr(BzStore) store = fixture_open (fixture->db_path);
    g_autoptr(BzCuration) cur = NULL;
    guint n = 0;

    bz_store_set_reviewer (store, "carol");
    bz_store_set_curating (store, TRUE);
    cur = bz_curation_new (store, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (bz_curation_get_n_spans (cur), ==, 4);
    g_assert_cmpuint (bz_curation_count_open_disputes (cur), ==, 3);
    g_assert_true (bz_curation_accept_agreed (cur, store, &n, &error));
    g_assert_cmpuint (n, ==, 1);
    g_assert_true (bz_curation_decide (cur, store, find_curated (cur, 5, 9, "ORG"), BZ_CURATION_SIDE, 0, &error));
    g_assert_true (bz_curation_decide (cur, store, find_curated (cur, 10, 14, "DATE"), BZ_CURATION_NONE, 0, &error));
    g_assert_true (bz_curation_decide (cur, store, find_curated (cur, 20, 22, "ORG"), BZ_CURATION_ALL, 0, &error));
    g_assert_no_error (error);
    g_assert_true (bz_store_mark_reviewed (store, 1, FALSE, NULL, &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (bz_cli_fixture_run (fixture, "export", "--documents", "curated", "--format", "doccano",
                                       "-o", curated_file, "--agreement", agreement_file, NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "Exported 1 documents (1 records, 3 spans"));
  g_assert_nonnull (strstr (fixture->out, "Agreement of 2 reviewers over 1 reports"));
  contents = read_text (curated_file);
  g_assert_nonnull (strstr (contents, "\"label\":[[0,2,\"PLACE\"],[5,9,\"ORG\"],[20,22,\"ORG\"]]"));
  g_clear_pointer (&contents, g_free);

  /* The figures beside the export are the workspace's agreement. */
  beside = read_text (agreement_file);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "agreement", "--json", NULL), ==, 0);
  g_assert_cmpstr (g_strstrip (beside), ==, g_strstrip (fixture->out));

  /* A reviewer's layer by name; the shared layer has no decisions. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "export", "--layer", "bob", "--format", "doccano",
                                       "-o", bob_export, NULL), ==, 0);
  contents = read_text (bob_export);
  g_assert_nonnull (strstr (contents, "\"label\":[[0,2,\"PLACE\"],[10,14,\"DATE\"],[20,22,\"ORG\"]]"));
  g_clear_pointer (&contents, g_free);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "export", "--layer", "shared", "--format", "doccano",
                                       "-o", bob_export, NULL), ==, 0);
  contents = read_text (bob_export);
  g_assert_nonnull (strstr (contents, "\"label\":[]"));

  /* Refusals: no such reviewer, a layer that contradicts --documents curated, a reserved name. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "export", "--layer", "dave", "--format", "doccano",
                                       "-o", bob_export, NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "“dave”"));
  g_assert_nonnull (strstr (fixture->err, "alice, bob"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "export", "--layer", "bob", "--documents", "curated",
                                       "--format", "doccano", "-o", bob_export, NULL), ==, 2);
  g_assert_nonnull (strstr (fixture->err, "curated"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "--reviewer", "@curated", "list", NULL), !=, 0);
  g_assert_nonnull (strstr (fixture->err, "not a reviewer’s name"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/biaozhu/cli-work/export-and-merge", BzCliFixture, NULL, bz_cli_fixture_set_up,
              test_export_and_merge, bz_cli_fixture_tear_down);
  g_test_add ("/biaozhu/cli-work/curated-export", BzCliFixture, NULL, bz_cli_fixture_set_up,
              test_curated_export, bz_cli_fixture_tear_down);
  g_test_add ("/biaozhu/cli-work/refused", BzCliFixture, NULL, bz_cli_fixture_set_up, test_refused,
              bz_cli_fixture_tear_down);
  return g_test_run ();
}
