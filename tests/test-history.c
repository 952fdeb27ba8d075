/* test-history.c: the history of span changes, undo and redo across a reopen
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "bz-core-resources.h"
#include "store-fixtures.h"

/* Every test starts with one document and the reviewer 王芳. */
static void
history_set_up (Fixture       *f,
                gconstpointer  data)
{
  fixture_set_up (f, data);
  bz_store_set_reviewer (f->store, "王芳");
  f->document_id = fixture_add_document (f->store, "report", TEXT);
}

static void
undo (Fixture *f)
{
  fixture_replay (f->store, TRUE, f->document_id);
}

static void
redo (Fixture *f)
{
  fixture_replay (f->store, FALSE, f->document_id);
}

/* The spans of the document as one line each, to compare whole states. */
static char *
describe_spans (BzStore *store,
                gint64   document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = bz_store_list_spans (store, document_id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT " [%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                              ") %s %s %s %s %s %s\n",
                              bz_span_get_id (span), bz_span_get_start (span),
                              bz_span_get_end (span), bz_span_get_label (span),
                              bz_span_get_surface (span),
                              bz_span_status_to_string (bz_span_get_status (span)),
                              bz_span_get_reviewer (span), bz_span_get_note (span),
                              bz_span_get_attributes (span));
    }
  return g_string_free (out, FALSE);
}

typedef gboolean (*ChangeFunc) (Fixture *f, gint64 span_id, GError **error);

static gboolean
change_label (Fixture *f, gint64 span_id, GError **error)
{
  return bz_store_set_span_label (f->store, span_id, "ORG", error);
}

static gboolean
change_bounds (Fixture *f, gint64 span_id, GError **error)
{
  return bz_store_set_span_bounds (f->store, span_id, 4, 9, error);
}

static gboolean
change_accept (Fixture *f, gint64 span_id, GError **error)
{
  return bz_store_set_span_status (f->store, span_id, BZ_SPAN_ACCEPTED, error);
}

static gboolean
change_reject (Fixture *f, gint64 span_id, GError **error)
{
  return bz_store_set_span_status (f->store, span_id, BZ_SPAN_REJECTED, error);
}

static gboolean
change_note (Fixture *f, gint64 span_id, GError **error)
{
  /* Two changes in one group: one action to undo. */
  if (!bz_store_begin (f->store, "note", TRUE, error))
    return FALSE;
  if (bz_store_set_span_note (f->store, span_id, "待核实", error)
      && bz_store_set_span_attributes (f->store, span_id, "{\"source\": \"审计\"}", error))
    return bz_store_commit (f->store, error);
  bz_store_rollback (f->store);
  return FALSE;
}

static gboolean
change_delete (Fixture *f, gint64 span_id, GError **error)
{
  return bz_store_delete_span (f->store, span_id, error);
}

/* Applies one change to a suggestion, then undoes and redoes it across
 * reopens, comparing the whole state of the document each time. */
static void
test_undo_redo_change (Fixture       *f,
                       gconstpointer  data)
{
  ChangeFunc change = (ChangeFunc) data;
  g_autoptr(BzSpan) span = bz_span_new (4, 7, "PLACE", BZ_SPAN_SUGGESTED, "extractor@1");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *state = NULL;
  gint64 span_id;

  bz_span_set_attributes (span, "{\"rule\": \"胡同\"}");
  g_assert_true (bz_store_begin (f->store, "extractor run", FALSE, &error));
  span_id = bz_store_add_span (f->store, f->document_id, span, &error);
  g_assert_true (bz_store_commit (f->store, &error));
  g_assert_no_error (error);
  before = describe_spans (f->store, f->document_id);
  /* The extractor's run is not undoable. */
  g_assert_false (bz_store_can_undo (f->store));

  g_assert_true (change (f, span_id, &error));
  g_assert_no_error (error);
  after = describe_spans (f->store, f->document_id);
  g_assert_cmpstr (before, !=, after);

  f->store = fixture_reopen (f->store);
  undo (f);
  g_assert_false (bz_store_can_undo (f->store));
  f->store = fixture_reopen (f->store);
  state = describe_spans (f->store, f->document_id);
  g_assert_cmpstr (state, ==, before);
  g_clear_pointer (&state, g_free);

  redo (f);
  g_assert_false (bz_store_can_redo (f->store));
  f->store = fixture_reopen (f->store);
  state = describe_spans (f->store, f->document_id);
  g_assert_cmpstr (state, ==, after);
  g_clear_pointer (&state, g_free);

  /* And back once more: undo after redo. */
  undo (f);
  state = describe_spans (f->store, f->document_id);
  g_assert_cmpstr (state, ==, before);
}

