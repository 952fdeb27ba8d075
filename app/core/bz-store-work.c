/* bz-store-work.c: a reviewer's work as a file, and its merge into a workspace
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "bz-json-tree-private.h"
#include "bz-line-reader-private.h"
#include "bz-store-private.h"
#include "bz-text-private.h"

#define WORK_FORMAT "biaozhu-work"

/* The statements of the work files. They are the store's SQL like those of
 * bz-store-sql.c, kept in a table of their own (prepared for one export or
 * merge, then finalized) while the layers' statements settle there. */
typedef enum
{
  WORK_EXPORT,
  WORK_SPAN_FIND,
  WORK_SPAN_INSERT,
  WORK_ACTION_INSERT,
  WORK_HISTORY_INSERT,
  WORK_HISTORY_INSERT_MANY,
  WORK_JSON_VALID,
  WORK_DOC_SET_STATUS,
  WORK_SHARED_DECISIONS,
  WORK_OTHER_LAYERS,
  N_WORK_STMTS
} WorkStmt;

/* A JSON object of each history row of the span s, oldest first. Before and
 * after are the JSON texts history keeps, as strings: a reader takes them as
 * they are, without building and writing again an object per row. */
#define SPAN_HISTORY_SQL                                                                 \
  "(SELECT json_group_array (json (y.j)) FROM"                                            \
  " (SELECT json_object ('action', h.action_id, 'description', a.description,"           \
  "   'op', h.op, 'before', h.before, 'after', h.after,"                                 \
  "   'reviewer', h.reviewer, 'timestamp', h.timestamp) AS j"                             \
  "  FROM history h JOIN actions a ON a.id = h.action_id"                                 \
  "  WHERE h.entity = 'span' AND h.span_id = s.id ORDER BY h.id) y)"

/* A history row of the file as the workspace's: the span's id, document and
 * layer in before and after are the workspace's. Rows of VALUES: the same row
 * through INSERT … SELECT … WHERE (a statement that may write several rows)
 * took three times as long. json_set refuses a text that is not JSON; that
 * each JSON text is an object the merge checks before (is_object_text).
 * Each statement builds a table for each CHECK (x IN (…)) of history, which
 * costs as much as a row: rows go in HISTORY_BATCH at a time. */
#define HISTORY_INSERT_SQL                                                                \
  "INSERT INTO history (action_id, entity, span_id, document_id, op, before, after,"     \
  " reviewer, timestamp) VALUES "
#define HISTORY_ROW_SQL                                                                   \
  "(?, 'span', ?, ?, ?, json_set (?, '$.id', ?, '$.document', ?, '$.layer', ?),"         \
  " json_set (?, '$.id', ?, '$.document', ?, '$.layer', ?), ?, ?)"
#define HISTORY_ROW_PARAMS 14
#define HISTORY_ROWS_4_SQL \
  HISTORY_ROW_SQL "," HISTORY_ROW_SQL "," HISTORY_ROW_SQL "," HISTORY_ROW_SQL
#define HISTORY_ROWS_16_SQL \
  HISTORY_ROWS_4_SQL "," HISTORY_ROWS_4_SQL "," HISTORY_ROWS_4_SQL "," HISTORY_ROWS_4_SQL
#define HISTORY_BATCH 16

static const char * const work_sql[N_WORK_STMTS] = {
  /* One line per report with spans in the layer ?1. */
  [WORK_EXPORT] =
    "SELECT json_object ('title', d.title, 'sha256', d.text_sha256, 'status', " LAYER_STATUS_SQL ("d", "?1") ","
    " 'text', d.text, 'spans', (SELECT json_group_array (json (x.j)) FROM"
    " (SELECT json_object ('start', s.start_offset, 'end', s.end_offset, 'label', s.label,"
    "   'surface', s.surface, 'status', s.status, 'origin', s.origin, 'reviewer', s.reviewer,"
    "   'attributes', json (s.attributes), 'note', s.note, 'confidence', s.confidence,"
    "   'source', s.source, 'accepted_in_bulk', s.accepted_in_bulk, 'created', s.created,"
    "   'updated', s.updated, 'history', " SPAN_HISTORY_SQL ") AS j"
    "  FROM spans s WHERE s.document_id = d.id AND s.layer = ?1"
    "  ORDER BY s.start_offset, s.end_offset, s.label) x))"
    " FROM documents d"
    " WHERE EXISTS (SELECT 1 FROM spans WHERE document_id = d.id AND layer = ?1) ORDER BY d.id",
  [WORK_SPAN_FIND] =
    "SELECT id, status FROM spans WHERE document_id = ?1 AND layer = ?2"
    " AND start_offset = ?3 AND end_offset = ?4 AND label = ?5",
  /* The attributes come as the line writes them (escapes and all); json()
   * takes out any white space. */
  [WORK_SPAN_INSERT] =
    "INSERT INTO spans (document_id, layer, start_offset, end_offset, label, surface, status,"
    " origin, reviewer, attributes, note, created, updated, confidence, source, accepted_in_bulk)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, json (?10), ?11, ?12, ?13, ?14, ?15, ?16)",
  /* A merged decision cannot be undone in the workspace: it is the reviewer's,
   * made elsewhere. */
  [WORK_ACTION_INSERT] =
    "INSERT INTO actions (kind, description, reviewer, created, undoable, state, layer)"
    " VALUES ('change', ?1, ?2, ?3, 0, 'done', ?4)",
  /* History rows, one or HISTORY_BATCH of them (bind_history_row). */
  [WORK_HISTORY_INSERT] = HISTORY_INSERT_SQL HISTORY_ROW_SQL,
  [WORK_HISTORY_INSERT_MANY] = HISTORY_INSERT_SQL HISTORY_ROWS_16_SQL,
  /* Whether ?1 is JSON, asked only once inserting a history row failed. */
  [WORK_JSON_VALID] = "SELECT json_valid (?1)",
  /* The reviewer's status of a report, where their layer has none yet. */
  [WORK_DOC_SET_STATUS] =
    "INSERT INTO layer_status (document_id, layer, status) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (document_id, layer) DO NOTHING",
  [WORK_SHARED_DECISIONS] = "SELECT count(*) FROM spans WHERE layer = '' AND status != 'suggested'",
  [WORK_OTHER_LAYERS] = "SELECT count(*) FROM spans WHERE layer != ''",
};

