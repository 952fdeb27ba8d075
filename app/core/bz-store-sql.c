/* bz-store-sql.c: the store's SQL: its statements, binding, stepping and errors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "bz-store-private.h"

#define DOCUMENT_COLUMNS_SQL                                                                  \
  "SELECT d.id, d.title, d.source_path, d.sha256, d.encoding, d.script, d.n_chars, "          \
  DOC_STATUS_SQL ("d") ", d.created,"                                                        \
  " (SELECT count(*) FROM spans s WHERE s.document_id = d.id AND s.layer = " BZ_LAYER_PARAM "),"   \
  " (SELECT count(*) FROM spans s WHERE s.document_id = d.id AND s.layer = " BZ_LAYER_PARAM      \
  "  AND s.status != 'suggested')," \
  " (SELECT count(*) FROM quality_warnings w WHERE w.document_id = d.id), d.note"

/* The columns of a BzHistoryEntry, in the order entry_from_row() reads them. */
#define HISTORY_ENTRY_SQL                                                             \
  "SELECT h.id, h.action_id, a.kind, a.description, a.undoable, a.state, h.span_id," \
  " h.document_id, h.op, h.before, h.after, h.reviewer, h.timestamp, h.entity"      \
  " FROM history h JOIN actions a ON a.id = h.action_id"

#define HISTORY_RECORD_SQL                                                             \
  "INSERT INTO history (action_id, entity, span_id, document_id, op, before, after," \
  " reviewer, timestamp)"

/* The columns of a document that actions change, as history keeps them: the
 * status is the store's layer's, the one its actions change. */
#define DOCUMENT_JSON_SQL \
  "json_object('status', " DOC_STATUS_SQL ("documents") ", 'title', title, 'note', note," \
  " 'layer', " BZ_LAYER_PARAM ")"

/* A relation as history keeps it; r is the relation, s its from span (whose
 * document is the relation's). */
#define RELATION_JSON_SQL                                                        \
  "json_object('from', r.from_span, 'to', r.to_span, 'type', r.type,"            \
  " 'origin', r.origin, 'reviewer', r.reviewer, 'created', r.created)"
#define RELATION_FROM_SQL " FROM relations r JOIN spans s ON s.id = r.from_span"

/* A suggestion counted sure at the threshold ?2, as bz_span_is_sure() says,
 * and one that is not. */
#define SURE_SQL " AND confidence >= ?2 AND coalesce (source, '') != '" BZ_SPAN_SOURCE_MODEL "'"
#define UNSURE_SQL \
  " AND (confidence IS NULL OR confidence < ?2 OR coalesce (source, '') = '" BZ_SPAN_SOURCE_MODEL "')"

