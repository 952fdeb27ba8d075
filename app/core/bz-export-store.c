/* bz-export-store.c: the store's documents as records, one at a time, for exports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bz-store.h"
#include "bz-store-private.h"
#include "bz-export.h"

typedef struct
{
  BzStore              *store;
  /* Relations are an optional layer: they are read only when the workspace has any. */
  gboolean              has_relations;
  BzStoreRecords       *records;
  BzExportProgressFunc  progress;
  gpointer              progress_data;
  GCancellable         *cancellable;
  /* The listed documents, or %NULL to walk the workspace. */
  const GArray         *listed;
  guint                 total;
  guint                 next;
} StoreSource;

/* Adds the relations between the record's spans, by the spans' stored ids. */
static gboolean
attach_relations (BzStore   *store,
                  BzRecord  *record,
                  GError   **error)
{
  g_autoptr(GPtrArray) relations = bz_store_list_relations (store, record->id, error);
  g_autoptr(GHashTable) index = NULL;

  if (relations == NULL)
    return FALSE;
  if (relations->len == 0)
    return TRUE;
  index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < record->spans->len; i++)
    g_hash_table_insert (index, &g_array_index (record->spans, BzRecordSpan, i).id, GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < relations->len; i++)
    {
      const BzRelation *relation = g_ptr_array_index (relations, i);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (index, &relation->from_span));
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (index, &relation->to_span));

      if (from > 0 && to > 0)
        bz_record_add_relation (record, from - 1, to - 1, relation->type);
    }
  return TRUE;
}

static gboolean
store_source_read (StoreSource  *source,
                   BzRecord    **out_record,
                   GError      **error)
{
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
  if (!store_source_read (source, out_record, error))
    return FALSE;
  if (*out_record != NULL && source->has_relations && !attach_relations (source->store, *out_record, error))
    {
      g_clear_pointer (out_record, bz_record_free);
      return FALSE;
    }
  return TRUE;
}

/* The layer an export reads: the one given, the curated one for the curated
 * documents, or %NULL for the store's. */
static const char *
export_layer (const BzExportOptions *self)
{
  if (self->layer != NULL)
    return self->layer;
  return self->curated_only ? BZ_LAYER_CURATED : NULL;
}

gboolean
bz_export_store (BzStore                *store,
                 const BzExportOptions  *options,
                 BzExportReport         *report,
                 GError                **error)
{
  return bz_export_store_full (store, options, NULL, NULL, NULL, report, error);
}

static gboolean
export_store (BzStore                *store,
              const BzExportOptions  *options,
              BzExportProgressFunc    progress,
              gpointer                progress_data,
              GCancellable           *cancellable,
              BzExportReport         *report,
              GError                **error)
{
  g_autoptr(BzStoreRecords) records = NULL;
  StoreSource source = { NULL, FALSE, NULL, progress, progress_data, cancellable, NULL, 0, 0 };
  gint64 n_relations;

  /* Renaming the export over the workspace would replace it. */
  for (guint i = 0; i < MAX (options->n_splits, 1); i++)
    {
      g_autofree char *part = bz_export_part_path (options, i);

      if (bz_store_is_own_file (store, part))
        {
          g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                       _("Cannot export to %s: it is a file of the workspace itself"), part);
          return FALSE;
        }
    }

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

  n_relations = bz_store_count_relations (store, error);
  if (n_relations < 0)
    return FALSE;
  source.store = store;
  source.has_relations = n_relations > 0;
  records = bz_store_records_new (store, options->documents == BZ_EXPORT_DOCUMENTS_REVIEWED);
  bz_store_records_set_brief (records, !bz_format_has_details (options->format));
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

gboolean
bz_export_store_full (BzStore                *store,
                      const BzExportOptions  *options,
                      BzExportProgressFunc    progress,
                      gpointer                progress_data,
                      GCancellable           *cancellable,
                      BzExportReport         *report,
                      GError                **error)
{
  const char *layer;
  g_autofree char *saved = NULL;
  gboolean ok;

  g_return_val_if_fail (BZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  layer = export_layer (options);
  if (layer == NULL)
    return export_store (store, options, progress, progress_data, cancellable, report, error);
  if (!bz_store_check_layer (store, layer, error))
    return FALSE;
  /* Everything the export reads (documents, their status, spans, relations)
   * is the layer's. */
  saved = _bz_store_override_layer (store, layer);
  ok = export_store (store, options, progress, progress_data, cancellable, report, error);
  g_free (_bz_store_override_layer (store, saved));
  return ok;
}
