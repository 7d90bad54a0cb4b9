/* ep-table.c: a plain table of typed columns
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "io/ep-table.h"
#include "io/ep-number.h"

G_DEFINE_QUARK (ep-table-error-quark, ep_table_error)

const char *
ep_column_type_to_string (EpColumnType type)
{
  switch (type)
    {
    case EP_COLUMN_NUMBER:   return "number";
    case EP_COLUMN_CATEGORY: return "category";
    case EP_COLUMN_YESNO:    return "yes/no";
    case EP_COLUMN_DATE:     return "date";
    default:                 return "unknown";
    }
}

static guint
element_size (EpColumnType type)
{
  switch (type)
    {
    case EP_COLUMN_NUMBER:   return sizeof (double);
    case EP_COLUMN_CATEGORY: return sizeof (gint32);
    case EP_COLUMN_YESNO:    return sizeof (gint8);
    case EP_COLUMN_DATE:     return sizeof (gint32);
    default:                 g_return_val_if_reached (sizeof (double));
    }
}

/* Fills cells [from, to) with the missing value of the type. */
static void
fill_missing (EpTableColumn *column,
              guint          from,
              guint          to)
{
  switch (column->type)
    {
    case EP_COLUMN_NUMBER:
      for (guint i = from; i < to; i++)
        g_array_index (column->values, double, i) = NAN;
      break;
    case EP_COLUMN_CATEGORY:
      for (guint i = from; i < to; i++)
        g_array_index (column->values, gint32, i) = -1;
      break;
    case EP_COLUMN_YESNO:
      if (to > from)
        memset (&g_array_index (column->values, gint8, from), -1, to - from);
      break;
    case EP_COLUMN_DATE:
      for (guint i = from; i < to; i++)
        g_array_index (column->values, gint32, i) = EP_DATE_MISSING;
      break;
    default:
      g_return_if_reached ();
    }
}

#define HUGE_PAGE ((gsize) 2 << 20)

/* A large column's values (a million doubles are 8 MB): the 2 MiB-aligned middle of the block
 * backed by transparent huge pages when first touched, one fault per 2 MiB instead of 512
 * (issue 19; as ep_file_read_bounded() does for the file it reads). Advice only, before the
 * values are written; nothing changes if it is not taken. */
static void
advise_huge_pages (GArray *values)
{
#ifdef MADV_HUGEPAGE
  gsize size = (gsize) values->len * g_array_get_element_size (values);
  guintptr start = ((guintptr) values->data + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1);
  guintptr end = ((guintptr) values->data + size) & ~(guintptr) (HUGE_PAGE - 1);

  if (size >= 2 * HUGE_PAGE && end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#else
  (void) values;
#endif
}

EpTableColumn *
ep_table_column_new (const char   *name,
                     EpColumnType  type,
                     guint         n_rows)
{
  EpTableColumn *column;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (type <= EP_COLUMN_DATE, NULL);

  column = g_new0 (EpTableColumn, 1);
  column->name = g_strdup (name);
  column->type = type;
  column->values = g_array_sized_new (FALSE, FALSE, element_size (type), n_rows);
  g_array_set_size (column->values, n_rows);
  advise_huge_pages (column->values);
  fill_missing (column, 0, n_rows);
  if (type == EP_COLUMN_CATEGORY)
    column->levels = g_ptr_array_new_with_free_func (g_free);

  return column;
}

void
ep_table_column_set_size_unwritten (EpTableColumn *column,
                                    guint          n_rows)
{
  g_return_if_fail (column != NULL);

  g_array_set_size (column->values, n_rows);
  advise_huge_pages (column->values);
}

EpTableColumn *
ep_table_column_copy (const EpTableColumn *column)
{
  EpTableColumn *copy;

  g_return_val_if_fail (column != NULL, NULL);

  copy = g_new0 (EpTableColumn, 1);
  copy->name = g_strdup (column->name);
  copy->label = g_strdup (column->label);
  copy->type = column->type;
  copy->values = g_array_sized_new (FALSE, FALSE, element_size (column->type),
                                    column->values->len);
  g_array_append_vals (copy->values, column->values->data, column->values->len);
  if (column->levels != NULL)
    {
      copy->levels = g_ptr_array_new_full (column->levels->len, g_free);
      for (guint k = 0; k < column->levels->len; k++)
        g_ptr_array_add (copy->levels, g_strdup (g_ptr_array_index (column->levels, k)));
    }
  copy->value_labels = ep_value_labels_copy (column->value_labels);

  return copy;
}

EpValueLabel *
ep_value_label_new (const char *value,
                    const char *label)
{
  EpValueLabel *entry;

  g_return_val_if_fail (value != NULL, NULL);

  entry = g_new0 (EpValueLabel, 1);
  entry->value = g_strdup (value);
  entry->label = g_strdup (label);
  return entry;
}

void
ep_value_label_free (EpValueLabel *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->value);
  g_free (entry->label);
  g_free (entry);
}

