/* bz-store-documents.c: documents, their quality warnings and offset maps
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bz-document-private.h"
#include "bz-store-private.h"
#include "bz-text-private.h"

static char *
text_sha256 (const char *text)
{
  return _bz_sha256_hex (text, strlen (text));
}

static gboolean
check_canonical (BzStore          *self,
                 const char       *title,
                 BzCanonicalText  *canonical,
                 gint64            n_chars,
                 GError          **error)
{
  if (canonical->offset_map != NULL
      && (gint64) canonical->offset_map->len != n_chars + 1)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot add “%s” to the workspace %s: its offset map has %u entries"
                     " for %lld characters"),
                   title, self->path, canonical->offset_map->len, (long long) n_chars);
      return FALSE;
    }

  for (guint i = 0; canonical->warnings != NULL && i < canonical->warnings->len; i++)
    {
      const BzQualityWarning *w = &g_array_index (canonical->warnings, BzQualityWarning, i);

      if (w->start < 0 || w->start > w->end || w->end > n_chars
          || w->kind == NULL || w->message == NULL)
        {
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                       _("Cannot add “%s” to the workspace %s: quality warning %u"
                         " [%lld, %lld) lies outside the text of %lld characters or lacks a kind"
                         " or message"),
                       title, self->path, i, (long long) w->start, (long long) w->end,
                       (long long) n_chars);
          return FALSE;
        }
    }

  return TRUE;
}

static gint64
find_existing (BzStore     *self,
               const char  *sha256,
               const char  *text_hash,
               GError     **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  if (!(stmt = _bz_store_stmt (self, BZ_STMT_DOC_FIND, error)))
    return -1;
  _bz_store_bind_text (self, stmt, 1, sha256, -1);
  _bz_store_bind_text (self, stmt, 2, text_hash, -1);
  row = _bz_store_step_row (self, stmt, error);
  if (row < 0)
    return -1;
  return row == 1 ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
insert_warnings (BzStore  *self,
                 gint64    document_id,
                 GArray   *warnings,
                 GError  **error)
{
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      const BzQualityWarning *w = &g_array_index (warnings, BzQualityWarning, i);
      g_autoptr(BzResetStmt) stmt = NULL;

      if (!(stmt = _bz_store_stmt (self, BZ_STMT_WARNING_INSERT, error)))
        return FALSE;
      _bz_store_bind_int64 (self, stmt, 1, document_id);
      _bz_store_bind_int64 (self, stmt, 2, w->start);
      _bz_store_bind_int64 (self, stmt, 3, w->end);
      _bz_store_bind_text (self, stmt, 4, w->kind, -1);
      _bz_store_bind_text (self, stmt, 5, w->message, -1);
      if (!_bz_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
insert_document (BzStore          *self,
                 const char       *title,
                 const char       *source_path,
                 BzCanonicalText  *canonical,
                 const char       *sha256,
                 const char       *text_hash,
                 gint64            n_chars,
                 GError          **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  g_autofree gint64 *map = NULL;
  gint64 document_id;

  if (!(stmt = _bz_store_stmt (self, BZ_STMT_DOC_INSERT, error)))
    return 0;
  _bz_store_bind_text (self, stmt, 1, title, -1);
  _bz_store_bind_text (self, stmt, 2, source_path, -1);
  _bz_store_bind_text (self, stmt, 3, sha256, -1);
  _bz_store_bind_text (self, stmt, 4, canonical->encoding != NULL ? canonical->encoding : "UTF-8",
                     -1);
  _bz_store_bind_text (self, stmt, 5, bz_script_to_string (canonical->script), -1);
  _bz_store_bind_text (self, stmt, 6, canonical->text, -1);
  _bz_store_bind_text (self, stmt, 7, text_hash, -1);
  _bz_store_bind_int64 (self, stmt, 8, n_chars);
  if (canonical->offset_map != NULL)
    {
      /* Stored as little-endian int64 whatever the machine. */
      map = g_new (gint64, canonical->offset_map->len);
      for (guint i = 0; i < canonical->offset_map->len; i++)
        map[i] = GINT64_TO_LE (g_array_index (canonical->offset_map, gint64, i));
      _bz_store_bind_blob64 (self, stmt, 9, map, canonical->offset_map->len * sizeof (gint64));
    }
  _bz_store_bind_int64 (self, stmt, 10, _bz_store_now ());
  if (!_bz_store_step_done (self, stmt, error))
    return 0;
  document_id = sqlite3_last_insert_rowid (self->db);

  if (!insert_warnings (self, document_id, canonical->warnings, error))
    return 0;
  return document_id;
}

