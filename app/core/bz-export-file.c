/* bz-export-file.c: an export's file or folder, which takes its name only when complete
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file is written unnamed: open (O_TMPFILE) in the destination's folder, it has
 * no name until it is complete, so that an export killed at any moment before
 * leaves nothing, and a full disk gets its space back when the file is closed.
 * Complete, it is synced, linked to a hidden temporary name and renamed over the
 * destination. Where the file system has no O_TMPFILE, the file is written
 * under that hidden name from the start.
 *
 * A hidden name is .BASE.bz-unfinished-PID@HOST.XXXXXX, and its process holds a
 * lock (flock) on it. An export that dies leaves it; the next export into the
 * same folder by the same user removes every such name of its host whose
 * process is gone and whose lock is free. Brat's staging folders are named and
 * removed the same way.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* O_TMPFILE, renameat2(), syncfs() */
#endif
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bz-export-file-private.h"

#define TEMPORARY_MARK ".bz-unfinished-"
/* Random letters that end a hidden name. */
#define TEMPORARY_SUFFIX_LEN 6
#define STREAM_BUFFER        (1 << 20)

gboolean
_bz_export_io_error (GError     **error,
                     int          saved_errno,
                     const char  *format,
                     ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s", what,
               g_strerror (saved_errno));
  return FALSE;
}

/* ---- Hidden names ----------------------------------------------------------- */

/* The folder and base name of @path, without trailing slashes. */
static void
split_path (const char  *path,
            char       **out_dir,
            char       **out_base)
{
  g_autofree char *trimmed = g_strdup (path);
  gsize len = strlen (trimmed);

  while (len > 1 && G_IS_DIR_SEPARATOR (trimmed[len - 1]))
    trimmed[--len] = '\0';
  *out_dir = g_path_get_dirname (trimmed);
  *out_base = g_path_get_basename (trimmed);
}

/* Returns: (transfer full): a new hidden name for @base: its random part is XXXXXX */
static char *
temporary_template (const char *dir,
                    const char *base)
{
  return g_strdup_printf ("%s/.%s" TEMPORARY_MARK "%d@%s.XXXXXX", dir, base, (int) getpid (), g_get_host_name ());
}

/* Fills the XXXXXX at the end of @name with random letters. */
static void
randomize_template (char *name)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  char *p = name + strlen (name) - TEMPORARY_SUFFIX_LEN;

  for (guint i = 0; i < TEMPORARY_SUFFIX_LEN; i++)
    p[i] = letters[g_random_int_range (0, sizeof letters - 1)];
}

/* Whether @name is a hidden name of this host whose process has exited. */
static gboolean
is_dead_temporary (const char *name)
{
  const char *mark = g_strrstr (name, TEMPORARY_MARK);
  const char *host = g_get_host_name ();
  const char *at;
  gsize len = strlen (name);
  gsize host_len = strlen (host);
  guint64 pid;
  g_autofree char *digits = NULL;

  if (name[0] != '.' || mark == NULL || len < TEMPORARY_SUFFIX_LEN + 1 ||
      name[len - TEMPORARY_SUFFIX_LEN - 1] != '.')
    return FALSE;
  mark += strlen (TEMPORARY_MARK);
  at = strchr (mark, '@');
  /* PID@HOST, then the dot and the random letters. */
  if (at == NULL || at == mark || (gsize) (name + len - TEMPORARY_SUFFIX_LEN - 1 - (at + 1)) != host_len ||
      strncmp (at + 1, host, host_len) != 0)
    return FALSE;
  digits = g_strndup (mark, at - mark);
  if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT, &pid, NULL))
    return FALSE;
  /* EPERM: the process is there, under another user. */
  return kill ((pid_t) pid, 0) != 0 && errno == ESRCH;
}

/* Removes the files in the folder @fd (a staging folder holds nothing else). */
static void
remove_folder_files (int fd)
{
  DIR *dir = fdopendir (fd);
  struct dirent *entry;

  if (dir == NULL)
    {
      close (fd);
      return;
    }
  while ((entry = readdir (dir)) != NULL)
    if (!g_str_equal (entry->d_name, ".") && !g_str_equal (entry->d_name, ".."))
      unlinkat (dirfd (dir), entry->d_name, 0);
  closedir (dir);
}

