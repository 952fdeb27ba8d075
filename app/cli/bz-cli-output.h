/* bz-cli-output.h: aligned tables and JSON on standard output
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bz-cli.h"

G_BEGIN_DECLS

typedef struct _BzCliTable BzCliTable;

/* A table whose columns are as wide as their widest cell, counted in terminal
 * cells (a CJK character takes two). Columns named with a leading '>' are
 * aligned right; the '>' is not printed. Cells are escaped (bz_cli_escape()). */
BzCliTable *bz_cli_table_new        (const char * const *headers);
/* Adds a row: @cells holds at least as many strings as the table has columns;
 * NULL prints empty. */
void        bz_cli_table_add_row    (BzCliTable         *self,
                                     const char * const *cells);
void        bz_cli_table_print      (BzCliTable         *self);
void        bz_cli_table_free       (BzCliTable         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzCliTable, bz_cli_table_free)

/* Returns: (transfer full): @text as it can go to a terminal: every character a
 * terminal would act on (C0 controls, DEL, C1 controls) is written out as an
 * escape, \n \t \r or \x1b or \u009b, and so is each byte that is not UTF-8
 * (\xff). For stored text (titles, paths, surfaces, notes) in output for people;
 * JSON output has JSON's own escapes instead. */
char       *bz_cli_escape           (const char         *text);
/* The same for text of several lines, whose line feeds stay. */
char       *bz_cli_escape_lines     (const char         *text);

/* Terminal cells taken by UTF-8 @text. */
gsize       bz_cli_display_width    (const char         *text);

/* Prints to standard output as UTF-8 whatever the locale (g_print() would
 * turn report text into question marks in a C locale). */
void        bz_cli_print            (const char         *format,
                                     ...) G_GNUC_PRINTF (1, 2);

/* Prints "biaozhu-cli: MESSAGE" and a line feed on standard error, the message
 * escaped (bz_cli_escape_lines()): it quotes arguments, paths and stored text. */
void        bz_cli_error            (const char         *format,
                                     ...) G_GNUC_PRINTF (1, 2);

/* Prints @root as indented JSON followed by a newline. */
void        bz_cli_print_json       (JsonNode           *root);

/* Adds a member to the object being built; a NULL string is added as null. */
void        bz_cli_json_add_int     (JsonBuilder        *builder,
                                     const char         *name,
                                     gint64              value);
void        bz_cli_json_add_string  (JsonBuilder        *builder,
                                     const char         *name,
                                     const char         *value);

/* Parses the options of a command that reports on the workspace (--json, no
 * arguments, --help showing @summary and @description) and opens the store.
 * Returns: (transfer full) (nullable): the store, or NULL with *exit_code set */
BzStore    *bz_cli_open_report      (BzCliContext       *ctx,
                                     int                 argc,
                                     char              **argv,
                                     const char         *summary,
                                     const char         *description,
                                     gboolean           *json,
                                     int                *exit_code);

G_END_DECLS
