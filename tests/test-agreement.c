/* test-agreement.c: span F1, Cohen's κ and Krippendorff's α computed by hand
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include <biaozhu.h>

#define EPS 1e-12

static void
add_document (BzAgreementInput *input,
              const char       *key,
              guint             n_chars)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bz_agreement_input_add_document (input, key, n_chars, &error));
  g_assert_no_error (error);
}

static void
add_span (BzAgreementInput *input,
          const char       *key,
          const char       *reviewer,
          gint64            start,
          gint64            end,
          const char       *label)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bz_agreement_input_add_span (input, key, reviewer, start, end, label, &error));
  g_assert_no_error (error);
}

static void
add_annotator (BzAgreementInput *input,
               const char       *key,
               const char       *reviewer)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bz_agreement_input_add_annotator (input, key, reviewer, &error));
  g_assert_no_error (error);
}

static void
assert_value (double value,
              double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (value));
  else
    g_assert_cmpfloat_with_epsilon (value, expected, EPS);
}

static void
assert_f1 (const BzAgreementF1 *f1,
           guint64              reference_spans,
           guint64              other_spans,
           guint64              matched,
           double               precision,
           double               recall,
           double               f)
{
  g_assert_cmpuint (f1->reference_spans, ==, reference_spans);
  g_assert_cmpuint (f1->other_spans, ==, other_spans);
  g_assert_cmpuint (f1->matched, ==, matched);
  assert_value (f1->precision, precision);
  assert_value (f1->recall, recall);
  assert_value (f1->f1, f);
}

static void
assert_coefficient (const BzAgreementCoefficient *coefficient,
                    guint64                       units,
                    double                        observed,
                    double                        expected,
                    double                        value)
{
  g_assert_cmpuint (coefficient->units, ==, units);
  assert_value (coefficient->observed, observed);
  assert_value (coefficient->expected, expected);
  assert_value (coefficient->value, value);
}

static int
label_index (BzAgreementReport *report,
             const char        *label)
{
  for (guint l = 0; l < bz_agreement_report_get_n_labels (report); l++)
    if (g_str_equal (bz_agreement_report_get_label (report, l), label))
      return (int) l;
  g_assert_not_reached ();
}

/* The ten characters of document "d" and three reviewers (classes O, B-ORG,
 * I-ORG, B-PLACE, I-PLACE):
 *
 *   char   0     1     2     3  4  5     6     7     8  9
 *   A      B-PL  I-PL  I-PL  O  O  B-OR  I-OR  I-OR  O  O   PLACE [0,3) ORG [5,8)
 *   B      B-PL  I-PL  I-PL  O  O  B-OR  I-OR  O     O  O   PLACE [0,3) ORG [5,7)
 *   C      O     B-PL  I-PL  O  O  B-OR  I-OR  I-OR  O  O   PLACE [1,3) ORG [5,8)
 */
static BzAgreementInput *
sample_input (gboolean with_c)
{
  BzAgreementInput *input = bz_agreement_input_new ();

  add_document (input, "d", 10);
  add_span (input, "d", "A", 0, 3, "PLACE");
  add_span (input, "d", "A", 5, 8, "ORG");
  add_span (input, "d", "B", 5, 7, "ORG");
  add_span (input, "d", "B", 0, 3, "PLACE");
  if (with_c)
    {
      add_span (input, "d", "C", 1, 3, "PLACE");
      add_span (input, "d", "C", 5, 8, "ORG");
    }
  return input;
}

