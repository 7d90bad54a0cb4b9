/* ep-analysis-private.h: what the files of EpAnalysis share
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ep-analysis.c holds the object, its options and its public entry points;
 * ep-analysis-prepare.c copies a run's input out of the cohort on the main thread (the Job);
 * ep-analysis-worker.c runs the core in a GTask worker and fills the Results;
 * ep-analysis-tables.c builds the result tables from the Results.
 */
#pragma once

#include "core/ep-groups.h"
#include "model/ep-analysis.h"
#include "model/ep-cox-forest.h"

G_BEGIN_DECLS

/* The options of an analysis. */
typedef struct
{
  char    *endpoint;
  char    *group;
  char    *conf_type;
  char    *ties;
  char    *strata;
  char    *time;
  char    *status;
  char    *censor;
  char    *outcome;
  char    *response_time;
  char    *competing;
  char    *competing_event;
  GStrv    covariates;
  GStrv    factors;
  GStrv    success;
  double   conf_level;
  double   rho;
  GArray  *landmarks;   /* double */
  double   landmark_time;   /* NaN: not a landmark analysis */
  double   rmst_tau;        /* NaN: the default */
} Options;

/* One Cox model's input, copied from the cohort. */
typedef struct
{
  guint      n;
  guint      n_dropped;
  double    *time;
  int       *status;
  EpLevels  *strata;
  EpDesign  *design;
} CoxInput;

typedef struct
{
  guint            n;
  guint            n_dropped;
  EpLevels        *groups;
  char            *time_unit;       /* the endpoint's unit, for headers; NULL when unknown */
  EpKmResult      *km;
  EpLogrankResult *logrank;
  EpCoxFit        *cox;
  EpDesign        *design;
  guint            n_covariates;
  EpCoxFit       **uni;
  EpDesign       **uni_design;
  char           **uni_error;
  GPtrArray       *cox_factors;     /* EpCoxFactor (model/ep-cox-forest.h); NULL: not saved */
  EpCifResult     *cif;
  EpGrayResult    *gray;
  GStrv            cause_labels;
  EpResponse      *response;
  GPtrArray       *warnings;        /* char *, NULL-terminated when handed out */
  GPtrArray       *tables;          /* EpResultTable */
  EpKmResult      *km_all;          /* competing risks: KM of any event, the figure's numbers at risk */
  /* survival with three or more groups (ep-groups.h): each group's HR against the first,
   * every pair's log-rank test (Holm), the test for trend when the levels are numbers; NULL
   * else. Not saved but group_hr's HRs (for the KM figure): the tables they make are. */
  EpGroupHr         *group_hr;
  EpLogrankPairwise *pairwise;
  EpLogrankTrend    *trend;
  /* survival with two groups: coxph (Surv (time, status) ~ group), for the figure; NaN else */
  double           hr;
  double           hr_lower;
  double           hr_upper;
  /* competing risks with covariates: Fine-Gray (cmprsk::crr) of each cause on one design, over
   * the CIF's rows that have every covariate; crr[c] NULL where cause c's fit failed,
   * with the reason in crr_error[c] */
  guint            n_crr;           /* the CIF's causes; 0 without covariates */
  EpCrrResult    **crr;
  char           **crr_error;
  EpDesign        *crr_design;
  guint            crr_n;
  guint            crr_n_dropped;
  /* survival (issue 16) */
  EpRmstResult    *rmst;
  EpKmResult      *followup;
  double           landmark_time;   /* NaN unless a landmark analysis */
  guint            landmark_excluded;
  EpCoxFit        *mantel_byar;
  EpKmResult      *simon_makuch;
  EpKmResult      *landmark_overall;  /* all patients from time 0, drawn before the landmark */
  /* cox */
  EpCoxZph        *zph;
  GStrv            zph_terms;
  GPtrArray       *biases;          /* EpAnalysisBias */
} Results;

void     _ep_analysis_bias_free        (EpAnalysisBias *bias);

struct _EpAnalysis
{
  GObject         parent_instance;

  EpAnalysisKind  kind;
  Options         options;
  Results        *results;
  gboolean        running;
  double          progress;

  /* The live graph (ep-analysis-live.c): the cohort it is bound to, the state of its result
   * and what that result was computed from. */
  EpCohort       *cohort;
  gulong          changed_id;
  EpAnalysisState state;
  char           *state_message;     /* why INVALID, or what the last update said */
  guint64         result_revision;   /* the cohort's input revision the result was computed at */
  char           *fingerprint;       /* the inputs' content hash at that time */
  GCancellable   *live_cancellable;  /* the running update, or NULL */
  guint           debounce_id;
  gboolean        restored;          /* the result came from a saved project, not a run */
  char           *id;                /* unique in a project; figures refer to it */
};

