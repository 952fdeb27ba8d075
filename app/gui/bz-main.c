/* bz-main.c: entry point of the workbench
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bz-application.h"
#include "bz-gui-resources.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BzApplication) app = NULL;
  /* An uninstalled build (bootstrap.sh run) points at its own translations. */
  const char *localedir = g_getenv ("BIAOZHU_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  bz_gui_register_resource ();

  app = bz_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
