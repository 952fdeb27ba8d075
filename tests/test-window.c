/* test-window.c: the workbench window driven through its actions on real reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <biaozhu.h>

#include "bz-application.h"
#include "bz-document-view.h"
#include "bz-gui-resources.h"
#include "bz-note-popover.h"
#include "bz-occurrences-dialog.h"
#include "bz-report-view.h"
#include "bz-search-dialog.h"
#include "bz-window.h"

#include "bz-test-gui.h"

typedef struct
{
  char *dir;
  BzStore *store;
  BzApplication *app;
  BzWindow *window;
  BzDocumentView *view;
} Fixture;

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzExtractor) extractor = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *db = NULL;
  const char *paths[] = { g_getenv ("BZ_SAMPLES"), NULL };

  g_assert_nonnull (paths[0]);
  fixture->dir = g_dir_make_tmp ("bz-window-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (fixture->dir, "workspace.db", NULL);
  fixture->store = bz_store_open (db, &error);
  g_assert_no_error (error);
  bz_store_set_reviewer (fixture->store, "tester");

  extractor = bz_extractor_new (NULL, &error);
  g_assert_no_error (error);
  results = bz_import_paths (fixture->store, paths, bz_extractor_annotate, extractor,
                             NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 4);

  fixture->app = bz_application_new ();
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
  fixture->window = bz_window_new (GTK_APPLICATION (fixture->app), fixture->store);
  fixture->view = bz_window_get_document_view (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_ms (200);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->dir, "workspace.db", NULL);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  drain ();
  g_clear_object (&fixture->app);
  g_assert_finalize_object (fixture->store);
  g_unlink (db);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* The view shows exactly the stored spans of its report, in their order, as
 * they are stored: what a fresh load of the report shows. */
static void
assert_view_matches_store (Fixture *fixture)
{
  gint64 document_id = bz_document_get_id (bz_document_view_get_document (fixture->view));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = bz_store_list_spans (fixture->store, document_id, &error);
  GPtrArray *shown = bz_document_view_get_spans (fixture->view);

  g_assert_no_error (error);
  g_assert_cmpuint (shown->len, ==, spans->len);
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *want = g_ptr_array_index (spans, i), *have = g_ptr_array_index (shown, i);

      g_assert_cmpint (bz_span_get_id (have), ==, bz_span_get_id (want));
      g_assert_cmpint (bz_span_get_start (have), ==, bz_span_get_start (want));
      g_assert_cmpint (bz_span_get_end (have), ==, bz_span_get_end (want));
      g_assert_cmpstr (bz_span_get_label (have), ==, bz_span_get_label (want));
      g_assert_cmpint (bz_span_get_status (have), ==, bz_span_get_status (want));
    }
}

static BzSpan *
stored (Fixture *fixture,
        gint64   id)
{
  g_autoptr(GError) error = NULL;
  BzSpan *span = bz_store_get_span (fixture->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (span);
  return span;
}

/* The view shows span @id as it is stored. */
static void
assert_shown (Fixture *fixture,
              gint64   id)
{
  g_autoptr(BzSpan) span = stored (fixture, id);
  GPtrArray *spans = bz_document_view_get_spans (fixture->view);
  guint found = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *shown = g_ptr_array_index (spans, i);

      if (bz_span_get_id (shown) != id)
        continue;
      g_assert_cmpint (bz_span_get_start (shown), ==, bz_span_get_start (span));
      g_assert_cmpint (bz_span_get_end (shown), ==, bz_span_get_end (span));
      g_assert_cmpstr (bz_span_get_label (shown), ==, bz_span_get_label (span));
      g_assert_cmpint (bz_span_get_status (shown), ==, bz_span_get_status (span));
      found++;
    }
  g_assert_cmpuint (found, ==, 1);
}

static BzOccurrencesDialog *
find_occurrences_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (BZ_IS_OCCURRENCES_DIALOG (item))
        return BZ_OCCURRENCES_DIALOG (item);
    }
  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return ADW_MESSAGE_DIALOG (item);
    }
  return NULL;
}

static guint
count_with_status (BzStore      *store,
                   gint64        document_id,
                   BzSpanStatus  status)
{
  g_autoptr(GPtrArray) spans = bz_store_list_spans (store, document_id, NULL);
  guint n = 0;

  for (guint i = 0; i < spans->len; i++)
    if (bz_span_get_status (g_ptr_array_index (spans, i)) == status)
      n++;
  return n;
}

static BzDocumentStatus
document_status (BzStore *store,
                 gint64   document_id)
{
  g_autoptr(BzDocument) document = bz_store_get_document (store, document_id, NULL);

  return bz_document_get_status (document);
}

/* @n_new human spans with @model's surface and label were added, each drawn accepted. */
static void
check_occurrences (Fixture *fixture,
                   BzSpan  *model,
                   guint    n_new)
{
  GPtrArray *spans = bz_document_view_get_spans (fixture->view);
  guint n = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      if (bz_span_get_id (span) <= bz_span_get_id (model) || g_strcmp0 (bz_span_get_origin (span), "human") != 0)
        continue;
      if (g_strcmp0 (bz_span_get_surface (span), bz_span_get_surface (model)) != 0)
        continue;
      g_assert_cmpstr (bz_span_get_label (span), ==, bz_span_get_label (model));
      g_assert_cmpint (bz_span_get_status (span), ==, BZ_SPAN_ACCEPTED);
      assert_shown (fixture, bz_span_get_id (span));
      n++;
    }
  g_assert_cmpuint (n, ==, n_new);
}

