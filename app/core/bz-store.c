/* bz-store.c: the workspace: opening, migrations, statements, transactions
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bz-core-resources.h"
#include "bz-store-private.h"

#define DOCUMENT_COLUMNS_SQL                                                                  \
  "SELECT d.id, d.title, d.source_path, d.sha256, d.encoding, d.script, d.n_chars,"           \
  " d.status, d.created,"                                                                     \
  " (SELECT count(*) FROM spans s WHERE s.document_id = d.id),"                               \
  " (SELECT count(*) FROM spans s WHERE s.document_id = d.id AND s.status != 'suggested')," \
  " (SELECT count(*) FROM quality_warnings w WHERE w.document_id = d.id)"

#define HISTORY_RECORD_SQL                                                             \
  "INSERT INTO history (action_id, span_id, document_id, op, before, after, reviewer," \
  " timestamp)"

static const char * const statement_sql[BZ_N_STMTS] = {
  [BZ_STMT_BEGIN] = "BEGIN IMMEDIATE",
  [BZ_STMT_COMMIT] = "COMMIT",
  [BZ_STMT_ROLLBACK] = "ROLLBACK",

  [BZ_STMT_DOC_FIND] =
    "SELECT id FROM documents WHERE sha256 = ?1 OR text_sha256 = ?2 ORDER BY id LIMIT 1",
  [BZ_STMT_DOC_FIND_TEXT] =
    "SELECT id FROM documents WHERE text_sha256 = ?1 ORDER BY id LIMIT 1",
  [BZ_STMT_DOC_INSERT] =
    "INSERT INTO documents (title, source_path, sha256, encoding, script, text, text_sha256,"
    " n_chars, offset_map, status, created)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'new', ?10)",
  [BZ_STMT_DOC_GET] = DOCUMENT_COLUMNS_SQL ", d.text FROM documents d WHERE d.id = ?1",
  [BZ_STMT_DOC_LIST] = DOCUMENT_COLUMNS_SQL ", NULL FROM documents d ORDER BY d.id",
  [BZ_STMT_DOC_TEXT] = "SELECT text, n_chars FROM documents WHERE id = ?1",
  [BZ_STMT_DOC_SET_STATUS] = "UPDATE documents SET status = ?2 WHERE id = ?1",
  [BZ_STMT_DOC_OFFSET_MAP] = "SELECT offset_map, text FROM documents WHERE id = ?1",
  [BZ_STMT_WARNING_INSERT] =
    "INSERT INTO quality_warnings (document_id, start_offset, end_offset, kind, message)"
    " VALUES (?1, ?2, ?3, ?4, ?5)",
  [BZ_STMT_WARNING_LIST] =
    "SELECT start_offset, end_offset, kind, message FROM quality_warnings"
    " WHERE document_id = ?1 ORDER BY start_offset, end_offset, id",

  [BZ_STMT_LABEL_COUNT] = "SELECT count(*) FROM labels",
  [BZ_STMT_LABEL_INSERT] =
    "INSERT INTO labels (name, display_name, color, shortcut, description, sort_order)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [BZ_STMT_LABEL_LIST] =
    "SELECT name, display_name, color, shortcut, description, sort_order FROM labels"
    " ORDER BY sort_order, name",
  [BZ_STMT_REVIEWER_ADD] =
    "INSERT INTO reviewers (name, first_seen) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING",
  [BZ_STMT_REVIEWER_LIST] = "SELECT name FROM reviewers ORDER BY first_seen, id",

  [BZ_STMT_SPAN_INSERT] =
    "INSERT INTO spans (document_id, start_offset, end_offset, label, surface, status, origin,"
    " reviewer, attributes, note, created, updated)"
    " VALUES (:document, :start, :end, :label, :surface, :status, :origin, :reviewer,"
    " :attributes, :note, :created, :updated)"
    " ON CONFLICT (document_id, start_offset, end_offset, label) DO NOTHING",
  [BZ_STMT_SPAN_FIND] =
    "SELECT id FROM spans"
    " WHERE document_id = ?1 AND start_offset = ?2 AND end_offset = ?3 AND label = ?4",
  [BZ_STMT_SPAN_GET] = "SELECT " BZ_SPAN_COLUMNS_SQL " FROM spans WHERE id = ?1",
  [BZ_STMT_SPAN_LIST] =
    "SELECT " BZ_SPAN_COLUMNS_SQL " FROM spans WHERE document_id = ?1"
    " ORDER BY start_offset, end_offset DESC, label",
  [BZ_STMT_SPAN_COUNT] = "SELECT count(*) FROM spans WHERE document_id = ?1",
  [BZ_STMT_SPAN_SNAPSHOT] = "SELECT " BZ_SPAN_JSON_SQL ", document_id, start_offset, end_offset FROM spans WHERE id = ?1",
  [BZ_STMT_SPAN_SET_LABEL] =
    "UPDATE spans SET label = :label, reviewer = :reviewer, updated = :updated"
    " WHERE id = :id AND label IS NOT :label",
  [BZ_STMT_SPAN_SET_BOUNDS] =
    "UPDATE spans SET start_offset = :start, end_offset = :end, surface = :surface,"
    " reviewer = :reviewer, updated = :updated"
    " WHERE id = :id AND (start_offset != :start OR end_offset != :end)",
  [BZ_STMT_SPAN_SET_STATUS] =
    "UPDATE spans SET status = :status, reviewer = :reviewer, updated = :updated"
    " WHERE id = :id AND status IS NOT :status",
  [BZ_STMT_SPAN_SET_NOTE] =
    "UPDATE spans SET note = :note, reviewer = :reviewer, updated = :updated"
    " WHERE id = :id AND note IS NOT :note",
  [BZ_STMT_SPAN_SET_ATTRIBUTES] =
    "UPDATE spans SET attributes = :attributes, reviewer = :reviewer, updated = :updated"
    " WHERE id = :id AND attributes IS NOT :attributes",
  [BZ_STMT_SPAN_DELETE] = "DELETE FROM spans WHERE id = ?1",
  [BZ_STMT_SPAN_RESTORE_UPDATE] =
    "UPDATE spans SET document_id = json_extract(:json, '$.document'),"
    " start_offset = json_extract(:json, '$.start'), end_offset = json_extract(:json, '$.end'),"
    " label = json_extract(:json, '$.label'), surface = json_extract(:json, '$.surface'),"
    " status = json_extract(:json, '$.status'), origin = json_extract(:json, '$.origin'),"
    " reviewer = json_extract(:json, '$.reviewer'),"
    " attributes = json_extract(:json, '$.attributes'), note = json_extract(:json, '$.note'),"
    " created = json_extract(:json, '$.created'), updated = json_extract(:json, '$.updated')"
    " WHERE id = :id",
  [BZ_STMT_SPAN_RESTORE_INSERT] =
    "INSERT INTO spans (" BZ_SPAN_COLUMNS_SQL ")"
    " VALUES (:id, json_extract(:json, '$.document'), json_extract(:json, '$.start'),"
    " json_extract(:json, '$.end'), json_extract(:json, '$.label'),"
    " json_extract(:json, '$.surface'), json_extract(:json, '$.status'),"
    " json_extract(:json, '$.origin'), json_extract(:json, '$.reviewer'),"
    " json_extract(:json, '$.attributes'), json_extract(:json, '$.note'),"
    " json_extract(:json, '$.created'), json_extract(:json, '$.updated'))",

  [BZ_STMT_ACTION_INSERT] =
    "INSERT INTO actions (kind, description, reviewer, created, undoable, reverts)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [BZ_STMT_ACTION_DROP_REDO] =
    "UPDATE actions SET state = 'dropped' WHERE reviewer = ?1 AND state = 'undone'",
  [BZ_STMT_ACTION_LAST_DONE] =
    "SELECT id, description FROM actions"
    " WHERE reviewer = ?1 AND state = 'done' AND undoable = 1 ORDER BY id DESC LIMIT 1",
  [BZ_STMT_ACTION_FIRST_UNDONE] =
    "SELECT id, description FROM actions"
    " WHERE reviewer = ?1 AND state = 'undone' AND undoable = 1 ORDER BY id LIMIT 1",
  [BZ_STMT_ACTION_SET_STATE] = "UPDATE actions SET state = ?2 WHERE id = ?1",
  [BZ_STMT_HISTORY_RECORD] =
    HISTORY_RECORD_SQL
    " SELECT :action, id, document_id, :op, :before, " BZ_SPAN_JSON_SQL ", :reviewer, :timestamp"
    " FROM spans WHERE id = :span",
  [BZ_STMT_HISTORY_RECORD_DELETE] =
    HISTORY_RECORD_SQL
    " SELECT :action, id, document_id, 'delete', " BZ_SPAN_JSON_SQL ", NULL, :reviewer,"
    " :timestamp FROM spans WHERE id = :span",
  [BZ_STMT_HISTORY_OF_ACTION] =
    "SELECT op, span_id, document_id, before, after FROM history WHERE action_id = ?1 ORDER BY id",
  [BZ_STMT_HISTORY_OF_ACTION_REVERSED] =
    "SELECT op, span_id, document_id, before, after FROM history WHERE action_id = ?1"
    " ORDER BY id DESC",
  [BZ_STMT_HISTORY_LIST] =
    "SELECT h.id, h.action_id, a.kind, a.description, a.undoable, a.state, h.span_id,"
    " h.document_id, h.op, h.before, h.after, h.reviewer, h.timestamp"
    " FROM history h JOIN actions a ON a.id = h.action_id"
    " WHERE ?1 = 0 OR h.document_id = ?1 ORDER BY h.id",
};

/* Forward migrations: step N brings a database from version N - 1 to N. A new
 * schema version appends a step (a script in the core resource) and raises
 * BZ_STORE_SCHEMA_VERSION; schema.sql stays the first version. */
