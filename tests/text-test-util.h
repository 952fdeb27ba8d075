/* text-test-util.h: loading reports and checking offset maps in the text tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <biaozhu.h>

#define SEED_TRADITIONAL "001_c8b0e577e10dc616.txt"

/* Fixtures of the text tests live in tests/data/text. */
#define TEXT_FIXTURES "text"

static inline char *
test_path (const char *env,
           const char *name)
{
  const char *dir = g_getenv (env);

  g_assert_nonnull (dir);
  if (g_str_equal (env, "BZ_TEST_DATA"))
    return g_build_filename (dir, TEXT_FIXTURES, name, NULL);
  return g_build_filename (dir, name, NULL);
}

static inline GBytes *
test_load (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static inline GBytes *
test_load_sample (const char *name)
{
  g_autofree char *path = test_path ("BZ_SAMPLES", name);

  return test_load (path);
}

static inline BzCanonicalText *
test_canonical (GBytes     *bytes,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  BzCanonicalText *ct = bz_canonical_text_new_from_bytes (bytes, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ct);
  return ct;
}

/* The canonical text of a fixture in tests/data/text; its bytes in @bytes if wanted. */
static inline BzCanonicalText *
test_canonical_data (const char  *name,
                     GBytes     **bytes)
{
  g_autofree char *path = test_path ("BZ_TEST_DATA", name);
  g_autoptr(GBytes) loaded = test_load (path);
  BzCanonicalText *ct = test_canonical (loaded, path);

  if (bytes != NULL)
    *bytes = g_steal_pointer (&loaded);
  return ct;
}

static inline gint64
test_offset (const BzCanonicalText *ct,
             gint64                 i)
{
  return g_array_index (ct->offset_map, gint64, i);
}

/*
 * Checks the map of @ct against the original bytes: it grows, ends at their
 * length, and every @step-th code point (and the last) is found, encoded in
 * @charset, at its mapped byte offset. A canonical LF may stand for a CR.
 */
static inline void
test_assert_offsets (const BzCanonicalText *ct,
                     GBytes                *original,
                     const char            *charset,
                     gint64                 step)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (original, &len);
  const char *p = ct->text;
  gint64 i = 0;

  g_assert_cmpint (ct->offset_map->len, ==, ct->n_chars + 1);
  g_assert_cmpint (test_offset (ct, ct->n_chars), ==, len);
  for (gint64 k = 1; k <= ct->n_chars; k++)
    g_assert_cmpint (test_offset (ct, k - 1), <, test_offset (ct, k));

  for (; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *encoded = NULL;
      gsize n = 0;
      gint64 at;

      if (i % step != 0 && i != ct->n_chars - 1)
        continue;
      at = test_offset (ct, i);
      encoded = g_convert (p, g_utf8_next_char (p) - p, charset, "UTF-8", NULL, &n, &error);
      g_assert_no_error (error);
      g_assert_cmpint (at + n, <=, len);
      if (*p == '\n' && memcmp (data + at, encoded, n) != 0)
        {
          g_autofree char *cr = g_convert ("\r", 1, charset, "UTF-8", NULL, NULL, NULL);

          g_assert_cmpmem (data + at, n, cr, n);
        }
      else
        g_assert_cmpmem (data + at, n, encoded, n);
    }
}
