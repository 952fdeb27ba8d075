/* bz-cli-train.c: biaozhu-cli train, a tagger model from gold annotations, and its evaluation
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "bz-cli.h"
#include "bz-cli-output.h"

/* Strict counts of one label (or of all, the micro average). */
typedef struct
{
  guint tp;
  guint n_pred;
  guint n_gold;
} Counts;

#define N_SYSTEMS 4
/* The systems scored: rules, tagger, tagger-no-rules, combined. */

typedef struct
{
  GHashTable *by_label;           /* interned label -> Counts[N_SYSTEMS] */
  Counts      micro[N_SYSTEMS];
} Scores;

static void
scores_init (Scores *scores)
{
  scores->by_label = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  memset (scores->micro, 0, sizeof scores->micro);
}

static void
scores_clear (Scores *scores)
{
  g_clear_pointer (&scores->by_label, g_hash_table_unref);
}

static Counts *
scores_lookup (Scores     *scores,
               const char *label)
{
  Counts *counts = g_hash_table_lookup (scores->by_label, label);

  if (counts == NULL)
    {
      counts = g_new0 (Counts, N_SYSTEMS);
      g_hash_table_insert (scores->by_label, (gpointer) label, counts);
    }
  return counts;
}

static gboolean
same_span (const BzTaggerSpan     *pred,
           const BzExtractorMatch *gold)
{
  return pred->start == gold->start && pred->end == gold->end
         && g_str_equal (pred->label, gold->label);
}

/* Adds the strict counts of @pred (BzTaggerSpan) against the doc's positives. */
static void
scores_add (Scores            *scores,
            guint              system,
            const BzTaggerDoc *doc,
            GArray            *pred)
{
  for (guint i = 0; i < doc->positive->len; i++)
    {
      const BzExtractorMatch *gold = &g_array_index (doc->positive, BzExtractorMatch, i);

      scores_lookup (scores, g_intern_string (gold->label))[system].n_gold++;
      scores->micro[system].n_gold++;
    }
  for (guint i = 0; i < pred->len; i++)
    {
      const BzTaggerSpan *p = &g_array_index (pred, BzTaggerSpan, i);
      gboolean hit = FALSE;

      for (guint j = 0; j < doc->positive->len && !hit; j++)
        hit = same_span (p, &g_array_index (doc->positive, BzExtractorMatch, j));
      scores_lookup (scores, g_intern_string (p->label))[system].n_pred++;
      scores->micro[system].n_pred++;
      if (hit)
        {
          scores_lookup (scores, g_intern_string (p->label))[system].tp++;
          scores->micro[system].tp++;
        }
    }
}

static double
f1 (const Counts *c)
{
  return c->n_pred + c->n_gold > 0 ? 2.0 * c->tp / (c->n_pred + c->n_gold) : 0;
}

/* The rules' matches of @doc as spans with the confidence of their label. */
static GArray *
rule_spans (const BzTaggerDoc *doc,
            GHashTable        *precision)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (BzTaggerSpan));

  for (guint i = 0; i < doc->external->len; i++)
    {
      const BzExtractorMatch *m = &g_array_index (doc->external, BzExtractorMatch, i);
      const char *label;

      /* The external tags hold the lists' matches too. */
      if (!g_str_has_prefix (m->label, "rules:"))
        continue;
      label = g_intern_string (m->label + strlen ("rules:"));
      {
        double *p = precision != NULL ? g_hash_table_lookup (precision, label) : NULL;
        BzTaggerSpan span = { m->start, m->end, label, p != NULL ? *p : 0.5 };

        g_array_append_val (out, span);
      }
    }
  return out;
}

/* Per label, how often the rules are right on @docs (strict precision): the rules'
 * confidence in a combination. */
static GHashTable *
rule_precision (GPtrArray *docs)
{
  Scores scores;
  GHashTable *precision = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  GHashTableIter iter;
  gpointer key, value;

  scores_init (&scores);
  for (guint i = 0; i < docs->len; i++)
    {
      const BzTaggerDoc *doc = g_ptr_array_index (docs, i);
      g_autoptr(GArray) rules = rule_spans (doc, NULL);

      scores_add (&scores, 0, doc, rules);
    }
  g_hash_table_iter_init (&iter, scores.by_label);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Counts *c = value;

      if (c[0].n_pred > 0)
        g_hash_table_insert (precision, key, g_memdup2 (&(double) { (double) c[0].tp / c[0].n_pred }, sizeof (double)));
    }
  scores_clear (&scores);
  return precision;
}

