/* bz-stats-chart.c: a bar chart of span counts per status and the extractor's acceptance
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-stats-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "bz-stats-chart.h"
#include "bz-stats-row.h"

/* Geometry in pixels. */
#define PADDING       8
#define GAP           12
#define ROW_HEIGHT    30
#define BAR_HEIGHT    18
#define LEGEND_HEIGHT 30
#define SWATCH        12
#define RATE_WIDTH    150
#define RATE_TEXT     48

/* Opacity of the parts of a bar: accepted spans in the label's colour, undecided
 * suggestions a lighter shade of it, rejected ones in the text colour, faint, so
 * that light and dark styles both show them. */
#define SUGGESTED_ALPHA 0.4f
#define REJECTED_ALPHA  0.18f
#define TRACK_ALPHA     0.08f

struct _BzStatsChart
{
  GtkWidget parent_instance;

  GListModel *model;
};

G_DEFINE_FINAL_TYPE (BzStatsChart, bz_stats_chart, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
get_foreground (GtkWidget *widget,
                GdkRGBA   *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;
  return result;
}

static void
row_color (BzStatsRow    *row,
           const GdkRGBA *fallback,
           GdkRGBA       *color)
{
  const char *spec = bz_stats_row_get_color (row);

  if (spec == NULL || !gdk_rgba_parse (color, spec))
    *color = with_alpha (fallback, 0.7f);
}

static void
append_text (BzStatsChart  *self,
             GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             const char    *text,
             float          x,
             float          y_center,
             const GdkRGBA *color)
{
  int width, height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y_center - height / 2.0f));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static int
text_width (PangoLayout *layout,
            const char  *text)
{
  int width;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static float
append_swatch (BzStatsChart  *self,
               GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               float          x,
               const GdkRGBA *color,
               const GdkRGBA *foreground,
               const char    *text)
{
  float y = LEGEND_HEIGHT / 2.0f;

  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y - SWATCH / 2.0f, SWATCH, SWATCH));
  append_text (self, snapshot, layout, text, x + SWATCH + 6, y, foreground);
  return x + SWATCH + 6 + text_width (layout, text) + GAP * 2;
}

static void
bz_stats_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  BzStatsChart *self = BZ_STATS_CHART (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  int width = gtk_widget_get_width (widget);
  guint n_rows = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  GdkRGBA foreground, dim, legend;
  guint max_total = 1;
  int name_width = 0, count_width;
  float bar_x, bar_max, rate_x, x;
  g_autofree char *max_text = NULL;

  get_foreground (widget, &foreground);
  dim = with_alpha (&foreground, 0.6f);

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(BzStatsRow) row = g_list_model_get_item (self->model, i);

      max_total = MAX (max_total, bz_stats_row_get_total (row));
      name_width = MAX (name_width, text_width (layout, bz_stats_row_get_title (row)));
    }
  max_text = g_strdup_printf ("%u", max_total);
  count_width = text_width (layout, max_text) + GAP;
  bar_x = PADDING + name_width + GAP;
  rate_x = width - PADDING - RATE_WIDTH;
  bar_max = MAX (0.0f, rate_x - GAP - count_width - bar_x);

  /* The legend: what the shades of a bar mean, and the acceptance column. */
  legend = with_alpha (&foreground, 0.75f);
  x = bar_x;
  x = append_swatch (self, snapshot, layout, x, &legend, &dim, _("Accepted"));
  legend = with_alpha (&foreground, 0.75f * SUGGESTED_ALPHA);
  x = append_swatch (self, snapshot, layout, x, &legend, &dim, _("Suggested"));
  legend = with_alpha (&foreground, REJECTED_ALPHA);
  append_swatch (self, snapshot, layout, x, &legend, &dim, _("Rejected"));
  append_text (self, snapshot, layout, _("Extractor kept"), rate_x, LEGEND_HEIGHT / 2.0f, &dim);

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(BzStatsRow) row = g_list_model_get_item (self->model, i);
      static const BzSpanStatus order[] = { BZ_SPAN_ACCEPTED, BZ_SPAN_SUGGESTED, BZ_SPAN_REJECTED };
      float y = LEGEND_HEIGHT + PADDING + i * ROW_HEIGHT;
      float center = y + ROW_HEIGHT / 2.0f;
      float bar_y = center - BAR_HEIGHT / 2.0f;
      double acceptance = bz_stats_row_get_acceptance (row);
      float track = RATE_WIDTH - RATE_TEXT;
      g_autofree char *count = g_strdup_printf ("%u", bz_stats_row_get_total (row));
      g_autofree char *rate = NULL;
      GdkRGBA color, shade;

      row_color (row, &foreground, &color);
      append_text (self, snapshot, layout, bz_stats_row_get_title (row), PADDING, center, &foreground);

      x = bar_x;
      for (guint s = 0; s < G_N_ELEMENTS (order); s++)
        {
          float w = bar_max * bz_stats_row_get_count (row, order[s]) / max_total;

          switch (order[s])
            {
            case BZ_SPAN_ACCEPTED:
              shade = color;
              break;
            case BZ_SPAN_SUGGESTED:
              shade = with_alpha (&color, SUGGESTED_ALPHA);
              break;
            case BZ_SPAN_REJECTED:
            default:
              shade = with_alpha (&foreground, REJECTED_ALPHA);
              break;
            }
          if (w > 0)
            gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (x, bar_y, w, BAR_HEIGHT));
          x += w;
        }
      append_text (self, snapshot, layout, count, x + 6, center, &dim);

      shade = with_alpha (&foreground, TRACK_ALPHA);
      gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (rate_x, bar_y, track, BAR_HEIGHT));
      if (acceptance >= 0)
        {
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (rate_x, bar_y, track * acceptance, BAR_HEIGHT));
          rate = g_strdup_printf ("%.0f%%", 100 * acceptance);
        }
      append_text (self, snapshot, layout, rate != NULL ? rate : "–", rate_x + track + 6, center,
                   rate != NULL ? &foreground : &dim);
    }
}

