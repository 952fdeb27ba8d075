/* test-dialogs.c: the import and export dialogs and the statistics view on the sample reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <biaozhu.h>

#include "bz-gui-resources.h"
#include "bz-import-dialog.h"

#include "bz-test-gui.h"
#include "store-fixtures.h"

#define N_SAMPLES 4

/* Long enough for the extractor and four reports even under sanitizers. */
#define WAIT_LIMIT_S 120

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

static gboolean
tick_cb (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

/* Iterates the main loop until *@flag is set, counting the iterations in which a
 * 5 ms timer fired: they show that the loop stayed free while the worker ran. */
static guint
wait_for_flag (gboolean *flag)
{
  gint64 limit = g_get_monotonic_time () + WAIT_LIMIT_S * G_USEC_PER_SEC;
  guint ticks = 0;
  guint id = g_timeout_add (5, tick_cb, &ticks);

  while (!*flag)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, limit);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (id);
  return ticks;
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
  ticks = wait_for_flag (&finished);
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
  wait_for_flag (&finished);

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

  return g_test_run ();
}
