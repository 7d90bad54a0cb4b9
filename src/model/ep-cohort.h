/* ep-cohort.h: a patient cohort: typed columns, roles, endpoints and an undo stack
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * EpCohort wraps an EpTable (io/ep-table.h: one typed array per column) and is
 *  - a GListModel of EpCohortRow, created lazily per position, for a GtkColumnView of a
 *    million rows; items-changed on row insertions and deletions, and (row, 1, 1) when a
 *    cell of the row changes, together with the "cell-changed" signal;
 *  - a list of EpCohortColumn (ep_cohort_get_columns(), a GListModel) with name, label, type,
 *    role and missing count as properties;
 *  - a list of EpCohortEndpoint (ep_cohort_get_endpoints());
 *  - an undo stack covering every edit: cells, rows, columns (add, delete, rename, retype,
 *    role) and endpoints. Each edit is one step; ep_cohort_undo() / ep_cohort_redo(), with
 *    can-undo / can-redo properties for the window's actions;
 *  - a revision that each applied edit, undo and redo advances, with the revision at which each
 *    column and endpoint last changed: what the project's analyses check to know they are
 *    stale (ep_cohort_get_input_revision(), the "changed" signal).
 * A refused edit (a non-number into a number column) returns FALSE with a GError whose message
 * can be shown as it is, and changes nothing.
 */
#pragma once

#include <gio/gio.h>

#include "core/ep-levels.h"
#include "core/ep-response.h"
#include "io/ep-import.h"
#include "io/ep-table.h"
#include "model/ep-cohort-column.h"
#include "model/ep-cohort-endpoint.h"
#include "model/ep-cohort-row.h"

G_BEGIN_DECLS

#define EP_COHORT_ERROR (ep_cohort_error_quark ())

typedef enum
{
  EP_COHORT_ERROR_INVALID_VALUE,    /* a value that is not of the column's type */
  EP_COHORT_ERROR_NO_COLUMN,        /* a column name that is not in the cohort */
  EP_COHORT_ERROR_DUPLICATE_NAME,
  EP_COHORT_ERROR_WRONG_TYPE,       /* e.g. an endpoint's time column that is not a number */
  EP_COHORT_ERROR_INVALID_TIME,     /* a negative time, an end date before the start */
  EP_COHORT_ERROR_NO_ROWS,          /* nothing left once missing values are dropped */
} EpCohortError;

#define EP_TYPE_COHORT (ep_cohort_get_type ())
G_DECLARE_FINAL_TYPE (EpCohort, ep_cohort, EP, COHORT, GObject)

GQuark          ep_cohort_error_quark     (void);

EpCohort       *ep_cohort_new             (const char       *name);
/* Takes ownership of table. */
EpCohort       *ep_cohort_new_from_table  (const char       *name,
                                           EpTable          *table);
/* ep_import_file() into a new cohort named after the file; NULL and the importer's error (file,
 * line, column) when the file cannot be read. */
EpCohort       *ep_cohort_new_from_file   (const char            *path,
                                           const EpImportOptions *options,
                                           GError               **error);
/* ep_cohort_new_from_file() in a worker thread: progress (may be NULL) from 0 to 1, and
 * G_IO_ERROR_CANCELLED once cancellable (may be NULL) is cancelled (ep_import_file_full()). */
EpCohort       *ep_cohort_new_from_file_full (const char            *path,
                                              const EpImportOptions *options,
                                              EpImportProgressFunc   progress,
                                              gpointer               progress_data,
                                              GCancellable          *cancellable,
                                              GError               **error);
/* The bundled examples (data/examples): "seed004" (30 patients of Yin 2024, Tables 1 and 2)
 * and "aml" (the survival package's aml data, with an OS endpoint). examples_dir NULL: the
 * installed PKGDATADIR/examples. */
EpCohort       *ep_cohort_new_from_example (const char      *examples_dir,
                                            const char      *id,
                                            GError         **error);
/* The ids and titles of the examples, NULL-terminated pairs. */
const char * const *ep_cohort_list_examples (void);

const char     *ep_cohort_get_name        (EpCohort         *self);
/* Renames the cohort (not an undoable edit: a project keeps its cohorts' names unique). */
void            ep_cohort_set_name        (EpCohort         *self,
                                           const char       *name);
