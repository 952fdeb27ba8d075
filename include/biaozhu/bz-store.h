/* bz-store.h: the workspace, one SQLite database file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "bz-types.h"
#include "bz-text.h"
#include "bz-document.h"
#include "bz-span.h"
#include "bz-label.h"
#include "bz-calibration.h"

G_BEGIN_DECLS

#define BZ_TYPE_STORE (bz_store_get_type ())
G_DECLARE_FINAL_TYPE (BzStore, bz_store, BZ, STORE, GObject)

/* The schema version this build writes (PRAGMA user_version). */
#define BZ_STORE_SCHEMA_VERSION 8

/* Returns: (transfer full): $XDG_DATA_HOME/biaozhu/workspace.db */
char       *bz_store_default_path   (void);

/**
 * BzStoreOpenFlags:
 * @BZ_STORE_OPEN_CREATE: a missing file (and its folder) or an empty one
 *   becomes a new workspace
 * @BZ_STORE_OPEN_EXISTING: only an existing workspace opens; a missing file is
 *   refused with %BZ_STORE_ERROR_NOT_FOUND and an empty one with
 *   %BZ_STORE_ERROR_NOT_A_DATABASE, and nothing is created (commands that only
 *   read, and second connections to a workspace that is open already)
 */
typedef enum
{
  BZ_STORE_OPEN_CREATE = 0,
  BZ_STORE_OPEN_EXISTING = 1 << 0,
} BzStoreOpenFlags;

/**
 * bz_store_open:
 * @path: the database file; created (with its folder) when missing
 * @error: a #GError
 *
 * Opens or creates a workspace: WAL, synchronous=FULL, foreign keys, busy_timeout,
 * forward migrations, the default label schema on first use. A file that is not a
 * Biaozhu database, or one from a newer schema, is refused and left untouched.
 * Same as bz_store_open_full() with %BZ_STORE_OPEN_CREATE.
 *
 * Returns: (transfer full) (nullable): the store
 */
BzStore    *bz_store_open           (const char  *path,
                                     GError     **error);
/**
 * bz_store_open_full:
 * @path: the database file
 * @flags: whether a new workspace may be created
 * @error: a #GError
 *
 * Opens a workspace as bz_store_open() does. The file is only ever read and
 * written through SQLite: nothing else in the process opens and closes it,
 * since closing any descriptor of a file drops every POSIX lock the process
 * holds on it, the locks of its other connections included.
 *
 * Returns: (transfer full) (nullable): the store
 */
BzStore    *bz_store_open_full      (const char        *path,
                                     BzStoreOpenFlags   flags,
                                     GError           **error);
const char *bz_store_get_path       (BzStore     *self);
/* Whether @path is the workspace's database or one of its -wal, -shm or
 * -journal files, under any name: an export must never write over them. */
gboolean    bz_store_is_own_file    (BzStore     *self,
                                     const char  *path);
/* How long a change waits for another connection's lock before it fails with
 * BZ_STORE_ERROR_BUSY (5000 ms by default). */
void        bz_store_set_busy_timeout (BzStore   *self,
                                       int        timeout_ms);

/* The reviewer recorded on every following change ("human" spans, history rows).
 * Defaults to the login name. Creates the reviewer row on first use. */
void        bz_store_set_reviewer   (BzStore     *self,
                                     const char  *reviewer);
const char *bz_store_get_reviewer   (BzStore     *self);
/* Returns: (transfer full) (element-type utf8): reviewer names */
GPtrArray  *bz_store_list_reviewers (BzStore     *self,
                                     GError     **error);

/* ---- Review modes, layers and assignments ----------------------------------
 * Every span belongs to a layer. In shared review (the default) every reviewer
 * works on the one shared layer, "". In independent review each reviewer works
 * on their own layer, named by the reviewer (bz_store_set_reviewer()): every
 * span read and change of the store (spans, relations, counts, bulk
 * acceptance, exports through the store's records, statistics) sees the
 * store's layer only. A reviewer's layer of a document starts from the shared
 * layer's suggestions: each undecided suggestion of the shared layer (where
 * the extractor writes) is copied into the reviewer's layer once, when the
 * reviewer's spans of the document are first read or added, and later
 * suggestions of the shared layer when they are next read.
 */

/**
 * BzReviewMode:
 * @BZ_REVIEW_SHARED: one layer for every reviewer (the last decision stands)
 * @BZ_REVIEW_INDEPENDENT: each reviewer sees the suggestions and their own
 *   decisions only
 */
typedef enum
{
  BZ_REVIEW_SHARED,
  BZ_REVIEW_INDEPENDENT,
} BzReviewMode;

/* The layer of the curated set (adjudication); no reviewer may take its name. */
#define BZ_LAYER_CURATED "@curated"