static void
bz_stats_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  BzStatsChart *self = BZ_STATS_CHART (widget);
  guint n_rows = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 420;
      *natural = 720;
    }
  else
    *minimum = *natural = LEGEND_HEIGHT + 2 * PADDING + n_rows * ROW_HEIGHT;
}

/* The chart is an image to assistive technologies; its description reads the bars. */
static void
update_description (BzStatsChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_rows = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(BzStatsRow) row = g_list_model_get_item (self->model, i);

      g_string_append_printf (text, _("%s: %u accepted, %u suggested, %u rejected. "),
                              bz_stats_row_get_title (row),
                              bz_stats_row_get_count (row, BZ_SPAN_ACCEPTED),
                              bz_stats_row_get_count (row, BZ_SPAN_SUGGESTED),
                              bz_stats_row_get_count (row, BZ_SPAN_REJECTED));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

static void
items_changed_cb (BzStatsChart *self)
{
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
bz_stats_chart_set_model (BzStatsChart *self,
                          GListModel   *model)
{
  g_return_if_fail (BZ_IS_STATS_CHART (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  items_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GListModel *
bz_stats_chart_get_model (BzStatsChart *self)
{
  g_return_val_if_fail (BZ_IS_STATS_CHART (self), NULL);
  return self->model;
}

static void
bz_stats_chart_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BzStatsChart *self = BZ_STATS_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bz_stats_chart_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BzStatsChart *self = BZ_STATS_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      bz_stats_chart_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bz_stats_chart_dispose (GObject *object)
{
  BzStatsChart *self = BZ_STATS_CHART (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (bz_stats_chart_parent_class)->dispose (object);
}

static void
bz_stats_chart_class_init (BzStatsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = bz_stats_chart_get_property;
  object_class->set_property = bz_stats_chart_set_property;
  object_class->dispose = bz_stats_chart_dispose;
  widget_class->snapshot = bz_stats_chart_snapshot;
  widget_class->measure = bz_stats_chart_measure;

  properties[PROP_MODEL] = g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "bz-stats-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bz_stats_chart_init (BzStatsChart *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Spans per label and status, and the share of the extractor's suggestions kept"),
                                  -1);
}

GtkWidget *
bz_stats_chart_new (void)
{
  return g_object_new (BZ_TYPE_STATS_CHART, NULL);
}
