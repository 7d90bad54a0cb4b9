/* ep-groups.c: more than two groups: hazard ratios against a reference level, pairwise
 * log-rank tests with adjusted p-values, and the log-rank test for trend
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

#include "core/ep-groups.h"

G_DEFINE_QUARK (ep-groups-error-quark, ep_groups_error)

/* ---- multiple-testing adjustment ---- */

gboolean
ep_p_adjust_parse (const char *name,
                   EpPAdjust  *method)
{
  g_return_val_if_fail (method != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (name, "holm") == 0)
    *method = EP_P_ADJUST_HOLM;
  else if (g_ascii_strcasecmp (name, "BH") == 0 || g_ascii_strcasecmp (name, "fdr") == 0)
    *method = EP_P_ADJUST_BH;
  else if (g_ascii_strcasecmp (name, "bonferroni") == 0)
    *method = EP_P_ADJUST_BONFERRONI;
  else if (g_ascii_strcasecmp (name, "none") == 0)
    *method = EP_P_ADJUST_NONE;
  else
    return FALSE;
  return TRUE;
}

const char *
ep_p_adjust_name (EpPAdjust method)
{
  switch (method)
    {
    case EP_P_ADJUST_HOLM:
      return "holm";
    case EP_P_ADJUST_BH:
      return "BH";
    case EP_P_ADJUST_BONFERRONI:
      return "bonferroni";
    case EP_P_ADJUST_NONE:
    default:
      return "none";
    }
}

typedef struct
{
  double p;
  gsize  index;
} RankedP;

/* ascending p, then input order (R's order() is stable) */
static int
compare_ranked (const void *a,
                const void *b)
{
  const RankedP *x = a, *y = b;

  if (x->p < y->p)
    return -1;
  if (x->p > y->p)
    return 1;
  return (x->index > y->index) - (x->index < y->index);
}

void
ep_p_adjust (const double *p,
             gsize         n,
             EpPAdjust     method,
             double       *adjusted)
{
  g_autofree RankedP *ranked = NULL;
  gsize m = 0;

  g_return_if_fail (p != NULL || n == 0);
  g_return_if_fail (adjusted != NULL || n == 0);

  ranked = g_new (RankedP, n > 0 ? n : 1);
  for (gsize i = 0; i < n; i++)
    if (!isnan (p[i]))
      {
        ranked[m].p = p[i];
        ranked[m].index = i;
        m++;
      }
  /* copy first: adjusted may be p */
  for (gsize i = 0; i < n; i++)
    adjusted[i] = isnan (p[i]) ? NAN : p[i];
  if (m == 0 || method == EP_P_ADJUST_NONE)
    return;

  if (method == EP_P_ADJUST_BONFERRONI)
    {
      for (gsize k = 0; k < m; k++)
        adjusted[ranked[k].index] = MIN (1.0, (double) m * ranked[k].p);
      return;
    }

  qsort (ranked, m, sizeof *ranked, compare_ranked);

  if (method == EP_P_ADJUST_HOLM)
    {
      /* pmin (1, cummax ((m - i + 1) p_(i))) */
      double running = 0.0;

      for (gsize k = 0; k < m; k++)
        {
          double value = (double) (m - k) * ranked[k].p;

          running = MAX (running, value);
          adjusted[ranked[k].index] = MIN (1.0, running);
        }
    }
  else
    {
      /* BH: pmin (1, cummin (m / i p_(i))) from the largest down */
      double running = INFINITY;

      for (gsize k = m; k-- > 0;)
        {
          double value = (double) m / (double) (k + 1) * ranked[k].p;

          running = MIN (running, value);
          adjusted[ranked[k].index] = MIN (1.0, running);
        }
    }
}

/* ---- hazard ratio of each group against a reference level ---- */

void
ep_group_hr_free (EpGroupHr *hr)
{
  if (hr == NULL)
    return;

  g_free (hr->n);
  g_free (hr->events);
  g_free (hr->coef);
  g_free (hr->se);
  g_free (hr->hr);
  g_free (hr->lower);
  g_free (hr->upper);
  g_free (hr->z);
  g_free (hr->p);
  g_free (hr->singular);
  g_free (hr->infinite);
  g_strfreev (hr->warnings);
  g_free (hr);
}

