/* bz-calibration.c: how often each source of suggestions is right
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-calibration"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gio/gio.h>

#include "bz-calibration.h"
#include "bz-data-private.h"

typedef struct
{
  guint64 right;
  guint64 seen;
} Counts;

struct _BzCalibration
{
  GHashTable *by_source; /* "SOURCE\x1fLABEL" → Counts */
  GHashTable *by_label;  /* LABEL → Counts */
  Counts      all;
  /* The part of the counts that each gold report gave: REPORT → ("SOURCE\x1fLABEL"
   * → Counts). The counts above hold them too, and what came from no report. */
  GHashTable *by_report;
};

static GHashTable *
counts_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

BzCalibration *
bz_calibration_new (void)
{
  BzCalibration *self = g_new0 (BzCalibration, 1);

  self->by_source = counts_table_new ();
  self->by_label = counts_table_new ();
  self->by_report = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_hash_table_unref);
  return self;
}

void
bz_calibration_free (BzCalibration *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_source);
  g_hash_table_unref (self->by_label);
  g_hash_table_unref (self->by_report);
  g_free (self);
}

static void
add_to (GHashTable *table,
        const char *key,
        guint64     right,
        guint64     seen)
{
  Counts *counts = g_hash_table_lookup (table, key);

  if (counts == NULL)
    {
      counts = g_new0 (Counts, 1);
      g_hash_table_insert (table, g_strdup (key), counts);
    }
  counts->right += right;
  counts->seen += seen;
}

static char *
source_key (const char *source,
            const char *label)
{
  return g_strconcat (source, "\x1f", label, NULL);
}

static void
add_counts (BzCalibration *self,
            const char    *report,
            const char    *key,
            guint64        right,
            guint64        seen)
{
  const char *sep = strchr (key, '\x1f');

  if (report != NULL)
    {
      GHashTable *counts = g_hash_table_lookup (self->by_report, report);

      if (counts == NULL)
        {
          counts = counts_table_new ();
          g_hash_table_insert (self->by_report, g_strdup (report), counts);
        }
      add_to (counts, key, right, seen);
    }
  add_to (self->by_source, key, right, seen);
  add_to (self->by_label, sep + 1, right, seen);
  self->all.right += right;
  self->all.seen += seen;
}

void
bz_calibration_add (BzCalibration *self,
                    const char    *source,
                    const char    *label,
                    guint          right,
                    guint          seen)
{
  g_autofree char *key = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (source != NULL && strchr (source, '\x1f') == NULL);
  g_return_if_fail (label != NULL);
  g_return_if_fail (right <= seen);

  key = source_key (source, label);
  add_counts (self, NULL, key, right, seen);
}

/* Adds @table's counts (of a report when @report is not %NULL). */
static void
add_table (BzCalibration *self,
           const char    *report,
           GHashTable    *table)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Counts *counts = value;

      add_counts (self, report, key, counts->right, counts->seen);
    }
}

/* The counts of @table that no report gave. */
static GHashTable *
counts_of_no_report (const BzCalibration *self)
{
  GHashTable *rest = counts_table_new ();
  GHashTableIter iter, reports;
  gpointer key, value, table;

  g_hash_table_iter_init (&iter, self->by_source);
  while (g_hash_table_iter_next (&iter, &key, &value))
    add_to (rest, key, ((const Counts *) value)->right, ((const Counts *) value)->seen);
  g_hash_table_iter_init (&reports, self->by_report);
  while (g_hash_table_iter_next (&reports, NULL, &table))
    {
      g_hash_table_iter_init (&iter, table);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Counts *counts = g_hash_table_lookup (rest, key);

          counts->right -= ((const Counts *) value)->right;
          counts->seen -= ((const Counts *) value)->seen;
        }
    }
  g_hash_table_iter_init (&iter, rest);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((const Counts *) value)->seen == 0)
      g_hash_table_iter_remove (&iter);
  return rest;
}

