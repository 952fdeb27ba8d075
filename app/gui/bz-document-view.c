/* bz-document-view.c: a report in a read-only source view with its spans highlighted
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-document-view"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "bz-document-view.h"

/* A slice of idle highlighting stops after this many microseconds. */
#define SLICE_BUDGET_US 4000

/* Idle highlighting runs after each frame's layout and paint (the frame
 * clock's GDK_PRIORITY_REDRAW) but before the text view lays out the lines
 * off screen (GTK_TEXT_VIEW_PRIORITY_VALIDATE), so that those lines are laid
 * out once with their tags instead of once bare and again per slice. */
#define HIGHLIGHT_PRIORITY (GDK_PRIORITY_REDRAW + 2)

/* An update of more ranges than this highlights the report afresh rather
 * than range by range. */
#define MAX_INCREMENTAL_CHANGES 256

struct _BzDocumentView
{
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  GtkSourceView *view;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkLabel *search_count;

  GtkSourceBuffer *buffer;
  GtkSourceSearchContext *search;
  GCancellable *search_cancellable;

  BzStore *store;
  BzDocument *document;
  GPtrArray *spans;           /* BzSpan, by bz_span_compare () */
  GArray *warnings;           /* BzQualityWarning */
  GHashTable *tags;           /* "LABEL/status" -> GtkTextTag */
  GPtrArray *span_tags;       /* every tag of the table above */
  GtkTextTag *selected_tag;
  GtkTextTag *warning_tag;

  gint64 selected_id;
  /* Where the selected tag lies, so that moving it touches only that range
   * (its bold weight changes sizes: removing it from the whole buffer would
   * make the view lay out the whole report again). */
  gint64 selected_start;
  gint64 selected_end;
  guint next_index;
  guint highlight_id;
  gboolean show_rejected;
  gboolean moving_cursor;
};

G_DEFINE_FINAL_TYPE (BzDocumentView, bz_document_view, GTK_TYPE_WIDGET)

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
tag_key (const char   *label,
         BzSpanStatus  status)
{
  return g_strdup_printf ("%s/%s", label, bz_span_status_to_string (status));
}

static void
make_label_tags (BzDocumentView *self,
                 BzLabel        *label)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (GTK_TEXT_BUFFER (self->buffer));
  GdkRGBA colour;

  if (!gdk_rgba_parse (&colour, bz_label_get_color (label)))
    gdk_rgba_parse (&colour, "#999999");

  for (BzSpanStatus status = BZ_SPAN_SUGGESTED; status <= BZ_SPAN_REJECTED; status++)
    {
      g_autofree char *key = tag_key (bz_label_get_name (label), status);
      GtkTextTag *tag;
      GdkRGBA background = colour;

      if (g_hash_table_contains (self->tags, key))
        continue;

      tag = gtk_text_tag_new (NULL);
      switch (status)
        {
        case BZ_SPAN_ACCEPTED:
          background.alpha = 0.45;
          g_object_set (tag, "background-rgba", &background, NULL);
          break;
        case BZ_SPAN_SUGGESTED:
          background.alpha = 0.18;
          g_object_set (tag,
                        "background-rgba", &background,
                        "underline", PANGO_UNDERLINE_SINGLE,
                        "underline-rgba", &colour,
                        NULL);
          break;
        case BZ_SPAN_REJECTED:
          g_object_set (tag,
                        "strikethrough", TRUE,
                        "strikethrough-rgba", &colour,
                        "invisible", !self->show_rejected,
                        NULL);
          break;
        default:
          g_assert_not_reached ();
        }
      gtk_text_tag_table_add (table, tag);
      g_hash_table_insert (self->tags, g_steal_pointer (&key), tag);
      g_ptr_array_add (self->span_tags, tag);
    }
}

