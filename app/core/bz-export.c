/* bz-export.c: export options, filters, deterministic splits, chunks and atomic writes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bz-export.h"
#include "bz-store.h"
#include "bz-format-private.h"
#include "bz-record-queue.h"

static const char *part_names[2][3] = {
  { "train", "test", NULL },
  { "train", "dev", "test" },
};

BzExportOptions *
bz_export_options_new (BzFormat    format,
                       const char *output)
{
  BzExportOptions *self;

  g_return_val_if_fail (format < BZ_FORMAT_N_FORMATS, NULL);
  g_return_val_if_fail (output != NULL, NULL);

  self = g_new0 (BzExportOptions, 1);
  self->format = format;
  self->output = g_strdup (output);
  self->documents = BZ_EXPORT_DOCUMENTS_ALL;
  self->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->statuses[BZ_SPAN_ACCEPTED] = TRUE;
  return self;
}

void
bz_export_options_free (BzExportOptions *self)
{
  if (self == NULL)
    return;

  g_free (self->output);
  g_free (self->layer);
  g_array_unref (self->document_ids);
  g_strfreev (self->labels);
  g_free (self);
}

static void
set_usage_error (GError    **error,
                 const char *format,
                 ...) G_GNUC_PRINTF (2, 3);

static void
set_usage_error (GError    **error,
                 const char *format,
                 ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED, format, args));
  va_end (args);
}

gboolean
bz_export_options_set_documents (BzExportOptions  *self,
                                 const char       *spec,
                                 GError          **error)
{
  g_auto(GStrv) ids = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  g_array_set_size (self->document_ids, 0);
  self->curated_only = FALSE;
  if (g_str_equal (spec, "all"))
    {
      self->documents = BZ_EXPORT_DOCUMENTS_ALL;
      return TRUE;
    }
  if (g_str_equal (spec, "reviewed") || g_str_equal (spec, "curated"))
    {
      self->documents = BZ_EXPORT_DOCUMENTS_REVIEWED;
      self->curated_only = g_str_equal (spec, "curated");
      return TRUE;
    }
  ids = g_strsplit (spec, ",", -1);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      guint64 id;

      if (!g_ascii_string_to_unsigned (g_strstrip (ids[i]), 10, 1, G_MAXINT64, &id, NULL))
        {
          set_usage_error (error, "“%s” is not a document list: give all, reviewed, curated or ids such as 3,5,8",
                           spec);
          return FALSE;
        }
      g_array_append_val (self->document_ids, ((gint64) { (gint64) id }));
    }
  self->documents = BZ_EXPORT_DOCUMENTS_LIST;
  return TRUE;
}

gboolean
bz_export_options_set_layer (BzExportOptions  *self,
                             const char       *spec,
                             GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  g_clear_pointer (&self->layer, g_free);
  if (g_str_equal (spec, "curated") || g_str_equal (spec, BZ_LAYER_CURATED))
    self->layer = g_strdup (BZ_LAYER_CURATED);
  else if (g_str_equal (spec, "shared"))
    self->layer = g_strdup ("");
  else if (bz_reviewer_name_check (spec, &local_error))
    self->layer = g_strdup (spec);
  else
    {
      set_usage_error (error, "“%s” is not a layer: give curated, shared or a reviewer’s name", spec);
      return FALSE;
    }
  return TRUE;
}

void
bz_export_options_set_labels (BzExportOptions *self,
                              const char      *spec)
{
  g_auto(GStrv) labels = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->labels, g_strfreev);
  if (spec == NULL)
    return;
  labels = g_strsplit (spec, ",", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    if (*g_strstrip (labels[i]) != '\0')
      g_strv_builder_add (builder, labels[i]);
  self->labels = g_strv_builder_end (builder);
}

gboolean
bz_export_options_set_statuses (BzExportOptions  *self,
                                const char       *spec,
                                GError          **error)
{
  g_auto(GStrv) names = NULL;
  gboolean statuses[3] = { FALSE, FALSE, FALSE };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  names = g_strsplit (spec, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      BzSpanStatus status;

      if (!bz_span_status_from_string (g_strstrip (names[i]), &status))
        {
          set_usage_error (error, "unknown status “%s” (accepted, suggested or rejected)", names[i]);
          return FALSE;
        }
      statuses[status] = TRUE;
    }
  memcpy (self->statuses, statuses, sizeof statuses);
  return TRUE;
}

gboolean
bz_export_options_set_split (BzExportOptions  *self,
                             const char       *spec,
                             GError          **error)
{
  g_auto(GStrv) parts = NULL;
  guint n;
  guint64 total = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  parts = g_strsplit (spec, ":", -1);
  n = g_strv_length (parts);
  if (n != 2 && n != 3)
    {
      set_usage_error (error, "“%s” is not a split: give train:dev:test ratios such as 8:1:1, or train:test", spec);
      return FALSE;
    }
  memset (self->split, 0, sizeof self->split);
  for (guint i = 0; i < n; i++)
    {
      guint64 ratio;

      if (!g_ascii_string_to_unsigned (parts[i], 10, 0, 1000000, &ratio, NULL))
        {
          set_usage_error (error, "“%s” in the split “%s” is not a whole number", parts[i], spec);
          return FALSE;
        }
      self->split[i] = (guint) ratio;
      total += ratio;
    }
  if (total == 0)
    {
      set_usage_error (error, "the split “%s” puts nothing anywhere", spec);
      return FALSE;
    }
  self->n_splits = n;
  return TRUE;
}

gboolean
bz_export_options_check (const BzExportOptions  *self,
                         GError                **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->statuses[BZ_SPAN_REJECTED] && self->format != BZ_FORMAT_NATIVE)
    {
      set_usage_error (error, "rejected spans leave only in the native format, not in %s",
                       bz_format_to_string (self->format));
      return FALSE;
    }
  if (self->max_chars < 0)
    {
      set_usage_error (error, "the chunk size must be a positive number of characters");
      return FALSE;
    }
  if (self->curated_only && self->layer != NULL && !g_str_equal (self->layer, BZ_LAYER_CURATED))
    {
      set_usage_error (error, "the curated documents leave with the curated layer, not with the layer “%s”",
                       *self->layer != '\0' ? self->layer : "shared");
      return FALSE;
    }
  return TRUE;
}

void
bz_export_report_init (BzExportReport *report)
{
  g_return_if_fail (report != NULL);

  memset (report, 0, sizeof *report);
  report->dropped = g_ptr_array_new_with_free_func (g_free);
  report->files = g_ptr_array_new_with_free_func (g_free);
  report->skipped = g_ptr_array_new_with_free_func (g_free);
  report->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
bz_export_report_clear (BzExportReport *report)
{
  g_return_if_fail (report != NULL);

  g_clear_pointer (&report->dropped, g_ptr_array_unref);
  g_clear_pointer (&report->files, g_ptr_array_unref);
  g_clear_pointer (&report->skipped, g_ptr_array_unref);
  g_clear_pointer (&report->document_ids, g_array_unref);
}

guint
bz_export_split_part (const BzRecord        *record,
                      const BzExportOptions *options)
{
  g_autofree char *key = NULL;
  g_autofree char *digest = NULL;
  guint64 total = 0;
  guint64 point;
  guint64 hash;

  g_return_val_if_fail (record != NULL && options != NULL, 0);

  if (options->n_splits == 0)
    return 0;
  for (guint i = 0; i < options->n_splits; i++)
    total += options->split[i];
  /* The document's own identity decides, so its part never depends on the others. */
  key = record->sha256 != NULL && *record->sha256 != '\0'
        ? g_strdup (record->sha256)
        : g_strdup_printf ("document:%" G_GINT64_FORMAT, record->id);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  hash = g_ascii_strtoull (digest + 56, NULL, 16) & G_MAXUINT32;
  point = (hash * total) >> 32;
  for (guint i = 0; i < options->n_splits; i++)
    {
      if (point < options->split[i])
        return i;
      point -= options->split[i];
    }
  return options->n_splits - 1;
}

