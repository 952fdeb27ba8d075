/* bz-preferences-window.h: the workbench's preferences, kept in GSettings
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BZ_TYPE_PREFERENCES_WINDOW (bz_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (BzPreferencesWindow, bz_preferences_window, BZ, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @settings: the org.biaozhu.Workbench settings the window edits */
BzPreferencesWindow *bz_preferences_window_new (GtkWindow *parent,
                                                GSettings *settings);

/* The reviewer name as typed (applied to the settings by the entry's apply
 * button or Enter). */
void bz_preferences_window_set_reviewer_text (BzPreferencesWindow *self,
                                              const char          *text);

G_END_DECLS
