/* bz-json-tree.c: one JSON text read into a flat tree, for files of many lines
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A work file holds a report per line with its spans and their history:
 * json-glib built a hash table per object and a node per value, and reading
 * and freeing them took most of a merge. This reader puts every value of a
 * line in one array that the next line reuses, and its strings in one buffer.
 * It reads RFC 8259 JSON and nothing else (no comments, no single quotes, no
 * text after the value), and refuses what would not survive as a C string
 * (\u0000) or as UTF-8 (half a surrogate pair).
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "bz-json-tree-private.h"

struct _BzJsonTree
{
  GArray     *nodes;    /* BzJsonTreeNode */
  char       *strings;  /* the unescaped strings, each NUL-terminated */
  gsize       strings_size;
  gsize       strings_used;
  const char *text;
  gsize       length;
  gsize       pos;
};

BzJsonTree *
_bz_json_tree_new (void)
{
  BzJsonTree *tree = g_new0 (BzJsonTree, 1);

  tree->nodes = g_array_new (FALSE, FALSE, sizeof (BzJsonTreeNode));
  return tree;
}

void
_bz_json_tree_free (BzJsonTree *tree)
{
  if (tree == NULL)
    return;
  g_array_unref (tree->nodes);
  g_free (tree->strings);
  g_free (tree);
}

