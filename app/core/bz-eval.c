/* bz-eval.c: scoring predicted spans against gold annotations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-eval"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "bz-eval-private.h"

/* Characters of context shown on each side of a miss. */
#define CONTEXT_CHARS 8

/* The default schema's labels (data/labels.json) in their order; others follow by name. */
static const char * const schema_order[] = {
  "PLACE", "ORG", "PROJECT", "POLICY", "INDICATOR", "VALUE", "DATE",
};

static int
label_rank (const char *label)
{
  for (guint i = 0; i < G_N_ELEMENTS (schema_order); i++)
    if (g_str_equal (label, schema_order[i]))
      return (int) i;
  return G_N_ELEMENTS (schema_order);
}

static int
label_compare (const char *a,
               const char *b)
{
  int ra = label_rank (a);
  int rb = label_rank (b);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  return strcmp (a, b);
}

static char *
eval_doc_substring (const BzEvalDoc *doc,
                    gint64         start,
                    gint64         end)
{
  gsize from;
  gsize to;

  start = CLAMP (start, 0, doc->n_chars);
  end = CLAMP (end, start, doc->n_chars);
  from = g_array_index (doc->char_bytes, gsize, start);
  to = g_array_index (doc->char_bytes, gsize, end);
  return g_strndup (doc->text + from, to - from);
}

/* ---- comparison ---------------------------------------------------------- */

typedef struct
{
  BzEvalMiss  pub;
  char       *surface;
  char       *doc_id;
  char       *context;
  char       *overlap;
  guint       order;    /* first occurrence, for a stable listing */
} MissEntry;

struct _BzEvalReport
{
  BzEvalScore  micro;
  GPtrArray   *scores;       /* BzEvalScore, sorted by label */
  GHashTable  *by_label;     /* interned label -> BzEvalScore (borrowed) */
  GPtrArray   *misses[2];    /* MissEntry, per BzEvalMissKind, sorted */
  GHashTable  *miss_index;   /* "kind\tlabel\tsurface" -> MissEntry (borrowed) */
  guint        n_gold_docs;
  guint        n_pred_docs;
  guint        n_unpredicted;
  guint        n_unmatched;
  guint        n_gold_duplicates;
  guint        n_pred_duplicates;
};

static void
miss_entry_free (MissEntry *entry)
{
  g_free (entry->surface);
  g_free (entry->doc_id);
  g_free (entry->context);
  g_free (entry->overlap);
  g_free (entry);
}

void
bz_eval_report_free (BzEvalReport *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->scores);
  g_hash_table_unref (self->by_label);
  g_ptr_array_unref (self->misses[BZ_EVAL_MISSED]);
  g_ptr_array_unref (self->misses[BZ_EVAL_FALSE_POSITIVE]);
  g_hash_table_unref (self->miss_index);
  g_free (self);
}

static BzEvalScore *
report_score (BzEvalReport *self,
              const char   *label)
{
  BzEvalScore *score = g_hash_table_lookup (self->by_label, label);

  if (score == NULL)
    {
      score = g_new0 (BzEvalScore, 1);
      score->label = label;
      g_ptr_array_add (self->scores, score);
      g_hash_table_insert (self->by_label, (gpointer) label, score);
    }
  return score;
}

static gboolean
overlaps (const BzEvalRange *a,
          const BzEvalRange *b)
{
  return a->start < b->end && b->start < a->end;
}

static gint64
overlap_length (const BzEvalRange *a,
                const BzEvalRange *b)
{
  return MIN (a->end, b->end) - MAX (a->start, b->start);
}

/* The span of @others that overlaps @span most, or -1. */
static int
best_overlap (const BzEvalRange *span,
              GArray         *others,
              const gboolean *taken,
              gboolean        same_label)
{
  int best = -1;
  gint64 best_length = 0;

  for (guint i = 0; i < others->len; i++)
    {
      const BzEvalRange *other = &g_array_index (others, BzEvalRange, i);
      gint64 length;

      if ((taken != NULL && taken[i]) || !overlaps (span, other))
        continue;
      if (same_label && span->label != other->label)
        continue;
      length = overlap_length (span, other);
      if (length > best_length)
        {
          best = (int) i;
          best_length = length;
        }
    }
  return best;
}

