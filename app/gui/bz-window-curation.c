/* bz-window-curation.c: curation of the reviewers' work into the curated layer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Curation (Ctrl+Shift+K) turns the window to the curated layer of the
 * workspace: the report shows the spans its reviewers accepted, as
 * suggestions, and every decision goes to the curated layer with its own
 * report status (not started, in curation, curated), history and undo. The
 * side pane's Curation page says who marked each span of the selected one's
 * dispute; Alt+1…Alt+9 take one reviewer's side, Alt+B both (all), Alt+N
 * neither, Alt+A accepts every agreed span; Return, Delete, the label keys
 * and Alt+arrows edit as in review. The reviewers' own layers never change.
 */
#define G_LOG_DOMAIN "bz-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bz-window-private.h"

/* Keys shown for the first reviewers: Alt+1 to Alt+9. */
#define N_SIDE_KEYS 9

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
row_label (const char *markup)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 8);
  gtk_widget_set_margin_end (label, 8);
  return label;
}

static const char *
status_name (BzSpanStatus status)
{
  switch (status)
    {
    case BZ_SPAN_ACCEPTED:
      return C_("curation", "taken");
    case BZ_SPAN_REJECTED:
      return C_("curation", "left out");
    case BZ_SPAN_SUGGESTED:
    default:
      return C_("curation", "open");
    }
}

/* "<b>宝华里项目</b> PROJECT — 李明, 王芳 · open" */
static char *
describe_span (BzCuration *curation,
               guint       index)
{
  BzSpan *span = bz_curation_get_span (curation, index);
  g_autofree char *surface = g_markup_escape_text (bz_span_get_surface (span), -1);
  g_autofree char *label = g_markup_escape_text (bz_span_get_label (span), -1);
  g_autofree char *marks = bz_curation_describe_reviewers (curation, bz_curation_get_marked_by (curation, index));
  g_autofree char *who = g_markup_escape_text (marks, -1);

  /* TRANSLATORS: a span in curation: its text, label, who marked it, its decision */
  return g_strdup_printf (_("<b>%s</b> %s — %s · %s"), surface, label, who,
                          status_name (bz_span_get_status (span)));
}

static int
selected_index (BzWindow *self)
{
  BzSpan *selected = bz_document_view_get_selected_span (self->document_view);

  if (self->curation == NULL || selected == NULL)
    return -1;
  return bz_curation_find_span (self->curation, bz_span_get_id (selected));
}

static void
show_summary (BzWindow *self)
{
  BzCuration *curation = self->curation;
  guint n = bz_curation_get_n_reviewers (curation);
  g_autofree char *names = NULL;
  g_autofree char *text = NULL;

  if (n == 0)
    {
      gtk_label_set_text (self->curation_summary,
                          _("No reviewer has decided anything in this report yet: there is nothing to"
                            " curate. Reviewers work in independent review, each in their own layer."));
      return;
    }
  names = bz_curation_describe_reviewers (curation, G_MAXUINT64);
  /* TRANSLATORS: the reviewers of the report; then two counts */
  text = g_strdup_printf (_("Reviewers: %s\n%u open disputes · %u agreed spans to accept"), names,
                          bz_curation_count_open_disputes (curation), bz_curation_count_open_agreed (curation));
  gtk_label_set_text (self->curation_summary, text);
}

static void
show_group (BzWindow *self,
            int       index)
{
  BzCuration *curation = self->curation;
  g_autoptr(GString) keys = g_string_new (NULL);
  guint group;

  clear_list (self->curation_group_list);
  gtk_widget_set_visible (GTK_WIDGET (self->curation_group_list), index >= 0);
  if (index < 0)
    {
      gtk_label_set_text (self->curation_group_heading, _("Select a span to see who marked what"));
      gtk_label_set_text (self->curation_keys, "");
      return;
    }
  gtk_label_set_text (self->curation_group_heading,
                      bz_curation_is_agreed (curation, (guint) index) ? _("Agreed by every reviewer")
                                                                       : _("Reviewers differ here"));
  group = bz_curation_get_group (curation, (guint) index);
  for (guint i = 0; i < bz_curation_get_n_spans (curation); i++)
    if (bz_curation_get_group (curation, i) == group)
      {
        g_autofree char *markup = describe_span (curation, i);

        gtk_list_box_append (self->curation_group_list, row_label (markup));
      }

  for (guint r = 0; r < bz_curation_get_n_reviewers (curation) && r < N_SIDE_KEYS; r++)
    /* TRANSLATORS: a key and whose side it takes: "Alt+1 李明" */
    g_string_append_printf (keys, _("Alt+%u %s · "), r + 1, bz_curation_get_reviewer (curation, r));
  g_string_append (keys, _("Alt+B both · Alt+N neither · Alt+A the agreed ones"));
  gtk_label_set_text (self->curation_keys, keys->str);
}

static void
show_open (BzWindow *self)
{
  BzCuration *curation = self->curation;
  guint last_group = G_MAXUINT;

  clear_list (self->curation_open_list);
  for (guint i = 0; i < bz_curation_get_n_spans (curation); i++)
    {
      BzSpan *span = bz_curation_get_span (curation, i);
      guint group = bz_curation_get_group (curation, i);
      g_autofree char *markup = NULL;
      GtkWidget *row;

      if (group == last_group || bz_span_get_status (span) != BZ_SPAN_SUGGESTED
          || bz_curation_is_agreed (curation, i))
        continue;
      last_group = group;
      markup = describe_span (curation, i);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), row_label (markup));
      g_object_set_data_full (G_OBJECT (row), "bz-span-id", g_memdup2 (&(gint64) { bz_span_get_id (span) },
                                                                      sizeof (gint64)), g_free);
      gtk_list_box_append (self->curation_open_list, row);
    }
}

