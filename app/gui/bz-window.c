/* bz-window.c: the workbench window: documents, the report, its entities and labels
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bz-window-private.h"

G_DEFINE_FINAL_TYPE (BzWindow, bz_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CURATING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *status_filter_names[] = { NULL, "suggested", "accepted", "rejected" };

void
_bz_window_toast (BzWindow   *self,
                  const char *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

void
_bz_window_toast_error (BzWindow     *self,
                        const GError *error)
{
  _bz_window_toast (self, error->message);
}

BzLabel *
_bz_window_find_label (BzWindow   *self,
                       const char *name)
{
  for (guint i = 0; self->labels != NULL && i < self->labels->len; i++)
    {
      BzLabel *label = g_ptr_array_index (self->labels, i);

      if (g_strcmp0 (bz_label_get_name (label), name) == 0 ||
          g_strcmp0 (bz_label_get_shortcut (label), name) == 0)
        return label;
    }
  return NULL;
}

gint64
_bz_window_current_document_id (BzWindow *self)
{
  BzDocument *document = bz_document_view_get_document (self->document_view);

  return document != NULL ? bz_document_get_id (document) : 0;
}

static void replace_documents (BzWindow  *self,
                               guint      position,
                               guint      n_removals,
                               GPtrArray *documents,
                               gint64     current);

void
_bz_window_reload_documents (BzWindow *self)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 current = _bz_window_current_document_id (self);

  documents = bz_store_list_documents (self->store, &error);
  if (documents == NULL)
    {
      _bz_window_toast_error (self, error);
      return;
    }

  _bz_window_count_unsure (self, 0);
  replace_documents (self, 0, g_list_model_get_n_items (G_LIST_MODEL (self->documents)), documents, current);
  /* An empty workspace says how to fill it rather than show three blank panes. */
  gtk_stack_set_visible_child_name (self->content_stack, documents->len > 0 ? "workspace" : "empty");
}

/* Replaces @n_removals rows from @position by @documents, keeping the shown
 * report selected (and its title, which may have changed). */
static void
replace_documents (BzWindow  *self,
                   guint      position,
                   guint      n_removals,
                   GPtrArray *documents,
                   gint64     current)
{
  /* Replacing the rows must not reload the report that is shown. */
  self->selecting_document = TRUE;
  g_list_store_splice (self->documents, position, n_removals, documents->pdata, documents->len);
  {
    GListModel *shown = _bz_window_documents_shown (self);

    for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
      {
        g_autoptr(BzDocument) document = g_list_model_get_item (shown, i);

        if (bz_document_get_id (document) == current)
          {
            g_autofree char *title = g_strdup_printf (_("%s — Biaozhu"), bz_document_get_title (document));

            gtk_single_selection_set_selected (self->document_selection, i);
            /* A renamed report shows its new title. */
            gtk_window_set_title (GTK_WINDOW (self), title);
          }
      }
  }
  self->selecting_document = FALSE;
  /* A change of a document (a title, a note) is one more action to undo. */
  _bz_window_actions_update (self);
}

/* After a change of @document_id's spans: its row alone is read again (its
 * counts and status), not the whole workspace's, so that a decision costs
 * the same in a workspace of one report or of thousands. */
static void
update_document (BzWindow *self,
                 gint64    document_id)
{
  GListModel *documents = G_LIST_MODEL (self->documents);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(BzDocument) document = g_list_model_get_item (documents, i);
      g_autoptr(GPtrArray) fresh = NULL;
      g_autoptr(GError) error = NULL;
      BzDocument *info;

      if (bz_document_get_id (document) != document_id)
        continue;
      if (!(info = bz_store_get_document_info (self->store, document_id, &error)))
        break;
      _bz_window_count_unsure (self, document_id);
      fresh = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (fresh, info);
      replace_documents (self, i, 1, fresh, _bz_window_current_document_id (self));
      return;
    }
  /* Not listed yet, or gone: the whole list. */
  _bz_window_reload_documents (self);
}

