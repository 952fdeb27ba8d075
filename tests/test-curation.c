/* test-curation.c: adjudication of two reviewers' layers into the curated layer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <biaozhu/biaozhu.h>

#include "store-fixtures.h"

static char *
key_of (BzSpan *span)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s", bz_span_get_start (span),
                          bz_span_get_end (span), bz_span_get_label (span));
}

/* The keys of a layer's accepted spans. */
static GHashTable *
accepted_keys (BzStore    *store,
               gint64      document_id,
               const char *layer)
{
  g_autoptr(GPtrArray) spans = fixture_layer_spans (store, document_id, layer);
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < spans->len; i++)
    if (bz_span_get_status (g_ptr_array_index (spans, i)) == BZ_SPAN_ACCEPTED)
      g_hash_table_add (keys, key_of (g_ptr_array_index (spans, i)));
  return keys;
}

static BzDocumentStatus
document_status (BzStore *store,
                 gint64   document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzDocument) info = bz_store_get_document_info (store, document_id, &error);

  g_assert_no_error (error);
  return bz_document_get_status (info);
}

static BzCuration *
curation (BzStore *store,
          gint64   document_id)
{
  g_autoptr(GError) error = NULL;
  BzCuration *curation = bz_curation_new (store, document_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (curation);
  return curation;
}

/* The reviewers' layers, their status and history: what curation must leave. */
static char *
dump_reviewers (const char *path)
{
  g_autofree char *spans = fixture_query_text (path, "SELECT * FROM spans WHERE layer NOT LIKE '@%' ORDER BY id");
  g_autofree char *status = fixture_query_text (path, "SELECT * FROM layer_status WHERE layer NOT LIKE '@%'"
                                                      " ORDER BY document_id, layer");
  g_autofree char *documents = fixture_query_text (path, "SELECT id, status FROM documents ORDER BY id");
  g_autofree char *history = fixture_query_text (path, "SELECT * FROM history WHERE coalesce (json_extract ("
                                                       "coalesce (after, before), '$.layer'), '') NOT LIKE '@%'"
                                                       " ORDER BY id");

  return g_strjoin ("--\n", spans, status, documents, history, NULL);
}

/* The curated layer is offered the union of the reviewers' accepted spans;
 * the marks say who accepted which; agreed = accepted by both. */
static void
test_marks (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GHashTable) wang = NULL;
  g_autoptr(GHashTable) li = NULL;
  g_autoptr(BzCuration) cur = NULL;
  g_autoptr(GHashTable) offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  FixtureTwoReviewers two = fixture_review_apart (f->store);
  guint n_agreed = 0, n_union = 0;
  GHashTableIter iter;
  gpointer key;

  wang = accepted_keys (f->store, two.document_id, "王芳");
  li = accepted_keys (f->store, two.document_id, "李明");
  g_assert_cmpuint (g_hash_table_size (wang), ==, 12);
  g_assert_cmpuint (g_hash_table_size (li), ==, 13);

  bz_store_set_reviewer (f->store, "张伟");
  bz_store_set_curating (f->store, TRUE);
  g_assert_cmpstr (bz_store_get_layer (f->store), ==, BZ_LAYER_CURATED);
  g_assert_cmpint (document_status (f->store, two.document_id), ==, BZ_DOCUMENT_NEW);
  cur = curation (f->store, two.document_id);

  g_assert_cmpuint (bz_curation_get_n_reviewers (cur), ==, 2);
  /* In order of name: 李明 (U+674E) before 王芳 (U+738B). */
  g_assert_cmpstr (bz_curation_get_reviewer (cur, 0), ==, "李明");
  g_assert_cmpstr (bz_curation_get_reviewer (cur, 1), ==, "王芳");

  for (guint i = 0; i < bz_curation_get_n_spans (cur); i++)
    {
      BzSpan *span = bz_curation_get_span (cur, i);
      g_autofree char *k = key_of (span);
      guint64 expected = (g_hash_table_contains (li, k) ? 1 : 0) | (g_hash_table_contains (wang, k) ? 2 : 0);

      g_assert_cmpint (bz_span_get_status (span), ==, BZ_SPAN_SUGGESTED);
      g_assert_cmpstr (bz_span_get_origin (span), ==, BZ_SPAN_ORIGIN_CURATION);
      g_assert_cmpuint (bz_curation_get_marked_by (cur, i), ==, expected);
      g_assert_cmpuint (expected, !=, 0);
      g_assert_cmpint (bz_curation_is_agreed (cur, i), ==, expected == 3);
      n_agreed += expected == 3;
      g_hash_table_add (offered, g_steal_pointer (&k));
    }
  g_hash_table_iter_init (&iter, wang);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    n_union += !g_hash_table_contains (li, key);
  n_union += g_hash_table_size (li);
  g_assert_cmpuint (g_hash_table_size (offered), ==, n_union);
  g_assert_cmpuint (bz_curation_get_n_spans (cur), ==, n_union);
  /* Spans 1..5 agreed (0 relabelled by 李明; 2 widened, the original kept too). */
  g_assert_cmpuint (n_agreed, ==, 5);
  g_assert_cmpuint (bz_curation_count_open_agreed (cur), ==, 5);

  /* The first suggestion in two labels, and the third in two widths, are
   * one dispute each: both spans of each share a group. */
  {
    int widened = -1, third = -1;
    g_autoptr(GPtrArray) wang_spans = fixture_layer_spans (f->store, two.document_id, "王芳");
    BzSpan *w3 = g_ptr_array_index (wang_spans, 2);

    for (guint i = 0; i < bz_curation_get_n_spans (cur); i++)
      {
        BzSpan *span = bz_curation_get_span (cur, i);

        if (bz_span_get_start (span) == bz_span_get_start (w3) && g_str_equal (bz_span_get_label (span), bz_span_get_label (w3)))
          {
            if (bz_span_get_end (span) == bz_span_get_end (w3))
              third = (int) i;
            else if (bz_span_get_end (span) == bz_span_get_end (w3) + 1)
              widened = (int) i;
          }
      }
    g_assert_cmpint (third, >=, 0);
    g_assert_cmpint (widened, >=, 0);
    g_assert_cmpuint (bz_curation_get_group (cur, (guint) third), ==, bz_curation_get_group (cur, (guint) widened));
    g_assert_true (bz_curation_is_agreed (cur, (guint) third));
    g_assert_false (bz_curation_is_agreed (cur, (guint) widened));
    {
      g_autofree char *who = bz_curation_describe_reviewers (cur, bz_curation_get_marked_by (cur, (guint) widened));
      g_autofree char *both = bz_curation_describe_reviewers (cur, bz_curation_get_marked_by (cur, (guint) third));

      g_assert_cmpstr (who, ==, "李明");
      g_autofree char *all = bz_curation_describe_reviewers (cur, G_MAXUINT64);
      g_autofree char *none = bz_curation_describe_reviewers (cur, 0);

      g_assert_cmpstr (both, ==, "李明, 王芳");
      g_assert_cmpstr (all, ==, "李明, 王芳");
      g_assert_cmpstr (none, ==, "the curator");
    }
  }
  /* Open disputes: the relabelled first, the widened third, 6..11 (王芳
   * only) and 12..17 (李明 only), each a group unless spans overlap. */
  g_assert_cmpuint (bz_curation_count_open_disputes (cur), >=, 2);

  /* Reading the curated layer again offers nothing new. */
  {
    g_autoptr(BzCuration) again = curation (f->store, two.document_id);

    g_assert_cmpuint (bz_curation_get_n_spans (again), ==, n_union);
  }
}

