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
#include <unistd.h>
#include <glib/gstdio.h>

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
  /* The temporary file, or for brat the staging folder. */
  char                *tmp_path;
  FILE                *fp;
  GString             *buf;
  GPtrArray           *staged;
  guint                n_records;
  guint64              bytes;
  /* Where the write-back that the writer started ends. */
  guint64              flushed;
  gboolean             committed;
};

static gboolean
set_io_error (GError    **error,
              int         saved_errno,
              const char *what,
              const char *path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "could not %s “%s”: %s", what, path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (FILE        *fp,
           const char  *data,
           gsize        length,
           const char  *path,
           GError     **error)
{
  if (length > 0 && fwrite (data, 1, length, fp) != length)
    return set_io_error (error, errno, "write", path);
  return TRUE;
}

BzFormatWriter *
bz_format_writer_new (BzFormat     format,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(BzFormatWriter) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;

  g_return_val_if_fail (format < BZ_FORMAT_N_FORMATS, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (BzFormatWriter, 1);
  self->klass = classes[format];
  self->path = g_strdup (path);
  self->buf = g_string_sized_new (1 << 16);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      set_io_error (error, errno, "create the folder", dir);
      return NULL;
    }
  /* The temporary sits beside the target so that the rename stays on one file system. */
  template = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  if (self->klass->folder)
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR,
                       "“%s” is a file: the %s format is written to a folder", path, self->klass->name);
          return NULL;
        }
      if (g_mkdtemp (template) == NULL)
        {
          set_io_error (error, errno, "create a folder in", dir);
          return NULL;
        }
      self->tmp_path = g_steal_pointer (&template);
      self->staged = g_ptr_array_new_with_free_func (g_free);
      return g_steal_pointer (&self);
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   "“%s” is a folder: give a file name for the %s format", path, self->klass->name);
      return NULL;
    }
  {
    int fd = g_mkstemp_full (template, O_WRONLY, 0644);

    if (fd < 0)
      {
        set_io_error (error, errno, "create a file in", dir);
        return NULL;
      }
    self->tmp_path = g_steal_pointer (&template);
    self->fp = fdopen (fd, "wb");
    if (self->fp == NULL)
      {
        set_io_error (error, errno, "open", self->tmp_path);
        close (fd);
        return NULL;
      }
  }
  setvbuf (self->fp, NULL, _IOFBF, 1 << 20);
  if (!write_all (self->fp, self->klass->head, strlen (self->klass->head), self->tmp_path, error))
    return NULL;
  self->bytes = strlen (self->klass->head);
  return g_steal_pointer (&self);
}

static gboolean
write_file (const char  *path,
            const char  *data,
            gsize        length,
            GError     **error)
{
  FILE *fp = fopen (path, "wb");
  gboolean ok;

  if (fp == NULL)
    return set_io_error (error, errno, "create", path);
  ok = write_all (fp, data, length, path, error);
  if (fclose (fp) != 0 && ok)
    ok = set_io_error (error, errno, "write", path);
  return ok;
}

static gboolean
writer_write_brat (BzFormatWriter  *self,
                   const BzRecord  *record,
                   GError         **error)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *txt = NULL;
  g_autofree char *ann = NULL;

  _bz_format_brat_name (record, self->n_records, name);
  g_string_truncate (self->buf, 0);
  if (!_bz_format_brat_ann (self->buf, record, error))
    return FALSE;
  txt = g_strdup_printf ("%s/%s.txt", self->tmp_path, name->str);
  ann = g_strdup_printf ("%s/%s.ann", self->tmp_path, name->str);
  if (g_file_test (txt, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                   "two records would both be written as “%s.txt”", name->str);
      return FALSE;
    }
  if (!write_file (txt, record->text, strlen (record->text), error) ||
      !write_file (ann, self->buf->str, self->buf->len, error))
    return FALSE;
  g_ptr_array_add (self->staged, g_strdup_printf ("%s.txt", name->str));
  g_ptr_array_add (self->staged, g_strdup_printf ("%s.ann", name->str));
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
    return set_io_error (error, errno, "write", self->tmp_path);
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
      !write_all (self->fp, self->buf->str, self->buf->len, self->tmp_path, error))
    return FALSE;
  self->bytes += self->buf->len;
  self->n_records++;
  return start_writeback (self, error);
}

gboolean
bz_format_writer_commit (BzFormatWriter  *self,
                         GError         **error)
{
  FILE *fp;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (self->klass->folder)
    {
      if (g_mkdir_with_parents (self->path, 0755) != 0)
        return set_io_error (error, errno, "create the folder", self->path);
      for (guint i = 0; i < self->staged->len; i++)
        {
          g_autofree char *from = g_build_filename (self->tmp_path, self->staged->pdata[i], NULL);
          g_autofree char *to = g_build_filename (self->path, self->staged->pdata[i], NULL);

          if (g_rename (from, to) != 0)
            return set_io_error (error, errno, "move a file into", self->path);
        }
      g_ptr_array_set_size (self->staged, 0);
      g_rmdir (self->tmp_path);
      self->committed = TRUE;
      return TRUE;
    }

  if (!write_all (self->fp, self->klass->tail, strlen (self->klass->tail), self->tmp_path, error))
    return FALSE;
  self->bytes += strlen (self->klass->tail);
  fp = g_steal_pointer (&self->fp);
  if (fflush (fp) != 0 || fsync (fileno (fp)) != 0)
    {
      set_io_error (error, errno, "write", self->tmp_path);
      fclose (fp);
      return FALSE;
    }
  if (fclose (fp) != 0)
    return set_io_error (error, errno, "write", self->tmp_path);
  if (g_rename (self->tmp_path, self->path) != 0)
    return set_io_error (error, errno, "rename the finished export to", self->path);
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

  if (self->fp != NULL)
    fclose (self->fp);
  if (!self->committed && self->tmp_path != NULL)
    {
      if (self->klass->folder)
        {
          for (guint i = 0; i < self->staged->len; i++)
            {
              g_autofree char *staged = g_build_filename (self->tmp_path, self->staged->pdata[i], NULL);

              g_unlink (staged);
            }
          g_rmdir (self->tmp_path);
        }
      else
        g_unlink (self->tmp_path);
    }
  g_clear_pointer (&self->staged, g_ptr_array_unref);
  g_string_free (self->buf, TRUE);
  g_free (self->tmp_path);
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
