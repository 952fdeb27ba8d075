/* bz-store-labels.c: the label schema, loaded from labels.json on first use
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "bz-store-private.h"

#define LABELS_RESOURCE "/org/biaozhu/core/labels.json"

/* Sets *@out_value to the string member @name of @object (%NULL when it is
 * absent or null). Returns: %FALSE with @error set when it is missing and
 * @required, or when it is not a string; @file names the labels file. */
static gboolean
member_string (const char   *file,
               JsonObject   *object,
               const char   *name,
               gboolean      required,
               guint         index,
               const char  **out_value,
               GError      **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out_value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("%s: label %u has no “%s”"), file, index + 1, name);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("%s: “%s” of label %u is not a string"), file, name, index + 1);
      return FALSE;
    }
  *out_value = json_node_get_string (node);
  return TRUE;
}

static gboolean
is_color (const char *color)
{
  if (strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

/* Reads the optional "guideline": {"zh": "...", "en": "..."} of a label. */
static gboolean
read_guideline (const char  *file,
                JsonObject  *object,
                guint        index,
                BzLabel     *label,
                GError     **error)
{
  static const char * const languages[] = { "zh", "en" };
  JsonNode *node = json_object_get_member (object, "guideline");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("%s: “guideline” of label %u is not an object of texts by language (“zh”, “en”)"),
                   file, index + 1);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      const char *text;

      if (!member_string (file, json_node_get_object (node), languages[i], FALSE, index, &text, error))
        return FALSE;
      bz_label_set_guideline (label, languages[i], text);
    }
  return TRUE;
}

/**
 * _bz_store_parse_labels:
 * @bytes: the contents of a labels file (data/labels.json's form)
 * @file: the file's name, for messages
 *
 * Returns: (transfer full) (element-type BzLabel): the labels of the schema,
 *   or %NULL with @error set (%BZ_STORE_ERROR_FAILED, naming @file and the cause)
 */
GPtrArray *
_bz_store_parse_labels (GBytes      *bytes,
                        const char  *file,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonNode *list;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &local_error))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("%s is not valid JSON: %s"), file, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("%s: the top level is not an object"), file);
      return NULL;
    }
  list = json_object_get_member (json_node_get_object (root), "labels");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("%s: “labels” is missing or not an array"), file);
      return NULL;
    }

  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(BzLabel) label = NULL;
      JsonObject *object;
      const char *name, *display_name, *color, *shortcut, *description;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                       _("%s: label %u is not an object"), file, i + 1);
          return NULL;
        }
      object = json_node_get_object (element);

      if (!member_string (file, object, "name", TRUE, i, &name, error)
          || !member_string (file, object, "color", TRUE, i, &color, error)
          || !member_string (file, object, "display_name", FALSE, i, &display_name, error)
          || !member_string (file, object, "shortcut", FALSE, i, &shortcut, error)
          || !member_string (file, object, "description", FALSE, i, &description, error))
        return NULL;

      if (*name == '\0' || !is_color (color))
        {
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                       _("%s: label %u needs a name and a colour like #2a9d8f"), file, i + 1);
          return NULL;
        }
      if (!g_hash_table_add (names, (gpointer) name))
        {
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                       _("%s: label %u is named “%s” like a label before it"), file, i + 1, name);
          return NULL;
        }

      label = bz_label_new (name, display_name, color, shortcut, description != NULL ? description : "",
                            (int) i);
      if (!read_guideline (file, object, i, label, error))
        return NULL;
      g_ptr_array_add (labels, g_steal_pointer (&label));
    }

  if (labels->len == 0)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("%s defines no labels"), file);
      return NULL;
    }

  return g_steal_pointer (&labels);
}

