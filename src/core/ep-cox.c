/* ep-cox.c: Cox proportional hazards regression
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract is the header comment of ep_cox_fit() in ep-cox.h. The kernels follow R
 * survival 3.5 (Therneau): coxfit6.c for right-censored data, agfit4.c for (start, stop]
 * data, cholesky2.c / chsolve2.c / chinv2.c for the generalised Cholesky with singular
 * columns, coxph.fit / agreg.fit / coxph.wtest for what R reports. Names follow the math:
 * u the score, imat the information, loglik the partial log-likelihood, denom = S0 the sum of
 * risk scores over the risk set, a = S1 its first moment, cmat = S2 its second moment.
 *
 * The Cholesky is ours and not GSL's because coxph's answer depends on its exact rule: a
 * pivot below toler x max diag marks that column redundant, it is zeroed and the
 * factorisation goes on (gsl_linalg_cholesky_decomp fails on a singular matrix instead); it is
 * in ep-cholesky.c.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <float.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <pthread.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

#include "core/ep-cholesky.h"
#include "core/ep-concordance.h"
#include "core/ep-cox.h"
#include "core/ep-cox-data.h"
#include "core/ep-memory.h"
#include "core/ep-timefix.h"

G_DEFINE_QUARK (ep-cox-error-quark, ep_cox_error)

void
ep_cox_options_init (EpCoxOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->ties = EP_COX_TIES_EFRON;
  options->iter_max = 20;
  options->eps = 1e-9;
  options->toler_chol = pow (DBL_EPSILON, 0.75);
  options->toler_inf = sqrt (options->eps);
  options->conf_level = 0.95;
  options->timefix = TRUE;
}

/* Adds (sign = 1) or removes (-1) a row with risk score r to the running S0, S1, S2. */
static inline void
risk_set_add (double       *denom,
              double       *a,
              double       *cmat,
              const double *zk,
              guint         p,
              double        r)
{
  *denom += r;
  for (guint i = 0; i < p; i++)
    {
      double rz = r * zk[i];
      double *ci = cmat + (gsize) i * p;

      a[i] += rz;
      for (guint j = 0; j <= i; j++)
        ci[j] += rz * zk[j];
    }
}

/* The running sums of one walk over rows from the end of a stratum towards its start. */
typedef struct
{
  double  denom;
  double  recenter;
  gsize   nrisk;
  gsize   r;              /* (start, stop]: rows by start still at risk end here */
  double *a;              /* p */
  double *cmat;           /* p x p, lower triangle */
  double *a2;             /* p: the tied events' sums, per batch */
  double *cmat2;          /* p x p */
} CoxScan;

/* Walks the rows [lo, k) of one stratum from k down to lo, a whole batch of tied times at a
 * time (k and lo at time changes), starting from the sums in sc and leaving them there; adds
 * to the log-likelihood, u and imat (lower triangle). */
