/* ep-meta-binary.h: two-arm binary outcomes: odds ratio, risk ratio and risk difference, by
 * inverse variance (escalc + rma.uni), Mantel-Haenszel (rma.mh) and Peto (rma.peto)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers agree with R metafor 3.8-1: see tests/data/reference/make_synthesis.R.
 * Each study is a 2 x 2 table: arm 1 (experimental) with a_i events of n1_i patients, arm 2
 * (control) with c_i events of n2_i; b_i = n1_i - a_i, d_i = n2_i - c_i.
 */
#pragma once

#include <glib.h>

#include "core/ep-meta.h"

G_BEGIN_DECLS

typedef enum
{
  EP_META_BINARY_OR,     /* log odds ratio, reported as OR */
  EP_META_BINARY_RR,     /* log risk ratio, reported as RR */
  EP_META_BINARY_RD,     /* risk difference, on its own scale */
} EpMetaBinaryMeasure;

/* ep_meta_binary_effects: each study's effect size and sampling variance, as metafor's
 * escalc (measure = "OR" | "RR" | "RD" | "PETO", ai, bi, ci, di, add = 1/2, to = "only0",
 * drop00 =).
 * Continuity correction (to = "only0"): a table with a zero cell (a, b, c or d = 0) gets 0.5
 *   added to all four cells before yi and vi are computed (for RD too, as escalc does);
 *   corrected[i] says so. drop00: a table with no event in either arm, or only events in both,
 *   gets no effect (yi = vi = NaN), as rma.mh and rma.peto ask of escalc (drop00 = TRUE);
 *   rma.uni's default keeps them (drop00 = FALSE) and corrects them.
 * With p1 = a / n1, p2 = c / n2 after correction:
 *   OR  yi = log (a d / (b c)),     vi = 1/a + 1/b + 1/c + 1/d
 *   RR  yi = log (p1 / p2),         vi = 1/a - 1/n1 + 1/c - 1/n2
 *   RD  yi = p1 - p2,               vi = p1 (1 - p1) / n1 + p2 (1 - p2) / n2   (vtype = "LS")
 *   peto (Peto's one-step log OR, used by ep_meta_peto): with N = n1 + n2, m1 = a + c,
 *       m2 = b + d, E = m1 n1 / N, V = m1 m2 n1 n2 / (N^2 (N - 1)): yi = (a - E) / V, vi = 1 / V
 * Errors: EP_META_ERROR_INVALID for a > n1, c > n2 or an empty arm, naming the study (1-based). */
gboolean   ep_meta_binary_effects  (const guint          *a,
                                    const guint          *n1,
                                    const guint          *c,
                                    const guint          *n2,
                                    guint                 k,
                                    EpMetaBinaryMeasure   measure,
                                    gboolean              peto,
                                    gboolean              drop00,
                                    double               *yi,
                                    double               *vi,
                                    gboolean             *corrected,
                                    GError              **error);

/* A fixed-effect pooled estimate by Mantel-Haenszel or Peto, with its heterogeneity. */
typedef struct
{
  EpMetaBinaryMeasure measure;
  gboolean  peto;
  double    level;
  guint     k;            /* tables */
  double    beta;         /* pooled log OR / log RR / RD */
  double    se;
  double    ci_lb;
  double    ci_ub;
  double    z;
  double    p_value;
  double    estimate;     /* exp (beta) for OR and RR, beta for RD */
  double    lower;
  double    upper;
  double    q;            /* heterogeneity, see below */
  guint     q_df;
  double    q_p;
  double    i2;           /* max (0, 100 (Q - df) / Q) */
  double    h2;           /* Q / df */
  double    cmh;          /* MH odds ratio only: Cochran-Mantel-Haenszel chi^2 (with the 0.5
                           * continuity correction, rma.mh's correct = TRUE); NaN otherwise */
  double    cmh_p;
  double   *yi;           /* [k] escalc effects (drop00), NaN for dropped tables */
  double   *vi;
  double   *weight;       /* [k] percent: MH weights (OR: b c / N, RR: c n1 / N,
                           * RD: n1 n2 / N) or Peto's V, as weights (rma.mh / rma.peto) */
  gboolean *corrected;
} EpMetaFixedResult;

/* ep_meta_mh: the Mantel-Haenszel estimate, as rma.mh (measure =, ai, bi, ci, di) with its
 * defaults (add = c(1/2, 0), to = "only0", drop00 = c(TRUE, FALSE), correct = TRUE):
 *   the pooled estimate uses the counts as they are (no correction):
 *   OR  R = sum a d / N, S = sum b c / N, OR = R / S; se of log OR by Robins, Breslow and
 *       Greenland (1986): se^2 = 1/2 (sum P R_i / R^2 + sum (P S_i + Q R_i) / (R S) + sum Q S_i / S^2)
 *       with P = (a + d) / N, Q = (b + c) / N, R_i = a d / N, S_i = b c / N.
 *   RR  R = sum a n2 / N, S = sum c n1 / N; se^2 = sum (n1 n2 (a + c) / N^2 - a c / N) / (R S)
 *       (Greenland and Robins 1985).
 *   RD  beta = sum (a n2 - c n1) / N / sum n1 n2 / N; se by Sato, Greenland and Robins (1989),
 *       as rma.mh codes it.
 *   CI beta -+ z se, z test.
 *   Heterogeneity (inverse variance): Q = sum (yi - beta)^2 / vi over the tables with an effect
 *   (escalc with drop00 = TRUE and the 0.5 correction), df = k_yi - 1.
 * Errors: EP_META_ERROR_INVALID when the estimate is undefined (OR: R or S = 0; RR: no events
 *   in one arm overall) or for invalid counts. */
EpMetaFixedResult *ep_meta_mh      (const guint          *a,
                                    const guint          *n1,
                                    const guint          *c,
                                    const guint          *n2,
                                    guint                 k,
                                    EpMetaBinaryMeasure   measure,
                                    double                level,
                                    GError              **error);

/* ep_meta_peto: Peto's one-step odds ratio, as rma.peto (ai, bi, ci, di):
 *   log OR = sum (a - E) / sum V, se = 1 / sqrt (sum V) (E, V as in ep_meta_binary_effects, from
 *   the counts as they are); Q = sum (a - E)^2 / V - (sum (a - E))^2 / sum V over tables with
 *   V > 0, df = k_yi - 1 (tables with an effect). Errors: sum V = 0 (one outcome never occurs). */
EpMetaFixedResult *ep_meta_peto    (const guint          *a,
                                    const guint          *n1,
                                    const guint          *c,
                                    const guint          *n2,
                                    guint                 k,
                                    double                level,
                                    GError              **error);

/* ep_meta_binary_study_ci: one table's effect with its Wald interval, back on the measure's
 * scale: RD yi -+ z sqrt (vi); OR and RR exp (yi), exp (yi -+ z sqrt (vi)); z the normal
 * quantile of (1 + level) / 2 (escalc + summary, as metafor's forest shows each study). FALSE
 * when the table has no effect (yi or vi not finite). */
gboolean   ep_meta_binary_study_ci (EpMetaBinaryMeasure  measure,
                                    double               yi,
                                    double               vi,
                                    double               level,
                                    double              *estimate,
                                    double              *lower,
                                    double              *upper);

void       ep_meta_fixed_result_free (EpMetaFixedResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpMetaFixedResult, ep_meta_fixed_result_free)

G_END_DECLS
