/* test-text.c: canonical text of the seed reports, glosses, line ends, NFC, refusals
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "text-test-util.h"
#include "bz-text-private.h"

static const char *seeds[] = {
  "000_3f1c054c4ba4af40.txt",
  SEED_TRADITIONAL,
  "002_f996e536b5069f20.txt",
  "004_abfdc79be98c6e8f.txt",
};

/* A gloss as the guide defines it, written as a regular expression: the
 * independent reading the normaliser is checked against. */
#define GLOSS_PATTERN "(?<=\\p{Han})\\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\\)"

static guint
count_char (const char *text,
            char        c)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == c;
  return n;
}

static void
test_seed_glosses (void)
{
  g_autoptr(GBytes) bytes = test_load_sample (SEED_TRADITIONAL);
  g_autoptr(BzCanonicalText) ct = test_canonical (bytes, SEED_TRADITIONAL);
  g_autoptr(GRegex) gloss = g_regex_new (GLOSS_PATTERN, 0, 0, NULL);
  g_autofree char *original = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *expected = NULL;
  g_autoptr(GMatchInfo) info = NULL;
  guint n_original = 0;

  g_assert_nonnull (gloss);
  g_regex_match (gloss, original, 0, &info);
  while (g_match_info_matches (info))
    {
      n_original++;
      g_match_info_next (info, NULL);
    }
  g_assert_cmpuint (n_original, ==, 1270);
  g_assert_cmpuint (ct->n_glosses_removed, ==, 1270);

  /* No gloss survives, and the text is the original with the glosses cut out:
   * every other parenthesis, (一) or ^(qū), is where it was. */
  g_assert_false (g_regex_match (gloss, ct->text, 0, NULL));
  expected = g_regex_replace_literal (gloss, original, -1, 0, "", 0, NULL);
  g_assert_cmpstr (ct->text, ==, expected);
  g_assert_cmpuint (count_char (ct->text, '('), ==, count_char (original, '(') - 1270);
  g_assert_cmpuint (count_char (ct->text, ')'), ==, count_char (original, ')') - 1270);
  g_assert_nonnull (strstr (ct->text, "^(qū)啟動區"));
  g_assert_nonnull (strstr (ct->text, "\n(一)突出政治中心"));
  g_assert_nonnull (strstr (ct->text, "北京市東城區第十七屆"));
}

static void
test_seed_offsets (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autoptr(GBytes) bytes = test_load_sample (seeds[i]);
      g_autoptr(BzCanonicalText) ct = test_canonical (bytes, seeds[i]);

      g_assert_cmpstr (ct->encoding, ==, "UTF-8");
      g_assert_cmpint (ct->n_chars, ==, g_utf8_strlen (ct->text, -1));
      test_assert_offsets (ct, bytes, "UTF-8", 1);
    }
}

static void
test_seed_scripts (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autoptr(GBytes) bytes = test_load_sample (seeds[i]);
      g_autoptr(BzCanonicalText) ct = test_canonical (bytes, seeds[i]);

      g_assert_cmpint (ct->script, ==, g_str_equal (seeds[i], SEED_TRADITIONAL)
                                       ? BZ_SCRIPT_TRADITIONAL : BZ_SCRIPT_SIMPLIFIED);
    }
}

/* The script is counted while normalising: it must be what
 * bz_text_detect_script() says of the canonical text, also where NFC rewrites
 * a run (a compatibility ideograph, a combining mark after a character). */
