/* bz-tagger-private.h: the model and the internals shared by bz-tagger*.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bz-tagger.h"
#include "bz-text.h"

G_BEGIN_DECLS

#define BZ_TAGGER_MAX_LABELS 32
/* 2^17 feature buckets: 8 MB of weights with seven labels. */
#define BZ_TAGGER_DEFAULT_TABLE_BITS 17
#define BZ_TAGGER_MAX_TABLE_BITS 22
/* Reports left out in turn to fit the temperature of the confidences: each one
 * is a training of its own. */
#define BZ_TAGGER_CALIBRATION_FOLDS 2
/* Characters a training decodes at most over its passes: on more data it makes
 * fewer passes (at least one), since each pass holds more updates. */
#define BZ_TAGGER_TRAINING_STEPS 5000000
#define BZ_TAGGER_MAX_BUCKETS (1u << BZ_TAGGER_MAX_TABLE_BITS)
#define BZ_TAGGER_MAX_EXTERNAL_TAGS 4096
/* A weight row is padded to a multiple of 16 floats (64 bytes, a cache line) and
 * the table aligned on 64 bytes: with seven labels (15 tags) one feature is one line. */
#define BZ_TAGGER_ROW_FLOATS 16
#define BZ_TAGGER_MAX_STRIDE ((1 + 2 * BZ_TAGGER_MAX_LABELS + BZ_TAGGER_ROW_FLOATS - 1) \
                              / BZ_TAGGER_ROW_FLOATS * BZ_TAGGER_ROW_FLOATS)

/* Tag 0 is O, tag 1 + 2k is B of label k and tag 2 + 2k its I. In memory (the
 * weight rows, the emissions, the decoders) the tags are in blocks: O, every B,
 * every I (see _bz_tagger_block ()); the saved model keeps the tags' order. */
struct _BzTagger
{
  guint       n_labels;
  const char *labels[BZ_TAGGER_MAX_LABELS];  /* interned */
  guint       n_tags;
  guint       stride;                        /* floats per weight row: n_tags padded */
  guint32     n_buckets;                     /* a power of two */
  gboolean    use_external;
  GHashTable *external_tags;                 /* the interned external tag names it knows */
  float       temperature;                   /* divides the scores for the confidences */
  float      *weights;                       /* n_buckets × stride, 64-byte aligned */
  float      *trans;                         /* (n_tags + 1) × n_tags; row n_tags: the start */
};

/* The feature buckets of each character of a text. */
typedef struct
{
  GArray *feats;   /* guint32 buckets */
  GArray *starts;  /* guint32: where each character's buckets start, and the end */
} BzFeatures;

/* The place of tag @t in the blocks O, B-0 … B-(L-1), I-0 … I-(L-1): O and B
 * follow any tag, I-k only B-k and I-k, so the decoders' sums into O and the Bs
 * are dense and those into each I two terms. */
static inline guint
_bz_tagger_block (guint n_labels,
                  guint t)
{
  return t == 0 ? 0 : t % 2 == 1 ? 1 + (t - 1) / 2 : 1 + n_labels + (t - 2) / 2;
}

BzTagger *_bz_tagger_new       (const char *const *labels,
                                guint               n_labels,
                                guint32             n_buckets,
                                gboolean            use_external);
/* @external's offsets are in the whole text; @chars starts at @offset in it. */
void      _bz_tagger_features  (const BzTagger *self,
                                const gunichar *chars,
                                gsize           n,
                                GArray         *external,
                                gsize           offset,
                                BzFeatures     *out);
/* Where the sentence that starts at @from ends (after its 。！？；, or at @n). */
gsize     _bz_tagger_sentence_end (const gunichar *chars,
                                   gsize           n,
                                   gsize           from);
gboolean  _bz_tagger_allowed   (const BzTagger *self,
                                guint           prev,
                                guint           cur);
/* @em: n × n_tags scores, the tags in blocks. */
void      _bz_tagger_emissions (const BzTagger   *self,
                                const BzFeatures *features,
                                gsize             n,
                                float            *em);
/* @tp: BZ_TAGGER_STEPS_FLOATS (self) = (n_tags + 3) × stride floats: the
 * transitions of @trans for _bz_tagger_viterbi() with the tags in blocks (O, the
 * Bs, the Is), -inf where BIO forbids: a row by previous tag, then the start,
 * then into each I from its B, then from itself. */
#define BZ_TAGGER_STEPS_FLOATS(self) ((gsize) ((self)->n_tags + 3) * (self)->stride)
void      _bz_tagger_steps     (const BzTagger *self,
                                const float    *trans,
                                float          *tp);
void      _bz_tagger_viterbi   (const BzTagger *self,
                                const float    *tp,
                                const float    *em,
                                gsize           n,
                                guint8         *out);

/* Orders an array of strings (g_ptr_array_sort(), qsort() pass pointers to the elements). */
int       _bz_tagger_compare_strings (gconstpointer a,
                                      gconstpointer b);

/* Decodes @text once and appends its spans with their confidences at each of
 * @temperatures to the array of @outs of the same index. */
void      _bz_tagger_predict_at (BzTagger    *self,
                                 const char  *text,
                                 GArray      *external,
                                 const float *temperatures,
                                 guint        n_temperatures,
                                 GArray     **outs);

G_END_DECLS