/* The reports of @docs in the order they first appear. */
static GPtrArray *
list_reports (GPtrArray *docs)
{
  GPtrArray *reports = g_ptr_array_new ();

  for (guint i = 0; i < docs->len; i++)
    {
      const char *report = g_intern_string (((BzTaggerDoc *) g_ptr_array_index (docs, i))->report);

      if (!g_ptr_array_find (reports, report, NULL))
        g_ptr_array_add (reports, (gpointer) report);
    }
  return reports;
}

/* Trains on the docs of @train_reports and scores every system on the docs of @test_report. */
static gboolean
run_fold (GPtrArray   *docs,
          GPtrArray   *train_reports,
          const char  *test_report,
          double       min_confidence,
          Scores      *scores,
          GError     **error)
{
  g_autoptr(GPtrArray) train = g_ptr_array_new ();
  g_autoptr(BzTagger) tagger = NULL;
  g_autoptr(BzTagger) plain = NULL;
  g_autoptr(GHashTable) precision = NULL;
  BzTaggerOptions options;

  for (guint i = 0; i < docs->len; i++)
    {
      BzTaggerDoc *doc = g_ptr_array_index (docs, i);

      if (g_ptr_array_find (train_reports, g_intern_string (doc->report), NULL))
        g_ptr_array_add (train, doc);
    }
  bz_tagger_options_init (&options);
  tagger = bz_tagger_train (train, &options, error);
  if (tagger == NULL)
    return FALSE;
  options.use_external = FALSE;
  plain = bz_tagger_train (train, &options, error);
  if (plain == NULL)
    return FALSE;
  precision = rule_precision (train);

  for (guint i = 0; i < docs->len; i++)
    {
      BzTaggerDoc *doc = g_ptr_array_index (docs, i);
      g_autoptr(GArray) rules = NULL;
      g_autoptr(GArray) tagged = NULL;
      g_autoptr(GArray) tagged_plain = NULL;
      g_autoptr(GArray) combined = NULL;

      if (g_intern_string (doc->report) != test_report)
        continue;
      rules = rule_spans (doc, precision);
      tagged = bz_tagger_predict (tagger, doc->text, doc->external);
      tagged_plain = bz_tagger_predict (plain, doc->text, NULL);
      combined = bz_tagger_combine (tagged, rules, min_confidence);
      scores_add (scores, 0, doc, rules);
      scores_add (scores, 1, doc, tagged);
      scores_add (scores, 2, doc, tagged_plain);
      scores_add (scores, 3, doc, combined);
    }
  return TRUE;
}

static void
print_scores (Scores *scores)
{
  static const char *const order[] = { "PLACE", "ORG", "PROJECT", "POLICY", "INDICATOR", "VALUE", "DATE", NULL };
  const char *headers[] = { "label", "gold", "rules", "tagger", "tagger-no-rules", "combined", NULL };
  g_autoptr(BzCliTable) table = bz_cli_table_new (headers);

  for (guint i = 0; order[i] != NULL; i++)
    {
      Counts *c = g_hash_table_lookup (scores->by_label, g_intern_string (order[i]));
      g_autofree char *gold = NULL;
      char *cells[N_SYSTEMS];

      if (c == NULL)
        continue;
      gold = g_strdup_printf ("%u", c[0].n_gold);
      for (guint s = 0; s < N_SYSTEMS; s++)
        cells[s] = g_strdup_printf ("%.3f", f1 (&c[s]));
      bz_cli_table_add_row (table, (const char *const[]) { order[i], gold, cells[0], cells[1], cells[2], cells[3] });
      for (guint s = 0; s < N_SYSTEMS; s++)
        g_free (cells[s]);
    }
  {
    g_autofree char *gold = g_strdup_printf ("%u", scores->micro[0].n_gold);
    char cells[N_SYSTEMS][16];

    for (guint s = 0; s < N_SYSTEMS; s++)
      g_snprintf (cells[s], sizeof cells[s], "%.3f", f1 (&scores->micro[s]));
    bz_cli_table_add_row (table, (const char *const[]) { "micro", gold, cells[0], cells[1], cells[2], cells[3] });
  }
  bz_cli_table_print (table);
}

