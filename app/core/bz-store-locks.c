/* bz-store-locks.c: SQLite's file locks held by the open file, not by the process
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-store"
/* F_OFD_SETLK and its kin. */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>

#include "bz-store-private.h"

/*
 * SQLite guards a workspace that several programs share with POSIX record
 * locks (fcntl F_SETLK). Those belong to the process: closing *any* descriptor
 * of the file in the process drops all of them, even one that another library
 * opened for a moment. GTK's file chooser does exactly that: listing the
 * workspace's folder, GIO reads the first bytes of each file to guess its
 * type. A program that then closes the workspace believes it was its last
 * user and deletes the write-ahead log that the window goes on writing into.
 *
 * Open file description locks (F_OFD_SETLK, Linux 3.15) belong to the open
 * file that took them, so only SQLite's own close releases them, and they
 * conflict with other programs' POSIX locks exactly as POSIX locks do. The
 * unix VFS lets a program replace the system calls it makes; this one turns
 * its lock calls into their open file description forms.
 *
 * SQLite takes each lock through one descriptor and releases it through the
 * same one, with one exception that stays safe: when several connections of
 * the process share a lock, the physical lock stays on the descriptor that
 * took it, and SQLite keeps that descriptor open until the process holds no
 * lock on the file any more.
 */

static sqlite3_syscall_ptr default_fcntl;
static gboolean ofd_unsupported;

static int
ofd_command (int command)
{
  switch (command)
    {
    case F_SETLK:
      return F_OFD_SETLK;
    case F_SETLKW:
      return F_OFD_SETLKW;
    case F_GETLK:
      return F_OFD_GETLK;
    default:
      return 0;
    }
}

static int
locks_fcntl (int fd,
             int command,
             ...)
{
  int (*fallback) (int, int, ...) = (int (*) (int, int, ...)) default_fcntl;
  int ofd = ofd_command (command);
  va_list args;
  void *arg;

  /* Every command SQLite passes takes a pointer or an integer that fits one
   * (F_GETFD, F_SETFD); the calling convention passes both the same way. */
  va_start (args, command);
  arg = va_arg (args, void *);
  va_end (args);

  if (ofd != 0 && !g_atomic_int_get (&ofd_unsupported))
    {
      struct flock *lock = arg;
      struct flock ofd_lock = *lock;
      int rc;

      /* Open file description locks require l_pid to be 0. */
      ofd_lock.l_pid = 0;
      rc = fcntl (fd, ofd, &ofd_lock);
      if (rc == 0 || errno != EINVAL)
        {
          if (command == F_GETLK)
            *lock = ofd_lock;
          return rc;
        }
      /* A kernel before Linux 3.15: every lock of the process is a POSIX one. */
      g_atomic_int_set (&ofd_unsupported, TRUE);
    }

  return fallback (fd, command, arg);
}

/* Installed once, before the first connection of the process: a lock taken
 * one way and released the other would stay. */
__attribute__ ((constructor)) static void
install_locks (void)
{
  sqlite3_vfs *unix_vfs = sqlite3_vfs_find ("unix");

  if (unix_vfs == NULL || unix_vfs->iVersion < 3 || unix_vfs->xSetSystemCall == NULL)
    return;
  default_fcntl = unix_vfs->xGetSystemCall (unix_vfs, "fcntl");
  if (default_fcntl == NULL)
    return;
  if (unix_vfs->xSetSystemCall (unix_vfs, "fcntl", (sqlite3_syscall_ptr) locks_fcntl) != SQLITE_OK)
    default_fcntl = NULL;
}

gboolean
_bz_store_locks_installed (void)
{
  return default_fcntl != NULL && !g_atomic_int_get (&ofd_unsupported);
}
