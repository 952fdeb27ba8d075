/* test-formats.c: writers and readers of every format on in-memory records
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <biaozhu.h>

/* 𠮷 (U+20BB7) and 😀 (U+1F600) lie outside the BMP: one code point, four
 * UTF-8 bytes, two UTF-16 units each. */
static const char *astral_text = "𠮷野家在王府井开店😀，东城区第一人民医院异地迁建项目。\n"
                                 "GDP实现1112.6亿元，同比增长6.3%！";

static BzRecord *
make_astral_record (void)
{
  BzRecord *record = bz_record_new (7, "astral.txt", astral_text);
  BzRecordSpan *span;

  bz_record_add_span (record, 4, 7, "PLACE", BZ_SPAN_ACCEPTED, "human");          /* 王府井 */
  bz_record_add_span (record, 11, 14, "PLACE", BZ_SPAN_ACCEPTED, "human");        /* 东城区 */
  bz_record_add_span (record, 14, 20, "ORG", BZ_SPAN_ACCEPTED, "extractor@1");    /* 第一人民医院 */
  span = bz_record_add_span (record, 14, 26, "PROJECT", BZ_SPAN_ACCEPTED, "human"); /* ...项目 */
  span->note = g_strdup ("外层项目\t含机构");
  span->reviewer = g_strdup ("li");
  span->attributes = g_strdup ("{ \"confidence\" : 0.5 }");
  bz_record_add_span (record, 28, 31, "INDICATOR", BZ_SPAN_ACCEPTED, "human");    /* GDP */
  bz_record_add_span (record, 33, 41, "VALUE", BZ_SPAN_ACCEPTED, "human");        /* 1112.6亿元 */
  bz_record_add_span (record, 46, 50, "VALUE", BZ_SPAN_SUGGESTED, "extractor@1"); /* 6.3% */
  bz_record_add_relation (record, 4, 5, "has_value");
  return record;
}

static void
assert_span (const BzRecord *record,
             guint           i,
             gint64          start,
             gint64          end,
             const char     *label,
             const char     *surface)
{
  const BzRecordSpan *span;

  g_assert_cmpuint (i, <, record->spans->len);
  span = &g_array_index (record->spans, BzRecordSpan, i);
  g_assert_cmpint (span->start, ==, start);
  g_assert_cmpint (span->end, ==, end);
  g_assert_cmpstr (span->label, ==, label);
  g_assert_cmpstr (span->surface, ==, surface);
}

static void
test_astral_offsets (void)
{
  g_autoptr(BzRecord) record = make_astral_record ();
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *doccano = NULL;
  g_autofree char *cluener = NULL;

  assert_span (record, 0, 4, 7, "PLACE", "王府井");
  assert_span (record, 5, 33, 41, "VALUE", "1112.6亿元");
  assert_span (record, 6, 46, 50, "VALUE", "6.3%");
  g_assert_true (bz_record_check_surfaces (record, &error));
  g_assert_no_error (error);

  bz_record_sort_spans (record);
  g_ptr_array_add (records, record);
  doccano = bz_format_write_to_string (BZ_FORMAT_DOCCANO, records, &error);
  g_assert_no_error (error);
  /* Code points: 王府井 starts after 𠮷野家在, four characters (not 5 UTF-16 units, not 13 bytes). */
  g_assert_nonnull (strstr (doccano, "[4,7,\"PLACE\"]"));
  g_assert_nonnull (strstr (doccano, "\"offset_unit\":\"codepoint\""));

  bz_record_flatten (record, NULL);
  cluener = bz_format_write_to_string (BZ_FORMAT_CLUENER, records, &error);
  g_assert_no_error (error);
  /* CLUENER's end is inclusive. */
  g_assert_nonnull (strstr (cluener, "\"王府井\":[[4,6]]"));
  g_assert_nonnull (strstr (cluener, "\"VALUE\":{\"1112.6亿元\":[[33,40]],\"6.3%\":[[46,49]]}"));
}

static void
test_flatten_keeps_outer (void)
{
  g_autoptr(BzRecord) record = make_astral_record ();
  g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (bz_record_flatten (record, dropped), ==, 1);
  g_assert_cmpuint (dropped->len, ==, 1);
  /* The ORG nested in the PROJECT goes; the outer PROJECT stays and is named. */
  g_assert_nonnull (strstr (dropped->pdata[0], "document 7 (astral.txt)"));
  g_assert_nonnull (strstr (dropped->pdata[0], "ORG [14, 20)"));
  g_assert_nonnull (strstr (dropped->pdata[0], "第一人民医院"));
  g_assert_nonnull (strstr (dropped->pdata[0], "overlaps PROJECT [14, 26)"));
  g_assert_cmpuint (record->spans->len, ==, 6);
  assert_span (record, 2, 14, 26, "PROJECT", "第一人民医院异地迁建项目");
  /* The relation GDP → 1112.6亿元 follows its spans to their new places. */
  g_assert_cmpuint (record->relations->len, ==, 1);
  assert_span (record, g_array_index (record->relations, BzRecordRelation, 0).from, 28, 31, "INDICATOR", "GDP");
  assert_span (record, g_array_index (record->relations, BzRecordRelation, 0).to, 33, 41, "VALUE", "1112.6亿元");
}

