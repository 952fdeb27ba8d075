/* bz-format-private.h: the table of formats and helpers shared by writers and readers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "bz-format.h"

G_BEGIN_DECLS

/* Byte offsets of every code point of a record's text (n_chars + 1 entries), so
 * that cutting a surface costs nothing however long the text is. */
typedef struct
{
  const char *text;
  gint64      n_chars;
  gsize      *bytes;
} BzTextIndex;

void        _bz_text_index_init    (BzTextIndex *index,
                                    const char  *text);
void        _bz_text_index_clear   (BzTextIndex *index);
/* Appends the code points [start, end) of the text. */
void        _bz_text_index_append  (const BzTextIndex *index,
                                    GString           *out,
                                    gint64             start,
                                    gint64             end);
gboolean    _bz_text_index_equal   (const BzTextIndex *index,
                                    gint64             start,
                                    gint64             end,
                                    const char        *surface);

/* Keeps the spans whose @keep entry is TRUE, in their order, and the relations
 * whose ends both stay. */
void        _bz_record_keep_spans  (BzRecord       *self,
                                    const gboolean *keep);

/* ---- A small JSON writer -------------------------------------------------
 * Appends compact JSON to a GString. Strings are written as UTF-8 with the
 * escapes RFC 8259 requires (quote, backslash, control characters); the tests
 * read everything it writes back with json-glib's parser. */
void        _bz_json_string        (GString    *out,
                                    const char *str);
void        _bz_json_int           (GString    *out,
                                    gint64      value);
/* Writes "key": with a leading comma unless @first. */
void        _bz_json_key           (GString    *out,
                                    const char *key,
                                    gboolean    first);
/* Writes JSON text (an attributes object) in json-glib's compact form, or null. */
gboolean    _bz_json_raw           (GString    *out,
                                    const char *json,
                                    GError    **error);

/* ---- Reading -------------------------------------------------------------
 * A reader's context: the file's name, where the item being read starts, and the
 * first error. The getters return a default once an error is set, so a reader
 * checks ctx->error once per item. Every access checks the node's type first. */
typedef struct
{
  const char *name;
  guint       line;
  guint       column;
  char       *where;
  GError     *error;
} BzReadCtx;

