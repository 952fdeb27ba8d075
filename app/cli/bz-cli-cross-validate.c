/* bz-cli-cross-validate.c: biaozhu-cli eval --cross-validate, the calibration of confidences left one report out
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each gold file is one report. For each report, the calibration table is
 * built from the others, gives the confidences of the report's suggestions
 * and picks the bulk-acceptance threshold; the suggestions of all reports are
 * then scored together: a reliability table with the expected calibration
 * error, and the precision and coverage of bulk acceptance per label.
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "bz-cli.h"
#include "bz-cli-output.h"

#define N_BINS 10

/* One suggestion as a left-out report sees it. */
typedef struct
{
  const char *label;
  double      confidence;
  gboolean    correct;
  gboolean    accepted;
} Scored;

typedef struct
{
  const char *label;   /* NULL: all labels */
  guint       n;
  guint       n_correct;
  guint       n_accepted;
  guint       n_accepted_correct;
  guint       n_gold;
} Tally;

static void
tally_add (Tally        *tally,
           const Scored *s)
{
  tally->n++;
  tally->n_correct += s->correct;
  tally->n_accepted += s->accepted;
  tally->n_accepted_correct += s->accepted && s->correct;
}

static char *
ratio (guint num,
       guint den)
{
  return den > 0 ? g_strdup_printf ("%.4f", (double) num / den) : g_strdup ("–");
}

static void
print_reliability (GArray *scored)
{
  const char *headers[] = { _("CONFIDENCE"), _(">SUGGESTIONS"), _(">MEAN CONFIDENCE"), _(">ACCURACY"), _(">GAP"), NULL };
  g_autoptr(BzCliTable) table = bz_cli_table_new (headers);
  g_autofree double *confidences = g_new (double, scored->len + 1);
  g_autofree gboolean *correct = g_new (gboolean, scored->len + 1);
  BzReliabilityBin bins[N_BINS];
  double ece;

  for (guint i = 0; i < scored->len; i++)
    {
      confidences[i] = g_array_index (scored, Scored, i).confidence;
      correct[i] = g_array_index (scored, Scored, i).correct;
    }
  ece = bz_calibration_reliability (confidences, correct, scored->len, N_BINS, bins);
  for (guint b = 0; b < N_BINS; b++)
    {
      g_autofree char *range = g_strdup_printf (b + 1 < N_BINS ? "[%.1f, %.1f)" : "[%.1f, %.1f]", bins[b].low, bins[b].high);
      g_autofree char *n = g_strdup_printf ("%u", bins[b].n);
      g_autofree char *mean = bins[b].n > 0 ? g_strdup_printf ("%.3f", bins[b].mean_confidence) : g_strdup ("–");
      g_autofree char *accuracy = bins[b].n > 0 ? g_strdup_printf ("%.3f", bins[b].accuracy) : g_strdup ("–");
      g_autofree char *gap = bins[b].n > 0 ? g_strdup_printf ("%+.3f", bins[b].accuracy - bins[b].mean_confidence)
                                           : g_strdup ("–");
      const char *cells[] = { range, n, mean, accuracy, gap };

      bz_cli_table_add_row (table, cells);
    }
  bz_cli_table_print (table);
  bz_cli_print (_("Expected calibration error: %.4f over %u suggestions\n"), ece, scored->len);
}

static void
print_bulk (GPtrArray *tallies)
{
  const char *headers[] = { _("LABEL"), _(">GOLD"), _(">SUGGESTED"), _(">RIGHT"), _(">ACCEPTED"),
                            _(">PRECISION"), _(">COVERAGE"), NULL };
  g_autoptr(BzCliTable) table = bz_cli_table_new (headers);

  for (guint i = 0; i < tallies->len; i++)
    {
      const Tally *t = g_ptr_array_index (tallies, i);
      g_autofree char *gold = g_strdup_printf ("%u", t->n_gold);
      g_autofree char *n = g_strdup_printf ("%u", t->n);
      g_autofree char *right = g_strdup_printf ("%u", t->n_correct);
      g_autofree char *accepted = g_strdup_printf ("%u", t->n_accepted);
      g_autofree char *precision = ratio (t->n_accepted_correct, t->n_accepted);
      g_autofree char *coverage = ratio (t->n_accepted_correct, t->n_correct);
      const char *cells[] = { t->label != NULL ? t->label : _("all"), gold, n, right, accepted, precision, coverage };

      bz_cli_table_add_row (table, cells);
    }
  bz_cli_table_print (table);
}

