/* bz-tagger.c: a character tagger, averaged structured perceptron over BIO tags
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-tagger"

#include "config.h"

#include <math.h>
#include <string.h>
#ifdef __SSE__
#include <xmmintrin.h>
#endif

#include "bz-tagger-private.h"

G_DEFINE_QUARK (bz-tagger-error-quark, bz_tagger_error)

/* Code points before the start and after the end of a text, for the window features. */
#define BOUNDARY_BEFORE 0x110000u
#define BOUNDARY_AFTER  0x110001u

void
bz_tagger_options_init (BzTaggerOptions *options)
{
  g_return_if_fail (options != NULL);

  options->iterations = 10;
  options->seed = 19;
  options->use_external = TRUE;
  options->table_bits = BZ_TAGGER_DEFAULT_TABLE_BITS;
  options->calibrate = TRUE;
}

int
_bz_tagger_compare_strings (gconstpointer a,
                            gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

double
bz_tagger_get_temperature (BzTagger *self)
{
  g_return_val_if_fail (self != NULL, 1.0);

  return self->temperature;
}

void
bz_tagger_free (BzTagger *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->external_tags, g_hash_table_unref);
  g_aligned_free (self->weights);
  g_free (self->trans);
  g_free (self);
}

guint
bz_tagger_get_n_labels (BzTagger *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_labels;
}

const char *
bz_tagger_get_label (BzTagger *self,
                     guint     index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_labels, NULL);

  return self->labels[index];
}

gsize
bz_tagger_get_memory_size (BzTagger *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return sizeof *self
         + (gsize) self->n_buckets * self->stride * sizeof (float)
         + (gsize) (self->n_tags + 1) * self->n_tags * sizeof (float);
}

BzTagger *
_bz_tagger_new (const char *const *labels,
                guint               n_labels,
                guint32             n_buckets,
                gboolean            use_external)
{
  BzTagger *self = g_new0 (BzTagger, 1);

  g_assert (n_labels <= BZ_TAGGER_MAX_LABELS);
  g_assert (n_buckets > 0 && (n_buckets & (n_buckets - 1)) == 0);

  self->n_labels = n_labels;
  for (guint i = 0; i < n_labels; i++)
    self->labels[i] = g_intern_string (labels[i]);
  self->n_tags = 1 + 2 * n_labels;
  self->stride = (self->n_tags + BZ_TAGGER_ROW_FLOATS - 1) / BZ_TAGGER_ROW_FLOATS * BZ_TAGGER_ROW_FLOATS;
  self->n_buckets = n_buckets;
  self->use_external = use_external;
  self->external_tags = g_hash_table_new (NULL, NULL);
  self->temperature = 1.0f;
  self->weights = g_aligned_alloc0 ((gsize) n_buckets * self->stride, sizeof (float), 64);
  self->trans = g_new0 (float, (gsize) (self->n_tags + 1) * self->n_tags);
  return self;
}

/* --- features ------------------------------------------------------------------ */

/* One word into the hash: a multiply per word, not per byte (this runs for every
 * feature of every character). The model format fixes it: changing it changes
 * the buckets of every saved model. */
static inline guint64
mix (guint64  h,
     guint32  value)
{
  h = (h ^ value) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return h ^ (h >> 31);
}

static guint32
hash_string (const char *s)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (; *s != '\0'; s++)
    h = mix (h, (guint8) *s);
  return (guint32) (h ^ (h >> 32));
}

/* A feature's hash is made in two halves: its template and first value (often
 * both constant, made once per text), then the other two and the bucket. */
static inline guint64
feature_prefix (guint32 template,
                guint32 a)
{
  return mix (mix (G_GUINT64_CONSTANT (0xcbf29ce484222325), template), a);
}

static inline guint32
feature_finish (const BzTagger *self,
                guint64         h,
                guint32         b,
                guint32         c)
{
  h = mix (h, b);
  h = mix (h, c);
  h *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  return (guint32) (h >> 32) & (self->n_buckets - 1);
}

static inline guint32
feature (const BzTagger *self,
         guint32         template,
         guint32         a,
         guint32         b,
         guint32         c)
{
  return feature_finish (self, feature_prefix (template, a), b, c);
}

typedef enum
{
  CLASS_SPACE,
  CLASS_DIGIT,
  CLASS_LATIN,
  CLASS_CJK,
  CLASS_NUMERAL,  /* 〇一二…十百千万亿两: the digits of written-out numbers */
  CLASS_PUNCT,
  CLASS_OTHER,
  CLASS_BOUNDARY,
  N_CLASSES
} CharClass;

static inline gboolean
is_numeral (gunichar c)
{
  switch (c)
    {
    case 0x3007: case 0x4e00: case 0x4e8c: case 0x4e09: case 0x56db: case 0x4e94:
    case 0x516d: case 0x4e03: case 0x516b: case 0x4e5d: case 0x5341: case 0x767e:
    case 0x5343: case 0x4e07: case 0x4ebf: case 0x4e24:
      return TRUE;
    default:
      return FALSE;
    }
}

static CharClass
char_class (gunichar c)
{
  if (c >= BOUNDARY_BEFORE)
    return CLASS_BOUNDARY;
  /* Ideographs first (no ideograph is a space or a digit): most characters are. */
  if (((c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff))
      && !is_numeral (c))
    return CLASS_CJK;
  if (g_unichar_isspace (c))
    return CLASS_SPACE;
  if (g_unichar_isdigit (c))
    return CLASS_DIGIT;
  if (is_numeral (c))
    return CLASS_NUMERAL;
  if ((c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff)
      || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3ffff))
    return CLASS_CJK;
  if (g_unichar_isalpha (c))
    return CLASS_LATIN;
  if (g_unichar_ispunct (c))
    return CLASS_PUNCT;
  return CLASS_OTHER;
}

enum
{
  T_BIAS = 1,
  T_CHAR,           /* the folded character at an offset (+2 keeps it positive) */
  T_RAW,
  T_BIGRAM,
  T_SKIP,
  T_TRIGRAM,
  T_CLASS,
  T_CLASS3,
  T_CLASS5,
  T_EXT,            /* an external tag over the character, with the position in its span */
  T_EXT_CHAR,
  T_EXT_AFTER,      /* an external span ended just before the character */
  T_EXT_BEFORE,     /* an external span starts just after the character */
};

