/* test-workspace.c: the window's workspace actions (import, statistics, preferences)
 * and its Chinese user interface, on the sample reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs with LANGUAGE=zh_CN and LC_ALL=zh_CN.UTF-8 (tests/meson.build), so that
 * every test sees the interface the analysts see.
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <biaozhu.h>

#include "bz-application.h"
#include "bz-document-view.h"
#include "bz-gui-resources.h"
#include "bz-import-dialog.h"
#include "bz-preferences-window.h"
#include "bz-relations-dialog.h"
#include "bz-stats-row.h"
#include "bz-stats-view.h"
#include "bz-window.h"
#include "bz-window-private.h"

#include "bz-test-gui.h"
#include "store-fixtures.h"

#define N_SAMPLES 4

typedef struct
{
  char *dir;
  BzStore *store;
  BzApplication *app;
  BzWindow *window;
  BzDocumentView *view;
  GSettings *settings;
} WsFixture;

static void
ws_set_up (WsFixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  gboolean with_samples = GPOINTER_TO_INT (data);

  f->dir = fixture_make_dir ();
  db = g_build_filename (f->dir, "workspace.db", NULL);
  f->store = bz_store_open (db, &error);
  g_assert_no_error (error);
  bz_store_set_reviewer (f->store, "tester");
  if (with_samples)
    fixture_import_samples (f->store, N_SAMPLES);

  /* The memory backend is shared by the whole process: start each test
   * from the defaults. */
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "reviewer-name");
  g_settings_reset (f->settings, "font-size");
  g_settings_reset (f->settings, "show-rejected");

  f->app = bz_application_new ();
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  f->window = bz_window_new (GTK_APPLICATION (f->app), f->store);
  f->view = bz_window_get_document_view (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  bz_test_wait_ms (200);
}

static void
ws_tear_down (WsFixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  bz_test_wait_ms (50);
  g_clear_object (&f->app);
  g_clear_object (&f->settings);
  g_assert_finalize_object (f->store);
  fixture_remove_tree (f->dir);
  g_free (f->dir);
}

/* Returns: (transfer none) (nullable): the first widget of @type under @widget */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
import_finished_cb (BzImportDialog *dialog,
                    guint           n_added,
                    gboolean       *flag)
{
  *flag = TRUE;
}

/* An empty workspace: the import dialog, opened from the window's action,
 * imports the samples on its own connection and the window lists them. */
static void
test_import (WsFixture       *f,
             gconstpointer  data)
{
  BzImportDialog *dialog;
  gboolean finished = FALSE;
  BzDocument *shown;

  g_assert_cmpuint (g_list_model_get_n_items (bz_window_get_documents (f->window)), ==, 0);
  g_assert_null (bz_document_view_get_document (f->view));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "workspace.import", NULL));
  dialog = BZ_IMPORT_DIALOG (bz_test_find_toplevel (BZ_TYPE_IMPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_signal_connect (dialog, "finished", G_CALLBACK (import_finished_cb), &finished);
  bz_import_dialog_add_path (dialog, g_getenv ("BZ_SAMPLES"));
  bz_import_dialog_set_extract (dialog, TRUE);
  bz_import_dialog_start (dialog);
  bz_test_wait_for_flag (&finished);
  g_assert_cmpuint (bz_import_dialog_get_count (dialog, BZ_IMPORT_ADDED), ==, N_SAMPLES);

  /* The window's handler ran with the dialog's: the list and the view follow. */
  g_assert_cmpuint (g_list_model_get_n_items (bz_window_get_documents (f->window)), ==, N_SAMPLES);
  shown = bz_document_view_get_document (f->view);
  g_assert_nonnull (shown);
  g_assert_cmpuint (bz_document_view_get_spans (f->view)->len, >, 0);
  g_assert_cmpuint (bz_document_view_get_spans (f->view)->len, ==, bz_document_get_n_spans (shown));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static guint
row_count (BzStatsView  *view,
           const char   *label,
           BzSpanStatus  status)
{
  GListModel *rows = bz_stats_view_get_labels (view);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(BzStatsRow) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (bz_stats_row_get_name (row), label) == 0)
        return bz_stats_row_get_count (row, status);
    }
  g_assert_not_reached ();
}