char *
bz_export_part_path (const BzExportOptions *options,
                     guint                  part)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (options != NULL, NULL);

  if (options->n_splits == 0)
    return g_strdup (options->output);
  g_return_val_if_fail (part < options->n_splits, NULL);
  name = g_strconcat (part_names[options->n_splits - 2][part], bz_format_get_extension (options->format), NULL);
  return g_build_filename (options->output, name, NULL);
}

static gboolean
document_selected (const BzExportOptions *options,
                   const BzRecord        *record)
{
  switch (options->documents)
    {
    case BZ_EXPORT_DOCUMENTS_REVIEWED:
      return record->status == BZ_DOCUMENT_REVIEWED;
    case BZ_EXPORT_DOCUMENTS_LIST:
      for (guint i = 0; i < options->document_ids->len; i++)
        if (g_array_index (options->document_ids, gint64, i) == record->id)
          return TRUE;
      return FALSE;
    case BZ_EXPORT_DOCUMENTS_ALL:
    default:
      return TRUE;
    }
}

static void
filter_spans (const BzExportOptions *options,
              BzRecord              *record)
{
  g_autofree gboolean *keep = g_new0 (gboolean, record->spans->len + 1);

  for (guint i = 0; i < record->spans->len; i++)
    {
      const BzRecordSpan *span = &g_array_index (record->spans, BzRecordSpan, i);

      keep[i] = span->status <= BZ_SPAN_REJECTED && options->statuses[span->status] &&
                (options->labels == NULL || g_strv_contains ((const char * const *) options->labels, span->label));
    }
  _bz_record_keep_spans (record, keep);
}

