/* ep-cli-plot.c: endpoint-cli plot km|cif|forest: a figure to a file
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * endpoint-cli plot km     --csv F --time COL --event COL [--group COL] [--conf-type ..] [--conf-level ..]
 * endpoint-cli plot cif    --csv F --time COL --status COL [--group COL] [--cause CODE,..]
 * endpoint-cli plot forest --csv F (the meta options: --events/--total or --ratio/--lower/--upper)
 *                          --label COL [--subgroup COL] [--method ..] [--measure ..] [--knapp-hartung]
 * endpoint-cli plot forest --cox --csv F --time COL --event COL --covariates A,B [--factors A]
 *                          [--strata COL] [--start COL] [--ties efron|breslow]
 *   and for every figure: --out FILE.pdf|svg|eps|png|tiff [--width-mm W] [--height-mm H]
 *   [--dpi N] [--title T] [--palette P] [--font F] [--font-size S] [--line-width W]
 *   [--x-label T] [--y-label T] [--figure-language en|de|zh_CN|app] [--decimal-mark dot|comma]
 *   and for km and cif: [--risk-table] [--risk-table-events] [--ci bands|lines|none]
 *   [--time-unit days|weeks|months|years] [--data-unit ..] [--x-max T] [--tick-interval T]
 *   [--y-min P] [--y-max P] [--no-censor-marks] [--median-lines]
 *   [--legend inside|outside|none] [--percent] [--no-stats]
 *
 * The data options are those of the matching analysis command, read with the same helpers
 * (ep-cli-data.h), so a data error reads the same. On success it prints one JSON object that
 * describes the file written: format, size in mm, points and (raster) pixels, dpi.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "core/ep-cif.h"
#include "core/ep-cox.h"
#include "core/ep-km.h"
#include "core/ep-logrank.h"
#include "core/ep-meta.h"
#include "plot/ep-cif-plot.h"
#include "plot/ep-forest-plot.h"
#include "plot/ep-km-plot.h"
#include "plot/ep-plot-export.h"
#include "plot/ep-plot-i18n.h"

/* The options every figure takes. */
typedef struct
{
  char     *out;
  char     *title;
  char     *x_label;
  char     *y_label;
  char     *palette;
  char     *font;
  char     *language;
  char     *decimal_mark;
  double    width_mm;
  double    height_mm;
  double    dpi;
  double    font_size;
  double    line_width;
} FigureOptions;

/* The options of time-to-event figures. */
typedef struct
{
  gboolean  risk_table;
  gboolean  risk_table_events;
  gboolean  no_censor_marks;
  gboolean  median_lines;
  gboolean  percent;
  gboolean  no_stats;
  char     *ci;
  char     *time_unit;
  char     *data_unit;
  char     *legend;
  double    x_max;
  double    tick_interval;
  double    y_min;
  double    y_max;
} TimeOptions;

#define FIGURE_OPTIONS_INIT { .width_mm = NAN, .height_mm = NAN, .dpi = NAN, .font_size = NAN, \
                              .line_width = NAN }
#define TIME_OPTIONS_INIT { .x_max = NAN, .tick_interval = NAN, .y_min = NAN, .y_max = NAN }

static void
figure_options_clear (FigureOptions *o)
{
  g_free (o->out);
  g_free (o->title);
  g_free (o->x_label);
  g_free (o->y_label);
  g_free (o->palette);
  g_free (o->language);
  g_free (o->decimal_mark);
  g_free (o->font);
}

static void
time_options_clear (TimeOptions *o)
{
  g_free (o->ci);
  g_free (o->time_unit);
  g_free (o->data_unit);
  g_free (o->legend);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FigureOptions, figure_options_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TimeOptions, time_options_clear)

static void
add_figure_entries (GArray        *entries,
                    FigureOptions *o)
{
  const GOptionEntry figure_entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &o->out,
      N_("The file to write; its extension gives the format: pdf, svg, eps, png, tif or tiff"),
      N_("FILE") },
    { "width-mm", 0, 0, G_OPTION_ARG_DOUBLE, &o->width_mm,
      N_("Width in millimetres (default 85, one journal column)"), N_("MM") },
    { "height-mm", 0, 0, G_OPTION_ARG_DOUBLE, &o->height_mm,
      N_("Height in millimetres (default 70)"), N_("MM") },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &o->dpi,
      N_("Resolution of PNG and TIFF files (default 600)"), N_("DPI") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &o->title, N_("A title above the figure"), N_("TEXT") },
    { "x-label", 0, 0, G_OPTION_ARG_STRING, &o->x_label, N_("The x-axis label"), N_("TEXT") },
    { "y-label", 0, 0, G_OPTION_ARG_STRING, &o->y_label, N_("The y-axis label"), N_("TEXT") },
    { "palette", 0, 0, G_OPTION_ARG_STRING, &o->palette,
      N_("Colours: okabe-ito (default), grayscale, nejm, lancet or jco"), N_("NAME") },
    { "font", 0, 0, G_OPTION_ARG_STRING, &o->font,
      N_("Font family (default Liberation Sans)"), N_("FAMILY") },
    { "font-size", 0, 0, G_OPTION_ARG_DOUBLE, &o->font_size,
      N_("Font size in points (default 7)"), N_("PT") },
    { "line-width", 0, 0, G_OPTION_ARG_DOUBLE, &o->line_width,
      N_("Width of curves and whiskers in points (default 1)"), N_("PT") },
    EP_CLI_OPTION_LABELS,
    { "figure-language", 0, 0, G_OPTION_ARG_STRING, &o->language,
      N_("Language of the figure's text: en (default), de, zh_CN or app (as LANG); never the "
         "locale otherwise"), N_("LANG") },
    { "decimal-mark", 0, 0, G_OPTION_ARG_STRING, &o->decimal_mark,
      N_("Decimal mark of the figure's numbers: dot or comma (default: by the figure language, "
         "comma in German)"), N_("MARK") },
  };

  g_array_append_vals (entries, figure_entries, G_N_ELEMENTS (figure_entries));
}

