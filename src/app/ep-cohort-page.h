/* ep-cohort-page.h: the Cohorts page: a cohort's data, its columns and endpoints, its analyses
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "app/ep-analysis-results.h"
#include "app/ep-import-dialog.h"
#include "model/ep-analysis.h"
#include "model/ep-cohort.h"

G_BEGIN_DECLS

#define EP_TYPE_COHORT_PAGE (ep_cohort_page_get_type ())

G_DECLARE_FINAL_TYPE (EpCohortPage, ep_cohort_page, EP, COHORT_PAGE, AdwBin)

GtkWidget         *ep_cohort_page_new              (void);
/* The cohort shown; NULL shows the welcome state (Import…, the bundled examples). */
EpCohort          *ep_cohort_page_get_cohort       (EpCohortPage *self);
void               ep_cohort_page_set_cohort       (EpCohortPage *self,
                                                    EpCohort     *cohort);
/* Adds a section to the welcome state, after Import… (the window's recent and example
 * projects). */
void               ep_cohort_page_add_welcome_section (EpCohortPage *self,
                                                       GtkWidget    *section);
/* Where the bundled examples are read from; NULL: $ENDPOINT_EXAMPLES_DIR, else the installed
 * PKGDATADIR/examples. */
void               ep_cohort_page_set_examples_dir (EpCohortPage *self,
                                                    const char   *dir);
gboolean           ep_cohort_page_open_example     (EpCohortPage *self,
                                                    const char   *id,
                                                    GError      **error);
/* Imports a file into a new cohort; a failure is shown and leaves the current cohort. */
gboolean           ep_cohort_page_open_file        (EpCohortPage          *self,
                                                    GFile                 *file,
                                                    const EpImportOptions *options,
                                                    GError               **error);
/* Imports a file in a worker thread: the page shows its progress and a Cancel button and
 * stays usable; when the import ends well the cohort is shown (as ep_cohort_page_set_cohort),
 * otherwise the page says why and nothing changes. A running import is cancelled first.
 * options may be NULL (defaults) and are copied. */
void               ep_cohort_page_import_file      (EpCohortPage          *self,
                                                    GFile                 *file,
                                                    const EpImportOptions *options);
/* Cancels the running import, if any (it ends at the reader's next check). */
void               ep_cohort_page_cancel_import    (EpCohortPage          *self);
/* TRUE from ep_cohort_page_import_file() until its result is shown */
gboolean           ep_cohort_page_get_importing    (EpCohortPage          *self);
/* How far the running import's reader is (0 to 1), or the furthest the last one got */
double             ep_cohort_page_get_import_progress (EpCohortPage       *self);
/* Imports a file as Import… does: delimited text through the preview dialog (returned, owned by
 * GTK), other formats at once (NULL). */
EpImportDialog    *ep_cohort_page_import           (EpCohortPage *self,
                                                    GFile        *file);
/* An edit of a cell as typed in the table: stored, or refused with the model's message shown
 * (ep_cohort_page_get_message) and nothing stored. row is the cohort's row index. */
gboolean           ep_cohort_page_edit_cell        (EpCohortPage *self,
                                                    guint         row,
                                                    guint         column,
                                                    const char   *text);
/* Opens the cell editor (as a double click on the cell does) at a position of the view, which
 * may be filtered and sorted, and a column; FALSE when that cell is not on screen. */
gboolean           ep_cohort_page_edit_at          (EpCohortPage *self,
                                                    guint         position,
                                                    guint         column);
/* The table as a spreadsheet: a cell cursor at a view position and column, a selected block
 * from an anchor to it. ep_cohort_page_press_key() does what a key press on the table does
 * (arrows, Tab, Enter move, Shift extends; F2 or typing edits; Delete clears the block to
 * missing; Ctrl+C copies it as tab-separated text; Ctrl+V pastes from the cursor); TRUE when
 * the key was used. */
void               ep_cohort_page_set_cursor       (EpCohortPage *self,
                                                    guint         position,
                                                    guint         column,
                                                    gboolean      extend);
void               ep_cohort_page_get_cursor       (EpCohortPage *self,
                                                    guint        *position,
                                                    guint        *column);
gboolean           ep_cohort_page_press_key        (EpCohortPage    *self,
                                                    guint            keyval,
                                                    GdkModifierType  state);
/* The selected block as tab-separated text on the clipboard. */
void               ep_cohort_page_copy             (EpCohortPage *self);
/* The clipboard's tab-separated text or HTML table into the cells from the cursor, adding
 * rows past the end, as one undo step; without a cohort, a new cohort through the import
 * preview. Asynchronous (the clipboard is read). */
void               ep_cohort_page_paste            (EpCohortPage *self);
/* The same with a block given as text (tab-separated, or HTML when is_html). */
void               ep_cohort_page_paste_text       (EpCohortPage *self,
                                                    const char   *text,
                                                    gboolean      is_html);
/* The last message shown in a toast, or NULL. */
const char        *ep_cohort_page_get_message      (EpCohortPage *self);
/* Opens the options of an analysis of kind. */
void               ep_cohort_page_analyze          (EpCohortPage   *self,
                                                    EpAnalysisKind  kind);
/* The analysis whose options the next analysis dialog of its kind starts from (a reopened
 * project's); set_cohort() forgets them. */
void               ep_cohort_page_remember_analysis (EpCohortPage *self,
                                                     EpAnalysis   *analysis);
/* Runs analysis in a worker thread and shows its progress, then its results. */
void               ep_cohort_page_run_analysis     (EpCohortPage *self,
                                                    EpAnalysis   *analysis);
EpAnalysisResults *ep_cohort_page_get_results      (EpCohortPage *self);
GtkColumnView     *ep_cohort_page_get_column_view  (EpCohortPage *self);
/* "welcome", "editor" or "results" */
const char        *ep_cohort_page_get_view         (EpCohortPage *self);

/* The results panel lists the analyses of analyses (a GListModel of EpAnalysis, the project's)
 * that belong to the shown cohort, in the order made. */
void          ep_cohort_page_set_analyses  (EpCohortPage  *self,
                                            GListModel    *analyses);
/* The analyses listed: those of the shown cohort. */
GListModel   *ep_cohort_page_get_analyses  (EpCohortPage  *self);
/* Shows the results panel with the shown analysis, or the last one made. */
void          ep_cohort_page_show_results  (EpCohortPage  *self);
/* Shows the results panel with this analysis of the shown cohort (one brought back by undo). */
void          ep_cohort_page_show_analysis (EpCohortPage  *self,
                                            EpAnalysis    *analysis);

G_END_DECLS
