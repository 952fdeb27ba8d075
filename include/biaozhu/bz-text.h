/* bz-text.h: decoding and normalisation of report text, with offset maps
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "bz-types.h"

G_BEGIN_DECLS

/**
 * BzQualityWarning:
 * @start: first code point of the suspicious spot in the canonical text
 * @end: code point after it (exclusive)
 * @kind: a short machine name: "mojibake", "replacement-char", "lone-surrogate", "mixed-encoding"
 * @message: (not nullable): a sentence for the reviewer
 *
 * A data-quality problem found at import. The text is kept as it is; the spot is
 * recorded so that reviewers see it.
 */
typedef struct
{
  gint64  start;
  gint64  end;
  char   *kind;
  char   *message;
} BzQualityWarning;

void        bz_quality_warning_clear     (BzQualityWarning       *warning);
/* Returns: (transfer full): the warning as a sentence in the reader's language,
 * made from its kind, offsets and the document's @text (nullable) */
char       *bz_quality_warning_describe  (const BzQualityWarning *warning,
                                          const char             *text);
/* Returns: (transfer none): the kind's short name in the reader's language */
const char *bz_quality_warning_kind_name (const char             *kind);

/**
 * BzCanonicalText:
 * @text: the canonical UTF-8 text (BOM removed, LF line ends, NFC, glosses removed)
 * @n_chars: its length in code points
 * @encoding: the detected encoding of the original bytes ("UTF-8", "UTF-16LE", "GB18030", "BIG5", ...)
 * @script: simplified, traditional or mixed
 * @sha256: hex digest of the original bytes
 * @offset_map: (element-type gint64): @n_chars + 1 entries; entry i is the byte
 *   offset in the original bytes where canonical code point i starts, the last entry
 *   the length of the original bytes
 * @warnings: (element-type BzQualityWarning): data-quality warnings
 * @n_glosses_removed: how many inline pinyin glosses were removed
 *
 * The result of turning a file's bytes into a document's canonical text.
 */
typedef struct
{
  char     *text;
  gint64    n_chars;
  char     *encoding;
  BzScript  script;
  char     *sha256;
  GArray   *offset_map;
  GArray   *warnings;
  guint     n_glosses_removed;
} BzCanonicalText;

/**
 * bz_canonical_text_new_from_bytes:
 * @bytes: the original bytes of a file
 * @filename: (nullable): the file's name, used in error messages only
 * @error: a #GError
 *
 * Detects the encoding, decodes and normalises. Refuses empty, binary and
 * undecodable input with a %BZ_IMPORT_ERROR that names @filename and the cause.
 *
 * Returns: (transfer full) (nullable): the canonical text, or %NULL with @error set
 */
BzCanonicalText *bz_canonical_text_new_from_bytes (GBytes       *bytes,
                                                   const char   *filename,
                                                   GError      **error);
void             bz_canonical_text_free           (BzCanonicalText *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzCanonicalText, bz_canonical_text_free)

/**
 * bz_text_detect_script:
 * @text: UTF-8 text
 *
 * Returns: whether @text is written in simplified or traditional characters, or both
 */
BzScript bz_text_detect_script (const char *text);

/**
 * BzFolded:
 * @text: @source folded to simplified script (OpenCC t2s), UTF-8
 * @n_chars: length of @text in code points
 * @to_source: (element-type gint64): @n_chars + 1 entries mapping a code point of
 *   @text to the code point of the source text it came from
 *
 * A simplified-script copy of a text used for matching only.
 */
typedef struct
{
  char   *text;
  gint64  n_chars;
  GArray *to_source;
} BzFolded;

BzFolded *bz_fold_t2s      (const char  *source,
                            GError     **error);
void      bz_folded_free   (BzFolded    *self);

/**
 * bz_fold_unichar_t2s:
 * @c: a code point
 *
 * Returns: the code point that bz_fold_t2s() turns @c into, for matchers that
 *   fold while they scan instead of making a folded copy
 */
gunichar  bz_fold_unichar_t2s (gunichar c);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzFolded, bz_folded_free)

char     *bz_text_one_line      (const char  *text,
                                 gssize       length,
                                 guint        max_chars);
/* The most code points of a title taken from a report's heading line. */
#define BZ_TEXT_TITLE_MAX_CHARS 60
/* Returns: (transfer full) (nullable): the report's heading line as its title */
char     *bz_text_heading_title (const char  *text);

/* Helpers on code-point offsets (offsets are code points everywhere). */
gint64  bz_utf8_n_chars        (const char *text);
char   *bz_utf8_substring      (const char *text,
                                gint64      start,
                                gint64      end);

G_END_DECLS
