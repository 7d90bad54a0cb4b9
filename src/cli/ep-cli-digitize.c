/* ep-cli-digitize.c: endpoint-cli digitize, one curve of a KM figure as time,surv points
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * endpoint-cli digitize IMAGE [--page N] [--scale S] --x-axis PX1:T1,PX2:T2
 *                       --y-axis PY1:S1,PY2:S2 --color '#RRGGBB' [--tolerance T] --out points.csv
 *
 * IMAGE is a PNG, JPEG, SVG or PDF (ep-image.h); pixel positions are the image's pixels from the
 * top-left corner (for SVG its CSS pixels, for PDF the page's points). The tracer is
 * ep_digitize_trace() (ep-digitize.h). points.csv gets time,surv (survival as a proportion; a
 * y axis calibrated in percent is divided by 100), and stdout one JSON object:
 *   {"analysis": "digitize", "image", "width", "height", "n_points", "n_drops", "n_marks",
 *    "line_width_px", "time_max", "surv_min", "out"}
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cli/ep-cli.h"
#include "io/ep-digitize.h"
#include "io/ep-image.h"

#define COMMAND "digitize"

static gboolean
parse_color (const char *text,
             guint8      color[3])
{
  unsigned r, g, b;
  char extra;

  if (text == NULL)
    return FALSE;
  if (text[0] == '#')
    text++;
  if (strlen (text) != 6 || sscanf (text, "%2x%2x%2x%c", &r, &g, &b, &extra) != 3)
    return FALSE;
  color[0] = r;
  color[1] = g;
  color[2] = b;
  return TRUE;
}

static gboolean
write_points (const char             *path,
              const EpDigitizeResult *result,
              GError                **error)
{
  g_autoptr(GString) text = g_string_new ("time,surv\n");
  char t[G_ASCII_DTOSTR_BUF_SIZE], s[G_ASCII_DTOSTR_BUF_SIZE];

  for (gsize i = 0; i < result->n; i++)
    g_string_append_printf (text, "%s,%s\n",
                            g_ascii_formatd (t, sizeof t, "%.6g", result->time[i]),
                            g_ascii_formatd (s, sizeof s, "%.6g", result->surv[i]));
  return g_file_set_contents (path, text->str, text->len, error);
}

int
ep_cli_digitize (int    argc,
                 char **argv)
{
  g_autofree char *opt_x = NULL;
  g_autofree char *opt_y = NULL;
  g_autofree char *opt_color = NULL;
  g_autofree char *opt_out = NULL;
  double opt_tolerance = 60.0;
  double opt_scale = 4.0;
  double opt_x_start = 0.0;
  int opt_page = 1;
  const GOptionEntry entries[] = {
    { "x-axis", 0, 0, G_OPTION_ARG_STRING, &opt_x,
      N_("Two ticks of the time axis: pixel x and time of each"), N_("PX1:T1,PX2:T2") },
    { "y-axis", 0, 0, G_OPTION_ARG_STRING, &opt_y,
      N_("Two ticks of the survival axis: pixel y and survival (proportion or percent)"),
      N_("PY1:S1,PY2:S2") },
    { "color", 0, 0, G_OPTION_ARG_STRING, &opt_color,
      N_("The curve's colour"), N_("#RRGGBB") },
    { "tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &opt_tolerance,
      N_("Largest RGB distance of a curve pixel from the colour (default 60)"), N_("T") },
    { "page", 0, 0, G_OPTION_ARG_INT, &opt_page,
      N_("The page of a PDF (default 1)"), N_("N") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &opt_scale,
      N_("Raster pixels per SVG pixel or PDF point when tracing (default 4)"), N_("S") },
    { "x-start", 0, 0, G_OPTION_ARG_DOUBLE, &opt_x_start,
      N_("The time where the curve starts (default 0)"), N_("T") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out,
      N_("Write the points here: CSV with the columns time and surv"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpImage) image = NULL;
  g_autoptr(EpDigitizeResult) result = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonNode) node = NULL;
  EpDigitizeOptions options;
  double t_max = 0.0, s_min = 1.0;

  if (!ep_cli_parse_options (COMMAND, N_("IMAGE"),
                             _("Trace one curve of a Kaplan-Meier figure (PNG, JPEG, SVG or a "
                               "PDF page) by its colour and write its points as time,surv."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;

  if (argc < 2)
    return ep_cli_usage_error (COMMAND, _("the image file is required"));
  if (argc > 2)
    return ep_cli_usage_error (COMMAND, _("unexpected argument “%s”"), argv[2]);
  ep_digitize_options_init (&options);
  if (!ep_axis_calibration_parse (opt_x, &options.x))
    return ep_cli_usage_error (COMMAND, _("--x-axis needs two ticks as PX1:T1,PX2:T2, e.g. "
                                          "“112:0,520:48”"));
  if (!ep_axis_calibration_parse (opt_y, &options.y))
    return ep_cli_usage_error (COMMAND, _("--y-axis needs two ticks as PY1:S1,PY2:S2, e.g. "
                                          "“400:0,60:1”"));
  if (!parse_color (opt_color, options.color))
    return ep_cli_usage_error (COMMAND, _("--color needs a colour as #RRGGBB"));
  if (!(opt_tolerance > 0.0 && opt_tolerance <= 442.0))
    return ep_cli_usage_error (COMMAND, _("--tolerance must be between 0 and 442"));
  if (!(opt_scale > 0.0 && opt_scale <= 16.0))
    return ep_cli_usage_error (COMMAND, _("--scale must be between 0 and 16"));
  if (opt_out == NULL)
    return ep_cli_usage_error (COMMAND, _("--out is required"));
  options.tolerance = opt_tolerance;
  options.x_start = opt_x_start;

  image = ep_image_load (argv[1], opt_page, opt_scale, &error);
  if (image == NULL)
    return ep_cli_data_error (error);
  result = ep_digitize_trace (image, &options, &error);
  if (result == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", argv[1], error->message);
      g_autoptr(GError) named = g_error_new_literal (error->domain, error->code, message);
      return ep_cli_data_error (named);
    }
  if (!write_points (opt_out, result, &error))
    return ep_cli_data_error (error);

  for (gsize i = 0; i < result->n; i++)
    {
      t_max = MAX (t_max, result->time[i]);
      s_min = MIN (s_min, result->surv[i]);
    }
  root = json_object_new ();
  json_object_set_string_member (root, "analysis", "digitize");
  json_object_set_string_member (root, "image", argv[1]);
  json_object_set_int_member (root, "width", (gint64) (image->width / image->scale + 0.5));
  json_object_set_int_member (root, "height", (gint64) (image->height / image->scale + 0.5));
  json_object_set_int_member (root, "n_points", result->n);
  json_object_set_int_member (root, "n_drops", result->n_drops);
  json_object_set_int_member (root, "n_marks", result->n_marks);
  json_object_set_int_member (root, "n_gap_columns", result->n_gap_columns);
  json_object_set_double_member (root, "line_width_px", result->line_width / image->scale);
  json_object_set_double_member (root, "time_max", t_max);
  json_object_set_double_member (root, "surv_min", s_min);
  json_object_set_string_member (root, "out", opt_out);
  node = json_node_init_object (json_node_alloc (), root);
  ep_cli_print_json (node);

  return EP_CLI_EXIT_OK;
}
