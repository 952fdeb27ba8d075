/* bz-agreement.h: agreement between reviewers who annotated the same reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "bz-types.h"

G_BEGIN_DECLS

/*
 * Definitions
 * ===========
 *
 * Input. Documents (a key and a length in characters) and, for each document,
 * the reviewers who annotated it and each one's spans: [start, end) in Unicode
 * code points of the document's text, end exclusive, and a label. A reviewer who
 * annotated a document without marking anything still counts as having annotated
 * it. Exact duplicate spans of one reviewer in one document (same bounds and
 * label) count once. The label filter drops the spans of every other label before
 * anything is computed (they become 'O'); the reviewer filter drops every other
 * reviewer. A document counts (is *shared*) when at least two of the remaining
 * reviewers annotated it; the others take no part in any figure.
 *
 * Labels are sorted by name (strcmp), reviewers likewise. A pair is two reviewers
 * (A, B) with A before B in that order who share at least one document; A is the
 * *reference*. Each pair is computed over the documents both annotated.
 *
 * Character tags (BIO). Each character of a shared document gets one tag per
 * reviewer: B-L, I-L or O. A reviewer's spans are taken in this order: earlier
 * start first, then the longer (later end), then the label name. A character takes
 * the label of the first span in that order that covers it. The characters a span
 * takes form one interval; its first character is B-L, the others I-L. So of two
 * overlapping spans the earlier one keeps all its characters, the later one only
 * those after the earlier one's end (starting with B-), and a span nested inside
 * an earlier one takes no character. Classes: 'O', and B-L and I-L for every label.
 *
 * 1. Strict span F1 (BzAgreementF1). A span of the reference matches a span of the
 *    other reviewer with the same start, end and label. precision = matched /
 *    other's spans, recall = matched / reference's spans, F1 = 2·matched /
 *    (reference's + other's spans); F1 is symmetric and swapping the reviewers swaps
 *    precision and recall. Over several documents or pairs the counts are summed
 *    first (micro average). Per label: the spans of that label only.
 *
 * 2. Cohen's κ over characters (BzAgreementCoefficient, pairs only). Units: the
 *    characters of the pair's shared documents, one tag per reviewer.
 *    p_o = units with the same tag / units, p_e = Σ_c (a_c / N)(b_c / N) where a_c,
 *    b_c count the units each reviewer tagged c (each reviewer's own marginals:
 *    Cohen, not Scott). κ = (p_o − p_e) / (1 − p_e).
 *    - "kappa": the BIO classes, 'O' included, over all characters.
 *    - "kappa_no_o": the BIO classes over the characters that at least one of the
 *      two tagged B or I (the characters both left 'O' are dropped).
 *    - Per label L, "kappa" is binary, over all characters: in L (B-L or I-L) or
 *      not; "kappa_no_o" is the same over the characters at least one put in L.
 *    For all reviewers together (pair %BZ_AGREEMENT_ALL) κ is the mean of the
 *    pairs' defined values (Light's κ); its observed and expected figures are
 *    undefined and its units the sum of the pairs' units.
 *
 * 3. Krippendorff's α, nominal (BzAgreementCoefficient). Units: characters; values:
 *    the tags of the reviewers who annotated the unit's document (so every unit has
 *    m_u ≥ 2 pairable values). Coincidences: o_ck = Σ_u (number of ordered pairs of
 *    different reviewers with values c and k in u) / (m_u − 1); n_c = Σ_k o_ck,
 *    n = Σ_c n_c. D_o = Σ_{c≠k} o_ck / n, D_e = Σ_{c≠k} n_c n_k / (n (n − 1)),
 *    α = 1 − D_o / D_e = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k
 *    (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
 *    The same two variants as κ: "alpha" over all units, "alpha_no_o" over the units
 *    where at least one reviewer's tag is B or I; per label binary values (in L or
 *    not) over all units, and over the units where at least one reviewer put L.
 *    For all reviewers together α is computed over all of them at once (not a mean);
 *    for a pair, from the two reviewers over their shared documents.
 *
 * Per document: each pair that annotated it, and the document's own figures for all
 * its reviewers (F1 summed over its pairs, the mean κ of its pairs, α of all its
 * reviewers), over its characters alone; all labels only.
 *
 * Undefined values are NaN (JSON null, "—" in the text): precision with no span of
 * the other reviewer, recall with no span of the reference, F1 with no span on
 * either side, κ with no unit or p_e = 1, α with n < 2 or D_e = 0 (one class only:
 * even perfect agreement on a single class leaves κ and α undefined).
 */

#define BZ_AGREEMENT_ERROR (bz_agreement_error_quark ())

typedef enum
{
  BZ_AGREEMENT_ERROR_INVALID,   /* an empty key or name, a span outside its document */
  BZ_AGREEMENT_ERROR_DUPLICATE, /* a document key given twice */
  BZ_AGREEMENT_ERROR_NOT_FOUND, /* a span or annotation of an unknown document */
} BzAgreementError;

