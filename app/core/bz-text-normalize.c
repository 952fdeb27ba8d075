/* bz-text-normalize.c: one pass from decoded text to canonical text with its offset map
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Line ends become LF, inline pinyin glosses after CJK characters are removed and
 * Unicode NFC is applied only around characters that are not NFC-stable, so that
 * the common case (ASCII and CJK ideographs) is a copy.
 */
#define G_LOG_DOMAIN "bz-text"

#include "config.h"

#include <string.h>

#include "bz-text-private.h"

/* NFC stability of the code points below this limit is kept in a bit table. */
#define NFC_TABLE_LIMIT 0x30000

static guint8 *nfc_unstable;

static inline void
set_bit (guint8   *bits,
         gunichar  c)
{
  bits[c >> 3] |= 1 << (c & 7);
}

/*
 * A code point is stable when NFC leaves it as it is and nothing before it can
 * combine with it: combining class 0, NFC of itself is itself, and it is not
 * the second half of any canonical composition (Hangul jamo, some vowel signs).
 */
static gpointer
build_nfc_table (gpointer data)
{
  guint8 *bits = g_malloc0 (NFC_TABLE_LIMIT / 8);

  for (gunichar c = 0x300; c < NFC_TABLE_LIMIT; c++)
    {
      gunichar a, b;

      if (c >= 0xD800 && c <= 0xDFFF)
        continue;
      if (g_unichar_combining_class (c) != 0)
        set_bit (bits, c);
      else if (g_unichar_decompose (c, &a, &b))
        {
          char buf[8];
          int n = g_unichar_to_utf8 (c, buf);
          g_autofree char *nfc = g_utf8_normalize (buf, n, G_NORMALIZE_NFC);

          if (nfc == NULL || strlen (nfc) != (gsize) n || memcmp (nfc, buf, n) != 0)
            set_bit (bits, c);
        }
    }
  for (gunichar c = 0x80; c < NFC_TABLE_LIMIT; c++)
    {
      gunichar a, b;

      if (g_unichar_decompose (c, &a, &b) && b != 0 && b < NFC_TABLE_LIMIT)
        set_bit (bits, b);
    }
  return bits;
}

static inline gboolean
is_nfc_stable (gunichar c)
{
  if (c < 0x300 || (c >= 0x3400 && c <= 0x9FFF))
    return TRUE;
  if (c < NFC_TABLE_LIMIT)
    return (nfc_unstable[c >> 3] & (1 << (c & 7))) == 0;
  return c <= 0x323AF;
}

/* Pinyin ------------------------------------------------------------------ */

static const struct
{
  gunichar c;
  char     base;
  gboolean tone;
} pinyin_letters[] = {
  { 0x0101, 'a', TRUE }, { 0x00E1, 'a', TRUE }, { 0x01CE, 'a', TRUE }, { 0x00E0, 'a', TRUE },
  { 0x0113, 'e', TRUE }, { 0x00E9, 'e', TRUE }, { 0x011B, 'e', TRUE }, { 0x00E8, 'e', TRUE },
  { 0x012B, 'i', TRUE }, { 0x00ED, 'i', TRUE }, { 0x01D0, 'i', TRUE }, { 0x00EC, 'i', TRUE },
  { 0x014D, 'o', TRUE }, { 0x00F3, 'o', TRUE }, { 0x01D2, 'o', TRUE }, { 0x00F2, 'o', TRUE },
  { 0x016B, 'u', TRUE }, { 0x00FA, 'u', TRUE }, { 0x01D4, 'u', TRUE }, { 0x00F9, 'u', TRUE },
  { 0x01D6, 'v', TRUE }, { 0x01D8, 'v', TRUE }, { 0x01DA, 'v', TRUE }, { 0x01DC, 'v', TRUE },
  { 0x00FC, 'v', FALSE },
};

static const char *pinyin_initials[] = {
  "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
  "j", "q", "x", "r", "z", "c", "s", "y", "w", "",
};