static void
add_time_entries (GArray      *entries,
                  TimeOptions *o)
{
  const GOptionEntry time_entries[] = {
    { "risk-table", 0, 0, G_OPTION_ARG_NONE, &o->risk_table,
      N_("Add the number-at-risk table under the plot"), NULL },
    { "risk-table-events", 0, 0, G_OPTION_ARG_NONE, &o->risk_table_events,
      N_("Add rows of censored and events to the table (KMunicate)"), NULL },
    { "ci", 0, 0, G_OPTION_ARG_STRING, &o->ci,
      N_("Confidence intervals: bands, lines or none"), N_("STYLE") },
    { "time-unit", 0, 0, G_OPTION_ARG_STRING, &o->time_unit,
      N_("Time axis in days, weeks, months or years"), N_("UNIT") },
    { "data-unit", 0, 0, G_OPTION_ARG_STRING, &o->data_unit,
      N_("Unit of the time column (default days when --time-unit is given)"), N_("UNIT") },
    { "x-max", 0, 0, G_OPTION_ARG_DOUBLE, &o->x_max,
      N_("End of the time axis, in axis units; longer curves are cut there"), N_("T") },
    { "tick-interval", 0, 0, G_OPTION_ARG_DOUBLE, &o->tick_interval,
      N_("Distance between time-axis ticks, in axis units"), N_("T") },
    { "y-min", 0, 0, G_OPTION_ARG_DOUBLE, &o->y_min,
      N_("Bottom of the y axis, a proportion (default 0)"), N_("P") },
    { "y-max", 0, 0, G_OPTION_ARG_DOUBLE, &o->y_max,
      N_("Top of the y axis, a proportion (default 1; incidence: from the data)"), N_("P") },
    { "no-censor-marks", 0, 0, G_OPTION_ARG_NONE, &o->no_censor_marks,
      N_("Do not mark censored observations"), NULL },
    { "median-lines", 0, 0, G_OPTION_ARG_NONE, &o->median_lines,
      N_("Draw dashed lines at the median survival"), NULL },
    { "legend", 0, 0, G_OPTION_ARG_STRING, &o->legend,
      N_("Legend: inside (default), outside or none"), N_("WHERE") },
    { "percent", 0, 0, G_OPTION_ARG_NONE, &o->percent,
      N_("Label the y axis in percent"), NULL },
    { "no-stats", 0, 0, G_OPTION_ARG_NONE, &o->no_stats,
      N_("Leave out the p-value and hazard-ratio annotation"), NULL },
  };

  g_array_append_vals (entries, time_entries, G_N_ELEMENTS (time_entries));
}

/* Checks the figure options and fills style; returns the exit status on an error, else -1. */
static int
apply_figure_options (const char          *command,
                      const FigureOptions *o,
                      EpPlotStyle         *style,
                      EpPlotFormat        *format)
{
  ep_plot_style_init (style);

  if (o->out == NULL)
    return ep_cli_usage_error (command, _("--out is required"));
  if (!ep_plot_format_from_filename (o->out, format))
    return ep_cli_usage_error (command, _("cannot tell the format of “%s”; end the name in "
                                          ".pdf, .svg, .eps, .png, .tif or .tiff"), o->out);
  if (o->palette != NULL && !ep_plot_palette_from_string (o->palette, &style->palette))
    return ep_cli_usage_error (command, _("--palette must be okabe-ito, grayscale, nejm, lancet "
                                          "or jco, not “%s”"), o->palette);
  if (o->language != NULL && !ep_plot_language_from_string (o->language, &style->language))
    return ep_cli_usage_error (command, _("--figure-language must be en, de, zh_CN or app, not “%s”"),
                               o->language);
  if (o->decimal_mark != NULL && !ep_plot_decimal_mark_from_string (o->decimal_mark,
                                                                     &style->decimal_mark))
    return ep_cli_usage_error (command, _("--decimal-mark must be dot or comma, not “%s”"),
                               o->decimal_mark);
  if (!isnan (o->width_mm))
    style->width_mm = o->width_mm;
  if (!isnan (o->height_mm))
    style->height_mm = o->height_mm;
  if (!isnan (o->dpi))
    style->dpi = o->dpi;
  if (!(style->width_mm >= 5.0 && style->width_mm <= 2000.0 &&
        style->height_mm >= 5.0 && style->height_mm <= 2000.0))
    return ep_cli_usage_error (command, _("--width-mm and --height-mm must be between 5 and 2000"));
  if (!(style->dpi >= 36.0 && style->dpi <= 4800.0))
    return ep_cli_usage_error (command, _("--dpi must be between 36 and 4800"));
  if (!isnan (o->font_size))
    {
      if (!(o->font_size >= 2.0 && o->font_size <= 72.0))
        return ep_cli_usage_error (command, _("--font-size must be between 2 and 72 points"));
      style->title_size += o->font_size - style->font_size;
      style->font_size = o->font_size;
    }
  if (!isnan (o->line_width))
    {
      if (!(o->line_width > 0.0 && o->line_width <= 10.0))
        return ep_cli_usage_error (command, _("--line-width must be between 0 and 10 points"));
      style->line_width = o->line_width;
    }
  if (o->font != NULL)
    {
      g_free (style->font_family);
      style->font_family = g_strdup (o->font);
    }
  style->title = g_strdup (o->title);
  style->x_label = g_strdup (o->x_label);
  style->y_label = g_strdup (o->y_label);

  return -1;
}

