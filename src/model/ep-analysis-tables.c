/* ep-analysis-tables.c: the result tables of a run, formatted for people
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Called by the worker once the core has filled the Results: one EpResultTable per table
 * (title, header, rows of cells, a note), with numbers formatted as in journal tables.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include <gsl/gsl_cdf.h>

#include "model/ep-analysis-private.h"
#include "model/ep-format.h"

/* Times and ratios with three significant digits, whole numbers from 1000 on. */
static char *
format_value (double x)
{
  if (isnan (x))
    return g_strdup ("NA");
  if (isinf (x))
    return g_strdup (x > 0 ? "Inf" : "-Inf");
  if (fabs (x) >= 1000.0)
    return g_strdup_printf ("%.0f", x);

  return g_strdup_printf ("%.3g", x);
}

static char *
format_p (double p)
{
  if (isnan (p))
    return g_strdup ("NA");
  if (p < 0.001)
    return g_strdup ("<0.001");

  return g_strdup_printf ("%.3f", p);
}

/* The endpoint's time unit (an English key: "months") as pasted into headers and notes. */
static const char *
unit_name (const char *unit)
{
  if (g_strcmp0 (unit, "days") == 0)
    return C_("time unit", "days");
  if (g_strcmp0 (unit, "weeks") == 0)
    return C_("time unit", "weeks");
  if (g_strcmp0 (unit, "months") == 0)
    return C_("time unit", "months");
  if (g_strcmp0 (unit, "years") == 0)
    return C_("time unit", "years");

  return unit != NULL ? unit : "";
}

/* A p-value after "p" in a sentence: "= 0.065", "< 0.001" (never "p = <0.001"). */
static char *
format_p_phrase (double p)
{
  if (isnan (p))
    return g_strdup ("= NA");
  if (p < 0.001)
    return g_strdup ("< 0.001");

  return g_strdup_printf ("= %.3f", p);
}

/* Hazard ratios with two decimals, as tables in journals (Table 3 of seed 002): 2.50, 0.59. */
static char *
format_ratio (double x)
{
  if (!isfinite (x))
    return format_value (x);
  if (x < 0.01)
    return g_strdup_printf ("%.2g", x);

  return g_strdup_printf ("%.2f", x);
}

static char *
format_ratio_ci (double hr,
                 double lower,
                 double upper)
{
  g_autofree char *e = format_ratio (hr);
  g_autofree char *l = format_ratio (lower);
  g_autofree char *u = format_ratio (upper);

  return g_strdup_printf ("%s (%s–%s)", e, l, u);
}

/* "31 (18–NR)": not reached is NR */
static char *
format_estimate_ci (double estimate,
                    double lower,
                    double upper,
                    gboolean nr)
{
  g_autofree char *e = isnan (estimate) && nr ? g_strdup (C_("median", "NR")) : format_value (estimate);
  g_autofree char *l = isnan (lower) && nr ? g_strdup (C_("median", "NR")) : format_value (lower);
  g_autofree char *u = isnan (upper) && nr ? g_strdup (C_("median", "NR")) : format_value (upper);

  return g_strdup_printf ("%s (%s–%s)", e, l, u);
}

/* A proportion as a percentage with its interval: "83.3% (65.3–94.4)". */
static char *
format_percent_ci (double p,
                   double lower,
                   double upper)
{
  g_autofree char *percent = NULL;

  if (isnan (p))
    return g_strdup ("NA");
  percent = ep_format_percent (100.0 * p, 1);
  if (isnan (lower) || isnan (upper))
    return g_steal_pointer (&percent);

  return g_strdup_printf ("%s (%.1f–%.1f)", percent, 100.0 * lower, 100.0 * upper);
}

