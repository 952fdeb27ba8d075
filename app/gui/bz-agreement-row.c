/* bz-agreement-row.c: one line of the agreement tables: a scope's F1, κ and α
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-agreement-row.h"

struct _BzAgreementRow
{
  GObject parent_instance;

  char *title;
  char *detail;
  BzAgreementScore score;
};

G_DEFINE_FINAL_TYPE (BzAgreementRow, bz_agreement_row, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TITLE,
  PROP_DETAIL,
  PROP_F1,
  PROP_KAPPA,
  PROP_KAPPA_NO_O,
  PROP_ALPHA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bz_agreement_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BzAgreementRow *self = BZ_AGREEMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_F1:
      g_value_take_string (value, bz_agreement_format_value (self->score.f1.f1));
      break;
    case PROP_KAPPA:
      g_value_take_string (value, bz_agreement_format_value (self->score.kappa.value));
      break;
    case PROP_KAPPA_NO_O:
      g_value_take_string (value, bz_agreement_format_value (self->score.kappa_no_o.value));
      break;
    case PROP_ALPHA:
      g_value_take_string (value, bz_agreement_format_value (self->score.alpha.value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bz_agreement_row_finalize (GObject *object)
{
  BzAgreementRow *self = BZ_AGREEMENT_ROW (object);

  g_free (self->title);
  g_free (self->detail);

  G_OBJECT_CLASS (bz_agreement_row_parent_class)->finalize (object);
}

static void
bz_agreement_row_class_init (BzAgreementRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = bz_agreement_row_get_property;
  object_class->finalize = bz_agreement_row_finalize;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  properties[PROP_F1] = g_param_spec_string ("f1", NULL, NULL, NULL, flags);
  properties[PROP_KAPPA] = g_param_spec_string ("kappa", NULL, NULL, NULL, flags);
  properties[PROP_KAPPA_NO_O] = g_param_spec_string ("kappa-no-o", NULL, NULL, NULL, flags);
  properties[PROP_ALPHA] = g_param_spec_string ("alpha", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bz_agreement_row_init (BzAgreementRow *self)
{
}

BzAgreementRow *
bz_agreement_row_new (const char             *title,
                      const char             *detail,
                      const BzAgreementScore *score)
{
  BzAgreementRow *self;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (detail != NULL, NULL);
  g_return_val_if_fail (score != NULL, NULL);

  self = g_object_new (BZ_TYPE_AGREEMENT_ROW, NULL);
  self->title = g_strdup (title);
  self->detail = g_strdup (detail);
  self->score = *score;
  return self;
}

const char *
bz_agreement_row_get_title (BzAgreementRow *self)
{
  g_return_val_if_fail (BZ_IS_AGREEMENT_ROW (self), NULL);
  return self->title;
}

const char *
bz_agreement_row_get_detail (BzAgreementRow *self)
{
  g_return_val_if_fail (BZ_IS_AGREEMENT_ROW (self), NULL);
  return self->detail;
}

const BzAgreementScore *
bz_agreement_row_get_score (BzAgreementRow *self)
{
  g_return_val_if_fail (BZ_IS_AGREEMENT_ROW (self), NULL);
  return &self->score;
}
