/* test-curation-view.c: a curator resolves two reviewers' disputes by keys
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs in the Chinese interface (LANGUAGE=zh_CN, LC_ALL=zh_CN.UTF-8), as the
 * analysts see it: the window curates report 002 that 王芳 and 李明 reviewed
 * apart, every key is pressed through the window's own key table, and the
 * curated export holds exactly the spans the keys chose.
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <biaozhu.h>

#include "bz-application.h"
#include "bz-document-view.h"
#include "bz-export-dialog.h"
#include "bz-gui-resources.h"
#include "bz-window.h"
#include "bz-window-private.h"

#include "bz-test-gui.h"
#include "store-fixtures.h"

typedef struct
{
  char *dir;
  char *path;
  BzStore *store;
  BzApplication *app;
  BzWindow *window;
  BzDocumentView *view;
  FixtureTwoReviewers two;
} CurFixture;

static void
cur_set_up (CurFixture    *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = fixture_make_dir ();
  f->path = g_build_filename (f->dir, "workspace.db", NULL);
  f->store = fixture_open (f->path);
  f->two = fixture_review_apart (f->store);
  bz_store_set_reviewer (f->store, "张伟");

  f->app = bz_application_new ();
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  f->window = bz_window_new (GTK_APPLICATION (f->app), f->store);
  f->view = bz_window_get_document_view (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 860);
  gtk_window_present (GTK_WINDOW (f->window));
  bz_test_wait_ms (200);
}

static void
cur_tear_down (CurFixture    *f,
               gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  bz_test_wait_ms (50);
  g_clear_object (&f->app);
  g_assert_finalize_object (f->store);
  fixture_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Presses @keyval with @modifiers as the window's key table binds it. */
static void
press (CurFixture      *f,
       guint            keyval,
       GdkModifierType  modifiers)
{
  guint n_keys;
  const BzWindowKey *keys = _bz_window_keys (&n_keys);

  for (guint i = 0; i < n_keys; i++)
    if (keys[i].keyval == keyval && keys[i].modifiers == modifiers)
      {
        g_autoptr(GVariant) parameter = NULL;

        if (keys[i].parameter != NULL)
          parameter = g_variant_ref_sink (g_variant_parse (NULL, keys[i].parameter, NULL, NULL, NULL));
        g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), keys[i].action, parameter));
        bz_test_wait_ms (20);
        return;
      }
  g_error ("No key %s bound", gtk_accelerator_name (keyval, modifiers));
}

static char *
key_of (BzSpan *span)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s", bz_span_get_start (span),
                          bz_span_get_end (span), bz_span_get_label (span));
}

static BzCuration *
read_curation (CurFixture *f)
{
  g_autoptr(GError) error = NULL;
  BzCuration *curation = bz_curation_new (f->store, f->two.document_id, &error);

  g_assert_no_error (error);
  return curation;
}

/* The spans of the doccano export of the curated set, as keys. */
static GHashTable *
exported_keys (const char *path)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_records = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_autoptr(JsonNode) node = NULL;
      JsonArray *labels;

      if (*lines[l] == '\0')
        continue;
      node = json_from_string (lines[l], &error);
      g_assert_no_error (error);
      labels = json_object_get_array_member (json_node_get_object (node), "label");
      for (guint i = 0; i < json_array_get_length (labels); i++)
        {
          JsonArray *span = json_array_get_array_element (labels, i);

          g_hash_table_add (keys, g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s",
                                                   json_array_get_int_element (span, 0),
                                                   json_array_get_int_element (span, 1),
                                                   json_array_get_string_element (span, 2)));
        }
      n_records++;
    }
  g_assert_cmpuint (n_records, ==, 1);
  return g_steal_pointer (&keys);
}

static void
export_finished_cb (BzExportDialog *dialog,
                    gboolean        ok,
                    gboolean       *finished)
{
  *finished = TRUE;
}

static char *
dump_reviewers (const char *path)
{
  return fixture_query_text (path, "SELECT id, layer, start_offset, end_offset, label, status, updated FROM spans"
                                   " WHERE layer NOT LIKE '@%' ORDER BY id");
}

