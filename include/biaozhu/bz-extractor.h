/* bz-extractor.h: pre-annotation of reports (gazetteers, rules, learned lists)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "bz-types.h"
#include "bz-calibration.h"
#include "bz-eval.h"
#include "bz-span.h"
#include "bz-store.h"

G_BEGIN_DECLS

#define BZ_EXTRACTOR_NAME "extractor"

/**
 * BzExtractorMatch:
 * @start: first code point in the text (inclusive)
 * @end: code point after the last (exclusive)
 * @label: (not nullable): a static label name such as "PLACE"
 * @source: (nullable): a static key of what found it: "rule:NAME" for a rule,
 *   "list:NAME" for a gazetteer list, "learned" for the workspace's learned
 *   list; %NULL when the extractor does not say (an external one)
 * @confidence: how likely the match is right, in [0, 1] (see #BzCalibration);
 *   meaningless when @source is %NULL
 *
 * One span found by an extractor, before it becomes a #BzSpan.
 */
typedef struct
{
  gint64      start;
  gint64      end;
  const char *label;
  const char *source;
  double      confidence;
  /* The suggestion's origin when it is not the extractor's own, such as
   * "model@3" for a span of the workspace's tagger; %NULL otherwise. */
  const char *origin;
} BzExtractorMatch;

#define BZ_TYPE_EXTRACTOR (bz_extractor_get_type ())
G_DECLARE_FINAL_TYPE (BzExtractor, bz_extractor, BZ, EXTRACTOR, GObject)

/* Returns: (transfer full): the gazetteer folder of this build or installation;
 * $BZ_DATADIR/gazetteer when that variable is set */
char        *bz_extractor_default_gazetteer_dir (void);

/**
 * bz_extractor_new:
 * @gazetteer_dir: (nullable): a folder of gazetteer lists, %NULL for the default
 * @error: a #GError
 *
 * Loads the gazetteers and builds their automaton (once: keep the extractor for a
 * workspace and reuse it for every document). An extractor is used from one
 * thread at a time: a worker thread gets its own, or the caller serialises.
 *
 * Returns: (transfer full) (nullable): the extractor, or %NULL when a list cannot be read
 */
BzExtractor *bz_extractor_new            (const char   *gazetteer_dir,
                                          GError      **error);
/* "extractor@VERSION": the origin of the spans it suggests */
const char  *bz_extractor_get_origin     (BzExtractor  *self);
guint        bz_extractor_get_n_entries  (BzExtractor  *self);

/* Returns: (transfer none): the counts the confidences come from: the
 * default table (bz_calibration_load_default()) unless another was set */
const BzCalibration *bz_extractor_get_calibration (BzExtractor         *self);
/* Uses a copy of @calibration for the confidences of later matches. */
void         bz_extractor_set_calibration (BzExtractor         *self,
                                           const BzCalibration *calibration);

/**
 * BzScoredMatch:
 * @source: the match's source key (static)
 * @label: its label (static)
 * @confidence: its confidence
 * @correct: whether gold holds the same bounds and label
 *
 * One match of the extractor scored against gold.
 */
typedef struct
{
  const char *source;
  const char *label;
  double      confidence;
  gboolean    correct;
} BzScoredMatch;

/**
 * bz_extractor_score_gold:
 * @gold: gold documents (such as the files of tests/data/gold)
 *
 * Runs the extractor (without a workspace's decisions) over every document of
 * @gold and scores each match.
 *
 * Returns: (transfer full) (element-type BzScoredMatch): the matches in order
 */
GArray      *bz_extractor_score_gold     (BzExtractor  *self,
                                          BzEvalSet    *gold);

/* Adds the counts of @scored (element-type BzScoredMatch) to @calibration. */
void         bz_calibration_add_scored   (BzCalibration *calibration,
                                          GArray        *scored);

/* Adds @surface to the learned list of @label (what reviewers accepted). */
gboolean     bz_extractor_learn_surface  (BzExtractor  *self,
                                          const char   *surface,
                                          const char   *label,
                                          GError      **error);
