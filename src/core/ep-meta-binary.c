/* ep-meta-binary.c: two-arm binary outcomes (escalc, rma.mh, rma.peto)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract is in ep-meta-binary.h.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <gsl/gsl_cdf.h>

#include "core/ep-meta-binary.h"

static gboolean
check_counts (const guint *a,
              const guint *n1,
              const guint *c,
              const guint *n2,
              guint        k,
              GError     **error)
{
  if (k == 0)
    {
      g_set_error_literal (error, EP_META_ERROR, EP_META_ERROR_NO_STUDIES,
                           _("There is no study to pool"));
      return FALSE;
    }
  for (guint i = 0; i < k; i++)
    if (n1[i] == 0 || n2[i] == 0 || a[i] > n1[i] || c[i] > n2[i])
      {
        g_set_error (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                     _("Study %u: %u of %u and %u of %u patients cannot be analysed"),
                     i + 1, a[i], n1[i], c[i], n2[i]);
        return FALSE;
      }

  return TRUE;
}

gboolean
ep_meta_binary_effects (const guint          *a,
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
                        GError              **error)
{
  if (!check_counts (a, n1, c, n2, k, error))
    return FALSE;

  for (guint i = 0; i < k; i++)
    {
      double ai = a[i], bi = (double) n1[i] - a[i], ci = c[i], di = (double) n2[i] - c[i];
      double m1, m2, p1, p2;

      corrected[i] = FALSE;
      if (drop00 && ((ai == 0 && ci == 0) || (bi == 0 && di == 0)))
        {
          yi[i] = vi[i] = NAN;
          continue;
        }
      /* escalc: add = 1/2, to = "only0" */
      if (ai == 0 || bi == 0 || ci == 0 || di == 0)
        {
          ai += 0.5;
          bi += 0.5;
          ci += 0.5;
          di += 0.5;
          corrected[i] = TRUE;
        }
      m1 = ai + bi;
      m2 = ci + di;
      p1 = ai / m1;
      p2 = ci / m2;

      if (peto)
        {
          double n = m1 + m2, xt = ai + ci, yt = bi + di;
          double e = xt * m1 / n;
          double v = xt * yt * (m1 / n) * (m2 / n) / (n - 1.0);

          yi[i] = (ai - e) / v;
          vi[i] = 1.0 / v;
          if (!isfinite (yi[i]) || !isfinite (vi[i]))
            yi[i] = vi[i] = NAN;
          continue;
        }

      switch (measure)
        {
        case EP_META_BINARY_OR:
          yi[i] = log (p1 / (1.0 - p1)) - log (p2 / (1.0 - p2));
          vi[i] = 1.0 / ai + 1.0 / bi + 1.0 / ci + 1.0 / di;
          break;
        case EP_META_BINARY_RR:
          yi[i] = log (p1) - log (p2);
          vi[i] = 1.0 / ai - 1.0 / m1 + 1.0 / ci - 1.0 / m2;
          break;
        case EP_META_BINARY_RD:
        default:
          yi[i] = p1 - p2;
          vi[i] = p1 * (1.0 - p1) / m1 + p2 * (1.0 - p2) / m2;
          break;
        }
    }

  return TRUE;
}

static EpMetaFixedResult *
fixed_result_new (guint               k,
                  EpMetaBinaryMeasure measure,
                  gboolean            peto,
                  double              level)
{
  EpMetaFixedResult *result = g_new0 (EpMetaFixedResult, 1);

  result->k = k;
  result->measure = measure;
  result->peto = peto;
  result->level = level;
  result->yi = g_new0 (double, k);
  result->vi = g_new0 (double, k);
  result->weight = g_new0 (double, k);
  result->corrected = g_new0 (gboolean, k);
  result->cmh = result->cmh_p = NAN;

  return result;
}

/* CI, test and back-transformation of beta and se. */
static void
finish_estimate (EpMetaFixedResult *result)
{
  double z = gsl_cdf_ugaussian_Pinv ((1.0 + result->level) / 2.0);
  gboolean ratio = result->peto || result->measure != EP_META_BINARY_RD;

  result->ci_lb = result->beta - z * result->se;
  result->ci_ub = result->beta + z * result->se;
  result->z = result->beta / result->se;
  result->p_value = 2.0 * gsl_cdf_ugaussian_Q (fabs (result->z));
  result->estimate = ratio ? exp (result->beta) : result->beta;
  result->lower = ratio ? exp (result->ci_lb) : result->ci_lb;
  result->upper = ratio ? exp (result->ci_ub) : result->ci_ub;
}

