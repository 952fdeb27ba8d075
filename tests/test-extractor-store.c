/* test-extractor-store.c: suggestions in a workspace never override reviewers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <biaozhu.h>
#include <string.h>

#include "bz-external-extractor.h"
#include "bz-test-fs.h"

typedef struct
{
  char        *dir;
  BzStore     *store;
  BzExtractor *extractor;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = bz_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "workspace.db", NULL);
  fixture->store = bz_store_open (path, &error);
  g_assert_no_error (error);
  bz_store_set_reviewer (fixture->store, "tester");
  fixture->extractor = bz_extractor_new (NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->extractor);
  g_clear_object (&fixture->store);
  bz_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gint64
add_document (Fixture    *fixture,
              const char *title,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(BzCanonicalText) canonical = bz_canonical_text_new_from_bytes (bytes, title, &error);
  gint64 id;

  g_assert_no_error (error);
  id = bz_store_add_document (fixture->store, title, NULL, canonical, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Runs the built-in extractor on a document as import does: inside a group. */
static guint
annotate (Fixture *fixture,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzDocument) document = bz_store_get_document (fixture->store, id, &error);
  guint before, after;
  g_autoptr(GPtrArray) spans = NULL;

  g_assert_no_error (error);
  spans = bz_store_list_spans (fixture->store, id, &error);
  before = spans->len;
  g_assert_true (bz_store_begin (fixture->store, "Extract", FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (bz_extractor_annotate (fixture->store, id, bz_document_get_text (document),
                                        fixture->extractor, &error));
  g_assert_no_error (error);
  g_assert_true (bz_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  g_clear_pointer (&spans, g_ptr_array_unref);
  spans = bz_store_list_spans (fixture->store, id, &error);
  after = spans->len;
  return after - before;
}

/* The stored span of @document with this surface and label, or NULL. */
static BzSpan *
find_span (Fixture    *fixture,
           gint64      document,
           const char *surface,
           const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = bz_store_list_spans (fixture->store, document, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      if (g_str_equal (bz_span_get_surface (span), surface) && g_str_equal (bz_span_get_label (span), label))
        return g_object_ref (span);
    }
  return NULL;
}

static void
test_rerun_never_duplicates (Fixture       *fixture,
                             gconstpointer  data)
{
  gint64 doc = add_document (fixture, "a.txt", "推进王府井H2项目,GDP实现1112.6亿元,同比增长6.3%。");
  g_autoptr(BzSpan) h2 = NULL;
  guint first = annotate (fixture, doc);

  g_assert_cmpuint (first, ==, 4);
  h2 = find_span (fixture, doc, "王府井H2项目", "PROJECT");
  g_assert_nonnull (h2);
  g_assert_cmpstr (bz_span_get_origin (h2), ==, "extractor@" PACKAGE_VERSION);
  g_assert_cmpint (bz_span_get_status (h2), ==, BZ_SPAN_SUGGESTED);

  g_assert_cmpuint (annotate (fixture, doc), ==, 0);
  g_assert_cmpuint (annotate (fixture, doc), ==, 0);
}

static void
test_rejected_never_suggested_again (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 doc1 = add_document (fixture, "1.txt", "王府井地区和隆福寺");
  gint64 doc2 = add_document (fixture, "2.txt", "王府井大街北口,王府井和隆福寺");
  g_autoptr(BzSpan) wfj = NULL;
  g_autoptr(BzSpan) again = NULL;
  g_autoptr(BzSpan) other = NULL;

  g_assert_cmpuint (annotate (fixture, doc1), ==, 2);
  wfj = find_span (fixture, doc1, "王府井", "PLACE");
  g_assert_nonnull (wfj);
  g_assert_true (bz_store_set_span_status (fixture->store, bz_span_get_id (wfj), BZ_SPAN_REJECTED, &error));
  g_assert_no_error (error);

  /* Not again in the same document (the rejected span stays as it is) ... */
  g_assert_cmpuint (annotate (fixture, doc1), ==, 0);
  again = find_span (fixture, doc1, "王府井", "PLACE");
  g_assert_cmpint (bz_span_get_status (again), ==, BZ_SPAN_REJECTED);

  /* ... nor anywhere else in the workspace, while other names still are. */
  annotate (fixture, doc2);
  g_assert_null (find_span (fixture, doc2, "王府井", "PLACE"));
  other = find_span (fixture, doc2, "王府井大街", "PLACE");
  g_assert_nonnull (other);
  g_clear_object (&other);
  other = find_span (fixture, doc2, "隆福寺", "PLACE");
  g_assert_nonnull (other);
}

static void
test_decisions_of_earlier_sessions (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 doc1 = add_document (fixture, "1.txt", "推进红桥市场改造,隆福寺");
  gint64 doc2 = add_document (fixture, "2.txt", "紅橋市場和隆福寺");
  g_autoptr(BzSpan) market = bz_span_new (2, 6, "ORG", BZ_SPAN_ACCEPTED, "human");
  g_autoptr(BzSpan) lfs = NULL;
  g_autoptr(BzSpan) learned = NULL;
  g_autoptr(BzExtractor) fresh = NULL;

  g_assert_cmpint (bz_store_add_span (fixture->store, doc1, market, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (annotate (fixture, doc1), ==, 1);
  lfs = find_span (fixture, doc1, "隆福寺", "PLACE");
  g_assert_true (bz_store_set_span_status (fixture->store, bz_span_get_id (lfs), BZ_SPAN_REJECTED, &error));
  g_assert_no_error (error);

  /* A new extractor (a new session) learns both from the workspace, once;
   * the accepted surface is found in Traditional script too. */
  fresh = bz_extractor_new (NULL, &error);
  g_assert_no_error (error);
  g_set_object (&fixture->extractor, fresh);
  g_assert_cmpuint (annotate (fixture, doc2), ==, 1);
  learned = find_span (fixture, doc2, "紅橋市場", "ORG");
  g_assert_nonnull (learned);
  g_assert_cmpint (bz_span_get_status (learned), ==, BZ_SPAN_SUGGESTED);
  g_assert_null (find_span (fixture, doc2, "隆福寺", "PLACE"));
}

static void
test_accepted_span_kept (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 doc = add_document (fixture, "a.txt", "天坛医院外迁");
  /* A reviewer decided that 天坛 alone is the place here. */
  g_autoptr(BzSpan) human = bz_span_new (0, 2, "PLACE", BZ_SPAN_ACCEPTED, "human");
  g_autoptr(GPtrArray) spans = NULL;

  g_assert_cmpint (bz_store_add_span (fixture->store, doc, human, &error), >, 0);
  g_assert_no_error (error);
  /* 天坛医院 (ORG) overlaps the accepted span: not suggested. */
  g_assert_cmpuint (annotate (fixture, doc), ==, 0);
  spans = bz_store_list_spans (fixture->store, doc, &error);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpint (bz_span_get_status (g_ptr_array_index (spans, 0)), ==, BZ_SPAN_ACCEPTED);
  g_assert_cmpstr (bz_span_get_origin (g_ptr_array_index (spans, 0)), ==, "human");
}

static void
test_external_into_store (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_build_filename (g_getenv ("BZ_TEST_DATA"), "extract", "external-places.py", NULL);
  g_autofree char *quoted = g_shell_quote (script);
  g_autofree char *command = g_strdup_printf ("python3 %s 东城 西城", quoted);
  g_autoptr(BzExternalExtractor) external = bz_external_extractor_new ("team", command, &error);
  gint64 doc = add_document (fixture, "a.txt", "东城和西城");
  g_autoptr(BzSpan) dc = NULL;
  g_autoptr(BzSpan) xc = NULL;
  guint n = 0;

  g_assert_no_error (error);
  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (bz_store_begin (fixture->store, "External", FALSE, &error));
      g_assert_true (bz_external_extractor_annotate_document (external, fixture->store, doc,
                                                              "东城和西城", fixture->extractor,
                                                              &n, &error));
      g_assert_no_error (error);
      g_assert_true (bz_store_commit (fixture->store, &error));
      /* The second run adds nothing. */
      g_assert_cmpuint (n, ==, round == 0 ? 2 : 0);
    }
  dc = find_span (fixture, doc, "东城", "PLACE");
  g_assert_cmpstr (bz_span_get_origin (dc), ==, "external:team");

  /* A surface rejected for its label is not suggested by an external one either. */
  g_assert_true (bz_store_set_span_status (fixture->store, bz_span_get_id (dc), BZ_SPAN_REJECTED, &error));
  doc = add_document (fixture, "b.txt", "东城西城");
  g_assert_true (bz_store_begin (fixture->store, "External", FALSE, &error));
  g_assert_true (bz_external_extractor_annotate_document (external, fixture->store, doc,
                                                          "东城西城", fixture->extractor, &n, &error));
  g_assert_true (bz_store_commit (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  xc = find_span (fixture, doc, "西城", "PLACE");
  g_assert_nonnull (xc);
}

static void
test_import_hook (Fixture       *fixture,
                  gconstpointer  data)
{
  /* The extractor is the import's annotate hook: each sample comes in with its
   * suggestions in its own transaction, and a second import adds nothing. */
  BzImportAnnotateFunc hook = bz_extractor_annotate;
  const char *paths[] = { g_getenv ("BZ_SAMPLES"), NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;

  results = bz_import_paths (fixture->store, paths, hook, fixture->extractor, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, >=, 4);
  for (guint i = 0; i < results->len; i++)
    {
      const BzImportResult *result = g_ptr_array_index (results, i);
      g_autoptr(GPtrArray) spans = NULL;

      g_assert_cmpint (result->status, ==, BZ_IMPORT_ADDED);
      spans = bz_store_list_spans (fixture->store, result->document_id, &error);
      g_assert_no_error (error);
      /* Every report names places and values. */
      g_assert_cmpuint (spans->len, >, 100);
      g_assert_cmpuint (annotate (fixture, result->document_id), ==, 0);
    }

  again = bz_import_paths (fixture->store, paths, hook, fixture->extractor, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < again->len; i++)
    g_assert_cmpint (((const BzImportResult *) g_ptr_array_index (again, i))->status, ==, BZ_IMPORT_EXISTING);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/biaozhu/extractor/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("rerun-never-duplicates", test_rerun_never_duplicates);
  ADD ("rejected-never-suggested-again", test_rejected_never_suggested_again);
  ADD ("decisions-of-earlier-sessions", test_decisions_of_earlier_sessions);
  ADD ("accepted-span-kept", test_accepted_span_kept);
  ADD ("external-into-store", test_external_into_store);
  ADD ("import-hook", test_import_hook);
#undef ADD

  return g_test_run ();
}
