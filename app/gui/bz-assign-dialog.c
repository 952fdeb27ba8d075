/* bz-assign-dialog.c: which reviewers annotate which reports, and the review mode
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog names the reviewers, the share of the reports to assign, the
 * overlap (the share of those that two reviewers annotate) and the seed that
 * chooses them, and replaces the workspace's assignment (bz_store_assign()).
 * It lists the current assignment, report by report, and switches the review
 * between shared and independent. A refusal of the workspace shows under the
 * form and changes nothing.
 */
#define G_LOG_DOMAIN "bz-assign-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bz-assign-dialog.h"
#include "bz-message.h"

struct _BzAssignDialog
{
  AdwWindow parent_instance;

  GtkSwitch *review_switch;
  AdwEntryRow *reviewers_entry;
  GtkSpinButton *share_spin;
  GtkSpinButton *overlap_spin;
  GtkSpinButton *seed_spin;
  GtkLabel *message;
  AdwPreferencesGroup *current_group;
  GtkListBox *assignment_list;

  BzStore *store;
  gboolean updating;          /* the switch follows the store, not the user */
};

G_DEFINE_FINAL_TYPE (BzAssignDialog, bz_assign_dialog, ADW_TYPE_WINDOW)

static void
clear_list (BzAssignDialog *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->assignment_list, 0)) != NULL)
    gtk_list_box_remove (self->assignment_list, GTK_WIDGET (row));
}

/* Lists the assignment report by report, and how many reports each reviewer has. */
static void
fill_assignment (BzAssignDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assignments = bz_store_list_assignments (self->store, &error);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) per_reviewer = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) reviewers = g_ptr_array_new ();
  g_autoptr(GString) description = g_string_new (NULL);
  guint n_assigned = 0, n_double = 0;

  clear_list (self);
  if (assignments != NULL)
    documents = bz_store_list_documents (self->store, &error);
  if (documents == NULL)
    {
      adw_preferences_group_set_description (self->current_group, error->message);
      return;
    }

  for (guint i = 0; i < assignments->len; i++)
    {
      BzAssignment *assignment = g_ptr_array_index (assignments, i);
      GPtrArray *of_document = g_hash_table_lookup (names, &assignment->document_id);

      if (of_document == NULL)
        {
          of_document = g_ptr_array_new ();
          g_hash_table_insert (names, g_memdup2 (&assignment->document_id, sizeof (gint64)), of_document);
        }
      g_ptr_array_add (of_document, assignment->reviewer);
      if (!g_hash_table_contains (per_reviewer, assignment->reviewer))
        g_ptr_array_add (reviewers, assignment->reviewer);
      g_hash_table_insert (per_reviewer, assignment->reviewer,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (per_reviewer, assignment->reviewer)) + 1));
    }

  for (guint i = 0; i < documents->len; i++)
    {
      BzDocument *document = g_ptr_array_index (documents, i);
      gint64 id = bz_document_get_id (document);
      GPtrArray *of_document = g_hash_table_lookup (names, &id);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row;

      if (of_document == NULL)
        continue;
      for (guint r = 0; r < of_document->len; r++)
        {
          if (r > 0)
            /* TRANSLATORS: between the names of a report's reviewers */
            g_string_append (subtitle, _(", "));
          g_string_append (subtitle, g_ptr_array_index (of_document, r));
        }
      n_assigned++;
      n_double += of_document->len > 1;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bz_document_get_title (document));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      gtk_list_box_append (self->assignment_list, row);
    }

  if (n_assigned == 0)
    g_string_append (description, _("No report is assigned: every reviewer may annotate every report."));
  else
    g_string_append_printf (description, _("%u of %u reports assigned, %u of them to two reviewers."),
                            n_assigned, documents->len, n_double);
  for (guint i = 0; i < reviewers->len; i++)
    {
      const char *name = g_ptr_array_index (reviewers, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_reviewer, name));

      g_string_append_c (description, i == 0 ? '\n' : ' ');
      /* TRANSLATORS: a reviewer's name and how many reports they have */
      g_string_append_printf (description, g_dngettext (GETTEXT_PACKAGE, "%s: %u report.", "%s: %u reports.", n),
                              name, n);
    }
  adw_preferences_group_set_description (self->current_group, description->str);
  gtk_widget_set_visible (GTK_WIDGET (self->assignment_list), n_assigned > 0);
}

static void
refresh (BzAssignDialog *self)
{
  self->updating = TRUE;
  gtk_switch_set_active (self->review_switch, bz_store_get_review_mode (self->store) == BZ_REVIEW_INDEPENDENT);
  self->updating = FALSE;
  fill_assignment (self);
}

static void
review_switch_cb (BzAssignDialog *self)
{
  g_autoptr(GError) error = NULL;
  BzReviewMode mode = gtk_switch_get_active (self->review_switch) ? BZ_REVIEW_INDEPENDENT : BZ_REVIEW_SHARED;

  if (self->updating || self->store == NULL || mode == bz_store_get_review_mode (self->store))
    return;
  if (!bz_store_set_review_mode (self->store, mode, &error))
    {
      bz_message_show (self->message, error->message, TRUE);
      refresh (self);
      return;
    }
  bz_message_show (self->message, mode == BZ_REVIEW_INDEPENDENT
                                   ? _("Independent review: each reviewer now decides in a layer of their own.")
                                   : _("Shared review: every reviewer now decides on the same spans."),
                   FALSE);
}

