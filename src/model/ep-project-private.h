/* ep-project-private.h: what the files of EpProject share
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ep-project.c holds the object: its state, cohorts, analyses, figures and trial selections;
 * ep-project-data.c converts it to and from the plain data of io/ep-project-store.h;
 * ep-project-file.c saves it to and opens it from a .endpoint file;
 * ep-project-recovery.c keeps and finds the recovery copies of unsaved changes.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "model/ep-project.h"

G_BEGIN_DECLS

#define PROJECT_SUFFIX ".endpoint"

typedef struct _ProjectStep ProjectStep;

struct _EpProject
{
  GObject       parent_instance;

  GFile        *file;
  char         *title;
  gboolean      modified;
  guint64       generation;     /* bumped on every change; a save knows what it wrote */
  GDateTime    *created;
  GDateTime    *saved;
  guint         file_version;
  double        progress;

  GListStore   *cohorts;        /* EpCohort */
  GListStore   *analyses;       /* EpAnalysis */
  GHashTable   *analysis_cohort; /* EpAnalysis * -> EpCohort * (both referenced by the stores) */
  GListStore   *figures;        /* EpFigure */
  GHashTable   *figure_entries; /* EpFigure * -> FigureEntry * */
  GPtrArray    *selections;     /* EpProjectSelection * */
  GPtrArray    *user_trials;    /* char *: the user's own arms, catalog records as JSON */
  GPtrArray    *digitized;      /* EpProjectDigitized * */
  JsonObject   *combined;       /* cohort name -> what it was combined from (ep-reconstruction.c) */
  int           figure_language;     /* EpPlotLanguage: the default of new figures */
  int           figure_decimal_mark; /* EpPlotDecimalMark */

  char         *recovery_path;
  GPtrArray    *open_notes;     /* char *, NULL-terminated: what opening had to say */
  /* ep-project-history.c */
  GPtrArray    *history;        /* ProjectStep *: the undo history, oldest first */
  guint         n_done;         /* history[0 .. n_done) are done */
  gboolean      applying_history;
  guint         group_depth;    /* ep_project_begin_step() without its end */
  ProjectStep  *group;          /* the step being gathered, or NULL */
};

typedef struct
{
  char       *name;
  JsonObject *source;
  JsonNode   *look;      /* ep_figure_to_json() as last seen, for undo */
} FigureEntry;

/* ep-project.c */
void           _ep_project_set_file      (EpProject    *self,
                                          GFile        *file);
void           _ep_project_set_progress  (EpProject    *self,
                                          double        fraction);
void           _ep_project_watch_cohort  (EpProject    *self,
                                          EpCohort     *cohort);
void           _ep_project_give_id       (EpProject    *self,
                                          EpAnalysis   *analysis);
EpFigure      *_ep_project_add_figure    (EpProject    *self,
                                          const char   *name,
                                          JsonObject   *source,
                                          GError      **error);

void           _ep_project_changed       (EpProject    *self);
/* Puts back a removed analysis or figure at position (clamped); no history. */
void           _ep_project_insert_analysis (EpProject  *self,
                                            EpAnalysis *analysis,
                                            EpCohort   *cohort,
                                            guint       position);
void           _ep_project_insert_figure (EpProject    *self,
                                          EpFigure     *figure,
                                          const char   *name,
                                          JsonObject   *source,
                                          guint         position);
/* Gives the figure a look (ep_figure_to_json()) without recording it. */
void           _ep_project_set_figure_look (EpProject  *self,
                                            EpFigure   *figure,
                                            JsonNode   *look);

/* Renames a cohort whose name the project has "name (2)", as ep_project_add_cohort() does. */
void           _ep_project_unique_cohort_name (EpProject *self,
                                               EpCohort  *cohort);
/* Puts a cohort (back) at position (clamped), watched; no history. */
void           _ep_project_put_cohort    (EpProject    *self,
                                          EpCohort     *cohort,
                                          guint         position);
/* Takes a cohort out with its analyses, figures, overlays and mark, without recording it or
 * clearing the history (the undo of its creation; ep_project_remove_cohort() clears it). */
void           _ep_project_take_cohort   (EpProject    *self,
                                          EpCohort     *cohort);

/* ep-project-history.c */
void           _ep_project_step_free     (ProjectStep  *step);
void           _ep_project_clear_history (EpProject    *self);
void           _ep_project_record_analysis (EpProject  *self,
                                            EpAnalysis *analysis,
                                            EpCohort   *cohort,
                                            guint       position,
                                            gboolean    added);
void           _ep_project_record_figure (EpProject    *self,
                                          EpFigure     *figure,
                                          FigureEntry  *entry,
                                          guint         position,
                                          gboolean      added);
void           _ep_project_record_look   (EpProject    *self,
                                          EpFigure     *figure,
                                          JsonNode     *before,
                                          JsonNode     *after);
void           _ep_project_forget_looks  (EpProject    *self,
                                          EpFigure     *figure);
/* A cohort added at position as a step of the history (undo takes it out, redo puts it back),
 * with its combined mark (NULL: none; ep-reconstruction.c) */
void           _ep_project_record_cohort (EpProject    *self,
                                          EpCohort     *cohort,
                                          guint         position,
                                          JsonObject   *mark);
/* A figure's published arm set or removed (ep_project_set_figure_overlay()): the cohorts' names
 * before and after, NULL for none. */
void           _ep_project_record_overlay (EpProject   *self,
                                           EpFigure    *figure,
                                           const char  *before,
                                           const char  *after);

/* ep-project-data.c */
EpProjectData *_ep_project_snapshot      (EpProject     *self);
EpProject     *_ep_project_new_from_data (EpProjectData *data,
                                          GFile         *file,
                                          GError       **error);

/* ep-project.c: after opening, the caveat of reconstructed data on the figures of reconstructed
 * cohorts (the digitized figures are read after the figures) */
void           _ep_project_mark_reconstructed_figures (EpProject *self);

/* ep-reconstruction.c: the overlays the figures' sources name, drawn again after opening
 * (a missing cohort drops one, with an open note); and dropped with their cohort */
void           _ep_project_restore_overlays (EpProject    *self);
/* A reconstructed cohort edited (a row changed or deleted, its endpoint, an undo of either):
 * the figures that overlay it draw it again as it is now. */
void           _ep_project_refresh_overlays (EpProject  *self,
                                             const char *cohort_name);
void           _ep_project_drop_overlays (EpProject     *self,
                                          const char    *cohort_name);
/* The mark of a cohort combined from the user's patients and a published arm (issue 17):
 * mark NULL removes it. Not recorded; the project is changed. */
void           _ep_project_set_combined  (EpProject     *self,
                                          const char    *cohort_name,
                                          JsonObject    *mark);
/* The marks as the store keeps them (meta combined_cohorts, a JSON object text; NULL when
 * none), and back after opening (the cohorts must be there; a bad text or a mark of a missing
 * cohort is dropped with a note of the opening). */
char          *_ep_project_combined_to_text (EpProject  *self);
void           _ep_project_combined_from_text (EpProject *self,
                                               const char *text);
/* ep_project_set_figure_overlay() without recording it (undo and redo). */
gboolean       _ep_project_put_overlay   (EpProject     *self,
                                          EpFigure      *figure,
                                          const char    *cohort_name,
                                          GError       **error);

/* ep-project-file.c */
void           _ep_project_save_async_internal (EpProject           *self,
                                                const char          *path,
                                                GFile               *file,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data,
                                                gpointer             source_tag);

G_END_DECLS