static void
test_review (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(BzSpan) added = NULL;
  BzDocument *document = bz_document_view_get_document (fixture->view);
  BzSpan *suggestion;
  gint64 document_id, added_id, accepted_id, rejected_id, n_before;

  g_assert_nonnull (document);
  document_id = bz_document_get_id (document);
  n_before = bz_store_count_spans (fixture->store, document_id, &error);
  g_assert_cmpint (n_before, >, 0);

  /* Select text and press 2 (ORG): an accepted human span. */
  bz_document_view_select_range (fixture->view, 3, 7);
  g_assert_true (gtk_widget_activate_action (window, "span.add-label", "s", "2"));
  g_assert_cmpint (bz_store_count_spans (fixture->store, document_id, NULL), ==, n_before + 1);
  g_assert_nonnull (bz_document_view_get_selected_span (fixture->view));
  added_id = bz_span_get_id (bz_document_view_get_selected_span (fixture->view));
  added = stored (fixture, added_id);
  g_assert_cmpint (bz_span_get_start (added), ==, 3);
  g_assert_cmpint (bz_span_get_end (added), ==, 7);
  g_assert_cmpstr (bz_span_get_label (added), ==, "ORG");
  g_assert_cmpint (bz_span_get_status (added), ==, BZ_SPAN_ACCEPTED);
  g_assert_cmpstr (bz_span_get_origin (added), ==, "human");
  assert_shown (fixture, added_id);

  /* Relabel with a label name. */
  g_assert_true (gtk_widget_activate_action (window, "span.add-label", "s", "PLACE"));
  g_clear_object (&added);
  added = stored (fixture, added_id);
  g_assert_cmpstr (bz_span_get_label (added), ==, "PLACE");
  assert_shown (fixture, added_id);

  /* Nudge both boundaries. */
  g_assert_true (gtk_widget_activate_action (window, "span.nudge-start", "i", 1));
  g_assert_true (gtk_widget_activate_action (window, "span.nudge-end", "i", 1));
  g_clear_object (&added);
  added = stored (fixture, added_id);
  g_assert_cmpint (bz_span_get_start (added), ==, 4);
  g_assert_cmpint (bz_span_get_end (added), ==, 8);
  assert_shown (fixture, added_id);

  /* Undo the end nudge, then redo it. */
  g_assert_true (gtk_widget_activate_action (window, "workspace.undo", NULL));
  g_clear_object (&added);
  added = stored (fixture, added_id);
  g_assert_cmpint (bz_span_get_end (added), ==, 7);
  assert_shown (fixture, added_id);
  g_assert_true (gtk_widget_activate_action (window, "workspace.redo", NULL));
  g_clear_object (&added);
  added = stored (fixture, added_id);
  g_assert_cmpint (bz_span_get_end (added), ==, 8);
  assert_shown (fixture, added_id);

  /* Tab to a suggestion, accept it; Tab to the next, reject it. */
  bz_document_view_select_span (fixture->view, 0);
  g_assert_true (gtk_widget_activate_action (window, "review.next", NULL));
  suggestion = bz_document_view_get_selected_span (fixture->view);
  g_assert_nonnull (suggestion);
  g_assert_cmpint (bz_span_get_status (suggestion), ==, BZ_SPAN_SUGGESTED);
  g_assert_cmpint (bz_span_get_start (suggestion), >=, 4);
  accepted_id = bz_span_get_id (suggestion);
  g_assert_true (gtk_widget_activate_action (window, "span.accept", NULL));
  {
    g_autoptr(BzSpan) span = stored (fixture, accepted_id);

    g_assert_cmpint (bz_span_get_status (span), ==, BZ_SPAN_ACCEPTED);
    g_assert_cmpstr (bz_span_get_reviewer (span), ==, "tester");
    assert_shown (fixture, accepted_id);
  }

  g_assert_true (gtk_widget_activate_action (window, "review.next", NULL));
  suggestion = bz_document_view_get_selected_span (fixture->view);
  g_assert_nonnull (suggestion);
  rejected_id = bz_span_get_id (suggestion);
  g_assert_cmpint (rejected_id, !=, accepted_id);
  g_assert_true (gtk_widget_activate_action (window, "span.reject", NULL));
  {
    g_autoptr(BzSpan) span = stored (fixture, rejected_id);

    g_assert_cmpint (bz_span_get_status (span), ==, BZ_SPAN_REJECTED);
    assert_shown (fixture, rejected_id);
  }

  /* Undo the rejection: the span is a suggestion again, drawn as one. */
  g_assert_true (gtk_widget_activate_action (window, "workspace.undo", NULL));
  {
    g_autoptr(BzSpan) span = stored (fixture, rejected_id);

    g_assert_cmpint (bz_span_get_status (span), ==, BZ_SPAN_SUGGESTED);
    assert_shown (fixture, rejected_id);
  }

  /* Annotate every other occurrence of a new span's surface in one undoable group:
   * "疏解整治" comes back through the first sample. */
  {
    const char *text = bz_document_get_text (document);
    const char *hit = strstr (text, "疏解整治");
    gint64 start;

    g_assert_nonnull (hit);
    g_assert_nonnull (strstr (hit + 1, "疏解整治"));
    start = g_utf8_pointer_to_offset (text, hit);
    bz_document_view_select_range (fixture->view, start, start + 4);
    g_assert_true (gtk_widget_activate_action (window, "span.add-label", "s", "POLICY"));
    accepted_id = bz_span_get_id (bz_document_view_get_selected_span (fixture->view));
  }
  /* Annotate every other occurrence of an accepted span's surface in one undoable group. */
  bz_document_view_select_span (fixture->view, accepted_id);
  {
    g_autoptr(BzSpan) span = stored (fixture, accepted_id);
    BzOccurrencesDialog *dialog = find_occurrences_dialog ();
    gint64 n_spans = bz_store_count_spans (fixture->store, document_id, NULL);
    guint n_items;

    g_assert_null (dialog);
    g_assert_true (gtk_widget_activate_action (window, "span.annotate-all", NULL));
    dialog = find_occurrences_dialog ();
    g_assert_nonnull (dialog);
    n_items = bz_occurrences_dialog_get_n_items (dialog);
    g_test_message ("%u other occurrences of “%s”", n_items, bz_span_get_surface (span));
    bz_occurrences_dialog_set_whole_workspace (dialog, TRUE);
    g_assert_cmpuint (bz_occurrences_dialog_get_n_items (dialog), >=, n_items);
    bz_occurrences_dialog_set_whole_workspace (dialog, FALSE);
    g_assert_cmpuint (bz_occurrences_dialog_get_n_items (dialog), ==, n_items);
    g_assert_cmpuint (n_items, >, 1);
      {
        /* Untick the first one: it stays as it was. */
        bz_occurrences_dialog_set_active (dialog, 0, FALSE);
        g_assert_true (bz_occurrences_dialog_apply (dialog, &error));
        g_assert_no_error (error);
        drain ();
        g_assert_null (find_occurrences_dialog ());
        g_assert_cmpint (bz_store_count_spans (fixture->store, document_id, NULL), ==, n_spans + n_items - 1);
        check_occurrences (fixture, span, n_items - 1);

        /* One undo takes the whole group back. */
        g_assert_true (gtk_widget_activate_action (window, "workspace.undo", NULL));
        g_assert_cmpint (bz_store_count_spans (fixture->store, document_id, NULL), ==, n_spans);
        g_assert_true (gtk_widget_activate_action (window, "workspace.redo", NULL));
        g_assert_cmpint (bz_store_count_spans (fixture->store, document_id, NULL), ==, n_spans + n_items - 1);
        check_occurrences (fixture, span, n_items - 1);
      }
  }

  /* Ctrl+Enter with undecided suggestions asks first: going back changes nothing. */
  {
    BzDocumentStatus status = document_status (fixture->store, document_id);
    guint n_undecided = count_with_status (fixture->store, document_id, BZ_SPAN_SUGGESTED);
    guint n_rejected = count_with_status (fixture->store, document_id, BZ_SPAN_REJECTED);
    AdwMessageDialog *dialog;

    g_assert_cmpuint (n_undecided, >, 0);
    g_assert_cmpint (status, !=, BZ_DOCUMENT_REVIEWED);
    g_assert_true (gtk_widget_activate_action (window, "document.mark-reviewed", NULL));
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "back");
    /* What a response button does. */
    adw_message_dialog_response (dialog, "back");
    gtk_window_close (GTK_WINDOW (dialog));
    drain ();
    g_assert_null (find_message_dialog ());
    g_assert_cmpint (document_status (fixture->store, document_id), ==, status);
    g_assert_cmpuint (count_with_status (fixture->store, document_id, BZ_SPAN_SUGGESTED), ==, n_undecided);
    g_assert_cmpint (bz_document_get_id (bz_document_view_get_document (fixture->view)), ==, document_id);

    /* Rejecting them marks it reviewed and shows the next document. */
    g_assert_true (gtk_widget_activate_action (window, "document.mark-reviewed", NULL));
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "reject");
    gtk_window_close (GTK_WINDOW (dialog));
    drain ();
    g_assert_cmpint (document_status (fixture->store, document_id), ==, BZ_DOCUMENT_REVIEWED);
    g_assert_cmpuint (count_with_status (fixture->store, document_id, BZ_SPAN_SUGGESTED), ==, 0);
    g_assert_cmpuint (count_with_status (fixture->store, document_id, BZ_SPAN_REJECTED), ==,
                      n_rejected + n_undecided);
    g_assert_nonnull (bz_document_view_get_document (fixture->view));
    g_assert_cmpint (bz_document_get_id (bz_document_view_get_document (fixture->view)), !=, document_id);

    /* The workspace's model learns from the reviewed report in a worker, and is stored active. */
    {
      g_autoptr(GPtrArray) models = NULL;
      const BzStoreModel *model;

      while ((models = bz_store_list_models (fixture->store, &error)) != NULL && models->len == 0)
        {
          g_clear_pointer (&models, g_ptr_array_unref);
          g_main_context_iteration (NULL, TRUE);
        }
      g_assert_no_error (error);
      g_assert_cmpuint (models->len, ==, 1);
      model = g_ptr_array_index (models, 0);
      g_assert_true (model->active);
      g_assert_cmpstr (model->trained_by, ==, bz_store_get_reviewer (fixture->store));
      /* The shipped gold's four reports and this one. */
      g_assert_cmpint (model->n_reports, ==, 5);
      g_assert_nonnull (strstr (model->scores, "\"negatives\":"));
      drain ();
    }

    /* One Ctrl+Z takes the mark and the rejections back, and shows the report again. */
    g_assert_true (gtk_widget_activate_action (window, "workspace.undo", NULL));
    drain ();
    g_assert_cmpint (document_status (fixture->store, document_id), ==, status);
    g_assert_cmpuint (count_with_status (fixture->store, document_id, BZ_SPAN_SUGGESTED), ==, n_undecided);
    g_assert_cmpint (bz_document_get_id (bz_document_view_get_document (fixture->view)), ==, document_id);
    g_assert_true (gtk_widget_activate_action (window, "workspace.redo", NULL));
    drain ();
    g_assert_cmpint (document_status (fixture->store, document_id), ==, BZ_DOCUMENT_REVIEWED);
  }
}

