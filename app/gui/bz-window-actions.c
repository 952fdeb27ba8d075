/* bz-window-actions.c: the review actions of the window and their keys
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bz-note-popover.h"
#include "bz-occurrences-dialog.h"
#include "bz-window-private.h"

/* Every action stores its change first; the view follows the store's
 * "spans-changed" signal, so it shows nothing the store refused. */

static void
keep_focus (BzWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

static gboolean
check (BzWindow *self,
       gboolean  ok,
       GError   *error)
{
  if (!ok)
    _bz_window_toast_error (self, error);
  keep_focus (self);
  return ok;
}

/* Whether a decision moves on to the next undecided suggestion (the
 * preference; on without the settings schema). */
static gboolean
advances (BzWindow *self)
{
  return self->settings == NULL || g_settings_get_boolean (self->settings, "advance-after-decision");
}

static gboolean review_step (BzWindow *self,
                             int       step,
                             gboolean  wrap);

/* After a decision on @span_id: the next undecided suggestion, or @span_id
 * again when the reviewer decides one at a time. */
static void
decided (BzWindow *self,
         gint64    span_id)
{
  bz_document_view_select_span (self->document_view, span_id);
  if (advances (self))
    review_step (self, 1, TRUE);
}

static void
span_add_label_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  BzLabel *label = _bz_window_find_label (self, g_variant_get_string (parameter, NULL));
  BzSpan *selected = bz_document_view_get_selected_span (self->document_view);
  gint64 start, end;

  if (label == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no label “%s”"), g_variant_get_string (parameter, NULL));

      _bz_window_toast (self, message);
      return;
    }

  if (bz_document_view_get_selection (self->document_view, &start, &end))
    {
      g_autoptr(BzSpan) span = bz_span_new (start, end, bz_label_get_name (label), BZ_SPAN_ACCEPTED, "human");
      gint64 id;

      id = bz_store_add_span (self->store, _bz_window_current_document_id (self), span, &error);
      if (check (self, id != 0, error))
        bz_document_view_select_span (self->document_view, id);
    }
  else if (selected != NULL)
    {
      gint64 id = bz_span_get_id (selected);
      BzSpanStatus status = bz_span_get_status (selected);
      gboolean ok;

      /* The store's signal reloads the view's spans, and @selected with them. */
      selected = NULL;
      /* Choosing a label is a decision: the span is accepted with it, as one
       * action that one undo takes back. */
      ok = bz_store_begin (self->store, _("label a span"), TRUE, &error)
           && bz_store_set_span_label (self->store, id, bz_label_get_name (label), &error)
           && (status == BZ_SPAN_ACCEPTED || bz_store_set_span_status (self->store, id, BZ_SPAN_ACCEPTED, &error))
           && bz_store_commit (self->store, &error);
      if (!ok)
        bz_store_rollback (self->store);
      if (check (self, ok, error))
        {
          if (status == BZ_SPAN_SUGGESTED)
            decided (self, id);
          else
            bz_document_view_select_span (self->document_view, id);
        }
    }
}

static void
set_status (BzWindow     *self,
            BzSpanStatus  status)
{
  g_autoptr(GError) error = NULL;
  BzSpan *selected = bz_document_view_get_selected_span (self->document_view);
  gint64 id;

  if (selected == NULL)
    return;
  id = bz_span_get_id (selected);
  if (check (self, bz_store_set_span_status (self->store, id, status, &error), error))
    decided (self, id);
}

static void
span_accept_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_status (BZ_WINDOW (widget), BZ_SPAN_ACCEPTED);
}

static void
span_reject_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_status (BZ_WINDOW (widget), BZ_SPAN_REJECTED);
}

