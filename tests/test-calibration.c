/* test-calibration.c: the sources and confidences of suggestions, reliability
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <biaozhu.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "store-fixtures.h"

/* A report whose extractor suggestions come from several rules and lists. */
#define REPORT "2023年东城区人民政府地区生产总值增长5.6%。王府井地区完成投资12亿元。"

/* A suggestion of @source at @confidence. */
static gint64
add_suggestion (BzStore    *store,
                gint64      document_id,
                gint64      start,
                gint64      end,
                const char *label,
                const char *source,
                double      confidence)
{
  g_autoptr(BzSpan) span = bz_span_new (start, end, label, BZ_SPAN_SUGGESTED, "extractor@test");
  g_autoptr(GError) error = NULL;
  gint64 id;

  bz_span_set_source (span, source);
  bz_span_set_confidence (span, confidence);
  id = bz_store_add_span (store, document_id, span, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static BzSpanStatus
status_of (BzStore *store,
           gint64   span_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzSpan) span = bz_store_get_span (store, span_id, &error);

  g_assert_no_error (error);
  return bz_span_get_status (span);
}

static BzExtractor *
new_extractor (void)
{
  g_autoptr(GError) error = NULL;
  BzExtractor *extractor = bz_extractor_new (NULL, &error);

  g_assert_no_error (error);
  return extractor;
}

/* Every match names the rule or list that made it, and its confidence is that
 * source's in the shipped table. */
static void
test_match_sources (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzExtractor) extractor = bz_extractor_new (NULL, &error);
  const char *text = "2023年东城区人民政府地区生产总值增长5.6%，完成投资12亿元。";
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);

  g_assert_no_error (error);
  matches = bz_extractor_match (extractor, text, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < matches->len; i++)
    {
      const BzExtractorMatch *m = &g_array_index (matches, BzExtractorMatch, i);
      g_autofree char *surface = bz_utf8_substring (text, m->start, m->end);

      g_assert_nonnull (m->source);
      g_assert_cmpfloat (m->confidence, ==,
                         bz_calibration_get_confidence (bz_extractor_get_calibration (extractor),
                                                        m->source, m->label));
      g_assert_cmpfloat (m->confidence, >, 0.0);
      g_assert_cmpfloat (m->confidence, <, 1.0);
      g_string_append_printf (seen, "%s%s/%s/%s", i > 0 ? " " : "", surface, m->label, m->source);
    }
  g_assert_cmpstr (seen->str, ==,
                   "2023年/DATE/rule:number 东城区人民政府/ORG/list:org-government"
                   " 地区生产总值/INDICATOR/list:indicator 5.6%/VALUE/rule:number-percent"
                   " 投资/INDICATOR/rule:indicator 12亿元/VALUE/rule:number-digits");
}

/* The smoothing by hand: with the prior weight 10, all sources 108 of 120 give
 * (108 + 10 * 0.5) / 130; label X (98 of 100) (98 + 10 * 113/130) / 110;
 * source s2 of X (2 of 4) (2 + 10 * p_X) / 14. */
static BzCalibration *
hand_table (void)
{
  BzCalibration *table = bz_calibration_new ();

  bz_calibration_add (table, "s1", "X", 96, 96);
  bz_calibration_add (table, "s2", "X", 2, 4);
  bz_calibration_add (table, "s3", "Y", 10, 20);
  return table;
}

static void
test_smoothing (void)
{
  g_autoptr(BzCalibration) table = hand_table ();
  guint right = 0, seen = 0;

  g_assert_cmpfloat_with_epsilon (bz_calibration_get_label_precision (table, "X"), 0.9699300699300699, 1e-12);
  g_assert_cmpfloat_with_epsilon (bz_calibration_get_confidence (table, "s1", "X"), 0.9971632141443462, 1e-12);
  g_assert_cmpfloat_with_epsilon (bz_calibration_get_confidence (table, "s2", "X"), 0.8356643356643357, 1e-12);
  g_assert_cmpfloat_with_epsilon (bz_calibration_get_confidence (table, "s3", "Y"), 0.541025641025641, 1e-12);
  /* A source never seen has its label's precision, a label never seen all sources'. */
  g_assert_cmpfloat_with_epsilon (bz_calibration_get_confidence (table, "s9", "X"), 0.9699300699300699, 1e-12);
  g_assert_cmpfloat_with_epsilon (bz_calibration_get_confidence (table, "s9", "Z"), 113.0 / 130.0, 1e-12);
  /* A source seen three times, always right, is not sure. */
  bz_calibration_add (table, "s4", "Y", 3, 3);
  {
    /* All sources 111 of 123 now, Y 13 of 23. */
    double all = (111 + 10 * 0.5) / 133, y = (13 + 10 * all) / 33;

    g_assert_cmpfloat_with_epsilon (bz_calibration_get_confidence (table, "s4", "Y"), (3 + 10 * y) / 13, 1e-12);
    g_assert_cmpfloat (bz_calibration_get_confidence (table, "s4", "Y"), <, 0.75);
  }
  g_assert_true (bz_calibration_get_counts (table, "s2", "X", &right, &seen));
  g_assert_cmpuint (right, ==, 2);
  g_assert_cmpuint (seen, ==, 4);
  g_assert_false (bz_calibration_get_counts (table, "s2", "Y", &right, &seen));
  g_assert_cmpuint (seen, ==, 0);
}