GPtrArray *
ep_value_labels_copy (const GPtrArray *entries)
{
  GPtrArray *copy;

  if (entries == NULL)
    return NULL;
  copy = g_ptr_array_new_full (entries->len, (GDestroyNotify) ep_value_label_free);
  for (guint k = 0; k < entries->len; k++)
    {
      const EpValueLabel *e = g_ptr_array_index ((GPtrArray *) entries, k);

      g_ptr_array_add (copy, ep_value_label_new (e->value, e->label));
    }
  return copy;
}

void
ep_table_column_free (EpTableColumn *column)
{
  if (column == NULL)
    return;

  g_free (column->name);
  g_free (column->label);
  g_array_unref (column->values);
  g_clear_pointer (&column->levels, g_ptr_array_unref);
  g_clear_pointer (&column->value_labels, g_ptr_array_unref);
  g_free (column);
}

gboolean
ep_table_column_is_missing (const EpTableColumn *column,
                            guint                row)
{
  g_return_val_if_fail (column != NULL, TRUE);
  g_return_val_if_fail (row < column->values->len, TRUE);

  switch (column->type)
    {
    case EP_COLUMN_NUMBER:   return isnan (g_array_index (column->values, double, row));
    case EP_COLUMN_CATEGORY: return g_array_index (column->values, gint32, row) < 0;
    case EP_COLUMN_YESNO:    return g_array_index (column->values, gint8, row) < 0;
    case EP_COLUMN_DATE:     return g_array_index (column->values, gint32, row) == EP_DATE_MISSING;
    default:                 g_return_val_if_reached (TRUE);
    }
}

guint
ep_table_column_count_missing (const EpTableColumn *column)
{
  guint n = 0;

  g_return_val_if_fail (column != NULL, 0);

  for (guint i = 0; i < column->values->len; i++)
    n += ep_table_column_is_missing (column, i);

  return n;
}

void
ep_table_column_set_missing (EpTableColumn *column,
                             guint          row)
{
  g_return_if_fail (column != NULL);
  g_return_if_fail (row < column->values->len);

  fill_missing (column, row, row + 1);
}

char *
ep_table_column_format (const EpTableColumn *column,
                        guint                row)
{
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (row < column->values->len, NULL);

  if (ep_table_column_is_missing (column, row))
    return g_strdup ("");

  switch (column->type)
    {
    case EP_COLUMN_NUMBER:
      return ep_value_format_number (g_array_index (column->values, double, row));
    case EP_COLUMN_CATEGORY:
      return g_strdup (g_ptr_array_index (column->levels,
                                          g_array_index (column->values, gint32, row)));
    case EP_COLUMN_YESNO:
      return g_strdup (g_array_index (column->values, gint8, row) ? "yes" : "no");
    case EP_COLUMN_DATE:
      return ep_value_format_date (g_array_index (column->values, gint32, row));
    default:
      g_return_val_if_reached (NULL);
    }
}

gint32
ep_table_column_intern_level (EpTableColumn *column,
                              const char    *level)
{
  g_return_val_if_fail (column != NULL, -1);
  g_return_val_if_fail (column->type == EP_COLUMN_CATEGORY, -1);
  g_return_val_if_fail (level != NULL, -1);

  for (guint k = 0; k < column->levels->len; k++)
    if (strcmp (g_ptr_array_index (column->levels, k), level) == 0)
      return (gint32) k;

  g_ptr_array_add (column->levels, g_strdup (level));
  return (gint32) column->levels->len - 1;
}

