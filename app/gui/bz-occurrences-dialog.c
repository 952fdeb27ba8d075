/* bz-occurrences-dialog.c: annotate every other occurrence of a surface
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-occurrences-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "bz-context.h"
#include "bz-occurrences-dialog.h"

typedef struct
{
  gint64 document_id;
  gint64 start;
  gint64 end;
  GtkCheckButton *check;
} Occurrence;

struct _BzOccurrencesDialog
{
  AdwWindow parent_instance;

  GtkListBox *list;
  GtkLabel *summary;
  GtkDropDown *scope;
  GtkWidget *apply_button;

  BzStore *store;
  gint64 document_id;
  char *surface;
  char *label;
  GArray *items;              /* Occurrence */
};

G_DEFINE_FINAL_TYPE (BzOccurrencesDialog, bz_occurrences_dialog, ADW_TYPE_WINDOW)

static gboolean
already_annotated (GPtrArray  *spans,
                   gint64      start,
                   gint64      end,
                   const char *label)
{
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      if (bz_span_get_start (span) == start && bz_span_get_end (span) == end &&
          g_strcmp0 (bz_span_get_label (span), label) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
add_document (BzOccurrencesDialog *self,
              BzDocument          *document)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = bz_document_get_text (document);
  gsize len = strlen (self->surface);
  const char *counted = text;
  gint64 offset = 0;

  spans = bz_store_list_spans (self->store, bz_document_get_id (document), &error);
  if (spans == NULL)
    {
      g_warning ("Cannot list the spans of “%s”: %s", bz_document_get_title (document), error->message);
      return;
    }

  for (const char *hit = strstr (text, self->surface); hit != NULL; hit = strstr (hit + len, self->surface))
    {
      Occurrence item = { bz_document_get_id (document), 0, 0, NULL };
      g_autofree char *markup = NULL;
      g_autofree char *title = NULL;
      GtkWidget *check, *label, *box;

      offset += g_utf8_strlen (counted, hit - counted);
      counted = hit;
      item.start = offset;
      item.end = offset + g_utf8_strlen (hit, len);
      if (already_annotated (spans, item.start, item.end, self->label))
        continue;

      markup = bz_context_markup (text, hit, len, BZ_CONTEXT_CHARS);
      title = g_markup_printf_escaped ("<small>%s · %" G_GINT64_FORMAT "</small>",
                                       bz_document_get_title (document), item.start);
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), title);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
      check = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
      item.check = GTK_CHECK_BUTTON (check);
      gtk_list_box_append (self->list, check);
      g_array_append_val (self->items, item);
    }
}

static void
reload (BzOccurrencesDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *child;

  /* The scope drop-down notifies while the template is built. */
  if (self->store == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_array_set_size (self->items, 0);

  if (gtk_drop_down_get_selected (self->scope) == 1)
    {
      g_autoptr(GPtrArray) documents = bz_store_list_documents (self->store, &error);

      for (guint i = 0; documents != NULL && i < documents->len; i++)
        add_document (self, g_ptr_array_index (documents, i));
    }
  else
    {
      g_autoptr(BzDocument) document = bz_store_get_document (self->store, self->document_id, &error);

      if (document != NULL)
        add_document (self, document);
    }
  if (error != NULL)
    g_warning ("Cannot read the workspace %s: %s", bz_store_get_path (self->store), error->message);

  /* Nothing to apply is said, not offered. */
  if (self->items->len == 0)
    summary = g_strdup_printf (gtk_drop_down_get_selected (self->scope) == 1
                               ? _("“%s” occurs nowhere else in the workspace without a %s span")
                               : _("“%s” occurs nowhere else in this report without a %s span: the whole workspace may have more"),
                               self->surface, self->label);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more occurrence of “%s” as %s",
                                            "%u more occurrences of “%s” as %s", self->items->len),
                               self->items->len, self->surface, self->label);
  gtk_label_set_text (self->summary, summary);
  gtk_widget_set_sensitive (self->apply_button, self->items->len > 0);
}

guint
bz_occurrences_dialog_get_n_items (BzOccurrencesDialog *self)
{
  g_return_val_if_fail (BZ_IS_OCCURRENCES_DIALOG (self), 0);
  return self->items->len;
}

void
bz_occurrences_dialog_set_active (BzOccurrencesDialog *self,
                                  guint                index,
                                  gboolean             active)
{
  g_return_if_fail (BZ_IS_OCCURRENCES_DIALOG (self));
  g_return_if_fail (index < self->items->len);

  gtk_check_button_set_active (g_array_index (self->items, Occurrence, index).check, active);
}

void
bz_occurrences_dialog_set_whole_workspace (BzOccurrencesDialog *self,
                                           gboolean             whole_workspace)
{
  g_return_if_fail (BZ_IS_OCCURRENCES_DIALOG (self));
  gtk_drop_down_set_selected (self->scope, whole_workspace ? 1 : 0);
}

gboolean
bz_occurrences_dialog_apply (BzOccurrencesDialog *self,
                             GError             **error)
{
  g_return_val_if_fail (BZ_IS_OCCURRENCES_DIALOG (self), FALSE);

  if (!bz_store_begin (self->store, _("Annotate all occurrences"), TRUE, error))
    return FALSE;
  for (guint i = 0; i < self->items->len; i++)
    {
      Occurrence *item = &g_array_index (self->items, Occurrence, i);
      g_autoptr(BzSpan) span = NULL;

      if (!gtk_check_button_get_active (item->check))
        continue;
      span = bz_span_new (item->start, item->end, self->label, BZ_SPAN_ACCEPTED, "human");
      if (bz_store_add_span (self->store, item->document_id, span, error) == 0)
        {
          bz_store_rollback (self->store);
          return FALSE;
        }
    }
  if (!bz_store_commit (self->store, error))
    return FALSE;

  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
apply_clicked_cb (BzOccurrencesDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!bz_occurrences_dialog_apply (self, &error))
    gtk_label_set_text (self->summary, error->message);
}

static void
cancel_clicked_cb (BzOccurrencesDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
bz_occurrences_dialog_dispose (GObject *object)
{
  BzOccurrencesDialog *self = BZ_OCCURRENCES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BZ_TYPE_OCCURRENCES_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->surface, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->items, g_array_unref);

  G_OBJECT_CLASS (bz_occurrences_dialog_parent_class)->dispose (object);
}

static void
bz_occurrences_dialog_class_init (BzOccurrencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bz_occurrences_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/biaozhu/Workbench/bz-occurrences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BzOccurrencesDialog, list);
  gtk_widget_class_bind_template_child (widget_class, BzOccurrencesDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, BzOccurrencesDialog, scope);
  gtk_widget_class_bind_template_child (widget_class, BzOccurrencesDialog, apply_button);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reload);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bz_occurrences_dialog_init (BzOccurrencesDialog *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Occurrence));
  gtk_widget_init_template (GTK_WIDGET (self));
}

BzOccurrencesDialog *
bz_occurrences_dialog_new (GtkWindow  *parent,
                           BzStore    *store,
                           gint64      document_id,
                           const char *surface,
                           const char *label)
{
  BzOccurrencesDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BZ_IS_STORE (store), NULL);
  g_return_val_if_fail (surface != NULL && *surface != '\0', NULL);
  g_return_val_if_fail (label != NULL, NULL);

  self = g_object_new (BZ_TYPE_OCCURRENCES_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  self->document_id = document_id;
  self->surface = g_strdup (surface);
  self->label = g_strdup (label);
  reload (self);
  return self;
}
