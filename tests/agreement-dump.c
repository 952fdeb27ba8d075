/* agreement-dump.c: the agreement report of documents given as JSON, for tests/check_agreement.py
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * agreement-dump [--text] FILE
 *
 * FILE: {"documents": [{"key": K, "n_chars": N, "annotators": {REVIEWER: [[START, END,
 * LABEL], ...], ...}}, ...], "labels": [...], "reviewers": [...]}; "labels" and
 * "reviewers" are optional filters. Prints bz_agreement_report_to_json() (or the text).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <json-glib/json-glib.h>

#include <biaozhu.h>

static void
fail (const char *path,
      const char *message)
{
  g_printerr ("%s: %s\n", path, message);
  exit (1);
}

/* Returns: (transfer container) (nullable): the strings of the optional array @name */
static GPtrArray *
string_array (JsonObject *root,
              const char *name,
              const char *path)
{
  JsonNode *node = json_object_get_member (root, name);
  GPtrArray *strings;
  JsonArray *array;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    fail (path, "a filter is not an array");
  array = json_node_get_array (node);
  strings = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        fail (path, "a filter holds something else than a string");
      g_ptr_array_add (strings, (gpointer) json_node_get_string (item));
    }
  g_ptr_array_add (strings, NULL);
  return strings;
}

static void
add_document (BzAgreementInput *input,
              JsonNode         *node,
              const char       *path)
{
  g_autoptr(GError) error = NULL;
  JsonObject *document, *annotators;
  JsonNode *key, *n_chars, *members;
  GList *names;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    fail (path, "a document is not an object");
  document = json_node_get_object (node);
  key = json_object_get_member (document, "key");
  n_chars = json_object_get_member (document, "n_chars");
  members = json_object_get_member (document, "annotators");
  if (key == NULL || json_node_get_value_type (key) != G_TYPE_STRING || n_chars == NULL
      || json_node_get_value_type (n_chars) != G_TYPE_INT64 || json_node_get_int (n_chars) < 0
      || members == NULL || !JSON_NODE_HOLDS_OBJECT (members))
    fail (path, "a document needs \"key\", \"n_chars\" and \"annotators\"");
  if (!bz_agreement_input_add_document (input, json_node_get_string (key),
                                        (guint) json_node_get_int (n_chars), &error))
    fail (path, error->message);
  annotators = json_node_get_object (members);
  names = json_object_get_members (annotators);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *spans = json_object_get_member (annotators, l->data);

      if (!JSON_NODE_HOLDS_ARRAY (spans))
        fail (path, "an annotator's spans are not an array");
      if (!bz_agreement_input_add_annotator (input, json_node_get_string (key), l->data, &error))
        fail (path, error->message);
      for (guint i = 0; i < json_array_get_length (json_node_get_array (spans)); i++)
        {
          JsonNode *span = json_array_get_element (json_node_get_array (spans), i);
          JsonArray *fields;

          if (!JSON_NODE_HOLDS_ARRAY (span) || json_array_get_length (json_node_get_array (span)) != 3)
            fail (path, "a span is not [start, end, label]");
          fields = json_node_get_array (span);
          if (json_node_get_value_type (json_array_get_element (fields, 0)) != G_TYPE_INT64
              || json_node_get_value_type (json_array_get_element (fields, 1)) != G_TYPE_INT64
              || json_node_get_value_type (json_array_get_element (fields, 2)) != G_TYPE_STRING)
            fail (path, "a span is not [start, end, label]");
          if (!bz_agreement_input_add_span (input, json_node_get_string (key), l->data,
                                            json_array_get_int_element (fields, 0),
                                            json_array_get_int_element (fields, 1),
                                            json_array_get_string_element (fields, 2), &error))
            fail (path, error->message);
        }
    }
  g_list_free (names);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(BzAgreementInput) input = bz_agreement_input_new ();
  g_autoptr(BzAgreementReport) report = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) reviewers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gboolean text = argc == 3 && g_str_equal (argv[1], "--text");
  const char *path = argv[argc - 1];
  JsonNode *root, *documents;

  if (argc != 2 && !text)
    {
      g_printerr ("usage: agreement-dump [--text] FILE\n");
      return 2;
    }
  if (!json_parser_load_from_file (parser, path, &error))
    fail (path, error->message);
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    fail (path, "not a JSON object");
  documents = json_object_get_member (json_node_get_object (root), "documents");
  if (documents == NULL || !JSON_NODE_HOLDS_ARRAY (documents))
    fail (path, "no \"documents\" array");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (documents)); i++)
    add_document (input, json_array_get_element (json_node_get_array (documents), i), path);
  labels = string_array (json_node_get_object (root), "labels", path);
  reviewers = string_array (json_node_get_object (root), "reviewers", path);
  if (labels != NULL)
    bz_agreement_input_set_labels (input, (const char * const *) labels->pdata);
  if (reviewers != NULL)
    bz_agreement_input_set_reviewers (input, (const char * const *) reviewers->pdata);

  report = bz_agreement_compute (input);
  out = text ? bz_agreement_report_to_text (report) : bz_agreement_report_to_json (report);
  fputs (out, stdout);
  fputc ('\n', stdout);
  return 0;
}
