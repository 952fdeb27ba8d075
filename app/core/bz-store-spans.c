/* bz-store-spans.c: adding, changing and reading spans
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "bz-store-private.h"

/* One change of a stored span: the statement and the values it binds by name. */
typedef struct
{
  BzStmt      stmt;
  const char *what;
  const char *label;
  gint64      start;
  gint64      end;
  const char *status;
  const char *note;
  const char *attributes;
  gboolean    in_bulk;
} SpanChange;

/* Binds by name; a name the statement does not use is skipped. */
static void
bind_text (BzStore      *self,
           sqlite3_stmt *stmt,
           const char   *name,
           const char   *value,
           int           length)
{
  _bz_store_bind_text (self, stmt, _bz_store_param (stmt, name), value, length);
}

static void
bind_int64 (BzStore      *self,
            sqlite3_stmt *stmt,
            const char   *name,
            gint64        value)
{
  _bz_store_bind_int64 (self, stmt, _bz_store_param (stmt, name), value);
}

static void
bind_double (BzStore      *self,
             sqlite3_stmt *stmt,
             const char   *name,
             double        value)
{
  _bz_store_bind_double (self, stmt, _bz_store_param (stmt, name), value);
}

/* ---- Validation ------------------------------------------------------------ */

static gboolean
check_label (BzStore     *self,
             const char  *label,
             const char  *doing,
             GError     **error)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GString) names = NULL;

  if (_bz_store_has_label (self, label))
    return TRUE;

  names = g_string_new (NULL);
  labels = bz_store_list_labels (self, NULL);
  for (guint i = 0; labels != NULL && i < labels->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                            bz_label_get_name (g_ptr_array_index (labels, i)));
  g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
               _("Cannot %s: the label “%s” is not in the schema of the workspace %s (%s)"),
               doing, label, self->path, names->str);
  return FALSE;
}

/* Checks [@start, @end) against the document, which becomes the cached one. */
static gboolean
check_bounds (BzStore     *self,
              gint64       document_id,
              gint64       start,
              gint64       end,
              const char  *doing,
              GError     **error)
{
  if (!_bz_store_cache_document (self, document_id, error))
    return FALSE;

  if (start >= end)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot %s: the span [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") of"
                     " document %" G_GINT64_FORMAT " is empty (its start must lie before its end)"),
                   doing, start, end, document_id);
      return FALSE;
    }
  if (start < 0 || end > self->cache_n_chars)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot %s: the span [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") lies"
                     " outside document %" G_GINT64_FORMAT ", which has %" G_GINT64_FORMAT
                     " characters"),
                   doing, start, end, document_id, self->cache_n_chars);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_attributes (BzStore     *self,
                  const char  *attributes,
                  const char  *doing,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (attributes == NULL)
    return TRUE;

  /* One parser serves every span of a bulk add. */
  if (self->json_parser == NULL)
    self->json_parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (self->json_parser, attributes, -1, &local_error))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot %s: the attributes are not valid JSON (%s)"),
                   doing, local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (self->json_parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot %s: the attributes must be a JSON object"), doing);
      return FALSE;
    }
  return TRUE;
}

/* Binds the surface [@start, @end) of the cached document to :surface, without
 * copying, and returns it as a new string when @out_surface is given. */
static void
bind_surface (BzStore       *self,
              sqlite3_stmt  *stmt,
              gint64         start,
              gint64         end,
              char         **out_surface)
{
  const char *p = self->cache_text + self->cache_offsets[start];
  int length = (int) (self->cache_offsets[end] - self->cache_offsets[start]);

  bind_text (self, stmt, ":surface", p, length);
  if (out_surface != NULL)
    *out_surface = g_strndup (p, length);
}

/* ---- Adding ---------------------------------------------------------------- */

static gint64
find_span (BzStore     *self,
           gint64       document_id,
           BzSpan      *span,
           GError     **error)
{
  g_autoptr(BzResetStmt) stmt = _bz_store_stmt (self, BZ_STMT_SPAN_FIND, error);

  if (stmt == NULL)
    return 0;
  _bz_store_bind_int64 (self, stmt, 1, document_id);
  _bz_store_bind_int64 (self, stmt, 2, bz_span_get_start (span));
  _bz_store_bind_int64 (self, stmt, 3, bz_span_get_end (span));
  _bz_store_bind_text (self, stmt, 4, bz_span_get_label (span), -1);
  if (_bz_store_step_row (self, stmt, error) != 1)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                     "A span conflicting with [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")"
                     " in %s could not be found", bz_span_get_start (span),
                     bz_span_get_end (span), self->path);
      return 0;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* Inserts @span, or finds its identical twin; returns its id and whether it is new. */
