/* fuzz-seeds.c: the seed inputs of the fuzz harnesses, made from the project's test data
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   fuzz-seeds SOURCE_DIR OUT_DIR TARGET...
 *
 * Writes OUT_DIR/TARGET/NNN-what for each target. The annotation formats get
 * the harnesses' sample document (bz_fuzz_sample_record(): everything a format
 * can hold), whole and cut into the pieces of a chunked export, and the gold
 * paragraphs of tests/data/gold, cut too, some files of three pieces, written
 * by the project's own writers. Reports get the fixtures of
 * tests/data/text and the start of each sample report in UTF-8 (also with a
 * BOM and CRLF), GB18030, UTF-16LE with a BOM and UTF-16BE. Work files are
 * what bz_store_export_work() writes of the workspaces bz_fuzz_work_input()
 * makes (two reports, conflicts, every character escaped), whole and cut
 * after each line.
 */
#define G_LOG_DOMAIN "bz-fuzz"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <biaozhu.h>

#include "bz-fuzz.h"

/* Gold paragraphs read from each file, and the longest piece of one. */
#define N_PARAGRAPHS 16
#define PIECE_CHARS  120
#define SAMPLE_PIECE_CHARS 30
#define EXCERPT_BYTES 1500
/* What a harness reads of an input (MAX_LEN of run-fuzz.py). */
#define INPUT_MAX_BYTES 8192

typedef struct
{
  char  *dir;
  guint  n;
} Out;

static void
out_write (Out          *out,
           const char   *what,
           const void   *data,
           gsize         size)
{
  g_autofree char *name = g_strdup_printf ("%03u-%s", out->n++, what);
  g_autofree char *path = g_build_filename (out->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, data, size, &error))
    g_error ("%s", error->message);
}

/* The gold paragraphs of one file as records of accepted spans. */
static void
read_gold (const char *path,
           GPtrArray  *records)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL && i < N_PARAGRAPHS; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;
      JsonArray *labels;
      BzRecord *record;

      if (*lines[i] == '\0' || !json_parser_load_from_data (parser, lines[i], -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      object = json_node_get_object (json_parser_get_root (parser));
      /* Ids that the workspace does not have: only the sample is document 1. */
      record = bz_record_new (100 + i, NULL, json_object_get_string_member (object, "text"));
      labels = json_object_get_array_member (object, "label");
      for (guint k = 0; k < json_array_get_length (labels); k++)
        {
          JsonArray *triple = json_array_get_array_element (labels, k);

          bz_record_add_span (record, json_array_get_int_element (triple, 0), json_array_get_int_element (triple, 1),
                              json_array_get_string_element (triple, 2), BZ_SPAN_ACCEPTED, NULL);
        }
      bz_record_sort_spans (record);
      g_ptr_array_add (records, record);
    }
}

static void
write_records (Out        *out,
               const char *target,
               const char *what,
               GPtrArray  *records)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) input = NULL;
  BzFormat format = BZ_FORMAT_NATIVE;

  if (!bz_format_from_string (target, &format, &error))
    g_error ("%s", error->message);
  if (bz_format_is_flat (format))
    for (guint i = 0; i < records->len; i++)
      bz_record_flatten (records->pdata[i], NULL);
  input = bz_fuzz_input_from_records (target, records, &error);
  if (input == NULL)
    g_error ("%s: %s", target, error->message);
  out_write (out, what, g_bytes_get_data (input, NULL), g_bytes_get_size (input));
}

static void
annotation_seeds (Out        *out,
                  const char *source_dir,
                  const char *target)
{
  static const char *gold[] = { "000_3f1c054c4ba4af40.jsonl", "002_f996e536b5069f20.jsonl" };
  g_autoptr(GPtrArray) sample = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_record_free);
  g_autoptr(BzRecord) whole = bz_fuzz_sample_record ();
  g_autoptr(GPtrArray) sample_pieces = bz_record_chunk (whole, SAMPLE_PIECE_CHARS, NULL);

  /* The workspace's document 1, whole and in pieces. */
  g_ptr_array_add (sample, bz_fuzz_sample_record ());
  write_records (out, target, "sample", sample);
  while (sample_pieces != NULL && sample_pieces->len > 0)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_record_free);

      g_ptr_array_add (one, g_ptr_array_steal_index (sample_pieces, 0));
      write_records (out, target, "sample-piece", one);
    }

  for (guint f = 0; f < G_N_ELEMENTS (gold); f++)
    {
      g_autofree char *path = g_build_filename (source_dir, "tests", "data", "gold", gold[f], NULL);
      g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_record_free);
      g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func ((GDestroyNotify) bz_record_free);

      read_gold (path, paragraphs);
      for (guint i = 0; i < paragraphs->len; i++)
        {
          g_autoptr(GPtrArray) pieces = bz_record_chunk (paragraphs->pdata[i], PIECE_CHARS, NULL);

          /* A paragraph that cannot be cut between its spans is left out. */
          while (pieces != NULL && pieces->len > 0)
            {
              g_ptr_array_add (group, g_ptr_array_steal_index (pieces, 0));
              /* Pieces alone, and now and then three in one file. */
              if (group->len == 3 || i % 4 != 0)
                {
                  write_records (out, target, "gold", group);
                  g_ptr_array_set_size (group, 0);
                }
            }
        }
      if (group->len > 0)
        write_records (out, target, "gold", group);
    }
}

