/* bz-cli-agreement.c: biaozhu-cli agreement, how far reviewers agree
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each file holds one reviewer's annotations of some reports, in any format
 * Biaozhu reads (such as the native export of a reviewer's workspace). The
 * same report is recognised by its text, whatever its title in each file.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "bz-cli.h"
#include "bz-cli-output.h"

typedef struct
{
  BzAgreementInput *input;
  GHashTable       *keys;     /* sha256 of a text → its document key */
  GHashTable       *titles;   /* document keys in use */
  const char       *reviewer;
  const char       *path;
  guint             n_records;
} Reading;

/* A readable key for a report: its title, made unique. */
static char *
document_key (Reading        *reading,
              const BzRecord *record)
{
  g_autofree char *opening = NULL;
  const char *title = record->title;
  char *key;

  /* A format without titles: the text's opening words. */
  if (title == NULL || *title == '\0')
    {
      const char *end = record->text;

      for (guint n = 0; *end != '\0' && *end != '\n' && n < 16; n++)
        end = g_utf8_next_char (end);
      opening = g_strndup (record->text, end - record->text);
      title = *opening != '\0' ? opening : _("untitled");
    }
  key = g_strdup (title);

  for (guint n = 2; g_hash_table_contains (reading->titles, key); n++)
    {
      g_free (key);
      key = g_strdup_printf ("%s (%u)", title, n);
    }
  g_hash_table_add (reading->titles, g_strdup (key));
  return key;
}

static gboolean
add_record (BzRecord  *read,
            gpointer   user_data,
            GError   **error)
{
  Reading *reading = user_data;
  g_autoptr(BzRecord) record = read;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, record->text, -1);
  const char *key = g_hash_table_lookup (reading->keys, sha);

  if (key == NULL)
    {
      char *made = document_key (reading, record);

      if (record->n_chars > G_MAXUINT
          || !bz_agreement_input_add_document (reading->input, made, (guint) record->n_chars, error))
        {
          g_free (made);
          return FALSE;
        }
      g_hash_table_insert (reading->keys, g_steal_pointer (&sha), made);
      key = made;
    }
  if (!bz_agreement_input_add_annotator (reading->input, key, reading->reviewer, error))
    return FALSE;
  for (guint i = 0; i < record->spans->len; i++)
    {
      const BzRecordSpan *span = &g_array_index (record->spans, BzRecordSpan, i);

      /* A reviewer's annotation is what they accepted or added. */
      if (span->status != BZ_SPAN_ACCEPTED)
        continue;
      if (!bz_agreement_input_add_span (reading->input, key, reading->reviewer, span->start, span->end,
                                        span->label, error))
        {
          g_prefix_error (error, "%s:%u: ", reading->path, record->line);
          return FALSE;
        }
    }
  reading->n_records++;
  return TRUE;
}

/* The reviewer a file stands for: its name in --names, else its base name
 * without the extension. */
static char *
reviewer_name (const char  *path,
               char       **names,
               guint        index)
{
  char *base;
  char *dot;

  if (names != NULL && index < g_strv_length (names))
    return g_strdup (names[index]);
  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return base;
}

static char **
split_list (const char *list)
{
  return list != NULL ? g_strsplit (list, ",", -1) : NULL;
}

