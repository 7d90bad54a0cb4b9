/* ep-concordance.c: Harrell's concordance of a risk score with censored survival
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ep-concordance.h for the contract. The walk follows survival's concordance3 (right
 * censored) and concordance4 ((start, stop]) kernels: times are visited from the last to the
 * first; "risk" holds everyone at risk, "dead" the events seen so far, both as Fenwick trees
 * over the rank of the risk score. A subject's share of the pairs in which it is the partner
 * at risk is read from "dead" as (events when it leaves the risk set) - (events when it
 * enters), so the events at its own time and itself cancel out.
 */
#include "config.h"

#include <math.h>

#include "core/ep-concordance.h"
#include "core/ep-sort.h"

/* A Fenwick (binary indexed) tree of weights over ranks 0 .. size-1, plus the weight at each
 * rank for the ties. */
typedef struct
{
  gsize   size;
  double *tree;   /* 1-based partial sums */
  double *node;   /* weight at each rank */
  double  total;
} Fenwick;

static void
fenwick_init (Fenwick *f,
              gsize    size)
{
  f->size = size;
  f->tree = g_new0 (double, size + 1);
  f->node = g_new0 (double, size);
  f->total = 0;
}

static void
fenwick_clear (Fenwick *f)
{
  g_free (f->tree);
  g_free (f->node);
}

static inline void
fenwick_add (Fenwick *f,
             gsize    rank,
             double   w)
{
  f->node[rank] += w;
  f->total += w;
  for (gsize i = rank + 1; i <= f->size; i += i & (~i + 1))
    f->tree[i] += w;
}

/* Weights strictly below, equal to and strictly above rank. */
static inline void
fenwick_walk (const Fenwick *f,
              gsize          rank,
              double        *below,
              double        *equal,
              double        *above)
{
  double upto = 0;   /* ranks 0 .. rank */

  for (gsize i = rank + 1; i > 0; i -= i & (~i + 1))
    upto += f->tree[i];

  *equal = f->node[rank];
  *below = upto - *equal;
  *above = f->total - upto;
}

/* Per-subject pair counts, in the orientation of the result: c = pairs the subject takes
 * part in that are concordant, d discordant, t tied on risk. */
typedef struct
{
  double c, d, t;
} Share;

/* Subject i leaves the window of events it can be paired with as the partner at risk: add
 * the events counted since it entered. An event with higher risk than i's makes the pair
 * concordant (the earlier event has the higher risk). */
static inline void
share_close (Share         *s,
             const Fenwick *dead,
             gsize          rank)
{
  double below, equal, above;

  fenwick_walk (dead, rank, &below, &equal, &above);
  s->c += above;
  s->d += below;
  s->t += equal;
}

static inline void
share_open (Share         *s,
            const Fenwick *dead,
            gsize          rank)
{
  double below, equal, above;

  fenwick_walk (dead, rank, &below, &equal, &above);
  s->c -= above;
  s->d -= below;
  s->t -= equal;
}