typedef struct
{
  BzStore      *store;
  sqlite3_stmt *stmts[N_WORK_STMTS];
} WorkStmts;

static void
work_stmts_clear (WorkStmts *stmts)
{
  for (guint i = 0; i < N_WORK_STMTS; i++)
    g_clear_pointer (&stmts->stmts[i], sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WorkStmts, work_stmts_clear)

/* Returns: (transfer none) (nullable): the statement, reset and cleared */
static sqlite3_stmt *
work_stmt (WorkStmts  *stmts,
           WorkStmt    which,
           GError    **error)
{
  BzStore *self = stmts->store;
  sqlite3_stmt *stmt = stmts->stmts[which];

  self->bind_rc = SQLITE_OK;
  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, work_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                                   &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          _bz_store_set_error (self, error, rc, NULL);
          return NULL;
        }
      stmts->stmts[which] = stmt;
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  return stmt;
}

/* Returns: the first column of the statement's first row as a number, or -1 with @error set */
static gint64
work_count (WorkStmts  *stmts,
            WorkStmt    which,
            GError    **error)
{
  sqlite3_stmt *stmt = work_stmt (stmts, which, error);
  int row;

  if (stmt == NULL)
    return -1;
  row = _bz_store_step_row (stmts->store, stmt, error);
  if (row < 0)
    return -1;
  return row == 1 ? sqlite3_column_int64 (stmt, 0) : 0;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Returns: (transfer full): the names of the workspace's labels, sorted */
static GPtrArray *
sorted_label_names (BzStore  *self,
                    GError  **error)
{
  g_autoptr(GPtrArray) labels = bz_store_list_labels (self, error);
  g_autoptr(GPtrArray) names = NULL;

  if (labels == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < labels->len; i++)
    g_ptr_array_add (names, g_strdup (bz_label_get_name (g_ptr_array_index (labels, i))));
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

static gboolean
is_reviewer_name (const char *name)
{
  return name != NULL && bz_reviewer_name_check (name, NULL);
}

/* ---- Export ----------------------------------------------------------------- */

static char *
header_line (const char *reviewer,
             GPtrArray  *labels)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, WORK_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, BZ_WORK_FORMAT_VERSION);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_int_value (builder, BZ_STORE_SCHEMA_VERSION);
  json_builder_set_member_name (builder, "reviewer");
  json_builder_add_string_value (builder, reviewer);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_array (builder);
  for (guint i = 0; i < labels->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (labels, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
write_line (GOutputStream  *out,
            const char     *line,
            const char     *path,
            GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_output_stream_write_all (out, line, strlen (line), NULL, NULL, &local_error)
      && g_output_stream_write_all (out, "\n", 1, NULL, NULL, &local_error))
    return TRUE;
  g_set_error (error, BZ_STORE_ERROR,
               g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE)
                 ? BZ_STORE_ERROR_NO_SPACE : BZ_STORE_ERROR_FAILED,
               _("Cannot write %s: %s"), path, local_error->message);
  return FALSE;
}

gboolean
bz_store_export_work (BzStore     *self,
                      const char  *reviewer,
                      const char  *path,
                      GError     **error)
{
  g_auto(WorkStmts) stmts = { self, { NULL } };
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *header = NULL;
  sqlite3_stmt *stmt;
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (reviewer != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!is_reviewer_name (reviewer))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot export the work of “%s”: it is not a reviewer’s name (a name is "
                     "not empty and does not start with @)"),
                   reviewer);
      return FALSE;
    }
  if (!(labels = sorted_label_names (self, error)))
    return FALSE;

  file = g_file_new_for_path (path);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &local_error);
  if (out == NULL)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED, _("Cannot write %s: %s"), path,
                   local_error->message);
      return FALSE;
    }
  header = header_line (reviewer, labels);
  if (!write_line (G_OUTPUT_STREAM (out), header, path, error))
    goto fail;

  if (!(stmt = work_stmt (&stmts, WORK_EXPORT, error)))
    goto fail;
  _bz_store_bind_text (self, stmt, 1, reviewer, -1);
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    if (!write_line (G_OUTPUT_STREAM (out), (const char *) sqlite3_column_text (stmt, 0), path,
                     error))
      goto fail;
  sqlite3_reset (stmt);
  if (row < 0)
    goto fail;

  if (!g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &local_error))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED, _("Cannot write %s: %s"), path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;