static void
update_actions (BzWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int index = selected_index (self);
  gboolean can_take = index >= 0 && bz_curation_get_n_reviewers (self->curation) > 0;

  gtk_widget_action_set_enabled (widget, "curation.take", can_take);
  gtk_widget_action_set_enabled (widget, "curation.take-all", can_take);
  gtk_widget_action_set_enabled (widget, "curation.take-none", can_take);
  gtk_widget_action_set_enabled (widget, "curation.accept-agreed",
                                 self->curation != NULL && bz_curation_count_open_agreed (self->curation) > 0);
}

void
_bz_window_curation_update (BzWindow *self)
{
  g_return_if_fail (BZ_IS_WINDOW (self));

  if (self->curation != NULL)
    {
      show_summary (self);
      show_group (self, selected_index (self));
      show_open (self);
    }
  update_actions (self);
}

void
_bz_window_curation_reload (BzWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 document_id;

  g_return_if_fail (BZ_IS_WINDOW (self));

  g_clear_pointer (&self->curation, bz_curation_free);
  document_id = _bz_window_current_document_id (self);
  if (self->store != NULL && bz_store_get_curating (self->store) && document_id != 0)
    {
      self->curation = bz_curation_new (self->store, document_id, &error);
      if (self->curation == NULL)
        _bz_window_toast_error (self, error);
    }
  _bz_window_curation_update (self);
}

gboolean
_bz_window_get_curating (BzWindow *self)
{
  return self->store != NULL && bz_store_get_curating (self->store);
}

void
_bz_window_set_curating (BzWindow *self,
                         gboolean  curating)
{
  gint64 current;

  g_return_if_fail (BZ_IS_WINDOW (self));

  if (self->store == NULL || !!curating == bz_store_get_curating (self->store))
    return;
  current = _bz_window_current_document_id (self);
  bz_store_set_curating (self->store, curating);
  gtk_stack_page_set_visible (self->curation_page, curating);
  /* The list's counts and statuses, and the report's spans, are the layer's. */
  _bz_window_reload_documents (self);
  if (current != 0)
    _bz_window_open_document (self, current);
  gtk_stack_set_visible_child_name (self->side_stack, curating ? "curation" : "entities");
  _bz_window_curation_reload (self);
  _bz_window_actions_update (self);
  g_object_notify (G_OBJECT (self), "curating");
}

/* After a decision: the next open span of the report, as review goes on. */
static void
decided (BzWindow *self,
         gint64    span_id)
{
  bz_document_view_select_span (self->document_view, span_id);
  gtk_widget_activate_action (GTK_WIDGET (self), "review.next", NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

static void
take_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  /* The store's signal makes the window read the curation again. */
  g_autoptr(BzCuration) curation = NULL;
  BzCurationChoice choice = BZ_CURATION_NONE;
  int index = selected_index (self);
  guint reviewer = 0;
  gint64 span_id;

  if (index < 0)
    return;
  curation = g_steal_pointer (&self->curation);
  span_id = bz_span_get_id (bz_curation_get_span (curation, (guint) index));
  if (g_str_equal (action_name, "curation.take"))
    {
      choice = BZ_CURATION_SIDE;
      reviewer = g_variant_get_uint32 (parameter);
      if (reviewer >= bz_curation_get_n_reviewers (curation))
        {
          g_autofree char *message = g_strdup_printf (_("This report has no reviewer %u"), reviewer + 1);

          self->curation = g_steal_pointer (&curation);
          _bz_window_toast (self, message);
          return;
        }
    }
  else if (g_str_equal (action_name, "curation.take-all"))
    choice = BZ_CURATION_ALL;

  if (!bz_curation_decide (curation, self->store, (guint) index, choice, reviewer, &error))
    {
      _bz_window_toast_error (self, error);
      _bz_window_curation_reload (self);
      return;
    }
  decided (self, span_id);
}

static void
accept_agreed_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(BzCuration) curation = g_steal_pointer (&self->curation);
  g_autofree char *message = NULL;
  guint n = 0;

  if (curation == NULL)
    return;
  if (!bz_curation_accept_agreed (curation, self->store, &n, &error))
    {
      _bz_window_toast_error (self, error);
      _bz_window_curation_reload (self);
      return;
    }
  if (self->curation == NULL)
    self->curation = g_steal_pointer (&curation);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u agreed span accepted; Ctrl+Z takes it back",
                                          "%u agreed spans accepted; Ctrl+Z takes them back", n),
                             n);
  _bz_window_toast (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

static void
curation_open_activated_cb (BzWindow      *self,
                            GtkListBoxRow *row)
{
  gint64 *span_id = g_object_get_data (G_OBJECT (row), "bz-span-id");

  if (span_id == NULL)
    return;
  bz_document_view_select_span (self->document_view, *span_id);
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

void
_bz_window_curation_dispose (BzWindow *self)
{
  g_clear_pointer (&self->curation, bz_curation_free);
}

void
_bz_window_class_curation_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, BzWindow, curation_page);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, curation_summary);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, curation_group_heading);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, curation_group_list);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, curation_keys);
  gtk_widget_class_bind_template_child (widget_class, BzWindow, curation_open_list);
  gtk_widget_class_bind_template_callback (widget_class, curation_open_activated_cb);

  gtk_widget_class_install_property_action (widget_class, "curation.curate", "curating");
  gtk_widget_class_install_action (widget_class, "curation.take", "u", take_cb);
  gtk_widget_class_install_action (widget_class, "curation.take-all", NULL, take_cb);
  gtk_widget_class_install_action (widget_class, "curation.take-none", NULL, take_cb);
  gtk_widget_class_install_action (widget_class, "curation.accept-agreed", NULL, accept_agreed_cb);
}
