/* bz-calibration.h: how often each source of suggestions is right
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "bz-types.h"

G_BEGIN_DECLS

/**
 * BzCalibration:
 *
 * Counts per source of suggestions (a rule such as "rule:number", a gazetteer
 * list such as "list:place-streets", "learned") and label: how many of its
 * suggestions were seen and how many of them were right. The confidence of a
 * suggestion is its source's precision, smoothed toward its label's: with
 * @right of @seen and the label's precision p,
 * (right + BZ_CALIBRATION_PRIOR_WEIGHT * p) / (seen + BZ_CALIBRATION_PRIOR_WEIGHT),
 * so that a source seen three times is not sure. The label's precision is in
 * turn smoothed toward the precision of all sources (0.5 when nothing was seen).
 */
typedef struct _BzCalibration BzCalibration;

#define BZ_CALIBRATION_PRIOR_WEIGHT 10.0
/* The measured precision bulk acceptance aims at by default. */
#define BZ_CALIBRATION_DEFAULT_TARGET 0.98
/* A threshold above every confidence: nothing is accepted at it. */
#define BZ_CALIBRATION_NO_THRESHOLD 2.0

BzCalibration *bz_calibration_new            (void);
BzCalibration *bz_calibration_copy           (const BzCalibration *self);
void           bz_calibration_free           (BzCalibration       *self);

/* Adds @right of @seen suggestions of @source with @label to the counts. */
void           bz_calibration_add            (BzCalibration       *self,
                                              const char          *source,
                                              const char          *label,
                                              guint                right,
                                              guint                seen);
/* Adds every count of @other, those of its reports as theirs. */
void           bz_calibration_merge          (BzCalibration       *self,
                                              const BzCalibration *other);
/* Adds every count of @other as counts of the gold report @report (a name
 * without tab or newline): the threshold must reach its target in each report. */
void           bz_calibration_merge_report   (BzCalibration       *self,
                                              const char          *report,
                                              const BzCalibration *other);
/* Returns: whether @source and @label were counted; the counts otherwise 0. */
gboolean       bz_calibration_get_counts     (const BzCalibration *self,
                                              const char          *source,
                                              const char          *label,
                                              guint               *out_right,
                                              guint               *out_seen);
/* The smoothed precision of all sources of @label. */
double         bz_calibration_get_label_precision (const BzCalibration *self,
                                                   const char          *label);
/* The confidence of a suggestion of @source with @label, in [0, 1]. */
double         bz_calibration_get_confidence (const BzCalibration *self,
                                              const char          *source,
                                              const char          *label);

/**
 * bz_calibration_pick_threshold:
 * @self: the counts
 * @target: the precision to reach, in (0, 1]
 * @out_threshold: (out): the threshold, %BZ_CALIBRATION_NO_THRESHOLD when none
 * @out_precision: (out) (optional): the measured precision at it, over all the counts
 *
 * Finds the lowest confidence threshold such that the suggestions it would
 * accept (those of every source and label whose confidence is at or above it)
 * were right at least @target of the time in the counts, in the counts of
 * each report on its own (see bz_calibration_merge_report()) and in those of
 * each label on its own: a precision reached only when the reports or the
 * labels are pooled is not expected on a new report, nor of each label.
 *
 * Returns: %FALSE when no threshold reaches @target (nothing should be accepted)
 */
gboolean       bz_calibration_pick_threshold (const BzCalibration *self,
                                              double               target,
                                              double              *out_threshold,
                                              double              *out_precision);

/**
 * bz_calibration_load:
 * @path: a table written by bz_calibration_to_string()
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the counts, or %NULL with @error set
 *   naming the file and the line
 */
BzCalibration *bz_calibration_load           (const char          *path,
                                              GError             **error);
/* Returns: (transfer full): the counts as a table after a comment header, one
 * "SOURCE\tLABEL\tRIGHT\tSEEN" line each for those of no report, then one
 * "SOURCE\tLABEL\tRIGHT\tSEEN\tREPORT" line each for the reports', sorted */
char          *bz_calibration_to_string      (const BzCalibration *self);

/* Returns: (transfer full): the calibration table of this build or
 * installation, $BZ_DATADIR/calibration.tsv when that variable is set */
char          *bz_calibration_default_path   (void);
/* Returns: (transfer full): the default table, empty when it cannot be read
 * (with a warning) */
BzCalibration *bz_calibration_load_default   (void);

/**
 * BzReliabilityBin:
 * @low: the bin's lowest confidence
 * @high: the confidence above the bin's (the last bin holds 1)
 * @n: suggestions in the bin
 * @mean_confidence: their mean confidence (0 when @n is 0)
 * @accuracy: the share of them that were right (0 when @n is 0)
 */
typedef struct
{
  double low;
  double high;
  guint  n;
  double mean_confidence;
  double accuracy;
} BzReliabilityBin;

/**
 * bz_calibration_reliability:
 * @confidences: (array length=n): the suggestions' confidences
 * @correct: (array length=n): whether each was right
 * @n: how many
 * @n_bins: bins of equal width over [0, 1]
 * @out_bins: (array length=n_bins) (out caller-allocates) (optional): the table
 *
 * Returns: the expected calibration error: the mean over the bins, weighted by
 *   their counts, of |accuracy - mean confidence| (0 when @n is 0)
 */
double         bz_calibration_reliability    (const double        *confidences,
                                              const gboolean      *correct,
                                              guint                n,
                                              guint                n_bins,
                                              BzReliabilityBin    *out_bins);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzCalibration, bz_calibration_free)

G_END_DECLS