static EpResultTable *
table_new (const char *title,
           ...)
{
  EpResultTable *table = g_new0 (EpResultTable, 1);
  g_autoptr(GStrvBuilder) header = g_strv_builder_new ();
  va_list args;
  const char *cell;

  table->title = g_strdup (title);
  va_start (args, title);
  while ((cell = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (header, cell);
  va_end (args);
  table->header = g_strv_builder_end (header);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  return table;
}

/* Appends a row; the cells are taken (g_free'd strings), n of them. */
static void
table_add_row (EpResultTable *table,
               GPtrArray     *cells)
{
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (table->rows, g_ptr_array_free (cells, FALSE));
}

static const char *
group_label (const EpLevels *groups,
             guint           g)
{
  return groups != NULL ? ep_levels_get_label (groups, g) : _("All patients");
}

static char *
dropped_note (guint n,
              guint n_dropped)
{
  if (n_dropped == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u patient", "%u patients", n), n);

  /* TRANSLATORS: "28 patients; 2 dropped for missing values" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u patients; %u dropped for a missing value",
                                       "%u patients; %u dropped for missing values",
                                       n_dropped),
                          n, n_dropped);
}

/* Three or more groups: each group's HR against the reference, from coxph (Surv (time,
 * status) ~ group) with the group as a factor (ep_group_hr()). */
static void
tables_group_hr (Results *r)
{
  const EpGroupHr *hr = r->group_hr;
  g_autofree char *hr_header = g_strdup_printf (_("HR (%g%% CI)"), 100.0 * hr->conf_level);
  g_autofree char *title = NULL;
  EpResultTable *table;

  /* TRANSLATORS: a table title: "Hazard ratios against 0", the reference group */
  title = g_strdup_printf (_("Hazard ratios against %s"), group_label (r->groups, hr->reference));
  table = table_new (title, _("Group"), _("n"), _("Events"), hr_header, _("p"), NULL);
  for (guint g = 0; g < hr->n_groups; g++)
    {
      GPtrArray *cells = g_ptr_array_new ();

      g_ptr_array_add (cells, g_strdup (group_label (r->groups, g)));
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GSIZE_FORMAT, hr->n[g]));
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GSIZE_FORMAT, hr->events[g]));
      if (g == hr->reference)
        {
          /* TRANSLATORS: the HR cell of the reference group */
          g_ptr_array_add (cells, g_strdup (_("1 (reference)")));
          g_ptr_array_add (cells, g_strdup (""));
        }
      else if (hr->singular[g] || hr->infinite[g])
        {
          /* TRANSLATORS: an HR that the data cannot estimate (no events in a group) */
          g_ptr_array_add (cells, g_strdup (_("not estimable")));
          g_ptr_array_add (cells, g_strdup (""));
        }
      else
        {
          g_ptr_array_add (cells, format_ratio_ci (hr->hr[g], hr->lower[g], hr->upper[g]));
          g_ptr_array_add (cells, format_p (hr->p[g]));
        }
      table_add_row (table, cells);
    }
  table->note = g_strdup (_("Cox model with the group as a factor (Efron ties); Wald p"));
  g_ptr_array_add (r->tables, table);
}

/* Three or more groups: the log-rank test of every pair, Holm-adjusted (ep_logrank_pairwise()). */
static void
tables_pairwise (Results *r)
{
  const EpLogrankPairwise *pw = r->pairwise;
  EpResultTable *table;
  guint n_tested = 0;

  table = table_new (_("Pairwise log-rank tests"), _("Comparison"), _("Chi-square"), _("p"),
                     /* TRANSLATORS: a column header: the p-value adjusted by Holm's method */
                     _("p (Holm)"), NULL);
  for (guint k = 0; k < pw->n_pairs; k++)
    {
      const EpLogrankPair *pr = &pw->pairs[k];
      GPtrArray *cells = g_ptr_array_new ();

      /* TRANSLATORS: a comparison of two groups: "2 vs 0" */
      g_ptr_array_add (cells, g_strdup_printf (_("%s vs %s"), group_label (r->groups, pr->group),
                                               group_label (r->groups, pr->versus)));
      g_ptr_array_add (cells, format_value (pr->chisq));
      g_ptr_array_add (cells, format_p (pr->p));
      g_ptr_array_add (cells, format_p (pr->p_adjusted));
      table_add_row (table, cells);
      if (!isnan (pr->p))
        n_tested++;
    }
  table->note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "p adjusted by Holm's method for %u comparison",
                                              "p adjusted by Holm's method for %u comparisons",
                                              n_tested),
                                 n_tested);
  g_ptr_array_add (r->tables, table);
}

