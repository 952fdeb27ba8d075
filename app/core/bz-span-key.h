/* bz-span-key.h: a span's bounds and label as one hash key
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns: (transfer full): "START:END:LABEL", the same for the same span */
static inline char *
_bz_span_key (gint64      start,
              gint64      end,
              const char *label)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%s", start, end, label);
}

G_END_DECLS
