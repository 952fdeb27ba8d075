/* bz-cli-list.c: biaozhu-cli list, the documents with review progress and warnings
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-cli.h"
#include "bz-cli-output.h"

/* Code points of text shown on either side of a warning's spot. */
#define CONTEXT_CHARS 12

/* The spot of a warning with some text around it, on one line: line ends are
 * shown as ⏎ and the spot itself is framed with ⟦ ⟧. */
static char *
warning_context (const char             *text,
                 const BzQualityWarning *warning)
{
  g_autofree char *before = NULL;
  g_autofree char *spot = NULL;
  g_autofree char *after = NULL;
  g_autofree char *joined = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 from = MAX (warning->start - CONTEXT_CHARS, 0);

  before = bz_utf8_substring (text, from, warning->start);
  spot = bz_utf8_substring (text, warning->start, warning->end);
  after = bz_utf8_substring (text, warning->end, warning->end + CONTEXT_CHARS);
  joined = g_strconcat (from > 0 ? "…" : "", before, "⟦", spot, "⟧", after,
                        *after != '\0' ? "…" : "", NULL);
  lines = g_strsplit (joined, "\n", -1);
  return g_strjoinv ("⏎", lines);
}

static JsonNode *
document_to_json (BzDocument *document,
                  GArray     *warnings,
                  guint       n_uncertain)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  bz_cli_json_add_int (builder, "id", bz_document_get_id (document));
  bz_cli_json_add_string (builder, "title", bz_document_get_title (document));
  bz_cli_json_add_string (builder, "source_path", bz_document_get_source_path (document));
  bz_cli_json_add_string (builder, "sha256", bz_document_get_sha256 (document));
  bz_cli_json_add_string (builder, "script", bz_script_to_string (bz_document_get_script (document)));
  bz_cli_json_add_string (builder, "encoding", bz_document_get_encoding (document));
  bz_cli_json_add_int (builder, "n_chars", bz_document_get_n_chars (document));
  bz_cli_json_add_int (builder, "n_spans", bz_document_get_n_spans (document));
  bz_cli_json_add_int (builder, "n_decided", bz_document_get_n_decided (document));
  bz_cli_json_add_int (builder, "n_uncertain", n_uncertain);
  bz_cli_json_add_string (builder, "status", bz_document_status_to_string (bz_document_get_status (document)));
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < warnings->len; i++)
    {
      const BzQualityWarning *w = &g_array_index (warnings, BzQualityWarning, i);
      g_autofree char *context = warning_context (bz_document_get_text (document), w);
      g_autofree char *description = bz_quality_warning_describe (w, bz_document_get_text (document));

      json_builder_begin_object (builder);
      bz_cli_json_add_int (builder, "start", w->start);
      bz_cli_json_add_int (builder, "end", w->end);
      bz_cli_json_add_string (builder, "kind", w->kind);
      /* As stored at import, in English; the description is in the reader's language. */
      bz_cli_json_add_string (builder, "message", w->message);
      bz_cli_json_add_string (builder, "description", description);
      bz_cli_json_add_string (builder, "context", context);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
add_table_row (BzCliTable *table,
               BzDocument *document,
               GArray     *warnings)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, bz_document_get_id (document));
  g_autofree char *n_chars = g_strdup_printf ("%" G_GINT64_FORMAT, bz_document_get_n_chars (document));
  g_autofree char *spans = g_strdup_printf ("%u/%u", bz_document_get_n_decided (document),
                                            bz_document_get_n_spans (document));
  g_autofree char *n_warnings = g_strdup_printf ("%u", warnings->len);

  bz_cli_table_add_row (table, (const char *[]) {
    id,
    bz_document_get_title (document),
    bz_script_to_string (bz_document_get_script (document)),
    bz_document_get_encoding (document),
    n_chars,
    spans,
    bz_document_status_to_string (bz_document_get_status (document)),
    n_warnings,
  });
}

