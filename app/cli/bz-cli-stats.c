/* bz-cli-stats.c: biaozhu-cli stats, span counts per label, status and reviewer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-cli.h"
#include "bz-cli-output.h"

static void
tally_to_json (JsonBuilder        *builder,
               const BzStatsTally *tally,
               gboolean            with_extractor)
{
  json_builder_begin_object (builder);
  bz_cli_json_add_string (builder, "name", tally->name);
  for (guint s = 0; s < BZ_STATS_N_STATUSES; s++)
    bz_cli_json_add_int (builder, bz_span_status_to_string (s), tally->by_status[s]);
  bz_cli_json_add_int (builder, "total", tally->total);
  if (with_extractor)
    {
      bz_cli_json_add_int (builder, "extractor_decided", tally->extractor_decided);
      bz_cli_json_add_int (builder, "extractor_accepted", tally->extractor_accepted);
      json_builder_set_member_name (builder, "extractor_acceptance");
      if (tally->extractor_decided > 0)
        json_builder_add_double_value (builder,
                                       (double) tally->extractor_accepted / tally->extractor_decided);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
}

static void
tallies_to_json (JsonBuilder *builder,
                 const char  *member,
                 GPtrArray   *tallies,
                 gboolean     with_extractor)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < tallies->len; i++)
    tally_to_json (builder, g_ptr_array_index (tallies, i), with_extractor);
  json_builder_end_array (builder);
}

static void
print_json (const BzStats *stats,
            BzStore     *store)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  bz_cli_json_add_string (builder, "workspace", bz_store_get_path (store));
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_object (builder);
  bz_cli_json_add_int (builder, "total", stats->n_documents);
  for (guint s = 0; s <= BZ_DOCUMENT_REVIEWED; s++)
    bz_cli_json_add_int (builder, bz_document_status_to_string (s), stats->documents_by_status[s]);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "spans");
  tally_to_json (builder, stats->all, TRUE);
  tallies_to_json (builder, "labels", stats->labels, TRUE);
  tallies_to_json (builder, "reviewers", stats->reviewers, FALSE);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  bz_cli_print_json (root);
}

static void
add_tally_row (BzCliTable         *table,
               const BzStatsTally *tally,
               const char         *name,
               gboolean            with_extractor)
{
  g_autofree char *suggested = g_strdup_printf ("%u", tally->by_status[BZ_SPAN_SUGGESTED]);
  g_autofree char *accepted = g_strdup_printf ("%u", tally->by_status[BZ_SPAN_ACCEPTED]);
  g_autofree char *rejected = g_strdup_printf ("%u", tally->by_status[BZ_SPAN_REJECTED]);
  g_autofree char *total = g_strdup_printf ("%u", tally->total);
  g_autofree char *rate = NULL;

  if (tally->extractor_decided > 0)
    rate = g_strdup_printf ("%u/%u %.1f%%", tally->extractor_accepted, tally->extractor_decided,
                            100.0 * tally->extractor_accepted / tally->extractor_decided);

  bz_cli_table_add_row (table, (const char *[]) {
    name, suggested, accepted, rejected, total, with_extractor ? (rate != NULL ? rate : "-") : NULL,
  });
}

static void
print_text (const BzStats *stats,
            BzStore     *store)
{
  g_autoptr(BzCliTable) labels = NULL;
  g_autoptr(BzCliTable) reviewers = NULL;

  g_autofree char *path = bz_cli_escape (bz_store_get_path (store));

  bz_cli_print ("Workspace: %s\n", path);
  bz_cli_print ("Documents: %u (new %u, in progress %u, reviewed %u)\n", stats->n_documents,
                stats->documents_by_status[BZ_DOCUMENT_NEW],
                stats->documents_by_status[BZ_DOCUMENT_IN_PROGRESS],
                stats->documents_by_status[BZ_DOCUMENT_REVIEWED]);
  bz_cli_print ("Spans: %u\n\n", stats->all->total);

  labels = bz_cli_table_new ((const char *[]) {
    "Label", ">Suggested", ">Accepted", ">Rejected", ">Total", ">Extractor accepted", NULL,
  });
  for (guint i = 0; i < stats->labels->len; i++)
    {
      const BzStatsTally *tally = g_ptr_array_index (stats->labels, i);

      add_tally_row (labels, tally, tally->name, TRUE);
    }
  add_tally_row (labels, stats->all, stats->all->name, TRUE);
  bz_cli_table_print (labels);
  bz_cli_print ("\n");

  if (stats->reviewers->len == 0)
    {
      bz_cli_print ("No reviewer has changed a span yet.\n");
      return;
    }
  reviewers = bz_cli_table_new ((const char *[]) {
    "Reviewer", ">Suggested", ">Accepted", ">Rejected", ">Total", NULL,
  });
  for (guint i = 0; i < stats->reviewers->len; i++)
    {
      const BzStatsTally *tally = g_ptr_array_index (stats->reviewers, i);

      add_tally_row (reviewers, tally, tally->name != NULL ? tally->name : "(none)", FALSE);
    }
  bz_cli_table_print (reviewers);
}

int
bz_cli_cmd_stats (BzCliContext  *ctx,
                  int            argc,
                  char         **argv)
{
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStats) stats = NULL;
  gboolean json = FALSE;
  int exit_code;

  store = bz_cli_open_report (ctx, argc, argv, "- count the spans of the workspace",
    "Counts spans per label and status and per reviewer (the last one to change a\n"
    "span), and per label the extractor's acceptance rate: accepted / decided among\n"
    "the spans proposed by an extractor (origin extractor… or external:…).\n",
    &json, &exit_code);
  if (store == NULL)
    return exit_code;

  stats = bz_stats_collect (store, &error);
  if (stats == NULL)
    return bz_cli_fail (error);

  if (json)
    print_json (stats, store);
  else
    print_text (stats, store);
  return BZ_CLI_EXIT_OK;
}
