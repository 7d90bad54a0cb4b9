/* ep-cli-logrank.c: endpoint-cli logrank, the log-rank and G-rho tests as JSON
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * endpoint-cli logrank --csv F --time COL --event COL --group COL [--strata COL] [--rho R]
 *                      [--start COL] [--no-timefix] [--sep SEP] [--timing]
 *                      [--hr] [--reference LEVEL] [--pairwise] [--adjust METHOD] [--trend]
 *
 * The JSON has the shape of tests/data/reference/expected/aml_logrank.json and its siblings
 * (survdiff): rho, chisq, df, p and per group the label, n, observed and expected; also the
 * variance matrix of O - E ("var", rows in group order) and, with --strata, the strata labels.
 * More than two groups (tests/data/reference/expected/lung_groups*.json, make_groups.R):
 *   --hr, --reference   "hazard_ratios": each group against the reference level (default the
 *                       first) from coxph with the group as a factor (Efron ties; stratified
 *                       with --strata): per group label, n, events, reference, coef, hr, se,
 *                       lower, upper, z, p (null for the reference row); the model's LR, Wald
 *                       and score chi-squares and df;
 *   --pairwise, --adjust  "pairwise": survminer::pairwise_survdiff, the test on each pair's
 *                       rows with p.adjust over all pairs (holm default, BH, bonferroni, none):
 *                       "comparisons" [{label "B vs A", group, versus, chisq, p, p_adjusted}];
 *   --trend             "trend": the log-rank test for trend with scores 1..k in level order
 *                       (ep_logrank_trend(): scores, u, var, chisq, df 1, p).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "cli/ep-cli-rscript.h"
#include "core/ep-groups.h"
#include "core/ep-logrank.h"

#define COMMAND "logrank"

static void
set_number_or_null (JsonObject *o,
                    const char *name,
                    double      value)
{
  if (isfinite (value))
    json_object_set_double_member (o, name, value);
  else
    json_object_set_null_member (o, name);
}

static void
add_hazard_ratios (JsonObject      *root,
                   const EpGroupHr *hr,
                   const EpLevels  *levels)
{
  JsonObject *table = json_object_new ();
  JsonArray *rows = json_array_sized_new (hr->n_groups);

  json_object_set_string_member (table, "reference", levels->levels[hr->reference]);
  json_object_set_string_member (table, "ties", "efron");
  json_object_set_double_member (table, "conf_level", hr->conf_level);
  for (guint k = 0; k < hr->n_groups; k++)
    {
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "label", levels->levels[k]);
      json_object_set_int_member (o, "n", hr->n[k]);
      json_object_set_int_member (o, "events", hr->events[k]);
      json_object_set_boolean_member (o, "reference", k == hr->reference);
      set_number_or_null (o, "coef", hr->coef[k]);
      set_number_or_null (o, "hr", hr->hr[k]);
      set_number_or_null (o, "se", hr->se[k]);
      set_number_or_null (o, "lower", hr->lower[k]);
      set_number_or_null (o, "upper", hr->upper[k]);
      set_number_or_null (o, "z", hr->z[k]);
      set_number_or_null (o, "p", hr->p[k]);
      if (hr->infinite[k])
        json_object_set_boolean_member (o, "infinite", TRUE);
      if (hr->singular[k])
        json_object_set_boolean_member (o, "singular", TRUE);
      json_array_add_object_element (rows, o);
    }
  json_object_set_array_member (table, "groups", rows);
  json_object_set_double_member (table, "lr_chisq", hr->lr_chisq);
  json_object_set_double_member (table, "lr_p", hr->lr_p);
  json_object_set_double_member (table, "wald_chisq", hr->wald_chisq);
  json_object_set_double_member (table, "wald_p", hr->wald_p);
  json_object_set_double_member (table, "score_chisq", hr->score_chisq);
  json_object_set_double_member (table, "score_p", hr->score_p);
  json_object_set_int_member (table, "df", hr->df);
  json_object_set_boolean_member (table, "converged", hr->converged);
  if (hr->warnings[0] != NULL)
    {
      JsonArray *warnings = json_array_new ();

      for (guint i = 0; hr->warnings[i] != NULL; i++)
        json_array_add_string_element (warnings, hr->warnings[i]);
      json_object_set_array_member (table, "warnings", warnings);
    }
  json_object_set_object_member (root, "hazard_ratios", table);
}

static void
add_pairwise (JsonObject              *root,
              const EpLogrankPairwise *pairwise,
              const EpLevels          *levels)
{
  JsonObject *o = json_object_new ();
  JsonArray *comparisons = json_array_sized_new (pairwise->n_pairs);

  json_object_set_string_member (o, "adjust", ep_p_adjust_name (pairwise->adjust));
  json_object_set_double_member (o, "rho", pairwise->rho);
  for (guint k = 0; k < pairwise->n_pairs; k++)
    {
      const EpLogrankPair *pr = &pairwise->pairs[k];
      JsonObject *c = json_object_new ();
      g_autofree char *label = g_strdup_printf ("%s vs %s", levels->levels[pr->group],
                                                levels->levels[pr->versus]);

      json_object_set_string_member (c, "label", label);
      json_object_set_string_member (c, "group", levels->levels[pr->group]);
      json_object_set_string_member (c, "versus", levels->levels[pr->versus]);
      set_number_or_null (c, "chisq", pr->chisq);
      json_object_set_int_member (c, "df", 1);
      set_number_or_null (c, "p", pr->p);
      set_number_or_null (c, "p_adjusted", pr->p_adjusted);
      json_array_add_object_element (comparisons, c);
    }
  json_object_set_array_member (o, "comparisons", comparisons);
  json_object_set_object_member (root, "pairwise", o);
}

static void
add_trend (JsonObject           *root,
           const EpLogrankTrend *trend)
{
  JsonObject *o = json_object_new ();
  JsonArray *scores = json_array_sized_new (trend->n_groups);

  for (guint k = 0; k < trend->n_groups; k++)
    json_array_add_double_element (scores, trend->scores[k]);
  json_object_set_array_member (o, "scores", scores);
  json_object_set_double_member (o, "u", trend->u);
  json_object_set_double_member (o, "var", trend->var);
  json_object_set_double_member (o, "chisq", trend->chisq);
  json_object_set_int_member (o, "df", trend->df);
  json_object_set_double_member (o, "p", trend->p);
  json_object_set_object_member (root, "trend", o);
}

/* --r-script for --hr, --pairwise and --trend, after the k-group test. The check names are
 * "hr:K" (exp (coef) of the K-th group, 1-based in level order), "p_adjusted:K" (the K-th
 * pair in R's order) and "trend_chisq". */
