/* ep-csv-tokenizer.h: the one CSV tokenizer, shared by the CSV reader and the column reader
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to src/io. ep-csv.c (the whole file in one buffer, split in place: the app's import,
 * and everything that needs every cell) and ep-csv-columns.c (1 MiB chunks of a file, only the
 * columns an analysis uses) find their records and cells with these functions, so the two
 * readers cannot disagree on where a cell starts or ends. The grammar is ep-csv.c's (docs/csv.md):
 * - a line with nothing on it (not even a separator) is skipped between records;
 * - a quote is special only at the start of a cell; inside an unquoted cell it is text;
 * - in a quoted cell "" is one quote and separators, CR and LF are text; after the closing
 *   quote only a separator or a line end may follow;
 * - a line ends in LF or CRLF, or in a CR that is the last byte of the data; a lone CR is text.
 *
 * The functions read buf[0, len), which must be followed by a NUL at buf[len] (the unquoted
 * scan stops there without a bounds check). eof says that nothing follows buf[len]: the column
 * reader's chunks are not the end of the file, and where the last bytes of a chunk cannot be
 * told (a CR or a quote that the next byte decides, a cell that runs on) the functions say
 * EP_CSV_END_MORE and the caller reads on and tokenizes the record again from its start.
 * Nothing here writes to buf; each cell is described by its bytes and what is in them, so that
 * UTF-8 is checked as the cells are found, only in cells that have a byte above 0x7F or a NUL.
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* A byte's class in EpCsvTokenizer.special: what ends an unquoted cell's run of text (a
 * separator, CR, LF, a quote, a NUL) and what makes a cell need the UTF-8 check (a byte above
 * 0x7F; the scan stops at the first one of a cell, then skips such bytes). */
#define EP_CSV_BYTE_STOP  1u
#define EP_CSV_BYTE_HIGH  2u

/* EpCsvCell.flags */
#define EP_CSV_CELL_QUOTED      1u  /* quoted: start and end are inside the quotes */
#define EP_CSV_CELL_CHECK_UTF8  2u  /* a byte above 0x7F or a NUL: check before using */
#define EP_CSV_CELL_ESCAPED     4u  /* quoted, with "" in it: the text needs unquoting */
#define EP_CSV_CELL_ODD         8u  /* unquoted, with a quote, a lone CR or a NUL in it (text) */

typedef struct
{
  guint8 special[256];
  char   sep;
} EpCsvTokenizer;

typedef struct
{
  gsize start;      /* the cell's text, [start, end); quoted: between the quotes, "" doubled */
  gsize end;
  guint newlines;   /* line feeds inside the quotes (they are text) */
  guint flags;
} EpCsvCell;

typedef enum
{
  EP_CSV_END_SEPARATOR,     /* a separator followed the cell: another cell follows */
  EP_CSV_END_LINE,          /* a line end followed: the record is complete */
  EP_CSV_END_DATA,          /* the data ended (eof): the record is complete */
  EP_CSV_END_MORE,          /* the buffer ends before the cell can be told (not eof) */
  EP_CSV_END_UNTERMINATED,  /* a quoted cell runs to the end of the data */
  EP_CSV_END_BAD_QUOTE,     /* text after a closing quote (cell.newlines is set) */
} EpCsvCellEnd;

static inline void
ep_csv_tokenizer_init (EpCsvTokenizer *t,
                       char            sep)
{
  memset (t->special, 0, sizeof t->special);
  t->special[(guchar) sep] = EP_CSV_BYTE_STOP;
  t->special['\n'] = t->special['\r'] = t->special['"'] = t->special[0] = EP_CSV_BYTE_STOP;
  for (guint c = 0x80; c < 0x100; c++)
    t->special[c] = EP_CSV_BYTE_HIGH;
  t->sep = sep;
}

/* At a record's start: skips the lines with nothing on them, counting them in *line. FALSE
 * when the buffer ends in a CR that the next byte decides (not eof): read on. At the end of
 * the buffer *pos is len. */
static inline gboolean
ep_csv_skip_blank_lines (const char *buf,
                         gsize       len,
                         gboolean    eof,
                         gsize      *pos,
                         guint      *line)
{
  gsize r = *pos;
  guint at = *line;
  gboolean known = TRUE;

  while (r < len)
    {
      if (buf[r] == '\n')
        {
          r++;
          at++;
          continue;
        }
      if (buf[r] != '\r')
        break;
      if (r + 1 < len)
        {
          if (buf[r + 1] != '\n')
            break;                  /* a lone CR: the text of a cell */
          r += 2;
          at++;
          continue;
        }
      if (!eof)
        {
          known = FALSE;
          break;
        }
      r++;                          /* a CR that is the data's last byte */
      at++;
    }
  *pos = r;
  *line = at;

  return known;
}

/* What follows a cell's text (the byte after an unquoted cell, after a quoted cell's closing
 * quote) at r: *pos is set past a separator or a line end. A CR that neither precedes an LF
 * nor ends the data is text after a closing quote (an unquoted scan never stops at one). */
static inline EpCsvCellEnd
ep_csv_cell_end (const EpCsvTokenizer *t,
                 const char           *buf,
                 gsize                 len,
                 gboolean              eof,
                 gsize                 r,
                 gsize                *pos)
{
  if (r >= len)
    {
      *pos = len;
      return eof ? EP_CSV_END_DATA : EP_CSV_END_MORE;
    }
  if (buf[r] == t->sep)
    {
      *pos = r + 1;
      return EP_CSV_END_SEPARATOR;
    }
  if (buf[r] == '\n')
    {
      *pos = r + 1;
      return EP_CSV_END_LINE;
    }
  if (buf[r] == '\r')
    {
      if (r + 1 < len)
        {
          if (buf[r + 1] != '\n')
            return EP_CSV_END_BAD_QUOTE;
          *pos = r + 2;
          return EP_CSV_END_LINE;
        }
      if (!eof)
        return EP_CSV_END_MORE;
      *pos = r + 1;
      return EP_CSV_END_LINE;
    }

  return EP_CSV_END_BAD_QUOTE;
}