gint64
bz_store_add_document (BzStore          *self,
                       const char       *title,
                       const char       *source_path,
                       BzCanonicalText  *canonical,
                       gboolean         *out_existing,
                       GError          **error)
{
  g_autofree char *text_hash = NULL;
  g_autofree char *text_bytes_hash = NULL;
  const char *sha256;
  gint64 n_chars;
  gint64 document_id;

  g_return_val_if_fail (BZ_IS_STORE (self), 0);
  g_return_val_if_fail (title != NULL, 0);
  g_return_val_if_fail (canonical != NULL && canonical->text != NULL, 0);

  if (out_existing != NULL)
    *out_existing = FALSE;

  if (!g_utf8_validate (canonical->text, -1, NULL))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot add “%s” to the workspace %s: its text is not valid UTF-8"),
                   title, self->path);
      return 0;
    }
  n_chars = g_utf8_strlen (canonical->text, -1);
  if (!check_canonical (self, title, canonical, n_chars, error))
    return 0;

  text_hash = text_sha256 (canonical->text);
  /* A document made from annotations rather than a file has no original bytes:
   * its text stands for them. */
  sha256 = canonical->sha256;
  if (sha256 == NULL)
    sha256 = text_bytes_hash = g_strdup (text_hash);

  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE, title, 0, error))
    return 0;

  document_id = find_existing (self, sha256, text_hash, error);
  if (document_id > 0)
    {
      if (out_existing != NULL)
        *out_existing = TRUE;
    }
  else if (document_id == 0)
    {
      document_id = insert_document (self, title, source_path, canonical, sha256, text_hash,
                                     n_chars, error);
      if (document_id > 0)
        self->documents_changed = TRUE;
    }

  if (!_bz_store_txn_end (self, document_id > 0, error))
    return 0;
  return document_id;
}

static BzDocument *
document_from_row (BzStore      *self,
                   sqlite3_stmt *stmt)
{
  BzDocument *document;

  document = _bz_document_new (sqlite3_column_int64 (stmt, 0),
                               (const char *) sqlite3_column_text (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 2),
                               (const char *) sqlite3_column_text (stmt, 3),
                               (const char *) sqlite3_column_text (stmt, 4),
                               bz_script_from_string ((const char *) sqlite3_column_text (stmt, 5)),
                               (const char *) sqlite3_column_text (stmt, 13),
                               sqlite3_column_int64 (stmt, 6),
                               bz_document_status_from_string ((const char *) sqlite3_column_text (stmt, 7)),
                               sqlite3_column_int64 (stmt, 8),
                               (const char *) sqlite3_column_text (stmt, 12));
  _bz_document_set_counts (document,
                           sqlite3_column_int (stmt, 9),
                           sqlite3_column_int (stmt, 10),
                           sqlite3_column_int (stmt, 11));
  _bz_document_set_store (document, self);
  return document;
}

static void
set_document_not_found (BzStore  *self,
                        gint64    document_id,
                        GError  **error)
{
  g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND,
               _("The workspace %s has no document %lld"), self->path, (long long) document_id);
}

/* Runs @which with the document's id as ?1. Returns: (transfer none) (nullable):
 * the statement on the document's row, to be reset by the caller, or %NULL
 * with @error set (%BZ_STORE_ERROR_NOT_FOUND when there is no such document) */
static sqlite3_stmt *
select_document (BzStore  *self,
                 BzStmt    which,
                 gint64    document_id,
                 GError  **error)
{
  sqlite3_stmt *stmt = _bz_store_stmt (self, which, error);
  int row;

  if (stmt == NULL)
    return NULL;
  _bz_store_bind_int64 (self, stmt, 1, document_id);
  row = _bz_store_step_row (self, stmt, error);
  if (row == 0)
    set_document_not_found (self, document_id, error);
  if (row != 1)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  return stmt;
}

/* The document @which (BZ_STMT_DOC_GET, with its text, or BZ_STMT_DOC_INFO) selects. */
static BzDocument *
get_document (BzStore  *self,
              BzStmt    which,
              gint64    document_id,
              GError  **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;

  /* The counts of a reviewer's layer include the suggestions it takes. */
  if (!_bz_store_seed_layer (self, document_id, error)
      || !(stmt = select_document (self, which, document_id, error)))
    return NULL;
  return document_from_row (self, stmt);
}

BzDocument *
bz_store_get_document (BzStore  *self,
                       gint64    document_id,
                       GError  **error)
{
  g_return_val_if_fail (BZ_IS_STORE (self), NULL);
  return get_document (self, BZ_STMT_DOC_GET, document_id, error);
}

