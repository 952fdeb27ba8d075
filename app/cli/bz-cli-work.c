/* bz-cli-work.c: biaozhu-cli export-work and merge, a reviewer's work between workspaces
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bz-cli.h"
#include "bz-cli-output.h"

int
bz_cli_cmd_export_work (BzCliContext  *ctx,
                        int            argc,
                        char         **argv)
{
  g_autofree char *reviewer = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "reviewer", 'r', 0, G_OPTION_ARG_STRING, &reviewer, N_("Whose work to write"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The work file to write"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— write a reviewer’s annotations and their history as a work file"));
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("The file holds the reports the reviewer annotated, with their text, "
                                  "and the reviewer’s spans with their history; biaozhu-cli merge "
                                  "takes it into another workspace."));
  if (!bz_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 1 || reviewer == NULL || output == NULL)
    {
      bz_cli_error (_("export-work takes --reviewer NAME and -o FILE"));
      return BZ_CLI_EXIT_USAGE;
    }

  store = bz_cli_open_store (ctx, BZ_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BZ_CLI_EXIT_ERROR;
  if (bz_store_is_own_file (store, output))
    {
      bz_cli_error (_("Cannot write %s: it is the workspace itself"), output);
      return BZ_CLI_EXIT_ERROR;
    }
  if (!bz_store_export_work (store, reviewer, output, &error))
    return bz_cli_fail (error);
  bz_cli_print (_("Wrote the work of %s to %s\n"), reviewer, output);
  return BZ_CLI_EXIT_OK;
}

static void
print_report (const char    *path,
              BzMergeReport *report)
{
  bz_cli_print (_("%s: the work of %s: reports %u (new %u), spans added %u, already there %u, "
                  "history rows %u, conflicts %u\n"),
                path, report->reviewer, report->n_reports, report->n_reports_added,
                report->n_spans_added, report->n_spans_kept, report->n_history_added,
                report->conflicts->len);
  for (guint i = 0; i < report->conflicts->len; i++)
    {
      BzMergeConflict *conflict = g_ptr_array_index (report->conflicts, i);
      g_autofree char *title = bz_cli_escape (conflict->title);

      bz_cli_print (_("  conflict in “%s” [%lld, %lld) %s: the workspace keeps %s, the file says %s\n"),
                    title, (long long) conflict->start, (long long) conflict->end, conflict->label,
                    conflict->kept_status, conflict->file_status);
    }
}

int
bz_cli_cmd_merge (BzCliContext  *ctx,
                  int            argc,
                  char         **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE… — merge reviewers’ work files into the workspace"));
  g_autoptr(BzStore) store = NULL;
  int exit_code;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Each file goes into its reviewer’s own layer, in one transaction "
                                  "per file: the same report is found by its text, nothing already "
                                  "there is overwritten (a differing decision is listed as a "
                                  "conflict), and merging a file again changes nothing. The "
                                  "workspace is in independent review afterwards."));
  if (!bz_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc < 2)
    {
      bz_cli_error (_("merge takes one or more work files"));
      return BZ_CLI_EXIT_USAGE;
    }

  store = bz_cli_open_store (ctx, BZ_STORE_OPEN_CREATE);
  if (store == NULL)
    return BZ_CLI_EXIT_ERROR;
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(BzMergeReport) report = NULL;
      g_autoptr(GError) error = NULL;

      if (!bz_store_merge_work (store, argv[i], &report, &error))
        {
          bz_cli_fail (error);
          /* The files before were merged whole; merging them again is harmless. */
          if (i > 1)
            bz_cli_error (g_dngettext (GETTEXT_PACKAGE,
                                       "%d file before %s is merged; %s and the files after it are not",
                                       "%d files before %s are merged; %s and the files after it are not",
                                       i - 1),
                          i - 1, argv[i], argv[i]);
          return BZ_CLI_EXIT_ERROR;
        }
      print_report (argv[i], report);
    }
  return BZ_CLI_EXIT_OK;
}