/* Two reviewers, A as reference.
 *
 * F1: PLACE [0,3) matches, ORG [5,8) ≠ [5,7): matched 1 of 2 and 2:
 *   P = R = F1 = 1/2.
 * κ with O: same tag on 9 of 10 characters (not 7), p_o = 0.9. A: O 4, B-OR 1,
 *   I-OR 2, B-PL 1, I-PL 2; B: O 5, B-OR 1, I-OR 1, B-PL 1, I-PL 2.
 *   p_e = (4·5 + 1·1 + 2·1 + 1·1 + 2·2) / 100 = 0.28; κ = 0.62 / 0.72 = 31/36.
 * κ without O: 3, 4, 8, 9 dropped, 6 units, 5 agree. A: O 0, B-OR 1, I-OR 2, B-PL 1,
 *   I-PL 2; B: O 1, B-OR 1, I-OR 1, B-PL 1, I-PL 2. p_e = (0 + 1 + 2 + 1 + 4) / 36 = 2/9;
 *   κ = (5/6 − 2/9) / (7/9) = 11/14.
 * α with O: n = 20, n_c: O 9, B-OR 2, I-OR 3, B-PL 2, I-PL 4 (Σ n_c² = 114);
 *   Σ_{c≠k} o_ck = 2 (char 7, both orders, weight 1/(2−1)); Σ_{c≠k} n_c n_k = 400 − 114
 *   = 286; α = 1 − 19·2/286 = 124/143; D_o = 2/20, D_e = 286/380.
 * α without O: 6 units, n = 12, n_c: O 1, B-OR 2, I-OR 3, B-PL 2, I-PL 4 (Σ = 34);
 *   α = 1 − 11·2/(144 − 34) = 0.8.
 * ORG, binary: A in 3, B in 2, 9 agree; p_e = 0.3·0.2 + 0.7·0.8 = 0.62;
 *   κ = 0.28/0.38 = 14/19. Without O: units 5, 6, 7; p_o = 2/3, p_e = (3·2 + 0·1)/9 = 2/3,
 *   κ = 0. α: n = 20, in 5, out 15, Σ_{c≠k} n_c n_k = 150, α = 1 − 19·2/150 = 56/75;
 *   without O: n = 6, in 5, out 1: α = 1 − 5·2/10 = 0.
 * PLACE, binary: both in on 0–2 only: p_o = 1, p_e = 0.09 + 0.49 = 0.58, κ = 1, α = 1;
 *   without O the 3 units are all "in" on both sides: p_e = 1 and D_e = 0: undefined.
 */