void
_ep_analysis_tables_survival (Job     *job,
                              Results *r)
{
  EpResultTable *table;
  g_autoptr(GStrvBuilder) header = g_strv_builder_new ();
  g_autofree char *median_header = NULL;

  table = g_new0 (EpResultTable, 1);
  table->title = g_strdup (_("Kaplan-Meier estimates"));
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_strv_builder_add (header, _("Group"));
  g_strv_builder_add (header, _("n"));
  g_strv_builder_add (header, _("Events"));
  /* TRANSLATORS: "Median, weeks (95% CI)" */
  median_header = g_strdup_printf (_("Median, %s (%g%% CI)"), unit_name (r->time_unit), 100.0 * job->conf_level);
  g_strv_builder_add (header, median_header);
  for (guint a = 0; a < job->n_landmarks; a++)
    {
      g_autofree char *t = format_value (job->landmarks[a]);
      /* TRANSLATORS: "At 52 weeks (95% CI)": the survival rate at a landmark time */
      g_autofree char *h = g_strdup_printf (_("At %s %s (%g%% CI)"), t, unit_name (r->time_unit),
                                            100.0 * job->conf_level);

      g_strv_builder_add (header, h);
    }
  table->header = g_strv_builder_end (header);

  for (guint g = 0; g < r->km->n_groups; g++)
    {
      const EpKmCurve *curve = &r->km->curves[g];
      GPtrArray *cells = g_ptr_array_new ();

      g_ptr_array_add (cells, g_strdup (group_label (r->groups, g)));
      g_ptr_array_add (cells, g_strdup_printf ("%u", curve->n));
      g_ptr_array_add (cells, g_strdup_printf ("%u", curve->events));
      g_ptr_array_add (cells, format_estimate_ci (curve->median, curve->median_lower,
                                                  curve->median_upper, TRUE));
      for (guint a = 0; a < curve->n_at; a++)
        g_ptr_array_add (cells, format_percent_ci (curve->at[a].surv, curve->at[a].lower,
                                                   curve->at[a].upper));
      table_add_row (table, cells);
    }
  table->note = dropped_note (r->n, r->n_dropped);
  g_ptr_array_add (r->tables, table);

  if (r->logrank != NULL)
    {
      GPtrArray *cells;
      g_autofree char *title = NULL;

      if (job->rho == 0.0)
        title = g_strdup (_("Log-rank test"));
      else
        title = g_strdup_printf (_("G-rho test, rho = %g"), job->rho);
      table = table_new (title, _("Group"), _("n"), _("Observed"), _("Expected"), NULL);
      for (guint g = 0; g < r->logrank->n_groups; g++)
        {
          cells = g_ptr_array_new ();
          g_ptr_array_add (cells, g_strdup (group_label (r->groups, g)));
          g_ptr_array_add (cells, g_strdup_printf ("%u", r->logrank->n[g]));
          g_ptr_array_add (cells, format_value (r->logrank->observed[g]));
          g_ptr_array_add (cells, format_value (r->logrank->expected[g]));
          table_add_row (table, cells);
        }
      {
        g_autofree char *chisq = format_value (r->logrank->chisq);
        g_autofree char *p = format_p_phrase (r->logrank->p);

        /* TRANSLATORS: "Chi-square 3.4 on 1 df, p = 0.065"; the last %s is "= 0.065" or
         * "< 0.001" */
        table->note = g_strdup_printf (_("Chi-square %s on %u df, p %s"), chisq,
                                       r->logrank->df, p);
        if (r->trend != NULL)
          {
            g_autofree char *tchisq = format_value (r->trend->chisq);
            g_autofree char *tp = format_p_phrase (r->trend->p);
            g_autofree char *both = NULL;

            /* TRANSLATORS: appended to the test's note: "; test for trend over the ordered
             * groups: chi-square 17.9 on 1 df, p < 0.001"; the last %s is "= 0.065" or
             * "< 0.001" */
            both = g_strdup_printf (_("%s; test for trend over the ordered groups: "
                                      "chi-square %s on 1 df, p %s"),
                                    table->note, tchisq, tp);
            g_free (table->note);
            table->note = g_steal_pointer (&both);
          }
      }
      g_ptr_array_add (r->tables, table);
    }

  if (r->group_hr != NULL)
    tables_group_hr (r);
  if (r->pairwise != NULL)
    tables_pairwise (r);
}

