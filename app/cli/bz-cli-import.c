/* bz-cli-import.c: biaozhu-cli import, report files and folders into the workspace
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include "bz-cli.h"
#include "bz-cli-output.h"

/* On a terminal, shows which file is being imported on one line that the
 * next overwrites, and clears it at the end. */
static void
progress_cb (guint       done,
             guint       total,
             const char *path,
             gpointer    user_data)
{
  if (path != NULL)
    {
      g_autofree char *shown = bz_cli_escape (path);

      g_printerr ("\r\033[K[%u/%u] %s", done + 1, total, shown);
    }
  else
    g_printerr ("\r\033[K");
}

static void
print_result (const BzImportResult *result,
              guint                *counts)
{
  g_autofree char *path = bz_cli_escape (result->path);
  g_autofree char *message = result->error != NULL ? bz_cli_escape_lines (result->error->message) : NULL;

  counts[result->status]++;

  switch (result->status)
    {
    case BZ_IMPORT_ADDED:
      bz_cli_print ("added: %s as document %" G_GINT64_FORMAT, path, result->document_id);
      if (result->n_warnings > 0 || result->n_glosses_removed > 0)
        bz_cli_print (" (%u data-quality warnings, %u pinyin glosses removed)",
                      result->n_warnings, result->n_glosses_removed);
      bz_cli_print ("\n");
      break;

    case BZ_IMPORT_EXISTING:
      bz_cli_print ("already present: %s as document %" G_GINT64_FORMAT "\n",
                    path, result->document_id);
      break;

    case BZ_IMPORT_REFUSED:
      g_printerr ("refused: %s\n", message);
      break;

    default:
      g_assert_not_reached ();
    }
}

int
bz_cli_cmd_import (BzCliContext  *ctx,
                   int            argc,
                   char         **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(BzExtractor) extractor = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;
  gboolean no_extract = FALSE;
  guint counts[BZ_IMPORT_REFUSED + 1] = { 0 };
  int exit_code;
  const GOptionEntry entries[] = {
    { "no-extract", 0, 0, G_OPTION_ARG_NONE, &no_extract,
      "Import without pre-annotating the new documents", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "FILE|DIR…" },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("- import reports into the workspace");
  g_option_context_set_description (context,
    "Files are read whatever their name; folders are searched recursively for *.txt.\n"
    "Each file becomes one document with its canonical text (UTF-8, UTF-16, GB18030\n"
    "and Big5 are detected). A report already in the workspace is not added again.\n"
    "Exit status: 0 when every file was imported or already present, 1 when a file\n"
    "was refused (the cause is on standard error), 2 on a usage error.\n");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bz_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;

  if (paths == NULL || paths[0] == NULL)
    {
      bz_cli_error ("import needs at least one FILE or DIR");
      g_printerr ("Try “biaozhu-cli import --help”.\n");
      return BZ_CLI_EXIT_USAGE;
    }

  store = bz_cli_open_store (ctx, BZ_STORE_OPEN_CREATE);
  if (store == NULL)
    return BZ_CLI_EXIT_ERROR;

  /* Unless --no-extract is given, each new document is pre-annotated by the
   * built-in extractor inside its own transaction: all or nothing. */
  if (!no_extract)
    {
      extractor = bz_extractor_new (NULL, &error);
      if (extractor == NULL)
        return bz_cli_fail (error);
    }

  results = bz_import_paths (store, (const char * const *) paths,
                             extractor != NULL ? bz_extractor_annotate : NULL, extractor,
                             isatty (STDERR_FILENO) ? progress_cb : NULL, NULL,
                             NULL, &error);
  if (results == NULL)
    return bz_cli_fail (error);

  for (guint i = 0; i < results->len; i++)
    print_result (g_ptr_array_index (results, i), counts);

  if (results->len == 0)
    bz_cli_error ("no report files (*.txt) found");
  bz_cli_print ("%u added, %u already present, %u refused\n",
                counts[BZ_IMPORT_ADDED], counts[BZ_IMPORT_EXISTING], counts[BZ_IMPORT_REFUSED]);

  return counts[BZ_IMPORT_REFUSED] > 0 ? BZ_CLI_EXIT_ERROR : BZ_CLI_EXIT_OK;
}
