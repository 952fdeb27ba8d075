/* bz-eval-private.h: the documents of an evaluation, shared by bz-eval-set.c and bz-eval.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bz-eval.h"

G_BEGIN_DECLS

typedef struct
{
  gint64      start;
  gint64      end;
  const char *label;   /* interned */
} BzEvalRange;

typedef struct
{
  char   *id;          /* nullable */
  char   *where;       /* "FILE:LINE", for messages */
  char   *text;
  gint64  n_chars;
  GArray *char_bytes;  /* gsize: byte offset of every code point, and of the end */
  GArray *spans;       /* BzEvalRange, sorted by _bz_eval_range_compare, no duplicates */
} BzEvalDoc;

struct _BzEvalSet
{
  GPtrArray  *docs;      /* BzEvalDoc */
  GHashTable *by_id;     /* id -> BzEvalDoc (borrowed) */
  guint       n_duplicates;
};

/* Orders by start, end, then label. */
int _bz_eval_range_compare (gconstpointer a,
                            gconstpointer b);

G_END_DECLS
