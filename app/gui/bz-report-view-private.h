/* bz-report-view-private.h: the report view's state, shared by its drawing of spans and of relations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bz-report-view.h"

G_BEGIN_DECLS

typedef struct
{
  gint64       start;
  gint64       end;
  gint64       id;
  guint        colour;
  BzSpanStatus status;
  /* The extractor's confidence in a suggestion, or -1 for none. */
  float        confidence;
} Mark;

typedef struct
{
  gint64  from_id;
  gint64  to_id;
  char   *type;
} Relation;

/* A relation between two marks. */
typedef struct
{
  guint from;
  guint to;
  guint relation;
} Link;

/* A character of the shown text whose place the frame needs. */
typedef struct
{
  gint64       offset;
  GtkTextIter  iter;
  GdkRectangle rect;
} Point;

#define NOT_SHOWN G_MAXUINT

/* A mark in the shown text and its rectangles, one per display line. */
typedef struct
{
  guint mark;
  guint first_rect;
  guint n_rects;
  /* How many shown marks before it share its start or its end, NOT_SHOWN
   * when that boundary lies outside the shown text. */
  guint start_depth;
  guint end_depth;
} Shown;

/* One horizontal piece of a relation's arc, on one display line. */
typedef struct
{
  guint    link;
  float    x1;
  float    x2;
  float    top;
  gboolean leg1;
  gboolean leg2;
  gboolean arrow1;
  gboolean arrow2;
  guint    level;
} Arc;

struct _BzReportView
{
  GtkSourceView parent_instance;

  GArray     *marks;          /* Mark, by bz_span_compare () of their spans */
  GArray     *max_end;        /* gint64: the largest end of marks[0..i] */
  GArray     *colours;        /* GdkRGBA, by label */
  GHashTable *label_colours;  /* label name -> index in colours */
  GArray     *relations;      /* Relation */
  GArray     *links;          /* Link */
  gint64      selected_id;
  gboolean    show_rejected;
  /* Suggestions less sure than this are drawn as unsure. */
  double      confidence_threshold;

  gboolean    dark;
  GdkRGBA     background;
  GdkRGBA     foreground;
  GdkRGBA     accent;

  /* Lines with related spans get room above them for the arcs. */
  GtkTextTag *room_tag;
  GArray     *roomy_lines;    /* int, sorted */
  int         room;
  guint       room_id;

  /* The frame's geometry, made below the text and drawn from again above it. */
  GArray     *points;         /* Point, by offset */
  GArray     *shown;          /* Shown, by mark */
  GArray     *rects;          /* graphene_rect_t */
  GArray     *arcs;           /* Arc */
  gboolean    have_geometry;
};

static inline const Mark *
_bz_report_view_mark (BzReportView *self,
                      guint         index)
{
  return &g_array_index (self->marks, Mark, index);
}

/* The rectangle of @shown on its @i-th display line. */
static inline const graphene_rect_t *
_bz_report_view_shown_rect (BzReportView *self,
                            const Shown  *shown,
                            guint         i)
{
  return &g_array_index (self->rects, graphene_rect_t, shown->first_rect + i);
}

/* Returns: (nullable): the shown mark @mark, if it is shown in this frame */
const Shown *_bz_report_view_find_shown          (BzReportView *self,
                                                  guint         mark);

void         _bz_report_view_init_relations      (BzReportView *self);
void         _bz_report_view_finalize_relations  (BzReportView *self);
/* The buffer changed: the room given to its lines went with it. */
void         _bz_report_view_forget_room         (BzReportView *self);
/* Finds the marks of the relations again, after the marks changed. */
void         _bz_report_view_link_relations      (BzReportView *self);
void         _bz_report_view_draw_relations      (BzReportView *self,
                                                  GtkSnapshot  *snapshot);

G_END_DECLS
