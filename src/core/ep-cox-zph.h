/* ep-cox-zph.h: the test of proportional hazards of a Cox model (cox.zph)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "core/ep-cox.h"

G_BEGIN_DECLS

#define EP_COX_ZPH_ERROR (ep_cox_zph_error_quark ())

typedef enum
{
  EP_COX_ZPH_ERROR_INPUT,      /* sizes or codes that do not fit the model */
  EP_COX_ZPH_ERROR_SINGULAR,   /* a coefficient of the fit is not identified, or a singular
                                * information matrix */
} EpCoxZphError;

/* The time scale g(t) on which the coefficient may drift (cox.zph's transform). */
typedef enum
{
  EP_COX_ZPH_KM,          /* "km": 1 - S(t-) of the pooled Kaplan-Meier curve (R's default) */
  EP_COX_ZPH_RANK,        /* "rank": rank of the time among all observations */
  EP_COX_ZPH_IDENTITY,    /* "identity": t */
  EP_COX_ZPH_LOG,         /* "log": log t */
} EpCoxZphTransform;

typedef struct
{
  EpCoxZphTransform  transform;
  guint              n_terms;
  double            *chisq;         /* n_terms score tests */
  guint             *df;            /* columns of each term */
  double            *p;
  double             global_chisq;  /* all columns at once */
  guint              global_df;
  double             global_p;

  /* For the plot of beta(t): one row per event, ordered by (stratum, time) as cox.zph's. */
  gsize              n_events;
  double            *time;          /* n_events event times */
  double            *x;             /* n_events transformed times g(t) */
  guint             *stratum;       /* n_events stratum codes */
  double            *y;             /* n_events x n_terms row-major: scaled Schoenfeld residual
                                     * + coefficient, i.e. an estimate of beta(t); NaN for a
                                     * term constant within the event's stratum */
  double            *var;           /* n_terms x n_terms: solve (vmean), for smooth CIs */
} EpCoxZph;

GQuark       ep_cox_zph_error_quark    (void);

gboolean     ep_cox_zph_transform_from_string (const char        *name,
                                               EpCoxZphTransform *transform);
const char  *ep_cox_zph_transform_to_string   (EpCoxZphTransform  transform);

/* ep_cox_zph: the score test that each coefficient of a fitted Cox model is constant in time,
 * and the scaled Schoenfeld residuals (Grambsch & Therneau, Biometrika 1994; Therneau &
 * Grambsch 2000, ch. 6), as R survival 3.5's cox.zph (fit, transform, terms = TRUE,
 * global = TRUE) and its C routines zph1 (right-censored) and zph2 ((start, stop]).
 *
 * Input:   n, start, stop, status, x, p, strata, n_strata: the data ep_cox_fit() was given
 *          weights  the fit's case weights, or NULL (they weight the risk sets and the
 *                   events as in the fit; g(t), its mean and the event counts stay unweighted,
 *                   as cox.zph)
 *          fit      that fit (every coefficient identified)
 *          ties     the fit's tie method
 *          timefix  the fit's options->timefix (the same times must be used)
 *          term     p term indices in [0, n_terms), non-decreasing (the columns of a factor
 *                   share one term); NULL: each column its own term (n_terms = p)
 *          n_terms  number of terms
 *          transform  the time scale g
 * Output:  a result (free with ep_cox_zph_free()), or NULL with error set.
 *
 * Method:  g(t) is computed for every observation at its stop time, then centred by its mean
 *          over the events. The model is extended by the p covariates x g(t); at (beta, 0),
 *          beta the fitted coefficients, the score of the extension is
 *            u2 = sum_events g(t_i) (x_i - xbar(t_i))
 *          and the 2p x 2p information has the blocks sum V, sum g V, sum g^2 V, with the
 *          risk-set weighted mean xbar and variance V of the fit (Breslow, or Efron with the
 *          tied deaths entering in fractions 1/d, …, d/d). The score for beta itself is 0.
 *          Term test: u restricted to (beta, that term's extension) solved against the same
 *          block of the information, df = the term's columns; global: all 2p.
 *          Schoenfeld residual r_i = x_i - xbar(t_i) (Efron: xbar averaged over the d
 *          fractions). With used[h][j] = the events of stratum h when column j varies within
 *          stratum h, else 0, vmean = I_11 / sum_h min (used[h][j], used[h][k]); a factor of
 *          several columns is collapsed to one column r' beta_j (its linear predictor) with
 *          vmean' = T' vmean T; the scaled residual is vmean^-1 r (per stratum, on the terms
 *          that vary there) plus the coefficient (plus 1 for a collapsed factor).
 *          The Kaplan-Meier curve of "km" is the pooled one (all strata together, with
 *          delayed entry for (start, stop] data), left-continuous: 1 - S(t-).
 * Order:   events by (stratum, time); tied events in input order for right-censored data and
 *          in reverse input order for (start, stop] data, as cox.zph's rows.
 * Cost:    O(n D p^2) for D distinct event times: each risk set is summed afresh.
 * Not done: penalised terms, tt() terms. */
EpCoxZph    *ep_cox_zph                (gsize               n,
                                        const double       *start,
                                        const double       *stop,
                                        const int          *status,
                                        const double       *x,
                                        guint               p,
                                        const guint        *strata,
                                        guint               n_strata,
                                        const double       *weights,
                                        const EpCoxFit     *fit,
                                        EpCoxTies           ties,
                                        gboolean            timefix,
                                        const guint        *term,
                                        guint               n_terms,
                                        EpCoxZphTransform   transform,
                                        GError            **error);

void         ep_cox_zph_free           (EpCoxZph           *zph);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpCoxZph, ep_cox_zph_free)

G_END_DECLS