enum
{
  POS_BEGIN = 1,
  POS_INSIDE,
  POS_END,
  POS_SINGLE,
};

/* The external spans that give features to the characters [0, @n) from @offset:
 * those the model knows, clipped; their tag name's hash in @names. */
static gboolean
external_span (const BzTagger         *self,
               const BzExtractorMatch *m,
               gsize                   offset,
               gsize                   n,
               gint64                 *s,
               gint64                 *e)
{
  *s = m->start - (gint64) offset;
  *e = m->end - (gint64) offset;
  /* A tag the model was not trained with has no weights of its own, only those
   * of the features it would collide with. */
  return !(*e <= 0 || *s >= (gint64) n || *s >= *e
           || !g_hash_table_contains (self->external_tags, g_intern_string (m->label)));
}

/* The features every character has (bias, 5 characters, 4 bigrams, the skip
 * bigram, the trigram, 3 of classes), before the raw character and the external ones. */
#define N_OWN 15

void
_bz_tagger_features (const BzTagger *self,
                     const gunichar *chars,
                     gsize           n,
                     GArray         *external,
                     gsize           offset,
                     BzFeatures     *out)
{
  g_autofree gunichar *f = g_new (gunichar, n + 4);
  g_autofree guint8 *cls = g_new (guint8, n + 4);
  g_autofree guint32 *next = NULL;
  gboolean with_external = external != NULL && self->use_external && external->len > 0;
  guint32 *starts;
  guint32 *feats;
  guint32 total = 0;
  guint32 bias;
  guint64 char_prefix[5];
  guint64 bigram_prefix[4];
  guint64 skip_prefix;
  guint32 class1[N_CLASSES];
  guint64 class3_prefix[N_CLASSES];

  /* f[i + 2] is the folded character i; two boundary characters on each side. */
  f[0] = f[1] = BOUNDARY_BEFORE;
  f[n + 2] = f[n + 3] = BOUNDARY_AFTER;
  for (gsize i = 0; i < n; i++)
    f[i + 2] = bz_fold_unichar_t2s (chars[i]);
  for (gsize i = 0; i < n + 4; i++)
    cls[i] = (guint8) char_class (f[i]);

  /* How many features each character has: its own N_OWN, the raw character when
   * folding changed it, and those of the external spans over or around it. */
  g_array_set_size (out->starts, n + 1);
  starts = (guint32 *) (gpointer) out->starts->data;
  for (gsize i = 0; i < n; i++)
    starts[i] = N_OWN + (chars[i] != f[i + 2]);
  starts[n] = 0;
  for (guint j = 0; with_external && j < external->len; j++)
    {
      gint64 s, e;

      if (!external_span (self, &g_array_index (external, BzExtractorMatch, j), offset, n, &s, &e))
        continue;
      for (gint64 i = MAX (s, 0); i < MIN (e, (gint64) n); i++)
        starts[i] += 2;
      if (e < (gint64) n)
        starts[e]++;
      if (s > 0)
        starts[s - 1]++;
    }
  for (gsize i = 0; i <= n; i++)
    {
      guint32 count = starts[i];

      starts[i] = total;
      total += count;
    }
  g_array_set_size (out->feats, total);
  feats = (guint32 *) (gpointer) out->feats->data;

  /* The halves that do not depend on the text, and the features of one class. */
  bias = feature (self, T_BIAS, 0, 0, 0);
  for (guint d = 0; d < 5; d++)
    char_prefix[d] = feature_prefix (T_CHAR, d);
  for (guint d = 0; d < 4; d++)
    bigram_prefix[d] = feature_prefix (T_BIGRAM, d);
  skip_prefix = feature_prefix (T_SKIP, 0);
  for (guint c = 0; c < N_CLASSES; c++)
    {
      class1[c] = feature (self, T_CLASS, c, 0, 0);
      class3_prefix[c] = feature_prefix (T_CLASS3, c);
    }

  for (gsize i = 0; i < n; i++)
    {
      const gunichar *w = f + i + 2;
      const guint8 *k = cls + i + 2;
      guint32 *v = feats + starts[i];

      *v++ = bias;
      for (int d = -2; d <= 2; d++)
        *v++ = feature_finish (self, char_prefix[d + 2], w[d], 0);
      if (chars[i] != w[0])
        *v++ = feature (self, T_RAW, chars[i], 0, 0);
      *v++ = feature_finish (self, bigram_prefix[0], w[-1], w[0]);
      *v++ = feature_finish (self, bigram_prefix[1], w[0], w[1]);
      *v++ = feature_finish (self, bigram_prefix[2], w[-2], w[-1]);
      *v++ = feature_finish (self, bigram_prefix[3], w[1], w[2]);
      *v++ = feature_finish (self, skip_prefix, w[-1], w[1]);
      *v++ = feature (self, T_TRIGRAM, w[-1], w[0], w[1]);
      *v++ = class1[k[0]];
      *v++ = feature_finish (self, class3_prefix[k[-1]], k[0], k[1]);
      *v++ = feature (self, T_CLASS5, (guint32) k[-2] << 8 | k[-1], k[0], (guint32) k[1] << 8 | k[2]);
      g_assert (v == feats + starts[i] + N_OWN + (chars[i] != w[0]));
    }
  if (!with_external)
    return;

  /* The external features after each character's own, in the order of the spans. */
  next = g_new (guint32, n);
  for (gsize i = 0; i < n; i++)
    next[i] = starts[i] + N_OWN + (chars[i] != f[i + 2]);
  for (guint j = 0; j < external->len; j++)
    {
      const BzExtractorMatch *m = &g_array_index (external, BzExtractorMatch, j);
      gint64 s, e;
      guint32 name;

      if (!external_span (self, m, offset, n, &s, &e))
        continue;
      name = hash_string (m->label);
      for (gint64 i = MAX (s, 0); i < MIN (e, (gint64) n); i++)
        {
          guint32 pos = e - s == 1 ? POS_SINGLE : i == s ? POS_BEGIN : i == e - 1 ? POS_END : POS_INSIDE;

          feats[next[i]++] = feature (self, T_EXT, name, pos, 0);
          feats[next[i]++] = feature (self, T_EXT_CHAR, name, pos, f[i + 2]);
        }
      if (e < (gint64) n)
        feats[next[e]++] = feature (self, T_EXT_AFTER, name, 0, 0);
      if (s > 0)
        feats[next[s - 1]++] = feature (self, T_EXT_BEFORE, name, 0, 0);
    }
}

