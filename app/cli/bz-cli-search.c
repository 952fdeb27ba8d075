/* bz-cli-search.c: biaozhu-cli search, a text across the workspace's reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bz-cli.h"
#include "bz-cli-output.h"

static JsonNode *
hits_to_json (BzStore    *store,
              const char *query,
              GPtrArray  *hits,
              gboolean    more)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  bz_cli_json_add_string (builder, "workspace", bz_store_get_path (store));
  bz_cli_json_add_string (builder, "query", query);
  json_builder_set_member_name (builder, "more");
  json_builder_add_boolean_value (builder, more);
  json_builder_set_member_name (builder, "hits");
  json_builder_begin_array (builder);
  for (guint i = 0; i < hits->len; i++)
    {
      BzSearchHit *hit = g_ptr_array_index (hits, i);

      json_builder_begin_object (builder);
      bz_cli_json_add_int (builder, "document", hit->document_id);
      bz_cli_json_add_string (builder, "title", hit->title);
      bz_cli_json_add_int (builder, "start", hit->start);
      bz_cli_json_add_int (builder, "end", hit->end);
      bz_cli_json_add_string (builder, "context", hit->context);
      bz_cli_json_add_int (builder, "context_start", hit->context_start);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The hit framed with ⟦ ⟧ in its context, "…" where the context is cut. */
static char *
framed_context (const BzSearchHit *hit)
{
  g_autofree char *before = bz_utf8_substring (hit->context, 0, hit->start - hit->context_start);
  g_autofree char *spot = bz_utf8_substring (hit->context, hit->start - hit->context_start,
                                             hit->end - hit->context_start);
  g_autofree char *after = bz_utf8_substring (hit->context, hit->end - hit->context_start, G_MAXINT64);
  g_autofree char *framed = g_strconcat (hit->context_start > 0 ? "…" : "", before, "⟦", spot, "⟧", after,
                                         NULL);

  return bz_cli_escape (framed);
}

int
bz_cli_cmd_search (BzCliContext  *ctx,
                   int            argc,
                   char         **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  gboolean ignore_case = FALSE;
  gboolean more = FALSE;
  int max_hits = 1000;
  int exit_code;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "ignore-case", 'i', 0, G_OPTION_ARG_NONE, &ignore_case, N_("Match letters in either case"), NULL },
    { "max-hits", 0, 0, G_OPTION_ARG_INT, &max_hits, N_("Show at most N hits (0: all; 1000 by default)"),
      N_("N") },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new (_("QUERY - find a text in every report of the workspace"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Prints one line per hit: the document, its title, the hit's code-point offsets\n"
      "(end exclusive) and the text around it, the hit framed with ⟦ ⟧. Traditional and\n"
      "simplified characters match each other (東城區 finds 东城区 and the reverse).\n"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!bz_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2 || *argv[1] == '\0')
    {
      bz_cli_error (_("search needs one QUERY"));
      return BZ_CLI_EXIT_USAGE;
    }
  if (max_hits < 0)
    {
      bz_cli_error (_("--max-hits takes 0 or more, not %d"), max_hits);
      return BZ_CLI_EXIT_USAGE;
    }

  store = bz_cli_open_store (ctx, BZ_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BZ_CLI_EXIT_ERROR;
  hits = bz_store_search (store, argv[1], ignore_case ? BZ_SEARCH_IGNORE_CASE : BZ_SEARCH_DEFAULT,
                          max_hits > 0 ? (guint) max_hits + 1 : 0, &error);
  if (hits == NULL)
    return bz_cli_fail (error);
  /* One more than shown says whether there are more. */
  if (max_hits > 0 && hits->len > (guint) max_hits)
    {
      more = TRUE;
      g_ptr_array_set_size (hits, max_hits);
    }

  if (json)
    {
      g_autoptr(JsonNode) root = hits_to_json (store, argv[1], hits, more);

      bz_cli_print_json (root);
      return BZ_CLI_EXIT_OK;
    }

  for (guint i = 0; i < hits->len; i++)
    {
      BzSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *title = bz_cli_escape (hit->title);
      g_autofree char *framed = framed_context (hit);

      bz_cli_print ("%" G_GINT64_FORMAT "\t%s\t%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "\t%s\n",
                    hit->document_id, title, hit->start, hit->end, framed);
    }
  if (more)
    bz_cli_print (g_dngettext (GETTEXT_PACKAGE, "The first %u hit; there are more (see --max-hits)\n",
                               "The first %u hits; there are more (see --max-hits)\n", hits->len),
                  hits->len);
  else
    bz_cli_print (g_dngettext (GETTEXT_PACKAGE, "%u hit\n", "%u hits\n", hits->len), hits->len);
  return BZ_CLI_EXIT_OK;
}
