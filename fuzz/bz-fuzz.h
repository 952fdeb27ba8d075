/* bz-fuzz.h: one input of a fuzz harness through the code that biaozhu-cli runs on a file
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A target is a format name (native, doccano, label-studio, cluener, spacy, bio,
 * bioes, brat: the input is a file that `import-annotations --format NAME` reads),
 * "report" (the input is a report file that `import` reads) or "work" (the
 * input is a reviewer's work file that `merge` reads). The libFuzzer
 * harnesses and the regression test of the regular suite both run inputs through
 * bz_fuzz_run(), so that an input that once crashed a harness is replayed by
 * the same code.
 */
#pragma once

#include <biaozhu.h>

G_BEGIN_DECLS

/* The reviewer of the workspace that each work file meets. */
#define BZ_FUZZ_REVIEWER "fuzz"

/**
 * BzFuzzWork:
 * @BZ_FUZZ_WORK_TWO_REPORTS: a reviewer's work on the sample document and on
 *   a report the workspace lacks, each span decided more than once
 * @BZ_FUZZ_WORK_CONFLICT: the workspace's own reviewer deciding otherwise on
 *   the sample document's spans: every span a conflict
 * @BZ_FUZZ_WORK_ESCAPED: the two reports with every character outside ASCII
 *   as a \u escape (a surrogate pair outside the BMP)
 *
 * Inputs of the work target, written by bz_store_export_work().
 */
typedef enum
{
  BZ_FUZZ_WORK_TWO_REPORTS,
  BZ_FUZZ_WORK_CONFLICT,
  BZ_FUZZ_WORK_ESCAPED,
} BzFuzzWork;

/* The targets, NULL-terminated. */
const char * const *bz_fuzz_list_targets (void);
gboolean            bz_fuzz_is_target    (const char   *target);

/* A record with what the richer formats hold (characters outside the BMP,
 * nested spans, a suggestion and a rejection with their origin, a note with a
 * tab, attributes, a reviewer, a relation): document 1 of the workspace that
 * each annotation file meets, with its spans. */
BzRecord           *bz_fuzz_sample_record (void);

/* The input of a format target that holds @records: the file the format
 * writes, or for brat the first record's name, .txt and .ann separated by NUL
 * bytes. Flat formats want flattened records. NULL with @error set when the
 * writer refuses them. */
GBytes             *bz_fuzz_input_from_records (const char  *target,
                                                GPtrArray   *records,
                                                GError     **error);

/* A work file that bz_store_export_work() writes of a workspace made for it.
 * NULL with @error set when the store refuses it. */
GBytes             *bz_fuzz_work_input   (BzFuzzWork    which,
                                          GError      **error);

/* Makes the temporary folder and the workspace, and runs one valid input of
 * @target so that what GLib, SQLite and the libraries set up once for the
 * process is in place before the first input is measured for leaks. */
void                bz_fuzz_init         (const char   *target);

/* Runs one input. Aborts when the code breaks one of its promises: a refused
 * import wrote nothing and named the file, an accepted one reads again onto the
 * same documents without adding a span, a report's canonical text has the
 * shape bz-text.h describes, a merged work file merges again without a change
 * to the workspace. Crashes and sanitizer reports are the rest. */
void                bz_fuzz_run          (const char   *target,
                                          const guint8 *data,
                                          gsize         size);

/* Closes the workspace and removes the temporary folder. */
void                bz_fuzz_shutdown     (void);

G_END_DECLS