gsize
_bz_tagger_sentence_end (const gunichar *chars,
                         gsize           n,
                         gsize           from)
{
  for (gsize i = from; i < n; i++)
    switch (chars[i])
      {
      case 0x3002: /* 。 */
      case 0xff01: /* ！ */
      case 0xff1f: /* ？ */
      case 0xff1b: /* ； */
        return i + 1;
      default:
        break;
      }
  return n;
}

/* --- decoding ------------------------------------------------------------------ */

gboolean
_bz_tagger_allowed (const BzTagger *self,
                    guint           prev,
                    guint           cur)
{
  /* I-k (even, > 0) only after B-k or I-k; prev == n_tags is the start. */
  if (cur == 0 || cur % 2 == 1)
    return TRUE;
  return prev < self->n_tags && prev != 0 && (prev + 1) / 2 == cur / 2;
}

/* Four floats in one register: GCC's and clang's vector extension. */
typedef float  v4f __attribute__ ((vector_size (16)));
typedef gint32 v4i __attribute__ ((vector_size (16)));

static inline v4f
load4 (const float *p)
{
  v4f v;

  memcpy (&v, p, sizeof v);
  return v;
}

static inline void
store16 (float *p,
         v4f    a0,
         v4f    a1,
         v4f    a2,
         v4f    a3)
{
  memcpy (p, &a0, sizeof a0);
  memcpy (p + 4, &a1, sizeof a1);
  memcpy (p + 8, &a2, sizeof a2);
  memcpy (p + 12, &a3, sizeof a3);
}

/* The sum of a character's weight rows, @S floats each (a multiple of 16: a cache
 * line a feature), sixteen tags at a time in four registers. */
static inline void
sum_rows (const float   *weights,
          guint          S,
          const guint32 *feats,
          guint32        n_feats,
          float         *acc)
{
  for (guint t = 0; t < S; t += 16)
    {
      v4f a0 = { 0, 0, 0, 0 }, a1 = a0, a2 = a0, a3 = a0;

      for (guint32 j = 0; j < n_feats; j++)
        {
          const float *w = __builtin_assume_aligned (weights + (gsize) feats[j] * S, 64);

          a0 += load4 (w + t);
          a1 += load4 (w + t + 4);
          a2 += load4 (w + t + 8);
          a3 += load4 (w + t + 12);
        }
      store16 (acc + t, a0, a1, a2, a3);
    }
}

void
_bz_tagger_emissions (const BzTagger   *self,
                      const BzFeatures *features,
                      gsize             n,
                      float            *em)
{
  guint T = self->n_tags;
  guint S = self->stride;
  const guint32 *starts = (const guint32 *) (gconstpointer) features->starts->data;
  const guint32 *feats = (const guint32 *) (gconstpointer) features->feats->data;
  float acc[BZ_TAGGER_MAX_STRIDE] __attribute__ ((aligned (64)));

  for (gsize i = 0; i < n; i++)
    {
      /* The rows of a character two ahead are fetched while this one's are summed. */
      if (i + 2 < n)
        for (guint32 j = starts[i + 2]; j < starts[i + 3]; j++)
          __builtin_prefetch (self->weights + (gsize) feats[j] * S);
      sum_rows (self->weights, S, feats + starts[i], starts[i + 1] - starts[i], acc);
      memcpy (em + i * T, acc, T * sizeof (float));
    }
}

/* The higher of each pair of lanes, @b where they are equal. */
static inline v4f
v4f_max (v4f v,
         v4f b)
{
#ifdef __SSE__
  return _mm_max_ps (v, b);  /* v > b ? v : b */
#else
  v4i higher = v > b;

  return (v4f) (((v4i) v & higher) | ((v4i) b & ~higher));
#endif
}

/* The columns of O and the Bs, 1 + L rounded up to a multiple of 4. */
static inline guint
dense_columns (guint n_labels)
{
  return (1 + n_labels + 3) / 4 * 4;
}

/* One Viterbi step over the tags in blocks (@W lanes): into O and the Bs from
 * every tag, eight lanes at a time in two registers; into I-k from B-k and I-k.
 * Only the best scores: the path is found again going back. */
static inline void
viterbi_step (const float *tp,
              guint        T,
              guint        L,
              guint        W,
              const float *prev,
              float       *best)
{
  const float *into = tp + (T + 1) * W;
  const float *stay = tp + (T + 2) * W;
  guint dense = dense_columns (L);
  guint t = 0;

  for (; t + 8 <= dense; t += 8)
    {
      v4f b0 = { -INFINITY, -INFINITY, -INFINITY, -INFINITY }, b1 = b0;

      for (guint p = 0; p < T; p++)
        {
          v4f pv = { prev[p], prev[p], prev[p], prev[p] };
          const float *row = tp + p * W + t;

          b0 = v4f_max (load4 (row) + pv, b0);
          b1 = v4f_max (load4 (row + 4) + pv, b1);
        }
      memcpy (best + t, &b0, sizeof b0);
      memcpy (best + t + 4, &b1, sizeof b1);
    }
  for (; t < dense; t += 4)
    {
      v4f b0 = { -INFINITY, -INFINITY, -INFINITY, -INFINITY };

      for (guint p = 0; p < T; p++)
        {
          v4f pv = { prev[p], prev[p], prev[p], prev[p] };

          b0 = v4f_max (load4 (tp + p * W + t) + pv, b0);
        }
      memcpy (best + t, &b0, sizeof b0);
    }
  for (; t < W; t += 4)
    {
      v4f b0 = v4f_max (load4 (prev + t - L) + load4 (into + t), load4 (prev + t) + load4 (stay + t));

      memcpy (best + t, &b0, sizeof b0);
    }
}

