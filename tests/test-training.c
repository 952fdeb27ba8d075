/* test-training.c: the workspace's tagger: its default model, its training
 * from reviewed reports, its models kept, restored and refused
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <biaozhu.h>

#include "bz-test-fs.h"
#include "tagger-blob.h"

typedef struct
{
  char        *dir;
  char        *path;
  BzStore     *store;
  BzExtractor *extractor;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  (void) data;
  /* The suite runs with the rules alone; here the build's default model. */
  g_setenv ("BZ_DEFAULT_MODEL", g_getenv ("BZ_TEST_DEFAULT_MODEL"), TRUE);
  f->dir = bz_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "workspace.db", NULL);
  f->store = bz_store_open (f->path, &error);
  g_assert_no_error (error);
  bz_store_set_reviewer (f->store, "tester");
  f->extractor = bz_extractor_new (NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  (void) data;
  g_clear_object (&f->extractor);
  g_clear_object (&f->store);
  bz_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
add_document (Fixture    *f,
              const char *title,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(BzCanonicalText) canonical = bz_canonical_text_new_from_bytes (bytes, title, &error);
  gint64 id;

  g_assert_no_error (error);
  id = bz_store_add_document (f->store, title, NULL, canonical, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static gboolean
annotate (Fixture  *f,
          gint64    id,
          GError  **error)
{
  g_autoptr(BzDocument) document = bz_store_get_document (f->store, id, error);

  g_assert_nonnull (document);
  return bz_extractor_annotate_document (f->extractor, f->store, id, bz_document_get_text (document),
                                         NULL, error);
}

static gint64
add_sample (Fixture    *f,
            const char *name)
{
  g_autofree char *text = bz_test_read_sample (name, NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = add_document (f, name, text);

  g_assert_true (annotate (f, id, &error));
  g_assert_no_error (error);
  return id;
}

static guint
count_origin (GPtrArray  *spans,
              const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < spans->len; i++)
    n += g_str_has_prefix (bz_span_get_origin (g_ptr_array_index (spans, i)), prefix);
  return n;
}

/* A new workspace starts from the default model: stored as model 1, trained on
 * the shipped gold, byte for byte what training the shipped set gives now. */
static void
test_default_model (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(BzStoreModel) row = NULL;
  g_autoptr(BzTrainingSet) set = bz_training_set_new ();
  g_autoptr(BzTrainedModel) trained = NULL;
  g_autoptr(BzExtractor) plain = bz_extractor_new (NULL, NULL);
  gint64 id;
  guint n_model;

  (void) data;
  models = bz_store_list_models (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (models->len, ==, 0);

  id = add_sample (f, "000_3f1c054c4ba4af40.txt");
  g_clear_pointer (&models, g_ptr_array_unref);
  models = bz_store_list_models (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (models->len, ==, 1);
  row = g_steal_pointer (&models->pdata[0]);
  g_assert_cmpint (row->id, ==, 1);
  g_assert_true (row->active);
  g_assert_cmpstr (row->trained_by, ==, "default");
  g_assert_cmpint (row->n_reports, ==, 4);
  g_assert_nonnull (strstr (row->trained_on, "{\"gold\":\"004_abfdc79be98c6e8f\"}"));
  g_assert_cmpint (row->format, ==, BZ_TAGGER_FORMAT_VERSION);
  g_assert_cmpint (bz_extractor_get_model_id (f->extractor), ==, 1);

  /* The rules' spans and the model's, each with its origin; the model's are never sure. */
  spans = bz_store_list_spans (f->store, id, &error);
  g_assert_no_error (error);
  n_model = count_origin (spans, "model@1");
  g_assert_cmpuint (n_model, >, 0);
  g_assert_cmpuint (count_origin (spans, BZ_EXTRACTOR_NAME "@"), >, 10 * n_model);
  g_assert_cmpuint (n_model + count_origin (spans, BZ_EXTRACTOR_NAME "@"), ==, spans->len);
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      if (!g_str_equal (bz_span_get_origin (span), "model@1"))
        continue;
      g_assert_cmpstr (bz_span_get_source (span), ==, BZ_SPAN_SOURCE_MODEL);
      g_assert_true (bz_span_has_confidence (span));
      g_assert_cmpfloat (bz_span_get_confidence (span), >=, 0.5);
      g_assert_false (bz_span_is_sure (span, 0.0));
    }

  /* Deterministic: the workspace's training on no reviewed report is the default model. */
  stored = bz_store_get_model_blob (f->store, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bz_training_set_add_default (set, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bz_training_set_get_n_reports (set), ==, 4);
  bz_training_set_add_features (set, plain);
  trained = bz_training_set_train (set, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, trained->blob));
}

/* Whether @tagger finds exactly @start..@end as @label in @text. */
static gboolean
tagger_finds (BzTagger    *tagger,
              BzExtractor *extractor,
              const char  *text,
              gint64       start,
              gint64       end,
              const char  *label)
{
  g_autoptr(GArray) external = bz_tagger_external_tags (extractor, NULL, text);
  g_autoptr(GArray) found = bz_tagger_predict (tagger, text, external);

  for (guint i = 0; i < found->len; i++)
    {
      const BzTaggerSpan *s = &g_array_index (found, BzTaggerSpan, i);

      if (s->start == start && s->end == end && g_str_equal (s->label, label))
        return TRUE;
    }
  return FALSE;
}

static BzTagger *
load_model (BzStore *store,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) blob = bz_store_get_model_blob (store, id, NULL, &error);
  BzTagger *tagger;

  g_assert_no_error (error);
  tagger = bz_tagger_load (blob, &error);
  g_assert_no_error (error);
  return tagger;
}

/* A reviewer rejects a span that only the model suggested and marks the report
 * reviewed; the model trained on the workspace does not find it again, and
 * the extractor does not suggest it again on another report with that text. */
static void
test_rejected_not_suggested_again (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(BzTrainingSet) set = bz_training_set_new ();
  g_autoptr(BzTrainedModel) trained = NULL;
  g_autoptr(BzTagger) before = NULL;
  g_autoptr(BzTagger) after = NULL;
  g_autoptr(BzDocument) document = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(BzExtractor) plain = bz_extractor_new (NULL, NULL);
  BzSpan *rejected = NULL;
  g_autofree char *label = NULL;
  g_autofree char *line = NULL;
  gint64 id, copy, model_id;
  gint64 start, end, line_start = 0;
  guint n_rejected = 0;
  const char *text;

  (void) data;
  id = add_sample (f, "004_abfdc79be98c6e8f.txt");
  spans = bz_store_list_spans (f->store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spans->len && rejected == NULL; i++)
    if (g_str_equal (bz_span_get_origin (g_ptr_array_index (spans, i)), "model@1"))
      rejected = g_ptr_array_index (spans, i);
  g_assert_nonnull (rejected);
  start = bz_span_get_start (rejected);
  end = bz_span_get_end (rejected);
  label = g_strdup (bz_span_get_label (rejected));

  document = bz_store_get_document (f->store, id, &error);
  g_assert_no_error (error);
  text = bz_document_get_text (document);
  before = load_model (f->store, 1);
  g_assert_true (tagger_finds (before, plain, text, start, end, label));

  /* Reject it wherever the model suggested it, accept the rest, mark the report reviewed. */
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);
      gboolean wrong = g_str_equal (bz_span_get_origin (span), "model@1")
                       && g_str_equal (bz_span_get_label (span), label)
                       && g_str_equal (bz_span_get_surface (span), bz_span_get_surface (rejected));

      n_rejected += wrong;
      g_assert_true (bz_store_set_span_status (f->store, bz_span_get_id (span),
                                               wrong ? BZ_SPAN_REJECTED : BZ_SPAN_ACCEPTED, &error));
      g_assert_no_error (error);
    }
  g_assert_true (bz_store_set_document_status (f->store, id, BZ_DOCUMENT_REVIEWED, &error));
  g_assert_no_error (error);

  g_assert_true (bz_training_set_add_default (set, &error));
  g_assert_true (bz_training_set_add_reviewed (set, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bz_training_set_get_n_reports (set), ==, 5);
  bz_training_set_add_features (set, plain);
  trained = bz_training_set_train (set, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (trained->trained_on, "004_abfdc79be98c6e8f.txt"));
  {
    g_autofree char *negatives = g_strdup_printf ("\"negatives\":%u,", n_rejected);

    g_assert_nonnull (strstr (trained->scores, negatives));
  }
  model_id = bz_trained_model_store (trained, f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (model_id, ==, 2);

  after = load_model (f->store, 0);
  g_assert_false (tagger_finds (after, plain, text, start, end, label));

  /* The paragraph of the rejected span, as a report of its own. */
  {
    const char *p = g_utf8_offset_to_pointer (text, start);
    const char *line_begin = p;
    const char *line_end = strchr (p, '\n');

    while (line_begin > text && line_begin[-1] != '\n')
      line_begin--;
    line_start = g_utf8_pointer_to_offset (text, line_begin);
    line = line_end != NULL ? g_strndup (line_begin, line_end - line_begin) : g_strdup (line_begin);
  }
  copy = add_document (f, "the paragraph", line);
  g_assert_true (annotate (f, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bz_extractor_get_model_id (f->extractor), ==, 2);
  again = bz_store_list_spans (f->store, copy, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < again->len; i++)
    {
      BzSpan *span = g_ptr_array_index (again, i);

      g_assert_false (bz_span_get_start (span) == start - line_start
                      && bz_span_get_end (span) == end - line_start
                      && g_str_equal (bz_span_get_label (span), label));
    }
}

/* An earlier model can be restored, and none at all; the extractor follows. */
static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GBytes) blob = NULL;
  gint64 id;

  (void) data;
  id = add_sample (f, "002_f996e536b5069f20.txt");
  g_assert_cmpint (bz_extractor_get_model_id (f->extractor), ==, 1);
  blob = bz_store_get_model_blob (f->store, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bz_store_add_model (f->store, blob, BZ_TAGGER_FORMAT_VERSION, NULL, 0, NULL,
                                       NULL, TRUE, &error), ==, 2);
  g_assert_no_error (error);
  models = bz_store_list_models (f->store, &error);
  g_assert_cmpuint (models->len, ==, 2);
  g_assert_false (((BzStoreModel *) models->pdata[0])->active);
  g_assert_true (((BzStoreModel *) models->pdata[1])->active);
  g_assert_cmpstr (((BzStoreModel *) models->pdata[1])->trained_by, ==, "tester");

  /* No model: the rules alone, and no default model comes back. */
  g_assert_true (bz_store_activate_model (f->store, 0, &error));
  g_assert_no_error (error);
  id = add_sample (f, "001_c8b0e577e10dc616.txt");
  g_assert_cmpint (bz_extractor_get_model_id (f->extractor), ==, 0);
  spans = bz_store_list_spans (f->store, id, &error);
  g_assert_cmpuint (count_origin (spans, "model@"), ==, 0);
  g_assert_cmpuint (spans->len, >, 0);

  g_assert_true (bz_store_activate_model (f->store, 1, &error));
  g_assert_no_error (error);
  g_assert_false (bz_store_activate_model (f->store, 7, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&models, g_ptr_array_unref);
  models = bz_store_list_models (f->store, &error);
  g_assert_true (((BzStoreModel *) models->pdata[0])->active);
}

/* A model written by a newer version is refused with a message that names it,
 * and nothing of the report is stored; restoring a readable one goes on. */
static void
test_newer_model_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(GBytes) newer = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *text = bz_test_read_sample ("000_3f1c054c4ba4af40.txt", NULL);
  g_autofree char *version = NULL;
  gint64 id;

  (void) data;
  add_sample (f, "002_f996e536b5069f20.txt");
  blob = bz_store_get_model_blob (f->store, 1, NULL, &error);
  g_assert_no_error (error);
  newer = tagger_blob_patch (blob, 8, BZ_TAGGER_FORMAT_VERSION + 1);
  g_assert_cmpint (bz_store_add_model (f->store, newer, BZ_TAGGER_FORMAT_VERSION + 1, NULL, 0, NULL,
                                       "a newer build", TRUE, &error), ==, 2);
  g_assert_no_error (error);

  id = add_document (f, "000", text);
  g_assert_true (bz_store_begin (f->store, "Extract", FALSE, &error));
  g_assert_false (annotate (f, id, &error));
  g_assert_error (error, BZ_TAGGER_ERROR, BZ_TAGGER_ERROR_VERSION);
  version = g_strdup_printf ("format version %u, newer", BZ_TAGGER_FORMAT_VERSION + 1);
  g_assert_nonnull (strstr (error->message, "Model 2 of the workspace"));
  g_assert_nonnull (strstr (error->message, version));
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);
  bz_store_rollback (f->store);
  spans = bz_store_list_spans (f->store, id, &error);
  g_assert_cmpuint (spans->len, ==, 0);

  g_assert_true (bz_store_activate_model (f->store, 1, &error));
  g_assert_true (annotate (f, id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&spans, g_ptr_array_unref);
  spans = bz_store_list_spans (f->store, id, &error);
  g_assert_cmpuint (count_origin (spans, "model@1"), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/biaozhu/training/default-model", Fixture, NULL, fixture_set_up, test_default_model,
              fixture_tear_down);
  g_test_add ("/biaozhu/training/rejected-not-suggested-again", Fixture, NULL, fixture_set_up,
              test_rejected_not_suggested_again, fixture_tear_down);
  g_test_add ("/biaozhu/training/restore", Fixture, NULL, fixture_set_up, test_restore,
              fixture_tear_down);
  g_test_add ("/biaozhu/training/newer-model-refused", Fixture, NULL, fixture_set_up,
              test_newer_model_refused, fixture_tear_down);
  return g_test_run ();
}
