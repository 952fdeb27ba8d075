/* bz-format-brat.c: brat standoff, a NAME.txt and a NAME.ann per document
 *
 *   T1<TAB>PLACE 4 7<TAB>王府井
 *   T2<TAB>ORG 10 12;13 15<TAB>故宫 博物
 *   R1<TAB>has_value Arg1:T3 Arg2:T4
 *   #1<TAB>AnnotatorNotes T1<TAB>a reviewer's note
 *
 * The .txt holds the canonical text in UTF-8; offsets count its characters (code
 * points, as brat does), end exclusive. A span that holds a line break is written
 * as fragments around the break, as brat requires. Files are named doc-ID (and
 * doc-ID@OFFSET for the pieces of a chunked document). Statuses are not stored:
 * the export decides which spans go in.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bz-format-private.h"

void
_bz_format_brat_name (const BzRecord *record,
                      guint           index,
                      GString        *out)
{
  if (record->id > 0)
    g_string_append_printf (out, "doc-%06" G_GINT64_FORMAT, record->id);
  else
    g_string_append_printf (out, "record-%06u", index + 1);
  if (record->chunked)
    g_string_append_printf (out, "@%06" G_GINT64_FORMAT, record->chunk_offset);
}

/* Skips at least six digits (as %06 writes them); NULL when they are not there. */
static const char *
skip_number (const char *p)
{
  const char *start = p;

  while (g_ascii_isdigit (*p))
    p++;
  return p - start >= 6 ? p : NULL;
}

gboolean
_bz_format_brat_owns_name (const char *name)
{
  const char *p;

  if (g_str_has_prefix (name, "doc-"))
    p = name + strlen ("doc-");
  else if (g_str_has_prefix (name, "record-"))
    p = name + strlen ("record-");
  else
    return FALSE;
  if ((p = skip_number (p)) == NULL)
    return FALSE;
  if (*p == '@' && (p = skip_number (p + 1)) == NULL)
    return FALSE;
  return g_str_equal (p, ".txt") || g_str_equal (p, ".ann");
}

