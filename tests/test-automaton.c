/* test-automaton.c: the code-point Aho-Corasick automaton against a naive search
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bz-automaton.h"

typedef struct
{
  gint64  start;
  gint64  end;
  guint32 value;
} Hit;

static void
collect_cb (gint64   start,
            gint64   end,
            guint32  value,
            gpointer user_data)
{
  Hit hit = { start, end, value };

  g_array_append_val ((GArray *) user_data, hit);
}

static int
hit_compare (gconstpointer a,
             gconstpointer b)
{
  const Hit *x = a;
  const Hit *y = b;

  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->value > y->value) - (x->value < y->value);
}

/* Every occurrence of every pattern, by comparing code points at each offset. */
static GArray *
naive_search (const gunichar *text,
              glong           n,
              GPtrArray      *patterns)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (Hit));

  for (guint p = 0; p < patterns->len; p++)
    {
      glong m = 0;
      g_autofree gunichar *pat = g_utf8_to_ucs4_fast (g_ptr_array_index (patterns, p), -1, &m);

      for (glong i = 0; i + m <= n; i++)
        if (memcmp (text + i, pat, m * sizeof (gunichar)) == 0)
          {
            Hit hit = { i, i + m, p + 1 };

            g_array_append_val (hits, hit);
          }
    }
  g_array_sort (hits, hit_compare);
  return hits;
}

/* A small alphabet of ASCII, CJK and a code point outside the BMP makes many
 * overlapping and nested patterns, which is what failure links must get right. */
static const gunichar alphabet[] = { 'a', 'b', 'c', 'd', 0x4E1C, 0x57CE, 0x533A, 0x897F, 0x5317, 0x20BB7 };

static char *
random_string (GRand *rand,
               guint  min_len,
               guint  max_len)
{
  GString *s = g_string_new (NULL);
  guint len = g_rand_int_range (rand, min_len, max_len + 1);

  for (guint i = 0; i < len; i++)
    g_string_append_unichar (s, alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))]);
  return g_string_free (s, FALSE);
}

static void
test_random_against_naive (void)
{
  GRand *rand = g_rand_new_with_seed (42);

  for (guint round = 0; round < 60; round++)
    {
      g_autoptr(BzAutomaton) automaton = bz_automaton_new ();
      g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GArray) expected = NULL;
      g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
      g_autofree char *text = random_string (rand, 0, 400);
      g_autofree gunichar *ucs = NULL;
      guint n_patterns = g_rand_int_range (rand, 1, 120);
      glong n = 0;

      for (guint p = 0; p < n_patterns; p++)
        {
          char *pattern = random_string (rand, 1, 4);

          if (g_hash_table_contains (seen, pattern))
            {
              g_free (pattern);
              continue;
            }
          g_hash_table_add (seen, pattern);
          g_ptr_array_add (patterns, pattern);
          g_assert_cmpuint (bz_automaton_add (automaton, pattern, patterns->len), ==, patterns->len);
        }
      bz_automaton_build (automaton);
      g_assert_cmpuint (bz_automaton_get_n_patterns (automaton), ==, patterns->len);

      ucs = g_utf8_to_ucs4_fast (text, -1, &n);
      expected = naive_search (ucs, n, patterns);
      bz_automaton_scan (automaton, text, -1, collect_cb, hits);

      /* The scan over code points (the extractor's) reports the same, in the
       * same order, as the scan over UTF-8. */
      {
        g_autoptr(GArray) ucs_hits = g_array_new (FALSE, FALSE, sizeof (Hit));

        bz_automaton_scan_ucs4 (automaton, ucs, n, collect_cb, ucs_hits);
        g_assert_cmpuint (ucs_hits->len, ==, hits->len);
        for (guint i = 0; i < hits->len; i++)
          {
            const Hit *a = &g_array_index (ucs_hits, Hit, i);
            const Hit *b = &g_array_index (hits, Hit, i);

            g_assert_cmpint (a->start, ==, b->start);
            g_assert_cmpint (a->end, ==, b->end);
            g_assert_cmpuint (a->value, ==, b->value);
          }
      }

      /* Same end: longest first, as documented; then compare as sets. */
      for (guint i = 1; i < hits->len; i++)
        {
          const Hit *a = &g_array_index (hits, Hit, i - 1);
          const Hit *b = &g_array_index (hits, Hit, i);

          g_assert_cmpint (a->end, <=, b->end);
          if (a->end == b->end)
            g_assert_cmpint (a->start, <, b->start);
        }
      g_array_sort (hits, hit_compare);
      g_assert_cmpuint (hits->len, ==, expected->len);
      for (guint i = 0; i < hits->len; i++)
        {
          const Hit *a = &g_array_index (hits, Hit, i);
          const Hit *b = &g_array_index (expected, Hit, i);

          g_assert_cmpint (a->start, ==, b->start);
          g_assert_cmpint (a->end, ==, b->end);
          g_assert_cmpuint (a->value, ==, b->value);
        }
    }
  g_rand_free (rand);
}

static void
test_duplicates_and_lookup (void)
{
  g_autoptr(BzAutomaton) automaton = bz_automaton_new ();
  guint32 value = 0;

  g_assert_cmpuint (bz_automaton_add (automaton, "东城区", 1), ==, 1);
  g_assert_cmpuint (bz_automaton_add (automaton, "东城", 2), ==, 2);
  /* The first value of a pattern is kept. */
  g_assert_cmpuint (bz_automaton_add (automaton, "东城区", 3), ==, 1);
  bz_automaton_build (automaton);

  g_assert_cmpuint (bz_automaton_get_n_patterns (automaton), ==, 2);
  g_assert_true (bz_automaton_lookup (automaton, "东城区", &value));
  g_assert_cmpuint (value, ==, 1);
  g_assert_true (bz_automaton_lookup (automaton, "东城", &value));
  g_assert_cmpuint (value, ==, 2);
  /* A prefix of a pattern is not a pattern. */
  g_assert_false (bz_automaton_lookup (automaton, "东", NULL));
  g_assert_false (bz_automaton_lookup (automaton, "西城", NULL));
  g_assert_cmpuint (bz_automaton_get_memory_size (automaton), >, 0);
}

static void
test_offsets_are_code_points (void)
{
  g_autoptr(BzAutomaton) automaton = bz_automaton_new ();
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  const Hit *hit;

  bz_automaton_add (automaton, "𠮷野家", 7);
  bz_automaton_build (automaton);
  /* "a" (1 byte), "é" (2), "东" (3), "𠮷" (4 bytes): the match starts at code point 3. */
  bz_automaton_scan (automaton, "aé东𠮷野家!", -1, collect_cb, hits);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = &g_array_index (hits, Hit, 0);
  g_assert_cmpint (hit->start, ==, 3);
  g_assert_cmpint (hit->end, ==, 6);
  g_assert_cmpuint (hit->value, ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/biaozhu/extractor/automaton/random-against-naive", test_random_against_naive);
  g_test_add_func ("/biaozhu/extractor/automaton/duplicates-and-lookup", test_duplicates_and_lookup);
  g_test_add_func ("/biaozhu/extractor/automaton/offsets-are-code-points", test_offsets_are_code_points);

  return g_test_run ();
}
