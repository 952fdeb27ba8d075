/* test-tagger.c: the trained character tagger on the project's gold
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <biaozhu.h>

#include "tagger-blob.h"

static BzExtractor *extractor;
static BzTaggerLists *lists;
static BzTagger *tagger_000;

static BzExtractor *
get_extractor (void)
{
  if (extractor == NULL)
    {
      g_autoptr(GError) error = NULL;

      extractor = bz_extractor_new (NULL, &error);
      g_assert_no_error (error);
      lists = bz_tagger_lists_new (NULL, &error);
      g_assert_no_error (error);
    }
  return extractor;
}

/* The paragraphs of gold files (FOLDER/REPORT.jsonl under tests/data), with the
 * extractor's matches as external tags. */
static GPtrArray *
read_gold (const char *const *files)
{
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_tagger_doc_free);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("BZ_TEST_DATA"), files[i], NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (bz_tagger_read_gold (docs, path, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < docs->len; i++)
    {
      BzTaggerDoc *doc = g_ptr_array_index (docs, i);

      doc->external = bz_tagger_external_tags (get_extractor (), lists, doc->text);
    }
  return docs;
}

static BzTaggerDoc *
find_doc (GPtrArray  *docs,
          const char *id)
{
  for (guint i = 0; i < docs->len; i++)
    {
      BzTaggerDoc *doc = g_ptr_array_index (docs, i);

      if (g_strcmp0 (doc->id, id) == 0)
        return doc;
    }
  g_assert_not_reached ();
}

static char *
surface (const char *text,
         gint64      start,
         gint64      end)
{
  const char *s = g_utf8_offset_to_pointer (text, start);
  const char *e = g_utf8_offset_to_pointer (text, end);

  return g_strndup (s, e - s);
}

static gboolean
has_span (GArray     *spans,
          gint64      start,
          gint64      end,
          const char *label)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const BzTaggerSpan *span = &g_array_index (spans, BzTaggerSpan, i);

      if (span->start == start && span->end == end && g_str_equal (span->label, label))
        return TRUE;
    }
  return FALSE;
}

static gboolean
extractor_has (GArray     *matches,
               gint64      start,
               gint64      end,
               const char *label)
{
  for (guint i = 0; i < matches->len; i++)
    {
      const BzExtractorMatch *m = &g_array_index (matches, BzExtractorMatch, i);

      if (m->start == start && m->end == end && g_str_equal (m->label, label))
        return TRUE;
    }
  return FALSE;
}

static const char *const report_000[] = { "gold/000_3f1c054c4ba4af40.jsonl", NULL };

/* A model trained on report 000 with the rules' tags, shared by the blob tests. */
static BzTagger *
get_tagger (void)
{
  if (tagger_000 == NULL)
    {
      g_autoptr(GPtrArray) docs = read_gold (report_000);
      g_autoptr(GError) error = NULL;

      tagger_000 = bz_tagger_train (docs, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (tagger_000);
    }
  return tagger_000;
}

static void
test_deterministic (void)
{
  g_autoptr(GPtrArray) docs = read_gold (report_000);
  g_autoptr(GPtrArray) reversed = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BzTagger) first = NULL;
  g_autoptr(BzTagger) second = NULL;
  g_autoptr(BzTagger) other_seed = NULL;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GBytes) c = NULL;
  BzTaggerOptions options;

  bz_tagger_options_init (&options);
  options.iterations = 4;
  first = bz_tagger_train (docs, &options, &error);
  g_assert_no_error (error);
  second = bz_tagger_train (docs, &options, &error);
  g_assert_no_error (error);
  a = bz_tagger_save (first);
  b = bz_tagger_save (second);
  g_assert_cmpuint (g_bytes_get_size (a), >, 1000);
  g_assert_true (g_bytes_equal (a, b));

  /* The seed is what orders the passes: another seed, another model. */
  options.seed++;
  other_seed = bz_tagger_train (docs, &options, &error);
  g_assert_no_error (error);
  c = bz_tagger_save (other_seed);
  g_assert_false (g_bytes_equal (a, c));

  /* The labels are the model's in name order, whatever order the texts come in. */
  for (guint i = docs->len; i > 0; i--)
    g_ptr_array_add (reversed, docs->pdata[i - 1]);
  g_clear_pointer (&other_seed, bz_tagger_free);
  other_seed = bz_tagger_train (reversed, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bz_tagger_get_n_labels (other_seed), ==, 7);
  for (guint i = 0; i < 7; i++)
    g_assert_cmpstr (bz_tagger_get_label (other_seed, i), ==, bz_tagger_get_label (first, i));
  g_assert_cmpstr (bz_tagger_get_label (first, 0), ==, "DATE");
  /* The bound on a model's memory. */
  g_assert_cmpuint (bz_tagger_get_memory_size (first), <=, 50 * 1024 * 1024);
}

