/* bz-agreement-private.h: what the computation and the report of agreement share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bz-agreement.h"

G_BEGIN_DECLS

typedef struct
{
  guint reference;
  guint other;
  guint n_documents;
} Pair;

typedef struct
{
  int              pair;
  BzAgreementScore score;
} DocumentScore;

typedef struct
{
  char  *key;
  guint  n_chars;
  guint  first_score; /* in scores: the document's own, then its pairs' */
  guint  n_scores;
  guint *reviewers;   /* report indices, in order */
  guint  n_reviewers;
} ReportDocument;

struct _BzAgreementReport
{
  GPtrArray        *reviewers; /* names */
  GPtrArray        *labels;    /* names */
  GArray           *pairs;     /* Pair */
  GArray           *documents; /* ReportDocument */
  GArray           *document_scores; /* DocumentScore */
  BzAgreementScore *scores;    /* (n_pairs + 1) × (n_labels + 1), all first */
  guint64           n_chars;
};


/* The score of a pair (or BZ_AGREEMENT_ALL) and label (or BZ_AGREEMENT_ALL). */
BzAgreementScore *_bz_agreement_report_score (BzAgreementReport *self,
                                              int                pair,
                                              int                label);

/* Frees a ReportDocument's members (a GArray clear function). */
void _bz_agreement_report_document_clear (gpointer data);

G_END_DECLS