/* An unquoted cell that starts at start, scanned on from `from` (start, or past a number the
 * caller has read in the same place): up to a separator, a line end or the end of the data.
 * A quote, a lone CR or a NUL is text and marks the cell EP_CSV_CELL_ODD. */
static inline EpCsvCellEnd
ep_csv_scan_unquoted (const EpCsvTokenizer *t,
                      const char           *buf,
                      gsize                 len,
                      gboolean              eof,
                      gsize                 start,
                      gsize                 from,
                      gsize                *pos,
                      EpCsvCell            *cell)
{
  const guint8 *special = t->special;
  gsize r = from;
  guint seen = 0;

  for (;;)
    {
      char c;

      /* the hot loop: ASCII text; a byte above 0x7F stops it once, below */
      if (G_LIKELY (!(seen & EP_CSV_CELL_CHECK_UTF8)))
        while (!special[(guchar) buf[r]])
          r++;
      else
        while (!(special[(guchar) buf[r]] & EP_CSV_BYTE_STOP))
          r++;
      c = buf[r];
      cell->start = start;
      cell->end = r;
      cell->newlines = 0;
      cell->flags = seen;
      /* the usual ends first (buf[len] is a NUL, never the separator nor a line feed) */
      if (c == t->sep)
        {
          *pos = r + 1;
          return EP_CSV_END_SEPARATOR;
        }
      if (c == '\n')
        {
          *pos = r + 1;
          return EP_CSV_END_LINE;
        }
      if (r >= len)
        {
          *pos = len;
          return eof ? EP_CSV_END_DATA : EP_CSV_END_MORE;
        }
      if (c == '\r')
        {
          if (r + 1 < len)
            {
              if (buf[r + 1] == '\n')
                {
                  *pos = r + 2;
                  return EP_CSV_END_LINE;
                }
            }
          else if (eof)
            {
              *pos = r + 1;                         /* a CR that ends the data */
              return EP_CSV_END_LINE;
            }
          else
            return EP_CSV_END_MORE;
        }
      else if ((guchar) c >= 0x80)
        {
          seen |= EP_CSV_CELL_CHECK_UTF8;           /* text, to check: scanned on above */
          r++;
          continue;
        }
      else if (c == '\0')
        seen |= EP_CSV_CELL_CHECK_UTF8;             /* a NUL is not text in UTF-8 */
      seen |= EP_CSV_CELL_ODD;                      /* a quote, a lone CR or a NUL: text */
      r++;
    }
}

/* A quoted cell whose opening quote is at buf[at]. */
static inline EpCsvCellEnd
ep_csv_scan_quoted (const EpCsvTokenizer *t,
                    const char           *buf,
                    gsize                 len,
                    gboolean              eof,
                    gsize                 at,
                    gsize                *pos,
                    EpCsvCell            *cell)
{
  gsize r = at + 1;
  guint flags = EP_CSV_CELL_QUOTED;
  guint newlines = 0;
  guchar high = 0;
  gboolean nul = FALSE;

  cell->start = r;
  for (;;)
    {
      const char *quote = memchr (buf + r, '"', len - r);
      gsize stop = quote != NULL ? (gsize) (quote - buf) : len;

      for (; r < stop; r++)
        {
          const guchar c = (guchar) buf[r];

          newlines += c == '\n';
          high |= c;
          nul |= c == '\0';
        }
      if (r >= len || (r + 1 >= len && !eof))
        {
          cell->end = r;
          cell->newlines = newlines;
          cell->flags = flags;
          return r >= len && eof ? EP_CSV_END_UNTERMINATED : EP_CSV_END_MORE;
        }
      if (r + 1 < len && buf[r + 1] == '"')
        {
          flags |= EP_CSV_CELL_ESCAPED;             /* "" is one quote */
          r += 2;
          continue;
        }
      break;                                        /* the closing quote */
    }
  if ((high & 0x80) || nul)
    flags |= EP_CSV_CELL_CHECK_UTF8;
  cell->end = r;
  cell->newlines = newlines;
  cell->flags = flags;

  return ep_csv_cell_end (t, buf, len, eof, r + 1, pos);
}

/* The cell that starts at buf[at] (at <= len; at len, an empty cell at the end of the data). */
static inline EpCsvCellEnd
ep_csv_scan_cell (const EpCsvTokenizer *t,
                  const char           *buf,
                  gsize                 len,
                  gboolean              eof,
                  gsize                 at,
                  gsize                *pos,
                  EpCsvCell            *cell)
{
  if (at < len && buf[at] == '"')
    return ep_csv_scan_quoted (t, buf, len, eof, at, pos, cell);

  return ep_csv_scan_unquoted (t, buf, len, eof, at, at, pos, cell);
}

/* The UTF-8 check of a cell, done only where the scan saw a byte that needs it. */
static inline gboolean
ep_csv_cell_is_utf8 (const char      *buf,
                     const EpCsvCell *cell)
{
  return !(cell->flags & EP_CSV_CELL_CHECK_UTF8) ||
         g_utf8_validate_len (buf + cell->start, cell->end - cell->start, NULL);
}

G_END_DECLS
