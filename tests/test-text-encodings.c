/* test-text-encodings.c: every encoding of a report gives the same canonical text
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The large copies are made here from data/samples in a temporary directory;
 * tests/data/text holds only small fixtures.
 */
#include "config.h"

#include <locale.h>
#include <libintl.h>
#include <glib/gstdio.h>

#include "text-test-util.h"

typedef struct
{
  char *tmpdir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp ("bz-text-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->tmpdir), ==, 0);
  g_free (fixture->tmpdir);
}

/* Writes @text converted to @charset (after @bom) into the temporary directory
 * and reads the file back, as an import would. */
static GBytes *
write_encoded (Fixture    *fixture,
               const char *name,
               const char *text,
               const char *charset,
               const char *bom,
               gsize       bom_len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);
  g_autofree char *encoded = NULL;
  g_autoptr(GString) content = g_string_new_len (bom, bom_len);
  gsize n = 0;

  encoded = g_convert (text, -1, charset, "UTF-8", NULL, &n, &error);
  g_assert_no_error (error);
  g_string_append_len (content, encoded, n);
  g_file_set_contents (path, content->str, content->len, &error);
  g_assert_no_error (error);
  return test_load (path);
}

static BzCanonicalText *
canonical_sample (const char  *name,
                  char       **original)
{
  g_autoptr(GBytes) bytes = test_load_sample (name);

  *original = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return test_canonical (bytes, name);
}

static void
assert_same_warnings (const BzCanonicalText *a,
                      const BzCanonicalText *b)
{
  g_assert_cmpuint (a->warnings->len, ==, b->warnings->len);
  for (guint i = 0; i < a->warnings->len; i++)
    {
      const BzQualityWarning *wa = &g_array_index (a->warnings, BzQualityWarning, i);
      const BzQualityWarning *wb = &g_array_index (b->warnings, BzQualityWarning, i);

      g_assert_cmpstr (wa->kind, ==, wb->kind);
      g_assert_cmpint (wa->start, ==, wb->start);
      g_assert_cmpint (wa->end, ==, wb->end);
    }
}

/* The sample in @charset (with @bom) decodes to the canonical text of the UTF-8 seed. */
static void
check_encoded_sample (Fixture    *fixture,
                      const char *sample,
                      const char *charset,
                      const char *bom,
                      gsize       bom_len,
                      const char *expected_encoding)
{
  g_autofree char *original = NULL;
  g_autoptr(BzCanonicalText) seed = canonical_sample (sample, &original);
  g_autofree char *name = g_strdup_printf ("%s.%s.txt", sample, charset);
  g_autoptr(GBytes) bytes = write_encoded (fixture, name, original, charset, bom, bom_len);
  g_autoptr(BzCanonicalText) ct = test_canonical (bytes, name);

  g_assert_cmpstr (ct->encoding, ==, expected_encoding);
  g_assert_cmpstr (ct->text, ==, seed->text);
  g_assert_cmpint (ct->n_chars, ==, seed->n_chars);
  g_assert_cmpuint (ct->n_glosses_removed, ==, seed->n_glosses_removed);
  g_assert_cmpint (ct->script, ==, seed->script);
  g_assert_cmpstr (ct->sha256, !=, seed->sha256);
  assert_same_warnings (ct, seed);
  test_assert_offsets (ct, bytes, charset, 1);
}

static void
test_gb18030 (Fixture       *fixture,
              gconstpointer  data)
{
  check_encoded_sample (fixture, "000_3f1c054c4ba4af40.txt", "GB18030", "", 0, "GB18030");
  check_encoded_sample (fixture, "002_f996e536b5069f20.txt", "GBK", "", 0, "GB18030");
  check_encoded_sample (fixture, "004_abfdc79be98c6e8f.txt", "GB18030", "", 0, "GB18030");
}

static void
test_utf16_bom (Fixture       *fixture,
                gconstpointer  data)
{
  check_encoded_sample (fixture, SEED_TRADITIONAL, "UTF-16LE", "\xff\xfe", 2, "UTF-16LE");
  check_encoded_sample (fixture, "002_f996e536b5069f20.txt", "UTF-16BE", "\xfe\xff", 2, "UTF-16BE");
}