/* The start of every figure command: parses data_entries (n_data_entries of them), then the
 * time-to-event options when to is not NULL, then the figure options; rejects a stray
 * argument and checks the figure options into style and format. Returns the exit status
 * when the command must stop, else -1. */
static int
parse_figure_command (const char         *command,
                      const char         *summary,
                      const GOptionEntry *data_entries,
                      gsize               n_data_entries,
                      TimeOptions        *to,
                      FigureOptions      *fo,
                      EpPlotStyle        *style,
                      EpPlotFormat       *format,
                      int                *argc,
                      char             ***argv)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (GOptionEntry));
  const GOptionEntry end = { NULL };

  g_array_append_vals (entries, data_entries, n_data_entries);
  if (to != NULL)
    add_time_entries (entries, to);
  add_figure_entries (entries, fo);
  g_array_append_val (entries, end);

  if (!ep_cli_parse_options (command, NULL, summary, (const GOptionEntry *) entries->data,
                             argc, argv))
    return EP_CLI_EXIT_USAGE;
  if (*argc > 1)
    return ep_cli_usage_error (command, _("unexpected argument “%s”"), (*argv)[1]);

  return apply_figure_options (command, fo, style, format);
}

static int
apply_time_options (const char        *command,
                    const TimeOptions *o,
                    EpTimePlotOptions *options)
{
  options->risk_table = o->risk_table || o->risk_table_events;
  options->risk_table_events = o->risk_table_events;
  options->median_lines = o->median_lines;
  options->y_percent = o->percent;
  if (o->no_censor_marks)
    options->censor_marks = FALSE;
  if (o->ci != NULL && !ep_plot_ci_from_string (o->ci, &options->ci))
    return ep_cli_usage_error (command, _("--ci must be bands, lines or none, not “%s”"), o->ci);
  if (o->time_unit != NULL && !ep_plot_time_unit_from_string (o->time_unit, &options->time_unit))
    return ep_cli_usage_error (command, _("--time-unit must be days, weeks, months or years, "
                                          "not “%s”"), o->time_unit);
  if (o->data_unit != NULL && !ep_plot_time_unit_from_string (o->data_unit, &options->data_unit))
    return ep_cli_usage_error (command, _("--data-unit must be days, weeks, months or years, "
                                          "not “%s”"), o->data_unit);
  if (o->legend != NULL)
    {
      if (strcmp (o->legend, "inside") == 0)
        options->legend = EP_PLOT_LEGEND_INSIDE;
      else if (strcmp (o->legend, "outside") == 0)
        options->legend = EP_PLOT_LEGEND_OUTSIDE;
      else if (strcmp (o->legend, "none") == 0)
        options->legend = EP_PLOT_LEGEND_NONE;
      else
        return ep_cli_usage_error (command, _("--legend must be inside, outside or none, not “%s”"),
                                   o->legend);
    }
  if (!isnan (o->x_max))
    {
      if (!(o->x_max > 0.0 && isfinite (o->x_max)))
        return ep_cli_usage_error (command, _("--x-max must be a positive time"));
      options->x_max = o->x_max;
    }
  if (!isnan (o->y_min))
    options->y_min = o->y_min;
  if (!isnan (o->y_max))
    options->y_max = o->y_max;
  if (!(isnan (options->y_min) || (options->y_min >= 0.0 && options->y_min < 1.0)) ||
      !(isnan (options->y_max) || (options->y_max > 0.0 && options->y_max <= 1.0)) ||
      (!isnan (options->y_min) && !isnan (options->y_max) && options->y_min >= options->y_max))
    return ep_cli_usage_error (command, _("--y-min and --y-max are proportions, 0 <= min < max <= 1"));
  if (!isnan (o->tick_interval))
    {
      if (!(o->tick_interval > 0.0 && isfinite (o->tick_interval)))
        return ep_cli_usage_error (command, _("--tick-interval must be a positive time"));
      options->tick_interval = o->tick_interval;
    }

  return -1;
}

