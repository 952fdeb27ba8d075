/* bz-external-extractor.c: another program as an extractor
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command gets the canonical text on stdin and answers with JSON spans on
 * stdout. It runs in a private main context so that a caller on any thread can
 * wait for it with a timeout.
 */
#define G_LOG_DOMAIN "bz-external-extractor"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "bz-external-extractor.h"
#include "bz-extractor-private.h"
#include "bz-format-private.h"

#define DEFAULT_TIMEOUT_MS 60000

struct _BzExternalExtractor
{
  GObject  parent_instance;

  char    *name;
  char    *origin;
  GStrv    argv;
  guint    timeout_ms;
};

G_DEFINE_FINAL_TYPE (BzExternalExtractor, bz_external_extractor, G_TYPE_OBJECT)

static void
bz_external_extractor_finalize (GObject *object)
{
  BzExternalExtractor *self = BZ_EXTERNAL_EXTRACTOR (object);

  g_free (self->name);
  g_free (self->origin);
  g_strfreev (self->argv);
  G_OBJECT_CLASS (bz_external_extractor_parent_class)->finalize (object);
}

static void
bz_external_extractor_class_init (BzExternalExtractorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bz_external_extractor_finalize;
}

static void
bz_external_extractor_init (BzExternalExtractor *self)
{
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
}

BzExternalExtractor *
bz_external_extractor_new (const char  *name,
                           const char  *command,
                           GError     **error)
{
  g_autoptr(BzExternalExtractor) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) argv = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (command != NULL, NULL);

  if (*name == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "An external extractor needs a name (NAME=COMMAND)");
      return NULL;
    }
  if (!g_shell_parse_argv (command, NULL, &argv, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "The command of the external extractor “%s” cannot be parsed: %s",
                   name, local_error->message);
      return NULL;
    }

  self = g_object_new (BZ_TYPE_EXTERNAL_EXTRACTOR, NULL);
  self->name = g_strdup (name);
  self->origin = g_strconcat ("external:", name, NULL);
  self->argv = g_steal_pointer (&argv);
  return g_steal_pointer (&self);
}

BzExternalExtractor *
bz_external_extractor_new_from_spec (const char  *spec,
                                     GError     **error)
{
  const char *eq;
  g_autofree char *name = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  eq = strchr (spec, '=');
  if (eq == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "An external extractor is given as NAME=COMMAND, not “%s”", spec);
      return NULL;
    }
  name = g_strndup (spec, eq - spec);
  return bz_external_extractor_new (name, eq + 1, error);
}

const char *
bz_external_extractor_get_origin (BzExternalExtractor *self)
{
  g_return_val_if_fail (BZ_IS_EXTERNAL_EXTRACTOR (self), NULL);
  return self->origin;
}

void
bz_external_extractor_set_timeout (BzExternalExtractor *self,
                                   guint                timeout_ms)
{
  g_return_if_fail (BZ_IS_EXTERNAL_EXTRACTOR (self));
  self->timeout_ms = timeout_ms;
}

/* ---- running the command ----------------------------------------------------- */

typedef struct
{
  gboolean  done;
  gboolean  timed_out;
  char     *out;
  char     *err;
  GError   *error;
} RunData;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RunData *data = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result,
                                        &data->out, &data->err, &data->error);
  data->done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

static char *
run_command (BzExternalExtractor  *self,
             const char           *text,
             GError              **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GSource) timeout = NULL;
  RunData data = { FALSE };

  g_main_context_push_thread_default (context);
  process = g_subprocess_newv ((const char * const *) self->argv,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &data.error);
  if (process != NULL)
    {
      timeout = g_timeout_source_new (self->timeout_ms);
      g_source_set_callback (timeout, timeout_cb, cancellable, NULL);
      g_source_attach (timeout, context);
      g_subprocess_communicate_utf8_async (process, text, cancellable, communicate_cb, &data);
      while (!data.done)
        g_main_context_iteration (context, TRUE);
      g_source_destroy (timeout);
      if (g_cancellable_is_cancelled (cancellable))
        {
          data.timed_out = TRUE;
          g_subprocess_force_exit (process);
        }
      g_subprocess_wait (process, NULL, NULL);
    }
  g_main_context_pop_thread_default (context);

  if (data.timed_out)
    {
      g_clear_error (&data.error);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "The external extractor “%s” (%s) did not finish within %u ms and was stopped",
                   self->name, self->argv[0], self->timeout_ms);
    }
  else if (data.error != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 "The external extractor “%s” (%s) could not be run: %s",
                 self->name, self->argv[0], data.error->message);
  else if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_autofree char *err = g_strstrip (g_strdup (data.err != NULL ? data.err : ""));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "The external extractor “%s” (%s) failed (exit status %d)%s%s",
                   self->name, self->argv[0],
                   g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1,
                   *err != '\0' ? ": " : "", err);
    }
  g_clear_error (&data.error);
  g_free (data.err);
  if (error != NULL && *error != NULL)
    {
      g_free (data.out);
      return NULL;
    }
  return data.out;
}

