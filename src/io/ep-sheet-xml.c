/* ep-sheet-xml.c: zip members read as XML, for .xlsx and .ods
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libzip inflates a member as libxml2 asks for bytes (xml_read_cb), through either
 * xmlTextReader (the small parts, .ods) or the SAX2 callbacks (a sheet and the shared strings
 * of an .xlsx). The read callback counts what is inflated: a member that inflates past what
 * it declares, past EP_SHEET_MAX_INFLATED, or (declared) past EP_SHEET_MAX_RATIO times its
 * compressed size is a zip bomb. It also refuses a <!DOCTYPE in the prolog before libxml2
 * sees it, and the parsers refuse any DTD, entity declaration or entity reference that
 * still gets through.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "io/ep-sheet-private.h"

#define RATIO_GRACE (G_GUINT64_CONSTANT (10) << 20)

static int
xml_read_cb (void *context,
             char *buffer,
             int   length)
{
  Xml *x = context;
  zip_int64_t n;

  n = zip_fread (x->file, buffer, (zip_uint64_t) length);
  if (n < 0)
    {
      if (x->zip_error == NULL)
        x->zip_error = g_strdup (zip_error_strerror (zip_file_get_error (x->file)));
      return -1;
    }
  x->inflated += (guint64) n;
  if (x->inflated > x->declared || x->inflated > EP_SHEET_MAX_INFLATED)
    {
      x->bomb = TRUE;
      return -1;
    }

  /* A DTD is refused before libxml2 sees it: spreadsheets never declare one, and entity
   * expansion starts there. Only the prolog is looked at, up to the root element's "<". */
  for (zip_int64_t i = 0; !x->in_body && i + 1 < n; i++)
    {
      if (buffer[i] != '<')
        continue;
      if (g_ascii_isalpha (buffer[i + 1]))
        x->in_body = TRUE;
      else if (buffer[i + 1] == '!' && n - i >= 9 && memcmp (buffer + i, "<!DOCTYPE", 9) == 0)
        {
          x->doctype = TRUE;
          return -1;
        }
    }

  return (int) n;
}

static int
xml_close_cb (void *context)
{
  return 0;
}

static void
xml_error_cb (void        *context,
              xmlErrorPtr  error)
{
  Xml *x = context;

  if (x->xml_error == NULL && error != NULL && error->level >= XML_ERR_ERROR &&
      error->message != NULL)
    {
      x->xml_error = g_strdup_printf ("line %d: %s", error->line, error->message);
      g_strchomp (x->xml_error);
    }
}

void
ep_sheet_xml_close (Xml *x)
{
  g_clear_pointer (&x->reader, xmlFreeTextReader);
  if (x->file != NULL)
    zip_fclose (x->file);
  x->file = NULL;
  g_clear_pointer (&x->member, g_free);
  g_clear_pointer (&x->zip_error, g_free);
  g_clear_pointer (&x->xml_error, g_free);
}

gboolean
ep_sheet_archive_has (Archive    *a,
             const char *member)
{
  return zip_name_locate (a->zip, member, ZIP_FL_NOCASE) >= 0;
}

/* Opens a member for reading through xml_read_cb(), after the zip bomb checks. */
static gboolean
xml_open_member (Archive     *a,
                 const char  *member,
                 Xml         *x,
                 GError     **error)
{
  zip_stat_t st;
  zip_int64_t index;

  memset (x, 0, sizeof *x);
  x->archive = a;
  x->member = g_strdup (member);

  index = zip_name_locate (a->zip, member, ZIP_FL_NOCASE);
  if (index < 0 || zip_stat_index (a->zip, (zip_uint64_t) index, 0, &st) != 0)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                   _("%s: the workbook has no part “%s” (damaged, or not a spreadsheet)"),
                   a->display_name, member);
      return FALSE;
    }

  x->declared = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
  if (x->declared > EP_SHEET_MAX_INFLATED ||
      ((st.valid & ZIP_STAT_COMP_SIZE) && x->declared > RATIO_GRACE &&
       x->declared / MAX (st.comp_size, 1) > EP_SHEET_MAX_RATIO))
    {
      g_autofree char *inflated = g_strdup_printf ("%" G_GUINT64_FORMAT, x->declared);
      g_autofree char *compressed =
        g_strdup_printf ("%" G_GUINT64_FORMAT,
                         (guint64) ((st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0));

      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_UNSAFE,
                   _("%s: “%s” would inflate to %s bytes from %s; refused as a zip bomb"),
                   a->display_name, member, inflated, compressed);
      return FALSE;
    }

  x->file = zip_fopen_index (a->zip, (zip_uint64_t) index, 0);
  if (x->file == NULL)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                   _("%s: “%s” cannot be read: %s"), a->display_name, member,
                   zip_strerror (a->zip));
      return FALSE;
    }

  return TRUE;
}

