/* bz-note-popover.h: a note on a span or a report, written from the keyboard
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BZ_TYPE_NOTE_POPOVER (bz_note_popover_get_type ())
G_DECLARE_FINAL_TYPE (BzNotePopover, bz_note_popover, BZ, NOTE_POPOVER, GtkPopover)

BzNotePopover *bz_note_popover_new      (void);
/* Sets @note (nullable: none yet) under @heading; the popover takes the
 * keys for it when it is shown. */
void           bz_note_popover_edit     (BzNotePopover *self,
                                         const char    *heading,
                                         const char    *note);
/* Returns: (transfer full): the text typed, trimmed ("" for no note) */
char          *bz_note_popover_dup_text (BzNotePopover *self);
void           bz_note_popover_set_text (BzNotePopover *self,
                                         const char    *text);
/* Saves (the "save" signal with the text, "" to delete the note) and closes;
 * Ctrl+Enter does the same. */
void           bz_note_popover_save     (BzNotePopover *self);

G_END_DECLS