/* Each decision reads only the spans it changed: the other spans keep their
 * objects (the entity list keeps its rows), and the view shows exactly the
 * stored spans, also where spans nest and one of them changes. */
static void
test_incremental (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  GPtrArray *spans = bz_document_view_get_spans (fixture->view);
  BzSpan *outer = NULL;
  gint64 accepted_id, inner_id;
  guint kept = 0;

  assert_view_matches_store (fixture);
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      g_hash_table_insert (before, g_memdup2 (&(gint64) { bz_span_get_id (span) }, sizeof (gint64)), g_object_ref (span));
    }

  /* Accept the first suggestion (selected when the report opens): only its
   * object is new. */
  accepted_id = bz_span_get_id (bz_document_view_get_selected_span (fixture->view));
  g_assert_true (gtk_widget_activate_action (window, "span.accept", NULL));
  spans = bz_document_view_get_spans (fixture->view);
  g_assert_cmpuint (spans->len, ==, g_hash_table_size (before));
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);
      gint64 id = bz_span_get_id (span);

      if (id == accepted_id)
        {
          g_assert_true (g_hash_table_lookup (before, &id) != span);
          g_assert_cmpint (bz_span_get_status (span), ==, BZ_SPAN_ACCEPTED);
        }
      else
        {
          g_assert_true (g_hash_table_lookup (before, &id) == span);
          kept++;
        }
    }
  g_assert_cmpuint (kept, ==, spans->len - 1);
  assert_view_matches_store (fixture);

  /* A span of the same label and status inside an accepted one, then relabelled
   * and rejected: the outer span stays drawn over the inner one's range. */
  for (guint i = 0; i < spans->len && outer == NULL; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      if (bz_span_get_status (span) == BZ_SPAN_ACCEPTED && bz_span_get_end (span) - bz_span_get_start (span) >= 4)
        outer = span;
    }
  g_assert_nonnull (outer);
  bz_document_view_select_range (fixture->view, bz_span_get_start (outer) + 1, bz_span_get_end (outer) - 1);
  g_assert_true (gtk_widget_activate_action (window, "span.add-label", "s", bz_span_get_label (outer)));
  inner_id = bz_span_get_id (bz_document_view_get_selected_span (fixture->view));
  assert_view_matches_store (fixture);
  g_assert_true (gtk_widget_activate_action (window, "span.add-label", "s",
                                             g_strcmp0 (bz_span_get_label (outer), "DATE") == 0 ? "VALUE" : "DATE"));
  assert_view_matches_store (fixture);
  g_assert_true (gtk_widget_activate_action (window, "span.reject", NULL));
  assert_view_matches_store (fixture);

  /* Undo all three and the acceptance: the report is drawn as it was. */
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (gtk_widget_activate_action (window, "workspace.undo", NULL));
      assert_view_matches_store (fixture);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BzSpan) gone = bz_store_get_span (fixture->store, inner_id, &error);

    g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
    g_assert_null (gone);
  }
}

static BzSpan *
selected (Fixture *fixture)
{
  return bz_document_view_get_selected_span (fixture->view);
}

static gint64
selected_id (Fixture *fixture)
{
  BzSpan *span = selected (fixture);

  g_assert_nonnull (span);
  return bz_span_get_id (span);
}