/* Returns: (transfer none): "shared" or "independent" */
const char *bz_review_mode_to_string   (BzReviewMode  mode);
/* Returns: whether @name is "shared" or "independent" */
gboolean    bz_review_mode_from_string (const char   *name,
                                        BzReviewMode *out_mode);

BzReviewMode bz_store_get_review_mode  (BzStore      *self);
/**
 * bz_store_set_review_mode:
 *
 * Makes the workspace's review shared or independent (a setting of the
 * workspace, read when it is opened). Nothing is copied or lost: in shared
 * review the reviewers' own layers stay stored, unseen, until independent
 * review comes back. Not undoable.
 */
gboolean    bz_store_set_review_mode   (BzStore      *self,
                                        BzReviewMode  mode,
                                        GError      **error);
/* Returns: (transfer none): the layer the store works on: "" (shared), its
 * reviewer, or %BZ_LAYER_CURATED while it curates */
const char *bz_store_get_layer         (BzStore      *self);

/**
 * bz_store_set_curating:
 * @curating: whether the store works on the curated layer
 *
 * Curation (adjudication) works on the curated layer, %BZ_LAYER_CURATED,
 * with the store's whole API: its spans, decisions, relations, counts, each
 * report's status there ("new" not started, "in-progress" in curation,
 * "reviewed" curated), its history and its own undo. A report's curated
 * layer is offered every span a reviewer accepted in it, once, as a
 * suggestion (origin "curation"); bz_curation_new() says who marked which.
 * Curation never changes a reviewer's layer. A setting of this connection,
 * in either review mode.
 */
void        bz_store_set_curating      (BzStore      *self,
                                        gboolean      curating);
gboolean    bz_store_get_curating      (BzStore      *self);

/**
 * bz_reviewer_name_check:
 *
 * Returns: whether @name may name a reviewer (and their layer): not empty,
 *   valid UTF-8, not starting with "@" (the curated layer's mark); %FALSE with
 *   @error (%BZ_STORE_ERROR_INVALID) saying why
 */
gboolean    bz_reviewer_name_check     (const char   *name,
                                        GError      **error);

/**
 * bz_store_list_layer_spans:
 * @layer: "" for the shared layer, a reviewer's name, or %BZ_LAYER_CURATED
 *
 * A layer's spans of a document, whatever the store's layer is (for
 * agreement, merging and curation), by bz_span_compare().
 *
 * Returns: (transfer full) (element-type BzSpan) (nullable): the spans, or
 *   %NULL with @error set
 */
GPtrArray  *bz_store_list_layer_spans  (BzStore      *self,
                                        gint64        document_id,
                                        const char   *layer,
                                        GError      **error);
/**
 * bz_store_check_layer:
 * @layer: "" for the shared layer, a reviewer's name, or %BZ_LAYER_CURATED
 *
 * Returns: whether @layer may be read: the shared and the curated layer
 *   always, a reviewer's layer once it holds spans; otherwise %FALSE with
 *   %BZ_STORE_ERROR_NOT_FOUND naming the reviewers who have a layer
 */
gboolean    bz_store_check_layer       (BzStore      *self,
                                        const char   *layer,
                                        GError      **error);
/* Returns: (transfer full) (element-type utf8) (nullable): the names of the
 * layers that hold spans of the document, in order ("" first) */
GPtrArray  *bz_store_list_layers       (BzStore      *self,
                                        gint64        document_id,
                                        GError      **error);
/* Returns: (transfer full) (element-type utf8) (nullable): the reviewers who
 * annotated the document: their layers (neither the shared nor the curated
 * one) that hold a decision or a span of their own, by name. A layer with
 * nothing but the suggestions it started from is a report not begun. The
 * reviewers agreement (bz_agreement_input_new_from_store()) and curation
 * (bz_curation_new()) count. */
GPtrArray  *bz_store_list_annotators   (BzStore      *self,
                                        gint64        document_id,
                                        GError      **error);

/**
 * BzAssignment:
 * @document_id: a report
 * @reviewer: a reviewer who annotates it
 */
typedef struct
{
  gint64  document_id;
  char   *reviewer;
} BzAssignment;

void        bz_assignment_free         (BzAssignment *assignment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzAssignment, bz_assignment_free)

/**
 * bz_store_assign:
 * @reviewers: (array zero-terminated=1): the reviewers, at least one, each once
 * @share: the share of the reports to assign, in (0, 1] (1: all)
 * @overlap: the share of the assigned reports that two reviewers annotate,
 *   in [0, 1] (0.2: one in five); more than 0 needs two reviewers
 * @seed: chooses the reports; the same seed on the same reports gives the
 *   same assignment
 *
 * Replaces the workspace's assignment in one transaction: round (@share × the
 * number of reports) reports taken at random, of which round (@overlap × that
 * number) go to two reviewers and the others to one, each report to the
 * reviewers with the fewest reports so far (the first named first on a tie).
 * Bad arguments are refused (%BZ_STORE_ERROR_INVALID) and change nothing.
 * Not undoable.
 */
