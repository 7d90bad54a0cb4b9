/* ep-cohort-page-private.h: what EpCohortPage's sibling files share
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "app/ep-analysis-list.h"
#include "app/ep-cohort-page.h"
#include "app/ep-cohort-sidebar.h"

G_BEGIN_DECLS

typedef struct _EpImportJob EpImportJob;

struct _EpCohortPage
{
  AdwBin               parent_instance;

  EpCohort            *cohort;
  char                *examples_dir;
  char                *message;
  char                *filter_text;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkMultiSelection   *selection;
  GtkCustomFilter     *filter;
  GCancellable        *cancellable;
  GtkPopover          *edit_popover;
  GtkEntry            *edit_entry;
  guint                edit_row;
  guint                edit_column;
  guint                focus_column;
  /* the table's cell cursor and the corner the selection extends from (view positions) */
  guint                cursor_row;
  guint                cursor_column;
  guint                anchor_row;
  guint                anchor_column;
  gboolean             edit_forward_column;  /* the editor was left with Tab: go right */
  EpAnalysis          *last[EP_ANALYSIS_RESPONSE + 1];
  EpAnalysis          *shown;
  EpAnalysis          *editing;      /* the analysis whose options the open dialog edits */
  GtkFilterListModel  *analyses;     /* the project's analyses of the shown cohort */
  GtkCustomFilter     *analyses_filter;
  EpImportJob         *import_job;   /* the import running in a worker, or NULL */
  GHashTable          *import_roles; /* the roles confirmed in the import dialog, for the next
                                      * import (column name -> role nick), or NULL */
  double               import_fraction;  /* how far it is (the last one: how far it got) */

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  GtkWidget           *undo_button;
  GtkWidget           *redo_button;
  GtkBox              *welcome_box;
  GtkListBox          *examples_list;
  GtkSearchEntry      *search_entry;
  AdwFlap             *flap;
  GtkColumnView       *column_view;
  EpCohortSidebar     *sidebar;
  GtkLabel            *count_label;
  EpAnalysisResults   *results;
  EpAnalysisList      *analysis_list;
  GtkRevealer         *import_revealer;
  GtkLabel            *import_label;
  GtkProgressBar      *import_progress;
};

/* ep-cohort-page.c */
void     _ep_cohort_page_show_message          (EpCohortPage      *self,
                                                const char        *message);
void     _ep_cohort_page_update_count          (EpCohortPage      *self);
void     _ep_cohort_page_update_actions        (EpCohortPage      *self);
void     _ep_cohort_page_emit_analysis_run     (EpCohortPage      *self,
                                                EpAnalysis        *analysis);
void     _ep_cohort_page_emit_analysis_remove  (EpCohortPage      *self,
                                                EpAnalysis        *analysis);

/* ep-cohort-page-import.c: a file imported in a worker thread, with progress and Cancel */
void     _ep_cohort_page_import_cancel_cb      (EpCohortPage      *self);
void     _ep_cohort_page_import_dispose        (EpCohortPage      *self);

/* ep-cohort-page-table.c: the spreadsheet (column view, cell editor, row filter, sorting) */
void     _ep_cohort_page_table_init            (EpCohortPage      *self);
void     _ep_cohort_page_table_dispose         (EpCohortPage      *self);
void     _ep_cohort_page_rebuild_columns       (EpCohortPage      *self);
void     _ep_cohort_page_search_changed_cb     (EpCohortPage      *self,
                                                GtkSearchEntry    *entry);
void     _ep_cohort_page_class_table_init      (GtkWidgetClass    *widget_class);

/* ep-cohort-page-actions.c: the cohort.* actions on rows, columns, endpoints, files, views */
void     _ep_cohort_page_class_actions_init    (GtkWidgetClass    *widget_class);

/* ep-cohort-page-analysis.c: running analyses, their figures */
void     _ep_cohort_page_class_analysis_init   (GtkWidgetClass    *widget_class);
void     _ep_cohort_page_analysis_init         (EpCohortPage      *self);
void     _ep_cohort_page_emit_analysis_edit    (EpCohortPage      *self,
                                                EpAnalysis        *analysis,
                                                EpAnalysis        *with_options);
void     _ep_cohort_page_show_analysis         (EpCohortPage      *self,
                                                EpAnalysis        *analysis);

G_END_DECLS
