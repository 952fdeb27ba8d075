/* bz-agreement-report.c: the figures of agreement: accessors, JSON and a table
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-agreement"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "bz-agreement-private.h"

BzAgreementScore *
_bz_agreement_report_score (BzAgreementReport *self,
                            int                pair,
                            int                label)
{
  return &self->scores[(pair + 1) * (self->labels->len + 1) + (label + 1)];
}

void
_bz_agreement_report_document_clear (gpointer data)
{
  ReportDocument *document = data;

  g_free (document->key);
  g_free (document->reviewers);
}

void
bz_agreement_report_free (BzAgreementReport *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->reviewers);
  g_ptr_array_unref (self->labels);
  g_array_unref (self->pairs);
  g_array_unref (self->documents);
  g_array_unref (self->document_scores);
  g_free (self->scores);
  g_free (self);
}

/* ---- accessors --------------------------------------------------------- */

guint
bz_agreement_report_get_n_reviewers (BzAgreementReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->reviewers->len;
}

const char *
bz_agreement_report_get_reviewer (BzAgreementReport *self,
                                  guint              index)
{
  g_return_val_if_fail (self != NULL && index < self->reviewers->len, NULL);
  return g_ptr_array_index (self->reviewers, index);
}

guint
bz_agreement_report_get_n_labels (BzAgreementReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->labels->len;
}

const char *
bz_agreement_report_get_label (BzAgreementReport *self,
                               guint              index)
{
  g_return_val_if_fail (self != NULL && index < self->labels->len, NULL);
  return g_ptr_array_index (self->labels, index);
}

guint
bz_agreement_report_get_n_pairs (BzAgreementReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->pairs->len;
}

void
bz_agreement_report_get_pair (BzAgreementReport *self,
                              guint              index,
                              guint             *reference,
                              guint             *other,
                              guint             *n_documents)
{
  const Pair *pair;

  g_return_if_fail (self != NULL && index < self->pairs->len);

  pair = &g_array_index (self->pairs, Pair, index);
  if (reference != NULL)
    *reference = pair->reference;
  if (other != NULL)
    *other = pair->other;
  if (n_documents != NULL)
    *n_documents = pair->n_documents;
}

guint
bz_agreement_report_get_n_documents (BzAgreementReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->documents->len;
}

const char *
bz_agreement_report_get_document (BzAgreementReport *self,
                                  guint              index,
                                  guint             *n_chars)
{
  const ReportDocument *document;

  g_return_val_if_fail (self != NULL && index < self->documents->len, NULL);

  document = &g_array_index (self->documents, ReportDocument, index);
  if (n_chars != NULL)
    *n_chars = document->n_chars;
  return document->key;
}

const guint *
bz_agreement_report_get_document_reviewers (BzAgreementReport *self,
                                            guint              index,
                                            guint             *n_reviewers)
{
  const ReportDocument *document;

  g_return_val_if_fail (self != NULL && index < self->documents->len, NULL);
  g_return_val_if_fail (n_reviewers != NULL, NULL);

  document = &g_array_index (self->documents, ReportDocument, index);
  *n_reviewers = document->n_reviewers;
  return document->reviewers;
}

const BzAgreementScore *
bz_agreement_report_get_score (BzAgreementReport *self,
                               int                pair,
                               int                label)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (pair >= BZ_AGREEMENT_ALL && pair < (int) self->pairs->len, NULL);
  g_return_val_if_fail (label >= BZ_AGREEMENT_ALL && label < (int) self->labels->len, NULL);

  return _bz_agreement_report_score (self, pair, label);
}

const BzAgreementScore *
bz_agreement_report_get_document_score (BzAgreementReport *self,
                                        guint              document,
                                        int                pair)
{
  const ReportDocument *entry;

  g_return_val_if_fail (self != NULL && document < self->documents->len, NULL);
  g_return_val_if_fail (pair >= BZ_AGREEMENT_ALL && pair < (int) self->pairs->len, NULL);

  entry = &g_array_index (self->documents, ReportDocument, document);
  for (guint i = entry->first_score; i < entry->first_score + entry->n_scores; i++)
    {
      const DocumentScore *score = &g_array_index (self->document_scores, DocumentScore, i);

      if (score->pair == pair)
        return &score->score;
    }
  return NULL;
}

/* ---- JSON -------------------------------------------------------------- */

static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_count (JsonBuilder *builder,
           const char  *name,
           guint64      value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, (gint64) value);
}