/* The JSON line that says what was written. */
static int
report (const char        *figure,
        const char        *path,
        EpPlotFormat       format,
        const EpPlotStyle *style)
{
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), json_object_new ());
  JsonObject *object = json_node_get_object (root);

  json_object_set_string_member (object, "analysis", "plot");
  json_object_set_string_member (object, "figure", figure);
  json_object_set_string_member (object, "file", path);
  json_object_set_string_member (object, "format", ep_plot_format_to_string (format));
  json_object_set_double_member (object, "width_mm", style->width_mm);
  json_object_set_double_member (object, "height_mm", style->height_mm);
  json_object_set_double_member (object, "width_pt", ep_plot_mm_to_pt (style->width_mm));
  json_object_set_double_member (object, "height_pt", ep_plot_mm_to_pt (style->height_mm));
  if (format == EP_PLOT_FORMAT_PNG || format == EP_PLOT_FORMAT_TIFF)
    {
      json_object_set_double_member (object, "dpi", style->dpi);
      json_object_set_int_member (object, "width_px", ep_plot_mm_to_px (style->width_mm, style->dpi));
      json_object_set_int_member (object, "height_px", ep_plot_mm_to_px (style->height_mm, style->dpi));
    }
  ep_cli_print_json (root);

  return EP_CLI_EXIT_OK;
}

static int
export (const char        *command,
        const char        *figure,
        const char        *path,
        EpPlotFormat       format,
        const EpPlotStyle *style,
        EpPlotDrawFunc     draw,
        gpointer           user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ep_plot_export (path, format, style, draw, user_data, &error))
    {
      g_printerr ("endpoint-cli %s: %s\n", command, error->message);
      return EP_CLI_EXIT_DATA;
    }

  return report (figure, path, format, style);
}

/* Group names for legends and tables: the level, or "column=level" when the levels are numbers
 * (sex=1 says more than 1), as Cox terms are named. */
static GStrv
group_labels (const EpLevels *levels,
              const char     *column)
{
  GStrv labels = g_new0 (char *, levels->n_levels + 1);

  for (guint g = 0; g < levels->n_levels; g++)
    labels[g] = levels->labels != NULL ? g_strdup (ep_levels_get_label (levels, g))  /* --labels */
                : levels->numeric ? g_strdup_printf ("%s=%s", column, levels->levels[g])
                : g_strdup (levels->levels[g]);

  return labels;
}

/* ---- km ------------------------------------------------------------------------------------ */

typedef struct
{
  const EpKmPlot    *plot;
  const EpPlotStyle *style;
} KmDraw;

static void
draw_km (cairo_t  *cr,
         double    width,
         double    height,
         gpointer  user_data)
{
  const KmDraw *d = user_data;

  ep_km_plot_render (cr, width, height, d->plot, d->style, NULL);
}

/* The hazard ratio of the second group against the first: coxph (Surv (time, status) ~ group). */
static gboolean
two_group_hr (const double *time,
              const int    *status,
              const guint  *codes,
              gsize         n,
              double       *hr,
              double       *lower,
              double       *upper)
{
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autoptr(EpCoxFit) fit = NULL;

  for (gsize i = 0; i < n; i++)
    x[i] = codes[i] == 1 ? 1.0 : 0.0;

  fit = ep_cox_fit (n, NULL, time, status, x, 1, NULL, 0, NULL, NULL);
  if (fit == NULL || !fit->converged || fit->singular[0] || fit->infinite[0])
    return FALSE;

  *hr = fit->hr[0];
  *lower = fit->hr_lower[0];
  *upper = fit->hr_upper[0];
  return TRUE;
}

static int
plot_km (int    argc,
         char **argv)
{
  const char *command = "plot km";
  g_auto(FigureOptions) fo = FIGURE_OPTIONS_INIT;
  g_auto(TimeOptions) to = TIME_OPTIONS_INIT;
  g_auto(EpCliSurvivalOptions) opt = { 0, };
  g_autofree char *opt_conf_type = NULL;
  double opt_conf_level = 0.95;
  const GOptionEntry data_entries[] = {
    EP_CLI_OPTION_CSV (opt.csv),
    EP_CLI_OPTION_SEP (opt.sep),
    EP_CLI_OPTION_TIME (opt.time),
    EP_CLI_OPTION_EVENT (opt.status),
    { "group", 0, 0, G_OPTION_ARG_STRING, &opt.group,
      N_("One curve per value of this column"), N_("COL") },
    EP_CLI_OPTION_CONF_TYPE (opt_conf_type),
    EP_CLI_OPTION_CONF_LEVEL (opt_conf_level),
  };
  g_auto(EpPlotStyle) style = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliSurvivalData) survival = NULL;
  g_autoptr(EpKmResult) fit = NULL;
  g_auto(GStrv) labels = NULL;
  EpKmConfType conf_type = EP_KM_CONF_LOG_LOG;
  EpPlotFormat format;
  EpKmPlot plot;
  KmDraw draw = { &plot, &style };
  const EpCliData *data;
  const EpLevels *levels;
  const double *time;
  const int *status;
  int exit_status;

  exit_status = parse_figure_command (command, _("Kaplan-Meier curves with an optional "
                                                 "number-at-risk table, log-rank p and, for "
                                                 "two groups, the Cox hazard ratio, written to "
                                                 "a file."),
                                      data_entries, G_N_ELEMENTS (data_entries), &to, &fo,
                                      &style, &format, &argc, &argv);
  if (exit_status >= 0)
    return exit_status;
  if (!ep_cli_survival_options_check (&opt, &error))
    return ep_cli_data_fail (command, error);
  if (opt_conf_type != NULL && !ep_km_conf_type_from_string (opt_conf_type, &conf_type))
    return ep_cli_usage_error (command, _("--conf-type must be log-log, log or plain, not “%s”"),
                               opt_conf_type);
  if (!(opt_conf_level > 0.0 && opt_conf_level < 1.0))
    return ep_cli_usage_error (command, _("--conf-level must be between 0 and 1, e.g. 0.95"));

  ep_km_plot_init (&plot, NULL);
  if ((exit_status = apply_time_options (command, &to, &plot.options)) >= 0)
    return exit_status;

  survival = ep_cli_survival_data_load (&opt, &error);
  if (survival == NULL)
    return ep_cli_data_fail (command, error);
  data = survival->data;
  time = survival->time;
  status = survival->status;
  levels = survival->groups;

  fit = ep_km_fit (time, status, levels != NULL ? levels->codes : NULL,
                   levels != NULL ? levels->n_levels : 1, data->n_rows,
                   conf_type, opt_conf_level, NULL, 0, &error);
  if (fit == NULL)
    return ep_cli_data_fail (command, error);

  plot.fit = fit;
  if (levels != NULL)
    plot.labels = (const char * const *) (labels = group_labels (levels, opt.group));

  if (levels != NULL && levels->n_levels >= 2 && !to.no_stats)
    {
      g_autoptr(EpLogrankResult) logrank = ep_logrank_test (time, status, levels->codes,
                                                            levels->n_levels, NULL, 0,
                                                            data->n_rows, 0.0, NULL);
      g_autofree char *hr_label = NULL;

      if (logrank != NULL)
        plot.logrank_p = logrank->p;
      if (levels->n_levels == 2 &&
          two_group_hr (time, status, levels->codes, data->n_rows,
                        &plot.hr, &plot.hr_lower, &plot.hr_upper))
        {
          /* "Nonmaintained vs Maintained" */
          plot.hr_label = hr_label = g_strdup_printf (ep_plot_gettext (&style, N_("%s vs %s")),
                                                      labels[1], labels[0]);
          return export (command, "km", fo.out, format, &style, draw_km, &draw);
        }
    }

  return export (command, "km", fo.out, format, &style, draw_km, &draw);
}

