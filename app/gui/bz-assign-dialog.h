/* bz-assign-dialog.h: which reviewers annotate which reports, and the review mode
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <biaozhu.h>

G_BEGIN_DECLS

#define BZ_TYPE_ASSIGN_DIALOG (bz_assign_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BzAssignDialog, bz_assign_dialog, BZ, ASSIGN_DIALOG, AdwWindow)

BzAssignDialog *bz_assign_dialog_new             (GtkWindow      *parent,
                                                  BzStore        *store);
/* Fill in the form as a reviewer would: names separated by commas (, ， or
 * 、), the share and the overlap in [0, 1] (shown as percentages), the seed. */
void            bz_assign_dialog_set_reviewers   (BzAssignDialog *self,
                                                  const char     *text);
void            bz_assign_dialog_set_share       (BzAssignDialog *self,
                                                  double          share);
void            bz_assign_dialog_set_overlap     (BzAssignDialog *self,
                                                  double          overlap);
void            bz_assign_dialog_set_seed        (BzAssignDialog *self,
                                                  guint32         seed);
/* Turns the review mode's switch (which sets the workspace's mode). */
void            bz_assign_dialog_set_independent (BzAssignDialog *self,
                                                  gboolean        independent);
/* Assigns the reports as the form says ("assign.run"); returns whether the
 * workspace took it. A refusal is shown in the dialog. */
gboolean        bz_assign_dialog_assign          (BzAssignDialog *self);
/* Returns: (transfer none): the line under the form: what was assigned, or why not */
const char     *bz_assign_dialog_get_message     (BzAssignDialog *self);
/* Returns: (transfer none): the list of the current assignment, one
 * AdwActionRow per assigned report (title: the report; subtitle: its reviewers) */
GtkListBox     *bz_assign_dialog_get_assignment_list (BzAssignDialog *self);

G_END_DECLS
