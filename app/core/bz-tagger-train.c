/* bz-tagger-train.c: training texts and the averaged perceptron's training
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-tagger"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bz-eval-private.h"
#include "bz-tagger-private.h"

/* What a rejected span costs in loss-augmented decoding, relative to one update:
 * the model must beat it by this margin, not merely prefer O. */
#define NEGATIVE_MARGIN 2.0

BzTaggerDoc *
bz_tagger_doc_new (const char *report,
                   const char *id,
                   const char *text)
{
  BzTaggerDoc *doc;

  g_return_val_if_fail (text != NULL, NULL);

  doc = g_new0 (BzTaggerDoc, 1);
  doc->report = g_strdup (report);
  doc->id = g_strdup (id);
  doc->text = g_strdup (text);
  doc->positive = g_array_new (FALSE, FALSE, sizeof (BzExtractorMatch));
  doc->negative = g_array_new (FALSE, FALSE, sizeof (BzExtractorMatch));
  return doc;
}

void
bz_tagger_doc_free (BzTaggerDoc *doc)
{
  if (doc == NULL)
    return;

  g_free (doc->report);
  g_free (doc->id);
  g_free (doc->text);
  g_clear_pointer (&doc->positive, g_array_unref);
  g_clear_pointer (&doc->negative, g_array_unref);
  g_clear_pointer (&doc->external, g_array_unref);
  g_free (doc);
}

void
bz_tagger_doc_add (GArray     *spans,
                   gint64      start,
                   gint64      end,
                   const char *label)
{
  BzExtractorMatch m = { start, end, g_intern_string (label) };

  g_return_if_fail (spans != NULL);
  g_return_if_fail (label != NULL);

  g_array_append_val (spans, m);
}

static gboolean
read_gold_file (GPtrArray   *docs,
                const char  *path,
                GError     **error)
{
  g_autoptr(BzEvalSet) set = bz_eval_set_new ();
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (!bz_eval_set_add_file (set, path, error))
    return FALSE;
  if (dot != NULL && dot != base)
    *dot = '\0';

  for (guint i = 0; i < set->docs->len; i++)
    {
      const BzEvalDoc *gold = g_ptr_array_index (set->docs, i);
      const char *colon = gold->id != NULL ? strrchr (gold->id, ':') : NULL;
      g_autofree char *report = colon != NULL ? g_strndup (gold->id, colon - gold->id) : g_strdup (base);
      BzTaggerDoc *doc = bz_tagger_doc_new (report, gold->id, gold->text);

      for (guint j = 0; j < gold->spans->len; j++)
        {
          const BzEvalRange *r = &g_array_index (gold->spans, BzEvalRange, j);

          bz_tagger_doc_add (doc->positive, r->start, r->end, r->label);
        }
      g_ptr_array_add (docs, doc);
    }
  return TRUE;
}

gboolean
bz_tagger_read_gold (GPtrArray   *docs,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GPtrArray) read = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_tagger_doc_free);

  g_return_val_if_fail (docs != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        return FALSE;
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".jsonl"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, _bz_tagger_compare_strings);
      if (names->len == 0)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                       _("%s: no gold file (*.jsonl) in this folder"), path);
          return FALSE;
        }
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *file = g_build_filename (path, g_ptr_array_index (names, i), NULL);

          if (!read_gold_file (read, file, error))
            return FALSE;
        }
    }
  else if (!read_gold_file (read, path, error))
    return FALSE;

  for (guint i = 0; i < read->len; i++)
    g_ptr_array_add (docs, g_steal_pointer (&read->pdata[i]));
  g_ptr_array_set_free_func (read, NULL);
  return TRUE;
}

