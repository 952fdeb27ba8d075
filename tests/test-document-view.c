/* test-document-view.c: what the report view draws, checked in its pixels: span boundaries,
 * statuses, relations, in the light and the dark style
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <biaozhu.h>

#include "bz-application.h"
#include "bz-document-view.h"
#include "bz-gui-resources.h"
#include "bz-report-view.h"
#include "bz-window.h"

#include "bz-test-gui.h"

/* How far (0-255 per channel) a pixel may be from the colour it should have:
 * antialiasing and rounding of alpha blending. */
#define CLOSE 10

typedef struct
{
  char           *dir;
  BzStore        *store;
  BzApplication  *app;
  BzWindow       *window;
  BzDocumentView *view;
  GtkTextView    *text_view;
  gint64          document_id;
} Fixture;

typedef struct
{
  int     width;
  int     height;
  gsize   stride;
  guchar *data;
} Picture;

typedef struct
{
  int r, g, b;
} Rgb;

static void
picture_free (Picture *picture)
{
  g_free (picture->data);
  g_free (picture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Picture, picture_free)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzImportResult) result = NULL;
  g_autofree char *db = NULL, *sample = NULL;

  g_assert_nonnull (g_getenv ("BZ_SAMPLES"));
  f->dir = g_dir_make_tmp ("bz-document-view-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "workspace.db", NULL);
  f->store = bz_store_open (db, &error);
  g_assert_no_error (error);
  bz_store_set_reviewer (f->store, "tester");

  /* The first sample alone, without suggestions: each test adds its spans. */
  sample = g_build_filename (g_getenv ("BZ_SAMPLES"), "000_3f1c054c4ba4af40.txt", NULL);
  result = bz_import_file (f->store, sample, NULL, NULL);
  g_assert_no_error (result->error);
  f->document_id = result->document_id;

  f->app = bz_application_new ();
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  f->window = bz_window_new (GTK_APPLICATION (f->app), f->store);
  f->view = bz_window_get_document_view (f->window);
  f->text_view = GTK_TEXT_VIEW (bz_document_view_get_text_view (f->view));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_nonnull (bz_document_view_get_document (f->view));
  g_assert_cmpint (bz_document_get_id (bz_document_view_get_document (f->view)), ==, f->document_id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "workspace.db", NULL);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&f->app);
  g_assert_finalize_object (f->store);
  g_unlink (db);
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Renders @widget, into @png too when it is given. */
static Picture *
render (GtkWidget  *widget,
        const char *png)
{
  g_autoptr(GdkTexture) texture = bz_test_render_texture (widget);
  Picture *picture = g_new0 (Picture, 1);

  if (png != NULL)
    g_assert_true (gdk_texture_save_to_png (texture, png));
  picture->width = gdk_texture_get_width (texture);
  picture->height = gdk_texture_get_height (texture);
  picture->stride = (gsize) picture->width * 4;
  picture->data = g_malloc (picture->stride * picture->height);
  gdk_texture_download (texture, picture->data, picture->stride);
  return picture;
}

static Rgb
pixel (const Picture *picture,
       int            x,
       int            y)
{
  /* Cairo's ARGB32 in the machine's order; the views are opaque. */
  guint32 value;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, picture->width);
  g_assert_cmpint (y, <, picture->height);
  memcpy (&value, picture->data + (gsize) y * picture->stride + (gsize) x * 4, sizeof value);
  return (Rgb) { (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };
}

static int
distance (Rgb a,
          Rgb b)
{
  return MAX (ABS (a.r - b.r), MAX (ABS (a.g - b.g), ABS (a.b - b.b)));
}

static Rgb
rgb_of (const GdkRGBA *colour)
{
  return (Rgb) { (int) (colour->red * 255 + 0.5), (int) (colour->green * 255 + 0.5), (int) (colour->blue * 255 + 0.5) };
}

static Rgb
rgb_parse (const char *spec)
{
  GdkRGBA colour;

  g_assert_true (gdk_rgba_parse (&colour, spec));
  return rgb_of (&colour);
}

