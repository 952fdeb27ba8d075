/* bz-stats-chart.h: a bar chart of span counts per status and the extractor's acceptance
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BZ_TYPE_STATS_CHART (bz_stats_chart_get_type ())
G_DECLARE_FINAL_TYPE (BzStatsChart, bz_stats_chart, BZ, STATS_CHART, GtkWidget)

GtkWidget  *bz_stats_chart_new       (void);
/* @model: (nullable) (element-type BzStatsRow): one bar per row */
void        bz_stats_chart_set_model (BzStatsChart *self,
                                      GListModel   *model);
GListModel *bz_stats_chart_get_model (BzStatsChart *self);

G_END_DECLS
