/* bz-format-native.c: Biaozhu's own JSON, lossless and versioned
 *
 * {"format":"biaozhu","version":1,"offset_unit":"codepoint","end":"exclusive","documents":[
 * {"id":1,"title":...,"source_path":...,"sha256":...,"encoding":...,"script":...,
 *  "status":...,"note":...,"text":...,"spans":[{"id":..,"start":..,"end":..,"label":..,"surface":..,
 *  "status":..,"origin":..,"reviewer":..,"attributes":{..},"note":..,"confidence":..,"source":..}],
 *  "relations":[{"from":SPAN INDEX,"to":SPAN INDEX,"type":..}]},
 * ...
 * ]}
 *
 * One document per line, so that a writer streams and a reader can say where a
 * document starts. Members that have no value are left out; "chunk_offset"
 * (where the piece starts in its document) appears on pieces of a chunked export.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-format-private.h"

static void
key_string (GString    *out,
            const char *key,
            const char *value)
{
  if (value == NULL)
    return;
  _bz_json_key (out, key, FALSE);
  _bz_json_string (out, value);
}

static gboolean
native_write (GString         *out,
              const BzRecord  *record,
              GError         **error)
{
  g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT, record->id);
  key_string (out, "title", record->title);
  key_string (out, "source_path", record->source_path);
  key_string (out, "sha256", record->sha256);
  key_string (out, "encoding", record->encoding);
  key_string (out, "script", bz_script_to_string (record->script));
  key_string (out, "status", bz_document_status_to_string (record->status));
  key_string (out, "note", record->note);
  if (record->chunked)
    g_string_append_printf (out, ",\"chunk_offset\":%" G_GINT64_FORMAT, record->chunk_offset);
  key_string (out, "text", record->text);
  g_string_append (out, ",\"spans\":[");
  for (guint i = 0; i < record->spans->len; i++)
    {
      const BzRecordSpan *span = &g_array_index (record->spans, BzRecordSpan, i);

      g_string_append_printf (out, "%s{\"id\":%" G_GINT64_FORMAT ",\"start\":%" G_GINT64_FORMAT
                              ",\"end\":%" G_GINT64_FORMAT, i > 0 ? "," : "",
                              span->id, span->start, span->end);
      key_string (out, "label", span->label);
      key_string (out, "surface", span->surface);
      key_string (out, "status", bz_span_status_to_string (span->status));
      key_string (out, "origin", span->origin);
      key_string (out, "reviewer", span->reviewer);
      if (span->attributes != NULL)
        {
          g_autoptr(GError) local_error = NULL;

          _bz_json_key (out, "attributes", FALSE);
          if (!_bz_json_raw (out, span->attributes, &local_error))
            {
              g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                           "document %" G_GINT64_FORMAT ": span %" G_GINT64_FORMAT
                           " has attributes that are not JSON: %s",
                           record->id, span->id, local_error->message);
              return FALSE;
            }
        }
      key_string (out, "note", span->note);
      if (span->has_confidence)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          _bz_json_key (out, "confidence", FALSE);
          g_string_append (out, g_ascii_formatd (number, sizeof number, "%.6g", span->confidence));
        }
      key_string (out, "source", span->source);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\"relations\":[");
  for (guint i = 0; i < record->relations->len; i++)
    {
      const BzRecordRelation *rel = &g_array_index (record->relations, BzRecordRelation, i);

      g_string_append_printf (out, "%s{\"from\":%u,\"to\":%u", i > 0 ? "," : "", rel->from, rel->to);
      key_string (out, "type", rel->type);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
  return TRUE;
}

static char *
dup_member (BzReadCtx  *ctx,
            JsonObject *object,
            const char *member)
{
  return g_strdup (_bz_read_member_string (ctx, object, member, FALSE));
}

static BzRecord *
native_read_item (BzReadCtx *ctx,
                  JsonNode  *item,
                  guint      index)
{
  g_autoptr(BzRecord) record = NULL;
  JsonObject *doc;
  JsonArray *spans;
  JsonArray *relations;
  BzTextIndex text_index;
  const char *str;

  ctx->where = g_strdup_printf ("document %u", index + 1);
  doc = _bz_read_object (ctx, item, "a document");
  record = _bz_read_new_record (ctx, _bz_read_member_string (ctx, doc, "text", TRUE));
  if (record == NULL)
    return NULL;
  record->id = _bz_read_member_int (ctx, doc, "id", FALSE);
  record->title = dup_member (ctx, doc, "title");
  record->source_path = dup_member (ctx, doc, "source_path");
  record->sha256 = dup_member (ctx, doc, "sha256");
  record->encoding = dup_member (ctx, doc, "encoding");
  record->script = bz_script_from_string (_bz_read_member_string (ctx, doc, "script", FALSE));
  record->status = bz_document_status_from_string (_bz_read_member_string (ctx, doc, "status", FALSE));
  record->note = dup_member (ctx, doc, "note");
  _bz_read_chunk (ctx, doc, record);
  spans = _bz_read_array (ctx, _bz_read_member (ctx, doc, "spans", TRUE), "“spans”");
  relations = _bz_read_array (ctx, _bz_read_member (ctx, doc, "relations", TRUE), "“relations”");
  if (ctx->error != NULL)
    return NULL;

  _bz_text_index_init (&text_index, record->text);
  for (guint i = 0; ctx->error == NULL && i < json_array_get_length (spans); i++)
    {
      JsonObject *obj;
      BzRecordSpan *span;
      JsonNode *attributes;
      JsonNode *confidence;
      gint64 start, end;
      const char *label, *surface;

      g_free (ctx->where);
      ctx->where = g_strdup_printf ("document %u, span %u", index + 1, i + 1);
      obj = _bz_read_object (ctx, json_array_get_element (spans, i), "a span");
      start = _bz_read_member_int (ctx, obj, "start", TRUE);
      end = _bz_read_member_int (ctx, obj, "end", TRUE);
      label = _bz_read_member_string (ctx, obj, "label", TRUE);
      surface = _bz_read_member_string (ctx, obj, "surface", FALSE);
      span = _bz_read_add_span (ctx, record, &text_index, start, end, label, surface);
      if (span == NULL)
        break;
      span->id = _bz_read_member_int (ctx, obj, "id", FALSE);
      str = _bz_read_member_string (ctx, obj, "status", TRUE);
      if (str != NULL && !bz_span_status_from_string (str, &span->status))
        _bz_read_fail (ctx, "unknown status “%s” (suggested, accepted or rejected)", str);
      span->origin = dup_member (ctx, obj, "origin");
      span->reviewer = dup_member (ctx, obj, "reviewer");
      span->note = dup_member (ctx, obj, "note");
      span->source = dup_member (ctx, obj, "source");
      confidence = _bz_read_member (ctx, obj, "confidence", FALSE);
      if (confidence != NULL && !JSON_NODE_HOLDS_NULL (confidence))
        {
          GType type = JSON_NODE_HOLDS_VALUE (confidence) ? json_node_get_value_type (confidence) : G_TYPE_INVALID;
          double value = type == G_TYPE_DOUBLE ? json_node_get_double (confidence)
                         : type == G_TYPE_INT64 ? (double) json_node_get_int (confidence) : -1.0;

          if (!(value >= 0.0 && value <= 1.0))
            _bz_read_fail (ctx, "“confidence” must be a number from 0 to 1");
          span->has_confidence = TRUE;
          span->confidence = value;
        }
      attributes = _bz_read_member (ctx, obj, "attributes", FALSE);
      if (attributes != NULL && _bz_read_object (ctx, attributes, "“attributes”") != NULL)
        span->attributes = json_to_string (attributes, FALSE);
    }
  _bz_text_index_clear (&text_index);

  for (guint i = 0; ctx->error == NULL && i < json_array_get_length (relations); i++)
    {
      JsonObject *obj;
      gint64 from, to;
      const char *type;

      g_free (ctx->where);
      ctx->where = g_strdup_printf ("document %u, relation %u", index + 1, i + 1);
      obj = _bz_read_object (ctx, json_array_get_element (relations, i), "a relation");
      from = _bz_read_member_int (ctx, obj, "from", TRUE);
      to = _bz_read_member_int (ctx, obj, "to", TRUE);
      type = _bz_read_member_string (ctx, obj, "type", TRUE);
      if (ctx->error == NULL && (from < 0 || to < 0 || from >= record->spans->len || to >= record->spans->len))
        _bz_read_fail (ctx, "“from” and “to” must be indexes of the document's %u spans", record->spans->len);
      if (ctx->error == NULL)
        bz_record_add_relation (record, (guint) from, (guint) to, type);
    }
  return ctx->error == NULL ? g_steal_pointer (&record) : NULL;
}

static gboolean
native_check_root (JsonNode    *root,
                   const char  *name,
                   GError     **error)
{
  BzReadCtx ctx = { name, 1, 1, NULL, NULL };
  JsonObject *object;
  const char *format;
  gint64 version;

  object = _bz_read_object (&ctx, root, "the file's top level");
  format = _bz_read_member_string (&ctx, object, "format", TRUE);
  version = _bz_read_member_int (&ctx, object, "version", TRUE);
  if (ctx.error == NULL && !g_str_equal (format, "biaozhu"))
    _bz_read_fail (&ctx, "“format” is “%s”, not “biaozhu”", format);
  if (ctx.error == NULL && (version < 1 || version > BZ_FORMAT_NATIVE_VERSION))
    _bz_read_fail (&ctx, "version %" G_GINT64_FORMAT " of the native format is not known to this "
                   "Biaozhu (it reads versions 1 to %d)", version, BZ_FORMAT_NATIVE_VERSION);
  if (ctx.error == NULL && g_strcmp0 (_bz_read_member_string (&ctx, object, "offset_unit", FALSE),
                                      BZ_FORMAT_OFFSET_UNIT) != 0)
    _bz_read_fail (&ctx, "“offset_unit” must be “%s”", BZ_FORMAT_OFFSET_UNIT);
  if (ctx.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&ctx.error));
      return FALSE;
    }
  return TRUE;
}

const BzFormatClass _bz_format_native = {
  .format = BZ_FORMAT_NATIVE,
  .name = "native",
  .extension = ".json",
  .flat = FALSE,
  .folder = FALSE,
  .has_status = TRUE,
  .details = TRUE,
  .head = "{\"format\":\"biaozhu\",\"version\":" G_STRINGIFY (BZ_FORMAT_NATIVE_VERSION) ",\"offset_unit\":\"" BZ_FORMAT_OFFSET_UNIT "\","
          "\"end\":\"exclusive\",\"documents\":[\n",
  .separator = ",\n",
  .tail = "\n]}\n",
  .write = native_write,
  .items = "documents",
  .read_item = native_read_item,
  .check_root = native_check_root,
};
