/* bz-format-json.c: the JSON writer and the checked JSON reading shared by the formats
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bz-format-private.h"

/* Bytes that end a run of _bz_json_string(): the control characters (NUL,
 * the end of the string, among them), '"' and '\\'. */
static const guint8 ends_run[256] = {
  [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
  [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1,
  [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
  [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
  ['"'] = 1, ['\\'] = 1,
};

void
_bz_json_string (GString    *out,
                 const char *str)
{
  static const char hex[] = "0123456789abcdef";
  const char *p = str;

  g_string_append_c (out, '"');
  /* Copy runs of bytes that need no escape in one go: UTF-8 passes through. */
  for (;;)
    {
      const char *run = p;
      guchar c;

      while (!ends_run[(guchar) *p])
        p++;
      g_string_append_len (out, run, p - run);
      c = (guchar) *p++;
      switch (c)
        {
        case '\0':
          g_string_append_c (out, '"');
          return;
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          g_string_append (out, "\\u00");
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 0xf]);
          break;
        }
    }
}

void
_bz_json_int (GString *out,
              gint64   value)
{
  char digits[24];
  guint n = 0;
  guint64 v = value < 0 ? -(guint64) value : (guint64) value;

  /* printf is the hot spot of offset lists: write the digits directly. */
  do
    {
      digits[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v > 0);
  if (value < 0)
    g_string_append_c (out, '-');
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

void
_bz_json_key (GString    *out,
              const char *key,
              gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  _bz_json_string (out, key);
  g_string_append_c (out, ':');
}

gboolean
_bz_json_raw (GString    *out,
              const char *json,
              GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *compact = NULL;
  JsonNode *root;

  if (json == NULL)
    {
      g_string_append (out, "null");
      return TRUE;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_string_append (out, "null");
      return TRUE;
    }
  compact = json_to_string (root, FALSE);
  g_string_append (out, compact);
  return TRUE;
}

/* ---- Reading ------------------------------------------------------------- */

void
_bz_read_ctx_clear (BzReadCtx *ctx)
{
  g_clear_pointer (&ctx->where, g_free);
  g_clear_error (&ctx->error);
}

void
_bz_read_fail (BzReadCtx  *ctx,
               const char *format,
               ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  if (ctx->error != NULL)
    return;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (&ctx->error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "%s:%u:%u: %s%s%s",
               ctx->name, ctx->line, ctx->column,
               ctx->where != NULL ? ctx->where : "", ctx->where != NULL ? ": " : "", msg);
}

static const char *
node_kind (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: return "a string";
    case G_TYPE_BOOLEAN: return "a boolean";
    default: return "a number";
    }
}

/* Whether @node holds what a getter wants; fails the context with a message
 * naming @what and what the node holds when it does not. */
static gboolean
expect_node (BzReadCtx  *ctx,
             JsonNode   *node,
             gboolean    holds,
             const char *what,
             const char *wanted)
{
  if (ctx->error != NULL)
    return FALSE;
  if (node != NULL && holds)
    return TRUE;
  _bz_read_fail (ctx, "%s should be %s, not %s", what, wanted, node_kind (node));
  return FALSE;
}

static gboolean
holds_value (JsonNode *node,
             GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

JsonObject *
_bz_read_object (BzReadCtx  *ctx,
                 JsonNode   *node,
                 const char *what)
{
  if (!expect_node (ctx, node, node != NULL && JSON_NODE_HOLDS_OBJECT (node), what, "an object"))
    return NULL;
  return json_node_get_object (node);
}

JsonArray *
_bz_read_array (BzReadCtx  *ctx,
                JsonNode   *node,
                const char *what)
{
  if (!expect_node (ctx, node, node != NULL && JSON_NODE_HOLDS_ARRAY (node), what, "an array"))
    return NULL;
  return json_node_get_array (node);
}

gint64
_bz_read_int (BzReadCtx  *ctx,
              JsonNode   *node,
              const char *what)
{
  if (!expect_node (ctx, node, holds_value (node, G_TYPE_INT64), what, "an integer"))
    return 0;
  return json_node_get_int (node);
}

const char *
_bz_read_string (BzReadCtx  *ctx,
                 JsonNode   *node,
                 const char *what)
{
  if (!expect_node (ctx, node, holds_value (node, G_TYPE_STRING), what, "a string"))
    return NULL;
  return json_node_get_string (node);
}

JsonNode *
_bz_read_member (BzReadCtx  *ctx,
                 JsonObject *object,
                 const char *member,
                 gboolean    required)
{
  JsonNode *node;

  if (ctx->error != NULL || object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL && required)
    _bz_read_fail (ctx, "the member “%s” is missing", member);
  if (node != NULL && JSON_NODE_HOLDS_NULL (node) && !required)
    return NULL;
  return node;
}

const char *
_bz_read_member_string (BzReadCtx  *ctx,
                        JsonObject *object,
                        const char *member,
                        gboolean    required)
{
  JsonNode *node = _bz_read_member (ctx, object, member, required);
  g_autofree char *what = g_strdup_printf ("“%s”", member);

  if (node == NULL)
    return NULL;
  return _bz_read_string (ctx, node, what);
}

gint64
_bz_read_member_int (BzReadCtx  *ctx,
                     JsonObject *object,
                     const char *member,
                     gboolean    required)
{
  JsonNode *node = _bz_read_member (ctx, object, member, required);
  g_autofree char *what = g_strdup_printf ("“%s”", member);

  if (node == NULL)
    return 0;
  return _bz_read_int (ctx, node, what);
}

void
_bz_read_chunk (BzReadCtx  *ctx,
                JsonObject *object,
                BzRecord   *record)
{
  if (_bz_read_member (ctx, object, "chunk_offset", FALSE) == NULL)
    return;
  record->chunk_offset = _bz_read_member_int (ctx, object, "chunk_offset", FALSE);
  record->chunked = TRUE;
  if (ctx->error == NULL && record->chunk_offset < 0)
    _bz_read_fail (ctx, "“chunk_offset” cannot be negative");
}

BzRecord *
_bz_read_new_record (BzReadCtx  *ctx,
                     const char *text)
{
  BzRecord *record;

  if (ctx->error != NULL || text == NULL)
    return NULL;
  /* scan_json() refused the escapes that json-glib would turn into bytes that
   * are not UTF-8 or that would cut the text short (\u0000): a guard. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      _bz_read_fail (ctx, "the text is not valid UTF-8");
      return NULL;
    }
  record = bz_record_new (0, NULL, text);
  record->line = ctx->line;
  return record;
}

BzRecordSpan *
_bz_read_add_span_full (BzReadCtx         *ctx,
                        BzRecord          *record,
                        const BzTextIndex *index,
                        gint64             start,
                        gint64             end,
                        gboolean           end_inclusive,
                        const char        *label,
                        const char        *surface)
{
  BzRecordSpan span = { 0 };
  GString *cut;
  gboolean fits;
  char close = end_inclusive ? ']' : ')';

  if (ctx->error != NULL)
    return NULL;
  if (label == NULL || *label == '\0')
    {
      _bz_read_fail (ctx, "a span has an empty label");
      return NULL;
    }
  if (end_inclusive)
    fits = start >= 0 && start <= end && end < index->n_chars;
  else
    fits = start >= 0 && start < end && end <= index->n_chars;
  if (!fits)
    {
      _bz_read_fail (ctx, "the span %s [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "%c does not fit "
                     "the text of %" G_GINT64_FORMAT " characters",
                     label, start, end, close, index->n_chars);
      return NULL;
    }
  cut = g_string_new (NULL);
  _bz_text_index_append (index, cut, start, end_inclusive ? end + 1 : end);
  if (surface != NULL && !g_str_equal (surface, cut->str))
    {
      _bz_read_fail (ctx, "the span %s [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "%c says “%s” but the "
                     "text at those offsets (counted in code points) is “%s”",
                     label, start, end, close, surface, cut->str);
      g_string_free (cut, TRUE);
      return NULL;
    }
  span.start = start;
  span.end = end_inclusive ? end + 1 : end;
  span.label = g_strdup (label);
  span.surface = g_string_free (cut, FALSE);
  span.status = BZ_SPAN_ACCEPTED;
  g_array_append_val (record->spans, span);
  return &g_array_index (record->spans, BzRecordSpan, record->spans->len - 1);
}

/* Turns json-glib's "<data>:LINE:COL: Parse error: ..." into "NAME:LINE:COL: ...",
 * shifting the line (and the column on the first line) by where the data began. */
static void
set_parse_error (GError    **error,
                 const GError *parse_error,
                 const char *data,
                 gsize       length,
                 const char *name,
                 guint       line_base,
                 guint       column_base)
{
  const char *msg = parse_error->message;
  unsigned int line = 0, column = 0;
  int consumed = 0;
  const char *rest;

  if (g_str_has_prefix (msg, "<data>:") &&
      sscanf (msg + strlen ("<data>:"), "%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      rest = msg + strlen ("<data>:") + consumed;
      if (g_str_has_prefix (rest, "Parse error: "))
        rest += strlen ("Parse error: ");
      /* json-glib counts the column in bytes; we count code points. */
      if (line >= 1 && column >= 1)
        {
          const char *p = data;
          const char *end = data + length;
          const char *q;

          for (guint l = 1; l < line && p < end; l++)
            {
              const char *nl = memchr (p, '\n', end - p);
              p = nl != NULL ? nl + 1 : end;
            }
          q = p;
          while (q < end && (gsize) (q - p) < column - 1 && *q != '\n')
            q = g_utf8_next_char (q);
          column = (guint) g_utf8_strlen (p, q - p) + 1;
        }
      g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "%s:%u:%u: %s", name,
                   line + line_base, line == 1 ? column + column_base : column, rest);
      return;
    }
  g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "%s:%u:%u: %s", name,
               line_base + 1, column_base + 1, msg);
}

static gboolean
refuse_at (GError    **error,
           const char *name,
           guint       line,
           guint       column,
           const char *cause)
{
  g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "%s:%u:%u: %s", name, line, column, cause);
  return FALSE;
}

static gboolean
read_hex4 (const char *p,
           gsize       left,
           guint      *unit)
{
  *unit = 0;
  if (left < 4)
    return FALSE;
  for (guint k = 0; k < 4; k++)
    {
      if (!g_ascii_isxdigit (p[k]))
        return FALSE;
      *unit = *unit * 16 + g_ascii_xdigit_value (p[k]);
    }
  return TRUE;
}

/* The length of the escape at @p (a backslash in a string), or 0 with @cause
 * set when JSON does not have it or json-glib 1.6 would read it wrong: it
 * takes any letter after a backslash, turns a \u escape of half a surrogate
 * pair into bytes that are not UTF-8 (and leaks memory when another \u escape
 * follows one), and ends the string at \u0000. */
static gsize
escape_length (const char  *p,
               gsize        left,
               const char **cause)
{
  guint unit, low;

  if (left >= 2 && p[1] != '\0' && strchr ("\"\\/bfnrt", p[1]) != NULL)
    return 2;
  if (left < 2 || p[1] != 'u')
    {
      *cause = "a backslash in a string should begin one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX";
      return 0;
    }
  if (!read_hex4 (p + 2, left - 2, &unit))
    {
      *cause = "\\u in a string should be followed by four hexadecimal digits";
      return 0;
    }
  if (unit == 0)
    {
      *cause = "a string holds \\u0000, a NUL character, which text cannot hold";
      return 0;
    }
  if (unit < 0xD800 || unit > 0xDFFF)
    return 6;
  if (unit <= 0xDBFF && left >= 12 && p[6] == '\\' && p[7] == 'u' && read_hex4 (p + 8, left - 8, &low) &&
      low >= 0xDC00 && low <= 0xDFFF)
    return 12;
  *cause = "a string holds half of a UTF-16 surrogate pair (\\uD800 to \\uDFFF) without the other half";
  return 0;
}

/* Walks JSON text as far as its strings and brackets go, before json-glib sees
 * it: json-glib's parser recurses once per level of nesting, so that a file
 * nested a hundred thousand deep exhausts the stack. Refuses nesting deeper
 * than BZ_JSON_MAX_DEPTH; the two extensions of JSON that json-glib reads and
 * that could hide a bracket from this walk, comments and single-quoted
 * strings; and what json-glib 1.6 reads wrong: some escapes in strings, and
 * a second top-level value. When @positions is given, notes where each
 * element of the item array (the array at @item_depth) begins: line and
 * column, 1-based, columns in code points. Lines count from @line_base + 1. */
static gboolean
scan_json (const char  *data,
           gsize        length,
           const char  *name,
           guint        line_base,
           guint        item_depth,
           GArray      *positions,
           GError     **error)
{
  guint depth = 0;
  guint line = line_base + 1, column = 0;
  gboolean in_string = FALSE;
  gboolean expect_item = FALSE;
  /* Whether the top-level value has begun. */
  gboolean begun = FALSE;
  /* Whether each open container (up to the item depth) is an array. */
  gboolean is_array[4] = { FALSE };

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) data[i];

      /* json-glib takes a line break inside a string as it is. */
      if (c == '\n')
        {
          line++;
          column = 0;
          continue;
        }
      if ((c & 0xC0) != 0x80)
        column++;
      if (in_string)
        {
          if (c == '"')
            in_string = FALSE;
          else if (c == '\\')
            {
              const char *cause = NULL;
              gsize n = escape_length (data + i, length - i, &cause);

              if (n == 0)
                return refuse_at (error, name, line, column, cause);
              /* An escape is ASCII: one column a byte. */
              i += n - 1;
              column += n - 1;
            }
          continue;
        }
      if (c == ' ' || c == '\t' || c == '\r')
        continue;
      /* json-glib 1.6 takes a second container after the first as the value,
       * leaking the first. */
      if (depth == 0 && (c == '[' || c == '{') && begun)
        return refuse_at (error, name, line, column, "a second JSON value begins after the first");
      if (depth == 0 && (c == '[' || c == '{' || c == '"' || c == '-' || g_ascii_isalnum (c)))
        begun = TRUE;
      if (expect_item && c != ']' && positions != NULL)
        {
          guint pos[2] = { line, column };

          g_array_append_vals (positions, pos, 2);
        }
      expect_item = FALSE;
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '\'':
          return refuse_at (error, name, line, column, "a single-quoted string is not JSON");
        case '/':
          return refuse_at (error, name, line, column, "a comment is not JSON");
        case '[':
        case '{':
          if (depth == BZ_JSON_MAX_DEPTH)
            return refuse_at (error, name, line, column,
                              "the JSON is nested deeper than " G_STRINGIFY (BZ_JSON_MAX_DEPTH) " levels");
          depth++;
          if (depth < G_N_ELEMENTS (is_array))
            is_array[depth] = c == '[';
          expect_item = depth == item_depth && c == '[';
          break;
        case ']':
        case '}':
          /* A stray bracket is json-glib's to report. */
          if (depth > 0)
            depth--;
          break;
        case ',':
          expect_item = depth == item_depth && is_array[depth];
          break;
        default:
          break;
        }
    }
  return TRUE;
}