/* The undecided suggestions of the shown report in the order Tab visits them. */
static GArray *
undecided_ids (Fixture *fixture)
{
  GPtrArray *spans = bz_document_view_get_spans (fixture->view);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < spans->len; i++)
    if (bz_span_get_status (g_ptr_array_index (spans, i)) == BZ_SPAN_SUGGESTED)
      g_array_append_val (ids, (gint64) { bz_span_get_id (g_ptr_array_index (spans, i)) });
  return ids;
}

typedef gboolean (*WidgetMatch) (GtkWidget     *widget,
                                 gconstpointer  data);

/* Returns: (transfer none) (nullable): the first widget under @root (itself
 * included) that @match takes */
static GtkWidget *
find_widget (GtkWidget     *root,
             WidgetMatch    match,
             gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  return find_widget (widget, is_of_type, GSIZE_TO_POINTER (type));
}

/* A list view of spans: the entity list. */
static gboolean
is_span_list (GtkWidget     *widget,
              gconstpointer  data)
{
  g_autoptr(GObject) first = NULL;

  if (!GTK_IS_LIST_VIEW (widget))
    return FALSE;
  first = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (widget))), 0);
  return BZ_IS_SPAN (first);
}

/* The list of reports, also when it shows none. */
static gboolean
is_document_list (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget) && g_strcmp0 (gtk_widget_get_name (widget), "document-list") == 0;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_menu_button_with_icon (GtkWidget     *widget,
                          gconstpointer  icon)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), icon) == 0;
}

/* The row the entity list has selected: the list of spans follows the report. */
static gint64
entity_list_selected_id (Fixture *fixture)
{
  GtkWidget *list = find_widget (GTK_WIDGET (fixture->window), is_span_list, NULL);
  gpointer item;

  g_assert_nonnull (list);
  item = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list))));
  return item != NULL ? bz_span_get_id (item) : 0;
}

/* One key per decision: Enter, Delete and a label key decide and move on to
 * the next undecided suggestion; a label key on a suggestion is one action;
 * Space skips; the preference turns moving on off; other reports open without
 * being marked; a search lands on the span it found, so that Enter decides it;
 * Esc clears the search's highlights; F6 goes round the panes. */