static void
wait_stats_loaded (BzStatsView *view)
{
  gboolean loaded = FALSE;
  gulong id = g_signal_connect (view, "loaded", G_CALLBACK (bz_test_set_true_cb), &loaded);

  bz_test_wait_for_flag (&loaded);
  g_signal_handler_disconnect (view, id);
}

/* The statistics window opens from the window and follows the decisions that
 * are made while it is open. */
static void
test_statistics (WsFixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  BzStatsView *view;
  BzSpan *suggestion = NULL;
  g_autofree char *label = NULL;
  GPtrArray *spans;
  guint accepted, suggested;
  gint64 id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "workspace.statistics", NULL));
  window = GTK_WINDOW (bz_test_find_toplevel (ADW_TYPE_WINDOW));
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "bz-statistics"));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "统计");
  view = BZ_STATS_VIEW (find_descendant (GTK_WIDGET (window), BZ_TYPE_STATS_VIEW));
  g_assert_nonnull (view);
  if (bz_stats_view_is_loading (view))
    wait_stats_loaded (view);

  spans = bz_document_view_get_spans (f->view);
  for (guint i = 0; i < spans->len && suggestion == NULL; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      if (bz_span_get_status (span) == BZ_SPAN_SUGGESTED)
        suggestion = span;
    }
  g_assert_nonnull (suggestion);
  /* The view's spans are replaced on each change: keep what is needed. */
  id = bz_span_get_id (suggestion);
  label = g_strdup (bz_span_get_label (suggestion));
  accepted = row_count (view, label, BZ_SPAN_ACCEPTED);
  suggested = row_count (view, label, BZ_SPAN_SUGGESTED);
  g_assert_cmpuint (suggested, >, 0);

  /* Accept it through the window, as a reviewer does. */
  bz_document_view_select_span (f->view, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "span.accept", NULL));
  wait_stats_loaded (view);
  {
    g_autoptr(BzSpan) stored = bz_store_get_span (f->store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (bz_span_get_status (stored), ==, BZ_SPAN_ACCEPTED);
    g_assert_cmpuint (row_count (view, label, BZ_SPAN_ACCEPTED), ==, accepted + 1);
    g_assert_cmpuint (row_count (view, label, BZ_SPAN_SUGGESTED), ==, suggested - 1);
  }

  /* A second activation shows the same window instead of a new one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "workspace.statistics", NULL));
  g_assert_true (bz_test_find_toplevel (ADW_TYPE_WINDOW) == window);
  gtk_window_destroy (window);
}

static int
text_view_font_points (WsFixture *f)
{
  GtkWidget *text_view = bz_document_view_get_text_view (f->view);
  const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (text_view));

  double size = (double) pango_font_description_get_size (font) / PANGO_SCALE;

  /* GTK gives CSS sizes to Pango in pixels at 96 per inch. */
  if (pango_font_description_get_size_is_absolute (font))
    size = size * 72.0 / 96.0;
  return (int) (size + 0.5);
}

/* The preferences window edits the settings, and the window follows them:
 * the reviewer recorded with decisions, the font size and rejected spans. */
