/* bz-agreement.c: agreement between reviewers who annotated the same reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-agreement"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "bz-agreement-private.h"

G_DEFINE_QUARK (bz-agreement-error-quark, bz_agreement_error)

/* ---- input ------------------------------------------------------------- */

typedef struct
{
  guint start;
  guint end;
  guint label; /* an input label id, later a report label index */
} Span;

typedef struct
{
  guint   reviewer; /* an input reviewer id */
  GArray *spans;    /* Span */
} Annotation;

typedef struct
{
  char   *key;
  guint   n_chars;
  GArray *annotations; /* Annotation */
} InputDocument;

/* Names given ids in the order they first appear. */
typedef struct
{
  GPtrArray  *names;
  GHashTable *ids; /* name → id + 1 */
} Names;

struct _BzAgreementInput
{
  GPtrArray  *documents;      /* InputDocument */
  GHashTable *document_index; /* key → InputDocument */
  Names       reviewers;
  Names       labels;
  GHashTable *label_filter;    /* name set, or NULL */
  GHashTable *reviewer_filter; /* name set, or NULL */
};

static void
annotation_clear (gpointer data)
{
  Annotation *annotation = data;

  g_clear_pointer (&annotation->spans, g_array_unref);
}

static void
input_document_free (gpointer data)
{
  InputDocument *document = data;

  g_free (document->key);
  g_array_unref (document->annotations);
  g_free (document);
}

static void
names_init (Names *names)
{
  names->names = g_ptr_array_new_with_free_func (g_free);
  names->ids = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
names_clear (Names *names)
{
  g_clear_pointer (&names->ids, g_hash_table_unref);
  g_clear_pointer (&names->names, g_ptr_array_unref);
}

static guint
names_intern (Names      *names,
              const char *name)
{
  gpointer id = g_hash_table_lookup (names->ids, name);
  char *copy;

  if (id != NULL)
    return GPOINTER_TO_UINT (id) - 1;
  copy = g_strdup (name);
  g_ptr_array_add (names->names, copy);
  g_hash_table_insert (names->ids, copy, GUINT_TO_POINTER (names->names->len));
  return names->names->len - 1;
}

BzAgreementInput *
bz_agreement_input_new (void)
{
  BzAgreementInput *self = g_new0 (BzAgreementInput, 1);

  self->documents = g_ptr_array_new_with_free_func (input_document_free);
  self->document_index = g_hash_table_new (g_str_hash, g_str_equal);
  names_init (&self->reviewers);
  names_init (&self->labels);
  return self;
}

void
bz_agreement_input_free (BzAgreementInput *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->document_index);
  g_ptr_array_unref (self->documents);
  names_clear (&self->reviewers);
  names_clear (&self->labels);
  g_clear_pointer (&self->label_filter, g_hash_table_unref);
  g_clear_pointer (&self->reviewer_filter, g_hash_table_unref);
  g_free (self);
}

gboolean
bz_agreement_input_add_document (BzAgreementInput *self,
                                 const char       *key,
                                 guint             n_chars,
                                 GError          **error)
{
  InputDocument *document;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (*key == '\0')
    {
      g_set_error (error, BZ_AGREEMENT_ERROR, BZ_AGREEMENT_ERROR_INVALID,
                   _("A document has an empty key"));
      return FALSE;
    }
  if (g_hash_table_contains (self->document_index, key))
    {
      g_set_error (error, BZ_AGREEMENT_ERROR, BZ_AGREEMENT_ERROR_DUPLICATE,
                   _("Document “%s” is given twice"), key);
      return FALSE;
    }
  document = g_new0 (InputDocument, 1);
  document->key = g_strdup (key);
  document->n_chars = n_chars;
  document->annotations = g_array_new (FALSE, FALSE, sizeof (Annotation));
  g_array_set_clear_func (document->annotations, annotation_clear);
  g_ptr_array_add (self->documents, document);
  g_hash_table_insert (self->document_index, document->key, document);
  return TRUE;
}

/* Returns: (nullable): the annotation of @reviewer in @key, added when missing */
static Annotation *
find_annotation (BzAgreementInput *self,
                 const char       *key,
                 const char       *reviewer,
                 GError          **error)
{
  InputDocument *document = g_hash_table_lookup (self->document_index, key);
  Annotation annotation = { 0 };

  if (document == NULL)
    {
      g_set_error (error, BZ_AGREEMENT_ERROR, BZ_AGREEMENT_ERROR_NOT_FOUND,
                   _("Unknown document “%s”"), key);
      return NULL;
    }
  if (*reviewer == '\0')
    {
      g_set_error (error, BZ_AGREEMENT_ERROR, BZ_AGREEMENT_ERROR_INVALID,
                   _("Document “%s”: a reviewer has an empty name"), key);
      return NULL;
    }
  annotation.reviewer = names_intern (&self->reviewers, reviewer);
  for (guint i = 0; i < document->annotations->len; i++)
    {
      Annotation *known = &g_array_index (document->annotations, Annotation, i);

      if (known->reviewer == annotation.reviewer)
        return known;
    }
  annotation.spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_array_append_val (document->annotations, annotation);
  return &g_array_index (document->annotations, Annotation, document->annotations->len - 1);
}