/* Removes the hidden names that dead exports of this user left in @dir. A lock
 * still held (by a process of another pid namespace) keeps the name. */
static void
remove_dead_temporaries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;
      int fd;

      if (!is_dead_temporary (name))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &st) != 0 || !(S_ISREG (st.st_mode) || S_ISDIR (st.st_mode)) || st.st_uid != geteuid ())
        continue;
      fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (S_ISDIR (st.st_mode) ? O_DIRECTORY : 0));
      if (fd < 0)
        continue;
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          close (fd);
          continue;
        }
      if (S_ISDIR (st.st_mode))
        {
          remove_folder_files (fd);
          g_rmdir (path);
        }
      else
        {
          g_unlink (path);
          close (fd);
        }
    }
}

/* Gives what replaces @existing (when there is one) its mode and, where the
 * process may, its owner. */
static void
take_mode_of (int         fd,
              const char *existing,
              gboolean    folder)
{
  struct stat st;

  if (stat (existing, &st) != 0 || (folder ? !S_ISDIR (st.st_mode) : !S_ISREG (st.st_mode)))
    return;
  if (st.st_uid != geteuid () || st.st_gid != getegid ())
    (void) !fchown (fd, st.st_uid, st.st_gid);
  (void) !fchmod (fd, st.st_mode & 07777);
}

/* Makes the renames in @dir last (where the file system can sync a folder). */
static gboolean
sync_folder (const char  *dir,
             GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd < 0)
    return _bz_export_io_error (error, errno, _("Could not open the folder “%s”"), dir);
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      saved_errno = errno;
      close (fd);
      return _bz_export_io_error (error, saved_errno, _("Could not write the folder “%s”"), dir);
    }
  close (fd);
  return TRUE;
}

/* ---- A file ------------------------------------------------------------------- */

struct _BzExportFile
{
  char    *path;
  char    *dir;
  char    *base;
  /* The hidden name the file has, or NULL while it has none. */
  char    *tmp_path;
  FILE    *fp;
  gboolean committed;
};

/* Opens a file without a name in @dir; -1 where the file system (or a missing
 * /proc, through which it is linked later) does not allow it. */