gboolean    bz_store_assign            (BzStore            *self,
                                        const char * const *reviewers,
                                        double              share,
                                        double              overlap,
                                        guint32             seed,
                                        GError            **error);
/* Returns: (transfer full) (element-type BzAssignment) (nullable): the
 * assignment, by document then reviewer, or %NULL with @error set */
GPtrArray  *bz_store_list_assignments  (BzStore      *self,
                                        GError      **error);

/* ---- Grouping ------------------------------------------------------------
 * Every change below is one transaction with its history rows. To make several
 * changes one transaction and one undoable action (annotate all occurrences, an
 * import of a document with its spans), wrap them in begin/commit. A change that
 * fails inside a group leaves the group open: call bz_store_rollback().
 * @undoable: FALSE for imports and extractor runs, which undo does not revert.
 * A begin while a group is open, a commit without one, and undo or redo inside
 * one are refused with BZ_STORE_ERROR_INVALID. Signals wait for the commit.
 */
gboolean    bz_store_begin          (BzStore     *self,
                                     const char  *description,
                                     gboolean     undoable,
                                     GError     **error);
gboolean    bz_store_commit         (BzStore     *self,
                                     GError     **error);
void        bz_store_rollback       (BzStore     *self);

/* ---- Documents ---------------------------------------------------------- */

/**
 * bz_store_add_document:
 * @title: shown in lists (an import gives the report's heading line,
 *   bz_text_heading_title())
 * @source_path: (nullable): where the original came from
 * @canonical: the decoded, normalised text with its warnings
 * @out_existing: (out) (optional): set to TRUE when a document with the same
 *   original bytes or the same canonical text was already stored; its id is returned
 *
 * Returns: the document's id, or 0 with @error set
 */
gint64      bz_store_add_document   (BzStore         *self,
                                     const char      *title,
                                     const char      *source_path,
                                     BzCanonicalText *canonical,
                                     gboolean        *out_existing,
                                     GError         **error);
/* Returns: (transfer full) (nullable) */
BzDocument *bz_store_get_document   (BzStore     *self,
                                     gint64       document_id,
                                     GError     **error);
/* Returns: (transfer full) (nullable): the document without its text, as
 * bz_store_list_documents() gives it: its title, status and counts */
BzDocument *bz_store_get_document_info (BzStore  *self,
                                        gint64    document_id,
                                        GError  **error);
/* Returns: (transfer full) (element-type BzDocument): all documents, by id */
GPtrArray  *bz_store_list_documents (BzStore     *self,
                                     GError     **error);
/* Returns: the id of the document with this canonical text, or 0 */
gint64      bz_store_find_document_by_text (BzStore    *self,
                                            const char *text,
                                            GError    **error);
/**
 * bz_store_set_document_status:
 *
 * The status follows what happened: a document is "new" until the first
 * decision on it (accept, reject, an accepted or rejected span added, relabel,
 * move, a span's note or attributes, a span deleted, a relation added or
 * deleted) made in an undoable action, which makes it "in-progress" in the
 * same action (one undo brings back both the span and "new"). Imports,
 * extractor runs and added suggestions decide nothing. It becomes "reviewed"
 * only by marking (bz_store_mark_reviewed()); decisions on a reviewed
 * document leave it reviewed.
 *
 * Sets a document's review status as one undoable action. A document with
 * undecided suggestions is not marked reviewed: %BZ_STORE_ERROR_UNDECIDED names
 * it and the count (see bz_store_mark_reviewed()).
 */
gboolean    bz_store_set_document_status (BzStore          *self,
                                          gint64            document_id,
                                          BzDocumentStatus  status,
                                          GError          **error);
/**
 * bz_store_mark_reviewed:
 * @reject_undecided: reject the document's undecided suggestions first
 * @out_n_rejected: (out) (optional): how many suggestions were rejected
 *
 * Marks a document reviewed. With @reject_undecided, its undecided
 * suggestions are rejected in the same action, so that one undo brings back
 * both; without, a document that has some is refused with
 * %BZ_STORE_ERROR_UNDECIDED, so that no reviewed report silently carries
 * suggestions nobody decided (they would be false negatives in training data).
 */
gboolean    bz_store_mark_reviewed  (BzStore          *self,
                                     gint64            document_id,
                                     gboolean          reject_undecided,
                                     guint            *out_n_rejected,
                                     GError          **error);
/**
 * bz_store_set_document_title:
 * @title: the new title, made one line (white space runs become one space)
 *
 * Renames a document as one undoable action (recorded as a document change).
 * An empty title is refused (%BZ_STORE_ERROR_INVALID). Emits
 * "documents-changed".
 */
gboolean    bz_store_set_document_title (BzStore     *self,
                                         gint64       document_id,
                                         const char  *title,
                                         GError     **error);