/* Replaces tabs and line breaks, which would break the line-based .ann file. */
static void
append_field (GString    *out,
              const char *str)
{
  for (const char *p = str; *p != '\0'; p++)
    g_string_append_c (out, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

gboolean
_bz_format_brat_ann (GString         *out,
                     const BzRecord  *record,
                     GError         **error)
{
  BzTextIndex index;
  guint n_notes = 0;

  _bz_text_index_init (&index, record->text);
  for (guint i = 0; i < record->spans->len; i++)
    {
      const BzRecordSpan *span = &g_array_index (record->spans, BzRecordSpan, i);
      g_autoptr(GString) surface = g_string_new (NULL);
      gint64 frag_start = span->start;

      g_string_append_printf (out, "T%u\t", i + 1);
      append_field (out, span->label);
      g_string_append_c (out, ' ');
      /* Fragments skip the line breaks inside the span. */
      for (gint64 k = span->start; k <= span->end; k++)
        {
          gboolean is_break = k < span->end && index.text[index.bytes[k]] == '\n';

          if (k < span->end && !is_break)
            continue;
          if (k > frag_start)
            {
              if (surface->len > 0)
                {
                  g_string_append_c (out, ';');
                  g_string_append_c (surface, ' ');
                }
              g_string_append_printf (out, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, frag_start, k);
              _bz_text_index_append (&index, surface, frag_start, k);
            }
          frag_start = k + 1;
        }
      g_string_append_c (out, '\t');
      append_field (out, surface->str);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < record->relations->len; i++)
    {
      const BzRecordRelation *rel = &g_array_index (record->relations, BzRecordRelation, i);

      g_string_append_printf (out, "R%u\t", i + 1);
      append_field (out, rel->type);
      g_string_append_printf (out, " Arg1:T%u Arg2:T%u\n", rel->from + 1, rel->to + 1);
    }
  for (guint i = 0; i < record->spans->len; i++)
    {
      const BzRecordSpan *span = &g_array_index (record->spans, BzRecordSpan, i);

      if (span->note == NULL)
        continue;
      g_string_append_printf (out, "#%u\tAnnotatorNotes T%u\t", ++n_notes, i + 1);
      append_field (out, span->note);
      g_string_append_c (out, '\n');
    }
  _bz_text_index_clear (&index);
  return TRUE;
}

/* Reads "LABEL S E;S E..." into the label and the fragments' bounds (pairs of gint64). */
static gboolean
parse_fragments (const char *field,
                 char      **label,
                 GArray     *bounds)
{
  g_auto(GStrv) parts = g_strsplit (field, " ", 2);
  g_auto(GStrv) fragments = NULL;

  if (g_strv_length (parts) != 2 || *parts[0] == '\0')
    return FALSE;
  fragments = g_strsplit (parts[1], ";", -1);
  for (guint i = 0; fragments[i] != NULL; i++)
    {
      gint64 pair[2];
      char *rest;

      pair[0] = g_ascii_strtoll (fragments[i], &rest, 10);
      if (rest == fragments[i] || *rest != ' ')
        return FALSE;
      pair[1] = g_ascii_strtoll (rest + 1, &rest, 10);
      if (*rest != '\0' || pair[1] < pair[0])
        return FALSE;
      g_array_append_vals (bounds, pair, 2);
    }
  *label = g_strdup (parts[0]);
  return bounds->len > 0;
}

/* The text column as the writer makes it: tabs and line breaks become spaces
 * (append_field()), fragments are joined by a space. */
static char *
normalize_field (const char *str)
{
  GString *out = g_string_new (NULL);

  append_field (out, str);
  return g_string_free (out, FALSE);
}

/* Adds a text-bound annotation after checking its fragments and its text
 * column against the document's text. The span runs from the first
 * fragment's start to the last one's end. */
static BzRecordSpan *
read_text_bound (BzReadCtx         *ctx,
                 BzRecord          *record,
                 const BzTextIndex *index,
                 const char        *label,
                 const GArray      *bounds,
                 const char        *surface)
{
  g_autoptr(GString) cut = g_string_new (NULL);
  g_autofree char *cut_field = NULL;
  g_autofree char *surface_field = NULL;
  const gint64 *b = (const gint64 *) (gpointer) bounds->data;
  guint n = bounds->len / 2;
  BzRecordSpan *span;

  for (guint i = 1; i < n; i++)
    if (b[2 * i] < b[2 * i - 1])
      {
        _bz_read_fail (ctx, "the fragments of the span %s overlap or are out of order", label);
        return NULL;
      }
  /* In order, the fragments lie inside the span, which is checked against the text. */
  span = _bz_read_add_span (ctx, record, index, b[0], b[2 * n - 1], label, NULL);
  if (span == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (cut, ' ');
      _bz_text_index_append (index, cut, b[2 * i], b[2 * i + 1]);
    }
  cut_field = normalize_field (cut->str);
  surface_field = normalize_field (surface);
  if (!g_str_equal (cut_field, surface_field))
    {
      _bz_read_fail (ctx, "the span %s [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") says “%s” but the "
                     "text at those offsets (counted in code points) is “%s”",
                     label, b[0], b[2 * n - 1], surface, cut->str);
      return NULL;
    }
  return span;
}

/* Takes the document's id and the piece's offset from a name doc-ID or
 * doc-ID@OFFSET as _bz_format_brat_name() writes them; any other name gives a
 * record without either. */
static void
read_name (BzRecord   *record,
           const char *base)
{
  g_auto(GStrv) parts = NULL;
  guint64 id = 0, offset = 0;

  if (!g_str_has_prefix (base, "doc-"))
    return;
  parts = g_strsplit (base + strlen ("doc-"), "@", 2);
  /* "doc-" alone splits into no part at all. */
  if (parts[0] == NULL || !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXINT64, &id, NULL) ||
      (parts[1] != NULL && !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT64, &offset, NULL)))
    return;
  record->id = (gint64) id;
  if (parts[1] != NULL)
    {
      record->chunked = TRUE;
      record->chunk_offset = (gint64) offset;
    }
}

/* Whether a line holds nothing but white space. */
static gboolean
is_blank_line (const char *line)
{
  return line[strspn (line, " \t\r\v\f")] == '\0';
}