static void
span_nudge_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  BzSpan *selected = bz_document_view_get_selected_span (self->document_view);
  gint64 start, end, id;

  if (selected == NULL)
    return;
  id = bz_span_get_id (selected);
  start = bz_span_get_start (selected);
  end = bz_span_get_end (selected);
  if (g_str_equal (action_name, "span.nudge-start"))
    start += g_variant_get_int32 (parameter);
  else
    end += g_variant_get_int32 (parameter);

  if (check (self, bz_store_set_span_bounds (self->store, id, start, end, &error), error))
    bz_document_view_select_span (self->document_view, id);
}

/* Selects the next (@step 1) or previous (@step -1) undecided suggestion from
 * the selected span or the cursor; with @wrap, from the other end of the
 * report when there is none that way. Returns whether one was found. */
static gboolean
review_step (BzWindow *self,
             int       step,
             gboolean  wrap)
{
  GPtrArray *spans = bz_document_view_get_spans (self->document_view);
  BzSpan *selected = bz_document_view_get_selected_span (self->document_view);
  GtkTextBuffer *buffer;
  GtkTextIter cursor;
  gint64 offset;
  int from = step > 0 ? -1 : (int) spans->len;

  if (_bz_window_least_sure_first (self))
    {
      BzSpan *next = _bz_window_confidence_step (self, step, wrap);

      if (next != NULL)
        {
          bz_document_view_select_span (self->document_view, bz_span_get_id (next));
          keep_focus (self);
          return TRUE;
        }
      goto none;
    }

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (bz_document_view_get_text_view (self->document_view)));
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&cursor);

  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      if (span == selected)
        {
          from = (int) i;
          break;
        }
      if (selected == NULL && step > 0 && bz_span_get_start (span) < offset)
        from = (int) i;
      if (selected == NULL && step < 0 && bz_span_get_start (span) >= offset && from == (int) spans->len)
        from = (int) i;
    }

  for (guint pass = 0; pass < (wrap ? 2 : 1); pass++)
    {
      for (int i = from + step; i >= 0 && i < (int) spans->len; i += step)
        {
          BzSpan *span = g_ptr_array_index (spans, i);

          if (bz_span_get_status (span) == BZ_SPAN_SUGGESTED)
            {
              bz_document_view_select_span (self->document_view, bz_span_get_id (span));
              keep_focus (self);
              return TRUE;
            }
        }
      from = step > 0 ? -1 : (int) spans->len;
    }

none:
  if (wrap)
    _bz_window_toast (self, _("Every suggestion of this report is decided: Ctrl+Enter marks it reviewed"));
  else
    _bz_window_toast (self, step > 0 ? _("No more suggestions below") : _("No more suggestions above"));
  keep_focus (self);
  return FALSE;
}

static void
review_next_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  review_step (BZ_WINDOW (widget), 1, FALSE);
}

static void
review_previous_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  review_step (BZ_WINDOW (widget), -1, FALSE);
}

/* Opens the next (@step 1) or previous (@step -1) report of the list, marking
 * nothing. */
static void
document_step_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  int step = g_str_equal (action_name, "document.next") ? 1 : -1;
  guint n = g_list_model_get_n_items (_bz_window_documents_shown (self));
  guint here = gtk_single_selection_get_selected (self->document_selection);

  if (here == GTK_INVALID_LIST_POSITION || n == 0)
    return;
  if ((step > 0 && here + 1 >= n) || (step < 0 && here == 0))
    {
      _bz_window_toast (self, step > 0 ? _("This is the last report") : _("This is the first report"));
      return;
    }
  gtk_single_selection_set_selected (self->document_selection, here + step);
  keep_focus (self);
}

/* F6 and Shift+F6: the focus goes round the documents, the report and the
 * entities, as in GNOME's applications. */