static void
assert_same_spans (GArray *a,
                   GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const BzTaggerSpan *x = &g_array_index (a, BzTaggerSpan, i);
      const BzTaggerSpan *y = &g_array_index (b, BzTaggerSpan, i);

      g_assert_cmpint (x->start, ==, y->start);
      g_assert_cmpint (x->end, ==, y->end);
      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpfloat (x->confidence, ==, y->confidence);
      g_assert_cmpfloat (x->confidence, >=, 0);
      g_assert_cmpfloat (x->confidence, <=, 1);
    }
}

/* Trained on two reports, the tagger finds on a third a place that the rules and
 * the lists miss: 前門東西區 in the Traditional report 001, a name no list holds. */
static void
test_unseen_name (void)
{
  const char *train_files[] = { "gold/000_3f1c054c4ba4af40.jsonl", "gold/002_f996e536b5069f20.jsonl", NULL };
  const char *test_files[] = { "gold-dev/001_c8b0e577e10dc616.jsonl", NULL };
  g_autoptr(GPtrArray) train = read_gold (train_files);
  g_autoptr(GPtrArray) test = read_gold (test_files);
  BzTaggerDoc *doc = find_doc (test, "001_c8b0e577e10dc616:25");
  g_autoptr(GError) error = NULL;
  g_autoptr(BzTagger) tagger = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) rules = NULL;
  g_autoptr(GArray) alone = NULL;
  g_autofree char *name = surface (doc->text, 81, 86);
  gboolean in_gold = FALSE;
  BzTaggerOptions options;

  g_assert_cmpstr (name, ==, "前門東西區");
  for (guint i = 0; i < doc->positive->len; i++)
    {
      const BzExtractorMatch *g = &g_array_index (doc->positive, BzExtractorMatch, i);

      in_gold |= g->start == 81 && g->end == 86 && g_str_equal (g->label, "PLACE");
    }
  g_assert_true (in_gold);

  /* The extractor, in context and on the name alone in either script, finds only
   * the listed 前門 in it, never the whole name. */
  rules = bz_extractor_match (get_extractor (), doc->text, NULL);
  for (guint i = 0; i < rules->len; i++)
    {
      const BzExtractorMatch *m = &g_array_index (rules, BzExtractorMatch, i);

      if (m->start < 86 && m->end > 81)
        {
          g_assert_cmpint (m->start, ==, 81);
          g_assert_cmpint (m->end, ==, 83);
        }
    }
  alone = bz_extractor_match (get_extractor (), name, NULL);
  g_assert_false (extractor_has (alone, 0, 5, "PLACE"));
  g_clear_pointer (&alone, g_array_unref);
  alone = bz_extractor_match (get_extractor (), "前门东西区", NULL);
  g_assert_false (extractor_has (alone, 0, 5, "PLACE"));
  g_assert_cmpuint (alone->len, ==, 1);
  g_assert_cmpint (g_array_index (alone, BzExtractorMatch, 0).end, ==, 2);

  /* The characters and their context alone, without the rules' tags. */
  bz_tagger_options_init (&options);
  options.use_external = FALSE;
  tagger = bz_tagger_train (train, &options, &error);
  g_assert_no_error (error);
  spans = bz_tagger_predict (tagger, doc->text, NULL);
  g_assert_true (has_span (spans, 81, 86, "PLACE"));

  /* Two reports: the temperature is fitted leaving each out, and a perceptron's
   * scores are always too sharp to be probabilities as they are. It is saved. */
  g_assert_cmpfloat (bz_tagger_get_temperature (tagger), >, 1.0);
  {
    g_autoptr(GBytes) blob = bz_tagger_save (tagger);
    g_autoptr(BzTagger) loaded = bz_tagger_load (blob, &error);
    g_autoptr(GArray) again = NULL;

    g_assert_no_error (error);
    g_assert_cmpfloat (bz_tagger_get_temperature (loaded), ==, bz_tagger_get_temperature (tagger));
    again = bz_tagger_predict (loaded, doc->text, NULL);
    assert_same_spans (spans, again);
  }
}

