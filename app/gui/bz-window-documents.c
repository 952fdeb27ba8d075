/* bz-window-documents.c: the window's list of reports: search, filter and sort, titles and notes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list shows the workspace's documents through a filter (the search
 * field's words in the title, a choice of status, script, warnings or
 * undecided suggestions, and, when the workspace assigns reports, only the
 * reviewer's own) and a sorter (imported, title, status, undecided
 * suggestions, warnings). Navigation (Alt+Down, marking reviewed) follows the
 * list as it is shown. F2 renames the report, Shift+N writes its note.
 */
#define G_LOG_DOMAIN "bz-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bz-window-private.h"

static gboolean
document_matches (gpointer item,
                  gpointer data)
{
  BzWindow *self = data;
  BzDocument *document = item;
  const char *filter = self->document_filter_name;
  const char *query = self->document_search != NULL
                      ? gtk_editable_get_text (GTK_EDITABLE (self->document_search)) : "";

  if (self->only_mine
      && (self->my_documents == NULL || !g_hash_table_contains (self->my_documents, &(gint64) { bz_document_get_id (document) })))
    return FALSE;
  if (*query != '\0')
    {
      g_autofree char *title = g_utf8_casefold (bz_document_get_title (document), -1);
      g_autofree char *words = g_utf8_casefold (query, -1);
      g_auto(GStrv) each = g_strsplit_set (words, " \t", -1);

      for (guint i = 0; each[i] != NULL; i++)
        if (*each[i] != '\0' && strstr (title, each[i]) == NULL)
          return FALSE;
    }
  if (filter == NULL || g_str_equal (filter, "all"))
    return TRUE;
  if (g_str_equal (filter, "warnings"))
    return bz_document_get_n_warnings (document) > 0;
  if (g_str_equal (filter, "undecided"))
    return bz_document_get_n_undecided (document) > 0;
  if (g_str_equal (filter, "simplified") || g_str_equal (filter, "traditional") || g_str_equal (filter, "mixed"))
    return g_str_equal (bz_script_to_string (bz_document_get_script (document)), filter);
  return g_str_equal (bz_document_status_to_string (bz_document_get_status (document)), filter);
}

static int
compare_uint (guint a,
              guint b)
{
  return (a > b) - (a < b);
}

/* The chosen order, then the import order, so that it is total. */
static int
compare_documents (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  BzWindow *self = data;
  BzDocument *da = (BzDocument *) a, *db = (BzDocument *) b;
  const char *sort = self->document_sort_name != NULL ? self->document_sort_name : "imported";
  int order = 0;

  if (g_str_equal (sort, "title"))
    order = g_utf8_collate (bz_document_get_title (da), bz_document_get_title (db));
  else if (g_str_equal (sort, "status"))
    order = compare_uint (bz_document_get_status (da), bz_document_get_status (db));
  else if (g_str_equal (sort, "undecided"))
    order = -compare_uint (bz_document_get_n_undecided (da), bz_document_get_n_undecided (db));
  else if (g_str_equal (sort, "warnings"))
    order = -compare_uint (bz_document_get_n_warnings (da), bz_document_get_n_warnings (db));
  if (order == 0)
    order = (bz_document_get_id (da) > bz_document_get_id (db)) - (bz_document_get_id (da) < bz_document_get_id (db));
  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* The filter or the order changed: the shown report stays selected. */
static void
documents_changed (BzWindow          *self,
                   GtkFilterChange    filter_change,
                   gboolean           filter,
                   gboolean           sort)
{
  gint64 current = _bz_window_current_document_id (self);
  GListModel *shown = _bz_window_documents_shown (self);

  self->selecting_document = TRUE;
  if (filter)
    gtk_filter_changed (GTK_FILTER (self->document_filter), filter_change);
  if (sort)
    gtk_sorter_changed (GTK_SORTER (self->document_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(BzDocument) document = g_list_model_get_item (shown, i);

      if (bz_document_get_id (document) == current)
        gtk_single_selection_set_selected (self->document_selection, i);
    }
  self->selecting_document = FALSE;
}

static void
search_changed_cb (BzWindow *self)
{
  documents_changed (self, GTK_FILTER_CHANGE_DIFFERENT, TRUE, FALSE);
}

/* Enter in the search field: the first report found opens. */
static void
search_activate_cb (BzWindow *self)
{
  GListModel *shown = _bz_window_documents_shown (self);

  if (g_list_model_get_n_items (shown) > 0)
    {
      gtk_single_selection_set_selected (self->document_selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
    }
}

static void
search_stop_cb (BzWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->document_search), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

static void
filter_activate_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       data)
{
  BzWindow *self = data;

  g_simple_action_set_state (action, parameter);
  g_free (self->document_filter_name);
  self->document_filter_name = g_variant_dup_string (parameter, NULL);
  documents_changed (self, GTK_FILTER_CHANGE_DIFFERENT, TRUE, FALSE);
}

static void
sort_activate_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       data)
{
  BzWindow *self = data;

  g_simple_action_set_state (action, parameter);
  g_free (self->document_sort_name);
  self->document_sort_name = g_variant_dup_string (parameter, NULL);
  documents_changed (self, GTK_FILTER_CHANGE_DIFFERENT, FALSE, TRUE);
}

static void
mine_change_state_cb (GSimpleAction *action,
                      GVariant      *state,
                      gpointer       data)
{
  BzWindow *self = data;

  g_simple_action_set_state (action, state);
  self->only_mine = g_variant_get_boolean (state);
  documents_changed (self, self->only_mine ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT,
                     TRUE, FALSE);
}

void
_bz_window_documents_assignment_changed (BzWindow *self)
{
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GError) error = NULL;
  const char *reviewer = bz_store_get_reviewer (self->store);
  GAction *mine = g_action_map_lookup_action (G_ACTION_MAP (self->document_actions), "mine");

  g_clear_pointer (&self->my_documents, g_hash_table_unref);
  assignments = bz_store_list_assignments (self->store, &error);
  if (assignments == NULL)
    _bz_window_toast_error (self, error);
  else if (assignments->len > 0)
    {
      self->my_documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < assignments->len; i++)
        {
          BzAssignment *assignment = g_ptr_array_index (assignments, i);

          if (g_strcmp0 (assignment->reviewer, reviewer) == 0)
            g_hash_table_add (self->my_documents, g_memdup2 (&assignment->document_id, sizeof (gint64)));
        }
    }
  /* Without an assignment there is nothing to be one's own: the whole list shows. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (mine), self->my_documents != NULL);
  if (self->my_documents == NULL && self->only_mine)
    g_action_change_state (mine, g_variant_new_boolean (FALSE));
  else if (self->only_mine)
    documents_changed (self, GTK_FILTER_CHANGE_DIFFERENT, TRUE, FALSE);
}

GListModel *
_bz_window_documents_shown (BzWindow *self)
{
  return gtk_single_selection_get_model (self->document_selection);
}

gboolean
_bz_window_documents_reveal (BzWindow *self,
                             gint64    document_id)
{
  GListModel *all = G_LIST_MODEL (self->documents);
  GListModel *shown = _bz_window_documents_shown (self);
  gboolean known = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (all) && !known; i++)
    {
      g_autoptr(BzDocument) document = g_list_model_get_item (all, i);

      known = bz_document_get_id (document) == document_id;
    }
  if (!known)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(BzDocument) document = g_list_model_get_item (shown, i);

      if (bz_document_get_id (document) == document_id)
        return TRUE;
    }
  g_action_group_activate_action (G_ACTION_GROUP (self->document_actions), "filter", g_variant_new_string ("all"));
  g_action_group_change_action_state (G_ACTION_GROUP (self->document_actions), "mine", g_variant_new_boolean (FALSE));
  gtk_editable_set_text (GTK_EDITABLE (self->document_search), "");
  return TRUE;
}

/* ---- Titles and notes of reports ------------------------------------------ */

