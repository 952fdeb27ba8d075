/* bz-format-label-studio.c: Label Studio's JSON tasks
 *
 * [
 * {"id":1,"data":{"text":"...","title":"...","document_id":1,"offset_unit":"codepoint"},
 *  "annotations":[{"result":[REGION,...,RELATION,...]}],
 *  "predictions":[{"model_version":"ORIGIN","result":[REGION,...]}],
 *  "meta":{"note":"..."}},
 * ...
 * ]
 * REGION: {"id":"s0","from_name":"label","to_name":"text","type":"labels",
 *          "value":{"start":S,"end":E,"text":"...","labels":["LABEL"]}}
 * RELATION: {"type":"relation","from_id":"s0","to_id":"s2","direction":"right","labels":["has_value"]}
 *
 * Accepted spans are the task's annotation, undecided suggestions its predictions
 * (one per origin), a span's note the region's "meta", the document's note the
 * task's "meta". Offsets are code points, end
 * exclusive, as "offset_unit" in each task's data says.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-format-private.h"

static void
write_results (GString        *out,
               const BzRecord *record,
               BzSpanStatus    status,
               const char     *origin)
{
  gboolean first = TRUE;

  g_string_append (out, "\"result\":[");
  for (guint i = 0; i < record->spans->len; i++)
    {
      const BzRecordSpan *span = &g_array_index (record->spans, BzRecordSpan, i);

      if (span->status != status || (origin != NULL && g_strcmp0 (span->origin != NULL ? span->origin : "", origin) != 0))
        continue;
      g_string_append_printf (out, "%s{\"id\":\"s%u\",\"from_name\":\"label\",\"to_name\":\"text\","
                              "\"type\":\"labels\",\"value\":{\"start\":%" G_GINT64_FORMAT
                              ",\"end\":%" G_GINT64_FORMAT ",\"text\":",
                              first ? "" : ",", i, span->start, span->end);
      _bz_json_string (out, span->surface);
      g_string_append (out, ",\"labels\":[");
      _bz_json_string (out, span->label);
      g_string_append (out, "]}");
      if (span->note != NULL)
        {
          g_string_append (out, ",\"meta\":{\"text\":[");
          _bz_json_string (out, span->note);
          g_string_append (out, "]}");
        }
      g_string_append_c (out, '}');
      first = FALSE;
    }
  /* Relations between the annotation's regions go with it. */
  for (guint i = 0; status == BZ_SPAN_ACCEPTED && i < record->relations->len; i++)
    {
      const BzRecordRelation *rel = &g_array_index (record->relations, BzRecordRelation, i);

      if (g_array_index (record->spans, BzRecordSpan, rel->from).status != BZ_SPAN_ACCEPTED ||
          g_array_index (record->spans, BzRecordSpan, rel->to).status != BZ_SPAN_ACCEPTED)
        continue;
      g_string_append_printf (out, "%s{\"type\":\"relation\",\"from_id\":\"s%u\",\"to_id\":\"s%u\","
                              "\"direction\":\"right\",\"labels\":[", first ? "" : ",", rel->from, rel->to);
      _bz_json_string (out, rel->type);
      g_string_append (out, "]}");
      first = FALSE;
    }
  g_string_append_c (out, ']');
}

