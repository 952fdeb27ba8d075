/* bz-store-history.c: the history of span, relation and document changes, and undo/redo driven by it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bz-store-private.h"

static const char * const action_kind_names[] = { "change", "undo", "redo" };

/* How history reads, records and restores a row of each entity. A statement
 * of BZ_N_STMTS means the entity has no such operation: documents are never
 * added or deleted by an undoable action. The snapshot statement yields the
 * row as JSON and its document's id. A relation belongs to the document of its
 * spans. */
static const struct
{
  const char *name;
  BzStmt      snapshot;
  BzStmt      record;
  BzStmt      record_delete;
  BzStmt      restore_update;
  BzStmt      restore_insert;
  BzStmt      remove;
} entities[] = {
  [BZ_ENTITY_SPAN] = { "span", BZ_STMT_SPAN_SNAPSHOT, BZ_STMT_HISTORY_RECORD,
                       BZ_STMT_HISTORY_RECORD_DELETE, BZ_STMT_SPAN_RESTORE_UPDATE,
                       BZ_STMT_SPAN_RESTORE_INSERT, BZ_STMT_SPAN_DELETE },
  [BZ_ENTITY_DOCUMENT] = { "document", BZ_STMT_DOC_SNAPSHOT, BZ_STMT_HISTORY_RECORD_DOCUMENT,
                           BZ_N_STMTS, BZ_STMT_DOC_RESTORE_UPDATE, BZ_N_STMTS, BZ_N_STMTS },
  [BZ_ENTITY_RELATION] = { "relation", BZ_STMT_RELATION_SNAPSHOT, BZ_STMT_HISTORY_RECORD_RELATION,
                           BZ_STMT_HISTORY_RECORD_RELATION_DELETE, BZ_STMT_RELATION_RESTORE_UPDATE,
                           BZ_STMT_RELATION_RESTORE_INSERT, BZ_STMT_RELATION_DELETE },
};

static BzEntity
entity_from_string (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (g_strcmp0 (name, entities[i].name) == 0)
      return i;
  return BZ_ENTITY_SPAN;
}

/* One stored change of a row, as undo and redo replay it. */
typedef struct
{
  BzEntity  entity;
  char     *op;
  gint64    id;
  gint64    document_id;
  char     *before;
  char     *after;
} Change;

static void
change_clear (Change *change)
{
  g_clear_pointer (&change->op, g_free);
  g_clear_pointer (&change->before, g_free);
  g_clear_pointer (&change->after, g_free);
}

static void
set_not_found (BzStore  *self,
               BzEntity  entity,
               gint64    id,
               GError  **error)
{
  switch (entity)
    {
    case BZ_ENTITY_DOCUMENT:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND,
                   _("The workspace %s has no document %lld"), self->path, (long long) id);
      break;
    case BZ_ENTITY_RELATION:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND,
                   _("The workspace %s has no relation %lld"), self->path, (long long) id);
      break;
    case BZ_ENTITY_SPAN:
    default:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND,
                   _("The workspace %s has no span %lld"), self->path, (long long) id);
      break;
    }
}

/* Reads the row as the JSON object that history keeps. Returns FALSE with
 * @error set on failure; *@out_json is %NULL when there is no such row. */
static gboolean
snapshot (BzStore  *self,
          BzEntity  entity,
          gint64    id,
          char    **out_json,
          gint64   *out_document_id,
          GError  **error)
{
  g_autoptr(BzResetStmt) stmt = _bz_store_stmt (self, entities[entity].snapshot, error);
  int row;

  *out_json = NULL;
  if (stmt == NULL)
    return FALSE;
  _bz_store_bind_int64 (self, stmt, 1, id);
  row = _bz_store_step_row (self, stmt, error);
  if (row < 0)
    return FALSE;
  if (row == 1)
    {
      *out_json = _bz_store_column_dup (stmt, 0);
      if (out_document_id != NULL)
        *out_document_id = sqlite3_column_int64 (stmt, 1);
    }
  return TRUE;
}

char *
_bz_store_entity_snapshot (BzStore  *self,
                           BzEntity  entity,
                           gint64    id,
                           gint64   *out_document_id,
                           GError  **error)
{
  char *json = NULL;

  if (!snapshot (self, entity, id, &json, out_document_id, error))
    return NULL;
  if (json == NULL)
    set_not_found (self, entity, id, error);
  return json;
}