static void
append_r_groups (GString                    *body,
                 const EpCliSurvivalOptions *opt,
                 double                      rho,
                 gboolean                    no_timefix,
                 const EpGroupHr            *hr,
                 const EpLogrankPairwise    *pairwise,
                 const EpLogrankTrend       *trend,
                 const EpLevels             *levels)
{
  g_autofree char *surv = ep_cli_r_surv (opt->start, opt->time, opt->status, NULL);
  g_autofree char *gs = ep_cli_r_string (opt->group);
  g_autofree char *s = opt->strata != NULL ? ep_cli_r_name (opt->strata) : NULL;
  g_autofree char *strata = s != NULL ? g_strdup_printf (" + strata (%s)", s) : g_strdup ("");

  /* the groups as a factor in endpoint-cli's level order (numbers as numbers, text in byte
   * order), so that survdiff's O - E and coxph's terms come in that order */
  if (opt->start == NULL)
    g_string_append_printf (body,
                            "\n# More than two groups, the levels in endpoint-cli's order:\n"
                            "lev <- as.character (sort (unique (d[[%s]]), method = \"radix\"))\n",
                            gs);
  g_string_append_printf (body, "d$.g <- factor (as.character (d[[%s]]), levels = lev)\n", gs);

  if (hr != NULL)
    {
      g_autofree char *ref = ep_cli_r_string (levels->levels[hr->reference]);

      g_string_append_printf (body,
                              "\n# --hr: each group against the reference, coxph with the group as a factor\n"
                              "d$.gr <- relevel (d$.g, ref = %s)\n"
                              "hr <- coxph (%s ~ .gr%s, data = d, ties = \"efron\"%s)\n"
                              "print (summary (hr))\n"
                              "k <- match (substring (names (coef (hr)), 4), lev)\n"
                              "check <- c (check, setNames (exp (coef (hr)), paste0 (\"hr:\", k)))\n",
                              ref, surv, strata,
                              no_timefix ? ", control = coxph.control (timefix = FALSE)" : "");
    }

  if (pairwise != NULL && opt->start != NULL)
    g_string_append (body,
                     "\n# --pairwise: survdiff refuses (start, stop] data; endpoint-cli runs the\n"
                     "# written-out test above on the rows of each pair (not repeated here).\n");
  else if (pairwise != NULL)
    g_string_append_printf (body,
                            "\n# --pairwise: survminer::pairwise_survdiff, written out (survdiff on each\n"
                            "# pair's rows, p on 1 df, p.adjust over all pairs)\n"
                            "pairs <- character (0); pv <- numeric (0)\n"
                            "for (j in 1:(length (lev) - 1)) for (i in (j + 1):length (lev)) {\n"
                            "  dd <- d[d$.g %%in%% lev[c (i, j)], , drop = FALSE]; dd$.g <- droplevels (dd$.g)\n"
                            "  sp <- survdiff (%s ~ .g%s, data = dd, rho = %.17g%s)\n"
                            "  pairs <- c (pairs, paste (lev[i], \"vs\", lev[j]))\n"
                            "  pv <- c (pv, pchisq (sp$chisq, 1, lower.tail = FALSE))\n"
                            "}\n"
                            "padj <- p.adjust (pv, \"%s\")\n"
                            "print (data.frame (pair = pairs, p = pv, p_adjusted = padj))\n"
                            "check <- c (check, setNames (padj, paste0 (\"p_adjusted:\", seq_along (padj))))\n",
                            surv, strata, rho, no_timefix ? ", timefix = FALSE" : "",
                            ep_p_adjust_name (pairwise->adjust));

  if (trend != NULL)
    {
      if (opt->start == NULL)
        g_string_append_printf (body,
                                "sdg <- survdiff (%s ~ .g%s, data = d, rho = %.17g%s)\n"
                                "O <- if (is.matrix (sdg$obs)) rowSums (sdg$obs) else sdg$obs\n"
                                "E <- if (is.matrix (sdg$exp)) rowSums (sdg$exp) else sdg$exp\n"
                                "V <- sdg$var\n",
                                surv, strata, rho, no_timefix ? ", timefix = FALSE" : "");
      g_string_append (body,
                       "\n# --trend: the log-rank test for trend (Collett 2015, sec. 2.6.2), scores 1..k\n"
                       "w <- seq_along (lev); U <- sum (w * (O - E)); VT <- drop (t (w) %*% V %*% w)\n"
                       "cat (\"Test for trend: chisq\", U^2 / VT, \"p\", pchisq (U^2 / VT, 1, lower.tail = FALSE), \"\\n\")\n"
                       "check <- c (check, trend_chisq = U^2 / VT)\n");
    }
}