static void
test_crossing_spans (void)
{
  g_autoptr(BzRecord) record = bz_record_new (1, NULL, "北京市东城区");
  g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func (g_free);

  bz_record_add_span (record, 3, 6, "PLACE", BZ_SPAN_ACCEPTED, NULL);
  bz_record_add_span (record, 2, 4, "ORG", BZ_SPAN_ACCEPTED, NULL);
  bz_record_add_span (record, 0, 3, "PLACE", BZ_SPAN_ACCEPTED, NULL);
  /* Sorted by start: 北京市 [0,3) kept, 市东 [2,4) crosses it, 东城区 [3,6) kept. */
  g_assert_cmpuint (bz_record_flatten (record, dropped), ==, 1);
  assert_span (record, 0, 0, 3, "PLACE", "北京市");
  assert_span (record, 1, 3, 6, "PLACE", "东城区");
  g_assert_nonnull (strstr (dropped->pdata[0], "ORG [2, 4)"));
}

static void
test_surface_mismatch (void)
{
  g_autoptr(BzRecord) record = make_astral_record ();
  g_autoptr(GError) error = NULL;
  BzRecordSpan *span = &g_array_index (record->spans, BzRecordSpan, 1);

  span->id = 42;
  g_free (span->surface);
  span->surface = g_strdup ("東城區");
  g_assert_false (bz_record_check_surfaces (record, &error));
  g_assert_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "document 7 (astral.txt): span 42 PLACE [11, 14)"));
  g_assert_nonnull (strstr (error->message, "“東城區”"));
  g_assert_nonnull (strstr (error->message, "“东城区”"));
}

static GPtrArray *
round_trip (BzFormat   format,
            GPtrArray *records,
            char     **out_first)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = bz_format_write_to_string (format, records, &error);
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) back = NULL;

  g_assert_no_error (error);
  back = bz_format_read_data (format, first, strlen (first), "first", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, records->len);
  for (guint i = 0; i < back->len; i++)
    {
      BzRecord *a = records->pdata[i];
      BzRecord *b = back->pdata[i];

      bz_record_sort_spans (b);
      g_assert_cmpstr (a->text, ==, b->text);
      g_assert_cmpuint (a->spans->len, ==, b->spans->len);
      for (guint k = 0; k < a->spans->len; k++)
        {
          const BzRecordSpan *sa = &g_array_index (a->spans, BzRecordSpan, k);

          assert_span (b, k, sa->start, sa->end, sa->label, sa->surface);
        }
    }
  second = bz_format_write_to_string (format, back, &error);
  g_assert_no_error (error);
  /* Formats that hold what they wrote give the same bytes again. */
  if (format != BZ_FORMAT_BIO && format != BZ_FORMAT_BIOES && format != BZ_FORMAT_SPACY)
    g_assert_cmpstr (first, ==, second);
  if (out_first != NULL)
    *out_first = g_steal_pointer (&first);
  return g_steal_pointer (&back);
}

static GPtrArray *
make_corpus (gboolean flat)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_record_free);
  g_autofree char *seed_path = g_build_filename (g_getenv ("BZ_SAMPLES"), "001_c8b0e577e10dc616.txt", NULL);
  g_autofree char *seed = NULL;
  BzRecord *record;
  const char *p;

  record = make_astral_record ();
  bz_record_sort_spans (record);
  g_ptr_array_add (records, record);

  /* Whitespace of every kind, a backslash, quotes and an empty line. */
  record = bz_record_new (8, "空白 \"引号\"", "天坛\u3000公园 \\ 在\t东城区；\n\n龙潭湖\u00a0公园");
  bz_record_add_span (record, 0, 5, "PLACE", BZ_SPAN_ACCEPTED, NULL);
  bz_record_add_span (record, 10, 13, "PLACE", BZ_SPAN_ACCEPTED, NULL);
  bz_record_add_span (record, 16, 19, "PLACE", BZ_SPAN_ACCEPTED, NULL);
  bz_record_add_span (record, 19, 20, "PLACE", BZ_SPAN_ACCEPTED, NULL);
  bz_record_sort_spans (record);
  g_ptr_array_add (records, record);

  /* The Traditional seed as it is: every 東城區 and 區 marked. */
  g_assert_true (g_file_get_contents (seed_path, &seed, NULL, NULL));
  record = bz_record_new (9, "001_c8b0e577e10dc616.txt", seed);
  p = seed;
  for (gint64 k = 0; *p != '\0'; k++, p = g_utf8_next_char (p))
    {
      if (g_str_has_prefix (p, "東城區"))
        bz_record_add_span (record, k, k + 3, "PLACE", BZ_SPAN_ACCEPTED, NULL);
      if (!flat && g_str_has_prefix (p, "區"))
        bz_record_add_span (record, k, k + 1, "PLACE", BZ_SPAN_SUGGESTED, NULL);
    }
  g_assert_cmpuint (record->spans->len, >=, 3);
  bz_record_sort_spans (record);
  g_ptr_array_add (records, record);

  record = bz_record_new (10, NULL, "");
  g_ptr_array_add (records, record);

  if (flat)
    for (guint i = 0; i < records->len; i++)
      bz_record_flatten (records->pdata[i], NULL);
  return records;
}