gboolean
ep_concordance (gsize          n,
                const double  *start,
                const double  *stop,
                const int     *status,
                const double  *risk,
                const guint   *strata,
                guint          n_strata,
                EpConcordance *result)
{
  g_autofree guint *by_stop = NULL;
  g_autofree guint *by_start = NULL;
  g_autofree guint *by_risk = NULL;
  g_autofree gsize *rank = NULL;
  g_autofree Share *share = NULL;
  g_autofree double *entered_dead = NULL;
  Fenwick at_risk, dead;
  gsize n_rank = 0;
  double C = 0, D = 0, T = 0, tied_time = 0, tied_both = 0;
  double npair, somers, var;

  g_return_val_if_fail (n == 0 || (stop != NULL && status != NULL && risk != NULL), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  for (gsize i = 0; i < n; i++)
    if (status[i] != 0 && status[i] != 1)
      return FALSE;

  by_stop = g_new (guint, MAX (n, 1));
  if (!ep_sort_order_by_code_and_time (stop, strata, n_strata, n, by_stop))
    return FALSE;
  if (start != NULL)
    {
      by_start = g_new (guint, MAX (n, 1));
      ep_sort_order_by_code_and_time (start, strata, n_strata, n, by_start);
    }

  /* Rank the risk scores: equal scores share a rank. */
  by_risk = g_new (guint, MAX (n, 1));
  ep_sort_order_by_code_and_time (risk, NULL, 0, n, by_risk);
  rank = g_new (gsize, MAX (n, 1));
  for (gsize k = 0; k < n; k++)
    {
      if (k > 0 && risk[by_risk[k]] != risk[by_risk[k - 1]])
        n_rank++;
      rank[by_risk[k]] = n_rank;
    }
  n_rank++;

  share = g_new0 (Share, MAX (n, 1));
  entered_dead = g_new0 (double, MAX (n, 1));
  fenwick_init (&at_risk, n_rank);
  fenwick_init (&dead, n_rank);

  /* One stratum at a time: [lo, hi) in both orders (they group the same rows). */
  for (gsize lo = 0, hi; lo < n; lo = hi)
    {
      guint stratum = strata != NULL ? strata[by_stop[lo]] : 0;
      gsize k, r;   /* k walks by_stop down, r walks by_start down */

      for (hi = lo + 1; hi < n && (strata == NULL || strata[by_stop[hi]] == stratum); hi++)
        ;

      k = hi;
      r = hi;
      while (k > lo)
        {
          double t = stop[by_stop[k - 1]];
          gsize batch_end = k, batch_lo, n_dead = 0;

          for (batch_lo = k; batch_lo > lo && stop[by_stop[batch_lo - 1]] == t; batch_lo--)
            ;

          /* Censored at t: at risk for the events at t. */
          for (gsize m = batch_lo; m < batch_end; m++)
            {
              guint i = by_stop[m];

              if (status[i] != 0)
                {
                  n_dead++;
                  continue;
                }
              share_open (&share[i], &dead, rank[i]);
              fenwick_add (&at_risk, rank[i], 1.0);
            }

          if (n_dead > 0)
            {
              /* Leave the risk set: those that entered at or after t. */
              if (by_start != NULL)
                {
                  for (; r > lo && start[by_start[r - 1]] >= t; r--)
                    {
                      guint j = by_start[r - 1];

                      share_close (&share[j], &dead, rank[j]);
                      fenwick_add (&at_risk, rank[j], -1.0);
                    }
                }

              /* Each event against everyone at risk and not an event at t. */
              for (gsize m = batch_lo; m < batch_end; m++)
                {
                  guint i = by_stop[m];
                  double below, equal, above;

                  if (status[i] == 0)
                    continue;
                  fenwick_walk (&at_risk, rank[i], &below, &equal, &above);
                  C += below;
                  D += above;
                  T += equal;
                  share[i].c += below;
                  share[i].d += above;
                  share[i].t += equal;
                }

              /* Events at t: pairs among them are tied on time; the equal-risk ones counted
               * from the events tree before and while they are added. */
              for (gsize m = batch_lo; m < batch_end; m++)
                {
                  guint i = by_stop[m];

                  if (status[i] == 0)
                    continue;
                  entered_dead[i] = dead.node[rank[i]];
                }
              for (gsize m = batch_lo, seen = 0; m < batch_end; m++)
                {
                  guint i = by_stop[m];

                  if (status[i] == 0)
                    continue;
                  tied_time += seen;
                  tied_both += dead.node[rank[i]] - entered_dead[i];
                  fenwick_add (&dead, rank[i], 1.0);
                  seen++;
                }

              /* They are partners at risk for earlier events from now on. */
              for (gsize m = batch_lo; m < batch_end; m++)
                {
                  guint i = by_stop[m];

                  if (status[i] == 0)
                    continue;
                  share_open (&share[i], &dead, rank[i]);
                  fenwick_add (&at_risk, rank[i], 1.0);
                }
            }

          k = batch_lo;
        }

      /* Close the stratum: everyone still at risk leaves, and the trees are emptied so the
       * next stratum starts from zero without an O(n) reset. */
      if (by_start != NULL)
        {
          for (; r > lo; r--)
            {
              guint j = by_start[r - 1];

              share_close (&share[j], &dead, rank[j]);
              fenwick_add (&at_risk, rank[j], -1.0);
            }
        }
      else
        {
          for (gsize m = lo; m < hi; m++)
            {
              guint j = by_stop[m];

              share_close (&share[j], &dead, rank[j]);
              fenwick_add (&at_risk, rank[j], -1.0);
            }
        }
      for (gsize m = lo; m < hi; m++)
        {
          guint j = by_stop[m];

          if (status[j] != 0)
            fenwick_add (&dead, rank[j], -1.0);
        }
      /* Guard against rounding in the running totals (weights are integers, so this only
       * resets -0 and the like). */
      at_risk.total = 0;
      dead.total = 0;
    }

  fenwick_clear (&at_risk);
  fenwick_clear (&dead);

  npair = C + D + T;
  result->concordant = C;
  result->discordant = D;
  result->tied_risk = T;
  result->tied_time = tied_time - tied_both;
  result->tied_both = tied_both;

  if (npair <= 0)
    {
      result->concordance = NAN;
      result->std_err = NAN;
      return TRUE;
    }

  /* coxph reports 1 - (d + 1) / 2 for the reversed score; the same number, same rounding. */
  somers = (D - C) / npair;
  result->concordance = 1 - (somers + 1) / 2;

  var = 0;
  for (gsize i = 0; i < n; i++)
    {
      double dfbeta = (share[i].d - share[i].c) / npair
                      - (somers / npair) * (share[i].c + share[i].d + share[i].t);

      var += dfbeta * dfbeta;
    }
  result->std_err = sqrt (var / 4);

  return TRUE;
}
