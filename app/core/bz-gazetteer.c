/* bz-gazetteer.c: lists of known names, matched over folded text
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The entries are kept in a table (surface → label) and compiled into one
 * automaton on demand, so that a list that learns a surface is rebuilt once
 * before its next scan rather than after every addition.
 */
#define G_LOG_DOMAIN "bz-gazetteer"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "bz-automaton.h"
#include "bz-gazetteer.h"
#include "bz-text.h"

static const char *kind_names[BZ_ENTITY_N_KINDS] = {
  "PLACE", "ORG", "PROJECT", "POLICY", "INDICATOR", "VALUE", "DATE", "STOP",
};

struct _BzGazetteer
{
  GHashTable        *entries; /* folded surface → entry value */
  BzAutomaton       *automaton;
  BzCandidateSource  source;
  /* The lists read, in order (index 0: the entries added by hand), and the
   * list that entries are added to now. */
  GPtrArray         *lists;
  guint              current_list;
};

/* An entry's value in the table and the automaton: its kind and its list. */
#define ENTRY_VALUE(kind, list) ((guint32) (kind) | ((guint32) (list) << 8))
#define ENTRY_KIND(value)       ((value) & 0xFF)
#define ENTRY_LIST(value)       ((value) >> 8)

const char *
bz_entity_kind_to_string (BzEntityKind kind)
{
  g_return_val_if_fail (kind < BZ_ENTITY_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
bz_entity_kind_from_string (const char   *str,
                            BzEntityKind *out_kind)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint k = 0; k < BZ_ENTITY_N_KINDS; k++)
    if (g_str_equal (str, kind_names[k]))
      {
        if (out_kind != NULL)
          *out_kind = k;
        return TRUE;
      }
  return FALSE;
}

BzGazetteer *
bz_gazetteer_new (BzCandidateSource source)
{
  BzGazetteer *self = g_new0 (BzGazetteer, 1);

  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->source = source;
  self->lists = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->lists, NULL);
  return self;
}

void
bz_gazetteer_free (BzGazetteer *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->entries);
  g_ptr_array_unref (self->lists);
  g_clear_pointer (&self->automaton, bz_automaton_free);
  g_free (self);
}

gboolean
bz_gazetteer_add (BzGazetteer  *self,
                  const char   *surface,
                  BzEntityKind  kind)
{
  g_autoptr(BzFolded) folded = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (surface != NULL && *surface != '\0', FALSE);
  g_return_val_if_fail (kind < BZ_ENTITY_N_KINDS, FALSE);

  /* Without OpenCC the surface is matched as written. */
  folded = bz_fold_t2s (surface, &error);
  key = folded != NULL ? g_steal_pointer (&folded->text) : g_strdup (surface);
  if (g_hash_table_contains (self->entries, key))
    {
      g_free (key);
      return FALSE;
    }
  g_hash_table_insert (self->entries, key, GUINT_TO_POINTER (ENTRY_VALUE (kind, self->current_list)));
  g_clear_pointer (&self->automaton, bz_automaton_free);
  return TRUE;
}

static gboolean
parse_line (BzGazetteer  *self,
            char         *line,
            const char   *path,
            guint         lineno,
            GError      **error)
{
  g_auto(GStrv) fields = NULL;
  g_auto(GStrv) aliases = NULL;
  BzEntityKind kind;
  guint n;

  g_strstrip (line);
  if (*line == '\0' || *line == '#')
    return TRUE;

  fields = g_strsplit (line, "\t", 0);
  n = g_strv_length (fields);
  for (guint i = 0; i < n; i++)
    g_strstrip (fields[i]);
  if (n < 2 || n > 3 || *fields[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s:%u: expected “SURFACE<TAB>LABEL[<TAB>ALIAS|…]”", path, lineno);
      return FALSE;
    }
  if (!bz_entity_kind_from_string (fields[1], &kind))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s:%u: unknown label “%s”", path, lineno, fields[1]);
      return FALSE;
    }

  bz_gazetteer_add (self, fields[0], kind);
  if (n == 3)
    {
      aliases = g_strsplit (fields[2], "|", 0);
      for (guint i = 0; aliases[i] != NULL; i++)
        {
          g_strstrip (aliases[i]);
          if (*aliases[i] != '\0')
            bz_gazetteer_add (self, aliases[i], kind);
        }
    }
  return TRUE;
}

