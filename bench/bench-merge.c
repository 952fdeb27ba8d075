/* bench-merge.c: merging two reviewers' work files (1,000 reports × 2 reviewers × 100 spans)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-merge [REPORTS [SPANS [CHARACTERS]]]
 *
 * Writes two work files in the format bz_store_export_work() writes (the
 * same seed every run): reports cut from the sample reports, each with a
 * line of its own so that no two are the same; reviewer A's spans anywhere
 * in the report, each added and a third of them then relabelled or rejected
 * (two history rows); reviewer B keeps most of A's bounds and labels with
 * other decisions and adds spans of their own. Then times the merge of both
 * into a new workspace, and a second merge of both (which changes nothing).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <biaozhu.h>

#include "bench-util.h"

/* The files the bench leaves in its folder. */
static const char * const leftovers[] = {
  "A.jsonl", "B.jsonl", "team.bzw", "team.bzw-wal", "team.bzw-shm",
};

static const char * const labels[] = {
  "PLACE", "ORG", "PROJECT", "POLICY", "INDICATOR", "VALUE", "DATE",
};

/* Members of the object @builder is building. */
#define MEMBER_INT(name, value) (json_builder_set_member_name (builder, name), json_builder_add_int_value (builder, value))
#define MEMBER_STR(name, value) (json_builder_set_member_name (builder, name), json_builder_add_string_value (builder, value))
#define MEMBER_NULL(name) (json_builder_set_member_name (builder, name), json_builder_add_null_value (builder))

/* When the reviewers worked: a fixed time, so that the files are the same every run. */
#define WORKED_AT G_GINT64_CONSTANT (1764900000)

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A report of about @n_chars code points: a line naming it, then the
 * samples' text from a place that depends on @index. */
static char *
make_text (const char *pool,
           glong       pool_chars,
           guint       index,
           guint       n_chars)
{
  GString *text = g_string_new (NULL);
  glong from = ((glong) index * 7919) % pool_chars;

  g_string_append_printf (text, "第%04u号报告\n", index);
  while ((guint) g_utf8_strlen (text->str, -1) < n_chars)
    {
      const char *start = g_utf8_offset_to_pointer (pool, from);
      glong take = MIN (pool_chars - from, (glong) n_chars);
      const char *end = g_utf8_offset_to_pointer (start, take);

      g_string_append_len (text, start, end - start);
      from = 0;
    }
  {
    /* As an import would store it: work files hold canonical texts. */
    g_autoptr(GBytes) bytes = g_string_free_to_bytes (text);
    g_autoptr(GError) error = NULL;
    g_autoptr(BzCanonicalText) canonical = bz_canonical_text_new_from_bytes (bytes, NULL, &error);

    bench_check (canonical != NULL, error);
    return g_strdup (canonical->text);
  }
}

typedef struct
{
  gint64      start;
  gint64      end;
  const char *label;
} Span;

/* Adds the members a span has both in the file and in history. */
static void
add_span_members (JsonBuilder *builder,
                  const Span  *span,
                  const char  *surface,
                  const char  *status,
                  const char  *reviewer,
                  gint64       created,
                  gint64       updated)
{
  MEMBER_INT ("start", span->start);
  MEMBER_INT ("end", span->end);
  MEMBER_STR ("label", span->label);
  MEMBER_STR ("surface", surface);
  MEMBER_STR ("status", status);
  MEMBER_STR ("origin", "human");
  MEMBER_STR ("reviewer", reviewer);
  MEMBER_NULL ("attributes");
  MEMBER_NULL ("note");
  MEMBER_NULL ("confidence");
  MEMBER_NULL ("source");
  MEMBER_INT ("accepted_in_bulk", 0);
  MEMBER_INT ("created", created);
  MEMBER_INT ("updated", updated);
}

/* Returns: (transfer full): the span's columns as history keeps them */
static char *
span_snapshot (gint64      id,
               gint64      document,
               const Span *span,
               const char *surface,
               const char *status,
               const char *reviewer,
               gint64      when)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  MEMBER_INT ("id", id);
  MEMBER_INT ("document", document);
  add_span_members (builder, span, surface, status, reviewer, when, when);
  MEMBER_STR ("layer", reviewer);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
