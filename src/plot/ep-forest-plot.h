/* ep-forest-plot.h: forest plots of pooled proportions, ratios and Cox models
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A forest plot is a list of rows drawn in aligned columns: label | events/N (or other detail) |
 * the estimate and its CI on a common axis | estimate [95% CI] as text | weight | p. A study
 * row draws a square whose area is proportional to its weight and whiskers for its CI (with an
 * arrow where the CI leaves the axis); a pooled row draws a diamond spanning its CI; heading
 * and note rows are text (a subgroup's name, the heterogeneity line).
 *
 * Build one from a meta-analysis (ep_forest_plot_new_from_meta) or a Cox model
 * (ep_forest_plot_new_from_cox), or row by row, then set the headers and labels, render with
 * ep_forest_plot_render() and free with ep_forest_plot_free().
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "core/ep-cox.h"
#include "core/ep-meta.h"
#include "plot/ep-plot-layout.h"
#include "plot/ep-plot-phrase.h"
#include "plot/ep-plot-style.h"

G_BEGIN_DECLS

typedef enum
{
  EP_FOREST_SCALE_PROPORTION,  /* 0..1, written and labelled in percent */
  EP_FOREST_SCALE_RATIO,       /* log axis (HR, OR, RR) */
  EP_FOREST_SCALE_LINEAR,      /* any other effect, linear axis */
} EpForestScale;

typedef enum
{
  EP_FOREST_ROW_HEADING,       /* a subgroup's name, bold */
  EP_FOREST_ROW_STUDY,         /* a square sized by weight, whiskers for the CI */
  EP_FOREST_ROW_POOLED,        /* a diamond from lower to upper */
  EP_FOREST_ROW_NOTE,          /* a line of small text: heterogeneity, a test */
  EP_FOREST_ROW_SPACE,         /* an empty half row */
} EpForestRowKind;

/* How a row's label is made when the figure is drawn, in the figure's language and decimal
 * mark (docs/plots.md "Figure language and decimal mark"). */
typedef enum
{
  EP_FOREST_TEXT_AS_IS,             /* label as it is (a study, a level: the user's text) */
  EP_FOREST_TEXT_REFERENCE,         /* "<label> (ref)" */
  EP_FOREST_TEXT_SUBTOTAL,          /* "Subtotal, <model> (k = <count>)" */
  EP_FOREST_TEXT_OVERALL,           /* "Overall, <model> (k = <count>)" */
  EP_FOREST_TEXT_HETEROGENEITY_FE,  /* I² = values[0], Q = values[2] (df = count), p = values[3] */
  EP_FOREST_TEXT_HETEROGENEITY_RE,  /* as FE with τ² = values[1] */
  EP_FOREST_TEXT_HETEROGENEITY_LRT, /* as RE, the test a likelihood ratio (GLMM) */
  EP_FOREST_TEXT_SUBGROUP_TEST,     /* Q = values[2] (df = count), p = values[3] */
  EP_FOREST_TEXT_PHRASE,            /* phrase (any other note: "Method: …", "Pooled (k = 3)") */
} EpForestText;

/* How the rows' p (has_p) are written: the figure's rule (ep_plot_format_p(): "< 0.001",
 * three decimals below 0.1, two above, "> 0.99") or the result table's (ep_analysis_format_p():
 * "<0.001", else three decimals), so that a figure of a table shows the table's digits. */
typedef enum
{
  EP_FOREST_P_FIGURE,
  EP_FOREST_P_TABLE,
} EpForestPRule;

typedef struct
{
  EpForestRowKind  kind;
  char            *label;
  char            *detail;     /* the second column ("25/36"); NULL: empty */
  double           estimate;   /* data scale (a proportion, a ratio); NaN: no marker */
  double           lower;
  double           upper;
  double           weight;     /* percent; NaN: none (squares then take the median size) */
  char            *extra;      /* the last column ("0.003"); NULL: empty */
  guint            group;      /* colour index: the subgroup; G_MAXUINT: black (overall) */
  char            *text;       /* replaces the estimate [CI] text ("1 (reference)"); NULL: none */
  /* The second estimate of the row (a Cox table's univariable HR beside the multivariable
   * one), drawn in the second panel when the plot has two (n_panels); NaN: no marker. */
  double           estimate_b;
  double           lower_b;
  double           upper_b;
  char            *extra_b;    /* its last column ("0.121"); NULL: empty */
  char            *text_b;     /* as text, for the second estimate */
  /* Made when drawn, in the figure's language and decimal mark (all zero: the strings above
   * as they are). */
  EpForestText     label_text;  /* how the label is made */
  double           values[4];   /* its numbers (EpForestText) */
  guint            count;       /* its df or k */
  const char      *model;       /* its model, an N_() msgid ("random effects"); static */
  gboolean         msgids;      /* text, text_b, extra, extra_b are N_() msgids */
  gboolean         has_p;       /* extra is this p-value, written by the plot's p_rule */
  double           p;
  gboolean         has_p_b;     /* extra_b is this p-value */
  double           p_b;
  EpPlotPhrase    *phrase;      /* EP_FOREST_TEXT_PHRASE: the label (owned) */
  EpPlotPhrase    *detail_phrase; /* replaces detail when not NULL (owned): "92/271 vs 20/124" */
} EpForestRow;

