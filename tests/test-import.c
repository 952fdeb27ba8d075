/* test-import.c: import of files and folders into a store
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include <biaozhu.h>

#include "bz-test-fs.h"

#define TRADITIONAL_SAMPLE "001_c8b0e577e10dc616.txt"

typedef struct
{
  char    *dir;
  char    *db_path;
  BzStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = bz_test_make_tmpdir ();
  fixture->db_path = g_build_filename (fixture->dir, "workspace.db", NULL);
  fixture->store = bz_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  bz_test_remove_tree (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

static guint
count_documents (BzStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = bz_store_list_documents (store, &error);

  g_assert_no_error (error);
  return documents->len;
}

static GPtrArray *
import_all (BzStore              *store,
            const char * const   *paths,
            BzImportAnnotateFunc  annotate,
            gpointer              annotate_data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = bz_import_paths (store, paths, annotate, annotate_data,
                                        NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static const BzImportResult *
result_at (GPtrArray *results,
           guint      i)
{
  g_assert_cmpuint (i, <, results->len);
  return g_ptr_array_index (results, i);
}

/* Writes a copy of every sample in @encoding (with @bom before it) to @dir. */
static void
write_encoded_copies (const char *dir,
                      const char *encoding,
                      const char *bom,
                      gsize       bom_length)
{
  g_auto(GStrv) names = bz_test_sample_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *utf8 = NULL;
      g_autofree char *encoded = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      gsize length;
      gsize written;

      utf8 = bz_test_read_sample (names[i], &length);
      encoded = g_convert (utf8, length, encoding, "UTF-8", NULL, &written, &error);
      g_assert_no_error (error);
      g_byte_array_append (bytes, (const guint8 *) bom, bom_length);
      g_byte_array_append (bytes, (const guint8 *) encoded, written);
      path = bz_test_write (dir, names[i], (const char *) bytes->data, bytes->len);
    }
}

static void
test_encodings_dedup (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *gb_dir = g_build_filename (fixture->dir, "gb18030", NULL);
  g_autofree char *utf16_dir = g_build_filename (fixture->dir, "utf16le", NULL);
  const char *paths[] = { g_getenv ("BZ_SAMPLES"), gb_dir, utf16_dir, NULL };
  g_auto(GStrv) names = bz_test_sample_names ();
  g_autoptr(GPtrArray) results = NULL;
  guint n = g_strv_length (names);

  g_assert_cmpuint (n, ==, 4);
  write_encoded_copies (gb_dir, "GB18030", "", 0);
  write_encoded_copies (utf16_dir, "UTF-16LE", "\xff\xfe", 2);

  results = import_all (fixture->store, paths, NULL, NULL);
  g_assert_cmpuint (results->len, ==, 3 * n);
  for (guint i = 0; i < n; i++)
    {
      const BzImportResult *original = result_at (results, i);

      g_assert_cmpint (original->status, ==, BZ_IMPORT_ADDED);
      g_assert_no_error (original->error);
      g_assert_true (g_str_has_suffix (original->path, names[i]));
      for (guint copy = 1; copy < 3; copy++)
        {
          const BzImportResult *r = result_at (results, copy * n + i);

          g_assert_no_error (r->error);
          g_assert_cmpint (r->status, ==, BZ_IMPORT_EXISTING);
          g_assert_cmpint (r->document_id, ==, original->document_id);
          g_assert_true (g_str_has_suffix (r->path, names[i]));
        }
      if (g_str_equal (names[i], TRADITIONAL_SAMPLE))
        {
          g_assert_cmpuint (original->n_glosses_removed, ==, 1270);
          g_assert_cmpuint (original->n_warnings, ==, 6);
        }
    }
  g_assert_cmpuint (count_documents (fixture->store), ==, n);
}

/* Lines of the Traditional sample's canonical text (glosses removed) that Big5
 * can hold. */
static char *
big5_excerpt (void)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *sample = bz_test_read_sample (TRADITIONAL_SAMPLE, &length);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&sample), length);
  g_autoptr(BzCanonicalText) canonical = bz_canonical_text_new_from_bytes (bytes, TRADITIONAL_SAMPLE, &error);
  g_auto(GStrv) lines = NULL;
  GString *excerpt = g_string_new (NULL);

  g_assert_no_error (error);
  lines = g_strsplit (canonical->text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && excerpt->len < 6000; i++)
    {
      g_autofree char *big5 = g_convert (lines[i], -1, "BIG5", "UTF-8", NULL, NULL, NULL);

      if (big5 != NULL && lines[i][0] != '\0')
        g_string_append_printf (excerpt, "%s\n", lines[i]);
    }
  return g_string_free (excerpt, FALSE);
}