static inline __attribute__ ((always_inline)) double
cox_scan_p (CoxData      *d,
            const double *beta,
            gsize         lo,
            gsize         k,
            CoxScan      *sc,
            double        loglik,
            double       *u,
            double       *imat,
            const guint   p)
{

  while (k > lo)
    {
      const double dtime = d->time[k - 1];
      gsize batch_lo, ndead = 0;
      double denom2 = 0, etasum = 0, deadwt = 0;

      /* the batch of rows at dtime, with their eta = z beta (kept for their removal) */
      for (batch_lo = k; batch_lo > lo && d->time[batch_lo - 1] == dtime; batch_lo--)
        {
          const double *zq = d->z + (batch_lo - 1) * p;
          double eta = 0;

          for (guint i = 0; i < p; i++)
            eta += beta[i] * zq[i];
          d->eta[batch_lo - 1] = eta;
          etasum += eta;
        }

      /* (start, stop]: rows whose start is at or after dtime are no longer at risk. */
      if (d->counting)
        {
          for (; sc->r > lo && d->start_time[sc->r - 1] >= dtime; sc->r--)
            {
              gsize q = d->start_pos[sc->r - 1];

              if (--sc->nrisk == 0)
                {
                  /* an empty risk set: start again from exact zeros */
                  sc->denom = 0;
                  memset (sc->a, 0, p * sizeof (double));
                  memset (sc->cmat, 0, (gsize) p * p * sizeof (double));
                  continue;
                }
              risk_set_add (&sc->denom, sc->a, sc->cmat, d->z + q * p, p,
                            -exp (d->eta[q] - sc->recenter) * (d->wt != NULL ? d->wt[q] : 1.0));
            }
        }

      /* Keep exp() in range: if this batch's mean eta is far from the reference, move the
       * reference and rescale the sums (agfit4's recentring; inert for sane data). */
      if (fabs (etasum / (double) (k - batch_lo) - sc->recenter) > 200)
        {
          double shift = etasum / (double) (k - batch_lo) - sc->recenter;

          sc->recenter += shift;
          if (sc->denom > 0)
            {
              double factor = exp (-shift);

              sc->denom *= factor;
              for (guint i = 0; i < p; i++)
                {
                  sc->a[i] *= factor;
                  for (guint j = 0; j <= i; j++)
                    sc->cmat[(gsize) i * p + j] *= factor;
                }
            }
        }

      /* The batch at dtime: censored rows join S0, S1, S2; events also go to the death
       * sums (denom2, a2, cmat2), which the tie rule folds in below. */
      memset (sc->a2, 0, p * sizeof (double));
      memset (sc->cmat2, 0, (gsize) p * p * sizeof (double));
      for (; k > batch_lo; k--)
        {
          const gsize q = k - 1;
          const double *zk = d->z + q * p;
          const double w = d->wt != NULL ? d->wt[q] : 1.0;
          double risk = exp (d->eta[q] - sc->recenter) * w;

          sc->nrisk++;
          if (d->status[q] == 0)
            {
              risk_set_add (&sc->denom, sc->a, sc->cmat, zk, p, risk);
              continue;
            }
          ndead++;
          deadwt += w;
          loglik += w * (d->eta[q] - sc->recenter);
          for (guint i = 0; i < p; i++)
            u[i] += w * zk[i];
          risk_set_add (&denom2, sc->a2, sc->cmat2, zk, p, risk);
        }

      if (ndead == 0)
        continue;

      if (!d->efron || ndead == 1)
        {
          /* Breslow: every event at dtime sees the whole risk set. */
          double weight;

          sc->denom += denom2;
          weight = deadwt / sc->denom;
          loglik -= deadwt * log (sc->denom);
          for (guint i = 0; i < p; i++)
            {
              double mean_i;

              sc->a[i] += sc->a2[i];
              mean_i = sc->a[i] / sc->denom;
              u[i] -= deadwt * mean_i;
              for (guint j = 0; j <= i; j++)
                {
                  sc->cmat[(gsize) i * p + j] += sc->cmat2[(gsize) i * p + j];
                  imat[(gsize) i * p + j] += weight
                    * (sc->cmat[(gsize) i * p + j] - mean_i * sc->a[j]);
                }
            }
        }
      else
        {
          /* Efron: the m-th of d tied events (m = 0 .. d-1) sees the risk set with
           * f_m = (m + 1)/d of the tied events' weight (coxfit6's order of the same
           * d terms). With S the censored-and-later sums and D the tied events' sums,
           *   den_m = S0 + f_m D0,  mean_m = (S1 + f_m D1) / den_m,
           *   u -= sum_m mean_m,  imat += sum_m (S2 + f_m D2) / den_m - mean_m mean_m'.
           * Expanding the sums over m leaves five scalars, so a time with d ties costs
           * O(d + p^2) instead of coxfit6's O(d p^2). */
          double A = 0, B = 0, C0 = 0, C1 = 0, C2 = 0;
          /* with case weights each of the d terms carries the mean weight of the tied
           * events (coxfit6's wtave) */
          const double wtave = deadwt / (double) ndead;

          for (gsize m = 0; m < ndead; m++)
            {
              double f = (double) (m + 1) / (double) ndead;
              double den = sc->denom + f * denom2;
              double inv = 1.0 / den;

              loglik -= wtave * log (den);
              A += inv;
              B += f * inv;
              C0 += inv * inv;
              C1 += f * inv * inv;
              C2 += f * f * inv * inv;
            }
          A *= wtave;
          B *= wtave;
          C0 *= wtave;
          C1 *= wtave;
          C2 *= wtave;

          for (guint i = 0; i < p; i++)
            {
              const double s1_i = sc->a[i], d1_i = sc->a2[i];

              u[i] -= s1_i * A + d1_i * B;
              for (guint j = 0; j <= i; j++)
                {
                  const gsize ij = (gsize) i * p + j;
                  const double s1_j = sc->a[j], d1_j = sc->a2[j];

                  imat[ij] += sc->cmat[ij] * A + sc->cmat2[ij] * B
                              - (s1_i * s1_j * C0 + (s1_i * d1_j + d1_i * s1_j) * C1
                                 + d1_i * d1_j * C2);
                }
            }

          sc->denom += denom2;
          for (guint i = 0; i < p; i++)
            {
              sc->a[i] += sc->a2[i];
              for (guint j = 0; j <= i; j++)
                sc->cmat[(gsize) i * p + j] += sc->cmat2[(gsize) i * p + j];
            }
        }
    }

  return loglik;
}

/* cox_scan_p() compiled for each number of terms up to 8 (the loops over the terms unrolled
 * and the sums' updates vectorised: the same operations on each element in the same order,
 * so the same bits), and once for any p. */
