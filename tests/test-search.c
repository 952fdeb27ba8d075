/* test-search.c: a search across the workspace, in either script and case
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "store-fixtures.h"

/* Two reports in simplified script, one in traditional. */
static const char *texts[] = {
  "东城区人民政府工作报告\n东城区GDP增长6.3%，王府井大街改造完成。\n",
  "北京市東城區(qū)人民政府：東城區的gdp與王府井\t大街。",
  "西城区报告：𠮷野家在东城区开店。aaaa",
};

typedef struct
{
  Fixture  f;
  gint64   ids[G_N_ELEMENTS (texts)];
} SearchFixture;

static void
search_set_up (SearchFixture *s,
               gconstpointer  data)
{
  fixture_set_up (&s->f, data);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *title = g_strdup_printf ("报告 %u", i + 1);

      s->ids[i] = fixture_add_document (s->f.store, title, texts[i]);
    }
}

static void
search_tear_down (SearchFixture *s,
                  gconstpointer  data)
{
  fixture_tear_down (&s->f, data);
}

/* "DOC:START-END:SURFACE|..." of the hits, the surface cut from the text by offsets. */
static char *
describe_hits (SearchFixture *s,
               const char    *query,
               BzSearchFlags  flags,
               guint          max_hits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = bz_store_search (s->f.store, query, flags, max_hits, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  for (guint i = 0; i < hits->len; i++)
    {
      BzSearchHit *hit = g_ptr_array_index (hits, i);
      guint doc = 0;
      g_autofree char *surface = NULL;
      g_autofree char *one_line = NULL;
      g_autofree char *in_context = NULL;
      g_autofree char *title = NULL;

      while (s->ids[doc] != hit->document_id)
        doc++;
      surface = bz_utf8_substring (texts[doc], hit->start, hit->end);
      /* The context holds the hit where it says. */
      in_context = bz_utf8_substring (hit->context, hit->start - hit->context_start, hit->end - hit->context_start);
      one_line = g_strdelimit (g_strdup (surface), "\n\t", ' ');
      g_assert_cmpstr (one_line, ==, in_context);
      title = g_strdup_printf ("报告 %u", doc + 1);
      g_assert_cmpstr (hit->title, ==, title);
      g_string_append_printf (out, "%s%u:%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ":%s", i > 0 ? "|" : "",
                              doc + 1, hit->start, hit->end, surface);
    }
  return g_string_free (out, FALSE);
}

static void
assert_hits (SearchFixture *s,
             const char    *query,
             BzSearchFlags  flags,
             guint          max_hits,
             const char    *want)
{
  g_autofree char *got = describe_hits (s, query, flags, max_hits);

  if (g_strcmp0 (got, want) != 0)
    g_error ("“%s”: %s, wanted %s", query, got, want);
}

static void
test_scripts (SearchFixture *s,
              gconstpointer  data)
{
  /* Either script finds both; offsets are code points. */
  assert_hits (s, "东城区", BZ_SEARCH_DEFAULT, 0,
               "1:0-3:东城区|1:12-15:东城区|2:3-6:東城區|2:15-18:東城區|3:10-13:东城区");
  assert_hits (s, "東城區", BZ_SEARCH_DEFAULT, 0,
               "1:0-3:东城区|1:12-15:东城区|2:3-6:東城區|2:15-18:東城區|3:10-13:东城区");
  /* A character outside the BMP counts as one. */
  assert_hits (s, "𠮷野家", BZ_SEARCH_DEFAULT, 0, "3:6-9:𠮷野家");
  /* Line breaks and tabs are searched as they are. */
  assert_hits (s, "王府井\t大街", BZ_SEARCH_DEFAULT, 0, "2:23-29:王府井\t大街");
  assert_hits (s, "报告\n东城区", BZ_SEARCH_DEFAULT, 0, "1:9-15:报告\n东城区");
  assert_hits (s, "不在其中", BZ_SEARCH_DEFAULT, 0, "");
  assert_hits (s, "", BZ_SEARCH_DEFAULT, 0, "");
}

static void
test_case_and_limits (SearchFixture *s,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  assert_hits (s, "GDP", BZ_SEARCH_DEFAULT, 0, "1:15-18:GDP");
  assert_hits (s, "gdp", BZ_SEARCH_DEFAULT, 0, "2:19-22:gdp");
  assert_hits (s, "Gdp", BZ_SEARCH_IGNORE_CASE, 0, "1:15-18:GDP|2:19-22:gdp");
  /* Hits do not overlap. */
  assert_hits (s, "aa", BZ_SEARCH_DEFAULT, 0, "3:16-18:aa|3:18-20:aa");
  /* At most the hits asked for, in order. */
  assert_hits (s, "東城區", BZ_SEARCH_DEFAULT, 2, "1:0-3:东城区|1:12-15:东城区");
  assert_hits (s, "東城區", BZ_SEARCH_DEFAULT, 3, "1:0-3:东城区|1:12-15:东城区|2:3-6:東城區");

  hits = bz_store_search (s->f.store, "\xff", BZ_SEARCH_DEFAULT, 0, &error);
  g_assert_null (hits);
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID);
}

/* The context is the text around the hit on one line. */
static void
test_context (SearchFixture *s,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = bz_store_search (s->f.store, "王府井", BZ_SEARCH_DEFAULT, 0, &error);
  BzSearchHit *hit;

  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (hit->start, ==, 25);
  g_assert_cmpint (hit->context_start, ==, 5);
  g_assert_cmpstr (hit->context, ==, "政府工作报告 东城区GDP增长6.3%，王府井大街改造完成。 ");
  hit = g_ptr_array_index (hits, 1);
  g_assert_cmpint (hit->start, ==, 23);
  g_assert_cmpint (hit->context_start, ==, 3);
  g_assert_cmpstr (hit->context, ==, "東城區(qū)人民政府：東城區的gdp與王府井 大街。");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/biaozhu/search/" name, SearchFixture, NULL, search_set_up, func, search_tear_down)
  ADD ("scripts", test_scripts);
  ADD ("case-and-limits", test_case_and_limits);
  ADD ("context", test_context);
#undef ADD

  return g_test_run ();
}