void
bz_calibration_merge (BzCalibration       *self,
                      const BzCalibration *other)
{
  g_autoptr(GHashTable) rest = NULL;
  GHashTableIter iter;
  gpointer report, table;

  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);

  g_hash_table_iter_init (&iter, other->by_report);
  while (g_hash_table_iter_next (&iter, &report, &table))
    add_table (self, report, table);
  rest = counts_of_no_report (other);
  add_table (self, NULL, rest);
}

void
bz_calibration_merge_report (BzCalibration       *self,
                             const char          *report,
                             const BzCalibration *other)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (report != NULL && *report != '\0' && strpbrk (report, "\t\n") == NULL);
  g_return_if_fail (other != NULL);

  add_table (self, report, other->by_source);
}

BzCalibration *
bz_calibration_copy (const BzCalibration *self)
{
  BzCalibration *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = bz_calibration_new ();
  bz_calibration_merge (copy, self);
  return copy;
}

gboolean
bz_calibration_get_counts (const BzCalibration *self,
                           const char          *source,
                           const char          *label,
                           guint               *out_right,
                           guint               *out_seen)
{
  g_autofree char *key = NULL;
  const Counts *counts;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (source != NULL && label != NULL, FALSE);

  key = source_key (source, label);
  counts = g_hash_table_lookup (self->by_source, key);
  if (out_right != NULL)
    *out_right = counts != NULL ? (guint) counts->right : 0;
  if (out_seen != NULL)
    *out_seen = counts != NULL ? (guint) counts->seen : 0;
  return counts != NULL;
}

static double
smoothed (guint64 right,
          guint64 seen,
          double  prior)
{
  return (right + BZ_CALIBRATION_PRIOR_WEIGHT * prior) / (seen + BZ_CALIBRATION_PRIOR_WEIGHT);
}

double
bz_calibration_get_label_precision (const BzCalibration *self,
                                    const char          *label)
{
  const Counts *counts;
  double all;

  g_return_val_if_fail (self != NULL, 0.0);
  g_return_val_if_fail (label != NULL, 0.0);

  all = smoothed (self->all.right, self->all.seen, 0.5);
  counts = g_hash_table_lookup (self->by_label, label);
  return counts != NULL ? smoothed (counts->right, counts->seen, all) : all;
}

double
bz_calibration_get_confidence (const BzCalibration *self,
                               const char          *source,
                               const char          *label)
{
  g_autofree char *key = NULL;
  const Counts *counts;
  double prior;

  g_return_val_if_fail (self != NULL, 0.0);
  g_return_val_if_fail (source != NULL && label != NULL, 0.0);

  prior = bz_calibration_get_label_precision (self, label);
  key = source_key (source, label);
  counts = g_hash_table_lookup (self->by_source, key);
  return counts != NULL ? smoothed (counts->right, counts->seen, prior) : prior;
}

/* ---- threshold ------------------------------------------------------------- */

typedef struct
{
  double        confidence;
  const char   *key;
  const Counts *counts;
} Entry;

static int
compare_entries_descending (gconstpointer a,
                            gconstpointer b)
{
  const Entry *ea = a, *eb = b;

  return (ea->confidence < eb->confidence) - (ea->confidence > eb->confidence);
}

/* Whether the suggestions at or above a threshold, @right of @seen, reach @target. */
static gboolean
reaches (guint64 right,
         guint64 seen,
         double  target)
{
  return (double) right >= target * (double) seen;
}