static void
test_round_trip (gconstpointer data)
{
  BzFormat format = GPOINTER_TO_UINT (data);
  g_autoptr(GPtrArray) records = make_corpus (bz_format_is_flat (format));
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *first = NULL;

  back = round_trip (format, records, &first);
  if (format == BZ_FORMAT_NATIVE)
    {
      BzRecord *a = back->pdata[0];
      const BzRecordSpan *project = &g_array_index (a->spans, BzRecordSpan, 2);

      /* Native keeps everything. */
      g_assert_cmpint (a->id, ==, 7);
      g_assert_cmpstr (a->title, ==, "astral.txt");
      g_assert_cmpstr (project->note, ==, "外层项目\t含机构");
      g_assert_cmpstr (project->reviewer, ==, "li");
      g_assert_cmpstr (project->origin, ==, "human");
      g_assert_cmpstr (project->attributes, ==, "{\"confidence\":0.5}");
      g_assert_cmpint (g_array_index (a->spans, BzRecordSpan, 6).status, ==, BZ_SPAN_SUGGESTED);
      g_assert_cmpuint (a->relations->len, ==, 1);
    }
  if (format == BZ_FORMAT_LABEL_STUDIO)
    {
      BzRecord *a = back->pdata[0];

      g_assert_cmpint (g_array_index (a->spans, BzRecordSpan, 6).status, ==, BZ_SPAN_SUGGESTED);
      g_assert_cmpstr (g_array_index (a->spans, BzRecordSpan, 6).origin, ==, "extractor@1");
      g_assert_cmpuint (a->relations->len, ==, 1);
    }
  /* Every JSON format is read back by json-glib's own parser as well. */
  if (format != BZ_FORMAT_BIO && format != BZ_FORMAT_BIOES)
    {
      g_auto(GStrv) lines = g_strsplit (first, "\n", -1);
      gboolean lines_format = format == BZ_FORMAT_DOCCANO || format == BZ_FORMAT_CLUENER;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      if (!lines_format)
        {
          g_assert_true (json_parser_load_from_data (parser, first, -1, &error));
          g_assert_no_error (error);
        }
      for (guint i = 0; lines_format && lines[i] != NULL && *lines[i] != '\0'; i++)
        {
          JsonObject *object;

          g_assert_true (json_parser_load_from_data (parser, lines[i], -1, &error));
          g_assert_no_error (error);
          object = json_node_get_object (json_parser_get_root (parser));
          g_assert_cmpstr (json_object_get_string_member (object, "text"), ==,
                           ((BzRecord *) records->pdata[i])->text);
        }
    }
}

