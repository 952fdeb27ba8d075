/* bz-data-private.h: where the core finds its data files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns: (transfer full): $BZ_DATADIR/@name when that variable is set, else
 * the installed file or folder when it exists (@test: G_FILE_TEST_IS_DIR or
 * _IS_REGULAR), else the one in the source tree (an uninstalled build) */
char *_bz_data_path (const char *name,
                     GFileTest   test);

G_END_DECLS
