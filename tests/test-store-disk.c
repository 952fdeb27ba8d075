/* test-store-disk.c: the workspace on a disk that fills up, and in a folder that cannot be written
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* unshare() in bz-test-tmpfs.h */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sqlite3.h>
#include <biaozhu.h>

#include "bz-test-fs.h"
#include "bz-test-tmpfs.h"
#include "store-fixtures.h"

typedef struct
{
  char *dir;
  /* The folder the tmpfs is mounted on, which holds the workspace. */
  char *disk;
  /* A doccano file of new documents, larger than the disk, outside it. */
  char *annotations;
} DiskFixture;

static char *
make_annotations (const char *dir)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char *path = g_build_filename (dir, "annotations.jsonl", NULL);

  for (guint d = 0; d < 200; d++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      g_string_append_printf (text, "第%u号：", d + 1);
      for (guint k = 0; k < 400; k++)
        g_string_append (text, "王府井大街东城区。");
      g_string_append_printf (out, "{\"text\":\"%s\",\"label\":[[%u,%u,\"PLACE\"]]}\n", text->str,
                              (guint) g_utf8_strlen (text->str, -1) - 9, (guint) g_utf8_strlen (text->str, -1) - 4);
    }
  g_assert_true (g_file_set_contents (path, out->str, out->len, NULL));
  return path;
}

static void
disk_fixture_set_up (DiskFixture   *f,
                     gconstpointer  data)
{
  f->dir = bz_test_make_tmpdir ();
  f->disk = g_build_filename (f->dir, "disk", NULL);
  g_assert_cmpint (g_mkdir (f->disk, 0755), ==, 0);
  f->annotations = make_annotations (f->dir);
}

static void
disk_fixture_tear_down (DiskFixture   *f,
                        gconstpointer  data)
{
  bz_test_remove_tree (f->dir);
  g_free (f->annotations);
  g_free (f->disk);
  g_free (f->dir);
}

