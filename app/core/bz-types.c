/* bz-types.c: enum names and error domains
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bz-types.h"

G_DEFINE_QUARK (bz-store-error-quark, bz_store_error)
G_DEFINE_QUARK (bz-import-error-quark, bz_import_error)
G_DEFINE_QUARK (bz-format-error-quark, bz_format_error)

static const char *span_status_names[] = { "suggested", "accepted", "rejected" };
static const char *script_names[] = { "unknown", "simplified", "traditional", "mixed" };
static const char *document_status_names[] = { "new", "in-progress", "reviewed" };

const char *
bz_span_status_to_string (BzSpanStatus status)
{
  g_return_val_if_fail (status <= BZ_SPAN_REJECTED, NULL);
  return span_status_names[status];
}

gboolean
bz_span_status_from_string (const char   *str,
                            BzSpanStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (span_status_names); i++)
    if (g_str_equal (str, span_status_names[i]))
      {
        *status = (BzSpanStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
bz_script_to_string (BzScript script)
{
  g_return_val_if_fail (script <= BZ_SCRIPT_MIXED, NULL);
  return script_names[script];
}

BzScript
bz_script_from_string (const char *str)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (script_names); i++)
    if (g_str_equal (str, script_names[i]))
      return (BzScript) i;
  return BZ_SCRIPT_UNKNOWN;
}

const char *
bz_document_status_to_string (BzDocumentStatus status)
{
  g_return_val_if_fail (status <= BZ_DOCUMENT_REVIEWED, NULL);
  return document_status_names[status];
}

BzDocumentStatus
bz_document_status_from_string (const char *str)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (document_status_names); i++)
    if (g_str_equal (str, document_status_names[i]))
      return (BzDocumentStatus) i;
  return BZ_DOCUMENT_NEW;
}
