/* test-team.c: a team on one workspace: the reviewers' agreement in the
 * statistics, the assignment of reports, and the list of one's own reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs with LANGUAGE=zh_CN and LC_ALL=zh_CN.UTF-8 (tests/meson.build): the
 * renderings show the interface the analysts see.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <biaozhu.h>

#include "bz-agreement-row.h"
#include "bz-gui-resources.h"
#include "bz-stats-agreement.h"
#include "bz-stats-view.h"

#include "bz-test-gui.h"
#include "store-fixtures.h"

#define N_SAMPLES 4

/* ---- Agreement in the statistics ------------------------------------------ */

/* @reviewer decides on the suggestions of a report in their own layer: the
 * suggestions whose index modulo @period is @rejected_phase are rejected,
 * the others accepted; then adds one span of their own at @start. */
static void
review_as (BzStore    *store,
           const char *reviewer,
           gint64      document_id,
           guint       period,
           guint       rejected_phase,
           gint64      start)
{
  g_autoptr(GPtrArray) spans = NULL;

  bz_store_set_reviewer (store, reviewer);
  spans = fixture_list_spans (store, document_id);
  g_assert_cmpuint (spans->len, >=, 4);
  for (guint i = 0; i < spans->len; i++)
    fixture_set_status (store, bz_span_get_id (spans->pdata[i]),
                        i % period == rejected_phase ? BZ_SPAN_REJECTED : BZ_SPAN_ACCEPTED);
  fixture_add_span (store, document_id, start, start + 2, "ORG", BZ_SPAN_ACCEPTED);
}

static BzStatsView *
open_statistics (BzStore    *store,
                 GtkWidget **out_window)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = bz_stats_view_new (store);
  gboolean loaded = FALSE;
  gulong id;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1100);
  gtk_window_set_child (GTK_WINDOW (window), view);
  id = g_signal_connect (view, "loaded", G_CALLBACK (bz_test_set_true_cb), &loaded);
  gtk_window_present (GTK_WINDOW (window));
  bz_test_wait_for_flag (&loaded);
  g_signal_handler_disconnect (view, id);
  g_assert_false (bz_stats_view_is_loading (BZ_STATS_VIEW (view)));
  *out_window = window;
  return BZ_STATS_VIEW (view);
}

/* A figure as the table shows it is the report's, to its three decimals. */
static void
assert_shown (BzAgreementRow *row,
              const char     *property,
              double          expected)
{
  g_autofree char *text = NULL;

  g_object_get (row, property, &text, NULL);
  g_assert_nonnull (text);
  if (isnan (expected))
    g_assert_cmpstr (text, ==, "—");
  else
    {
      char *end = NULL;
      double shown = g_ascii_strtod (text, &end);

      g_assert_true (end != text && *end == '\0');
      g_assert_cmpfloat_with_epsilon (shown, expected, 0.0005 + 1e-12);
    }
}

static void
assert_row (GListModel             *model,
            guint                   index,
            const BzAgreementScore *expected)
{
  g_autoptr(BzAgreementRow) row = g_list_model_get_item (model, index);

  g_assert_nonnull (row);
  assert_shown (row, "f1", expected->f1.f1);
  assert_shown (row, "kappa", expected->kappa.value);
  assert_shown (row, "kappa-no-o", expected->kappa_no_o.value);
  assert_shown (row, "alpha", expected->alpha.value);
}

/* The accepted spans of a reviewer's layer as "start end label" keys. */
static GHashTable *
accepted_keys (BzStore    *store,
               gint64      document_id,
               const char *layer)
{
  g_autoptr(GPtrArray) spans = fixture_layer_spans (store, document_id, layer);
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < spans->len; i++)
    if (bz_span_get_status (spans->pdata[i]) == BZ_SPAN_ACCEPTED)
      g_hash_table_add (keys, g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                                               bz_span_get_start (spans->pdata[i]),
                                               bz_span_get_end (spans->pdata[i]),
                                               bz_span_get_label (spans->pdata[i])));
  return keys;
}

