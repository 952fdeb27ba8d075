/* test-work.c: a reviewer's work as a file, merged into another workspace
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <biaozhu/biaozhu.h>

#include "store-fixtures.h"

#define SAMPLE "002_f996e536b5069f20.txt"
/* When the decisions of the reviewers' workspaces were made, as the test sets
 * them: long before the merge, so that a merge that stamped its own time
 * would show. */
#define DECIDED_AT G_GINT64_CONSTANT (1700000000)

typedef struct
{
  char    *dir;
  BzStore *alice;
  BzStore *bob;
  char    *alice_file;
  char    *bob_file;
  gint64   alice_document;
} WorkFixture;

static char *
work_path (WorkFixture *f,
           const char  *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* Imports the sample with the extractor's suggestions into a new workspace
 * in independent review, as @reviewer. */
static BzStore *
reviewer_workspace (WorkFixture *f,
                    const char  *name,
                    gint64      *out_document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzExtractor) extractor = bz_extractor_new (NULL, &error);
  g_autofree char *sample = g_build_filename (g_getenv ("BZ_SAMPLES"), SAMPLE, NULL);
  g_autofree char *file = g_strdup_printf ("%s.bzw", name);
  g_autofree char *path = work_path (f, file);
  g_autoptr(BzImportResult) result = NULL;
  BzStore *store = fixture_open (path);

  g_assert_no_error (error);
  result = bz_import_file (store, sample, bz_extractor_annotate, extractor);
  g_assert_no_error (result->error);
  g_assert_true (bz_store_set_review_mode (store, BZ_REVIEW_INDEPENDENT, &error));
  g_assert_no_error (error);
  bz_store_set_reviewer (store, name);
  *out_document_id = result->document_id;
  return store;
}

/* Alice and Bob annotate the same report apart and decide differently; each
 * exports their work. Alice's decisions are dated DECIDED_AT. */
static void
work_set_up (WorkFixture   *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) a_spans = NULL;
  g_autoptr(GPtrArray) b_spans = NULL;
  gint64 bob_document;

  f->dir = fixture_make_dir ();
  f->alice = reviewer_workspace (f, "alice", &f->alice_document);
  f->bob = reviewer_workspace (f, "bob", &bob_document);

  /* Each starts from the suggestions, copied into their layer when read. */
  a_spans = bz_store_list_spans (f->alice, f->alice_document, &error);
  g_assert_no_error (error);
  b_spans = bz_store_list_spans (f->bob, bob_document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a_spans->len, ==, b_spans->len);
  g_assert_cmpuint (a_spans->len, >=, 5);

  /* Alice accepts the first three suggestions and rejects the fourth; Bob
   * rejects the first three and accepts the fifth. Each adds a span. */
  for (guint i = 0; i < 3; i++)
    {
      fixture_set_status (f->alice, bz_span_get_id (g_ptr_array_index (a_spans, i)), BZ_SPAN_ACCEPTED);
      fixture_set_status (f->bob, bz_span_get_id (g_ptr_array_index (b_spans, i)), BZ_SPAN_REJECTED);
    }
  fixture_set_status (f->alice, bz_span_get_id (g_ptr_array_index (a_spans, 3)), BZ_SPAN_REJECTED);
  fixture_set_status (f->bob, bz_span_get_id (g_ptr_array_index (b_spans, 4)), BZ_SPAN_ACCEPTED);
  fixture_add_span (f->alice, f->alice_document, 0, 2, "PLACE", BZ_SPAN_ACCEPTED);
  fixture_add_span (f->bob, bob_document, 2, 4, "ORG", BZ_SPAN_ACCEPTED);

  fixture_run_sql (bz_store_get_path (f->alice),
           "UPDATE history SET timestamp = 1700000000 + id;"
           " UPDATE actions SET created = 1700000000 + id");

  f->alice_file = work_path (f, "alice.jsonl");
  f->bob_file = work_path (f, "bob.jsonl");
  g_assert_true (bz_store_export_work (f->alice, "alice", f->alice_file, &error));
  g_assert_no_error (error);
  g_assert_true (bz_store_export_work (f->bob, "bob", f->bob_file, &error));
  g_assert_no_error (error);
}

