/* ep-cli-data.h: loading the columns an endpoint-cli command uses
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A command names the columns it uses; ep_cli_data_load() reads --csv with --sep (or, for a
 * .xlsx, .ods or .xls file, its --sheet, through the same reader as the app: ep-sheet.h), checks that
 * every column exists, and keeps the rows that have a value in all of them (listwise deletion,
 * design.md), counting the others in n_dropped. The per-column accessors then hand out the kept
 * rows only, in file order. Every data error names the file, the line and the column.
 *
 * A command's run function reads:
 *
 *   EpCliTimer timer;
 *   const char *columns[] = { opt_time, opt_event, opt_group, NULL };
 *
 *   ep_cli_timer_start (&timer);
 *   data = ep_cli_data_load (opt_csv, opt_sep, columns, &error);
 *   if (data == NULL)
 *     return ep_cli_data_fail ("km", error);
 *   time = ep_cli_data_times (data, opt_time, &error);
 *   ...
 *   parse_s = ep_cli_timer_lap (&timer);
 *   fit = ep_km_fit (...);
 *   compute_s = ep_cli_timer_lap (&timer);
 *   ...
 *   json_object_set_int_member (object, "n_dropped", data->n_dropped);
 *   if (opt_timing)
 *     ep_cli_add_timing (object, parse_s, compute_s);
 */
#pragma once

#include <glib.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "core/ep-cox.h"
#include "core/ep-design.h"
#include "core/ep-levels.h"
#include "core/ep-meta.h"
#include "io/ep-csv.h"
#include "io/ep-csv-columns.h"

G_BEGIN_DECLS

/* The options every data command shares, for its GOptionEntry table. */
#define EP_CLI_OPTION_CSV(var) \
  { "csv", 0, 0, G_OPTION_ARG_FILENAME, &(var), \
    N_("The data file with a header row: CSV, or a spreadsheet (.xlsx, .ods, .xls)"), N_("FILE") }
/* --sep, and with it --sheet, which every command that reads data takes; --sheet lands in
 * ep_cli_data_sheet (one command runs per process), which ep_cli_data_load() and convert read. */
#define EP_CLI_OPTION_SEP(var) \
  { "sep", 0, 0, G_OPTION_ARG_STRING, &(var), N_("Field separator: “,” (default), “;” or “tab”"), N_("SEP") }, \
  { "sheet", 0, 0, G_OPTION_ARG_STRING, &ep_cli_data_sheet, \
    N_("The sheet of a spreadsheet, by name or number (default: the first)"), N_("SHEET") }

extern char *ep_cli_data_sheet;

/* --labels FILE.json (io/ep-labels.h: the mapping a project stores): display names, value
 * labels and level order. ep_cli_data_load() reads it into data->labels; ep_cli_data_levels()
 * arranges levels by it. Taken by km, logrank, cox, cif, rmst, followup and plot (every
 * figure: group and subgroup labels, Cox terms) and crr (factor levels, terms, the cause's
 * label); not by meta (see docs/cohorts.md). */
extern char *ep_cli_data_labels;
#define EP_CLI_OPTION_LABELS \
  { "labels", 0, 0, G_OPTION_ARG_FILENAME, &ep_cli_data_labels, \
    N_("Value labels, display names and level order (JSON, as a project stores them)"), N_("FILE") }
#define EP_CLI_OPTION_TIMING(var) \
  { "timing", 0, 0, G_OPTION_ARG_NONE, &(var), N_("Add parse and compute times in seconds to the JSON"), NULL }

/* The options of the time-to-event commands (km, logrank, cox, cif and their plots) that read
 * the same in each. */
#define EP_CLI_OPTION_TIME(var) \
  { "time", 0, 0, G_OPTION_ARG_STRING, &(var), \
    N_("The follow-up time column (0 or more)"), N_("COL") }
#define EP_CLI_OPTION_EVENT(var) \
  { "event", 0, 0, G_OPTION_ARG_STRING, &(var), \
    N_("The event column: 1 = event, 0 = censored"), N_("COL") }
#define EP_CLI_OPTION_CONF_TYPE(var) \
  { "conf-type", 0, 0, G_OPTION_ARG_STRING, &(var), \
    N_("Confidence interval transform: log-log (default), log or plain"), N_("TYPE") }
