/* bz-search-dialog.c: a search across every report of the workspace
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ctrl+Shift+F. The words typed are found in every report, in either script
 * (東城區 finds 东城区) and, for Latin letters, in either case; each hit shows
 * its report, line and context. Enter on a hit, or a click, opens the report
 * there ("open"). The search runs off the main loop, on its own connection,
 * and a newer one replaces an older one still running.
 */
#define G_LOG_DOMAIN "bz-search-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bz-context.h"
#include "bz-search-dialog.h"
#include "bz-task.h"

/* The most hits shown; the summary says when there are more. */
#define MAX_HITS 500

struct _BzSearchDialog
{
  AdwWindow parent_instance;

  GtkSearchEntry *entry;
  GtkLabel *summary;
  GtkListBox *list;

  BzStore *store;
  GPtrArray *hits;            /* BzSearchHit */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (BzSearchDialog, bz_search_dialog, ADW_TYPE_WINDOW)

enum {
  OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gpointer
search_work (BzStore         *store,
             gpointer         work_data,
             BzTaskProgress  *progress,
             GCancellable    *cancellable,
             GError         **error)
{
  return bz_store_search (store, work_data, BZ_SEARCH_IGNORE_CASE, MAX_HITS + 1, error);
}

static void
clear_list (BzSearchDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
}

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BzSearchDialog *self = BZ_SEARCH_DIALOG (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = bz_task_finish (result, &error);
  g_autoptr(GHashTable) documents = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *summary = NULL;
  guint n;

  if (hits == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->store != NULL)
        gtk_label_set_text (self->summary, error->message);
      return;
    }
  clear_list (self);
  n = MIN (hits->len, MAX_HITS);
  for (guint i = 0; i < n; i++)
    {
      BzSearchHit *hit = g_ptr_array_index (hits, i);
      const char *at = g_utf8_offset_to_pointer (hit->context, hit->start - hit->context_start);
      const char *end = g_utf8_offset_to_pointer (at, hit->end - hit->start);
      g_autofree char *context = bz_context_markup (hit->context, at, end - at, G_MAXUINT);
      GtkWidget *row = adw_action_row_new ();

      g_hash_table_add (documents, &hit->document_id);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), context);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hit->title);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->list, row);
    }
  if (hits->len > MAX_HITS)
    summary = g_strdup_printf (_("More than %u hits: the first %u, in %u reports"), MAX_HITS, MAX_HITS,
                               g_hash_table_size (documents));
  else if (hits->len == 0)
    summary = g_strdup (*gtk_editable_get_text (GTK_EDITABLE (self->entry)) != '\0' ? _("Found nowhere") : "");
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hit in %u reports", "%u hits in %u reports", n),
                               n, g_hash_table_size (documents));
  gtk_label_set_text (self->summary, summary);
  g_ptr_array_set_size (hits, n);
  self->hits = g_steal_pointer (&hits);
}

void
bz_search_dialog_search (BzSearchDialog *self,
                         const char     *query)
{
  g_return_if_fail (BZ_IS_SEARCH_DIALOG (self));
  g_return_if_fail (query != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_list (self);
  if (*query == '\0')
    {
      gtk_label_set_text (self->summary, "");
      return;
    }
  gtk_label_set_text (self->summary, _("Searching…"));
  self->cancellable = g_cancellable_new ();
  bz_task_run (self, self->store, search_work, g_strdup (query), g_free, (GDestroyNotify) g_ptr_array_unref,
               NULL, self->cancellable, search_done_cb, NULL);
}

static void
search_changed_cb (BzSearchDialog *self)
{
  bz_search_dialog_search (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

guint
bz_search_dialog_get_n_hits (BzSearchDialog *self)
{
  g_return_val_if_fail (BZ_IS_SEARCH_DIALOG (self), 0);
  return self->hits != NULL ? self->hits->len : 0;
}

const char *
bz_search_dialog_get_summary (BzSearchDialog *self)
{
  g_return_val_if_fail (BZ_IS_SEARCH_DIALOG (self), NULL);
  return gtk_label_get_text (self->summary);
}

gint64
bz_search_dialog_get_hit_document_id (BzSearchDialog *self,
                                      guint           index)
{
  g_return_val_if_fail (BZ_IS_SEARCH_DIALOG (self), 0);
  g_return_val_if_fail (self->hits != NULL && index < self->hits->len, 0);

  return ((BzSearchHit *) g_ptr_array_index (self->hits, index))->document_id;
}

void
bz_search_dialog_open_hit (BzSearchDialog *self,
                           guint           index)
{
  BzSearchHit *hit;

  g_return_if_fail (BZ_IS_SEARCH_DIALOG (self));
  g_return_if_fail (self->hits != NULL && index < self->hits->len);

  hit = g_ptr_array_index (self->hits, index);
  g_signal_emit (self, signals[OPEN], 0, hit->document_id, hit->start, hit->end);
}

static void
row_activated_cb (BzSearchDialog *self,
                  GtkListBoxRow  *row)
{
  bz_search_dialog_open_hit (self, gtk_list_box_row_get_index (row));
}

/* Enter in the field: the first hit, or the keys go down the list. */
static void
entry_activate_cb (BzSearchDialog *self)
{
  if (self->hits != NULL && self->hits->len > 0)
    bz_search_dialog_open_hit (self, 0);
}

/* Down in the field: into the list of hits. */
static gboolean
entry_key_cb (BzSearchDialog        *self,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              GtkEventControllerKey *controller)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

  if (keyval != GDK_KEY_Down || first == NULL)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}

static void
bz_search_dialog_dispose (GObject *object)
{
  BzSearchDialog *self = BZ_SEARCH_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), BZ_TYPE_SEARCH_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bz_search_dialog_parent_class)->dispose (object);
}

static void
bz_search_dialog_class_init (BzSearchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bz_search_dialog_dispose;

  /**
   * BzSearchDialog::open:
   * @document_id: the report of the hit
   * @start: the hit's first code point
   * @end: the code point after it
   */
  signals[OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/biaozhu/Workbench/bz-search-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BzSearchDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, BzSearchDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, BzSearchDialog, list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bz_search_dialog_init (BzSearchDialog *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (entry_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

BzSearchDialog *
bz_search_dialog_new (GtkWindow *parent,
                      BzStore   *store)
{
  BzSearchDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BZ_IS_STORE (store), NULL);

  self = g_object_new (BZ_TYPE_SEARCH_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  return self;
}
