/* ep-figure.c: a figure: data source, computed result, options and style
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "core/ep-cif.h"
#include "core/ep-cox.h"
#include "core/ep-design.h"
#include "core/ep-km.h"
#include "core/ep-levels.h"
#include "core/ep-logrank.h"
#include "core/ep-meta.h"
#include "model/ep-figure.h"
#include "plot/ep-cif-plot.h"

struct _EpFigure
{
  GObject             parent_instance;

  EpFigureKind        kind;
  EpTimePlotOptions   options;     /* survival figures */
  gboolean            show_stats;  /* log-rank p and HR, or Gray's p */
  EpPlotStyle         style;

  char               *subtitle;
  EpCohort           *cohort;
  char               *path;
  GPtrArray          *notes;       /* char *, NULL-terminated */

  /* KM and CIF */
  EpLevels           *levels;      /* NULL: one group */
  EpKmResult         *km;          /* KM: the fit; CIF: the all-cause fit for the numbers at risk */
  double              logrank_p;
  double              hr;
  double              hr_lower;
  double              hr_upper;
  char               *hr_label;
  EpCifResult        *cif;
  EpGrayResult       *gray;

  /* forest kinds */
  EpForestPlot       *forest;
  char               *forest_x_label;  /* the default, when x-label is not set */
};

G_DEFINE_FINAL_TYPE (EpFigure, ep_figure, G_TYPE_OBJECT)

G_DEFINE_QUARK (ep-figure-error-quark, ep_figure_error)

G_DEFINE_ENUM_TYPE (EpFigureKind, ep_figure_kind,
  G_DEFINE_ENUM_VALUE (EP_FIGURE_KM, "km"),
  G_DEFINE_ENUM_VALUE (EP_FIGURE_CIF, "cif"),
  G_DEFINE_ENUM_VALUE (EP_FIGURE_FOREST_PROPORTIONS, "forest-proportions"),
  G_DEFINE_ENUM_VALUE (EP_FIGURE_FOREST_RATIOS, "forest-ratios"),
  G_DEFINE_ENUM_VALUE (EP_FIGURE_COX_TABLE, "cox-table"))

G_DEFINE_ENUM_TYPE (EpFigureOutcome, ep_figure_outcome,
  G_DEFINE_ENUM_VALUE (EP_FIGURE_OUTCOME_CR, "cr"),
  G_DEFINE_ENUM_VALUE (EP_FIGURE_OUTCOME_MRD_NEG, "mrd-negative"))

G_DEFINE_ENUM_TYPE (EpPlotCi, ep_plot_ci,
  G_DEFINE_ENUM_VALUE (EP_PLOT_CI_NONE, "none"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_CI_BANDS, "bands"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_CI_LINES, "lines"))

G_DEFINE_ENUM_TYPE (EpPlotLegend, ep_plot_legend,
  G_DEFINE_ENUM_VALUE (EP_PLOT_LEGEND_NONE, "none"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_LEGEND_INSIDE, "inside"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_LEGEND_OUTSIDE, "outside"))

G_DEFINE_ENUM_TYPE (EpPlotTimeUnit, ep_plot_time_unit,
  G_DEFINE_ENUM_VALUE (EP_PLOT_TIME_UNSPECIFIED, "unspecified"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_TIME_DAYS, "days"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_TIME_WEEKS, "weeks"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_TIME_MONTHS, "months"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_TIME_YEARS, "years"))

G_DEFINE_ENUM_TYPE (EpPlotPalette, ep_plot_palette,
  G_DEFINE_ENUM_VALUE (EP_PLOT_PALETTE_OKABE_ITO, "okabe-ito"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_PALETTE_GRAYSCALE, "grayscale"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_PALETTE_NEJM, "nejm"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_PALETTE_LANCET, "lancet"),
  G_DEFINE_ENUM_VALUE (EP_PLOT_PALETTE_JCO, "jco"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_SUBTITLE,
  /* Options and style: every writable property is saved by ep_figure_to_json(). */
  PROP_TITLE,
  PROP_X_LABEL,
  PROP_Y_LABEL,
  PROP_CI,
  PROP_CENSOR_MARKS,
  PROP_RISK_TABLE,
  PROP_RISK_TABLE_EVENTS,
  PROP_MEDIAN_LINES,
  PROP_LEGEND,
  PROP_SHOW_STATS,
  PROP_DATA_UNIT,
  PROP_TIME_UNIT,
  PROP_TICK_INTERVAL,
  PROP_X_MAX,
  PROP_Y_MIN,
  PROP_Y_MAX,
  PROP_Y_PERCENT,
  PROP_FONT_FAMILY,
  PROP_FONT_SIZE,
  PROP_LINE_WIDTH,
  PROP_PALETTE,
  PROP_WIDTH_MM,
  PROP_HEIGHT_MM,
  PROP_DPI,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- helpers ------------------------------------------------------------------------------- */

static void
ep_figure_add_note (EpFigure   *self,
                    const char *note)
{
  /* Keep the array NULL-terminated for ep_figure_get_notes(). */
  g_ptr_array_insert (self->notes, self->notes->len - 1, g_strdup (note));
}

static gboolean
nonempty (const char *text)
{
  return text != NULL && *text != '\0';
}

/* g_set_str() is GLib 2.76. */
static gboolean
set_str (char       **field,
         const char  *text)
{
  if (g_strcmp0 (*field, text) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (text);
  return TRUE;
}

/* The rows of a cohort endpoint with every other column used present, and the group levels. */
static EpEndpointData *
resolve (EpFigure          *self,
         EpCohort          *cohort,
         EpCohortEndpoint  *endpoint,
         const char        *group_column,
         const char * const *more,
         EpLevels         **levels,
         GError           **error)
{
  g_autoptr(GPtrArray) required = g_ptr_array_new ();
  g_autoptr(EpEndpointData) data = NULL;

  if (group_column != NULL)
    g_ptr_array_add (required, (gpointer) group_column);
  for (guint k = 0; more != NULL && more[k] != NULL; k++)
    g_ptr_array_add (required, (gpointer) more[k]);
  g_ptr_array_add (required, NULL);

  data = ep_cohort_resolve_endpoint (cohort, endpoint, (const char * const *) required->pdata,
                                     error);
  if (data == NULL)
    return NULL;
  if (data->n == 0)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                   _("%s: no rows with a value in every column used (%u dropped for missing values)"),
                   ep_cohort_get_name (cohort), data->n_dropped);
      return NULL;
    }
  if (data->n_dropped > 0)
    {
      g_autofree char *note =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u row dropped for a missing value",
                                      "%u rows dropped for missing values", data->n_dropped),
                         data->n_dropped);

      ep_figure_add_note (self, note);
    }

  if (group_column != NULL)
    {
      *levels = ep_cohort_get_levels (cohort, group_column, data->rows, data->n, error);
      if (*levels == NULL)
        return NULL;
    }

  return g_steal_pointer (&data);
}