/* Two reviewers decide apart on the first report, one alone on the second:
 * the agreement page shows the report's figures overall, per label, for the
 * pair and for the one report they share. */
static void
test_agreement (Fixture       *f,
                gconstpointer  data)
{
  BzStore *store = f->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(BzAgreementInput) input = NULL;
  g_autoptr(BzAgreementReport) report = NULL;
  g_autoptr(GHashTable) a_keys = NULL;
  g_autoptr(GHashTable) b_keys = NULL;
  g_autoptr(BzAgreementRow) pair = NULL;
  g_autoptr(BzAgreementRow) shared_report = NULL;
  GHashTableIter iter;
  gpointer key;
  GListModel *labels, *pairs, *reports;
  BzStatsAgreement *agreement;
  BzStatsView *view;
  GtkWidget *window;
  gint64 first, second;
  guint matched = 0, defined = 0;

  bz_store_set_reviewer (store, "tester");
  fixture_import_samples (store, N_SAMPLES);
  documents = bz_store_list_documents (store, &error);
  g_assert_no_error (error);
  first = bz_document_get_id (documents->pdata[0]);
  second = bz_document_get_id (documents->pdata[1]);
  g_assert_true (bz_store_set_review_mode (store, BZ_REVIEW_INDEPENDENT, &error));
  review_as (store, "王芳", first, 3, 0, 0);
  review_as (store, "李强", first, 4, 1, 0);
  review_as (store, "李强", second, 2, 0, 3);
  bz_store_set_reviewer (store, "tester");

  input = bz_agreement_input_new_from_store (store, &error);
  g_assert_no_error (error);
  report = bz_agreement_compute (input);
  g_assert_cmpuint (bz_agreement_report_get_n_documents (report), ==, 1);
  g_assert_cmpuint (bz_agreement_report_get_n_pairs (report), ==, 1);

  view = open_statistics (store, &window);
  agreement = bz_stats_view_get_agreement (view);
  g_assert_false (bz_stats_agreement_is_empty (agreement));
  labels = bz_stats_agreement_get_labels (agreement);
  pairs = bz_stats_agreement_get_pairs (agreement);
  reports = bz_stats_agreement_get_reports (agreement);

  /* All labels first, then each label of the report in its order. */
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, 1 + bz_agreement_report_get_n_labels (report));
  assert_row (labels, 0, bz_agreement_report_get_score (report, BZ_AGREEMENT_ALL, BZ_AGREEMENT_ALL));
  for (guint l = 0; l < bz_agreement_report_get_n_labels (report); l++)
    {
      g_autoptr(BzAgreementRow) row = g_list_model_get_item (labels, l + 1);
      const BzAgreementScore *score = bz_agreement_report_get_score (report, BZ_AGREEMENT_ALL, (int) l);

      g_assert_nonnull (strstr (bz_agreement_row_get_title (row), bz_agreement_report_get_label (report, l)));
      assert_row (labels, l + 1, score);
      defined += !isnan (score->kappa.value);
    }
  g_assert_cmpuint (defined, >, 0);

  /* The overall F1 is the strict span matches of the two layers, counted here. */
  a_keys = accepted_keys (store, first, "王芳");
  b_keys = accepted_keys (store, first, "李强");
  g_hash_table_iter_init (&iter, a_keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    matched += g_hash_table_contains (b_keys, key);
  g_assert_cmpuint (matched, >, 0);
  g_assert_cmpuint (matched, <, g_hash_table_size (a_keys));
  {
    g_autoptr(BzAgreementRow) all = g_list_model_get_item (labels, 0);
    double f1 = 2.0 * matched / (g_hash_table_size (a_keys) + g_hash_table_size (b_keys));

    assert_shown (all, "f1", f1);
  }

  /* The one pair, over the one report both annotated. */
  g_assert_cmpuint (g_list_model_get_n_items (pairs), ==, 1);
  assert_row (pairs, 0, bz_agreement_report_get_score (report, 0, BZ_AGREEMENT_ALL));
  pair = g_list_model_get_item (pairs, 0);
  g_assert_nonnull (strstr (bz_agreement_row_get_title (pair), "王芳"));
  g_assert_nonnull (strstr (bz_agreement_row_get_title (pair), "李强"));
  g_assert_cmpstr (bz_agreement_row_get_detail (pair), ==, "1");

  /* The report only 李强 annotated is no part of it. */
  g_assert_cmpuint (g_list_model_get_n_items (reports), ==, 1);
  assert_row (reports, 0, bz_agreement_report_get_document_score (report, 0, BZ_AGREEMENT_ALL));
  shared_report = g_list_model_get_item (reports, 0);
  g_assert_nonnull (strstr (bz_agreement_row_get_title (shared_report), bz_document_get_title (documents->pdata[0])));
  g_assert_nonnull (strstr (bz_agreement_row_get_detail (shared_report), "王芳"));
  g_assert_nonnull (strstr (bz_agreement_row_get_detail (shared_report), "李强"));

  bz_stats_view_show_page (view, "agreement");
  bz_test_render_png (window, "statistics-agreement.png");

  gtk_window_destroy (GTK_WINDOW (window));
  bz_test_wait_ms (50);
}