gboolean
bz_agreement_input_add_annotator (BzAgreementInput *self,
                                  const char       *document,
                                  const char       *reviewer,
                                  GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (document != NULL && reviewer != NULL, FALSE);

  return find_annotation (self, document, reviewer, error) != NULL;
}

gboolean
bz_agreement_input_add_span (BzAgreementInput *self,
                             const char       *document,
                             const char       *reviewer,
                             gint64            start,
                             gint64            end,
                             const char       *label,
                             GError          **error)
{
  InputDocument *known;
  Annotation *annotation;
  Span span;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (document != NULL && reviewer != NULL && label != NULL, FALSE);

  /* Checked before the annotation is added, so that a refusal changes nothing. */
  known = g_hash_table_lookup (self->document_index, document);
  if (known != NULL && (start < 0 || end <= start || end > known->n_chars))
    {
      g_set_error (error, BZ_AGREEMENT_ERROR, BZ_AGREEMENT_ERROR_INVALID,
                   _("Document “%s”: span [%lld, %lld) of %s does not fit its %u characters"),
                   document, (long long) start, (long long) end, reviewer, known->n_chars);
      return FALSE;
    }
  if (known != NULL && *label == '\0')
    {
      g_set_error (error, BZ_AGREEMENT_ERROR, BZ_AGREEMENT_ERROR_INVALID,
                   _("Document “%s”: a span of %s has an empty label"), document, reviewer);
      return FALSE;
    }
  annotation = find_annotation (self, document, reviewer, error);
  if (annotation == NULL)
    return FALSE;
  span.start = (guint) start;
  span.end = (guint) end;
  span.label = names_intern (&self->labels, label);
  g_array_append_val (annotation->spans, span);
  return TRUE;
}

static GHashTable *
name_set_new (const char * const *names)
{
  GHashTable *set;

  if (names == NULL)
    return NULL;
  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (names[i]));
  return set;
}

void
bz_agreement_input_set_labels (BzAgreementInput   *self,
                               const char * const *labels)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->label_filter, g_hash_table_unref);
  self->label_filter = name_set_new (labels);
}

void
bz_agreement_input_set_reviewers (BzAgreementInput   *self,
                                  const char * const *reviewers)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->reviewer_filter, g_hash_table_unref);
  self->reviewer_filter = name_set_new (reviewers);
}

/* ---- counts ------------------------------------------------------------ */

/* What a pair of reviewers' tags give over some characters: enough for F1, κ and
 * their α. Every count adds up over documents. */
typedef struct
{
  guint64  units;
  guint64  agree;  /* the same tag */
  guint64  both_o;
  guint64 *v;      /* the arrays below, in one block */
  guint64 *count[2];   /* [class]: characters each reviewer tagged with the class */
  guint64 *both_in;    /* [label]: characters both put in the label */
  guint64 *spans[2];   /* [label]: each reviewer's spans */
  guint64 *matched;    /* [label]: spans both marked */
} PairCounts;

/* What Krippendorff's α needs, for any number of reviewers; adds up over documents. */
typedef struct
{
  guint64  units;
  guint64  units_all_o;  /* units where every value is 'O' */
  double   values;       /* n: pairable values */
  double   values_all_o; /* the values of those units */
  double   disagree;     /* Σ_{c≠k} o_ck */
  double  *v;
  double  *n_c;             /* [class] */
  double  *disagree_label;  /* [label]: Σ o_ck of "in the label" against "not" */
  double  *units_any;       /* [label]: units where some value is in the label */
  double  *values_any;      /* [label]: their values */
} AlphaCounts;

typedef struct
{
  guint n_labels;
  guint n_classes;
} Shape;

static void
pair_counts_init (PairCounts  *counts,
                  const Shape *shape)
{
  guint c = shape->n_classes, l = shape->n_labels;

  memset (counts, 0, sizeof *counts);
  counts->v = g_new0 (guint64, 2 * c + 4 * l);
  counts->count[0] = counts->v;
  counts->count[1] = counts->v + c;
  counts->both_in = counts->v + 2 * c;
  counts->spans[0] = counts->both_in + l;
  counts->spans[1] = counts->spans[0] + l;
  counts->matched = counts->spans[1] + l;
}

static void
pair_counts_clear (PairCounts *counts)
{
  g_clear_pointer (&counts->v, g_free);
}

static void
pair_counts_add (PairCounts       *sum,
                 const PairCounts *counts,
                 const Shape      *shape)
{
  sum->units += counts->units;
  sum->agree += counts->agree;
  sum->both_o += counts->both_o;
  for (guint i = 0; i < 2 * shape->n_classes + 4 * shape->n_labels; i++)
    sum->v[i] += counts->v[i];
}