/* A suggestion the reviewer rejected, given as a negative, is not predicted after training. */
static void
test_negative (void)
{
  g_autoptr(GPtrArray) docs = read_gold (report_000);
  BzTaggerDoc *doc = find_doc (docs, "000_3f1c054c4ba4af40:46");
  g_autoptr(GError) error = NULL;
  g_autoptr(BzTagger) before = NULL;
  g_autoptr(BzTagger) after = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autofree char *name = surface (doc->text, 188, 195);
  guint n_kept = 0;

  /* 王府井H2项目: a project in the gold and the rules' suggestion (a …项目 head). */
  g_assert_cmpstr (name, ==, "王府井H2项目");
  g_assert_true (extractor_has (doc->external, 188, 195, "rules:PROJECT"));
  before = bz_tagger_train (docs, NULL, &error);
  g_assert_no_error (error);
  spans = bz_tagger_predict (before, doc->text, doc->external);
  g_assert_true (has_span (spans, 188, 195, "PROJECT"));
  g_clear_pointer (&spans, g_array_unref);

  /* A reviewer who rejects it: the span leaves the positives and becomes a negative. */
  for (guint i = 0; i < doc->positive->len; i++)
    {
      BzExtractorMatch m = g_array_index (doc->positive, BzExtractorMatch, i);

      if (m.start == 188 && m.end == 195)
        continue;
      g_array_index (doc->positive, BzExtractorMatch, n_kept++) = m;
    }
  g_assert_cmpuint (n_kept + 1, ==, doc->positive->len);
  g_array_set_size (doc->positive, n_kept);
  bz_tagger_doc_add (doc->negative, 188, 195, "PROJECT");

  after = bz_tagger_train (docs, NULL, &error);
  g_assert_no_error (error);
  spans = bz_tagger_predict (after, doc->text, doc->external);
  for (guint i = 0; i < spans->len; i++)
    {
      const BzTaggerSpan *span = &g_array_index (spans, BzTaggerSpan, i);

      g_assert_false (span->start < 195 && span->end > 188 && g_str_equal (span->label, "PROJECT"));
    }
  /* The next projects of the list stay. */
  g_assert_true (has_span (spans, 207, 219, "PROJECT"));
  g_assert_true (has_span (spans, 222, 231, "PROJECT"));
}

static void
test_round_trip (void)
{
  const char *dev_files[] = { "gold-dev/004_abfdc79be98c6e8f.jsonl", NULL };
  g_autoptr(GPtrArray) dev = read_gold (dev_files);
  g_autoptr(GBytes) blob = bz_tagger_save (get_tagger ());
  g_autoptr(GError) error = NULL;
  g_autoptr(BzTagger) loaded = bz_tagger_load (blob, &error);
  g_autoptr(GBytes) again = NULL;
  guint n_spans = 0;

  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  again = bz_tagger_save (loaded);
  g_assert_true (g_bytes_equal (blob, again));
  for (guint i = 0; i < dev->len; i++)
    {
      BzTaggerDoc *doc = g_ptr_array_index (dev, i);
      g_autoptr(GArray) a = bz_tagger_predict (get_tagger (), doc->text, doc->external);
      g_autoptr(GArray) b = bz_tagger_predict (loaded, doc->text, doc->external);

      g_autoptr(GArray) unknown = g_array_copy (doc->external);

      assert_same_spans (a, b);
      n_spans += a->len;
      /* A tag the model was not trained with changes nothing. */
      bz_tagger_doc_add (unknown, 0, g_utf8_strlen (doc->text, -1), "list:unknown");
      g_clear_pointer (&b, g_array_unref);
      b = bz_tagger_predict (loaded, doc->text, unknown);
      assert_same_spans (a, b);
    }
  g_assert_cmpuint (n_spans, >, 100);
}

static void
test_newer_version (void)
{
  g_autoptr(GBytes) blob = bz_tagger_save (get_tagger ());
  g_autoptr(GBytes) newer = tagger_blob_patch (blob, 8, BZ_TAGGER_FORMAT_VERSION + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(BzTagger) loaded = bz_tagger_load (newer, &error);
  g_autofree char *expected = g_strdup_printf ("format version %u, newer", BZ_TAGGER_FORMAT_VERSION + 1);

  g_assert_null (loaded);
  g_assert_error (error, BZ_TAGGER_ERROR, BZ_TAGGER_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, expected));
}

static void
assert_refused (GBytes *blob)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzTagger) loaded = bz_tagger_load (blob, &error);

  g_assert_null (loaded);
  g_assert_error (error, BZ_TAGGER_ERROR, BZ_TAGGER_ERROR_INVALID);
}

