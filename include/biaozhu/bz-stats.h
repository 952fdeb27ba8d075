/* bz-stats.h: span counts of a workspace per label, status and reviewer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "bz-types.h"

G_BEGIN_DECLS

#define BZ_STATS_N_STATUSES (BZ_SPAN_REJECTED + 1)

/**
 * BzStatsTally:
 * @name: (nullable): the label or reviewer; %NULL for the spans nobody decided
 * @by_status: (array fixed-size=3): spans per #BzSpanStatus
 * @total: all spans
 * @extractor_decided: spans proposed by an extractor (see
 *   bz_stats_is_extractor_origin()) that a reviewer accepted or rejected
 * @extractor_accepted: those of them accepted
 *
 * The span counts of one label, one reviewer or the whole workspace.
 */
typedef struct
{
  char  *name;
  guint  by_status[BZ_STATS_N_STATUSES];
  guint  total;
  guint  extractor_decided;
  guint  extractor_accepted;
} BzStatsTally;

/**
 * BzStats:
 * @n_documents: documents in the workspace
 * @documents_by_status: (array fixed-size=3): documents per #BzDocumentStatus
 * @all: every span
 * @labels: (element-type BzStatsTally): one per label of the schema, in schema
 *   order, then any label that spans carry but the schema lost
 * @reviewers: (element-type BzStatsTally): one per reviewer (the last one to
 *   change a span), in the store's order, then the spans without one (name %NULL)
 *   if there are any
 */
typedef struct
{
  guint         n_documents;
  guint         documents_by_status[BZ_DOCUMENT_REVIEWED + 1];
  BzStatsTally *all;
  GPtrArray    *labels;
  GPtrArray    *reviewers;
} BzStats;

/* Whether @origin names an extractor: "extractor…" or "external:…". */
gboolean      bz_stats_is_extractor_origin (const char         *origin);

/* The share of decided extractor spans that were accepted, in [0, 1], or a
 * negative number when none was decided. */
double        bz_stats_tally_get_acceptance (const BzStatsTally *tally);

/**
 * bz_stats_collect:
 *
 * Counts every span of the workspace, reading one document's spans at a time.
 *
 * Returns: (transfer full) (nullable): the counts, or %NULL with @error set
 */
BzStats      *bz_stats_collect             (BzStore            *store,
                                            GError            **error);
void          bz_stats_free                (BzStats            *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzStats, bz_stats_free)

G_END_DECLS
