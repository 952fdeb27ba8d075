/* bz-window-training.c: the workspace's model learns from the reviewed reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When a report is marked reviewed, a worker with its own connection trains
 * the workspace's tagger from the shipped training set and every reviewed
 * report, and stores it as the active model: the next extraction uses it.
 * The review goes on meanwhile; reports marked during a training train again
 * once it is done.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bz-task.h"
#include "bz-window-private.h"

typedef struct
{
  gint64 model_id;
  guint  n_reviewed;
} TrainResult;

static gpointer
train_work (BzStore         *store,
            gpointer         work_data,
            BzTaskProgress  *progress,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(BzExtractor) extractor = NULL;
  g_autoptr(BzTrainingSet) set = bz_training_set_new ();
  g_autoptr(BzTrainedModel) model = NULL;
  TrainResult *result;
  guint n_base;

  (void) work_data;
  (void) progress;
  (void) cancellable;
  extractor = bz_extractor_new (NULL, error);
  if (extractor == NULL
      || !bz_extractor_load_decisions (extractor, store, error)
      || !bz_training_set_add_default (set, error))
    return NULL;
  n_base = bz_training_set_get_n_reports (set);
  if (!bz_training_set_add_reviewed (set, store, error))
    return NULL;
  bz_training_set_add_features (set, extractor);
  model = bz_training_set_train (set, error);
  if (model == NULL)
    return NULL;
  result = g_new0 (TrainResult, 1);
  result->n_reviewed = bz_training_set_get_n_reports (set) - n_base;
  result->model_id = bz_trained_model_store (model, store, NULL, error);
  if (result->model_id == 0)
    g_clear_pointer (&result, g_free);
  return result;
}

static void
train_done_cb (GObject      *object,
               GAsyncResult *res,
               gpointer      user_data)
{
  BzWindow *self = BZ_WINDOW (object);
  g_autofree TrainResult *result = NULL;
  g_autoptr(GError) error = NULL;

  (void) user_data;
  result = bz_task_finish (res, &error);
  self->training = FALSE;
  if (result == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The model could not learn from the reviewed reports: %s"),
                                                  error->message);

      _bz_window_toast (self, message);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Model %lld learned from %u reviewed report",
                                                               "Model %lld learned from %u reviewed reports",
                                                               result->n_reviewed),
                                                  (long long) result->model_id, result->n_reviewed);

      self->last_model_id = result->model_id;
      _bz_window_toast (self, message);
    }
  if (self->train_again && self->store != NULL)
    _bz_window_train_model (self);
}

void
_bz_window_train_model (BzWindow *self)
{
  g_return_if_fail (BZ_IS_WINDOW (self));

  /* A curated report is no reviewer's review: the model learns from those. */
  if (self->store == NULL || bz_store_get_curating (self->store))
    return;
  if (self->training)
    {
      self->train_again = TRUE;
      return;
    }
  self->training = TRUE;
  self->train_again = FALSE;
  bz_task_run (self, self->store, train_work, NULL, NULL, g_free, NULL, NULL, train_done_cb, NULL);
}