GArray *
bz_tagger_external_tags (BzExtractor   *extractor,
                         BzTaggerLists *lists,
                         const char    *text)
{
  g_autoptr(GArray) matches = NULL;

  g_return_val_if_fail (BZ_IS_EXTRACTOR (extractor), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  /* The built-in extractor cannot fail once built. */
  matches = bz_extractor_match (extractor, text, NULL);
  if (matches == NULL)
    return g_array_new (FALSE, FALSE, sizeof (BzExtractorMatch));
  for (guint i = 0; i < matches->len; i++)
    {
      BzExtractorMatch *m = &g_array_index (matches, BzExtractorMatch, i);
      g_autofree char *tag = g_strconcat ("rules:", m->label, NULL);

      m->label = g_intern_string (tag);
    }
  if (lists != NULL)
    bz_tagger_lists_add_tags (lists, text, matches);
  return g_steal_pointer (&matches);
}

/* --- training ------------------------------------------------------------------ */

/* One line of a training text, ready for the perceptron. */
typedef struct
{
  gsize       n;
  guint8     *gold;
  float      *cost;   /* n × n_tags, or NULL: the margin of the rejected spans */
  BzFeatures  features;
} Segment;

static void
segment_free (Segment *seg)
{
  g_free (seg->gold);
  g_free (seg->cost);
  g_clear_pointer (&seg->features.feats, g_array_unref);
  g_clear_pointer (&seg->features.starts, g_array_unref);
  g_free (seg);
}

static int
label_index (const BzTagger *self,
             const char     *label)
{
  for (guint k = 0; k < self->n_labels; k++)
    if (self->labels[k] == label)
      return (int) k;
  return -1;
}

/* Cuts @doc into lines with their gold tags; appends them to @segments. */
static void
prepare_doc (const BzTagger    *self,
             const BzTaggerDoc *doc,
             GPtrArray         *segments)
{
  glong n = 0;
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (doc->text, -1, &n);
  g_autofree guint8 *gold = g_new0 (guint8, n + 1);
  g_autofree gboolean *covered = g_new0 (gboolean, n + 1);
  g_autofree float *cost = NULL;
  guint T = self->n_tags;
  gsize line_start = 0;

  for (guint j = 0; j < doc->positive->len; j++)
    {
      const BzExtractorMatch *m = &g_array_index (doc->positive, BzExtractorMatch, j);
      int k = label_index (self, g_intern_string (m->label));
      gboolean free_range = TRUE;

      if (k < 0 || m->start < 0 || m->end > n || m->start >= m->end)
        continue;
      for (gint64 i = m->start; i < m->end; i++)
        if (covered[i] || chars[i] == '\n')
          free_range = FALSE;
      /* Overlapping spans cannot both be tags: the first one wins. */
      if (!free_range)
        continue;
      for (gint64 i = m->start; i < m->end; i++)
        {
          covered[i] = TRUE;
          gold[i] = (guint8) (i == m->start ? 1 + 2 * k : 2 + 2 * k);
        }
    }
  for (guint j = 0; j < doc->negative->len; j++)
    {
      const BzExtractorMatch *m = &g_array_index (doc->negative, BzExtractorMatch, j);
      int k = label_index (self, g_intern_string (m->label));

      if (k < 0 || m->start < 0 || m->end > n || m->start >= m->end)
        continue;
      if (cost == NULL)
        cost = g_new0 (float, (gsize) n * T);
      for (gint64 i = m->start; i < m->end; i++)
        if (!covered[i])
          {
            cost[i * T + _bz_tagger_block (self->n_labels, 1 + 2 * k)] = NEGATIVE_MARGIN;
            cost[i * T + _bz_tagger_block (self->n_labels, 2 + 2 * k)] = NEGATIVE_MARGIN;
          }
    }

  while (line_start < (gsize) n)
    {
      gsize line_end = line_start;

      while (line_end < (gsize) n && chars[line_end] != '\n')
        line_end++;
      if (line_end > line_start)
        {
          gsize len = line_end - line_start;
          gsize from = 0;
          BzFeatures features;

          /* The features see the whole line; each sentence is one training sequence
           * (many short sequences: many updates), unless a span crosses its end. */
          features.feats = g_array_new (FALSE, FALSE, sizeof (guint32));
          features.starts = g_array_new (FALSE, FALSE, sizeof (guint32));
          _bz_tagger_features (self, chars + line_start, len, doc->external, line_start, &features);
          while (from < len)
            {
              gsize to = _bz_tagger_sentence_end (chars + line_start, len, from);
              Segment *seg;
              guint32 base;

              while (to < len && gold[line_start + to] != 0 && gold[line_start + to] % 2 == 0)
                to = _bz_tagger_sentence_end (chars + line_start, len, to);
              seg = g_new0 (Segment, 1);
              seg->n = to - from;
              seg->gold = g_memdup2 (gold + line_start + from, seg->n);
              if (cost != NULL)
                seg->cost = g_memdup2 (cost + (line_start + from) * T, seg->n * T * sizeof (float));
              seg->features.feats = g_array_new (FALSE, FALSE, sizeof (guint32));
              seg->features.starts = g_array_new (FALSE, FALSE, sizeof (guint32));
              base = g_array_index (features.starts, guint32, from);
              g_array_append_vals (seg->features.feats, &g_array_index (features.feats, guint32, base),
                                   g_array_index (features.starts, guint32, to) - base);
              for (gsize i = from; i <= to; i++)
                {
                  guint32 start = g_array_index (features.starts, guint32, i) - base;

                  g_array_append_val (seg->features.starts, start);
                }
              g_ptr_array_add (segments, seg);
              from = to;
            }
          g_array_unref (features.feats);
          g_array_unref (features.starts);
        }
      line_start = line_end + 1;
    }
}

static void
update (BzTagger     *self,
        double       *acc,
        double       *acc_trans,
        const Segment *seg,
        const guint8  *pred,
        double         c)
{
  guint T = self->n_tags;

  for (gsize i = 0; i < seg->n; i++)
    {
      guint g = seg->gold[i];
      guint p = pred[i];
      guint gp = i > 0 ? seg->gold[i - 1] : T;
      guint pp = i > 0 ? pred[i - 1] : T;

      if (g != p)
        {
          guint bg = _bz_tagger_block (self->n_labels, g);
          guint bp = _bz_tagger_block (self->n_labels, p);
          guint32 from = g_array_index (seg->features.starts, guint32, i);
          guint32 to = g_array_index (seg->features.starts, guint32, i + 1);

          for (guint32 j = from; j < to; j++)
            {
              gsize b = (gsize) g_array_index (seg->features.feats, guint32, j) * self->stride;

              self->weights[b + bg] += 1;
              acc[b + bg] += c;
              self->weights[b + bp] -= 1;
              acc[b + bp] -= c;
            }
        }
      if (g != p || gp != pp)
        {
          self->trans[gp * T + g] += 1;
          acc_trans[gp * T + g] += c;
          self->trans[pp * T + p] -= 1;
          acc_trans[pp * T + p] -= c;
        }
    }
}

static BzTagger *
train_model (GPtrArray              *docs,
             const BzTaggerOptions  *options,
             GError                **error)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func ((GDestroyNotify) segment_free);
  g_autoptr(BzTagger) self = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree guint *order = NULL;
  g_autofree double *acc = NULL;
  g_autofree double *acc_trans = NULL;
  g_autofree float *steps = NULL;
  guint n_positive = 0;
  guint table_bits;
  guint T;
  gsize n_weights;
  guint64 n_chars = 0;
  guint passes;
  double c = 1;

  /* The labels in name order, so that the model does not depend on the docs' order. */
  for (guint i = 0; i < docs->len; i++)
    {
      const BzTaggerDoc *doc = g_ptr_array_index (docs, i);

      for (guint j = 0; j < doc->positive->len; j++)
        {
          const char *label = g_intern_string (g_array_index (doc->positive, BzExtractorMatch, j).label);

          n_positive++;
          if (!g_ptr_array_find (labels, label, NULL))
            g_ptr_array_add (labels, (gpointer) label);
        }
    }
  if (n_positive == 0)
    {
      g_set_error (error, BZ_TAGGER_ERROR, BZ_TAGGER_ERROR_NO_DATA,
                   _("Nothing to train on: the training texts hold no annotated span"));
      return NULL;
    }
  if (labels->len > BZ_TAGGER_MAX_LABELS)
    {
      g_set_error (error, BZ_TAGGER_ERROR, BZ_TAGGER_ERROR_NO_DATA,
                   _("The training texts have %u labels; a model holds at most %u"),
                   labels->len, BZ_TAGGER_MAX_LABELS);
      return NULL;
    }
  g_ptr_array_sort (labels, _bz_tagger_compare_strings);

  table_bits = options->table_bits > 0 ? options->table_bits : BZ_TAGGER_DEFAULT_TABLE_BITS;
  g_return_val_if_fail (table_bits <= BZ_TAGGER_MAX_TABLE_BITS, NULL);
  self = _bz_tagger_new ((const char *const *) labels->pdata, labels->len,
                         1u << table_bits, options->use_external);
  T = self->n_tags;
  for (guint i = 0; i < docs->len && self->use_external; i++)
    {
      const BzTaggerDoc *doc = g_ptr_array_index (docs, i);

      for (guint j = 0; doc->external != NULL && j < doc->external->len; j++)
        {
          const char *tag = g_intern_string (g_array_index (doc->external, BzExtractorMatch, j).label);

          if (g_hash_table_size (self->external_tags) < BZ_TAGGER_MAX_EXTERNAL_TAGS)
            g_hash_table_add (self->external_tags, (gpointer) tag);
        }
    }
  for (guint i = 0; i < docs->len; i++)
    prepare_doc (self, g_ptr_array_index (docs, i), segments);

  n_weights = (gsize) self->n_buckets * self->stride;
  acc = g_new0 (double, n_weights);
  acc_trans = g_new0 (double, (gsize) (T + 1) * T);
  order = g_new (guint, segments->len);
  for (guint i = 0; i < segments->len; i++)
    order[i] = i;
  rand = g_rand_new_with_seed (options->seed);

  /* The passes: as asked, unless they would decode more than BZ_TAGGER_TRAINING_STEPS
   * characters; then as many as fit (at least one). */
  passes = options->iterations > 0 ? options->iterations : 10;
  for (guint i = 0; i < segments->len; i++)
    n_chars += ((const Segment *) g_ptr_array_index (segments, i))->n;
  if (n_chars > 0 && (guint64) n_chars * passes > BZ_TAGGER_TRAINING_STEPS)
    passes = (guint) MAX (1, (BZ_TAGGER_TRAINING_STEPS + n_chars - 1) / n_chars);
  steps = g_new (float, BZ_TAGGER_STEPS_FLOATS (self));
  _bz_tagger_steps (self, self->trans, steps);
  for (guint it = 0; it < passes; it++)
    {
      for (guint i = segments->len; i > 1; i--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
          guint tmp = order[i - 1];

          order[i - 1] = order[j];
          order[j] = tmp;
        }
      for (guint i = 0; i < segments->len; i++)
        {
          const Segment *seg = g_ptr_array_index (segments, order[i]);
          g_autofree float *em = g_new (float, seg->n * T);
          g_autofree guint8 *pred = g_new (guint8, seg->n);

          _bz_tagger_emissions (self, &seg->features, seg->n, em);
          if (seg->cost != NULL)
            for (gsize k = 0; k < seg->n * T; k++)
              em[k] += seg->cost[k];
          _bz_tagger_viterbi (self, steps, em, seg->n, pred);
          if (memcmp (pred, seg->gold, seg->n) != 0)
            {
              update (self, acc, acc_trans, seg, pred, c);
              _bz_tagger_steps (self, self->trans, steps);
            }
          c++;
        }
    }

  /* The average of the weights over every step, without summing them at each step. */
  for (gsize k = 0; k < n_weights; k++)
    self->weights[k] = (float) (self->weights[k] - acc[k] / c);
  for (gsize k = 0; k < (gsize) (T + 1) * T; k++)
    self->trans[k] = (float) (self->trans[k] - acc_trans[k] / c);
  return g_steal_pointer (&self);
}

