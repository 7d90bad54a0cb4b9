/* ep-figure-private.h: what the files of EpFigure share
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ep-figure.c holds the object: its properties, rendering, JSON and accessors;
 * ep-figure-new.c holds the constructors, which resolve the data and compute the fits shown.
 */
#pragma once

#include "core/ep-cif.h"
#include "core/ep-cox.h"
#include "core/ep-design.h"
#include "core/ep-km.h"
#include "core/ep-levels.h"
#include "core/ep-logrank.h"
#include "core/ep-meta.h"
#include "model/ep-analysis.h"
#include "model/ep-figure.h"
#include "plot/ep-cif-plot.h"
#include "plot/ep-plot-phrase.h"

G_BEGIN_DECLS

struct _EpFigure
{
  GObject             parent_instance;

  EpFigureKind        kind;
  EpTimePlotOptions   options;     /* survival figures */
  gboolean            show_stats;  /* log-rank p and HR, or Gray's p */
  gboolean            univariable; /* Cox: the univariable panel too */
  gboolean            group_hr;    /* KM, three or more groups: each group's HR vs the reference */
  EpPlotStyle         style;

  char               *subtitle;
  EpCohort           *cohort;
  char               *path;
  GPtrArray          *notes;       /* char *, NULL-terminated */

  /* KM and CIF */
  EpLevels           *levels;      /* NULL: one group */
  EpKmResult         *km;          /* KM: the fit; CIF: the all-cause fit for the numbers at risk */
  double              logrank_p;
  double              hr;
  double              hr_lower;
  double              hr_upper;
  char               *hr_label;
  EpCifResult        *cif;
  EpGrayResult       *gray;
  GStrv               cause_labels;  /* CIF: the causes' display labels (owned), or NULL;
                                      * an empty one: "Cause <code>" in the figure's language */

  /* A view of an analysis: levels, km, cif and gray above are the analysis's (borrowed, not
   * freed here) and are read again on its ::results-changed. */
  EpAnalysis         *analysis;
  gulong              results_changed_id;
  gulong              state_id;
  gboolean            borrowed;

  /* KM: published arms set beside the curves (ep_figure_set_overlay) */
  EpKmResult         *overlay;         /* fitted in overlay_fit_unit */
  double             *overlay_time;    /* the patients as given, in overlay_unit */
  int                *overlay_status;
  gsize               overlay_n;
  EpPlotTimeUnit      overlay_unit;
  EpPlotTimeUnit      overlay_fit_unit;
  GPtrArray          *overlay_labels;  /* char *, NULL-terminated */
  char               *overlay_note;
  char               *data_note;       /* about the figure's own data (reconstructed patients) */
  GPtrArray          *all_notes;       /* notes, data_note and overlay_note, as
                                        * ep_figure_get_notes() gives */

  /* a landmark analysis (issue 16) */
  EpFigureLandmarkAxis landmark_axis;
  gboolean            landmark_overall;  /* all patients in grey before the landmark */
  gboolean            simon_makuch;    /* the analysis's Simon-Makuch curves */
  EpPlotPhrase       *hr_phrase;     /* replaces hr_label when drawn (Simon-Makuch: the
                                       * Mantel-Byar line in the figure's language) */

  /* forest kinds */
  EpForestPlot       *forest;
  char               *forest_x_label;  /* the default, when x-label is not set */
};

/* ep-figure.c: frees (or forgets, when borrowed) levels, km, cif and gray. */
void _ep_figure_clear_data (EpFigure *self);
/* ep-figure-new.c */
void _ep_figure_emit_changed (EpFigure *self);
/* Sets a forest's height_mm for its rows and its notes wrapped to width_mm (ep-figure-new.c). */
void _ep_figure_fit_forest_height (EpFigure *self);

G_END_DECLS