static gboolean
write_record (BzFormatWriter         *writer,
              const BzExportOptions  *options,
              BzRecord               *record,
              BzExportReport         *report,
              GError                **error)
{
  g_autoptr(GPtrArray) pieces = NULL;

  if (options->max_chars <= 0 || record->n_chars <= options->max_chars)
    {
      report->n_records++;
      report->n_spans += record->spans->len;
      return bz_format_writer_write (writer, record, error);
    }
  pieces = bz_record_chunk (record, options->max_chars, error);
  if (pieces == NULL)
    return FALSE;
  for (guint i = 0; i < pieces->len; i++)
    {
      BzRecord *piece = pieces->pdata[i];

      report->n_records++;
      report->n_spans += piece->spans->len;
      if (!bz_format_writer_write (writer, piece, error))
        return FALSE;
    }
  return TRUE;
}

/* The writing side of an export: everything after reading, in its own thread. */
typedef struct
{
  const BzExportOptions  *options;
  BzFormatWriter        **writers;
  BzExportReport         *report;
  BzRecordQueue          *queue;
  GError                 *error;
} ExportWriter;

static gboolean
export_record (ExportWriter  *self,
               BzRecord      *record,
               GError       **error)
{
  const BzExportOptions *options = self->options;
  BzExportReport *report = self->report;
  guint part;

  if (!document_selected (options, record))
    return TRUE;
  if (options->documents == BZ_EXPORT_DOCUMENTS_REVIEWED && !options->statuses[BZ_SPAN_SUGGESTED])
    {
      guint n_undecided = 0;

      for (guint i = 0; i < record->spans->len; i++)
        if (g_array_index (record->spans, BzRecordSpan, i).status == BZ_SPAN_SUGGESTED)
          n_undecided++;
      /* Left out: refused at the end, or named in the report. */
      if (n_undecided > 0)
        {
          g_ptr_array_add (report->skipped,
                           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u undecided suggestion)",
                                                         "%s (%u undecided suggestions)", n_undecided),
                                            record->title != NULL ? record->title : "?", n_undecided));
          return TRUE;
        }
    }
  filter_spans (options, record);
  if (!bz_record_check_surfaces (record, error))
    return FALSE;
  bz_record_sort_spans (record);
  if (bz_format_is_flat (options->format))
    bz_record_flatten (record, report->dropped);
  part = bz_export_split_part (record, options);
  report->n_documents++;
  if (record->id > 0)
    g_array_append_val (report->document_ids, record->id);
  report->n_split[part]++;
  return write_record (self->writers[part], options, record, report, error);
}

