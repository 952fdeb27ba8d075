/* bz-format.c: the table of formats, atomic writers and the readers' entry points
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sync_file_range() */
#endif
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "bz-export-file-private.h"
#include "bz-format-private.h"

static const BzFormatClass *classes[BZ_FORMAT_N_FORMATS] = {
  [BZ_FORMAT_NATIVE] = &_bz_format_native,
  [BZ_FORMAT_DOCCANO] = &_bz_format_doccano,
  [BZ_FORMAT_LABEL_STUDIO] = &_bz_format_label_studio,
  [BZ_FORMAT_CLUENER] = &_bz_format_cluener,
  [BZ_FORMAT_SPACY] = &_bz_format_spacy,
  [BZ_FORMAT_BIO] = &_bz_format_bio,
  [BZ_FORMAT_BIOES] = &_bz_format_bioes,
  [BZ_FORMAT_BRAT] = &_bz_format_brat,
};

const BzFormatClass *
_bz_format_get_class (BzFormat format)
{
  g_assert (format < BZ_FORMAT_N_FORMATS);
  return classes[format];
}

const char *
bz_format_to_string (BzFormat format)
{
  g_return_val_if_fail (format < BZ_FORMAT_N_FORMATS, NULL);
  return classes[format]->name;
}

gboolean
bz_format_from_string (const char  *name,
                       BzFormat    *format,
                       GError     **error)
{
  g_autoptr(GString) known = g_string_new (NULL);

  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < BZ_FORMAT_N_FORMATS; i++)
    {
      if (name != NULL && g_ascii_strcasecmp (name, classes[i]->name) == 0)
        {
          *format = (BzFormat) i;
          return TRUE;
        }
      g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", classes[i]->name);
    }
  g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_UNKNOWN_FORMAT,
               "unknown format “%s” (known formats: %s)", name != NULL ? name : "", known->str);
  return FALSE;
}

const char *
bz_format_get_extension (BzFormat format)
{
  g_return_val_if_fail (format < BZ_FORMAT_N_FORMATS, NULL);
  return classes[format]->extension;
}

gboolean
bz_format_is_flat (BzFormat format)
{
  g_return_val_if_fail (format < BZ_FORMAT_N_FORMATS, FALSE);
  return classes[format]->flat;
}

gboolean
bz_format_has_details (BzFormat format)
{
  g_return_val_if_fail (format < BZ_FORMAT_N_FORMATS, FALSE);
  return classes[format]->details;
}

gboolean
bz_format_is_folder (BzFormat format)
{
  g_return_val_if_fail (format < BZ_FORMAT_N_FORMATS, FALSE);
  return classes[format]->folder;
}

gboolean
bz_format_has_status (BzFormat format)
{
  g_return_val_if_fail (format < BZ_FORMAT_N_FORMATS, FALSE);
  return classes[format]->has_status;
}

/* ---- Writers ------------------------------------------------------------- */

struct _BzFormatWriter
{
  const BzFormatClass *klass;
  char                *path;
  /* Flat formats: the file and its stream. */
  BzExportFile        *file;
  FILE                *fp;
  /* Brat: the folder. */
  BzExportFolder      *folder;
  GString             *buf;
  guint                n_records;
  guint64              bytes;
  /* Where the write-back that the writer started ends. */
  guint64              flushed;
  gboolean             committed;
};

static gboolean
write_all (BzFormatWriter  *self,
           const char      *data,
           gsize            length,
           GError         **error)
{
  if (length > 0 && fwrite (data, 1, length, self->fp) != length)
    return _bz_export_io_error (error, errno, _("Could not write “%s”"), self->path);
  return TRUE;
}

