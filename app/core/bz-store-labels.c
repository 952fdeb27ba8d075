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
 * @required, or when it is not a string. */
static gboolean
member_string (JsonObject   *object,
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
                   _("labels.json: label %u has no “%s”"), index + 1, name);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("labels.json: “%s” of label %u is not a string"), name, index + 1);
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

/* Returns: (transfer full) (element-type BzLabel): the labels of the schema */
GPtrArray *
_bz_store_parse_labels (GBytes  *bytes,
                        GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonNode *list;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &local_error))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("labels.json is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("labels.json: the top level is not an object"));
      return NULL;
    }
  list = json_object_get_member (json_node_get_object (root), "labels");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("labels.json: “labels” is missing or not an array"));
      return NULL;
    }

  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      const char *name, *display_name, *color, *shortcut, *description;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                       _("labels.json: label %u is not an object"), i + 1);
          return NULL;
        }
      object = json_node_get_object (element);

      if (!member_string (object, "name", TRUE, i, &name, error)
          || !member_string (object, "color", TRUE, i, &color, error)
          || !member_string (object, "display_name", FALSE, i, &display_name, error)
          || !member_string (object, "shortcut", FALSE, i, &shortcut, error)
          || !member_string (object, "description", FALSE, i, &description, error))
        return NULL;

      if (*name == '\0' || !is_color (color))
        {
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                       _("labels.json: label %u needs a name and a colour like #2a9d8f"), i + 1);
          return NULL;
        }

      g_ptr_array_add (labels, bz_label_new (name, display_name, color, shortcut,
                                             description != NULL ? description : "", (int) i));
    }

  if (labels->len == 0)
    {
      g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                   _("labels.json defines no labels"));
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

/* Loads the default schema into a workspace that has no labels yet, then
 * caches the label names for validating spans. */
gboolean
_bz_store_ensure_labels (BzStore  *self,
                         GError  **error)
{
  g_autoptr(GPtrArray) labels = NULL;
  gint64 count = 0;

  if (!count_labels (self, &count, error))
    return FALSE;

  if (count == 0)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;
      gboolean ok;

      bytes = g_resources_lookup_data (LABELS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                       &local_error);
      if (bytes == NULL)
        {
          g_set_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED,
                       "Cannot read the default labels: %s", local_error->message);
          return FALSE;
        }
      labels = _bz_store_parse_labels (bytes, error);
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

  g_clear_pointer (&labels, g_ptr_array_unref);
  labels = bz_store_list_labels (self, error);
  if (labels == NULL)
    return FALSE;
  g_hash_table_remove_all (self->labels);
  for (guint i = 0; i < labels->len; i++)
    g_hash_table_add (self->labels, g_strdup (bz_label_get_name (g_ptr_array_index (labels, i))));

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
    g_ptr_array_add (labels,
                     bz_label_new ((const char *) sqlite3_column_text (stmt, 0),
                                   (const char *) sqlite3_column_text (stmt, 1),
                                   (const char *) sqlite3_column_text (stmt, 2),
                                   (const char *) sqlite3_column_text (stmt, 3),
                                   (const char *) sqlite3_column_text (stmt, 4),
                                   sqlite3_column_int (stmt, 5)));
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