gboolean
_bz_json_check_depth (const char  *data,
                      gsize        length,
                      const char  *name,
                      guint        line_base,
                      GError     **error)
{
  return scan_json (data, length, name, line_base, 0, NULL, error);
}

/* Hands a record that an item gave to the sink; the context's error wins. */
static gboolean
deliver (BzReadCtx     *ctx,
         BzRecord      *record,
         BzRecordFunc   sink,
         gpointer       sink_data,
         GError       **error)
{
  if (ctx->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&ctx->error));
      g_clear_pointer (&record, bz_record_free);
      _bz_read_ctx_clear (ctx);
      return FALSE;
    }
  _bz_read_ctx_clear (ctx);
  return record == NULL || sink (record, sink_data, error);
}

static gboolean
read_json_lines (const char           *data,
                 gsize                 length,
                 const char           *name,
                 const BzFormatClass  *klass,
                 BzRecordFunc          sink,
                 gpointer              sink_data,
                 GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *p = data;
  const char *end = data + length;
  guint line = 0;
  guint index = 0;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      g_autoptr(GError) local_error = NULL;
      BzReadCtx ctx = { name, ++line, 1, NULL, NULL };
      const char *q;

      for (q = p; q < line_end && g_ascii_isspace (*q); q++)
        ;
      if (q == line_end)
        {
          p = line_end + 1;
          continue;
        }
      if (!scan_json (p, line_end - p, name, line - 1, 0, NULL, error))
        return FALSE;
      if (!json_parser_load_from_data (parser, p, line_end - p, &local_error))
        {
          set_parse_error (error, local_error, p, line_end - p, name, line - 1, 0);
          return FALSE;
        }
      ctx.column = (guint) g_utf8_strlen (p, q - p) + 1;
      if (!deliver (&ctx, klass->read_item (&ctx, json_parser_get_root (parser), index++), sink, sink_data, error))
        return FALSE;
      p = line_end + 1;
    }
  return TRUE;
}

