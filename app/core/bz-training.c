/* bz-training.c: training the workspace's tagger from its reviewed reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-training"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "bz-data-private.h"
#include "bz-span-key.h"
#include "bz-training.h"

struct _BzTrainingSet
{
  /* BzTaggerDoc: the gold paragraphs first, then the reviewed reports. */
  GPtrArray   *docs;
  /* The reports, as trained_on lists them (JSON objects). */
  JsonArray   *reports;
  GHashTable  *gold_reports;   /* report names of gold already listed */
};

BzTrainingSet *
bz_training_set_new (void)
{
  BzTrainingSet *self = g_new0 (BzTrainingSet, 1);

  self->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_tagger_doc_free);
  self->reports = json_array_new ();
  self->gold_reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
bz_training_set_free (BzTrainingSet *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->docs);
  json_array_unref (self->reports);
  g_hash_table_unref (self->gold_reports);
  g_free (self);
}

char *
bz_training_default_gold_dir (void)
{
  return _bz_data_path ("training", G_FILE_TEST_IS_DIR);
}

char *
bz_training_default_model_path (void)
{
  const char *env = g_getenv ("BZ_DEFAULT_MODEL");
  g_autofree char *installed = NULL;

  if (env != NULL)
    return *env != '\0' ? g_strdup (env) : NULL;
  installed = g_build_filename (BZ_PKGDATADIR, "default-model.bztagger", NULL);
  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&installed);
  return g_strdup (BZ_BUILD_DEFAULT_MODEL);
}

gboolean
bz_training_set_add_gold (BzTrainingSet  *self,
                          const char     *path,
                          GError        **error)
{
  guint first = self->docs->len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!bz_tagger_read_gold (self->docs, path, error))
    return FALSE;
  for (guint i = first; i < self->docs->len; i++)
    {
      BzTaggerDoc *doc = g_ptr_array_index (self->docs, i);
      const char *report = doc->report != NULL ? doc->report : path;

      if (g_hash_table_add (self->gold_reports, g_strdup (report)))
        {
          JsonObject *entry = json_object_new ();

          json_object_set_string_member (entry, "gold", report);
          json_array_add_object_element (self->reports, entry);
        }
    }
  return TRUE;
}

gboolean
bz_training_set_add_default (BzTrainingSet  *self,
                             GError        **error)
{
  g_autofree char *dir = bz_training_default_gold_dir ();
  /* In this order, so that a build's default model and a workspace's
   * training see the same texts in the same order. */
  static const char * const parts[] = { "gold", "gold-dev" };

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *path = g_build_filename (dir, parts[i], NULL);

      if (!bz_training_set_add_gold (self, path, error))
        return FALSE;
    }
  return TRUE;
}

/* The lines of @text, as keys of @lines (borrowed from @text's copy in @owned). */
static void
add_lines (GHashTable *lines,
           const char *text)
{
  g_auto(GStrv) split = g_strsplit (text, "\n", -1);

  for (guint i = 0; split[i] != NULL; i++)
    if (split[i][0] != '\0')
      g_hash_table_add (lines, g_strdup (split[i]));
}

static void
add_spans (BzTaggerDoc *doc,
           GPtrArray   *spans)
{
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      switch (bz_span_get_status (span))
        {
        case BZ_SPAN_ACCEPTED:
          bz_tagger_doc_add (doc->positive, bz_span_get_start (span), bz_span_get_end (span),
                             bz_span_get_label (span));
          break;
        case BZ_SPAN_REJECTED:
          bz_tagger_doc_add (doc->negative, bz_span_get_start (span), bz_span_get_end (span),
                             bz_span_get_label (span));
          break;
        case BZ_SPAN_SUGGESTED:
        default:
          break;
        }
    }
}

gboolean
bz_training_set_add_reviewed (BzTrainingSet  *self,
                              BzStore        *store,
                              GError        **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) reviewed = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_tagger_doc_free);
  g_autoptr(GHashTable) lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint kept = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (BZ_IS_STORE (store), FALSE);

  if (bz_store_get_review_mode (store) == BZ_REVIEW_INDEPENDENT)
    return TRUE;
  documents = bz_store_list_documents (store, error);
  if (documents == NULL)
    return FALSE;
  for (guint i = 0; i < documents->len; i++)
    {
      BzDocument *info = g_ptr_array_index (documents, i);
      g_autoptr(BzDocument) document = NULL;
      g_autoptr(GPtrArray) spans = NULL;
      g_autofree char *report = NULL;
      BzTaggerDoc *doc;
      JsonObject *entry;

      if (bz_document_get_status (info) != BZ_DOCUMENT_REVIEWED)
        continue;
      document = bz_store_get_document (store, bz_document_get_id (info), error);
      if (document == NULL)
        return FALSE;
      spans = bz_store_list_spans (store, bz_document_get_id (info), error);
      if (spans == NULL)
        return FALSE;
      report = g_strdup_printf ("workspace:%" G_GINT64_FORMAT, bz_document_get_id (info));
      doc = bz_tagger_doc_new (report, NULL, bz_document_get_text (document));
      add_spans (doc, spans);
      g_ptr_array_add (reviewed, doc);
      add_lines (lines, bz_document_get_text (document));

      entry = json_object_new ();
      json_object_set_string_member (entry, "title", bz_document_get_title (document));
      json_object_set_string_member (entry, "sha256", bz_document_get_sha256 (document));
      json_array_add_object_element (self->reports, entry);
    }

  /* Gold paragraphs that a reviewer has reviewed in the workspace: the
   * reviewer's decisions are the newer word on them. */
  g_ptr_array_set_free_func (self->docs, NULL);
  for (guint i = 0; i < self->docs->len; i++)
    {
      BzTaggerDoc *doc = g_ptr_array_index (self->docs, i);

      if (g_hash_table_contains (lines, doc->text))
        bz_tagger_doc_free (doc);
      else
        self->docs->pdata[kept++] = doc;
    }
  g_ptr_array_set_size (self->docs, kept);
  g_ptr_array_set_free_func (self->docs, (GDestroyNotify) bz_tagger_doc_free);
  g_ptr_array_extend_and_steal (self->docs, g_steal_pointer (&reviewed));
  return TRUE;
}

