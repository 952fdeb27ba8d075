/* bz-cli.c: biaozhu-cli, the command line of the workbench
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "bz-cli.h"
#include "bz-cli-output.h"

static const BzCliCommand commands[] = {
  { "import", "Import report files or folders (*.txt) into the workspace", bz_cli_cmd_import },
  { "list", "List the documents with their review progress and warnings", bz_cli_cmd_list },
  { "search", N_("Find a text in every report, in either script (QUERY [--json])"), bz_cli_cmd_search },
  { "stats", "Count spans per label and status", bz_cli_cmd_stats },
  { "export", "Export annotations as training data (native, doccano, label-studio, cluener, spacy, bio, bioes, brat)", bz_cli_cmd_export },
  { "import-annotations", "Import annotations from a file of one of the export formats", bz_cli_cmd_import_annotations },
  { "extract", "Suggest spans in stored documents (built-in or external extractors)", bz_cli_cmd_extract },
  { "eval", "Score predicted spans against gold annotations (no workspace needed)", bz_cli_cmd_eval },
  { "accept", N_("Accept the undecided suggestions at or above a confidence, in one undoable step"), bz_cli_cmd_accept },
  { "calibrate", N_("Measure how often each rule and list is right on gold (the suggestions' confidence)"), bz_cli_cmd_calibrate },
  { "train", N_("Train the workspace's tagger from its reviewed reports, or a model from gold annotations"), bz_cli_cmd_train },
  { "agreement", N_("How far reviewers agree, from their annotation files: span F1, Cohen's κ, Krippendorff's α"), bz_cli_cmd_agreement },
  { "models", N_("List the workspace's trained models, or restore an earlier one"), bz_cli_cmd_models },
  { "tag", N_("Print the spans a tagger model finds in a text file (no workspace needed)"), bz_cli_cmd_tag },
  { "labels", N_("Show the label schema with its guidelines, or replace it from a labels file"), bz_cli_cmd_labels },
  { "review-mode", N_("Show or set how reviewers share the workspace: shared or independent"), bz_cli_cmd_review_mode },
  { "assign", N_("Choose which reviewers annotate which reports (all, or a share with an overlap)"), bz_cli_cmd_assign },
  { "export-work", N_("Write a reviewer's annotations and their history as a work file (--reviewer NAME -o FILE)"), bz_cli_cmd_export_work },
  { "merge", N_("Merge reviewers' work files into the workspace, each into its reviewer's layer"), bz_cli_cmd_merge },
};

BzStore *
bz_cli_open_store (BzCliContext     *ctx,
                   BzStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  BzStore *store;

  if (ctx->reviewer != NULL && !bz_reviewer_name_check (ctx->reviewer, &error))
    {
      bz_cli_fail (error);
      return NULL;
    }
  path = ctx->db_path != NULL ? g_strdup (ctx->db_path) : bz_store_default_path ();
  store = bz_store_open_full (path, flags, &error);
  if (store == NULL)
    bz_cli_fail (error);
  else if (ctx->reviewer != NULL)
    bz_store_set_reviewer (store, ctx->reviewer);
  return store;
}

gboolean
bz_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv,
              int              *exit_code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("biaozhu-cli %s", (*argv)[0]);

  /* --help then shows "Usage: biaozhu-cli COMMAND [OPTION…]". */
  g_set_prgname (prgname);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      bz_cli_error ("%s", error->message);
      g_printerr ("Try “biaozhu-cli %s --help”.\n", (*argv)[0]);
      *exit_code = BZ_CLI_EXIT_USAGE;
      return FALSE;
    }
  *exit_code = BZ_CLI_EXIT_OK;
  return TRUE;
}

gboolean
bz_cli_parse_no_arguments (GOptionContext   *context,
                           int              *argc,
                           char           ***argv,
                           int              *exit_code)
{
  if (!bz_cli_parse (context, argc, argv, exit_code))
    return FALSE;
  if (*argc > 1)
    {
      bz_cli_error (_("%s takes no arguments besides its options (got “%s”)"), (*argv)[0], (*argv)[1]);
      *exit_code = BZ_CLI_EXIT_USAGE;
      return FALSE;
    }
  return TRUE;
}

int
bz_cli_fail (const GError *error)
{
  bz_cli_error ("%s", error->message);
  return BZ_CLI_EXIT_ERROR;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: biaozhu-cli [--db PATH] [--reviewer NAME] COMMAND [OPTIONS...]\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-20s %s\n", commands[i].name, g_dgettext (GETTEXT_PACKAGE, commands[i].summary));
  fprintf (out, "\nOptions:\n"
                "  --db PATH            Workspace database (default: $XDG_DATA_HOME/biaozhu/workspace.db)\n"
                "  --reviewer NAME      Who decides (default: the login name); in independent review, whose layer\n"
                "  --version            Print the version\n"
                "\nRun “biaozhu-cli COMMAND --help” for a command's options.\n");
}

int
main (int   argc,
      char *argv[])
{
  BzCliContext ctx = { NULL };
  /* An uninstalled build (bootstrap.sh run, the tests) points at its own translations. */
  const char *localedir = g_getenv ("BIAOZHU_LOCALEDIR");
  int i = 1;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* Global options stand before the subcommand. */
  while (i < argc && argv[i][0] == '-')
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        {
          ctx.db_path = argv[i + 1];
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          ctx.db_path = argv[i] + strlen ("--db=");
          i++;
        }
      else if (g_str_equal (argv[i], "--reviewer") && i + 1 < argc && *argv[i + 1] != '\0')
        {
          ctx.reviewer = argv[i + 1];
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--reviewer=") && argv[i][strlen ("--reviewer=")] != '\0')
        {
          ctx.reviewer = argv[i] + strlen ("--reviewer=");
          i++;
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return BZ_CLI_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("biaozhu-cli %s\n", PACKAGE_VERSION);
          return BZ_CLI_EXIT_OK;
        }
      else
        {
          bz_cli_error ("unknown option “%s”", argv[i]);
          print_usage (stderr);
          return BZ_CLI_EXIT_USAGE;
        }
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return BZ_CLI_EXIT_USAGE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      return commands[c].func (&ctx, argc - i, argv + i);

  bz_cli_error ("unknown command “%s”", argv[i]);
  print_usage (stderr);
  return BZ_CLI_EXIT_USAGE;
}
