/* bz-import-dialog.c: import of report files and folders with progress and cancel
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-import-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "bz-import-dialog.h"
#include "bz-task.h"

#define N_IMPORT_STATUSES (BZ_IMPORT_REFUSED + 1)

struct _BzImportDialog
{
  AdwWindow parent_instance;

  GtkListBox *path_list;
  GtkSwitch *extract_switch;
  GtkProgressBar *progress;
  GtkLabel *summary;
  GtkButton *cancel_button;
  AdwPreferencesGroup *results_group;
  GtkListBox *result_list;

  BzStore *store;
  GtkStringList *paths;
  GSettings *settings;
  GCancellable *cancellable;
  GtkNativeDialog *chooser;
  guint counts[N_IMPORT_STATUSES];
};

G_DEFINE_FINAL_TYPE (BzImportDialog, bz_import_dialog, ADW_TYPE_WINDOW)

enum
{
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the worker gets: copies only. */
typedef struct
{
  char     **paths;
  gboolean   extract;
} ImportWork;

static void
import_work_free (ImportWork *work)
{
  g_strfreev (work->paths);
  g_free (work);
}

static void
worker_progress_cb (guint       done,
                    guint       total,
                    const char *path,
                    gpointer    user_data)
{
  BzTaskProgress *progress = user_data;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (path != NULL)
    {
      name = g_path_get_basename (path);
      text = g_strdup_printf ("%u/%u %s", done + 1, total, name);
    }
  else
    text = g_strdup_printf ("%u/%u", done, total);
  bz_task_progress_report (progress, total > 0 ? (double) done / total : 1.0, text);
}

static gpointer
import_work (BzStore         *store,
             gpointer         work_data,
             BzTaskProgress  *progress,
             GCancellable    *cancellable,
             GError         **error)
{
  ImportWork *work = work_data;
  g_autoptr(BzExtractor) extractor = NULL;

  if (work->extract)
    {
      extractor = bz_extractor_new (NULL, error);
      if (extractor == NULL)
        return NULL;
    }
  return bz_import_paths (store, (const char * const *) work->paths,
                          extractor != NULL ? bz_extractor_annotate : NULL, extractor,
                          worker_progress_cb, progress, cancellable, error);
}

static void
bz_import_dialog_actions_update (BzImportDialog *self)
{
  gboolean running = self->cancellable != NULL;
  guint n_paths = g_list_model_get_n_items (G_LIST_MODEL (self->paths));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.add-files", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.add-folder", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.clear", !running && n_paths > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", !running && n_paths > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->extract_switch), !running);
  gtk_button_set_label (self->cancel_button, running ? _("_Cancel") : _("_Close"));
}

static GtkWidget *
create_path_row (gpointer item,
                 gpointer user_data)
{
  const char *path = gtk_string_object_get_string (item);
  g_autofree char *name = g_path_get_basename (path);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), path);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (g_file_test (path, G_FILE_TEST_IS_DIR)
                                                           ? "folder-symbolic" : "text-x-generic-symbolic"));
  return row;
}

static void
append_result_row (BzImportDialog       *self,
                   const BzImportResult *result)
{
  g_autofree char *name = g_path_get_basename (result->path);
  g_autofree char *subtitle = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, result->document_id);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = NULL;

  switch (result->status)
    {
    case BZ_IMPORT_ADDED:
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Added as document %s, %u data-quality warning",
                                               "Added as document %s, %u data-quality warnings",
                                               result->n_warnings),
                                  id, result->n_warnings);
      icon = gtk_image_new_from_icon_name ("object-select-symbolic");
      gtk_widget_add_css_class (icon, "success");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Added"), -1);
      break;
    case BZ_IMPORT_EXISTING:
      subtitle = g_strdup_printf (_("Already in the workspace as document %s"), id);
      icon = gtk_image_new_from_icon_name ("edit-copy-symbolic");
      gtk_widget_add_css_class (icon, "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Already imported"), -1);
      break;
    case BZ_IMPORT_REFUSED:
    default:
      subtitle = g_strdup (result->error != NULL ? result->error->message : _("Refused"));
      icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      gtk_widget_add_css_class (icon, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Refused"), -1);
      break;
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_set_tooltip_text (row, result->path);
  gtk_list_box_append (self->result_list, row);
}

