/* ep-cox-zph.c: the test of proportional hazards of a Cox model (cox.zph)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract, the method and its sources are in ep-cox-zph.h. Names follow zph1.c: a, cmat
 * (risk-weighted sums of x and x x' over the survivors of a time), a2, cmat2 (over its
 * deaths), denom, denom2, u (the 2p score), imat (the 2p x 2p information), schoen.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/ep-cox-zph.h"
#include "core/ep-timefix.h"

G_DEFINE_QUARK (ep-cox-zph-error-quark, ep_cox_zph_error)

gboolean
ep_cox_zph_transform_from_string (const char        *name,
                                  EpCoxZphTransform *transform)
{
  g_return_val_if_fail (transform != NULL, FALSE);

  if (g_strcmp0 (name, "km") == 0)
    *transform = EP_COX_ZPH_KM;
  else if (g_strcmp0 (name, "rank") == 0)
    *transform = EP_COX_ZPH_RANK;
  else if (g_strcmp0 (name, "identity") == 0)
    *transform = EP_COX_ZPH_IDENTITY;
  else if (g_strcmp0 (name, "log") == 0)
    *transform = EP_COX_ZPH_LOG;
  else
    return FALSE;

  return TRUE;
}

const char *
ep_cox_zph_transform_to_string (EpCoxZphTransform transform)
{
  switch (transform)
    {
    case EP_COX_ZPH_KM:
      return "km";
    case EP_COX_ZPH_RANK:
      return "rank";
    case EP_COX_ZPH_IDENTITY:
      return "identity";
    case EP_COX_ZPH_LOG:
      return "log";
    default:
      g_return_val_if_reached (NULL);
    }
}

typedef struct
{
  gsize        n;
  const double *start;
  const double *stop;
  const int    *status;
  const guint  *strata;
  const gboolean *reverse_ties;
} OrderData;

/* (stratum, stop, input index), the index descending for (start, stop] data */
static int
compare_order (gconstpointer pa,
               gconstpointer pb,
               gpointer      user_data)
{
  gsize a = *(const gsize *) pa;
  gsize b = *(const gsize *) pb;
  const OrderData *d = user_data;
  guint sa = d->strata != NULL ? d->strata[a] : 0;
  guint sb = d->strata != NULL ? d->strata[b] : 0;

  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (d->stop[a] != d->stop[b])
    return d->stop[a] < d->stop[b] ? -1 : 1;
  if (*d->reverse_ties)
    return (a < b) - (a > b);
  return (a > b) - (a < b);
}

static int
compare_doubles (const void *pa,
                 const void *pb)
{
  double a = *(const double *) pa;
  double b = *(const double *) pb;

  return (a > b) - (a < b);
}

/* R's rank(): average ranks of ties, 1-based. */
static void
average_ranks (const double *v,
               gsize         n,
               double       *rank)
{
  g_autofree gsize *idx = g_new (gsize, n);
  gsize i = 0;

  for (gsize k = 0; k < n; k++)
    idx[k] = k;
  {
    OrderData d = { n, NULL, v, NULL, NULL, &(gboolean) { FALSE } };

    g_qsort_with_data (idx, (gint) n, sizeof (gsize), compare_order, &d);
  }
  while (i < n)
    {
      gsize j = i;

      while (j + 1 < n && v[idx[j + 1]] == v[idx[i]])
        j++;
      for (gsize k = i; k <= j; k++)
        rank[idx[k]] = (i + j) / 2.0 + 1.0;
      i = j + 1;
    }
}

/* u' A^-1 u for the m x m matrix a (row-major, copied); NaN when singular. */
static double
quadratic_solve (const double *a,
                 const double *u,
                 gsize         m)
{
  g_autofree double *copy = g_memdup2 (a, m * m * sizeof (double));
  g_autofree double *sol = g_new (double, m);
  gsl_matrix_view mv = gsl_matrix_view_array (copy, m, m);
  gsl_vector_const_view uv = gsl_vector_const_view_array (u, m);
  gsl_vector_view sv = gsl_vector_view_array (sol, m);
  gsl_permutation *perm = gsl_permutation_alloc (m);
  double q = 0.0;
  int signum;

  gsl_set_error_handler_off ();
  if (gsl_linalg_LU_decomp (&mv.matrix, perm, &signum) != 0 ||
      gsl_linalg_LU_solve (&mv.matrix, perm, &uv.vector, &sv.vector) != 0)
    q = NAN;
  else
    for (gsize i = 0; i < m; i++)
      q += u[i] * sol[i];
  gsl_permutation_free (perm);

  return q;
}