static void
test_utf32_bom (Fixture       *fixture,
                gconstpointer  data)
{
  check_encoded_sample (fixture, SEED_TRADITIONAL, "UTF-32LE", "\xff\xfe\0\0", 4, "UTF-32LE");
  check_encoded_sample (fixture, "000_3f1c054c4ba4af40.txt", "UTF-32BE", "\0\0\xfe\xff", 4, "UTF-32BE");
}

static void
test_utf16_without_bom (Fixture       *fixture,
                        gconstpointer  data)
{
  check_encoded_sample (fixture, "002_f996e536b5069f20.txt", "UTF-16LE", "", 0, "UTF-16LE");
  check_encoded_sample (fixture, SEED_TRADITIONAL, "UTF-16BE", "", 0, "UTF-16BE");
}

static void
test_utf8_bom_crlf (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *original = NULL;
  g_autoptr(BzCanonicalText) seed = canonical_sample (SEED_TRADITIONAL, &original);
  g_auto(GStrv) lines = g_strsplit (original, "\n", -1);
  g_autofree char *crlf = g_strjoinv ("\r\n", lines);
  g_autoptr(GBytes) bytes = write_encoded (fixture, "crlf.txt", crlf, "UTF-8", "\xef\xbb\xbf", 3);
  g_autoptr(BzCanonicalText) ct = test_canonical (bytes, "crlf.txt");

  g_assert_cmpstr (ct->encoding, ==, "UTF-8");
  g_assert_cmpstr (ct->text, ==, seed->text);
  g_assert_cmpuint (ct->n_glosses_removed, ==, 1270);
  assert_same_warnings (ct, seed);
  g_assert_cmpint (test_offset (ct, 0), ==, 3);
  test_assert_offsets (ct, bytes, "UTF-8", 1);

  /* CRLF in UTF-16: each LF of the canonical text maps to its CR. */
  {
    g_autoptr(GBytes) wide = write_encoded (fixture, "crlf16.txt", crlf, "UTF-16LE", "\xff\xfe", 2);
    g_autoptr(BzCanonicalText) ct_wide = test_canonical (wide, "crlf16.txt");

    g_assert_cmpstr (ct_wide->text, ==, seed->text);
    assert_same_warnings (ct_wide, seed);
    test_assert_offsets (ct_wide, wide, "UTF-16LE", 1);
  }
}

static void
test_big5 (void)
{
  g_autofree char *original = NULL;
  g_autoptr(BzCanonicalText) seed = canonical_sample (SEED_TRADITIONAL, &original);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BzCanonicalText) ct = test_canonical_data ("big5-excerpt.txt", &bytes);
  g_autofree char *prefix = NULL;

  /* The fixture is the start of seed 001 without its glosses, made with iconv. */
  g_assert_cmpstr (ct->encoding, ==, "BIG5");
  g_assert_cmpint (ct->n_chars, >, 1000);
  prefix = bz_utf8_substring (seed->text, 0, ct->n_chars);
  g_assert_cmpstr (ct->text, ==, prefix);
  g_assert_cmpint (ct->script, ==, BZ_SCRIPT_TRADITIONAL);
  g_assert_cmpuint (ct->n_glosses_removed, ==, 0);
  test_assert_offsets (ct, bytes, "BIG5", 1);
}

