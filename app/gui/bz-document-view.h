/* bz-document-view.h: a report in a read-only source view with its spans highlighted
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>
#include <biaozhu.h>

G_BEGIN_DECLS

#define BZ_TYPE_DOCUMENT_VIEW (bz_document_view_get_type ())
G_DECLARE_FINAL_TYPE (BzDocumentView, bz_document_view, BZ, DOCUMENT_VIEW, GtkWidget)

void           bz_document_view_set_store        (BzDocumentView *self,
                                                  BzStore        *store);
/* @document: (nullable): the document to show, or %NULL for none */
void           bz_document_view_set_document     (BzDocumentView *self,
                                                  BzDocument     *document);
/* Returns: (transfer none) (nullable) */
BzDocument    *bz_document_view_get_document     (BzDocumentView *self);
/* Lists the spans and relations of the document again and shows them. */
void           bz_document_view_reload_spans     (BzDocumentView *self);
void           bz_document_view_update_spans     (BzDocumentView *self,
                                                  const GArray   *span_ids);
/* Returns: (transfer none) (element-type BzSpan): the spans, by bz_span_compare() */
GPtrArray     *bz_document_view_get_spans        (BzDocumentView *self);
/* Returns: (transfer none) (nullable): the selected span */
BzSpan        *bz_document_view_get_selected_span (BzDocumentView *self);
/* Selects the span with @span_id (0 for none), shows it and moves the cursor to it. */
void           bz_document_view_select_span      (BzDocumentView *self,
                                                  gint64          span_id);
/* Returns: whether text is selected; its bounds in code points */
gboolean       bz_document_view_get_selection    (BzDocumentView *self,
                                                  gint64         *start,
                                                  gint64         *end);
void           bz_document_view_select_range     (BzDocumentView *self,
                                                  gint64          start,
                                                  gint64          end);
/* Returns: (transfer none) (element-type BzRelation): the relations between
 * the spans, read with them (on bz_document_view_update_spans() too) */
GPtrArray     *bz_document_view_get_relations    (BzDocumentView *self);
void           bz_document_view_set_show_rejected (BzDocumentView *self,
                                                   gboolean        show_rejected);
gboolean       bz_document_view_get_show_rejected (BzDocumentView *self);
void           bz_document_view_show_search      (BzDocumentView *self);
/* The next (@step 1) or previous (@step -1) match of the search, which
 * selects the span it lies in; the search bar when nothing is searched yet. */
void           bz_document_view_search_step      (BzDocumentView *self,
                                                  int             step);
/* Returns: (transfer none) (nullable): the shortest shown span holding all of
 * [@start, @end) (at least the character at @start): the innermost of nested ones */
BzSpan        *bz_document_view_span_covering   (BzDocumentView *self,
                                                 gint64          start,
                                                 gint64          end);
/* Returns: (transfer none): the report's search, for tests */
GtkSourceSearchContext *bz_document_view_get_search (BzDocumentView *self);
/* Returns: the count the search bar shows ("3 of 12", "12 matches") */
const char    *bz_document_view_get_search_count (BzDocumentView *self);
/* Returns: (transfer none): the text view, to give it focus */
GtkWidget     *bz_document_view_get_text_view    (BzDocumentView *self);

G_END_DECLS
