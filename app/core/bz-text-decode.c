/* bz-text-decode.c: encoding detection and decoding with a map to the original bytes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-text"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <uchardet.h>

#include "bz-text-private.h"

/* Control characters that plain text does not hold, besides NUL. */
#define IS_STRAY_CONTROL(b) (((b) < 0x20 && (b) != '\t' && (b) != '\n' && (b) != '\v' \
                              && (b) != '\f' && (b) != '\r' && (b) != 0x1B) || (b) == 0x7F)

/* The stray control characters among @len bytes. Eight bytes at a time: a word
 * without a byte under 0x20 and without 0x7F (most of a text) holds none. */
gsize
_bz_text_count_stray_controls (const guint8 *data,
                               gsize         len)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize n = 0;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w, del;

      memcpy (&w, data + i, 8);
      del = w ^ (ones * 0x7F);
      if ((((w - ones * 0x20) & ~w) | ((del - ones) & ~del)) & highs)
        for (gsize k = i; k < i + 8; k++)
          n += IS_STRAY_CONTROL (data[k]);
    }
  for (; i < len; i++)
    n += IS_STRAY_CONTROL (data[i]);
  return n;
}

void
_bz_decoded_clear (BzDecoded *decoded)
{
  g_clear_pointer (&decoded->owned, g_free);
  g_clear_pointer (&decoded->offsets, g_array_unref);
  g_clear_pointer (&decoded->raw_warnings, g_array_unref);
  decoded->text = NULL;
  decoded->len = 0;
}

static void
decoded_init_owned (BzDecoded *decoded,
                    GString   *text,
                    GArray    *offsets)
{
  decoded->len = text->len;
  decoded->owned = g_string_free (text, FALSE);
  decoded->text = decoded->owned;
  decoded->offsets = offsets;
  decoded->base = 0;
}

gboolean
_bz_text_refuse_binary (const char  *display_name,
                        const char  *unit,
                        gsize        len,
                        gsize        n_control,
                        GError     **error)
{
  /* A few stray control characters happen in real reports; many mean binary data. */
  if (n_control == 0 || n_control * 100 < len)
    return TRUE;

  g_set_error (error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_BINARY,
               "“%s” is not a text file: %" G_GSIZE_FORMAT " of its %" G_GSIZE_FORMAT
               " %s are control characters",
               display_name, n_control, len, unit);
  return FALSE;
}

/*
 * Takes @text and @offsets as the decoded text unless it holds NUL characters
 * or many control characters, which mean binary data read as UTF-16 or UTF-32.
 */
static gboolean
accept_decoded (BzDecoded   *decoded,
                GString     *text,
                GArray      *offsets,
                const char  *display_name,
                GError     **error)
{
  gsize n_control = 0;

  for (gsize i = 0; i < text->len; i++)
    {
      guchar b = text->str[i];

      if (b == 0)
        {
          gsize index = g_utf8_pointer_to_offset (text->str, text->str + i);

          g_set_error (error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_BINARY,
                       "“%s” is not a text file: it holds a NUL character at byte %" G_GINT64_FORMAT,
                       display_name, g_array_index (offsets, gint64, index));
          g_string_free (text, TRUE);
          g_array_unref (offsets);
          return FALSE;
        }
      n_control += IS_STRAY_CONTROL (b);
    }

  if (!_bz_text_refuse_binary (display_name, "characters", offsets->len, n_control, error))
    {
      g_string_free (text, TRUE);
      g_array_unref (offsets);
      return FALSE;
    }

  decoded_init_owned (decoded, text, offsets);
  return TRUE;
}

/* UTF-16 ---------------------------------------------------------------- */

static inline guint
read_unit (const guint8 *p,
           gboolean      big_endian)
{
  return big_endian ? ((guint) p[0] << 8) | p[1] : ((guint) p[1] << 8) | p[0];
}

/* Code units that text holds: white space, ASCII, Latin, punctuation, CJK. */
static gboolean
is_plausible_unit (guint u)
{
  return (u >= 0x20 && u < 0x7F) || u == '\n' || u == '\r' || u == '\t'
         || (u >= 0xA0 && u < 0x250) || (u >= 0x2000 && u < 0x2BFF)
         || (u >= 0x3000 && u < 0xA000) || (u >= 0xD800 && u < 0xE000)
         || (u >= 0xF900 && u < 0xFB00) || (u >= 0xFE30 && u < 0xFFF0);
}

