/* bz-extractor-store.c: an extractor's spans into the store as suggestions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the built-in and the external extractors, so that neither overrides
 * a reviewer: what is stored stays as it is, and only new suggestions are added.
 */
#include "config.h"

#include "bz-span-key.h"
#include "bz-extractor-private.h"
#include "bz-store-private.h"

static gboolean
suggest_matches (BzStore      *store,
                 gint64        document_id,
                 const char   *text,
                 GArray       *matches,
                 const char   *origin,
                 BzExtractor  *extractor,
                 guint        *out_n_added,
                 GError      **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GArray) accepted = NULL;
  guint n_added = 0;

  g_return_val_if_fail (BZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (matches != NULL, FALSE);

  stored = bz_store_list_spans (store, document_id, error);
  if (stored == NULL)
    return FALSE;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  accepted = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < stored->len; i++)
    {
      BzSpan *span = g_ptr_array_index (stored, i);

      g_hash_table_add (seen, _bz_span_key (bz_span_get_start (span), bz_span_get_end (span),
                                          bz_span_get_label (span)));
      if (bz_span_get_status (span) == BZ_SPAN_ACCEPTED)
        {
          gint64 bounds[2] = { bz_span_get_start (span), bz_span_get_end (span) };

          g_array_append_vals (accepted, bounds, 2);
        }
    }

  spans = _bz_matches_to_spans (text, matches, origin);
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);
      gint64 start = bz_span_get_start (span);
      gint64 end = bz_span_get_end (span);
      gboolean overlaps = FALSE;
      char *key = _bz_span_key (start, end, bz_span_get_label (span));

      if (!g_hash_table_add (seen, key))
        continue;
      for (guint k = 0; k + 1 < accepted->len && !overlaps; k += 2)
        overlaps = start < g_array_index (accepted, gint64, k + 1)
                   && g_array_index (accepted, gint64, k) < end;
      if (overlaps)
        continue;
      if (extractor != NULL
          && _bz_extractor_is_rejected (extractor, bz_span_get_label (span), bz_span_get_surface (span)))
        continue;
      if (bz_store_add_span (store, document_id, span, error) == 0)
        return FALSE;
      n_added++;
    }

  if (out_n_added != NULL)
    *out_n_added = n_added;
  return TRUE;
}

/* The extractor suggests in the shared layer, whatever the store's reviewer:
 * in independent review each reviewer's layer takes its suggestions from there
 * (bz-store-layers.c), so that every reviewer starts from the same ones. */
gboolean
_bz_suggest_matches (BzStore      *store,
                     gint64        document_id,
                     const char   *text,
                     GArray       *matches,
                     const char   *origin,
                     BzExtractor  *extractor,
                     guint        *out_n_added,
                     GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (BZ_IS_STORE (store), FALSE);

  _bz_store_override_layer (store, "");
  ok = suggest_matches (store, document_id, text, matches, origin, extractor, out_n_added, error);
  _bz_store_override_layer (store, NULL);
  return ok;
}