static void
ensure_tags (BzDocumentView *self)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;
  GdkRGBA strong, red;

  if (self->store == NULL)
    return;

  labels = bz_store_list_labels (self->store, &error);
  if (labels == NULL)
    {
      g_warning ("Cannot list the labels of %s: %s", bz_store_get_path (self->store), error->message);
      return;
    }
  for (guint i = 0; i < labels->len; i++)
    make_label_tags (self, g_ptr_array_index (labels, i));

  /* The selected and warning tags come last so that they win over label colours. */
  if (self->selected_tag == NULL)
    {
      gdk_rgba_parse (&strong, "#1c71d8");
      gdk_rgba_parse (&red, "#e01b24");
      self->selected_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "bz-selected",
                                                       "underline", PANGO_UNDERLINE_DOUBLE,
                                                       "underline-rgba", &strong,
                                                       "foreground-rgba", &strong,
                                                       NULL);
      self->warning_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "bz-warning",
                                                      "underline", PANGO_UNDERLINE_ERROR,
                                                      "underline-rgba", &red,
                                                      NULL);
    }
  else
    {
      /* Labels made after the first tags must stay below them. */
      int top = gtk_text_tag_table_get_size (gtk_text_buffer_get_tag_table (GTK_TEXT_BUFFER (self->buffer))) - 1;

      gtk_text_tag_set_priority (self->warning_tag, top);
      gtk_text_tag_set_priority (self->selected_tag, top);
    }
}

GtkTextTag *
bz_document_view_get_span_tag (BzDocumentView *self,
                               const char     *label,
                               BzSpanStatus    status)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (BZ_IS_DOCUMENT_VIEW (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  key = tag_key (label, status);
  return g_hash_table_lookup (self->tags, key);
}

GtkTextTag *
bz_document_view_get_selected_tag (BzDocumentView *self)
{
  g_return_val_if_fail (BZ_IS_DOCUMENT_VIEW (self), NULL);
  return self->selected_tag;
}

static void
apply_range (BzDocumentView *self,
             GtkTextTag     *tag,
             gint64          start,
             gint64          end)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter begin, stop;

  gtk_text_buffer_get_iter_at_offset (buffer, &begin, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &stop, (int) end);
  gtk_text_buffer_apply_tag (buffer, tag, &begin, &stop);
}

static void
apply_span (BzDocumentView *self,
            BzSpan         *span)
{
  GtkTextTag *tag = bz_document_view_get_span_tag (self, bz_span_get_label (span), bz_span_get_status (span));

  if (tag == NULL)
    {
      /* A label added to the schema after the view was made. */
      ensure_tags (self);
      tag = bz_document_view_get_span_tag (self, bz_span_get_label (span), bz_span_get_status (span));
      g_return_if_fail (tag != NULL);
    }
  apply_range (self, tag, bz_span_get_start (span), bz_span_get_end (span));
}

/* Applies the spans [@lo, @hi) of one line middle first, then each half the
 * same way. GtkTextBuffer splits a run of text at each tag boundary and counts
 * the characters of both pieces again, so tagging a paragraph of 200,000
 * characters from left to right rescans its untagged rest at every span;
 * halving keeps each rescan to the piece the span lies in. */
static void
apply_spans_halving (BzDocumentView *self,
                     guint           lo,
                     guint           hi)
{
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      apply_span (self, g_ptr_array_index (self->spans, mid));
      apply_spans_halving (self, lo, mid);
      lo = mid + 1;
    }
}

static gboolean
highlight_slice_cb (gpointer data)
{
  BzDocumentView *self = data;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  gint64 deadline = g_get_monotonic_time () + SLICE_BUDGET_US;

  /* Whole lines at a time: every slice makes the view lay out the lines it
   * touched again, so a long paragraph gets all its tags in one slice. */
  while (self->next_index < self->spans->len)
    {
      BzSpan *span = g_ptr_array_index (self->spans, self->next_index);
      guint last = self->next_index + 1;
      gint64 line_end;
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) bz_span_get_start (span));
      gtk_text_iter_forward_to_line_end (&iter);
      line_end = gtk_text_iter_get_offset (&iter);
      while (last < self->spans->len && bz_span_get_start (g_ptr_array_index (self->spans, last)) < line_end)
        last++;

      apply_spans_halving (self, self->next_index, last);
      self->next_index = last;
      if (self->next_index < self->spans->len && g_get_monotonic_time () >= deadline)
        return G_SOURCE_CONTINUE;
    }

  self->highlight_id = 0;
  return G_SOURCE_REMOVE;
}

