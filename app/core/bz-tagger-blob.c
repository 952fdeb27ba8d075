/* bz-tagger-blob.c: a model as a versioned binary blob, and back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-tagger"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bz-tagger-private.h"

/*
 * The blob, every number little-endian:
 *   "BZTAGGER"                      magic, 8 bytes
 *   u32 version                     BZ_TAGGER_FORMAT_VERSION
 *   u32 flags                       bit 0: the external tags are features
 *   u32 n_buckets                   a power of two, at most BZ_TAGGER_MAX_BUCKETS
 *   u32 n_labels, then per label: u32 length, its UTF-8 bytes
 *   f32 temperature                 divides the scores for the confidences
 *   u32 n_tags, then per external tag name in name order: u32 length, its UTF-8 bytes
 *   f32 × (n_tags + 1) × n_tags     the transitions, the start row last
 *   u32 n_rows, then per row: u32 bucket (increasing), f32 × n_tags
 *                                   the buckets whose weights are not all zero
 *   u32 checksum                    FNV-1a of every byte before it
 */

#define MAGIC "BZTAGGER"
#define MAGIC_LEN 8
#define MAX_LABEL_LEN 256

static guint32
fnv1a (const guint8 *data,
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

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (out, (const guint8 *) &le, 4);
}

static void
put_f32 (GByteArray *out,
         float       value)
{
  guint32 bits;

  memcpy (&bits, &value, 4);
  put_u32 (out, bits);
}

GBytes *
bz_tagger_save (BzTagger *self)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint T;
  guint n_rows = 0;
  guint n_tags;

  g_return_val_if_fail (self != NULL, NULL);

  T = self->n_tags;
  g_byte_array_append (out, (const guint8 *) MAGIC, MAGIC_LEN);
  put_u32 (out, BZ_TAGGER_FORMAT_VERSION);
  put_u32 (out, self->use_external ? 1 : 0);
  put_u32 (out, self->n_buckets);
  put_u32 (out, self->n_labels);
  for (guint k = 0; k < self->n_labels; k++)
    {
      guint32 len = (guint32) strlen (self->labels[k]);

      put_u32 (out, len);
      g_byte_array_append (out, (const guint8 *) self->labels[k], len);
    }
  put_f32 (out, self->temperature);
  {
    g_autofree gpointer *tags = g_hash_table_get_keys_as_array (self->external_tags, &n_tags);

    qsort (tags, n_tags, sizeof (gpointer), _bz_tagger_compare_strings);
    put_u32 (out, n_tags);
    for (guint k = 0; k < n_tags; k++)
      {
        guint32 len = (guint32) strlen (tags[k]);

        put_u32 (out, len);
        g_byte_array_append (out, tags[k], len);
      }
  }
  for (gsize k = 0; k < (gsize) (T + 1) * T; k++)
    put_f32 (out, self->trans[k]);

  for (guint32 b = 0; b < self->n_buckets; b++)
    for (guint t = 0; t < T; t++)
      if (self->weights[(gsize) b * self->stride + t] != 0)
        {
          n_rows++;
          break;
        }
  put_u32 (out, n_rows);
  for (guint32 b = 0; b < self->n_buckets; b++)
    {
      const float *row = self->weights + (gsize) b * self->stride;
      gboolean zero = TRUE;

      for (guint t = 0; t < T && zero; t++)
        zero = row[t] == 0;
      if (zero)
        continue;
      put_u32 (out, b);
      for (guint t = 0; t < T; t++)
        put_f32 (out, row[_bz_tagger_block (self->n_labels, t)]);
    }
  put_u32 (out, fnv1a (out->data, out->len));
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
} Reader;

static gboolean
get_u32 (Reader  *r,
         guint32 *value)
{
  guint32 le;

  if (r->len - r->pos < 4)
    return FALSE;
  memcpy (&le, r->data + r->pos, 4);
  r->pos += 4;
  *value = GUINT32_FROM_LE (le);
  return TRUE;
}

static gboolean
get_f32 (Reader *r,
         float  *value)
{
  guint32 bits;

  if (!get_u32 (r, &bits))
    return FALSE;
  memcpy (value, &bits, 4);
  return isfinite (*value);
}

static BzTagger *
invalid (GError     **error,
         const char  *cause)
{
  g_set_error (error, BZ_TAGGER_ERROR, BZ_TAGGER_ERROR_INVALID,
               _("Not a usable tagger model: %s"), cause);
  return NULL;
}