static void
test_bio_characters (void)
{
  g_autoptr(GPtrArray) records = make_corpus (TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *bio = NULL;
  g_autofree char *bioes = NULL;

  g_ptr_array_set_size (records, 2);
  bio = bz_format_write_to_string (BZ_FORMAT_BIO, records, &error);
  g_assert_no_error (error);
  bioes = bz_format_write_to_string (BZ_FORMAT_BIOES, records, &error);
  g_assert_no_error (error);
  /* One character per line: 𠮷 whole, spaces and line breaks escaped. */
  g_assert_true (g_str_has_prefix (bio, "-DOCSTART-\tO\n\n𠮷\tO\n野\tO\n家\tO\n在\tO\n王\tB-PLACE\n府\tI-PLACE\n井\tI-PLACE\n"));
  g_assert_nonnull (strstr (bioes, "王\tB-PLACE\n府\tI-PLACE\n井\tE-PLACE\n"));
  g_assert_nonnull (strstr (bio, "😀\tO\n"));
  g_assert_nonnull (strstr (bio, "天\tB-PLACE\n坛\tI-PLACE\n\\u3000\tI-PLACE\n"));
  g_assert_nonnull (strstr (bio, "\\s\tO\n\\\\\tO\n"));
  g_assert_nonnull (strstr (bio, "\\t\tO\n"));
  /* A sentence ends after ；and after a line break; never inside an entity. */
  g_assert_nonnull (strstr (bio, "；\tO\n\n\\n\tO\n\n\\n\tO\n\n龙\tB-PLACE\n"));
  g_assert_nonnull (strstr (bioes, "\\u00A0\tS-PLACE\n"));
  g_assert_nonnull (strstr (bio, "。\tO\n\n\\n\tO\n\nG\tB-INDICATOR\n"));
}

static void
test_chunks (void)
{
  g_autoptr(GPtrArray) corpus = make_corpus (FALSE);
  BzRecord *seed = corpus->pdata[2];
  g_autoptr(GPtrArray) pieces = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  guint n_spans = 0;

  pieces = bz_record_chunk (seed, 200, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pieces->len, >, 5);
  for (guint i = 0; i < pieces->len; i++)
    {
      BzRecord *piece = pieces->pdata[i];
      gunichar last;

      g_assert_cmpint (piece->n_chars, <=, 200);
      g_assert_cmpint (piece->chunk_offset, ==, g_utf8_strlen (joined->str, -1));
      g_string_append (joined, piece->text);
      /* Rebased offsets still cut out their surfaces. */
      g_assert_true (bz_record_check_surfaces (piece, &error));
      g_assert_no_error (error);
      n_spans += piece->spans->len;
      last = g_utf8_get_char (g_utf8_find_prev_char (piece->text, piece->text + strlen (piece->text)));
      if (i + 1 < pieces->len)
        g_assert_true (last == 0x3002 || last == 0xFF01 || last == 0xFF1F || last == 0xFF1B || last == '\n' ||
                       piece->n_chars > 150);
    }
  g_assert_cmpstr (joined->str, ==, seed->text);
  g_assert_cmpuint (n_spans, ==, seed->spans->len);
}

static void
test_chunk_never_cuts_span (void)
{
  g_autoptr(BzRecord) record = bz_record_new (3, NULL, "甲乙。丙丁戊己。庚");
  g_autoptr(GPtrArray) pieces = NULL;
  g_autoptr(GError) error = NULL;

  /* 乙。丙 crosses the first sentence end: the cut moves to the one after it. */
  bz_record_add_span (record, 1, 4, "ORG", BZ_SPAN_ACCEPTED, NULL);
  pieces = bz_record_chunk (record, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pieces->len, ==, 2);
  g_assert_cmpstr (((BzRecord *) pieces->pdata[0])->text, ==, "甲乙。丙丁戊己。");
  g_assert_cmpstr (((BzRecord *) pieces->pdata[1])->text, ==, "庚");
  g_clear_pointer (&pieces, g_ptr_array_unref);

  pieces = bz_record_chunk (record, 2, &error);
  g_assert_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED);
  g_assert_null (pieces);
  g_assert_nonnull (strstr (error->message, "longer than the chunk size"));
  g_clear_error (&error);

  /* Two crossing spans of 4 leave no cut within 5 characters of the start. */
  bz_record_add_span (record, 0, 4, "PLACE", BZ_SPAN_ACCEPTED, NULL);
  bz_record_add_span (record, 3, 7, "ORG", BZ_SPAN_ACCEPTED, NULL);
  g_array_remove_index (record->spans, 0);
  pieces = bz_record_chunk (record, 5, &error);
  g_assert_null (pieces);
  g_assert_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "overlapping spans from character 0"));
}

static void
assert_refused (BzFormat    format,
                const char *data,
                const char *where,
                const char *cause)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = bz_format_read_data (format, data, strlen (data), "bad.file", &error);

  g_assert_null (records);
  g_assert_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE);
  if (!g_str_has_prefix (error->message, where) || strstr (error->message, cause) == NULL)
    g_error ("unexpected message “%s” (wanted “%s” … “%s”)", error->message, where, cause);
}

