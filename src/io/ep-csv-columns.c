/* ep-csv-columns.c: the columns an analysis uses, read from a CSV file straight into arrays
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the file, read 1 MiB at a time: a record is split into cells by the CSV
 * reader's own tokenizer (ep-csv-tokenizer.h; a record that runs past a chunk's end is split
 * again from its start with more bytes), each cell is checked for UTF-8 (only where the scan
 * saw a byte above 0x7F or a NUL) and, when its column is asked for, parsed where it lies:
 * the plainest numbers ([-]digits[.digits]) while the cell is being found, in the same scan,
 * others with ep_number_parse_fast() (both exact; anything else with the CSV reader's own
 * ep_csv_get_number() rules on a bounded copy), a factor level looked up in a small
 * dictionary. Only the asked-for columns get arrays, sized once from the file's
 * length (a row takes at least one byte per field) in anonymous memory that asks for
 * transparent huge pages, so that a million rows touch a few hundred pages, not 20,000.
 *
 * The pass reads the files analyses are made of. It gives up, without a word, on anything
 * else (a quote inside a quoted cell, text after a closing quote, a lone CR, a NUL byte,
 * invalid UTF-8, a ragged row, a header it cannot use, a cell that is not a number) and the
 * whole file is read again by ep_csv_read_file(), whose values and messages are the
 * definition this pass must match (tests/test-csv-columns.c checks that it does).
 *
 * On two threads (a file of 4 MiB or more, a spare processor; docs/csv.md): the first part reads
 * the header, picks a line end near the middle of the rest and starts the second part after
 * it; the first part stops there only if one of its records starts exactly at that byte (else
 * the line end was inside a quoted cell, and it reads on alone). The second part's rows are
 * appended and its levels merged in order, so the result is the one-thread result to the bit.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "io/ep-csv-columns.h"
#include "io/ep-csv-tokenizer.h"
#include "io/ep-file-check.h"
#include "io/ep-number.h"

#define CHUNK (1u << 20)
#define HUGE_PAGE (2u << 20)
#define THREAD_MIN_BYTES (4u << 20)

/* ---- arrays in huge pages ------------------------------------------------------------- */

typedef struct
{
  void  *map;
  gsize  length;
} Mapping;

static GHashTable *mappings_by_pointer;   /* array -> Mapping; guarded by mappings_lock */
G_LOCK_DEFINE_STATIC (mappings_lock);

/* size bytes, not touched: from malloc when small, else an anonymous mapping aligned to 2 MiB
 * with MADV_HUGEPAGE. Free with array_free(). */
static gpointer
array_alloc (gsize size)
{
  Mapping *m;
  char *p;

  if (size < HUGE_PAGE)
    return g_malloc (MAX (size, 1));

  m = g_new (Mapping, 1);
  m->length = size + HUGE_PAGE;
  m->map = mmap (NULL, m->length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m->map == MAP_FAILED)
    {
      g_free (m);
      return g_malloc (size);
    }
  p = (char *) (((guintptr) m->map + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1));
#ifdef MADV_HUGEPAGE
  madvise (p, size & ~(gsize) (HUGE_PAGE - 1), MADV_HUGEPAGE);
#endif
  G_LOCK (mappings_lock);
  if (mappings_by_pointer == NULL)
    mappings_by_pointer = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_hash_table_insert (mappings_by_pointer, p, m);
  G_UNLOCK (mappings_lock);

  return p;
}

static void
array_free (gpointer p)
{
  Mapping *m = NULL;

  if (p == NULL)
    return;
  G_LOCK (mappings_lock);
  if (mappings_by_pointer != NULL)
    {
      m = g_hash_table_lookup (mappings_by_pointer, p);
      if (m != NULL)
        g_hash_table_remove (mappings_by_pointer, p);
    }
  G_UNLOCK (mappings_lock);
  if (m == NULL)
    {
      g_free (p);
      return;
    }
  munmap (m->map, m->length);
  g_free (m);
}

void
ep_csv_columns_free (EpCsvColumns *columns)
{
  if (columns == NULL)
    return;

  for (guint k = 0; k < columns->n_columns; k++)
    {
      EpCsvColumn *c = &columns->columns[k];

      g_free (c->name);
      array_free (c->numbers);
      array_free (c->codes);
      if (c->levels != NULL)
        g_ptr_array_unref (c->levels);
    }
  g_free (columns->columns);
  array_free (columns->lines);
  g_free (columns->display_name);
  g_free (columns);
}