static gint64
insert_span (BzStore   *self,
             gint64     document_id,
             BzSpan    *span,
             char     **out_surface,
             gboolean  *out_inserted,
             GError   **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  BzSpanStatus status = bz_span_get_status (span);
  const char *origin = bz_span_get_origin (span);
  const char *reviewer = bz_span_get_reviewer (span);
  gint64 now = _bz_store_now ();
  gint64 created = bz_span_get_created (span);
  gint64 updated = bz_span_get_updated (span);

  if (origin == NULL)
    origin = "human";
  /* A span carries who decided on it; an undecided suggestion carries nobody. */
  if (reviewer == NULL && (status != BZ_SPAN_SUGGESTED || g_str_equal (origin, "human")))
    reviewer = self->reviewer;

  if (!(stmt = _bz_store_stmt (self, BZ_STMT_SPAN_INSERT, error)))
    return 0;
  bind_int64 (self, stmt, ":document", document_id);
  bind_int64 (self, stmt, ":start", bz_span_get_start (span));
  bind_int64 (self, stmt, ":end", bz_span_get_end (span));
  bind_text (self, stmt, ":label", bz_span_get_label (span), -1);
  bind_surface (self, stmt, bz_span_get_start (span), bz_span_get_end (span), out_surface);
  bind_text (self, stmt, ":status", bz_span_status_to_string (status), -1);
  bind_text (self, stmt, ":origin", origin, -1);
  bind_text (self, stmt, ":reviewer", reviewer, -1);
  bind_text (self, stmt, ":attributes", bz_span_get_attributes (span), -1);
  bind_text (self, stmt, ":note", bz_span_get_note (span), -1);
  bind_int64 (self, stmt, ":created", created > 0 ? created : now);
  bind_int64 (self, stmt, ":updated", updated > 0 ? updated : now);
  /* Six decimals: history's JSON (15 digits) then gives back the same number. */
  if (bz_span_has_confidence (span))
    bind_double (self, stmt, ":confidence", round (bz_span_get_confidence (span) * 1e6) / 1e6);
  bind_text (self, stmt, ":source", bz_span_get_source (span), -1);
  if (!_bz_store_step_done (self, stmt, error))
    return 0;

  *out_inserted = sqlite3_changes (self->db) == 1;
  if (*out_inserted)
    return sqlite3_last_insert_rowid (self->db);
  return find_span (self, document_id, span, error);
}

gint64
bz_store_add_span (BzStore  *self,
                   gint64    document_id,
                   BzSpan   *span,
                   GError  **error)
{
  g_autofree char *surface = NULL;
  const char *doing = _("add a span");
  gboolean inserted = FALSE;
  gint64 span_id;

  g_return_val_if_fail (BZ_IS_STORE (self), 0);
  g_return_val_if_fail (BZ_IS_SPAN (span), 0);

  if (!check_label (self, bz_span_get_label (span), doing, error)
      || !check_bounds (self, document_id, bz_span_get_start (span), bz_span_get_end (span),
                        doing, error)
      || !check_attributes (self, bz_span_get_attributes (span), doing, error))
    return 0;

  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE, doing, 0, error))
    return 0;
  /* A reviewer's first span of a document comes beside the suggestions. */
  if (!_bz_store_seed_layer (self, document_id, error))
    {
      _bz_store_txn_end (self, FALSE, NULL);
      return 0;
    }
  span_id = insert_span (self, document_id, span, &surface, &inserted, error);
  /* Adding a suggestion decides nothing; adding an accepted or rejected span does. */
  if (span_id > 0 && inserted
      && (!_bz_store_record (self, "add", span_id, document_id, NULL, error)
          || (bz_span_get_status (span) != BZ_SPAN_SUGGESTED
              && !_bz_store_note_decision (self, document_id, error))))
    span_id = 0;
  if (!_bz_store_txn_end (self, span_id > 0, error))
    return 0;

  bz_span_set_id (span, span_id);
  bz_span_set_document_id (span, document_id);
  bz_span_set_surface (span, surface);
  return span_id;
}

/* ---- Changing ------------------------------------------------------------- */

