/* bz-line-reader-private.h: a stream read line by line into one buffer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _BzLineReader BzLineReader;

BzLineReader *_bz_line_reader_new  (GInputStream  *in);
void          _bz_line_reader_free (BzLineReader  *reader);
gboolean      _bz_line_reader_next (BzLineReader  *reader,
                                    char         **out_line,
                                    gsize         *out_length,
                                    GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BzLineReader, _bz_line_reader_free)

G_END_DECLS
