/* bz-record.c: annotation records: spans, relations, surface checks, flattening, chunks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bz-text.h"
#include "bz-format-private.h"

void
_bz_text_index_init (BzTextIndex *index,
                     const char  *text)
{
  gint64 n = 0;
  gsize len = strlen (text);
  const char *p;

  index->text = text;
  /* At most one entry per byte, plus the end. */
  index->bytes = g_new (gsize, len + 1);
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    index->bytes[n++] = (gsize) (p - text);
  index->bytes[n] = len;
  index->n_chars = n;
}

void
_bz_text_index_clear (BzTextIndex *index)
{
  g_clear_pointer (&index->bytes, g_free);
}

void
_bz_text_index_append (const BzTextIndex *index,
                       GString           *out,
                       gint64             start,
                       gint64             end)
{
  g_assert (start >= 0 && start <= end && end <= index->n_chars);
  g_string_append_len (out, index->text + index->bytes[start],
                       index->bytes[end] - index->bytes[start]);
}

gboolean
_bz_text_index_equal (const BzTextIndex *index,
                      gint64             start,
                      gint64             end,
                      const char        *surface)
{
  gsize len;

  if (start < 0 || start > end || end > index->n_chars)
    return FALSE;
  len = index->bytes[end] - index->bytes[start];
  return strlen (surface) == len && memcmp (index->text + index->bytes[start], surface, len) == 0;
}

static void
record_span_clear (BzRecordSpan *span)
{
  g_free (span->label);
  g_free (span->surface);
  g_free (span->origin);
  g_free (span->reviewer);
  g_free (span->attributes);
  g_free (span->note);
  g_free (span->source);
}

static void
record_relation_clear (BzRecordRelation *relation)
{
  g_free (relation->type);
}

/**
 * bz_record_new:
 * @id: the document's id, or 0
 * @title: (nullable): its title
 * @text: the canonical text
 *
 * Returns: (transfer full): a record without spans
 */
BzRecord *
bz_record_new (gint64      id,
               const char *title,
               const char *text)
{
  BzRecord *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_new0 (BzRecord, 1);
  self->id = id;
  self->title = g_strdup (title);
  self->text = g_strdup (text);
  self->n_chars = g_utf8_strlen (text, -1);
  self->script = BZ_SCRIPT_UNKNOWN;
  self->status = BZ_DOCUMENT_NEW;
  self->spans = g_array_new (FALSE, TRUE, sizeof (BzRecordSpan));
  g_array_set_clear_func (self->spans, (GDestroyNotify) record_span_clear);
  self->relations = g_array_new (FALSE, TRUE, sizeof (BzRecordRelation));
  g_array_set_clear_func (self->relations, (GDestroyNotify) record_relation_clear);
  return self;
}

void
bz_record_free (BzRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->text);
  g_free (self->source_path);
  g_free (self->sha256);
  g_free (self->encoding);
  g_free (self->note);
  g_array_unref (self->spans);
  g_array_unref (self->relations);
  if (self->strings != NULL)
    g_string_chunk_free (self->strings);
  g_free (self);
}

BzRecordSpan *
bz_record_add_span (BzRecord     *self,
                    gint64        start,
                    gint64        end,
                    const char   *label,
                    BzSpanStatus  status,
                    const char   *origin)
{
  BzRecordSpan span = { 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);
  /* The spans of a record read from the store do not own their strings. */
  g_return_val_if_fail (self->strings == NULL, NULL);

  span.start = start;
  span.end = end;
  span.label = g_strdup (label);
  span.status = status;
  span.origin = g_strdup (origin);
  if (start >= 0 && start <= end && end <= self->n_chars)
    span.surface = bz_utf8_substring (self->text, start, end);
  g_array_append_val (self->spans, span);
  return &g_array_index (self->spans, BzRecordSpan, self->spans->len - 1);
}

void
bz_record_add_relation (BzRecord   *self,
                        guint       from,
                        guint       to,
                        const char *type)
{
  BzRecordRelation relation = { from, to, g_strdup (type) };

  g_return_if_fail (self != NULL);
  g_return_if_fail (from < self->spans->len && to < self->spans->len);

  g_array_append_val (self->relations, relation);
}