/* The temperatures tried in calibration. */
static const float temperatures[] = { 1, 1.5f, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48 };

/* Adds to @loss (one per temperature) the log loss of @model's spans on the docs of
 * @report: how well their confidence says whether they are right. */
static void
add_log_loss (BzTagger   *model,
              GPtrArray  *docs,
              const char *report,
              double     *loss)
{
  const guint n_t = G_N_ELEMENTS (temperatures);

  for (guint i = 0; i < docs->len; i++)
    {
      const BzTaggerDoc *doc = g_ptr_array_index (docs, i);
      GArray *outs[G_N_ELEMENTS (temperatures)];

      if (g_strcmp0 (doc->report, report) != 0)
        continue;
      for (guint t = 0; t < n_t; t++)
        outs[t] = g_array_new (FALSE, FALSE, sizeof (BzTaggerSpan));
      _bz_tagger_predict_at (model, doc->text, doc->external, temperatures, n_t, outs);
      for (guint t = 0; t < n_t; t++)
        {
          for (guint j = 0; j < outs[t]->len; j++)
            {
              const BzTaggerSpan *span = &g_array_index (outs[t], BzTaggerSpan, j);
              double p = CLAMP (span->confidence, 1e-6, 1 - 1e-6);
              gboolean right = FALSE;

              for (guint k = 0; k < doc->positive->len && !right; k++)
                {
                  const BzExtractorMatch *m = &g_array_index (doc->positive, BzExtractorMatch, k);

                  right = m->start == span->start && m->end == span->end
                          && g_intern_string (m->label) == span->label;
                }
              loss[t] -= right ? log (p) : log (1 - p);
            }
          g_array_unref (outs[t]);
        }
    }
}

