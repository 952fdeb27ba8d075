/* test-types.c: enum names round-trip
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <biaozhu.h>

static void
test_span_status_names (void)
{
  for (BzSpanStatus s = BZ_SPAN_SUGGESTED; s <= BZ_SPAN_REJECTED; s++)
    {
      BzSpanStatus back = 99;

      g_assert_true (bz_span_status_from_string (bz_span_status_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
    }
  {
    BzSpanStatus unused = BZ_SPAN_SUGGESTED;
    g_assert_false (bz_span_status_from_string ("maybe", &unused));
    g_assert_false (bz_span_status_from_string (NULL, &unused));
  }
}

static void
test_script_names (void)
{
  g_assert_cmpstr (bz_script_to_string (BZ_SCRIPT_TRADITIONAL), ==, "traditional");
  g_assert_cmpint (bz_script_from_string ("mixed"), ==, BZ_SCRIPT_MIXED);
  g_assert_cmpint (bz_script_from_string ("klingon"), ==, BZ_SCRIPT_UNKNOWN);
  g_assert_cmpint (bz_document_status_from_string ("reviewed"), ==, BZ_DOCUMENT_REVIEWED);
  g_assert_cmpstr (bz_document_status_to_string (BZ_DOCUMENT_IN_PROGRESS), ==, "in-progress");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/biaozhu/types/span-status-names", test_span_status_names);
  g_test_add_func ("/biaozhu/types/script-names", test_script_names);
  return g_test_run ();
}