static Tally *
tally_of (GPtrArray  *tallies,
          const char *label)
{
  for (guint i = 1; i < tallies->len; i++)
    {
      Tally *t = g_ptr_array_index (tallies, i);

      if (g_str_equal (t->label, label))
        return t;
    }
  {
    Tally *t = g_new0 (Tally, 1);

    t->label = label;
    g_ptr_array_add (tallies, t);
    return t;
  }
}

int
bz_cli_cross_validate (char   **gold_paths,
                       double   target)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_eval_set_free);
  g_autoptr(GPtrArray) report_scores = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) scored = g_array_new (FALSE, FALSE, sizeof (Scored));
  g_autoptr(GPtrArray) tallies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BzExtractor) extractor = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const labels[] = { "PLACE", "ORG", "PROJECT", "POLICY", "INDICATOR", "VALUE", "DATE" };

  if (g_strv_length (gold_paths) < 2)
    {
      bz_cli_error (_("--cross-validate needs two gold files or more (one report each)"));
      return BZ_CLI_EXIT_USAGE;
    }
  extractor = bz_extractor_new (NULL, &error);
  if (extractor == NULL)
    return bz_cli_fail (error);

  g_ptr_array_add (tallies, g_new0 (Tally, 1));
  for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
    tally_of (tallies, labels[l]);

  for (guint r = 0; gold_paths[r] != NULL; r++)
    {
      char *one[] = { gold_paths[r], NULL };
      BzEvalSet *set = bz_cli_load_gold (one);

      if (set == NULL)
        return BZ_CLI_EXIT_ERROR;
      g_ptr_array_add (reports, set);
      g_ptr_array_add (report_scores, bz_extractor_score_gold (extractor, set));
      ((Tally *) g_ptr_array_index (tallies, 0))->n_gold += bz_eval_set_get_n_spans (set, NULL);
      for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
        tally_of (tallies, labels[l])->n_gold += bz_eval_set_get_n_spans (set, labels[l]);
    }

  bz_cli_print (_("Left out   Threshold  Measured precision on the others\n"));
  for (guint r = 0; r < reports->len; r++)
    {
      g_autoptr(BzCalibration) others = bz_calibration_new ();
      GArray *left_out = g_ptr_array_index (report_scores, r);
      g_autofree char *base = g_path_get_basename (gold_paths[r]);
      double threshold = 0.0, precision = 0.0;

      for (guint o = 0; o < reports->len; o++)
        if (o != r)
          {
            g_autoptr(BzCalibration) counts = bz_calibration_new ();
            g_autofree char *name = g_path_get_basename (gold_paths[o]);

            bz_calibration_add_scored (counts, g_ptr_array_index (report_scores, o));
            bz_calibration_merge_report (others, name, counts);
          }
      bz_calibration_pick_threshold (others, target, &threshold, &precision);
      bz_cli_print ("%-10.10s %9.4f  %.4f\n", base, threshold, precision);
      for (guint i = 0; i < left_out->len; i++)
        {
          const BzScoredMatch *m = &g_array_index (left_out, BzScoredMatch, i);
          Scored s = { m->label, bz_calibration_get_confidence (others, m->source, m->label), m->correct, FALSE };

          s.accepted = s.confidence >= threshold;
          g_array_append_val (scored, s);
          tally_add (g_ptr_array_index (tallies, 0), &s);
          tally_add (tally_of (tallies, m->label), &s);
        }
    }

  bz_cli_print ("\n");
  print_reliability (scored);
  bz_cli_print ("\n");
  bz_cli_print (_("Bulk acceptance at each report's threshold (target precision %.3f); coverage: the share\n"
                  "of the right suggestions (those a reviewer keeps) that it accepts\n"), target);
  print_bulk (tallies);
  return BZ_CLI_EXIT_OK;
}