/* Replaces the entity rows by the view's spans. The view keeps the object of
 * every span that did not change, so after one decision only the rows between
 * the first and the last different item are replaced, not all of them. */
/* What each span of the shown report is related to, one line a relation
 * ("has value → 6.3%"), by span id; %TRUE when it changed. */
static gboolean
reload_relation_lines (BzWindow *self)
{
  g_autoptr(GHashTable) lines = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *spans = bz_document_view_get_spans (self->document_view);
  g_autoptr(GHashTable) surfaces = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 document_id = _bz_window_current_document_id (self);
  gboolean changed;

  if (document_id != 0 && !(relations = bz_store_list_relations (self->store, document_id, &error)))
    g_warning ("Cannot list the relations of document %" G_GINT64_FORMAT ": %s", document_id, error->message);
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      g_hash_table_insert (surfaces, g_memdup2 (&(gint64) { bz_span_get_id (span) }, sizeof (gint64)),
                           (gpointer) bz_span_get_surface (span));
    }
  for (guint i = 0; relations != NULL && i < relations->len; i++)
    {
      const BzRelation *relation = g_ptr_array_index (relations, i);
      const char *to = g_hash_table_lookup (surfaces, &relation->to_span);
      const char *from = g_hash_table_lookup (surfaces, &relation->from_span);
      const gint64 ends[2] = { relation->from_span, relation->to_span };

      for (guint e = 0; e < 2; e++)
        {
          const char *before = g_hash_table_lookup (lines, &ends[e]);
          /* TRANSLATORS: a relation in the entity list: "has_value → 6.3%" or "← has_value GDP" */
          g_autofree char *line = e == 0 ? g_strdup_printf (_("%s → %s"), relation->type, to != NULL ? to : "?")
                                         : g_strdup_printf (_("← %s %s"), relation->type, from != NULL ? from : "?");

          g_hash_table_insert (lines, g_memdup2 (&ends[e], sizeof (gint64)),
                               before != NULL ? g_strconcat (before, "\n", line, NULL) : g_strdup (line));
        }
    }

  changed = self->relation_lines == NULL || g_hash_table_size (lines) != g_hash_table_size (self->relation_lines);
  if (!changed)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, lines);
      while (!changed && g_hash_table_iter_next (&iter, &key, &value))
        changed = g_strcmp0 (value, g_hash_table_lookup (self->relation_lines, key)) != 0;
    }
  g_clear_pointer (&self->relation_lines, g_hash_table_unref);
  self->relation_lines = g_steal_pointer (&lines);
  return changed;
}

static void
reload_entities (BzWindow *self)
{
  GPtrArray *spans = bz_document_view_get_spans (self->document_view);
  GListModel *model = G_LIST_MODEL (self->entities);
  guint n = g_list_model_get_n_items (model);
  guint head = 0, tail = 0;

  /* Rows whose relations changed are bound again: all of them, seldom. */
  if (reload_relation_lines (self))
    {
      g_list_store_splice (self->entities, 0, n, spans->pdata, spans->len);
      return;
    }

  while (head < n && head < spans->len)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, head);

      if (item != g_ptr_array_index (spans, head))
        break;
      head++;
    }
  while (tail < n - head && tail < spans->len - head)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, n - 1 - tail);

      if (item != g_ptr_array_index (spans, spans->len - 1 - tail))
        break;
      tail++;
    }
  if (head == n && n == spans->len)
    return;
  g_list_store_splice (self->entities, head, n - head - tail,
                       spans->pdata + head, spans->len - head - tail);
}

/* Shows the warning at @index of the report: selects its spot, scrolls to it
 * and says what it is. */
