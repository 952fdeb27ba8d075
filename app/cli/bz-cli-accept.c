/* bz-cli-accept.c: biaozhu-cli accept, the undecided suggestions at or above a confidence
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bz-cli.h"
#include "bz-cli-output.h"

/* The labels of @per_label in the schema's order, then any others by name. */
/* g_ptr_array_sort() hands pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
labels_in_order (BzStore    *store,
                 GHashTable *per_label)
{
  g_autoptr(GPtrArray) labels = bz_store_list_labels (store, NULL);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const char *name = bz_label_get_name (g_ptr_array_index (labels, i));

      if (g_hash_table_contains (per_label, name))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_hash_table_iter_init (&iter, per_label);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_ptr_array_find_with_equal_func (names, key, g_str_equal, NULL))
      g_ptr_array_add (others, key);
  g_ptr_array_sort (others, compare_names);
  for (guint i = 0; i < others->len; i++)
    g_ptr_array_add (names, g_strdup (g_ptr_array_index (others, i)));
  return names;
}

static void
print_json (GPtrArray  *names,
            GHashTable *per_label,
            gint64      total,
            double      threshold,
            gboolean    have_precision,
            double      precision,
            gboolean    dry_run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "threshold");
  if (threshold <= 1.0)
    json_builder_add_double_value (builder, threshold);
  else
    json_builder_add_null_value (builder);
  if (have_precision)
    {
      json_builder_set_member_name (builder, "measured_precision");
      json_builder_add_double_value (builder, precision);
    }
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, dry_run);
  bz_cli_json_add_int (builder, "accepted", total);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_object (builder);
  for (guint i = 0; i < names->len; i++)
    bz_cli_json_add_int (builder, g_ptr_array_index (names, i),
                         GPOINTER_TO_UINT (g_hash_table_lookup (per_label, g_ptr_array_index (names, i))));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  bz_cli_print_json (root);
}

static void
print_table (GPtrArray  *names,
             GHashTable *per_label,
             gint64      total)
{
  const char *headers[] = { _("LABEL"), _(">SUGGESTIONS"), NULL };
  g_autoptr(BzCliTable) table = bz_cli_table_new (headers);
  g_autofree char *all = g_strdup_printf ("%" G_GINT64_FORMAT, total);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *n = g_strdup_printf ("%u", GPOINTER_TO_UINT (g_hash_table_lookup (per_label, name)));
      const char *cells[] = { name, n };

      bz_cli_table_add_row (table, cells);
    }
  {
    const char *cells[] = { _("all"), all };

    bz_cli_table_add_row (table, cells);
  }
  bz_cli_table_print (table);
}

int
bz_cli_cmd_accept (BzCliContext  *ctx,
                   int            argc,
                   char         **argv)
{
  double min_confidence = -1.0;
  double target = BZ_CALIBRATION_DEFAULT_TARGET;
  gboolean automatic = FALSE;
  gboolean dry_run = FALSE;
  gboolean json = FALSE;
  gint64 document_id = 0;
  const GOptionEntry entries[] = {
    { "min-confidence", 0, 0, G_OPTION_ARG_DOUBLE, &min_confidence, N_("Accept the suggestions whose confidence is at least X (0 to 1)"), "X" },
    { "auto", 0, 0, G_OPTION_ARG_NONE, &automatic, N_("Pick the lowest threshold that reaches the target in every report and label"), NULL },
    { "target", 0, 0, G_OPTION_ARG_DOUBLE, &target, N_("The precision --auto aims at (default 0.98)"), "P" },
    { "document", 0, 0, G_OPTION_ARG_INT64, &document_id, N_("Only this document (default: every document)"), "ID" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Only count what would be accepted"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the counts as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— accept the undecided suggestions at or above a confidence"));
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GHashTable) per_label = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  double threshold, precision = 0.0;
  gint64 total;
  guint n_accepted = 0;
  int exit_code;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Every suggestion of the built-in extractor carries a confidence: how often its rule or\n"
      "list was right on the project's gold and in this workspace's decisions. This accepts\n"
      "the undecided suggestions at or above a threshold, counted per label, as one step that\n"
      "one undo reverts. --auto picks the lowest threshold at which the accepted suggestions\n"
      "reach --target pooled, in each gold report and for each label."));
  if (!bz_cli_parse_no_arguments (context, &argc, &argv, &exit_code))
    return exit_code;
  if (automatic == (min_confidence >= 0.0))
    {
      bz_cli_error (_("accept needs either --min-confidence X or --auto"));
      return BZ_CLI_EXIT_USAGE;
    }
  if (!automatic && !(min_confidence <= 1.0))
    {
      bz_cli_error (_("--min-confidence must lie between 0 and 1"));
      return BZ_CLI_EXIT_USAGE;
    }
  if (!(target > 0.0 && target <= 1.0))
    {
      bz_cli_error (_("--target must lie above 0 and at most 1"));
      return BZ_CLI_EXIT_USAGE;
    }
  if (document_id < 0)
    {
      bz_cli_error (_("--document takes a document's id (see “biaozhu-cli list”)"));
      return BZ_CLI_EXIT_USAGE;
    }

  store = bz_cli_open_store (ctx, BZ_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BZ_CLI_EXIT_ERROR;
  if (document_id > 0)
    {
      g_autoptr(BzDocument) document = bz_store_get_document (store, document_id, &error);

      if (document == NULL)
        return bz_cli_fail (error);
    }
  threshold = min_confidence;
  if (automatic && !bz_store_pick_threshold (store, NULL, target, &threshold, &precision, &error))
    return bz_cli_fail (error);

  total = bz_store_count_bulk_accept (store, document_id, threshold, &per_label, &error);
  if (total < 0)
    return bz_cli_fail (error);
  if (!dry_run)
    {
      if (!bz_store_bulk_accept (store, document_id, threshold, &n_accepted, &error))
        return bz_cli_fail (error);
      /* Another process may have decided some in between: what was done counts. */
      total = n_accepted;
    }
  names = labels_in_order (store, per_label);

  if (json)
    {
      print_json (names, per_label, total, threshold, automatic, precision, dry_run);
      return BZ_CLI_EXIT_OK;
    }
  if (automatic && threshold > 1.0)
    bz_cli_print (_("No threshold reaches a measured precision of %.3f: nothing is accepted.\n"), target);
  else if (automatic)
    bz_cli_print (_("Threshold %.4f: measured precision %.4f (target %.3f)\n"), threshold, precision, target);
  print_table (names, per_label, total);
  if (dry_run)
    bz_cli_print (g_dngettext (GETTEXT_PACKAGE, "%u suggestion would be accepted (dry run).\n",
                               "%u suggestions would be accepted (dry run).\n", (gulong) total),
                  (guint) total);
  else
    bz_cli_print (g_dngettext (GETTEXT_PACKAGE, "Accepted %u suggestion in one step (one undo reverts it).\n",
                               "Accepted %u suggestions in one step (one undo reverts them).\n", (gulong) total),
                  (guint) total);
  return BZ_CLI_EXIT_OK;
}
