/* ep-sheet-xlsx.c: Office Open XML workbooks (.xlsx, .xlsm)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ECMA-376 part 1: the package's relationships lead to the workbook (its sheets and date
 * system), the styles (which cell formats show dates), the shared strings and each sheet.
 * The small parts go through xmlTextReader; the shared strings and the sheet, which can hold
 * millions of cells, through libxml2's SAX2 callbacks (ep-sheet-xml.c).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "io/ep-sheet-private.h"

static void
sheet_entry_clear (gpointer data)
{
  SheetEntry *e = data;

  g_free (e->name);
  g_free (e->member);
}

/* A relationship's target resolved against the part that owns it (ECMA-376 part 2, 9.3). */
static char *
resolve_target (const char *base_member,
                const char *target)
{
  g_autofree char *dir = NULL;
  g_autofree char *joined = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new ();

  if (target[0] == '/')
    return g_strdup (target + 1);

  dir = g_path_get_dirname (base_member);
  joined = (base_member[0] == '\0' || strcmp (dir, ".") == 0)
             ? g_strdup (target) : g_strconcat (dir, "/", target, NULL);
  parts = g_strsplit (joined, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          if (out->len > 0)
            g_ptr_array_remove_index (out, out->len - 1);
          continue;
        }
      g_ptr_array_add (out, parts[i]);
    }
  g_ptr_array_add (out, NULL);

  return g_strjoinv ("/", (char **) out->pdata);
}

static void
rels_member_for (const char *member,
                 GString    *out)
{
  g_autofree char *dir = g_path_get_dirname (member);
  g_autofree char *base = g_path_get_basename (member);

  g_string_truncate (out, 0);
  if (member[0] == '\0')
    {
      g_string_append (out, "_rels/.rels");
      return;
    }
  if (strcmp (dir, ".") != 0)
    g_string_append_printf (out, "%s/", dir);
  g_string_append_printf (out, "_rels/%s.rels", base);
}

/* Reads a .rels part: calls back with (Id, Type, resolved target). */
static gboolean
read_rels (Archive     *a,
           const char  *owner,
           GHashTable  *targets_by_id,
           GHashTable  *targets_by_type_suffix,
           GError     **error)
{
  g_autoptr(GString) rels = g_string_new (NULL);
  Xml x;
  int r;

  rels_member_for (owner, rels);
  if (!ep_sheet_archive_has (a, rels->str))
    return TRUE;
  if (!ep_sheet_xml_open (a, rels->str, &x, error))
    {
      ep_sheet_xml_close (&x);
      return FALSE;
    }

  while ((r = ep_sheet_xml_next (&x, error)) > 0)
    {
      const char *id, *type, *target;
      g_autofree char *id_copy = NULL, *type_copy = NULL, *resolved = NULL;
      const char *slash;

      if (!ep_sheet_xml_is_start (&x, "Relationship"))
        continue;
      id = ep_sheet_xml_attribute (&x, "Id");
      id_copy = g_strdup (id);
      type = ep_sheet_xml_attribute (&x, "Type");
      type_copy = g_strdup (type);
      target = ep_sheet_xml_attribute (&x, "Target");
      if (id_copy == NULL || target == NULL || type_copy == NULL)
        continue;
      resolved = resolve_target (owner, target);
      slash = strrchr (type_copy, '/');
      if (targets_by_type_suffix != NULL && slash != NULL &&
          !g_hash_table_contains (targets_by_type_suffix, slash + 1))
        g_hash_table_insert (targets_by_type_suffix, g_strdup (slash + 1), g_strdup (resolved));
      if (targets_by_id != NULL)
        g_hash_table_insert (targets_by_id, g_steal_pointer (&id_copy), g_steal_pointer (&resolved));
    }
  ep_sheet_xml_close (&x);

  return r == 0;
}