void
_bz_window_show_warning (BzWindow *self,
                         guint     index)
{
  const BzQualityWarning *warning;
  GtkTextView *text_view = GTK_TEXT_VIEW (bz_document_view_get_text_view (self->document_view));
  GtkTextIter iter;
  g_autofree char *message = NULL;
  g_autofree char *description = NULL;
  BzDocument *document = bz_document_view_get_document (self->document_view);

  g_return_if_fail (self->warnings != NULL && index < self->warnings->len);

  warning = &g_array_index (self->warnings, BzQualityWarning, index);
  description = bz_quality_warning_describe (warning, document != NULL ? bz_document_get_text (document) : NULL);
  bz_document_view_select_range (self->document_view, warning->start, MAX (warning->end, warning->start + 1));
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, (int) warning->start);
  gtk_text_view_scroll_to_iter (text_view, &iter, 0.2, FALSE, 0, 0);
  /* TRANSLATORS: warning 2 of 6: its message */
  message = g_strdup_printf (_("Warning %u of %u: %s"), index + 1, self->warnings->len, description);
  _bz_window_toast (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

static void
warning_activated_cb (BzWindow      *self,
                      GtkListBoxRow *row)
{
  gtk_menu_button_popdown (self->warnings_button);
  _bz_window_show_warning (self, gtk_list_box_row_get_index (row));
}

/* The report's data-quality warnings in the header's list, with their line. */
static void
load_warnings (BzWindow   *self,
               BzDocument *document)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  g_autofree char *tooltip = NULL;

  g_clear_pointer (&self->warnings, g_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->warning_list))) != NULL)
    gtk_list_box_remove (self->warning_list, child);
  if (document != NULL && !(self->warnings = bz_store_list_warnings (self->store, bz_document_get_id (document), &error)))
    g_warning ("Cannot list the warnings of “%s”: %s", bz_document_get_title (document), error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_button), self->warnings != NULL && self->warnings->len > 0);
  if (self->warnings == NULL)
    return;

  for (guint i = 0; i < self->warnings->len; i++)
    {
      const BzQualityWarning *warning = &g_array_index (self->warnings, BzQualityWarning, i);
      const char *text = bz_document_get_text (document);
      const char *at = g_utf8_offset_to_pointer (text, warning->start);
      guint line = 1;
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *description = bz_quality_warning_describe (warning, text);

      for (const char *p = text; p < at; p++)
        line += *p == '\n';
      /* TRANSLATORS: where a warning is: line 12, character 340 */
      title = g_strdup_printf (_("Line %u, character %u"), line, (guint) (warning->start + 1));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->warning_list, row);
    }
  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u data-quality warning (F8: the next one)",
                                          "%u data-quality warnings (F8: the next one)", self->warnings->len),
                             self->warnings->len);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->warnings_button), tooltip);
}

static void
show_document (BzWindow   *self,
               BzDocument *document)
{
  g_autofree char *title = NULL;

  bz_document_view_set_document (self->document_view, document);
  load_warnings (self, document);
  /* The threshold follows the decisions made on the reports before. */
  _bz_window_confidence_refresh (self);
  /* The first undecided suggestion (the least sure one, when review goes so)
   * waits for its key: a report is reviewed in as many keys as it has
   * suggestions. */
  if (_bz_window_least_sure_first (self))
    {
      BzSpan *first = _bz_window_confidence_step (self, 1, TRUE);

      if (first != NULL)
        bz_document_view_select_span (self->document_view, bz_span_get_id (first));
    }
  else
    {
      GPtrArray *spans = bz_document_view_get_spans (self->document_view);

      for (guint i = 0; i < spans->len; i++)
        if (bz_span_get_status (g_ptr_array_index (spans, i)) == BZ_SPAN_SUGGESTED)
          {
            bz_document_view_select_span (self->document_view, bz_span_get_id (g_ptr_array_index (spans, i)));
            break;
          }
    }
  reload_entities (self);
  _bz_window_curation_reload (self);
  _bz_window_actions_update (self);
  /* The report in the title, as document applications show theirs. */
  if (document != NULL)
    title = g_strdup_printf (_("%s — Biaozhu"), bz_document_get_title (document));
  gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _("Biaozhu"));
}