static void
test_malformed (void)
{
  assert_refused (BZ_FORMAT_DOCCANO, "{\"text\":\"东城区\",\"label\":[]}\n{\"text\":\"王府井\",\"label\":[[0,3,\"PLACE\"],]}\n",
                  "bad.file:2:", "unexpected");
  assert_refused (BZ_FORMAT_DOCCANO, "{\"text\":\"东城区\",\"label\":[]}\n\n  {\"text\":\"王府井\",\"label\":[[0,\"3\",\"PLACE\"]]}\n",
                  "bad.file:3:3: ", "an end offset should be an integer, not a string");
  assert_refused (BZ_FORMAT_DOCCANO, "{\"text\":\"𠮷王府井\",\"label\":[[1,5,\"PLACE\"]]}\n",
                  "bad.file:1:1: ", "does not fit the text of 4 characters");
  assert_refused (BZ_FORMAT_DOCCANO, "{\"text\":7}\n", "bad.file:1:1: ", "“text” should be a string, not a number");
  assert_refused (BZ_FORMAT_LABEL_STUDIO, "[\n{\"data\":{\"text\":\"东城区\"}},\n  {\"data\":{\"text\":\"王府井\"},"
                  "\"annotations\":[{\"result\":[{\"type\":\"labels\",\"value\":{\"start\":0,\"end\":3,\"text\":\"王府\","
                  "\"labels\":[\"PLACE\"]}}]}]}\n]\n", "bad.file:3:3: task 2: ", "says “王府”");
  assert_refused (BZ_FORMAT_LABEL_STUDIO, "[\n{\"data\":{\"text\":\"东城区\"}}\n{\"data\":{}}]", "bad.file:2:23: ",
                  "expected");
  assert_refused (BZ_FORMAT_SPACY, "[[\"东城区\",{\"entities\":[[0,3]]}]]", "bad.file:1:2: example 1: ",
                  "should be [start, end, \"LABEL\"]");
  assert_refused (BZ_FORMAT_CLUENER, "{\"text\":\"王府井\",\"label\":{\"PLACE\":{\"王府井\":[[0,3]]}}}\n",
                  "bad.file:1:1: ", "the span PLACE [0, 3] does not fit the text of 3 characters");
  /* Offsets are checked as the file gives them, without an addition that overflows. */
  assert_refused (BZ_FORMAT_CLUENER, "{\"text\":\"王府井\",\"label\":{\"PLACE\":{\"王府井\":[[0,9223372036854775807]]}}}\n",
                  "bad.file:1:1: ", "the span PLACE [0, 9223372036854775807] does not fit the text of 3 characters");
  assert_refused (BZ_FORMAT_CLUENER, "{\"text\":\"王府井\",\"label\":{\"PLACE\":{\"王府井\":[[2,1]]}}}\n",
                  "bad.file:1:1: ", "the span PLACE [2, 1] does not fit the text of 3 characters");
  assert_refused (BZ_FORMAT_DOCCANO, "{\"text\":\"王府井\",\"label\":[[-9223372036854775807,9223372036854775807,\"PLACE\"]]}\n",
                  "bad.file:1:1: ", "the span PLACE [-9223372036854775807, 9223372036854775807) does not fit");
  assert_refused (BZ_FORMAT_NATIVE, "{\"format\":\"biaozhu\",\"version\":9,\"offset_unit\":\"codepoint\",\"documents\":[]}",
                  "bad.file:1:1: ", "version 9 of the native format");
  assert_refused (BZ_FORMAT_NATIVE, "{\"format\":\"biaozhu\",\"version\":1,\"offset_unit\":\"codepoint\",\"documents\":[\n"
                  "{\"text\":\"王府井\",\"spans\":[{\"start\":0,\"end\":3,\"label\":\"PLACE\",\"status\":\"maybe\"}],\"relations\":[]}\n]}",
                  "bad.file:2:1: document 1, span 1: ", "unknown status “maybe”");
  assert_refused (BZ_FORMAT_BIO, "-DOCSTART-\tO\n\n王\tB-PLACE\n府\tI-PLACE\n井 \tI-ORG\n", "bad.file:5:", "does not continue");
  assert_refused (BZ_FORMAT_BIO, "-DOCSTART-\tO\n\n王府\tB-PLACE\n", "bad.file:3:1: ", "is not one character");
  assert_refused (BZ_FORMAT_BIOES, "-DOCSTART-\tO\n\n王\tB-PLACE\n府\tO\n", "bad.file:4:3: ", "not closed");
  assert_refused (BZ_FORMAT_BIO, "-DOCSTART-\tO\n\n王\tX-PLACE\n", "bad.file:3:3: ", "is not a BIO tag");
  assert_refused (BZ_FORMAT_DOCCANO, "{\"text\":\"\xff\"}\n", "bad.file:1:10: ", "not valid UTF-8");
}

/* JSON nested @depth levels deep: arrays, or objects holding an array. */
static char *
nested_json (guint    depth,
             gboolean objects)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (out, objects && i % 2 == 1 ? "{\"a\":" : "[");
  for (guint i = depth; i > 0; i--)
    g_string_append (out, objects && (i - 1) % 2 == 1 ? "}" : "]");
  return g_string_free (out, FALSE);
}

/* json-glib's parser recurses once per level: a file nested a hundred thousand
 * deep would overflow the stack. Every JSON format refuses it before parsing. */