/* Returns: (transfer full): the names in @text, separated by commas (ASCII,
 * full-width or the enumeration comma), without the blanks around them;
 * empty pieces are dropped */
static GStrv
split_reviewers (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) unified = g_string_new (text);
  g_auto(GStrv) pieces = NULL;

  g_string_replace (unified, "，", ",", 0);
  g_string_replace (unified, "、", ",", 0);
  pieces = g_strsplit (unified->str, ",", -1);
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      g_strstrip (pieces[i]);
      if (*pieces[i] != '\0')
        g_strv_builder_add (builder, pieces[i]);
    }
  return g_strv_builder_end (builder);
}

gboolean
bz_assign_dialog_assign (BzAssignDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) reviewers = NULL;
  double share, overlap;
  guint32 seed;

  g_return_val_if_fail (BZ_IS_ASSIGN_DIALOG (self), FALSE);

  reviewers = split_reviewers (gtk_editable_get_text (GTK_EDITABLE (self->reviewers_entry)));
  gtk_spin_button_update (self->share_spin);
  gtk_spin_button_update (self->overlap_spin);
  gtk_spin_button_update (self->seed_spin);
  share = gtk_spin_button_get_value (self->share_spin) / 100;
  overlap = gtk_spin_button_get_value (self->overlap_spin) / 100;
  seed = (guint32) gtk_spin_button_get_value (self->seed_spin);

  if (!bz_store_assign (self->store, (const char * const *) reviewers, share, overlap, seed, &error))
    {
      bz_message_show (self->message, error->message, TRUE);
      return FALSE;
    }
  /* The store's signal has refreshed the list. */
  bz_message_show (self->message,
                   _("Assigned. Each reviewer sees their reports with “Only My Reports” in the list of reports."),
                   FALSE);
  return TRUE;
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  bz_assign_dialog_assign (BZ_ASSIGN_DIALOG (widget));
}

static void
reviewers_activated_cb (BzAssignDialog *self)
{
  bz_assign_dialog_assign (self);
}

void
bz_assign_dialog_set_reviewers (BzAssignDialog *self,
                                const char     *text)
{
  g_return_if_fail (BZ_IS_ASSIGN_DIALOG (self));
  g_return_if_fail (text != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->reviewers_entry), text);
}

void
bz_assign_dialog_set_share (BzAssignDialog *self,
                            double          share)
{
  g_return_if_fail (BZ_IS_ASSIGN_DIALOG (self));

  gtk_spin_button_set_value (self->share_spin, 100 * share);
}

void
bz_assign_dialog_set_overlap (BzAssignDialog *self,
                              double          overlap)
{
  g_return_if_fail (BZ_IS_ASSIGN_DIALOG (self));

  gtk_spin_button_set_value (self->overlap_spin, 100 * overlap);
}

void
bz_assign_dialog_set_seed (BzAssignDialog *self,
                           guint32         seed)
{
  g_return_if_fail (BZ_IS_ASSIGN_DIALOG (self));

  gtk_spin_button_set_value (self->seed_spin, seed);
}

void
bz_assign_dialog_set_independent (BzAssignDialog *self,
                                  gboolean        independent)
{
  g_return_if_fail (BZ_IS_ASSIGN_DIALOG (self));

  gtk_switch_set_active (self->review_switch, independent);
}

const char *
bz_assign_dialog_get_message (BzAssignDialog *self)
{
  g_return_val_if_fail (BZ_IS_ASSIGN_DIALOG (self), NULL);
  return gtk_label_get_text (self->message);
}

GtkListBox *
bz_assign_dialog_get_assignment_list (BzAssignDialog *self)
{
  g_return_val_if_fail (BZ_IS_ASSIGN_DIALOG (self), NULL);
  return self->assignment_list;
}

static void
bz_assign_dialog_dispose (GObject *object)
{
  BzAssignDialog *self = BZ_ASSIGN_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BZ_TYPE_ASSIGN_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bz_assign_dialog_parent_class)->dispose (object);
}

static void
bz_assign_dialog_class_init (BzAssignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bz_assign_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/biaozhu/Workbench/bz-assign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BzAssignDialog, review_switch);
  gtk_widget_class_bind_template_child (widget_class, BzAssignDialog, reviewers_entry);
  gtk_widget_class_bind_template_child (widget_class, BzAssignDialog, share_spin);
  gtk_widget_class_bind_template_child (widget_class, BzAssignDialog, overlap_spin);
  gtk_widget_class_bind_template_child (widget_class, BzAssignDialog, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, BzAssignDialog, message);
  gtk_widget_class_bind_template_child (widget_class, BzAssignDialog, current_group);
  gtk_widget_class_bind_template_child (widget_class, BzAssignDialog, assignment_list);
  gtk_widget_class_bind_template_callback (widget_class, review_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, reviewers_activated_cb);
  gtk_widget_class_install_action (widget_class, "assign.run", NULL, assign_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bz_assign_dialog_init (BzAssignDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BzAssignDialog *
bz_assign_dialog_new (GtkWindow *parent,
                      BzStore   *store)
{
  BzAssignDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BZ_IS_STORE (store), NULL);

  self = g_object_new (BZ_TYPE_ASSIGN_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  /* A change made here or elsewhere (the review mode, an assignment) shows at once. */
  g_signal_connect_object (store, "documents-changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
  return self;
}