static const char *pinyin_finals[] = {
  "a", "o", "e", "i", "u", "v", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong",
  "er", "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "ua", "uo", "uai",
  "ui", "uan", "un", "uang", "ueng", "ue", "ve", "van", "vn",
};

/* Every initial + final, built once: a gloss is checked at each "(" after a
 * Han character, thousands of times in a glossed report. */
static gboolean
is_pinyin_syllable (const char *plain)
{
  static GHashTable *syllables = NULL;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (pinyin_initials); i++)
        for (guint j = 0; j < G_N_ELEMENTS (pinyin_finals); j++)
          g_hash_table_add (table, g_strconcat (pinyin_initials[i], pinyin_finals[j], NULL));
      syllables = table;
      g_once_init_leave (&initialized, 1);
    }
  return g_hash_table_contains (syllables, plain);
}

/**
 * _bz_text_match_pinyin:
 * @p: UTF-8 text
 * @end: where the text ends
 *
 * Returns: the length in bytes of a lowercase pinyin syllable with exactly one
 *   tone mark (precomposed or combining) that starts at @p, or 0
 */
gsize
_bz_text_match_pinyin (const char *p,
                       const char *end)
{
  char plain[8];
  guint n_plain = 0;
  guint n_tones = 0;
  const char *q = p;

  while (q < end)
    {
      guint len;
      gunichar c = _bz_utf8_decode ((const guchar *) q, &len);
      gboolean found = FALSE;

      if (c >= 'a' && c <= 'z')
        {
          if (n_plain == sizeof plain - 1)
            return 0;
          plain[n_plain++] = c;
          found = TRUE;
        }
      else if (c == 0x0304 || c == 0x0301 || c == 0x030C || c == 0x0300)
        {
          if (n_plain == 0)
            return 0;
          n_tones++;
          found = TRUE;
        }
      else if (c == 0x0308)
        {
          if (n_plain == 0 || plain[n_plain - 1] != 'u')
            return 0;
          plain[n_plain - 1] = 'v';
          found = TRUE;
        }
      else if (c >= 0x00E0 && c <= 0x01DC)
        {
          for (guint i = 0; i < G_N_ELEMENTS (pinyin_letters) && !found; i++)
            if (pinyin_letters[i].c == c)
              {
                if (n_plain == sizeof plain - 1)
                  return 0;
                plain[n_plain++] = pinyin_letters[i].base;
                n_tones += pinyin_letters[i].tone;
                found = TRUE;
              }
        }
      if (!found)
        break;
      q += len;
    }

  plain[n_plain] = '\0';
  if (n_tones != 1 || !is_pinyin_syllable (plain))
    return 0;
  return q - p;
}

/* The pass ------------------------------------------------------------------ */

typedef struct
{
  const BzDecoded *decoded;
  GString         *out;
  GArray          *map;
  gsize            n_out;
  /* Script detection on the way (bz_text_detect_script() of the output). */
  const guint8    *script_bmp;
  BzScriptCounts   script;
} Normalizer;

/* Counts @c of the output for the script, or takes it back (@sign -1). */
static inline void
count_script (Normalizer *self,
              gunichar    c,
              int         sign)
{
  if (self->script_bmp == NULL || c < 0x80)
    return;
  _bz_script_counts_add (&self->script, c < 0x10000 ? self->script_bmp[c] : _bz_fold_script_class (c), sign);
}

static inline gint64
source_offset (const BzDecoded *decoded,
               const guchar    *p,
               gsize            ci)
{
  if (decoded->offsets != NULL)
    return g_array_index (decoded->offsets, gint64, ci);
  return decoded->base + (p - (const guchar *) decoded->text);
}

static inline void
push_offset (Normalizer *self,
             gint64      offset)
{
  if (G_UNLIKELY (self->n_out >= self->map->len))
    g_array_set_size (self->map, self->map->len * 2 + 16);
  ((gint64 *) self->map->data)[self->n_out++] = offset;
}

