/* bz-context.c: a match shown in its context, for lists of occurrences and spans
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-context.h"

char *
bz_context_markup (const char *text,
                   const char *hit,
                   gsize       hit_len,
                   guint       context_chars)
{
  const char *from = hit, *to = hit + hit_len;
  g_autofree char *before = NULL, *match = NULL, *after = NULL;

  g_return_val_if_fail (text != NULL && hit != NULL && hit >= text, NULL);

  for (guint i = 0; i < context_chars && from > text; i++)
    from = g_utf8_prev_char (from);
  for (guint i = 0; i < context_chars && *to != '\0'; i++)
    to = g_utf8_next_char (to);

  before = g_markup_escape_text (from, hit - from);
  match = g_markup_escape_text (hit, hit_len);
  after = g_markup_escape_text (hit + hit_len, to - (hit + hit_len));
  return g_strdelimit (g_strdup_printf ("…%s<b>%s</b>%s…", before, match, after), "\n", ' ');
}