/* Codes of a number column over rows, each an integer in [0, max_code]. */
static int *
read_codes (EpFigure    *self,
            EpCohort    *cohort,
            const char  *column,
            const guint *rows,
            guint        n,
            int          max_code,
            GError     **error)
{
  g_autofree double *values = ep_cohort_get_numbers (cohort, column, rows, n, error);
  g_autofree int *codes = NULL;

  if (values == NULL)
    return NULL;

  codes = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      if (!(values[i] >= 0 && values[i] <= max_code && values[i] == floor (values[i])))
        {
          g_autofree char *text = ep_cohort_get_text (cohort, rows[i],
                                                      ep_cohort_find_column (cohort, column));
          g_autofree char *where = NULL;

          /* A file read with its header: row i is on line i + 2, as the CSV messages count. */
          if (self->path != NULL)
            {
              g_autofree char *basename = g_path_get_basename (self->path);

              where = g_strdup_printf ("%s:%u", basename, rows[i] + 2);
            }
          else
            where = g_strdup_printf (_("%s: row %u"), ep_cohort_get_name (cohort), rows[i] + 1);

          if (max_code == 1)
            g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                         _("%s: column \"%s\": %s is not 0 (censored) or 1 (event)"),
                         where, column, text);
          else
            g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                         _("%s: column \"%s\": %s is not 0 (censored) or a cause code 1, 2, …"),
                         where, column, text);
          return NULL;
        }
      codes[i] = (int) values[i];
    }

  return g_steal_pointer (&codes);
}

static void
ep_figure_set_source (EpFigure   *self,
                      EpCohort   *cohort,
                      const char *what)
{
  g_set_object (&self->cohort, cohort);
  g_free (self->subtitle);
  self->subtitle = g_strdup_printf ("%s: %s", ep_cohort_get_name (cohort), what);
}

/* The hazard ratio of the second group against the first: coxph (Surv (time, status) ~ group). */
static void
ep_figure_two_group_hr (EpFigure     *self,
                        const double *time,
                        const int    *event,
                        guint         n)
{
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autoptr(EpCoxFit) fit = NULL;

  for (guint i = 0; i < n; i++)
    x[i] = self->levels->codes[i] == 1 ? 1.0 : 0.0;

  fit = ep_cox_fit (n, NULL, time, event, x, 1, NULL, 0, NULL, NULL);
  if (fit == NULL || !fit->converged || fit->singular[0] || fit->infinite[0])
    {
      ep_figure_add_note (self, _("The hazard ratio could not be estimated (no events in a "
                                  "group, or the model did not converge); it is not shown."));
      return;
    }

  self->hr = fit->hr[0];
  self->hr_lower = fit->hr_lower[0];
  self->hr_upper = fit->hr_upper[0];
  /* "Nonmaintained vs Maintained" */
  self->hr_label = g_strdup_printf (_("%s vs %s"), self->levels->levels[1], self->levels->levels[0]);
}

static gboolean
ep_figure_compute_km (EpFigure         *self,
                      EpCohort         *cohort,
                      EpCohortEndpoint *endpoint,
                      gboolean          check_event_codes,
                      const char       *group_column,
                      GError          **error)
{
  g_autoptr(EpEndpointData) data = NULL;
  g_autofree int *event = NULL;

  data = resolve (self, cohort, endpoint, group_column, NULL, &self->levels, error);
  if (data == NULL)
    return FALSE;

  /* A 2 in a 0/1 column would otherwise count as censored: refuse it, as endpoint-cli km does. */
  if (check_event_codes)
    {
      event = read_codes (self, cohort, ep_cohort_endpoint_get_event_column (endpoint), data->rows,
                          data->n, 1, error);
      if (event == NULL)
        return FALSE;
      memcpy (data->event, event, data->n * sizeof (int));
    }

  self->km = ep_km_fit (data->time, data->event, self->levels != NULL ? self->levels->codes : NULL,
                        self->levels != NULL ? self->levels->n_levels : 1, data->n,
                        EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, error);
  if (self->km == NULL)
    return FALSE;

  if (self->levels != NULL && self->levels->n_levels >= 2)
    {
      g_autoptr(EpLogrankResult) logrank = ep_logrank_test (data->time, data->event,
                                                            self->levels->codes,
                                                            self->levels->n_levels, NULL, 0,
                                                            data->n, 0.0, NULL);

      if (logrank != NULL)
        self->logrank_p = logrank->p;
      if (self->levels->n_levels == 2)
        ep_figure_two_group_hr (self, data->time, data->event, data->n);
    }

  return TRUE;
}

static EpFigure *
ep_figure_new_kind (EpFigureKind kind)
{
  EpFigure *self = g_object_new (EP_TYPE_FIGURE, NULL);

  self->kind = kind;
  if (kind == EP_FIGURE_CIF)
    {
      EpCifPlot plot;

      ep_cif_plot_init (&plot, NULL);
      self->options = plot.options;
    }

  return self;
}

static char *
describe_columns (const char *time_column,
                  const char *event_column,
                  const char *group_column)
{
  if (group_column != NULL)
    /* TRANSLATORS: the data of a figure: "time, status by x" */
    return g_strdup_printf (_("%s, %s by %s"), time_column, event_column, group_column);

  return g_strdup_printf ("%s, %s", time_column, event_column);
}

/* A forest plot's height: its rows at about 3.6 mm each (7 pt text with air) plus the header
 * and the axis; two journal columns wide for its five columns. */
static void
ep_figure_size_forest (EpFigure *self)
{
  self->style.width_mm = 170.0;
  self->style.height_mm = round (CLAMP (24.0 + 3.6 * self->forest->rows->len, 60.0, 250.0));
}

/* ---- constructors -------------------------------------------------------------------------- */

