/* bz-record-queue.c: a bounded queue of records between the reading and the writing thread of an export
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One thread pushes the records it reads, the other pops and writes them. The
 * queue holds at most its capacity, so that memory stays flat however large the
 * export: the reader waits while it is full, the writer while it is empty.
 * Either side can close it: a closed queue drops what it holds, refuses further
 * records and hands out no more, which is how one side tells the other that it
 * has failed.
 */
#include "config.h"

#include "bz-record-queue.h"

struct _BzRecordQueue
{
  GMutex   lock;
  GCond    changed;
  GQueue   records;
  guint    capacity;
  /* The reader pushed %NULL: no more records follow the queued ones. */
  gboolean ended;
  gboolean closed;
};

BzRecordQueue *
bz_record_queue_new (guint capacity)
{
  BzRecordQueue *self;

  g_return_val_if_fail (capacity > 0, NULL);

  self = g_new0 (BzRecordQueue, 1);
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  g_queue_init (&self->records);
  self->capacity = capacity;
  return self;
}

void
bz_record_queue_free (BzRecordQueue *self)
{
  if (self == NULL)
    return;

  g_queue_clear_full (&self->records, (GDestroyNotify) bz_record_free);
  g_cond_clear (&self->changed);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/**
 * bz_record_queue_push:
 * @record: (transfer full) (nullable): the next record, or %NULL after the last
 *
 * Waits while the queue is full.
 *
 * Returns: %FALSE when the queue was closed (@record is freed then)
 */
gboolean
bz_record_queue_push (BzRecordQueue *self,
                      BzRecord      *record)
{
  gboolean accepted;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->lock);
  g_warn_if_fail (!self->ended);
  while (!self->closed && record != NULL && self->records.length >= self->capacity)
    g_cond_wait (&self->changed, &self->lock);
  accepted = !self->closed;
  if (accepted && record != NULL)
    g_queue_push_tail (&self->records, g_steal_pointer (&record));
  else if (accepted)
    self->ended = TRUE;
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);

  g_clear_pointer (&record, bz_record_free);
  return accepted;
}

/**
 * bz_record_queue_pop:
 *
 * Waits while the queue is empty and not ended.
 *
 * Returns: (transfer full) (nullable): the next record, or %NULL after the last
 *   one or when the queue was closed
 */
BzRecord *
bz_record_queue_pop (BzRecordQueue *self)
{
  BzRecord *record = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->lock);
  while (!self->closed && !self->ended && self->records.length == 0)
    g_cond_wait (&self->changed, &self->lock);
  if (!self->closed)
    record = g_queue_pop_head (&self->records);
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
  return record;
}

/* Drops the queued records and wakes the other side, which sees the queue closed. */
void
bz_record_queue_close (BzRecordQueue *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  g_queue_clear_full (&self->records, (GDestroyNotify) bz_record_free);
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
}
