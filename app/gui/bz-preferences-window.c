/* bz-preferences-window.c: the workbench's preferences, kept in GSettings
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row is bound to its key, so that a change takes effect at once in
 * every window. The reviewer name is applied as it is typed (without the
 * spaces around it): a name that waited for Enter was lost when the window
 * closed, and decisions went on under the old name. The workspace records a
 * reviewer only with their first decision, so the prefixes typed on the way
 * leave no trace.
 */
#define G_LOG_DOMAIN "bz-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "bz-preferences-window.h"

struct _BzPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  AdwEntryRow *reviewer_row;
  GtkAdjustment *font_size_adjustment;
  GtkSwitch *show_rejected;
  GtkSwitch *advance;
  GtkSwitch *extract_on_import;
};

G_DEFINE_FINAL_TYPE (BzPreferencesWindow, bz_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
reviewer_changed_cb (BzPreferencesWindow *self)
{
  g_autofree char *name = NULL;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reviewer_row))));
  g_settings_set_string (self->settings, "reviewer-name", name);
}

static void
bz_preferences_window_dispose (GObject *object)
{
  BzPreferencesWindow *self = BZ_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BZ_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bz_preferences_window_parent_class)->dispose (object);
}

static void
bz_preferences_window_class_init (BzPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bz_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/biaozhu/Workbench/bz-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BzPreferencesWindow, reviewer_row);
  gtk_widget_class_bind_template_child (widget_class, BzPreferencesWindow, font_size_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BzPreferencesWindow, show_rejected);
  gtk_widget_class_bind_template_child (widget_class, BzPreferencesWindow, advance);
  gtk_widget_class_bind_template_child (widget_class, BzPreferencesWindow, extract_on_import);
  gtk_widget_class_bind_template_callback (widget_class, reviewer_changed_cb);
}

static void
bz_preferences_window_init (BzPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BzPreferencesWindow *
bz_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  BzPreferencesWindow *self;
  g_autofree char *reviewer = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (BZ_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);

  reviewer = g_settings_get_string (settings, "reviewer-name");
  /* Before the settings are set: the handler would write them back. */
  gtk_editable_set_text (GTK_EDITABLE (self->reviewer_row), reviewer);
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "font-size", self->font_size_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-rejected", self->show_rejected, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "advance-after-decision", self->advance, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "extract-on-import", self->extract_on_import, "active", G_SETTINGS_BIND_DEFAULT);
  return self;
}

void
bz_preferences_window_set_reviewer_text (BzPreferencesWindow *self,
                                         const char          *text)
{
  g_return_if_fail (BZ_IS_PREFERENCES_WINDOW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->reviewer_row), text);
}
