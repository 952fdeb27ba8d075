/* bz-extractor.c: pre-annotation of reports (gazetteers, rules, learned lists)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is folded to simplified script (one code point for one), the
 * gazetteers and the learned list are scanned, the rules add what lists cannot
 * hold, and the candidates are resolved longest first: a longer candidate wins
 * over every shorter one it overlaps, a learned entry over a listed one over a
 * rule's between equal spans. STOP entries win like others and are dropped.
 */
#define G_LOG_DOMAIN "bz-extractor"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "bz-data-private.h"
#include "bz-eval-private.h"
#include "bz-extractor-private.h"
#include "bz-format-private.h"
#include "bz-offset-sort.h"
#include "bz-rules.h"
#include "bz-span.h"
#include "bz-store-private.h"
#include "bz-text.h"
#include "bz-text-private.h"

struct _BzExtractor
{
  GObject      parent_instance;

  BzGazetteer *gazetteer;
  BzGazetteer *learned;
  GHashTable  *rejected; /* decision keys */
  char        *origin;

  /* Source keys (interned): of each rule, and of each list of the gazetteer. */
  const char  *rule_sources[BZ_RULE_N_RULES];
  GPtrArray   *list_sources;
  const char  *percent_source;
  const char  *digits_source;
  const char  *words_source;
  const char  *learned_source;
  const char  *added_source;
  BzCalibration *calibration;
  /* The confidences of @calibration as they are asked for (see cached_confidence()). */
  GHashTable  *confidences;

  /* The folded text of the last match, kept for the next: large buffers come
   * from mmap and cost a page fault per page each time they are made. */
  gunichar    *scratch;
  gsize        scratch_size;

  /* The workspace whose decisions are loaded, followed through "spans-changed". */
  BzStore     *store;
  gulong       spans_changed_id;
  gulong       model_changed_id;
  /* The workspace's tagger, combined with the rules. */
  BzExtractorModel *model;
};

G_DEFINE_FINAL_TYPE (BzExtractor, bz_extractor, G_TYPE_OBJECT)

/* bz_fold_unichar_t2s() over the BMP, made once: the scan folds with a lookup. */
static gunichar fold_bmp[0x10000];

static void
fold_table_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gunichar c = 0; c < 0x10000; c++)
        fold_bmp[c] = c < 0x80 ? c : bz_fold_unichar_t2s (c);
      g_once_init_leave (&initialized, 1);
    }
}

static void
bz_extractor_forget_store (BzExtractor *self)
{
  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->spans_changed_id, self->store);
      g_clear_signal_handler (&self->model_changed_id, self->store);
      g_object_remove_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);
      self->store = NULL;
    }
  _bz_extractor_model_invalidate (self->model);
}

static void
bz_extractor_dispose (GObject *object)
{
  bz_extractor_forget_store (BZ_EXTRACTOR (object));
  G_OBJECT_CLASS (bz_extractor_parent_class)->dispose (object);
}

static void
bz_extractor_finalize (GObject *object)
{
  BzExtractor *self = BZ_EXTRACTOR (object);

  g_clear_pointer (&self->gazetteer, bz_gazetteer_free);
  g_clear_pointer (&self->learned, bz_gazetteer_free);
  g_clear_pointer (&self->rejected, g_hash_table_unref);
  g_clear_pointer (&self->list_sources, g_ptr_array_unref);
  g_clear_pointer (&self->calibration, bz_calibration_free);
  g_clear_pointer (&self->confidences, g_hash_table_unref);
  g_clear_pointer (&self->model, _bz_extractor_model_free);
  g_free (self->scratch);
  g_free (self->origin);
  G_OBJECT_CLASS (bz_extractor_parent_class)->finalize (object);
}

static void
bz_extractor_class_init (BzExtractorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bz_extractor_dispose;
  object_class->finalize = bz_extractor_finalize;
}

/* Confidences by source (an interned key) and kind, so that a match costs a
 * lookup: a text has a match every few characters. */
static GHashTable *
confidence_cache_new (void)
{
  return g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
}

static double
cached_confidence (GHashTable          *cache,
                   const BzCalibration *calibration,
                   const char          *source,
                   BzEntityKind         kind)
{
  double *by_kind = g_hash_table_lookup (cache, source);

  if (by_kind == NULL)
    {
      by_kind = g_new (double, BZ_ENTITY_N_KINDS);
      for (guint k = 0; k < BZ_ENTITY_N_KINDS; k++)
        by_kind[k] = -1.0;
      g_hash_table_insert (cache, (gpointer) source, by_kind);
    }
  if (by_kind[kind] < 0.0)
    by_kind[kind] = bz_calibration_get_confidence (calibration, source, bz_entity_kind_to_string (kind));
  return by_kind[kind];
}