/*
 * Text in UTF-16 without a byte-order mark shows itself by its zero bytes: the
 * high byte of every ASCII character (digits, punctuation, line ends) is zero,
 * nearly always on the same side of each pair (a CJK character such as 一,
 * U+4E00, puts a few on the other side). Binary data has zeros on both sides
 * and code units that no text holds.
 */
static gboolean
guess_utf16 (const guint8 *data,
             gsize         len,
             gboolean     *big_endian)
{
  gsize n = MIN (len, 65536) & ~(gsize) 1;
  gsize zero_even = 0, zero_odd = 0;
  gsize n_plausible = 0;

  if (len % 2 != 0 || n == 0)
    return FALSE;

  for (gsize i = 0; i < n; i += 2)
    {
      zero_even += data[i] == 0;
      zero_odd += data[i + 1] == 0;
    }

  if (zero_odd * 20 >= n / 2 && zero_even * 4 <= zero_odd)
    *big_endian = FALSE;
  else if (zero_even * 20 >= n / 2 && zero_odd * 4 <= zero_even)
    *big_endian = TRUE;
  else
    return FALSE;

  for (gsize i = 0; i < n; i += 2)
    n_plausible += is_plausible_unit (read_unit (data + i, *big_endian));
  return n_plausible * 100 >= (n / 2) * 98;
}

static gboolean
decode_utf16 (const guint8  *data,
              gsize          len,
              gsize          start,
              gboolean       big_endian,
              const char    *display_name,
              BzDecoded     *decoded,
              GError       **error)
{
  GString *text;
  GArray *offsets;

  if ((len - start) % 2 != 0)
    {
      g_set_error (error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_ENCODING,
                   "“%s” cannot be decoded as UTF-16%s: it ends in the middle of a character",
                   display_name, big_endian ? "BE" : "LE");
      return FALSE;
    }

  text = g_string_sized_new ((len - start) * 3 / 2 + 1);
  offsets = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (len - start) / 2 + 1);

  for (gsize i = start; i < len; i += 2)
    {
      guint u = read_unit (data + i, big_endian);
      gint64 at = i;
      gunichar c = u;

      if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len
          && read_unit (data + i + 2, big_endian) >= 0xDC00
          && read_unit (data + i + 2, big_endian) <= 0xDFFF)
        {
          c = 0x10000 + ((u - 0xD800) << 10) + (read_unit (data + i + 2, big_endian) - 0xDC00);
          i += 2;
        }
      else if (u >= 0xD800 && u <= 0xDFFF)
        {
          char *message = g_strdup_printf ("An unpaired UTF-16 surrogate (U+%04X) at byte %"
                                           G_GINT64_FORMAT " was kept as U+FFFD: part "
                                           "of a character outside the BMP is missing here",
                                           u, at);
          _bz_quality_warnings_add (decoded->raw_warnings, at, at + 2, "lone-surrogate", message);
          c = 0xFFFD;
        }

      g_string_append_unichar (text, c);
      g_array_append_val (offsets, at);
    }

  return accept_decoded (decoded, text, offsets, display_name, error);
}

/* Legacy encodings through iconv --------------------------------------- */

/*
 * Converts one character per call into UTF-32 so that the input consumed by
 * each call tells where that character starts in the original bytes. The
 * input is offered a few bytes at a time: glibc converts all the input it is
 * given into an internal buffer before it finds that the output is full.
 * Returns the byte offset of an undecodable sequence in @bad_at on failure.
 */
static gboolean
iconv_decode (GIConv        cd,
              const guint8 *data,
              gsize         start,
              gsize         end,
              GString      *text,
              GArray       *offsets,
              gsize        *bad_at)
{
  gsize pos = start;

  g_iconv (cd, NULL, NULL, NULL, NULL);

  while (pos < end)
    {
      guint32 units[4];
      gsize room = sizeof (guint32);
      gsize window = MIN (end - pos, 4);
      gsize written;

      for (;;)
        {
          gchar *in = (gchar *) data + pos;
          gsize in_left = window;
          gchar *out = (gchar *) units;
          gsize out_left = room;
          gsize r = g_iconv (cd, &in, &in_left, &out, &out_left);
          int saved = errno;

          written = (room - out_left) / sizeof (guint32);
          if (r != (gsize) -1 || saved == E2BIG)
            {
              if (written == 0 && in_left == window)
                {
                  if (room == sizeof units)
                    {
                      *bad_at = pos;
                      return FALSE;
                    }
                  /* One character that becomes several code points. */
                  room = sizeof units;
                  continue;
                }
              for (gsize k = 0; k < written; k++)
                {
                  gint64 at = pos;

                  g_string_append_unichar (text, GUINT32_FROM_LE (units[k]));
                  g_array_append_val (offsets, at);
                }
              pos += window - in_left;
              break;
            }
          if (saved == EINVAL && window < end - pos && window < 16)
            {
              /* The window cut a character (or an escape sequence) in two. */
              window = MIN (end - pos, window * 2);
              continue;
            }
          *bad_at = pos + (window - in_left);
          return FALSE;
        }
    }
  return TRUE;
}