/* The first bytes of @text up to a character's end. */
static char *
excerpt (const char *text)
{
  const char *end = text + MIN (strlen (text), EXCERPT_BYTES);

  while (end > text && (*end & 0xC0) == 0x80)
    end--;
  return g_strndup (text, end - text);
}

static void
write_encoded (Out        *out,
               const char *what,
               const char *text,
               const char *charset,
               const char *prefix,
               gsize       prefix_length)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *encoded = g_convert (text, -1, charset, "UTF-8", NULL, &length, &error);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();

  if (encoded == NULL)
    return;
  g_byte_array_append (bytes, (const guint8 *) prefix, prefix_length);
  g_byte_array_append (bytes, (const guint8 *) encoded, length);
  out_write (out, what, bytes->data, bytes->len);
}

static void
report_seeds (Out        *out,
              const char *source_dir)
{
  const char *folders[] = { "tests/data/text", "data/samples" };

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autofree char *dir_path = g_build_filename (source_dir, folders[f], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        g_error ("cannot list %s", dir_path);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (!g_str_has_suffix (name, ".md"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *path = g_build_filename (dir_path, names->pdata[i], NULL);
          g_autofree char *contents = NULL;
          g_autofree char *text = NULL;
          g_autofree char *crlf = NULL;
          g_auto(GStrv) lines = NULL;
          gsize length;

          if (!g_file_get_contents (path, &contents, &length, NULL))
            g_error ("cannot read %s", path);
          if (f == 0)
            {
              out_write (out, names->pdata[i], contents, length);
              continue;
            }
          text = excerpt (contents);
          lines = g_strsplit (text, "\n", -1);
          crlf = g_strjoinv ("\r\n", lines);
          out_write (out, "utf8", text, strlen (text));
          write_encoded (out, "utf8-bom-crlf", crlf, "UTF-8", "\xEF\xBB\xBF", 3);
          write_encoded (out, "gb18030", text, "GB18030", "", 0);
          write_encoded (out, "utf16le-bom", text, "UTF-16LE", "\xFF\xFE", 2);
          write_encoded (out, "utf16be", text, "UTF-16BE", "", 0);
        }
    }
}

static void
work_seeds (Out *out)
{
  static const char *names[] = { "two-reports", "conflict", "escaped" };
  static const BzFuzzWork kinds[] = {
    BZ_FUZZ_WORK_TWO_REPORTS, BZ_FUZZ_WORK_CONFLICT, BZ_FUZZ_WORK_ESCAPED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) input = bz_fuzz_work_input (kinds[i], &error);
      gsize size;
      const char *data;

      if (input == NULL)
        g_error ("%s: %s", names[i], error->message);
      data = g_bytes_get_data (input, &size);
      if (size > INPUT_MAX_BYTES)
        g_error ("the %s work file has %" G_GSIZE_FORMAT " bytes, more than a harness reads",
                 names[i], size);
      out_write (out, names[i], data, size);
      /* The header alone, then with each report in turn. */
      for (const char *end = memchr (data, '\n', size);
           i == 0 && end != NULL && end + 1 < data + size;
           end = memchr (end + 1, '\n', data + size - end - 1))
        out_write (out, "two-reports-cut", data, end + 1 - data);
    }
}

int
main (int    argc,
      char **argv)
{
  if (argc < 4)
    {
      g_printerr ("usage: fuzz-seeds SOURCE_DIR OUT_DIR TARGET...\n");
      return 2;
    }
  for (int i = 3; i < argc; i++)
    {
      Out out = { g_build_filename (argv[2], argv[i], NULL), 0 };

      if (!bz_fuzz_is_target (argv[i]))
        {
          g_printerr ("fuzz-seeds: “%s” is not a target\n", argv[i]);
          return 2;
        }
      if (g_mkdir_with_parents (out.dir, 0755) != 0)
        g_error ("cannot create %s", out.dir);
      if (g_str_equal (argv[i], "report"))
        report_seeds (&out, argv[1]);
      else if (g_str_equal (argv[i], "work"))
        work_seeds (&out);
      else
        annotation_seeds (&out, argv[1], argv[i]);
      g_print ("%s: %u seeds in %s\n", argv[i], out.n, out.dir);
      g_free (out.dir);
    }
  return 0;
}