static void
bz_extractor_init (BzExtractor *self)
{
  self->gazetteer = bz_gazetteer_new (BZ_CANDIDATE_GAZETTEER);
  self->learned = bz_gazetteer_new (BZ_CANDIDATE_LEARNED);
  self->rejected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->origin = g_strdup (BZ_EXTRACTOR_NAME "@" PACKAGE_VERSION);
  for (guint r = 0; r < BZ_RULE_N_RULES; r++)
    {
      g_autofree char *key = g_strconcat ("rule:", bz_rules_get_name (r), NULL);

      self->rule_sources[r] = g_intern_string (key);
    }
  self->list_sources = g_ptr_array_new ();
  self->percent_source = g_intern_static_string ("rule:number-percent");
  self->digits_source = g_intern_static_string ("rule:number-digits");
  self->words_source = g_intern_static_string ("rule:number-words");
  self->learned_source = g_intern_static_string ("learned");
  self->added_source = g_intern_static_string ("list:added");
  self->confidences = confidence_cache_new ();
  self->model = _bz_extractor_model_new ();
}

char *
bz_extractor_default_gazetteer_dir (void)
{
  return _bz_data_path ("gazetteer", G_FILE_TEST_IS_DIR);
}

BzExtractor *
bz_extractor_new (const char  *gazetteer_dir,
                  GError     **error)
{
  g_autoptr(BzExtractor) self = g_object_new (BZ_TYPE_EXTRACTOR, NULL);
  g_autofree char *dir = NULL;

  /* Matching folds the text to simplified script: OpenCC's tables must load. */
  {
    g_autoptr(BzFolded) probe = bz_fold_t2s ("東", error);

    if (probe == NULL)
      return NULL;
  }
  fold_table_init ();
  dir = gazetteer_dir != NULL ? g_strdup (gazetteer_dir) : bz_extractor_default_gazetteer_dir ();
  if (!bz_gazetteer_load_dir (self->gazetteer, dir, error))
    return NULL;
  bz_gazetteer_build (self->gazetteer);
  for (guint i = 0; i < bz_gazetteer_get_n_lists (self->gazetteer); i++)
    {
      const char *name = bz_gazetteer_get_list_name (self->gazetteer, i);
      g_autofree char *key = g_strconcat ("list:", name != NULL ? name : "added", NULL);

      g_ptr_array_add (self->list_sources, (gpointer) g_intern_string (key));
    }
  self->calibration = bz_calibration_load_default ();
  return g_steal_pointer (&self);
}

const BzCalibration *
bz_extractor_get_calibration (BzExtractor *self)
{
  g_return_val_if_fail (BZ_IS_EXTRACTOR (self), NULL);
  return self->calibration;
}

void
bz_extractor_set_calibration (BzExtractor         *self,
                              const BzCalibration *calibration)
{
  g_return_if_fail (BZ_IS_EXTRACTOR (self));
  g_return_if_fail (calibration != NULL);

  g_clear_pointer (&self->calibration, bz_calibration_free);
  self->calibration = bz_calibration_copy (calibration);
  g_hash_table_remove_all (self->confidences);
}

/* The number rule's values by their shape, whose precision differs: a
 * percentage, a number in digits, one in words (二次, 四个: often a count that
 * is no value). */
static const char *
value_shape_source (BzExtractor       *self,
                    const gunichar    *ucs,
                    const BzCandidate *c)
{
  for (gint64 k = c->start; k < c->end; k++)
    if (ucs[k] == '%' || ucs[k] == 0xFF05 /* ％ */)
      return self->percent_source;
  for (gint64 k = c->start; k < c->end; k++)
    if ((ucs[k] >= '0' && ucs[k] <= '9') || (ucs[k] >= 0xFF10 && ucs[k] <= 0xFF19))
      return self->digits_source;
  return self->words_source;
}