/* ---- reading its answer ------------------------------------------------------- */

static gboolean
bad_output (BzExternalExtractor  *self,
            GError              **error,
            guint                 index,
            const char           *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "The external extractor “%s” wrote malformed output: span %u: %s",
               self->name, index + 1, why);
  return FALSE;
}

static gboolean
read_span (BzExternalExtractor  *self,
           JsonNode             *node,
           guint                 index,
           gint64                n_chars,
           BzExtractorMatch     *out,
           GError              **error)
{
  JsonNode *start = NULL, *end = NULL, *label = NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *triple = json_node_get_array (node);

      if (json_array_get_length (triple) != 3)
        return bad_output (self, error, index, "expected [start, end, \"LABEL\"]");
      start = json_array_get_element (triple, 0);
      end = json_array_get_element (triple, 1);
      label = json_array_get_element (triple, 2);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      start = json_object_get_member (object, "start_offset");
      if (start == NULL)
        start = json_object_get_member (object, "start");
      end = json_object_get_member (object, "end_offset");
      if (end == NULL)
        end = json_object_get_member (object, "end");
      label = json_object_get_member (object, "label");
    }
  else
    return bad_output (self, error, index, "a span is a list or an object");

  if (start == NULL || end == NULL || label == NULL)
    return bad_output (self, error, index, "start, end or label is missing");
  if (!JSON_NODE_HOLDS_VALUE (start) || json_node_get_value_type (start) != G_TYPE_INT64
      || !JSON_NODE_HOLDS_VALUE (end) || json_node_get_value_type (end) != G_TYPE_INT64)
    return bad_output (self, error, index, "start and end must be integers");
  if (!JSON_NODE_HOLDS_VALUE (label) || json_node_get_value_type (label) != G_TYPE_STRING
      || *json_node_get_string (label) == '\0')
    return bad_output (self, error, index, "the label must be a non-empty string");

  out->start = json_node_get_int (start);
  out->end = json_node_get_int (end);
  out->label = g_intern_string (json_node_get_string (label));
  if (out->start < 0 || out->end <= out->start || out->end > n_chars)
    {
      g_autofree char *why = g_strdup_printf ("offsets %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT
                                              " are outside the text of %" G_GINT64_FORMAT
                                              " characters or empty",
                                              out->start, out->end, n_chars);
      return bad_output (self, error, index, why);
    }
  return TRUE;
}

static int
match_compare (gconstpointer a,
               gconstpointer b)
{
  const BzExtractorMatch *x = a;
  const BzExtractorMatch *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

GArray *
bz_external_extractor_match (BzExternalExtractor  *self,
                             const char           *text,
                             GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autofree char *output = NULL;
  JsonNode *root;
  JsonArray *list = NULL;
  gint64 n_chars;

  g_return_val_if_fail (BZ_IS_EXTERNAL_EXTRACTOR (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  output = run_command (self, text, error);
  if (output == NULL)
    return NULL;

  if (!_bz_json_check_depth (output, strlen (output), self->name, 0, &local_error) ||
      !json_parser_load_from_data (parser, output, -1, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The external extractor “%s” wrote malformed output: %s",
                   self->name, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    list = json_node_get_array (root);
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      static const char *members[] = { "label", "labels", "spans", "entities" };
      JsonObject *object = json_node_get_object (root);

      for (guint i = 0; i < G_N_ELEMENTS (members) && list == NULL; i++)
        {
          JsonNode *member = json_object_get_member (object, members[i]);

          if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
            list = json_node_get_array (member);
        }
    }
  if (list == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The external extractor “%s” wrote malformed output: expected a list of spans "
                   "or an object with a “label” list", self->name);
      return NULL;
    }

  n_chars = bz_utf8_n_chars (text);
  matches = g_array_new (FALSE, FALSE, sizeof (BzExtractorMatch));
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      BzExtractorMatch m = { 0 };

      if (!read_span (self, json_array_get_element (list, i), i, n_chars, &m, error))
        return NULL;
      g_array_append_val (matches, m);
    }
  g_array_sort (matches, match_compare);
  return g_steal_pointer (&matches);
}

gboolean
bz_external_extractor_annotate_document (BzExternalExtractor  *self,
                                         BzStore              *store,
                                         gint64                document_id,
                                         const char           *text,
                                         BzExtractor          *extractor,
                                         guint                *out_n_added,
                                         GError              **error)
{
  g_autoptr(GArray) matches = NULL;

  g_return_val_if_fail (BZ_IS_EXTERNAL_EXTRACTOR (self), FALSE);
  g_return_val_if_fail (BZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (extractor == NULL || BZ_IS_EXTRACTOR (extractor), FALSE);

  if (extractor != NULL && !bz_extractor_load_decisions (extractor, store, error))
    return FALSE;
  matches = bz_external_extractor_match (self, text, error);
  if (matches == NULL)
    return FALSE;
  return _bz_suggest_matches (store, document_id, text, matches, self->origin, extractor,
                              out_n_added, error);
}
