/* bz-automaton.h: an Aho-Corasick automaton over Unicode code points
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BzAutomaton BzAutomaton;

/**
 * BzAutomatonMatchFunc:
 * @start: first code point of the match in the scanned text
 * @end: code point after the match (exclusive)
 * @value: the value given with the pattern to bz_automaton_add()
 * @user_data: the data given to bz_automaton_scan()
 *
 * Called for every occurrence of every pattern, in order of @end, and for one
 * @end from the longest pattern to the shortest.
 */
typedef void (*BzAutomatonMatchFunc) (gint64   start,
                                      gint64   end,
                                      guint32  value,
                                      gpointer user_data);

BzAutomaton *bz_automaton_new        (void);
void         bz_automaton_free       (BzAutomaton *self);

/* Adds @pattern (non-empty UTF-8) before bz_automaton_build(). A pattern added
 * twice keeps its first value, which is returned; otherwise @value is returned. */
guint32      bz_automaton_add        (BzAutomaton *self,
                                      const char  *pattern,
                                      guint32      value);
/* Computes the failure links and packs the trie; no pattern may be added after. */
void         bz_automaton_build      (BzAutomaton *self);

/* Reports every occurrence of every pattern in @text (valid UTF-8, @length bytes
 * or -1 for NUL-terminated). Offsets are code points. */
void         bz_automaton_scan       (BzAutomaton          *self,
                                      const char           *text,
                                      gssize                length,
                                      BzAutomatonMatchFunc  func,
                                      gpointer              user_data);

/* Like bz_automaton_scan() over @n code points. */
void         bz_automaton_scan_ucs4  (BzAutomaton          *self,
                                      const gunichar       *text,
                                      gsize                 n,
                                      BzAutomatonMatchFunc  func,
                                      gpointer              user_data);

/* Looks up one whole pattern: TRUE and its value when it was added. */
gboolean     bz_automaton_lookup     (BzAutomaton *self,
                                      const char  *pattern,
                                      guint32     *out_value);

guint        bz_automaton_get_n_patterns (BzAutomaton *self);
guint        bz_automaton_get_n_states   (BzAutomaton *self);
/* Bytes held by the built automaton (its tables, not the allocator's overhead). */
gsize        bz_automaton_get_memory_size (BzAutomaton *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzAutomaton, bz_automaton_free)

G_END_DECLS