/* @colour with its alpha over @background. */
static Rgb
over (const GdkRGBA *colour,
      Rgb            background)
{
  Rgb top = rgb_of (colour);
  double a = colour->alpha;

  return (Rgb) { (int) (a * top.r + (1 - a) * background.r + 0.5), (int) (a * top.g + (1 - a) * background.g + 0.5),
                 (int) (a * top.b + (1 - a) * background.b + 0.5) };
}

static Rgb
label_colour (Fixture    *f,
              const char *name)
{
  g_autoptr(BzLabel) label = bz_store_get_label (f->store, name);

  g_assert_nonnull (label);
  return rgb_parse (bz_label_get_color (label));
}

static GdkRGBA
label_rgba (Fixture    *f,
            const char *name)
{
  Rgb rgb = label_colour (f, name);

  return (GdkRGBA) { rgb.r / 255.0f, rgb.g / 255.0f, rgb.b / 255.0f, 1.0f };
}

/* The colour of @name's boundaries, underlines and strikes as drawn. */
static Rgb
mark_colour (Fixture    *f,
             const char *name)
{
  GdkRGBA colour = label_rgba (f, name), mark;

  bz_report_view_get_mark_colour (BZ_REPORT_VIEW (f->text_view), &colour, &mark);
  return rgb_of (&mark);
}

/* The offset of the @nth occurrence (from 0) of @surface in the report. */
static gint64
find_text (Fixture    *f,
           const char *surface,
           guint       nth)
{
  const char *text = bz_document_get_text (bz_document_view_get_document (f->view));
  const char *hit = text - 1;

  for (guint i = 0; i <= nth; i++)
    {
      hit = strstr (hit + 1, surface);
      g_assert_nonnull (hit);
    }
  return g_utf8_pointer_to_offset (text, hit);
}

static gint64
add_span (Fixture      *f,
          gint64        start,
          gint64        end,
          const char   *label,
          BzSpanStatus  status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BzSpan) span = bz_span_new (start, end, label, status, status == BZ_SPAN_SUGGESTED ? "test" : NULL);
  gint64 id = bz_store_add_span (f->store, f->document_id, span, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
set_status (Fixture      *f,
            gint64        id,
            BzSpanStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bz_store_set_span_status (f->store, id, status, &error));
  g_assert_no_error (error);
}

/* Scrolls the report to @offset without selecting anything there, and waits
 * until it is shown: the scroll waits for the lines to be laid out. */
static void
show_offset (Fixture *f,
             gint64   offset)
{
  gint64 limit = g_get_monotonic_time () + BZ_TEST_WAIT_LIMIT_S * G_USEC_PER_SEC;
  GtkTextIter iter;
  GdkRectangle visible, location;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (f->text_view);
  GtkTextMark *mark;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) offset);
  mark = gtk_text_buffer_create_mark (buffer, NULL, &iter, TRUE);
  gtk_text_view_scroll_to_mark (f->text_view, mark, 0.0, TRUE, 0.0, 0.3);
  /* Shown, and in the same place for two looks in a row: laid out. */
  for (GdkRectangle before = { -1, -1, -1, -1 };;)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, limit);
      bz_test_wait_ms (100);
      gtk_text_view_get_visible_rect (f->text_view, &visible);
      gtk_text_view_get_iter_location (f->text_view, &iter, &location);
      location.y -= visible.y;
      if (location.y >= 0 && location.y + location.height <= visible.height / 2 && gdk_rectangle_equal (&location, &before))
        break;
      before = location;
    }
  gtk_text_buffer_delete_mark (buffer, mark);
}

/* The character at @offset in the text view's own coordinates. */
static GdkRectangle
char_rect (Fixture *f,
           gint64   offset)
{
  GtkTextIter iter;
  GdkRectangle rect;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (f->text_view), &iter, (int) offset);
  gtk_text_view_get_iter_location (f->text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (f->text_view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &rect.x, &rect.y);
  return rect;
}

