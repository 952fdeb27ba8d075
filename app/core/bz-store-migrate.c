/* bz-store-migrate.c: forward migrations of a workspace's schema
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bz-store-private.h"

/* Version 4: a report imported before was titled by its file's base name; it
 * takes its heading line, as an import does now. A title that a reviewer or an
 * annotation file gave is left alone. History's document rows that hold the
 * old title take the new one, so that their actions still undo and redo. */
static gboolean
titles_from_headings (BzStore  *self,
                      GError  **error)
{
  static const char * const rename_sql[] = {
    "UPDATE documents SET title = ?2 WHERE id = ?1",
    "UPDATE history SET before = json_set(before, '$.title', ?2)"
    " WHERE entity = 'document' AND span_id = ?1 AND json_extract(before, '$.title') = ?3",
    "UPDATE history SET after = json_set(after, '$.title', ?2)"
    " WHERE entity = 'document' AND span_id = ?1 AND json_extract(after, '$.title') = ?3",
  };
  g_autoptr(sqlite3_stmt) select = NULL;
  sqlite3_stmt *rename[G_N_ELEMENTS (rename_sql)] = { NULL };
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT id, title, source_path, text FROM documents"
                                     " WHERE source_path IS NOT NULL ORDER BY id", -1, &select, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (rename_sql); i++)
    rc = sqlite3_prepare_v2 (self->db, rename_sql[i], -1, &rename[i], NULL);
  if (rc != SQLITE_OK)
    {
      _bz_store_set_error (self, error, rc, _("retitle the reports"));
      goto out;
    }

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *title = (const char *) sqlite3_column_text (select, 1);
      g_autofree char *base = g_path_get_basename ((const char *) sqlite3_column_text (select, 2));
      g_autofree char *heading = NULL;

      if (title == NULL || !g_str_equal (title, base))
        continue;
      heading = bz_text_heading_title ((const char *) sqlite3_column_text (select, 3));
      if (heading == NULL || g_str_equal (heading, title))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (rename); i++)
        {
          sqlite3_reset (rename[i]);
          self->bind_rc = SQLITE_OK;
          _bz_store_bind_int64 (self, rename[i], 1, sqlite3_column_int64 (select, 0));
          _bz_store_bind_text (self, rename[i], 2, heading, -1);
          _bz_store_bind_text (self, rename[i], _bz_store_param (rename[i], "?3"), title, -1);
          if (!_bz_store_step_done (self, rename[i], error))
            goto out;
        }
    }
  if (rc != SQLITE_DONE)
    _bz_store_set_error (self, error, rc, _("retitle the reports"));
  else
    ok = TRUE;

out:
  for (guint i = 0; i < G_N_ELEMENTS (rename); i++)
    sqlite3_finalize (rename[i]);
  return ok;
}

static gboolean
migrate_4 (BzStore  *self,
           GError  **error)
{
  return titles_from_headings (self, error) && _bz_store_default_guidelines (self, error);
}

/* Version 8: SQLite checks "x IN ('a', 'b', 'c')" by building a table of
 * the list for every row it writes, where "x = 'a' OR x = 'b' OR x = 'c'"
 * costs nothing: a merge of 200,000 spans with their history spent a third
 * of its time there. The tables' CHECK constraints are written the second
 * way, the same constraints, by SQLite's procedure for schema changes that
 * leave the stored rows as they are (writable_schema, a new schema_version,
 * an integrity check). */