fail:
  {
    /* Cancelled before the close: the file that was there stays as it was. */
    g_autoptr(GCancellable) cancel = g_cancellable_new ();

    g_cancellable_cancel (cancel);
    g_output_stream_close (G_OUTPUT_STREAM (out), cancel, NULL);
    return FALSE;
  }
}

/* ---- Merge ------------------------------------------------------------------ */

void
bz_merge_conflict_free (BzMergeConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->title);
  g_free (conflict->label);
  g_free (conflict->kept_status);
  g_free (conflict->file_status);
  g_free (conflict);
}

void
bz_merge_report_free (BzMergeReport *report)
{
  if (report == NULL)
    return;
  g_free (report->reviewer);
  g_clear_pointer (&report->conflicts, g_ptr_array_unref);
  g_free (report);
}

/* A history row of the line, its texts in the line's BzJsonTree. */
typedef struct
{
  gint64      action_id;
  gint64      span_id;
  const char *op;
  const char *before;
  const char *after;
  const char *reviewer;
  gint64      timestamp;
  guint       row;   /* which row of which span of the line, for a message */
  guint       span;
} HistoryRow;

/* The state of one merge. */
typedef struct
{
  BzStore       *store;
  const char    *path;
  WorkStmts      stmts;
  GHashTable    *labels;     /* the workspace's label names */
  BzMergeReport *report;
  /* The file's actions (their ids there) → the workspace's actions. */
  GHashTable    *actions;
  /* The line being merged: its number, its text and the values read from it. */
  guint          line;
  const char    *line_text;
  BzJsonTree    *tree;
  /* The history rows of the line not yet written (HistoryRow). */
  GArray        *history;
  /* The report being merged: its id, title, text and each code point's byte offset. */
  gint64         document_id;
  const char    *title;
  const char    *text;
  GArray        *offsets;
} Merge;

static void
merge_clear (Merge *merge)
{
  work_stmts_clear (&merge->stmts);
  g_clear_pointer (&merge->labels, g_hash_table_unref);
  g_clear_pointer (&merge->actions, g_hash_table_unref);
  g_clear_pointer (&merge->offsets, g_array_unref);
  g_clear_pointer (&merge->tree, _bz_json_tree_free);
  g_clear_pointer (&merge->history, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Merge, merge_clear)

/* Sets @error to "Cannot merge FILE, line N: CAUSE" and returns FALSE. */
static gboolean G_GNUC_PRINTF (3, 4)
merge_fail (Merge       *merge,
            GError     **error,
            const char  *format,
            ...)
{
  g_autofree char *cause = NULL;
  va_list args;

  va_start (args, format);
  cause = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID, _("Cannot merge %s, line %u: %s"),
               merge->path, merge->line, cause);
  return FALSE;
}

/* Returns: (transfer none) (nullable): the member if it is a string */
static const char *
get_string (Merge                *merge,
            const BzJsonTreeNode *object,
            const char           *name)
{
  const BzJsonTreeNode *node = _bz_json_tree_member (merge->tree, object, name);

  return node != NULL && node->kind == BZ_JSON_TREE_STRING ? node->string : NULL;
}

/* Returns: whether the member is an integer (stored in *@out) */
static gboolean
get_int (Merge                *merge,
         const BzJsonTreeNode *object,
         const char           *name,
         gint64               *out)
{
  const BzJsonTreeNode *node = _bz_json_tree_member (merge->tree, object, name);

  if (node == NULL || node->kind != BZ_JSON_TREE_INT)
    return FALSE;
  *out = node->integer;
  return TRUE;
}

/* Returns: (transfer none) (nullable): a member that is a string, or %NULL
 * when it is null or absent; *@ok is FALSE when it is anything else */
static const char *
get_nullable_string (Merge                *merge,
                     const BzJsonTreeNode *object,
                     const char           *name,
                     gboolean             *ok)
{
  const BzJsonTreeNode *node = _bz_json_tree_member (merge->tree, object, name);

  *ok = TRUE;
  if (node == NULL || node->kind == BZ_JSON_TREE_NULL)
    return NULL;
  *ok = node->kind == BZ_JSON_TREE_STRING;
  return *ok ? node->string : NULL;
}

/* Returns: (transfer full) (nullable): a member that is an object (or null, or
 * absent: %NULL) as its JSON text in the line; *@ok is FALSE when it is
 * anything else */
static char *
get_object_text (Merge                *merge,
                 const BzJsonTreeNode *object,
                 const char           *name,
                 gboolean             *ok)
{
  const BzJsonTreeNode *node = _bz_json_tree_member (merge->tree, object, name);

  *ok = TRUE;
  if (node == NULL || node->kind == BZ_JSON_TREE_NULL)
    return NULL;
  if (node->kind != BZ_JSON_TREE_OBJECT)
    {
      *ok = FALSE;
      return NULL;
    }
  return g_strndup (merge->line_text + node->start, node->end - node->start);
}

static gboolean
parse_line (Merge                 *merge,
            const char            *line,
            const BzJsonTreeNode **out_object,
            GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  const BzJsonTreeNode *root;

  if (!_bz_json_tree_parse (merge->tree, line, strlen (line), &local_error))
    return merge_fail (merge, error, _("not JSON (%s)"), local_error->message);
  root = _bz_json_tree_root (merge->tree);
  if (root->kind != BZ_JSON_TREE_OBJECT)
    return merge_fail (merge, error, _("not a JSON object"));
  merge->line_text = line;
  *out_object = root;
  return TRUE;
}

