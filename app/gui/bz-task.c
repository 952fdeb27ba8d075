/* bz-task.c: long work on the workspace in a GTask thread, with progress on the main loop
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-task"

#include "config.h"

#include "bz-task.h"

struct _BzTaskProgress
{
  GMainContext       *context;
  /* Not a reference: the completion holds one. */
  GObject            *owner;
  BzTaskProgressFunc  func;
};

typedef struct
{
  /* Copied on the main thread: the worker never reads the main store. */
  char               *store_path;
  char               *reviewer;
  /* The worker reads the layer the window's store works on. */
  gboolean            curating;
  BzTaskWorkFunc      work;
  gpointer            work_data;
  GDestroyNotify      work_data_free;
  GDestroyNotify      result_free;
  BzTaskProgress      progress;
} TaskData;

/* The task's last reference may be dropped in the worker thread, so neither
 * the task nor its data own an object of the main thread: the owner is held
 * by the completion, which the main loop runs and frees. */
typedef struct
{
  GObject             *owner;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} Completion;

typedef struct
{
  GObject            *owner;
  BzTaskProgressFunc  func;
  double              fraction;
  char               *text;
} ProgressReport;

static void
task_data_free (TaskData *data)
{
  if (data->work_data_free != NULL)
    g_clear_pointer (&data->work_data, data->work_data_free);
  g_clear_pointer (&data->progress.context, g_main_context_unref);
  g_free (data->store_path);
  g_free (data->reviewer);
  g_free (data);
}

static void
progress_report_free (ProgressReport *report)
{
  g_clear_object (&report->owner);
  g_free (report->text);
  g_free (report);
}

static gboolean
progress_report_dispatch (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->func (report->owner, report->fraction, report->text);
  return G_SOURCE_REMOVE;
}

void
bz_task_progress_report (BzTaskProgress *progress,
                         double          fraction,
                         const char     *text)
{
  ProgressReport *report;

  g_return_if_fail (progress != NULL);

  if (progress->func == NULL)
    return;

  report = g_new0 (ProgressReport, 1);
  report->owner = g_object_ref (progress->owner);
  report->func = progress->func;
  report->fraction = fraction;
  report->text = g_strdup (text);
  g_main_context_invoke_full (progress->context, G_PRIORITY_DEFAULT, progress_report_dispatch,
                              report, (GDestroyNotify) progress_report_free);
}

static void
task_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result;

  /* The window holds the workspace open: never create one here. */
  store = bz_store_open_full (data->store_path, BZ_STORE_OPEN_EXISTING, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bz_store_set_reviewer (store, data->reviewer);
  bz_store_set_curating (store, data->curating);

  result = data->work (store, data->work_data, &data->progress, cancellable, &error);
  if (error != NULL)
    {
      g_assert (result == NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, data->result_free);
}

static void
task_complete_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Completion *completion = user_data;

  if (completion->callback != NULL)
    completion->callback (completion->owner, result, completion->user_data);
  g_object_unref (completion->owner);
  g_free (completion);
}

void
bz_task_run (gpointer             owner,
             BzStore             *store,
             BzTaskWorkFunc       work,
             gpointer             work_data,
             GDestroyNotify       work_data_free,
             GDestroyNotify       result_free,
             BzTaskProgressFunc   progress,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Completion *completion;
  TaskData *data;

  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (BZ_IS_STORE (store));
  g_return_if_fail (work != NULL);

  data = g_new0 (TaskData, 1);
  data->store_path = g_strdup (bz_store_get_path (store));
  data->reviewer = g_strdup (bz_store_get_reviewer (store));
  data->curating = bz_store_get_curating (store);
  data->work = work;
  data->work_data = work_data;
  data->work_data_free = work_data_free;
  data->result_free = result_free;
  data->progress.context = g_main_context_ref_thread_default ();
  data->progress.owner = owner;
  data->progress.func = progress;

  completion = g_new0 (Completion, 1);
  completion->owner = g_object_ref (owner);
  completion->callback = callback;
  completion->user_data = user_data;

  task = g_task_new (NULL, cancellable, task_complete_cb, completion);
  g_task_set_source_tag (task, bz_task_run);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  /* A cancelled task still waits for its worker to stop: the files finished
   * before the cancel are part of the report. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, task_thread);
}

gpointer
bz_task_finish (GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bz_task_run), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
