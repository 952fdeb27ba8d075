/* bz-text.c: from a file's bytes to a document's canonical text
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-text"

#include "config.h"

#include <string.h>
#include <openssl/evp.h>

#include "bz-text-private.h"

char *
_bz_sha256_hex (const void *data,
                gsize       length)
{
  static const char hex[] = "0123456789abcdef";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  char *out;

  /* libcrypto's SHA-256 uses the CPU's SHA extensions: GLib's takes a quarter
   * of a whole import's time. */
  if (!EVP_Digest (data, length, digest, &n, EVP_sha256 (), NULL) || n != 32)
    g_error ("SHA-256 is not available from libcrypto");
  out = g_new (char, 2 * n + 1);
  for (unsigned int i = 0; i < n; i++)
    {
      out[2 * i] = hex[digest[i] >> 4];
      out[2 * i + 1] = hex[digest[i] & 0xF];
    }
  out[2 * n] = '\0';
  return out;
}

/* White space, a BOM or a zero-width space: nothing to read. */
static gboolean
is_blank_char (gunichar c)
{
  return g_unichar_isspace (c) || c == 0xFEFF || c == 0x200B;
}

/* Nothing but white space, BOMs and zero-width characters. */
static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_blank_char (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * bz_text_one_line:
 * @text: UTF-8 text
 * @length: its length in bytes, or -1 when it ends with a NUL
 * @max_chars: the most code points kept before "…", or 0 for no limit
 *
 * Makes one line of @text, as a title shows it: white space (line breaks,
 * tabs, the ideographic space U+3000, zero-width spaces) is removed at both
 * ends and each run of it inside becomes one space. A line longer than
 * @max_chars code points is cut there and ends in "…".
 *
 * Returns: (transfer full): the line, "" when @text holds only white space
 */
char *
bz_text_one_line (const char *text,
                  gssize      length,
                  guint       max_chars)
{
  GString *out;
  const char *end;
  gboolean space = FALSE;
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  end = length < 0 ? text + strlen (text) : text + length;
  out = g_string_sized_new (MIN ((gsize) (end - text), 256) + 4);
  for (const char *p = text; p < end && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_blank_char (c))
        {
          space = out->len > 0;
          continue;
        }
      if (max_chars > 0 && n + (space ? 1 : 0) >= max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (space)
        {
          g_string_append_c (out, ' ');
          n++;
          space = FALSE;
        }
      g_string_append_unichar (out, c);
      n++;
    }
  return g_string_free (out, FALSE);
}

/**
 * bz_text_heading_title:
 * @text: a canonical text
 *
 * A report's title is its own heading: the first line of @text that holds
 * more than white space, made one line by bz_text_one_line() and cut at
 * %BZ_TEXT_TITLE_MAX_CHARS code points (then ending in "…").
 *
 * Returns: (transfer full) (nullable): the title, or %NULL when @text holds
 *   only white space
 */
char *
bz_text_heading_title (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  for (const char *line = text; *line != '\0';)
    {
      const char *eol = strchr (line, '\n');
      gsize length = eol != NULL ? (gsize) (eol - line) : strlen (line);
      g_autofree char *title = bz_text_one_line (line, length, BZ_TEXT_TITLE_MAX_CHARS);

      if (*title != '\0')
        return g_steal_pointer (&title);
      if (eol == NULL)
        break;
      line = eol + 1;
    }
  return NULL;
}

/**
 * bz_canonical_text_new_from_bytes:
 * @bytes: the original bytes of a file
 * @filename: (nullable): the file's name, used in error messages only
 * @error: a #GError
 *
 * Detects the encoding (UTF-8 with or without BOM, UTF-16 with or without BOM,
 * GB18030 and its subsets, Big5 and what uchardet recognises), decodes and
 * normalises: LF line ends, NFC, inline pinyin glosses removed. Data-quality
 * problems are kept in the text and listed as warnings.
 *
 * Returns: (transfer full) (nullable): the canonical text, or %NULL with @error set
 */
BzCanonicalText *
bz_canonical_text_new_from_bytes (GBytes      *bytes,
                                  const char  *filename,
                                  GError     **error)
{
  g_autoptr(BzCanonicalText) self = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *encoding = NULL;
  BzDecoded decoded;
  GString *text;
  const guint8 *data;
  gsize len;
  gsize text_len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = filename != NULL ? g_filename_display_name (filename) : g_strdup ("(unnamed input)");
  data = g_bytes_get_data (bytes, &len);

  if (!_bz_text_decode (data, len, display_name, &decoded, &encoding, error))
    {
      _bz_decoded_clear (&decoded);
      return NULL;
    }

  self = g_new0 (BzCanonicalText, 1);
  self->offset_map = g_array_new (FALSE, FALSE, sizeof (gint64));
  text = g_string_sized_new (decoded.len + 1);
  _bz_text_normalize (&decoded, len, text, self->offset_map, &self->n_glosses_removed, &self->script);
  self->n_chars = self->offset_map->len - 1;
  text_len = text->len;
  self->text = g_string_free (text, FALSE);

  if (is_blank (self->text))
    {
      g_set_error (error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_EMPTY,
                   "“%s” holds no text: only %s", display_name,
                   self->n_chars == 0 ? "a byte-order mark" : "white space");
      _bz_decoded_clear (&decoded);
      return NULL;
    }

  self->warnings = _bz_text_find_warnings (self->text, text_len, self->offset_map, decoded.raw_warnings);
  _bz_decoded_clear (&decoded);

  self->encoding = g_steal_pointer (&encoding);
  self->sha256 = _bz_sha256_hex (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return g_steal_pointer (&self);
}