static EpCsvColumns *
columns_new (const char             *display_name,
             const char * const     *names,
             const EpCsvColumnKind  *kinds,
             guint                   n)
{
  EpCsvColumns *out = g_new0 (EpCsvColumns, 1);

  out->display_name = g_strdup (display_name);
  out->threads = 1;
  out->n_columns = n;
  out->columns = g_new0 (EpCsvColumn, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    {
      out->columns[k].name = g_strdup (names[k]);
      out->columns[k].kind = kinds[k];
      if (kinds[k] == EP_CSV_COLUMN_FACTOR)
        out->columns[k].levels = g_ptr_array_new_with_free_func (g_free);
    }

  return out;
}

/* Room for capacity rows in every column. */
static void
columns_alloc (EpCsvColumns *out,
               gsize         capacity)
{
  capacity = MAX (capacity, 1);
  out->lines = array_alloc (capacity * sizeof (guint32));
  for (guint k = 0; k < out->n_columns; k++)
    {
      EpCsvColumn *c = &out->columns[k];

      if (c->kind == EP_CSV_COLUMN_NUMBER)
        c->numbers = array_alloc (capacity * sizeof (double));
      else
        c->codes = array_alloc (capacity * sizeof (gint32));
    }
}

/* ---- the definition: ep_csv_read_file() ----------------------------------------------- */

static EpCsvColumns *
read_through_csv (const char             *path,
                  char                    sep,
                  const char * const     *names,
                  const EpCsvColumnKind  *kinds,
                  guint                   n,
                  GError                **error)
{
  g_autoptr(EpCsv) csv = ep_csv_read_file (path, sep, error);
  g_autoptr(EpCsvColumns) out = NULL;
  g_autofree guint *index = g_new (guint, MAX (n, 1));
  guint n_rows;

  if (csv == NULL)
    return NULL;
  for (guint k = 0; k < n; k++)
    if (!ep_csv_lookup_column (csv, names[k], &index[k], error))
      return NULL;

  n_rows = ep_csv_get_n_rows (csv);
  out = columns_new (ep_csv_get_display_name (csv), names, kinds, n);
  out->fell_back = TRUE;
  out->n_rows = n_rows;
  columns_alloc (out, n_rows);
  for (guint i = 0; i < n_rows; i++)
    out->lines[i] = ep_csv_get_line (csv, i);

  for (guint k = 0; k < n; k++)
    {
      EpCsvColumn *c = &out->columns[k];
      g_autoptr(GHashTable) dictionary = NULL;

      if (c->kind == EP_CSV_COLUMN_FACTOR)
        dictionary = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < n_rows; i++)
        {
          gboolean missing = ep_csv_is_missing (csv, i, index[k]);

          if (c->kind == EP_CSV_COLUMN_NUMBER)
            {
              if (missing)
                c->numbers[i] = NAN;
              else if (!ep_csv_get_number (csv, i, index[k], &c->numbers[i], error))
                return NULL;
            }
          else if (missing)
            c->codes[i] = -1;
          else
            {
              const char *text = ep_csv_get_cell (csv, i, index[k]);
              gpointer code;

              if (!g_hash_table_lookup_extended (dictionary, text, NULL, &code))
                {
                  code = GUINT_TO_POINTER (c->levels->len);
                  g_ptr_array_add (c->levels, g_strdup (text));
                  g_hash_table_insert (dictionary, (gpointer) text, code);
                }
              c->codes[i] = (gint32) GPOINTER_TO_UINT (code);
            }
        }
    }

  return g_steal_pointer (&out);
}

/* ---- the single pass ------------------------------------------------------------------ */

typedef struct
{
  int      fd;
  char    *buf;
  gsize    alloc;
  gsize    len;         /* bytes in buf */
  gsize    base;        /* the file offset of buf[0] */
  gboolean eof;
} Input;

/* Keeps buf[from, len), moved to the front, and reads more after it (pread, so that two parts
 * can read one descriptor); FALSE on a read error. The buffer doubles when from is 0 and it is
 * full (a record longer than the buffer). */
static gboolean
input_refill (Input *in,
              gsize  from)
{
  gssize n;

  if (from > 0)
    {
      memmove (in->buf, in->buf + from, in->len - from);
      in->len -= from;
      in->base += from;
    }
  if (in->len + 1 >= in->alloc)
    {
      in->alloc *= 2;
      in->buf = g_realloc (in->buf, in->alloc);
    }
  do
    n = pread (in->fd, in->buf + in->len, in->alloc - 1 - in->len, (off_t) (in->base + in->len));
  while (n < 0 && errno == EINTR);
  if (n < 0)
    return FALSE;
  if (n == 0)
    in->eof = TRUE;
  in->len += (gsize) n;
  in->buf[in->len] = '\0';

  return TRUE;
}