/* Q, I^2, H^2 from df and Q, as rma.mh and rma.peto. */
static void
finish_heterogeneity (EpMetaFixedResult *result,
                      guint              k_yi)
{
  if (k_yi > 1)
    {
      result->q = MAX (0.0, result->q);
      result->q_df = k_yi - 1;
      result->q_p = gsl_cdf_chisq_Q (result->q, result->q_df);
      result->i2 = result->q > 0.0 ? MAX (0.0, 100.0 * (result->q - result->q_df) / result->q) : 0.0;
      result->h2 = result->q / result->q_df;
    }
  else
    {
      result->q = 0.0;
      result->q_df = 0;
      result->q_p = 1.0;
      result->i2 = 0.0;
      result->h2 = 1.0;
    }
}

EpMetaFixedResult *
ep_meta_mh (const guint          *a,
            const guint          *n1,
            const guint          *c,
            const guint          *n2,
            guint                 k,
            EpMetaBinaryMeasure   measure,
            double                level,
            GError              **error)
{
  g_autoptr(EpMetaFixedResult) result = NULL;
  double sum_w = 0.0;
  guint k_yi = 0;

  g_return_val_if_fail (level > 0.0 && level < 1.0, NULL);

  if (!check_counts (a, n1, c, n2, k, error))
    return NULL;

  result = fixed_result_new (k, measure, FALSE, level);
  if (!ep_meta_binary_effects (a, n1, c, n2, k, measure, FALSE, TRUE, result->yi, result->vi,
                               result->corrected, error))
    return NULL;

  if (measure == EP_META_BINARY_OR)
    {
      double r = 0.0, s = 0.0, pr = 0.0, ps_qr = 0.0, qs = 0.0;
      double cmh_num = 0.0, cmh_den = 0.0, sum_xt = 0.0, sum_yt = 0.0;

      for (guint i = 0; i < k; i++)
        {
          double ai = a[i], bi = (double) n1[i] - a[i], ci = c[i], di = (double) n2[i] - c[i];
          double n = ai + bi + ci + di;
          double p = ai / n + di / n, q = bi / n + ci / n;
          double ri = (ai / n) * di, si = (bi / n) * ci;
          double xt = ai + ci, yt = bi + di;

          r += ri;
          s += si;
          pr += p * ri;
          ps_qr += p * si + q * ri;
          qs += q * si;
          result->weight[i] = si;
          cmh_num += ai - (n1[i] / n) * xt;
          cmh_den += (n1[i] / n) * (n2[i] / n) * (xt * (yt / (n - 1.0)));
          sum_xt += xt;
          sum_yt += yt;
        }
      if (r == 0.0 || s == 0.0)
        {
          g_set_error_literal (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                               _("The Mantel-Haenszel odds ratio is not defined for these "
                                 "studies"));
          return NULL;
        }
      result->beta = log (r / s);
      result->se = sqrt (0.5 * (pr / (r * r) + ps_qr / (r * s) + qs / (s * s)));
      if (sum_xt > 0.0 && sum_yt > 0.0)
        {
          double dev = fabs (cmh_num) - 0.5;

          result->cmh = dev * dev / cmh_den;
          result->cmh_p = gsl_cdf_chisq_Q (result->cmh, 1.0);
        }
    }
  else if (measure == EP_META_BINARY_RR)
    {
      double r = 0.0, s = 0.0, v = 0.0, sum_a = 0.0, sum_c = 0.0;

      for (guint i = 0; i < k; i++)
        {
          double ai = a[i], ci = c[i], m1 = n1[i], m2 = n2[i], n = m1 + m2;

          r += ai * (m2 / n);
          s += ci * (m1 / n);
          v += (m1 / n) * (m2 / n) * (ai + ci) - (ai / n) * ci;
          result->weight[i] = ci * (m1 / n);
          sum_a += ai;
          sum_c += ci;
        }
      if (sum_a == 0.0 || sum_c == 0.0)
        {
          g_set_error_literal (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                               _("The Mantel-Haenszel risk ratio is not defined: one arm has no "
                                 "event in any study"));
          return NULL;
        }
      result->beta = log (r / s);
      result->se = sqrt (v / (r * s));
    }
  else
    {
      double num = 0.0, den = 0.0, t1 = 0.0, t2 = 0.0;

      for (guint i = 0; i < k; i++)
        {
          double ai = a[i], ci = c[i], m1 = n1[i], m2 = n2[i], n = m1 + m2;

          num += ai * (m2 / n) - ci * (m1 / n);
          den += m1 * (m2 / n);
          result->weight[i] = m1 * (m2 / n);
        }
      result->beta = num / den;
      /* Sato, Greenland and Robins (1989), as rma.mh */
      for (guint i = 0; i < k; i++)
        {
          double ai = a[i], ci = c[i], m1 = n1[i], m2 = n2[i], n = m1 + m2;

          t1 += ci * (m1 / n) * (m1 / n) - ai * (m2 / n) * (m2 / n) +
                (m1 / n) * (m2 / n) * (m2 - m1) / 2.0;
          t2 += ai * (m2 - ci) / n + ci * (m1 - ai) / n;
        }
      result->se = sqrt ((result->beta * t1 + t2 / 2.0) / (den * den));
    }

  finish_estimate (result);

  result->q = 0.0;
  for (guint i = 0; i < k; i++)
    if (isfinite (result->yi[i]))
      {
        result->q += (result->yi[i] - result->beta) * (result->yi[i] - result->beta) / result->vi[i];
        k_yi++;
      }
  finish_heterogeneity (result, k_yi);

  for (guint i = 0; i < k; i++)
    sum_w += result->weight[i];
  for (guint i = 0; i < k; i++)
    result->weight[i] = 100.0 * result->weight[i] / sum_w;

  return g_steal_pointer (&result);
}

