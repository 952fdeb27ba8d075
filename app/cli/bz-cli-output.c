/* bz-cli-output.c: aligned tables and JSON on standard output
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bz-cli-output.h"

struct _BzCliTable
{
  guint      n_columns;
  gboolean  *align_right;
  /* Rows of n_columns strings each, the headers first. */
  GPtrArray *cells;
};

static char *
escape (const char *text,
        gboolean    keep_newlines)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text;
  const char *end = text + strlen (text);

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c == '\n' && keep_newlines)
        g_string_append_c (out, '\n');
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c >= 0x80 && c <= 0x9f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

char *
bz_cli_escape (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  return escape (text, FALSE);
}

char *
bz_cli_escape_lines (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  return escape (text, TRUE);
}

BzCliTable *
bz_cli_table_new (const char * const *headers)
{
  BzCliTable *self;

  g_return_val_if_fail (headers != NULL && headers[0] != NULL, NULL);

  self = g_new0 (BzCliTable, 1);
  self->n_columns = g_strv_length ((char **) headers);
  self->align_right = g_new0 (gboolean, self->n_columns);
  self->cells = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->n_columns; i++)
    {
      self->align_right[i] = headers[i][0] == '>';
      g_ptr_array_add (self->cells, g_strdup (headers[i] + (self->align_right[i] ? 1 : 0)));
    }
  return self;
}

void
bz_cli_table_add_row (BzCliTable         *self,
                      const char * const *cells)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cells != NULL);

  for (guint i = 0; i < self->n_columns; i++)
    g_ptr_array_add (self->cells, bz_cli_escape (cells[i] != NULL ? cells[i] : ""));
}

gsize
bz_cli_display_width (const char *text)
{
  gsize width = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

void
bz_cli_table_print (BzCliTable *self)
{
  g_autofree gsize *widths = NULL;
  guint n_rows;

  g_return_if_fail (self != NULL);

  n_rows = self->cells->len / self->n_columns;
  widths = g_new0 (gsize, self->n_columns);
  for (guint i = 0; i < self->cells->len; i++)
    widths[i % self->n_columns] = MAX (widths[i % self->n_columns],
                                       bz_cli_display_width (g_ptr_array_index (self->cells, i)));

  for (guint r = 0; r < n_rows; r++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < self->n_columns; c++)
        {
          const char *cell = g_ptr_array_index (self->cells, r * self->n_columns + c);
          gsize pad = widths[c] - bz_cli_display_width (cell);
          gboolean last = c + 1 == self->n_columns;

          if (c > 0)
            g_string_append (line, "  ");
          if (self->align_right[c])
            {
              for (gsize k = 0; k < pad; k++)
                g_string_append_c (line, ' ');
              g_string_append (line, cell);
            }
          else
            {
              g_string_append (line, cell);
              for (gsize k = 0; k < pad && !last; k++)
                g_string_append_c (line, ' ');
            }
        }
      g_string_append_c (line, '\n');
      fputs (line->str, stdout);
    }
}

void
bz_cli_table_free (BzCliTable *self)
{
  if (self == NULL)
    return;

  g_free (self->align_right);
  g_ptr_array_unref (self->cells);
  g_free (self);
}

void
bz_cli_print (const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stdout, format, args);
  va_end (args);
}

void
bz_cli_error (const char *format,
              ...)
{
  g_autofree char *message = NULL;
  g_autofree char *shown = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  shown = bz_cli_escape_lines (message);
  g_printerr ("biaozhu-cli: %s\n", shown);
}

void
bz_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;

  g_return_if_fail (root != NULL);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  data = json_generator_to_data (generator, NULL);
  bz_cli_print ("%s\n", data);
}

void
bz_cli_json_add_int (JsonBuilder *builder,
                     const char  *name,
                     gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
bz_cli_json_add_string (JsonBuilder *builder,
                        const char  *name,
                        const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

BzStore *
bz_cli_open_report (BzCliContext  *ctx,
                    int            argc,
                    char         **argv,
                    const char    *summary,
                    const char    *description,
                    gboolean      *json,
                    int           *exit_code)
{
  g_autoptr(GOptionContext) context = NULL;
  BzStore *store;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, "Print JSON for scripts", NULL },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new (summary);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bz_cli_parse (context, &argc, &argv, exit_code))
    return NULL;
  if (argc > 1)
    {
      bz_cli_error ("%s takes no arguments (“%s”)", argv[0], argv[1]);
      *exit_code = BZ_CLI_EXIT_USAGE;
      return NULL;
    }

  store = bz_cli_open_store (ctx, BZ_STORE_OPEN_EXISTING);
  *exit_code = store != NULL ? BZ_CLI_EXIT_OK : BZ_CLI_EXIT_ERROR;
  return store;
}
