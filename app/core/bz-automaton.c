/* bz-automaton.c: an Aho-Corasick automaton over Unicode code points
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Patterns are inserted into a trie whose edges live in an open-addressing hash
 * table while it grows. bz_automaton_build() lays the trie out as a double
 * array: the characters of the patterns get dense codes (the most frequent
 * first), and the child of the state in cell s by code k sits in cell
 * base(s) + k, whose check names s. A scan step thus reads the one cell it
 * moves to, and that cell holds the next step's base and failure link: the
 * cells of a gazetteer of 100,000 names span megabytes, and every cell read at
 * random is a cache miss. Failure links are computed breadth first, with output
 * links that chain each state to the next shorter pattern ending there.
 */
#include "config.h"

#include <string.h>

#include "bz-automaton.h"
#include "bz-text-private.h"

#define NO_VALUE G_MAXUINT32
/* Set in a cell's base when a pattern ends at its state or on its failure
 * chain: a scan step learns it from the cell it has just read. */
#define REPORTS   (1u << 31)
#define BASE_MASK (REPORTS - 1)
/* The check of a free cell and of the root's (cell 0). */
#define NO_PARENT G_MAXUINT32

typedef struct
{
  guint64 key;   /* parent << 21 | code point, +1 so that 0 marks an empty slot */
  guint32 child;
} EdgeSlot;

/* A state of the built automaton: one cell of the double array. */
typedef struct
{
  guint32 base;  /* the children by code k are in cells base + k; REPORTS flag */
  guint32 check; /* the parent's cell; NO_PARENT for a free cell and the root */
  guint32 fail;  /* the failure state's cell */
} Cell;

/* What only a reported match reads. */
typedef struct
{
  guint32 output;     /* next cell on the failure chain that ends a pattern, 0 for none */
  guint32 value;      /* the pattern's value or NO_VALUE */
  guint32 depth;      /* code points from the root */
} StateInfo;

/* A code point beyond the BMP and its code (binary searched: rare in text). */
typedef struct
{
  gunichar c;
  guint32  code;
} AstralCode;

G_STATIC_ASSERT (G_STRUCT_OFFSET (AstralCode, c) == 0 && sizeof (gunichar) == sizeof (guint32));

struct _BzAutomaton
{
  /* While building, per state. */
  GArray   *depth;      /* guint32: code points from the root */
  GArray   *value;      /* guint32: the pattern's value or NO_VALUE */

  /* Once built. */
  Cell       *cells;    /* n_cells, and n_codes + 1 free ones after them */
  StateInfo  *info;     /* per cell */
  gsize       n_cells;
  guint32    *codes;    /* per code point of the BMP: its code; 0 where no pattern has it */
  AstralCode *astral;   /* the codes beyond the BMP, sorted */
  guint       n_astral;
  guint       n_codes;  /* codes run from 1 to n_codes */
  guint       n_states;

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
  g_free (self->cells);
  g_free (self->info);
  g_free (self->codes);
  g_free (self->astral);
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

/* -1, 0 or 1 as @x is below, equal to or above @y: the one comparison that the
 * sort functions below make of their keys. */
static inline int
order_u32 (guint32 x,
           guint32 y)
{
  return (x > y) - (x < y);
}

static int
edge_compare (gconstpointer a,
              gconstpointer b)
{
  const Edge *x = a;
  const Edge *y = b;

  return x->parent != y->parent ? order_u32 (x->parent, y->parent) : order_u32 (x->c, y->c);
}

/* The code of @c; 0 where no pattern has it. */
static inline guint32
code_of (const BzAutomaton *self,
         gunichar           c)
{
  guint lo = 0, hi = self->n_astral;

  if (G_LIKELY (c < 0x10000))
    return self->codes[c];
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (self->astral[mid].c == c)
        return self->astral[mid].code;
      if (self->astral[mid].c < c)
        lo = mid + 1;
      else
        hi = mid;
    }
  return 0;
}