static void
test_flow (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GArray) ids = undecided_ids (fixture);
  gint64 document_id = bz_document_get_id (bz_document_view_get_document (fixture->view));
  g_autoptr(BzSpan) before = NULL;
  gint64 id;

  g_settings_reset (settings, "advance-after-decision");
  g_assert_cmpuint (ids->len, >, 6);
  /* The report opens on its first undecided suggestion. */
  g_assert_cmpint (selected_id (fixture), ==, g_array_index (ids, gint64, 0));

  g_assert_true (gtk_widget_activate_action (window, "span.accept", NULL));
  g_assert_cmpint (selected_id (fixture), ==, g_array_index (ids, gint64, 1));
  g_assert_true (gtk_widget_activate_action (window, "span.reject", NULL));
  g_assert_cmpint (selected_id (fixture), ==, g_array_index (ids, gint64, 2));
  g_assert_cmpint (entity_list_selected_id (fixture), ==, g_array_index (ids, gint64, 2));
  /* Following the report, the entity list never takes the keys from it, also
   * when it scrolls far to the span. */
  g_assert_true (gtk_widget_has_focus (bz_document_view_get_text_view (fixture->view)));
  bz_document_view_select_span (fixture->view, g_array_index (ids, gint64, ids->len - 1));
  wait_ms (100);
  g_assert_true (gtk_widget_has_focus (bz_document_view_get_text_view (fixture->view)));
  bz_document_view_select_span (fixture->view, g_array_index (ids, gint64, 2));
  wait_ms (100);
  g_assert_true (gtk_widget_has_focus (bz_document_view_get_text_view (fixture->view)));
  {
    g_autoptr(BzSpan) first = bz_store_get_span (fixture->store, g_array_index (ids, gint64, 0), NULL);
    g_autoptr(BzSpan) second = bz_store_get_span (fixture->store, g_array_index (ids, gint64, 1), NULL);

    g_assert_cmpint (bz_span_get_status (first), ==, BZ_SPAN_ACCEPTED);
    g_assert_cmpint (bz_span_get_status (second), ==, BZ_SPAN_REJECTED);
  }

  /* A label key on a suggestion: relabelled and accepted, one undo step. */
  id = g_array_index (ids, gint64, 2);
  before = bz_store_get_span (fixture->store, id, NULL);
  g_assert_true (gtk_widget_activate_action (window, "span.add-label", "s",
                                             g_strcmp0 (bz_span_get_label (before), "ORG") == 0 ? "1" : "2"));
  g_assert_cmpint (selected_id (fixture), ==, g_array_index (ids, gint64, 3));
  {
    g_autoptr(BzSpan) after = bz_store_get_span (fixture->store, id, NULL);

    g_assert_cmpstr (bz_span_get_label (after), !=, bz_span_get_label (before));
    g_assert_cmpint (bz_span_get_status (after), ==, BZ_SPAN_ACCEPTED);
  }
  g_assert_true (gtk_widget_activate_action (window, "workspace.undo", NULL));
  {
    g_autoptr(BzSpan) after = bz_store_get_span (fixture->store, id, NULL);

    g_assert_cmpstr (bz_span_get_label (after), ==, bz_span_get_label (before));
    g_assert_cmpint (bz_span_get_status (after), ==, BZ_SPAN_SUGGESTED);
  }
  /* The undo before it is the rejection, as the next one. */
  g_assert_true (gtk_widget_activate_action (window, "workspace.redo", NULL));

  /* Space skips: no decision, on to the next. */
  bz_document_view_select_span (fixture->view, g_array_index (ids, gint64, 3));
  g_assert_true (gtk_widget_activate_action (window, "review.next", NULL));
  g_assert_cmpint (selected_id (fixture), ==, g_array_index (ids, gint64, 4));
  {
    g_autoptr(BzSpan) skipped = bz_store_get_span (fixture->store, g_array_index (ids, gint64, 3), NULL);

    g_assert_cmpint (bz_span_get_status (skipped), ==, BZ_SPAN_SUGGESTED);
  }

  /* Without moving on, a decision keeps its span selected. */
  g_settings_set_boolean (settings, "advance-after-decision", FALSE);
  g_assert_true (gtk_widget_activate_action (window, "span.accept", NULL));
  g_assert_cmpint (selected_id (fixture), ==, g_array_index (ids, gint64, 4));
  g_settings_reset (settings, "advance-after-decision");

  /* Other reports, marking nothing. */
  g_assert_true (gtk_widget_activate_action (window, "document.next", NULL));
  g_assert_cmpint (bz_document_get_id (bz_document_view_get_document (fixture->view)), !=, document_id);
  g_assert_true (gtk_widget_activate_action (window, "document.previous", NULL));
  g_assert_cmpint (bz_document_get_id (bz_document_view_get_document (fixture->view)), ==, document_id);
  {
    g_autoptr(BzDocument) document = bz_store_get_document (fixture->store, document_id, NULL);

    g_assert_cmpint (bz_document_get_status (document), !=, BZ_DOCUMENT_REVIEWED);
  }

  /* A search lands on the span it found: Enter in the field, then Enter decides. */
  {
    BzSpan *target = NULL;
    GPtrArray *spans = bz_document_view_get_spans (fixture->view);
    GtkWidget *entry = find_descendant (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_ENTRY);
    GtkSourceSearchContext *search = bz_document_view_get_search (fixture->view);
    g_autofree char *query = NULL;
    gint64 target_id;

    for (guint i = 0; i < spans->len && target == NULL; i++)
      if (bz_span_get_status (g_ptr_array_index (spans, i)) == BZ_SPAN_SUGGESTED
          && g_utf8_strlen (bz_span_get_surface (g_ptr_array_index (spans, i)), -1) >= 3)
        target = g_ptr_array_index (spans, i);
    g_assert_nonnull (target);
    target_id = bz_span_get_id (target);
    query = g_strdup (bz_span_get_surface (target));
    bz_document_view_select_span (fixture->view, 0);
    g_assert_true (gtk_widget_activate_action (window, "search.show", NULL));
    gtk_editable_set_text (GTK_EDITABLE (entry), query);
    for (guint i = 0; i < 600 && gtk_source_search_context_get_occurrences_count (search) < 0; i++)
      wait_ms (50);
    g_assert_cmpint (gtk_source_search_context_get_occurrences_count (search), >, 0);
    g_assert_nonnull (strstr (bz_document_view_get_search_count (fixture->view), "match"));
    /* The matches before the target's own, found one by one. */
    for (guint i = 0; i < 100 && (selected (fixture) == NULL || bz_span_get_id (selected (fixture)) != target_id); i++)
      {
        BzSpan *was = selected (fixture);

        g_signal_emit_by_name (entry, "activate");
        for (guint k = 0; k < 600 && selected (fixture) == was; k++)
          wait_ms (10);
      }
    g_assert_cmpint (selected_id (fixture), ==, target_id);
    g_assert_nonnull (strstr (bz_document_view_get_search_count (fixture->view), " of "));
    g_assert_true (gtk_widget_has_focus (bz_document_view_get_text_view (fixture->view)));
    g_assert_true (gtk_widget_activate_action (window, "span.accept", NULL));
    {
      g_autoptr(BzSpan) found = bz_store_get_span (fixture->store, target_id, NULL);

      g_assert_cmpint (bz_span_get_status (found), ==, BZ_SPAN_ACCEPTED);
    }
    /* Esc closes the search and takes its highlights away. */
    g_assert_true (gtk_source_search_context_get_highlight (search));
    g_signal_emit_by_name (entry, "stop-search");
    g_assert_false (gtk_source_search_context_get_highlight (search));
  }

  /* Annotating all occurrences of a surface found nowhere else offers nothing to apply. */
  {
    GPtrArray *spans = bz_document_view_get_spans (fixture->view);
    const char *text = bz_document_get_text (bz_document_view_get_document (fixture->view));
    BzOccurrencesDialog *dialog;
    BzSpan *unique = NULL;
    GtkWidget *apply;

    for (guint i = 0; i < spans->len && unique == NULL; i++)
      {
        const char *surface = bz_span_get_surface (g_ptr_array_index (spans, i));
        const char *hit = strstr (text, surface);

        if (g_utf8_strlen (surface, -1) >= 4 && hit != NULL && strstr (hit + 1, surface) == NULL)
          unique = g_ptr_array_index (spans, i);
      }
    g_assert_nonnull (unique);
    bz_document_view_select_span (fixture->view, bz_span_get_id (unique));
    g_assert_true (gtk_widget_activate_action (window, "span.annotate-all", NULL));
    dialog = find_occurrences_dialog ();
    g_assert_nonnull (dialog);
    g_assert_cmpuint (bz_occurrences_dialog_get_n_items (dialog), ==, 0);
    apply = find_widget (GTK_WIDGET (dialog), is_button_labelled, "_Apply");
    g_assert_nonnull (apply);
    g_assert_false (gtk_widget_get_sensitive (apply));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* F6 goes round the documents, the report and the entities. */
  gtk_widget_grab_focus (bz_document_view_get_text_view (fixture->view));
  g_assert_true (gtk_widget_activate_action (window, "window.focus-pane", "i", 1));
  g_assert_false (gtk_widget_has_focus (bz_document_view_get_text_view (fixture->view)));
  g_assert_true (gtk_widget_activate_action (window, "window.focus-pane", "i", 1));
  g_assert_true (gtk_widget_activate_action (window, "window.focus-pane", "i", 1));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (fixture->view))
                 || gtk_root_get_focus (GTK_ROOT (window)) == bz_document_view_get_text_view (fixture->view));
}

static BzNotePopover *
open_note (Fixture *fixture)
{
  GtkWidget *popover;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "span.note", NULL));
  popover = find_descendant (GTK_WIDGET (fixture->window), BZ_TYPE_NOTE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  return BZ_NOTE_POPOVER (popover);
}

/* N writes a note on the selected span, stored at once and undone in one
 * step; N again shows it for editing; an empty note, or Delete Note, removes it. */
static void
test_notes (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  BzNotePopover *popover;
  gint64 id;

  id = selected_id (fixture);
  popover = open_note (fixture);
  bz_note_popover_set_text (popover, "  口径与上年不同，待核实 ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover), "note.save", NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  {
    g_autoptr(BzSpan) span = bz_store_get_span (fixture->store, id, NULL);

    g_assert_cmpstr (bz_span_get_note (span), ==, "口径与上年不同，待核实");
  }
  /* The note shows when it opens again. */
  popover = open_note (fixture);
  {
    g_autofree char *text = bz_note_popover_dup_text (popover);

    g_assert_cmpstr (text, ==, "口径与上年不同，待核实");
  }
  gtk_popover_popdown (GTK_POPOVER (popover));
  /* One undo takes it away. */
  g_assert_true (gtk_widget_activate_action (window, "workspace.undo", NULL));
  {
    g_autoptr(BzSpan) span = bz_store_get_span (fixture->store, id, NULL);

    g_assert_null (bz_span_get_note (span));
  }
  g_assert_true (gtk_widget_activate_action (window, "workspace.redo", NULL));
  bz_document_view_select_span (fixture->view, id);
  popover = open_note (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover), "note.delete", NULL));
  {
    g_autoptr(BzSpan) span = bz_store_get_span (fixture->store, id, NULL);

    g_assert_null (bz_span_get_note (span));
  }
}

