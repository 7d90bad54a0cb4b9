/* ep-sheet-private.h: what the spreadsheet readers (ep-sheet-*.c) share
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ep-sheet.c holds the public functions (ep-sheet.h) and picks a reader by format:
 *   ep-sheet-xlsx.c   Office Open XML (.xlsx): workbook, relationships, styles, shared strings
 *                     and the sheet, the last two through libxml2's SAX2 interface
 *   ep-sheet-ods.c    OpenDocument (.ods): content.xml through libxml2's xmlTextReader
 *   ep-sheet-xls.c    Excel 97-2003 (.xls) through FreeXL
 * Each fills a Grid (ep-sheet-grid.c), the cells' texts that become an EpCsv. The zip and XML
 * plumbing the first two share, with the zip bomb and entity expansion refusals, is in
 * ep-sheet-xml.c. Nothing here is for use outside these files.
 */
#pragma once

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include "io/ep-csv.h"
#include "io/ep-sheet.h"

G_BEGIN_DECLS

/* ---- the grid (ep-sheet-grid.c) -------------------------------------------------------- */

typedef struct
{
  const char *display_name;
  const char *sheet_name;
  GString    *text;         /* offset 0 is "" */
  GArray     *cells;        /* Cell: the first row in dense mode, all cells in sparse mode */
  guint       max_rows;     /* the preview's limit, 0: none */
  guint32     first_row;    /* the first row with a cell, G_MAXUINT32 before */
  gboolean    full;         /* max_rows reached: the reader may stop */
  guint64     n_cells;
  gboolean    dense;
  guint32    *table;        /* dense: n_table_rows x width offsets from first_row on, 0 empty */
  gsize       table_alloc;  /* rows */
  guint32     n_table_rows;
  guint32     width;        /* 0 while the first row is read */
  guint32     last_row;     /* of the last cell, in dense mode */
  guint32     last_column;
  guint32     column_min;
  guint32     column_max;
} Grid;

G_GNUC_INTERNAL void      ep_sheet_grid_init            (Grid        *g,
                                                         const char  *display_name,
                                                         guint        max_rows);
G_GNUC_INTERNAL void      ep_sheet_grid_clear           (Grid        *g);
/* FALSE with EP_SHEET_ERROR_TOO_LARGE past a row, column or cell limit */
G_GNUC_INTERNAL gboolean  ep_sheet_grid_check_position  (Grid        *g,
                                                         guint64      row,
                                                         guint64      column,
                                                         GError     **error);
/* A cell pointing at a text already in the buffer (a shared string). */
G_GNUC_INTERNAL gboolean  ep_sheet_grid_add_offset      (Grid        *g,
                                                         guint64      row,
                                                         guint64      column,
                                                         guint32      offset,
                                                         GError     **error);
/* Appends a text to the buffer: its offset, or 0 for "". */
G_GNUC_INTERNAL gboolean  ep_sheet_grid_store_text      (Grid        *g,
                                                         const char  *text,
                                                         gsize        length,
                                                         guint32     *offset,
                                                         GError     **error);
G_GNUC_INTERNAL gboolean  ep_sheet_grid_add_text        (Grid        *g,
                                                         guint64      row,
                                                         guint64      column,
                                                         const char  *text,
                                                         gsize        length,
                                                         GError     **error);
/* The text of a number cell, as a date when its format shows one. */
G_GNUC_INTERNAL gboolean  ep_sheet_grid_add_number      (Grid        *g,
                                                         guint64      row,
                                                         guint64      column,
                                                         const char  *value,
                                                         gboolean     is_date,
                                                         gboolean     date1904,
                                                         GError     **error);
/* The used range as an EpCsv; the grid gives its buffers away. */
G_GNUC_INTERNAL EpCsv    *ep_sheet_grid_finish          (Grid        *g,
                                                         EpCsvFlags   flags,
                                                         GError     **error);

/* ---- zip members as XML (ep-sheet-xml.c) ----------------------------------------------- */

