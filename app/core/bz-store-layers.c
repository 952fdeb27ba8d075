/* bz-store-layers.c: review modes, reviewers' layers and assignments
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "bz-store-private.h"

#define REVIEW_MODE_KEY "review_mode"

static const char * const review_mode_names[] = {
  [BZ_REVIEW_SHARED] = "shared",
  [BZ_REVIEW_INDEPENDENT] = "independent",
};

const char *
bz_review_mode_to_string (BzReviewMode mode)
{
  g_return_val_if_fail (mode <= BZ_REVIEW_INDEPENDENT, NULL);

  return review_mode_names[mode];
}

gboolean
bz_review_mode_from_string (const char   *name,
                            BzReviewMode *out_mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (review_mode_names); i++)
    if (g_strcmp0 (name, review_mode_names[i]) == 0)
      {
        *out_mode = i;
        return TRUE;
      }
  return FALSE;
}

/* ---- The store's layer ------------------------------------------------------ */

const char *
_bz_store_layer (BzStore *self)
{
  if (self->layer_override != NULL)
    return self->layer_override;
  if (self->curating)
    return BZ_LAYER_CURATED;
  return self->independent ? self->reviewer : "";
}

void
bz_store_set_curating (BzStore  *self,
                       gboolean  curating)
{
  g_return_if_fail (BZ_IS_STORE (self));
  g_return_if_fail (!self->in_transaction);

  self->curating = !!curating;
}

gboolean
bz_store_get_curating (BzStore *self)
{
  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);

  return self->curating;
}

gboolean
bz_reviewer_name_check (const char  *name,
                        GError     **error)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (*name == '\0' || *name == '@' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("“%s” is not a reviewer’s name (a name is not empty and does not start with @)"),
                   g_utf8_validate (name, -1, NULL) ? name : "?");
      return FALSE;
    }
  return TRUE;
}

char *
_bz_store_override_layer (BzStore    *self,
                          const char *layer)
{
  char *previous = self->layer_override;

  self->layer_override = g_strdup (layer);
  return previous;
}

const char *
bz_store_get_layer (BzStore *self)
{
  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  return _bz_store_layer (self);
}

gboolean
_bz_store_load_review_mode (BzStore  *self,
                            GError  **error)
{
  g_autoptr(BzResetStmt) stmt = _bz_store_stmt (self, BZ_STMT_SETTING_GET, error);
  BzReviewMode mode = BZ_REVIEW_SHARED;
  int row;

  if (stmt == NULL)
    return FALSE;
  _bz_store_bind_text (self, stmt, 1, REVIEW_MODE_KEY, -1);
  row = _bz_store_step_row (self, stmt, error);
  if (row < 0)
    return FALSE;
  /* A value this version does not know (written by a newer one) is refused:
   * reading another layer than the one meant would show the wrong spans. */
  if (row == 1 && !bz_review_mode_from_string ((const char *) sqlite3_column_text (stmt, 0), &mode))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_TOO_NEW,
                   _("The workspace %s has a review mode this version does not know (“%s”)"),
                   self->path, sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  self->independent = mode == BZ_REVIEW_INDEPENDENT;
  return TRUE;
}

BzReviewMode
bz_store_get_review_mode (BzStore *self)
{
  g_return_val_if_fail (BZ_IS_STORE (self), BZ_REVIEW_SHARED);

  return self->independent ? BZ_REVIEW_INDEPENDENT : BZ_REVIEW_SHARED;
}

gboolean
bz_store_set_review_mode (BzStore       *self,
                          BzReviewMode   mode,
                          GError       **error)
{
  gboolean ok, was_independent;

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (mode <= BZ_REVIEW_INDEPENDENT, FALSE);

  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE, _("set the review mode"), 0, error))
    return FALSE;
  {
    g_autoptr(BzResetStmt) stmt = _bz_store_stmt (self, BZ_STMT_SETTING_SET, error);

    ok = stmt != NULL;
    if (ok)
      {
        _bz_store_bind_text (self, stmt, 1, REVIEW_MODE_KEY, -1);
        _bz_store_bind_text (self, stmt, 2, review_mode_names[mode], -1);
        ok = _bz_store_step_done (self, stmt, error);
      }
  }
  /* The documents' counts are the new layer's, and the handlers of the
   * signal the commit emits see the new mode. */
  self->documents_changed = ok;
  was_independent = self->independent;
  if (ok)
    self->independent = mode == BZ_REVIEW_INDEPENDENT;
  if (!_bz_store_txn_end (self, ok, error))
    {
      self->independent = was_independent;
      return FALSE;
    }
  return TRUE;
}

/* Runs @which with the document as ?1 (and the store's layer). */
static gboolean
run_seed_stmt (BzStore  *self,
               BzStmt    which,
               gint64    document_id,
               GError  **error)
{
  g_autoptr(BzResetStmt) stmt = _bz_store_stmt (self, which, error);

  if (stmt == NULL)
    return FALSE;
  _bz_store_bind_int64 (self, stmt, 1, document_id);
  return _bz_store_step_done (self, stmt, error);
}