void
_ep_analysis_tables_cox (Job     *job,
                         Results *r)
{
  g_autofree char *uni_header = g_strdup_printf (_("Univariable HR (%g%% CI)"), 100.0 * job->conf_level);
  g_autofree char *multi_header = g_strdup_printf (_("Multivariable HR (%g%% CI)"), 100.0 * job->conf_level);
  EpResultTable *table = table_new (_("Cox proportional hazards"), _("Factor"), uni_header,
                                    _("p"), multi_header, _("p"), NULL);
  const EpDesign *design = r->design;
  g_autoptr(GString) note = g_string_new (NULL);

  for (guint t = 0; t < design->p; t++)
    {
      GPtrArray *cells = g_ptr_array_new ();
      guint j = design->term_column[t];
      const EpCoxFit *uni = r->n_covariates == 1 ? r->cox : r->uni[j];
      const EpDesign *uni_design = r->n_covariates == 1 ? r->design : r->uni_design[j];
      int u = -1;
      g_autofree char *label = NULL;

      /* The column's own name, not "sex=M"; its display name and level labels when set. */
      if (design->term_labels != NULL && design->term_labels[t] != NULL)
        label = g_strdup (design->term_labels[t]);
      else if (design->term_levels[t] != NULL)
        label = g_strdup_printf (_("%s: %s vs %s"), design->levels[j] != NULL ? job->covariates[j] : "",
                                 design->term_levels[t], design->levels[j]->levels[0]);
      else
        label = g_strdup (design->term_names[t]);
      g_ptr_array_add (cells, g_steal_pointer (&label));

      if (uni != NULL && uni_design != NULL)
        for (guint k = 0; k < uni_design->p; k++)
          if (g_strcmp0 (uni_design->term_names[k], design->term_names[t]) == 0)
            u = k;
      if (u >= 0)
        {
          g_ptr_array_add (cells, format_ratio_ci (uni->hr[u], uni->hr_lower[u], uni->hr_upper[u]));
          g_ptr_array_add (cells, format_p (uni->p_value[u]));
        }
      else
        {
          g_ptr_array_add (cells, g_strdup ("—"));
          g_ptr_array_add (cells, g_strdup ("—"));
        }
      g_ptr_array_add (cells, format_ratio_ci (r->cox->hr[t], r->cox->hr_lower[t], r->cox->hr_upper[t]));
      g_ptr_array_add (cells, format_p (r->cox->p_value[t]));
      table_add_row (table, cells);
    }

  {
    g_autofree char *dropped = dropped_note (r->n, r->n_dropped);

    g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE, "Multivariable model: %s, %u event",
                                               "Multivariable model: %s, %u events",
                                               r->cox->n_events),
                            dropped, (guint) r->cox->n_events);
  }
  for (guint j = 0; j < r->n_covariates; j++)
    if (r->uni_error != NULL && r->uni_error[j] != NULL)
      {
        g_string_append (note, "\n");
        g_string_append_printf (note, _("Univariable model of %s: %s"), job->covariates[j],
                                r->uni_error[j]);
      }
  table->note = g_string_free (g_steal_pointer (&note), FALSE);
  g_ptr_array_add (r->tables, table);

  table = table_new (_("Multivariable model tests"), _("Test"), _("Chi-square"), _("df"), _("p"), NULL);
  {
    const char *names[3] = { _("Likelihood ratio"), _("Wald"), _("Score (log-rank)") };
    double chisq[3] = { r->cox->lr_chisq, r->cox->wald_chisq, r->cox->score_chisq };
    double p[3] = { r->cox->lr_p, r->cox->wald_p, r->cox->score_p };

    for (guint k = 0; k < 3; k++)
      {
        GPtrArray *cells = g_ptr_array_new ();

        g_ptr_array_add (cells, g_strdup (names[k]));
        g_ptr_array_add (cells, format_value (chisq[k]));
        g_ptr_array_add (cells, g_strdup_printf ("%u", r->cox->df));
        g_ptr_array_add (cells, format_p (p[k]));
        table_add_row (table, cells);
      }
  }
  {
    g_autofree char *c = g_strdup_printf ("%.3f", r->cox->concordance);
    g_autofree char *se = g_strdup_printf ("%.3f", r->cox->concordance_se);

    table->note = g_strdup_printf (_("Concordance %s (SE %s); ties: %s"), c, se,
                                   job->ties == EP_COX_TIES_EFRON ? "Efron" : "Breslow");
  }
  g_ptr_array_add (r->tables, table);
}

/* A term as a reader names it: "age", or "arm: chemo vs blina" for a factor's indicator. */
static char *
term_label (const EpDesign     *design,
            const char * const *covariates,
            guint               t)
{
  guint j = design->term_column[t];

  if (design->term_levels[t] != NULL && design->levels != NULL && design->levels[j] != NULL)
    return g_strdup_printf (_("%s: %s vs %s"), covariates[j], design->term_levels[t],
                            design->levels[j]->levels[0]);
  return g_strdup (design->term_names[t]);
}

/* Fine-Gray: per cause, the subdistribution hazard ratios with the robust (sandwich) z tests
 * of cmprsk::crr; then the Wald tests of each covariate (a factor's indicators jointly) and of
 * the whole model, per cause. */