typedef struct
{
  const char  *display_name;
  zip_t       *zip;
} Archive;

typedef struct
{
  Archive          *archive;
  char             *member;
  zip_file_t       *file;
  guint64           declared;     /* the inflated size the archive states */
  guint64           inflated;     /* bytes read so far */
  gboolean          bomb;
  gboolean          doctype;      /* a <!DOCTYPE in the prolog */
  gboolean          in_body;      /* the prolog is over: the root element has begun */
  char             *zip_error;
  char             *xml_error;
  xmlTextReaderPtr  reader;
} Xml;

/* Takes source, also on failure. */
G_GNUC_INTERNAL gboolean     ep_sheet_archive_open   (Archive       *a,
                                                      const char    *display_name,
                                                      zip_source_t  *source,
                                                      GError       **error);
G_GNUC_INTERNAL void         ep_sheet_archive_close  (Archive       *a);
G_GNUC_INTERNAL gboolean     ep_sheet_archive_has    (Archive       *a,
                                                      const char    *member);

/* A member through xmlTextReader (the small parts, and .ods): call ep_sheet_xml_close() also
 * when opening fails. */
G_GNUC_INTERNAL gboolean     ep_sheet_xml_open       (Archive       *a,
                                                      const char    *member,
                                                      Xml           *x,
                                                      GError       **error);
G_GNUC_INTERNAL void         ep_sheet_xml_close      (Xml           *x);
/* The next node: 1, 0 at the end, -1 with error set. */
G_GNUC_INTERNAL int          ep_sheet_xml_next       (Xml           *x,
                                                      GError       **error);
/* Sets the error that explains why reading stopped; FALSE. */
G_GNUC_INTERNAL gboolean     ep_sheet_xml_fail       (Xml           *x,
                                                      GError       **error);
G_GNUC_INTERNAL gboolean     ep_sheet_xml_is         (Xml           *x,
                                                      int            type,
                                                      const char    *local_name);
G_GNUC_INTERNAL gboolean     ep_sheet_xml_is_start   (Xml           *x,
                                                      const char    *local_name);
/* The value of the current element's attribute by local name, whatever its namespace
 * prefix; NULL when absent. Valid until the next read. */
G_GNUC_INTERNAL const char  *ep_sheet_xml_attribute  (Xml           *x,
                                                      const char    *local_name);

/* A member through libxml2's SAX2 callbacks (the large parts). The large parts (a sheet, the
 * shared strings) are parsed this way rather than with the text reader: libxml2 then builds no
 * node per element and hands over attribute values and text in place, which is most of the
 * difference for a million rows. The same read callback feeds it, so the zip bomb and DOCTYPE
 * checks are the same; a DTD that gets past that check still stops the parse in the
 * internalSubset callback. A reader's callback state begins with a Sax, which is the SAX
 * user data. */
typedef struct
{
  Xml              *x;
  xmlParserCtxtPtr  ctxt;
  GError           *error;      /* set by a callback; the parse is stopped */
  gboolean          done;       /* a callback has what it needs; the parse is stopped */
  int               depth;      /* of the element being started or ended */
} Sax;

/* Sets the refusals (DTD, entities) and the error handler; the caller adds its callbacks. */
G_GNUC_INTERNAL void         ep_sheet_sax_handler_init (xmlSAXHandler  *handler);
G_GNUC_INTERNAL gboolean     ep_sheet_sax_parse        (Archive        *a,
                                                        const char     *member,
                                                        xmlSAXHandler  *handler,
                                                        Sax            *sax,
                                                        GError        **error);
G_GNUC_INTERNAL void         ep_sheet_sax_stop         (Sax            *sax);
/* Stops the parse with error (taken), the first error kept. */
G_GNUC_INTERNAL void         ep_sheet_sax_fail         (Sax            *sax,
                                                        GError         *error);

/* An attribute's value as a NUL-terminated string: SAX2 gives [value, end). */
typedef struct
{
  char  buf[64];
  char *heap;
} AttrText;

