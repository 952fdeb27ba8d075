/* bz-text-quality.c: data-quality warnings on the canonical text
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reports copied from the web sometimes went through a wrong conversion that
 * mangled a character together with its pinyin gloss: `有序?qū)嵤H消費`. What is
 * left is a `?` (or U+FFFD) inside CJK text next to a broken gloss, a syllable
 * with its `)` but without its `(`. The text is kept; the spot is recorded.
 */
#define G_LOG_DOMAIN "bz-text"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bz-text-private.h"

#define CONTEXT_CHARS 4
#define REPLACEMENT "\xef\xbf\xbd"

static gint64
canonical_position (GArray *offset_map,
                    gint64  byte)
{
  const gint64 *map = (const gint64 *) offset_map->data;
  gint64 lo = 0, hi = offset_map->len - 1;

  /* The first code point that starts at or after @byte. */
  while (lo < hi)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (map[mid] < byte)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

GArray *
_bz_quality_warnings_new (void)
{
  GArray *warnings = g_array_new (FALSE, TRUE, sizeof (BzQualityWarning));

  g_array_set_clear_func (warnings, (GDestroyNotify) bz_quality_warning_clear);
  return warnings;
}

/* Appends a warning; takes @message. */
void
_bz_quality_warnings_add (GArray     *warnings,
                          gint64      start,
                          gint64      end,
                          const char *kind,
                          char       *message)
{
  BzQualityWarning w = { start, end, g_strdup (kind), message };

  g_array_append_val (warnings, w);
}

static gboolean
is_covered (GArray *warnings,
            gint64  position)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      const BzQualityWarning *w = &g_array_index (warnings, BzQualityWarning, i);

      if (w->start <= position && position < w->end)
        return TRUE;
    }
  return FALSE;
}

static gint
compare_warnings (gconstpointer a,
                  gconstpointer b)
{
  const BzQualityWarning *wa = a;
  const BzQualityWarning *wb = b;

  if (wa->start != wb->start)
    return wa->start < wb->start ? -1 : 1;
  return (wa->end > wb->end) - (wa->end < wb->end);
}

static gboolean
is_han_at (const char *p,
           const char *text,
           const char *end)
{
  return p >= text && p < end && _bz_unichar_is_han (g_utf8_get_char (p));
}

/* A broken gloss right after @p: "qū)" without its "(". Returns its length. */
static gsize
broken_gloss_after (const char *p,
                    const char *end)
{
  gsize n = _bz_text_match_pinyin (p, end);

  return n > 0 && p + n < end && p[n] == ')' ? n + 1 : 0;
}

static gboolean
is_pinyin_char (gunichar c)
{
  return (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F) || (c >= 0x300 && c <= 0x36F);
}

/* A broken gloss that ends right before @p. Returns where it starts, or NULL. */
static const char *
broken_gloss_before (const char *text,
                     const char *p)
{
  const char *close;
  const char *start;

  if (p == text || p[-1] != ')')
    return NULL;
  close = p - 1;
  start = close;
  for (int k = 0; k < 8 && start > text; k++)
    {
      const char *q = g_utf8_find_prev_char (text, start);

      if (!is_pinyin_char (g_utf8_get_char (q)))
        break;
      start = q;
    }
  if (start == close || _bz_text_match_pinyin (start, close) != (gsize) (close - start))
    return NULL;
  if (start > text && start[-1] == '(')
    return NULL;
  return start;
}

static char *
context_of (const char *text,
            const char *end,
            const char *from,
            const char *to)
{
  for (int k = 0; k < CONTEXT_CHARS && from > text; k++)
    from = g_utf8_find_prev_char (text, from);
  for (int k = 0; k < CONTEXT_CHARS && to < end; k++)
    to = g_utf8_next_char (to);
  return g_strndup (from, to - from);
}

/* A message's format in English (@translate FALSE: what import stores) or in
 * the reader's language. */
static const char *
message (gboolean    translate,
         const char *msgid) G_GNUC_FORMAT (2);

static const char *
message (gboolean    translate,
         const char *msgid)
{
  return translate ? g_dgettext (GETTEXT_PACKAGE, msgid) : msgid;
}

static gboolean
is_all_replacement (const char *from,
                    const char *to)
{
  for (const char *p = from; p < to; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) != 0xFFFD)
      return FALSE;
  return from < to;
}

