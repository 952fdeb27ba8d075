/* bz-import-dialog.h: import of report files and folders with progress and cancel
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <biaozhu.h>

G_BEGIN_DECLS

#define BZ_TYPE_IMPORT_DIALOG (bz_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BzImportDialog, bz_import_dialog, BZ, IMPORT_DIALOG, AdwWindow)

/* Signals:
 *   "finished" (guint n_added): an import ended (also a cancelled or failed one:
 *   the files finished before stay imported); reload what shows the workspace.
 */

/* @parent: (nullable) */
BzImportDialog *bz_import_dialog_new         (GtkWindow      *parent,
                                              BzStore        *store);
/* Adds a file or folder to the list of what the next import reads. */
void            bz_import_dialog_add_path    (BzImportDialog *self,
                                              const char     *path);
void            bz_import_dialog_set_extract (BzImportDialog *self,
                                              gboolean        extract);
/* Imports the listed paths in a worker thread with its own store. */
void            bz_import_dialog_start       (BzImportDialog *self);
/* Stops a running import after the file being imported. */
void            bz_import_dialog_cancel      (BzImportDialog *self);
gboolean        bz_import_dialog_is_running  (BzImportDialog *self);
/* How many files of the last import ended with @status. */
guint           bz_import_dialog_get_count   (BzImportDialog *self,
                                              BzImportStatus  status);
/* Returns: (transfer none): the summary shown under the progress bar */
const char     *bz_import_dialog_get_summary (BzImportDialog *self);

G_END_DECLS