static void
tables_crr (Job     *job,
            Results *r)
{
  const EpDesign *design = r->crr_design;
  guint n_covariates = g_strv_length (job->covariates);
  g_autofree char *hr_header = g_strdup_printf (_("Subdistribution HR (%g%% CI)"), 100.0 * job->conf_level);
  g_autofree char *dropped = dropped_note (r->crr_n, r->crr_n_dropped);
  EpResultTable *tests = table_new (_("Fine-Gray Wald tests"), _("Cause"), _("Covariate"),
                                    _("Chi-square"), _("df"), _("p"), NULL);

  for (guint c = 0; c < r->n_crr; c++)
    {
      const EpCrrResult *fit = r->crr[c];
      /* TRANSLATORS: a table's title: "Fine-Gray regression: relapse" */
      g_autofree char *title = g_strdup_printf (_("Fine-Gray regression: %s"), r->cause_labels[c]);
      EpResultTable *table = table_new (title, _("Factor"), hr_header, _("z"), _("p"), NULL);

      for (guint t = 0; t < design->p; t++)
        {
          GPtrArray *cells = g_ptr_array_new ();

          g_ptr_array_add (cells, term_label (design, (const char * const *) job->covariates, t));
          if (fit != NULL)
            {
              g_ptr_array_add (cells, format_ratio_ci (fit->hr[t], fit->lower[t], fit->upper[t]));
              g_ptr_array_add (cells, g_strdup_printf ("%.2f", fit->z[t]));
              g_ptr_array_add (cells, format_p (fit->p_value[t]));
            }
          else
            for (guint k = 0; k < 3; k++)
              g_ptr_array_add (cells, g_strdup ("—"));
          table_add_row (table, cells);
        }
      if (fit != NULL)
        {
          g_autofree char *chisq = format_value (fit->wald_chisq);
          g_autofree char *p = format_p_phrase (fit->wald_p);
          g_autofree char *events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events",
                                                                  fit->n_events), fit->n_events);
          g_autofree char *competing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                     "%u competing event",
                                                                     "%u competing events",
                                                                     fit->n_competing),
                                                        fit->n_competing);

          /* TRANSLATORS: "240 patients; 62 events, 41 competing events; robust standard errors
           * (cmprsk::crr); Wald chi-square 18.2 on 4 df, p < 0.001"; the second and third %s
           * are "62 events" and "41 competing events", the last "= 0.065" or "< 0.001" */
          table->note = g_strdup_printf (_("%s; %s, %s; robust standard errors (cmprsk::crr); "
                                           "Wald chi-square %s on %u df, p %s"),
                                         dropped, events, competing, chisq, fit->p, p);
        }
      else
        table->note = g_strdup_printf ("%s; %s", dropped, r->crr_error[c] != NULL ? r->crr_error[c] : "");
      g_ptr_array_add (r->tables, table);

      if (fit == NULL)
        continue;
      for (guint j = 0; j <= n_covariates; j++)
        {
          g_autofree guint *terms = g_new (guint, MAX (design->p, 1));
          GPtrArray *cells;
          guint m = 0;
          double chisq, p;

          /* one covariate's terms, then all of them; a numeric covariate alone is its z^2 */
          for (guint t = 0; t < design->p; t++)
            if (j == n_covariates || design->term_column[t] == j)
              terms[m++] = t;
          if (m == 0 || (j == n_covariates && n_covariates == 1)
              || !ep_crr_wald (fit, terms, m, &chisq, &p))
            continue;
          cells = g_ptr_array_new ();
          g_ptr_array_add (cells, g_strdup (r->cause_labels[c]));
          g_ptr_array_add (cells, g_strdup (j < n_covariates ? job->covariates[j] : _("All covariates")));
          g_ptr_array_add (cells, format_value (chisq));
          g_ptr_array_add (cells, g_strdup_printf ("%u", m));
          g_ptr_array_add (cells, format_p (p));
          table_add_row (tests, cells);
        }
    }
  if (tests->rows->len > 0)
    g_ptr_array_add (r->tables, tests);
  else
    ep_result_table_free (tests);
}

void
_ep_analysis_tables_competing_risks (Job     *job,
                                     Results *r)
{
  g_autoptr(GStrvBuilder) header = g_strv_builder_new ();
  EpResultTable *table = g_new0 (EpResultTable, 1);
  double z = gsl_cdf_ugaussian_Pinv ((1.0 + job->conf_level) / 2.0);

  table->title = g_strdup (_("Cumulative incidence"));
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_strv_builder_add (header, _("Group"));
  g_strv_builder_add (header, _("Cause"));
  g_strv_builder_add (header, _("n"));
  g_strv_builder_add (header, _("Events"));
  for (guint a = 0; a < job->n_landmarks; a++)
    {
      g_autofree char *t = format_value (job->landmarks[a]);
      /* TRANSLATORS: the cumulative incidence at a landmark time: "At 12 (95% CI)" */
      g_autofree char *h = g_strdup_printf (_("At %s (%g%% CI)"), t, 100.0 * job->conf_level);

      g_strv_builder_add (header, h);
    }
  table->header = g_strv_builder_end (header);

  for (guint g = 0; g < r->cif->n_groups; g++)
    for (guint c = 0; c < r->cif->n_causes; c++)
      {
        const EpCifCurve *curve = ep_cif_result_get_curve (r->cif, g, c);
        GPtrArray *cells = g_ptr_array_new ();

        g_ptr_array_add (cells, g_strdup (group_label (r->groups, g)));
        g_ptr_array_add (cells, g_strdup (r->cause_labels[c]));
        g_ptr_array_add (cells, g_strdup_printf ("%u", r->cif->n[g]));
        g_ptr_array_add (cells, g_strdup_printf ("%u", curve->n_events));
        for (guint a = 0; a < job->n_landmarks; a++)
          {
            double f, v, lower = NAN, upper = NAN;

            if (!ep_cif_curve_at (curve, job->landmarks[a], &f, &v))
              {
                g_ptr_array_add (cells, g_strdup ("NA"));
                continue;
              }
            /* The interval on log(-log F), as tidycmprsk and Stata's stcompet do: it stays
             * within (0, 1). */
            if (f > 0.0 && f < 1.0 && v >= 0.0)
              {
                double w = z * sqrt (v) / (f * log (f));

                lower = pow (f, exp (-w));
                upper = pow (f, exp (w));
              }
            g_ptr_array_add (cells, format_percent_ci (f, lower, upper));
          }
        table_add_row (table, cells);
      }
  {
    g_autofree char *dropped = dropped_note (r->n, r->n_dropped);

    table->note = g_strdup_printf (_("%s; intervals on the log(−log) scale"), dropped);
  }
  g_ptr_array_add (r->tables, table);

  if (r->gray != NULL)
    {
      g_autofree char *title = job->rho == 0.0 ? g_strdup (_("Gray's test"))
                                               : g_strdup_printf (_("Gray's test, rho = %g"), job->rho);

      table = table_new (title, _("Cause"), _("Statistic"), _("df"), _("p"), NULL);
      for (guint c = 0; c < r->gray->n_causes; c++)
        {
          GPtrArray *cells = g_ptr_array_new ();

          g_ptr_array_add (cells, g_strdup (r->cause_labels[c]));
          g_ptr_array_add (cells, format_value (r->gray->causes[c].stat));
          g_ptr_array_add (cells, g_strdup_printf ("%u", r->gray->causes[c].df));
          g_ptr_array_add (cells, format_p (r->gray->causes[c].p));
          table_add_row (table, cells);
        }
      g_ptr_array_add (r->tables, table);
    }

  if (r->crr_design != NULL)
    tables_crr (job, r);
}