GQuark bz_agreement_error_quark (void);

/* Stands for "all reviewers" or "all labels" in the report's accessors. */
#define BZ_AGREEMENT_ALL (-1)

typedef struct _BzAgreementInput  BzAgreementInput;
typedef struct _BzAgreementReport BzAgreementReport;

BzAgreementInput *bz_agreement_input_new  (void);
void              bz_agreement_input_free (BzAgreementInput *self);

/**
 * bz_agreement_input_add_document:
 * @self: an input
 * @key: the document's key (unique)
 * @n_chars: the length of its text in code points
 * @error: a #GError
 *
 * Returns: %TRUE on success; %FALSE with %BZ_AGREEMENT_ERROR_DUPLICATE when @key
 *   is taken, %BZ_AGREEMENT_ERROR_INVALID when it is empty
 */
gboolean bz_agreement_input_add_document   (BzAgreementInput *self,
                                            const char       *key,
                                            guint             n_chars,
                                            GError          **error);

/**
 * bz_agreement_input_add_annotator:
 * @self: an input
 * @document: a document's key
 * @reviewer: a reviewer's name
 * @error: a #GError
 *
 * Records that @reviewer annotated @document, with or without spans. Adding the
 * same pair again changes nothing.
 *
 * Returns: %TRUE on success; %FALSE with %BZ_AGREEMENT_ERROR_NOT_FOUND for an
 *   unknown document, %BZ_AGREEMENT_ERROR_INVALID for an empty name
 */
gboolean bz_agreement_input_add_annotator  (BzAgreementInput *self,
                                            const char       *document,
                                            const char       *reviewer,
                                            GError          **error);

/**
 * bz_agreement_input_add_span:
 * @self: an input
 * @document: a document's key
 * @reviewer: the reviewer who marked the span (recorded as an annotator of @document)
 * @start: first code point
 * @end: code point after the last (0 ≤ @start < @end ≤ the document's length)
 * @label: the label's name
 * @error: a #GError
 *
 * Returns: %TRUE on success; %FALSE with %BZ_AGREEMENT_ERROR_INVALID for bounds
 *   outside the document or an empty label, %BZ_AGREEMENT_ERROR_NOT_FOUND for an
 *   unknown document; @self is then unchanged
 */
gboolean bz_agreement_input_add_span       (BzAgreementInput *self,
                                            const char       *document,
                                            const char       *reviewer,
                                            gint64            start,
                                            gint64            end,
                                            const char       *label,
                                            GError          **error);

/* Keeps only these labels (%NULL: all labels). Names that no span uses are
 * reported with no span. */
void     bz_agreement_input_set_labels     (BzAgreementInput   *self,
                                            const char * const *labels);
/* Keeps only these reviewers (%NULL: all reviewers). */
void     bz_agreement_input_set_reviewers  (BzAgreementInput   *self,
                                            const char * const *reviewers);

/**
 * bz_agreement_input_new_from_store:
 * @store: a workspace in independent review
 * @error: a #GError
 *
 * The reviewers' own layers of every report of @store: a reviewer annotated a
 * report when their layer of it holds a decision or a span of their own (a
 * layer with nothing but the suggestions it started from is a report not
 * begun); the spans they accepted or added count. The shared layer (the
 * suggestions) and the curated one are no reviewer's. A report's key is its
 * id and title.
 *
 * Returns: (transfer full) (nullable): the input, or %NULL with @error set
 */
BzAgreementInput *bz_agreement_input_new_from_store (BzStore  *store,
                                                     GError  **error);
/* The same, over the reports @document_ids (element-type gint64) only (%NULL: all). */
BzAgreementInput *bz_agreement_input_new_from_store_documents (BzStore       *store,
                                                               const GArray  *document_ids,
                                                               GError       **error);

/**
 * bz_agreement_compute:
 * @input: the documents, annotators and spans
 *
 * Computes every figure of the report. Time and memory are linear in the characters
 * of the shared documents times the reviewers of each (times their pairs).
 *
 * Returns: (transfer full): the report (it does not refer to @input)
 */
BzAgreementReport *bz_agreement_compute (BzAgreementInput *input);

/**
 * BzAgreementF1:
 * @reference_spans: spans of the reference reviewer
 * @other_spans: spans of the other reviewer
 * @matched: spans with the same start, end and label on both sides
 * @precision: @matched / @other_spans, NaN when @other_spans is 0
 * @recall: @matched / @reference_spans, NaN when @reference_spans is 0
 * @f1: 2 @matched / (@reference_spans + @other_spans), NaN when both are 0
 */
typedef struct
{
  guint64 reference_spans;
  guint64 other_spans;
  guint64 matched;
  double  precision;
  double  recall;
  double  f1;
} BzAgreementF1;

/**
 * BzAgreementCoefficient:
 * @units: characters taken into account
 * @observed: κ: p_o; α: D_o (NaN when undefined)
 * @expected: κ: p_e; α: D_e (NaN when undefined)
 * @value: κ or α, NaN when undefined
 */
