/* bz-store-records.c: documents with their spans as plain records, read in bulk for exports
 *
 * bz_store_list_spans() makes a GObject per span, which is right for the editor
 * and far too slow for an export of a million spans. This reader fills
 * #BzRecord structs straight from prepared statements of its own.
 *
 * A walk over all documents keeps one cursor open on the documents table in
 * rowid order, so that the whole export reads one snapshot in one read
 * transaction (no lock and unlock per document) and the table is read in
 * order. Each document's spans come through the index on
 * spans (document_id, status) without ORDER BY: sorting them in SQL made
 * SQLite open a sorter for every run of spans that share a start (the UNIQUE
 * index orders end ascending, the spans go end descending), which cost more
 * than reading them; bz_record_sort_spans() puts them in the order of
 * bz_store_list_spans() instead (the UNIQUE key leaves no ties).
 *
 * The document's status lies after its offset map in the row, so reading it
 * walks the map's overflow pages; that is paid once per document, in the same
 * step that reads the text.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bz-store-private.h"
#include "bz-export.h"

typedef enum
{
  RECORDS_STMT_COUNT,
  RECORDS_STMT_COUNT_REVIEWED,
  RECORDS_STMT_WALK,
  RECORDS_STMT_DOCUMENT,
  RECORDS_STMT_SPANS,
  RECORDS_STMT_SPANS_BRIEF,
  RECORDS_N_STMTS
} RecordsStmt;

/* The columns of a document, in the order document_from_row() reads them. */
#define DOCUMENT_COLUMNS_SQL                                                          \
  "SELECT id, title, source_path, sha256, encoding, script, text, "                  \
  DOC_STATUS_SQL ("documents") ", n_chars, note FROM documents"
/* The reader's layer's reviewed documents. */
#define REVIEWED_SQL DOC_STATUS_SQL ("documents") " = 'reviewed'"

static const char * const records_sql[RECORDS_N_STMTS] = {
  /* Counted on the smallest index, without touching the rows. */
  [RECORDS_STMT_COUNT] = "SELECT count(*) FROM documents",
  [RECORDS_STMT_COUNT_REVIEWED] = "SELECT count(*) FROM documents WHERE " REVIEWED_SQL,
  [RECORDS_STMT_WALK] = DOCUMENT_COLUMNS_SQL " WHERE ?1 = 0 OR " REVIEWED_SQL " ORDER BY id",
  [RECORDS_STMT_DOCUMENT] = DOCUMENT_COLUMNS_SQL " WHERE id = ?1",
  /* In parentheses: one string split over two lines (clang's -Wstring-concatenation). */
  [RECORDS_STMT_SPANS] =
    ("SELECT id, start_offset, end_offset, label, surface, status, origin, reviewer,"
     " attributes, note, confidence, source FROM spans WHERE document_id = ?1 AND layer = "
     BZ_LAYER_PARAM),
  /* Without the columns that only some formats write. */
  [RECORDS_STMT_SPANS_BRIEF] =
    "SELECT id, start_offset, end_offset, label, surface, status FROM spans WHERE document_id = ?1"
    " AND layer = " BZ_LAYER_PARAM,
};

struct _BzStoreRecords
{
  BzStore      *store;
  gboolean      reviewed_only;
  gboolean      brief;
  /* The walk has started: its statement holds the read transaction. */
  gboolean      walking;
  sqlite3_stmt *stmts[RECORDS_N_STMTS];
};

/**
 * bz_store_records_new:
 * @store: an open workspace
 * @reviewed_only: whether bz_store_records_next() walks the reviewed documents only
 *
 * Returns: (transfer full): a reader of @store's documents; it keeps its
 *   statements prepared until bz_store_records_free()
 */
BzStoreRecords *
bz_store_records_new (BzStore  *store,
                      gboolean  reviewed_only)
{
  BzStoreRecords *self;

  g_return_val_if_fail (BZ_IS_STORE (store), NULL);

  self = g_new0 (BzStoreRecords, 1);
  self->store = g_object_ref (store);
  self->reviewed_only = reviewed_only;
  return self;
}

/**
 * bz_store_records_set_brief:
 * @brief: whether to leave out the spans' origin, reviewer, attributes and note
 *
 * A reader for a format that does not write them reads less: the fields stay
 * %NULL. Takes effect from the next document read.
 */
