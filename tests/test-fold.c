/* test-fold.c: OpenCC t2s folding with its code-point map, and script detection
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "text-test-util.h"

static BzFolded *
fold (const char *source)
{
  g_autoptr(GError) error = NULL;
  BzFolded *folded = bz_fold_t2s (source, &error);

  g_assert_no_error (error);
  g_assert_nonnull (folded);
  g_assert_cmpint (folded->n_chars, ==, g_utf8_strlen (folded->text, -1));
  g_assert_cmpint (folded->to_source->len, ==, folded->n_chars + 1);
  g_assert_cmpint (g_array_index (folded->to_source, gint64, folded->n_chars), ==,
                   g_utf8_strlen (source, -1));
  return folded;
}

static void
test_fold_places (void)
{
  static const struct
  {
    const char *source;
    const char *folded;
  } cases[] = {
    { "東城區隆福寺王府井", "东城区隆福寺王府井" },
    { "𠮷A東城區。龍潭湖\n", "𠮷A东城区。龙潭湖\n" },
    { "北京市东城区", "北京市东城区" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BzFolded) folded = fold (cases[i].source);

      g_assert_cmpstr (folded->text, ==, cases[i].folded);
      for (gint64 k = 0; k <= folded->n_chars; k++)
        g_assert_cmpint (g_array_index (folded->to_source, gint64, k), ==, k);
    }
}

/* Every 東城區 of the Traditional seed is 东城区 at the same offsets of the fold. */
static void
test_fold_seed (void)
{
  g_autoptr(GBytes) bytes = test_load_sample (SEED_TRADITIONAL);
  g_autoptr(BzCanonicalText) ct = test_canonical (bytes, SEED_TRADITIONAL);
  g_autoptr(BzFolded) folded = fold (ct->text);
  const char *needle = "東城區";
  guint n_found = 0;
  gint64 index = 0;

  g_assert_cmpint (folded->n_chars, ==, ct->n_chars);
  g_assert_cmpint (bz_text_detect_script (folded->text), ==, BZ_SCRIPT_SIMPLIFIED);
  for (const char *p = ct->text; *p != '\0'; p = g_utf8_next_char (p), index++)
    {
      gint64 source;
      g_autofree char *surface = NULL;
      g_autofree char *original = NULL;

      if (!g_str_has_prefix (p, needle))
        continue;
      n_found++;
      source = g_array_index (folded->to_source, gint64, index);
      surface = bz_utf8_substring (folded->text, index, index + 3);
      original = bz_utf8_substring (ct->text, source, source + 3);
      g_assert_cmpstr (surface, ==, "东城区");
      g_assert_cmpstr (original, ==, needle);
    }
  g_assert_cmpuint (n_found, ==, 3);

  /* Folding on the fly gives the folded copy, code point by code point. */
  index = 0;
  for (const char *p = ct->text, *q = folded->text; *p != '\0';
       p = g_utf8_next_char (p), q = g_utf8_next_char (q), index++)
    g_assert_cmpuint (bz_fold_unichar_t2s (g_utf8_get_char (p)), ==, g_utf8_get_char (q));
  g_assert_cmpint (index, ==, folded->n_chars);
}

static void
test_fold_unichar (void)
{
  g_assert_cmpuint (bz_fold_unichar_t2s (0x5340 /* 區 */), ==, 0x533A /* 区 */);
  g_assert_cmpuint (bz_fold_unichar_t2s (0x9F8D /* 龍 */), ==, 0x9F99 /* 龙 */);
  g_assert_cmpuint (bz_fold_unichar_t2s (0x4E1C /* 东 */), ==, 0x4E1C);
  g_assert_cmpuint (bz_fold_unichar_t2s ('A'), ==, 'A');
  g_assert_cmpuint (bz_fold_unichar_t2s (0x20BB7 /* 𠮷 */), ==, 0x20BB7);
}

static void
test_detect_script (void)
{
  static const struct
  {
    const char *text;
    BzScript    script;
  } cases[] = {
    { "东城区人民政府工作报告，区政协委员提出意见", BZ_SCRIPT_SIMPLIFIED },
    { "東城區人民政府工作報告，區政協委員提出意見", BZ_SCRIPT_TRADITIONAL },
    { "东城区人民政府工作报告。東城區人民政府工作報告", BZ_SCRIPT_MIXED },
    { "Annual report 2024", BZ_SCRIPT_UNKNOWN },
    { "王府井", BZ_SCRIPT_UNKNOWN },
    { "", BZ_SCRIPT_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (bz_text_detect_script (cases[i].text), ==, cases[i].script);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/biaozhu/fold/places", test_fold_places);
  g_test_add_func ("/biaozhu/fold/seed", test_fold_seed);
  g_test_add_func ("/biaozhu/fold/unichar", test_fold_unichar);
  g_test_add_func ("/biaozhu/fold/detect-script", test_detect_script);
  return g_test_run ();
}
