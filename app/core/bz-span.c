/* bz-span.c: one annotated stretch of a document's canonical text
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-span.h"

struct _BzSpan
{
  GObject       parent_instance;

  gint64        id;
  gint64        document_id;
  gint64        start;
  gint64        end;
  char         *label;
  char         *surface;
  BzSpanStatus  status;
  char         *origin;
  char         *reviewer;
  char         *attributes;
  char         *note;
  gint64        created;
  gint64        updated;
  double        confidence; /* -1: none */
  char         *source;
  gboolean      accepted_in_bulk;
};

G_DEFINE_FINAL_TYPE (BzSpan, bz_span, G_TYPE_OBJECT)

static void
bz_span_finalize (GObject *object)
{
  BzSpan *self = BZ_SPAN (object);

  g_free (self->label);
  g_free (self->surface);
  g_free (self->origin);
  g_free (self->reviewer);
  g_free (self->attributes);
  g_free (self->note);
  g_free (self->source);

  G_OBJECT_CLASS (bz_span_parent_class)->finalize (object);
}

static void
bz_span_class_init (BzSpanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bz_span_finalize;
}

static void
bz_span_init (BzSpan *self)
{
  self->confidence = -1.0;
}

BzSpan *
bz_span_new (gint64        start,
             gint64        end,
             const char   *label,
             BzSpanStatus  status,
             const char   *origin)
{
  BzSpan *self;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (status <= BZ_SPAN_REJECTED, NULL);

  self = g_object_new (BZ_TYPE_SPAN, NULL);
  self->start = start;
  self->end = end;
  self->label = g_strdup (label);
  self->status = status;
  self->origin = g_strdup (origin);

  return self;
}

/**
 * bz_span_copy:
 * @self: a #BzSpan
 *
 * Returns: (transfer full): a new span with the same fields, id included
 */
BzSpan *
bz_span_copy (BzSpan *self)
{
  BzSpan *copy;

  g_return_val_if_fail (BZ_IS_SPAN (self), NULL);

  copy = bz_span_new (self->start, self->end, self->label, self->status, self->origin);
  copy->id = self->id;
  copy->document_id = self->document_id;
  copy->surface = g_strdup (self->surface);
  copy->reviewer = g_strdup (self->reviewer);
  copy->attributes = g_strdup (self->attributes);
  copy->note = g_strdup (self->note);
  copy->created = self->created;
  copy->updated = self->updated;
  copy->confidence = self->confidence;
  copy->source = g_strdup (self->source);
  copy->accepted_in_bulk = self->accepted_in_bulk;

  return copy;
}

#define SPAN_GETTER(type, field, fallback)              \
  type                                                  \
  bz_span_get_##field (BzSpan *self)                    \
  {                                                     \
    g_return_val_if_fail (BZ_IS_SPAN (self), fallback); \
    return self->field;                                 \
  }

SPAN_GETTER (gint64, id, 0)
SPAN_GETTER (gint64, document_id, 0)
SPAN_GETTER (gint64, start, 0)
SPAN_GETTER (gint64, end, 0)
SPAN_GETTER (const char *, label, NULL)
SPAN_GETTER (const char *, surface, NULL)
SPAN_GETTER (BzSpanStatus, status, BZ_SPAN_SUGGESTED)
SPAN_GETTER (const char *, origin, NULL)
SPAN_GETTER (const char *, reviewer, NULL)
SPAN_GETTER (const char *, attributes, NULL)
SPAN_GETTER (const char *, note, NULL)
SPAN_GETTER (gint64, created, 0)
SPAN_GETTER (gint64, updated, 0)
SPAN_GETTER (double, confidence, -1.0)
SPAN_GETTER (const char *, source, NULL)
SPAN_GETTER (gboolean, accepted_in_bulk, FALSE)

void
bz_span_set_accepted_in_bulk (BzSpan   *self,
                              gboolean  accepted_in_bulk)
{
  g_return_if_fail (BZ_IS_SPAN (self));

  self->accepted_in_bulk = !!accepted_in_bulk;
}

gboolean
bz_span_has_confidence (BzSpan *self)
{
  g_return_val_if_fail (BZ_IS_SPAN (self), FALSE);
  return self->confidence >= 0.0;
}

