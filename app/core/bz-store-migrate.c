/* bz-store-migrate.c: forward migrations of a workspace's schema
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include "bz-store-private.h"

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
  { 4, "/org/biaozhu/core/schema-4.sql", NULL },
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

gboolean
_bz_store_migrate (BzStore *self,
                   GError **error)
{
  g_autofree char *set_version = NULL;
  g_autofree char *set_application = NULL;
  gint64 version;

  if (!_bz_store_run_sql (self, "BEGIN IMMEDIATE", NULL, error))
    return FALSE;

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

  if (!_bz_store_run_sql (self, "COMMIT", NULL, error))
    goto fail;
  return TRUE;

fail:
  if (!sqlite3_get_autocommit (self->db))
    _bz_store_run_sql (self, "ROLLBACK", NULL, NULL);
  return FALSE;
}