/* Returns: (transfer full) (nullable): the span as JSON, or %NULL with @error set
 * (%BZ_STORE_ERROR_NOT_FOUND when there is no such span in the store's layer:
 * a reviewer changes no span of another layer) */
char *
_bz_store_span_snapshot (BzStore  *self,
                         gint64    span_id,
                         gint64   *out_document_id,
                         GError  **error)
{
  g_autoptr(BzResetStmt) stmt = _bz_store_stmt (self, BZ_STMT_SPAN_SNAPSHOT, error);
  int row;

  if (stmt == NULL)
    return NULL;
  _bz_store_bind_int64 (self, stmt, 1, span_id);
  row = _bz_store_step_row (self, stmt, error);
  if (row < 0)
    return NULL;
  if (row == 0 || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), _bz_store_layer (self)) != 0)
    {
      set_not_found (self, BZ_ENTITY_SPAN, span_id, error);
      return NULL;
    }
  if (out_document_id != NULL)
    *out_document_id = sqlite3_column_int64 (stmt, 1);
  return _bz_store_column_dup (stmt, 0);
}

static gboolean
run_bound (BzStore  *self,
           BzStmt    which,
           gint64    id,
           GError  **error)
{
  g_autoptr(BzResetStmt) stmt = _bz_store_stmt (self, which, error);

  if (stmt == NULL)
    return FALSE;
  _bz_store_bind_int64 (self, stmt, 1, id);
  return _bz_store_step_done (self, stmt, error);
}