static void
test_preferences (WsFixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reviewer = NULL;
  BzPreferencesWindow *preferences;
  BzSpan *span;
  gint64 id;

  /* The defaults: rejected spans struck through, 15 pt. */
  g_assert_true (bz_document_view_get_show_rejected (f->view));
  g_assert_cmpint (text_view_font_points (f), ==, 15);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "workspace.preferences", NULL));
  preferences = BZ_PREFERENCES_WINDOW (bz_test_find_toplevel (BZ_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (preferences);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (preferences)), ==, "首选项");

  /* The name applies as it is typed, without Enter; typing leaves no reviewer
   * behind, the first decision records one. */
  g_assert_cmpstr (bz_store_get_reviewer (f->store), ==, "tester");
  bz_preferences_window_set_reviewer_text (preferences, "  王");
  g_assert_cmpstr (bz_store_get_reviewer (f->store), ==, "王");
  bz_preferences_window_set_reviewer_text (preferences, "  王芳 ");
  reviewer = g_settings_get_string (f->settings, "reviewer-name");
  g_assert_cmpstr (reviewer, ==, "王芳");
  g_assert_cmpstr (bz_store_get_reviewer (f->store), ==, "王芳");
  {
    g_autoptr(GPtrArray) reviewers = bz_store_list_reviewers (f->store, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < reviewers->len; i++)
      g_assert_cmpstr (g_ptr_array_index (reviewers, i), !=, "王");
  }

  span = g_ptr_array_index (bz_document_view_get_spans (f->view), 0);
  id = bz_span_get_id (span);
  bz_document_view_select_span (f->view, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "span.reject", NULL));
  {
    g_autoptr(BzSpan) stored = bz_store_get_span (f->store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (bz_span_get_status (stored), ==, BZ_SPAN_REJECTED);
    g_assert_cmpstr (bz_span_get_reviewer (stored), ==, "王芳");
  }

  g_settings_set_boolean (f->settings, "show-rejected", FALSE);
  g_assert_false (bz_document_view_get_show_rejected (f->view));
  g_settings_set_boolean (f->settings, "show-rejected", TRUE);
  g_assert_true (bz_document_view_get_show_rejected (f->view));

  /* The style is recomputed with the next frame, late in a sanitizer build. */
  g_settings_set_int (f->settings, "font-size", 22);
  for (guint i = 0; i < 100 && text_view_font_points (f) != 22; i++)
    bz_test_wait_ms (100);
  g_assert_cmpint (text_view_font_points (f), ==, 22);

  /* An empty name is the login name again. */
  bz_preferences_window_set_reviewer_text (preferences, "");
  g_assert_cmpstr (bz_store_get_reviewer (f->store), ==, g_get_user_name ());

  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The main menu's button (F10). */
static GtkMenuButton *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The interface in Simplified Chinese: the window's title, menu and headers,
 * rendered for the README. */
static void
test_chinese (WsFixture       *f,
              gconstpointer  data)
{
  GMenuModel *menu;
  GtkMenuButton *button;
  g_autofree char *first = NULL;

  {
    g_autofree char *title = g_strdup_printf ("%s — 标注",
                                              bz_document_get_title (bz_document_view_get_document (f->view)));

    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, title);
  }
  g_assert_cmpstr (_("Accept the selected span and go to the next suggestion"), !=, "Accept the selected span and go to the next suggestion");

  button = find_primary_menu_button (GTK_WIDGET (f->window));
  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  menu = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &first));
  g_object_unref (menu);
  g_assert_cmpstr (first, ==, "导入报告(_I)…");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "review.next", NULL);
  bz_test_wait_ms (300);
  bz_test_render_png (GTK_WIDGET (f->window), "workbench-zh.png");
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

/* Clicks the button of the list's first row. */
static gboolean
has_label_containing (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_containing (child, text))
      return TRUE;
  return FALSE;
}

