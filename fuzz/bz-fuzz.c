/* bz-fuzz.c: one input of a fuzz harness through the code that biaozhu-cli runs on a file
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-fuzz"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <biaozhu.h>

#include "bz-format-private.h"
#include "bz-store-private.h"
#include "bz-fuzz.h"

static const char * const targets[] = {
  "native", "doccano", "label-studio", "cluener", "spacy", "bio", "bioes", "brat", "report", "work",
  NULL,
};

/* The process's temporary folder, where each input becomes a file. */
static char *work_dir;
/* A workspace as no input has left it: every input meets the same one. */
static BzStore *store;
/* Reports meet an empty workspace, annotation files one with the sample document. */
static gboolean store_is_empty;
/* Work files meet the sample document in independent review, its spans in the
 * layer of the workspace's reviewer: a file of that reviewer meets them. */
static gboolean store_is_independent;
/* Converters held open for the life of the process (GIConv). */
static GPtrArray *converters;

const char * const *
bz_fuzz_list_targets (void)
{
  return targets;
}

gboolean
bz_fuzz_is_target (const char *target)
{
  return target != NULL && g_strv_contains (targets, target);
}

static gboolean
is_report (const char *target)
{
  return g_str_equal (target, "report");
}

static gboolean
is_work (const char *target)
{
  return g_str_equal (target, "work");
}

static BzFormat
target_format (const char *target)
{
  BzFormat format = BZ_FORMAT_NATIVE;

  if (!bz_format_from_string (target, &format, NULL))
    g_error ("“%s” is not a fuzz target", target);
  return format;
}

BzRecord *
bz_fuzz_sample_record (void)
{
  BzRecord *record = bz_record_new (1, "sample \"title\"",
                                    "𠮷野家在王府井开店😀，东城区第一人民医院异地迁建项目。\n"
                                    "GDP实现1112.6亿元，同比增长6.3%！\t东城(dōng chéng)");
  BzRecordSpan *span;

  bz_record_add_span (record, 4, 7, "PLACE", BZ_SPAN_ACCEPTED, "human");
  bz_record_add_span (record, 11, 14, "PLACE", BZ_SPAN_ACCEPTED, "human");
  bz_record_add_span (record, 14, 20, "ORG", BZ_SPAN_ACCEPTED, "extractor@1");
  span = bz_record_add_span (record, 14, 26, "PROJECT", BZ_SPAN_ACCEPTED, "human");
  span->note = g_strdup ("外层\t项目");
  span->reviewer = g_strdup ("li");
  span->attributes = g_strdup ("{\"confidence\":0.5,\"tags\":[\"a\",{\"b\":null}]}");
  bz_record_add_span (record, 28, 31, "INDICATOR", BZ_SPAN_ACCEPTED, "human");
  bz_record_add_span (record, 33, 41, "VALUE", BZ_SPAN_ACCEPTED, "human");
  bz_record_add_span (record, 46, 50, "VALUE", BZ_SPAN_SUGGESTED, "extractor@1");
  bz_record_add_span (record, 52, 54, "PLACE", BZ_SPAN_REJECTED, "extractor@1");
  bz_record_add_relation (record, 4, 5, "has_value");
  record->status = BZ_DOCUMENT_REVIEWED;
  bz_record_sort_spans (record);
  return record;
}

/* The sample record as document 1 of the workspace, with its first @n_spans
 * spans: pieces of a chunked export and spans already there (suggested,
 * accepted, rejected) meet a document. */
