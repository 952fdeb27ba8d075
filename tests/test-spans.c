/* test-spans.c: adding, changing and refusing spans, and groups of changes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "store-fixtures.h"

static void
assert_span (BzStore      *store,
             gint64        span_id,
             gint64        start,
             gint64        end,
             const char   *label,
             const char   *surface,
             BzSpanStatus  status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzSpan) span = bz_store_get_span (store, span_id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (bz_span_get_id (span), ==, span_id);
  g_assert_cmpint (bz_span_get_start (span), ==, start);
  g_assert_cmpint (bz_span_get_end (span), ==, end);
  g_assert_cmpstr (bz_span_get_label (span), ==, label);
  g_assert_cmpstr (bz_span_get_surface (span), ==, surface);
  g_assert_cmpint (bz_span_get_status (span), ==, status);
}

static void
test_spans_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BzSpan) span = bz_span_new (0, 3, "ORG", BZ_SPAN_SUGGESTED, "extractor@1.0");
  g_autoptr(BzSpan) stored = NULL;
  g_autoptr(BzSpan) twin = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  gint64 document_id = fixture_add_document (f->store, "report", TEXT);
  gint64 span_id, policy_id;

  bz_span_set_attributes (span, "{\"head\": \"家\"}");
  bz_span_set_note (span, "连锁店");
  bz_span_set_times (span, 1700000000, 1700000001);
  span_id = bz_store_add_span (f->store, document_id, span, &error);
  g_assert_no_error (error);
  g_assert_cmpint (span_id, >, 0);
  g_assert_cmpint (bz_span_get_id (span), ==, span_id);
  g_assert_cmpint (bz_span_get_document_id (span), ==, document_id);
  g_assert_cmpstr (bz_span_get_surface (span), ==, "𠮷野家");

  policy_id = fixture_add_span (f->store, document_id, 21, 34, "POLICY", BZ_SPAN_ACCEPTED);

  f->store = fixture_reopen (f->store);
  stored = bz_store_get_span (f->store, span_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bz_span_get_document_id (stored), ==, document_id);
  g_assert_cmpint (bz_span_get_start (stored), ==, 0);
  g_assert_cmpint (bz_span_get_end (stored), ==, 3);
  g_assert_cmpstr (bz_span_get_label (stored), ==, "ORG");
  g_assert_cmpstr (bz_span_get_surface (stored), ==, "𠮷野家");
  g_assert_cmpint (bz_span_get_status (stored), ==, BZ_SPAN_SUGGESTED);
  g_assert_cmpstr (bz_span_get_origin (stored), ==, "extractor@1.0");
  g_assert_null (bz_span_get_reviewer (stored));
  g_assert_cmpstr (bz_span_get_attributes (stored), ==, "{\"head\": \"家\"}");
  g_assert_cmpstr (bz_span_get_note (stored), ==, "连锁店");
  g_assert_cmpint (bz_span_get_created (stored), ==, 1700000000);
  g_assert_cmpint (bz_span_get_updated (stored), ==, 1700000001);
  assert_span (f->store, policy_id, 21, 34, "POLICY", "《北京市优化营商环境条例》", BZ_SPAN_ACCEPTED);
  g_clear_object (&stored);
  stored = bz_store_get_span (f->store, policy_id, NULL);
  g_assert_cmpstr (bz_span_get_origin (stored), ==, "human");
  g_assert_cmpstr (bz_span_get_reviewer (stored), ==, bz_store_get_reviewer (f->store));

  /* The identical span again is not duplicated. */
  twin = bz_span_new (0, 3, "ORG", BZ_SPAN_ACCEPTED, "human");
  g_assert_cmpint (bz_store_add_span (f->store, document_id, twin, &error), ==, span_id);
  g_assert_no_error (error);
  g_assert_cmpint (bz_span_get_id (twin), ==, span_id);
  g_assert_cmpint (bz_store_count_spans (f->store, document_id, NULL), ==, 2);
  /* The same bounds with another label is another span. */
  fixture_add_span (f->store, document_id, 0, 3, "PLACE", BZ_SPAN_SUGGESTED);

  /* Listed by start, longer first, then label. */
  fixture_add_span (f->store, document_id, 0, 1, "PLACE", BZ_SPAN_SUGGESTED);
  fixture_add_span (f->store, document_id, 4, 6, "PLACE", BZ_SPAN_SUGGESTED);
  spans = bz_store_list_spans (f->store, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 5);
  g_assert_cmpstr (bz_span_get_label (g_ptr_array_index (spans, 0)), ==, "ORG");
  g_assert_cmpstr (bz_span_get_label (g_ptr_array_index (spans, 1)), ==, "PLACE");
  g_assert_cmpint (bz_span_get_end (g_ptr_array_index (spans, 2)), ==, 1);
  g_assert_cmpstr (bz_span_get_surface (g_ptr_array_index (spans, 2)), ==, "𠮷");
  g_assert_cmpstr (bz_span_get_surface (g_ptr_array_index (spans, 3)), ==, "王府");
  g_assert_cmpint (bz_span_get_start (g_ptr_array_index (spans, 4)), ==, 21);
  for (guint i = 1; i < spans->len; i++)
    g_assert_cmpint (bz_span_compare (&spans->pdata[i - 1], &spans->pdata[i]), <, 0);
}

