/* bz-tagger.h: a trained character tagger (averaged structured perceptron, BIO tags)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "bz-types.h"
#include "bz-extractor.h"

G_BEGIN_DECLS

#define BZ_TAGGER_ERROR (bz_tagger_error_quark ())
GQuark bz_tagger_error_quark (void);

typedef enum
{
  BZ_TAGGER_ERROR_INVALID,  /* a model blob that is corrupt or truncated */
  BZ_TAGGER_ERROR_VERSION,  /* a model blob written by a newer version */
  BZ_TAGGER_ERROR_NO_DATA,  /* nothing to train on */
} BzTaggerError;

/* The version of the model format this build writes and reads. */
#define BZ_TAGGER_FORMAT_VERSION 1

/**
 * BzTaggerSpan:
 * @start: first code point (inclusive)
 * @end: code point after the last (exclusive)
 * @label: (not nullable): an interned label name
 * @confidence: how sure the tagger (or the rules) is of this span, in [0, 1]
 */
typedef struct
{
  gint64      start;
  gint64      end;
  const char *label;
  double      confidence;
} BzTaggerSpan;

/**
 * BzTaggerDoc:
 * @report: (nullable): the report this paragraph belongs to (for cross-validation)
 * @id: (nullable): the paragraph's id
 * @text: the text
 * @positive: (element-type BzExtractorMatch): spans a reviewer kept or added
 * @negative: (element-type BzExtractorMatch): suggestions a reviewer rejected
 * @external: (element-type BzExtractorMatch) (nullable): external tags over the text,
 *   such as the rules' matches and the gazetteer lists' matches; their "label" is the
 *   tag's name ("rules:PLACE", "list:place-streets")
 *
 * One training (or tagging) text. Labels of the arrays are interned.
 */
typedef struct
{
  char   *report;
  char   *id;
  char   *text;
  GArray *positive;
  GArray *negative;
  GArray *external;
} BzTaggerDoc;

BzTaggerDoc *bz_tagger_doc_new  (const char  *report,
                                 const char  *id,
                                 const char  *text);
void         bz_tagger_doc_free (BzTaggerDoc *doc);
/* Appends a span with @label (interned) to @spans (one of the doc's arrays). */
void         bz_tagger_doc_add  (GArray      *spans,
                                 gint64       start,
                                 gint64       end,
                                 const char  *label);

/**
 * bz_tagger_read_gold:
 * @docs: (element-type BzTaggerDoc): where the paragraphs are appended
 * @path: a gold JSONL file (as `biaozhu-cli eval --gold` reads), or a folder of them
 * @error: a #GError
 *
 * Appends the paragraphs of @path as documents with their spans as positives; the
 * report of a paragraph is its id up to the last ':' (or the file's name). Files of
 * a folder are read in name order. Nothing is appended when a file is malformed.
 *
 * Returns: %TRUE on success
 */
gboolean bz_tagger_read_gold (GPtrArray   *docs,
                              const char  *path,
                              GError     **error);

/**
 * BzTaggerLists:
 *
 * The gazetteer lists, each matched on its own: the external tags "list:NAME"
 * (NAME the list's file name without ".txt"), so that a model learns how far
 * each list can be trusted.
 */
typedef struct _BzTaggerLists BzTaggerLists;

/**
 * bz_tagger_lists_new:
 * @gazetteer_dir: (nullable): a folder of lists (*.txt), %NULL for the default
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the lists, or %NULL when one cannot be read
 */
BzTaggerLists *bz_tagger_lists_new      (const char    *gazetteer_dir,
                                         GError       **error);
void           bz_tagger_lists_free     (BzTaggerLists *self);
/* Appends every match of every list in @text to @external (BzExtractorMatch). */
void           bz_tagger_lists_add_tags (BzTaggerLists *self,
                                         const char    *text,
                                         GArray        *external);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzTaggerLists, bz_tagger_lists_free)

/**
 * bz_tagger_external_tags:
 * @extractor: the rule and list extractor
 * @lists: (nullable): the lists one by one
 * @text: a text
 *
 * The extractor's matches as external tags, labelled "rules:LABEL", and the
 * matches of each of @lists, labelled "list:NAME". A model is used with the
 * external tags it was trained with.
 *
 * Returns: (transfer full) (element-type BzExtractorMatch): the tags
 */