/* The display line above the one of @offset, in the text view's coordinates. */
static GdkRectangle
line_above (Fixture *f,
            gint64   offset)
{
  GtkTextIter iter;
  GdkRectangle rect;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (f->text_view), &iter, (int) offset);
  g_assert_true (gtk_text_view_backward_display_line (f->text_view, &iter));
  gtk_text_view_get_iter_location (f->text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (f->text_view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &rect.x, &rect.y);
  return rect;
}

/* Whether a column of pixels within 4 of @x is @colour over the middle half
 * of @line: a boundary bar, which neither a tint nor a glyph makes. */
static gboolean
has_bar (const Picture      *picture,
         const GdkRectangle *line,
         int                 x,
         Rgb                 colour)
{
  for (int column = x - 4; column <= x + 3; column++)
    {
      guint hits = 0, rows = 0;

      for (int y = line->y + line->height / 4; y < line->y + line->height * 3 / 4; y++, rows++)
        if (distance (pixel (picture, column, y), colour) <= CLOSE)
          hits++;
      if (rows > 0 && hits == rows)
        return TRUE;
    }
  return FALSE;
}

/* The tint over a span: its middle on the row under the line's top, above
 * the glyphs and away from the brackets' ticks. */
static Rgb
tint_at (const Picture      *picture,
         const GdkRectangle *first,
         const GdkRectangle *last)
{
  return pixel (picture, (first->x + last->x + last->width) / 2, first->y + 1);
}

static Rgb
background_at (const Picture      *picture,
               const GdkRectangle *line)
{
  /* The left margin of the report, beside the line. */
  return pixel (picture, 4, line->y + line->height / 2);
}

/* Two spans of one label that touch (5类 and 26项 in the sample) show as two:
 * between them a column of the label's colour stands out of the tint, for
 * suggestions and for accepted spans; nested and overlapping spans keep
 * their boundaries too. */
static void
test_adjacent (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->text_view);
  gint64 five = find_text (f, "5类26项", 0);
  gint64 a = add_span (f, five, five + 2, "VALUE", BZ_SPAN_SUGGESTED);
  gint64 b = add_span (f, five + 2, five + 5, "VALUE", BZ_SPAN_SUGGESTED);
  Rgb value = mark_colour (f, "VALUE");
  GdkRectangle first, second, junction, last;

  show_offset (f, five);
  first = char_rect (f, five);
  second = char_rect (f, five + 1);
  junction = char_rect (f, five + 2);
  last = char_rect (f, five + 4);
  g_assert_cmpint (first.y, ==, last.y);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(Picture) picture = render (widget, round == 0 ? "document-view-adjacent-suggested.png"
                                                              : "document-view-adjacent-accepted.png");
      Rgb tint = tint_at (picture, &first, &second);

      g_test_message ("tint %d,%d,%d, mark %d,%d,%d", tint.r, tint.g, tint.b, value.r, value.g, value.b);
      g_assert_cmpint (distance (tint, value), >, 40);
      g_assert_cmpint (distance (tint, background_at (picture, &first)), >, 20);
      g_assert_true (has_bar (picture, &first, first.x, value));
      g_assert_true (has_bar (picture, &junction, junction.x, value));
      g_assert_true (has_bar (picture, &last, last.x + last.width, value));
      /* Inside a span, away from its ends, no bar. */
      g_assert_false (has_bar (picture, &junction, junction.x + junction.width, value));

      set_status (f, a, BZ_SPAN_ACCEPTED);
      set_status (f, b, BZ_SPAN_ACCEPTED);
    }

  /* An ORG over both and a PLACE across their junction (类2): every start and
   * end stays visible in its own label's colour. */
  add_span (f, five, five + 5, "ORG", BZ_SPAN_ACCEPTED);
  add_span (f, five + 1, five + 3, "PLACE", BZ_SPAN_SUGGESTED);
  {
    g_autoptr(Picture) picture = render (widget, "document-view-nested.png");
    GdkRectangle lei = char_rect (f, five + 1), six = char_rect (f, five + 3);
    Rgb org = mark_colour (f, "ORG"), place = mark_colour (f, "PLACE");

    g_assert_true (has_bar (picture, &junction, junction.x, value));
    g_assert_true (has_bar (picture, &lei, lei.x, place));
    g_assert_true (has_bar (picture, &six, six.x, place));
    /* The ORG's bracket and the inner VALUE's share the start: the inner one
     * is shorter, the outer shows above it. */
    g_assert_true (has_bar (picture, &first, first.x, value));
    g_assert_cmpint (distance (pixel (picture, first.x, first.y + 1), org), <=, CLOSE);
  }
}