static void
test_spans_changes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) signalled = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(BzSpan) span = NULL;
  gint64 document_id = fixture_add_document (f->store, "report", TEXT);
  gint64 other_id = fixture_add_document (f->store, "other", "朝阳区");
  gint64 span_id = fixture_add_span (f->store, document_id, 4, 7, "PLACE", BZ_SPAN_SUGGESTED);

  bz_store_set_reviewer (f->store, "王芳");
  g_signal_connect (f->store, "spans-changed", G_CALLBACK (fixture_collect_cb), signalled);

  g_assert_true (bz_store_set_span_label (f->store, span_id, "ORG", &error));
  g_assert_no_error (error);
  f->store = fixture_reopen (f->store);
  assert_span (f->store, span_id, 4, 7, "ORG", "王府井", BZ_SPAN_SUGGESTED);

  g_assert_true (bz_store_set_span_bounds (f->store, span_id, 4, 9, &error));
  g_assert_no_error (error);
  f->store = fixture_reopen (f->store);
  assert_span (f->store, span_id, 4, 9, "ORG", "王府井大街", BZ_SPAN_SUGGESTED);

  g_assert_true (bz_store_set_span_status (f->store, span_id, BZ_SPAN_ACCEPTED, &error));
  g_assert_no_error (error);
  f->store = fixture_reopen (f->store);
  assert_span (f->store, span_id, 4, 9, "ORG", "王府井大街", BZ_SPAN_ACCEPTED);

  g_assert_true (bz_store_set_span_status (f->store, span_id, BZ_SPAN_REJECTED, &error));
  g_assert_true (bz_store_set_span_note (f->store, span_id, "应为地名", &error));
  g_assert_true (bz_store_set_span_attributes (f->store, span_id, "{\"confidence\": 0.5}", &error));
  g_assert_no_error (error);
  f->store = fixture_reopen (f->store);
  assert_span (f->store, span_id, 4, 9, "ORG", "王府井大街", BZ_SPAN_REJECTED);
  span = bz_store_get_span (f->store, span_id, NULL);
  g_assert_cmpstr (bz_span_get_note (span), ==, "应为地名");
  g_assert_cmpstr (bz_span_get_attributes (span), ==, "{\"confidence\": 0.5}");
  g_assert_cmpstr (bz_span_get_reviewer (span), ==, "王芳");
  g_clear_object (&span);

  g_assert_false (bz_store_set_span_attributes (f->store, span_id, "[1, 2]", &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bz_store_set_span_attributes (f->store, span_id, "{oops", &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (bz_store_set_span_note (f->store, span_id, NULL, &error));
  g_assert_true (bz_store_delete_span (f->store, span_id, &error));
  g_assert_no_error (error);
  f->store = fixture_reopen (f->store);
  g_assert_null (bz_store_get_span (f->store, span_id, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (bz_store_delete_span (f->store, span_id, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (bz_store_set_span_label (f->store, span_id, "ORG", &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Spans of two documents in one group: one signal per document, after commit. */
  g_signal_connect (f->store, "spans-changed", G_CALLBACK (fixture_collect_cb), signalled);
  g_array_set_size (signalled, 0);
  g_assert_true (bz_store_begin (f->store, "two documents", TRUE, &error));
  fixture_add_span (f->store, document_id, 12, 15, "PLACE", BZ_SPAN_ACCEPTED);
  fixture_add_span (f->store, document_id, 12, 19, "ORG", BZ_SPAN_ACCEPTED);
  fixture_add_span (f->store, other_id, 0, 3, "PLACE", BZ_SPAN_ACCEPTED);
  g_assert_cmpuint (signalled->len, ==, 0);
  g_assert_true (bz_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (signalled->len, ==, 2);
  g_assert_true ((g_array_index (signalled, gint64, 0) == document_id
                  && g_array_index (signalled, gint64, 1) == other_id)
                 || (g_array_index (signalled, gint64, 0) == other_id
                     && g_array_index (signalled, gint64, 1) == document_id));
}

static void
assert_invalid (gboolean    ok,
                GError     *error,
                const char *cause)
{
  g_assert_false (ok);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, cause));
}

static gboolean
try_add (BzStore     *store,
         gint64       document_id,
         gint64       start,
         gint64       end,
         const char  *label,
         GError     **error)
{
  g_autoptr(BzSpan) span = bz_span_new (start, end, label, BZ_SPAN_ACCEPTED, NULL);

  return bz_store_add_span (store, document_id, span, error) > 0;
}

static void
test_spans_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gint64 document_id = fixture_add_document (f->store, "report", TEXT);
  gint64 span_id = fixture_add_span (f->store, document_id, 4, 7, "PLACE", BZ_SPAN_SUGGESTED);
  gboolean ok;

  ok = try_add (f->store, document_id, 40, TEXT_N_CHARS + 1, "VALUE", &error);
  assert_invalid (ok, error, "outside");
  g_clear_error (&error);
  ok = try_add (f->store, document_id, -1, 2, "VALUE", &error);
  assert_invalid (ok, error, "outside");
  g_clear_error (&error);
  ok = try_add (f->store, document_id, 5, 5, "PLACE", &error);
  assert_invalid (ok, error, "empty");
  g_clear_error (&error);
  ok = try_add (f->store, document_id, 6, 5, "PLACE", &error);
  assert_invalid (ok, error, "empty");
  g_clear_error (&error);
  ok = try_add (f->store, document_id, 4, 7, "PERSON", &error);
  assert_invalid (ok, error, "PERSON");
  g_clear_error (&error);
  ok = try_add (f->store, document_id + 10, 0, 1, "PLACE", &error);
  g_assert_false (ok);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  ok = bz_store_set_span_bounds (f->store, span_id, 44, TEXT_N_CHARS + 3, &error);
  assert_invalid (ok, error, "outside");
  g_clear_error (&error);
  ok = bz_store_set_span_bounds (f->store, span_id, 7, 4, &error);
  assert_invalid (ok, error, "empty");
  g_clear_error (&error);
  ok = bz_store_set_span_label (f->store, span_id, "person", &error);
  assert_invalid (ok, error, "person");
  g_clear_error (&error);

  /* A move or relabel onto an identical span breaks uniqueness. */
  fixture_add_span (f->store, document_id, 4, 9, "PLACE", BZ_SPAN_SUGGESTED);
  ok = bz_store_set_span_bounds (f->store, span_id, 4, 9, &error);
  g_assert_false (ok);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_clear_error (&error);

  f->store = fixture_reopen (f->store);
  assert_span (f->store, span_id, 4, 7, "PLACE", "王府井", BZ_SPAN_SUGGESTED);
  g_assert_cmpint (bz_store_count_spans (f->store, document_id, NULL), ==, 2);
  history = bz_store_list_history (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
}

static void
test_groups (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GArray) signalled = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 document_id = fixture_add_document (f->store, "report", TEXT);
  gint64 kept;

  g_signal_connect (f->store, "spans-changed", G_CALLBACK (fixture_collect_cb), signalled);

  g_assert_false (bz_store_commit (f->store, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (bz_store_begin (f->store, "annotate all", TRUE, &error));
  g_assert_false (bz_store_begin (f->store, "nested", TRUE, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_clear_error (&error);
  fixture_add_span (f->store, document_id, 4, 7, "PLACE", BZ_SPAN_ACCEPTED);
  fixture_add_span (f->store, document_id, 12, 15, "PLACE", BZ_SPAN_ACCEPTED);
  /* A refused change leaves the group open; here the caller rolls it back. */
  g_assert_false (try_add (f->store, document_id, 0, 99, "PLACE", &error));
  g_clear_error (&error);
  bz_store_rollback (f->store);
  g_assert_cmpuint (signalled->len, ==, 0);
  g_assert_cmpint (bz_store_count_spans (f->store, document_id, NULL), ==, 0);

  g_assert_true (bz_store_begin (f->store, "annotate all", TRUE, &error));
  kept = fixture_add_span (f->store, document_id, 4, 7, "PLACE", BZ_SPAN_ACCEPTED);
  fixture_add_span (f->store, document_id, 12, 15, "PLACE", BZ_SPAN_ACCEPTED);
  g_assert_true (bz_store_set_span_status (f->store, kept, BZ_SPAN_REJECTED, &error));
  g_assert_true (bz_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (signalled->len, ==, 1);

  /* An empty group commits nothing and records no action. */
  g_assert_true (bz_store_begin (f->store, "nothing", TRUE, &error));
  g_assert_true (bz_store_commit (f->store, &error));

  f->store = fixture_reopen (f->store);
  g_assert_cmpint (bz_store_count_spans (f->store, document_id, NULL), ==, 2);
  history = bz_store_list_history (f->store, document_id, &error);
  g_assert_no_error (error);
  /* Three span changes and the document's move to in progress, one action. */
  g_assert_cmpuint (history->len, ==, 4);
  for (guint i = 0; i < history->len; i++)
    {
      BzHistoryEntry *entry = g_ptr_array_index (history, i);

      g_assert_cmpint (entry->action_id, ==, ((BzHistoryEntry *) history->pdata[0])->action_id);
      g_assert_cmpstr (entry->description, ==, "annotate all");
      g_assert_cmpstr (entry->entity, ==, i == 1 ? "document" : "span");
    }
}


static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* A "spans-changed" handler that keeps, per signal, the span ids it lists
 * (sorted; NULL when it lists none because too many changed). */
static void
collect_ids_cb (BzStore   *store,
                gint64     document_id,
                GArray    *span_ids,
                GPtrArray *signals)
{
  GArray *copy = NULL;

  if (span_ids != NULL)
    {
      copy = g_array_copy (span_ids);
      g_array_sort (copy, compare_int64);
    }
  g_ptr_array_add (signals, copy);
}

static void
free_ids (gpointer ids)
{
  if (ids != NULL)
    g_array_unref (ids);
}

/* The one signal in @signals listed exactly the @n ids of @want (ascending). */
static void
assert_one_signal (GPtrArray    *signals,
                   const gint64 *want,
                   guint         n)
{
  GArray *ids;

  g_assert_cmpuint (signals->len, ==, 1);
  ids = g_ptr_array_index (signals, 0);
  g_assert_nonnull (ids);
  g_assert_cmpuint (ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, want[i]);
}

/* The signal names the spans that changed, so that a view redraws only them. */
static void
test_changed_ids (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) signals = g_ptr_array_new_with_free_func (free_ids);
  gint64 document_id = fixture_add_document (f->store, "report", TEXT);
  gint64 first = fixture_add_span (f->store, document_id, 4, 7, "PLACE", BZ_SPAN_SUGGESTED);
  gint64 second, third, other_id;

  g_signal_connect (f->store, "spans-changed", G_CALLBACK (collect_ids_cb), signals);

  /* One change: its span. */
  g_assert_true (bz_store_set_span_status (f->store, first, BZ_SPAN_ACCEPTED, &error));
  g_assert_no_error (error);
  assert_one_signal (signals, (gint64[]) { first }, 1);

  /* A group: every span it added, changed or deleted, each once per change. */
  g_ptr_array_set_size (signals, 0);
  g_assert_true (bz_store_begin (f->store, "group", TRUE, &error));
  second = fixture_add_span (f->store, document_id, 12, 15, "PLACE", BZ_SPAN_ACCEPTED);
  third = fixture_add_span (f->store, document_id, 12, 19, "ORG", BZ_SPAN_ACCEPTED);
  g_assert_true (bz_store_delete_span (f->store, first, &error));
  g_assert_true (bz_store_commit (f->store, &error));
  g_assert_no_error (error);
  assert_one_signal (signals, (gint64[]) { first, second, third }, 3);

  /* A relation changes no span: an empty list. */
  g_ptr_array_set_size (signals, 0);
  g_assert_cmpint (bz_store_add_relation (f->store, second, third, "located_in", NULL, &error), >, 0);
  g_assert_no_error (error);
  assert_one_signal (signals, NULL, 0);

  /* Undo lists what it restores: no span for the relation, then the group's three spans. */
  g_ptr_array_set_size (signals, 0);
  g_assert_true (bz_store_undo (f->store, NULL, &error));
  g_assert_no_error (error);
  assert_one_signal (signals, NULL, 0);
  g_ptr_array_set_size (signals, 0);
  g_assert_true (bz_store_undo (f->store, NULL, &error));
  g_assert_no_error (error);
  assert_one_signal (signals, (gint64[]) { first, second, third }, 3);

  /* Beyond 1,024 spans in one change the list gives way to NULL. */
  other_id = fixture_add_document (f->store, "other", "另" TEXT);
  g_ptr_array_set_size (signals, 0);
  g_assert_true (bz_store_begin (f->store, "many", TRUE, &error));
  for (guint i = 0; i < 1100; i++)
    {
      static const char * const labels[] = { "PLACE", "ORG", "VALUE", "DATE" };
      gint64 start = (i / 4) % 40;

      fixture_add_span (f->store, other_id, start, start + 1 + (i / 4) / 40, labels[i % 4], BZ_SPAN_SUGGESTED);
    }
  g_assert_true (bz_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (signals->len, ==, 1);
  g_assert_null (g_ptr_array_index (signals, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/biaozhu/spans/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_spans_round_trip);
  ADD ("changes", test_spans_changes);
  ADD ("refused", test_spans_refused);
  ADD ("groups", test_groups);
  ADD ("changed-ids", test_changed_ids);
#undef ADD

  return g_test_run ();
}