static void
focus_pane_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  GtkWidget *panes[] = { GTK_WIDGET (self->document_list), GTK_WIDGET (self->document_view),
                         GTK_WIDGET (self->entity_list) };
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int step = g_variant_get_int32 (parameter);
  int here = 1;

  for (int i = 0; i < (int) G_N_ELEMENTS (panes); i++)
    if (focus != NULL && (focus == panes[i] || gtk_widget_is_ancestor (focus, panes[i])))
      here = i;
  here = (here + step + G_N_ELEMENTS (panes)) % G_N_ELEMENTS (panes);
  gtk_widget_grab_focus (panes[here]);
}

/* The note popover saved: the span's note, or the report's. */
static void
note_saved_cb (BzWindow      *self,
               const char    *text,
               BzNotePopover *popover)
{
  g_autoptr(GError) error = NULL;
  gint64 span_id = self->note_span_id;
  gint64 document_id = self->note_document_id;

  self->note_span_id = self->note_document_id = 0;
  if (span_id != 0)
    {
      if (check (self, bz_store_set_span_note (self->store, span_id, *text != '\0' ? text : NULL, &error), error))
        bz_document_view_select_span (self->document_view, span_id);
    }
  else if (document_id != 0)
    check (self, bz_store_set_document_note (self->store, document_id, text, &error), error);
}

void
_bz_window_edit_note (BzWindow     *self,
                      const char   *heading,
                      const char   *note,
                      GtkWidget    *widget,
                      GdkRectangle  area)
{
  if (self->note_popover == NULL)
    {
      self->note_popover = GTK_WIDGET (bz_note_popover_new ());
      gtk_widget_set_parent (self->note_popover, GTK_WIDGET (self));
      g_signal_connect_object (self->note_popover, "save", G_CALLBACK (note_saved_cb), self, G_CONNECT_SWAPPED);
    }
  bz_note_popover_edit (BZ_NOTE_POPOVER (self->note_popover), heading, note);
  _bz_window_popup_at (self, GTK_POPOVER (self->note_popover), widget, area);
}

/* N: the note of the selected span, in a popover at the span. */
static void
span_note_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  BzSpan *span = bz_document_view_get_selected_span (self->document_view);
  GtkTextView *text_view = GTK_TEXT_VIEW (bz_document_view_get_text_view (self->document_view));
  g_autofree char *heading = NULL;
  GdkRectangle location;
  GtkTextIter iter;
  int x, y;

  if (span == NULL)
    {
      _bz_window_toast (self, _("Select a span first: its note opens"));
      return;
    }
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, (int) bz_span_get_start (span));
  gtk_text_view_get_iter_location (text_view, &iter, &location);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, location.x, location.y, &x, &y);
  self->note_span_id = bz_span_get_id (span);
  self->note_document_id = 0;
  /* TRANSLATORS: the heading of a span's note: Note on “王府井” (PLACE) */
  heading = g_strdup_printf (_("Note on “%s” (%s)"), bz_span_get_surface (span), bz_span_get_label (span));
  _bz_window_edit_note (self, heading, bz_span_get_note (span), GTK_WIDGET (text_view),
                        (GdkRectangle) { x, y, location.width, location.height });
}

/* F8 and Shift+F8: the next or previous data-quality warning after the cursor,
 * round the report. */
static void
warning_step_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  int step = g_str_equal (action_name, "warning.next") ? 1 : -1;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (bz_document_view_get_text_view (self->document_view)));
  GtkTextIter begin, end;
  gint64 start, stop;
  guint n;

  if (self->warnings == NULL || self->warnings->len == 0)
    {
      _bz_window_toast (self, _("This report has no data-quality warnings"));
      return;
    }
  n = self->warnings->len;
  gtk_text_buffer_get_selection_bounds (buffer, &begin, &end);
  start = gtk_text_iter_get_offset (&begin);
  stop = gtk_text_iter_get_offset (&end);
  if (step > 0)
    {
      for (guint i = 0; i < n; i++)
        if (g_array_index (self->warnings, BzQualityWarning, i).start > start
            || (g_array_index (self->warnings, BzQualityWarning, i).start == start && start == stop))
          {
            _bz_window_show_warning (self, i);
            return;
          }
      _bz_window_show_warning (self, 0);
    }
  else
    {
      for (guint i = n; i > 0; i--)
        if (g_array_index (self->warnings, BzQualityWarning, i - 1).start < start)
          {
            _bz_window_show_warning (self, i - 1);
            return;
          }
      _bz_window_show_warning (self, n - 1);
    }
}