/* Suggested and accepted spans are tints of their label's colour at the
 * alphas tests/check_palette.py checks, over the background it assumes, in the
 * light and the dark style; rejected spans are struck through and greyed,
 * and not drawn at all when they are hidden. */
static void
test_statuses (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->text_view);
  BzReportView *report = BZ_REPORT_VIEW (f->text_view);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gint64 start = find_text (f, "对接三年行动计划", 0);
  gint64 rejected;
  const struct
  {
    const char   *label;
    BzSpanStatus  status;
    gint64        start;
  } spans[] = {
    { "DATE", BZ_SPAN_SUGGESTED, start + 2 },    /* 三年 */
    { "POLICY", BZ_SPAN_ACCEPTED, start + 4 },   /* 行动计划 (a test span) */
  };

  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    add_span (f, spans[i].start, spans[i].start + 2, spans[i].label, spans[i].status);
  /* 召开 after them, rejected. */
  rejected = add_span (f, start + 9, start + 11, "ORG", BZ_SPAN_SUGGESTED);
  set_status (f, rejected, BZ_SPAN_REJECTED);
  show_offset (f, start);

  for (guint dark = 0; dark < 2; dark++)
    {
      g_autoptr(Picture) picture = NULL;
      GdkRectangle line = char_rect (f, start), struck, plain;
      Rgb background, strike_colour;
      GdkRGBA text;
      guint struck_pixels = 0;
      int darkest_struck = 255, darkest_plain = 255;

      if (dark)
        {
          adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
          for (guint i = 0; i < 100 && !bz_report_view_get_dark (report); i++)
            bz_test_wait_ms (50);
          g_assert_true (bz_report_view_get_dark (report));
        }
      picture = render (widget, dark ? "document-view-statuses-dark.png" : "document-view-statuses.png");
      strike_colour = mark_colour (f, "ORG");

      /* The background and text colours tests/check_palette.py assumes. */
      background = background_at (picture, &line);
      g_assert_cmpint (distance (background, rgb_parse (dark ? "#262626" : "#fcfcfc")), <=, 1);
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text);
      G_GNUC_END_IGNORE_DEPRECATIONS
      g_assert_cmpint (distance (rgb_of (&text), rgb_parse (dark ? "#deddda" : "#241f31")), <=, 1);

      for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
        {
          GdkRectangle first = char_rect (f, spans[i].start), last = char_rect (f, spans[i].start + 1);
          GdkRGBA colour = label_rgba (f, spans[i].label), tint;
          Rgb want, have = tint_at (picture, &first, &last);

          bz_report_view_get_tint (report, &colour, spans[i].status, &tint);
          want = over (&tint, background);
          g_test_message ("%s %s: %d,%d,%d, want %d,%d,%d", spans[i].label, bz_span_status_to_string (spans[i].status),
                          have.r, have.g, have.b, want.r, want.g, want.b);
          g_assert_cmpint (distance (have, want), <=, 2);
        }

      /* The strike: a row of ORG's colour across the middle of 召开, whose
       * glyphs are greyed under a veil of the background. */
      struck = char_rect (f, start + 9);
      struck.width = char_rect (f, start + 10).x + char_rect (f, start + 10).width - struck.x;
      plain = char_rect (f, start + 7);
      plain.width = struck.width;
      for (int y = struck.y; y < struck.y + struck.height; y++)
        {
          guint row = 0;

          for (int x = struck.x + 2; x < struck.x + struck.width - 2; x++)
            {
              Rgb p = pixel (picture, x, y), q = pixel (picture, x - struck.x + plain.x, y);

              if (distance (p, strike_colour) <= CLOSE)
                {
                  row++;
                  continue;
                }
              darkest_struck = MIN (darkest_struck, dark ? 255 - p.g : p.g);
              darkest_plain = MIN (darkest_plain, dark ? 255 - q.g : q.g);
            }
          if (row == (guint) struck.width - 4)
            struck_pixels++;
        }
      g_assert_cmpuint (struck_pixels, >=, 2);
      /* Greyed: its strongest ink is paler than the plain text's beside it. */
      g_assert_cmpint (darkest_struck, >, darkest_plain + 40);

      /* Hidden: no strike. */
      bz_document_view_set_show_rejected (f->view, FALSE);
      {
        g_autoptr(Picture) hidden = render (widget, NULL);
        guint n = 0;

        for (int y = struck.y; y < struck.y + struck.height; y++)
          for (int x = struck.x; x < struck.x + struck.width; x++)
            n += distance (pixel (hidden, x, y), strike_colour) <= CLOSE;
        g_assert_cmpuint (n, ==, 0);
      }
      bz_document_view_set_show_rejected (f->view, TRUE);
    }
}

