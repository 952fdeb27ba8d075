/* bz-report-view.c: the report's text view, which draws the spans and their relations over the text
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spans are drawn, not tagged. GtkTextBuffer splits its text at every tag
 * boundary and lays a paragraph out again after every tag change: seconds for
 * a report of a million characters, and a whole paragraph laid out again for
 * each decision. Here each frame draws only the spans it shows, found in a
 * sorted array: tints below the text; boundary brackets, underlines, strikes
 * and the selection above it (and the relations: bz-report-view-relations.c).
 * The text itself is laid out once.
 */
#define G_LOG_DOMAIN "bz-report-view"

#include "config.h"

#include <math.h>

#include "bz-report-view-private.h"

/* The alpha of a label's colour over the report, by status, in the light and
 * the dark style. tests/check_palette.py reads these four definitions to check
 * that the seven labels stay apart, also for deuteranopia and protanopia. */
#define TINT_SUGGESTED_LIGHT 0.36
#define TINT_ACCEPTED_LIGHT 0.70
#define TINT_SUGGESTED_DARK 0.26
#define TINT_ACCEPTED_DARK 0.58

/* Boundaries, underlines and strikes are drawn in the label's colour this
 * much towards the text's, so that they stand out of the tint: darker in the
 * light style, lighter in the dark one. tests/check_palette.py reads it too. */
#define MARK_SHADE 0.35

/* A span's start and end are brackets: a bar MARK_WIDTH wide at its edge and
 * ticks MARK_TICK long along the line. Brackets of spans that share a
 * boundary are NEST_STEP shorter at each end per span before them. */
#define MARK_WIDTH 2.0f
#define MARK_TICK 5.0f
#define NEST_STEP 3.0f
/* Underlines of suggestions and strikes of rejected spans. */
#define LINE_WIDTH 2.0f
/* Rejected text is greyed by a veil of the background over it. */
#define REJECTED_VEIL 0.5f
/* An unsure suggestion: its tint at this share of a suggestion's, its
 * underline in dashes this long. */
#define UNSURE_TINT 0.5f
#define UNSURE_DASH 4.0f
/* The selected span's outline. */
#define OUTLINE_WIDTH 2.0f

/* Forward moves shorter than GtkTextIter's linear scan walk the text; longer
 * ones search the B-tree from the start of the paragraph. */
#define WALK_STEP 128

G_DEFINE_FINAL_TYPE (BzReportView, bz_report_view, GTK_SOURCE_TYPE_VIEW)

static gboolean
mark_drawn (BzReportView *self,
            const Mark   *mark)
{
  return mark->status != BZ_SPAN_REJECTED || self->show_rejected;
}

static double
tint_alpha (BzReportView *self,
            BzSpanStatus  status)
{
  switch (status)
    {
    case BZ_SPAN_SUGGESTED:
      return self->dark ? TINT_SUGGESTED_DARK : TINT_SUGGESTED_LIGHT;
    case BZ_SPAN_ACCEPTED:
      return self->dark ? TINT_ACCEPTED_DARK : TINT_ACCEPTED_LIGHT;
    case BZ_SPAN_REJECTED:
    default:
      return 0.0;
    }
}

void
bz_report_view_get_tint (BzReportView  *self,
                         const GdkRGBA *colour,
                         BzSpanStatus   status,
                         GdkRGBA       *tint)
{
  g_return_if_fail (BZ_IS_REPORT_VIEW (self));
  g_return_if_fail (colour != NULL && tint != NULL);

  *tint = *colour;
  tint->alpha = (float) tint_alpha (self, status);
}

gboolean
bz_report_view_get_dark (BzReportView *self)
{
  g_return_val_if_fail (BZ_IS_REPORT_VIEW (self), FALSE);
  return self->dark;
}

static const GdkRGBA *
label_colour (BzReportView *self,
              const Mark   *mark)
{
  return &g_array_index (self->colours, GdkRGBA, mark->colour);
}

