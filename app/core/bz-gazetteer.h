/* bz-gazetteer.h: lists of known names, matched over folded text
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The extractor's labels, in the schema's order, and STOP: a generic phrase that
 * takes part in longest-match resolution and then is dropped (全区, 重点项目). */
typedef enum
{
  BZ_ENTITY_PLACE,
  BZ_ENTITY_ORG,
  BZ_ENTITY_PROJECT,
  BZ_ENTITY_POLICY,
  BZ_ENTITY_INDICATOR,
  BZ_ENTITY_VALUE,
  BZ_ENTITY_DATE,
  BZ_ENTITY_STOP,
  BZ_ENTITY_N_KINDS,
} BzEntityKind;

const char *bz_entity_kind_to_string   (BzEntityKind  kind);
gboolean    bz_entity_kind_from_string (const char   *str,
                                        BzEntityKind *out_kind);

/* Where a candidate came from; a higher source wins between equal spans. */
typedef enum
{
  BZ_CANDIDATE_RULE,
  BZ_CANDIDATE_GAZETTEER,
  BZ_CANDIDATE_LEARNED,
  BZ_CANDIDATE_CONTEXT, /* a rule that reads the context: the items of a project list */
} BzCandidateSource;

/* A proposed span over the folded text, in code points. */
typedef struct
{
  gint64 start;
  gint64 end;
  guint8  kind;   /* BzEntityKind */
  guint8  source; /* BzCandidateSource */
  /* What produced it: the list's index in its gazetteer (0 for an entry added
   * by hand), or the BzRule of a rule. */
  guint16 origin;
} BzCandidate;

typedef struct _BzGazetteer BzGazetteer;

BzGazetteer *bz_gazetteer_new          (BzCandidateSource source);
void         bz_gazetteer_free         (BzGazetteer *self);

/* Adds one surface (folded to simplified script first). Returns FALSE when the
 * surface was already listed (the first label is kept). */
gboolean     bz_gazetteer_add          (BzGazetteer  *self,
                                        const char   *surface,
                                        BzEntityKind  kind);
/* Reads one list: `SURFACE<TAB>LABEL[<TAB>ALIAS|ALIAS...]` per line, `#` comments.
 * Errors name the file and the line. */
gboolean     bz_gazetteer_load_file    (BzGazetteer  *self,
                                        const char   *path,
                                        GError      **error);
/* Reads every *.txt of @dir in name order. */
gboolean     bz_gazetteer_load_dir     (BzGazetteer  *self,
                                        const char   *dir,
                                        GError      **error);
void         bz_gazetteer_build        (BzGazetteer  *self);

/* Appends every occurrence of every entry in @text (@n code points, folded to
 * simplified script) as a BzCandidate to @out. */
void         bz_gazetteer_scan_ucs4    (BzGazetteer    *self,
                                        const gunichar *text,
                                        gsize           n,
                                        GArray         *out);
gboolean     bz_gazetteer_lookup       (BzGazetteer  *self,
                                        const char   *surface,
                                        BzEntityKind *out_kind);
guint        bz_gazetteer_get_n_entries (BzGazetteer *self);
/* The name of list @index (a file's base name without “.txt”, such as
 * "place-streets"); index 0 holds the entries added by hand: %NULL. */
const char  *bz_gazetteer_get_list_name (BzGazetteer *self,
                                         guint        index);
guint        bz_gazetteer_get_n_lists  (BzGazetteer *self);
guint        bz_gazetteer_get_n_states  (BzGazetteer *self);
gsize        bz_gazetteer_get_memory_size (BzGazetteer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzGazetteer, bz_gazetteer_free)

G_END_DECLS