/* Ink (pixels away from @background) in the rectangle [@x1, @x2) × [@y1, @y2):
 * the longest run along a row and down a column, and how many pixels match
 * @colour when it is given. */
typedef struct
{
  int  longest_row;
  int  longest_column;
  guint coloured;
} Ink;

static Ink
ink_in (const Picture *picture,
        int            x1,
        int            x2,
        int            y1,
        int            y2,
        Rgb            background,
        const Rgb     *colour)
{
  Ink ink = { 0, 0, 0 };

  for (int y = y1; y < y2; y++)
    for (int x = x1, run = 0; x < x2; x++)
      {
        run = distance (pixel (picture, x, y), background) > 60 ? run + 1 : 0;
        ink.longest_row = MAX (ink.longest_row, run);
        if (colour != NULL && distance (pixel (picture, x, y), *colour) <= CLOSE)
          ink.coloured++;
      }
  for (int x = x1; x < x2; x++)
    for (int y = y1, run = 0; y < y2; y++)
      {
        run = distance (pixel (picture, x, y), background) > 60 ? run + 1 : 0;
        ink.longest_column = MAX (ink.longest_column, run);
      }
  return ink;
}

/* Relations are arcs above their spans' line with their type on them, the
 * selected span's in the accent colour; lines with related spans get room
 * above them, so that the arcs cover no text. */