void
_bz_tagger_steps (const BzTagger *self,
                  const float    *trans,
                  float          *tp)
{
  guint T = self->n_tags;
  guint L = self->n_labels;
  guint W = self->stride;

  for (gsize k = 0; k < BZ_TAGGER_STEPS_FLOATS (self); k++)
    tp[k] = -INFINITY;
  for (guint p = 0; p <= T; p++)
    for (guint t = 0; t < T; t++)
      if (_bz_tagger_allowed (self, p, t))
        {
          guint bp = p < T ? _bz_tagger_block (L, p) : T;
          guint bt = _bz_tagger_block (L, t);

          tp[bp * W + bt] = trans[p * T + t];
          if (t % 2 == 0 && t > 0)
            tp[(p == t ? T + 2 : T + 1) * W + bt] = trans[p * T + t];
        }
}

/* row = best + em over the @T tags, -inf in the padding up to @W. */
static inline void
add_emissions (const float *best,
               const float *em,
               guint        T,
               guint        W,
               float       *row)
{
  guint t;

  for (t = 0; t + 4 <= T; t += 4)
    {
      v4f v = load4 (best + t) + load4 (em + t);

      memcpy (row + t, &v, sizeof v);
    }
  for (; t < W; t++)
    row[t] = t < T ? best[t] + em[t] : -INFINITY;
}

void
_bz_tagger_viterbi (const BzTagger *self,
                    const float    *tp,
                    const float    *em,
                    gsize           n,
                    guint8         *out)
{
  guint T = self->n_tags;
  guint L = self->n_labels;
  guint W = self->stride;
  g_autofree float *heap = NULL;
  float stack[4096];
  float *score = stack;
  float *best;
  guint8 block[1 + 2 * BZ_TAGGER_MAX_LABELS];

  if (n == 0)
    return;
  /* A sentence is mostly short: its scores on the stack. best: the scores
   * before the emissions, the maxima the path goes back through. */
  if (2 * n * W > G_N_ELEMENTS (stack))
    score = heap = g_new (float, 2 * n * W);
  best = score + n * W;
  for (guint t = 0; t < T; t++)
    block[t] = (guint8) _bz_tagger_block (L, t);
  /* Row T: the start (I is never first). The scores in blocks, -inf in the padding. */
  for (guint t = T; t < W; t++)
    score[t] = -INFINITY;
  for (guint t = 0; t < T; t++)
    score[t] = tp[T * W + t] + em[t];
  for (gsize i = 1; i < n; i++)
    {
      float *row = score + i * W;

      viterbi_step (tp, T, L, W, row - W, best + i * W);
      add_emissions (best + i * W, em + i * T, T, W, row);
    }
  {
    float top = -INFINITY;
    guint top_arg = 0;

    for (guint t = 0; t < T; t++)
      if (score[(n - 1) * W + block[t]] > top)
        {
          top = score[(n - 1) * W + block[t]];
          top_arg = t;
        }
    out[n - 1] = (guint8) top_arg;
    /* Back: the first previous tag (in the model's order) whose sum is the step's
     * maximum (the same sum, so exactly equal); before I-k only B-k and I-k can be. */
    for (gsize i = n - 1; i > 0; i--)
      {
        const float *prev = score + (i - 1) * W;
        guint t = out[i];
        guint bt = block[t];
        float target = best[i * W + bt];
        guint p = t > 0 && t % 2 == 0 ? t - 1 : 0;

        if (target == -INFINITY)
          p = 0;
        else
          while (p + 1 < T && prev[block[p]] + tp[block[p] * W + bt] != target)
            p++;
        out[i - 1] = (guint8) p;
      }
  }
}

static double
logsumexp2 (double a,
            double b)
{
  if (a == -INFINITY)
    return b;
  if (b == -INFINITY)
    return a;
  return a > b ? a + log1p (exp (b - a)) : b + log1p (exp (a - b));
}

/* Where the span that begins (with a B tag) at @s ends. */
static gsize
span_end (const guint8 *tags,
          gsize         n,
          gsize         s)
{
  gsize e;

  for (e = s + 1; e < n && tags[e] == tags[s] + 1; e++)
    ;
  return e;
}

static void
append_span (const BzTagger *self,
             GArray         *out,
             gsize           offset,
             gsize           s,
             gsize           e,
             guint           b,
             double          p)
{
  BzTaggerSpan span = {
    .start = (gint64) (offset + s),
    .end = (gint64) (offset + e),
    .label = self->labels[(b - 1) / 2],
    .confidence = isfinite (p) ? CLAMP (p, 0.0, 1.0) : 0.0,
  };

  g_array_append_val (out, span);
}

/* Appends the spans of @tags (tags of the characters from @offset) with their
 * probabilities from forward-backward over the same scores, in log space: the
 * slow and safe way, for scores that the scaled way cannot hold. */
static void
spans_with_confidence_log (const BzTagger *self,
                           const float    *trans,
                           const float    *em,
                       const guint8   *tags,
                       gsize           n,
                       gsize           offset,
                       GArray         *out)
{
  guint T = self->n_tags;
  g_autofree double *alpha = g_new (double, n * T);
  g_autofree double *beta = g_new (double, n * T);
  double z = -INFINITY;

  for (guint t = 0; t < T; t++)
    alpha[t] = _bz_tagger_allowed (self, T, t) ? trans[T * T + t] + em[t] : -INFINITY;
  for (gsize i = 1; i < n; i++)
    for (guint t = 0; t < T; t++)
      {
        double acc = -INFINITY;

        for (guint p = 0; p < T; p++)
          if (_bz_tagger_allowed (self, p, t))
            acc = logsumexp2 (acc, alpha[(i - 1) * T + p] + trans[p * T + t]);
        alpha[i * T + t] = acc + em[i * T + t];
      }
  for (guint t = 0; t < T; t++)
    beta[(n - 1) * T + t] = 0;
  for (gsize i = n - 1; i > 0; i--)
    for (guint t = 0; t < T; t++)
      {
        double acc = -INFINITY;

        for (guint q = 0; q < T; q++)
          if (_bz_tagger_allowed (self, t, q))
            acc = logsumexp2 (acc, trans[t * T + q] + em[i * T + q] + beta[i * T + q]);
        beta[(i - 1) * T + t] = acc;
      }
  for (guint t = 0; t < T; t++)
    z = logsumexp2 (z, alpha[(n - 1) * T + t]);

  for (gsize s = 0; s < n; s++)
    {
      guint b = tags[s];
      guint in;
      gsize e;
      double lp;

      if (b == 0 || b % 2 == 0)
        continue;
      in = b + 1;
      e = span_end (tags, n, s);
      /* P(B at s, I up to e, anything but I at e): the span exactly. */
      lp = alpha[s * T + b];
      for (gsize j = s + 1; j < e; j++)
        lp += trans[tags[j - 1] * T + in] + em[j * T + in];
      if (e < n)
        {
          double rest = -INFINITY;
          guint last = tags[e - 1];

          for (guint q = 0; q < T; q++)
            if (q != in && _bz_tagger_allowed (self, last, q))
              rest = logsumexp2 (rest, trans[last * T + q] + em[e * T + q] + beta[e * T + q]);
          lp += rest;
        }
      append_span (self, out, offset, s, e, b, exp (lp - z));
    }
}