add_history_row (JsonBuilder *builder,
                 gint64       action,
                 const char  *description,
                 const char  *op,
                 gint64       span_id,
                 gint64       document,
                 const char  *before_status,
                 const char  *after_status,
                 const Span  *span,
                 const char  *surface,
                 const char  *reviewer,
                 gint64       when)
{
  g_autofree char *before = NULL;
  g_autofree char *after = span_snapshot (span_id, document, span, surface, after_status, reviewer, when);

  if (before_status != NULL)
    before = span_snapshot (span_id, document, span, surface, before_status, reviewer, when);
  json_builder_begin_object (builder);
  MEMBER_INT ("action", action);
  MEMBER_STR ("description", description);
  MEMBER_STR ("op", op);
  if (before != NULL)
    MEMBER_STR ("before", before);
  else
    MEMBER_NULL ("before");
  MEMBER_STR ("after", after);
  MEMBER_STR ("reviewer", reviewer);
  MEMBER_INT ("timestamp", when);
  json_builder_end_object (builder);
}

/* One reviewer's spans of a report: A's drawn from @rand, B's mostly A's. */
static GArray *
draw_spans (GRand  *rand,
            GArray *first,
            gint64  n_chars,
            guint   n_spans)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  gint64 stride = MAX (n_chars / (gint64) n_spans, 16);

  for (guint s = 0; s < n_spans; s++)
    {
      Span span;

      if (first != NULL && s < first->len && g_rand_double (rand) < 0.8)
        span = g_array_index (first, Span, s);
      else
        {
          /* Each span in a slot of its own: bounds and label make it unique. */
          span.start = MIN (s * stride + g_rand_int_range (rand, 0, (gint32) stride / 2), n_chars - 13);
          span.end = span.start + g_rand_int_range (rand, 2, 12);
          span.label = labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (labels))];
        }
      g_array_append_val (spans, span);
    }
  return spans;
}

