/* bz-window-confidence.c: the extractor's confidence in the window: unsure suggestions, the least sure first, bulk acceptance
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window keeps the confidence threshold whose suggestions the workspace
 * measured right at least BZ_CALIBRATION_DEFAULT_TARGET of the time (on the
 * project's gold, refined by the workspace's own decisions). Suggestions below
 * it are drawn as unsure and counted in the list of reports; those at or above
 * it can be accepted in bulk, for one report or every report, as one undoable
 * action, after a dialog that says how many and of which labels. With "Least
 * Sure First" on, Tab and the advance after a decision go through the
 * undecided suggestions from the least sure up.
 */
#define G_LOG_DOMAIN "bz-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bz-report-view.h"
#include "bz-window-private.h"

static BzReportView *
report_view (BzWindow *self)
{
  return BZ_REPORT_VIEW (bz_document_view_get_text_view (self->document_view));
}

void
_bz_window_confidence_refresh (BzWindow *self)
{
  g_autoptr(GError) error = NULL;
  double threshold = BZ_CALIBRATION_NO_THRESHOLD, precision = 0.0;
  gboolean changed;

  if (!bz_store_pick_threshold (self->store, NULL, BZ_CALIBRATION_DEFAULT_TARGET, &threshold, &precision, &error))
    {
      _bz_window_toast_error (self, error);
      threshold = BZ_CALIBRATION_NO_THRESHOLD;
      precision = 0.0;
    }
  changed = threshold != self->confidence_threshold;
  self->confidence_threshold = threshold;
  self->confidence_precision = precision;
  bz_report_view_set_confidence_threshold (report_view (self), threshold);
  /* The list of reports counts the unsure ones at the new threshold. */
  if (changed && self->unsure_counts != NULL)
    _bz_window_reload_documents (self);
}

gboolean
_bz_window_least_sure_first (BzWindow *self)
{
  return self->settings != NULL && g_settings_get_boolean (self->settings, "least-sure-first");
}

BzSpan *
_bz_window_confidence_step (BzWindow *self,
                            int       step,
                            gboolean  wrap)
{
  GPtrArray *spans = bz_document_view_get_spans (self->document_view);
  BzSpan *from = bz_document_view_get_selected_span (self->document_view);
  BzSpan *best = NULL, *first = NULL;

  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);
      int to_from;

      if (bz_span_get_status (span) != BZ_SPAN_SUGGESTED || span == from)
        continue;
      /* The first in the order's direction, for a start without a selection
       * or a wrap. */
      if (first == NULL || bz_span_compare_sureness (&span, &first) * step < 0)
        first = span;
      to_from = from != NULL ? bz_span_compare_sureness (&span, &from) * step : 1;
      if (to_from > 0 && (best == NULL || bz_span_compare_sureness (&span, &best) * step < 0))
        best = span;
    }
  if (best == NULL && (wrap || from == NULL))
    best = first;
  return best;
}

void
_bz_window_count_unsure (BzWindow *self,
                         gint64    document_id)
{
  g_autoptr(GError) error = NULL;

  if (document_id == 0 || self->unsure_counts == NULL)
    {
      GHashTable *counts = bz_store_count_uncertain_by_document (self->store, self->confidence_threshold, &error);

      if (counts == NULL)
        g_debug ("Could not count the unsure suggestions: %s", error->message);
      g_clear_pointer (&self->unsure_counts, g_hash_table_unref);
      self->unsure_counts = counts;
    }
  else
    {
      gint64 n = bz_store_count_uncertain (self->store, document_id, self->confidence_threshold, &error);

      if (n < 0)
        g_debug ("Could not count the unsure suggestions: %s", error->message);
      else
        g_hash_table_insert (self->unsure_counts, g_memdup2 (&document_id, sizeof document_id),
                             GUINT_TO_POINTER ((guint) n));
    }
}

guint
_bz_window_get_unsure (BzWindow   *self,
                       BzDocument *document)
{
  gint64 id = bz_document_get_id (document);

  if (self->unsure_counts == NULL || bz_document_get_status (document) == BZ_DOCUMENT_REVIEWED)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->unsure_counts, &id));
}

/* ---- Bulk acceptance ---------------------------------------------------------- */

