/* ep-project.h: a project: cohorts, analyses, figures and trial selections, saved as one file
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * EpProject is what the window edits and what a .endpoint file holds (io/ep-project-store.h
 * writes and reads the file; docs/project-format.md describes it). It owns
 *  - the cohorts (ep_project_get_cohorts(), a GListModel of EpCohort),
 *  - the analyses (a GListModel of EpAnalysis), each tied to one of the cohorts,
 *  - the figures (a GListModel of EpFigure), each with a name and its data source,
 *  - trial selections: named lists of catalog ids with their meta-analysis options (JSON),
 * and tracks whether it has changed since it was opened or saved: the "modified" property
 * turns TRUE on any edit of a cohort (every undoable step, undo and redo included), on adding
 * or removing anything, on any change of a figure's options, and when ep_project_set_modified()
 * says so (an analysis's options changed in a dialog); it turns FALSE after a successful save to
 * the project's own file, unless something changed while the save ran. The "changed" signal
 * is emitted on every such edit, also while the project is already modified (for autosave).
 *
 * Saving and opening run in a GTask worker: the project is copied on the calling (main) thread
 * (a million-row cohort in some tens of milliseconds), so the user may keep editing while the
 * copy is written. Progress (0 to 1) is the "progress" property for saves, and a callback for
 * opens, both on the caller's main context. A failed or cancelled save leaves the file as it
 * was; a failed open gives no project at all.
 *
 * Recovery (autosave): ep_project_write_recovery_async() writes the project to its recovery
 * file under g_get_user_data_dir()/endpoint/recovery without touching "file" or "modified";
 * ep_project_discard_recovery() removes it on a clean close; ep_project_list_recovery_files()
 * lists what a crashed session left (when it was written, which project file it belongs to),
 * for the next start to offer; ep_project_open_recovery() opens one as that project, modified.
 */
#pragma once

#include <gio/gio.h>

#include "io/ep-project-store.h"
#include "model/ep-analysis.h"
#include "model/ep-cohort.h"
#include "model/ep-figure.h"

G_BEGIN_DECLS

#define EP_PROJECT_ERROR (ep_project_error_quark ())

typedef enum
{
  EP_PROJECT_ERROR_INVALID,   /* the file is a valid store but its content is not a project:
                               * an unknown role, an endpoint on a column that does not exist */
} EpProjectError;

#define EP_TYPE_PROJECT (ep_project_get_type ())
G_DECLARE_FINAL_TYPE (EpProject, ep_project, EP, PROJECT, GObject)

GQuark          ep_project_error_quark        (void);

/* A new, empty, unmodified project with no file. */
EpProject      *ep_project_new                (void);

/* The file it was opened from or last saved to; NULL for a new project. */
GFile          *ep_project_get_file           (EpProject           *self);
/* The project no longer belongs to its file (an example opened as a template, whose file is not
 * the user's): the next Save asks where. Contents and "modified" are unchanged. */
void            ep_project_forget_file        (EpProject           *self);
/* The file's name without ".endpoint", or "Untitled Project"; for the window title. */
const char     *ep_project_get_title          (EpProject           *self);
gboolean        ep_project_get_modified       (EpProject           *self);
void            ep_project_set_modified       (EpProject           *self,
                                               gboolean             modified);
/* When the project was first saved and last saved (UTC), or NULL before the first save. */
GDateTime      *ep_project_get_created        (EpProject           *self);
GDateTime      *ep_project_get_saved          (EpProject           *self);
/* The schema version of the file it was opened from (0 for a new project). */
guint           ep_project_get_file_version   (EpProject           *self);

/* Cohorts; names must be unique within a project (analyses refer to cohorts by name in the
 * file): ep_project_add_cohort() renames a newcomer "name (2)" when needed. */
GListModel     *ep_project_get_cohorts        (EpProject           *self);
void            ep_project_add_cohort         (EpProject           *self,
                                               EpCohort            *cohort);
/* Also removes the cohort's analyses and figures; the project's undo history starts again. */
void            ep_project_remove_cohort      (EpProject           *self,
                                               EpCohort            *cohort);
EpCohort       *ep_project_find_cohort        (EpProject           *self,
                                               const char          *name);

/* Analyses, each of one of the project's cohorts. */
GListModel     *ep_project_get_analyses       (EpProject           *self);
void            ep_project_add_analysis       (EpProject           *self,
                                               EpAnalysis          *analysis,
                                               EpCohort            *cohort);
void            ep_project_remove_analysis    (EpProject           *self,
                                               EpAnalysis          *analysis);
EpCohort       *ep_project_get_analysis_cohort (EpProject          *self,
                                                EpAnalysis         *analysis);
