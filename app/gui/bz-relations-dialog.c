/* bz-relations-dialog.c: the relations of a span: list, link and unlink
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The annotation guide's relations go from an INDICATOR to a VALUE (has_value,
 * has_change) and from a PROJECT or ORG to a PLACE (located_in). The dialog
 * offers the types that start at the span's label and, for the chosen type,
 * the spans of the span's paragraph that can be its other end, nearest first.
 * Each link and unlink is stored at once.
 */
#define G_LOG_DOMAIN "bz-relations-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "bz-context.h"
#include "bz-relations-dialog.h"

/* The nearest candidates shown; a paragraph of a PDF dump may hold thousands. */
#define MAX_CANDIDATES 50

static const struct
{
  const char *type;
  const char *title;
  const char *from[3];
  const char *to[2];
} relation_types[] = {
  { "has_value", N_("has value"), { "INDICATOR", NULL }, { "VALUE", NULL } },
  { "has_change", N_("has change"), { "INDICATOR", NULL }, { "VALUE", NULL } },
  { "located_in", N_("located in"), { "PROJECT", "ORG", NULL }, { "PLACE", NULL } },
};

struct _BzRelationsDialog
{
  AdwWindow parent_instance;

  GtkLabel *summary;
  GtkListBox *relation_list;
  GtkDropDown *type_dropdown;
  GtkLabel *hint;
  GtkListBox *candidate_list;

  BzStore *store;
  BzDocument *document;
  GPtrArray *spans;           /* BzSpan */
  BzSpan *span;
  GArray *offered;            /* guint: indices into relation_types */
  GArray *candidate_ids;      /* gint64: the candidates shown, in order: keys 1–9 link them */
  /* The span's paragraph in code points, and where it starts in the text. */
  gint64 paragraph_start;
  gint64 paragraph_end;
  const char *paragraph;
};

G_DEFINE_FINAL_TYPE (BzRelationsDialog, bz_relations_dialog, ADW_TYPE_WINDOW)

static gboolean
label_in (const char        *label,
          const char * const *labels)
{
  for (guint i = 0; labels[i] != NULL; i++)
    if (g_strcmp0 (label, labels[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char *
type_title (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (relation_types); i++)
    if (g_str_equal (relation_types[i].type, type))
      return _(relation_types[i].title);
  return type;
}

static BzSpan *
find_span (BzRelationsDialog *self,
           gint64             id)
{
  for (guint i = 0; i < self->spans->len; i++)
    if (bz_span_get_id (g_ptr_array_index (self->spans, i)) == id)
      return g_ptr_array_index (self->spans, i);
  return NULL;
}

static char *
describe_span (BzRelationsDialog *self,
               BzSpan            *span)
{
  g_autoptr(BzLabel) label = NULL;

  if (span == NULL)
    return g_strdup ("?");
  label = bz_store_get_label (self->store, bz_span_get_label (span));
  return g_strdup_printf ("%s (%s)", bz_span_get_surface (span),
                          label != NULL ? bz_label_get_display_name (label) : bz_span_get_label (span));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_error (BzRelationsDialog *self,
            const GError      *error)
{
  gtk_label_set_text (self->hint, error->message);
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "error");
}

static void reload (BzRelationsDialog *self);

static void
delete_clicked_cb (GtkButton         *button,
                   BzRelationsDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "relation-id"));

  if (!bz_store_delete_relation (self->store, id, &error))
    {
      show_error (self, error);
      return;
    }
  reload (self);
}

static void
link_to (BzRelationsDialog *self,
         gint64             target)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (self->type_dropdown);
  guint type;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->offered->len)
    return;
  type = g_array_index (self->offered, guint, selected);
  if (bz_store_add_relation (self->store, bz_span_get_id (self->span), target,
                             relation_types[type].type, NULL, &error) == 0)
    {
      show_error (self, error);
      return;
    }
  reload (self);
}

static void
link_clicked_cb (GtkButton         *button,
                 BzRelationsDialog *self)
{
  link_to (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "span-id")));
}

/* Keys 1–9: the relation to the candidate of that number, from the keyboard
 * without moving through the list. */