static void
test_outside_bmp (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BzCanonicalText) ct = test_canonical_data ("outside-bmp-utf16le.txt", &bytes);
  g_autofree char *place = bz_utf8_substring (ct->text, 4, 7);
  g_autofree char *district = bz_utf8_substring (ct->text, 9, 12);
  const char *text = "𠮷野家在王府井\n😀东城区(qū)人民政府\n";
  g_autoptr(GBytes) gb = NULL;
  g_autoptr(BzCanonicalText) ct_gb = NULL;

  g_assert_cmpstr (ct->encoding, ==, "UTF-16LE");
  g_assert_cmpstr (ct->text, ==, "𠮷野家在王府井\n😀东城区人民政府\n");
  g_assert_cmpint (ct->n_chars, ==, 17);
  g_assert_cmpuint (ct->n_glosses_removed, ==, 1);
  g_assert_cmpstr (place, ==, "王府井");
  g_assert_cmpstr (district, ==, "东城区");
  /* BOM, then 𠮷 as a surrogate pair: 野 starts 2 + 4 bytes in. */
  g_assert_cmpint (test_offset (ct, 0), ==, 2);
  g_assert_cmpint (test_offset (ct, 1), ==, 6);
  g_assert_cmpint (test_offset (ct, 8), ==, 2 + 2 * 9);
  g_assert_cmpint (test_offset (ct, 9), ==, 2 + 2 * 9 + 4);
  /* 人 comes after the gloss "(qū)", four UTF-16 units. */
  g_assert_cmpint (test_offset (ct, 12), ==, test_offset (ct, 11) + 2 + 8);
  test_assert_offsets (ct, bytes, "UTF-16LE", 1);

  /* The same in GB18030, where 𠮷 and 😀 take four bytes, within a report so
   * that the detector has enough text. */
  {
    g_autofree char *original = NULL;
    g_autoptr(BzCanonicalText) seed = canonical_sample ("000_3f1c054c4ba4af40.txt", &original);
    g_autofree char *both = g_strconcat (text, original, NULL);
    g_autofree char *expected = g_strconcat (ct->text, seed->text, NULL);

    gb = write_encoded (fixture, "outside-bmp.gb18030.txt", both, "GB18030", "", 0);
    ct_gb = test_canonical (gb, "outside-bmp.gb18030.txt");
    g_assert_cmpstr (ct_gb->encoding, ==, "GB18030");
    g_assert_cmpstr (ct_gb->text, ==, expected);
    g_assert_cmpint (test_offset (ct_gb, 1), ==, 4);
    g_assert_cmpint (test_offset (ct_gb, 9), ==, 4 + 2 * 6 + 1 + 4);
    test_assert_offsets (ct_gb, gb, "GB18030", 1);
  }
}

static void
test_lone_surrogate (void)
{
  g_autoptr(BzCanonicalText) ct = test_canonical_data ("lone-surrogate-utf16be.txt", NULL);
  const BzQualityWarning *w;

  g_assert_cmpstr (ct->encoding, ==, "UTF-16BE");
  g_assert_cmpstr (ct->text, ==, "王府井\xef\xbf\xbd东城区\n");
  g_assert_cmpuint (ct->warnings->len, ==, 1);
  w = &g_array_index (ct->warnings, BzQualityWarning, 0);
  g_assert_cmpstr (w->kind, ==, "lone-surrogate");
  g_assert_cmpint (w->start, ==, 3);
  g_assert_cmpint (w->end, ==, 4);
  g_assert_nonnull (strstr (w->message, "D842"));
  g_assert_cmpint (test_offset (ct, 3), ==, 8);
  g_assert_cmpint (test_offset (ct, 4), ==, 10);
}

