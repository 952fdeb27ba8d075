/* test-layers.c: review modes, reviewers' own layers and assignments
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <biaozhu/biaozhu.h>

#include "store-fixtures.h"

static GPtrArray *
layer_spans (BzStore    *store,
             gint64      document_id,
             const char *layer)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *spans = bz_store_list_layer_spans (store, document_id, layer, &error);

  g_assert_no_error (error);
  return spans;
}

/* The spans as "start-end LABEL status" lines, to compare layers. */
static char *
describe (GPtrArray *spans)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s %s\n",
                              bz_span_get_start (span), bz_span_get_end (span),
                              bz_span_get_label (span),
                              bz_span_status_to_string (bz_span_get_status (span)));
    }
  return g_string_free (out, FALSE);
}

static guint
count_status (GPtrArray    *spans,
              BzSpanStatus  status)
{
  guint n = 0;

  for (guint i = 0; i < spans->len; i++)
    n += bz_span_get_status (g_ptr_array_index (spans, i)) == status;
  return n;
}

static void
set_mode (BzStore      *store,
          BzReviewMode  mode)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bz_store_set_review_mode (store, mode, &error));
  g_assert_no_error (error);
}

/* Two reviewers decide on the same report apart: each sees the suggestions
 * and their own decisions only, and the shared layer stays as it was. */
