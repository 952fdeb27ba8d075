/* bz-note-popover.c: a note on a span or a report, written from the keyboard
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window opens it on the selected span (N) or on the report (Shift+N).
 * Ctrl+Enter saves, Esc closes without saving; saving an empty note deletes
 * it. The popover only edits text: the window stores it, as one undoable
 * action.
 */
#define G_LOG_DOMAIN "bz-note-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "bz-note-popover.h"

struct _BzNotePopover
{
  GtkPopover parent_instance;

  GtkLabel *heading;
  GtkTextView *text_view;
};

G_DEFINE_FINAL_TYPE (BzNotePopover, bz_note_popover, GTK_TYPE_POPOVER)

enum {
  SAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
bz_note_popover_dup_text (BzNotePopover *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (BZ_IS_NOTE_POPOVER (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

void
bz_note_popover_set_text (BzNotePopover *self,
                          const char    *text)
{
  g_return_if_fail (BZ_IS_NOTE_POPOVER (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text != NULL ? text : "", -1);
}

void
bz_note_popover_save (BzNotePopover *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (BZ_IS_NOTE_POPOVER (self));

  text = bz_note_popover_dup_text (self);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SAVE], 0, text);
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  bz_note_popover_save (BZ_NOTE_POPOVER (widget));
}

static void
delete_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  BzNotePopover *self = BZ_NOTE_POPOVER (widget);

  bz_note_popover_set_text (self, NULL);
  bz_note_popover_save (self);
}

void
bz_note_popover_edit (BzNotePopover *self,
                      const char    *heading,
                      const char    *note)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;

  g_return_if_fail (BZ_IS_NOTE_POPOVER (self));
  g_return_if_fail (heading != NULL);

  gtk_label_set_text (self->heading, heading);
  bz_note_popover_set_text (self, note);
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.delete", note != NULL && *note != '\0');
}

static void
shown_cb (BzNotePopover *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
bz_note_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BZ_TYPE_NOTE_POPOVER);

  G_OBJECT_CLASS (bz_note_popover_parent_class)->dispose (object);
}

static void
bz_note_popover_class_init (BzNotePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bz_note_popover_dispose;

  /**
   * BzNotePopover::save:
   * @text: the note, trimmed; "" to delete it
   */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/biaozhu/Workbench/bz-note-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, BzNotePopover, heading);
  gtk_widget_class_bind_template_child (widget_class, BzNotePopover, text_view);
  gtk_widget_class_install_action (widget_class, "note.save", NULL, save_cb);
  gtk_widget_class_install_action (widget_class, "note.delete", NULL, delete_cb);
}

static void
bz_note_popover_init (BzNotePopover *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Before the text view, which would take Ctrl+Enter for a line break. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < 2; i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (i == 0 ? GDK_KEY_Return : GDK_KEY_KP_Enter,
                                                                                    GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("note.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (self, "show", G_CALLBACK (shown_cb), NULL);
}

BzNotePopover *
bz_note_popover_new (void)
{
  return g_object_new (BZ_TYPE_NOTE_POPOVER, NULL);
}