static GIConv
open_decoder (const char *charset)
{
  return g_iconv_open ("UTF-32LE", charset);
}

static gboolean
decode_legacy (const guint8  *data,
               gsize          len,
               gsize          start,
               const char    *charset,
               const char    *display_name,
               BzDecoded     *decoded,
               GError       **error)
{
  GIConv cd = open_decoder (charset);
  GString *text;
  GArray *offsets;
  gsize bad_at = 0;

  if (cd == (GIConv) -1)
    {
      g_set_error (error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_ENCODING,
                   "“%s” looks like %s, which cannot be converted on this system",
                   display_name, charset);
      return FALSE;
    }

  text = g_string_sized_new (len * 3 / 2 + 1);
  offsets = g_array_sized_new (FALSE, FALSE, sizeof (gint64), len + 1);
  if (!iconv_decode (cd, data, start, len, text, offsets, &bad_at))
    {
      g_iconv_close (cd);
      g_set_error (error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_ENCODING,
                   "“%s” cannot be decoded as %s: invalid or incomplete character at byte %"
                   G_GSIZE_FORMAT,
                   display_name, charset, bad_at);
      g_string_free (text, TRUE);
      g_array_unref (offsets);
      return FALSE;
    }
  g_iconv_close (cd);

  return accept_decoded (decoded, text, offsets, display_name, error);
}

/* UTF-8 ------------------------------------------------------------------ */

static inline gboolean
is_continuation (guint8 b)
{
  return (b & 0xC0) == 0x80;
}

gboolean
_bz_utf8_validate (const guint8 *data,
                   gsize         len)
{
  const guint8 *p = data;
  const guint8 *end = data + len;

  while (p < end)
    {
      guint8 b = *p;

      if (b < 0x80)
        {
          if (b == 0)
            return FALSE;
          p++;
          /* Then eight ASCII bytes at once while there are, none of them NUL. */
          while (end - p >= 8 && *p < 0x80)
            {
              guint64 w;

              memcpy (&w, p, sizeof w);
              if (((w | ((w - 0x0101010101010101u) & ~w)) & 0x8080808080808080u) != 0)
                break;
              p += 8;
            }
          continue;
        }
      /* A run of three-byte characters without special cases (U+1000-U+CFFF). */
      while (end - p >= 3 && (guint8) (*p - 0xE1) < 12)
        {
          guint16 tail;

          memcpy (&tail, p + 1, sizeof tail);
          if ((tail & 0xC0C0) != 0x8080)
            return FALSE;
          p += 3;
        }
      if (p == end)
        break;
      b = *p;
      if (b < 0x80)
        continue;
      if (b >= 0xC2 && b <= 0xDF)
        {
          if (end - p < 2 || !is_continuation (p[1]))
            return FALSE;
          p += 2;
          continue;
        }
      if (b >= 0xE0 && b <= 0xEF)
        {
          /* No overlong forms (E0 A0..), no surrogates (ED ..9F). */
          if (end - p < 3 || !is_continuation (p[1]) || !is_continuation (p[2])
              || (b == 0xE0 && p[1] < 0xA0) || (b == 0xED && p[1] > 0x9F))
            return FALSE;
          p += 3;
          continue;
        }
      if (b >= 0xF0 && b <= 0xF4)
        {
          if (end - p < 4 || !is_continuation (p[1]) || !is_continuation (p[2]) || !is_continuation (p[3])
              || (b == 0xF0 && p[1] < 0x90) || (b == 0xF4 && p[1] > 0x8F))
            return FALSE;
          p += 4;
          continue;
        }
      return FALSE;
    }
  return TRUE;
}

/* UTF-8 with foreign runs ------------------------------------------------ */

/* Length of the valid UTF-8 sequence at @p, or 0. */
static guint
utf8_sequence_length (const guint8 *p,
                      const guint8 *end)
{
  const gchar *stop = NULL;
  guint n;

  if (*p < 0x80)
    return 1;
  n = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
  if ((gsize) (end - p) < n)
    n = end - p;
  if (g_utf8_validate ((const gchar *) p, n, &stop) && stop == (const gchar *) p + n
      && *p >= 0xC2 && *p <= 0xF4)
    return n;
  return 0;
}