static void
record_miss (BzEvalReport   *self,
             BzEvalMissKind  kind,
             const BzEvalDoc  *doc,
             const BzEvalRange *span,
             GArray         *others)
{
  g_autofree char *surface = eval_doc_substring (doc, span->start, span->end);
  g_autofree char *key = g_strdup_printf ("%d\t%s\t%s", kind, span->label, surface);
  MissEntry *entry = g_hash_table_lookup (self->miss_index, key);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int other;

  if (entry != NULL)
    {
      entry->pub.count++;
      return;
    }

  entry = g_new0 (MissEntry, 1);
  entry->surface = g_steal_pointer (&surface);
  entry->doc_id = g_strdup (doc->id != NULL ? doc->id : doc->where);
  before = eval_doc_substring (doc, span->start - CONTEXT_CHARS, span->start);
  after = eval_doc_substring (doc, span->end, span->end + CONTEXT_CHARS);
  entry->context = g_strdup_printf ("%s[%s]%s", before, entry->surface, after);
  other = best_overlap (span, others, NULL, FALSE);
  if (other >= 0)
    {
      const BzEvalRange *o = &g_array_index (others, BzEvalRange, other);
      g_autofree char *o_surface = eval_doc_substring (doc, o->start, o->end);

      entry->overlap = g_strdup_printf ("%s %s", o_surface, o->label);
    }
  entry->order = g_hash_table_size (self->miss_index);
  entry->pub = (BzEvalMiss) {
    .kind = kind,
    .label = span->label,
    .surface = entry->surface,
    .count = 1,
    .doc_id = entry->doc_id,
    .start = span->start,
    .end = span->end,
    .context = entry->context,
    .overlap = entry->overlap,
  };
  g_ptr_array_add (self->misses[kind], entry);
  g_hash_table_insert (self->miss_index, g_steal_pointer (&key), entry);
}

/* Scores one gold document against its prediction (@pred may be NULL: nothing predicted). */
static void
compare_doc (BzEvalReport  *self,
             const BzEvalDoc *gold,
             const BzEvalDoc *pred)
{
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (BzEvalRange));
  GArray *g = gold->spans;
  GArray *p = pred != NULL ? pred->spans : empty;
  g_autofree gboolean *g_strict = g_new0 (gboolean, g->len + 1);
  g_autofree gboolean *p_strict = g_new0 (gboolean, p->len + 1);
  g_autofree gboolean *g_lenient = NULL;
  g_autofree gboolean *p_lenient = NULL;

  for (guint i = 0; i < g->len; i++)
    report_score (self, g_array_index (g, BzEvalRange, i).label)->n_gold++;
  for (guint j = 0; j < p->len; j++)
    report_score (self, g_array_index (p, BzEvalRange, j).label)->n_pred++;

  /* Strict: both lists are sorted and free of duplicates. */
  for (guint i = 0, j = 0; i < g->len && j < p->len; )
    {
      int c = _bz_eval_range_compare (&g_array_index (g, BzEvalRange, i), &g_array_index (p, BzEvalRange, j));

      if (c == 0)
        {
          g_strict[i++] = p_strict[j++] = TRUE;
          report_score (self, g_array_index (g, BzEvalRange, i - 1).label)->strict.tp++;
        }
      else if (c < 0)
        i++;
      else
        j++;
    }

  /* Lenient: exact matches stand; every other prediction takes the unmatched gold span
   * of its label that it overlaps most. */
  g_lenient = g_memdup2 (g_strict, sizeof (gboolean) * (g->len + 1));
  p_lenient = g_memdup2 (p_strict, sizeof (gboolean) * (p->len + 1));
  for (guint j = 0; j < p->len; j++)
    {
      const BzEvalRange *span = &g_array_index (p, BzEvalRange, j);
      int i;

      if (p_lenient[j])
        continue;
      i = best_overlap (span, g, g_lenient, TRUE);
      if (i < 0)
        continue;
      g_lenient[i] = p_lenient[j] = TRUE;
    }
  for (guint i = 0; i < g->len; i++)
    if (g_lenient[i])
      report_score (self, g_array_index (g, BzEvalRange, i).label)->lenient.tp++;

  for (guint i = 0; i < g->len; i++)
    if (!g_strict[i])
      record_miss (self, BZ_EVAL_MISSED, gold, &g_array_index (g, BzEvalRange, i), p);
  for (guint j = 0; j < p->len; j++)
    if (!p_strict[j])
      record_miss (self, BZ_EVAL_FALSE_POSITIVE, gold, &g_array_index (p, BzEvalRange, j), g);
}

