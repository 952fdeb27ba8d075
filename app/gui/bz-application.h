/* bz-application.h: the workbench application
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <biaozhu.h>

G_BEGIN_DECLS

#define BZ_TYPE_APPLICATION (bz_application_get_type ())
G_DECLARE_FINAL_TYPE (BzApplication, bz_application, BZ, APPLICATION, AdwApplication)

BzApplication *bz_application_new       (void);
/* Returns: (transfer none) (nullable): the open workspace */
BzStore       *bz_application_get_store (BzApplication *self);

G_END_DECLS