/* A workspace with one document and one decision on it: what must not be lost. */
static BzStore *
open_with_decision (const char *path,
                    gint64     *out_span_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = bz_store_open (path, &error);
  g_autoptr(BzCanonicalText) ct = fixture_canonical_text (TEXT, "UTF-8");
  g_autoptr(BzSpan) span = NULL;
  gint64 document_id;

  g_assert_no_error (error);
  document_id = bz_store_add_document (store, "decided.txt", NULL, ct, NULL, &error);
  g_assert_no_error (error);
  span = bz_span_new (4, 9, "PLACE", BZ_SPAN_SUGGESTED, "extractor@1");
  *out_span_id = bz_store_add_span (store, document_id, span, &error);
  g_assert_no_error (error);
  g_assert_true (bz_store_set_span_status (store, *out_span_id, BZ_SPAN_ACCEPTED, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static void
assert_decision_kept (const char *path,
                      gint64      span_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = bz_store_open (path, &error);
  g_autoptr(BzSpan) span = NULL;

  g_assert_no_error (error);
  span = bz_store_get_span (store, span_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bz_span_get_surface (span), ==, "王府井大街");
  g_assert_cmpint (bz_span_get_status (span), ==, BZ_SPAN_ACCEPTED);
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Writes a file that takes the rest of the disk. */
static char *
fill_disk (const char *dir)
{
  static const char block[4096];
  char *path = g_build_filename (dir, "filler", NULL);
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, sizeof block) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
  return path;
}

static void
assert_disk_full_error (const GError *error,
                        const char   *path)
{
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_nonnull (strstr (error->message, "the disk that holds"));
  /* Not SQLite's words alone. */
  g_assert_null (strstr (error->message, ": disk I/O error"));
}

static void
full_disk_in_child (const char *dir,
                    gpointer    user_data)
{
  DiskFixture *f = user_data;
  g_autofree char *path = g_build_filename (dir, "workspace.db", NULL);
  g_autofree char *closed = g_build_filename (dir, "closed.db", NULL);
  g_autofree char *filler = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GError) error = NULL;
  BzImportAnnotationsOptions options = { BZ_FORMAT_DOCCANO, FALSE, BZ_SPAN_ACCEPTED, TRUE };
  BzImportAnnotationsReport report;
  gint64 span_id = 0;

  /* A second workspace, closed: it has no -wal or -shm now. */
  store = bz_store_open (closed, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  store = open_with_decision (path, &span_id);

  /* An import that fills the disk stops at a document, keeping the ones before it. */
  g_assert_false (bz_import_annotations (store, f->annotations, &options, &report, &error));
  assert_disk_full_error (error, path);
  g_assert_nonnull (strstr (error->message, "records were imported before it"));
  g_assert_cmpuint (report.n_records, >, 0);
  g_assert_cmpuint (report.n_records, <, 200);
  g_clear_error (&error);

  /* A decision on a disk with no byte left fails, and says why. */
  filler = fill_disk (dir);
  g_assert_false (bz_store_set_span_status (store, span_id, BZ_SPAN_REJECTED, &error));
  assert_disk_full_error (error, path);
  g_clear_error (&error);
  g_clear_object (&store);

  /* Nor can a new workspace be made there, nor a closed one opened: it needs
   * room for its -shm (SQLite's "disk I/O error"). */
  {
    g_autofree char *other = g_build_filename (dir, "other.db", NULL);
    g_autoptr(BzStore) refused = bz_store_open (other, &error);

    g_assert_null (refused);
    assert_disk_full_error (error, other);
    g_clear_error (&error);
    refused = bz_store_open (closed, &error);
    g_assert_null (refused);
    assert_disk_full_error (error, closed);
    g_clear_error (&error);
  }

  assert_decision_kept (path, span_id);
  assert_integrity (path);

  /* With space again, the workspace takes decisions. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  bz_test_tmpfs_resize (dir, 4096);
  store = bz_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (bz_store_set_span_status (store, span_id, BZ_SPAN_REJECTED, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  assert_integrity (path);
}

static void
test_full (DiskFixture   *f,
           gconstpointer  data)
{
  /* Room for two new workspaces (some 470 KiB each) and a few documents, not
   * for 200 of them. */
  bz_test_with_tmpfs (f->disk, 1792, full_disk_in_child, f);
}

static void
read_only_in_child (const char *dir,
                    gpointer    user_data)
{
  g_autofree char *path = g_build_filename (dir, "workspace.db", NULL);
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 span_id = 0;

  store = open_with_decision (path, &span_id);
  g_clear_object (&store);
  bz_test_tmpfs_set_read_only (dir, TRUE);

  /* The workspace cannot be opened for changes, or the first change fails:
   * either way the message blames the folder, not the file. */
  store = bz_store_open (path, &error);
  if (store != NULL)
    g_assert_false (bz_store_set_span_status (store, span_id, BZ_SPAN_REJECTED, &error));
  g_assert_error (error, BZ_STORE_ERROR, BZ_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, path));
  {
    g_autofree char *blame = g_strdup_printf ("the folder %s is read-only", dir);

    g_assert_nonnull (strstr (error->message, blame));
  }
  g_clear_error (&error);
  g_clear_object (&store);

  bz_test_tmpfs_set_read_only (dir, FALSE);
  assert_decision_kept (path, span_id);
  assert_integrity (path);
}

static void
test_read_only_folder (DiskFixture   *f,
                       gconstpointer  data)
{
  bz_test_with_tmpfs (f->disk, 1024, read_only_in_child, f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add ("/biaozhu/store-disk/" name, DiskFixture, NULL, disk_fixture_set_up, func, disk_fixture_tear_down)
  ADD ("full", test_full);
  ADD ("read-only-folder", test_read_only_folder);
#undef ADD
  return g_test_run ();
}