/* A run: everything the worker needs, copied on the main thread. */
typedef struct
{
  EpAnalysis     *analysis;      /* for progress only, touched on the main thread */
  EpAnalysisKind  kind;
  GMainContext   *context;
  GCancellable   *cancellable;
  gulong          cancelled_id;
  gint            cancel;        /* atomic, set when cancelled; read by the Cox iterations */

  EpKmConfType    conf_type;
  double          conf_level;
  double          rho;
  double         *landmarks;
  guint           n_landmarks;
  EpCoxTies       ties;
  char          **covariates;

  guint           n;
  guint           n_dropped;
  double         *time;
  int            *status;        /* survival: 0/1; competing risks: 0 censored, 1.. causes */
  gboolean       *success;
  EpLevels       *groups;
  char           *time_unit;
  char          **cause_labels;
  CoxInput        multi;
  GPtrArray      *cox_factors;   /* EpCoxFactor: the multivariable model's levels, events/n */
  CoxInput       *uni;           /* [n_covariates] */
  char          **uni_error;     /* [n_covariates] a univariate model that could not be set up */
  guint           n_covariates;
  /* competing risks with covariates: the Fine-Gray input (its own listwise rows) */
  CoxInput        crr;

  double         *response;        /* landmark analysis: n response times, NaN for none */
  gboolean        from_endpoint;   /* competing risks from an endpoint: compare with 1 - KM */
  double          landmark_time;
  double          rmst_tau;
  GPtrArray      *biases;          /* EpAnalysisBias, found while preparing */

  guint64         input_revision;  /* the cohort's input revision when this was prepared */
  char           *fingerprint;     /* the inputs' content hash then */

  Results        *results;
} Job;

/* ep-analysis-live.c */
/* The names of the columns and endpoints the options read (NULL-terminated, g_strfreev). */
void     _ep_analysis_get_inputs        (EpAnalysis   *self,
                                         GStrv        *columns,
                                         GStrv        *endpoints);
void     _ep_analysis_set_state         (EpAnalysis   *self,
                                         EpAnalysisState state,
                                         const char   *message);
/* Replaces the results (NULL clears them), emits ::results-changed, then frees the old ones:
 * a figure that borrows them re-reads before they go. */
void     _ep_analysis_take_results      (EpAnalysis   *self,
                                         Results      *results);
void     _ep_analysis_count_job         (void);
void     _ep_analysis_dispose_live      (EpAnalysis   *self);

/* ep-analysis.c */
Results *_ep_analysis_results_new       (void);
void     _ep_analysis_results_free      (Results      *results);
void     _ep_analysis_update_progress   (EpAnalysis   *self,
                                         double        progress);

/* ep-analysis-prepare.c */
void     _ep_analysis_job_free                (Job         *job);
gboolean _ep_analysis_prepare_survival        (Job         *job,
                                               EpAnalysis  *self,
                                               EpCohort    *cohort,
                                               GError     **error);
gboolean _ep_analysis_prepare_cox             (Job         *job,
                                               EpAnalysis  *self,
                                               EpCohort    *cohort,
                                               GError     **error);
gboolean _ep_analysis_prepare_competing_risks (Job         *job,
                                               EpAnalysis  *self,
                                               EpCohort    *cohort,
                                               GError     **error);
gboolean _ep_analysis_prepare_response        (Job         *job,
                                               EpAnalysis  *self,
                                               EpCohort    *cohort,
                                               GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, _ep_analysis_job_free)

/* ep-analysis-worker.c */
void     _ep_analysis_run_thread (GTask        *task,
                                  gpointer      source_object,
                                  gpointer      task_data,
                                  GCancellable *cancellable);

/* ep-analysis-tables.c */
void     _ep_analysis_tables_survival        (Job     *job,
                                              Results *r);
void     _ep_analysis_tables_cox             (Job     *job,
                                              Results *r);
void     _ep_analysis_tables_competing_risks (Job     *job,
                                              Results *r);
void     _ep_analysis_tables_response        (Job     *job,
                                              Results *r);

/* ep-analysis-review.c: RMST, follow-up, landmark, PH check and the biases (issue 16) */
void     _ep_analysis_find_biases        (Job         *job,
                                          EpAnalysis  *self,
                                          EpCohort    *cohort);
gboolean _ep_analysis_prepare_landmark   (Job         *job,
                                          EpAnalysis  *self,
                                          EpCohort    *cohort,
                                          const guint *rows,
                                          guint        n,
                                          GError     **error);
gboolean _ep_analysis_run_landmark       (Job         *job,
                                          Results     *r,
                                          GError     **error);
void     _ep_analysis_run_survival_review (Job        *job,
                                           Results    *r);
void     _ep_analysis_run_zph            (Job         *job,
                                          Results     *r);
/* ep-analysis-tables.c */
void     _ep_analysis_tables_survival_review (Job     *job,
                                              Results *r);
void     _ep_analysis_tables_zph         (Job         *job,
                                          Results     *r);
void     _ep_analysis_tables_naive_km    (Job         *job,
                                          Results     *r);

G_END_DECLS