static guint
shown_documents (Fixture *fixture)
{
  GtkListView *list = GTK_LIST_VIEW (find_widget (GTK_WIDGET (fixture->window), is_document_list, NULL));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

static gint64
shown_document_id (Fixture *fixture,
                   guint    position)
{
  GtkListView *list = GTK_LIST_VIEW (find_widget (GTK_WIDGET (fixture->window), is_document_list, NULL));
  g_autoptr(BzDocument) document = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)), position);

  return bz_document_get_id (document);
}

/* The list of reports: titled by their heading line, found by words of the
 * title, filtered by status and by warnings, sorted by undecided suggestions;
 * F2 renames a report and Shift+N writes its note, each one undoable action. */
static void
test_documents (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *search = find_descendant (window, GTK_TYPE_SEARCH_ENTRY);
  gint64 first = bz_document_get_id (bz_document_view_get_document (fixture->view));
  g_autoptr(GPtrArray) documents = bz_store_list_documents (fixture->store, NULL);
  BzDocument *traditional = NULL;
  guint most = 0;
  gint64 most_id = 0;

  g_assert_cmpuint (shown_documents (fixture), ==, documents->len);
  for (guint i = 0; i < documents->len; i++)
    {
      BzDocument *document = g_ptr_array_index (documents, i);

      /* Titles are the reports' heading lines, not their files' names. */
      g_assert_false (g_str_has_suffix (bz_document_get_title (document), ".txt"));
      if (bz_document_get_script (document) == BZ_SCRIPT_TRADITIONAL)
        traditional = document;
      if (bz_document_get_n_undecided (document) > most)
        {
          most = bz_document_get_n_undecided (document);
          most_id = bz_document_get_id (document);
        }
    }
  g_assert_nonnull (traditional);

  /* The search field is the first search entry of the window (the report's
   * is in its search bar). */
  g_assert_nonnull (search);
  {
    g_autofree char *word = g_utf8_substring (bz_document_get_title (traditional), 0, 6);

    /* A search entry reports its text a moment after the typing. */
    gtk_editable_set_text (GTK_EDITABLE (search), word);
    for (guint i = 0; i < 600 && shown_documents (fixture) == documents->len; i++)
      wait_ms (10);
    g_assert_cmpuint (shown_documents (fixture), <, documents->len);
    g_assert_cmpuint (shown_documents (fixture), >=, 1);
    /* Every word of the search is in every title found. */
    for (guint i = 0; i < shown_documents (fixture); i++)
      {
        g_autoptr(BzDocument) document = bz_store_get_document (fixture->store, shown_document_id (fixture, i), NULL);
        g_auto(GStrv) words = g_strsplit (word, " ", -1);

        for (guint w = 0; words[w] != NULL; w++)
          g_assert_nonnull (strstr (bz_document_get_title (document), words[w]));
      }
    gtk_editable_set_text (GTK_EDITABLE (search), "");
    for (guint i = 0; i < 600 && shown_documents (fixture) < documents->len; i++)
      wait_ms (10);
  }
  g_assert_cmpuint (shown_documents (fixture), ==, documents->len);

  g_assert_true (gtk_widget_activate_action (window, "documents.filter", "s", "warnings"));
  g_assert_cmpuint (shown_documents (fixture), ==, 1);
  g_assert_cmpint (shown_document_id (fixture, 0), ==, bz_document_get_id (traditional));
  g_assert_true (gtk_widget_activate_action (window, "documents.filter", "s", "reviewed"));
  g_assert_cmpuint (shown_documents (fixture), ==, 0);
  g_assert_true (gtk_widget_activate_action (window, "documents.filter", "s", "all"));
  g_assert_true (gtk_widget_activate_action (window, "documents.sort", "s", "undecided"));
  g_assert_cmpint (shown_document_id (fixture, 0), ==, most_id);
  /* The shown report stays shown while the list changes its order. */
  g_assert_cmpint (bz_document_get_id (bz_document_view_get_document (fixture->view)), ==, first);
  g_assert_true (gtk_widget_activate_action (window, "documents.sort", "s", "imported"));

  /* F2: a new title, one undo brings the old one back. */
  {
    g_autoptr(BzDocument) before = bz_store_get_document (fixture->store, first, NULL);
    AdwMessageDialog *dialog;

    g_assert_true (gtk_widget_activate_action (window, "document.rename", NULL));
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "  东城区 2018 年计划执行报告 ");
    adw_message_dialog_response (dialog, "rename");
    gtk_window_close (GTK_WINDOW (dialog));
    drain ();
    {
      g_autoptr(BzDocument) after = bz_store_get_document (fixture->store, first, NULL);
      g_autofree char *title = g_strdup_printf ("%s — Biaozhu", bz_document_get_title (after));

      g_assert_cmpstr (bz_document_get_title (after), ==, "东城区 2018 年计划执行报告");
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);
    }
    g_assert_true (gtk_widget_activate_action (window, "workspace.undo", NULL));
    {
      g_autoptr(BzDocument) after = bz_store_get_document (fixture->store, first, NULL);

      g_assert_cmpstr (bz_document_get_title (after), ==, bz_document_get_title (before));
    }
  }

  /* Shift+N: the report's note. */
  {
    BzNotePopover *popover;

    g_assert_true (gtk_widget_activate_action (window, "document.note", NULL));
    popover = BZ_NOTE_POPOVER (find_descendant (window, BZ_TYPE_NOTE_POPOVER));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
    bz_note_popover_set_text (popover, "第二部分数据待区统计局确认");
    bz_note_popover_save (popover);
    {
      g_autoptr(BzDocument) after = bz_store_get_document (fixture->store, first, NULL);

      g_assert_cmpstr (bz_document_get_note (after), ==, "第二部分数据待区统计局确认");
    }
    g_assert_true (gtk_widget_activate_action (window, "workspace.undo", NULL));
    {
      g_autoptr(BzDocument) after = bz_store_get_document (fixture->store, first, NULL);

      g_assert_null (bz_document_get_note (after));
    }
  }
}

static gboolean
is_stack_with_history (GtkWidget     *widget,
                       gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "history") != NULL;
}