BzTagger *
bz_tagger_train (GPtrArray              *docs,
                 const BzTaggerOptions  *options,
                 GError                **error)
{
  BzTaggerOptions defaults;
  BzTaggerOptions inner;
  g_autoptr(BzTagger) self = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new ();
  double loss[G_N_ELEMENTS (temperatures)] = { 0 };
  guint best = 0;

  g_return_val_if_fail (docs != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      bz_tagger_options_init (&defaults);
      options = &defaults;
    }
  self = train_model (docs, options, error);
  if (self == NULL || !options->calibrate)
    return g_steal_pointer (&self);

  /* The temperature of the confidences: the one whose probabilities best predict
   * which spans are right on reports a model did not see, leaving one report out
   * (at most BZ_TAGGER_CALIBRATION_FOLDS of them, the first ones). */
  for (guint i = 0; i < docs->len; i++)
    {
      const char *report = g_intern_string (((BzTaggerDoc *) g_ptr_array_index (docs, i))->report);

      if (report != NULL && !g_ptr_array_find (reports, report, NULL))
        g_ptr_array_add (reports, (gpointer) report);
    }
  if (reports->len < 2)
    return g_steal_pointer (&self);
  inner = *options;
  inner.calibrate = FALSE;
  for (guint r = 0; r < MIN (reports->len, BZ_TAGGER_CALIBRATION_FOLDS); r++)
    {
      g_autoptr(GPtrArray) train = g_ptr_array_new ();
      g_autoptr(BzTagger) model = NULL;

      for (guint i = 0; i < docs->len; i++)
        {
          BzTaggerDoc *doc = g_ptr_array_index (docs, i);

          if (g_intern_string (doc->report) != reports->pdata[r])
            g_ptr_array_add (train, doc);
        }
      model = train_model (train, &inner, NULL);
      if (model != NULL)
        add_log_loss (model, docs, reports->pdata[r], loss);
    }
  for (guint t = 1; t < G_N_ELEMENTS (temperatures); t++)
    if (loss[t] < loss[best])
      best = t;
  self->temperature = temperatures[best];
  return g_steal_pointer (&self);
}