int
ep_cli_logrank (int    argc,
                char **argv)
{
  g_auto(EpCliSurvivalOptions) opt = { 0, };
  double opt_rho = 0.0;
  gboolean opt_no_timefix = FALSE;
  gboolean opt_hr = FALSE, opt_pairwise = FALSE, opt_trend = FALSE;
  g_autofree char *opt_reference = NULL;
  g_autofree char *opt_adjust = NULL;
  EpPAdjust adjust = EP_P_ADJUST_HOLM;
  int reference = 0;
  g_autofree char *opt_r_script = NULL;
  g_autofree char *cmdline = g_strjoinv (" ", argv);
  const GOptionEntry entries[] = {
    EP_CLI_OPTION_CSV (opt.csv),
    EP_CLI_OPTION_TIME (opt.time),
    EP_CLI_OPTION_EVENT (opt.status),
    { "group", 0, 0, G_OPTION_ARG_STRING, &opt.group,
      N_("The column whose values are the groups to compare"), N_("COL") },
    { "strata", 0, 0, G_OPTION_ARG_STRING, &opt.strata,
      N_("Stratify the test by this column"), N_("COL") },
    { "rho", 0, 0, G_OPTION_ARG_DOUBLE, &opt_rho,
      N_("Harrington-Fleming weight S(t-)^rho: 0 log-rank (default), 1 Peto-Peto"), N_("RHO") },
    EP_CLI_OPTION_START (opt.start),
    EP_CLI_OPTION_NO_TIMEFIX (opt_no_timefix),
    { "hr", 0, 0, G_OPTION_ARG_NONE, &opt_hr,
      N_("Also give each group's hazard ratio against the reference group (Cox model with the "
         "group as a factor)"), NULL },
    { "reference", 0, 0, G_OPTION_ARG_STRING, &opt_reference,
      N_("The reference group of the hazard ratios (default: the first level; implies --hr)"),
      N_("LEVEL") },
    { "pairwise", 0, 0, G_OPTION_ARG_NONE, &opt_pairwise,
      N_("Also test every pair of groups, as survminer's pairwise_survdiff"), NULL },
    { "adjust", 0, 0, G_OPTION_ARG_STRING, &opt_adjust,
      N_("Adjust the pairwise p-values: holm (default), BH, bonferroni or none (implies "
         "--pairwise)"), N_("METHOD") },
    { "trend", 0, 0, G_OPTION_ARG_NONE, &opt_trend,
      N_("Also give the log-rank test for trend over the groups in level order"), NULL },
    EP_CLI_OPTION_R_SCRIPT (opt_r_script),
    EP_CLI_OPTION_LABELS,
    EP_CLI_OPTION_SEP (opt.sep),
    EP_CLI_OPTION_TIMING (opt.timing),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliSurvivalData) survival = NULL;
  g_autoptr(EpLogrankResult) test = NULL;
  g_autoptr(EpGroupHr) hr = NULL;
  g_autoptr(EpLogrankPairwise) pairwise = NULL;
  g_autoptr(EpLogrankTrend) trend = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *groups;
  JsonArray *var;
  const EpCliData *data;
  const EpLevels *levels, *strata;
  EpCliTimer timer;
  double parse_s, compute_s;

  if (!ep_cli_parse_options (COMMAND, NULL,
                             _("Compare survival between groups with the log-rank test or a "
                               "Harrington-Fleming G-rho test, optionally stratified, as R's "
                               "survdiff."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;

  if (argc > 1)
    return ep_cli_usage_error (COMMAND, _("unexpected argument “%s”"), argv[1]);
  if (!ep_cli_survival_options_check (&opt, &error))
    return ep_cli_data_fail (COMMAND, error);
  if (opt.group == NULL)
    return ep_cli_usage_error (COMMAND, _("--group is required"));
  if (!isfinite (opt_rho))
    return ep_cli_usage_error (COMMAND, _("--rho must be a finite number"));
  if (opt_adjust != NULL && !ep_p_adjust_parse (opt_adjust, &adjust))
    return ep_cli_usage_error (COMMAND,
                               _("--adjust must be holm, BH, bonferroni or none, not “%s”"),
                               opt_adjust);
  if (opt_adjust != NULL)
    opt_pairwise = TRUE;
  if (opt_reference != NULL)
    opt_hr = TRUE;

  ep_cli_timer_start (&timer);

  survival = ep_cli_survival_data_load (&opt, &error);
  if (survival == NULL)
    return ep_cli_data_fail (COMMAND, error);
  data = survival->data;
  levels = survival->groups;
  strata = survival->strata;
  /* the arrays are extracted: the typed columns go before the test's arrays are made (as km) */
  ep_cli_data_release_columns (survival->data);

  if (levels->n_levels < 2)
    {
      g_set_error (&error, EP_LOGRANK_ERROR, EP_LOGRANK_ERROR_ONE_GROUP,
                   _("%s: column \"%s\" has a single value (\"%s\") in the rows used; "
                     "a test comparing groups needs at least two groups"),
                   ep_cli_data_file_name (data), opt.group, levels->levels[0]);
      return ep_cli_data_fail (COMMAND, error);
    }

  if (opt_reference != NULL)
    {
      reference = ep_levels_find (levels, opt_reference);
      if (reference < 0)
        {
          g_autofree char *known = g_strjoinv (", ", levels->levels);

          return ep_cli_usage_error (COMMAND,
                                     _("--reference: column “%s” has no group “%s” in the rows "
                                       "used (its groups: %s)"),
                                     opt.group, opt_reference, known);
        }
    }

  parse_s = ep_cli_timer_lap (&timer);

  test = ep_logrank_test_full (survival->start, survival->time, survival->status,
                               levels->codes, levels->n_levels,
                               strata != NULL ? strata->codes : NULL,
                               strata != NULL ? strata->n_levels : 1,
                               data->n_rows, opt_rho, !opt_no_timefix, &error);
  if (test == NULL)
    return ep_cli_data_fail (COMMAND, error);

  if (opt_hr)
    {
      g_autofree char **names = g_new0 (char *, levels->n_levels);
      EpCoxOptions cox_options;

      /* the terms' names in the model's warnings: "ph_ecog=2", as the cox command's */
      for (guint k = 0, j = 0; k < levels->n_levels; k++)
        if (k != (guint) reference)
          names[j++] = g_strdup_printf ("%s=%s", opt.group, levels->levels[k]);
      ep_cox_options_init (&cox_options);
      cox_options.timefix = !opt_no_timefix;
      cox_options.term_names = (const char * const *) names;
      hr = ep_group_hr (survival->start, survival->time, survival->status, levels->codes,
                        levels->n_levels, (guint) reference,
                        strata != NULL ? strata->codes : NULL,
                        strata != NULL ? strata->n_levels : 1, data->n_rows, &cox_options,
                        &error);
      for (guint j = 0; j + 1 < levels->n_levels; j++)
        g_free (names[j]);
      if (hr == NULL)
        {
          g_prefix_error (&error, "%s: --hr: ", ep_cli_data_file_name (data));
          return ep_cli_data_fail (COMMAND, error);
        }
    }
  if (opt_pairwise)
    {
      pairwise = ep_logrank_pairwise (survival->start, survival->time, survival->status,
                                      levels->codes, levels->n_levels,
                                      strata != NULL ? strata->codes : NULL,
                                      strata != NULL ? strata->n_levels : 1, data->n_rows,
                                      opt_rho, !opt_no_timefix, adjust, &error);
      if (pairwise == NULL)
        {
          g_prefix_error (&error, "%s: --pairwise: ", ep_cli_data_file_name (data));
          return ep_cli_data_fail (COMMAND, error);
        }
    }
  if (opt_trend)
    {
      trend = ep_logrank_trend (test, NULL, &error);
      if (trend == NULL)
        {
          g_prefix_error (&error, "%s: --trend: ", ep_cli_data_file_name (data));
          return ep_cli_data_fail (COMMAND, error);
        }
    }

  compute_s = ep_cli_timer_lap (&timer);

  root = json_object_new ();
  json_object_set_string_member (root, "analysis", "logrank");
  json_object_set_double_member (root, "rho", opt_rho);
  json_object_set_double_member (root, "chisq", test->chisq);
  json_object_set_int_member (root, "df", test->df);
  json_object_set_double_member (root, "p", test->p);
  json_object_set_int_member (root, "n", data->n_rows);
  json_object_set_int_member (root, "n_dropped", data->n_dropped);
  json_object_set_boolean_member (root, "timefix", test->timefix);
  json_object_set_int_member (root, "times_merged", test->n_timefix);
  json_object_set_boolean_member (root, "delayed_entry", test->delayed_entry);
  if (test->df == 0)
    json_object_set_string_member (root, "warning",
                                   _("Only one group has subjects at risk at an event time; "
                                     "there is nothing to compare (chi-square 0, df 0)"));
  else if (test->rank < test->df)
    json_object_set_string_member (root, "warning",
                                   _("The variance matrix is singular; the chi-square uses a "
                                     "generalized inverse"));

  groups = json_array_sized_new (test->n_groups);
  var = json_array_sized_new (test->n_groups);
  for (guint k = 0; k < test->n_groups; k++)
    {
      JsonObject *o = json_object_new ();
      JsonArray *row = json_array_sized_new (test->n_groups);

      json_object_set_string_member (o, "label", ep_levels_get_label (levels, k));
      if (levels->labels != NULL)
        json_object_set_string_member (o, "value", levels->levels[k]);
      json_object_set_int_member (o, "n", test->n[k]);
      json_object_set_double_member (o, "observed", test->observed[k]);
      json_object_set_double_member (o, "expected", test->expected[k]);
      json_array_add_object_element (groups, o);

      for (guint m = 0; m < test->n_groups; m++)
        json_array_add_double_element (row, test->var[k * test->n_groups + m]);
      json_array_add_array_element (var, row);
    }
  json_object_set_array_member (root, "groups", groups);
  json_object_set_array_member (root, "var", var);

  if (strata != NULL)
    {
      JsonArray *labels = json_array_sized_new (strata->n_levels);

      for (guint h = 0; h < strata->n_levels; h++)
        json_array_add_string_element (labels, strata->levels[h]);
      json_object_set_array_member (root, "strata", labels);
    }

  if (hr != NULL)
    add_hazard_ratios (root, hr, levels);
  if (pairwise != NULL)
    add_pairwise (root, pairwise, levels);
  if (trend != NULL)
    add_trend (root, trend);

  if (opt_r_script != NULL)
    {
      g_autofree char *surv = ep_cli_r_surv (NULL, opt.time, opt.status, NULL);
      g_autofree char *g = ep_cli_r_name (opt.group);
      g_autofree char *s = opt.strata != NULL ? ep_cli_r_name (opt.strata) : NULL;
      g_autoptr(GString) body = g_string_new (NULL);
      const char *columns[] = { opt.time, opt.status, opt.group,
                                opt.strata != NULL ? opt.strata : opt.time,
                                opt.start != NULL ? opt.start : opt.time, NULL };

      if (opt.start != NULL)
        {
          /* survdiff has no (start, stop] form: the same O - E and variance, written out */
          g_autofree char *st = ep_cli_r_string (opt.start);
          g_autofree char *t = ep_cli_r_string (opt.time);
          g_autofree char *e = ep_cli_r_string (opt.status);
          g_autofree char *gs = ep_cli_r_string (opt.group);

          g_string_append_printf (body,
                                  "# survdiff refuses (start, stop] data; the log-rank statistic over the risk\n"
                                  "# sets {start < t <= stop}, as endpoint-cli computes it:\n"
                                  "start <- d[[%s]]; stop <- d[[%s]]; event <- d[[%s]]; g <- as.character (d[[%s]])\n",
                                  st, t, e, gs);
          if (!opt_no_timefix)
            g_string_append (body,
                             "y <- aeqSurv (Surv (start, stop, event)); start <- y[, 1]; stop <- y[, 2]\n");
          g_string_append (body,
                           "lev <- sort (unique (g))\n"
                           "if (!anyNA (suppressWarnings (as.numeric (lev)))) lev <- lev[order (as.numeric (lev))]\n"
                           "O <- E <- rep (0, length (lev)); V <- matrix (0, length (lev), length (lev))\n"
                           "for (tt in sort (unique (stop[event == 1]))) {\n"
                           "  atr <- start < tt & stop >= tt; nr <- sum (atr); dd <- sum (atr & stop == tt & event == 1)\n"
                           "  nk <- sapply (lev, function (l) sum (atr & g == l))\n"
                           "  dk <- sapply (lev, function (l) sum (atr & g == l & stop == tt & event == 1))\n"
                           "  O <- O + dk; E <- E + dd * nk / nr\n"
                           "  if (nr > 1) V <- V + dd * (nr - dd) / (nr * (nr - 1)) * (diag (nk) - outer (nk, nk) / nr)\n"
                           "}\n"
                           "chisq <- drop ((O - E)[-1] %*% solve (V[-1, -1, drop = FALSE], (O - E)[-1]))\n"
                           "print (data.frame (group = lev, observed = O, expected = E)); print (chisq)\n"
                           "check <- c (chisq = chisq)\n");
        }
      else
        {
          g_string_append_printf (body,
                                  "sd <- survdiff (%s ~ %s%s%s%s, data = d, rho = %.17g%s)\n"
                                  "print (sd)\n"
                                  "check <- c (chisq = sd$chisq)\n",
                                  surv, g, s != NULL ? " + strata (" : "", s != NULL ? s : "",
                                  s != NULL ? ")" : "", opt_rho,
                                  opt_no_timefix ? ", timefix = FALSE" : "");
          if (opt_no_timefix)
            g_string_prepend (body,
                              "# survival 3.5-3's survdiff stops on timefix = FALSE (\"variable lengths\n"
                              "# differ\"); later versions take it.\n");
        }
      if (hr != NULL || pairwise != NULL || trend != NULL)
        append_r_groups (body, &opt, opt_rho, opt_no_timefix, hr, pairwise, trend, levels);
      if (!ep_cli_rscript_write (opt_r_script, data, columns, cmdline, body->str, &error))
        return ep_cli_data_fail (COMMAND, error);
    }

  if (opt.timing)
    ep_cli_add_timing (root, parse_s, compute_s);

  node = json_node_init_object (json_node_alloc (), root);
  ep_cli_print_json (node);

  return EP_CLI_EXIT_OK;
}