BzDocument *
bz_store_get_document_info (BzStore  *self,
                            gint64    document_id,
                            GError  **error)
{
  g_return_val_if_fail (BZ_IS_STORE (self), NULL);
  return get_document (self, BZ_STMT_DOC_INFO, document_id, error);
}

GPtrArray *
bz_store_list_documents (BzStore  *self,
                         GError  **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  if (!_bz_store_seed_layer (self, 0, error)
      || !(stmt = _bz_store_stmt (self, BZ_STMT_DOC_LIST, error)))
    return NULL;
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    g_ptr_array_add (documents, document_from_row (self, stmt));
  if (row < 0)
    return NULL;
  return g_steal_pointer (&documents);
}

gint64
bz_store_find_document_by_text (BzStore     *self,
                                const char  *text,
                                GError     **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  g_autofree char *hash = NULL;
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  hash = text_sha256 (text);
  if (!(stmt = _bz_store_stmt (self, BZ_STMT_DOC_FIND_TEXT, error)))
    return 0;
  _bz_store_bind_text (self, stmt, 1, hash, -1);
  row = _bz_store_step_row (self, stmt, error);
  return row == 1 ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
set_document_column (BzStore     *self,
                     gint64       document_id,
                     BzStmt       which,
                     const char  *value,
                     GError     **error)
{
  g_autoptr(BzResetStmt) stmt = _bz_store_stmt (self, which, error);

  if (stmt == NULL)
    return FALSE;
  _bz_store_bind_int64 (self, stmt, 1, document_id);
  _bz_store_bind_text (self, stmt, 2, value, -1);
  return _bz_store_step_done (self, stmt, error);
}

/* Sets a column of the document with @which (?1 the id, ?2 the value) and
 * records the change in the open transaction; setting what is there already
 * records nothing. */
static gboolean
update_document (BzStore     *self,
                 gint64       document_id,
                 BzStmt       which,
                 const char  *value,
                 GError     **error)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!(before = _bz_store_entity_snapshot (self, BZ_ENTITY_DOCUMENT, document_id, NULL, error)))
    return FALSE;

  if (!set_document_column (self, document_id, which, value, error))
    return FALSE;
  /* A status is the store's layer's: the shared one's is the document's
   * column, another layer's its row of layer_status (each statement changes
   * nothing in the other case). */
  if (which == BZ_STMT_DOC_SET_STATUS
      && !set_document_column (self, document_id, BZ_STMT_DOC_SET_LAYER_STATUS, value, error))
    return FALSE;

  if (!(after = _bz_store_entity_snapshot (self, BZ_ENTITY_DOCUMENT, document_id, NULL, error)))
    return FALSE;
  if (g_str_equal (after, before))
    return TRUE;
  return _bz_store_record_entity (self, BZ_ENTITY_DOCUMENT, "update", document_id, document_id,
                                  before, error);
}

gboolean
_bz_store_note_decision (BzStore  *self,
                         gint64    document_id,
                         GError  **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  gboolean is_new;
  int row;

  /* Imports, extractor runs, undo and redo decide nothing; a status set on
   * purpose is left as it is set. */
  if (self->action_kind != BZ_ACTION_CHANGE || !self->action_undoable || self->setting_status
      || document_id == self->decided_document)
    return TRUE;

  if (!(stmt = _bz_store_stmt (self, BZ_STMT_DOC_STATUS, error)))
    return FALSE;
  _bz_store_bind_int64 (self, stmt, 1, document_id);
  row = _bz_store_step_row (self, stmt, error);
  if (row < 0)
    return FALSE;
  is_new = row == 1 && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0),
                                  bz_document_status_to_string (BZ_DOCUMENT_NEW)) == 0;
  g_clear_pointer (&stmt, bz_reset_stmt);
  self->decided_document = document_id;

  return !is_new || update_document (self, document_id, BZ_STMT_DOC_SET_STATUS,
                                     bz_document_status_to_string (BZ_DOCUMENT_IN_PROGRESS), error);
}

