/* bz-cli-models.c: biaozhu-cli models, the workspace's trained taggers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bz-cli.h"
#include "bz-cli-output.h"

/* Restores @model_id, after checking that this build reads it. */
static int
restore (BzStore *store,
         gint64   model_id)
{
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(BzTagger) tagger = NULL;
  g_autoptr(GError) error = NULL;

  if (model_id > 0)
    {
      blob = bz_store_get_model_blob (store, model_id, NULL, &error);
      if (blob == NULL)
        return bz_cli_fail (error);
      tagger = bz_tagger_load (blob, &error);
      if (tagger == NULL)
        {
          bz_cli_error (_("Model %lld of %s cannot be restored: %s"), (long long) model_id,
                        bz_store_get_path (store), error->message);
          return BZ_CLI_EXIT_ERROR;
        }
    }
  if (!bz_store_activate_model (store, model_id, &error))
    return bz_cli_fail (error);
  if (model_id > 0)
    bz_cli_print (_("Model %lld is the active model again.\n"), (long long) model_id);
  else
    bz_cli_print ("%s\n", _("No model is active: the rules alone make the suggestions."));
  return BZ_CLI_EXIT_OK;
}

int
bz_cli_cmd_models (BzCliContext  *ctx,
                   int            argc,
                   char         **argv)
{
  gint64 restore_id = -1;
  gboolean none = FALSE;
  const GOptionEntry entries[] = {
    { "restore", 0, 0, G_OPTION_ARG_INT64, &restore_id, N_("Make model N the active one again"), "N" },
    { "none", 0, 0, G_OPTION_ARG_NONE, &none, N_("Use no model: the rules alone make the suggestions"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list the workspace's trained models, or restore one"));
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GError) error = NULL;
  const char *headers[] = { ">model", "active", "trained by", "created", ">reports", ">size", "scores", NULL };
  g_autoptr(BzCliTable) table = NULL;
  int exit_code;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!bz_cli_parse_no_arguments (context, &argc, &argv, &exit_code))
    return exit_code;
  if ((restore_id >= 0 && none) || restore_id == 0 || restore_id < -1)
    {
      bz_cli_error (_("models takes either --restore N (a model's number) or --none"));
      return BZ_CLI_EXIT_USAGE;
    }

  store = bz_cli_open_store (ctx, BZ_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BZ_CLI_EXIT_ERROR;
  if (restore_id > 0 || none)
    return restore (store, none ? 0 : restore_id);

  models = bz_store_list_models (store, &error);
  if (models == NULL)
    return bz_cli_fail (error);
  if (models->len == 0)
    {
      bz_cli_print ("%s\n", _("The workspace has no model yet: it gets the default one at its first extraction."));
      return BZ_CLI_EXIT_OK;
    }
  table = bz_cli_table_new (headers);
  for (guint i = 0; i < models->len; i++)
    {
      const BzStoreModel *m = g_ptr_array_index (models, i);
      g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (m->created);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, m->id);
      g_autofree char *when = created != NULL ? g_date_time_format (created, "%F %T") : g_strdup ("");
      g_autofree char *reports = g_strdup_printf ("%" G_GINT64_FORMAT, m->n_reports);
      g_autofree char *size = g_format_size (m->size);
      const char *cells[] = { id, m->active ? "*" : "", m->trained_by, when, reports, size, m->scores };

      bz_cli_table_add_row (table, cells);
    }
  bz_cli_table_print (table);
  return BZ_CLI_EXIT_OK;
}
