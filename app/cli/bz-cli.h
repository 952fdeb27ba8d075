/* bz-cli.h: shared plumbing of biaozhu-cli's subcommands
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <biaozhu.h>

G_BEGIN_DECLS

/* Exit codes of biaozhu-cli. */
enum {
  BZ_CLI_EXIT_OK = 0,
  BZ_CLI_EXIT_ERROR = 1,   /* a user error: the message is on stderr */
  BZ_CLI_EXIT_USAGE = 2,   /* bad arguments */
};

typedef struct
{
  /* --db PATH, or NULL for the default workspace */
  const char *db_path;
  /* --reviewer NAME, or NULL for the login name */
  const char *reviewer;
} BzCliContext;

/* A subcommand: argv[0] is the subcommand's name; the global options are gone. */
typedef int (*BzCliCommandFunc) (BzCliContext  *ctx,
                                 int            argc,
                                 char         **argv);

typedef struct
{
  const char       *name;
  const char       *summary;
  BzCliCommandFunc  func;
} BzCliCommand;

/* Opens the workspace named by the context; prints the error and returns NULL.
 * Only commands that write pass BZ_STORE_OPEN_CREATE: the others never make a
 * new workspace of a mistyped path or an empty file. */
BzStore *bz_cli_open_store   (BzCliContext     *ctx,
                              BzStoreOpenFlags  flags);

/* Parses a subcommand's options with --help; returns FALSE on a usage error
 * (already printed) and sets *exit_code (0 after --help, 2 otherwise). */
gboolean bz_cli_parse        (GOptionContext *context,
                              int            *argc,
                              char         ***argv,
                              int            *exit_code);

/* bz_cli_parse() for a subcommand that takes only options: an argument left
 * is a usage error (printed, *exit_code 2). */
gboolean bz_cli_parse_no_arguments (GOptionContext *context,
                                    int            *argc,
                                    char         ***argv,
                                    int            *exit_code);

/* Prints "biaozhu-cli: MESSAGE" on stderr and returns BZ_CLI_EXIT_ERROR. */
int      bz_cli_fail         (const GError *error);

/* Subcommands, one file each (bz-cli-NAME.c). */
int bz_cli_cmd_import             (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_list               (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_stats              (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_export             (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_import_annotations (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_extract            (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_eval               (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_labels             (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_train              (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_agreement          (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_models             (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_tag                (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_search             (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_calibrate          (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_accept             (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_review_mode        (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_assign             (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_export_work        (BzCliContext *ctx, int argc, char **argv);
int bz_cli_cmd_merge              (BzCliContext *ctx, int argc, char **argv);

/* eval --cross-validate (bz-cli-cross-validate.c): each of @gold_paths is one report. */
int bz_cli_cross_validate (char   **gold_paths,
                           double   target);

/* Reads gold JSONL files into one set; prints the error and returns NULL. */
BzEvalSet *bz_cli_load_gold (char **paths);

G_END_DECLS
