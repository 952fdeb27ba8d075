/* bz-cli-calibrate.c: biaozhu-cli calibrate, the precision of each source of suggestions on gold
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "bz-cli.h"
#include "bz-cli-output.h"

BzEvalSet *
bz_cli_load_gold (char **paths)
{
  g_autoptr(BzEvalSet) set = bz_eval_set_new ();

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!bz_eval_set_add_file (set, paths[i], &error))
        {
          bz_cli_fail (error);
          return NULL;
        }
    }
  return g_steal_pointer (&set);
}

int
bz_cli_cmd_calibrate (BzCliContext  *ctx,
                      int            argc,
                      char         **argv)
{
  g_auto(GStrv) gold_paths = NULL;
  g_autofree char *output_path = NULL;
  g_autofree char *check_path = NULL;
  const GOptionEntry entries[] = {
    { "gold", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &gold_paths, N_("Gold annotations (JSONL; repeat for more files)"), "FILE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path, N_("Write the table to PATH (default: standard output)"), "PATH" },
    { "check", 0, 0, G_OPTION_ARG_FILENAME, &check_path, N_("Compare with the table in PATH and fail when it differs"), "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— measure how often each rule and list is right on gold"));
  g_autoptr(BzExtractor) extractor = NULL;
  g_autoptr(BzCalibration) calibration = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *table = NULL;
  int exit_code;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Runs the built-in extractor over the gold files and counts, per rule or list and label,\n"
      "its suggestions and how many of them gold holds. The table is the source of the\n"
      "suggestions' confidence (data/calibration.tsv). No workspace is needed."));
  if (!bz_cli_parse_no_arguments (context, &argc, &argv, &exit_code))
    return exit_code;
  if (gold_paths == NULL)
    {
      bz_cli_error (_("calibrate needs --gold FILE"));
      return BZ_CLI_EXIT_USAGE;
    }

  extractor = bz_extractor_new (NULL, &error);
  if (extractor == NULL)
    return bz_cli_fail (error);
  /* One gold file is one report: the table keeps each one's counts. */
  calibration = bz_calibration_new ();
  for (guint r = 0; gold_paths[r] != NULL; r++)
    {
      char *one[] = { gold_paths[r], NULL };
      g_autoptr(BzEvalSet) gold = bz_cli_load_gold (one);
      g_autoptr(BzCalibration) counts = NULL;
      g_autoptr(GArray) scored = NULL;
      g_autofree char *report = NULL;

      if (gold == NULL)
        return BZ_CLI_EXIT_ERROR;
      scored = bz_extractor_score_gold (extractor, gold);
      counts = bz_calibration_new ();
      bz_calibration_add_scored (counts, scored);
      report = g_path_get_basename (gold_paths[r]);
      bz_calibration_merge_report (calibration, report, counts);
    }
  table = bz_calibration_to_string (calibration);

  if (check_path != NULL)
    {
      g_autofree char *shipped = NULL;

      if (!g_file_get_contents (check_path, &shipped, NULL, &error))
        return bz_cli_fail (error);
      if (!g_str_equal (shipped, table))
        {
          bz_cli_error (_("%s differs from the table the gold gives: run “biaozhu-cli calibrate"
                          " --gold … -o %s”"), check_path, check_path);
          return BZ_CLI_EXIT_ERROR;
        }
    }
  if (output_path != NULL)
    {
      if (!g_file_set_contents (output_path, table, -1, &error))
        return bz_cli_fail (error);
    }
  else if (check_path == NULL)
    fputs (table, stdout);
  return BZ_CLI_EXIT_OK;
}