void
bz_store_records_set_brief (BzStoreRecords *self,
                            gboolean        brief)
{
  g_return_if_fail (self != NULL);
  self->brief = !!brief;
}

void
bz_store_records_free (BzStoreRecords *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < RECORDS_N_STMTS; i++)
    sqlite3_finalize (self->stmts[i]);
  g_object_unref (self->store);
  g_free (self);
}

/* Returns: (transfer none) (nullable): the statement, reset and cleared, or
 * %NULL with @error set */
static sqlite3_stmt *
records_stmt (BzStoreRecords  *self,
              RecordsStmt      which,
              GError         **error)
{
  BzStore *store = self->store;

  store->bind_rc = SQLITE_OK;
  if (self->stmts[which] == NULL)
    {
      int rc = sqlite3_prepare_v3 (store->db, records_sql[which], -1,
                                   SQLITE_PREPARE_PERSISTENT, &self->stmts[which], NULL);

      if (rc != SQLITE_OK)
        {
          _bz_store_set_error (store, error, rc, _("read the documents"));
          return NULL;
        }
    }
  else
    {
      sqlite3_reset (self->stmts[which]);
      sqlite3_clear_bindings (self->stmts[which]);
    }
  _bz_store_bind_layer (store, self->stmts[which], _bz_store_layer (store));
  return self->stmts[which];
}

/**
 * bz_store_records_count:
 *
 * Returns: how many documents bz_store_records_next() walks, or -1 with @error set
 */
gint64
bz_store_records_count (BzStoreRecords  *self,
                        GError         **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  g_return_val_if_fail (self != NULL, -1);

  stmt = records_stmt (self, self->reviewed_only ? RECORDS_STMT_COUNT_REVIEWED : RECORDS_STMT_COUNT,
                       error);
  if (stmt == NULL)
    return -1;
  row = _bz_store_step_row (self->store, stmt, error);
  if (row < 0)
    return -1;
  return row == 1 ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* A column as a new string of its stored length, %NULL for SQL NULL. */
static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strndup (text, sqlite3_column_bytes (stmt, column)) : NULL;
}

/* A column's text copied into the record's chunk, %NULL for SQL NULL; the
 * few distinct labels, origins and reviewers (@shared) once per record. */
static char *
column_chunk (BzRecord     *record,
              sqlite3_stmt *stmt,
              int           column,
              gboolean      shared)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL)
    return NULL;
  if (shared)
    return g_string_chunk_insert_const (record->strings, text);
  return g_string_chunk_insert_len (record->strings, text, sqlite3_column_bytes (stmt, column));
}

static gboolean
read_spans (BzStoreRecords  *self,
            BzRecord        *record,
            GError         **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  if (!(stmt = records_stmt (self, self->brief ? RECORDS_STMT_SPANS_BRIEF : RECORDS_STMT_SPANS, error)))
    return FALSE;
  _bz_store_bind_int64 (self->store, stmt, 1, record->id);
  /* A span's strings go into one chunk for the record, not a malloc each. */
  record->strings = g_string_chunk_new (4096);
  g_array_set_clear_func (record->spans, NULL);
  while ((row = _bz_store_step_row (self->store, stmt, error)) == 1)
    {
      BzRecordSpan *span;

      g_array_set_size (record->spans, record->spans->len + 1);
      span = &g_array_index (record->spans, BzRecordSpan, record->spans->len - 1);
      span->id = sqlite3_column_int64 (stmt, 0);
      span->start = sqlite3_column_int64 (stmt, 1);
      span->end = sqlite3_column_int64 (stmt, 2);
      span->label = column_chunk (record, stmt, 3, TRUE);
      span->surface = column_chunk (record, stmt, 4, FALSE);
      bz_span_status_from_string ((const char *) sqlite3_column_text (stmt, 5), &span->status);
      span->has_confidence = FALSE;
      span->source = NULL;
      if (self->brief)
        continue;
      span->origin = column_chunk (record, stmt, 6, TRUE);
      span->reviewer = column_chunk (record, stmt, 7, TRUE);
      span->attributes = column_chunk (record, stmt, 8, FALSE);
      span->note = column_chunk (record, stmt, 9, FALSE);
      span->has_confidence = sqlite3_column_type (stmt, 10) != SQLITE_NULL;
      span->confidence = span->has_confidence ? sqlite3_column_double (stmt, 10) : 0.0;
      span->source = column_chunk (record, stmt, 11, TRUE);
    }
  if (row != 0)
    return FALSE;
  bz_record_sort_spans (record);
  return TRUE;
}

