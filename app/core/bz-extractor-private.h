/* bz-extractor-private.h: what the extractor's files share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bz-extractor.h"
#include "bz-gazetteer.h"
#include "bz-tagger.h"

G_BEGIN_DECLS

/* Key of a (label, folded surface) pair in a rejection set. */
char     *_bz_extractor_decision_key   (const char  *label,
                                        const char  *surface);

/* Whether @surface (as written in a document) was rejected for @label. */
gboolean  _bz_extractor_is_rejected    (BzExtractor *self,
                                        const char  *label,
                                        const char  *surface);

/**
 * _bz_suggest_matches:
 * @matches: (element-type BzExtractorMatch): spans over @text in order of start
 * @extractor: (nullable): whose rejections apply
 *
 * Stores @matches as suggestions of @origin, skipping spans already stored with
 * the same bounds and label, spans that overlap an accepted one and surfaces
 * rejected for their label.
 */
gboolean  _bz_suggest_matches          (BzStore      *store,
                                        gint64        document_id,
                                        const char   *text,
                                        GArray       *matches,
                                        const char   *origin,
                                        BzExtractor  *extractor,
                                        guint        *out_n_added,
                                        GError      **error);

/* Fills in the surfaces of @matches cut from @text; matches in order of start.
 * Returns: (transfer full) (element-type BzSpan) */
GPtrArray *_bz_matches_to_spans        (const char  *text,
                                        GArray      *matches,
                                        const char  *origin);

/* The workspace's tagger beside the rules (bz-extractor-model.c). */
typedef struct _BzExtractorModel BzExtractorModel;

BzExtractorModel *_bz_extractor_model_new        (void);
void              _bz_extractor_model_free       (BzExtractorModel  *self);
/* The store's active model changed, or the extractor serves another store. */
void              _bz_extractor_model_invalidate (BzExtractorModel  *self);
/* Loads @store's active model unless it is loaded; a workspace that never had
 * a model gets the default one first. A model this build cannot read is
 * refused with @error naming it. */
gboolean          _bz_extractor_model_sync       (BzExtractorModel  *self,
                                                  BzStore           *store,
                                                  GError           **error);
/* Sets @tagger (transfer full, nullable) as the model outside a workspace. */
void              _bz_extractor_model_pin        (BzExtractorModel  *self,
                                                  BzTagger          *tagger);
/* The active model's id, or 0 when the rules are alone. */
gint64            _bz_extractor_model_get_id     (BzExtractorModel  *self);
/* Returns: (transfer full): @matches (the rules', in order of start, with
 * their confidences) combined with the tagger's spans over @text; @matches
 * itself (a new reference) without a model */
GArray           *_bz_extractor_model_combine    (BzExtractorModel  *self,
                                                  const char        *text,
                                                  GArray            *matches);

G_END_DECLS