gboolean
bz_calibration_pick_threshold (const BzCalibration *self,
                               double               target,
                               double              *out_threshold,
                               double              *out_precision)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GPtrArray) reports = g_ptr_array_new ();
  g_autofree Counts *in_report = NULL;
  g_autoptr(GHashTable) in_label = counts_table_new ();
  GHashTableIter iter;
  gpointer key, value;
  guint64 right = 0, seen = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (target > 0.0 && target <= 1.0, FALSE);
  g_return_val_if_fail (out_threshold != NULL, FALSE);

  *out_threshold = BZ_CALIBRATION_NO_THRESHOLD;
  if (out_precision != NULL)
    *out_precision = 0.0;

  g_hash_table_iter_init (&iter, self->by_source);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Counts *counts = value;
      const char *sep = strchr (key, '\x1f');
      g_autofree char *source = g_strndup (key, sep - (const char *) key);
      Entry entry = { bz_calibration_get_confidence (self, source, sep + 1), key, counts };

      if (counts->seen > 0)
        g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_entries_descending);
  g_hash_table_iter_init (&iter, self->by_report);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (reports, value);
  in_report = g_new0 (Counts, reports->len + 1);

  /* Lowering the threshold past a confidence takes in every source that has
   * it. The precision must reach the target over all the counts, in each
   * report on its own and for each label on its own: pooled, the many right
   * suggestions of a strong report or label pay for the errors of a weak one,
   * and sources are right more often in some reports than in others (a report
   * never seen is one more of them). */
  for (guint i = 0; i < entries->len;)
    {
      double confidence = g_array_index (entries, Entry, i).confidence;
      gboolean every_part = TRUE;
      GHashTableIter labels;
      gpointer of_label;

      for (; i < entries->len && g_array_index (entries, Entry, i).confidence == confidence; i++)
        {
          const Entry *entry = &g_array_index (entries, Entry, i);

          right += entry->counts->right;
          seen += entry->counts->seen;
          add_to (in_label, strchr (entry->key, '\x1f') + 1, entry->counts->right, entry->counts->seen);
          for (guint r = 0; r < reports->len; r++)
            {
              const Counts *counts = g_hash_table_lookup (g_ptr_array_index (reports, r), entry->key);

              if (counts != NULL)
                {
                  in_report[r].right += counts->right;
                  in_report[r].seen += counts->seen;
                }
            }
        }
      for (guint r = 0; r < reports->len && every_part; r++)
        every_part = reaches (in_report[r].right, in_report[r].seen, target);
      g_hash_table_iter_init (&labels, in_label);
      while (every_part && g_hash_table_iter_next (&labels, NULL, &of_label))
        every_part = reaches (((const Counts *) of_label)->right, ((const Counts *) of_label)->seen, target);
      if (every_part && reaches (right, seen, target))
        {
          found = TRUE;
          *out_threshold = confidence;
          if (out_precision != NULL)
            *out_precision = (double) right / (double) seen;
        }
    }
  return found;
}

/* ---- the table on disk ------------------------------------------------------- */

static gboolean
parse_count (const char *field,
             guint64    *out_value)
{
  char *end = NULL;
  guint64 value;

  if (!g_ascii_isdigit (*field))
    return FALSE;
  errno = 0;
  value = g_ascii_strtoull (field, &end, 10);
  if (errno != 0 || *end != '\0' || value > G_MAXUINT)
    return FALSE;
  *out_value = value;
  return TRUE;
}

BzCalibration *
bz_calibration_load (const char  *path,
                     GError     **error)
{
  g_autoptr(BzCalibration) self = bz_calibration_new ();
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot read the calibration table %s: %s", path, local_error->message);
      return NULL;
    }
  if (!g_utf8_validate (contents, length, NULL) || memchr (contents, '\0', length) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: the calibration table is not UTF-8 text", path);
      return NULL;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *key = NULL;
      guint64 right, seen;
      guint n_fields;

      if (*lines[i] == '\0' || *lines[i] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      n_fields = g_strv_length (fields);
      if ((n_fields != 4 && n_fields != 5) || *fields[0] == '\0' || *fields[1] == '\0'
          || strchr (fields[0], '\x1f') != NULL || (n_fields == 5 && *fields[4] == '\0'))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s:%u: expected “SOURCE<TAB>LABEL<TAB>RIGHT<TAB>SEEN[<TAB>REPORT]”", path, i + 1);
          return NULL;
        }
      if (!parse_count (fields[2], &right) || !parse_count (fields[3], &seen) || right > seen)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s:%u: the counts must be whole numbers, RIGHT at most SEEN", path, i + 1);
          return NULL;
        }
      key = source_key (fields[0], fields[1]);
      add_counts (self, n_fields == 5 ? fields[4] : NULL, key, right, seen);
    }
  return g_steal_pointer (&self);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Appends @table's lines, sorted, each ending in @report's column when not %NULL. */
