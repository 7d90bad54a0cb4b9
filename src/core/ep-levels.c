/* ep-levels.c: the levels of a categorical variable and a code per value
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass hashes each value to a provisional code in order of first appearance; the distinct
 * values are then sorted and the codes remapped, so the work on n values is one hash lookup each
 * and only the k distinct values are sorted.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/ep-levels.h"

gboolean
ep_levels_parse_number (const char *text,
                        double     *value)
{
  char *end = NULL;
  double x;

  g_return_val_if_fail (text != NULL, FALSE);

  while (*text == ' ' || *text == '\t')
    text++;
  if (*text == '\0')
    return FALSE;
  /* No hexadecimal: "0x1" is a label, not a number. */
  if (strpbrk (text, "xX") != NULL)
    return FALSE;

  x = g_ascii_strtod (text, &end);
  if (end == text)
    return FALSE;
  while (*end == ' ' || *end == '\t')
    end++;
  if (*end != '\0' || !isfinite (x))
    return FALSE;

  if (value != NULL)
    *value = x;
  return TRUE;
}

typedef struct
{
  const char *text;
  double      value;
  guint       first_code;
} Level;

static int
compare_text (const void *a,
              const void *b)
{
  const Level *la = a;
  const Level *lb = b;

  return strcmp (la->text, lb->text);
}

static int
compare_numeric (const void *a,
                 const void *b)
{
  const Level *la = a;
  const Level *lb = b;

  if (la->value < lb->value)
    return -1;
  if (la->value > lb->value)
    return 1;
  return strcmp (la->text, lb->text);
}

EpLevels *
ep_levels_new (const char * const *values,
               gsize               n)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) distinct = g_array_new (FALSE, FALSE, sizeof (Level));
  g_autofree guint *remap = NULL;
  EpLevels *levels;
  gboolean numeric = TRUE;
  const char *last = NULL;
  guint last_code = 0;

  g_return_val_if_fail (values != NULL || n == 0, NULL);

  levels = g_new0 (EpLevels, 1);
  levels->n = n;
  levels->codes = g_new (guint, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    {
      const char *v = values[i];
      gpointer code;

      if (G_UNLIKELY (v == NULL))
        {
          ep_levels_free (levels);
          g_return_val_if_reached (NULL);
        }

      /* Grouped data repeats the previous value often; skip the hash then. */
      if (last != NULL && (v == last || strcmp (v, last) == 0))
        {
          levels->codes[i] = last_code;
          continue;
        }

      if (!g_hash_table_lookup_extended (index, v, NULL, &code))
        {
          Level level = { v, 0.0, distinct->len };

          if (numeric && !ep_levels_parse_number (v, &level.value))
            numeric = FALSE;
          code = GUINT_TO_POINTER (distinct->len);
          g_array_append_val (distinct, level);
          g_hash_table_insert (index, (gpointer) v, code);
        }

      last = v;
      last_code = GPOINTER_TO_UINT (code);
      levels->codes[i] = last_code;
    }

  if (distinct->len > 1)
    qsort (distinct->data, distinct->len, sizeof (Level),
           numeric ? compare_numeric : compare_text);

  levels->numeric = numeric && distinct->len > 0;
  levels->n_levels = distinct->len;
  levels->levels = g_new (char *, distinct->len + 1);
  remap = g_new (guint, MAX (distinct->len, 1));
  for (guint k = 0; k < distinct->len; k++)
    {
      const Level *level = &g_array_index (distinct, Level, k);

      levels->levels[k] = g_strdup (level->text);
      remap[level->first_code] = k;
    }
  levels->levels[distinct->len] = NULL;

  for (gsize i = 0; i < n; i++)
    levels->codes[i] = remap[levels->codes[i]];

  return levels;
}

void
ep_levels_free (EpLevels *levels)
{
  if (levels == NULL)
    return;

  g_strfreev (levels->levels);
  g_strfreev (levels->labels);
  g_free (levels->codes);
  g_free (levels);
}