static void
prf_finish (BzEvalPrf *prf,
            guint      n_gold,
            guint      n_pred)
{
  prf->precision = n_pred > 0 ? (double) prf->tp / n_pred : 0.0;
  prf->recall = n_gold > 0 ? (double) prf->tp / n_gold : 0.0;
  prf->f1 = prf->precision + prf->recall > 0.0
    ? 2.0 * prf->precision * prf->recall / (prf->precision + prf->recall)
    : 0.0;
}

static int
score_compare (gconstpointer a,
               gconstpointer b)
{
  const BzEvalScore *x = *(BzEvalScore * const *) a;
  const BzEvalScore *y = *(BzEvalScore * const *) b;

  return label_compare (x->label, y->label);
}

static int
miss_compare (gconstpointer a,
              gconstpointer b)
{
  const MissEntry *x = *(MissEntry * const *) a;
  const MissEntry *y = *(MissEntry * const *) b;

  if (x->pub.count != y->pub.count)
    return x->pub.count > y->pub.count ? -1 : 1;
  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return 0;
}

static const BzEvalDoc *
match_gold (BzEvalSet      *gold,
            const BzEvalDoc  *pred,
            GHashTable     *taken,
            GError        **error)
{
  const BzEvalDoc *by_id = pred->id != NULL ? g_hash_table_lookup (gold->by_id, pred->id) : NULL;
  const BzEvalDoc *by_text = NULL;

  if (by_id != NULL)
    {
      if (!g_str_equal (by_id->text, pred->text))
        {
          g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_MISMATCH,
                       "%s: the text of “%s” differs from the gold text (%s)",
                       pred->where, pred->id, by_id->where);
          return NULL;
        }
      if (g_hash_table_contains (taken, by_id))
        {
          g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_MISMATCH,
                       "%s: a second prediction for the gold document “%s”", pred->where, pred->id);
          return NULL;
        }
      return by_id;
    }
  /* An id that the gold, which has ids, does not know: another document. */
  if (pred->id != NULL && g_hash_table_size (gold->by_id) > 0)
    return NULL;

  /* By text: the first gold document with this text that has no prediction yet. */
  for (guint i = 0; i < gold->docs->len && by_text == NULL; i++)
    {
      const BzEvalDoc *doc = g_ptr_array_index (gold->docs, i);

      if (g_str_equal (doc->text, pred->text) && !g_hash_table_contains (taken, doc))
        by_text = doc;
    }
  return by_text;
}

BzEvalReport *
bz_eval_compare (BzEvalSet  *gold,
                 BzEvalSet  *pred,
                 GError    **error)
{
  g_autoptr(BzEvalReport) self = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);   /* gold doc -> pred doc */
  guint n_unmatched = 0;

  g_return_val_if_fail (gold != NULL, NULL);
  g_return_val_if_fail (pred != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint j = 0; j < pred->docs->len; j++)
    {
      const BzEvalDoc *p = g_ptr_array_index (pred->docs, j);
      g_autoptr(GError) local_error = NULL;
      const BzEvalDoc *g = match_gold (gold, p, taken, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (g == NULL)
        n_unmatched++;
      else
        g_hash_table_insert (taken, (gpointer) g, (gpointer) p);
    }

  self = g_new0 (BzEvalReport, 1);
  self->scores = g_ptr_array_new_with_free_func (g_free);
  self->by_label = g_hash_table_new (g_str_hash, g_str_equal);
  self->misses[BZ_EVAL_MISSED] = g_ptr_array_new_with_free_func ((GDestroyNotify) miss_entry_free);
  self->misses[BZ_EVAL_FALSE_POSITIVE] = g_ptr_array_new_with_free_func ((GDestroyNotify) miss_entry_free);
  self->miss_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->n_gold_docs = gold->docs->len;
  self->n_unmatched = n_unmatched;
  self->n_pred_docs = pred->docs->len;
  self->n_gold_duplicates = gold->n_duplicates;
  self->n_pred_duplicates = pred->n_duplicates;

  for (guint i = 0; i < gold->docs->len; i++)
    {
      const BzEvalDoc *g = g_ptr_array_index (gold->docs, i);
      const BzEvalDoc *p = g_hash_table_lookup (taken, g);

      if (p == NULL)
        self->n_unpredicted++;
      compare_doc (self, g, p);
    }

  g_ptr_array_sort (self->scores, score_compare);
  for (guint k = 0; k < self->scores->len; k++)
    {
      BzEvalScore *score = g_ptr_array_index (self->scores, k);

      prf_finish (&score->strict, score->n_gold, score->n_pred);
      prf_finish (&score->lenient, score->n_gold, score->n_pred);
      self->micro.n_gold += score->n_gold;
      self->micro.n_pred += score->n_pred;
      self->micro.strict.tp += score->strict.tp;
      self->micro.lenient.tp += score->lenient.tp;
    }
  prf_finish (&self->micro.strict, self->micro.n_gold, self->micro.n_pred);
  prf_finish (&self->micro.lenient, self->micro.n_gold, self->micro.n_pred);
  g_ptr_array_sort (self->misses[BZ_EVAL_MISSED], miss_compare);
  g_ptr_array_sort (self->misses[BZ_EVAL_FALSE_POSITIVE], miss_compare);

  return g_steal_pointer (&self);
}