/* Reads @n names (labels or tag names: UTF-8, not empty, each once) into @names. */
static gboolean
get_names (Reader     *r,
           guint32     n,
           GPtrArray  *names,
           GError    **error)
{
  for (guint k = 0; k < n; k++)
    {
      guint32 len;
      char *name;

      if (!get_u32 (r, &len) || len == 0 || len > MAX_LABEL_LEN || r->len - r->pos < len)
        return invalid (error, _("a label name is cut off or out of range")) != NULL;
      name = g_strndup ((const char *) r->data + r->pos, len);
      g_ptr_array_add (names, name);
      r->pos += len;
      if (strlen (name) != len || !g_utf8_validate (name, -1, NULL))
        return invalid (error, _("a label name is not UTF-8 text")) != NULL;
      for (guint j = 0; j < k; j++)
        if (strcmp (names->pdata[j], name) == 0)
          return invalid (error, _("a label is listed twice")) != NULL;
    }
  return TRUE;
}

BzTagger *
bz_tagger_load (GBytes  *blob,
                GError **error)
{
  Reader r = { 0 };
  guint32 version, flags, n_buckets, n_labels, n_rows, checksum;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BzTagger) self = NULL;
  guint32 n_tags;
  guint T;
  gint64 last = -1;
  float temperature;

  g_return_val_if_fail (blob != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  r.data = g_bytes_get_data (blob, &r.len);
  if (r.len < MAGIC_LEN || memcmp (r.data, MAGIC, MAGIC_LEN) != 0)
    return invalid (error, _("it does not start with the tagger's signature"));
  r.pos = MAGIC_LEN;
  if (!get_u32 (&r, &version))
    return invalid (error, _("it ends before its format version"));
  if (version > BZ_TAGGER_FORMAT_VERSION)
    {
      g_set_error (error, BZ_TAGGER_ERROR, BZ_TAGGER_ERROR_VERSION,
                   _("The tagger model has format version %u, newer than this build reads "
                     "(version %u): update Biaozhu to use it"),
                   version, BZ_TAGGER_FORMAT_VERSION);
      return NULL;
    }
  if (version == 0)
    return invalid (error, _("its format version is 0"));
  if (r.len < MAGIC_LEN + 8)
    return invalid (error, _("it is truncated"));
  memcpy (&checksum, r.data + r.len - 4, 4);
  if (GUINT32_FROM_LE (checksum) != fnv1a (r.data, r.len - 4))
    return invalid (error, _("its checksum does not match (truncated or damaged)"));
  r.len -= 4;

  if (!get_u32 (&r, &flags) || !get_u32 (&r, &n_buckets) || !get_u32 (&r, &n_labels))
    return invalid (error, _("it ends inside its header"));
  if (flags > 1)
    return invalid (error, _("it has unknown flags"));
  if (n_buckets == 0 || n_buckets > BZ_TAGGER_MAX_BUCKETS || (n_buckets & (n_buckets - 1)) != 0)
    return invalid (error, _("its feature table size is out of range"));
  if (n_labels == 0 || n_labels > BZ_TAGGER_MAX_LABELS)
    return invalid (error, _("its number of labels is out of range"));
  if (!get_names (&r, n_labels, labels, error))
    return NULL;

  if (!get_f32 (&r, &temperature) || !(temperature >= 0.01f && temperature <= 1000.0f))
    return invalid (error, _("its temperature is cut off or out of range"));
  if (!get_u32 (&r, &n_tags) || n_tags > BZ_TAGGER_MAX_EXTERNAL_TAGS)
    return invalid (error, _("its number of external tags is out of range"));
  if (!get_names (&r, n_tags, tags, error))
    return NULL;
  self = _bz_tagger_new ((const char *const *) labels->pdata, n_labels, n_buckets, flags & 1);
  self->temperature = temperature;
  for (guint k = 0; k < n_tags; k++)
    g_hash_table_add (self->external_tags, (gpointer) g_intern_string (tags->pdata[k]));
  T = self->n_tags;
  for (gsize k = 0; k < (gsize) (T + 1) * T; k++)
    if (!get_f32 (&r, &self->trans[k]))
      return invalid (error, _("its transition weights are cut off or not numbers"));
  if (!get_u32 (&r, &n_rows) || n_rows > n_buckets)
    return invalid (error, _("its number of weight rows is out of range"));
  for (guint32 i = 0; i < n_rows; i++)
    {
      guint32 b;

      if (!get_u32 (&r, &b) || b >= n_buckets || (gint64) b <= last)
        return invalid (error, _("a weight row is cut off or out of order"));
      last = b;
      for (guint t = 0; t < T; t++)
        if (!get_f32 (&r, &self->weights[(gsize) b * self->stride + _bz_tagger_block (self->n_labels, t)]))
          return invalid (error, _("a weight is cut off or not a number"));
    }
  if (r.pos != r.len)
    return invalid (error, _("it has bytes after its weights"));
  return g_steal_pointer (&self);
}
