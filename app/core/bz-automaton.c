/* bz-automaton.c: an Aho-Corasick automaton over Unicode code points
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Patterns are inserted into a trie whose edges live in an open-addressing hash
 * table while it grows. bz_automaton_build() packs the edges of each state into
 * sorted runs (binary searched; the root gets a direct table for the BMP, where
 * almost every scan step starts), computes failure links breadth first and the
 * output links that chain each state to the next shorter pattern ending there.
 * What a scan step reads of a state (where its edges start, its failure link)
 * sits in an 8-byte record apart from what only a match reads, so that the
 * states of a large gazetteer mostly stay in a core's cache.
 */
#include "config.h"

#include <string.h>

#include "bz-automaton.h"
#include "bz-text-private.h"

#define NO_VALUE G_MAXUINT32
/* Set in a transition's target (edges, root table, wide table) when a pattern
 * ends at that state or on its failure chain: a scan step learns it with the
 * state, without reading the state's record, which is rarely cached. */
#define REPORTS    (1u << 31)
#define STATE_MASK (REPORTS - 1)
#define ROOT_TABLE_SIZE 0x10000

typedef struct
{
  guint64 key;   /* parent << 21 | code point, +1 so that 0 marks an empty slot */
  guint32 child;
} EdgeSlot;

/* What a scan step reads of a state: 8 bytes, so that the states of a large
 * gazetteer mostly stay in a core's cache. */
typedef struct
{
  guint32 first_edge; /* into edges; the next state's first_edge ends the run */
  guint32 fail;
} State;

/* What only a reported match reads. */
typedef struct
{
  guint32 output;     /* next state on the failure chain that ends a pattern, 0 for none */
  guint32 value;      /* the pattern's value or NO_VALUE */
  guint32 depth;      /* code points from the root */
} StateInfo;

/* An edge of a state with many, in the wide table, in 8 bytes: the state (22
 * bits) and a code point of the BMP (16 bits) as the key, the target (22 bits)
 * and its REPORTS flag; 0 for an empty slot. Automata of more states, and edges
 * beyond the BMP, are binary searched instead. */
typedef guint64 WideSlot;

#define WIDE_STATE_BITS 22
#define WIDE_KEY_BITS   38

static inline guint64
wide_key (guint32  state,
          gunichar c)
{
  return ((guint64) state << 16) | c;
}

static inline WideSlot
wide_slot (guint64 key,
           guint32 to)
{
  return key | ((guint64) (to & STATE_MASK) << WIDE_KEY_BITS) | ((guint64) (to >> 31) << 60);
}

static inline guint32
wide_slot_to (WideSlot slot)
{
  return (guint32) ((slot >> WIDE_KEY_BITS) & ((1u << WIDE_STATE_BITS) - 1)) | ((guint32) (slot >> 60) << 31);
}

static inline guint64
wide_slot_key (WideSlot slot)
{
  return slot & ((G_GUINT64_CONSTANT (1) << WIDE_KEY_BITS) - 1);
}

typedef struct
{
  gunichar c;
  guint32  to;
} PackedEdge;

struct _BzAutomaton
{
  /* While building, per state. */
  GArray   *depth;      /* guint32: code points from the root */
  GArray   *value;      /* guint32: the pattern's value or NO_VALUE */

  /* Once built. */
  State      *states;   /* n_states + 1 records (the last one ends the edge runs) */
  StateInfo  *info;     /* n_states records */
  PackedEdge *edges;
  guint32    *root_table; /* ROOT_TABLE_SIZE entries, 0 for no edge */
  guint       n_states;
  /* Pairs (last code point of a state, code point of one of its edges), hashed:
   * when the pair of the previous and the current code point is absent, no
   * state on the failure chain (all end in the same code point) has the edge,
   * and the scan goes straight to the root. */
  guint8     *pairs;
  /* The edges of states with many children (hashed by state and code point). */
  WideSlot   *wide;
  gsize       wide_mask;

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

