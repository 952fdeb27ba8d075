/* bz-relations-dialog.h: the relations of a span: list, link and unlink
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <biaozhu.h>

G_BEGIN_DECLS

#define BZ_TYPE_RELATIONS_DIALOG (bz_relations_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BzRelationsDialog, bz_relations_dialog, BZ, RELATIONS_DIALOG, AdwWindow)

/* @spans: (element-type BzSpan): the document's spans, by bz_span_compare() */
BzRelationsDialog *bz_relations_dialog_new            (GtkWindow         *parent,
                                                       BzStore           *store,
                                                       BzDocument        *document,
                                                       GPtrArray         *spans,
                                                       gint64             span_id);
/* The relation type new links get (one of those the guide allows from the
 * span's label); returns whether @type is offered. */
gboolean           bz_relations_dialog_set_type       (BzRelationsDialog *self,
                                                       const char        *type);
/* Returns: (transfer none): the rows of the span's relations, then of the spans
 * it can be linked to (the nearest first, in its paragraph) */
GtkListBox        *bz_relations_dialog_get_relation_list  (BzRelationsDialog *self);
GtkListBox        *bz_relations_dialog_get_candidate_list (BzRelationsDialog *self);

G_END_DECLS
