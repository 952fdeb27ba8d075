/* bz-cli-eval.c: biaozhu-cli eval, scores predicted spans against gold annotations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "bz-cli.h"
#include "bz-cli-output.h"

int
bz_cli_cmd_eval (BzCliContext  *ctx,
                 int            argc,
                 char         **argv)
{
  g_auto(GStrv) gold_paths = NULL;
  g_auto(GStrv) pred_paths = NULL;
  gboolean json = FALSE;
  gboolean cross_validate = FALSE;
  double target = BZ_CALIBRATION_DEFAULT_TARGET;
  int max_misses = 10;
  const GOptionEntry entries[] = {
    { "gold", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &gold_paths, "Gold annotations (JSONL; repeat for more files)", "FILE" },
    { "pred", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &pred_paths, "Predicted spans (JSONL; repeat for more files)", "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the report as JSON", NULL },
    { "misses", 0, 0, G_OPTION_ARG_INT, &max_misses, "List the N most frequent missed and false spans each (default 10)", "N" },
    { "cross-validate", 0, 0, G_OPTION_ARG_NONE, &cross_validate, N_("Leave one gold file (report) out at a time: the calibration of the confidences and bulk acceptance"), NULL },
    { "target", 0, 0, G_OPTION_ARG_DOUBLE, &target, N_("The precision bulk acceptance aims at in --cross-validate (default 0.98)"), "P" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— score predicted spans against gold annotations");
  g_autoptr(BzEvalSet) gold = NULL;
  g_autoptr(BzEvalSet) pred = NULL;
  g_autoptr(BzEvalReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  int exit_code;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    "Each file holds one JSON object per line: {\"id\": ..., \"text\": ..., \"label\": [[start, end, \"LABEL\"], ...]}\n"
    "(also \"spans\" or \"entities\" with [start, end, label] or {\"start\", \"end\", \"label\"}).\n"
    "Offsets are code points, end exclusive. Documents are matched by id, else by text.\n"
    "Strict scores need exact boundaries and label; lenient ones an overlap and the label.\n"
    "No workspace is needed.");
  if (!bz_cli_parse_no_arguments (context, &argc, &argv, &exit_code))
    return exit_code;
  if (cross_validate)
    {
      if (gold_paths == NULL || pred_paths != NULL || json)
        {
          bz_cli_error (_("eval --cross-validate takes --gold FILE, once per report, and no --pred or --json"));
          return BZ_CLI_EXIT_USAGE;
        }
      if (!(target > 0.0 && target <= 1.0))
        {
          bz_cli_error (_("--target must lie above 0 and at most 1"));
          return BZ_CLI_EXIT_USAGE;
        }
      return bz_cli_cross_validate (gold_paths, target);
    }
  if (gold_paths == NULL || pred_paths == NULL)
    {
      bz_cli_error ("eval needs --gold FILE and --pred FILE");
      return BZ_CLI_EXIT_USAGE;
    }
  if (max_misses < 0)
    {
      bz_cli_error ("--misses must be 0 or more");
      return BZ_CLI_EXIT_USAGE;
    }

  gold = bz_cli_load_gold (gold_paths);
  if (gold == NULL)
    return BZ_CLI_EXIT_ERROR;
  pred = bz_cli_load_gold (pred_paths);
  if (pred == NULL)
    return BZ_CLI_EXIT_ERROR;
  report = bz_eval_compare (gold, pred, &error);
  if (report == NULL)
    return bz_cli_fail (error);

  output = json ? bz_eval_report_to_json (report, max_misses) : bz_eval_report_to_text (report, max_misses);
  /* The report quotes the files' surfaces and labels. */
  if (!json)
    {
      g_autofree char *text = g_steal_pointer (&output);

      output = bz_cli_escape_lines (text);
    }
  /* The report is UTF-8 whatever the locale: write its bytes, as g_print would convert. */
  fputs (output, stdout);
  if (json)
    fputc ('\n', stdout);
  return BZ_CLI_EXIT_OK;
}