const BzEvalScore *
bz_eval_report_get_micro (BzEvalReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->micro;
}

guint
bz_eval_report_get_n_labels (BzEvalReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->scores->len;
}

const BzEvalScore *
bz_eval_report_get_score (BzEvalReport *self,
                          guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->scores->len, NULL);

  return g_ptr_array_index (self->scores, index);
}

const BzEvalScore *
bz_eval_report_lookup (BzEvalReport *self,
                       const char   *label)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  return g_hash_table_lookup (self->by_label, label);
}

guint
bz_eval_report_get_n_unpredicted (BzEvalReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_unpredicted;
}

guint
bz_eval_report_get_n_unmatched (BzEvalReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_unmatched;
}

guint
bz_eval_report_get_n_misses (BzEvalReport   *self,
                             BzEvalMissKind  kind)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (kind == BZ_EVAL_MISSED || kind == BZ_EVAL_FALSE_POSITIVE, 0);

  return self->misses[kind]->len;
}

const BzEvalMiss *
bz_eval_report_get_miss (BzEvalReport   *self,
                         BzEvalMissKind  kind,
                         guint           index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (kind == BZ_EVAL_MISSED || kind == BZ_EVAL_FALSE_POSITIVE, NULL);
  g_return_val_if_fail (index < self->misses[kind]->len, NULL);

  return &((MissEntry *) g_ptr_array_index (self->misses[kind], index))->pub;
}

/* ---- output -------------------------------------------------------------- */

/* Pads @text to @width terminal columns (CJK characters take two). */
static void
append_padded (GString    *out,
               const char *text,
               int         width)
{
  int columns = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    columns += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  g_string_append (out, text);
  for (; columns < width; columns++)
    g_string_append_c (out, ' ');
}

static void
append_score_row (GString           *out,
                  const char        *name,
                  const BzEvalScore *score)
{
  append_padded (out, name, 10);
  g_string_append_printf (out, " %6u %6u | %6u %6.3f %6.3f %6.3f | %6u %6.3f %6.3f %6.3f\n",
                          score->n_gold, score->n_pred,
                          score->strict.tp, score->strict.precision, score->strict.recall, score->strict.f1,
                          score->lenient.tp, score->lenient.precision, score->lenient.recall, score->lenient.f1);
}

static void
append_misses (GString        *out,
               BzEvalReport   *self,
               BzEvalMissKind  kind,
               guint           max_misses)
{
  guint n = MIN (max_misses, self->misses[kind]->len);

  if (n == 0)
    return;
  g_string_append_printf (out, "\n%s (%u distinct, most frequent first):\n",
                          kind == BZ_EVAL_MISSED ? "Missed gold spans" : "False positives",
                          self->misses[kind]->len);
  for (guint i = 0; i < n; i++)
    {
      const BzEvalMiss *miss = bz_eval_report_get_miss (self, kind, i);

      g_string_append_printf (out, "  %4u× %-9s ", miss->count, miss->label);
      append_padded (out, miss->surface, 16);
      g_string_append_printf (out, " %s  %s", miss->doc_id, miss->context);
      if (miss->overlap != NULL)
        g_string_append_printf (out, "  (%s: %s)", kind == BZ_EVAL_MISSED ? "predicted" : "gold", miss->overlap);
      g_string_append_c (out, '\n');
    }
}