static void
test_two_reviewers (void)
{
  g_autoptr(BzAgreementInput) input = sample_input (FALSE);
  g_autoptr(BzAgreementReport) report = bz_agreement_compute (input);
  const BzAgreementScore *score;
  guint reference, other, n_documents;

  g_assert_cmpuint (bz_agreement_report_get_n_reviewers (report), ==, 2);
  g_assert_cmpuint (bz_agreement_report_get_n_labels (report), ==, 2);
  g_assert_cmpstr (bz_agreement_report_get_label (report, 0), ==, "ORG");
  g_assert_cmpuint (bz_agreement_report_get_n_pairs (report), ==, 1);
  bz_agreement_report_get_pair (report, 0, &reference, &other, &n_documents);
  g_assert_cmpstr (bz_agreement_report_get_reviewer (report, reference), ==, "A");
  g_assert_cmpstr (bz_agreement_report_get_reviewer (report, other), ==, "B");
  g_assert_cmpuint (n_documents, ==, 1);

  score = bz_agreement_report_get_score (report, 0, BZ_AGREEMENT_ALL);
  assert_f1 (&score->f1, 2, 2, 1, 0.5, 0.5, 0.5);
  assert_coefficient (&score->kappa, 10, 0.9, 0.28, 31.0 / 36);
  assert_coefficient (&score->kappa_no_o, 6, 5.0 / 6, 2.0 / 9, 11.0 / 14);
  assert_coefficient (&score->alpha, 10, 0.1, 286.0 / 380, 124.0 / 143);
  assert_coefficient (&score->alpha_no_o, 6, 2.0 / 12, 110.0 / 132, 0.8);

  score = bz_agreement_report_get_score (report, 0, label_index (report, "ORG"));
  assert_f1 (&score->f1, 1, 1, 0, 0, 0, 0);
  assert_coefficient (&score->kappa, 10, 0.9, 0.62, 14.0 / 19);
  assert_coefficient (&score->kappa_no_o, 3, 2.0 / 3, 2.0 / 3, 0);
  assert_coefficient (&score->alpha, 10, 0.1, 150.0 / 380, 56.0 / 75);
  assert_coefficient (&score->alpha_no_o, 3, 2.0 / 6, 10.0 / 30, 0);

  score = bz_agreement_report_get_score (report, 0, label_index (report, "PLACE"));
  assert_f1 (&score->f1, 1, 1, 1, 1, 1, 1);
  assert_coefficient (&score->kappa, 10, 1, 0.58, 1);
  assert_coefficient (&score->kappa_no_o, 3, 1, 1, NAN);
  g_assert_cmpfloat_with_epsilon (score->alpha.value, 1, EPS);
  assert_coefficient (&score->alpha_no_o, 3, 0, 0, NAN);

  /* With two reviewers, all reviewers are the one pair (κ as a mean of one). */
  score = bz_agreement_report_get_score (report, BZ_AGREEMENT_ALL, BZ_AGREEMENT_ALL);
  assert_f1 (&score->f1, 2, 2, 1, 0.5, 0.5, 0.5);
  assert_value (score->kappa.value, 31.0 / 36);
  assert_value (score->kappa.observed, NAN);
  assert_value (score->alpha.value, 124.0 / 143);
  assert_value (score->alpha_no_o.value, 0.8);

  /* The table shows the pair's row with its figures, undefined ones as a dash. */
  {
    g_autofree char *text = bz_agreement_report_to_text (report);

    g_assert_nonnull (strstr (text, "A / B                                2/2       1   0.500   0.500   0.500   0.861   0.786   0.867   0.800\n"));
    g_assert_nonnull (strstr (text, "  PLACE                              1/1       1   1.000   1.000   1.000   1.000       —   1.000       —\n"));
  }

  /* The one document gives the same figures. */
  g_assert_cmpuint (bz_agreement_report_get_n_documents (report), ==, 1);
  score = bz_agreement_report_get_document_score (report, 0, 0);
  assert_coefficient (&score->kappa_no_o, 6, 5.0 / 6, 2.0 / 9, 11.0 / 14);
  assert_coefficient (&score->alpha, 10, 0.1, 286.0 / 380, 124.0 / 143);
}

/* Three reviewers (the table above).
 *
 * F1: A/B 1 of 2 and 2 (above); A/C: ORG [5,8) matches, 1 of 2 and 2; B/C: none.
 *   All reviewers: matched 2, spans 6 and 6, F1 = 4/12 = 1/3.
 * κ with O: A/C agree on 8 (not 0, 1); C: O 5, B-OR 1, I-OR 2, B-PL 1, I-PL 1;
 *   p_e = (4·5 + 1 + 2·2 + 1 + 2·1)/100 = 0.28, κ = 0.52/0.72 = 13/18.
 *   B/C agree on 7 (not 0, 1, 7); p_e = (5·5 + 1 + 1·2 + 1 + 2·1)/100 = 0.31,
 *   κ = 0.39/0.69 = 13/23. All: (31/36 + 13/18 + 13/23)/3 = 593/828.
 * α with O: n = 30, n_c: O 14, B-OR 3, I-OR 5, B-PL 3, I-PL 5 (Σ n_c² = 264);
 *   chars 0 {B-PL, B-PL, O}, 1 {I-PL, I-PL, B-PL}, 7 {I-OR, O, I-OR} each have 4 ordered
 *   pairs that differ, weight 1/(3−1): Σ_{c≠k} o_ck = 6. α = 1 − 29·6/(900 − 264) = 77/106.
 * α without O: units 0, 1, 2, 5, 6, 7; n = 18, n_c: O 2, B-OR 3, I-OR 5, B-PL 3, I-PL 5
 *   (Σ = 72); α = 1 − 17·6/(324 − 72) = 25/42.
 * PLACE, binary α: in 3 + 3 + 2 = 8, out 22; char 0 {in, in, out}: Σ o = 2;
 *   α = 1 − 29·2/(2·8·22) = 147/176. κ A/C: in 3 and 2, both 2, 9 agree: 14/19.
 */