static BzRecord *
read_pair (const char  *txt_path,
           const char  *ann_path,
           GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *ann = NULL;
  g_autoptr(BzRecord) record = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *base = NULL;
  BzReadCtx ctx = { ann_path, 0, 1, NULL, NULL };
  BzTextIndex index;
  gsize length, ann_length;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (txt_path, &text, &length, error) ||
      !g_file_get_contents (ann_path, &ann, &ann_length, error))
    return NULL;
  if (!g_utf8_validate_len (text, length, NULL) || strlen (text) != length)
    {
      g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "%s:1:1: the text is not valid UTF-8", txt_path);
      return NULL;
    }
  if (!g_utf8_validate_len (ann, ann_length, NULL) || strlen (ann) != ann_length)
    {
      g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "%s:1:1: the file is not valid UTF-8", ann_path);
      return NULL;
    }
  base = g_path_get_basename (txt_path);
  base[strlen (base) - strlen (".txt")] = '\0';
  record = bz_record_new (0, base, text);
  record->line = 1;
  read_name (record, base);
  _bz_text_index_init (&index, record->text);
  lines = g_strsplit (ann, "\n", -1);
  for (guint i = 0; ctx.error == NULL && lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      char *line = lines[i];
      gsize len = strlen (line);

      ctx.line = i + 1;
      ctx.column = 1;
      /* The text column ends the line: only a CRLF file's carriage return goes. */
      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      if (is_blank_line (line))
        continue;
      fields = g_strsplit (line, "\t", 3);
      if (fields[1] != NULL)
        ctx.column = (guint) g_utf8_strlen (fields[0], -1) + 2;
      if (line[0] == 'T')
        {
          g_autofree char *label = NULL;

          g_array_set_size (bounds, 0);
          if (g_strv_length (fields) != 3 || !parse_fragments (fields[1], &label, bounds))
            {
              _bz_read_fail (&ctx, "a text-bound annotation should read “T1<TAB>LABEL START END<TAB>TEXT”");
              break;
            }
          if (read_text_bound (&ctx, record, &index, label, bounds, fields[2]) != NULL)
            g_hash_table_insert (ids, g_strdup (fields[0]), GUINT_TO_POINTER (record->spans->len));
        }
      else if (line[0] == 'R')
        {
          g_auto(GStrv) args = fields[1] != NULL ? g_strsplit (fields[1], " ", -1) : NULL;
          gpointer from, to;

          if (args == NULL || g_strv_length (args) != 3 || !g_str_has_prefix (args[1], "Arg1:") ||
              !g_str_has_prefix (args[2], "Arg2:"))
            _bz_read_fail (&ctx, "a relation should read “R1<TAB>TYPE Arg1:T1 Arg2:T2”");
          else if (!g_hash_table_lookup_extended (ids, args[1] + 5, NULL, &from) ||
                   !g_hash_table_lookup_extended (ids, args[2] + 5, NULL, &to))
            _bz_read_fail (&ctx, "the relation names an annotation that is not defined above it");
          else
            bz_record_add_relation (record, GPOINTER_TO_UINT (from) - 1, GPOINTER_TO_UINT (to) - 1, args[0]);
        }
      else if (line[0] == '#')
        {
          g_auto(GStrv) target = fields[1] != NULL ? g_strsplit (fields[1], " ", 2) : NULL;
          gpointer span_index;

          if (target != NULL && g_strv_length (target) == 2 && g_str_equal (target[0], "AnnotatorNotes") &&
              fields[2] != NULL && g_hash_table_lookup_extended (ids, target[1], NULL, &span_index))
            {
              BzRecordSpan *span = &g_array_index (record->spans, BzRecordSpan, GPOINTER_TO_UINT (span_index) - 1);

              g_free (span->note);
              span->note = g_strdup (fields[2]);
            }
        }
      /* Events, attributes and normalisations (E, A, M, N lines) are not ours to hold. */
    }
  _bz_text_index_clear (&index);
  if (ctx.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&ctx.error));
      _bz_read_ctx_clear (&ctx);
      return NULL;
    }
  return g_steal_pointer (&record);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

gboolean
_bz_format_brat_read (const char    *path,
                      BzRecordFunc   sink,
                      gpointer       sink_data,
                      GError       **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, error);
      const char *name;

      if (d == NULL)
        return FALSE;
      while ((name = g_dir_read_name (d)) != NULL)
        if (g_str_has_suffix (name, ".ann") && name[0] != '.')
          g_ptr_array_add (names, g_strndup (name, strlen (name) - strlen (".ann")));
      dir = g_strdup (path);
    }
  else if (g_str_has_suffix (path, ".ann"))
    {
      g_autofree char *base = g_path_get_basename (path);

      g_ptr_array_add (names, g_strndup (base, strlen (base) - strlen (".ann")));
      dir = g_path_get_dirname (path);
    }
  else
    {
      g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                   "“%s”: brat annotations are read from a folder of .txt/.ann pairs or an .ann file", path);
      return FALSE;
    }
  /* Sorted by name, the order they were written in. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *txt = g_strdup_printf ("%s/%s.txt", dir, (char *) names->pdata[i]);
      g_autofree char *ann = g_strdup_printf ("%s/%s.ann", dir, (char *) names->pdata[i]);
      BzRecord *record = read_pair (txt, ann, error);

      if (record == NULL || !sink (record, sink_data, error))
        return FALSE;
    }
  return TRUE;
}

const BzFormatClass _bz_format_brat = {
  .format = BZ_FORMAT_BRAT,
  .name = "brat",
  .extension = "",
  .folder = TRUE,
  .details = TRUE,
  .head = "",
  .separator = "",
  .tail = "",
};