static void
test_script_while_normalizing (void)
{
  static const struct
  {
    const char *text;
    BzScript    script;
  } cases[] = {
    /* 8 traditional, 豈 (U+F900) becomes traditional 豈 (U+8C48), 1 simplified: 90%. */
    { "東區國會議長門開\xef\xa4\x80们", BZ_SCRIPT_TRADITIONAL },
    /* 9 simplified, 東 taken back into a run with its combining mark: 90%. */
    { "们们们们们们们们们東\xcc\x81", BZ_SCRIPT_SIMPLIFIED },
    { "東區國會們们们们", BZ_SCRIPT_MIXED },
    { "台里 only", BZ_SCRIPT_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(BzCanonicalText) ct = test_canonical (bytes, "script");

      g_assert_cmpint (ct->script, ==, cases[i].script);
      g_assert_cmpint (ct->script, ==, bz_text_detect_script (ct->text));
    }
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autoptr(GBytes) bytes = test_load_sample (seeds[i]);
      g_autoptr(BzCanonicalText) ct = test_canonical (bytes, seeds[i]);

      g_assert_cmpint (ct->script, ==, bz_text_detect_script (ct->text));
    }
}

/* The UTF-8 validator of the decoder says what GLib's says: of every one- to
 * four-byte string over the bytes that matter (lead and continuation bounds,
 * NUL, ASCII), and of the seeds cut and broken at random places. */
static void
test_utf8_validate (void)
{
  static const guint8 interesting[] = {
    0x00, 0x01, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
    0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
  };
  const guint n = G_N_ELEMENTS (interesting);
  GRand *rand = g_rand_new_with_seed (8);

  for (guint len = 1; len <= 4; len++)
    {
      guint total = 1;

      for (guint k = 0; k < len; k++)
        total *= n;
      for (guint code = 0; code < total; code++)
        {
          guint8 bytes[4];

          for (guint k = 0, rest = code; k < len; k++, rest /= n)
            bytes[k] = interesting[rest % n];
          g_assert_cmpint (_bz_utf8_validate (bytes, len), ==,
                           g_utf8_validate_len ((const char *) bytes, len, NULL));
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autoptr(GBytes) bytes = test_load_sample (seeds[i]);
      gsize size;
      const guint8 *data = g_bytes_get_data (bytes, &size);
      g_autofree guint8 *copy = g_memdup2 (data, size);

      g_assert_true (_bz_utf8_validate (data, size));
      for (guint round = 0; round < 300; round++)
        {
          gsize at = g_rand_int_range (rand, 0, size);
          gsize len = g_rand_int_range (rand, 0, MIN (size - at, 64) + 1);
          guint8 saved = copy[at];

          /* A cut piece (it may end inside a character), then one broken byte. */
          g_assert_cmpint (_bz_utf8_validate (copy + at, len), ==,
                           g_utf8_validate_len ((const char *) copy + at, len, NULL));
          copy[at] = interesting[g_rand_int_range (rand, 0, n)];
          g_assert_cmpint (_bz_utf8_validate (copy, size), ==,
                           g_utf8_validate_len ((const char *) copy, size, NULL));
          copy[at] = saved;
        }
    }
  g_rand_free (rand);
}

/* The eight-at-a-time count of code points agrees with GLib's on every piece of
 * the seeds, at every alignment and length up to 40 bytes, and on whole seeds. */
static void
test_utf8_count (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autoptr(GBytes) bytes = test_load_sample (seeds[i]);
      gsize size;
      const guchar *data = g_bytes_get_data (bytes, &size);

      g_assert_cmpuint (_bz_utf8_count (data, data + size), ==, g_utf8_strlen ((const char *) data, size));
      for (gsize at = 0; at + 40 <= size && at < 4000; at += 7)
        for (gsize len = 0; len <= 40; len++)
          {
            const guchar *from = data + at;
            gsize expected = 0;

            /* Pieces may start or end inside a character: count the lead bytes. */
            for (gsize k = 0; k < len; k++)
              expected += (from[k] & 0xC0) != 0x80;
            g_assert_cmpuint (_bz_utf8_count (from, from + len), ==, expected);
          }
    }
}