/* A curator settles every dispute by a choice, accepts the agreed spans and
 * marks the report curated; nothing of the reviewers changes; the curator's
 * undo is the curated layer's own. */
static void
test_decide (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reviewers_before = NULL;
  g_autofree char *reviewers_after = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) settled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(BzCuration) cur = NULL;
  FixtureTwoReviewers two = fixture_review_apart (f->store);
  guint choice = 0, n_accepted = 0;
  gint64 wang_last;

  /* 王芳 curates; her own last decision stays hers to undo. */
  bz_store_set_reviewer (f->store, "王芳");
  {
    g_autoptr(GPtrArray) spans = fixture_list_spans (f->store, two.document_id);

    wang_last = bz_span_get_id (g_ptr_array_index (spans, 20));
    fixture_set_status (f->store, wang_last, BZ_SPAN_ACCEPTED);
  }
  reviewers_before = dump_reviewers (f->path);

  bz_store_set_curating (f->store, TRUE);
  cur = curation (f->store, two.document_id);
  g_assert_true (bz_curation_accept_agreed (cur, f->store, &n_accepted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_accepted, ==, bz_curation_count_open_agreed (cur));
  g_assert_cmpint (document_status (f->store, two.document_id), ==, BZ_DOCUMENT_IN_PROGRESS);

  /* Each open dispute in turn: 李明's side, 王芳's side, both, neither. */
  for (;;)
    {
      int open = -1;
      guint group;

      g_clear_pointer (&cur, bz_curation_free);
      cur = curation (f->store, two.document_id);
      for (guint i = 0; i < bz_curation_get_n_spans (cur) && open < 0; i++)
        if (bz_span_get_status (bz_curation_get_span (cur, i)) == BZ_SPAN_SUGGESTED && !bz_curation_is_agreed (cur, i))
          open = (int) i;
      if (open < 0)
        break;
      group = bz_curation_get_group (cur, (guint) open);
      for (guint i = 0; i < bz_curation_get_n_spans (cur); i++)
        {
          guint64 marks = bz_curation_get_marked_by (cur, i);
          g_autofree char *k = NULL;
          gboolean keep;

          if (bz_curation_get_group (cur, i) != group)
            continue;
          keep = choice % 4 == 0 ? (marks & 1) != 0 : choice % 4 == 1 ? (marks & 2) != 0 : choice % 4 == 2;
          k = key_of (bz_curation_get_span (cur, i));
          g_hash_table_remove (expected, k);
          if (keep)
            g_hash_table_add (expected, g_strdup (k));
          g_hash_table_add (settled, g_steal_pointer (&k));
        }
      g_assert_true (bz_curation_decide (cur, f->store, (guint) open,
                                         choice % 4 < 2 ? BZ_CURATION_SIDE : choice % 4 == 2 ? BZ_CURATION_ALL : BZ_CURATION_NONE,
                                         choice % 4 == 1 ? 1 : 0, &error));
      g_assert_no_error (error);
      choice++;
    }
  g_assert_cmpuint (choice, >=, 4);
  g_assert_cmpuint (bz_curation_count_open_disputes (cur), ==, 0);
  g_assert_cmpuint (bz_curation_count_open_agreed (cur), ==, 0);
  /* The agreed spans no choice took back. */
  for (guint i = 0; i < bz_curation_get_n_spans (cur); i++)
    {
      g_autofree char *k = key_of (bz_curation_get_span (cur, i));

      if (bz_curation_is_agreed (cur, i) && !g_hash_table_contains (settled, k))
        g_hash_table_add (expected, g_steal_pointer (&k));
    }

  /* The curated layer holds exactly the chosen spans. */
  {
    g_autoptr(GHashTable) curated = accepted_keys (f->store, two.document_id, BZ_LAYER_CURATED);
    GHashTableIter iter;
    gpointer key;

    g_assert_cmpuint (g_hash_table_size (curated), ==, g_hash_table_size (expected));
    g_hash_table_iter_init (&iter, expected);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_assert_true (g_hash_table_contains (curated, key));
  }

  g_assert_true (bz_store_mark_reviewed (f->store, two.document_id, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (document_status (f->store, two.document_id), ==, BZ_DOCUMENT_REVIEWED);

  /* Curation changed nothing of the reviewers, nor the report's own status. */
  reviewers_after = dump_reviewers (f->path);
  g_assert_cmpstr (reviewers_after, ==, reviewers_before);

  /* The curator's undo takes back curation: the mark, then the last choice. */
  fixture_replay (f->store, TRUE, two.document_id);
  g_assert_cmpint (document_status (f->store, two.document_id), ==, BZ_DOCUMENT_IN_PROGRESS);
  fixture_replay (f->store, TRUE, two.document_id);
  {
    g_autoptr(BzCuration) undone = curation (f->store, two.document_id);

    g_assert_cmpuint (bz_curation_count_open_disputes (undone), ==, 1);
  }
  g_free (reviewers_after);
  reviewers_after = dump_reviewers (f->path);
  g_assert_cmpstr (reviewers_after, ==, reviewers_before);

  /* Out of curation the same person's undo is her own review's. */
  bz_store_set_curating (f->store, FALSE);
  g_assert_cmpstr (bz_store_get_layer (f->store), ==, "王芳");
  g_assert_cmpint (document_status (f->store, two.document_id), ==, BZ_DOCUMENT_IN_PROGRESS);
  fixture_replay (f->store, TRUE, two.document_id);
  {
    g_autoptr(BzSpan) span = bz_store_get_span (f->store, wang_last, &error);

    g_assert_no_error (error);
    g_assert_cmpint (bz_span_get_status (span), ==, BZ_SPAN_SUGGESTED);
  }
}

/* A span the curator deleted is not offered again; one a reviewer accepts
 * later is. */
static void
test_offered_once (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzCuration) cur = NULL;
  g_autoptr(BzCuration) again = NULL;
  g_autoptr(GPtrArray) li_spans = NULL;
  FixtureTwoReviewers two = fixture_review_apart (f->store);
  guint n;
  gint64 later;

  bz_store_set_reviewer (f->store, "张伟");
  bz_store_set_curating (f->store, TRUE);
  cur = curation (f->store, two.document_id);
  n = bz_curation_get_n_spans (cur);
  g_assert_true (bz_store_delete_span (f->store, bz_span_get_id (bz_curation_get_span (cur, 0)), &error));
  g_assert_no_error (error);
  again = curation (f->store, two.document_id);
  g_assert_cmpuint (bz_curation_get_n_spans (again), ==, n - 1);
  g_clear_pointer (&again, bz_curation_free);

  bz_store_set_curating (f->store, FALSE);
  bz_store_set_reviewer (f->store, "李明");
  li_spans = fixture_list_spans (f->store, two.document_id);
  later = bz_span_get_id (g_ptr_array_index (li_spans, li_spans->len - 1));
  g_assert_cmpint (bz_span_get_status (g_ptr_array_index (li_spans, li_spans->len - 1)), ==, BZ_SPAN_SUGGESTED);
  fixture_set_status (f->store, later, BZ_SPAN_ACCEPTED);

  bz_store_set_reviewer (f->store, "张伟");
  bz_store_set_curating (f->store, TRUE);
  again = curation (f->store, two.document_id);
  g_assert_cmpuint (bz_curation_get_n_spans (again), ==, n);
  {
    g_autofree char *k = key_of (g_ptr_array_index (li_spans, li_spans->len - 1));
    gboolean found = FALSE;

    for (guint i = 0; i < bz_curation_get_n_spans (again); i++)
      {
        g_autofree char *ki = key_of (bz_curation_get_span (again, i));

        if (g_str_equal (ki, k))
          {
            found = TRUE;
            g_assert_cmpuint (bz_curation_get_marked_by (again, i), ==, 1);
          }
      }
    g_assert_true (found);
  }
}

/* Each layer has its own report status; a workspace of version 7 keeps what
 * each reviewer saw, and undo goes on in each layer. */
static void
test_layer_status (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FixtureTwoReviewers two = fixture_review_apart (f->store);

  bz_store_set_reviewer (f->store, "王芳");
  g_assert_cmpint (document_status (f->store, two.document_id), ==, BZ_DOCUMENT_IN_PROGRESS);
  g_assert_true (bz_store_mark_reviewed (f->store, two.document_id, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (document_status (f->store, two.document_id), ==, BZ_DOCUMENT_REVIEWED);
  bz_store_set_reviewer (f->store, "李明");
  g_assert_cmpint (document_status (f->store, two.document_id), ==, BZ_DOCUMENT_IN_PROGRESS);
  bz_store_set_reviewer (f->store, "赵六");
  g_assert_cmpint (document_status (f->store, two.document_id), ==, BZ_DOCUMENT_NEW);
  g_assert_true (bz_store_set_review_mode (f->store, BZ_REVIEW_SHARED, &error));
  g_assert_cmpint (document_status (f->store, two.document_id), ==, BZ_DOCUMENT_NEW);
  g_assert_true (bz_store_set_review_mode (f->store, BZ_REVIEW_INDEPENDENT, &error));

  /* Back to version 7, where the report had one status: the last one set,
   * 王芳's "reviewed", which every reviewer saw. */
  g_assert_finalize_object (g_steal_pointer (&f->store));
  fixture_exec_sql (f->path, FIXTURE_DOWNGRADE_TO_7_SQL);
  fixture_exec_sql (f->path, "UPDATE documents SET status = 'reviewed'");
  f->store = fixture_open (f->path);
  g_assert_cmpint (fixture_query_int (f->path, "PRAGMA user_version"), ==, BZ_STORE_SCHEMA_VERSION);
  bz_store_set_reviewer (f->store, "李明");
  g_assert_cmpint (document_status (f->store, two.document_id), ==, BZ_DOCUMENT_REVIEWED);
  bz_store_set_reviewer (f->store, "王芳");
  g_assert_cmpint (document_status (f->store, two.document_id), ==, BZ_DOCUMENT_REVIEWED);
  /* Her last action, marking reviewed, is in her layer: undo finds it. */
  g_assert_cmpint (fixture_query_int (f->path, "SELECT count(*) FROM actions WHERE layer = '王芳'"), >, 0);
  g_assert_cmpint (fixture_query_int (f->path, "SELECT count(*) FROM actions WHERE layer = '李明'"), >, 0);
  fixture_replay (f->store, TRUE, two.document_id);
  g_assert_cmpint (document_status (f->store, two.document_id), ==, BZ_DOCUMENT_IN_PROGRESS);
  {
    g_autoptr(GPtrArray) spans = fixture_list_spans (f->store, two.document_id);
    guint n_suggested = 0;

    for (guint i = 0; i < spans->len; i++)
      n_suggested += bz_span_get_status (g_ptr_array_index (spans, i)) == BZ_SPAN_SUGGESTED;
    g_assert_cmpuint (n_suggested, ==, two.n_suggestions - 18);
  }
}

static gboolean
collect_keys (BzRecord  *record,
              gpointer   user_data,
              GError   **error)
{
  g_autoptr(BzRecord) owned = record;
  GHashTable *keys = user_data;

  for (guint i = 0; i < owned->spans->len; i++)
    {
      const BzRecordSpan *span = &g_array_index (owned->spans, BzRecordSpan, i);

      g_hash_table_add (keys, g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s", span->start,
                                               span->end, span->label));
    }
  return TRUE;
}

/* Exports @layer (or the curated reports, for @documents "curated") in
 * @format and reads the file back: it holds the layer's accepted spans,
 * less those a flat format cannot hold (and names). */
static void
check_export (Fixture     *f,
              BzFormat     format,
              const char  *documents,
              const char  *layer,
              GHashTable  *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("out-%s-%s%s", bz_format_to_string (format),
                                           layer != NULL ? "layer" : documents, bz_format_get_extension (format));
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(BzExportOptions) options = bz_export_options_new (format, path);
  g_autoptr(GHashTable) read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  BzExportReport report;
  GHashTableIter iter;
  gpointer key;

  if (documents != NULL)
    g_assert_true (bz_export_options_set_documents (options, documents, &error));
  if (layer != NULL)
    g_assert_true (bz_export_options_set_layer (options, layer, &error));
  g_assert_no_error (error);
  bz_export_report_init (&report);
  g_assert_true (bz_export_store (f->store, options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 1);
  g_assert_cmpuint (report.n_spans + report.dropped->len, ==, g_hash_table_size (expected));
  g_assert_true (bz_format_read_file_foreach (format, path, collect_keys, read, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (read), ==, report.n_spans);
  g_hash_table_iter_init (&iter, read);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_assert_true (g_hash_table_contains (expected, key));
  bz_export_report_clear (&report);
}

/* The curated set and a reviewer's layer leave in every format. */
static void
test_export_every_format (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzCuration) cur = NULL;
  g_autoptr(GHashTable) wang = NULL;
  g_autoptr(GHashTable) curated = NULL;
  FixtureTwoReviewers two = fixture_review_apart (f->store);

  bz_store_set_reviewer (f->store, "张伟");
  bz_store_set_curating (f->store, TRUE);
  cur = curation (f->store, two.document_id);
  g_assert_true (bz_curation_accept_agreed (cur, f->store, NULL, &error));
  g_assert_true (bz_curation_decide (cur, f->store, 0, BZ_CURATION_ALL, 0, &error));
  g_assert_true (bz_store_mark_reviewed (f->store, two.document_id, TRUE, NULL, &error));
  g_assert_no_error (error);
  bz_store_set_curating (f->store, FALSE);

  wang = accepted_keys (f->store, two.document_id, "王芳");
  curated = accepted_keys (f->store, two.document_id, BZ_LAYER_CURATED);
  g_assert_cmpuint (g_hash_table_size (curated), >, 5);
  for (BzFormat format = 0; format < BZ_FORMAT_N_FORMATS; format++)
    {
      check_export (f, format, "curated", NULL, curated);
      check_export (f, format, NULL, "王芳", wang);
    }
}

static void
test_reviewer_names (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bz_reviewer_name_check ("王芳", &error));
  g_assert_no_error (error);
  g_assert_false (bz_reviewer_name_check ("@curated", &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "@curated"));
  g_clear_error (&error);
  g_assert_false (bz_reviewer_name_check ("", &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/biaozhu/curation/marks", Fixture, NULL, fixture_set_up, test_marks, fixture_tear_down);
  g_test_add ("/biaozhu/curation/decide", Fixture, NULL, fixture_set_up, test_decide, fixture_tear_down);
  g_test_add ("/biaozhu/curation/offered-once", Fixture, NULL, fixture_set_up, test_offered_once,
              fixture_tear_down);
  g_test_add ("/biaozhu/curation/layer-status", Fixture, NULL, fixture_set_up, test_layer_status,
              fixture_tear_down);
  g_test_add ("/biaozhu/curation/export-every-format", Fixture, NULL, fixture_set_up, test_export_every_format,
              fixture_tear_down);
  g_test_add_func ("/biaozhu/curation/reviewer-names", test_reviewer_names);
  return g_test_run ();
}
