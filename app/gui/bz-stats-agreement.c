/* bz-stats-agreement.c: how far the reviewers agree, in the statistics
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three tables of one agreement report (bz-agreement.h): all labels and each
 * label, each pair of reviewers, each report, with strict span F1, Cohen's κ
 * with and without the O class, and Krippendorff's α. A workspace where no
 * report has two reviewers gets a page that says how to get there.
 */
#define G_LOG_DOMAIN "bz-stats-agreement"

#include "config.h"

#include <glib/gi18n.h>

#include "bz-agreement-row.h"
#include "bz-stats-agreement.h"

struct _BzStatsAgreement
{
  AdwBin parent_instance;

  AdwStatusPage *empty_page;
  GtkLabel *summary;
  GtkColumnView *label_table;
  GtkColumnView *pair_table;
  GtkColumnView *report_table;

  GListStore *labels;         /* BzAgreementRow */
  GListStore *pairs;          /* BzAgreementRow */
  GListStore *reports;        /* BzAgreementRow */
};

G_DEFINE_FINAL_TYPE (BzStatsAgreement, bz_stats_agreement, ADW_TYPE_BIN)

/* The template's root, which has no id: the bin unparents it in its dispose. */
static GtkStack *
get_stack (BzStatsAgreement *self)
{
  return GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
}

/* The row property each column of every table shows, in the template's order. */
static const char * const column_properties[] = { "title", "detail", "f1", "kappa", "kappa-no-o", "alpha" };

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);
  const char *property = data;

  /* Names on the left, figures right-aligned in tabular digits. */
  if (g_str_equal (property, "title"))
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  g_autofree char *text = NULL;

  g_object_get (gtk_list_item_get_item (item), data, &text, NULL);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
set_up_table (GtkColumnView *table,
              GListStore    *rows)
{
  GListModel *columns = gtk_column_view_get_columns (table);

  g_assert (g_list_model_get_n_items (columns) == G_N_ELEMENTS (column_properties));
  for (guint i = 0; i < G_N_ELEMENTS (column_properties); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), (gpointer) column_properties[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), (gpointer) column_properties[i]);
      gtk_column_view_column_set_factory (column, factory);
      g_object_unref (factory);
    }
  gtk_column_view_set_model (table, GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (rows)))));
}

static void
replace_rows (GListStore *store,
              GPtrArray  *rows)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), rows->pdata, rows->len);
}

static char *
spans_detail (const BzAgreementScore *score)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
                          score->f1.reference_spans, score->f1.other_spans);
}

static void
fill_labels (BzStatsAgreement  *self,
             BzAgreementReport *report,
             GHashTable        *label_titles)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  const BzAgreementScore *overall = bz_agreement_report_get_score (report, BZ_AGREEMENT_ALL, BZ_AGREEMENT_ALL);
  g_autofree char *overall_spans = spans_detail (overall);

  g_ptr_array_add (rows, bz_agreement_row_new (_("All labels"), overall_spans, overall));
  for (guint l = 0; l < bz_agreement_report_get_n_labels (report); l++)
    {
      const char *name = bz_agreement_report_get_label (report, l);
      const char *title = label_titles != NULL ? g_hash_table_lookup (label_titles, name) : NULL;
      const BzAgreementScore *score = bz_agreement_report_get_score (report, BZ_AGREEMENT_ALL, (int) l);
      g_autofree char *spans = spans_detail (score);

      g_ptr_array_add (rows, bz_agreement_row_new (title != NULL ? title : name, spans, score));
    }
  replace_rows (self->labels, rows);
}

static void
fill_pairs (BzStatsAgreement  *self,
            BzAgreementReport *report)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint p = 0; p < bz_agreement_report_get_n_pairs (report); p++)
    {
      g_autofree char *title = NULL;
      g_autofree char *detail = NULL;
      guint reference, other, n_documents;

      bz_agreement_report_get_pair (report, p, &reference, &other, &n_documents);
      /* TRANSLATORS: a pair of reviewers, the reference first */
      title = g_strdup_printf (_("%s and %s"), bz_agreement_report_get_reviewer (report, reference),
                               bz_agreement_report_get_reviewer (report, other));
      detail = g_strdup_printf ("%u", n_documents);
      g_ptr_array_add (rows, bz_agreement_row_new (title, detail,
                                                   bz_agreement_report_get_score (report, (int) p, BZ_AGREEMENT_ALL)));
    }
  replace_rows (self->pairs, rows);
}

static void
fill_reports (BzStatsAgreement  *self,
              BzAgreementReport *report)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint d = 0; d < bz_agreement_report_get_n_documents (report); d++)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      const guint *reviewers;
      guint n_reviewers, n_chars;
      const char *key = bz_agreement_report_get_document (report, d, &n_chars);

      reviewers = bz_agreement_report_get_document_reviewers (report, d, &n_reviewers);
      for (guint r = 0; r < n_reviewers; r++)
        {
          if (r > 0)
            /* TRANSLATORS: between the names of a report's reviewers */
            g_string_append (names, _(", "));
          g_string_append (names, bz_agreement_report_get_reviewer (report, reviewers[r]));
        }
      g_ptr_array_add (rows, bz_agreement_row_new (key, names->str,
                                                   bz_agreement_report_get_document_score (report, d,
                                                                                           BZ_AGREEMENT_ALL)));
    }
  replace_rows (self->reports, rows);
}

static void
clear_rows (BzStatsAgreement *self)
{
  g_list_store_remove_all (self->labels);
  g_list_store_remove_all (self->pairs);
  g_list_store_remove_all (self->reports);
}