/* A run of characters of U+4000–U+9FFF (lead bytes E4–E9: Han and the
 * hexagrams), which NFC leaves alone, from @p on: copied offsets and counted
 * script without the checks of the general path. For UTF-8 input only (the
 * offsets are byte positions) and with the script tables loaded. */
static const guchar *
han_run (Normalizer   *self,
         const guchar *p,
         const guchar *end,
         gsize        *ci,
         gunichar     *last_char)
{
  const guchar *text = (const guchar *) self->decoded->text;
  const guint8 *script = self->script_bmp;
  gint64 base = self->decoded->base;
  gsize need = self->n_out + (gsize) (end - p) / 3 + 1;
  gint64 *map;
  gsize n_out = self->n_out, n = 0;
  gsize by_class[4] = { 0, 0, 0, 0 }; /* characters by script class */
  gunichar c = *last_char;

  if (self->map->len < need)
    g_array_set_size (self->map, need);
  map = (gint64 *) self->map->data;
  while (p < end && *p >= 0xE4 && *p <= 0xE9)
    {
      c = _bz_utf8_decode3 (p);
      map[n_out++] = base + (p - text);
      by_class[script[c] & 3]++;
      p += 3;
      n++;
    }
  self->n_out = n_out;
  G_STATIC_ASSERT (BZ_SCRIPT_CLASS_TRADITIONAL == 1 && BZ_SCRIPT_CLASS_SIMPLIFIED == 2);
  self->script.traditional += (gssize) (by_class[1] + by_class[3]);
  self->script.simplified += (gssize) (by_class[2] + by_class[3]);
  *ci += n;
  *last_char = c;
  return p;
}

static gsize
decomposed_length (gunichar c)
{
  return g_unichar_fully_decompose (c, FALSE, NULL, 0);
}

/*
 * Normalises the unstable code points at @p together with the character before
 * them in the output (their starter). Each resulting code point maps to the
 * source of the input code point its decomposition starts in.
 */
static const guchar *
normalize_run (Normalizer   *self,
               const guchar *p,
               const guchar *end,
               gsize        *ci,
               gunichar     *last_char)
{
  g_autoptr(GString) run = g_string_new (NULL);
  g_autoptr(GArray) run_sources = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) run_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *nfc = NULL;
  gsize acc = 0;
  gsize out_acc = 0;
  guint j = 0;

  if (self->n_out > 0)
    {
      const char *last = g_utf8_find_prev_char (self->out->str, self->out->str + self->out->len);
      gunichar c = g_utf8_get_char (last);
      gint64 src = ((gint64 *) self->map->data)[self->n_out - 1];

      g_string_append (run, last);
      g_string_truncate (self->out, last - self->out->str);
      self->n_out--;
      count_script (self, c, -1);
      g_array_append_val (run_sources, src);
      g_array_append_val (run_starts, acc);
      acc += decomposed_length (c);
    }

  while (p < end)
    {
      guint len;
      gunichar c = _bz_utf8_decode (p, &len);
      gint64 src;

      if (is_nfc_stable (c))
        break;
      *last_char = c;
      src = source_offset (self->decoded, p, *ci);
      g_string_append_len (run, (const char *) p, len);
      g_array_append_val (run_sources, src);
      g_array_append_val (run_starts, acc);
      acc += decomposed_length (c);
      p += len;
      (*ci)++;
    }

  nfc = g_utf8_normalize (run->str, run->len, G_NORMALIZE_NFC);
  g_string_append (self->out, nfc);
  for (const char *q = nfc; *q != '\0'; q = g_utf8_next_char (q))
    {
      gunichar c = g_utf8_get_char (q);

      while (j + 1 < run_starts->len && g_array_index (run_starts, gsize, j + 1) <= out_acc)
        j++;
      push_offset (self, g_array_index (run_sources, gint64, j));
      count_script (self, c, 1);
      out_acc += decomposed_length (c);
    }
  return p;
}

