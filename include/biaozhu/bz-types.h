/* bz-types.h: shared enums, error domains and forward declarations of the core
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _BzStore    BzStore;
typedef struct _BzDocument BzDocument;
typedef struct _BzSpan     BzSpan;
typedef struct _BzLabel    BzLabel;

/**
 * BzSpanStatus:
 * @BZ_SPAN_SUGGESTED: proposed by an extractor or an import, not yet decided
 * @BZ_SPAN_ACCEPTED: kept by a reviewer (or added by one)
 * @BZ_SPAN_REJECTED: turned down by a reviewer
 */
typedef enum
{
  BZ_SPAN_SUGGESTED,
  BZ_SPAN_ACCEPTED,
  BZ_SPAN_REJECTED,
} BzSpanStatus;

/**
 * BzScript:
 * The Chinese script a document is written in.
 */
typedef enum
{
  BZ_SCRIPT_UNKNOWN,
  BZ_SCRIPT_SIMPLIFIED,
  BZ_SCRIPT_TRADITIONAL,
  BZ_SCRIPT_MIXED,
} BzScript;

/**
 * BzDocumentStatus:
 * Review progress of a whole document.
 */
typedef enum
{
  BZ_DOCUMENT_NEW,
  BZ_DOCUMENT_IN_PROGRESS,
  BZ_DOCUMENT_REVIEWED,
} BzDocumentStatus;

const char   *bz_span_status_to_string     (BzSpanStatus      status);
gboolean      bz_span_status_from_string   (const char       *str,
                                            BzSpanStatus     *status);
const char   *bz_script_to_string          (BzScript          script);
BzScript      bz_script_from_string        (const char       *str);
const char   *bz_document_status_to_string (BzDocumentStatus  status);
BzDocumentStatus bz_document_status_from_string (const char  *str);

#define BZ_STORE_ERROR  (bz_store_error_quark ())
#define BZ_IMPORT_ERROR (bz_import_error_quark ())
#define BZ_FORMAT_ERROR (bz_format_error_quark ())

typedef enum
{
  BZ_STORE_ERROR_FAILED,       /* SQLite reported an error */
  BZ_STORE_ERROR_NOT_A_DATABASE, /* the file is not a Biaozhu workspace */
  BZ_STORE_ERROR_TOO_NEW,      /* written by a newer Biaozhu */
  BZ_STORE_ERROR_BUSY,         /* locked by another process past the timeout */
  BZ_STORE_ERROR_INVALID,      /* a value that breaks a rule: bad offsets, unknown label */
  BZ_STORE_ERROR_NOT_FOUND,    /* no such document, span or label */
  BZ_STORE_ERROR_NOTHING_TO_UNDO,
  BZ_STORE_ERROR_NOTHING_TO_REDO,
  BZ_STORE_ERROR_NO_SPACE,     /* the disk is full */
  BZ_STORE_ERROR_UNDECIDED,    /* a document marked reviewed still has undecided suggestions */
} BzStoreError;

typedef enum
{
  BZ_IMPORT_ERROR_FAILED,
  BZ_IMPORT_ERROR_EMPTY,       /* the file has no bytes or no text */
  BZ_IMPORT_ERROR_BINARY,      /* the file holds binary data */
  BZ_IMPORT_ERROR_ENCODING,    /* the encoding could not be determined or decoding failed */
} BzImportError;

typedef enum
{
  BZ_FORMAT_ERROR_FAILED,
  BZ_FORMAT_ERROR_PARSE,       /* malformed input: the message names file, line, column */
  BZ_FORMAT_ERROR_MISMATCH,    /* a span's surface does not match the text at its offsets */
  BZ_FORMAT_ERROR_UNKNOWN_FORMAT,
  BZ_FORMAT_ERROR_UNDECIDED,   /* reviewed documents with undecided suggestions in an export of reviewed ones */
} BzFormatError;

GQuark bz_store_error_quark  (void);
GQuark bz_import_error_quark (void);
GQuark bz_format_error_quark (void);

G_END_DECLS