/* Checks the header: a work file of a version, schema and label set this
 * workspace can take. */
static gboolean
check_header (Merge                 *merge,
              const BzJsonTreeNode  *header,
              GError               **error)
{
  const char *format = get_string (merge, header, "format");
  const char *reviewer = get_string (merge, header, "reviewer");
  const BzJsonTreeNode *labels_node = _bz_json_tree_member (merge->tree, header, "labels");
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) file_labels = g_ptr_array_new ();
  gint64 version, schema;

  if (g_strcmp0 (format, WORK_FORMAT) != 0)
    return merge_fail (merge, error, _("not a work file (its first line lacks \"format\": \"%s\")"),
                       WORK_FORMAT);
  if (!get_int (merge, header, "version", &version) || !get_int (merge, header, "schema", &schema))
    return merge_fail (merge, error, _("the header lacks its version or schema"));
  if (version > BZ_WORK_FORMAT_VERSION || schema > BZ_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_TOO_NEW,
                   _("Cannot merge %s: it was written by a newer Biaozhu (work file version "
                     "%lld, schema %lld; this version reads up to %d and %d)"),
                   merge->path, (long long) version, (long long) schema, BZ_WORK_FORMAT_VERSION,
                   BZ_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (!is_reviewer_name (reviewer))
    return merge_fail (merge, error, _("the header names no reviewer"));
  if (labels_node == NULL || labels_node->kind != BZ_JSON_TREE_ARRAY)
    return merge_fail (merge, error, _("the header lacks its labels"));

  for (const BzJsonTreeNode *node = _bz_json_tree_child (merge->tree, labels_node); node != NULL;
       node = _bz_json_tree_next (merge->tree, node))
    {
      if (node->kind != BZ_JSON_TREE_STRING)
        return merge_fail (merge, error, _("the header's labels are not all names"));
      g_ptr_array_add (file_labels, (gpointer) node->string);
    }
  g_ptr_array_sort (file_labels, compare_names);
  if (!(labels = sorted_label_names (merge->store, error)))
    return FALSE;

  {
    gboolean same = labels->len == file_labels->len;

    for (guint i = 0; same && i < labels->len; i++)
      same = g_str_equal (g_ptr_array_index (labels, i), g_ptr_array_index (file_labels, i));
    if (!same)
      {
        g_autofree char *ours = NULL;
        g_autofree char *theirs = NULL;

        g_ptr_array_add (labels, NULL);
        g_ptr_array_add (file_labels, NULL);
        ours = g_strjoinv (", ", (char **) labels->pdata);
        theirs = g_strjoinv (", ", (char **) file_labels->pdata);
        g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                     _("Cannot merge %s: its labels (%s) are not the workspace’s (%s)"),
                     merge->path, theirs, ours);
        return FALSE;
      }
  }

  merge->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < labels->len; i++)
    g_hash_table_add (merge->labels, g_strdup (g_ptr_array_index (labels, i)));
  merge->report->reviewer = g_strdup (reviewer);
  return TRUE;
}

/* Merging makes the workspace one of independent review, where each
 * reviewer's layer is seen by its reviewer. A workspace in shared review
 * becomes one when nothing is decided in it yet; one whose shared layer
 * holds decisions, or that holds reviewers' layers already (it was set back
 * to shared review), is refused: switching it would change what its
 * reviewers see, which is a choice for them (biaozhu-cli review-mode). */
static gboolean
ensure_independent (Merge   *merge,
                    GError **error)
{
  BzStore *self = merge->store;
  gint64 n_decisions, n_layered;

  if (bz_store_get_review_mode (self) == BZ_REVIEW_INDEPENDENT)
    return TRUE;
  if ((n_decisions = work_count (&merge->stmts, WORK_SHARED_DECISIONS, error)) < 0
      || (n_layered = work_count (&merge->stmts, WORK_OTHER_LAYERS, error)) < 0)
    return FALSE;
  if (n_decisions > 0 || n_layered > 0)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot merge %s into the workspace %s: it is in shared review and already "
                     "holds decisions; set it to independent review first (biaozhu-cli "
                     "review-mode independent)"),
                   merge->path, self->path);
      return FALSE;
    }
  return bz_store_set_review_mode (self, BZ_REVIEW_INDEPENDENT, error);
}

/* The reviewer is one of the workspace's from now on. */
static gboolean
add_reviewer (Merge   *merge,
              GError **error)
{
  g_autoptr(BzResetStmt) stmt = _bz_store_stmt (merge->store, BZ_STMT_REVIEWER_ADD, error);

  if (stmt == NULL)
    return FALSE;
  _bz_store_bind_text (merge->store, stmt, 1, merge->report->reviewer, -1);
  _bz_store_bind_int64 (merge->store, stmt, 2, _bz_store_now ());
  return _bz_store_step_done (merge->store, stmt, error);
}

static gboolean
is_span_status (const char *status)
{
  return g_strcmp0 (status, "suggested") == 0 || g_strcmp0 (status, "accepted") == 0
         || g_strcmp0 (status, "rejected") == 0;
}