/* The source key of a candidate over @ucs. */
static const char *
candidate_source (BzExtractor       *self,
                  const gunichar    *ucs,
                  const BzCandidate *c)
{
  if ((c->origin & BZ_RULE_ORIGIN) != 0)
    {
      guint rule = c->origin & ~BZ_RULE_ORIGIN;

      if (rule == BZ_RULE_NUMBER && c->kind == BZ_ENTITY_VALUE)
        return value_shape_source (self, ucs, c);
      return self->rule_sources[rule < BZ_RULE_N_RULES ? rule : BZ_RULE_NONE];
    }
  switch ((BzCandidateSource) c->source)
    {
    case BZ_CANDIDATE_GAZETTEER:
      return c->origin < self->list_sources->len ? g_ptr_array_index (self->list_sources, c->origin)
                                                 : self->added_source;
    case BZ_CANDIDATE_LEARNED:
      return self->learned_source;
    case BZ_CANDIDATE_RULE:
    case BZ_CANDIDATE_CONTEXT:
    default:
      return self->rule_sources[BZ_RULE_NONE];
    }
}

const char *
bz_extractor_get_origin (BzExtractor *self)
{
  g_return_val_if_fail (BZ_IS_EXTRACTOR (self), NULL);
  return self->origin;
}

guint
bz_extractor_get_n_entries (BzExtractor *self)
{
  g_return_val_if_fail (BZ_IS_EXTRACTOR (self), 0);
  return bz_gazetteer_get_n_entries (self->gazetteer) + bz_gazetteer_get_n_entries (self->learned);
}

static char *
fold_surface (const char *surface)
{
  g_autoptr(BzFolded) folded = bz_fold_t2s (surface, NULL);

  return folded != NULL ? g_steal_pointer (&folded->text) : g_strdup (surface);
}

char *
_bz_extractor_decision_key (const char *label,
                            const char *surface)
{
  g_autofree char *folded = fold_surface (surface);

  return g_strconcat (label, "\x1f", folded, NULL);
}

gboolean
_bz_extractor_is_rejected (BzExtractor *self,
                           const char  *label,
                           const char  *surface)
{
  g_autofree char *key = NULL;

  if (g_hash_table_size (self->rejected) == 0)
    return FALSE;
  key = _bz_extractor_decision_key (label, surface);
  return g_hash_table_contains (self->rejected, key);
}

gboolean
bz_extractor_learn_surface (BzExtractor  *self,
                            const char   *surface,
                            const char   *label,
                            GError      **error)
{
  BzEntityKind kind;

  g_return_val_if_fail (BZ_IS_EXTRACTOR (self), FALSE);
  g_return_val_if_fail (surface != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  if (!bz_entity_kind_from_string (label, &kind) || kind == BZ_ENTITY_STOP)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "The extractor has no label “%s”", label);
      return FALSE;
    }
  /* One character (京, 鄂) is a place only in context: a list entry would
   * match it inside every other word. */
  if (g_utf8_strlen (surface, -1) < 2)
    return TRUE;
  bz_gazetteer_add (self->learned, surface, kind);
  return TRUE;
}

void
bz_extractor_reject_surface (BzExtractor *self,
                             const char  *surface,
                             const char  *label)
{
  g_return_if_fail (BZ_IS_EXTRACTOR (self));
  g_return_if_fail (surface != NULL);
  g_return_if_fail (label != NULL);

  g_hash_table_add (self->rejected, _bz_extractor_decision_key (label, surface));
}

/* ---- resolution ------------------------------------------------------------ */

/* Orders candidates longest first, then by source (learned, listed, rules),
 * then by start: a stable counting sort on (length, source), as the gazetteer
 * reports its matches in order of end (for one length, of start) and the rules
 * theirs in order of start. */
#define MAX_SORT_LENGTH 255
#define N_SOURCES 4

static GArray *
candidates_by_priority (GArray *candidates)
{
  g_autofree guint *count = g_new0 (guint, (MAX_SORT_LENGTH + 1) * N_SOURCES + 1);
  GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (BzCandidate), candidates->len);
  BzCandidate *out;

  g_array_set_size (sorted, candidates->len);
  out = (BzCandidate *) sorted->data;
  for (guint i = 0; i < candidates->len; i++)
    {
      const BzCandidate *c = &g_array_index (candidates, BzCandidate, i);
      guint len = MIN (c->end - c->start, MAX_SORT_LENGTH);
      guint key = (MAX_SORT_LENGTH - len) * N_SOURCES + (N_SOURCES - 1 - c->source);

      count[key + 1]++;
    }
  for (guint k = 1; k <= (MAX_SORT_LENGTH + 1) * N_SOURCES; k++)
    count[k] += count[k - 1];
  for (guint i = 0; i < candidates->len; i++)
    {
      const BzCandidate *c = &g_array_index (candidates, BzCandidate, i);
      guint len = MIN (c->end - c->start, MAX_SORT_LENGTH);
      guint key = (MAX_SORT_LENGTH - len) * N_SOURCES + (N_SOURCES - 1 - c->source);

      out[count[key]++] = *c;
    }
  return sorted;
}