static gboolean
label_holds (GtkWidget     *widget,
             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
         && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* Ctrl+H shows the selected span's history, newest first, and F1 its label's
 * guideline in both languages; the same key goes back to the entities. */
static void
test_side_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkStack *stack = GTK_STACK (find_widget (window, is_stack_with_history, NULL));
  gint64 id = selected_id (fixture);
  g_autoptr(BzSpan) span = bz_store_get_span (fixture->store, id, NULL);
  g_autoptr(BzLabel) label = bz_store_get_label (fixture->store, bz_span_get_label (span));
  g_autofree char *first_zh = NULL;

  g_assert_nonnull (stack);
  g_assert_true (gtk_widget_activate_action (window, "span.accept", NULL));
  bz_document_view_select_span (fixture->view, id);
  g_assert_true (gtk_widget_activate_action (window, "side.show", "s", "history"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "history");
  wait_ms (50);
  g_assert_nonnull (find_widget (GTK_WIDGET (stack), label_holds, "status: suggested → accepted"));
  g_assert_nonnull (find_widget (GTK_WIDGET (stack), label_holds, "tester"));
  bz_test_render_png (window, "history.png");

  g_assert_true (gtk_widget_activate_action (window, "side.show", "s", "guide"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "guide");
  wait_ms (50);
  first_zh = g_strndup (bz_label_get_guideline (label, "zh"), 12);
  g_assert_cmpuint (strlen (first_zh), >, 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (stack), label_holds, first_zh));
  g_assert_nonnull (find_widget (GTK_WIDGET (stack), label_holds, bz_label_get_name (label)));
  bz_test_render_png (window, "guide.png");
  g_assert_true (gtk_widget_activate_action (window, "side.show", "s", "guide"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "entities");
}

/* Ctrl+Shift+F finds a place in every report, in either script, and a hit
 * opens its report with the span there selected. */
static void
test_workspace_search (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GPtrArray) documents = bz_store_list_documents (fixture->store, NULL);
  BzSearchDialog *dialog = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  gint64 traditional = 0, start, end;
  guint n;

  for (guint i = 0; i < documents->len; i++)
    if (bz_document_get_script (g_ptr_array_index (documents, i)) == BZ_SCRIPT_TRADITIONAL)
      traditional = bz_document_get_id (g_ptr_array_index (documents, i));
  g_assert_true (gtk_widget_activate_action (window, "workspace.search", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (BZ_IS_SEARCH_DIALOG (item))
        dialog = BZ_SEARCH_DIALOG (item);
    }
  g_assert_nonnull (dialog);
  /* Simplified characters find the Traditional report's 東城區 too. */
  bz_search_dialog_search (dialog, "东城区");
  for (guint i = 0; i < 1200 && bz_search_dialog_get_n_hits (dialog) == 0; i++)
    wait_ms (25);
  n = bz_search_dialog_get_n_hits (dialog);
  g_assert_cmpuint (n, >, 1);
  g_assert_nonnull (strstr (bz_search_dialog_get_summary (dialog), "reports"));
  {
    gboolean in_traditional = FALSE;

    for (guint i = 0; i < n; i++)
      in_traditional |= bz_search_dialog_get_hit_document_id (dialog, i) == traditional;
    g_assert_true (in_traditional);
  }
  /* The last hit opens its report there. */
  bz_search_dialog_open_hit (dialog, n - 1);
  g_assert_cmpint (bz_document_get_id (bz_document_view_get_document (fixture->view)), ==,
                   bz_search_dialog_get_hit_document_id (dialog, n - 1));
  g_assert_true (bz_document_view_get_selection (fixture->view, &start, &end)
                 || bz_document_view_get_selected_span (fixture->view) != NULL);
  {
    BzDocument *shown = bz_document_view_get_document (fixture->view);
    const char *text = bz_document_get_text (shown);
    BzSpan *span = bz_document_view_get_selected_span (fixture->view);
    g_autofree char *found = NULL;

    if (span != NULL)
      {
        start = bz_span_get_start (span);
        end = bz_span_get_end (span);
      }
    found = g_utf8_substring (text, start, end);
    g_test_message ("opened “%s” in document %" G_GINT64_FORMAT, found, bz_document_get_id (shown));
    g_assert_true (strstr (found, "东城区") != NULL || strstr (found, "東城區") != NULL);
  }
  /* And the Traditional spelling finds the same places. */
  bz_search_dialog_search (dialog, "東城區");
  for (guint i = 0; i < 1200 && bz_search_dialog_get_n_hits (dialog) == 0; i++)
    wait_ms (25);
  g_assert_cmpuint (bz_search_dialog_get_n_hits (dialog), ==, n);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The Traditional sample's mangled spots: listed in the header, and F8 and
 * Shift+F8 go from one to the next. */
static void
test_warnings (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GPtrArray) documents = bz_store_list_documents (fixture->store, NULL);
  g_autoptr(GArray) warnings = NULL;
  GtkWidget *button, *list;
  gint64 document_id = 0, start, end;
  guint n_rows = 0;

  for (guint i = 0; i < documents->len; i++)
    if (bz_document_get_script (g_ptr_array_index (documents, i)) == BZ_SCRIPT_TRADITIONAL)
      document_id = bz_document_get_id (g_ptr_array_index (documents, i));
  g_assert_cmpint (document_id, !=, 0);
  warnings = bz_store_list_warnings (fixture->store, document_id, NULL);
  g_assert_cmpuint (warnings->len, >=, 2);
  bz_window_open_document (fixture->window, document_id);

  button = find_widget (window, is_menu_button_with_icon, "dialog-warning-symbolic");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  list = gtk_popover_get_child (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  list = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (list));
  if (GTK_IS_VIEWPORT (list))
    list = gtk_viewport_get_child (GTK_VIEWPORT (list));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, warnings->len);

  bz_document_view_select_range (fixture->view, 0, 0);
  g_assert_true (gtk_widget_activate_action (window, "warning.next", NULL));
  g_assert_true (bz_document_view_get_selection (fixture->view, &start, &end));
  g_assert_cmpint (start, ==, g_array_index (warnings, BzQualityWarning, 0).start);
  g_assert_true (gtk_widget_activate_action (window, "warning.next", NULL));
  g_assert_true (bz_document_view_get_selection (fixture->view, &start, &end));
  g_assert_cmpint (start, ==, g_array_index (warnings, BzQualityWarning, 1).start);
  g_assert_true (gtk_widget_activate_action (window, "warning.previous", NULL));
  g_assert_true (bz_document_view_get_selection (fixture->view, &start, &end));
  g_assert_cmpint (start, ==, g_array_index (warnings, BzQualityWarning, 0).start);
  /* A row of the list goes to its warning. */
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) warnings->len - 1));
  g_assert_true (bz_document_view_get_selection (fixture->view, &start, &end));
  g_assert_cmpint (start, ==, g_array_index (warnings, BzQualityWarning, warnings->len - 1).start);
}

static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  /* Show a selected span, as a reviewer sees it mid-review. */
  gtk_widget_activate_action (window, "review.next", NULL);
  gtk_widget_activate_action (window, "review.next", NULL);
  wait_ms (300);

  bz_test_render_png (window, "workbench.png");
}

/* The confidence of suggestions: those below the threshold the workspace
 * measured are counted as unsure in the list of reports; with Least Sure
 * First, Tab goes from the least sure up; Ctrl+Shift+Enter accepts exactly the
 * undecided suggestions at or above the threshold, after saying how many, and
 * one Ctrl+Z takes them all back. */