/**
 * bz_store_set_document_note:
 * @note: (nullable): the note; %NULL or white space only removes it
 *
 * Writes, changes or removes a document's note as one undoable action
 * (recorded as a document change). Emits "documents-changed".
 */
gboolean    bz_store_set_document_note  (BzStore     *self,
                                         gint64       document_id,
                                         const char  *note,
                                         GError     **error);
/* Returns: (transfer full) (element-type BzQualityWarning) */
GArray     *bz_store_list_warnings  (BzStore     *self,
                                     gint64       document_id,
                                     GError     **error);
/* Returns: (transfer full) (element-type gint64): offset map of the original bytes */
GArray     *bz_store_get_offset_map (BzStore     *self,
                                     gint64       document_id,
                                     GError     **error);

/* ---- Labels ------------------------------------------------------------- */

/* Returns: (transfer full) (element-type BzLabel): labels in schema order */
GPtrArray  *bz_store_list_labels    (BzStore     *self,
                                     GError     **error);
/* Returns: (transfer full) (nullable) */
BzLabel    *bz_store_get_label      (BzStore     *self,
                                     const char  *name);
/**
 * bz_store_replace_labels:
 * @path: a labels file in the form of data/labels.json (name, display_name,
 *   color, shortcut, description, guideline {zh, en} per label)
 *
 * Makes the file's labels the workspace's schema in one transaction: labels
 * of the same name are updated and keep their guideline in a language the
 * file gives none in, new ones are added, missing ones removed. A file that
 * cannot be read or parsed (FAILED), or that lacks a label spans use
 * (INVALID, naming each label and its count), changes nothing. Not undoable.
 * Emits "labels-changed".
 */
gboolean    bz_store_replace_labels (BzStore     *self,
                                     const char  *path,
                                     GError     **error);

/* ---- Spans ---------------------------------------------------------------
 * Offsets are code points of the document's canonical text, end exclusive.
 * A span outside its document, empty, or with an unknown label is refused with
 * BZ_STORE_ERROR_INVALID. The surface text is cut from the document and stored.
 * Changes carry the store's reviewer and write a history row (before/after).
 */

/* Returns: the new span's id, or 0 with @error set. @span's id, document and
 * surface are filled in. A span with the same document, bounds and label that is
 * already stored is not duplicated: its id is returned. The origin defaults to
 * "human"; the span's reviewer, when unset, becomes the store's reviewer unless
 * the span is a suggestion from elsewhere (undecided suggestions carry none). */
gint64      bz_store_add_span       (BzStore     *self,
                                     gint64       document_id,
                                     BzSpan      *span,
                                     GError     **error);
gboolean    bz_store_set_span_label (BzStore     *self,
                                     gint64       span_id,
                                     const char  *label,
                                     GError     **error);
gboolean    bz_store_set_span_bounds (BzStore    *self,
                                      gint64      span_id,
                                      gint64      start,
                                      gint64      end,
                                      GError    **error);
gboolean    bz_store_set_span_status (BzStore     *self,
                                      gint64       span_id,
                                      BzSpanStatus status,
                                      GError     **error);
gboolean    bz_store_set_span_note  (BzStore     *self,
                                     gint64       span_id,
                                     const char  *note,
                                     GError     **error);
/* @attributes_json: (nullable): a JSON object; anything else is refused (INVALID) */
gboolean    bz_store_set_span_attributes (BzStore    *self,
                                          gint64      span_id,
                                          const char *attributes_json,
                                          GError    **error);
gboolean    bz_store_delete_span    (BzStore     *self,
                                     gint64       span_id,
                                     GError     **error);
/* Returns: (transfer full) (nullable) */
BzSpan     *bz_store_get_span       (BzStore     *self,
                                     gint64       span_id,
                                     GError     **error);
/* Returns: (transfer full) (element-type BzSpan): the document's spans by bz_span_compare() */
GPtrArray  *bz_store_list_spans     (BzStore     *self,
                                     gint64       document_id,
                                     GError     **error);

/* ---- Relations -----------------------------------------------------------
 * A typed link between two spans of one document (has_value: INDICATOR →
 * VALUE, located_in: PROJECT → PLACE, ...; see the annotation guide). A
 * relation goes with its spans: deleting either span deletes it, in the same
 * action. Relations record their origin, reviewer and time. Adding and
 * deleting one is an action of the history (entity "relation"; its rows hold
 * the relation as {"from", "to", "type", "origin", "reviewer", "created"}),
 * which undo and redo replay: one undo of a span's deletion brings back the
 * span and its relations. */
typedef struct
{
  gint64  id;
  gint64  from_span;
  gint64  to_span;
  char   *type;
  char   *origin;      /* "human", "import:FORMAT", ... */
  char   *reviewer;    /* (nullable) */
  gint64  created;     /* seconds since the epoch */
} BzRelation;

void        bz_relation_free        (BzRelation  *relation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzRelation, bz_relation_free)