guint           ep_cohort_get_n_rows      (EpCohort         *self);
guint           ep_cohort_get_n_columns   (EpCohort         *self);
/* GListModel of EpCohortColumn, in column order. */
GListModel     *ep_cohort_get_columns     (EpCohort         *self);
EpCohortColumn *ep_cohort_get_column      (EpCohort         *self,
                                           guint             position);
/* -1 when there is no such column */
int             ep_cohort_find_column     (EpCohort         *self,
                                           const char       *name);
/* GListModel of EpCohortEndpoint. */
GListModel     *ep_cohort_get_endpoints   (EpCohort         *self);
EpCohortEndpoint *ep_cohort_find_endpoint (EpCohort         *self,
                                           const char       *name);
/* The data, for the exporter and the analyses. */
const EpTable  *ep_cohort_get_table       (EpCohort         *self);

char           *ep_cohort_get_text        (EpCohort         *self,
                                           guint             row,
                                           guint             column);
gboolean        ep_cohort_is_missing      (EpCohort         *self,
                                           guint             row,
                                           guint             column);

/* Orders two rows by a column's values, for a GtkSorter of the editor's view (the data is not
 * reordered): numbers numerically, dates chronologically, yes/no as no < yes, categories by
 * their text (strcmp), missing values last. Returns <0, 0, >0. */
int             ep_cohort_compare_rows    (EpCohort         *self,
                                           guint             column,
                                           guint             row_a,
                                           guint             row_b);

/* Edits. Each is one undo step; each returns FALSE with an error and changes nothing when
 * refused. */
gboolean        ep_cohort_set_text        (EpCohort         *self,
                                           guint             row,
                                           guint             column,
                                           const char       *text,
                                           GError          **error);
/* A block of n_rows x n_columns texts (row by row) into the cells from (row, column), as one
 * undo step labelled label (default "Paste"; "Clear cells" for a cleared block): rows past
 * the end are added. Every text is checked first; one that does not fit its column refuses
 * the whole block with "row 12, column "age": "abc" is not a number", and so does a block
 * wider than the columns right of column. */
gboolean        ep_cohort_set_block       (EpCohort         *self,
                                           guint             row,
                                           guint             column,
                                           guint             n_rows,
                                           guint             n_columns,
                                           const char * const *texts,
                                           const char       *label,
                                           GError          **error);
/* n empty rows at position */
void            ep_cohort_insert_rows     (EpCohort         *self,
                                           guint             position,
                                           guint             n);
void            ep_cohort_delete_rows     (EpCohort         *self,
                                           guint             position,
                                           guint             n);
/* a copy of row right after it */
void            ep_cohort_duplicate_row   (EpCohort         *self,
                                           guint             row);
gboolean        ep_cohort_add_column      (EpCohort         *self,
                                           guint             position,
                                           const char       *name,
                                           EpColumnType      type,
                                           GError          **error);
void            ep_cohort_delete_column   (EpCohort         *self,
                                           guint             position);
gboolean        ep_cohort_rename_column   (EpCohort         *self,
                                           guint             position,
                                           const char       *name,
                                           GError          **error);
gboolean        ep_cohort_set_column_type (EpCohort         *self,
                                           guint             position,
                                           EpColumnType      type,
                                           GError          **error);
void            ep_cohort_set_column_role (EpCohort         *self,
                                           guint             position,
                                           EpColumnRole      role);
/* A column's display name (NULL or "": its name) and value labels (EpValueLabel *: the level
 * order and display labels, io/ep-labels.h; NULL or empty: none), as one undo step "Edit
 * labels". The first level in the order is the reference of a factor and the first group of a
 * figure. Analyses that read the column become stale and recompute with the new labels.
 * Refused when a value is listed twice. */
gboolean        ep_cohort_set_column_labels (EpCohort        *self,
                                             guint            position,
                                             const char      *display_name,
                                             const GPtrArray *value_labels,
                                             GError         **error);
/* Adds or replaces (by name) an endpoint. */
void            ep_cohort_set_endpoint    (EpCohort         *self,
                                           EpCohortEndpoint *endpoint);
void            ep_cohort_remove_endpoint (EpCohort         *self,
                                           const char       *name);