EpMetaFixedResult *
ep_meta_peto (const guint *a,
              const guint *n1,
              const guint *c,
              const guint *n2,
              guint        k,
              double       level,
              GError     **error)
{
  g_autoptr(EpMetaFixedResult) result = NULL;
  double sum_oe = 0.0, sum_v = 0.0, sum_oe2v = 0.0;
  guint k_yi = 0;

  g_return_val_if_fail (level > 0.0 && level < 1.0, NULL);

  if (!check_counts (a, n1, c, n2, k, error))
    return NULL;

  result = fixed_result_new (k, EP_META_BINARY_OR, TRUE, level);
  if (!ep_meta_binary_effects (a, n1, c, n2, k, EP_META_BINARY_OR, TRUE, TRUE, result->yi,
                               result->vi, result->corrected, error))
    return NULL;

  for (guint i = 0; i < k; i++)
    {
      double ai = a[i], m1 = n1[i], m2 = n2[i], n = m1 + m2;
      double xt = ai + c[i], yt = n - xt;
      double e = xt * m1 / n;
      double v = xt * yt * (m1 / n) * (m2 / n) / (n - 1.0);

      if (n < 2.0)
        v = 0.0;
      sum_oe += ai - e;
      sum_v += v;
      if (v > 0.0)
        sum_oe2v += (ai - e) * (ai - e) / v;
      result->weight[i] = v;
      if (isfinite (result->yi[i]))
        k_yi++;
    }
  if (sum_v == 0.0)
    {
      g_set_error_literal (error, EP_META_ERROR, EP_META_ERROR_INVALID,
                           _("Peto's odds ratio is not defined: one of the two outcomes never "
                             "occurs"));
      return NULL;
    }

  result->beta = sum_oe / sum_v;
  result->se = sqrt (1.0 / sum_v);
  finish_estimate (result);

  result->q = sum_oe2v - sum_oe * sum_oe / sum_v;
  finish_heterogeneity (result, k_yi);

  for (guint i = 0; i < k; i++)
    result->weight[i] = 100.0 * result->weight[i] / sum_v;

  return g_steal_pointer (&result);
}

void
ep_meta_fixed_result_free (EpMetaFixedResult *result)
{
  if (result == NULL)
    return;

  g_free (result->yi);
  g_free (result->vi);
  g_free (result->weight);
  g_free (result->corrected);
  g_free (result);
}

gboolean
ep_meta_binary_study_ci (EpMetaBinaryMeasure  measure,
                         double               yi,
                         double               vi,
                         double               level,
                         double              *estimate,
                         double              *lower,
                         double              *upper)
{
  double z;

  g_return_val_if_fail (level > 0.0 && level < 1.0, FALSE);

  if (!isfinite (yi) || !isfinite (vi))
    return FALSE;
  z = gsl_cdf_ugaussian_Pinv ((1.0 + level) / 2.0);
  if (measure == EP_META_BINARY_RD)
    {
      *estimate = yi;
      *lower = yi - z * sqrt (vi);
      *upper = yi + z * sqrt (vi);
    }
  else
    {
      *estimate = exp (yi);
      *lower = exp (yi - z * sqrt (vi));
      *upper = exp (yi + z * sqrt (vi));
    }
  return TRUE;
}
