/* bz-report-view-private.h: the report view's state
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
} Mark;

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

struct _BzReportView
{
  GtkSourceView parent_instance;

  GArray     *marks;          /* Mark, by bz_span_compare () of their spans */
  GArray     *max_end;        /* gint64: the largest end of marks[0..i] */
  GArray     *colours;        /* GdkRGBA, by label */
  GHashTable *label_colours;  /* label name -> index in colours */
  gint64      selected_id;
  gboolean    show_rejected;

  gboolean    dark;
  GdkRGBA     background;
  GdkRGBA     foreground;
  GdkRGBA     accent;

  /* The frame's geometry, made below the text and drawn from again above it. */
  GArray     *points;         /* Point, by offset */
  GArray     *shown;          /* Shown, by mark */
  GArray     *rects;          /* graphene_rect_t */
  gboolean    have_geometry;
};

G_END_DECLS