static void
add_sample_document (BzStore *workspace,
                     guint    n_spans)
{
  g_autoptr(BzRecord) record = bz_fuzz_sample_record ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (record->text, strlen (record->text));
  g_autoptr(GError) error = NULL;
  g_autoptr(BzCanonicalText) canonical = bz_canonical_text_new_from_bytes (bytes, "sample", &error);
  gint64 id;

  if (canonical == NULL || !g_str_equal (canonical->text, record->text))
    g_error ("the sample text is not canonical");
  id = bz_store_add_document (workspace, record->title, NULL, canonical, NULL, &error);
  if (id != record->id)
    g_error ("the sample document is not document %" G_GINT64_FORMAT ": %s", record->id,
             error != NULL ? error->message : "another id");
  for (guint i = 0; i < MIN (n_spans, record->spans->len); i++)
    {
      const BzRecordSpan *r = &g_array_index (record->spans, BzRecordSpan, i);
      g_autoptr(BzSpan) span = bz_span_new (r->start, r->end, r->label, r->status, r->origin);

      if (bz_store_add_span (workspace, id, span, &error) == 0)
        g_error ("the sample span %u: %s", i, error->message);
    }
}

static BzStore *
get_store (void)
{
  g_autoptr(GError) error = NULL;

  if (store != NULL)
    return store;
  /* In memory: a new workspace costs a millisecond, a file many. */
  store = bz_store_open (":memory:", &error);
  if (store == NULL)
    g_error ("no workspace in memory: %s", error->message);
  bz_store_set_reviewer (store, BZ_FUZZ_REVIEWER);
  if (store_is_independent && !bz_store_set_review_mode (store, BZ_REVIEW_INDEPENDENT, &error))
    g_error ("the workspace in memory does not take independent review: %s", error->message);
  if (!store_is_empty)
    add_sample_document (store, G_MAXUINT);
  return store;
}

/* A new workspace for the next input, made before this one ends: each input
 * then allocates and frees as much as the one before, and libFuzzer does not
 * suspect a leak (and scan the whole heap) after every import. */
static void
renew_store (void)
{
  g_clear_object (&store);
  get_store ();
}

/* What the workspace holds, a line per table: its rows and a checksum of them.
 * An input that is refused leaves it as it was, one merged again too. */
static GPtrArray *
snapshot_workspace (void)
{
  BzStore *workspace = get_store ();
  g_autoptr(sqlite3_stmt) tables = NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  int rc;

  /* A virtual table's rows are those of its shadow tables, read in their turn. */
  rc = sqlite3_prepare_v2 (workspace->db,
                           "SELECT name FROM sqlite_master WHERE type = 'table'"
                           " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                           -1, &tables, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (tables)) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      g_autoptr(sqlite3_stmt) rows = NULL;
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      guint n_rows = 0;

      if (sqlite3_prepare_v2 (workspace->db, sql, -1, &rows, NULL) != SQLITE_OK)
        break;
      while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
        {
          n_rows++;
          for (int i = 0; i < sqlite3_column_count (rows); i++)
            {
              /* The type, the length and the bytes: no two rows read alike. */
              guint8 type = sqlite3_column_type (rows, i);
              const void *bytes = sqlite3_column_blob (rows, i);
              guint32 length = sqlite3_column_bytes (rows, i);

              g_checksum_update (checksum, &type, 1);
              g_checksum_update (checksum, (const guchar *) &length, sizeof length);
              if (length > 0)
                g_checksum_update (checksum, bytes, length);
            }
        }
      if (rc != SQLITE_DONE)
        break;
      g_ptr_array_add (lines, g_strdup_printf ("%s: %u rows (%s)", table, n_rows,
                                               g_checksum_get_string (checksum)));
    }
  if (rc != SQLITE_DONE)
    g_error ("the workspace cannot be read: %s", sqlite3_errmsg (workspace->db));
  return lines;
}

/* Aborts unless the workspace holds what @before says it held. */
static void
check_unchanged (GPtrArray  *before,
                 const char *what,
                 const char *message)
{
  g_autoptr(GPtrArray) after = snapshot_workspace ();

  for (guint i = 0; i < MAX (before->len, after->len); i++)
    {
      const char *was = i < before->len ? before->pdata[i] : "nothing";
      const char *is = i < after->len ? after->pdata[i] : "nothing";

      if (!g_str_equal (was, is))
        g_error ("%s changed the workspace (%s, then %s)%s%s", what, was, is,
                 message != NULL ? ": " : "", message != NULL ? message : "");
    }
}