static int
open_unnamed (const char *dir)
{
#ifdef O_TMPFILE
  int fd;

  if (!g_file_test ("/proc/self/fd", G_FILE_TEST_IS_DIR))
    return -1;
  fd = open (dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (fd >= 0)
    return fd;
#endif
  return -1;
}

BzExportFile *
_bz_export_file_new (const char  *path,
                     GError     **error)
{
  g_autoptr(BzExportFile) self = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (BzExportFile, 1);
  self->path = g_strdup (path);
  split_path (path, &self->dir, &self->base);
  remove_dead_temporaries (self->dir);

  fd = open_unnamed (self->dir);
  if (fd < 0)
    {
      self->tmp_path = temporary_template (self->dir, self->base);
      fd = g_mkstemp_full (self->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
      if (fd < 0)
        {
          g_clear_pointer (&self->tmp_path, g_free);
          _bz_export_io_error (error, errno, _("Could not create a file in the folder “%s”"), self->dir);
          return NULL;
        }
    }
  /* A later export must not take the file for a dead one's. */
  (void) flock (fd, LOCK_EX | LOCK_NB);
  take_mode_of (fd, path, FALSE);
  self->fp = fdopen (fd, "wb");
  if (self->fp == NULL)
    {
      _bz_export_io_error (error, errno, _("Could not write “%s”"), path);
      close (fd);
      return NULL;
    }
  setvbuf (self->fp, NULL, _IOFBF, STREAM_BUFFER);
  return g_steal_pointer (&self);
}

FILE *
_bz_export_file_get_stream (BzExportFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->fp;
}

/* Links the unnamed file to a new hidden name. */
static gboolean
link_unnamed (BzExportFile  *self,
              GError       **error)
{
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", fileno (self->fp));
  g_autofree char *name = temporary_template (self->dir, self->base);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      randomize_template (name);
      if (linkat (AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0)
        {
          self->tmp_path = g_steal_pointer (&name);
          return TRUE;
        }
      if (errno != EEXIST)
        break;
    }
  return _bz_export_io_error (error, errno, _("Could not give the finished export its name “%s”"), self->path);
}

gboolean
_bz_export_file_commit (BzExportFile  *self,
                        GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (fflush (self->fp) != 0 || fsync (fileno (self->fp)) != 0)
    return _bz_export_io_error (error, errno, _("Could not write “%s”"), self->path);
  if (self->tmp_path == NULL && !link_unnamed (self, error))
    return FALSE;
  if (g_rename (self->tmp_path, self->path) != 0)
    return _bz_export_io_error (error, errno, _("Could not give the finished export its name “%s”"),
                                self->path);
  /* The name is the destination's now: nothing is left to remove. */
  g_clear_pointer (&self->tmp_path, g_free);
  self->committed = TRUE;
  return sync_folder (self->dir, error);
}

void
_bz_export_file_free (BzExportFile *self)
{
  if (self == NULL)
    return;

  /* A hidden name goes first, while the lock still keeps others from it. */
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  if (self->fp != NULL)
    fclose (self->fp);
  g_free (self->tmp_path);
  g_free (self->base);
  g_free (self->dir);
  g_free (self->path);
  g_free (self);
}

/* ---- A folder ----------------------------------------------------------------- */

struct _BzExportFolder
{
  char             *path;
  char             *dir;
  char             *base;
  const char       *kind;
  BzExportOwnsFunc  owns;
  /* The staging folder, locked through @fd. */
  char             *staging;
  int               fd;
  gboolean          committed;
};

/* Checks that every name in the folder @path is one the export writes, so that
 * replacing the folder loses nothing else. A missing folder is fine. */
static gboolean
check_replaceable (BzExportFolder  *self,
                   GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  g_autofree char *first = NULL;
  guint n_foreign = 0;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    return TRUE;
  listing = g_dir_open (self->path, 0, &local_error);
  if (listing == NULL)
    {
      g_set_error (error, G_FILE_ERROR, local_error->code, _("Could not read the folder “%s”: %s"), self->path,
                   local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (self->path, name, NULL);
      GStatBuf st;

      if (self->owns (name) && g_lstat (child, &st) == 0 && S_ISREG (st.st_mode))
        continue;
      if (n_foreign++ == 0)
        first = g_strdup (name);
    }
  if (n_foreign == 0)
    return TRUE;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
               g_dngettext (GETTEXT_PACKAGE,
                            "The folder “%s” holds %u item that is not part of a %s export (“%s”): an export "
                            "replaces the whole folder, so choose an empty or new folder. Nothing was written.",
                            "The folder “%s” holds %u items that are not part of a %s export (“%s”, …): an "
                            "export replaces the whole folder, so choose an empty or new folder. Nothing was "
                            "written.",
                            n_foreign),
               self->path, n_foreign, self->kind, first);
  return FALSE;
}

BzExportFolder *
_bz_export_folder_new (const char        *path,
                       const char        *kind,
                       BzExportOwnsFunc   owns,
                       GError           **error)
{
  g_autoptr(BzExportFolder) self = NULL;
  g_autofree char *staging = NULL;

  g_return_val_if_fail (path != NULL && kind != NULL && owns != NULL, NULL);

  self = g_new0 (BzExportFolder, 1);
  self->path = g_strdup (path);
  self->kind = kind;
  self->owns = owns;
  self->fd = -1;
  split_path (path, &self->dir, &self->base);
  if (!check_replaceable (self, error))
    return NULL;
  remove_dead_temporaries (self->dir);

  staging = temporary_template (self->dir, self->base);
  if (g_mkdtemp_full (staging, 0777) == NULL)
    {
      _bz_export_io_error (error, errno, _("Could not create a folder in “%s”"), self->dir);
      return NULL;
    }
  self->staging = g_steal_pointer (&staging);
  self->fd = open (self->staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (self->fd < 0)
    {
      _bz_export_io_error (error, errno, _("Could not create a folder in “%s”"), self->dir);
      return NULL;
    }
  (void) flock (self->fd, LOCK_EX | LOCK_NB);
  take_mode_of (self->fd, path, TRUE);
  return g_steal_pointer (&self);
}

gboolean
_bz_export_folder_write_file (BzExportFolder  *self,
                              const char      *name,
                              const char      *data,
                              gsize            length,
                              GError         **error)
{
  g_autofree char *destination = NULL;
  gsize done = 0;
  int fd;

  g_return_val_if_fail (self != NULL && !self->committed, FALSE);

  destination = g_build_filename (self->path, name, NULL);
  fd = openat (self->fd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    return _bz_export_io_error (error, errno, _("Could not create “%s”"), destination);
  take_mode_of (fd, destination, FALSE);
  while (done < length)
    {
      gssize n = write (fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          return _bz_export_io_error (error, saved_errno, _("Could not write “%s”"), destination);
        }
      done += n;
    }
  if (close (fd) != 0)
    return _bz_export_io_error (error, errno, _("Could not write “%s”"), destination);
  return TRUE;
}

/* Puts the staging folder in place of the existing destination, which then has
 * the staging name. Returns: (transfer full): where the earlier folder is now */
static char *
swap_in (BzExportFolder  *self,
         GError         **error)
{
  g_autofree char *aside = NULL;

#ifdef RENAME_EXCHANGE
  if (renameat2 (AT_FDCWD, self->staging, AT_FDCWD, self->path, RENAME_EXCHANGE) == 0)
    return g_strdup (self->staging);
  if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
    {
      _bz_export_io_error (error, errno, _("Could not replace the folder “%s”"), self->path);
      return NULL;
    }
#endif
  /* Without an exchange, the earlier folder is moved aside first. */
  aside = temporary_template (self->dir, self->base);
  randomize_template (aside);
  if (g_rename (self->path, aside) != 0)
    {
      _bz_export_io_error (error, errno, _("Could not replace the folder “%s”"), self->path);
      return NULL;
    }
  if (g_rename (self->staging, self->path) != 0)
    {
      int saved_errno = errno;

      (void) g_rename (aside, self->path);
      _bz_export_io_error (error, saved_errno, _("Could not replace the folder “%s”"), self->path);
      return NULL;
    }
  return g_steal_pointer (&aside);
}

gboolean
_bz_export_folder_commit (BzExportFolder  *self,
                          GError         **error)
{
  g_autofree char *earlier = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  /* One sync of the file system rather than one per file. */
  if (syncfs (self->fd) != 0)
    return _bz_export_io_error (error, errno, _("Could not write “%s”"), self->path);
  /* Checked again: a file may have been put in the folder since the start. */
  if (!check_replaceable (self, error))
    return FALSE;
  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      if (g_rename (self->staging, self->path) != 0)
        return _bz_export_io_error (error, errno, _("Could not give the finished export its name “%s”"),
                                    self->path);
    }
  else
    {
      earlier = swap_in (self, error);
      if (earlier == NULL)
        return FALSE;
    }
  self->committed = TRUE;
  if (earlier != NULL)
    {
      int fd = open (earlier, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

      /* Only the earlier export's files are in it: check_replaceable() said so. */
      if (fd >= 0)
        remove_folder_files (fd);
      g_rmdir (earlier);
    }
  return sync_folder (self->dir, error);
}

void
_bz_export_folder_free (BzExportFolder *self)
{
  if (self == NULL)
    return;

  if (!self->committed && self->staging != NULL)
    {
      if (self->fd >= 0)
        {
          remove_folder_files (self->fd);
          self->fd = -1;
        }
      g_rmdir (self->staging);
    }
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->staging);
  g_free (self->base);
  g_free (self->dir);
  g_free (self->path);
  g_free (self);
}