static char *
expand_in_list (const GMatchInfo *match)
{
  g_autofree char *column = g_match_info_fetch (match, 1);
  g_autofree char *list = g_match_info_fetch (match, 2);
  g_auto(GStrv) values = g_strsplit (list, ",", -1);
  GString *out = g_string_new ("(");

  for (guint i = 0; values[i] != NULL; i++)
    g_string_append_printf (out, "%s%s = %s", i > 0 ? " OR " : "", column, g_strstrip (values[i]));
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

static gboolean
expand_in_cb (const GMatchInfo *match,
              GString          *result,
              gpointer          user_data)
{
  g_autofree char *expanded = expand_in_list (match);

  g_string_append (result, expanded);
  return FALSE;
}

/* Whether SQLite still reads the workspace (its schema and pages). */
static gboolean
check_integrity (BzStore  *self,
                 GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  ok = rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  if (!ok && rc != SQLITE_ROW)
    _bz_store_set_error (self, error, rc, _("update the workspace’s constraints"));
  else if (!ok)
    g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                 _("Cannot update the workspace %s to this version: SQLite finds it damaged (%s);"
                   " the workspace was left as it was"),
                 self->path, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
migrate_8 (BzStore  *self,
           GError  **error)
{
  g_autoptr(GRegex) in_list = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rewritten = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *bump = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 schema_version = 0;
  gboolean ok = FALSE;
  int rc;

  /* Lists of quoted words only: the constraints' own, never a text in quotes. */
  in_list = g_regex_new ("\\b([a-z_]+) IN \\(('[a-z-]*'(?:, '[a-z-]*'){2,})\\)", G_REGEX_OPTIMIZE, 0, NULL);
  g_assert (in_list != NULL);

  rc = sqlite3_prepare_v2 (self->db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql LIKE '% IN (%'"
                                     " ORDER BY name", -1, &stmt, NULL);
  while (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);
      char *now = g_regex_replace_eval (in_list, sql, -1, 0, 0, expand_in_cb, NULL, NULL);

      if (g_str_equal (now, sql))
        {
          g_free (now);
          continue;
        }
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (rewritten, now);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_reset (stmt);
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_OK)
    {
      _bz_store_set_error (self, error, rc, _("update the workspace’s constraints"));
      return FALSE;
    }
  if (names->len == 0)
    return TRUE;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA schema_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      schema_version = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_OK
      || !_bz_store_run_sql (self, "PRAGMA writable_schema = ON", NULL, error))
    {
      if (rc != SQLITE_OK)
        _bz_store_set_error (self, error, rc, _("update the workspace’s constraints"));
      return FALSE;
    }
  rc = sqlite3_prepare_v2 (self->db, "UPDATE sqlite_schema SET sql = ?2 WHERE type = 'table' AND name = ?1",
                           -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < names->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (names, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (rewritten, i), -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    _bz_store_set_error (self, error, rc, _("update the workspace’s constraints"));
  else
    {
      /* Pragmas take no parameters; the value is SQLite's own number plus one. */
      bump = g_strdup_printf ("PRAGMA schema_version = %" G_GINT64_FORMAT, schema_version + 1);
      ok = _bz_store_run_sql (self, bump, NULL, error);
    }
  if (!_bz_store_run_sql (self, "PRAGMA writable_schema = OFF", NULL, ok ? error : NULL))
    ok = FALSE;
  return ok && check_integrity (self, error);
}

/* Forward migrations: step N brings a database from version N - 1 to N. A new
 * schema version appends a step (a script in the core resource, then, where
 * the change needs more than SQL, a function run in the same transaction) and
 * raises BZ_STORE_SCHEMA_VERSION; schema.sql stays the first version. */
static const struct
{
  int         version;
  const char *resource;
  gboolean  (*after) (BzStore  *self,
                      GError  **error);
} migrations[] = {
  { 1, "/org/biaozhu/core/schema.sql", NULL },
  { 2, "/org/biaozhu/core/schema-2.sql", NULL },
  { 3, "/org/biaozhu/core/schema-3.sql", NULL },
  { 4, "/org/biaozhu/core/schema-4.sql", migrate_4 },
  { 5, "/org/biaozhu/core/schema-5.sql", NULL },
  { 6, "/org/biaozhu/core/schema-6.sql", NULL },
  { 7, "/org/biaozhu/core/schema-7.sql", NULL },
  { 8, "/org/biaozhu/core/schema-8.sql", migrate_8 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BZ_STORE_SCHEMA_VERSION);

static gboolean
run_script (BzStore     *self,
            const char  *resource,
            GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *script = NULL;
  const char *sql;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   "Cannot read the schema %s: %s", resource, local_error->message);
      return FALSE;
    }
  script = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  for (sql = script; sql != NULL && *sql != '\0';)
    {
      const char *tail = NULL;

      while (g_ascii_isspace (*sql))
        sql++;
      if (*sql == '\0')
        break;
      if (!_bz_store_run_sql (self, sql, &tail, error))
        return FALSE;
      /* A trailing comment prepares to no statement and leaves the tail in place. */
      if (tail == sql)
        break;
      sql = tail;
    }

  return TRUE;
}

/* Whether every row still names rows that exist, after the migration made
 * tables again with foreign keys off. */
static gboolean
check_foreign_keys (BzStore  *self,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("Cannot update the workspace %s to this version: a row of the table %s"
                     " names a missing row of the table %s; the workspace was left as it was"),
                   self->path, sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 2));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _bz_store_set_error (self, error, rc, _("check the links between the rows"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_bz_store_migrate (BzStore *self,
                   GError **error)
{
  g_autofree char *set_version = NULL;
  g_autofree char *set_application = NULL;
  gint64 version;

  /* A migration may make a table again (SQLite's way of changing its
   * constraints): with foreign keys on, dropping the old spans table would
   * delete every relation. They are checked before the commit instead. The
   * pragma does nothing inside a transaction, so it is set around it. */
  if (!_bz_store_run_sql (self, "PRAGMA foreign_keys = OFF", NULL, error))
    return FALSE;
  if (!_bz_store_run_sql (self, "BEGIN IMMEDIATE", NULL, error))
    goto fail;

  /* Another process may have migrated the file while this one waited. */
  if (!_bz_store_check_identity (self, BZ_STORE_OPEN_CREATE, &version, error))
    goto fail;

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      if (migrations[i].version <= version)
        continue;
      g_debug ("Migrating %s to schema version %d", self->path, migrations[i].version);
      if (!run_script (self, migrations[i].resource, error))
        goto fail;
      if (migrations[i].after != NULL && !migrations[i].after (self, error))
        goto fail;
    }

  /* Pragmas take no parameters; both values are constants of this build. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", BZ_STORE_SCHEMA_VERSION);
  set_application = g_strdup_printf ("PRAGMA application_id = %d", BZ_STORE_APPLICATION_ID);
  if (version < BZ_STORE_SCHEMA_VERSION
      && (!_bz_store_run_sql (self, set_version, NULL, error)
          || !_bz_store_run_sql (self, set_application, NULL, error)))
    goto fail;

  if (!check_foreign_keys (self, error) || !_bz_store_run_sql (self, "COMMIT", NULL, error))
    goto fail;
  return _bz_store_run_sql (self, "PRAGMA foreign_keys = ON", NULL, error);

fail:
  if (!sqlite3_get_autocommit (self->db))
    _bz_store_run_sql (self, "ROLLBACK", NULL, NULL);
  _bz_store_run_sql (self, "PRAGMA foreign_keys = ON", NULL, NULL);
  return FALSE;
}