/* A refusal names the file (every path of an input lies in the work folder) and
 * writes nothing: the workspace is as @before says. */
static void
check_refusal (const GError *error,
               const char   *what,
               GPtrArray    *before)
{
  g_autofree char *refused = g_strdup_printf ("%s that was refused", what);

  if (error == NULL || error->message == NULL || *error->message == '\0')
    g_error ("%s was refused without a message", what);
  if (strstr (error->message, work_dir) == NULL)
    g_error ("%s was refused with a message that does not name the file: %s", what, error->message);
  check_unchanged (before, refused, error->message);
}

static char *
write_input (const char   *name,
             const guint8 *data,
             gsize         size)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (work_dir, name, NULL);

  /* No fsync: the file lives as long as one input. */
  if (!g_file_set_contents_full (path, (const char *) data, size, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("cannot write %s: %s", path, error->message);
  return path;
}

/* ---- Annotation files (import-annotations) ------------------------------ */

/* A brat input is NAME, NUL, the .txt, NUL, the .ann: without a NUL the whole
 * input is the .ann (of an empty text), with one it is the .txt and the .ann.
 * The name keeps the characters a file name of the writer has. */
static char *
write_brat_input (const guint8 *data,
                  gsize         size,
                  GPtrArray    *written)
{
  const guint8 *parts[3] = { NULL, NULL, data };
  gsize lengths[3] = { 0, 0, size };
  const guint8 *nul = memchr (data, '\0', size);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *txt = NULL;
  char *ann;

  if (nul != NULL)
    {
      const guint8 *rest = nul + 1;
      const guint8 *second = memchr (rest, '\0', size - (rest - data));

      parts[1] = data;
      lengths[1] = nul - data;
      parts[2] = rest;
      lengths[2] = size - (rest - data);
      if (second != NULL)
        {
          parts[0] = data;
          lengths[0] = nul - data;
          parts[1] = rest;
          lengths[1] = second - rest;
          parts[2] = second + 1;
          lengths[2] = size - (second + 1 - data);
        }
    }
  for (gsize i = 0; i < lengths[0] && name->len < 40; i++)
    if (g_ascii_isalnum (parts[0][i]) || strchr ("@_-", parts[0][i]) != NULL)
      g_string_append_c (name, (char) parts[0][i]);
  if (name->len == 0)
    g_string_assign (name, "doc-000001");

  g_string_append (name, ".txt");
  txt = write_input (name->str, parts[1] != NULL ? parts[1] : (const guint8 *) "", lengths[1]);
  g_ptr_array_add (written, g_strdup (txt));
  g_string_truncate (name, name->len - strlen (".txt"));
  g_string_append (name, ".ann");
  ann = write_input (name->str, parts[2], lengths[2]);
  g_ptr_array_add (written, g_strdup (ann));
  return ann;
}

static void
run_annotations (BzFormat      format,
                 const guint8 *data,
                 gsize         size)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = snapshot_workspace ();
  BzImportAnnotationsOptions options = { format, FALSE, BZ_SPAN_ACCEPTED, TRUE };
  BzImportAnnotationsReport report, again;

  if (format == BZ_FORMAT_BRAT)
    path = write_brat_input (data, size, written);
  else
    {
      path = write_input ("input", data, size);
      g_ptr_array_add (written, g_strdup (path));
    }

  if (!bz_import_annotations (get_store (), path, &options, &report, &error))
    check_refusal (error, "an annotation file", before);
  else
    {
      /* Read again, every record lands on the document the first import made
       * and every span is there already. */
      options.new_documents = FALSE;
      if (!bz_import_annotations (get_store (), path, &options, &again, &error))
        g_error ("an imported file does not import again: %s", error->message);
      if (again.n_records != report.n_records || again.n_new_documents != 0 || again.n_spans_added != 0 ||
          again.n_matched != report.n_records)
        g_error ("importing a file twice: %u records, %u matched, %u new documents and %u new spans "
                 "the second time (%u records the first)", again.n_records, again.n_matched,
                 again.n_new_documents, again.n_spans_added, report.n_records);
      renew_store ();
    }
  for (guint i = 0; i < written->len; i++)
    g_unlink (written->pdata[i]);
}

