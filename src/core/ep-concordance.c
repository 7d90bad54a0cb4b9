/* ep-concordance.c: Harrell's concordance of a risk score with censored survival
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ep-concordance.h for the contract. The walk follows survival's concordance3 (right
 * censored) and concordance4 ((start, stop]) kernels: times are visited from the last to the
 * first; "at_risk" holds everyone at risk, "dead" the events seen so far, both as sets of
 * positions in risk order. A subject's share of the pairs in which it is the partner
 * at risk is read from "dead" as (events when it leaves the risk set) - (events when it
 * enters), so the events at its own time and itself cancel out.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "core/ep-concordance.h"
#include "core/ep-memory.h"
#include "core/ep-permute.h"
#include "core/ep-sort.h"

#if defined(__GNUC__)
#define EP_ALWAYS_INLINE inline __attribute__ ((always_inline))
#define EP_PREFETCH_WRITE(address) __builtin_prefetch ((address), 1)
#else
#define EP_ALWAYS_INLINE inline
#define EP_PREFETCH_WRITE(address) ((void) 0)
#endif

/* x86: the kernel is compiled twice, once for the baseline ISA (where __builtin_popcountll is a
 * call into libgcc) and once with the popcnt instruction, chosen at run time by the CPU. */
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define EP_POPCNT_DISPATCH 1
#endif

/* The subjects in a tree, as a set of positions in the order of their risk scores (one
 * position per subject, so each is in or out): a bitmap, and a Fenwick (binary indexed) tree
 * of the number of members per 64-bit word. For a million subjects that is 125 kB + 62 kB,
 * which stays in cache where a tree of doubles per rank would not. Equal risks occupy a run
 * of positions [first, last]. */
typedef struct
{
  gsize    n_words;
  guint64 *bits;    /* n_words + 1 words, the last always 0 */
  guint32 *tree;    /* 1-based Fenwick tree over the words' counts */
  gsize    total;
} RankSet;

static void
rank_set_init (RankSet *s,
               gsize    n)
{
  s->n_words = n / 64 + 1;
  s->bits = g_new0 (guint64, s->n_words + 1);
  s->tree = g_new0 (guint32, s->n_words + 1);
  s->total = 0;
}

static void
rank_set_clear (RankSet *s)
{
  g_free (s->bits);
  g_free (s->tree);
}

/* Empties the set in O(n / 64); for small strata rank_set_remove () each member instead. */
static void
rank_set_reset (RankSet *s)
{
  memset (s->bits, 0, (s->n_words + 1) * sizeof (guint64));
  memset (s->tree, 0, (s->n_words + 1) * sizeof (guint32));
  s->total = 0;
}

static EP_ALWAYS_INLINE void
rank_set_insert (RankSet *s,
                 gsize    pos)
{
  s->bits[pos >> 6] |= G_GUINT64_CONSTANT (1) << (pos & 63);
  for (gsize i = (pos >> 6) + 1; i <= s->n_words; i += i & (~i + 1))
    s->tree[i]++;
  s->total++;
}

static EP_ALWAYS_INLINE void
rank_set_remove (RankSet *s,
                 gsize    pos)
{
  s->bits[pos >> 6] &= ~(G_GUINT64_CONSTANT (1) << (pos & 63));
  for (gsize i = (pos >> 6) + 1; i <= s->n_words; i += i & (~i + 1))
    s->tree[i]--;
  s->total--;
}

/* Members at positions < pos (pos <= n). */
static EP_ALWAYS_INLINE gsize
rank_set_count_below (const RankSet *s,
                      gsize          pos)
{
  gsize w = pos >> 6, count = 0;

  for (gsize i = w; i > 0; i -= i & (~i + 1))
    count += s->tree[i];
  return count + (gsize) __builtin_popcountll (s->bits[w]
                                               & ((G_GUINT64_CONSTANT (1) << (pos & 63)) - 1));
}