void        _bz_read_ctx_clear     (BzReadCtx  *ctx);
void        _bz_read_fail          (BzReadCtx  *ctx,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (2, 3);
JsonObject *_bz_read_object        (BzReadCtx  *ctx,
                                    JsonNode   *node,
                                    const char *what);
JsonArray  *_bz_read_array         (BzReadCtx  *ctx,
                                    JsonNode   *node,
                                    const char *what);
gint64      _bz_read_int           (BzReadCtx  *ctx,
                                    JsonNode   *node,
                                    const char *what);
const char *_bz_read_string        (BzReadCtx  *ctx,
                                    JsonNode   *node,
                                    const char *what);
/* Members: NULL/0 when absent and not @required; an error when of another type. */
JsonNode   *_bz_read_member        (BzReadCtx  *ctx,
                                    JsonObject *object,
                                    const char *member,
                                    gboolean    required);
const char *_bz_read_member_string (BzReadCtx  *ctx,
                                    JsonObject *object,
                                    const char *member,
                                    gboolean    required);
gint64      _bz_read_member_int    (BzReadCtx  *ctx,
                                    JsonObject *object,
                                    const char *member,
                                    gboolean    required);
/* Adds a span after checking its offsets (and @surface when given) against the
 * text. @end is where the span ends, or its last character when @end_inclusive
 * (CLUENER): the offsets are checked as the file gives them, without arithmetic
 * that could overflow, and messages quote them that way. */
BzRecordSpan *_bz_read_add_span_full (BzReadCtx         *ctx,
                                      BzRecord          *record,
                                      const BzTextIndex *index,
                                      gint64             start,
                                      gint64             end,
                                      gboolean           end_inclusive,
                                      const char        *label,
                                      const char        *surface);

static inline BzRecordSpan *
_bz_read_add_span (BzReadCtx         *ctx,
                   BzRecord          *record,
                   const BzTextIndex *index,
                   gint64             start,
                   gint64             end,
                   const char        *label,
                   const char        *surface)
{
  return _bz_read_add_span_full (ctx, record, index, start, end, FALSE, label, surface);
}

/* Reads "chunk_offset", which marks a piece of a chunked document. */
void        _bz_read_chunk         (BzReadCtx  *ctx,
                                    JsonObject *object,
                                    BzRecord   *record);
/* Makes a record from a text that a reader found (checked to be UTF-8 without NUL). */
BzRecord   *_bz_read_new_record    (BzReadCtx  *ctx,
                                    const char *text);

/* Reads one item of a JSON format into a record (NULL with ctx->error set). */
typedef BzRecord *(*BzReadItemFunc) (BzReadCtx *ctx,
                                     JsonNode  *item,
                                     guint      index);

/* The [[start, end, "LABEL"], ...] list that doccano and spaCy share. */
void        _bz_json_offset_triples (GString        *out,
                                     const BzRecord *record);
/* Reads such a list into @record's spans; @what names it in messages. */
void        _bz_read_offset_triples (BzReadCtx         *ctx,
                                     BzRecord          *record,
                                     const BzTextIndex *index,
                                     JsonArray         *triples,
                                     const char        *what);

/* ---- The formats -------------------------------------------------------- */

typedef struct
{
  BzFormat    format;
  const char *name;
  const char *extension;
  gboolean    flat;
  gboolean    folder;
  gboolean    has_status;
  /* Writes a span's origin, reviewer, attributes or note. */
  gboolean    details;
  /* Text before the first record, between two records and after the last. */
  const char *head;
  const char *separator;
  const char *tail;
  /* Appends one record. */
  gboolean  (*write) (GString        *out,
                      const BzRecord *record,
                      GError        **error);
  /* JSON formats: where the items are (NULL for JSON Lines, one item per line;
   * "" when the top level is the array of items; else the member of the top-level
   * object that holds them), how one is read, and an optional check of the top
   * level before any item is read. */
  const char      *items;
  BzReadItemFunc   read_item;
  gboolean       (*check_root) (JsonNode    *root,
                                const char  *name,
                                GError     **error);
  /* Other formats read the data themselves, handing each record to @sink. */
  gboolean       (*read) (const char    *data,
                          gsize          length,
                          const char    *name,
                          BzRecordFunc   sink,
                          gpointer       sink_data,
                          GError       **error);
} BzFormatClass;

/* How deep JSON may nest: json-glib's parser recurses once per level, and
 * what the formats hold nests a handful of levels. */
#define BZ_JSON_MAX_DEPTH 512

/* Refuses JSON text nested deeper than BZ_JSON_MAX_DEPTH, the comments and
 * single-quoted strings that json-glib would read (they could hide a bracket
 * from the check), and what json-glib 1.6 reads wrong (escapes of half a
 * surrogate pair, \u0000, unknown escapes, a second top-level value), with
 * "NAME:LINE:COLUMN: cause", lines counted from @line_base + 1. Every parse of
 * a file's JSON with json-glib comes after it. */
gboolean    _bz_json_check_depth   (const char  *data,
                                    gsize        length,
                                    const char  *name,
                                    guint        line_base,
                                    GError     **error);

/* Parses JSON with json-glib, turning its syntax errors into "NAME:LINE:COLUMN: ...",
 * and hands each item's record to @sink, with ctx pointing at the item's line and
 * column. Blank lines of JSON Lines are skipped. */
gboolean    _bz_read_json_items    (const char           *data,
                                    gsize                 length,
                                    const char           *name,
                                    const BzFormatClass  *klass,
                                    BzRecordFunc          sink,
                                    gpointer              sink_data,
                                    GError              **error);

const BzFormatClass *_bz_format_get_class (BzFormat format);

extern const BzFormatClass _bz_format_native;
extern const BzFormatClass _bz_format_doccano;
extern const BzFormatClass _bz_format_label_studio;
extern const BzFormatClass _bz_format_cluener;
extern const BzFormatClass _bz_format_spacy;
extern const BzFormatClass _bz_format_bio;
extern const BzFormatClass _bz_format_bioes;
extern const BzFormatClass _bz_format_brat;

/* brat writes a pair of files per record. */
void        _bz_format_brat_name   (const BzRecord *record,
                                    guint           index,
                                    GString        *out);
/* Whether @name is one that _bz_format_brat_name() gives a .txt or .ann file. */
gboolean    _bz_format_brat_owns_name (const char  *name);
gboolean    _bz_format_brat_ann    (GString        *out,
                                    const BzRecord *record,
                                    GError        **error);
gboolean    _bz_format_brat_read   (const char     *path,
                                    BzRecordFunc    sink,
                                    gpointer        sink_data,
                                    GError        **error);

G_END_DECLS
