/* bz-report-view-relations.c: the report view's relations, arcs in the room above their spans' lines
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As brat and INCEpTION draw them: an arc from the middle of one span to the
 * middle of the other, above the line, with the relation's type on it and an
 * arrow at its target. An arc across lines is drawn in two pieces, to the
 * right edge and from the left one. The lines with related spans get room
 * above them from a tag, so that the arcs never cover text.
 */
#define G_LOG_DOMAIN "bz-report-view"

#include "config.h"

#include "bz-report-view-private.h"

/* Relations are arcs in the room above the line, ARC_LEVELS high at most, the
 * levels ARC_STEP apart; their type is written on them LABEL_SCALE the size of
 * the text. */
#define ARC_STEP 8.0f
#define ARC_LEVELS 2
#define ARC_RADIUS 4.0f
#define ARC_WIDTH 1.0f
#define ARC_SELECTED_WIDTH 2.0f
#define ARROW_SIZE 5
#define LABEL_SCALE 0.72
#define LABEL_PAD 2.0f

static void
clear_relation (gpointer data)
{
  Relation *relation = data;

  g_free (relation->type);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

static int
line_of_offset (BzReportView *self,
                gint64        offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), &iter, (int) offset);
  return gtk_text_iter_get_line (&iter);
}

static void
set_line_room (BzReportView *self,
               int           line,
               gboolean      roomy)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  if (gtk_text_iter_equal (&start, &end))
    gtk_text_iter_forward_char (&end);
  if (roomy)
    gtk_text_buffer_apply_tag (buffer, self->room_tag, &start, &end);
  else
    gtk_text_buffer_remove_tag (buffer, self->room_tag, &start, &end);
}

/* Gives room above the lines of related spans and takes it from the others,
 * touching only the lines that change: each one is laid out again. */
static void
update_roomy_lines (BzReportView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (int));
  guint i = 0, j = 0;

  for (guint k = 0; k < self->links->len; k++)
    {
      const Link *link = &g_array_index (self->links, Link, k);
      int from = line_of_offset (self, _bz_report_view_mark (self, link->from)->start);
      int to = line_of_offset (self, _bz_report_view_mark (self, link->to)->start);

      g_array_append_val (lines, from);
      g_array_append_val (lines, to);
    }
  g_array_sort (lines, compare_ints);

  if (self->room_tag == NULL && lines->len > 0)
    self->room_tag = gtk_text_buffer_create_tag (buffer, NULL,
                                                 "pixels-above-lines", self->room,
                                                 "pixels-inside-wrap", self->room,
                                                 NULL);

  /* A merge of two sorted lists: what is only in the old one loses its room,
   * what is only in the new one gets it. */
  while (i < self->roomy_lines->len || j < lines->len)
    {
      int old = i < self->roomy_lines->len ? g_array_index (self->roomy_lines, int, i) : G_MAXINT;
      int new = j < lines->len ? g_array_index (lines, int, j) : G_MAXINT;

      if (j > 0 && j < lines->len && new == g_array_index (lines, int, j - 1))
        {
          j++;
          continue;
        }
      if (old < new)
        {
          set_line_room (self, old, FALSE);
          i++;
        }
      else if (new < old)
        {
          set_line_room (self, new, TRUE);
          j++;
        }
      else
        {
          i++;
          j++;
        }
    }

  g_array_set_size (self->roomy_lines, 0);
  for (guint k = 0; k < lines->len; k++)
    if (k == 0 || g_array_index (lines, int, k) != g_array_index (lines, int, k - 1))
      g_array_append_val (self->roomy_lines, g_array_index (lines, int, k));
}

/* Finds the marks of the relations' spans. */
void
_bz_report_view_link_relations (BzReportView *self)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_array_set_size (self->links, 0);
  if (self->relations->len > 0)
    for (guint i = 0; i < self->marks->len; i++)
      g_hash_table_insert (index, (gpointer) &_bz_report_view_mark (self, i)->id, GUINT_TO_POINTER (i + 1));

  for (guint i = 0; i < self->relations->len; i++)
    {
      const Relation *relation = &g_array_index (self->relations, Relation, i);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (index, &relation->from_id));
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (index, &relation->to_id));

      if (from > 0 && to > 0)
        g_array_append_val (self->links, ((Link) { from - 1, to - 1, i }));
    }
  update_roomy_lines (self);
}