/* Members with a risk below, equal to and above the risk whose positions are [first, last]. */
static EP_ALWAYS_INLINE void
rank_set_walk (const RankSet *s,
               gsize          first,
               gsize          last,
               gsize         *below,
               gsize         *equal,
               gsize         *above)
{
  gsize n_below = rank_set_count_below (s, first), n_equal;

  if (first == last)
    n_equal = (s->bits[first >> 6] >> (first & 63)) & 1;
  else
    n_equal = rank_set_count_below (s, last + 1) - n_below;

  *below = n_below;
  *equal = n_equal;
  *above = s->total - n_below - n_equal;
}

/* Per-subject pair counts, in the orientation of the result: c = pairs the subject takes
 * part in that are concordant, d discordant, t tied on risk. Whole numbers of magnitude at
 * most 2n (a subject takes part in fewer than n pairs; while it is at risk its counts hold
 * minus the events it saw enter), so 32 bits for n < 2^30; they convert to the same doubles
 * that the sums of doubles gave before. */
typedef struct
{
  gint32 c, d, t;
} Share;

/* Where subject i sits among the risk scores (32-bit: n < 2^30). */
typedef struct
{
  guint32 pos;     /* its own position */
  guint32 first;   /* the run of positions with its risk */
  guint32 last;
} Place;

/* Subject i leaves the window of events it can be paired with as the partner at risk: add
 * the events counted since it entered. An event with higher risk than i's makes the pair
 * concordant (the earlier event has the higher risk). */
static EP_ALWAYS_INLINE void
share_close (Share         *s,
             const RankSet *dead,
             const Place   *place)
{
  gsize below, equal, above;

  rank_set_walk (dead, place->first, place->last, &below, &equal, &above);
  s->c += (gint32) above;
  s->d += (gint32) below;
  s->t += (gint32) equal;
}

static EP_ALWAYS_INLINE void
share_open (Share         *s,
            const RankSet *dead,
            const Place   *place)
{
  gsize below, equal, above;

  rank_set_walk (dead, place->first, place->last, &below, &equal, &above);
  s->c -= (gint32) above;
  s->d -= (gint32) below;
  s->t -= (gint32) equal;
}

typedef struct
{
  double C, D, T, tied_time, tied_both;
} Counts;

