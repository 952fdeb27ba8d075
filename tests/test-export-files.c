/* test-export-files.c: what exports leave on disk: after a kill, on a full disk, over an earlier export
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* unshare() in bz-test-tmpfs.h */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <biaozhu.h>

#include "bz-test-fs.h"
#include "bz-test-tmpfs.h"

/* Large enough that an export is well under way, with output on disk, when it
 * reaches STOP_AT: about 50 KB of text per document. */
#define N_DOCUMENTS 80
#define N_CHARS     16000
#define STOP_AT     60

typedef struct
{
  char *dir;
  char *db_path;
  /* Where the exports go: a folder of their own, listed whole by the tests. */
  char *out;
} Fixture;

static const char *words[] = {
  "王府井大街", "东城区", "隆福寺", "人民政府", "推进", "重点项目", "建设", "完成", "投资", "亿元",
  "同比增长", "百分之六", "胡同", "改造", "老旧小区", "公共服务", "医院", "学校", "绿地", "街道",
};

/* A doccano file of N_DOCUMENTS distinct documents, every 王府井 a PLACE. */
static char *
make_corpus (const char *dir)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  char *path = g_build_filename (dir, "corpus.jsonl", NULL);

  for (guint d = 0; d < N_DOCUMENTS; d++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GString) labels = g_string_new (NULL);
      glong n_chars;

      g_string_append_printf (text, "第%u号报告：", d + 1);
      while ((n_chars = g_utf8_strlen (text->str, -1)) < N_CHARS)
        {
          guint n = g_rand_int_range (rand, 3, 9);

          for (guint k = 0; k < n; k++)
            g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
          g_string_append (text, "。");
        }
      for (const char *p = strstr (text->str, "王府井"); p != NULL; p = strstr (p + 1, "王府井"))
        {
          glong start = g_utf8_pointer_to_offset (text->str, p);

          g_string_append_printf (labels, "%s[%ld,%ld,\"PLACE\"]", labels->len > 0 ? "," : "", start, start + 3);
        }
      g_string_append_printf (out, "{\"text\":\"%s\",\"title\":\"report-%02u.txt\",\"label\":[%s]}\n",
                              text->str, d + 1, labels->str);
    }
  g_assert_true (g_file_set_contents (path, out->str, out->len, NULL));
  return path;
}

/* The workspace every test starts from, made once: its documents take a while to import. */
static char *template_db;

static char *
make_template (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autofree char *corpus = make_corpus (dir);
  char *path = g_build_filename (dir, "template.db", NULL);
  BzImportAnnotationsOptions options = { BZ_FORMAT_DOCCANO, FALSE, BZ_SPAN_ACCEPTED, TRUE };
  BzImportAnnotationsReport report;

  store = bz_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (bz_import_annotations (store, corpus, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_new_documents, ==, N_DOCUMENTS);
  return path;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  f->dir = bz_test_make_tmpdir ();
  f->db_path = g_build_filename (f->dir, "workspace.db", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->out, 0755), ==, 0);
  /* Closed, the template is one file (its log checkpointed into it). */
  g_file_get_contents (template_db, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (f->db_path, contents, length, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  bz_test_remove_tree (f->dir);
  g_free (f->out);
  g_free (f->db_path);
  g_free (f->dir);
}

/* Every name below @path (hidden ones too) with its mode and contents, sorted. */
static void
list_tree (GString    *out,
           const char *path,
           const char *relative)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, bz_test_compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, names->pdata[i], NULL);
      g_autofree char *child_relative = relative != NULL ? g_build_filename (relative, names->pdata[i], NULL)
                                                         : g_strdup (names->pdata[i]);
      GStatBuf st;

      g_assert_cmpint (g_lstat (child, &st), ==, 0);
      if (S_ISDIR (st.st_mode))
        {
          g_string_append_printf (out, "%s/ %04o\n", child_relative, st.st_mode & 07777);
          list_tree (out, child, child_relative);
        }
      else
        {
          g_autofree char *contents = NULL;
          gsize length = 0;
          g_autofree char *digest = NULL;

          g_assert_true (g_file_get_contents (child, &contents, &length, NULL));
          digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
          g_string_append_printf (out, "%s %04o %" G_GSIZE_FORMAT " %s\n", child_relative, st.st_mode & 07777,
                                  length, digest);
        }
    }
}

