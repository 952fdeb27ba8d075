/* test-eval.c: precision, recall and F1 computed by hand, malformed files, the gold data
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <biaozhu.h>

#define EPS 1e-9

static BzEvalSet *
set_from (const char *jsonl)
{
  g_autoptr(BzEvalSet) set = bz_eval_set_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (bz_eval_set_add_data (set, jsonl, -1, "test.jsonl", &error));
  g_assert_no_error (error);
  return g_steal_pointer (&set);
}

static BzEvalReport *
compare (const char *gold_jsonl,
         const char *pred_jsonl)
{
  g_autoptr(BzEvalSet) gold = set_from (gold_jsonl);
  g_autoptr(BzEvalSet) pred = set_from (pred_jsonl);
  g_autoptr(GError) error = NULL;
  BzEvalReport *report = bz_eval_compare (gold, pred, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_prf (const BzEvalPrf *prf,
            guint            tp,
            double           precision,
            double           recall,
            double           f1)
{
  g_assert_cmpuint (prf->tp, ==, tp);
  g_assert_cmpfloat_with_epsilon (prf->precision, precision, EPS);
  g_assert_cmpfloat_with_epsilon (prf->recall, recall, EPS);
  g_assert_cmpfloat_with_epsilon (prf->f1, f1, EPS);
}

/* 王府井大街 (0-5) and 东城区 (6-9) in gold; the prediction cuts the first short, finds the
 * second and adds an ORG over 大街. */
static void
test_strict_lenient (void)
{
  g_autoptr(BzEvalReport) report = compare (
    "{\"id\": \"d1\", \"text\": \"王府井大街和东城区\", \"label\": [[0, 5, \"PLACE\"], [6, 9, \"PLACE\"]]}\n",
    "{\"id\": \"d1\", \"text\": \"王府井大街和东城区\", \"label\": [[0, 3, \"PLACE\"], [6, 9, \"PLACE\"], [3, 5, \"ORG\"]]}\n");
  const BzEvalScore *place = bz_eval_report_lookup (report, "PLACE");
  const BzEvalScore *org = bz_eval_report_lookup (report, "ORG");
  const BzEvalScore *micro = bz_eval_report_get_micro (report);

  g_assert_cmpuint (place->n_gold, ==, 2);
  g_assert_cmpuint (place->n_pred, ==, 2);
  assert_prf (&place->strict, 1, 0.5, 0.5, 0.5);
  assert_prf (&place->lenient, 2, 1.0, 1.0, 1.0);
  g_assert_cmpuint (org->n_gold, ==, 0);
  assert_prf (&org->strict, 0, 0.0, 0.0, 0.0);
  assert_prf (&org->lenient, 0, 0.0, 0.0, 0.0);
  /* micro: P = 1/3, R = 1/2, F1 = 2 * 1/6 / (5/6) = 0.4; lenient P = 2/3, R = 1, F1 = 0.8 */
  assert_prf (&micro->strict, 1, 1.0 / 3, 0.5, 0.4);
  assert_prf (&micro->lenient, 2, 2.0 / 3, 1.0, 0.8);
  g_assert_null (micro->label);

  /* Labels in the schema's order. */
  g_assert_cmpuint (bz_eval_report_get_n_labels (report), ==, 2);
  g_assert_cmpstr (bz_eval_report_get_score (report, 0)->label, ==, "PLACE");
  g_assert_cmpstr (bz_eval_report_get_score (report, 1)->label, ==, "ORG");
  g_assert_null (bz_eval_report_lookup (report, "DATE"));
}

