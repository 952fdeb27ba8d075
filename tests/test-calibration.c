/* test-calibration.c: the sources and confidences of suggestions, reliability
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <biaozhu.h>
#include <glib/gstdio.h>
#include <math.h>

/* Every match names the rule or list that made it, and its confidence is that
 * source's in the shipped table. */
static void
test_match_sources (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzExtractor) extractor = bz_extractor_new (NULL, &error);
  const char *text = "2023年东城区人民政府地区生产总值增长5.6%。";
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);

  g_assert_no_error (error);
  matches = bz_extractor_match (extractor, text, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < matches->len; i++)
    {
      const BzExtractorMatch *m = &g_array_index (matches, BzExtractorMatch, i);
      g_autofree char *surface = bz_utf8_substring (text, m->start, m->end);

      g_assert_nonnull (m->source);
      g_assert_cmpfloat (m->confidence, ==,
                         bz_calibration_get_confidence (bz_extractor_get_calibration (extractor),
                                                        m->source, m->label));
      g_assert_cmpfloat (m->confidence, >, 0.0);
      g_assert_cmpfloat (m->confidence, <, 1.0);
      g_string_append_printf (seen, "%s%s/%s/%s", i > 0 ? " " : "", surface, m->label, m->source);
    }
  g_assert_cmpstr (seen->str, ==,
                   "2023年/DATE/rule:number 东城区人民政府/ORG/list:org-government"
                   " 地区生产总值/INDICATOR/list:indicator 5.6%/VALUE/rule:number");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/biaozhu/calibration/match-sources", test_match_sources);

  return g_test_run ();
}
