/* bz-format-spacy.c: spaCy's training offsets, a JSON array of [text, {"entities": [...]}]
 *
 * [
 * ["text",{"entities":[[start,end,"LABEL"],...]}],
 * ...
 * ]
 *
 * Offsets are code points, end exclusive: Python string indexes, which is what
 * Doc.char_span() takes. spaCy's entities cannot overlap, so the export flattens.
 * The format has no room for the offset unit or the document's id.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-format-private.h"

static gboolean
spacy_write (GString         *out,
             const BzRecord  *record,
             GError         **error)
{
  g_string_append_c (out, '[');
  _bz_json_string (out, record->text);
  g_string_append (out, ",{\"entities\":");
  _bz_json_offset_triples (out, record);
  g_string_append (out, "}]");
  return TRUE;
}

static BzRecord *
spacy_read_item (BzReadCtx *ctx,
                 JsonNode  *item,
                 guint      index)
{
  g_autoptr(BzRecord) record = NULL;
  BzTextIndex text_index;
  JsonArray *pair;
  JsonObject *annotations = NULL;
  JsonArray *entities = NULL;

  ctx->where = g_strdup_printf ("example %u", index + 1);
  pair = _bz_read_array (ctx, item, "an example");
  if (pair != NULL && json_array_get_length (pair) != 2)
    _bz_read_fail (ctx, "an example should be [text, {\"entities\": [...]}]");
  if (ctx->error != NULL)
    return NULL;
  record = _bz_read_new_record (ctx, _bz_read_string (ctx, json_array_get_element (pair, 0), "the text"));
  annotations = _bz_read_object (ctx, json_array_get_element (pair, 1), "the annotations");
  if (annotations != NULL && _bz_read_member (ctx, annotations, "entities", FALSE) != NULL)
    entities = _bz_read_array (ctx, _bz_read_member (ctx, annotations, "entities", FALSE), "“entities”");
  if (ctx->error != NULL || record == NULL)
    return NULL;
  record->line = ctx->line;
  if (entities != NULL)
    {
      _bz_text_index_init (&text_index, record->text);
      _bz_read_offset_triples (ctx, record, &text_index, entities, "“entities”");
      _bz_text_index_clear (&text_index);
    }
  return ctx->error == NULL ? g_steal_pointer (&record) : NULL;
}

const BzFormatClass _bz_format_spacy = {
  .format = BZ_FORMAT_SPACY,
  .name = "spacy",
  .extension = ".json",
  .flat = TRUE,
  .head = "[\n",
  .separator = ",\n",
  .tail = "\n]\n",
  .write = spacy_write,
  .items = "",
  .read_item = spacy_read_item,
};