BzFormatWriter *
bz_format_writer_new (BzFormat     format,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(BzFormatWriter) self = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (format < BZ_FORMAT_N_FORMATS, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (BzFormatWriter, 1);
  self->klass = classes[format];
  self->path = g_strdup (path);
  self->buf = g_string_sized_new (1 << 16);

  if (self->klass->folder && g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR,
                   "“%s” is a file: the %s format is written to a folder", path, self->klass->name);
      return NULL;
    }
  if (!self->klass->folder && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   "“%s” is a folder: give a file name for the %s format", path, self->klass->name);
      return NULL;
    }
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      _bz_export_io_error (error, errno, _("Could not create the folder “%s”"), dir);
      return NULL;
    }

  if (self->klass->folder)
    {
      self->folder = _bz_export_folder_new (path, self->klass->name, _bz_format_brat_owns_name, error);
      return self->folder != NULL ? g_steal_pointer (&self) : NULL;
    }

  self->file = _bz_export_file_new (path, error);
  if (self->file == NULL)
    return NULL;
  self->fp = _bz_export_file_get_stream (self->file);
  if (!write_all (self, self->klass->head, strlen (self->klass->head), error))
    return NULL;
  self->bytes = strlen (self->klass->head);
  return g_steal_pointer (&self);
}

static gboolean
writer_write_brat (BzFormatWriter  *self,
                   const BzRecord  *record,
                   GError         **error)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  gsize base_len;

  _bz_format_brat_name (record, self->n_records, name);
  g_string_truncate (self->buf, 0);
  if (!_bz_format_brat_ann (self->buf, record, error))
    return FALSE;
  base_len = name->len;
  g_string_append (name, ".txt");
  if (!_bz_export_folder_write_file (self->folder, name->str, record->text, strlen (record->text),
                                     &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_EXIST))
        {
          g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                       "two records would both be written as “%s”", name->str);
          return FALSE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_string_truncate (name, base_len);
  g_string_append (name, ".ann");
  if (!_bz_export_folder_write_file (self->folder, name->str, self->buf->str, self->buf->len, error))
    return FALSE;
  self->bytes += strlen (record->text) + self->buf->len;
  return TRUE;
}

/* The export is fsync'ed once complete, before it takes its name. Starting the
 * write-back of every few megabytes as they are written lets the disk work
 * while the export goes on, instead of all of it at that fsync. */
#define WRITEBACK_STEP (8u << 20)

static gboolean
start_writeback (BzFormatWriter  *self,
                 GError         **error)
{
#ifdef HAVE_SYNC_FILE_RANGE
  if (self->bytes - self->flushed < WRITEBACK_STEP)
    return TRUE;
  if (fflush (self->fp) != 0)
    return _bz_export_io_error (error, errno, _("Could not write “%s”"), self->path);
  /* Only a hint: where the file system cannot, the final fsync does it all. */
  (void) sync_file_range (fileno (self->fp), (off64_t) self->flushed, (off64_t) (self->bytes - self->flushed),
                          SYNC_FILE_RANGE_WRITE);
  self->flushed = self->bytes;
#else
  (void) self;
  (void) error;
#endif
  return TRUE;
}

gboolean
bz_format_writer_write (BzFormatWriter  *self,
                        const BzRecord  *record,
                        GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (self->klass->folder)
    {
      if (!writer_write_brat (self, record, error))
        return FALSE;
      self->n_records++;
      return TRUE;
    }

  g_string_truncate (self->buf, 0);
  if (self->n_records > 0)
    g_string_append (self->buf, self->klass->separator);
  if (!self->klass->write (self->buf, record, error) ||
      !write_all (self, self->buf->str, self->buf->len, error))
    return FALSE;
  self->bytes += self->buf->len;
  self->n_records++;
  return start_writeback (self, error);
}

gboolean
bz_format_writer_commit (BzFormatWriter  *self,
                         GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (self->klass->folder)
    {
      if (!_bz_export_folder_commit (self->folder, error))
        return FALSE;
      self->committed = TRUE;
      return TRUE;
    }

  if (!write_all (self, self->klass->tail, strlen (self->klass->tail), error))
    return FALSE;
  self->bytes += strlen (self->klass->tail);
  if (!_bz_export_file_commit (self->file, error))
    return FALSE;
  self->committed = TRUE;
  return TRUE;
}