/* Writes the actions row of the open transaction on its first change. */
static gboolean
ensure_action (BzStore  *self,
               GError  **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  gint64 now = _bz_store_now ();

  if (self->action_id != 0)
    return TRUE;

  if (!self->reviewer_known)
    {
      g_autoptr(BzResetStmt) add = _bz_store_stmt (self, BZ_STMT_REVIEWER_ADD, error);

      if (add == NULL)
        return FALSE;
      _bz_store_bind_text (self, add, 1, self->reviewer, -1);
      _bz_store_bind_int64 (self, add, 2, now);
      if (!_bz_store_step_done (self, add, error))
        return FALSE;
      self->reviewer_known = TRUE;
    }

  /* A new action makes the reviewer's undone actions past redoing. */
  if (self->action_kind == BZ_ACTION_CHANGE)
    {
      g_autoptr(BzResetStmt) drop = _bz_store_stmt (self, BZ_STMT_ACTION_DROP_REDO, error);

      if (drop == NULL)
        return FALSE;
      _bz_store_bind_text (self, drop, 1, self->reviewer, -1);
      if (!_bz_store_step_done (self, drop, error))
        return FALSE;
    }

  if (!(stmt = _bz_store_stmt (self, BZ_STMT_ACTION_INSERT, error)))
    return FALSE;
  _bz_store_bind_text (self, stmt, 1, action_kind_names[self->action_kind], -1);
  _bz_store_bind_text (self, stmt, 2, self->action_description != NULL ? self->action_description : "",
                     -1);
  _bz_store_bind_text (self, stmt, 3, self->reviewer, -1);
  _bz_store_bind_int64 (self, stmt, 4, now);
  _bz_store_bind_int64 (self, stmt, 5, self->action_undoable ? 1 : 0);
  if (self->action_reverts > 0)
    _bz_store_bind_int64 (self, stmt, 6, self->action_reverts);
  if (!_bz_store_step_done (self, stmt, error))
    return FALSE;

  self->action_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/**
 * _bz_store_record_entity:
 * @op: "add" or "update" (after the change: the row is the after state)
 *   or "delete" (before the row is deleted: the row is the before state)
 * @before: (nullable): the row before an update
 *
 * Writes a history row for a change of the open transaction.
 */
gboolean
_bz_store_record_entity (BzStore     *self,
                         BzEntity     entity,
                         const char  *op,
                         gint64       id,
                         gint64       document_id,
                         const char  *before,
                         GError     **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  gboolean is_delete = g_str_equal (op, "delete");

  g_assert (self->in_transaction);
  g_assert (!is_delete || entities[entity].record_delete != BZ_N_STMTS);

  if (!ensure_action (self, error))
    return FALSE;

  stmt = _bz_store_stmt (self, is_delete ? entities[entity].record_delete : entities[entity].record,
                         error);
  if (stmt == NULL)
    return FALSE;
  _bz_store_bind_int64 (self, stmt, _bz_store_param (stmt, ":action"), self->action_id);
  _bz_store_bind_int64 (self, stmt, _bz_store_param (stmt, ":id"), id);
  _bz_store_bind_text (self, stmt, _bz_store_param (stmt, ":reviewer"), self->reviewer,
                     -1);
  _bz_store_bind_int64 (self, stmt, _bz_store_param (stmt, ":timestamp"), _bz_store_now ());
  /* The statement for a delete has neither :op nor :before. */
  _bz_store_bind_text (self, stmt, _bz_store_param (stmt, ":op"), op, -1);
  _bz_store_bind_text (self, stmt, _bz_store_param (stmt, ":before"), before, -1);
  if (!_bz_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      set_not_found (self, entity, id, error);
      return FALSE;
    }

  switch (entity)
    {
    case BZ_ENTITY_DOCUMENT:
      _bz_store_touch_document (self, document_id);
      self->documents_changed = TRUE;
      break;
    case BZ_ENTITY_RELATION:
      /* "spans-changed" lists spans only: a relation touches its document. */
      _bz_store_touch_document (self, document_id);
      break;
    case BZ_ENTITY_SPAN:
    default:
      _bz_store_touch_span (self, document_id, id);
      break;
    }
  return TRUE;
}

/**
 * _bz_store_remove_entity:
 *
 * Records the deletion of a row in the open transaction and deletes it. A
 * span's relations go first, each recorded, so that the action that deletes a
 * span brings its relations back when it is undone.
 */
gboolean
_bz_store_remove_entity (BzStore   *self,
                         BzEntity   entity,
                         gint64     id,
                         gint64     document_id,
                         GError   **error)
{
  g_assert (entities[entity].remove != BZ_N_STMTS);

  if (entity == BZ_ENTITY_SPAN)
    {
      g_autoptr(GArray) relations = _bz_store_list_ids (self, BZ_STMT_RELATIONS_OF_SPAN, id, error);

      if (relations == NULL)
        return FALSE;
      for (guint i = 0; i < relations->len; i++)
        if (!_bz_store_remove_entity (self, BZ_ENTITY_RELATION, g_array_index (relations, gint64, i),
                                      document_id, error))
          return FALSE;
    }

  return _bz_store_record_entity (self, entity, "delete", id, document_id, NULL, error)
         && run_bound (self, entities[entity].remove, id, error);
}

gboolean
_bz_store_record (BzStore     *self,
                  const char  *op,
                  gint64       span_id,
                  gint64       document_id,
                  const char  *before,
                  GError     **error)
{
  return _bz_store_record_entity (self, BZ_ENTITY_SPAN, op, span_id, document_id, before, error);
}

/* ---- Undo and redo -------------------------------------------------------- */

/* Finds the action undo (or redo) would replay: returns its id, 0 when there is
 * none, -1 with @error set. */
static gint64
find_action (BzStore  *self,
             gboolean  undo,
             char    **out_description,
             GError  **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  stmt = _bz_store_stmt (self, undo ? BZ_STMT_ACTION_LAST_DONE : BZ_STMT_ACTION_FIRST_UNDONE,
                         error);
  if (stmt == NULL)
    return -1;
  _bz_store_bind_text (self, stmt, 1, self->reviewer, -1);
  row = _bz_store_step_row (self, stmt, error);
  if (row != 1)
    return row;
  if (out_description != NULL)
    *out_description = _bz_store_column_dup (stmt, 1);
  return sqlite3_column_int64 (stmt, 0);
}

static GArray *
load_changes (BzStore  *self,
              gint64    action_id,
              gboolean  reversed,
              GError  **error)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  g_array_set_clear_func (changes, (GDestroyNotify) change_clear);
  stmt = _bz_store_stmt (self, reversed ? BZ_STMT_HISTORY_OF_ACTION_REVERSED
                                        : BZ_STMT_HISTORY_OF_ACTION, error);
  if (stmt == NULL)
    return NULL;
  _bz_store_bind_int64 (self, stmt, 1, action_id);
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    {
      Change change = {
        .entity = entity_from_string ((const char *) sqlite3_column_text (stmt, 5)),
        .op = _bz_store_column_dup (stmt, 0),
        .id = sqlite3_column_int64 (stmt, 1),
        .document_id = sqlite3_column_int64 (stmt, 2),
        .before = _bz_store_column_dup (stmt, 3),
        .after = _bz_store_column_dup (stmt, 4),
      };
      g_array_append_val (changes, change);
    }
  if (row < 0)
    return NULL;
  return g_steal_pointer (&changes);
}