static void
click_first_row_button (GtkListBox *list)
{
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  GtkWidget *button;
  gboolean clicked = FALSE;
  gulong handler;

  g_assert_nonnull (row);
  button = find_descendant (row, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  /* A button activated from the keyboard shows itself pressed, then clicks
   * from a timeout: wait for the click itself, however loaded the machine. */
  handler = g_signal_connect (button, "clicked", G_CALLBACK (bz_test_set_true_cb), &clicked);
  /* The click may remove the row, and the button with it. */
  g_object_add_weak_pointer (G_OBJECT (button), (gpointer *) &button);
  g_assert_true (gtk_widget_activate (button));
  bz_test_wait_for_flag (&clicked);
  if (button != NULL)
    {
      g_signal_handler_disconnect (button, handler);
      g_object_remove_weak_pointer (G_OBJECT (button), (gpointer *) &button);
    }
}

/* Relations from the window: an INDICATOR linked to the nearest VALUE of its
 * paragraph with the dialog's own buttons, stored at once, and unlinked. */
static void
test_relations (WsFixture     *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  GPtrArray *spans = bz_document_view_get_spans (f->view);
  BzDocument *document = bz_document_view_get_document (f->view);
  const char *text = bz_document_get_text (document);
  BzRelationsDialog *dialog;
  BzSpan *indicator = NULL, *nearest = NULL;
  gint64 indicator_id, nearest_id;
  guint n_candidates;

  /* The first INDICATOR followed by a VALUE in its sentence (满意度达到87.1%):
   * that VALUE is the first the dialog offers. */
  for (guint i = 0; i < spans->len && nearest == NULL; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      if (g_strcmp0 (bz_span_get_label (span), "INDICATOR") != 0)
        continue;
      for (guint k = 0; k < spans->len; k++)
        {
          BzSpan *other = g_ptr_array_index (spans, k);
          g_autofree char *between = NULL;
          const char *from;

          if (g_strcmp0 (bz_span_get_label (other), "VALUE") != 0 || bz_span_get_status (other) == BZ_SPAN_REJECTED ||
              bz_span_get_start (other) < bz_span_get_end (span) ||
              (nearest != NULL && bz_span_get_start (other) >= bz_span_get_start (nearest)))
            continue;
          from = g_utf8_offset_to_pointer (text, bz_span_get_end (span));
          between = g_strndup (from, g_utf8_offset_to_pointer (from, bz_span_get_start (other) - bz_span_get_end (span)) - from);
          if (strpbrk (between, "\n") != NULL || strstr (between, "。") != NULL || strstr (between, "；") != NULL ||
              strstr (between, "！") != NULL || strstr (between, "？") != NULL)
            continue;
          indicator = span;
          nearest = other;
        }
    }
  g_assert_nonnull (nearest);
  indicator_id = bz_span_get_id (indicator);
  nearest_id = bz_span_get_id (nearest);
  g_test_message ("%s → %s", bz_span_get_surface (indicator), bz_span_get_surface (nearest));

  bz_document_view_select_span (f->view, indicator_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "span.relations", NULL));
  dialog = BZ_RELATIONS_DIALOG (bz_test_find_toplevel (BZ_TYPE_RELATIONS_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (bz_relations_dialog_set_type (dialog, "has_value"));
  g_assert_false (bz_relations_dialog_set_type (dialog, "located_in"));
  n_candidates = count_rows (bz_relations_dialog_get_candidate_list (dialog));
  g_assert_cmpuint (n_candidates, >, 0);
  bz_test_render_png (GTK_WIDGET (dialog), "relations-dialog.png");

  /* Key 1 links the first candidate, the nearest. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "relations.link-nth", "u", 1));
  relations = bz_store_list_relations (f->store, bz_document_get_id (document), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpint (((BzRelation *) g_ptr_array_index (relations, 0))->from_span, ==, indicator_id);
  g_assert_cmpint (((BzRelation *) g_ptr_array_index (relations, 0))->to_span, ==, nearest_id);
  g_assert_cmpstr (((BzRelation *) g_ptr_array_index (relations, 0))->type, ==, "has_value");
  g_assert_cmpstr (((BzRelation *) g_ptr_array_index (relations, 0))->reviewer, ==, "tester");
  /* The linked span leaves the candidates and shows among the relations. */
  g_assert_cmpuint (count_rows (bz_relations_dialog_get_candidate_list (dialog)), ==, n_candidates - 1);
  g_assert_cmpuint (count_rows (bz_relations_dialog_get_relation_list (dialog)), ==, 1);
  /* The entity list shows the relation with the span. */
  {
    g_autofree char *line = g_strdup_printf ("has_value → %s", bz_span_get_surface (nearest));

    bz_test_wait_ms (100);
    g_assert_true (has_label_containing (GTK_WIDGET (f->window), line));
  }

  click_first_row_button (bz_relations_dialog_get_relation_list (dialog));
  g_assert_cmpint (bz_store_count_relations (f->store, &error), ==, 0);
  g_assert_cmpuint (count_rows (bz_relations_dialog_get_candidate_list (dialog)), ==, n_candidates);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* No relation starts at a VALUE: the dialog says so and offers nothing. */
  bz_document_view_select_span (f->view, nearest_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "span.relations", NULL));
  dialog = BZ_RELATIONS_DIALOG (bz_test_find_toplevel (BZ_TYPE_RELATIONS_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_false (bz_relations_dialog_set_type (dialog, "has_value"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bz_relations_dialog_get_candidate_list (dialog))));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The shortcuts window lists every key of the window's key table (keypad
 * twins, ISO_Left_Tab and capital letters aside, which are the same keys). */
static void
test_shortcuts_window (WsFixture     *f,
                       gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/biaozhu/Workbench/gtk/help-overlay.ui");
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GSList *objects = gtk_builder_get_objects (builder);
  const BzWindowKey *keys;
  guint n_keys;

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerators = NULL;
      g_auto(GStrv) each = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerators, NULL);
      each = g_strsplit (accelerators != NULL ? accelerators : "", " ", -1);
      for (guint i = 0; each[i] != NULL; i++)
        {
          guint keyval;
          GdkModifierType modifiers;

          if (gtk_accelerator_parse (each[i], &keyval, &modifiers))
            g_hash_table_add (listed, gtk_accelerator_name (keyval, modifiers));
        }
    }
  g_slist_free (objects);

  keys = _bz_window_keys (&n_keys);
  g_assert_cmpuint (n_keys, >, 20);
  for (guint i = 0; i < n_keys; i++)
    {
      g_autofree char *name = NULL;
      guint keyval = keys[i].keyval;

      if ((keyval >= GDK_KEY_KP_Space && keyval <= GDK_KEY_KP_9) || keyval == GDK_KEY_ISO_Left_Tab ||
          keyval != gdk_keyval_to_lower (keyval))
        continue;
      name = gtk_accelerator_name (keyval, keys[i].modifiers);
      if (!g_hash_table_contains (listed, name))
        g_error ("The shortcuts window does not list %s (%s)", name, keys[i].action);
    }

  /* The window's own shortcuts window says which digit is which label. */
  {
    GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));
    g_autoptr(GPtrArray) labels = bz_store_list_labels (f->store, NULL);
    g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
    GSList *stack = NULL;

    g_assert_nonnull (overlay);
    stack = g_slist_prepend (stack, overlay);
    while (stack != NULL)
      {
        GtkWidget *widget = stack->data;

        stack = g_slist_delete_link (stack, stack);
        if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
          {
            g_autofree char *title = NULL, *accelerator = NULL;

            g_object_get (widget, "title", &title, "accelerator", &accelerator, NULL);
            g_ptr_array_add (found, g_strdup_printf ("%s=%s", accelerator, title));
          }
        for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
             child = gtk_widget_get_next_sibling (child))
          stack = g_slist_prepend (stack, child);
      }
    for (guint i = 0; i < labels->len; i++)
      {
        BzLabel *label = g_ptr_array_index (labels, i);
        g_autofree char *row = g_strdup_printf ("%s=%s · %s", bz_label_get_shortcut (label),
                                                bz_label_get_display_name (label), bz_label_get_name (label));
        gboolean listed_label = FALSE;

        for (guint k = 0; k < found->len; k++)
          listed_label |= g_str_equal (found->pdata[k], row);
        if (!listed_label)
          g_error ("The shortcuts window does not list the label key %s", row);
      }
  }
}