static gboolean
insert_labels (BzStore   *self,
               GPtrArray *labels,
               GError   **error)
{
  for (guint i = 0; i < labels->len; i++)
    {
      BzLabel *label = g_ptr_array_index (labels, i);
      g_autoptr(BzResetStmt) stmt = NULL;

      if (!(stmt = _bz_store_stmt (self, BZ_STMT_LABEL_INSERT, error)))
        return FALSE;
      _bz_store_bind_text (self, stmt, 1, bz_label_get_name (label), -1);
      _bz_store_bind_text (self, stmt, 2, bz_label_get_display_name (label), -1);
      _bz_store_bind_text (self, stmt, 3, bz_label_get_color (label), -1);
      _bz_store_bind_text (self, stmt, 4, bz_label_get_shortcut (label), -1);
      _bz_store_bind_text (self, stmt, 5, bz_label_get_description (label), -1);
      _bz_store_bind_int64 (self, stmt, 6, bz_label_get_order (label));
      _bz_store_bind_text (self, stmt, 7, bz_label_get_guideline (label, "zh"), -1);
      _bz_store_bind_text (self, stmt, 8, bz_label_get_guideline (label, "en"), -1);
      if (!_bz_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
count_labels (BzStore *self,
              gint64  *out_count,
              GError **error)
{
  g_autoptr(BzResetStmt) stmt = _bz_store_stmt (self, BZ_STMT_LABEL_COUNT, error);

  if (stmt == NULL || _bz_store_step_row (self, stmt, error) != 1)
    return FALSE;
  *out_count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Returns: (transfer full) (element-type BzLabel) (nullable): the default
 * schema (data/labels.json), or %NULL with @error set */
GPtrArray *
_bz_store_default_labels (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  bytes = g_resources_lookup_data (LABELS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   "Cannot read the default labels: %s", local_error->message);
      return NULL;
    }
  return _bz_store_parse_labels (bytes, "labels.json", error);
}

/* Caches the names of the workspace's labels, for validating spans. */
static gboolean
cache_label_names (BzStore  *self,
                   GError  **error)
{
  g_autoptr(GPtrArray) labels = bz_store_list_labels (self, error);

  if (labels == NULL)
    return FALSE;
  g_hash_table_remove_all (self->labels);
  for (guint i = 0; i < labels->len; i++)
    g_hash_table_add (self->labels, g_strdup (bz_label_get_name (g_ptr_array_index (labels, i))));
  return TRUE;
}

/* Loads the default schema into a workspace that has no labels yet, then
 * caches the label names. */
gboolean
_bz_store_ensure_labels (BzStore  *self,
                         GError  **error)
{
  gint64 count = 0;

  if (!count_labels (self, &count, error))
    return FALSE;

  if (count == 0)
    {
      g_autoptr(GPtrArray) labels = _bz_store_default_labels (error);
      gboolean ok;

      if (labels == NULL)
        return FALSE;
      if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE, "default labels", 0, error))
        return FALSE;
      /* Another process may have loaded them while this one waited for the lock. */
      ok = count_labels (self, &count, error);
      if (ok && count == 0)
        ok = insert_labels (self, labels, error);
      if (!_bz_store_txn_end (self, ok, error))
        return FALSE;
    }

  return cache_label_names (self, error);
}

static gboolean
has_label (GPtrArray  *labels,
           const char *name)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (name, bz_label_get_name (g_ptr_array_index (labels, i))))
      return TRUE;
  return FALSE;
}

/* The labels of the workspace that @labels lacks and that spans use, as
 * "NAME (N spans)", or "" when there are none; %NULL with @error set. */
static char *
labels_in_use (BzStore    *self,
               GPtrArray  *current,
               GPtrArray  *labels,
               GError    **error)
{
  g_autoptr(GString) used = g_string_new (NULL);

  for (guint i = 0; i < current->len; i++)
    {
      const char *name = bz_label_get_name (g_ptr_array_index (current, i));
      g_autoptr(BzResetStmt) stmt = NULL;
      gint64 n;

      if (has_label (labels, name))
        continue;
      if (!(stmt = _bz_store_stmt (self, BZ_STMT_LABEL_N_SPANS, error)))
        return NULL;
      _bz_store_bind_text (self, stmt, 1, name, -1);
      if (_bz_store_step_row (self, stmt, error) != 1)
        return NULL;
      n = sqlite3_column_int64 (stmt, 0);
      if (n > 0)
        g_string_append_printf (used, "%s%s (%lld)", used->len > 0 ? ", " : "", name, (long long) n);
    }
  return g_string_free (g_steal_pointer (&used), FALSE);
}

static gboolean
replace_labels (BzStore     *self,
                GPtrArray   *labels,
                const char  *path,
                GError     **error)
{
  g_autoptr(GPtrArray) current = bz_store_list_labels (self, error);
  g_autofree char *used = NULL;

  if (current == NULL || !(used = labels_in_use (self, current, labels, error)))
    return FALSE;
  if (*used != '\0')
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_INVALID,
                   _("Cannot take the labels of %s into the workspace %s: it lacks labels that spans"
                     " use (spans per label: %s); add them to the file, or decide those spans first"),
                   path, self->path, used);
      return FALSE;
    }

  for (guint i = 0; i < current->len; i++)
    {
      const char *name = bz_label_get_name (g_ptr_array_index (current, i));
      g_autoptr(BzResetStmt) stmt = NULL;

      if (has_label (labels, name))
        continue;
      if (!(stmt = _bz_store_stmt (self, BZ_STMT_LABEL_DELETE, error)))
        return FALSE;
      _bz_store_bind_text (self, stmt, 1, name, -1);
      if (!_bz_store_step_done (self, stmt, error))
        return FALSE;
    }
  if (!insert_labels (self, labels, error))
    return FALSE;
  self->labels_changed = TRUE;
  return TRUE;
}