static void
show_empty (BzStatsAgreement *self,
            const char       *text)
{
  clear_rows (self);
  adw_status_page_set_description (self->empty_page, text);
  gtk_stack_set_visible_child_name (get_stack (self), "empty");
}

void
bz_stats_agreement_show (BzStatsAgreement  *self,
                         BzAgreementReport *report,
                         BzReviewMode       mode,
                         GHashTable        *label_titles)
{
  g_autofree char *summary = NULL;
  guint n_documents, n_reviewers;

  g_return_if_fail (BZ_IS_STATS_AGREEMENT (self));

  gtk_widget_remove_css_class (GTK_WIDGET (self->empty_page), "error");
  n_documents = report != NULL ? bz_agreement_report_get_n_documents (report) : 0;
  if (n_documents == 0)
    {
      g_autofree char *text = NULL;

      /* The menu item's name, as the main menu and the dialog show it. */
      if (mode == BZ_REVIEW_SHARED)
        text = g_strdup_printf (_("The workspace is in shared review: every reviewer decides on the same "
                                  "spans, so there is nothing to compare. In “%s” (main menu), switch to "
                                  "independent review and assign reports to two reviewers or more with an "
                                  "overlap; once two reviewers have decided on the same report, their "
                                  "agreement shows here."),
                                _("Assign Reports"));
      else
        text = g_strdup_printf (_("No report has been annotated by two reviewers yet. In “%s” (main menu), "
                                  "assign reports to two reviewers or more with an overlap; once two "
                                  "reviewers have each decided on the same report, their agreement shows "
                                  "here."),
                                _("Assign Reports"));
      show_empty (self, text);
      return;
    }

  n_reviewers = bz_agreement_report_get_n_reviewers (report);
  summary = g_strdup_printf (_("Reports that two reviewers or more annotated: %u. Reviewers: %u. Pairs of "
                               "reviewers: %u."),
                             n_documents, n_reviewers, bz_agreement_report_get_n_pairs (report));
  gtk_label_set_text (self->summary, summary);
  fill_labels (self, report, label_titles);
  fill_pairs (self, report);
  fill_reports (self, report);
  gtk_stack_set_visible_child_name (get_stack (self), "figures");
}

void
bz_stats_agreement_show_error (BzStatsAgreement *self,
                               const char       *message)
{
  g_autofree char *text = NULL;

  g_return_if_fail (BZ_IS_STATS_AGREEMENT (self));
  g_return_if_fail (message != NULL);

  text = g_strdup_printf (_("Cannot compute the agreement: %s"), message);
  show_empty (self, text);
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_page), "error");
}

gboolean
bz_stats_agreement_is_empty (BzStatsAgreement *self)
{
  g_return_val_if_fail (BZ_IS_STATS_AGREEMENT (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (get_stack (self)), "empty") == 0;
}

const char *
bz_stats_agreement_get_empty_text (BzStatsAgreement *self)
{
  g_return_val_if_fail (BZ_IS_STATS_AGREEMENT (self), NULL);
  return adw_status_page_get_description (self->empty_page);
}

const char *
bz_stats_agreement_get_summary (BzStatsAgreement *self)
{
  g_return_val_if_fail (BZ_IS_STATS_AGREEMENT (self), NULL);
  return gtk_label_get_text (self->summary);
}

GListModel *
bz_stats_agreement_get_labels (BzStatsAgreement *self)
{
  g_return_val_if_fail (BZ_IS_STATS_AGREEMENT (self), NULL);
  return G_LIST_MODEL (self->labels);
}

GListModel *
bz_stats_agreement_get_pairs (BzStatsAgreement *self)
{
  g_return_val_if_fail (BZ_IS_STATS_AGREEMENT (self), NULL);
  return G_LIST_MODEL (self->pairs);
}

GListModel *
bz_stats_agreement_get_reports (BzStatsAgreement *self)
{
  g_return_val_if_fail (BZ_IS_STATS_AGREEMENT (self), NULL);
  return G_LIST_MODEL (self->reports);
}

static void
bz_stats_agreement_dispose (GObject *object)
{
  BzStatsAgreement *self = BZ_STATS_AGREEMENT (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BZ_TYPE_STATS_AGREEMENT);
  g_clear_object (&self->labels);
  g_clear_object (&self->pairs);
  g_clear_object (&self->reports);

  G_OBJECT_CLASS (bz_stats_agreement_parent_class)->dispose (object);
}

static void
bz_stats_agreement_class_init (BzStatsAgreementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bz_stats_agreement_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/biaozhu/Workbench/bz-stats-agreement.ui");
  gtk_widget_class_bind_template_child (widget_class, BzStatsAgreement, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BzStatsAgreement, summary);
  gtk_widget_class_bind_template_child (widget_class, BzStatsAgreement, label_table);
  gtk_widget_class_bind_template_child (widget_class, BzStatsAgreement, pair_table);
  gtk_widget_class_bind_template_child (widget_class, BzStatsAgreement, report_table);
}

static void
bz_stats_agreement_init (BzStatsAgreement *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->labels = g_list_store_new (BZ_TYPE_AGREEMENT_ROW);
  self->pairs = g_list_store_new (BZ_TYPE_AGREEMENT_ROW);
  self->reports = g_list_store_new (BZ_TYPE_AGREEMENT_ROW);
  set_up_table (self->label_table, self->labels);
  set_up_table (self->pair_table, self->pairs);
  set_up_table (self->report_table, self->reports);
}

GtkWidget *
bz_stats_agreement_new (void)
{
  return g_object_new (BZ_TYPE_STATS_AGREEMENT, NULL);
}
