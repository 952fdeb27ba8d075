/* bz-offset-sort.c: a stable sort of records by an offset into a text
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The extractor sorts its candidates and matches by where they start, an
 * offset no larger than the text's length. A counting sort over the offsets
 * costs one pass over the text's length and two over the records, without a
 * comparison callback per pair, and keeps the records' order among equal
 * offsets as a stable merge sort does.
 */
#include "config.h"

#include <string.h>

#include "bz-offset-sort.h"

static inline gsize
key_of (const guint8 *item,
        gsize         key_offset)
{
  gint64 key;

  memcpy (&key, item + key_offset, sizeof key);
  return (gsize) key;
}

/**
 * bz_offset_sort:
 * @items: @n_items records of @item_size bytes
 * @n_items: how many
 * @item_size: the size of a record
 * @key_offset: where in a record its #gint64 offset is
 * @max_key: no offset is larger
 *
 * Sorts @items by their offsets, stably.
 */
void
bz_offset_sort (gpointer items,
                guint    n_items,
                gsize    item_size,
                gsize    key_offset,
                gsize    max_key)
{
  g_autofree guint *count = NULL;
  g_autofree guint8 *sorted = NULL;
  guint8 *data = items;
  gboolean in_order = TRUE;

  g_return_if_fail (items != NULL || n_items == 0);
  g_return_if_fail (key_offset + sizeof (gint64) <= item_size);

  for (guint i = 1; i < n_items && in_order; i++)
    in_order = key_of (data + (i - 1) * item_size, key_offset) <= key_of (data + i * item_size, key_offset);
  if (in_order)
    return;

  count = g_new0 (guint, max_key + 2);
  for (guint i = 0; i < n_items; i++)
    {
      gsize key = key_of (data + i * item_size, key_offset);

      g_return_if_fail (key <= max_key);
      count[key + 1]++;
    }
  for (gsize k = 1; k <= max_key + 1; k++)
    count[k] += count[k - 1];
  sorted = g_malloc ((gsize) n_items * item_size);
  for (guint i = 0; i < n_items; i++)
    {
      const guint8 *item = data + i * item_size;

      memcpy (sorted + (gsize) count[key_of (item, key_offset)]++ * item_size, item, item_size);
    }
  memcpy (data, sorted, (gsize) n_items * item_size);
}