void
_ep_analysis_tables_response (Job     *job,
                              Results *r)
{
  g_autofree char *pct_header = g_strdup_printf (_("%% (%g%% CI, Clopper-Pearson)"), 100.0 * job->conf_level);
  EpResultTable *table = table_new (_("Response"), _("Group"), _("n"), _("Responders"),
                                    pct_header, NULL);
  const EpResponse *response = r->response;
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *dropped = dropped_note (r->n, r->n_dropped);

  for (guint g = 0; g < response->n_groups; g++)
    {
      const EpResponseGroup *group = &response->groups[g];
      GPtrArray *cells = g_ptr_array_new ();

      g_ptr_array_add (cells, g_strdup (group_label (r->groups, g)));
      g_ptr_array_add (cells, g_strdup_printf ("%u", group->n));
      g_ptr_array_add (cells, g_strdup_printf ("%u", group->successes));
      g_ptr_array_add (cells, format_percent_ci (group->pct / 100.0, group->lower, group->upper));
      table_add_row (table, cells);
    }

  g_string_append (note, dropped);
  if (response->n_groups >= 2 && !isnan (response->fisher_p))
    {
      g_autofree char *fisher = format_p_phrase (response->fisher_p);
      g_autofree char *chisq = format_value (response->chisq);
      g_autofree char *chisq_p = format_p_phrase (response->chisq_p);

      g_string_append (note, "\n");
      /* Fisher's exact test for 2 x k; the chi-square is shown beside it, with R's caveat. */
      /* TRANSLATORS: the %s is "= 0.065" or "< 0.001" */
      g_string_append_printf (note, _("Fisher's exact test: p %s"), fisher);
      g_string_append (note, "\n");
      g_string_append_printf (note, _("Chi-square %s on %u df, p %s"), chisq,
                              response->chisq_df, chisq_p);
      if (response->chisq_small_expected)
        g_string_append_printf (note, " (%s)", _("an expected count is below 5: prefer Fisher's test"));
    }
  table->note = g_string_free (g_steal_pointer (&note), FALSE);
  g_ptr_array_add (r->tables, table);
}

/* Issue 16: the restricted mean survival time, the median follow-up and, for a landmark
 * analysis, what it left out and the Mantel-Byar test. */