static void
alpha_counts_init (AlphaCounts *counts,
                   const Shape *shape)
{
  guint c = shape->n_classes, l = shape->n_labels;

  memset (counts, 0, sizeof *counts);
  counts->v = g_new0 (double, c + 3 * l);
  counts->n_c = counts->v;
  counts->disagree_label = counts->v + c;
  counts->units_any = counts->disagree_label + l;
  counts->values_any = counts->units_any + l;
}

static void
alpha_counts_clear (AlphaCounts *counts)
{
  g_clear_pointer (&counts->v, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AlphaCounts, alpha_counts_clear)

static void
alpha_counts_add (AlphaCounts       *sum,
                  const AlphaCounts *counts,
                  const Shape       *shape)
{
  sum->units += counts->units;
  sum->units_all_o += counts->units_all_o;
  sum->values += counts->values;
  sum->values_all_o += counts->values_all_o;
  sum->disagree += counts->disagree;
  for (guint i = 0; i < shape->n_classes + 3 * shape->n_labels; i++)
    sum->v[i] += counts->v[i];
}

static inline guint64
in_label (const guint64 *count,
          guint          label)
{
  return count[1 + 2 * label] + count[2 + 2 * label];
}

/* Adds one document of @m reviewers to @alpha. A unit has m values, so it weighs
 * 1 / (m − 1) and Σ_{c≠k} o_ck of the document is 2 / (m − 1) times the pairs of
 * reviewers that differ, summed over its pairs (@pairs, @n_pairs). */
static void
alpha_counts_add_document (AlphaCounts       *alpha,
                           const Shape       *shape,
                           guint              m,
                           guint64            n_chars,
                           const PairCounts  *pairs,
                           guint              n_pairs,
                           const guint64     *class_counts,
                           guint64            units_all_o,
                           const guint64     *units_any)
{
  double weight = 2.0 / (m - 1);

  alpha->units += n_chars;
  alpha->units_all_o += units_all_o;
  alpha->values += (double) m * n_chars;
  alpha->values_all_o += (double) m * units_all_o;
  for (guint p = 0; p < n_pairs; p++)
    {
      alpha->disagree += weight * (double) (pairs[p].units - pairs[p].agree);
      for (guint l = 0; l < shape->n_labels; l++)
        alpha->disagree_label[l] += weight * (double) (in_label (pairs[p].count[0], l)
                                                       + in_label (pairs[p].count[1], l)
                                                       - 2 * pairs[p].both_in[l]);
    }
  for (guint c = 0; c < shape->n_classes; c++)
    alpha->n_c[c] += (double) class_counts[c];
  for (guint l = 0; l < shape->n_labels; l++)
    {
      alpha->units_any[l] += (double) units_any[l];
      alpha->values_any[l] += (double) m * units_any[l];
    }
}

/* The two reviewers of @counts as a document (or corpus) of their own. */
static void
alpha_counts_add_pair (AlphaCounts      *alpha,
                       const Shape      *shape,
                       const PairCounts *counts)
{
  g_autofree guint64 *class_counts = g_new (guint64, shape->n_classes);
  g_autofree guint64 *units_any = g_new (guint64, MAX (shape->n_labels, 1));

  for (guint c = 0; c < shape->n_classes; c++)
    class_counts[c] = counts->count[0][c] + counts->count[1][c];
  for (guint l = 0; l < shape->n_labels; l++)
    units_any[l] = in_label (counts->count[0], l) + in_label (counts->count[1], l) - counts->both_in[l];
  alpha_counts_add_document (alpha, shape, 2, counts->units, counts, 1, class_counts,
                             counts->both_o, units_any);
}

/* ---- figures ----------------------------------------------------------- */

static void
f1_fill (BzAgreementF1 *f1,
         guint64        reference_spans,
         guint64        other_spans,
         guint64        matched)
{
  f1->reference_spans = reference_spans;
  f1->other_spans = other_spans;
  f1->matched = matched;
  f1->precision = other_spans > 0 ? (double) matched / other_spans : NAN;
  f1->recall = reference_spans > 0 ? (double) matched / reference_spans : NAN;
  f1->f1 = reference_spans + other_spans > 0 ? 2.0 * matched / (reference_spans + other_spans) : NAN;
}

/* Cohen's κ of @units units, @agree of them with the same class, where
 * @sum_products is Σ_c a_c b_c of the two reviewers' class counts. */
static void
kappa_fill (BzAgreementCoefficient *kappa,
            double                  units,
            double                  agree,
            double                  sum_products)
{
  double square = units * units;

  kappa->units = (guint64) units;
  kappa->observed = units > 0 ? agree / units : NAN;
  kappa->expected = units > 0 ? sum_products / square : NAN;
  kappa->value = units > 0 && sum_products < square
                   ? (kappa->observed - kappa->expected) / (1.0 - kappa->expected)
                   : NAN;
}

/* Krippendorff's α from n (@values), Σ_{c≠k} o_ck (@disagree) and Σ_c n_c². */
static void
alpha_fill (BzAgreementCoefficient *alpha,
            double                  units,
            double                  values,
            double                  disagree,
            double                  sum_squares)
{
  double pairs_apart = values * values - sum_squares; /* Σ_{c≠k} n_c n_k */

  alpha->units = (guint64) units;
  alpha->observed = values > 0 ? disagree / values : NAN;
  alpha->expected = values > 1 ? pairs_apart / (values * (values - 1)) : NAN;
  alpha->value = values > 1 && pairs_apart > 0 ? 1.0 - (values - 1) * disagree / pairs_apart : NAN;
}

/* κ of a pair, all labels (@label < 0) or one label (binary). */
static void
kappa_of_pair (BzAgreementScore *score,
               const PairCounts *counts,
               const Shape      *shape,
               int               label)
{
  double n = (double) counts->units;

  if (label < 0)
    {
      double products = 0, products_tagged;
      double a0 = (double) counts->count[0][0], b0 = (double) counts->count[1][0];
      double both_o = (double) counts->both_o;

      for (guint c = 0; c < shape->n_classes; c++)
        products += (double) counts->count[0][c] * (double) counts->count[1][c];
      kappa_fill (&score->kappa, n, (double) counts->agree, products);
      /* Without the units both left 'O': only the 'O' counts change. */
      products_tagged = products - a0 * b0 + (a0 - both_o) * (b0 - both_o);
      kappa_fill (&score->kappa_no_o, n - both_o, (double) (counts->agree - counts->both_o),
                  products_tagged);
    }
  else
    {
      double a = (double) in_label (counts->count[0], label);
      double b = (double) in_label (counts->count[1], label);
      double both = (double) counts->both_in[label];
      double tagged = a + b - both;

      kappa_fill (&score->kappa, n, n - a - b + 2 * both, a * b + (n - a) * (n - b));
      kappa_fill (&score->kappa_no_o, tagged, both, a * b + (tagged - a) * (tagged - b));
    }
}

static void
alpha_of (BzAgreementScore  *score,
          const AlphaCounts *counts,
          const Shape       *shape,
          int                label)
{
  if (label < 0)
    {
      double squares = 0, n0 = counts->n_c[0], n0_tagged = n0 - counts->values_all_o;

      for (guint c = 0; c < shape->n_classes; c++)
        squares += counts->n_c[c] * counts->n_c[c];
      alpha_fill (&score->alpha, counts->units, counts->values, counts->disagree, squares);
      alpha_fill (&score->alpha_no_o, counts->units - counts->units_all_o,
                  counts->values - counts->values_all_o, counts->disagree,
                  squares - n0 * n0 + n0_tagged * n0_tagged);
    }
  else
    {
      double n1 = counts->n_c[1 + 2 * label] + counts->n_c[2 + 2 * label];
      double n0 = counts->values - n1, n0_tagged = counts->values_any[label] - n1;

      alpha_fill (&score->alpha, counts->units, counts->values, counts->disagree_label[label],
                  n0 * n0 + n1 * n1);
      alpha_fill (&score->alpha_no_o, counts->units_any[label], counts->values_any[label],
                  counts->disagree_label[label], n0_tagged * n0_tagged + n1 * n1);
    }
}

static void
f1_of_pair (BzAgreementScore *score,
            const PairCounts *counts,
            const Shape      *shape,
            int               label)
{
  guint64 ref = 0, other = 0, matched = 0;

  for (guint l = 0; l < shape->n_labels; l++)
    if (label < 0 || (guint) label == l)
      {
        ref += counts->spans[0][l];
        other += counts->spans[1][l];
        matched += counts->matched[l];
      }
  f1_fill (&score->f1, ref, other, matched);
}

/* The figures of one pair over its documents. */
static void
score_of_pair (BzAgreementScore *score,
               const PairCounts *counts,
               const Shape      *shape,
               int               label)
{
  g_auto(AlphaCounts) alpha = { 0 };

  alpha_counts_init (&alpha, shape);
  alpha_counts_add_pair (&alpha, shape, counts);
  f1_of_pair (score, counts, shape, label);
  kappa_of_pair (score, counts, shape, label);
  alpha_of (score, &alpha, shape, label);
}

/* Light's κ: the mean of the pairs' defined values. */
typedef struct
{
  double  sum[2];
  guint   n[2];
  guint64 units[2];
} KappaMean;

static void
kappa_mean_add (KappaMean              *mean,
                const BzAgreementScore *score)
{
  const BzAgreementCoefficient *kappas[2] = { &score->kappa, &score->kappa_no_o };

  for (guint i = 0; i < 2; i++)
    {
      mean->units[i] += kappas[i]->units;
      if (!isnan (kappas[i]->value))
        {
          mean->sum[i] += kappas[i]->value;
          mean->n[i]++;
        }
    }
}

static void
kappa_mean_fill (const KappaMean  *mean,
                 BzAgreementScore *score)
{
  BzAgreementCoefficient *kappas[2] = { &score->kappa, &score->kappa_no_o };

  for (guint i = 0; i < 2; i++)
    {
      kappas[i]->units = mean->units[i];
      kappas[i]->observed = NAN;
      kappas[i]->expected = NAN;
      kappas[i]->value = mean->n[i] > 0 ? mean->sum[i] / mean->n[i] : NAN;
    }
}

/* ---- computation ------------------------------------------------------- */

/* Spans in the order that decides overlaps: earlier start, longer, label name
 * (report label indices follow the names). */
static int
span_compare (const void *a,
              const void *b)
{
  const Span *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  if (x->label != y->label)
    return x->label < y->label ? -1 : 1;
  return 0;
}

static int
name_compare (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* One reviewer of the document being computed. */
typedef struct
{
  guint    reviewer; /* report index */
  GArray  *spans;    /* Span with report labels, sorted, without duplicates */
  guint32 *tags;     /* per character: 0 'O', 1 + 2l B-l, 2 + 2l I-l */
  guint64 *count;    /* [class] */
} Annotator;

static int
annotator_compare (gconstpointer a,
                   gconstpointer b)
{
  const Annotator *x = a, *y = b;

  return x->reviewer < y->reviewer ? -1 : x->reviewer > y->reviewer;
}

/* Takes the spans of @annotation whose label the report keeps (@label_map ≥ 0),
 * sorts them, drops duplicates and tags the characters. */
static void
annotator_fill (Annotator        *annotator,
                const Annotation *annotation,
                const int        *label_map,
                guint             n_chars,
                const Shape      *shape)
{
  guint frontier = 0, kept = 0;

  g_array_set_size (annotator->spans, 0);
  for (guint i = 0; i < annotation->spans->len; i++)
    {
      Span span = g_array_index (annotation->spans, Span, i);

      if (label_map[span.label] < 0)
        continue;
      span.label = (guint) label_map[span.label];
      g_array_append_val (annotator->spans, span);
    }
  g_array_sort (annotator->spans, span_compare);
  for (guint i = 0; i < annotator->spans->len; i++)
    {
      Span *span = &g_array_index (annotator->spans, Span, i);

      if (kept == 0 || span_compare (span, &g_array_index (annotator->spans, Span, kept - 1)) != 0)
        g_array_index (annotator->spans, Span, kept++) = *span;
    }
  g_array_set_size (annotator->spans, kept);

  /* Spans come by start, so the characters before the furthest end reached so
   * far from this span's start on are all taken already. */
  memset (annotator->tags, 0, n_chars * sizeof (guint32));
  for (guint i = 0; i < kept; i++)
    {
      const Span *span = &g_array_index (annotator->spans, Span, i);
      guint from = MAX (span->start, frontier);

      if (span->end <= frontier)
        continue;
      annotator->tags[from] = 1 + 2 * span->label;
      for (guint c = from + 1; c < span->end; c++)
        annotator->tags[c] = 2 + 2 * span->label;
      frontier = span->end;
    }

  memset (annotator->count, 0, shape->n_classes * sizeof (guint64));
  for (guint c = 0; c < n_chars; c++)
    annotator->count[annotator->tags[c]]++;
}

static void
pair_counts_fill (PairCounts      *counts,
                  const Annotator *a,
                  const Annotator *b,
                  guint            n_chars,
                  const Shape     *shape)
{
  const guint32 *ta = a->tags, *tb = b->tags;
  guint i = 0, j = 0;

  counts->units = n_chars;
  memcpy (counts->count[0], a->count, shape->n_classes * sizeof (guint64));
  memcpy (counts->count[1], b->count, shape->n_classes * sizeof (guint64));
  for (guint c = 0; c < n_chars; c++)
    {
      guint32 x = ta[c], y = tb[c];

      if (x == y)
        {
          counts->agree++;
          if (x == 0)
            counts->both_o++;
          else
            counts->both_in[(x - 1) >> 1]++;
        }
      else if (x != 0 && y != 0 && (x - 1) >> 1 == (y - 1) >> 1)
        counts->both_in[(x - 1) >> 1]++;
    }

  for (guint k = 0; k < a->spans->len; k++)
    counts->spans[0][g_array_index (a->spans, Span, k).label]++;
  for (guint k = 0; k < b->spans->len; k++)
    counts->spans[1][g_array_index (b->spans, Span, k).label]++;
  while (i < a->spans->len && j < b->spans->len)
    {
      const Span *x = &g_array_index (a->spans, Span, i);
      int order = span_compare (x, &g_array_index (b->spans, Span, j));

      if (order == 0)
        counts->matched[x->label]++;
      i += order <= 0;
      j += order >= 0;
    }
}

/* Units where every reviewer says 'O', and per label where at least one puts the
 * label, over the document's @m annotators. */
static void
joint_counts (const Annotator *annotators,
              guint            m,
              guint            n_chars,
              const Shape     *shape,
              guint64         *units_all_o,
              guint64         *units_any)
{
  g_autofree guint *seen = g_new (guint, MAX (shape->n_labels, 1));

  memset (seen, 0xff, MAX (shape->n_labels, 1) * sizeof (guint));
  memset (units_any, 0, shape->n_labels * sizeof (guint64));
  *units_all_o = 0;
  for (guint c = 0; c < n_chars; c++)
    {
      gboolean all_o = TRUE;

      for (guint r = 0; r < m; r++)
        {
          guint32 t = annotators[r].tags[c];

          if (t != 0 && seen[(t - 1) >> 1] != c)
            {
              seen[(t - 1) >> 1] = c;
              units_any[(t - 1) >> 1]++;
            }
          all_o &= t == 0;
        }
      *units_all_o += all_o;
    }
}

/* Reviewers kept by the filter, who annotated a document, as report indices. */
typedef struct
{
  BzAgreementInput  *input;
  BzAgreementReport *report;
  Shape              shape;
  int               *reviewer_map; /* input id → report index, or -1 */
  int               *label_map;    /* input id → report index, or -1 */
  int               *pair_index;   /* [reference × n_reviewers + other], or -1 */
  GPtrArray         *shared;       /* InputDocument of the shared documents */
} Context;

static guint
kept_annotations (const Context       *ctx,
                  const InputDocument *document,
                  const gboolean      *kept_reviewer)
{
  guint n = 0;

  for (guint i = 0; i < document->annotations->len; i++)
    n += kept_reviewer[g_array_index (document->annotations, Annotation, i).reviewer];
  return n;
}

/* Chooses the shared documents, the report's reviewers, labels and pairs. */
static void
context_init (Context           *ctx,
              BzAgreementInput  *input,
              BzAgreementReport *report)
{
  guint n_input_reviewers = input->reviewers.names->len;
  guint n_input_labels = input->labels.names->len;
  g_autofree gboolean *kept_reviewer = g_new0 (gboolean, MAX (n_input_reviewers, 1));
  g_autofree gboolean *used_reviewer = g_new0 (gboolean, MAX (n_input_reviewers, 1));
  g_autofree gboolean *used_label = g_new0 (gboolean, MAX (n_input_labels, 1));
  g_autofree guint *shared_count = NULL;
  guint n_reviewers;

  ctx->input = input;
  ctx->report = report;
  ctx->shared = g_ptr_array_new ();
  for (guint r = 0; r < n_input_reviewers; r++)
    kept_reviewer[r] = input->reviewer_filter == NULL
                       || g_hash_table_contains (input->reviewer_filter,
                                                 g_ptr_array_index (input->reviewers.names, r));
  for (guint d = 0; d < input->documents->len; d++)
    {
      InputDocument *document = g_ptr_array_index (input->documents, d);

      if (kept_annotations (ctx, document, kept_reviewer) < 2)
        continue;
      g_ptr_array_add (ctx->shared, document);
      for (guint i = 0; i < document->annotations->len; i++)
        {
          const Annotation *annotation = &g_array_index (document->annotations, Annotation, i);

          if (!kept_reviewer[annotation->reviewer])
            continue;
          used_reviewer[annotation->reviewer] = TRUE;
          for (guint k = 0; k < annotation->spans->len; k++)
            used_label[g_array_index (annotation->spans, Span, k).label] = TRUE;
        }
    }

  /* Reviewers and labels by name. */
  for (guint r = 0; r < n_input_reviewers; r++)
    if (used_reviewer[r])
      g_ptr_array_add (report->reviewers, g_strdup (g_ptr_array_index (input->reviewers.names, r)));
  g_ptr_array_sort (report->reviewers, name_compare);
  if (input->label_filter != NULL)
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, input->label_filter);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        g_ptr_array_add (report->labels, g_strdup (name));
    }
  else
    for (guint l = 0; l < n_input_labels; l++)
      if (used_label[l])
        g_ptr_array_add (report->labels, g_strdup (g_ptr_array_index (input->labels.names, l)));
  g_ptr_array_sort (report->labels, name_compare);

  ctx->reviewer_map = g_new (int, MAX (n_input_reviewers, 1));
  for (guint r = 0; r < n_input_reviewers; r++)
    {
      const char *name = g_ptr_array_index (input->reviewers.names, r);
      guint index;

      ctx->reviewer_map[r] = -1;
      if (used_reviewer[r]
          && g_ptr_array_find_with_equal_func (report->reviewers, name, g_str_equal, &index))
        ctx->reviewer_map[r] = (int) index;
    }
  ctx->label_map = g_new (int, MAX (n_input_labels, 1));
  for (guint l = 0; l < n_input_labels; l++)
    {
      const char *name = g_ptr_array_index (input->labels.names, l);
      guint index;

      ctx->label_map[l] = -1;
      if (g_ptr_array_find_with_equal_func (report->labels, name, g_str_equal, &index))
        ctx->label_map[l] = (int) index;
    }
  ctx->shape.n_labels = report->labels->len;
  ctx->shape.n_classes = 1 + 2 * report->labels->len;

  /* Pairs: reviewers who share a document, in reviewer order. */
  n_reviewers = report->reviewers->len;
  shared_count = g_new0 (guint, MAX (n_reviewers * n_reviewers, 1));
  for (guint d = 0; d < ctx->shared->len; d++)
    {
      InputDocument *document = g_ptr_array_index (ctx->shared, d);

      for (guint i = 0; i < document->annotations->len; i++)
        for (guint j = 0; j < document->annotations->len; j++)
          {
            int x = ctx->reviewer_map[g_array_index (document->annotations, Annotation, i).reviewer];
            int y = ctx->reviewer_map[g_array_index (document->annotations, Annotation, j).reviewer];

            if (x >= 0 && y >= 0 && x < y)
              shared_count[x * n_reviewers + y]++;
          }
    }
  ctx->pair_index = g_new (int, MAX (n_reviewers * n_reviewers, 1));
  for (guint x = 0; x < n_reviewers; x++)
    for (guint y = 0; y < n_reviewers; y++)
      {
        Pair pair = { x, y, shared_count[x * n_reviewers + y] };

        ctx->pair_index[x * n_reviewers + y] = -1;
        if (pair.n_documents == 0)
          continue;
        ctx->pair_index[x * n_reviewers + y] = (int) report->pairs->len;
        g_array_append_val (report->pairs, pair);
      }
}