/* A level of a factor column: a few levels are searched in order, more through a hash. */
typedef struct
{
  GHashTable *index;    /* level text -> code + 1, once there are more than 8 levels */
} Dictionary;

static gint32
dictionary_code (Dictionary  *d,
                 GPtrArray   *levels,
                 const char  *text,
                 gsize        length)
{
  char *level;

  if (d->index == NULL)
    {
      for (guint i = 0; i < levels->len; i++)
        {
          const char *l = levels->pdata[i];

          if (strncmp (l, text, length) == 0 && l[length] == '\0')
            return (gint32) i;
        }
      if (levels->len >= 8)
        {
          d->index = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint i = 0; i < levels->len; i++)
            g_hash_table_insert (d->index, levels->pdata[i], GUINT_TO_POINTER (i + 1));
        }
    }
  else
    {
      char stack[64];
      g_autofree char *heap = NULL;
      const char *key;
      guint found;

      if (length < sizeof stack)
        {
          memcpy (stack, text, length);
          stack[length] = '\0';
          key = stack;
        }
      else
        key = heap = g_strndup (text, length);
      found = GPOINTER_TO_UINT (g_hash_table_lookup (d->index, key));
      if (found > 0)
        return (gint32) found - 1;
    }

  level = g_strndup (text, length);
  g_ptr_array_add (levels, level);
  if (d->index != NULL)
    g_hash_table_insert (d->index, level, GUINT_TO_POINTER (levels->len));

  return (gint32) levels->len - 1;
}

/* ep_csv_is_missing() of a cell's bytes */
static inline gboolean
cell_is_missing (const char *s,
                 gsize       length)
{
  return length == 0 || (length == 1 && s[0] == '.') ||
         (length == 2 && s[0] == 'N' && s[1] == 'A');
}

/* cell_number()'s rare case: the rules of ep_csv_get_number() on a NUL-terminated copy. Out of
 * line, so that the common case has no buffer to free. */
static G_GNUC_NO_INLINE gboolean
cell_number_slow (const char *p,
                  gsize       length,
                  double     *value)
{
  char stack[128];
  g_autofree char *heap = NULL;
  char *copy, *stop = NULL;
  double x;

  copy = length < sizeof stack ? stack : (heap = g_malloc (length + 1));
  memcpy (copy, p, length);
  copy[length] = '\0';
  if (*copy == '\0' || strpbrk (copy, "xX") != NULL)
    return FALSE;
  x = g_ascii_strtod (copy, &stop);
  if (stop == copy)
    return FALSE;
  while (*stop == ' ' || *stop == '\t')
    stop++;
  if (*stop != '\0' || !isfinite (x))
    return FALSE;
  *value = x;
  return TRUE;
}

/* ep_csv_get_number() of a cell's bytes, without its message: FALSE when not a number. */
static gboolean
cell_number (const char *s,
             gsize       length,
             double     *value)
{
  const char *p = s, *end = s + length;

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (ep_number_parse_fast (p, end, '.', value))
    return TRUE;

  return cell_number_slow (p, (gsize) (end - p), value);
}

/* The plainest number, [-]digits[.digits], read while the cell is being found: it must be
 * followed by a byte that is not a digit (the buffer ends with a NUL), and the caller checks
 * that this byte ends the cell. Exact under the conditions of ep_number_parse_fast() (at most
 * 19 digits, leading zeros counted, so some numbers it could take go the longer way; an
 * integer below 2^53; at most 22 decimals) with the same one IEEE division, so the same
 * double as strtod's; FALSE for anything else, which the caller reads the usual way. */
static inline gboolean
plain_number (const char  *s,
              const char **stop,
              double      *value)
{
  static const double powers[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  };
  const char *p = s, *digits;
  guint64 w = 0;
  gsize n, scale = 0;
  gboolean negative = FALSE;
  double x;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  digits = p;
  while ((guint) (*p - '0') < 10u)
    w = w * 10 + (guint64) (*p++ - '0');          /* wraps past 19 digits: refused below */
  n = (gsize) (p - digits);
  if (*p == '.')
    {
      const char *fraction = ++p;

      while ((guint) (*p - '0') < 10u)
        w = w * 10 + (guint64) (*p++ - '0');
      scale = (gsize) (p - fraction);
      n += scale;
    }
  if (n == 0 || n > 19 || scale > 22 || w > (G_GUINT64_CONSTANT (1) << 53))
    return FALSE;

  x = (double) w;
  if (scale > 0)
    x /= powers[scale];
  *value = negative ? -x : x;
  *stop = p;

  return TRUE;
}

