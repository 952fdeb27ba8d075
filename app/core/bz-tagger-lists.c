/* bz-tagger-lists.c: the gazetteer lists' matches, one external tag per list
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-tagger"

#include "config.h"

#include <string.h>

#include "bz-gazetteer.h"
#include "bz-tagger-private.h"

struct _BzTaggerLists
{
  GPtrArray *gazetteers;  /* BzGazetteer, one per list file */
  GPtrArray *tags;        /* interned "list:NAME" of each */
};

BzTaggerLists *
bz_tagger_lists_new (const char  *gazetteer_dir,
                     GError     **error)
{
  g_autofree char *dir_path = gazetteer_dir != NULL ? g_strdup (gazetteer_dir) : bz_extractor_default_gazetteer_dir ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  BzTaggerLists *self;
  const char *name;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_dir_open (dir_path, 0, error);
  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, _bz_tagger_compare_strings);

  self = g_new0 (BzTaggerLists, 1);
  self->gazetteers = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_gazetteer_free);
  self->tags = g_ptr_array_new ();
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir_path, file, NULL);
      g_autofree char *tag = g_strdup_printf ("list:%.*s", (int) (strlen (file) - strlen (".txt")), file);
      BzGazetteer *gazetteer = bz_gazetteer_new (BZ_CANDIDATE_GAZETTEER);

      if (!bz_gazetteer_load_file (gazetteer, path, error))
        {
          bz_gazetteer_free (gazetteer);
          bz_tagger_lists_free (self);
          return NULL;
        }
      bz_gazetteer_build (gazetteer);
      g_ptr_array_add (self->gazetteers, gazetteer);
      g_ptr_array_add (self->tags, (gpointer) g_intern_string (tag));
    }
  return self;
}

void
bz_tagger_lists_free (BzTaggerLists *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->gazetteers);
  g_ptr_array_unref (self->tags);
  g_free (self);
}

void
bz_tagger_lists_add_tags (BzTaggerLists *self,
                          const char    *text,
                          GArray        *external)
{
  g_autofree gunichar *chars = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (BzCandidate));
  glong n = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);
  g_return_if_fail (external != NULL);

  /* The lists are matched over the folded text, as the extractor matches them. */
  chars = g_utf8_to_ucs4_fast (text, -1, &n);
  for (glong i = 0; i < n; i++)
    chars[i] = bz_fold_unichar_t2s (chars[i]);
  for (guint g = 0; g < self->gazetteers->len; g++)
    {
      g_array_set_size (candidates, 0);
      bz_gazetteer_scan_ucs4 (g_ptr_array_index (self->gazetteers, g), chars, (gsize) n, candidates);
      for (guint i = 0; i < candidates->len; i++)
        {
          const BzCandidate *c = &g_array_index (candidates, BzCandidate, i);
          BzExtractorMatch m = { c->start, c->end, g_ptr_array_index (self->tags, g) };

          g_array_append_val (external, m);
        }
    }
}
