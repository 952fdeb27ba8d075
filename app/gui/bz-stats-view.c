/* bz-stats-view.c: span counts per label, status and reviewer, with a bar chart,
 * and the reviewers' agreement
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-stats-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bz-stats-agreement.h"
#include "bz-stats-chart.h"
#include "bz-stats-row.h"
#include "bz-stats-view.h"
#include "bz-task.h"

struct _BzStatsView
{
  AdwBin parent_instance;

  GtkLabel *summary;
  GtkSpinner *spinner;
  BzStatsChart *chart;
  GtkColumnView *label_table;
  GtkColumnView *reviewer_table;
  GtkStack *pages;
  BzStatsAgreement *agreement;

  BzStore *store;
  GListStore *labels;         /* BzStatsRow */
  GListStore *reviewers;      /* BzStatsRow */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (BzStatsView, bz_stats_view, ADW_TYPE_BIN)

enum
{
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the worker found: the counts, and the agreement of the reviewers'
 * layers or why it could not be computed. */
typedef struct
{
  BzStats *stats;
  BzAgreementReport *agreement;
  char *agreement_error;
  BzReviewMode mode;
} Counted;

static void
counted_free (Counted *counted)
{
  g_clear_pointer (&counted->stats, bz_stats_free);
  g_clear_pointer (&counted->agreement, bz_agreement_report_free);
  g_free (counted->agreement_error);
  g_free (counted);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Counted, counted_free)

static gpointer
count_work (BzStore         *store,
            gpointer         work_data,
            BzTaskProgress  *progress,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(Counted) counted = g_new0 (Counted, 1);
  g_autoptr(BzAgreementInput) input = NULL;
  g_autoptr(GError) agreement_error = NULL;

  counted->stats = bz_stats_collect (store, error);
  if (counted->stats == NULL)
    return NULL;
  /* The counts stand on their own when the reviewers' layers cannot be read. */
  counted->mode = bz_store_get_review_mode (store);
  input = bz_agreement_input_new_from_store (store, &agreement_error);
  if (input != NULL)
    counted->agreement = bz_agreement_compute (input);
  else
    counted->agreement_error = g_strdup (agreement_error->message);
  return g_steal_pointer (&counted);
}

/* Returns: (transfer full) (element-type BzLabel) (nullable): the schema's labels */
static GPtrArray *
list_labels (BzStatsView *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *labels = bz_store_list_labels (self->store, &error);

  if (labels == NULL)
    g_warning ("Cannot read the labels of %s: %s", bz_store_get_path (self->store), error->message);
  return labels;
}

/* Returns: (transfer full): label name → "display name NAME", from the schema */
static GHashTable *
label_titles (GPtrArray *labels)
{
  GHashTable *titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint j = 0; labels != NULL && j < labels->len; j++)
    {
      BzLabel *label = g_ptr_array_index (labels, j);

      g_hash_table_insert (titles, g_strdup (bz_label_get_name (label)),
                           g_strdup_printf ("%s %s", bz_label_get_display_name (label), bz_label_get_name (label)));
    }
  return titles;
}

static void
fill_labels (BzStatsView   *self,
             const BzStats *stats,
             GPtrArray     *labels,
             GHashTable    *titles)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  /* Titles and colours come from the schema; a label it lost keeps its name. */
  for (guint i = 0; i < stats->labels->len; i++)
    {
      const BzStatsTally *tally = g_ptr_array_index (stats->labels, i);
      const char *title = g_hash_table_lookup (titles, tally->name);
      const char *color = NULL;

      for (guint j = 0; labels != NULL && j < labels->len; j++)
        if (g_strcmp0 (bz_label_get_name (labels->pdata[j]), tally->name) == 0)
          color = bz_label_get_color (labels->pdata[j]);
      g_ptr_array_add (rows, bz_stats_row_new (tally, title != NULL ? title : tally->name, color));
    }
  g_list_store_splice (self->labels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->labels)),
                       rows->pdata, rows->len);
}

static void
fill_reviewers (BzStatsView   *self,
                const BzStats *stats)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < stats->reviewers->len; i++)
    {
      const BzStatsTally *tally = g_ptr_array_index (stats->reviewers, i);

      g_ptr_array_add (rows, bz_stats_row_new (tally, tally->name != NULL ? tally->name : _("Nobody yet"), NULL));
    }
  g_list_store_splice (self->reviewers, 0, g_list_model_get_n_items (G_LIST_MODEL (self->reviewers)),
                       rows->pdata, rows->len);
}

static void
show_summary (BzStatsView   *self,
              const BzStats *stats)
{
  g_autofree char *text = NULL;
  double acceptance = bz_stats_tally_get_acceptance (stats->all);
  g_autofree char *rate = acceptance >= 0 ? g_strdup_printf ("%.0f%%", 100 * acceptance) : g_strdup ("–");

  text = g_strdup_printf (_("%u documents (%u reviewed) with %u spans: %u accepted, %u suggested, "
                            "%u rejected. The extractor's suggestions kept: %s."),
                          stats->n_documents, stats->documents_by_status[BZ_DOCUMENT_REVIEWED],
                          stats->all->total, stats->all->by_status[BZ_SPAN_ACCEPTED],
                          stats->all->by_status[BZ_SPAN_SUGGESTED], stats->all->by_status[BZ_SPAN_REJECTED],
                          rate);
  gtk_label_set_text (self->summary, text);
}

