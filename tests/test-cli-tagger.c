/* test-cli-tagger.c: biaozhu-cli train and tag
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include <biaozhu.h>

#include "bz-test-cli.h"
#include "tagger-blob.h"

static char *
gold_path (const char *name)
{
  return g_build_filename (g_getenv ("BZ_TEST_DATA"), "gold", name, NULL);
}

/* A model trained on one report tags a paragraph of it: its spans as JSON Lines. */
static void
test_train_and_tag (BzCliFixture  *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *gold = gold_path ("000_3f1c054c4ba4af40.jsonl");
  g_autofree char *model = g_build_filename (fixture->dir, "model.bin", NULL);
  g_autofree char *again = g_build_filename (fixture->dir, "again.bin", NULL);
  g_autofree char *text = g_build_filename (fixture->dir, "text.txt", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize a_len, b_len;
  g_auto(GStrv) lines = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (bz_cli_fixture_run (fixture, "train", "--gold", gold, "--iterations", "4", "-o", model, NULL), ==, 0);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "train", "--gold", gold, "--iterations", "4", "-o", again, NULL), ==, 0);
  g_assert_true (g_file_get_contents (model, &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (again, &b, &b_len, NULL));
  g_assert_cmpuint (a_len, ==, b_len);
  g_assert_true (memcmp (a, b, a_len) == 0);

  g_assert_true (g_file_set_contents (text, "一、2018年国民经济和社会发展计划上半年执行情况\n", -1, NULL));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "tag", "--model", model, text, NULL), ==, 0);
  lines = g_strsplit (fixture->out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *span;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      span = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpfloat (json_object_get_double_member (span, "confidence"), >=, 0);
      g_assert_cmpfloat (json_object_get_double_member (span, "confidence"), <=, 1);
      if (json_object_get_int_member (span, "start") == 2 && json_object_get_int_member (span, "end") == 7)
        {
          g_assert_cmpstr (json_object_get_string_member (span, "label"), ==, "DATE");
          g_assert_cmpstr (json_object_get_string_member (span, "text"), ==, "2018年");
          found = TRUE;
        }
    }
  g_assert_true (found);
}

/* A model of a newer format, a damaged model and a missing one: refused, named. */
static void
test_refusals (BzCliFixture  *fixture,
               gconstpointer  user_data)
{
  g_autofree char *newer = g_build_filename (fixture->dir, "newer.bin", NULL);
  g_autofree char *damaged = g_build_filename (fixture->dir, "damaged.bin", NULL);
  g_autofree char *text = g_build_filename (fixture->dir, "text.txt", NULL);

  g_assert_true (g_file_set_contents (text, "东城区\n", -1, NULL));
  g_assert_true (g_file_set_contents (newer, "BZTAGGER\x07\0\0\0", 12, NULL));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "tag", "--model", newer, text, NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "newer.bin"));
  g_assert_nonnull (strstr (fixture->err, "format version 7, newer"));

  g_assert_true (g_file_set_contents (damaged, "BZTAGGER\x01\0\0\0garbage", 19, NULL));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "tag", "--model", damaged, text, NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "damaged.bin"));
  g_assert_nonnull (strstr (fixture->err, "Not a usable tagger model"));

  g_assert_cmpint (bz_cli_fixture_run (fixture, "train", "--gold", text, NULL), ==, 2);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "train", "--gold", fixture->dir, "-o", damaged, NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "no gold file"));
}

/* The workspace's models from the command line: the default one on import,
 * train from the workspace, list, restore, and a newer model refused. */
static void
test_workspace_models (BzCliFixture  *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *sample = g_build_filename (g_getenv ("BZ_SAMPLES"), "002_f996e536b5069f20.txt", NULL);
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GBytes) blob = NULL;
  g_autoptr(GBytes) newer = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("BZ_DEFAULT_MODEL", g_getenv ("BZ_TEST_DEFAULT_MODEL"), TRUE);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "models", NULL), ==, 1);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "import", sample, NULL), ==, 0);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "models", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "default"));
  g_assert_null (strstr (fixture->out, "\n    2 "));

  /* No report is reviewed: the model learns from the shipped gold alone. */
  g_assert_cmpint (bz_cli_fixture_run (fixture, "train", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "Model 2 trained on 0 reviewed reports of the workspace and 4 gold reports"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "models", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "    2  *"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "models", "--restore", "1", NULL), ==, 0);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "models", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "    1  *"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "models", "--restore", "9", NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "no model 9"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "models", "--restore", "1", "--none", NULL), ==, 2);

  /* A model of a newer format, as a newer Biaozhu would store it. */
  store = bz_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  blob = bz_store_get_model_blob (store, 1, NULL, &error);
  g_assert_no_error (error);
  newer = tagger_blob_patch (blob, 8, BZ_TAGGER_FORMAT_VERSION + 1);
  g_assert_cmpint (bz_store_add_model (store, newer, BZ_TAGGER_FORMAT_VERSION + 1, NULL, 0, NULL, "newer",
                                       FALSE, &error), ==, 3);
  g_clear_object (&store);
  g_assert_cmpint (bz_cli_fixture_run (fixture, "models", "--restore", "3", NULL), ==, 1);
  g_assert_nonnull (strstr (fixture->err, "Model 3 of"));
  g_assert_nonnull (strstr (fixture->err, "cannot be restored"));
  g_assert_nonnull (strstr (fixture->err, "newer"));
  g_assert_cmpint (bz_cli_fixture_run (fixture, "models", NULL), ==, 0);
  g_assert_nonnull (strstr (fixture->out, "    1  *"));
  g_setenv ("BZ_DEFAULT_MODEL", "", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/biaozhu/tagger/cli/" path, BzCliFixture, NULL, bz_cli_fixture_set_up, func, bz_cli_fixture_tear_down)
  ADD ("train-and-tag", test_train_and_tag);
  ADD ("refusals", test_refusals);
  ADD ("workspace-models", test_workspace_models);
#undef ADD
  return g_test_run ();
}