void
_bz_window_open_document (BzWindow *self,
                          gint64    document_id)
{
  GListModel *shown = _bz_window_documents_shown (self);
  guint n = g_list_model_get_n_items (shown);

  /* A report the list's filter hides is shown again. */
  if (!_bz_window_documents_reveal (self, document_id))
    return;
  n = g_list_model_get_n_items (shown);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BzDocument) document = g_list_model_get_item (shown, i);

      if (bz_document_get_id (document) == document_id)
        {
          if (gtk_single_selection_get_selected (self->document_selection) == i)
            show_document (self, document);
          else
            gtk_single_selection_set_selected (self->document_selection, i);
          return;
        }
    }
}

void
_bz_window_open_first_document (BzWindow *self)
{
  GListModel *shown = _bz_window_documents_shown (self);

  if (g_list_model_get_n_items (shown) == 0)
    return;
  if (gtk_single_selection_get_selected (self->document_selection) == 0)
    {
      g_autoptr(BzDocument) document = g_list_model_get_item (shown, 0);

      show_document (self, document);
    }
  else
    gtk_single_selection_set_selected (self->document_selection, 0);
}

static void
document_selected_cb (BzWindow *self)
{
  BzDocument *document;

  if (self->selecting_document)
    return;

  document = gtk_single_selection_get_selected_item (self->document_selection);
  show_document (self, document);
  /* Browsing the list with the arrow keys leaves the focus there; Enter
   * (activate) goes to the report. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self->document_list))
      && gtk_widget_get_focus_child (GTK_WIDGET (self->document_list)) == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

static void
document_activated_cb (BzWindow *self,
                       guint     position)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

static void
spans_changed_cb (BzWindow *self,
                  gint64    document_id,
                  GArray   *span_ids)
{
  if (document_id == _bz_window_current_document_id (self))
    {
      bz_document_view_update_spans (self->document_view, span_ids);
      reload_entities (self);
      /* Relations change no span, and their history is the span's too. */
      _bz_window_side_update (self);
      _bz_window_curation_reload (self);
    }
  update_document (self, document_id);
}

/* The entity list follows the span selected in the report. */
static void
follow_selection (BzWindow *self)
{
  BzSpan *span = bz_document_view_get_selected_span (self->document_view);
  GtkSelectionModel *model = gtk_list_view_get_model (self->entity_list);
  GListModel *items = G_LIST_MODEL (self->entity_filter_model);
  guint n = g_list_model_get_n_items (items);

  if (span == NULL)
    {
      gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (model), GTK_INVALID_LIST_POSITION);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BzSpan) item = g_list_model_get_item (items, i);

      if (bz_span_get_id (item) == bz_span_get_id (span))
        {
          gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (model), i);
          gtk_widget_activate_action (GTK_WIDGET (self->entity_list), "list.scroll-to-item", "u", i);
          return;
        }
    }
}

static void
view_selection_changed_cb (BzWindow *self)
{
  _bz_window_actions_update (self);
  follow_selection (self);
  _bz_window_side_update (self);
  _bz_window_curation_update (self);
}

/* Right click: the span under the pointer is selected, and the menu holds the
 * review's own actions only (not the text view's Cut, Paste and Undo, which a
 * report that is never edited has no use for). A click inside selected text
 * keeps it, for a new span. */