void
_ep_analysis_tables_survival_review (Job     *job,
                                     Results *r)
{
  EpResultTable *table;

  if (!isnan (r->landmark_time))
    {
      const EpResultTable *km = g_ptr_array_index (r->tables, 0);
      g_autofree char *old = km->note;
      g_autofree char *t = format_value (r->landmark_time);

      /* TRANSLATORS: "…; landmark at 6 months: 12 patients whose follow-up ended by then are left out; time from the landmark" */
      ((EpResultTable *) km)->note =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%s; landmark at %s %s: %u patient whose follow-up ended by then is left out; times are from the landmark",
                                      "%s; landmark at %s %s: %u patients whose follow-up ended by then are left out; times are from the landmark",
                                      r->landmark_excluded),
                         old, t, unit_name (r->time_unit), r->landmark_excluded);
    }

  if (r->rmst != NULL)
    {
      g_autofree char *tau = format_value (r->rmst->tau);
      /* TRANSLATORS: "Restricted mean survival time up to 24 months" */
      g_autofree char *title = g_strdup_printf (_("Restricted mean survival time up to %s %s"),
                                                tau, unit_name (r->time_unit));
      g_autofree char *header = g_strdup_printf (_("RMST, %s (%g%% CI)"), unit_name (r->time_unit),
                                                 100.0 * r->rmst->conf_level);
      gboolean beyond = FALSE;

      table = table_new (title, _("Group"), _("n"), _("Events"), header, NULL);
      for (guint g = 0; g < r->rmst->n_groups; g++)
        {
          const EpRmstGroup *rg = &r->rmst->groups[g];
          GPtrArray *cells = g_ptr_array_new ();

          g_ptr_array_add (cells, g_strdup (group_label (r->groups, g)));
          g_ptr_array_add (cells, g_strdup_printf ("%u", rg->n));
          g_ptr_array_add (cells, g_strdup_printf ("%u", rg->events));
          g_ptr_array_add (cells, format_estimate_ci (rg->rmst, rg->lower, rg->upper, FALSE));
          table_add_row (table, cells);
          beyond |= rg->tau_beyond_data;
        }
      table->note = g_strdup (_("The area under the Kaplan-Meier curve up to τ: the average "
                                "time lived without the event over that horizon "
                                "(survival::survfit rmean; survRM2)"));
      if (beyond)
        {
          g_autofree char *old = table->note;

          table->note = g_strdup_printf ("%s\n%s", old,
                                         _("τ is beyond the last follow-up of a group: its curve was carried flat to τ"));
        }
      g_ptr_array_add (r->tables, table);

      if (r->rmst->n_contrasts > 0)
        {
          g_autofree char *diff = g_strdup_printf (_("Difference, %s (%g%% CI)"), unit_name (r->time_unit),
                                                   100.0 * r->rmst->conf_level);
          g_autofree char *ratio = g_strdup_printf (_("Ratio (%g%% CI)"), 100.0 * r->rmst->conf_level);

          table = table_new (_("RMST contrasts"), _("Comparison"), diff, _("p"), ratio, _("p"), NULL);
          for (guint k = 0; k < r->rmst->n_contrasts; k++)
            {
              const EpRmstContrast *c = &r->rmst->contrasts[k];
              GPtrArray *cells = g_ptr_array_new ();

              /* TRANSLATORS: "CR vs No response" */
              g_ptr_array_add (cells, g_strdup_printf (_("%s vs %s"), group_label (r->groups, c->level),
                                                       group_label (r->groups, 0)));
              g_ptr_array_add (cells, format_estimate_ci (c->diff, c->diff_lower, c->diff_upper, FALSE));
              g_ptr_array_add (cells, format_p (c->diff_p));
              g_ptr_array_add (cells, format_ratio_ci (c->ratio, c->ratio_lower, c->ratio_upper));
              g_ptr_array_add (cells, format_p (c->ratio_p));
              table_add_row (table, cells);
            }
          g_ptr_array_add (r->tables, table);
        }
    }

  if (r->followup != NULL)
    {
      g_autofree char *header = g_strdup_printf (_("Median follow-up, %s (%g%% CI)"), unit_name (r->time_unit),
                                                 100.0 * job->conf_level);

      table = table_new (_("Follow-up (reverse Kaplan-Meier)"), _("Group"), _("n"),
                         _("Still followed"), header, NULL);
      for (guint g = 0; g < r->followup->n_groups; g++)
        {
          const EpKmCurve *curve = &r->followup->curves[g];
          GPtrArray *cells = g_ptr_array_new ();

          g_ptr_array_add (cells, g_strdup (group_label (r->groups, g)));
          g_ptr_array_add (cells, g_strdup_printf ("%u", curve->n));
          g_ptr_array_add (cells, g_strdup_printf ("%u", curve->events));
          g_ptr_array_add (cells, format_estimate_ci (curve->median, curve->median_lower,
                                                      curve->median_upper, TRUE));
          table_add_row (table, cells);
        }
      table->note = g_strdup (_("Deaths end the observation of follow-up instead of shortening "
                                "it (Schemper & Smith 1996; survfit (Surv (time, 1 - status) ~ group)). "
                                "“Still followed” counts the patients censored alive."));
      g_ptr_array_add (r->tables, table);
    }

  if (r->mantel_byar != NULL)
    {
      g_autofree char *hr = g_strdup_printf (_("HR (%g%% CI)"), 100.0 * job->conf_level);
      g_autofree char *chisq = format_value (r->mantel_byar->score_chisq);
      GPtrArray *cells = g_ptr_array_new ();

      table = table_new (_("Response as a time-dependent covariate (Mantel-Byar)"),
                         _("Comparison"), hr, _("Score chi-square"), _("p"), NULL);
      g_ptr_array_add (cells, g_strdup (_("After vs before the response")));
      g_ptr_array_add (cells, format_ratio_ci (r->mantel_byar->hr[0], r->mantel_byar->hr_lower[0],
                                               r->mantel_byar->hr_upper[0]));
      g_ptr_array_add (cells, g_steal_pointer (&chisq));
      g_ptr_array_add (cells, format_p (r->mantel_byar->score_p));
      table_add_row (table, cells);
      table->note = g_strdup (_("Every patient counts, as a non-responder until the response and "
                                "as a responder after it: coxph (Surv (tstart, tstop, event) ~ "
                                "response) on the split follow-up; the score test is the "
                                "Mantel-Byar test"));
      g_ptr_array_add (r->tables, table);
    }
}