/* Lowering the threshold takes in s1 (96 of 96), then s2 (98 of 100), then s3
 * (108 of 120): the lowest threshold whose precision reaches the target, over
 * all labels and for each label (X 98 of 100, Y 10 of 20 with s3). */
static void
test_pick_threshold (void)
{
  g_autoptr(BzCalibration) table = hand_table ();
  g_autoptr(BzCalibration) poor = bz_calibration_new ();
  double threshold = 0.0, precision = 0.0;

  g_assert_true (bz_calibration_pick_threshold (table, 0.97, &threshold, &precision));
  g_assert_cmpfloat (threshold, ==, bz_calibration_get_confidence (table, "s2", "X"));
  g_assert_cmpfloat_with_epsilon (precision, 0.98, 1e-12);
  g_assert_true (bz_calibration_pick_threshold (table, 0.99, &threshold, &precision));
  g_assert_cmpfloat (threshold, ==, bz_calibration_get_confidence (table, "s1", "X"));
  g_assert_cmpfloat (precision, ==, 1.0);
  /* 108 of 120 reach 0.9, but Y's 10 of 20 do not: s3 stays out. */
  g_assert_true (bz_calibration_pick_threshold (table, 0.9, &threshold, &precision));
  g_assert_cmpfloat (threshold, ==, bz_calibration_get_confidence (table, "s2", "X"));
  g_assert_cmpfloat_with_epsilon (precision, 0.98, 1e-12);
  g_assert_true (bz_calibration_pick_threshold (table, 0.5, &threshold, &precision));
  g_assert_cmpfloat (threshold, ==, bz_calibration_get_confidence (table, "s3", "Y"));
  g_assert_cmpfloat_with_epsilon (precision, 0.9, 1e-12);

  bz_calibration_add (poor, "s1", "X", 9, 10);
  g_assert_false (bz_calibration_pick_threshold (poor, 0.95, &threshold, &precision));
  g_assert_cmpfloat (threshold, ==, BZ_CALIBRATION_NO_THRESHOLD);
}

/* The hand table's counts, as two reports gave them: report a 48 of 48 of s1,
 * 2 of 2 of s2, 5 of 10 of s3; report b 48 of 48, 0 of 2, 5 of 10. */
static BzCalibration *
hand_table_by_report (void)
{
  BzCalibration *table = bz_calibration_new ();
  g_autoptr(BzCalibration) a = bz_calibration_new ();
  g_autoptr(BzCalibration) b = bz_calibration_new ();

  bz_calibration_add (a, "s1", "X", 48, 48);
  bz_calibration_add (a, "s2", "X", 2, 2);
  bz_calibration_add (a, "s3", "Y", 5, 10);
  bz_calibration_add (b, "s1", "X", 48, 48);
  bz_calibration_add (b, "s2", "X", 0, 2);
  bz_calibration_add (b, "s3", "Y", 5, 10);
  bz_calibration_merge_report (table, "a", a);
  bz_calibration_merge_report (table, "b", b);
  return table;
}

/* The same counts in two reports: the confidences are the pooled ones, but
 * the threshold must reach the target in each report. At 0.97, taking in s2
 * gives 98 of 100 pooled but 48 of 50 (0.96) in b: only s1 is accepted. At
 * 0.9, taking in s3 gives 108 of 120 pooled but 53 of 60 (0.883) in b, while
 * s2's level (a 50 of 50, b 48 of 50) passes: the threshold stops at s2. */