#define EP_CLI_OPTION_CONF_LEVEL(var) \
  { "conf-level", 0, 0, G_OPTION_ARG_DOUBLE, &(var), \
    N_("Confidence level between 0 and 1 (default 0.95)"), N_("LEVEL") }
#define EP_CLI_OPTION_NO_TIMEFIX(var) \
  { "no-timefix", 0, 0, G_OPTION_ARG_NONE, &(var), \
    N_("Keep times that differ only by rounding error apart (R: timefix = FALSE)"), NULL }
#define EP_CLI_OPTION_START(var) \
  { "start", 0, 0, G_OPTION_ARG_STRING, &(var), \
    N_("Entry time column (delayed entry): each row is at risk on (start, time]"), N_("COL") }
#define EP_CLI_OPTION_AT(var) \
  { "at", 0, 0, G_OPTION_ARG_STRING, &(var), \
    N_("Also read the curves at these times"), N_("T1,T2,…") }

#define EP_CLI_DATA_ERROR (ep_cli_data_error_quark ())

typedef enum
{
  EP_CLI_DATA_ERROR_INVALID,    /* a value out of its allowed range (negative time, event code 2) */
  EP_CLI_DATA_ERROR_NO_ROWS,    /* no row is left once missing values are dropped */
} EpCliDataError;

typedef struct
{
  EpCsv   *csv;         /* the whole table; NULL when the columns came from the column reader
                         * (then ep_cli_data_csv() reads it when a message needs a cell's text) */
  guint    n_rows;      /* rows kept: a value in every used column */
  guint    n_dropped;   /* rows dropped for a missing value in a used column */
  guint   *rows;        /* n_rows indices of the kept rows into the file's rows, ascending */
  GPtrArray *labels;    /* EpColumnLabels * from --labels, or NULL */
  EpCsvColumns *columns;  /* the used columns, typed (io/ep-csv-columns.h), or NULL */
  char    *path;        /* to read the table when it is needed */
  char     sep;
  char    *display_name;  /* the file's name in messages */
  guint32 *lines;       /* n_rows: each kept row's line, once ep_cli_data_release_columns()
                         * has freed columns; else NULL */
} EpCliData;

/* How a command will read a column (ep_cli_data_load_typed()): only a hint for speed, every
 * accessor works on every column whatever its kind. */
typedef enum
{
  EP_CLI_COLUMN_NUMBER,    /* ep_cli_data_numbers, _times, _events */
  EP_CLI_COLUMN_FACTOR,    /* ep_cli_data_levels, _strings */
} EpCliColumnKind;

GQuark       ep_cli_data_error_quark (void);

/* Parses --sep: NULL or "," -> ',', ";" -> ';', "tab" or "\t" -> '\t'. FALSE otherwise. */
gboolean     ep_cli_parse_sep       (const char          *text,
                                     char                *sep);

/* Reads path and keeps the rows with a value in every column of columns (NULL-terminated; a
 * name may repeat). A NULL path or a bad sep is a G_OPTION_ERROR (a usage error); a file that
 * cannot be read or parsed, or an unknown column, an EP_CSV_ERROR. Zero kept rows is not an
 * error here: each method says what it needs. */
EpCliData   *ep_cli_data_load       (const char          *path,
                                     const char          *sep,
                                     const char * const  *columns,
                                     GError             **error);
/* The same, told how each column will be read (kinds: one per name). A CSV file (not a
 * spreadsheet, without --labels) is read with the column reader (io/ep-csv-columns.h): only
 * the used columns are parsed, numbers and levels straight into arrays. Anything that reader
 * does not take (a cell that is not a number, an unknown column, odd quoting, a broken file)
 * sends the file through ep_cli_data_load()'s reader, so the messages are the same. */
EpCliData   *ep_cli_data_load_typed (const char             *path,
                                     const char             *sep,
                                     const char * const     *columns,
                                     const EpCliColumnKind  *kinds,
                                     GError                **error);
void         ep_cli_data_free       (EpCliData           *data);
/* Frees the typed columns once the caller has extracted what it needs (endpoint-cli cox:
 * tens of MB less at the fit's peak). The kept rows' lines stay for messages; any later
 * ep_cli_data_numbers() etc. read the file again through ep_csv_read_file(). */
void         ep_cli_data_release_columns (EpCliData      *data);

/* The file's name for messages ("lung.csv"). */
const char  *ep_cli_data_file_name  (const EpCliData     *data);