guint
bz_training_set_get_n_reports (BzTrainingSet *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return json_array_get_length (self->reports);
}

char *
bz_training_set_dup_trained_on (BzTrainingSet *self)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  g_return_val_if_fail (self != NULL, NULL);

  json_node_set_array (node, self->reports);
  return json_to_string (node, FALSE);
}

void
bz_training_set_add_features (BzTrainingSet *self,
                              BzExtractor   *extractor)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (BZ_IS_EXTRACTOR (extractor));

  for (guint i = 0; i < self->docs->len; i++)
    {
      BzTaggerDoc *doc = g_ptr_array_index (self->docs, i);

      g_clear_pointer (&doc->external, g_array_unref);
      doc->external = bz_tagger_external_tags (extractor, NULL, doc->text);
    }
}

/* Strict micro F1 of @tagger on its own training texts. */
static double
fit_f1 (BzTagger  *tagger,
        GPtrArray *docs)
{
  guint64 tp = 0, n_pred = 0, n_gold = 0;

  for (guint i = 0; i < docs->len; i++)
    {
      BzTaggerDoc *doc = g_ptr_array_index (docs, i);
      g_autoptr(GArray) pred = bz_tagger_predict (tagger, doc->text, doc->external);
      g_autoptr(GHashTable) gold = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint k = 0; k < doc->positive->len; k++)
        {
          const BzExtractorMatch *m = &g_array_index (doc->positive, BzExtractorMatch, k);

          g_hash_table_add (gold, _bz_span_key (m->start, m->end, m->label));
        }
      n_gold += g_hash_table_size (gold);
      n_pred += pred->len;
      for (guint k = 0; k < pred->len; k++)
        {
          const BzTaggerSpan *s = &g_array_index (pred, BzTaggerSpan, k);
          g_autofree char *key = _bz_span_key (s->start, s->end, s->label);

          tp += g_hash_table_contains (gold, key);
        }
    }
  return n_pred + n_gold > 0 ? 2.0 * tp / (double) (n_pred + n_gold) : 0.0;
}

BzTrainedModel *
bz_training_set_train (BzTrainingSet  *self,
                       GError        **error)
{
  g_autoptr(BzTagger) tagger = NULL;
  g_autoptr(JsonBuilder) scores = json_builder_new ();
  g_autoptr(GTimer) timer = g_timer_new ();
  BzTrainedModel *model;
  BzTaggerOptions options;
  guint64 n_chars = 0, n_positive = 0, n_negative = 0;
  double seconds;

  g_return_val_if_fail (self != NULL, NULL);

  bz_tagger_options_init (&options);
  tagger = bz_tagger_train (self->docs, &options, error);
  if (tagger == NULL)
    return NULL;
  seconds = g_timer_elapsed (timer, NULL);

  for (guint i = 0; i < self->docs->len; i++)
    {
      BzTaggerDoc *doc = g_ptr_array_index (self->docs, i);

      n_chars += g_utf8_strlen (doc->text, -1);
      n_positive += doc->positive->len;
      n_negative += doc->negative->len;
    }
  json_builder_begin_object (scores);
  json_builder_set_member_name (scores, "characters");
  json_builder_add_int_value (scores, (gint64) n_chars);
  json_builder_set_member_name (scores, "positives");
  json_builder_add_int_value (scores, (gint64) n_positive);
  json_builder_set_member_name (scores, "negatives");
  json_builder_add_int_value (scores, (gint64) n_negative);
  json_builder_set_member_name (scores, "temperature");
  json_builder_add_double_value (scores, bz_tagger_get_temperature (tagger));
  json_builder_set_member_name (scores, "seconds");
  json_builder_add_double_value (scores, seconds);
  json_builder_set_member_name (scores, "fit_f1");
  json_builder_add_double_value (scores, fit_f1 (tagger, self->docs));
  json_builder_end_object (scores);

  model = g_new0 (BzTrainedModel, 1);
  model->blob = bz_tagger_save (tagger);
  model->trained_on = bz_training_set_dup_trained_on (self);
  model->n_reports = bz_training_set_get_n_reports (self);
  {
    g_autoptr(JsonNode) root = json_builder_get_root (scores);

    model->scores = json_to_string (root, FALSE);
  }
  return model;
}

gint64
bz_trained_model_store (BzTrainedModel *model,
                        BzStore        *store,
                        const char     *trained_by,
                        GError        **error)
{
  g_return_val_if_fail (model != NULL, 0);
  g_return_val_if_fail (BZ_IS_STORE (store), 0);

  return bz_store_add_model (store, model->blob, BZ_TAGGER_FORMAT_VERSION, model->trained_on,
                             model->n_reports, model->scores, trained_by, TRUE, error);
}

void
bz_trained_model_free (BzTrainedModel *model)
{
  if (model == NULL)
    return;
  g_clear_pointer (&model->blob, g_bytes_unref);
  g_free (model->trained_on);
  g_free (model->scores);
  g_free (model);
}