static void
test_three_reviewers (void)
{
  g_autoptr(BzAgreementInput) input = sample_input (TRUE);
  g_autoptr(BzAgreementReport) report = bz_agreement_compute (input);
  const BzAgreementScore *score;
  int place = label_index (report, "PLACE");

  g_assert_cmpuint (bz_agreement_report_get_n_pairs (report), ==, 3);

  score = bz_agreement_report_get_score (report, 1, BZ_AGREEMENT_ALL); /* A/C */
  assert_f1 (&score->f1, 2, 2, 1, 0.5, 0.5, 0.5);
  assert_coefficient (&score->kappa, 10, 0.8, 0.28, 13.0 / 18);
  score = bz_agreement_report_get_score (report, 2, BZ_AGREEMENT_ALL); /* B/C */
  assert_f1 (&score->f1, 2, 2, 0, 0, 0, 0);
  assert_coefficient (&score->kappa, 10, 0.7, 0.31, 13.0 / 23);
  score = bz_agreement_report_get_score (report, 1, place);
  assert_coefficient (&score->kappa, 10, 0.9, 0.62, 14.0 / 19);

  score = bz_agreement_report_get_score (report, BZ_AGREEMENT_ALL, BZ_AGREEMENT_ALL);
  assert_f1 (&score->f1, 6, 6, 2, 1.0 / 3, 1.0 / 3, 1.0 / 3);
  assert_coefficient (&score->kappa, 30, NAN, NAN, 593.0 / 828);
  assert_coefficient (&score->alpha, 10, 6.0 / 30, 636.0 / 870, 77.0 / 106);
  assert_coefficient (&score->alpha_no_o, 6, 6.0 / 18, 252.0 / 306, 25.0 / 42);
  score = bz_agreement_report_get_score (report, BZ_AGREEMENT_ALL, place);
  assert_coefficient (&score->alpha, 10, 2.0 / 30, 352.0 / 870, 147.0 / 176);

  /* The document's own figures are those of all reviewers. */
  score = bz_agreement_report_get_document_score (report, 0, BZ_AGREEMENT_ALL);
  assert_value (score->alpha.value, 77.0 / 106);
  assert_value (score->kappa.value, 593.0 / 828);
  assert_value (score->f1.f1, 1.0 / 3);

  /* Keeping reviewers A and B gives the two-reviewer figures. */
  {
    const char *reviewers[] = { "B", "A", NULL };
    g_autoptr(BzAgreementReport) pair_report = NULL;

    bz_agreement_input_set_reviewers (input, reviewers);
    pair_report = bz_agreement_compute (input);
    g_assert_cmpuint (bz_agreement_report_get_n_reviewers (pair_report), ==, 2);
    score = bz_agreement_report_get_score (pair_report, BZ_AGREEMENT_ALL, BZ_AGREEMENT_ALL);
    assert_value (score->alpha.value, 124.0 / 143);
    assert_value (score->kappa_no_o.value, 11.0 / 14);
  }
}

