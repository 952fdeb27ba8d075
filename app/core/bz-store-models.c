/* bz-store-models.c: the trained taggers kept in a workspace
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bz-store-private.h"

void
bz_store_model_free (BzStoreModel *model)
{
  if (model == NULL)
    return;
  g_free (model->trained_on);
  g_free (model->scores);
  g_free (model->trained_by);
  g_free (model);
}

/* A model from a row of MODEL_COLUMNS_SQL. */
static BzStoreModel *
model_from_row (sqlite3_stmt *stmt)
{
  BzStoreModel *model = g_new0 (BzStoreModel, 1);

  model->id = sqlite3_column_int64 (stmt, 0);
  model->format = sqlite3_column_int64 (stmt, 1);
  model->trained_on = _bz_store_column_dup (stmt, 2);
  model->n_reports = sqlite3_column_int64 (stmt, 3);
  model->scores = _bz_store_column_dup (stmt, 4);
  model->trained_by = _bz_store_column_dup (stmt, 5);
  model->created = sqlite3_column_int64 (stmt, 6);
  model->active = sqlite3_column_int (stmt, 7) != 0;
  model->size = sqlite3_column_int64 (stmt, 8);
  return model;
}

static gboolean
activate (BzStore  *self,
          gint64    model_id,
          GError  **error)
{
  g_autoptr(BzResetStmt) off = NULL;
  g_autoptr(BzResetStmt) on = NULL;

  if (!(off = _bz_store_stmt (self, BZ_STMT_MODEL_DEACTIVATE, error))
      || !_bz_store_step_done (self, off, error))
    return FALSE;
  if (model_id != 0)
    {
      if (!(on = _bz_store_stmt (self, BZ_STMT_MODEL_ACTIVATE, error)))
        return FALSE;
      _bz_store_bind_int64 (self, on, 1, model_id);
      if (!_bz_store_step_done (self, on, error))
        return FALSE;
      if (sqlite3_changes (self->db) == 0)
        {
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND,
                       _("The workspace %s has no model %lld"), self->path, (long long) model_id);
          return FALSE;
        }
    }
  self->model_changed = TRUE;
  return TRUE;
}

gint64
bz_store_add_model (BzStore     *self,
                    GBytes      *blob,
                    gint64       format,
                    const char  *trained_on,
                    gint64       n_reports,
                    const char  *scores,
                    const char  *trained_by,
                    gboolean     activate_it,
                    GError     **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  gint64 id = 0;
  gsize size = 0;
  gconstpointer data;

  g_return_val_if_fail (BZ_IS_STORE (self), 0);
  g_return_val_if_fail (blob != NULL, 0);
  g_return_val_if_fail (format > 0 && n_reports >= 0, 0);

  data = g_bytes_get_data (blob, &size);
  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE, _("store a model"), 0, error))
    return 0;
  if ((stmt = _bz_store_stmt (self, BZ_STMT_MODEL_INSERT, error)) != NULL)
    {
      _bz_store_bind_int64 (self, stmt, 1, format);
      _bz_store_bind_blob64 (self, stmt, 2, data != NULL ? data : "", size);
      _bz_store_bind_text (self, stmt, 3, trained_on, -1);
      _bz_store_bind_int64 (self, stmt, 4, n_reports);
      _bz_store_bind_text (self, stmt, 5, scores, -1);
      _bz_store_bind_text (self, stmt, 6, trained_by != NULL ? trained_by : self->reviewer, -1);
      _bz_store_bind_int64 (self, stmt, 7, _bz_store_now ());
      if (_bz_store_step_done (self, stmt, error))
        id = sqlite3_last_insert_rowid (self->db);
    }
  if (id != 0 && activate_it && !activate (self, id, error))
    id = 0;
  if (!_bz_store_txn_end (self, id != 0, error))
    return 0;
  return id;
}

GPtrArray *
bz_store_list_models (BzStore  *self,
                      GError  **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  g_autoptr(GPtrArray) models = NULL;
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  if (!(stmt = _bz_store_stmt (self, BZ_STMT_MODEL_LIST, error)))
    return NULL;
  models = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_store_model_free);
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    g_ptr_array_add (models, model_from_row (stmt));
  if (row < 0)
    return NULL;
  return g_steal_pointer (&models);
}

GBytes *
bz_store_get_model_blob (BzStore       *self,
                         gint64         model_id,
                         BzStoreModel **out_model,
                         GError       **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  GBytes *blob;
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);
  g_return_val_if_fail (model_id >= 0, NULL);

  if (out_model != NULL)
    *out_model = NULL;
  if (!(stmt = _bz_store_stmt (self, BZ_STMT_MODEL_GET, error)))
    return NULL;
  _bz_store_bind_int64 (self, stmt, 1, model_id);
  row = _bz_store_step_row (self, stmt, error);
  if (row < 0)
    return NULL;
  if (row == 0)
    {
      if (model_id != 0)
        g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND,
                     _("The workspace %s has no model %lld"), self->path, (long long) model_id);
      return NULL;
    }
  blob = g_bytes_new (sqlite3_column_blob (stmt, 9), sqlite3_column_bytes (stmt, 9));
  if (out_model != NULL)
    *out_model = model_from_row (stmt);
  return blob;
}

gboolean
bz_store_activate_model (BzStore  *self,
                         gint64    model_id,
                         GError  **error)
{
  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (model_id >= 0, FALSE);

  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE, _("restore a model"), 0, error))
    return FALSE;
  return _bz_store_txn_end (self, activate (self, model_id, error), error);
}
