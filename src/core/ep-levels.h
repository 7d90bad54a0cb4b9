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
  gboolean  numeric;    /* TRUE when the order is numeric */
} EpLevels;

/* values: n NUL-terminated strings (none NULL; missing values already removed).
 * Returns the levels and codes; free with ep_levels_free(). n == 0 gives no levels. */
EpLevels    *ep_levels_new        (const char * const *values,
                                   gsize               n);
void         ep_levels_free       (EpLevels           *levels);

/* The index of a level, or -1. */
int          ep_levels_find       (const EpLevels     *levels,
                                   const char         *level);

/* TRUE when text is a finite number in the C locale, with optional surrounding blanks. */
gboolean     ep_levels_parse_number (const char       *text,
                                     double           *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EpLevels, ep_levels_free)

G_END_DECLS
