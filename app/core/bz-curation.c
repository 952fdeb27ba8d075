/* bz-curation.c: adjudication of reviewers' layers into the curated layer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-curation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bz-curation.h"

#define MAX_REVIEWERS 64

struct _BzCuration
{
  gint64     document_id;
  GPtrArray *reviewers;   /* (element-type utf8) */
  GPtrArray *spans;       /* (element-type BzSpan): the curated layer's */
  guint64   *marked_by;   /* per span */
  guint     *groups;      /* per span */
};

void
bz_curation_free (BzCuration *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->reviewers, g_ptr_array_unref);
  g_clear_pointer (&self->spans, g_ptr_array_unref);
  g_free (self->marked_by);
  g_free (self->groups);
  g_free (self);
}

/* A span's key in a reviewer's accepted set: bounds and label. */
static char *
span_key (BzSpan *span)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%s", bz_span_get_start (span),
                          bz_span_get_end (span), bz_span_get_label (span));
}

/* Reads the reviewers' layers and marks, for each curated span, who accepted it. */
static gboolean
read_marks (BzCuration  *self,
            BzStore     *store,
            GError     **error)
{
  g_autoptr(GPtrArray) layers = bz_store_list_annotators (store, self->document_id, error);
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (layers == NULL)
    return FALSE;
  for (guint i = 0; i < self->spans->len; i++)
    g_hash_table_insert (index, span_key (g_ptr_array_index (self->spans, i)), GUINT_TO_POINTER (i + 1));

  for (guint l = 0; l < layers->len; l++)
    {
      const char *layer = g_ptr_array_index (layers, l);
      g_autoptr(GPtrArray) spans = NULL;
      guint reviewer;

      if (!(spans = bz_store_list_layer_spans (store, self->document_id, layer, error)))
        return FALSE;
      if (self->reviewers->len == MAX_REVIEWERS)
        {
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                       _("Cannot curate report %lld: it has more than %d reviewers"),
                       (long long) self->document_id, MAX_REVIEWERS);
          return FALSE;
        }
      reviewer = self->reviewers->len;
      g_ptr_array_add (self->reviewers, g_strdup (layer));

      for (guint i = 0; i < spans->len; i++)
        {
          BzSpan *span = g_ptr_array_index (spans, i);
          g_autofree char *key = NULL;
          guint found;

          if (bz_span_get_status (span) != BZ_SPAN_ACCEPTED)
            continue;
          key = span_key (span);
          found = GPOINTER_TO_UINT (g_hash_table_lookup (index, key));
          if (found > 0)
            self->marked_by[found - 1] |= G_GUINT64_CONSTANT (1) << reviewer;
        }
    }
  return TRUE;
}

/* Groups of overlapping spans: the spans are sorted by start, so a group runs
 * until a span starts at or after the group's furthest end. */
static void
find_groups (BzCuration *self)
{
  gint64 group_end = G_MININT64;
  guint group = 0;

  for (guint i = 0; i < self->spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (self->spans, i);

      if (i > 0 && bz_span_get_start (span) >= group_end)
        group++;
      if (i == 0 || bz_span_get_start (span) >= group_end)
        group_end = bz_span_get_end (span);
      else
        group_end = MAX (group_end, bz_span_get_end (span));
      self->groups[i] = group;
    }
}

BzCuration *
bz_curation_new (BzStore  *store,
                 gint64    document_id,
                 GError  **error)
{
  g_autoptr(BzCuration) self = NULL;

  g_return_val_if_fail (BZ_IS_STORE (store), NULL);
  g_return_val_if_fail (bz_store_get_curating (store), NULL);

  self = g_new0 (BzCuration, 1);
  self->document_id = document_id;
  self->reviewers = g_ptr_array_new_with_free_func (g_free);
  /* Through the store's own reading, which offers the reviewers' new spans first. */
  if (!(self->spans = bz_store_list_spans (store, document_id, error)))
    return NULL;
  self->marked_by = g_new0 (guint64, self->spans->len + 1);
  self->groups = g_new0 (guint, self->spans->len + 1);
  if (!read_marks (self, store, error))
    return NULL;
  find_groups (self);
  return g_steal_pointer (&self);
}

guint
bz_curation_get_n_reviewers (BzCuration *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->reviewers->len;
}

const char *
bz_curation_get_reviewer (BzCuration *self,
                          guint       reviewer)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (reviewer < self->reviewers->len, NULL);
  return g_ptr_array_index (self->reviewers, reviewer);
}

guint
bz_curation_get_n_spans (BzCuration *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->spans->len;
}

BzSpan *
bz_curation_get_span (BzCuration *self,
                      guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->spans->len, NULL);
  return g_ptr_array_index (self->spans, index);
}

int
bz_curation_find_span (BzCuration *self,
                       gint64      span_id)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->spans->len; i++)
    if (bz_span_get_id (g_ptr_array_index (self->spans, i)) == span_id)
      return (int) i;
  return -1;
}

guint64
bz_curation_get_marked_by (BzCuration *self,
                           guint       index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->spans->len, 0);
  return self->marked_by[index];
}

static guint64
all_reviewers (BzCuration *self)
{
  return self->reviewers->len == MAX_REVIEWERS ? G_MAXUINT64
                                               : (G_GUINT64_CONSTANT (1) << self->reviewers->len) - 1;
}

