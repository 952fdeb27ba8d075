/* bz-window-private.h: the window's state, shared by its files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bz-window.h"
#include "bz-document-view.h"

G_BEGIN_DECLS

struct _BzWindow
{
  AdwApplicationWindow parent_instance;

  BzStore *store;
  GListStore *documents;      /* BzDocument: every document of the workspace */
  GtkCustomFilter *document_filter;
  GtkCustomSorter *document_sorter;
  GtkSearchEntry *document_search;
  char *document_filter_name; /* "all", "new", "in-progress", "reviewed", "warnings", ... */
  char *document_sort_name;   /* "imported", "title", "status", "undecided", "warnings" */
  GSimpleActionGroup *document_actions; /* "documents.filter", "documents.sort", "documents.mine" */
  /* The reports assigned to the store's reviewer (gint64 ids), NULL when the
   * workspace assigns none; "documents.mine" shows only those. */
  GHashTable *my_documents;
  gboolean only_mine;
  GListStore *entities;       /* BzSpan */
  GHashTable *relation_lines; /* span id -> its relations as lines of text */
  GPtrArray *labels;          /* BzLabel */

  AdwToastOverlay *toasts;
  GtkStack *content_stack;    /* "empty" or "workspace" */
  GtkMenuButton *warnings_button;
  GtkListBox *warning_list;
  GArray *warnings;           /* BzQualityWarning of the shown report */
  GtkListView *document_list;
  GtkSingleSelection *document_selection;
  BzDocumentView *document_view;
  GtkListView *entity_list;
  GtkFilterListModel *entity_filter_model;
  GtkCustomFilter *entity_filter;
  GtkDropDown *label_filter;
  GtkDropDown *status_filter;
  GtkStringList *label_filter_items;
  GtkFlowBox *palette;
  GtkStack *side_stack;       /* "entities", "history", "guide" */
  GtkLabel *history_heading;
  GtkListBox *history_list;
  GtkLabel *guide_text;
  GMenuModel *context_menu;
  GtkWidget *context_popover; /* (nullable): made on the first right click */
  GtkWidget *note_popover;    /* (nullable): made on the first note */
  gint64 note_span_id;        /* the span whose note is open, or 0 */
  gint64 note_document_id;    /* the report whose note is open, or 0 */

  gboolean selecting_document;

  /* bz-window-workspace.c */
  GSettings *settings;        /* (nullable): without the schema */
  /* The confidence at or above which suggestions are measured right often
   * enough (bz-window-confidence.c), and that precision. */
  double confidence_threshold;
  double confidence_precision;
  /* gint64 document id → how many of its suggestions are below the threshold
   * (GUINT_TO_POINTER), counted once per listing of the workspace. */
  GHashTable *unsure_counts;
  GtkCssProvider *font_css;
  GtkWindow *statistics;      /* (nullable) (weak) */

  /* bz-window-training.c: the workspace's model learns in a worker after a
   * report is marked reviewed; a report marked meanwhile trains again after. */
  gboolean training;
  gboolean train_again;
  gint64 last_model_id;       /* the model the last training stored, or 0 */
  GtkWidget *statistics_view; /* (nullable) (weak): the bin holding the BzStatsView */

  /* bz-window-curation.c: the shown report's curation, while the store curates */
  BzCuration *curation;       /* (nullable) */
  GtkStackPage *curation_page;
  GtkLabel *curation_summary;
  GtkLabel *curation_group_heading;
  GtkListBox *curation_group_list;
  GtkLabel *curation_keys;
  GtkListBox *curation_open_list;
};

typedef enum
{
  BZ_KEY_SCOPE_REPORT,        /* while the focus is in the report */
  BZ_KEY_SCOPE_WINDOW,        /* anywhere in the window */
} BzKeyScope;

typedef struct
{
  guint            keyval;
  GdkModifierType  modifiers;
  const char      *action;
  const char      *parameter;   /* (nullable): GVariant text */
  BzKeyScope       scope;
} BzWindowKey;

void     _bz_window_class_actions_init (GtkWidgetClass *widget_class);
/* Adds the shortcut controllers of every key (bz-window-actions.c). */
void     _bz_window_keys_init          (BzWindow       *self);
/* Returns: (array length=n_keys): the window's keys */
const BzWindowKey *_bz_window_keys     (guint          *n_keys);
void     _bz_window_actions_update     (BzWindow       *self);
void     _bz_window_toast_error        (BzWindow       *self,
                                        const GError   *error);
void     _bz_window_toast              (BzWindow       *self,
                                        const char     *message);
/* Shows the document with @document_id (selects it in the list). */
void     _bz_window_open_document      (BzWindow       *self,
                                        gint64          document_id);