/* Code point offsets → byte offsets of @text for matches in order of start:
 * one walk when they do not overlap, a new walk from the start after an overlap. */
static void
match_byte_offsets (const char *text,
                    GArray     *matches,
                    gsize      *starts,
                    gsize      *ends)
{
  const char *p = text;
  gint64 pos = 0;

  for (guint i = 0; i < matches->len; i++)
    {
      const BzExtractorMatch *m = &g_array_index (matches, BzExtractorMatch, i);

      if (m->start < pos)
        {
          p = text;
          pos = 0;
        }
      while (pos < m->start && *p != '\0')
        {
          p = g_utf8_next_char (p);
          pos++;
        }
      starts[i] = p - text;
      while (pos < m->end && *p != '\0')
        {
          p = g_utf8_next_char (p);
          pos++;
        }
      ends[i] = p - text;
    }
}

/* @text (valid UTF-8) decoded and folded in one pass into the scratch buffer. */
static gunichar *
fold_to_code_points (BzExtractor *self,
                     const char  *text,
                     glong       *out_n)
{
  const guchar *p = (const guchar *) text;
  gsize needed = strlen (text) + 1;
  gunichar *ucs;
  glong n = 0;

  if (self->scratch_size < needed)
    {
      g_free (self->scratch);
      self->scratch_size = MAX (needed, self->scratch_size * 2);
      self->scratch = g_new (gunichar, self->scratch_size);
    }
  ucs = self->scratch;

  while (*p != '\0')
    {
      guint len;
      gunichar c;

      /* Runs of three-byte characters (all of CJK in the BMP) at once. */
      while (*p >= 0xE0 && *p < 0xF0)
        {
          ucs[n++] = fold_bmp[_bz_utf8_decode3 (p)];
          p += 3;
        }
      if (*p == '\0')
        break;
      c = _bz_utf8_decode (p, &len);
      p += len;
      ucs[n++] = c < 0x10000 ? fold_bmp[c] : bz_fold_unichar_t2s (c);
    }
  ucs[n] = 0;
  *out_n = n;
  return ucs;
}

/* The short names of bodies begin with 区 or 市 (区财政局, 市卫健委); after 社,
 * 城, 街, 园, 景, 小, 辖, 片, 郊, 超 or 都 that character ends another word: a
 * 社区卫生健康委员会 is one of the neighbourhoods' committees, not the district's
 * health commission. A school's short name (二中, 五中) before 全会, or before
 * another such name, is a party plenum (二十届二中、三中全会). */
static gboolean
is_plenum (const gunichar    *ucs,
           gsize              n,
           const BzCandidate *c)
{
  gsize e = (gsize) c->end;

  if (c->end - c->start != 2 || ucs[e - 1] != 0x4E2D /* 中 */)
    return FALSE;
  if (e + 1 < n && ucs[e] == 0x5168 /* 全 */ && ucs[e + 1] == 0x4F1A /* 会 */)
    return TRUE;
  return e + 2 < n && ucs[e] == 0x3001 /* 、 */ && ucs[e + 2] == 0x4E2D /* 中 */;
}

static void
drop_bound_body_names (const gunichar *ucs,
                       gsize           n,
                       GArray         *candidates)
{
  static const gunichar before[] = {
    0x793E /* 社 */, 0x57CE /* 城 */, 0x8857 /* 街 */, 0x56ED /* 园 */, 0x666F /* 景 */, 0x5C0F /* 小 */,
    0x8F96 /* 辖 */, 0x7247 /* 片 */, 0x90CA /* 郊 */, 0x8D85 /* 超 */, 0x90FD /* 都 */,
  };
  guint kept = 0;

  for (guint i = 0; i < candidates->len; i++)
    {
      const BzCandidate *c = &g_array_index (candidates, BzCandidate, i);
      gboolean bound = FALSE;

      if (c->kind == BZ_ENTITY_ORG && c->start > 0 &&
          (ucs[c->start] == 0x533A /* 区 */ || ucs[c->start] == 0x5E02 /* 市 */))
        for (guint k = 0; k < G_N_ELEMENTS (before) && !bound; k++)
          bound = ucs[c->start - 1] == before[k];
      if (c->kind == BZ_ENTITY_ORG)
        bound |= is_plenum (ucs, n, c);
      if (!bound)
        g_array_index (candidates, BzCandidate, kept++) = *c;
    }
  g_array_set_size (candidates, kept);
}