EpFigure *
ep_figure_new_km (EpCohort    *cohort,
                  const char  *endpoint,
                  const char  *group_column,
                  GError     **error)
{
  g_autoptr(EpFigure) self = NULL;
  EpCohortEndpoint *ep;
  g_autofree char *what = NULL;

  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ep = ep_cohort_find_endpoint (cohort, endpoint);
  if (ep == NULL)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                   _("%s: there is no endpoint “%s”"), ep_cohort_get_name (cohort), endpoint);
      return NULL;
    }

  self = ep_figure_new_kind (EP_FIGURE_KM);
  if (!ep_figure_compute_km (self, cohort, ep, FALSE, group_column, error))
    return NULL;

  /* The endpoint knows its unit, so the axis can convert. */
  switch (ep_cohort_endpoint_get_unit (ep))
    {
    case EP_TIME_UNIT_DAYS:   self->options.data_unit = EP_PLOT_TIME_DAYS; break;
    case EP_TIME_UNIT_WEEKS:  self->options.data_unit = EP_PLOT_TIME_WEEKS; break;
    case EP_TIME_UNIT_MONTHS: self->options.data_unit = EP_PLOT_TIME_MONTHS; break;
    case EP_TIME_UNIT_YEARS:  self->options.data_unit = EP_PLOT_TIME_YEARS; break;
    default: break;
    }

  what = group_column != NULL ? g_strdup_printf (_("%s by %s"), endpoint, group_column)
                              : g_strdup (endpoint);
  ep_figure_set_source (self, cohort, what);

  return g_steal_pointer (&self);
}

static EpFigure *
new_km_columns (EpCohort    *cohort,
                const char  *path,
                const char  *time_column,
                const char  *event_column,
                const char  *group_column,
                GError     **error)
{
  static const char * const event_codes[] = { "1", NULL };
  g_autoptr(EpFigure) self = NULL;
  g_autoptr(EpCohortEndpoint) endpoint = NULL;
  g_autofree char *what = NULL;

  endpoint = ep_cohort_endpoint_new_time ("time", time_column, event_column, event_codes,
                                          EP_TIME_UNIT_DAYS);
  self = ep_figure_new_kind (EP_FIGURE_KM);
  self->path = g_strdup (path);
  if (!ep_figure_compute_km (self, cohort, endpoint, TRUE, group_column, error))
    return NULL;

  what = describe_columns (time_column, event_column, group_column);
  ep_figure_set_source (self, cohort, what);
  if (path != NULL)
    {
      g_autofree char *basename = g_path_get_basename (path);

      /* The file's name as the person knows it, with its extension. */
      g_free (self->subtitle);
      self->subtitle = g_strdup_printf ("%s: %s", basename, what);
    }

  return g_steal_pointer (&self);
}

EpFigure *
ep_figure_new_km_columns (EpCohort    *cohort,
                          const char  *time_column,
                          const char  *event_column,
                          const char  *group_column,
                          GError     **error)
{
  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);
  g_return_val_if_fail (time_column != NULL && event_column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_km_columns (cohort, NULL, time_column, event_column, group_column, error);
}

EpFigure *
ep_figure_new_km_from_file (const char  *path,
                            const char  *time_column,
                            const char  *event_column,
                            const char  *group_column,
                            GError     **error)
{
  g_autoptr(EpCohort) cohort = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (time_column != NULL && event_column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cohort = ep_cohort_new_from_file (path, NULL, error);
  if (cohort == NULL)
    return NULL;

  return new_km_columns (cohort, path, time_column, event_column, group_column, error);
}

EpFigure *
ep_figure_new_km_columns_of_file (EpCohort    *cohort,
                                  const char  *path,
                                  const char  *time_column,
                                  const char  *event_column,
                                  const char  *group_column,
                                  GError     **error)
{
  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (time_column != NULL && event_column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_km_columns (cohort, path, time_column, event_column, group_column, error);
}

EpFigure *
ep_figure_new_cif (EpCohort    *cohort,
                   const char  *time_column,
                   const char  *status_column,
                   const char  *group_column,
                   GError     **error)
{
  static const char * const event_codes[] = { "1", NULL };
  g_autoptr(EpFigure) self = NULL;
  g_autoptr(EpCohortEndpoint) endpoint = NULL;
  g_autoptr(EpEndpointData) data = NULL;
  g_autofree int *status = NULL;
  g_autofree int *any_event = NULL;
  g_autofree char *what = NULL;
  const guint *codes;
  guint n_groups;

  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);
  g_return_val_if_fail (time_column != NULL && status_column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The status column as the "event" column: rows missing it are dropped with the others. */
  endpoint = ep_cohort_endpoint_new_time ("time", time_column, status_column, event_codes,
                                          EP_TIME_UNIT_DAYS);
  self = ep_figure_new_kind (EP_FIGURE_CIF);
  data = resolve (self, cohort, endpoint, group_column, NULL, &self->levels, error);
  if (data == NULL)
    return NULL;
  status = read_codes (self, cohort, status_column, data->rows, data->n, G_MAXINT, error);
  if (status == NULL)
    return NULL;

  codes = self->levels != NULL ? self->levels->codes : NULL;
  n_groups = self->levels != NULL ? self->levels->n_levels : 1;
  self->cif = ep_cif_fit (data->time, status, codes, n_groups, data->n, error);
  if (self->cif == NULL)
    return NULL;
  if (self->cif->n_causes == 0)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                   _("%s: column \"%s\": every observation is censored; there is no incidence to draw"),
                   ep_cohort_get_name (cohort), status_column);
      return NULL;
    }

  /* The numbers at risk: the all-cause Kaplan-Meier fit's n.risk. */
  any_event = g_new (int, MAX (data->n, 1));
  for (guint i = 0; i < data->n; i++)
    any_event[i] = status[i] != 0;
  self->km = ep_km_fit (data->time, any_event, codes, n_groups, data->n,
                        EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, error);
  if (self->km == NULL)
    return NULL;

  if (n_groups >= 2)
    self->gray = ep_gray_test (data->time, status, codes, n_groups, NULL, 0, data->n, 0.0, NULL);

  what = describe_columns (time_column, status_column, group_column);
  ep_figure_set_source (self, cohort, what);

  return g_steal_pointer (&self);
}

