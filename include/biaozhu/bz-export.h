/* bz-export.h: exports with filters, splits and chunks; annotations imported back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "bz-types.h"
#include "bz-format.h"

G_BEGIN_DECLS

typedef enum
{
  BZ_EXPORT_DOCUMENTS_ALL,
  BZ_EXPORT_DOCUMENTS_REVIEWED,
  BZ_EXPORT_DOCUMENTS_LIST,
} BzExportDocuments;

/**
 * BzExportOptions:
 * @format: the format to write
 * @output: a file; a folder for brat and for splits
 * @documents: which documents: all, those marked reviewed, or @document_ids
 * @document_ids: (element-type gint64): the documents of %BZ_EXPORT_DOCUMENTS_LIST
 * @labels: (nullable) (array zero-terminated=1): only spans of these labels; %NULL for all
 * @statuses: which span statuses leave, indexed by #BzSpanStatus; accepted only by
 *   default. Rejected spans leave only in the native format.
 * @split: train:dev:test ratios (dev 0 for a train:test split); all 0 for no split
 * @n_splits: 0 (no split), 2 (train, test) or 3 (train, dev, test)
 * @max_chars: cut documents into chunks of at most this many code points; 0 for whole documents
 * @skip_undecided: with %BZ_EXPORT_DOCUMENTS_REVIEWED and without suggestions,
 *   leave out the reviewed documents that still have undecided suggestions
 *   (each named in the report's @skipped) instead of refusing the export
 * @layer: (nullable): the layer whose spans and report statuses leave: "" the
 *   shared layer, a reviewer's name, %BZ_LAYER_CURATED; %NULL for the store's
 *   own (bz_store_get_layer())
 * @curated_only: the documents curated: %BZ_EXPORT_DOCUMENTS_REVIEWED in the
 *   curated layer ("--documents curated")
 */
typedef struct
{
  BzFormat           format;
  char              *output;
  BzExportDocuments  documents;
  GArray            *document_ids;
  char             **labels;
  gboolean           statuses[3];
  guint              split[3];
  guint              n_splits;
  gint64             max_chars;
  gboolean           skip_undecided;
  char              *layer;
  gboolean           curated_only;
} BzExportOptions;

BzExportOptions *bz_export_options_new           (BzFormat          format,
                                                  const char       *output);
void             bz_export_options_free          (BzExportOptions  *self);
/* "all", "reviewed", "curated" or "3,5,8" */
gboolean         bz_export_options_set_documents (BzExportOptions  *self,
                                                  const char       *spec,
                                                  GError          **error);
/* "curated", "shared" or a reviewer's name */
gboolean         bz_export_options_set_layer     (BzExportOptions  *self,
                                                  const char       *spec,
                                                  GError          **error);
/* "PLACE,ORG" */
void             bz_export_options_set_labels    (BzExportOptions  *self,
                                                  const char       *spec);
/* "accepted,suggested" */
gboolean         bz_export_options_set_statuses  (BzExportOptions  *self,
                                                  const char       *spec,
                                                  GError          **error);
/* "8:1:1" or "9:1" */
gboolean         bz_export_options_set_split     (BzExportOptions  *self,
                                                  const char       *spec,
                                                  GError          **error);
/* Checks the options together (rejected spans only in native, ...). */
gboolean         bz_export_options_check         (const BzExportOptions *self,
                                                  GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzExportOptions, bz_export_options_free)

/**
 * BzExportReport:
 * @n_documents: documents exported
 * @n_records: records written (chunks count one each)
 * @n_spans: spans written
 * @n_split: (array fixed-size=3): documents per split part
 * @bytes: bytes written
 * @dropped: (element-type utf8): one message per span a flat format could not hold
 * @files: (element-type utf8): the files or folders written
 * @skipped: (element-type utf8): "TITLE (N undecided suggestions)" for each
 *   reviewed document left out (or, when the export was refused, that refused it)
 * @document_ids: (element-type gint64): the ids of the documents exported (a
 *   workspace's), in the order written
 */
typedef struct
{
  guint      n_documents;
  guint      n_records;
  guint64    n_spans;
  guint      n_split[3];
  guint64    bytes;
  GPtrArray *dropped;
  GPtrArray *files;
  GPtrArray *skipped;
  GArray    *document_ids;
} BzExportReport;

void         bz_export_report_init   (BzExportReport *report);
void         bz_export_report_clear  (BzExportReport *report);

/**
 * BzRecordSourceFunc:
 * @user_data: the source
 * @out_record: (out) (transfer full) (nullable): the next document, %NULL at the end
 *
 * Hands out documents one at a time, so that an export holds one in memory.
 *
 * Returns: %FALSE with @error set on failure
 */
typedef gboolean (*BzRecordSourceFunc) (gpointer    user_data,
                                        BzRecord  **out_record,
                                        GError    **error);

/**
 * bz_export_run:
 * @next: the documents to export
 *
 * An export of the reviewed documents without suggestions never carries a
 * document with undecided suggestions silently (they would leave as "no
 * entity"): it is refused with %BZ_FORMAT_ERROR_UNDECIDED naming every such
 * document and its count, or with @skip_undecided those are left out and named
 * in the report. Filters each document's spans (statuses, labels), checks every span's stored
 * surface against the text (a mismatch stops the export, naming document and
 * span), flattens for flat formats (each dropped span reported), assigns the
 * document to a split part, cuts it into chunks and writes it. Everything is
 * written to temporary names and renamed at the end: on failure nothing is left.
 */
gboolean     bz_export_run           (const BzExportOptions *options,
                                      BzRecordSourceFunc     next,
                                      gpointer               user_data,
                                      BzExportReport        *report,
                                      GError               **error);