/* The document on the row of @stmt (DOCUMENT_COLUMNS_SQL) with its spans, read
 * while @stmt stays on the row, which keeps both reads in one transaction. */
static BzRecord *
document_from_row (BzStoreRecords  *self,
                   sqlite3_stmt    *stmt,
                   GError         **error)
{
  g_autoptr(BzRecord) record = NULL;

  /* The text is taken as stored, not copied twice; its length in code points
   * was stored with it. */
  record = bz_record_new (sqlite3_column_int64 (stmt, 0),
                          (const char *) sqlite3_column_text (stmt, 1), "");
  g_free (record->text);
  record->text = column_dup (stmt, 6);
  record->n_chars = sqlite3_column_int64 (stmt, 8);
  record->source_path = column_dup (stmt, 2);
  record->sha256 = column_dup (stmt, 3);
  record->encoding = column_dup (stmt, 4);
  record->script = bz_script_from_string ((const char *) sqlite3_column_text (stmt, 5));
  record->status = bz_document_status_from_string ((const char *) sqlite3_column_text (stmt, 7));
  record->note = column_dup (stmt, 9);
  if (!read_spans (self, record, error))
    return NULL;
  return g_steal_pointer (&record);
}

/**
 * bz_store_records_next:
 * @out_record: (out) (transfer full) (nullable): the next document, %NULL at the end
 *
 * Walks the documents (the reviewed ones only if the reader was made so) in
 * ascending id, each with its spans as bz_store_records_read() gives them.
 * The walk reads one snapshot of the workspace: it holds a read transaction
 * from the first call until the end, an error, or bz_store_records_free().
 *
 * Returns: %FALSE with @error set on failure
 */
gboolean
bz_store_records_next (BzStoreRecords  *self,
                       BzRecord       **out_record,
                       GError         **error)
{
  sqlite3_stmt *stmt;
  int row;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_record != NULL, FALSE);

  *out_record = NULL;
  if (!self->walking)
    {
      /* A reviewer's layer holds the suggestions of documents not opened yet. */
      if (!_bz_store_seed_layer (self->store, 0, error)
          || !(stmt = records_stmt (self, RECORDS_STMT_WALK, error)))
        return FALSE;
      _bz_store_bind_int64 (self->store, stmt, 1, self->reviewed_only);
      self->walking = TRUE;
    }
  stmt = self->stmts[RECORDS_STMT_WALK];
  row = _bz_store_step_row (self->store, stmt, error);
  if (row == 1)
    *out_record = document_from_row (self, stmt, error);
  if (*out_record == NULL)
    {
      /* The end or a failure ends the read transaction; a later call starts over. */
      sqlite3_reset (stmt);
      self->walking = FALSE;
    }
  return row == 0 || *out_record != NULL;
}

/**
 * bz_store_records_read:
 * @document_id: a document of the workspace
 *
 * Reads the document with its provenance, canonical text and all its spans (any
 * status) in the order of bz_store_list_spans(), with the same fields.
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with @error set
 *   (%BZ_STORE_ERROR_NOT_FOUND when there is no such document)
 */
BzRecord *
bz_store_records_read (BzStoreRecords  *self,
                       gint64           document_id,
                       GError         **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  g_return_val_if_fail (self != NULL, NULL);

  /* During a walk the walk has taken them (and holds a read transaction). */
  if (!self->walking && !_bz_store_seed_layer (self->store, document_id, error))
    return NULL;
  if (!(stmt = records_stmt (self, RECORDS_STMT_DOCUMENT, error)))
    return NULL;
  _bz_store_bind_int64 (self->store, stmt, 1, document_id);
  row = _bz_store_step_row (self->store, stmt, error);
  if (row < 0)
    return NULL;
  if (row == 0)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND,
                   _("The workspace %s has no document %" G_GINT64_FORMAT),
                   self->store->path, document_id);
      return NULL;
    }
  return document_from_row (self, stmt, error);
}
