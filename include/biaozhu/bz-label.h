/* bz-label.h: an entity label of the workspace's schema
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include "bz-types.h"

G_BEGIN_DECLS

#define BZ_TYPE_LABEL (bz_label_get_type ())
G_DECLARE_FINAL_TYPE (BzLabel, bz_label, BZ, LABEL, GObject)

BzLabel    *bz_label_new             (const char *name,
                                      const char *display_name,
                                      const char *color,
                                      const char *shortcut,
                                      const char *description,
                                      int         order);
/* "PLACE" */
const char *bz_label_get_name        (BzLabel *self);
/* "地名" (the schema's name in Chinese) */
const char *bz_label_get_display_name (BzLabel *self);
/* "#RRGGBB" */
const char *bz_label_get_color       (BzLabel *self);
/* "1" .. "7" */
const char *bz_label_get_shortcut    (BzLabel *self);
const char *bz_label_get_description (BzLabel *self);
int         bz_label_get_order       (BzLabel *self);
/* The annotation guide's rules for the label, in paragraphs separated by a
 * blank line: @language "zh" or "en" exactly ("" when there is none in it),
 * or %NULL for the user's language (the other one when it has none). */
const char *bz_label_get_guideline   (BzLabel    *self,
                                      const char *language);
void        bz_label_set_guideline   (BzLabel    *self,
                                      const char *language,
                                      const char *guideline);

G_END_DECLS