static gboolean
label_studio_write (GString         *out,
                    const BzRecord  *record,
                    GError         **error)
{
  g_autoptr(GPtrArray) origins = g_ptr_array_new ();
  gboolean any_accepted = FALSE;

  for (guint i = 0; i < record->spans->len; i++)
    {
      const BzRecordSpan *span = &g_array_index (record->spans, BzRecordSpan, i);
      const char *origin = span->origin != NULL ? span->origin : "";

      if (span->status == BZ_SPAN_ACCEPTED)
        any_accepted = TRUE;
      else if (span->status == BZ_SPAN_SUGGESTED &&
               !g_ptr_array_find_with_equal_func (origins, origin, g_str_equal, NULL))
        g_ptr_array_add (origins, (gpointer) origin);
    }

  g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",\"data\":{\"text\":", record->id);
  _bz_json_string (out, record->text);
  if (record->title != NULL)
    {
      _bz_json_key (out, "title", FALSE);
      _bz_json_string (out, record->title);
    }
  g_string_append_printf (out, ",\"document_id\":%" G_GINT64_FORMAT, record->id);
  if (record->chunked)
    g_string_append_printf (out, ",\"chunk_offset\":%" G_GINT64_FORMAT, record->chunk_offset);
  g_string_append (out, ",\"offset_unit\":\"" BZ_FORMAT_OFFSET_UNIT "\"},\"annotations\":[");
  if (any_accepted)
    {
      g_string_append_c (out, '{');
      write_results (out, record, BZ_SPAN_ACCEPTED, NULL);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\"predictions\":[");
  for (guint i = 0; i < origins->len; i++)
    {
      g_string_append (out, i > 0 ? ",{\"model_version\":" : "{\"model_version\":");
      _bz_json_string (out, origins->pdata[i]);
      g_string_append_c (out, ',');
      write_results (out, record, BZ_SPAN_SUGGESTED, origins->pdata[i]);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
  if (record->note != NULL)
    {
      g_string_append (out, ",\"meta\":{\"note\":");
      _bz_json_string (out, record->note);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, '}');
  return TRUE;
}

/* Reads one annotation's or prediction's result list. */
static void
read_results (BzReadCtx         *ctx,
              BzRecord          *record,
              const BzTextIndex *index,
              JsonArray         *results,
              BzSpanStatus       status,
              const char        *origin)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; ctx->error == NULL && i < json_array_get_length (results); i++)
      {
        JsonObject *region = _bz_read_object (ctx, json_array_get_element (results, i), "a result");
        const char *type = _bz_read_member_string (ctx, region, "type", TRUE);
        JsonObject *value;
        JsonArray *labels;
        const char *id;
        gint64 start, end;
        const char *text;

        if (ctx->error != NULL)
          return;
        if (g_str_equal (type, "relation"))
          {
            const char *from_id, *to_id;
            JsonArray *rel_labels = NULL;
            gpointer from, to;

            if (pass == 0)
              continue;
            from_id = _bz_read_member_string (ctx, region, "from_id", TRUE);
            to_id = _bz_read_member_string (ctx, region, "to_id", TRUE);
            if (_bz_read_member (ctx, region, "labels", FALSE) != NULL)
              rel_labels = _bz_read_array (ctx, _bz_read_member (ctx, region, "labels", FALSE), "“labels”");
            if (ctx->error != NULL)
              return;
            if (!g_hash_table_lookup_extended (ids, from_id, NULL, &from) ||
                !g_hash_table_lookup_extended (ids, to_id, NULL, &to))
              {
                _bz_read_fail (ctx, "a relation names a region that is not in its result (“%s” → “%s”)",
                               from_id, to_id);
                return;
              }
            for (guint k = 0; ctx->error == NULL && rel_labels != NULL && k < json_array_get_length (rel_labels); k++)
              {
                const char *rel_type = _bz_read_string (ctx, json_array_get_element (rel_labels, k), "a relation label");

                if (rel_type != NULL)
                  bz_record_add_relation (record, GPOINTER_TO_UINT (from), GPOINTER_TO_UINT (to), rel_type);
              }
            continue;
          }
        if (pass == 1 || !g_str_equal (type, "labels"))
          continue;
        id = _bz_read_member_string (ctx, region, "id", FALSE);
        value = _bz_read_object (ctx, _bz_read_member (ctx, region, "value", TRUE), "“value”");
        start = _bz_read_member_int (ctx, value, "start", TRUE);
        end = _bz_read_member_int (ctx, value, "end", TRUE);
        text = _bz_read_member_string (ctx, value, "text", FALSE);
        labels = _bz_read_array (ctx, _bz_read_member (ctx, value, "labels", TRUE), "“labels”");
        for (guint k = 0; ctx->error == NULL && k < json_array_get_length (labels); k++)
          {
            const char *label = _bz_read_string (ctx, json_array_get_element (labels, k), "a label");
            BzRecordSpan *span = _bz_read_add_span (ctx, record, index, start, end, label, text);
            JsonObject *meta;
            JsonArray *notes;

            if (span == NULL)
              return;
            span->status = status;
            span->origin = g_strdup (origin);
            if (id != NULL)
              g_hash_table_insert (ids, (gpointer) id, GUINT_TO_POINTER (record->spans->len - 1));
            if (_bz_read_member (ctx, region, "meta", FALSE) == NULL)
              continue;
            meta = _bz_read_object (ctx, _bz_read_member (ctx, region, "meta", FALSE), "“meta”");
            if (_bz_read_member (ctx, meta, "text", FALSE) == NULL)
              continue;
            notes = _bz_read_array (ctx, _bz_read_member (ctx, meta, "text", FALSE), "“meta.text”");
            if (notes != NULL && json_array_get_length (notes) > 0)
              span->note = g_strdup (_bz_read_string (ctx, json_array_get_element (notes, 0), "a note"));
          }
      }
}

