/* bz-json-tree-private.h: one JSON text read into a flat tree, for files of many lines
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How deep a BzJsonTree's text may nest. */
#define BZ_JSON_TREE_MAX_DEPTH 512

typedef enum
{
  BZ_JSON_TREE_NULL,
  BZ_JSON_TREE_BOOLEAN,
  BZ_JSON_TREE_INT,     /* a number without fraction or exponent that fits in 64 bits */
  BZ_JSON_TREE_DOUBLE,  /* any other number */
  BZ_JSON_TREE_STRING,
  BZ_JSON_TREE_ARRAY,
  BZ_JSON_TREE_OBJECT,
} BzJsonTreeKind;

/* A value of the text. Nodes live in the tree, the first being the text's
 * value; a container's children follow each other through @next. */
typedef struct
{
  BzJsonTreeKind kind;
  guint          first;   /* a container's first child, 0 for none */
  guint          next;    /* the next child of the same container, 0 for none */
  guint          length;  /* a container's children; a string's bytes */
  const char    *name;    /* a member's name (in an object), else %NULL */
  gsize          start;   /* where the value's text begins and ends (byte offsets) */
  gsize          end;
  double         number;  /* a number's value, an integer's too */
  union
  {
    gboolean    boolean;
    gint64      integer;
    const char *string;   /* unescaped, NUL-terminated */
  };
} BzJsonTreeNode;

/* A parser that keeps its memory from one text to the next: reading many
 * lines allocates nothing once it has seen the longest. */
typedef struct _BzJsonTree BzJsonTree;

BzJsonTree           *_bz_json_tree_new    (void);
void                  _bz_json_tree_free   (BzJsonTree  *tree);
gboolean              _bz_json_tree_parse  (BzJsonTree  *tree,
                                            const char  *text,
                                            gsize        length,
                                            GError     **error);
const BzJsonTreeNode *_bz_json_tree_root   (BzJsonTree  *tree);
const BzJsonTreeNode *_bz_json_tree_child  (BzJsonTree           *tree,
                                            const BzJsonTreeNode *node);
const BzJsonTreeNode *_bz_json_tree_next   (BzJsonTree           *tree,
                                            const BzJsonTreeNode *node);
const BzJsonTreeNode *_bz_json_tree_member (BzJsonTree           *tree,
                                            const BzJsonTreeNode *object,
                                            const char           *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzJsonTree, _bz_json_tree_free)

G_END_DECLS
