/* bz-document-private.h: what the store sets on a document snapshot
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bz-document.h"

G_BEGIN_DECLS

/* A document listed without its text loads it from @store on first use. */
void _bz_document_set_store (BzDocument *self,
                             BzStore    *store);

G_END_DECLS