static const struct
{
  int         version;
  const char *resource;
} migrations[] = {
  { 1, "/org/biaozhu/core/schema.sql" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BZ_STORE_SCHEMA_VERSION);

#define DEFAULT_BUSY_TIMEOUT_MS 5000

enum {
  SPANS_CHANGED,
  DOCUMENTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BzStore, bz_store, G_TYPE_OBJECT)

static void txn_rollback (BzStore *self);

static void
bz_store_dispose (GObject *object)
{
  BzStore *self = BZ_STORE (object);

  if (self->in_transaction)
    txn_rollback (self);

  G_OBJECT_CLASS (bz_store_parent_class)->dispose (object);
}

static void
bz_store_finalize (GObject *object)
{
  BzStore *self = BZ_STORE (object);

  for (guint i = 0; i < BZ_N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  /* Every statement is finalized, so closing can only fail on a broken file. */
  if (self->db != NULL && sqlite3_close (self->db) != SQLITE_OK)
    g_warning ("Closing the workspace %s failed: %s", self->path, sqlite3_errmsg (self->db));
  _bz_store_clear_cache (self);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_clear_pointer (&self->touched_documents, g_hash_table_unref);
  g_free (self->action_description);
  g_free (self->reviewer);
  g_free (self->path);

  G_OBJECT_CLASS (bz_store_parent_class)->finalize (object);
}

static void
bz_store_class_init (BzStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bz_store_dispose;
  object_class->finalize = bz_store_finalize;

  /**
   * BzStore::spans-changed:
   * @document_id: the document whose spans were added, changed or removed
   *
   * Emitted after the change is committed.
   */
  signals[SPANS_CHANGED] =
    g_signal_new ("spans-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * BzStore::documents-changed:
   *
   * Emitted after documents were added or their status changed.
   */
  signals[DOCUMENTS_CHANGED] =
    g_signal_new ("documents-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
bz_store_init (BzStore *self)
{
  const char *user = g_get_user_name ();

  self->reviewer = g_strdup (user != NULL && *user != '\0' ? user : "unknown");
  self->busy_timeout_ms = DEFAULT_BUSY_TIMEOUT_MS;
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->touched_documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* ---- Statements and errors ------------------------------------------------ */

void
_bz_store_set_error (BzStore    *self,
                     GError    **error,
                     int         rc,
                     const char *doing)
{
  const char *cause = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  g_autofree char *what = doing != NULL
    ? g_strdup_printf (_("Cannot %s in the workspace %s"), doing, self->path)
    : g_strdup_printf (_("The workspace %s"), self->path);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NO_SPACE,
                   _("%s: the disk is full (%s)"), what, cause);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_BUSY,
                   _("%s: another program kept it locked for more than %.1f s; try again (%s)"),
                   what, self->busy_timeout_ms / 1000.0, cause);
      break;

    case SQLITE_NOTADB:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a Biaozhu workspace: it is not an SQLite database (%s)"),
                   self->path, cause);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("%s: the file is damaged (%s)"), what, cause);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("%s: the change breaks a rule of the workspace (%s)"), what, cause);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("%s: the file cannot be written (%s)"), what, cause);
      break;

    default:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED, "%s: %s", what, cause);
      break;
    }
}