void
bz_report_view_set_relations (BzReportView *self,
                              GPtrArray    *relations)
{
  g_return_if_fail (BZ_IS_REPORT_VIEW (self));

  g_array_set_size (self->relations, 0);
  for (guint i = 0; relations != NULL && i < relations->len; i++)
    {
      const BzRelation *relation = g_ptr_array_index (relations, i);
      Relation copy = { relation->from_span, relation->to_span, g_strdup (relation->type) };

      g_array_append_val (self->relations, copy);
    }
  _bz_report_view_link_relations (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A layout of @text in the small type of the relations. */
static PangoLayout *
label_layout (BzReportView *self,
              const char   *text,
              gboolean      bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoFontDescription *font = pango_font_description_copy (
    pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self))));
  int size = pango_font_description_get_size (font);

  if (size > 0)
    {
      if (pango_font_description_get_size_is_absolute (font))
        pango_font_description_set_absolute_size (font, size * LABEL_SCALE);
      else
        pango_font_description_set_size (font, (int) (size * LABEL_SCALE));
    }
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

static int
label_height (BzReportView *self)
{
  g_autoptr(PangoLayout) layout = label_layout (self, "has_value", TRUE);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static int
room_needed (BzReportView *self)
{
  return label_height (self) + (int) (ARC_STEP * (ARC_LEVELS - 1)) + 4;
}

static gboolean
update_room_cb (gpointer data)
{
  BzReportView *self = data;

  self->room_id = 0;
  self->room = room_needed (self);
  if (self->room_tag != NULL)
    g_object_set (self->room_tag, "pixels-above-lines", self->room, "pixels-inside-wrap", self->room, NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
link_selected (BzReportView *self,
               const Link   *link)
{
  return self->selected_id != 0 &&
         (_bz_report_view_mark (self, link->from)->id == self->selected_id || _bz_report_view_mark (self, link->to)->id == self->selected_id);
}

/* Where a relation leaves or reaches a span: the middle of its first line. */
static void
anchor (BzReportView *self,
        const Shown  *shown,
        float        *x,
        float        *top)
{
  const graphene_rect_t *line = _bz_report_view_shown_rect (self, shown, 0);

  *x = line->origin.x + line->size.width / 2.0f;
  *top = line->origin.y;
}

static void
add_arc (BzReportView *self,
         Arc           arc)
{
  if (arc.x2 - arc.x1 < 2.0f * ARC_RADIUS)
    arc.x2 = arc.x1 + 2.0f * ARC_RADIUS;
  g_array_append_val (self->arcs, arc);
}

static int
compare_arcs (gconstpointer a,
              gconstpointer b)
{
  const Arc *x = a, *y = b;

  if (x->top != y->top)
    return x->top < y->top ? -1 : 1;
  return (x->x2 - x->x1 > y->x2 - y->x1) - (x->x2 - x->x1 < y->x2 - y->x1);
}

/* The pieces of each shown relation's arc, and their levels: on each line the
 * shorter arcs first, each on the lowest level where it crosses no other. */
static void
make_arcs (BzReportView *self)
{
  GdkRectangle visible;
  float left, right;

  g_array_set_size (self->arcs, 0);
  if (self->links->len == 0 || self->shown->len == 0)
    return;
  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
  left = visible.x + gtk_text_view_get_left_margin (GTK_TEXT_VIEW (self)) / 2.0f;
  right = visible.x + visible.width - gtk_text_view_get_right_margin (GTK_TEXT_VIEW (self)) / 2.0f;

  for (guint i = 0; i < self->links->len; i++)
    {
      const Link *link = &g_array_index (self->links, Link, i);
      gboolean forward = _bz_report_view_mark (self, link->from)->start <= _bz_report_view_mark (self, link->to)->start;
      const Shown *first = _bz_report_view_find_shown (self, forward ? link->from : link->to);
      const Shown *second = _bz_report_view_find_shown (self, forward ? link->to : link->from);
      float x1 = 0, top1 = 0, x2 = 0, top2 = 0;

      if (first != NULL)
        anchor (self, first, &x1, &top1);
      if (second != NULL)
        anchor (self, second, &x2, &top2);
      if (first != NULL && second != NULL && top1 == top2)
        add_arc (self, (Arc) { i, MIN (x1, x2), MAX (x1, x2), top1, TRUE, TRUE, !forward, forward, 0 });
      else
        {
          /* Across lines: from the first span to the right edge, and from the
           * left edge to the second, as each is shown. */
          if (first != NULL)
            add_arc (self, (Arc) { i, x1, MAX (right, x1), top1, TRUE, FALSE, !forward, FALSE, 0 });
          if (second != NULL)
            add_arc (self, (Arc) { i, MIN (left, x2), x2, top2, FALSE, TRUE, FALSE, forward, 0 });
        }
    }

  g_array_sort (self->arcs, compare_arcs);
  for (guint i = 0; i < self->arcs->len; i++)
    {
      Arc *arc = &g_array_index (self->arcs, Arc, i);

      for (guint level = 0; level < ARC_LEVELS; level++)
        {
          gboolean free = TRUE;

          for (guint j = 0; j < i && free; j++)
            {
              const Arc *other = &g_array_index (self->arcs, Arc, j);

              free = other->top != arc->top || other->level != level || other->x2 < arc->x1 || other->x1 > arc->x2;
            }
          arc->level = level;
          if (free)
            break;
        }
    }
}

static void
append_arrow (GtkSnapshot   *snapshot,
              const GdkRGBA *colour,
              float          x,
              float          tip)
{
  /* A small triangle pointing down at the span, a row of pixels at a time. */
  for (int row = 0; row < ARROW_SIZE; row++)
    {
      float half = (float) (ARROW_SIZE - row);

      gtk_snapshot_append_color (snapshot, colour,
                                 &GRAPHENE_RECT_INIT (x - half, tip - ARROW_SIZE + row, 2.0f * half, 1.0f));
    }
}

/* The height of @arc's horizontal line. */
static float
arc_y (const Arc *arc,
       int        label_h)
{
  return arc->top - (label_h / 2.0f + 2.0f) - arc->level * ARC_STEP;
}

static void
draw_arc (BzReportView  *self,
          GtkSnapshot   *snapshot,
          const Arc     *arc,
          const GdkRGBA *colour,
          float          width,
          int            label_h)
{
  float y = arc_y (arc, label_h);
  float widths[4] = { width, arc->leg2 ? width : 0.0f, 0.0f, arc->leg1 ? width : 0.0f };
  GdkRGBA colours[4] = { *colour, *colour, *colour, *colour };
  graphene_size_t round1 = GRAPHENE_SIZE_INIT (arc->leg1 ? ARC_RADIUS : 0, arc->leg1 ? ARC_RADIUS : 0);
  graphene_size_t round2 = GRAPHENE_SIZE_INIT (arc->leg2 ? ARC_RADIUS : 0, arc->leg2 ? ARC_RADIUS : 0);
  graphene_size_t square = GRAPHENE_SIZE_INIT (0, 0);
  GskRoundedRect outline;

  /* A border open at the bottom: the line and the legs down to the spans. */
  gsk_rounded_rect_init (&outline,
                         &GRAPHENE_RECT_INIT (arc->x1 - width / 2.0f, y - width / 2.0f, arc->x2 - arc->x1 + width,
                                              arc->top - y + width / 2.0f - ARROW_SIZE / 2.0f),
                         &round1, &round2, &square, &square);
  gtk_snapshot_append_border (snapshot, &outline, widths, colours);
  if (arc->arrow1)
    append_arrow (snapshot, colour, arc->x1, arc->top);
  if (arc->arrow2)
    append_arrow (snapshot, colour, arc->x2, arc->top);
}

/* Where @arc's type goes: its middle, or the nearest place along it where it
 * covers no type placed before (in @plates). */
static graphene_rect_t
place_type (const Arc *arc,
            GArray    *plates,
            int        text_w,
            int        text_h,
            int        label_h)
{
  float width = text_w + 2.0f * LABEL_PAD;
  float middle = (arc->x1 + arc->x2 - width) / 2.0f;
  /* Along the arc, or half out of it at either end when it is short. */
  float lowest = arc->x1 - width / 2.0f, highest = arc->x2 - width / 2.0f;
  float y = arc_y (arc, label_h) - text_h / 2.0f;

  for (guint k = 0; k < 64; k++)
    {
      float shift = (float) ((k + 1) / 2) * 8.0f * (k % 2 ? 1.0f : -1.0f);
      graphene_rect_t plate = GRAPHENE_RECT_INIT (middle + shift, y, width, text_h);
      gboolean free = TRUE;

      if (k > 0 && (plate.origin.x < lowest || plate.origin.x > highest))
        continue;
      for (guint i = 0; i < plates->len && free; i++)
        free = !graphene_rect_intersection (&plate, &g_array_index (plates, graphene_rect_t, i), NULL);
      if (free)
        return plate;
    }
  return GRAPHENE_RECT_INIT (middle, y, width, text_h);
}

void
_bz_report_view_draw_relations (BzReportView *self,
                                GtkSnapshot  *snapshot)
{
  g_autoptr(GArray) plates = NULL;
  GdkRGBA plate_colour = self->background;
  int label_h;

  if (self->links->len == 0)
    return;
  label_h = label_height (self);
  make_arcs (self);
  plates = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  plate_colour.alpha = 0.9f;

  /* The arcs first, then the types over all of them, each on a plate of the
   * background. */
  for (guint i = 0; i < self->arcs->len; i++)
    {
      const Arc *arc = &g_array_index (self->arcs, Arc, i);
      gboolean selected = link_selected (self, &g_array_index (self->links, Link, arc->link));
      GdkRGBA colour = selected ? self->accent : self->foreground;

      if (!selected)
        colour.alpha = 0.85f;
      draw_arc (self, snapshot, arc, &colour, selected ? ARC_SELECTED_WIDTH : ARC_WIDTH, label_h);
    }
  for (guint i = 0; i < self->arcs->len; i++)
    {
      const Arc *arc = &g_array_index (self->arcs, Arc, i);
      const Link *link = &g_array_index (self->links, Link, arc->link);
      const Relation *relation = &g_array_index (self->relations, Relation, link->relation);
      gboolean selected = link_selected (self, link);
      g_autoptr(PangoLayout) layout = label_layout (self, relation->type, selected);
      GskRoundedRect back;
      graphene_rect_t plate;
      int text_w, text_h;

      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      plate = place_type (arc, plates, text_w, text_h, label_h);
      g_array_append_val (plates, plate);
      gsk_rounded_rect_init_from_rect (&back, &plate, 3.0f);
      gtk_snapshot_push_rounded_clip (snapshot, &back);
      gtk_snapshot_append_color (snapshot, &plate_colour, &plate);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (plate.origin.x + LABEL_PAD, plate.origin.y));
      gtk_snapshot_append_layout (snapshot, layout, selected ? &self->accent : &self->foreground);
      gtk_snapshot_restore (snapshot);
    }

  if (self->room != room_needed (self) && self->room_id == 0)
    self->room_id = g_idle_add (update_room_cb, self);
}

void
_bz_report_view_forget_room (BzReportView *self)
{
  g_clear_handle_id (&self->room_id, g_source_remove);
  self->room_tag = NULL;
  g_array_set_size (self->roomy_lines, 0);
}

void
_bz_report_view_init_relations (BzReportView *self)
{
  self->relations = g_array_new (FALSE, FALSE, sizeof (Relation));
  g_array_set_clear_func (self->relations, clear_relation);
  self->links = g_array_new (FALSE, FALSE, sizeof (Link));
  self->roomy_lines = g_array_new (FALSE, FALSE, sizeof (int));
  self->arcs = g_array_new (FALSE, FALSE, sizeof (Arc));
  self->room = room_needed (self);
}

void
_bz_report_view_finalize_relations (BzReportView *self)
{
  g_clear_pointer (&self->relations, g_array_unref);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->roomy_lines, g_array_unref);
  g_clear_pointer (&self->arcs, g_array_unref);
}