static gboolean
check_codes (const guint  *group,
             guint         n_groups,
             gsize         n,
             GError      **error)
{
  if (n_groups < 2)
    {
      g_set_error_literal (error, EP_GROUPS_ERROR, EP_GROUPS_ERROR_INPUT,
                           _("Comparing groups needs at least two groups"));
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    if (group[i] >= n_groups)
      {
        g_set_error (error, EP_GROUPS_ERROR, EP_GROUPS_ERROR_INPUT,
                     _("Observation %lu: group code %u is out of range (%u groups)"),
                     (unsigned long) (i + 1), group[i], n_groups);
        return FALSE;
      }
  return TRUE;
}

EpGroupHr *
ep_group_hr (const double       *start,
             const double       *time,
             const int          *status,
             const guint        *group,
             guint               n_groups,
             guint               reference,
             const guint        *stratum,
             guint               n_strata,
             gsize               n,
             const EpCoxOptions *options,
             GError            **error)
{
  g_autoptr(EpGroupHr) hr = NULL;
  g_autoptr(EpCoxFit) fit = NULL;
  g_autofree double *x = NULL;
  g_autofree guint *term = NULL;   /* group code -> column, G_MAXUINT for the reference */
  g_auto(GStrv) owned_names = NULL;
  EpCoxOptions defaults;
  guint p = n_groups - 1;

  g_return_val_if_fail (time != NULL || n == 0, NULL);
  g_return_val_if_fail (status != NULL || n == 0, NULL);
  g_return_val_if_fail (group != NULL || n == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_codes (group, n_groups, n, error))
    return NULL;
  if (reference >= n_groups)
    {
      g_set_error (error, EP_GROUPS_ERROR, EP_GROUPS_ERROR_INPUT,
                   _("The reference group %u is out of range (%u groups)"), reference, n_groups);
      return NULL;
    }

  if (options == NULL)
    {
      ep_cox_options_init (&defaults);
      options = &defaults;
    }
  else
    defaults = *options;

  /* treatment coding with the reference first: relevel (factor (g), ref = reference) */
  term = g_new (guint, n_groups);
  owned_names = g_new0 (char *, p + 1);
  for (guint k = 0, j = 0; k < n_groups; k++)
    {
      if (k == reference)
        {
          term[k] = G_MAXUINT;
          continue;
        }
      term[k] = j;
      owned_names[j] = g_strdup_printf ("group %u", k + 1);
      j++;
    }
  if (options->term_names == NULL)
    {
      defaults.term_names = (const char * const *) owned_names;
      options = &defaults;
    }

  x = g_new0 (double, n * p + 1);
  for (gsize i = 0; i < n; i++)
    if (term[group[i]] != G_MAXUINT)
      x[i * p + term[group[i]]] = 1.0;

  fit = ep_cox_fit (n, start, time, status, x, p, stratum, stratum != NULL ? n_strata : 1,
                    options, error);
  if (fit == NULL)
    return NULL;

  hr = g_new0 (EpGroupHr, 1);
  hr->n_groups = n_groups;
  hr->reference = reference;
  hr->n = g_new0 (gsize, n_groups);
  hr->events = g_new0 (gsize, n_groups);
  hr->coef = g_new (double, n_groups);
  hr->se = g_new (double, n_groups);
  hr->hr = g_new (double, n_groups);
  hr->lower = g_new (double, n_groups);
  hr->upper = g_new (double, n_groups);
  hr->z = g_new (double, n_groups);
  hr->p = g_new (double, n_groups);
  hr->singular = g_new0 (gboolean, n_groups);
  hr->infinite = g_new0 (gboolean, n_groups);

  for (gsize i = 0; i < n; i++)
    {
      hr->n[group[i]]++;
      if (status[i] == 1)
        hr->events[group[i]]++;
    }

  for (guint k = 0; k < n_groups; k++)
    {
      guint j = term[k];

      if (j == G_MAXUINT)
        {
          hr->coef[k] = 0.0;
          hr->hr[k] = 1.0;
          hr->se[k] = hr->lower[k] = hr->upper[k] = hr->z[k] = hr->p[k] = NAN;
          continue;
        }
      hr->coef[k] = fit->coef[j];
      hr->se[k] = fit->se[j];
      hr->hr[k] = fit->hr[j];
      hr->lower[k] = fit->hr_lower[j];
      hr->upper[k] = fit->hr_upper[j];
      hr->z[k] = fit->z[j];
      hr->p[k] = fit->p_value[j];
      hr->singular[k] = fit->singular[j];
      hr->infinite[k] = fit->infinite[j];
    }

  hr->conf_level = fit->conf_level;
  hr->lr_chisq = fit->lr_chisq;
  hr->wald_chisq = fit->wald_chisq;
  hr->score_chisq = fit->score_chisq;
  hr->lr_p = fit->lr_p;
  hr->wald_p = fit->wald_p;
  hr->score_p = fit->score_p;
  hr->df = fit->df;
  hr->converged = fit->converged;
  hr->warnings = g_strdupv (fit->warnings);
  if (hr->warnings == NULL)
    hr->warnings = g_new0 (char *, 1);

  return g_steal_pointer (&hr);
}

/* ---- pairwise log-rank tests ---- */

void
ep_logrank_pairwise_free (EpLogrankPairwise *pairwise)
{
  if (pairwise == NULL)
    return;

  g_free (pairwise->pairs);
  g_free (pairwise);
}

EpLogrankPairwise *
ep_logrank_pairwise (const double  *start,
                     const double  *time,
                     const int     *status,
                     const guint   *group,
                     guint          n_groups,
                     const guint   *stratum,
                     guint          n_strata,
                     gsize          n,
                     double         rho,
                     gboolean       timefix,
                     EpPAdjust      adjust,
                     GError       **error)
{
  g_autoptr(EpLogrankPairwise) pairwise = NULL;
  g_autofree double *sub_start = NULL;
  g_autofree double *sub_time = NULL;
  g_autofree int *sub_status = NULL;
  g_autofree guint *sub_group = NULL;
  g_autofree guint *sub_stratum = NULL;
  g_autofree gsize *count = NULL;
  g_autofree gsize *first = NULL;   /* [n_groups + 1] where each group's rows start in rows */
  g_autofree gsize *rows = NULL;
  g_autofree double *p = NULL;
  guint pair = 0;

  g_return_val_if_fail (time != NULL || n == 0, NULL);
  g_return_val_if_fail (status != NULL || n == 0, NULL);
  g_return_val_if_fail (group != NULL || n == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_codes (group, n_groups, n, error))
    return NULL;

  /* the rows of each group, in data order (a counting sort): a pair's rows are then read
   * from its two groups only, so all pairs together read each row k - 1 times */
  count = g_new0 (gsize, n_groups);
  first = g_new0 (gsize, n_groups + 1);
  rows = g_new (gsize, n + 1);
  for (gsize i = 0; i < n; i++)
    count[group[i]]++;
  for (guint k = 0; k < n_groups; k++)
    first[k + 1] = first[k] + count[k];
  {
    g_autofree gsize *next = g_memdup2 (first, n_groups * sizeof *first);

    for (gsize i = 0; i < n; i++)
      rows[next[group[i]]++] = i;
  }

  pairwise = g_new0 (EpLogrankPairwise, 1);
  pairwise->n_groups = n_groups;
  pairwise->n_pairs = n_groups * (n_groups - 1) / 2;
  pairwise->pairs = g_new0 (EpLogrankPair, pairwise->n_pairs);
  pairwise->adjust = adjust;
  pairwise->rho = rho;

  sub_start = start != NULL ? g_new (double, n + 1) : NULL;
  sub_time = g_new (double, n + 1);
  sub_status = g_new (int, n + 1);
  sub_group = g_new (guint, n + 1);
  sub_stratum = stratum != NULL ? g_new (guint, n + 1) : NULL;
  p = g_new (double, pairwise->n_pairs);

  /* stats::pairwise.table's lower triangle, column by column */
  for (guint versus = 0; versus + 1 < n_groups; versus++)
    for (guint g = versus + 1; g < n_groups; g++, pair++)
      {
        EpLogrankPair *pr = &pairwise->pairs[pair];
        g_autoptr(EpLogrankResult) test = NULL;
        g_autoptr(GError) local = NULL;
        gsize m = 0;

        pr->group = g;
        pr->versus = versus;
        pr->chisq = NAN;
        pr->p = NAN;
        if (count[g] == 0 || count[versus] == 0)
          {
            p[pair] = NAN;
            continue;
          }

        for (guint side = 0; side < 2; side++)
          {
            guint k = side == 0 ? versus : g;

            for (gsize r = first[k]; r < first[k + 1]; r++)
              {
                gsize i = rows[r];

                if (sub_start != NULL)
                  sub_start[m] = start[i];
                sub_time[m] = time[i];
                sub_status[m] = status[i];
                sub_group[m] = side;
                if (sub_stratum != NULL)
                  sub_stratum[m] = stratum[i];
                m++;
              }
          }

        test = ep_logrank_test_full (sub_start, sub_time, sub_status, sub_group, 2,
                                     sub_stratum, stratum != NULL ? n_strata : 1, m, rho,
                                     timefix, &local);
        if (test == NULL)
          {
            g_propagate_prefixed_error (error, g_steal_pointer (&local),
                                        _("Groups %u and %u: "), versus + 1, g + 1);
            return NULL;
          }
        pr->chisq = test->chisq;
        /* pairwise_survdiff: pchisq (chisq, length (n) - 1 = 1, lower.tail = FALSE) */
        pr->p = gsl_cdf_chisq_Q (test->chisq, 1.0);
        p[pair] = pr->p;
      }

  ep_p_adjust (p, pairwise->n_pairs, adjust, p);
  for (guint k = 0; k < pairwise->n_pairs; k++)
    pairwise->pairs[k].p_adjusted = p[k];

  return g_steal_pointer (&pairwise);
}

/* ---- the log-rank test for trend ---- */

void
ep_logrank_trend_free (EpLogrankTrend *trend)
{
  if (trend == NULL)
    return;

  g_free (trend->scores);
  g_free (trend);
}

EpLogrankTrend *
ep_logrank_trend (const EpLogrankResult *test,
                  const double          *scores,
                  GError               **error)
{
  g_autoptr(EpLogrankTrend) trend = NULL;
  guint k;

  g_return_val_if_fail (test != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  k = test->n_groups;
  if (k < 2)
    {
      g_set_error_literal (error, EP_GROUPS_ERROR, EP_GROUPS_ERROR_INPUT,
                           _("A test for trend needs at least two groups"));
      return NULL;
    }

  trend = g_new0 (EpLogrankTrend, 1);
  trend->n_groups = k;
  trend->df = 1;
  trend->scores = g_new (double, k);
  for (guint a = 0; a < k; a++)
    {
      trend->scores[a] = scores != NULL ? scores[a] : (double) (a + 1);
      if (!isfinite (trend->scores[a]))
        {
          g_set_error (error, EP_GROUPS_ERROR, EP_GROUPS_ERROR_INPUT,
                       _("The score of group %u is not a finite number"), a + 1);
          return NULL;
        }
    }

  trend->u = 0.0;
  trend->var = 0.0;
  for (guint a = 0; a < k; a++)
    {
      trend->u += trend->scores[a] * (test->observed[a] - test->expected[a]);
      for (guint b = 0; b < k; b++)
        trend->var += trend->scores[a] * test->var[a * k + b] * trend->scores[b];
    }

  /* w' V w is 0 in exact arithmetic when V is 0 or w is constant on the groups with events;
   * rounding leaves a tiny number then */
  {
    double scale = 0.0;

    for (guint a = 0; a < k; a++)
      scale = MAX (scale, test->var[a * k + a] * trend->scores[a] * trend->scores[a]);
    if (!(trend->var > 1e-10 * scale) || !(scale > 0.0))
      {
        g_set_error_literal (error, EP_GROUPS_ERROR, EP_GROUPS_ERROR_NO_VARIANCE,
                             _("The test for trend has no variance: no events, or the groups "
                               "with events all have the same score"));
        return NULL;
      }
  }

  trend->chisq = trend->u * trend->u / trend->var;
  trend->p = gsl_cdf_chisq_Q (trend->chisq, 1.0);

  return g_steal_pointer (&trend);
}