/* Returns: (transfer none) (nullable): the cached statement, reset and cleared */
sqlite3_stmt *
_bz_store_stmt (BzStore  *self,
                BzStmt    which,
                GError  **error)
{
  sqlite3_stmt *stmt;

  g_assert (which < BZ_N_STMTS);

  self->bind_rc = SQLITE_OK;
  stmt = self->stmts[which];
  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, statement_sql[which], -1,
                                   SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          _bz_store_set_error (self, error, rc, NULL);
          return NULL;
        }
      self->stmts[which] = stmt;
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  return stmt;
}

int
_bz_store_param (sqlite3_stmt *stmt,
                 const char   *name)
{
  return sqlite3_bind_parameter_index (stmt, name);
}

static void
keep_bind_rc (BzStore *self,
              int      rc)
{
  if (rc != SQLITE_OK && self->bind_rc == SQLITE_OK)
    self->bind_rc = rc;
}

void
_bz_store_bind_int64 (BzStore      *self,
                      sqlite3_stmt *stmt,
                      int           index,
                      gint64        value)
{
  if (index > 0)
    keep_bind_rc (self, sqlite3_bind_int64 (stmt, index, value));
}

/* @value is not copied: it must live until the statement is stepped. */
void
_bz_store_bind_text (BzStore      *self,
                     sqlite3_stmt *stmt,
                     int           index,
                     const char   *value,
                     int           length)
{
  if (index > 0)
    keep_bind_rc (self, sqlite3_bind_text (stmt, index, value, length, SQLITE_STATIC));
}