typedef struct
{
  guint64 units;
  double  observed;
  double  expected;
  double  value;
} BzAgreementCoefficient;

/**
 * BzAgreementScore:
 * @f1: strict span F1
 * @kappa: Cohen's κ ('O' included; per label: binary over all characters)
 * @kappa_no_o: Cohen's κ over the characters that either reviewer tagged
 * @alpha: Krippendorff's α ('O' included; per label: binary over all characters)
 * @alpha_no_o: Krippendorff's α over the characters that some reviewer tagged
 *
 * The figures of one scope (all reviewers or a pair; all labels or one; all shared
 * documents or one), as defined at the top of this header.
 */
typedef struct
{
  BzAgreementF1          f1;
  BzAgreementCoefficient kappa;
  BzAgreementCoefficient kappa_no_o;
  BzAgreementCoefficient alpha;
  BzAgreementCoefficient alpha_no_o;
} BzAgreementScore;

void               bz_agreement_report_free          (BzAgreementReport *self);

/* Reviewers who annotated at least one shared document, by name. */
guint              bz_agreement_report_get_n_reviewers (BzAgreementReport *self);
const char        *bz_agreement_report_get_reviewer    (BzAgreementReport *self,
                                                        guint              index);
/* The labels of the shared documents' spans (or the label filter), by name. */
guint              bz_agreement_report_get_n_labels    (BzAgreementReport *self);
const char        *bz_agreement_report_get_label       (BzAgreementReport *self,
                                                        guint              index);
/* Pairs of reviewers who share at least one document, in reviewer order. */
guint              bz_agreement_report_get_n_pairs     (BzAgreementReport *self);
/* @reference and @other are reviewer indices; @n_documents the shared documents. */
void               bz_agreement_report_get_pair        (BzAgreementReport *self,
                                                        guint              index,
                                                        guint             *reference,
                                                        guint             *other,
                                                        guint             *n_documents);
/* Shared documents, in the order they were added. */
guint              bz_agreement_report_get_n_documents (BzAgreementReport *self);
const char        *bz_agreement_report_get_document    (BzAgreementReport *self,
                                                        guint              index,
                                                        guint             *n_chars);
/* Returns: (array length=n_reviewers): the reviewers (indices) who annotated it */
const guint       *bz_agreement_report_get_document_reviewers (BzAgreementReport *self,
                                                               guint              index,
                                                               guint             *n_reviewers);

/**
 * bz_agreement_report_get_score:
 * @self: a report
 * @pair: a pair's index, or %BZ_AGREEMENT_ALL for all reviewers
 * @label: a label's index, or %BZ_AGREEMENT_ALL for all labels
 *
 * Returns: (transfer none): the figures over all shared documents
 */
const BzAgreementScore *bz_agreement_report_get_score  (BzAgreementReport *self,
                                                        int                pair,
                                                        int                label);

/**
 * bz_agreement_report_get_document_score:
 * @self: a report
 * @document: a shared document's index
 * @pair: a pair's index, or %BZ_AGREEMENT_ALL for the document's reviewers
 *
 * Returns: (transfer none) (nullable): the figures of one document (all labels), or
 *   %NULL when the two reviewers of @pair did not both annotate it
 */
const BzAgreementScore *bz_agreement_report_get_document_score (BzAgreementReport *self,
                                                                guint              document,
                                                                int                pair);

/**
 * bz_agreement_report_to_json:
 * @self: a report
 *
 * The report as a JSON object (pretty-printed). Keys: "reviewers" and "labels"
 * (arrays of names), "n_documents", "n_chars" (the shared documents' characters),
 * "overall" (a score), "per_label" (label → score), "pairs" (array of
 * {"reference", "other", "n_documents", "overall", "per_label"}), "documents"
 * (array of {"key", "n_chars", "reviewers", "overall", "pairs": array of
 * {"reference", "other", "overall"}}). A score is {"f1": {"reference_spans",
 * "other_spans", "matched", "precision", "recall", "f1"}, "kappa", "kappa_no_o",
 * "alpha", "alpha_no_o"}, each coefficient {"units", "observed", "expected",
 * "value"}. Undefined numbers are null.
 *
 * Returns: (transfer full): the JSON text
 */
char *bz_agreement_report_to_json (BzAgreementReport *self);

/**
 * bz_agreement_report_to_text:
 * @self: a report
 *
 * Returns: (transfer full): tables for a terminal: all reviewers and each pair, all
 *   labels and each label, then each document
 */
char *bz_agreement_report_to_text (BzAgreementReport *self);

/**
 * bz_agreement_format_value:
 * @value: a figure of a report
 *
 * Returns: (transfer full): @value with three decimals ("0.842"), or "—" when
 *   it is undefined (NaN), as the text of the report shows it
 */
char *bz_agreement_format_value (double value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzAgreementInput, bz_agreement_input_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzAgreementReport, bz_agreement_report_free)

G_END_DECLS
