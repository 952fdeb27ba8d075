/* bz-rules.h: patterns for what lists cannot hold
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "bz-gazetteer.h"

G_BEGIN_DECLS

/* The rules, each a source of candidates of its own (BzCandidate.origin) whose
 * precision is measured apart: see bz_rules_get_name(). */
typedef enum
{
  BZ_RULE_NONE,
  BZ_RULE_ABBREVIATION,  /* a province's one-character name */
  BZ_RULE_NUMBER,        /* values, dates and numbered schools from a number */
  BZ_RULE_POLICY,        /* 《…》 titles */
  BZ_RULE_QUOTE,         /* “…” names */
  BZ_RULE_RATE_TARGET,   /* 提高到 …% */
  BZ_RULE_LIST,          /* the items of a list that share a head */
  BZ_RULE_HEAD,          /* a name before a place's or a body's head word */
  BZ_RULE_STREET_PAIR,   /* 南|北河沿大街 */
  BZ_RULE_SCHOOL,        /* a place and a school's number */
  BZ_RULE_JOIN_BODIES,   /* a body with its district, a campus */
  BZ_RULE_PROJECT_HEAD,  /* a name before 项目/工程/计划/行动 */
  BZ_RULE_INDICATOR,     /* a quantity's name before its value */
  BZ_RULE_COUNT_CHANGE,
  BZ_RULE_WIDEN_INDICATOR,
  BZ_RULE_CHANGE,
  BZ_RULE_TARGET,
  BZ_RULE_N_RULES,
} BzRule;

/* BzCandidate.origin of a rule's candidate: the rule with this bit (a rule
 * that widens a listed name keeps the list's source, for priority). */
#define BZ_RULE_ORIGIN 0x8000

/* A short stable name ("number", "head"), for source keys such as "rule:number". */
const char *bz_rules_get_name (BzRule rule);

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