/* The walk over the strata; fills share and counts. Inlined into one function per ISA. */
static EP_ALWAYS_INLINE void
concordance_walk (gsize          n,
                  const double  *time,
                  const int     *status,
                  const gsize   *range,
                  gsize          n_ranges,
                  const gsize   *start_pos,
                  const double  *start_time,
                  const Place   *place,
                  Share         *share,
                  guint32       *entered_dead,
                  Counts        *counts)
{
  RankSet at_risk, dead;
  double C = 0, D = 0, T = 0, tied_time = 0, tied_both = 0;

  rank_set_init (&at_risk, n);
  rank_set_init (&dead, n);

  for (gsize s = 0; s < n_ranges; s++)
    {
      const gsize lo = range[s], hi = range[s + 1];
      /* a small stratum empties the sets member by member, a large one wholesale */
      const gboolean small = (hi - lo) * 16 < at_risk.n_words;
      gsize k = hi, r = hi;   /* k walks the stop order down, r the start order */

      while (k > lo)
        {
          double t = time[k - 1];
          gsize batch_lo, n_dead = 0;

          for (batch_lo = k; batch_lo > lo && time[batch_lo - 1] == t; batch_lo--)
            n_dead += status[batch_lo - 1] != 0;

          /* Censored at t: at risk for the events at t. */
          for (gsize m = batch_lo; m < k; m++)
            {
              if (status[m] != 0)
                continue;
              share_open (&share[m], &dead, &place[m]);
              rank_set_insert (&at_risk, place[m].pos);
            }

          if (n_dead > 0)
            {
              /* Leave the risk set: those that entered at or after t. */
              if (start_pos != NULL)
                {
                  for (; r > lo && start_time[r - 1] >= t; r--)
                    {
                      gsize j = start_pos[r - 1];

                      share_close (&share[j], &dead, &place[j]);
                      rank_set_remove (&at_risk, place[j].pos);
                    }
                }

              /* Each event against everyone at risk and not an event at t. */
              for (gsize m = batch_lo; m < k; m++)
                {
                  gsize below, equal, above;

                  if (status[m] == 0)
                    continue;
                  rank_set_walk (&at_risk, place[m].first, place[m].last, &below, &equal, &above);
                  C += (double) below;
                  D += (double) above;
                  T += (double) equal;
                  share[m].c += (gint32) below;
                  share[m].d += (gint32) above;
                  share[m].t += (gint32) equal;
                }

              /* Events at t: pairs among them are tied on time; those with equal risk are
               * counted from the events' set before and while they join it. */
              for (gsize m = batch_lo; m < k; m++)
                {
                  gsize below, equal, above;

                  if (status[m] != 0)
                    {
                      rank_set_walk (&dead, place[m].first, place[m].last,
                                     &below, &equal, &above);
                      entered_dead[m - batch_lo] = (guint32) equal;
                    }
                }
              for (gsize m = batch_lo, seen = 0; m < k; m++)
                {
                  gsize below, equal, above;

                  if (status[m] == 0)
                    continue;
                  rank_set_walk (&dead, place[m].first, place[m].last, &below, &equal, &above);
                  tied_time += (double) seen;
                  tied_both += (double) equal - (double) entered_dead[m - batch_lo];
                  rank_set_insert (&dead, place[m].pos);
                  seen++;
                }

              /* They are partners at risk for earlier events from now on. */
              for (gsize m = batch_lo; m < k; m++)
                {
                  if (status[m] == 0)
                    continue;
                  share_open (&share[m], &dead, &place[m]);
                  rank_set_insert (&at_risk, place[m].pos);
                }
            }

          k = batch_lo;
        }

      /* Close the stratum: everyone still at risk leaves, counting the events it saw. */
      if (start_pos != NULL)
        {
          for (; r > lo; r--)
            {
              gsize j = start_pos[r - 1];

              share_close (&share[j], &dead, &place[j]);
              if (small)
                rank_set_remove (&at_risk, place[j].pos);
            }
        }
      else
        {
          for (gsize m = lo; m < hi; m++)
            {
              share_close (&share[m], &dead, &place[m]);
              if (small)
                rank_set_remove (&at_risk, place[m].pos);
            }
        }
      if (small)
        {
          for (gsize m = lo; m < hi; m++)
            if (status[m] != 0)
              rank_set_remove (&dead, place[m].pos);
        }
      else
        {
          rank_set_reset (&at_risk);
          rank_set_reset (&dead);
        }
    }

  rank_set_clear (&at_risk);
  rank_set_clear (&dead);

  counts->C = C;
  counts->D = D;
  counts->T = T;
  counts->tied_time = tied_time;
  counts->tied_both = tied_both;
}

typedef void (*WalkFunc) (gsize, const double *, const int *, const gsize *, gsize,
                          const gsize *, const double *, const Place *, Share *, guint32 *,
                          Counts *);

static void
walk_portable (gsize          n,
               const double  *time,
               const int     *status,
               const gsize   *range,
               gsize          n_ranges,
               const gsize   *start_pos,
               const double  *start_time,
               const Place   *place,
               Share         *share,
               guint32       *entered_dead,
               Counts        *counts)
{
  concordance_walk (n, time, status, range, n_ranges, start_pos, start_time, place, share,
                    entered_dead, counts);
}