static void
work_tear_down (WorkFixture   *f,
                   gconstpointer  data)
{
  g_clear_object (&f->alice);
  g_clear_object (&f->bob);
  fixture_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->alice_file);
  g_free (f->bob_file);
}

static BzMergeReport *
merge (BzStore    *store,
       const char *path)
{
  g_autoptr(GError) error = NULL;
  BzMergeReport *report = NULL;

  g_assert_true (bz_store_merge_work (store, path, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* The history of a layer's spans as "op reviewer timestamp description
 * status-after" lines, in the order of the spans then of the rows. */
static char *
describe_history (BzStore    *store,
                  gint64      document_id,
                  const char *layer)
{
  g_autoptr(GPtrArray) spans = fixture_layer_spans (store, document_id, layer);
  g_autofree char *reviewer = g_strdup (bz_store_get_reviewer (store));
  GString *out = g_string_new (NULL);

  /* A span's history is read in its layer, its reviewer's. */
  bz_store_set_reviewer (store, layer);
  for (guint i = 0; i < spans->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows =
        bz_store_list_span_history (store, bz_span_get_id (g_ptr_array_index (spans, i)), &error);

      g_assert_no_error (error);
      for (guint k = 0; k < rows->len; k++)
        {
          BzHistoryEntry *row = g_ptr_array_index (rows, k);
          g_autoptr(JsonNode) after = row->after ? json_from_string (row->after, NULL) : NULL;

          g_string_append_printf (out, "%u %s %s %" G_GINT64_FORMAT " %s %s\n", i, row->op,
                                  row->reviewer, row->timestamp, row->description,
                                  after ? json_object_get_string_member (json_node_get_object (after), "status") : "-");
        }
    }
  bz_store_set_reviewer (store, reviewer);
  return g_string_free (out, FALSE);
}

/* Both reviewers' work merged into a third workspace: each layer holds
 * exactly its reviewer's decisions, with their history. */
static void
test_merge_two (WorkFixture   *f,
                gconstpointer  data)
{
  g_autofree char *team_path = work_path (f, "team.bzw");
  g_autoptr(BzStore) team = fixture_open (team_path);
  g_autoptr(BzMergeReport) a_report = NULL;
  g_autoptr(BzMergeReport) b_report = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GPtrArray) shared = NULL;
  g_autoptr(GError) error = NULL;
  gint64 document_id;

  bz_store_set_reviewer (team, "carol");
  g_assert_cmpint (bz_store_get_review_mode (team), ==, BZ_REVIEW_SHARED);
  a_report = merge (team, f->alice_file);
  b_report = merge (team, f->bob_file);
  g_assert_cmpint (bz_store_get_review_mode (team), ==, BZ_REVIEW_INDEPENDENT);

  /* One report, recognised the second time by its text. */
  documents = bz_store_list_documents (team, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpstr (a_report->reviewer, ==, "alice");
  g_assert_cmpuint (a_report->n_reports, ==, 1);
  g_assert_cmpuint (a_report->n_reports_added, ==, 1);
  g_assert_cmpuint (b_report->n_reports_added, ==, 0);
  g_assert_cmpuint (a_report->conflicts->len, ==, 0);
  g_assert_cmpuint (b_report->conflicts->len, ==, 0);
  document_id = bz_document_get_id (g_ptr_array_index (documents, 0));
  {
    g_autoptr(BzDocument) there = bz_store_get_document (f->alice, f->alice_document, &error);
    g_autoptr(BzDocument) here = bz_store_get_document (team, document_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (bz_document_get_text (here), ==, bz_document_get_text (there));
  }

  layers = bz_store_list_layers (team, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (layers, 0), ==, "alice");
  g_assert_cmpstr (g_ptr_array_index (layers, 1), ==, "bob");
  shared = fixture_layer_spans (team, document_id, "");
  g_assert_cmpuint (shared->len, ==, 0);

  /* Each layer is its reviewer's, span for span, with the same history. */
  for (guint i = 0; i < 2; i++)
    {
      BzStore *source = i == 0 ? f->alice : f->bob;
      const char *name = i == 0 ? "alice" : "bob";
      BzMergeReport *report = i == 0 ? a_report : b_report;
      g_autoptr(GPtrArray) there = NULL;
      g_autoptr(GPtrArray) here = fixture_layer_spans (team, document_id, name);
      g_autofree char *there_text = NULL;
      g_autofree char *here_text = fixture_describe_spans (here);
      g_autofree char *there_history = NULL;
      g_autofree char *here_history = describe_history (team, document_id, name);
      g_autoptr(BzDocument) document = bz_store_get_document (team, document_id, &error);
      gint64 source_id;

      g_assert_no_error (error);
      source_id = bz_store_find_document_by_text (source, bz_document_get_text (document), &error);
      g_assert_no_error (error);
      g_assert_cmpint (source_id, >, 0);
      there = fixture_layer_spans (source, source_id, name);
      there_text = fixture_describe_spans (there);
      there_history = describe_history (source, source_id, name);
      g_assert_cmpstr (here_text, ==, there_text);
      g_assert_cmpstr (here_history, ==, there_history);
      g_assert_cmpuint (report->n_spans_added, ==, there->len);
      g_assert_cmpuint (report->n_spans_kept, ==, 0);
      /* Four decisions on suggestions and an added span, each with a row. */
      g_assert_cmpuint (report->n_history_added, ==, 5);
      g_assert_nonnull (strstr (here_history, name));
    }
  {
    g_autoptr(GPtrArray) alice_spans = fixture_layer_spans (team, document_id, "alice");
    g_autoptr(GPtrArray) bob_spans = fixture_layer_spans (team, document_id, "bob");
    g_autofree char *alice_layer = fixture_describe_spans (alice_spans);
    g_autofree char *bob_layer = fixture_describe_spans (bob_spans);

    g_assert_cmpstr (alice_layer, !=, bob_layer);
    g_assert_nonnull (strstr (alice_layer, "0-2 PLACE accepted alice\n"));
    g_assert_null (strstr (alice_layer, "2-4 ORG"));
    g_assert_nonnull (strstr (bob_layer, "2-4 ORG accepted bob\n"));
    g_assert_null (strstr (bob_layer, "0-2 PLACE"));
  }
  /* Alice's rows keep the time they were made, long before the merge (the
   * histories compared above hold the timestamps too). */
  {
    g_autofree char *history = describe_history (team, document_id, "alice");
    g_autofree char *stamp = g_strdup_printf (" alice %" G_GINT64_FORMAT, DECIDED_AT / 1000);

    g_assert_nonnull (strstr (history, stamp));
  }

  /* A merged decision is no one's to undo here, not even its reviewer's. */
  g_assert_false (bz_store_can_undo (team));
  bz_store_set_reviewer (team, "alice");
  g_assert_false (bz_store_can_undo (team));
}

/* A span's attributes, note, confidence and source arrive as the reviewer
 * left them, escapes and all. */
static void
test_span_values (WorkFixture   *f,
                  gconstpointer  data)
{
  g_autofree char *team_path = work_path (f, "team.bzw");
  g_autoptr(BzStore) team = fixture_open (team_path);
  g_autoptr(BzMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = work_path (f, "alice-values.jsonl");
  g_autofree char *theirs = NULL;
  g_autofree char *ours = NULL;
  const char *columns = "SELECT start_offset, end_offset, label, attributes, note, confidence,"
                        " source FROM spans WHERE layer = 'alice' ORDER BY 1, 2, 3";

  fixture_run_sql (bz_store_get_path (f->alice),
                   "UPDATE spans SET attributes = '{\"k\":\"v\\u00e9 \\\"q\\\" 中\",\"n\":[1,2.5,{}]}',"
                   " note = 'a \"note\"' || char (10) || 'of two lines \\ 😀', confidence = 0.25,"
                   " source = 'gazetteer:区名'"
                   " WHERE id = (SELECT min (id) FROM spans WHERE layer = 'alice')");
  g_assert_true (bz_store_export_work (f->alice, "alice", file, &error));
  g_assert_no_error (error);
  theirs = fixture_query_text (bz_store_get_path (f->alice), columns);
  g_assert_nonnull (strstr (theirs, "😀"));
  g_assert_nonnull (strstr (theirs, "中"));

  report = merge (team, file);
  ours = fixture_query_text (team_path, columns);
  g_assert_cmpstr (ours, ==, theirs);
}

/* Merging the same files again changes nothing in the database. */
static void
test_idempotent (WorkFixture   *f,
                 gconstpointer  data)
{
  g_autofree char *team_path = work_path (f, "team.bzw");
  g_autoptr(BzStore) team = fixture_open (team_path);
  g_autoptr(BzMergeReport) first = NULL;
  g_autoptr(BzMergeReport) again = NULL;
  g_autoptr(BzMergeReport) bob_again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  first = merge (team, f->alice_file);
  g_clear_pointer (&first, bz_merge_report_free);
  first = merge (team, f->bob_file);
  before = fixture_dump_workspace (bz_store_get_path (team));
  g_assert_nonnull (strstr (before, "review_mode=independent"));

  again = merge (team, f->alice_file);
  bob_again = merge (team, f->bob_file);
  after = fixture_dump_workspace (bz_store_get_path (team));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (again->n_spans_added, ==, 0);
  g_assert_cmpuint (again->n_history_added, ==, 0);
  g_assert_cmpuint (again->n_reports_added, ==, 0);
  g_assert_cmpuint (again->n_spans_kept, >=, 5);
  g_assert_cmpuint (again->conflicts->len, ==, 0);
  g_assert_cmpuint (bob_again->n_spans_added, ==, 0);
}

/* A span the layer holds with another decision stays as it is and is
 * reported. */
static void
test_conflict (WorkFixture   *f,
               gconstpointer  data)
{
  g_autofree char *team_path = work_path (f, "team.bzw");
  g_autoptr(BzStore) team = fixture_open (team_path);
  g_autoptr(BzMergeReport) first = merge (team, f->alice_file);
  g_autoptr(BzMergeReport) again = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(BzDocument) document = bz_store_get_document (f->alice, f->alice_document, &error);
  g_autoptr(GPtrArray) layer = NULL;
  BzSpan *decided = NULL;
  BzMergeConflict *conflict;
  gint64 document_id;

  g_assert_no_error (error);
  document_id = bz_store_find_document_by_text (team, bz_document_get_text (document), &error);
  g_assert_no_error (error);
  bz_store_set_reviewer (team, "alice");
  spans = bz_store_list_spans (team, document_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spans->len && decided == NULL; i++)
    if (bz_span_get_status (g_ptr_array_index (spans, i)) == BZ_SPAN_ACCEPTED)
      decided = g_ptr_array_index (spans, i);
  g_assert_nonnull (decided);
  fixture_set_status (team, bz_span_get_id (decided), BZ_SPAN_REJECTED);
  before = fixture_dump_workspace (bz_store_get_path (team));

  again = merge (team, f->alice_file);
  after = fixture_dump_workspace (bz_store_get_path (team));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (again->conflicts->len, ==, 1);
  conflict = g_ptr_array_index (again->conflicts, 0);
  g_assert_cmpint (conflict->start, ==, bz_span_get_start (decided));
  g_assert_cmpint (conflict->end, ==, bz_span_get_end (decided));
  g_assert_cmpstr (conflict->label, ==, bz_span_get_label (decided));
  g_assert_cmpstr (conflict->kept_status, ==, "rejected");
  g_assert_cmpstr (conflict->file_status, ==, "accepted");
  layer = fixture_layer_spans (team, document_id, "alice");
  g_assert_cmpuint (layer->len, ==, first->n_spans_added);
  g_assert_cmpuint (again->n_spans_kept + 1, ==, first->n_spans_added);
}

/* Copies the work file with its header rewritten by @header_sql (a query
 * of SQLite's JSON functions on the header, put in for %s), and @tail appended. */
static char *
edited_copy (WorkFixture *f,
             const char  *source,
             const char  *name,
             const char  *header_sql,
             const char  *tail)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = work_path (f, name);
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  char *newline;

  g_file_get_contents (source, &contents, NULL, &error);
  g_assert_no_error (error);
  newline = strchr (contents, '\n');
  g_assert_nonnull (newline);
  *newline = '\0';
  if (header_sql != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (header_sql, "%s", -1);
      g_autofree char *sql = g_strjoinv (contents, parts);
      g_autofree char *header = fixture_query_text (":memory:", sql);

      g_string_append (out, header);
    }
  else
    g_string_append_printf (out, "%s\n", contents);
  g_string_append (out, newline + 1);
  if (tail != NULL)
    g_string_append (out, tail);
  g_file_set_contents (path, out->str, out->len, &error);
  g_assert_no_error (error);
  g_string_free (out, TRUE);
  return g_steal_pointer (&path);
}

static void
assert_refused (BzStore    *team,
                const char *path,
                int         code,
                const char *cause)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzMergeReport) report = NULL;
  g_autofree char *before = fixture_dump_workspace (bz_store_get_path (team));
  g_autofree char *after = NULL;

  g_assert_false (bz_store_merge_work (team, path, &report, &error));
  g_assert_error (error, BZ_STORE_ERROR, code);
  g_assert_null (report);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, cause));
  after = fixture_dump_workspace (bz_store_get_path (team));
  g_assert_cmpstr (after, ==, before);
}