/* The proportional-hazards check of the multivariable Cox model (cox.zph). */
void
_ep_analysis_tables_zph (Job     *job,
                         Results *r)
{
  EpResultTable *table;

  if (r->zph == NULL || r->zph_terms == NULL)
    return;

  table = table_new (_("Proportional hazards check"), _("Term"), _("Chi-square"), _("df"),
                     _("p"), NULL);
  for (guint t = 0; t <= r->zph->n_terms; t++)
    {
      gboolean global = t == r->zph->n_terms;
      GPtrArray *cells = g_ptr_array_new ();

      g_ptr_array_add (cells, g_strdup (global ? _("Global") : r->zph_terms[t]));
      g_ptr_array_add (cells, format_value (global ? r->zph->global_chisq : r->zph->chisq[t]));
      g_ptr_array_add (cells, g_strdup_printf ("%u", global ? r->zph->global_df : r->zph->df[t]));
      g_ptr_array_add (cells, format_p (global ? r->zph->global_p : r->zph->p[t]));
      table_add_row (table, cells);
    }
  table->note = g_strdup (_("Score tests that each hazard ratio is constant in time, on the "
                            "Kaplan-Meier time scale (survival::cox.zph). A small p says the "
                            "effect changes with time: see the figure of the scaled Schoenfeld "
                            "residuals, and consider the restricted mean survival time."));
  g_ptr_array_add (r->tables, table);
}

/* Competing risks from an endpoint (the competing-risk remedy): the naive one minus
 * Kaplan-Meier of the endpoint's event with the competing events censored, beside its
 * cumulative incidence, at the landmark times or, without any, at a quarter, half and three
 * quarters of the last follow-up time. */
void
_ep_analysis_tables_naive_km (Job     *job,
                              Results *r)
{
  g_autofree int *naive_status = g_new (int, MAX (job->n, 1));
  g_autoptr(EpKmResult) km = NULL;
  g_autofree double *at = NULL;
  guint n_at = job->n_landmarks;
  const guint *codes = r->groups != NULL ? r->groups->codes : NULL;
  guint n_groups = r->groups != NULL ? r->groups->n_levels : 1;
  EpResultTable *table;
  g_autofree char *title = NULL;
  int cause = -1;
  double t_max = 0.0;

  for (guint c = 0; c < r->cif->n_causes; c++)
    if (r->cif->causes[c] == 1)
      cause = c;
  if (cause < 0)
    return;
  for (guint i = 0; i < job->n; i++)
    {
      naive_status[i] = job->status[i] == 1;
      t_max = MAX (t_max, job->time[i]);
    }
  if (n_at > 0)
    at = g_memdup2 (job->landmarks, sizeof (double) * n_at);
  else
    {
      n_at = 3;
      at = g_new (double, 3);
      for (guint a = 0; a < 3; a++)
        {
          /* rounded to a half of its leading digit: 7.5, 15, 22.5 */
          double x = t_max * (a + 1) / 4.0;
          double unit = x > 0.0 ? pow (10.0, floor (log10 (x))) / 2.0 : 1.0;

          at[a] = x > 0.0 ? round (x / unit) * unit : 0.0;
        }
    }
  km = ep_km_fit (job->time, naive_status, codes, n_groups, job->n, EP_KM_CONF_LOG_LOG,
                  job->conf_level, at, n_at, NULL);
  if (km == NULL)
    return;

  /* TRANSLATORS: "Relapse: one minus Kaplan-Meier against the cumulative incidence" */
  title = g_strdup_printf (_("%s: one minus Kaplan-Meier against the cumulative incidence"),
                           r->cause_labels[cause]);
  table = table_new (title, _("Group"), _("Time"), _("1 − KM (deaths censored)"),
                     _("Cumulative incidence"), NULL);
  for (guint g = 0; g < n_groups; g++)
    {
      const EpCifCurve *curve = ep_cif_result_get_curve (r->cif, g, cause);

      for (guint a = 0; a < km->curves[g].n_at; a++)
        {
          GPtrArray *cells = g_ptr_array_new ();
          double f, v;

          g_ptr_array_add (cells, g_strdup (group_label (r->groups, g)));
          g_ptr_array_add (cells, format_value (km->curves[g].at[a].time));
          g_ptr_array_add (cells, format_percent_ci (1.0 - km->curves[g].at[a].surv, NAN, NAN));
          g_ptr_array_add (cells, ep_cif_curve_at (curve, km->curves[g].at[a].time, &f, &v)
                                  ? format_percent_ci (f, NAN, NAN) : g_strdup ("NA"));
          table_add_row (table, cells);
        }
    }
  table->note = g_strdup (_("One minus Kaplan-Meier treats the patients who died as if they "
                            "could still have the event later, so it is the larger number; "
                            "the cumulative incidence is the one to report."));
  g_ptr_array_add (r->tables, table);
}

char *
ep_analysis_format_p (double p)
{
  return format_p (p);
}