static void
clear_results (BzImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->result_list))) != NULL)
    gtk_list_box_remove (self->result_list, child);
  memset (self->counts, 0, sizeof self->counts);
  gtk_widget_set_visible (GTK_WIDGET (self->results_group), FALSE);
}

static void
progress_cb (gpointer    owner,
             double      fraction,
             const char *text)
{
  BzImportDialog *self = owner;

  /* A report that arrives after the end belongs to a finished import. */
  if (self->cancellable == NULL)
    return;
  gtk_progress_bar_set_fraction (self->progress, CLAMP (fraction, 0.0, 1.0));
  gtk_progress_bar_set_text (self->progress, text);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BzImportDialog *self = BZ_IMPORT_DIALOG (object);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  results = bz_task_finish (result, &error);
  /* A dialog destroyed while its worker ran has nothing left to show. */
  if (self->paths == NULL)
    return;
  g_clear_object (&self->cancellable);

  if (results == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        summary = g_strdup (_("Import cancelled. The files finished before the cancel stay imported."));
      else
        summary = g_strdup_printf (_("Import failed: %s"), error->message);
      gtk_progress_bar_set_text (self->progress, _("Stopped"));
      gtk_widget_add_css_class (GTK_WIDGET (self->summary), "error");
    }
  else
    {
      for (guint i = 0; i < results->len; i++)
        {
          const BzImportResult *item = g_ptr_array_index (results, i);

          self->counts[item->status]++;
          append_result_row (self, item);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->results_group), results->len > 0);
      gtk_progress_bar_set_fraction (self->progress, 1.0);
      gtk_progress_bar_set_text (self->progress, _("Done"));
      summary = g_strdup_printf (_("%u added, %u already in the workspace, %u refused"),
                                 self->counts[BZ_IMPORT_ADDED], self->counts[BZ_IMPORT_EXISTING],
                                 self->counts[BZ_IMPORT_REFUSED]);
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary), "error");
    }

  gtk_label_set_text (self->summary, summary);
  bz_import_dialog_actions_update (self);
  g_signal_emit (self, signals[FINISHED], 0, self->counts[BZ_IMPORT_ADDED]);
}

void
bz_import_dialog_start (BzImportDialog *self)
{
  ImportWork *work;
  guint n_paths;

  g_return_if_fail (BZ_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->cancellable == NULL);

  n_paths = g_list_model_get_n_items (G_LIST_MODEL (self->paths));
  if (n_paths == 0)
    return;

  work = g_new0 (ImportWork, 1);
  work->paths = g_new0 (char *, n_paths + 1);
  for (guint i = 0; i < n_paths; i++)
    work->paths[i] = g_strdup (gtk_string_list_get_string (self->paths, i));
  work->extract = gtk_switch_get_active (self->extract_switch);

  clear_results (self);
  gtk_label_set_text (self->summary, "");
  gtk_progress_bar_set_fraction (self->progress, 0.0);
  gtk_progress_bar_set_text (self->progress, work->extract ? _("Loading the extractor…") : _("Starting…"));
  self->cancellable = g_cancellable_new ();
  bz_import_dialog_actions_update (self);

  bz_task_run (self, self->store, import_work, work, (GDestroyNotify) import_work_free,
               (GDestroyNotify) g_ptr_array_unref, progress_cb, self->cancellable, import_done_cb, NULL);
}

void
bz_import_dialog_cancel (BzImportDialog *self)
{
  g_return_if_fail (BZ_IS_IMPORT_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
bz_import_dialog_is_running (BzImportDialog *self)
{
  g_return_val_if_fail (BZ_IS_IMPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

guint
bz_import_dialog_get_count (BzImportDialog *self,
                            BzImportStatus  status)
{
  g_return_val_if_fail (BZ_IS_IMPORT_DIALOG (self), 0);
  g_return_val_if_fail (status < N_IMPORT_STATUSES, 0);
  return self->counts[status];
}

const char *
bz_import_dialog_get_summary (BzImportDialog *self)
{
  g_return_val_if_fail (BZ_IS_IMPORT_DIALOG (self), NULL);
  return gtk_label_get_text (self->summary);
}

void
bz_import_dialog_add_path (BzImportDialog *self,
                           const char     *path)
{
  guint n;

  g_return_if_fail (BZ_IS_IMPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->paths));
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->paths, i), path) == 0)
      return;
  gtk_string_list_append (self->paths, path);
  bz_import_dialog_actions_update (self);
}

