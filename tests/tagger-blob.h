/* tagger-blob.h: tagger model blobs patched for tests of their refusal
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <glib.h>

/* The blob's checksum: FNV-1a of every byte before it. */
static inline guint32
tagger_blob_fnv1a (const guint8 *data,
                   gsize         len)
{
  guint32 h = 0x811c9dc5u;

  for (gsize i = 0; i < len; i++)
    {
      h ^= data[i];
      h *= 0x01000193u;
    }
  return h;
}

/* A copy of @blob with the u32 at @offset set to @value and the checksum made
 * right (offset 8: the format version). */
static inline GBytes *
tagger_blob_patch (GBytes  *blob,
                   gsize    offset,
                   guint32  value)
{
  gsize len;
  guint8 *data = g_memdup2 (g_bytes_get_data (blob, &len), g_bytes_get_size (blob));
  guint32 le = GUINT32_TO_LE (value);

  memcpy (data + offset, &le, 4);
  le = GUINT32_TO_LE (tagger_blob_fnv1a (data, len - 4));
  memcpy (data + len - 4, &le, 4);
  return g_bytes_new_take (data, len);
}