static const char * const statement_sql[BZ_N_STMTS] = {
  [BZ_STMT_BEGIN] = "BEGIN IMMEDIATE",
  [BZ_STMT_COMMIT] = "COMMIT",
  [BZ_STMT_ROLLBACK] = "ROLLBACK",

  [BZ_STMT_DOC_FIND] =
    "SELECT id FROM documents WHERE sha256 = ?1 OR text_sha256 = ?2 ORDER BY id LIMIT 1",
  [BZ_STMT_DOC_FIND_TEXT] =
    "SELECT id FROM documents WHERE text_sha256 = ?1 ORDER BY id LIMIT 1",
  [BZ_STMT_DOC_INSERT] =
    "INSERT INTO documents (title, source_path, sha256, encoding, script, text, text_sha256,"
    " n_chars, offset_map, status, created)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'new', ?10)",
  [BZ_STMT_DOC_GET] = DOCUMENT_COLUMNS_SQL ", d.text FROM documents d WHERE d.id = ?1",
  [BZ_STMT_DOC_INFO] = DOCUMENT_COLUMNS_SQL ", NULL FROM documents d WHERE d.id = ?1",
  [BZ_STMT_DOC_LIST] = DOCUMENT_COLUMNS_SQL ", NULL FROM documents d ORDER BY d.id",
  [BZ_STMT_DOC_TEXT] = "SELECT text, n_chars FROM documents WHERE id = ?1",
  [BZ_STMT_DOC_STATUS] = "SELECT " DOC_STATUS_SQL ("d") " FROM documents d WHERE d.id = ?1",
  /* Sets the status in the store's layer: one of the two changes a row. */
  [BZ_STMT_DOC_SET_STATUS] = "UPDATE documents SET status = ?2 WHERE id = ?1 AND " BZ_LAYER_PARAM " = ''",
  [BZ_STMT_DOC_SET_LAYER_STATUS] =
    "INSERT INTO layer_status (document_id, layer, status)"
    " SELECT ?1, " BZ_LAYER_PARAM ", ?2 WHERE " BZ_LAYER_PARAM " != ''"
    " ON CONFLICT (document_id, layer) DO UPDATE SET status = excluded.status",
  [BZ_STMT_DOC_SET_TITLE] = "UPDATE documents SET title = ?2 WHERE id = ?1",
  [BZ_STMT_DOC_SET_NOTE] = "UPDATE documents SET note = ?2 WHERE id = ?1",
  [BZ_STMT_DOC_SNAPSHOT] = "SELECT " DOCUMENT_JSON_SQL ", id FROM documents WHERE id = ?1",
  [BZ_STMT_DOC_RESTORE_UPDATE] =
    "UPDATE documents SET status = CASE WHEN " BZ_LAYER_PARAM " = '' THEN json_extract(:json, '$.status')"
    " ELSE status END,"
    " title = json_extract(:json, '$.title'), note = json_extract(:json, '$.note') WHERE id = :id",
  [BZ_STMT_DOC_RESTORE_LAYER_STATUS] =
    "INSERT INTO layer_status (document_id, layer, status)"
    " SELECT :id, " BZ_LAYER_PARAM ", json_extract(:json, '$.status') WHERE " BZ_LAYER_PARAM " != ''"
    " ON CONFLICT (document_id, layer) DO UPDATE SET status = excluded.status",
  [BZ_STMT_DOC_UNDECIDED] =
    "SELECT id FROM spans WHERE document_id = ?1 AND layer = " BZ_LAYER_PARAM " AND status = 'suggested'"
    " ORDER BY start_offset, end_offset, id",
  [BZ_STMT_DOC_OFFSET_MAP] = "SELECT offset_map, text FROM documents WHERE id = ?1",
  /* The text lies before the offset map in the row: its overflow pages are not read. */
  [BZ_STMT_DOC_TEXTS] = "SELECT id, title, text FROM documents ORDER BY id",
  [BZ_STMT_WARNING_INSERT] =
    "INSERT INTO quality_warnings (document_id, start_offset, end_offset, kind, message)"
    " VALUES (?1, ?2, ?3, ?4, ?5)",
  [BZ_STMT_WARNING_LIST] =
    "SELECT start_offset, end_offset, kind, message FROM quality_warnings"
    " WHERE document_id = ?1 ORDER BY start_offset, end_offset, id",

  [BZ_STMT_LABEL_COUNT] = "SELECT count(*) FROM labels",
  /* A label of the same name takes the new values; it keeps its guideline in
   * a language that the new label has none in. */
  [BZ_STMT_LABEL_INSERT] =
    "INSERT INTO labels (name, display_name, color, shortcut, description, sort_order,"
    " guideline_zh, guideline_en) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT (name) DO UPDATE SET display_name = excluded.display_name,"
    " color = excluded.color, shortcut = excluded.shortcut, description = excluded.description,"
    " sort_order = excluded.sort_order,"
    " guideline_zh = iif(excluded.guideline_zh = '', guideline_zh, excluded.guideline_zh),"
    " guideline_en = iif(excluded.guideline_en = '', guideline_en, excluded.guideline_en)",
  [BZ_STMT_LABEL_LIST] =
    "SELECT name, display_name, color, shortcut, description, sort_order, guideline_zh, guideline_en"
    " FROM labels ORDER BY sort_order, name",
  [BZ_STMT_LABEL_DELETE] = "DELETE FROM labels WHERE name = ?1",
  [BZ_STMT_LABEL_N_SPANS] = "SELECT count(*) FROM spans WHERE label = ?1",
  [BZ_STMT_REVIEWER_ADD] =
    "INSERT INTO reviewers (name, first_seen) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING",
  [BZ_STMT_REVIEWER_LIST] = "SELECT name FROM reviewers ORDER BY first_seen, id",

  [BZ_STMT_SPAN_INSERT] =
    "INSERT INTO spans (document_id, start_offset, end_offset, label, surface, status, origin,"
    " reviewer, attributes, note, created, updated, confidence, source, accepted_in_bulk, layer)"
    " VALUES (:document, :start, :end, :label, :surface, :status, :origin, :reviewer,"
    " :attributes, :note, :created, :updated, :confidence, :source, 0, " BZ_LAYER_PARAM ")"
    " ON CONFLICT (document_id, layer, start_offset, end_offset, label) DO NOTHING",
  [BZ_STMT_SPAN_FIND] =
    "SELECT id FROM spans"
    " WHERE document_id = ?1 AND layer = " BZ_LAYER_PARAM " AND start_offset = ?2 AND end_offset = ?3"
    " AND label = ?4",
  [BZ_STMT_SPAN_GET] = "SELECT " BZ_SPAN_COLUMNS_SQL " FROM spans WHERE id = ?1 AND layer = " BZ_LAYER_PARAM,
  /* The layer: the store's layer, or another one (bz_store_list_layer_spans()). */
  [BZ_STMT_SPAN_LIST] =
    "SELECT " BZ_SPAN_COLUMNS_SQL " FROM spans WHERE document_id = ?1 AND layer = " BZ_LAYER_PARAM
    " ORDER BY start_offset, end_offset DESC, label",
  [BZ_STMT_SPAN_COUNT] = "SELECT count(*) FROM spans WHERE document_id = ?1 AND layer = " BZ_LAYER_PARAM,
  /* Any layer's span: undo reverts a reviewer's action where it was made.
   * The layer comes last, for the changes that the store's layer only may make. */
  [BZ_STMT_SPAN_SNAPSHOT] =
    "SELECT " BZ_SPAN_JSON_SQL ", document_id, start_offset, end_offset, layer FROM spans WHERE id = ?1",
  [BZ_STMT_SPAN_SET_LABEL] =
    "UPDATE spans SET label = :label, reviewer = :reviewer, updated = :updated, confidence = NULL"
    " WHERE id = :id AND label IS NOT :label",
  [BZ_STMT_SPAN_SET_BOUNDS] =
    "UPDATE spans SET start_offset = :start, end_offset = :end, surface = :surface,"
    " reviewer = :reviewer, updated = :updated, confidence = NULL"
    " WHERE id = :id AND (start_offset != :start OR end_offset != :end)",
  [BZ_STMT_SPAN_SET_STATUS] =
    "UPDATE spans SET status = :status, reviewer = :reviewer, updated = :updated,"
    " accepted_in_bulk = coalesce(:bulk, 0)"
    " WHERE id = :id AND status IS NOT :status",
  [BZ_STMT_SPAN_SET_NOTE] =
    "UPDATE spans SET note = :note, reviewer = :reviewer, updated = :updated"
    " WHERE id = :id AND note IS NOT :note",
  [BZ_STMT_SPAN_SET_ATTRIBUTES] =
    "UPDATE spans SET attributes = :attributes, reviewer = :reviewer, updated = :updated"
    " WHERE id = :id AND attributes IS NOT :attributes",
  [BZ_STMT_SPAN_DELETE] = "DELETE FROM spans WHERE id = ?1",
  [BZ_STMT_SPAN_RESTORE_UPDATE] =
    "UPDATE spans SET document_id = json_extract(:json, '$.document'),"
    " start_offset = json_extract(:json, '$.start'), end_offset = json_extract(:json, '$.end'),"
    " label = json_extract(:json, '$.label'), surface = json_extract(:json, '$.surface'),"
    " status = json_extract(:json, '$.status'), origin = json_extract(:json, '$.origin'),"
    " reviewer = json_extract(:json, '$.reviewer'),"
    " attributes = json_extract(:json, '$.attributes'), note = json_extract(:json, '$.note'),"
    " created = json_extract(:json, '$.created'), updated = json_extract(:json, '$.updated'),"
    " confidence = json_extract(:json, '$.confidence'), source = json_extract(:json, '$.source'),"
    " accepted_in_bulk = coalesce(json_extract(:json, '$.accepted_in_bulk'), 0),"
    " layer = coalesce(json_extract(:json, '$.layer'), '')"
    " WHERE id = :id",
  [BZ_STMT_SPAN_RESTORE_INSERT] =
    "INSERT INTO spans (" BZ_SPAN_COLUMNS_SQL ", layer)"
    " VALUES (:id, json_extract(:json, '$.document'), json_extract(:json, '$.start'),"
    " json_extract(:json, '$.end'), json_extract(:json, '$.label'),"
    " json_extract(:json, '$.surface'), json_extract(:json, '$.status'),"
    " json_extract(:json, '$.origin'), json_extract(:json, '$.reviewer'),"
    " json_extract(:json, '$.attributes'), json_extract(:json, '$.note'),"
    " json_extract(:json, '$.created'), json_extract(:json, '$.updated'),"
    " json_extract(:json, '$.confidence'), json_extract(:json, '$.source'),"
    " coalesce(json_extract(:json, '$.accepted_in_bulk'), 0),"
    " coalesce(json_extract(:json, '$.layer'), ''))",

  [BZ_STMT_SPAN_DECISIONS_BY_SOURCE] =
    "SELECT source, label, sum(status = 'accepted' AND confidence IS NOT NULL), count(*) FROM spans"
    " WHERE source IS NOT NULL AND status != 'suggested' AND accepted_in_bulk = 0"
    " GROUP BY source, label",
  /* ?1: a document (unused by the _ALL forms, which take every document), ?2: a threshold. */
  [BZ_STMT_SPAN_CONFIDENT_IDS] =
    "SELECT id FROM spans WHERE document_id = ?1 AND layer = " BZ_LAYER_PARAM " AND status = 'suggested'" SURE_SQL
    " ORDER BY start_offset, end_offset, id",
  [BZ_STMT_SPAN_CONFIDENT_IDS_ALL] =
    "SELECT id FROM spans WHERE layer = " BZ_LAYER_PARAM " AND status = 'suggested'" SURE_SQL
    " ORDER BY document_id, start_offset, end_offset, id",
  [BZ_STMT_SPAN_CONFIDENT_COUNT] =
    "SELECT label, count(*) FROM spans WHERE document_id = ?1 AND layer = " BZ_LAYER_PARAM
    " AND status = 'suggested'" SURE_SQL " GROUP BY label",
  [BZ_STMT_SPAN_CONFIDENT_COUNT_ALL] =
    "SELECT label, count(*) FROM spans WHERE layer = " BZ_LAYER_PARAM " AND status = 'suggested'" SURE_SQL
    " GROUP BY label",
  [BZ_STMT_SPAN_UNCERTAIN_COUNT] =
    "SELECT count(*) FROM spans WHERE document_id = ?1 AND layer = " BZ_LAYER_PARAM " AND status = 'suggested'"
    UNSURE_SQL,
  [BZ_STMT_SPAN_UNCERTAIN_BY_DOCUMENT] =
    "SELECT document_id, count(*) FROM spans WHERE layer = " BZ_LAYER_PARAM " AND status = 'suggested'" UNSURE_SQL
    " GROUP BY document_id",
  /* Without a confidence first (NULL sorts first): nothing says they are right. */
  [BZ_STMT_RELATION_SNAPSHOT] =
    "SELECT " RELATION_JSON_SQL ", s.document_id" RELATION_FROM_SQL " WHERE r.id = ?1",
  [BZ_STMT_RELATION_DELETE] = "DELETE FROM relations WHERE id = ?1",
  [BZ_STMT_RELATION_RESTORE_UPDATE] =
    "UPDATE relations SET from_span = json_extract(:json, '$.from'),"
    " to_span = json_extract(:json, '$.to'), type = json_extract(:json, '$.type'),"
    " origin = json_extract(:json, '$.origin'), reviewer = json_extract(:json, '$.reviewer'),"
    " created = json_extract(:json, '$.created') WHERE id = :id",
  [BZ_STMT_RELATION_RESTORE_INSERT] =
    "INSERT INTO relations (id, from_span, to_span, type, origin, reviewer, created)"
    " VALUES (:id, json_extract(:json, '$.from'), json_extract(:json, '$.to'),"
    " json_extract(:json, '$.type'), json_extract(:json, '$.origin'),"
    " json_extract(:json, '$.reviewer'), json_extract(:json, '$.created'))",
  [BZ_STMT_RELATIONS_OF_SPAN] =
    "SELECT id FROM relations WHERE from_span = ?1 UNION SELECT id FROM relations WHERE to_span = ?1"
    " ORDER BY 1",

  [BZ_STMT_ACTION_INSERT] =
    "INSERT INTO actions (kind, description, reviewer, created, undoable, reverts, layer)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, " BZ_LAYER_PARAM ")",
  /* A reviewer's undo and redo, in each layer on its own. */
  [BZ_STMT_ACTION_DROP_REDO] =
    "UPDATE actions SET state = 'dropped'"
    " WHERE reviewer = ?1 AND layer = " BZ_LAYER_PARAM " AND state = 'undone'",
  [BZ_STMT_ACTION_LAST_DONE] =
    "SELECT id, description FROM actions WHERE reviewer = ?1 AND layer = " BZ_LAYER_PARAM
    " AND state = 'done' AND undoable = 1 ORDER BY id DESC LIMIT 1",
  [BZ_STMT_ACTION_FIRST_UNDONE] =
    "SELECT id, description FROM actions WHERE reviewer = ?1 AND layer = " BZ_LAYER_PARAM
    " AND state = 'undone' AND undoable = 1 ORDER BY id LIMIT 1",
  [BZ_STMT_ACTION_SET_STATE] = "UPDATE actions SET state = ?2 WHERE id = ?1",
  [BZ_STMT_HISTORY_RECORD] =
    HISTORY_RECORD_SQL
    " SELECT :action, 'span', id, document_id, :op, :before, " BZ_SPAN_JSON_SQL ", :reviewer,"
    " :timestamp FROM spans WHERE id = :id",
  [BZ_STMT_HISTORY_RECORD_DELETE] =
    HISTORY_RECORD_SQL
    " SELECT :action, 'span', id, document_id, 'delete', " BZ_SPAN_JSON_SQL ", NULL, :reviewer,"
    " :timestamp FROM spans WHERE id = :id",
  [BZ_STMT_HISTORY_RECORD_DOCUMENT] =
    HISTORY_RECORD_SQL
    " SELECT :action, 'document', id, id, :op, :before, " DOCUMENT_JSON_SQL ", :reviewer,"
    " :timestamp FROM documents WHERE id = :id",
  [BZ_STMT_HISTORY_RECORD_RELATION] =
    HISTORY_RECORD_SQL
    " SELECT :action, 'relation', r.id, s.document_id, :op, :before, " RELATION_JSON_SQL ","
    " :reviewer, :timestamp" RELATION_FROM_SQL " WHERE r.id = :id",
  [BZ_STMT_HISTORY_RECORD_RELATION_DELETE] =
    HISTORY_RECORD_SQL
    " SELECT :action, 'relation', r.id, s.document_id, 'delete', " RELATION_JSON_SQL ", NULL,"
    " :reviewer, :timestamp" RELATION_FROM_SQL " WHERE r.id = :id",
  [BZ_STMT_HISTORY_OF_ACTION] =
    "SELECT op, span_id, document_id, before, after, entity FROM history WHERE action_id = ?1"
    " ORDER BY id",
  [BZ_STMT_HISTORY_OF_ACTION_REVERSED] =
    "SELECT op, span_id, document_id, before, after, entity FROM history WHERE action_id = ?1"
    " ORDER BY id DESC",
  [BZ_STMT_HISTORY_LIST] =
    HISTORY_ENTRY_SQL " WHERE ?1 = 0 OR h.document_id = ?1 ORDER BY h.id",
  /* The span's rows, and those of the relations of its document that name it
   * (through the indexes on (entity, span_id) and on document_id). */
  [BZ_STMT_HISTORY_OF_SPAN] =
    HISTORY_ENTRY_SQL
    " WHERE (h.entity = 'span' AND h.span_id = ?1)"
    " OR (h.entity = 'relation'"
    "     AND h.document_id = coalesce ((SELECT document_id FROM spans WHERE id = ?1),"
    "                                   (SELECT document_id FROM history"
    "                                    WHERE entity = 'span' AND span_id = ?1 LIMIT 1))"
    "     AND ?1 IN (json_extract (coalesce (h.after, h.before), '$.from'),"
    "                json_extract (coalesce (h.after, h.before), '$.to')))"
    " ORDER BY h.id",

#define MODEL_COLUMNS_SQL \
  "SELECT id, format, trained_on, n_reports, scores, trained_by, created, active, length (blob)"
  [BZ_STMT_MODEL_INSERT] =
    "INSERT INTO models (format, blob, trained_on, n_reports, scores, trained_by, created)"
    " VALUES (?1, ?2, coalesce (?3, '[]'), ?4, coalesce (?5, '{}'), ?6, ?7)",
  [BZ_STMT_MODEL_LIST] = MODEL_COLUMNS_SQL ", NULL FROM models ORDER BY id",
  /* ?1: a model, or 0 for the active one. */
  [BZ_STMT_MODEL_GET] =
    MODEL_COLUMNS_SQL ", blob FROM models WHERE (?1 = 0 AND active = 1) OR (?1 != 0 AND id = ?1)",
  [BZ_STMT_MODEL_DEACTIVATE] = "UPDATE models SET active = 0 WHERE active = 1",
  [BZ_STMT_MODEL_ACTIVATE] = "UPDATE models SET active = 1 WHERE id = ?1",

  [BZ_STMT_SETTING_GET] = "SELECT value FROM settings WHERE key = ?1",
  [BZ_STMT_SETTING_SET] =
    "INSERT INTO settings (key, value) VALUES (?1, ?2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  [BZ_STMT_ASSIGNMENT_CLEAR] = "DELETE FROM assignments",
  [BZ_STMT_ASSIGNMENT_ADD] =
    "INSERT INTO assignments (document_id, reviewer) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
  [BZ_STMT_ASSIGNMENT_LIST] =
    "SELECT document_id, reviewer FROM assignments ORDER BY document_id, reviewer",
  [BZ_STMT_LAYER_LIST] =
    "SELECT DISTINCT layer FROM spans WHERE document_id = ?1 ORDER BY layer",
  /* Through spans_document_status (document, layer, status). */
  [BZ_STMT_LAYER_ANNOTATORS] =
    "SELECT DISTINCT layer FROM spans WHERE document_id = ?1 AND layer != '' AND substr (layer, 1, 1) != '@'"
    " AND status != 'suggested' ORDER BY layer",
  [BZ_STMT_LAYER_REVIEWERS] =
    "SELECT DISTINCT layer FROM spans WHERE layer != '' AND substr (layer, 1, 1) != '@' ORDER BY layer",
  /* The shared layer's spans of a document (?1, or 0 for all) that the layer
   * has not looked at yet (layer_seeds). */
#define SEED_PENDING_SQL                                                              \
  " FROM spans s WHERE s.layer = '' AND (?1 = 0 OR s.document_id = ?1)"             \
  " AND s.id > coalesce ((SELECT seeded_to FROM layer_seeds l"                      \
  "                       WHERE l.document_id = s.document_id AND l.layer = " BZ_LAYER_PARAM "), 0)"
  [BZ_STMT_LAYER_SEED_PENDING] =
    "SELECT 1" SEED_PENDING_SQL " AND s.status = 'suggested' LIMIT 1",
  /* The same suggestion the layer has already (its reviewer added it) stays as it is. */
  [BZ_STMT_LAYER_SEED_COPY] =
    "INSERT INTO spans (document_id, start_offset, end_offset, label, surface, status, origin,"
    " reviewer, attributes, note, created, updated, confidence, source, accepted_in_bulk, layer)"
    " SELECT s.document_id, s.start_offset, s.end_offset, s.label, s.surface, 'suggested',"
    " s.origin, NULL, s.attributes, s.note, s.created, s.updated, s.confidence, s.source, 0, "
    BZ_LAYER_PARAM SEED_PENDING_SQL " AND s.status = 'suggested' ORDER BY s.id"
    " ON CONFLICT (document_id, layer, start_offset, end_offset, label) DO NOTHING",
  [BZ_STMT_LAYER_SEED_MARK] =
    "INSERT INTO layer_seeds (document_id, layer, seeded_to)"
    " SELECT s.document_id, " BZ_LAYER_PARAM ", max (s.id)" SEED_PENDING_SQL " GROUP BY s.document_id"
    " ON CONFLICT (document_id, layer) DO UPDATE SET seeded_to = excluded.seeded_to",
  /* The reviewers' accepted spans of a document (?1, or 0 for all) not yet
   * offered to its curated layer (curation_seeds). */
#define CURATION_PENDING_SQL                                                              \
  " FROM spans s WHERE s.layer != '' AND substr (s.layer, 1, 1) != '@'"                  \
  " AND s.status = 'accepted' AND (?1 = 0 OR s.document_id = ?1)"                        \
  " AND NOT EXISTS (SELECT 1 FROM curation_seeds c WHERE c.document_id = s.document_id"  \
  "  AND c.start_offset = s.start_offset AND c.end_offset = s.end_offset AND c.label = s.label)"
  [BZ_STMT_CURATION_SEED_PENDING] = "SELECT 1" CURATION_PENDING_SQL " LIMIT 1",
  /* A span the curator added already stays as it is. */
  [BZ_STMT_CURATION_SEED_COPY] =
    "INSERT INTO spans (document_id, start_offset, end_offset, label, surface, status, origin,"
    " reviewer, attributes, note, created, updated, confidence, source, accepted_in_bulk, layer)"
    " SELECT s.document_id, s.start_offset, s.end_offset, s.label, min (s.surface), 'suggested',"
    " '" BZ_SPAN_ORIGIN_CURATION "', NULL, NULL, NULL, min (s.updated), min (s.updated), NULL, NULL, 0, "
    BZ_LAYER_PARAM CURATION_PENDING_SQL
    " GROUP BY s.document_id, s.start_offset, s.end_offset, s.label ORDER BY 1, 2, 3, 4"
    " ON CONFLICT (document_id, layer, start_offset, end_offset, label) DO NOTHING",
  [BZ_STMT_CURATION_SEED_MARK] =
    "INSERT INTO curation_seeds (document_id, start_offset, end_offset, label)"
    " SELECT DISTINCT s.document_id, s.start_offset, s.end_offset, s.label" CURATION_PENDING_SQL
    " ON CONFLICT DO NOTHING",
};