/* Returns: whether a span's confidence member is absent, null, not a number
 * (bind_optional() refuses that) or one the workspace holds: in [0, 1]. */
static gboolean
is_confidence (const BzJsonTreeNode *node)
{
  if (node == NULL || (node->kind != BZ_JSON_TREE_INT && node->kind != BZ_JSON_TREE_DOUBLE))
    return TRUE;
  return node->number >= 0.0 && node->number <= 1.0;
}

/* Finds or adds the report of the line; keeps its text for the spans. */
static gboolean
merge_document (Merge                 *merge,
                const BzJsonTreeNode  *object,
                GError               **error)
{
  BzStore *self = merge->store;
  const char *title = get_string (merge, object, "title");
  const char *text = get_string (merge, object, "text");
  const char *sha256 = get_string (merge, object, "sha256");
  const char *status = get_string (merge, object, "status");
  g_autofree char *hash = NULL;
  gint64 id;

  if (title == NULL || text == NULL || sha256 == NULL || status == NULL)
    return merge_fail (merge, error, _("a report needs a title, sha256, status and text"));
  if (!g_utf8_validate (text, -1, NULL))
    return merge_fail (merge, error, _("the text of “%s” is not valid UTF-8"), title);
  hash = _bz_sha256_hex (text, strlen (text));
  if (g_ascii_strcasecmp (hash, sha256) != 0)
    return merge_fail (merge, error, _("the text of “%s” does not match its sha256"), title);
  if (g_strcmp0 (status, "new") != 0 && g_strcmp0 (status, "in-progress") != 0
      && g_strcmp0 (status, "reviewed") != 0)
    return merge_fail (merge, error, _("“%s” has an unknown status “%s”"), title, status);

  {
    g_autoptr(GError) find_error = NULL;

    id = bz_store_find_document_by_text (self, text, &find_error);
    if (find_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&find_error));
        return FALSE;
      }
  }
  if (id == 0)
    {
      /* A report the workspace lacks comes from the file's text, which must
       * be canonical as it is: the spans' offsets refer to it. */
      g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
      g_autoptr(GError) local_error = NULL;
      g_autoptr(BzCanonicalText) canonical =
        bz_canonical_text_new_from_bytes (bytes, title, &local_error);

      if (canonical == NULL)
        return merge_fail (merge, error, "%s", local_error->message);
      if (!g_str_equal (canonical->text, text))
        return merge_fail (merge, error, _("the text of “%s” is not canonical"), title);
      id = bz_store_add_document (self, title, NULL, canonical, NULL, error);
      if (id <= 0)
        return FALSE;
      merge->report->n_reports_added++;
    }
  /* The report's status in the reviewer's layer of their workspace, unless
   * the layer has one here already (nothing is overwritten). */
  {
    sqlite3_stmt *stmt = work_stmt (&merge->stmts, WORK_DOC_SET_STATUS, error);

    if (stmt == NULL)
      return FALSE;
    _bz_store_bind_int64 (self, stmt, 1, id);
    _bz_store_bind_text (self, stmt, 2, merge->report->reviewer, -1);
    _bz_store_bind_text (self, stmt, 3, status, -1);
    if (!_bz_store_step_done (self, stmt, error))
      return FALSE;
  }
  merge->report->n_reports++;
  merge->document_id = id;
  merge->title = title;
  merge->text = text;
  g_array_set_size (merge->offsets, 0);
  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      guint32 offset = p - text;

      g_array_append_val (merge->offsets, offset);
      if (*p == '\0')
        break;
    }
  return TRUE;
}

/* Returns: whether @text, when it is JSON, is an object: a JSON text is what
 * its first character past white space (as JSON has it) says. */
static gboolean
is_object_text (const char *text)
{
  return text[strspn (text, " \t\n\r")] == '{';
}

/* Returns: 1 when @text is %NULL or JSON as SQLite reads it, 0 when it is
 * not, -1 with @error set */
static int
is_json_or_null (Merge       *merge,
                 const char  *text,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  int row;

  if (text == NULL)
    return 1;
  if (!(stmt = work_stmt (&merge->stmts, WORK_JSON_VALID, error)))
    return -1;
  _bz_store_bind_text (merge->store, stmt, 1, text, -1);
  row = _bz_store_step_row (merge->store, stmt, error);
  if (row < 0)
    return -1;
  return row == 1 && sqlite3_column_int (stmt, 0) == 1;
}

/* Recreates the span's history rows as the workspace's, each action of the
 * file once. */