EpFigure *
ep_figure_new_cox_table (EpCohort            *cohort,
                         const char          *time_column,
                         const char          *event_column,
                         const char * const  *covariates,
                         GError             **error)
{
  static const char * const event_codes[] = { "1", NULL };
  g_autoptr(EpFigure) self = NULL;
  g_autoptr(EpCohortEndpoint) endpoint = NULL;
  g_autoptr(EpEndpointData) data = NULL;
  g_autoptr(EpDesign) design = NULL;
  g_autoptr(EpCoxFit) fit = NULL;
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (EpDesignColumn));
  g_autofree int *event = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *what = NULL;
  EpCoxOptions options;

  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);
  g_return_val_if_fail (time_column != NULL && event_column != NULL, NULL);
  g_return_val_if_fail (covariates != NULL && covariates[0] != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  endpoint = ep_cohort_endpoint_new_time ("time", time_column, event_column, event_codes,
                                          EP_TIME_UNIT_DAYS);
  self = ep_figure_new_kind (EP_FIGURE_COX_TABLE);
  data = resolve (self, cohort, endpoint, NULL, covariates, NULL, error);
  if (data == NULL)
    return NULL;
  event = read_codes (self, cohort, event_column, data->rows, data->n, 1, error);
  if (event == NULL)
    return NULL;

  for (guint k = 0; covariates[k] != NULL; k++)
    {
      int position = ep_cohort_find_column (cohort, covariates[k]);
      EpCohortColumn *column;
      EpDesignColumn dc = { .name = covariates[k] };

      if (position < 0)
        {
          g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                       _("%s: there is no column “%s”"), ep_cohort_get_name (cohort), covariates[k]);
          return NULL;
        }
      column = ep_cohort_get_column (cohort, position);
      if (ep_cohort_column_get_column_type (column) == EP_COLUMN_NUMBER)
        {
          double *numbers = ep_cohort_get_numbers (cohort, covariates[k], data->rows, data->n, error);

          if (numbers == NULL)
            return NULL;
          g_ptr_array_add (owned, numbers);
          dc.kind = EP_DESIGN_NUMERIC;
          dc.numbers = numbers;
        }
      else
        {
          char **strings = g_new0 (char *, data->n + 1);

          for (guint i = 0; i < data->n; i++)
            strings[i] = ep_cohort_get_text (cohort, data->rows[i], position);
          g_ptr_array_add (owned, strings);
          /* freed below, with its strings */
          dc.kind = EP_DESIGN_FACTOR;
          dc.strings = (const char * const *) strings;
        }
      g_array_append_val (columns, dc);
    }

  design = ep_design_new ((EpDesignColumn *) columns->data, columns->len, data->n, error);
  /* The factor texts are only needed by the design. */
  for (guint c = 0; c < columns->len; c++)
    {
      EpDesignColumn *dc = &g_array_index (columns, EpDesignColumn, c);

      if (dc->kind == EP_DESIGN_FACTOR)
        for (guint i = 0; i < data->n; i++)
          g_free ((char *) dc->strings[i]);
    }
  if (design == NULL)
    return NULL;

  ep_cox_options_init (&options);
  options.term_names = (const char * const *) design->term_names;
  fit = ep_cox_fit (data->n, NULL, data->time, event, design->x, design->p, NULL, 0,
                    &options, error);
  if (fit == NULL)
    return NULL;
  for (guint w = 0; fit->warnings != NULL && fit->warnings[w] != NULL; w++)
    ep_figure_add_note (self, fit->warnings[w]);

  self->forest = ep_forest_plot_new_from_cox (fit, (const char * const *) design->term_names);
  self->forest_x_label = g_strdup (self->forest->x_label);
  ep_figure_size_forest (self);

  joined = g_strjoinv (", ", (char **) covariates);
  what = g_strdup_printf (_("Cox model of %s, %s on %s"), time_column, event_column, joined);
  ep_figure_set_source (self, cohort, what);

  return g_steal_pointer (&self);
}

EpFigure *
ep_figure_new_forest_ratios (EpCohort    *cohort,
                             const char  *label_column,
                             const char  *ratio_column,
                             const char  *lower_column,
                             const char  *upper_column,
                             const char  *subgroup_column,
                             GError     **error)
{
  const char *used[] = { label_column, ratio_column, lower_column, upper_column, subgroup_column };
  g_autoptr(EpFigure) self = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(EpMetaResult) result = NULL;
  g_autoptr(EpLevels) levels = NULL;
  g_autofree double *ratio = NULL;
  g_autofree double *lower = NULL;
  g_autofree double *upper = NULL;
  g_autofree double *yi = NULL;
  g_autofree double *vi = NULL;
  g_auto(GStrv) labels = NULL;
  g_autofree char *what = NULL;
  EpMetaData input = { 0, };
  int positions[G_N_ELEMENTS (used)];
  guint n_used = subgroup_column != NULL ? 5 : 4;
  guint n_rows = ep_cohort_get_n_rows (cohort);

  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);
  g_return_val_if_fail (label_column != NULL && ratio_column != NULL, NULL);
  g_return_val_if_fail (lower_column != NULL && upper_column != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint c = 0; c < n_used; c++)
    if ((positions[c] = ep_cohort_find_column (cohort, used[c])) < 0)
      {
        g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                     _("%s: there is no column “%s”"), ep_cohort_get_name (cohort), used[c]);
        return NULL;
      }

  self = ep_figure_new_kind (EP_FIGURE_FOREST_RATIOS);
  for (guint i = 0; i < n_rows; i++)
    {
      gboolean missing = FALSE;

      for (guint c = 0; c < n_used && !missing; c++)
        missing = ep_cohort_is_missing (cohort, i, positions[c]);
      if (!missing)
        g_array_append_val (rows, i);
    }
  if (rows->len == 0)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                   _("%s: no study to pool: every row misses a value in a column used"),
                   ep_cohort_get_name (cohort));
      return NULL;
    }
  if (rows->len < n_rows)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u row dropped for a missing value",
                                                            "%u rows dropped for missing values",
                                                            n_rows - rows->len),
                                               n_rows - rows->len);
      ep_figure_add_note (self, note);
    }

  if ((ratio = ep_cohort_get_numbers (cohort, ratio_column, (guint *) rows->data, rows->len, error)) == NULL ||
      (lower = ep_cohort_get_numbers (cohort, lower_column, (guint *) rows->data, rows->len, error)) == NULL ||
      (upper = ep_cohort_get_numbers (cohort, upper_column, (guint *) rows->data, rows->len, error)) == NULL)
    return NULL;

  yi = g_new (double, rows->len);
  vi = g_new (double, rows->len);
  labels = g_new0 (char *, rows->len + 1);
  for (guint i = 0; i < rows->len; i++)
    {
      guint row = g_array_index (rows, guint, i);

      labels[i] = ep_cohort_get_text (cohort, row, positions[0]);
      if (!ep_meta_ratio_to_log (ratio[i], lower[i], upper[i], 0.95, &yi[i], &vi[i], error))
        {
          g_prefix_error (error, _("%s: row %u: "), ep_cohort_get_name (cohort), row + 1);
          return NULL;
        }
    }
  if (subgroup_column != NULL)
    {
      levels = ep_cohort_get_levels (cohort, subgroup_column, (guint *) rows->data, rows->len, error);
      if (levels == NULL)
        return NULL;
    }

  input.k = rows->len;
  input.measure = EP_META_MEASURE_LOG_RATIO;
  input.yi = yi;
  input.vi = vi;
  if (levels != NULL)
    {
      input.subgroup = levels->codes;
      input.n_subgroups = levels->n_levels;
      input.subgroup_names = (const char * const *) levels->levels;
    }
  result = ep_meta_pool (&input, NULL, error);
  if (result == NULL)
    {
      g_prefix_error (error, "%s: ", ep_cohort_get_name (cohort));
      return NULL;
    }
  for (guint w = 0; w < result->warnings->len; w++)
    ep_figure_add_note (self, g_ptr_array_index (result->warnings, w));

  self->forest = ep_forest_plot_new_from_meta (result, (const char * const *) labels,
                                               levels != NULL ? levels->codes : NULL,
                                               levels != NULL ? (const char * const *) levels->levels : NULL,
                                               NULL, NULL);
  /* The ratios as reported, not as re-derived from the log scale (as endpoint-cli plot). */
  for (guint i = 0, s = 0; i < self->forest->rows->len; i++)
    {
      EpForestRow *row = &g_array_index (self->forest->rows, EpForestRow, i);

      if (row->kind != EP_FOREST_ROW_STUDY)
        continue;
      row->estimate = ratio[s];
      row->lower = lower[s];
      row->upper = upper[s];
      s++;
    }
  self->forest_x_label = g_strdup (self->forest->x_label);
  ep_figure_size_forest (self);

  what = g_strdup_printf (_("%s [%s, %s]"), ratio_column, lower_column, upper_column);
  ep_figure_set_source (self, cohort, what);

  return g_steal_pointer (&self);
}