static void
context_click_cb (BzWindow        *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (bz_document_view_get_text_view (self->document_view));
  BzSpan *best;
  GtkTextIter iter;
  gint64 offset, start, end;
  int bx, by;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_text_view_window_to_buffer_coords (text_view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  if (gtk_text_view_get_iter_at_location (text_view, &iter, bx, by))
    {
      offset = gtk_text_iter_get_offset (&iter);
      if (!bz_document_view_get_selection (self->document_view, &start, &end) || offset < start || offset >= end)
        {
          best = bz_document_view_span_covering (self->document_view, offset, offset + 1);
          if (best != NULL)
            bz_document_view_select_span (self->document_view, bz_span_get_id (best));
        }
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
  _bz_window_actions_update (self);

  if (self->context_popover == NULL)
    {
      self->context_popover = gtk_popover_menu_new_from_model (self->context_menu);
      gtk_widget_set_parent (self->context_popover, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_popover), FALSE);
      gtk_widget_set_halign (self->context_popover, GTK_ALIGN_START);
    }
  _bz_window_popup_at (self, GTK_POPOVER (self->context_popover), GTK_WIDGET (text_view),
                       (GdkRectangle) { (int) x, (int) y, 1, 1 });
}

static gboolean
entity_filter_func (gpointer item,
                    gpointer data)
{
  BzWindow *self = data;
  BzSpan *span = item;
  guint label_index = gtk_drop_down_get_selected (self->label_filter);
  guint status_index = gtk_drop_down_get_selected (self->status_filter);

  if (label_index != GTK_INVALID_LIST_POSITION && label_index > 0 &&
      g_strcmp0 (gtk_string_list_get_string (self->label_filter_items, label_index), bz_span_get_label (span)) != 0)
    return FALSE;
  if (status_index != GTK_INVALID_LIST_POSITION && status_index > 0 && status_index < G_N_ELEMENTS (status_filter_names) &&
      g_strcmp0 (status_filter_names[status_index], bz_span_status_to_string (bz_span_get_status (span))) != 0)
    return FALSE;
  return TRUE;
}

static void
filter_changed_cb (BzWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->entity_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
entity_activated_cb (BzWindow *self,
                     guint     position)
{
  g_autoptr(BzSpan) span = g_list_model_get_item (G_LIST_MODEL (self->entity_filter_model), position);

  if (span == NULL)
    return;
  bz_document_view_select_span (self->document_view, bz_span_get_id (span));
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_item_set_child (item, label);
}

static const char *
document_status_name (BzWindow         *self,
                      BzDocumentStatus  status)
{
  /* In curation the status is the curated layer's. */
  if (_bz_window_get_curating (self))
    switch (status)
      {
      case BZ_DOCUMENT_NEW:
        return _("not curated");
      case BZ_DOCUMENT_IN_PROGRESS:
        return _("in curation");
      case BZ_DOCUMENT_REVIEWED:
        return _("curated");
      default:
        return "";
      }
  switch (status)
    {
    case BZ_DOCUMENT_NEW:
      return _("new");
    case BZ_DOCUMENT_IN_PROGRESS:
      return _("in progress");
    case BZ_DOCUMENT_REVIEWED:
      return _("reviewed");
    default:
      return "";
    }
}

static const char *
script_name (BzScript script)
{
  switch (script)
    {
    case BZ_SCRIPT_SIMPLIFIED:
      return C_("script", "simplified");
    case BZ_SCRIPT_TRADITIONAL:
      return C_("script", "traditional");
    case BZ_SCRIPT_MIXED:
      return C_("script", "mixed");
    case BZ_SCRIPT_UNKNOWN:
    default:
      return C_("script", "unknown");
    }
}

static const char *
span_status_name (BzSpanStatus status)
{
  switch (status)
    {
    case BZ_SPAN_SUGGESTED:
      return C_("span", "suggested");
    case BZ_SPAN_ACCEPTED:
      return C_("span", "accepted");
    case BZ_SPAN_REJECTED:
      return C_("span", "rejected");
    default:
      return "";
    }
}

static void
document_bind_cb (BzWindow    *self,
                  GtkListItem *item)
{
  BzDocument *document = gtk_list_item_get_item (item);
  g_autofree char *title = g_markup_escape_text (bz_document_get_title (document), -1);
  g_autofree char *markup = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *unsure = NULL;
  /* The curated layer's suggestions are the reviewers' spans: none is unsure. */
  guint n_unsure = _bz_window_get_curating (self) ? 0 : _bz_window_get_unsure (self, document);

  if (n_unsure > 0)
    {
      /* TRANSLATORS: how many suggestions of a report the extractor is unsure of */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unsure", "%u unsure", n_unsure),
                                               n_unsure);

      unsure = g_strconcat (" · ", text, NULL);
    }
  if (bz_document_get_n_warnings (document) > 0)
    warnings = g_strdup_printf (" · <span foreground=\"#e01b24\">⚠ %u</span>", bz_document_get_n_warnings (document));
  /* TRANSLATORS: title, then script · decided/total · status */
  markup = g_strdup_printf ("<b>%s</b>\n<small>%s · %u/%u · %s%s%s</small>",
                            title,
                            script_name (bz_document_get_script (document)),
                            bz_document_get_n_decided (document),
                            bz_document_get_n_spans (document),
                            document_status_name (self, bz_document_get_status (document)),
                            unsure ? unsure : "",
                            warnings ? warnings : "");
  gtk_label_set_markup (GTK_LABEL (gtk_list_item_get_child (item)), markup);
}

static const char *
label_colour (BzWindow   *self,
              const char *name)
{
  BzLabel *label = _bz_window_find_label (self, name);

  return label != NULL ? bz_label_get_color (label) : "#999999";
}

static void
entity_bind_cb (BzWindow    *self,
                GtkListItem *item)
{
  BzSpan *span = gtk_list_item_get_item (item);
  g_autofree char *surface = g_markup_escape_text (bz_span_get_surface (span) ? bz_span_get_surface (span) : "", -1);
  g_autofree char *origin = g_markup_escape_text (bz_span_get_origin (span), -1);
  BzLabel *label = _bz_window_find_label (self, bz_span_get_label (span));
  g_autofree char *label_name = g_markup_escape_text (label != NULL ? bz_label_get_display_name (label) : bz_span_get_label (span), -1);
  g_autofree char *markup = NULL;
  const char *relations = self->relation_lines != NULL
                          ? g_hash_table_lookup (self->relation_lines, &(gint64) { bz_span_get_id (span) })
                          : NULL;
  g_autofree char *relation_markup = relations != NULL ? g_markup_printf_escaped ("\n<small>%s</small>", relations)
                                                       : g_strdup ("");
  /* An extractor's suggestion says how sure it is. */
  g_autofree char *confidence = bz_span_has_confidence (span)
                                ? g_strdup_printf (" · %.2f", bz_span_get_confidence (span)) : g_strdup ("");

  markup = g_strdup_printf ("<span background=\"%s\">  </span> %s%s%s\n<small>%s %s · %s · %s%s</small>%s",
                            label_colour (self, bz_span_get_label (span)),
                            bz_span_get_status (span) == BZ_SPAN_REJECTED ? "<s>" : "",
                            surface,
                            bz_span_get_status (span) == BZ_SPAN_REJECTED ? "</s>" : "",
                            label_name,
                            bz_span_get_label (span),
                            span_status_name (bz_span_get_status (span)),
                            origin, confidence, relation_markup);
  gtk_label_set_markup (GTK_LABEL (gtk_list_item_get_child (item)), markup);
}

static void
load_labels (BzWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_clear_pointer (&self->labels, g_ptr_array_unref);
  self->labels = bz_store_list_labels (self->store, &error);
  if (self->labels == NULL)
    {
      g_warning ("Cannot list the labels of %s: %s", bz_store_get_path (self->store), error->message);
      self->labels = g_ptr_array_new_with_free_func (g_object_unref);
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->palette))) != NULL)
    gtk_flow_box_remove (self->palette, child);
  gtk_string_list_splice (self->label_filter_items, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->label_filter_items)) - 1, NULL);

  for (guint i = 0; i < self->labels->len; i++)
    {
      BzLabel *label = g_ptr_array_index (self->labels, i);
      g_autofree char *markup = NULL;
      GtkWidget *chip;

      markup = g_markup_printf_escaped ("<span background=\"%s\">   </span> %s <small>%s</small> <b>%s</b>",
                                        bz_label_get_color (label),
                                        bz_label_get_display_name (label),
                                        bz_label_get_name (label),
                                        bz_label_get_shortcut (label));
      chip = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (chip), markup);
      gtk_widget_set_tooltip_text (chip, bz_label_get_description (label));
      gtk_flow_box_append (self->palette, chip);
      gtk_string_list_append (self->label_filter_items, bz_label_get_name (label));
    }
}