/* Forward-backward in blocks too (see _bz_tagger_block ()). */
/* The exponentials of a model's transitions at one temperature, shifted by their
 * maximum (the shift cancels out in the normalised probabilities), 0 where BIO
 * forbids. */
typedef struct
{
  float *fwd;     /* (T + 1) × W, the model's order: fwd[p][t] = exp (trans[p][t] - max); row T the start */
  float *fwd_b;   /* (T + 1) × W in blocks, only the columns of O and B (D of them, then 0) */
  float *bwd_b;   /* (1 + L) × W in blocks: bwd_b[q][p] = fwd[p][q] for q O or a B */
  float *into_i;  /* W, in blocks: at I-k from B-k into I-k, 0 elsewhere */
  float *stay_i;  /* W, in blocks: at I-k from I-k into I-k, 0 elsewhere */
  float *into_b;  /* W, in blocks: at B-k from B-k into I-k, 0 elsewhere */
  guint  dense;   /* 1 + L rounded up to a multiple of 4 */
} ExpTrans;

static void
exp_trans_init (const BzTagger *self,
                const float    *trans,
                ExpTrans       *x)
{
  guint T = self->n_tags;
  guint L = self->n_labels;
  guint W = self->stride;
  float tmax = -INFINITY;

  for (guint k = 0; k < (T + 1) * T; k++)
    tmax = MAX (tmax, trans[k]);
  x->dense = dense_columns (L);
  x->fwd = g_new0 (float, (gsize) (T + 1) * W);
  x->fwd_b = g_new0 (float, (gsize) (T + 1) * W);
  x->bwd_b = g_new0 (float, (gsize) (1 + L) * W);
  x->into_i = g_new0 (float, W);
  x->stay_i = g_new0 (float, W);
  x->into_b = g_new0 (float, W);
  for (guint p = 0; p <= T; p++)
    for (guint t = 0; t < T; t++)
      {
        float v = _bz_tagger_allowed (self, p, t) ? expf (trans[p * T + t] - tmax) : 0;
        guint bp = p < T ? _bz_tagger_block (L, p) : T;
        guint bt = _bz_tagger_block (L, t);

        x->fwd[p * W + t] = v;
        if (bt < x->dense)
          x->fwd_b[bp * W + bt] = v;
        if (p < T && bt <= L)
          x->bwd_b[bt * W + bp] = v;
        if (p < T && t % 2 == 0 && t > 0 && p == t)
          x->stay_i[bt] = v;
        if (p < T && t % 2 == 0 && t > 0 && p == t - 1)
          {
            x->into_i[bt] = v;
            x->into_b[bp] = v;
          }
      }
}

static void
exp_trans_clear (ExpTrans *x)
{
  g_clear_pointer (&x->fwd, g_free);
  g_clear_pointer (&x->fwd_b, g_free);
  g_clear_pointer (&x->bwd_b, g_free);
  g_clear_pointer (&x->into_i, g_free);
  g_clear_pointer (&x->stay_i, g_free);
  g_clear_pointer (&x->into_b, g_free);
}

/* out[0, lanes) = Σ_p vec[p] × mat[p][0, lanes), lanes a multiple of 4, eight
 * lanes at a time in two registers. */
static inline void
mat_vec (const float *vec,
         guint        n,
         const float *mat,
         guint        W,
         guint        lanes,
         float       *out)
{
  guint t = 0;

  for (; t + 8 <= lanes; t += 8)
    {
      v4f a0 = { 0, 0, 0, 0 }, a1 = a0;

      for (guint p = 0; p < n; p++)
        {
          v4f pv = { vec[p], vec[p], vec[p], vec[p] };
          const float *row = mat + p * W + t;

          a0 += pv * load4 (row);
          a1 += pv * load4 (row + 4);
        }
      memcpy (out + t, &a0, sizeof a0);
      memcpy (out + t + 4, &a1, sizeof a1);
    }
  for (; t < lanes; t += 4)
    {
      v4f a0 = { 0, 0, 0, 0 };

      for (guint p = 0; p < n; p++)
        {
          v4f pv = { vec[p], vec[p], vec[p], vec[p] };

          a0 += pv * load4 (mat + p * W + t);
        }
      memcpy (out + t, &a0, sizeof a0);
    }
}

/* e^x for x in [-87, 0] in each lane (below, e^-87): Cephes' expf, 2^n times a
 * polynomial on [-ln 2 / 2, ln 2 / 2], within 2 ulp of expf(). */
static inline v4f
v4f_exp (v4f x)
{
  const v4f lowest = { -87.0f, -87.0f, -87.0f, -87.0f };
  v4f fn, r, p;
  v4i n;

  x = v4f_max (x, lowest);
  /* n = x / ln 2 rounded (x <= 0: truncating x / ln 2 - 1/2 rounds it). */
  n = __builtin_convertvector (x * 1.44269504088896341f - 0.5f, v4i);
  fn = __builtin_convertvector (n, v4f);
  r = x - fn * 0.693359375f - fn * -2.12194440e-4f;
  p = 1.9875691500e-4f * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  return p * (v4f) ((n + 127) << 23);
}

/* The buffers of forward-backward, kept from sentence to sentence. */
typedef struct
{
  gsize  capacity;  /* characters */
  float *phi;
  float *alpha;
  float *beta;
  float *scale;
} FbScratch;