static void
visible_offsets (BzDocumentView *self,
                 gint64         *first,
                 gint64         *last)
{
  GdkRectangle rect;
  GtkTextIter iter;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self->view), &rect);
  gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self->view), &iter, rect.x, rect.y);
  *first = gtk_text_iter_get_offset (&iter);
  gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self->view), &iter,
                                      rect.x + rect.width, rect.y + rect.height);
  gtk_text_iter_forward_line (&iter);
  *last = gtk_text_iter_get_offset (&iter);
}

static void
remove_highlights (BzDocumentView *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter begin, end;

  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  for (guint i = 0; i < self->span_tags->len; i++)
    gtk_text_buffer_remove_tag (buffer, g_ptr_array_index (self->span_tags, i), &begin, &end);
  if (self->selected_tag != NULL)
    gtk_text_buffer_remove_tag (buffer, self->selected_tag, &begin, &end);
  self->selected_start = self->selected_end = 0;
}

/* Highlights what is on screen at once and the rest in idle slices. */
static void
start_highlighting (BzDocumentView *self)
{
  gint64 first, last;

  g_clear_handle_id (&self->highlight_id, g_source_remove);
  remove_highlights (self);

  visible_offsets (self, &first, &last);
  for (guint i = 0; i < self->spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (self->spans, i);

      if (bz_span_get_start (span) >= last)
        break;
      if (bz_span_get_end (span) > first)
        apply_span (self, span);
    }

  self->next_index = 0;
  if (self->spans->len > 0)
    self->highlight_id = g_idle_add_full (HIGHLIGHT_PRIORITY, highlight_slice_cb, self, NULL);
}

void
bz_document_view_flush_highlights (BzDocumentView *self)
{
  g_return_if_fail (BZ_IS_DOCUMENT_VIEW (self));

  g_clear_handle_id (&self->highlight_id, g_source_remove);
  apply_spans_halving (self, self->next_index, self->spans->len);
  self->next_index = self->spans->len;
}

gboolean
bz_document_view_is_highlighted (BzDocumentView *self)
{
  g_return_val_if_fail (BZ_IS_DOCUMENT_VIEW (self), FALSE);
  return self->next_index >= self->spans->len;
}

static BzSpan *
find_span (BzDocumentView *self,
           gint64          span_id)
{
  for (guint i = 0; i < self->spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (self->spans, i);

      if (bz_span_get_id (span) == span_id)
        return span;
    }
  return NULL;
}

BzSpan *
bz_document_view_span_covering (BzDocumentView *self,
                                gint64          start,
                                gint64          end)
{
  BzSpan *best = NULL;

  g_return_val_if_fail (BZ_IS_DOCUMENT_VIEW (self), NULL);

  for (guint i = 0; i < self->spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (self->spans, i);

      if (bz_span_get_start (span) > start)
        break;
      if (bz_span_get_end (span) < MAX (end, start + 1))
        continue;
      if (bz_span_get_status (span) == BZ_SPAN_REJECTED && !self->show_rejected)
        continue;
      if (best == NULL || bz_span_get_end (span) - bz_span_get_start (span) < bz_span_get_end (best) - bz_span_get_start (best))
        best = span;
    }
  return best;
}

/* The shortest span holding @offset: the innermost of nested ones. */
static BzSpan *
span_at_offset (BzDocumentView *self,
                gint64          offset)
{
  return bz_document_view_span_covering (self, offset, offset + 1);
}

/* Removes the @n_tags tags of @tags from [@start, @end). */
static void
remove_range (BzDocumentView  *self,
              GtkTextTag     **tags,
              guint            n_tags,
              gint64           start,
              gint64           end)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter begin, stop;

  gtk_text_buffer_get_iter_at_offset (buffer, &begin, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &stop, (int) end);
  for (guint i = 0; i < n_tags; i++)
    gtk_text_buffer_remove_tag (buffer, tags[i], &begin, &stop);
}