/* Identical annotations agree perfectly; duplicates count once. */
static void
test_identical (void)
{
  g_autoptr(BzAgreementInput) input = bz_agreement_input_new ();
  g_autoptr(BzAgreementReport) report = NULL;
  const BzAgreementScore *score;

  add_document (input, "d", 12);
  for (guint r = 0; r < 3; r++)
    {
      const char *reviewer = (const char *[]){ "X", "Y", "Z" }[r];

      add_span (input, "d", reviewer, 0, 4, "PLACE");
      add_span (input, "d", reviewer, 6, 9, "ORG");
      add_span (input, "d", reviewer, 7, 8, "VALUE");
    }
  add_span (input, "d", "Y", 0, 4, "PLACE");
  report = bz_agreement_compute (input);
  score = bz_agreement_report_get_score (report, BZ_AGREEMENT_ALL, BZ_AGREEMENT_ALL);
  assert_f1 (&score->f1, 9, 9, 9, 1, 1, 1);
  assert_value (score->kappa.value, 1);
  assert_value (score->kappa_no_o.value, 1);
  assert_value (score->alpha.value, 1);
  assert_value (score->alpha_no_o.value, 1);
  /* VALUE lies inside ORG: it takes no character, so its κ is undefined. */
  score = bz_agreement_report_get_score (report, 0, label_index (report, "VALUE"));
  assert_f1 (&score->f1, 1, 1, 1, 1, 1, 1);
  assert_value (score->kappa.value, NAN);
  assert_value (score->alpha.value, NAN);
}

/* No document annotated by two reviewers: every figure undefined, JSON null. */
static void
test_no_shared_document (void)
{
  g_autoptr(BzAgreementInput) input = bz_agreement_input_new ();
  g_autoptr(BzAgreementReport) report = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  const BzAgreementScore *score;
  JsonObject *overall;

  add_document (input, "d1", 5);
  add_document (input, "d2", 5);
  add_span (input, "d1", "A", 0, 2, "PLACE");
  add_span (input, "d2", "B", 0, 2, "PLACE");
  report = bz_agreement_compute (input);
  g_assert_cmpuint (bz_agreement_report_get_n_documents (report), ==, 0);
  g_assert_cmpuint (bz_agreement_report_get_n_reviewers (report), ==, 0);
  g_assert_cmpuint (bz_agreement_report_get_n_pairs (report), ==, 0);
  score = bz_agreement_report_get_score (report, BZ_AGREEMENT_ALL, BZ_AGREEMENT_ALL);
  assert_f1 (&score->f1, 0, 0, 0, NAN, NAN, NAN);
  assert_coefficient (&score->kappa, 0, NAN, NAN, NAN);
  assert_coefficient (&score->alpha, 0, NAN, NAN, NAN);

  json = bz_agreement_report_to_json (report);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  overall = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "overall");
  g_assert_true (json_object_get_null_member (json_object_get_object_member (overall, "alpha"), "value"));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (overall, "f1"), "f1"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                               "n_documents"), ==, 0);
  text = bz_agreement_report_to_text (report);
  g_assert_nonnull (strstr (text, "undefined"));
}

/* A reviewer who annotated the document and marked nothing.
 *
 * A: PLACE [0,3) of 10. F1: 1 and 0 spans: P undefined, R = 0, F1 = 0.
 * κ: p_o = 0.7, p_e = (7·10)/100 = 0.7, κ = 0. α: n = 20, n_c: O 17, B 1, I 2
 *   (Σ n_c² = 294), Σ o = 6: α = 1 − 19·6/(400 − 294) = −4/53.
 * A reviewer who never annotated the document takes no part.
 */
