/* bz-format-conll.c: character-level BIO and BIOES in CoNLL columns
 *
 *   -DOCSTART-<TAB>O
 *   <blank line>
 *   王<TAB>B-PLACE
 *   府<TAB>I-PLACE
 *   井<TAB>I-PLACE        (BIOES: E-PLACE; a one-character entity is S-LABEL)
 *   。<TAB>O
 *   <blank line>          (a sentence ends after 。！？；or a newline)
 *
 * One line per code point of the text, never tokenised on whitespace, so that
 * the characters of a document joined again give its text exactly. A character
 * that a consumer splitting lines on whitespace would lose is written as an
 * escape: "\n" newline, "\t" tab, "\r" carriage return, "\s" space, "\\" a
 * backslash, and "\uXXXX" (or "\UXXXXXXXX") for any other whitespace or control
 * character (U+3000 ideographic space, U+00A0, ...). Each document starts with a
 * -DOCSTART- line. No sentence break falls inside an entity. Entities cannot
 * overlap: the export flattens. A file without -DOCSTART- lines (such as the
 * MSRA or People's Daily data) is read as one document per sentence.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bz-format-private.h"

#define DOCSTART "-DOCSTART-"

typedef enum
{
  TAG_O,
  TAG_B,
  TAG_I,
  TAG_E,
  TAG_S,
} Tag;

static const char tag_letters[] = "OBIES";

static gboolean
needs_escape (gunichar c)
{
  return c == '\\' || c <= 0x20 || (c >= 0x7F && c <= 0x9F) || g_unichar_isspace (c) ||
         c == 0x2028 || c == 0x2029;
}

static void
append_token (GString  *out,
              gunichar  c)
{
  if (!needs_escape (c))
    {
      g_string_append_unichar (out, c);
      return;
    }
  switch (c)
    {
    case '\n': g_string_append (out, "\\n"); break;
    case '\t': g_string_append (out, "\\t"); break;
    case '\r': g_string_append (out, "\\r"); break;
    case ' ': g_string_append (out, "\\s"); break;
    case '\\': g_string_append (out, "\\\\"); break;
    default:
      if (c <= 0xFFFF)
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_printf (out, "\\U%08X", c);
      break;
    }
}

static gboolean
is_sentence_end (gunichar c)
{
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == '\n';
}

static gboolean
conll_write (GString         *out,
             const BzRecord  *record,
             gboolean         bioes,
             GError         **error)
{
  gint64 n = record->n_chars;
  g_autofree guint8 *tags = g_new0 (guint8, n + 1);
  g_autofree guint *owner = g_new0 (guint, n + 1);
  const char *p = record->text;
  gboolean sentence_open = FALSE;

  for (guint i = 0; i < record->spans->len; i++)
    {
      const BzRecordSpan *span = &g_array_index (record->spans, BzRecordSpan, i);

      for (gint64 k = span->start; k < span->end; k++)
        {
          if (tags[k] != TAG_O)
            {
              g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                           "document %" G_GINT64_FORMAT ": spans overlap at character %" G_GINT64_FORMAT
                           " (flatten the record first)", record->id, k);
              return FALSE;
            }
          tags[k] = k == span->start ? TAG_B : TAG_I;
          owner[k] = i;
        }
      if (bioes && span->end - span->start == 1)
        tags[span->start] = TAG_S;
      else if (bioes)
        tags[span->end - 1] = TAG_E;
    }

  g_string_append (out, DOCSTART "\tO\n\n");
  for (gint64 k = 0; k < n; k++, p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      append_token (out, c);
      g_string_append_c (out, '\t');
      g_string_append_c (out, tag_letters[tags[k]]);
      if (tags[k] != TAG_O)
        {
          g_string_append_c (out, '-');
          g_string_append (out, g_array_index (record->spans, BzRecordSpan, owner[k]).label);
        }
      g_string_append_c (out, '\n');
      sentence_open = TRUE;
      /* A sentence ends here unless the next character continues an entity. */
      if (is_sentence_end (c) && (k + 1 >= n || tags[k + 1] == TAG_O || tags[k + 1] == TAG_B ||
                                  tags[k + 1] == TAG_S))
        {
          g_string_append_c (out, '\n');
          sentence_open = FALSE;
        }
    }
  if (sentence_open)
    g_string_append_c (out, '\n');
  return TRUE;
}

static gboolean
bio_write (GString         *out,
           const BzRecord  *record,
           GError         **error)
{
  return conll_write (out, record, FALSE, error);
}

static gboolean
bioes_write (GString         *out,
             const BzRecord  *record,
             GError         **error)
{
  return conll_write (out, record, TRUE, error);
}

/* ---- Reading ------------------------------------------------------------- */