gboolean
ep_sheet_xlsx_read_workbook (Xlsx     *book,
                    GError  **error)
{
  Archive *a = &book->archive;
  g_autoptr(GHashTable) root = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) by_type = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *workbook;
  Xml x;
  int r;

  if (!read_rels (a, "", NULL, root, error))
    return FALSE;
  workbook = g_hash_table_lookup (root, "officeDocument");
  if (workbook == NULL)
    workbook = "xl/workbook.xml";
  if (!ep_sheet_archive_has (a, workbook))
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                   _("%s: not an Excel workbook (it has no workbook part)"), a->display_name);
      return FALSE;
    }
  if (!read_rels (a, workbook, by_id, by_type, error))
    return FALSE;
  book->shared_strings = g_strdup (g_hash_table_lookup (by_type, "sharedStrings"));
  book->styles = g_strdup (g_hash_table_lookup (by_type, "styles"));

  if (!ep_sheet_xml_open (a, workbook, &x, error))
    {
      ep_sheet_xml_close (&x);
      return FALSE;
    }
  while ((r = ep_sheet_xml_next (&x, error)) > 0)
    {
      if (ep_sheet_xml_is_start (&x, "workbookPr"))
        {
          const char *v = ep_sheet_xml_attribute (&x, "date1904");

          book->date1904 = v != NULL && (strcmp (v, "1") == 0 || strcmp (v, "true") == 0);
        }
      else if (ep_sheet_xml_is_start (&x, "sheet"))
        {
          SheetEntry e = { NULL, NULL };
          g_autofree char *rid = g_strdup (ep_sheet_xml_attribute (&x, "id"));
          const char *member = rid != NULL ? g_hash_table_lookup (by_id, rid) : NULL;

          e.name = g_strdup (ep_sheet_xml_attribute (&x, "name"));
          if (e.name == NULL)
            e.name = g_strdup_printf ("%u", book->sheets->len + 1);
          e.member = g_strdup (member);
          g_array_append_val (book->sheets, e);
        }
    }
  ep_sheet_xml_close (&x);
  if (r < 0)
    return FALSE;

  if (book->sheets->len == 0)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                   _("%s: the workbook has no sheets"), a->display_name);
      return FALSE;
    }

  return TRUE;
}