static double
cox_scan (CoxData      *d,
          const double *beta,
          gsize         lo,
          gsize         k,
          CoxScan      *sc,
          double        loglik,
          double       *u,
          double       *imat)
{
  switch (d->p)
    {
#define SCAN_P(P) case P: return cox_scan_p (d, beta, lo, k, sc, loglik, u, imat, P)
      SCAN_P (1);
      SCAN_P (2);
      SCAN_P (3);
      SCAN_P (4);
      SCAN_P (5);
      SCAN_P (6);
      SCAN_P (7);
      SCAN_P (8);
#undef SCAN_P
    default:
      return cox_scan_p (d, beta, lo, k, sc, loglik, u, imat, d->p);
    }
}

/* The sums of rows [lo, hi) as cox_scan() adds them at reference 0 (censored or not), from
 * hi down; sets eta. (Two threads: the sums the lower part starts from.) */
static void
cox_totals (CoxData      *d,
            const double *beta,
            gsize         lo,
            gsize         hi,
            CoxScan      *sc)
{
  const guint p = d->p;

  for (gsize k = hi; k > lo; k--)
    {
      const gsize q = k - 1;
      const double *zq = d->z + q * p;
      double eta = 0;

      for (guint i = 0; i < p; i++)
        eta += beta[i] * zq[i];
      d->eta[q] = eta;
      risk_set_add (&sc->denom, sc->a, sc->cmat, zq, p, exp (eta) * (d->wt != NULL ? d->wt[q] : 1.0));
    }
}

/* ---- two threads for the walk (issue 19): off unless asked for (EP_COX_THREADS=2) ----
 *
 * A stratum of right-censored rows [lo, hi) is cut at two time changes into c1 = [lo, m1),
 * c2 = [m1, m2), c3 = [m2, hi). First, at once: this thread walks c3 from zero sums while the
 * other adds up c2's sums (no events, no batches: cheaper per row than the walk); then this
 * thread walks c2 on from c3's sums while the other walks c1 from c3's sums plus c2's. The
 * walk's nonlinear terms (log, 1/den) see the same sums as on one thread but added in another
 * order, so the results agree to rounding (1e-12 relative; test-cox /cox/threads), not to the
 * bit. agfit4's recentring moves the reference only for wild data; if it moves in c3 or c2,
 * c1 is walked again here, from this thread's sums. */

static gint cox_threads_set;             /* ep_cox_set_threads(): 0 unset */
static gsize cox_min_rows_set;

void
ep_cox_set_threads (guint threads,
                    gsize min_rows)
{
  cox_min_rows_set = min_rows;
  g_atomic_int_set (&cox_threads_set, (gint) threads);
}

static gboolean
cox_use_threads (gsize rows)
{
  guint set = (guint) g_atomic_int_get (&cox_threads_set);
  const char *threads, *min;
  guint64 min_rows = 100000;

  if (set > 0)
    return set >= 2 && rows >= MAX (cox_min_rows_set, 8);
  threads = g_getenv ("EP_COX_THREADS");
  if (threads == NULL || g_ascii_strtoull (threads, NULL, 10) < 2)
    return FALSE;
  min = g_getenv ("EP_THREAD_MIN_ROWS");
  if (min != NULL && *min != '\0')
    min_rows = g_ascii_strtoull (min, NULL, 10);

  return rows >= MAX (min_rows, 8);
}

typedef struct
{
  CoxData      *d;
  const double *beta;
  gsize         lo, hi;        /* totals: rows; walk: the rows walked */
  gboolean      walk;
  CoxScan       sc;
  double        loglik;
  double       *u;
  double       *imat;
} CoxPart;

static void *
cox_part_run (void *data)
{
  CoxPart *part = data;

  if (part->walk)
    part->loglik = cox_scan (part->d, part->beta, part->lo, part->hi, &part->sc, part->loglik,
                             part->u, part->imat);
  else
    cox_totals (part->d, part->beta, part->lo, part->hi, &part->sc);

  return NULL;
}

/* A time change at or below at, above lo; lo if there is none. */
static gsize
time_change_below (const CoxData *d,
                   gsize          lo,
                   gsize          at)
{
  while (at > lo && d->time[at - 1] == d->time[at])
    at--;
  return at;
}

/* One stratum on two threads; FALSE (nothing changed) when it cannot be cut or a thread
 * cannot be started. */
