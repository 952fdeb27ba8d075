/* store-fixtures.h: temporary workspaces and hand-made canonical texts for store tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <glib/gstdio.h>
#include <biaozhu.h>
#include <sqlite3.h>

/* 𠮷 lies outside the BMP: one code point, four UTF-8 bytes. */
#define TEXT "𠮷野家在王府井大街开店。东城区人民政府发布《北京市优化营商环境条例》，GDP增长6.3%。\n"
#define TEXT_N_CHARS 46

/* A canonical text as the decoder would make it from UTF-8 bytes: the offset
 * map holds the UTF-8 byte offset of each code point. */
static inline BzCanonicalText *
fixture_canonical_text (const char *text,
                        const char *encoding)
{
  BzCanonicalText *ct = g_new0 (BzCanonicalText, 1);
  const char *p;

  ct->text = g_strdup (text);
  ct->n_chars = g_utf8_strlen (text, -1);
  ct->encoding = g_strdup (encoding);
  ct->script = BZ_SCRIPT_SIMPLIFIED;
  ct->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  ct->offset_map = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (p = text; ; p = g_utf8_next_char (p))
    {
      gint64 offset = p - text;

      g_array_append_val (ct->offset_map, offset);
      if (*p == '\0')
        break;
    }
  ct->warnings = g_array_new (FALSE, TRUE, sizeof (BzQualityWarning));
  g_array_set_clear_func (ct->warnings, (GDestroyNotify) bz_quality_warning_clear);
  return ct;
}

static inline void
fixture_add_warning (BzCanonicalText *ct,
                     gint64           start,
                     gint64           end,
                     const char      *kind,
                     const char      *message)
{
  BzQualityWarning w = { start, end, g_strdup (kind), g_strdup (message) };

  g_array_append_val (ct->warnings, w);
}

