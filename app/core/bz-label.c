/* bz-label.c: an entity label of the workspace's schema
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-label.h"

struct _BzLabel
{
  GObject  parent_instance;

  char    *name;
  char    *display_name;
  char    *color;
  char    *shortcut;
  char    *description;
  int      order;
};

G_DEFINE_FINAL_TYPE (BzLabel, bz_label, G_TYPE_OBJECT)

static void
bz_label_finalize (GObject *object)
{
  BzLabel *self = BZ_LABEL (object);

  g_free (self->name);
  g_free (self->display_name);
  g_free (self->color);
  g_free (self->shortcut);
  g_free (self->description);

  G_OBJECT_CLASS (bz_label_parent_class)->finalize (object);
}

static void
bz_label_class_init (BzLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bz_label_finalize;
}

static void
bz_label_init (BzLabel *self)
{
}

/**
 * bz_label_new:
 * @name: the machine name, such as "PLACE"
 * @display_name: (nullable): the name shown to reviewers; @name when %NULL
 * @color: (nullable): "#RRGGBB"
 * @shortcut: (nullable): the key that applies the label
 * @description: (nullable): what the label covers
 * @order: position in the palette
 *
 * Returns: (transfer full): a new label
 */
BzLabel *
bz_label_new (const char *name,
              const char *display_name,
              const char *color,
              const char *shortcut,
              const char *description,
              int         order)
{
  BzLabel *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (BZ_TYPE_LABEL, NULL);
  self->name = g_strdup (name);
  self->display_name = g_strdup (display_name != NULL ? display_name : name);
  self->color = g_strdup (color);
  self->shortcut = g_strdup (shortcut);
  self->description = g_strdup (description);
  self->order = order;

  return self;
}

#define LABEL_GETTER(type, field, fallback)              \
  type                                                   \
  bz_label_get_##field (BzLabel *self)                   \
  {                                                      \
    g_return_val_if_fail (BZ_IS_LABEL (self), fallback); \
    return self->field;                                  \
  }

LABEL_GETTER (const char *, name, NULL)
LABEL_GETTER (const char *, display_name, NULL)
LABEL_GETTER (const char *, color, NULL)
LABEL_GETTER (const char *, shortcut, NULL)
LABEL_GETTER (const char *, description, NULL)
LABEL_GETTER (int, order, 0)
