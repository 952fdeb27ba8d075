/* bz-stats-agreement.h: how far the reviewers agree, in the statistics
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <biaozhu.h>

G_BEGIN_DECLS

#define BZ_TYPE_STATS_AGREEMENT (bz_stats_agreement_get_type ())
G_DECLARE_FINAL_TYPE (BzStatsAgreement, bz_stats_agreement, BZ, STATS_AGREEMENT, AdwBin)

GtkWidget  *bz_stats_agreement_new         (void);
/**
 * bz_stats_agreement_show:
 * @report: (nullable): the agreement of the workspace's reviewers
 * @mode: the workspace's review mode (the empty page says what to change)
 * @label_titles: (nullable): label name → the title to show
 *
 * Shows the figures of @report, or, when it has no report that two reviewers
 * annotated, a page that says why and how to get there.
 */
void        bz_stats_agreement_show        (BzStatsAgreement  *self,
                                            BzAgreementReport *report,
                                            BzReviewMode       mode,
                                            GHashTable        *label_titles);
/* Shows that the agreement could not be computed, and why. */
void        bz_stats_agreement_show_error  (BzStatsAgreement  *self,
                                            const char        *message);
/* Whether the empty page is shown (nothing to compare, or an error). */
gboolean    bz_stats_agreement_is_empty    (BzStatsAgreement  *self);
/* Returns: (transfer none): the empty page's text */
const char *bz_stats_agreement_get_empty_text (BzStatsAgreement *self);
/* Returns: (transfer none): the line above the tables */
const char *bz_stats_agreement_get_summary (BzStatsAgreement  *self);
/* Returns: (transfer none) (element-type BzAgreementRow): all labels, then each */
GListModel *bz_stats_agreement_get_labels  (BzStatsAgreement  *self);
/* Returns: (transfer none) (element-type BzAgreementRow): each pair of reviewers */
GListModel *bz_stats_agreement_get_pairs   (BzStatsAgreement  *self);
/* Returns: (transfer none) (element-type BzAgreementRow): each report */
GListModel *bz_stats_agreement_get_reports (BzStatsAgreement  *self);

G_END_DECLS