static void
fb_scratch_reserve (FbScratch *fb,
                    gsize      n,
                    guint      W)
{
  if (n <= fb->capacity)
    return;
  fb->capacity = MAX (n, 2 * fb->capacity);
  g_free (fb->phi);
  g_free (fb->alpha);
  g_free (fb->beta);
  g_free (fb->scale);
  fb->phi = g_new (float, fb->capacity * W);
  fb->alpha = g_new (float, fb->capacity * W);
  fb->beta = g_new (float, fb->capacity * W);
  fb->scale = g_new (float, fb->capacity);
}

static void
fb_scratch_clear (FbScratch *fb)
{
  g_clear_pointer (&fb->phi, g_free);
  g_clear_pointer (&fb->alpha, g_free);
  g_clear_pointer (&fb->beta, g_free);
  g_clear_pointer (&fb->scale, g_free);
  fb->capacity = 0;
}

/* Like spans_with_confidence_log() over @em / @temperature (the transitions
 * @trans already divided), with scaled probabilities instead of logarithms (no
 * log() in the inner loops), the tags four at a time. */
static void
spans_with_confidence (const BzTagger *self,
                       const float    *trans,
                       const ExpTrans *x,
                       const float    *em,
                       float           temperature,
                       const guint8   *tags,
                       gsize           n,
                       gsize           offset,
                       FbScratch      *fb,
                       GArray         *out)
{
  guint T = self->n_tags;
  guint W = self->stride;
  float *phi, *alpha, *beta, *scale;
  guint L = self->n_labels;
  float u[BZ_TAGGER_MAX_STRIDE + BZ_TAGGER_MAX_LABELS] = { 0 };
  float row[BZ_TAGGER_MAX_STRIDE];
  guint8 block[1 + 2 * BZ_TAGGER_MAX_LABELS];
  gsize first_end = n;
  gboolean any = FALSE;

  /* β is needed from the end of the first span on (the spans begin with B). */
  for (gsize s = 0; s < n && !any; s++)
    if (tags[s] % 2 == 1)
      {
        first_end = span_end (tags, n, s);
        any = TRUE;
      }
  if (!any)
    return;

  fb_scratch_reserve (fb, n, W);
  phi = fb->phi;
  alpha = fb->alpha;
  beta = fb->beta;
  scale = fb->scale;
  for (guint t = 0; t < T; t++)
    block[t] = (guint8) _bz_tagger_block (L, t);
  /* The exponentials of the emissions at the temperature, each character's
   * shifted by its maximum, in blocks; 0 in the padding. */
  for (guint t = T; t < W; t++)
    row[t] = 0;
  for (gsize i = 0; i < n; i++)
    {
      const float *e = em + i * T;
      v4f mv = { -INFINITY, -INFINITY, -INFINITY, -INFINITY };
      float m;
      guint t;

      for (t = 0; t + 4 <= T; t += 4)
        mv = v4f_max (load4 (e + t), mv);
      m = MAX (MAX (mv[0], mv[1]), MAX (mv[2], mv[3]));
      for (; t < T; t++)
        m = MAX (m, e[t]);
      for (t = 0; t + 4 <= T; t += 4)
        {
          v4f v = (load4 (e + t) - m) / temperature;

          memcpy (row + t, &v, sizeof v);
        }
      for (; t < T; t++)
        row[t] = (e[t] - m) / temperature;
      for (t = 0; t < W; t += 4)
        {
          v4f v = v4f_exp (load4 (row + t));

          memcpy (phi + i * W + t, &v, sizeof v);
        }
      for (t = T; t < W; t++)
        phi[i * W + t] = 0;
    }

  for (gsize i = 0; i < n; i++)
    {
      float *a = alpha + i * W;
      float sum = 0;

      if (i == 0)
        {
          for (guint t = 0; t < T; t++)
            a[block[t]] = x->fwd[T * W + t];
          for (guint t = T; t < W; t++)
            a[t] = 0;
        }
      else
        {
          const float *prev = a - W;

          /* Into O and the Bs from every tag, into I-k from B-k and I-k (0 in
           * the padding, as in the previous character's). */
          mat_vec (prev, T, x->fwd_b, W, x->dense, a);
          for (guint t = x->dense; t < W; t += 4)
            {
              v4f v = load4 (prev + t - L) * load4 (x->into_i + t) + load4 (prev + t) * load4 (x->stay_i + t);

              memcpy (a + t, &v, sizeof v);
            }
        }
      for (guint t = 0; t < W; t += 4)
        {
          v4f v = load4 (a + t) * load4 (phi + i * W + t);

          memcpy (a + t, &v, sizeof v);
        }
      {
        v4f s4 = { 0, 0, 0, 0 };

        /* 0 in the padding. */
        for (guint t = 0; t < W; t += 4)
          s4 += load4 (a + t);
        sum = (s4[0] + s4[1]) + (s4[2] + s4[3]);
      }
      if (!(sum > 0) || !isfinite (sum))
        {
          g_autofree float *scaled_em = g_new (float, n * T);

          /* In the tags' order. */
          for (gsize j = 0; j < n; j++)
            for (guint t = 0; t < T; t++)
              scaled_em[j * T + t] = em[j * T + block[t]] / temperature;
          spans_with_confidence_log (self, trans, scaled_em, tags, n, offset, out);
          return;
        }
      scale[i] = sum;
      for (guint t = 0; t < W; t += 4)
        {
          v4f v = load4 (a + t) / sum;

          memcpy (a + t, &v, sizeof v);
        }
    }
  for (guint t = 0; t < W; t++)
    beta[(n - 1) * W + t] = t < T ? 1 : 0;
  for (gsize i = n - 1; i > first_end; i--)
    {
      float *b = beta + (i - 1) * W;

      for (guint q = 0; q < W; q += 4)
        {
          /* 0 in the padding. */
          v4f v = load4 (phi + i * W + q) * load4 (beta + i * W + q);

          memcpy (u + q, &v, sizeof v);
        }
      /* From every tag into O and the Bs, from B-k and I-k into I-k. */
      mat_vec (u, 1 + L, x->bwd_b, W, W, b);
      for (guint t = 0; t < W; t += 4)
        {
          v4f v = load4 (b + t) + load4 (x->into_b + t) * load4 (u + t + L) + load4 (x->stay_i + t) * load4 (u + t);

          v /= scale[i];
          memcpy (b + t, &v, sizeof v);
        }
    }

  for (gsize s = 0; s < n; s++)
    {
      guint b = tags[s];
      guint in;
      gsize e;
      double p;

      if (b == 0 || b % 2 == 0)
        continue;
      in = b + 1;
      e = span_end (tags, n, s);
      /* P(B at s, I up to e, anything but I at e) = α̂ · the steps · the rest. */
      p = alpha[s * W + block[b]];
      for (gsize j = s + 1; j < e; j++)
        p *= (double) x->fwd[tags[j - 1] * W + in] * phi[j * W + block[in]] / scale[j];
      if (e < n)
        {
          double rest = 0;
          guint last = tags[e - 1];

          for (guint q = 0; q < T; q++)
            if (q != in)
              rest += (double) x->fwd[last * W + q] * phi[e * W + block[q]] * beta[e * W + block[q]];
          p *= rest / scale[e];
        }
      append_span (self, out, offset, s, e, b, p);
    }
}