static gboolean
merge_history (Merge       *merge,
               const BzJsonTreeNode  *span,
               gint64       span_id,
               guint        index,
               GError     **error)
{
  BzStore *self = merge->store;
  const BzJsonTreeNode *node = _bz_json_tree_member (merge->tree, span, "history");
  guint i = 0;

  if (node == NULL || node->kind == BZ_JSON_TREE_NULL)
    return TRUE;
  if (node->kind != BZ_JSON_TREE_ARRAY)
    return merge_fail (merge, error, _("the history of span %u of “%s” is not an array"), index,
                       merge->title);
  for (const BzJsonTreeNode *row_node = _bz_json_tree_child (merge->tree, node); row_node != NULL;
       row_node = _bz_json_tree_next (merge->tree, row_node), i++)
    {
      const BzJsonTreeNode *row = row_node->kind == BZ_JSON_TREE_OBJECT ? row_node : NULL;
      const char *op, *reviewer, *description, *before = NULL, *after = NULL;
      gboolean before_ok = FALSE, after_ok = FALSE;
      gint64 action, timestamp, action_id;
      gpointer value;
      sqlite3_stmt *stmt;

      if (row != NULL)
        {
          before = get_nullable_string (merge, row, "before", &before_ok);
          after = get_nullable_string (merge, row, "after", &after_ok);
        }
      if (row == NULL || !get_int (merge, row, "action", &action)
          || !get_int (merge, row, "timestamp", &timestamp)
          || !(op = get_string (merge, row, "op"))
          || (!g_str_equal (op, "add") && !g_str_equal (op, "update") && !g_str_equal (op, "delete"))
          || !is_reviewer_name (reviewer = get_string (merge, row, "reviewer"))
          || !(description = get_string (merge, row, "description")) || !before_ok || !after_ok
          || (before != NULL && !is_object_text (before))
          || (after != NULL && !is_object_text (after)))
        return merge_fail (merge, error, _("history row %u of span %u of “%s” is malformed"), i,
                           index, merge->title);

      if (g_hash_table_lookup_extended (merge->actions, &action, NULL, &value))
        action_id = *(gint64 *) value;
      else
        {
          if (!(stmt = work_stmt (&merge->stmts, WORK_ACTION_INSERT, error)))
            return FALSE;
          _bz_store_bind_text (self, stmt, 1, description, -1);
          _bz_store_bind_text (self, stmt, 2, reviewer, -1);
          _bz_store_bind_int64 (self, stmt, 3, timestamp);
          _bz_store_bind_text (self, stmt, 4, merge->report->reviewer, -1);
          if (!_bz_store_step_done (self, stmt, error))
            return FALSE;
          action_id = sqlite3_last_insert_rowid (self->db);
          g_hash_table_insert (merge->actions, g_memdup2 (&action, sizeof action),
                               g_memdup2 (&action_id, sizeof action_id));
        }

      {
        HistoryRow history = { action_id, span_id, op, before, after, reviewer, timestamp, i, index };

        g_array_append_val (merge->history, history);
      }
    }
  return TRUE;
}

static void
add_conflict (Merge      *merge,
              gint64      start,
              gint64      end,
              const char *label,
              const char *kept_status,
              const char *file_status)
{
  BzMergeConflict *conflict = g_new0 (BzMergeConflict, 1);

  conflict->document_id = merge->document_id;
  conflict->title = g_strdup (merge->title);
  conflict->start = start;
  conflict->end = end;
  conflict->label = g_strdup (label);
  conflict->kept_status = g_strdup (kept_status);
  conflict->file_status = g_strdup (file_status);
  g_ptr_array_add (merge->report->conflicts, conflict);
}

/* Binds a member that may be absent or null (as NULL) or a value of its own type. */
static gboolean
bind_optional (Merge        *merge,
               sqlite3_stmt *stmt,
               int           index,
               const BzJsonTreeNode *object,
               const char           *name,
               GType                 type)
{
  const BzJsonTreeNode *node = _bz_json_tree_member (merge->tree, object, name);

  if (node == NULL || node->kind == BZ_JSON_TREE_NULL)
    return TRUE;
  if (type == G_TYPE_STRING && node->kind == BZ_JSON_TREE_STRING)
    _bz_store_bind_text (merge->store, stmt, index, node->string, -1);
  else if (type == G_TYPE_DOUBLE
           && (node->kind == BZ_JSON_TREE_DOUBLE || node->kind == BZ_JSON_TREE_INT))
    _bz_store_bind_double (merge->store, stmt, index, node->number);
  else
    return FALSE;
  return TRUE;
}

/* Binds ?1 to ?5 of WORK_SPAN_FIND and WORK_SPAN_INSERT: where the span
 * stands in the reviewer's layer. */
static void
bind_span_key (Merge        *merge,
               sqlite3_stmt *stmt,
               gint64        start,
               gint64        end,
               const char   *label)
{
  _bz_store_bind_int64 (merge->store, stmt, 1, merge->document_id);
  _bz_store_bind_text (merge->store, stmt, 2, merge->report->reviewer, -1);
  _bz_store_bind_int64 (merge->store, stmt, 3, start);
  _bz_store_bind_int64 (merge->store, stmt, 4, end);
  _bz_store_bind_text (merge->store, stmt, 5, label, -1);
}