char *
bz_eval_report_to_text (BzEvalReport *self,
                        guint         max_misses)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append_printf (out, "Gold: %u documents, %u spans. Prediction: %u documents, %u spans.\n",
                          self->n_gold_docs, self->micro.n_gold, self->n_pred_docs, self->micro.n_pred);
  if (self->n_unpredicted > 0)
    g_string_append_printf (out, "%u gold documents have no prediction (scored as predicted empty).\n",
                            self->n_unpredicted);
  if (self->n_unmatched > 0)
    g_string_append_printf (out, "%u predicted documents match no gold document and are not scored.\n",
                            self->n_unmatched);
  if (self->n_gold_duplicates + self->n_pred_duplicates > 0)
    g_string_append_printf (out, "Exact duplicate spans counted once: %u in gold, %u in prediction.\n",
                            self->n_gold_duplicates, self->n_pred_duplicates);
  g_string_append (out, "\n                        |              strict              |              lenient\n");
  g_string_append (out, "label        gold   pred |     tp      P      R     F1 |     tp      P      R     F1\n");
  for (guint k = 0; k < self->scores->len; k++)
    {
      const BzEvalScore *score = g_ptr_array_index (self->scores, k);

      append_score_row (out, score->label, score);
    }
  append_score_row (out, "micro", &self->micro);

  append_misses (out, self, BZ_EVAL_MISSED, max_misses);
  append_misses (out, self, BZ_EVAL_FALSE_POSITIVE, max_misses);

  return g_string_free (out, FALSE);
}

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_double_member (JsonBuilder *builder,
                   const char  *name,
                   double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
build_prf (JsonBuilder     *builder,
           const char      *name,
           const BzEvalPrf *prf)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  add_int_member (builder, "tp", prf->tp);
  add_double_member (builder, "precision", prf->precision);
  add_double_member (builder, "recall", prf->recall);
  add_double_member (builder, "f1", prf->f1);
  json_builder_end_object (builder);
}

static void
build_score (JsonBuilder       *builder,
             const BzEvalScore *score)
{
  json_builder_begin_object (builder);
  if (score->label != NULL)
    add_string_member (builder, "label", score->label);
  add_int_member (builder, "gold", score->n_gold);
  add_int_member (builder, "pred", score->n_pred);
  build_prf (builder, "strict", &score->strict);
  build_prf (builder, "lenient", &score->lenient);
  json_builder_end_object (builder);
}

static void
build_misses (JsonBuilder    *builder,
              BzEvalReport   *self,
              BzEvalMissKind  kind,
              guint           max_misses)
{
  json_builder_set_member_name (builder, kind == BZ_EVAL_MISSED ? "missed" : "false_positives");
  json_builder_begin_array (builder);
  for (guint i = 0; i < MIN (max_misses, self->misses[kind]->len); i++)
    {
      const BzEvalMiss *miss = bz_eval_report_get_miss (self, kind, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "label", miss->label);
      add_string_member (builder, "surface", miss->surface);
      add_int_member (builder, "count", miss->count);
      add_string_member (builder, "id", miss->doc_id);
      add_int_member (builder, "start", miss->start);
      add_int_member (builder, "end", miss->end);
      add_string_member (builder, "context", miss->context);
      add_string_member (builder, "overlap", miss->overlap);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

char *
bz_eval_report_to_json (BzEvalReport *self,
                        guint         max_misses)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_object (builder);
  add_int_member (builder, "gold", self->n_gold_docs);
  add_int_member (builder, "pred", self->n_pred_docs);
  add_int_member (builder, "unpredicted", self->n_unpredicted);
  add_int_member (builder, "unmatched", self->n_unmatched);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "duplicates");
  json_builder_begin_object (builder);
  add_int_member (builder, "gold", self->n_gold_duplicates);
  add_int_member (builder, "pred", self->n_pred_duplicates);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "micro");
  build_score (builder, &self->micro);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_array (builder);
  for (guint k = 0; k < self->scores->len; k++)
    build_score (builder, g_ptr_array_index (self->scores, k));
  json_builder_end_array (builder);
  build_misses (builder, self, BZ_EVAL_MISSED, max_misses);
  build_misses (builder, self, BZ_EVAL_FALSE_POSITIVE, max_misses);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