/* An external span of a text and a line it gives features to. */
typedef struct
{
  guint line;
  guint index;  /* in the text's external spans */
} LineSpan;

static int
line_span_compare (gconstpointer a,
                   gconstpointer b)
{
  const LineSpan *x = a;
  const LineSpan *y = b;

  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* The external spans with a tag @self knows that give features to each line
 * (those over a character of it), by line and in their order within a line, so
 * that each line's features read its own spans only. @line_starts: where each
 * line of the text starts, and its end. */
static GArray *
external_by_line (const BzTagger *self,
                  GArray         *external,
                  const gsize    *line_starts,
                  guint           n_lines)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (LineSpan));

  for (guint j = 0; j < external->len; j++)
    {
      const BzExtractorMatch *m = &g_array_index (external, BzExtractorMatch, j);
      guint lo = 0, hi = n_lines;

      if (m->end <= m->start || m->end <= 0
          || !g_hash_table_contains (self->external_tags, g_intern_string (m->label)))
        continue;
      /* The first line that ends after the span's start. */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if ((gint64) line_starts[mid + 1] <= m->start)
            lo = mid + 1;
          else
            hi = mid;
        }
      for (guint l = lo; l < n_lines && (gint64) line_starts[l] < m->end; l++)
        {
          LineSpan ls = { l, j };

          g_array_append_val (out, ls);
        }
    }
  g_array_sort (out, line_span_compare);
  return out;
}

void
_bz_tagger_predict_at (BzTagger    *self,
                       const char  *text,
                       GArray      *external,
                       const float *temperatures,
                       guint        n_temperatures,
                       GArray     **outs)
{
  guint T = self->n_tags;
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  BzFeatures features = { 0 };
  g_autofree float *scaled_trans = g_new (float, (gsize) n_temperatures * (T + 1) * T);
  gsize line_start = 0;

  chars = g_utf8_to_ucs4_fast (text, -1, &n);
  features.feats = g_array_new (FALSE, FALSE, sizeof (guint32));
  features.starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree ExpTrans *exp_trans = g_new0 (ExpTrans, n_temperatures);
  g_autofree float *steps = g_new (float, BZ_TAGGER_STEPS_FLOATS (self));
  g_autofree float *em = NULL;
  g_autofree guint8 *tags = NULL;
  gsize capacity = 0;
  FbScratch fb = { 0 };
  g_autoptr(GArray) line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) by_line = NULL;
  g_autoptr(GArray) line_external = g_array_new (FALSE, FALSE, sizeof (BzExtractorMatch));
  guint line = 0;
  guint next_span = 0;

  _bz_tagger_steps (self, self->trans, steps);

  for (guint k = 0; k < n_temperatures; k++)
    {
      for (guint j = 0; j < (T + 1) * T; j++)
        scaled_trans[k * (T + 1) * T + j] = self->trans[j] / temperatures[k];
      exp_trans_init (self, scaled_trans + k * (T + 1) * T, &exp_trans[k]);
    }

  /* The lines (a line starts after each line end), then the end. */
  for (gsize i = 0; i < (gsize) n; i++)
    if (i == 0 || chars[i - 1] == '\n')
      g_array_append_val (line_starts, i);
  {
    gsize end = (gsize) n;

    g_array_append_val (line_starts, end);
  }
  if (external != NULL && self->use_external && external->len > 0)
    by_line = external_by_line (self, external, (const gsize *) (gconstpointer) line_starts->data,
                                line_starts->len - 1);

  /* Entities never cross a line end: each line is decoded on its own. */
  for (; line_start < (gsize) n; line++)
    {
      gsize line_end = line_start;
      gsize len;

      while (line_end < (gsize) n && chars[line_end] != '\n')
        line_end++;
      len = line_end - line_start;
      /* This line's external spans. */
      g_array_set_size (line_external, 0);
      for (; by_line != NULL && next_span < by_line->len
             && g_array_index (by_line, LineSpan, next_span).line <= line; next_span++)
        if (g_array_index (by_line, LineSpan, next_span).line == line)
          g_array_append_val (line_external,
                              g_array_index (external, BzExtractorMatch,
                                             g_array_index (by_line, LineSpan, next_span).index));
      if (len > 0)
        {
          gsize from = 0;

          /* The buffers of the longest line so far. */
          if (len > capacity)
            {
              capacity = MAX (len, 2 * capacity);
              g_free (em);
              g_free (tags);
              em = g_new (float, capacity * T);
              tags = g_new (guint8, capacity);
            }

          _bz_tagger_features (self, chars + line_start, len, line_external, line_start, &features);
          _bz_tagger_emissions (self, &features, len, em);
          /* Sentences are decoded on their own, as in training. */
          while (from < len)
            {
              gsize to = _bz_tagger_sentence_end (chars + line_start, len, from);

              _bz_tagger_viterbi (self, steps, em + from * T, to - from, tags + from);
              from = to;
            }
          /* The probabilities at each temperature: the scores of a perceptron are
           * too sharp to be probabilities as they are. */
          for (from = 0; from < len;)
            {
              gsize to = _bz_tagger_sentence_end (chars + line_start, len, from);
              gboolean any = FALSE;

              /* Only the sentences where a span was found. */
              for (gsize j = from; j < to && !any; j++)
                any = tags[j] != 0;
              for (guint k = 0; k < n_temperatures && any; k++)
                spans_with_confidence (self, scaled_trans + k * (T + 1) * T, &exp_trans[k], em + from * T,
                                       temperatures[k], tags + from, to - from, line_start + from, &fb, outs[k]);
              from = to;
            }
        }
      line_start = line_end + 1;
    }

  g_array_unref (features.feats);
  g_array_unref (features.starts);
  for (guint k = 0; k < n_temperatures; k++)
    exp_trans_clear (&exp_trans[k]);
  fb_scratch_clear (&fb);
}