/**
 * bz_store_replace_labels:
 * @self: a #BzStore
 * @path: a labels file, in the form of data/labels.json
 * @error: a #GError
 *
 * Makes the labels of @path the workspace's label schema, in one
 * transaction: labels of the same name take the file's display name, colour,
 * shortcut, description and order, and keep their guideline in a language
 * the file gives none in; new labels are added; labels the file lacks are
 * removed. A file that cannot be read or parsed (%BZ_STORE_ERROR_FAILED, the
 * message names the file and the cause), or that lacks a label that spans
 * use (%BZ_STORE_ERROR_INVALID, naming each with its count of spans), changes
 * nothing. Not an undoable action. Emits #BzStore::labels-changed.
 *
 * Returns: %TRUE when the labels were replaced
 */
gboolean
bz_store_replace_labels (BzStore     *self,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *display_name = NULL;
  gboolean ok;

  g_return_val_if_fail (BZ_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display_name = g_filename_display_name (path);
  file = g_file_new_for_path (path);
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED, _("Cannot read the labels file %s: %s"),
                   display_name, local_error->message);
      return FALSE;
    }
  if (!(labels = _bz_store_parse_labels (bytes, display_name, error)))
    return FALSE;

  if (!_bz_store_txn_begin (self, BZ_ACTION_CHANGE, _("replace the labels"), 0, error))
    return FALSE;
  ok = replace_labels (self, labels, display_name, error);
  if (!_bz_store_txn_end (self, ok, error))
    return FALSE;
  return cache_label_names (self, error);
}

/* Version 4 of the schema: the default labels of an existing workspace get
 * the default guidelines. */
gboolean
_bz_store_default_guidelines (BzStore  *self,
                              GError  **error)
{
  g_autoptr(GPtrArray) defaults = _bz_store_default_labels (error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (defaults == NULL)
    return FALSE;
  rc = sqlite3_prepare_v2 (self->db,
                           "UPDATE labels SET guideline_zh = ?2, guideline_en = ?3"
                           " WHERE name = ?1 AND guideline_zh = '' AND guideline_en = ''",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _bz_store_set_error (self, error, rc, NULL);
      return FALSE;
    }
  for (guint i = 0; i < defaults->len; i++)
    {
      BzLabel *label = g_ptr_array_index (defaults, i);

      sqlite3_reset (stmt);
      self->bind_rc = SQLITE_OK;
      _bz_store_bind_text (self, stmt, 1, bz_label_get_name (label), -1);
      _bz_store_bind_text (self, stmt, 2, bz_label_get_guideline (label, "zh"), -1);
      _bz_store_bind_text (self, stmt, 3, bz_label_get_guideline (label, "en"), -1);
      if (!_bz_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_bz_store_has_label (BzStore    *self,
                     const char *name)
{
  return g_hash_table_contains (self->labels, name);
}

GPtrArray *
bz_store_list_labels (BzStore  *self,
                      GError  **error)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(BzResetStmt) stmt = NULL;
  int row;

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);

  if (!(stmt = _bz_store_stmt (self, BZ_STMT_LABEL_LIST, error)))
    return NULL;
  while ((row = _bz_store_step_row (self, stmt, error)) == 1)
    {
      BzLabel *label = bz_label_new ((const char *) sqlite3_column_text (stmt, 0),
                                     (const char *) sqlite3_column_text (stmt, 1),
                                     (const char *) sqlite3_column_text (stmt, 2),
                                     (const char *) sqlite3_column_text (stmt, 3),
                                     (const char *) sqlite3_column_text (stmt, 4),
                                     sqlite3_column_int (stmt, 5));

      bz_label_set_guideline (label, "zh", (const char *) sqlite3_column_text (stmt, 6));
      bz_label_set_guideline (label, "en", (const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (labels, label);
    }
  if (row < 0)
    return NULL;
  return g_steal_pointer (&labels);
}

BzLabel *
bz_store_get_label (BzStore    *self,
                    const char *name)
{
  g_autoptr(GPtrArray) labels = NULL;

  g_return_val_if_fail (BZ_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!_bz_store_has_label (self, name))
    return NULL;
  labels = bz_store_list_labels (self, NULL);
  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      BzLabel *label = g_ptr_array_index (labels, i);

      if (g_str_equal (bz_label_get_name (label), name))
        return g_object_ref (label);
    }
  return NULL;
}