static void
mark_selected (BzDocumentView *self)
{
  BzSpan *span;

  if (self->selected_end > self->selected_start)
    remove_range (self, &self->selected_tag, 1, self->selected_start, self->selected_end);
  self->selected_start = self->selected_end = 0;

  span = self->selected_id != 0 ? find_span (self, self->selected_id) : NULL;
  if (span == NULL)
    self->selected_id = 0;
  else
    {
      self->selected_start = bz_span_get_start (span);
      self->selected_end = bz_span_get_end (span);
      apply_range (self, self->selected_tag, self->selected_start, self->selected_end);
    }
}

void
bz_document_view_select_span (BzDocumentView *self,
                              gint64          span_id)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  BzSpan *span;

  g_return_if_fail (BZ_IS_DOCUMENT_VIEW (self));

  buffer = GTK_TEXT_BUFFER (self->buffer);
  self->selected_id = span_id;
  mark_selected (self);

  span = self->selected_id != 0 ? find_span (self, self->selected_id) : NULL;
  if (span != NULL)
    {
      self->moving_cursor = TRUE;
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) bz_span_get_start (span));
      gtk_text_buffer_place_cursor (buffer, &iter);
      self->moving_cursor = FALSE;
      gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->view), &iter, 0.1, FALSE, 0, 0);
    }
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

BzSpan *
bz_document_view_get_selected_span (BzDocumentView *self)
{
  g_return_val_if_fail (BZ_IS_DOCUMENT_VIEW (self), NULL);
  return self->selected_id != 0 ? find_span (self, self->selected_id) : NULL;
}

gboolean
bz_document_view_get_selection (BzDocumentView *self,
                                gint64         *start,
                                gint64         *end)
{
  GtkTextIter begin, stop;

  g_return_val_if_fail (BZ_IS_DOCUMENT_VIEW (self), FALSE);

  if (!gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->buffer), &begin, &stop))
    return FALSE;
  *start = gtk_text_iter_get_offset (&begin);
  *end = gtk_text_iter_get_offset (&stop);
  return TRUE;
}

void
bz_document_view_select_range (BzDocumentView *self,
                               gint64          start,
                               gint64          end)
{
  GtkTextBuffer *buffer;
  GtkTextIter begin, stop;

  g_return_if_fail (BZ_IS_DOCUMENT_VIEW (self));

  buffer = GTK_TEXT_BUFFER (self->buffer);
  gtk_text_buffer_get_iter_at_offset (buffer, &begin, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &stop, (int) end);
  gtk_text_buffer_select_range (buffer, &begin, &stop);
}

