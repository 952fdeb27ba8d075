/* bz-data.c: where the core finds its data files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-data-private.h"

char *
_bz_data_path (const char *name,
               GFileTest   test)
{
  const char *env = g_getenv ("BZ_DATADIR");
  g_autofree char *installed = NULL;

  if (env != NULL && *env != '\0')
    return g_build_filename (env, name, NULL);
  installed = g_build_filename (BZ_PKGDATADIR, name, NULL);
  if (g_file_test (installed, test))
    return g_steal_pointer (&installed);
  return g_build_filename (BZ_SOURCE_DATADIR, name, NULL);
}
