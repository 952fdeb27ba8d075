/* test-offset-sort.c: the stable radix sort by offset against a merge sort
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bz-offset-sort.h"

typedef struct
{
  gint64 start;
  gint64 end;
  guint  order; /* position before sorting */
} Item;

/* The reference: by start, then by the position before sorting (stable). */
static int
by_start_then_order (gconstpointer a,
                     gconstpointer b)
{
  const Item *x = a;
  const Item *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static void
test_random_against_reference (void)
{
  GRand *rand = g_rand_new_with_seed (2024);

  for (guint round = 0; round < 200; round++)
    {
      guint n = round % 3 == 0 ? g_rand_int_range (rand, 0, 17) : g_rand_int_range (rand, 0, 300);
      /* One, two and three bytes of offset; few records go by insertion. */
      static const gsize max_keys[] = { 0, 40, 300, 70000, 20000000 };
      gsize max_key = max_keys[g_rand_int_range (rand, 0, G_N_ELEMENTS (max_keys))];
      g_autofree Item *items = g_new0 (Item, MAX (n, 1));
      g_autofree Item *expected = NULL;

      for (guint i = 0; i < n; i++)
        {
          /* Some rounds already in order, as most texts give them. */
          items[i].start = round % 4 == 0 ? (gint64) (i * max_key / MAX (n, 1)) : g_rand_int_range (rand, 0, max_key + 1);
          items[i].end = items[i].start + g_rand_int_range (rand, 1, 9);
          items[i].order = i;
        }
      expected = g_memdup2 (items, sizeof (Item) * MAX (n, 1));
      qsort (expected, n, sizeof (Item), by_start_then_order);

      bz_offset_sort (items, n, sizeof (Item), G_STRUCT_OFFSET (Item, start), max_key);
      g_assert_cmpmem (items, sizeof (Item) * n, expected, sizeof (Item) * n);
    }
  g_rand_free (rand);
}

static void
test_plain_offsets (void)
{
  gint64 values[] = { 7, 3, 3, 0, 12, 7, 1 };
  const gint64 sorted[] = { 0, 1, 3, 3, 7, 7, 12 };

  bz_offset_sort (values, G_N_ELEMENTS (values), sizeof (gint64), 0, 12);
  g_assert_cmpmem (values, sizeof values, sorted, sizeof sorted);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/biaozhu/extractor/offset-sort/random-against-reference", test_random_against_reference);
  g_test_add_func ("/biaozhu/extractor/offset-sort/plain-offsets", test_plain_offsets);
  return g_test_run ();
}
