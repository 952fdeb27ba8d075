/* bz-extractor-model.c: the workspace's tagger beside the extractor's rules
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The extractor combines its rules with the workspace's active model: the
 * tagger's span where it is more confident than every rule span it overlaps,
 * or where no rule found anything and it is at least MIN_CONFIDENCE sure; the
 * rules' spans elsewhere (bz_tagger_combine()). A workspace that never had a
 * model starts from the default one, trained on the shipped gold.
 */
#define G_LOG_DOMAIN "bz-extractor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bz-span-key.h"
#include "bz-extractor-private.h"
#include "bz-tagger.h"
#include "bz-training.h"

/* What a tagger span needs to be suggested where no rule matched. */
#define MIN_CONFIDENCE 0.5

struct _BzExtractorModel
{
  /* The model is loaded for this store (weak) unless @stale. */
  BzStore  *store;
  gboolean  stale;
  BzTagger *tagger;
  gint64    model_id;
  char     *origin;
};

BzExtractorModel *
_bz_extractor_model_new (void)
{
  BzExtractorModel *self = g_new0 (BzExtractorModel, 1);

  self->stale = TRUE;
  return self;
}

void
_bz_extractor_model_free (BzExtractorModel *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->tagger, bz_tagger_free);
  g_free (self->origin);
  g_free (self);
}

void
_bz_extractor_model_invalidate (BzExtractorModel *self)
{
  self->stale = TRUE;
}

gint64
_bz_extractor_model_get_id (BzExtractorModel *self)
{
  return self->tagger != NULL ? self->model_id : 0;
}

void
_bz_extractor_model_pin (BzExtractorModel *self,
                         BzTagger         *tagger)
{
  g_clear_pointer (&self->tagger, bz_tagger_free);
  g_clear_pointer (&self->origin, g_free);
  self->tagger = tagger;
  self->model_id = 0;
  self->origin = tagger != NULL ? g_strdup (BZ_SPAN_SOURCE_MODEL) : NULL;
  /* A workspace's annotation loads the workspace's own model instead. */
  self->store = NULL;
  self->stale = TRUE;
}

/* Stores the default model in a workspace that never had a model. A build
 * without its default model leaves the workspace to the rules. */
static gboolean
install_default (BzStore  *store,
                 GError  **error)
{
  g_autofree char *path = bz_training_default_model_path ();
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BzTagger) tagger = NULL;
  g_autoptr(BzTrainingSet) set = bz_training_set_new ();
  g_autofree char *trained_on = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  models = bz_store_list_models (store, error);
  if (models == NULL)
    return FALSE;
  if (models->len > 0 || path == NULL)
    return TRUE;
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_debug ("No default model: %s", local_error->message);
      return TRUE;
    }
  blob = g_bytes_new_take (g_steal_pointer (&contents), length);
  /* Only a model this build reads goes into a workspace. */
  tagger = bz_tagger_load (blob, &local_error);
  if (tagger == NULL)
    {
      g_warning ("The default model %s is not usable: %s", path, local_error->message);
      return TRUE;
    }
  /* What it learned from, as a workspace's training lists it. */
  if (!bz_training_set_add_default (set, &local_error))
    {
      g_warning ("The default model's training set is not readable: %s", local_error->message);
      return TRUE;
    }
  trained_on = bz_training_set_dup_trained_on (set);
  return bz_store_add_model (store, blob, BZ_TAGGER_FORMAT_VERSION, trained_on,
                             bz_training_set_get_n_reports (set), NULL, "default", TRUE, error) != 0;
}

gboolean
_bz_extractor_model_sync (BzExtractorModel  *self,
                          BzStore           *store,
                          GError           **error)
{
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(BzStoreModel) row = NULL;
  g_autoptr(GError) local_error = NULL;
  BzTagger *tagger;

  if (!self->stale && self->store == store)
    return TRUE;

  if (!install_default (store, error))
    return FALSE;
  blob = bz_store_get_model_blob (store, 0, &row, error);
  if (blob == NULL && error != NULL && *error != NULL)
    return FALSE;
  g_clear_pointer (&self->tagger, bz_tagger_free);
  g_clear_pointer (&self->origin, g_free);
  self->model_id = 0;
  if (blob != NULL)
    {
      tagger = bz_tagger_load (blob, &local_error);
      if (tagger == NULL)
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("Model %lld of the workspace %s cannot be used: %s. Restore another "
                         "model (biaozhu-cli models --restore N) or update Biaozhu."),
                       (long long) row->id, bz_store_get_path (store), local_error->message);
          return FALSE;
        }
      self->tagger = tagger;
      self->model_id = row->id;
      self->origin = g_strdup_printf ("model@%" G_GINT64_FORMAT, row->id);
    }
  self->store = store;
  self->stale = FALSE;
  return TRUE;
}

GArray *
_bz_extractor_model_combine (BzExtractorModel *self,
                             const char       *text,
                             GArray           *matches)
{
  g_autoptr(GArray) external = NULL;
  g_autoptr(GArray) rules = NULL;
  g_autoptr(GArray) tagged = NULL;
  g_autoptr(GArray) combined = NULL;
  g_autoptr(GHashTable) by_key = NULL;
  const char *source = g_intern_static_string (BZ_SPAN_SOURCE_MODEL);
  GArray *out;

  if (self->tagger == NULL)
    return g_array_ref (matches);

  external = g_array_sized_new (FALSE, FALSE, sizeof (BzExtractorMatch), matches->len);
  rules = g_array_sized_new (FALSE, FALSE, sizeof (BzTaggerSpan), matches->len);
  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < matches->len; i++)
    {
      const BzExtractorMatch *m = &g_array_index (matches, BzExtractorMatch, i);
      g_autofree char *tag = g_strconcat ("rules:", m->label, NULL);
      BzExtractorMatch e = *m;
      BzTaggerSpan r = { m->start, m->end, m->label, m->source != NULL ? m->confidence : 0.5 };

      e.label = g_intern_string (tag);
      g_array_append_val (external, e);
      g_array_append_val (rules, r);
      g_hash_table_insert (by_key, _bz_span_key (m->start, m->end, m->label), GUINT_TO_POINTER (i + 1));
    }

  tagged = bz_tagger_predict (self->tagger, text, external);
  combined = bz_tagger_combine (tagged, rules, MIN_CONFIDENCE);
  out = g_array_sized_new (FALSE, FALSE, sizeof (BzExtractorMatch), combined->len);
  for (guint i = 0; i < combined->len; i++)
    {
      const BzTaggerSpan *s = &g_array_index (combined, BzTaggerSpan, i);
      g_autofree char *key = _bz_span_key (s->start, s->end, s->label);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (by_key, key));

      if (index > 0)
        g_array_append_val (out, g_array_index (matches, BzExtractorMatch, index - 1));
      else
        {
          BzExtractorMatch m = { s->start, s->end, g_intern_string (s->label), source,
                                 s->confidence, self->origin };

          g_array_append_val (out, m);
        }
    }
  return out;
}
