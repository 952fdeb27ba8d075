/* bz-document.h: a report in the workspace
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include "bz-types.h"

G_BEGIN_DECLS

#define BZ_TYPE_DOCUMENT (bz_document_get_type ())
G_DECLARE_FINAL_TYPE (BzDocument, bz_document, BZ, DOCUMENT, GObject)

/* Documents are created by the store; these getters read a snapshot taken
 * when the document was read (bz_store_get_document(), bz_store_list_documents()).
 * The same values are read-only GObject properties, for list models' sorters
 * and filters: "id", "title", "source-path", "script" (a #BzScript as guint),
 * "status" (a #BzDocumentStatus as guint), "n-chars", "created", "note",
 * "n-spans", "n-decided", "n-undecided", "n-warnings". */
gint64            bz_document_get_id          (BzDocument *self);
/* The report's heading line unless a reviewer renamed it (bz_store_set_document_title()). */
const char       *bz_document_get_title       (BzDocument *self);
/* The file the report was imported from (nullable). */
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
/* Returns: (transfer none) (nullable): the reviewer's note on the document */
const char       *bz_document_get_note        (BzDocument *self);
/* Review progress counted when the snapshot was taken, by the same query that
 * read the document: all spans, the decided ones (accepted or rejected), the
 * undecided suggestions (n_spans - n_decided), the data-quality warnings. */
guint             bz_document_get_n_spans     (BzDocument *self);
guint             bz_document_get_n_decided   (BzDocument *self);
guint             bz_document_get_n_undecided (BzDocument *self);
guint             bz_document_get_n_warnings  (BzDocument *self);

G_END_DECLS
