/* ep-analysis.h: an analysis of a cohort, its options and its results
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An EpAnalysis is self-describing: a kind and the options of that kind, which is all a project
 * needs to save (ep_analysis_to_variant(), an a{sv} that g_variant_print() turns into text and
 * ep_analysis_new_from_variant() reads back). Running it:
 *
 *   1. ep_analysis_run_async() reads the columns it needs from the cohort on the calling (main)
 *      thread into plain arrays, dropping rows missing any column used (listwise, design.md);
 *      a bad option (an unknown column, a date as a covariate) fails here, at once;
 *   2. a GTask worker thread computes with the core (ep-km.h, ep-logrank.h, ep-cox.h,
 *      ep-cif.h, ep-response.h) on that copy only, so the user may keep editing the cohort;
 *      it checks the GCancellable between steps (and inside the Cox iterations) and reports
 *      its progress (0 to 1, the "progress" property, notified on the main thread);
 *   3. ep_analysis_run_finish() makes the results current: the core structs, reachable by the
 *      accessors below, and the tables of ep_analysis_get_tables() that the results view shows
 *      and copies as tab-separated text.
 *
 * Kinds and their options (key in the variant, type):
 *   survival         endpoint (s), group (s, "" none), conf-type (s: log-log, log, plain),
 *                    conf-level (d), landmarks (ad), rho (d: 0 log-rank, 1 Peto-Peto),
 *                    rmst-tau (d: the RMST's truncation time; unset: the shortest of the
 *                    groups' last follow-up times, survRM2's default);
 *                    a landmark analysis (ep-landmark.h) when response-time (s: a number
 *                    column, the time of response, empty for never) and landmark-time (d) are
 *                    set: the group is then "responded by the landmark", and the results add
 *                    the Mantel-Byar test and the Simon-Makuch curves
 *   cox              endpoint, covariates (as), factors (as: covariates coded as categories;
 *                    a category or yes/no column is always a factor), ties (s: efron,
 *                    breslow), strata (s), conf-level
 *   competing-risks  time (s: a number column), status (s: a number column of integer codes,
 *                    or a category column), censor (s: the status value meaning censored,
 *                    "0" by default), group, landmarks, rho (Gray's test), covariates and
 *                    factors (as: optional; when set, a Fine-Gray model of each cause,
 *                    cmprsk::crr, on the CIF's rows that have every covariate)
 *                    "0" by default), group, landmarks, rho (Gray's test); or, instead of time
 *                    and status, endpoint (s) with competing (s: a column) and competing-event
 *                    (s: its value for the competing event): the endpoint's event is cause 1,
 *                    a censored row whose competing column holds that value is cause 2 (the
 *                    competing-risk remedy, ep-bias.h)
 *   response         outcome (s), success (as: the outcome values counted as a response),
 *                    group, conf-level
 */
#pragma once

#include <gio/gio.h>

#include "core/ep-cif.h"
#include "core/ep-cox.h"
#include "core/ep-crr.h"
#include "core/ep-cox-zph.h"
#include "core/ep-design.h"
#include "core/ep-groups.h"
#include "core/ep-km.h"
#include "core/ep-levels.h"
#include "core/ep-logrank.h"
#include "core/ep-response.h"
#include "core/ep-rmst.h"
#include "model/ep-cohort.h"

G_BEGIN_DECLS

#define EP_ANALYSIS_ERROR (ep_analysis_error_quark ())

typedef enum
{
  EP_ANALYSIS_ERROR_OPTION,     /* a missing or invalid option (no endpoint, no covariate) */
  EP_ANALYSIS_ERROR_DATA,       /* a column of the wrong type, a bad status code */
  EP_ANALYSIS_ERROR_NO_ROWS,    /* nothing left once missing values are dropped */
  EP_ANALYSIS_ERROR_NOT_RUN,    /* results asked for before a run */
} EpAnalysisError;

