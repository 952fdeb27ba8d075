/* bz-store-relations.c: typed links between two spans of a document
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Relations are few (an optional layer of the annotation guide), so the
 * statements that only this file runs are prepared per call instead of being
 * kept in the store's cache; those that history shares are cached.
 * Adding and deleting a relation are recorded in history like span changes.
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bz-store-private.h"

void
bz_relation_free (BzRelation *relation)
{
  if (relation == NULL)
    return;
  g_free (relation->type);
  g_free (relation->origin);
  g_free (relation->reviewer);
  g_free (relation);
}

static sqlite3_stmt *
prepare (BzStore     *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _bz_store_set_error (self, error, rc, "preparing a relation statement");
      sqlite3_finalize (stmt);
      return NULL;
    }
  self->bind_rc = SQLITE_OK;
  _bz_store_bind_layer (self, stmt, _bz_store_layer (self));
  return stmt;
}

static gboolean
valid_type (const char *type)
{
  if (type == NULL || *type == '\0' || !g_utf8_validate (type, -1, NULL))
    return FALSE;
  for (const char *p = type; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* The document of @span_id, or 0 with @error set. */
static gint64
span_document (BzStore  *self,
               gint64    span_id,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT document_id FROM spans WHERE id = ?1 AND layer = " BZ_LAYER_PARAM, error);
  int row;

  if (stmt == NULL)
    return 0;
  _bz_store_bind_int64 (self, stmt, 1, span_id);
  row = _bz_store_step_row (self, stmt, error);
  if (row < 0)
    return 0;
  if (row == 0)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND,
                   _("%s has no span %" G_GINT64_FORMAT), self->path, span_id);
      return 0;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* The id of the link if it is there already, 0 if not, -1 on error. */
static gint64
find_relation (BzStore     *self,
               gint64       from_span,
               gint64       to_span,
               const char  *type,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self,
                                          "SELECT id FROM relations"
                                          " WHERE from_span = ?1 AND to_span = ?2 AND type = ?3",
                                          error);
  int row;

  if (stmt == NULL)
    return -1;
  _bz_store_bind_int64 (self, stmt, 1, from_span);
  _bz_store_bind_int64 (self, stmt, 2, to_span);
  _bz_store_bind_text (self, stmt, 3, type, -1);
  row = _bz_store_step_row (self, stmt, error);
  if (row < 0)
    return -1;
  return row > 0 ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gint64
add_relation (BzStore     *self,
              gint64       from_span,
              gint64       to_span,
              const char  *type,
              const char  *origin,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 from_document, to_document, id;

  if (!valid_type (type))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("A relation needs a type without spaces, not “%s”"), type != NULL ? type : "");
      return 0;
    }
  if (from_span == to_span)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("A relation cannot link span %" G_GINT64_FORMAT " to itself"), from_span);
      return 0;
    }
  from_document = span_document (self, from_span, error);
  if (from_document == 0)
    return 0;
  to_document = span_document (self, to_span, error);
  if (to_document == 0)
    return 0;
  if (from_document != to_document)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Spans %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT " are in two documents; a relation links spans of one"),
                   from_span, to_span);
      return 0;
    }

  id = find_relation (self, from_span, to_span, type, error);
  if (id != 0)
    return id > 0 ? id : 0;

  stmt = prepare (self,
                  "INSERT INTO relations (from_span, to_span, type, origin, reviewer, created)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                  error);
  if (stmt == NULL)
    return 0;
  _bz_store_bind_int64 (self, stmt, 1, from_span);
  _bz_store_bind_int64 (self, stmt, 2, to_span);
  _bz_store_bind_text (self, stmt, 3, type, -1);
  _bz_store_bind_text (self, stmt, 4, origin != NULL ? origin : "human", -1);
  _bz_store_bind_text (self, stmt, 5, bz_store_get_reviewer (self), -1);
  _bz_store_bind_int64 (self, stmt, 6, _bz_store_now ());
  if (!_bz_store_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);
  if (!_bz_store_record_entity (self, BZ_ENTITY_RELATION, "add", id, from_document, NULL, error)
      || !_bz_store_note_decision (self, from_document, error))
    return 0;
  return id;
}

gint64
bz_store_add_relation (BzStore     *self,
                       gint64       from_span,
                       gint64       to_span,
                       const char  *type,
                       const char  *origin,
                       GError     **error)
{
  gint64 id;

  g_return_val_if_fail (BZ_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE, _("add a relation"), 0, error))
    return 0;
  id = add_relation (self, from_span, to_span, type, origin, error);
  if (!_bz_store_txn_end (self, id != 0, error))
    return 0;
  return id;
}

static gboolean
delete_relation (BzStore  *self,
                 gint64    relation_id,
                 GError  **error)
{
  g_autofree char *before = NULL;
  gint64 document_id = 0;

  before = _bz_store_entity_snapshot (self, BZ_ENTITY_RELATION, relation_id, &document_id, error);
  return before != NULL
         && _bz_store_remove_entity (self, BZ_ENTITY_RELATION, relation_id, document_id, error)
         && _bz_store_note_decision (self, document_id, error);
}

gboolean
bz_store_delete_relation (BzStore  *self,
                          gint64    relation_id,
                          GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE, _("delete a relation"), 0, error))
    return FALSE;
  ok = delete_relation (self, relation_id, error);
  return _bz_store_txn_end (self, ok, error);
}

gint64
bz_store_count_relations (BzStore  *self,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BZ_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  stmt = prepare (self,
                  "SELECT count(*) FROM relations r JOIN spans s ON s.id = r.from_span"
                  " WHERE s.layer = " BZ_LAYER_PARAM,
                  error);
  if (stmt == NULL || _bz_store_step_row (self, stmt, error) < 0)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

GPtrArray *
bz_store_list_relations (BzStore  *self,
                         gint64    document_id,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = prepare (self,
                  "SELECT r.id, r.from_span, r.to_span, r.type, r.origin, r.reviewer, r.created"
                  " FROM relations r JOIN spans s ON s.id = r.from_span"
                  " WHERE s.document_id = ?1 AND s.layer = " BZ_LAYER_PARAM " ORDER BY r.id",
                  error);
  if (stmt == NULL)
    return NULL;
  _bz_store_bind_int64 (self, stmt, 1, document_id);
  relations = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_relation_free);
  while ((row = _bz_store_step_row (self, stmt, error)) > 0)
    {
      BzRelation *relation = g_new0 (BzRelation, 1);

      relation->id = sqlite3_column_int64 (stmt, 0);
      relation->from_span = sqlite3_column_int64 (stmt, 1);
      relation->to_span = sqlite3_column_int64 (stmt, 2);
      relation->type = _bz_store_column_dup (stmt, 3);
      relation->origin = _bz_store_column_dup (stmt, 4);
      relation->reviewer = _bz_store_column_dup (stmt, 5);
      relation->created = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (relations, relation);
    }
  if (row < 0)
    return NULL;
  return g_steal_pointer (&relations);
}
