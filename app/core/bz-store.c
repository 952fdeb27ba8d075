/* bz-store.c: the workspace: opening, migrations, reviewers, transactions
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bz-core-resources.h"
#include "bz-store-private.h"

#define DEFAULT_BUSY_TIMEOUT_MS 5000

enum {
  SPANS_CHANGED,
  DOCUMENTS_CHANGED,
  LABELS_CHANGED,
  MODEL_CHANGED,
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
  g_clear_object (&self->json_parser);
  g_clear_pointer (&self->touched_documents, g_hash_table_unref);
  g_free (self->action_description);
  g_free (self->reviewer);
  g_free (self->layer_override);
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
   * @span_ids: (element-type gint64) (nullable): the ids of the spans that
   *   were added, changed or removed (an empty array when only relations
   *   changed), or %NULL when too many changed to list
   *
   * Emitted after the change is committed.
   */
  signals[SPANS_CHANGED] =
    g_signal_new ("spans-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_ARRAY);

  /**
   * BzStore::documents-changed:
   *
   * Emitted after documents were added, their status, title or note changed,
   * or the workspace's review mode or assignment changed.
   */
  signals[DOCUMENTS_CHANGED] =
    g_signal_new ("documents-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * BzStore::labels-changed:
   *
   * Emitted after the workspace's labels were replaced (bz_store_replace_labels()).
   */
  signals[LABELS_CHANGED] =
    g_signal_new ("labels-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * BzStore::model-changed:
   *
   * Emitted after another model became the active one (bz_store_add_model(),
   * bz_store_activate_model()).
   */
  signals[MODEL_CHANGED] =
    g_signal_new ("model-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
free_span_ids (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

static void
bz_store_init (BzStore *self)
{
  const char *user = g_get_user_name ();

  self->reviewer = g_strdup (user != NULL && *user != '\0' ? user : "unknown");
  self->busy_timeout_ms = DEFAULT_BUSY_TIMEOUT_MS;
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* document id -> GArray of span ids, or NULL once too many to list */
  self->touched_documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, free_span_ids);
}

/* Runs a statement that is not cached (pragmas, the schema script). */
gboolean
_bz_store_run_sql (BzStore     *self,
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

gboolean
_bz_store_query_int (BzStore    *self,
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
      /* Installed when the program started (bz-store-locks.c). */
      if (!_bz_store_locks_installed ())
        g_debug ("File locks are POSIX ones: any other descriptor of a workspace closed in this"
                 " process drops them");
      g_once_init_leave (&registered, 1);
    }
}

char *
bz_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "biaozhu", "workspace.db", NULL);
}

/* Looks at what is at @path without opening it: the file's contents are read
 * through SQLite only (see bz_store_open_full()). Creates the folder of a file
 * that does not exist yet when a workspace may be created. */
static gboolean
check_file (const char        *path,
            BzStoreOpenFlags   flags,
            GError           **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_autofree char *folder = NULL;

      /* ENOTDIR: a plain file stands where a folder of the path would be. */
      if (saved_errno != ENOENT && saved_errno != ENOTDIR)
        {
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                       _("Cannot read the workspace %s: %s"), path, g_strerror (saved_errno));
          return FALSE;
        }
      if (flags & BZ_STORE_OPEN_EXISTING)
        {
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND,
                       _("There is no workspace %s: check the path, or import reports to create it"),
                       path);
          return FALSE;
        }
      folder = g_path_get_dirname (path);
      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          saved_errno = errno;
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                       _("Cannot create the folder %s for the workspace: %s"),
                       folder, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is a folder, not a Biaozhu workspace"), path);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a Biaozhu workspace: it is not a regular file"), path);
      return FALSE;
    }

  return TRUE;
}