/* The cell of the child of the state in cell @s by @code (not 0); 0 for none. */
static inline guint32
cell_child (const BzAutomaton *self,
            guint32            s,
            guint32            code)
{
  guint32 t = (self->cells[s].base & BASE_MASK) + code;

  return self->cells[t].check == s ? t : 0;
}

/* The cells taken, a bit each, while the double array is laid out, in words
 * of 64. A word where bases were tried and failed often is closed: its few free
 * cells are not looked at again, or laying out a large trie would take
 * quadratic time. */
#define LAYOUT_TRIES 16

typedef struct
{
  guint64 *used;
  guint8  *tries;      /* per word: bases tried there in vain */
  gsize    n_words;
  gsize    first_free; /* the words before it are full */
  gsize    first_open; /* the words before it are full or closed */
} Layout;

static void
layout_reserve (Layout *layout,
                gsize   n_cells)
{
  gsize n_words = (n_cells + 63) / 64;

  if (n_words <= layout->n_words)
    return;
  n_words = MAX (n_words, layout->n_words * 2);
  layout->used = g_renew (guint64, layout->used, n_words);
  layout->tries = g_renew (guint8, layout->tries, n_words);
  memset (layout->used + layout->n_words, 0, (n_words - layout->n_words) * sizeof (guint64));
  memset (layout->tries + layout->n_words, 0, n_words - layout->n_words);
  layout->n_words = n_words;
}

/* The free cells of word @w, but none of a closed word when @open_only. */
static inline guint64
layout_free_cells (const Layout *layout,
                   gsize         w,
                   gboolean      open_only)
{
  return !open_only || layout->tries[w] < LAYOUT_TRIES ? ~layout->used[w] : 0;
}

static inline gboolean
layout_is_used (const Layout *layout,
                gsize         cell)
{
  return cell / 64 < layout->n_words && ((layout->used[cell / 64] >> (cell % 64)) & 1) != 0;
}

/* The first free cell at or after @from (of an open word when @open_only). */
static gsize
layout_next_free (Layout   *layout,
                  gsize     from,
                  gboolean  open_only)
{
  gsize w = from / 64;
  guint64 bits;

  layout_reserve (layout, from + 1);
  bits = layout_free_cells (layout, w, open_only) & (~G_GUINT64_CONSTANT (0) << (from % 64));
  while (bits == 0)
    {
      w++;
      layout_reserve (layout, (w + 1) * 64);
      bits = layout_free_cells (layout, w, open_only);
    }
  return w * 64 + (gsize) __builtin_ctzll (bits);
}

/* Takes the cells for children of the @n codes at @codes (ascending, all
 * above 0) at the first base where all are free, and returns that base. A
 * state with one child takes the first free cell; one with more looks in the
 * open words only. */
static gsize
layout_place (Layout        *layout,
              const guint32 *codes,
              guint          n)
{
  gboolean open_only = n > 1;
  gsize *start = open_only ? &layout->first_open : &layout->first_free;

  while (*start < layout->n_words && layout_free_cells (layout, *start, open_only) == 0)
    (*start)++;
  for (gsize p = layout_next_free (layout, MAX (*start * 64, (gsize) codes[0]), open_only);;
       p = layout_next_free (layout, p + 1, open_only))
    {
      gsize base = p - codes[0];
      guint k = 1;

      while (k < n && !layout_is_used (layout, base + codes[k]))
        k++;
      if (k < n)
        {
          if (layout->tries[p / 64] < LAYOUT_TRIES)
            layout->tries[p / 64]++;
          continue;
        }
      layout_reserve (layout, base + codes[n - 1] + 1);
      for (k = 0; k < n; k++)
        layout->used[(base + codes[k]) / 64] |= G_GUINT64_CONSTANT (1) << ((base + codes[k]) % 64);
      return base;
    }
}

typedef struct
{
  gunichar c;
  guint32  count;
} CharCount;

static int
char_count_compare (gconstpointer a,
                    gconstpointer b)
{
  const CharCount *x = a;
  const CharCount *y = b;

  /* The most frequent first. */
  return x->count != y->count ? order_u32 (y->count, x->count) : order_u32 (x->c, y->c);
}

