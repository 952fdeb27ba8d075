/* bz-rules.h: patterns for what lists cannot hold
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "bz-gazetteer.h"

G_BEGIN_DECLS

/**
 * bz_rules_apply:
 * @text: the folded text as code points
 * @n: its length
 * @known: (element-type BzCandidate): the gazetteer's candidates over @text, which
 *   anchor the names in front of PROJECT, PLACE and ORG head words
 * @out: (element-type BzCandidate): where the rules' candidates are appended
 *
 * VALUE (numbers with units, percentages, amounts, qualifiers), DATE (years,
 * ranges, months, durations, quarters, plan periods), POLICY (《…》 titles of
 * official documents), INDICATOR (a quantity's name before its value), PROJECT
 * (a proper name before 项目/工程/计划/行动, and the items of lists that share one
 * head) and PLACE/ORG names ending in a head word (…胡同, …医院).
 */
void     bz_rules_apply     (const gunichar *text,
                             gsize           n,
                             const GArray   *known,
                             GArray         *out);
gsize    bz_rules_worded_at (const gunichar *t,
                             gsize           n,
                             gsize           i);
gboolean bz_rules_rank_at   (const gunichar *t,
                             gsize           n,
                             gsize           i);
gboolean bz_rules_names_quantity (const gunichar *t,
                                  gsize           e);

G_END_DECLS
