/* test-documents.c: a document's title, note and list fields, and the migration that added them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>

#include "store-fixtures.h"

static void
documents_set_up (Fixture       *f,
                  gconstpointer  data)
{
  fixture_set_up (f, data);
  bz_store_set_reviewer (f->store, "王芳");
  f->document_id = fixture_add_document (f->store, "report", TEXT);
}

static BzDocument *
get_document (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  BzDocument *document = bz_store_get_document (f->store, f->document_id, &error);

  g_assert_no_error (error);
  return document;
}

/* "title|note" of the document as stored. */
static char *
describe (Fixture *f)
{
  g_autoptr(BzDocument) document = get_document (f);

  return g_strdup_printf ("%s|%s", bz_document_get_title (document),
                          bz_document_get_note (document) != NULL ? bz_document_get_note (document) : "(none)");
}

static void
count_cb (BzStore *store,
          guint   *n)
{
  (*n)++;
}

static void
assert_state (Fixture    *f,
              const char *want)
{
  g_autofree char *state = describe (f);

  g_assert_cmpstr (state, ==, want);
}

/* A title and a note are each one undoable action, kept across a reopen. */
static void
test_note_and_title (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  guint n_changed = 0;

  g_signal_connect (f->store, "documents-changed", G_CALLBACK (count_cb), &n_changed);
  g_assert_true (bz_store_set_document_title (f->store, f->document_id, "  东城区\n政府工作报告\t ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);
  assert_state (f, "东城区 政府工作报告|(none)");
  g_assert_true (bz_store_set_document_note (f->store, f->document_id, "第三段的数据待核实。\n见附表。", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 2);
  assert_state (f, "东城区 政府工作报告|第三段的数据待核实。\n见附表。");

  /* Writing what is there already is no action. */
  g_assert_true (bz_store_set_document_note (f->store, f->document_id, "第三段的数据待核实。\n见附表。", &error));
  g_assert_cmpuint (n_changed, ==, 2);

  f->store = fixture_reopen (f->store);
  fixture_replay (f->store, TRUE, f->document_id);
  assert_state (f, "东城区 政府工作报告|(none)");
  fixture_replay (f->store, TRUE, f->document_id);
  assert_state (f, "report|(none)");
  g_assert_false (bz_store_can_undo (f->store));
  f->store = fixture_reopen (f->store);
  fixture_replay (f->store, FALSE, f->document_id);
  fixture_replay (f->store, FALSE, f->document_id);
  assert_state (f, "东城区 政府工作报告|第三段的数据待核实。\n见附表。");

  /* White space only removes the note, as NULL does. */
  g_assert_true (bz_store_set_document_note (f->store, f->document_id, " \n　", &error));
  assert_state (f, "东城区 政府工作报告|(none)");
  g_assert_true (bz_store_set_document_note (f->store, f->document_id, "再看", &error));
  g_assert_true (bz_store_set_document_note (f->store, f->document_id, NULL, &error));
  g_assert_no_error (error);
  assert_state (f, "东城区 政府工作报告|(none)");
  fixture_replay (f->store, TRUE, f->document_id);
  assert_state (f, "东城区 政府工作报告|再看");

  /* What breaks a rule is refused, and nothing is written. */
  g_assert_false (bz_store_set_document_title (f->store, f->document_id, " \n ", &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bz_store_set_document_title (f->store, f->document_id, "\xff\xfe", &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bz_store_set_document_note (f->store, f->document_id + 1, "无此文档", &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_state (f, "东城区 政府工作报告|再看");

  /* History keeps the document's status, title and note before and after. */
  history = bz_store_list_history (f->store, f->document_id, &error);
  g_assert_no_error (error);
  {
    BzHistoryEntry *first = g_ptr_array_index (history, 0);
    g_autoptr(JsonNode) before = json_from_string (first->before, &error);
    g_autoptr(JsonNode) after = json_from_string (first->after, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (first->entity, ==, "document");
    g_assert_cmpstr (first->op, ==, "update");
    g_assert_cmpstr (first->reviewer, ==, "王芳");
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (before), "title"), ==, "report");
    g_assert_true (json_object_get_null_member (json_node_get_object (before), "note"));
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (after), "title"), ==,
                     "东城区 政府工作报告");
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (after), "status"), ==, "new");
  }
}

/* What a document list needs comes with each document of one listing, as
 * getters and as properties. */
static void
test_list_fields (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(BzCanonicalText) ct = fixture_canonical_text ("東城區人民政府工作報告", "BIG5");
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  BzDocument *document;
  guint n_spans, n_decided, n_undecided, n_warnings, status, script;
  gint64 other;

  ct->script = BZ_SCRIPT_TRADITIONAL;
  fixture_add_warning (ct, 0, 1, "replacement-char", "U+FFFD");
  fixture_add_warning (ct, 3, 5, "mojibake", "?qū");
  other = bz_store_add_document (f->store, "東城區", "/data/b.txt", ct, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (other, >, 0);

  g_assert_true (bz_store_begin (f->store, "extractor run", FALSE, &error));
  fixture_add_span (f->store, f->document_id, 4, 7, "PLACE", BZ_SPAN_SUGGESTED);
  fixture_add_span (f->store, f->document_id, 12, 15, "PLACE", BZ_SPAN_SUGGESTED);
  fixture_add_span (f->store, f->document_id, 12, 18, "ORG", BZ_SPAN_SUGGESTED);
  g_assert_true (bz_store_commit (f->store, &error));
  fixture_add_span (f->store, f->document_id, 0, 3, "ORG", BZ_SPAN_ACCEPTED);
  fixture_add_span (f->store, f->document_id, 21, 34, "POLICY", BZ_SPAN_REJECTED);
  g_assert_true (bz_store_set_document_note (f->store, other, "繁体稿，以简体稿为准", &error));
  g_assert_no_error (error);

  documents = bz_store_list_documents (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);

  document = g_ptr_array_index (documents, 0);
  g_assert_cmpuint (bz_document_get_n_spans (document), ==, 5);
  g_assert_cmpuint (bz_document_get_n_decided (document), ==, 2);
  g_assert_cmpuint (bz_document_get_n_undecided (document), ==, 3);
  g_assert_cmpuint (bz_document_get_n_warnings (document), ==, 0);
  g_assert_null (bz_document_get_note (document));

  /* One document's row alone, as the list gives it: without its text. */
  for (guint i = 0; i < documents->len; i++)
    {
      BzDocument *listed = g_ptr_array_index (documents, i);
      g_autoptr(BzDocument) info = bz_store_get_document_info (f->store, bz_document_get_id (listed), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (bz_document_get_title (info), ==, bz_document_get_title (listed));
      g_assert_cmpuint (bz_document_get_n_spans (info), ==, bz_document_get_n_spans (listed));
      g_assert_cmpuint (bz_document_get_n_decided (info), ==, bz_document_get_n_decided (listed));
      g_assert_cmpuint (bz_document_get_n_warnings (info), ==, bz_document_get_n_warnings (listed));
      g_assert_cmpint (bz_document_get_status (info), ==, bz_document_get_status (listed));
      g_assert_cmpstr (bz_document_get_note (info), ==, bz_document_get_note (listed));
    }
  {
    g_autoptr(BzDocument) missing = bz_store_get_document_info (f->store, 9999, &error);

    g_assert_null (missing);
    g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  document = g_ptr_array_index (documents, 1);
  g_object_get (document, "title", &title, "note", &note, "n-spans", &n_spans, "n-decided", &n_decided,
                "n-undecided", &n_undecided, "n-warnings", &n_warnings, "status", &status, "script", &script,
                NULL);
  g_assert_cmpstr (title, ==, "東城區");
  g_assert_cmpstr (note, ==, "繁体稿，以简体稿为准");
  g_assert_cmpuint (n_spans, ==, 0);
  g_assert_cmpuint (n_decided, ==, 0);
  g_assert_cmpuint (n_undecided, ==, 0);
  g_assert_cmpuint (n_warnings, ==, 2);
  g_assert_cmpuint (status, ==, BZ_DOCUMENT_NEW);
  g_assert_cmpuint (script, ==, BZ_SCRIPT_TRADITIONAL);
}

static BzDocumentStatus
status_of (Fixture *f)
{
  g_autoptr(BzDocument) document = get_document (f);

  return bz_document_get_status (document);
}

/* Suggestions as an extractor run leaves them, which is not undoable. */
static void
add_suggestions (Fixture *f,
                 gint64  *out_a,
                 gint64  *out_b)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bz_store_begin (f->store, "extractor run", FALSE, &error));
  *out_a = fixture_add_span (f->store, f->document_id, 4, 7, "PLACE", BZ_SPAN_SUGGESTED);
  *out_b = fixture_add_span (f->store, f->document_id, 12, 18, "ORG", BZ_SPAN_SUGGESTED);
  g_assert_true (bz_store_commit (f->store, &error));
  g_assert_no_error (error);
}

typedef gboolean (*DecisionFunc) (BzStore *store, gint64 document_id, gint64 a, gint64 b, GError **error);

static gboolean
decide_accept (BzStore *store, gint64 document_id, gint64 a, gint64 b, GError **error)
{
  return bz_store_set_span_status (store, a, BZ_SPAN_ACCEPTED, error);
}

static gboolean
decide_reject (BzStore *store, gint64 document_id, gint64 a, gint64 b, GError **error)
{
  return bz_store_set_span_status (store, a, BZ_SPAN_REJECTED, error);
}

static gboolean
decide_add (BzStore *store, gint64 document_id, gint64 a, gint64 b, GError **error)
{
  g_autoptr(BzSpan) span = bz_span_new (21, 34, "POLICY", BZ_SPAN_ACCEPTED, "human");

  return bz_store_add_span (store, document_id, span, error) > 0;
}

static gboolean
decide_relabel (BzStore *store, gint64 document_id, gint64 a, gint64 b, GError **error)
{
  return bz_store_set_span_label (store, a, "ORG", error);
}

static gboolean
decide_move (BzStore *store, gint64 document_id, gint64 a, gint64 b, GError **error)
{
  return bz_store_set_span_bounds (store, a, 4, 9, error);
}

static gboolean
decide_note (BzStore *store, gint64 document_id, gint64 a, gint64 b, GError **error)
{
  return bz_store_set_span_note (store, a, "是街道名", error);
}

static gboolean
decide_relation (BzStore *store, gint64 document_id, gint64 a, gint64 b, GError **error)
{
  return bz_store_add_relation (store, b, a, "located_in", NULL, error) > 0;
}

static gboolean
decide_delete (BzStore *store, gint64 document_id, gint64 a, gint64 b, GError **error)
{
  return bz_store_delete_span (store, b, error);
}

/* The first decision on a new report makes it in progress in the same
 * action: one undo brings back both the spans and "new". */
static void
test_status_by_decision (Fixture       *f,
                         gconstpointer  data)
{
  DecisionFunc decide = (DecisionFunc) data;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *state = NULL;
  guint n_changed = 0;
  gint64 a, b;

  add_suggestions (f, &a, &b);
  g_assert_cmpint (status_of (f), ==, BZ_DOCUMENT_NEW);
  before = g_strdup_printf ("%" G_GINT64_FORMAT " spans, %" G_GINT64_FORMAT " relations",
                            bz_store_count_spans (f->store, f->document_id, NULL),
                            bz_store_count_relations (f->store, NULL));

  g_signal_connect (f->store, "documents-changed", G_CALLBACK (count_cb), &n_changed);
  g_assert_true (decide (f->store, f->document_id, a, b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f), ==, BZ_DOCUMENT_IN_PROGRESS);
  /* The list hears of it. */
  g_assert_cmpuint (n_changed, ==, 1);

  f->store = fixture_reopen (f->store);
  fixture_replay (f->store, TRUE, f->document_id);
  g_assert_cmpint (status_of (f), ==, BZ_DOCUMENT_NEW);
  state = g_strdup_printf ("%" G_GINT64_FORMAT " spans, %" G_GINT64_FORMAT " relations",
                           bz_store_count_spans (f->store, f->document_id, NULL),
                           bz_store_count_relations (f->store, NULL));
  g_assert_cmpstr (state, ==, before);
  /* Nothing else was done: the decision was one action. */
  g_assert_false (bz_store_can_undo (f->store));
  fixture_replay (f->store, FALSE, f->document_id);
  g_assert_cmpint (status_of (f), ==, BZ_DOCUMENT_IN_PROGRESS);
}

/* What is no reviewer's decision leaves the status alone, and a reviewed
 * report stays reviewed. */
static void
test_status_not_by_others (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a, b;

  /* Suggestions, an import's accepted spans: no decision of a reviewer. */
  add_suggestions (f, &a, &b);
  fixture_add_span (f->store, f->document_id, 35, 38, "INDICATOR", BZ_SPAN_SUGGESTED);
  g_assert_true (bz_store_begin (f->store, "import", FALSE, &error));
  fixture_add_span (f->store, f->document_id, 0, 3, "ORG", BZ_SPAN_ACCEPTED);
  g_assert_true (bz_store_set_span_status (f->store, a, BZ_SPAN_ACCEPTED, &error));
  g_assert_true (bz_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f), ==, BZ_DOCUMENT_NEW);

  /* Reviewed only by marking; a later decision leaves it reviewed. */
  g_assert_true (bz_store_mark_reviewed (f->store, f->document_id, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f), ==, BZ_DOCUMENT_REVIEWED);
  g_assert_true (bz_store_set_span_status (f->store, b, BZ_SPAN_ACCEPTED, &error));
  g_assert_true (bz_store_set_span_label (f->store, b, "PLACE", &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f), ==, BZ_DOCUMENT_REVIEWED);

  /* Marking a new report reviewed goes straight there: its rejections are
   * part of the marking. */
  fixture_replay (f->store, TRUE, f->document_id);
  fixture_replay (f->store, TRUE, f->document_id);
  fixture_replay (f->store, TRUE, f->document_id);
  g_assert_cmpint (status_of (f), ==, BZ_DOCUMENT_NEW);
  {
    g_autoptr(GPtrArray) history = bz_store_list_history (f->store, f->document_id, &error);
    guint n_marks = 0;

    for (guint i = 0; i < history->len; i++)
      {
        BzHistoryEntry *entry = g_ptr_array_index (history, i);

        if (g_str_equal (entry->kind, "change") && g_str_equal (entry->entity, "document"))
          {
            n_marks++;
            g_assert_nonnull (strstr (entry->before, "\"new\""));
            g_assert_nonnull (strstr (entry->after, "\"reviewed\""));
          }
      }
    g_assert_cmpuint (n_marks, ==, 1);
  }
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Takes a workspace of this version back to version 3 by hand: no notes,
 * guidelines or history indexes, and document rows of history without a note. */
static void
downgrade_to_3 (const char *path)
{
  fixture_exec_sql (path, FIXTURE_DOWNGRADE_TO_4_SQL);
  fixture_exec_sql (path,
            "BEGIN;"
            "DROP INDEX history_row;"
            "DROP INDEX history_document;"
            "ALTER TABLE documents DROP COLUMN note;"
            "ALTER TABLE labels DROP COLUMN guideline_zh;"
            "ALTER TABLE labels DROP COLUMN guideline_en;"
            "UPDATE history SET before = json_remove(before, '$.note')"
            "  WHERE entity = 'document' AND before IS NOT NULL;"
            "UPDATE history SET after = json_remove(after, '$.note')"
            "  WHERE entity = 'document' AND after IS NOT NULL;"
            "PRAGMA user_version = 3;"
            "COMMIT;");
}

/* A workspace of version 3 opens as the current version: documents take notes, and the
 * actions recorded before the migration still undo. */
static void
test_migrate_from_3 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *row = NULL;
  g_autoptr(BzDocument) document = NULL;

  g_assert_true (bz_store_set_document_status (f->store, f->document_id, BZ_DOCUMENT_IN_PROGRESS, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&f->store));
  downgrade_to_3 (f->path);
  row = query_text (f->path, "SELECT after FROM history WHERE entity = 'document'");
  g_assert_cmpstr (row, ==, "{\"status\":\"in-progress\",\"title\":\"report\"}");
  g_clear_pointer (&row, g_free);

  f->store = fixture_open (f->path);
  bz_store_set_reviewer (f->store, "王芳");
  version = query_text (f->path, "PRAGMA user_version");
  g_assert_cmpint (g_ascii_strtoll (version, NULL, 10), ==, BZ_STORE_SCHEMA_VERSION);
  row = query_text (f->path, "SELECT after FROM history WHERE entity = 'document'");
  g_assert_cmpstr (row, ==, "{\"status\":\"in-progress\",\"title\":\"report\",\"note\":null,\"layer\":\"\"}");

  /* The default labels take the default guidelines. */
  {
    g_autoptr(BzLabel) place = bz_store_get_label (f->store, "PLACE");

    g_assert_nonnull (strstr (bz_label_get_guideline (place, "zh"), "王府井地区 → 王府井"));
    g_assert_nonnull (strstr (bz_label_get_guideline (place, "en"), "王府井地区 → 王府井"));
  }

  /* The status change of version 3 undoes as it did. */
  fixture_replay (f->store, TRUE, f->document_id);
  document = get_document (f);
  g_assert_cmpint (bz_document_get_status (document), ==, BZ_DOCUMENT_NEW);
  g_assert_true (bz_store_set_document_note (f->store, f->document_id, "迁移后", &error));
  g_assert_no_error (error);
  assert_state (f, "report|迁移后");
}

static gint64
add_imported (BzStore    *store,
              const char *title,
              const char *source_path,
              const char *text)
{
  g_autoptr(BzCanonicalText) ct = fixture_canonical_text (text, "UTF-8");
  g_autoptr(GError) error = NULL;
  gint64 id = bz_store_add_document (store, title, source_path, ct, NULL, &error);

  g_assert_no_error (error);
  return id;
}

/* Reports imported before version 4 were titled by their files' base names:
 * the migration titles them by their heading lines, and their history with
 * them; other titles stay. */
static void
test_migrate_titles (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *row = NULL;
  gint64 hashed, renamed, blank;

  hashed = add_imported (f->store, "000_3f1c054c4ba4af40.txt", "/data/samples/000_3f1c054c4ba4af40.txt",
                         "\n　一、2018年国民经济和社会发展计划上半年执行情况\n今年以来，全区上下……\n");
  renamed = add_imported (f->store, "西城区报告", "/data/b.txt", "2019年北京市西城区人民政府工作报告\n");
  blank = add_imported (f->store, "blank.txt", "/data/blank.txt", "\u200b\n");
  g_assert_true (bz_store_set_document_status (f->store, hashed, BZ_DOCUMENT_IN_PROGRESS, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&f->store));
  downgrade_to_3 (f->path);

  f->store = fixture_open (f->path);
  bz_store_set_reviewer (f->store, "王芳");
  documents = bz_store_list_documents (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 4);
  g_assert_cmpstr (bz_document_get_title (documents->pdata[1]), ==, "一、2018年国民经济和社会发展计划上半年执行情况");
  g_assert_cmpint (bz_document_get_id (documents->pdata[1]), ==, hashed);
  g_assert_cmpstr (bz_document_get_source_path (documents->pdata[1]), ==, "/data/samples/000_3f1c054c4ba4af40.txt");
  /* A title that is not the file's name was given by someone: it stays. */
  g_assert_cmpstr (bz_document_get_title (documents->pdata[2]), ==, "西城区报告");
  g_assert_cmpint (bz_document_get_id (documents->pdata[2]), ==, renamed);
  /* No heading line: the name stays. */
  g_assert_cmpstr (bz_document_get_title (documents->pdata[3]), ==, "blank.txt");
  g_assert_cmpint (bz_document_get_id (documents->pdata[3]), ==, blank);

  row = query_text (f->path, "SELECT after FROM history WHERE entity = 'document'");
  g_assert_cmpstr (row, ==, "{\"status\":\"in-progress\",\"title\":\"一、2018年国民经济和社会发展计划上半年执行情况\","
                            "\"note\":null,\"layer\":\"\"}");
  /* The status change of version 3 undoes, and keeps the new title. */
  fixture_replay (f->store, TRUE, hashed);
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents = bz_store_list_documents (f->store, &error);
  g_assert_cmpint (bz_document_get_status (documents->pdata[1]), ==, BZ_DOCUMENT_NEW);
  g_assert_cmpstr (bz_document_get_title (documents->pdata[1]), ==, "一、2018年国民经济和社会发展计划上半年执行情况");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/biaozhu/documents/" name, Fixture, NULL, documents_set_up, func, fixture_tear_down)
  ADD ("note-and-title", test_note_and_title);
  ADD ("list-fields", test_list_fields);
  ADD ("migrate-from-3", test_migrate_from_3);
  ADD ("status-not-by-others", test_status_not_by_others);
  ADD ("migrate-titles", test_migrate_titles);
#undef ADD
#define DECISION(name, func) \
  g_test_add ("/biaozhu/documents/status-by-decision/" name, Fixture, func, documents_set_up, \
              test_status_by_decision, fixture_tear_down)
  DECISION ("accept", decide_accept);
  DECISION ("reject", decide_reject);
  DECISION ("add", decide_add);
  DECISION ("relabel", decide_relabel);
  DECISION ("move", decide_move);
  DECISION ("span-note", decide_note);
  DECISION ("relation", decide_relation);
  DECISION ("delete", decide_delete);
#undef DECISION

  return g_test_run ();
}