gboolean
bz_gazetteer_load_file (BzGazetteer  *self,
                        const char   *path,
                        GError      **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  char *line;
  char *next;
  guint lineno = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot read the gazetteer %s: %s", path, local_error->message);
      return FALSE;
    }
  if (!g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: the gazetteer is not valid UTF-8", path);
      return FALSE;
    }
  if (self->lists->len > G_MAXUINT16)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: too many gazetteer lists (at most %u)", path, G_MAXUINT16);
      return FALSE;
    }

  /* Entries that follow belong to this list; after it, to none. */
  {
    g_autofree char *base = g_path_get_basename (path);

    if (g_str_has_suffix (base, ".txt"))
      base[strlen (base) - strlen (".txt")] = '\0';
    self->current_list = self->lists->len;
    g_ptr_array_add (self->lists, g_steal_pointer (&base));
  }

  for (line = contents; line != NULL; line = next)
    {
      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      lineno++;
      if (!parse_line (self, line, path, lineno, error))
        {
          self->current_list = 0;
          return FALSE;
        }
    }
  self->current_list = 0;
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

gboolean
bz_gazetteer_load_dir (BzGazetteer  *self,
                       const char   *dir,
                       GError      **error)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  d = g_dir_open (dir, 0, &local_error);
  if (d == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "Cannot open the gazetteer folder %s: %s", dir, local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (!bz_gazetteer_load_file (self, path, error))
        return FALSE;
    }
  return TRUE;
}

void
bz_gazetteer_build (BzGazetteer *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (self != NULL);

  if (self->automaton != NULL)
    return;

  self->automaton = bz_automaton_new ();
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    bz_automaton_add (self->automaton, key, GPOINTER_TO_UINT (value));
  bz_automaton_build (self->automaton);
}

/* Matches are gathered in a batch and appended to the output array a batch at
 * a time: a text of a large gazetteer has a match every few characters. */
#define SCAN_BATCH 128

typedef struct
{
  GArray     *out;
  guint8      source;
  guint       n;
  BzCandidate batch[SCAN_BATCH];
} ScanData;

static void
scan_flush (ScanData *data)
{
  g_array_append_vals (data->out, data->batch, data->n);
  data->n = 0;
}

static void
scan_match_cb (gint64   start,
               gint64   end,
               guint32  value,
               gpointer user_data)
{
  ScanData *data = user_data;
  BzCandidate c = { start, end, (guint8) ENTRY_KIND (value), data->source, (guint16) ENTRY_LIST (value) };

  if (data->n == SCAN_BATCH)
    scan_flush (data);
  data->batch[data->n++] = c;
}

void
bz_gazetteer_scan_ucs4 (BzGazetteer    *self,
                        const gunichar *text,
                        gsize           n,
                        GArray         *out)
{
  ScanData data;

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  if (g_hash_table_size (self->entries) == 0)
    return;
  data = (ScanData) { out, self->source, 0, { { 0 } } };
  bz_gazetteer_build (self);
  bz_automaton_scan_ucs4 (self->automaton, text, n, scan_match_cb, &data);
  scan_flush (&data);
}

gboolean
bz_gazetteer_lookup (BzGazetteer  *self,
                     const char   *surface,
                     BzEntityKind *out_kind)
{
  gpointer value;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (surface != NULL, FALSE);

  if (!g_hash_table_lookup_extended (self->entries, surface, NULL, &value))
    return FALSE;
  if (out_kind != NULL)
    *out_kind = ENTRY_KIND (GPOINTER_TO_UINT (value));
  return TRUE;
}

guint
bz_gazetteer_get_n_entries (BzGazetteer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return g_hash_table_size (self->entries);
}

const char *
bz_gazetteer_get_list_name (BzGazetteer *self,
                            guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->lists->len, NULL);
  return g_ptr_array_index (self->lists, index);
}

guint
bz_gazetteer_get_n_lists (BzGazetteer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lists->len;
}

guint
bz_gazetteer_get_n_states (BzGazetteer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  bz_gazetteer_build (self);
  return bz_automaton_get_n_states (self->automaton);
}

gsize
bz_gazetteer_get_memory_size (BzGazetteer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  bz_gazetteer_build (self);
  return bz_automaton_get_memory_size (self->automaton);
}