static void
test_seed_mojibake (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autoptr(GBytes) bytes = test_load_sample (seeds[i]);
      g_autoptr(BzCanonicalText) ct = test_canonical (bytes, seeds[i]);
      guint n_question = 0;
      gint64 index = 0;

      if (!g_str_equal (seeds[i], SEED_TRADITIONAL))
        {
          g_assert_cmpuint (ct->warnings->len, ==, 0);
          continue;
        }

      g_assert_cmpuint (ct->warnings->len, ==, 6);
      for (guint k = 0; k < ct->warnings->len; k++)
        {
          const BzQualityWarning *w = &g_array_index (ct->warnings, BzQualityWarning, k);
          g_autofree char *spot = bz_utf8_substring (ct->text, w->start, w->end);
          g_autofree char *before = bz_utf8_substring (ct->text, w->start - 1, w->start);

          g_assert_cmpstr (w->kind, ==, "mojibake");
          g_assert_true (g_str_has_prefix (spot, "?"));
          g_assert_true (g_str_has_suffix (spot, ")"));
          g_assert_null (strchr (spot, '('));
          g_assert_true (g_unichar_isalpha (g_utf8_get_char (before)));
          g_assert_nonnull (strstr (w->message, spot));
        }

      /* Each `?` of the report lies in one of the warnings. */
      for (const char *p = ct->text; *p != '\0'; p = g_utf8_next_char (p), index++)
        {
          gboolean covered = FALSE;

          if (*p != '?')
            continue;
          n_question++;
          for (guint k = 0; k < ct->warnings->len; k++)
            {
              const BzQualityWarning *w = &g_array_index (ct->warnings, BzQualityWarning, k);

              covered |= w->start <= index && index < w->end;
            }
          g_assert_true (covered);
        }
      g_assert_cmpuint (n_question, ==, 6);
    }
}

static BzCanonicalText *
canonical_of (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return test_canonical (bytes, "inline.txt");
}

static void
test_gloss_rules (void)
{
  static const struct
  {
    const char *input;
    const char *canonical;
    guint       n_glosses;
  } cases[] = {
    { "東城區(qū)和規(guī)劃(huà)\n", "東城區和規劃\n", 3 },
    { "區(qu\xcc\x84)域\n", "區域\n", 1 },                  /* combining macron */
    { "𠮷(jí)野家\n", "𠮷野家\n", 1 },                      /* outside the BMP */
    { "东城区（qū）\n", "东城区（qū）\n", 0 },               /* full-width */
    { "工作(一)突出\n", "工作(一)突出\n", 0 },
    { "A(qū) ^(qū) 1(qū)\n", "A(qū) ^(qū) 1(qū)\n", 0 },    /* not after CJK */
    { "区(qu)区(Qū)区(qūū)区(xyz)区(ǎā)\n", "区(qu)区(Qū)区(qūū)区(xyz)区(ǎā)\n", 0 },
    { "区(qū 区(2018年)区(qū)(qū)\n", "区(qū 区(2018年)区(qū)\n", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BzCanonicalText) ct = canonical_of (cases[i].input);
      g_autoptr(GBytes) bytes = g_bytes_new (cases[i].input, strlen (cases[i].input));

      g_assert_cmpstr (ct->text, ==, cases[i].canonical);
      g_assert_cmpuint (ct->n_glosses_removed, ==, cases[i].n_glosses);
      test_assert_offsets (ct, bytes, "UTF-8", 1);
    }
}

static void
test_line_ends (void)
{
  const char *input = "a\r\nb\rc\n\r\r\n";
  g_autoptr(BzCanonicalText) ct = canonical_of (input);
  const gint64 expected[] = { 0, 1, 3, 4, 5, 6, 7, 8, 10 };

  g_assert_cmpstr (ct->text, ==, "a\nb\nc\n\n\n");
  g_assert_cmpint (ct->n_chars, ==, 8);
  g_assert_cmpint (ct->offset_map->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < ct->offset_map->len; i++)
    g_assert_cmpint (test_offset (ct, i), ==, expected[i]);
}