static void
rename_response_cb (BzWindow         *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 document_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "bz-document-id");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "rename")
      && !bz_store_set_document_title (self->store, document_id, gtk_editable_get_text (entry), &error))
    _bz_window_toast_error (self, error);
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

static void
rename_entry_activate_cb (AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "rename");
  gtk_window_close (GTK_WINDOW (dialog));
}

/* F2: a new title for the report (its heading line at import). */
static void
rename_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  BzDocument *document = bz_document_view_get_document (self->document_view);
  GtkWidget *dialog, *entry;
  gint64 id;

  if (document == NULL)
    return;
  id = bz_document_get_id (document);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Rename the Report"), NULL);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Rename the Report"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("The title shown in the list of reports; one undo brings back the old one."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), bz_document_get_title (document));
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 40);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "bz-document-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "activate", G_CALLBACK (rename_entry_activate_cb), dialog, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Shift+N: the note of the whole report, in a popover at the report's top. */
static void
document_note_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  BzDocument *document = bz_document_view_get_document (self->document_view);
  g_autofree char *heading = NULL;

  if (document == NULL)
    return;
  /* TRANSLATORS: the heading of a report's note */
  heading = g_strdup_printf (_("Note on the report “%s”"), bz_document_get_title (document));
  self->note_span_id = 0;
  self->note_document_id = bz_document_get_id (document);
  _bz_window_edit_note (self, heading, bz_document_get_note (document),
                        GTK_WIDGET (self->document_view), (GdkRectangle) { 24, 8, 1, 1 });
}

static void
focus_search_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->document_search));
}

GListModel *
_bz_window_documents_init (BzWindow *self)
{
  static const GActionEntry entries[] = {
    { "filter", filter_activate_cb, "s", "'all'", NULL },
    { "sort", sort_activate_cb, "s", "'imported'", NULL },
    { "mine", NULL, NULL, "false", mine_change_state_cb },
  };
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;

  self->document_filter_name = g_strdup ("all");
  self->document_sort_name = g_strdup ("imported");
  self->document_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->document_actions), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "documents", G_ACTION_GROUP (self->document_actions));

  self->document_filter = gtk_custom_filter_new (document_matches, self, NULL);
  self->document_sorter = gtk_custom_sorter_new (compare_documents, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->documents)),
                                        g_object_ref (GTK_FILTER (self->document_filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered), g_object_ref (GTK_SORTER (self->document_sorter)));
  g_signal_connect_object (self->document_search, "search-changed", G_CALLBACK (search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document_search, "activate", G_CALLBACK (search_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document_search, "stop-search", G_CALLBACK (search_stop_cb), self,
                           G_CONNECT_SWAPPED);
  return G_LIST_MODEL (sorted);
}

void
_bz_window_class_documents_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "document.rename", NULL, rename_cb);
  gtk_widget_class_install_action (widget_class, "document.note", NULL, document_note_cb);
  gtk_widget_class_install_action (widget_class, "documents.focus-search", NULL, focus_search_cb);
}

void
_bz_window_documents_dispose (BzWindow *self)
{
  g_clear_object (&self->document_filter);
  g_clear_object (&self->document_sorter);
  g_clear_object (&self->document_actions);
  g_clear_pointer (&self->document_filter_name, g_free);
  g_clear_pointer (&self->document_sort_name, g_free);
  g_clear_pointer (&self->my_documents, g_hash_table_unref);
}
