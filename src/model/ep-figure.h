/* ep-figure.h: a figure: what it shows, where its data come from, and how it looks
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * EpFigure is a self-describing figure spec for the Figures page and the project:
 *  - a kind (Kaplan-Meier, cumulative incidence, forest plot of proportions or of ratios, Cox
 *    hazard-ratio table);
 *  - a data source: an EpCohort with its columns (a CSV file is opened into a cohort with the
 *    app's importer and remembered by path), or a list of catalog arms with an outcome
 *    (CR % or MRD-negative %) pooled by therapy class (ep-meta-input.h, ep_meta_pool);
 *  - plot options and an EpPlotStyle, each a GObject property so that an options panel can
 *    bind its rows to them. Setting any property emits ::changed (once per batch of
 *    notifications), so a preview redraws.
 * The statistics are computed with the core when the data source is set (synchronously: a
 * million-row Kaplan-Meier fit takes well under a second) and kept; options only re-render.
 * Rendering uses src/plot, the same code for the screen and the exported file.
 *
 * ep_figure_to_json() / ep_figure_load_json() carry the kind, the options and the style (every
 * writable property, by name; enums by nick), not the data, which the project stores itself.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "model/ep-analysis.h"
#include "model/ep-cohort.h"
#include "model/ep-meta-input.h"
#include "plot/ep-forest-plot.h"
#include "plot/ep-km-plot.h"
#include "plot/ep-plot-export.h"
#include "plot/ep-plot-layout.h"
#include "plot/ep-plot-style.h"

G_BEGIN_DECLS

#define EP_FIGURE_ERROR (ep_figure_error_quark ())

typedef enum
{
  EP_FIGURE_ERROR_NO_DATA,      /* no data source, or nothing left to draw */
  EP_FIGURE_ERROR_INVALID,      /* a column of the wrong kind, a code that is not 0/1 */
  EP_FIGURE_ERROR_JSON,         /* a saved figure that cannot be read */
  EP_FIGURE_ERROR_OUTDATED,     /* its analysis is being updated after an edit of the data */
} EpFigureError;

typedef enum
{
  EP_FIGURE_KM,                 /* Kaplan-Meier curves by group */
  EP_FIGURE_CIF,                /* cumulative incidence with competing risks */
  EP_FIGURE_FOREST_PROPORTIONS, /* pooled proportions (CR rate) by subgroup */
  EP_FIGURE_FOREST_RATIOS,      /* pooled HR / OR / RR from reported CIs */
  EP_FIGURE_COX_TABLE,          /* a Cox model's hazard ratios, one row per term */
} EpFigureKind;

typedef enum
{
  EP_FIGURE_OUTCOME_CR,         /* complete remission, % of n (ep_trial_get_cr_pct) */
  EP_FIGURE_OUTCOME_MRD_NEG,    /* MRD negativity, % of n (ep_trial_get_mrd_neg_pct) */
} EpFigureOutcome;

/* How a landmark analysis's Kaplan-Meier figure places its curves (issue 16). */
typedef enum
{
  EP_FIGURE_LANDMARK_ORIGINAL,  /* at landmark + t on the original time axis, the landmark
                                 * marked with a dashed line ("Landmark: 6 months") */
  EP_FIGURE_LANDMARK_FROM,      /* time from the landmark, the axis says so */
} EpFigureLandmarkAxis;

#define EP_TYPE_FIGURE_LANDMARK_AXIS (ep_figure_landmark_axis_get_type ())
GType ep_figure_landmark_axis_get_type (void);

#define EP_TYPE_FIGURE_KIND    (ep_figure_kind_get_type ())
#define EP_TYPE_FIGURE_OUTCOME (ep_figure_outcome_get_type ())
#define EP_TYPE_PLOT_CI        (ep_plot_ci_get_type ())
#define EP_TYPE_PLOT_LEGEND    (ep_plot_legend_get_type ())
#define EP_TYPE_PLOT_TIME_UNIT (ep_plot_time_unit_get_type ())
#define EP_TYPE_PLOT_PALETTE   (ep_plot_palette_get_type ())
#define EP_TYPE_PLOT_LANGUAGE  (ep_plot_language_get_type ())
#define EP_TYPE_PLOT_DECIMAL_MARK (ep_plot_decimal_mark_get_type ())
GType ep_figure_kind_get_type    (void);
GType ep_figure_outcome_get_type (void);
GType ep_plot_ci_get_type        (void);
GType ep_plot_legend_get_type    (void);
GType ep_plot_time_unit_get_type (void);
GType ep_plot_palette_get_type   (void);
GType ep_plot_language_get_type  (void);
GType ep_plot_decimal_mark_get_type (void);

