/* test-dialogs.c: the import and export dialogs and the statistics view on the sample reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <json-glib/json-glib.h>
#include <biaozhu.h>

#include "bz-gui-resources.h"
#include "bz-export-dialog.h"
#include "bz-import-dialog.h"
#include "bz-stats-row.h"
#include "bz-stats-view.h"

#include "bz-test-gui.h"
#include "store-fixtures.h"

#define N_SAMPLES 4

typedef struct
{
  char *dir;
  BzStore *store;
} DialogFixture;

static void
dialog_fixture_set_up (DialogFixture *f,
                       gconstpointer  data)
{
  g_autofree char *db = NULL;

  f->dir = fixture_make_dir ();
  db = g_build_filename (f->dir, "workspace.db", NULL);
  f->store = fixture_open (db);
  bz_store_set_reviewer (f->store, "tester");
}

static void
dialog_fixture_tear_down (DialogFixture *f,
                          gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  fixture_remove_tree (f->dir);
  g_free (f->dir);
}

static void
set_flag_cb (gpointer  instance,
             guint     n,
             gboolean *flag)
{
  *flag = TRUE;
}

static guint
count_documents (BzStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = bz_store_list_documents (store, &error);

  g_assert_no_error (error);
  return documents->len;
}

static guint64
count_all_spans (BzStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = bz_store_list_documents (store, &error);
  guint64 n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < documents->len; i++)
    {
      gint64 count = bz_store_count_spans (store, bz_document_get_id (g_ptr_array_index (documents, i)), &error);

      g_assert_no_error (error);
      n += count;
    }
  return n;
}

/* Runs one import of the samples to its end; returns the timer ticks seen meanwhile. */
static guint
run_import (BzImportDialog *dialog)
{
  gboolean finished = FALSE;
  gulong id;
  guint ticks;

  id = g_signal_connect (dialog, "finished", G_CALLBACK (set_flag_cb), &finished);
  bz_import_dialog_start (dialog);
  /* start() returns at once: the work is in the worker thread. */
  g_assert_true (bz_import_dialog_is_running (dialog));
  ticks = bz_test_wait_for_flag (&finished);
  g_signal_handler_disconnect (dialog, id);
  g_assert_false (bz_import_dialog_is_running (dialog));
  return ticks;
}

