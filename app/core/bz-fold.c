/* bz-fold.c: OpenCC script folding with a code-point map, and script detection
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OpenCC converts phrases, which is slow and may change the length of a text.
 * Matching only needs each character's simplified form, so the character
 * dictionaries of OpenCC are read once into tables (by converting every CJK
 * code point on its own line) and folding is then a table lookup per code point.
 */
#define G_LOG_DOMAIN "bz-fold"

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <opencc.h>

#include "bz-text-private.h"

#define PAGE_BITS 8
#define PAGE_SIZE (1 << PAGE_BITS)
#define N_PAGES   (0x110000 >> PAGE_BITS)

typedef struct
{
  gunichar *pages[N_PAGES];
} FoldTable;

static FoldTable *t2s_table;
static FoldTable *s2t_table;
static GError *table_error;
/* The script class (bz-text-private.h) of each Han code point of the BMP:
 * script detection reads one byte per character instead of two tables. */
static guint8 *script_bmp;

/* The blocks that hold CJK characters that OpenCC converts. */
static const struct
{
  gunichar first;
  gunichar last;
} cjk_blocks[] = {
  { 0x2E80, 0x2FDF },
  { 0x3000, 0x303F },
  { 0x3400, 0x4DBF },
  { 0x4E00, 0x9FFF },
  { 0xF900, 0xFAFF },
  { 0xFE30, 0xFE4F },
  { 0x20000, 0x2FA1F },
};

static inline gunichar
table_lookup (const FoldTable *table,
              gunichar         c)
{
  const gunichar *page = table->pages[c >> PAGE_BITS];

  return page != NULL ? page[c & (PAGE_SIZE - 1)] : 0;
}

static void
table_set (FoldTable *table,
           gunichar   c,
           gunichar   to)
{
  gunichar **page = &table->pages[c >> PAGE_BITS];

  if (*page == NULL)
    *page = g_new0 (gunichar, PAGE_SIZE);
  (*page)[c & (PAGE_SIZE - 1)] = to;
}

static FoldTable *
table_load (const char  *config,
            GError     **error)
{
  g_autoptr(GString) input = g_string_sized_new (600000);
  g_autofree FoldTable *table = NULL;
  opencc_t od;
  char *output;
  const char *line;

  od = opencc_open (config);
  if (od == (opencc_t) -1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "OpenCC configuration “%s” could not be loaded: %s",
                   config, opencc_error ());
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cjk_blocks); i++)
    for (gunichar c = cjk_blocks[i].first; c <= cjk_blocks[i].last; c++)
      {
        g_string_append_unichar (input, c);
        g_string_append_c (input, '\n');
      }

  output = opencc_convert_utf8 (od, input->str, input->len);
  opencc_close (od);
  if (output == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "OpenCC conversion with “%s” failed: %s", config, opencc_error ());
      return NULL;
    }

  table = g_new0 (FoldTable, 1);
  line = output;
  for (guint i = 0; i < G_N_ELEMENTS (cjk_blocks); i++)
    for (gunichar c = cjk_blocks[i].first; c <= cjk_blocks[i].last; c++)
      {
        const char *eol = strchr (line, '\n');
        gunichar to;

        if (eol == NULL)
          {
            opencc_convert_utf8_free (output);
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         "OpenCC conversion with “%s” lost lines", config);
            for (guint k = 0; k < N_PAGES; k++)
              g_free (table->pages[k]);
            return NULL;
          }
        /* Only one-to-one conversions keep offsets; others are left alone. */
        to = g_utf8_get_char (line);
        if (g_utf8_next_char (line) == eol && to != c)
          table_set (table, c, to);
        line = eol + 1;
      }
  opencc_convert_utf8_free (output);
  return g_steal_pointer (&table);
}