EpFigure *
ep_figure_new_forest_arms (const EpMetaArm  *arms,
                           guint             n_arms,
                           EpFigureOutcome   outcome,
                           GError          **error)
{
  g_autoptr(EpFigure) self = NULL;
  g_autoptr(EpMetaInput) input = NULL;
  g_autoptr(EpMetaResult) result = NULL;
  EpMetaData data;
  gboolean by_class;

  g_return_val_if_fail (arms != NULL || n_arms == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = ep_figure_new_kind (EP_FIGURE_FOREST_PROPORTIONS);
  input = ep_meta_input_new (arms, n_arms, error);
  if (input == NULL)
    return NULL;

  for (guint e = 0; e < input->n_excluded; e++)
    {
      const EpMetaArm *arm = &arms[input->excluded[e]];
      g_autofree char *note = NULL;

      if (input->exclusion[e] == EP_META_ARM_N_NOT_REPORTED)
        note = g_strdup_printf (_("%s: left out, the number of patients is not reported"), arm->label);
      else if (outcome == EP_FIGURE_OUTCOME_CR)
        note = g_strdup_printf (_("%s: left out, the CR rate is not reported"), arm->label);
      else
        note = g_strdup_printf (_("%s: left out, the MRD-negative rate is not reported"), arm->label);
      ep_figure_add_note (self, note);
    }
  if (input->k == 0)
    {
      g_set_error_literal (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                           outcome == EP_FIGURE_OUTCOME_CR
                           ? _("None of the arms reports its CR rate and number of patients")
                           : _("None of the arms reports its MRD-negative rate and number of patients"));
      return NULL;
    }

  /* Pooled by class only when there is more than one class; otherwise one overall diamond. */
  by_class = input->n_subgroups >= 2;
  ep_meta_input_get_data (input, EP_META_MEASURE_LOGIT, by_class, &data);
  result = ep_meta_pool (&data, NULL, error);
  if (result == NULL)
    return NULL;
  for (guint w = 0; w < result->warnings->len; w++)
    ep_figure_add_note (self, g_ptr_array_index (result->warnings, w));

  self->forest = ep_forest_plot_new_from_meta (result, (const char * const *) input->labels,
                                               by_class ? input->subgroup : NULL,
                                               by_class ? (const char * const *) input->subgroup_names : NULL,
                                               input->events, input->total);
  g_free (self->forest->label_header);
  self->forest->label_header = g_strdup (_("Trial"));
  g_free (self->forest->estimate_header);
  g_free (self->forest->x_label);
  if (outcome == EP_FIGURE_OUTCOME_CR)
    {
      self->forest->estimate_header = g_strdup (_("CR, % (95% CI)"));
      self->forest->x_label = g_strdup (_("Complete remission (%)"));
      self->subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "CR rate of %u arm",
                                                     "CR rate of %u arms", input->k), input->k);
    }
  else
    {
      self->forest->estimate_header = g_strdup (_("MRD-negative, % (95% CI)"));
      self->forest->x_label = g_strdup (_("MRD negativity (%)"));
      self->subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "MRD-negative rate of %u arm",
                                                     "MRD-negative rate of %u arms", input->k),
                                        input->k);
    }
  self->forest_x_label = g_strdup (self->forest->x_label);
  ep_figure_size_forest (self);

  return g_steal_pointer (&self);
}

/* ---- rendering ----------------------------------------------------------------------------- */

void
ep_figure_render (EpFigure     *self,
                  cairo_t      *cr,
                  double        width,
                  double        height,
                  EpPlotLayout *layout)
{
  g_return_if_fail (EP_IS_FIGURE (self));
  g_return_if_fail (cr != NULL);

  switch (self->kind)
    {
    case EP_FIGURE_KM:
      {
        EpKmPlot plot;

        ep_km_plot_init (&plot, self->km);
        plot.options = self->options;
        if (plot.options.y_max == 0.0)
          plot.options.y_max = 1.0;
        if (self->levels != NULL)
          plot.labels = (const char * const *) self->levels->levels;
        if (self->show_stats)
          {
            plot.logrank_p = self->logrank_p;
            plot.hr = self->hr;
            plot.hr_lower = self->hr_lower;
            plot.hr_upper = self->hr_upper;
            plot.hr_label = self->hr_label;
          }
        ep_km_plot_render (cr, width, height, &plot, &self->style, layout);
      }
      break;

    case EP_FIGURE_CIF:
      {
        EpCifPlot plot;

        ep_cif_plot_init (&plot, self->cif);
        plot.options = self->options;
        if (plot.options.y_max == 0.0)
          plot.options.y_max = NAN;
        plot.at_risk = self->options.risk_table ? self->km : NULL;
        plot.gray = self->show_stats ? self->gray : NULL;
        if (self->levels != NULL)
          plot.group_labels = (const char * const *) self->levels->levels;
        ep_cif_plot_render (cr, width, height, &plot, &self->style, layout);
      }
      break;

    case EP_FIGURE_FOREST_PROPORTIONS:
    case EP_FIGURE_FOREST_RATIOS:
    case EP_FIGURE_COX_TABLE:
      {
        /* x-label overrides the forest's own axis label. */
        char *x_label = self->forest->x_label;

        self->forest->x_label = nonempty (self->style.x_label) ? self->style.x_label
                                                                : self->forest_x_label;
        ep_forest_plot_render (cr, width, height, self->forest, &self->style, layout);
        self->forest->x_label = x_label;
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

EpPlotLayout *
ep_figure_layout (EpFigure *self)
{
  g_autoptr(EpPlotLayout) layout = ep_plot_layout_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  ep_figure_render (self, cr, ep_plot_mm_to_pt (self->style.width_mm),
                    ep_plot_mm_to_pt (self->style.height_mm), layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return g_steal_pointer (&layout);
}

static void
draw_cb (cairo_t  *cr,
         double    width,
         double    height,
         gpointer  user_data)
{
  ep_figure_render (EP_FIGURE (user_data), cr, width, height, NULL);
}

gboolean
ep_figure_export (EpFigure     *self,
                  const char   *path,
                  EpPlotFormat  format,
                  GError      **error)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ep_plot_export (path, format, &self->style, draw_cb, self, error);
}

guint
ep_figure_count_forest_rows (EpFigure        *self,
                             EpForestRowKind  kind)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), 0);

  return self->forest != NULL ? ep_forest_plot_count_rows (self->forest, kind) : 0;
}