/* Valid until the next call with t. */
G_GNUC_INTERNAL const char  *ep_sheet_attr_text        (AttrText       *t,
                                                        const xmlChar  *value,
                                                        const xmlChar  *end);
G_GNUC_INTERNAL void         ep_sheet_attr_text_clear  (AttrText       *t);

/* Calls back with each attribute of a start tag in the order the text reader lists them
 * (namespace declarations first, named by their prefix, or "xmlns"), so that a lookup by
 * local name finds what ep_sheet_xml_attribute() finds; FALSE from func stops. */
typedef gboolean (*AttrFunc) (const char    *local_name,
                              const xmlChar *value,
                              const xmlChar *end,
                              gpointer       data);

G_GNUC_INTERNAL void         ep_sheet_sax_each_attribute (int              n_namespaces,
                                                          const xmlChar  **namespaces,
                                                          int              n_attributes,
                                                          const xmlChar  **attributes,
                                                          AttrFunc         func,
                                                          gpointer         data);
/* The first attribute of that local name, as ep_sheet_xml_attribute() finds it; NULL when
 * absent. */
G_GNUC_INTERNAL const char  *ep_sheet_sax_attribute      (AttrText        *t,
                                                          const char      *local_name,
                                                          int              n_namespaces,
                                                          const xmlChar  **namespaces,
                                                          int              n_attributes,
                                                          const xmlChar  **attributes);

/* ---- the readers (ep-sheet-xlsx.c, ep-sheet-ods.c, ep-sheet-xls.c) --------------------- */

typedef struct
{
  char *name;
  char *member;
} SheetEntry;

typedef struct
{
  Archive   archive;
  GArray   *sheets;           /* SheetEntry */
  char     *shared_strings;   /* member names, or NULL */
  char     *styles;
  gboolean  date1904;
  GArray   *date_styles;      /* gboolean by cellXfs index */
} Xlsx;

/* Opens the archive (.xlsx and .ods alike; takes source); ep_sheet_xlsx_close() always. */
G_GNUC_INTERNAL gboolean  ep_sheet_xlsx_open                (Xlsx          *book,
                                                             const char    *display_name,
                                                             zip_source_t  *source,
                                                             GError       **error);
G_GNUC_INTERNAL void      ep_sheet_xlsx_close               (Xlsx          *book);
/* The sheets, their parts, the shared strings' and styles' parts, the date system. */
G_GNUC_INTERNAL gboolean  ep_sheet_xlsx_read_workbook       (Xlsx          *book,
                                                             GError       **error);
/* Which cell styles show dates. */
G_GNUC_INTERNAL gboolean  ep_sheet_xlsx_read_styles         (Xlsx          *book,
                                                             GError       **error);
/* Shared strings into the grid's text buffer; their offsets by index into offsets. */
G_GNUC_INTERNAL gboolean  ep_sheet_xlsx_read_shared_strings (Xlsx          *book,
                                                             Grid          *grid,
                                                             GArray        *offsets,
                                                             GError       **error);
G_GNUC_INTERNAL gboolean  ep_sheet_xlsx_read_sheet          (Xlsx          *book,
                                                             const char    *member,
                                                             Grid          *grid,
                                                             GArray        *shared,
                                                             GError       **error);

/* content.xml: with list_only, the sheet names into names; else the sheet of that name into
 * grid (FALSE without an error when there is none: the caller names it). */
G_GNUC_INTERNAL gboolean  ep_sheet_ods_read                 (Archive       *a,
                                                             const char    *sheet,
                                                             gboolean       list_only,
                                                             GPtrArray     *names,
                                                             Grid          *grid,
                                                             GError       **error);

/* With grid NULL, the sheet names into names; else the sheet of that name into grid (FALSE
 * without an error when there is none: the caller names it). */
G_GNUC_INTERNAL gboolean  ep_sheet_xls_read                 (const char    *path,
                                                             const char    *display_name,
                                                             const char    *sheet,
                                                             GPtrArray     *names,
                                                             Grid          *grid,
                                                             GError       **error);

G_END_DECLS
