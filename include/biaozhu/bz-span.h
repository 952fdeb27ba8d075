/* bz-span.h: one annotated stretch of a document's canonical text
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include "bz-types.h"

G_BEGIN_DECLS

#define BZ_TYPE_SPAN (bz_span_get_type ())
G_DECLARE_FINAL_TYPE (BzSpan, bz_span, BZ, SPAN, GObject)

/**
 * bz_span_new:
 * @start: first code point (inclusive)
 * @end: code point after the last (exclusive)
 * @label: the label's name, such as "PLACE"
 * @status: the review status
 * @origin: (nullable): "extractor@VERSION", "human", "import:FORMAT" or "external:NAME"
 *
 * Creates a span that is not stored yet (its id is 0). Pass it to the store.
 *
 * Returns: (transfer full): a new span
 */
BzSpan       *bz_span_new             (gint64        start,
                                       gint64        end,
                                       const char   *label,
                                       BzSpanStatus  status,
                                       const char   *origin);
BzSpan       *bz_span_copy            (BzSpan       *self);

gint64        bz_span_get_id          (BzSpan *self);
gint64        bz_span_get_document_id (BzSpan *self);
gint64        bz_span_get_start       (BzSpan *self);
gint64        bz_span_get_end         (BzSpan *self);
const char   *bz_span_get_label       (BzSpan *self);
const char   *bz_span_get_surface     (BzSpan *self);
BzSpanStatus  bz_span_get_status      (BzSpan *self);
const char   *bz_span_get_origin      (BzSpan *self);
const char   *bz_span_get_reviewer    (BzSpan *self);
const char   *bz_span_get_attributes  (BzSpan *self);
const char   *bz_span_get_note        (BzSpan *self);
/* Times are seconds since the Unix epoch (UTC). */
gint64        bz_span_get_created     (BzSpan *self);
gint64        bz_span_get_updated     (BzSpan *self);
/* How likely an extractor's suggestion is right, in [0, 1]; -1 for a span
 * without one (added by a reviewer, imported, suggested before confidences,
 * or relabelled or moved by a reviewer since). */
double        bz_span_get_confidence  (BzSpan *self);
gboolean      bz_span_has_confidence  (BzSpan *self);
/* (nullable): what in the extractor suggested it ("rule:number", "list:places") */
const char   *bz_span_get_source      (BzSpan *self);
/* The source of a workspace model's spans: their confidence is the model's
 * own estimate, which the workspace has not measured. */
#define BZ_SPAN_SOURCE_MODEL "model"
/* The origin of the curated layer's suggestions: spans that reviewers accepted
 * (bz_store_set_curating()). */
#define BZ_SPAN_ORIGIN_CURATION "curation"
/* Whether the span's confidence was measured (it has one, and not from a
 * model: see BZ_SPAN_SOURCE_MODEL). */
gboolean      bz_span_is_measured     (BzSpan *self);
/* Whether a suggestion may be counted sure at @threshold: a measured
 * confidence of at least @threshold. Bulk acceptance takes only these; the
 * others are shown and counted as unsure. */
gboolean      bz_span_is_sure         (BzSpan *self,
                                       double  threshold);
/* Accepted by bulk acceptance (bz_store_bulk_accept()), not one by one. */
gboolean      bz_span_get_accepted_in_bulk (BzSpan *self);

void          bz_span_set_id          (BzSpan *self, gint64 id);
void          bz_span_set_document_id (BzSpan *self, gint64 document_id);
void          bz_span_set_bounds      (BzSpan *self, gint64 start, gint64 end);
void          bz_span_set_label       (BzSpan *self, const char *label);
void          bz_span_set_surface     (BzSpan *self, const char *surface);
void          bz_span_set_status      (BzSpan *self, BzSpanStatus status);
void          bz_span_set_origin      (BzSpan *self, const char *origin);
void          bz_span_set_reviewer    (BzSpan *self, const char *reviewer);
void          bz_span_set_attributes  (BzSpan *self, const char *attributes_json);
void          bz_span_set_note        (BzSpan *self, const char *note);
void          bz_span_set_times       (BzSpan *self, gint64 created, gint64 updated);
/* A negative @confidence: none. */
void          bz_span_set_confidence  (BzSpan *self, double confidence);
void          bz_span_set_source      (BzSpan *self, const char *source);
void          bz_span_set_accepted_in_bulk (BzSpan *self, gboolean accepted_in_bulk);

/* Orders by start, then longer first (end descending), then label. @a and @b
 * point to BzSpan pointers, as g_ptr_array_sort() passes them. */
int           bz_span_compare         (gconstpointer a,
                                       gconstpointer b);
/* The least sure first: by confidence (a span without one before any), then
 * as bz_span_compare(), then by id; pointers to BzSpan pointers as above. */
int           bz_span_compare_sureness (gconstpointer a,
                                        gconstpointer b);

G_END_DECLS