int
bz_cli_cmd_agreement (BzCliContext  *ctx,
                      int            argc,
                      char         **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *names_list = NULL;
  g_autofree char *labels_list = NULL;
  g_autofree char *reviewers_list = NULL;
  g_autofree char *output = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("The files' format (native by default)"), "FORMAT" },
    { "names", 0, 0, G_OPTION_ARG_STRING, &names_list, N_("The reviewers of the files, in their order (default: the files' names)"), "A,B,…" },
    { "labels", 0, 0, G_OPTION_ARG_STRING, &labels_list, N_("Only these labels"), "L,…" },
    { "reviewers", 0, 0, G_OPTION_ARG_STRING, &reviewers_list, N_("Only these reviewers"), "A,B,…" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the figures as JSON"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the JSON figures to FILE (beside a dataset)"), "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("[FILE FILE…] — how far reviewers agree: span F1, Cohen's κ, Krippendorff's α"));
  g_autoptr(BzAgreementInput) input = bz_agreement_input_new ();
  g_autoptr(BzAgreementReport) report = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) labels = NULL;
  g_auto(GStrv) reviewers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  BzFormat format = BZ_FORMAT_NATIVE;
  int exit_code;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Without files, the reviewers' own layers of the workspace (independent review).\n"
      "Each file holds one reviewer's annotations (the spans they accepted or added) of some\n"
      "reports; a report is recognised by its text. Only reports annotated by two reviewers or\n"
      "more count. Strict span F1: exact bounds and label, one reviewer as reference. Cohen's κ:\n"
      "per character, the BIO tags of two reviewers, chance from each one's own distribution,\n"
      "with the 'O' class and without it (only characters one of them tagged). Krippendorff's α:\n"
      "nominal, characters as units and BIO tags as values, for any number of reviewers."));
  if (!bz_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;
  if (argc == 2)
    {
      bz_cli_error (_("agreement needs the files of two reviewers or more, or none (the workspace's reviewers)"));
      return BZ_CLI_EXIT_USAGE;
    }
  if (format_name != NULL && !bz_format_from_string (format_name, &format, &error))
    {
      bz_cli_error ("%s", error->message);
      return BZ_CLI_EXIT_USAGE;
    }
  names = split_list (names_list);
  labels = split_list (labels_list);
  reviewers = split_list (reviewers_list);
  if (names != NULL && g_strv_length (names) != (guint) argc - 1)
    {
      bz_cli_error (_("--names gives %u names for %d files"), g_strv_length (names), argc - 1);
      return BZ_CLI_EXIT_USAGE;
    }

  /* Without files: the reviewers' own layers of the workspace. */
  if (argc == 1)
    {
      g_autoptr(BzStore) store = NULL;

      if (names != NULL || format_name != NULL)
        {
          bz_cli_error (_("--names and --format name files; without files the workspace's reviewers count"));
          return BZ_CLI_EXIT_USAGE;
        }
      store = bz_cli_open_store (ctx, BZ_STORE_OPEN_EXISTING);
      if (store == NULL)
        return BZ_CLI_EXIT_ERROR;
      g_clear_pointer (&input, bz_agreement_input_free);
      input = bz_agreement_input_new_from_store (store, &error);
      if (input == NULL)
        return bz_cli_fail (error);
    }
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *name = reviewer_name (argv[i], names, (guint) i - 1);
      Reading reading = { input, keys, titles, name, argv[i], 0 };

      if (!g_hash_table_add (seen, g_strdup (name)))
        {
          bz_cli_error (_("Two files stand for the reviewer “%s”: name them with --names"), name);
          return BZ_CLI_EXIT_USAGE;
        }
      if (!bz_format_read_file_foreach (format, argv[i], add_record, &reading, &error))
        return bz_cli_fail (error);
      if (reading.n_records == 0)
        {
          bz_cli_error (_("%s holds no report"), argv[i]);
          return BZ_CLI_EXIT_ERROR;
        }
    }
  bz_agreement_input_set_labels (input, (const char * const *) labels);
  bz_agreement_input_set_reviewers (input, (const char * const *) reviewers);
  report = bz_agreement_compute (input);

  if (output != NULL || json)
    {
      g_autofree char *figures = bz_agreement_report_to_json (report);

      if (output != NULL && !g_file_set_contents (output, figures, -1, &error))
        return bz_cli_fail (error);
      if (json)
        {
          fputs (figures, stdout);
          fputc ('\n', stdout);
          return BZ_CLI_EXIT_OK;
        }
    }
  text = bz_agreement_report_to_text (report);
  {
    g_autofree char *escaped = bz_cli_escape_lines (text);

    fputs (escaped, stdout);
  }
  return BZ_CLI_EXIT_OK;
}