guint64
bz_format_writer_get_bytes (BzFormatWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->bytes;
}

void
bz_format_writer_free (BzFormatWriter *self)
{
  if (self == NULL)
    return;

  /* Whatever was not committed is removed with them. */
  g_clear_pointer (&self->file, _bz_export_file_free);
  g_clear_pointer (&self->folder, _bz_export_folder_free);
  g_string_free (self->buf, TRUE);
  g_free (self->path);
  g_free (self);
}

char *
bz_format_write_to_string (BzFormat    format,
                           GPtrArray  *records,
                           GError    **error)
{
  const BzFormatClass *klass;
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (format < BZ_FORMAT_N_FORMATS, NULL);
  g_return_val_if_fail (records != NULL, NULL);

  klass = classes[format];
  if (klass->folder)
    {
      g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                   "the %s format is written to a folder", klass->name);
      return NULL;
    }
  out = g_string_new (klass->head);
  for (guint i = 0; i < records->len; i++)
    {
      if (i > 0)
        g_string_append (out, klass->separator);
      if (!klass->write (out, records->pdata[i], error))
        return NULL;
    }
  g_string_append (out, klass->tail);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- Readers ------------------------------------------------------------- */

static gboolean
read_data_foreach (BzFormat       format,
                   const char    *data,
                   gsize          length,
                   const char    *name,
                   BzRecordFunc   func,
                   gpointer       user_data,
                   GError       **error)
{
  const BzFormatClass *klass = classes[format];
  const char *bad = NULL;

  if (klass->folder)
    {
      g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                   "the %s format is read from files", klass->name);
      return FALSE;
    }
  if (!g_utf8_validate_len (data, length, &bad))
    {
      guint line = 1, column = 1;

      for (const char *p = data; p < bad; p = g_utf8_next_char (p))
        {
          column++;
          if (*p == '\n')
            {
              line++;
              column = 1;
            }
        }
      g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_PARSE,
                   "%s:%u:%u: the file is not valid UTF-8", name, line, column);
      return FALSE;
    }
  /* A UTF-8 byte order mark is not part of the data. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (klass->read != NULL)
    return klass->read (data, length, name, func, user_data, error);
  return _bz_read_json_items (data, length, name, klass, func, user_data, error);
}

gboolean
bz_format_read_file_foreach (BzFormat      format,
                             const char   *path,
                             BzRecordFunc  func,
                             gpointer      user_data,
                             GError      **error)
{
  g_autoptr(GMappedFile) file = NULL;
  const char *data;

  g_return_val_if_fail (format < BZ_FORMAT_N_FORMATS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (classes[format]->folder)
    return _bz_format_brat_read (path, func, user_data, error);
  /* Mapped rather than copied: a large export is read in place. */
  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return FALSE;
  data = g_mapped_file_get_contents (file);
  return read_data_foreach (format, data != NULL ? data : "", g_mapped_file_get_length (file), path,
                            func, user_data, error);
}

static gboolean
collect_record (BzRecord  *record,
                gpointer   user_data,
                GError   **error)
{
  g_ptr_array_add (user_data, record);
  return TRUE;
}

GPtrArray *
bz_format_read_data (BzFormat     format,
                     const char  *data,
                     gsize        length,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (format < BZ_FORMAT_N_FORMATS, NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_record_free);
  if (!read_data_foreach (format, data, length, name, collect_record, records, error))
    return NULL;
  return g_steal_pointer (&records);
}

GPtrArray *
bz_format_read_file (BzFormat     format,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (format < BZ_FORMAT_N_FORMATS, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_record_free);
  if (!bz_format_read_file_foreach (format, path, collect_record, records, error))
    return NULL;
  return g_steal_pointer (&records);
}
