/* bz-window-workspace.c: the window's workspace actions (import, export,
 * statistics, preferences, about) and the preferences it follows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bz-assign-dialog.h"
#include "bz-export-dialog.h"
#include "bz-import-dialog.h"
#include "bz-preferences-window.h"
#include "bz-relations-dialog.h"
#include "bz-search-dialog.h"
#include "bz-stats-view.h"
#include "bz-window-private.h"

#include <gtksourceview/gtksource.h>

static void
import_finished_cb (BzWindow *self)
{
  _bz_window_reload_documents (self);
  /* The first import into an empty workspace has nothing shown yet. */
  if (_bz_window_current_document_id (self) == 0)
    _bz_window_open_first_document (self);
}

static void
import_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  BzImportDialog *dialog = bz_import_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "finished", G_CALLBACK (import_finished_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (bz_export_dialog_new (GTK_WINDOW (self), self->store)));
}

static void
statistics_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  GtkWidget *window, *box, *view;
  GtkEventController *keys;

  if (self->statistics != NULL)
    {
      bz_stats_view_reload (BZ_STATS_VIEW (adw_bin_get_child (ADW_BIN (self->statistics_view))));
      gtk_window_present (self->statistics);
      return;
    }

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Statistics"));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 840, 720);
  gtk_widget_add_css_class (window, "bz-statistics");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  view = GTK_WIDGET (bz_stats_view_new (self->store));
  gtk_widget_set_vexpand (view, TRUE);
  /* The view stays in a bin so that the window can find it again. */
  self->statistics_view = adw_bin_new ();
  adw_bin_set_child (ADW_BIN (self->statistics_view), view);
  gtk_box_append (GTK_BOX (box), self->statistics_view);
  adw_window_set_content (ADW_WINDOW (window), box);
  /* Esc closes the statistics as it closes every other dialog of the window. */
  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);

  /* Counts follow the decisions made while the window is open. */
  g_signal_connect_object (self->store, "spans-changed", G_CALLBACK (bz_stats_view_reload), view, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "documents-changed", G_CALLBACK (bz_stats_view_reload), view, G_CONNECT_SWAPPED);
  self->statistics = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->statistics);
  g_object_add_weak_pointer (G_OBJECT (self->statistics_view), (gpointer *) &self->statistics_view);
  gtk_window_present (GTK_WINDOW (window));
}

static void
assign_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (bz_assign_dialog_new (GTK_WINDOW (self), self->store)));
}

static void
relations_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  BzSpan *selected = bz_document_view_get_selected_span (self->document_view);
  BzDocument *document = bz_document_view_get_document (self->document_view);
  BzRelationsDialog *dialog;

  if (selected == NULL || document == NULL)
    {
      _bz_window_toast (self, _("Select a span first: its relations open"));
      return;
    }
  dialog = bz_relations_dialog_new (GTK_WINDOW (self), self->store, document,
                                    bz_document_view_get_spans (self->document_view),
                                    bz_span_get_id (selected));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preferences_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);

  if (self->settings == NULL)
    return;
  gtk_window_present (GTK_WINDOW (bz_preferences_window_new (GTK_WINDOW (self), self->settings)));
}

static void
about_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  static const char *developers[] = { "The Biaozhu developers", NULL };
  GtkWidget *about;

  about = adw_about_window_new ();
  g_object_set (about,
                "transient-for", GTK_WINDOW (widget),
                "modal", TRUE,
                "application-name", _("Biaozhu"),
                "application-icon", APP_ID,
                "version", PACKAGE_VERSION,
                "comments", _("Review and correct the entities of Chinese reports, and export them as training data"),
                "developers", developers,
                "license-type", GTK_LICENSE_GPL_3_0,
                "translator-credits", _("translator-credits"),
                NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* An empty name leaves the store's own reviewer when the window opens (the
 * login name, or whom the program set); a name cleared in the preferences
 * goes back to the login name. */
static void
apply_reviewer (BzWindow *self,
                gboolean  changed)
{
  g_autofree char *name = g_settings_get_string (self->settings, "reviewer-name");
  const char *login = g_get_user_name ();

  g_autoptr(GError) error = NULL;

  g_strstrip (name);
  if (*name != '\0' && !bz_reviewer_name_check (name, &error))
    _bz_window_toast_error (self, error);
  else if (*name != '\0')
    bz_store_set_reviewer (self->store, name);
  else if (changed)
    bz_store_set_reviewer (self->store, login != NULL && *login != '\0' ? login : "unknown");
  /* One's own reports are the new reviewer's. */
  _bz_window_documents_assignment_changed (self);
}