/* The whole table (read now if the columns came from the column reader), or NULL with the
 * reader's error. */
EpCsv       *ep_cli_data_csv        (const EpCliData     *data,
                                     GError             **error);

/* The text of a kept row's cell, for messages (g_free), or NULL if the table cannot be read. */
char        *ep_cli_data_cell       (const EpCliData     *data,
                                     guint                i,
                                     const char          *column);

/* The file line of kept row i, for messages. */
guint        ep_cli_data_line       (const EpCliData     *data,
                                     guint                i);

/* The kept rows of a column as numbers: n_rows doubles (g_free), or NULL with
 * lung.csv:17: column "time": "abc" is not a number. The column must have been loaded. */
double      *ep_cli_data_numbers    (const EpCliData     *data,
                                     const char          *column,
                                     GError             **error);

/* Like ep_cli_data_numbers() and also every value >= 0:
 * lung.csv:17: column "time": -3 is negative; a time must be 0 or more */
double      *ep_cli_data_times      (const EpCliData     *data,
                                     const char          *column,
                                     GError             **error);

/* An event indicator: every value 0 (censored) or 1 (event), returned as 0/1 ints (g_free):
 * lung.csv:17: column "status": "2" is not an event code; use 1 for an event and 0 for censored */
int         *ep_cli_data_events     (const EpCliData     *data,
                                     const char          *column,
                                     GError             **error);

/* The same three with the array from ep_big_alloc(): free it with ep_big_free() (which also
 * frees a g_malloc()ed block, so one free function serves arrays from either). For the
 * million-row columns of cox, km and the other survival commands: huge pages instead of a
 * fault per 4 KiB. */
double      *ep_cli_data_numbers_big (const EpCliData    *data,
                                      const char         *column,
                                      GError            **error);
double      *ep_cli_data_times_big   (const EpCliData    *data,
                                      const char         *column,
                                      GError            **error);
int         *ep_cli_data_events_big  (const EpCliData    *data,
                                      const char         *column,
                                      GError            **error);

/* The kept rows of a column as text: n_rows strings, NULL-terminated. Free the array with
 * g_free() only; the strings belong to data. */
const char **ep_cli_data_strings    (const EpCliData     *data,
                                     const char          *column);

/* The kept rows of a column as levels (ep-levels.h: numeric order when every value is a
 * number, else byte order) and a code per row, arranged by --labels (its order first, and
 * its display labels). */
EpLevels    *ep_cli_data_levels     (const EpCliData     *data,
                                     const char          *column);

/* --labels for a regression's terms (cox, crr): design->term_labels "Sex: Female vs Male" for
 * a factor's term, the display name for a number's, as the app's Cox table says. covariates:
 * the design's columns in order. */
void         ep_cli_data_set_term_labels (const EpCliData *data,
                                          EpDesign        *design,
                                          char * const    *covariates);

/* The column's display name from --labels, or column itself. */
const char  *ep_cli_data_display_name (const EpCliData   *data,
                                       const char        *column);

/* Prints the error as a usage error (G_OPTION_ERROR, exit 2) or a data error (exit 1) and
 * returns the exit status. */
int          ep_cli_data_fail       (const char          *command,
                                     const GError        *error);

/* Timing for --timing: wall clock with g_get_monotonic_time(), and the process's CPU time
 * (user + system, all threads) with clock_gettime (CLOCK_PROCESS_CPUTIME_ID). The first two
 * laps after ep_cli_timer_start() (reading, then computing: every command times them in that
 * order) are also kept for the "parse_cpu_s" and "compute_cpu_s" members, which
 * bench/scaling.sh reads because wall times say little on a loaded machine. */
typedef struct
{
  gint64 last;
  gint64 last_cpu;
} EpCliTimer;

void         ep_cli_timer_start     (EpCliTimer          *timer);
/* Seconds since the start or the previous lap; starts the next lap. */
double       ep_cli_timer_lap       (EpCliTimer          *timer);
/* Adds "timing": {"parse_s": parse_s, "compute_s": compute_s, "parse_cpu_s": ..,
 * "compute_cpu_s": ..} to object (the CPU members from the timer's first two laps). */
void         ep_cli_add_timing      (JsonObject          *object,
                                     double               parse_s,
                                     double               compute_s);