static void
test_deep_nesting (void)
{
  static const BzFormat formats[] = {
    BZ_FORMAT_NATIVE, BZ_FORMAT_DOCCANO, BZ_FORMAT_LABEL_STUDIO, BZ_FORMAT_CLUENER, BZ_FORMAT_SPACY,
  };
  g_autofree char *deep = nested_json (100000, FALSE);
  g_autofree char *deep_objects = nested_json (100000, TRUE);
  g_autofree char *limit = nested_json (512, FALSE);
  g_autofree char *over = nested_json (513, FALSE);
  g_autofree char *second_line = g_strconcat ("{\"text\":\"东城区\"}\n  [\"[\\\"\", ", deep_objects, "]\n", NULL);
  g_autofree char *inside_string = g_strconcat ("{\"text\":\"", over, "\"}\n", NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *data = g_strconcat (deep, "\n", NULL);

      assert_refused (formats[i], data, "bad.file:1:513: ", "nested deeper than 512 levels");
      assert_refused (formats[i], deep_objects, "bad.file:1:1537: ", "nested deeper than 512 levels");
    }
  /* The line and column of the bracket that goes too deep, in code points,
   * after a string that holds an escaped quote and a bracket. */
  assert_refused (BZ_FORMAT_DOCCANO, second_line, "bad.file:2:1542: ", "nested deeper than 512 levels");
  /* 512 levels are JSON like any other; 513 are not. */
  assert_refused (BZ_FORMAT_SPACY, limit, "bad.file:1:2: example 1: ", "should be [text, {\"entities\": [...]}]");
  assert_refused (BZ_FORMAT_SPACY, over, "bad.file:1:513: ", "nested deeper than 512 levels");
  /* Brackets inside a string do not nest. */
  records = bz_format_read_data (BZ_FORMAT_CLUENER, inside_string, strlen (inside_string), "ok.file", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  /* json-glib reads comments and single-quoted strings, which could hide a bracket. */
  assert_refused (BZ_FORMAT_SPACY, "[/* \" */ [\"东城区\",{}]]", "bad.file:1:2: ", "a comment is not JSON");
  assert_refused (BZ_FORMAT_DOCCANO, "{\"text\":'东城区'}\n", "bad.file:1:9: ", "a single-quoted string is not JSON");
}

/* json-glib 1.6 reads some JSON wrong: half a surrogate pair becomes bytes that
 * are not UTF-8 (and leaks memory when another \u escape follows), \u0000 ends
 * the string, an unknown escape is the letter, and of two top-level values the
 * second is taken (the first leaks). They are refused before it parses. */
static void
test_json_glib_mistakes (void)
{
  const char *good = "{\"text\":\"\\uD842\\uDFB7\\u4E1C\\/\\\"\\t\",\"label\":[[0,2,\"PLACE\"]]}\n";
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = bz_format_read_data (BZ_FORMAT_DOCCANO, good, strlen (good), "ok.file", &error);
  g_assert_no_error (error);
  assert_span (records->pdata[0], 0, 0, 2, "PLACE", "𠮷东");
  g_assert_cmpstr (((BzRecord *) records->pdata[0])->text, ==, "𠮷东/\"\t");

  assert_refused (BZ_FORMAT_DOCCANO, "{\"text\":\"东城\\u0000区\"}\n", "bad.file:1:12: ",
                  "a string holds \\u0000, a NUL character");
  assert_refused (BZ_FORMAT_NATIVE, "{\"format\":\"biaozhu\",\"version\":1,\"offset_unit\":\"codepo\\ud842\\u{\"}",
                  "bad.file:1:54: ", "half of a UTF-16 surrogate pair");
  assert_refused (BZ_FORMAT_LABEL_STUDIO, "[{\"data\":{\"text\":\"东城\"},\"annotations\":[{\"result\":[\n"
                  "{\"type\":\"labels\",\"meta\":{\"text\":[\"\\udfb7\"]}}]}]}]",
                  "bad.file:2:35: ", "half of a UTF-16 surrogate pair");
  assert_refused (BZ_FORMAT_SPACY, "[[\"东城\\q\",{}]]", "bad.file:1:6: ", "a backslash in a string should begin one of");
  assert_refused (BZ_FORMAT_CLUENER, "{\"text\":\"\\u12\"}\n", "bad.file:1:10: ", "four hexadecimal digits");
  /* json-glib takes the second of two top-level values (leaking the first): the
   * examples of the first list would be left out without a word. */
  assert_refused (BZ_FORMAT_SPACY, "[[\"东城\",{}]]\n[[\"王府井\",{}]]", "bad.file:2:1: ",
                  "a second JSON value begins after the first");
  assert_refused (BZ_FORMAT_DOCCANO, "{\"text\":\"东城\"}{\"text\":\"王府井\"}\n", "bad.file:1:14: ",
                  "a second JSON value begins after the first");
}

static void
test_conll_without_docstart (void)
{
  const char *data = "王\tB-PLACE\n府\tI-PLACE\n井\tI-PLACE\n好\tO\n\n东\tB-PLACE\n城\tI-PLACE\n\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = bz_format_read_data (BZ_FORMAT_BIO, data, strlen (data), "msra", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (((BzRecord *) records->pdata[0])->text, ==, "王府井好");
  assert_span (records->pdata[0], 0, 0, 3, "PLACE", "王府井");
  assert_span (records->pdata[1], 0, 0, 2, "PLACE", "东城");
}

static void
test_doccano_entities (void)
{
  const char *data = "{\"text\":\"𠮷在王府井\",\"entities\":[{\"id\":9,\"label\":\"PLACE\",\"start_offset\":2,"
                     "\"end_offset\":5}],\"relations\":[]}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = bz_format_read_data (BZ_FORMAT_DOCCANO, data, strlen (data), "rel.jsonl", &error);

  g_assert_no_error (error);
  assert_span (records->pdata[0], 0, 2, 5, "PLACE", "王府井");
}

static void
test_json_string_escapes (void)
{
  g_autoptr(BzRecord) record = bz_record_new (1, "控制\x01字符\x1f", "引号\"反斜杠\\换行\n回车\r退格\b换页\f制表\t\x7f😀");
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(GPtrArray) back = NULL;

  g_ptr_array_add (records, record);
  back = round_trip (BZ_FORMAT_NATIVE, records, NULL);
  g_assert_cmpstr (((BzRecord *) back->pdata[0])->title, ==, record->title);
}

/* Reads one brat pair written with @text and @ann; NULL with @error set when refused. */
static GPtrArray *
read_brat_pair (const char  *text,
                const char  *ann,
                GError     **error)
{
  g_autofree char *dir = g_dir_make_tmp ("bz-brat-XXXXXX", NULL);
  g_autofree char *txt_path = g_build_filename (dir, "doc-000003.txt", NULL);
  g_autofree char *ann_path = g_build_filename (dir, "doc-000003.ann", NULL);
  GPtrArray *records;

  g_assert_true (g_file_set_contents (txt_path, text, -1, NULL));
  g_assert_true (g_file_set_contents (ann_path, ann, -1, NULL));
  records = bz_format_read_file (BZ_FORMAT_BRAT, dir, error);
  g_unlink (txt_path);
  g_unlink (ann_path);
  g_rmdir (dir);
  return records;
}

/* The text column of a brat annotation is checked against the document, as the
 * surfaces of the other formats are: a mismatch is refused with FILE:LINE. */
static void
test_brat_surface (void)
{
  const char *text = "北京市王府井大街\n东城区\t政府 ";
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = read_brat_pair (text, "T1\tPLACE 3 6\t王府井\r\nT2\tORG 6 8;9 12\t大街 东城区\r\n"
                                  "T3\tORG 9 15\t东城区 政府\nT4\tORG 12 16\t\t政府 \n", &error);
  g_assert_no_error (error);
  assert_span (records->pdata[0], 0, 3, 6, "PLACE", "王府井");
  /* Fragments around a line break, joined by a space; tabs written as spaces. */
  assert_span (records->pdata[0], 1, 6, 12, "ORG", "大街\n东城区");
  assert_span (records->pdata[0], 2, 9, 15, "ORG", "东城区\t政府");
  g_clear_pointer (&records, g_ptr_array_unref);

  records = read_brat_pair (text, "T1\tPLACE 3 6\t王府井\nT2\tPLACE 3 6\t王府\n", &error);
  g_assert_null (records);
  g_assert_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE);
  if (strstr (error->message, "doc-000003.ann:2:4: the span PLACE [3, 6) says “王府” but the text at "
                              "those offsets (counted in code points) is “王府井”") == NULL)
    g_error ("unexpected message “%s”", error->message);
  g_clear_error (&error);

  records = read_brat_pair (text, "T1\tORG 6 8;9 12\t大街 西城区\n", &error);
  g_assert_null (records);
  g_assert_nonnull (strstr (error->message, "doc-000003.ann:1:4: the span ORG [6, 12) says “大街 西城区”"));
  g_clear_error (&error);

  records = read_brat_pair (text, "T1\tORG 9 12;6 8\t东城区 大街\n", &error);
  g_assert_null (records);
  g_assert_nonnull (strstr (error->message, "doc-000003.ann:1:4: the fragments of the span ORG overlap"));
  g_clear_error (&error);

  records = read_brat_pair (text, "T1\tPLACE 3 99\t王府井\n", &error);
  g_assert_null (records);
  g_assert_nonnull (strstr (error->message, "doc-000003.ann:1:4: the span PLACE [3, 99) does not fit the text of 16"));
}

