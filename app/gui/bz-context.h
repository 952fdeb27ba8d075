/* bz-context.h: a match shown in its context, for lists of occurrences and spans
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Characters of context shown on each side of a match. */
#define BZ_CONTEXT_CHARS 14

/* Returns: (transfer full): Pango markup of the @hit_len bytes at @hit in bold,
 * with up to @context_chars characters of @text on each side, on one line */
char *bz_context_markup (const char *text,
                         const char *hit,
                         gsize       hit_len,
                         guint       context_chars);

G_END_DECLS