/* By ep_analysis_get_id(); NULL when none. ep_project_add_analysis() gives each analysis a
 * unique id ("analysis-3") and binds it to its cohort, so it follows the data. */
EpAnalysis     *ep_project_find_analysis      (EpProject           *self,
                                               const char          *id);
/* What opening the project had to say (translated, NULL-terminated, never NULL): analyses
 * whose stored result did not match the data and are being computed again. */
const char * const *ep_project_get_open_notes (EpProject           *self);

/* Figures, each with a unique name and the data source it is made from
 * (model/ep-figure-source.h); saved as that source plus ep_figure_to_json() (options and
 * style), made again on open. ep_project_add_figure() makes the figure (transfer none; NULL and
 * an error when the source is bad) and renames it "name (2)" when the name is taken. Removing a
 * cohort removes its figures. */
GListModel     *ep_project_get_figures        (EpProject           *self);
/* The language and decimal mark a new figure gets (ep_project_add_figure()); saved with the
 * project; default English, by the language. Setting them marks the project modified; it is
 * not a step of the undo history and leaves existing figures as they are. */
void            ep_project_get_figure_defaults (EpProject          *self,
                                                EpPlotLanguage     *language,
                                                EpPlotDecimalMark  *decimal_mark);
void            ep_project_set_figure_defaults (EpProject          *self,
                                                EpPlotLanguage      language,
                                                EpPlotDecimalMark   decimal_mark);
EpFigure       *ep_project_add_figure         (EpProject           *self,
                                               const char          *name,
                                               JsonObject          *source,
                                               GError             **error);
void            ep_project_remove_figure      (EpProject           *self,
                                               EpFigure            *figure);
EpFigure       *ep_project_find_figure        (EpProject           *self,
                                               const char          *name);
const char     *ep_project_get_figure_name    (EpProject           *self,
                                               EpFigure            *figure);
JsonObject     *ep_project_get_figure_source  (EpProject           *self,
                                               EpFigure            *figure);

/* The project's undo history (docs/projects.md, "Undo"): adding and removing analyses and
 * figures, an analysis's options (ep_project_set_analysis_options()), every change of a
 * figure's options or style (title, axes, legend, CI style, size, …; changes to one figure
 * within a moment are one step), a figure's published arm and a cohort combined from the
 * user's patients and a published arm (model/ep-reconstruction.h; undo returns the cohort). Removing an analysis removes the figures that show it, in the
 * same step. can-undo / can-redo follow. Undo and redo return the analysis or figure the step
 * was about (transfer none), or NULL. ep_project_settle_figure() makes the figure's current
 * look where its history starts (after the options a new figure was made with are applied).
 * Between ep_project_begin_step() and ep_project_end_step() (nestable) changes are one step.
 * The cohorts' data have their own histories (EpCohort); removing a cohort clears this one. */
gboolean        ep_project_can_undo           (EpProject           *self);
gboolean        ep_project_can_redo           (EpProject           *self);
gpointer        ep_project_undo               (EpProject           *self);
gpointer        ep_project_redo               (EpProject           *self);
void            ep_project_begin_step         (EpProject           *self);
void            ep_project_end_step           (EpProject           *self);
void            ep_project_settle_figure      (EpProject           *self,
                                               EpFigure            *figure);
/* Replaces the analysis's options (ep_analysis_set_options()) as a step of the history. */
gboolean        ep_project_set_analysis_options (EpProject         *self,
                                                 EpAnalysis        *analysis,
                                                 GVariant          *options,
                                                 GError           **error);

/* Trial selections by name: catalog ids in the user's order and the meta-analysis options as
 * a JSON object text (NULL: "{}"). Setting a name that exists replaces it. */
void            ep_project_set_trial_selection (EpProject          *self,
                                                const char         *name,
                                                const char * const *trial_ids,
                                                const char         *options);
void            ep_project_remove_trial_selection (EpProject       *self,
                                                   const char      *name);
/* The names, in order (NULL-terminated; g_strfreev). */
char          **ep_project_list_trial_selections (EpProject        *self);
/* NULL when there is no such selection. */
const char * const *ep_project_get_trial_selection_ids (EpProject  *self,
                                                        const char *name);
const char     *ep_project_get_trial_selection_options (EpProject  *self,
                                                        const char *name);

/* The user's own trial arms (docs/catalog.md, "Your own trials"): each a catalog record as a
 * JSON object text. Setting validates the record with the other own arms as one catalog file
 * (every check of the catalog; the error names the record and the field) and replaces the arm
 * with the same id or appends it; on error nothing changes. Both emit "user-trials-changed". */
