/* test-utf8.c: code-point helpers on CJK and outside the BMP
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <biaozhu.h>

static void
test_substring_outside_bmp (void)
{
  /* 𠮷 (U+20BB7) is one code point, four UTF-8 bytes, two UTF-16 units. */
  const char *text = "𠮷野家在王府井";
  g_autofree char *place = bz_utf8_substring (text, 4, 7);
  g_autofree char *first = bz_utf8_substring (text, 0, 1);
  g_autofree char *clamped = bz_utf8_substring (text, 4, 100);

  g_assert_cmpint (bz_utf8_n_chars (text), ==, 7);
  g_assert_cmpstr (place, ==, "王府井");
  g_assert_cmpstr (first, ==, "𠮷");
  g_assert_cmpstr (clamped, ==, "王府井");
}

static void
test_canonical_text_free_null (void)
{
  BzCanonicalText *ct = g_new0 (BzCanonicalText, 1);

  ct->text = g_strdup ("东城区");
  ct->warnings = g_array_new (FALSE, TRUE, sizeof (BzQualityWarning));
  g_array_set_clear_func (ct->warnings, (GDestroyNotify) bz_quality_warning_clear);
  g_array_append_val (ct->warnings, ((BzQualityWarning) { 0, 1, g_strdup ("mojibake"), g_strdup ("m") }));
  bz_canonical_text_free (ct);
  bz_canonical_text_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/biaozhu/utf8/substring-outside-bmp", test_substring_outside_bmp);
  g_test_add_func ("/biaozhu/utf8/canonical-text-free", test_canonical_text_free_null);
  return g_test_run ();
}
