/* ep-project-store.h: the .endpoint project file (a SQLite database), read and written
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This layer knows plain data only (EpProjectData below); the model (EpProject) converts its
 * objects to and from it. docs/project-format.md is the user-facing description of the file,
 * with the reasons for each choice; in short:
 *
 *  - one SQLite 3 file, PRAGMA application_id = EP_PROJECT_APPLICATION_ID ("EndP"), PRAGMA
 *    user_version = the schema version (EP_PROJECT_SCHEMA_VERSION);
 *  - a cohort's column is one row of `cohort_column`, its cells one BLOB (little-endian
 *    doubles, int32 category codes, int8 yes/no, int32 days) plus a missing-cell bitmap, so a
 *    million-row cohort is a few contiguous BLOBs, not millions of rows;
 *  - analyses, figures and trial selections are a kind plus their options as JSON text;
 *  - a `README` table says all this to someone who opens the file with the sqlite3 shell.
 *
 * Saving (ep_project_store_save) writes the whole project into a new file beside the target in
 * one transaction, fsyncs it, renames it over the target and fsyncs the directory: a crash or
 * a kill at any moment leaves the old file or the new one, never a mix.
 *
 * Opening (ep_project_store_open) treats the file as untrusted: read-only,
 * SQLITE_DBCONFIG_DEFENSIVE, trusted_schema OFF, no extension loading, PRAGMA quick_check, the
 * application id and the schema (every entry of sqlite_schema) compared with the expected ones
 * before any row is read, a newer user_version refused, an older one migrated in memory (the
 * file itself is never changed by opening), every size checked before anything is allocated.
 * Errors are EP_PROJECT_STORE_ERROR with a message that names the file and what is wrong:
 *   aml.endpoint: not an Endpoint project (not a SQLite database)
 *   aml.endpoint: cohort "aml", column "time": 10 cells stored where the cohort has 23 rows
 *
 * Both run in any thread (no global state; SQLite is used with one connection per call), and
 * check the cancellable between columns.
 */
#pragma once

#include <gio/gio.h>

#include "io/ep-table.h"

G_BEGIN_DECLS

/* 'EndP' as a big-endian 32-bit integer: what `file` and PRAGMA application_id show. */
#define EP_PROJECT_APPLICATION_ID 0x456e6450
/* The schema this build writes; files of versions 1 .. this one are read (older ones are
 * migrated step by step on open, see ep-project-store.c). */
#define EP_PROJECT_SCHEMA_VERSION 3

#define EP_PROJECT_STORE_ERROR (ep_project_store_error_quark ())

typedef enum
{
  EP_PROJECT_STORE_ERROR_IO,          /* the file cannot be read, written, synced or renamed */
  EP_PROJECT_STORE_ERROR_NOT_PROJECT, /* not SQLite, or a SQLite file of another application */
  EP_PROJECT_STORE_ERROR_CORRUPT,     /* damaged: quick_check fails, truncated, bad sizes */
  EP_PROJECT_STORE_ERROR_SCHEMA,      /* unexpected tables, views, triggers, indexes or columns */
  EP_PROJECT_STORE_ERROR_NEWER,       /* written by a newer Endpoint (schema version too high) */
  EP_PROJECT_STORE_ERROR_INVALID,     /* a value that breaks the format's rules */
  EP_PROJECT_STORE_ERROR_TOO_LARGE,   /* more than SQLite or this build can store */
} EpProjectStoreError;

/* A time-to-event endpoint of a cohort, as model/ep-cohort-endpoint.h describes it. Enumerated
 * values are kept as their nicks ("time", "dates"; "days", "weeks", "months", "years"), so this
 * layer does not depend on the model's enums. */
typedef struct
{
  char   *name;
  char   *source;         /* "time" or "dates" */
  char   *time_column;    /* source "time"; else NULL */
  char   *start_column;   /* source "dates"; else NULL */
  char   *end_column;     /* source "dates"; else NULL */
  char   *event_column;
  char  **event_codes;    /* NULL-terminated */
  char   *unit;
} EpProjectEndpoint;