static char *
snapshot (const char *path)
{
  GString *out = g_string_new (NULL);

  list_tree (out, path, NULL);
  return g_string_free (out, FALSE);
}

/* The names in @snapshot that start with a dot, at any depth. */
static guint
count_hidden (const char *listing)
{
  g_auto(GStrv) lines = g_strsplit (listing, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == '.' || strstr (lines[i], "/.") != NULL)
      n++;
  return n;
}

/* @listing without the lines of hidden names. */
static char *
without_hidden (const char *listing)
{
  g_auto(GStrv) lines = g_strsplit (listing, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && lines[i][0] != '.' && strstr (lines[i], "/.") == NULL)
      g_string_append_printf (out, "%s\n", lines[i]);
  return g_string_free (out, FALSE);
}

static guint
count_lines_with (const char *listing,
                  const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (listing, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      n++;
  return n;
}

/* Exports with the library, as the workbench does; @documents and @split may be NULL. */
static gboolean
export_store (const char                   *db_path,
              BzFormat                      format,
              const char                   *output,
              const char                   *documents,
              const char                   *split,
              BzExportProgressFunc          progress,
              gpointer                      progress_data,
              GError                      **error)
{
  g_autoptr(BzExportOptions) options = bz_export_options_new (format, output);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BzStore) store = bz_store_open (db_path, &local_error);
  BzExportReport report;
  gboolean ok;

  g_assert_no_error (local_error);
  if (documents != NULL)
    g_assert_true (bz_export_options_set_documents (options, documents, NULL));
  if (split != NULL)
    g_assert_true (bz_export_options_set_split (options, split, NULL));
  bz_export_report_init (&report);
  ok = bz_export_store_full (store, options, progress, progress_data, NULL, &report, error);
  bz_export_report_clear (&report);
  return ok;
}

/* Runs biaozhu-cli export, as a script would. */
static void
cli_export (const char *db_path,
            const char *format,
            const char *output,
            const char *split)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { g_getenv ("BZ_CLI"), "--db", db_path, "export", "--format", format, "-o", output,
                         split != NULL ? "--split" : NULL, split, NULL };
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* ---- Killed mid-write ------------------------------------------------------ */

typedef struct
{
  int   ready_fd;
  guint at;
} StopPoint;

/* In the child: says that the export got there, and waits to be killed. */
static void
stop_point_cb (guint    done,
               guint    total,
               gpointer user_data)
{
  StopPoint *stop = user_data;

  if (done != stop->at)
    return;
  g_assert_cmpint (write (stop->ready_fd, "!", 1), ==, 1);
  for (;;)
    pause ();
}

/* Whether one of @pid's open files is under @folder: an export's output being written. */
static gboolean
has_open_file_under (pid_t       pid,
                     const char *folder)
{
  g_autofree char *fd_dir = g_strdup_printf ("/proc/%d/fd", (int) pid);
  g_autofree char *prefix = g_strconcat (folder, "/", NULL);
  g_autoptr(GDir) dir = g_dir_open (fd_dir, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename (fd_dir, name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, prefix))
        return TRUE;
    }
  return FALSE;
}

/* Starts an export in a child process, lets it reach document STOP_AT (with
 * about 40 documents written) and kills it there with SIGKILL. */
static void
kill_export_at_stop_point (Fixture    *f,
                           BzFormat    format,
                           const char *output,
                           const char *split,
                           const char *writing_in)
{
  int ready[2];
  char byte = 0;
  int status = 0;
  pid_t pid;

  g_assert_cmpint (pipe (ready), ==, 0);
  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      StopPoint stop = { ready[1], STOP_AT };

      close (ready[0]);
      export_store (f->db_path, format, output, NULL, split, stop_point_cb, &stop, NULL);
      /* Not reached: the parent kills the export at its stop point. */
      _exit (1);
    }
  close (ready[1]);
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);
  close (ready[0]);
  if (writing_in != NULL)
    g_assert_true (has_open_file_under (pid, writing_in));
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
}