/* ---- Report files (import) ----------------------------------------------- */

/* What bz-text.h says of a canonical text. */
static void
check_canonical (const BzCanonicalText *canonical,
                 gsize                  size)
{
  const gint64 *map = (const gint64 *) (gpointer) canonical->offset_map->data;
  g_autoptr(GBytes) again_bytes = NULL;
  g_autoptr(BzCanonicalText) again = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_utf8_validate (canonical->text, -1, NULL) || g_utf8_strlen (canonical->text, -1) != canonical->n_chars)
    g_error ("the canonical text is not %" G_GINT64_FORMAT " characters of UTF-8", canonical->n_chars);
  if (strchr (canonical->text, '\r') != NULL)
    g_error ("the canonical text holds a carriage return");
  if ((gint64) canonical->offset_map->len != canonical->n_chars + 1)
    g_error ("the offset map has %u entries for %" G_GINT64_FORMAT " characters",
             canonical->offset_map->len, canonical->n_chars);
  if (map[canonical->n_chars] != (gint64) size)
    g_error ("the offset map ends at %" G_GINT64_FORMAT ", not at the %" G_GSIZE_FORMAT " bytes of the file",
             map[canonical->n_chars], size);
  for (gint64 i = 0; i < canonical->n_chars; i++)
    if (map[i] < 0 || map[i] > map[i + 1])
      g_error ("the offset map goes back at character %" G_GINT64_FORMAT ": %" G_GINT64_FORMAT " then %" G_GINT64_FORMAT,
               i, map[i], map[i + 1]);
  for (guint i = 0; i < canonical->warnings->len; i++)
    {
      const BzQualityWarning *w = &g_array_index (canonical->warnings, BzQualityWarning, i);

      if (w->start < 0 || w->start > w->end || w->end > canonical->n_chars || w->kind == NULL || w->message == NULL)
        g_error ("quality warning %u [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") does not fit the text", i,
                 w->start, w->end);
    }
  /* Canonical text is canonical: an export of the document imports into a new
   * workspace (import-annotations --new-documents) only if so. */
  again_bytes = g_bytes_new_static (canonical->text, strlen (canonical->text));
  again = bz_canonical_text_new_from_bytes (again_bytes, "canonical", &error);
  if (again == NULL)
    g_error ("the canonical text is refused when read again: %s", error->message);
  if (!g_str_equal (again->text, canonical->text))
    g_error ("the canonical text changes when read again");
}

static void
run_report (const guint8 *data,
            gsize         size)
{
  g_autofree char *path = write_input ("report.txt", data, size);
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(BzCanonicalText) canonical = bz_canonical_text_new_from_bytes (bytes, path, &error);
  g_autoptr(BzImportResult) result = NULL;
  g_autoptr(BzImportResult) again = NULL;
  g_autoptr(BzDocument) document = NULL;
  g_autoptr(GPtrArray) before = snapshot_workspace ();

  if (canonical != NULL)
    check_canonical (canonical, size);
  result = bz_import_file (get_store (), path, NULL, NULL);
  if (result->status == BZ_IMPORT_REFUSED)
    {
      if (canonical != NULL)
        g_error ("a report with a canonical text was refused: %s", result->error->message);
      check_refusal (result->error, "a report", before);
      g_unlink (path);
      return;
    }
  if (canonical == NULL)
    g_error ("a report without a canonical text (%s) was imported", error->message);
  document = bz_store_get_document (get_store (), result->document_id, &error);
  if (document == NULL)
    g_error ("the imported report is not in the workspace: %s", error->message);
  if (g_strcmp0 (bz_document_get_text (document), canonical->text) != 0 ||
      bz_document_get_n_chars (document) != canonical->n_chars)
    g_error ("the workspace holds another text than the report's canonical text");
  again = bz_import_file (get_store (), path, NULL, NULL);
  if (again->status != BZ_IMPORT_EXISTING || again->document_id != result->document_id)
    g_error ("importing a report twice did not find it the second time");
  renew_store ();
  g_unlink (path);
}