void
_bz_store_bind_blob64 (BzStore      *self,
                       sqlite3_stmt *stmt,
                       int           index,
                       const void   *value,
                       gsize         length)
{
  if (index > 0)
    keep_bind_rc (self, sqlite3_bind_blob64 (stmt, index, value, length, SQLITE_STATIC));
}

/* Reports a failed bind before the statement runs with a missing value. */
static gboolean
check_binds (BzStore  *self,
             GError  **error)
{
  int rc = self->bind_rc;

  if (rc == SQLITE_OK)
    return TRUE;
  self->bind_rc = SQLITE_OK;
  _bz_store_set_error (self, error, rc, NULL);
  return FALSE;
}

/* Runs a statement that returns no rows. */
gboolean
_bz_store_step_done (BzStore      *self,
                     sqlite3_stmt *stmt,
                     GError      **error)
{
  int rc;

  if (!check_binds (self, error))
    return FALSE;
  rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   "Unexpected row from “%s”", sqlite3_sql (stmt));
      return FALSE;
    }
  rc = sqlite3_reset (stmt);
  _bz_store_set_error (self, error, rc, NULL);
  return FALSE;
}

/* Returns: 1 for a row, 0 at the end, -1 with @error set */
int
_bz_store_step_row (BzStore      *self,
                    sqlite3_stmt *stmt,
                    GError      **error)
{
  int rc;

  if (!check_binds (self, error))
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  rc = sqlite3_reset (stmt);
  _bz_store_set_error (self, error, rc, NULL);
  return -1;
}