static void
test_mixed_encoding (void)
{
  g_autoptr(BzCanonicalText) ct = test_canonical_data ("mixed-encoding.txt", NULL);
  const BzQualityWarning *w;
  g_autofree char *spot = NULL;

  /* The second line was pasted in GB18030 into a UTF-8 file. */
  g_assert_cmpstr (ct->encoding, ==, "UTF-8");
  g_assert_cmpstr (ct->text, ==, "北京市东城区人民政府工作报告\n隆福寺地区更新改造\n王府井大街和前门大街\n");
  g_assert_cmpuint (ct->warnings->len, ==, 1);
  w = &g_array_index (ct->warnings, BzQualityWarning, 0);
  g_assert_cmpstr (w->kind, ==, "mixed-encoding");
  spot = bz_utf8_substring (ct->text, w->start, w->end);
  g_assert_cmpstr (spot, ==, "隆福寺地区更新改造");
  g_assert_nonnull (strstr (w->message, "GB18030"));
  g_assert_cmpint (test_offset (ct, 15), ==, 43);
  g_assert_cmpint (test_offset (ct, 16), ==, 45);
  g_assert_cmpint (test_offset (ct, 25), ==, 43 + 18 + 1);

  /* Behind a UTF-8 BOM even one foreign line is a foreign run, not a GB18030 file. */
  {
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(BzCanonicalText) plain = test_canonical_data ("mixed-encoding.txt", &bytes);
    g_autoptr(GString) content = g_string_new ("\xef\xbb\xbf");
    g_autoptr(GBytes) with_bom = NULL;
    g_autoptr(BzCanonicalText) ct_bom = NULL;
    const char *gb_line = "\xc2\xa1\xb8\xa3\xcb\xc2\n";  /* 隆福寺 in GB18030 */

    g_string_append (content, gb_line);
    g_string_append_len (content, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    with_bom = g_bytes_new (content->str, content->len);
    ct_bom = test_canonical (with_bom, "bom-mixed.txt");
    g_assert_cmpstr (ct_bom->encoding, ==, "UTF-8");
    g_assert_true (g_str_has_prefix (ct_bom->text, "隆福寺\n北京市"));
    g_assert_cmpstr (ct_bom->text + strlen ("隆福寺\n"), ==, plain->text);
    g_assert_cmpuint (ct_bom->warnings->len, ==, 2);
    g_assert_cmpint (test_offset (ct_bom, 0), ==, 3);
    g_assert_cmpint (test_offset (ct_bom, 1), ==, 5);
  }
}

static void
test_replacement_characters (void)
{
  /* A lost character alone, and one next to a broken gloss. */
  const char *input = "东城区\xef\xbf\xbd\xef\xbf\xbd公园\n龍\xef\xbf\xbdzhí)段\n";
  g_autoptr(GBytes) bytes = g_bytes_new (input, strlen (input));
  g_autoptr(BzCanonicalText) ct = test_canonical (bytes, "lost.txt");
  const BzQualityWarning *w;

  g_assert_cmpstr (ct->text, ==, input);
  g_assert_cmpuint (ct->warnings->len, ==, 3);
  w = &g_array_index (ct->warnings, BzQualityWarning, 0);
  g_assert_cmpstr (w->kind, ==, "replacement-char");
  g_assert_cmpint (w->start, ==, 3);
  w = &g_array_index (ct->warnings, BzQualityWarning, 1);
  g_assert_cmpstr (w->kind, ==, "replacement-char");
  g_assert_cmpint (w->start, ==, 4);
  w = &g_array_index (ct->warnings, BzQualityWarning, 2);
  g_assert_cmpstr (w->kind, ==, "mojibake");
  g_assert_cmpint (w->start, ==, 9);
  g_assert_cmpint (w->end, ==, 14);
}

/* Switches the process to Simplified Chinese with the build's translations, or back. */
static void
speak_chinese (gboolean chinese)
{
  if (chinese)
    {
      g_assert_nonnull (g_getenv ("BZ_LOCALEDIR"));
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BZ_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_assert_nonnull (setlocale (LC_ALL, "zh_CN.UTF-8"));
    }
  else
    g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
}

/* Every kind of warning is described again from its kind, offsets and the
 * text: in English as import stored it, and in the reader's language. */
static void
test_describe_warnings (void)
{
  const char *lost = "东城区\xef\xbf\xbd\xef\xbf\xbd公园\n龍\xef\xbf\xbdzhí)段\n";
  g_autoptr(GBytes) lost_bytes = g_bytes_new (lost, strlen (lost));
  g_autoptr(BzCanonicalText) ct = test_canonical (lost_bytes, "lost.txt");
  g_autoptr(BzCanonicalText) surrogate = test_canonical_data ("lone-surrogate-utf16be.txt", NULL);
  g_autoptr(BzCanonicalText) mixed = test_canonical_data ("mixed-encoding.txt", NULL);
  const BzQualityWarning *replacement = &g_array_index (ct->warnings, BzQualityWarning, 0);
  const BzQualityWarning *mojibake = &g_array_index (ct->warnings, BzQualityWarning, 2);
  const BzQualityWarning *lone = &g_array_index (surrogate->warnings, BzQualityWarning, 0);
  const BzQualityWarning *foreign = &g_array_index (mixed->warnings, BzQualityWarning, 0);
  BzQualityWarning replaced = { 2, 4, (char *) "mixed-encoding", (char *) "bytes 6–8 were replaced by U+FFFD" };
  BzQualityWarning unknown = { 0, 1, (char *) "future-kind", (char *) "A warning of a later version" };

  /* In English, the import's own sentences come back. */
  {
    g_autofree char *a = bz_quality_warning_describe (replacement, ct->text);
    g_autofree char *b = bz_quality_warning_describe (mojibake, ct->text);
    g_autofree char *c = bz_quality_warning_describe (lone, surrogate->text);
    g_autofree char *d = bz_quality_warning_describe (foreign, mixed->text);
    g_autofree char *e = bz_quality_warning_describe (&replaced, "甲乙\xef\xbf\xbd\xef\xbf\xbd丙");
    g_autofree char *f = bz_quality_warning_describe (&unknown, "甲");
    g_autofree char *g = bz_quality_warning_describe (mojibake, NULL);

    g_assert_cmpstr (a, ==, replacement->message);
    g_assert_cmpstr (b, ==, mojibake->message);
    g_assert_cmpstr (c, ==, "An unpaired UTF-16 surrogate at character 3 was kept as U+FFFD: part of a character"
                            " outside the BMP is missing here");
    g_assert_cmpstr (d, ==, "Characters 15–24 are not UTF-8 like the rest of the file; they were decoded as GB18030");
    g_assert_cmpstr (e, ==, "Characters 2–4 are not UTF-8 like the rest of the file and not in any known encoding;"
                            " they were replaced by U+FFFD");
    g_assert_cmpstr (f, ==, "A warning of a later version");
    g_assert_cmpstr (g, ==, mojibake->message);
    g_assert_cmpstr (bz_quality_warning_kind_name ("mojibake"), ==, "Mojibake");
  }

  /* In Chinese, with the spot quoted. */
  speak_chinese (TRUE);
  {
    g_autofree char *a = bz_quality_warning_describe (replacement, ct->text);
    g_autofree char *b = bz_quality_warning_describe (mojibake, ct->text);
    g_autofree char *d = bz_quality_warning_describe (foreign, mixed->text);
    const char *name = bz_quality_warning_kind_name ("mojibake");

    speak_chinese (FALSE);
    g_assert_cmpstr (a, ==, "第 3 个字符处是 U+FFFD：此报告在之前的一次转换中丢失了一个字符");
    g_assert_cmpstr (b, ==, "第 9–14 个字符处有乱码：“\xef\xbf\xbdzhí)”（见“公园\n龍\xef\xbf\xbdzhí)段\n”）"
                            "是一个字符连同其拼音注音被错误转换弄坏的结果；周围的文字也可能有误");
    g_assert_cmpstr (d, ==, "第 15–24 个字符不像文件其余部分那样是 UTF-8；已按 GB18030 解码");
    g_assert_cmpstr (name, ==, "乱码");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/biaozhu/text/encoding/" path, Fixture, NULL, \
                                    fixture_set_up, func, fixture_tear_down)
  ADD ("gb18030", test_gb18030);
  ADD ("utf16-bom", test_utf16_bom);
  ADD ("utf16-without-bom", test_utf16_without_bom);
  ADD ("utf32-bom", test_utf32_bom);
  ADD ("utf8-bom-crlf", test_utf8_bom_crlf);
  ADD ("outside-bmp", test_outside_bmp);
#undef ADD
  g_test_add_func ("/biaozhu/text/encoding/big5", test_big5);
  g_test_add_func ("/biaozhu/text/encoding/lone-surrogate", test_lone_surrogate);
  g_test_add_func ("/biaozhu/text/encoding/mixed", test_mixed_encoding);
  g_test_add_func ("/biaozhu/text/encoding/replacement-char", test_replacement_characters);
  g_test_add_func ("/biaozhu/text/encoding/describe-warnings", test_describe_warnings);
  return g_test_run ();
}