static void
test_import (DialogFixture *f,
             gconstpointer  data)
{
  BzImportDialog *dialog = bz_import_dialog_new (NULL, f->store);
  guint ticks;

  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  bz_import_dialog_add_path (dialog, g_getenv ("BZ_SAMPLES"));
  bz_import_dialog_set_extract (dialog, TRUE);

  ticks = run_import (dialog);
  g_test_message ("main loop timer fired %u times during the import", ticks);
  g_assert_cmpuint (ticks, >, 0);
  g_assert_cmpuint (bz_import_dialog_get_count (dialog, BZ_IMPORT_ADDED), ==, N_SAMPLES);
  g_assert_cmpuint (bz_import_dialog_get_count (dialog, BZ_IMPORT_EXISTING), ==, 0);
  g_assert_cmpuint (bz_import_dialog_get_count (dialog, BZ_IMPORT_REFUSED), ==, 0);
  /* The worker wrote through its own connection; the window's store sees it. */
  g_assert_cmpuint (count_documents (f->store), ==, N_SAMPLES);
  g_assert_cmpuint (count_all_spans (f->store), >, 0);
  bz_test_render_png (GTK_WIDGET (dialog), "import-dialog.png");

  run_import (dialog);
  g_assert_cmpuint (bz_import_dialog_get_count (dialog, BZ_IMPORT_ADDED), ==, 0);
  g_assert_cmpuint (bz_import_dialog_get_count (dialog, BZ_IMPORT_EXISTING), ==, N_SAMPLES);
  g_assert_cmpuint (count_documents (f->store), ==, N_SAMPLES);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
test_import_refused (DialogFixture *f,
                     gconstpointer  data)
{
  BzImportDialog *dialog = bz_import_dialog_new (NULL, f->store);
  g_autofree char *missing = g_build_filename (f->dir, "missing.txt", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.txt", NULL);

  g_object_ref_sink (dialog);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  bz_import_dialog_add_path (dialog, missing);
  bz_import_dialog_add_path (dialog, empty);
  bz_import_dialog_set_extract (dialog, FALSE);

  run_import (dialog);
  g_assert_cmpuint (bz_import_dialog_get_count (dialog, BZ_IMPORT_REFUSED), ==, 2);
  g_assert_cmpuint (count_documents (f->store), ==, 0);
  g_assert_nonnull (strstr (bz_import_dialog_get_summary (dialog), "2"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
test_import_cancel (DialogFixture *f,
                    gconstpointer  data)
{
  BzImportDialog *dialog = bz_import_dialog_new (NULL, f->store);
  gboolean finished = FALSE;

  g_object_ref_sink (dialog);
  bz_import_dialog_add_path (dialog, g_getenv ("BZ_SAMPLES"));
  /* The extractor loads its gazetteers first: the cancel lands before the last file. */
  bz_import_dialog_set_extract (dialog, TRUE);
  g_signal_connect (dialog, "finished", G_CALLBACK (set_flag_cb), &finished);
  bz_import_dialog_start (dialog);
  bz_import_dialog_cancel (dialog);
  bz_test_wait_for_flag (&finished);

  g_assert_false (bz_import_dialog_is_running (dialog));
  g_assert_nonnull (strstr (bz_import_dialog_get_summary (dialog), "cancelled"));
  g_assert_cmpuint (count_documents (f->store), <, N_SAMPLES);

  /* The next import takes the rest; what the cancelled one finished stays. */
  g_signal_handlers_disconnect_by_data (dialog, &finished);
  run_import (dialog);
  g_assert_cmpuint (bz_import_dialog_get_count (dialog, BZ_IMPORT_ADDED) +
                    bz_import_dialog_get_count (dialog, BZ_IMPORT_EXISTING), ==, N_SAMPLES);
  g_assert_cmpuint (count_documents (f->store), ==, N_SAMPLES);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

/* Imports the samples with the extractor's suggestions and accepts every
 * other span of each document, so that both statuses leave. */
static void
import_samples (BzStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzExtractor) extractor = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  const char *paths[] = { g_getenv ("BZ_SAMPLES"), NULL };

  extractor = bz_extractor_new (NULL, &error);
  g_assert_no_error (error);
  results = bz_import_paths (store, paths, bz_extractor_annotate, extractor, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, N_SAMPLES);

  documents = bz_store_list_documents (store, &error);
  g_assert_no_error (error);
  for (guint d = 0; d < documents->len; d++)
    {
      g_autoptr(GPtrArray) spans = bz_store_list_spans (store, bz_document_get_id (documents->pdata[d]), &error);

      g_assert_no_error (error);
      for (guint i = 0; i < spans->len; i += 2)
        {
          bz_store_set_span_status (store, bz_span_get_id (spans->pdata[i]),
                                    i % 4 == 0 ? BZ_SPAN_ACCEPTED : BZ_SPAN_REJECTED, &error);
          g_assert_no_error (error);
        }
    }
}

/* Spans of the workspace with one of @statuses and, when @label is set, another label. */
static guint
count_spans_where (BzStore    *store,
                   gboolean    statuses[3],
                   const char *skip_label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = bz_store_list_documents (store, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint d = 0; d < documents->len; d++)
    {
      g_autoptr(GPtrArray) spans = bz_store_list_spans (store, bz_document_get_id (documents->pdata[d]), &error);

      g_assert_no_error (error);
      for (guint i = 0; i < spans->len; i++)
        if (statuses[bz_span_get_status (spans->pdata[i])] &&
            g_strcmp0 (bz_span_get_label (spans->pdata[i]), skip_label) != 0)
          n++;
    }
  return n;
}

/* Parses a doccano JSON Lines file with json-glib: one object per document, its
 * "label" an array of [start, end, "LABEL"]. Returns the number of spans. */
static guint
count_doccano_spans (const char *path,
                     guint      *out_n_documents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_spans = 0, n_documents = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;
      JsonArray *labels;

      if (*lines[i] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_true (json_object_has_member (object, "text"));
      g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "label")));
      labels = json_object_get_array_member (object, "label");
      for (guint j = 0; j < json_array_get_length (labels); j++)
        {
          JsonArray *span = json_array_get_array_element (labels, j);

          g_assert_cmpuint (json_array_get_length (span), ==, 3);
          g_assert_cmpint (json_array_get_int_element (span, 0), <, json_array_get_int_element (span, 1));
        }
      n_spans += json_array_get_length (labels);
      n_documents++;
    }
  *out_n_documents = n_documents;
  return n_spans;
}

/* Runs the dialog's export to its end; returns whether it succeeded. */
static gboolean
run_export (BzExportDialog *dialog)
{
  gboolean finished = FALSE;
  gulong id;

  id = g_signal_connect (dialog, "finished", G_CALLBACK (set_flag_cb), &finished);
  bz_export_dialog_start (dialog);
  if (bz_export_dialog_is_running (dialog))
    bz_test_wait_for_flag (&finished);
  g_signal_handler_disconnect (dialog, id);
  g_assert_false (bz_export_dialog_is_running (dialog));
  return bz_export_dialog_get_report (dialog) != NULL;
}

static void
test_export_doccano (DialogFixture *f,
                     gconstpointer  data)
{
  BzExportDialog *dialog = NULL;
  g_autofree char *output = g_build_filename (f->dir, "out.jsonl", NULL);
  gboolean accepted_suggested[3] = { TRUE, TRUE, FALSE };
  gboolean accepted[3] = { FALSE, TRUE, FALSE };
  guint n_documents = 0, expected;

  import_samples (f->store);
  dialog = bz_export_dialog_new (NULL, f->store);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  /* No output chosen: the export does not start and says why. */
  bz_export_dialog_start (dialog);
  g_assert_false (bz_export_dialog_is_running (dialog));
  g_assert_nonnull (strstr (bz_export_dialog_get_message (dialog), "Choose"));

  bz_export_dialog_set_format (dialog, BZ_FORMAT_DOCCANO);
  bz_export_dialog_set_output (dialog, output);
  bz_export_dialog_set_include_suggestions (dialog, TRUE);
  g_assert_true (run_export (dialog));
  expected = count_spans_where (f->store, accepted_suggested, NULL);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (count_doccano_spans (output, &n_documents), ==, expected);
  g_assert_cmpuint (n_documents, ==, N_SAMPLES);
  g_assert_cmpuint (bz_export_dialog_get_report (dialog)->n_spans, ==, expected);
  bz_test_render_png (GTK_WIDGET (dialog), "export-dialog.png");

  /* Accepted spans only, PLACE left out. */
  bz_export_dialog_set_include_suggestions (dialog, FALSE);
  bz_export_dialog_set_label_active (dialog, "PLACE", FALSE);
  g_assert_true (run_export (dialog));
  expected = count_spans_where (f->store, accepted, "PLACE");
  g_assert_cmpuint (count_spans_where (f->store, accepted, NULL), >, expected);
  g_assert_cmpuint (count_doccano_spans (output, &n_documents), ==, expected);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
test_export_mismatch (DialogFixture *f,
                      gconstpointer  data)
{
  BzExportDialog *dialog = NULL;
  g_autofree char *output = g_build_filename (f->dir, "out.jsonl", NULL);
  sqlite3 *db = NULL;

  import_samples (f->store);
  /* Another program changed a stored surface behind the workbench's back. */
  g_assert_cmpint (sqlite3_open (bz_store_get_path (f->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE spans SET surface = '错' || surface "
                                     "WHERE id = (SELECT MIN(id) FROM spans WHERE status = 'accepted')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  dialog = bz_export_dialog_new (NULL, f->store);
  g_object_ref_sink (dialog);
  bz_export_dialog_set_format (dialog, BZ_FORMAT_DOCCANO);
  bz_export_dialog_set_output (dialog, output);
  g_assert_false (run_export (dialog));
  g_test_message ("%s", bz_export_dialog_get_message (dialog));
  g_assert_true (g_str_has_prefix (bz_export_dialog_get_message (dialog), "Export failed: "));
  g_assert_nonnull (strstr (bz_export_dialog_get_message (dialog), "surface"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));

  /* A split that is not one is refused before the worker starts. */
  bz_export_dialog_set_split (dialog, "8:x");
  bz_export_dialog_start (dialog);
  g_assert_false (bz_export_dialog_is_running (dialog));
  g_assert_nonnull (strstr (bz_export_dialog_get_message (dialog), "8:x"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
wait_loaded (BzStatsView *view)
{
  gboolean loaded = FALSE;
  gulong id = g_signal_connect (view, "loaded", G_CALLBACK (bz_test_set_true_cb), &loaded);

  bz_test_wait_for_flag (&loaded);
  g_signal_handler_disconnect (view, id);
  g_assert_false (bz_stats_view_is_loading (view));
}

static BzStatsRow *
find_row (GListModel *model,
          const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BzStatsRow) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (bz_stats_row_get_name (row), name) == 0)
        return row;
    }
  return NULL;
}

/* Counts the spans straight from the store and compares each row of the view:
 * per label and status, the extractor's decided and accepted spans, and per
 * reviewer (NULL: undecided suggestions). */
static void
assert_rows_match_store (BzStatsView *view,
                         BzStore     *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = bz_store_list_documents (store, &error);
  g_autoptr(GPtrArray) labels = bz_store_list_labels (store, &error);
  GListModel *label_rows = bz_stats_view_get_labels (view);
  GListModel *reviewer_rows = bz_stats_view_get_reviewers (view);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint checked = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (label_rows), ==, labels->len);
  for (guint d = 0; d < documents->len; d++)
    {
      g_autoptr(GPtrArray) spans = bz_store_list_spans (store, bz_document_get_id (documents->pdata[d]), &error);

      g_assert_no_error (error);
      for (guint i = 0; i < spans->len; i++)
        {
          BzSpan *span = spans->pdata[i];
          const char *status = bz_span_status_to_string (bz_span_get_status (span));
          const char *reviewer = bz_span_get_reviewer (span) != NULL ? bz_span_get_reviewer (span) : "-";
          char *keys[] = {
            g_strdup_printf ("label %s %s", bz_span_get_label (span), status),
            g_strdup_printf ("reviewer %s %s", reviewer, status),
            g_str_has_prefix (bz_span_get_origin (span), "extractor@") && bz_span_get_status (span) != BZ_SPAN_SUGGESTED
              ? g_strdup_printf ("decided %s", bz_span_get_label (span)) : NULL,
            g_str_has_prefix (bz_span_get_origin (span), "extractor@") && bz_span_get_status (span) == BZ_SPAN_ACCEPTED
              ? g_strdup_printf ("kept %s", bz_span_get_label (span)) : NULL,
          };

          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            if (keys[k] != NULL)
              {
                guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, keys[k]));

                g_hash_table_replace (counts, keys[k], GUINT_TO_POINTER (n + 1));
              }
        }
    }

  for (guint l = 0; l < labels->len; l++)
    {
      const char *name = bz_label_get_name (labels->pdata[l]);
      BzStatsRow *row = find_row (label_rows, name);
      g_autofree char *decided_key = g_strdup_printf ("decided %s", name);
      g_autofree char *kept_key = g_strdup_printf ("kept %s", name);
      guint decided = GPOINTER_TO_UINT (g_hash_table_lookup (counts, decided_key));
      guint kept = GPOINTER_TO_UINT (g_hash_table_lookup (counts, kept_key));
      guint total = 0;

      g_assert_nonnull (row);
      g_assert_cmpstr (bz_stats_row_get_color (row), ==, bz_label_get_color (labels->pdata[l]));
      for (BzSpanStatus s = BZ_SPAN_SUGGESTED; s <= BZ_SPAN_REJECTED; s++)
        {
          g_autofree char *key = g_strdup_printf ("label %s %s", name, bz_span_status_to_string (s));
          guint expected = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

          g_assert_cmpuint (bz_stats_row_get_count (row, s), ==, expected);
          total += expected;
          checked += expected;
        }
      g_assert_cmpuint (bz_stats_row_get_total (row), ==, total);
      if (decided == 0)
        g_assert_cmpfloat (bz_stats_row_get_acceptance (row), <, 0);
      else
        g_assert_cmpfloat_with_epsilon (bz_stats_row_get_acceptance (row), (double) kept / decided, 1e-9);
    }
  g_assert_cmpuint (checked, ==, count_all_spans (store));

  for (guint i = 0; i < g_list_model_get_n_items (reviewer_rows); i++)
    {
      g_autoptr(BzStatsRow) row = g_list_model_get_item (reviewer_rows, i);
      const char *name = bz_stats_row_get_name (row) != NULL ? bz_stats_row_get_name (row) : "-";

      for (BzSpanStatus s = BZ_SPAN_SUGGESTED; s <= BZ_SPAN_REJECTED; s++)
        {
          g_autofree char *key = g_strdup_printf ("reviewer %s %s", name, bz_span_status_to_string (s));

          g_assert_cmpuint (bz_stats_row_get_count (row, s), ==,
                            GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)));
        }
    }
  g_assert_nonnull (find_row (reviewer_rows, "tester"));
}

static void
test_stats_view (DialogFixture *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  GtkWidget *window, *view;
  BzStatsRow *row;
  guint accepted_before;

  import_samples (f->store);
  view = bz_stats_view_new (f->store);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 980);
  gtk_window_set_title (GTK_WINDOW (window), "Statistics");
  gtk_window_set_child (GTK_WINDOW (window), view);
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  gtk_window_present (GTK_WINDOW (window));
  wait_loaded (BZ_STATS_VIEW (view));
  assert_rows_match_store (BZ_STATS_VIEW (view), f->store);
  g_assert_nonnull (strstr (bz_stats_view_get_summary (BZ_STATS_VIEW (view)), "4 documents"));

  /* A decision taken elsewhere shows after a reload. */
  row = find_row (bz_stats_view_get_labels (BZ_STATS_VIEW (view)), "PLACE");
  accepted_before = bz_stats_row_get_count (row, BZ_SPAN_ACCEPTED);
  spans = bz_store_list_spans (f->store, 1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    if (g_str_equal (bz_span_get_label (spans->pdata[i]), "PLACE") &&
        bz_span_get_status (spans->pdata[i]) == BZ_SPAN_SUGGESTED)
      {
        bz_store_set_span_status (f->store, bz_span_get_id (spans->pdata[i]), BZ_SPAN_ACCEPTED, &error);
        g_assert_no_error (error);
        break;
      }
  bz_stats_view_reload (BZ_STATS_VIEW (view));
  /* A second reload while the first runs drops the first one's result. */
  bz_stats_view_reload (BZ_STATS_VIEW (view));
  wait_loaded (BZ_STATS_VIEW (view));
  assert_rows_match_store (BZ_STATS_VIEW (view), f->store);
  row = find_row (bz_stats_view_get_labels (BZ_STATS_VIEW (view)), "PLACE");
  g_assert_cmpuint (bz_stats_row_get_count (row, BZ_SPAN_ACCEPTED), ==, accepted_before + 1);

  bz_test_render_png (window, "statistics-view.png");
  bz_test_render_png (bz_stats_view_get_chart (BZ_STATS_VIEW (view)), "statistics.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  bz_test_render_png (window, "statistics-view-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < 600 && view != NULL; i++)
    bz_test_wait_ms (50);
  g_assert_null (view);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  bz_gui_register_resource ();

  g_test_add ("/biaozhu/dialogs/import", DialogFixture, NULL,
              dialog_fixture_set_up, test_import, dialog_fixture_tear_down);
  g_test_add ("/biaozhu/dialogs/import-refused", DialogFixture, NULL,
              dialog_fixture_set_up, test_import_refused, dialog_fixture_tear_down);
  g_test_add ("/biaozhu/dialogs/import-cancel", DialogFixture, NULL,
              dialog_fixture_set_up, test_import_cancel, dialog_fixture_tear_down);

  g_test_add ("/biaozhu/dialogs/export-doccano", DialogFixture, NULL,
              dialog_fixture_set_up, test_export_doccano, dialog_fixture_tear_down);
  g_test_add ("/biaozhu/dialogs/export-mismatch", DialogFixture, NULL,
              dialog_fixture_set_up, test_export_mismatch, dialog_fixture_tear_down);
  g_test_add ("/biaozhu/dialogs/stats-view", DialogFixture, NULL,
              dialog_fixture_set_up, test_stats_view, dialog_fixture_tear_down);

  return g_test_run ();
}