/**
 * bz_store_add_relation:
 * @type: the relation's type: a non-empty name without white space
 * @origin: (nullable): where it comes from; %NULL for "human"
 *
 * Links two different spans of the same document. The same link added again
 * returns the id it already has. Spans that do not exist (NOT_FOUND), a span
 * linked to itself, spans of two documents or a bad type (INVALID) are refused.
 *
 * Returns: the relation's id, or 0 with @error set
 */
gint64      bz_store_add_relation   (BzStore     *self,
                                     gint64       from_span,
                                     gint64       to_span,
                                     const char  *type,
                                     const char  *origin,
                                     GError     **error);
gboolean    bz_store_delete_relation (BzStore    *self,
                                      gint64      relation_id,
                                      GError    **error);
/* Returns: the number of relations in the workspace, or -1 with @error set */
gint64      bz_store_count_relations (BzStore    *self,
                                      GError    **error);
/* Returns: (transfer full) (element-type BzRelation): the document's relations by id */
GPtrArray  *bz_store_list_relations (BzStore     *self,
                                     gint64       document_id,
                                     GError     **error);

/* ---- Search --------------------------------------------------------------- */

/**
 * BzSearchFlags:
 * @BZ_SEARCH_DEFAULT: characters match when they fold to the same simplified form
 * @BZ_SEARCH_IGNORE_CASE: letters match in either case too (GDP finds gdp)
 */
typedef enum
{
  BZ_SEARCH_DEFAULT = 0,
  BZ_SEARCH_IGNORE_CASE = 1 << 0,
} BzSearchFlags;

/**
 * BzSearchHit:
 * @document_id: the document
 * @title: its title
 * @start: the hit's first code point in the document's canonical text
 * @end: the code point after it (exclusive); @end - @start is the query's length
 * @context: up to 20 code points of text on either side of the hit and the hit,
 *   on one line: line breaks and tabs show as spaces, one for one
 * @context_start: where @context starts in the document (code points): the hit
 *   is the code points [@start - @context_start, @end - @context_start) of @context
 *
 * One place a search found.
 */
typedef struct
{
  gint64  document_id;
  char   *title;
  gint64  start;
  gint64  end;
  char   *context;
  gint64  context_start;
} BzSearchHit;

void        bz_search_hit_free      (BzSearchHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzSearchHit, bz_search_hit_free)

/**
 * bz_store_search:
 * @query: UTF-8; an empty query finds nothing
 * @max_hits: the most hits returned, 0 for all (ask for N + 1 to know whether
 *   there are more than N)
 *
 * Finds @query in every document's canonical text, comparing both folded to
 * simplified script (東城區 finds 东城区 and the reverse) and, with
 * %BZ_SEARCH_IGNORE_CASE, in lower case. Hits of a document do not overlap.
 * A query that is not UTF-8 is refused (%BZ_STORE_ERROR_INVALID).
 *
 * Returns: (transfer full) (element-type BzSearchHit): hits by document id
 *   then position, or %NULL with @error set
 */
GPtrArray  *bz_store_search         (BzStore        *self,
                                     const char     *query,
                                     BzSearchFlags   flags,
                                     guint           max_hits,
                                     GError        **error);

/* Returns: the number of spans of the document (any status), or -1 with @error set */
gint64      bz_store_count_spans    (BzStore     *self,
                                     gint64       document_id,
                                     GError     **error);

/* ---- History -------------------------------------------------------------
 * Undo reverts the newest undoable action of the current reviewer that is not
 * undone yet; redo re-applies the oldest undone one after it. A new action drops
 * the redo list. Both are stored, so they work across a reopen.
 * @out_document_id: (out) (optional): the document the action touched
 */
gboolean    bz_store_can_undo       (BzStore     *self);
gboolean    bz_store_can_redo       (BzStore     *self);
gboolean    bz_store_undo           (BzStore     *self,
                                     gint64      *out_document_id,
                                     GError     **error);
gboolean    bz_store_redo           (BzStore     *self,
                                     gint64      *out_document_id,
                                     GError     **error);

/**
 * BzHistoryEntry:
 * @id: the history row
 * @action_id: the action (one change, or a begin/commit group) it belongs to
 * @kind: "change", or "undo"/"redo" for the rows that undo and redo wrote
 * @description: what the action did
 * @undoable: whether undo may revert the action
 * @state: "done", "undone", or "dropped" (undone and past redoing)
 * @span_id: the span changed, or the document when @entity is "document", or
 *   the relation when @entity is "relation"
 * @document_id: its document
 * @op: "add", "update" or "delete"
 * @before: (nullable): the row as a JSON object before the change (%NULL for
 *   an add): a span's columns; a document's {"status", "title", "note"}; a
 *   relation's {"from", "to", "type", "origin", "reviewer", "created"}
 * @after: (nullable): the row after the change (%NULL for a delete)
 * @reviewer: who made the change
 * @timestamp: when, in seconds since the Unix epoch
 * @entity: what changed: "span", "relation", or "document" (its status,
 *   title or note)
 *
 * One row of the audit trail.
 */
