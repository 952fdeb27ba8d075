/* bz-format.h: annotation records and the writers and readers of the exchange formats
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "bz-types.h"

G_BEGIN_DECLS

/* The offset unit every export records where the format has room for it. */
#define BZ_FORMAT_OFFSET_UNIT "codepoint"
/* The version of the native format this build writes and the newest it reads. */
#define BZ_FORMAT_NATIVE_VERSION 1

/**
 * BzRecordSpan:
 * @id: the span's id in the store, or a number local to the record (0: none)
 * @start: first code point of the record's text (inclusive)
 * @end: code point after the last (exclusive)
 * @label: the label's name
 * @surface: (nullable): the text at [@start, @end) as stored; checked on export
 * @status: the review status
 * @origin: (nullable): "extractor@VERSION", "human", "import:FORMAT", ...
 * @reviewer: (nullable): who decided last
 * @attributes: (nullable): a JSON object as text
 * @note: (nullable): a reviewer's note
 * @has_confidence: whether @confidence holds the extractor's confidence
 * @confidence: how sure the extractor was of a suggestion, in [0, 1]
 * @source: (nullable): what in the extractor suggested it ("rule:number")
 *
 * One span of a #BzRecord. The strings are owned by the span, unless the
 * record keeps them in its @strings chunk.
 */
typedef struct
{
  gint64        id;
  gint64        start;
  gint64        end;
  char         *label;
  char         *surface;
  BzSpanStatus  status;
  char         *origin;
  char         *reviewer;
  char         *attributes;
  char         *note;
  gboolean      has_confidence;
  double        confidence;
  char         *source;
} BzRecordSpan;

/**
 * BzRecordRelation:
 * @from: index of the source span in the record's @spans
 * @to: index of the target span
 * @type: the relation's name ("has_value", ...)
 */
typedef struct
{
  guint  from;
  guint  to;
  char  *type;
} BzRecordRelation;

/**
 * BzRecord:
 * @id: the document's id (in the store, or as read from a file; 0 when unknown)
 * @title: (nullable): the document's title
 * @text: the canonical text (UTF-8)
 * @n_chars: length of @text in code points
 * @source_path, @sha256, @encoding: (nullable): provenance of the original file
 * @script: the script of the text
 * @status: review progress of the document
 * @note: (nullable): the reviewer's note on the document (on the first piece
 *   only of a chunked document)
 * @chunk_offset: where @text starts in the document's text (0 unless chunked)
 * @chunked: whether the record is a piece of a chunked document
 * @spans: (element-type BzRecordSpan): the spans, any order
 * @relations: (element-type BzRecordRelation): relations between @spans
 * @line: the line of the file a reader found the record on (0 when not read)
 * @strings: (nullable): when set, the strings of @spans live in it (one block
 *   per record instead of a malloc per string) and the spans do not own them;
 *   only the store's reader sets it, and nothing may replace such a string
 *
 * A document with its annotations, independent of the store: the unit that
 * writers write and readers read, one at a time.
 */
typedef struct
{
  gint64            id;
  char             *title;
  char             *text;
  gint64            n_chars;
  char             *source_path;
  char             *sha256;
  char             *encoding;
  BzScript          script;
  BzDocumentStatus  status;
  char             *note;
  gint64            chunk_offset;
  gboolean          chunked;
  GArray           *spans;
  GArray           *relations;
  guint             line;
  GStringChunk     *strings;
} BzRecord;

BzRecord     *bz_record_new           (gint64         id,
                                       const char    *title,
                                       const char    *text);
void          bz_record_free          (BzRecord      *self);
/* Returns: (transfer none): the new span; @surface is cut from the text when NULL */
BzRecordSpan *bz_record_add_span      (BzRecord      *self,
                                       gint64         start,
                                       gint64         end,
                                       const char    *label,
                                       BzSpanStatus   status,
                                       const char    *origin);
void          bz_record_add_relation  (BzRecord      *self,
                                       guint          from,
                                       guint          to,
                                       const char    *type);
