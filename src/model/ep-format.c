/* ep-format.c: numbers in result tables in the app's language (see ep-format.h)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "model/ep-format.h"

char *
ep_format_percent (double percent,
                   int    decimals)
{
  g_autofree char *number = NULL;

  if (isnan (percent))
    return g_strdup ("NA");

  number = g_strdup_printf ("%.*f", CLAMP (decimals, 0, 6), percent);
  /* TRANSLATORS: a percentage, e.g. "81%" */
  return g_strdup_printf (_("%s%%"), number);
}