static int
cross_validate (GPtrArray *docs,
                double     min_confidence)
{
  g_autoptr(GPtrArray) reports = list_reports (docs);
  g_autoptr(GError) error = NULL;
  Scores scores;

  if (reports->len < 2)
    {
      bz_cli_error (_("Cross-validation needs the gold of at least two reports (got %u)"), reports->len);
      return BZ_CLI_EXIT_ERROR;
    }

  /* Leave one report out: train on the others, score on it; counts pooled over the folds. */
  scores_init (&scores);
  for (guint i = 0; i < reports->len; i++)
    {
      g_autoptr(GPtrArray) train = g_ptr_array_new ();

      for (guint j = 0; j < reports->len; j++)
        if (j != i)
          g_ptr_array_add (train, reports->pdata[j]);
      if (!run_fold (docs, train, reports->pdata[i], min_confidence, &scores, &error))
        {
          scores_clear (&scores);
          return bz_cli_fail (error);
        }
    }
  bz_cli_print (_("Leave-one-report-out over %u reports, strict F1 (counts pooled over the folds):\n"), reports->len);
  print_scores (&scores);
  scores_clear (&scores);

  /* The learning curve: each report scored by models trained on 1, 2, … of the others
   * (the others in their order, starting after the scored report). */
  bz_cli_print ("\n%s\n", _("Learning curve, strict micro F1 on the left-out report (pooled over the folds):"));
  {
    const char *headers[] = { "training reports", "rules", "tagger", "tagger-no-rules", "combined", NULL };
    g_autoptr(BzCliTable) table = bz_cli_table_new (headers);

    for (guint k = 1; k < reports->len; k++)
      {
        char cells[N_SYSTEMS + 1][16];

        scores_init (&scores);
        for (guint i = 0; i < reports->len; i++)
          {
            g_autoptr(GPtrArray) train = g_ptr_array_new ();

            for (guint j = 1; j <= k; j++)
              g_ptr_array_add (train, reports->pdata[(i + j) % reports->len]);
            if (!run_fold (docs, train, reports->pdata[i], min_confidence, &scores, &error))
              {
                scores_clear (&scores);
                return bz_cli_fail (error);
              }
          }
        g_snprintf (cells[0], sizeof cells[0], "%u", k);
        for (guint s = 0; s < N_SYSTEMS; s++)
          g_snprintf (cells[s + 1], sizeof cells[s + 1], "%.3f", f1 (&scores.micro[s]));
        bz_cli_table_add_row (table, (const char *const[]) { cells[0], cells[1], cells[2], cells[3], cells[4] });
        scores_clear (&scores);
      }
    bz_cli_table_print (table);
  }
  return BZ_CLI_EXIT_OK;
}

/* train without --gold: the workspace's model, from the shipped training set
 * and the workspace's reviewed reports, stored as its active model. */