/* ---- cif ----------------------------------------------------------------------------------- */

typedef struct
{
  const EpCifPlot   *plot;
  const EpPlotStyle *style;
} CifDraw;

static void
draw_cif (cairo_t  *cr,
          double    width,
          double    height,
          gpointer  user_data)
{
  const CifDraw *d = user_data;

  ep_cif_plot_render (cr, width, height, d->plot, d->style, NULL);
}

static int
plot_cif (int    argc,
          char **argv)
{
  const char *command = "plot cif";
  g_auto(FigureOptions) fo = FIGURE_OPTIONS_INIT;
  g_auto(TimeOptions) to = TIME_OPTIONS_INIT;
  g_auto(EpCliSurvivalOptions) opt = { .causes = TRUE };
  g_autofree char *opt_cause = NULL;
  g_autofree char *opt_cause_labels = NULL;
  const GOptionEntry data_entries[] = {
    EP_CLI_OPTION_CSV (opt.csv),
    EP_CLI_OPTION_SEP (opt.sep),
    EP_CLI_OPTION_TIME (opt.time),
    { "status", 0, 0, G_OPTION_ARG_STRING, &opt.status,
      N_("The status column: 0 = censored, 1, 2, … = the cause of failure"), N_("COL") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &opt.group,
      N_("One set of curves per value of this column"), N_("COL") },
    { "cause", 0, 0, G_OPTION_ARG_STRING, &opt_cause,
      N_("Draw only these causes (status codes; default all)"), N_("CODE,…") },
    { "cause-labels", 0, 0, G_OPTION_ARG_STRING, &opt_cause_labels,
      N_("Names of the causes in code order, e.g. Relapse,Death in remission"), N_("NAME,…") },
  };
  g_auto(EpPlotStyle) style = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliSurvivalData) survival = NULL;
  g_autoptr(EpCifResult) fit = NULL;
  g_autoptr(EpKmResult) at_risk = NULL;
  g_autoptr(EpGrayResult) gray = NULL;
  g_autoptr(GArray) causes = NULL;
  g_auto(GStrv) cause_labels = NULL;
  g_autofree int *any_event = NULL;
  g_auto(GStrv) labels = NULL;
  EpPlotFormat format;
  EpCifPlot plot;
  CifDraw draw = { &plot, &style };
  const EpCliData *data;
  const EpLevels *levels;
  const double *time;
  const int *status;
  int exit_status;

  exit_status = parse_figure_command (command, _("Cumulative incidence curves with competing "
                                                 "risks (as cmprsk's cuminc), the number at "
                                                 "risk and Gray's test, written to a file."),
                                      data_entries, G_N_ELEMENTS (data_entries), &to, &fo,
                                      &style, &format, &argc, &argv);
  if (exit_status >= 0)
    return exit_status;
  if (!ep_cli_survival_options_check (&opt, &error))
    return ep_cli_data_fail (command, error);
  if (opt_cause != NULL && !ep_cli_parse_doubles (opt_cause, &causes))
    return ep_cli_usage_error (command, _("--cause must be a comma-separated list of status codes"));
  if (opt_cause_labels != NULL)
    cause_labels = ep_cli_split_names (opt_cause_labels);

  ep_cif_plot_init (&plot, NULL);
  if ((exit_status = apply_time_options (command, &to, &plot.options)) >= 0)
    return exit_status;

  survival = ep_cli_survival_data_load (&opt, &error);
  if (survival == NULL)
    return ep_cli_data_fail (command, error);
  data = survival->data;
  time = survival->time;
  status = survival->status;
  levels = survival->groups;

  fit = ep_cif_fit (time, status, levels != NULL ? levels->codes : NULL,
                    levels != NULL ? levels->n_levels : 1, data->n_rows, &error);
  if (fit == NULL)
    return ep_cli_data_fail (command, error);
  if (fit->n_causes == 0)
    {
      g_set_error (&error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                   _("%s: column \"%s\": every observation is censored; there is no incidence to draw"),
                   ep_cli_data_file_name (data), opt.status);
      return ep_cli_data_fail (command, error);
    }

  /* The causes shown, by index among the causes present. */
  for (guint i = 0; causes != NULL && i < causes->len; i++)
    {
      double code = g_array_index (causes, double, i);
      gboolean found = FALSE;

      for (guint c = 0; c < fit->n_causes && c < 64; c++)
        if (fit->causes[c] == code)
          {
            plot.causes_shown |= G_GUINT64_CONSTANT (1) << c;
            found = TRUE;
          }
      if (!found)
        {
          g_set_error (&error, EP_CLI_DATA_ERROR, EP_CLI_DATA_ERROR_INVALID,
                       _("%s: column \"%s\": no event has the cause %g"),
                       ep_cli_data_file_name (data), opt.status, code);
          return ep_cli_data_fail (command, error);
        }
    }
  if (cause_labels != NULL && g_strv_length (cause_labels) != fit->n_causes)
    return ep_cli_usage_error (command, _("--cause-labels names %u causes; the data have %u"),
                               g_strv_length (cause_labels), fit->n_causes);

  /* The numbers at risk: the all-cause Kaplan-Meier fit's n.risk. */
  if (plot.options.risk_table)
    {
      any_event = g_new (int, data->n_rows);
      for (guint i = 0; i < data->n_rows; i++)
        any_event[i] = status[i] != 0;
      at_risk = ep_km_fit (time, any_event, levels != NULL ? levels->codes : NULL,
                           levels != NULL ? levels->n_levels : 1, data->n_rows,
                           EP_KM_CONF_LOG_LOG, 0.95, NULL, 0, &error);
      if (at_risk == NULL)
        return ep_cli_data_fail (command, error);
    }

  if (levels != NULL && levels->n_levels >= 2 && !to.no_stats)
    gray = ep_gray_test (time, status, levels->codes, levels->n_levels, NULL, 0,
                         data->n_rows, 0.0, NULL);

  plot.fit = fit;
  plot.at_risk = at_risk;
  plot.gray = gray;
  if (levels != NULL)
    plot.group_labels = (const char * const *) (labels = group_labels (levels, opt.group));
  plot.cause_labels = (const char * const *) cause_labels;

  return export (command, "cif", fo.out, format, &style, draw_cif, &draw);
}