void
bz_import_dialog_set_extract (BzImportDialog *self,
                              gboolean        extract)
{
  g_return_if_fail (BZ_IS_IMPORT_DIALOG (self));
  gtk_switch_set_active (self->extract_switch, extract);
}

static void
chooser_response_cb (BzImportDialog  *self,
                     int              response,
                     GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autofree char *path = g_file_get_path (file);

          if (path != NULL)
            bz_import_dialog_add_path (self, path);
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose (BzImportDialog       *self,
        GtkFileChooserAction  action)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                         ? _("Add Folders of Reports") : _("Add Report Files"),
                                         GTK_WINDOW (self), action, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (text, _("Text files"));
      gtk_file_filter_add_mime_type (text, "text/plain");
      gtk_file_filter_add_suffix (text, "txt");
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), text);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
add_files_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  choose (BZ_IMPORT_DIALOG (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
add_folder_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  choose (BZ_IMPORT_DIALOG (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BzImportDialog *self = BZ_IMPORT_DIALOG (widget);

  gtk_string_list_splice (self->paths, 0, g_list_model_get_n_items (G_LIST_MODEL (self->paths)), NULL);
  bz_import_dialog_actions_update (self);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  bz_import_dialog_start (BZ_IMPORT_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BzImportDialog *self = BZ_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    bz_import_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* A running import is cancelled, not abandoned: the window stays until its
 * worker has stopped, so that "finished" reaches whoever reloads. */
static gboolean
bz_import_dialog_close_request (GtkWindow *window)
{
  BzImportDialog *self = BZ_IMPORT_DIALOG (window);

  if (self->cancellable == NULL)
    return GTK_WINDOW_CLASS (bz_import_dialog_parent_class)->close_request (window);
  bz_import_dialog_cancel (self);
  return TRUE;
}

static void
bz_import_dialog_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "import.add-files", NULL, add_files_action);
  gtk_widget_class_install_action (widget_class, "import.add-folder", NULL, add_folder_action);
  gtk_widget_class_install_action (widget_class, "import.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "import.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "import.add-files", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "import.start", NULL);
}

static void
bz_import_dialog_dispose (GObject *object)
{
  BzImportDialog *self = BZ_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), BZ_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->settings);
  g_clear_object (&self->paths);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bz_import_dialog_parent_class)->dispose (object);
}

static void
bz_import_dialog_class_init (BzImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bz_import_dialog_dispose;
  window_class->close_request = bz_import_dialog_close_request;

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/biaozhu/Workbench/bz-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BzImportDialog, path_list);
  gtk_widget_class_bind_template_child (widget_class, BzImportDialog, extract_switch);
  gtk_widget_class_bind_template_child (widget_class, BzImportDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, BzImportDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, BzImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, BzImportDialog, results_group);
  gtk_widget_class_bind_template_child (widget_class, BzImportDialog, result_list);
  bz_import_dialog_class_actions_init (widget_class);
}

static void
bz_import_dialog_init (BzImportDialog *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->paths = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (self->path_list, G_LIST_MODEL (self->paths), create_path_row, NULL, NULL);

  /* An uninstalled build may run without the schema: the switch then starts on. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new_full (schema, NULL, NULL);
      g_settings_bind (self->settings, "extract-on-import", self->extract_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
    }
  bz_import_dialog_actions_update (self);
}

BzImportDialog *
bz_import_dialog_new (GtkWindow *parent,
                      BzStore   *store)
{
  BzImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BZ_IS_STORE (store), NULL);

  self = g_object_new (BZ_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->store = g_object_ref (store);
  return self;
}
