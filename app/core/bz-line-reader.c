/* bz-line-reader.c: a stream read line by line into one buffer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GDataInputStream copies each line out byte by byte and, to give it as UTF-8,
 * checks it a second time: for a work file of 125 MB that took as long as
 * reading its JSON. This reader reads large blocks, finds each line end with
 * memchr and lends the line in place; the caller checks what it needs.
 */
#include "config.h"

#include <string.h>

#include "bz-line-reader-private.h"

#define BLOCK_SIZE (1 << 20)

struct _BzLineReader
{
  GInputStream *in;
  char         *buffer;
  gsize         size;    /* allocated, one byte more for the NUL after a last line */
  gsize         start;   /* where the next line begins */
  gsize         end;     /* where the bytes read end */
  gsize         scanned; /* up to where the next line has no line end */
  gboolean      at_end;
};

BzLineReader *
_bz_line_reader_new (GInputStream *in)
{
  BzLineReader *reader = g_new0 (BzLineReader, 1);

  g_return_val_if_fail (G_IS_INPUT_STREAM (in), NULL);

  reader->in = g_object_ref (in);
  reader->size = BLOCK_SIZE + 1;
  reader->buffer = g_malloc (reader->size);
  return reader;
}

void
_bz_line_reader_free (BzLineReader *reader)
{
  if (reader == NULL)
    return;
  g_object_unref (reader->in);
  g_free (reader->buffer);
  g_free (reader);
}

/* Reads more of the stream behind what is not yet given out. */
static gboolean
fill (BzLineReader  *reader,
      GError       **error)
{
  gssize n;

  if (reader->start > 0)
    {
      memmove (reader->buffer, reader->buffer + reader->start, reader->end - reader->start);
      reader->end -= reader->start;
      reader->scanned -= reader->start;
      reader->start = 0;
    }
  /* A line longer than the buffer: twice the room. */
  if (reader->size - 1 - reader->end < BLOCK_SIZE / 2)
    {
      reader->size = 2 * reader->size - 1;
      reader->buffer = g_realloc (reader->buffer, reader->size);
    }
  n = g_input_stream_read (reader->in, reader->buffer + reader->end, reader->size - 1 - reader->end,
                           NULL, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    reader->at_end = TRUE;
  reader->end += n;
  return TRUE;
}

/**
 * _bz_line_reader_next:
 * @out_line: (out) (transfer none) (nullable): the next line without its
 *   "\n", NUL-terminated, %NULL at the end of the stream; the caller may
 *   change its bytes, and it lasts until the next call
 * @out_length: (out): its length in bytes
 *
 * Returns: whether the stream could be read (@error says why not)
 */
gboolean
_bz_line_reader_next (BzLineReader  *reader,
                      char         **out_line,
                      gsize         *out_length,
                      GError       **error)
{
  for (;;)
    {
      char *newline = memchr (reader->buffer + reader->scanned, '\n',
                              reader->end - reader->scanned);
      char *line = reader->buffer + reader->start;

      if (newline != NULL || (reader->at_end && reader->start < reader->end))
        {
          gsize line_end = newline != NULL ? (gsize) (newline - reader->buffer) : reader->end;

          reader->buffer[line_end] = '\0';
          *out_line = line;
          *out_length = line_end - reader->start;
          reader->start = reader->scanned = MIN (line_end + 1, reader->end);
          return TRUE;
        }
      if (reader->at_end)
        {
          *out_line = NULL;
          *out_length = 0;
          return TRUE;
        }
      reader->scanned = reader->end;
      if (!fill (reader, error))
        return FALSE;
    }
}