typedef enum
{
  EP_ANALYSIS_SURVIVAL,
  EP_ANALYSIS_COX,
  EP_ANALYSIS_COMPETING_RISKS,
  EP_ANALYSIS_RESPONSE,
} EpAnalysisKind;

/* Where an analysis's result stands against its cohort's data (the live graph,
 * docs/projects.md). */
typedef enum
{
  EP_ANALYSIS_STATE_EMPTY,      /* never run */
  EP_ANALYSIS_STATE_FRESH,      /* the result agrees with the data */
  EP_ANALYSIS_STATE_STALE,      /* the data changed: an update is scheduled or running */
  EP_ANALYSIS_STATE_INVALID,    /* its inputs no longer exist, or the update failed: the message
                                 * says why; the options are kept */
} EpAnalysisState;

#define EP_TYPE_ANALYSIS_KIND (ep_analysis_kind_get_type ())
GType ep_analysis_kind_get_type (void);
#define EP_TYPE_ANALYSIS_STATE (ep_analysis_state_get_type ())
GType ep_analysis_state_get_type (void);

/* One table of results: a title, a header row and rows of cells, all text as shown. */
typedef struct
{
  char       *title;
  GStrv       header;
  GPtrArray  *rows;       /* GStrv, as many cells as header */
  char       *note;       /* a footnote (dropped rows, test used), or NULL */
} EpResultTable;

void ep_result_table_free (EpResultTable *table);

/* A bias that the options of a run invite (ep-bias.h), with the analysis that avoids it. */
typedef enum
{
  EP_ANALYSIS_BIAS_GUARANTEE_TIME,   /* grouped by something that happens after time zero */
  EP_ANALYSIS_BIAS_COMPETING_RISK,   /* 1 - KM of relapse with deaths censored */
} EpAnalysisBiasKind;

typedef struct
{
  EpAnalysisBiasKind  kind;
  char               *message;       /* translated, for the results */
  char               *remedy_title;  /* translated button label, or NULL without a remedy */
  char               *remedy;        /* the remedy's options (g_variant_print() of
                                      * ep_analysis_to_variant()), or NULL */
} EpAnalysisBias;

#define EP_TYPE_ANALYSIS (ep_analysis_get_type ())
G_DECLARE_FINAL_TYPE (EpAnalysis, ep_analysis, EP, ANALYSIS, GObject)

GQuark          ep_analysis_error_quark   (void);

EpAnalysis     *ep_analysis_new           (EpAnalysisKind   kind);
EpAnalysisKind  ep_analysis_get_kind      (EpAnalysis      *self);
/* "Survival", "Cox Regression", ... translated */
const char     *ep_analysis_kind_get_title (EpAnalysisKind  kind);
/* "survival", "cox", "competing-risks", "response" */
const char     *ep_analysis_kind_to_string (EpAnalysisKind  kind);
gboolean        ep_analysis_kind_from_string (const char    *text,
                                              EpAnalysisKind *kind);

/* Options: string and string-list options by key (see above); unknown keys are refused with
 * a critical. A NULL or "" string unsets the option. */
void            ep_analysis_set_string    (EpAnalysis      *self,
                                           const char      *key,
                                           const char      *value);
const char     *ep_analysis_get_string    (EpAnalysis      *self,
                                           const char      *key);
void            ep_analysis_set_strv      (EpAnalysis      *self,
                                           const char      *key,
                                           const char * const *value);
const char * const *ep_analysis_get_strv  (EpAnalysis      *self,
                                           const char      *key);
void            ep_analysis_set_conf_level (EpAnalysis     *self,
                                            double          level);
double          ep_analysis_get_conf_level (EpAnalysis     *self);
/* Number options by key: "landmark-time", "rmst-tau"; NaN unsets. */
void            ep_analysis_set_double    (EpAnalysis      *self,
                                           const char      *key,
                                           double           value);