/* In place: a (m x m) -> a^-1; FALSE when singular. */
static gboolean
invert (double *a,
        gsize   m)
{
  g_autofree double *copy = g_memdup2 (a, m * m * sizeof (double));
  gsl_matrix_view mv = gsl_matrix_view_array (copy, m, m);
  gsl_matrix_view out = gsl_matrix_view_array (a, m, m);
  gsl_permutation *perm = gsl_permutation_alloc (m);
  int signum, status;

  gsl_set_error_handler_off ();
  status = gsl_linalg_LU_decomp (&mv.matrix, perm, &signum);
  if (status == 0)
    status = gsl_linalg_LU_invert (&mv.matrix, perm, &out.matrix);
  gsl_permutation_free (perm);

  return status == 0 && isfinite (gsl_matrix_get (&out.matrix, 0, 0));
}

static gboolean
at_risk (const double *start,
         const double *stop,
         gsize         i,
         double        t)
{
  return stop[i] >= t && (start == NULL || start[i] < t);
}

EpCoxZph *
ep_cox_zph (gsize               n,
            const double       *start_in,
            const double       *stop_in,
            const int          *status,
            const double       *x_in,
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
            GError            **error)
{
  g_autoptr(EpCoxZph) zph = NULL;
  g_autofree double *stop = NULL;
  g_autofree double *start = NULL;
  g_autofree double *x = NULL;         /* centred, row-major n x p */
  g_autofree double *risk = NULL;      /* exp (eta) */
  g_autofree double *ttimes = NULL;
  g_autofree gsize *ord = NULL;
  g_autofree gsize *event_rows = NULL;
  g_autofree double *schoen = NULL;    /* n_events x p */
  g_autofree double *u = NULL;         /* 2p */
  g_autofree double *imat = NULL;      /* 2p x 2p */
  g_autofree double *a = NULL, *a2 = NULL, *cmat = NULL, *cmat2 = NULL, *tmean = NULL;
  g_autofree guint *used = NULL;       /* n_strata x p */
  g_autofree guint *term_of = NULL;
  g_autofree double *tmat = NULL;      /* p x n_terms collapse */
  g_autofree double *vmean = NULL;     /* p x p, then n_terms x n_terms */
  g_autofree guint *used_t = NULL;     /* n_strata x n_terms */
  gsize n_events = 0, m2 = 2 * (gsize) p;
  double mean_g = 0.0;
  gboolean reverse_ties = start_in != NULL;

  g_return_val_if_fail (fit != NULL && fit->p == p, NULL);
  g_return_val_if_fail (n > 0 && stop_in != NULL && status != NULL && x_in != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strata == NULL)
    n_strata = 1;
  if (term == NULL)
    n_terms = p;
  for (guint j = 0; j < p; j++)
    if (fit->singular[j] || !isfinite (fit->coef[j]))
      {
        g_set_error (error, EP_COX_ZPH_ERROR, EP_COX_ZPH_ERROR_SINGULAR,
                     _("The proportional-hazards check needs every coefficient estimated; "
                       "coefficient %u is not"), j + 1);
        return NULL;
      }
  term_of = g_new (guint, p);
  for (guint j = 0; j < p; j++)
    {
      term_of[j] = term != NULL ? term[j] : j;
      if (term_of[j] >= n_terms || (j > 0 && term_of[j] < term_of[j - 1]))
        {
          g_set_error (error, EP_COX_ZPH_ERROR, EP_COX_ZPH_ERROR_INPUT,
                       _("Column %u has a term index out of order"), j + 1);
          return NULL;
        }
    }
  for (gsize i = 0; i < n; i++)
    if (strata != NULL && strata[i] >= n_strata)
      {
        g_set_error (error, EP_COX_ZPH_ERROR, EP_COX_ZPH_ERROR_INPUT,
                     _("Observation %lu: the stratum code %u is not below %u"),
                     (unsigned long) (i + 1), strata[i], n_strata);
        return NULL;
      }

  /* the times the fit used */
  stop = g_new (double, n);
  start = start_in != NULL ? g_new (double, n) : NULL;
  ep_timefix (n, start_in, stop_in, timefix ? EP_TIMEFIX_TOLERANCE : 0.0, start, stop);

  /* zph1 recentres X by its plain mean; eta from the centred X (a constant shift of eta
   * cancels in every mean and variance) */
  x = g_memdup2 (x_in, n * p * sizeof (double));
  for (guint j = 0; j < p; j++)
    {
      double mean = 0.0;

      for (gsize i = 0; i < n; i++)
        mean += x[i * p + j];
      mean /= n;
      for (gsize i = 0; i < n; i++)
        x[i * p + j] -= mean;
    }
  risk = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    {
      double eta = 0.0;

      for (guint j = 0; j < p; j++)
        eta += x[i * p + j] * fit->coef[j];
      risk[i] = exp (eta);
    }

  /* event order */
  ord = g_new (gsize, n);
  for (gsize i = 0; i < n; i++)
    ord[i] = i;
  {
    OrderData d = { n, start, stop, status, strata, &reverse_ties };

    g_qsort_with_data (ord, (gint) n, sizeof (gsize), compare_order, &d);
  }
  event_rows = g_new (gsize, n);
  for (gsize k = 0; k < n; k++)
    if (status[ord[k]] == 1)
      event_rows[n_events++] = ord[k];
  if (n_events == 0)
    {
      g_set_error_literal (error, EP_COX_ZPH_ERROR, EP_COX_ZPH_ERROR_INPUT,
                           _("There are no events"));
      return NULL;
    }

  /* g(t) for every observation */
  ttimes = g_new (double, n);
  switch (transform)
    {
    case EP_COX_ZPH_IDENTITY:
      memcpy (ttimes, stop, n * sizeof (double));
      break;
    case EP_COX_ZPH_LOG:
      for (gsize i = 0; i < n; i++)
        ttimes[i] = log (stop[i]);
      break;
    case EP_COX_ZPH_RANK:
      average_ranks (stop, n, ttimes);
      break;
    case EP_COX_ZPH_KM:
    default:
      {
        /* pooled KM over the distinct event times (ascending), left-continuous at each stop */
        g_autofree double *etimes = g_new (double, n_events);
        g_autofree double *surv_after = g_new (double, n_events);
        gsize n_et = 0;
        double surv = 1.0;

        for (gsize k = 0; k < n_events; k++)
          etimes[k] = stop[event_rows[k]];
        qsort (etimes, n_events, sizeof (double), compare_doubles);
        for (gsize k = 0; k < n_events; k++)
          if (n_et == 0 || etimes[k] != etimes[n_et - 1])
            etimes[n_et++] = etimes[k];
        for (gsize e = 0; e < n_et; e++)
          {
            double nr = 0.0, d = 0.0;

            for (gsize i = 0; i < n; i++)
              if (at_risk (start, stop, i, etimes[e]))
                {
                  nr += 1.0;
                  if (status[i] == 1 && stop[i] == etimes[e])
                    d += 1.0;
                }
            surv *= (nr - d) / nr;
            surv_after[e] = surv;
          }
        for (gsize i = 0; i < n; i++)
          {
            /* the number of event times strictly before stop[i] */
            gsize lo = 0, hi = n_et;

            while (lo < hi)
              {
                gsize mid = (lo + hi) / 2;

                if (etimes[mid] < stop[i])
                  lo = mid + 1;
                else
                  hi = mid;
              }
            ttimes[i] = 1.0 - (lo == 0 ? 1.0 : surv_after[lo - 1]);
          }
      }
      break;
    }
  for (gsize k = 0; k < n_events; k++)
    mean_g += ttimes[event_rows[k]];
  mean_g /= n_events;

  /* used[h][j]: events of stratum h when column j varies in it */
  used = g_new0 (guint, (gsize) n_strata * p);
  {
    g_autofree guint *deaths = g_new0 (guint, n_strata);
    g_autofree gboolean *varies = g_new0 (gboolean, (gsize) n_strata * p);
    g_autofree gssize *first = g_new (gssize, n_strata);

    for (guint h = 0; h < n_strata; h++)
      first[h] = -1;
    for (gsize i = 0; i < n; i++)
      {
        guint h = strata != NULL ? strata[i] : 0;

        deaths[h] += status[i] == 1;
        if (first[h] < 0)
          first[h] = (gssize) i;
        else
          for (guint j = 0; j < p; j++)
            if (x[i * p + j] != x[(gsize) first[h] * p + j])
              varies[h * p + j] = TRUE;
      }
    for (guint h = 0; h < n_strata; h++)
      for (guint j = 0; j < p; j++)
        used[h * p + j] = varies[h * p + j] ? deaths[h] : 0;
  }

  /* score and information of the extended model, Schoenfeld residuals */
  u = g_new0 (double, m2);
  imat = g_new0 (double, m2 * m2);
  schoen = g_new0 (double, n_events * p);
  a = g_new (double, p);
  a2 = g_new (double, p);
  tmean = g_new (double, p);
  cmat = g_new (double, (gsize) p * p);
  cmat2 = g_new (double, (gsize) p * p);

  for (gsize k = 0; k < n_events; )
    {
      gsize first_event = k;
      gsize i0 = event_rows[k];
      guint h = strata != NULL ? strata[i0] : 0;
      double t = stop[i0];
      double timewt = ttimes[i0] - mean_g;
      double denom = 0.0, denom2 = 0.0, ndead = 0.0, deadwt = 0.0;
      gsize kend = k;

      while (kend < n_events && stop[event_rows[kend]] == t &&
             (strata != NULL ? strata[event_rows[kend]] : 0) == h)
        kend++;

      memset (a, 0, p * sizeof (double));
      memset (a2, 0, p * sizeof (double));
      memset (cmat, 0, (gsize) p * p * sizeof (double));
      memset (cmat2, 0, (gsize) p * p * sizeof (double));
      for (gsize i = 0; i < n; i++)
        {
          gboolean dead;
          double *sa, *sc;
          double w = weights != NULL ? weights[i] : 1.0;
          double r = risk[i] * w;

          if ((strata != NULL ? strata[i] : 0) != h || !at_risk (start, stop, i, t))
            continue;
          dead = status[i] == 1 && stop[i] == t;
          sa = dead ? a2 : a;
          sc = dead ? cmat2 : cmat;
          if (dead)
            {
              denom2 += r;
              ndead += 1.0;
              deadwt += w;
              for (guint j = 0; j < p; j++)
                {
                  u[j] += w * x[i * p + j];
                  u[j + p] += timewt * w * x[i * p + j];
                }
            }
          else
            denom += r;
          for (guint j = 0; j < p; j++)
            {
              sa[j] += r * x[i * p + j];
              for (guint l = 0; l <= j; l++)
                sc[j * p + l] += r * x[i * p + j] * x[i * p + l];
            }
        }

      if (ties == EP_COX_TIES_BRESLOW)
        {
          denom += denom2;
          for (guint j = 0; j < p; j++)
            {
              a[j] += a2[j];
              for (guint l = 0; l <= j; l++)
                cmat[j * p + l] += cmat2[j * p + l];
            }
          for (guint j = 0; j < p; j++)
            {
              double mean = a[j] / denom;

              tmean[j] = mean;
              u[j] -= deadwt * mean;
              u[j + p] -= timewt * deadwt * mean;
              for (guint l = 0; l <= j; l++)
                {
                  double v = deadwt * (cmat[j * p + l] - mean * a[l]) / denom;

                  imat[l * m2 + j] += v;
                  imat[l * m2 + j + p] += v * timewt;
                  imat[(l + p) * m2 + j + p] += v * timewt * timewt;
                }
            }
        }
      else
        {
          /* Efron: the deaths enter in fractions (k+1)/d; the Schoenfeld mean is the average
           * of the d means */
          for (guint j = 0; j < p; j++)
            {
              double s = 0.0;

              for (guint q = 0; q < (guint) ndead; q++)
                {
                  double frac = (q + 1) / ndead;

                  s += (a[j] + a2[j] * frac) / (denom + denom2 * frac);
                }
              tmean[j] = s / ndead;
            }
          double wtave = deadwt / ndead;

          for (guint q = 0; q < (guint) ndead; q++)
            {
              denom += denom2 / ndead;
              for (guint j = 0; j < p; j++)
                {
                  double mean;

                  a[j] += a2[j] / ndead;
                  mean = a[j] / denom;
                  u[j] -= wtave * mean;
                  u[j + p] -= timewt * wtave * mean;
                  for (guint l = 0; l <= j; l++)
                    {
                      double v;

                      cmat[j * p + l] += cmat2[j * p + l] / ndead;
                      v = wtave * (cmat[j * p + l] - mean * a[l]) / denom;
                      imat[l * m2 + j] += v;
                      imat[l * m2 + j + p] += timewt * v;
                      imat[(l + p) * m2 + j + p] += timewt * timewt * v;
                    }
                }
            }
        }

      for (gsize e = first_event; e < kend; e++)
        for (guint j = 0; j < p; j++)
          schoen[e * p + j] = x[event_rows[e] * p + j] - tmean[j];
      k = kend;
    }

  /* the rest of the information matrix, by symmetry (zph1's fill-in) */
  for (guint j = 0; j < p; j++)
    for (guint l = 0; l < j; l++)
      {
        imat[j * m2 + l] = imat[l * m2 + j];
        imat[j * m2 + l + p] = imat[l * m2 + j + p];
        imat[(j + p) * m2 + l + p] = imat[(l + p) * m2 + j + p];
      }
  for (guint j = 0; j < p; j++)
    for (guint l = 0; l < p; l++)
      imat[(j + p) * m2 + l] = imat[l * m2 + j + p];

  zph = g_new0 (EpCoxZph, 1);
  zph->transform = transform;
  zph->n_terms = n_terms;
  zph->chisq = g_new (double, n_terms);
  zph->df = g_new0 (guint, n_terms);
  zph->p = g_new (double, n_terms);

  /* per term: kk = (1..p, the term's columns + p) */
  for (guint tm = 0; tm < n_terms; tm++)
    {
      g_autofree guint *kk = g_new (guint, m2);
      g_autofree double *sub = NULL;
      g_autofree double *us = NULL;
      guint m = 0;

      for (guint j = 0; j < p; j++)
        kk[m++] = j;
      for (guint j = 0; j < p; j++)
        if (term_of[j] == tm)
          kk[m++] = j + p;
      zph->df[tm] = m - p;
      sub = g_new (double, (gsize) m * m);
      us = g_new0 (double, m);
      for (guint r = 0; r < m; r++)
        {
          us[r] = kk[r] >= p ? u[kk[r]] : 0.0;
          for (guint c = 0; c < m; c++)
            sub[r * m + c] = imat[kk[r] * m2 + kk[c]];
        }
      zph->chisq[tm] = zph->df[tm] > 0 ? quadratic_solve (sub, us, m) : NAN;
      zph->p[tm] = isfinite (zph->chisq[tm])
                     ? gsl_cdf_chisq_Q (MAX (zph->chisq[tm], 0.0), zph->df[tm]) : NAN;
    }
  {
    g_autofree double *ug = g_memdup2 (u, m2 * sizeof (double));

    memset (ug, 0, p * sizeof (double));
    zph->global_chisq = quadratic_solve (imat, ug, m2);
    zph->global_df = p;
    zph->global_p = isfinite (zph->global_chisq)
                      ? gsl_cdf_chisq_Q (MAX (zph->global_chisq, 0.0), p) : NAN;
  }

  /* vmean = I_11 / wtmat, wtmat = sum_h outer (used_h, used_h, pmin) */
  vmean = g_new (double, (gsize) p * p);
  for (guint j = 0; j < p; j++)
    for (guint l = 0; l < p; l++)
      {
        double w = 0.0;

        for (guint h = 0; h < n_strata; h++)
          w += MIN (used[h * p + j], used[h * p + l]);
        vmean[j * p + l] = imat[j * m2 + l] / (w == 0.0 ? 1.0 : w);
      }

  /* collapse the columns of a term: T[j, term] = 1 for a single column, else beta_j */
  tmat = g_new0 (double, (gsize) p * n_terms);
  for (guint j = 0; j < p; j++)
    {
      guint width = 0;

      for (guint l = 0; l < p; l++)
        width += term_of[l] == term_of[j];
      tmat[j * n_terms + term_of[j]] = width == 1 ? 1.0 : fit->coef[j];
    }

  zph->n_events = n_events;
  zph->time = g_new (double, n_events);
  zph->x = g_new (double, n_events);
  zph->stratum = g_new (guint, n_events);
  zph->y = g_new (double, n_events * n_terms);
  for (gsize e = 0; e < n_events; e++)
    {
      zph->time[e] = stop[event_rows[e]];
      zph->x[e] = ttimes[event_rows[e]];
      zph->stratum[e] = strata != NULL ? strata[event_rows[e]] : 0;
      for (guint tm = 0; tm < n_terms; tm++)
        {
          double s = 0.0;

          for (guint j = 0; j < p; j++)
            s += schoen[e * p + j] * tmat[j * n_terms + tm];
          zph->y[e * n_terms + tm] = s;
        }
    }
  {
    g_autofree double *vt = g_new0 (double, (gsize) n_terms * n_terms);

    for (guint r = 0; r < n_terms; r++)
      for (guint c = 0; c < n_terms; c++)
        for (guint j = 0; j < p; j++)
          for (guint l = 0; l < p; l++)
            vt[r * n_terms + c] += tmat[j * n_terms + r] * vmean[j * p + l] * tmat[l * n_terms + c];
    g_free (vmean);
    vmean = g_steal_pointer (&vt);
  }
  used_t = g_new (guint, (gsize) n_strata * n_terms);
  for (guint h = 0; h < n_strata; h++)
    for (guint tm = 0; tm < n_terms; tm++)
      for (guint j = 0; j < p; j++)
        if (term_of[j] == tm)
          {
            used_t[h * n_terms + tm] = used[h * p + j];
            break;
          }

  /* rescale per stratum on the terms that vary there */
  for (guint h = 0; h < n_strata; h++)
    {
      g_autofree guint *kk = g_new (guint, n_terms);
      g_autofree double *vinv = NULL;
      g_autofree double *row = g_new (double, n_terms);
      guint m = 0;

      for (guint tm = 0; tm < n_terms; tm++)
        if (used_t[h * n_terms + tm] > 0)
          kk[m++] = tm;
      if (m == 0)
        continue;
      vinv = g_new (double, (gsize) m * m);
      for (guint r = 0; r < m; r++)
        for (guint c = 0; c < m; c++)
          vinv[r * m + c] = vmean[kk[r] * n_terms + kk[c]];
      if (!invert (vinv, m))
        {
          g_set_error_literal (error, EP_COX_ZPH_ERROR, EP_COX_ZPH_ERROR_SINGULAR,
                               _("The information matrix of the proportional-hazards check "
                                 "is singular"));
          return NULL;
        }
      for (gsize e = 0; e < n_events; e++)
        {
          if (zph->stratum[e] != h)
            continue;
          for (guint r = 0; r < m; r++)
            {
              row[r] = 0.0;
              for (guint c = 0; c < m; c++)
                row[r] += vinv[r * m + c] * zph->y[e * n_terms + kk[c]];
            }
          for (guint tm = 0; tm < n_terms; tm++)
            zph->y[e * n_terms + tm] = NAN;
          for (guint r = 0; r < m; r++)
            zph->y[e * n_terms + kk[r]] = row[r];
        }
    }

  /* add beta-hat (1 for a collapsed term: the coefficient of its linear predictor) */
  for (guint tm = 0; tm < n_terms; tm++)
    {
      guint width = 0;
      double coef = 1.0;

      for (guint j = 0; j < p; j++)
        if (term_of[j] == tm)
          {
            width++;
            coef = fit->coef[j];
          }
      if (width != 1)
        coef = 1.0;
      for (gsize e = 0; e < n_events; e++)
        zph->y[e * n_terms + tm] += coef;
    }

  zph->var = g_steal_pointer (&vmean);
  if (!invert (zph->var, n_terms))
    memset (zph->var, 0, (gsize) n_terms * n_terms * sizeof (double));

  return g_steal_pointer (&zph);
}

void
ep_cox_zph_free (EpCoxZph *zph)
{
  if (zph == NULL)
    return;

  g_free (zph->chisq);
  g_free (zph->df);
  g_free (zph->p);
  g_free (zph->time);
  g_free (zph->x);
  g_free (zph->stratum);
  g_free (zph->y);
  g_free (zph->var);
  g_free (zph);
}