/* ---- Statements and errors ------------------------------------------------ */

/* The extended code of a failure: @rc itself, or the connection's when it says more. */
static int
extended_code (BzStore *self,
               int      rc)
{
  int extended;

  if (rc > 0xff || self->db == NULL)
    return rc;
  extended = sqlite3_extended_errcode (self->db);
  return (extended & 0xff) == rc ? extended : rc;
}

static gboolean
is_disk_full (int primary,
              int system_errno)
{
  return primary == SQLITE_FULL ||
         (primary == SQLITE_IOERR && (system_errno == ENOSPC || system_errno == EDQUOT));
}

/* Why the workspace cannot be written when the cause is its folder or one of
 * its files (the database, its -wal or -shm), or NULL. access() opens nothing,
 * so no lock of the process is dropped. */
static char *
describe_unwritable (BzStore *self)
{
  g_autofree char *folder = g_path_get_dirname (self->path);
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (access (folder, W_OK) != 0)
    {
      if (errno == EROFS)
        return g_strdup_printf (_("the folder %s is read-only (a read-only disk or mount)"), folder);
      if (errno == EACCES || errno == EPERM)
        return g_strdup_printf (_("the folder %s is not writable, and the workspace needs to create its "
                                  "-wal and -shm files there"), folder);
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (self->path, suffixes[i], NULL);

      if (access (file, W_OK) == 0 || errno == ENOENT)
        continue;
      if (errno == EROFS)
        return g_strdup_printf (_("the file %s is on a read-only disk or mount"), file);
      if (errno == EACCES || errno == EPERM)
        return g_strdup_printf (_("the file %s is not writable"), file);
    }
  return NULL;
}

