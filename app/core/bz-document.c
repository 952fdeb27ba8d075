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
  guint             n_spans;
  guint             n_decided;
  guint             n_warnings;
  GWeakRef          store;
};

G_DEFINE_FINAL_TYPE (BzDocument, bz_document, G_TYPE_OBJECT)

static void
bz_document_finalize (GObject *object)
{
  BzDocument *self = BZ_DOCUMENT (object);

  g_free (self->title);
  g_free (self->source_path);
  g_free (self->sha256);
  g_free (self->encoding);
  g_free (self->text);
  g_weak_ref_clear (&self->store);

  G_OBJECT_CLASS (bz_document_parent_class)->finalize (object);
}

static void
bz_document_class_init (BzDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bz_document_finalize;
}

static void
bz_document_init (BzDocument *self)
{
  g_weak_ref_init (&self->store, NULL);
}

/**
 * _bz_document_new:
 * @text: (nullable): the canonical text, or %NULL to load it from the store on first use
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
                  gint64            created)
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

  return self;
}

void
_bz_document_set_counts (BzDocument *self,
                         guint       n_spans,
                         guint       n_decided,
                         guint       n_warnings)
{
  g_return_if_fail (BZ_IS_DOCUMENT (self));

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
DOCUMENT_GETTER (guint, n_spans, 0)
DOCUMENT_GETTER (guint, n_decided, 0)
DOCUMENT_GETTER (guint, n_warnings, 0)
