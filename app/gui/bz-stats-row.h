/* bz-stats-row.h: one line of the statistics: a label's or a reviewer's span counts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <biaozhu.h>

G_BEGIN_DECLS

#define BZ_TYPE_STATS_ROW (bz_stats_row_get_type ())
G_DECLARE_FINAL_TYPE (BzStatsRow, bz_stats_row, BZ, STATS_ROW, GObject)

/* @title: what the row is called on screen; @color: (nullable): "#RRGGBB" */
BzStatsRow *bz_stats_row_new            (const BzStatsTally *tally,
                                         const char         *title,
                                         const char         *color);
/* The label's or reviewer's name; %NULL for the spans nobody decided. */
const char *bz_stats_row_get_name       (BzStatsRow   *self);
const char *bz_stats_row_get_title      (BzStatsRow   *self);
const char *bz_stats_row_get_color      (BzStatsRow   *self);
guint       bz_stats_row_get_count      (BzStatsRow   *self,
                                         BzSpanStatus  status);
guint       bz_stats_row_get_total      (BzStatsRow   *self);
/* In [0, 1], or negative when no extractor span of the row was decided. */
double      bz_stats_row_get_acceptance (BzStatsRow   *self);

G_END_DECLS
