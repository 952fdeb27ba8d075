/* bz-store-search.c: a search across the workspace's reports, in either script
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The query and the text are compared folded (OpenCC t2s character by
 * character, and lower case on request), so that 東城區 finds 东城区 and the
 * reverse. Folding keeps one code point per code point, so a hit covers as
 * many characters as the query. Rather than fold every text, the search
 * looks for the characters that fold into the query's first one in the
 * stored UTF-8 and folds only at those places.
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bz-store-private.h"
#include "bz-text-private.h"

/* Code points of text shown on either side of a hit. */
#define CONTEXT_CHARS 20

/**
 * bz_search_hit_free:
 * @hit: (nullable) (transfer full): a hit of bz_store_search()
 *
 * Frees the hit and its strings.
 */
void
bz_search_hit_free (BzSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->title);
  g_free (hit->context);
  g_free (hit);
}

typedef struct
{
  gunichar  *chars;      /* the folded query */
  guint      n_chars;
  gboolean   lower;
  GPtrArray *firsts;     /* (element-type GBytes): UTF-8 of each source of chars[0] */
} Query;

static void
query_clear (Query *query)
{
  g_clear_pointer (&query->chars, g_free);
  g_clear_pointer (&query->firsts, g_ptr_array_unref);
}

/* Whether the text at @p (before @end) folds into the query; sets *@out_end
 * to the byte after the match. */
static gboolean
matches_at (const Query  *query,
            const guchar *p,
            const guchar *end,
            const guchar **out_end)
{
  for (guint i = 0; i < query->n_chars; i++)
    {
      guint len;

      if (p >= end)
        return FALSE;
      if (_bz_fold_search_char (_bz_utf8_decode (p, &len), query->lower) != query->chars[i])
        return FALSE;
      p += len;
    }
  *out_end = p;
  return TRUE;
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;

  return (x > y) - (x < y);
}

/* The byte offsets where matches start in @text, in order, not overlapping. */
static GArray *
find_in_text (const Query  *query,
              const guchar *text,
              gsize         length)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  const guchar *end = text + length;

  for (guint k = 0; k < query->firsts->len; k++)
    {
      gsize needle_len;
      const guchar *needle = g_bytes_get_data (query->firsts->pdata[k], &needle_len);
      const guchar *p = text;

      guchar last = needle[needle_len - 1];
      const guchar *q = p + needle_len - 1;

      /* The last byte of a character's UTF-8 tells more than its lead byte,
       * which every character of a block shares: memchr() finds it, the
       * bytes before it confirm it. */
      while (q < end && (q = memchr (q, last, end - q)) != NULL)
        {
          const guchar *match_end;

          p = q - (needle_len - 1);
          if (memcmp (p, needle, needle_len - 1) == 0 && matches_at (query, p, end, &match_end))
            {
              gsize at = p - text;

              g_array_append_val (starts, at);
            }
          q++;
        }
    }
  if (query->firsts->len > 1)
    g_array_sort (starts, compare_offsets);
  return starts;
}