/* A click inside a span selects it; selecting text leaves no span selected. */
static void
cursor_moved_cb (BzDocumentView *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter iter;
  BzSpan *span;
  gint64 id = 0;

  if (self->moving_cursor)
    return;

  if (!gtk_text_buffer_get_has_selection (buffer))
    {
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      span = span_at_offset (self, gtk_text_iter_get_offset (&iter));
      id = span != NULL ? bz_span_get_id (span) : 0;
    }
  if (id != self->selected_id)
    {
      self->selected_id = id;
      mark_selected (self);
    }
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/* Adds [@start, @end) to @ranges (pairs of offsets). */
static void
add_range (GArray *ranges,
           gint64  start,
           gint64  end)
{
  gint64 pair[2] = { start, end };

  g_array_append_vals (ranges, pair, 2);
}

/* Shows @spans in place of the shown spans and highlights again only @ranges
 * (pairs of offsets): each range loses its span tags and gets back those of
 * every span over it, since a tag removed from a range also leaves the spans
 * there that share it. */
static void
replace_spans (BzDocumentView *self,
               GPtrArray      *spans,
               GArray         *ranges)
{
  g_ptr_array_unref (self->spans);
  self->spans = g_ptr_array_ref (spans);
  self->next_index = spans->len;

  for (guint r = 0; r < ranges->len; r += 2)
    {
      gint64 start = g_array_index (ranges, gint64, r);
      gint64 end = g_array_index (ranges, gint64, r + 1);

      remove_range (self, (GtkTextTag **) self->span_tags->pdata, self->span_tags->len, start, end);
      for (guint i = 0; i < spans->len; i++)
        {
          BzSpan *span = g_ptr_array_index (spans, i);

          if (bz_span_get_start (span) >= end)
            break;
          if (bz_span_get_end (span) > start)
            apply_span (self, span);
        }
    }
}

/* Whether the shown spans can be changed range by range: the report is fully
 * highlighted, and no more than MAX_INCREMENTAL_CHANGES ranges change. */
static gboolean
can_update (BzDocumentView *self,
            guint           n_changes)
{
  return self->document != NULL && self->spans->len > 0 && bz_document_view_is_highlighted (self) &&
         n_changes <= MAX_INCREMENTAL_CHANGES;
}

/**
 * bz_document_view_update_spans:
 * @span_ids: (element-type gint64) (nullable): spans of the shown document
 *   that were added, changed or removed, as #BzStore::spans-changed lists
 *   them; %NULL when they are too many to list
 *
 * Reads the listed spans again and shows them as stored: only their ranges are
 * highlighted again, and every other span keeps its object. Too many changes,
 * or a report not yet fully highlighted, reload all spans instead.
 */
void
bz_document_view_update_spans (BzDocumentView *self,
                               const GArray   *span_ids)
{
  g_autoptr(GHashTable) changed = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GArray) ranges = NULL;

  g_return_if_fail (BZ_IS_DOCUMENT_VIEW (self));

  if (span_ids != NULL && span_ids->len == 0)
    return;
  if (span_ids == NULL || !can_update (self, 2 * span_ids->len))
    {
      bz_document_view_reload_spans (self);
      return;
    }

  changed = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < span_ids->len; i++)
    g_hash_table_add (changed, &g_array_index (span_ids, gint64, i));

  ranges = g_array_new (FALSE, FALSE, sizeof (gint64));
  spans = g_ptr_array_new_full (self->spans->len + span_ids->len, g_object_unref);
  for (guint i = 0; i < self->spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (self->spans, i);
      gint64 id = bz_span_get_id (span);

      if (g_hash_table_contains (changed, &id))
        add_range (ranges, bz_span_get_start (span), bz_span_get_end (span));
      else
        g_ptr_array_add (spans, g_object_ref (span));
    }

  for (guint i = 0; i < span_ids->len; i++)
    {
      gint64 id = g_array_index (span_ids, gint64, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(BzSpan) span = NULL;
      guint lo = 0, hi = spans->len;

      /* Listed twice: read once. */
      if (!g_hash_table_remove (changed, &id))
        continue;
      span = bz_store_get_span (self->store, id, &error);
      if (span == NULL)
        {
          if (!g_error_matches (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND))
            {
              g_warning ("Cannot read span %" G_GINT64_FORMAT ": %s", id, error->message);
              bz_document_view_reload_spans (self);
              return;
            }
          continue;  /* deleted */
        }
      if (bz_span_get_document_id (span) != bz_document_get_id (self->document))
        continue;
      add_range (ranges, bz_span_get_start (span), bz_span_get_end (span));
      /* Into its place by bz_span_compare(). */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (bz_span_compare (&spans->pdata[mid], &span) <= 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      g_ptr_array_insert (spans, (int) lo, g_steal_pointer (&span));
    }

  replace_spans (self, spans, ranges);
  mark_selected (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
bz_document_view_reload_spans (BzDocumentView *self)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BZ_IS_DOCUMENT_VIEW (self));

  if (self->document == NULL)
    spans = g_ptr_array_new_with_free_func (g_object_unref);
  else
    spans = bz_store_list_spans (self->store, bz_document_get_id (self->document), &error);
  if (spans == NULL)
    {
      g_warning ("Cannot list the spans of “%s”: %s", bz_document_get_title (self->document), error->message);
      spans = g_ptr_array_new_with_free_func (g_object_unref);
    }

  g_ptr_array_unref (self->spans);
  self->spans = g_steal_pointer (&spans);
  start_highlighting (self);
  mark_selected (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
load_warnings (BzDocumentView *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->warnings, g_array_unref);
  if (self->document == NULL)
    return;

  self->warnings = bz_store_list_warnings (self->store, bz_document_get_id (self->document), &error);
  if (self->warnings == NULL)
    {
      g_warning ("Cannot list the warnings of “%s”: %s", bz_document_get_title (self->document), error->message);
      return;
    }
  for (guint i = 0; i < self->warnings->len; i++)
    {
      BzQualityWarning *warning = &g_array_index (self->warnings, BzQualityWarning, i);

      apply_range (self, self->warning_tag, warning->start, MAX (warning->end, warning->start + 1));
    }
}

void
bz_document_view_set_document (BzDocumentView *self,
                               BzDocument     *document)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_return_if_fail (BZ_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (document == NULL || BZ_IS_DOCUMENT (document));
  g_return_if_fail (document == NULL || self->store != NULL);

  buffer = GTK_TEXT_BUFFER (self->buffer);
  g_set_object (&self->document, document);
  self->selected_id = 0;
  g_clear_handle_id (&self->highlight_id, g_source_remove);
  g_ptr_array_set_size (self->spans, 0);

  self->moving_cursor = TRUE;
  gtk_text_buffer_set_text (buffer, document != NULL ? bz_document_get_text (document) : "", -1);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  self->moving_cursor = FALSE;

  load_warnings (self);
  bz_document_view_reload_spans (self);
}

BzDocument *
bz_document_view_get_document (BzDocumentView *self)
{
  g_return_val_if_fail (BZ_IS_DOCUMENT_VIEW (self), NULL);
  return self->document;
}

GPtrArray *
bz_document_view_get_spans (BzDocumentView *self)
{
  g_return_val_if_fail (BZ_IS_DOCUMENT_VIEW (self), NULL);
  return self->spans;
}

void
bz_document_view_set_store (BzDocumentView *self,
                            BzStore        *store)
{
  g_return_if_fail (BZ_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (BZ_IS_STORE (store));

  if (g_set_object (&self->store, store))
    ensure_tags (self);
}

void
bz_document_view_set_show_rejected (BzDocumentView *self,
                                    gboolean        show_rejected)
{
  g_return_if_fail (BZ_IS_DOCUMENT_VIEW (self));

  self->show_rejected = !!show_rejected;
  for (guint i = 0; i < self->span_tags->len; i++)
    {
      GtkTextTag *tag = g_ptr_array_index (self->span_tags, i);
      gboolean strikethrough;

      g_object_get (tag, "strikethrough", &strikethrough, NULL);
      if (strikethrough)
        g_object_set (tag, "invisible", !self->show_rejected, NULL);
    }
}

GtkWidget *
bz_document_view_get_text_view (BzDocumentView *self)
{
  g_return_val_if_fail (BZ_IS_DOCUMENT_VIEW (self), NULL);
  return GTK_WIDGET (self->view);
}

static void
append_span_tooltip (GString *text,
                     BzSpan  *span)
{
  g_autofree char *surface = g_markup_escape_text (bz_span_get_surface (span) ? bz_span_get_surface (span) : "", -1);

  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append_printf (text, "<b>%s</b> %s · %s\n", surface,
                          bz_span_get_label (span), bz_span_status_to_string (bz_span_get_status (span)));
  g_string_append_printf (text, _("Origin: %s"), bz_span_get_origin (span));
  if (bz_span_get_reviewer (span) != NULL && *bz_span_get_reviewer (span) != '\0')
    {
      g_autofree char *reviewer = g_markup_escape_text (bz_span_get_reviewer (span), -1);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Reviewer: %s"), reviewer);
    }
  if (bz_span_get_note (span) != NULL && *bz_span_get_note (span) != '\0')
    {
      g_autofree char *note = g_markup_escape_text (bz_span_get_note (span), -1);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Note: %s"), note);
    }
}

static gboolean
query_tooltip_cb (BzDocumentView *self,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkTextIter iter;
  gint64 offset;
  int bx, by;

  if (keyboard)
    {
      GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);

      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
    }
  else
    {
      gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self->view), GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
      if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self->view), &iter, bx, by))
        return FALSE;
    }
  offset = gtk_text_iter_get_offset (&iter);

  for (guint i = 0; i < self->spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (self->spans, i);

      if (bz_span_get_start (span) > offset)
        break;
      if (bz_span_get_end (span) > offset)
        append_span_tooltip (text, span);
    }
  for (guint i = 0; self->warnings != NULL && i < self->warnings->len; i++)
    {
      BzQualityWarning *warning = &g_array_index (self->warnings, BzQualityWarning, i);

      if (warning->start <= offset && offset < MAX (warning->end, warning->start + 1))
        {
          g_autofree char *description = bz_quality_warning_describe (warning, bz_document_get_text (self->document));
          g_autofree char *message = g_markup_escape_text (description, -1);

          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append_printf (text, "⚠ %s", message);
        }
    }

  if (text->len == 0)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, text->str);
  return TRUE;
}

