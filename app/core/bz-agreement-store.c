/* bz-agreement-store.c: the agreement of a workspace's reviewers, from their layers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-agreement"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bz-agreement.h"
#include "bz-store.h"

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
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (BZ_IS_STORE (store), NULL);

  for (guint i = 0; document_ids != NULL && i < document_ids->len; i++)
    g_hash_table_add (wanted, &g_array_index (document_ids, gint64, i));
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

      if (document_ids != NULL && !g_hash_table_contains (wanted, &id))
        continue;
      if (!(layers = bz_store_list_annotators (store, id, error)))
        return NULL;
      for (guint l = 0; l < layers->len; l++)
        {
          const char *layer = g_ptr_array_index (layers, l);
          g_autoptr(GPtrArray) spans = bz_store_list_layer_spans (store, id, layer, error);

          if (spans == NULL)
            return NULL;
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
