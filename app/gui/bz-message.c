/* bz-message.c: a dialog's line of outcome, in the error style when it is one
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-message.h"

void
bz_message_show (GtkLabel   *label,
                 const char *text,
                 gboolean    is_error)
{
  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (text != NULL);

  gtk_label_set_text (label, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}