static gboolean
merge_span (Merge       *merge,
            const BzJsonTreeNode  *span,
            guint                  index,
            GError     **error)
{
  BzStore *self = merge->store;
  const char *label = get_string (merge, span, "label");
  const char *status = get_string (merge, span, "status");
  const char *origin = get_string (merge, span, "origin");
  const char *surface = get_string (merge, span, "surface");
  g_autofree char *attributes = NULL;
  gint64 start, end, created, updated, in_bulk = 0, n_chars = merge->offsets->len - 1;
  gboolean attributes_ok;
  sqlite3_stmt *stmt;
  guint32 from, to;
  int row;

  attributes = get_object_text (merge, span, "attributes", &attributes_ok);
  if (!get_int (merge, span, "start", &start) || !get_int (merge, span, "end", &end)
      || !get_int (merge, span, "created", &created) || !get_int (merge, span, "updated", &updated)
      || label == NULL || origin == NULL || surface == NULL || !attributes_ok
      || (_bz_json_tree_member (merge->tree, span, "accepted_in_bulk") != NULL
          && !get_int (merge, span, "accepted_in_bulk", &in_bulk)))
    return merge_fail (merge, error, _("span %u of “%s” is malformed"), index, merge->title);
  if (!is_span_status (status))
    return merge_fail (merge, error, _("span %u of “%s” has an unknown status"), index,
                       merge->title);
  if (!is_confidence (_bz_json_tree_member (merge->tree, span, "confidence")))
    return merge_fail (merge, error, _("span %u of “%s” has a confidence outside [0, 1]"), index,
                       merge->title);
  if (!g_hash_table_contains (merge->labels, label))
    return merge_fail (merge, error, _("span %u of “%s” has a label not in the header (“%s”)"),
                       index, merge->title, label);
  if (start < 0 || start >= end || end > n_chars)
    return merge_fail (merge, error, _("span %u of “%s” [%lld, %lld) lies outside its text of %lld characters"),
                       index, merge->title, (long long) start, (long long) end, (long long) n_chars);
  from = g_array_index (merge->offsets, guint32, start);
  to = g_array_index (merge->offsets, guint32, end);
  if (strlen (surface) != to - from || memcmp (surface, merge->text + from, to - from) != 0)
    return merge_fail (merge, error, _("span %u of “%s” does not match its text (“%s”)"), index,
                       merge->title, surface);

  if (!(stmt = work_stmt (&merge->stmts, WORK_SPAN_FIND, error)))
    return FALSE;
  bind_span_key (merge, stmt, start, end, label);
  row = _bz_store_step_row (self, stmt, error);
  if (row < 0)
    return FALSE;
  if (row == 1)
    {
      /* Nothing is overwritten: the decision already in the layer stands. */
      const char *kept = (const char *) sqlite3_column_text (stmt, 1);

      if (g_str_equal (kept, status))
        merge->report->n_spans_kept++;
      else
        add_conflict (merge, start, end, label, kept, status);
      sqlite3_reset (stmt);
      return TRUE;
    }

  if (!(stmt = work_stmt (&merge->stmts, WORK_SPAN_INSERT, error)))
    return FALSE;
  bind_span_key (merge, stmt, start, end, label);
  _bz_store_bind_text (self, stmt, 6, surface, -1);
  _bz_store_bind_text (self, stmt, 7, status, -1);
  _bz_store_bind_text (self, stmt, 8, origin, -1);
  _bz_store_bind_text (self, stmt, 10, attributes, -1);
  _bz_store_bind_int64 (self, stmt, 12, created);
  _bz_store_bind_int64 (self, stmt, 13, updated);
  _bz_store_bind_int64 (self, stmt, 16, in_bulk != 0);
  if (!bind_optional (merge, stmt, 9, span, "reviewer", G_TYPE_STRING)
      || !bind_optional (merge, stmt, 11, span, "note", G_TYPE_STRING)
      || !bind_optional (merge, stmt, 14, span, "confidence", G_TYPE_DOUBLE)
      || !bind_optional (merge, stmt, 15, span, "source", G_TYPE_STRING))
    return merge_fail (merge, error, _("span %u of “%s” is malformed"), index, merge->title);
  if (!_bz_store_step_done (self, stmt, error))
    return FALSE;
  merge->report->n_spans_added++;
  {
    gint64 span_id = sqlite3_last_insert_rowid (self->db);

    _bz_store_touch_span (self, merge->document_id, span_id);
    return merge_history (merge, span, span_id, index, error);
  }
}

/* Binds @row from the parameter @first on (HISTORY_ROW_PARAMS of them). */
static void
bind_history_row (Merge            *merge,
                  sqlite3_stmt     *stmt,
                  int               first,
                  const HistoryRow *row)
{
  BzStore *self = merge->store;
  const char *layer = merge->report->reviewer;

  _bz_store_bind_int64 (self, stmt, first, row->action_id);
  _bz_store_bind_int64 (self, stmt, first + 1, row->span_id);
  _bz_store_bind_int64 (self, stmt, first + 2, merge->document_id);
  _bz_store_bind_text (self, stmt, first + 3, row->op, -1);
  _bz_store_bind_text (self, stmt, first + 4, row->before, -1);
  _bz_store_bind_int64 (self, stmt, first + 5, row->span_id);
  _bz_store_bind_int64 (self, stmt, first + 6, merge->document_id);
  _bz_store_bind_text (self, stmt, first + 7, layer, -1);
  _bz_store_bind_text (self, stmt, first + 8, row->after, -1);
  _bz_store_bind_int64 (self, stmt, first + 9, row->span_id);
  _bz_store_bind_int64 (self, stmt, first + 10, merge->document_id);
  _bz_store_bind_text (self, stmt, first + 11, layer, -1);
  _bz_store_bind_text (self, stmt, first + 12, row->reviewer, -1);
  _bz_store_bind_int64 (self, stmt, first + 13, row->timestamp);
}