gboolean
bz_curation_is_agreed (BzCuration *self,
                       guint       index)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->spans->len, FALSE);
  return self->reviewers->len >= 2 && self->marked_by[index] == all_reviewers (self);
}

guint
bz_curation_get_group (BzCuration *self,
                       guint       index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->spans->len, 0);
  return self->groups[index];
}

static gboolean
is_undecided (BzCuration *self,
              guint       index)
{
  return bz_span_get_status (g_ptr_array_index (self->spans, index)) == BZ_SPAN_SUGGESTED;
}

guint
bz_curation_count_open_disputes (BzCuration *self)
{
  guint n = 0;
  gboolean counted = FALSE;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->spans->len; i++)
    {
      if (i > 0 && self->groups[i] != self->groups[i - 1])
        counted = FALSE;
      if (!counted && is_undecided (self, i) && !bz_curation_is_agreed (self, i))
        {
          n++;
          counted = TRUE;
        }
    }
  return n;
}

guint
bz_curation_count_open_agreed (BzCuration *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->spans->len; i++)
    if (is_undecided (self, i) && bz_curation_is_agreed (self, i))
      n++;
  return n;
}

/* Sets the spans' statuses as one action (those already so are left). */
static gboolean
apply (BzCuration    *self,
       BzStore       *store,
       const char    *description,
       GArray        *ids,
       GArray        *statuses,
       GError       **error)
{
  gboolean ok;

  if (!bz_store_begin (store, description, TRUE, error))
    return FALSE;
  ok = TRUE;
  for (guint i = 0; ok && i < ids->len; i++)
    ok = bz_store_set_span_status (store, g_array_index (ids, gint64, i),
                                   g_array_index (statuses, BzSpanStatus, i), error);
  if (ok && !bz_store_commit (store, error))
    return FALSE;
  if (!ok)
    bz_store_rollback (store);
  return ok;
}

gboolean
bz_curation_decide (BzCuration        *self,
                    BzStore           *store,
                    guint              index,
                    BzCurationChoice   choice,
                    guint              reviewer,
                    GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) statuses = g_array_new (FALSE, FALSE, sizeof (BzSpanStatus));
  const char *description;
  guint group;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (BZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (bz_store_get_curating (store), FALSE);
  g_return_val_if_fail (index < self->spans->len, FALSE);
  g_return_val_if_fail (choice <= BZ_CURATION_NONE, FALSE);
  g_return_val_if_fail (choice != BZ_CURATION_SIDE || reviewer < self->reviewers->len, FALSE);

  group = self->groups[index];
  for (guint i = 0; i < self->spans->len; i++)
    {
      gint64 id = bz_span_get_id (g_ptr_array_index (self->spans, i));
      BzSpanStatus status;

      if (self->groups[i] != group || self->marked_by[i] == 0)
        continue;
      switch (choice)
        {
        case BZ_CURATION_SIDE:
          status = self->marked_by[i] & (G_GUINT64_CONSTANT (1) << reviewer) ? BZ_SPAN_ACCEPTED
                                                                              : BZ_SPAN_REJECTED;
          break;
        case BZ_CURATION_ALL:
          status = BZ_SPAN_ACCEPTED;
          break;
        case BZ_CURATION_NONE:
        default:
          status = BZ_SPAN_REJECTED;
          break;
        }
      g_array_append_val (ids, id);
      g_array_append_val (statuses, status);
    }

  switch (choice)
    {
    case BZ_CURATION_SIDE:
      description = _("take a reviewer’s side");
      break;
    case BZ_CURATION_ALL:
      description = _("take every reviewer’s spans");
      break;
    case BZ_CURATION_NONE:
    default:
      description = _("take no reviewer’s spans");
      break;
    }
  return apply (self, store, description, ids, statuses, error);
}

gboolean
bz_curation_accept_agreed (BzCuration  *self,
                           BzStore     *store,
                           guint       *out_n_accepted,
                           GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) statuses = g_array_new (FALSE, FALSE, sizeof (BzSpanStatus));

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (BZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (bz_store_get_curating (store), FALSE);

  if (out_n_accepted != NULL)
    *out_n_accepted = 0;
  for (guint i = 0; i < self->spans->len; i++)
    if (is_undecided (self, i) && bz_curation_is_agreed (self, i))
      {
        gint64 id = bz_span_get_id (g_ptr_array_index (self->spans, i));
        BzSpanStatus status = BZ_SPAN_ACCEPTED;

        g_array_append_val (ids, id);
        g_array_append_val (statuses, status);
      }
  if (ids->len == 0)
    return TRUE;
  if (!apply (self, store, _("accept the agreed spans"), ids, statuses, error))
    return FALSE;
  if (out_n_accepted != NULL)
    *out_n_accepted = ids->len;
  return TRUE;
}

char *
bz_curation_describe_reviewers (BzCuration *self,
                                guint64     reviewers)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint r = 0; r < self->reviewers->len; r++)
    if (reviewers & (G_GUINT64_CONSTANT (1) << r))
      {
        if (text->len > 0)
          g_string_append (text, _(", "));
        g_string_append (text, g_ptr_array_index (self->reviewers, r));
      }
  if (text->len == 0)
    return g_strdup (_("the curator"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}
