/* bz-document.c: a report in the workspace (a snapshot taken by the store)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bz-document"

#include "config.h"

#include "bz-document-private.h"
#include "bz-store-private.h"

struct _BzDocument
{
  GObject           parent_instance;

  gint64            id;
  char             *title;
  char             *source_path;
  char             *sha256;
  char             *encoding;
  BzScript          script;
  char             *text;
  gint64            n_chars;
  BzDocumentStatus  status;
  gint64            created;
  char             *note;
  guint             n_spans;
  guint             n_decided;
  guint             n_warnings;
  GWeakRef          store;
};

G_DEFINE_FINAL_TYPE (BzDocument, bz_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SOURCE_PATH,
  PROP_SCRIPT,
  PROP_STATUS,
  PROP_N_CHARS,
  PROP_CREATED,
  PROP_NOTE,
  PROP_N_SPANS,
  PROP_N_DECIDED,
  PROP_N_UNDECIDED,
  PROP_N_WARNINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bz_document_finalize (GObject *object)
{
  BzDocument *self = BZ_DOCUMENT (object);

  g_free (self->title);
  g_free (self->source_path);
  g_free (self->sha256);
  g_free (self->encoding);
  g_free (self->text);
  g_free (self->note);
  g_weak_ref_clear (&self->store);

  G_OBJECT_CLASS (bz_document_parent_class)->finalize (object);
}

static void
bz_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BzDocument *self = BZ_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SOURCE_PATH:
      g_value_set_string (value, self->source_path);
      break;
    case PROP_SCRIPT:
      g_value_set_uint (value, self->script);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case PROP_N_CHARS:
      g_value_set_int64 (value, self->n_chars);
      break;
    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_N_SPANS:
      g_value_set_uint (value, self->n_spans);
      break;
    case PROP_N_DECIDED:
      g_value_set_uint (value, self->n_decided);
      break;
    case PROP_N_UNDECIDED:
      g_value_set_uint (value, bz_document_get_n_undecided (self));
      break;
    case PROP_N_WARNINGS:
      g_value_set_uint (value, self->n_warnings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bz_document_class_init (BzDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bz_document_finalize;
  object_class->get_property = bz_document_get_property;

  /* Read-only: a document is a snapshot. The properties serve list models'
   * sorters and filters (GtkPropertyExpression). */
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE_PATH] = g_param_spec_string ("source-path", NULL, NULL, NULL, flags);
  /* A #BzScript value. */
  properties[PROP_SCRIPT] = g_param_spec_uint ("script", NULL, NULL, 0, BZ_SCRIPT_MIXED, 0, flags);
  /* A #BzDocumentStatus value. */
  properties[PROP_STATUS] = g_param_spec_uint ("status", NULL, NULL, 0, BZ_DOCUMENT_REVIEWED, 0, flags);
  properties[PROP_N_CHARS] = g_param_spec_int64 ("n-chars", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED] = g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  properties[PROP_N_SPANS] = g_param_spec_uint ("n-spans", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_DECIDED] = g_param_spec_uint ("n-decided", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_UNDECIDED] = g_param_spec_uint ("n-undecided", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_WARNINGS] = g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bz_document_init (BzDocument *self)
{
  g_weak_ref_init (&self->store, NULL);
}

/**
 * _bz_document_new:
 * @text: (nullable): the canonical text, or %NULL to load it from the store on first use
 * @note: (nullable): the reviewer's note on the document
 *
 * Returns: (transfer full): a snapshot of a stored document
 */
BzDocument *
_bz_document_new (gint64            id,
                  const char       *title,
                  const char       *source_path,
                  const char       *sha256,
                  const char       *encoding,
                  BzScript          script,
                  const char       *text,
                  gint64            n_chars,
                  BzDocumentStatus  status,
                  gint64            created,
                  const char       *note)
{
  BzDocument *self = g_object_new (BZ_TYPE_DOCUMENT, NULL);

  self->id = id;
  self->title = g_strdup (title);
  self->source_path = g_strdup (source_path);
  self->sha256 = g_strdup (sha256);
  self->encoding = g_strdup (encoding);
  self->script = script;
  self->text = g_strdup (text);
  self->n_chars = n_chars;
  self->status = status;
  self->created = created;
  self->note = g_strdup (note);

  return self;
}

void
_bz_document_set_counts (BzDocument *self,
                         guint       n_spans,
                         guint       n_decided,
                         guint       n_warnings)
{
  g_return_if_fail (BZ_IS_DOCUMENT (self));
  g_return_if_fail (n_decided <= n_spans);

  self->n_spans = n_spans;
  self->n_decided = n_decided;
  self->n_warnings = n_warnings;
}

void
_bz_document_set_store (BzDocument *self,
                        BzStore    *store)
{
  g_return_if_fail (BZ_IS_DOCUMENT (self));

  g_weak_ref_set (&self->store, store);
}

/**
 * bz_document_get_text:
 * @self: a #BzDocument
 *
 * A document taken from a list loads its text from its store on first use, in the
 * thread that uses the store.
 *
 * Returns: (transfer none) (nullable): the canonical text, or %NULL when it could not
 *   be loaded (the store was closed or failed)
 */
const char *
bz_document_get_text (BzDocument *self)
{
  g_return_val_if_fail (BZ_IS_DOCUMENT (self), NULL);

  if (self->text == NULL)
    {
      g_autoptr(BzStore) store = g_weak_ref_get (&self->store);
      g_autoptr(GError) error = NULL;

      if (store == NULL)
        return NULL;
      self->text = _bz_store_load_text (store, self->id, &error);
      if (self->text == NULL)
        g_debug ("Cannot load the text of document %" G_GINT64_FORMAT ": %s",
                 self->id, error->message);
    }

  return self->text;
}

/**
 * bz_document_get_n_undecided:
 * @self: a #BzDocument
 *
 * Returns: how many of the document's spans are undecided suggestions
 */
guint
bz_document_get_n_undecided (BzDocument *self)
{
  g_return_val_if_fail (BZ_IS_DOCUMENT (self), 0);

  return self->n_spans - self->n_decided;
}

#define DOCUMENT_GETTER(type, field, fallback)              \
  type                                                      \
  bz_document_get_##field (BzDocument *self)                \
  {                                                         \
    g_return_val_if_fail (BZ_IS_DOCUMENT (self), fallback); \
    return self->field;                                     \
  }

DOCUMENT_GETTER (gint64, id, 0)
DOCUMENT_GETTER (const char *, title, NULL)
DOCUMENT_GETTER (const char *, source_path, NULL)
DOCUMENT_GETTER (const char *, sha256, NULL)
DOCUMENT_GETTER (const char *, encoding, NULL)
DOCUMENT_GETTER (BzScript, script, BZ_SCRIPT_UNKNOWN)
DOCUMENT_GETTER (gint64, n_chars, 0)
DOCUMENT_GETTER (BzDocumentStatus, status, BZ_DOCUMENT_NEW)
DOCUMENT_GETTER (gint64, created, 0)
DOCUMENT_GETTER (const char *, note, NULL)
DOCUMENT_GETTER (guint, n_spans, 0)
DOCUMENT_GETTER (guint, n_decided, 0)
DOCUMENT_GETTER (guint, n_warnings, 0)
