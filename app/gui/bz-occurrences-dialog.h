/* bz-occurrences-dialog.h: annotate every other occurrence of a surface
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <biaozhu.h>

G_BEGIN_DECLS

#define BZ_TYPE_OCCURRENCES_DIALOG (bz_occurrences_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BzOccurrencesDialog, bz_occurrences_dialog, BZ, OCCURRENCES_DIALOG, AdwWindow)

/* Lists the occurrences of @surface in @document_id (or every document when
 * @whole_workspace) that have no span with @label at the same bounds. */
BzOccurrencesDialog *bz_occurrences_dialog_new          (GtkWindow  *parent,
                                                         BzStore    *store,
                                                         gint64      document_id,
                                                         const char *surface,
                                                         const char *label);
guint                bz_occurrences_dialog_get_n_items  (BzOccurrencesDialog *self);
void                 bz_occurrences_dialog_set_active   (BzOccurrencesDialog *self,
                                                         guint                index,
                                                         gboolean             active);
void                 bz_occurrences_dialog_set_whole_workspace (BzOccurrencesDialog *self,
                                                                gboolean             whole_workspace);
/* Adds the ticked occurrences as accepted spans in one undoable group, then closes. */
gboolean             bz_occurrences_dialog_apply        (BzOccurrencesDialog *self,
                                                         GError             **error);

G_END_DECLS