static void
link_nth_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BzRelationsDialog *self = BZ_RELATIONS_DIALOG (widget);
  guint n = g_variant_get_uint32 (parameter);

  if (n >= 1 && n <= self->candidate_ids->len)
    link_to (self, g_array_index (self->candidate_ids, gint64, n - 1));
}

/* @icon: (nullable): an icon, or %NULL for a "Link" button */
static GtkWidget *
row_button (const char *icon,
            const char *accessible_label,
            GCallback   callback,
            gpointer    data)
{
  GtkWidget *button = icon != NULL ? gtk_button_new_from_icon_name (icon) : gtk_button_new_with_label (_("Link"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, accessible_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  g_signal_connect (button, "clicked", callback, data);
  return button;
}

static void
reload_relations (BzRelationsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  gint64 id = bz_span_get_id (self->span);
  guint shown = 0;

  clear_list (self->relation_list);
  relations = bz_store_list_relations (self->store, bz_document_get_id (self->document), &error);
  if (relations == NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < relations->len; i++)
    {
      const BzRelation *relation = g_ptr_array_index (relations, i);
      g_autofree char *other = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *delete_label = NULL;
      GtkWidget *row, *button;

      if (relation->from_span != id && relation->to_span != id)
        continue;
      if (relation->from_span == id)
        {
          other = describe_span (self, find_span (self, relation->to_span));
          /* TRANSLATORS: a relation from this span: type → other span */
          title = g_strdup_printf (_("%s → %s"), type_title (relation->type), other);
        }
      else
        {
          other = describe_span (self, find_span (self, relation->from_span));
          /* TRANSLATORS: a relation to this span: other span, type → this span */
          title = g_strdup_printf (_("%s, %s → this span"), other, type_title (relation->type));
        }
      subtitle = g_strdup_printf ("%s · %s", relation->origin, relation->reviewer != NULL ? relation->reviewer : "");
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      delete_label = g_strdup_printf (_("Delete the relation %s"), title);
      button = row_button ("user-trash-symbolic", delete_label, G_CALLBACK (delete_clicked_cb), self);
      g_object_set_data (G_OBJECT (button), "relation-id", GSIZE_TO_POINTER (relation->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->relation_list, row);
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No relations yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->relation_list, row);
    }
}

static gboolean
linked (GPtrArray  *relations,
        gint64      from,
        gint64      to,
        const char *type)
{
  for (guint i = 0; i < relations->len; i++)
    {
      const BzRelation *relation = g_ptr_array_index (relations, i);

      if (relation->from_span == from && relation->to_span == to && g_str_equal (relation->type, type))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  BzSpan *span;
  gint64  key;
} Candidate;

static gboolean
has_sentence_end (const char *from,
                  const char *to)
{
  for (const char *p = from; p < to; p = g_utf8_next_char (p))
    if (strchr ("\n", *p) != NULL || g_utf8_get_char (p) == 0x3002 /* 。 */ ||
        g_utf8_get_char (p) == 0xFF01 /* ！ */ || g_utf8_get_char (p) == 0xFF1F /* ？ */ ||
        g_utf8_get_char (p) == 0xFF1B /* ； */)
      return TRUE;
  return FALSE;
}

/* How far @other is from the dialog's span, for the order of the candidates:
 * first those of the same sentence, then by the characters between the two,
 * a span after before one as near before it (达到 87.1% follows its indicator). */
static gint64
candidate_key (BzRelationsDialog *self,
               BzSpan            *other)
{
  gint64 start = bz_span_get_start (self->span), end = bz_span_get_end (self->span);
  gboolean after = bz_span_get_start (other) >= end;
  gint64 gap_start = after ? end : bz_span_get_end (other);
  gint64 gap_end = after ? bz_span_get_start (other) : start;
  const char *from, *to;
  gint64 key;

  if (gap_end < gap_start)
    gap_end = gap_start;      /* overlapping spans */
  key = (gap_end - gap_start) * 2 + (after ? 0 : 1);
  from = g_utf8_offset_to_pointer (self->paragraph, gap_start - self->paragraph_start);
  to = g_utf8_offset_to_pointer (from, gap_end - gap_start);
  if (has_sentence_end (from, to))
    key += G_GINT64_CONSTANT (1) << 40;
  return key;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  gint64 ka = ((const Candidate *) a)->key, kb = ((const Candidate *) b)->key;

  return (ka > kb) - (ka < kb);
}

static void
reload_candidates (BzRelationsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  guint selected = gtk_drop_down_get_selected (self->type_dropdown);
  guint type;

  clear_list (self->candidate_list);
  g_array_set_size (self->candidate_ids, 0);
  gtk_widget_remove_css_class (GTK_WIDGET (self->hint), "error");
  if (self->offered->len == 0 || selected == GTK_INVALID_LIST_POSITION || selected >= self->offered->len)
    {
      g_autofree char *hint = g_strdup_printf (_("In the annotation guide no relation starts at a %s span: "
                                                 "link from the INDICATOR, PROJECT or ORG span instead."),
                                               bz_span_get_label (self->span));

      gtk_label_set_text (self->hint, hint);
      gtk_widget_set_visible (GTK_WIDGET (self->candidate_list), FALSE);
      return;
    }
  type = g_array_index (self->offered, guint, selected);
  relations = bz_store_list_relations (self->store, bz_document_get_id (self->document), &error);
  if (relations == NULL)
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < self->spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (self->spans, i);

      if (span == self->span || bz_span_get_status (span) == BZ_SPAN_REJECTED ||
          bz_span_get_start (span) < self->paragraph_start || bz_span_get_end (span) > self->paragraph_end ||
          !label_in (bz_span_get_label (span), relation_types[type].to) ||
          linked (relations, bz_span_get_id (self->span), bz_span_get_id (span), relation_types[type].type))
        continue;
      {
        Candidate candidate = { span, candidate_key (self, span) };

        g_array_append_val (candidates, candidate);
      }
    }
  g_array_sort (candidates, compare_candidates);
  gtk_label_set_text (self->hint, candidates->len > 0
                      ? _("Spans of the same paragraph: those of the same sentence first, the nearest first.")
                      : _("No span of this paragraph can be linked with this type."));
  gtk_widget_set_visible (GTK_WIDGET (self->candidate_list), candidates->len > 0);

  for (guint i = 0; i < candidates->len && i < MAX_CANDIDATES; i++)
    {
      BzSpan *span = g_array_index (candidates, Candidate, i).span;
      const char *hit = g_utf8_offset_to_pointer (self->paragraph, bz_span_get_start (span) - self->paragraph_start);
      const char *hit_end = g_utf8_offset_to_pointer (hit, bz_span_get_end (span) - bz_span_get_start (span));
      g_autofree char *context = bz_context_markup (self->paragraph, hit, hit_end - hit, BZ_CONTEXT_CHARS);
      g_autofree char *title = describe_span (self, span);
      g_autofree char *numbered = i < 9 ? g_strdup_printf ("%u · %s", i + 1, title) : g_strdup (title);
      g_autofree char *escaped = g_markup_escape_text (numbered, -1);
      g_autofree char *link_label = g_strdup_printf (_("Link to %s"), title);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;

      /* Markup: the span in bold in its context. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), context);
      button = row_button (NULL, link_label, G_CALLBACK (link_clicked_cb), self);
      g_object_set_data (G_OBJECT (button), "span-id", GSIZE_TO_POINTER (bz_span_get_id (span)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->candidate_list, row);
      g_array_append_val (self->candidate_ids, (gint64) { bz_span_get_id (span) });
    }
}

static void
reload (BzRelationsDialog *self)
{
  reload_relations (self);
  reload_candidates (self);
}

static void
type_changed_cb (BzRelationsDialog *self)
{
  /* The drop-down notifies while the template is built. */
  if (self->span != NULL)
    reload_candidates (self);
}

static void
bz_relations_dialog_dispose (GObject *object)
{
  BzRelationsDialog *self = BZ_RELATIONS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BZ_TYPE_RELATIONS_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->document);
  g_clear_object (&self->span);
  g_clear_pointer (&self->spans, g_ptr_array_unref);
  g_clear_pointer (&self->offered, g_array_unref);
  g_clear_pointer (&self->candidate_ids, g_array_unref);

  G_OBJECT_CLASS (bz_relations_dialog_parent_class)->dispose (object);
}

static void
bz_relations_dialog_class_init (BzRelationsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bz_relations_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/biaozhu/Workbench/bz-relations-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BzRelationsDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, BzRelationsDialog, relation_list);
  gtk_widget_class_bind_template_child (widget_class, BzRelationsDialog, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BzRelationsDialog, hint);
  gtk_widget_class_bind_template_child (widget_class, BzRelationsDialog, candidate_list);
  gtk_widget_class_bind_template_callback (widget_class, type_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "relations.link-nth", "u", link_nth_cb);
  for (guint n = 1; n <= 9; n++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + n, 0, "relations.link-nth", "u", n);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0 + n, 0, "relations.link-nth", "u", n);
    }
}