typedef struct
{
  BzReadCtx     ctx;
  gboolean      bioes;
  BzRecordFunc  sink;
  gpointer      sink_data;
  GError       *sink_error;
  GString   *text;
  guint      first_line;
  gboolean   started;
  /* The entity being read: its first character, label and tag so far. */
  gint64     entity_start;
  char      *entity_label;
  gint64     n_chars;
  GArray    *starts;
  GArray    *ends;
  GPtrArray *labels;
} ConllReader;

static void
close_entity (ConllReader *r)
{
  if (r->entity_label == NULL)
    return;
  g_array_append_val (r->starts, r->entity_start);
  g_array_append_val (r->ends, r->n_chars);
  g_ptr_array_add (r->labels, g_steal_pointer (&r->entity_label));
}

static void
finish_record (ConllReader *r)
{
  BzRecord *record;
  BzTextIndex index;

  if (r->ctx.error != NULL || r->sink_error != NULL || !r->started)
    return;
  if (r->bioes && r->entity_label != NULL)
    {
      _bz_read_fail (&r->ctx, "the entity %s is not closed with E-%s before the end of the document",
                     r->entity_label, r->entity_label);
      return;
    }
  close_entity (r);
  record = bz_record_new (0, NULL, r->text->str);
  record->line = r->first_line;
  _bz_text_index_init (&index, record->text);
  for (guint i = 0; i < r->labels->len; i++)
    _bz_read_add_span (&r->ctx, record, &index, g_array_index (r->starts, gint64, i),
                       g_array_index (r->ends, gint64, i), r->labels->pdata[i], NULL);
  _bz_text_index_clear (&index);
  if (r->ctx.error != NULL)
    bz_record_free (record);
  else
    r->sink (record, r->sink_data, &r->sink_error);
  g_string_truncate (r->text, 0);
  g_array_set_size (r->starts, 0);
  g_array_set_size (r->ends, 0);
  g_ptr_array_set_size (r->labels, 0);
  r->n_chars = 0;
  r->started = FALSE;
}

static gboolean
parse_hex (const char *s,
           guint       digits,
           gunichar   *out)
{
  *out = 0;
  for (guint i = 0; i < digits; i++)
    {
      if (!g_ascii_isxdigit (s[i]))
        return FALSE;
      *out = *out * 16 + g_ascii_xdigit_value (s[i]);
    }
  return g_unichar_validate (*out);
}

/* Reads the character column; returns FALSE (error set) when it is not one character. */
static gboolean
parse_token (ConllReader *r,
             const char  *token,
             gsize        length,
             GString     *text)
{
  gunichar c;

  if (length > 0 && token[0] == '\\')
    {
      if (length == 2 && strchr ("ntrs\\", token[1]) != NULL)
        {
          static const char from[] = "ntrs\\";
          static const char to[] = "\n\t\r \\";

          g_string_append_c (text, to[strchr (from, token[1]) - from]);
          return TRUE;
        }
      if ((length == 6 && token[1] == 'u' && parse_hex (token + 2, 4, &c)) ||
          (length == 10 && token[1] == 'U' && parse_hex (token + 2, 8, &c)))
        {
          g_string_append_unichar (text, c);
          return TRUE;
        }
    }
  else if (length > 0 && (gsize) (g_utf8_next_char (token) - token) == length)
    {
      g_string_append_len (text, token, length);
      return TRUE;
    }
  r->ctx.column = 1;
  _bz_read_fail (&r->ctx, "“%.*s” is not one character (write whitespace as \\s, \\n, \\t or \\uXXXX)",
                 (int) length, token);
  return FALSE;
}

static void
read_tag (ConllReader *r,
          const char  *tag,
          guint        column)
{
  const char *letter = strchr (tag_letters, tag[0]);
  Tag kind = letter != NULL && tag[0] != '\0' ? (Tag) (letter - tag_letters) : TAG_O;
  const char *label = tag + 2;

  r->ctx.column = column;
  if (letter == NULL || tag[0] == '\0' || (kind == TAG_O && tag[1] != '\0') ||
      (kind != TAG_O && (tag[1] != '-' || tag[2] == '\0')) ||
      (!r->bioes && (kind == TAG_E || kind == TAG_S)))
    {
      _bz_read_fail (&r->ctx, "“%s” is not a %s tag (%s)", tag, r->bioes ? "BIOES" : "BIO",
                     r->bioes ? "O, B-LABEL, I-LABEL, E-LABEL or S-LABEL" : "O, B-LABEL or I-LABEL");
      return;
    }
  if ((kind == TAG_I || kind == TAG_E) &&
      (r->entity_label == NULL || !g_str_equal (r->entity_label, label)))
    {
      _bz_read_fail (&r->ctx, "“%s” does not continue an entity begun with B-%s", tag, label);
      return;
    }
  if (r->bioes && (kind == TAG_B || kind == TAG_S || kind == TAG_O) && r->entity_label != NULL)
    {
      _bz_read_fail (&r->ctx, "“%s” follows the entity %s that was not closed with E-%s",
                     tag, r->entity_label, r->entity_label);
      return;
    }
  if (kind == TAG_B || kind == TAG_S || kind == TAG_O)
    close_entity (r);
  if (kind == TAG_B || kind == TAG_S)
    {
      r->entity_start = r->n_chars;
      r->entity_label = g_strdup (label);
    }
  r->n_chars++;
  if (kind == TAG_E || kind == TAG_S)
    close_entity (r);
}