/* Length of the gloss "(pinyin)" at @p, or 0. */
static inline gsize
match_gloss (const guchar *p,
             const guchar *end)
{
  gsize n = _bz_text_match_pinyin ((const char *) p + 1, (const char *) end);

  if (n > 0 && p + 1 + n < end && p[1 + n] == ')')
    return n + 2;
  return 0;
}

/**
 * _bz_text_normalize:
 * @decoded: the decoded text
 * @original_len: length of the original bytes, the last entry of the map
 * @out: receives the canonical text
 * @offset_map: (element-type gint64): receives one entry per canonical code
 *   point and a last one, @original_len
 * @n_glosses: (out): the number of glosses removed
 */
void
_bz_text_normalize (const BzDecoded *decoded,
                    gsize            original_len,
                    GString         *out,
                    GArray          *offset_map,
                    guint           *n_glosses,
                    BzScript        *script)
{
  static gsize table_init = 0;
  Normalizer self = { decoded, out, offset_map, 0, _bz_fold_script_bmp (), { 0, 0 } };
  const guchar *p = (const guchar *) decoded->text;
  const guchar *end = p + decoded->len;
  const guchar *pending = p;
  gunichar prev = 0;
  gsize ci = 0;

  if (g_once_init_enter (&table_init))
    {
      nfc_unstable = build_nfc_table (NULL);
      g_once_init_leave (&table_init, 1);
    }

  *n_glosses = 0;
  g_string_set_size (out, 0);
  g_array_set_size (offset_map, decoded->len + 1);

#define FLUSH() G_STMT_START { \
    g_string_append_len (out, (const char *) pending, p - pending); \
  } G_STMT_END

  while (p < end)
    {
      guint len;
      gunichar c;

      if (*p < 0x80)
        {
          if (*p == '\r')
            {
              FLUSH ();
              g_string_append_c (out, '\n');
              push_offset (&self, source_offset (decoded, p, ci));
              p++;
              ci++;
              if (p < end && *p == '\n')
                {
                  p++;
                  ci++;
                }
              pending = p;
              prev = '\n';
              continue;
            }
          if (*p == '(' && _bz_unichar_is_han (prev))
            {
              gsize n = match_gloss (p, end);

              if (n > 0)
                {
                  FLUSH ();
                  ci += _bz_utf8_count (p, p + n);
                  p += n;
                  pending = p;
                  /* prev stays the Han character: a gloss after its gloss
                   * (区(qū)(qū)) goes too, or the canonical text would hold a
                   * gloss and not read again as itself. */
                  (*n_glosses)++;
                  continue;
                }
            }
          push_offset (&self, source_offset (decoded, p, ci));
          prev = *p;
          p++;
          ci++;
          continue;
        }

      if (*p >= 0xE4 && *p <= 0xE9 && decoded->offsets == NULL && self.script_bmp != NULL)
        {
          p = han_run (&self, p, end, &ci, &prev);
          continue;
        }
      c = _bz_utf8_decode (p, &len);
      /* A byte order mark repeated after the one the decoder took off (a file
       * saved twice, files joined) goes too: a text that starts with U+FEFF
       * would lose it when read again. */
      if (G_UNLIKELY (c == 0xFEFF && self.n_out == 0))
        {
          p += len;
          ci++;
          pending = p;
          continue;
        }
      if (G_UNLIKELY (!is_nfc_stable (c)))
        {
          FLUSH ();
          p = normalize_run (&self, p, end, &ci, &prev);
          pending = p;
          continue;
        }
      push_offset (&self, source_offset (decoded, p, ci));
      count_script (&self, c, 1);
      prev = c;
      p += len;
      ci++;
    }
  FLUSH ();
#undef FLUSH

  push_offset (&self, original_len);
  g_array_set_size (offset_map, self.n_out);
  /* Without OpenCC's tables, bz_text_detect_script() says why. */
  *script = self.script_bmp != NULL ? _bz_script_from_counts (&self.script)
                                    : bz_text_detect_script (out->str);
}
