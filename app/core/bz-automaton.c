/* bz-automaton.c: an Aho-Corasick automaton over Unicode code points
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Patterns are inserted into a trie whose edges live in an open-addressing hash
 * table while it grows. bz_automaton_build() packs the edges of each state into
 * sorted runs (binary searched; the root gets a direct table for the BMP, where
 * almost every scan step starts), computes failure links breadth first and the
 * output links that chain each state to the next shorter pattern ending there.
 */
#include "config.h"

#include <string.h>

#include "bz-automaton.h"

#define NO_VALUE G_MAXUINT32
#define ROOT_TABLE_SIZE 0x10000

typedef struct
{
  guint64 key;   /* parent << 21 | code point, +1 so that 0 marks an empty slot */
  guint32 child;
} EdgeSlot;

struct _BzAutomaton
{
  /* Per state. */
  GArray   *depth;      /* guint32: code points from the root */
  GArray   *value;      /* guint32: the pattern's value or NO_VALUE */
  guint32  *fail;
  guint32  *output;     /* next state on the failure chain that ends a pattern, 0 for none */
  guint32  *edge_first; /* n_states + 1 entries into edge_cp / edge_to */
  gunichar *edge_cp;
  guint32  *edge_to;
  guint32  *root_table; /* ROOT_TABLE_SIZE entries, 0 for no edge */

  /* While building. */
  EdgeSlot *slots;
  gsize     n_slots;
  gsize     n_edges;

  guint     n_patterns;
  gboolean  built;
};

static inline guint64
edge_key (guint32  parent,
          gunichar c)
{
  return (((guint64) parent << 21) | c) + 1;
}

static inline gsize
edge_hash (guint64 key,
           gsize   mask)
{
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  return (gsize) key & mask;
}

static void
slots_grow (BzAutomaton *self)
{
  EdgeSlot *old = self->slots;
  gsize old_n = self->n_slots;

  self->n_slots = old_n == 0 ? 1024 : old_n * 2;
  self->slots = g_new0 (EdgeSlot, self->n_slots);
  for (gsize i = 0; i < old_n; i++)
    if (old[i].key != 0)
      {
        gsize j = edge_hash (old[i].key, self->n_slots - 1);

        while (self->slots[j].key != 0)
          j = (j + 1) & (self->n_slots - 1);
        self->slots[j] = old[i];
      }
  g_free (old);
}

/* Returns the child of @parent by @c, creating it when @create is set. */
static guint32
trie_child (BzAutomaton *self,
            guint32      parent,
            gunichar     c,
            gboolean     create)
{
  guint64 key = edge_key (parent, c);
  gsize j;

  if (self->n_slots == 0 || (self->n_edges + 1) * 2 > self->n_slots)
    {
      if (!create)
        {
          if (self->n_slots == 0)
            return 0;
        }
      else
        slots_grow (self);
    }

  j = edge_hash (key, self->n_slots - 1);
  while (self->slots[j].key != 0)
    {
      if (self->slots[j].key == key)
        return self->slots[j].child;
      j = (j + 1) & (self->n_slots - 1);
    }
  if (!create)
    return 0;

  {
    guint32 child = self->depth->len;
    guint32 depth = g_array_index (self->depth, guint32, parent) + 1;
    guint32 none = NO_VALUE;

    g_array_append_val (self->depth, depth);
    g_array_append_val (self->value, none);
    self->slots[j].key = key;
    self->slots[j].child = child;
    self->n_edges++;
    return child;
  }
}

BzAutomaton *
bz_automaton_new (void)
{
  BzAutomaton *self = g_new0 (BzAutomaton, 1);
  guint32 zero = 0;
  guint32 none = NO_VALUE;

  self->depth = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->value = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (self->depth, zero);
  g_array_append_val (self->value, none);
  return self;
}

void
bz_automaton_free (BzAutomaton *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->depth);
  g_array_unref (self->value);
  g_free (self->fail);
  g_free (self->output);
  g_free (self->edge_first);
  g_free (self->edge_cp);
  g_free (self->edge_to);
  g_free (self->root_table);
  g_free (self->slots);
  g_free (self);
}

guint32
bz_automaton_add (BzAutomaton *self,
                  const char  *pattern,
                  guint32      value)
{
  guint32 state = 0;
  guint32 *slot;

  g_return_val_if_fail (self != NULL, value);
  g_return_val_if_fail (!self->built, value);
  g_return_val_if_fail (pattern != NULL && *pattern != '\0', value);
  g_return_val_if_fail (value != NO_VALUE, value);

  for (const char *p = pattern; *p != '\0'; p = g_utf8_next_char (p))
    state = trie_child (self, state, g_utf8_get_char (p), TRUE);

  slot = &g_array_index (self->value, guint32, state);
  if (*slot != NO_VALUE)
    return *slot;
  *slot = value;
  self->n_patterns++;
  return value;
}

typedef struct
{
  guint32  parent;
  gunichar c;
  guint32  child;
} Edge;

static int
edge_compare (gconstpointer a,
              gconstpointer b)
{
  const Edge *x = a;
  const Edge *y = b;

  if (x->parent != y->parent)
    return x->parent < y->parent ? -1 : 1;
  return x->c < y->c ? -1 : x->c > y->c;
}

static inline guint32
packed_child (const BzAutomaton *self,
              guint32            state,
              gunichar           c)
{
  guint32 lo, hi;

  if (state == 0 && c < ROOT_TABLE_SIZE)
    return self->root_table[c];

  lo = self->edge_first[state];
  hi = self->edge_first[state + 1];
  while (lo < hi)
    {
      guint32 mid = (lo + hi) / 2;
      gunichar m = self->edge_cp[mid];

      if (m == c)
        return self->edge_to[mid];
      if (m < c)
        lo = mid + 1;
      else
        hi = mid;
    }
  return 0;
}