/* ---- forest -------------------------------------------------------------------------------- */

typedef struct
{
  const EpForestPlot *plot;
  const EpPlotStyle  *style;
} ForestDraw;

static void
draw_forest (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  const ForestDraw *d = user_data;

  ep_forest_plot_render (cr, width, height, d->plot, d->style, NULL);
}

/* plot forest --cox: the hazard-ratio table of endpoint-cli cox's model. */
static int
plot_forest_cox (const char          *command,
                 const FigureOptions *fo,
                 const EpPlotStyle   *style,
                 EpPlotFormat         format,
                 const char          *csv,
                 const char          *sep,
                 const char          *time,
                 const char          *event,
                 const char          *covariates,
                 const char          *factors,
                 const char          *strata,
                 const char          *start,
                 const char          *ties,
                 const char          *estimate_label,
                 const char          *favours_left,
                 const char          *favours_right)
{
  g_auto(EpCliCoxFitted) fitted = { 0, };
  g_autoptr(EpForestPlot) plot = NULL;
  g_autoptr(GError) error = NULL;
  EpCliCoxModel model = { 0, };
  ForestDraw draw = { NULL, style };

  if (time == NULL)
    return ep_cli_usage_error (command, _("--time is required"));
  if (event == NULL)
    return ep_cli_usage_error (command, _("--event is required"));
  if (covariates == NULL)
    return ep_cli_usage_error (command, _("--covariates is required"));

  ep_cox_options_init (&model.options);
  if (!ep_cli_cox_parse_ties (ties, &model.options.ties))
    return ep_cli_usage_error (command, _("--ties must be efron or breslow, not “%s”"), ties);

  model.csv = csv;
  model.sep = sep;
  model.time = time;
  model.event = event;
  model.start = start;
  model.strata = strata;
  model.covariates = covariates;
  model.factors = factors;
  if (!ep_cli_cox_fit_model (&model, &fitted, &error))
    return ep_cli_data_fail (command, error);
  for (guint i = 0; fitted.fit->warnings[i] != NULL; i++)
    g_printerr ("endpoint-cli %s: %s: %s\n", command, _("warning"), fitted.fit->warnings[i]);

  plot = ep_forest_plot_new_from_cox (fitted.fit,
                                      (const char * const *) fitted.design->term_names);
  if (estimate_label != NULL)
    {
      g_free (plot->estimate_header);
      /* the user's label, the rest in the figure's language */
      plot->estimate_header_phrase = ep_plot_phrase_new (N_("%s (95%% CI)"),
                                                         ep_plot_phrase_text (estimate_label), NULL);
      plot->estimate_header = ep_plot_phrase_write (plot->estimate_header_phrase, NULL);
    }
  if (fo->x_label != NULL)
    {
      g_free (plot->x_label);
      plot->x_label = g_strdup (fo->x_label);
    }
  plot->favours_left = g_strdup (favours_left);
  plot->favours_right = g_strdup (favours_right);

  draw.plot = plot;
  return export (command, "forest", fo->out, format, style, draw_forest, &draw);
}

