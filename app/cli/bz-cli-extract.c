/* bz-cli-extract.c: biaozhu-cli extract, pre-annotation of stored documents
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-cli.h"
#include "bz-cli-output.h"
#include "bz-external-extractor.h"

/* One document: one transaction with every extractor's suggestions. */
static gboolean
extract_document (BzStore      *store,
                  BzExtractor  *extractor,
                  GPtrArray    *externals,
                  BzDocument   *document,
                  guint        *out_n_added,
                  GError      **error)
{
  gint64 id = bz_document_get_id (document);
  const char *text = bz_document_get_text (document);
  guint total = 0;

  if (!bz_store_begin (store, "Extract", FALSE, error))
    return FALSE;

  if (externals->len == 0)
    {
      if (!bz_extractor_annotate_document (extractor, store, id, text, &total, error))
        {
          bz_store_rollback (store);
          return FALSE;
        }
    }
  for (guint i = 0; i < externals->len; i++)
    {
      guint n = 0;

      if (!bz_external_extractor_annotate_document (g_ptr_array_index (externals, i), store, id,
                                                    text, extractor, &n, error))
        {
          bz_store_rollback (store);
          return FALSE;
        }
      total += n;
    }

  if (!bz_store_commit (store, error))
    {
      bz_store_rollback (store);
      return FALSE;
    }
  *out_n_added = total;
  return TRUE;
}

int
bz_cli_cmd_extract (BzCliContext  *ctx,
                    int            argc,
                    char         **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(BzExtractor) extractor = NULL;
  g_autoptr(GPtrArray) externals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) external_specs = NULL;
  gint64 doc_id = 0;
  gboolean all = FALSE;
  guint grand_total = 0;
  int exit_code;
  const GOptionEntry entries[] = {
    { "doc", 0, 0, G_OPTION_ARG_INT64, &doc_id, "Extract from one document", "ID" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, "Extract from every document", NULL },
    { "external", 0, 0, G_OPTION_ARG_STRING_ARRAY, &external_specs,
      "Run an external extractor instead of the built-in one (repeatable)", "NAME=COMMAND" },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("- suggest spans in stored documents");
  g_option_context_set_description (context,
    "Runs the extractor (gazetteers, rules and what reviewers accepted) over one\n"
    "document or all of them and adds its spans as suggestions, one transaction per\n"
    "document. Spans already stored are kept as they are: nothing is duplicated, no\n"
    "suggestion overlaps an accepted span, and a surface rejected for a label is not\n"
    "suggested for it again.\n"
    "\n"
    "An external extractor is a command that reads the text on stdin and writes\n"
    "doccano-style JSON on stdout ({\"label\": [[start, end, \"LABEL\"], ...]}, code\n"
    "points, end exclusive); its spans carry the origin external:NAME.\n");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!bz_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1 || (doc_id != 0) == all)
    {
      bz_cli_error ("extract takes either --doc ID or --all");
      return BZ_CLI_EXIT_USAGE;
    }

  for (guint i = 0; external_specs != NULL && external_specs[i] != NULL; i++)
    {
      BzExternalExtractor *external = bz_external_extractor_new_from_spec (external_specs[i], &error);

      if (external == NULL)
        {
          bz_cli_error ("%s", error->message);
          return BZ_CLI_EXIT_USAGE;
        }
      g_ptr_array_add (externals, external);
    }

  store = bz_cli_open_store (ctx, BZ_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BZ_CLI_EXIT_ERROR;
  extractor = bz_extractor_new (NULL, &error);
  if (extractor == NULL)
    return bz_cli_fail (error);

  if (all)
    {
      documents = bz_store_list_documents (store, &error);
      if (documents == NULL)
        return bz_cli_fail (error);
    }
  else
    {
      BzDocument *document = bz_store_get_document (store, doc_id, &error);

      if (document == NULL)
        {
          if (error == NULL)
            g_set_error (&error, BZ_STORE_ERROR, BZ_STORE_ERROR_NOT_FOUND,
                         "No document with id %" G_GINT64_FORMAT " in %s",
                         doc_id, bz_store_get_path (store));
          return bz_cli_fail (error);
        }
      documents = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (documents, document);
    }

  for (guint i = 0; i < documents->len; i++)
    {
      BzDocument *document = g_ptr_array_index (documents, i);
      guint n = 0;

      if (!extract_document (store, extractor, externals, document, &n, &error))
        {
          g_prefix_error (&error, "Document %" G_GINT64_FORMAT " (%s): ",
                          bz_document_get_id (document), bz_document_get_title (document));
          return bz_cli_fail (error);
        }
      {
        g_autofree char *title = bz_cli_escape (bz_document_get_title (document));

        g_print ("%" G_GINT64_FORMAT "\t%s\t%u suggestions added\n", bz_document_get_id (document), title, n);
      }
      grand_total += n;
    }
  g_print ("%u documents, %u suggestions added\n", documents->len, grand_total);
  return BZ_CLI_EXIT_OK;
}