/* Returns: (transfer full): a new empty folder under the temporary folder */
static inline char *
fixture_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("bz-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
fixture_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          fixture_remove_tree (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}

static inline char *
fixture_file_sha256 (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static inline BzStore *
fixture_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  BzStore *store = bz_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* Closes @store (which must be its last reference) and opens its file again. */
static inline BzStore *
fixture_reopen (BzStore *store)
{
  g_autofree char *path = g_strdup (bz_store_get_path (store));
  g_autofree char *reviewer = g_strdup (bz_store_get_reviewer (store));
  BzStore *reopened;

  g_assert_finalize_object (store);
  reopened = fixture_open (path);
  bz_store_set_reviewer (reopened, reviewer);
  return reopened;
}

static inline gint64
fixture_add_document (BzStore    *store,
                      const char *title,
                      const char *text)
{
  g_autoptr(BzCanonicalText) ct = fixture_canonical_text (text, "UTF-8");
  g_autoptr(GError) error = NULL;
  gboolean existing = TRUE;
  gint64 id;

  id = bz_store_add_document (store, title, NULL, ct, &existing, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_false (existing);
  return id;
}

static inline gint64
fixture_add_span (BzStore      *store,
                  gint64        document_id,
                  gint64        start,
                  gint64        end,
                  const char   *label,
                  BzSpanStatus  status)
{
  g_autoptr(BzSpan) span = bz_span_new (start, end, label, status, "human");
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = bz_store_add_span (store, document_id, span, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline void
fixture_set_status (BzStore      *store,
                    gint64        span_id,
                    BzSpanStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bz_store_set_span_status (store, span_id, status, &error));
  g_assert_no_error (error);
}

/* Undoes (@undo) or redoes the reviewer's last action, which must have touched
 * @document_id. */
static inline void
fixture_replay (BzStore  *store,
                gboolean  undo,
                gint64    document_id)
{
  g_autoptr(GError) error = NULL;
  gint64 touched = 0;

  g_assert_true (undo ? bz_store_can_undo (store) : bz_store_can_redo (store));
  g_assert_true (undo ? bz_store_undo (store, &touched, &error) : bz_store_redo (store, &touched, &error));
  g_assert_no_error (error);
  g_assert_cmpint (touched, ==, document_id);
}

/* The first column of the first row of @sql, read from the file at @path
 * behind the store's back. */
static inline gint64
fixture_query_int (const char *path,
                   const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Runs @sql on the file at @path behind the store's back. */
static inline void
fixture_exec_sql (const char *path,
                  const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  if (message != NULL)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* The statements that take a workspace of the current schema back to version
 * 6 as that version wrote it: spans without a layer, unique by document,
 * bounds and label (the table made again, with foreign keys off as a raw
 * connection has them, so that the relations stay), history's span rows
 * without a layer, and no settings, assignments or layer seeds. */
/* SQL that takes a workspace of the current schema back to version 7: one
 * status per report, one undo per reviewer, no curation seeds. */
#define FIXTURE_DOWNGRADE_TO_7_STEPS                                          \
  "DROP TABLE curation_seeds;"                                                \
  "UPDATE history SET before = json_remove(before, '$.layer')"                \
  "  WHERE entity = 'document' AND before IS NOT NULL;"                       \
  "UPDATE history SET after = json_remove(after, '$.layer')"                  \
  "  WHERE entity = 'document' AND after IS NOT NULL;"                        \
  "DROP TABLE layer_status;"                                                  \
  "DROP INDEX actions_reviewer;"                                              \
  "ALTER TABLE actions DROP COLUMN layer;"                                    \
  "CREATE INDEX actions_reviewer ON actions (reviewer, state, undoable);"

#define FIXTURE_DOWNGRADE_TO_7_SQL                                            \
  "BEGIN;" FIXTURE_DOWNGRADE_TO_7_STEPS "PRAGMA user_version = 7;" "COMMIT;"

#define FIXTURE_DOWNGRADE_TO_6_STEPS                                          \
  FIXTURE_DOWNGRADE_TO_7_STEPS                                                \
  "DROP TABLE layer_seeds;"                                                   \
  "DROP TABLE assignments;"                                                   \
  "DROP TABLE settings;"                                                      \
  "CREATE TABLE spans_6 ("                                                    \
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"                                   \
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE," \
  "  start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL,"             \
  "  label TEXT NOT NULL REFERENCES labels (name), surface TEXT NOT NULL,"    \
  "  status TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected'))," \
  "  origin TEXT NOT NULL, reviewer TEXT, attributes TEXT, note TEXT,"        \
  "  created INTEGER NOT NULL, updated INTEGER NOT NULL,"                     \
  "  confidence REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1))," \
  "  source TEXT,"                                                            \
  "  accepted_in_bulk INTEGER NOT NULL DEFAULT 0 CHECK (accepted_in_bulk IN (0, 1))," \
  "  CHECK (0 <= start_offset AND start_offset < end_offset),"                \
  "  UNIQUE (document_id, start_offset, end_offset, label));"                 \
  "INSERT INTO spans_6 SELECT id, document_id, start_offset, end_offset, label, surface, status," \
  "  origin, reviewer, attributes, note, created, updated, confidence, source, accepted_in_bulk" \
  "  FROM spans WHERE layer = '';"                                            \
  "DROP TABLE spans;"                                                         \
  "ALTER TABLE spans_6 RENAME TO spans;"                                      \
  "CREATE INDEX spans_document_status ON spans (document_id, status, confidence);" \
  "CREATE INDEX spans_source_decisions ON spans (source, label, status)"      \
  "  WHERE source IS NOT NULL AND status != 'suggested' AND accepted_in_bulk = 0;" \
  "UPDATE history SET before = json_remove(before, '$.layer')"                \
  "  WHERE entity = 'span' AND before IS NOT NULL;"                           \
  "UPDATE history SET after = json_remove(after, '$.layer')"                  \
  "  WHERE entity = 'span' AND after IS NOT NULL;"

#define FIXTURE_DOWNGRADE_TO_6_SQL                                            \
  "BEGIN;" FIXTURE_DOWNGRADE_TO_6_STEPS "PRAGMA user_version = 6;" "COMMIT;"

/* SQL that takes a workspace of the current schema back to version 4 as that
 * version wrote it: no models (version 6), spans without a confidence or a
 * source, and history's span rows without them (version 5). */
#define FIXTURE_DOWNGRADE_TO_4_SQL                                            \
  "BEGIN;"                                                                    \
  FIXTURE_DOWNGRADE_TO_6_STEPS                                                \
  "DROP TABLE models;"                                                        \
  "DROP INDEX spans_source_decisions;"                                        \
  "ALTER TABLE spans DROP COLUMN accepted_in_bulk;"                           \
  "DROP INDEX spans_document_status;"                                         \
  "CREATE INDEX spans_document_status ON spans (document_id, status);"        \
  "ALTER TABLE spans DROP COLUMN confidence;"                                 \
  "ALTER TABLE spans DROP COLUMN source;"                                     \
  "UPDATE history SET before = json_remove(before, '$.confidence', '$.source', '$.accepted_in_bulk')" \
  "  WHERE entity = 'span' AND before IS NOT NULL;"                           \
  "UPDATE history SET after = json_remove(after, '$.confidence', '$.source', '$.accepted_in_bulk')" \
  "  WHERE entity = 'span' AND after IS NOT NULL;"                            \
  "PRAGMA user_version = 4;"                                                  \
  "COMMIT;"

/* A fresh workspace in a temporary folder. */
typedef struct
{
  char    *dir;
  char    *path;
  BzStore *store;
  gint64   document_id;
} Fixture;

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = fixture_make_dir ();
  f->path = g_build_filename (f->dir, "workspace.db", NULL);
  f->store = fixture_open (f->path);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->store != NULL)
    g_assert_finalize_object (f->store);
  fixture_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* A "spans-changed" handler that collects the document ids in a GArray. */
static inline void
fixture_collect_cb (gpointer  instance,
                    gint64    document_id,
                    GArray   *span_ids,
                    gpointer  user_data)
{
  GArray *ids = user_data;

  g_array_append_val (ids, document_id);
}

/* Sample report 002 imported with the extractor's suggestions. Returns its id. */
static inline gint64
fixture_import_sample (BzStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzExtractor) extractor = bz_extractor_new (NULL, &error);
  g_autofree char *path = g_build_filename (g_getenv ("BZ_SAMPLES"), "002_f996e536b5069f20.txt", NULL);
  g_autoptr(BzImportResult) result = NULL;

  g_assert_no_error (error);
  result = bz_import_file (store, path, bz_extractor_annotate, extractor);
  g_assert_no_error (result->error);
  g_assert_cmpint (result->status, ==, BZ_IMPORT_ADDED);
  return result->document_id;
}

/* Returns: (transfer full) (element-type BzSpan): the document's spans in the store's layer */
static inline GPtrArray *
fixture_list_spans (BzStore *store,
                    gint64   document_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *spans = bz_store_list_spans (store, document_id, &error);

  g_assert_no_error (error);
  return spans;
}

/* Two reviewers annotate report 002 apart, from the same suggestions:
 * 王芳 accepts the first twelve and rejects the next six; 李明 accepts the
 * first six, rejects the next six, accepts the six after, relabels the
 * first, and marks a wider span over the third. */
typedef struct
{
  gint64 document_id;
  guint  n_suggestions;
} FixtureTwoReviewers;

static inline FixtureTwoReviewers
fixture_review_apart (BzStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(BzDocument) document = NULL;
  FixtureTwoReviewers out = { 0 };
  BzSpan *third;

  bz_store_set_reviewer (store, "importer");
  out.document_id = fixture_import_sample (store);
  g_assert_true (bz_store_set_review_mode (store, BZ_REVIEW_INDEPENDENT, &error));
  g_assert_no_error (error);

  bz_store_set_reviewer (store, "王芳");
  spans = fixture_list_spans (store, out.document_id);
  out.n_suggestions = spans->len;
  g_assert_cmpuint (spans->len, >=, 24);
  for (guint i = 0; i < 18; i++)
    fixture_set_status (store, bz_span_get_id (g_ptr_array_index (spans, i)),
                        i < 12 ? BZ_SPAN_ACCEPTED : BZ_SPAN_REJECTED);
  g_clear_pointer (&spans, g_ptr_array_unref);

  bz_store_set_reviewer (store, "李明");
  spans = fixture_list_spans (store, out.document_id);
  for (guint i = 0; i < 18; i++)
    fixture_set_status (store, bz_span_get_id (g_ptr_array_index (spans, i)),
                        i < 6 || i >= 12 ? BZ_SPAN_ACCEPTED : BZ_SPAN_REJECTED);
  g_assert_true (bz_store_set_span_label (store, bz_span_get_id (g_ptr_array_index (spans, 0)),
                                          g_str_equal (bz_span_get_label (g_ptr_array_index (spans, 0)), "ORG")
                                            ? "PLACE" : "ORG", &error));
  g_assert_no_error (error);
  /* A wider span over the third, where the text goes on (no other span starts there). */
  third = g_ptr_array_index (spans, 2);
  document = bz_store_get_document (store, out.document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bz_span_get_end (third) + 1, <, bz_span_get_start (g_ptr_array_index (spans, 3)));
  fixture_add_span (store, out.document_id, bz_span_get_start (third), bz_span_get_end (third) + 1,
                    bz_span_get_label (third), BZ_SPAN_ACCEPTED);
  return out;
}

/* Returns: (transfer full) (element-type BzSpan): a layer's spans of a document */
static inline GPtrArray *
fixture_layer_spans (BzStore    *store,
                     gint64      document_id,
                     const char *layer)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *spans = bz_store_list_layer_spans (store, document_id, layer, &error);

  g_assert_no_error (error);
  return spans;
}

/* Imports the sample reports ($BZ_SAMPLES, @n_expected of them) with the
 * default extractor's suggestions. */
static inline void
fixture_import_samples (BzStore *store,
                        guint    n_expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzExtractor) extractor = bz_extractor_new (NULL, &error);
  g_autoptr(GPtrArray) results = NULL;
  const char *paths[] = { g_getenv ("BZ_SAMPLES"), NULL };

  g_assert_no_error (error);
  g_assert_nonnull (paths[0]);
  results = bz_import_paths (store, paths, bz_extractor_annotate, extractor, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, n_expected);
}

/* Runs SQL on a workspace's file (or ":memory:") through a connection of its own. */
static inline char *
fixture_query_text (const char *path,
                    const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "",
                                sqlite3_column_text (stmt, i) ? (const char *) sqlite3_column_text (stmt, i) : "NULL");
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return g_string_free (out, FALSE);
}

static inline void
fixture_run_sql (const char *path,
                 const char *sql)
{
  g_free (fixture_query_text (path, sql));
}

/* Everything a change of the workspace could write: the counts and the rows. */
static inline char *
fixture_dump_workspace (const char *path)
{
  g_autofree char *counts = fixture_query_text (path,
    "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM spans),"
    " (SELECT count(*) FROM history), (SELECT count(*) FROM actions),"
    " (SELECT count(*) FROM reviewers), (SELECT group_concat (key || '=' || value) FROM settings)");
  g_autofree char *documents = fixture_query_text (path,
    "SELECT id, title, status, text_sha256,"
    " (SELECT group_concat (layer || '=' || status) FROM layer_status l WHERE l.document_id = d.id),"
    " (SELECT count(*) FROM curation_seeds c WHERE c.document_id = d.id)"
    " FROM documents d ORDER BY id");
  g_autofree char *spans = fixture_query_text (path, "SELECT * FROM spans ORDER BY id");
  g_autofree char *history = fixture_query_text (path, "SELECT * FROM history ORDER BY id");
  g_autofree char *actions = fixture_query_text (path, "SELECT * FROM actions ORDER BY id");

  return g_strjoin ("--\n", counts, documents, spans, history, actions, NULL);
}

/* The spans as "start-end LABEL status reviewer" lines. */
static inline char *
fixture_describe_spans (GPtrArray *spans)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s %s %s\n",
                              bz_span_get_start (span), bz_span_get_end (span),
                              bz_span_get_label (span),
                              bz_span_status_to_string (bz_span_get_status (span)),
                              bz_span_get_reviewer (span) ? bz_span_get_reviewer (span) : "-");
    }
  return g_string_free (out, FALSE);
}

/* Returns: (transfer full): the path of a copy of @source named @name in
 * @dir, with the first @from (which must be there) replaced by @to */
static inline char *
fixture_replace_in_copy (const char *source,
                         const char *dir,
                         const char *name,
                         const char *from,
                         const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) edited = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_get_contents (source, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, from));
  edited = g_string_new (contents);
  g_string_replace (edited, from, to, 1);
  g_file_set_contents (path, edited->str, edited->len, &error);
  g_assert_no_error (error);
  return path;
}
