/* bz-agreement-store.c: the agreement of a workspace's reviewers, from their layers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-agreement"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bz-agreement.h"
#include "bz-store.h"

/* Whether a reviewer's layer says something of the report: a decision on a
 * suggestion or a span of their own. A layer that only holds the suggestions
 * it was seeded with is a report not started. */
static gboolean
layer_annotated (GPtrArray *spans)
{
  for (guint i = 0; i < spans->len; i++)
    if (bz_span_get_status (g_ptr_array_index (spans, i)) != BZ_SPAN_SUGGESTED)
      return TRUE;
  return FALSE;
}

static gboolean
listed (const GArray *ids,
        gint64        id)
{
  if (ids == NULL)
    return TRUE;
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

BzAgreementInput *
bz_agreement_input_new_from_store (BzStore  *store,
                                   GError  **error)
{
  return bz_agreement_input_new_from_store_documents (store, NULL, error);
}

BzAgreementInput *
bz_agreement_input_new_from_store_documents (BzStore       *store,
                                             const GArray  *document_ids,
                                             GError       **error)
{
  g_autoptr(BzAgreementInput) input = bz_agreement_input_new ();
  g_autoptr(GPtrArray) documents = NULL;

  g_return_val_if_fail (BZ_IS_STORE (store), NULL);

  documents = bz_store_list_documents (store, error);
  if (documents == NULL)
    return NULL;
  for (guint i = 0; i < documents->len; i++)
    {
      BzDocument *document = g_ptr_array_index (documents, i);
      gint64 id = bz_document_get_id (document);
      g_autoptr(GPtrArray) layers = NULL;
      g_autofree char *key = NULL;
      gboolean added = FALSE;

      if (!listed (document_ids, id))
        continue;
      if (!(layers = bz_store_list_layers (store, id, error)))
        return NULL;
      for (guint l = 0; l < layers->len; l++)
        {
          const char *layer = g_ptr_array_index (layers, l);
          g_autoptr(GPtrArray) spans = NULL;

          /* The shared layer holds the suggestions; the curated one is no reviewer's. */
          if (*layer == '\0' || g_str_equal (layer, BZ_LAYER_CURATED))
            continue;
          spans = bz_store_list_layer_spans (store, id, layer, error);
          if (spans == NULL)
            return NULL;
          if (!layer_annotated (spans))
            continue;
          if (!added)
            {
              key = g_strdup_printf ("%" G_GINT64_FORMAT " %s", id, bz_document_get_title (document));
              if (bz_document_get_n_chars (document) > G_MAXUINT
                  || !bz_agreement_input_add_document (input, key, (guint) bz_document_get_n_chars (document),
                                                       error))
                return NULL;
              added = TRUE;
            }
          if (!bz_agreement_input_add_annotator (input, key, layer, error))
            return NULL;
          for (guint s = 0; s < spans->len; s++)
            {
              BzSpan *span = g_ptr_array_index (spans, s);

              if (bz_span_get_status (span) == BZ_SPAN_ACCEPTED
                  && !bz_agreement_input_add_span (input, key, layer, bz_span_get_start (span),
                                                   bz_span_get_end (span), bz_span_get_label (span), error))
                return NULL;
            }
        }
    }
  return g_steal_pointer (&input);
}