static gboolean
cox_scan_two (CoxData      *d,
              const double *beta,
              gsize         lo,
              gsize         hi,
              double       *loglik,
              double       *u,
              double       *imat)
{
  const guint p = d->p;
  const gsize n = hi - lo;
  gsize m1, m2;
  CoxScan here = { 0, 0, 0, 0, d->a, d->cmat, d->a2, d->cmat2 };
  /* the other thread's part and sums on cache lines of their own */
  const gsize work_size = sizeof (CoxPart) + (2 * (p + (gsize) p * p) + p + (gsize) p * p) * sizeof (double);
  g_autofree char *block = g_malloc0 (work_size + 256);
  CoxPart *part = (CoxPart *) (((guintptr) block + 127) & ~(guintptr) 63);
  double *work = (double *) (part + 1);
  pthread_t thread;
  double ll = *loglik;

  m2 = time_change_below (d, lo, hi - n / 4);
  m1 = time_change_below (d, lo, lo + (m2 - lo) / 2);
  if (m1 <= lo || m2 <= m1 || m2 >= hi)
    return FALSE;

  part->d = d;
  part->beta = beta;
  part->sc.a = work;
  part->sc.cmat = part->sc.a + p;
  part->sc.a2 = part->sc.cmat + (gsize) p * p;
  part->sc.cmat2 = part->sc.a2 + p;
  part->u = part->sc.cmat2 + (gsize) p * p;
  part->imat = part->u + p;

  /* c3 walked here, c2 added up there */
  memset (here.a, 0, p * sizeof (double));
  memset (here.cmat, 0, (gsize) p * p * sizeof (double));
  part->lo = m1;
  part->hi = m2;
  part->walk = FALSE;
  if (pthread_create (&thread, NULL, cox_part_run, part) != 0)
    return FALSE;
  ll = cox_scan (d, beta, m2, hi, &here, ll, u, imat);
  pthread_join (thread, NULL);

  /* c2 walked on here, c1 from c3's sums plus c2's there */
  part->walk = TRUE;
  part->lo = lo;
  part->hi = m1;
  part->loglik = 0;
  part->sc.denom += here.denom;
  part->sc.recenter = here.recenter;
  for (guint i = 0; i < p; i++)
    {
      part->sc.a[i] += here.a[i];
      for (guint j = 0; j <= i; j++)
        part->sc.cmat[(gsize) i * p + j] += here.cmat[(gsize) i * p + j];
    }
  if (here.recenter != 0 || pthread_create (&thread, NULL, cox_part_run, part) != 0)
    {
      /* the reference moved (or no thread): the rest here, as on one thread */
      *loglik = cox_scan (d, beta, lo, m2, &here, ll, u, imat);
      return TRUE;
    }
  ll = cox_scan (d, beta, m1, m2, &here, ll, u, imat);
  pthread_join (thread, NULL);
  if (here.recenter != 0)
    {
      /* the reference moved in c2: c1 again from this thread's sums */
      *loglik = cox_scan (d, beta, lo, m1, &here, ll, u, imat);
      return TRUE;
    }
  *loglik = ll + part->loglik;
  for (guint i = 0; i < p; i++)
    {
      u[i] += part->u[i];
      for (guint j = 0; j <= i; j++)
        imat[(gsize) i * p + j] += part->imat[(gsize) i * p + j];
    }

  return TRUE;
}

/* One evaluation of the partial log-likelihood, its score u and information imat (full,
 * symmetric) at beta, in the centred and scaled coordinates. */
static double
cox_accumulate (CoxData      *d,
                const double *beta,
                double       *u,
                double       *imat)
{
  const guint p = d->p;
  double loglik = 0;

  memset (u, 0, p * sizeof (double));
  memset (imat, 0, (gsize) p * p * sizeof (double));

  for (gsize s = 0; s < d->n_ranges; s++)
    {
      const gsize lo = d->range[s], hi = d->range[s + 1];
      CoxScan sc = { 0, 0, 0, hi, d->a, d->cmat, d->a2, d->cmat2 };

      if (!d->counting && cox_use_threads (hi - lo) &&
          cox_scan_two (d, beta, lo, hi, &loglik, u, imat))
        continue;
      memset (d->a, 0, p * sizeof (double));
      memset (d->cmat, 0, (gsize) p * p * sizeof (double));
      loglik = cox_scan (d, beta, lo, hi, &sc, loglik, u, imat);
    }

  for (guint i = 0; i < p; i++)
    for (guint j = 0; j < i; j++)
      imat[(gsize) j * p + i] = imat[(gsize) i * p + j];

  return loglik;
}

static gboolean
is_cancelled (const EpCoxOptions *options)
{
  return options->cancel != NULL && g_atomic_int_get (options->cancel) != 0;
}

static void
fit_free_arrays (EpCoxFit *fit)
{
  g_free (fit->coef);
  g_free (fit->se);
  g_free (fit->hr);
  g_free (fit->hr_lower);
  g_free (fit->hr_upper);
  g_free (fit->z);
  g_free (fit->p_value);
  g_free (fit->singular);
  g_free (fit->infinite);
  g_free (fit->var);
  g_free (fit->means);
  g_free (fit->score);
  g_strfreev (fit->warnings);
}

