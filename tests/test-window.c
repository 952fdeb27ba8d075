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
#include "bz-occurrences-dialog.h"
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

  /* Accept the first suggestion: only its object is new. */
  g_assert_true (gtk_widget_activate_action (window, "review.next", NULL));
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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  bz_gui_register_resource ();

  g_test_add ("/biaozhu/window/review", Fixture, NULL, fixture_set_up, test_review, fixture_tear_down);
  g_test_add ("/biaozhu/window/incremental", Fixture, NULL, fixture_set_up, test_incremental, fixture_tear_down);
  g_test_add ("/biaozhu/window/screenshot", Fixture, NULL, fixture_set_up, test_screenshot, fixture_tear_down);

  return g_test_run ();
}
