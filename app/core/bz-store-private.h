/* bz-store-private.h: the store's struct and internals shared by its files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "bz-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* A cached statement borrowed from the store: g_autoptr(BzResetStmt) resets it
 * when it goes out of scope, which also ends the read it may hold open. */
typedef sqlite3_stmt BzResetStmt;

static inline void
bz_reset_stmt (BzResetStmt *stmt)
{
  sqlite3_reset (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzResetStmt, bz_reset_stmt)

/* PRAGMA application_id of a workspace: "BZHU". */
#define BZ_STORE_APPLICATION_ID 0x425A4855

/* The columns of a span as one JSON object, the form kept in history.before/after. */
#define BZ_SPAN_JSON_SQL                                                  \
  "json_object('id', id, 'document', document_id, 'start', start_offset," \
  " 'end', end_offset, 'label', label, 'surface', surface,"               \
  " 'status', status, 'origin', origin, 'reviewer', reviewer,"            \
  " 'attributes', attributes, 'note', note, 'created', created,"          \
  " 'updated', updated, 'confidence', confidence, 'source', source,"         \
  " 'accepted_in_bulk', accepted_in_bulk, 'layer', layer)"

/* The parameter of the layer a statement reads or writes. _bz_store_stmt()
 * binds the store's layer to it. A number above any other parameter's, so
 * that numbered and named parameters of the statement keep their own. */
#define BZ_LAYER_PARAM "?99"

/* The status of the document @d in @layer (a parameter), or in the store's
 * layer: the shared layer's is the document's own, another layer's is kept in
 * layer_status. */
#define LAYER_STATUS_SQL(d, layer)                                                     \
  "(CASE WHEN " layer " = '' THEN " d ".status ELSE coalesce ("                       \
  " (SELECT ls.status FROM layer_status ls WHERE ls.document_id = " d ".id"           \
  "  AND ls.layer = " layer "), 'new') END)"
#define DOC_STATUS_SQL(d) LAYER_STATUS_SQL (d, BZ_LAYER_PARAM)

#define BZ_SPAN_COLUMNS_SQL                                            \
  "id, document_id, start_offset, end_offset, label, surface, status," \
  " origin, reviewer, attributes, note, created, updated, confidence, source, accepted_in_bulk"

typedef enum
{
  BZ_STMT_BEGIN,
  BZ_STMT_COMMIT,
  BZ_STMT_ROLLBACK,
  /* documents */
  BZ_STMT_DOC_FIND,
  BZ_STMT_DOC_FIND_TEXT,
  BZ_STMT_DOC_INSERT,
  BZ_STMT_DOC_GET,
  BZ_STMT_DOC_INFO,
  BZ_STMT_DOC_LIST,
  BZ_STMT_DOC_TEXT,
  BZ_STMT_DOC_STATUS,
  BZ_STMT_DOC_SET_STATUS,
  BZ_STMT_DOC_SET_LAYER_STATUS,
  BZ_STMT_DOC_SET_TITLE,
  BZ_STMT_DOC_SET_NOTE,
  BZ_STMT_DOC_SNAPSHOT,
  BZ_STMT_DOC_RESTORE_UPDATE,
  BZ_STMT_DOC_RESTORE_LAYER_STATUS,
  BZ_STMT_DOC_UNDECIDED,
  BZ_STMT_DOC_OFFSET_MAP,
  BZ_STMT_DOC_TEXTS,
  BZ_STMT_WARNING_INSERT,
  BZ_STMT_WARNING_LIST,
  /* labels and reviewers */
  BZ_STMT_LABEL_COUNT,
  BZ_STMT_LABEL_INSERT,
  BZ_STMT_LABEL_LIST,
  BZ_STMT_LABEL_DELETE,
  BZ_STMT_LABEL_N_SPANS,
  BZ_STMT_REVIEWER_ADD,
  BZ_STMT_REVIEWER_LIST,
  /* spans */
  BZ_STMT_SPAN_INSERT,
  BZ_STMT_SPAN_FIND,
  BZ_STMT_SPAN_GET,
  BZ_STMT_SPAN_LIST,
  BZ_STMT_SPAN_COUNT,
  BZ_STMT_SPAN_SNAPSHOT,
  BZ_STMT_SPAN_SET_LABEL,
  BZ_STMT_SPAN_SET_BOUNDS,
  BZ_STMT_SPAN_SET_STATUS,
  BZ_STMT_SPAN_SET_NOTE,
  BZ_STMT_SPAN_SET_ATTRIBUTES,
  BZ_STMT_SPAN_DELETE,
  BZ_STMT_SPAN_RESTORE_UPDATE,
  BZ_STMT_SPAN_RESTORE_INSERT,
  /* confidence (bz-store-confidence.c) */
  BZ_STMT_SPAN_DECISIONS_BY_SOURCE,
  BZ_STMT_SPAN_CONFIDENT_IDS,
  BZ_STMT_SPAN_CONFIDENT_IDS_ALL,
  BZ_STMT_SPAN_CONFIDENT_COUNT,
  BZ_STMT_SPAN_CONFIDENT_COUNT_ALL,
  BZ_STMT_SPAN_UNCERTAIN_COUNT,
  BZ_STMT_SPAN_UNCERTAIN_BY_DOCUMENT,
  /* relations */
  BZ_STMT_RELATION_SNAPSHOT,
  BZ_STMT_RELATION_DELETE,
  BZ_STMT_RELATION_RESTORE_UPDATE,
  BZ_STMT_RELATION_RESTORE_INSERT,
  BZ_STMT_RELATIONS_OF_SPAN,
  /* history */
  BZ_STMT_ACTION_INSERT,
  BZ_STMT_ACTION_DROP_REDO,
  BZ_STMT_ACTION_LAST_DONE,
  BZ_STMT_ACTION_FIRST_UNDONE,
  BZ_STMT_ACTION_SET_STATE,
  BZ_STMT_HISTORY_RECORD,
  BZ_STMT_HISTORY_RECORD_DELETE,
  BZ_STMT_HISTORY_RECORD_DOCUMENT,
  BZ_STMT_HISTORY_RECORD_RELATION,
  BZ_STMT_HISTORY_RECORD_RELATION_DELETE,
  BZ_STMT_HISTORY_OF_ACTION,
  BZ_STMT_HISTORY_OF_ACTION_REVERSED,
  BZ_STMT_HISTORY_LIST,
  BZ_STMT_HISTORY_OF_SPAN,
  /* models */
  BZ_STMT_MODEL_INSERT,
  BZ_STMT_MODEL_LIST,
  BZ_STMT_MODEL_GET,
  BZ_STMT_MODEL_DEACTIVATE,
  BZ_STMT_MODEL_ACTIVATE,
  /* settings, assignments and layers (bz-store-layers.c) */
  BZ_STMT_SETTING_GET,
  BZ_STMT_SETTING_SET,
  BZ_STMT_ASSIGNMENT_CLEAR,
  BZ_STMT_ASSIGNMENT_ADD,
  BZ_STMT_ASSIGNMENT_LIST,
  BZ_STMT_LAYER_LIST,
  BZ_STMT_LAYER_ANNOTATORS,
  BZ_STMT_LAYER_REVIEWERS,
  BZ_STMT_LAYER_SEED_PENDING,
  BZ_STMT_LAYER_SEED_COPY,
  BZ_STMT_LAYER_SEED_MARK,
  BZ_STMT_CURATION_SEED_PENDING,
  BZ_STMT_CURATION_SEED_COPY,
  BZ_STMT_CURATION_SEED_MARK,
  BZ_N_STMTS
} BzStmt;

/* What a history row changed: history.entity. */
typedef enum
{
  BZ_ENTITY_SPAN,
  BZ_ENTITY_DOCUMENT,
  BZ_ENTITY_RELATION,
} BzEntity;

typedef enum
{
  BZ_ACTION_CHANGE,
  BZ_ACTION_UNDO,
  BZ_ACTION_REDO,
} BzActionKind;

struct _BzStore
{
  GObject        parent_instance;

  sqlite3       *db;
  char          *path;
  char          *reviewer;
  /* Independent review: the store's layer is its reviewer's (otherwise the
   * shared layer ''), unless @layer_override names another for a while. */
  gboolean       independent;
  char          *layer_override;
  /* The store works on the curated layer (bz_store_set_curating()). */
  gboolean       curating;
  /* The reviewers row of @reviewer exists (in the committed or open transaction). */
  gboolean       reviewer_known;
  sqlite3_stmt  *stmts[BZ_N_STMTS];
  /* Names of the labels of the schema. */
  GHashTable    *labels;
  int            busy_timeout_ms;
  /* Checks span attributes; kept for bulk adds. */
  JsonParser    *json_parser;
  /* The first failed bind since the statement was taken (SQLITE_OK when none). */
  int            bind_rc;

  /* The open transaction: an explicit group (bz_store_begin) or one change. */
  gboolean       in_transaction;
  gboolean       explicit_group;
  BzActionKind   action_kind;
  char          *action_description;
  gboolean       action_undoable;
  gint64         action_reverts;
  /* The actions row, written with the first history row of the transaction. */
  gint64         action_id;
  GHashTable    *touched_documents;
  gint64         last_touched_document;
  gboolean       documents_changed;
  /* A status is being set on purpose (decisions then move no status), and the
   * document whose status a decision of the transaction last checked. */
  gboolean       setting_status;
  gint64         decided_document;
  gboolean       labels_changed;
  gboolean       model_changed;

  /* The text of the document spans were last cut from, with the byte offset of
   * each code point (n_chars + 1 entries), so that bulk adds cut surfaces
   * without reading the text again. */
  gint64         cache_document_id;
  char          *cache_text;
  gint64         cache_n_chars;
  guint32       *cache_offsets;
};

/* Statements and errors (bz-store.c) */
sqlite3_stmt *_bz_store_stmt              (BzStore      *self,
                                           BzStmt        which,
                                           GError      **error);
/* Binding: index 0 (a name the statement lacks) is skipped; a failure is kept
 * and reported by the next _bz_store_step_*(), so that no return code is lost. */
int           _bz_store_param             (sqlite3_stmt *stmt,
                                           const char   *name);
void          _bz_store_bind_int64        (BzStore      *self,
                                           sqlite3_stmt *stmt,
                                           int           index,
                                           gint64        value);
void          _bz_store_bind_double       (BzStore      *self,
                                           sqlite3_stmt *stmt,
                                           int           index,
                                           double        value);
void          _bz_store_bind_text         (BzStore      *self,
                                           sqlite3_stmt *stmt,
                                           int           index,
                                           const char   *value,
                                           int           length);
/* Binds @layer to the statement's BZ_LAYER_PARAM, when it has one. */
void          _bz_store_bind_layer        (BzStore      *self,
                                           sqlite3_stmt *stmt,
                                           const char   *layer);
void          _bz_store_bind_blob64       (BzStore      *self,
                                           sqlite3_stmt *stmt,
                                           int           index,
                                           const void   *value,
                                           gsize         length);
gboolean      _bz_store_step_done         (BzStore      *self,
                                           sqlite3_stmt *stmt,
                                           GError      **error);
int           _bz_store_step_row          (BzStore      *self,
                                           sqlite3_stmt *stmt,
                                           GError      **error);
void          _bz_store_set_error         (BzStore      *self,
                                           GError      **error,
                                           int           rc,
                                           const char   *doing);
gint64        _bz_store_now               (void);
GArray       *_bz_store_list_ids          (BzStore      *self,
                                           BzStmt        which,
                                           gint64        id,
                                           GError      **error);
char         *_bz_store_column_dup        (sqlite3_stmt *stmt,
                                           int           column);

/* Layers (bz-store-layers.c) */
/* Returns: (transfer none): the layer the store's span statements work on */
const char   *_bz_store_layer             (BzStore      *self);
/* Reads the workspace's review mode (when it is opened). */
gboolean      _bz_store_load_review_mode  (BzStore      *self,
                                           GError      **error);
/* In independent review, copies into the store's layer the shared layer's
 * suggestions of @document_id (0: of every document) that it has not taken
 * yet; in shared review, and when there are none, does nothing. */
gboolean      _bz_store_seed_layer        (BzStore      *self,
                                           gint64        document_id,
                                           GError      **error);
/* Makes the store work on @layer (%NULL: its own again) until the next call;
 * the extractor suggests in and learns from the shared layer with it.
 * Returns: (transfer full) (nullable): the override it replaces, to give back
 * with the next call */
char         *_bz_store_override_layer    (BzStore      *self,
                                           const char   *layer);

/* Opening (bz-store.c) and migrations (bz-store-migrate.c) */
gboolean      _bz_store_run_sql           (BzStore      *self,
                                           const char   *sql,
                                           const char  **tail,
                                           GError      **error);
gboolean      _bz_store_query_int         (BzStore      *self,
                                           const char   *sql,
                                           gint64       *out_value,
                                           GError      **error);
gboolean      _bz_store_check_identity    (BzStore          *self,
                                           BzStoreOpenFlags  flags,
                                           gint64           *out_version,
                                           GError          **error);
gboolean      _bz_store_migrate           (BzStore      *self,
                                           GError      **error);

/* Transactions (bz-store.c). A change opens an implicit transaction unless a
 * group is open; _bz_store_txn_end() commits or rolls back an implicit one and
 * leaves a group alone. */
gboolean      _bz_store_txn_begin         (BzStore      *self,
                                           BzActionKind  kind,
                                           const char   *description,
                                           gint64        reverts,
                                           GError      **error);
gboolean      _bz_store_txn_end           (BzStore      *self,
                                           gboolean      success,
                                           GError      **error);
void          _bz_store_touch_span        (BzStore      *self,
                                           gint64        document_id,
                                           gint64        span_id);
void          _bz_store_touch_document    (BzStore      *self,
                                           gint64        document_id);

/* Documents (bz-store-documents.c) */
char         *_bz_store_load_text         (BzStore      *self,
                                           gint64        document_id,
                                           GError      **error);
gboolean      _bz_store_cache_document    (BzStore      *self,
                                           gint64        document_id,
                                           GError      **error);
void          _bz_store_clear_cache       (BzStore      *self);

/* A reviewer's decision on a document's spans or relations in the open
 * transaction: the first one, in an undoable action, makes a new document in
 * progress in the same action. */
gboolean      _bz_store_note_decision     (BzStore      *self,
                                           gint64        document_id,
                                           GError      **error);

/* Labels (bz-store-labels.c) */
gboolean      _bz_store_ensure_labels     (BzStore      *self,
                                           GError      **error);
/* Returns: (transfer full) (element-type BzLabel): the labels of a labels
 * file (@file names it in messages) */
GPtrArray    *_bz_store_parse_labels      (GBytes       *bytes,
                                           const char   *file,
                                           GError      **error);
GPtrArray    *_bz_store_default_labels    (GError      **error);
/* The migration to version 4: default guidelines for the default labels. */
gboolean      _bz_store_default_guidelines (BzStore     *self,
                                            GError     **error);
gboolean      _bz_store_has_label         (BzStore      *self,
                                           const char   *name);

/* Spans (bz-store-spans.c): a span from a row of BZ_SPAN_COLUMNS_SQL. */
BzSpan       *_bz_store_span_from_row     (sqlite3_stmt *stmt);
/* A status change inside the open transaction; @in_bulk: an acceptance by
 * confidence rather than by reading. */
gboolean      _bz_store_apply_span_status (BzStore      *self,
                                           gint64        span_id,
                                           BzSpanStatus  status,
                                           gboolean      in_bulk,
                                           GError      **error);

/* History (bz-store-history.c) */
gboolean      _bz_store_record            (BzStore      *self,
                                           const char   *op,
                                           gint64        span_id,
                                           gint64        document_id,
                                           const char   *before,
                                           GError      **error);
/* The same for a row of another entity; @id is that row's. */
gboolean      _bz_store_record_entity     (BzStore      *self,
                                           BzEntity      entity,
                                           const char   *op,
                                           gint64        id,
                                           gint64        document_id,
                                           const char   *before,
                                           GError      **error);
/* Records the deletion of a row and deletes it; a span's relations first. */
gboolean      _bz_store_remove_entity     (BzStore      *self,
                                           BzEntity      entity,
                                           gint64        id,
                                           gint64        document_id,
                                           GError      **error);
/* Returns: (transfer full) (nullable): the row as history keeps it, or %NULL
 * with @error set (%BZ_STORE_ERROR_NOT_FOUND when there is no such row) */
char         *_bz_store_entity_snapshot   (BzStore      *self,
                                           BzEntity      entity,
                                           gint64        id,
                                           gint64       *out_document_id,
                                           GError      **error);
char         *_bz_store_span_snapshot     (BzStore      *self,
                                           gint64        span_id,
                                           gint64       *out_document_id,
                                           GError      **error);

/* Whether SQLite's locks are open file description locks (bz-store-locks.c),
 * which only SQLite's own close of the file releases. */
gboolean _bz_store_locks_installed (void);

G_END_DECLS