static gboolean
apply_change (BzStore     *self,
              gint64       span_id,
              SpanChange  *change,
              GError     **error)
{
  g_autofree char *before = NULL;
  gint64 document_id = 0;
  gboolean changed;

  before = _bz_store_span_snapshot (self, span_id, &document_id, error);
  if (before == NULL)
    return FALSE;
  if (change->stmt == BZ_STMT_SPAN_SET_BOUNDS
      && !check_bounds (self, document_id, change->start, change->end, change->what, error))
    return FALSE;

  {
    g_autoptr(BzResetStmt) stmt = _bz_store_stmt (self, change->stmt, error);

    if (stmt == NULL)
      return FALSE;
    bind_int64 (self, stmt, ":id", span_id);
    bind_text (self, stmt, ":label", change->label, -1);
    bind_int64 (self, stmt, ":start", change->start);
    bind_int64 (self, stmt, ":end", change->end);
    if (change->stmt == BZ_STMT_SPAN_SET_BOUNDS)
      bind_surface (self, stmt, change->start, change->end, NULL);
    bind_text (self, stmt, ":status", change->status, -1);
    bind_text (self, stmt, ":note", change->note, -1);
    bind_text (self, stmt, ":attributes", change->attributes, -1);
    bind_text (self, stmt, ":reviewer", self->reviewer, -1);
    bind_int64 (self, stmt, ":updated", _bz_store_now ());
    bind_int64 (self, stmt, ":bulk", change->in_bulk ? 1 : 0);
    if (!_bz_store_step_done (self, stmt, error))
      return FALSE;
    changed = sqlite3_changes (self->db) > 0;
  }

  /* Setting what is already there changes nothing and leaves nothing to undo. */
  return !changed
         || (_bz_store_record (self, "update", span_id, document_id, before, error)
             && _bz_store_note_decision (self, document_id, error));
}

static gboolean
change_span (BzStore     *self,
             gint64       span_id,
             SpanChange  *change,
             GError     **error)
{
  gboolean ok;

  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE, change->what, 0, error))
    return FALSE;
  ok = apply_change (self, span_id, change, error);
  return _bz_store_txn_end (self, ok, error);
}

gboolean
bz_store_set_span_label (BzStore     *self,
                         gint64       span_id,
                         const char  *label,
                         GError     **error)
{
  SpanChange change = { .stmt = BZ_STMT_SPAN_SET_LABEL, .what = _("change a span’s label"),
                        .label = label };

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  if (!check_label (self, label, change.what, error))
    return FALSE;
  return change_span (self, span_id, &change, error);
}

gboolean
bz_store_set_span_bounds (BzStore  *self,
                          gint64    span_id,
                          gint64    start,
                          gint64    end,
                          GError  **error)
{
  SpanChange change = { .stmt = BZ_STMT_SPAN_SET_BOUNDS, .what = _("move a span"),
                        .start = start, .end = end };

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);

  return change_span (self, span_id, &change, error);
}

static void
status_change_init (SpanChange   *change,
                    BzSpanStatus  status)
{
  *change = (SpanChange) { .stmt = BZ_STMT_SPAN_SET_STATUS,
                           .status = bz_span_status_to_string (status) };
  change->what = status == BZ_SPAN_ACCEPTED ? _("accept a span")
                 : status == BZ_SPAN_REJECTED ? _("reject a span")
                 : _("reset a span to suggested");
}

gboolean
bz_store_set_span_status (BzStore       *self,
                          gint64         span_id,
                          BzSpanStatus   status,
                          GError       **error)
{
  SpanChange change;

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (status <= BZ_SPAN_REJECTED, FALSE);

  status_change_init (&change, status);
  return change_span (self, span_id, &change, error);
}

gboolean
_bz_store_apply_span_status (BzStore       *self,
                             gint64         span_id,
                             BzSpanStatus   status,
                             gboolean       in_bulk,
                             GError       **error)
{
  SpanChange change;

  g_assert (self->in_transaction);

  status_change_init (&change, status);
  change.in_bulk = in_bulk;
  return apply_change (self, span_id, &change, error);
}

gboolean
bz_store_set_span_note (BzStore     *self,
                        gint64       span_id,
                        const char  *note,
                        GError     **error)
{
  SpanChange change = { .stmt = BZ_STMT_SPAN_SET_NOTE, .what = _("write a note on a span"),
                        .note = note != NULL && *note != '\0' ? note : NULL };

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);

  return change_span (self, span_id, &change, error);
}

/**
 * bz_store_set_span_attributes:
 * @self: a #BzStore
 * @span_id: the span
 * @attributes_json: (nullable): a JSON object, or %NULL to remove the attributes
 * @error: a #GError
 *
 * Replaces the span's attributes; anything but a JSON object is refused with
 * %BZ_STORE_ERROR_INVALID.
 *
 * Returns: %TRUE when stored
 */