void
ep_cox_fit_free (EpCoxFit *fit)
{
  if (fit == NULL)
    return;
  fit_free_arrays (fit);
  g_free (fit);
}

static char *
term_label (const EpCoxOptions *options,
            guint               j)
{
  if (options->term_names != NULL && options->term_names[j] != NULL)
    return g_strdup_printf ("%u (%s)", j + 1, options->term_names[j]);
  return g_strdup_printf ("%u", j + 1);
}

/* A block's memory beyond the first `used` bytes goes back to the system: for the design,
 * larger than ep_big_alloc()'s cache keeps (so nothing would reuse those pages once it is
 * freed), lent to the concordance, which needs 28 bytes a row of its 8 p; the rest would only
 * add to the peak. Whole pages strictly inside the block; their contents are dead (they
 * read back as zeros). */
static void
lend_tail (gpointer block,
           gsize    size,
           gsize    used)
{
#if defined(MADV_DONTNEED) && defined(G_OS_UNIX)
  const guintptr page = 4096;
  guintptr from = ((guintptr) block + used + page - 1) & ~(page - 1);
  guintptr to = ((guintptr) block + size) & ~(page - 1);

  if (to > from)
    madvise ((gpointer) from, to - from, MADV_DONTNEED);
#else
  (void) block;
  (void) size;
  (void) used;
#endif
}

static gboolean
all_finite (const double *v,
            gsize         n)
{
  for (gsize i = 0; i < n; i++)
    if (!isfinite (v[i]))
      return FALSE;
  return TRUE;
}

/* The chi-square upper tail; NaN for df = 0 or a non-finite statistic. */
static double
chisq_q (double x,
         guint  df)
{
  if (df == 0 || !isfinite (x))
    return NAN;
  return gsl_cdf_chisq_Q (MAX (x, 0.0), (double) df);
}