/* Dark mode: the window follows the style manager, and the highlights (label
 * colours at partial opacity) stay readable on the dark background. */
static void
test_dark (WsFixture     *f,
           gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *text_view = bz_document_view_get_text_view (f->view);
  GdkRGBA colour;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  for (guint i = 0; i < 100 && !adw_style_manager_get_dark (manager); i++)
    bz_test_wait_ms (50);
  g_assert_true (adw_style_manager_get_dark (manager));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "review.next", NULL);
  bz_test_wait_ms (300);

  bz_test_render_png (GTK_WIDGET (f->window), "workbench-dark.png");
  /* The report's text is light on dark. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (text_view), &colour);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_cmpfloat (colour.red + colour.green + colour.blue, >, 1.5);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* The window and its dialogs at 1280×800 in Chinese: every dialog fits, the
 * export's destination comes first, and a wider window widens the report,
 * not the lists. */
static void
test_layout (WsFixture     *f,
             gconstpointer  data)
{
  const char *actions[] = { "workspace.export", "workspace.preferences", "workspace.statistics" };
  GtkWidget *text_view = bz_document_view_get_text_view (f->view);
  int window_width;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      guint before = g_list_model_get_n_items (toplevels);
      g_autoptr(GtkWindow) dialog = NULL;
      int width, height;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), actions[i], NULL));
      g_assert_cmpuint (g_list_model_get_n_items (toplevels), >, before);
      for (guint k = 0; k < g_list_model_get_n_items (toplevels) && dialog == NULL; k++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, k);

          if (window != GTK_WINDOW (f->window) && gtk_widget_get_visible (GTK_WIDGET (window))
              && gtk_window_get_transient_for (window) == GTK_WINDOW (f->window))
            dialog = g_steal_pointer (&window);
        }
      g_assert_nonnull (dialog);
      gtk_window_get_default_size (dialog, &width, &height);
      g_test_message ("%s: %d×%d", actions[i], width, height);
      /* Room for a panel or a title bar on a 1280×800 screen. */
      g_assert_cmpint (width, <=, 1280);
      g_assert_cmpint (height, <=, 760);
      if (i == 0)
        {
          /* The export's only required field is its first. */
          GtkWidget *group = find_descendant (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_GROUP);

          g_assert_nonnull (group);
          g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==, _("Destination"));
        }
      gtk_window_destroy (dialog);
    }

  /* A window opened wide (its size is kept in the settings). */
  {
    BzWindow *wide;

    g_settings_set_int (f->settings, "window-width", 1600);
    g_settings_set_int (f->settings, "window-height", 1000);
    wide = bz_window_new (GTK_APPLICATION (f->app), f->store);
    gtk_window_present (GTK_WINDOW (wide));
    text_view = bz_document_view_get_text_view (bz_window_get_document_view (wide));
    for (guint i = 0; i < 200 && gtk_widget_get_width (text_view) == 0; i++)
      bz_test_wait_ms (50);
    bz_test_wait_ms (200);
    window_width = gtk_widget_get_width (GTK_WIDGET (wide));
    g_test_message ("report %d of %d px", gtk_widget_get_width (text_view), window_width);
    g_assert_cmpint (window_width, >=, 1500);
    g_assert_cmpint (gtk_widget_get_width (text_view), >=, window_width * 55 / 100);
    gtk_window_destroy (GTK_WINDOW (wide));
    g_settings_reset (f->settings, "window-width");
    g_settings_reset (f->settings, "window-height");
  }
}

