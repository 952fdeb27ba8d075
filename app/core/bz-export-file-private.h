/* bz-export-file-private.h: an export's file or folder, which takes its name only when complete
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

/* Sets a GFileError for @saved_errno: the message that @format makes, then
 * ": " and the cause. Returns FALSE. */
gboolean        _bz_export_io_error            (GError     **error,
                                                int          saved_errno,
                                                const char  *format,
                                                ...) G_GNUC_PRINTF (3, 4);

/* ---- A file --------------------------------------------------------------
 * Written unnamed (O_TMPFILE) in the destination's folder where the file system
 * can, so that a killed export leaves nothing; elsewhere as a hidden temporary
 * beside the destination that the next export into that folder removes once
 * its process is gone. A file that is replaced keeps its mode and, where the
 * process may, its owner; a new one gets the mode that the umask gives.
 */
typedef struct _BzExportFile BzExportFile;

BzExportFile   *_bz_export_file_new            (const char    *path,
                                                GError       **error);
/* Returns: (transfer none): the stream to write to (fully buffered) */
FILE           *_bz_export_file_get_stream     (BzExportFile  *self);
/* Flushes and syncs the file and gives it its name, replacing the destination. */
gboolean        _bz_export_file_commit         (BzExportFile  *self,
                                                GError       **error);
/* Closes the file; one that was not committed is removed. */
void            _bz_export_file_free           (BzExportFile  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzExportFile, _bz_export_file_free)

/* ---- A folder ------------------------------------------------------------
 * Staged in a hidden folder beside the destination and put in its place on
 * commit. An earlier folder at the destination is replaced whole (no file of
 * it stays behind) when every name in it is one that @owns accepts; otherwise
 * the export is refused before anything is written.
 */
typedef struct _BzExportFolder BzExportFolder;

typedef gboolean (*BzExportOwnsFunc) (const char *name);

/* @kind names the folder's format in messages. */
BzExportFolder *_bz_export_folder_new          (const char        *path,
                                                const char        *kind,
                                                BzExportOwnsFunc   owns,
                                                GError           **error);
/* Writes the file @name of the folder; it must not be there yet (G_FILE_ERROR_EXIST). */
gboolean        _bz_export_folder_write_file   (BzExportFolder    *self,
                                                const char        *name,
                                                const char        *data,
                                                gsize              length,
                                                GError           **error);
gboolean        _bz_export_folder_commit       (BzExportFolder    *self,
                                                GError           **error);
/* Removes the staged folder unless it was committed. */
void            _bz_export_folder_free         (BzExportFolder    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzExportFolder, _bz_export_folder_free)

G_END_DECLS