static gboolean G_GNUC_PRINTF (2, 3)
fail (GError     **error,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
fail_at (BzJsonTree  *tree,
         GError     **error)
{
  if (tree->pos >= tree->length)
    return fail (error, _("the text ends too soon"));
  return fail (error, _("unexpected character at byte %lu"), (unsigned long) tree->pos + 1);
}

static void
skip_space (BzJsonTree *tree)
{
  while (tree->pos < tree->length)
    {
      char c = tree->text[tree->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      tree->pos++;
    }
}

/* Returns: the next character past white space, or 0 at the end */
static char
peek (BzJsonTree *tree)
{
  skip_space (tree);
  return tree->pos < tree->length ? tree->text[tree->pos] : '\0';
}

static guint
add_node (BzJsonTree     *tree,
          BzJsonTreeKind  kind)
{
  BzJsonTreeNode node = { 0 };

  node.kind = kind;
  node.start = tree->pos;
  g_array_append_val (tree->nodes, node);
  return tree->nodes->len - 1;
}

static BzJsonTreeNode *
node_at (BzJsonTree *tree,
         guint       index)
{
  return &g_array_index (tree->nodes, BzJsonTreeNode, index);
}

/* Returns: the value of four hex digits at the position, or -1 */
static int
read_hex4 (BzJsonTree *tree)
{
  int value = 0;

  if (tree->length - tree->pos < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (tree->text[tree->pos + i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  tree->pos += 4;
  return value;
}

/* Reads the string at the position (its opening quote) into the strings buffer. */
static gboolean
read_string (BzJsonTree  *tree,
             const char **out,
             guint       *out_length,
             GError     **error)
{
  char *start = tree->strings + tree->strings_used;
  char *o = start;

  tree->pos++;
  for (;;)
    {
      guchar c;

      if (tree->pos >= tree->length)
        return fail_at (tree, error);
      c = tree->text[tree->pos];
      if (c == '"')
        break;
      if (c < 0x20)
        return fail (error, _("a control character in a string at byte %lu"),
                     (unsigned long) tree->pos + 1);
      if (c != '\\')
        {
          *o++ = c;
          tree->pos++;
          continue;
        }

      {
        static const char escapes[] = "\"\\/bfnrt";
        static const char escaped[] = "\"\\/\b\f\n\r\t";
        gsize escape = tree->pos++;
        const char *single;
        int code;

        if (tree->pos >= tree->length)
          return fail_at (tree, error);
        c = tree->text[tree->pos++];
        if (c != '\0' && (single = strchr (escapes, c)) != NULL)
          {
            *o++ = escaped[single - escapes];
            continue;
          }
        if (c != 'u')
          return fail (error, _("an escape JSON does not have at byte %lu"),
                       (unsigned long) escape + 1);
        code = read_hex4 (tree);
        if (code >= 0xD800 && code <= 0xDBFF && tree->length - tree->pos >= 6
            && tree->text[tree->pos] == '\\' && tree->text[tree->pos + 1] == 'u')
          {
            int low;

            tree->pos += 2;
            low = read_hex4 (tree);
            code = low >= 0xDC00 && low <= 0xDFFF ? 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                                                 : -1;
          }
        /* No NUL (it would end the string early) and no half of a pair. */
        if (code <= 0 || (code >= 0xD800 && code <= 0xDFFF))
          return fail (error, _("an escape JSON does not have at byte %lu"),
                       (unsigned long) escape + 1);
        /* An escape takes six bytes of the text and at most four here. */
        o += g_unichar_to_utf8 (code, o);
      }
    }
  tree->pos++;
  *o++ = '\0';
  tree->strings_used += o - start;
  *out = start;
  *out_length = o - start - 1;
  return TRUE;
}

static gboolean
read_digits (BzJsonTree *tree)
{
  gsize from = tree->pos;

  while (tree->pos < tree->length && g_ascii_isdigit (tree->text[tree->pos]))
    tree->pos++;
  return tree->pos > from;
}

static gboolean
read_number (BzJsonTree     *tree,
             BzJsonTreeNode *node,
             GError        **error)
{
  gboolean integral = TRUE;
  char buffer[64];
  g_autofree char *long_number = NULL;
  const char *number;
  gsize length;

  if (tree->text[tree->pos] == '-')
    tree->pos++;
  if (tree->pos < tree->length && tree->text[tree->pos] == '0')
    tree->pos++;
  else if (!read_digits (tree))
    goto invalid;
  if (tree->pos < tree->length && tree->text[tree->pos] == '.')
    {
      tree->pos++;
      integral = FALSE;
      if (!read_digits (tree))
        goto invalid;
    }
  if (tree->pos < tree->length && (tree->text[tree->pos] == 'e' || tree->text[tree->pos] == 'E'))
    {
      tree->pos++;
      integral = FALSE;
      if (tree->pos < tree->length && (tree->text[tree->pos] == '+' || tree->text[tree->pos] == '-'))
        tree->pos++;
      if (!read_digits (tree))
        goto invalid;
    }

  /* The text need not end after the number: a copy does. */
  length = tree->pos - node->start;
  if (length < sizeof buffer)
    {
      memcpy (buffer, tree->text + node->start, length);
      buffer[length] = '\0';
      number = buffer;
    }
  else
    number = long_number = g_strndup (tree->text + node->start, length);

  node->number = g_ascii_strtod (number, NULL);
  if (integral)
    {
      errno = 0;
      node->integer = g_ascii_strtoll (number, NULL, 10);
      /* Beyond 64 bits it is a number, not an integer. */
      if (errno == 0)
        node->kind = BZ_JSON_TREE_INT;
    }
  return TRUE;

invalid:
  return fail (error, _("a number JSON does not have at byte %lu"),
               (unsigned long) node->start + 1);
}

static gboolean
read_word (BzJsonTree *tree,
           const char *word)
{
  gsize length = strlen (word);

  if (tree->length - tree->pos < length || memcmp (tree->text + tree->pos, word, length) != 0)
    return FALSE;
  tree->pos += length;
  return TRUE;
}

static gboolean read_value (BzJsonTree  *tree,
                            guint        depth,
                            guint       *out_index,
                            GError     **error);

/* Reads the array or object at the position, each member's name before its value. */
static gboolean
read_container (BzJsonTree  *tree,
                guint        index,
                guint        depth,
                GError     **error)
{
  gboolean is_object = node_at (tree, index)->kind == BZ_JSON_TREE_OBJECT;
  char close = is_object ? '}' : ']';
  guint last = 0, n = 0;

  if (depth >= BZ_JSON_TREE_MAX_DEPTH)
    return fail (error, _("nested deeper than %d levels"), BZ_JSON_TREE_MAX_DEPTH);
  tree->pos++;
  if (peek (tree) == close)
    {
      tree->pos++;
      return TRUE;
    }
  for (;;)
    {
      const char *name = NULL;
      guint child, name_length;

      if (is_object)
        {
          if (peek (tree) != '"')
            return fail_at (tree, error);
          if (!read_string (tree, &name, &name_length, error))
            return FALSE;
          if (peek (tree) != ':')
            return fail_at (tree, error);
          tree->pos++;
        }
      if (!read_value (tree, depth + 1, &child, error))
        return FALSE;
      node_at (tree, child)->name = name;
      if (last == 0)
        node_at (tree, index)->first = child;
      else
        node_at (tree, last)->next = child;
      last = child;
      n++;

      switch (peek (tree))
        {
        case ',':
          tree->pos++;
          continue;
        case '}':
        case ']':
          if (tree->text[tree->pos] != close)
            return fail_at (tree, error);
          tree->pos++;
          node_at (tree, index)->length = n;
          return TRUE;
        default:
          return fail_at (tree, error);
        }
    }
}

static gboolean
read_value (BzJsonTree  *tree,
            guint        depth,
            guint       *out_index,
            GError     **error)
{
  char c = peek (tree);
  guint index;
  gboolean ok;

  switch (c)
    {
    case '{':
    case '[':
      index = add_node (tree, c == '{' ? BZ_JSON_TREE_OBJECT : BZ_JSON_TREE_ARRAY);
      ok = read_container (tree, index, depth, error);
      break;
    case '"':
      {
        const char *string;
        guint length;

        index = add_node (tree, BZ_JSON_TREE_STRING);
        ok = read_string (tree, &string, &length, error);
        if (ok)
          {
            node_at (tree, index)->string = string;
            node_at (tree, index)->length = length;
          }
      }
      break;
    case 't':
    case 'f':
      index = add_node (tree, BZ_JSON_TREE_BOOLEAN);
      node_at (tree, index)->boolean = c == 't';
      ok = read_word (tree, c == 't' ? "true" : "false") || fail_at (tree, error);
      break;
    case 'n':
      index = add_node (tree, BZ_JSON_TREE_NULL);
      ok = read_word (tree, "null") || fail_at (tree, error);
      break;
    default:
      if (c != '-' && !g_ascii_isdigit (c))
        return fail_at (tree, error);
      index = add_node (tree, BZ_JSON_TREE_DOUBLE);
      ok = read_number (tree, node_at (tree, index), error);
      break;
    }
  if (!ok)
    return FALSE;
  node_at (tree, index)->end = tree->pos;
  *out_index = index;
  return TRUE;
}

/**
 * _bz_json_tree_parse:
 * @text: JSON text, valid UTF-8 (the caller checks)
 * @length: its length in bytes
 *
 * Reads @text into @tree, in place of the text read before: the nodes and
 * strings of that one are gone.
 *
 * Returns: whether @text is one JSON value (@error says where it is not)
 */
gboolean
_bz_json_tree_parse (BzJsonTree  *tree,
                     const char  *text,
                     gsize        length,
                     GError     **error)
{
  guint root;

  g_return_val_if_fail (tree != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  g_array_set_size (tree->nodes, 0);
  /* A string's quotes leave room for its NUL, and escapes shrink: the
   * strings never take more than the text. */
  if (tree->strings_size < length + 1)
    {
      g_free (tree->strings);
      tree->strings_size = MAX (length + 1, 2 * tree->strings_size);
      tree->strings = g_malloc (tree->strings_size);
    }
  tree->strings_used = 0;
  tree->text = text;
  tree->length = length;
  tree->pos = 0;

  if (!read_value (tree, 0, &root, error))
    {
      g_array_set_size (tree->nodes, 0);
      return FALSE;
    }
  skip_space (tree);
  if (tree->pos < tree->length)
    {
      g_array_set_size (tree->nodes, 0);
      return fail (error, _("more text after the value at byte %lu"),
                   (unsigned long) tree->pos + 1);
    }
  return TRUE;
}

/* Returns: (nullable): the value read last, %NULL when the read failed */
const BzJsonTreeNode *
_bz_json_tree_root (BzJsonTree *tree)
{
  return tree->nodes->len > 0 ? node_at (tree, 0) : NULL;
}

/* Returns: (nullable): the first element or member of @node, if it has one */
const BzJsonTreeNode *
_bz_json_tree_child (BzJsonTree           *tree,
                     const BzJsonTreeNode *node)
{
  return node->first != 0 ? node_at (tree, node->first) : NULL;
}

/* Returns: (nullable): the element or member after @node in its container */
const BzJsonTreeNode *
_bz_json_tree_next (BzJsonTree           *tree,
                    const BzJsonTreeNode *node)
{
  return node->next != 0 ? node_at (tree, node->next) : NULL;
}

/* Returns: (nullable): the member @name of @object (the last, as json-glib
 * reads a name given twice), %NULL when it has none or is not an object */
const BzJsonTreeNode *
_bz_json_tree_member (BzJsonTree           *tree,
                      const BzJsonTreeNode *object,
                      const char           *name)
{
  const BzJsonTreeNode *found = NULL;

  if (object == NULL || object->kind != BZ_JSON_TREE_OBJECT)
    return NULL;
  for (const BzJsonTreeNode *member = _bz_json_tree_child (tree, object); member != NULL;
       member = _bz_json_tree_next (tree, member))
    if (strcmp (member->name, name) == 0)
      found = member;
  return found;
}