static void
history_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 document_id = 0;
  gboolean ok;

  if (g_str_equal (action_name, "workspace.undo"))
    ok = bz_store_undo (self->store, &document_id, &error);
  else
    ok = bz_store_redo (self->store, &document_id, &error);

  if (check (self, ok, error) && document_id != 0 && document_id != _bz_window_current_document_id (self))
    _bz_window_open_document (self, document_id);
  _bz_window_actions_update (self);
}

/* Opens the next document after @current that is not reviewed yet. */
static void
open_next_unreviewed (BzWindow *self,
                      gint64    current)
{
  GListModel *documents = _bz_window_documents_shown (self);
  guint n = g_list_model_get_n_items (documents);
  guint here = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BzDocument) document = g_list_model_get_item (documents, i);

      if (bz_document_get_id (document) == current)
        here = i;
    }
  for (guint k = 1; k < n; k++)
    {
      g_autoptr(BzDocument) document = g_list_model_get_item (documents, (here + k) % n);

      if (bz_document_get_status (document) != BZ_DOCUMENT_REVIEWED)
        {
          _bz_window_open_document (self, bz_document_get_id (document));
          keep_focus (self);
          return;
        }
    }
  _bz_window_toast (self, _("Every document is reviewed"));
}

static void
mark_reviewed (BzWindow *self,
               gint64    document_id,
               gboolean  reject_undecided)
{
  g_autoptr(GError) error = NULL;
  guint n_rejected = 0;

  if (!check (self, bz_store_mark_reviewed (self->store, document_id, reject_undecided, &n_rejected,
                                            &error), error))
    return;
  if (n_rejected > 0)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u suggestion rejected; Ctrl+Z brings it back",
                                                               "%u suggestions rejected; Ctrl+Z brings them back",
                                                               n_rejected),
                                                  n_rejected);

      _bz_window_toast (self, message);
    }
  _bz_window_train_model (self);
  open_next_unreviewed (self, document_id);
}

static void
undecided_response_cb (BzWindow         *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  gint64 document_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "bz-document-id");

  if (g_str_equal (response, "reject"))
    mark_reviewed (self, document_id, TRUE);
  else
    keep_focus (self);
}

/* Ctrl+Enter: a report with undecided suggestions is not marked reviewed
 * silently, since they would leave as "no entity" in training data: the
 * reviewer rejects them in the same action, or goes back to them. */