/* ---- JSON ---------------------------------------------------------------------------------- */

static gboolean
is_option (GParamSpec *pspec)
{
  return (pspec->flags & G_PARAM_WRITABLE) != 0 &&
         (pspec->flags & G_PARAM_CONSTRUCT_ONLY) == 0 &&
         pspec->owner_type == EP_TYPE_FIGURE;
}

JsonNode *
ep_figure_to_json (EpFigure *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GEnumClass) kinds = g_type_class_ref (EP_TYPE_FIGURE_KIND);

  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, g_enum_get_value (kinds, self->kind)->value_nick);
  json_builder_set_member_name (builder, "options");
  json_builder_begin_object (builder);
  for (guint p = 1; p < N_PROPS; p++)
    {
      GParamSpec *pspec = properties[p];
      g_auto(GValue) value = G_VALUE_INIT;

      if (!is_option (pspec))
        continue;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (self), pspec->name, &value);
      json_builder_set_member_name (builder, pspec->name);
      switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
        {
        case G_TYPE_BOOLEAN:
          json_builder_add_boolean_value (builder, g_value_get_boolean (&value));
          break;
        case G_TYPE_DOUBLE:
          json_builder_add_double_value (builder, g_value_get_double (&value));
          break;
        case G_TYPE_STRING:
          if (g_value_get_string (&value) != NULL)
            json_builder_add_string_value (builder, g_value_get_string (&value));
          else
            json_builder_add_null_value (builder);
          break;
        case G_TYPE_ENUM:
          {
            GEnumClass *enum_class = G_PARAM_SPEC_ENUM (pspec)->enum_class;

            json_builder_add_string_value (builder,
                                           g_enum_get_value (enum_class, g_value_get_enum (&value))->value_nick);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* One option from JSON into value (initialised to the property's type); FALSE when the JSON
 * value has the wrong type or is out of the property's range. */
static gboolean
option_from_json (GParamSpec *pspec,
                  JsonNode   *node,
                  GValue     *value)
{
  GType json_type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
    {
    case G_TYPE_BOOLEAN:
      if (json_type != G_TYPE_BOOLEAN)
        return FALSE;
      g_value_set_boolean (value, json_node_get_boolean (node));
      break;
    case G_TYPE_DOUBLE:
      if (json_type != G_TYPE_DOUBLE && json_type != G_TYPE_INT64)
        return FALSE;
      g_value_set_double (value, json_node_get_double (node));
      break;
    case G_TYPE_STRING:
      if (JSON_NODE_HOLDS_NULL (node))
        g_value_set_string (value, NULL);
      else if (json_type == G_TYPE_STRING)
        g_value_set_string (value, json_node_get_string (node));
      else
        return FALSE;
      break;
    case G_TYPE_ENUM:
      {
        GEnumValue *enum_value;

        if (json_type != G_TYPE_STRING)
          return FALSE;
        enum_value = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class,
                                               json_node_get_string (node));
        if (enum_value == NULL)
          return FALSE;
        g_value_set_enum (value, enum_value->value);
      }
      break;
    default:
      return FALSE;
    }

  /* g_param_value_validate() clamps and says whether it had to. */
  return !g_param_value_validate (pspec, value);
}

gboolean
ep_figure_load_json (EpFigure  *self,
                     JsonNode  *node,
                     GError   **error)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (EP_TYPE_FIGURE_KIND);
  g_autoptr(GPtrArray) specs = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  JsonObject *object, *options;
  const char *kind;

  g_return_val_if_fail (EP_IS_FIGURE (self), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_JSON,
                           _("A saved figure must be a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (node);
  kind = json_object_get_string_member_with_default (object, "kind", NULL);
  if (kind == NULL || g_enum_get_value_by_nick (kinds, kind) == NULL ||
      (EpFigureKind) g_enum_get_value_by_nick (kinds, kind)->value != self->kind)
    {
      g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_JSON,
                   _("The saved figure is of kind “%s”, not “%s”"),
                   kind != NULL ? kind : "", g_enum_get_value (kinds, self->kind)->value_nick);
      return FALSE;
    }
  if (!json_object_has_member (object, "options"))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "options")))
    {
      g_set_error_literal (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_JSON,
                           _("The saved figure's options must be a JSON object"));
      return FALSE;
    }
  options = json_object_get_object_member (object, "options");

  /* Read every option first, so that a bad one changes nothing. */
  for (guint p = 1; p < N_PROPS; p++)
    {
      GParamSpec *pspec = properties[p];
      GValue value = G_VALUE_INIT;

      if (!is_option (pspec) || !json_object_has_member (options, pspec->name))
        continue;

      g_value_init (&value, pspec->value_type);
      if (!option_from_json (pspec, json_object_get_member (options, pspec->name), &value))
        {
          g_value_unset (&value);
          g_set_error (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_JSON,
                       _("The saved figure's option “%s” has a value of the wrong type or out of range"),
                       pspec->name);
          return FALSE;
        }
      g_array_append_val (values, value);
      g_ptr_array_add (specs, pspec);
    }

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < specs->len; i++)
    g_object_set_property (G_OBJECT (self), ((GParamSpec *) specs->pdata[i])->name,
                           &g_array_index (values, GValue, i));
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/* ---- accessors ----------------------------------------------------------------------------- */

EpFigureKind
ep_figure_get_kind (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), EP_FIGURE_KM);

  return self->kind;
}

const char *
ep_figure_get_title (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  return self->style.title;
}

void
ep_figure_set_title (EpFigure   *self,
                     const char *title)
{
  g_return_if_fail (EP_IS_FIGURE (self));

  g_object_set (self, "title", title, NULL);
}

