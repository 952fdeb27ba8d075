/* bz-message.h: a dialog's line of outcome, in the error style when it is one
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows @text in @label, in the error style when @is_error. */
void bz_message_show (GtkLabel   *label,
                      const char *text,
                      gboolean    is_error);

G_END_DECLS