static void
apply_font_size (BzWindow *self)
{
  g_autofree char *css = NULL;
  int size = g_settings_get_int (self->settings, "font-size");

  css = g_strdup_printf ("textview.bz-report { font-size: %dpt; }", size);
  gtk_css_provider_load_from_data (self->font_css, css, -1);
}

static void
apply_show_rejected (BzWindow *self)
{
  bz_document_view_set_show_rejected (self->document_view,
                                      g_settings_get_boolean (self->settings, "show-rejected"));
}

/* The report follows the light or dark style, with GtkSourceView's Adwaita schemes. */
static void
dark_changed_cb (BzWindow *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkWidget *text_view = bz_document_view_get_text_view (self->document_view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (schemes, adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita");
  if (scheme != NULL && GTK_SOURCE_IS_BUFFER (buffer))
    gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer), scheme);
}

static void
settings_changed_cb (BzWindow   *self,
                     const char *key)
{
  if (g_strcmp0 (key, "reviewer-name") == 0)
    apply_reviewer (self, TRUE);
  else if (g_strcmp0 (key, "font-size") == 0)
    apply_font_size (self);
  else if (g_strcmp0 (key, "show-rejected") == 0)
    apply_show_rejected (self);
}

void
_bz_window_workspace_init (BzWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GtkWidget *text_view = bz_document_view_get_text_view (self->document_view);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  dark_changed_cb (self);
  /* Before the list's own handler, so that the list is filtered by the new assignment. */
  g_signal_connect_object (self->store, "documents-changed", G_CALLBACK (_bz_window_documents_assignment_changed),
                           self, G_CONNECT_SWAPPED);
  _bz_window_documents_assignment_changed (self);

  /* An uninstalled build may run without the schema: the defaults apply and
   * the preferences cannot be changed. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.preferences", schema != NULL);
  if (schema == NULL)
    return;

  self->settings = g_settings_new_full (schema, NULL, NULL);
  self->font_css = gtk_css_provider_new ();
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_add_provider (gtk_widget_get_style_context (text_view),
                                  GTK_STYLE_PROVIDER (self->font_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  apply_reviewer (self, FALSE);
  apply_font_size (self);
  apply_show_rejected (self);

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

void
_bz_window_workspace_dispose (BzWindow *self)
{
  if (self->statistics != NULL)
    gtk_window_destroy (self->statistics);
  g_clear_object (&self->settings);
  g_clear_object (&self->font_css);
}

/* A hit of the workspace search: its report, its place selected, and the span
 * it lies in selected so that a key decides it. */
static void
search_open_cb (BzWindow       *self,
                gint64          document_id,
                gint64          start,
                gint64          end,
                BzSearchDialog *dialog)
{
  BzSpan *best;

  _bz_window_open_document (self, document_id);
  if (_bz_window_current_document_id (self) != document_id)
    return;
  best = bz_document_view_span_covering (self->document_view, start, end);
  if (best != NULL)
    bz_document_view_select_span (self->document_view, bz_span_get_id (best));
  else
    bz_document_view_select_range (self->document_view, start, end);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

/* Ctrl+Shift+F: every report of the workspace. */
static void
search_workspace_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  BzSearchDialog *dialog = bz_search_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "open", G_CALLBACK (search_open_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_bz_window_class_workspace_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "workspace.search", NULL, search_workspace_cb);
  gtk_widget_class_install_action (widget_class, "workspace.import", NULL, import_cb);
  gtk_widget_class_install_action (widget_class, "workspace.export", NULL, export_cb);
  gtk_widget_class_install_action (widget_class, "workspace.statistics", NULL, statistics_cb);
  gtk_widget_class_install_action (widget_class, "workspace.assign", NULL, assign_cb);
  gtk_widget_class_install_action (widget_class, "workspace.preferences", NULL, preferences_cb);
  gtk_widget_class_install_action (widget_class, "workspace.about", NULL, about_cb);
  gtk_widget_class_install_action (widget_class, "span.relations", NULL, relations_cb);
}
