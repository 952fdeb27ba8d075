/* bz-import-annotations.c: annotations from a file into the workspace, each document all or nothing
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bz-span-key.h"
#include "bz-store.h"
#include "bz-export.h"

/* Where a record came from, for messages: "FILE:LINE: record N". */
static char *
describe_record (const char     *path,
                 const BzRecord *record,
                 guint           index)
{
  if (record->line > 0)
    return g_strdup_printf ("%s:%u: record %u", path, record->line, index + 1);
  return g_strdup_printf ("%s: record %u", path, index + 1);
}

/* A new document's canonical text, made by the same rules as an import of the
 * report. Its text must be the record's as it is: offsets refer to it. The
 * provenance that a native file records (the original's hash, encoding and
 * script) is kept. */
static BzCanonicalText *
canonical_from_record (const BzRecord  *record,
                       const char      *where,
                       GError         **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (record->text, strlen (record->text));
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BzCanonicalText) canonical = bz_canonical_text_new_from_bytes (bytes, where, &local_error);

  if (canonical == NULL)
    {
      g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED, "%s: %s", where, local_error->message);
      return NULL;
    }
  if (!g_str_equal (canonical->text, record->text))
    {
      g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                   "%s: the text is not canonical (carriage returns, a byte order mark, another "
                   "Unicode form or pinyin glosses would change it and move the offsets): "
                   "import the report itself first, then its annotations", where);
      return NULL;
    }
  if (record->sha256 != NULL)
    {
      g_free (canonical->sha256);
      canonical->sha256 = g_strdup (record->sha256);
    }
  if (record->encoding != NULL)
    {
      g_free (canonical->encoding);
      canonical->encoding = g_strdup (record->encoding);
    }
  if (record->script != BZ_SCRIPT_UNKNOWN)
    canonical->script = record->script;
  return g_steal_pointer (&canonical);
}

/* The state of an import: the first pass checks every record and notes its
 * document (0: a new one); the second adds them. Records are read one at a
 * time in both passes, so a large file is never held as records. */
typedef struct
{
  BzStore                          *store;
  const char                       *path;
  const BzImportAnnotationsOptions *options;
  BzImportAnnotationsReport        *report;
  GHashTable                       *labels;
  char                             *label_names;
  GArray                           *document_ids;
  /* Where each record starts in its document: a piece of a chunked export
   * lands at its place in the whole document. */
  GArray                           *offsets;
  guint                             index;
  BzExportProgressFunc              progress;
  gpointer                          progress_data;
  GCancellable                     *cancellable;
} ImportState;

/* A piece of a chunked export names its document and where it starts: it
 * matches when the stored document holds the piece's text there. */
static gint64
find_chunk_document (BzStore        *store,
                     const BzRecord *record)
{
  g_autoptr(BzDocument) document = NULL;
  const char *text;
  const char *p;

  if (!record->chunked || record->id <= 0)
    return 0;
  document = bz_store_get_document (store, record->id, NULL);
  /* The offset comes from the file: compared without an addition that could overflow. */
  if (document == NULL || (text = bz_document_get_text (document)) == NULL || record->chunk_offset < 0 ||
      record->chunk_offset > bz_document_get_n_chars (document) - record->n_chars)
    return 0;
  p = g_utf8_offset_to_pointer (text, record->chunk_offset);
  return strncmp (p, record->text, strlen (record->text)) == 0 ? record->id : 0;
}

/* First pass: labels known, documents found (or allowed to be new and canonical). */
static gboolean
check_record_cb (BzRecord  *taken,
                 gpointer   user_data,
                 GError   **error)
{
  /* The sink owns the record. */
  g_autoptr(BzRecord) record = taken;
  ImportState *self = user_data;
  g_autofree char *where = describe_record (self->path, record, self->index++);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BzCanonicalText) canonical = NULL;
  gint64 id, offset;

  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;
  for (guint k = 0; k < record->spans->len; k++)
    {
      const char *label = g_array_index (record->spans, BzRecordSpan, k).label;

      if (!g_hash_table_contains (self->labels, label))
        {
          g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                       "%s: the label “%s” is not in the workspace's schema (%s)", where, label,
                       self->label_names);
          return FALSE;
        }
    }
  id = bz_store_find_document_by_text (self->store, record->text, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  offset = 0;
  if (id == 0 && (id = find_chunk_document (self->store, record)) != 0)
    offset = record->chunk_offset;
  if (id == 0 && !self->options->new_documents)
    {
      g_autofree char *start = g_utf8_substring (record->text, 0, MIN (record->n_chars, 20));

      g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                   "%s: no document in the workspace has this text (“%s%s”); "
                   "import with --new-documents to add it", where, start,
                   record->n_chars > 20 ? "…" : "");
      return FALSE;
    }
  if (id == 0 && (canonical = canonical_from_record (record, where, error)) == NULL)
    return FALSE;
  g_array_append_val (self->document_ids, id);
  g_array_append_val (self->offsets, offset);
  return TRUE;
}

