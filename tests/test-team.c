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
#include "bz-application.h"
#include "bz-assign-dialog.h"
#include "bz-gui-resources.h"
#include "bz-stats-agreement.h"
#include "bz-stats-view.h"
#include "bz-window.h"
#include "bz-window-private.h"

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

/* ---- Assignment and one's own reports ------------------------------------- */

#define N_REPORTS 20

static void
add_reports (BzStore *store)
{
  for (guint i = 0; i < N_REPORTS; i++)
    {
      g_autofree char *text = g_strdup_printf ("第%u号报告：北京市东城区人民政府。", i + 1);

      fixture_add_document (store, text, text);
    }
}

/* The assignment as "document reviewer" lines. */
static char *
describe_assignment (BzStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assignments = bz_store_list_assignments (store, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < assignments->len; i++)
    {
      BzAssignment *assignment = g_ptr_array_index (assignments, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT " %s\n", assignment->document_id, assignment->reviewer);
    }
  return g_string_free (out, FALSE);
}

/* Returns: (transfer full): the ids of the reports assigned to @reviewer, ascending */
static GArray *
assigned_to (BzStore    *store,
             const char *reviewer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assignments = bz_store_list_assignments (store, &error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  for (guint i = 0; i < assignments->len; i++)
    {
      BzAssignment *assignment = g_ptr_array_index (assignments, i);

      if (g_str_equal (assignment->reviewer, reviewer))
        g_array_append_val (ids, assignment->document_id);
    }
  return ids;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The list of reports shows exactly @expected (in any order). */
static void
assert_shown_ids (BzWindow *window,
                  GArray   *expected)
{
  GListModel *shown = _bz_window_documents_shown (window);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(BzDocument) document = g_list_model_get_item (shown, i);
      gint64 id = bz_document_get_id (document);

      g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_ids);
  g_assert_cmpuint (ids->len, ==, expected->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, g_array_index (expected, gint64, i));
}

/* The dialog's list of the assignment: one row per assigned report, its
 * title and its reviewers as the store has them. */
static void
assert_dialog_list (BzAssignDialog *dialog,
                    BzStore        *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = bz_store_list_documents (store, &error);
  g_autoptr(GPtrArray) assignments = bz_store_list_assignments (store, &error);
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (bz_assign_dialog_get_assignment_list (dialog)));

  g_assert_no_error (error);
  for (guint d = 0; d < documents->len; d++)
    {
      gint64 id = bz_document_get_id (documents->pdata[d]);
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < assignments->len; i++)
        {
          BzAssignment *assignment = g_ptr_array_index (assignments, i);

          if (assignment->document_id == id)
            g_string_append_printf (names, "%s%s", names->len > 0 ? _(", ") : "", assignment->reviewer);
        }
      if (names->len == 0)
        continue;
      g_assert_nonnull (row);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       bz_document_get_title (documents->pdata[d]));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, names->str);
      row = gtk_widget_get_next_sibling (row);
    }
  g_assert_null (row);
}

/* From the window's menu: an invalid name is refused in the dialog and changes
 * nothing; 20 reports to 3 reviewers with an overlap of 0.2 give the store the
 * assignment bz_store_assign() gives; the switch sets the review mode; and the
 * list of reports shows only the reviewer's own when asked. */