#define EP_TYPE_FIGURE (ep_figure_get_type ())
G_DECLARE_FINAL_TYPE (EpFigure, ep_figure, EP, FIGURE, GObject)

GQuark        ep_figure_error_quark       (void);

/* Kaplan-Meier curves of a cohort: the endpoint's times and events (an EpCohortEndpoint of the
 * cohort, by name), one curve per value of group_column (NULL: one curve). */
EpFigure     *ep_figure_new_km            (EpCohort            *cohort,
                                           const char          *endpoint,
                                           const char          *group_column,
                                           GError             **error);
/* The same from a time column and an event column (numbers, 1 = event, 0 = censored; another
 * value is an error naming the row), as endpoint-cli km --time --event --group. */
EpFigure     *ep_figure_new_km_columns    (EpCohort            *cohort,
                                           const char          *time_column,
                                           const char          *event_column,
                                           const char          *group_column,
                                           GError             **error);
/* Cumulative incidence: status_column 0 = censored, 1, 2, … the cause (endpoint-cli cif). */
EpFigure     *ep_figure_new_cif           (EpCohort            *cohort,
                                           const char          *time_column,
                                           const char          *status_column,
                                           const char          *group_column,
                                           GError             **error);
/* A Cox model's hazard ratios: number columns are numeric terms, other columns factors
 * (treatment coding, terms "column=level"), as endpoint-cli cox --covariates --factors. */
EpFigure     *ep_figure_new_cox_table     (EpCohort            *cohort,
                                           const char          *time_column,
                                           const char          *event_column,
                                           const char * const  *covariates,
                                           GError             **error);
/* Ratios (HR, OR, RR) with their 95% CIs from three number columns, pooled on the log scale;
 * label_column names the studies, subgroup_column (may be NULL) groups them. */
EpFigure     *ep_figure_new_forest_ratios (EpCohort            *cohort,
                                           const char          *label_column,
                                           const char          *ratio_column,
                                           const char          *lower_column,
                                           const char          *upper_column,
                                           const char          *subgroup_column,
                                           GError             **error);
/* Catalog arms pooled by class (DerSimonian-Laird, logit; metafor's rma as endpoint-cli meta
 * --subgroup): arms not reporting the outcome or their n are left out (ep_figure_get_notes()
 * says which). The arms are copied. */
EpFigure     *ep_figure_new_forest_arms   (const EpMetaArm     *arms,
                                           guint                n_arms,
                                           EpFigureOutcome      outcome,
                                           GError             **error);
/* ep_figure_new_km_columns() on a CSV (or any file ep_import_file() reads), opened into a
 * cohort; errors name the file, line and column. */
EpFigure     *ep_figure_new_km_from_file  (const char          *path,
                                           const char          *time_column,
                                           const char          *event_column,
                                           const char          *group_column,
                                           GError             **error);
/* ep_figure_new_km_columns() on a cohort that was read from path: errors name the file's line
 * rather than the row. */
EpFigure     *ep_figure_new_km_columns_of_file (EpCohort       *cohort,
                                           const char          *path,
                                           const char          *time_column,
                                           const char          *event_column,
                                           const char          *group_column,
                                           GError             **error);

/* A view of an analysis (the live graph, docs/projects.md): Kaplan-Meier curves of a survival
 * analysis, cumulative incidence of a competing-risks analysis, the hazard ratios of a Cox
 * analysis. It draws the analysis's current result (which may be none yet) and follows it:
 * when the analysis has a new result the figure reads it and emits ::changed; while the
 * analysis is stale, ep_figure_is_outdated() says so and ep_figure_export() refuses. */
EpFigure     *ep_figure_new_for_analysis  (EpAnalysis          *analysis,
                                           GError             **error);
/* The Simon-Makuch curves of a landmark analysis (issue 16): Kaplan-Meier curves on the
 * follow-up split at the response, patients moving from the "no response (yet)" curve to the
 * "responded" curve when they respond (R: survfit (Surv (tstart, tstop, death) ~ state) on
 * tmerge's rows); the numbers at risk are the counting-process risk sets. A Kaplan-Meier
 * figure that follows the analysis like ep_figure_new_for_analysis(); an error when the
 * analysis is not a landmark analysis. */
EpFigure     *ep_figure_new_simon_makuch  (EpAnalysis          *analysis,
                                           GError             **error);
/* TRUE for the Kaplan-Meier figure of a landmark analysis (not its Simon-Makuch curves): the
 * landmark-axis option applies. */
