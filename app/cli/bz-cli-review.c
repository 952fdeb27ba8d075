/* bz-cli-review.c: biaozhu-cli review-mode and assign, how reviewers share a workspace
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bz-cli.h"
#include "bz-cli-output.h"

int
bz_cli_cmd_review_mode (BzCliContext  *ctx,
                        int            argc,
                        char         **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("[shared|independent] — show or set how reviewers share the workspace"));
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GError) error = NULL;
  BzReviewMode mode = BZ_REVIEW_SHARED;
  int exit_code;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("shared: every reviewer works on the same annotations (the default).\n"
                                  "independent: each reviewer sees the suggestions and their own decisions only."));
  if (!bz_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 2 || (argc == 2 && !bz_review_mode_from_string (argv[1], &mode)))
    {
      bz_cli_error (_("review-mode takes “shared” or “independent”, or nothing to show the mode"));
      return BZ_CLI_EXIT_USAGE;
    }

  store = bz_cli_open_store (ctx, BZ_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BZ_CLI_EXIT_ERROR;
  if (argc == 2 && !bz_store_set_review_mode (store, mode, &error))
    return bz_cli_fail (error);
  mode = bz_store_get_review_mode (store);
  if (mode == BZ_REVIEW_INDEPENDENT)
    bz_cli_print ("%s\n", _("Review mode: independent (each reviewer sees the suggestions and their own decisions only)"));
  else
    bz_cli_print ("%s\n", _("Review mode: shared (every reviewer works on the same annotations)"));
  return BZ_CLI_EXIT_OK;
}

/* A share: a number in [0, 1] or a percentage ("20%"); -1 when it is neither. */
static double
parse_share (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gboolean percent = g_str_has_suffix (copy, "%");
  char *end = NULL;
  double value;

  if (percent)
    copy[strlen (copy) - 1] = '\0';
  value = g_ascii_strtod (copy, &end);
  if (*copy == '\0' || end == NULL || *end != '\0')
    return -1;
  if (percent)
    value /= 100;
  return value >= 0 && value <= 1 ? value : -1;
}

static int
print_assignment (BzStore   *store,
                  GPtrArray *assignments)
{
  const char *headers[] = { ">report", "title", "reviewers", NULL };
  g_autoptr(BzCliTable) table = bz_cli_table_new (headers);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GHashTable) per_reviewer = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) reviewers = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint next = 0, n_assigned = 0, n_double = 0;

  documents = bz_store_list_documents (store, &error);
  if (documents == NULL)
    return bz_cli_fail (error);
  /* Both lists go by document id. */
  for (guint i = 0; i < documents->len; i++)
    {
      BzDocument *document = g_ptr_array_index (documents, i);
      gint64 id = bz_document_get_id (document);
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      guint n = 0;

      for (; next < assignments->len && ((BzAssignment *) g_ptr_array_index (assignments, next))->document_id <= id; next++)
        {
          BzAssignment *a = g_ptr_array_index (assignments, next);

          if (a->document_id != id)
            continue;
          g_string_append_printf (names, "%s%s", n > 0 ? ", " : "", a->reviewer);
          n++;
          if (!g_hash_table_contains (per_reviewer, a->reviewer))
            g_ptr_array_add (reviewers, a->reviewer);
          g_hash_table_insert (per_reviewer, a->reviewer,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (per_reviewer, a->reviewer)) + 1));
        }
      if (n == 0)
        continue;
      n_assigned++;
      n_double += n > 1;
      {
        const char *cells[] = { id_text, bz_document_get_title (document), names->str };

        bz_cli_table_add_row (table, cells);
      }
    }
  bz_cli_table_print (table);
  bz_cli_print (_("%u of %u reports assigned, %u of them to two reviewers.\n"),
                n_assigned, documents->len, n_double);
  for (guint i = 0; i < reviewers->len; i++)
    {
      const char *name = g_ptr_array_index (reviewers, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_reviewer, name));

      bz_cli_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u report\n", "%s: %u reports\n", n), name, n);
    }
  return BZ_CLI_EXIT_OK;
}

int
bz_cli_cmd_assign (BzCliContext  *ctx,
                   int            argc,
                   char         **argv)
{
  g_autofree char *reviewers_text = NULL;
  g_autofree char *share_text = NULL;
  g_autofree char *overlap_text = NULL;
  gint64 seed = 0;
  gboolean show = FALSE;
  const GOptionEntry entries[] = {
    { "reviewers", 0, 0, G_OPTION_ARG_STRING, &reviewers_text, N_("The reviewers, separated by commas"), "A,B,…" },
    { "share", 0, 0, G_OPTION_ARG_STRING, &share_text,
      N_("The share of the reports to assign, such as 0.5 or 50% (default: all)"), "S" },
    { "overlap", 0, 0, G_OPTION_ARG_STRING, &overlap_text,
      N_("The share of the assigned reports that two reviewers annotate, such as 0.2 or 20% (default: 0)"), "O" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Chooses the reports: the same seed gives the same assignment (default: 0)"), "N" },
    { "show", 0, 0, G_OPTION_ARG_NONE, &show, N_("Print the workspace's assignment without changing it"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— choose which reviewers annotate which reports"));
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GPtrArray) assignments = NULL;
  g_auto(GStrv) reviewers = NULL;
  g_autoptr(GError) error = NULL;
  double share = 1, overlap = 0;
  int exit_code;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!bz_cli_parse_no_arguments (context, &argc, &argv, &exit_code))
    return exit_code;
  if (show == (reviewers_text != NULL))
    {
      bz_cli_error (_("assign takes either --reviewers A,B,… or --show"));
      return BZ_CLI_EXIT_USAGE;
    }
  if (share_text != NULL && ((share = parse_share (share_text)) <= 0))
    {
      bz_cli_error (_("--share takes a share of the reports above 0 and up to 1, or a percentage (got “%s”)"),
                    share_text);
      return BZ_CLI_EXIT_USAGE;
    }
  if (overlap_text != NULL && ((overlap = parse_share (overlap_text)) < 0))
    {
      bz_cli_error (_("--overlap takes a share from 0 to 1, or a percentage (got “%s”)"), overlap_text);
      return BZ_CLI_EXIT_USAGE;
    }
  if (seed < 0 || seed > G_MAXUINT32)
    {
      bz_cli_error (_("--seed takes a number from 0 to %u"), G_MAXUINT32);
      return BZ_CLI_EXIT_USAGE;
    }
  if (reviewers_text != NULL)
    {
      reviewers = g_strsplit (reviewers_text, ",", -1);
      for (guint i = 0; reviewers[i] != NULL; i++)
        g_strstrip (reviewers[i]);
    }

  store = bz_cli_open_store (ctx, BZ_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BZ_CLI_EXIT_ERROR;
  if (reviewers != NULL
      && !bz_store_assign (store, (const char * const *) reviewers, share, overlap, (guint32) seed, &error))
    return bz_cli_fail (error);
  assignments = bz_store_list_assignments (store, &error);
  if (assignments == NULL)
    return bz_cli_fail (error);
  return print_assignment (store, assignments);
}
