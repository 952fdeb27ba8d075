/* bench-agreement.c: agreement over a generated corpus (1,000 reports × 2 reviewers × 100 spans)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-agreement [REPORTS [REVIEWERS [SPANS [CHARACTERS]]]]
 *
 * The first reviewer's spans fall anywhere in the report (overlaps included); the
 * others keep most of them, move a bound of some, change the label of some and add
 * a few of their own. The same seed every run.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <biaozhu.h>

#include "bench-util.h"

static const char * const labels[] = {
  "PLACE", "ORG", "PROJECT", "POLICY", "INDICATOR", "VALUE", "DATE",
};

int
main (int    argc,
      char **argv)
{
  guint n_reports = bench_argument (argc, argv, 1, 1000);
  guint n_reviewers = CLAMP (bench_argument (argc, argv, 2, 2), 2, 26);
  guint n_spans = bench_argument (argc, argv, 3, 100);
  guint n_chars = MAX (bench_argument (argc, argv, 4, 30000), 20);
  g_autoptr(BzAgreementInput) input = bz_agreement_input_new ();
  g_autoptr(BzAgreementReport) report = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261205);
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0, t1, t2, t3;
  const BzAgreementScore *all;

  t0 = g_get_monotonic_time ();
  for (guint d = 0; d < n_reports; d++)
    {
      g_autofree char *key = g_strdup_printf ("report-%04u", d);

      bench_check (bz_agreement_input_add_document (input, key, n_chars, &error), error);
      for (guint s = 0; s < n_spans; s++)
        {
          gint64 start = g_rand_int_range (rand, 0, (gint32) n_chars - 12);
          gint64 end = start + g_rand_int_range (rand, 2, 12);
          const char *label = labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (labels))];

          for (guint r = 0; r < n_reviewers; r++)
            {
              char reviewer[2] = { (char) ('A' + r), '\0' };
              gint64 rs = start, re = end;
              const char *rl = label;
              double roll = g_rand_double (rand);

              if (r > 0 && roll < 0.05)
                continue;
              if (r > 0 && roll < 0.12)
                re = MAX (rs + 1, re - 1);
              else if (r > 0 && roll < 0.17)
                rl = labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (labels))];
              bench_check (bz_agreement_input_add_span (input, key, reviewer, rs, re, rl, &error), error);
              if (r > 0 && roll > 0.97)
                bench_check (bz_agreement_input_add_span (input, key, reviewer, rs + 3, re + 5, rl, &error),
                             error);
            }
        }
    }
  t1 = g_get_monotonic_time ();
  report = bz_agreement_compute (input);
  t2 = g_get_monotonic_time ();
  json = bz_agreement_report_to_json (report);
  text = bz_agreement_report_to_text (report);
  t3 = g_get_monotonic_time ();

  all = bz_agreement_report_get_score (report, BZ_AGREEMENT_ALL, BZ_AGREEMENT_ALL);
  g_print ("%u reports x %u characters, %u reviewers, %u spans each\n", n_reports, n_chars,
           n_reviewers, n_spans);
  g_print ("input %.3f s, compute %.3f s, JSON and text %.3f s (%zu + %zu bytes)\n",
           (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, strlen (json), strlen (text));
  g_print ("F1 %.4f, kappa %.4f (no O %.4f), alpha %.4f (no O %.4f)\n", all->f1.f1, all->kappa.value,
           all->kappa_no_o.value, all->alpha.value, all->alpha_no_o.value);
  return 0;
}
