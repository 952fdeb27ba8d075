/* bz-cli-tag.c: biaozhu-cli tag, the spans a tagger model finds in a text file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "bz-cli.h"
#include "bz-cli-output.h"

/* Reads @path as UTF-8 text; prints the error and returns NULL. */
static char *
read_text (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      bz_cli_fail (error);
      return NULL;
    }
  if (!g_utf8_validate_len (contents, length, NULL))
    {
      bz_cli_error (_("%s: not UTF-8 text (import it into a workspace to decode other encodings)"), path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

int
bz_cli_cmd_tag (BzCliContext  *ctx,
                int            argc,
                char         **argv)
{
  g_autofree char *model_path = NULL;
  const GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &model_path, N_("The tagger model (from biaozhu-cli train)"), "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — print the spans a tagger model finds, as JSON Lines"));
  g_autoptr(BzExtractor) extractor = NULL;
  g_autoptr(BzTaggerLists) lists = NULL;
  g_autoptr(BzTagger) tagger = NULL;
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(GArray) external = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree gsize *offsets = NULL;
  gsize length;
  glong n_chars;
  int exit_code;

  (void) ctx;
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!bz_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (model_path == NULL || argc != 2)
    {
      bz_cli_error (_("tag needs --model FILE and one text FILE"));
      return BZ_CLI_EXIT_USAGE;
    }

  if (!g_file_get_contents (model_path, &contents, &length, &error))
    return bz_cli_fail (error);
  blob = g_bytes_new_take (g_steal_pointer (&contents), length);
  tagger = bz_tagger_load (blob, &error);
  if (tagger == NULL)
    {
      g_prefix_error (&error, "%s: ", model_path);
      return bz_cli_fail (error);
    }
  text = read_text (argv[1]);
  if (text == NULL)
    return BZ_CLI_EXIT_ERROR;

  extractor = bz_extractor_new (NULL, &error);
  if (extractor == NULL)
    return bz_cli_fail (error);
  lists = bz_tagger_lists_new (NULL, &error);
  if (lists == NULL)
    return bz_cli_fail (error);
  external = bz_tagger_external_tags (extractor, lists, text);
  spans = bz_tagger_predict (tagger, text, external);

  /* Byte offsets of the code points, to cut out each span's text. */
  n_chars = g_utf8_strlen (text, -1);
  offsets = g_new (gsize, n_chars + 1);
  {
    const char *p = text;

    for (glong i = 0; i <= n_chars; i++, p = i <= n_chars ? g_utf8_next_char (p) : p)
      offsets[i] = (gsize) (p - text);
  }
  for (guint i = 0; i < spans->len; i++)
    {
      const BzTaggerSpan *span = &g_array_index (spans, BzTaggerSpan, i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *surface = g_strndup (text + offsets[span->start], offsets[span->end] - offsets[span->start]);
      g_autofree char *line = NULL;

      json_builder_begin_object (builder);
      bz_cli_json_add_int (builder, "start", span->start);
      bz_cli_json_add_int (builder, "end", span->end);
      bz_cli_json_add_string (builder, "label", span->label);
      bz_cli_json_add_string (builder, "text", surface);
      json_builder_set_member_name (builder, "confidence");
      json_builder_add_double_value (builder, span->confidence);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      line = json_generator_to_data (generator, NULL);
      fputs (line, stdout);
      fputc ('\n', stdout);
    }
  return BZ_CLI_EXIT_OK;
}
