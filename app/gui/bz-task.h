/* bz-task.h: long work on the workspace in a GTask thread, with progress on the main loop
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <biaozhu.h>

G_BEGIN_DECLS

/* The worker's handle for reporting progress; only valid inside the work function. */
typedef struct _BzTaskProgress BzTaskProgress;

/**
 * BzTaskWorkFunc:
 * @store: the worker's own connection to the workspace, with the caller's reviewer
 * @work_data: the data given to bz_task_run()
 * @progress: where to report progress (bz_task_progress_report())
 * @cancellable: (nullable): the task's cancellable
 * @error: a #GError
 *
 * Runs in a worker thread: touches no widget and no object of the main thread.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
typedef gpointer (*BzTaskWorkFunc) (BzStore         *store,
                                    gpointer         work_data,
                                    BzTaskProgress  *progress,
                                    GCancellable    *cancellable,
                                    GError         **error);

/**
 * BzTaskProgressFunc:
 * @owner: the object that started the task
 * @fraction: the share done in [0, 1], or a negative number when unknown
 * @text: (nullable): what is being done
 *
 * Called on the main loop of the thread that started the task.
 */
typedef void (*BzTaskProgressFunc) (gpointer    owner,
                                    double      fraction,
                                    const char *text);

/**
 * bz_task_run:
 * @owner: the object the task belongs to; kept alive until @callback has run
 * @store: the workspace: the worker opens its own store on its path
 * @work: what the worker does
 * @work_data: (transfer full): data for @work, freed with @work_data_free on
 *   the main loop when the task is finalised
 * @result_free: frees a result that nobody took
 * @progress: (nullable): receives the reports of bz_task_progress_report()
 * @cancellable: (nullable): cancels the work
 * @callback: called on the main loop when the work is done, with @owner as
 *   source object
 *
 * Runs @work with g_task_run_in_thread().
 */
void      bz_task_run              (gpointer             owner,
                                    BzStore             *store,
                                    BzTaskWorkFunc       work,
                                    gpointer             work_data,
                                    GDestroyNotify       work_data_free,
                                    GDestroyNotify       result_free,
                                    BzTaskProgressFunc   progress,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);

/* Returns: (transfer full) (nullable): the work's result, or %NULL with @error set */
gpointer  bz_task_finish           (GAsyncResult        *result,
                                    GError             **error);

/* Sends @fraction and @text to the main loop (from the worker thread). */
void      bz_task_progress_report  (BzTaskProgress      *progress,
                                    double               fraction,
                                    const char          *text);

G_END_DECLS
