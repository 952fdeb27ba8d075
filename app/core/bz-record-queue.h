/* bz-record-queue.h: a bounded queue of records between the reading and the writing thread of an export
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <biaozhu/bz-format.h>

G_BEGIN_DECLS

typedef struct _BzRecordQueue BzRecordQueue;

BzRecordQueue *bz_record_queue_new   (guint          capacity);
void           bz_record_queue_free  (BzRecordQueue *self);
gboolean       bz_record_queue_push  (BzRecordQueue *self,
                                      BzRecord      *record);
BzRecord      *bz_record_queue_pop   (BzRecordQueue *self);
void           bz_record_queue_close (BzRecordQueue *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzRecordQueue, bz_record_queue_free)

G_END_DECLS