/**
 * bz_export_split_part:
 *
 * The split part (0 train, 1 dev or test, 2 test) of a document: a function of
 * its sha256 (its id when it has none) alone, so that adding documents never
 * moves one that was already assigned.
 */
guint        bz_export_split_part    (const BzRecord        *record,
                                      const BzExportOptions *options);
/* The file or folder a split part is written to: OUTPUT/train.jsonl, ... */
char        *bz_export_part_path     (const BzExportOptions *options,
                                      guint                  part);

/**
 * BzExportProgressFunc:
 * @done: documents (or records, for an import) handled so far
 * @total: how many there are
 *
 * Progress of a long export or import, called from the thread that runs it.
 */
typedef void (*BzExportProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

/* Exports the store's documents, read one at a time. */
gboolean     bz_export_store         (BzStore               *store,
                                      const BzExportOptions *options,
                                      BzExportReport        *report,
                                      GError               **error);

/**
 * bz_export_store_full:
 * @progress: (nullable) (scope call): called before each document
 * @cancellable: (nullable): checked before each document; a cancelled export
 *   fails with %G_IO_ERROR_CANCELLED and leaves nothing behind
 *
 * bz_export_store() for a worker thread with its own store opened on the
 * workspace's path.
 */
gboolean     bz_export_store_full    (BzStore               *store,
                                      const BzExportOptions *options,
                                      BzExportProgressFunc   progress,
                                      gpointer               progress_data,
                                      GCancellable          *cancellable,
                                      BzExportReport        *report,
                                      GError               **error);

/* ---- Import of annotations ------------------------------------------------ */

/**
 * BzImportAnnotationsOptions:
 * @format: the file's format
 * @force_status: whether @status overrides the statuses the file holds
 * @status: suggested or accepted (with @force_status); without it spans keep the
 *   file's status where the format has one (native, label-studio), else accepted
 * @new_documents: add documents whose text is not in the workspace; without it
 *   such a document is an error
 */
typedef struct
{
  BzFormat     format;
  gboolean     force_status;
  BzSpanStatus status;
  gboolean     new_documents;
} BzImportAnnotationsOptions;

typedef struct
{
  guint n_records;
  guint n_matched;
  guint n_new_documents;
  guint n_spans_added;
  guint n_spans_existing;
  /* Relations of the file, stored (or already there) between its spans. */
  guint n_relations;
} BzImportAnnotationsReport;

/**
 * bz_import_annotations:
 * @path: the file (a folder or .ann file for brat)
 *
 * Reads the file, matches each document to a stored one by its canonical text, a
 * piece of a chunked export by its document's id and place (or adds it with
 * @new_documents) and adds its spans with the origin "import:FORMAT"
 * (the native format keeps the origins it holds). The whole file is read and
 * checked first: a malformed file, an unknown label or an unmatched document
 * writes nothing. Then each record is one store transaction, so that other
 * programs' changes wait for one document at most. A failure there (a full
 * disk, a lock held too long) keeps the records before it, each whole, and its
 * message names the record and says how many were imported.
 */
gboolean     bz_import_annotations   (BzStore                          *store,
                                      const char                       *path,
                                      const BzImportAnnotationsOptions *options,
                                      BzImportAnnotationsReport        *report,
                                      GError                          **error);

/**
 * bz_import_annotations_full:
 * @progress: (nullable) (scope call): called before each record is written
 * @cancellable: (nullable): checked before each record; a cancelled import fails
 *   with %G_IO_ERROR_CANCELLED and keeps the records imported before
 */
gboolean     bz_import_annotations_full (BzStore                          *store,
                                         const char                       *path,
                                         const BzImportAnnotationsOptions *options,
                                         BzExportProgressFunc              progress,
                                         gpointer                          progress_data,
                                         GCancellable                     *cancellable,
                                         BzImportAnnotationsReport        *report,
                                         GError                          **error);

/* ---- Bulk reading of the store ---------------------------------------------
 * Documents with their spans as plain records, without a GObject per span: the
 * path exports read the workspace by. Use it on the store's thread.
 */
typedef struct _BzStoreRecords BzStoreRecords;

/* @reviewed_only: whether bz_store_records_next() walks the reviewed documents only
 * Returns: (transfer full): a reader of @store's documents; it keeps a reference */
BzStoreRecords *bz_store_records_new    (BzStore         *store,
                                         gboolean         reviewed_only);
void            bz_store_records_free   (BzStoreRecords  *self);
/* Leaves out the spans' origin, reviewer, attributes and note (%NULL) from the
 * next document on, for formats that do not write them. */
void            bz_store_records_set_brief (BzStoreRecords *self,
                                            gboolean        brief);
/* Returns: how many documents the walk visits, or -1 with @error set */
gint64          bz_store_records_count  (BzStoreRecords  *self,
                                         GError         **error);
/* The next document by ascending id (%NULL at the end) as bz_store_records_read()
 * gives it. The walk reads one snapshot: it holds a read transaction until it
 * ends, fails, or the reader is freed.
 * Returns: %FALSE with @error set on failure */
gboolean        bz_store_records_next   (BzStoreRecords  *self,
                                         BzRecord       **out_record,
                                         GError         **error);
/* The document with its provenance, text and all its spans (any status) in the
 * order and with the fields of bz_store_list_spans().
 * Returns: (transfer full) (nullable): %NULL with @error set, %BZ_STORE_ERROR_NOT_FOUND
 *   when there is no such document */
BzRecord       *bz_store_records_read   (BzStoreRecords  *self,
                                         gint64           document_id,
                                         GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzStoreRecords, bz_store_records_free)

G_END_DECLS