/*
 * A file that is UTF-8 except for a few runs: counts the valid multi-byte
 * characters against the bytes that belong to none.
 */
static gboolean
is_mostly_utf8 (const guint8 *data,
                gsize         len)
{
  gsize n_multi = 0, n_bad = 0;

  for (const guint8 *p = data, *end = data + len; p < end;)
    {
      guint n = utf8_sequence_length (p, end);

      if (n == 0)
        {
          n_bad++;
          p++;
          continue;
        }
      n_multi += n > 1;
      p += n;
    }
  return n_multi >= 8 && n_multi >= n_bad;
}

static void
decode_foreign_run (const guint8 *data,
                    gsize         start,
                    gsize         end,
                    GString      *text,
                    GArray       *offsets,
                    BzDecoded    *decoded)
{
  static const char *candidates[] = { "GB18030", "BIG5" };
  gsize mark_len = text->len;
  guint mark_n = offsets->len;
  char *message;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      GIConv cd = open_decoder (candidates[i]);
      gsize bad_at;
      gboolean ok;

      if (cd == (GIConv) -1)
        continue;
      ok = iconv_decode (cd, data, start, end, text, offsets, &bad_at);
      g_iconv_close (cd);
      if (ok)
        {
          message = g_strdup_printf ("Bytes %" G_GSIZE_FORMAT "–%" G_GSIZE_FORMAT
                                     " are not UTF-8 like the rest of the file; they "
                                     "were decoded as %s",
                                     start, end, candidates[i]);
          _bz_quality_warnings_add (decoded->raw_warnings, start, end, "mixed-encoding", message);
          return;
        }
      g_string_truncate (text, mark_len);
      g_array_set_size (offsets, mark_n);
    }

  for (gsize i = start; i < end; i++)
    {
      gint64 at = i;

      g_string_append_unichar (text, 0xFFFD);
      g_array_append_val (offsets, at);
    }
  message = g_strdup_printf ("Bytes %" G_GSIZE_FORMAT "–%" G_GSIZE_FORMAT
                             " are not UTF-8 like the rest of the file and not in "
                             "any known encoding; they were replaced by U+FFFD",
                             start, end);
  _bz_quality_warnings_add (decoded->raw_warnings, start, end, "mixed-encoding", message);
}

static void
decode_mixed_utf8 (const guint8 *data,
                   gsize         len,
                   gsize         start,
                   BzDecoded    *decoded)
{
  GString *text = g_string_sized_new (len + 16);
  GArray *offsets = g_array_sized_new (FALSE, FALSE, sizeof (gint64), len + 1);
  const guint8 *end = data + len;
  const guint8 *p = data + start;
  /* Where a foreign run may start: after the last line end or UTF-8 character of
   * CJK size, since the bytes of GB18030 and Big5 are often valid two-byte UTF-8
   * by chance (隆 is C2 A1 in GB18030, ¡ in UTF-8). */
  const guint8 *anchor = p;
  gsize anchor_len = 0;
  guint anchor_n = 0;

  while (p < end)
    {
      guint n = utf8_sequence_length (p, end);
      const guint8 *q = p;

      if (n > 0)
        {
          gint64 at = p - data;

          g_string_append_len (text, (const gchar *) p, n);
          g_array_append_val (offsets, at);
          p += n;
          if (n >= 3 || *(p - 1) == '\n' || *(p - 1) == '\r')
            {
              anchor = p;
              anchor_len = text->len;
              anchor_n = offsets->len;
            }
          continue;
        }
      while (q < end && utf8_sequence_length (q, end) < 3 && *q != '\n' && *q != '\r')
        q++;
      g_string_truncate (text, anchor_len);
      g_array_set_size (offsets, anchor_n);
      decode_foreign_run (data, anchor - data, q - data, text, offsets, decoded);
      p = q;
      anchor = p;
      anchor_len = text->len;
      anchor_n = offsets->len;
    }

  decoded_init_owned (decoded, text, offsets);
}

/* Detection ------------------------------------------------------------- */

static char *
detect_charset (const guint8 *data,
                gsize         len)
{
  uchardet_t ud = uchardet_new ();
  char *charset = NULL;

  if (uchardet_handle_data (ud, (const char *) data, len) == 0)
    {
      uchardet_data_end (ud);
      charset = g_ascii_strup (uchardet_get_charset (ud), -1);
    }
  uchardet_delete (ud);
  return charset;
}

