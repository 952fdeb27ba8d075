/* bz-export-dialog.h: export of the workspace's annotations in the exchange formats
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <biaozhu.h>

G_BEGIN_DECLS

#define BZ_TYPE_EXPORT_DIALOG (bz_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BzExportDialog, bz_export_dialog, BZ, EXPORT_DIALOG, AdwWindow)

/* Signals:
 *   "finished" (gboolean success): an export ended; on failure nothing was written
 */

/* @parent: (nullable) */
BzExportDialog       *bz_export_dialog_new                     (GtkWindow      *parent,
                                                                BzStore        *store);
void                  bz_export_dialog_set_format              (BzExportDialog *self,
                                                                BzFormat        format);
/* @path: (nullable): the file, or the folder for brat and for splits */
void                  bz_export_dialog_set_output              (BzExportDialog *self,
                                                                const char     *path);
void                  bz_export_dialog_set_reviewed_only       (BzExportDialog *self,
                                                                gboolean        reviewed_only);
void                  bz_export_dialog_set_include_suggestions (BzExportDialog *self,
                                                                gboolean        include);
/* Ticks or unticks the check box of the label named @name. */
void                  bz_export_dialog_set_label_active        (BzExportDialog *self,
                                                                const char     *name,
                                                                gboolean        active);
/* @spec: (nullable): "8:1:1", "9:1", or %NULL or "" for no split */
void                  bz_export_dialog_set_split               (BzExportDialog *self,
                                                                const char     *spec);
void                  bz_export_dialog_set_max_chars           (BzExportDialog *self,
                                                                guint           max_chars);

/* Checks the options and exports in a worker thread with its own store; a
 * wrong option is shown at once and the export not started. */
void                  bz_export_dialog_start                   (BzExportDialog *self);
void                  bz_export_dialog_cancel                  (BzExportDialog *self);
gboolean              bz_export_dialog_is_running              (BzExportDialog *self);
/* Returns: (transfer none): what the last export did, or why it failed */
const char           *bz_export_dialog_get_message             (BzExportDialog *self);
/* Returns: (transfer none) (nullable): the report of the last successful export */
const BzExportReport *bz_export_dialog_get_report              (BzExportDialog *self);

G_END_DECLS
