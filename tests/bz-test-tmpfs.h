/* bz-test-tmpfs.h: running part of a test on a small tmpfs, in a child process of its own
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A full disk and a read-only folder are real only on a file system of their
 * own. The child enters a mount namespace (and a user namespace when it is not
 * root, or when root may not make one), so the mounts are its alone and vanish
 * with it; nothing outside the test's folder sees them.
 */
#pragma once

/* unshare() and pipe2() need _GNU_SOURCE, defined before the first system header. */
#ifndef _GNU_SOURCE
#error "define _GNU_SOURCE before any #include to use bz-test-tmpfs.h"
#endif
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

/* The exit status of a child that could not mount: the parent skips the test. */
#define BZ_TEST_TMPFS_UNAVAILABLE 77

typedef void (*BzTestTmpfsFunc) (const char *dir,
                                 gpointer    user_data);

static inline gboolean
bz_test_write_proc (const char *path,
                    const char *data)
{
  int fd = open (path, O_WRONLY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, data, strlen (data)) == (gssize) strlen (data);
  close (fd);
  return ok;
}

/* Makes the mounts that follow this process's own. Returns a reason when it cannot. */
static inline const char *
bz_test_enter_mount_namespace (void)
{
  uid_t uid = geteuid ();
  gid_t gid = getegid ();

  if (uid != 0 || unshare (CLONE_NEWNS) != 0)
    {
      g_autofree char *uid_map = g_strdup_printf ("0 %u 1", (guint) uid);
      g_autofree char *gid_map = g_strdup_printf ("0 %u 1", (guint) gid);

      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
        return "neither root nor user namespaces may make a mount namespace here";
      if (!bz_test_write_proc ("/proc/self/setgroups", "deny") ||
          !bz_test_write_proc ("/proc/self/uid_map", uid_map) ||
          !bz_test_write_proc ("/proc/self/gid_map", gid_map))
        return "the user namespace's id maps cannot be written";
    }
  /* Otherwise a mount made as root would reach the parent's namespace. */
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    return "the mounts cannot be made private";
  return NULL;
}

/* Runs @func in a child process with a tmpfs of @size_kib KiB mounted on @dir,
 * which must exist. The child's failed assertions fail the test.
 * Returns: FALSE when no tmpfs can be mounted here (the test is skipped) or the
 *   child failed (the test has failed) */
static inline gboolean
bz_test_with_tmpfs (const char      *dir,
                    guint            size_kib,
                    BzTestTmpfsFunc  func,
                    gpointer         user_data)
{
  int reason_pipe[2];
  char reason[256] = "";
  gssize n;
  int status = 0;
  pid_t pid;

  g_assert_cmpint (pipe2 (reason_pipe, O_CLOEXEC), ==, 0);
  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autofree char *options = g_strdup_printf ("size=%uk,mode=0755", size_kib);
      const char *why;

      close (reason_pipe[0]);
      why = bz_test_enter_mount_namespace ();
      if (why == NULL && mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0)
        why = "a tmpfs cannot be mounted here";
      if (why != NULL)
        {
          (void) !write (reason_pipe[1], why, strlen (why));
          _exit (BZ_TEST_TMPFS_UNAVAILABLE);
        }
      func (dir, user_data);
      fflush (stdout);
      fflush (stderr);
      /* Not exit(): the parent's test run owns the atexit handlers. */
      _exit (0);
    }
  close (reason_pipe[1]);
  n = read (reason_pipe[0], reason, sizeof reason - 1);
  close (reason_pipe[0]);
  reason[MAX (n, 0)] = '\0';
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (WIFEXITED (status) && WEXITSTATUS (status) == BZ_TEST_TMPFS_UNAVAILABLE && reason[0] != '\0')
    {
      g_autofree char *message = g_strdup_printf ("no small file system for this test: %s", reason);

      g_test_skip (message);
      return FALSE;
    }
  if (WIFSIGNALED (status))
    {
      g_test_fail_printf ("the child on the tmpfs died of signal %d (a failed assertion aborts it)",
                          WTERMSIG (status));
      return FALSE;
    }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return TRUE;
}

/* In the child: makes the tmpfs on @dir read-only, or writable again. */
static inline void
bz_test_tmpfs_set_read_only (const char *dir,
                             gboolean    read_only)
{
  g_assert_cmpint (mount (NULL, dir, NULL, MS_REMOUNT | MS_NOSUID | MS_NODEV | (read_only ? MS_RDONLY : 0), NULL),
                   ==, 0);
}

/* In the child: gives the tmpfs on @dir another size. */
static inline void
bz_test_tmpfs_resize (const char *dir,
                      guint       size_kib)
{
  g_autofree char *options = g_strdup_printf ("size=%uk", size_kib);

  g_assert_cmpint (mount (NULL, dir, NULL, MS_REMOUNT | MS_NOSUID | MS_NODEV, options), ==, 0);
}

/* Free bytes on the file system that holds @path. */
static inline guint64
bz_test_free_bytes (const char *path)
{
  struct statvfs st;

  g_assert_cmpint (statvfs (path, &st), ==, 0);
  return (guint64) st.f_bfree * st.f_frsize;
}