gboolean
_bz_read_json_items (const char           *data,
                     gsize                 length,
                     const char           *name,
                     const BzFormatClass  *klass,
                     BzRecordFunc          sink,
                     gpointer              sink_data,
                     GError              **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) positions = NULL;
  BzReadCtx ctx = { name, 1, 1, NULL, NULL };
  JsonNode *root;
  JsonArray *items;

  if (klass->items == NULL)
    return read_json_lines (data, length, name, klass, sink, sink_data, error);

  positions = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!scan_json (data, length, name, 0, *klass->items == '\0' ? 1 : 2, positions, error))
    return FALSE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      set_parse_error (error, local_error, data, length, name, 0, 0);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (klass->check_root != NULL && !klass->check_root (root, name, error))
    return FALSE;
  if (*klass->items == '\0')
    items = _bz_read_array (&ctx, root, "the file's top level");
  else
    {
      JsonObject *object = _bz_read_object (&ctx, root, "the file's top level");
      g_autofree char *what = g_strdup_printf ("“%s”", klass->items);

      items = _bz_read_array (&ctx, _bz_read_member (&ctx, object, klass->items, TRUE), what);
    }
  if (ctx.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&ctx.error));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      ctx.line = 2 * i + 1 < positions->len ? g_array_index (positions, guint, 2 * i) : 0;
      ctx.column = 2 * i + 1 < positions->len ? g_array_index (positions, guint, 2 * i + 1) : 0;
      if (!deliver (&ctx, klass->read_item (&ctx, json_array_get_element (items, i), i), sink, sink_data, error))
        return FALSE;
    }
  return TRUE;
}
