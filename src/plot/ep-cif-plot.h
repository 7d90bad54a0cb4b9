/* ep-cif-plot.h: the cumulative incidence figure (competing risks)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Aalen-Johansen curves from an EpCifResult (cmprsk's cuminc), one per group and cause shown:
 * the group gives the colour, the cause the line (solid, dashed, dotted); with one group, the
 * cause gives the colour. The same table of numbers at risk as the Kaplan-Meier figure, from the
 * all-cause Kaplan-Meier fit of the same data (at risk = still in follow-up and free of every
 * event), and Gray's test p per cause.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "core/ep-cif.h"
#include "core/ep-km.h"
#include "plot/ep-km-plot.h"
#include "plot/ep-plot-layout.h"
#include "plot/ep-plot-style.h"

G_BEGIN_DECLS

typedef struct
{
  const EpCifResult   *fit;
  const EpKmResult    *at_risk;       /* NULL: no table; the all-cause KM fit (status != 0 as the
                                       * event) with the same groups, for the numbers at risk */
  const EpGrayResult  *gray;          /* NULL: no p values */
  const char * const  *group_labels;  /* fit->n_groups names; NULL: "Group 1", … */
  const char * const  *cause_labels;  /* fit->n_causes names; NULL: "Cause 1" (the code) */
  guint64              causes_shown;  /* bit c: show cause index c; 0: every cause */
  double               conf_level;    /* for ci: default 0.95 */
  EpTimePlotOptions    options;       /* ci: bands or lines use the log(-log) transform,
                                       * F^exp (-+ z se / (F log F)) (Choudhury 2002) */
} EpCifPlot;

/* Defaults: no CI, no censoring marks (cuminc keeps none), the y axis up to the next tenth
 * above the highest curve (y_max NaN), legend inside at the top left. */
void   ep_cif_plot_init   (EpCifPlot         *plot,
                           const EpCifResult *fit);

/* ep_cif_plot_render: as ep_km_plot_render(), for cumulative incidence. */
void   ep_cif_plot_render (cairo_t           *cr,
                           double             width,
                           double             height,
                           const EpCifPlot   *plot,
                           const EpPlotStyle *style,
                           EpPlotLayout      *layout);

G_END_DECLS