  g_clear_pointer (&self->depth, g_array_unref);
  g_clear_pointer (&self->value, g_array_unref);
  g_free (self->states);
  g_free (self->info);
  g_free (self->edges);
  g_free (self->pairs);
  g_free (self->wide);
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

/* 2^22 bits (512 KiB, within a core's L2): a gazetteer of 100,000 names has
 * some 500,000 pairs, which filled a quarter of 2^20 bits, and a false "maybe"
 * costs the state's record and edges, rarely cached. */
#define PAIR_BITS 22

static inline gsize
pair_hash (gunichar a,
           gunichar b)
{
  return ((a * 0x9E3779B1u) ^ (b * 0x85EBCA77u)) >> (32 - PAIR_BITS);
}

/* States with more edges than this are looked up in the wide table. */
#define WIDE_EDGES 6

static inline guint32
packed_child (const BzAutomaton *self,
              guint32            state,
              gunichar           c)
{
  guint32 lo, hi;

  state &= STATE_MASK;
  if (state == 0 && c < ROOT_TABLE_SIZE)
    return self->root_table[c];

  lo = self->states[state].first_edge;
  hi = self->states[state + 1].first_edge;
  if (hi - lo <= WIDE_EDGES)
    {
      for (; lo < hi; lo++)
        if (self->edges[lo].c == c)
          return self->edges[lo].to;
      return 0;
    }
  if (self->wide != NULL && state != 0 && c < 0x10000)
    {
      guint64 key = wide_key (state, c);
      gsize j = edge_hash (key, self->wide_mask);

      while (self->wide[j] != 0)
        {
          if (wide_slot_key (self->wide[j]) == key)
            return wide_slot_to (self->wide[j]);
          j = (j + 1) & self->wide_mask;
        }
      return 0;
    }
  while (lo < hi)
    {
      guint32 mid = (lo + hi) / 2;
      gunichar m = self->edges[mid].c;

      if (m == c)
        return self->edges[mid].to;
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
  g_autofree guint32 *old_id = NULL; /* a state's number while building */
  State *states;
  StateInfo *info;
  gsize n = 0;

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

  /* Number the states breadth first, children in code point order: a scan
   * mostly visits shallow states, which then share cache lines, and so do their
   * edges, instead of lying one per inserted pattern across the whole array. */
  {
    g_autofree guint32 *run = g_new0 (guint32, n_states + 1);
    g_autofree guint32 *new_id = g_new (guint32, n_states);
    g_autofree Edge *renumbered = g_new (Edge, n + 1);
    gsize k = 0;
    guint32 tail = 1;

    old_id = g_new (guint32, n_states);
    for (gsize i = 0; i < n; i++)
      run[edges[i].parent + 1]++;
    for (guint s = 0; s < n_states; s++)
      run[s + 1] += run[s];
    old_id[0] = 0;
    new_id[0] = 0;
    for (guint32 head = 0; head < tail; head++)
      {
        guint32 u = old_id[head];

        for (guint32 e = run[u]; e < run[u + 1]; e++)
          {
            new_id[edges[e].child] = tail;
            old_id[tail++] = edges[e].child;
          }
      }
    g_assert (tail == n_states);
    for (guint32 s = 0; s < n_states; s++)
      for (guint32 e = run[old_id[s]]; e < run[old_id[s] + 1]; e++)
        {
          renumbered[k].parent = s;
          renumbered[k].c = edges[e].c;
          renumbered[k].child = new_id[edges[e].child];
          k++;
        }
    g_free (edges);
    edges = g_steal_pointer (&renumbered);
  }

  states = self->states = g_new0 (State, n_states + 1);
  info = self->info = g_new0 (StateInfo, n_states);
  self->edges = g_new (PackedEdge, n + 1);
  self->root_table = g_new0 (guint32, ROOT_TABLE_SIZE);
  for (guint s = 0; s < n_states; s++)
    {
      info[s].value = g_array_index (self->value, guint32, old_id[s]);
      info[s].depth = g_array_index (self->depth, guint32, old_id[s]);
    }
  for (gsize i = 0; i < n; i++)
    {
      states[edges[i].parent + 1].first_edge++;
      self->edges[i].c = edges[i].c;
      self->edges[i].to = edges[i].child;
      if (edges[i].parent == 0 && edges[i].c < ROOT_TABLE_SIZE)
        self->root_table[edges[i].c] = edges[i].child;
    }
  for (guint s = 0; s < n_states; s++)
    states[s + 1].first_edge += states[s].first_edge;
  self->n_states = n_states;
  {
    g_autofree gunichar *in_char = g_new0 (gunichar, n_states);

    for (gsize i = 0; i < n; i++)
      in_char[edges[i].child] = edges[i].c;
    self->pairs = g_new0 (guint8, (1 << PAIR_BITS) / 8);
    for (gsize i = 0; i < n; i++)
      if (edges[i].parent != 0)
        {
          gsize h = pair_hash (in_char[edges[i].parent], edges[i].c);

          self->pairs[h >> 3] |= 1 << (h & 7);
        }
  }
  {
    gsize n_wide = 0;

    for (guint st = 1; st < n_states; st++)
      if (states[st + 1].first_edge - states[st].first_edge > WIDE_EDGES)
        n_wide += states[st + 1].first_edge - states[st].first_edge;
    if (n_wide > 0 && n_states < (1u << WIDE_STATE_BITS))
      {
        gsize size = 16;

        while (size < n_wide * 2)
          size *= 2;
        self->wide_mask = size - 1;
        self->wide = g_new0 (WideSlot, size);
        for (guint st = 1; st < n_states; st++)
          if (states[st + 1].first_edge - states[st].first_edge > WIDE_EDGES)
            for (guint32 e = states[st].first_edge; e < states[st + 1].first_edge; e++)
              {
                guint64 key;
                gsize j;

                if (self->edges[e].c >= 0x10000)
                  continue;
                key = wide_key (st, self->edges[e].c);
                j = edge_hash (key, self->wide_mask);
                while (self->wide[j] != 0)
                  j = (j + 1) & self->wide_mask;
                self->wide[j] = wide_slot (key, self->edges[e].to);
              }
      }
  }
  g_clear_pointer (&self->depth, g_array_unref);
  g_clear_pointer (&self->value, g_array_unref);

  /* In the order of the states' numbers, which is breadth first: a state's
   * failure target is shallower, so its own links are done. */
  for (guint32 u = 0; u < n_states; u++)
    {
      for (guint32 e = states[u].first_edge; e < states[u + 1].first_edge; e++)
        {
          gunichar c = self->edges[e].c;
          guint32 v = self->edges[e].to;
          guint32 f = 0;

          if (u != 0)
            {
              guint32 st = states[u].fail;

              for (;;)
                {
                  f = packed_child (self, st, c);
                  if (f != 0 || st == 0)
                    break;
                  st = states[st].fail;
                }
            }
          states[v].fail = f;
          info[v].output = info[f].value != NO_VALUE ? f : info[f].output;
        }
    }

  /* The flag goes into every transition once the failure links are done (they
   * and the output links stay plain state numbers). */
  g_assert (n_states < REPORTS);
  {
    /* A pattern ends at the state or on its failure chain (never at the root). */
#define REPORTS_AT(st) (info[st].value != NO_VALUE || info[st].output != 0)
    for (guint32 e = 0; e < states[n_states].first_edge; e++)
      if (REPORTS_AT (self->edges[e].to))
        self->edges[e].to |= REPORTS;
    for (gunichar c = 0; c < ROOT_TABLE_SIZE; c++)
      if (self->root_table[c] != 0 && REPORTS_AT (self->root_table[c]))
        self->root_table[c] |= REPORTS;
    if (self->wide != NULL)
      for (gsize j = 0; j <= self->wide_mask; j++)
        if (self->wide[j] != 0 && REPORTS_AT (wide_slot_to (self->wide[j])))
          self->wide[j] |= G_GUINT64_CONSTANT (1) << 60;
#undef REPORTS_AT
  }

  self->built = TRUE;
}

/* One scan step: the state after @c, and every pattern ending there reported. */
G_ALWAYS_INLINE static inline guint32
scan_step (const BzAutomaton    *self,
           guint32               state,
           gunichar              prev,
           gunichar              c,
           gint64                pos,
           BzAutomatonMatchFunc  func,
           gpointer              user_data)
{
  const State *states = self->states;
  const StateInfo *info = self->info;
  guint32 s;

  if (state != 0)
    {
      gsize h = pair_hash (prev, c);

      if ((self->pairs[h >> 3] & (1 << (h & 7))) == 0)
        state = 0;
    }
  for (;;)
    {
      guint32 next = packed_child (self, state, c);

      if (next != 0)
        {
          state = next;
          break;
        }
      state &= STATE_MASK;
      if (state == 0)
        return 0;
      state = states[state].fail;
    }

  if ((state & REPORTS) == 0)
    return state;
  s = state & STATE_MASK;
  s = info[s].value != NO_VALUE ? s : info[s].output;
  while (s != 0)
    {
      func (pos - info[s].depth, pos, info[s].value, user_data);
      s = info[s].output;
    }
  return state;
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
  guint32 state = 0;
  gunichar prev = 0;
  gint64 pos = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->built);
  g_return_if_fail (text != NULL);
  g_return_if_fail (func != NULL);

  end = p + (length < 0 ? strlen (text) : (gsize) length);
  while (p < end)
    {
      guint len;
      /* Valid UTF-8 is a precondition: decode without checks. */
      gunichar c = _bz_utf8_decode (p, &len);

      p += len;
      state = scan_step (self, state, prev, c, ++pos, func, user_data);
      prev = c;
    }
}

void
bz_automaton_scan_ucs4 (BzAutomaton          *self,
                        const gunichar       *text,
                        gsize                 n,
                        BzAutomatonMatchFunc  func,
                        gpointer              user_data)
{
  guint32 state = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->built);
  g_return_if_fail (text != NULL || n == 0);
  g_return_if_fail (func != NULL);