/* Writes the history rows of the line, before the next line is read. */
static gboolean
flush_history (Merge   *merge,
               GError **error)
{
  GArray *rows = merge->history;
  guint done = 0;

  while (done < rows->len)
    {
      guint n = rows->len - done >= HISTORY_BATCH ? HISTORY_BATCH : 1;
      g_autoptr(GError) insert_error = NULL;
      sqlite3_stmt *stmt;

      if (!(stmt = work_stmt (&merge->stmts, n > 1 ? WORK_HISTORY_INSERT_MANY : WORK_HISTORY_INSERT,
                              error)))
        return FALSE;
      for (guint i = 0; i < n; i++)
        bind_history_row (merge, stmt, 1 + i * HISTORY_ROW_PARAMS,
                          &g_array_index (rows, HistoryRow, done + i));
      if (!_bz_store_step_done (merge->store, stmt, &insert_error))
        {
          /* json_set refuses a text that is not JSON: that is the file's fault. */
          for (guint i = 0; i < n; i++)
            {
              const HistoryRow *row = &g_array_index (rows, HistoryRow, done + i);
              int valid = is_json_or_null (merge, row->before, error);

              if (valid > 0)
                valid = is_json_or_null (merge, row->after, error);
              if (valid < 0)
                return FALSE;
              if (valid == 0)
                return merge_fail (merge, error,
                                   _("history row %u of span %u of “%s” is malformed"), row->row,
                                   row->span, merge->title);
            }
          g_propagate_error (error, g_steal_pointer (&insert_error));
          return FALSE;
        }
      merge->report->n_history_added += n;
      done += n;
    }
  g_array_set_size (rows, 0);
  return TRUE;
}

static gboolean
merge_report_line (Merge                 *merge,
                   const BzJsonTreeNode  *object,
                   GError               **error)
{
  const BzJsonTreeNode *spans_node = _bz_json_tree_member (merge->tree, object, "spans");
  guint i = 0;

  if (!merge_document (merge, object, error))
    return FALSE;
  if (spans_node == NULL || spans_node->kind != BZ_JSON_TREE_ARRAY)
    return merge_fail (merge, error, _("“%s” has no array of spans"), merge->title);
  for (const BzJsonTreeNode *node = _bz_json_tree_child (merge->tree, spans_node); node != NULL;
       node = _bz_json_tree_next (merge->tree, node), i++)
    {
      if (node->kind != BZ_JSON_TREE_OBJECT)
        return merge_fail (merge, error, _("span %u of “%s” is not an object"), i, merge->title);
      if (!merge_span (merge, node, i, error))
        return FALSE;
    }
  return flush_history (merge, error);
}

/* Reads the next line; *@out_line is %NULL at the end of the file. */
static gboolean
read_line (Merge         *merge,
           BzLineReader  *in,
           char         **out_line,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!_bz_line_reader_next (in, out_line, &length, &local_error))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot merge %s, line %u: %s"), merge->path, merge->line + 1,
                   local_error->message);
      return FALSE;
    }
  if (*out_line != NULL && !g_utf8_validate (*out_line, length, NULL))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot merge %s, line %u: %s"), merge->path, merge->line + 1,
                   _("not valid UTF-8"));
      return FALSE;
    }
  merge->line++;
  return TRUE;
}

static gboolean
merge_lines (Merge         *merge,
             BzLineReader  *in,
             GError       **error)
{
  for (;;)
    {
      char *line;
      const BzJsonTreeNode *object;

      if (!read_line (merge, in, &line, error))
        return FALSE;
      if (line == NULL)
        return TRUE;
      if (*g_strstrip (line) == '\0')
        continue;
      if (!parse_line (merge, line, &object, error) || !merge_report_line (merge, object, error))
        return FALSE;
    }
}

gboolean
bz_store_merge_work (BzStore         *self,
                     const char      *path,
                     BzMergeReport  **out_report,
                     GError         **error)
{
  g_auto(Merge) merge = { 0 };
  g_autoptr(BzMergeReport) report = g_new0 (BzMergeReport, 1);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(BzLineReader) in = NULL;
  g_autoptr(GError) local_error = NULL;
  char *header = NULL;
  g_autofree char *description = NULL;
  const BzJsonTreeNode *header_object;
  gboolean was_independent;

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  report->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_merge_conflict_free);
  merge.store = self;
  merge.stmts.store = self;
  merge.path = path;
  merge.report = report;
  merge.actions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  merge.offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  merge.tree = _bz_json_tree_new ();
  merge.history = g_array_new (FALSE, FALSE, sizeof (HistoryRow));

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED, _("Cannot read %s: %s"), path,
                   local_error->message);
      return FALSE;
    }
  in = _bz_line_reader_new (G_INPUT_STREAM (stream));
  if (!read_line (&merge, in, &header, error))
    return FALSE;
  if (header == NULL)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot merge %s: the file is empty"), path);
      return FALSE;
    }
  if (!parse_line (&merge, header, &header_object, error)
      || !check_header (&merge, header_object, error))
    return FALSE;

  description = g_strdup_printf (_("merge the work of %s"), report->reviewer);
  was_independent = bz_store_get_review_mode (self) == BZ_REVIEW_INDEPENDENT;
  if (!bz_store_begin (self, description, FALSE, error))
    return FALSE;
  if (!ensure_independent (&merge, error) || !add_reviewer (&merge, error)
      || !merge_lines (&merge, in, error)
      || !bz_store_commit (self, error))
    {
      bz_store_rollback (self);
      /* The review mode set in the rolled back transaction is not the workspace's. */
      if (!was_independent)
        self->independent = FALSE;
      return FALSE;
    }

  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  return TRUE;
}