double          ep_analysis_get_double    (EpAnalysis      *self,
                                           const char      *key);
void            ep_analysis_set_rho       (EpAnalysis      *self,
                                           double           rho);
double          ep_analysis_get_rho       (EpAnalysis      *self);
/* Landmark times (in the endpoint's unit), any order, each >= 0. */
void            ep_analysis_set_landmarks (EpAnalysis      *self,
                                           const double    *times,
                                           guint            n);
const double   *ep_analysis_get_landmarks (EpAnalysis      *self,
                                           guint           *n);

/* The kind and options as an a{sv} (floating); "kind" holds ep_analysis_kind_to_string(). */
GVariant       *ep_analysis_to_variant    (EpAnalysis      *self);
/* NULL with EP_ANALYSIS_ERROR_OPTION when the variant is not one of ours. */
EpAnalysis     *ep_analysis_new_from_variant (GVariant     *options,
                                              GError      **error);

/* A one-line summary of the options, for a title: "OS by x (log-rank)". */
/* Replaces the options with those of ep_analysis_to_variant()'s form (same kind), keeping the
 * analysis's id and figures; a bound analysis is computed again (it is stale until then).
 * Emits "options-changed". */
gboolean        ep_analysis_set_options   (EpAnalysis      *self,
                                           GVariant        *options,
                                           GError         **error);
char           *ep_analysis_describe      (EpAnalysis      *self);