/* Never suggests @surface for @label again (what reviewers rejected). */
void         bz_extractor_reject_surface (BzExtractor  *self,
                                          const char   *surface,
                                          const char   *label);

/**
 * bz_extractor_match:
 * @text: a canonical text (any script)
 *
 * Returns: (transfer full) (element-type BzExtractorMatch): non-overlapping
 *   matches in order of @start (%NULL with @error set is kept for extractors
 *   that can fail; this one cannot once it is built)
 */
GArray      *bz_extractor_match          (BzExtractor  *self,
                                          const char   *text,
                                          GError      **error);
/* Returns: (transfer full) (element-type BzSpan): suggested spans with their
 * surfaces and this extractor's origin, in order */
GPtrArray   *bz_extractor_extract        (BzExtractor  *self,
                                          const char   *text,
                                          GError      **error);

/**
 * bz_extractor_predict_jsonl:
 * @path: a JSONL file of records with "text" (and an optional "id"), such as gold data
 *
 * Runs the extractor over each record's text, for `biaozhu-cli eval`.
 *
 * Returns: (transfer full) (nullable): JSONL with "id", "text" and doccano's "label"
 *   list per record, or %NULL with @error set (naming the file and the line)
 */
char        *bz_extractor_predict_jsonl  (BzExtractor  *self,
                                          const char   *path,
                                          GError      **error);

/**
 * bz_extractor_load_decisions:
 * @store: the workspace
 *
 * Builds the learned list of @store once: the surfaces reviewers accepted
 * become entries for their label, those they rejected are never suggested for
 * it. Later decisions in @store are followed as they are committed. Called by
 * bz_extractor_annotate_document() on first use of a workspace.
 */
gboolean     bz_extractor_load_decisions (BzExtractor  *self,
                                          BzStore      *store,
                                          GError      **error);

/**
 * bz_extractor_annotate_document:
 * @store: the workspace; the caller's transaction, if any, holds the changes
 * @document_id: a stored document
 * @text: its canonical text
 * @out_n_added: (out) (optional): how many suggestions were added
 *
 * Adds the extractor's spans as suggestions. A span that is already stored with
 * the same bounds and label (in any status) is not added again, nor a span that
 * overlaps one a reviewer accepted, nor a surface rejected for its label.
 * The workspace's active model (see bz_store_add_model()) is combined with the
 * rules: its span stands where it is more confident than every rule span it
 * overlaps, or where no rule matched and it is at least 0.5 sure; its spans'
 * origin is "model@ID". A workspace that never had a model gets the default
 * one (bz_training_default_model_path()) on first use. A stored model that
 * this build cannot read fails the call with an error that names it.
 */
gboolean     bz_extractor_annotate_document (BzExtractor  *self,
                                             BzStore      *store,
                                             gint64        document_id,
                                             const char   *text,
                                             guint        *out_n_added,
                                             GError      **error);

typedef struct _BzTagger BzTagger;

/**
 * bz_extractor_set_model:
 * @self: a #BzExtractor
 * @tagger: (transfer full) (nullable): a model, or %NULL for the rules alone
 *
 * The model that bz_extractor_predict_jsonl() combines with the rules, as
 * bz_extractor_annotate_document() combines a workspace's active model
 * (which takes its place there).
 */
void         bz_extractor_set_model      (BzExtractor  *self,
                                          BzTagger     *tagger);

/**
 * bz_extractor_get_model_id:
 * @self: a #BzExtractor
 *
 * Returns: the id of the workspace model that bz_extractor_annotate_document()
 *   last combined with the rules (its suggestions' origin is "model@ID"), or 0
 *   when the rules were alone
 */
gint64       bz_extractor_get_model_id   (BzExtractor  *self);

/**
 * bz_extractor_annotate:
 * @user_data: a #BzExtractor
 *
 * bz_extractor_annotate_document() in the shape of an import's annotate hook.
 */
gboolean     bz_extractor_annotate       (BzStore      *store,
                                          gint64        document_id,
                                          const char   *text,
                                          gpointer      user_data,
                                          GError      **error);

G_END_DECLS