static void
mark_reviewed_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  gint64 current = _bz_window_current_document_id (self);
  BzDocument *document = bz_document_view_get_document (self->document_view);
  GPtrArray *spans = bz_document_view_get_spans (self->document_view);
  GtkWidget *dialog;
  guint n_undecided = 0;

  if (current == 0 || document == NULL)
    return;
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    if (bz_span_get_status (g_ptr_array_index (spans, i)) == BZ_SPAN_SUGGESTED)
      n_undecided++;
  if (n_undecided == 0)
    {
      mark_reviewed (self, current, FALSE);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Undecided Suggestions"), NULL);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Undecided Suggestions"));
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "“%s” still has %u undecided suggestion. In training data it"
                                               " would count as no entity.",
                                               "“%s” still has %u undecided suggestions. In training data"
                                               " they would count as no entity.",
                                               n_undecided),
                                  bz_document_get_title (document), n_undecided);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "back", _("_Go Back to Them"),
                                    "reject", _("_Reject Them and Mark Reviewed"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reject",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "back");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "back");
  g_object_set_data_full (G_OBJECT (dialog), "bz-document-id", g_memdup2 (&current, sizeof current),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (undecided_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
annotate_all_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  BzSpan *selected = bz_document_view_get_selected_span (self->document_view);
  BzOccurrencesDialog *dialog;

  if (selected == NULL || bz_span_get_surface (selected) == NULL || *bz_span_get_surface (selected) == '\0')
    return;

  dialog = bz_occurrences_dialog_new (GTK_WINDOW (self), self->store, _bz_window_current_document_id (self),
                                      bz_span_get_surface (selected), bz_span_get_label (selected));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_show_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  bz_document_view_show_search (BZ_WINDOW (widget)->document_view);
}

static void
search_step_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  bz_document_view_search_step (BZ_WINDOW (widget)->document_view,
                                g_str_equal (action_name, "search.next") ? 1 : -1);
}

void
_bz_window_actions_update (BzWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_document = _bz_window_current_document_id (self) != 0;
  gboolean has_span = bz_document_view_get_selected_span (self->document_view) != NULL;
  gint64 start, end;
  gboolean has_selection = bz_document_view_get_selection (self->document_view, &start, &end);

  gtk_widget_action_set_enabled (widget, "span.add-label", has_span || has_selection);
  gtk_widget_action_set_enabled (widget, "span.accept", has_span);
  gtk_widget_action_set_enabled (widget, "span.reject", has_span);
  gtk_widget_action_set_enabled (widget, "span.annotate-all", has_span);
  gtk_widget_action_set_enabled (widget, "span.nudge-start", has_span);
  gtk_widget_action_set_enabled (widget, "span.nudge-end", has_span);
  gtk_widget_action_set_enabled (widget, "review.next", has_document);
  gtk_widget_action_set_enabled (widget, "review.previous", has_document);
  gtk_widget_action_set_enabled (widget, "document.mark-reviewed", has_document);
  gtk_widget_action_set_enabled (widget, "review.accept-confident", has_document);
  gtk_widget_action_set_enabled (widget, "search.show", has_document);
  gtk_widget_action_set_enabled (widget, "search.next", has_document);
  gtk_widget_action_set_enabled (widget, "search.previous", has_document);
  gtk_widget_action_set_enabled (widget, "document.next", has_document);
  gtk_widget_action_set_enabled (widget, "document.previous", has_document);
  gtk_widget_action_set_enabled (widget, "workspace.undo", self->store != NULL && bz_store_can_undo (self->store));
  gtk_widget_action_set_enabled (widget, "workspace.redo", self->store != NULL && bz_store_can_redo (self->store));
}

void
_bz_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "span.add-label", "s", span_add_label_cb);
  gtk_widget_class_install_action (widget_class, "span.accept", NULL, span_accept_cb);
  gtk_widget_class_install_action (widget_class, "span.reject", NULL, span_reject_cb);
  gtk_widget_class_install_action (widget_class, "span.nudge-start", "i", span_nudge_cb);
  gtk_widget_class_install_action (widget_class, "span.nudge-end", "i", span_nudge_cb);
  gtk_widget_class_install_action (widget_class, "review.next", NULL, review_next_cb);
  gtk_widget_class_install_action (widget_class, "review.previous", NULL, review_previous_cb);
  gtk_widget_class_install_action (widget_class, "document.next", NULL, document_step_cb);
  gtk_widget_class_install_action (widget_class, "document.previous", NULL, document_step_cb);
  gtk_widget_class_install_action (widget_class, "window.focus-pane", "i", focus_pane_cb);
  gtk_widget_class_install_action (widget_class, "span.note", NULL, span_note_cb);
  gtk_widget_class_install_action (widget_class, "warning.next", NULL, warning_step_cb);
  gtk_widget_class_install_action (widget_class, "warning.previous", NULL, warning_step_cb);
  gtk_widget_class_install_action (widget_class, "workspace.undo", NULL, history_cb);
  gtk_widget_class_install_action (widget_class, "workspace.redo", NULL, history_cb);
  gtk_widget_class_install_action (widget_class, "document.mark-reviewed", NULL, mark_reviewed_cb);
  gtk_widget_class_install_action (widget_class, "span.annotate-all", NULL, annotate_all_cb);
  gtk_widget_class_install_action (widget_class, "search.show", NULL, search_show_cb);
  gtk_widget_class_install_action (widget_class, "search.next", NULL, search_step_cb);
  gtk_widget_class_install_action (widget_class, "search.previous", NULL, search_step_cb);
}