static void
test_independent (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shared = NULL;
  g_autoptr(GPtrArray) a_spans = NULL;
  g_autoptr(GPtrArray) b_spans = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(BzSpan) missing = NULL;
  g_autoptr(BzDocument) info = NULL;
  g_autofree char *shared_before = NULL;
  g_autofree char *shared_after = NULL;
  g_autofree char *a_after = NULL;
  gint64 document_id, a_first, a_second, a_human, a_relation, b_first;

  bz_store_set_reviewer (f->store, "importer");
  document_id = fixture_import_sample (f->store);
  shared = fixture_list_spans (f->store, document_id);
  g_assert_cmpuint (shared->len, >=, 4);
  g_assert_cmpuint (count_status (shared, BZ_SPAN_SUGGESTED), ==, shared->len);
  shared_before = describe (shared);
  g_assert_cmpint (bz_store_get_review_mode (f->store), ==, BZ_REVIEW_SHARED);
  g_assert_cmpstr (bz_store_get_layer (f->store), ==, "");

  set_mode (f->store, BZ_REVIEW_INDEPENDENT);
  bz_store_set_reviewer (f->store, "A");
  g_assert_cmpstr (bz_store_get_layer (f->store), ==, "A");

  /* A starts from the shared suggestions, as copies of A's own. */
  a_spans = fixture_list_spans (f->store, document_id);
  {
    g_autofree char *a_before = describe (a_spans);

    g_assert_cmpstr (a_before, ==, shared_before);
  }
  for (guint i = 0; i < a_spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (a_spans, i);

      g_assert_cmpint (bz_span_get_id (span), !=, bz_span_get_id (g_ptr_array_index (shared, i)));
      g_assert_cmpstr (bz_span_get_origin (span), ==, bz_span_get_origin (g_ptr_array_index (shared, i)));
      g_assert_cmpstr (bz_span_get_source (span), ==, bz_span_get_source (g_ptr_array_index (shared, i)));
    }
  a_first = bz_span_get_id (g_ptr_array_index (a_spans, 0));
  a_second = bz_span_get_id (g_ptr_array_index (a_spans, 1));
  fixture_set_status (f->store, a_first, BZ_SPAN_ACCEPTED);
  fixture_set_status (f->store, a_second, BZ_SPAN_REJECTED);
  a_human = fixture_add_span (f->store, document_id, 0, 2, "ORG", BZ_SPAN_ACCEPTED);
  a_relation = bz_store_add_relation (f->store, a_first, a_human, "located_in", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a_relation, >, 0);
  g_clear_pointer (&a_spans, g_ptr_array_unref);
  a_spans = fixture_list_spans (f->store, document_id);
  a_after = describe (a_spans);
  g_assert_cmpuint (a_spans->len, ==, shared->len + 1);
  info = bz_store_get_document_info (f->store, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bz_document_get_n_spans (info), ==, shared->len + 1);
  g_assert_cmpuint (bz_document_get_n_decided (info), ==, 3);
  g_clear_object (&info);

  /* B sees none of it, and decides otherwise. */
  bz_store_set_reviewer (f->store, "B");
  b_spans = fixture_list_spans (f->store, document_id);
  {
    g_autofree char *b_before = describe (b_spans);

    g_assert_cmpstr (b_before, ==, shared_before);
  }
  g_assert_cmpint (bz_store_count_spans (f->store, document_id, &error), ==, shared->len);
  info = bz_store_get_document_info (f->store, document_id, &error);
  g_assert_cmpuint (bz_document_get_n_decided (info), ==, 0);
  relations = bz_store_list_relations (f->store, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 0);
  g_assert_cmpint (bz_store_count_relations (f->store, &error), ==, 0);
  missing = bz_store_get_span (f->store, a_first, &error);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_clear_error (&error);
  g_assert_false (bz_store_set_span_status (f->store, a_first, BZ_SPAN_REJECTED, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (bz_store_delete_span (f->store, a_human, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (bz_store_add_relation (f->store, a_first, a_human, "located_in", NULL, &error), ==, 0);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (bz_store_delete_relation (f->store, a_relation, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  b_first = bz_span_get_id (g_ptr_array_index (b_spans, 0));
  fixture_set_status (f->store, b_first, BZ_SPAN_REJECTED);
  fixture_set_status (f->store, bz_span_get_id (g_ptr_array_index (b_spans, 1)), BZ_SPAN_ACCEPTED);
  /* The same span as A's own is B's too, in B's layer. */
  g_assert_cmpint (fixture_add_span (f->store, document_id, 0, 2, "ORG", BZ_SPAN_REJECTED), !=, a_human);
  /* B's undo reverts B's last action, not A's. */
  fixture_replay (f->store, TRUE, document_id);
  g_clear_pointer (&b_spans, g_ptr_array_unref);
  b_spans = fixture_list_spans (f->store, document_id);
  g_assert_cmpuint (b_spans->len, ==, shared->len);
  g_assert_cmpint (bz_span_get_status (g_ptr_array_index (b_spans, 0)), ==, BZ_SPAN_REJECTED);
  g_assert_cmpint (bz_span_get_status (g_ptr_array_index (b_spans, 1)), ==, BZ_SPAN_ACCEPTED);
  /* An export reads B's layer. */
  {
    g_autoptr(BzStoreRecords) records = bz_store_records_new (f->store, FALSE);
    g_autoptr(BzRecord) record = bz_store_records_read (records, document_id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (record->spans->len, ==, shared->len);
  }

  /* A finds A's layer as A left it, and A's undo is A's own. */
  bz_store_set_reviewer (f->store, "A");
  g_clear_pointer (&again, g_ptr_array_unref);
  again = fixture_list_spans (f->store, document_id);
  {
    g_autofree char *a_again = describe (again);

    g_assert_cmpstr (a_again, ==, a_after);
  }
  fixture_replay (f->store, TRUE, document_id);
  g_clear_pointer (&relations, g_ptr_array_unref);
  relations = bz_store_list_relations (f->store, document_id, &error);
  g_assert_cmpuint (relations->len, ==, 0);
  fixture_replay (f->store, FALSE, document_id);
  g_clear_pointer (&relations, g_ptr_array_unref);
  relations = bz_store_list_relations (f->store, document_id, &error);
  g_assert_cmpuint (relations->len, ==, 1);

  /* Every layer, read from anywhere; the shared one is unchanged. */
  layers = bz_store_list_layers (f->store, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (layers, 0), ==, "");
  g_assert_cmpstr (g_ptr_array_index (layers, 1), ==, "A");
  g_assert_cmpstr (g_ptr_array_index (layers, 2), ==, "B");
  g_clear_pointer (&again, g_ptr_array_unref);
  again = layer_spans (f->store, document_id, "B");
  g_assert_cmpuint (count_status (again, BZ_SPAN_REJECTED), ==, 1);
  g_assert_cmpuint (count_status (again, BZ_SPAN_ACCEPTED), ==, 1);
  g_clear_pointer (&again, g_ptr_array_unref);
  again = layer_spans (f->store, document_id, "");
  shared_after = describe (again);
  g_assert_cmpstr (shared_after, ==, shared_before);

  /* Back in shared review, the shared layer is what everybody sees. */
  set_mode (f->store, BZ_REVIEW_SHARED);
  g_clear_pointer (&again, g_ptr_array_unref);
  again = fixture_list_spans (f->store, document_id);
  g_clear_pointer (&shared_after, g_free);
  shared_after = describe (again);
  g_assert_cmpstr (shared_after, ==, shared_before);
}

/* A suggestion that a reviewer deleted does not come back; one the extractor
 * adds later reaches every reviewer; the extractor writes the shared layer. */
static void
test_seeding (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) shared = NULL;
  g_autoptr(BzSpan) later = NULL;
  gint64 document_id, deleted;
  guint n;

  set_mode (f->store, BZ_REVIEW_INDEPENDENT);
  bz_store_set_reviewer (f->store, "A");
  /* Imported by a reviewer in independent review: the suggestions are shared. */
  document_id = fixture_import_sample (f->store);
  shared = layer_spans (f->store, document_id, "");
  n = shared->len;
  g_assert_cmpuint (n, >=, 2);
  spans = fixture_list_spans (f->store, document_id);
  g_assert_cmpuint (spans->len, ==, n);
  deleted = bz_span_get_id (g_ptr_array_index (spans, 0));
  g_assert_true (bz_store_delete_span (f->store, deleted, &error));
  g_assert_no_error (error);
  g_clear_pointer (&spans, g_ptr_array_unref);
  spans = fixture_list_spans (f->store, document_id);
  g_assert_cmpuint (spans->len, ==, n - 1);

  /* A new suggestion of the shared layer (the extractor's, as it adds them). */
  set_mode (f->store, BZ_REVIEW_SHARED);
  later = bz_span_new (0, 1, "ORG", BZ_SPAN_SUGGESTED, "extractor@test");
  g_assert_cmpint (bz_store_add_span (f->store, document_id, later, &error), >, 0);
  g_assert_no_error (error);
  set_mode (f->store, BZ_REVIEW_INDEPENDENT);
  g_clear_pointer (&spans, g_ptr_array_unref);
  spans = fixture_list_spans (f->store, document_id);
  g_assert_cmpuint (spans->len, ==, n);
  for (guint i = 0; i < spans->len; i++)
    g_assert_cmpint (bz_span_get_id (g_ptr_array_index (spans, i)), !=, deleted);
  g_assert_cmpint (bz_span_get_start (g_ptr_array_index (spans, 0)), ==, 0);
  g_assert_cmpstr (bz_span_get_origin (g_ptr_array_index (spans, 0)), ==, "extractor@test");

  /* A second reviewer takes all of them, the later one included. */
  bz_store_set_reviewer (f->store, "B");
  g_assert_cmpint (bz_store_count_spans (f->store, document_id, &error), ==, n + 1);
  g_assert_cmpint (bz_store_count_uncertain (f->store, document_id, 2.0, &error), ==, n + 1);
  g_assert_no_error (error);
}

/* The extractor learns from the shared layer only: a reviewer's decisions in
 * independent review do not change the suggestions the others get. */
static void
test_learning_apart (Fixture       *f,
                     gconstpointer  data)
{
  static const char text[] = "北京市东城区王府井大街改造项目完成投资3亿元。";
  g_autoptr(GError) error = NULL;
  g_autoptr(BzExtractor) extractor = bz_extractor_new (NULL, &error);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autofree char *longer = g_strconcat ("另外，", text, NULL);
  g_autofree char *surface = NULL;
  g_autofree char *label = NULL;
  gint64 document_id, other_id;
  gboolean found = FALSE;

  g_assert_no_error (error);
  set_mode (f->store, BZ_REVIEW_INDEPENDENT);
  bz_store_set_reviewer (f->store, "A");
  g_assert_true (bz_extractor_load_decisions (extractor, f->store, &error));
  g_assert_no_error (error);
  document_id = fixture_add_document (f->store, "first", text);
  g_assert_true (bz_extractor_annotate_document (extractor, f->store, document_id, text, NULL, &error));
  g_assert_no_error (error);
  first = fixture_list_spans (f->store, document_id);
  g_assert_cmpuint (first->len, >, 0);
  surface = g_strdup (bz_span_get_surface (g_ptr_array_index (first, 0)));
  label = g_strdup (bz_span_get_label (g_ptr_array_index (first, 0)));
  fixture_set_status (f->store, bz_span_get_id (g_ptr_array_index (first, 0)), BZ_SPAN_REJECTED);

  other_id = fixture_add_document (f->store, "second", longer);
  g_assert_true (bz_extractor_annotate_document (extractor, f->store, other_id, longer, NULL, &error));
  g_assert_no_error (error);
  second = layer_spans (f->store, other_id, "");
  for (guint i = 0; i < second->len; i++)
    found |= g_str_equal (bz_span_get_surface (g_ptr_array_index (second, i)), surface)
             && g_str_equal (bz_span_get_label (g_ptr_array_index (second, i)), label);
  g_assert_true (found);
}

/* A reviewer's own layer trains no model of the workspace either: in shared
 * review the reviewed reports are learned from, in independent review none. */
static void
test_training_apart (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 document_id = fixture_add_document (f->store, "r", "北京市东城区王府井大街。");

  fixture_add_span (f->store, document_id, 6, 11, "PLACE", BZ_SPAN_ACCEPTED);
  g_assert_true (bz_store_mark_reviewed (f->store, document_id, FALSE, NULL, &error));
  g_assert_no_error (error);
  for (guint mode = BZ_REVIEW_SHARED; mode <= BZ_REVIEW_INDEPENDENT; mode++)
    {
      g_autoptr(BzTrainingSet) set = bz_training_set_new ();

      set_mode (f->store, mode);
      g_assert_true (bz_training_set_add_reviewed (set, f->store, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (bz_training_set_get_n_reports (set), ==, mode == BZ_REVIEW_SHARED ? 1 : 0);
    }
}

/* Shared review is the single-reviewer flow: one layer, the last decision stands. */
static void
test_shared (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  gint64 document_id = fixture_add_document (f->store, "r", "北京市东城区王府井大街。");
  gint64 span_id;

  bz_store_set_reviewer (f->store, "A");
  span_id = fixture_add_span (f->store, document_id, 3, 6, "PLACE", BZ_SPAN_ACCEPTED);
  bz_store_set_reviewer (f->store, "B");
  g_assert_cmpstr (bz_store_get_layer (f->store), ==, "");
  fixture_set_status (f->store, span_id, BZ_SPAN_REJECTED);
  spans = fixture_list_spans (f->store, document_id);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpint (bz_span_get_status (g_ptr_array_index (spans, 0)), ==, BZ_SPAN_REJECTED);
  g_assert_cmpstr (bz_span_get_reviewer (g_ptr_array_index (spans, 0)), ==, "B");
  layers = bz_store_list_layers (f->store, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (layers, 0), ==, "");
}

static void
record_mode_cb (BzStore *store,
                GArray  *modes)
{
  BzReviewMode mode = bz_store_get_review_mode (store);

  g_array_append_val (modes, mode);
}

/* The review mode is the workspace's: it stays after a reopen, and a mode this
 * version does not know is refused. Those told of the change see the new mode. */
static void
test_mode_setting (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GArray) modes = g_array_new (FALSE, FALSE, sizeof (BzReviewMode));
  BzReviewMode mode = BZ_REVIEW_SHARED;
  gulong id;

  id = g_signal_connect (f->store, "documents-changed", G_CALLBACK (record_mode_cb), modes);
  set_mode (f->store, BZ_REVIEW_INDEPENDENT);
  set_mode (f->store, BZ_REVIEW_SHARED);
  set_mode (f->store, BZ_REVIEW_INDEPENDENT);
  g_signal_handler_disconnect (f->store, id);
  g_assert_cmpuint (modes->len, ==, 3);
  g_assert_cmpint (g_array_index (modes, BzReviewMode, 0), ==, BZ_REVIEW_INDEPENDENT);
  g_assert_cmpint (g_array_index (modes, BzReviewMode, 1), ==, BZ_REVIEW_SHARED);
  g_assert_cmpint (g_array_index (modes, BzReviewMode, 2), ==, BZ_REVIEW_INDEPENDENT);
  bz_store_set_reviewer (f->store, "A");
  f->store = fixture_reopen (f->store);
  g_assert_cmpint (bz_store_get_review_mode (f->store), ==, BZ_REVIEW_INDEPENDENT);
  g_assert_cmpstr (bz_store_get_layer (f->store), ==, "A");
  g_assert_finalize_object (g_steal_pointer (&f->store));

  fixture_exec_sql (f->path, "UPDATE settings SET value = 'other' WHERE key = 'review_mode'");
  store = bz_store_open (f->path, &error);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "other"));
  g_assert_null (store);

  g_assert_true (bz_review_mode_from_string ("independent", &mode));
  g_assert_cmpint (mode, ==, BZ_REVIEW_INDEPENDENT);
  g_assert_false (bz_review_mode_from_string ("Shared", &mode));
  g_assert_cmpstr (bz_review_mode_to_string (BZ_REVIEW_SHARED), ==, "shared");
}

/* A workspace of version 6 keeps its spans (with their ids), relations,
 * history and undo through the migration, and means the same. */
static void
test_migrate_6 (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) history_before = NULL;
  g_autoptr(GPtrArray) history_after = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  gint64 document_id = fixture_add_document (f->store, "r", "北京市东城区王府井大街改造项目完成投资3亿元。");
  gint64 place, project, value, deleted, relation;

  bz_store_set_reviewer (f->store, "A");
  place = fixture_add_span (f->store, document_id, 3, 11, "PLACE", BZ_SPAN_ACCEPTED);
  project = fixture_add_span (f->store, document_id, 6, 15, "PROJECT", BZ_SPAN_SUGGESTED);
  value = fixture_add_span (f->store, document_id, 19, 22, "VALUE", BZ_SPAN_ACCEPTED);
  deleted = fixture_add_span (f->store, document_id, 0, 2, "PLACE", BZ_SPAN_ACCEPTED);
  relation = bz_store_add_relation (f->store, project, place, "located_in", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bz_store_add_relation (f->store, project, value, "has_value", NULL, &error), >, 0);
  fixture_set_status (f->store, project, BZ_SPAN_ACCEPTED);
  g_assert_true (bz_store_delete_span (f->store, deleted, &error));
  g_assert_no_error (error);
  before = fixture_list_spans (f->store, document_id);
  before_text = describe (before);
  history_before = bz_store_list_history (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&f->store));

  fixture_exec_sql (f->path, FIXTURE_DOWNGRADE_TO_6_SQL);
  g_assert_cmpint (fixture_query_int (f->path, "SELECT count(*) FROM relations"), ==, 2);
  g_assert_cmpint (fixture_query_int (f->path, "SELECT count(*) FROM pragma_table_info('spans') WHERE name = 'layer'"),
                   ==, 0);
  g_assert_cmpint (fixture_query_int (f->path, "SELECT count(*) FROM history WHERE after LIKE '%\"layer\"%'"), ==, 0);

  f->store = fixture_open (f->path);
  bz_store_set_reviewer (f->store, "A");
  g_assert_cmpint (fixture_query_int (f->path, "PRAGMA user_version"), ==, BZ_STORE_SCHEMA_VERSION);
  g_assert_cmpint (fixture_query_int (f->path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  after = fixture_list_spans (f->store, document_id);
  after_text = describe (after);
  g_assert_cmpstr (after_text, ==, before_text);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpint (bz_span_get_id (g_ptr_array_index (after, i)), ==,
                     bz_span_get_id (g_ptr_array_index (before, i)));
  relations = bz_store_list_relations (f->store, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 2);
  g_assert_cmpint (((BzRelation *) g_ptr_array_index (relations, 0))->id, ==, relation);
  history_after = bz_store_list_history (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history_after->len, ==, history_before->len);
  g_assert_cmpint (fixture_query_int (f->path, "SELECT count(*) FROM history WHERE entity = 'span'"
                                       " AND json_extract(coalesce(after, before), '$.layer') IS NOT ''"),
                   ==, 0);
  /* A span id is never used twice, the deleted one's included. */
  g_assert_cmpint (fixture_add_span (f->store, document_id, 12, 14, "ORG", BZ_SPAN_ACCEPTED), >, deleted);
  fixture_replay (f->store, TRUE, document_id);

  /* Undo of the delete brings the span and its id back into the shared layer. */
  fixture_replay (f->store, TRUE, document_id);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = fixture_list_spans (f->store, document_id);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  {
    g_autoptr(BzSpan) back = bz_store_get_span (f->store, deleted, &error);

    g_assert_no_error (error);
    g_assert_cmpint (bz_span_get_start (back), ==, 0);
  }
  /* Undo of the acceptance before the migration. */
  fixture_replay (f->store, TRUE, document_id);
  {
    g_autoptr(BzSpan) reverted = bz_store_get_span (f->store, project, &error);

    g_assert_no_error (error);
    g_assert_cmpint (bz_span_get_status (reverted), ==, BZ_SPAN_SUGGESTED);
  }
  fixture_replay (f->store, FALSE, document_id);
  fixture_replay (f->store, FALSE, document_id);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = fixture_list_spans (f->store, document_id);
  g_clear_pointer (&after_text, g_free);
  after_text = describe (after);
  g_assert_cmpstr (after_text, ==, before_text);

  /* The same span may now stand in two layers. */
  set_mode (f->store, BZ_REVIEW_INDEPENDENT);
  g_assert_cmpint (fixture_add_span (f->store, document_id, 3, 11, "PLACE", BZ_SPAN_REJECTED), !=, place);
}

/* The documents assigned per reviewer, and those with two. */
static void
tally (GPtrArray  *assignments,
       GHashTable *per_reviewer,
       guint      *out_n_documents,
       guint      *out_n_double)
{
  g_autoptr(GHashTable) per_document = g_hash_table_new (g_int64_hash, g_int64_equal);

  *out_n_double = 0;
  for (guint i = 0; i < assignments->len; i++)
    {
      BzAssignment *a = g_ptr_array_index (assignments, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_document, &a->document_id)) + 1;

      g_hash_table_insert (per_document, &a->document_id, GUINT_TO_POINTER (n));
      if (n == 2)
        (*out_n_double)++;
      g_assert_cmpuint (n, <=, 2);
      g_hash_table_insert (per_reviewer, a->reviewer,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (per_reviewer, a->reviewer)) + 1));
    }
  *out_n_documents = g_hash_table_size (per_document);
}

static char *
describe_assignments (GPtrArray *assignments)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < assignments->len; i++)
    {
      BzAssignment *a = g_ptr_array_index (assignments, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT " %s\n", a->document_id, a->reviewer);
    }
  return g_string_free (out, FALSE);
}