static int
span_compare (const BzRecordSpan *a,
              const BzRecordSpan *b)
{
  int cmp;

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end > b->end ? -1 : 1;
  cmp = g_strcmp0 (a->label, b->label);
  if (cmp != 0)
    return cmp;
  if (a->status != b->status)
    return a->status < b->status ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

static int
span_index_compare (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  GArray *spans = user_data;

  return span_compare (&g_array_index (spans, BzRecordSpan, *(const guint *) a),
                       &g_array_index (spans, BzRecordSpan, *(const guint *) b));
}

/* Keeps the spans whose @keep entry is TRUE in the order of @order, moving their
 * strings, and renumbers the relations (dropping those that lose an end). */
static void
record_reorder (BzRecord       *self,
                const guint    *order,
                const gboolean *keep)
{
  guint n = self->spans->len;
  g_autofree guint *new_index = g_new (guint, n);
  GArray *spans = g_array_sized_new (FALSE, TRUE, sizeof (BzRecordSpan), n);
  GArray *relations;

  if (self->strings == NULL)
    g_array_set_clear_func (spans, (GDestroyNotify) record_span_clear);
  for (guint i = 0; i < n; i++)
    {
      BzRecordSpan *span = &g_array_index (self->spans, BzRecordSpan, order[i]);

      new_index[order[i]] = G_MAXUINT;
      if (keep != NULL && !keep[order[i]])
        continue;
      new_index[order[i]] = spans->len;
      g_array_append_val (spans, *span);
      memset (span, 0, sizeof *span);
    }
  g_array_unref (self->spans);
  self->spans = spans;

  relations = g_array_new (FALSE, TRUE, sizeof (BzRecordRelation));
  g_array_set_clear_func (relations, (GDestroyNotify) record_relation_clear);
  for (guint i = 0; i < self->relations->len; i++)
    {
      BzRecordRelation *rel = &g_array_index (self->relations, BzRecordRelation, i);

      if (new_index[rel->from] == G_MAXUINT || new_index[rel->to] == G_MAXUINT)
        continue;
      g_array_append_val (relations, ((BzRecordRelation) { new_index[rel->from], new_index[rel->to], rel->type }));
      rel->type = NULL;
    }
  g_array_unref (self->relations);
  self->relations = relations;
}

void
_bz_record_keep_spans (BzRecord       *self,
                       const gboolean *keep)
{
  g_autofree guint *order = NULL;
  guint n_kept = 0;

  for (guint i = 0; i < self->spans->len; i++)
    n_kept += keep[i] ? 1 : 0;
  if (n_kept == self->spans->len)
    return;
  order = g_new (guint, self->spans->len + 1);
  for (guint i = 0; i < self->spans->len; i++)
    order[i] = i;
  record_reorder (self, order, keep);
}

/* Whether the spans are in the order of span_compare() already: what the
 * store's reader gives, so an export does not sort them again. */
static gboolean
spans_sorted (const GArray *spans)
{
  for (guint i = 1; i < spans->len; i++)
    if (span_compare (&g_array_index (spans, BzRecordSpan, i - 1), &g_array_index (spans, BzRecordSpan, i)) > 0)
      return FALSE;
  return TRUE;
}

void
bz_record_sort_spans (BzRecord *self)
{
  g_autofree guint *order = NULL;

  g_return_if_fail (self != NULL);

  if (spans_sorted (self->spans))
    return;
  order = g_new (guint, self->spans->len + 1);
  for (guint i = 0; i < self->spans->len; i++)
    order[i] = i;
  g_qsort_with_data (order, self->spans->len, sizeof (guint), span_index_compare, self->spans);
  for (guint i = 0; i < self->spans->len; i++)
    if (order[i] != i)
      {
        record_reorder (self, order, NULL);
        return;
      }
}

static void
describe_span (GString            *out,
               const BzRecord     *record,
               const BzRecordSpan *span)
{
  g_string_append_printf (out, "document %" G_GINT64_FORMAT, record->id);
  if (record->title != NULL)
    g_string_append_printf (out, " (%s)", record->title);
  g_string_append (out, ": span ");
  if (span->id != 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT " ", span->id);
  g_string_append_printf (out, "%s [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                          span->label, span->start + record->chunk_offset,
                          span->end + record->chunk_offset);
}

static int
compare_starts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GArray *spans = user_data;
  gint64 sa = g_array_index (spans, BzRecordSpan, *(const guint *) a).start;
  gint64 sb = g_array_index (spans, BzRecordSpan, *(const guint *) b).start;

  return sa < sb ? -1 : sa > sb;
}

