/* bz-cli-export.c: biaozhu-cli export and import-annotations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "bz-cli.h"
#include "bz-cli-output.h"

static const char formats_help[] =
  "Formats: native (lossless JSON), doccano (JSONL), label-studio (JSON tasks), cluener (JSONL,\n"
  "inclusive ends), spacy (JSON offsets), bio and bioes (one character per line, CoNLL columns),\n"
  "brat (a folder of .txt/.ann pairs). Offsets are Unicode code points everywhere.\n\n"
  "BIO/BIOES write each character on its own line, CHAR<TAB>TAG; a space is written \\s, a\n"
  "newline \\n, a tab \\t, a backslash \\\\ and other whitespace \\uXXXX. A blank line follows\n"
  "each sentence (。！？； or a newline), never inside an entity.\n\n"
  "cluener, spacy, bio and bioes cannot hold overlapping spans: spans are taken by start, longer\n"
  "first, and one that overlaps a span already kept is dropped (the outer span stays). Every\n"
  "dropped span is reported as a warning. A span whose stored text no longer matches the\n"
  "document at its offsets stops the export, and nothing is written.\n\n"
  "--split assigns each document by a hash of its sha256, so a document keeps its part when\n"
  "others are added; -o then names a folder that gets train, dev and test files.\n"
  "--max-chars cuts after 。！？； or a newline, rebasing offsets; no span is cut in two.\n";

/* Prints a UTF-8 line, escaped, whatever the locale (g_print would convert it). */
static void
print_utf8 (FILE       *out,
            const char *prefix,
            const char *line)
{
  g_autofree char *shown = bz_cli_escape (line);

  fputs (prefix, out);
  fputs (shown, out);
  fputc ('\n', out);
}

/* The agreement of the reviewers over the reports exported, beside the
 * export: a dataset carries the measure of its quality. */
static gboolean
write_agreement (BzStore                *store,
                 const BzExportOptions  *options,
                 const BzExportReport   *report,
                 const char             *path,
                 GError                **error)
{
  g_autoptr(BzAgreementInput) input = NULL;
  g_autoptr(BzAgreementReport) figures = NULL;
  g_autofree char *json = NULL;

  input = bz_agreement_input_new_from_store_documents (store, report->document_ids, error);
  if (input == NULL)
    return FALSE;
  bz_agreement_input_set_labels (input, (const char * const *) options->labels);
  figures = bz_agreement_compute (input);
  json = bz_agreement_report_to_json (figures);
  if (!g_file_set_contents (path, json, -1, error))
    return FALSE;
  printf ("Agreement of %u reviewers over %u reports written to %s\n",
          bz_agreement_report_get_n_reviewers (figures), bz_agreement_report_get_n_documents (figures), path);
  return TRUE;
}

