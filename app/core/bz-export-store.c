/* bz-export-store.c: the store's documents as records, one at a time, for exports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-store.h"
#include "bz-export.h"

typedef struct
{
  BzStoreRecords       *records;
  BzExportProgressFunc  progress;
  gpointer              progress_data;
  GCancellable         *cancellable;
  /* The listed documents, or %NULL to walk the workspace. */
  const GArray         *listed;
  guint                 total;
  guint                 next;
} StoreSource;

static gboolean
store_source_next (gpointer    user_data,
                   BzRecord  **out_record,
                   GError    **error)
{
  StoreSource *source = user_data;

  *out_record = NULL;
  if (source->next >= source->total)
    return TRUE;
  if (source->progress != NULL)
    source->progress (source->next, source->total, source->progress_data);
  if (g_cancellable_set_error_if_cancelled (source->cancellable, error))
    return FALSE;
  if (source->listed != NULL)
    {
      /* A listed document that is missing stops the export: a typo is not an
       * empty export. */
      *out_record = bz_store_records_read (source->records,
                                           g_array_index (source->listed, gint64, source->next++),
                                           error);
      return *out_record != NULL;
    }
  source->next++;
  /* A document added since the count is left for the next export. */
  return bz_store_records_next (source->records, out_record, error);
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
  g_autoptr(BzStoreRecords) records = NULL;
  StoreSource source = { NULL, progress, progress_data, cancellable, NULL, 0, 0 };

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

  records = bz_store_records_new (store, options->documents == BZ_EXPORT_DOCUMENTS_REVIEWED);
  source.records = records;
  if (options->documents == BZ_EXPORT_DOCUMENTS_LIST)
    {
      source.listed = options->document_ids;
      source.total = options->document_ids->len;
    }
  else
    {
      gint64 n = bz_store_records_count (records, error);

      if (n < 0)
        return FALSE;
      source.total = (guint) n;
    }
  return bz_export_run (options, store_source_next, &source, report, error);
}
