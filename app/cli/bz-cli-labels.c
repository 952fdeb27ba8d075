/* bz-cli-labels.c: biaozhu-cli labels, the workspace's label schema with its guidelines
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bz-cli.h"
#include "bz-cli-output.h"

static JsonNode *
labels_to_json (BzStore   *store,
                GPtrArray *labels)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  bz_cli_json_add_string (builder, "workspace", bz_store_get_path (store));
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_array (builder);
  for (guint i = 0; i < labels->len; i++)
    {
      BzLabel *label = g_ptr_array_index (labels, i);

      json_builder_begin_object (builder);
      bz_cli_json_add_string (builder, "name", bz_label_get_name (label));
      bz_cli_json_add_string (builder, "display_name", bz_label_get_display_name (label));
      bz_cli_json_add_string (builder, "color", bz_label_get_color (label));
      bz_cli_json_add_string (builder, "shortcut", bz_label_get_shortcut (label));
      bz_cli_json_add_string (builder, "description", bz_label_get_description (label));
      json_builder_set_member_name (builder, "guideline");
      json_builder_begin_object (builder);
      bz_cli_json_add_string (builder, "zh", bz_label_get_guideline (label, "zh"));
      bz_cli_json_add_string (builder, "en", bz_label_get_guideline (label, "en"));
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Each label's guideline in @language, its paragraphs indented under its name. */
static void
print_guidelines (GPtrArray  *labels,
                  const char *language)
{
  for (guint i = 0; i < labels->len; i++)
    {
      BzLabel *label = g_ptr_array_index (labels, i);
      g_autofree char *name = bz_cli_escape (bz_label_get_name (label));
      g_autofree char *display_name = bz_cli_escape (bz_label_get_display_name (label));
      g_auto(GStrv) paragraphs = g_strsplit (bz_label_get_guideline (label, language), "\n\n", -1);

      bz_cli_print ("\n%s (%s)\n", name, display_name);
      if (*bz_label_get_guideline (label, language) == '\0')
        bz_cli_print ("  %s\n", _("(no guideline)"));
      for (guint k = 0; paragraphs[k] != NULL; k++)
        {
          g_autofree char *paragraph = bz_cli_escape (paragraphs[k]);

          bz_cli_print ("%s  %s\n", k > 0 ? "\n" : "", paragraph);
        }
    }
}

int
bz_cli_cmd_labels (BzCliContext  *ctx,
                   int            argc,
                   char         **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BzCliTable) table = NULL;
  g_autofree char *replace = NULL;
  g_autofree char *language = NULL;
  gboolean json = FALSE;
  int exit_code;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "guideline", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("Print each label's guideline in LANGUAGE (zh or en)"), N_("LANGUAGE") },
    { "replace", 0, 0, G_OPTION_ARG_FILENAME, &replace,
      N_("Replace the workspace's labels with those of a labels file first"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new (_("- show or replace the label schema of the workspace"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Prints one row per label: its key, name, display name, colour and description.\n"
      "A labels file has the form of data/labels.json: a “labels” list of objects with\n"
      "name, display_name, color, shortcut, description and guideline {zh, en}. Labels\n"
      "that spans use cannot be removed; a label keeps its guideline in a language the\n"
      "file gives none in.\n"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!bz_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    {
      bz_cli_error (_("%s takes no arguments (“%s”)"), argv[0], argv[1]);
      return BZ_CLI_EXIT_USAGE;
    }
  if (language != NULL && !g_str_equal (language, "zh") && !g_str_equal (language, "en"))
    {
      bz_cli_error (_("--guideline takes zh or en, not “%s”"), language);
      return BZ_CLI_EXIT_USAGE;
    }

  store = bz_cli_open_store (ctx, replace != NULL ? BZ_STORE_OPEN_CREATE : BZ_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BZ_CLI_EXIT_ERROR;
  if (replace != NULL && !bz_store_replace_labels (store, replace, &error))
    return bz_cli_fail (error);
  if (!(labels = bz_store_list_labels (store, &error)))
    return bz_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonNode) root = labels_to_json (store, labels);

      bz_cli_print_json (root);
      return BZ_CLI_EXIT_OK;
    }

  table = bz_cli_table_new ((const char *[]) {
    _("Key"), _("Name"), _("Display name"), _("Colour"), _("Description"), NULL,
  });
  for (guint i = 0; i < labels->len; i++)
    {
      BzLabel *label = g_ptr_array_index (labels, i);

      bz_cli_table_add_row (table, (const char *[]) {
        bz_label_get_shortcut (label),
        bz_label_get_name (label),
        bz_label_get_display_name (label),
        bz_label_get_color (label),
        bz_label_get_description (label),
      });
    }
  bz_cli_table_print (table);
  if (language != NULL)
    print_guidelines (labels, language);
  return BZ_CLI_EXIT_OK;
}