static int
plot_forest (int    argc,
             char **argv)
{
  const char *command = "plot forest";
  g_auto(FigureOptions) fo = FIGURE_OPTIONS_INIT;
  g_autofree char *opt_csv = NULL;
  g_autofree char *opt_sep = NULL;
  g_auto(EpCliMetaOptions) opt_meta = { 0, };
  g_autofree char *opt_estimate_label = NULL;
  g_autofree char *opt_favours_left = NULL;
  g_autofree char *opt_favours_right = NULL;
  double opt_null_value = NAN;
  gboolean opt_cox = FALSE;
  g_autofree char *opt_time = NULL;
  g_autofree char *opt_event = NULL;
  g_autofree char *opt_covariates = NULL;
  g_autofree char *opt_factors = NULL;
  g_autofree char *opt_strata = NULL;
  g_autofree char *opt_start = NULL;
  g_autofree char *opt_ties = NULL;
  const GOptionEntry data_entries[] = {
    EP_CLI_OPTION_CSV (opt_csv),
    EP_CLI_OPTION_SEP (opt_sep),
    EP_CLI_META_OPTIONS (opt_meta),
    { "estimate-label", 0, 0, G_OPTION_ARG_STRING, &opt_estimate_label,
      N_("Name of the estimate, e.g. “CR rate” or “HR”"), N_("TEXT") },
    { "favours-left", 0, 0, G_OPTION_ARG_STRING, &opt_favours_left,
      N_("Text under the axis left of the null line, e.g. “Favours CAR T”"), N_("TEXT") },
    { "favours-right", 0, 0, G_OPTION_ARG_STRING, &opt_favours_right,
      N_("Text under the axis right of the null line"), N_("TEXT") },
    { "null-value", 0, 0, G_OPTION_ARG_DOUBLE, &opt_null_value,
      N_("Proportions: a reference line at this proportion (0 to 1), e.g. a historical rate"),
      N_("P") },
    { "cox", 0, 0, G_OPTION_ARG_NONE, &opt_cox,
      N_("A hazard-ratio table of a Cox model instead (the options of endpoint-cli cox)"), NULL },
    { "time", 0, 0, G_OPTION_ARG_STRING, &opt_time,
      N_("--cox: the follow-up (or, with --start, stop) time column"), N_("COL") },
    { "event", 0, 0, G_OPTION_ARG_STRING, &opt_event,
      N_("--cox: the event column: 1 = event, 0 = censored"), N_("COL") },
    { "covariates", 0, 0, G_OPTION_ARG_STRING, &opt_covariates,
      N_("--cox: the covariate columns, in model order"), N_("A,B,…") },
    { "factors", 0, 0, G_OPTION_ARG_STRING, &opt_factors,
      N_("--cox: covariates that are categorical (treatment coding)"), N_("A,…") },
    { "strata", 0, 0, G_OPTION_ARG_STRING, &opt_strata,
      N_("--cox: a separate baseline hazard per value of this column"), N_("COL") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &opt_start,
      N_("--cox: entry time column: each row is at risk on (start, time]"), N_("COL") },
    { "ties", 0, 0, G_OPTION_ARG_STRING, &opt_ties,
      N_("--cox: tied event times: efron (default) or breslow"), N_("METHOD") },
  };
  g_auto(EpPlotStyle) style = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpCliMetaStudies) studies = NULL;
  g_autoptr(EpMetaResult) result = NULL;
  g_autoptr(EpForestPlot) plot = NULL;
  EpMetaOptions options;
  EpMetaMeasure measure;
  const EpLevels *levels;
  EpPlotFormat format;
  ForestDraw draw = { NULL, &style };
  gboolean proportions;
  int exit_status;

  exit_status = parse_figure_command (command, _("A forest plot of a meta-analysis (the "
                                                 "options of endpoint-cli meta): studies, "
                                                 "subgroup and overall diamonds, "
                                                 "heterogeneity, written to a file."),
                                      data_entries, G_N_ELEMENTS (data_entries), NULL, &fo,
                                      &style, &format, &argc, &argv);
  if (exit_status >= 0)
    return exit_status;
  if (opt_csv == NULL)
    return ep_cli_usage_error (command, _("--csv is required"));
  if (opt_cox)
    return plot_forest_cox (command, &fo, &style, format, opt_csv, opt_sep, opt_time, opt_event,
                            opt_covariates, opt_factors, opt_strata, opt_start, opt_ties,
                            opt_estimate_label, opt_favours_left, opt_favours_right);
  proportions = opt_meta.events != NULL || opt_meta.total != NULL;
  if (proportions && (opt_meta.events == NULL || opt_meta.total == NULL))
    return ep_cli_usage_error (command, _("--events and --total go together"));
  if (proportions &&
      (opt_meta.ratio != NULL || opt_meta.lower != NULL || opt_meta.upper != NULL))
    return ep_cli_usage_error (command, _("give either --events and --total or --ratio, --lower "
                                          "and --upper, not both"));
  if (!proportions &&
      (opt_meta.ratio == NULL || opt_meta.lower == NULL || opt_meta.upper == NULL))
    return ep_cli_usage_error (command, _("give --events and --total, or --ratio, --lower and "
                                          "--upper"));
  if (opt_meta.label == NULL)
    return ep_cli_usage_error (command, _("--label is required"));

  ep_meta_options_init (&options);
  if (!ep_cli_meta_parse_method (opt_meta.method, &options.method))
    return ep_cli_usage_error (command, _("--method must be FE, DL or REML, not “%s”"),
                               opt_meta.method);
  options.knapp_hartung = opt_meta.knapp_hartung;
  measure = proportions ? EP_META_MEASURE_LOGIT : EP_META_MEASURE_LOG_RATIO;
  if (opt_meta.measure != NULL)
    {
      if (!proportions)
        return ep_cli_usage_error (command, _("--measure applies to proportions only"));
      if (strcmp (opt_meta.measure, "ft") == 0)
        measure = EP_META_MEASURE_FT;
      else if (strcmp (opt_meta.measure, "logit") != 0)
        return ep_cli_usage_error (command, _("--measure must be logit or ft, not “%s”"),
                                   opt_meta.measure);
    }

  studies = ep_cli_meta_read_studies (opt_csv, opt_sep, &opt_meta, &error);
  if (studies == NULL)
    return ep_cli_data_fail (command, error);
  studies->input.measure = measure;
  levels = studies->subgroups;

  result = ep_meta_pool (&studies->input, &options, &error);
  if (result == NULL)
    {
      g_prefix_error (&error, "%s: ", ep_cli_data_file_name (studies->data));
      return ep_cli_data_fail (command, error);
    }
  for (guint w = 0; w < result->warnings->len; w++)
    g_printerr ("endpoint-cli %s: %s: %s\n", command, _("warning"),
                (const char *) g_ptr_array_index (result->warnings, w));

  plot = ep_forest_plot_new_from_meta (result, studies->labels,
                                       levels != NULL ? levels->codes : NULL,
                                       levels != NULL ? (const char * const *) levels->levels : NULL,
                                       studies->events, studies->total);
  /* The ratios as reported, not as re-derived from the log scale. */
  for (guint i = 0, s = 0; studies->ratio != NULL && i < plot->rows->len; i++)
    {
      EpForestRow *row = &g_array_index (plot->rows, EpForestRow, i);

      if (row->kind != EP_FOREST_ROW_STUDY)
        continue;
      g_assert (s < result->k);
      row->estimate = studies->ratio[s];
      row->lower = studies->lower[s];
      row->upper = studies->upper[s];
      s++;
    }
  if (opt_estimate_label != NULL)
    {
      g_free (plot->estimate_header);
      plot->estimate_header = proportions
                              ? g_strdup_printf (_("%s, %% (95%% CI)"), opt_estimate_label)
                              : g_strdup_printf (_("%s (95%% CI)"), opt_estimate_label);
      if (fo.x_label == NULL)
        {
          g_free (plot->x_label);
          plot->x_label = proportions ? g_strdup_printf (_("%s (%%)"), opt_estimate_label)
                                      : g_strdup (opt_estimate_label);
        }
    }
  if (fo.x_label != NULL)
    {
      g_free (plot->x_label);
      plot->x_label = g_strdup (fo.x_label);
    }
  plot->favours_left = g_strdup (opt_favours_left);
  plot->favours_right = g_strdup (opt_favours_right);
  if (!isnan (opt_null_value))
    {
      if (!proportions || !(opt_null_value >= 0.0 && opt_null_value <= 1.0))
        return ep_cli_usage_error (command, _("--null-value is a proportion between 0 and 1, "
                                              "for proportions only"));
      plot->null_value = opt_null_value;
    }

  draw.plot = plot;
  return export (command, "forest", fo.out, format, &style, draw_forest, &draw);
}

int
ep_cli_plot (int    argc,
             char **argv)
{
  /* plot --project P --figure NAME --out FILE: a figure saved in a project (ep-cli-project.c) */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--project"))
      return ep_cli_project_plot (argc, argv);

  if (argc < 2 || argv[1][0] == '-')
    {
      if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
        {
          g_print ("%s\n\n%s\n", _("Usage: endpoint-cli plot km|cif|forest [OPTIONS…] --out FILE"),
                   _("Run “endpoint-cli plot FIGURE --help” for a figure's options."));
          return EP_CLI_EXIT_OK;
        }
      return ep_cli_usage_error ("plot", _("name the figure: km, cif or forest"));
    }

  if (strcmp (argv[1], "km") == 0)
    return plot_km (argc - 1, argv + 1);
  if (strcmp (argv[1], "cif") == 0)
    return plot_cif (argc - 1, argv + 1);
  if (strcmp (argv[1], "forest") == 0)
    return plot_forest (argc - 1, argv + 1);

  return ep_cli_usage_error ("plot", _("unknown figure “%s”; use km, cif or forest"), argv[1]);
}