void
bz_automaton_build (BzAutomaton *self)
{
  guint n_states;
  g_autofree Edge *edges = NULL;
  g_autofree guint32 *queue = NULL;
  const guint32 *value;
  gsize n = 0;
  guint head = 0, tail = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->built);

  n_states = self->depth->len;
  edges = g_new (Edge, self->n_edges + 1);
  for (gsize i = 0; i < self->n_slots; i++)
    if (self->slots[i].key != 0)
      {
        guint64 key = self->slots[i].key - 1;

        edges[n].parent = (guint32) (key >> 21);
        edges[n].c = (gunichar) (key & 0x1FFFFF);
        edges[n].child = self->slots[i].child;
        n++;
      }
  g_clear_pointer (&self->slots, g_free);
  self->n_slots = 0;
  qsort (edges, n, sizeof (Edge), edge_compare);

  self->edge_first = g_new0 (guint32, n_states + 1);
  self->edge_cp = g_new (gunichar, n + 1);
  self->edge_to = g_new (guint32, n + 1);
  self->root_table = g_new0 (guint32, ROOT_TABLE_SIZE);
  for (gsize i = 0; i < n; i++)
    {
      self->edge_first[edges[i].parent + 1]++;
      self->edge_cp[i] = edges[i].c;
      self->edge_to[i] = edges[i].child;
      if (edges[i].parent == 0 && edges[i].c < ROOT_TABLE_SIZE)
        self->root_table[edges[i].c] = edges[i].child;
    }
  for (guint s = 0; s < n_states; s++)
    self->edge_first[s + 1] += self->edge_first[s];

  /* Breadth first: a state's failure target is shallower, so it is done. */
  self->fail = g_new0 (guint32, n_states);
  self->output = g_new0 (guint32, n_states);
  value = (const guint32 *) self->value->data;
  queue = g_new (guint32, n_states);
  queue[tail++] = 0;
  while (head < tail)
    {
      guint32 u = queue[head++];

      for (guint32 e = self->edge_first[u]; e < self->edge_first[u + 1]; e++)
        {
          gunichar c = self->edge_cp[e];
          guint32 v = self->edge_to[e];
          guint32 f = 0;

          if (u != 0)
            {
              guint32 s = self->fail[u];

              for (;;)
                {
                  f = packed_child (self, s, c);
                  if (f != 0 || s == 0)
                    break;
                  s = self->fail[s];
                }
            }
          self->fail[v] = f;
          self->output[v] = value[f] != NO_VALUE ? f : self->output[f];
          queue[tail++] = v;
        }
    }

  self->built = TRUE;
}

void
bz_automaton_scan (BzAutomaton          *self,
                   const char           *text,
                   gssize                length,
                   BzAutomatonMatchFunc  func,
                   gpointer              user_data)
{
  const guchar *p = (const guchar *) text;
  const guchar *end;
  const guint32 *value;
  const guint32 *depth;
  guint32 state = 0;
  gint64 pos = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->built);
  g_return_if_fail (text != NULL);
  g_return_if_fail (func != NULL);

  end = p + (length < 0 ? strlen (text) : (gsize) length);
  value = (const guint32 *) self->value->data;
  depth = (const guint32 *) self->depth->data;

  while (p < end)
    {
      gunichar c = *p;
      guint32 s;

      /* Valid UTF-8 is a precondition: decode without checks. */
      if (c < 0x80)
        p++;
      else if (c < 0xE0)
        {
          c = ((c & 0x1F) << 6) | (p[1] & 0x3F);
          p += 2;
        }
      else if (c < 0xF0)
        {
          c = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
          p += 3;
        }
      else
        {
          c = ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
          p += 4;
        }
      pos++;

      for (;;)
        {
          guint32 next = packed_child (self, state, c);

          if (next != 0)
            {
              state = next;
              break;
            }
          if (state == 0)
            break;
          state = self->fail[state];
        }

      if (state == 0)
        continue;
      s = value[state] != NO_VALUE ? state : self->output[state];
      while (s != 0)
        {
          func (pos - depth[s], pos, value[s], user_data);
          s = self->output[s];
        }
    }
}

gboolean
bz_automaton_lookup (BzAutomaton *self,
                     const char  *pattern,
                     guint32     *out_value)
{
  guint32 state = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);

  for (const char *p = pattern; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      state = self->built ? packed_child (self, state, c) : trie_child (self, state, c, FALSE);
      if (state == 0)
        return FALSE;
    }
  if (state == 0 || g_array_index (self->value, guint32, state) == NO_VALUE)
    return FALSE;
  if (out_value != NULL)
    *out_value = g_array_index (self->value, guint32, state);
  return TRUE;
}

guint
bz_automaton_get_n_patterns (BzAutomaton *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_patterns;
}

guint
bz_automaton_get_n_states (BzAutomaton *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->depth->len;
}

gsize
bz_automaton_get_memory_size (BzAutomaton *self)
{
  gsize n_states;
  gsize n_edges;

  g_return_val_if_fail (self != NULL, 0);

  n_states = self->depth->len;
  if (!self->built)
    return n_states * 2 * sizeof (guint32) + self->n_slots * sizeof (EdgeSlot);
  n_edges = self->edge_first[n_states];
  return n_states * 4 * sizeof (guint32) + (n_states + 1) * sizeof (guint32)
         + n_edges * (sizeof (gunichar) + sizeof (guint32))
         + ROOT_TABLE_SIZE * sizeof (guint32);
}