/* The shortcuts window with a line per label of this workspace: which digit
 * is which label. The resource's "Labels" group is filled from the labels,
 * since GTK 4.8 has no API to add to a group after it is built. */
static void
load_help_overlay (BzWindow *self)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/org/biaozhu/Workbench/gtk/help-overlay.ui",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GString) ui = NULL;
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  const char *group, *after_title;

  if (bytes == NULL || self->labels == NULL)
    return;
  ui = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  group = strstr (ui->str, "id=\"label_keys\"");
  after_title = group != NULL ? strstr (group, "</property>") : NULL;
  g_return_if_fail (after_title != NULL);

  for (guint i = 0; i < self->labels->len; i++)
    {
      BzLabel *label = g_ptr_array_index (self->labels, i);
      g_autofree char *row = NULL;

      if (bz_label_get_shortcut (label) == NULL)
        continue;
      row = g_markup_printf_escaped ("<child><object class=\"GtkShortcutsShortcut\">"
                                     "<property name=\"title\">%s · %s</property>"
                                     "<property name=\"accelerator\">%s</property>"
                                     "</object></child>",
                                     bz_label_get_display_name (label), bz_label_get_name (label),
                                     bz_label_get_shortcut (label));
      g_string_append (rows, row);
    }
  g_string_insert (ui, after_title - ui->str + strlen ("</property>"), rows->str);

  builder = gtk_builder_new ();
  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
  if (!gtk_builder_add_from_string (builder, ui->str, ui->len, &error))
    {
      g_warning ("Cannot build the shortcuts window: %s", error->message);
      return;
    }
  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self),
                                           GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

