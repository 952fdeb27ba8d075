/* bz-import.h: import of report files and folders into a workspace
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "bz-types.h"

G_BEGIN_DECLS

/**
 * BzImportStatus:
 * @BZ_IMPORT_ADDED: the file became a new document
 * @BZ_IMPORT_EXISTING: the workspace already held the report (the same bytes, or
 *   the same canonical text in another encoding); nothing was changed
 * @BZ_IMPORT_REFUSED: the file was not imported; the result's error says why
 */
typedef enum
{
  BZ_IMPORT_ADDED,
  BZ_IMPORT_EXISTING,
  BZ_IMPORT_REFUSED,
} BzImportStatus;

/**
 * BzImportResult:
 * @path: the file, as found on the command line or in its folder
 * @status: what became of it
 * @document_id: the new or existing document, 0 when refused
 * @n_warnings: data-quality warnings found in the text, 0 when refused
 * @n_glosses_removed: inline pinyin glosses removed, 0 when refused
 * @error: (nullable): why the file was refused; its message names @path and the cause
 *
 * The outcome of importing one file.
 */
typedef struct
{
  char           *path;
  BzImportStatus  status;
  gint64          document_id;
  guint           n_warnings;
  guint           n_glosses_removed;
  GError         *error;
} BzImportResult;

void bz_import_result_free (BzImportResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzImportResult, bz_import_result_free)

/**
 * BzImportAnnotateFunc:
 * @store: the store the document was added to; a transaction is open
 * @document_id: the new document
 * @text: its canonical text
 * @user_data: the data given with the function
 * @error: a #GError
 *
 * Pre-annotates a newly added document inside the group of changes that adds
 * it: add spans with bz_store_add_span(), but begin or commit no group of your
 * own. Returning %FALSE rolls the document back and refuses the file with
 * @error. Not called for a document that was already present.
 *
 * Returns: %TRUE on success
 */
typedef gboolean (*BzImportAnnotateFunc) (BzStore     *store,
                                          gint64       document_id,
                                          const char  *text,
                                          gpointer     user_data,
                                          GError     **error);

/**
 * BzImportProgressFunc:
 * @done: how many files are finished
 * @total: how many files the import holds
 * @path: (nullable): the file about to be imported, %NULL once all are done
 * @user_data: the data given with the function
 *
 * Called before each file and once at the end, in the importing thread.
 */
typedef void (*BzImportProgressFunc) (guint       done,
                                      guint       total,
                                      const char *path,
                                      gpointer    user_data);

/**
 * bz_import_collect_files:
 * @paths: (array zero-terminated=1): files and folders
 *
 * Lists what an import of @paths reads: a file stands for itself whatever its
 * name; a folder for the `*.txt` files below it, recursively, sorted by path.
 * Hidden entries and links to folders are skipped. A path that does not exist
 * is listed as it is, so that its import is refused with the cause.
 *
 * Returns: (transfer full) (element-type filename): the files, in import order
 */
GPtrArray *bz_import_collect_files (const char * const *paths);

/**
 * bz_import_file:
 * @store: the workspace
 * @path: a report file
 * @annotate: (nullable) (scope call): pre-annotation of a new document
 * @annotate_data: data for @annotate
 *
 * Imports one file as one transaction (not undoable) around the document and its
 * pre-annotation: all or nothing. The document is titled by the report's own
 * heading line (bz_text_heading_title()), or by the file's name when the text
 * has none; the file's path is its source path. Failures a user can cause (unreadable, empty,
 * binary or undecodable file, a store or annotation failure) refuse the file and
 * are reported in the result, never as a warning.
 *
 * Returns: (transfer full): the outcome
 */
BzImportResult *bz_import_file  (BzStore              *store,
                                 const char           *path,
                                 BzImportAnnotateFunc  annotate,
                                 gpointer              annotate_data);

/**
 * bz_import_paths:
 * @store: the workspace
 * @paths: (array zero-terminated=1): files and folders, see bz_import_collect_files()
 * @annotate: (nullable) (scope call): pre-annotation of each new document
 * @annotate_data: data for @annotate
 * @progress: (nullable) (scope call): progress report
 * @progress_data: data for @progress
 * @cancellable: (nullable): checked between files
 * @error: a #GError
 *
 * Imports every file of @paths with bz_import_file(); a refused file does not
 * stop the others. Uses no global state: a worker thread may run it on its own
 * store opened on the workspace's path.
 *
 * Returns: (transfer full) (element-type BzImportResult) (nullable): one result
 *   per file in import order, or %NULL with %G_IO_ERROR_CANCELLED when cancelled
 *   (the files finished before stay imported)
 */
GPtrArray *bz_import_paths (BzStore              *store,
                            const char * const   *paths,
                            BzImportAnnotateFunc  annotate,
                            gpointer              annotate_data,
                            BzImportProgressFunc  progress,
                            gpointer              progress_data,
                            GCancellable         *cancellable,
                            GError              **error);

const char *bz_import_status_to_string (BzImportStatus status);

G_END_DECLS