static void
test_pick_threshold_by_report (void)
{
  g_autoptr(BzCalibration) pooled = hand_table ();
  g_autoptr(BzCalibration) table = hand_table_by_report ();
  g_autoptr(BzCalibration) copy = NULL;
  double threshold = 0.0, precision = 0.0;
  guint right = 0, seen = 0;

  g_assert_true (bz_calibration_get_counts (table, "s2", "X", &right, &seen));
  g_assert_cmpuint (right, ==, 2);
  g_assert_cmpuint (seen, ==, 4);
  g_assert_cmpfloat (bz_calibration_get_confidence (table, "s2", "X"), ==,
                     bz_calibration_get_confidence (pooled, "s2", "X"));

  g_assert_true (bz_calibration_pick_threshold (table, 0.97, &threshold, &precision));
  g_assert_cmpfloat (threshold, ==, bz_calibration_get_confidence (table, "s1", "X"));
  g_assert_cmpfloat (precision, ==, 1.0);
  g_assert_true (bz_calibration_pick_threshold (table, 0.9, &threshold, &precision));
  g_assert_cmpfloat (threshold, ==, bz_calibration_get_confidence (table, "s2", "X"));
  g_assert_cmpfloat_with_epsilon (precision, 0.98, 1e-12);

  /* A copy keeps the reports; counts of no report (a workspace's decisions)
   * count only pooled: 2 more right of s2 take it to 4 of 6, still 48 of 50
   * in b. */
  copy = bz_calibration_copy (table);
  g_assert_true (bz_calibration_pick_threshold (copy, 0.97, &threshold, NULL));
  g_assert_cmpfloat (threshold, ==, bz_calibration_get_confidence (copy, "s1", "X"));
  bz_calibration_add (copy, "s2", "X", 2, 2);
  g_assert_true (bz_calibration_pick_threshold (copy, 0.97, &threshold, NULL));
  g_assert_cmpfloat (threshold, ==, bz_calibration_get_confidence (copy, "s1", "X"));
  /* Once b's errors are outweighed there too, s2 is taken in. */
  {
    g_autoptr(BzCalibration) more_b = bz_calibration_new ();

    bz_calibration_add (more_b, "s1", "X", 50, 50);
    bz_calibration_merge_report (copy, "b", more_b);
    g_assert_true (bz_calibration_pick_threshold (copy, 0.97, &threshold, &precision));
    g_assert_cmpfloat (threshold, ==, bz_calibration_get_confidence (copy, "s2", "X"));
    g_assert_cmpfloat_with_epsilon (precision, 150.0 / 152.0, 1e-12);
  }
}

/* Ten bins: [0.9, 1) holds 0.95 right and 0.95 wrong (|0.5 - 0.95| = 0.45),
 * [0.8, 0.9) 0.85 right (0.15), [0.3, 0.4) 0.35 wrong and 0.32 right
 * (|0.5 - 0.335| = 0.165), [0, 0.1) 0.05 wrong (0.05): ECE =
 * (2 * 0.45 + 0.15 + 2 * 0.165 + 0.05) / 6. */
