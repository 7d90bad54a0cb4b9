/* ep-design.h: the design matrix of a regression from numeric and categorical columns
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "core/ep-cox.h"
#include "core/ep-levels.h"

G_BEGIN_DECLS

#define EP_DESIGN_ERROR (ep_design_error_quark ())

typedef enum
{
  EP_DESIGN_ERROR_INPUT,        /* no columns, or a column without its values */
  EP_DESIGN_ERROR_NOT_FINITE,   /* a numeric value that is NaN or infinite */
  EP_DESIGN_ERROR_ONE_LEVEL,    /* a factor with fewer than two levels */
} EpDesignError;

typedef enum
{
  EP_DESIGN_NUMERIC,            /* one term, the value itself */
  EP_DESIGN_FACTOR,             /* treatment coding: one 0/1 term per level but the first */
} EpDesignKind;

typedef struct
{
  const char         *name;     /* the column's name, used in term names */
  EpDesignKind        kind;
  const double       *numbers;  /* NUMERIC: n finite values */
  const char * const *strings;  /* FACTOR: n values as text (none NULL) */
  const EpLevels     *levels;   /* FACTOR, optional: the levels and n codes to use instead of
                                 * strings, in the user's order (ep_levels_arrange()): the
                                 * first level is the reference */
} EpDesignColumn;

typedef struct
{
  gsize       n;                /* rows */
  guint       p;                /* terms (columns of x) */
  double     *x;                /* n x p, row-major: x[i * p + j]; NULL from
                                 * ep_design_new_terms() */
  char      **term_names;       /* p names, NULL-terminated: "age", "sex=2" */
  guint      *term_column;      /* p: the input column each term comes from */
  char      **term_levels;      /* p: the level a factor term codes, NULL for a numeric term */
  guint       n_columns;
  EpLevels  **levels;           /* n_columns: a factor's levels (reference first), else NULL */
  char      **term_labels;      /* NULL, or p display labels set by the caller ("Sex: Female vs
                                 * Male"), what tables and the forest show; freed with the design */
} EpDesign;

GQuark       ep_design_error_quark (void);

/* ep_design_new: the design matrix for a regression without intercept (as coxph's).
 *
 * Input:   columns    n_columns columns in model order, each with n values
 *          n          rows (missing values already dropped by the caller)
 * Output:  an EpDesign (free with ep_design_free), or NULL with error set.
 * Method:  a numeric column is one term named after it. A factor column is coded with
 *          treatment contrasts against its first level in ep_levels order (numeric order
 *          when every value is a number, else byte order; R's default contr.treatment on
 *          factor (x) with sorted levels): one 0/1 indicator per other level, named
 *          "column=level", in level order. A factor column given with levels uses their
 *          order instead (the first is the reference) and their codes.
 * Errors:  a non-finite number names the column and the 1-based row; a factor with fewer than
 *          two distinct values names the column and its only level. */
EpDesign    *ep_design_new          (const EpDesignColumn *columns,
                                     guint                 n_columns,
                                     gsize                 n,
                                     GError              **error);
/* ep_design_new_terms: ep_design_new() without the matrix (x is NULL): the terms' names,
 * columns and levels only, for a caller that hands the columns themselves to the fit
 * (ep_design_cox_columns(), ep_cox_fit_columns()). The same checks and errors. */
EpDesign    *ep_design_new_terms    (const EpDesignColumn *columns,
                                     guint                 n_columns,
                                     gsize                 n,
                                     GError              **error);
/* ep_design_cox_columns: design->p terms as ep_cox_fit_columns() reads them, the same values
 * as design->x would hold: a numeric term points at columns[c].numbers (columns: those given
 * to ep_design_new*(), which must outlive out), a factor term at the design's level codes. */
void         ep_design_cox_columns  (const EpDesign       *design,
                                     const EpDesignColumn *columns,
                                     EpCoxColumn          *out);
void         ep_design_free         (EpDesign             *design);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpDesign, ep_design_free)

G_END_DECLS