/* A file this workspace cannot take is refused whole, with the file and the
 * cause named. */
static void
test_refused (WorkFixture   *f,
              gconstpointer  data)
{
  g_autofree char *team_path = work_path (f, "team.bzw");
  g_autoptr(BzStore) team = fixture_open (team_path);
  g_autofree char *newer = NULL;
  g_autofree char *newer_format = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *headless = NULL;
  g_autofree char *bad_history = NULL;
  g_autofree char *history_not_json = NULL;
  g_autofree char *not_utf8 = NULL;
  g_autofree char *schema_sql = g_strdup_printf ("SELECT json_set ('%%s', '$.schema', %d)",
                                                 BZ_STORE_SCHEMA_VERSION + 1);

  newer = edited_copy (f, f->alice_file, "newer.jsonl", schema_sql, NULL);
  newer_format = edited_copy (f, f->alice_file, "newer-format.jsonl",
                              "SELECT json_set ('%s', '$.version', 2)", NULL);
  labels = edited_copy (f, f->alice_file, "labels.jsonl",
                        "SELECT json_set ('%s', '$.labels', json_array ('ORG', 'PERSON', 'PLACE'))", NULL);
  /* A whole report line first, then a broken one: the first is not kept either. */
  broken = edited_copy (f, f->alice_file, "broken.jsonl", NULL, "{\"title\": \n");
  headless = edited_copy (f, f->alice_file, "headless.jsonl",
                          "SELECT json_remove ('%s', '$.format')", NULL);

  /* A history row whose span is not a JSON object. */
  bad_history = fixture_replace_in_copy (f->alice_file, f->dir, "bad-history.jsonl", "\"after\":\"{", "\"after\":\"[{");
  /* One that starts as an object but is not JSON. */
  history_not_json = fixture_replace_in_copy (f->alice_file, f->dir, "history-not-json.jsonl",
                                              "\"after\":\"{", "\"after\":\"{]");
  /* A report line with a byte that is not UTF-8. */
  not_utf8 = fixture_replace_in_copy (f->alice_file, f->dir, "not-utf8.jsonl", "{\"title\":\"",
                                      "{\"title\":\"\xff");

  assert_refused (team, newer, BZ_STORE_ERROR_TOO_NEW, "newer");
  assert_refused (team, bad_history, BZ_STORE_ERROR_INVALID, "is malformed");
  assert_refused (team, history_not_json, BZ_STORE_ERROR_INVALID, "is malformed");
  assert_refused (team, not_utf8, BZ_STORE_ERROR_INVALID, "line 2: not valid UTF-8");
  assert_refused (team, newer_format, BZ_STORE_ERROR_TOO_NEW, "newer");
  assert_refused (team, labels, BZ_STORE_ERROR_INVALID, "labels");
  assert_refused (team, broken, BZ_STORE_ERROR_INVALID, "line 3");
  assert_refused (team, headless, BZ_STORE_ERROR_INVALID, "line 1");
  g_assert_cmpint (bz_store_get_review_mode (team), ==, BZ_REVIEW_SHARED);

  /* The workspace was left as it was: the good file still merges. */
  {
    g_autoptr(BzMergeReport) report = merge (team, f->alice_file);

    g_assert_cmpuint (report->n_reports_added, ==, 1);
  }
}