/* "3 of 12" once a match is selected, "12 matches" before. */
static void
update_search_count (BzDocumentView *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  int count = gtk_source_search_context_get_occurrences_count (self->search);
  int position = -1;
  g_autofree char *text = NULL;
  GtkTextIter begin, end;

  if (gtk_text_buffer_get_selection_bounds (buffer, &begin, &end))
    position = gtk_source_search_context_get_occurrence_position (self->search, &begin, &end);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    text = g_strdup ("");
  else if (count < 0)
    text = g_strdup ("…");
  else if (count == 0)
    text = g_strdup (_("No match"));
  else if (position > 0)
    text = g_strdup_printf (_("%d of %d"), position, count);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d match", "%d matches", count), count);
  gtk_label_set_text (self->search_count, text);
}

static void
search_changed_cb (BzDocumentView *self)
{
  GtkSourceSearchSettings *settings = gtk_source_search_context_get_settings (self->search);

  gtk_source_search_context_set_highlight (self->search, TRUE);
  gtk_source_search_settings_set_search_text (settings, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_search_count (self);
}

/* A match selects the span it lies in (the innermost), so that a decision on
 * what the search found takes effect at once. */
static void
land_on_match (BzDocumentView    *self,
               const GtkTextIter *begin,
               const GtkTextIter *end)
{
  BzSpan *best = bz_document_view_span_covering (self, gtk_text_iter_get_offset (begin),
                                                 gtk_text_iter_get_offset (end));

  gtk_text_buffer_select_range (GTK_TEXT_BUFFER (self->buffer), begin, end);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->view), (GtkTextIter *) begin, 0.1, FALSE, 0, 0);
  update_search_count (self);
  if (best != NULL)
    bz_document_view_select_span (self, bz_span_get_id (best));
}

