/* bz-stats-row.c: one line of the statistics: a label's or a reviewer's span counts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-stats-row.h"

struct _BzStatsRow
{
  GObject parent_instance;

  char *name;
  char *title;
  char *color;
  BzStatsTally tally;
};

G_DEFINE_FINAL_TYPE (BzStatsRow, bz_stats_row, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_TITLE,
  PROP_COLOR,
  PROP_SUGGESTED,
  PROP_ACCEPTED,
  PROP_REJECTED,
  PROP_TOTAL,
  PROP_ACCEPTANCE_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "2/3 (67%)", or a dash when the extractor proposed nothing that was decided. */
static char *
acceptance_text (const BzStatsTally *tally)
{
  if (tally->extractor_decided == 0)
    return g_strdup ("–");
  return g_strdup_printf ("%u/%u (%.0f%%)", tally->extractor_accepted, tally->extractor_decided,
                          100.0 * bz_stats_tally_get_acceptance (tally));
}

static void
bz_stats_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BzStatsRow *self = BZ_STATS_ROW (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_SUGGESTED:
      g_value_set_uint (value, self->tally.by_status[BZ_SPAN_SUGGESTED]);
      break;
    case PROP_ACCEPTED:
      g_value_set_uint (value, self->tally.by_status[BZ_SPAN_ACCEPTED]);
      break;
    case PROP_REJECTED:
      g_value_set_uint (value, self->tally.by_status[BZ_SPAN_REJECTED]);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->tally.total);
      break;
    case PROP_ACCEPTANCE_TEXT:
      g_value_take_string (value, acceptance_text (&self->tally));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bz_stats_row_finalize (GObject *object)
{
  BzStatsRow *self = BZ_STATS_ROW (object);

  g_free (self->name);
  g_free (self->title);
  g_free (self->color);

  G_OBJECT_CLASS (bz_stats_row_parent_class)->finalize (object);
}

static void
bz_stats_row_class_init (BzStatsRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = bz_stats_row_get_property;
  object_class->finalize = bz_stats_row_finalize;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);
  properties[PROP_SUGGESTED] = g_param_spec_uint ("suggested", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ACCEPTED] = g_param_spec_uint ("accepted", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_REJECTED] = g_param_spec_uint ("rejected", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_TOTAL] = g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ACCEPTANCE_TEXT] = g_param_spec_string ("acceptance-text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bz_stats_row_init (BzStatsRow *self)
{
}

BzStatsRow *
bz_stats_row_new (const BzStatsTally *tally,
                  const char         *title,
                  const char         *color)
{
  BzStatsRow *self;

  g_return_val_if_fail (tally != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (BZ_TYPE_STATS_ROW, NULL);
  self->tally = *tally;
  self->tally.name = NULL;
  self->name = g_strdup (tally->name);
  self->title = g_strdup (title);
  self->color = g_strdup (color);
  return self;
}

const char *
bz_stats_row_get_name (BzStatsRow *self)
{
  g_return_val_if_fail (BZ_IS_STATS_ROW (self), NULL);
  return self->name;
}

const char *
bz_stats_row_get_title (BzStatsRow *self)
{
  g_return_val_if_fail (BZ_IS_STATS_ROW (self), NULL);
  return self->title;
}

const char *
bz_stats_row_get_color (BzStatsRow *self)
{
  g_return_val_if_fail (BZ_IS_STATS_ROW (self), NULL);
  return self->color;
}

guint
bz_stats_row_get_count (BzStatsRow   *self,
                        BzSpanStatus  status)
{
  g_return_val_if_fail (BZ_IS_STATS_ROW (self), 0);
  g_return_val_if_fail (status < BZ_STATS_N_STATUSES, 0);
  return self->tally.by_status[status];
}

guint
bz_stats_row_get_total (BzStatsRow *self)
{
  g_return_val_if_fail (BZ_IS_STATS_ROW (self), 0);
  return self->tally.total;
}

double
bz_stats_row_get_acceptance (BzStatsRow *self)
{
  g_return_val_if_fail (BZ_IS_STATS_ROW (self), -1);
  return bz_stats_tally_get_acceptance (&self->tally);
}