gboolean
bz_record_check_surfaces (const BzRecord  *self,
                          GError         **error)
{
  g_autofree guint *order = NULL;
  const char *p;
  gint64 at = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  /* One walk through the text in the order of the spans' starts. */
  order = g_new (guint, self->spans->len + 1);
  for (guint i = 0; i < self->spans->len; i++)
    order[i] = i;
  if (!spans_sorted (self->spans))
    g_qsort_with_data (order, self->spans->len, sizeof (guint), compare_starts, self->spans);
  p = self->text;
  for (guint i = 0; i < self->spans->len; i++)
    {
      const BzRecordSpan *span = &g_array_index (self->spans, BzRecordSpan, order[i]);
      g_autoptr(GString) msg = NULL;
      const char *q;
      gint64 k;

      if (span->start < 0 || span->start >= span->end || span->end > self->n_chars)
        {
          msg = g_string_new (NULL);
          describe_span (msg, self, span);
          g_string_append_printf (msg, " lies outside the text of %" G_GINT64_FORMAT " characters",
                                  self->n_chars);
          g_set_error_literal (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_MISMATCH, msg->str);
          return FALSE;
        }
      for (; at < span->start; at++)
        p = g_utf8_next_char (p);
      if (span->surface == NULL)
        continue;
      for (q = p, k = span->start; k < span->end; k++)
        q = g_utf8_next_char (q);
      if (strlen (span->surface) == (gsize) (q - p) && memcmp (span->surface, p, q - p) == 0)
        continue;

      msg = g_string_new (NULL);
      describe_span (msg, self, span);
      g_string_append_printf (msg, ": the stored surface “%s” no longer matches the text “", span->surface);
      g_string_append_len (msg, p, q - p);
      g_string_append (msg, "” at its offsets");
      g_set_error_literal (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_MISMATCH, msg->str);
      return FALSE;
    }
  return TRUE;
}

guint
bz_record_flatten (BzRecord  *self,
                   GPtrArray *dropped)
{
  g_autofree gboolean *keep = NULL;
  gint64 kept_end = G_MININT64;
  const BzRecordSpan *kept = NULL;
  guint n_dropped = 0;

  g_return_val_if_fail (self != NULL, 0);

  bz_record_sort_spans (self);
  keep = g_new0 (gboolean, self->spans->len + 1);
  for (guint i = 0; i < self->spans->len; i++)
    {
      const BzRecordSpan *span = &g_array_index (self->spans, BzRecordSpan, i);

      /* Sorted by start then longer first: a span overlaps a kept one exactly
       * when it starts before the end of the last kept span. */
      if (span->start >= kept_end)
        {
          keep[i] = TRUE;
          kept_end = span->end;
          kept = span;
          continue;
        }
      n_dropped++;
      if (dropped != NULL)
        {
          GString *msg = g_string_new (NULL);

          describe_span (msg, self, span);
          g_string_append_printf (msg, " “%s” dropped: it overlaps %s [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                  span->surface != NULL ? span->surface : "", kept->label,
                                  kept->start + self->chunk_offset, kept->end + self->chunk_offset);
          g_ptr_array_add (dropped, g_string_free (msg, FALSE));
        }
    }
  if (n_dropped > 0)
    _bz_record_keep_spans (self, keep);
  return n_dropped;
}

static gboolean
is_sentence_end (gunichar c)
{
  return c == 0x3002 /* 。 */ || c == 0xFF01 /* ！ */ || c == 0xFF1F /* ？ */ ||
         c == 0xFF1B /* ； */ || c == '\n';
}