/* Orders guint32 values, or records whose first member is one (AstralCode). */
static int
u32_compare (gconstpointer a,
             gconstpointer b)
{
  return order_u32 (*(const guint32 *) a, *(const guint32 *) b);
}

/* Codes by frequency among the edges: the common characters get small codes,
 * so that the bases of the many states with one child stay close together. */
static void
assign_codes (BzAutomaton *self,
              const Edge  *edges,
              gsize        n)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_autofree CharCount *sorted = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n_chars = 0;

  for (gsize i = 0; i < n; i++)
    {
      gpointer k = GUINT_TO_POINTER (edges[i].c);

      g_hash_table_insert (counts, k, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, k)) + 1));
    }
  sorted = g_new (CharCount, g_hash_table_size (counts) + 1);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    sorted[n_chars++] = (CharCount) { GPOINTER_TO_UINT (key), GPOINTER_TO_UINT (value) };
  qsort (sorted, n_chars, sizeof (CharCount), char_count_compare);
  self->codes = g_new0 (guint32, 0x10000);
  self->astral = g_new (AstralCode, n_chars + 1);
  for (guint k = 0; k < n_chars; k++)
    if (sorted[k].c < 0x10000)
      self->codes[sorted[k].c] = k + 1;
    else
      self->astral[self->n_astral++] = (AstralCode) { sorted[k].c, k + 1 };
  qsort (self->astral, self->n_astral, sizeof (AstralCode), u32_compare);
  self->n_codes = n_chars;
}

void
bz_automaton_build (BzAutomaton *self)
{
  guint n_states;
  g_autofree Edge *edges = NULL;
  g_autofree guint32 *first = NULL;   /* per state: its first edge; the next state's ends them */
  g_autofree guint32 *cell_of = NULL; /* per state */
  g_autofree guint32 *base_of = NULL; /* per state */
  g_autofree guint32 *order = NULL;   /* the states, breadth first */
  g_autofree guint32 *child_codes = NULL;
  Layout layout = { NULL, NULL, 0, 0, 0 };
  Cell *cells;
  StateInfo *info;
  gsize n = 0, n_cells = 1, n_alloc;
  guint max_children = 1;

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
  assign_codes (self, edges, n);

  first = g_new0 (guint32, n_states + 1);
  for (gsize i = 0; i < n; i++)
    first[edges[i].parent + 1]++;
  for (guint s = 0; s < n_states; s++)
    {
      max_children = MAX (max_children, first[s + 1]);
      first[s + 1] += first[s];
    }

  /* Lay the states out breadth first: a scan mostly visits shallow states,
   * which then lie close together (and the root's children in cells 1 to
   * n_codes). */
  cell_of = g_new0 (guint32, n_states);
  base_of = g_new0 (guint32, n_states);
  order = g_new (guint32, n_states);
  child_codes = g_new (guint32, max_children);
  order[0] = 0;
  layout_reserve (&layout, 64);
  layout.used[0] = 1;
  for (guint32 head = 0, tail = 1; head < tail; head++)
    {
      guint32 u = order[head];
      guint m = first[u + 1] - first[u];
      gsize base;

      if (m == 0)
        continue;
      for (guint k = 0; k < m; k++)
        child_codes[k] = code_of (self, edges[first[u] + k].c);
      if (m > 1)
        qsort (child_codes, m, sizeof (guint32), u32_compare);
      base = layout_place (&layout, child_codes, m);
      g_assert (base + child_codes[m - 1] < BASE_MASK - self->n_codes);
      base_of[u] = (guint32) base;
      n_cells = MAX (n_cells, base + child_codes[m - 1] + 1);
      for (guint32 e = first[u]; e < first[u + 1]; e++)
        {
          guint32 v = edges[e].child;

          cell_of[v] = (guint32) (base + code_of (self, edges[e].c));
          order[tail++] = v;
        }
    }
  g_free (layout.used);
  g_free (layout.tries);

  /* A base is at most the last cell, so base + code stays within n_codes more. */
  n_alloc = n_cells + self->n_codes + 1;
  cells = self->cells = g_new (Cell, n_alloc);
  info = self->info = g_new0 (StateInfo, n_alloc);
  for (gsize i = 0; i < n_alloc; i++)
    cells[i] = (Cell) { 0, NO_PARENT, 0 };
  for (guint s = 0; s < n_states; s++)
    {
      cells[cell_of[s]].base = base_of[s];
      info[cell_of[s]].value = g_array_index (self->value, guint32, s);
      info[cell_of[s]].depth = g_array_index (self->depth, guint32, s);
    }
  for (gsize i = 0; i < n; i++)
    cells[cell_of[edges[i].child]].check = cell_of[edges[i].parent];
  self->n_cells = n_cells;
  self->n_states = n_states;

  g_clear_pointer (&self->depth, g_array_unref);
  g_clear_pointer (&self->value, g_array_unref);

  /* Breadth first: a state's failure target is shallower, so its own links
   * are done. */
  for (guint32 head = 0; head < n_states; head++)
    {
      guint32 u = order[head];

      for (guint32 e = first[u]; e < first[u + 1]; e++)
        {
          guint32 code = code_of (self, edges[e].c);
          guint32 v = cell_of[edges[e].child];
          guint32 f = 0;

          if (u != 0)
            {
              guint32 st = cells[cell_of[u]].fail;

              for (;;)
                {
                  f = cell_child (self, st, code);
                  if (f != 0 || st == 0)
                    break;
                  st = cells[st].fail;
                }
            }
          cells[v].fail = f;
          info[v].output = info[f].value != NO_VALUE ? f : info[f].output;
        }
    }

  /* A pattern ends at the state or on its failure chain (never at the root). */
  for (guint s = 1; s < n_states; s++)
    if (info[cell_of[s]].value != NO_VALUE || info[cell_of[s]].output != 0)
      cells[cell_of[s]].base |= REPORTS;

  self->built = TRUE;
}

