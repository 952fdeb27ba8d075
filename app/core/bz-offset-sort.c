/* bz-offset-sort.c: a stable sort of records by an offset into a text
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The extractor sorts its candidates and matches by where they start, an
 * offset no larger than the text's length. A least-significant-digit radix sort
 * over the offsets' bytes costs two or three passes over the records, without a
 * comparison callback per pair, and keeps the records' order among equal
 * offsets as a stable merge sort does. Few records are sorted by insertion.
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
  g_autofree guint8 *buffer = NULL;
  g_autofree guint8 *held = NULL;
  guint8 *data = items;
  guint8 *from, *to;
  gboolean in_order = TRUE;

  g_return_if_fail (items != NULL || n_items == 0);
  g_return_if_fail (key_offset + sizeof (gint64) <= item_size);

  for (guint i = 1; i < n_items && in_order; i++)
    in_order = key_of (data + (i - 1) * item_size, key_offset) <= key_of (data + i * item_size, key_offset);
  if (in_order)
    return;

  if (n_items <= 16)
    {
      held = g_malloc (item_size);
      for (guint i = 1; i < n_items; i++)
        {
          gsize key = key_of (data + i * item_size, key_offset);
          guint j = i;

          while (j > 0 && key_of (data + (j - 1) * item_size, key_offset) > key)
            j--;
          if (j == i)
            continue;
          memcpy (held, data + i * item_size, item_size);
          memmove (data + (j + 1) * item_size, data + j * item_size, (gsize) (i - j) * item_size);
          memcpy (data + j * item_size, held, item_size);
        }
      return;
    }

  buffer = g_malloc ((gsize) n_items * item_size);
  from = data;
  to = buffer;
  for (guint shift = 0; shift < sizeof (gsize) * 8 && (max_key >> shift) != 0; shift += 8)
    {
      guint count[257] = { 0 };

      for (guint i = 0; i < n_items; i++)
        count[((key_of (from + i * item_size, key_offset) >> shift) & 0xFF) + 1]++;
      /* All in one bucket: this digit orders nothing. */
      if (count[((key_of (from, key_offset) >> shift) & 0xFF) + 1] == n_items)
        continue;
      for (guint d = 1; d <= 256; d++)
        count[d] += count[d - 1];
      for (guint i = 0; i < n_items; i++)
        {
          const guint8 *item = from + i * item_size;

          memcpy (to + (gsize) count[(key_of (item, key_offset) >> shift) & 0xFF]++ * item_size, item, item_size);
        }
      from = to;
      to = from == data ? buffer : data;
    }
  if (from != data)
    memcpy (data, from, (gsize) n_items * item_size);
}
