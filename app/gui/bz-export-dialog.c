/* bz-export-dialog.c: export of the workspace's annotations in the exchange formats
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-export-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "bz-export-dialog.h"
#include "bz-message.h"
#include "bz-task.h"

struct _BzExportDialog
{
  AdwWindow parent_instance;

  AdwToastOverlay *toasts;
  GtkButton *cancel_button;
  AdwComboRow *format_row;
  AdwComboRow *documents_row;
  GtkSwitch *suggestions_switch;
  GtkFlowBox *label_box;
  AdwEntryRow *split_row;
  GtkSpinButton *max_chars_spin;
  AdwActionRow *output_row;
  GtkProgressBar *progress;
  GtkLabel *message;

  BzStore *store;
  GPtrArray *label_checks;    /* GtkCheckButton, with the label's name as "bz-label" */
  char *output;
  GCancellable *cancellable;
  GtkNativeDialog *chooser;
  BzExportReport *report;
};

G_DEFINE_FINAL_TYPE (BzExportDialog, bz_export_dialog, ADW_TYPE_WINDOW)

enum
{
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
export_report_free (BzExportReport *report)
{
  bz_export_report_clear (report);
  g_free (report);
}

static void
worker_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  g_autofree char *text = g_strdup_printf (_("Document %u of %u"), MIN (done + 1, total), total);

  bz_task_progress_report (user_data, total > 0 ? (double) done / total : 1.0, text);
}

static gpointer
export_work (BzStore         *store,
             gpointer         work_data,
             BzTaskProgress  *progress,
             GCancellable    *cancellable,
             GError         **error)
{
  const BzExportOptions *options = work_data;
  BzExportReport *report = g_new0 (BzExportReport, 1);

  bz_export_report_init (report);
  if (!bz_export_store_full (store, options, worker_progress_cb, progress, cancellable, report, error))
    {
      export_report_free (report);
      return NULL;
    }
  return report;
}

static gboolean
split_is_set (BzExportDialog *self)
{
  g_autofree char *split = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->split_row)));

  return *g_strstrip (split) != '\0';
}

/* Whether the export writes a folder: brat always, any format with a split. */
static gboolean
writes_folder (BzExportDialog *self)
{
  return bz_format_is_folder (adw_combo_row_get_selected (self->format_row)) || split_is_set (self);
}

static void
bz_export_dialog_actions_update (BzExportDialog *self)
{
  gboolean running = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.start", !running && self->output != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-output", !running);
  gtk_button_set_label (self->cancel_button, running ? _("_Cancel") : _("_Close"));
}

static void
show_error (BzExportDialog *self,
            const GError   *error)
{
  g_autofree char *text = g_strdup_printf (_("Export failed: %s"), error->message);

  bz_message_show (self->message, text, TRUE);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Export failed, nothing was written")));
}

/* Returns: (transfer full) (nullable): the options the widgets describe, or
 * %NULL with @error set when they do not make an export */
static BzExportOptions *
build_options (BzExportDialog  *self,
               GError         **error)
{
  g_autoptr(BzExportOptions) options = NULL;
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  guint n_ticked = 0;

  if (self->output == NULL)
    {
      g_set_error_literal (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                           _("Choose where to write the export first."));
      return NULL;
    }

  options = bz_export_options_new (adw_combo_row_get_selected (self->format_row), self->output);
  if (!bz_export_options_set_documents (options, adw_combo_row_get_selected (self->documents_row) == 1
                                                 ? "reviewed" : "all", error))
    return NULL;
  options->statuses[BZ_SPAN_SUGGESTED] = gtk_switch_get_active (self->suggestions_switch);

  for (guint i = 0; i < self->label_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->label_checks, i);

      if (gtk_check_button_get_active (check))
        {
          g_strv_builder_add (labels, g_object_get_data (G_OBJECT (check), "bz-label"));
          n_ticked++;
        }
    }
  if (n_ticked == 0)
    {
      g_set_error_literal (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                           _("Tick at least one label to export."));
      return NULL;
    }
  /* Every label ticked exports every label, also those the schema may gain. */
  if (n_ticked < self->label_checks->len)
    {
      g_autofree char *spec = NULL;

      names = g_strv_builder_end (labels);
      spec = g_strjoinv (",", names);
      bz_export_options_set_labels (options, spec);
    }

  if (split_is_set (self) &&
      !bz_export_options_set_split (options, gtk_editable_get_text (GTK_EDITABLE (self->split_row)), error))
    return NULL;
  options->max_chars = gtk_spin_button_get_value_as_int (self->max_chars_spin);

  if (!bz_export_options_check (options, error))
    return NULL;
  return g_steal_pointer (&options);
}