static gboolean
restore (BzStore     *self,
         BzStmt       which,
         gint64       id,
         const char  *json,
         GError     **error)
{
  g_autoptr(BzResetStmt) stmt = _bz_store_stmt (self, which, error);

  if (stmt == NULL)
    return FALSE;
  _bz_store_bind_int64 (self, stmt, _bz_store_param (stmt, ":id"), id);
  _bz_store_bind_text (self, stmt, _bz_store_param (stmt, ":json"), json, -1);
  return _bz_store_step_done (self, stmt, error);
}

/* Brings a row from the state @from (%NULL: absent) to the state @to (%NULL:
 * absent), refusing when the row is no longer in state @from. */
static gboolean
replay_change (BzStore      *self,
               const Change *change,
               const char   *from,
               const char   *to,
               const char   *doing,
               GError      **error)
{
  BzEntity entity = change->entity;
  g_autofree char *current = NULL;

  if (!snapshot (self, entity, change->id, &current, NULL, error))
    return FALSE;
  if (g_strcmp0 (current, from) != 0)
    {
      switch (entity)
        {
        case BZ_ENTITY_DOCUMENT:
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                       _("Cannot %s: document %lld was changed by a later action"),
                       doing, (long long) change->document_id);
          break;
        case BZ_ENTITY_RELATION:
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                       _("Cannot %s: relation %lld of document %lld was changed by a later action"),
                       doing, (long long) change->id, (long long) change->document_id);
          break;
        case BZ_ENTITY_SPAN:
        default:
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                       _("Cannot %s: span %lld of document %lld was changed by a later action"),
                       doing, (long long) change->id, (long long) change->document_id);
          break;
        }
      return FALSE;
    }

  /* Only spans and relations are added and deleted by actions (see entities[]). */
  if (to == NULL)
    return _bz_store_remove_entity (self, entity, change->id, change->document_id, error);
  if (current == NULL)
    return restore (self, entities[entity].restore_insert, change->id, to, error)
           && _bz_store_record_entity (self, entity, "add", change->id, change->document_id, NULL,
                                       error);
  return restore (self, entities[entity].restore_update, change->id, to, error)
         && (entity != BZ_ENTITY_DOCUMENT
             || restore (self, BZ_STMT_DOC_RESTORE_LAYER_STATUS, change->id, to, error))
         && _bz_store_record_entity (self, entity, "update", change->id, change->document_id,
                                     current, error);
}

static gboolean
replay_action (BzStore  *self,
               gboolean  undo,
               gint64   *out_document_id,
               GError  **error)
{
  g_autofree char *description = NULL;
  g_autofree char *doing = NULL;
  g_autoptr(GArray) changes = NULL;
  gint64 action_id;

  action_id = find_action (self, undo, &description, error);
  if (action_id < 0)
    return FALSE;
  if (action_id == 0)
    {
      if (undo)
        g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOTHING_TO_UNDO,
                     _("%s has nothing to undo in the workspace %s"), self->reviewer, self->path);
      else
        g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOTHING_TO_REDO,
                     _("%s has nothing to redo in the workspace %s"), self->reviewer, self->path);
      return FALSE;
    }

  doing = g_strdup_printf (undo ? _("undo “%s”") : _("redo “%s”"), description);
  g_free (self->action_description);
  self->action_description = g_strdup (doing);
  self->action_reverts = action_id;

  changes = load_changes (self, action_id, undo, error);
  if (changes == NULL)
    return FALSE;
  for (guint i = 0; i < changes->len; i++)
    {
      const Change *change = &g_array_index (changes, Change, i);

      if (!replay_change (self, change,
                          undo ? change->after : change->before,
                          undo ? change->before : change->after,
                          doing, error))
        return FALSE;
      if (out_document_id != NULL && i == 0)
        *out_document_id = change->document_id;
    }

  {
    g_autoptr(BzResetStmt) stmt = _bz_store_stmt (self, BZ_STMT_ACTION_SET_STATE, error);

    if (stmt == NULL)
      return FALSE;
    _bz_store_bind_int64 (self, stmt, 1, action_id);
    _bz_store_bind_text (self, stmt, 2, undo ? "undone" : "done", -1);
    return _bz_store_step_done (self, stmt, error);
  }
}