/* ---- Work files (merge) -------------------------------------------------- */

static void
run_work (const guint8 *data,
          gsize         size)
{
  g_autofree char *path = write_input ("work.jsonl", data, size);
  g_autoptr(GPtrArray) before = snapshot_workspace ();
  g_autoptr(GPtrArray) merged = NULL;
  g_autoptr(BzMergeReport) report = NULL;
  g_autoptr(BzMergeReport) again = NULL;
  g_autoptr(GError) error = NULL;

  if (!bz_store_merge_work (get_store (), path, &report, &error))
    {
      check_refusal (error, "a work file", before);
      g_unlink (path);
      return;
    }
  /* Merging the same file again changes nothing. */
  merged = snapshot_workspace ();
  if (!bz_store_merge_work (get_store (), path, &again, &error))
    g_error ("a merged work file does not merge again: %s", error->message);
  if (again->n_reports != report->n_reports || again->n_reports_added != 0
      || again->n_spans_added != 0 || again->n_history_added != 0)
    g_error ("merging a work file twice: %u reports (%u added), %u spans and %u history rows added "
             "the second time (%u reports the first)", again->n_reports, again->n_reports_added,
             again->n_spans_added, again->n_history_added, report->n_reports);
  check_unchanged (merged, "merging a work file again", NULL);
  renew_store ();
  g_unlink (path);
}

/* The sample's spans in a work input: each with its history takes a kilobyte. */
#define WORK_SAMPLE_SPANS 1
#define WORK_CONFLICT_SPANS 4

/* A workspace in memory in independent review, its reviewer @reviewer. */
static BzStore *
reviewer_workspace (const char *reviewer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) workspace = bz_store_open (":memory:", &error);

  if (workspace == NULL || !bz_store_set_review_mode (workspace, BZ_REVIEW_INDEPENDENT, &error))
    g_error ("no workspace in memory: %s", error->message);
  bz_store_set_reviewer (workspace, reviewer);
  return g_steal_pointer (&workspace);
}

/* Each span of the layer decided once more, and unless @keep_labels the
 * first one relabelled: history rows of each kind of change. */
static void
decide_again (BzStore  *workspace,
              gint64    document_id,
              gboolean  keep_labels)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = bz_store_list_spans (workspace, document_id, &error);

  if (spans == NULL)
    g_error ("the spans of document %" G_GINT64_FORMAT ": %s", document_id, error->message);
  for (guint i = 0; i < spans->len; i++)
    {
      BzSpan *span = g_ptr_array_index (spans, i);
      gint64 id = bz_span_get_id (span);
      BzSpanStatus other =
        bz_span_get_status (span) == BZ_SPAN_ACCEPTED ? BZ_SPAN_REJECTED : BZ_SPAN_ACCEPTED;

      if (!bz_store_set_span_status (workspace, id, other, &error)
          || (!keep_labels && i == 0 && !bz_store_set_span_label (workspace, id, "DATE", &error)))
        g_error ("span %" G_GINT64_FORMAT ": %s", id, error->message);
    }
}

/* Writes each character outside ASCII as \uXXXX, those outside the BMP as
 * a surrogate pair: outside ASCII, a work file has characters only in strings. */