/* Sorts the spans by start, longer first, then label (relations follow them). */
void          bz_record_sort_spans    (BzRecord      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzRecord, bz_record_free)

/**
 * bz_record_check_surfaces:
 *
 * Checks that every span lies inside the text and that its stored surface (when
 * it has one) is the text at its offsets. Fails with %BZ_FORMAT_ERROR_MISMATCH
 * naming the document and the span.
 */
gboolean      bz_record_check_surfaces (const BzRecord *self,
                                        GError        **error);

/**
 * bz_record_flatten:
 * @dropped: (element-type utf8) (nullable): receives one message per dropped span
 *
 * Makes the spans non-overlapping for the flat formats. The rule: spans are taken
 * by start, then longer first, then label; a span is kept when it overlaps no
 * span kept before it. A nested span thus loses to the span around it (the outer
 * span is kept), and of two crossing spans the one that starts first is kept.
 * Relations that lose an end are dropped too.
 *
 * Returns: how many spans were dropped
 */
guint         bz_record_flatten       (BzRecord      *self,
                                       GPtrArray     *dropped);

/**
 * bz_record_chunk:
 * @max_chars: the largest chunk, in code points (> 0)
 *
 * Cuts the record into pieces of at most @max_chars code points. Cuts fall after a
 * sentence end (。！？；or a newline) that no span crosses; a sentence longer than
 * @max_chars is cut at the last point before the limit that no span crosses. Span
 * offsets are rebased onto each piece and @chunk_offset set; no span is cut in two.
 * Fails when a span, or a chain of overlapping spans, is longer than @max_chars.
 *
 * Returns: (transfer full) (element-type BzRecord): the pieces
 */
GPtrArray    *bz_record_chunk         (const BzRecord *self,
                                       gint64          max_chars,
                                       GError        **error);

/* ---- Formats --------------------------------------------------------------
 * Offsets are code points, end exclusive, in every format but CLUENER, whose end
 * is inclusive as in its data set. Where a format has room, the file records
 * "offset_unit": "codepoint".
 *
 * native        {"format":"biaozhu","version":1,...,"documents":[...]}: lossless,
 *               the document's and the spans' notes included
 * doccano       JSON Lines {"id","text","label":[[start,end,"LABEL"],...]}; the
 *               document's note as doccano's "Comments":[NOTE] (spans have no notes)
 * label-studio  JSON tasks; accepted spans are the annotation, suggestions predictions;
 *               a span's note is its region's "meta":{"text":[NOTE]}, the document's
 *               the task's "meta":{"note":NOTE}
 * cluener       JSON Lines {"text","label":{"LABEL":{"surface":[[start,last]]}}} (flat)
 * spacy         [[text,{"entities":[[start,end,"LABEL"]]}],...] (flat)
 * bio, bioes    one character per line, "CHAR<TAB>TAG", a blank line after each
 *               sentence (。！？；or a newline, never inside an entity), -DOCSTART-
 *               before each document. Never tokenised on whitespace: a space is
 *               written \s, a newline \n, a tab \t, a backslash \\, other
 *               whitespace and control characters \uXXXX (flat)
 * brat          a folder of NAME.txt and NAME.ann (T, R and AnnotatorNotes lines: a
 *               span's note; brat has no place for the document's)
 *
 * Flat formats cannot hold overlapping spans: see bz_record_flatten() for which
 * span is kept.
 */

typedef enum
{
  BZ_FORMAT_NATIVE,
  BZ_FORMAT_DOCCANO,
  BZ_FORMAT_LABEL_STUDIO,
  BZ_FORMAT_CLUENER,
  BZ_FORMAT_SPACY,
  BZ_FORMAT_BIO,
  BZ_FORMAT_BIOES,
  BZ_FORMAT_BRAT,
  BZ_FORMAT_N_FORMATS,
} BzFormat;