gboolean
ep_sheet_xml_open (Archive     *a,
          const char  *member,
          Xml         *x,
          GError     **error)
{
  if (!xml_open_member (a, member, x, error))
    return FALSE;

  x->reader = xmlReaderForIO (xml_read_cb, xml_close_cb, x, member, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                              XML_PARSE_NOCDATA);
  if (x->reader == NULL)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                   _("%s: “%s” cannot be read as XML"), a->display_name, member);
      return FALSE;
    }
  xmlTextReaderSetStructuredErrorHandler (x->reader, xml_error_cb, x);

  return TRUE;
}

gboolean
ep_sheet_xml_fail (Xml     *x,
          GError **error)
{
  const char *name = x->archive->display_name;

  if (x->doctype)
    g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_UNSAFE,
                 _("%s: “%s” declares a document type with entities, which no spreadsheet "
                   "program writes; refused (XML entity expansion)"),
                 name, x->member);
  else if (x->bomb)
    g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_UNSAFE,
                 _("%s: “%s” inflates to more than it declares or than %u MiB; refused as a "
                   "zip bomb"),
                 name, x->member, (guint) (EP_SHEET_MAX_INFLATED >> 20));
  else if (x->zip_error != NULL)
    g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                 _("%s: “%s” is damaged or truncated: %s"), name, x->member, x->zip_error);
  else
    g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                 _("%s: “%s” is not well-formed XML (%s)"), name, x->member,
                 x->xml_error != NULL ? x->xml_error : _("the document ends early"));

  return FALSE;
}

/* The next node: 1, 0 at the end, -1 with error set. */
int
ep_sheet_xml_next (Xml     *x,
          GError **error)
{
  int r = xmlTextReaderRead (x->reader);
  int type;

  if (r < 0 || x->bomb || x->doctype || x->zip_error != NULL)
    {
      ep_sheet_xml_fail (x, error);
      return -1;
    }
  if (r == 0)
    return 0;

  type = xmlTextReaderNodeType (x->reader);
  if (G_UNLIKELY (type == XML_READER_TYPE_DOCUMENT_TYPE ||
                  type == XML_READER_TYPE_ENTITY_REFERENCE ||
                  type == XML_READER_TYPE_ENTITY))
    {
      x->doctype = TRUE;
      ep_sheet_xml_fail (x, error);
      return -1;
    }

  return 1;
}

gboolean
ep_sheet_xml_is (Xml        *x,
        int         type,
        const char *local_name)
{
  return xmlTextReaderNodeType (x->reader) == type &&
         strcmp ((const char *) xmlTextReaderConstLocalName (x->reader), local_name) == 0;
}

gboolean
ep_sheet_xml_is_start (Xml        *x,
              const char *local_name)
{
  return ep_sheet_xml_is (x, XML_READER_TYPE_ELEMENT, local_name);
}

/* The value of the current element's attribute by local name, whatever its namespace
 * prefix; NULL when absent. Valid until the next read. */
const char *
ep_sheet_xml_attribute (Xml        *x,
               const char *local_name)
{
  const char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (x->reader) != 1)
    return NULL;
  do
    {
      if (strcmp ((const char *) xmlTextReaderConstLocalName (x->reader), local_name) == 0)
        {
          value = (const char *) xmlTextReaderConstValue (x->reader);
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (x->reader) == 1);
  xmlTextReaderMoveToElement (x->reader);

  return value;
}

/* ---- zip members through libxml2's SAX2 interface ------------------------------------- */

void
ep_sheet_sax_stop (Sax *sax)
{
  xmlStopParser (sax->ctxt);
}

void
ep_sheet_sax_fail (Sax    *sax,
          GError *error)
{
  if (sax->error == NULL)
    sax->error = error;
  else
    g_error_free (error);
  ep_sheet_sax_stop (sax);
}

static void
sax_internal_subset (void          *user,
                     const xmlChar *name,
                     const xmlChar *external_id,
                     const xmlChar *system_id)
{
  Sax *sax = user;

  sax->x->doctype = TRUE;
  ep_sheet_sax_stop (sax);
}

static void
sax_entity_decl (void          *user,
                 const xmlChar *name,
                 int            type,
                 const xmlChar *public_id,
                 const xmlChar *system_id,
                 xmlChar       *content)
{
  Sax *sax = user;

  sax->x->doctype = TRUE;
  ep_sheet_sax_stop (sax);
}

static void
sax_reference (void          *user,
               const xmlChar *name)
{
  Sax *sax = user;

  sax->x->doctype = TRUE;
  ep_sheet_sax_stop (sax);
}

static void
sax_error (void        *user,
           xmlErrorPtr  error)
{
  Sax *sax = user;

  xml_error_cb (sax->x, error);
}

void
ep_sheet_sax_handler_init (xmlSAXHandler *handler)
{
  memset (handler, 0, sizeof *handler);
  handler->initialized = XML_SAX2_MAGIC;
  handler->internalSubset = sax_internal_subset;
  handler->externalSubset = sax_internal_subset;
  handler->entityDecl = sax_entity_decl;
  handler->reference = sax_reference;
  handler->serror = sax_error;
}