static void
bz_window_constructed (GObject *object)
{
  BzWindow *self = BZ_WINDOW (object);

  G_OBJECT_CLASS (bz_window_parent_class)->constructed (object);

  g_return_if_fail (self->store != NULL);

  bz_document_view_set_store (self->document_view, self->store);
  load_labels (self);
  /* GtkApplication sets the resource's shortcuts window when the window is
   * added to it (after construction): this one replaces it then. */
  g_signal_connect (self, "notify::application", G_CALLBACK (load_help_overlay), NULL);
  load_help_overlay (self);
  _bz_window_workspace_init (self);
  _bz_window_confidence_init (self);
  g_signal_connect_object (self->store, "spans-changed", G_CALLBACK (spans_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "documents-changed", G_CALLBACK (_bz_window_reload_documents), self, G_CONNECT_SWAPPED);
  _bz_window_reload_documents (self);
  document_selected_cb (self);
  _bz_window_actions_update (self);
}

static void
bz_window_dispose (GObject *object)
{
  BzWindow *self = BZ_WINDOW (object);

  _bz_window_workspace_dispose (self);
  _bz_window_documents_dispose (self);
  _bz_window_curation_dispose (self);
  g_clear_pointer (&self->unsure_counts, g_hash_table_unref);
  g_clear_pointer (&self->context_popover, gtk_widget_unparent);
  g_clear_pointer (&self->note_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), BZ_TYPE_WINDOW);
  g_clear_object (&self->documents);
  g_clear_object (&self->entities);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->relation_lines, g_hash_table_unref);
  g_clear_pointer (&self->warnings, g_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bz_window_parent_class)->dispose (object);
}

static void
bz_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BzWindow *self = BZ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CURATING:
      g_value_set_boolean (value, _bz_window_get_curating (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bz_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BzWindow *self = BZ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_CURATING:
      _bz_window_set_curating (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The window's own popovers (the context menu, a note) have the window as
 * their parent, which must present them when it is allocated. */
static void
bz_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  BzWindow *self = BZ_WINDOW (widget);

  GTK_WIDGET_CLASS (bz_window_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->context_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_popover));
  if (self->note_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->note_popover));
}

void
_bz_window_popup_at (BzWindow    *self,
                     GtkPopover  *popover,
                     GtkWidget   *widget,
                     GdkRectangle area)
{
  graphene_point_t point;

  if (!gtk_widget_compute_point (widget, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (area.x, area.y), &point))
    point = GRAPHENE_POINT_INIT (0, 0);
  gtk_popover_set_pointing_to (popover, &(GdkRectangle) { (int) point.x, (int) point.y,
                                                          MAX (area.width, 1), MAX (area.height, 1) });
  gtk_popover_popup (popover);
}