static gpointer
export_writer_thread (gpointer data)
{
  ExportWriter *self = data;

  for (;;)
    {
      g_autoptr(BzRecord) record = bz_record_queue_pop (self->queue);

      if (record == NULL)
        break;
      if (!export_record (self, record, &self->error))
        {
          /* The reader sees the queue closed and stops. */
          bz_record_queue_close (self->queue);
          break;
        }
    }
  return NULL;
}

gboolean
bz_export_run (const BzExportOptions  *options,
               BzRecordSourceFunc      next,
               gpointer                user_data,
               BzExportReport         *report,
               GError                **error)
{
  BzFormatWriter *writers[3] = { NULL, NULL, NULL };
  g_autoptr(BzRecordQueue) queue = NULL;
  ExportWriter writer = { options, writers, report, NULL, NULL };
  GThread *thread;
  gboolean read_ok = TRUE;
  /* A split's folder that the export makes goes again if the export fails. */
  gboolean made_folder = FALSE;
  guint n_parts;
  gboolean ok = FALSE;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (next != NULL, FALSE);
  g_return_val_if_fail (report != NULL && report->dropped != NULL, FALSE);

  if (!bz_export_options_check (options, error))
    return FALSE;
  if (options->n_splits > 0 && g_file_test (options->output, G_FILE_TEST_IS_REGULAR))
    {
      set_usage_error (error, "“%s” is a file: a split export is written to a folder", options->output);
      return FALSE;
    }

  n_parts = options->n_splits > 0 ? options->n_splits : 1;
  made_folder = options->n_splits > 0 && !g_file_test (options->output, G_FILE_TEST_EXISTS);
  for (guint i = 0; i < n_parts; i++)
    {
      g_autofree char *path = bz_export_part_path (options, i);

      writers[i] = bz_format_writer_new (options->format, path, error);
      if (writers[i] == NULL)
        goto out;
    }

  /* Reading (the source, often the workspace's SQLite) and writing (checks,
   * formatting, output) take about as long as each other: the source is read in
   * the calling thread, which keeps the source's objects in their thread, and
   * the records are written in another, a few records behind. */
  queue = bz_record_queue_new (16);
  writer.queue = queue;
  thread = g_thread_new ("bz-export-writer", export_writer_thread, &writer);
  for (;;)
    {
      BzRecord *record = NULL;

      if (!next (user_data, &record, error))
        {
          /* The writer still takes what was read, so the report counts every
           * document read before the failure (a cancel, say). */
          read_ok = FALSE;
          bz_record_queue_push (queue, NULL);
          break;
        }
      /* Refused when the writer failed: its error is the export's. */
      if (!bz_record_queue_push (queue, record) || record == NULL)
        break;
    }
  g_thread_join (thread);
  if (!read_ok)
    {
      g_clear_error (&writer.error);
      goto out;
    }
  if (writer.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&writer.error));
      goto out;
    }
  if (report->skipped->len > 0 && !options->skip_undecided)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < report->skipped->len && i < 10; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", (char *) report->skipped->pdata[i]);
      if (report->skipped->len > 10)
        g_string_append_printf (names, _(" and %u more"), report->skipped->len - 10);
      g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_UNDECIDED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u reviewed report still has undecided suggestions, which would leave"
                                " as no entity: %s. Decide them, or reject them when marking the report"
                                " reviewed, or leave such reports out of the export",
                                "%u reviewed reports still have undecided suggestions, which would leave"
                                " as no entity: %s. Decide them, or reject them when marking the report"
                                " reviewed, or leave such reports out of the export",
                                report->skipped->len),
                   report->skipped->len, names->str);
      goto out;
    }

  for (guint i = 0; i < n_parts; i++)
    {
      if (!bz_format_writer_commit (writers[i], error))
        goto out;
      report->bytes += bz_format_writer_get_bytes (writers[i]);
      g_ptr_array_add (report->files, bz_export_part_path (options, i));
    }
  ok = TRUE;

out:
  for (guint i = 0; i < n_parts; i++)
    g_clear_pointer (&writers[i], bz_format_writer_free);
  if (!ok && made_folder)
    g_rmdir (options->output);
  return ok;
}