int
ep_levels_find (const EpLevels *levels,
                const char     *level)
{
  g_return_val_if_fail (levels != NULL, -1);
  g_return_val_if_fail (level != NULL, -1);

  for (guint k = 0; k < levels->n_levels; k++)
    if (strcmp (levels->levels[k], level) == 0)
      return (int) k;

  return -1;
}

EpLevels *
ep_levels_copy (const EpLevels *levels)
{
  EpLevels *copy;

  g_return_val_if_fail (levels != NULL, NULL);

  copy = g_new0 (EpLevels, 1);
  copy->n_levels = levels->n_levels;
  copy->levels = g_strdupv (levels->levels);
  copy->labels = g_strdupv (levels->labels);
  copy->n = levels->n;
  copy->codes = g_new (guint, MAX (levels->n, 1));
  if (levels->n > 0 && levels->codes != NULL)
    memcpy (copy->codes, levels->codes, levels->n * sizeof (guint));
  copy->numeric = levels->numeric;
  return copy;
}

void
ep_levels_arrange (EpLevels           *levels,
                   const char * const *order,
                   const char * const *labels,
                   guint               n_order)
{
  g_autofree guint *new_of_old = NULL;     /* old index -> new index, G_MAXUINT: not placed yet */
  g_autofree guint *old_of_new = NULL;
  g_autofree const char **label_of_old = NULL;
  char **new_levels, **new_labels;
  guint placed = 0;

  g_return_if_fail (levels != NULL);
  g_return_if_fail (order != NULL || n_order == 0);

  new_of_old = g_new (guint, MAX (levels->n_levels, 1));
  old_of_new = g_new (guint, MAX (levels->n_levels, 1));
  label_of_old = g_new0 (const char *, MAX (levels->n_levels, 1));
  for (guint k = 0; k < levels->n_levels; k++)
    {
      new_of_old[k] = G_MAXUINT;
      label_of_old[k] = levels->labels != NULL ? levels->labels[k] : NULL;
    }

  for (guint m = 0; m < n_order; m++)
    {
      int k = order[m] != NULL ? ep_levels_find (levels, order[m]) : -1;

      if (k < 0 || new_of_old[k] != G_MAXUINT)
        continue;
      new_of_old[k] = placed;
      old_of_new[placed++] = (guint) k;
      if (labels != NULL && labels[m] != NULL)
        label_of_old[k] = labels[m];
    }
  for (guint k = 0; k < levels->n_levels; k++)
    if (new_of_old[k] == G_MAXUINT)
      {
        new_of_old[k] = placed;
        old_of_new[placed++] = k;
      }

  new_levels = g_new (char *, levels->n_levels + 1);
  new_labels = g_new (char *, levels->n_levels + 1);
  for (guint k = 0; k < levels->n_levels; k++)
    {
      guint old = old_of_new[k];

      new_levels[k] = levels->levels[old];
      new_labels[k] = g_strdup (label_of_old[old] != NULL ? label_of_old[old] : levels->levels[old]);
    }
  new_levels[levels->n_levels] = NULL;
  new_labels[levels->n_levels] = NULL;

  g_free (levels->levels);      /* the strings moved to new_levels */
  levels->levels = new_levels;
  g_strfreev (levels->labels);
  levels->labels = new_labels;
  for (gsize i = 0; i < levels->n && levels->codes != NULL; i++)
    levels->codes[i] = new_of_old[levels->codes[i]];
}

const char *
ep_levels_get_label (const EpLevels *levels,
                     guint           k)
{
  g_return_val_if_fail (levels != NULL, NULL);
  g_return_val_if_fail (k < levels->n_levels, NULL);

  if (levels->labels != NULL && levels->labels[k] != NULL)
    return levels->labels[k];
  return levels->levels[k];
}

const char * const *
ep_levels_get_labels (const EpLevels *levels)
{
  g_return_val_if_fail (levels != NULL, NULL);

  return (const char * const *) (levels->labels != NULL ? levels->labels : levels->levels);
}