static void
test_assign (Fixture       *f,
             gconstpointer  data)
{
  static const char * const three[] = { "王芳", "李强", "张伟", NULL };
  g_autofree char *reference_path = g_build_filename (f->dir, "reference.db", NULL);
  g_autoptr(BzStore) reference = fixture_open (reference_path);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(BzApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *assigned = NULL;
  g_autofree char *expected = NULL;
  BzAssignDialog *dialog;
  BzWindow *window;
  GActionGroup *actions;

  add_reports (f->store);
  add_reports (reference);
  for (gint64 id = 1; id <= N_REPORTS; id++)
    g_array_append_val (all, id);
  g_settings_reset (settings, "reviewer-name");
  bz_store_set_reviewer (f->store, "王芳");
  app = bz_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  window = bz_window_new (GTK_APPLICATION (app), f->store);
  gtk_window_present (GTK_WINDOW (window));
  bz_test_wait_ms (200);
  actions = G_ACTION_GROUP (window->document_actions);

  /* No assignment: nothing is one's own, and the whole list shows. */
  g_assert_false (g_action_group_get_action_enabled (actions, "mine"));
  assert_shown_ids (window, all);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "workspace.assign", NULL));
  dialog = BZ_ASSIGN_DIALOG (bz_test_find_toplevel (BZ_TYPE_ASSIGN_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  /* An invalid name: the workspace's own message, and nothing assigned. */
  bz_assign_dialog_set_reviewers (dialog, "王芳, @boss");
  g_assert_false (bz_assign_dialog_assign (dialog));
  g_assert_nonnull (strstr (bz_assign_dialog_get_message (dialog), "@boss"));
  assigned = describe_assignment (f->store);
  g_assert_cmpstr (assigned, ==, "");
  g_assert_false (g_action_group_get_action_enabled (actions, "mine"));
  g_clear_pointer (&assigned, g_free);

  /* Names separated as a Chinese keyboard types them. */
  bz_assign_dialog_set_reviewers (dialog, " 王芳，李强、张伟 ");
  bz_assign_dialog_set_share (dialog, 1.0);
  bz_assign_dialog_set_overlap (dialog, 0.2);
  bz_assign_dialog_set_seed (dialog, 7);
  g_assert_true (bz_assign_dialog_assign (dialog));
  g_assert_true (bz_store_assign (reference, three, 1.0, 0.2, 7, &error));
  g_assert_no_error (error);
  assigned = describe_assignment (f->store);
  expected = describe_assignment (reference);
  g_assert_cmpstr (assigned, ==, expected);
  for (guint r = 0; three[r] != NULL; r++)
    {
      g_autoptr(GArray) ids = assigned_to (f->store, three[r]);

      g_assert_cmpuint (ids->len, ==, 8);
    }
  /* All 20 reports, 4 of them to two reviewers: 24 assignments. */
  {
    g_auto(GStrv) lines = g_strsplit (assigned, "\n", -1);
    g_autoptr(GHashTable) reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    g_assert_cmpuint (g_strv_length (lines), ==, 24 + 1);
    for (guint i = 0; lines[i][0] != '\0'; i++)
      g_hash_table_add (reports, g_strndup (lines[i], strcspn (lines[i], " ")));
    g_assert_cmpuint (g_hash_table_size (reports), ==, N_REPORTS);
  }
  assert_dialog_list (dialog, f->store);

  /* Refused again: the assignment stays as it was. */
  bz_assign_dialog_set_reviewers (dialog, "@boss");
  g_assert_false (bz_assign_dialog_assign (dialog));
  g_assert_nonnull (strstr (bz_assign_dialog_get_message (dialog), "@boss"));
  bz_test_render_png (GTK_WIDGET (dialog), "assign-dialog-error.png");
  {
    g_autofree char *now = describe_assignment (f->store);

    g_assert_cmpstr (now, ==, assigned);
  }

  /* The switch is the workspace's review mode. */
  g_assert_cmpint (bz_store_get_review_mode (f->store), ==, BZ_REVIEW_SHARED);
  bz_assign_dialog_set_independent (dialog, TRUE);
  g_assert_cmpint (bz_store_get_review_mode (f->store), ==, BZ_REVIEW_INDEPENDENT);
  /* As a team lead fills it in (the names of the assignment in force). */
  bz_assign_dialog_set_reviewers (dialog, "张伟、王芳、李强");
  bz_test_render_png (GTK_WIDGET (dialog), "assign-dialog.png");
  bz_assign_dialog_set_independent (dialog, FALSE);
  g_assert_cmpint (bz_store_get_review_mode (f->store), ==, BZ_REVIEW_SHARED);
  bz_assign_dialog_set_independent (dialog, TRUE);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Only one's own reports, off by default. */
  g_assert_true (g_action_group_get_action_enabled (actions, "mine"));
  g_assert_false (g_variant_get_boolean (g_action_group_get_action_state (actions, "mine")));
  assert_shown_ids (window, all);
  g_action_group_activate_action (actions, "mine", NULL);
  {
    g_autoptr(GArray) mine = assigned_to (f->store, "王芳");

    assert_shown_ids (window, mine);
  }
  bz_test_render_png (GTK_WIDGET (window), "my-reports.png");
  /* Another reviewer's own reports are theirs. */
  g_settings_set_string (settings, "reviewer-name", "李强");
  g_assert_cmpstr (bz_store_get_reviewer (f->store), ==, "李强");
  {
    g_autoptr(GArray) mine = assigned_to (f->store, "李强");

    assert_shown_ids (window, mine);
  }
  g_action_group_activate_action (actions, "mine", NULL);
  assert_shown_ids (window, all);

  g_settings_reset (settings, "reviewer-name");
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
  g_test_add ("/biaozhu/team/assign", Fixture, NULL, fixture_set_up, test_assign, fixture_tear_down);

  return g_test_run ();
}