typedef struct
{
  EpForestScale  scale;
  GArray        *rows;            /* EpForestRow */
  char          *label_header;    /* "Study"; headers and x_label are drawn through
                                   * ep_plot_gettext(): an N_() msgid is written in the
                                   * figure's language, other text as it is */
  char          *detail_header;   /* "Events/N"; NULL: no such column */
  char          *estimate_header; /* "Proportion, % (95% CI)" */
  char          *weight_header;   /* "Weight"; NULL: no weight column */
  char          *extra_header;    /* "p"; NULL: no such column */
  char          *x_label;         /* under the axis; NULL: none */
  char          *favours_left;    /* under the axis, left of the null line; NULL: none */
  char          *favours_right;
  double         null_value;      /* the line of no effect; NaN: none (proportions) */
  double         x_min;           /* axis limits, data scale; NaN: automatic */
  double         x_max;
  int            decimals;        /* of the estimate text; -1: 1 for percent, 2 otherwise */
  /* Two panels (seed 002's Table 3: univariable and multivariable HRs side by side): each
   * panel is plot | estimate [CI] | extra on one common axis, under its panel header; the
   * rows' second estimates (estimate_b, …) go in the second one, or in the first (left) one
   * when b_first. Default 1: the rows' estimates only. The weight column is not drawn with
   * two panels. */
  guint          n_panels;
  gboolean       b_first;
  char          *panel_header;    /* over the panel of the estimates; NULL: none */
  char          *panel_header_b;  /* over the panel of the second estimates */
  EpForestPRule  p_rule;          /* how the rows' p are written; default the figure's rule */
  /* Headers made when drawn (owned; NULL: the strings above): "Odds ratio (90% CI)". */
  EpPlotPhrase  *estimate_header_phrase;
  EpPlotPhrase  *x_label_phrase;
} EpForestPlot;

EpForestPlot *ep_forest_plot_new           (EpForestScale        scale);
void          ep_forest_plot_free          (EpForestPlot        *plot);

/* Appends a row (strings copied, may be NULL) and returns it. */
EpForestRow  *ep_forest_plot_add_row       (EpForestPlot        *plot,
                                            EpForestRowKind      kind,
                                            const char          *label,
                                            const char          *detail,
                                            double               estimate,
                                            double               lower,
                                            double               upper,
                                            double               weight);

/* The studies and pooled estimates of a meta-analysis, random-effects model (metafor's rma with
 * the result's method): per subgroup a heading, its studies in input order, its pooled diamond
 * and heterogeneity (I², τ², Q test p); then the overall diamond, its heterogeneity and the test
 * for subgroup differences. Weights are the overall random-effects weights in percent.
 * labels: result->k study names; subgroup: the k subgroup codes given to ep_meta_pool() and
 * subgroup_labels their result->n_subgroups names (both NULL without subgroups); events,
 * total: the counts for the detail column (NULL: none, e.g. ratios). */
EpForestPlot *ep_forest_plot_new_from_meta (const EpMetaResult  *result,
                                            const char * const  *labels,
                                            const guint         *subgroup,
                                            const char * const  *subgroup_labels,
                                            const guint         *events,
                                            const guint         *total);

/* A Cox model as a hazard-ratio table: one row per term (term_names, fit->p of them, e.g.
 * "sex=2"), HR [95% CI] and the Wald p; a term that cannot be estimated says so. */
EpForestPlot *ep_forest_plot_new_from_cox  (const EpCoxFit      *fit,
                                            const char * const  *term_names);

/* Appends a note row whose text is phrase (consumed) and returns it. */
EpForestRow  *ep_forest_plot_add_phrase    (EpForestPlot        *plot,
                                            EpPlotPhrase        *phrase);

/* The row's label as drawn in style's language and decimal mark (style NULL: English, dots):
 * "Overall, random effects (k = 6)", "Male (ref)", a study's name as it is. */
char         *ep_forest_row_label          (const EpForestRow   *row,
                                            const EpPlotStyle   *style);

/* The row's last column of set (0, or 1: the second estimate's) as drawn: its p written by
 * plot->p_rule in style's decimal mark, a msgid in style's language; NULL: empty. */
char         *ep_forest_row_extra          (const EpForestPlot  *plot,
                                            const EpForestRow   *row,
                                            guint                set,
                                            const EpPlotStyle   *style);

/* The height in points at which the rows of plot, drawn width points wide, take their
 * natural spacing (1.3 lines each) with nothing blank under them: the figure's height that
 * fits its rows. */
double        ep_forest_plot_fit_height    (const EpForestPlot  *plot,
                                            const EpPlotStyle   *style,
                                            double               width);

/* Counts of the rows of a kind. */
guint         ep_forest_plot_count_rows    (const EpForestPlot  *plot,
                                            EpForestRowKind      kind);

/* ep_forest_plot_render: draws the plot into (0, 0, width, height) points of cr. layout gets a
 * FOREST_ROW item per row (col: the row's kind, y: its centre), a FOREST_SQUARE per study
 * square, a FOREST_DIAMOND per pooled row, a FOREST_ARROW per clipped whisker end, the
 * NULL_LINE and the X_TICKs. Rows are spaced evenly: a tall figure spreads them, a short one
 * packs them down to the font's line height (below that the text would overlap, and the rows
 * run off the bottom). */
/* How many lines the notes take when wrapped to a figure width_pt wide at font_size (an
 * estimate for sizing the figure; the renderer wraps them exactly). */
guint         ep_forest_plot_note_lines    (const EpForestPlot  *plot,
                                            double               width_pt,
                                            double               font_size);
void          ep_forest_plot_render        (cairo_t             *cr,
                                            double               width,
                                            double               height,
                                            const EpForestPlot  *plot,
                                            const EpPlotStyle   *style,
                                            EpPlotLayout        *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpForestPlot, ep_forest_plot_free)

G_END_DECLS