/* The hit at the bytes [@from, @to) of @text, the code points [@start, @end). */
static BzSearchHit *
make_hit (gint64        document_id,
          const char   *title,
          const guchar *text,
          const guchar *text_end,
          const guchar *from,
          const guchar *to,
          gint64        start,
          gint64        end)
{
  BzSearchHit *hit = g_new0 (BzSearchHit, 1);
  const char *before = (const char *) from;
  const char *after = (const char *) to;
  guint n_before = 0;
  char *p;

  for (; n_before < CONTEXT_CHARS && before > (const char *) text; n_before++)
    before = g_utf8_find_prev_char ((const char *) text, before);
  for (guint n = 0; n < CONTEXT_CHARS && after < (const char *) text_end; n++)
    after = g_utf8_next_char (after);

  hit->document_id = document_id;
  hit->title = g_strdup (title);
  hit->start = start;
  hit->end = end;
  hit->context_start = start - n_before;
  hit->context = g_strndup (before, after - before);
  /* One line: line breaks and tabs show as spaces, one for one. */
  for (p = hit->context; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return hit;
}

static gboolean
prepare_query (BzStore        *self,
               const char     *text,
               BzSearchFlags   flags,
               Query          *query,
               GError        **error)
{
  g_autoptr(GArray) sources = NULL;
  glong n = 0;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot search the workspace %s: the query is not valid UTF-8"), self->path);
      return FALSE;
    }
  if (!_bz_fold_ensure_tables (error))
    return FALSE;

  query->lower = (flags & BZ_SEARCH_IGNORE_CASE) != 0;
  query->chars = g_utf8_to_ucs4_fast (text, -1, &n);
  query->n_chars = (guint) n;
  for (guint i = 0; i < query->n_chars; i++)
    query->chars[i] = _bz_fold_search_char (query->chars[i], query->lower);

  query->firsts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  if (query->n_chars == 0)
    return TRUE;
  sources = _bz_fold_sources (query->chars[0], query->lower);
  for (guint i = 0; i < sources->len; i++)
    {
      char utf8[6];
      gint len = g_unichar_to_utf8 (g_array_index (sources, gunichar, i), utf8);

      g_ptr_array_add (query->firsts, g_bytes_new (utf8, len));
    }
  return TRUE;
}

/* Adds the hits of one document (the row of @stmt) until @max_hits. */
static void
search_document (const Query  *query,
                 sqlite3_stmt *stmt,
                 guint         max_hits,
                 GPtrArray    *hits)
{
  const guchar *text = sqlite3_column_text (stmt, 2);
  gsize length = sqlite3_column_bytes (stmt, 2);
  g_autoptr(GArray) starts = NULL;
  const guchar *counted = text;
  const guchar *last_end = text;
  gint64 offset = 0;

  if (text == NULL)
    return;
  starts = find_in_text (query, text, length);
  for (guint i = 0; i < starts->len && (max_hits == 0 || hits->len < max_hits); i++)
    {
      const guchar *from = text + g_array_index (starts, gsize, i);
      const guchar *to = NULL;

      /* Of overlapping matches, the first is the hit. */
      if (from < last_end)
        continue;
      matches_at (query, from, text + length, &to);
      offset += _bz_utf8_count (counted, from);
      counted = from;
      g_ptr_array_add (hits, make_hit (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
                                       text, text + length, from, to, offset, offset + query->n_chars));
      last_end = to;
    }
}

/**
 * bz_store_search:
 * @self: a #BzStore
 * @query: the text to find (UTF-8); an empty query finds nothing
 * @flags: %BZ_SEARCH_IGNORE_CASE to match letters in either case
 * @max_hits: the most hits returned, or 0 for all
 * @error: a #GError
 *
 * Finds @query in the canonical text of every document of the workspace.
 * Query and text are compared folded to simplified script character by
 * character (東城區 finds 东城区 and the reverse), and with
 * %BZ_SEARCH_IGNORE_CASE in lower case (GDP finds gdp). Hits of one document
 * do not overlap. A query that is not UTF-8 is refused with
 * %BZ_STORE_ERROR_INVALID. The search reads one snapshot of the workspace;
 * ask for @max_hits + 1 to know whether there are more.
 *
 * Returns: (transfer full) (element-type BzSearchHit): the hits by document
 *   id, then by position, or %NULL with @error set
 */
GPtrArray *
bz_store_search (BzStore        *self,
                 const char     *query,
                 BzSearchFlags   flags,
                 guint           max_hits,
                 GError        **error)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(BzResetStmt) stmt = NULL;
  Query q = { NULL, 0, FALSE, NULL };
  int row = 0;

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!prepare_query (self, query, flags, &q, error))
    {
      query_clear (&q);
      return NULL;
    }
  hits = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_search_hit_free);
  if (q.n_chars > 0)
    {
      if (!(stmt = _bz_store_stmt (self, BZ_STMT_DOC_TEXTS, error)))
        row = -1;
      while (row >= 0 && (max_hits == 0 || hits->len < max_hits)
             && (row = _bz_store_step_row (self, stmt, error)) == 1)
        search_document (&q, stmt, max_hits, hits);
    }
  query_clear (&q);
  if (row < 0)
    return NULL;
  return g_steal_pointer (&hits);
}
