/* ep-zph-plot.h: the figure of a proportional-hazards check (R's plot (cox.zph (fit)))
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One panel per term of the model: the scaled Schoenfeld residuals (each an estimate of the
 * coefficient at an event time, beta(t)) as points against the Kaplan-Meier time scale, a
 * smooth of them with a band of +- 2 standard errors (ep-smooth.h), a dashed line at the
 * fitted coefficient (what a constant effect would give) and a dotted line at 0 (no effect).
 * The x axis is labelled with the event times at its ticks; each panel's title gives the term
 * and the p of its test. Panels are laid out in a grid (up to three across).
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "core/ep-cox-zph.h"
#include "plot/ep-plot-layout.h"
#include "plot/ep-plot-style.h"

G_BEGIN_DECLS

typedef struct
{
  const EpCoxZph      *zph;
  const char * const  *terms;   /* zph->n_terms names */
  const double        *coef;    /* zph->n_terms fitted coefficients (NaN: no line); NULL: none */
  const char          *time_unit; /* for the x label; NULL or "": "Time" */
} EpZphPlot;

/* Draws the figure into (0, 0, width, height) of cr's user space, in points. */
void ep_zph_plot_render (cairo_t           *cr,
                         double             width,
                         double             height,
                         const EpZphPlot   *plot,
                         const EpPlotStyle *style,
                         EpPlotLayout      *layout);

G_END_DECLS
