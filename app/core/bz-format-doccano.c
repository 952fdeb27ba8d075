/* bz-format-doccano.c: doccano JSON Lines, one document per line
 *
 * {"id":1,"text":"...","label":[[start,end,"LABEL"],...],"title":"...","Comments":["..."],
 *  "offset_unit":"codepoint"}
 *
 * The document's note is doccano's comment on the example ("Comments", a list);
 * read back, several comments (strings, or objects with a "text") make one note,
 * a blank line between them.
 * Offsets are code points, end exclusive (doccano counts Python string indexes).
 * The reader also takes the "entities" list of doccano's relation projects.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-format-private.h"

void
_bz_json_offset_triples (GString        *out,
                         const BzRecord *record)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < record->spans->len; i++)
    {
      const BzRecordSpan *span = &g_array_index (record->spans, BzRecordSpan, i);

      g_string_append (out, i > 0 ? ",[" : "[");
      _bz_json_int (out, span->start);
      g_string_append_c (out, ',');
      _bz_json_int (out, span->end);
      g_string_append_c (out, ',');
      _bz_json_string (out, span->label);
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, ']');
}

void
_bz_read_offset_triples (BzReadCtx         *ctx,
                         BzRecord          *record,
                         const BzTextIndex *index,
                         JsonArray         *triples,
                         const char        *what)
{
  for (guint i = 0; ctx->error == NULL && i < json_array_get_length (triples); i++)
    {
      g_autofree char *item = g_strdup_printf ("item %u of %s", i + 1, what);
      JsonArray *triple = _bz_read_array (ctx, json_array_get_element (triples, i), item);
      gint64 start, end;
      const char *label;

      if (triple == NULL)
        return;
      if (json_array_get_length (triple) != 3)
        {
          _bz_read_fail (ctx, "%s should be [start, end, \"LABEL\"]", item);
          return;
        }
      start = _bz_read_int (ctx, json_array_get_element (triple, 0), "a start offset");
      end = _bz_read_int (ctx, json_array_get_element (triple, 1), "an end offset");
      label = _bz_read_string (ctx, json_array_get_element (triple, 2), "a label");
      _bz_read_add_span (ctx, record, index, start, end, label, NULL);
    }
}

static gboolean
doccano_write (GString         *out,
               const BzRecord  *record,
               GError         **error)
{
  g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",\"text\":", record->id);
  _bz_json_string (out, record->text);
  g_string_append (out, ",\"label\":");
  _bz_json_offset_triples (out, record);
  if (record->title != NULL)
    {
      _bz_json_key (out, "title", FALSE);
      _bz_json_string (out, record->title);
    }
  if (record->note != NULL)
    {
      _bz_json_key (out, "Comments", FALSE);
      g_string_append_c (out, '[');
      _bz_json_string (out, record->note);
      g_string_append_c (out, ']');
    }
  if (record->chunked)
    g_string_append_printf (out, ",\"chunk_offset\":%" G_GINT64_FORMAT, record->chunk_offset);
  g_string_append (out, ",\"offset_unit\":\"" BZ_FORMAT_OFFSET_UNIT "\"}");
  return TRUE;
}

/* doccano's "Comments": strings, or objects with a "text" (its API's form). */
static char *
read_comments (BzReadCtx  *ctx,
               JsonObject *object)
{
  JsonNode *node = _bz_read_member (ctx, object, "Comments", FALSE);
  g_autoptr(GString) note = NULL;
  JsonArray *comments;

  if (node == NULL || (comments = _bz_read_array (ctx, node, "“Comments”")) == NULL)
    return NULL;
  note = g_string_new (NULL);
  for (guint i = 0; ctx->error == NULL && i < json_array_get_length (comments); i++)
    {
      JsonNode *comment = json_array_get_element (comments, i);
      const char *text;

      if (JSON_NODE_HOLDS_OBJECT (comment))
        text = _bz_read_member_string (ctx, json_node_get_object (comment), "text", TRUE);
      else
        text = _bz_read_string (ctx, comment, "a comment");
      if (text != NULL && *text != '\0')
        g_string_append_printf (note, "%s%s", note->len > 0 ? "\n\n" : "", text);
    }
  return note->len > 0 && ctx->error == NULL ? g_string_free (g_steal_pointer (&note), FALSE) : NULL;
}

static BzRecord *
doccano_read_item (BzReadCtx *ctx,
                   JsonNode  *item,
                   guint      index)
{
  g_autoptr(BzRecord) record = NULL;
  BzTextIndex text_index;
  JsonObject *object;
  JsonNode *labels_node;
  JsonArray *labels = NULL;
  JsonArray *entities = NULL;
  const char *unit;

  object = _bz_read_object (ctx, item, "a line");
  record = _bz_read_new_record (ctx, _bz_read_member_string (ctx, object, "text", TRUE));
  if (record == NULL)
    return NULL;
  record->id = _bz_read_member_int (ctx, object, "id", FALSE);
  record->title = g_strdup (_bz_read_member_string (ctx, object, "title", FALSE));
  record->note = read_comments (ctx, object);
  _bz_read_chunk (ctx, object, record);
  unit = _bz_read_member_string (ctx, object, "offset_unit", FALSE);
  if (unit != NULL && !g_str_equal (unit, BZ_FORMAT_OFFSET_UNIT))
    _bz_read_fail (ctx, "offsets in “%s” are not supported (only %s)", unit, BZ_FORMAT_OFFSET_UNIT);
  /* "label" is doccano's name; some exports call the list "labels". */
  labels_node = _bz_read_member (ctx, object, "label", FALSE);
  if (labels_node == NULL)
    labels_node = _bz_read_member (ctx, object, "labels", FALSE);
  if (labels_node != NULL)
    labels = _bz_read_array (ctx, labels_node, "“label”");
  /* doccano's relation projects export {"entities":[{"start_offset","end_offset","label"}]}. */
  if (_bz_read_member (ctx, object, "entities", FALSE) != NULL)
    entities = _bz_read_array (ctx, _bz_read_member (ctx, object, "entities", FALSE), "“entities”");
  if (ctx->error != NULL)
    return NULL;
  _bz_text_index_init (&text_index, record->text);
  if (labels != NULL)
    _bz_read_offset_triples (ctx, record, &text_index, labels, "“label”");
  for (guint i = 0; ctx->error == NULL && entities != NULL && i < json_array_get_length (entities); i++)
    {
      JsonObject *entity = _bz_read_object (ctx, json_array_get_element (entities, i), "an entity");
      gint64 start = _bz_read_member_int (ctx, entity, "start_offset", TRUE);
      gint64 end = _bz_read_member_int (ctx, entity, "end_offset", TRUE);
      const char *label = _bz_read_member_string (ctx, entity, "label", TRUE);

      _bz_read_add_span (ctx, record, &text_index, start, end, label, NULL);
    }
  _bz_text_index_clear (&text_index);
  return ctx->error == NULL ? g_steal_pointer (&record) : NULL;
}

const BzFormatClass _bz_format_doccano = {
  .format = BZ_FORMAT_DOCCANO,
  .name = "doccano",
  .extension = ".jsonl",
  .has_status = FALSE,
  .head = "",
  .separator = "\n",
  .tail = "\n",
  .write = doccano_write,
  .items = NULL,
  .read_item = doccano_read_item,
};