static void
print_warnings (BzDocument *document,
                GArray     *warnings)
{
  g_autofree char *title = bz_cli_escape (bz_document_get_title (document));

  bz_cli_print ("\nWarnings in document %" G_GINT64_FORMAT " (%s):\n", bz_document_get_id (document), title);
  for (guint i = 0; i < warnings->len; i++)
    {
      const BzQualityWarning *w = &g_array_index (warnings, BzQualityWarning, i);
      g_autofree char *context = warning_context (bz_document_get_text (document), w);
      g_autofree char *shown_context = bz_cli_escape (context);
      g_autofree char *kind = bz_cli_escape (w->kind);
      g_autofree char *description = bz_quality_warning_describe (w, bz_document_get_text (document));
      g_autofree char *message = bz_cli_escape (description);

      bz_cli_print ("  %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s: %s\n      %s\n",
                    w->start, w->end, kind, message, shown_context);
    }
}

int
bz_cli_cmd_list (BzCliContext  *ctx,
                 int            argc,
                 char         **argv)
{
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) all_warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BzCliTable) table = NULL;
  gboolean json = FALSE;
  int exit_code;

  store = bz_cli_open_report (ctx, argc, argv, "- list the documents of the workspace",
    "Prints one row per document: id, title, script, encoding, characters, spans\n"
    "decided/total, review status and data-quality warnings; then each warning with\n"
    "its code-point offsets (end exclusive), its description in the reader's language\n"
    "and the text around it.\n",
    &json, &exit_code);
  if (store == NULL)
    return exit_code;

  documents = bz_store_list_documents (store, &error);
  if (documents == NULL)
    return bz_cli_fail (error);

  /* Warnings are read first so that a failure prints nothing half-done. */
  all_warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < documents->len; i++)
    {
      BzDocument *document = g_ptr_array_index (documents, i);
      GArray *warnings = bz_store_list_warnings (store, bz_document_get_id (document), &error);

      if (warnings == NULL)
        return bz_cli_fail (error);
      g_ptr_array_add (all_warnings, warnings);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GHashTable) uncertain = NULL;
      double threshold = 0.0;

      /* Uncertain: the undecided suggestions that bulk acceptance at the
       * threshold of the default target leaves to the reviewer. */
      if (!bz_store_pick_threshold (store, NULL, BZ_CALIBRATION_DEFAULT_TARGET, &threshold, NULL, &error)
          || !(uncertain = bz_store_count_uncertain_by_document (store, threshold, &error)))
        return bz_cli_fail (error);
      json_builder_begin_object (builder);
      bz_cli_json_add_string (builder, "workspace", bz_store_get_path (store));
      json_builder_set_member_name (builder, "uncertain_threshold");
      if (threshold <= 1.0)
        json_builder_add_double_value (builder, threshold);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "documents");
      json_builder_begin_array (builder);
      for (guint i = 0; i < documents->len; i++)
        {
          gint64 id = bz_document_get_id (g_ptr_array_index (documents, i));

          json_builder_add_value (builder, document_to_json (g_ptr_array_index (documents, i),
                                                             g_ptr_array_index (all_warnings, i),
                                                             GPOINTER_TO_UINT (g_hash_table_lookup (uncertain, &id))));
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bz_cli_print_json (root);
      return BZ_CLI_EXIT_OK;
    }

  if (documents->len == 0)
    {
      g_autofree char *path = bz_cli_escape (bz_store_get_path (store));

      bz_cli_print ("No documents in %s\n", path);
      return BZ_CLI_EXIT_OK;
    }

  table = bz_cli_table_new ((const char *[]) {
    ">ID", "Title", "Script", "Encoding", ">Chars", ">Decided/spans", "Status", ">Warnings", NULL,
  });
  for (guint i = 0; i < documents->len; i++)
    add_table_row (table, g_ptr_array_index (documents, i), g_ptr_array_index (all_warnings, i));
  bz_cli_table_print (table);

  for (guint i = 0; i < documents->len; i++)
    {
      GArray *warnings = g_ptr_array_index (all_warnings, i);

      if (warnings->len > 0)
        print_warnings (g_ptr_array_index (documents, i), warnings);
    }

  return BZ_CLI_EXIT_OK;
}