typedef struct
{
  BzDocumentView *self;
  gboolean        backward;
  gboolean        focus_report;
} SearchJump;

static void
search_jump_free (SearchJump *jump)
{
  g_object_unref (jump->self);
  g_free (jump);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchJump, search_jump_free)

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(SearchJump) jump = data;
  GtkSourceSearchContext *search = GTK_SOURCE_SEARCH_CONTEXT (object);
  GtkTextIter begin, end;
  gboolean found;

  found = jump->backward
          ? gtk_source_search_context_backward_finish (search, result, &begin, &end, NULL, NULL)
          : gtk_source_search_context_forward_finish (search, result, &begin, &end, NULL, NULL);
  if (!found)
    return;
  land_on_match (jump->self, &begin, &end);
  if (jump->focus_report)
    gtk_widget_grab_focus (GTK_WIDGET (jump->self->view));
}

static void
search_jump (BzDocumentView *self,
             gboolean        backward,
             gboolean        focus_report)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  SearchJump *jump = g_new0 (SearchJump, 1);
  GtkTextIter begin, end;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();
  jump->self = g_object_ref (self);
  jump->backward = backward;
  jump->focus_report = focus_report;

  gtk_text_buffer_get_selection_bounds (buffer, &begin, &end);
  if (backward)
    gtk_source_search_context_backward_async (self->search, &begin, self->search_cancellable,
                                              search_done_cb, jump);
  else
    gtk_source_search_context_forward_async (self->search, &end, self->search_cancellable,
                                             search_done_cb, jump);
}

static void
search_next_cb (BzDocumentView *self)
{
  search_jump (self, FALSE, FALSE);
}

