/* test-line-reader.c: a stream read line by line, against splitting it whole
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bz-line-reader-private.h"

/* Asserts that reading @length bytes of @data gives the lines that splitting
 * it at each "\n" gives (without an empty last one). */
static void
assert_lines (const char *data,
              gsize       length)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (data, length, NULL);
  g_autoptr(BzLineReader) reader = _bz_line_reader_new (in);
  g_autofree char *copy = g_strndup (data, length);
  g_auto(GStrv) expected = g_strsplit (copy, "\n", -1);
  guint n = g_strv_length (expected);
  guint i = 0;

  /* "a\n" is one line; "" none. */
  if (n > 0 && expected[n - 1][0] == '\0')
    n--;
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      char *line = NULL;
      gsize line_length = 0;

      g_assert_true (_bz_line_reader_next (reader, &line, &line_length, &error));
      g_assert_no_error (error);
      if (line == NULL)
        break;
      g_assert_cmpuint (i, <, n);
      g_assert_cmpuint (line_length, ==, strlen (line));
      g_assert_cmpstr (line, ==, expected[i]);
      /* The line is the caller's to change until the next one. */
      memset (line, 'x', line_length);
      i++;
    }
  g_assert_cmpuint (i, ==, n);
}

static void
test_short (void)
{
  assert_lines ("", 0);
  assert_lines ("\n", 1);
  assert_lines ("one", 3);
  assert_lines ("one\n", 4);
  assert_lines ("one\ntwo", 7);
  assert_lines ("one\r\n\n\nfour\n", 12);
  assert_lines ("第一行\n第二行\n", strlen ("第一行\n第二行\n"));
}

/* Lines longer than the reader's blocks (1 MiB), and lines of every length
 * across the blocks' ends. */
static void
test_long (void)
{
  g_autoptr(GString) data = g_string_new (NULL);
  char pattern[2048];

  for (guint i = 0; i < sizeof pattern; i++)
    pattern[i] = 'a' + i % 26;
  for (guint i = 0; i < 3; i++)
    {
      gsize from = data->len;

      g_string_set_size (data, from + 1500000 + i);
      memset (data->str + from, 'k' + i, 1500000 + i);
      g_string_append_c (data, '\n');
    }
  for (guint i = 0; i < 3000; i++)
    {
      g_string_append_len (data, pattern, (i * 37) % sizeof pattern);
      g_string_append_c (data, '\n');
    }
  g_string_append (data, "last");
  assert_lines (data->str, data->len);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/biaozhu/line-reader/short", test_short);
  g_test_add_func ("/biaozhu/line-reader/long", test_long);
  return g_test_run ();
}