static void
test_reliability (void)
{
  const double confidences[] = { 0.95, 0.95, 0.85, 0.35, 0.32, 0.05 };
  const gboolean correct[] = { TRUE, FALSE, TRUE, FALSE, TRUE, FALSE };
  BzReliabilityBin bins[10];
  double ece;

  ece = bz_calibration_reliability (confidences, correct, G_N_ELEMENTS (confidences), 10, bins);
  g_assert_cmpfloat_with_epsilon (ece, (2 * 0.45 + 0.15 + 2 * 0.165 + 0.05) / 6, 1e-12);
  g_assert_cmpuint (bins[9].n, ==, 2);
  g_assert_cmpfloat_with_epsilon (bins[9].accuracy, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (bins[3].mean_confidence, 0.335, 1e-12);
  g_assert_cmpuint (bins[5].n, ==, 0);
  g_assert_cmpfloat (bins[5].low, ==, 0.5);
  g_assert_cmpfloat (ece, ==, bz_calibration_reliability (confidences, correct, G_N_ELEMENTS (confidences), 10, NULL));
  g_assert_cmpfloat (bz_calibration_reliability (NULL, NULL, 0, 10, NULL), ==, 0.0);
}

/* The table reads back as written; a malformed line is refused by number. */
static void
test_table_round_trip (void)
{
  g_autoptr(BzCalibration) table = hand_table ();
  g_autoptr(BzCalibration) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fixture_make_dir ();
  g_autofree char *path = g_build_filename (dir, "calibration.tsv", NULL);
  g_autofree char *text = bz_calibration_to_string (table);
  g_autofree char *again = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  read = bz_calibration_load (path, &error);
  g_assert_no_error (error);
  again = bz_calibration_to_string (read);
  g_assert_cmpstr (again, ==, text);

  /* With reports, and counts of no report besides. */
  {
    g_autoptr(BzCalibration) by_report = hand_table_by_report ();
    g_autoptr(BzCalibration) read_back = NULL;
    g_autofree char *text_by_report = NULL;
    g_autofree char *text_again = NULL;
    double expected = 0.0, threshold = 0.0;

    bz_calibration_add (by_report, "s4", "Y", 1, 2);
    text_by_report = bz_calibration_to_string (by_report);
    g_assert_nonnull (strstr (text_by_report, "\ns4\tY\t1\t2\n"));
    g_assert_nonnull (strstr (text_by_report, "\ns2\tX\t0\t2\tb\n"));
    g_assert_true (g_file_set_contents (path, text_by_report, -1, &error));
    read_back = bz_calibration_load (path, &error);
    g_assert_no_error (error);
    text_again = bz_calibration_to_string (read_back);
    g_assert_cmpstr (text_again, ==, text_by_report);
    g_assert_true (bz_calibration_pick_threshold (by_report, 0.9, &expected, NULL));
    g_assert_true (bz_calibration_pick_threshold (read_back, 0.9, &threshold, NULL));
    g_assert_cmpfloat (threshold, ==, expected);
  }

  g_assert_true (g_file_set_contents (path, "# header\ns1\tX\t5\t4\n", -1, &error));
  g_assert_null (bz_calibration_load (path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "calibration.tsv:2:"));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, "# header\ns1\tX\t4\t5\t\n", -1, &error));
  g_assert_null (bz_calibration_load (path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  fixture_remove_tree (dir);
}

/* The extractor's suggestions are stored with their confidence and source;
 * a reviewer's span has neither; both survive reopening. */
static void
test_store_confidences (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BzExtractor) extractor = new_extractor ();
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  guint n_added = 0, n_with = 0;
  gint64 human;

  f->document_id = fixture_add_document (f->store, "report", REPORT);
  human = fixture_add_span (f->store, f->document_id, 0, 4, "DATE", BZ_SPAN_ACCEPTED);
  g_assert_true (bz_extractor_annotate_document (extractor, f->store, f->document_id, REPORT, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, >=, 3);
  f->store = fixture_reopen (f->store);

  spans = bz_store_list_spans (f->store, f->document_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      if (bz_span_get_id (span) == human)
        {
          g_assert_false (bz_span_has_confidence (span));
          g_assert_cmpfloat (bz_span_get_confidence (span), ==, -1.0);
          g_assert_null (bz_span_get_source (span));
          continue;
        }
      g_assert_true (bz_span_has_confidence (span));
      g_assert_nonnull (bz_span_get_source (span));
      /* Stored to six decimals. */
      g_assert_cmpfloat_with_epsilon (bz_span_get_confidence (span),
                                      bz_calibration_get_confidence (bz_extractor_get_calibration (extractor),
                                                                     bz_span_get_source (span), bz_span_get_label (span)),
                                      5e-7);
      n_with++;
    }
  g_assert_cmpuint (n_with, ==, n_added);
}

/* The workspace's decisions on a source refine its confidence for later
 * suggestions: rejecting the percentage the number rule found lowers it. */
static void
test_decisions_refine (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BzExtractor) extractor = new_extractor ();
  g_autoptr(BzCalibration) counts = bz_calibration_new ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 other;
  double before = -1.0, after = -1.0;
  guint right = 0, seen = 0, n_rejected = 0;

  f->document_id = fixture_add_document (f->store, "report", REPORT);
  g_assert_true (bz_extractor_annotate_document (extractor, f->store, f->document_id, REPORT, NULL, &error));
  g_assert_no_error (error);
  first = bz_store_list_spans (f->store, f->document_id, &error);
  for (guint i = 0; i < first->len; i++)
    {
      BzSpan *span = g_ptr_array_index (first, i);

      if (g_strcmp0 (bz_span_get_source (span), "rule:number-percent") == 0)
        {
          before = bz_span_get_confidence (span);
          g_assert_true (bz_store_set_span_status (f->store, bz_span_get_id (span), BZ_SPAN_REJECTED, &error));
          g_assert_no_error (error);
          n_rejected++;
        }
    }
  g_assert_cmpuint (n_rejected, ==, 1);

  g_assert_true (bz_store_add_decision_counts (f->store, counts, &error));
  g_assert_no_error (error);
  g_assert_true (bz_calibration_get_counts (counts, "rule:number-percent", "VALUE", &right, &seen));
  g_assert_cmpuint (right, ==, 0);
  g_assert_cmpuint (seen, ==, 1);

  /* A suggestion accepted as it is was right; one relabelled, then accepted, was not. */
  for (guint i = 0; i < first->len; i++)
    {
      BzSpan *span = g_ptr_array_index (first, i);
      g_autoptr(BzSpan) now = NULL;

      if (g_strcmp0 (bz_span_get_source (span), "list:org-government") != 0)
        continue;
      g_assert_true (bz_store_set_span_label (f->store, bz_span_get_id (span), "PLACE", &error));
      g_assert_true (bz_store_set_span_status (f->store, bz_span_get_id (span), BZ_SPAN_ACCEPTED, &error));
      g_assert_no_error (error);
      now = bz_store_get_span (f->store, bz_span_get_id (span), &error);
      g_assert_false (bz_span_has_confidence (now));
      g_assert_cmpstr (bz_span_get_source (now), ==, "list:org-government");
      break;
    }
  {
    g_autoptr(BzCalibration) more = bz_calibration_new ();

    g_assert_true (bz_store_add_decision_counts (f->store, more, &error));
    g_assert_true (bz_calibration_get_counts (more, "list:org-government", "PLACE", &right, &seen));
    g_assert_cmpuint (right, ==, 0);
    g_assert_cmpuint (seen, ==, 1);
  }
  for (guint i = 0; i < first->len; i++)
    {
      BzSpan *span = g_ptr_array_index (first, i);

      if (g_strcmp0 (bz_span_get_source (span), "list:indicator") == 0)
        {
          g_autoptr(BzCalibration) more = bz_calibration_new ();

          g_assert_true (bz_store_set_span_status (f->store, bz_span_get_id (span), BZ_SPAN_ACCEPTED, &error));
          g_assert_true (bz_store_add_decision_counts (f->store, more, &error));
          g_assert_true (bz_calibration_get_counts (more, "list:indicator", "INDICATOR", &right, &seen));
          g_assert_cmpuint (right, ==, 1);
          g_assert_cmpuint (seen, ==, 1);
          break;
        }
    }

  other = fixture_add_document (f->store, "again", "另一份报告：投资增长7.5%。");
  g_assert_true (bz_extractor_annotate_document (extractor, f->store, other, "另一份报告：投资增长7.5%。", NULL, &error));
  g_assert_no_error (error);
  second = bz_store_list_spans (f->store, other, &error);
  for (guint i = 0; i < second->len; i++)
    {
      BzSpan *span = g_ptr_array_index (second, i);

      if (g_strcmp0 (bz_span_get_source (span), "rule:number-percent") == 0)
        after = bz_span_get_confidence (span);
    }
  g_assert_cmpfloat (before, >, 0.0);
  g_assert_cmpfloat (after, >, 0.0);
  g_assert_cmpfloat (after, <, before);
  {
    g_autoptr(BzCalibration) refined = bz_calibration_copy (bz_extractor_get_calibration (extractor));

    /* The table, refined by the decisions counted above. */
    bz_calibration_add (refined, "rule:number-percent", "VALUE", 0, 1);
    bz_calibration_add (refined, "list:org-government", "PLACE", 0, 1);
    bz_calibration_add (refined, "list:indicator", "INDICATOR", 1, 1);
    g_assert_cmpfloat_with_epsilon (after, bz_calibration_get_confidence (refined, "rule:number-percent", "VALUE"), 5e-7);
  }
}