/* The script class of @c from the fold tables (loaded). */
static guint
script_class_of (gunichar c)
{
  if (!_bz_unichar_is_han (c))
    return 0;
  return (table_lookup (t2s_table, c) != 0 ? BZ_SCRIPT_CLASS_TRADITIONAL : 0)
         | (table_lookup (s2t_table, c) != 0 ? BZ_SCRIPT_CLASS_SIMPLIFIED : 0);
}

/**
 * _bz_fold_ensure_tables:
 * @error: a #GError
 *
 * Loads the t2s and s2t character tables once per process.
 *
 * Returns: whether the tables are available
 */
gboolean
_bz_fold_ensure_tables (GError **error)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      t2s_table = table_load (OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP, &table_error);
      if (t2s_table != NULL)
        s2t_table = table_load (OPENCC_DEFAULT_CONFIG_SIMP_TO_TRAD, &table_error);
      if (s2t_table != NULL)
        {
          script_bmp = g_new0 (guint8, 0x10000);
          for (gunichar c = 0; c < 0x10000; c++)
            script_bmp[c] = script_class_of (c);
        }
      g_once_init_leave (&loaded, 1);
    }

  if (s2t_table == NULL)
    {
      if (error != NULL)
        *error = g_error_copy (table_error);
      return FALSE;
    }
  return TRUE;
}

const guint8 *
_bz_fold_script_bmp (void)
{
  return _bz_fold_ensure_tables (NULL) ? script_bmp : NULL;
}

/* Tables loaded. */
guint
_bz_fold_script_class (gunichar c)
{
  return c < 0x10000 ? script_bmp[c] : script_class_of (c);
}

BzScript
_bz_script_from_counts (const BzScriptCounts *counts)
{
  gssize n_specific = counts->traditional + counts->simplified;

  if (n_specific < 3)
    return BZ_SCRIPT_UNKNOWN;
  if (counts->traditional * 10 >= n_specific * 9)
    return BZ_SCRIPT_TRADITIONAL;
  if (counts->simplified * 10 >= n_specific * 9)
    return BZ_SCRIPT_SIMPLIFIED;
  return BZ_SCRIPT_MIXED;
}

/**
 * bz_fold_unichar_t2s:
 * @c: a code point
 *
 * Folds one code point like bz_fold_t2s(). When OpenCC's dictionaries cannot
 * be loaded (bz_fold_t2s() then reports why), @c is returned unchanged.
 *
 * Returns: the simplified form of @c, or @c
 */
gunichar
bz_fold_unichar_t2s (gunichar c)
{
  gunichar to;

  if (c < 0x80 || !_bz_fold_ensure_tables (NULL))
    return c;
  to = table_lookup (t2s_table, c);
  return to != 0 ? to : c;
}

/* The fold of a search: t2s, then lower case when @lower. */
static inline gunichar
fold_char (gunichar c,
           gboolean lower)
{
  gunichar to = c < 0x80 ? c : table_lookup (t2s_table, c);

  if (to == 0)
    to = c;
  return lower ? g_unichar_tolower (to) : to;
}

static void
add_sources (GArray   *sources,
             gunichar  first,
             gunichar  last,
             gunichar  target,
             gboolean  lower)
{
  for (gunichar c = first; c <= last; c++)
    if (c != target && fold_char (c, lower) == target)
      g_array_append_val (sources, c);
}

/**
 * _bz_fold_sources:
 * @target: a folded code point
 * @lower: whether the fold lowers the case too
 *
 * Tables loaded. The code points that fold (t2s, then g_unichar_tolower()
 * when @lower) into @target: @target itself when it folds into itself, the
 * traditional forms of a simplified character, the other cases of a letter
 * (below U+3000 and the full-width forms). A matcher looks for these in the
 * unfolded text.
 *
 * Returns: (transfer full) (element-type gunichar): the code points
 */