static gboolean
ends_sentence (gunichar c)
{
  return c == '\n' || c == 0x3002 /* 。 */ || c == 0xFF1B /* ； */ || c == ';' ||
         c == 0xFF01 /* ！ */ || c == 0xFF1F /* ？ */;
}

/* An INDICATOR names a quantity for which the sentence gives a value, a change
 * or a target (ANNOTATION_GUIDE.md, 8): a listed indicator name in a sentence
 * without a VALUE (分解财政收入指标, 土地增值税等重点税种) is dropped. The rules'
 * own INDICATORs come with their value already. */
static void
drop_indicators_without_value (const gunichar *ucs,
                               gsize           n,
                               GArray         *candidates)
{
  g_autoptr(GArray) values = g_array_sized_new (FALSE, FALSE, sizeof (gint64), candidates->len);
  gsize s = 0, e = 0;
  gboolean has_value = FALSE;
  gboolean worded = FALSE;
  guint kept = 0;

  /* Only the sentences of listed INDICATORs are looked at: most of a text has none. */
  for (guint i = 0; i < candidates->len; i++)
    {
      const BzCandidate *c = &g_array_index (candidates, BzCandidate, i);

      if (c->kind == BZ_ENTITY_VALUE)
        g_array_append_val (values, c->start);
    }
  bz_offset_sort (values->data, values->len, sizeof (gint64), 0, n);
  for (guint i = 0; i < candidates->len; i++)
    {
      const BzCandidate *c = &g_array_index (candidates, BzCandidate, i);

      /* 实际使用外资增速居城六区第一: a rank, not a value. */
      if (c->kind == BZ_ENTITY_INDICATOR && bz_rules_rank_at (ucs, n, (gsize) c->end))
        continue;
      if (c->kind == BZ_ENTITY_INDICATOR && c->source != BZ_CANDIDATE_RULE)
        {
          gsize at = (gsize) c->start;

          if (at < s || at >= e)
            {
              guint lo = 0, hi = values->len;

              for (s = at; s > 0 && !ends_sentence (ucs[s - 1]); s--)
                ;
              for (e = at; e < n && !ends_sentence (ucs[e]); e++)
                ;
              e = MIN (e + 1, n);
              /* A VALUE in the sentence, a change in words (稳步上升, 下降, 突破百万)
               * or a target met (达到市级要求). */
              while (lo < hi)
                {
                  guint mid = (lo + hi) / 2;

                  if ((gsize) g_array_index (values, gint64, mid) < s)
                    lo = mid + 1;
                  else
                    hi = mid;
                }
              has_value = lo < values->len && (gsize) g_array_index (values, gint64, lo) < e;
              worded = FALSE;
              for (gsize k = s; !has_value && !worded && k + 1 < e; k++)
                worded = bz_rules_worded_at (ucs, e, k) > 0;
            }
          /* A count of things (常住人口) needs a number: a change in words is
           * not a rate of change. */
          if (!has_value && !(worded && bz_rules_names_quantity (ucs, (gsize) c->end)))
            continue;
        }
      g_array_index (candidates, BzCandidate, kept++) = *c;
    }
  g_array_set_size (candidates, kept);
}