static GBytes *
escape_non_ascii (GBytes *input)
{
  gsize size;
  const char *text = g_bytes_get_data (input, &size);
  const char *end = text + size;
  GString *out = g_string_sized_new (size * 2);

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else if (c < 0x10000)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_printf (out, "\\u%04X\\u%04X", 0xD800 + ((c - 0x10000) >> 10),
                                0xDC00 + ((c - 0x10000) & 0x3FF));
    }
  return g_string_free_to_bytes (out);
}

GBytes *
bz_fuzz_work_input (BzFuzzWork   which,
                    GError     **error)
{
  static const char second_text[] = "北京市东城区王府井大街开展营商环境改革，2023年完成。";
  const char *reviewer = which == BZ_FUZZ_WORK_CONFLICT ? BZ_FUZZ_REVIEWER : "li";
  g_autoptr(BzStore) workspace = reviewer_workspace (reviewer);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) input = NULL;
  gsize length;
  gboolean ok;

  /* The sample document, as the harness's workspace has it, with a few of its
   * spans: the runs of fuzz/run-fuzz.py read the first 8192 bytes of a seed. */
  add_sample_document (workspace,
                       which == BZ_FUZZ_WORK_CONFLICT ? WORK_CONFLICT_SPANS : WORK_SAMPLE_SPANS);
  decide_again (workspace, 1, which == BZ_FUZZ_WORK_CONFLICT);
  if (which != BZ_FUZZ_WORK_CONFLICT)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (second_text, strlen (second_text));
      g_autoptr(BzCanonicalText) canonical =
        bz_canonical_text_new_from_bytes (bytes, "second", error);
      g_autoptr(BzSpan) place = bz_span_new (0, 3, "PLACE", BZ_SPAN_ACCEPTED, "human");
      g_autoptr(BzSpan) date = bz_span_new (20, 25, "DATE", BZ_SPAN_SUGGESTED, "extractor@1");
      gint64 id;

      if (canonical == NULL)
        return NULL;
      /* What a span may hold besides its bounds, label and status. */
      bz_span_set_note (place, "复核\t“引号”\\");
      bz_span_set_attributes (place, "{\"tags\":[\"a\",{\"b\":null}],\"n\":-1.5e3}");
      bz_span_set_confidence (date, 0.75);
      bz_span_set_source (date, "rules");
      id = bz_store_add_document (workspace, "第二份“报告”", NULL, canonical, NULL, error);
      if (id <= 0 || bz_store_add_span (workspace, id, place, error) == 0
          || bz_store_add_span (workspace, id, date, error) == 0
          || !bz_store_set_document_status (workspace, id, BZ_DOCUMENT_IN_PROGRESS, error))
        return NULL;
      decide_again (workspace, id, FALSE);
    }

  dir = g_dir_make_tmp ("bz-fuzz-work-XXXXXX", error);
  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "work.jsonl", NULL);
  ok = bz_store_export_work (workspace, reviewer, path, error)
       && g_file_get_contents (path, &contents, &length, error);
  g_unlink (path);
  g_rmdir (dir);
  if (!ok)
    return NULL;
  input = g_bytes_new_take (g_steal_pointer (&contents), length);
  return which == BZ_FUZZ_WORK_ESCAPED ? escape_non_ascii (input) : g_steal_pointer (&input);
}

/* ---- Entry points -------------------------------------------------------- */