/* A lenient match pairs one gold span with one predicted span. */
static void
test_lenient_one_to_one (void)
{
  g_autoptr(BzEvalReport) merged = compare (
    "{\"text\": \"东城西城\", \"label\": [[0, 2, \"PLACE\"], [2, 4, \"PLACE\"]]}\n",
    "{\"text\": \"东城西城\", \"label\": [[0, 4, \"PLACE\"]]}\n");
  g_autoptr(BzEvalReport) split = compare (
    "{\"text\": \"王府井大街\", \"label\": [[0, 5, \"PLACE\"]]}\n",
    "{\"text\": \"王府井大街\", \"label\": [[0, 3, \"PLACE\"], [3, 5, \"PLACE\"]]}\n");
  g_autoptr(BzEvalReport) other_label = compare (
    "{\"text\": \"王府井大街\", \"label\": [[0, 5, \"PLACE\"]]}\n",
    "{\"text\": \"王府井大街\", \"label\": [[0, 5, \"ORG\"]]}\n");

  /* One prediction over two gold spans: P = 1/1, R = 1/2, F1 = 2/3. */
  assert_prf (&bz_eval_report_get_micro (merged)->strict, 0, 0.0, 0.0, 0.0);
  assert_prf (&bz_eval_report_get_micro (merged)->lenient, 1, 1.0, 0.5, 2.0 / 3);
  /* Two predictions inside one gold span: P = 1/2, R = 1/1. */
  assert_prf (&bz_eval_report_get_micro (split)->lenient, 1, 0.5, 1.0, 2.0 / 3);
  /* Overlap with another label is no match. */
  assert_prf (&bz_eval_report_get_micro (other_label)->lenient, 0, 0.0, 0.0, 0.0);
}

/* Exact duplicates count once on either side. */
static void
test_duplicates (void)
{
  const char *gold = "{\"text\": \"2018年上半年\", \"label\": [[0, 5, \"DATE\"], [5, 8, \"DATE\"]]}\n";
  g_autoptr(BzEvalSet) pred = set_from (
    "{\"text\": \"2018年上半年\", \"label\": [[0, 5, \"DATE\"], [0, 5, \"DATE\"], [0, 5, \"DATE\"]]}\n");
  g_autoptr(BzEvalReport) report = compare (gold,
    "{\"text\": \"2018年上半年\", \"label\": [[0, 5, \"DATE\"], [0, 5, \"DATE\"], [0, 5, \"DATE\"]]}\n");

  g_assert_cmpuint (bz_eval_set_get_n_spans (pred, NULL), ==, 1);
  g_assert_cmpuint (bz_eval_set_get_n_duplicates (pred), ==, 2);
  /* P = 1/1, R = 1/2, F1 = 2/3 */
  assert_prf (&bz_eval_report_get_micro (report)->strict, 1, 1.0, 0.5, 2.0 / 3);
  g_assert_cmpuint (bz_eval_report_get_micro (report)->n_pred, ==, 1);
}

static void
test_empty_prediction (void)
{
  const char *gold =
    "{\"id\": 1, \"text\": \"东城区\", \"label\": [[0, 3, \"PLACE\"]]}\n"
    "{\"id\": 2, \"text\": \"6.3%\", \"label\": [[0, 4, \"VALUE\"]]}\n";
  g_autoptr(BzEvalReport) no_spans = compare (gold,
    "{\"id\": 1, \"text\": \"东城区\", \"label\": []}\n"
    "{\"id\": 2, \"text\": \"6.3%\"}\n");
  g_autoptr(BzEvalReport) no_documents = compare (gold, "\n\n");
  const BzEvalScore *micro = bz_eval_report_get_micro (no_spans);

  g_assert_cmpuint (micro->n_gold, ==, 2);
  g_assert_cmpuint (micro->n_pred, ==, 0);
  assert_prf (&micro->strict, 0, 0.0, 0.0, 0.0);
  assert_prf (&micro->lenient, 0, 0.0, 0.0, 0.0);
  g_assert_cmpuint (bz_eval_report_get_n_unpredicted (no_spans), ==, 0);
  g_assert_cmpuint (bz_eval_report_get_n_misses (no_spans, BZ_EVAL_MISSED), ==, 2);
  g_assert_cmpuint (bz_eval_report_get_n_misses (no_spans, BZ_EVAL_FALSE_POSITIVE), ==, 0);

  /* A gold document without a prediction is scored as predicted empty. */
  g_assert_cmpuint (bz_eval_report_get_n_unpredicted (no_documents), ==, 2);
  assert_prf (&bz_eval_report_get_micro (no_documents)->strict, 0, 0.0, 0.0, 0.0);
  g_assert_cmpuint (bz_eval_report_get_micro (no_documents)->n_gold, ==, 2);
}

