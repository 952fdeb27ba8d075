/* bz-document.h: a report in the workspace
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include "bz-types.h"

G_BEGIN_DECLS

#define BZ_TYPE_DOCUMENT (bz_document_get_type ())
G_DECLARE_FINAL_TYPE (BzDocument, bz_document, BZ, DOCUMENT, GObject)

/* Documents are created by the store; these getters read a snapshot. */
gint64            bz_document_get_id          (BzDocument *self);
const char       *bz_document_get_title       (BzDocument *self);
const char       *bz_document_get_source_path (BzDocument *self);
const char       *bz_document_get_sha256      (BzDocument *self);
const char       *bz_document_get_encoding    (BzDocument *self);
BzScript          bz_document_get_script      (BzDocument *self);
/* Returns: (transfer none): the canonical text; loaded on first use */
const char       *bz_document_get_text        (BzDocument *self);
gint64            bz_document_get_n_chars     (BzDocument *self);
BzDocumentStatus  bz_document_get_status      (BzDocument *self);
/* Seconds since the Unix epoch (UTC). */
gint64            bz_document_get_created     (BzDocument *self);
/* Review progress counted when the snapshot was taken. */
guint             bz_document_get_n_spans     (BzDocument *self);
guint             bz_document_get_n_decided   (BzDocument *self);
guint             bz_document_get_n_warnings  (BzDocument *self);

/* For the store only. */
BzDocument       *_bz_document_new            (gint64            id,
                                               const char       *title,
                                               const char       *source_path,
                                               const char       *sha256,
                                               const char       *encoding,
                                               BzScript          script,
                                               const char       *text,
                                               gint64            n_chars,
                                               BzDocumentStatus  status,
                                               gint64            created);
void              _bz_document_set_counts     (BzDocument       *self,
                                               guint             n_spans,
                                               guint             n_decided,
                                               guint             n_warnings);

G_END_DECLS
