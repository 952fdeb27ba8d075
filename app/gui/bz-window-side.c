/* bz-window-side.c: the side pane's history of the selected span and its label's guideline
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Beside the entity list, the side pane has two more pages: the selected
 * span's history (who changed what, when, before and after, its relations
 * included), Ctrl+H; and the annotation guideline of its label in Chinese and
 * English, F1. The same key again goes back to the entities.
 */
#define G_LOG_DOMAIN "bz-window"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bz-window-private.h"

/* The members of a span's or relation's JSON that a reader cares for. */
static const char * const shown_members[] = { "label", "status", "start", "end", "note", "type", "to", "from" };

static char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return g_strdup ("—");
  node = json_object_get_member (object, name);
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return g_strdup ("…");
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_object_ref (json_node_get_object (node)) : NULL;
}

/* "status: suggested → accepted; label: ORG → PLACE", or what was added or
 * deleted. */
static char *
describe_change (const BzHistoryEntry *entry)
{
  g_autoptr(JsonObject) before = parse_object (entry->before);
  g_autoptr(JsonObject) after = parse_object (entry->after);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean relation = g_strcmp0 (entry->entity, "relation") == 0;

  if (g_str_equal (entry->op, "add") || g_str_equal (entry->op, "delete"))
    {
      JsonObject *object = after != NULL ? after : before;
      g_autofree char *what = member_text (object, relation ? "type" : "label");
      g_autofree char *start = member_text (object, relation ? "from" : "start");
      g_autofree char *end = member_text (object, relation ? "to" : "end");

      if (relation)
        /* TRANSLATORS: a relation added or deleted: has_value, span 12 → span 13 */
        g_string_printf (text, g_str_equal (entry->op, "add") ? _("linked: %s, span %s → span %s")
                                                              : _("unlinked: %s, span %s → span %s"),
                         what, start, end);
      else
        /* TRANSLATORS: a span added or deleted: PLACE [12, 15) */
        g_string_printf (text, g_str_equal (entry->op, "add") ? _("added: %s [%s, %s)") : _("deleted: %s [%s, %s)"),
                         what, start, end);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (shown_members); i++)
    {
      g_autofree char *old = member_text (before, shown_members[i]);
      g_autofree char *new = member_text (after, shown_members[i]);

      if (g_str_equal (old, new))
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s: %s → %s", shown_members[i], old, new);
    }
  if (text->len == 0)
    g_string_assign (text, _("no visible change"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
load_history (BzWindow *self,
              BzSpan   *span)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  if (span == NULL)
    {
      gtk_label_set_text (self->history_heading, _("Select a span: its history shows here."));
      return;
    }
  /* TRANSLATORS: the heading of a span's history: “王府井” (PLACE) */
  heading = g_strdup_printf (_("“%s” (%s)"), bz_span_get_surface (span), bz_span_get_label (span));
  gtk_label_set_text (self->history_heading, heading);
  entries = bz_store_list_span_history (self->store, bz_span_get_id (span), &error);
  if (entries == NULL)
    {
      gtk_label_set_text (self->history_heading, error->message);
      return;
    }
  /* Newest first: the last change is what a reviewer wants to see. */
  for (guint i = entries->len; i > 0; i--)
    {
      const BzHistoryEntry *entry = g_ptr_array_index (entries, i - 1);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (entry->timestamp);
      g_autofree char *time = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");
      g_autofree char *change = describe_change (entry);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      title = g_strdup_printf ("%s · %s", entry->reviewer, time);
      /* TRANSLATORS: what an action did, and its state when undone */
      subtitle = g_strdup_printf ("%s\n%s%s", entry->description, change,
                                  g_strcmp0 (entry->state, "done") == 0 ? "" : _(" (undone)"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->history_list, row);
    }
}

static void
append_guideline (GString    *markup,
                  BzLabel    *label,
                  const char *language)
{
  const char *text = bz_label_get_guideline (label, language);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (*text != '\0')
    g_string_append_printf (markup, "%s\n\n", escaped);
}

static void
load_guide (BzWindow *self,
            BzSpan   *span)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  BzLabel *label = span != NULL ? _bz_window_find_label (self, bz_span_get_label (span)) : NULL;

  if (label == NULL)
    {
      g_autofree char *hint = g_markup_escape_text (_("Select a span: the guideline of its label shows here. "
                                                      "The labels and their keys:"), -1);

      g_string_append_printf (markup, "%s\n\n", hint);
      for (guint i = 0; i < self->labels->len; i++)
        {
          BzLabel *each = g_ptr_array_index (self->labels, i);
          g_autofree char *line = g_markup_printf_escaped ("<b>%s</b> %s %s\n",
                                                           bz_label_get_shortcut (each) != NULL
                                                           ? bz_label_get_shortcut (each) : "",
                                                           bz_label_get_display_name (each),
                                                           bz_label_get_name (each));

          g_string_append (markup, line);
        }
    }
  else
    {
      g_autofree char *title = g_markup_printf_escaped ("<big><b>%s %s</b></big>\n\n",
                                                        bz_label_get_display_name (label),
                                                        bz_label_get_name (label));

      g_string_append (markup, title);
      /* Both languages: the guide was written in both, and an analyst may
       * read the other when a phrase is unclear. */
      append_guideline (markup, label, "zh");
      append_guideline (markup, label, "en");
    }
  gtk_label_set_markup (self->guide_text, markup->str);
}

void
_bz_window_side_update (BzWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->side_stack);
  BzSpan *span = bz_document_view_get_selected_span (self->document_view);

  if (g_strcmp0 (page, "history") == 0)
    load_history (self, span);
  else if (g_strcmp0 (page, "guide") == 0)
    load_guide (self, span);
}

void
_bz_window_side_page_changed (BzWindow *self)
{
  _bz_window_side_update (self);
}

/* Ctrl+H and F1: that page of the side pane, or the entities again. */
static void
side_show_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BzWindow *self = BZ_WINDOW (widget);
  const char *page = g_variant_get_string (parameter, NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack), page) == 0)
    page = "entities";
  gtk_stack_set_visible_child_name (self->side_stack, page);
}

void
_bz_window_class_side_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "side.show", "s", side_show_cb);
}
