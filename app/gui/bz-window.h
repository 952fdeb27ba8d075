/* bz-window.h: the workbench window
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <biaozhu.h>

G_BEGIN_DECLS

#define BZ_TYPE_WINDOW (bz_window_get_type ())
G_DECLARE_FINAL_TYPE (BzWindow, bz_window, BZ, WINDOW, AdwApplicationWindow)

BzWindow *bz_window_new (GtkApplication *application,
                         BzStore        *store);

typedef struct _BzDocumentView BzDocumentView;

/* Returns: (transfer none): the view of the report */
BzDocumentView *bz_window_get_document_view (BzWindow *self);
void            bz_window_open_document     (BzWindow *self,
                                             gint64    document_id);
/* Returns: (transfer none) (element-type BzDocument): the documents listed */
GListModel     *bz_window_get_documents     (BzWindow *self);

G_END_DECLS