void
_bz_store_set_error (BzStore    *self,
                     GError    **error,
                     int         rc,
                     const char *doing)
{
  const char *cause = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  int code = extended_code (self, rc);
  int system_errno = self->db != NULL ? sqlite3_system_errno (self->db) : 0;
  g_autofree char *unwritable = NULL;
  g_autofree char *what = doing != NULL
    ? g_strdup_printf (_("Cannot %s in the workspace %s"), doing, self->path)
    : g_strdup_printf (_("The workspace %s"), self->path);

  /* SQLite says "disk I/O error" for a write that found no space: the system's
   * error says more. */
  if (system_errno != 0 && (code & 0xff) == SQLITE_IOERR)
    cause = g_strerror (system_errno);

  if (is_disk_full (code & 0xff, system_errno))
    {
      if (system_errno == EDQUOT)
        g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NO_SPACE,
                     _("%s: the disk is full for you: your quota on the disk that holds %s is used up (%s)"),
                     what, self->path, cause);
      else
        g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NO_SPACE,
                     _("%s: the disk is full: no space is left on the disk that holds %s (%s)"),
                     what, self->path, cause);
      return;
    }

  /* A file or folder that cannot be written shows as a read-only database, a
   * file that cannot be opened (the -wal or -shm), or an I/O error. */
  switch (code & 0xff)
    {
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      unwritable = describe_unwritable (self);
      break;
    case SQLITE_IOERR:
      if (system_errno == EROFS || system_errno == EACCES || system_errno == EPERM)
        unwritable = describe_unwritable (self);
      break;
    default:
      break;
    }
  if (unwritable != NULL)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED, _("%s: %s, so it cannot be changed (%s)"),
                   what, unwritable, cause);
      return;
    }

  switch (code & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_BUSY,
                   _("%s: another program kept it locked for more than %.1f s; try again (%s)"),
                   what, self->busy_timeout_ms / 1000.0, cause);
      break;

    case SQLITE_NOTADB:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_A_DATABASE,
                   _("%s is not a Biaozhu workspace: it is not an SQLite database (%s)"),
                   self->path, cause);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("%s: the file is damaged (%s)"), what, cause);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("%s: the change breaks a rule of the workspace (%s)"), what, cause);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("%s: the file cannot be written (%s)"), what, cause);
      break;

    default:
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED, "%s: %s", what, cause);
      break;
    }
}