/* Parses text for a column of type into the cell bytes at out (the column's element type). */
static gboolean
parse_cell (EpTableColumn  *column,
            EpColumnType    type,
            const char     *text,
            char            decimal_mark,
            gpointer        out,
            GError        **error)
{
  if (ep_value_is_missing_text (text))
    {
      switch (type)
        {
        case EP_COLUMN_NUMBER:   *(double *) out = NAN; break;
        case EP_COLUMN_CATEGORY: *(gint32 *) out = -1; break;
        case EP_COLUMN_YESNO:    *(gint8 *) out = -1; break;
        case EP_COLUMN_DATE:     *(gint32 *) out = EP_DATE_MISSING; break;
        default:                 g_return_val_if_reached (FALSE);
        }
      return TRUE;
    }

  g_autofree char *shown = NULL;

  switch (type)
    {
    case EP_COLUMN_NUMBER:
      if (ep_value_parse_number (text, decimal_mark, out))
        return TRUE;
      shown = ep_value_excerpt (text);
      g_set_error (error, EP_TABLE_ERROR, EP_TABLE_ERROR_INVALID_VALUE,
                   _("\"%s\" is not a number"), shown);
      return FALSE;
    case EP_COLUMN_CATEGORY:
      *(gint32 *) out = ep_table_column_intern_level (column, text);
      return TRUE;
    case EP_COLUMN_YESNO:
      if (ep_value_parse_yesno (text, out))
        return TRUE;
      shown = ep_value_excerpt (text);
      g_set_error (error, EP_TABLE_ERROR, EP_TABLE_ERROR_INVALID_VALUE,
                   _("\"%s\" is not yes or no"), shown);
      return FALSE;
    case EP_COLUMN_DATE:
      if (ep_value_parse_date (text, out))
        return TRUE;
      shown = ep_value_excerpt (text);
      g_set_error (error, EP_TABLE_ERROR, EP_TABLE_ERROR_INVALID_VALUE,
                   _("\"%s\" is not a date (YYYY-MM-DD)"), shown);
      return FALSE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
ep_table_column_set_text (EpTableColumn  *column,
                          guint           row,
                          const char     *text,
                          char            decimal_mark,
                          GError        **error)
{
  guint8 cell[8];

  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (row < column->values->len, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!parse_cell (column, column->type, text, decimal_mark, cell, error))
    return FALSE;

  memcpy (column->values->data + (gsize) row * element_size (column->type), cell,
          element_size (column->type));
  return TRUE;
}

gboolean
ep_table_column_set_texts (EpTableColumn       *column,
                           const char * const  *texts,
                           guint                n,
                           char                 decimal_mark,
                           guint               *bad_row,
                           GError             **error)
{
  g_autoptr(GHashTable) index = NULL;

  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (texts != NULL || n == 0, FALSE);
  g_return_val_if_fail (n <= column->values->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (column->type != EP_COLUMN_CATEGORY)
    {
      for (guint i = 0; i < n; i++)
        if (!ep_table_column_set_text (column, i, texts[i], decimal_mark, error))
          {
            if (bad_row != NULL)
              *bad_row = i;
            return FALSE;
          }
      return TRUE;
    }

  /* level text -> code + 1; the keys belong to the levels array */
  index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < column->levels->len; k++)
    g_hash_table_insert (index, g_ptr_array_index (column->levels, k), GUINT_TO_POINTER (k + 1));

  for (guint i = 0; i < n; i++)
    {
      gint32 code = -1;

      if (!ep_value_is_missing_text (texts[i]))
        {
          guint found = GPOINTER_TO_UINT (g_hash_table_lookup (index, texts[i]));

          if (found == 0)
            {
              char *level = g_strdup (texts[i]);

              g_ptr_array_add (column->levels, level);
              found = column->levels->len;
              g_hash_table_insert (index, level, GUINT_TO_POINTER (found));
            }
          code = (gint32) found - 1;
        }
      g_array_index (column->values, gint32, i) = code;
    }

  return TRUE;
}

gboolean
ep_table_column_convert (EpTableColumn  *column,
                         EpColumnType    type,
                         GError        **error)
{
  g_autoptr(EpTableColumn) target = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) local_error = NULL;
  guint bad_row = 0;
  guint n;

  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (type <= EP_COLUMN_DATE, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (type == column->type)
    return TRUE;

  n = column->values->len;
  target = ep_table_column_new (column->name, type, n);
  texts = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    {
      /* yes/no becomes 1/0 as a number, and a 1/0 number becomes yes/no. */
      if (column->type == EP_COLUMN_YESNO && type == EP_COLUMN_NUMBER &&
          !ep_table_column_is_missing (column, i))
        g_ptr_array_add (texts, g_strdup (g_array_index (column->values, gint8, i) ? "1" : "0"));
      else
        g_ptr_array_add (texts, ep_table_column_format (column, i));
    }

  if (!ep_table_column_set_texts (target, (const char * const *) texts->pdata, n, '.', &bad_row,
                                  &local_error))
    {
      g_set_error (error, EP_TABLE_ERROR, EP_TABLE_ERROR_INVALID_VALUE,
                   /* TRANSLATORS: row 17: "abc" is not a number */
                   _("row %u: %s"), bad_row + 1, local_error->message);
      return FALSE;
    }

  /* Swap the storage in, keep name and label. */
  g_array_unref (column->values);
  g_clear_pointer (&column->levels, g_ptr_array_unref);
  column->type = type;
  column->values = g_steal_pointer (&target->values);
  column->levels = g_steal_pointer (&target->levels);
  target->values = g_array_new (FALSE, FALSE, 1);

  return TRUE;
}

EpTable *
ep_table_new (guint n_rows)
{
  EpTable *table = g_new0 (EpTable, 1);

  table->n_rows = n_rows;
  table->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_table_column_free);

  return table;
}

void
ep_table_free (EpTable *table)
{
  if (table == NULL)
    return;

  g_ptr_array_unref (table->columns);
  g_free (table);
}

guint
ep_table_get_n_columns (const EpTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->columns->len;
}

EpTableColumn *
ep_table_get_column (const EpTable *table,
                     guint          index)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (index < table->columns->len, NULL);

  return g_ptr_array_index (table->columns, index);
}