int
bz_cli_cmd_export (BzCliContext  *ctx,
                   int            argc,
                   char         **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *documents = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *statuses = NULL;
  g_autofree char *split = NULL;
  g_autofree char *output = NULL;
  g_autofree char *layer = NULL;
  g_autofree char *agreement = NULL;
  gboolean include_suggestions = FALSE;
  gboolean skip_undecided = FALSE;
  gint64 max_chars = 0;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, "The format to write (required)", "FORMAT" },
    { "documents", 0, 0, G_OPTION_ARG_STRING, &documents, "all (default), reviewed, curated (reviewed in the curated layer), or document ids 3,5,8", "WHICH" },
    { "layer", 0, 0, G_OPTION_ARG_STRING, &layer, "Whose annotations: curated (the adjudicated set), shared, or a reviewer's name (default: the workspace's own layer)", "LAYER" },
    { "agreement", 0, 0, G_OPTION_ARG_FILENAME, &agreement, "Also write the reviewers' agreement over the exported reports, as JSON", "FILE" },
    { "include-suggestions", 0, 0, G_OPTION_ARG_NONE, &include_suggestions, "Add the undecided suggestions to the accepted spans", NULL },
    { "skip-undecided", 0, 0, G_OPTION_ARG_NONE, &skip_undecided, "With --documents reviewed: leave out (and name) the reviewed documents that still have undecided suggestions, instead of refusing the export", NULL },
    { "labels", 0, 0, G_OPTION_ARG_STRING, &labels, "Only spans of these labels", "L,.." },
    { "statuses", 0, 0, G_OPTION_ARG_STRING, &statuses, "Span statuses to export (default accepted; rejected only in native)", "S,.." },
    { "split", 0, 0, G_OPTION_ARG_STRING, &split, "Split train:dev:test by ratio, deterministically (-o is a folder)", "8:1:1" },
    { "max-chars", 0, 0, G_OPTION_ARG_INT64, &max_chars, "Cut documents into chunks of at most N characters at sentence ends", "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The file to write (a folder for brat and for --split)", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— export annotations as training data");
  g_autoptr(BzExportOptions) options = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GError) error = NULL;
  BzExportReport report;
  BzFormat format;
  int exit_code;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, formats_help);
  if (!bz_cli_parse_no_arguments (context, &argc, &argv, &exit_code))
    return exit_code;
  if (format_name == NULL || output == NULL)
    {
      bz_cli_error ("export needs --format FORMAT and -o PATH");
      return BZ_CLI_EXIT_USAGE;
    }
  if (!bz_format_from_string (format_name, &format, &error))
    {
      bz_cli_error ("%s", error->message);
      return BZ_CLI_EXIT_USAGE;
    }
  if (max_chars < 0)
    {
      bz_cli_error ("--max-chars must be a positive number");
      return BZ_CLI_EXIT_USAGE;
    }

  options = bz_export_options_new (format, output);
  options->max_chars = max_chars;
  options->skip_undecided = skip_undecided;
  if ((documents != NULL && !bz_export_options_set_documents (options, documents, &error)) ||
      (statuses != NULL && !bz_export_options_set_statuses (options, statuses, &error)) ||
      (split != NULL && !bz_export_options_set_split (options, split, &error)) ||
      (layer != NULL && !bz_export_options_set_layer (options, layer, &error)))
    {
      bz_cli_error ("%s", error->message);
      return BZ_CLI_EXIT_USAGE;
    }
  if (include_suggestions)
    options->statuses[BZ_SPAN_SUGGESTED] = TRUE;
  bz_export_options_set_labels (options, labels);
  if (!bz_export_options_check (options, &error))
    {
      bz_cli_error ("%s", error->message);
      return BZ_CLI_EXIT_USAGE;
    }

  store = bz_cli_open_store (ctx, BZ_STORE_OPEN_EXISTING);
  if (store == NULL)
    return BZ_CLI_EXIT_ERROR;
  bz_export_report_init (&report);
  if (!bz_export_store (store, options, &report, &error))
    {
      bz_export_report_clear (&report);
      return bz_cli_fail (error);
    }

  /* Conflicts are reported, not hidden: every span a flat format could not hold,
   * every reviewed document left out for its undecided suggestions. */
  for (guint i = 0; i < report.dropped->len; i++)
    print_utf8 (stderr, "biaozhu-cli: warning: ", report.dropped->pdata[i]);
  for (guint i = 0; i < report.skipped->len; i++)
    print_utf8 (stderr, "biaozhu-cli: left out, with undecided suggestions: ", report.skipped->pdata[i]);
  printf ("Exported %u documents (%u records, %" G_GUINT64_FORMAT " spans, %" G_GUINT64_FORMAT " bytes) as %s",
          report.n_documents, report.n_records, report.n_spans, report.bytes, bz_format_to_string (format));
  if (report.dropped->len > 0)
    printf ("; %u overlapping spans dropped", report.dropped->len);
  if (report.skipped->len > 0)
    printf ("; %u reviewed documents with undecided suggestions left out", report.skipped->len);
  if (options->n_splits > 0)
    {
      printf ("; split %u", report.n_split[0]);
      for (guint i = 1; i < options->n_splits; i++)
        printf (":%u", report.n_split[i]);
    }
  printf ("\n");
  if (agreement != NULL && !write_agreement (store, options, &report, agreement, &error))
    {
      bz_export_report_clear (&report);
      return bz_cli_fail (error);
    }
  for (guint i = 0; i < report.files->len; i++)
    print_utf8 (stdout, "  ", report.files->pdata[i]);
  bz_export_report_clear (&report);
  return BZ_CLI_EXIT_OK;
}

int
bz_cli_cmd_import_annotations (BzCliContext  *ctx,
                               int            argc,
                               char         **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *as = NULL;
  gboolean new_documents = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, "The file's format (required)", "FORMAT" },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, "Import the spans as suggested or accepted (default: the file's statuses "
      "where the format has them, else accepted)", "STATUS" },
    { "new-documents", 0, 0, G_OPTION_ARG_NONE, &new_documents, "Add documents whose text is not in the workspace", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE — import annotations onto the workspace's documents");
  BzImportAnnotationsOptions options = { 0 };
  BzImportAnnotationsReport report;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Documents are matched by their canonical text; a document not in the workspace is an error\n"
    "unless --new-documents is given. Spans get the origin import:FORMAT. The whole file is\n"
    "checked first: a malformed file (reported with line and column) writes nothing. Then each\n"
    "document is one transaction, so other programs can write between two documents; if one\n"
    "fails (a full disk, say), the documents before it stay and the message says how many.\n\n");
  if (!bz_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2 || format_name == NULL)
    {
      bz_cli_error ("import-annotations needs --format FORMAT and one FILE");
      return BZ_CLI_EXIT_USAGE;
    }
  if (!bz_format_from_string (format_name, &options.format, &error))
    {
      bz_cli_error ("%s", error->message);
      return BZ_CLI_EXIT_USAGE;
    }
  if (as != NULL)
    {
      if (!bz_span_status_from_string (as, &options.status) || options.status == BZ_SPAN_REJECTED)
        {
          bz_cli_error ("--as takes suggested or accepted, not “%s”", as);
          return BZ_CLI_EXIT_USAGE;
        }
      options.force_status = TRUE;
    }
  options.new_documents = new_documents;

  store = bz_cli_open_store (ctx, BZ_STORE_OPEN_CREATE);
  if (store == NULL)
    return BZ_CLI_EXIT_ERROR;
  if (!bz_import_annotations (store, argv[1], &options, &report, &error))
    return bz_cli_fail (error);
  printf ("Imported %u records: %u matched documents, %u new documents, %u spans added, %u already there, %u relations\n",
          report.n_records, report.n_matched, report.n_new_documents, report.n_spans_added,
          report.n_spans_existing, report.n_relations);
  return BZ_CLI_EXIT_OK;
}