static gboolean
apply_status (BzStore           *self,
              gint64             document_id,
              BzDocumentStatus   status,
              gboolean           reject_undecided,
              guint             *out_n_rejected,
              GError           **error)
{
  g_autoptr(BzDocument) document = NULL;
  g_autoptr(GArray) undecided = NULL;

  if (status == BZ_DOCUMENT_REVIEWED)
    {
      if (!_bz_store_seed_layer (self, document_id, error)
          || !(undecided = _bz_store_list_ids (self, BZ_STMT_DOC_UNDECIDED, document_id, error)))
        return FALSE;
      if (undecided->len > 0 && !reject_undecided)
        {
          g_autoptr(GError) local_error = NULL;

          document = bz_store_get_document (self, document_id, &local_error);
          if (document == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_UNDECIDED,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%s still has %u undecided suggestion: decide it, or reject"
                                    " the undecided ones, before the report is marked reviewed",
                                    "%s still has %u undecided suggestions: decide them, or reject"
                                    " the undecided ones, before the report is marked reviewed",
                                    undecided->len),
                       bz_document_get_title (document), undecided->len);
          return FALSE;
        }
      for (guint i = 0; i < undecided->len; i++)
        if (!_bz_store_apply_span_status (self, g_array_index (undecided, gint64, i), BZ_SPAN_REJECTED,
                                          FALSE, error))
          return FALSE;
      if (out_n_rejected != NULL)
        *out_n_rejected = undecided->len;
    }

  return update_document (self, document_id, BZ_STMT_DOC_SET_STATUS,
                          bz_document_status_to_string (status), error);
}

/* Sets the status on purpose: the rejections of marking reviewed do not make
 * the document in progress first. */
static gboolean
set_status (BzStore           *self,
            gint64             document_id,
            BzDocumentStatus   status,
            gboolean           reject_undecided,
            guint             *out_n_rejected,
            GError           **error)
{
  gboolean ok;

  self->setting_status = TRUE;
  ok = apply_status (self, document_id, status, reject_undecided, out_n_rejected, error);
  self->setting_status = FALSE;
  return ok;
}

gboolean
bz_store_set_document_status (BzStore           *self,
                              gint64             document_id,
                              BzDocumentStatus   status,
                              GError           **error)
{
  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (status <= BZ_DOCUMENT_REVIEWED, FALSE);

  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE, "document status", 0, error))
    return FALSE;
  return _bz_store_txn_end (self, set_status (self, document_id, status, FALSE, NULL, error), error);
}

gboolean
bz_store_mark_reviewed (BzStore   *self,
                        gint64     document_id,
                        gboolean   reject_undecided,
                        guint     *out_n_rejected,
                        GError   **error)
{
  gboolean ok;

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);

  if (out_n_rejected != NULL)
    *out_n_rejected = 0;
  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE,
                            reject_undecided ? "reject the undecided suggestions and mark reviewed"
                                             : "mark reviewed",
                            0, error))
    return FALSE;
  ok = set_status (self, document_id, BZ_DOCUMENT_REVIEWED, reject_undecided, out_n_rejected, error);
  return _bz_store_txn_end (self, ok, error);
}

/* Sets @value with @which as one action of its own (or of the open group). */
static gboolean
change_document (BzStore     *self,
                 gint64       document_id,
                 BzStmt       which,
                 const char  *value,
                 const char  *description,
                 GError     **error)
{
  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE, description, 0, error))
    return FALSE;
  return _bz_store_txn_end (self, update_document (self, document_id, which, value, error), error);
}

/**
 * bz_store_set_document_title:
 * @self: a #BzStore
 * @document_id: a document
 * @title: the new title
 * @error: a #GError
 *
 * Renames a document as one undoable action (a document change in history).
 * The title is made one line (bz_text_one_line(), no length limit); a title
 * that is empty then, or not UTF-8, is refused with %BZ_STORE_ERROR_INVALID,
 * and so is a document that does not exist (%BZ_STORE_ERROR_NOT_FOUND).
 * Setting the title it has already is no action. Emits
 * #BzStore::documents-changed.
 *
 * Returns: %TRUE when stored
 */
gboolean
bz_store_set_document_title (BzStore     *self,
                             gint64       document_id,
                             const char  *title,
                             GError     **error)
{
  g_autofree char *line = NULL;

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  if (g_utf8_validate (title, -1, NULL))
    line = bz_text_one_line (title, -1, 0);
  if (line == NULL || *line == '\0')
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("A document’s title must be a line of text (UTF-8), not empty"));
      return FALSE;
    }
  return change_document (self, document_id, BZ_STMT_DOC_SET_TITLE, line, _("rename a document"), error);
}

/**
 * bz_store_set_document_note:
 * @self: a #BzStore
 * @document_id: a document
 * @note: (nullable): the note; %NULL, or text of white space only, removes it
 * @error: a #GError
 *
 * Writes, changes or removes the reviewer's note on a document as one
 * undoable action (a document change in history). The note is kept as
 * written, line breaks included; one that is not UTF-8 is refused with
 * %BZ_STORE_ERROR_INVALID. Emits #BzStore::documents-changed.
 *
 * Returns: %TRUE when stored
 */