typedef struct
{
  char       *name;
  EpTable    *table;      /* the data; column names, labels, types and levels included */
  char      **roles;      /* [n_columns] role nicks ("time", "event", ...), NULL-terminated */
  GPtrArray  *endpoints;  /* EpProjectEndpoint * */
} EpProjectCohort;

/* An analysis or a figure: what it is, which cohort (or selection) it uses, its options. */
typedef struct
{
  char   *name;
  char   *kind;           /* e.g. "km", "cox"; "km-plot", "forest" */
  char   *source;         /* the cohort's (or for a figure, the analysis's) name; may be NULL */
  char   *options;        /* JSON text (an object); "{}" when none */
  /* analyses only (schema version 2): the last result as JSON text and the fingerprint of the
   * data it was computed from; both NULL when none is stored */
  char   *result;
  char   *fingerprint;
} EpProjectItem;

/* Trials picked from the catalog, and the meta-analysis choices made for them. */
typedef struct
{
  char   *name;
  char  **trial_ids;      /* catalog ids, NULL-terminated, in the user's order */
  char   *options;        /* JSON text (an object), e.g. {"outcome": "cr", "method": "REML"} */
} EpProjectSelection;

/* A curve traced on a digitized figure (schema version 3): its points as the digitizer left
 * them and, once reconstructed, what became of it. */
typedef struct
{
  char    *name;          /* e.g. "Blinatumomab" */
  guint8   color[3];      /* the colour it was traced by */
  gsize    n;
  double  *time;          /* [n], ascending */
  double  *surv;          /* [n], proportions */
  char    *cohort;        /* the cohort reconstructed from it, or NULL */
  char    *trial_id;      /* the catalog arm it is attached to (trial id and arm label), or */
  char    *trial_arm;     /* NULL */
} EpProjectCurve;

/* A published figure kept in the project (schema version 3): the image file's bytes as they
 * were opened, the axis calibration (four ticks: two of the time axis, two of the survival
 * axis, in the image's units, with their values) and the curves traced on it. */
typedef struct
{
  char       *name;        /* unique in the project */
  char       *file_name;   /* the image file's name when it was opened (no directory) */
  char       *citation;    /* the publication, or NULL */
  guint       page;        /* 1-based page of a PDF; 1 otherwise */
  GBytes     *image;       /* the file's bytes */
  gboolean    calibrated;  /* the four ticks are set */
  double      tick_px[4];  /* x1, x2 (time axis), y1, y2 (survival axis) */
  double      tick_value[4];
  GPtrArray  *curves;      /* EpProjectCurve * */
} EpProjectDigitized;

typedef struct
{
  char       *app_version;  /* of the Endpoint that last wrote the file */
  GDateTime  *created;      /* UTC; NULL in a new project (set on the first save) */
  GDateTime  *modified;     /* UTC; set on each save */
  guint       schema_version; /* of the file as read (before migration); 0 for new data */
  char       *origin;       /* a recovery file: the project file it is a copy of; else NULL */
  /* the project's default for new figures (issue 13): "en", "de", "zh_CN", "app" and "auto",
   * "dot", "comma"; NULL: English, by the language (meta keys figure_language and
   * figure_decimal_mark, optional: files without them and readers before them are unaffected) */
  char       *figure_language;
  char       *figure_decimal_mark;
  GPtrArray  *cohorts;      /* EpProjectCohort * */
  GPtrArray  *analyses;     /* EpProjectItem * */
  GPtrArray  *figures;      /* EpProjectItem * */
  GPtrArray  *selections;   /* EpProjectSelection * */
  /* the user's own trial arms (schema version 3): char *, each one record of the trial catalog
   * (docs/catalog.md) as a JSON object, validated on reading; empty when none */
  GPtrArray  *user_trials;
  GPtrArray  *digitized;    /* EpProjectDigitized * (schema version 3) */
  /* the cohorts made of the user's patients and a reconstructed published arm (issue 17,
   * docs/reconstruction.md, "Combining with your patients"): the meta key combined_cohorts, a
   * JSON object text as the model writes it; NULL when none. Optional like the figure
   * defaults: no schema version change, earlier readers ignore it */
  char       *combined_cohorts;
  GPtrArray  *notes;        /* char *: what opening repaired, one line each ("p.endpoint:
                             * cohort “c”, column 4: 1 date outside the years 1 to 9999 is
                             * read as missing ..."); empty when nothing was */
} EpProjectData;

