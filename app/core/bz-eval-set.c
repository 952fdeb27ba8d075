/* bz-eval-set.c: reading gold and predicted documents for an evaluation
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-eval"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "bz-eval-private.h"
#include "bz-format-private.h"

int
_bz_eval_range_compare (gconstpointer a,
                        gconstpointer b)
{
  const BzEvalRange *x = a;
  const BzEvalRange *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return strcmp (x->label, y->label);
}

static void
eval_doc_free (BzEvalDoc *doc)
{
  g_free (doc->id);
  g_free (doc->where);
  g_free (doc->text);
  g_clear_pointer (&doc->char_bytes, g_array_unref);
  g_clear_pointer (&doc->spans, g_array_unref);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzEvalDoc, eval_doc_free)

BzEvalSet *
bz_eval_set_new (void)
{
  BzEvalSet *self = g_new0 (BzEvalSet, 1);

  self->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) eval_doc_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

void
bz_eval_set_free (BzEvalSet *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->docs);
  g_free (self);
}

guint
bz_eval_set_get_n_documents (BzEvalSet *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->docs->len;
}

guint
bz_eval_set_get_n_spans (BzEvalSet  *self,
                         const char *label)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->docs->len; i++)
    {
      const BzEvalDoc *doc = g_ptr_array_index (self->docs, i);

      for (guint j = 0; j < doc->spans->len; j++)
        if (label == NULL || g_str_equal (g_array_index (doc->spans, BzEvalRange, j).label, label))
          n++;
    }
  return n;
}

guint
bz_eval_set_get_n_duplicates (BzEvalSet *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_duplicates;
}

/* Where a line's problem is: the column (from 1, in code points) of "key" in the line. */
static guint
key_column (const char *line,
            const char *key)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", key);
  const char *p = key != NULL ? strstr (line, quoted) : NULL;

  if (p == NULL)
    return 1;
  return (guint) g_utf8_pointer_to_offset (line, p) + 1;
}

/* Sets a parse error "NAME:LINE:COLUMN: message" and returns FALSE. */
G_GNUC_PRINTF (5, 6)
static gboolean
fail_at (GError     **error,
         const char  *name,
         guint        lineno,
         guint        column,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE,
               "%s:%u:%u: %s", name, lineno, column, message);
  return FALSE;
}

static gboolean
node_get_int (JsonNode *node,
              gint64   *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static const char *
node_get_label (JsonNode *node)
{
  const char *label;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  label = json_node_get_string (node);
  return label != NULL && *label != '\0' ? label : NULL;
}

/* Reads one span, either [start, end, "LABEL"] or {"start", "end", "label"}. */
static gboolean
parse_span (JsonNode    *node,
            BzEvalRange    *span,
            const char **problem)
{
  JsonNode *start = NULL;
  JsonNode *end = NULL;
  JsonNode *label = NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (json_array_get_length (array) < 3)
        {
          *problem = "is not [start, end, \"LABEL\"]";
          return FALSE;
        }
      start = json_array_get_element (array, 0);
      end = json_array_get_element (array, 1);
      label = json_array_get_element (array, 2);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      start = json_object_get_member (object, json_object_has_member (object, "start") ? "start" : "start_offset");
      end = json_object_get_member (object, json_object_has_member (object, "end") ? "end" : "end_offset");
      label = json_object_get_member (object, "label");
    }
  else
    {
      *problem = "is neither an array nor an object";
      return FALSE;
    }

  if (!node_get_int (start, &span->start) || !node_get_int (end, &span->end))
    {
      *problem = "has no integer start and end";
      return FALSE;
    }
  span->label = node_get_label (label);
  if (span->label == NULL)
    {
      *problem = "has no label (a non-empty string)";
      return FALSE;
    }
  span->label = g_intern_string (span->label);
  return TRUE;
}