const char *
ep_figure_get_display_name (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  if (nonempty (self->style.title))
    return self->style.title;

  switch (self->kind)
    {
    case EP_FIGURE_KM:                 return _("Kaplan-Meier Curves");
    case EP_FIGURE_CIF:                return _("Cumulative Incidence");
    case EP_FIGURE_FOREST_PROPORTIONS: return _("Forest Plot of Proportions");
    case EP_FIGURE_FOREST_RATIOS:      return _("Forest Plot of Ratios");
    case EP_FIGURE_COX_TABLE:          return _("Hazard Ratios");
    default:                           g_return_val_if_reached (NULL);
    }
}

const char *
ep_figure_get_subtitle (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  return self->subtitle;
}

EpCohort *
ep_figure_get_cohort (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  return self->cohort;
}

const char *
ep_figure_get_path (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  return self->path;
}

const char * const *
ep_figure_get_notes (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  return (const char * const *) self->notes->pdata;
}

const EpPlotStyle *
ep_figure_get_style (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), NULL);

  return &self->style;
}

double
ep_figure_get_aspect_ratio (EpFigure *self)
{
  g_return_val_if_fail (EP_IS_FIGURE (self), 1.0);

  return self->style.width_mm / self->style.height_mm;
}

/* ---- GObject ------------------------------------------------------------------------------- */

static void
ep_figure_dispatch_properties_changed (GObject     *object,
                                       guint        n_pspecs,
                                       GParamSpec **pspecs)
{
  G_OBJECT_CLASS (ep_figure_parent_class)->dispatch_properties_changed (object, n_pspecs, pspecs);

  /* One ::changed per batch, so a preview redraws once for a loaded set of options. */
  g_signal_emit (object, signals[CHANGED], 0);
}

static void
ep_figure_finalize (GObject *object)
{
  EpFigure *self = EP_FIGURE (object);

  ep_plot_style_clear (&self->style);
  g_free (self->subtitle);
  g_clear_object (&self->cohort);
  g_free (self->path);
  g_ptr_array_unref (self->notes);
  g_clear_pointer (&self->levels, ep_levels_free);
  g_clear_pointer (&self->km, ep_km_result_free);
  g_free (self->hr_label);
  g_clear_pointer (&self->cif, ep_cif_result_free);
  g_clear_pointer (&self->gray, ep_gray_result_free);
  g_clear_pointer (&self->forest, ep_forest_plot_free);
  g_free (self->forest_x_label);

  G_OBJECT_CLASS (ep_figure_parent_class)->finalize (object);
}