/* ---- Keys -------------------------------------------------------------------
 * One table holds every key of the window. The keys are shortcuts of two
 * capture-phase controllers, so that they come before the widgets' own key
 * handling: the read-only text view would otherwise take Tab (focus), Return,
 * Delete, Alt+arrows and Ctrl+Z, and a focused list Return and Ctrl+Return.
 * Review keys act while the focus is in the report; window keys anywhere in
 * the window. Neither takes a key from a text entry (the search field), but
 * for the window's commands that an entry does not use. */

#define SHIFT GDK_SHIFT_MASK
#define CTRL GDK_CONTROL_MASK
#define ALT GDK_ALT_MASK

static const BzWindowKey window_keys[] = {
  { GDK_KEY_1, 0, "span.add-label", "'1'", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_2, 0, "span.add-label", "'2'", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_3, 0, "span.add-label", "'3'", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_4, 0, "span.add-label", "'4'", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_5, 0, "span.add-label", "'5'", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_6, 0, "span.add-label", "'6'", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_7, 0, "span.add-label", "'7'", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_KP_1, 0, "span.add-label", "'1'", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_KP_2, 0, "span.add-label", "'2'", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_KP_3, 0, "span.add-label", "'3'", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_KP_4, 0, "span.add-label", "'4'", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_KP_5, 0, "span.add-label", "'5'", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_KP_6, 0, "span.add-label", "'6'", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_KP_7, 0, "span.add-label", "'7'", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_Tab, 0, "review.next", NULL, BZ_KEY_SCOPE_REPORT },
  /* Space skips a suggestion: no decision, on to the next. */
  { GDK_KEY_space, 0, "review.next", NULL, BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_ISO_Left_Tab, SHIFT, "review.previous", NULL, BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_Tab, SHIFT, "review.previous", NULL, BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_Return, 0, "span.accept", NULL, BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_KP_Enter, 0, "span.accept", NULL, BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_Delete, 0, "span.reject", NULL, BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_KP_Delete, 0, "span.reject", NULL, BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_n, 0, "span.note", NULL, BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_N, SHIFT, "document.note", NULL, BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_Left, ALT, "span.nudge-start", "-1", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_Right, ALT, "span.nudge-start", "1", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_Left, ALT | SHIFT, "span.nudge-end", "-1", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_Right, ALT | SHIFT, "span.nudge-end", "1", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_z, CTRL, "workspace.undo", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_z, CTRL | SHIFT, "workspace.redo", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_Z, CTRL | SHIFT, "workspace.redo", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_Return, CTRL, "document.mark-reviewed", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_KP_Enter, CTRL, "document.mark-reviewed", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_Return, CTRL | SHIFT, "review.accept-confident", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_KP_Enter, CTRL | SHIFT, "review.accept-confident", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_f, CTRL, "search.show", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_f, CTRL | SHIFT, "workspace.search", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_F, CTRL | SHIFT, "workspace.search", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_g, CTRL, "search.next", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_g, CTRL | SHIFT, "search.previous", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_G, CTRL | SHIFT, "search.previous", NULL, BZ_KEY_SCOPE_WINDOW },
  /* Another report, marking nothing. */
  { GDK_KEY_Page_Down, CTRL, "document.next", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_Page_Up, CTRL, "document.previous", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_Down, ALT, "document.next", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_Up, ALT, "document.previous", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_F2, 0, "document.rename", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_h, CTRL, "side.show", "'history'", BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_F1, 0, "side.show", "'guide'", BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_l, CTRL, "documents.focus-search", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_F6, 0, "window.focus-pane", "1", BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_F8, 0, "warning.next", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_F8, SHIFT, "warning.previous", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_F6, SHIFT, "window.focus-pane", "-1", BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_a, CTRL | SHIFT, "span.annotate-all", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_A, CTRL | SHIFT, "span.annotate-all", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_r, CTRL, "span.relations", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_o, CTRL, "workspace.import", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_e, CTRL, "workspace.export", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_i, CTRL, "workspace.statistics", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_comma, CTRL, "workspace.preferences", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_k, CTRL | SHIFT, "curation.curate", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_K, CTRL | SHIFT, "curation.curate", NULL, BZ_KEY_SCOPE_WINDOW },
  { GDK_KEY_1, ALT, "curation.take", "uint32 0", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_2, ALT, "curation.take", "uint32 1", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_3, ALT, "curation.take", "uint32 2", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_4, ALT, "curation.take", "uint32 3", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_5, ALT, "curation.take", "uint32 4", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_6, ALT, "curation.take", "uint32 5", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_7, ALT, "curation.take", "uint32 6", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_8, ALT, "curation.take", "uint32 7", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_9, ALT, "curation.take", "uint32 8", BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_b, ALT, "curation.take-all", NULL, BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_n, ALT, "curation.take-none", NULL, BZ_KEY_SCOPE_REPORT },
  { GDK_KEY_a, ALT, "curation.accept-agreed", NULL, BZ_KEY_SCOPE_REPORT },
};

