/* bz-canonical-text.c: the canonical-text record and code-point helpers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-text.h"

void
bz_quality_warning_clear (BzQualityWarning *warning)
{
  g_return_if_fail (warning != NULL);

  g_clear_pointer (&warning->kind, g_free);
  g_clear_pointer (&warning->message, g_free);
}

void
bz_canonical_text_free (BzCanonicalText *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->encoding);
  g_free (self->sha256);
  g_clear_pointer (&self->offset_map, g_array_unref);
  g_clear_pointer (&self->warnings, g_array_unref);
  g_free (self);
}

void
bz_folded_free (BzFolded *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_clear_pointer (&self->to_source, g_array_unref);
  g_free (self);
}

gint64
bz_utf8_n_chars (const char *text)
{
  g_return_val_if_fail (text != NULL, 0);

  return g_utf8_strlen (text, -1);
}

/**
 * bz_utf8_substring:
 * @text: valid UTF-8
 * @start: first code point
 * @end: code point after the last; clamped to the text's length
 *
 * Returns: (transfer full): the code points [@start, @end) of @text
 */
char *
bz_utf8_substring (const char *text,
                   gint64      start,
                   gint64      end)
{
  const char *p;
  const char *q;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (start >= 0 && start <= end, NULL);

  p = text;
  for (gint64 i = 0; i < start && *p != '\0'; i++)
    p = g_utf8_next_char (p);
  q = p;
  for (gint64 i = start; i < end && *q != '\0'; i++)
    q = g_utf8_next_char (q);

  return g_strndup (p, q - p);
}
