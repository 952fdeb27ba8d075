/* bz-store-confidence.c: suggestions by confidence: bulk acceptance, the least sure first
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bz-store-private.h"

gboolean
bz_store_add_decision_counts (BzStore        *self,
                              BzCalibration  *calibration,
                              GError        **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (calibration != NULL, FALSE);

  if (!(stmt = _bz_store_stmt (self, BZ_STMT_SPAN_DECISIONS_BY_SOURCE, error)))
    return FALSE;
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    {
      const char *source = (const char *) sqlite3_column_text (stmt, 0);
      const char *label = (const char *) sqlite3_column_text (stmt, 1);
      gint64 right = sqlite3_column_int64 (stmt, 2);
      gint64 seen = sqlite3_column_int64 (stmt, 3);

      /* A source key with the table's separator cannot come from the
       * extractor: such a row was written by hand and is not counted. */
      if (source == NULL || label == NULL || strchr (source, '\x1f') != NULL
          || right < 0 || right > seen || seen > G_MAXUINT)
        continue;
      bz_calibration_add (calibration, source, label, (guint) right, (guint) seen);
    }
  return row == 0;
}

gboolean
bz_store_pick_threshold (BzStore              *self,
                         const BzCalibration  *calibration,
                         double                target,
                         double               *out_threshold,
                         double               *out_precision,
                         GError              **error)
{
  g_autoptr(BzCalibration) counts = NULL;

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (target > 0.0 && target <= 1.0, FALSE);
  g_return_val_if_fail (out_threshold != NULL, FALSE);

  counts = calibration != NULL ? bz_calibration_copy (calibration) : bz_calibration_load_default ();
  if (!bz_store_add_decision_counts (self, counts, error))
    return FALSE;
  bz_calibration_pick_threshold (counts, target, out_threshold, out_precision);
  return TRUE;
}

/* The statement of a document's spans, or of the workspace's for 0, bound. */
static sqlite3_stmt *
confident_stmt (BzStore  *self,
                BzStmt    of_document,
                BzStmt    of_all,
                gint64    document_id,
                double    threshold,
                GError  **error)
{
  sqlite3_stmt *stmt;

  if (!_bz_store_seed_layer (self, document_id, error)
      || !(stmt = _bz_store_stmt (self, document_id != 0 ? of_document : of_all, error)))
    return NULL;
  _bz_store_bind_int64 (self, stmt, 1, document_id);
  _bz_store_bind_double (self, stmt, 2, threshold);
  return stmt;
}

gint64
bz_store_count_bulk_accept (BzStore      *self,
                            gint64        document_id,
                            double        threshold,
                            GHashTable  **out_per_label,
                            GError      **error)
{
  g_autoptr(GHashTable) per_label = NULL;
  g_autoptr(BzResetStmt) stmt = NULL;
  gint64 total = 0;
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), -1);
  g_return_val_if_fail (document_id >= 0, -1);

  if (out_per_label != NULL)
    *out_per_label = NULL;
  stmt = confident_stmt (self, BZ_STMT_SPAN_CONFIDENT_COUNT, BZ_STMT_SPAN_CONFIDENT_COUNT_ALL,
                         document_id, threshold, error);
  if (stmt == NULL)
    return -1;
  per_label = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    {
      gint64 n = sqlite3_column_int64 (stmt, 1);

      g_hash_table_insert (per_label, _bz_store_column_dup (stmt, 0), GUINT_TO_POINTER ((guint) n));
      total += n;
    }
  if (row < 0)
    return -1;
  if (out_per_label != NULL)
    *out_per_label = g_steal_pointer (&per_label);
  return total;
}

gboolean
bz_store_bulk_accept (BzStore   *self,
                      gint64     document_id,
                      double     threshold,
                      guint     *out_n_accepted,
                      GError   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok = TRUE;
  int row = 0;

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (document_id >= 0, FALSE);

  if (out_n_accepted != NULL)
    *out_n_accepted = 0;
  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE, _("accept the suggestions at or above a confidence"),
                            0, error))
    return FALSE;

  /* The ids are read inside the transaction, so that they are what it changes. */
  {
    g_autoptr(BzResetStmt) stmt = confident_stmt (self, BZ_STMT_SPAN_CONFIDENT_IDS,
                                                  BZ_STMT_SPAN_CONFIDENT_IDS_ALL,
                                                  document_id, threshold, error);

    if (stmt == NULL)
      ok = FALSE;
    while (ok && (row = _bz_store_step_row (self, stmt, error)) == 1)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (ids, id);
      }
    if (ok && row < 0)
      ok = FALSE;
  }
  for (guint i = 0; ok && i < ids->len; i++)
    ok = _bz_store_apply_span_status (self, g_array_index (ids, gint64, i), BZ_SPAN_ACCEPTED, TRUE, error);
  if (!_bz_store_txn_end (self, ok, error))
    return FALSE;
  if (out_n_accepted != NULL)
    *out_n_accepted = ids->len;
  return TRUE;
}

gint64
bz_store_count_uncertain (BzStore  *self,
                          gint64    document_id,
                          double    threshold,
                          GError  **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;

  g_return_val_if_fail (BZ_IS_STORE (self), -1);

  stmt = confident_stmt (self, BZ_STMT_SPAN_UNCERTAIN_COUNT, BZ_STMT_SPAN_UNCERTAIN_COUNT,
                         document_id, threshold, error);
  if (stmt == NULL || _bz_store_step_row (self, stmt, error) != 1)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

GHashTable *
bz_store_count_uncertain_by_document (BzStore  *self,
                                      double    threshold,
                                      GError  **error)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  stmt = confident_stmt (self, BZ_STMT_SPAN_UNCERTAIN_BY_DOCUMENT, BZ_STMT_SPAN_UNCERTAIN_BY_DOCUMENT,
                         0, threshold, error);
  if (stmt == NULL)
    return NULL;
  counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (counts, id, GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
    }
  if (row < 0)
    return NULL;
  return g_steal_pointer (&counts);
}

GPtrArray *
bz_store_list_least_sure (BzStore  *self,
                          gint64    document_id,
                          GError  **error)
{
  GPtrArray *spans;

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  if (!(spans = bz_store_list_spans (self, document_id, error)))
    return NULL;
  for (guint i = spans->len; i > 0; i--)
    if (bz_span_get_status (g_ptr_array_index (spans, i - 1)) != BZ_SPAN_SUGGESTED)
      g_ptr_array_remove_index (spans, i - 1);
  g_ptr_array_sort (spans, bz_span_compare_sureness);
  return spans;
}