gboolean        ep_project_set_user_trial     (EpProject           *self,
                                               const char          *record_json,
                                               GError             **error);
gboolean        ep_project_remove_user_trial  (EpProject           *self,
                                               const char          *id);
/* char *, in order; transfer none */
GPtrArray      *ep_project_get_user_trials    (EpProject           *self);
/* A catalog file (schema_version 2) of the own arms, for endpoint-cli trials --catalog. */
char           *ep_project_export_user_trials (EpProject           *self);
/* Digitized figures (issue 17, docs/reconstruction.md): a published figure's image with its
 * calibration and traced curves, as the store's plain data. Setting one whose name exists
 * replaces it (the project takes a copy); each set or removal is an unsaved change. */
guint           ep_project_get_n_digitized    (EpProject           *self);
const EpProjectDigitized *ep_project_get_digitized (EpProject      *self,
                                               guint                index);
/* NULL when there is none of that name. */
const EpProjectDigitized *ep_project_find_digitized (EpProject     *self,
                                               const char          *name);
void            ep_project_set_digitized      (EpProject           *self,
                                               const EpProjectDigitized *digitized);
void            ep_project_remove_digitized   (EpProject           *self,
                                               const char          *name);
/* The curve a cohort was reconstructed from and its figure (NULL when the cohort is not a
 * reconstruction): how the app marks a reconstructed cohort with its citation and figure. */
const EpProjectCurve *ep_project_find_reconstruction (EpProject    *self,
                                               const char          *cohort_name,
                                               const EpProjectDigitized **figure);
/* The curve attached to a catalog arm (trial id and arm label), or NULL. */
const EpProjectCurve *ep_project_find_arm_curve (EpProject         *self,
                                               const char          *trial_id,
                                               const char          *arm,
                                               const EpProjectDigitized **figure);

/* Saving. The file becomes the project's file; "modified" turns FALSE. */
gboolean        ep_project_save               (EpProject           *self,
                                               GFile               *file,
                                               GCancellable        *cancellable,
                                               GError             **error);
void            ep_project_save_async         (EpProject           *self,
                                               GFile               *file,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        ep_project_save_finish        (EpProject           *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/* Writes the project to path (e.g. a recovery file) without changing its file or "modified". */
gboolean        ep_project_save_copy          (EpProject           *self,
                                               const char          *path,
                                               GCancellable        *cancellable,
                                               GError             **error);
/* 0 to 1 while a save runs (notify::progress on the main thread). */
double          ep_project_get_progress       (EpProject           *self);

/* Opening; a project is read whole or not at all. */
EpProject      *ep_project_open               (GFile               *file,
                                               GCancellable        *cancellable,
                                               GError             **error);
/* progress (may be NULL) is called on the caller's main context. */
void            ep_project_open_async         (GFile               *file,
                                               EpProjectProgressFunc progress,
                                               gpointer             progress_data,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
EpProject      *ep_project_open_finish        (GAsyncResult        *result,
                                               GError             **error);

/* Recovery. */
/* g_get_user_data_dir()/endpoint/recovery */
char           *ep_project_get_recovery_dir   (void);
/* This project's recovery file (a fresh name in the recovery dir, fixed for the project's
 * lifetime; it exists only after a write). */
const char     *ep_project_get_recovery_path  (EpProject           *self);
void            ep_project_write_recovery_async (EpProject         *self,
                                                 GCancellable      *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer           user_data);
gboolean        ep_project_write_recovery_finish (EpProject        *self,
                                                  GAsyncResult     *result,
                                                  GError          **error);
/* Removes this project's recovery file, if any (a clean close). */
void            ep_project_discard_recovery   (EpProject           *self);

typedef struct
{
  char       *path;
  GDateTime  *written;    /* when the recovery was made, local time */
  char       *origin;     /* the project file it is a copy of; NULL for an untitled project */
  gboolean    readable;   /* FALSE: damaged (written is then the file's modification time) */
} EpRecoveryFile;

void            ep_recovery_file_free         (EpRecoveryFile      *file);
/* The recovery files present (EpRecoveryFile *), newest first; dir NULL: the default. */
GPtrArray      *ep_project_list_recovery_files (const char         *dir);
gboolean        ep_project_remove_recovery_file (const char        *path,
                                                 GError           **error);
/* Opens a recovery file as the project it is a copy of: its file is the origin (NULL for an
 * untitled project), it is modified (the recovered edits are not in that file), and its recovery
 * path is this file, so the next recovery write replaces it and a clean close removes it. */
EpProject      *ep_project_open_recovery      (const char          *path,
                                               GCancellable        *cancellable,
                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpRecoveryFile, ep_recovery_file_free)

G_END_DECLS