gboolean
bz_span_is_measured (BzSpan *self)
{
  g_return_val_if_fail (BZ_IS_SPAN (self), FALSE);
  return self->confidence >= 0.0 && g_strcmp0 (self->source, BZ_SPAN_SOURCE_MODEL) != 0;
}

gboolean
bz_span_is_sure (BzSpan *self,
                 double  threshold)
{
  return bz_span_is_measured (self) && self->confidence >= threshold;
}

#define SPAN_STRING_SETTER(field)               \
  void                                          \
  bz_span_set_##field (BzSpan     *self,        \
                       const char *value)       \
  {                                             \
    g_return_if_fail (BZ_IS_SPAN (self));       \
    g_free (self->field);                       \
    self->field = g_strdup (value);             \
  }

SPAN_STRING_SETTER (surface)
SPAN_STRING_SETTER (origin)
SPAN_STRING_SETTER (reviewer)
SPAN_STRING_SETTER (attributes)
SPAN_STRING_SETTER (note)
SPAN_STRING_SETTER (source)

void
bz_span_set_confidence (BzSpan *self,
                        double  confidence)
{
  g_return_if_fail (BZ_IS_SPAN (self));
  g_return_if_fail (confidence <= 1.0);

  self->confidence = confidence >= 0.0 ? confidence : -1.0;
}

void
bz_span_set_label (BzSpan     *self,
                   const char *label)
{
  g_return_if_fail (BZ_IS_SPAN (self));
  g_return_if_fail (label != NULL);

  g_free (self->label);
  self->label = g_strdup (label);
}

void
bz_span_set_id (BzSpan *self,
                gint64  id)
{
  g_return_if_fail (BZ_IS_SPAN (self));

  self->id = id;
}

void
bz_span_set_document_id (BzSpan *self,
                         gint64  document_id)
{
  g_return_if_fail (BZ_IS_SPAN (self));

  self->document_id = document_id;
}

void
bz_span_set_bounds (BzSpan *self,
                    gint64  start,
                    gint64  end)
{
  g_return_if_fail (BZ_IS_SPAN (self));

  self->start = start;
  self->end = end;
}

void
bz_span_set_status (BzSpan       *self,
                    BzSpanStatus  status)
{
  g_return_if_fail (BZ_IS_SPAN (self));
  g_return_if_fail (status <= BZ_SPAN_REJECTED);

  self->status = status;
}

void
bz_span_set_times (BzSpan *self,
                   gint64  created,
                   gint64  updated)
{
  g_return_if_fail (BZ_IS_SPAN (self));

  self->created = created;
  self->updated = updated;
}

/**
 * bz_span_compare:
 * @a: (type BzSpan*): a pointer to a #BzSpan pointer, as g_ptr_array_sort() passes
 * @b: (type BzSpan*): another
 *
 * Orders by start, then longer first (end descending), then label.
 *
 * Returns: negative, zero or positive
 */
int
bz_span_compare (gconstpointer a,
                 gconstpointer b)
{
  const BzSpan *sa = *(BzSpan * const *) a;
  const BzSpan *sb = *(BzSpan * const *) b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  if (sa->end != sb->end)
    return sa->end > sb->end ? -1 : 1;
  return g_strcmp0 (sa->label, sb->label);
}

/**
 * bz_span_compare_sureness:
 * @a: (type BzSpan*): a pointer to a #BzSpan pointer, as g_ptr_array_sort() passes
 * @b: (type BzSpan*): another
 *
 * Orders the least sure first: by confidence, a span without one before any,
 * then as bz_span_compare(), then by id, so that no two spans are equal.
 *
 * Returns: negative, zero or positive
 */
int
bz_span_compare_sureness (gconstpointer a,
                          gconstpointer b)
{
  BzSpan *sa = *(BzSpan * const *) a;
  BzSpan *sb = *(BzSpan * const *) b;
  double ca = bz_span_has_confidence (sa) ? bz_span_get_confidence (sa) : -1.0;
  double cb = bz_span_has_confidence (sb) ? bz_span_get_confidence (sb) : -1.0;
  int order;

  if (ca != cb)
    return ca < cb ? -1 : 1;
  order = bz_span_compare (a, b);
  if (order != 0)
    return order;
  return (sa->id > sb->id) - (sa->id < sb->id);
}
