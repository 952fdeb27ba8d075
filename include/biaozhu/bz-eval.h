/* bz-eval.h: scoring predicted spans against gold annotations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "bz-types.h"

G_BEGIN_DECLS

/**
 * BzEvalSet:
 *
 * The documents of one side of an evaluation (gold or prediction), read from JSONL:
 * one object per line with "text", an optional "id" (string or integer) and the spans
 * under "label" (doccano), "spans" or "entities". A span is `[start, end, "LABEL"]`
 * or an object with "start"/"end" (or "start_offset"/"end_offset") and "label".
 * Offsets are code points into "text", end exclusive. Blank lines are skipped.
 * Exact duplicate spans of a document count once (they are counted in
 * bz_eval_set_get_n_duplicates()).
 */
typedef struct _BzEvalSet BzEvalSet;

BzEvalSet *bz_eval_set_new            (void);
void       bz_eval_set_free           (BzEvalSet   *self);

/**
 * bz_eval_set_add_file:
 * @self: a #BzEvalSet
 * @path: a JSONL file
 * @error: a #GError
 *
 * Reads the documents of @path into @self. A malformed file is refused as a whole with
 * %BZ_FORMAT_ERROR_PARSE and a message "FILE:LINE:COLUMN: cause"; @self is then left
 * as it was.
 *
 * Returns: %TRUE on success
 */
gboolean   bz_eval_set_add_file       (BzEvalSet   *self,
                                       const char  *path,
                                       GError     **error);

/**
 * bz_eval_set_add_data:
 * @self: a #BzEvalSet
 * @data: JSONL text
 * @length: its length in bytes, or -1 when NUL-terminated
 * @name: the name used in error messages (a file name)
 * @error: a #GError
 *
 * Like bz_eval_set_add_file() on text in memory.
 *
 * Returns: %TRUE on success
 */
gboolean   bz_eval_set_add_data       (BzEvalSet   *self,
                                       const char  *data,
                                       gssize       length,
                                       const char  *name,
                                       GError     **error);

guint      bz_eval_set_get_n_documents  (BzEvalSet  *self);
/* Spans with @label, or all spans when @label is %NULL (duplicates counted once). */
guint      bz_eval_set_get_n_spans      (BzEvalSet  *self,
                                         const char *label);
guint      bz_eval_set_get_n_duplicates (BzEvalSet  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzEvalSet, bz_eval_set_free)

/**
 * BzEvalPrf:
 * @tp: true positives (matched pairs)
 * @precision: @tp / predicted spans, 0 when nothing was predicted
 * @recall: @tp / gold spans, 0 when there is no gold span
 * @f1: harmonic mean of @precision and @recall, 0 when both are 0
 */
typedef struct
{
  guint  tp;
  double precision;
  double recall;
  double f1;
} BzEvalPrf;

/**
 * BzEvalScore:
 * @label: the label, or %NULL for the micro average over all labels
 * @n_gold: gold spans
 * @n_pred: predicted spans
 * @strict: exact boundaries and label
 * @lenient: overlapping boundaries and the same label; every gold and every
 *   predicted span takes part in at most one match, exact matches first
 */
typedef struct
{
  const char *label;
  guint       n_gold;
  guint       n_pred;
  BzEvalPrf   strict;
  BzEvalPrf   lenient;
} BzEvalScore;

typedef enum
{
  BZ_EVAL_MISSED,          /* a gold span with no exact prediction */
  BZ_EVAL_FALSE_POSITIVE,  /* a predicted span with no exact gold span */
} BzEvalMissKind;

/**
 * BzEvalMiss:
 * @kind: missed gold span or false positive
 * @label: its label
 * @surface: its text
 * @count: how often this surface and label was missed (or wrongly predicted)
 * @doc_id: the first occurrence's document (its id, or "line N" of the gold file)
 * @start: the first occurrence's start
 * @end: the first occurrence's end
 * @context: a few characters around the first occurrence, the span in [brackets]
 * @overlap: (nullable): at the first occurrence, the overlapping span of the other side
 *   ("王府井地区 PLACE"): a boundary or label error rather than a plain miss
 *
 * A strict error, grouped by kind, label and surface.
 */
typedef struct
{
  BzEvalMissKind  kind;
  const char     *label;
  const char     *surface;
  guint           count;
  const char     *doc_id;
  gint64          start;
  gint64          end;
  const char     *context;
  const char     *overlap;
} BzEvalMiss;

typedef struct _BzEvalReport BzEvalReport;

/**
 * bz_eval_compare:
 * @gold: the gold documents
 * @pred: the predicted documents
 * @error: a #GError
 *
 * Matches every predicted document to a gold document, by id when both have ids,
 * otherwise by text, and scores the spans. A gold document without a
 * prediction counts as predicted empty; a predicted document that matches no gold
 * document is not scored (see bz_eval_report_get_n_unmatched()). Refuses with
 * %BZ_FORMAT_ERROR_MISMATCH a predicted document whose text differs from the gold text
 * of the same id, or that matches a gold document already matched.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
BzEvalReport      *bz_eval_compare              (BzEvalSet    *gold,
                                                 BzEvalSet    *pred,
                                                 GError      **error);
void               bz_eval_report_free          (BzEvalReport *self);

/* The micro average over all spans. */
const BzEvalScore *bz_eval_report_get_micro     (BzEvalReport *self);
/* Labels present in gold or prediction: the default schema's order, then by name. */
guint              bz_eval_report_get_n_labels  (BzEvalReport *self);
const BzEvalScore *bz_eval_report_get_score     (BzEvalReport *self,
                                                 guint         index);
/* Returns: (nullable): the score of @label, %NULL when neither side has it */
const BzEvalScore *bz_eval_report_lookup        (BzEvalReport *self,
                                                 const char   *label);
/* Gold documents that had no predicted document. */
guint              bz_eval_report_get_n_unpredicted (BzEvalReport *self);
/* Predicted documents that matched no gold document (not scored). */
guint              bz_eval_report_get_n_unmatched   (BzEvalReport *self);

/* Strict errors of @kind, most frequent first (then by label and surface). */
guint              bz_eval_report_get_n_misses  (BzEvalReport   *self,
                                                 BzEvalMissKind  kind);
const BzEvalMiss  *bz_eval_report_get_miss      (BzEvalReport   *self,
                                                 BzEvalMissKind  kind,
                                                 guint           index);

/**
 * bz_eval_report_to_text:
 * @self: a report
 * @max_misses: how many missed spans and false positives to list (each)
 *
 * Returns: (transfer full): a table of the scores and the worst misses for a terminal
 */
char              *bz_eval_report_to_text       (BzEvalReport *self,
                                                 guint         max_misses);

/**
 * bz_eval_report_to_json:
 * @self: a report
 * @max_misses: how many missed spans and false positives to list (each)
 *
 * Returns: (transfer full): the report as a JSON object (pretty-printed)
 */
char              *bz_eval_report_to_json       (BzEvalReport *self,
                                                 guint         max_misses);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzEvalReport, bz_eval_report_free)

G_END_DECLS
