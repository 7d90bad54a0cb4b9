/* ep-bias.c: recognising the two classic biases of survival comparisons from column names
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See ep-bias.h.
 */
#include "config.h"

#include <string.h>

#include "core/ep-bias.h"

/* TRUE when text has one of the words (lower case) as a whole word. */
static gboolean
has_word (const char         *text,
          const char * const *words)
{
  g_autofree char *lower = NULL;
  const char *p;

  if (text == NULL)
    return FALSE;
  lower = g_ascii_strdown (text, -1);
  p = lower;
  while (*p != '\0')
    {
      const char *end;
      gsize len;

      while (*p != '\0' && !g_ascii_isalnum (*p))
        p++;
      end = p;
      while (*end != '\0' && g_ascii_isalnum (*end))
        end++;
      len = end - p;
      for (guint i = 0; len > 0 && words[i] != NULL; i++)
        if (strlen (words[i]) == len && strncmp (p, words[i], len) == 0)
          return TRUE;
      p = end;
    }

  return FALSE;
}

static gboolean
any_has_word (const char         *name,
              const char * const *values,
              const char * const *words)
{
  if (has_word (name, words))
    return TRUE;
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (has_word (values[i], words))
      return TRUE;
  return FALSE;
}

EpBiasPostBaseline
ep_bias_post_baseline (const char         *name,
                       const char * const *values)
{
  static const char *const transplant[] = { "transplant", "transplantation", "hsct", "sct",
                                            "allohsct", "allosct", "bmt", NULL };
  static const char *const mrd[] = { "mrd", NULL };
  static const char *const response[] = { "response", "responder", "responders", "responded",
                                          "cr", "cri", "crh", "remission", "orr", NULL };

  /* the name first: a response column whose values name a transplant is about response */
  if (has_word (name, transplant))
    return EP_BIAS_TRANSPLANT;
  if (has_word (name, mrd))
    return EP_BIAS_MRD;
  if (has_word (name, response))
    return EP_BIAS_RESPONSE;
  if (any_has_word (NULL, values, transplant))
    return EP_BIAS_TRANSPLANT;

  return EP_BIAS_NONE;
}

gboolean
ep_bias_is_relapse_name (const char *name)
{
  static const char *const words[] = { "relapse", "relapsed", "relapses", "progression",
                                       "progressed", "pd", "recurrence", "recurred", "cir",
                                       "ttp", NULL };
  /* relapse-free, progression-free, event-free survival: death is one of the events */
  static const char *const composite[] = { "free", NULL };

  return has_word (name, words) && !has_word (name, composite);
}

gboolean
ep_bias_records_death (const char         *name,
                       const char * const *values)
{
  static const char *const words[] = { "death", "deaths", "dead", "died", "deceased",
                                       "vital", "mortality", NULL };

  return any_has_word (name, values, words);
}