static void
append_lines (GString    *out,
              GHashTable *table,
              const char *report)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *k = g_ptr_array_index (keys, i);
      const Counts *counts = g_hash_table_lookup (table, k);
      const char *sep = strchr (k, '\x1f');

      g_string_append_len (out, k, sep - k);
      g_string_append_printf (out, "\t%s\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT,
                              sep + 1, counts->right, counts->seen);
      if (report != NULL)
        g_string_append_printf (out, "\t%s", report);
      g_string_append_c (out, '\n');
    }
}

char *
bz_calibration_to_string (const BzCalibration *self)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new ();
  g_autoptr(GHashTable) rest = NULL;
  GString *out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer report;

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append (out, "# calibration.tsv: how often each source of suggestions was right on the gold\n"
                        "# Written by `biaozhu-cli calibrate`; do not edit.\n"
                        "# source\tlabel\tright\tseen[\treport]\n");
  rest = counts_of_no_report (self);
  append_lines (out, rest, NULL);
  g_hash_table_iter_init (&iter, self->by_report);
  while (g_hash_table_iter_next (&iter, &report, NULL))
    g_ptr_array_add (reports, report);
  g_ptr_array_sort (reports, compare_strings);
  for (guint r = 0; r < reports->len; r++)
    append_lines (out, g_hash_table_lookup (self->by_report, g_ptr_array_index (reports, r)),
                  g_ptr_array_index (reports, r));
  return g_string_free (out, FALSE);
}

char *
bz_calibration_default_path (void)
{
  return _bz_data_path ("calibration.tsv", G_FILE_TEST_IS_REGULAR);
}

BzCalibration *
bz_calibration_load_default (void)
{
  g_autofree char *path = bz_calibration_default_path ();
  g_autoptr(GError) error = NULL;
  BzCalibration *self = bz_calibration_load (path, &error);

  if (self == NULL)
    {
      g_message ("Suggestions get their labels’ default confidence: %s", error->message);
      self = bz_calibration_new ();
    }
  return self;
}

/* ---- reliability --------------------------------------------------------------- */

double
bz_calibration_reliability (const double     *confidences,
                            const gboolean   *correct,
                            guint             n,
                            guint             n_bins,
                            BzReliabilityBin *out_bins)
{
  g_autofree BzReliabilityBin *bins = NULL;
  g_autofree double *sums = NULL;
  g_autofree guint *rights = NULL;
  double ece = 0.0;

  g_return_val_if_fail (n == 0 || (confidences != NULL && correct != NULL), 0.0);
  g_return_val_if_fail (n_bins > 0, 0.0);

  bins = g_new0 (BzReliabilityBin, n_bins);
  sums = g_new0 (double, n_bins);
  rights = g_new0 (guint, n_bins);
  for (guint i = 0; i < n; i++)
    {
      double c = CLAMP (confidences[i], 0.0, 1.0);
      guint b = MIN ((guint) (c * n_bins), n_bins - 1);

      bins[b].n++;
      sums[b] += c;
      rights[b] += correct[i] ? 1 : 0;
    }
  for (guint b = 0; b < n_bins; b++)
    {
      bins[b].low = (double) b / n_bins;
      bins[b].high = (double) (b + 1) / n_bins;
      if (bins[b].n == 0)
        continue;
      bins[b].mean_confidence = sums[b] / bins[b].n;
      bins[b].accuracy = (double) rights[b] / bins[b].n;
      ece += (double) bins[b].n / n * fabs (bins[b].accuracy - bins[b].mean_confidence);
    }
  if (out_bins != NULL)
    memcpy (out_bins, bins, n_bins * sizeof (BzReliabilityBin));
  return ece;
}