static void
progress_cb (gpointer    owner,
             double      fraction,
             const char *text)
{
  BzExportDialog *self = owner;

  if (self->cancellable == NULL)
    return;
  gtk_progress_bar_set_fraction (self->progress, CLAMP (fraction, 0.0, 1.0));
  gtk_progress_bar_set_text (self->progress, text);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BzExportDialog *self = BZ_EXPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  BzExportReport *report;

  report = bz_task_finish (result, &error);
  /* A dialog destroyed while its worker ran has nothing left to show. */
  if (self->label_checks == NULL)
    {
      g_clear_pointer (&report, export_report_free);
      return;
    }
  g_clear_object (&self->cancellable);

  if (report == NULL)
    {
      gtk_progress_bar_set_text (self->progress, _("Stopped"));
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bz_message_show (self->message, _("Export cancelled, nothing was written."), TRUE);
      else
        show_error (self, error);
    }
  else
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *n_spans = g_strdup_printf ("%" G_GUINT64_FORMAT, report->n_spans);

      self->report = report;
      gtk_progress_bar_set_fraction (self->progress, 1.0);
      gtk_progress_bar_set_text (self->progress, _("Done"));
      g_string_printf (text, _("Exported %u documents (%u records, %s spans) to %s."),
                       report->n_documents, report->n_records, n_spans, self->output);
      if (report->dropped->len > 0)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "%u overlapping span was left out: this format cannot hold it.",
                                                     "%u overlapping spans were left out: this format cannot hold them.",
                                                     report->dropped->len),
                                  report->dropped->len);
        }
      bz_message_show (self->message, text->str, FALSE);
    }

  bz_export_dialog_actions_update (self);
  g_signal_emit (self, signals[FINISHED], 0, self->report != NULL);
}

void
bz_export_dialog_start (BzExportDialog *self)
{
  g_autoptr(GError) error = NULL;
  BzExportOptions *options;

  g_return_if_fail (BZ_IS_EXPORT_DIALOG (self));
  g_return_if_fail (self->cancellable == NULL);

  g_clear_pointer (&self->report, export_report_free);
  options = build_options (self, &error);
  if (options == NULL)
    {
      bz_message_show (self->message, error->message, TRUE);
      return;
    }

  bz_message_show (self->message, "", FALSE);
  gtk_progress_bar_set_fraction (self->progress, 0.0);
  gtk_progress_bar_set_text (self->progress, _("Starting…"));
  self->cancellable = g_cancellable_new ();
  bz_export_dialog_actions_update (self);

  bz_task_run (self, self->store, export_work, options, (GDestroyNotify) bz_export_options_free,
               (GDestroyNotify) export_report_free, progress_cb, self->cancellable, export_done_cb, NULL);
}

void
bz_export_dialog_cancel (BzExportDialog *self)
{
  g_return_if_fail (BZ_IS_EXPORT_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
bz_export_dialog_is_running (BzExportDialog *self)
{
  g_return_val_if_fail (BZ_IS_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

const char *
bz_export_dialog_get_message (BzExportDialog *self)
{
  g_return_val_if_fail (BZ_IS_EXPORT_DIALOG (self), NULL);
  return gtk_label_get_text (self->message);
}

const BzExportReport *
bz_export_dialog_get_report (BzExportDialog *self)
{
  g_return_val_if_fail (BZ_IS_EXPORT_DIALOG (self), NULL);
  return self->report;
}

void
bz_export_dialog_set_format (BzExportDialog *self,
                             BzFormat        format)
{
  g_return_if_fail (BZ_IS_EXPORT_DIALOG (self));
  g_return_if_fail (format < BZ_FORMAT_N_FORMATS);
  adw_combo_row_set_selected (self->format_row, format);
}

void
bz_export_dialog_set_output (BzExportDialog *self,
                             const char     *path)
{
  g_return_if_fail (BZ_IS_EXPORT_DIALOG (self));

  g_free (self->output);
  self->output = g_strdup (path);
  adw_action_row_set_subtitle (self->output_row, path != NULL ? path : _("Not chosen"));
  bz_export_dialog_actions_update (self);
}

void
bz_export_dialog_set_reviewed_only (BzExportDialog *self,
                                    gboolean        reviewed_only)
{
  g_return_if_fail (BZ_IS_EXPORT_DIALOG (self));
  adw_combo_row_set_selected (self->documents_row, reviewed_only ? 1 : 0);
}

void
bz_export_dialog_set_include_suggestions (BzExportDialog *self,
                                          gboolean        include)
{
  g_return_if_fail (BZ_IS_EXPORT_DIALOG (self));
  gtk_switch_set_active (self->suggestions_switch, include);
}

void
bz_export_dialog_set_label_active (BzExportDialog *self,
                                   const char     *name,
                                   gboolean        active)
{
  g_return_if_fail (BZ_IS_EXPORT_DIALOG (self));
  g_return_if_fail (name != NULL);

  for (guint i = 0; i < self->label_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->label_checks, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (check), "bz-label"), name) == 0)
        {
          gtk_check_button_set_active (check, active);
          return;
        }
    }
  g_return_if_reached ();
}

void
bz_export_dialog_set_split (BzExportDialog *self,
                            const char     *spec)
{
  g_return_if_fail (BZ_IS_EXPORT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->split_row), spec != NULL ? spec : "");
}