/* The same "timing" member, for a command that writes its JSON with io/ep-json-writer.h. */
struct _EpJsonWriter;
void         ep_cli_write_timing    (struct _EpJsonWriter *writer,
                                     double               parse_s,
                                     double               compute_s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpCliData, ep_cli_data_free)

/* Readers shared by an analysis command and endpoint-cli plot; each is defined in its
 * command's file and documented there. */
int         *ep_cli_cif_read_status   (const EpCliData   *data,
                                       const char        *column,
                                       GError           **error);
gboolean     ep_cli_meta_parse_method (const char        *text,
                                       EpMetaMethod      *method);

/* The study options of endpoint-cli meta, shared with endpoint-cli plot forest (defined in
 * ep-cli-meta.c): EP_CLI_META_OPTIONS (o) gives their GOptionEntry lines. */
typedef struct
{
  char     *events;     /* proportions: events of total */
  char     *total;
  char     *ratio;      /* or ratios with their 95% limits */
  char     *lower;
  char     *upper;
  char     *label;
  char     *subgroup;
  char     *method;
  char     *measure;
  gboolean  knapp_hartung;
} EpCliMetaOptions;

#define EP_CLI_META_OPTIONS(o) \
  { "events", 0, 0, G_OPTION_ARG_STRING, &(o).events, \
    N_("Column of the number of patients with the outcome"), N_("COL") }, \
  { "total", 0, 0, G_OPTION_ARG_STRING, &(o).total, \
    N_("Column of the number of patients"), N_("COL") }, \
  { "ratio", 0, 0, G_OPTION_ARG_STRING, &(o).ratio, \
    N_("Column of the ratio (HR, OR, RR), pooled on the log scale"), N_("COL") }, \
  { "lower", 0, 0, G_OPTION_ARG_STRING, &(o).lower, \
    N_("Column of the lower limit of the ratio's 95% confidence interval"), N_("COL") }, \
  { "upper", 0, 0, G_OPTION_ARG_STRING, &(o).upper, \
    N_("Column of the upper limit of the ratio's 95% confidence interval"), N_("COL") }, \
  { "label", 0, 0, G_OPTION_ARG_STRING, &(o).label, \
    N_("Column of the study names"), N_("COL") }, \
  { "subgroup", 0, 0, G_OPTION_ARG_STRING, &(o).subgroup, \
    N_("Column of the subgroup (therapy class) each study is pooled in"), N_("COL") }, \
  { "method", 0, 0, G_OPTION_ARG_STRING, &(o).method, \
    N_("Between-study variance: FE (none), DL (default) or REML"), N_("METHOD") }, \
  { "measure", 0, 0, G_OPTION_ARG_STRING, &(o).measure, \
    N_("Scale of pooled proportions: logit (default) or ft (Freeman-Tukey)"), N_("MEASURE") }, \
  { "knapp-hartung", 0, 0, G_OPTION_ARG_NONE, &(o).knapp_hartung, \
    N_("Knapp-Hartung t test and interval for the random-effects model"), NULL }

void         ep_cli_meta_options_clear (EpCliMetaOptions *options);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EpCliMetaOptions, ep_cli_meta_options_clear)

/* The studies as read, and the input of ep_meta_pool() (all but its measure) pointing into
 * them. */
typedef struct
{
  EpCliData    *data;
  const char  **labels;      /* k study labels; the strings belong to data */
  EpLevels     *subgroups;   /* NULL without --subgroup */
  guint        *events;      /* proportions: k event and patient counts; else NULL */
  guint        *total;
  double       *ratio;       /* ratios: k ratios and 95% limits as reported; else NULL */
  double       *lower;
  double       *upper;
  double       *yi;          /* ratios: log ratio and its variance */
  double       *vi;
  EpMetaData    input;
} EpCliMetaStudies;

/* Loads and reads the studies; NULL with the first error (the file, line and column), also
 * "meta.csv: no study to pool: every row misses a value in a column used". */
EpCliMetaStudies *ep_cli_meta_read_studies (const char              *path,
                                            const char              *sep,
                                            const EpCliMetaOptions  *options,
                                            GError                 **error);
void              ep_cli_meta_studies_free (EpCliMetaStudies        *studies);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpCliMetaStudies, ep_cli_meta_studies_free)

