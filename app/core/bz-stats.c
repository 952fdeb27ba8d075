/* bz-stats.c: span counts of a workspace per label, status and reviewer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-stats.h"
#include "bz-store.h"

static void
tally_free (BzStatsTally *tally)
{
  g_free (tally->name);
  g_free (tally);
}

static BzStatsTally *
tally_new (const char *name)
{
  BzStatsTally *tally = g_new0 (BzStatsTally, 1);

  tally->name = g_strdup (name);
  return tally;
}

/* Finds or appends the tally named @name; NULL names the spans without one. */
static BzStatsTally *
tally_lookup (GPtrArray  *tallies,
              const char *name)
{
  BzStatsTally *tally;

  for (guint i = 0; i < tallies->len; i++)
    {
      tally = g_ptr_array_index (tallies, i);
      if (g_strcmp0 (tally->name, name) == 0)
        return tally;
    }
  tally = tally_new (name);
  g_ptr_array_add (tallies, tally);
  return tally;
}

gboolean
bz_stats_is_extractor_origin (const char *origin)
{
  return origin != NULL
         && (g_str_has_prefix (origin, "extractor") || g_str_has_prefix (origin, "external:"));
}

double
bz_stats_tally_get_acceptance (const BzStatsTally *tally)
{
  g_return_val_if_fail (tally != NULL, -1);

  if (tally->extractor_decided == 0)
    return -1;
  return (double) tally->extractor_accepted / tally->extractor_decided;
}

static void
tally_add (BzStatsTally *tally,
           BzSpan       *span)
{
  BzSpanStatus status = bz_span_get_status (span);

  tally->by_status[status]++;
  tally->total++;
  if (bz_stats_is_extractor_origin (bz_span_get_origin (span)) && status != BZ_SPAN_SUGGESTED)
    {
      tally->extractor_decided++;
      if (status == BZ_SPAN_ACCEPTED)
        tally->extractor_accepted++;
    }
}

void
bz_stats_free (BzStats *stats)
{
  if (stats == NULL)
    return;
  g_clear_pointer (&stats->all, tally_free);
  g_clear_pointer (&stats->labels, g_ptr_array_unref);
  g_clear_pointer (&stats->reviewers, g_ptr_array_unref);
  g_free (stats);
}

BzStats *
bz_stats_collect (BzStore  *store,
                  GError  **error)
{
  g_autoptr(BzStats) stats = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) reviewers = NULL;
  g_autoptr(GPtrArray) documents = NULL;

  g_return_val_if_fail (BZ_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  labels = bz_store_list_labels (store, error);
  if (labels == NULL)
    return NULL;
  reviewers = bz_store_list_reviewers (store, error);
  if (reviewers == NULL)
    return NULL;
  documents = bz_store_list_documents (store, error);
  if (documents == NULL)
    return NULL;

  stats = g_new0 (BzStats, 1);
  stats->all = tally_new ("all");
  stats->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_free);
  stats->reviewers = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_free);

  /* Every label and reviewer is listed, in schema and store order, also at zero. */
  for (guint i = 0; i < labels->len; i++)
    tally_lookup (stats->labels, bz_label_get_name (g_ptr_array_index (labels, i)));
  for (guint i = 0; i < reviewers->len; i++)
    tally_lookup (stats->reviewers, g_ptr_array_index (reviewers, i));

  for (guint d = 0; d < documents->len; d++)
    {
      BzDocument *document = g_ptr_array_index (documents, d);
      g_autoptr(GPtrArray) spans = NULL;

      stats->documents_by_status[bz_document_get_status (document)]++;
      stats->n_documents++;

      spans = bz_store_list_spans (store, bz_document_get_id (document), error);
      if (spans == NULL)
        return NULL;
      for (guint s = 0; s < spans->len; s++)
        {
          BzSpan *span = g_ptr_array_index (spans, s);

          tally_add (stats->all, span);
          tally_add (tally_lookup (stats->labels, bz_span_get_label (span)), span);
          tally_add (tally_lookup (stats->reviewers, bz_span_get_reviewer (span)), span);
        }
    }

  return g_steal_pointer (&stats);
}