static void
count_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  BzStatsView *self = BZ_STATS_VIEW (object);
  GCancellable *cancellable = user_data;
  g_autoptr(Counted) counted = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GHashTable) titles = NULL;
  g_autoptr(GError) error = NULL;

  counted = bz_task_finish (result, &error);
  /* A newer count replaced this one, or the view is gone. */
  if (cancellable != self->cancellable || self->labels == NULL)
    {
      g_object_unref (cancellable);
      return;
    }
  g_object_unref (cancellable);
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);

  if (counted == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot count the spans: %s"), error->message);

      gtk_label_set_text (self->summary, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->summary), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary), "error");
  labels = list_labels (self);
  titles = label_titles (labels);
  fill_labels (self, counted->stats, labels, titles);
  fill_reviewers (self, counted->stats);
  show_summary (self, counted->stats);
  if (counted->agreement_error != NULL)
    bz_stats_agreement_show_error (self->agreement, counted->agreement_error);
  else
    bz_stats_agreement_show (self->agreement, counted->agreement, counted->mode, titles);
  g_signal_emit (self, signals[LOADED], 0);
}

void
bz_stats_view_reload (BzStatsView *self)
{
  g_return_if_fail (BZ_IS_STATS_VIEW (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  bz_task_run (self, self->store, count_work, NULL, NULL, (GDestroyNotify) counted_free, NULL,
               self->cancellable, count_done_cb, g_object_ref (self->cancellable));
}

gboolean
bz_stats_view_is_loading (BzStatsView *self)
{
  g_return_val_if_fail (BZ_IS_STATS_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

GListModel *
bz_stats_view_get_labels (BzStatsView *self)
{
  g_return_val_if_fail (BZ_IS_STATS_VIEW (self), NULL);
  return G_LIST_MODEL (self->labels);
}

GListModel *
bz_stats_view_get_reviewers (BzStatsView *self)
{
  g_return_val_if_fail (BZ_IS_STATS_VIEW (self), NULL);
  return G_LIST_MODEL (self->reviewers);
}

GtkWidget *
bz_stats_view_get_chart (BzStatsView *self)
{
  g_return_val_if_fail (BZ_IS_STATS_VIEW (self), NULL);
  return GTK_WIDGET (self->chart);
}

const char *
bz_stats_view_get_summary (BzStatsView *self)
{
  g_return_val_if_fail (BZ_IS_STATS_VIEW (self), NULL);
  return gtk_label_get_text (self->summary);
}

BzStatsAgreement *
bz_stats_view_get_agreement (BzStatsView *self)
{
  g_return_val_if_fail (BZ_IS_STATS_VIEW (self), NULL);
  return self->agreement;
}

void
bz_stats_view_show_page (BzStatsView *self,
                         const char  *name)
{
  g_return_if_fail (BZ_IS_STATS_VIEW (self));
  g_return_if_fail (g_strcmp0 (name, "counts") == 0 || g_strcmp0 (name, "agreement") == 0);

  gtk_stack_set_visible_child_name (self->pages, name);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  bz_stats_view_reload (BZ_STATS_VIEW (widget));
}

static void
bz_stats_view_dispose (GObject *object)
{
  BzStatsView *self = BZ_STATS_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BZ_TYPE_STATS_VIEW);
  g_clear_object (&self->labels);
  g_clear_object (&self->reviewers);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bz_stats_view_parent_class)->dispose (object);
}

static void
bz_stats_view_class_init (BzStatsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bz_stats_view_dispose;

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* The template and its list item factories name these types. */
  g_type_ensure (BZ_TYPE_STATS_CHART);
  g_type_ensure (BZ_TYPE_STATS_ROW);
  g_type_ensure (BZ_TYPE_STATS_AGREEMENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/biaozhu/Workbench/bz-stats-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BzStatsView, summary);
  gtk_widget_class_bind_template_child (widget_class, BzStatsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, BzStatsView, chart);
  gtk_widget_class_bind_template_child (widget_class, BzStatsView, label_table);
  gtk_widget_class_bind_template_child (widget_class, BzStatsView, reviewer_table);
  gtk_widget_class_bind_template_child (widget_class, BzStatsView, pages);
  gtk_widget_class_bind_template_child (widget_class, BzStatsView, agreement);
  gtk_widget_class_install_action (widget_class, "stats.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "stats.reload", NULL);
}

static void
bz_stats_view_init (BzStatsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->labels = g_list_store_new (BZ_TYPE_STATS_ROW);
  self->reviewers = g_list_store_new (BZ_TYPE_STATS_ROW);
  bz_stats_chart_set_model (self->chart, G_LIST_MODEL (self->labels));
  gtk_column_view_set_model (self->label_table,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->labels)))));
  gtk_column_view_set_model (self->reviewer_table,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->reviewers)))));
}

GtkWidget *
bz_stats_view_new (BzStore *store)
{
  BzStatsView *self;

  g_return_val_if_fail (BZ_IS_STORE (store), NULL);

  self = g_object_new (BZ_TYPE_STATS_VIEW, NULL);
  self->store = g_object_ref (store);
  bz_stats_view_reload (self);
  return GTK_WIDGET (self);
}