/* The family that GLib converts best: the GB encodings are all read as GB18030. */
static const char *
charset_family (const char *charset)
{
  static const char *gb[] = { "GB18030", "GBK", "GB2312", "EUC-CN", "CP936", "X-GBK", "HZ-GB-2312" };
  static const char *big5[] = { "BIG5", "BIG5-HKSCS", "CP950", "X-EUC-TW", "EUC-TW" };

  for (guint i = 0; i < G_N_ELEMENTS (gb); i++)
    if (g_str_equal (charset, gb[i]))
      return "GB18030";
  for (guint i = 0; i < G_N_ELEMENTS (big5); i++)
    if (g_str_equal (charset, big5[i]))
      return "BIG5";
  return charset;
}

gboolean
_bz_text_decode (const guint8  *data,
                 gsize          len,
                 const char    *display_name,
                 BzDecoded     *decoded,
                 char         **encoding,
                 GError       **error)
{
  const guint8 *nul;
  gsize n_control = 0;
  gboolean big_endian = FALSE;
  g_autofree char *charset = NULL;
  const char *family;
  gsize utf8_bom;

  memset (decoded, 0, sizeof *decoded);
  decoded->raw_warnings = _bz_quality_warnings_new ();

  if (len == 0)
    {
      g_set_error (error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_EMPTY,
                   "“%s” is empty: it holds no bytes", display_name);
      return FALSE;
    }

  if (len >= 4 && ((data[0] == 0xFF && data[1] == 0xFE && data[2] == 0 && data[3] == 0)
                   || (data[0] == 0 && data[1] == 0 && data[2] == 0xFE && data[3] == 0xFF)))
    {
      *encoding = g_strdup (data[0] == 0 ? "UTF-32BE" : "UTF-32LE");
      return decode_legacy (data, len, 4, *encoding, display_name, decoded, error);
    }

  if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    {
      big_endian = data[0] == 0xFE;
      *encoding = g_strdup (big_endian ? "UTF-16BE" : "UTF-16LE");
      return decode_utf16 (data, len, 2, big_endian, display_name, decoded, error);
    }

  nul = memchr (data, 0, len);
  if (nul != NULL)
    {
      if (guess_utf16 (data, len, &big_endian))
        {
          *encoding = g_strdup (big_endian ? "UTF-16BE" : "UTF-16LE");
          return decode_utf16 (data, len, 0, big_endian, display_name, decoded, error);
        }
      g_set_error (error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_BINARY,
                   "“%s” is not a text file: it holds a NUL byte at byte %" G_GSIZE_FORMAT,
                   display_name, (gsize) (nul - data));
      return FALSE;
    }

  n_control = _bz_text_count_stray_controls (data, len);
  if (!_bz_text_refuse_binary (display_name, "bytes", len, n_control, error))
    return FALSE;

  utf8_bom = (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) ? 3 : 0;
  if (_bz_utf8_validate (data, len))
    {
      decoded->text = (const char *) data + utf8_bom;
      decoded->len = len - utf8_bom;
      decoded->base = utf8_bom;
      *encoding = g_strdup ("UTF-8");
      return TRUE;
    }

  /* A UTF-8 BOM declares the encoding; what does not fit is a foreign run. */
  if (utf8_bom > 0 || is_mostly_utf8 (data, len))
    {
      decode_mixed_utf8 (data, len, utf8_bom, decoded);
      *encoding = g_strdup ("UTF-8");
      return TRUE;
    }

  charset = detect_charset (data, len);
  /* uchardet names UTF-8 for noise too; the file is known not to be UTF-8 here. */
  if (charset == NULL || *charset == '\0' || g_str_equal (charset, "UTF-8"))
    {
      g_set_error (error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_ENCODING,
                   "The encoding of “%s” could not be determined: it is not UTF-8 or UTF-16, "
                   "and it does not look like GB18030, Big5 or another known encoding",
                   display_name);
      return FALSE;
    }

  family = charset_family (charset);
  if (g_str_equal (family, "BIG5"))
    {
      /* Big5 has vendor extensions; take the first reading that decodes the whole file. */
      static const char *variants[] = { "BIG5", "CP950", "BIG5-HKSCS" };

      for (guint i = 0; i + 1 < G_N_ELEMENTS (variants); i++)
        if (decode_legacy (data, len, 0, variants[i], display_name, decoded, NULL))
          {
            *encoding = g_strdup (variants[i]);
            return TRUE;
          }
      family = variants[G_N_ELEMENTS (variants) - 1];
    }

  if (!decode_legacy (data, len, 0, family, display_name, decoded, error))
    return FALSE;
  *encoding = g_strdup (family);
  return TRUE;
}