static void
context_clear (Context *ctx)
{
  g_free (ctx->reviewer_map);
  g_free (ctx->label_map);
  g_free (ctx->pair_index);
  g_ptr_array_unref (ctx->shared);
}

BzAgreementReport *
bz_agreement_compute (BzAgreementInput *input)
{
  BzAgreementReport *report;
  Context ctx = { 0 };
  const Shape *shape;
  g_autoptr(GArray) annotators = g_array_new (FALSE, TRUE, sizeof (Annotator));
  PairCounts *totals, all_pairs;
  g_auto(AlphaCounts) alpha_all = { 0 };
  guint max_chars = 0, max_annotators = 0, n_pairs;
  g_autofree guint64 *class_counts = NULL;
  g_autofree guint64 *units_any = NULL;

  g_return_val_if_fail (input != NULL, NULL);

  report = g_new0 (BzAgreementReport, 1);
  report->reviewers = g_ptr_array_new_with_free_func (g_free);
  report->labels = g_ptr_array_new_with_free_func (g_free);
  report->pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  report->documents = g_array_new (FALSE, FALSE, sizeof (ReportDocument));
  g_array_set_clear_func (report->documents, _bz_agreement_report_document_clear);
  report->document_scores = g_array_new (FALSE, FALSE, sizeof (DocumentScore));
  context_init (&ctx, input, report);
  shape = &ctx.shape;
  n_pairs = report->pairs->len;
  report->scores = g_new0 (BzAgreementScore, (n_pairs + 1) * (shape->n_labels + 1));

  totals = g_new (PairCounts, MAX (n_pairs, 1));
  for (guint p = 0; p < n_pairs; p++)
    pair_counts_init (&totals[p], shape);
  pair_counts_init (&all_pairs, shape);
  alpha_counts_init (&alpha_all, shape);
  class_counts = g_new (guint64, shape->n_classes);
  units_any = g_new (guint64, MAX (shape->n_labels, 1));

  for (guint d = 0; d < ctx.shared->len; d++)
    {
      const InputDocument *document = g_ptr_array_index (ctx.shared, d);
      max_chars = MAX (max_chars, document->n_chars);
      max_annotators = MAX (max_annotators, document->annotations->len);
    }
  g_array_set_size (annotators, max_annotators);
  for (guint r = 0; r < max_annotators; r++)
    {
      Annotator *annotator = &g_array_index (annotators, Annotator, r);

      annotator->spans = g_array_new (FALSE, FALSE, sizeof (Span));
      annotator->tags = g_new (guint32, MAX (max_chars, 1));
      annotator->count = g_new (guint64, shape->n_classes);
    }

  for (guint d = 0; d < ctx.shared->len; d++)
    {
      const InputDocument *document = g_ptr_array_index (ctx.shared, d);
      guint n = document->n_chars, m = 0, n_doc_pairs;
      g_autofree PairCounts *doc_pairs = NULL;
      g_auto(AlphaCounts) alpha = { 0 };
      PairCounts doc_sum;
      KappaMean mean = { 0 };
      ReportDocument entry = { g_strdup (document->key), n, report->document_scores->len, 0, NULL, 0 };
      DocumentScore doc_score = { .pair = BZ_AGREEMENT_ALL };
      guint q = 0;

      /* The document's annotators in reviewer order, their spans and tags. */
      for (guint i = 0; i < document->annotations->len; i++)
        {
          const Annotation *annotation = &g_array_index (document->annotations, Annotation, i);

          if (ctx.reviewer_map[annotation->reviewer] < 0)
            continue;
          g_array_index (annotators, Annotator, m++).reviewer = (guint) ctx.reviewer_map[annotation->reviewer];
        }
      qsort (annotators->data, m, sizeof (Annotator), annotator_compare);
      entry.n_reviewers = m;
      entry.reviewers = g_new (guint, m);
      for (guint r = 0; r < m; r++)
        {
          Annotator *annotator = &g_array_index (annotators, Annotator, r);

          entry.reviewers[r] = annotator->reviewer;
          for (guint i = 0; i < document->annotations->len; i++)
            {
              const Annotation *annotation = &g_array_index (document->annotations, Annotation, i);

              if (ctx.reviewer_map[annotation->reviewer] == (int) annotator->reviewer)
                annotator_fill (annotator, annotation, ctx.label_map, n, shape);
            }
        }

      n_doc_pairs = m * (m - 1) / 2;
      doc_pairs = g_new (PairCounts, n_doc_pairs);
      pair_counts_init (&doc_sum, shape);
      g_array_append_val (report->document_scores, doc_score);
      for (guint x = 0; x < m; x++)
        for (guint y = x + 1; y < m; y++, q++)
          {
            const Annotator *a = &g_array_index (annotators, Annotator, x);
            const Annotator *b = &g_array_index (annotators, Annotator, y);
            int p = ctx.pair_index[a->reviewer * report->reviewers->len + b->reviewer];
            DocumentScore pair_score = { .pair = p };

            pair_counts_init (&doc_pairs[q], shape);
            pair_counts_fill (&doc_pairs[q], a, b, n, shape);
            score_of_pair (&pair_score.score, &doc_pairs[q], shape, BZ_AGREEMENT_ALL);
            kappa_mean_add (&mean, &pair_score.score);
            g_array_append_val (report->document_scores, pair_score);
            pair_counts_add (&totals[p], &doc_pairs[q], shape);
            pair_counts_add (&doc_sum, &doc_pairs[q], shape);
          }

      /* α of all the document's reviewers at once. */
      memset (class_counts, 0, shape->n_classes * sizeof (guint64));
      for (guint r = 0; r < m; r++)
        for (guint c = 0; c < shape->n_classes; c++)
          class_counts[c] += g_array_index (annotators, Annotator, r).count[c];
      alpha_counts_init (&alpha, shape);
      if (m == 2)
        alpha_counts_add_pair (&alpha, shape, &doc_pairs[0]);
      else
        {
          guint64 units_all_o;

          joint_counts ((const Annotator *) annotators->data, m, n, shape, &units_all_o, units_any);
          alpha_counts_add_document (&alpha, shape, m, n, doc_pairs, n_doc_pairs, class_counts,
                                     units_all_o, units_any);
        }
      alpha_counts_add (&alpha_all, &alpha, shape);

      {
        BzAgreementScore *score = &g_array_index (report->document_scores, DocumentScore,
                                                  entry.first_score).score;

        f1_of_pair (score, &doc_sum, shape, BZ_AGREEMENT_ALL);
        kappa_mean_fill (&mean, score);
        alpha_of (score, &alpha, shape, BZ_AGREEMENT_ALL);
      }
      pair_counts_add (&all_pairs, &doc_sum, shape);
      for (guint p = 0; p < n_doc_pairs; p++)
        pair_counts_clear (&doc_pairs[p]);
      pair_counts_clear (&doc_sum);
      entry.n_scores = 1 + n_doc_pairs;
      report->n_chars += n;
      g_array_append_val (report->documents, entry);
    }

  for (int l = BZ_AGREEMENT_ALL; l < (int) shape->n_labels; l++)
    {
      KappaMean mean = { 0 };
      BzAgreementScore *all = _bz_agreement_report_score (report, BZ_AGREEMENT_ALL, l);

      for (guint p = 0; p < n_pairs; p++)
        {
          BzAgreementScore *score = _bz_agreement_report_score (report, (int) p, l);

          score_of_pair (score, &totals[p], shape, l);
          kappa_mean_add (&mean, score);
        }
      f1_of_pair (all, &all_pairs, shape, l);
      kappa_mean_fill (&mean, all);
      alpha_of (all, &alpha_all, shape, l);
    }

  for (guint p = 0; p < n_pairs; p++)
    pair_counts_clear (&totals[p]);
  g_free (totals);
  pair_counts_clear (&all_pairs);
  for (guint r = 0; r < max_annotators; r++)
    {
      Annotator *annotator = &g_array_index (annotators, Annotator, r);

      g_array_unref (annotator->spans);
      g_free (annotator->tags);
      g_free (annotator->count);
    }
  context_clear (&ctx);
  return report;
}