/* Writes one report line of @reviewer's work. */
static char *
report_line (GRand      *rand,
             guint       index,
             const char *text,
             GArray     *spans,
             const char *reviewer,
             gint64     *next_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autofree char *title = g_strdup_printf ("第%04u号报告", index);

  json_builder_begin_object (builder);
  MEMBER_STR ("title", title);
  MEMBER_STR ("sha256", hash);
  MEMBER_STR ("status", "in-progress");
  MEMBER_STR ("text", text);
  json_builder_set_member_name (builder, "spans");
  json_builder_begin_array (builder);
  for (guint s = 0; s < spans->len; s++)
    {
      const Span *span = &g_array_index (spans, Span, s);
      const char *from = g_utf8_offset_to_pointer (text, span->start);
      const char *to = g_utf8_offset_to_pointer (from, span->end - span->start);
      g_autofree char *surface = g_strndup (from, to - from);
      gint64 id = (*next_id)++;
      gint64 when = WORKED_AT + id * 7;
      double roll = g_rand_double (rand);
      const char *status = roll < 0.33 ? "rejected" : "accepted";

      json_builder_begin_object (builder);
      add_span_members (builder, span, surface, status, reviewer, when, when + (roll < 0.33 ? 3 : 0));
      json_builder_set_member_name (builder, "history");
      json_builder_begin_array (builder);
      add_history_row (builder, id * 2, "add a span", "add", id, index + 1, NULL, "accepted", span,
                       surface, reviewer, when);
      if (roll < 0.33)
        add_history_row (builder, id * 2 + 1, "reject a span", "update", id, index + 1, "accepted",
                         "rejected", span, surface, reviewer, when + 3);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
write_file (const char *path,
            GString    *contents)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = g_file_set_contents (path, contents->str, contents->len, &error);

  bench_check (ok, error);
}

static double
merge_both (BzStore    *store,
            const char *a_path,
            const char *b_path,
            guint      *out_added,
            guint      *out_history)
{
  gint64 t0 = g_get_monotonic_time ();

  *out_added = *out_history = 0;
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(BzMergeReport) report = NULL;
      g_autoptr(GError) error = NULL;

      gboolean ok = bz_store_merge_work (store, i == 0 ? a_path : b_path, &report, &error);

      bench_check (ok, error);
      *out_added += report->n_spans_added;
      *out_history += report->n_history_added;
    }
  return (g_get_monotonic_time () - t0) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  guint n_reports = bench_argument (argc, argv, 1, 1000);
  guint n_spans = bench_argument (argc, argv, 2, 100);
  guint n_chars = MAX (bench_argument (argc, argv, 3, 10000), 200);
  g_autoptr(GPtrArray) samples = bench_read_samples ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261205);
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-merge-XXXXXX", &error);
  g_autofree char *a_path = NULL;
  g_autofree char *b_path = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *pool = NULL;
  GString *a_file = g_string_new (NULL);
  GString *b_file = g_string_new (NULL);
  g_autofree char *header_a = NULL;
  g_autofree char *header_b = NULL;
  gint64 next_id = 1, t0;
  guint added, history;
  double first, again;
  glong pool_chars;

  bench_check (dir != NULL, error);
  a_path = g_build_filename (dir, "A.jsonl", NULL);
  b_path = g_build_filename (dir, "B.jsonl", NULL);
  db_path = g_build_filename (dir, "team.bzw", NULL);
  g_ptr_array_add (samples, NULL);
  pool = g_strjoinv ("", (char **) samples->pdata);
  pool_chars = g_utf8_strlen (pool, -1);

  t0 = g_get_monotonic_time ();
  store = bz_store_open (db_path, &error);
  bench_check (store != NULL, error);
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();
    g_autoptr(GString) list = g_string_new (NULL);
    g_autoptr(GPtrArray) stored = bz_store_list_labels (store, &error);

    bench_check (stored != NULL, error);
    for (guint i = 0; i < stored->len; i++)
      g_ptr_array_add (names, (gpointer) bz_label_get_name (g_ptr_array_index (stored, i)));
    g_ptr_array_sort (names, compare_names);
    for (guint i = 0; i < names->len; i++)
      g_string_append_printf (list, "%s\"%s\"", i > 0 ? "," : "",
                              (const char *) g_ptr_array_index (names, i));
    header_a = g_strdup_printf ("{\"format\":\"biaozhu-work\",\"version\":%d,\"schema\":%d,"
                                "\"reviewer\":\"A\",\"labels\":[%s]}\n",
                                BZ_WORK_FORMAT_VERSION, BZ_STORE_SCHEMA_VERSION, list->str);
    header_b = g_strdup_printf ("{\"format\":\"biaozhu-work\",\"version\":%d,\"schema\":%d,"
                                "\"reviewer\":\"B\",\"labels\":[%s]}\n",
                                BZ_WORK_FORMAT_VERSION, BZ_STORE_SCHEMA_VERSION, list->str);
  }
  g_string_append (a_file, header_a);
  g_string_append (b_file, header_b);
  for (guint d = 0; d < n_reports; d++)
    {
      g_autofree char *text = make_text (pool, pool_chars, d, n_chars);
      gint64 length = g_utf8_strlen (text, -1);
      g_autoptr(GArray) a_spans = draw_spans (rand, NULL, length, n_spans);
      g_autoptr(GArray) b_spans = draw_spans (rand, a_spans, length, n_spans);
      g_autofree char *a_line = report_line (rand, d, text, a_spans, "A", &next_id);
      g_autofree char *b_line = report_line (rand, d, text, b_spans, "B", &next_id);

      g_string_append_printf (a_file, "%s\n", a_line);
      g_string_append_printf (b_file, "%s\n", b_line);
    }
  write_file (a_path, a_file);
  write_file (b_path, b_file);
  g_print ("%u reports of %u characters, 2 reviewers, %u spans each: work files of %.1f + %.1f MB"
           " written in %.1f s\n",
           n_reports, n_chars, n_spans, a_file->len / 1e6, b_file->len / 1e6,
           (g_get_monotonic_time () - t0) / 1e6);
  g_string_free (a_file, TRUE);
  g_string_free (b_file, TRUE);

  first = merge_both (store, a_path, b_path, &added, &history);
  g_print ("merge of both into a new workspace: %.2f s (%u spans, %u history rows)\n", first,
           added, history);
  again = merge_both (store, a_path, b_path, &added, &history);
  g_print ("merge of both again: %.2f s (%u spans, %u history rows added)\n", again, added, history);

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (leftovers); i++)
    {
      g_autofree char *path = g_build_filename (dir, leftovers[i], NULL);

      g_remove (path);
    }
  g_rmdir (dir);
  return 0;
}