gboolean      ep_figure_is_landmark       (EpFigure            *self);
/* TRUE for a figure made by ep_figure_new_simon_makuch(). */
gboolean      ep_figure_is_simon_makuch   (EpFigure            *self);
/* The analysis a figure shows, or NULL. */
EpAnalysis   *ep_figure_get_analysis      (EpFigure            *self);
/* FALSE when there is nothing to draw (an analysis that has no result yet). */
gboolean      ep_figure_has_data          (EpFigure            *self);
/* TRUE while the analysis it shows is being brought up to date with its data. */
gboolean      ep_figure_is_outdated       (EpFigure            *self);

EpFigureKind  ep_figure_get_kind          (EpFigure            *self);
/* The figure's title, or NULL. */
const char   *ep_figure_get_title         (EpFigure            *self);
void          ep_figure_set_title         (EpFigure            *self,
                                           const char          *title);
/* The title, or the kind's name ("Kaplan-Meier Curves") when there is none. */
const char   *ep_figure_get_display_name  (EpFigure            *self);
/* A short description of the data ("aml.csv: time, status by x"), for the list of figures. */
const char   *ep_figure_get_subtitle      (EpFigure            *self);
/* The cohort the data come from, or NULL (arms). */
EpCohort     *ep_figure_get_cohort        (EpFigure            *self);
/* The file the cohort was read from, or NULL. */
const char   *ep_figure_get_path          (EpFigure            *self);
/* A published arm beside a Kaplan-Meier figure's own curves (issue 17): its patients (times,
 * 1 event / 0 censored, e.g. reconstructed from a published figure) are fitted and drawn dashed,
 * labelled `label` (which should say where they come from); note, when not NULL, is added to
 * the figure's notes (the caveat that reconstructed data are approximate). Replaces any
 * overlay; n = 0 removes it. FALSE with an error for times or codes that cannot be fitted.
 * `unit` is the times' unit: the figure keeps the times and draws them in its data unit
 * ("data-unit"; days when that is unspecified and the axis has a unit, as ep-km-plot.h reads
 * the data), converting again whenever the data unit changes (a new result of its analysis,
 * the property set); with either unit unspecified they are drawn as they are. */
gboolean      ep_figure_set_overlay       (EpFigure            *self,
                                           const double        *time,
                                           const int           *status,
                                           gsize                n,
                                           EpPlotTimeUnit       unit,
                                           const char          *label,
                                           const char          *note,
                                           GError             **error);
/* A sentence about the figure's data itself, kept among its notes until replaced (NULL: none):
 * the project sets the caveat of reconstructed data on a figure of a reconstructed cohort. */
void          ep_figure_set_data_note     (EpFigure            *self,
                                           const char          *note);
/* Sentences for the user: rows dropped for missing values, arms left out, warnings of the
 * pooling. Never NULL. */
const char * const *ep_figure_get_notes   (EpFigure            *self);

/* The style, owned by the figure; change it through the properties. */
const EpPlotStyle *ep_figure_get_style    (EpFigure            *self);
/* Width / height of the figure (its mm size). */
double        ep_figure_get_aspect_ratio  (EpFigure            *self);

/* Draws the figure into (0, 0, width, height) points of cr; layout may be NULL. */
void          ep_figure_render            (EpFigure            *self,
                                           cairo_t             *cr,
                                           double               width,
                                           double               height,
                                           EpPlotLayout        *layout);
/* Renders at the style's size in points (width_mm, height_mm) into a fresh layout. */
EpPlotLayout *ep_figure_layout            (EpFigure            *self);
/* Writes the figure at its size and dpi (ep_plot_export()). */
gboolean      ep_figure_export            (EpFigure            *self,
                                           const char          *path,
                                           EpPlotFormat         format,
                                           GError             **error);
/* The forest plot of a forest or Cox figure (its rows as built; NULL for survival figures). */
const EpForestPlot *ep_figure_get_forest (EpFigure            *self);
/* The number of forest rows of a kind (0 for survival figures). */
guint         ep_figure_count_forest_rows (EpFigure            *self,
                                           EpForestRowKind      kind);

/* {"kind": "km", "options": {"title": …, "ci": "bands", "width-mm": 85, …}} */
JsonNode     *ep_figure_to_json           (EpFigure            *self);
/* Applies the options of a to_json() object (the kind must match; unknown or missing options
 * are left as they are; a value of the wrong type is an error and nothing is changed). */
gboolean      ep_figure_load_json         (EpFigure            *self,
                                           JsonNode            *node,
                                           GError             **error);

G_END_DECLS