/* The "spans" and "entities" keys with span objects, documents matched by text. */
static void
test_span_objects_and_text_matching (void)
{
  g_autoptr(BzEvalReport) report = compare (
    "{\"id\": \"a\", \"text\": \"北京市东城区\", \"label\": [[0, 3, \"PLACE\"], [3, 6, \"PLACE\"]]}\n"
    "{\"id\": \"b\", \"text\": \"GDP实现1112.6亿元\", \"label\": [[0, 3, \"INDICATOR\"], [5, 13, \"VALUE\"]]}\n",
    "{\"text\": \"GDP实现1112.6亿元\", \"entities\": [{\"id\": 7, \"label\": \"VALUE\", \"start_offset\": 5, \"end_offset\": 13}]}\n"
    "{\"text\": \"北京市东城区\", \"spans\": [{\"start\": 0, \"end\": 3, \"label\": \"PLACE\"}, {\"start\": 3, \"end\": 6, \"label\": \"PLACE\"}]}\n");
  const BzEvalScore *micro = bz_eval_report_get_micro (report);

  /* P = 3/3, R = 3/4, F1 = 6/7 */
  assert_prf (&micro->strict, 3, 1.0, 0.75, 6.0 / 7);
  assert_prf (&bz_eval_report_lookup (report, "INDICATOR")->strict, 0, 0.0, 0.0, 0.0);
  g_assert_cmpuint (bz_eval_report_get_n_unpredicted (report), ==, 0);
}

/* Misses are grouped by label and surface, most frequent first, with context counted in
 * code points (𠮷 lies outside the BMP). */
static void
test_misses (void)
{
  g_autoptr(BzEvalReport) report = compare (
    "{\"id\": \"p1\", \"text\": \"𠮷王府井地区和东城\", \"label\": [[1, 4, \"PLACE\"], [7, 9, \"PLACE\"]]}\n"
    "{\"id\": \"p2\", \"text\": \"王府井\", \"label\": [[0, 3, \"PLACE\"]]}\n",
    "{\"id\": \"p1\", \"text\": \"𠮷王府井地区和东城\", \"label\": [[1, 6, \"PLACE\"]]}\n");
  const BzEvalMiss *first;
  const BzEvalMiss *second;
  const BzEvalMiss *fp;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  g_assert_cmpuint (bz_eval_report_get_n_misses (report, BZ_EVAL_MISSED), ==, 2);
  first = bz_eval_report_get_miss (report, BZ_EVAL_MISSED, 0);
  second = bz_eval_report_get_miss (report, BZ_EVAL_MISSED, 1);
  g_assert_cmpstr (first->surface, ==, "王府井");
  g_assert_cmpuint (first->count, ==, 2);
  g_assert_cmpstr (first->doc_id, ==, "p1");
  g_assert_cmpint (first->start, ==, 1);
  g_assert_cmpstr (first->context, ==, "𠮷[王府井]地区和东城");
  g_assert_cmpstr (first->overlap, ==, "王府井地区 PLACE");
  g_assert_cmpstr (second->surface, ==, "东城");
  g_assert_cmpuint (second->count, ==, 1);
  g_assert_null (second->overlap);

  g_assert_cmpuint (bz_eval_report_get_n_misses (report, BZ_EVAL_FALSE_POSITIVE), ==, 1);
  fp = bz_eval_report_get_miss (report, BZ_EVAL_FALSE_POSITIVE, 0);
  g_assert_cmpint (fp->kind, ==, BZ_EVAL_FALSE_POSITIVE);
  g_assert_cmpstr (fp->surface, ==, "王府井地区");
  g_assert_cmpstr (fp->overlap, ==, "王府井 PLACE");

  text = bz_eval_report_to_text (report, 1);
  g_assert_nonnull (strstr (text, "PLACE"));
  g_assert_nonnull (strstr (text, "micro"));
  g_assert_nonnull (strstr (text, "𠮷[王府井]地区和东城"));
  g_assert_null (strstr (text, "[东城]"));   /* only one miss of each kind asked for */

  json = bz_eval_report_to_json (report, 5);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  /* strict: tp 0 of 3 gold, 1 prediction; lenient: 1 */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_object_get_object_member (root, "micro"), "lenient"), "tp"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "micro"), "gold"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "missed")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (root, "missed"), 0), "surface"),
                   ==, "王府井");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "documents"), "unpredicted"), ==, 1);
}