GPtrArray *
bz_record_chunk (const BzRecord  *self,
                 gint64           max_chars,
                 GError         **error)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_record_free);
  g_autofree gint64 *crossed = NULL;
  g_autofree gint64 *span_piece = NULL;
  BzTextIndex index;
  gint64 n;
  gint64 start = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (max_chars > 0, NULL);

  _bz_text_index_init (&index, self->text);
  n = index.n_chars;
  /* crossed[p] > 0 when a span covers both p - 1 and p: no cut may fall at p. */
  crossed = g_new0 (gint64, n + 2);
  for (guint i = 0; i < self->spans->len; i++)
    {
      const BzRecordSpan *span = &g_array_index (self->spans, BzRecordSpan, i);

      if (span->end - span->start > max_chars)
        {
          g_autoptr(GString) msg = g_string_new (NULL);

          describe_span (msg, self, span);
          g_string_append_printf (msg, " is longer than the chunk size of %" G_GINT64_FORMAT " characters",
                                  max_chars);
          g_set_error_literal (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED, msg->str);
          _bz_text_index_clear (&index);
          return NULL;
        }
      if (span->start >= 0 && span->end <= n && span->start < span->end)
        {
          crossed[span->start + 1]++;
          crossed[span->end]--;
        }
    }
  for (gint64 p = 1; p <= n; p++)
    crossed[p] += crossed[p - 1];

  while (start < n || pieces->len == 0)
    {
      gint64 cut = n;
      BzRecord *piece;
      g_autoptr(GString) text = g_string_new (NULL);

      if (n - start > max_chars)
        {
          gint64 sentence_cut = 0;
          gint64 any_cut = 0;

          for (gint64 p = start + max_chars; p > start; p--)
            {
              if (crossed[p] > 0)
                continue;
              if (any_cut == 0)
                any_cut = p;
              if (is_sentence_end (g_utf8_get_char (index.text + index.bytes[p - 1])))
                {
                  sentence_cut = p;
                  break;
                }
            }
          if (any_cut == 0)
            {
              /* Overlapping spans can chain into a stretch that no cut may enter. */
              g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                           "document %" G_GINT64_FORMAT ": overlapping spans from character %" G_GINT64_FORMAT
                           " on cover more than the chunk size of %" G_GINT64_FORMAT " characters",
                           self->id, start + self->chunk_offset, max_chars);
              _bz_text_index_clear (&index);
              return NULL;
            }
          cut = sentence_cut > 0 ? sentence_cut : any_cut;
        }

      _bz_text_index_append (&index, text, start, cut);
      piece = bz_record_new (self->id, self->title, text->str);
      piece->chunk_offset = self->chunk_offset + start;
      piece->chunked = TRUE;
      piece->source_path = g_strdup (self->source_path);
      piece->sha256 = g_strdup (self->sha256);
      piece->encoding = g_strdup (self->encoding);
      piece->script = self->script;
      piece->status = self->status;
      /* The document's note goes with its first piece, once. */
      if (pieces->len == 0)
        piece->note = g_strdup (self->note);
      g_ptr_array_add (pieces, piece);
      start = cut;
    }

  /* Every span falls in exactly one piece: rebase it there. */
  span_piece = g_new (gint64, self->spans->len + 1);
  for (guint i = 0; i < self->spans->len; i++)
    {
      const BzRecordSpan *span = &g_array_index (self->spans, BzRecordSpan, i);
      gint64 base;
      BzRecord *piece = NULL;
      BzRecordSpan copy;

      for (guint k = 0; k < pieces->len; k++)
        {
          BzRecord *candidate = g_ptr_array_index (pieces, k);

          base = candidate->chunk_offset - self->chunk_offset;
          if (span->start >= base && span->end <= base + candidate->n_chars)
            {
              piece = candidate;
              span_piece[i] = k;
              break;
            }
        }
      g_assert (piece != NULL);
      base = piece->chunk_offset - self->chunk_offset;
      copy = *span;
      copy.start -= base;
      copy.end -= base;
      copy.label = g_strdup (span->label);
      copy.surface = g_strdup (span->surface);
      copy.origin = g_strdup (span->origin);
      copy.reviewer = g_strdup (span->reviewer);
      copy.attributes = g_strdup (span->attributes);
      copy.note = g_strdup (span->note);
      copy.source = g_strdup (span->source);
      g_array_append_val (piece->spans, copy);
    }
  /* Relations stay when both ends landed in the same piece. */
  for (guint i = 0; i < self->relations->len; i++)
    {
      const BzRecordRelation *rel = &g_array_index (self->relations, BzRecordRelation, i);
      BzRecord *piece = g_ptr_array_index (pieces, span_piece[rel->from]);
      guint from = 0, to = 0;

      if (span_piece[rel->from] != span_piece[rel->to])
        continue;
      for (guint j = 0; j < rel->from; j++)
        from += span_piece[j] == span_piece[rel->from];
      for (guint j = 0; j < rel->to; j++)
        to += span_piece[j] == span_piece[rel->to];
      bz_record_add_relation (piece, from, to, rel->type);
    }

  _bz_text_index_clear (&index);
  return g_steal_pointer (&pieces);
}
