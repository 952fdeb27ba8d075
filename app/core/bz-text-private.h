/* bz-text-private.h: internals shared by decoding, normalisation and quality checks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

#include "bz-text.h"

G_BEGIN_DECLS


/*
 * Decoded text before normalisation: valid UTF-8 and where each of its code
 * points starts in the original bytes. UTF-8 input is not copied: @text then
 * points into the original bytes and @offsets is %NULL, the source offset of a
 * code point being @base plus its byte position in @text.
 */
typedef struct
{
  const char *text;
  gsize       len;
  char       *owned;
  GArray     *offsets;      /* gint64 per code point, or NULL */
  gsize       base;
  /* BzQualityWarning located by byte offsets in the original bytes: problems
   * found while decoding, placed in the canonical text once it is known. */
  GArray     *raw_warnings;
} BzDecoded;

GArray   *_bz_quality_warnings_new      (void);
void      _bz_quality_warnings_add      (GArray        *warnings,
                                         gint64         start,
                                         gint64         end,
                                         const char    *kind,
                                         char          *message);

void      _bz_decoded_clear             (BzDecoded     *decoded);

gboolean  _bz_text_decode               (const guint8  *data,
                                         gsize          len,
                                         const char    *display_name,
                                         BzDecoded     *decoded,
                                         char         **encoding,
                                         GError       **error);

void      _bz_text_normalize            (const BzDecoded *decoded,
                                         gsize            original_len,
                                         GString         *out,
                                         GArray          *offset_map,
                                         guint           *n_glosses,
                                         BzScript        *script);

GArray   *_bz_text_find_warnings        (const char    *text,
                                         gsize          len,
                                         GArray        *offset_map,
                                         GArray        *raw_warnings);

/* Whether @len bytes at @data are UTF-8 without a NUL: g_utf8_validate_len()
 * with a path for runs of ASCII and for three-byte characters. */
gboolean  _bz_utf8_validate             (const guint8  *data,
                                         gsize          len);

gsize     _bz_text_match_pinyin         (const char    *p,
                                         const char    *end);

/* Loads OpenCC's character dictionaries as tables, once per process. */
gboolean  _bz_fold_ensure_tables        (GError       **error);

/* Script-specific characters: a character's class holds
 * BZ_SCRIPT_CLASS_TRADITIONAL when t2s changes it and BZ_SCRIPT_CLASS_SIMPLIFIED
 * when s2t does. _bz_fold_script_bmp() is the table of the BMP, NULL when
 * OpenCC's dictionaries cannot be loaded. */
enum
{
  BZ_SCRIPT_CLASS_TRADITIONAL = 1 << 0,
  BZ_SCRIPT_CLASS_SIMPLIFIED = 1 << 1,
};

/* The script-specific characters of a text, as bz_text_detect_script() counts them. */
typedef struct
{
  gssize traditional;
  gssize simplified;
} BzScriptCounts;

/* Search folding (tables loaded): t2s, then lower case when @lower; and the
 * code points that fold into @target. */
gunichar  _bz_fold_search_char          (gunichar       c,
                                         gboolean       lower);
GArray   *_bz_fold_sources              (gunichar       target,
                                         gboolean       lower);
const guint8 *_bz_fold_script_bmp       (void);
guint     _bz_fold_script_class         (gunichar       c);
BzScript  _bz_script_from_counts        (const BzScriptCounts *counts);

/* Counts a character of @script_class, or takes it back (@sign -1). */
static inline void
_bz_script_counts_add (BzScriptCounts *counts,
                       guint           script_class,
                       int             sign)
{
  counts->traditional += sign * (gssize) ((script_class & BZ_SCRIPT_CLASS_TRADITIONAL) != 0);
  counts->simplified += sign * (gssize) ((script_class & BZ_SCRIPT_CLASS_SIMPLIFIED) != 0);
}

static inline gboolean
_bz_unichar_is_han (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF)
      || (c >= 0x3400 && c <= 0x4DBF)
      || (c >= 0x20000 && c <= 0x323AF)
      || (c >= 0xF900 && c <= 0xFAFF)
      || c == 0x3007;
}

/* The number of code points that start in [@p, @end) of UTF-8: the bytes that
 * are not continuation bytes (10xxxxxx), counted eight at a time. */
static inline gsize
_bz_utf8_count (const guchar *p,
                const guchar *end)
{
  gsize n = 0;

  for (; end - p >= 8; p += 8)
    {
      guint64 w;

      memcpy (&w, p, sizeof w);
      /* One bit per continuation byte, at the byte's bottom; the multiply sums
       * the bytes into the top one (without a popcount instruction, which
       * the baseline x86-64 target lacks). */
      w = ((w & ~(w << 1) & G_GUINT64_CONSTANT (0x8080808080808080)) >> 7);
      n += 8 - (gsize) ((w * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56);
    }
  for (; p < end; p++)
    n += (*p & 0xC0) != 0x80;
  return n;
}

/* The code point of the three-byte sequence at @p of valid UTF-8. */
static inline gunichar
_bz_utf8_decode3 (const guchar *p)
{
  return ((gunichar) (p[0] & 0x0F) << 12) | ((gunichar) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);
}

/* Decodes the code point at @p of valid UTF-8 and stores its length. */
static inline gunichar
_bz_utf8_decode (const guchar *p,
                 guint        *len)
{
  guchar b = p[0];

  if (b < 0x80)
    {
      *len = 1;
      return b;
    }
  if (b < 0xE0)
    {
      *len = 2;
      return ((gunichar) (b & 0x1F) << 6) | (p[1] & 0x3F);
    }
  if (b < 0xF0)
    {
      *len = 3;
      return _bz_utf8_decode3 (p);
    }
  *len = 4;
  return ((gunichar) (b & 0x07) << 18) | ((gunichar) (p[1] & 0x3F) << 12)
         | ((gunichar) (p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* Returns: (transfer full): the SHA-256 of @length bytes at @data in lower-case hex */
char *_bz_sha256_hex (const void *data,
                      gsize       length);

G_END_DECLS