static void
add_coefficient (JsonBuilder                  *builder,
                 const char                   *name,
                 const BzAgreementCoefficient *coefficient)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  add_count (builder, "units", coefficient->units);
  add_number (builder, "observed", coefficient->observed);
  add_number (builder, "expected", coefficient->expected);
  add_number (builder, "value", coefficient->value);
  json_builder_end_object (builder);
}

static void
add_score (JsonBuilder            *builder,
           const char             *name,
           const BzAgreementScore *score)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "f1");
  json_builder_begin_object (builder);
  add_count (builder, "reference_spans", score->f1.reference_spans);
  add_count (builder, "other_spans", score->f1.other_spans);
  add_count (builder, "matched", score->f1.matched);
  add_number (builder, "precision", score->f1.precision);
  add_number (builder, "recall", score->f1.recall);
  add_number (builder, "f1", score->f1.f1);
  json_builder_end_object (builder);
  add_coefficient (builder, "kappa", &score->kappa);
  add_coefficient (builder, "kappa_no_o", &score->kappa_no_o);
  add_coefficient (builder, "alpha", &score->alpha);
  add_coefficient (builder, "alpha_no_o", &score->alpha_no_o);
  json_builder_end_object (builder);
}

static void
add_scope (JsonBuilder       *builder,
           BzAgreementReport *self,
           int                pair)
{
  add_score (builder, "overall", _bz_agreement_report_score (self, pair, BZ_AGREEMENT_ALL));
  json_builder_set_member_name (builder, "per_label");
  json_builder_begin_object (builder);
  for (guint l = 0; l < self->labels->len; l++)
    add_score (builder, g_ptr_array_index (self->labels, l), _bz_agreement_report_score (self, pair, (int) l));
  json_builder_end_object (builder);
}

static void
add_pair_names (JsonBuilder       *builder,
                BzAgreementReport *self,
                int                pair)
{
  const Pair *p = &g_array_index (self->pairs, Pair, pair);

  json_builder_set_member_name (builder, "reference");
  json_builder_add_string_value (builder, g_ptr_array_index (self->reviewers, p->reference));
  json_builder_set_member_name (builder, "other");
  json_builder_add_string_value (builder, g_ptr_array_index (self->reviewers, p->other));
}