/* Bulk acceptance takes exactly the undecided suggestions at or above the
 * threshold, in one document or in all, and one undo reverts it. */
static void
test_bulk_accept (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) per_label = NULL;
  gint64 doc2, low, at, above, no_confidence, rejected, human, elsewhere;
  guint n_accepted = 0;

  f->document_id = fixture_add_document (f->store, "report", REPORT);
  doc2 = fixture_add_document (f->store, "other", "另一份报告：投资增长7.5%。");
  low = add_suggestion (f->store, f->document_id, 0, 4, "DATE", "rule:number", 0.5);
  at = add_suggestion (f->store, f->document_id, 5, 11, "ORG", "list:org", 0.9);
  above = add_suggestion (f->store, f->document_id, 11, 17, "INDICATOR", "list:indicator", 0.95);
  no_confidence = fixture_add_span (f->store, f->document_id, 19, 23, "VALUE", BZ_SPAN_SUGGESTED);
  rejected = add_suggestion (f->store, f->document_id, 24, 29, "PLACE", "list:places", 0.99);
  g_assert_true (bz_store_set_span_status (f->store, rejected, BZ_SPAN_REJECTED, &error));
  human = fixture_add_span (f->store, f->document_id, 30, 32, "VALUE", BZ_SPAN_ACCEPTED);
  elsewhere = add_suggestion (f->store, doc2, 10, 14, "VALUE", "rule:number", 0.97);

  /* How many, per label, before. */
  g_assert_cmpint (bz_store_count_bulk_accept (f->store, f->document_id, 0.9, &per_label, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (per_label), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (per_label, "ORG")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (per_label, "INDICATOR")), ==, 1);
  g_clear_pointer (&per_label, g_hash_table_unref);
  g_assert_cmpint (bz_store_count_bulk_accept (f->store, 0, 0.9, &per_label, &error), ==, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (per_label, "VALUE")), ==, 1);
  g_assert_cmpint (bz_store_count_uncertain (f->store, f->document_id, 0.9, &error), ==, 2);
  g_assert_no_error (error);
  {
    g_autoptr(GHashTable) uncertain = bz_store_count_uncertain_by_document (f->store, 0.98, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (uncertain), ==, 2);
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (uncertain, &f->document_id)), ==, 4);
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (uncertain, &doc2)), ==, 1);
    g_clear_pointer (&uncertain, g_hash_table_unref);
    uncertain = bz_store_count_uncertain_by_document (f->store, 0.5, &error);
    g_assert_cmpuint (g_hash_table_size (uncertain), ==, 1);
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (uncertain, &f->document_id)), ==, 1);
  }

  g_assert_true (bz_store_bulk_accept (f->store, f->document_id, 0.9, &n_accepted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_accepted, ==, 2);
  g_assert_cmpint (status_of (f->store, low), ==, BZ_SPAN_SUGGESTED);
  g_assert_cmpint (status_of (f->store, at), ==, BZ_SPAN_ACCEPTED);
  g_assert_cmpint (status_of (f->store, above), ==, BZ_SPAN_ACCEPTED);
  g_assert_cmpint (status_of (f->store, no_confidence), ==, BZ_SPAN_SUGGESTED);
  g_assert_cmpint (status_of (f->store, rejected), ==, BZ_SPAN_REJECTED);
  g_assert_cmpint (status_of (f->store, human), ==, BZ_SPAN_ACCEPTED);
  g_assert_cmpint (status_of (f->store, elsewhere), ==, BZ_SPAN_SUGGESTED);
  g_assert_cmpint (bz_store_count_bulk_accept (f->store, f->document_id, 0.9, NULL, &error), ==, 0);
  /* Accepted by confidence, not read: their sources' counts stay as they were. */
  {
    g_autoptr(BzSpan) span = bz_store_get_span (f->store, at, &error);
    g_autoptr(BzCalibration) counts = bz_calibration_new ();
    guint right = 0, seen = 0;

    g_assert_true (bz_span_get_accepted_in_bulk (span));
    g_assert_true (bz_store_add_decision_counts (f->store, counts, &error));
    g_assert_no_error (error);
    g_assert_false (bz_calibration_get_counts (counts, "list:org", "ORG", &right, &seen));
    g_assert_true (bz_calibration_get_counts (counts, "list:places", "PLACE", &right, &seen));
    g_assert_cmpuint (seen, ==, 1);
  }
  /* A reviewer's own decision on it counts again. */
  g_assert_true (bz_store_set_span_status (f->store, above, BZ_SPAN_REJECTED, &error));
  g_assert_true (bz_store_set_span_status (f->store, above, BZ_SPAN_ACCEPTED, &error));
  {
    g_autoptr(BzSpan) span = bz_store_get_span (f->store, above, &error);

    g_assert_false (bz_span_get_accepted_in_bulk (span));
  }
  fixture_replay (f->store, TRUE, f->document_id);
  fixture_replay (f->store, TRUE, f->document_id);

  /* One undo reverts both, and the document is new again; redo brings them back. */
  fixture_replay (f->store, TRUE, f->document_id);
  g_assert_cmpint (status_of (f->store, at), ==, BZ_SPAN_SUGGESTED);
  g_assert_cmpint (status_of (f->store, above), ==, BZ_SPAN_SUGGESTED);
  {
    g_autoptr(BzSpan) span = bz_store_get_span (f->store, at, &error);

    g_assert_false (bz_span_get_accepted_in_bulk (span));
  }
  g_assert_cmpint (status_of (f->store, rejected), ==, BZ_SPAN_REJECTED);
  fixture_replay (f->store, FALSE, f->document_id);
  g_assert_cmpint (status_of (f->store, at), ==, BZ_SPAN_ACCEPTED);

  /* The workspace: the other document's too; nothing left accepts nothing. */
  g_assert_true (bz_store_bulk_accept (f->store, 0, 0.9, &n_accepted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_accepted, ==, 1);
  g_assert_cmpint (status_of (f->store, elsewhere), ==, BZ_SPAN_ACCEPTED);
  g_assert_true (bz_store_bulk_accept (f->store, 0, 0.9, &n_accepted, &error));
  g_assert_cmpuint (n_accepted, ==, 0);
  fixture_replay (f->store, TRUE, doc2);
  g_assert_cmpint (status_of (f->store, elsewhere), ==, BZ_SPAN_SUGGESTED);
  g_assert_cmpint (status_of (f->store, at), ==, BZ_SPAN_ACCEPTED);
}

/* The undecided suggestions of a document, the least sure first. */
static void
test_least_sure (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) order = g_string_new (NULL);

  f->document_id = fixture_add_document (f->store, "report", REPORT);
  add_suggestion (f->store, f->document_id, 0, 4, "DATE", "rule:number", 0.8);
  add_suggestion (f->store, f->document_id, 5, 11, "ORG", "list:org", 0.3);
  add_suggestion (f->store, f->document_id, 11, 17, "INDICATOR", "list:indicator", 0.95);
  add_suggestion (f->store, f->document_id, 19, 23, "VALUE", "rule:number", 0.3);
  fixture_add_span (f->store, f->document_id, 24, 29, "PLACE", BZ_SPAN_SUGGESTED);
  fixture_add_span (f->store, f->document_id, 30, 32, "VALUE", BZ_SPAN_ACCEPTED);

  spans = bz_store_list_least_sure (f->store, f->document_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    g_string_append_printf (order, "%s%s", i > 0 ? " " : "", bz_span_get_label (g_ptr_array_index (spans, i)));
  g_assert_cmpstr (order->str, ==, "PLACE ORG VALUE DATE INDICATOR");
  g_assert_cmpint (bz_store_count_uncertain (f->store, f->document_id, 0.5, &error), ==, 3);
}

/* The threshold of a workspace: the table's counts and the workspace's
 * decisions together. */
static void
test_store_pick_threshold (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(BzCalibration) table = hand_table ();
  g_autoptr(BzCalibration) refined = hand_table ();
  g_autoptr(GError) error = NULL;
  double threshold = 0.0, precision = 0.0, expected = 0.0;
  gint64 id;

  g_assert_true (bz_store_pick_threshold (f->store, table, 0.97, &threshold, &precision, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (threshold, ==, bz_calibration_get_confidence (table, "s2", "X"));

  /* Two rejected suggestions of s2 take its precision to 2 of 6: s1 alone
   * reaches 0.97 now. */
  f->document_id = fixture_add_document (f->store, "report", REPORT);
  id = add_suggestion (f->store, f->document_id, 0, 4, "DATE", "s2", 0.7);
  g_assert_true (bz_store_set_span_status (f->store, id, BZ_SPAN_REJECTED, &error));
  id = add_suggestion (f->store, f->document_id, 5, 11, "DATE", "s2", 0.7);
  g_assert_true (bz_store_set_span_status (f->store, id, BZ_SPAN_REJECTED, &error));
  g_assert_no_error (error);
  g_assert_true (bz_store_pick_threshold (f->store, table, 0.97, &threshold, &precision, &error));
  g_assert_no_error (error);
  bz_calibration_add (refined, "s2", "DATE", 0, 2);
  g_assert_true (bz_calibration_pick_threshold (refined, 0.97, &expected, NULL));
  g_assert_cmpfloat (threshold, ==, expected);
}

/* A workspace of version 4 opens as version 5: its spans have no confidence,
 * new suggestions do, and undo brings a deleted suggestion back with its own. */
static void
test_migrate_from_4 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BzExtractor) extractor = new_extractor ();
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(BzSpan) suggestion = NULL;
  g_autoptr(BzSpan) restored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 old, id = 0;

  f->document_id = fixture_add_document (f->store, "report", REPORT);
  old = fixture_add_span (f->store, f->document_id, 0, 4, "DATE", BZ_SPAN_ACCEPTED);
  g_assert_true (bz_store_set_span_label (f->store, old, "VALUE", &error));
  g_assert_finalize_object (g_steal_pointer (&f->store));
  fixture_exec_sql (f->path, FIXTURE_DOWNGRADE_TO_4_SQL);

  f->store = fixture_open (f->path);
  {
    g_autoptr(BzSpan) span = bz_store_get_span (f->store, old, &error);

    g_assert_no_error (error);
    g_assert_false (bz_span_has_confidence (span));
    g_assert_null (bz_span_get_source (span));
  }
  /* The relabel recorded by version 4 still undoes. */
  fixture_replay (f->store, TRUE, f->document_id);
  {
    g_autoptr(BzSpan) span = bz_store_get_span (f->store, old, &error);

    g_assert_cmpstr (bz_span_get_label (span), ==, "DATE");
    g_assert_false (bz_span_has_confidence (span));
  }

  g_assert_true (bz_extractor_annotate_document (extractor, f->store, f->document_id, REPORT, NULL, &error));
  g_assert_no_error (error);
  spans = bz_store_list_least_sure (f->store, f->document_id, &error);
  g_assert_cmpuint (spans->len, >, 0);
  suggestion = g_object_ref (g_ptr_array_index (spans, spans->len - 1));
  g_assert_true (bz_span_has_confidence (suggestion));
  id = bz_span_get_id (suggestion);
  g_assert_true (bz_store_delete_span (f->store, id, &error));
  g_assert_no_error (error);
  f->store = fixture_reopen (f->store);
  fixture_replay (f->store, TRUE, f->document_id);
  restored = bz_store_get_span (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (bz_span_get_confidence (restored), ==, bz_span_get_confidence (suggestion));
  g_assert_cmpstr (bz_span_get_source (restored), ==, bz_span_get_source (suggestion));
}

/* A workspace of a newer version, confidences and all, is refused and left as it is. */
static void
test_refuses_newer (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", BZ_STORE_SCHEMA_VERSION + 1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  f->document_id = fixture_add_document (f->store, "report", REPORT);
  add_suggestion (f->store, f->document_id, 0, 4, "DATE", "rule:number", 0.8);
  g_assert_finalize_object (g_steal_pointer (&f->store));
  fixture_exec_sql (f->path, sql);
  before = fixture_file_sha256 (f->path);

  g_assert_null (bz_store_open (f->path, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, f->path));
  after = fixture_file_sha256 (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* The native format writes a suggestion's confidence and source and reads
 * them back; a reviewer's span has neither. */
static void
test_native_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(BzExportOptions) options = bz_export_options_new (BZ_FORMAT_NATIVE, path);
  BzImportAnnotationsOptions import = { BZ_FORMAT_NATIVE, FALSE, BZ_SPAN_SUGGESTED, TRUE };
  BzImportAnnotationsReport report = { 0 };
  g_autoptr(BzStore) other = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  BzExportReport exported;

  f->document_id = fixture_add_document (f->store, "report", REPORT);
  add_suggestion (f->store, f->document_id, 0, 4, "DATE", "rule:number", 0.8125);
  fixture_add_span (f->store, f->document_id, 5, 11, "ORG", BZ_SPAN_ACCEPTED);
  g_assert_true (bz_export_options_set_statuses (options, "accepted,suggested", &error));
  bz_export_report_init (&exported);
  g_assert_true (bz_export_store (f->store, options, &exported, &error));
  g_assert_no_error (error);
  bz_export_report_clear (&exported);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "\"confidence\":0.8125,\"source\":\"rule:number\"}"));

  other = fixture_open (other_path);
  g_assert_true (bz_import_annotations (other, path, &import, &report, &error));
  g_assert_no_error (error);
  documents = bz_store_list_documents (other, &error);
  spans = bz_store_list_spans (other, bz_document_get_id (g_ptr_array_index (documents, 0)), &error);
  g_assert_cmpuint (spans->len, ==, 2);
  g_assert_cmpfloat (bz_span_get_confidence (g_ptr_array_index (spans, 0)), ==, 0.8125);
  g_assert_cmpstr (bz_span_get_source (g_ptr_array_index (spans, 0)), ==, "rule:number");
  g_assert_false (bz_span_has_confidence (g_ptr_array_index (spans, 1)));
  g_assert_null (bz_span_get_source (g_ptr_array_index (spans, 1)));

  /* A confidence out of [0, 1] is refused, naming the span. */
  {
    g_autofree char *bad = NULL;
    GRegex *regex = g_regex_new ("0\\.8125", 0, 0, NULL);

    bad = g_regex_replace_literal (regex, contents, -1, 0, "1.5", 0, NULL);
    g_regex_unref (regex);
    g_assert_true (g_file_set_contents (path, bad, -1, &error));
    g_assert_false (bz_import_annotations (other, path, &import, &report, &error));
    g_assert_nonnull (strstr (error->message, "confidence"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/biaozhu/calibration/match-sources", test_match_sources);
  g_test_add_func ("/biaozhu/calibration/smoothing", test_smoothing);
  g_test_add_func ("/biaozhu/calibration/pick-threshold", test_pick_threshold);
  g_test_add_func ("/biaozhu/calibration/pick-threshold-by-report", test_pick_threshold_by_report);
  g_test_add_func ("/biaozhu/calibration/reliability", test_reliability);
  g_test_add_func ("/biaozhu/calibration/table-round-trip", test_table_round_trip);
  g_test_add ("/biaozhu/calibration/store-confidences", Fixture, NULL,
              fixture_set_up, test_store_confidences, fixture_tear_down);
  g_test_add ("/biaozhu/calibration/decisions-refine", Fixture, NULL,
              fixture_set_up, test_decisions_refine, fixture_tear_down);
  g_test_add ("/biaozhu/calibration/bulk-accept", Fixture, NULL,
              fixture_set_up, test_bulk_accept, fixture_tear_down);
  g_test_add ("/biaozhu/calibration/least-sure", Fixture, NULL,
              fixture_set_up, test_least_sure, fixture_tear_down);
  g_test_add ("/biaozhu/calibration/store-pick-threshold", Fixture, NULL,
              fixture_set_up, test_store_pick_threshold, fixture_tear_down);
  g_test_add ("/biaozhu/calibration/migrate-from-4", Fixture, NULL,
              fixture_set_up, test_migrate_from_4, fixture_tear_down);
  g_test_add ("/biaozhu/calibration/native-round-trip", Fixture, NULL,
              fixture_set_up, test_native_round_trip, fixture_tear_down);
  g_test_add ("/biaozhu/calibration/refuses-newer", Fixture, NULL,
              fixture_set_up, test_refuses_newer, fixture_tear_down);

  return g_test_run ();
}