#ifdef EP_POPCNT_DISPATCH
__attribute__ ((target ("popcnt"))) static void
walk_popcnt (gsize          n,
             const double  *time,
             const int     *status,
             const gsize   *range,
             gsize          n_ranges,
             const gsize   *start_pos,
             const double  *start_time,
             const Place   *place,
             Share         *share,
             guint32       *entered_dead,
             Counts        *counts)
{
  concordance_walk (n, time, status, range, n_ranges, start_pos, start_time, place, share,
                    entered_dead, counts);
}
#endif

static gint popcount_forced_portable = -1;   /* -1: not decided yet */

void
ep_concordance_set_portable (gboolean portable)
{
  g_atomic_int_set (&popcount_forced_portable, portable ? 1 : 0);
}

gboolean
ep_concordance_uses_hardware_popcount (void)
{
#ifdef EP_POPCNT_DISPATCH
  gint forced = g_atomic_int_get (&popcount_forced_portable);

  if (forced < 0)
    {
      forced = g_getenv ("EP_PORTABLE_POPCOUNT") != NULL ? 1 : 0;
      g_atomic_int_set (&popcount_forced_portable, forced);
    }
  if (forced)
    return FALSE;
  __builtin_cpu_init ();
  return __builtin_cpu_supports ("popcnt") != 0;
#else
  return FALSE;
#endif
}

/* Positions in risk order from the records sorted by risk (ep_sort_order_by_code_and_time()'s
 * stable order); equal risks share a run [first, last]. The records are read in order and
 * the places written at random (with a prefetch) while they fit the cache; above that
 * through ep-permute's blocks, as a plain scatter's random writes into 12 n bytes grew
 * faster than the rows (at 1e7, 120 MB). */
static void
make_places (const EpSortRecord *rec,
             gsize               n,
             Place              *place)
{
  EpScatter scatter;
  gsize first = 0, end = 0;   /* the run of equal risks [first, end) */

  ep_scatter_init (&scatter, n, sizeof (Place));
  for (gsize k = 0; k < n; k++)
    {
      if (k == end)
        {
          first = k;
          for (end = k + 1; end < n && rec[end].time == rec[k].time; end++)
            ;
        }
      if (scatter.low == NULL && k + 16 < n)
        EP_PREFETCH_WRITE (&place[rec[k + 16].aux]);
      place[ep_scatter_slot (&scatter, rec[k].aux)]
        = (Place) { (guint32) k, (guint32) first, (guint32) (end - 1) };
    }
  ep_scatter_finish (&scatter, place, sizeof (Place));
  ep_scatter_clear (&scatter);
}

gsize
ep_concordance_work_size (gsize n)
{
  return MAX (n, 1) * (sizeof (EpSortRecord) + sizeof (Place));
}

gboolean
ep_concordance_sorted (gsize          n,
                       const double  *time,
                       const int     *status,
                       const double  *risk,
                       const gsize   *range,
                       gsize          n_ranges,
                       const gsize   *start_pos,
                       const double  *start_time,
                       EpConcordance *result)
{
  return ep_concordance_sorted_in (n, time, status, risk, range, n_ranges, start_pos,
                                   start_time, NULL, 0, result);
}