gint64   _bz_window_current_document_id (BzWindow      *self);
/* Returns: (transfer none) (nullable): the label named @name or bound to key @name */
BzLabel *_bz_window_find_label         (BzWindow       *self,
                                        const char     *name);

/* Opens the note popover on @note under @heading, pointing at @area of
 * @widget; the note saved goes to note_span_id or note_document_id. */
void     _bz_window_edit_note           (BzWindow       *self,
                                         const char     *heading,
                                         const char     *note,
                                         GtkWidget      *widget,
                                         GdkRectangle    area);
/* Shows @popover (whose parent is the window) pointing at @area of @widget. */
void     _bz_window_popup_at            (BzWindow       *self,
                                         GtkPopover     *popover,
                                         GtkWidget      *widget,
                                         GdkRectangle    area);
/* Selects and scrolls to the shown report's warning at @index. */
void     _bz_window_show_warning        (BzWindow       *self,
                                         guint           index);

/* bz-window-documents.c: the list of reports, its search, filter and sort,
 * their titles and notes.
 * Returns: (transfer full): the documents as the list shows them */
GListModel *_bz_window_documents_init   (BzWindow       *self);
void     _bz_window_class_documents_init (GtkWidgetClass *widget_class);
/* Returns: (transfer none): the documents the list shows, in its order */
GListModel *_bz_window_documents_shown  (BzWindow       *self);
/* Clears the list's search and filter when they hide @document_id; returns
 * whether the workspace has it. */
gboolean _bz_window_documents_reveal    (BzWindow       *self,
                                         gint64          document_id);
void     _bz_window_documents_dispose   (BzWindow       *self);
/* Reads which reports are assigned to the store's reviewer again (after a new
 * assignment or another reviewer). */
void     _bz_window_documents_assignment_changed (BzWindow  *self);

/* bz-window-side.c: the side pane's history and guideline pages */
void     _bz_window_class_side_init     (GtkWidgetClass *widget_class);
/* Shows the selected span's history or guideline, when that page is shown. */
void     _bz_window_side_update         (BzWindow       *self);
void     _bz_window_side_page_changed   (BzWindow       *self);

/* bz-window-confidence.c: unsure suggestions, the least sure first, bulk acceptance */
void     _bz_window_class_confidence_init (GtkWidgetClass *widget_class);
void     _bz_window_confidence_init     (BzWindow       *self);
/* Measures the threshold again (the workspace's decisions refine it). */
void     _bz_window_confidence_refresh  (BzWindow       *self);
/* Whether review goes from the least sure suggestion up (the preference). */
gboolean _bz_window_least_sure_first    (BzWindow       *self);
/* Returns: (transfer none) (nullable): the undecided suggestion after the
 * selected one (before it for a negative @step) from the least sure up; the
 * first one when nothing is selected or, with @wrap, when none follows */
BzSpan  *_bz_window_confidence_step     (BzWindow       *self,
                                         int             step,
                                         gboolean        wrap);
/* Counts the unsure suggestions of every report (@document_id 0) or of one,
 * for the list of reports. */
void     _bz_window_count_unsure        (BzWindow       *self,
                                         gint64          document_id);
/* How many undecided suggestions of @document are below the threshold (or
 * have no confidence), as last counted: 0 for a reviewed report. */
guint    _bz_window_get_unsure          (BzWindow       *self,
                                         BzDocument     *document);

/* bz-window-training.c: the workspace's model learns from the reviewed reports
 * in a worker thread; the window tells when it is done. */
void     _bz_window_train_model         (BzWindow       *self);

/* bz-window-curation.c: curation of the reviewers' work (the curated layer) */
void     _bz_window_class_curation_init (GtkWidgetClass *widget_class);
gboolean _bz_window_get_curating        (BzWindow       *self);
void     _bz_window_set_curating        (BzWindow       *self,
                                         gboolean        curating);
/* Reads the shown report's curation again (after a change of its spans). */
void     _bz_window_curation_reload     (BzWindow       *self);
/* Shows the selected span's dispute (after a change of the selection). */
void     _bz_window_curation_update     (BzWindow       *self);
void     _bz_window_curation_dispose    (BzWindow       *self);

/* bz-window-workspace.c: import, export, statistics, preferences */
void     _bz_window_class_workspace_init (GtkWidgetClass *widget_class);
void     _bz_window_workspace_init      (BzWindow       *self);
void     _bz_window_workspace_dispose   (BzWindow       *self);
/* Lists the documents of the workspace again (after an import on another connection). */
void     _bz_window_reload_documents    (BzWindow       *self);
void     _bz_window_open_first_document (BzWindow       *self);

G_END_DECLS