/* The sentence of a warning of @kind at the code points [@start, @end), whose
 * spot is the bytes [@from, @to) of @text (which ends at @end_of_text); @stored
 * is the message stored at import (it names an encoding that the text cannot
 * tell), %NULL while importing. */
static char *
warning_message (const char *kind,
                 gint64      start,
                 gint64      end,
                 const char *text,
                 const char *end_of_text,
                 const char *from,
                 const char *to,
                 const char *stored,
                 gboolean    translate)
{
  if (g_str_equal (kind, "mojibake"))
    {
      g_autofree char *spot = g_strndup (from, to - from);
      g_autofree char *context = context_of (text, end_of_text, from, to);

      return g_strdup_printf (message (translate, N_("Mojibake at characters %lld–%lld: “%s” in “%s” is a "
                                                     "character and its pinyin gloss mangled by a wrong "
                                                     "conversion; the text around it may be garbled too")),
                              (long long) start, (long long) end, spot, context);
    }
  if (g_str_equal (kind, "replacement-char"))
    return g_strdup_printf (message (translate, N_("U+FFFD at character %lld: a character was lost in an "
                                                   "earlier conversion of this report")),
                            (long long) start);
  if (g_str_equal (kind, "lone-surrogate"))
    return g_strdup_printf (message (translate, N_("An unpaired UTF-16 surrogate at character %lld was kept "
                                                   "as U+FFFD: part of a character outside the BMP is missing "
                                                   "here")),
                            (long long) start);
  if (g_str_equal (kind, "mixed-encoding") && is_all_replacement (from, to))
    return g_strdup_printf (message (translate, N_("Characters %lld–%lld are not UTF-8 like the rest of the "
                                                   "file and not in any known encoding; they were replaced "
                                                   "by U+FFFD")),
                            (long long) start, (long long) end);
  if (g_str_equal (kind, "mixed-encoding"))
    {
      /* The decoder tries these two (bz-text-decode.c). */
      const char *encoding = stored == NULL ? NULL
                             : strstr (stored, "decoded as GB18030") != NULL ? "GB18030"
                             : strstr (stored, "decoded as BIG5") != NULL ? "Big5"
                             : NULL;

      if (encoding != NULL)
        return g_strdup_printf (message (translate, N_("Characters %lld–%lld are not UTF-8 like the rest of "
                                                       "the file; they were decoded as %s")),
                                (long long) start, (long long) end, encoding);
      return g_strdup_printf (message (translate, N_("Characters %lld–%lld are not UTF-8 like the rest of the "
                                                     "file; they were decoded from another encoding")),
                              (long long) start, (long long) end);
    }
  return g_strdup (stored != NULL ? stored : kind);
}

static void
add_mojibake (GArray     *warnings,
              const char *text,
              const char *end,
              const char *from,
              const char *to,
              gint64      start)
{
  gint64 n = g_utf8_strlen (from, to - from);

  _bz_quality_warnings_add (warnings, start, start + n, "mojibake",
                            warning_message ("mojibake", start, start + n, text, end, from, to, NULL, FALSE));
}

/**
 * bz_quality_warning_describe:
 * @warning: a data-quality warning of a document
 * @text: (nullable): the document's canonical text, which the warning's
 *   offsets refer to; without it, the spot is not quoted
 *
 * Warnings are stored with a kind, offsets and an English message. This
 * makes the sentence again from the kind, the offsets and the text, in the
 * reader's language (gettext): the spot of mojibake quoted in its context,
 * the character of a lost one, the range of bytes of another encoding. A
 * warning of a kind it does not know keeps its stored message.
 *
 * Returns: (transfer full): the warning as a sentence for the reader
 */
char *
bz_quality_warning_describe (const BzQualityWarning *warning,
                             const char             *text)
{
  const char *from = NULL;
  const char *to = NULL;
  const char *end_of_text = NULL;
  gint64 n_chars;

  g_return_val_if_fail (warning != NULL && warning->kind != NULL, NULL);

  if (text != NULL && warning->start >= 0 && warning->start <= warning->end
      && warning->end <= (n_chars = g_utf8_strlen (text, -1)))
    {
      from = g_utf8_offset_to_pointer (text, warning->start);
      to = g_utf8_offset_to_pointer (from, warning->end - warning->start);
      end_of_text = text + strlen (text);
    }
  /* Mojibake is quoted: without its text, the stored sentence says more. */
  if (from == NULL && g_str_equal (warning->kind, "mojibake"))
    return g_strdup (warning->message);
  return warning_message (warning->kind, warning->start, warning->end, text, end_of_text, from, to,
                          warning->message, TRUE);
}