static BzEvalDoc *
parse_line (const char  *line,
            const char  *name,
            guint        lineno,
            guint       *n_duplicates,
            GError     **error)
{
  static const char * const span_keys[] = { "label", "spans", "entities" };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BzEvalDoc) doc = g_new0 (BzEvalDoc, 1);
  JsonObject *object;
  JsonNode *text;
  JsonNode *id;
  JsonNode *spans = NULL;
  const char *spans_key = NULL;
  const char *p;

  if (!_bz_json_check_depth (line, strlen (line), name, lineno - 1, error))
    return NULL;
  if (!json_parser_load_from_data (parser, line, -1, &local_error))
    {
      guint l = 0, column = 0;
      int consumed = 0;

      /* json-glib says "<data>:LINE:COLUMN: cause"; the line is ours. */
      if (sscanf (local_error->message, "<data>:%u:%u: %n", &l, &column, &consumed) == 2 && consumed > 0)
        return (fail_at (error, name, lineno, column, "%s", local_error->message + consumed), NULL);
      return (fail_at (error, name, lineno, 1, "%s", local_error->message), NULL);
    }
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return (fail_at (error, name, lineno, 1, "expected a JSON object (one document per line)"), NULL);
  object = json_node_get_object (json_parser_get_root (parser));

  text = json_object_get_member (object, "text");
  if (text == NULL || !JSON_NODE_HOLDS_VALUE (text) || json_node_get_value_type (text) != G_TYPE_STRING)
    return (fail_at (error, name, lineno, key_column (line, "text"), "the document has no “text” string"), NULL);
  doc->text = g_strdup (json_node_get_string (text));
  doc->where = g_strdup_printf ("%s:%u", name, lineno);

  id = json_object_get_member (object, "id");
  if (id != NULL && !JSON_NODE_HOLDS_NULL (id))
    {
      gint64 number;

      if (node_get_int (id, &number))
        doc->id = g_strdup_printf ("%" G_GINT64_FORMAT, number);
      else if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
        doc->id = g_strdup (json_node_get_string (id));
      else
        return (fail_at (error, name, lineno, key_column (line, "id"), "“id” is neither a string nor an integer"), NULL);
    }

  doc->char_bytes = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (p = doc->text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize offset = p - doc->text;
      g_array_append_val (doc->char_bytes, offset);
    }
  {
    gsize offset = p - doc->text;
    g_array_append_val (doc->char_bytes, offset);
  }
  doc->n_chars = doc->char_bytes->len - 1;

  for (guint k = 0; k < G_N_ELEMENTS (span_keys) && spans == NULL; k++)
    if (json_object_has_member (object, span_keys[k]))
      {
        spans_key = span_keys[k];
        spans = json_object_get_member (object, spans_key);
      }

  doc->spans = g_array_new (FALSE, FALSE, sizeof (BzEvalRange));
  if (spans != NULL && !JSON_NODE_HOLDS_NULL (spans))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (spans))
        return (fail_at (error, name, lineno, key_column (line, spans_key), "“%s” is not an array of spans", spans_key), NULL);
      array = json_node_get_array (spans);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          BzEvalRange span;
          const char *problem = NULL;

          if (!parse_span (json_array_get_element (array, i), &span, &problem))
            return (fail_at (error, name, lineno, key_column (line, spans_key),
                             "span %u of “%s” %s", i + 1, spans_key, problem), NULL);
          if (span.start < 0 || span.end <= span.start || span.end > doc->n_chars)
            return (fail_at (error, name, lineno, key_column (line, spans_key),
                             "span %u [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") is empty or outside the text (%" G_GINT64_FORMAT " characters)",
                             i + 1, span.start, span.end, doc->n_chars), NULL);
          g_array_append_val (doc->spans, span);
        }
    }

  /* Sort and count exact duplicates once. */
  g_array_sort (doc->spans, _bz_eval_range_compare);
  for (guint i = 1; i < doc->spans->len; )
    if (_bz_eval_range_compare (&g_array_index (doc->spans, BzEvalRange, i - 1), &g_array_index (doc->spans, BzEvalRange, i)) == 0)
      {
        g_array_remove_index (doc->spans, i);
        (*n_duplicates)++;
      }
    else
      i++;

  return g_steal_pointer (&doc);
}

gboolean
bz_eval_set_add_data (BzEvalSet   *self,
                      const char  *data,
                      gssize       length,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) eval_doc_free);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  const char *end;
  const char *line;
  guint lineno = 0;
  guint n_duplicates = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length < 0)
    length = strlen (data);
  end = data + length;

  if (!g_utf8_validate (data, length, &line))
    {
      /* Find the line and column of the first invalid byte. */
      const char *start = data;
      guint l = 1;

      for (const char *q = data; q < line; q++)
        if (*q == '\n')
          {
            l++;
            start = q + 1;
          }
      return fail_at (error, name, l, (guint) g_utf8_strlen (start, line - start) + 1, "the file is not valid UTF-8");
    }

  for (line = data; line < end; )
    {
      const char *eol = memchr (line, '\n', end - line);
      g_autofree char *copy = NULL;
      gsize len;
      BzEvalDoc *doc;

      lineno++;
      if (eol == NULL)
        eol = end;
      len = eol - line;
      if (len > 0 && line[len - 1] == '\r')
        len--;
      copy = g_strndup (line, len);
      line = eol + 1;

      if (strspn (copy, " \t") == len)
        continue;

      doc = parse_line (copy, name, lineno, &n_duplicates, error);
      if (doc == NULL)
        return FALSE;
      g_ptr_array_add (docs, doc);
      if (doc->id != NULL)
        {
          BzEvalDoc *other = g_hash_table_lookup (ids, doc->id);

          if (other == NULL)
            other = g_hash_table_lookup (self->by_id, doc->id);
          if (other != NULL)
            return fail_at (error, name, lineno, key_column (copy, "id"),
                            "the id “%s” is used twice (also at %s)", doc->id, other->where);
          g_hash_table_insert (ids, doc->id, doc);
        }
    }

  for (guint i = 0; i < docs->len; i++)
    {
      BzEvalDoc *doc = g_ptr_array_index (docs, i);

      if (doc->id != NULL)
        g_hash_table_insert (self->by_id, doc->id, doc);
    }
  g_ptr_array_extend_and_steal (self->docs, g_steal_pointer (&docs));
  self->n_duplicates += n_duplicates;
  return TRUE;
}

gboolean
bz_eval_set_add_file (BzEvalSet   *self,
                      const char  *path,
                      GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  return bz_eval_set_add_data (self, contents, length, path, error);
}