static void keep_bind_rc (BzStore *self,
                          int      rc);

/* Returns: (transfer none) (nullable): the cached statement, reset and
 * cleared, with the store's layer bound (BZ_LAYER_PARAM) */
sqlite3_stmt *
_bz_store_stmt (BzStore  *self,
                BzStmt    which,
                GError  **error)
{
  sqlite3_stmt *stmt;

  g_assert (which < BZ_N_STMTS);

  self->bind_rc = SQLITE_OK;
  stmt = self->stmts[which];
  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, statement_sql[which], -1,
                                   SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          _bz_store_set_error (self, error, rc, NULL);
          return NULL;
        }
      self->stmts[which] = stmt;
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  _bz_store_bind_layer (self, stmt, _bz_store_layer (self));

  return stmt;
}

void
_bz_store_bind_layer (BzStore      *self,
                      sqlite3_stmt *stmt,
                      const char   *layer)
{
  int index = _bz_store_param (stmt, BZ_LAYER_PARAM);

  /* Copied: the store's layer changes with its reviewer. */
  if (index > 0)
    keep_bind_rc (self, sqlite3_bind_text (stmt, index, layer, -1, SQLITE_TRANSIENT));
}

int
_bz_store_param (sqlite3_stmt *stmt,
                 const char   *name)
{
  return sqlite3_bind_parameter_index (stmt, name);
}