static void
bz_relations_dialog_init (BzRelationsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->offered = g_array_new (FALSE, FALSE, sizeof (guint));
  self->candidate_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Finds the paragraph (between line breaks) that holds the span. */
static void
find_paragraph (BzRelationsDialog *self)
{
  const char *text = bz_document_get_text (self->document);
  const char *at = g_utf8_offset_to_pointer (text, bz_span_get_start (self->span));
  const char *start = at, *end;

  while (start > text && start[-1] != '\n')
    start--;
  end = strchr (at, '\n');
  if (end == NULL)
    end = at + strlen (at);
  self->paragraph = start;
  self->paragraph_start = bz_span_get_start (self->span) - g_utf8_strlen (start, at - start);
  self->paragraph_end = bz_span_get_start (self->span) + g_utf8_strlen (at, end - at);
}

BzRelationsDialog *
bz_relations_dialog_new (GtkWindow  *parent,
                         BzStore    *store,
                         BzDocument *document,
                         GPtrArray  *spans,
                         gint64      span_id)
{
  BzRelationsDialog *self;
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  g_autofree char *summary = NULL;
  g_autofree char *described = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BZ_IS_STORE (store), NULL);
  g_return_val_if_fail (BZ_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (spans != NULL, NULL);

  self = g_object_new (BZ_TYPE_RELATIONS_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->document = g_object_ref (document);
  self->spans = g_ptr_array_ref (spans);
  for (guint i = 0; i < spans->len && self->span == NULL; i++)
    if (bz_span_get_id (g_ptr_array_index (spans, i)) == span_id)
      self->span = g_object_ref (g_ptr_array_index (spans, i));
  g_return_val_if_fail (self->span != NULL, self);

  for (guint i = 0; i < G_N_ELEMENTS (relation_types); i++)
    if (label_in (bz_span_get_label (self->span), relation_types[i].from))
      {
        g_array_append_val (self->offered, i);
        gtk_string_list_append (types, _(relation_types[i].title));
      }
  find_paragraph (self);

  described = describe_span (self, self->span);
  start = g_strdup_printf ("%" G_GINT64_FORMAT, bz_span_get_start (self->span));
  end = g_strdup_printf ("%" G_GINT64_FORMAT, bz_span_get_end (self->span));
  /* TRANSLATORS: span (label), its start and end offsets, the document's title */
  summary = g_strdup_printf (_("Relations of “%s” at %s–%s in %s"), described, start, end,
                             bz_document_get_title (document));
  gtk_label_set_text (self->summary, summary);
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (types));
  gtk_widget_set_visible (GTK_WIDGET (self->type_dropdown), self->offered->len > 0);
  reload (self);
  return self;
}

gboolean
bz_relations_dialog_set_type (BzRelationsDialog *self,
                              const char        *type)
{
  g_return_val_if_fail (BZ_IS_RELATIONS_DIALOG (self), FALSE);

  for (guint i = 0; i < self->offered->len; i++)
    if (g_str_equal (relation_types[g_array_index (self->offered, guint, i)].type, type))
      {
        gtk_drop_down_set_selected (self->type_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

GtkListBox *
bz_relations_dialog_get_relation_list (BzRelationsDialog *self)
{
  g_return_val_if_fail (BZ_IS_RELATIONS_DIALOG (self), NULL);
  return self->relation_list;
}

GtkListBox *
bz_relations_dialog_get_candidate_list (BzRelationsDialog *self)
{
  g_return_val_if_fail (BZ_IS_RELATIONS_DIALOG (self), NULL);
  return self->candidate_list;
}