static void
assert_refused (const char *jsonl,
                GQuark      domain,
                int         code,
                const char *message_prefix)
{
  g_autoptr(BzEvalSet) set = bz_eval_set_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (bz_eval_set_add_data (set, jsonl, -1, "bad.jsonl", &error));
  g_assert_error (error, domain, code);
  if (!g_str_has_prefix (error->message, message_prefix))
    g_error ("“%s” does not start with “%s”", error->message, message_prefix);
  /* A refused file leaves the set as it was. */
  g_assert_cmpuint (bz_eval_set_get_n_documents (set), ==, 0);
}

static void
test_malformed (void)
{
  const char *good = "{\"text\": \"东城\", \"label\": [[0, 2, \"PLACE\"]]}\n";
  g_autofree char *syntax = g_strconcat (good, "{\"text\": \"ab\", \"label\": [[0, 1, \"X\"],]}\n", NULL);
  g_autofree char *invalid_utf8 = g_strconcat (good, "{\"text\": \"a\xff\"}\n", NULL);
  g_autofree char *brackets = g_strnfill (100000, '[');
  g_autofree char *deep = g_strconcat (good, "{\"text\": \"ab\", \"label\": ", brackets, "\n", NULL);

  assert_refused (syntax, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "bad.jsonl:2:37: ");
  assert_refused (invalid_utf8, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "bad.jsonl:2:12: ");
  assert_refused ("[1, 2]\n", BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "bad.jsonl:1:1: expected a JSON object");
  /* json-glib's parser would recurse a hundred thousand times. */
  assert_refused (deep, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "bad.jsonl:2:536: the JSON is nested deeper than 512 levels");
  assert_refused ("\n{\"label\": []}\n", BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "bad.jsonl:2:1: the document has no “text”");
  assert_refused ("{\"text\": 5}\n", BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "bad.jsonl:1:2: the document has no “text”");
  /* Offsets are code points: 东城 has 2, not 6 bytes' worth. */
  assert_refused ("{\"text\": \"东城\", \"label\": [[0, 3, \"PLACE\"]]}\n",
                  BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE,
                  "bad.jsonl:1:16: span 1 [0, 3) is empty or outside the text (2 characters)");
  assert_refused ("{\"text\": \"东城\", \"label\": [[1, 1, \"PLACE\"]]}\n",
                  BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "bad.jsonl:1:16: span 1 [1, 1) is empty");
  assert_refused ("{\"text\": \"东城\", \"label\": [[0, 2, \"\"]]}\n",
                  BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "bad.jsonl:1:16: span 1 of “label” has no label");
  assert_refused ("{\"text\": \"东城\", \"label\": [[0, \"2\", \"PLACE\"]]}\n",
                  BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "bad.jsonl:1:16: span 1 of “label” has no integer start");
  assert_refused ("{\"text\": \"东城\", \"spans\": {\"start\": 0}}\n",
                  BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "bad.jsonl:1:16: “spans” is not an array");
  assert_refused ("{\"text\": \"东城\", \"label\": [\"PLACE\"]}\n",
                  BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "bad.jsonl:1:16: span 1 of “label” is neither");
  assert_refused ("{\"id\": [1], \"text\": \"东城\"}\n",
                  BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "bad.jsonl:1:2: “id” is neither");
  assert_refused ("{\"id\": \"x\", \"text\": \"东城\"}\n{\"id\": \"x\", \"text\": \"西城\"}\n",
                  BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "bad.jsonl:2:2: the id “x” is used twice (also at bad.jsonl:1)");
}