static void
keep_bind_rc (BzStore *self,
              int      rc)
{
  if (rc != SQLITE_OK && self->bind_rc == SQLITE_OK)
    self->bind_rc = rc;
}

void
_bz_store_bind_int64 (BzStore      *self,
                      sqlite3_stmt *stmt,
                      int           index,
                      gint64        value)
{
  if (index > 0)
    keep_bind_rc (self, sqlite3_bind_int64 (stmt, index, value));
}

void
_bz_store_bind_double (BzStore      *self,
                       sqlite3_stmt *stmt,
                       int           index,
                       double        value)
{
  if (index > 0)
    keep_bind_rc (self, sqlite3_bind_double (stmt, index, value));
}

/* @value is not copied: it must live until the statement is stepped. */
void
_bz_store_bind_text (BzStore      *self,
                     sqlite3_stmt *stmt,
                     int           index,
                     const char   *value,
                     int           length)
{
  if (index > 0)
    keep_bind_rc (self, sqlite3_bind_text (stmt, index, value, length, SQLITE_STATIC));
}

void
_bz_store_bind_blob64 (BzStore      *self,
                       sqlite3_stmt *stmt,
                       int           index,
                       const void   *value,
                       gsize         length)
{
  if (index > 0)
    keep_bind_rc (self, sqlite3_bind_blob64 (stmt, index, value, length, SQLITE_STATIC));
}