GArray  *bz_tagger_external_tags (BzExtractor   *extractor,
                                  BzTaggerLists *lists,
                                  const char    *text);

typedef struct _BzTagger BzTagger;

/**
 * BzTaggerOptions:
 * @iterations: passes over the data (0 for the default, 10); on large data
 *   fewer: when characters × @iterations exceed 5,000,000, the passes are
 *   max (1, ⌈5,000,000 / characters⌉)
 * @seed: the seed of the shuffle of each pass
 * @use_external: whether the external tags are features
 * @table_bits: the feature table has 2^@table_bits rows (0 for the default, 17;
 *   at most 22): a smaller table is faster (it stays in the cache), a larger one
 *   mixes fewer features up
 * @calibrate: whether to fit the temperature of the confidences, leaving
 *   reports out in turn (up to two; texts need a @report): the training then
 *   takes that many more passes
 */
typedef struct
{
  guint    iterations;
  guint32  seed;
  gboolean use_external;
  guint    table_bits;
  gboolean calibrate;
} BzTaggerOptions;

void      bz_tagger_options_init (BzTaggerOptions *options);

/**
 * bz_tagger_train:
 * @docs: (element-type BzTaggerDoc): the training texts
 * @options: (nullable): training options, %NULL for the defaults
 * @error: a #GError
 *
 * Trains a model. The characters of a negative span that no positive span covers
 * are trained as outside any entity, with a margin that makes the rejected span
 * cost more than an ordinary mistake. With @options->calibrate and texts of two
 * reports or more, the temperature of the confidences is fitted leaving reports
 * out in turn. The same documents and options give the same model, byte for byte.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL when @docs holds no span
 */
BzTagger *bz_tagger_train  (GPtrArray              *docs,
                            const BzTaggerOptions  *options,
                            GError                **error);
void      bz_tagger_free   (BzTagger *self);

guint        bz_tagger_get_n_labels (BzTagger *self);
const char  *bz_tagger_get_label    (BzTagger *self,
                                     guint     index);
/* The temperature that divides the model's scores for its confidences (1 when not calibrated). */
double       bz_tagger_get_temperature (BzTagger *self);
/* The memory the model's weights take, in bytes. */
gsize        bz_tagger_get_memory_size (BzTagger *self);

/**
 * bz_tagger_predict:
 * @self: a model
 * @text: a text
 * @external: (element-type BzExtractorMatch) (nullable): its external tags, as in training
 *
 * Lines and sentences (after 。！？；) are decoded on their own, as in training.
 * External tags the model was not trained with are ignored. A model does not
 * change once trained: threads may predict with one model at once.
 *
 * Returns: (transfer full) (element-type BzTaggerSpan): the spans of the best tag
 *   sequence in order, each with its probability under the model's scores at the
 *   model's temperature
 */
GArray   *bz_tagger_predict (BzTagger   *self,
                             const char *text,
                             GArray     *external);

/* Returns: (transfer full): the model as a versioned binary blob */
GBytes   *bz_tagger_save    (BzTagger  *self);
/**
 * bz_tagger_load:
 * @blob: a blob of bz_tagger_save()
 * @error: a #GError
 *
 * Refuses a blob of a newer format version (%BZ_TAGGER_ERROR_VERSION) and a corrupt
 * or truncated blob (%BZ_TAGGER_ERROR_INVALID).
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with @error set
 */
BzTagger *bz_tagger_load    (GBytes    *blob,
                             GError   **error);

/**
 * bz_tagger_combine:
 * @tagged: (element-type BzTaggerSpan): the tagger's spans
 * @rules: (element-type BzTaggerSpan): the rules' spans with their confidence
 * @min_confidence: how sure the tagger must be of a span that no rule span overlaps
 *
 * The rules' spans, except where an overlapping tagger span is more confident than
 * every rule span it overlaps: that tagger span replaces them. Tagger spans that
 * overlap no rule span are added when their confidence is at least @min_confidence.
 *
 * Returns: (transfer full) (element-type BzTaggerSpan): non-overlapping spans in order
 */
GArray   *bz_tagger_combine (GArray *tagged,
                             GArray *rules,
                             double  min_confidence);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzTagger, bz_tagger_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzTaggerDoc, bz_tagger_doc_free)

G_END_DECLS