static gboolean
conll_read (const char    *data,
            gsize          length,
            const char    *name,
            gboolean       bioes,
            BzRecordFunc   sink,
            gpointer       sink_data,
            GError       **error)
{
  ConllReader r = { { name, 0, 1, NULL, NULL }, bioes, sink, sink_data, NULL };
  const char *p = data;
  const char *end = data + length;
  gboolean documents = g_strstr_len (data, length, DOCSTART) != NULL;

  r.text = g_string_new (NULL);
  r.starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  r.ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  r.labels = g_ptr_array_new_with_free_func (g_free);

  while (p < end && r.ctx.error == NULL && r.sink_error == NULL)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      g_autofree char *line = NULL;
      char *tab;
      char *tag;

      r.ctx.line++;
      r.ctx.column = 1;
      if (line_end > p && line_end[-1] == '\r')
        line = g_strndup (p, line_end - 1 - p);
      else
        line = g_strndup (p, line_end - p);
      p = line_end + 1;

      if (line[strspn (line, " \t")] == '\0')
        {
          /* A sentence break; without -DOCSTART- lines it ends an example. */
          if (!documents)
            {
              if (bioes && r.entity_label != NULL)
                _bz_read_fail (&r.ctx, "the sentence ends inside the entity %s", r.entity_label);
              finish_record (&r);
            }
          continue;
        }
      if (g_str_has_prefix (line, DOCSTART) &&
          (line[strlen (DOCSTART)] == '\0' || g_ascii_isspace (line[strlen (DOCSTART)])))
        {
          finish_record (&r);
          r.started = TRUE;
          r.first_line = r.ctx.line;
          continue;
        }
      if (!r.started)
        {
          if (documents)
            {
              _bz_read_fail (&r.ctx, "a character line stands before the first -DOCSTART- line");
              break;
            }
          r.started = TRUE;
          r.first_line = r.ctx.line;
        }
      tab = strpbrk (line, "\t ");
      if (tab == NULL)
        {
          _bz_read_fail (&r.ctx, "a line should hold a character and a tag separated by a tab");
          break;
        }
      /* The tag is the last column; columns in between are ignored. */
      tag = line + strlen (line);
      while (tag > tab + 1 && tag[-1] != '\t' && tag[-1] != ' ')
        tag--;
      if (!parse_token (&r, line, tab - line, r.text))
        break;
      read_tag (&r, tag, (guint) g_utf8_strlen (line, tag - line) + 1);
    }
  if (r.ctx.error == NULL)
    finish_record (&r);

  g_string_free (r.text, TRUE);
  g_array_unref (r.starts);
  g_array_unref (r.ends);
  g_ptr_array_unref (r.labels);
  g_free (r.entity_label);
  if (r.sink_error != NULL)
    {
      g_propagate_error (error, r.sink_error);
      _bz_read_ctx_clear (&r.ctx);
      return FALSE;
    }
  if (r.ctx.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&r.ctx.error));
      _bz_read_ctx_clear (&r.ctx);
      return FALSE;
    }
  return TRUE;
}

static gboolean
bio_read (const char    *data,
          gsize          length,
          const char    *name,
          BzRecordFunc   sink,
          gpointer       sink_data,
          GError       **error)
{
  return conll_read (data, length, name, FALSE, sink, sink_data, error);
}

static gboolean
bioes_read (const char    *data,
            gsize          length,
            const char    *name,
            BzRecordFunc   sink,
            gpointer       sink_data,
            GError       **error)
{
  return conll_read (data, length, name, TRUE, sink, sink_data, error);
}

const BzFormatClass _bz_format_bio = {
  .format = BZ_FORMAT_BIO,
  .name = "bio",
  .extension = ".conll",
  .flat = TRUE,
  .head = "",
  .separator = "",
  .tail = "",
  .write = bio_write,
  .read = bio_read,
};

const BzFormatClass _bz_format_bioes = {
  .format = BZ_FORMAT_BIOES,
  .name = "bioes",
  .extension = ".conll",
  .flat = TRUE,
  .head = "",
  .separator = "",
  .tail = "",
  .write = bioes_write,
  .read = bioes_read,
};
