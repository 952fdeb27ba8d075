/* test-stats.c: span counts per label, status and reviewer, and the extractor's acceptance
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "store-fixtures.h"

/* Adds a span from @origin; with @reviewer, that reviewer then decides it. */
static gint64
add_decided (BzStore      *store,
             gint64        document_id,
             gint64        start,
             gint64        end,
             const char   *label,
             const char   *origin,
             const char   *reviewer,
             BzSpanStatus  status)
{
  g_autoptr(BzSpan) span = bz_span_new (start, end, label, BZ_SPAN_SUGGESTED, origin);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = bz_store_add_span (store, document_id, span, &error);
  g_assert_no_error (error);
  if (reviewer != NULL)
    {
      bz_store_set_reviewer (store, reviewer);
      g_assert_true (bz_store_set_span_status (store, id, status, &error));
      g_assert_no_error (error);
    }
  return id;
}

static const BzStatsTally *
find_tally (GPtrArray  *tallies,
            const char *name)
{
  for (guint i = 0; i < tallies->len; i++)
    {
      const BzStatsTally *tally = g_ptr_array_index (tallies, i);

      if (g_strcmp0 (tally->name, name) == 0)
        return tally;
    }
  g_assert_not_reached ();
}

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(BzStats) stats = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;
  const BzStatsTally *tally;
  gint64 doc, done;

  doc = fixture_add_document (f->store, "t", TEXT);
  done = fixture_add_document (f->store, "u", "朝阳区发布报告。");
  add_decided (f->store, doc, 4, 9, "PLACE", "extractor@1", "alice", BZ_SPAN_ACCEPTED);
  add_decided (f->store, doc, 12, 15, "PLACE", "extractor@1", "bob", BZ_SPAN_REJECTED);
  add_decided (f->store, doc, 12, 19, "ORG", "extractor@1", NULL, BZ_SPAN_SUGGESTED);
  add_decided (f->store, doc, 22, 25, "PLACE", "external:jieba", "alice", BZ_SPAN_ACCEPTED);
  bz_store_set_reviewer (f->store, "alice");
  fixture_add_span (f->store, doc, 0, 3, "ORG", BZ_SPAN_ACCEPTED);
  g_assert_true (bz_store_set_document_status (f->store, done, BZ_DOCUMENT_REVIEWED, &error));
  g_assert_no_error (error);

  stats = bz_stats_collect (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stats);

  g_assert_cmpuint (stats->n_documents, ==, 2);
  g_assert_cmpuint (stats->documents_by_status[BZ_DOCUMENT_REVIEWED], ==, 1);
  /* Alice's decision made the first report in progress. */
  g_assert_cmpuint (stats->documents_by_status[BZ_DOCUMENT_IN_PROGRESS], ==, 1);
  g_assert_cmpuint (stats->documents_by_status[BZ_DOCUMENT_NEW], ==, 0);
  g_assert_cmpuint (stats->all->total, ==, 5);
  g_assert_cmpuint (stats->all->by_status[BZ_SPAN_ACCEPTED], ==, 3);
  g_assert_cmpuint (stats->all->extractor_decided, ==, 3);

  /* Every label of the schema is listed, in schema order, also at zero. */
  labels = bz_store_list_labels (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->labels->len, ==, labels->len);
  for (guint i = 0; i < labels->len; i++)
    g_assert_cmpstr (((BzStatsTally *) g_ptr_array_index (stats->labels, i))->name, ==,
                     bz_label_get_name (g_ptr_array_index (labels, i)));

  tally = find_tally (stats->labels, "PLACE");
  g_assert_cmpuint (tally->total, ==, 3);
  g_assert_cmpuint (tally->by_status[BZ_SPAN_ACCEPTED], ==, 2);
  g_assert_cmpuint (tally->by_status[BZ_SPAN_REJECTED], ==, 1);
  g_assert_cmpuint (tally->extractor_decided, ==, 3);
  g_assert_cmpuint (tally->extractor_accepted, ==, 2);
  g_assert_cmpfloat_with_epsilon (bz_stats_tally_get_acceptance (tally), 2.0 / 3.0, 1e-9);

  /* The hand-made ORG span is no extractor's; the extractor's ORG is undecided. */
  tally = find_tally (stats->labels, "ORG");
  g_assert_cmpuint (tally->total, ==, 2);
  g_assert_cmpuint (tally->by_status[BZ_SPAN_SUGGESTED], ==, 1);
  g_assert_cmpuint (tally->extractor_decided, ==, 0);
  g_assert_cmpfloat (bz_stats_tally_get_acceptance (tally), <, 0);

  tally = find_tally (stats->labels, "DATE");
  g_assert_cmpuint (tally->total, ==, 0);

  tally = find_tally (stats->reviewers, "alice");
  g_assert_cmpuint (tally->by_status[BZ_SPAN_ACCEPTED], ==, 3);
  g_assert_cmpuint (tally->total, ==, 3);
  tally = find_tally (stats->reviewers, "bob");
  g_assert_cmpuint (tally->by_status[BZ_SPAN_REJECTED], ==, 1);
  tally = find_tally (stats->reviewers, NULL);
  g_assert_cmpuint (tally->by_status[BZ_SPAN_SUGGESTED], ==, 1);

  g_assert_true (bz_stats_is_extractor_origin ("extractor@0.3"));
  g_assert_true (bz_stats_is_extractor_origin ("external:hanlp"));
  g_assert_false (bz_stats_is_extractor_origin ("human"));
  g_assert_false (bz_stats_is_extractor_origin ("import:doccano"));
  g_assert_false (bz_stats_is_extractor_origin (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/biaozhu/stats/counts", Fixture, NULL, fixture_set_up, test_counts, fixture_tear_down);
  return g_test_run ();
}
