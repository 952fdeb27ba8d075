/* bench-gui.c: the workbench on a large report against a plain GtkTextView: first paint,
 * full highlighting, main-loop stalls and real key presses until they are painted
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: xvfb-run -a -s "-screen 0 1600x1000x24" bench-gui [N_CHARS [N_SPANS [N_DECISIONS]]]
 *        (defaults 1000000, 20000 and 100)
 *
 * Keys are real X key events sent through XTest on a connection of their own,
 * as xdotool sends them: they reach the window through the X server and GTK's
 * whole event path. A key's latency runs from just before it is sent to the end
 * of the first frame painted after the key had its effect (the frame clock's
 * "after-paint"), so the repaint is inside the clock. The same text in a plain
 * GtkTextView in the same run is the baseline.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>
#include <biaozhu.h>

#include "bz-application.h"
#include "bz-document-view.h"
#include "bz-gui-resources.h"
#include "bz-window.h"

/* A main-loop iteration longer than this is a stall: a frame is missed. */
#define STALL_US 16000

/* After its first paint a view is watched for stalls until it has run this
 * long without one (the text view lays the rest of the report out in the
 * background meanwhile), or SETTLE_LIMIT_MS at most: keys are measured on a
 * settled view. */
#define QUIET_MS 1000
#define SETTLE_LIMIT_MS 30000

static const char *labels[] = { "PLACE", "ORG", "PROJECT", "POLICY", "INDICATOR", "VALUE", "DATE" };

/* What the bench watches in the window being measured. */
typedef struct
{
  GtkWidget *window;
  gboolean   painted_once;
  /* The key being measured: whether its effect happened, and the paint after it. */
  gboolean   effect_seen;
  gint64     painted_after_effect;
  /* Gaps between the ticks of a 1 ms timer: how long the main loop was held. */
  gint64     last_tick;
  gint64     max_gap;
  guint      n_stalls;
} Probe;

typedef struct
{
  double p50, p99, max;
  guint  n;
} Latency;

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

/* The code points of the longest line of @text. */
static glong
longest_line (const char *text)
{
  glong longest = 0;

  for (const char *line = text; line != NULL && *line != '\0';)
    {
      const char *end = strchr (line, '\n');
      glong n = g_utf8_strlen (line, end != NULL ? end - line : -1);

      longest = MAX (longest, n);
      line = end != NULL ? end + 1 : NULL;
    }
  return longest;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Probe         *probe)
{
  probe->painted_once = TRUE;
  if (probe->effect_seen && probe->painted_after_effect == 0)
    probe->painted_after_effect = g_get_monotonic_time ();
}

static void
effect_cb (Probe *probe)
{
  probe->effect_seen = TRUE;
}

static gboolean
tick_cb (gpointer data)
{
  Probe *probe = data;
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - probe->last_tick;

  if (probe->last_tick != 0)
    {
      probe->max_gap = MAX (probe->max_gap, gap);
      if (gap > STALL_US)
        probe->n_stalls++;
    }
  probe->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
probe_reset_stalls (Probe *probe)
{
  probe->last_tick = 0;
  probe->max_gap = 0;
  probe->n_stalls = 0;
}

/* Presents @window and iterates until its first frame is painted. */
static void
present_and_wait (Probe     *probe,
                  GtkWidget *window)
{
  probe->window = window;
  probe->painted_once = FALSE;
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), probe);
  while (!probe->painted_once)
    g_main_context_iteration (NULL, TRUE);
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

