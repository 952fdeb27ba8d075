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
 * overlapping and nested patterns, which is what failure links must get right.
 * The last three are never in a pattern: a text has them too. */
static const gunichar small_alphabet[] = {
  'a', 'b', 'c', 'd', 0x4E1C, 0x57CE, 0x533A, 0x897F, 0x5317, 0x20BB7,
  'z', 0x4E00, 0x2A6D6,
};
#define N_PATTERN_CHARS 10

static char *
random_string (GRand          *rand,
               const gunichar *alphabet,
               guint           n_chars,
               guint           min_len,
               guint           max_len)
{
  GString *s = g_string_new (NULL);
  guint len = g_rand_int_range (rand, min_len, max_len + 1);

  for (guint i = 0; i < len; i++)
    g_string_append_unichar (s, alphabet[g_rand_int_range (rand, 0, n_chars)]);
  return g_string_free (s, FALSE);
}

/* The same hits in the same order. */
static void
assert_same_hits (GArray *got,
                  GArray *expected)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    {
      const Hit *a = &g_array_index (got, Hit, i);
      const Hit *b = &g_array_index (expected, Hit, i);

      g_assert_cmpint (a->start, ==, b->start);
      g_assert_cmpint (a->end, ==, b->end);
      g_assert_cmpuint (a->value, ==, b->value);
    }
}

/* Builds an automaton of up to @n_patterns random patterns over the first
 * @n_pattern_chars of @alphabet, scans a random text over all @n_chars of it,
 * and compares both scans with the naive search. */
static void
check_random_round (GRand          *rand,
                    const gunichar *alphabet,
                    guint           n_chars,
                    guint           n_pattern_chars,
                    guint           n_patterns,
                    guint           max_len,
                    guint           text_len)
{
  g_autoptr(BzAutomaton) automaton = bz_automaton_new ();
  g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autofree char *text = random_string (rand, alphabet, n_chars, 0, text_len);
  g_autofree gunichar *ucs = NULL;
  glong n = 0;

  for (guint p = 0; p < n_patterns; p++)
    {
      char *pattern = random_string (rand, alphabet, n_pattern_chars, 1, max_len);

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
  /* Every pattern is found whole, and its value with it. */
  for (guint p = 0; p < patterns->len; p++)
    {
      guint32 value = 0;

      g_assert_true (bz_automaton_lookup (automaton, g_ptr_array_index (patterns, p), &value));
      g_assert_cmpuint (value, ==, p + 1);
    }

  ucs = g_utf8_to_ucs4_fast (text, -1, &n);
  expected = naive_search (ucs, n, patterns);
  bz_automaton_scan (automaton, text, -1, collect_cb, hits);

  /* The scan over code points (the extractor's) reports the same, in the
   * same order, as the scan over UTF-8. */
  {
    g_autoptr(GArray) ucs_hits = g_array_new (FALSE, FALSE, sizeof (Hit));

    bz_automaton_scan_ucs4 (automaton, ucs, n, collect_cb, ucs_hits);
    assert_same_hits (ucs_hits, hits);
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
  assert_same_hits (hits, expected);
}

static void
test_random_against_naive (void)
{
  GRand *rand = g_rand_new_with_seed (42);

  for (guint round = 0; round < 60; round++)
    check_random_round (rand, small_alphabet, G_N_ELEMENTS (small_alphabet), N_PATTERN_CHARS,
                        g_rand_int_range (rand, 1, 120), 4, 400);
  g_rand_free (rand);
}

/* Many patterns over a large alphabet: states with hundreds of children and
 * thousands with one, laid out side by side in the double array. */
static void
test_large_alphabet (void)
{
  GRand *rand = g_rand_new_with_seed (7);
  gunichar alphabet[600];

  for (guint i = 0; i < G_N_ELEMENTS (alphabet); i++)
    alphabet[i] = 0x4E00 + i * 7;
  for (guint round = 0; round < 4; round++)
    check_random_round (rand, alphabet, G_N_ELEMENTS (alphabet), 500, 3000, 6, 3000);
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
  g_test_add_func ("/biaozhu/extractor/automaton/large-alphabet", test_large_alphabet);
  g_test_add_func ("/biaozhu/extractor/automaton/duplicates-and-lookup", test_duplicates_and_lookup);
  g_test_add_func ("/biaozhu/extractor/automaton/offsets-are-code-points", test_offsets_are_code_points);

  return g_test_run ();
}