void
bz_export_dialog_set_max_chars (BzExportDialog *self,
                                guint           max_chars)
{
  g_return_if_fail (BZ_IS_EXPORT_DIALOG (self));
  gtk_spin_button_set_value (self->max_chars_spin, max_chars);
}

static void
chooser_response_cb (BzExportDialog  *self,
                     int              response,
                     GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        bz_export_dialog_set_output (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_output_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BzExportDialog *self = BZ_EXPORT_DIALOG (widget);
  gboolean folder = writes_folder (self);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (folder ? _("Export into Folder") : _("Export to File"),
                                         GTK_WINDOW (self),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Select"), _("_Cancel"));
  if (!folder)
    {
      BzFormat format = adw_combo_row_get_selected (self->format_row);
      g_autofree char *name = g_strconcat (bz_format_to_string (format), bz_format_get_extension (format), NULL);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  bz_export_dialog_start (BZ_EXPORT_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BzExportDialog *self = BZ_EXPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    bz_export_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* A changed option makes the last message stale. */
static void
options_changed_cb (BzExportDialog *self)
{
  if (self->cancellable == NULL && self->message != NULL)
    bz_message_show (self->message, "", FALSE);
}

/* A file chosen for another format keeps its name but takes the format's extension. */
static void
format_changed_cb (BzExportDialog *self)
{
  BzFormat format = adw_combo_row_get_selected (self->format_row);
  const char *extension = bz_format_get_extension (format);
  g_autofree char *base = NULL;
  char *dot;

  options_changed_cb (self);
  if (self->output == NULL || writes_folder (self) || *extension == '\0')
    return;
  base = g_path_get_basename (self->output);
  dot = strrchr (base, '.');
  if (dot != NULL && g_strcmp0 (dot, extension) != 0 &&
      (g_str_equal (dot, ".json") || g_str_equal (dot, ".jsonl") || g_str_equal (dot, ".conll")))
    {
      g_autofree char *dir = g_path_get_dirname (self->output);
      g_autofree char *path = NULL;

      *dot = '\0';
      path = g_strconcat (dir, G_DIR_SEPARATOR_S, base, extension, NULL);
      bz_export_dialog_set_output (self, path);
    }
}

static void
fill_labels (BzExportDialog *self)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;

  labels = bz_store_list_labels (self->store, &error);
  if (labels == NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < labels->len; i++)
    {
      BzLabel *label = g_ptr_array_index (labels, i);
      g_autofree char *text = g_strdup_printf ("%s %s", bz_label_get_display_name (label),
                                               bz_label_get_name (label));
      GtkWidget *check = gtk_check_button_new_with_label (text);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_object_set_data_full (G_OBJECT (check), "bz-label", g_strdup (bz_label_get_name (label)), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (options_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_flow_box_append (self->label_box, check);
      g_ptr_array_add (self->label_checks, check);
    }
}

static gboolean
bz_export_dialog_close_request (GtkWindow *window)
{
  BzExportDialog *self = BZ_EXPORT_DIALOG (window);

  if (self->cancellable == NULL)
    return GTK_WINDOW_CLASS (bz_export_dialog_parent_class)->close_request (window);
  bz_export_dialog_cancel (self);
  return TRUE;
}

static void
bz_export_dialog_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "export.choose-output", NULL, choose_output_action);
  gtk_widget_class_install_action (widget_class, "export.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "export.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "export.choose-output", NULL);
}

static void
bz_export_dialog_dispose (GObject *object)
{
  BzExportDialog *self = BZ_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), BZ_TYPE_EXPORT_DIALOG);
  g_clear_pointer (&self->label_checks, g_ptr_array_unref);
  g_clear_pointer (&self->report, export_report_free);
  g_clear_pointer (&self->output, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bz_export_dialog_parent_class)->dispose (object);
}

static void
bz_export_dialog_class_init (BzExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bz_export_dialog_dispose;
  window_class->close_request = bz_export_dialog_close_request;

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/biaozhu/Workbench/bz-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BzExportDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, BzExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, BzExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, BzExportDialog, documents_row);
  gtk_widget_class_bind_template_child (widget_class, BzExportDialog, suggestions_switch);
  gtk_widget_class_bind_template_child (widget_class, BzExportDialog, label_box);
  gtk_widget_class_bind_template_child (widget_class, BzExportDialog, split_row);
  gtk_widget_class_bind_template_child (widget_class, BzExportDialog, max_chars_spin);
  gtk_widget_class_bind_template_child (widget_class, BzExportDialog, output_row);
  gtk_widget_class_bind_template_child (widget_class, BzExportDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, BzExportDialog, message);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, options_changed_cb);
  bz_export_dialog_class_actions_init (widget_class);
}

static void
bz_export_dialog_init (BzExportDialog *self)
{
  self->label_checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  bz_export_dialog_actions_update (self);
}

BzExportDialog *
bz_export_dialog_new (GtkWindow *parent,
                      BzStore   *store)
{
  BzExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BZ_IS_STORE (store), NULL);

  self = g_object_new (BZ_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->store = g_object_ref (store);
  fill_labels (self);
  return self;
}