typedef enum
{
  PASS_OK,
  PASS_GIVE_UP,
} PassResult;

typedef struct
{
  gsize start;
  gsize length;
} Span;

/* One part of the pass: the whole file (from its header), or, on two threads, the rows before
 * a line end near the middle (with the header) and the rows after it. */
typedef struct _Part Part;
struct _Part
{
  /* the file and the columns asked for */
  int                 fd;
  gsize               size;          /* the file's length */
  char                sep;
  const char * const *names;
  guint               n;
  const EpCsvTokenizer *tokenizer;  /* the CSV reader's (ep-csv-tokenizer.h) */

  gboolean            header;        /* starts at the file's start, with the header */
  gsize               start;         /* else: the file offset of its first record (line 1) */
  gsize               stop;          /* a record that starts here ends the part; G_MAXSIZE */
  gint               *quit;          /* the second part stops when this is set */
  Part               *second;        /* on the first part: the one to start after the header */
  GThread            *thread;        /* on the second part, while it runs */

  /* the header's: by file column, the column asked for or -1 */
  int                *slot;
  guint               n_fields_header;

  EpCsvColumns       *out;
  Dictionary         *dictionaries;  /* n */
  gsize               capacity;      /* rows that out has room for */

  /* the second part: its rows go into the first part's arrays from row0, the records the
   * single pass would find between the header's end and start (counted before it begins) */
  guint               first_line;    /* the line of the part's first byte */
  gsize               header_end;
  guint               header_line;
  EpCsvColumns       *first_out;
  gsize               first_capacity;
  gsize               row0;
  gboolean            counted;

  PassResult          result;
  gboolean            landed;        /* a record started at stop: the part ended there */
  guint               stop_line;     /* its line */
};

static gboolean start_second (Part *first, gsize header_end, guint header_line);

static gsize chunk_set;                  /* ep_csv_columns_set_chunk_size(): 0 unset */

void
ep_csv_columns_set_chunk_size (gsize bytes)
{
  chunk_set = bytes > 0 ? MAX (bytes, 8) : 0;
}

/* The first buffer: CHUNK bytes, or the tests' size (which puts chunk ends anywhere) */
static gsize
chunk_size (void)
{
  return chunk_set > 0 ? chunk_set : CHUNK;
}