/* Reads, without writing anything, whether the database is ours and how old. */
gboolean
_bz_store_check_identity (BzStore          *self,
                          BzStoreOpenFlags  flags,
                          gint64           *out_version,
                          GError          **error)
{
  gint64 application_id;
  gint64 n_objects;
  gint64 n_tables;

  /* SQLite itself refuses a file that is not a database (SQLITE_NOTADB). */
  if (!_bz_store_query_int (self, "PRAGMA application_id", &application_id, error)
      || !_bz_store_query_int (self, "PRAGMA user_version", out_version, error)
      || !_bz_store_query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if (application_id == 0 && *out_version == 0 && n_objects == 0)
    {
      if (flags & BZ_STORE_OPEN_EXISTING)
        {
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_A_DATABASE,
                       _("%s is not a Biaozhu workspace: it is empty"), self->path);
          return FALSE;
        }
      return TRUE;
    }

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

  /* Every schema version has had these tables since the first. */
  if (!_bz_store_query_int (self, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN"
                                  " ('documents', 'labels', 'spans', 'actions', 'history')",
                            &n_tables, error))
    return FALSE;
  if (n_tables != 5)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a Biaozhu workspace: it is marked as one but lacks its tables"),
                   self->path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
configure (BzStore *self,
           int      version,
           GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* A new workspace gets 16 KiB pages (SQLite's default is 4 KiB): a
   * whole-workspace export reads a page per system call, and spent a third of
   * its time in them. The page size of an existing file stays as it is. */
  if (version == 0 && !_bz_store_run_sql (self, "PRAGMA page_size = 16384", NULL, error))
    return FALSE;

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
  return _bz_store_run_sql (self, "PRAGMA synchronous = FULL", NULL, error)
         && _bz_store_run_sql (self, "PRAGMA foreign_keys = ON", NULL, error)
         && _bz_store_run_sql (self, "PRAGMA cache_size = -32768", NULL, error);
}

BzStore *
bz_store_open (const char  *path,
               GError     **error)
{
  return bz_store_open_full (path, BZ_STORE_OPEN_CREATE, error);
}

BzStore *
bz_store_open_full (const char        *path,
                    BzStoreOpenFlags   flags,
                    GError           **error)
{
  g_autoptr(BzStore) self = NULL;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_resources ();

  if (!check_file (path, flags, error))
    return NULL;

  self = g_object_new (BZ_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
                        | ((flags & BZ_STORE_OPEN_EXISTING) ? 0 : SQLITE_OPEN_CREATE),
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
  if (!_bz_store_check_identity (self, flags, &version, error))
    return NULL;

  if (!configure (self, version, error))
    return NULL;
  if (version < BZ_STORE_SCHEMA_VERSION && !_bz_store_migrate (self, error))
    return NULL;
  if (!_bz_store_load_review_mode (self, error) || !_bz_store_ensure_labels (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Whether @a and @b name the same file (by device and inode: links and other
 * spellings of a path included). Only stat(), which opens nothing. */
static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

gboolean
bz_store_is_own_file (BzStore    *self,
                      const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *own = g_strconcat (self->path, suffixes[i], NULL);

      if (g_strcmp0 (own, path) == 0 || same_file (own, path))
        return TRUE;
    }
  return FALSE;
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
  g_return_if_fail (reviewer != NULL);
  g_return_if_fail (bz_reviewer_name_check (reviewer, NULL));

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
  self->labels_changed = FALSE;
  self->model_changed = FALSE;
  self->decided_document = 0;
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
  g_autoptr(GPtrArray) span_ids = NULL;
  gboolean documents_changed;
  gboolean labels_changed;
  gboolean model_changed;
  GHashTableIter iter;
  gpointer key, value;

  if (!(stmt = _bz_store_stmt (self, BZ_STMT_COMMIT, error))
      || !_bz_store_step_done (self, stmt, error))
    {
      txn_rollback (self);
      return FALSE;
    }

  documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  span_ids = g_ptr_array_new_with_free_func (free_span_ids);
  g_hash_table_iter_init (&iter, self->touched_documents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_array_append_val (documents, *(gint64 *) key);
      g_ptr_array_add (span_ids, value != NULL ? g_array_ref (value) : NULL);
    }
  documents_changed = self->documents_changed;
  labels_changed = self->labels_changed;
  model_changed = self->model_changed;
  txn_reset (self);

  /* Handlers may start the next change, so the state is clean before they run. */
  if (labels_changed)
    g_signal_emit (self, signals[LABELS_CHANGED], 0);
  if (model_changed)
    g_signal_emit (self, signals[MODEL_CHANGED], 0);
  if (documents_changed)
    g_signal_emit (self, signals[DOCUMENTS_CHANGED], 0);
  for (guint i = 0; i < documents->len; i++)
    g_signal_emit (self, signals[SPANS_CHANGED], 0, g_array_index (documents, gint64, i),
                   g_ptr_array_index (span_ids, i));

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
  if (!g_hash_table_contains (self->touched_documents, &document_id))
    g_hash_table_insert (self->touched_documents, g_memdup2 (&document_id, sizeof document_id),
                         g_array_new (FALSE, FALSE, sizeof (gint64)));
}

/* Beyond this many spans of a document in one change, "spans-changed" says
 * only that the document changed. */
#define MAX_LISTED_SPAN_IDS 1024

void
_bz_store_touch_span (BzStore *self,
                      gint64   document_id,
                      gint64   span_id)
{
  GArray *ids;

  _bz_store_touch_document (self, document_id);
  ids = g_hash_table_lookup (self->touched_documents, &document_id);
  if (ids == NULL)
    return;
  if (ids->len >= MAX_LISTED_SPAN_IDS)
    g_hash_table_insert (self->touched_documents, g_memdup2 (&document_id, sizeof document_id), NULL);
  else
    g_array_append_val (ids, span_id);
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
