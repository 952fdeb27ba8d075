/* bz-report-view.h: the report's text view, which draws the spans and their relations over the text
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>
#include <biaozhu.h>

G_BEGIN_DECLS

#define BZ_TYPE_REPORT_VIEW (bz_report_view_get_type ())
G_DECLARE_FINAL_TYPE (BzReportView, bz_report_view, BZ, REPORT_VIEW, GtkSourceView)

/* @labels: (element-type BzLabel): the schema, for the colour of each label */
void     bz_report_view_set_labels        (BzReportView *self,
                                           GPtrArray    *labels);
/* @spans: (element-type BzSpan): the spans of the shown text by bz_span_compare() */
void     bz_report_view_set_spans         (BzReportView *self,
                                           GPtrArray    *spans);
/* Replaces @n_removals spans from @position by @additions, as
 * g_list_store_splice() does: the spans stay in their order. */
void     bz_report_view_splice_spans      (BzReportView  *self,
                                           guint          position,
                                           guint          n_removals,
                                           BzSpan *const *additions,
                                           guint          n_additions);
/* @relations: (element-type BzRelation) (nullable): relations between the spans */
void     bz_report_view_set_relations     (BzReportView *self,
                                           GPtrArray    *relations);
/* @span_id: the selected span, or 0 for none */
void     bz_report_view_set_selected      (BzReportView *self,
                                           gint64        span_id);
void     bz_report_view_set_show_rejected (BzReportView *self,
                                           gboolean      show_rejected);
gboolean bz_report_view_get_show_rejected (BzReportView *self);
/* Suggestions whose confidence is below @threshold are drawn as unsure: a
 * fainter tint and a dashed underline. 0 (the default) draws none so. */
void     bz_report_view_set_confidence_threshold (BzReportView *self,
                                                  double        threshold);
double   bz_report_view_get_confidence_threshold (BzReportView *self);
/* Whether the view draws for a dark background (the style scheme's). */
gboolean bz_report_view_get_dark          (BzReportView *self);
/* The tint of @status in @colour over the background, as drawn. */
void     bz_report_view_get_tint          (BzReportView  *self,
                                           const GdkRGBA *colour,
                                           BzSpanStatus   status,
                                           GdkRGBA       *tint);
/* The colour of @colour's boundaries, underlines and strikes, as drawn. */
void     bz_report_view_get_mark_colour   (BzReportView  *self,
                                           const GdkRGBA *colour,
                                           GdkRGBA       *mark);

G_END_DECLS