static int
train_workspace (BzCliContext *ctx)
{
  g_autoptr(BzStore) store = NULL;
  g_autoptr(BzExtractor) extractor = NULL;
  g_autoptr(BzTrainingSet) set = bz_training_set_new ();
  g_autoptr(BzTrainedModel) model = NULL;
  g_autoptr(GError) error = NULL;
  guint n_base;
  gint64 id;

  store = bz_cli_open_store (ctx, BZ_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BZ_CLI_EXIT_ERROR;
  extractor = bz_extractor_new (NULL, &error);
  if (extractor == NULL
      || !bz_extractor_load_decisions (extractor, store, &error)
      || !bz_training_set_add_default (set, &error))
    return bz_cli_fail (error);
  n_base = bz_training_set_get_n_reports (set);
  if (!bz_training_set_add_reviewed (set, store, &error))
    return bz_cli_fail (error);
  bz_training_set_add_features (set, extractor);
  model = bz_training_set_train (set, &error);
  if (model == NULL)
    return bz_cli_fail (error);
  id = bz_trained_model_store (model, store, NULL, &error);
  if (id == 0)
    return bz_cli_fail (error);
  bz_cli_print (_("Model %lld trained on %u reviewed reports of the workspace and %u gold reports, "
                  "now the active model: %s\n"),
                (long long) id, bz_training_set_get_n_reports (set) - n_base, n_base, model->scores);
  return BZ_CLI_EXIT_OK;
}

int
bz_cli_cmd_train (BzCliContext  *ctx,
                  int            argc,
                  char         **argv)
{
  g_auto(GStrv) gold_paths = NULL;
  g_autofree char *output = NULL;
  gboolean cv = FALSE;
  gboolean no_rules = FALSE;
  gboolean with_lists = FALSE;
  gboolean use_default = FALSE;
  int iterations = 10;
  double min_confidence = 0.5;
  const GOptionEntry entries[] = {
    { "gold", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &gold_paths, N_("Gold annotations (JSONL file or folder; repeat for more)"), "PATH" },
    { "default", 0, 0, G_OPTION_ARG_NONE, &use_default, N_("Train on the shipped training set, as the default model is"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the model to FILE"), "FILE" },
    { "iterations", 0, 0, G_OPTION_ARG_INT, &iterations, N_("Passes over the training data (default 10)"), "N" },
    { "no-rules", 0, 0, G_OPTION_ARG_NONE, &no_rules, N_("Do not use the rules' and lists' matches as features"), NULL },
    { "lists", 0, 0, G_OPTION_ARG_NONE, &with_lists, N_("Also use each gazetteer list's matches as features"), NULL },
    { "cross-validate", 0, 0, G_OPTION_ARG_NONE, &cv, N_("Score rules, tagger and their combination leaving one report out"), NULL },
    { "min-confidence", 0, 0, G_OPTION_ARG_DOUBLE, &min_confidence, N_("In the combination, the confidence a tagger span needs where no rule matched (default 0.5)"), "P" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— train a tagger model from gold annotations, or the workspace's from its reviewed reports"));
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_tagger_doc_free);
  g_autoptr(BzExtractor) extractor = NULL;
  g_autoptr(BzTaggerLists) lists = NULL;
  g_autoptr(BzTagger) tagger = NULL;
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(GError) error = NULL;
  BzTaggerOptions options;
  int exit_code;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Without --gold or --default, trains the workspace's model from the shipped training set and "
      "the workspace's reviewed reports (accepted spans as examples, rejected suggestions as "
      "counter-examples), stores it in the workspace and makes it the active model."));
  if (!bz_cli_parse_no_arguments (context, &argc, &argv, &exit_code))
    return exit_code;
  if (gold_paths == NULL && !use_default && !cv && output == NULL)
    return train_workspace (ctx);
  if ((gold_paths == NULL) == !use_default || (output == NULL) == !cv || (use_default && cv))
    {
      bz_cli_error (_("train needs --gold PATH (or --default) and either -o FILE or --cross-validate"));
      return BZ_CLI_EXIT_USAGE;
    }
  if (iterations < 1 || iterations > 1000)
    {
      bz_cli_error (_("--iterations must be between 1 and 1000"));
      return BZ_CLI_EXIT_USAGE;
    }

  if (use_default)
    {
      /* The default model: the workspace's training on no reviewed report. */
      g_autoptr(BzTrainingSet) set = bz_training_set_new ();
      g_autoptr(BzTrainedModel) model = NULL;

      extractor = bz_extractor_new (NULL, &error);
      if (extractor == NULL || !bz_training_set_add_default (set, &error))
        return bz_cli_fail (error);
      bz_training_set_add_features (set, extractor);
      model = bz_training_set_train (set, &error);
      if (model == NULL)
        return bz_cli_fail (error);
      if (!g_file_set_contents (output, g_bytes_get_data (model->blob, NULL),
                                g_bytes_get_size (model->blob), &error))
        return bz_cli_fail (error);
      return BZ_CLI_EXIT_OK;
    }

  for (guint i = 0; gold_paths[i] != NULL; i++)
    if (!bz_tagger_read_gold (docs, gold_paths[i], &error))
      return bz_cli_fail (error);
  extractor = bz_extractor_new (NULL, &error);
  if (extractor == NULL)
    return bz_cli_fail (error);
  if (with_lists)
    {
      lists = bz_tagger_lists_new (NULL, &error);
      if (lists == NULL)
        return bz_cli_fail (error);
    }
  for (guint i = 0; i < docs->len; i++)
    {
      BzTaggerDoc *doc = g_ptr_array_index (docs, i);

      doc->external = bz_tagger_external_tags (extractor, lists, doc->text);
    }

  if (cv)
    return cross_validate (docs, min_confidence);

  bz_tagger_options_init (&options);
  options.iterations = (guint) iterations;
  options.use_external = !no_rules;
  tagger = bz_tagger_train (docs, &options, &error);
  if (tagger == NULL)
    return bz_cli_fail (error);
  blob = bz_tagger_save (tagger);
  if (!g_file_set_contents (output, g_bytes_get_data (blob, NULL), g_bytes_get_size (blob), &error))
    return bz_cli_fail (error);
  return BZ_CLI_EXIT_OK;
}