/* Gives @window the X input focus, as a window manager would on a click. */
static void
focus_window (Display   *display,
              GtkWidget *window,
              GtkWidget *widget)
{
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
  gint64 limit = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  XSetInputFocus (display, xid, RevertToParent, CurrentTime);
  XSync (display, False);
  while (!gtk_window_is_active (GTK_WINDOW (window)))
    {
      if (g_get_monotonic_time () > limit)
        g_error ("the window never became active");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  gtk_widget_grab_focus (widget);
}

/* Sends @keysym (with Shift if asked) and returns the time just before it was sent. */
static gint64
send_key (Display  *display,
          KeySym    keysym,
          gboolean  shift)
{
  KeyCode code = XKeysymToKeycode (display, keysym);
  KeyCode shift_code = XKeysymToKeycode (display, XK_Shift_L);
  gint64 sent;

  if (shift)
    {
      XTestFakeKeyEvent (display, shift_code, True, CurrentTime);
      XFlush (display);
    }
  sent = g_get_monotonic_time ();
  XTestFakeKeyEvent (display, code, True, CurrentTime);
  XTestFakeKeyEvent (display, code, False, CurrentTime);
  if (shift)
    XTestFakeKeyEvent (display, shift_code, False, CurrentTime);
  XFlush (display);
  return sent;
}

/* Milliseconds from sending @keysym to the end of the first paint after its effect. */
static double
measure_key (Probe    *probe,
             Display  *display,
             KeySym    keysym,
             gboolean  shift)
{
  gint64 sent, limit;

  probe->effect_seen = FALSE;
  probe->painted_after_effect = 0;
  sent = send_key (display, keysym, shift);
  limit = sent + 10 * G_USEC_PER_SEC;
  while (probe->painted_after_effect == 0)
    {
      if (g_get_monotonic_time () > limit)
        g_error ("key %s: no effect painted within 10 s", XKeysymToString (keysym));
      g_main_context_iteration (NULL, TRUE);
    }
  probe->effect_seen = FALSE;
  /* A reviewer's next key comes after the frame, not inside it. */
  iterate_for (20);
  return (probe->painted_after_effect - sent) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static Latency
summarise (GArray *samples)
{
  Latency latency = { 0 };

  g_assert (samples->len > 0);
  g_array_sort (samples, compare_doubles);
  latency.n = samples->len;
  latency.p50 = g_array_index (samples, double, samples->len / 2);
  /* The smallest sample that at least 99% of the samples do not exceed. */
  latency.p99 = g_array_index (samples, double, (guint) ((samples->len * 99 + 99) / 100) - 1);
  latency.max = g_array_index (samples, double, samples->len - 1);
  return latency;
}

static void
print_latency (const char *what,
               Latency     latency)
{
  g_print ("  %-40s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (%u keys)\n", what, latency.p50, latency.p99,
           latency.max, latency.n);
}

/* Watches for stalls until the main loop has been free for QUIET_MS. */
static void
watch_settling (Probe      *probe,
                const char *what)
{
  gint64 start = g_get_monotonic_time (), quiet_since = start, now;
  guint tick, n_stalls = 0;

  probe_reset_stalls (probe);
  tick = g_timeout_add (1, tick_cb, probe);
  do
    {
      g_main_context_iteration (NULL, TRUE);
      now = g_get_monotonic_time ();
      if (probe->n_stalls != n_stalls)
        {
          n_stalls = probe->n_stalls;
          quiet_since = now;
        }
    }
  while (now - quiet_since < QUIET_MS * 1000 && now - start < SETTLE_LIMIT_MS * 1000);
  g_source_remove (tick);
  g_print ("  %-40s %3u stalls over %d ms, longest %6.1f ms; settled %.1f s after\n", what, probe->n_stalls,
           STALL_US / 1000, probe->max_gap / 1000.0, (quiet_since - start) / 1e6);
}

/* Paints a few lines of the report's text once, so that neither view pays
 * for loading the fonts and the renderer in its first paint. */
static void
warm_up (const char *text)
{
  Probe probe = { 0 };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  const char *end = g_utf8_offset_to_pointer (text, 2000);

  gtk_widget_add_css_class (view, "bz-report");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, end - text);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_CHAR);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  present_and_wait (&probe, window);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (100);
}

/* The same text in a GtkTextView with nothing of the workbench: what GTK
 * costs by itself. Shift+Right extends the selection: a key that repaints. */
static void
bench_plain (Display    *display,
             const char *text,
             GPtrArray  *spans,
             guint       n_keys)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) tags = g_hash_table_new (g_str_hash, g_str_equal);
  Probe probe = { 0 };
  GtkWidget *window, *scroller, *view;
  GtkTextBuffer *buffer;
  GtkTextIter begin, end;
  gint64 t0, t_paint, t_tags;

  t0 = g_get_monotonic_time ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  scroller = gtk_scrolled_window_new ();
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_CHAR);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_add_css_class (view, "bz-report");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (buffer, text, -1);
  present_and_wait (&probe, window);
  t_paint = g_get_monotonic_time ();

  g_print ("plain GtkTextView, the same text:\n");
  g_print ("  open to first paint:                    %8.1f ms\n", (t_paint - t0) / 1000.0);
  watch_settling (&probe, "after the first paint:");

  g_signal_connect_swapped (buffer, "mark-set", G_CALLBACK (effect_cb), &probe);
  focus_window (display, window, view);
  gtk_text_buffer_get_start_iter (buffer, &begin);
  gtk_text_buffer_place_cursor (buffer, &begin);
  iterate_for (100);
  for (guint i = 0; i < n_keys; i++)
    {
      double ms = measure_key (&probe, display, XK_Right, TRUE);

      g_array_append_val (keys, ms);
    }
  print_latency ("Shift+Right key to painted:", summarise (keys));

  /* The same spans as one tag per label and status, applied in one go. */
  t_tags = g_get_monotonic_time ();
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);
      g_autofree char *name = g_strdup_printf ("%s/%d", bz_span_get_label (span), bz_span_get_status (span));
      GtkTextTag *tag = g_hash_table_lookup (tags, name);

      if (tag == NULL)
        {
          tag = gtk_text_buffer_create_tag (buffer, NULL, "background", "#cfe8ff", NULL);
          g_hash_table_insert (tags, g_steal_pointer (&name), tag);
        }
      gtk_text_buffer_get_iter_at_offset (buffer, &begin, (int) bz_span_get_start (span));
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) bz_span_get_end (span));
      gtk_text_buffer_apply_tag (buffer, tag, &begin, &end);
    }
  g_print ("  the same spans as tags, in one go:      %8.1f ms (one stall)\n",
           (g_get_monotonic_time () - t_tags) / 1000.0);
  g_hash_table_steal_all (tags);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (100);
}

