/* bz-stats-view.h: span counts per label, status and reviewer, with a bar chart,
 * and the reviewers' agreement
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <biaozhu.h>

#include "bz-stats-agreement.h"

G_BEGIN_DECLS

#define BZ_TYPE_STATS_VIEW (bz_stats_view_get_type ())
G_DECLARE_FINAL_TYPE (BzStatsView, bz_stats_view, BZ, STATS_VIEW, AdwBin)

/* Signals:
 *   "loaded" (): new counts are shown
 */

/* Starts counting at once (bz_stats_view_reload()). */
GtkWidget  *bz_stats_view_new           (BzStore     *store);
/* Counts the workspace again in a worker thread with its own store; a count
 * still running is cancelled and its result dropped. */
void        bz_stats_view_reload        (BzStatsView *self);
gboolean    bz_stats_view_is_loading    (BzStatsView *self);
/* Returns: (transfer none) (element-type BzStatsRow): one row per label */
GListModel *bz_stats_view_get_labels    (BzStatsView *self);
/* Returns: (transfer none) (element-type BzStatsRow): one row per reviewer */
GListModel *bz_stats_view_get_reviewers (BzStatsView *self);
/* Returns: (transfer none): the bar chart */
GtkWidget  *bz_stats_view_get_chart     (BzStatsView *self);
/* Returns: (transfer none): the line of totals above the chart */
const char *bz_stats_view_get_summary   (BzStatsView *self);
/* Returns: (transfer none): the page of the reviewers' agreement */
BzStatsAgreement *bz_stats_view_get_agreement (BzStatsView *self);
/* Shows the page "counts" or "agreement". */
void        bz_stats_view_show_page     (BzStatsView *self,
                                         const char  *name);

G_END_DECLS
