/* bench-gui.c: the workbench on a large report: first paint, full highlighting, review latency
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: xvfb-run -a bench-gui [N_CHARS [N_SPANS]]  (defaults 1000000 and 20000)
 */
#include "config.h"

#include <glib/gstdio.h>
#include <biaozhu.h>

#include "bz-application.h"
#include "bz-document-view.h"
#include "bz-gui-resources.h"
#include "bz-window.h"

static const char *labels[] = { "PLACE", "ORG", "PROJECT", "POLICY", "INDICATOR", "VALUE", "DATE" };

/* Report-like text of @n_chars code points; one paragraph of a fifth of it has no line break. */
static char *
make_text (gint64 n_chars)
{
  static const char *sentence = "全区上下深入推进城市更新改造，完成南北池子大街街道整治项目，地区生产总值增长6.5%。";
  GString *text = g_string_new (NULL);
  glong sentence_chars = g_utf8_strlen (sentence, -1);
  gint64 n = 0, paragraph = 0;

  while (n + sentence_chars < n_chars)
    {
      g_string_append (text, sentence);
      n += sentence_chars;
      paragraph += sentence_chars;
      /* Short paragraphs, except a very long one in the middle of the report. */
      if (paragraph > 300 && (n < n_chars * 2 / 5 || n > n_chars * 3 / 5) && n + 1 < n_chars)
        {
          g_string_append_c (text, '\n');
          n++;
          paragraph = 0;
        }
    }
  return g_string_free (text, FALSE);
}

static void
wait_until_painted (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gint64 frame = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : 0;

  while (clock == NULL || gdk_frame_clock_get_frame_counter (clock) <= frame + 1)
    {
      g_main_context_iteration (NULL, TRUE);
      if (clock == NULL)
        {
          clock = gtk_widget_get_frame_clock (window);
          frame = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : 0;
        }
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *db = NULL, *path = NULL, *text = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(BzImportResult) result = NULL;
  g_autoptr(BzApplication) app = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 n_chars = argc > 1 ? g_ascii_strtoll (argv[1], NULL, 10) : 1000000;
  gint64 n_spans = argc > 2 ? g_ascii_strtoll (argv[2], NULL, 10) : 20000;
  BzWindow *window;
  BzDocumentView *view;
  GPtrArray *spans;
  gint64 t0, t_paint, t_full, step;

  gtk_init ();
  bz_gui_register_resource ();

  dir = g_dir_make_tmp ("bz-bench-gui-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "workspace.db", NULL);
  path = g_build_filename (dir, "large.txt", NULL);
  text = make_text (n_chars);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  store = bz_store_open (db, &error);
  g_assert_no_error (error);
  result = bz_import_file (store, path, NULL, NULL);
  g_assert_no_error (result->error);
  n_chars = g_utf8_strlen (text, -1);

  /* Spans of 2-6 characters spread evenly; every fourth one accepted. */
  step = MAX (n_chars / MAX (n_spans, 1), 8);
  bz_store_begin (store, "bench spans", FALSE, &error);
  g_assert_no_error (error);
  for (gint64 i = 0; i < n_spans && i * step + 6 < n_chars; i++)
    {
      g_autoptr(BzSpan) span = bz_span_new (i * step, i * step + 2 + i % 5, labels[i % G_N_ELEMENTS (labels)],
                                            i % 4 == 0 ? BZ_SPAN_ACCEPTED : BZ_SPAN_SUGGESTED, "bench");

      if (bz_store_add_span (store, result->document_id, span, &error) == 0)
        g_error ("%s", error->message);
    }
  bz_store_commit (store, &error);
  g_assert_no_error (error);

  app = bz_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  t0 = g_get_monotonic_time ();
  window = bz_window_new (GTK_APPLICATION (app), store);
  view = bz_window_get_document_view (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_painted (GTK_WIDGET (window));
  t_paint = g_get_monotonic_time ();
  while (!bz_document_view_is_highlighted (view))
    g_main_context_iteration (NULL, TRUE);
  t_full = g_get_monotonic_time ();

  spans = bz_document_view_get_spans (view);
  g_print ("report: %" G_GINT64_FORMAT " characters, %u spans\n", n_chars, spans->len);
  g_print ("open to first paint:       %8.1f ms\n", (t_paint - t0) / 1000.0);
  g_print ("open to fully highlighted: %8.1f ms\n", (t_full - t0) / 1000.0);

  /* Tab then Enter, 50 times: from the key's action to the stored change and the view updated. */
  for (guint i = 0; i < 50; i++)
    {
      gint64 start, id;
      g_autoptr(BzSpan) stored = NULL;
      double ms;

      gtk_widget_activate_action (GTK_WIDGET (window), "review.next", NULL);
      g_assert_nonnull (bz_document_view_get_selected_span (view));
      id = bz_span_get_id (bz_document_view_get_selected_span (view));
      start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "span.accept", NULL);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      stored = bz_store_get_span (store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (bz_span_get_status (stored), ==, BZ_SPAN_ACCEPTED);
      g_array_append_val (latencies, ms);
      wait_until_painted (GTK_WIDGET (window));
    }
  g_array_sort (latencies, compare_doubles);
  g_print ("accept key to stored + shown: median %.1f ms, max %.1f ms (50 keys)\n",
           g_array_index (latencies, double, latencies->len / 2),
           g_array_index (latencies, double, latencies->len - 1));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&store);
  g_unlink (db);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