static PassResult
pass_part (Part *part)
{
  Input in = { part->fd, NULL, chunk_size (), 0, part->header ? 0 : part->start, FALSE };
  const EpCsvTokenizer tokenizer = *part->tokenizer;
  const guint8 *special = tokenizer.special;
  const char * const *names = part->names;
  const guint n = part->n;
  EpCsvColumns *out = part->out;
  int *slot = part->slot;
  g_autoptr(GArray) header = g_array_new (FALSE, FALSE, sizeof (Span));
  guint n_fields_header = part->n_fields_header;
  guint line = part->first_line;
  gsize pos = 0;
  gboolean in_header = part->header;
  PassResult result = PASS_GIVE_UP;

  in.buf = g_malloc (in.alloc);
  if (!input_refill (&in, 0))
    goto out;
  if (part->header && in.len >= 3 && memcmp (in.buf, "\xEF\xBB\xBF", 3) == 0)
    pos = 3;

  for (;;)
    {
      gsize record = pos;
      guint record_line = line, at_line = line;
      guint field = 0;
      gsize r = pos;
      gboolean complete = FALSE;

      /* lines with nothing on them */
      if (!ep_csv_skip_blank_lines (in.buf, in.len, in.eof, &r, &at_line) || r >= in.len)
        {
          if (in.eof && r >= in.len)
            break;                                  /* the end of the file */
          if ((part->quit != NULL && g_atomic_int_get (part->quit)) || !input_refill (&in, record))
            goto out;
          pos = 0;
          continue;
        }
      record_line = at_line;

      if (part->stop != G_MAXSIZE && !in_header)
        {
          if (in.base + r == part->stop)
            {
              /* the second part's first record: this part ends here */
              part->landed = TRUE;
              part->stop_line = record_line;
              break;
            }
          if (in.base + r > part->stop)
            {
              /* the line end chosen was inside a quoted cell: this part reads on alone,
               * once the second part has stopped writing (it has not: its count found the
               * same quoted cell) */
              part->stop = G_MAXSIZE;
              g_atomic_int_set (part->second->quit, 1);
              g_thread_join (part->second->thread);
              part->second->thread = NULL;
            }
        }

      if (in_header)
        g_array_set_size (header, 0);
      if (!in_header && out->n_rows >= part->capacity)
        goto out;                                   /* cannot happen: one byte a field */

      /* the cells of one record, by the CSV reader's tokenizer (ep-csv-tokenizer.h) */
      for (;;)
        {
          gboolean wanted = !in_header && field < n_fields_header && slot[field] >= 0;
          gboolean parsed = FALSE;      /* a number read as the cell was found */
          EpCsvCell cell;
          EpCsvCellEnd end;
          double x = 0.0;

          if (wanted && out->columns[slot[field]].kind == EP_CSV_COLUMN_NUMBER &&
              in.buf[r] != '"')
            {
              const char *stop;

              /* the common number, read where the cell starts: ASCII, nothing to validate;
               * the scan goes on from its end and must find the cell's end right there */
              if (plain_number (in.buf + r, &stop, &x) && special[(guchar) *stop] == EP_CSV_BYTE_STOP &&
                  *stop != '"')
                {
                  /* what ends it, by the tokenizer's rule after a cell's text: a lone CR
                   * or a NUL there, text to the CSV reader, is "bad quote" to that rule,
                   * and the pass gives up on either */
                  cell.start = r;
                  cell.end = (gsize) (stop - in.buf);
                  cell.newlines = 0;
                  cell.flags = 0;
                  end = ep_csv_cell_end (&tokenizer, in.buf, in.len, in.eof, cell.end, &r);
                  parsed = TRUE;
                }
              else
                end = ep_csv_scan_unquoted (&tokenizer, in.buf, in.len, in.eof, r, r, &r, &cell);
            }
          else
            end = ep_csv_scan_cell (&tokenizer, in.buf, in.len, in.eof, r, &r, &cell);

          if (G_UNLIKELY (end > EP_CSV_END_DATA || cell.flags != 0))
            {
              if (end == EP_CSV_END_MORE)
                break;                              /* more to read */
              if (end != EP_CSV_END_SEPARATOR && end != EP_CSV_END_LINE && end != EP_CSV_END_DATA)
                goto out;                           /* unterminated, bad quote: the reader's message */
              if (cell.flags & EP_CSV_CELL_ODD)
                goto out;                           /* a quote, a lone CR or a NUL: rare */
              if ((cell.flags & EP_CSV_CELL_ESCAPED) && (in_header || wanted))
                goto out;                           /* an asked-for cell to unquote: rare */
              if (!ep_csv_cell_is_utf8 (in.buf, &cell))
                goto out;                           /* the reader's message */
              at_line += cell.newlines;
            }

          /* the cell [cell.start, cell.end) of field `field` */
          if (in_header)
            {
              Span span = { cell.start, cell.end - cell.start };

              g_array_append_val (header, span);
            }
          else if (wanted)
            {
              int k = slot[field];
              EpCsvColumn *c = &out->columns[k];
              const char *s = in.buf + cell.start;
              gsize length = cell.end - cell.start;

              if (c->kind == EP_CSV_COLUMN_NUMBER)
                {
                  if (parsed)
                    c->numbers[out->n_rows] = x;
                  else if (cell_is_missing (s, length))
                    c->numbers[out->n_rows] = NAN;
                  else if (!cell_number (s, length, &c->numbers[out->n_rows]))
                    goto out;                       /* not a number: the reader's message */
                }
              else
                c->codes[out->n_rows] = cell_is_missing (s, length)
                                          ? -1 : dictionary_code (&part->dictionaries[k], c->levels, s, length);
            }
          field++;

          /* what ended the cell */
          if (end == EP_CSV_END_SEPARATOR)
            continue;
          if (end == EP_CSV_END_LINE)
            at_line++;
          complete = TRUE;
          break;
        }

      if (!complete)
        {
          /* the record runs past the buffer: again from its start with more bytes */
          if ((part->quit != NULL && g_atomic_int_get (part->quit)) || !input_refill (&in, record))
            goto out;
          pos = 0;
          continue;
        }

      if (in_header)
        {
          g_autoptr(GHashTable) seen_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

          n_fields_header = field;
          part->n_fields_header = n_fields_header;
          slot = part->slot = g_new (int, n_fields_header);
          for (guint j = 0; j < n_fields_header; j++)
            {
              Span *h = &g_array_index (header, Span, j);
              char *name = g_strndup (in.buf + h->start, h->length);

              slot[j] = -1;
              if (*name != '\0' && g_hash_table_contains (seen_names, name))
                {
                  g_free (name);
                  goto out;                         /* a duplicate name: the reader's message */
                }
              for (guint k = 0; k < n; k++)
                if (strcmp (name, names[k]) == 0 && *name != '\0')
                  slot[j] = (int) k;
              g_hash_table_add (seen_names, name);
            }
          /* every column asked for must be there, once (a name may be asked for twice) */
          for (guint k = 0; k < n; k++)
            {
              gboolean found = FALSE;

              for (guint j = 0; j < n_fields_header; j++)
                found = found || (slot[j] >= 0 && strcmp (names[slot[j]], names[k]) == 0);
              if (!found)
                goto out;
            }
          for (guint k = 0; k < n; k++)
            for (guint m = 0; m < k; m++)
              if (strcmp (names[k], names[m]) == 0)
                goto out;                           /* the same column twice: not worth a path */
          part->capacity = part->size / MAX (n_fields_header, 1) + 2;
          columns_alloc (out, part->capacity);
          if (part->second != NULL && start_second (part, in.base + r, at_line))
            part->stop = part->second->start;
          in_header = FALSE;
        }
      else
        {
          if (field != n_fields_header)
            goto out;                               /* ragged: the reader's message */
          out->lines[out->n_rows++] = record_line;
        }
      line = at_line;
      pos = r;
    }

  if (!in_header)
    result = PASS_OK;

out:
  g_free (in.buf);
  if (result != PASS_OK && part->second != NULL && part->second->thread != NULL)
    g_atomic_int_set (part->second->quit, 1);
  part->result = result;

  return result;
}