char *
_bz_store_column_dup (sqlite3_stmt *stmt,
                      int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gint64
_bz_store_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Runs a statement that is not cached (pragmas, the schema script). */
static gboolean
run_sql (BzStore     *self,
         const char  *sql,
         const char **tail,
         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, tail);
  if (rc != SQLITE_OK)
    {
      _bz_store_set_error (self, error, rc, NULL);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      _bz_store_set_error (self, error, rc, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (BzStore    *self,
           const char *sql,
           gint64     *out_value,
           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _bz_store_set_error (self, error, rc, NULL);
      return FALSE;
    }
  *out_value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* ---- Opening -------------------------------------------------------------- */

static void
ensure_resources (void)
{
  static gsize registered = 0;

  /* A program may have registered the core resource itself. Registering it a
   * second time before its first lookup would loop GLib's list of static
   * resources onto itself, so look first (which also completes theirs). */
  if (g_once_init_enter (&registered))
    {
      if (!g_resources_get_info ("/org/biaozhu/core/schema.sql", G_RESOURCE_LOOKUP_FLAGS_NONE,
                                 NULL, NULL, NULL))
        bz_core_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

char *
bz_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "biaozhu", "workspace.db", NULL);
}

/* Refuses, without opening it as a database, a file that cannot be one, and
 * creates the folder of a file that does not exist yet. */
static gboolean
check_file (const char  *path,
            GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileType type;
  char header[16];
  gsize n_read = 0;

  type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL);
  if (type == G_FILE_TYPE_UNKNOWN)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                       _("Cannot create the folder %s for the workspace: %s"),
                       folder, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }
  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is a folder, not a Biaozhu workspace"), path);
      return FALSE;
    }

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header,
                                   &n_read, NULL, &local_error))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("Cannot read the workspace %s: %s"), path, local_error->message);
      return FALSE;
    }

  /* SQLite takes an empty file for an empty database. */
  if (n_read > 0 && (n_read < sizeof header || memcmp (header, magic, sizeof header) != 0))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a Biaozhu workspace: it is not an SQLite database"), path);
      return FALSE;
    }

  return TRUE;
}

/* Reads, without writing anything, whether the database is ours and how old. */
static gboolean
check_identity (BzStore *self,
                gint64  *out_version,
                GError **error)
{
  gint64 application_id;
  gint64 n_objects;

  if (!query_int (self, "PRAGMA application_id", &application_id, error)
      || !query_int (self, "PRAGMA user_version", out_version, error)
      || !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if (application_id == 0 && *out_version == 0 && n_objects == 0)
    return TRUE;

  if (application_id != BZ_STORE_APPLICATION_ID)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a Biaozhu workspace: it is an SQLite database of another program"),
                   self->path);
      return FALSE;
    }

  if (*out_version > BZ_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Biaozhu (schema version %"
                     G_GINT64_FORMAT ", this version knows up to %d); it was left untouched"),
                   self->path, *out_version, BZ_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_script (BzStore     *self,
            const char  *resource,
            GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *script = NULL;
  const char *sql;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   "Cannot read the schema %s: %s", resource, local_error->message);
      return FALSE;
    }
  script = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  for (sql = script; sql != NULL && *sql != '\0';)
    {
      const char *tail = NULL;

      while (g_ascii_isspace (*sql))
        sql++;
      if (*sql == '\0')
        break;
      if (!run_sql (self, sql, &tail, error))
        return FALSE;
      /* A trailing comment prepares to no statement and leaves the tail in place. */
      if (tail == sql)
        break;
      sql = tail;
    }

  return TRUE;
}

