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
  char    *guideline_zh;
  char    *guideline_en;
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
  g_free (self->guideline_zh);
  g_free (self->guideline_en);

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
  self->guideline_zh = g_strdup ("");
  self->guideline_en = g_strdup ("");
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

/* Whether @language names Chinese ("zh", "zh_CN", "zh-Hans", ...); %NULL
 * asks the user's languages, the first of Chinese or English deciding. */
static gboolean
wants_chinese (const char *language)
{
  const char * const *names;

  if (language != NULL)
    return g_ascii_strncasecmp (language, "zh", 2) == 0;
  names = g_get_language_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (names[i], "zh", 2) == 0)
        return TRUE;
      if (g_ascii_strncasecmp (names[i], "en", 2) == 0 || g_str_equal (names[i], "C"))
        return FALSE;
    }
  return FALSE;
}

/**
 * bz_label_get_guideline:
 * @self: a #BzLabel
 * @language: (nullable): "zh" (or "zh_CN", ...) for Chinese, "en" or any
 *   other language for English; %NULL for the user's language
 *
 * The label's guideline: the annotation guide's rules for it (what it marks,
 * its boundaries, what it does not mark, examples) in paragraphs separated by
 * a blank line. The workspace keeps it with the label, so that a workspace
 * carries its own guidelines. With %NULL, a guideline that lacks the user's
 * language is given in the other one.
 *
 * Returns: (transfer none): the guideline, "" when the label has none (in
 *   that language)
 */
const char *
bz_label_get_guideline (BzLabel    *self,
                        const char *language)
{
  gboolean chinese;

  g_return_val_if_fail (BZ_IS_LABEL (self), NULL);

  chinese = wants_chinese (language);
  if (language == NULL && *(chinese ? self->guideline_zh : self->guideline_en) == '\0')
    chinese = !chinese;
  return chinese ? self->guideline_zh : self->guideline_en;
}

/**
 * bz_label_set_guideline:
 * @self: a #BzLabel
 * @language: "zh" (or "zh_CN", ...) or "en"
 * @guideline: (nullable): the guideline in that language; %NULL for none
 *
 * Sets the label's guideline in one language. A label of a store is a
 * snapshot: bz_store_replace_labels() changes the workspace's labels.
 */
void
bz_label_set_guideline (BzLabel    *self,
                        const char *language,
                        const char *guideline)
{
  char **field;

  g_return_if_fail (BZ_IS_LABEL (self));
  g_return_if_fail (language != NULL);

  field = wants_chinese (language) ? &self->guideline_zh : &self->guideline_en;
  g_free (*field);
  *field = g_strdup (guideline != NULL ? guideline : "");
}