static BzRecord *
label_studio_read_item (BzReadCtx *ctx,
                        JsonNode  *item,
                        guint      index)
{
  g_autoptr(BzRecord) record = NULL;
  BzTextIndex text_index;
  JsonObject *task, *data;
  JsonArray *lists[2] = { NULL, NULL };
  static const char *names[2] = { "annotations", "predictions" };
  const char *unit;

  ctx->where = g_strdup_printf ("task %u", index + 1);
  task = _bz_read_object (ctx, item, "a task");
  data = _bz_read_object (ctx, _bz_read_member (ctx, task, "data", TRUE), "“data”");
  record = _bz_read_new_record (ctx, _bz_read_member_string (ctx, data, "text", TRUE));
  if (record == NULL)
    return NULL;
  record->line = ctx->line;
  record->id = _bz_read_member_int (ctx, data, "document_id", FALSE);
  record->title = g_strdup (_bz_read_member_string (ctx, data, "title", FALSE));
  if (_bz_read_member (ctx, task, "meta", FALSE) != NULL)
    {
      JsonObject *meta = _bz_read_object (ctx, _bz_read_member (ctx, task, "meta", FALSE), "“meta”");

      record->note = g_strdup (_bz_read_member_string (ctx, meta, "note", FALSE));
    }
  _bz_read_chunk (ctx, data, record);
  unit = _bz_read_member_string (ctx, data, "offset_unit", FALSE);
  if (unit != NULL && !g_str_equal (unit, BZ_FORMAT_OFFSET_UNIT))
    _bz_read_fail (ctx, "offsets in “%s” are not supported (only %s)", unit, BZ_FORMAT_OFFSET_UNIT);
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *what = g_strdup_printf ("“%s”", names[k]);

      if (_bz_read_member (ctx, task, names[k], FALSE) != NULL)
        lists[k] = _bz_read_array (ctx, _bz_read_member (ctx, task, names[k], FALSE), what);
    }
  if (ctx->error != NULL)
    return NULL;

  _bz_text_index_init (&text_index, record->text);
  for (guint k = 0; k < 2; k++)
    for (guint i = 0; ctx->error == NULL && lists[k] != NULL && i < json_array_get_length (lists[k]); i++)
      {
        JsonObject *entry = _bz_read_object (ctx, json_array_get_element (lists[k], i), names[k]);
        JsonNode *cancelled = _bz_read_member (ctx, entry, "was_cancelled", FALSE);
        const char *origin = k == 1 ? _bz_read_member_string (ctx, entry, "model_version", FALSE) : NULL;
        JsonArray *results;

        if (cancelled != NULL && JSON_NODE_HOLDS_VALUE (cancelled) &&
            json_node_get_value_type (cancelled) == G_TYPE_BOOLEAN && json_node_get_boolean (cancelled))
          continue;
        results = _bz_read_array (ctx, _bz_read_member (ctx, entry, "result", TRUE), "“result”");
        if (results != NULL)
          read_results (ctx, record, &text_index, results,
                        k == 0 ? BZ_SPAN_ACCEPTED : BZ_SPAN_SUGGESTED,
                        origin != NULL && *origin != '\0' ? origin : NULL);
      }
  _bz_text_index_clear (&text_index);
  return ctx->error == NULL ? g_steal_pointer (&record) : NULL;
}

const BzFormatClass _bz_format_label_studio = {
  .format = BZ_FORMAT_LABEL_STUDIO,
  .name = "label-studio",
  .extension = ".json",
  .has_status = TRUE,
  .details = TRUE,
  .head = "[\n",
  .separator = ",\n",
  .tail = "\n]\n",
  .write = label_studio_write,
  .items = "",
  .read_item = label_studio_read_item,
};