static void
test_curate_by_keys (CurFixture    *f,
                     gconstpointer  data)
{
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) settled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) exported = NULL;
  g_autoptr(BzCuration) start = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reviewers_before = dump_reviewers (f->path);
  g_autofree char *reviewers_after = NULL;
  g_autofree char *export_path = g_build_filename (f->dir, "curated.jsonl", NULL);
  const guint choices[] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_b, GDK_KEY_n };
  guint n_pressed = 0;

  g_assert_false (gtk_stack_page_get_visible (f->window->curation_page));
  /* Independent review: the curator's own layer is their name. */
  g_assert_cmpstr (bz_store_get_layer (f->store), ==, "张伟");

  /* Ctrl+Shift+K: the window curates; the report shows the reviewers' spans. */
  _bz_window_open_document (f->window, f->two.document_id);
  press (f, GDK_KEY_k, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_true (bz_store_get_curating (f->store));
  g_assert_true (gtk_stack_page_get_visible (f->window->curation_page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->side_stack), ==, "curation");
  g_assert_nonnull (f->window->curation);
  start = read_curation (f);
  g_assert_cmpuint (bz_document_view_get_spans (f->view)->len, ==, bz_curation_get_n_spans (start));
  g_assert_nonnull (strstr (gtk_label_get_text (f->window->curation_summary), "李明"));
  g_assert_nonnull (strstr (gtk_label_get_text (f->window->curation_summary), "王芳"));
  g_assert_cmpuint (bz_curation_count_open_agreed (start), ==, 5);

  /* The report opens on its first span: 上半年, a DATE to 王芳, an ORG to 李明. */
  {
    BzSpan *first = bz_document_view_get_selected_span (f->view);
    int index = first != NULL ? bz_curation_find_span (start, bz_span_get_id (first)) : -1;

    g_assert_cmpint (index, >=, 0);
    g_assert_false (bz_curation_is_agreed (start, (guint) index));
    bz_test_render_png (GTK_WIDGET (f->window), "curation-zh.png");
  }

  /* Alt+A: every agreed span at once. */
  press (f, GDK_KEY_a, GDK_ALT_MASK);
  {
    g_autoptr(BzCuration) now = read_curation (f);

    g_assert_cmpuint (bz_curation_count_open_agreed (now), ==, 0);
    g_assert_cmpuint (bz_curation_count_open_disputes (now), ==, bz_curation_count_open_disputes (start));
  }

  /* Tab to each open dispute, then one of Alt+1 (李明), Alt+2 (王芳), Alt+B, Alt+N. */
  for (;;)
    {
      g_autoptr(BzCuration) now = read_curation (f);
      BzSpan *selected;
      int index;
      guint group, key = choices[n_pressed % G_N_ELEMENTS (choices)];

      if (bz_curation_count_open_disputes (now) == 0)
        break;
      selected = bz_document_view_get_selected_span (f->view);
      if (selected == NULL || bz_span_get_status (selected) != BZ_SPAN_SUGGESTED)
        press (f, GDK_KEY_Tab, 0);
      selected = bz_document_view_get_selected_span (f->view);
      g_assert_nonnull (selected);
      index = bz_curation_find_span (now, bz_span_get_id (selected));
      g_assert_cmpint (index, >=, 0);
      g_assert_cmpint (bz_span_get_status (selected), ==, BZ_SPAN_SUGGESTED);
      g_assert_false (bz_curation_is_agreed (now, (guint) index));

      /* The pane shows the dispute: a row for each span of the group. */
      group = bz_curation_get_group (now, (guint) index);
      {
        guint n_rows = 0, n_group = 0;

        for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (f->window->curation_group_list));
             row != NULL; row = gtk_widget_get_next_sibling (row))
          n_rows++;
        for (guint i = 0; i < bz_curation_get_n_spans (now); i++)
          n_group += bz_curation_get_group (now, i) == group;
        g_assert_cmpuint (n_rows, ==, n_group);
      }

      for (guint i = 0; i < bz_curation_get_n_spans (now); i++)
        {
          guint64 marks = bz_curation_get_marked_by (now, i);
          g_autofree char *k = NULL;
          gboolean keep;

          if (bz_curation_get_group (now, i) != group || marks == 0)
            continue;
          keep = key == GDK_KEY_1 ? (marks & 1) != 0 : key == GDK_KEY_2 ? (marks & 2) != 0 : key == GDK_KEY_b;
          k = key_of (bz_curation_get_span (now, i));
          g_hash_table_remove (expected, k);
          if (keep)
            g_hash_table_add (expected, g_strdup (k));
          g_hash_table_add (settled, g_steal_pointer (&k));
        }
      press (f, key, GDK_ALT_MASK);
      n_pressed++;
      g_assert_cmpuint (n_pressed, <, 200);
    }
  g_assert_cmpuint (n_pressed, >=, 4);
  for (guint i = 0; i < bz_curation_get_n_spans (start); i++)
    {
      g_autofree char *k = key_of (bz_curation_get_span (start, i));

      if (bz_curation_is_agreed (start, i) && !g_hash_table_contains (settled, k))
        g_hash_table_add (expected, g_steal_pointer (&k));
    }

  /* Ctrl+Return: the report is curated (in the curated layer only). */
  press (f, GDK_KEY_Return, GDK_CONTROL_MASK);
  {
    g_autoptr(BzDocument) info = bz_store_get_document_info (f->store, f->two.document_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (bz_document_get_status (info), ==, BZ_DOCUMENT_REVIEWED);
  }

  /* The curated export, from the export dialog (its worker reads the layer
   * the window works on), holds exactly the chosen spans. */
  {
    BzExportDialog *dialog = bz_export_dialog_new (GTK_WINDOW (f->window), f->store);
    gboolean finished = FALSE;
    gulong id;

    g_object_ref_sink (dialog);
    bz_export_dialog_set_format (dialog, BZ_FORMAT_DOCCANO);
    bz_export_dialog_set_output (dialog, export_path);
    bz_export_dialog_set_reviewed_only (dialog, TRUE);
    id = g_signal_connect (dialog, "finished", G_CALLBACK (export_finished_cb), &finished);
    bz_export_dialog_start (dialog);
    g_assert_true (bz_export_dialog_is_running (dialog));
    bz_test_wait_for_flag (&finished);
    g_signal_handler_disconnect (dialog, id);
    g_assert_nonnull (bz_export_dialog_get_report (dialog));
    g_assert_cmpuint (bz_export_dialog_get_report (dialog)->n_documents, ==, 1);
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_finalize_object (dialog);
  }
  exported = exported_keys (export_path);
  g_assert_cmpuint (g_hash_table_size (exported), ==, g_hash_table_size (expected));
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, expected);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_assert_true (g_hash_table_contains (exported, key));
  }

  /* The reviewers' layers are as they were. */
  reviewers_after = dump_reviewers (f->path);
  g_assert_cmpstr (reviewers_after, ==, reviewers_before);

  /* Ctrl+Z takes back the curator's last step (the mark), in the curated layer. */
  press (f, GDK_KEY_z, GDK_CONTROL_MASK);
  {
    g_autoptr(BzDocument) info = bz_store_get_document_info (f->store, f->two.document_id, &error);

    g_assert_cmpint (bz_document_get_status (info), ==, BZ_DOCUMENT_IN_PROGRESS);
  }

  /* Ctrl+Shift+K again: back to the curator's own layer. */
  press (f, GDK_KEY_k, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_false (bz_store_get_curating (f->store));
  g_assert_cmpstr (bz_store_get_layer (f->store), ==, "张伟");
  g_assert_false (gtk_stack_page_get_visible (f->window->curation_page));
  g_assert_null (f->window->curation);
}

int
main (int   argc,
      char *argv[])
{
  bz_test_init_chinese (&argc, &argv);
  bz_gui_register_resource ();

  g_test_add ("/biaozhu/curation-view/by-keys", CurFixture, NULL, cur_set_up, test_curate_by_keys,
              cur_tear_down);
  return g_test_run ();
}