/* The records and line ends of [from, to) as the single pass finds them, from a record's start:
 * a line end outside quotes ends a record if its line has a byte that is not CR (else it is a
 * blank line); each quote opens or closes a quoted cell ("" closes and opens). FALSE if to is
 * not a record's start (inside quotes, or within a line) or on a read error. What the pass
 * gives up on (a quote inside an unquoted cell, a lone CR, ...) may be counted otherwise; the
 * first part then gives up too, or does not stop at to. Sixteen bytes at a time with SSE2. */
static gboolean
count_records (int      fd,
               gsize    from,
               gsize    to,
               gsize   *records,
               guint64 *line_ends)
{
  g_autofree char *buf = g_malloc (CHUNK);
  gboolean quoted = FALSE, text = FALSE;
  gsize n_records = 0;
  guint64 n_line_ends = 0;

  for (gsize at = from; at < to;)
    {
      gsize i = 0, len;
      gssize got;

      do
        got = pread (fd, buf, MIN (CHUNK, to - at), (off_t) at);
      while (got < 0 && errno == EINTR);
      if (got <= 0)
        return FALSE;
      len = (gsize) got;
#ifdef __SSE2__
      {
        const __m128i nl = _mm_set1_epi8 ('\n'), quote = _mm_set1_epi8 ('"'), cr = _mm_set1_epi8 ('\r');

        for (; i + 16 <= len; i += 16)
          {
            __m128i v = _mm_loadu_si128 ((const __m128i *) (buf + i));
            guint m_nl = (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, nl));
            guint m_quote = (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, quote));
            guint m_cr = (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, cr));
            guint hits = m_nl | m_quote;
            guint text_bits = ~(hits | m_cr) & 0xFFFFu;
            guint next = 0;                 /* the first bit after the last hit */

            while (hits != 0)
              {
                guint b = (guint) __builtin_ctz (hits);

                if (text_bits & ((1u << b) - 1) & ~((1u << next) - 1))
                  text = TRUE;
                if (m_nl & (1u << b))
                  {
                    n_line_ends++;
                    if (!quoted)
                      {
                        n_records += text;
                        text = FALSE;
                      }
                  }
                else
                  {
                    quoted = !quoted;
                    text = TRUE;
                  }
                next = b + 1;
                hits &= hits - 1;
              }
            if (text_bits & ~((1u << next) - 1))
              text = TRUE;
          }
      }
#endif
      for (; i < len; i++)
        {
          const char c = buf[i];

          if (c == '\n')
            {
              n_line_ends++;
              if (!quoted)
                {
                  n_records += text;
                  text = FALSE;
                }
            }
          else if (c == '"')
            {
              quoted = !quoted;
              text = TRUE;
            }
          else if (c != '\r')
            text = TRUE;
        }
      at += len;
    }
  *records = n_records;
  *line_ends = n_line_ends;

  return !quoted && !text;
}

/* The second part: counts the first part's records, then reads its own into the first part's
 * arrays after them (nothing to copy when the two join), with its own levels. */