static void
count_changed_cb (guint *n_changed)
{
  (*n_changed)++;
}

static GPtrArray *
assign (BzStore            *store,
        const char * const *reviewers,
        double              share,
        double              overlap,
        guint32             seed)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *assignments;

  g_assert_true (bz_store_assign (store, reviewers, share, overlap, seed, &error));
  g_assert_no_error (error);
  assignments = bz_store_list_assignments (store, &error);
  g_assert_no_error (error);
  return assignments;
}

static void
test_assign (Fixture       *f,
             gconstpointer  data)
{
  static const char * const three[] = { "A", "B", "C", NULL };
  static const char * const one[] = { "A", NULL };
  static const char * const twice[] = { "A", "B", "A", NULL };
  static const char * const curated[] = { "A", BZ_LAYER_CURATED, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) same = NULL;
  g_autoptr(GPtrArray) half = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GHashTable) per_reviewer = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *all_text = NULL;
  g_autofree char *same_text = NULL;
  g_autofree char *kept_text = NULL;
  guint n_documents, n_double, n_changed = 0;

  g_signal_connect_swapped (f->store, "documents-changed", G_CALLBACK (count_changed_cb), &n_changed);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *text = g_strdup_printf ("第%u号报告：北京市东城区。", i + 1);

      fixture_add_document (f->store, text, text);
    }

  /* Every report, one in five by two reviewers: 24 assignments, 8 each. */
  n_changed = 0;
  all = assign (f->store, three, 1.0, 0.2, 7);
  g_assert_cmpuint (n_changed, ==, 1);
  tally (all, per_reviewer, &n_documents, &n_double);
  g_assert_cmpuint (n_documents, ==, 20);
  g_assert_cmpuint (n_double, ==, 4);
  g_assert_cmpuint (all->len, ==, 24);
  for (guint i = 0; three[i] != NULL; i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (per_reviewer, three[i])), ==, 8);

  /* The same seed gives the same assignment; another seed another one. */
  same = assign (f->store, three, 1.0, 0.2, 7);
  all_text = describe_assignments (all);
  same_text = describe_assignments (same);
  g_assert_cmpstr (same_text, ==, all_text);
  g_clear_pointer (&same, g_ptr_array_unref);
  g_clear_pointer (&same_text, g_free);
  same = assign (f->store, three, 1.0, 0.2, 8);
  same_text = describe_assignments (same);
  g_assert_cmpstr (same_text, !=, all_text);

  /* Half the reports, a fifth of those by two. */
  half = assign (f->store, three, 0.5, 0.2, 7);
  g_hash_table_remove_all (per_reviewer);
  tally (half, per_reviewer, &n_documents, &n_double);
  g_assert_cmpuint (n_documents, ==, 10);
  g_assert_cmpuint (n_double, ==, 2);
  g_assert_cmpuint (half->len, ==, 12);

  /* Refused, and the assignment stays. */
  kept_text = describe_assignments (half);
  n_changed = 0;
  g_assert_false (bz_store_assign (f->store, one, 1.0, 0.2, 7, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bz_store_assign (f->store, twice, 1.0, 0, 7, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bz_store_assign (f->store, curated, 1.0, 0, 7, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bz_store_assign (f->store, three, 0, 0, 7, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bz_store_assign (f->store, three, 1.0, 1.5, 7, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  kept = bz_store_list_assignments (f->store, &error);
  g_assert_no_error (error);
  {
    g_autofree char *now = describe_assignments (kept);

    g_assert_cmpstr (now, ==, kept_text);
  }
  g_assert_cmpuint (n_changed, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/biaozhu/layers/independent", Fixture, NULL, fixture_set_up, test_independent,
              fixture_tear_down);
  g_test_add ("/biaozhu/layers/seeding", Fixture, NULL, fixture_set_up, test_seeding, fixture_tear_down);
  g_test_add ("/biaozhu/layers/learning-apart", Fixture, NULL, fixture_set_up, test_learning_apart,
              fixture_tear_down);
  g_test_add ("/biaozhu/layers/training-apart", Fixture, NULL, fixture_set_up, test_training_apart,
              fixture_tear_down);
  g_test_add ("/biaozhu/layers/shared", Fixture, NULL, fixture_set_up, test_shared, fixture_tear_down);
  g_test_add ("/biaozhu/layers/mode-setting", Fixture, NULL, fixture_set_up, test_mode_setting,
              fixture_tear_down);
  g_test_add ("/biaozhu/layers/migrate-6", Fixture, NULL, fixture_set_up, test_migrate_6, fixture_tear_down);
  g_test_add ("/biaozhu/layers/assign", Fixture, NULL, fixture_set_up, test_assign, fixture_tear_down);
  return g_test_run ();
}
