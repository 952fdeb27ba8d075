/* bz-training.h: training the workspace's tagger from its reviewed reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "bz-store.h"
#include "bz-extractor.h"
#include "bz-tagger.h"

G_BEGIN_DECLS

/**
 * BzTrainingSet:
 *
 * What a tagger learns from: gold files (the shipped training set that the
 * default model learns from) and a workspace's reviewed reports, whose
 * accepted spans are positives and whose rejected suggestions are negatives.
 * Gathered and given its features on the thread that owns the store and the
 * extractor; bz_training_set_train() may then run on any thread.
 */
typedef struct _BzTrainingSet BzTrainingSet;

/**
 * BzTrainedModel:
 * @blob: the model, as bz_tagger_save() writes it
 * @trained_on: a JSON array of the reports it learned from
 * @n_reports: how many
 * @scores: a JSON object: characters, positives, negatives, temperature,
 *   seconds of training, fit_f1 (strict micro F1 on its own training data)
 */
typedef struct
{
  GBytes *blob;
  char   *trained_on;
  gint64  n_reports;
  char   *scores;
} BzTrainedModel;

BzTrainingSet  *bz_training_set_new          (void);
void            bz_training_set_free         (BzTrainingSet  *self);

/* Returns: (transfer full): the shipped training set's folder (gold and gold-dev) */
char           *bz_training_default_gold_dir (void);

/* Adds the gold files of @path (a JSONL file or a folder of them). */
gboolean        bz_training_set_add_gold     (BzTrainingSet  *self,
                                              const char     *path,
                                              GError        **error);
/* Adds the shipped training set: what the default model learns from. */
gboolean        bz_training_set_add_default  (BzTrainingSet  *self,
                                              GError        **error);
/**
 * bz_training_set_add_reviewed:
 *
 * Adds every report of @store marked reviewed. A gold paragraph that is a
 * line of a reviewed report is dropped: the reviewer's decisions on it win.
 * In independent review (bz_store_get_review_mode()) it adds none: each
 * reviewer's decisions are their own until they are curated, and a model
 * trained on one reviewer's would suggest to the others.
 */
gboolean        bz_training_set_add_reviewed (BzTrainingSet  *self,
                                              BzStore        *store,
                                              GError        **error);
guint           bz_training_set_get_n_reports (BzTrainingSet *self);
/* Returns: (transfer full): the reports of the set as a model's trained_on
 * lists them: a JSON array of {"gold": NAME} and {"title", "sha256"} */
char           *bz_training_set_dup_trained_on (BzTrainingSet *self);
/* Gives every text the extractor's matches as features (the rules' tags). */
void            bz_training_set_add_features (BzTrainingSet  *self,
                                              BzExtractor    *extractor);

/**
 * bz_training_set_train:
 *
 * Trains a tagger with the default options: deterministic, and safe to run
 * on a thread of its own once the set is complete.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with @error set
 *   (%BZ_TAGGER_ERROR_NO_DATA when the set holds no annotated text)
 */
BzTrainedModel *bz_training_set_train        (BzTrainingSet  *self,
                                              GError        **error);

/* Stores @model in @store as its active model. Returns: its id, or 0 with @error set */
gint64          bz_trained_model_store       (BzTrainedModel *model,
                                              BzStore        *store,
                                              const char     *trained_by,
                                              GError        **error);
void            bz_trained_model_free        (BzTrainedModel *model);

/* Returns: (transfer full) (nullable): the default model's file of this build
 * or installation ($BZ_DEFAULT_MODEL when set; an empty value: none) */
char           *bz_training_default_model_path (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzTrainingSet, bz_training_set_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzTrainedModel, bz_trained_model_free)

G_END_DECLS