/**
 * bz_quality_warning_kind_name:
 * @kind: a warning's kind ("mojibake", "replacement-char", "lone-surrogate",
 *   "mixed-encoding")
 *
 * Returns: (transfer none): a short name of the kind in the reader's
 *   language, for a column or a filter; @kind itself when it is not known
 */
const char *
bz_quality_warning_kind_name (const char *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);

  if (g_str_equal (kind, "mojibake"))
    return C_("warning", "Mojibake");
  if (g_str_equal (kind, "replacement-char"))
    return C_("warning", "Lost character");
  if (g_str_equal (kind, "lone-surrogate"))
    return C_("warning", "Broken character");
  if (g_str_equal (kind, "mixed-encoding"))
    return C_("warning", "Mixed encoding");
  return kind;
}

/**
 * _bz_text_find_warnings:
 * @text: the canonical text
 * @len: its length in bytes
 * @offset_map: (element-type gint64): its map to the original bytes
 * @raw_warnings: (element-type BzQualityWarning): problems found while decoding,
 *   by byte offsets
 *
 * Returns: (transfer full) (element-type BzQualityWarning): the warnings, by position
 */
GArray *
_bz_text_find_warnings (const char *text,
                        gsize       len,
                        GArray     *offset_map,
                        GArray     *raw_warnings)
{
  GArray *warnings = _bz_quality_warnings_new ();
  const char *end = text + len;
  const char *counted = text;
  const char *next_question;
  const char *next_lost;
  gint64 index = 0;

  for (guint i = 0; i < raw_warnings->len; i++)
    {
      const BzQualityWarning *raw = &g_array_index (raw_warnings, BzQualityWarning, i);
      gint64 start = canonical_position (offset_map, raw->start);
      gint64 stop = canonical_position (offset_map, raw->end);

      _bz_quality_warnings_add (warnings, start, MAX (stop, start + 1), raw->kind, g_strdup (raw->message));
    }

  /* The next `?` and the next U+FFFD, found by the C library's fast scans. */
  next_question = memchr (text, '?', len);
  next_lost = strstr (text, REPLACEMENT);

  while (next_question != NULL || next_lost != NULL)
    {
      gsize hit;
      const char *p;
      const char *before;
      const char *after;

      if (next_lost == NULL || (next_question != NULL && next_question < next_lost))
        {
          p = next_question;
          hit = 1;
          next_question = memchr (p + 1, '?', end - p - 1);
        }
      else
        {
          p = next_lost;
          hit = 3;
          next_lost = strstr (p + 3, REPLACEMENT);
        }

      /* Code points before @p, counted once over the whole text. */
      index += _bz_utf8_count ((const guchar *) counted, (const guchar *) p);
      counted = p;

      after = p + hit;
      before = g_utf8_find_prev_char (text, p);
      {
        gsize gloss = broken_gloss_after (after, end);
        const char *gloss_start = broken_gloss_before (text, p);

        if (gloss > 0 && (is_han_at (before, text, end) || is_han_at (after + gloss, text, end)))
          add_mojibake (warnings, text, end, p, after + gloss, index);
        else if (gloss_start != NULL
                 && (is_han_at (after, text, end)
                     || (gloss_start > text
                         && is_han_at (g_utf8_find_prev_char (text, gloss_start), text, end))))
          add_mojibake (warnings, text, end, gloss_start, after,
                        index - g_utf8_strlen (gloss_start, p - gloss_start));
        else if (hit == 3 && !is_covered (warnings, index))
          _bz_quality_warnings_add (warnings, index, index + 1, "replacement-char",
                                    warning_message ("replacement-char", index, index + 1, text, end, p,
                                                     p + hit, NULL, FALSE));
      }
    }

  g_array_sort (warnings, compare_warnings);
  return warnings;
}