/* The dependency graph's clock: every committed edit, undo and redo advances the revision
 * (notify::revision, then the "changed" signal). */
guint64         ep_cohort_get_revision    (EpCohort         *self);
/* The latest revision at which any of columns, endpoints (their definitions and the columns
 * they read) or the rows changed; 0 when none changed since the cohort was made. FALSE and
 * EP_COHORT_ERROR_NO_COLUMN when one of them no longer exists. */
gboolean        ep_cohort_get_input_revision (EpCohort           *self,
                                              const char * const *columns,
                                              const char * const *endpoints,
                                              guint64            *revision,
                                              GError            **error);

/* A content hash (hex SHA-256) of the named columns (name, type, cells, levels) and endpoints
 * (definition and the columns they read): what a saved result was computed from. NULL and
 * EP_COHORT_ERROR_NO_COLUMN when one of them does not exist. */
char           *ep_cohort_fingerprint     (EpCohort           *self,
                                           const char * const *columns,
                                           const char * const *endpoints,
                                           GError            **error);

gboolean        ep_cohort_can_undo        (EpCohort         *self);
gboolean        ep_cohort_can_redo        (EpCohort         *self);
/* What the next undo / redo would do, for a menu label ("Edit cell"); NULL when nothing. */
const char     *ep_cohort_get_undo_label  (EpCohort         *self);
const char     *ep_cohort_get_redo_label  (EpCohort         *self);
gboolean        ep_cohort_undo            (EpCohort         *self);
gboolean        ep_cohort_redo            (EpCohort         *self);

/* Analyses' input. These copy what they return, so a GTask worker can compute on the copy
 * while the user keeps editing the cohort on the main thread. */
typedef struct
{
  guint    n;           /* rows kept */
  guint    n_dropped;   /* rows dropped for a missing time, event or required column */
  guint   *rows;        /* n row indices into the cohort, ascending */
  double  *time;        /* n times in the endpoint's unit */
  int     *event;       /* n 0/1 */
} EpEndpointData;

void            ep_endpoint_data_free     (EpEndpointData   *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpEndpointData, ep_endpoint_data_free)

/* Times and events of an endpoint, dropping rows missing the time, the event or any column
 * of also_required (NULL-terminated, may be NULL): listwise, as design.md says. Errors name
 * the row: row 7: column "time": -3 is negative; a time must be 0 or more. */
EpEndpointData *ep_cohort_resolve_endpoint (EpCohort          *self,
                                            EpCohortEndpoint  *endpoint,
                                            const char * const *also_required,
                                            GError           **error);

/* The levels of column over rows (ep-levels.h order: numeric when every value is a number),
 * with a code per row, then arranged by the column's value labels (their order first, and
 * their display labels). Missing cells must have been dropped. */
EpLevels       *ep_cohort_get_levels      (EpCohort         *self,
                                           const char       *column,
                                           const guint      *rows,
                                           guint             n,
                                           GError          **error);

/* A competing-risks status column (issue 13): a number column whose values are a few
 * integer codes (2 to 10 distinct ones) including 0 (censored). TRUE for such a column. */
gboolean        ep_cohort_column_looks_like_status (EpCohort   *self,
                                                    guint       position);
/* The first column that looks like a status: the event-role one when it does, else the
 * first such column; NULL when none does. */
const char     *ep_cohort_guess_status_column (EpCohort    *self);

/* The values of a number column over rows (n doubles, g_free), e.g. Cox covariates; an error
 * when the column is not a number column. Missing cells must have been dropped. */
double         *ep_cohort_get_numbers     (EpCohort         *self,
                                           const char       *column,
                                           const guint      *rows,
                                           guint             n,
                                           GError          **error);

/* Response by group: outcome's text in success means a responder; group may be NULL. Rows
 * missing the outcome or the group are dropped (*n_dropped). *groups_out gets the group
 * levels (NULL without a group). */
EpResponse     *ep_cohort_response        (EpCohort           *self,
                                           const char         *outcome,
                                           const char * const *success,
                                           const char         *group,
                                           double              level,
                                           EpLevels          **groups_out,
                                           guint              *n_dropped,
                                           GError            **error);

G_END_DECLS
