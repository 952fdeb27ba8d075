/* bz-external-extractor.h: another program as an extractor
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "bz-extractor.h"

G_BEGIN_DECLS

#define BZ_TYPE_EXTERNAL_EXTRACTOR (bz_external_extractor_get_type ())
G_DECLARE_FINAL_TYPE (BzExternalExtractor, bz_external_extractor, BZ, EXTERNAL_EXTRACTOR, GObject)

/**
 * bz_external_extractor_new:
 * @name: a short name; the spans' origin is "external:NAME"
 * @command: a command line (split like a shell would, not run by one) that reads
 *   the text on stdin and writes doccano-style JSON on stdout: an object with a
 *   "label" (or "spans", "entities") list of [start, end, "LABEL"] triples or
 *   {"start_offset", "end_offset", "label"} objects, or the list alone
 *
 * Returns: (transfer full) (nullable): the extractor, or %NULL when @command cannot be parsed
 */
BzExternalExtractor *bz_external_extractor_new       (const char  *name,
                                                      const char  *command,
                                                      GError     **error);
/* Parses "NAME=COMMAND". */
BzExternalExtractor *bz_external_extractor_new_from_spec (const char  *spec,
                                                          GError     **error);
const char          *bz_external_extractor_get_origin (BzExternalExtractor *self);
/* How long one run may take (60 s unless set). */
void                 bz_external_extractor_set_timeout (BzExternalExtractor *self,
                                                        guint                timeout_ms);

/* Runs the command on @text. Returns: (transfer full) (element-type BzExtractorMatch):
 * matches in order of start, or %NULL with @error set when the command fails, times
 * out or writes output that is not such JSON (the message says where). */
GArray              *bz_external_extractor_match     (BzExternalExtractor  *self,
                                                      const char           *text,
                                                      GError              **error);

/* Like bz_extractor_annotate_document(); @extractor's rejections apply when given. */
gboolean             bz_external_extractor_annotate_document (BzExternalExtractor  *self,
                                                              BzStore              *store,
                                                              gint64                document_id,
                                                              const char           *text,
                                                              BzExtractor          *extractor,
                                                              guint                *out_n_added,
                                                              GError              **error);

G_END_DECLS