gboolean
bz_store_set_document_note (BzStore     *self,
                            gint64       document_id,
                            const char  *note,
                            GError     **error)
{
  g_autofree char *line = NULL;

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);

  if (note != NULL && !g_utf8_validate (note, -1, NULL))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID, _("A note must be valid UTF-8"));
      return FALSE;
    }
  if (note != NULL && *(line = bz_text_one_line (note, -1, 1)) == '\0')
    note = NULL;
  return change_document (self, document_id, BZ_STMT_DOC_SET_NOTE, note, _("write a note on a document"),
                          error);
}

GArray *
bz_store_list_warnings (BzStore  *self,
                        gint64    document_id,
                        GError  **error)
{
  g_autoptr(GArray) warnings = g_array_new (FALSE, TRUE, sizeof (BzQualityWarning));
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  g_array_set_clear_func (warnings, (GDestroyNotify) bz_quality_warning_clear);
  if (!(stmt = _bz_store_stmt (self, BZ_STMT_WARNING_LIST, error)))
    return NULL;
  _bz_store_bind_int64 (self, stmt, 1, document_id);
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    {
      BzQualityWarning w = {
        .start = sqlite3_column_int64 (stmt, 0),
        .end = sqlite3_column_int64 (stmt, 1),
        .kind = _bz_store_column_dup (stmt, 2),
        .message = _bz_store_column_dup (stmt, 3),
      };
      g_array_append_val (warnings, w);
    }
  if (row < 0)
    return NULL;
  return g_steal_pointer (&warnings);
}

GArray *
bz_store_get_offset_map (BzStore  *self,
                         gint64    document_id,
                         GError  **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  g_autoptr(GArray) map = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  if (!(stmt = select_document (self, BZ_STMT_DOC_OFFSET_MAP, document_id, error)))
    return NULL;

  if (sqlite3_column_type (stmt, 0) == SQLITE_BLOB)
    {
      const guint8 *blob = sqlite3_column_blob (stmt, 0);
      gsize n = sqlite3_column_bytes (stmt, 0) / sizeof (gint64);

      g_array_set_size (map, n);
      for (gsize i = 0; i < n; i++)
        {
          gint64 value;

          memcpy (&value, blob + i * sizeof value, sizeof value);
          g_array_index (map, gint64, i) = GINT64_FROM_LE (value);
        }
    }
  else
    {
      /* Without original bytes the text is the original: UTF-8 byte offsets. */
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      const char *p = text;

      for (; *p != '\0'; p = g_utf8_next_char (p))
        {
          gint64 offset = p - text;
          g_array_append_val (map, offset);
        }
      {
        gint64 offset = p - text;
        g_array_append_val (map, offset);
      }
    }

  return g_steal_pointer (&map);
}

/* ---- The text cache ------------------------------------------------------- */

char *
_bz_store_load_text (BzStore  *self,
                     gint64    document_id,
                     GError  **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;

  if (!(stmt = select_document (self, BZ_STMT_DOC_TEXT, document_id, error)))
    return NULL;
  return _bz_store_column_dup (stmt, 0);
}

void
_bz_store_clear_cache (BzStore *self)
{
  self->cache_document_id = 0;
  self->cache_n_chars = 0;
  g_clear_pointer (&self->cache_text, g_free);
  g_clear_pointer (&self->cache_offsets, g_free);
}

/* Makes @document_id the cached document: its text and the byte offset of each
 * code point. Documents never change their text, so the cache stays right until
 * a rollback may have removed the document. */
gboolean
_bz_store_cache_document (BzStore  *self,
                          gint64    document_id,
                          GError  **error)
{
  char *text;
  const char *p;
  gint64 n_chars;
  gint64 i = 0;

  if (self->cache_document_id == document_id && self->cache_text != NULL)
    return TRUE;

  text = _bz_store_load_text (self, document_id, error);
  if (text == NULL)
    return FALSE;

  _bz_store_clear_cache (self);
  n_chars = g_utf8_strlen (text, -1);
  self->cache_offsets = g_new (guint32, n_chars + 1);
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    self->cache_offsets[i++] = (guint32) (p - text);
  self->cache_offsets[i] = (guint32) (p - text);
  self->cache_text = text;
  self->cache_n_chars = n_chars;
  self->cache_document_id = document_id;

  return TRUE;
}