static void
test_corrupt (void)
{
  g_autoptr(GBytes) blob = bz_tagger_save (get_tagger ());
  gsize len = g_bytes_get_size (blob);
  const guint8 *data = g_bytes_get_data (blob, NULL);

  /* Every cut: inside the header, the labels, the transitions and the weights. */
  for (gsize cut = 0; cut < len; cut += cut < 2048 ? 1 : 4093)
    {
      g_autoptr(GBytes) truncated = g_bytes_new (data, cut);

      assert_refused (truncated);
    }
  /* A flipped byte anywhere after the version: the checksum refuses it. */
  for (gsize at = 12; at < len; at += at < 1024 ? 1 : 997)
    {
      guint8 *copy = g_memdup2 (data, len);
      g_autoptr(GBytes) damaged = NULL;

      copy[at] ^= 0x40;
      damaged = g_bytes_new_take (copy, len);
      assert_refused (damaged);
    }
  /* Damage with a right checksum: the parser's own bounds refuse it. */
  {
    const struct { gsize offset; guint32 value; } cases[] = {
      { 8, 0 },             /* version 0 */
      { 12, 2 },            /* unknown flag */
      { 16, 3 },            /* a table size that is no power of two */
      { 16, 1u << 30 },     /* a table too large */
      { 20, 0 },            /* no label */
      { 20, 1000000 },      /* labels beyond the end */
      { 24, 0xffffffff },   /* a label longer than the blob */
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GBytes) bad = tagger_blob_patch (blob, cases[i].offset, cases[i].value);

        assert_refused (bad);
      }
  }
  {
    g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
    g_autoptr(GBytes) text = g_bytes_new_static ("{\"model\": 1}", 13);

    assert_refused (empty);
    assert_refused (text);
  }
}

/* The rules stand where the tagger is less sure; a surer tagger span replaces them. */
static void
test_combine (void)
{
  const char *place = g_intern_static_string ("PLACE");
  const char *org = g_intern_static_string ("ORG");
  const BzTaggerSpan rules_spans[] = {
    { 0, 3, place, 0.9 },
    { 5, 8, place, 0.6 },
    { 10, 12, org, 0.8 },
  };
  const BzTaggerSpan tagged_spans[] = {
    { 0, 4, place, 0.7 },   /* less sure than the rule: the rule stays */
    { 5, 9, org, 0.95 },    /* surer: replaces the rule's 5-8 */
    { 20, 22, place, 0.4 }, /* alone, under the threshold */
    { 30, 32, place, 0.6 }, /* alone, over it */
  };
  g_autoptr(GArray) rules = g_array_new (FALSE, FALSE, sizeof (BzTaggerSpan));
  g_autoptr(GArray) tagged = g_array_new (FALSE, FALSE, sizeof (BzTaggerSpan));
  g_autoptr(GArray) out = NULL;
  const BzTaggerSpan expected[] = {
    { 0, 3, place, 0.9 },
    { 5, 9, org, 0.95 },
    { 10, 12, org, 0.8 },
    { 30, 32, place, 0.6 },
  };
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (BzTaggerSpan));

  g_array_append_vals (rules, rules_spans, G_N_ELEMENTS (rules_spans));
  g_array_append_vals (tagged, tagged_spans, G_N_ELEMENTS (tagged_spans));
  g_array_append_vals (want, expected, G_N_ELEMENTS (expected));
  out = bz_tagger_combine (tagged, rules, 0.5);
  assert_same_spans (out, want);
}

/* The combination by its definition, one character at a time: each tagger span,
 * surest first (then in input order), is taken unless a span taken before covers
 * one of its characters, if it is surer than every standing rule span it
 * overlaps (or, overlapping none, at least @min_confidence); those rule spans go. */