static void
test_unreadable_file (void)
{
  g_autoptr(BzEvalSet) set = bz_eval_set_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (bz_eval_set_add_file (set, "/nonexistent/gold.jsonl", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
assert_mismatch (const char *gold_jsonl,
                 const char *pred_jsonl,
                 const char *message_prefix)
{
  g_autoptr(BzEvalSet) gold = set_from (gold_jsonl);
  g_autoptr(BzEvalSet) pred = set_from (pred_jsonl);
  g_autoptr(GError) error = NULL;
  g_autoptr(BzEvalReport) report = bz_eval_compare (gold, pred, &error);

  g_assert_null (report);
  g_assert_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_MISMATCH);
  if (!g_str_has_prefix (error->message, message_prefix))
    g_error ("“%s” does not start with “%s”", error->message, message_prefix);
}

static void
test_document_mismatch (void)
{
  const char *gold = "{\"id\": \"a\", \"text\": \"东城区\"}\n";

  assert_mismatch (gold, "{\"id\": \"a\", \"text\": \"西城区\"}\n",
                   "test.jsonl:1: the text of “a” differs from the gold text");
  /* The first takes “a” by its text, the second asks for it by id. */
  assert_mismatch (gold, "{\"text\": \"东城区\"}\n{\"id\": \"a\", \"text\": \"东城区\"}\n",
                   "test.jsonl:2: a second prediction for the gold document “a”");
}

/* Predicted documents without a gold document are left out of the scores; an id the
 * gold does not know is another document even when its text is the same. */
static void
test_unmatched_predictions (void)
{
  g_autoptr(BzEvalReport) by_id = compare (
    "{\"id\": \"a\", \"text\": \"东城区\", \"label\": [[0, 3, \"PLACE\"]]}\n",
    "{\"id\": \"b\", \"text\": \"东城区\", \"label\": [[0, 3, \"PLACE\"]]}\n"
    "{\"id\": \"c\", \"text\": \"西城区\", \"label\": [[0, 3, \"PLACE\"]]}\n");
  g_autoptr(BzEvalReport) by_text = compare (
    "{\"text\": \"东城区\", \"label\": [[0, 3, \"PLACE\"]]}\n"
    "{\"text\": \"东城区\", \"label\": []}\n",
    "{\"text\": \"东城区\", \"label\": [[0, 3, \"PLACE\"]]}\n"
    "{\"text\": \"东城区\", \"label\": []}\n"
    "{\"text\": \"东城区\", \"label\": [[0, 2, \"PLACE\"]]}\n"
    "{\"id\": \"x\", \"text\": \"西城区\", \"label\": [[0, 3, \"PLACE\"]]}\n");
  g_autofree char *text = bz_eval_report_to_text (by_id, 0);

  g_assert_cmpuint (bz_eval_report_get_n_unmatched (by_id), ==, 2);
  g_assert_cmpuint (bz_eval_report_get_n_unpredicted (by_id), ==, 1);
  g_assert_cmpuint (bz_eval_report_get_micro (by_id)->n_pred, ==, 0);
  g_assert_nonnull (strstr (text, "2 predicted documents match no gold document"));

  /* Equal texts pair in order: P = 1/1, R = 1/1; the third copy and 西城区 are left out. */
  g_assert_cmpuint (bz_eval_report_get_n_unmatched (by_text), ==, 2);
  assert_prf (&bz_eval_report_get_micro (by_text)->strict, 1, 1.0, 1.0, 1.0);
}

/* ---- the gold data in tests/data/gold, gold-heldout and gold-dev --------- */

/* The .jsonl files of a gold folder under BZ_TEST_DATA ("gold", "gold-heldout" or "gold-dev"). */
static GPtrArray *
gold_files_in (const char *folder)
{
  g_autofree char *dir_path = g_build_filename (g_getenv ("BZ_TEST_DATA"), folder, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".jsonl"))
      g_ptr_array_add (files, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  return files;
}

static GPtrArray *
gold_files (void)
{
  return gold_files_in ("gold");
}

static GHashTable *
schema_labels (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("BZ_DATADIR"), "labels.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "labels");
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_hash_table_add (labels, g_strdup (json_object_get_string_member (json_array_get_object_element (array, i), "name")));
  g_assert_cmpuint (g_hash_table_size (labels), ==, 7);
  return labels;
}

/* Every gold file of the folder (the test data) reads, its spans are flat, known and
 * unique, and each paragraph is the line of the sample report that its id names. */
static void
test_gold_valid (gconstpointer data)
{
  const char *folder = data;
  g_autoptr(GPtrArray) files = gold_files_in (folder);
  g_autoptr(GHashTable) labels = schema_labels ();

  /* the tuning gold has two reports, the held-out gold one */
  g_assert_cmpuint (files->len, >=, g_str_equal (folder, "gold") ? 2 : 1);
  for (guint f = 0; f < files->len; f++)
    {
      const char *path = g_ptr_array_index (files, f);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *report_name = g_strndup (base, strlen (base) - strlen (".jsonl"));
      g_autofree char *sample_path = g_strconcat (g_getenv ("BZ_SAMPLES"), G_DIR_SEPARATOR_S, report_name, ".txt", NULL);
      g_autofree char *sample = NULL;
      g_autofree char *contents = NULL;
      g_auto(GStrv) sample_lines = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(BzEvalSet) set = bz_eval_set_new ();
      g_autoptr(GError) error = NULL;
      guint n_spans = 0;

      g_assert_true (bz_eval_set_add_file (set, path, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (bz_eval_set_get_n_duplicates (set), ==, 0);

      g_assert_true (g_file_get_contents (sample_path, &sample, NULL, &error));
      g_assert_no_error (error);
      /* A report annotated on its canonical text (the Traditional sample without its
       * pinyin glosses): the copy beside the gold is what the text module makes. */
      {
        g_autofree char *canonical_path = g_strconcat (g_getenv ("BZ_TEST_DATA"), G_DIR_SEPARATOR_S, folder,
                                                       G_DIR_SEPARATOR_S, report_name, ".canonical.txt", NULL);

        if (g_file_test (canonical_path, G_FILE_TEST_EXISTS))
          {
            gsize length = strlen (sample);
            g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&sample), length);
            g_autoptr(BzCanonicalText) canonical = bz_canonical_text_new_from_bytes (bytes, sample_path, &error);

            g_assert_no_error (error);
            g_assert_true (g_file_get_contents (canonical_path, &sample, NULL, &error));
            g_assert_no_error (error);
            g_assert_cmpstr (sample, ==, canonical->text);
          }
      }
      sample_lines = g_strsplit (sample, "\n", -1);
      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      lines = g_strsplit (contents, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *record;
          const char *id;
          const char *text;
          JsonArray *spans;
          gint64 previous_end = 0;
          guint64 line_number;
          g_autofree char *prefix = g_strconcat (report_name, ":", NULL);

          if (*lines[i] == '\0')
            continue;
          g_assert_true (json_parser_load_from_data (parser, lines[i], -1, &error));
          record = json_node_get_object (json_parser_get_root (parser));
          id = json_object_get_string_member (record, "id");
          text = json_object_get_string_member (record, "text");
          g_assert_true (g_str_has_prefix (id, prefix));
          line_number = g_ascii_strtoull (id + strlen (prefix), NULL, 10);
          g_assert_cmpuint (line_number, >=, 1);
          g_assert_cmpuint (line_number, <=, g_strv_length (sample_lines));
          g_assert_cmpstr (text, ==, sample_lines[line_number - 1]);

          spans = json_object_get_array_member (record, "label");
          for (guint j = 0; j < json_array_get_length (spans); j++)
            {
              JsonArray *span = json_array_get_array_element (spans, j);
              gint64 start = json_array_get_int_element (span, 0);
              gint64 end = json_array_get_int_element (span, 1);
              const char *label = json_array_get_string_element (span, 2);

              g_assert_true (g_hash_table_contains (labels, label));
              g_assert_cmpint (start, >=, previous_end);  /* sorted, flat, no duplicates */
              g_assert_cmpint (end, >, start);
              g_assert_cmpint (end, <=, g_utf8_strlen (text, -1));
              previous_end = end;
              n_spans++;
            }
        }
      g_assert_cmpuint (n_spans, ==, bz_eval_set_get_n_spans (set, NULL));
      /* Each file holds a substantial part of a report (the smallest, gold-dev, 181). */
      g_assert_cmpuint (n_spans, >, 150);
    }
}

/* The counts table of the gold folder's README.md (the test data) is the data's. */
static void
test_gold_readme_counts (gconstpointer data)
{
  const char *folder = data;
  g_autofree char *readme_path = g_build_filename (g_getenv ("BZ_TEST_DATA"), folder, "README.md", NULL);
  g_autofree char *readme = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(GPtrArray) files = gold_files_in (folder);
  g_autoptr(BzEvalSet) all = bz_eval_set_new ();
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  g_assert_true (g_file_get_contents (readme_path, &readme, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (readme, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      g_autoptr(BzEvalSet) set = NULL;
      guint n_cells;

      if (!g_str_has_prefix (lines[i], "| "))
        continue;
      cells = g_strsplit (lines[i], "|", -1);
      n_cells = g_strv_length (cells);
      for (guint c = 0; c < n_cells; c++)
        g_strstrip (cells[c]);
      if (g_str_equal (cells[1], "report"))
        {
          header = g_strdupv (cells);
          continue;
        }
      if (header == NULL || g_str_has_prefix (cells[1], "---"))
        continue;
      g_assert_cmpuint (n_cells, ==, g_strv_length (header));

      if (g_str_equal (cells[1], "all"))
        set = g_steal_pointer (&all);
      else
        {
          g_autofree char *path = g_strconcat (g_getenv ("BZ_TEST_DATA"), "/", folder, "/", cells[1], ".jsonl", NULL);

          set = bz_eval_set_new ();
          g_assert_true (bz_eval_set_add_file (set, path, &error));
          g_assert_no_error (error);
          g_assert_true (bz_eval_set_add_file (all, path, &error));
          g_assert_no_error (error);
          n_rows++;
        }

      for (guint c = 2; c + 1 < n_cells; c++)
        {
          guint64 expected = g_ascii_strtoull (cells[c], NULL, 10);

          if (g_str_equal (header[c], "paragraphs"))
            g_assert_cmpuint (expected, ==, bz_eval_set_get_n_documents (set));
          else if (g_str_equal (header[c], "total"))
            g_assert_cmpuint (expected, ==, bz_eval_set_get_n_spans (set, NULL));
          else
            {
              if (expected != bz_eval_set_get_n_spans (set, header[c]))
                g_error ("README says %s has %" G_GUINT64_FORMAT " %s spans, the file %u",
                         cells[1], expected, header[c], bz_eval_set_get_n_spans (set, header[c]));
            }
        }
    }
  g_assert_nonnull (header);
  g_assert_cmpuint (n_rows, ==, files->len);
  g_assert_null (all);   /* the "all" row was read */
}

/* The gold scores itself perfectly, also when read as a prediction without ids. */
static void
test_gold_self (void)
{
  g_autoptr(GPtrArray) files = gold_files ();
  g_autoptr(BzEvalSet) gold = bz_eval_set_new ();
  g_autoptr(BzEvalSet) pred = bz_eval_set_new ();
  g_autoptr(BzEvalReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) without_ids = g_string_new (NULL);

  for (guint f = 0; f < files->len; f++)
    {
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (bz_eval_set_add_file (gold, g_ptr_array_index (files, f), &error));
      g_assert_true (g_file_get_contents (g_ptr_array_index (files, f), &contents, NULL, &error));
      lines = g_strsplit (contents, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          const char *text = strstr (lines[i], "\"text\"");

          if (text != NULL)
            g_string_append_printf (without_ids, "{%s\n", text);
        }
    }
  g_assert_true (bz_eval_set_add_data (pred, without_ids->str, without_ids->len, "no-ids.jsonl", &error));
  g_assert_no_error (error);
  report = bz_eval_compare (gold, pred, &error);
  g_assert_no_error (error);
  assert_prf (&bz_eval_report_get_micro (report)->strict, bz_eval_set_get_n_spans (gold, NULL), 1.0, 1.0, 1.0);
  g_assert_cmpuint (bz_eval_report_get_n_unpredicted (report), ==, 0);
  g_assert_cmpuint (bz_eval_report_get_n_misses (report, BZ_EVAL_MISSED), ==, 0);
}

/* biaozhu-cli eval, when the command line is built. */
static void
test_cli (void)
{
  const char *cli = g_getenv ("BZ_CLI");
  g_autoptr(GPtrArray) files = gold_files ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (cli == NULL)
    {
      g_test_skip ("biaozhu-cli is not built");
      return;
    }

  {
    const char *argv[] = { cli, "eval", "--gold", g_ptr_array_index (files, 0), "--pred",
                           g_ptr_array_index (files, 0), "--json", "--misses", "3", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (
        json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "micro"), "strict"), "f1"),
      1.0, EPS);
  }

  tmpdir = g_dir_make_tmp ("bz-eval-XXXXXX", &error);
  g_assert_no_error (error);
  bad = g_build_filename (tmpdir, "bad.jsonl", NULL);
  g_assert_true (g_file_set_contents (bad, "{\"text\": \"东城\", \"label\": [[0, 9, \"PLACE\"]]}\n", -1, &error));
  {
    const char *argv[] = { cli, "eval", "--gold", g_ptr_array_index (files, 0), "--pred", bad, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    g_assert_nonnull (strstr (err, "bad.jsonl:1:16: span 1"));
  }
  {
    const char *argv[] = { cli, "eval", "--gold", g_ptr_array_index (files, 0), NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  }
  g_unlink (bad);
  g_rmdir (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/biaozhu/eval/strict-lenient", test_strict_lenient);
  g_test_add_func ("/biaozhu/eval/lenient-one-to-one", test_lenient_one_to_one);
  g_test_add_func ("/biaozhu/eval/duplicates", test_duplicates);
  g_test_add_func ("/biaozhu/eval/empty-prediction", test_empty_prediction);
  g_test_add_func ("/biaozhu/eval/span-objects-and-text-matching", test_span_objects_and_text_matching);
  g_test_add_func ("/biaozhu/eval/misses", test_misses);
  g_test_add_func ("/biaozhu/eval/malformed", test_malformed);
  g_test_add_func ("/biaozhu/eval/unreadable-file", test_unreadable_file);
  g_test_add_func ("/biaozhu/eval/document-mismatch", test_document_mismatch);
  g_test_add_func ("/biaozhu/eval/unmatched-predictions", test_unmatched_predictions);
  g_test_add_data_func ("/biaozhu/eval/gold-valid", "gold", test_gold_valid);
  g_test_add_data_func ("/biaozhu/eval/gold-readme-counts", "gold", test_gold_readme_counts);
  g_test_add_data_func ("/biaozhu/eval/heldout-valid", "gold-heldout", test_gold_valid);
  g_test_add_data_func ("/biaozhu/eval/heldout-readme-counts", "gold-heldout", test_gold_readme_counts);
  g_test_add_data_func ("/biaozhu/eval/dev-valid", "gold-dev", test_gold_valid);
  g_test_add_data_func ("/biaozhu/eval/dev-readme-counts", "gold-dev", test_gold_readme_counts);
  g_test_add_func ("/biaozhu/eval/gold-self", test_gold_self);
  g_test_add_func ("/biaozhu/eval/cli", test_cli);
  return g_test_run ();
}