/* "native", "doccano", "label-studio", "cluener", "spacy", "bio", "bioes", "brat" */
const char *bz_format_to_string    (BzFormat     format);
gboolean    bz_format_from_string  (const char  *name,
                                    BzFormat    *format,
                                    GError     **error);
/* The file name extension (".json", ".jsonl", ".conll"), or "" for brat's folders. */
const char *bz_format_get_extension (BzFormat    format);
/* Whether the format cannot hold overlapping spans (flattened on export). */
gboolean    bz_format_is_flat      (BzFormat     format);
/* Whether the format is written to a folder (brat) rather than a file. */
gboolean    bz_format_is_folder    (BzFormat     format);
/* Whether the format stores span statuses (native, label-studio). */
gboolean    bz_format_has_status   (BzFormat     format);
/* Whether the format writes a span's origin, reviewer, attributes or note
 * (native, label-studio, brat's notes). */
gboolean    bz_format_has_details  (BzFormat     format);

/* ---- Writers ----------------------------------------------------------------
 * A writer writes a file without a name in @path's folder (or, for brat, a
 * hidden folder beside @path) and puts it in place of @path on
 * bz_format_writer_commit(). Freeing a writer that was not committed removes
 * what it wrote: @path is left untouched. A replaced file keeps its mode; a brat
 * folder is replaced whole, and one that holds files other than a brat export's
 * is refused (G_FILE_ERROR_EXIST) before anything is written.
 */
typedef struct _BzFormatWriter BzFormatWriter;

BzFormatWriter *bz_format_writer_new    (BzFormat         format,
                                         const char      *path,
                                         GError         **error);
/* Writes one record. Flat formats expect flattened records (bz_record_flatten()). */
gboolean        bz_format_writer_write  (BzFormatWriter  *self,
                                         const BzRecord  *record,
                                         GError         **error);
gboolean        bz_format_writer_commit (BzFormatWriter  *self,
                                         GError         **error);
/* Bytes written so far. */
guint64         bz_format_writer_get_bytes (BzFormatWriter *self);
void            bz_format_writer_free   (BzFormatWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzFormatWriter, bz_format_writer_free)

/**
 * bz_format_write_to_string:
 *
 * Writes records in @format into memory (not for brat). For tests and previews.
 *
 * Returns: (transfer full): the file's contents
 */
char           *bz_format_write_to_string (BzFormat    format,
                                           GPtrArray  *records,
                                           GError    **error);

/* ---- Readers ------------------------------------------------------------- */

/**
 * bz_format_read_file:
 * @path: a file, or for brat a folder of .txt/.ann pairs or one .ann file
 *
 * Reads every record of a file. A malformed file is refused with
 * %BZ_FORMAT_ERROR_PARSE and a message "PATH:LINE:COLUMN: cause".
 * Spans are checked against the text (offsets inside, surfaces matching).
 *
 * Returns: (transfer full) (element-type BzRecord) (nullable): the records
 */
GPtrArray      *bz_format_read_file    (BzFormat     format,
                                        const char  *path,
                                        GError     **error);
/**
 * BzRecordFunc:
 * @record: (transfer full): a record just read
 *
 * Returns: %FALSE with @error set to stop the reading
 */
typedef gboolean (*BzRecordFunc) (BzRecord  *record,
                                  gpointer   user_data,
                                  GError   **error);

/**
 * bz_format_read_file_foreach:
 *
 * Reads a file like bz_format_read_file() but hands each record to @func as soon
 * as it is read, so that a large file is not held as records. A fault stops the
 * reading: the records before it have been handed out.
 */
gboolean        bz_format_read_file_foreach (BzFormat      format,
                                             const char   *path,
                                             BzRecordFunc  func,
                                             gpointer      user_data,
                                             GError      **error);

/* Reads from memory; @name stands for the file in messages. Not for brat. */
GPtrArray      *bz_format_read_data    (BzFormat     format,
                                        const char  *data,
                                        gsize        length,
                                        const char  *name,
                                        GError     **error);

G_END_DECLS