static void
bz_window_class_init (BzWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->size_allocate = bz_window_size_allocate;
  object_class->constructed = bz_window_constructed;
  object_class->dispose = bz_window_dispose;
  object_class->get_property = bz_window_get_property;
  object_class->set_property = bz_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         BZ_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Whether the window curates the reviewers' work (bz_store_set_curating()). */
  properties[PROP_CURATING] =
    g_param_spec_boolean ("curating", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BZ_TYPE_DOCUMENT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/biaozhu/Workbench/bz-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BzWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, document_list);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, document_search);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, history_heading);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, history_list);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, guide_text);
  gtk_widget_class_bind_template_callback_full (widget_class, "side_page_changed_cb",
                                                G_CALLBACK (_bz_window_side_page_changed));
  gtk_widget_class_bind_template_child (widget_class, BzWindow, warnings_button);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, warning_list);
  gtk_widget_class_bind_template_callback (widget_class, warning_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, document_view);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, entity_list);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, label_filter);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, status_filter);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, label_filter_items);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, context_menu);
  gtk_widget_class_bind_template_callback (widget_class, entity_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, document_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_selection_changed_cb);

  _bz_window_class_actions_init (widget_class);
  _bz_window_class_workspace_init (widget_class);
  _bz_window_class_documents_init (widget_class);
  _bz_window_class_confidence_init (widget_class);
  _bz_window_class_side_init (widget_class);
  _bz_window_class_curation_init (widget_class);
}

static void
bz_window_init (BzWindow *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  _bz_window_keys_init (self);

  self->documents = g_list_store_new (BZ_TYPE_DOCUMENT);
  self->document_selection = gtk_single_selection_new (_bz_window_documents_init (self));
  gtk_single_selection_set_autoselect (self->document_selection, TRUE);
  g_signal_connect_object (self->document_selection, "notify::selected",
                           G_CALLBACK (document_selected_cb), self, G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (document_bind_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_factory (self->document_list, factory);
  gtk_list_view_set_model (self->document_list, GTK_SELECTION_MODEL (self->document_selection));
  g_object_unref (factory);
  g_object_unref (self->document_selection);

  self->entities = g_list_store_new (BZ_TYPE_SPAN);
  self->entity_filter = gtk_custom_filter_new (entity_filter_func, self, NULL);
  self->entity_filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->entities)),
                                                         GTK_FILTER (self->entity_filter));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (entity_bind_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_factory (self->entity_list, factory);
  gtk_list_view_set_model (self->entity_list,
                           GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (self->entity_filter_model))));
  g_object_unref (factory);

  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect_object (click, "pressed", G_CALLBACK (context_click_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (bz_document_view_get_text_view (self->document_view), GTK_EVENT_CONTROLLER (click));
  }
  /* The report is never edited: Ctrl+Z is the workspace's undo alone, never
   * the text view's own. */
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (GTK_TEXT_VIEW (bz_document_view_get_text_view (self->document_view))),
                                   FALSE);
}

BzWindow *
bz_window_new (GtkApplication *application,
               BzStore        *store)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (BZ_IS_STORE (store), NULL);

  return g_object_new (BZ_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

/**
 * bz_window_get_document_view:
 *
 * Returns: (transfer none): the view of the report
 */
BzDocumentView *
bz_window_get_document_view (BzWindow *self)
{
  g_return_val_if_fail (BZ_IS_WINDOW (self), NULL);
  return self->document_view;
}

void
bz_window_open_document (BzWindow *self,
                         gint64    document_id)
{
  g_return_if_fail (BZ_IS_WINDOW (self));
  _bz_window_open_document (self, document_id);
}

GListModel *
bz_window_get_documents (BzWindow *self)
{
  g_return_val_if_fail (BZ_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->documents);
}