void
bz_report_view_get_mark_colour (BzReportView  *self,
                                const GdkRGBA *colour,
                                GdkRGBA       *mark)
{
  g_return_if_fail (BZ_IS_REPORT_VIEW (self));
  g_return_if_fail (colour != NULL && mark != NULL);

  mark->red = (float) (colour->red + (self->foreground.red - colour->red) * MARK_SHADE);
  mark->green = (float) (colour->green + (self->foreground.green - colour->green) * MARK_SHADE);
  mark->blue = (float) (colour->blue + (self->foreground.blue - colour->blue) * MARK_SHADE);
  mark->alpha = 1.0f;
}

/* ---- Data ------------------------------------------------------------------ */

static guint
colour_of_label (BzReportView *self,
                 const char   *label)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->label_colours, label));

  /* Index 0 is the grey of labels that are not in the schema. */
  return index > 0 ? index : 0;
}

void
bz_report_view_set_labels (BzReportView *self,
                           GPtrArray    *labels)
{
  GdkRGBA grey = { 0.6f, 0.6f, 0.6f, 1.0f };

  g_return_if_fail (BZ_IS_REPORT_VIEW (self));
  g_return_if_fail (labels != NULL);

  g_hash_table_remove_all (self->label_colours);
  g_array_set_size (self->colours, 0);
  g_array_append_val (self->colours, grey);
  for (guint i = 0; i < labels->len; i++)
    {
      BzLabel *label = g_ptr_array_index (labels, i);
      GdkRGBA colour;

      if (!gdk_rgba_parse (&colour, bz_label_get_color (label)))
        colour = grey;
      g_array_append_val (self->colours, colour);
      g_hash_table_insert (self->label_colours, g_strdup (bz_label_get_name (label)),
                           GUINT_TO_POINTER (self->colours->len - 1));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_mark (BzReportView *self,
          Mark         *mark,
          BzSpan       *span)
{
  mark->start = bz_span_get_start (span);
  mark->end = bz_span_get_end (span);
  mark->id = bz_span_get_id (span);
  mark->status = bz_span_get_status (span);
  mark->colour = colour_of_label (self, bz_span_get_label (span));
  /* A span that cannot be counted sure (a model's) shows as unsure at any threshold. */
  mark->confidence = !bz_span_has_confidence (span) ? -1.0f
                     : bz_span_is_measured (span) ? (float) bz_span_get_confidence (span)
                     : 0.0f;
}

/* Whether @mark is a suggestion the extractor is not sure enough of. */
static gboolean
mark_unsure (BzReportView *self,
             const Mark   *mark)
{
  return mark->status == BZ_SPAN_SUGGESTED && mark->confidence >= 0.0f
         && mark->confidence < self->confidence_threshold;
}

/* The largest end of the marks up to each one, from @position on. */
static void
update_max_end (BzReportView *self,
                guint         position)
{
  gint64 max_end = position > 0 ? g_array_index (self->max_end, gint64, position - 1) : 0;

  g_array_set_size (self->max_end, self->marks->len);
  for (guint i = position; i < self->marks->len; i++)
    {
      max_end = MAX (max_end, _bz_report_view_mark (self, i)->end);
      g_array_index (self->max_end, gint64, i) = max_end;
    }
}

void
bz_report_view_set_spans (BzReportView *self,
                          GPtrArray    *spans)
{
  g_return_if_fail (BZ_IS_REPORT_VIEW (self));
  g_return_if_fail (spans != NULL);

  g_array_set_size (self->marks, spans->len);
  for (guint i = 0; i < spans->len; i++)
    set_mark (self, &g_array_index (self->marks, Mark, i), g_ptr_array_index (spans, i));
  update_max_end (self, 0);
  _bz_report_view_link_relations (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
bz_report_view_splice_spans (BzReportView  *self,
                             guint          position,
                             guint          n_removals,
                             BzSpan *const *additions,
                             guint          n_additions)
{
  g_return_if_fail (BZ_IS_REPORT_VIEW (self));
  g_return_if_fail (position + n_removals <= self->marks->len);
  g_return_if_fail (additions != NULL || n_additions == 0);

  if (n_removals > 0)
    g_array_remove_range (self->marks, position, n_removals);
  for (guint i = 0; i < n_additions; i++)
    {
      Mark mark;

      set_mark (self, &mark, additions[i]);
      g_array_insert_val (self->marks, position + i, mark);
    }
  update_max_end (self, position);
  /* The relations' marks moved. */
  if (self->relations->len > 0)
    _bz_report_view_link_relations (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
bz_report_view_set_selected (BzReportView *self,
                             gint64        span_id)
{
  g_return_if_fail (BZ_IS_REPORT_VIEW (self));

  if (self->selected_id == span_id)
    return;
  self->selected_id = span_id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
bz_report_view_set_show_rejected (BzReportView *self,
                                  gboolean      show_rejected)
{
  g_return_if_fail (BZ_IS_REPORT_VIEW (self));

  self->show_rejected = !!show_rejected;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
bz_report_view_get_show_rejected (BzReportView *self)
{
  g_return_val_if_fail (BZ_IS_REPORT_VIEW (self), FALSE);
  return self->show_rejected;
}

void
bz_report_view_set_confidence_threshold (BzReportView *self,
                                         double        threshold)
{
  g_return_if_fail (BZ_IS_REPORT_VIEW (self));

  if (self->confidence_threshold == threshold)
    return;
  self->confidence_threshold = threshold;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
bz_report_view_get_confidence_threshold (BzReportView *self)
{
  g_return_val_if_fail (BZ_IS_REPORT_VIEW (self), 0.0);
  return self->confidence_threshold;
}

/* ---- Style ------------------------------------------------------------------ */

static double
luminance (const GdkRGBA *colour)
{
  return 0.2126 * colour->red + 0.7152 * colour->green + 0.0722 * colour->blue;
}

static gboolean
scheme_colour (GtkSourceStyleScheme *scheme,
               const char           *property,
               GdkRGBA              *colour)
{
  GtkSourceStyle *style = scheme != NULL ? gtk_source_style_scheme_get_style (scheme, "text") : NULL;
  g_autofree char *set_property = g_strconcat (property, "-set", NULL);
  g_autofree char *value = NULL;
  gboolean set = FALSE;

  if (style == NULL)
    return FALSE;
  g_object_get (style, property, &value, set_property, &set, NULL);
  return set && value != NULL && gdk_rgba_parse (colour, value);
}

/* The text's colour is the style sheet's (it follows the style), not the
 * style scheme's. */
static void
update_foreground (BzReportView *self)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &self->foreground);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* The background of the style scheme, and from it whether the report is
 * drawn dark. */
static void
scheme_changed_cb (BzReportView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkSourceStyleScheme *scheme = NULL;

  if (GTK_SOURCE_IS_BUFFER (buffer))
    scheme = gtk_source_buffer_get_style_scheme (GTK_SOURCE_BUFFER (buffer));
  if (!scheme_colour (scheme, "background", &self->background))
    self->background = (GdkRGBA) { 1.0f, 1.0f, 1.0f, 1.0f };
  self->dark = luminance (&self->background) < 0.5;
  update_foreground (self);
  /* Adwaita's accent blue, lighter on dark. */
  gdk_rgba_parse (&self->accent, self->dark ? "#78aeed" : "#1c71d8");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
buffer_changed_cb (BzReportView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  _bz_report_view_forget_room (self);
  if (buffer != NULL)
    g_signal_connect_object (buffer, "notify::style-scheme", G_CALLBACK (scheme_changed_cb), self,
                             G_CONNECT_SWAPPED);
  scheme_changed_cb (self);
}

/* ---- Geometry of a frame ---------------------------------------------------- */

static int
compare_int64s (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static const Point *
find_point (BzReportView *self,
            gint64        offset)
{
  guint lo = 0, hi = self->points->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const Point *point = &g_array_index (self->points, Point, mid);

      if (point->offset == offset)
        return point;
      if (point->offset < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_assert_not_reached ();
}

static void
append_rect (BzReportView       *self,
             const GdkRectangle *rect)
{
  graphene_rect_t r = GRAPHENE_RECT_INIT (rect->x, rect->y, rect->width, rect->height);

  g_array_append_val (self->rects, r);
}

/* The rectangles of the characters from @start to @last, one per display line. */
static void
add_rects (BzReportView *self,
           Shown        *shown,
           const Point  *start,
           const Point  *last)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GdkRectangle line = start->rect, next;
  GtkTextIter iter = start->iter;

  shown->first_rect = self->rects->len;
  if (start->rect.y == last->rect.y)
    {
      line.width = last->rect.x + last->rect.width - start->rect.x;
      line.height = MAX (start->rect.height, last->rect.height);
      append_rect (self, &line);
    }
  else
    {
      /* Across a wrap or a paragraph end: walk the span, a rectangle per line. */
      for (gint64 offset = start->offset + 1; offset <= last->offset; offset++)
        {
          gtk_text_iter_forward_char (&iter);
          gtk_text_view_get_iter_location (view, &iter, &next);
          if (next.y != line.y)
            {
              append_rect (self, &line);
              line = next;
            }
          else
            {
              line.width = next.x + next.width - line.x;
              line.height = MAX (line.height, next.height);
            }
        }
      append_rect (self, &line);
    }
  shown->n_rects = self->rects->len - shown->first_rect;
}

/* Finds the marks over the shown text and the places of their characters,
 * walking the text once from the first character shown. */
static void
make_geometry (BzReportView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) ends = g_hash_table_new (g_int64_hash, g_int64_equal);
  GdkRectangle visible;
  GtkTextIter first_iter, last_iter, walker;
  gint64 first, last, position;
  guint lo = 0, hi = self->marks->len;

  g_array_set_size (self->points, 0);
  g_array_set_size (self->shown, 0);
  g_array_set_size (self->rects, 0);
  self->have_geometry = TRUE;
  if (self->marks->len == 0)
    return;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &first_iter, visible.x, visible.y);
  gtk_text_view_get_iter_at_location (view, &last_iter, visible.x + visible.width, visible.y + visible.height);
  /* And the line below the last: its arcs lie in the room above it. */
  gtk_text_view_forward_display_line (view, &last_iter);
  gtk_text_view_forward_display_line_end (view, &last_iter);
  first = gtk_text_iter_get_offset (&first_iter);
  last = gtk_text_iter_get_offset (&last_iter) + 1;

  /* The first mark that reaches into the shown text: max_end only grows. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->max_end, gint64, mid) <= first)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < self->marks->len; i++)
    {
      const Mark *mark = _bz_report_view_mark (self, i);
      Shown shown = { i, 0, 0, NOT_SHOWN, NOT_SHOWN };
      gint64 start = MAX (mark->start, first), end = MIN (mark->end, last);

      if (mark->start >= last)
        break;
      if (mark->end <= first || !mark_drawn (self, mark))
        continue;
      g_array_append_val (offsets, start);
      end--;
      g_array_append_val (offsets, end);
      g_array_append_val (self->shown, shown);
    }
  if (self->shown->len == 0)
    return;

  g_array_sort (offsets, compare_int64s);
  walker = first_iter;
  position = first;
  for (guint i = 0; i < offsets->len; i++)
    {
      Point point = { g_array_index (offsets, gint64, i) };

      if (i > 0 && point.offset == g_array_index (offsets, gint64, i - 1))
        continue;
      while (position < point.offset)
        {
          gint64 step = MIN (point.offset - position, WALK_STEP);

          gtk_text_iter_forward_chars (&walker, (int) step);
          position += step;
        }
      point.iter = walker;
      gtk_text_view_get_iter_location (view, &walker, &point.rect);
      g_array_append_val (self->points, point);
    }

  for (guint i = 0; i < self->shown->len; i++)
    {
      Shown *shown = &g_array_index (self->shown, Shown, i);
      const Mark *mark = _bz_report_view_mark (self, shown->mark);
      gint64 start = MAX (mark->start, first), end = MIN (mark->end, last);

      add_rects (self, shown, find_point (self, start), find_point (self, end - 1));
      if (mark->start >= first)
        {
          const Shown *before = i > 0 ? &g_array_index (self->shown, Shown, i - 1) : NULL;

          shown->start_depth = 0;
          if (before != NULL && before->start_depth != NOT_SHOWN && _bz_report_view_mark (self, before->mark)->start == mark->start)
            shown->start_depth = before->start_depth + 1;
        }
      if (mark->end <= last)
        {
          guint depth = GPOINTER_TO_UINT (g_hash_table_lookup (ends, &mark->end));

          shown->end_depth = depth;
          g_hash_table_insert (ends, (gpointer) &mark->end, GUINT_TO_POINTER (depth + 1));
        }
    }
}

const Shown *
_bz_report_view_find_shown (BzReportView *self,
                            guint         mark)
{
  guint lo = 0, hi = self->shown->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const Shown *shown = &g_array_index (self->shown, Shown, mid);

      if (shown->mark == mark)
        return shown;
      if (shown->mark < mark)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

/* ---- Drawing ---------------------------------------------------------------- */

static void
draw_tints (BzReportView *self,
            GtkSnapshot  *snapshot)
{
  for (guint i = 0; i < self->shown->len; i++)
    {
      const Shown *shown = &g_array_index (self->shown, Shown, i);
      const Mark *mark = _bz_report_view_mark (self, shown->mark);
      GdkRGBA tint;

      if (mark->status == BZ_SPAN_REJECTED)
        continue;
      bz_report_view_get_tint (self, label_colour (self, mark), mark->status, &tint);
      if (mark_unsure (self, mark))
        tint.alpha *= UNSURE_TINT;
      for (guint r = 0; r < shown->n_rects; r++)
        gtk_snapshot_append_color (snapshot, &tint, _bz_report_view_shown_rect (self, shown, r));
    }
}

/* A bracket at the start (or the end) of @line, @depth spans inside others
 * that share the boundary. */
static void
append_bracket (GtkSnapshot           *snapshot,
                const GdkRGBA         *colour,
                const graphene_rect_t *line,
                gboolean               at_start,
                guint                  depth)
{
  float inset = MIN (depth * NEST_STEP, line->size.height / 3.0f);
  float top = line->origin.y + inset;
  float height = line->size.height - 2.0f * inset;
  float tick = MIN (MARK_TICK, line->size.width / 2.0f);
  float x = at_start ? line->origin.x : line->origin.x + line->size.width - MARK_WIDTH;
  float tick_x = at_start ? line->origin.x : line->origin.x + line->size.width - tick;

  gtk_snapshot_append_color (snapshot, colour, &GRAPHENE_RECT_INIT (x, top, MARK_WIDTH, height));
  gtk_snapshot_append_color (snapshot, colour, &GRAPHENE_RECT_INIT (tick_x, top, tick, MARK_WIDTH));
  gtk_snapshot_append_color (snapshot, colour, &GRAPHENE_RECT_INIT (tick_x, top + height - MARK_WIDTH, tick, MARK_WIDTH));
}

static void
draw_marks (BzReportView *self,
            GtkSnapshot  *snapshot)
{
  GdkRGBA veil = self->background;

  veil.alpha = REJECTED_VEIL;
  for (guint i = 0; i < self->shown->len; i++)
    {
      const Shown *shown = &g_array_index (self->shown, Shown, i);
      const Mark *mark = _bz_report_view_mark (self, shown->mark);
      GdkRGBA mark_rgba;
      const GdkRGBA *colour = &mark_rgba;

      bz_report_view_get_mark_colour (self, label_colour (self, mark), &mark_rgba);
      for (guint r = 0; r < shown->n_rects; r++)
        {
          const graphene_rect_t *line = _bz_report_view_shown_rect (self, shown, r);
          float x = line->origin.x, y = line->origin.y, width = line->size.width, height = line->size.height;

          if (mark->status == BZ_SPAN_SUGGESTED && mark_unsure (self, mark))
            {
              /* An unsure suggestion: a dashed underline. */
              for (float dash = x; dash < x + width; dash += UNSURE_DASH * 2)
                gtk_snapshot_append_color (snapshot, colour,
                                           &GRAPHENE_RECT_INIT (dash, y + height - LINE_WIDTH,
                                                                MIN (UNSURE_DASH, x + width - dash), LINE_WIDTH));
            }
          else if (mark->status == BZ_SPAN_SUGGESTED)
            gtk_snapshot_append_color (snapshot, colour, &GRAPHENE_RECT_INIT (x, y + height - LINE_WIDTH, width, LINE_WIDTH));
          else if (mark->status == BZ_SPAN_REJECTED)
            {
              gtk_snapshot_append_color (snapshot, &veil, line);
              gtk_snapshot_append_color (snapshot, colour,
                                         &GRAPHENE_RECT_INIT (x, floorf (y + (height - LINE_WIDTH) / 2.0f), width, LINE_WIDTH));
            }
        }
      if (shown->start_depth != NOT_SHOWN)
        append_bracket (snapshot, colour, _bz_report_view_shown_rect (self, shown, 0), TRUE, shown->start_depth);
      if (shown->end_depth != NOT_SHOWN)
        append_bracket (snapshot, colour, _bz_report_view_shown_rect (self, shown, shown->n_rects - 1), FALSE, shown->end_depth);
    }
}

static void
draw_selection (BzReportView *self,
                GtkSnapshot  *snapshot)
{
  float widths[4] = { OUTLINE_WIDTH, OUTLINE_WIDTH, OUTLINE_WIDTH, OUTLINE_WIDTH };
  GdkRGBA colours[4] = { self->accent, self->accent, self->accent, self->accent };

  if (self->selected_id == 0)
    return;
  for (guint i = 0; i < self->shown->len; i++)
    {
      const Shown *shown = &g_array_index (self->shown, Shown, i);

      if (_bz_report_view_mark (self, shown->mark)->id != self->selected_id)
        continue;
      for (guint r = 0; r < shown->n_rects; r++)
        {
          GskRoundedRect outline;
          graphene_rect_t bounds;

          graphene_rect_inset_r (_bz_report_view_shown_rect (self, shown, r), -OUTLINE_WIDTH - 1.0f, -OUTLINE_WIDTH, &bounds);
          gsk_rounded_rect_init_from_rect (&outline, &bounds, 3.0f);
          gtk_snapshot_append_border (snapshot, &outline, widths, colours);
        }
    }
}

static void
bz_report_view_snapshot_layer (GtkTextView      *text_view,
                               GtkTextViewLayer  layer,
                               GtkSnapshot      *snapshot)
{
  BzReportView *self = BZ_REPORT_VIEW (text_view);

  GTK_TEXT_VIEW_CLASS (bz_report_view_parent_class)->snapshot_layer (text_view, layer, snapshot);

  if (layer == GTK_TEXT_VIEW_LAYER_BELOW_TEXT)
    {
      update_foreground (self);
      make_geometry (self);
      draw_tints (self, snapshot);
    }
  else if (layer == GTK_TEXT_VIEW_LAYER_ABOVE_TEXT)
    {
      if (!self->have_geometry)
        make_geometry (self);
      draw_marks (self, snapshot);
      draw_selection (self, snapshot);
      _bz_report_view_draw_relations (self, snapshot);
      self->have_geometry = FALSE;
    }
}

static void
bz_report_view_dispose (GObject *object)
{
  BzReportView *self = BZ_REPORT_VIEW (object);

  g_signal_handlers_disconnect_by_func (self, buffer_changed_cb, self);
  _bz_report_view_forget_room (self);

  G_OBJECT_CLASS (bz_report_view_parent_class)->dispose (object);
}

static void
bz_report_view_finalize (GObject *object)
{
  BzReportView *self = BZ_REPORT_VIEW (object);

  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->max_end, g_array_unref);
  g_clear_pointer (&self->colours, g_array_unref);
  g_clear_pointer (&self->label_colours, g_hash_table_unref);
  _bz_report_view_finalize_relations (self);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->rects, g_array_unref);

  G_OBJECT_CLASS (bz_report_view_parent_class)->finalize (object);
}

static void
bz_report_view_class_init (BzReportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = bz_report_view_dispose;
  object_class->finalize = bz_report_view_finalize;
  text_view_class->snapshot_layer = bz_report_view_snapshot_layer;
}

static void
bz_report_view_init (BzReportView *self)
{
  GdkRGBA grey = { 0.6f, 0.6f, 0.6f, 1.0f };

  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  self->max_end = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->colours = g_array_new (FALSE, FALSE, sizeof (GdkRGBA));
  g_array_append_val (self->colours, grey);
  self->label_colours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->points = g_array_new (FALSE, FALSE, sizeof (Point));
  self->shown = g_array_new (FALSE, FALSE, sizeof (Shown));
  self->rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->show_rejected = TRUE;
  _bz_report_view_init_relations (self);

  g_signal_connect_swapped (self, "notify::buffer", G_CALLBACK (buffer_changed_cb), self);
  buffer_changed_cb (self);
}