/* The copies are not the reviewer's changes: they are written without history
 * (the shared layer's history holds the suggestions), so they drop no redo and
 * signal nothing; a decision on a copy is recorded as any other. */
gboolean
_bz_store_seed_layer (BzStore  *self,
                      gint64    document_id,
                      GError  **error)
{
  gboolean ok;

  const char *layer = _bz_store_layer (self);
  gboolean curated = g_str_equal (layer, BZ_LAYER_CURATED);
  BzStmt pending_stmt = curated ? BZ_STMT_CURATION_SEED_PENDING : BZ_STMT_LAYER_SEED_PENDING;
  BzStmt copy_stmt = curated ? BZ_STMT_CURATION_SEED_COPY : BZ_STMT_LAYER_SEED_COPY;
  BzStmt mark_stmt = curated ? BZ_STMT_CURATION_SEED_MARK : BZ_STMT_LAYER_SEED_MARK;

  if (*layer == '\0')
    return TRUE;

  {
    g_autoptr(BzResetStmt) pending = _bz_store_stmt (self, pending_stmt, error);
    int row;

    if (pending == NULL)
      return FALSE;
    _bz_store_bind_int64 (self, pending, 1, document_id);
    row = _bz_store_step_row (self, pending, error);
    if (row <= 0)
      return row == 0;
  }

  /* Inside a change or a group, the copies are part of it. */
  if (self->in_transaction)
    return run_seed_stmt (self, copy_stmt, document_id, error)
           && run_seed_stmt (self, mark_stmt, document_id, error);
  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE,
                            curated ? _("take the reviewers’ spans") : _("take the shared suggestions"),
                            0, error))
    return FALSE;
  ok = run_seed_stmt (self, copy_stmt, document_id, error)
       && run_seed_stmt (self, mark_stmt, document_id, error);
  return _bz_store_txn_end (self, ok, error);
}

/* ---- Reading any layer ------------------------------------------------------ */

GPtrArray *
bz_store_list_layer_spans (BzStore     *self,
                           gint64       document_id,
                           const char  *layer,
                           GError     **error)
{
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);
  g_return_val_if_fail (layer != NULL, NULL);

  if (!(stmt = _bz_store_stmt (self, BZ_STMT_SPAN_LIST, error)))
    return NULL;
  _bz_store_bind_int64 (self, stmt, 1, document_id);
  _bz_store_bind_layer (self, stmt, layer);
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    g_ptr_array_add (spans, _bz_store_span_from_row (stmt));
  if (row < 0)
    return NULL;
  return g_steal_pointer (&spans);
}

/* The names @which (a document's layers, ?1) selects. */
static GPtrArray *
list_layer_names (BzStore  *self,
                  BzStmt    which,
                  gint64    document_id,
                  GError  **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  if (!(stmt = _bz_store_stmt (self, which, error)))
    return NULL;
  _bz_store_bind_int64 (self, stmt, 1, document_id);
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    g_ptr_array_add (names, _bz_store_column_dup (stmt, 0));
  if (row < 0)
    return NULL;
  return g_steal_pointer (&names);
}

GPtrArray *
bz_store_list_layers (BzStore  *self,
                      gint64    document_id,
                      GError  **error)
{
  g_return_val_if_fail (BZ_IS_STORE (self), NULL);
  return list_layer_names (self, BZ_STMT_LAYER_LIST, document_id, error);
}

GPtrArray *
bz_store_list_annotators (BzStore  *self,
                          gint64    document_id,
                          GError  **error)
{
  g_return_val_if_fail (BZ_IS_STORE (self), NULL);
  return list_layer_names (self, BZ_STMT_LAYER_ANNOTATORS, document_id, error);
}

gboolean
bz_store_check_layer (BzStore     *self,
                      const char  *layer,
                      GError     **error)
{
  g_autoptr(BzResetStmt) stmt = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (layer != NULL, FALSE);

  if (*layer == '\0' || g_str_equal (layer, BZ_LAYER_CURATED))
    return TRUE;
  if (!(stmt = _bz_store_stmt (self, BZ_STMT_LAYER_REVIEWERS, error)))
    return FALSE;
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (g_str_equal (name, layer))
        return TRUE;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name);
    }
  if (row < 0)
    return FALSE;
  if (names->len == 0)
    g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND,
                 _("The workspace %s has no layer of the reviewer “%s”: no reviewer has a layer of their own"
                   " (see independent review)"),
                 self->path, layer);
  else
    g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND,
                 _("The workspace %s has no layer of the reviewer “%s”; the reviewers with a layer are %s"),
                 self->path, layer, names->str);
  return FALSE;
}

/* ---- Assignments ------------------------------------------------------------ */

void
bz_assignment_free (BzAssignment *assignment)
{
  if (assignment == NULL)
    return;
  g_free (assignment->reviewer);
  g_free (assignment);
}