static void
test_atomic_writer (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bz-formats-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.jsonl", NULL);
  g_autofree char *brat = g_build_filename (dir, "brat", NULL);
  g_autoptr(GPtrArray) records = make_corpus (FALSE);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *ann = NULL;
  g_autofree char *ann_path = g_build_filename (brat, "doc-000007.ann", NULL);
  BzFormatWriter *writer;
  GDir *d;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  writer = bz_format_writer_new (BZ_FORMAT_DOCCANO, path, &error);
  g_assert_no_error (error);
  g_assert_true (bz_format_writer_write (writer, records->pdata[0], &error));
  /* Abandoned: the old file stays and no temporary is left. */
  bz_format_writer_free (writer);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  d = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (d), ==, "out.jsonl");
  g_assert_null (g_dir_read_name (d));
  g_dir_close (d);

  writer = bz_format_writer_new (BZ_FORMAT_BRAT, brat, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    g_assert_true (bz_format_writer_write (writer, records->pdata[i], &error));
  g_assert_false (g_file_test (brat, G_FILE_TEST_EXISTS));
  g_assert_true (bz_format_writer_commit (writer, &error));
  g_assert_no_error (error);
  bz_format_writer_free (writer);

  g_assert_true (g_file_get_contents (ann_path, &ann, NULL, NULL));
  g_assert_true (g_str_has_prefix (ann, "T1\tPLACE 4 7\t王府井\n"));
  g_assert_nonnull (strstr (ann, "R1\thas_value Arg1:T5 Arg2:T6\n"));
  g_assert_nonnull (strstr (ann, "\tAnnotatorNotes T3\t外层项目 含机构\n"));
  back = bz_format_read_file (BZ_FORMAT_BRAT, brat, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, records->len);
  for (guint i = 0; i < back->len; i++)
    {
      BzRecord *a = records->pdata[i];
      BzRecord *b = back->pdata[i];

      g_assert_cmpstr (a->text, ==, b->text);
      g_assert_cmpint (a->id, ==, b->id);
      bz_record_sort_spans (b);
      g_assert_cmpuint (a->spans->len, ==, b->spans->len);
      for (guint k = 0; k < a->spans->len; k++)
        assert_span (b, k, g_array_index (a->spans, BzRecordSpan, k).start,
                     g_array_index (a->spans, BzRecordSpan, k).end,
                     g_array_index (a->spans, BzRecordSpan, k).label,
                     g_array_index (a->spans, BzRecordSpan, k).surface);
    }

  /* A malformed .ann is refused with its line and column. */
  g_assert_true (g_file_set_contents (ann_path, "T1\tPLACE 4 7\t王府井\nT2\tPLACE x 7\t?\n", -1, NULL));
  g_clear_pointer (&back, g_ptr_array_unref);
  back = bz_format_read_file (BZ_FORMAT_BRAT, brat, &error);
  g_assert_null (back);
  g_assert_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE);
  g_assert_true (g_str_has_suffix (strstr (error->message, "doc-000007.ann:"), "") &&
                 strstr (error->message, "doc-000007.ann:2:4: ") != NULL);
  g_clear_error (&error);

  d = g_dir_open (brat, 0, NULL);
  for (const char *name; (name = g_dir_read_name (d)) != NULL;)
    {
      g_autofree char *file = g_build_filename (brat, name, NULL);
      g_unlink (file);
    }
  g_dir_close (d);
  g_rmdir (brat);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/biaozhu/formats/astral-offsets", test_astral_offsets);
  g_test_add_func ("/biaozhu/formats/flatten-keeps-outer", test_flatten_keeps_outer);
  g_test_add_func ("/biaozhu/formats/flatten-crossing", test_crossing_spans);
  g_test_add_func ("/biaozhu/formats/surface-mismatch", test_surface_mismatch);
  for (guint f = 0; f < BZ_FORMAT_N_FORMATS; f++)
    {
      g_autofree char *path = NULL;

      if (bz_format_is_folder (f))
        continue;
      path = g_strdup_printf ("/biaozhu/formats/round-trip/%s", bz_format_to_string (f));
      g_test_add_data_func (path, GUINT_TO_POINTER (f), test_round_trip);
    }
  g_test_add_func ("/biaozhu/formats/bio-characters", test_bio_characters);
  g_test_add_func ("/biaozhu/formats/chunks", test_chunks);
  g_test_add_func ("/biaozhu/formats/chunk-never-cuts-span", test_chunk_never_cuts_span);
  g_test_add_func ("/biaozhu/formats/malformed", test_malformed);
  g_test_add_func ("/biaozhu/formats/deep-nesting", test_deep_nesting);
  g_test_add_func ("/biaozhu/formats/json-glib-mistakes", test_json_glib_mistakes);
  g_test_add_func ("/biaozhu/formats/conll-without-docstart", test_conll_without_docstart);
  g_test_add_func ("/biaozhu/formats/doccano-entities", test_doccano_entities);
  g_test_add_func ("/biaozhu/formats/json-string-escapes", test_json_string_escapes);
  g_test_add_func ("/biaozhu/formats/atomic-writer-and-brat", test_atomic_writer);
  g_test_add_func ("/biaozhu/formats/brat-surface", test_brat_surface);
  return g_test_run ();
}