static void
test_killed (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->out, "workspace.json", NULL);
  g_autofree char *split = g_build_filename (f->out, "split", NULL);
  g_autofree char *brat = g_build_filename (f->out, "brat", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  /* Earlier exports of three documents, which a killed export must leave as they are. */
  g_assert_true (export_store (f->db_path, BZ_FORMAT_NATIVE, file, "1,2,3", NULL, NULL, NULL, &error));
  g_assert_true (export_store (f->db_path, BZ_FORMAT_NATIVE, split, "1,2,3", "8:1:1", NULL, NULL, &error));
  g_assert_true (export_store (f->db_path, BZ_FORMAT_BRAT, brat, "1,2,3", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (file, 0600), ==, 0);
  before = snapshot (f->out);
  g_assert_cmpuint (count_hidden (before), ==, 0);

  /* Files leave nothing at all. */
  kill_export_at_stop_point (f, BZ_FORMAT_NATIVE, file, NULL, f->out);
  after = snapshot (f->out);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  kill_export_at_stop_point (f, BZ_FORMAT_NATIVE, split, "8:1:1", split);
  after = snapshot (f->out);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* A folder is staged beside its destination; the earlier export stays whole. */
  kill_export_at_stop_point (f, BZ_FORMAT_BRAT, brat, NULL, NULL);
  after = snapshot (f->out);
  g_assert_cmpuint (count_hidden (after), >, 0);
  {
    g_autofree char *visible = without_hidden (after);

    g_assert_cmpstr (visible, ==, before);
  }
  g_clear_pointer (&after, g_free);

  /* The next exports (the command line's) clear what the killed ones left. */
  cli_export (f->db_path, "native", file, NULL);
  cli_export (f->db_path, "native", split, "8:1:1");
  cli_export (f->db_path, "brat", brat, NULL);
  after = snapshot (f->out);
  g_assert_cmpuint (count_hidden (after), ==, 0);
  g_assert_cmpuint (count_lines_with (after, "brat/doc-"), ==, 2 * N_DOCUMENTS);
  {
    g_autoptr(GPtrArray) records = bz_format_read_file (BZ_FORMAT_NATIVE, file, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (records->len, ==, N_DOCUMENTS);
  }
}

/* Temporaries that a dead export left where O_TMPFILE is not available (or in
 * the instant between naming a finished file and renaming it) go at the next
 * export into the same folder; a live export's and anyone else's stay. */
static void
test_stale_temporaries (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->out, "workspace.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  const char *host = g_get_host_name ();
  g_autofree char *dead_file = NULL;
  g_autofree char *dead_folder = NULL;
  g_autofree char *live_file = NULL;
  g_autofree char *other_host = NULL;
  g_autofree char *unrelated = NULL;
  int status = 0;
  pid_t dead;

  /* The id of a process that has exited. */
  dead = fork ();
  g_assert_cmpint (dead, >=, 0);
  if (dead == 0)
    _exit (0);
  g_assert_cmpint (waitpid (dead, &status, 0), ==, dead);

  dead_file = g_strdup_printf (".workspace.json.bz-unfinished-%d@%s.Ab3dE9", (int) dead, host);
  dead_folder = g_strdup_printf (".brat.bz-unfinished-%d@%s.x1Y2z3", (int) dead, host);
  live_file = g_strdup_printf (".workspace.json.bz-unfinished-%d@%s.Qw3rTy", (int) getpid (), host);
  other_host = g_strdup_printf (".workspace.json.bz-unfinished-%d@%s-elsewhere.Zx9cVb", (int) dead, host);
  unrelated = g_strdup (".workspace.json.swp");
  g_free (bz_test_write (f->out, dead_file, "half an export", -1));
  g_free (bz_test_write (f->out, live_file, "an export under way", -1));
  g_free (bz_test_write (f->out, other_host, "another machine's export", -1));
  g_free (bz_test_write (f->out, unrelated, "not ours", -1));
  {
    g_autofree char *in_folder = g_build_filename (dead_folder, "doc-000001.txt", NULL);

    g_free (bz_test_write (f->out, in_folder, "half a brat export", -1));
  }

  g_assert_true (export_store (f->db_path, BZ_FORMAT_DOCCANO, file, "1", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  listing = snapshot (f->out);
  g_assert_cmpuint (count_lines_with (listing, dead_file), ==, 0);
  g_assert_cmpuint (count_lines_with (listing, dead_folder), ==, 0);
  g_assert_cmpuint (count_lines_with (listing, live_file), ==, 1);
  g_assert_cmpuint (count_lines_with (listing, other_host), ==, 1);
  g_assert_cmpuint (count_lines_with (listing, unrelated), ==, 1);
  g_assert_cmpuint (count_lines_with (listing, "workspace.json 0"), ==, 1);
}

/* ---- A full disk ------------------------------------------------------------ */

static void
assert_full_disk_error (const GError *error,
                        const char   *destination)
{
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
  /* The message names what the user asked for, not a temporary. */
  g_assert_nonnull (strstr (error->message, destination));
  g_assert_null (strstr (error->message, "/."));
}

static void
full_disk_in_child (const char *dir,
                    gpointer    user_data)
{
  Fixture *f = user_data;
  g_autofree char *earlier = g_build_filename (dir, "workspace.json", NULL);
  g_autofree char *old_brat = g_build_filename (dir, "old-brat", NULL);
  g_autofree char *new_brat = g_build_filename (dir, "brat", NULL);
  g_autofree char *split = g_build_filename (dir, "split", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  guint64 free_bytes;

  g_free (bz_test_write (dir, "workspace.json", "an earlier export\n", -1));
  g_assert_cmpint (g_chmod (earlier, 0600), ==, 0);
  g_assert_true (export_store (f->db_path, BZ_FORMAT_BRAT, old_brat, "1", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  before = snapshot (dir);
  free_bytes = bz_test_free_bytes (dir);

  g_assert_false (export_store (f->db_path, BZ_FORMAT_NATIVE, earlier, NULL, NULL, NULL, NULL, &error));
  assert_full_disk_error (error, earlier);
  g_clear_error (&error);
  after = snapshot (dir);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (bz_test_free_bytes (dir), ==, free_bytes);
  g_clear_pointer (&after, g_free);

  g_assert_false (export_store (f->db_path, BZ_FORMAT_BRAT, new_brat, NULL, NULL, NULL, NULL, &error));
  assert_full_disk_error (error, new_brat);
  g_clear_error (&error);
  g_assert_false (export_store (f->db_path, BZ_FORMAT_BRAT, old_brat, NULL, NULL, NULL, NULL, &error));
  assert_full_disk_error (error, old_brat);
  g_clear_error (&error);
  g_assert_false (export_store (f->db_path, BZ_FORMAT_NATIVE, split, NULL, "8:1:1", NULL, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
  g_clear_error (&error);
  after = snapshot (dir);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (bz_test_free_bytes (dir), ==, free_bytes);
}

static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  /* A few hundred KiB: the earlier exports fit, a whole export (4 MB) does not. */
  bz_test_with_tmpfs (f->out, 512, full_disk_in_child, f);
}

/* ---- Over an earlier export ------------------------------------------------ */

static void
test_brat_replaces (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *brat = g_build_filename (f->out, "brat", NULL);
  g_autofree char *mine = g_build_filename (f->out, "mine", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (export_store (f->db_path, BZ_FORMAT_BRAT, brat, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  listing = snapshot (brat);
  g_assert_cmpuint (count_lines_with (listing, "doc-"), ==, 2 * N_DOCUMENTS);
  g_clear_pointer (&listing, g_free);

  /* A smaller export into the same folder leaves only its own files. */
  g_assert_true (export_store (f->db_path, BZ_FORMAT_BRAT, brat, "2,3", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  listing = snapshot (brat);
  g_assert_cmpuint (count_lines_with (listing, "doc-"), ==, 4);
  g_assert_cmpuint (count_lines_with (listing, "doc-000002.ann"), ==, 1);
  g_assert_cmpuint (count_lines_with (listing, "doc-000003.txt"), ==, 1);
  g_clear_pointer (&listing, g_free);

  /* A folder with files of its own is not cleared: nothing is written. */
  g_free (bz_test_write (mine, "doc-000001.txt", "a brat text", -1));
  g_free (bz_test_write (mine, "notes.md", "my notes", -1));
  before = snapshot (f->out);
  g_assert_false (export_store (f->db_path, BZ_FORMAT_BRAT, mine, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST);
  g_assert_nonnull (strstr (error->message, mine));
  g_assert_nonnull (strstr (error->message, "notes.md"));
  g_clear_error (&error);
  after = snapshot (f->out);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  g_clear_pointer (&before, g_free);

  /* Nor is one with a folder in it. */
  {
    g_autofree char *notes = g_build_filename (mine, "notes.md", NULL);
    g_autofree char *sub = g_build_filename (mine, "doc-000009.ann", NULL);

    g_assert_cmpint (g_unlink (notes), ==, 0);
    g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  }
  before = snapshot (f->out);
  g_assert_false (export_store (f->db_path, BZ_FORMAT_BRAT, mine, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST);
  g_assert_nonnull (strstr (error->message, "doc-000009.ann"));
  after = snapshot (f->out);
  g_assert_cmpstr (after, ==, before);
}

/* ---- Modes --------------------------------------------------------------------- */

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static void
test_keeps_mode (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *fresh = g_build_filename (f->out, "fresh.json", NULL);
  g_autofree char *private = g_build_filename (f->out, "private.json", NULL);
  g_autofree char *brat = g_build_filename (f->out, "brat", NULL);
  g_autofree char *brat_file = g_build_filename (brat, "doc-000001.ann", NULL);
  g_autoptr(GError) error = NULL;
  mode_t saved = umask (022);

  /* A new file gets the mode the umask gives. */
  g_assert_true (export_store (f->db_path, BZ_FORMAT_NATIVE, fresh, "1", NULL, NULL, NULL, &error));
  g_assert_cmpuint (mode_of (fresh), ==, 0644);
  g_assert_cmpint (g_unlink (fresh), ==, 0);
  umask (027);
  g_assert_true (export_store (f->db_path, BZ_FORMAT_NATIVE, fresh, "1", NULL, NULL, NULL, &error));
  g_assert_cmpuint (mode_of (fresh), ==, 0640);
  umask (022);

  /* An overwritten file keeps its mode (and, where the test may, its owner). */
  g_free (bz_test_write (f->out, "private.json", "an earlier export\n", -1));
  g_assert_cmpint (g_chmod (private, 0600), ==, 0);
  if (geteuid () == 0)
    g_assert_cmpint (chown (private, 4242, 4343), ==, 0);
  g_assert_true (export_store (f->db_path, BZ_FORMAT_NATIVE, private, "1,2", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (private), ==, 0600);
  if (geteuid () == 0)
    {
      GStatBuf st;

      g_assert_cmpint (g_stat (private, &st), ==, 0);
      g_assert_cmpuint (st.st_uid, ==, 4242);
      g_assert_cmpuint (st.st_gid, ==, 4343);
    }
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (private, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "{\"format\""));
  }

  /* A replaced brat folder keeps its mode, and so does a file in it. */
  g_assert_true (export_store (f->db_path, BZ_FORMAT_BRAT, brat, "1,2", NULL, NULL, NULL, &error));
  g_assert_cmpuint (mode_of (brat), ==, 0755);
  g_assert_cmpuint (mode_of (brat_file), ==, 0644);
  g_assert_cmpint (g_chmod (brat, 0750), ==, 0);
  g_assert_cmpint (g_chmod (brat_file, 0600), ==, 0);
  g_assert_true (export_store (f->db_path, BZ_FORMAT_BRAT, brat, "1,3", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (brat), ==, 0750);
  g_assert_cmpuint (mode_of (brat_file), ==, 0600);
  {
    g_autofree char *third = g_build_filename (brat, "doc-000003.txt", NULL);

    g_assert_cmpuint (mode_of (third), ==, 0644);
  }
  umask (saved);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *template_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  template_dir = bz_test_make_tmpdir ();
  template_db = make_template (template_dir);
#define ADD(name, func) \
  g_test_add ("/biaozhu/export-files/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("killed", test_killed);
  ADD ("stale-temporaries", test_stale_temporaries);
  ADD ("full-disk", test_full_disk);
  ADD ("brat-replaces", test_brat_replaces);
  ADD ("keeps-mode", test_keeps_mode);
#undef ADD
  status = g_test_run ();
  bz_test_remove_tree (template_dir);
  g_free (template_db);
  return status;
}