/* Reports progress from 0 to 1 (from the thread that saves or opens). */
typedef void (*EpProjectProgressFunc) (double   fraction,
                                       gpointer user_data);

GQuark              ep_project_store_error_quark  (void);

EpProjectData      *ep_project_data_new           (void);
void                ep_project_data_free          (EpProjectData       *data);

/* Takes ownership of table; roles NULL means "none" for every column. */
EpProjectCohort    *ep_project_cohort_new         (const char          *name,
                                                   EpTable             *table,
                                                   const char * const  *roles);
void                ep_project_cohort_free        (EpProjectCohort     *cohort);
EpProjectEndpoint  *ep_project_endpoint_new       (const char          *name,
                                                   const char          *source,
                                                   const char          *time_column,
                                                   const char          *start_column,
                                                   const char          *end_column,
                                                   const char          *event_column,
                                                   const char * const  *event_codes,
                                                   const char          *unit);
void                ep_project_endpoint_free      (EpProjectEndpoint   *endpoint);
/* options NULL: "{}" */
EpProjectItem      *ep_project_item_new           (const char          *name,
                                                   const char          *kind,
                                                   const char          *source,
                                                   const char          *options);
void                ep_project_item_free          (EpProjectItem       *item);
EpProjectSelection *ep_project_selection_new      (const char          *name,
                                                   const char * const  *trial_ids,
                                                   const char          *options);
void                ep_project_selection_free     (EpProjectSelection  *selection);
/* Copies the name and the points. */
EpProjectCurve     *ep_project_curve_new          (const char          *name,
                                                   const guint8         color[3],
                                                   gsize                n,
                                                   const double        *time,
                                                   const double        *surv);
EpProjectCurve     *ep_project_curve_copy         (const EpProjectCurve *curve);
void                ep_project_curve_free         (EpProjectCurve      *curve);
/* Copies the texts, references image; no curves, not calibrated. */
EpProjectDigitized *ep_project_digitized_new      (const char          *name,
                                                   const char          *file_name,
                                                   guint                page,
                                                   GBytes              *image);
EpProjectDigitized *ep_project_digitized_copy     (const EpProjectDigitized *digitized);
void                ep_project_digitized_free     (EpProjectDigitized  *digitized);

/* Writes data to path, replacing any file there atomically (see above). Sets data->created
 * (when NULL), data->modified and data->app_version. progress may be NULL. On failure (also
 * when cancelled: G_IO_ERROR_CANCELLED) the file at path is untouched and no temporary file is
 * left behind. */
gboolean            ep_project_store_save         (EpProjectData         *data,
                                                   const char            *path,
                                                   EpProjectProgressFunc  progress,
                                                   gpointer               progress_data,
                                                   GCancellable          *cancellable,
                                                   GError               **error);

/* Reads a project file (defensively, see above). NULL and an error on any problem: a project
 * is read whole or not at all. */
EpProjectData      *ep_project_store_open         (const char            *path,
                                                   EpProjectProgressFunc  progress,
                                                   gpointer               progress_data,
                                                   GCancellable          *cancellable,
                                                   GError               **error);

/* Only the metadata (app_version, created, modified, origin; no cohorts or items), with the
 * same checks of the file as ep_project_store_open(): for listing recovery files. */
EpProjectData      *ep_project_store_open_meta    (const char            *path,
                                                   GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpProjectData, ep_project_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpProjectCohort, ep_project_cohort_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpProjectEndpoint, ep_project_endpoint_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpProjectItem, ep_project_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpProjectSelection, ep_project_selection_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpProjectCurve, ep_project_curve_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpProjectDigitized, ep_project_digitized_free)

G_END_DECLS