static GArray *
combine_by_definition (GArray *tagged,
                       GArray *rules,
                       double  min_confidence)
{
  g_autofree gboolean *done = g_new0 (gboolean, tagged->len + 1);
  g_autofree gboolean *gone = g_new0 (gboolean, rules->len + 1);
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (BzTaggerSpan));
  GArray *out = g_array_new (FALSE, FALSE, sizeof (BzTaggerSpan));

  for (guint round = 0; round < tagged->len; round++)
    {
      const BzTaggerSpan *t = NULL;
      guint at = 0;
      double best = -1;
      gboolean free_range = TRUE;

      for (guint i = 0; i < tagged->len; i++)
        if (!done[i] && (t == NULL || g_array_index (tagged, BzTaggerSpan, i).confidence > t->confidence))
          {
            t = &g_array_index (tagged, BzTaggerSpan, i);
            at = i;
          }
      done[at] = TRUE;
      for (guint j = 0; j < taken->len; j++)
        {
          const BzTaggerSpan *k = &g_array_index (taken, BzTaggerSpan, j);

          free_range &= !(k->start < t->end && t->start < k->end);
        }
      for (guint j = 0; j < rules->len; j++)
        {
          const BzTaggerSpan *k = &g_array_index (rules, BzTaggerSpan, j);

          if (!gone[j] && k->start < t->end && t->start < k->end && k->confidence > best)
            best = k->confidence;
        }
      if (!free_range || (best < 0 ? t->confidence < min_confidence : t->confidence <= best))
        continue;
      for (guint j = 0; j < rules->len; j++)
        {
          const BzTaggerSpan *k = &g_array_index (rules, BzTaggerSpan, j);

          gone[j] |= k->start < t->end && t->start < k->end;
        }
      g_array_append_val (taken, *t);
    }
  for (guint j = 0; j < rules->len; j++)
    if (!gone[j])
      g_array_append_val (out, g_array_index (rules, BzTaggerSpan, j));
  g_array_append_vals (out, taken->data, taken->len);
  return out;
}

/* @a and @b hold the same spans, whatever their order. */
static void
assert_same_span_set (GArray *a,
                      GArray *b)
{
  g_autofree gboolean *used = g_new0 (gboolean, b->len + 1);

  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const BzTaggerSpan *x = &g_array_index (a, BzTaggerSpan, i);
      gboolean found = FALSE;

      for (guint j = 0; j < b->len && !found; j++)
        {
          const BzTaggerSpan *y = &g_array_index (b, BzTaggerSpan, j);

          found = !used[j] && x->start == y->start && x->end == y->end
                  && x->label == y->label && x->confidence == y->confidence;
          used[j] = found;
        }
      g_assert_true (found);
    }
}

/* Many random spans, overlapping, nested, long and short, some empty, ties of
 * confidence: the combination is its definition's. */
static void
test_combine_random (void)
{
  const char *labels[] = { "DATE", "ORG", "PLACE" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GArray) tagged = g_array_new (FALSE, FALSE, sizeof (BzTaggerSpan));
      g_autoptr(GArray) rules = g_array_new (FALSE, FALSE, sizeof (BzTaggerSpan));
      g_autoptr(GArray) out = NULL;
      g_autoptr(GArray) want = NULL;
      guint n = (guint) g_rand_int_range (rand, 0, 60);

      for (guint i = 0; i < 2 * n; i++)
        {
          gint64 start = g_rand_int_range (rand, 0, 200);
          gint64 len = g_rand_int_range (rand, 0, 100) < 5 ? g_rand_int_range (rand, 0, 120)
                                                          : g_rand_int_range (rand, 0, 8);
          BzTaggerSpan span = {
            start, start + len, g_intern_static_string (labels[g_rand_int_range (rand, 0, 3)]),
            g_rand_int_range (rand, 0, 11) / 10.0,
          };

          g_array_append_val (i % 2 == 0 ? tagged : rules, span);
        }
      out = bz_tagger_combine (tagged, rules, 0.5);
      want = combine_by_definition (tagged, rules, 0.5);
      assert_same_span_set (out, want);
      /* In order of start, then end. */
      for (guint i = 1; i < out->len; i++)
        {
          const BzTaggerSpan *x = &g_array_index (out, BzTaggerSpan, i - 1);
          const BzTaggerSpan *y = &g_array_index (out, BzTaggerSpan, i);

          g_assert_true (x->start < y->start || (x->start == y->start && x->end <= y->end));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/biaozhu/tagger/deterministic", test_deterministic);
  g_test_add_func ("/biaozhu/tagger/unseen-name", test_unseen_name);
  g_test_add_func ("/biaozhu/tagger/negative", test_negative);
  g_test_add_func ("/biaozhu/tagger/round-trip", test_round_trip);
  g_test_add_func ("/biaozhu/tagger/newer-version", test_newer_version);
  g_test_add_func ("/biaozhu/tagger/corrupt", test_corrupt);
  g_test_add_func ("/biaozhu/tagger/combine", test_combine);
  g_test_add_func ("/biaozhu/tagger/combine-random", test_combine_random);
  status = g_test_run ();
  g_clear_pointer (&tagger_000, bz_tagger_free);
  g_clear_object (&extractor);
  g_clear_pointer (&lists, bz_tagger_lists_free);
  return status;
}