static void
test_undo_add (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzSpan) span = NULL;
  gint64 span_id = fixture_add_span (f->store, f->document_id, 0, 3, "ORG", BZ_SPAN_ACCEPTED);

  f->store = fixture_reopen (f->store);
  undo (f);
  f->store = fixture_reopen (f->store);
  g_assert_null (bz_store_get_span (f->store, span_id, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (bz_store_can_undo (f->store));

  redo (f);
  f->store = fixture_reopen (f->store);
  /* The span comes back under its own id, with its surface outside the BMP. */
  span = bz_store_get_span (f->store, span_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bz_span_get_surface (span), ==, "𠮷野家");
  g_assert_cmpstr (bz_span_get_reviewer (span), ==, "王芳");
}

static void
test_undo_group (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = describe_spans (f->store, f->document_id);
  g_autofree char *first = NULL;
  g_autofree char *grouped = NULL;
  g_autofree char *state = NULL;
  gint64 a, b;

  fixture_add_span (f->store, f->document_id, 35, 38, "INDICATOR", BZ_SPAN_ACCEPTED);
  first = describe_spans (f->store, f->document_id);

  g_assert_true (bz_store_begin (f->store, "annotate all occurrences", TRUE, &error));
  a = fixture_add_span (f->store, f->document_id, 4, 7, "PLACE", BZ_SPAN_SUGGESTED);
  b = fixture_add_span (f->store, f->document_id, 12, 15, "PLACE", BZ_SPAN_SUGGESTED);
  g_assert_true (bz_store_set_span_status (f->store, a, BZ_SPAN_ACCEPTED, &error));
  g_assert_true (bz_store_set_span_bounds (f->store, b, 12, 19, &error));
  g_assert_true (bz_store_set_span_label (f->store, b, "ORG", &error));
  g_assert_true (bz_store_commit (f->store, &error));
  g_assert_no_error (error);
  grouped = describe_spans (f->store, f->document_id);

  f->store = fixture_reopen (f->store);
  undo (f);
  state = describe_spans (f->store, f->document_id);
  g_assert_cmpstr (state, ==, first);
  g_clear_pointer (&state, g_free);

  undo (f);
  state = describe_spans (f->store, f->document_id);
  g_assert_cmpstr (state, ==, empty);
  g_clear_pointer (&state, g_free);
  g_assert_false (bz_store_can_undo (f->store));
  g_assert_false (bz_store_undo (f->store, NULL, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  /* Redo replays the oldest undone action first. */
  f->store = fixture_reopen (f->store);
  redo (f);
  state = describe_spans (f->store, f->document_id);
  g_assert_cmpstr (state, ==, first);
  g_clear_pointer (&state, g_free);
  redo (f);
  state = describe_spans (f->store, f->document_id);
  g_assert_cmpstr (state, ==, grouped);
  g_assert_false (bz_store_redo (f->store, NULL, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOTHING_TO_REDO);
}

static void
test_new_action_drops_redo (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gint64 b;

  fixture_add_span (f->store, f->document_id, 4, 7, "PLACE", BZ_SPAN_ACCEPTED);
  b = fixture_add_span (f->store, f->document_id, 12, 15, "PLACE", BZ_SPAN_ACCEPTED);
  undo (f);
  g_assert_true (bz_store_can_redo (f->store));

  f->store = fixture_reopen (f->store);
  fixture_add_span (f->store, f->document_id, 21, 34, "POLICY", BZ_SPAN_ACCEPTED);
  g_assert_false (bz_store_can_redo (f->store));
  g_assert_false (bz_store_redo (f->store, NULL, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOTHING_TO_REDO);
  g_clear_error (&error);
  g_assert_null (bz_store_get_span (f->store, b, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  history = bz_store_list_history (f->store, f->document_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      BzHistoryEntry *entry = g_ptr_array_index (history, i);

      if (entry->span_id == b && g_str_equal (entry->kind, "change"))
        g_assert_cmpstr (entry->state, ==, "dropped");
    }

  /* Undo goes on past the dropped action to the one before it. */
  undo (f);
  undo (f);
  g_assert_cmpint (bz_store_count_spans (f->store, f->document_id, NULL), ==, 0);
}

static void
test_per_reviewer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzSpan) span = NULL;
  gint64 span_id = fixture_add_span (f->store, f->document_id, 4, 7, "PLACE", BZ_SPAN_ACCEPTED);

  bz_store_set_reviewer (f->store, "李伟");
  g_assert_false (bz_store_can_undo (f->store));
  g_assert_false (bz_store_undo (f->store, NULL, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  /* 李伟 changes the span 王芳 added: her undo of the add must not lose it. */
  g_assert_true (bz_store_set_span_label (f->store, span_id, "ORG", &error));
  bz_store_set_reviewer (f->store, "王芳");
  f->store = fixture_reopen (f->store);
  g_assert_false (bz_store_undo (f->store, NULL, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "changed by a later action"));
  g_clear_error (&error);
  span = bz_store_get_span (f->store, span_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bz_span_get_label (span), ==, "ORG");

  /* 李伟 undoes his relabel; then hers goes through. */
  bz_store_set_reviewer (f->store, "李伟");
  undo (f);
  bz_store_set_reviewer (f->store, "王芳");
  undo (f);
  g_assert_cmpint (bz_store_count_spans (f->store, f->document_id, NULL), ==, 0);
}

static void
test_audit_trail (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  const char *ops[] = { "add", "update", "update", "delete", "add" };
  const char *kinds[] = { "change", "change", "change", "change", "undo" };
  gint64 span_id = fixture_add_span (f->store, f->document_id, 4, 7, "PLACE", BZ_SPAN_SUGGESTED);

  g_assert_true (bz_store_set_span_status (f->store, span_id, BZ_SPAN_ACCEPTED, &error));
  /* Setting what is there already writes nothing. */
  g_assert_true (bz_store_set_span_status (f->store, span_id, BZ_SPAN_ACCEPTED, &error));
  g_assert_true (bz_store_set_span_bounds (f->store, span_id, 4, 9, &error));
  g_assert_true (bz_store_delete_span (f->store, span_id, &error));
  g_assert_no_error (error);
  undo (f);

  f->store = fixture_reopen (f->store);
  history = bz_store_list_history (f->store, 0, &error);
  g_assert_no_error (error);
  /* The first decision made the document in progress, in its own action. */
  {
    BzHistoryEntry *accept = g_ptr_array_index (history, 1);
    BzHistoryEntry *progress = g_ptr_array_index (history, 2);

    g_assert_cmpstr (progress->entity, ==, "document");
    g_assert_cmpint (progress->action_id, ==, accept->action_id);
    g_assert_nonnull (strstr (progress->after, "\"in-progress\""));
    g_ptr_array_remove_index (history, 2);
  }
  g_assert_cmpuint (history->len, ==, G_N_ELEMENTS (ops));
  for (guint i = 0; i < history->len; i++)
    {
      BzHistoryEntry *entry = g_ptr_array_index (history, i);

      g_assert_cmpstr (entry->op, ==, ops[i]);
      g_assert_cmpstr (entry->kind, ==, kinds[i]);
      g_assert_cmpstr (entry->reviewer, ==, "王芳");
      g_assert_cmpint (entry->span_id, ==, span_id);
      g_assert_cmpint (entry->document_id, ==, f->document_id);
      g_assert_cmpint (entry->timestamp, >, 1700000000);
      g_assert_true ((entry->before == NULL) == g_str_equal (entry->op, "add"));
      g_assert_true ((entry->after == NULL) == g_str_equal (entry->op, "delete"));
    }
  g_assert_cmpstr (((BzHistoryEntry *) history->pdata[3])->state, ==, "undone");
  g_assert_false (((BzHistoryEntry *) history->pdata[4])->undoable);

  /* The move's before and after hold the span's columns as JSON. */
  {
    BzHistoryEntry *move = g_ptr_array_index (history, 2);
    g_autoptr(JsonNode) before = json_from_string (move->before, &error);
    g_autoptr(JsonNode) after = json_from_string (move->after, &error);
    JsonObject *b, *a;

    g_assert_no_error (error);
    g_assert_true (JSON_NODE_HOLDS_OBJECT (before));
    g_assert_true (JSON_NODE_HOLDS_OBJECT (after));
    b = json_node_get_object (before);
    a = json_node_get_object (after);
    g_assert_cmpint (json_object_get_int_member (b, "end"), ==, 7);
    g_assert_cmpint (json_object_get_int_member (a, "end"), ==, 9);
    g_assert_cmpstr (json_object_get_string_member (b, "surface"), ==, "王府井");
    g_assert_cmpstr (json_object_get_string_member (a, "surface"), ==, "王府井大街");
    g_assert_cmpstr (json_object_get_string_member (a, "status"), ==, "accepted");
    g_assert_cmpstr (json_object_get_string_member (a, "reviewer"), ==, "王芳");
  }
}

static void
test_undo_signals (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GArray) signalled = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  fixture_add_span (f->store, f->document_id, 4, 7, "PLACE", BZ_SPAN_ACCEPTED);
  g_signal_connect (f->store, "spans-changed", G_CALLBACK (fixture_collect_cb), signalled);
  undo (f);
  g_assert_cmpuint (signalled->len, ==, 1);
  g_assert_cmpint (g_array_index (signalled, gint64, 0), ==, f->document_id);
  redo (f);
  g_assert_cmpuint (signalled->len, ==, 2);

  /* Undo inside an open group is refused. */
  g_assert_true (bz_store_begin (f->store, "group", TRUE, &error));
  g_assert_false (bz_store_undo (f->store, NULL, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
  bz_store_rollback (f->store);
  g_assert_cmpuint (signalled->len, ==, 2);
}

static BzDocumentStatus
document_status (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzDocument) document = bz_store_get_document (f->store, f->document_id, &error);

  g_assert_no_error (error);
  return bz_document_get_status (document);
}

/* A report is not marked reviewed over undecided suggestions unless they are
 * rejected in the same action; that action, and a plain status change, undo
 * in one step, also after a reopen. */
static void
test_mark_reviewed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *initial = NULL;
  g_autofree char *before = NULL;
  guint n_rejected = 99;

  /* An import brings the spans: the report is still new. */
  g_assert_true (bz_store_begin (f->store, "import", FALSE, &error));
  fixture_add_span (f->store, f->document_id, 0, 3, "ORG", BZ_SPAN_SUGGESTED);
  fixture_add_span (f->store, f->document_id, 4, 9, "PLACE", BZ_SPAN_SUGGESTED);
  fixture_add_span (f->store, f->document_id, 12, 15, "ORG", BZ_SPAN_ACCEPTED);
  g_assert_true (bz_store_commit (f->store, &error));
  g_assert_no_error (error);
  initial = describe_spans (f->store, f->document_id);

  g_assert_false (bz_store_set_document_status (f->store, f->document_id, BZ_DOCUMENT_REVIEWED, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_UNDECIDED);
  g_assert_nonnull (strstr (error->message, "report"));
  g_assert_nonnull (strstr (error->message, "2 undecided suggestions"));
  g_clear_error (&error);
  g_assert_false (bz_store_mark_reviewed (f->store, f->document_id, FALSE, &n_rejected, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_UNDECIDED);
  g_clear_error (&error);
  g_assert_cmpuint (n_rejected, ==, 0);
  g_assert_cmpint (document_status (f), ==, BZ_DOCUMENT_NEW);

  /* In progress is a plain status change, undone on its own. */
  g_assert_true (bz_store_set_document_status (f->store, f->document_id, BZ_DOCUMENT_IN_PROGRESS, &error));
  g_assert_no_error (error);
  before = describe_spans (f->store, f->document_id);

  g_assert_true (bz_store_mark_reviewed (f->store, f->document_id, TRUE, &n_rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rejected, ==, 2);
  g_assert_cmpint (document_status (f), ==, BZ_DOCUMENT_REVIEWED);
  g_assert_cmpint (bz_store_count_spans (f->store, f->document_id, NULL), ==, 3);
  {
    g_autofree char *after = describe_spans (f->store, f->document_id);

    g_assert_null (strstr (after, " suggested "));
    g_assert_nonnull (strstr (after, " accepted "));
  }

  /* The mark and its rejections are one action, kept across a reopen. */
  g_clear_object (&f->store);
  f->store = fixture_open (f->path);
  bz_store_set_reviewer (f->store, "王芳");
  undo (f);
  g_assert_cmpint (document_status (f), ==, BZ_DOCUMENT_IN_PROGRESS);
  {
    g_autofree char *after = describe_spans (f->store, f->document_id);

    g_assert_cmpstr (after, ==, before);
  }
  redo (f);
  g_assert_cmpint (document_status (f), ==, BZ_DOCUMENT_REVIEWED);
  undo (f);
  undo (f);
  g_assert_cmpint (document_status (f), ==, BZ_DOCUMENT_NEW);

  /* Marked again from the start, and undone: the report is as it began. */
  g_assert_true (bz_store_mark_reviewed (f->store, f->document_id, TRUE, &n_rejected, &error));
  g_assert_cmpuint (n_rejected, ==, 2);
  undo (f);
  {
    g_autofree char *after = describe_spans (f->store, f->document_id);

    g_assert_cmpstr (after, ==, initial);
  }

  /* The audit trail names the document's rows as such. */
  history = bz_store_list_history (f->store, f->document_id, &error);
  g_assert_no_error (error);
  {
    guint n_document = 0;

    for (guint i = 0; i < history->len; i++)
      {
        BzHistoryEntry *entry = g_ptr_array_index (history, i);

        if (g_str_equal (entry->entity, "document"))
          {
            n_document++;
            g_assert_cmpint (entry->span_id, ==, f->document_id);
            g_assert_nonnull (strstr (entry->after, "\"status\""));
          }
        else
          g_assert_cmpstr (entry->entity, ==, "span");
      }
    /* in progress; reviewed; its undo and redo; undo; undo; reviewed; its undo */
    g_assert_cmpuint (n_document, ==, 8);
  }
}

/* A span's history: its own changes and its relations', oldest first, and
 * nothing of other spans or of the document. */
static void
test_span_history (Fixture       *f,
                   gconstpointer  data)
{
  static const char *want[] = {
    "span add change 王芳", "span update change 王芳", "span update change 李伟", "relation add change 李伟",
    "span update change 李伟", "span update undo 李伟", "relation delete change 王芳", "span delete change 王芳",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(BzSpan) suggestion = bz_span_new (4, 7, "PLACE", BZ_SPAN_SUGGESTED, "extractor@1");
  gint64 span_id, other, relation_id;

  g_assert_true (bz_store_begin (f->store, "extractor run", FALSE, &error));
  span_id = bz_store_add_span (f->store, f->document_id, suggestion, &error);
  other = fixture_add_span (f->store, f->document_id, 12, 15, "PLACE", BZ_SPAN_SUGGESTED);
  g_assert_true (bz_store_commit (f->store, &error));
  g_assert_true (bz_store_set_span_status (f->store, span_id, BZ_SPAN_ACCEPTED, &error));
  bz_store_set_reviewer (f->store, "李伟");
  g_assert_true (bz_store_set_span_label (f->store, span_id, "ORG", &error));
  g_assert_true (bz_store_set_span_status (f->store, other, BZ_SPAN_ACCEPTED, &error));
  relation_id = bz_store_add_relation (f->store, span_id, other, "located_in", NULL, &error);
  g_assert_true (bz_store_set_span_bounds (f->store, span_id, 4, 9, &error));
  g_assert_true (bz_store_undo (f->store, NULL, &error));
  bz_store_set_reviewer (f->store, "王芳");
  g_assert_true (bz_store_set_document_note (f->store, f->document_id, "全文待核", &error));
  g_assert_true (bz_store_delete_span (f->store, span_id, &error));
  g_assert_no_error (error);

  /* Also once the span is gone, and after a reopen. */
  f->store = fixture_reopen (f->store);
  history = bz_store_list_span_history (f->store, span_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < history->len; i++)
    {
      BzHistoryEntry *entry = g_ptr_array_index (history, i);
      g_autofree char *line = g_strdup_printf ("%s %s %s %s", entry->entity, entry->op, entry->kind, entry->reviewer);

      g_assert_cmpstr (line, ==, want[i]);
      g_assert_cmpint (entry->document_id, ==, f->document_id);
      g_assert_cmpint (entry->span_id, ==, g_str_equal (entry->entity, "span") ? span_id : relation_id);
      g_assert_cmpint (entry->timestamp, >, 1700000000);
      g_assert_true (i == 0 || entry->id > ((BzHistoryEntry *) history->pdata[i - 1])->id);
    }
  /* The relabel: before and after. */
  {
    BzHistoryEntry *relabel = g_ptr_array_index (history, 2);
    g_autoptr(JsonNode) before = json_from_string (relabel->before, &error);
    g_autoptr(JsonNode) after = json_from_string (relabel->after, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (before), "label"), ==, "PLACE");
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (after), "label"), ==, "ORG");
    g_assert_cmpstr (relabel->description, ==, "change a span’s label");
  }
  /* The relation's rows say so, and the other span's history has them too. */
  g_assert_nonnull (strstr (((BzHistoryEntry *) history->pdata[3])->after, "\"located_in\""));
  g_clear_pointer (&history, g_ptr_array_unref);
  history = bz_store_list_span_history (f->store, other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 4);
  g_assert_cmpstr (((BzHistoryEntry *) history->pdata[2])->entity, ==, "relation");
  g_assert_cmpstr (((BzHistoryEntry *) history->pdata[3])->entity, ==, "relation");

  g_clear_pointer (&history, g_ptr_array_unref);
  history = bz_store_list_span_history (f->store, other + 100, &error);
  g_assert_null (history);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* As a program's main() may do; the store must not register it a second time. */
  bz_core_register_resource ();

#define ADD(name, func, data) \
  g_test_add ("/biaozhu/history/" name, Fixture, data, history_set_up, func, fixture_tear_down)
  ADD ("undo-add-across-reopen", test_undo_add, NULL);
  ADD ("undo-relabel-across-reopen", test_undo_redo_change, change_label);
  ADD ("undo-move-across-reopen", test_undo_redo_change, change_bounds);
  ADD ("undo-accept-across-reopen", test_undo_redo_change, change_accept);
  ADD ("undo-reject-across-reopen", test_undo_redo_change, change_reject);
  ADD ("undo-note-across-reopen", test_undo_redo_change, change_note);
  ADD ("undo-delete-across-reopen", test_undo_redo_change, change_delete);
  ADD ("undo-group", test_undo_group, NULL);
  ADD ("new-action-drops-redo", test_new_action_drops_redo, NULL);
  ADD ("per-reviewer", test_per_reviewer, NULL);
  ADD ("audit-trail", test_audit_trail, NULL);
  ADD ("undo-signals", test_undo_signals, NULL);
  ADD ("mark-reviewed", test_mark_reviewed, NULL);
  ADD ("span-history", test_span_history, NULL);
#undef ADD

  return g_test_run ();
}