GArray *
bz_extractor_match (BzExtractor  *self,
                    const char   *text,
                    GError      **error)
{
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GArray) rules = NULL;
  g_autoptr(GArray) sorted = NULL;
  const gunichar *ucs;
  g_autofree guint8 *taken = NULL;
  GArray *matches;
  glong n = 0;

  g_return_val_if_fail (BZ_IS_EXTRACTOR (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  /* Folding turns one code point into one (bz_fold_t2s()'s contract), so the
   * folded copy's offsets are the text's: fold while copying to code points. */
  ucs = fold_to_code_points (self, text, &n);
  candidates = g_array_sized_new (FALSE, FALSE, sizeof (BzCandidate), n / 8 + 16);
  bz_gazetteer_scan_ucs4 (self->gazetteer, ucs, n, candidates);
  bz_gazetteer_scan_ucs4 (self->learned, ucs, n, candidates);
  drop_bound_body_names (ucs, n, candidates);
  rules = g_array_new (FALSE, FALSE, sizeof (BzCandidate));
  bz_rules_apply (ucs, n, candidates, rules);
  g_array_append_vals (candidates, rules->data, rules->len);
  drop_indicators_without_value (ucs, n, candidates);

  sorted = candidates_by_priority (candidates);
  taken = g_new0 (guint8, n + 1);
  matches = g_array_sized_new (FALSE, FALSE, sizeof (BzExtractorMatch), sorted->len);
  for (guint i = 0; i < sorted->len; i++)
    {
      const BzCandidate *c = &g_array_index (sorted, BzCandidate, i);
      gboolean free = TRUE;

      for (gint64 k = c->start; k < c->end && free; k++)
        free = !taken[k];
      if (!free)
        continue;
      if (c->kind != BZ_ENTITY_STOP && g_hash_table_size (self->rejected) > 0)
        {
          g_autoptr(GString) surface = g_string_new (NULL);

          for (gint64 k = c->start; k < c->end; k++)
            g_string_append_unichar (surface, ucs[k]);
          if (_bz_extractor_is_rejected (self, bz_entity_kind_to_string (c->kind), surface->str))
            continue;
        }
      memset (taken + c->start, 1, c->end - c->start);
      if (c->kind != BZ_ENTITY_STOP)
        {
          const char *label = bz_entity_kind_to_string (c->kind);
          const char *source = candidate_source (self, ucs, c);
          BzExtractorMatch m = { c->start, c->end, label, source,
                                 cached_confidence (self->confidences, self->calibration, source, c->kind) };

          g_array_append_val (matches, m);
        }
    }
  bz_offset_sort (matches->data, matches->len, sizeof (BzExtractorMatch), G_STRUCT_OFFSET (BzExtractorMatch, start), n);
  return matches;
}

GPtrArray *
_bz_matches_to_spans (const char *text,
                      GArray     *matches,
                      const char *origin)
{
  g_autofree gsize *starts = g_new (gsize, matches->len + 1);
  g_autofree gsize *ends = g_new (gsize, matches->len + 1);
  GPtrArray *spans = g_ptr_array_new_with_free_func (g_object_unref);

  match_byte_offsets (text, matches, starts, ends);
  for (guint i = 0; i < matches->len; i++)
    {
      const BzExtractorMatch *m = &g_array_index (matches, BzExtractorMatch, i);
      BzSpan *span = bz_span_new (m->start, m->end, m->label, BZ_SPAN_SUGGESTED,
                                  m->origin != NULL ? m->origin : origin);
      g_autofree char *surface = g_strndup (text + starts[i], ends[i] - starts[i]);

      bz_span_set_surface (span, surface);
      if (m->source != NULL)
        {
          bz_span_set_source (span, m->source);
          bz_span_set_confidence (span, CLAMP (m->confidence, 0.0, 1.0));
        }
      g_ptr_array_add (spans, span);
    }
  return spans;
}

GPtrArray *
bz_extractor_extract (BzExtractor  *self,
                      const char   *text,
                      GError      **error)
{
  g_autoptr(GArray) matches = NULL;

  g_return_val_if_fail (BZ_IS_EXTRACTOR (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  matches = bz_extractor_match (self, text, error);
  if (matches == NULL)
    return NULL;
  return _bz_matches_to_spans (text, matches, self->origin);
}

static char *
prediction_line (JsonObject *record,
                 const char *text,
                 GArray     *matches)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (json_object_has_member (record, "id"))
    {
      json_builder_set_member_name (builder, "id");
      json_builder_add_value (builder, json_node_copy (json_object_get_member (record, "id")));
    }
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "label");
  json_builder_begin_array (builder);
  for (guint k = 0; k < matches->len; k++)
    {
      const BzExtractorMatch *m = &g_array_index (matches, BzExtractorMatch, k);

      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, m->start);
      json_builder_add_int_value (builder, m->end);
      json_builder_add_string_value (builder, m->label);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

char *
bz_extractor_predict_jsonl (BzExtractor  *self,
                            const char   *path,
                            GError      **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (BZ_IS_EXTRACTOR (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GArray) matches = NULL;
      g_autoptr(GArray) combined = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *line = NULL;
      JsonNode *root;
      JsonNode *text;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      if (!_bz_json_check_depth (lines[i], strlen (lines[i]), path, i, error))
        return NULL;
      if (!json_parser_load_from_data (parser, lines[i], -1, &local_error))
        {
          g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE, "%s:%u: %s",
                       path, i + 1, local_error->message);
          return NULL;
        }
      root = json_parser_get_root (parser);
      text = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
             ? json_object_get_member (json_node_get_object (root), "text") : NULL;
      if (text == NULL || !JSON_NODE_HOLDS_VALUE (text) || json_node_get_value_type (text) != G_TYPE_STRING)
        {
          g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE,
                       "%s:%u: expected an object with a “text” string", path, i + 1);
          return NULL;
        }
      matches = bz_extractor_match (self, json_node_get_string (text), error);
      if (matches == NULL)
        return NULL;
      combined = _bz_extractor_model_combine (self->model, json_node_get_string (text), matches);
      line = prediction_line (json_node_get_object (root), json_node_get_string (text), combined);
      g_string_append (out, line);
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- calibration on gold ------------------------------------------------------- */

GArray *
bz_extractor_score_gold (BzExtractor *self,
                         BzEvalSet   *gold)
{
  GArray *scored;

  g_return_val_if_fail (BZ_IS_EXTRACTOR (self), NULL);
  g_return_val_if_fail (gold != NULL, NULL);

  scored = g_array_new (FALSE, FALSE, sizeof (BzScoredMatch));
  for (guint d = 0; d < gold->docs->len; d++)
    {
      const BzEvalDoc *doc = g_ptr_array_index (gold->docs, d);
      g_autoptr(GArray) matches = bz_extractor_match (self, doc->text, NULL);

      for (guint i = 0; i < matches->len; i++)
        {
          const BzExtractorMatch *m = &g_array_index (matches, BzExtractorMatch, i);
          BzEvalRange key = { m->start, m->end, m->label };
          BzScoredMatch s = { m->source, m->label, m->confidence, FALSE };

          s.correct = bsearch (&key, doc->spans->data, doc->spans->len, sizeof (BzEvalRange),
                               _bz_eval_range_compare) != NULL;
          g_array_append_val (scored, s);
        }
    }
  return scored;
}

void
bz_calibration_add_scored (BzCalibration *calibration,
                           GArray        *scored)
{
  g_return_if_fail (calibration != NULL);
  g_return_if_fail (scored != NULL);

  for (guint i = 0; i < scored->len; i++)
    {
      const BzScoredMatch *s = &g_array_index (scored, BzScoredMatch, i);

      bz_calibration_add (calibration, s->source, s->label, s->correct ? 1 : 0, 1);
    }
}

/* ---- the workspace's decisions ---------------------------------------------- */

static void
learn_span (BzExtractor *self,
            BzSpan      *span)
{
  const char *surface = bz_span_get_surface (span);

  if (surface == NULL || *surface == '\0')
    return;
  switch (bz_span_get_status (span))
    {
    case BZ_SPAN_ACCEPTED:
      bz_extractor_learn_surface (self, surface, bz_span_get_label (span), NULL);
      break;
    case BZ_SPAN_REJECTED:
      bz_extractor_reject_surface (self, surface, bz_span_get_label (span));
      break;
    case BZ_SPAN_SUGGESTED:
    default:
      break;
    }
}

/* The extractor learns from the shared layer's decisions only: in independent
 * review a reviewer's own decisions must not change the suggestions that the
 * other reviewers get (they are compared, then curated, later). */
static gboolean
learn_spans (BzExtractor   *self,
             BzStore       *store,
             const GArray  *span_ids,
             GError       **error)
{
  g_autofree char *saved = _bz_store_override_layer (store, "");
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < span_ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(BzSpan) span = bz_store_get_span (store, g_array_index (span_ids, gint64, i), &local_error);

      /* Not found: deleted, or of a reviewer's layer; nothing to learn. */
      if (span != NULL)
        learn_span (self, span);
      else if (!g_error_matches (local_error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
    }
  g_free (_bz_store_override_layer (store, saved));
  return ok;
}

static gboolean
learn_document (BzExtractor  *self,
                BzStore      *store,
                gint64        document_id,
                GError      **error)
{
  g_autoptr(GPtrArray) spans = bz_store_list_layer_spans (store, document_id, "", error);

  if (spans == NULL)
    return FALSE;
  for (guint i = 0; i < spans->len; i++)
    learn_span (self, g_ptr_array_index (spans, i));
  return TRUE;
}

static void
spans_changed_cb (BzExtractor *self,
                  gint64       document_id,
                  GArray      *span_ids,
                  BzStore     *store)
{
  g_autoptr(GError) error = NULL;

  /* The changed spans when the store lists them, else the whole document. */
  if (span_ids != NULL ? !learn_spans (self, store, span_ids, &error)
                       : !learn_document (self, store, document_id, &error))
    g_warning ("Cannot follow the decisions of document %" G_GINT64_FORMAT ": %s",
               document_id, error->message);
}

static void
model_changed_cb (BzExtractor *self,
                  BzStore     *store)
{
  (void) store;
  _bz_extractor_model_invalidate (self->model);
}

gboolean
bz_extractor_load_decisions (BzExtractor  *self,
                             BzStore      *store,
                             GError      **error)
{
  g_autoptr(GPtrArray) documents = NULL;

  g_return_val_if_fail (BZ_IS_EXTRACTOR (self), FALSE);
  g_return_val_if_fail (BZ_IS_STORE (store), FALSE);

  if (self->store == store)
    return TRUE;

  bz_extractor_forget_store (self);
  g_clear_pointer (&self->learned, bz_gazetteer_free);
  self->learned = bz_gazetteer_new (BZ_CANDIDATE_LEARNED);
  g_hash_table_remove_all (self->rejected);

  documents = bz_store_list_documents (store, error);
  if (documents == NULL)
    return FALSE;
  for (guint i = 0; i < documents->len; i++)
    if (!learn_document (self, store, bz_document_get_id (g_ptr_array_index (documents, i)), error))
      return FALSE;
  bz_gazetteer_build (self->learned);

  self->store = store;
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &self->store);
  self->spans_changed_id = g_signal_connect_object (store, "spans-changed",
                                                    G_CALLBACK (spans_changed_cb), self,
                                                    G_CONNECT_SWAPPED);
  self->model_changed_id = g_signal_connect_object (store, "model-changed",
                                                    G_CALLBACK (model_changed_cb), self,
                                                    G_CONNECT_SWAPPED);
  return TRUE;
}

gboolean
bz_extractor_annotate_document (BzExtractor  *self,
                                BzStore      *store,
                                gint64        document_id,
                                const char   *text,
                                guint        *out_n_added,
                                GError      **error)
{
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GArray) combined = NULL;

  g_return_val_if_fail (BZ_IS_EXTRACTOR (self), FALSE);
  g_return_val_if_fail (BZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!bz_extractor_load_decisions (self, store, error))
    return FALSE;
  matches = bz_extractor_match (self, text, error);
  if (matches == NULL)
    return FALSE;

  /* The workspace's own decisions on each source refine what gold measured. */
  {
    g_autoptr(BzCalibration) refined = bz_calibration_copy (self->calibration);
    g_autoptr(GHashTable) cache = confidence_cache_new ();

    if (!bz_store_add_decision_counts (store, refined, error))
      return FALSE;
    for (guint i = 0; i < matches->len; i++)
      {
        BzExtractorMatch *m = &g_array_index (matches, BzExtractorMatch, i);

        BzEntityKind kind;

        /* The sources are this extractor's interned keys, the labels its own. */
        if (bz_entity_kind_from_string (m->label, &kind))
          m->confidence = cached_confidence (cache, refined, m->source, kind);
      }
  }
  /* The workspace's tagger where it is surer than the rules. */
  if (!_bz_extractor_model_sync (self->model, store, error))
    return FALSE;
  combined = _bz_extractor_model_combine (self->model, text, matches);
  return _bz_suggest_matches (store, document_id, text, combined, self->origin, self,
                              out_n_added, error);
}

void
bz_extractor_set_model (BzExtractor *self,
                        BzTagger    *tagger)
{
  g_return_if_fail (BZ_IS_EXTRACTOR (self));

  _bz_extractor_model_pin (self->model, tagger);
}

gint64
bz_extractor_get_model_id (BzExtractor *self)
{
  g_return_val_if_fail (BZ_IS_EXTRACTOR (self), 0);

  return _bz_extractor_model_get_id (self->model);
}

gboolean
bz_extractor_annotate (BzStore     *store,
                       gint64       document_id,
                       const char  *text,
                       gpointer     user_data,
                       GError     **error)
{
  g_return_val_if_fail (BZ_IS_EXTRACTOR (user_data), FALSE);

  return bz_extractor_annotate_document (user_data, store, document_id, text, NULL, error);
}