gboolean
ep_sheet_xlsx_read_styles (Xlsx     *book,
                  GError  **error)
{
  g_autoptr(GHashTable) custom = NULL;
  gboolean in_cell_xfs = FALSE;
  Xml x;
  int r;

  if (book->styles == NULL || !ep_sheet_archive_has (&book->archive, book->styles))
    return TRUE;

  custom = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  if (!ep_sheet_xml_open (&book->archive, book->styles, &x, error))
    {
      ep_sheet_xml_close (&x);
      return FALSE;
    }
  while ((r = ep_sheet_xml_next (&x, error)) > 0)
    {
      if (ep_sheet_xml_is_start (&x, "numFmt"))
        {
          const char *id = ep_sheet_xml_attribute (&x, "numFmtId");
          guint64 n = id != NULL ? g_ascii_strtoull (id, NULL, 10) : 0;
          const char *code = ep_sheet_xml_attribute (&x, "formatCode");

          if (id != NULL && n < G_MAXUINT)
            g_hash_table_insert (custom, GUINT_TO_POINTER ((guint) n), g_strdup (code));
        }
      else if (ep_sheet_xml_is_start (&x, "cellXfs"))
        in_cell_xfs = !xmlTextReaderIsEmptyElement (x.reader);
      else if (ep_sheet_xml_is (&x, XML_READER_TYPE_END_ELEMENT, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (in_cell_xfs && ep_sheet_xml_is_start (&x, "xf"))
        {
          const char *id = ep_sheet_xml_attribute (&x, "numFmtId");
          guint n = id != NULL ? (guint) MIN (g_ascii_strtoull (id, NULL, 10), G_MAXUINT) : 0;
          gboolean is_date;

          /* A custom format replaces a built-in one of its id. */
          if (g_hash_table_contains (custom, GUINT_TO_POINTER (n)))
            is_date = ep_sheet_is_date_format (0, g_hash_table_lookup (custom, GUINT_TO_POINTER (n)));
          else
            is_date = ep_sheet_is_date_format (n, NULL);
          g_array_append_val (book->date_styles, is_date);
        }
    }
  ep_sheet_xml_close (&x);

  return r == 0;
}

/* Shared strings go straight into the grid's text buffer; offsets by index. Each <si> (at any
 * depth, not inside another) is its text without the phonetic runs (<rPh>). */
typedef struct
{
  Sax       sax;
  Grid     *grid;
  GArray   *offsets;
  GString  *text;
  int       si_depth;       /* of the <si> being read, or -1 */
  int       skip_depth;     /* of an <rPh> inside it, or -1 */
} SharedSax;

static void
shared_start (void           *user,
              const xmlChar  *local_name,
              const xmlChar  *prefix,
              const xmlChar  *uri,
              int             n_namespaces,
              const xmlChar **namespaces,
              int             n_attributes,
              int             n_defaulted,
              const xmlChar **attributes)
{
  SharedSax *s = user;
  int depth = s->sax.depth++;

  if (s->si_depth < 0)
    {
      if (strcmp ((const char *) local_name, "si") == 0)
        {
          s->si_depth = depth;
          g_string_truncate (s->text, 0);
        }
    }
  else if (s->skip_depth < 0 && strcmp ((const char *) local_name, "rPh") == 0)
    s->skip_depth = depth;
}

static void
shared_end (void          *user,
            const xmlChar *local_name,
            const xmlChar *prefix,
            const xmlChar *uri)
{
  SharedSax *s = user;
  int depth = --s->sax.depth;

  if (depth == s->skip_depth)
    s->skip_depth = -1;
  else if (depth == s->si_depth)
    {
      GError *error = NULL;
      guint32 offset;

      s->si_depth = -1;
      if (!ep_sheet_grid_store_text (s->grid, s->text->str, s->text->len, &offset, &error))
        {
          ep_sheet_sax_fail (&s->sax, error);
          return;
        }
      g_array_append_val (s->offsets, offset);
    }
}

static void
shared_characters (void          *user,
                   const xmlChar *text,
                   int            length)
{
  SharedSax *s = user;

  if (s->si_depth >= 0 && s->skip_depth < 0)
    g_string_append_len (s->text, (const char *) text, length);
}

gboolean
ep_sheet_xlsx_read_shared_strings (Xlsx     *book,
                          Grid     *grid,
                          GArray   *offsets,
                          GError  **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  SharedSax s = { { 0 }, grid, offsets, text, -1, -1 };
  xmlSAXHandler handler;

  if (book->shared_strings == NULL || !ep_sheet_archive_has (&book->archive, book->shared_strings))
    return TRUE;

  ep_sheet_sax_handler_init (&handler);
  handler.startElementNs = shared_start;
  handler.endElementNs = shared_end;
  handler.characters = shared_characters;
  handler.ignorableWhitespace = shared_characters;

  return ep_sheet_sax_parse (&book->archive, book->shared_strings, &handler, &s.sax, error);
}

/* "BC12" -> column 54 (0-based), row 11 (0-based); FALSE when malformed. */
static gboolean
parse_cell_reference (const char *ref,
                      guint64    *row,
                      guint64    *column)
{
  guint64 c = 0, r = 0;
  const char *s = ref;

  while (g_ascii_isalpha (*s) && s - ref < 4)
    c = c * 26 + (guint64) (g_ascii_toupper (*s++) - 'A' + 1);
  if (s == ref)
    return FALSE;
  if (!g_ascii_isdigit (*s))
    {
      if (*s != '\0')
        return FALSE;
      r = 0;          /* a column only ("A:C" in a dimension) */
    }
  while (g_ascii_isdigit (*s) && r < G_MAXUINT32)
    r = r * 10 + (guint64) (*s++ - '0');
  if (*s != '\0')
    return FALSE;

  *column = c - 1;
  *row = r > 0 ? r - 1 : 0;
  return TRUE;
}

/* The sheet: <row r="5"> and <c r="B5" s="3" t="s"><f>..</f><v>..</v></c> (or <is> for an
 * inline string) at any depth, and <dimension ref="A1:H1000001">. Inside a <c> only its
 * <v>, <is> (without <rPh>) and <f> (skipped) count; the last <v> or <is> is the value. */
enum { CAPTURE_NONE, CAPTURE_V, CAPTURE_IS, CAPTURE_F };

typedef struct
{
  Sax        sax;
  Xlsx      *book;
  Grid      *grid;
  GArray    *shared;
  guint64    row;
  guint64    column;
  gboolean   have_row;
  int        cell_depth;      /* of the <c> being read, or -1 */
  char       type[16];
  gint64     style;
  gboolean   have_value;
  int        capture;
  int        capture_depth;
  int        skip_depth;      /* of an <rPh> inside <is>, or -1 */
  GString   *value;
  AttrText   attr;
} SheetSax;

static gboolean
sheet_cell_attribute_cb (const char    *an,
                         const xmlChar *value,
                         const xmlChar *end,
                         gpointer       data)
{
  SheetSax *s = data;

  if (an[0] == 'r' && an[1] == '\0')
    {
      guint64 rr, cc;

      if (parse_cell_reference (ep_sheet_attr_text (&s->attr, value, end), &rr, &cc))
        {
          s->row = rr;
          s->column = cc;
        }
    }
  else if (an[0] == 't' && an[1] == '\0')
    {
      gsize n = MIN ((gsize) (end - value), sizeof s->type - 1);

      memcpy (s->type, value, n);
      s->type[n] = '\0';
    }
  else if (an[0] == 's' && an[1] == '\0')
    s->style = g_ascii_strtoll (ep_sheet_attr_text (&s->attr, value, end), NULL, 10);

  return TRUE;
}

static void
sheet_start (void           *user,
             const xmlChar  *local_name,
             const xmlChar  *prefix,
             const xmlChar  *uri,
             int             n_namespaces,
             const xmlChar **namespaces,
             int             n_attributes,
             int             n_defaulted,
             const xmlChar **attributes)
{
  SheetSax *s = user;
  const char *name = (const char *) local_name;
  int depth = s->sax.depth++;
  GError *error = NULL;

  if (s->cell_depth >= 0)
    {
      if (s->capture == CAPTURE_NONE)
        {
          if (name[0] == 'v' && name[1] == '\0')
            s->capture = CAPTURE_V;
          else if (name[0] == 'i' && name[1] == 's' && name[2] == '\0')
            s->capture = CAPTURE_IS;
          else if (name[0] == 'f' && name[1] == '\0')
            s->capture = CAPTURE_F;
          else
            return;
          s->capture_depth = depth;
          s->skip_depth = -1;
          if (s->capture != CAPTURE_F)
            {
              g_string_truncate (s->value, 0);
              s->have_value = TRUE;
            }
        }
      else if (s->capture == CAPTURE_IS && s->skip_depth < 0 && strcmp (name, "rPh") == 0)
        s->skip_depth = depth;
      return;
    }

  if (name[0] == 'c' && name[1] == '\0')
    {
      s->cell_depth = depth;
      s->column = s->column == G_MAXUINT64 ? 0 : s->column + 1;
      strcpy (s->type, "n");
      s->style = -1;
      s->have_value = FALSE;
      s->capture = CAPTURE_NONE;
      g_string_truncate (s->value, 0);
      ep_sheet_sax_each_attribute (n_namespaces, namespaces, n_attributes, attributes,
                          sheet_cell_attribute_cb, s);
      return;
    }

  if (strcmp (name, "row") == 0)
    {
      const char *rr = ep_sheet_sax_attribute (&s->attr, "r", n_namespaces, namespaces, n_attributes,
                                      attributes);
      guint64 n = rr != NULL ? g_ascii_strtoull (rr, NULL, 10) : 0;

      s->row = n > 0 ? n - 1 : (s->have_row ? s->row + 1 : 0);
      s->have_row = TRUE;
      s->column = G_MAXUINT64;   /* the next cell without a reference is column 0 */
      if (s->row >= EP_SHEET_MAX_ROWS && !ep_sheet_grid_check_position (s->grid, s->row, 0, &error))
        ep_sheet_sax_fail (&s->sax, error);
      return;
    }

  if (strcmp (name, "dimension") == 0)
    {
      const char *ref = ep_sheet_sax_attribute (&s->attr, "ref", n_namespaces, namespaces, n_attributes,
                                       attributes);
      const char *colon = ref != NULL ? strchr (ref, ':') : NULL;
      guint64 last_row, last_column;

      if (colon != NULL && parse_cell_reference (colon + 1, &last_row, &last_column) &&
          !ep_sheet_grid_check_position (s->grid, last_row, last_column, &error))
        ep_sheet_sax_fail (&s->sax, error);
      return;
    }
}

/* A cell's value into the grid, by its type. */
static gboolean
sheet_add_cell (SheetSax  *s,
                GError   **error)
{
  Grid *grid = s->grid;
  GString *value = s->value;
  const char *type = s->type;
  guint64 row = s->row, column = s->column;

  if (strcmp (type, "s") == 0)
    {
      guint64 index = g_ascii_strtoull (value->str, NULL, 10);

      if (index >= s->shared->len)
        {
          g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                       _("%s:%u: column %u: shared string %s does not exist (damaged file)"),
                       grid->display_name, (guint) row + 1, (guint) column + 1, value->str);
          return FALSE;
        }
      return ep_sheet_grid_add_offset (grid, row, column, g_array_index (s->shared, guint32, index), error);
    }
  if (strcmp (type, "b") == 0)
    {
      const char *b = strcmp (g_strstrip (value->str), "1") == 0 ? "TRUE" : "FALSE";

      return ep_sheet_grid_add_text (grid, row, column, b, strlen (b), error);
    }
  if (strcmp (type, "e") == 0)
    return TRUE;                                    /* #N/A, #DIV/0!, ...: missing */
  if (strcmp (type, "d") == 0)
    {
      /* ISO 8601 in the cell (openpyxl's iso_dates, Excel's strict files) */
      if (value->len > 10 && value->str[10] == 'T')
        {
          if (strncmp (value->str + 11, "00:00:00", 8) == 0)
            g_string_truncate (value, 10);
          else
            {
              value->str[10] = ' ';
              g_string_truncate (value, MIN (value->len, 19));
            }
        }
      return ep_sheet_grid_add_text (grid, row, column, value->str, value->len, error);
    }
  if (strcmp (type, "n") == 0)
    {
      gboolean is_date = s->style >= 0 && (guint64) s->style < s->book->date_styles->len &&
                         g_array_index (s->book->date_styles, gboolean, s->style);

      return ep_sheet_grid_add_number (grid, row, column, value->str, is_date, s->book->date1904, error);
    }

  /* "str" (a formula's text), "inlineStr" */
  return ep_sheet_grid_add_text (grid, row, column, value->str, value->len, error);
}

static void
sheet_end (void          *user,
           const xmlChar *local_name,
           const xmlChar *prefix,
           const xmlChar *uri)
{
  SheetSax *s = user;
  int depth = --s->sax.depth;
  GError *error = NULL;

  if (s->cell_depth < 0)
    return;
  if (s->capture != CAPTURE_NONE)
    {
      if (depth == s->capture_depth)
        s->capture = CAPTURE_NONE;
      else if (depth == s->skip_depth)
        s->skip_depth = -1;
      return;
    }
  if (depth != s->cell_depth)
    return;

  s->cell_depth = -1;
  if (!s->have_value)
    return;
  if (!sheet_add_cell (s, &error))
    ep_sheet_sax_fail (&s->sax, error);
  else if (s->grid->full)
    {
      s->sax.done = TRUE;
      ep_sheet_sax_stop (&s->sax);
    }
}

static void
sheet_characters (void          *user,
                  const xmlChar *text,
                  int            length)
{
  SheetSax *s = user;

  if (s->capture == CAPTURE_V || (s->capture == CAPTURE_IS && s->skip_depth < 0))
    g_string_append_len (s->value, (const char *) text, length);
}

gboolean
ep_sheet_xlsx_read_sheet (Xlsx        *book,
                 const char  *member,
                 Grid        *grid,
                 GArray      *shared,
                 GError     **error)
{
  g_autoptr(GString) value = g_string_sized_new (64);
  SheetSax s;
  xmlSAXHandler handler;
  gboolean ok;

  memset (&s, 0, sizeof s);
  s.book = book;
  s.grid = grid;
  s.shared = shared;
  s.cell_depth = -1;
  s.skip_depth = -1;
  s.value = value;

  ep_sheet_sax_handler_init (&handler);
  handler.startElementNs = sheet_start;
  handler.endElementNs = sheet_end;
  handler.characters = sheet_characters;
  handler.ignorableWhitespace = sheet_characters;

  ok = ep_sheet_sax_parse (&book->archive, member, &handler, &s.sax, error);
  ep_sheet_attr_text_clear (&s.attr);

  return ok;
}

gboolean
ep_sheet_xlsx_open (Xlsx          *book,
           const char    *display_name,
           zip_source_t  *source,
           GError       **error)
{
  memset (book, 0, sizeof *book);
  book->sheets = g_array_new (FALSE, TRUE, sizeof (SheetEntry));
  g_array_set_clear_func (book->sheets, sheet_entry_clear);
  book->date_styles = g_array_new (FALSE, FALSE, sizeof (gboolean));

  return ep_sheet_archive_open (&book->archive, display_name, source, error);
}

void
ep_sheet_xlsx_close (Xlsx *book)
{
  ep_sheet_archive_close (&book->archive);
  g_clear_pointer (&book->sheets, g_array_unref);
  g_clear_pointer (&book->date_styles, g_array_unref);
  g_clear_pointer (&book->shared_strings, g_free);
  g_clear_pointer (&book->styles, g_free);
}

