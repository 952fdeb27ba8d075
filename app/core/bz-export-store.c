/* bz-export-store.c: the store's documents as records, one at a time, for exports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-store.h"
#include "bz-export.h"

typedef struct
{
  BzStore              *store;
  gboolean              reviewed_only;
  BzExportProgressFunc  progress;
  gpointer              progress_data;
  GCancellable         *cancellable;
  /* The documents to export; each is dropped once read so that its text, which
   * it loads on first use, does not stay. */
  GPtrArray            *documents;
  guint                 next;
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
                      BzDocument  *document,
                      GError     **error)
{
  gint64 document_id = bz_document_get_id (document);
  g_autoptr(GPtrArray) spans = NULL;
  const char *text;
  BzRecord *record;

  text = bz_document_get_text (document);
  if (text == NULL)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   "the text of document %" G_GINT64_FORMAT " could not be read", document_id);
      return NULL;
    }
  spans = bz_store_list_spans (store, document_id, error);
  if (spans == NULL)
    return NULL;

  record = bz_record_new (document_id, bz_document_get_title (document), text);
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

static void
drop_document (gpointer document)
{
  if (document != NULL)
    g_object_unref (document);
}

static gboolean
store_source_next (gpointer    user_data,
                   BzRecord  **out_record,
                   GError    **error)
{
  StoreSource *source = user_data;
  g_autoptr(BzDocument) document = NULL;

  *out_record = NULL;
  do
    {
      if (source->next >= source->documents->len)
        return TRUE;
      if (source->progress != NULL)
        source->progress (source->next, source->documents->len, source->progress_data);
      if (g_cancellable_set_error_if_cancelled (source->cancellable, error))
        return FALSE;
      g_clear_object (&document);
      document = g_steal_pointer (&source->documents->pdata[source->next++]);
    }
  while (source->reviewed_only && bz_document_get_status (document) != BZ_DOCUMENT_REVIEWED);
  *out_record = record_from_document (source->store, document, error);
  return *out_record != NULL;
}

gboolean
bz_export_store (BzStore                *store,
                 const BzExportOptions  *options,
                 BzExportReport         *report,
                 GError                **error)
{
  return bz_export_store_full (store, options, NULL, NULL, NULL, report, error);
}

gboolean
bz_export_store_full (BzStore                *store,
                      const BzExportOptions  *options,
                      BzExportProgressFunc    progress,
                      gpointer                progress_data,
                      GCancellable           *cancellable,
                      BzExportReport         *report,
                      GError                **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  StoreSource source = { NULL, FALSE, progress, progress_data, cancellable, NULL, 0 };

  g_return_val_if_fail (BZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  /* A label that the workspace does not know is a typo, not an empty export. */
  for (guint i = 0; options->labels != NULL && options->labels[i] != NULL; i++)
    {
      g_autoptr(BzLabel) label = bz_store_get_label (store, options->labels[i]);

      if (label == NULL)
        {
          g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                       "the workspace has no label “%s”", options->labels[i]);
          return FALSE;
        }
    }

  if (options->documents == BZ_EXPORT_DOCUMENTS_LIST)
    {
      /* Every listed document must exist: a typo is not an empty export. */
      documents = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < options->document_ids->len; i++)
        {
          BzDocument *document = get_document (store, g_array_index (options->document_ids, gint64, i), error);

          if (document == NULL)
            return FALSE;
          g_ptr_array_add (documents, document);
        }
    }
  else
    {
      documents = bz_store_list_documents (store, error);
      if (documents == NULL)
        return FALSE;
    }
  /* Entries become NULL as the export reads them. Documents that are not
   * reviewed are skipped before their text is loaded when only reviewed ones go. */
  g_ptr_array_set_free_func (documents, drop_document);
  source.store = store;
  source.reviewed_only = options->documents == BZ_EXPORT_DOCUMENTS_REVIEWED;
  source.documents = documents;
  return bz_export_run (options, store_source_next, &source, report, error);
}