static int
compare_span_ids (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GArray *spans = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  gint64 id_a = g_array_index (spans, BzRecordSpan, ia).id;
  gint64 id_b = g_array_index (spans, BzRecordSpan, ib).id;

  if (id_a != id_b && id_a != 0 && id_b != 0)
    return id_a < id_b ? -1 : 1;
  /* Otherwise the file's order. */
  return ia < ib ? -1 : ia > ib;
}

/* The record's note on the document, or on a span, goes where there is none
 * yet: an import never overrides a reviewer's note. */
static gboolean
import_document_note (BzStore         *store,
                      gint64           document_id,
                      const BzRecord  *record,
                      GError         **error)
{
  g_autoptr(BzDocument) document = NULL;

  if (record->note == NULL)
    return TRUE;
  if (!(document = bz_store_get_document (store, document_id, error)))
    return FALSE;
  return bz_document_get_note (document) != NULL
         || bz_store_set_document_note (store, document_id, record->note, error);
}

/* Adds @record's spans to its document, or (@document_id 0) to a new one with
 * the text @canonical. */
static gboolean
import_record (BzStore                          *store,
               const char                       *path,
               BzRecord                         *record,
               gint64                            document_id,
               BzCanonicalText                  *canonical,
               gint64                            offset,
               const BzImportAnnotationsOptions *options,
               BzImportAnnotationsReport        *report,
               GError                          **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autofree guint *order = NULL;
  g_autofree gint64 *span_ids = NULL;
  g_autoptr(GHashTable) existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autofree char *import_origin = g_strconcat ("import:", bz_format_to_string (options->format), NULL);

  if (document_id == 0)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *title = NULL;
      gboolean was_there = FALSE;

      /* Formats without titles give the report's heading line, or the file and
       * the record's place in it. */
      title = record->title != NULL ? g_strdup (record->title) : bz_text_heading_title (record->text);
      if (title == NULL)
        title = g_strdup_printf ("%s #%u", base, report->n_records);
      document_id = bz_store_add_document (store, title, record->source_path, canonical, &was_there, error);
      if (document_id == 0)
        return FALSE;
      if (!was_there)
        report->n_new_documents++;
      if (!was_there && record->status != BZ_DOCUMENT_NEW &&
          !bz_store_set_document_status (store, document_id, record->status, error))
        return FALSE;
    }
  else
    report->n_matched++;
  if (!import_document_note (store, document_id, record, error))
    return FALSE;

  stored = bz_store_list_spans (store, document_id, error);
  if (stored == NULL)
    return FALSE;
  for (guint i = 0; i < stored->len; i++)
    {
      BzSpan *span = stored->pdata[i];

      g_hash_table_insert (existing,
                           _bz_span_key (bz_span_get_start (span), bz_span_get_end (span), bz_span_get_label (span)),
                           g_object_ref (span));
    }

  /* Spans that carry their ids (native) are added in the order of those ids, so
   * that a fresh workspace numbers them as the exporting one did. */
  order = g_new (guint, record->spans->len + 1);
  /* The stored id of each span of the record, for its relations. */
  span_ids = g_new0 (gint64, record->spans->len + 1);
  for (guint i = 0; i < record->spans->len; i++)
    order[i] = i;
  g_qsort_with_data (order, record->spans->len, sizeof (guint), compare_span_ids, record->spans);

  for (guint i = 0; i < record->spans->len; i++)
    {
      const BzRecordSpan *rspan = &g_array_index (record->spans, BzRecordSpan, order[i]);
      g_autofree char *key = _bz_span_key (rspan->start + offset, rspan->end + offset, rspan->label);
      BzSpanStatus status = options->force_status ? options->status : rspan->status;
      const char *origin = import_origin;
      BzSpan *found = g_hash_table_lookup (existing, key);
      g_autoptr(BzSpan) span = NULL;
      gint64 id;

      if (found != NULL)
        {
          /* Already there: a suggestion is confirmed by an accepting import; a human
           * decision is never overridden. */
          report->n_spans_existing++;
          span_ids[order[i]] = bz_span_get_id (found);
          if (bz_span_get_status (found) == BZ_SPAN_SUGGESTED && status == BZ_SPAN_ACCEPTED &&
              !bz_store_set_span_status (store, bz_span_get_id (found), status, error))
            return FALSE;
          if (rspan->note != NULL && bz_span_get_note (found) == NULL &&
              !bz_store_set_span_note (store, bz_span_get_id (found), rspan->note, error))
            return FALSE;
          continue;
        }
      /* The native format is lossless: it keeps the origin it recorded. */
      if (options->format == BZ_FORMAT_NATIVE && rspan->origin != NULL)
        origin = rspan->origin;
      span = bz_span_new (rspan->start + offset, rspan->end + offset, rspan->label, status, origin);
      if (rspan->attributes != NULL)
        bz_span_set_attributes (span, rspan->attributes);
      if (rspan->note != NULL)
        bz_span_set_note (span, rspan->note);
      if (options->format == BZ_FORMAT_NATIVE && rspan->reviewer != NULL)
        bz_span_set_reviewer (span, rspan->reviewer);
      /* So are a suggestion's confidence and source. */
      if (options->format == BZ_FORMAT_NATIVE && rspan->has_confidence)
        bz_span_set_confidence (span, rspan->confidence);
      if (options->format == BZ_FORMAT_NATIVE && rspan->source != NULL)
        bz_span_set_source (span, rspan->source);
      id = bz_store_add_span (store, document_id, span, error);
      if (id == 0)
        return FALSE;
      if (rspan->note != NULL && g_strcmp0 (bz_span_get_note (span), rspan->note) != 0 &&
          !bz_store_set_span_note (store, id, rspan->note, error))
        return FALSE;
      g_hash_table_insert (existing, g_steal_pointer (&key), g_object_ref (span));
      span_ids[order[i]] = id;
      report->n_spans_added++;
    }

  for (guint i = 0; i < record->relations->len; i++)
    {
      const BzRecordRelation *rel = &g_array_index (record->relations, BzRecordRelation, i);

      /* The readers check that both ends name spans of the record. */
      g_assert (rel->from < record->spans->len && rel->to < record->spans->len);
      if (bz_store_add_relation (store, span_ids[rel->from], span_ids[rel->to], rel->type, import_origin, error) == 0)
        return FALSE;
      report->n_relations++;
    }
  return TRUE;
}