/* Parses member with handler; user begins with a Sax. */
gboolean
ep_sheet_sax_parse (Archive        *a,
           const char     *member,
           xmlSAXHandler  *handler,
           Sax            *sax,
           GError        **error)
{
  Xml x;
  gboolean ok;

  if (!xml_open_member (a, member, &x, error))
    {
      ep_sheet_xml_close (&x);
      return FALSE;
    }

  sax->x = &x;
  sax->ctxt = xmlCreateIOParserCtxt (handler, sax, xml_read_cb, xml_close_cb, &x,
                                     XML_CHAR_ENCODING_NONE);
  if (sax->ctxt == NULL)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                   _("%s: “%s” cannot be read as XML"), a->display_name, member);
      ep_sheet_xml_close (&x);
      return FALSE;
    }
  xmlCtxtUseOptions (sax->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_NOCDATA);

  xmlParseDocument (sax->ctxt);

  if (sax->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sax->error));
      ok = FALSE;
    }
  else if (x.doctype || x.bomb || x.zip_error != NULL)
    ok = ep_sheet_xml_fail (&x, error);
  else if (sax->done)
    ok = TRUE;
  else if (!sax->ctxt->wellFormed)
    ok = ep_sheet_xml_fail (&x, error);
  else
    ok = TRUE;

  xmlFreeParserCtxt (sax->ctxt);
  sax->ctxt = NULL;
  ep_sheet_xml_close (&x);

  return ok;
}

const char *
ep_sheet_attr_text (AttrText      *t,
           const xmlChar *value,
           const xmlChar *end)
{
  gsize n = (gsize) (end - value);

  if (n < sizeof t->buf)
    {
      memcpy (t->buf, value, n);
      t->buf[n] = '\0';
      return t->buf;
    }
  g_free (t->heap);
  t->heap = g_strndup ((const char *) value, n);
  return t->heap;
}

void
ep_sheet_attr_text_clear (AttrText *t)
{
  g_clear_pointer (&t->heap, g_free);
}

void
ep_sheet_sax_each_attribute (int             n_namespaces,
                    const xmlChar **namespaces,
                    int             n_attributes,
                    const xmlChar **attributes,
                    AttrFunc        func,
                    gpointer        data)
{
  for (int i = 0; i < n_namespaces; i++)
    {
      const xmlChar *prefix = namespaces[2 * i];
      const xmlChar *uri = namespaces[2 * i + 1];

      if (uri == NULL)
        uri = (const xmlChar *) "";
      if (!func (prefix != NULL ? (const char *) prefix : "xmlns", uri, uri + strlen ((const char *) uri), data))
        return;
    }
  for (int i = 0; i < n_attributes; i++)
    if (!func ((const char *) attributes[5 * i], attributes[5 * i + 3], attributes[5 * i + 4], data))
      return;
}

typedef struct
{
  const char    *name;
  const xmlChar *value;
  const xmlChar *end;
} AttrFind;

static gboolean
attr_find_cb (const char    *local_name,
              const xmlChar *value,
              const xmlChar *end,
              gpointer       data)
{
  AttrFind *f = data;

  if (strcmp (local_name, f->name) != 0)
    return TRUE;
  f->value = value;
  f->end = end;
  return FALSE;
}

/* The first attribute of that local name, as ep_sheet_xml_attribute() finds it; NULL when absent. */
const char *
ep_sheet_sax_attribute (AttrText        *t,
               const char      *local_name,
               int              n_namespaces,
               const xmlChar  **namespaces,
               int              n_attributes,
               const xmlChar  **attributes)
{
  AttrFind f = { local_name, NULL, NULL };

  ep_sheet_sax_each_attribute (n_namespaces, namespaces, n_attributes, attributes, attr_find_cb, &f);

  return f.value != NULL ? ep_sheet_attr_text (t, f.value, f.end) : NULL;
}

gboolean
ep_sheet_archive_open (Archive     *a,
              const char  *display_name,
              zip_source_t *source,
              GError     **error)
{
  zip_error_t zerror;

  memset (a, 0, sizeof *a);
  a->display_name = display_name;
  zip_error_init (&zerror);
  a->zip = zip_open_from_source (source, ZIP_RDONLY | ZIP_CHECKCONS, &zerror);
  if (a->zip == NULL)
    {
      g_set_error (error, EP_SHEET_ERROR, EP_SHEET_ERROR_BAD_FILE,
                   _("%s: not a spreadsheet, or a damaged or truncated one: %s"),
                   display_name, zip_error_strerror (&zerror));
      zip_error_fini (&zerror);
      zip_source_free (source);
      return FALSE;
    }
  zip_error_fini (&zerror);

  return TRUE;
}

void
ep_sheet_archive_close (Archive *a)
{
  if (a->zip != NULL)
    zip_discard (a->zip);
  a->zip = NULL;
}