GArray *
bz_tagger_predict (BzTagger   *self,
                   const char *text,
                   GArray     *external)
{
  GArray *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  out = g_array_new (FALSE, FALSE, sizeof (BzTaggerSpan));
  _bz_tagger_predict_at (self, text, external, &self->temperature, 1, &out);
  return out;
}

/* --- combination with the rules ----------------------------------------------------- */

static int
span_compare (gconstpointer a,
              gconstpointer b)
{
  const BzTaggerSpan *x = a;
  const BzTaggerSpan *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return strcmp (x->label, y->label);
}

typedef struct
{
  BzTaggerSpan span;
  guint        index;   /* the tagger span's index, for a stable order */
} Ranked;

static int
ranked_compare (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a;
  const Ranked *y = b;

  if (x->span.confidence != y->span.confidence)
    return x->span.confidence > y->span.confidence ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* The spans of one side still standing, by start: where those that may overlap
 * [s, e) are found, every span being at most @longest long. */
typedef struct
{
  gint64 start;
  guint  index;  /* in the side's array */
} ByStart;

static int
by_start_compare (gconstpointer a,
                  gconstpointer b)
{
  const ByStart *x = a;
  const ByStart *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static int
by_start_compare_data (gconstpointer a,
                       gconstpointer b,
                       gpointer      data)
{
  return by_start_compare (a, b);
}

/* The first of @sorted (@n, by start) whose start is above @after. */
static guint
first_after (const ByStart *sorted,
             guint          n,
             gint64         after)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (sorted[mid].start > after)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

static gboolean
overlaps (const BzTaggerSpan *k,
          const BzTaggerSpan *t)
{
  return k->start < t->end && t->start < k->end;
}

GArray *
bz_tagger_combine (GArray *tagged,
                   GArray *rules,
                   double  min_confidence)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GArray) rules_by_start = NULL;
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (BzTaggerSpan));
  g_autoptr(GTree) taken_by_start = NULL;
  g_autofree gboolean *removed = NULL;
  gint64 longest = 0;
  GArray *out;

  g_return_val_if_fail (tagged != NULL, NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  /* A span [ks, ke) overlaps [s, e) only if ks < e and s < ke <= ks + longest. */
  for (guint i = 0; i < rules->len; i++)
    {
      const BzTaggerSpan *k = &g_array_index (rules, BzTaggerSpan, i);

      longest = MAX (longest, k->end - k->start);
    }
  for (guint i = 0; i < tagged->len; i++)
    {
      Ranked r = { g_array_index (tagged, BzTaggerSpan, i), i };

      longest = MAX (longest, r.span.end - r.span.start);
      g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, ranked_compare);
  rules_by_start = g_array_sized_new (FALSE, FALSE, sizeof (ByStart), rules->len);
  for (guint i = 0; i < rules->len; i++)
    {
      ByStart b = { g_array_index (rules, BzTaggerSpan, i).start, i };

      g_array_append_val (rules_by_start, b);
    }
  g_array_sort (rules_by_start, by_start_compare);
  removed = g_new0 (gboolean, rules->len + 1);
  taken_by_start = g_tree_new_full (by_start_compare_data, NULL, g_free, NULL);

  /* The surest tagger spans first: each one blocked by a tagger span already
   * taken, or standing against the surest rule span it overlaps. */
  for (guint i = 0; i < ranked->len; i++)
    {
      const BzTaggerSpan *t = &g_array_index (ranked, Ranked, i).span;
      const ByStart *sorted = (const ByStart *) (gconstpointer) rules_by_start->data;
      ByStart low = { t->start - longest, G_MAXUINT };
      guint from = first_after (sorted, rules_by_start->len, t->start - longest);
      double best_rule = -1;
      gboolean blocked = FALSE;
      GTreeNode *node;

      for (node = g_tree_upper_bound (taken_by_start, &low);
           node != NULL && !blocked && ((const ByStart *) g_tree_node_key (node))->start < t->end;
           node = g_tree_node_next (node))
        blocked = overlaps (&g_array_index (taken, BzTaggerSpan, ((const ByStart *) g_tree_node_key (node))->index), t);
      if (blocked)
        continue;
      for (guint j = from; j < rules_by_start->len && sorted[j].start < t->end; j++)
        {
          const BzTaggerSpan *k = &g_array_index (rules, BzTaggerSpan, sorted[j].index);

          if (!removed[sorted[j].index] && overlaps (k, t))
            best_rule = MAX (best_rule, k->confidence);
        }
      if (best_rule < 0 ? t->confidence < min_confidence : t->confidence <= best_rule)
        continue;
      for (guint j = from; j < rules_by_start->len && sorted[j].start < t->end; j++)
        if (overlaps (&g_array_index (rules, BzTaggerSpan, sorted[j].index), t))
          removed[sorted[j].index] = TRUE;
      {
        ByStart *key = g_new (ByStart, 1);

        key->start = t->start;
        key->index = taken->len;
        g_array_append_val (taken, *t);
        g_tree_insert (taken_by_start, key, key);
      }
    }

  /* The rule spans standing in their order, then the tagger's in the order taken,
   * sorted (a stable sort). */
  out = g_array_sized_new (FALSE, FALSE, sizeof (BzTaggerSpan), rules->len + taken->len);
  for (guint i = 0; i < rules->len; i++)
    if (!removed[i])
      g_array_append_val (out, g_array_index (rules, BzTaggerSpan, i));
  g_array_append_vals (out, taken->data, taken->len);
  g_array_sort (out, span_compare);
  return out;
}