/* Running. progress is 0 to 1 while running (notify::progress on the main thread). */
void            ep_analysis_run_async     (EpAnalysis          *self,
                                           EpCohort            *cohort,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean        ep_analysis_run_finish    (EpAnalysis          *self,
                                           GAsyncResult        *result,
                                           GError             **error);
/* The same, blocking (tests, the CLI). */
gboolean        ep_analysis_run           (EpAnalysis          *self,
                                           EpCohort            *cohort,
                                           GCancellable        *cancellable,
                                           GError             **error);
gboolean        ep_analysis_get_running   (EpAnalysis          *self);
double          ep_analysis_get_progress  (EpAnalysis          *self);
gboolean        ep_analysis_has_results   (EpAnalysis          *self);

/* Results of the last successful run (NULL before one, or when not of this kind). */
guint           ep_analysis_get_n         (EpAnalysis          *self);
guint           ep_analysis_get_n_dropped (EpAnalysis          *self);
/* Group labels in the order of the results' groups; NULL without a group. */
const EpLevels *ep_analysis_get_groups    (EpAnalysis          *self);
const EpKmResult      *ep_analysis_get_km        (EpAnalysis   *self);
/* NULL without a group, or with a single group. */
const EpLogrankResult *ep_analysis_get_logrank   (EpAnalysis   *self);
/* Cox: the multivariable model and its design, and one univariate model per covariate
 * (index in the order of the covariates option; NULL when that model failed, with the
 * reason in ep_analysis_get_cox_univariate_error()). */
const EpCoxFit        *ep_analysis_get_cox       (EpAnalysis   *self);
const EpDesign        *ep_analysis_get_cox_design (EpAnalysis  *self);
guint                  ep_analysis_get_n_covariates (EpAnalysis *self);
const EpCoxFit        *ep_analysis_get_cox_univariate (EpAnalysis *self,
                                                       guint       covariate);
const EpDesign        *ep_analysis_get_cox_univariate_design (EpAnalysis *self,
                                                              guint       covariate);
const char            *ep_analysis_get_cox_univariate_error (EpAnalysis *self,
                                                             guint       covariate);
/* Cox: each covariate's display name, levels (reference first) with their terms and events/n
 * in the multivariable model's rows (EpCoxFactor, model/ep-cox-forest.h), what the Table 3
 * figure draws; NULL for a result saved before they were. */
const GPtrArray       *ep_analysis_get_cox_factors (EpAnalysis *self);
/* Survival with three or more groups: each group's HR against the reference (ep_group_hr()),
 * in the order of ep_analysis_get_groups(); NULL otherwise, or for a result read from a
 * project saved before it was stored. */
const EpGroupHr       *ep_analysis_get_group_hr  (EpAnalysis   *self);
const EpCifResult     *ep_analysis_get_cif       (EpAnalysis   *self);
/* Cause labels by index in the CIF result's causes (the status values' text). */
const char            *ep_analysis_get_cause_label (EpAnalysis *self,
                                                    guint       cause_index);
const EpGrayResult    *ep_analysis_get_gray      (EpAnalysis   *self);
/* Competing risks with covariates: the Fine-Gray model of cause cause_index (as the CIF's
 * causes), NULL when there is none or it failed (the reason: ep_analysis_get_crr_error());
 * the design its terms come from (term names and levels; NULL without covariates). */
const EpCrrResult     *ep_analysis_get_crr       (EpAnalysis   *self,
                                                  guint         cause_index);
const char            *ep_analysis_get_crr_error (EpAnalysis   *self,
                                                  guint         cause_index);
const EpDesign        *ep_analysis_get_crr_design (EpAnalysis  *self);
const EpResponse      *ep_analysis_get_response  (EpAnalysis   *self);
/* Warnings of the last run (translated), NULL-terminated; never NULL after a run. */
const char * const    *ep_analysis_get_warnings  (EpAnalysis   *self);

/* Survival: the restricted mean survival time per group and the contrasts (NULL when it could
 * not be computed), and the median follow-up by reverse Kaplan-Meier (ep-followup.h). */
const EpRmstResult   *ep_analysis_get_rmst      (EpAnalysis   *self);
const EpKmResult     *ep_analysis_get_followup  (EpAnalysis   *self);
/* A landmark analysis: the landmark (NaN otherwise), the patients left out because their
 * follow-up ended by it, the Mantel-Byar model (coxph on the (start, stop] split, its score
 * test) and the Simon-Makuch curves (group 0 before, 1 after the response); NULL when the
 * split had no responder or only responders. */
double                ep_analysis_get_landmark_time (EpAnalysis *self);
guint                 ep_analysis_get_landmark_excluded (EpAnalysis *self);
const EpCoxFit       *ep_analysis_get_mantel_byar (EpAnalysis *self);
const EpKmResult     *ep_analysis_get_simon_makuch (EpAnalysis *self);
/* A landmark analysis: the Kaplan-Meier curve of all its patients from time 0 (one group), which
 * its figure draws in grey before the landmark; NULL otherwise. */
const EpKmResult     *ep_analysis_get_landmark_overall (EpAnalysis *self);
/* Cox: the proportional-hazards check of the multivariable model (cox.zph, transform "km")
 * and its term names (n_terms, as cox.zph names them); NULL when it could not be computed. */
const EpCoxZph       *ep_analysis_get_zph       (EpAnalysis   *self);
const char * const   *ep_analysis_get_zph_terms (EpAnalysis   *self);
/* The biases the last run's options invite (see EpAnalysisBias). */
guint                 ep_analysis_get_n_biases  (EpAnalysis   *self);
const EpAnalysisBias *ep_analysis_get_bias      (EpAnalysis   *self,
                                                 guint         index);
/* A new analysis with the bias's remedy as its options; NULL and an error without one. */
EpAnalysis           *ep_analysis_new_remedy    (EpAnalysis   *self,
                                                 guint         index,
                                                 GError      **error);

/* Survival with two groups: the hazard ratio of the second against the first (coxph with the
 * group as a factor) with its 95% CI; FALSE when there is none. */
/* Competing risks: Kaplan-Meier of an event of any cause, for the numbers at risk. */
const EpKmResult     *ep_analysis_get_km_all_causes (EpAnalysis *self);
/* The endpoint's time unit ("days", "months", …) of the last result, or NULL / "". */
const char           *ep_analysis_get_time_unit  (EpAnalysis   *self);
gboolean              ep_analysis_get_hr         (EpAnalysis   *self,
                                                  double       *hr,
                                                  double       *lower,
                                                  double       *upper);

/* The live graph (ep-analysis-live.c). ep_analysis_bind_cohort() makes the analysis follow its
 * cohort: after a committed edit of a column or endpoint it reads, it turns STALE and runs again
 * in the background (debounced; a newer edit cancels the running update; at most one update at
 * a time), emitting ::results-changed when the new result arrives. An edit it does not read
 * leaves it FRESH; a deleted input makes it INVALID with a message, options kept. NULL unbinds. */
void            ep_analysis_bind_cohort   (EpAnalysis          *self,
                                           EpCohort            *cohort);
EpCohort       *ep_analysis_get_cohort    (EpAnalysis          *self);
/* Brings a bound analysis up to date now (debounced like an edit), e.g. after its options
 * changed or when a stored result could not be used. */
void            ep_analysis_refresh       (EpAnalysis          *self);
/* An id unique within the project, that figures refer to; NULL until the project gives one. */
const char     *ep_analysis_get_id        (EpAnalysis          *self);
void            ep_analysis_set_id        (EpAnalysis          *self,
                                           const char          *id);
EpAnalysisState ep_analysis_get_state     (EpAnalysis          *self);
/* Why it is INVALID (translated), or NULL. */
const char     *ep_analysis_get_state_message (EpAnalysis      *self);
/* TRUE while the result shown may disagree with the data (STALE, or INVALID with a result). */
gboolean        ep_analysis_is_outdated   (EpAnalysis          *self);
/* The content hash of the columns and endpoints the options read (hex SHA-256); NULL and an
 * error when an input is missing. */
char           *ep_analysis_compute_fingerprint (EpAnalysis    *self,
                                                 EpCohort      *cohort,
                                                 GError       **error);
/* The fingerprint of the inputs the current result was computed from, or NULL. */
const char     *ep_analysis_get_fingerprint (EpAnalysis        *self);
/* How many runs have started in this process (tests: opening a project runs none). */
guint           ep_analysis_get_jobs_started (void);

/* The last result as JSON (ep-analysis-json.c: the core structs, the tables as shown), for the
 * project file; NULL without a result. */
char           *ep_analysis_results_to_json (EpAnalysis        *self);
/* Takes a stored result back without running anything: FRESH, with its fingerprint, until
 * ep_analysis_bind_cohort() compares that with the data (a mismatch schedules an update). FALSE
 * and an error naming where when the JSON is not a result of this kind. */
gboolean        ep_analysis_restore_results (EpAnalysis        *self,
                                             const char        *json,
                                             const char        *fingerprint,
                                             const char        *where,
                                             GError           **error);

/* The results as tables (EpResultTable), as shown; NULL before a run. */
GPtrArray      *ep_analysis_get_tables    (EpAnalysis          *self);
/* The tables as tab-separated text: the title line, the header, the rows, a blank line
 * between tables. */
char           *ep_analysis_to_tsv        (EpAnalysis          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpResultTable, ep_result_table_free)

/* A p-value as every result table writes it ("0.121", "<0.001", "NA"): figures that show a
 * table's p use this, so that the two agree. */
char                  *ep_analysis_format_p      (double        p);

/* The design of a Cox model of covariates (n_covariates columns of cohort; a number column is
 * one term unless named in factors, a category is a factor in the user's level order, its
 * first level the reference) on the given rows (which have a value in each), with the terms'
 * display labels ("Sex: Female vs Male"), as analyses and the figures made from a cohort use. */
EpDesign              *ep_analysis_build_cox_design (EpCohort           *cohort,
                                                     const char * const *covariates,
                                                     guint               n_covariates,
                                                     const char * const *factors,
                                                     const guint        *rows,
                                                     guint               n,
                                                     GError            **error);

G_END_DECLS