/* An empty workspace says how to fill it, with a button for it. */
static GtkStack *
find_content_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "empty") != NULL)
    return GTK_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_content_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_empty (WsFixture     *f,
            gconstpointer  data)
{
  GtkStack *stack = find_content_stack (GTK_WIDGET (f->window));
  GtkWidget *page;

  g_assert_nonnull (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  page = find_descendant (gtk_stack_get_visible_child (stack), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, _("No Reports Yet"));
  /* The window follows the store's signal. */
  fixture_import_samples (f->store, N_SAMPLES);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "workspace");
}

int
main (int   argc,
      char *argv[])
{
  bz_test_init_chinese (&argc, &argv);
  bz_gui_register_resource ();

  g_test_add ("/biaozhu/workspace/import", WsFixture, GINT_TO_POINTER (FALSE),
              ws_set_up, test_import, ws_tear_down);
  g_test_add ("/biaozhu/workspace/statistics", WsFixture, GINT_TO_POINTER (TRUE),
              ws_set_up, test_statistics, ws_tear_down);
  g_test_add ("/biaozhu/workspace/preferences", WsFixture, GINT_TO_POINTER (TRUE),
              ws_set_up, test_preferences, ws_tear_down);
  g_test_add ("/biaozhu/workspace/chinese", WsFixture, GINT_TO_POINTER (TRUE),
              ws_set_up, test_chinese, ws_tear_down);

  g_test_add ("/biaozhu/workspace/relations", WsFixture, GINT_TO_POINTER (TRUE),
              ws_set_up, test_relations, ws_tear_down);
  g_test_add ("/biaozhu/workspace/shortcuts-window", WsFixture, GINT_TO_POINTER (FALSE),
              ws_set_up, test_shortcuts_window, ws_tear_down);
  g_test_add ("/biaozhu/workspace/dark", WsFixture, GINT_TO_POINTER (TRUE),
              ws_set_up, test_dark, ws_tear_down);
  g_test_add ("/biaozhu/workspace/layout", WsFixture, GINT_TO_POINTER (TRUE),
              ws_set_up, test_layout, ws_tear_down);
  g_test_add ("/biaozhu/workspace/empty", WsFixture, GINT_TO_POINTER (FALSE),
              ws_set_up, test_empty, ws_tear_down);

  return g_test_run ();
}
