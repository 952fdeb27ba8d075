/* bz-test-gui.h: main loop waits and PNG renderings for the display tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>

/* Long enough for the extractor and four reports even under sanitizers. */
#define BZ_TEST_WAIT_LIMIT_S 120

static inline gboolean
bz_test_tick_cb (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

/* Iterates the main loop until *@flag is set, counting the iterations in which a
 * 5 ms timer fired: they show that the loop stayed free while the worker ran. */
static inline guint
bz_test_wait_for_flag (gboolean *flag)
{
  gint64 limit = g_get_monotonic_time () + BZ_TEST_WAIT_LIMIT_S * G_USEC_PER_SEC;
  guint ticks = 0;
  guint id = g_timeout_add (5, bz_test_tick_cb, &ticks);

  while (!*flag)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, limit);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (id);
  return ticks;
}

/* Returns: (transfer none) (nullable): the first open window of @type */
static inline GtkWindow *
bz_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* A signal handler that sets the gboolean its data points to. */
static inline void
bz_test_set_true_cb (gpointer  instance,
                     gboolean *flag)
{
  *flag = TRUE;
}

/* Iterates the main loop for @ms milliseconds. */
static inline void
bz_test_wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Renders @widget as it is on screen. */
static inline GdkTexture *
bz_test_render_texture (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GdkTexture *texture;
  GskRenderer *renderer;
  int width, height;

  bz_test_wait_ms (200);
  /* A window presented just before has no size until its first layout, which
   * takes a while on a slow (sanitizer) build. */
  for (gint64 limit = g_get_monotonic_time () + BZ_TEST_WAIT_LIMIT_S * G_USEC_PER_SEC;
       gtk_widget_get_width (widget) == 0 && g_get_monotonic_time () < limit;)
    bz_test_wait_ms (20);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* A window draws nothing until its first frame, which takes a while on a
   * slow (sanitizer) build: try for up to ten seconds. */
  paintable = gtk_widget_paintable_new (widget);
  for (guint attempt = 0; node == NULL && attempt < 100; attempt++)
    {
      if (attempt > 0)
        bz_test_wait_ms (100);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  return texture;
}

/* Renders @widget as it is on screen into @file (relative to the working folder). */
static inline void
bz_test_render_png (GtkWidget  *widget,
                    const char *file)
{
  g_autoptr(GdkTexture) texture = bz_test_render_texture (widget);

  g_assert_true (gdk_texture_save_to_png (texture, file));
}

/* Starts a display test in the Chinese interface: gtk_test_init() sets the C
 * locale, so the environment's (zh_CN.UTF-8, which must exist: Debian's
 * locales-all) is taken again, with the build's translations. */
static inline void
bz_test_init_chinese (int    *argc,
                      char ***argv)
{
  const char *localedir = g_getenv ("BZ_LOCALEDIR");
  const char *locale;

  gtk_test_init (argc, argv, NULL);
  g_assert_nonnull (localedir);
  locale = setlocale (LC_ALL, "");
  g_assert_nonnull (locale);
  g_assert_nonnull (strstr (locale, "zh_CN"));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
