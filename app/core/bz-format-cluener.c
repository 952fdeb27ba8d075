/* bz-format-cluener.c: CLUENER 2020's JSON Lines
 *
 * {"text":"...","label":{"PLACE":{"王府井":[[4,6]]}},"id":1,"offset_unit":"codepoint","end":"inclusive"}
 *
 * As in the CLUENER data, the end offset is INCLUSIVE: [start, end] holds the last
 * character of the entity. Offsets are code points. Labels are written in
 * alphabetical order, the surfaces of a label in the order they first occur, their
 * positions in text order. CLUENER is flat: the export flattens overlapping spans.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bz-format-private.h"

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
cluener_write (GString         *out,
               const BzRecord  *record,
               GError         **error)
{
  guint n = record->spans->len;
  g_autofree gboolean *done = g_new0 (gboolean, n + 1);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      const char *label = g_array_index (record->spans, BzRecordSpan, i).label;

      if (!g_ptr_array_find_with_equal_func (labels, label, g_str_equal, NULL))
        g_ptr_array_add (labels, (gpointer) label);
    }
  g_ptr_array_sort (labels, compare_labels);

  g_string_append (out, "{\"text\":");
  _bz_json_string (out, record->text);
  g_string_append (out, ",\"label\":{");
  for (guint l = 0; l < labels->len; l++)
    {
      _bz_json_key (out, labels->pdata[l], l == 0);
      g_string_append_c (out, '{');
      for (guint i = 0, n_surfaces = 0; i < n; i++)
        {
          const BzRecordSpan *span = &g_array_index (record->spans, BzRecordSpan, i);

          if (done[i] || !g_str_equal (span->label, labels->pdata[l]))
            continue;
          _bz_json_key (out, span->surface, n_surfaces++ == 0);
          g_string_append_c (out, '[');
          for (guint j = i, n_positions = 0; j < n; j++)
            {
              const BzRecordSpan *other = &g_array_index (record->spans, BzRecordSpan, j);

              if (done[j] || !g_str_equal (other->label, span->label) ||
                  !g_str_equal (other->surface, span->surface))
                continue;
              done[j] = TRUE;
              g_string_append_printf (out, "%s[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]",
                                      n_positions++ > 0 ? "," : "", other->start, other->end - 1);
            }
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, "},\"id\":%" G_GINT64_FORMAT, record->id);
  if (record->chunked)
    g_string_append_printf (out, ",\"chunk_offset\":%" G_GINT64_FORMAT, record->chunk_offset);
  g_string_append (out, ",\"offset_unit\":\"" BZ_FORMAT_OFFSET_UNIT "\",\"end\":\"inclusive\"}");
  return TRUE;
}

static void
read_label (BzReadCtx         *ctx,
            BzRecord          *record,
            const BzTextIndex *index,
            const char        *label,
            JsonObject        *surfaces)
{
  g_autoptr(GList) members = json_object_get_members (surfaces);

  for (GList *l = members; ctx->error == NULL && l != NULL; l = l->next)
    {
      const char *surface = l->data;
      g_autofree char *what = g_strdup_printf ("the positions of %s “%s”", label, surface);
      JsonArray *positions = _bz_read_array (ctx, json_object_get_member (surfaces, surface), what);

      for (guint i = 0; ctx->error == NULL && i < json_array_get_length (positions); i++)
        {
          JsonArray *pair = _bz_read_array (ctx, json_array_get_element (positions, i), what);
          gint64 start, last;

          if (pair != NULL && json_array_get_length (pair) != 2)
            _bz_read_fail (ctx, "%s should be pairs [start, end] (end inclusive)", what);
          if (ctx->error != NULL)
            return;
          start = _bz_read_int (ctx, json_array_get_element (pair, 0), "a start offset");
          last = _bz_read_int (ctx, json_array_get_element (pair, 1), "an end offset");
          _bz_read_add_span_full (ctx, record, index, start, last, TRUE, label, surface);
        }
    }
}

static BzRecord *
cluener_read_item (BzReadCtx *ctx,
                   JsonNode  *item,
                   guint      index)
{
  g_autoptr(BzRecord) record = NULL;
  g_autoptr(GList) members = NULL;
  BzTextIndex text_index;
  JsonObject *object;
  JsonObject *labels = NULL;
  JsonNode *labels_node;

  object = _bz_read_object (ctx, item, "a line");
  record = _bz_read_new_record (ctx, _bz_read_member_string (ctx, object, "text", TRUE));
  if (record == NULL)
    return NULL;
  record->id = _bz_read_member_int (ctx, object, "id", FALSE);
  _bz_read_chunk (ctx, object, record);
  labels_node = _bz_read_member (ctx, object, "label", FALSE);
  if (labels_node != NULL)
    labels = _bz_read_object (ctx, labels_node, "“label”");
  if (ctx->error != NULL || labels == NULL)
    return ctx->error == NULL ? g_steal_pointer (&record) : NULL;

  _bz_text_index_init (&text_index, record->text);
  members = json_object_get_members (labels);
  for (GList *l = members; ctx->error == NULL && l != NULL; l = l->next)
    {
      g_autofree char *what = g_strdup_printf ("the label “%s”", (const char *) l->data);
      JsonObject *surfaces = _bz_read_object (ctx, json_object_get_member (labels, l->data), what);

      if (surfaces != NULL)
        read_label (ctx, record, &text_index, l->data, surfaces);
    }
  _bz_text_index_clear (&text_index);
  return ctx->error == NULL ? g_steal_pointer (&record) : NULL;
}

const BzFormatClass _bz_format_cluener = {
  .format = BZ_FORMAT_CLUENER,
  .name = "cluener",
  .extension = ".jsonl",
  .flat = TRUE,
  .head = "",
  .separator = "\n",
  .tail = "\n",
  .write = cluener_write,
  .items = NULL,
  .read_item = cluener_read_item,
};