/* Reports a failed bind before the statement runs with a missing value. */
static gboolean
check_binds (BzStore  *self,
             GError  **error)
{
  int rc = self->bind_rc;

  if (rc == SQLITE_OK)
    return TRUE;
  self->bind_rc = SQLITE_OK;
  _bz_store_set_error (self, error, rc, NULL);
  return FALSE;
}

/* Runs a statement that returns no rows. */
gboolean
_bz_store_step_done (BzStore      *self,
                     sqlite3_stmt *stmt,
                     GError      **error)
{
  int rc;

  if (!check_binds (self, error))
    return FALSE;
  rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   "Unexpected row from “%s”", sqlite3_sql (stmt));
      return FALSE;
    }
  rc = sqlite3_reset (stmt);
  _bz_store_set_error (self, error, rc, NULL);
  return FALSE;
}

/* Returns: 1 for a row, 0 at the end, -1 with @error set */
int
_bz_store_step_row (BzStore      *self,
                    sqlite3_stmt *stmt,
                    GError      **error)
{
  int rc;

  if (!check_binds (self, error))
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  rc = sqlite3_reset (stmt);
  _bz_store_set_error (self, error, rc, NULL);
  return -1;
}

/* Returns: (transfer full) (element-type gint64) (nullable): the first column
 * of each row of @which run with @id as ?1, or %NULL with @error set */
GArray *
_bz_store_list_ids (BzStore  *self,
                    BzStmt    which,
                    gint64    id,
                    GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(BzResetStmt) stmt = _bz_store_stmt (self, which, error);
  int row;

  if (stmt == NULL)
    return NULL;
  _bz_store_bind_int64 (self, stmt, 1, id);
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, value);
    }
  if (row < 0)
    return NULL;
  return g_steal_pointer (&ids);
}

char *
_bz_store_column_dup (sqlite3_stmt *stmt,
                      int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gint64
_bz_store_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}
