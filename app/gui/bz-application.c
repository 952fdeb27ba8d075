/* bz-application.c: the workbench application
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-application"

#include "config.h"

#include <glib/gi18n.h>

#include "bz-application.h"
#include "bz-window.h"

struct _BzApplication
{
  AdwApplication parent_instance;

  char *db_path;
  BzStore *store;
};

G_DEFINE_FINAL_TYPE (BzApplication, bz_application, ADW_TYPE_APPLICATION)

static void
bz_application_activate (GApplication *app)
{
  BzApplication *self = BZ_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->store == NULL)
    {
      g_autofree char *path = self->db_path ? g_strdup (self->db_path) : bz_store_default_path ();

      self->store = bz_store_open (path, &error);
      if (self->store == NULL)
        {
          g_printerr ("biaozhu: %s\n", error->message);
          return;
        }
    }

  window = GTK_WINDOW (bz_window_new (GTK_APPLICATION (app), self->store));
  gtk_window_present (window);
}

static int
bz_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  BzApplication *self = BZ_APPLICATION (app);
  const char *db = NULL;

  /* A filename option arrives as a bytestring. */
  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_free (self->db_path);
      self->db_path = g_strdup (db);
    }
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("biaozhu %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
bz_application_finalize (GObject *object)
{
  BzApplication *self = BZ_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (bz_application_parent_class)->finalize (object);
}

static void
bz_application_class_init (BzApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = bz_application_finalize;
  app_class->activate = bz_application_activate;
  app_class->handle_local_options = bz_application_handle_local_options;
}

static void
bz_application_init (BzApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Workspace database file"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

BzApplication *
bz_application_new (void)
{
  return g_object_new (BZ_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

BzStore *
bz_application_get_store (BzApplication *self)
{
  g_return_val_if_fail (BZ_IS_APPLICATION (self), NULL);
  return self->store;
}