  for (gsize i = 0; i < n; i++)
    state = scan_step (self, state, i > 0 ? text[i - 1] : 0, text[i], (gint64) i + 1, func, user_data);
}

gboolean
bz_automaton_lookup (BzAutomaton *self,
                     const char  *pattern,
                     guint32     *out_value)
{
  guint32 state = 0;
  guint32 value;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);

  for (const char *p = pattern; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      state = self->built ? packed_child (self, state, c) : trie_child (self, state, c, FALSE);
      if (state == 0)
        return FALSE;
    }
  /* A built automaton's transitions carry the REPORTS flag. */
  value = self->built ? self->info[state & STATE_MASK].value : g_array_index (self->value, guint32, state);
  if (state == 0 || value == NO_VALUE)
    return FALSE;
  if (out_value != NULL)
    *out_value = value;
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
  return self->built ? self->n_states : self->depth->len;
}

gsize
bz_automaton_get_memory_size (BzAutomaton *self)
{
  gsize n_states;
  gsize n_edges;

  g_return_val_if_fail (self != NULL, 0);

  if (!self->built)
    return self->depth->len * 2 * sizeof (guint32) + self->n_slots * sizeof (EdgeSlot);
  n_states = self->n_states;
  n_edges = self->states[n_states].first_edge;
  return (n_states + 1) * sizeof (State) + n_edges * sizeof (PackedEdge)
         + ROOT_TABLE_SIZE * sizeof (guint32) + (1 << PAIR_BITS) / 8
         + n_states * sizeof (StateInfo)
         + (self->wide != NULL ? (self->wide_mask + 1) * sizeof (WideSlot) : 0);
}