typedef struct
{
  gint64    id;
  gint64    action_id;
  char     *kind;
  char     *description;
  gboolean  undoable;
  char     *state;
  gint64    span_id;
  gint64    document_id;
  char     *op;
  char     *before;
  char     *after;
  char     *reviewer;
  gint64    timestamp;
  char     *entity;
} BzHistoryEntry;

void        bz_history_entry_free   (BzHistoryEntry *entry);

/* @document_id: a document, or 0 for all
 * Returns: (transfer full) (element-type BzHistoryEntry): the history, oldest first */
GPtrArray  *bz_store_list_history   (BzStore     *self,
                                     gint64       document_id,
                                     GError     **error);
/**
 * bz_store_list_span_history:
 * @span_id: a span (it may have been deleted since)
 *
 * Every change of the span and of the relations from or to it (@entity
 * "span" or "relation"), oldest first, with who, when, op, before and after:
 * what a span's history panel shows. A span without history that does not
 * exist is refused (%BZ_STORE_ERROR_NOT_FOUND).
 *
 * Returns: (transfer full) (element-type BzHistoryEntry): the entries
 */
GPtrArray  *bz_store_list_span_history (BzStore  *self,
                                        gint64    span_id,
                                        GError  **error);

/* Signals (emitted after the change is committed):
 *   "spans-changed" (gint64 document_id, GArray *span_ids): spans or relations of a
 *     document were added, changed or removed
 *   "documents-changed" (): documents were added, their status, title or note changed,
 *     or the review mode or the assignment changed
 *   "labels-changed" (): the workspace's labels were replaced
 */

/* ---- Confidence: bulk acceptance, the least sure first ---------------------- */

/**
 * bz_store_add_decision_counts:
 * @self: a #BzStore
 * @calibration: the counts to add to
 * @error: a #GError
 *
 * Adds the workspace's decisions on the extractor's suggestions to
 * @calibration, per source and label: an accepted suggestion was right, a
 * rejected one, or one a reviewer relabelled or moved (which takes away its
 * confidence), was wrong. Spans without a source (added by reviewers,
 * imported) do not count, nor suggestions accepted in bulk
 * (bz_store_bulk_accept()), which no reviewer read one by one.
 *
 * Returns: %TRUE on success
 */
gboolean    bz_store_add_decision_counts (BzStore        *self,
                                          BzCalibration  *calibration,
                                          GError        **error);

/**
 * bz_store_pick_threshold:
 * @self: a #BzStore
 * @calibration: (nullable): the counts measured on gold, %NULL for the
 *   default table (bz_calibration_load_default())
 * @target: the precision to reach, such as %BZ_CALIBRATION_DEFAULT_TARGET
 * @out_threshold: (out): the lowest confidence threshold whose measured
 *   precision, on @calibration's counts refined by the workspace's decisions
 *   (bz_store_add_decision_counts()), is at least @target;
 *   %BZ_CALIBRATION_NO_THRESHOLD (above every confidence) when none is
 * @out_precision: (out) (optional): the measured precision at that threshold
 * @error: a #GError
 *
 * Returns: %TRUE on success (also when no threshold reaches @target)
 */
gboolean    bz_store_pick_threshold      (BzStore              *self,
                                          const BzCalibration  *calibration,
                                          double                target,
                                          double               *out_threshold,
                                          double               *out_precision,
                                          GError              **error);

/**
 * bz_store_count_bulk_accept:
 * @self: a #BzStore
 * @document_id: a document, or 0 for every document of the workspace
 * @threshold: the lowest confidence to accept
 * @out_per_label: (out) (optional) (transfer full) (element-type utf8 guint):
 *   how many per label (GUINT_TO_POINTER() values); labels without any are absent
 * @error: a #GError
 *
 * Counts what bz_store_bulk_accept() would accept: the undecided suggestions
 * whose confidence is at or above @threshold (a span without a confidence
 * never is).
 *
 * Returns: how many, or -1 with @error set
 */
gint64      bz_store_count_bulk_accept   (BzStore      *self,
                                          gint64        document_id,
                                          double        threshold,
                                          GHashTable  **out_per_label,
                                          GError      **error);

/**
 * bz_store_bulk_accept:
 * @self: a #BzStore
 * @document_id: a document, or 0 for every document of the workspace
 * @threshold: the lowest confidence to accept
 * @out_n_accepted: (out) (optional): how many suggestions were accepted
 * @error: a #GError
 *
 * Accepts every undecided suggestion whose confidence is at or above
 * @threshold as one undoable action (one bz_store_undo() reverts them all).
 * They are marked accepted in bulk (bz_span_get_accepted_in_bulk()) until a
 * reviewer decides on them again.
 * Accepting nothing records no action. Emits #BzStore::spans-changed.
 *
 * Returns: %TRUE on success; on failure nothing is accepted
 */
