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
  { 8, "/org/biaozhu/core/schema-8.sql", NULL },
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