/* Second pass: adds one record in a transaction of its own, so that another
 * program's changes (a reviewer's decision) wait for one document at most. */
static gboolean
import_record_cb (BzRecord  *taken,
                  gpointer   user_data,
                  GError   **error)
{
  /* The sink owns the record. */
  g_autoptr(BzRecord) record = taken;
  ImportState *self = user_data;
  g_autofree char *where = describe_record (self->path, record, self->index);
  g_autofree char *description = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BzCanonicalText) canonical = NULL;
  BzImportAnnotationsReport before;
  gint64 document_id;

  if (self->progress != NULL)
    self->progress (self->index, self->document_ids->len, self->progress_data);
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;
  if (self->index >= self->document_ids->len)
    {
      g_set_error (error, BZ_FORMAT_ERROR, BZ_FORMAT_ERROR_FAILED,
                   "%s: the file changed while it was imported", where);
      return FALSE;
    }
  /* A new document's text is made before the transaction, which then holds
   * the workspace's write lock for the writing alone. */
  document_id = g_array_index (self->document_ids, gint64, self->index);
  if (document_id == 0 && (canonical = canonical_from_record (record, where, error)) == NULL)
    return FALSE;
  /* A record that fails counts for nothing. */
  before = *self->report;
  self->report->n_records++;
  description = g_strdup_printf ("Import annotations from %s", self->path);
  if (!bz_store_begin (self->store, description, FALSE, &local_error) ||
      !import_record (self->store, self->path, record, document_id, canonical,
                      g_array_index (self->offsets, gint64, self->index),
                      self->options, self->report, &local_error) ||
      !bz_store_commit (self->store, &local_error))
    {
      bz_store_rollback (self->store);
      *self->report = before;
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", where, local_error->message);
      return FALSE;
    }
  self->index++;
  return TRUE;
}

gboolean
bz_import_annotations (BzStore                          *store,
                       const char                       *path,
                       const BzImportAnnotationsOptions *options,
                       BzImportAnnotationsReport        *report,
                       GError                          **error)
{
  return bz_import_annotations_full (store, path, options, NULL, NULL, NULL, report, error);
}

gboolean
bz_import_annotations_full (BzStore                          *store,
                            const char                       *path,
                            const BzImportAnnotationsOptions *options,
                            BzExportProgressFunc              progress,
                            gpointer                          progress_data,
                            GCancellable                     *cancellable,
                            BzImportAnnotationsReport        *report,
                            GError                          **error)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GArray) document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;
  ImportState state = { store, path, options, report, known, NULL, document_ids, offsets, 0,
                        progress, progress_data, cancellable };

  g_return_val_if_fail (BZ_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL && report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  labels = bz_store_list_labels (store, error);
  if (labels == NULL)
    return FALSE;
  for (guint i = 0; i < labels->len; i++)
    {
      const char *name = bz_label_get_name (labels->pdata[i]);

      g_hash_table_add (known, (gpointer) name);
      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", name);
    }
  state.label_names = names->str;

  /* Nothing is written unless the whole file reads and checks. */
  if (!bz_format_read_file_foreach (options->format, path, check_record_cb, &state, error))
    return FALSE;

  state.index = 0;
  if (!bz_format_read_file_foreach (options->format, path, import_record_cb, &state, &local_error))
    {
      /* The records before the failure were committed, each whole: say so. */
      if (state.index > 0)
        g_set_error (error, local_error->domain, local_error->code,
                     "%s (%u of %u records were imported before it and stay in the workspace)",
                     local_error->message, state.index, document_ids->len);
      else
        g_set_error (error, local_error->domain, local_error->code, "%s (nothing was imported)",
                     local_error->message);
      return FALSE;
    }
  return TRUE;
}