static void
test_big5 (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *excerpt = big5_excerpt ();
  g_autofree char *big5 = NULL;
  g_autofree char *path = NULL;
  g_autoptr(BzImportResult) result = NULL;
  g_autoptr(BzDocument) document = NULL;
  gsize length;

  g_assert_cmpuint (strlen (excerpt), >, 2000);
  big5 = g_convert (excerpt, -1, "BIG5", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  path = bz_test_write (fixture->dir, "big5.txt", big5, length);

  result = bz_import_file (fixture->store, path, NULL, NULL);
  g_assert_no_error (result->error);
  g_assert_cmpint (result->status, ==, BZ_IMPORT_ADDED);

  document = bz_store_get_document (fixture->store, result->document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_ascii_strcasecmp (bz_document_get_encoding (document), "BIG5"), ==, 0);
  g_assert_cmpint (bz_document_get_script (document), ==, BZ_SCRIPT_TRADITIONAL);
  g_assert_cmpstr (bz_document_get_text (document), ==, excerpt);
  /* The report's heading line is its title, the file its source. */
  g_assert_cmpstr (bz_document_get_title (document), ==, "政 府 工 作 報 告");
  g_assert_true (g_str_has_suffix (bz_document_get_source_path (document), "/big5.txt"));
}

static void
test_folder_refusals (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.txt", NULL);
  g_autofree char *first = bz_test_read_sample ("000_3f1c054c4ba4af40.txt", NULL);
  g_autofree char *second = bz_test_read_sample ("002_f996e536b5069f20.txt", NULL);
  g_autofree char *a = bz_test_write (in, "a.txt", first, -1);
  g_autofree char *empty = bz_test_write (in, "b-empty.txt", "", 0);
  g_autofree char *bin = bz_test_write (in, "c-binary.txt", binary, sizeof binary);
  g_autofree char *d = bz_test_write (in, "sub/d.txt", second, -1);
  g_autofree char *undetectable_src = g_build_filename (g_getenv ("BZ_TEST_DATA"), "text", "undetectable.txt", NULL);
  g_autofree char *undetectable_bytes = NULL;
  g_autofree char *undetectable = NULL;
  gsize undetectable_length;
  g_autofree char *ignored = bz_test_write (in, "notes.dat", first, -1);
  g_autofree char *hidden = bz_test_write (in, ".hidden.txt", second, -1);
  const char *paths[] = { in, missing, NULL };
  g_autoptr(GPtrArray) results = NULL;
  const BzImportResult *r;

  g_assert_true (g_file_get_contents (undetectable_src, &undetectable_bytes, &undetectable_length, NULL));
  undetectable = bz_test_write (in, "e-undetectable.txt", undetectable_bytes, undetectable_length);

  results = import_all (fixture->store, paths, NULL, NULL);
  g_assert_cmpuint (results->len, ==, 6);

  r = result_at (results, 0);
  g_assert_cmpstr (r->path, ==, a);
  g_assert_cmpint (r->status, ==, BZ_IMPORT_ADDED);

  r = result_at (results, 1);
  g_assert_cmpstr (r->path, ==, empty);
  g_assert_cmpint (r->status, ==, BZ_IMPORT_REFUSED);
  g_assert_error (r->error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_EMPTY);
  g_assert_nonnull (strstr (r->error->message, empty));
  g_assert_cmpint (r->document_id, ==, 0);

  r = result_at (results, 2);
  g_assert_cmpstr (r->path, ==, bin);
  g_assert_error (r->error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_BINARY);
  g_assert_nonnull (strstr (r->error->message, bin));

  r = result_at (results, 3);
  g_assert_cmpstr (r->path, ==, undetectable);
  g_assert_error (r->error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (r->error->message, undetectable));

  r = result_at (results, 4);
  g_assert_cmpstr (r->path, ==, d);
  g_assert_cmpint (r->status, ==, BZ_IMPORT_ADDED);

  r = result_at (results, 5);
  g_assert_cmpstr (r->path, ==, missing);
  g_assert_error (r->error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (r->error->message, missing));

  g_assert_cmpuint (count_documents (fixture->store), ==, 2);
}

static void
test_collect_sorted (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *in = g_build_filename (fixture->dir, "in", NULL);
  g_autofree char *z = bz_test_write (in, "z.txt", "z", -1);
  g_autofree char *a = bz_test_write (in, "a.txt", "a", -1);
  g_autofree char *upper = bz_test_write (in, "B.TXT", "b", -1);
  g_autofree char *nested = bz_test_write (in, "m/b.txt", "b", -1);
  g_autofree char *other = bz_test_write (in, "m/readme.md", "r", -1);
  g_autofree char *loop = g_build_filename (in, "m", "loop", NULL);
  const char *paths[] = { in, other, NULL };
  g_autoptr(GPtrArray) files = NULL;

  /* A link back to the folder would list it forever. */
  g_assert_cmpint (symlink (in, loop), ==, 0);

  files = bz_import_collect_files (paths);
  g_assert_cmpuint (files->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (files, 0), ==, upper);
  g_assert_cmpstr (g_ptr_array_index (files, 1), ==, a);
  g_assert_cmpstr (g_ptr_array_index (files, 2), ==, nested);
  g_assert_cmpstr (g_ptr_array_index (files, 3), ==, z);
  /* A file named on its own is read whatever its name. */
  g_assert_cmpstr (g_ptr_array_index (files, 4), ==, other);
}

typedef struct
{
  guint   calls;
  gint64  fail_on_call;
  char   *last_text;
} AnnotateData;

/* Adds an extractor suggestion, then fails on the chosen call. */
static gboolean
annotate_cb (BzStore     *store,
             gint64       document_id,
             const char  *text,
             gpointer     user_data,
             GError     **error)
{
  AnnotateData *data = user_data;
  g_autoptr(BzSpan) span = bz_span_new (0, 2, "PLACE", BZ_SPAN_SUGGESTED, "extractor@test");

  data->calls++;
  g_free (data->last_text);
  data->last_text = g_strdup (text);
  if (bz_store_add_span (store, document_id, span, error) == 0)
    return FALSE;
  if (data->calls == data->fail_on_call)
    {
      g_set_error (error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_FAILED, "the test extractor gave up");
      return FALSE;
    }
  return TRUE;
}

static void
test_all_or_nothing (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = g_build_filename (g_getenv ("BZ_SAMPLES"), "000_3f1c054c4ba4af40.txt", NULL);
  g_autofree char *second = g_build_filename (g_getenv ("BZ_SAMPLES"), "002_f996e536b5069f20.txt", NULL);
  const char *paths[] = { first, second, NULL };
  AnnotateData data = { 0, 2, NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(BzImportResult) again = NULL;
  g_autoptr(BzImportResult) retry = NULL;
  g_autofree char *failed_text = NULL;
  const BzImportResult *r;
  gint64 first_id;

  results = import_all (fixture->store, paths, annotate_cb, &data);
  g_assert_cmpuint (data.calls, ==, 2);
  r = result_at (results, 0);
  g_assert_cmpint (r->status, ==, BZ_IMPORT_ADDED);
  first_id = r->document_id;
  r = result_at (results, 1);
  g_assert_cmpint (r->status, ==, BZ_IMPORT_REFUSED);
  g_assert_error (r->error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (r->error->message, second));
  g_assert_nonnull (strstr (r->error->message, "the test extractor gave up"));

  /* Neither the refused document nor its span survived. */
  failed_text = g_steal_pointer (&data.last_text);
  g_assert_cmpint (bz_store_find_document_by_text (fixture->store, failed_text, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_documents (fixture->store), ==, 1);

  /* The accepted document keeps its suggestion across a reopen. */
  g_clear_object (&fixture->store);
  fixture->store = bz_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  spans = bz_store_list_spans (fixture->store, first_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpstr (bz_span_get_origin (g_ptr_array_index (spans, 0)), ==, "extractor@test");

  /* A document already present is not annotated again. */
  again = bz_import_file (fixture->store, first, annotate_cb, &data);
  g_assert_cmpint (again->status, ==, BZ_IMPORT_EXISTING);
  g_assert_cmpint (again->document_id, ==, first_id);
  g_assert_cmpuint (data.calls, ==, 2);

  /* Nothing of the refused one was left to make it "existing". */
  retry = bz_import_file (fixture->store, second, NULL, NULL);
  g_assert_no_error (retry->error);
  g_assert_cmpint (retry->status, ==, BZ_IMPORT_ADDED);
  g_assert_cmpuint (count_documents (fixture->store), ==, 2);
  g_free (data.last_text);
}

typedef struct
{
  GCancellable *cancellable;
  guint         cancel_at;
  GString      *log;
} ProgressData;

static void
progress_cb (guint       done,
             guint       total,
             const char *path,
             gpointer    user_data)
{
  ProgressData *data = user_data;
  g_autofree char *base = path != NULL ? g_path_get_basename (path) : g_strdup ("-");

  g_string_append_printf (data->log, "%u/%u %s\n", done, total, base);
  if (done == data->cancel_at)
    g_cancellable_cancel (data->cancellable);
}

static void
test_progress_and_cancel (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const char *paths[] = { g_getenv ("BZ_SAMPLES"), NULL };
  ProgressData data = { cancellable, 1, g_string_new (NULL) };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) rest = NULL;

  results = bz_import_paths (fixture->store, paths, NULL, NULL, progress_cb, &data,
                             cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (results);
  g_assert_cmpstr (data.log->str, ==,
                   "0/4 000_3f1c054c4ba4af40.txt\n"
                   "1/4 001_c8b0e577e10dc616.txt\n");
  /* The file finished before the cancel stays imported. */
  g_assert_cmpuint (count_documents (fixture->store), ==, 1);

  g_clear_error (&error);
  g_string_truncate (data.log, 0);
  g_cancellable_reset (cancellable);
  data.cancel_at = G_MAXUINT;
  rest = bz_import_paths (fixture->store, paths, NULL, NULL, progress_cb, &data,
                          cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rest->len, ==, 4);
  g_assert_cmpint (result_at (rest, 0)->status, ==, BZ_IMPORT_EXISTING);
  for (guint i = 1; i < 4; i++)
    g_assert_cmpint (result_at (rest, i)->status, ==, BZ_IMPORT_ADDED);
  g_assert_cmpstr (data.log->str, ==,
                   "0/4 000_3f1c054c4ba4af40.txt\n"
                   "1/4 001_c8b0e577e10dc616.txt\n"
                   "2/4 002_f996e536b5069f20.txt\n"
                   "3/4 004_abfdc79be98c6e8f.txt\n"
                   "4/4 -\n");
  g_assert_cmpuint (count_documents (fixture->store), ==, 4);
  g_string_free (data.log, TRUE);
}

static void
test_dedup_bytes (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *contents = bz_test_read_sample ("004_abfdc79be98c6e8f.txt", &length);
  g_autofree char *original = bz_test_write (fixture->dir, "report.txt", contents, length);
  g_autofree char *renamed = bz_test_write (fixture->dir, "copy/renamed.txt", contents, length);
  const char *paths[] = { original, original, renamed, NULL };
  g_autoptr(GPtrArray) results = import_all (fixture->store, paths, NULL, NULL);
  g_autoptr(BzDocument) document = NULL;
  gint64 id = result_at (results, 0)->document_id;

  g_assert_cmpint (result_at (results, 0)->status, ==, BZ_IMPORT_ADDED);
  for (guint i = 1; i < 3; i++)
    {
      g_assert_cmpint (result_at (results, i)->status, ==, BZ_IMPORT_EXISTING);
      g_assert_cmpint (result_at (results, i)->document_id, ==, id);
    }
  g_assert_cmpuint (count_documents (fixture->store), ==, 1);

  /* The report's heading titles the document; the first file is its source. */
  document = bz_store_get_document (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bz_document_get_title (document), ==, "2019年北京市西城区人民政府工作报告");
  g_assert_true (g_path_is_absolute (bz_document_get_source_path (document)));
  g_assert_true (g_str_has_suffix (bz_document_get_source_path (document), "/report.txt"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/biaozhu/import/encodings-dedup", Fixture, NULL, fixture_set_up, test_encodings_dedup, fixture_tear_down);
  g_test_add ("/biaozhu/import/big5", Fixture, NULL, fixture_set_up, test_big5, fixture_tear_down);
  g_test_add ("/biaozhu/import/folder-refusals", Fixture, NULL, fixture_set_up, test_folder_refusals, fixture_tear_down);
  g_test_add ("/biaozhu/import/collect-sorted", Fixture, NULL, fixture_set_up, test_collect_sorted, fixture_tear_down);
  g_test_add ("/biaozhu/import/all-or-nothing", Fixture, NULL, fixture_set_up, test_all_or_nothing, fixture_tear_down);
  g_test_add ("/biaozhu/import/progress-and-cancel", Fixture, NULL, fixture_set_up, test_progress_and_cancel, fixture_tear_down);
  g_test_add ("/biaozhu/import/dedup-bytes", Fixture, NULL, fixture_set_up, test_dedup_bytes, fixture_tear_down);
  return g_test_run ();
}
