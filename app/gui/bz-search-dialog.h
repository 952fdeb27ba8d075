/* bz-search-dialog.h: a search across every report of the workspace
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <biaozhu.h>

G_BEGIN_DECLS

#define BZ_TYPE_SEARCH_DIALOG (bz_search_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BzSearchDialog, bz_search_dialog, BZ, SEARCH_DIALOG, AdwWindow)

BzSearchDialog *bz_search_dialog_new      (GtkWindow      *parent,
                                           BzStore        *store);
/* Searches for @query (as typing it would, without the wait). */
void            bz_search_dialog_search   (BzSearchDialog *self,
                                           const char     *query);
/* The hits shown: 0 while a search runs. */
guint           bz_search_dialog_get_n_hits (BzSearchDialog *self);
/* The report of hit @index. */
gint64          bz_search_dialog_get_hit_document_id (BzSearchDialog *self,
                                                      guint           index);
/* Opens hit @index: "open" is emitted with its document and range. */
void            bz_search_dialog_open_hit (BzSearchDialog *self,
                                           guint           index);
/* The text under the search field: how many hits in how many reports. */
const char     *bz_search_dialog_get_summary (BzSearchDialog *self);

G_END_DECLS