static void
test_nfc (void)
{
  /* e + U+0301, a compatibility ideograph, Hangul jamo, Latin with two marks. */
  const char *input = "Cafe\xcc\x81 \xef\xa4\x80東 \xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8 a\xcc\xa3\xcc\x87!";
  g_autoptr(BzCanonicalText) ct = canonical_of (input);
  g_autofree char *nfc = g_utf8_normalize (input, -1, G_NORMALIZE_NFC);

  g_assert_cmpstr (ct->text, ==, nfc);
  g_assert_cmpint (ct->n_chars, ==, g_utf8_strlen (nfc, -1));
  /* é starts where its e starts, the syllable where its first jamo does. */
  g_assert_cmpint (test_offset (ct, 3), ==, 3);
  g_assert_cmpint (test_offset (ct, 4), ==, 6);
  g_assert_cmpint (test_offset (ct, 5), ==, 7);
  g_assert_cmpint (test_offset (ct, 6), ==, 10);
  g_assert_cmpint (test_offset (ct, 8), ==, 14);
  g_assert_cmpint (test_offset (ct, 9), ==, 23);
  g_assert_cmpint (test_offset (ct, ct->n_chars - 1), ==, strlen (input) - 1);
  g_assert_cmpint (test_offset (ct, ct->n_chars), ==, strlen (input));
  for (gint64 k = 1; k <= ct->n_chars; k++)
    g_assert_cmpint (test_offset (ct, k - 1), <, test_offset (ct, k));
}

