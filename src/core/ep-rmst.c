/* ep-rmst.c: restricted mean survival time per group, its difference and ratio
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract, the method and its sources are in ep-rmst.h. Names follow survmean():
 * rectangles (the areas (t_{i+1} - t_i) S(t_i)), hh (d / (n (n - d))), varmean.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gsl/gsl_cdf.h>
#include <math.h>

#include "core/ep-rmst.h"

G_DEFINE_QUARK (ep-rmst-error-quark, ep_rmst_error)

/* survmean's pfun with end.time = tau and start.time = 0 on one curve. */
static void
rmst_curve (const EpKmCurve *curve,
            double           tau,
            double           z,
            EpRmstGroup     *out)
{
  g_autofree double *rectangles = NULL;
  g_autofree double *hh = NULL;
  gsize m = 0;
  double previous_time = 0.0;
  double previous_surv = 1.0;
  double mean = 0.0;
  double varmean = 0.0;
  double area_after = 0.0;

  out->n = curve->n;
  out->events = curve->events;
  if (curve->n_steps == 0)
    {
      out->rmst = out->se = out->lower = out->upper = out->last_time = NAN;
      out->tau_beyond_data = FALSE;
      return;
    }
  out->last_time = curve->steps[curve->n_steps - 1].time;
  out->tau_beyond_data = tau > out->last_time;

  /* rectangles[i] is the area from step i to the next step (or tau), at S(step i) */
  rectangles = g_new0 (double, curve->n_steps + 1);
  hh = g_new0 (double, curve->n_steps + 1);
  for (m = 0; m < curve->n_steps && curve->steps[m].time <= tau; m++)
    {
      const EpKmStep *s = &curve->steps[m];

      mean += (s->time - previous_time) * previous_surv;
      previous_time = s->time;
      previous_surv = s->surv;
      hh[m] = s->n_risk > s->n_event
                ? (double) s->n_event / ((double) s->n_risk * (s->n_risk - s->n_event))
                : 0.0;
    }
  /* the last rectangle, from the last time <= tau to tau */
  mean += (tau - previous_time) * previous_surv;

  /* A_i, the area from step i to tau, accumulated backwards */
  for (gsize i = m; i-- > 0;)
    {
      double next_time = i + 1 < m ? curve->steps[i + 1].time : tau;

      area_after += (next_time - curve->steps[i].time) * curve->steps[i].surv;
      varmean += area_after * area_after * hh[i];
    }

  out->rmst = mean;
  out->se = sqrt (varmean);
  out->lower = mean - z * out->se;
  out->upper = mean + z * out->se;
}

static double
two_sided_p (double statistic)
{
  if (isnan (statistic))
    return NAN;
  return 2.0 * gsl_cdf_ugaussian_Q (fabs (statistic));
}

EpRmstResult *
ep_rmst_from_km (const EpKmResult  *km,
                 double             tau,
                 double             conf_level,
                 GError           **error)
{
  EpRmstResult *result;
  double z;

  g_return_val_if_fail (km != NULL, NULL);
  g_return_val_if_fail (conf_level > 0.0 && conf_level < 1.0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!isfinite (tau) || tau <= 0.0)
    {
      g_set_error (error, EP_RMST_ERROR, EP_RMST_ERROR_INVALID_TAU,
                   _("The restriction time τ (%g) must be a number greater than 0"), tau);
      return NULL;
    }

  z = gsl_cdf_ugaussian_Pinv (1.0 - (1.0 - conf_level) / 2.0);

  result = g_new0 (EpRmstResult, 1);
  result->tau = tau;
  result->conf_level = conf_level;
  result->n_groups = km->n_groups;
  result->groups = g_new0 (EpRmstGroup, km->n_groups);
  for (guint g = 0; g < km->n_groups; g++)
    rmst_curve (&km->curves[g], tau, z, &result->groups[g]);

  result->n_contrasts = km->n_groups > 1 ? km->n_groups - 1 : 0;
  result->contrasts = g_new0 (EpRmstContrast, result->n_contrasts);
  for (guint k = 1; k < km->n_groups; k++)
    {
      const EpRmstGroup *g0 = &result->groups[0];
      const EpRmstGroup *gk = &result->groups[k];
      EpRmstContrast *c = &result->contrasts[k - 1];
      double log_ratio, log_se;

      c->level = k;
      c->diff = gk->rmst - g0->rmst;
      c->diff_se = sqrt (gk->se * gk->se + g0->se * g0->se);
      c->diff_lower = c->diff - z * c->diff_se;
      c->diff_upper = c->diff + z * c->diff_se;
      c->diff_p = two_sided_p (c->diff / c->diff_se);

      log_ratio = log (gk->rmst) - log (g0->rmst);
      log_se = sqrt (gk->se * gk->se / (gk->rmst * gk->rmst) +
                     g0->se * g0->se / (g0->rmst * g0->rmst));
      c->ratio = exp (log_ratio);
      c->ratio_lower = exp (log_ratio - z * log_se);
      c->ratio_upper = exp (log_ratio + z * log_se);
      c->ratio_p = two_sided_p (log_ratio / log_se);
    }

  return result;
}

void
ep_rmst_result_free (EpRmstResult *result)
{
  if (result == NULL)
    return;

  g_free (result->groups);
  g_free (result->contrasts);
  g_free (result);
}