gboolean    bz_store_bulk_accept         (BzStore      *self,
                                          gint64        document_id,
                                          double        threshold,
                                          guint        *out_n_accepted,
                                          GError      **error);

/**
 * bz_store_count_uncertain:
 * @self: a #BzStore
 * @document_id: a document
 * @threshold: the confidence below which a suggestion is uncertain
 * @error: a #GError
 *
 * Returns: how many undecided suggestions of the document have a confidence
 *   below @threshold or none at all (what a reviewer still has to look at
 *   after bulk acceptance), or -1 with @error set
 */
gint64      bz_store_count_uncertain     (BzStore      *self,
                                          gint64        document_id,
                                          double        threshold,
                                          GError      **error);

/**
 * bz_store_count_uncertain_by_document:
 * @self: a #BzStore
 * @threshold: the confidence below which a suggestion is uncertain
 * @error: a #GError
 *
 * bz_store_count_uncertain() of every document at once, for a document list.
 *
 * Returns: (transfer full) (nullable) (element-type gint64 guint): document id
 *   (a #gint64 key, g_int64_hash()) → count (GUINT_TO_POINTER()); documents
 *   without any are absent; %NULL with @error set
 */
GHashTable *bz_store_count_uncertain_by_document (BzStore  *self,
                                                  double    threshold,
                                                  GError  **error);

/**
 * bz_store_list_least_sure:
 * @self: a #BzStore
 * @document_id: a document
 * @error: a #GError
 *
 * The undecided suggestions of a document, the least sure first: by
 * confidence ascending (those without a confidence first), then in text order.
 *
 * Returns: (transfer full) (element-type BzSpan) (nullable): the spans, or
 *   %NULL with @error set
 */
GPtrArray  *bz_store_list_least_sure     (BzStore      *self,
                                          gint64        document_id,
                                          GError      **error);

/**
 * BzStoreModel:
 * @id: the model's number: its suggestions' origin is "model@@id"
 * @format: the format version of its blob (bz_tagger_load() reads up to its own)
 * @trained_on: a JSON array of the reports it learned from ({"title", "sha256"})
 * @n_reports: how many reports it learned from
 * @scores: a JSON object of what was measured when it was trained
 * @trained_by: who trained it (a reviewer, or "default" for the model a new
 *   workspace starts from)
 * @created: when, seconds since the epoch
 * @active: the extractor combines this model with its rules
 * @size: the blob's size in bytes
 *
 * A trained tagger kept in the workspace.
 */
typedef struct
{
  gint64    id;
  gint64    format;
  char     *trained_on;
  gint64    n_reports;
  char     *scores;
  char     *trained_by;
  gint64    created;
  gboolean  active;
  gint64    size;
} BzStoreModel;

void        bz_store_model_free          (BzStoreModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzStoreModel, bz_store_model_free)

/**
 * bz_store_add_model:
 * @self: a #BzStore
 * @blob: the model, as bz_tagger_save() writes it
 * @format: its format version
 * @trained_on: (nullable): a JSON array of the reports it learned from
 * @n_reports: how many
 * @scores: (nullable): a JSON object of its measures
 * @trained_by: (nullable): who trained it; %NULL for the store's reviewer
 * @activate: make it the active model (the one active before stays stored)
 * @error: a #GError
 *
 * Stores a model; with @activate emits #BzStore::model-changed.
 *
 * Returns: the new model's id, or 0 with @error set (nothing is stored)
 */
gint64      bz_store_add_model           (BzStore      *self,
                                          GBytes       *blob,
                                          gint64        format,
                                          const char   *trained_on,
                                          gint64        n_reports,
                                          const char   *scores,
                                          const char   *trained_by,
                                          gboolean      activate,
                                          GError      **error);

/**
 * bz_store_list_models:
 * @self: a #BzStore
 * @error: a #GError
 *
 * Returns: (transfer full) (element-type BzStoreModel) (nullable): the
 *   workspace's models, oldest first (without their blobs), or %NULL with @error set
 */
GPtrArray  *bz_store_list_models         (BzStore      *self,
                                          GError      **error);

/**
 * bz_store_get_model_blob:
 * @self: a #BzStore
 * @model_id: a model, or 0 for the active one
 * @out_model: (out) (optional) (transfer full): the model's row
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the model's blob; %NULL without an
 *   error when @model_id is 0 and no model is active; %NULL with
 *   %BZ_STORE_ERROR_NOT_FOUND when there is no model @model_id
 */
GBytes     *bz_store_get_model_blob      (BzStore       *self,
                                          gint64         model_id,
                                          BzStoreModel **out_model,
                                          GError       **error);

/**
 * bz_store_activate_model:
 * @self: a #BzStore
 * @model_id: a stored model, or 0 for none (the rules alone)
 * @error: a #GError
 *
 * Makes an earlier model the active one again (or none). Emits
 * #BzStore::model-changed.
 *
 * Returns: %TRUE on success
 */
