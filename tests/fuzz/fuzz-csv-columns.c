/* fuzz-csv-columns.c: the column reader against the CSV reader, on any bytes (issue 19)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte picks the kinds of the two columns asked for ("a" and "b": number or factor);
 * the rest is the file. ep_csv_read_columns() must give what ep_csv_read_file() with
 * ep_csv_is_missing(), ep_csv_get_number() and the cell texts gives (as tests/test-csv-columns.c
 * defines it): the same rows, lines, doubles to the bit, level texts and codes, or the same
 * message. Any difference aborts. Bits 2-7 of the first byte, when not all zero, also read the
 * file in chunks of 8 to 134 bytes (ep_csv_columns_set_chunk_size()), so that chunk ends fall
 * inside records, quoted cells, CRLFs and UTF-8 sequences: that read must give the same, and
 * take the single pass exactly when the 1 MiB read does.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "io/ep-csv.h"
#include "io/ep-csv-columns.h"
#include "fuzz-common.h"

static guint64
bits (double x)
{
  guint64 b;

  memcpy (&b, &x, sizeof b);
  return b;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const names[] = { "a", "b" };
  EpCsvColumnKind kinds[2];
  g_autofree char *path = NULL;
  g_autoptr(GError) want_error = NULL;
  g_autoptr(GError) got_error = NULL;
  g_autoptr(EpCsv) csv = NULL;
  g_autoptr(EpCsvColumns) got = NULL;
  guint index[2];
  guint n_rows;
  double *want_numbers[2] = { NULL, NULL };
  gint32 *want_codes[2] = { NULL, NULL };
  GPtrArray *want_levels[2] = { NULL, NULL };

  fuzz_init ();
  if (size < 1)
    return 0;
  kinds[0] = (data[0] & 1) ? EP_CSV_COLUMN_FACTOR : EP_CSV_COLUMN_NUMBER;
  kinds[1] = (data[0] & 2) ? EP_CSV_COLUMN_FACTOR : EP_CSV_COLUMN_NUMBER;
  path = fuzz_write ("columns.csv", data + 1, size - 1);

  got = ep_csv_read_columns (path, ',', names, kinds, 2, &got_error);
  if (data[0] >> 2)
    {
      g_autoptr(GError) small_error = NULL;
      g_autoptr(EpCsvColumns) small = NULL;

      ep_csv_columns_set_chunk_size (8 + 2 * (gsize) ((data[0] >> 2) - 1));
      small = ep_csv_read_columns (path, ',', names, kinds, 2, &small_error);
      ep_csv_columns_set_chunk_size (0);
      if ((small == NULL) != (got == NULL) ||
          (small == NULL && strcmp (small_error->message, got_error->message) != 0))
        abort ();
      if (small != NULL)
        {
          if (small->fell_back != got->fell_back || small->n_rows != got->n_rows)
            abort ();
          for (guint i = 0; i < got->n_rows; i++)
            {
              if (small->lines[i] != got->lines[i])
                abort ();
              for (guint k = 0; k < 2; k++)
                if (kinds[k] == EP_CSV_COLUMN_NUMBER
                      ? bits (small->columns[k].numbers[i]) != bits (got->columns[k].numbers[i])
                      : small->columns[k].codes[i] != got->columns[k].codes[i])
                  abort ();
            }
          for (guint k = 0; k < 2; k++)
            if (kinds[k] == EP_CSV_COLUMN_FACTOR)
              {
                if (small->columns[k].levels->len != got->columns[k].levels->len)
                  abort ();
                for (guint l = 0; l < got->columns[k].levels->len; l++)
                  if (strcmp (small->columns[k].levels->pdata[l], got->columns[k].levels->pdata[l]) != 0)
                    abort ();
              }
        }
    }
  csv = ep_csv_read_file (path, ',', &want_error);
  for (guint k = 0; csv != NULL && k < 2; k++)
    if (!ep_csv_lookup_column (csv, names[k], &index[k], &want_error))
      g_clear_pointer (&csv, ep_csv_free);
  if (csv == NULL)
    {
      if (got != NULL || got_error == NULL || strcmp (got_error->message, want_error->message) != 0)
        abort ();
      return 0;
    }

  /* what the columns must be, in the order the fallback reads them (column by column) */
  n_rows = ep_csv_get_n_rows (csv);
  for (guint k = 0; k < 2; k++)
    {
      want_numbers[k] = g_new (double, n_rows + 1);
      want_codes[k] = g_new (gint32, n_rows + 1);
      want_levels[k] = g_ptr_array_new ();
      for (guint i = 0; i < n_rows; i++)
        {
          const char *text = ep_csv_get_cell (csv, i, index[k]);
          gboolean missing = ep_csv_is_missing (csv, i, index[k]);

          want_numbers[k][i] = NAN;
          want_codes[k][i] = -1;
          if (missing)
            continue;
          if (kinds[k] == EP_CSV_COLUMN_NUMBER)
            {
              if (!ep_csv_get_number (csv, i, index[k], &want_numbers[k][i], &want_error))
                {
                  if (got != NULL || got_error == NULL ||
                      strcmp (got_error->message, want_error->message) != 0)
                    abort ();
                  goto out;
                }
            }
          else
            {
              guint l;

              for (l = 0; l < want_levels[k]->len; l++)
                if (strcmp (want_levels[k]->pdata[l], text) == 0)
                  break;
              if (l == want_levels[k]->len)
                g_ptr_array_add (want_levels[k], (gpointer) text);
              want_codes[k][i] = (gint32) l;
            }
        }
    }

  if (got == NULL || got->n_rows != n_rows)
    abort ();
  for (guint i = 0; i < n_rows; i++)
    if (got->lines[i] != ep_csv_get_line (csv, i))
      abort ();
  for (guint k = 0; k < 2; k++)
    {
      const EpCsvColumn *c = &got->columns[k];

      if (kinds[k] == EP_CSV_COLUMN_NUMBER)
        {
          for (guint i = 0; i < n_rows; i++)
            if (bits (c->numbers[i]) != bits (want_numbers[k][i]))
              abort ();
        }
      else
        {
          for (guint i = 0; i < n_rows; i++)
            if (c->codes[i] != want_codes[k][i])
              abort ();
          if (c->levels->len != want_levels[k]->len)
            abort ();
          for (guint l = 0; l < want_levels[k]->len; l++)
            if (strcmp (c->levels->pdata[l], want_levels[k]->pdata[l]) != 0)
              abort ();
        }
    }

out:
  for (guint k = 0; k < 2; k++)
    {
      g_free (want_numbers[k]);
      g_free (want_codes[k]);
      if (want_levels[k] != NULL)
        g_ptr_array_unref (want_levels[k]);
    }
  return 0;
}