/* History rows are written many at a time: one that is not JSON among them
 * is still named, and nothing of the file is kept. */
static void
test_refused_among_many (WorkFixture   *f,
                         gconstpointer  data)
{
  g_autofree char *team_path = work_path (f, "team.bzw");
  g_autoptr(BzStore) team = fixture_open (team_path);
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BzMergeReport) report = NULL;
  g_autofree char *file = work_path (f, "alice-many.jsonl");
  g_autofree char *broken = NULL;

  spans = bz_store_list_spans (f->alice, f->alice_document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, >=, 40);
  for (guint i = 5; i < 40; i++)
    fixture_set_status (f->alice, bz_span_get_id (g_ptr_array_index (spans, i)), BZ_SPAN_ACCEPTED);
  g_assert_true (bz_store_export_work (f->alice, "alice", file, &error));
  g_assert_no_error (error);
  broken = fixture_replace_in_copy (file, f->dir, "alice-many-broken.jsonl", "\"after\":\"{",
                                    "\"after\":\"{]");

  assert_refused (team, broken, BZ_STORE_ERROR_INVALID, "history row 0 of span 0 of");
  report = merge (team, file);
  g_assert_cmpuint (report->n_history_added, >=, 40);
}

/* A workspace in shared review that holds decisions is not switched. */
static void
test_shared_with_decisions (WorkFixture   *f,
                            gconstpointer  data)
{
  g_autofree char *team_path = work_path (f, "team.bzw");
  g_autoptr(BzStore) team = fixture_open (team_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BzMergeReport) report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 document_id = fixture_add_document (team, "其他", TEXT);

  fixture_add_span (team, document_id, 0, 3, "ORG", BZ_SPAN_ACCEPTED);
  before = fixture_dump_workspace (bz_store_get_path (team));
  g_assert_false (bz_store_merge_work (team, f->alice_file, &report, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "review-mode independent"));
  after = fixture_dump_workspace (bz_store_get_path (team));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (bz_store_get_review_mode (team), ==, BZ_REVIEW_SHARED);

  /* Set to independent review by hand, it takes the work. */
  g_clear_error (&error);
  g_assert_true (bz_store_set_review_mode (team, BZ_REVIEW_INDEPENDENT, &error));
  g_assert_no_error (error);
  g_clear_pointer (&report, bz_merge_report_free);
  report = merge (team, f->alice_file);
  g_assert_cmpuint (report->n_reports_added, ==, 1);
}

