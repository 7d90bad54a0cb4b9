/* endpoint-cli.c: the headless front-end's command dispatcher
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli/ep-cli.h"
#include "core/ep-memory.h"

typedef struct
{
  const char   *name;
  const char   *summary;
  EpCliRunFunc  run;
} EpCliCommand;

/* The commands of design.md, in the order a user meets them. */
static const EpCliCommand commands[] = {
  { "km",
    N_("Kaplan-Meier survival estimates with confidence intervals and medians"), ep_cli_km },
  { "logrank",
    N_("Log-rank and Harrington-Fleming G-rho tests, optionally stratified"), ep_cli_logrank },
  { "cox",
    N_("Cox proportional hazards regression"), ep_cli_cox },
  { "rmst",
    N_("Restricted mean survival time per group, with differences and ratios"), ep_cli_rmst },
  { "followup",
    N_("Median follow-up by the reverse Kaplan-Meier method"), ep_cli_followup },
  { "landmark",
    N_("Survival by response without guarantee-time bias: landmark, Mantel-Byar, Simon-Makuch"),
    ep_cli_landmark },
  { "cif",
    N_("Cumulative incidence with competing risks and Gray's test"), ep_cli_cif },
  { "crr",
    N_("Fine-Gray regression of the subdistribution hazard with competing risks"), ep_cli_crr },
  { "meta",
    N_("Meta-analysis of proportions or of ratios with confidence intervals"), ep_cli_meta },
  { "response",
    N_("Response rates by group with exact CIs, Fisher's exact and chi-square tests"), ep_cli_response },
  { "convert",
    N_("Convert an Excel, OpenDocument, SPSS, Stata, SAS or CSV file to CSV"), ep_cli_convert },
  { "trials",
    N_("The trial catalog as JSON"), ep_cli_trials },
  { "plot",
    N_("Draw a survival, cumulative incidence or forest plot to PDF, SVG, EPS, PNG or TIFF"), ep_cli_plot },
  { "project",
    N_("Make a project file from data files, or show what a project holds"), ep_cli_project },
  { "digitize",
    N_("Trace a curve of a Kaplan-Meier figure (PNG, JPEG, SVG, PDF) into time,surv points"), ep_cli_digitize },
  { "reconstruct",
    N_("Reconstruct patient data from digitized Kaplan-Meier points (Guyot 2012)"), ep_cli_reconstruct },
};

static void
print_help (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: endpoint-cli COMMAND [OPTIONS…]"));
  fprintf (stream, "\n%s\n\n",
           _("Survival analysis, competing risks and evidence synthesis from the command line. "
             "Every analysis prints one JSON object."));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-9s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Options:"));
  fprintf (stream, "  %-14s %s\n", "-h, --help", _("Show this help"));
  fprintf (stream, "  %-14s %s\n", "--version", _("Show the version"));
  fprintf (stream, "\n%s\n", _("Run “endpoint-cli COMMAND --help” for a command's options."));
  fprintf (stream, "%s\n", _("Exit status: 0 success, 1 data error, 2 usage error."));
}

int
main (int    argc,
      char **argv)
{
  const char *name;

  ep_memory_tune ();
  setlocale (LC_ALL, "");
  /* Numbers in JSON and in input files are always in the C locale. */
  setlocale (LC_NUMERIC, "C");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_help (stderr);
      return EP_CLI_EXIT_USAGE;
    }

  name = argv[1];

  if (strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0 || strcmp (name, "help") == 0)
    {
      print_help (stdout);
      return EP_CLI_EXIT_OK;
    }

  if (strcmp (name, "--version") == 0)
    {
      printf ("endpoint-cli %s\n", PACKAGE_VERSION);
      return EP_CLI_EXIT_OK;
    }

  if (name[0] == '-')
    {
      ep_cli_usage_error (NULL, _("unknown option “%s”"), name);
      print_help (stderr);
      return EP_CLI_EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (name, commands[i].name) != 0)
        continue;

      return commands[i].run (argc - 1, argv + 1);
    }

  ep_cli_usage_error (NULL, _("unknown command “%s”"), name);
  print_help (stderr);
  return EP_CLI_EXIT_USAGE;
}