gboolean
ep_concordance_sorted_in (gsize          n,
                          const double  *time,
                          const int     *status,
                          const double  *risk,
                          const gsize   *range,
                          gsize          n_ranges,
                          const gsize   *start_pos,
                          const double  *start_time,
                          gpointer       work,
                          gsize          work_size,
                          EpConcordance *result)
{
  ep_autobig char *own = NULL;
  EpSortRecord *rec;
  Place *place;
  Share *share;
  guint32 *entered_dead;
  const gsize n1 = MAX (n, 1);
  WalkFunc walk = walk_portable;
  Counts counts;
  double C, D, T;
  double npair, somers, var;

  g_return_val_if_fail (n == 0 || (time != NULL && status != NULL && risk != NULL), FALSE);
  g_return_val_if_fail (range != NULL && range[0] == 0 && range[n_ranges] == n, FALSE);
  g_return_val_if_fail ((start_pos == NULL) == (start_time == NULL), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (n < ((gsize) 1 << 30), FALSE);

  /* The work arrays, 28 bytes a subject in one block: the caller's if it lent enough, else
   * from ep_big_alloc(). Its first 16 n bytes hold the records of the risk sort, then (once
   * the positions are made) the pair counts and entered_dead; the positions follow. */
  if (work == NULL || work_size < ep_concordance_work_size (n))
    work = own = ep_big_alloc (ep_concordance_work_size (n));
  rec = work;
  share = work;
  entered_dead = (guint32 *) (share + n1);
  place = (Place *) (rec + n1);
  G_STATIC_ASSERT (sizeof (EpSortRecord) == sizeof (Share) + sizeof (guint32));

  for (gsize i = 0; i < n; i++)
    rec[i] = (EpSortRecord) { risk[i], 0, (guint32) i };
  ep_sort_records (rec, n, 1);
  make_places (rec, n, place);
  rec = NULL;
  memset (share, 0, n1 * sizeof (Share));

#ifdef EP_POPCNT_DISPATCH
  if (ep_concordance_uses_hardware_popcount ())
    walk = walk_popcnt;
#endif
  walk (n, time, status, range, n_ranges, start_pos, start_time, place, share, entered_dead,
        &counts);
  C = counts.C;
  D = counts.D;
  T = counts.T;

  npair = C + D + T;
  result->concordant = C;
  result->discordant = D;
  result->tied_risk = T;
  result->tied_time = counts.tied_time - counts.tied_both;
  result->tied_both = counts.tied_both;

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
  for (gsize k = 0; k < n; k++)
    {
      double c = share[k].c, d = share[k].d, t = share[k].t;
      double dfbeta = (d - c) / npair - (somers / npair) * (c + d + t);

      var += dfbeta * dfbeta;
    }
  result->std_err = sqrt (var / 4);

  return TRUE;
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
  ep_autobig guint *order = NULL;
  ep_autobig gsize *sorted_pos = NULL;
  ep_autobig double *time = NULL;
  ep_autobig int *event = NULL;
  ep_autobig double *sorted_risk = NULL;
  ep_autobig gsize *range = NULL;
  ep_autobig gsize *start_pos = NULL;
  ep_autobig double *start_time = NULL;
  gsize n_ranges = 0;

  g_return_val_if_fail (n == 0 || (stop != NULL && status != NULL && risk != NULL), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  for (gsize i = 0; i < n; i++)
    if (status[i] != 0 && status[i] != 1)
      return FALSE;

  order = ep_big_new (guint, MAX (n, 1));
  if (!ep_sort_order_by_code_and_time (stop, strata, n_strata, n, order))
    return FALSE;

  sorted_pos = ep_big_new (gsize, MAX (n, 1));
  time = ep_big_new (double, MAX (n, 1));
  event = ep_big_new (int, MAX (n, 1));
  sorted_risk = ep_big_new (double, MAX (n, 1));
  range = ep_big_new (gsize, n + 1);
  range[0] = 0;
  for (gsize k = 0; k < n; k++)
    {
      guint i = order[k];

      sorted_pos[i] = k;
      time[k] = stop[i];
      event[k] = status[i];
      sorted_risk[k] = risk[i];
      if (k + 1 == n || (strata != NULL && strata[order[k + 1]] != strata[i]))
        range[++n_ranges] = k + 1;
    }

  if (start != NULL)
    {
      ep_sort_order_by_code_and_time (start, strata, n_strata, n, order);
      start_pos = ep_big_new (gsize, MAX (n, 1));
      start_time = ep_big_new (double, MAX (n, 1));
      for (gsize m = 0; m < n; m++)
        {
          start_pos[m] = sorted_pos[order[m]];
          start_time[m] = start[order[m]];
        }
    }

  return ep_concordance_sorted (n, time, event, sorted_risk, range, n_ranges,
                                start_pos, start_time, result);
}