static gboolean
undo_or_redo (BzStore  *self,
              gboolean  undo,
              gint64   *out_document_id,
              GError  **error)
{
  gboolean ok;

  if (out_document_id != NULL)
    *out_document_id = 0;
  if (self->in_transaction)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   undo ? _("Cannot undo in the workspace %s while a group of changes is open")
                        : _("Cannot redo in the workspace %s while a group of changes is open"),
                   self->path);
      return FALSE;
    }

  if (!_bz_store_txn_begin (self, undo ? BZ_ACTION_UNDO : BZ_ACTION_REDO, NULL, 0, error))
    return FALSE;
  ok = replay_action (self, undo, out_document_id, error);
  return _bz_store_txn_end (self, ok, error);
}

gboolean
bz_store_undo (BzStore  *self,
               gint64   *out_document_id,
               GError  **error)
{
  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);

  return undo_or_redo (self, TRUE, out_document_id, error);
}

gboolean
bz_store_redo (BzStore  *self,
               gint64   *out_document_id,
               GError  **error)
{
  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);

  return undo_or_redo (self, FALSE, out_document_id, error);
}

gboolean
bz_store_can_undo (BzStore *self)
{
  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);

  return find_action (self, TRUE, NULL, NULL) > 0;
}

gboolean
bz_store_can_redo (BzStore *self)
{
  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);

  return find_action (self, FALSE, NULL, NULL) > 0;
}

/* ---- The audit trail ------------------------------------------------------ */

void
bz_history_entry_free (BzHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->kind);
  g_free (entry->description);
  g_free (entry->state);
  g_free (entry->op);
  g_free (entry->before);
  g_free (entry->after);
  g_free (entry->reviewer);
  g_free (entry->entity);
  g_free (entry);
}

static BzHistoryEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  BzHistoryEntry *entry = g_new0 (BzHistoryEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->action_id = sqlite3_column_int64 (stmt, 1);
  entry->kind = _bz_store_column_dup (stmt, 2);
  entry->description = _bz_store_column_dup (stmt, 3);
  entry->undoable = sqlite3_column_int (stmt, 4) != 0;
  entry->state = _bz_store_column_dup (stmt, 5);
  entry->span_id = sqlite3_column_int64 (stmt, 6);
  entry->document_id = sqlite3_column_int64 (stmt, 7);
  entry->op = _bz_store_column_dup (stmt, 8);
  entry->before = _bz_store_column_dup (stmt, 9);
  entry->after = _bz_store_column_dup (stmt, 10);
  entry->reviewer = _bz_store_column_dup (stmt, 11);
  entry->timestamp = sqlite3_column_int64 (stmt, 12);
  entry->entity = _bz_store_column_dup (stmt, 13);
  return entry;
}

/* The entries that @which gives with @id as ?1, oldest first. */
static GPtrArray *
list_entries (BzStore  *self,
              BzStmt    which,
              gint64    id,
              GError  **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_history_entry_free);
  if (!(stmt = _bz_store_stmt (self, which, error)))
    return NULL;
  _bz_store_bind_int64 (self, stmt, 1, id);
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    g_ptr_array_add (entries, entry_from_row (stmt));
  if (row < 0)
    return NULL;
  return g_steal_pointer (&entries);
}

GPtrArray *
bz_store_list_history (BzStore  *self,
                       gint64    document_id,
                       GError  **error)
{
  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  return list_entries (self, BZ_STMT_HISTORY_LIST, document_id, error);
}

/**
 * bz_store_list_span_history:
 * @self: a #BzStore
 * @span_id: a span, which may have been deleted since
 * @error: a #GError
 *
 * Every change of the span (entity "span": added, relabelled, moved,
 * accepted, rejected, noted, deleted, and the rows that undo and redo wrote)
 * and of the relations from or to it (entity "relation"), oldest first, with
 * who made it, when, the action it belongs to and its state, and the row
 * before and after as JSON: what a span's history panel shows. A span that
 * has no history and does not exist is refused with %BZ_STORE_ERROR_NOT_FOUND.
 *
 * Returns: (transfer full) (element-type BzHistoryEntry): the entries, or
 *   %NULL with @error set
 */
GPtrArray *
bz_store_list_span_history (BzStore  *self,
                            gint64    span_id,
                            GError  **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *current = NULL;

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  if (!(entries = list_entries (self, BZ_STMT_HISTORY_OF_SPAN, span_id, error)))
    return NULL;
  if (entries->len == 0 && !(current = _bz_store_span_snapshot (self, span_id, NULL, error)))
    return NULL;
  return g_steal_pointer (&entries);
}