static void
ep_figure_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EpFigure *self = EP_FIGURE (object);

  switch (prop_id)
    {
    case PROP_KIND:              g_value_set_enum (value, self->kind); break;
    case PROP_SUBTITLE:          g_value_set_string (value, self->subtitle); break;
    case PROP_TITLE:             g_value_set_string (value, self->style.title); break;
    case PROP_X_LABEL:           g_value_set_string (value, self->style.x_label); break;
    case PROP_Y_LABEL:           g_value_set_string (value, self->style.y_label); break;
    case PROP_CI:                g_value_set_enum (value, self->options.ci); break;
    case PROP_CENSOR_MARKS:      g_value_set_boolean (value, self->options.censor_marks); break;
    case PROP_RISK_TABLE:        g_value_set_boolean (value, self->options.risk_table); break;
    case PROP_RISK_TABLE_EVENTS: g_value_set_boolean (value, self->options.risk_table_events); break;
    case PROP_MEDIAN_LINES:      g_value_set_boolean (value, self->options.median_lines); break;
    case PROP_LEGEND:            g_value_set_enum (value, self->options.legend); break;
    case PROP_SHOW_STATS:        g_value_set_boolean (value, self->show_stats); break;
    case PROP_DATA_UNIT:         g_value_set_enum (value, self->options.data_unit); break;
    case PROP_TIME_UNIT:         g_value_set_enum (value, self->options.time_unit); break;
    case PROP_TICK_INTERVAL:     g_value_set_double (value, self->options.tick_interval); break;
    case PROP_X_MAX:             g_value_set_double (value, self->options.x_max); break;
    case PROP_Y_MIN:             g_value_set_double (value, self->options.y_min); break;
    case PROP_Y_MAX:             g_value_set_double (value, isnan (self->options.y_max) ? 0.0 : self->options.y_max); break;
    case PROP_Y_PERCENT:         g_value_set_boolean (value, self->options.y_percent); break;
    case PROP_FONT_FAMILY:       g_value_set_string (value, self->style.font_family); break;
    case PROP_FONT_SIZE:         g_value_set_double (value, self->style.font_size); break;
    case PROP_LINE_WIDTH:        g_value_set_double (value, self->style.line_width); break;
    case PROP_PALETTE:           g_value_set_enum (value, self->style.palette); break;
    case PROP_WIDTH_MM:          g_value_set_double (value, self->style.width_mm); break;
    case PROP_HEIGHT_MM:         g_value_set_double (value, self->style.height_mm); break;
    case PROP_DPI:               g_value_set_double (value, self->style.dpi); break;
    default:                     G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string (EpFigure    *self,
            char       **field,
            const GValue *value,
            guint        prop_id)
{
  const char *text = g_value_get_string (value);

  /* An empty entry means "none" (or the renderer's default label). */
  if (text != NULL && *text == '\0')
    text = NULL;
  if (set_str (field, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

#define SET_FIELD(field, getter)                                             \
  G_STMT_START {                                                             \
    __typeof__ (field) v_ = (__typeof__ (field)) getter (value);             \
    if ((field) != v_)                                                       \
      {                                                                      \
        (field) = v_;                                                        \
        g_object_notify_by_pspec (object, properties[prop_id]);              \
      }                                                                      \
  } G_STMT_END

static void
ep_figure_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EpFigure *self = EP_FIGURE (object);

  switch (prop_id)
    {
    case PROP_TITLE:             set_string (self, &self->style.title, value, prop_id); break;
    case PROP_X_LABEL:           set_string (self, &self->style.x_label, value, prop_id); break;
    case PROP_Y_LABEL:           set_string (self, &self->style.y_label, value, prop_id); break;
    case PROP_CI:                SET_FIELD (self->options.ci, g_value_get_enum); break;
    case PROP_CENSOR_MARKS:      SET_FIELD (self->options.censor_marks, g_value_get_boolean); break;
    case PROP_RISK_TABLE:        SET_FIELD (self->options.risk_table, g_value_get_boolean); break;
    case PROP_RISK_TABLE_EVENTS: SET_FIELD (self->options.risk_table_events, g_value_get_boolean); break;
    case PROP_MEDIAN_LINES:      SET_FIELD (self->options.median_lines, g_value_get_boolean); break;
    case PROP_LEGEND:            SET_FIELD (self->options.legend, g_value_get_enum); break;
    case PROP_SHOW_STATS:        SET_FIELD (self->show_stats, g_value_get_boolean); break;
    case PROP_DATA_UNIT:         SET_FIELD (self->options.data_unit, g_value_get_enum); break;
    case PROP_TIME_UNIT:         SET_FIELD (self->options.time_unit, g_value_get_enum); break;
    case PROP_TICK_INTERVAL:     SET_FIELD (self->options.tick_interval, g_value_get_double); break;
    case PROP_X_MAX:             SET_FIELD (self->options.x_max, g_value_get_double); break;
    case PROP_Y_MIN:             SET_FIELD (self->options.y_min, g_value_get_double); break;
    case PROP_Y_MAX:
      {
        double y_max = g_value_get_double (value);

        /* 0: the renderer's default (1 for survival, automatic for incidence) */
        if (y_max == 0.0 && self->kind == EP_FIGURE_CIF)
          y_max = NAN;
        if (!(y_max == self->options.y_max || (isnan (y_max) && isnan (self->options.y_max))))
          {
            self->options.y_max = y_max;
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    case PROP_Y_PERCENT:         SET_FIELD (self->options.y_percent, g_value_get_boolean); break;
    case PROP_FONT_FAMILY:
      {
        const char *family = g_value_get_string (value);

        /* A family is needed; an empty one keeps the default. */
        if (set_str (&self->style.font_family,
                       nonempty (family) ? family : "Liberation Sans, DejaVu Sans"))
          g_object_notify_by_pspec (object, pspec);
      }
      break;
    case PROP_FONT_SIZE:
      {
        double size = g_value_get_double (value);

        if (size != self->style.font_size)
          {
            /* The title keeps its step above the text. */
            self->style.title_size += size - self->style.font_size;
            self->style.font_size = size;
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    case PROP_LINE_WIDTH:        SET_FIELD (self->style.line_width, g_value_get_double); break;
    case PROP_PALETTE:           SET_FIELD (self->style.palette, g_value_get_enum); break;
    case PROP_WIDTH_MM:          SET_FIELD (self->style.width_mm, g_value_get_double); break;
    case PROP_HEIGHT_MM:         SET_FIELD (self->style.height_mm, g_value_get_double); break;
    case PROP_DPI:               SET_FIELD (self->style.dpi, g_value_get_double); break;
    default:                     G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#undef SET_FIELD

static void
ep_figure_class_init (EpFigureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispatch_properties_changed = ep_figure_dispatch_properties_changed;
  object_class->finalize = ep_figure_finalize;
  object_class->get_property = ep_figure_get_property;
  object_class->set_property = ep_figure_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, EP_TYPE_FIGURE_KIND, EP_FIGURE_KM, ro);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_X_LABEL] =
    g_param_spec_string ("x-label", NULL, NULL, NULL, rw);
  properties[PROP_Y_LABEL] =
    g_param_spec_string ("y-label", NULL, NULL, NULL, rw);
  properties[PROP_CI] =
    g_param_spec_enum ("ci", NULL, NULL, EP_TYPE_PLOT_CI, EP_PLOT_CI_BANDS, rw);
  properties[PROP_CENSOR_MARKS] =
    g_param_spec_boolean ("censor-marks", NULL, NULL, TRUE, rw);
  properties[PROP_RISK_TABLE] =
    g_param_spec_boolean ("risk-table", NULL, NULL, TRUE, rw);
  properties[PROP_RISK_TABLE_EVENTS] =
    g_param_spec_boolean ("risk-table-events", NULL, NULL, FALSE, rw);
  properties[PROP_MEDIAN_LINES] =
    g_param_spec_boolean ("median-lines", NULL, NULL, FALSE, rw);
  properties[PROP_LEGEND] =
    g_param_spec_enum ("legend", NULL, NULL, EP_TYPE_PLOT_LEGEND, EP_PLOT_LEGEND_INSIDE, rw);
  properties[PROP_SHOW_STATS] =
    g_param_spec_boolean ("show-stats", NULL, NULL, TRUE, rw);
  properties[PROP_DATA_UNIT] =
    g_param_spec_enum ("data-unit", NULL, NULL, EP_TYPE_PLOT_TIME_UNIT, EP_PLOT_TIME_UNSPECIFIED, rw);
  properties[PROP_TIME_UNIT] =
    g_param_spec_enum ("time-unit", NULL, NULL, EP_TYPE_PLOT_TIME_UNIT, EP_PLOT_TIME_UNSPECIFIED, rw);
  properties[PROP_TICK_INTERVAL] =
    g_param_spec_double ("tick-interval", NULL, NULL, 0.0, 1e6, 0.0, rw);
  properties[PROP_X_MAX] =
    g_param_spec_double ("x-max", NULL, NULL, 0.0, 1e7, 0.0, rw);
  properties[PROP_Y_MIN] =
    g_param_spec_double ("y-min", NULL, NULL, 0.0, 1.0, 0.0, rw);
  properties[PROP_Y_MAX] =
    g_param_spec_double ("y-max", NULL, NULL, 0.0, 1.0, 1.0, rw);
  properties[PROP_Y_PERCENT] =
    g_param_spec_boolean ("y-percent", NULL, NULL, FALSE, rw);
  properties[PROP_FONT_FAMILY] =
    g_param_spec_string ("font-family", NULL, NULL, NULL, rw);
  properties[PROP_FONT_SIZE] =
    g_param_spec_double ("font-size", NULL, NULL, 2.0, 72.0, 7.0, rw);
  properties[PROP_LINE_WIDTH] =
    g_param_spec_double ("line-width", NULL, NULL, 0.1, 10.0, 1.0, rw);
  properties[PROP_PALETTE] =
    g_param_spec_enum ("palette", NULL, NULL, EP_TYPE_PLOT_PALETTE, EP_PLOT_PALETTE_OKABE_ITO, rw);
  /* The limits of ep_plot_export(). */
  properties[PROP_WIDTH_MM] =
    g_param_spec_double ("width-mm", NULL, NULL, 5.0, 2000.0, 85.0, rw);
  properties[PROP_HEIGHT_MM] =
    g_param_spec_double ("height-mm", NULL, NULL, 5.0, 2000.0, 70.0, rw);
  properties[PROP_DPI] =
    g_param_spec_double ("dpi", NULL, NULL, 36.0, 4800.0, 600.0, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EpFigure::changed:
   *
   * An option or the style changed: the figure should be drawn again.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ep_figure_init (EpFigure *self)
{
  ep_plot_style_init (&self->style);
  ep_time_plot_options_init (&self->options);
  self->show_stats = TRUE;
  self->notes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->notes, NULL);
  self->logrank_p = NAN;
  self->hr = self->hr_lower = self->hr_upper = NAN;
}