/* One scan step: the state after @c, and every pattern ending there reported. */
G_ALWAYS_INLINE static inline guint32
scan_step (const BzAutomaton    *self,
           guint32               state,
           gunichar              c,
           gint64                pos,
           BzAutomatonMatchFunc  func,
           gpointer              user_data)
{
  const Cell *cells = self->cells;
  const StateInfo *info = self->info;
  guint32 code = code_of (self, c);
  guint32 t, s;

  /* No pattern has the character: back to the root. */
  if (code == 0)
    return 0;
  for (;;)
    {
      t = (cells[state].base & BASE_MASK) + code;
      if (cells[t].check == state)
        break;
      if (state == 0)
        return 0;
      state = cells[state].fail;
    }

  if ((cells[t].base & REPORTS) == 0)
    return t;
  s = info[t].value != NO_VALUE ? t : info[t].output;
  while (s != 0)
    {
      func (pos - info[s].depth, pos, info[s].value, user_data);
      s = info[s].output;
    }
  return t;
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
      state = scan_step (self, state, c, ++pos, func, user_data);
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
    state = scan_step (self, state, text[i], (gint64) i + 1, func, user_data);
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

      if (self->built)
        {
          guint32 code = code_of (self, c);

          state = code != 0 ? cell_child (self, state, code) : 0;
        }
      else
        state = trie_child (self, state, c, FALSE);
      if (state == 0)
        return FALSE;
    }
  value = self->built ? self->info[state].value : g_array_index (self->value, guint32, state);
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
  gsize n_alloc;

  g_return_val_if_fail (self != NULL, 0);

  if (!self->built)
    return self->depth->len * 2 * sizeof (guint32) + self->n_slots * sizeof (EdgeSlot);
  n_alloc = self->n_cells + self->n_codes + 1;
  return n_alloc * (sizeof (Cell) + sizeof (StateInfo)) + 0x10000 * sizeof (guint32)
         + self->n_astral * sizeof (AstralCode);
}
