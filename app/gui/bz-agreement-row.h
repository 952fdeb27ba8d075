/* bz-agreement-row.h: one line of the agreement tables: a scope's F1, κ and α
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <biaozhu.h>

G_BEGIN_DECLS

#define BZ_TYPE_AGREEMENT_ROW (bz_agreement_row_get_type ())
G_DECLARE_FINAL_TYPE (BzAgreementRow, bz_agreement_row, BZ, AGREEMENT_ROW, GObject)

/* Properties (read-only strings): "title", "detail", and the figures as the
 * table shows them (bz_agreement_format_value()): "f1", "kappa",
 * "kappa-no-o", "alpha". */

/* @title: what the row is called on screen; @detail: a second column (spans,
 * reports or reviewers); @score: the figures, copied */
BzAgreementRow         *bz_agreement_row_new       (const char             *title,
                                                    const char             *detail,
                                                    const BzAgreementScore *score);
const char             *bz_agreement_row_get_title  (BzAgreementRow         *self);
const char             *bz_agreement_row_get_detail (BzAgreementRow         *self);
/* Returns: (transfer none): the figures of the row */
const BzAgreementScore *bz_agreement_row_get_score  (BzAgreementRow         *self);

G_END_DECLS