gboolean
bz_store_set_span_attributes (BzStore     *self,
                              gint64       span_id,
                              const char  *attributes_json,
                              GError     **error)
{
  SpanChange change = { .stmt = BZ_STMT_SPAN_SET_ATTRIBUTES,
                        .what = _("set a span’s attributes"), .attributes = attributes_json };

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);

  if (!check_attributes (self, attributes_json, change.what, error))
    return FALSE;
  return change_span (self, span_id, &change, error);
}

/* The span's relations are deleted with it, in the same action. */
static gboolean
delete_span (BzStore  *self,
             gint64    span_id,
             GError  **error)
{
  g_autofree char *before = NULL;
  gint64 document_id = 0;

  before = _bz_store_span_snapshot (self, span_id, &document_id, error);
  return before != NULL
         && _bz_store_remove_entity (self, BZ_ENTITY_SPAN, span_id, document_id, error)
         && _bz_store_note_decision (self, document_id, error);
}

gboolean
bz_store_delete_span (BzStore  *self,
                      gint64    span_id,
                      GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);

  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE, _("delete a span"), 0, error))
    return FALSE;
  ok = delete_span (self, span_id, error);
  return _bz_store_txn_end (self, ok, error);
}

/* ---- Reading ---------------------------------------------------------------- */

BzSpan *
_bz_store_span_from_row (sqlite3_stmt *stmt)
{
  BzSpanStatus status = BZ_SPAN_SUGGESTED;
  BzSpan *span;

  bz_span_status_from_string ((const char *) sqlite3_column_text (stmt, 6), &status);
  span = bz_span_new (sqlite3_column_int64 (stmt, 2),
                      sqlite3_column_int64 (stmt, 3),
                      (const char *) sqlite3_column_text (stmt, 4),
                      status,
                      (const char *) sqlite3_column_text (stmt, 7));
  bz_span_set_id (span, sqlite3_column_int64 (stmt, 0));
  bz_span_set_document_id (span, sqlite3_column_int64 (stmt, 1));
  bz_span_set_surface (span, (const char *) sqlite3_column_text (stmt, 5));
  bz_span_set_reviewer (span, (const char *) sqlite3_column_text (stmt, 8));
  bz_span_set_attributes (span, (const char *) sqlite3_column_text (stmt, 9));
  bz_span_set_note (span, (const char *) sqlite3_column_text (stmt, 10));
  bz_span_set_times (span, sqlite3_column_int64 (stmt, 11), sqlite3_column_int64 (stmt, 12));
  if (sqlite3_column_type (stmt, 13) != SQLITE_NULL)
    bz_span_set_confidence (span, sqlite3_column_double (stmt, 13));
  bz_span_set_source (span, (const char *) sqlite3_column_text (stmt, 14));
  bz_span_set_accepted_in_bulk (span, sqlite3_column_int (stmt, 15) != 0);
  return span;
}

BzSpan *
bz_store_get_span (BzStore  *self,
                   gint64    span_id,
                   GError  **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  if (!(stmt = _bz_store_stmt (self, BZ_STMT_SPAN_GET, error)))
    return NULL;
  _bz_store_bind_int64 (self, stmt, 1, span_id);
  row = _bz_store_step_row (self, stmt, error);
  if (row == 0)
    g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND,
                 _("The workspace %s has no span %" G_GINT64_FORMAT), self->path, span_id);
  if (row != 1)
    return NULL;
  return _bz_store_span_from_row (stmt);
}

GPtrArray *
bz_store_list_spans (BzStore  *self,
                     gint64    document_id,
                     GError  **error)
{
  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  if (!_bz_store_seed_layer (self, document_id, error))
    return NULL;
  return bz_store_list_layer_spans (self, document_id, _bz_store_layer (self), error);
}

/**
 * bz_store_count_spans:
 * @self: a #BzStore
 * @document_id: a document
 * @error: a #GError
 *
 * Returns: how many spans the document has (any status), or -1 with @error set
 */
gint64
bz_store_count_spans (BzStore  *self,
                      gint64    document_id,
                      GError  **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;

  g_return_val_if_fail (BZ_IS_STORE (self), -1);

  if (!_bz_store_seed_layer (self, document_id, error)
      || !(stmt = _bz_store_stmt (self, BZ_STMT_SPAN_COUNT, error)))
    return -1;
  _bz_store_bind_int64 (self, stmt, 1, document_id);
  if (_bz_store_step_row (self, stmt, error) != 1)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}
