/* ep-design.c: the design matrix of a regression from numeric and categorical columns
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "core/ep-design.h"

G_DEFINE_QUARK (ep-design-error-quark, ep_design_error)

void
ep_design_free (EpDesign *design)
{
  if (design == NULL)
    return;

  g_free (design->x);
  g_strfreev (design->term_names);
  g_strfreev (design->term_labels);
  g_free (design->term_column);
  if (design->term_levels != NULL)
    for (guint j = 0; j < design->p; j++)
      g_free (design->term_levels[j]);
  g_free (design->term_levels);
  if (design->levels != NULL)
    for (guint c = 0; c < design->n_columns; c++)
      ep_levels_free (design->levels[c]);
  g_free (design->levels);
  g_free (design);
}

static EpDesign *
design_new (const EpDesignColumn *columns,
            guint                 n_columns,
            gsize                 n,
            gboolean              matrix,
            GError              **error)
{
  g_autoptr(EpDesign) design = NULL;
  guint p = 0, first;

  g_return_val_if_fail (columns != NULL || n_columns == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_columns == 0)
    {
      g_set_error_literal (error, EP_DESIGN_ERROR, EP_DESIGN_ERROR_INPUT,
                           _("The model has no covariates"));
      return NULL;
    }

  design = g_new0 (EpDesign, 1);
  design->n = n;
  design->n_columns = n_columns;
  design->levels = g_new0 (EpLevels *, n_columns);

  /* First pass: check the values and count the terms. */
  for (guint c = 0; c < n_columns; c++)
    {
      const EpDesignColumn *column = &columns[c];

      if (column->kind == EP_DESIGN_NUMERIC)
        {
          if (column->numbers == NULL && n > 0)
            {
              g_set_error (error, EP_DESIGN_ERROR, EP_DESIGN_ERROR_INPUT,
                           _("Column “%s” has no values"), column->name);
              return NULL;
            }
          for (gsize i = 0; i < n; i++)
            if (!isfinite (column->numbers[i]))
              {
                g_set_error (error, EP_DESIGN_ERROR, EP_DESIGN_ERROR_NOT_FINITE,
                             _("Column “%s”, row %lu: the value is not a finite number"),
                             column->name, (unsigned long) (i + 1));
                return NULL;
              }
          p++;
          continue;
        }

      if (column->levels != NULL && column->levels->n != n)
        {
          g_set_error (error, EP_DESIGN_ERROR, EP_DESIGN_ERROR_INPUT,
                       _("Column “%s” has no values"), column->name);
          return NULL;
        }
      if (column->levels == NULL && column->strings == NULL && n > 0)
        {
          g_set_error (error, EP_DESIGN_ERROR, EP_DESIGN_ERROR_INPUT,
                       _("Column “%s” has no values"), column->name);
          return NULL;
        }
      design->levels[c] = column->levels != NULL ? ep_levels_copy (column->levels)
                                                 : ep_levels_new (column->strings, n);
      if (design->levels[c]->n_levels < 2)
        {
          if (design->levels[c]->n_levels == 1)
            g_set_error (error, EP_DESIGN_ERROR, EP_DESIGN_ERROR_ONE_LEVEL,
                         _("Factor “%s” has a single level (“%s”): there is nothing to compare it with"),
                         column->name, design->levels[c]->levels[0]);
          else
            g_set_error (error, EP_DESIGN_ERROR, EP_DESIGN_ERROR_ONE_LEVEL,
                         _("Factor “%s” has no values"), column->name);
          return NULL;
        }
      p += design->levels[c]->n_levels - 1;
    }

  design->p = p;
  design->x = matrix ? g_new0 (double, n * p) : NULL;
  design->term_names = g_new0 (char *, p + 1);
  design->term_column = g_new (guint, p);
  design->term_levels = g_new0 (char *, p);

  /* Second pass: fill the matrix, one row-major block of terms per column. */
  first = 0;
  for (guint c = 0; c < n_columns; c++)
    {
      const EpDesignColumn *column = &columns[c];
      const EpLevels *levels = design->levels[c];

      if (column->kind == EP_DESIGN_NUMERIC)
        {
          design->term_names[first] = g_strdup (column->name);
          design->term_column[first] = c;
          for (gsize i = 0; i < n && matrix; i++)
            design->x[i * p + first] = column->numbers[i];
          first++;
          continue;
        }

      /* treatment coding: level 0 is the reference, level k > 0 is term first + k - 1 */
      for (guint k = 1; k < levels->n_levels; k++)
        {
          design->term_names[first + k - 1] = g_strdup_printf ("%s=%s", column->name,
                                                               levels->levels[k]);
          design->term_column[first + k - 1] = c;
          design->term_levels[first + k - 1] = g_strdup (levels->levels[k]);
        }
      for (gsize i = 0; i < n && matrix; i++)
        if (levels->codes[i] > 0)
          design->x[i * p + first + levels->codes[i] - 1] = 1.0;
      first += levels->n_levels - 1;
    }

  return g_steal_pointer (&design);
}

EpDesign *
ep_design_new (const EpDesignColumn *columns,
               guint                 n_columns,
               gsize                 n,
               GError              **error)
{
  return design_new (columns, n_columns, n, TRUE, error);
}

EpDesign *
ep_design_new_terms (const EpDesignColumn *columns,
                     guint                 n_columns,
                     gsize                 n,
                     GError              **error)
{
  return design_new (columns, n_columns, n, FALSE, error);
}

void
ep_design_cox_columns (const EpDesign       *design,
                       const EpDesignColumn *columns,
                       EpCoxColumn          *out)
{
  g_return_if_fail (design != NULL && columns != NULL && out != NULL);

  for (guint t = 0, first = 0; t < design->p; t++)
    {
      guint c = design->term_column[t];

      if (t == 0 || c != design->term_column[t - 1])
        first = t;
      memset (&out[t], 0, sizeof out[t]);
      if (design->levels[c] == NULL)
        out[t].numbers = columns[c].numbers;
      else
        {
          /* term first + k - 1 codes level k (level 0 is the reference) */
          out[t].codes = design->levels[c]->codes;
          out[t].code = t - first + 1;
        }
    }
}