static gboolean
migrate (BzStore *self,
         GError **error)
{
  g_autofree char *set_version = NULL;
  g_autofree char *set_application = NULL;
  gint64 version;

  if (!run_sql (self, "BEGIN IMMEDIATE", NULL, error))
    return FALSE;

  /* Another process may have migrated the file while this one waited. */
  if (!check_identity (self, &version, error))
    goto fail;

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      if (migrations[i].version <= version)
        continue;
      g_debug ("Migrating %s to schema version %d", self->path, migrations[i].version);
      if (!run_script (self, migrations[i].resource, error))
        goto fail;
    }

  /* Pragmas take no parameters; both values are constants of this build. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", BZ_STORE_SCHEMA_VERSION);
  set_application = g_strdup_printf ("PRAGMA application_id = %d", BZ_STORE_APPLICATION_ID);
  if (version < BZ_STORE_SCHEMA_VERSION
      && (!run_sql (self, set_version, NULL, error)
          || !run_sql (self, set_application, NULL, error)))
    goto fail;

  if (!run_sql (self, "COMMIT", NULL, error))
    goto fail;
  return TRUE;

fail:
  if (!sqlite3_get_autocommit (self->db))
    run_sql (self, "ROLLBACK", NULL, NULL);
  return FALSE;
}

static gboolean
configure (BzStore *self,
           GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _bz_store_set_error (self, error, rc, "switch to write-ahead logging");
      return FALSE;
    }
  if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
    g_debug ("%s: write-ahead logging is not available here, journal mode is %s",
             self->path, sqlite3_column_text (stmt, 0));

  /* A larger page cache (32 MiB) keeps bulk groups from spilling pages to the
   * log again and again before they commit. */
  return run_sql (self, "PRAGMA synchronous = FULL", NULL, error)
         && run_sql (self, "PRAGMA foreign_keys = ON", NULL, error)
         && run_sql (self, "PRAGMA cache_size = -32768", NULL, error);
}