static gpointer
part_thread (gpointer data)
{
  Part *part = data;
  EpCsvColumns *out = part->out, *first = part->first_out;
  guint64 line_ends;

  part->result = PASS_GIVE_UP;
  if (!count_records (part->fd, part->header_end, part->start, &part->row0, &line_ends) ||
      part->row0 >= part->first_capacity || line_ends >= G_MAXUINT32)
    return NULL;
  part->counted = TRUE;
  part->first_line = part->header_line + (guint) line_ends;
  part->capacity = part->first_capacity - part->row0;
  out->lines = first->lines + part->row0;
  for (guint k = 0; k < out->n_columns; k++)
    if (out->columns[k].kind == EP_CSV_COLUMN_NUMBER)
      out->columns[k].numbers = first->columns[k].numbers + part->row0;
    else
      out->columns[k].codes = first->columns[k].codes + part->row0;
  pass_part (part);

  return NULL;
}

/* A line end near the middle of [from, size) that is followed by a record's first byte (not
 * by an empty line): the second part starts after it. Whether it is a record's end or a line
 * end inside a quoted cell only the first part can tell, when it gets there. */
static gboolean
find_split (int    fd,
            gsize  from,
            gsize  size,
            gsize *split)
{
  const gsize window = 1u << 16;
  g_autofree char *buf = g_malloc (window);
  gsize mid = from + (size - from) / 2;
  gssize got;

  do
    got = pread (fd, buf, window, (off_t) mid);
  while (got < 0 && errno == EINTR);
  for (gsize i = 0; got > 0 && i + 1 < (gsize) got; i++)
    if (buf[i] == '\n' && buf[i + 1] != '\n' && buf[i + 1] != '\r')
      {
        *split = mid + i + 1;
        return TRUE;
      }

  return FALSE;
}

/* Called by the first part once it has read the header, which ends at header_end: starts the
 * second part on its thread, with the header's columns and its own arrays. */
static gboolean
start_second (Part  *first,
              gsize  header_end,
              guint  header_line)
{
  Part *second = first->second;
  gsize split;

  if (!find_split (first->fd, header_end, first->size, &split))
    return FALSE;
  second->start = split;
  second->n_fields_header = first->n_fields_header;
  second->slot = g_memdup2 (first->slot, first->n_fields_header * sizeof (int));
  second->header_end = header_end;
  second->header_line = header_line;
  second->first_out = first->out;
  second->first_capacity = first->capacity;
  second->thread = g_thread_try_new ("ep-csv-columns", part_thread, second, NULL);

  return second->thread != NULL;
}

/* The second part's rows, already after the first part's: its levels added to the first part's
 * in their order (so that a level has the code of its first appearance in the file, as on one
 * thread) and its codes mapped to those. FALSE if the count and the first part disagree
 * (cannot happen: the count follows the pass's rules for what the pass takes). */
static gboolean
merge_parts (Part *first,
             Part *second)
{
  EpCsvColumns *a = first->out, *b = second->out;

  if (!second->counted || second->row0 != a->n_rows || second->first_line != first->stop_line)
    return FALSE;
  for (guint k = 0; k < a->n_columns; k++)
    {
      EpCsvColumn *ca = &a->columns[k], *cb = &b->columns[k];

      if (ca->kind == EP_CSV_COLUMN_FACTOR && cb->levels->len > 0)
        {
          g_autofree gint32 *map = g_new (gint32, cb->levels->len);
          gboolean same = TRUE;

          for (guint j = 0; j < cb->levels->len; j++)
            {
              const char *level = cb->levels->pdata[j];

              map[j] = dictionary_code (&first->dictionaries[k], ca->levels, level, strlen (level));
              same = same && map[j] == (gint32) j;
            }
          for (guint i = 0; i < b->n_rows && !same; i++)
            if (cb->codes[i] >= 0)
              cb->codes[i] = map[cb->codes[i]];
        }
    }
  a->n_rows += b->n_rows;

  return TRUE;
}

/* Two threads when the file is large enough to pay (4 MiB, or EP_THREAD_MIN_BYTES), there are
 * two processors or more and one of them is spare (the load average over the last minute at
 * most processors - 1); EP_THREADS=1 forces one thread, EP_THREADS=2 two (at any number of
 * processors and any load). ep_csv_columns_set_threads() overrides both (tests, which compare the paths
 * without setenv() in a process that has had threads). */
static gint threads_set;                 /* ep_csv_columns_set_threads(): 0 unset */
static gsize min_bytes_set;

void
ep_csv_columns_set_threads (guint threads,
                            gsize min_bytes)
{
  min_bytes_set = min_bytes;
  g_atomic_int_set (&threads_set, (gint) threads);
}