static void
test_reviewer_without_spans (void)
{
  g_autoptr(BzAgreementInput) input = bz_agreement_input_new ();
  g_autoptr(BzAgreementReport) report = NULL;
  const BzAgreementScore *score;

  add_document (input, "d", 10);
  add_document (input, "e", 4);
  add_span (input, "d", "A", 0, 3, "PLACE");
  add_annotator (input, "d", "B");
  add_span (input, "e", "C", 0, 3, "PLACE");
  report = bz_agreement_compute (input);
  g_assert_cmpuint (bz_agreement_report_get_n_documents (report), ==, 1);
  g_assert_cmpuint (bz_agreement_report_get_n_reviewers (report), ==, 2);
  score = bz_agreement_report_get_score (report, 0, BZ_AGREEMENT_ALL);
  assert_f1 (&score->f1, 1, 0, 0, NAN, 0, 0);
  assert_coefficient (&score->kappa, 10, 0.7, 0.7, 0);
  assert_coefficient (&score->alpha, 10, 6.0 / 20, 106.0 / 380, -4.0 / 53);

  /* Neither marked anything: one class, κ and α undefined. */
  {
    g_autoptr(BzAgreementInput) empty = bz_agreement_input_new ();
    g_autoptr(BzAgreementReport) empty_report = NULL;

    add_document (empty, "d", 10);
    add_annotator (empty, "d", "A");
    add_annotator (empty, "d", "B");
    empty_report = bz_agreement_compute (empty);
    score = bz_agreement_report_get_score (empty_report, 0, BZ_AGREEMENT_ALL);
    assert_f1 (&score->f1, 0, 0, 0, NAN, NAN, NAN);
    assert_coefficient (&score->kappa, 10, 1, 1, NAN);
    assert_coefficient (&score->kappa_no_o, 0, NAN, NAN, NAN);
    assert_coefficient (&score->alpha, 10, 0, 0, NAN);
  }
}

/* Overlapping spans of one reviewer: the earlier start wins, then the longer.
 * X [0,5) and Y [3,8) with Z [1,2) nested in X tag as B-X I-X I-X I-X I-X B-Y I-Y
 * I-Y, the same as X [0,5) and Y [5,8). */
static void
test_overlaps (void)
{
  g_autoptr(BzAgreementInput) input = bz_agreement_input_new ();
  g_autoptr(BzAgreementReport) report = NULL;
  const BzAgreementScore *score;

  add_document (input, "d", 10);
  add_span (input, "d", "A", 3, 8, "Y");
  add_span (input, "d", "A", 1, 2, "Z");
  add_span (input, "d", "A", 0, 5, "X");
  add_span (input, "d", "B", 0, 5, "X");
  add_span (input, "d", "B", 5, 8, "Y");
  report = bz_agreement_compute (input);
  score = bz_agreement_report_get_score (report, 0, BZ_AGREEMENT_ALL);
  assert_f1 (&score->f1, 3, 2, 1, 0.5, 1.0 / 3, 0.4);
  assert_value (score->kappa.value, 1);
  assert_value (score->alpha_no_o.value, 1);

  /* The same start: the longer span wins, and B-Y starts where it ends. */
  {
    g_autoptr(BzAgreementInput) same = bz_agreement_input_new ();
    g_autoptr(BzAgreementReport) same_report = NULL;

    add_document (same, "d", 6);
    add_span (same, "d", "A", 0, 2, "Y");
    add_span (same, "d", "A", 0, 4, "X");
    add_span (same, "d", "A", 0, 6, "Y");
    add_span (same, "d", "B", 0, 6, "Y");
    same_report = bz_agreement_compute (same);
    score = bz_agreement_report_get_score (same_report, 0, BZ_AGREEMENT_ALL);
    assert_value (score->kappa.value, 1);
  }
}

/* Only the chosen labels: the others' spans become 'O'. */
static void
test_label_filter (void)
{
  g_autoptr(BzAgreementInput) input = sample_input (FALSE);
  g_autoptr(BzAgreementReport) report = NULL;
  const char *labels[] = { "PLACE", "DATE", NULL };
  const BzAgreementScore *score;

  bz_agreement_input_set_labels (input, labels);
  report = bz_agreement_compute (input);
  g_assert_cmpuint (bz_agreement_report_get_n_labels (report), ==, 2);
  g_assert_cmpstr (bz_agreement_report_get_label (report, 0), ==, "DATE");
  score = bz_agreement_report_get_score (report, 0, BZ_AGREEMENT_ALL);
  assert_f1 (&score->f1, 1, 1, 1, 1, 1, 1);
  assert_value (score->kappa.value, 1);
  score = bz_agreement_report_get_score (report, 0, 0);
  assert_f1 (&score->f1, 0, 0, 0, NAN, NAN, NAN);
}