char *
bz_agreement_report_to_json (BzAgreementReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reviewers");
  json_builder_begin_array (builder);
  for (guint r = 0; r < self->reviewers->len; r++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->reviewers, r));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_array (builder);
  for (guint l = 0; l < self->labels->len; l++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->labels, l));
  json_builder_end_array (builder);
  add_count (builder, "n_documents", self->documents->len);
  add_count (builder, "n_chars", self->n_chars);
  add_scope (builder, self, BZ_AGREEMENT_ALL);

  json_builder_set_member_name (builder, "pairs");
  json_builder_begin_array (builder);
  for (guint p = 0; p < self->pairs->len; p++)
    {
      json_builder_begin_object (builder);
      add_pair_names (builder, self, (int) p);
      add_count (builder, "n_documents", g_array_index (self->pairs, Pair, p).n_documents);
      add_scope (builder, self, (int) p);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint d = 0; d < self->documents->len; d++)
    {
      const ReportDocument *document = &g_array_index (self->documents, ReportDocument, d);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, document->key);
      add_count (builder, "n_chars", document->n_chars);
      json_builder_set_member_name (builder, "reviewers");
      json_builder_begin_array (builder);
      for (guint r = 0; r < document->n_reviewers; r++)
        json_builder_add_string_value (builder, g_ptr_array_index (self->reviewers, document->reviewers[r]));
      json_builder_end_array (builder);
      add_score (builder, "overall",
                 &g_array_index (self->document_scores, DocumentScore, document->first_score).score);
      json_builder_set_member_name (builder, "pairs");
      json_builder_begin_array (builder);
      for (guint i = 1; i < document->n_scores; i++)
        {
          const DocumentScore *score = &g_array_index (self->document_scores, DocumentScore,
                                                       document->first_score + i);

          json_builder_begin_object (builder);
          add_pair_names (builder, self, score->pair);
          add_score (builder, "overall", &score->score);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* ---- text -------------------------------------------------------------- */

#define NAME_WIDTH 28

/* @text padded with spaces to @width characters (code points), on the left
 * when @right. */
static void
append_cell (GString    *out,
             const char *text,
             int         width,
             gboolean    right)
{
  int pad = width - (int) g_utf8_strlen (text, -1);

  if (right)
    for (int i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (int i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
}

char *
bz_agreement_format_value (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.3f", value);
}

static void
append_number (GString *out,
               double   value)
{
  g_autofree char *cell = bz_agreement_format_value (value);

  append_cell (out, cell, 8, TRUE);
}

static void
append_row (GString                *out,
            const char             *name,
            const BzAgreementScore *score)
{
  g_autofree char *spans = g_strdup_printf ("%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
                                            score->f1.reference_spans, score->f1.other_spans);
  g_autofree char *matched = g_strdup_printf ("%" G_GUINT64_FORMAT, score->f1.matched);

  append_cell (out, name, NAME_WIDTH, FALSE);
  append_cell (out, spans, 12, TRUE);
  append_cell (out, matched, 8, TRUE);
  append_number (out, score->f1.precision);
  append_number (out, score->f1.recall);
  append_number (out, score->f1.f1);
  append_number (out, score->kappa.value);
  append_number (out, score->kappa_no_o.value);
  append_number (out, score->alpha.value);
  append_number (out, score->alpha_no_o.value);
  g_string_append_c (out, '\n');
}

static void
append_header (GString    *out,
               const char *first)
{
  const char *numbers[] = { "P", "R", "F1", "κ", _("κ no O"), "α", _("α no O") };

  append_cell (out, first, NAME_WIDTH, FALSE);
  /* TRANSLATORS: spans of the reference / of the other reviewer */
  append_cell (out, _("spans"), 12, TRUE);
  /* TRANSLATORS: spans with the same bounds and label on both sides */
  append_cell (out, _("matched"), 8, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    append_cell (out, numbers[i], 8, TRUE);
  g_string_append_c (out, '\n');
}

static char *
pair_name (BzAgreementReport *self,
           int                pair)
{
  const Pair *p = &g_array_index (self->pairs, Pair, pair);

  return g_strdup_printf ("%s / %s", (const char *) g_ptr_array_index (self->reviewers, p->reference),
                          (const char *) g_ptr_array_index (self->reviewers, p->other));
}

static void
append_scope (GString           *out,
              BzAgreementReport *self,
              int                pair)
{
  g_autofree char *name = pair < 0 ? g_strdup (_("All reviewers")) : pair_name (self, pair);

  append_row (out, name, _bz_agreement_report_score (self, pair, BZ_AGREEMENT_ALL));
  for (guint l = 0; l < self->labels->len; l++)
    {
      g_autofree char *label = g_strconcat ("  ", (const char *) g_ptr_array_index (self->labels, l), NULL);

      append_row (out, label, _bz_agreement_report_score (self, pair, (int) l));
    }
}

char *
bz_agreement_report_to_text (BzAgreementReport *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append_printf (out, _("Reviewers: %u. Reports annotated by two or more: %u (%llu characters).\n"),
                          self->reviewers->len, self->documents->len, (unsigned long long) self->n_chars);
  if (self->documents->len == 0)
    {
      g_string_append (out, _("No report was annotated by two reviewers: agreement is undefined.\n"));
      return g_string_free (out, FALSE);
    }
  g_string_append_c (out, '\n');
  append_header (out, _("Reviewers and labels"));
  append_scope (out, self, BZ_AGREEMENT_ALL);
  for (guint p = 0; p < self->pairs->len; p++)
    append_scope (out, self, (int) p);

  g_string_append_c (out, '\n');
  append_header (out, _("Reports"));
  for (guint d = 0; d < self->documents->len; d++)
    {
      const ReportDocument *document = &g_array_index (self->documents, ReportDocument, d);

      append_row (out, document->key,
                  &g_array_index (self->document_scores, DocumentScore, document->first_score).score);
      for (guint i = 1; document->n_scores > 2 && i < document->n_scores; i++)
        {
          const DocumentScore *score = &g_array_index (self->document_scores, DocumentScore,
                                                       document->first_score + i);
          g_autofree char *name = pair_name (self, score->pair);
          g_autofree char *indented = g_strconcat ("  ", name, NULL);

          append_row (out, indented, &score->score);
        }
    }

  g_string_append_c (out, '\n');
  g_string_append (out, _("spans: the reference's (first reviewer's) / the other's; P, R, F1: strict "
                          "span matches (bounds and label). κ: Cohen's kappa over characters with BIO "
                          "tags (for all reviewers the mean over pairs); α: Krippendorff's alpha, "
                          "nominal, characters as units. “no O”: only characters that a reviewer "
                          "tagged. Per label: in the label or not. —: undefined.\n"));
  return g_string_free (out, FALSE);
}
