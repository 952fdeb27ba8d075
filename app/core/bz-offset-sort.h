/* bz-offset-sort.h: a stable sort of records by an offset into a text (radix)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void bz_offset_sort (gpointer items,
                     guint    n_items,
                     gsize    item_size,
                     gsize    key_offset,
                     gsize    max_key);

G_END_DECLS