static void
test_relations (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->text_view);
  g_autoptr(GError) error = NULL;
  gint64 gdp_start = find_text (f, "GDP实现1112.6亿元", 0);
  gint64 value_start = gdp_start + 5, change_start = find_text (f, "6.3%", 0);
  gint64 gdp, value, change, income;
  int room_before;

  gdp = add_span (f, gdp_start, gdp_start + 3, "INDICATOR", BZ_SPAN_ACCEPTED);
  value = add_span (f, value_start, value_start + 9, "VALUE", BZ_SPAN_ACCEPTED);
  change = add_span (f, change_start, change_start + 4, "VALUE", BZ_SPAN_SUGGESTED);
  income = find_text (f, "一般公共预算收入", 0);
  add_span (f, income, income + 8, "INDICATOR", BZ_SPAN_SUGGESTED);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(Picture) picture = NULL;
      GdkRectangle from, to, far, above;
      Rgb background, accent = rgb_parse ("#1c71d8");
      int x1, x2;
      Ink ink;

      if (round == 1)
        {
          g_assert_cmpint (bz_store_add_relation (f->store, gdp, value, "has_value", NULL, &error), >, 0);
          g_assert_no_error (error);
          g_assert_cmpint (bz_store_add_relation (f->store, gdp, change, "has_change", NULL, &error), >, 0);
          g_assert_no_error (error);
          g_assert_cmpuint (bz_document_view_get_relations (f->view)->len, ==, 2);
        }
      show_offset (f, gdp_start);
      picture = render (widget, round == 1 ? "document-view-relations-text.png" : NULL);
      from = char_rect (f, gdp_start);
      to = char_rect (f, value_start);
      far = char_rect (f, value_start + 8);
      above = line_above (f, gdp_start);
      background = background_at (picture, &from);
      /* 6.3% may wrap to the next line at this width; the value right after
       * GDP does not. */
      g_assert_cmpint (from.y, ==, far.y);
      x1 = from.x + from.width * 3 / 2;       /* GDP's middle */
      x2 = far.x;                             /* the value's end */
      ink = ink_in (picture, x1 - 2, x2, above.y + above.height + 1, from.y - 1, background, NULL);
      g_test_message ("round %d: room %d, ink: row %d, column %d", round, from.y - above.y - above.height,
                      ink.longest_row, ink.longest_column);
      if (round == 0)
        {
          /* Nothing in the line spacing yet. */
          room_before = from.y - above.y;
          g_assert_cmpint (ink.longest_row, ==, 0);
          continue;
        }

      /* Room above the line, with the arcs in it: lines along the row, legs
       * and arrows down to the spans, the types in the middle. */
      g_assert_cmpint (from.y - above.y, >, room_before);
      g_assert_cmpint (ink.longest_row, >=, 20);
      g_assert_cmpint (ink.longest_column, >=, 6);
      /* An arrow down at the value: ink right above its middle. */
      ink = ink_in (picture, (to.x + char_rect (f, value_start + 8).x) / 2 - 2,
                    (to.x + char_rect (f, value_start + 8).x) / 2 + 3, from.y - 6, from.y, background, NULL);
      g_assert_cmpint (ink.longest_column, >=, 3);

      /* Selected, GDP's relations take the accent colour. */
      bz_document_view_select_span (f->view, gdp);
      {
        g_autoptr(Picture) selected = render (widget, NULL);

        ink = ink_in (selected, x1 - 2, x2, above.y + above.height + 1, from.y - 1, background, &accent);
        g_assert_cmpuint (ink.coloured, >=, 40);
      }
      bz_document_view_select_span (f->view, 0);
    }

  /* For the README: two adjacent spans (4类 and 494家) both related to the
   * indicator after them, which is selected. */
  {
    gint64 four = find_text (f, "4类494家重点服务对象", 0);
    gint64 target = add_span (f, four + 6, four + 12, "INDICATOR", BZ_SPAN_ACCEPTED);

    g_assert_cmpint (bz_store_add_relation (f->store, target, add_span (f, four, four + 2, "VALUE", BZ_SPAN_ACCEPTED),
                                            "has_value", NULL, &error), >, 0);
    g_assert_cmpint (bz_store_add_relation (f->store, target, add_span (f, four + 2, four + 6, "VALUE", BZ_SPAN_SUGGESTED),
                                            "has_value", NULL, &error), >, 0);
    g_assert_no_error (error);
    bz_document_view_select_span (f->view, target);
    show_offset (f, four);
    bz_test_render_png (GTK_WIDGET (f->window), "document-view-relations.png");
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  bz_gui_register_resource ();

  g_test_add ("/biaozhu/document-view/adjacent", Fixture, NULL, fixture_set_up, test_adjacent, fixture_tear_down);
  g_test_add ("/biaozhu/document-view/statuses", Fixture, NULL, fixture_set_up, test_statuses, fixture_tear_down);
  g_test_add ("/biaozhu/document-view/relations", Fixture, NULL, fixture_set_up, test_relations, fixture_tear_down);

  return g_test_run ();
}