static int
compare_label_counts (gconstpointer a,
                      gconstpointer b,
                      gpointer      data)
{
  GHashTable *per_label = data;
  guint na = GPOINTER_TO_UINT (g_hash_table_lookup (per_label, *(const char **) a));
  guint nb = GPOINTER_TO_UINT (g_hash_table_lookup (per_label, *(const char **) b));

  if (na != nb)
    return na > nb ? -1 : 1;
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* "数值 VALUE 250, 时间 DATE 50": the labels by how many, the most first. */
static char *
describe_labels (BzWindow   *self,
                 GHashTable *per_label)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, per_label);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_ptr_array_add (names, name);
  g_ptr_array_sort_with_data (names, compare_label_counts, per_label);
  for (guint i = 0; i < names->len; i++)
    {
      const char *label_name = g_ptr_array_index (names, i);
      BzLabel *label = _bz_window_find_label (self, label_name);

      if (text->len > 0)
        g_string_append (text, "\n");
      /* TRANSLATORS: a label's display name, its name and how many of its suggestions */
      g_string_append_printf (text, _("%s %s: %u"),
                              label != NULL ? bz_label_get_display_name (label) : "",
                              label_name, GPOINTER_TO_UINT (g_hash_table_lookup (per_label, label_name)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
accept_response_cb (BzWindow        *self,
                    const char      *response,
                    AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  gint64 document_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "bz-document-id");
  double threshold = *(double *) g_object_get_data (G_OBJECT (dialog), "bz-threshold");
  guint n_accepted = 0;

  if (!g_str_equal (response, "accept"))
    return;
  if (!bz_store_bulk_accept (self->store, document_id, threshold, &n_accepted, &error))
    {
      _bz_window_toast_error (self, error);
      return;
    }
  {
    g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u suggestion accepted: Ctrl+Z takes it back",
                                                             "%u suggestions accepted: Ctrl+Z takes them all back",
                                                             n_accepted),
                                                n_accepted);

    _bz_window_toast (self, message);
  }
  _bz_window_confidence_refresh (self);
  /* On to what is left: the suggestions the extractor is unsure of. */
  if (_bz_window_current_document_id (self) != 0)
    {
      BzSpan *next = _bz_window_confidence_step (self, 1, TRUE);

      if (next != NULL)
        bz_document_view_select_span (self->document_view, bz_span_get_id (next));
    }
  _bz_window_actions_update (self);
}

/* Asks before accepting the confident suggestions of @document_id (0: of
 * every report): how many, of which labels, at what measured precision. */
static void
accept_confident (BzWindow *self,
                  gint64    document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) per_label = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *where = NULL;
  AdwMessageDialog *dialog;
  gint64 n;
  double threshold;

  _bz_window_confidence_refresh (self);
  threshold = self->confidence_threshold;
  if (threshold > 1.0)
    {
      g_autofree char *message = g_strdup_printf (_("No confidence is measured precise enough (%.0f%%) to accept in bulk"),
                                                  BZ_CALIBRATION_DEFAULT_TARGET * 100);

      _bz_window_toast (self, message);
      return;
    }
  n = bz_store_count_bulk_accept (self->store, document_id, threshold, &per_label, &error);
  if (n < 0)
    {
      _bz_window_toast_error (self, error);
      return;
    }
  if (n == 0)
    {
      g_autofree char *message = g_strdup_printf (_("No undecided suggestion has a confidence of %.2f or more"),
                                                  threshold);

      _bz_window_toast (self, message);
      return;
    }

  if (document_id != 0)
    {
      BzDocument *document = bz_document_view_get_document (self->document_view);

      where = g_strdup_printf (_("of “%s”"), document != NULL ? bz_document_get_title (document) : "");
    }
  else
    where = g_strdup (_("of every report"));
  labels = describe_labels (self, per_label);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Accept Confident Suggestions"), NULL));
  gtk_window_set_title (GTK_WINDOW (dialog), _("Accept Confident Suggestions"));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u undecided suggestion %s has a confidence of %.2f or more, where"
                                               " the workspace measured %.1f%% of the extractor's suggestions right:\n\n%s\n\n"
                                               "One Ctrl+Z takes the acceptance back.",
                                               "%u undecided suggestions %s have a confidence of %.2f or more, where"
                                               " the workspace measured %.1f%% of the extractor's suggestions right:\n\n%s\n\n"
                                               "One Ctrl+Z takes the acceptance back.",
                                               (gulong) n),
                                  (guint) n, where, threshold, self->confidence_precision * 100, labels);
  {
    g_autofree char *accept = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Accept %u", "_Accept %u", (gulong) n),
                                               (guint) n);

    adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "accept", accept, NULL);
  }
  adw_message_dialog_set_response_appearance (dialog, "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "accept");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "bz-document-id", g_memdup2 (&document_id, sizeof document_id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "bz-threshold", g_memdup2 (&threshold, sizeof threshold), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (accept_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
accept_confident_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);

  if (g_str_equal (action_name, "workspace.accept-confident"))
    accept_confident (self, 0);
  else if (_bz_window_current_document_id (self) != 0)
    accept_confident (self, _bz_window_current_document_id (self));
}

void
_bz_window_confidence_init (BzWindow *self)
{
  /* Least Sure First, in the main menu, is the preference itself. */
  if (self->settings != NULL)
    {
      g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
      g_autoptr(GAction) action = g_settings_create_action (self->settings, "least-sure-first");

      g_action_map_add_action (G_ACTION_MAP (group), action);
      gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (group));
    }
  _bz_window_confidence_refresh (self);
}

void
_bz_window_class_confidence_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "review.accept-confident", NULL, accept_confident_cb);
  gtk_widget_class_install_action (widget_class, "workspace.accept-confident", NULL, accept_confident_cb);
}