int
ep_table_find_column (const EpTable *table,
                      const char    *name)
{
  g_return_val_if_fail (table != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint j = 0; j < table->columns->len; j++)
    if (strcmp (((EpTableColumn *) g_ptr_array_index (table->columns, j))->name, name) == 0)
      return (int) j;

  return -1;
}

gboolean
ep_table_insert_column (EpTable        *table,
                        guint           position,
                        EpTableColumn  *column,
                        GError        **error)
{
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (column->values->len == table->n_rows, FALSE);
  g_return_val_if_fail (position <= table->columns->len, FALSE);

  if (column->name[0] == '\0')
    {
      g_set_error (error, EP_TABLE_ERROR, EP_TABLE_ERROR_EMPTY_NAME,
                   _("A column needs a name"));
      ep_table_column_free (column);
      return FALSE;
    }
  if (ep_table_find_column (table, column->name) >= 0)
    {
      g_set_error (error, EP_TABLE_ERROR, EP_TABLE_ERROR_DUPLICATE_NAME,
                   _("There is already a column \"%s\""), column->name);
      ep_table_column_free (column);
      return FALSE;
    }

  g_ptr_array_insert (table->columns, (int) position, column);
  return TRUE;
}

EpTableColumn *
ep_table_steal_column (EpTable *table,
                       guint    position)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (position < table->columns->len, NULL);

  return g_ptr_array_steal_index (table->columns, position);
}

void
ep_table_insert_rows (EpTable *table,
                      guint    position,
                      guint    n)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (position <= table->n_rows);

  for (guint j = 0; j < table->columns->len; j++)
    {
      EpTableColumn *column = g_ptr_array_index (table->columns, j);

      g_array_set_size (column->values, column->values->len + n);
      memmove (column->values->data + (gsize) (position + n) * element_size (column->type),
               column->values->data + (gsize) position * element_size (column->type),
               (gsize) (table->n_rows - position) * element_size (column->type));
      fill_missing (column, position, position + n);
    }
  table->n_rows += n;
}

