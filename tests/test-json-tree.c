/* test-json-tree.c: the flat JSON reader of work files against JSON as json-glib reads it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "bz-json-tree-private.h"

static const BzJsonTreeNode *
parse_ok (BzJsonTree *tree,
          const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_bz_json_tree_parse (tree, text, strlen (text), &error));
  g_assert_no_error (error);
  return _bz_json_tree_root (tree);
}

/* Asserts that @node holds what json-glib read from the same text. */
static void
assert_same (BzJsonTree           *tree,
             const BzJsonTreeNode *node,
             JsonNode             *expected)
{
  switch (node->kind)
    {
    case BZ_JSON_TREE_NULL:
      g_assert_true (JSON_NODE_HOLDS_NULL (expected));
      break;
    case BZ_JSON_TREE_BOOLEAN:
      g_assert_cmpint (json_node_get_value_type (expected), ==, G_TYPE_BOOLEAN);
      g_assert_cmpint (node->boolean, ==, json_node_get_boolean (expected));
      break;
    case BZ_JSON_TREE_INT:
      g_assert_cmpint (json_node_get_value_type (expected), ==, G_TYPE_INT64);
      g_assert_cmpint (node->integer, ==, json_node_get_int (expected));
      g_assert_cmpfloat (node->number, ==, (double) node->integer);
      break;
    case BZ_JSON_TREE_DOUBLE:
      g_assert_cmpint (json_node_get_value_type (expected), ==, G_TYPE_DOUBLE);
      g_assert_cmpfloat (node->number, ==, json_node_get_double (expected));
      break;
    case BZ_JSON_TREE_STRING:
      g_assert_cmpstr (node->string, ==, json_node_get_string (expected));
      g_assert_cmpuint (node->length, ==, strlen (node->string));
      break;
    case BZ_JSON_TREE_ARRAY:
      {
        JsonArray *array = json_node_get_array (expected);
        guint i = 0;

        g_assert_true (JSON_NODE_HOLDS_ARRAY (expected));
        g_assert_cmpuint (node->length, ==, json_array_get_length (array));
        for (const BzJsonTreeNode *child = _bz_json_tree_child (tree, node); child != NULL;
             child = _bz_json_tree_next (tree, child), i++)
          {
            g_assert_null (child->name);
            assert_same (tree, child, json_array_get_element (array, i));
          }
        g_assert_cmpuint (i, ==, node->length);
      }
      break;
    case BZ_JSON_TREE_OBJECT:
      {
        JsonObject *object = json_node_get_object (expected);

        g_assert_true (JSON_NODE_HOLDS_OBJECT (expected));
        for (const BzJsonTreeNode *child = _bz_json_tree_child (tree, node); child != NULL;
             child = _bz_json_tree_next (tree, child))
          {
            g_assert_nonnull (child->name);
            g_assert_true (json_object_has_member (object, child->name));
            /* A name given twice is the last value, as json-glib has it. */
            assert_same (tree, _bz_json_tree_member (tree, node, child->name),
                         json_object_get_member (object, child->name));
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Texts both readers take read the same in both. */
static void
test_same_as_json_glib (void)
{
  static const char * const texts[] = {
    "{\"title\":\"第0001号报告\",\"spans\":[{\"start\":0,\"end\":3,\"label\":\"ORG\","
    "\"attributes\":null,\"confidence\":0.75,\"accepted_in_bulk\":0,\"history\":[{\"before\":null,"
    "\"after\":\"{\\\"id\\\":1,\\\"status\\\":\\\"accepted\\\"}\"}]}]}",
    " { \"a\" : [ 1 , -2 , 3.5e2 , -0.0 , 1E-3 , true , false , null , \"\" ] } \r\n",
    "{\"escapes\":\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u4e2d \\ud83d\\ude00\"}",
    "{\"same\":1,\"other\":[],\"same\":{\"x\":{}}}",
    "[[[[[\"deep\"]]]]]",
    "\"a string alone\"",
    "-9223372036854775808",
    "9223372036854775807",
  };
  g_autoptr(BzJsonTree) tree = _bz_json_tree_new ();

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      const BzJsonTreeNode *root;

      g_test_message ("%s", texts[i]);
      g_assert_true (json_parser_load_from_data (parser, texts[i], -1, &error));
      g_assert_no_error (error);
      root = parse_ok (tree, texts[i]);
      assert_same (tree, root, json_parser_get_root (parser));
    }
}

/* A member can be found by name; a container's text is where it stands in the line. */
static void
test_members (void)
{
  g_autoptr(BzJsonTree) tree = _bz_json_tree_new ();
  const char *text = "{\"n\":7,\"attributes\": {\"k\": [1, \"v\"]} ,\"s\":\"x\"}";
  const BzJsonTreeNode *root = parse_ok (tree, text);
  const BzJsonTreeNode *attributes = _bz_json_tree_member (tree, root, "attributes");
  g_autofree char *raw = NULL;

  g_assert_cmpuint (root->length, ==, 3);
  g_assert_cmpint (_bz_json_tree_member (tree, root, "n")->integer, ==, 7);
  g_assert_cmpstr (_bz_json_tree_member (tree, root, "s")->string, ==, "x");
  g_assert_null (_bz_json_tree_member (tree, root, "absent"));
  g_assert_null (_bz_json_tree_member (tree, attributes, "absent"));
  /* Only an object has members. */
  g_assert_null (_bz_json_tree_member (tree, _bz_json_tree_member (tree, attributes, "k"), "k"));
  raw = g_strndup (text + attributes->start, attributes->end - attributes->start);
  g_assert_cmpstr (raw, ==, "{\"k\": [1, \"v\"]}");
  g_assert_cmpuint (root->start, ==, 0);
  g_assert_cmpuint (root->end, ==, strlen (text));

  /* An integer beyond 64 bits is a number, not an integer cut short. */
  root = parse_ok (tree, "12345678901234567890123");
  g_assert_cmpint (root->kind, ==, BZ_JSON_TREE_DOUBLE);
  g_assert_cmpfloat (root->number, ==, 12345678901234567890123.0);
}

/* One tree reads line after line: a short line after a long one holds only its own values. */
static void
test_reuse (void)
{
  g_autoptr(BzJsonTree) tree = _bz_json_tree_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_line = g_string_new ("{\"a\":[");
  const BzJsonTreeNode *root;

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (long_line, "%s\"%u\\n\"", i > 0 ? "," : "", i);
  g_string_append (long_line, "]}");
  root = parse_ok (tree, long_line->str);
  g_assert_cmpuint (_bz_json_tree_member (tree, root, "a")->length, ==, 1000);
  g_assert_cmpstr (_bz_json_tree_next (tree, _bz_json_tree_child (tree, _bz_json_tree_member (tree, root, "a")))->string,
                   ==, "1\n");

  root = parse_ok (tree, "{\"b\":true}");
  g_assert_cmpuint (root->length, ==, 1);
  g_assert_true (_bz_json_tree_member (tree, root, "b")->boolean);

  /* A failed read leaves no value behind. */
  g_assert_false (_bz_json_tree_parse (tree, "{\"b\":", 5, &error));
  g_assert_null (_bz_json_tree_root (tree));
}

/* What is not JSON, or would not come out whole as a C string in UTF-8, is
 * refused with where it goes wrong. */
static void
test_refused (void)
{
  static const struct
  {
    const char *text;
    const char *cause;
  } cases[] = {
    { "", "ends too soon" },
    { "   ", "ends too soon" },
    { "{\"title\": ", "ends too soon" },
    { "{\"a\":\"open", "ends too soon" },
    { "{\"a\":1} {}", "after the value at byte 9" },
    { "{\"a\":1,}", "unexpected character at byte 8" },
    { "{a:1}", "unexpected character at byte 2" },
    { "{'a':1}", "unexpected character at byte 2" },
    { "[1 2]", "unexpected character at byte 4" },
    { "[1]]", "after the value at byte 4" },
    { "{\"a\":1]", "unexpected character at byte 7" },
    { "/* c */ {}", "unexpected character at byte 1" },
    { "nul", "unexpected character at byte 1" },
    { "tru ", "unexpected character at byte 1" },
    { "{\"a\":\"tab\there\"}", "control character in a string at byte 10" },
    { "\"\\x\"", "escape JSON does not have at byte 2" },
    { "\"\\u00g0\"", "escape JSON does not have at byte 2" },
    { "\"\\u0000\"", "escape JSON does not have at byte 2" },
    { "\"a\\ud83d\"", "escape JSON does not have at byte 3" },
    { "\"\\ud83d\\u0041\"", "escape JSON does not have at byte 2" },
    { "\"\\ude00\"", "escape JSON does not have at byte 2" },
    { "01", "after the value at byte 2" },
    { "-", "number JSON does not have at byte 1" },
    { "[1.]", "number JSON does not have at byte 2" },
    { "[1e+]", "number JSON does not have at byte 2" },
    { "[.5]", "unexpected character at byte 2" },
    { "[+1]", "unexpected character at byte 2" },
  };
  g_autoptr(BzJsonTree) tree = _bz_json_tree_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_false (_bz_json_tree_parse (tree, cases[i].text, strlen (cases[i].text), &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].cause));
    }
}

/* Nesting is bounded: the reader recurses once per level. */
static void
test_depth (void)
{
  g_autoptr(BzJsonTree) tree = _bz_json_tree_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < BZ_JSON_TREE_MAX_DEPTH; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < BZ_JSON_TREE_MAX_DEPTH; i++)
    g_string_append_c (text, ']');
  parse_ok (tree, text->str);

  g_string_prepend_c (text, '[');
  g_string_append_c (text, ']');
  g_assert_false (_bz_json_tree_parse (tree, text->str, text->len, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "nested deeper"));
}

/* The text need not end at @length: what follows is not read. */
static void
test_length (void)
{
  g_autoptr(BzJsonTree) tree = _bz_json_tree_new ();
  g_autoptr(GError) error = NULL;
  const char *text = "[12]34";

  g_assert_true (_bz_json_tree_parse (tree, text, 4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_bz_json_tree_child (tree, _bz_json_tree_root (tree))->integer, ==, 12);
  g_assert_true (_bz_json_tree_parse (tree, "1234", 2, &error));
  g_assert_cmpint (_bz_json_tree_root (tree)->integer, ==, 12);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/biaozhu/json-tree/same-as-json-glib", test_same_as_json_glib);
  g_test_add_func ("/biaozhu/json-tree/members", test_members);
  g_test_add_func ("/biaozhu/json-tree/reuse", test_reuse);
  g_test_add_func ("/biaozhu/json-tree/refused", test_refused);
  g_test_add_func ("/biaozhu/json-tree/depth", test_depth);
  g_test_add_func ("/biaozhu/json-tree/length", test_length);
  return g_test_run ();
}
