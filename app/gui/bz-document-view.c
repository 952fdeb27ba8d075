/* bz-document-view.c: a report in a read-only source view with its spans highlighted
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-document-view"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "bz-document-view.h"
#include "bz-report-view.h"

/* An update of more spans than this lists the spans of the report again in
 * one query rather than reading each changed span by itself. */
#define MAX_INCREMENTAL_CHANGES 256

struct _BzDocumentView
{
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  BzReportView *view;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkLabel *search_count;

  GtkSourceBuffer *buffer;
  GtkSourceSearchContext *search;
  GCancellable *search_cancellable;

  BzStore *store;
  BzDocument *document;
  GPtrArray *spans;           /* BzSpan, by bz_span_compare () */
  GPtrArray *relations;       /* BzRelation between them */
  GArray *warnings;           /* BzQualityWarning */
  GtkTextTag *warning_tag;

  gint64 selected_id;
  gboolean moving_cursor;
};

G_DEFINE_FINAL_TYPE (BzDocumentView, bz_document_view, GTK_TYPE_WIDGET)

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The label colours, again after a label was added to the schema. */
static void
load_labels (BzDocumentView *self)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;

  labels = bz_store_list_labels (self->store, &error);
  if (labels == NULL)
    {
      g_warning ("Cannot list the labels of %s: %s", bz_store_get_path (self->store), error->message);
      return;
    }
  bz_report_view_set_labels (self->view, labels);
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
  gboolean show_rejected = bz_report_view_get_show_rejected (self->view);
  BzSpan *best = NULL;

  g_return_val_if_fail (BZ_IS_DOCUMENT_VIEW (self), NULL);

  for (guint i = 0; i < self->spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (self->spans, i);

      if (bz_span_get_start (span) > start)
        break;
      if (bz_span_get_end (span) < MAX (end, start + 1))
        continue;
      if (bz_span_get_status (span) == BZ_SPAN_REJECTED && !show_rejected)
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

static void
mark_selected (BzDocumentView *self)
{
  if (self->selected_id != 0 && find_span (self, self->selected_id) == NULL)
    self->selected_id = 0;
  bz_report_view_set_selected (self->view, self->selected_id);
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

static void
load_relations (BzDocumentView *self)
{
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_relations = 0;

  /* Listing a report's relations reads its spans: not for a workspace that
   * has none at all, the common case, at each decision. */
  if (self->document != NULL)
    n_relations = bz_store_count_relations (self->store, &error);
  if (n_relations > 0)
    relations = bz_store_list_relations (self->store, bz_document_get_id (self->document), &error);
  if (relations == NULL)
    {
      if (error != NULL)
        g_warning ("Cannot list the relations of “%s”: %s", bz_document_get_title (self->document), error->message);
      relations = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_relation_free);
    }
  g_ptr_array_unref (self->relations);
  self->relations = g_steal_pointer (&relations);
  bz_report_view_set_relations (self->view, self->relations);
}

/* Shows @spans in place of the shown spans. */
static void
replace_spans (BzDocumentView *self,
               GPtrArray      *spans)
{
  g_ptr_array_unref (self->spans);
  self->spans = g_ptr_array_ref (spans);
  bz_report_view_set_spans (self->view, self->spans);
}

/**
 * bz_document_view_update_spans:
 * @span_ids: (element-type gint64) (nullable): spans of the shown document
 *   that were added, changed or removed, as #BzStore::spans-changed lists
 *   them (empty when only relations changed); %NULL when they are too many
 *   to list
 *
 * Reads the listed spans and the relations again and shows them as stored:
 * every other span keeps its object. Too many changes reload all spans.
 */
void
bz_document_view_update_spans (BzDocumentView *self,
                               const GArray   *span_ids)
{
  g_autoptr(GHashTable) changed = NULL;
  g_autoptr(GPtrArray) spans = NULL;

  g_return_if_fail (BZ_IS_DOCUMENT_VIEW (self));

  if (self->document == NULL)
    return;
  if (span_ids != NULL && span_ids->len == 0)
    {
      /* Only relations changed. */
      load_relations (self);
      return;
    }
  if (span_ids == NULL || span_ids->len > MAX_INCREMENTAL_CHANGES)
    {
      bz_document_view_reload_spans (self);
      return;
    }

  changed = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < span_ids->len; i++)
    g_hash_table_add (changed, &g_array_index (span_ids, gint64, i));

  /* In place, in the view too: the spans of a large report are not copied
   * for one decision. */
  spans = g_ptr_array_ref (self->spans);
  for (guint i = spans->len; i-- > 0;)
    {
      gint64 id = bz_span_get_id (g_ptr_array_index (spans, i));

      if (g_hash_table_contains (changed, &id))
        {
          g_ptr_array_remove_index (spans, i);
          bz_report_view_splice_spans (self->view, i, 1, NULL, 0);
        }
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
      /* Into its place by bz_span_compare(). */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (bz_span_compare (&spans->pdata[mid], &span) <= 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      bz_report_view_splice_spans (self->view, lo, 0, &span, 1);
      g_ptr_array_insert (spans, (int) lo, g_steal_pointer (&span));
    }

  load_relations (self);
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

  replace_spans (self, spans);
  load_relations (self);
  mark_selected (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

GPtrArray *
bz_document_view_get_relations (BzDocumentView *self)
{
  g_return_val_if_fail (BZ_IS_DOCUMENT_VIEW (self), NULL);
  return self->relations;
}

static void
load_warnings (BzDocumentView *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
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
      GtkTextIter begin, stop;

      gtk_text_buffer_get_iter_at_offset (buffer, &begin, (int) warning->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &stop, (int) MAX (warning->end, warning->start + 1));
      gtk_text_buffer_apply_tag (buffer, self->warning_tag, &begin, &stop);
    }
}

void
bz_document_view_set_document (BzDocumentView *self,
                               BzDocument     *document)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_return_if_fail (BZ_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (document == NULL || BZ_IS_DOCUMENT (document));
  g_return_if_fail (document == NULL || self->store != NULL);

  buffer = GTK_TEXT_BUFFER (self->buffer);
  g_set_object (&self->document, document);
  self->selected_id = 0;
  /* Nothing of the report before is drawn over the new text. */
  bz_report_view_set_relations (self->view, NULL);
  bz_report_view_set_spans (self->view, none);

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
    load_labels (self);
}

void
bz_document_view_set_show_rejected (BzDocumentView *self,
                                    gboolean        show_rejected)
{
  g_return_if_fail (BZ_IS_DOCUMENT_VIEW (self));

  bz_report_view_set_show_rejected (self->view, show_rejected);
}

gboolean
bz_document_view_get_show_rejected (BzDocumentView *self)
{
  g_return_val_if_fail (BZ_IS_DOCUMENT_VIEW (self), FALSE);
  return bz_report_view_get_show_rejected (self->view);
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

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BZ_TYPE_DOCUMENT_VIEW);
  g_clear_object (&self->search);
  g_clear_object (&self->buffer);
  g_clear_object (&self->document);
  g_clear_object (&self->store);
  g_clear_pointer (&self->warnings, g_array_unref);
  g_clear_pointer (&self->spans, g_ptr_array_unref);
  g_clear_pointer (&self->relations, g_ptr_array_unref);

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

  g_type_ensure (BZ_TYPE_REPORT_VIEW);
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
  self->relations = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_relation_free);

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
  self->warning_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "bz-warning",
                                                  "underline", PANGO_UNDERLINE_ERROR,
                                                  "underline-rgba", &(GdkRGBA) { 0.878f, 0.106f, 0.141f, 1.0f },
                                                  NULL);

  self->search = gtk_source_search_context_new (self->buffer, NULL);
  gtk_source_search_context_set_highlight (self->search, TRUE);
  g_signal_connect_object (self->search, "notify::occurrences-count",
                           G_CALLBACK (update_search_count), self, G_CONNECT_SWAPPED);
}