static void
test_sha256 (void)
{
  g_autoptr(BzCanonicalText) ct = canonical_of ("abc");

  /* The FIPS 180-2 test vector. */
  g_assert_cmpstr (ct->sha256, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpint (ct->script, ==, BZ_SCRIPT_UNKNOWN);
}

static void
test_refusals (void)
{
  static const struct
  {
    const char *file;
    int         code;
    const char *cause;
  } cases[] = {
    { "empty.txt", BZ_IMPORT_ERROR_EMPTY, "no bytes" },
    { "bom-whitespace.txt", BZ_IMPORT_ERROR_EMPTY, "no text" },
    { "binary.png", BZ_IMPORT_ERROR_BINARY, "NUL byte" },
    { "control-chars.txt", BZ_IMPORT_ERROR_BINARY, "control characters" },
    { "undetectable.txt", BZ_IMPORT_ERROR_ENCODING, "could not be determined" },
    { "truncated-gb18030.txt", BZ_IMPORT_ERROR_ENCODING, "cannot be decoded" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = test_path ("BZ_TEST_DATA", cases[i].file);
      g_autoptr(GBytes) bytes = test_load (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(BzCanonicalText) ct = bz_canonical_text_new_from_bytes (bytes, path, &error);

      g_assert_null (ct);
      g_assert_error (error, BZ_IMPORT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, cases[i].cause));
    }

  {
    g_autoptr(GBytes) none = g_bytes_new (NULL, 0);
    g_autoptr(GError) error = NULL;
    g_autoptr(BzCanonicalText) ct = bz_canonical_text_new_from_bytes (none, NULL, &error);

    g_assert_null (ct);
    g_assert_error (error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_EMPTY);
  }
}

/* Stray control characters are counted exactly, wherever they stand in the
 * eight-byte words the count reads: 1% of the bytes or more refuses the file. */
static void
test_control_count (void)
{
  static const gsize at[] = { 40, 47, 48, 55, 100, 333, 512, 513, 800, 996, 1001, 1004 };
  const gsize lengths[] = { 1000, 1005 };

  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    for (guint n = 9; n <= 12; n++)
      {
        gsize len = lengths[l];
        g_autofree guint8 *data = g_malloc (len);
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(BzCanonicalText) ct = NULL;
        guint placed = 0;

        memset (data, 'a', len);
        for (guint k = 0; k < 10; k++)
          memcpy (data + 3 * k, "东", 3);
        for (guint k = 0; k < G_N_ELEMENTS (at) && placed < n; k++)
          if (at[k] < len)
            data[at[k]] = placed++ % 2 == 0 ? 0x01 : 0x7F;
        if (placed < n)
          continue;
        bytes = g_bytes_new (data, len);
        ct = bz_canonical_text_new_from_bytes (bytes, "controls.txt", &error);
        if (n * 100 >= len)
          {
            g_autofree char *count = g_strdup_printf ("%u of its %" G_GSIZE_FORMAT " bytes", n, len);

            g_assert_null (ct);
            g_assert_error (error, BZ_IMPORT_ERROR, BZ_IMPORT_ERROR_BINARY);
            g_assert_nonnull (strstr (error->message, count));
          }
        else
          {
            g_assert_no_error (error);
            g_assert_nonnull (ct);
          }
      }
}

/* A report's title is its first line that holds text, made one line. */
static void
test_heading_title (void)
{
  static const struct { const char *text; const char *title; } cases[] = {
    { "2019年北京市西城区人民政府工作报告\n\n——2019年1月8日", "2019年北京市西城区人民政府工作报告" },
    /* Blank lines, full-width spaces and zero-width spaces before the heading. */
    { "\n　　\n\u200b \t\n  政 府 工 作 報 告 \n——2025年", "政 府 工 作 報 告" },
    /* Runs of white space inside become one space. */
    { "一、上半年\t\t计划　　执行情况", "一、上半年 计划 执行情况" },
    /* Exactly sixty characters stay whole. */
    { "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十\n",
      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十" },
    /* A longer line is cut at sixty and ends in an ellipsis. */
    { "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十𠮷野家",
      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十…" },
    { "no line break", "no line break" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *title = bz_text_heading_title (cases[i].text);

      g_assert_cmpstr (title, ==, cases[i].title);
      g_assert_cmpint (g_utf8_strlen (title, -1), <=, BZ_TEXT_TITLE_MAX_CHARS + 1);
    }
  g_assert_null (bz_text_heading_title (" \n\n　\n"));
  g_assert_null (bz_text_heading_title (""));

  /* The same line maker without a limit, and on a length of bytes. */
  {
    g_autofree char *line = bz_text_one_line ("  东城区\n政府工作报告\t ", -1, 0);
    g_autofree char *part = bz_text_one_line ("东城区 政府", strlen ("东城区"), 0);
    g_autofree char *cut = bz_text_one_line ("东城区 政府工作报告", -1, 4);

    g_assert_cmpstr (line, ==, "东城区 政府工作报告");
    g_assert_cmpstr (part, ==, "东城区");
    g_assert_cmpstr (cut, ==, "东城区…");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/biaozhu/text/seed-glosses", test_seed_glosses);
  g_test_add_func ("/biaozhu/text/seed-offsets", test_seed_offsets);
  g_test_add_func ("/biaozhu/text/seed-scripts", test_seed_scripts);
  g_test_add_func ("/biaozhu/text/script-while-normalizing", test_script_while_normalizing);
  g_test_add_func ("/biaozhu/text/utf8-validate", test_utf8_validate);
  g_test_add_func ("/biaozhu/text/utf8-count", test_utf8_count);
  g_test_add_func ("/biaozhu/text/seed-mojibake", test_seed_mojibake);
  g_test_add_func ("/biaozhu/text/gloss-rules", test_gloss_rules);
  g_test_add_func ("/biaozhu/text/line-ends", test_line_ends);
  g_test_add_func ("/biaozhu/text/nfc", test_nfc);
  g_test_add_func ("/biaozhu/text/sha256", test_sha256);
  g_test_add_func ("/biaozhu/text/refusals", test_refusals);
  g_test_add_func ("/biaozhu/text/control-count", test_control_count);
  g_test_add_func ("/biaozhu/text/heading-title", test_heading_title);
  return g_test_run ();
}