static void
bench_workbench (Display       *display,
                 BzApplication *app,
                 BzStore       *store,
                 guint          n_spans,
                 guint          n_decisions)
{
  g_autoptr(GArray) tabs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) returns = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  Probe probe = { 0 };
  BzWindow *window;
  BzDocumentView *view;
  gint64 t0, t_paint;

  t0 = g_get_monotonic_time ();
  window = bz_window_new (GTK_APPLICATION (app), store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  view = bz_window_get_document_view (window);
  present_and_wait (&probe, GTK_WIDGET (window));
  t_paint = g_get_monotonic_time ();
  g_assert_nonnull (bz_document_view_get_document (view));
  /* Spans are drawn as the frames show them, from the array the first
   * paint drew from: no highlighting is left to do after it. */
  g_assert_cmpuint (bz_document_view_get_spans (view)->len, ==, n_spans);
  g_print ("workbench:\n");
  g_print ("  open to first paint:                    %8.1f ms\n", (t_paint - t0) / 1000.0);
  g_print ("  open to fully highlighted:              %8.1f ms (every span drawn from the first paint)\n",
           (t_paint - t0) / 1000.0);
  watch_settling (&probe, "after the first paint:");

  /* Tab to the next suggestion, Return to accept it; each decision is checked in the store. */
  g_signal_connect_swapped (view, "selection-changed", G_CALLBACK (effect_cb), &probe);
  focus_window (display, GTK_WIDGET (window), bz_document_view_get_text_view (view));
  iterate_for (100);
  for (guint i = 0; i < n_decisions; i++)
    {
      g_autoptr(BzSpan) stored = NULL;
      BzSpan *selected;
      gint64 id;
      double ms;

      ms = measure_key (&probe, display, XK_Tab, FALSE);
      g_array_append_val (tabs, ms);
      g_array_append_val (all, ms);
      selected = bz_document_view_get_selected_span (view);
      g_assert_nonnull (selected);
      g_assert_cmpint (bz_span_get_status (selected), ==, BZ_SPAN_SUGGESTED);
      id = bz_span_get_id (selected);

      ms = measure_key (&probe, display, XK_Return, FALSE);
      g_array_append_val (returns, ms);
      g_array_append_val (all, ms);
      stored = bz_store_get_span (store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (bz_span_get_status (stored), ==, BZ_SPAN_ACCEPTED);
    }
  print_latency ("Tab (next suggestion) key to painted:", summarise (tabs));
  print_latency ("Return (accept) key to painted:", summarise (returns));
  print_latency ("both keys:", summarise (all));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (100);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *db = NULL, *path = NULL, *text = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(BzImportResult) result = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(BzApplication) app = NULL;
  gint64 n_chars = argc > 1 ? g_ascii_strtoll (argv[1], NULL, 10) : 1000000;
  gint64 n_spans = argc > 2 ? g_ascii_strtoll (argv[2], NULL, 10) : 20000;
  guint n_decisions = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 100;
  Display *display;
  gint64 step;

  gtk_init ();
  bz_gui_register_resource ();
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    g_error ("bench-gui sends X key events: run it under xvfb-run");
  /* The keys go through a connection of their own, as from another program. */
  display = XOpenDisplay (NULL);
  if (display == NULL)
    g_error ("cannot open the X display");

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
  spans = bz_store_list_spans (store, result->document_id, &error);
  g_assert_no_error (error);

  g_print ("report: %" G_GINT64_FORMAT " characters, %u spans, longest paragraph %ld characters; window 1280×800\n",
           n_chars, spans->len, longest_line (text));
  /* Registered first: its style sheet gives both views the report's font. */
  app = bz_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  warm_up (text);
  bench_plain (display, text, spans, n_decisions);
  bench_workbench (display, app, store, spans->len, n_decisions);

  XCloseDisplay (display);
  g_clear_object (&store);
  g_unlink (db);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