static gboolean
use_threads (gsize size)
{
  const char *threads = g_getenv ("EP_THREADS");
  const char *min = g_getenv ("EP_THREAD_MIN_BYTES");
  guint64 min_bytes = THREAD_MIN_BYTES;
  guint set = (guint) g_atomic_int_get (&threads_set);
  guint processors;
  double load[1];

  if (set > 0)
    return set >= 2 && size >= min_bytes_set;
  if (min != NULL && *min != '\0')
    min_bytes = g_ascii_strtoull (min, NULL, 10);
  if (size < min_bytes)
    return FALSE;
  if (threads != NULL && *threads != '\0')
    return g_ascii_strtoull (threads, NULL, 10) >= 2;

  /* a spare processor: on a loaded machine the second thread waits for one and only adds CPU
   * time (bench/README.md, "Two cores") */
  processors = g_get_num_processors ();
  return processors >= 2 && getloadavg (load, 1) == 1 && load[0] <= (double) processors - 1.0;
}

static PassResult
single_pass (const char             *path,
             char                    sep,
             const char * const     *names,
             const EpCsvColumnKind  *kinds,
             guint                   n,
             EpCsvColumns           *out)
{
  EpCsvTokenizer tokenizer;
  gint quit = 0;
  Part first = { 0 }, second = { 0 };
  PassResult result;
  struct stat st;
  int fd;

  ep_csv_tokenizer_init (&tokenizer, sep);

  /* a FIFO or a device would block or never end: the reader's message for those */
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return PASS_GIVE_UP;
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    return PASS_GIVE_UP;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size >= G_MAXUINT32 ||
      (guint64) st.st_size > EP_FILE_MAX_TABLE_BYTES)
    {
      close (fd);
      return PASS_GIVE_UP;
    }

  first.fd = fd;
  first.size = (gsize) st.st_size;
  first.sep = sep;
  first.names = names;
  first.n = n;
  first.tokenizer = &tokenizer;
  first.stop = G_MAXSIZE;
  first.first_line = 1;
  second = first;
  first.header = TRUE;
  first.out = out;
  first.dictionaries = g_new0 (Dictionary, MAX (n, 1));
  if (use_threads (first.size))
    {
      second.quit = &quit;
      second.out = columns_new (out->display_name, names, kinds, n);
      second.dictionaries = g_new0 (Dictionary, MAX (n, 1));
      first.second = &second;
    }

  result = pass_part (&first);
  if (second.thread != NULL)
    {
      if (!first.landed)
        g_atomic_int_set (&quit, 1);
      g_thread_join (second.thread);
      if (result == PASS_OK && first.landed)
        {
          if (second.result == PASS_OK && merge_parts (&first, &second))
            out->threads = 2;
          else
            result = PASS_GIVE_UP;
        }
    }

  close (fd);
  for (guint k = 0; k < n; k++)
    {
      g_clear_pointer (&first.dictionaries[k].index, g_hash_table_unref);
      if (second.dictionaries != NULL)
        g_clear_pointer (&second.dictionaries[k].index, g_hash_table_unref);
    }
  g_free (first.dictionaries);
  g_free (second.dictionaries);
  g_free (first.slot);
  g_free (second.slot);
  if (second.out != NULL)
    {
      /* the arrays were the first part's */
      second.out->lines = NULL;
      for (guint k = 0; k < n; k++)
        second.out->columns[k].numbers = NULL, second.out->columns[k].codes = NULL;
      ep_csv_columns_free (second.out);
    }

  return result;
}

EpCsvColumns *
ep_csv_read_columns (const char             *path,
                     char                    sep,
                     const char * const     *names,
                     const EpCsvColumnKind  *kinds,
                     guint                   n,
                     GError                **error)
{
  g_autofree char *display_name = NULL;
  EpCsvColumns *out;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (sep == ',' || sep == ';' || sep == '\t', NULL);
  g_return_val_if_fail (names != NULL || n == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_path_get_basename (path);
  out = columns_new (display_name, names, kinds, n);
  if (single_pass (path, sep, names, kinds, n, out) == PASS_OK)
    return out;
  ep_csv_columns_free (out);

  return read_through_csv (path, sep, names, kinds, n, error);
}

EpCsvColumns *
ep_csv_read_columns_try (const char             *path,
                         char                    sep,
                         const char * const     *names,
                         const EpCsvColumnKind  *kinds,
                         guint                   n)
{
  g_autofree char *display_name = NULL;
  EpCsvColumns *out;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (sep == ',' || sep == ';' || sep == '\t', NULL);
  g_return_val_if_fail (names != NULL || n == 0, NULL);

  display_name = g_path_get_basename (path);
  out = columns_new (display_name, names, kinds, n);
  if (single_pass (path, sep, names, kinds, n, out) == PASS_OK)
    return out;
  ep_csv_columns_free (out);

  return NULL;
}