/* Two documents: the pair's figures pool their characters; a pair is absent from
 * a document one of its reviewers did not annotate. */
static void
test_documents (void)
{
  g_autoptr(BzAgreementInput) input = sample_input (FALSE);
  g_autoptr(BzAgreementReport) report = NULL;
  const BzAgreementScore *score;

  add_document (input, "e", 10);
  add_span (input, "e", "A", 0, 10, "PLACE");
  add_span (input, "e", "B", 0, 10, "PLACE");
  add_span (input, "e", "C", 0, 10, "PLACE");
  report = bz_agreement_compute (input);
  g_assert_cmpuint (bz_agreement_report_get_n_documents (report), ==, 2);
  g_assert_cmpuint (bz_agreement_report_get_n_pairs (report), ==, 3);
  g_assert_null (bz_agreement_report_get_document_score (report, 0, 1));
  score = bz_agreement_report_get_document_score (report, 1, 1);
  assert_f1 (&score->f1, 1, 1, 1, 1, 1, 1);

  /* A/B over 20 characters: 19 agree. A: O 4, B-OR 1, I-OR 2, B-PL 2, I-PL 11;
   * B: O 5, B-OR 1, I-OR 1, B-PL 2, I-PL 11. p_e = (20 + 1 + 2 + 4 + 121)/400 = 0.37,
   * κ = (0.95 − 0.37)/0.63 = 58/63. */
  score = bz_agreement_report_get_score (report, 0, BZ_AGREEMENT_ALL);
  assert_f1 (&score->f1, 3, 3, 2, 2.0 / 3, 2.0 / 3, 2.0 / 3);
  assert_coefficient (&score->kappa, 20, 0.95, 0.37, 58.0 / 63);
}

static void
test_errors (void)
{
  g_autoptr(BzAgreementInput) input = bz_agreement_input_new ();
  g_autoptr(BzAgreementReport) report = NULL;
  g_autoptr(GError) error = NULL;

  add_document (input, "d", 5);
  g_assert_false (bz_agreement_input_add_document (input, "d", 3, &error));
  g_assert_error (error, BZ_AGREEMENT_ERROR, BZ_AGREEMENT_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (bz_agreement_input_add_span (input, "d", "A", 3, 6, "PLACE", &error));
  g_assert_error (error, BZ_AGREEMENT_ERROR, BZ_AGREEMENT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“d”"));
  g_clear_error (&error);
  g_assert_false (bz_agreement_input_add_span (input, "d", "A", 2, 2, "PLACE", &error));
  g_assert_error (error, BZ_AGREEMENT_ERROR, BZ_AGREEMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bz_agreement_input_add_span (input, "e", "A", 0, 1, "PLACE", &error));
  g_assert_error (error, BZ_AGREEMENT_ERROR, BZ_AGREEMENT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The refused spans made no annotator. */
  add_annotator (input, "d", "B");
  report = bz_agreement_compute (input);
  g_assert_cmpuint (bz_agreement_report_get_n_documents (report), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/biaozhu/agreement/two-reviewers", test_two_reviewers);
  g_test_add_func ("/biaozhu/agreement/three-reviewers", test_three_reviewers);
  g_test_add_func ("/biaozhu/agreement/identical", test_identical);
  g_test_add_func ("/biaozhu/agreement/no-shared-document", test_no_shared_document);
  g_test_add_func ("/biaozhu/agreement/reviewer-without-spans", test_reviewer_without_spans);
  g_test_add_func ("/biaozhu/agreement/overlaps", test_overlaps);
  g_test_add_func ("/biaozhu/agreement/label-filter", test_label_filter);
  g_test_add_func ("/biaozhu/agreement/documents", test_documents);
  g_test_add_func ("/biaozhu/agreement/errors", test_errors);

  return g_test_run ();
}