gboolean    bz_store_activate_model      (BzStore      *self,
                                          gint64        model_id,
                                          GError      **error);

/* ---- Working apart, merging back ------------------------------------------
 * A reviewer's work leaves a workspace as a work file and is merged into
 * another (the team's). A work file is JSON Lines: first a header
 * {"format": "biaozhu-work", "version": BZ_WORK_FORMAT_VERSION, "schema":
 * BZ_STORE_SCHEMA_VERSION, "reviewer": NAME, "labels": [the workspace's label
 * names, sorted]}, then one line per report on which the reviewer's layer
 * has spans: {"title", "sha256" (of the canonical text), "status", "text"
 * (canonical), "spans": [{"start", "end", "label", "surface", "status",
 * "origin", "reviewer", "attributes", "note", "confidence", "source",
 * "accepted_in_bulk", "created", "updated", "history": [{"action" (its id
 * in the file's workspace), "description", "op", "before", "after" (the
 * span's columns as history keeps them: the text of a JSON object, or null),
 * "reviewer", "timestamp"}]}]}. Relations are not carried.
 */

/* The version of the work files this build writes and reads up to. */
#define BZ_WORK_FORMAT_VERSION 1

/**
 * BzMergeConflict:
 * @document_id: the report in the workspace
 * @title: its title in the work file
 * @start: the span's first code point
 * @end: the code point after it
 * @label: its label
 * @kept_status: the status of the span in the workspace, which stays
 * @file_status: the status the work file gives it, which is not applied
 *
 * A span of the reviewer's layer that the work file and the workspace both
 * hold with other decisions.
 */
typedef struct
{
  gint64  document_id;
  char   *title;
  gint64  start;
  gint64  end;
  char   *label;
  char   *kept_status;
  char   *file_status;
} BzMergeConflict;

void        bz_merge_conflict_free     (BzMergeConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzMergeConflict, bz_merge_conflict_free)

/**
 * BzMergeReport:
 * @reviewer: whose work the file holds
 * @n_reports: the reports of the file
 * @n_reports_added: of which the workspace did not have (added from the
 *   file's text)
 * @n_spans_added: the spans added to the reviewer's layer
 * @n_spans_kept: the spans the layer held already with the same status
 * @n_history_added: the history rows recreated for the added spans
 * @conflicts: (element-type BzMergeConflict): the spans the layer held with
 *   another status
 *
 * What bz_store_merge_work() did.
 */
typedef struct
{
  char      *reviewer;
  guint      n_reports;
  guint      n_reports_added;
  guint      n_spans_added;
  guint      n_spans_kept;
  guint      n_history_added;
  GPtrArray *conflicts;
} BzMergeReport;

void        bz_merge_report_free       (BzMergeReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzMergeReport, bz_merge_report_free)

/**
 * bz_store_export_work:
 * @reviewer: a reviewer's name (not empty, not starting with @)
 * @path: the work file to write; replaced only once written whole
 *
 * Writes the reviewer's layer, with its reports and the spans' history, as a
 * work file, whatever the store's review mode and reviewer are.
 */
gboolean    bz_store_export_work       (BzStore      *self,
                                        const char   *reviewer,
                                        const char   *path,
                                        GError      **error);
/**
 * bz_store_merge_work:
 * @path: a work file (bz_store_export_work())
 * @out_report: (out) (optional) (transfer full): what the merge did
 *
 * Merges a reviewer's work into the workspace, in one transaction: on any
 * failure nothing is written. A file whose header is missing or malformed,
 * whose version or schema is newer than this build's
 * (%BZ_STORE_ERROR_TOO_NEW) or whose labels are not the workspace's
 * (%BZ_STORE_ERROR_INVALID) is refused, as is a malformed report line (the
 * message names the file and line).
 *
 * A report is the workspace's report of the same canonical text; one the
 * workspace lacks is added from the file's text with the file's status.
 * Each span goes into the reviewer's layer unless the layer has a span of the
 * same bounds and label: that one stays as it is, and when its status differs
 * the pair is reported in @out_report's conflicts (other reviewers' layers
 * are never touched). An added span's history is recreated with its original
 * reviewers, timestamps and descriptions, as actions that undo does not
 * revert. Merging the same file again changes nothing.
 *
 * The workspace is in independent review afterwards: a workspace in shared
 * review is set to independent review in the same transaction when nothing
 * is decided in it (no decision in the shared layer and no reviewer's
 * layer); otherwise it is refused (%BZ_STORE_ERROR_INVALID), since switching
 * would change what its reviewers see: that is for them to choose
 * (bz_store_set_review_mode()).
 */
gboolean    bz_store_merge_work        (BzStore        *self,
                                        const char     *path,
                                        BzMergeReport **out_report,
                                        GError        **error);

G_END_DECLS