static EpCoxFit *
cox_fit (gsize               n,
         const double       *start,
         const double       *stop,
         const int          *status,
         const CoxSource    *x,
         guint               p,
         const guint        *strata,
         guint               n_strata,
         const EpCoxOptions *options,
         GError            **error)
{
  g_autoptr(EpCoxFit) fit = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *scale = NULL;
  g_autofree double *beta = NULL;
  g_autofree double *newbeta = NULL;
  g_autofree double *oldbeta = NULL;
  g_autofree double *step = NULL;
  g_autofree double *u = NULL;
  g_autofree double *imat = NULL;
  ep_autobig double *stop_fixed = NULL;
  ep_autobig double *start_fixed = NULL;
  const gboolean counting = start != NULL;
  gsize n_timefix = 0;
  EpCoxOptions defaults;
  CoxData d;
  double loglik_best, newlk = 0, zq;
  guint rank0, rank = 0, iter = 0, halving = 0;
  gboolean converged = FALSE;
  EpConcordance concordance;
  gsize z_size;

  if (options == NULL)
    {
      ep_cox_options_init (&defaults);
      options = &defaults;
    }

  if (n == 0 || p == 0)
    {
      g_set_error_literal (error, EP_COX_ERROR, EP_COX_ERROR_INPUT,
                           n == 0 ? _("There are no observations")
                                  : _("The model has no covariates"));
      return NULL;
    }

  /* R's tie rule on copies of the times (coxph applies aeqSurv to Y before anything else);
   * without entry times ep_cox_data_init() applies it while it sorts */
  if (options->timefix && start != NULL)
    {
      stop_fixed = ep_big_new (double, n);
      start_fixed = start != NULL ? ep_big_new (double, n) : NULL;
      n_timefix = ep_timefix (n, start, stop, EP_TIMEFIX_TOLERANCE, start_fixed, stop_fixed);
      if (n_timefix > 0)
        {
          stop = stop_fixed;
          if (start != NULL)
            start = start_fixed;
        }
    }

  fit = g_new0 (EpCoxFit, 1);
  fit->timefix = options->timefix;
  fit->n_timefix = n_timefix;
  fit->n = n;
  fit->p = p;
  fit->conf_level = options->conf_level;
  fit->means = g_new0 (double, p);
  scale = g_new (double, p);

  if (!ep_cox_data_init (&d, n, start, stop, status, x, p, strata, n_strata, options,
                      fit->means, scale, &fit->n_events,
                      options->timefix && start == NULL ? EP_TIMEFIX_TOLERANCE : 0.0,
                      &fit->n_timefix, error))
    {
      ep_cox_data_clear (&d);
      return NULL;
    }
  /* the sorted copies hold all that is needed from here on */
  g_clear_pointer (&stop_fixed, ep_big_free);
  g_clear_pointer (&start_fixed, ep_big_free);
  start = stop = NULL;
  status = NULL;

  beta = g_new0 (double, p);
  newbeta = g_new0 (double, p);
  oldbeta = g_new0 (double, p);
  step = g_new (double, p);
  u = g_new (double, p);
  imat = g_new (double, (gsize) p * p);

  /* Iteration 0: beta = 0 gives the null log-likelihood and the score test. */
  fit->loglik_null = cox_accumulate (&d, beta, u, imat);
  memcpy (step, u, p * sizeof (double));
  rank0 = rank = ep_cholesky_ldl (imat, p, options->toler_chol);
  ep_cholesky_solve (imat, p, step);
  fit->score_chisq = 0;
  for (guint i = 0; i < p; i++)
    fit->score_chisq += u[i] * step[i];
  loglik_best = newlk = fit->loglik_null;

  if (rank0 == 0)
    {
      ep_cox_data_clear (&d);
      g_set_error_literal (error, EP_COX_ERROR, EP_COX_ERROR_SINGULAR,
                           _("No coefficient can be estimated: every covariate is constant "
                             "within the risk sets of the events"));
      return NULL;
    }

  if (!d.counting)
    {
      /* coxfit6: newbeta is the trial point, beta the last accepted one. Convergence is
       * allowed on a halved step. */
      for (guint i = 0; i < p; i++)
        newbeta[i] = beta[i] + step[i];

      for (iter = 1; iter <= options->iter_max; iter++)
        {
          gboolean finite;

          if (is_cancelled (options))
            break;

          newlk = cox_accumulate (&d, newbeta, u, imat);
          rank = ep_cholesky_ldl (imat, p, options->toler_chol);
          finite = isfinite (newlk) && all_finite (u, p) && all_finite (imat, (gsize) p * p);

          if (finite && fabs (1 - loglik_best / newlk) <= options->eps)
            {
              memcpy (beta, newbeta, p * sizeof (double));
              loglik_best = newlk;
              converged = TRUE;
              break;
            }

          if (!finite || newlk < loglik_best)
            {
              /* step halving, more aggressive each time */
              halving++;
              for (guint i = 0; i < p; i++)
                newbeta[i] = (newbeta[i] + halving * beta[i]) / (halving + 1.0);
            }
          else
            {
              halving = 0;
              loglik_best = newlk;
              memcpy (step, u, p * sizeof (double));
              ep_cholesky_solve (imat, p, step);
              for (guint i = 0; i < p; i++)
                {
                  beta[i] = newbeta[i];
                  newbeta[i] += step[i];
                }
            }
        }

      if (!converged && !is_cancelled (options))
        {
          /* out of iterations: report the last accepted beta, with u and imat there */
          iter = MIN (iter, options->iter_max);
          newlk = cox_accumulate (&d, beta, u, imat);
          rank = ep_cholesky_ldl (imat, p, options->toler_chol);
        }
    }
  else
    {
      /* agfit4: beta is the trial point, oldbeta the last accepted one. Convergence only on
       * a full step whose information has the rank of the first. */
      memcpy (oldbeta, beta, p * sizeof (double));
      if (options->iter_max > 0)
        for (guint i = 0; i < p; i++)
          beta[i] += step[i];

      for (iter = 1; iter <= options->iter_max; iter++)
        {
          guint fail = 0;

          if (is_cancelled (options))
            break;

          newlk = cox_accumulate (&d, beta, u, imat);
          for (guint i = 0; i < p; i++)
            if (!isfinite (imat[i * p + i]))
              fail++;
          rank = ep_cholesky_ldl (imat, p, options->toler_chol);
          if (!isfinite (newlk))
            fail++;
          if (rank != rank0)
            fail++;

          if (fail == 0 && halving == 0 && fabs (1 - loglik_best / newlk) <= options->eps)
            {
              converged = TRUE;
              break;
            }

          if (iter == options->iter_max)
            {
              /* out of iterations: if this trial is worse than the best by more than
               * rounding, go back to the best */
              if (!isfinite (newlk) || (newlk - loglik_best) / fabs (loglik_best) < -options->eps)
                {
                  memcpy (beta, oldbeta, p * sizeof (double));
                  newlk = cox_accumulate (&d, beta, u, imat);
                  rank = ep_cholesky_ldl (imat, p, options->toler_chol);
                }
              break;
            }

          if (fail > 0 || newlk < loglik_best)
            {
              halving++;
              for (guint i = 0; i < p; i++)
                beta[i] = (oldbeta[i] * halving + beta[i]) / (halving + 1.0);
            }
          else
            {
              halving = 0;
              loglik_best = newlk;
              memcpy (step, u, p * sizeof (double));
              ep_cholesky_solve (imat, p, step);
              for (guint i = 0; i < p; i++)
                {
                  oldbeta[i] = beta[i];
                  beta[i] += step[i];
                }
            }
        }
      iter = MIN (iter, options->iter_max);
    }

  if (is_cancelled (options))
    {
      ep_cox_data_clear (&d);
      g_set_error_literal (error, EP_COX_ERROR, EP_COX_ERROR_CANCELLED,
                           _("The Cox model fit was cancelled"));
      return NULL;
    }

  if (rank == 0)
    {
      ep_cox_data_clear (&d);
      g_set_error_literal (error, EP_COX_ERROR, EP_COX_ERROR_SINGULAR,
                           _("No coefficient can be estimated: the information matrix at the "
                             "fit has rank 0"));
      return NULL;
    }

  ep_cholesky_invert (imat, p);

  /* Back to the original scale. */
  fit->coef = g_new (double, p);
  fit->score = g_new (double, p);
  fit->var = g_new (double, (gsize) p * p);
  for (guint i = 0; i < p; i++)
    {
      fit->coef[i] = beta[i] * scale[i];
      fit->score[i] = u[i] / scale[i];
      for (guint j = 0; j < p; j++)
        fit->var[(gsize) i * p + j] = imat[(gsize) i * p + j] * scale[i] * scale[j];
    }
  fit->loglik = newlk;
  fit->iterations = iter;
  fit->converged = converged;
  fit->rank = rank;

  fit->singular = g_new0 (gboolean, p);
  fit->infinite = g_new0 (gboolean, p);
  if (rank < p)
    for (guint j = 0; j < p; j++)
      fit->singular[j] = fit->var[(gsize) j * p + j] == 0;

  /* Monotone likelihood (coxph.fit / agreg.fit): the Newton step still left, |u' V|. */
  if (options->iter_max > 1)
    {
      gboolean any_infinite = FALSE;

      for (guint j = 0; j < p; j++)
        {
          double infs = 0;

          for (guint i = 0; i < p; i++)
            infs += fit->score[i] * fit->var[(gsize) i * p + j];
          infs = fabs (infs);

          if (!converged)
            {
              if (!isfinite (infs))
                any_infinite = TRUE;
              continue;
            }
          if (counting ? (!isfinite (fit->score[j])
                            || infs > options->toler_inf * (1 + fabs (fit->coef[j])))
                         : (!isfinite (fit->score[j])
                            || (infs > options->eps
                                && infs > options->toler_inf * fabs (fit->coef[j]))))
            {
              g_autofree char *label = term_label (options, j);

              fit->infinite[j] = TRUE;
              g_ptr_array_add (warnings,
                               g_strdup_printf (_("Loglik converged before variable %s; "
                                                  "coefficient may be infinite"), label));
            }
        }

      /* coxph.fit's rule; agreg.fit only warns, we apply it to (start, stop] data too */
      if (!converged)
        {
          double lp_max = -INFINITY;

          /* eta at the reported beta is coxph's linear predictor x beta - means' beta */
          for (gsize k = 0; k < n; k++)
            lp_max = MAX (lp_max, d.eta[k]);
          g_ptr_array_add (warnings,
                           g_strdup_printf (_("Ran out of iterations (%u) and did not converge"),
                                            options->iter_max));
          if (lp_max > 500 || any_infinite)
            {
              g_ptr_array_add (warnings, g_strdup (_("One or more coefficients may be infinite")));
              for (guint j = 0; j < p; j++)
                fit->infinite[j] = !fit->singular[j];
            }
        }
    }

  for (guint j = 0; j < p; j++)
    if (fit->singular[j])
      {
        g_autofree char *label = term_label (options, j);

        g_ptr_array_add (warnings,
                         g_strdup_printf (_("X matrix deemed to be singular; variable %s: "
                                            "its coefficient cannot be estimated"), label));
      }

  /* Per term: Wald z, two-sided p, hazard ratio and its confidence interval. */
  zq = gsl_cdf_ugaussian_Pinv (1 - (1 - options->conf_level) / 2);
  fit->se = g_new (double, p);
  fit->hr = g_new (double, p);
  fit->hr_lower = g_new (double, p);
  fit->hr_upper = g_new (double, p);
  fit->z = g_new (double, p);
  fit->p_value = g_new (double, p);
  fit->df = 0;
  for (guint j = 0; j < p; j++)
    {
      if (fit->singular[j])
        {
          fit->coef[j] = fit->se[j] = fit->hr[j] = fit->hr_lower[j] = fit->hr_upper[j] = NAN;
          fit->z[j] = fit->p_value[j] = NAN;
          continue;
        }
      fit->df++;
      fit->se[j] = sqrt (fit->var[(gsize) j * p + j]);
      fit->hr[j] = exp (fit->coef[j]);
      fit->hr_lower[j] = exp (fit->coef[j] - zq * fit->se[j]);
      fit->hr_upper[j] = exp (fit->coef[j] + zq * fit->se[j]);
      fit->z[j] = fit->coef[j] / fit->se[j];
      fit->p_value[j] = 2 * gsl_cdf_ugaussian_Q (fabs (fit->z[j]));
    }

  /* Wald test as coxph.wtest: the same Cholesky on V over the identified terms. */
  {
    g_autofree double *v = g_new (double, (gsize) fit->df * fit->df);
    g_autofree double *b = g_new (double, fit->df);
    g_autofree double *solve = g_new (double, fit->df);
    guint q = 0;

    for (guint i = 0; i < p; i++)
      {
        guint r = 0;

        if (fit->singular[i])
          continue;
        b[q] = fit->coef[i];
        for (guint j = 0; j < p; j++)
          if (!fit->singular[j])
            v[(gsize) q * fit->df + r++] = fit->var[(gsize) i * p + j];
        q++;
      }
    ep_cholesky_ldl (v, fit->df, options->toler_chol);
    memcpy (solve, b, fit->df * sizeof (double));
    ep_cholesky_solve (v, fit->df, solve);
    fit->wald_chisq = 0;
    for (guint i = 0; i < fit->df; i++)
      fit->wald_chisq += b[i] * solve[i];
  }

  fit->lr_chisq = 2 * (fit->loglik - fit->loglik_null);
  fit->lr_p = chisq_q (fit->lr_chisq, fit->df);
  fit->wald_p = chisq_q (fit->wald_chisq, fit->df);
  fit->score_p = chisq_q (fit->score_chisq, fit->df);

  /* On the linear predictor at the reported beta (unidentified terms count as 0, as in
   * coxph.fit), already in time order. The design is not needed any more. Freed, its
   * resident pages go to ep_big_alloc()'s cache, which hands them to the concordance's work
   * arrays; but a design larger than that cache keeps (EP_BIG_CACHE_LIMIT, 256 MB: 1e7 rows
   * and 6 terms make 480 MB) would be unmapped and the work arrays faulted in fresh, so such
   * a design is lent to the concordance instead (n p 8 bytes against its 28 n: with 4 terms
   * or more), its unused tail returned to the system first (the peak does not grow). */
  z_size = (gsize) p * sizeof (double) * n;
  if (z_size <= EP_BIG_CACHE_LIMIT || z_size < ep_concordance_work_size (n))
    g_clear_pointer (&d.z, ep_big_free);
  else
    lend_tail (d.z, z_size, ep_concordance_work_size (n));
  if (options->skip_concordance)
    {
      memset (&concordance, 0, sizeof concordance);
      concordance.concordance = NAN;
      concordance.std_err = NAN;
    }
  else if (!ep_concordance_sorted_in (n, d.time, d.status, d.eta, d.range, d.n_ranges,
                                      d.start_pos, d.start_time, d.z,
                                      d.z != NULL ? z_size : 0, &concordance))
    {
      /* only past its size limit (2^30 rows): no C rather than a wrong one */
      memset (&concordance, 0, sizeof concordance);
      concordance.concordance = NAN;
      concordance.std_err = NAN;
    }
  ep_cox_data_clear (&d);
  fit->concordance = concordance.concordance;
  fit->concordance_se = concordance.std_err;
  fit->concordant = concordance.concordant;
  fit->discordant = concordance.discordant;
  fit->tied_risk = concordance.tied_risk;
  fit->tied_time = concordance.tied_time;
  fit->tied_both = concordance.tied_both;

  g_ptr_array_add (warnings, NULL);
  fit->warnings = (char **) g_ptr_array_free (g_steal_pointer (&warnings), FALSE);

  return g_steal_pointer (&fit);
}

EpCoxFit *
ep_cox_fit (gsize               n,
            const double       *start,
            const double       *stop,
            const int          *status,
            const double       *x,
            guint               p,
            const guint        *strata,
            guint               n_strata,
            const EpCoxOptions *options,
            GError            **error)
{
  CoxSource source = { x, NULL };

  g_return_val_if_fail (n == 0 || (stop != NULL && status != NULL && x != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return cox_fit (n, start, stop, status, &source, p, strata, n_strata, options, error);
}

EpCoxFit *
ep_cox_fit_columns (gsize               n,
                    const double       *start,
                    const double       *stop,
                    const int          *status,
                    const EpCoxColumn  *columns,
                    guint               p,
                    const guint        *strata,
                    guint               n_strata,
                    const EpCoxOptions *options,
                    GError            **error)
{
  CoxSource source = { NULL, columns };

  g_return_val_if_fail (n == 0 || (stop != NULL && status != NULL && columns != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  for (guint j = 0; j < p && n > 0; j++)
    g_return_val_if_fail (columns[j].numbers != NULL || columns[j].codes != NULL, NULL);

  return cox_fit (n, start, stop, status, &source, p, strata, n_strata, options, error);
}