GArray *
_bz_fold_sources (gunichar target,
                  gboolean lower)
{
  GArray *sources = g_array_new (FALSE, FALSE, sizeof (gunichar));

  if (fold_char (target, lower) == target)
    g_array_append_val (sources, target);
  for (guint i = 0; i < G_N_ELEMENTS (cjk_blocks); i++)
    add_sources (sources, cjk_blocks[i].first, cjk_blocks[i].last, target, lower);
  if (lower)
    {
      add_sources (sources, 0x41, 0x2E7F, target, lower);
      add_sources (sources, 0xFF21, 0xFF3A, target, lower);
    }
  return sources;
}

/**
 * _bz_fold_search_char:
 *
 * Tables loaded. Folds @c as _bz_fold_sources() does.
 */
gunichar
_bz_fold_search_char (gunichar c,
                      gboolean lower)
{
  return fold_char (c, lower);
}

/**
 * bz_fold_t2s:
 * @source: valid UTF-8
 * @error: a #GError, set when OpenCC's dictionaries cannot be loaded
 *
 * Folds @source to simplified script character by character. Every code point
 * becomes one code point, so `to_source` maps each code point of the result to
 * the source code point it came from.
 *
 * Returns: (transfer full) (nullable): the folded copy
 */
BzFolded *
bz_fold_t2s (const char  *source,
             GError     **error)
{
  g_autoptr(BzFolded) folded = NULL;
  const guchar *p;
  const guchar *pending;
  GString *out;
  gint64 *map;
  gsize len;
  gint64 n = 0;

  g_return_val_if_fail (source != NULL, NULL);

  if (!_bz_fold_ensure_tables (error))
    return NULL;

  len = strlen (source);
  folded = g_new0 (BzFolded, 1);
  folded->to_source = g_array_sized_new (FALSE, FALSE, sizeof (gint64), len + 1);
  g_array_set_size (folded->to_source, len + 1);
  map = (gint64 *) folded->to_source->data;
  out = g_string_sized_new (len + 1);

  p = (const guchar *) source;
  pending = p;
  while (*p != '\0')
    {
      guint clen;
      gunichar c, to;

      if (*p < 0x80)
        {
          map[n] = n;
          n++;
          p++;
          continue;
        }
      c = _bz_utf8_decode (p, &clen);
      to = table_lookup (t2s_table, c);
      if (to != 0)
        {
          g_string_append_len (out, (const char *) pending, (const char *) p - (const char *) pending);
          g_string_append_unichar (out, to);
          pending = p + clen;
        }
      map[n] = n;
      n++;
      p += clen;
    }
  g_string_append_len (out, (const char *) pending, (const char *) p - (const char *) pending);
  map[n] = n;

  g_array_set_size (folded->to_source, n + 1);
  folded->n_chars = n;
  folded->text = g_string_free (out, FALSE);
  return g_steal_pointer (&folded);
}

/**
 * bz_text_detect_script:
 * @text: UTF-8 text
 *
 * Counts the characters that OpenCC's t2s would change (traditional forms)
 * against those that s2t would change (simplified forms). A character such as
 * 台 or 里 is written in both scripts, so a few of the other kind do not make a
 * text mixed.
 *
 * Returns: the script of @text, %BZ_SCRIPT_UNKNOWN when it holds too few
 *   script-specific characters or OpenCC is not available
 */
BzScript
bz_text_detect_script (const char *text)
{
  g_autoptr(GError) error = NULL;
  BzScriptCounts counts = { 0, 0 };

  g_return_val_if_fail (text != NULL, BZ_SCRIPT_UNKNOWN);

  if (!_bz_fold_ensure_tables (&error))
    {
      g_warning ("Script detection is not available: %s", error->message);
      return BZ_SCRIPT_UNKNOWN;
    }

  for (const guchar *p = (const guchar *) text; *p != '\0';)
    {
      guint clen;
      gunichar c;

      if (*p < 0x80)
        {
          p++;
          continue;
        }
      c = _bz_utf8_decode (p, &clen);
      p += clen;
      _bz_script_counts_add (&counts, _bz_fold_script_class (c), 1);
    }

  return _bz_script_from_counts (&counts);
}