/* Nothing to compare: the page says why and how to get there, in shared
 * review and with one reviewer in independent review. */
static void
test_agreement_empty (Fixture       *f,
                      gconstpointer  data)
{
  BzStore *store = f->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *shared_text = NULL;
  BzStatsAgreement *agreement;
  BzStatsView *view;
  GtkWidget *window;

  bz_store_set_reviewer (store, "tester");
  fixture_import_samples (store, N_SAMPLES);
  view = open_statistics (store, &window);
  agreement = bz_stats_view_get_agreement (view);
  g_assert_true (bz_stats_agreement_is_empty (agreement));
  g_assert_cmpuint (g_list_model_get_n_items (bz_stats_agreement_get_labels (agreement)), ==, 0);
  shared_text = g_strdup (bz_stats_agreement_get_empty_text (agreement));
  g_assert_nonnull (strstr (shared_text, _("Assign Reports")));
  gtk_window_destroy (GTK_WINDOW (window));

  /* One reviewer in independent review: still nothing to compare. */
  documents = bz_store_list_documents (store, &error);
  g_assert_no_error (error);
  g_assert_true (bz_store_set_review_mode (store, BZ_REVIEW_INDEPENDENT, &error));
  review_as (store, "王芳", bz_document_get_id (documents->pdata[0]), 3, 0, 0);
  review_as (store, "王芳", bz_document_get_id (documents->pdata[1]), 3, 0, 0);
  view = open_statistics (store, &window);
  agreement = bz_stats_view_get_agreement (view);
  g_assert_true (bz_stats_agreement_is_empty (agreement));
  g_assert_cmpuint (g_list_model_get_n_items (bz_stats_agreement_get_pairs (agreement)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bz_stats_agreement_get_reports (agreement)), ==, 0);
  g_assert_nonnull (strstr (bz_stats_agreement_get_empty_text (agreement), _("Assign Reports")));
  g_assert_cmpstr (bz_stats_agreement_get_empty_text (agreement), !=, shared_text);
  /* The counts are there all the same. */
  g_assert_cmpuint (g_list_model_get_n_items (bz_stats_view_get_labels (view)), >, 0);

  bz_stats_view_show_page (view, "agreement");
  bz_test_render_png (window, "statistics-agreement-empty.png");

  gtk_window_destroy (GTK_WINDOW (window));
  bz_test_wait_ms (50);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("BZ_LOCALEDIR");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (localedir);
  /* gtk_test_init() sets the C locale; take the environment's (zh_CN.UTF-8). */
  g_assert_nonnull (setlocale (LC_ALL, ""));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  bz_gui_register_resource ();

  g_test_add ("/biaozhu/team/agreement", Fixture, NULL, fixture_set_up, test_agreement, fixture_tear_down);
  g_test_add ("/biaozhu/team/agreement-empty", Fixture, NULL, fixture_set_up, test_agreement_empty,
              fixture_tear_down);

  return g_test_run ();
}