void
ep_table_remove_rows (EpTable *table,
                      guint    position,
                      guint    n)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (position + n <= table->n_rows);

  for (guint j = 0; j < table->columns->len; j++)
    g_array_remove_range (((EpTableColumn *) g_ptr_array_index (table->columns, j))->values,
                          position, n);
  table->n_rows -= n;
}

/* Values */

gboolean
ep_value_is_missing_text (const char *text)
{
  gsize len;

  while (*text == ' ' || *text == '\t')
    text++;
  len = strlen (text);
  while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
    len--;

  return (len == 0 ||
          (len == 1 && text[0] == '.') ||
          (len == 2 && text[0] == 'N' && text[1] == 'A'));
}

gboolean
ep_value_parse_number (const char *text,
                       char        decimal_mark,
                       double     *value)
{
  g_autofree char *copy = NULL;
  const char *s = text;
  char *end = NULL;
  double x;

  while (*s == ' ' || *s == '\t')
    s++;
  /* the usual number, exactly as g_ascii_strtod() below would read it (ep-number.h) */
  if (ep_number_parse_fast (s, NULL, decimal_mark == ',' ? ',' : '.', value))
    return TRUE;
  if (*s == '\0' || strpbrk (s, "xX") != NULL)
    return FALSE;
  /* R's read.csv reads "Inf" and "NaN"; a cohort never needs them and they are typos here. */
  if (g_ascii_isalpha (*s) || ((*s == '-' || *s == '+') && g_ascii_isalpha (s[1])))
    return FALSE;

  if (decimal_mark == ',')
    {
      /* With the decimal comma a '.' is not a decimal point (nor a thousands separator). */
      if (strchr (s, '.') != NULL)
        return FALSE;
      copy = g_strdup (s);
      g_strdelimit (copy, ",", '.');
      s = copy;
    }

  x = g_ascii_strtod (s, &end);
  if (end == s)
    return FALSE;
  while (*end == ' ' || *end == '\t')
    end++;
  if (*end != '\0' || !isfinite (x))
    return FALSE;

  *value = x;
  return TRUE;
}

gboolean
ep_value_parse_yesno (const char *text,
                      gint8      *value)
{
  static const char * const yes[] = { "yes", "y", "true", "1", NULL };
  static const char * const no[] = { "no", "n", "false", "0", NULL };
  g_autofree char *t = g_strstrip (g_strdup (text));

  for (guint i = 0; yes[i] != NULL; i++)
    if (g_ascii_strcasecmp (t, yes[i]) == 0)
      {
        *value = 1;
        return TRUE;
      }
  for (guint i = 0; no[i] != NULL; i++)
    if (g_ascii_strcasecmp (t, no[i]) == 0)
      {
        *value = 0;
        return TRUE;
      }

  return FALSE;
}

char *
ep_value_excerpt (const char *text)
{
  const char *end;

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      return ep_value_excerpt (valid);
    }
  {
    GString *shown = g_string_new (NULL);

    /* a control character would break the one-line message: shown as \r, \t, \x01 */
    end = text;
    for (guint k = 0; k < EP_EXCERPT_CHARS && *end != '\0'; k++, end = g_utf8_next_char (end))
      {
        if (*end == '\r')
          g_string_append (shown, "\\r");
        else if (*end == '\n')
          g_string_append (shown, "\\n");
        else if (*end == '\t')
          g_string_append (shown, "\\t");
        else if ((guchar) *end < 0x20 || *end == 0x7f)
          g_string_append_printf (shown, "\\x%02x", (guchar) *end);
        else
          g_string_append_len (shown, end, g_utf8_next_char (end) - end);
      }
    if (*end != '\0')
      g_string_append (shown, "…");
    return g_string_free (shown, FALSE);
  }
}

/* Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
gboolean
ep_date_from_ymd (int     year,
                  int     month,
                  int     day,
                  gint32 *days)
{
  static const int month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int y, era, yoe, doy, doe, mp;

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
    return FALSE;
  if (day > month_days[month - 1] + (month == 2 && leap))
    return FALSE;

  y = year - (month <= 2);
  era = y / 400;
  yoe = y - era * 400;
  mp = (month + 9) % 12;
  doy = (153 * mp + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  *days = era * 146097 + doe - 719468;

  return TRUE;
}

static gboolean
read_int (const char **s,
          guint        min_digits,
          guint        max_digits,
          int         *value)
{
  guint n = 0;
  int v = 0;

  while (g_ascii_isdigit (**s) && n < max_digits)
    {
      v = v * 10 + (**s - '0');
      (*s)++;
      n++;
    }
  *value = v;

  return n >= min_digits && !g_ascii_isdigit (**s);
}

gboolean
ep_value_parse_date (const char *text,
                     gint32     *days)
{
  const char *s = text;
  int a, b, c;
  char sep;

  while (*s == ' ' || *s == '\t')
    s++;

  if (!read_int (&s, 1, 4, &a))
    return FALSE;
  sep = *s;
  if (sep != '-' && sep != '/' && sep != '.')
    return FALSE;
  s++;
  if (!read_int (&s, 1, 2, &b) || *s != sep)
    return FALSE;
  s++;
  if (!read_int (&s, 1, 4, &c))
    return FALSE;
  while (*s == ' ' || *s == '\t')
    s++;
  if (*s != '\0')
    return FALSE;

  /* YYYY-MM-DD and YYYY/MM/DD with a four-digit year first; DD.MM.YYYY with dots. A
   * slashed date with the year last (03/04/2021) is left alone: day-month and month-day
   * cannot be told apart. */
  if ((sep == '-' || sep == '/') && a >= 1000)
    return ep_date_from_ymd (a, b, c, days);
  if (sep == '.' && c >= 1000 && a <= 31)
    return ep_date_from_ymd (c, b, a, days);

  return FALSE;
}

gsize
ep_value_format_number_buf (double  value,
                            char   *buf)
{
  gboolean c_point;

  if (!isfinite (value))
    {
      buf[0] = '\0';
      return 0;
    }

  /* Whole numbers (ages, counts, codes) are printed directly: exact below 2^53. */
  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    {
      if (value == 0)
        {
          /* keep the sign of -0.0 so that it round-trips too */
          strcpy (buf, signbit (value) ? "-0" : "0");
          return strlen (buf);
        }
      return (gsize) g_snprintf (buf, EP_NUMBER_BUF_SIZE, "%" G_GINT64_FORMAT, (gint64) value);
    }

  /* The shortest of 15, 16, 17 significant digits that reads back exactly. snprintf is used
   * directly when the C library's decimal point is '.' (the CLI; most locales' LC_NUMERIC is
   * kept at "C"); g_ascii_formatd() otherwise, which is correct in any locale but slower. */
  c_point = strcmp (localeconv ()->decimal_point, ".") == 0;
  for (int precision = 15; precision <= 17; precision++)
    {
      static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };

      if (c_point)
        snprintf (buf, EP_NUMBER_BUF_SIZE, "%.*g", precision, value);
      else
        g_ascii_formatd (buf, EP_NUMBER_BUF_SIZE, formats[precision - 15], value);
      if (precision == 17 || g_ascii_strtod (buf, NULL) == value)
        break;
    }

  return strlen (buf);
}

char *
ep_value_format_number (double value)
{
  char buf[EP_NUMBER_BUF_SIZE];

  ep_value_format_number_buf (value, buf);
  return g_strdup (buf);
}

gsize
ep_value_format_date_buf (gint32  days,
                          char   *buf)
{
  /* H. Hinnant's civil_from_days */
  gint64 z = (gint64) days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 y = yoe + era * 400;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 d = doy - (153 * mp + 2) / 5 + 1;
  gint64 m = mp < 10 ? mp + 3 : mp - 9;

  if (days == EP_DATE_MISSING)
    {
      buf[0] = '\0';
      return 0;
    }

  return (gsize) g_snprintf (buf, EP_NUMBER_BUF_SIZE, "%04d-%02d-%02d",
                             (int) (y + (m <= 2)), (int) m, (int) d);
}

char *
ep_value_format_date (gint32 days)
{
  char buf[EP_NUMBER_BUF_SIZE];

  ep_value_format_date_buf (days, buf);
  return g_strdup (buf);
}