BzStore *
bz_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(BzStore) self = NULL;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_resources ();

  if (!check_file (path, error))
    return NULL;

  self = g_object_new (BZ_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _bz_store_set_error (self, error, rc, "open");
      return NULL;
    }
  rc = sqlite3_extended_result_codes (self->db, TRUE);
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
  if (rc != SQLITE_OK)
    {
      _bz_store_set_error (self, error, rc, "open");
      return NULL;
    }

  /* Everything before this point only reads, so that a refused file is left
   * exactly as it was. */
  if (!check_identity (self, &version, error))
    return NULL;

  if (!configure (self, error))
    return NULL;
  if (version < BZ_STORE_SCHEMA_VERSION && !migrate (self, error))
    return NULL;
  if (!_bz_store_ensure_labels (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
bz_store_get_path (BzStore *self)
{
  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  return self->path;
}

/**
 * bz_store_set_busy_timeout:
 * @self: a #BzStore
 * @timeout_ms: how long a change waits for another program's lock
 *
 * Changes the time a store waits for another connection before it fails with
 * %BZ_STORE_ERROR_BUSY (5 s by default).
 */
void
bz_store_set_busy_timeout (BzStore *self,
                           int      timeout_ms)
{
  g_return_if_fail (BZ_IS_STORE (self));
  g_return_if_fail (timeout_ms >= 0);

  /* sqlite3_busy_timeout() fails only on a closed connection, which a store never has. */
  if (sqlite3_busy_timeout (self->db, timeout_ms) == SQLITE_OK)
    self->busy_timeout_ms = timeout_ms;
}

/* ---- Reviewers ------------------------------------------------------------ */

void
bz_store_set_reviewer (BzStore    *self,
                       const char *reviewer)
{
  g_return_if_fail (BZ_IS_STORE (self));
  g_return_if_fail (reviewer != NULL && *reviewer != '\0');
  g_return_if_fail (g_utf8_validate (reviewer, -1, NULL));

  if (g_str_equal (self->reviewer, reviewer))
    return;
  g_free (self->reviewer);
  self->reviewer = g_strdup (reviewer);
  self->reviewer_known = FALSE;
}

const char *
bz_store_get_reviewer (BzStore *self)
{
  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  return self->reviewer;
}

GPtrArray *
bz_store_list_reviewers (BzStore  *self,
                         GError  **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  if (!(stmt = _bz_store_stmt (self, BZ_STMT_REVIEWER_LIST, error)))
    return NULL;
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    g_ptr_array_add (names, _bz_store_column_dup (stmt, 0));
  if (row < 0)
    return NULL;

  return g_steal_pointer (&names);
}

/* ---- Transactions --------------------------------------------------------- */

static void
txn_reset (BzStore *self)
{
  self->in_transaction = FALSE;
  self->explicit_group = FALSE;
  self->action_id = 0;
  self->action_reverts = 0;
  g_clear_pointer (&self->action_description, g_free);
  g_hash_table_remove_all (self->touched_documents);
  self->last_touched_document = 0;
  self->documents_changed = FALSE;
}

static gboolean
txn_open (BzStore      *self,
          gboolean      explicit_group,
          BzActionKind  kind,
          const char   *description,
          gboolean      undoable,
          gint64        reverts,
          GError      **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;

  g_assert (!self->in_transaction);

  if (!(stmt = _bz_store_stmt (self, BZ_STMT_BEGIN, error))
      || !_bz_store_step_done (self, stmt, error))
    return FALSE;

  self->in_transaction = TRUE;
  self->explicit_group = explicit_group;
  self->action_kind = kind;
  self->action_description = g_strdup (description);
  self->action_undoable = undoable;
  self->action_reverts = reverts;
  return TRUE;
}

static void
txn_rollback (BzStore *self)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  /* SQLite has already rolled back after some errors (a full disk). */
  if (!sqlite3_get_autocommit (self->db)
      && (!(stmt = _bz_store_stmt (self, BZ_STMT_ROLLBACK, &error))
          || !_bz_store_step_done (self, stmt, &error)))
    g_debug ("Rollback of %s failed: %s", self->path, error->message);

  /* The rolled back changes may have added the cached document or the reviewer. */
  _bz_store_clear_cache (self);
  self->reviewer_known = FALSE;
  txn_reset (self);
}

static gboolean
txn_commit (BzStore *self,
            GError **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  g_autoptr(GArray) documents = NULL;
  gboolean documents_changed;
  GHashTableIter iter;
  gpointer key;

  if (!(stmt = _bz_store_stmt (self, BZ_STMT_COMMIT, error))
      || !_bz_store_step_done (self, stmt, error))
    {
      txn_rollback (self);
      return FALSE;
    }

  documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_hash_table_iter_init (&iter, self->touched_documents);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (documents, *(gint64 *) key);
  documents_changed = self->documents_changed;
  txn_reset (self);

  /* Handlers may start the next change, so the state is clean before they run. */
  if (documents_changed)
    g_signal_emit (self, signals[DOCUMENTS_CHANGED], 0);
  for (guint i = 0; i < documents->len; i++)
    g_signal_emit (self, signals[SPANS_CHANGED], 0, g_array_index (documents, gint64, i));

  return TRUE;
}

gboolean
_bz_store_txn_begin (BzStore      *self,
                     BzActionKind  kind,
                     const char   *description,
                     gint64        reverts,
                     GError      **error)
{
  if (self->in_transaction)
    return TRUE;

  return txn_open (self, FALSE, kind, description, kind == BZ_ACTION_CHANGE, reverts, error);
}

gboolean
_bz_store_txn_end (BzStore  *self,
                   gboolean  success,
                   GError  **error)
{
  g_assert (self->in_transaction);

  if (self->explicit_group)
    return success;
  if (!success)
    {
      txn_rollback (self);
      return FALSE;
    }
  return txn_commit (self, error);
}

void
_bz_store_touch_document (BzStore *self,
                          gint64   document_id)
{
  if (document_id == self->last_touched_document)
    return;
  self->last_touched_document = document_id;
  g_hash_table_add (self->touched_documents, g_memdup2 (&document_id, sizeof document_id));
}

gboolean
bz_store_begin (BzStore     *self,
                const char  *description,
                gboolean     undoable,
                GError     **error)
{
  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (description != NULL, FALSE);

  if (self->in_transaction)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot begin “%s” in the workspace %s: the group “%s” is still open"),
                   description, self->path, self->action_description);
      return FALSE;
    }

  return txn_open (self, TRUE, BZ_ACTION_CHANGE, description, undoable, 0, error);
}

gboolean
bz_store_commit (BzStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);

  if (!self->in_transaction || !self->explicit_group)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot commit in the workspace %s: no group of changes is open"),
                   self->path);
      return FALSE;
    }

  return txn_commit (self, error);
}

void
bz_store_rollback (BzStore *self)
{
  g_return_if_fail (BZ_IS_STORE (self));

  if (self->in_transaction)
    txn_rollback (self);
}