#undef SHIFT
#undef CTRL
#undef ALT

const BzWindowKey *
_bz_window_keys (guint *n_keys)
{
  *n_keys = G_N_ELEMENTS (window_keys);
  return window_keys;
}

static gboolean
key_cb (GtkWidget *widget,
        GVariant  *args,
        gpointer   user_data)
{
  const BzWindowKey *key = user_data;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autoptr(GVariant) parameter = NULL;

  if (!BZ_IS_WINDOW (root))
    return FALSE;
  /* A popover (a note being written, a menu) keeps every key: Ctrl+Enter
   * saves the note there, it does not mark the report reviewed. */
  if (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL)
    return FALSE;
  /* A text entry keeps its keys: digits, Tab, Return, Delete and its own undo. */
  if (focus != NULL && GTK_IS_EDITABLE (focus) &&
      (key->scope == BZ_KEY_SCOPE_REPORT || g_str_has_prefix (key->action, "workspace.undo") ||
       g_str_has_prefix (key->action, "workspace.redo")))
    return FALSE;
  if (key->parameter != NULL)
    parameter = g_variant_ref_sink (g_variant_parse (NULL, key->parameter, NULL, NULL, NULL));
  /* A disabled action (no span selected) lets the key go on. */
  return gtk_widget_activate_action_variant (GTK_WIDGET (root), key->action, parameter);
}

void
_bz_window_keys_init (BzWindow *self)
{
  GtkEventController *report = gtk_shortcut_controller_new ();
  GtkEventController *window = gtk_shortcut_controller_new ();

  gtk_event_controller_set_name (report, "bz-review-keys");
  gtk_event_controller_set_name (window, "bz-window-keys");
  gtk_event_controller_set_propagation_phase (report, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_propagation_phase (window, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (window_keys); i++)
    {
      const BzWindowKey *key = &window_keys[i];
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (key->keyval, key->modifiers),
                                                gtk_callback_action_new (key_cb, (gpointer) key, NULL));

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (key->scope == BZ_KEY_SCOPE_REPORT ? report : window),
                                            shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self->document_view), report);
  gtk_widget_add_controller (GTK_WIDGET (self), window);
}
