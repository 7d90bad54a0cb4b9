/* ep-levels.h: the levels of a categorical variable and a code per value
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Groups (Kaplan-Meier, log-rank, cumulative incidence) and factors (Cox, treatment coding with
 * the first level as reference) are reported in the order of their levels:
 * - numeric order when every value is a number in the C locale ("2" < "10"), values equal as
 *   numbers but written differently ("1", "1.0") being ordered by their text;
 * - byte order (strcmp) otherwise, which for UTF-8 is code point order and does not depend on
 *   the user's locale.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint     n_levels;
  char    **levels;     /* n_levels distinct values in order, NULL-terminated */
  gsize     n;          /* the number of values coded */
  guint    *codes;      /* n codes: values[i] == levels[codes[i]] */
  gboolean  numeric;    /* TRUE when the values are all numbers (the natural order is numeric) */
  char    **labels;     /* NULL, or n_levels display labels (NULL-terminated): what tables,
                         * legends and risk tables show for each level (ep_levels_arrange()) */
} EpLevels;

/* values: n NUL-terminated strings (none NULL; missing values already removed).
 * Returns the levels and codes; free with ep_levels_free(). n == 0 gives no levels. */
EpLevels    *ep_levels_new        (const char * const *values,
                                   gsize               n);
void         ep_levels_free       (EpLevels           *levels);

/* A copy (codes, levels and labels). */
EpLevels    *ep_levels_copy       (const EpLevels     *levels);

/* ep_levels_arrange: the user's level order and display labels (value labels).
 *
 * Input:   order    n_order level values, the first ones of the new order (a value that is
 *                   not a level is skipped; the levels not listed follow in their order)
 *          labels   n_order display labels for those values, or NULL; an entry may be NULL
 *                   (the level is shown as its value)
 * Output:  the levels reordered and the codes remapped; levels->labels set to one label per
 *          level. The first level after arranging is the reference of a factor (treatment
 *          coding) and the first group of a figure. */
void         ep_levels_arrange    (EpLevels           *levels,
                                   const char * const *order,
                                   const char * const *labels,
                                   guint               n_order);

/* The display label of level k: its label, or its value when it has none. */
const char  *ep_levels_get_label  (const EpLevels     *levels,
                                   guint               k);
/* The n_levels display labels (NULL-terminated): labels when set, else the values. */
const char * const *ep_levels_get_labels (const EpLevels *levels);

/* The index of a level, or -1. */
int          ep_levels_find       (const EpLevels     *levels,
                                   const char         *level);

/* TRUE when text is a finite number in the C locale, with optional surrounding blanks. */
gboolean     ep_levels_parse_number (const char       *text,
                                     double           *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpLevels, ep_levels_free)

G_END_DECLS
