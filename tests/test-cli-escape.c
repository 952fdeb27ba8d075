/* test-cli-escape.c: biaozhu-cli shows stored text without handing a terminal its control sequences
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <biaozhu.h>
#include <json-glib/json-glib.h>

#include "bz-test-cli.h"

/* A report's name and first line made to retitle the terminal, colour it, clear
 * it and (U+009B, the one-character CSI) move the cursor. */
#define CRAFTED_NAME  "\x1b]0;owned\x07\x1b[31mred\xc2\x9b" "2Jreport.txt"
#define CRAFTED_LINE  "\x1b[2J\x1b]0;标题\x07北京市东城区\xc2\x9b" "1A人民政府工作报告\n"
/* What the import shows of the name instead. */
#define ESCAPED_NAME  "\\x1b]0;owned\\x07\\x1b[31mred\\u009b2Jreport.txt"
/* The crafted line is the report's heading, so its title, shown escaped. */
#define CRAFTED_TITLE "\x1b[2J\x1b]0;标题\x07北京市东城区\xc2\x9b" "1A人民政府工作报告"
#define ESCAPED_TITLE "\\x1b[2J\\x1b]0;标题\\x07北京市东城区\\u009b1A人民政府工作报告"

/* Fails on any character a terminal acts on: C0 controls but line feed and
 * tab (the output's own), DEL and the C1 controls. */
static void
assert_no_controls (const char *output,
                    const char *what)
{
  g_assert_true (g_utf8_validate (output, -1, NULL));
  for (const char *p = output; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f))
        {
          /* Shown escaped: the test's own log must not run it either. */
          g_autofree char *shown = g_strescape (output, NULL);

          g_test_message ("%s holds a control character at byte %d: %s", what, (int) (p - output), shown);
          g_assert_cmphex (c, ==, 0);
        }
    }
}

static void
assert_clean_run (BzCliFixture *fixture)
{
  assert_no_controls (fixture->out, "standard output");
  assert_no_controls (fixture->err, "standard error");
}

/* Some text around the crafted line, so that the report reads as text. */
static char *
crafted_report (void)
{
  g_autofree char *sample = bz_test_read_sample ("000_3f1c054c4ba4af40.txt", NULL);

  return g_strconcat (CRAFTED_LINE, sample, NULL);
}

static void
test_report_title (BzCliFixture  *fixture,
                   gconstpointer  data)
{
  g_autofree char *report = crafted_report ();
  g_autofree char *path = bz_test_write (fixture->dir, CRAFTED_NAME, report, -1);
  g_autofree char *missing = g_build_filename (fixture->dir, "\x1b[31mmissing.jsonl", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *documents;

  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", "--no-extract", path, NULL), ==, 0);
  assert_clean_run (fixture);
  g_assert_nonnull (strstr (fixture->out, ESCAPED_NAME));

  g_assert_cmpint (bz_cli_fixture_run (fixture, "list", NULL), ==, 0);
  assert_clean_run (fixture);
  g_assert_nonnull (strstr (fixture->out, ESCAPED_TITLE));

  g_assert_cmpint (bz_cli_fixture_run (fixture, "extract", "--all", NULL), ==, 0);
  assert_clean_run (fixture);
  g_assert_nonnull (strstr (fixture->out, ESCAPED_TITLE));

  /* A refusal names the file, escaped too. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "import-annotations", "--format", "doccano", missing, NULL), ==, 1);
  assert_clean_run (fixture);
  g_assert_nonnull (strstr (fixture->err, "\\x1b[31mmissing.jsonl"));

  /* JSON keeps the title exactly, in JSON's own escapes. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "list", "--json", NULL), ==, 0);
  g_assert_null (strchr (fixture->out, '\x1b'));
  root = json_from_string (fixture->out, &error);
  g_assert_no_error (error);
  documents = json_object_get_array_member (json_node_get_object (root), "documents");
  g_assert_cmpuint (json_array_get_length (documents), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (documents, 0), "title"), ==,
                   CRAFTED_TITLE);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (json_array_get_object_element (documents, 0),
                                                                  "source_path"),
                                   "/" CRAFTED_NAME));
}

/* A doccano line: {"id", "text", "label": [[start, end, LABEL], ...]} for
 * @n_spans spans; eval's files name their documents with @id. */
static char *
doccano_line (const char *id,
              const char *text,
              const int   spans[][2],
              const char *labels[],
              guint       n_spans)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;

  json_builder_begin_object (builder);
  if (id != NULL)
    {
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
    }
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "label");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_spans; i++)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, spans[i][0]);
      json_builder_add_int_value (builder, spans[i][1]);
      json_builder_add_string_value (builder, labels[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  return g_strconcat (data, "\n", NULL);
}

/* Surfaces: an export's warnings about the spans it dropped, and eval's misses. */
static void
test_surfaces (BzCliFixture  *fixture,
               gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("\x1b[31m王府井\xc2\x9b" "大街");
  /* Two spans over the controls, one inside the other: a flat export drops one. */
  const int spans[][2] = { { 0, 11 }, { 0, 8 } };
  const char *labels[] = { "PLACE", "ORG" };
  g_autofree char *line = NULL;
  g_autofree char *annotations = NULL;
  g_autofree char *gold = NULL;
  g_autofree char *pred = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "out.jsonl", NULL);

  /* Long enough that two control characters are not taken for binary data. */
  for (guint i = 0; i < 60; i++)
    g_string_append (text, "东城区人民政府推进重点项目建设。");
  line = doccano_line (NULL, text->str, spans, labels, 2);
  annotations = bz_test_write (fixture->dir, "spans.jsonl", line, -1);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "import-annotations", "--format", "doccano", "--new-documents",
                                       annotations, NULL), ==, 0);
  assert_clean_run (fixture);

  g_assert_cmpint (bz_cli_fixture_run (fixture, "export", "--format", "cluener", "-o", out, NULL), ==, 0);
  assert_clean_run (fixture);
  g_assert_nonnull (strstr (fixture->err, "\\x1b[31m王府井"));

  /* eval prints the surfaces it missed. */
  g_clear_pointer (&line, g_free);
  line = doccano_line ("a", text->str, spans, labels, 2);
  gold = bz_test_write (fixture->dir, "gold.jsonl", line, -1);
  g_clear_pointer (&line, g_free);
  line = doccano_line ("a", text->str, spans, labels, 0);
  pred = bz_test_write (fixture->dir, "pred.jsonl", line, -1);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "eval", "--gold", gold, "--pred", pred, NULL), ==, 0);
  assert_clean_run (fixture);
  g_assert_nonnull (strstr (fixture->out, "\\x1b[31m王府井\\u009b"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add ("/biaozhu/cli-escape/" name, BzCliFixture, NULL, bz_cli_fixture_set_up, func, bz_cli_fixture_tear_down)
  ADD ("report-title", test_report_title);
  ADD ("surfaces", test_surfaces);
#undef ADD
  return g_test_run ();
}
