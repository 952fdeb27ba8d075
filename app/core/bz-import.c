/* bz-import.c: import of report files and folders into a workspace
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bz-import.h"
#include "bz-store.h"
#include "bz-text.h"

/* Reports are tens of kilobytes; a file this large is not one, and reading it
 * whole would only exhaust memory. */
#define MAX_FILE_SIZE (64 * 1024 * 1024)
#define READ_CHUNK    (64 * 1024)

static const char *status_names[] = { "added", "existing", "refused" };

const char *
bz_import_status_to_string (BzImportStatus status)
{
  g_return_val_if_fail (status <= BZ_IMPORT_REFUSED, NULL);
  return status_names[status];
}

void
bz_import_result_free (BzImportResult *result)
{
  if (result == NULL)
    return;

  g_free (result->path);
  g_clear_error (&result->error);
  g_free (result);
}

static void
set_errno_error (GError     **error,
                 const char  *display_name,
                 int          saved_errno)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "“%s” cannot be read: %s", display_name, g_strerror (saved_errno));
}

/* Reads a whole file; messages name it the way the text module's do. */
static GBytes *
read_file (const char  *path,
           GError     **error)
{
  g_autofree char *display_name = g_filename_display_name (path);
  g_autoptr(GByteArray) buffer = NULL;
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      set_errno_error (error, display_name, errno);
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, display_name, errno);
      close (fd);
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   "“%s” is a folder that could not be listed", display_name);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "“%s” is not a regular file", display_name);
      return NULL;
    }

  buffer = g_byte_array_sized_new (MIN ((gsize) st.st_size, MAX_FILE_SIZE) + 1);
  for (;;)
    {
      guint8 chunk[READ_CHUNK];
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, display_name, errno);
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > MAX_FILE_SIZE)
        {
          close (fd);
          g_set_error (error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_FAILED,
                       "“%s” is larger than %d MiB: not a report", display_name,
                       MAX_FILE_SIZE / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (buffer, chunk, (guint) n);
    }
  close (fd);

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/* Adds the document and its pre-annotation in one transaction. */
static gboolean
import_bytes (BzStore               *store,
              const char            *path,
              BzCanonicalText       *canonical,
              BzImportAnnotateFunc   annotate,
              gpointer               annotate_data,
              BzImportResult        *result,
              GError               **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *source_path = g_canonicalize_filename (path, NULL);
  g_autofree char *description = g_strdup_printf ("Import %s", base);
  /* A report is titled by its own heading; the file's name stays in source_path. */
  g_autofree char *heading = bz_text_heading_title (canonical->text);
  const char *title = heading != NULL ? heading : base;
  g_autoptr(GError) local_error = NULL;
  gboolean existing = FALSE;
  gint64 id;

  if (!bz_store_begin (store, description, FALSE, error))
    return FALSE;

  id = bz_store_add_document (store, title, source_path, canonical, &existing, &local_error);
  if (id == 0)
    goto fail;

  if (!existing && annotate != NULL
      && !annotate (store, id, canonical->text, annotate_data, &local_error))
    {
      /* A hook that fails must say why; make up for one that does not. */
      if (local_error == NULL)
        g_set_error (&local_error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_FAILED,
                     "pre-annotation failed without a message");
      goto fail;
    }

  if (!bz_store_commit (store, &local_error))
    goto fail;

  result->status = existing ? BZ_IMPORT_EXISTING : BZ_IMPORT_ADDED;
  result->document_id = id;
  return TRUE;

fail:
  bz_store_rollback (store);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Makes sure that a refusal's message names the file: store and pre-annotation
 * errors do not know it. */
static GError *
name_file (GError     *error,
           const char *path)
{
  g_autofree char *display_name = g_filename_display_name (path);

  if (strstr (error->message, display_name) == NULL)
    g_prefix_error (&error, "“%s” could not be imported: ", display_name);
  return error;
}

BzImportResult *
bz_import_file (BzStore              *store,
                const char           *path,
                BzImportAnnotateFunc  annotate,
                gpointer              annotate_data)
{
  g_autoptr(BzImportResult) result = NULL;
  g_autoptr(BzCanonicalText) canonical = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (BZ_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  result = g_new0 (BzImportResult, 1);
  result->path = g_strdup (path);

  bytes = read_file (path, &error);
  if (bytes != NULL)
    canonical = bz_canonical_text_new_from_bytes (bytes, path, &error);
  if (canonical != NULL
      && import_bytes (store, path, canonical, annotate, annotate_data, result, &error))
    {
      result->n_warnings = canonical->warnings != NULL ? canonical->warnings->len : 0;
      result->n_glosses_removed = canonical->n_glosses_removed;
      return g_steal_pointer (&result);
    }

  g_assert (error != NULL);
  result->status = BZ_IMPORT_REFUSED;
  result->error = name_file (g_steal_pointer (&error), path);
  return g_steal_pointer (&result);
}

static gboolean
is_report_name (const char *name)
{
  gsize len = strlen (name);

  return len > 4 && g_ascii_strcasecmp (name + len - 4, ".txt") == 0;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect_folder (const char *folder,
                GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    {
      /* Listed so that its import is refused with the cause. */
      g_ptr_array_add (files, g_strdup (folder));
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (name[0] == '.')
        continue;

      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) == 0)
        {
          if (S_ISDIR (st.st_mode))
            {
              collect_folder (path, files);
              continue;
            }
          /* Links to folders are skipped: they could loop. */
          if (S_ISLNK (st.st_mode) && g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
            continue;
        }
      /* A broken link or an unreadable entry is listed, to be refused with its cause. */
      if (is_report_name (name))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

GPtrArray *
bz_import_collect_files (const char * const *paths)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (paths != NULL, files);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      GStatBuf st;

      if (g_stat (paths[i], &st) == 0 && S_ISDIR (st.st_mode))
        {
          g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

          collect_folder (paths[i], found);
          g_ptr_array_sort (found, compare_paths);
          g_ptr_array_extend_and_steal (files, g_steal_pointer (&found));
        }
      else
        {
          g_ptr_array_add (files, g_strdup (paths[i]));
        }
    }

  return files;
}

GPtrArray *
bz_import_paths (BzStore              *store,
                 const char * const   *paths,
                 BzImportAnnotateFunc  annotate,
                 gpointer              annotate_data,
                 BzImportProgressFunc  progress,
                 gpointer              progress_data,
                 GCancellable         *cancellable,
                 GError              **error)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) results = NULL;

  g_return_val_if_fail (BZ_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  files = bz_import_collect_files (paths);
  results = g_ptr_array_new_full (files->len, (GDestroyNotify) bz_import_result_free);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);

      if (progress != NULL)
        progress (i, files->len, path, progress_data);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_ptr_array_add (results, bz_import_file (store, path, annotate, annotate_data));
    }

  if (progress != NULL)
    progress (files->len, files->len, NULL, progress_data);

  return g_steal_pointer (&results);
}
