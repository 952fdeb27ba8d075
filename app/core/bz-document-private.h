/* bz-document-private.h: what the store sets on a document snapshot
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bz-document.h"

G_BEGIN_DECLS

BzDocument *_bz_document_new        (gint64            id,
                                     const char       *title,
                                     const char       *source_path,
                                     const char       *sha256,
                                     const char       *encoding,
                                     BzScript          script,
                                     const char       *text,
                                     gint64            n_chars,
                                     BzDocumentStatus  status,
                                     gint64            created,
                                     const char       *note);
void        _bz_document_set_counts (BzDocument       *self,
                                     guint             n_spans,
                                     guint             n_decided,
                                     guint             n_warnings);
/* A document listed without its text loads it from @store on first use. */
void        _bz_document_set_store  (BzDocument       *self,
                                     BzStore          *store);

G_END_DECLS