static gboolean
check_assignment (BzStore            *self,
                  const char * const *reviewers,
                  double              share,
                  double              overlap,
                  GError            **error)
{
  guint n = reviewers != NULL ? g_strv_length ((char **) reviewers) : 0;

  if (n == 0)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot assign the reports of %s: name at least one reviewer"), self->path);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      const char *name = reviewers[i];

      g_autoptr(GError) local_error = NULL;

      if (!bz_reviewer_name_check (name, &local_error))
        {
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                       _("Cannot assign the reports of %s: %s"), self->path, local_error->message);
          return FALSE;
        }
      for (guint k = 0; k < i; k++)
        if (g_str_equal (reviewers[k], name))
          {
            g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                         _("Cannot assign the reports of %s: the reviewer “%s” is named twice"),
                         self->path, name);
            return FALSE;
          }
    }
  if (!(share > 0 && share <= 1))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot assign the reports of %s: the share of the reports must lie in (0, 1],"
                     " not %g"), self->path, share);
      return FALSE;
    }
  if (!(overlap >= 0 && overlap <= 1))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot assign the reports of %s: the overlap must lie in [0, 1], not %g"),
                   self->path, overlap);
      return FALSE;
    }
  if (overlap > 0 && n < 2)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot assign the reports of %s: an overlap needs two reviewers or more"),
                   self->path);
      return FALSE;
    }
  return TRUE;
}

/* The reviewer with the fewest reports, the first named on a tie, other than @except. */
static guint
least_loaded (const guint *loads,
              guint        n,
              guint        except)
{
  guint best = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    if (i != except && (best == G_MAXUINT || loads[i] < loads[best]))
      best = i;
  return best;
}

static gboolean
add_assignment (BzStore     *self,
                gint64       document_id,
                const char  *reviewer,
                GError     **error)
{
  g_autoptr(BzResetStmt) stmt = _bz_store_stmt (self, BZ_STMT_ASSIGNMENT_ADD, error);

  if (stmt == NULL)
    return FALSE;
  _bz_store_bind_int64 (self, stmt, 1, document_id);
  _bz_store_bind_text (self, stmt, 2, reviewer, -1);
  return _bz_store_step_done (self, stmt, error);
}

static gboolean
write_assignment (BzStore            *self,
                  GArray             *documents,
                  const char * const *reviewers,
                  double              share,
                  double              overlap,
                  guint32             seed,
                  GError            **error)
{
  g_autoptr(BzResetStmt) clear = _bz_store_stmt (self, BZ_STMT_ASSIGNMENT_CLEAR, error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint n_reviewers = g_strv_length ((char **) reviewers);
  g_autofree guint *loads = g_new0 (guint, n_reviewers);
  guint n_assigned, n_overlap;

  if (clear == NULL || !_bz_store_step_done (self, clear, error))
    return FALSE;

  /* Fisher-Yates from the documents in id order: the seed alone decides. */
  for (guint i = documents->len; i > 1; i--)
    {
      guint k = g_rand_int_range (rand, 0, (gint32) i);
      gint64 tmp = g_array_index (documents, gint64, i - 1);

      g_array_index (documents, gint64, i - 1) = g_array_index (documents, gint64, k);
      g_array_index (documents, gint64, k) = tmp;
    }

  n_assigned = (guint) round (share * documents->len);
  n_overlap = (guint) round (overlap * n_assigned);
  for (guint i = 0; i < n_assigned; i++)
    {
      gint64 document_id = g_array_index (documents, gint64, i);
      guint first = least_loaded (loads, n_reviewers, G_MAXUINT);

      loads[first]++;
      if (!add_assignment (self, document_id, reviewers[first], error))
        return FALSE;
      if (i < n_overlap)
        {
          guint second = least_loaded (loads, n_reviewers, first);

          loads[second]++;
          if (!add_assignment (self, document_id, reviewers[second], error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
bz_store_assign (BzStore            *self,
                 const char * const *reviewers,
                 double              share,
                 double              overlap,
                 guint32             seed,
                 GError            **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok;

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);

  if (!check_assignment (self, reviewers, share, overlap, error))
    return FALSE;
  if (!(documents = bz_store_list_documents (self, error)))
    return FALSE;
  for (guint i = 0; i < documents->len; i++)
    {
      gint64 id = bz_document_get_id (g_ptr_array_index (documents, i));

      g_array_append_val (ids, id);
    }

  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE, _("assign the reports"), 0, error))
    return FALSE;
  ok = write_assignment (self, ids, reviewers, share, overlap, seed, error);
  /* Lists of one's own reports follow the new assignment. */
  self->documents_changed = ok;
  return _bz_store_txn_end (self, ok, error);
}

GPtrArray *
bz_store_list_assignments (BzStore  *self,
                           GError  **error)
{
  g_autoptr(GPtrArray) assignments = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_assignment_free);
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  if (!(stmt = _bz_store_stmt (self, BZ_STMT_ASSIGNMENT_LIST, error)))
    return NULL;
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    {
      BzAssignment *assignment = g_new0 (BzAssignment, 1);

      assignment->document_id = sqlite3_column_int64 (stmt, 0);
      assignment->reviewer = _bz_store_column_dup (stmt, 1);
      g_ptr_array_add (assignments, assignment);
    }
  if (row < 0)
    return NULL;
  return g_steal_pointer (&assignments);
}
