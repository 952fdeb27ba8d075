/* bz-curation.h: adjudication of reviewers' layers into the curated layer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "bz-span.h"
#include "bz-store.h"

G_BEGIN_DECLS

/**
 * BzCuration:
 *
 * One report's curation, read from a store that curates
 * (bz_store_set_curating()): the report's reviewers, and each span of its
 * curated layer with the reviewers who accepted exactly that span (same
 * bounds, same label) in their own layers.
 *
 * Definitions:
 * - a report's reviewers are the layers, other than the shared and the
 *   curated one, that decided something in it (as bz_agreement_input_new_from_store()
 *   counts them), in order of name; at most 64;
 * - a span is agreed when two reviewers or more are the report's and every one
 *   of them accepted it; otherwise it is disputed;
 * - spans whose bounds overlap, directly or through others, form a group: a
 *   dispute is settled for a group at once (two reviewers who marked 宝华里 and
 *   宝华里项目 disagree on one thing, not two).
 *
 * The object is a picture: after a change, read a new one.
 */
typedef struct _BzCuration BzCuration;

/**
 * bz_curation_new:
 * @store: a store that curates
 *
 * Returns: (transfer full) (nullable): the report's curation, or %NULL with
 *   @error set (a store error, or %BZ_STORE_ERROR_INVALID for more than 64
 *   reviewers)
 */
BzCuration *bz_curation_new            (BzStore     *store,
                                        gint64       document_id,
                                        GError     **error);
void        bz_curation_free           (BzCuration  *self);

guint       bz_curation_get_n_reviewers (BzCuration *self);
const char *bz_curation_get_reviewer    (BzCuration *self,
                                         guint       reviewer);

/* The curated layer's spans, by bz_span_compare(). */
guint       bz_curation_get_n_spans    (BzCuration  *self);
/* Returns: (transfer none): the curated layer's span @index */
BzSpan     *bz_curation_get_span       (BzCuration  *self,
                                        guint        index);
/* Returns: the index of the curated span @span_id, or -1 */
int         bz_curation_find_span      (BzCuration  *self,
                                        gint64       span_id);
/* Returns: the reviewers who accepted the span, bit i for reviewer i (0: the
 * curator's own span) */
guint64     bz_curation_get_marked_by  (BzCuration  *self,
                                        guint        index);
gboolean    bz_curation_is_agreed      (BzCuration  *self,
                                        guint        index);
/* Returns: the span's group: spans of one group overlap, directly or through others */
guint       bz_curation_get_group      (BzCuration  *self,
                                        guint        index);
/* Returns: the number of groups with a disputed span that is still undecided */
guint       bz_curation_count_open_disputes (BzCuration *self);
/* Returns: the number of agreed spans still undecided */
guint       bz_curation_count_open_agreed   (BzCuration *self);

/**
 * BzCurationChoice:
 * @BZ_CURATION_SIDE: the spans of one reviewer in the group are accepted, the
 *   other reviewers' rejected
 * @BZ_CURATION_ALL: every reviewer's span of the group is accepted ("both")
 * @BZ_CURATION_NONE: every reviewer's span of the group is rejected ("neither")
 *
 * Spans the curator added (marked by no reviewer) are left as they are.
 */
typedef enum
{
  BZ_CURATION_SIDE,
  BZ_CURATION_ALL,
  BZ_CURATION_NONE,
} BzCurationChoice;

/**
 * bz_curation_decide:
 * @index: a span of the group to settle
 * @reviewer: the reviewer whose side is taken (%BZ_CURATION_SIDE only)
 *
 * Settles the group of span @index as one undoable action of the curated
 * layer. Taking the side of a reviewer who marked nothing in the group
 * rejects the group (that reviewer saw nothing there).
 */
gboolean    bz_curation_decide         (BzCuration       *self,
                                        BzStore          *store,
                                        guint             index,
                                        BzCurationChoice  choice,
                                        guint             reviewer,
                                        GError          **error);
/**
 * bz_curation_accept_agreed:
 *
 * Accepts every agreed span still undecided, as one undoable action.
 */
gboolean    bz_curation_accept_agreed  (BzCuration  *self,
                                        BzStore     *store,
                                        guint       *out_n_accepted,
                                        GError     **error);

/* Returns: (transfer full): the names of @reviewers (bits as
 * bz_curation_get_marked_by() gives them, G_MAXUINT64 for all), "李明, 王芳",
 * or "the curator" for none */
char       *bz_curation_describe_reviewers (BzCuration *self,
                                            guint64     reviewers);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzCuration, bz_curation_free)

G_END_DECLS
