/* bz-export-store.c: the store's documents as records, one at a time, for exports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-store.h"
#include "bz-export.h"

typedef struct
{
  BzStore *store;
  GArray  *ids;
  guint    next;
} StoreSource;

/* Fetches a document; a missing one is an error, not an empty export. */
static BzDocument *
get_document (BzStore  *store,
              gint64    document_id,
              GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  BzDocument *document = bz_store_get_document (store, document_id, &local_error);

  if (document == NULL && local_error == NULL)
    g_set_error (&local_error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND,
                 "there is no document %" G_GINT64_FORMAT " in the workspace", document_id);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return document;
}

static BzRecord *
record_from_document (BzStore     *store,
                      gint64       document_id,
                      GError     **error)
{
  g_autoptr(BzDocument) document = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  BzRecord *record;

  /* A fresh document object per record: its text is dropped with it. */
  document = get_document (store, document_id, error);
  if (document == NULL)
    return NULL;
  spans = bz_store_list_spans (store, document_id, error);
  if (spans == NULL)
    return NULL;

  record = bz_record_new (document_id, bz_document_get_title (document), bz_document_get_text (document));
  record->source_path = g_strdup (bz_document_get_source_path (document));
  record->sha256 = g_strdup (bz_document_get_sha256 (document));
  record->encoding = g_strdup (bz_document_get_encoding (document));
  record->script = bz_document_get_script (document);
  record->status = bz_document_get_status (document);
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = spans->pdata[i];
      BzRecordSpan copy = { 0 };

      copy.id = bz_span_get_id (span);
      copy.start = bz_span_get_start (span);
      copy.end = bz_span_get_end (span);
      copy.label = g_strdup (bz_span_get_label (span));
      /* The stored surface, checked against the text before anything is written. */
      copy.surface = g_strdup (bz_span_get_surface (span));
      copy.status = bz_span_get_status (span);
      copy.origin = g_strdup (bz_span_get_origin (span));
      copy.reviewer = g_strdup (bz_span_get_reviewer (span));
      copy.attributes = g_strdup (bz_span_get_attributes (span));
      copy.note = g_strdup (bz_span_get_note (span));
      g_array_append_val (record->spans, copy);
    }
  return record;
}

static gboolean
store_source_next (gpointer    user_data,
                   BzRecord  **out_record,
                   GError    **error)
{
  StoreSource *source = user_data;

  *out_record = NULL;
  if (source->next >= source->ids->len)
    return TRUE;
  *out_record = record_from_document (source->store, g_array_index (source->ids, gint64, source->next++), error);
  return *out_record != NULL;
}

gboolean
bz_export_store (BzStore                *store,
                 const BzExportOptions  *options,
                 BzExportReport         *report,
                 GError                **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  StoreSource source = { store, ids, 0 };

  g_return_val_if_fail (BZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (options->documents == BZ_EXPORT_DOCUMENTS_LIST)
    {
      /* Every listed document must exist: a typo is not an empty export. */
      for (guint i = 0; i < options->document_ids->len; i++)
        {
          gint64 id = g_array_index (options->document_ids, gint64, i);
          g_autoptr(BzDocument) document = get_document (store, id, error);

          if (document == NULL)
            return FALSE;
          g_array_append_val (ids, id);
        }
    }
  else
    {
      g_autoptr(GPtrArray) documents = bz_store_list_documents (store, error);

      if (documents == NULL)
        return FALSE;
      for (guint i = 0; i < documents->len; i++)
        {
          BzDocument *document = documents->pdata[i];
          gint64 id = bz_document_get_id (document);

          if (options->documents == BZ_EXPORT_DOCUMENTS_ALL ||
              bz_document_get_status (document) == BZ_DOCUMENT_REVIEWED)
            g_array_append_val (ids, id);
        }
    }
  return bz_export_run (options, store_source_next, &source, report, error);
}
