/* probe-decide.c: a stream of review decisions for the kill probes, each reported once committed
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: probe-decide WORKSPACE [MAX]
 *
 * Decides the undecided suggestions of the workspace (at most MAX of them) as
 * a reviewer would:
 * accepts or rejects one at a time, and every fifth time adds a span and
 * relabels it as one group. After each committed action it prints one line,
 * "span ID STATUS LABEL", and flushes it, so that a program that kills this
 * one with SIGKILL knows what must be in the workspace.
 */
#include "config.h"

#include <stdio.h>

#include <biaozhu.h>

static void
report (BzStore *store,
        gint64   span_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzSpan) span = bz_store_get_span (store, span_id, &error);

  if (span == NULL)
    g_error ("span %" G_GINT64_FORMAT " is gone after its commit: %s", span_id, error->message);
  printf ("span %" G_GINT64_FORMAT " %s %s\n", span_id,
          bz_span_status_to_string (bz_span_get_status (span)), bz_span_get_label (span));
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  guint64 max = G_MAXUINT64;
  guint n = 0;

  if (argc < 2 || argc > 3 || (argc == 3 && !g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXUINT64,
                                                                         &max, NULL)))
    {
      fprintf (stderr, "usage: probe-decide WORKSPACE [MAX]\n");
      return 2;
    }
  store = bz_store_open_full (argv[1], BZ_STORE_OPEN_EXISTING, &error);
  if (store == NULL || !(documents = bz_store_list_documents (store, &error)))
    g_error ("%s", error->message);
  bz_store_set_reviewer (store, "probe");

  for (guint d = 0; d < documents->len && n < max; d++)
    {
      gint64 document_id = bz_document_get_id (g_ptr_array_index (documents, d));
      g_autoptr(GPtrArray) spans = bz_store_list_spans (store, document_id, &error);

      if (spans == NULL)
        g_error ("%s", error->message);
      for (guint i = 0; i < spans->len && n < max; i++)
        {
          BzSpan *span = g_ptr_array_index (spans, i);
          gint64 id = bz_span_get_id (span);

          if (bz_span_get_status (span) != BZ_SPAN_SUGGESTED)
            continue;
          if (++n % 5 == 0)
            {
              g_autoptr(BzSpan) added = NULL;
              gint64 start = bz_span_get_start (span);
              gint64 added_id;

              /* A group: a new span over the first character, relabelled. */
              added = bz_span_new (start, start + 1, "PLACE", BZ_SPAN_ACCEPTED, "human");
              if (!bz_store_begin (store, "probe group", TRUE, &error)
                  || (added_id = bz_store_add_span (store, document_id, added, &error)) == 0
                  || !bz_store_set_span_label (store, added_id, "ORG", &error)
                  || !bz_store_set_span_status (store, id, BZ_SPAN_ACCEPTED, &error)
                  || !bz_store_commit (store, &error))
                g_error ("%s", error->message);
              report (store, added_id);
              report (store, id);
              continue;
            }
          if (!bz_store_set_span_status (store, id, n % 2 ? BZ_SPAN_ACCEPTED : BZ_SPAN_REJECTED, &error))
            g_error ("%s", error->message);
          report (store, id);
        }
    }
  printf ("done\n");
  return 0;
}