static void
search_previous_cb (BzDocumentView *self)
{
  search_jump (self, TRUE, FALSE);
}

/* Enter in the search field: to the match, and the keys go to the report. */
static void
search_activate_cb (BzDocumentView *self)
{
  search_jump (self, FALSE, TRUE);
}

void
bz_document_view_search_step (BzDocumentView *self,
                              int             step)
{
  g_return_if_fail (BZ_IS_DOCUMENT_VIEW (self));

  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    {
      bz_document_view_show_search (self);
      return;
    }
  gtk_source_search_context_set_highlight (self->search, TRUE);
  search_jump (self, step < 0, FALSE);
}

/* Esc: the search bar closes and its highlights go with it. */
static void
search_stop_cb (BzDocumentView *self)
{
  gtk_source_search_context_set_highlight (self->search, FALSE);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

void
bz_document_view_show_search (BzDocumentView *self)
{
  g_return_if_fail (BZ_IS_DOCUMENT_VIEW (self));

  gtk_source_search_context_set_highlight (self->search, TRUE);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GtkSourceSearchContext *
bz_document_view_get_search (BzDocumentView *self)
{
  g_return_val_if_fail (BZ_IS_DOCUMENT_VIEW (self), NULL);
  return self->search;
}

const char *
bz_document_view_get_search_count (BzDocumentView *self)
{
  g_return_val_if_fail (BZ_IS_DOCUMENT_VIEW (self), NULL);
  return gtk_label_get_text (self->search_count);
}

static gboolean
bz_document_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (BZ_DOCUMENT_VIEW (widget)->view));
}

static void
bz_document_view_dispose (GObject *object)
{
  BzDocumentView *self = BZ_DOCUMENT_VIEW (object);

  g_clear_handle_id (&self->highlight_id, g_source_remove);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BZ_TYPE_DOCUMENT_VIEW);
  g_clear_object (&self->search);
  g_clear_object (&self->buffer);
  g_clear_object (&self->document);
  g_clear_object (&self->store);
  g_clear_pointer (&self->warnings, g_array_unref);
  g_clear_pointer (&self->tags, g_hash_table_unref);
  g_clear_pointer (&self->span_tags, g_ptr_array_unref);
  g_clear_pointer (&self->spans, g_ptr_array_unref);

  G_OBJECT_CLASS (bz_document_view_parent_class)->dispose (object);
}

static void
bz_document_view_class_init (BzDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bz_document_view_dispose;
  widget_class->grab_focus = bz_document_view_grab_focus;

  /* The selected span or the selected text changed. */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/biaozhu/Workbench/bz-document-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, BzDocumentView, scroller);
  gtk_widget_class_bind_template_child (widget_class, BzDocumentView, view);
  gtk_widget_class_bind_template_child (widget_class, BzDocumentView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, BzDocumentView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BzDocumentView, search_count);
  gtk_widget_class_bind_template_callback (widget_class, query_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
}

static void
bz_document_view_init (BzDocumentView *self)
{
  GtkBoxLayout *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->spans = g_ptr_array_new_with_free_func (g_object_unref);
  self->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->span_tags = g_ptr_array_new ();
  self->show_rejected = TRUE;

  /* An annotation view needs no highlighting of syntax or brackets. */
  self->buffer = gtk_source_buffer_new (NULL);
  gtk_source_buffer_set_highlight_syntax (self->buffer, FALSE);
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, FALSE);
  gtk_source_buffer_set_implicit_trailing_newline (self->buffer, FALSE);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->view), GTK_TEXT_BUFFER (self->buffer));
  g_signal_connect_object (self->buffer, "notify::cursor-position",
                           G_CALLBACK (cursor_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->buffer, "notify::has-selection",
                           G_CALLBACK (cursor_moved_cb), self, G_CONNECT_SWAPPED);

  self->search = gtk_source_search_context_new (self->buffer, NULL);
  gtk_source_search_context_set_highlight (self->search, TRUE);
  g_signal_connect_object (self->search, "notify::occurrences-count",
                           G_CALLBACK (update_search_count), self, G_CONNECT_SWAPPED);
}