static BzDocumentStatus
status_as (BzStore    *store,
           const char *reviewer,
           gint64      document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzDocument) info = NULL;

  bz_store_set_reviewer (store, reviewer);
  info = bz_store_get_document_info (store, document_id, &error);
  g_assert_no_error (error);
  return bz_document_get_status (info);
}

/* A report's status travels with the reviewer's layer: the work file carries
 * the layer's, the merge gives it to the reviewer's layer alone, and a
 * status the layer has in the workspace already stays. */
static void
test_status_per_layer (WorkFixture   *f,
                       gconstpointer  data)
{
  g_autofree char *team_path = work_path (f, "team.bzw");
  g_autoptr(BzStore) team = fixture_open (team_path);
  g_autoptr(BzMergeReport) a_report = NULL;
  g_autoptr(BzMergeReport) b_report = NULL;
  g_autoptr(BzMergeReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gint64 document_id;

  g_assert_true (bz_store_mark_reviewed (f->alice, f->alice_document, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bz_store_export_work (f->alice, "alice", f->alice_file, &error));
  g_assert_no_error (error);
  line = fixture_query_text (bz_store_get_path (f->alice), "SELECT status FROM documents");
  g_assert_cmpstr (line, ==, "new\n");

  a_report = merge (team, f->alice_file);
  b_report = merge (team, f->bob_file);
  document_id = fixture_query_int (team_path, "SELECT id FROM documents");
  g_assert_cmpint (status_as (team, "alice", document_id), ==, BZ_DOCUMENT_REVIEWED);
  g_assert_cmpint (status_as (team, "bob", document_id), ==, BZ_DOCUMENT_IN_PROGRESS);
  g_assert_cmpint (status_as (team, "carol", document_id), ==, BZ_DOCUMENT_NEW);
  g_assert_true (bz_store_set_review_mode (team, BZ_REVIEW_SHARED, &error));
  g_assert_cmpint (status_as (team, "carol", document_id), ==, BZ_DOCUMENT_NEW);
  g_assert_true (bz_store_set_review_mode (team, BZ_REVIEW_INDEPENDENT, &error));
  /* The merged actions are each reviewer's, in their layer. */
  g_assert_cmpint (fixture_query_int (team_path, "SELECT count(*) FROM actions WHERE reviewer = 'alice'"
                                                 " AND layer != 'alice'"), ==, 0);
  g_assert_cmpint (fixture_query_int (team_path, "SELECT count(*) FROM actions WHERE layer = 'bob'"), >, 0);

  /* Bob marks his layer reviewed in the team's workspace; his older file
   * merged again leaves it so. */
  bz_store_set_reviewer (team, "bob");
  g_assert_true (bz_store_mark_reviewed (team, document_id, TRUE, NULL, &error));
  g_assert_no_error (error);
  again = merge (team, f->bob_file);
  g_assert_cmpint (status_as (team, "bob", document_id), ==, BZ_DOCUMENT_REVIEWED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/biaozhu/work/merge-two", WorkFixture, NULL, work_set_up, test_merge_two,
              work_tear_down);
  g_test_add ("/biaozhu/work/span-values", WorkFixture, NULL, work_set_up, test_span_values,
              work_tear_down);
  g_test_add ("/biaozhu/work/status-per-layer", WorkFixture, NULL, work_set_up, test_status_per_layer,
              work_tear_down);
  g_test_add ("/biaozhu/work/idempotent", WorkFixture, NULL, work_set_up, test_idempotent,
              work_tear_down);
  g_test_add ("/biaozhu/work/conflict", WorkFixture, NULL, work_set_up, test_conflict,
              work_tear_down);
  g_test_add ("/biaozhu/work/refused-among-many", WorkFixture, NULL, work_set_up,
              test_refused_among_many, work_tear_down);
  g_test_add ("/biaozhu/work/refused", WorkFixture, NULL, work_set_up, test_refused,
              work_tear_down);
  g_test_add ("/biaozhu/work/shared-with-decisions", WorkFixture, NULL, work_set_up,
              test_shared_with_decisions, work_tear_down);
  return g_test_run ();
}