static void
test_confidence (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  gint64 document_id = bz_document_get_id (bz_document_view_get_document (fixture->view));
  GtkWidget *text_view = bz_document_view_get_text_view (fixture->view);
  double threshold = bz_report_view_get_confidence_threshold (BZ_REPORT_VIEW (text_view));
  g_autoptr(GPtrArray) spans = bz_store_list_spans (fixture->store, document_id, &error);
  g_autoptr(GHashTable) confident = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_suggested = 0, n_unsure = 0;
  double last = -2.0;
  AdwMessageDialog *dialog;

  g_assert_no_error (error);
  /* The extractor's suggestions carry confidences, and some are sure enough. */
  g_assert_cmpfloat (threshold, >, 0.0);
  g_assert_cmpfloat (threshold, <=, 1.0);
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      if (bz_span_get_status (span) != BZ_SPAN_SUGGESTED)
        continue;
      n_suggested++;
      g_assert_true (bz_span_has_confidence (span));
      if (bz_span_get_confidence (span) >= threshold)
        g_hash_table_add (confident, g_memdup2 (&(gint64) { bz_span_get_id (span) }, sizeof (gint64)));
      else
        n_unsure++;
    }
  g_assert_cmpuint (g_hash_table_size (confident), >, 0);
  g_assert_cmpuint (n_unsure, >, 0);

  /* The list of reports says how many the extractor is unsure of. */
  {
    g_autofree char *unsure = g_strdup_printf ("%u unsure", n_unsure);

    g_assert_nonnull (find_widget (window, label_holds, unsure));
  }

  /* Least sure first: Tab visits every undecided suggestion, the least sure first. */
  g_settings_set_boolean (settings, "least-sure-first", TRUE);
  bz_document_view_select_span (fixture->view, 0);
  for (guint i = 0; i < n_suggested; i++)
    {
      g_autoptr(BzSpan) span = NULL;

      g_assert_true (gtk_widget_activate_action (window, "review.next", NULL));
      span = bz_store_get_span (fixture->store, selected_id (fixture), &error);
      g_assert_no_error (error);
      /* Each one once. */
      g_assert_true (g_hash_table_add (visited, g_memdup2 (&(gint64) { bz_span_get_id (span) }, sizeof (gint64))));
      g_assert_cmpint (bz_span_get_status (span), ==, BZ_SPAN_SUGGESTED);
      g_assert_cmpfloat (bz_span_get_confidence (span), >=, last);
      last = bz_span_get_confidence (span);
    }
  /* The last one is the surest. */
  {
    g_autoptr(BzSpan) span = bz_store_get_span (fixture->store, selected_id (fixture), NULL);

    for (guint i = 0; i < spans->len; i++)
      if (bz_span_get_status (g_ptr_array_index (spans, i)) == BZ_SPAN_SUGGESTED)
        g_assert_cmpfloat (bz_span_get_confidence (g_ptr_array_index (spans, i)), <=, bz_span_get_confidence (span));
  }
  /* For the README: unsure suggestions are fainter, with a dashed underline. */
  bz_test_render_png (window, "confidence.png");

  /* Bulk acceptance asks first; going back changes nothing. */
  g_assert_true (gtk_widget_activate_action (window, "review.accept-confident", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  {
    g_autofree char *accept = g_strdup_printf ("_Accept %u", g_hash_table_size (confident));

    g_assert_true (adw_message_dialog_has_response (dialog, "accept"));
    g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "accept"), ==, accept);
  }
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  drain ();
  g_assert_cmpuint (count_with_status (fixture->store, document_id, BZ_SPAN_SUGGESTED), ==, n_suggested);

  /* Accepted: exactly the confident ones, in one action. */
  g_assert_true (gtk_widget_activate_action (window, "review.accept-confident", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "accept");
  gtk_window_close (GTK_WINDOW (dialog));
  drain ();
  {
    g_autoptr(GPtrArray) after = bz_store_list_spans (fixture->store, document_id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (after->len, ==, spans->len);
    for (guint i = 0; i < after->len; i++)
      {
        BzSpan *was = g_ptr_array_index (spans, i), *now = g_ptr_array_index (after, i);
        gint64 id = bz_span_get_id (now);

        g_assert_cmpint (id, ==, bz_span_get_id (was));
        if (g_hash_table_contains (confident, &id))
          g_assert_cmpint (bz_span_get_status (now), ==, BZ_SPAN_ACCEPTED);
        else
          g_assert_cmpint (bz_span_get_status (now), ==, bz_span_get_status (was));
      }
  }
  /* The report's row in the list counts them decided. */
  {
    g_autofree char *progress = g_strdup_printf ("%u/%u", g_hash_table_size (confident), spans->len);

    g_assert_nonnull (find_widget (window, label_holds, progress));
  }
  /* The selection went on to what is left: an unsure suggestion. */
  {
    g_autoptr(BzSpan) span = bz_store_get_span (fixture->store, selected_id (fixture), NULL);

    g_assert_cmpint (bz_span_get_status (span), ==, BZ_SPAN_SUGGESTED);
    g_assert_cmpfloat (bz_span_get_confidence (span), <, threshold);
  }
  g_assert_true (gtk_widget_activate_action (window, "workspace.undo", NULL));
  drain ();
  g_assert_cmpuint (count_with_status (fixture->store, document_id, BZ_SPAN_SUGGESTED), ==, n_suggested);
  g_settings_reset (settings, "least-sure-first");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  bz_gui_register_resource ();

  g_test_add ("/biaozhu/window/review", Fixture, NULL, fixture_set_up, test_review, fixture_tear_down);
  g_test_add ("/biaozhu/window/flow", Fixture, NULL, fixture_set_up, test_flow, fixture_tear_down);
  g_test_add ("/biaozhu/window/documents", Fixture, NULL, fixture_set_up, test_documents, fixture_tear_down);
  g_test_add ("/biaozhu/window/side-pages", Fixture, NULL, fixture_set_up, test_side_pages, fixture_tear_down);
  g_test_add ("/biaozhu/window/workspace-search", Fixture, NULL, fixture_set_up, test_workspace_search, fixture_tear_down);
  g_test_add ("/biaozhu/window/notes", Fixture, NULL, fixture_set_up, test_notes, fixture_tear_down);
  g_test_add ("/biaozhu/window/warnings", Fixture, NULL, fixture_set_up, test_warnings, fixture_tear_down);
  g_test_add ("/biaozhu/window/incremental", Fixture, NULL, fixture_set_up, test_incremental, fixture_tear_down);
  g_test_add ("/biaozhu/window/confidence", Fixture, NULL, fixture_set_up, test_confidence, fixture_tear_down);
  g_test_add ("/biaozhu/window/screenshot", Fixture, NULL, fixture_set_up, test_screenshot, fixture_tear_down);

  return g_test_run ();
}
