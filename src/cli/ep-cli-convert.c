/* ep-cli-convert.c: endpoint-cli convert, any cohort file to CSV
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * endpoint-cli convert IN OUT.csv [--sep SEP] [--decimal-comma] [--encoding ENC] [--sheet SHEET]
 *                                 [--no-header] [--out-sep SEP]
 *
 * IN is read by the app's importer (ep-import.h: CSV/TSV with type guessing, the encoding
 * detected and the decimal mark sniffed with the separator unless given; .xlsx, .ods and .xls
 * sheets; SPSS, Stata, SAS with value labels, user-missing values and dates) and written by
 * its exporter (ep-export.h:
 * exact numbers, ISO dates, formula cells defused). Prints a JSON summary: the rows, and each
 * column's name, type and missing count, so a script can check what the importer decided.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cli/ep-cli.h"
#include "cli/ep-cli-data.h"
#include "io/ep-export.h"
#include "io/ep-import.h"

#define COMMAND "convert"

int
ep_cli_convert (int    argc,
                char **argv)
{
  g_autofree char *opt_sep = NULL;
  g_autofree char *opt_out_sep = NULL;
  gboolean opt_decimal_comma = FALSE;
  gboolean opt_no_header = FALSE;
  g_autofree char *opt_encoding = NULL;
  const GOptionEntry entries[] = {
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &opt_encoding,
      N_("Text encoding of a CSV input, e.g. UTF-8, WINDOWS-1252, ISO-8859-1 (default: detected)"),
      N_("ENC") },
    EP_CLI_OPTION_SEP (opt_sep),
    { "decimal-comma", 0, 0, G_OPTION_ARG_NONE, &opt_decimal_comma,
      N_("Numbers in the input use a decimal comma (3,5)"), NULL },
    { "no-header", 0, 0, G_OPTION_ARG_NONE, &opt_no_header,
      N_("The input's first row is data; columns are named V1, V2, …"), NULL },
    { "out-sep", 0, 0, G_OPTION_ARG_STRING, &opt_out_sep,
      N_("Field separator of the output: “,” (default), “;” or “tab”"), N_("SEP") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(EpTable) table = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *columns;
  EpImportOptions options;
  char sep, out_sep;

  if (!ep_cli_parse_options (COMMAND, _("IN OUT.csv"),
                             _("Convert an Excel (.xlsx, .xls), OpenDocument (.ods), SPSS (.sav, "
                               ".zsav), Stata (.dta), SAS (.sas7bdat, .xpt), CSV or TSV file to "
                               "CSV, through the same import and export code as the app."),
                             entries, &argc, &argv))
    return EP_CLI_EXIT_USAGE;

  if (argc != 3)
    return ep_cli_usage_error (COMMAND, _("give an input file and an output file"));
  if (!ep_cli_parse_sep (opt_sep, &sep))
    return ep_cli_usage_error (COMMAND, _("--sep must be “,”, “;” or “tab”, not “%s”"), opt_sep);
  if (!ep_cli_parse_sep (opt_out_sep, &out_sep))
    return ep_cli_usage_error (COMMAND, _("--out-sep must be “,”, “;” or “tab”, not “%s”"),
                               opt_out_sep);

  ep_import_options_init (&options);
  options.sep = opt_sep != NULL ? sep : 0;
  /* without --decimal-comma the decimal mark is sniffed with the separator */
  options.decimal_mark = opt_decimal_comma ? ',' : 0;
  options.header = !opt_no_header;
  options.encoding = opt_encoding;
  options.sheet = ep_cli_data_sheet;

  table = ep_import_file (argv[1], &options, &error);
  if (table == NULL)
    return ep_cli_data_error (error);
  if (!ep_export_csv_file (table, argv[2], out_sep, &error))
    return ep_cli_data_error (error);

  root = json_object_new ();
  json_object_set_string_member (root, "analysis", "convert");
  json_object_set_string_member (root, "input", argv[1]);
  json_object_set_string_member (root, "output", argv[2]);
  json_object_set_int_member (root, "n_rows", table->n_rows);
  columns = json_array_new ();
  for (guint j = 0; j < ep_table_get_n_columns (table); j++)
    {
      const EpTableColumn *c = ep_table_get_column (table, j);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "name", c->name);
      json_object_set_string_member (o, "type", ep_column_type_to_string (c->type));
      json_object_set_int_member (o, "n_missing", ep_table_column_count_missing (c));
      if (c->label != NULL)
        json_object_set_string_member (o, "label", c->label);
      json_array_add_object_element (columns, o);
    }
  json_object_set_array_member (root, "columns", columns);

  node = json_node_init_object (json_node_alloc (), root);
  ep_cli_print_json (node);

  return EP_CLI_EXIT_OK;
}