GBytes *
bz_fuzz_input_from_records (const char  *target,
                            GPtrArray   *records,
                            GError     **error)
{
  BzFormat format;
  const BzRecord *record;
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (bz_fuzz_is_target (target) && !is_report (target) && !is_work (target),
                        NULL);
  g_return_val_if_fail (records != NULL && records->len > 0, NULL);

  format = target_format (target);
  if (format != BZ_FORMAT_BRAT)
    {
      char *data = bz_format_write_to_string (format, records, error);

      return data != NULL ? g_bytes_new_take (data, strlen (data)) : NULL;
    }
  record = records->pdata[0];
  out = g_string_new (NULL);
  _bz_format_brat_name (record, 0, out);
  g_string_append_c (out, '\0');
  g_string_append (out, record->text);
  g_string_append_c (out, '\0');
  if (!_bz_format_brat_ann (out, record, error))
    return NULL;
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

void
bz_fuzz_init (const char *target)
{
  static const char text[] = "北京市东城区王府井大街";
  g_autoptr(GError) error = NULL;

  g_return_if_fail (bz_fuzz_is_target (target));

  /* A warning or a critical from the code under test is a finding. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  if (work_dir == NULL)
    {
      work_dir = g_dir_make_tmp ("bz-fuzz-XXXXXX", &error);
      if (work_dir == NULL)
        g_error ("no temporary folder: %s", error->message);
    }

  /* glibc loads a converter's module when the first descriptor opens and
   * unloads it when the last closes: the decoder's converters stay open, so
   * that each report does not dlopen() and dlclose() them again. */
  if (converters == NULL)
    {
      static const char *charsets[] = {
        "GB18030", "BIG5", "SHIFT_JIS", "EUC-JP", "EUC-KR", "EUC-TW", "ISO-2022-JP", "WINDOWS-1250",
        "WINDOWS-1251", "WINDOWS-1252", "WINDOWS-1253", "WINDOWS-1255", "WINDOWS-1256", "ISO-8859-2",
        "ISO-8859-5", "ISO-8859-7", "ISO-8859-15", "KOI8-R", "IBM866", "MAC-CYRILLIC", "TIS-620",
        "VISCII", "UHC", "CP949",
      };

      converters = g_ptr_array_new ();
      for (guint i = 0; i < G_N_ELEMENTS (charsets); i++)
        {
          GIConv cd = g_iconv_open ("UTF-32LE", charsets[i]);

          if (cd != (GIConv) -1)
            g_ptr_array_add (converters, cd);
        }
    }

  /* One input that imports and one that does not. */
  store_is_empty = is_report (target);
  store_is_independent = is_work (target);
  renew_store ();
  if (is_report (target))
    bz_fuzz_run (target, (const guint8 *) text, strlen (text));
  else if (is_work (target))
    {
      g_autoptr(GBytes) input = bz_fuzz_work_input (BZ_FUZZ_WORK_TWO_REPORTS, &error);

      if (input == NULL)
        g_error ("no work input: %s", error->message);
      bz_fuzz_run (target, g_bytes_get_data (input, NULL), g_bytes_get_size (input));
    }
  else
    {
      g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_record_free);
      g_autoptr(GBytes) input = NULL;

      g_ptr_array_add (records, bz_fuzz_sample_record ());
      if (bz_format_is_flat (target_format (target)))
        bz_record_flatten (records->pdata[0], NULL);
      input = bz_fuzz_input_from_records (target, records, &error);
      if (input == NULL)
        g_error ("no %s input: %s", target, error->message);
      bz_fuzz_run (target, g_bytes_get_data (input, NULL), g_bytes_get_size (input));
    }
  bz_fuzz_run (target, (const guint8 *) "{\xff", 2);
}

void
bz_fuzz_run (const char   *target,
             const guint8 *data,
             gsize         size)
{
  g_return_if_fail (work_dir != NULL);
  g_return_if_fail (data != NULL || size == 0);

  if (data == NULL)
    data = (const guint8 *) "";
  if (is_report (target))
    run_report (data, size);
  else if (is_work (target))
    run_work (data, size);
  else
    run_annotations (target_format (target), data, size);
}

void
bz_fuzz_shutdown (void)
{
  g_clear_object (&store);
  for (guint i = 0; converters != NULL && i < converters->len; i++)
    g_iconv_close (converters->pdata[i]);
  g_clear_pointer (&converters, g_ptr_array_unref);
  if (work_dir != NULL)
    g_rmdir (work_dir);
  g_clear_pointer (&work_dir, g_free);
}