/* The options of a time-to-event command (km, logrank, cox, cif, plot km and plot cif;
 * ep-cli-survival-data.c). Each command lists the entries it takes, e.g.
 * EP_CLI_OPTION_TIME (opt.time), in the order of its --help. */
typedef struct
{
  char     *csv;
  char     *sep;
  char     *time;      /* follow-up time, 0 or more */
  char     *status;    /* --event (1 = event, 0 = censored) or, with causes, --status */
  gboolean  causes;    /* status is 0 = censored, 1, 2, … = cause (ep_cli_cif_read_status) */
  char     *group;     /* NULL: one group */
  char     *strata;    /* NULL: one stratum */
  char     *start;     /* NULL: right-censored; else the entry time, at risk on (start, time] */
  gboolean  timing;
} EpCliSurvivalOptions;

void         ep_cli_survival_options_clear (EpCliSurvivalOptions *options);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EpCliSurvivalOptions, ep_cli_survival_options_clear)

/* --csv, --time and --event (with causes --status) are required: a G_OPTION_ERROR ("--time is
 * required", a usage error for ep_cli_data_fail) names the first one missing. */
gboolean     ep_cli_survival_options_check (const EpCliSurvivalOptions  *options,
                                            GError                     **error);

typedef struct
{
  EpCliData *data;
  double    *time;      /* data->n_rows times */
  int       *status;    /* data->n_rows event indicators or status codes */
  EpLevels  *groups;    /* the group column's levels and codes; NULL without one */
  EpLevels  *strata;    /* the strata column's; NULL without one */
  double    *start;     /* data->n_rows entry times, each before its time; NULL without one */
} EpCliSurvivalData;

/* Loads the columns of options with ep_cli_data_load() and reads them, in this order: no kept row
 * ("lung.csv: no rows with a value in every column used (3 dropped for missing values)"), then
 * the times (ep_cli_data_times), then the status (ep_cli_data_events, or with causes
 * ep_cli_cif_read_status). NULL with the first error; ep_cli_data_fail() reports it. */
EpCliSurvivalData *ep_cli_survival_data_load (const EpCliSurvivalOptions  *options,
                                              GError                     **error);
void               ep_cli_survival_data_free (EpCliSurvivalData           *survival);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpCliSurvivalData, ep_cli_survival_data_free)

/* Parses --at (NULL: none, *at stays NULL): comma-separated times, each 0 or more, into a new
 * GArray of doubles. A bad list is a G_OPTION_ERROR (a usage error for ep_cli_data_fail). */
gboolean     ep_cli_parse_at          (const char        *text,
                                       GArray           **at,
                                       GError           **error);

/* A Cox model as endpoint-cli cox's options give it (covariates and factors as "A,B" text);
 * defined in ep-cli-cox.c and shared with endpoint-cli plot forest --cox. */
typedef struct
{
  const char   *csv;
  const char   *sep;
  const char   *time;
  const char   *event;
  const char   *start;         /* NULL: right-censored data */
  const char   *strata;        /* NULL: one stratum */
  const char   *covariates;
  const char   *factors;       /* NULL: none */
  EpCoxOptions  options;       /* ties, conf_level; term_names is set from the design */
  const char   *weights;       /* NULL: none; else case weights > 0 (options.weights is set) */
  const char   *cluster;       /* NULL: none; else the cluster of each row (robust variance) */
  gboolean      keep_matrix;   /* fitted->design->x is made (--cluster, --zph read it); else
                                * the design has no matrix and the fit reads the columns */
} EpCliCoxModel;

typedef struct
{
  EpCliData    *data;
  EpLevels     *strata;
  EpDesign     *design;
  EpCoxFit     *fit;
  double       *start;         /* the data as fitted (n_rows each; start NULL without --start) */
  double       *stop;
  int          *status;
  double       *weights;       /* NULL without --weights */
  EpLevels     *clusters;      /* NULL without --cluster */
  double        parse_s;
  double        compute_s;
} EpCliCoxFitted;

gboolean     ep_cli_cox_parse_ties    (const char           *text,
                                       EpCoxTies            *ties);
gboolean     ep_cli_cox_fit_model     (const EpCliCoxModel  *model,
                                       EpCliCoxFitted       *fitted,
                                       GError              **error);
void         ep_cli_cox_fitted_clear  (EpCliCoxFitted       *fitted);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EpCliCoxFitted, ep_cli_cox_fitted_clear)

G_END_DECLS
