/* ep-readstat.c: SPSS, Stata and SAS files through ReadStat
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ReadStat calls back with the variables, the value labels and then every value; the order of
 * labels and variables differs between formats, so everything is collected first and the typed
 * columns are built at the end.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <readstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/ep-readstat.h"

typedef struct
{
  double  value;        /* numeric labelled value (NaN for a string value) */
  char   *string;       /* string labelled value, or NULL */
  char   *label;
} LabelEntry;

typedef struct
{
  char       *name;
  char       *label;
  char       *format;
  char       *label_set;
  gboolean    is_string;
  GArray     *numbers;  /* double, NaN missing */
  GPtrArray  *strings;  /* char *, NULL missing */
} Variable;

typedef struct
{
  const char  *display_name;
  EpFileFormat format;
  long         n_rows_expected;   /* from the header; -1 when unknown */
  guint        n_rows_seen;       /* 1 + the highest row index with a value */
  GPtrArray   *variables;         /* Variable * */
  GHashTable  *label_sets;        /* name -> GArray of LabelEntry */
  GString     *messages;          /* ReadStat's own error text */
  gsize        label_set_size;    /* the bytes of a value-label set's name field */
  EpImportProgressFunc progress;
  gpointer     progress_data;
  GCancellable *cancellable;
} Context;

/* ReadStat's progress (the share of the file read); a cancelled import aborts the parse. */
static int
on_progress (double  fraction,
             void   *user_data)
{
  Context *ctx = user_data;

  if (g_cancellable_is_cancelled (ctx->cancellable))
    return READSTAT_HANDLER_ABORT;
  if (ctx->progress != NULL)
    ctx->progress (CLAMP (fraction, 0.0, 1.0), ctx->progress_data);
  return READSTAT_HANDLER_OK;
}

/* ReadStat hands some names over in fixed-size fields that need not end in NUL (a Stata
 * value-label set's name fills its 9, 33 or 129 bytes): copy at most the field. And whatever
 * the file's encoding claimed, the copy is valid UTF-8 (an invalid byte becomes U+FFFD), so
 * that what is imported also saves and reopens (issue 12). */
static char *
copy_text (const char *text,
           gsize       field_size)
{
  g_autofree char *raw = NULL;

  if (text == NULL)
    return NULL;
  raw = g_strndup (text, strnlen (text, field_size));
  return g_utf8_make_valid (raw, -1);
}

/* readstat_variable_t keeps its name and format in 256-byte fields and its label in 1024. */
#define NAME_FIELD_SIZE 256
#define LABEL_FIELD_SIZE 1024

static void
variable_free (Variable *v)
{
  g_free (v->name);
  g_free (v->label);
  g_free (v->format);
  g_free (v->label_set);
  g_clear_pointer (&v->numbers, g_array_unref);
  g_clear_pointer (&v->strings, g_ptr_array_unref);
  g_free (v);
}

static void
label_entry_clear (LabelEntry *e)
{
  g_free (e->string);
  g_free (e->label);
}

static const char *
format_name (EpFileFormat format)
{
  switch (format)
    {
    case EP_FILE_FORMAT_SAV:      return _("SPSS");
    case EP_FILE_FORMAT_DTA:      return _("Stata");
    case EP_FILE_FORMAT_SAS7BDAT: return _("SAS");
    case EP_FILE_FORMAT_XPORT:    return _("SAS transport");
    default:                      return "?";
    }
}

static int
on_metadata (readstat_metadata_t *metadata,
             void                *user_data)
{
  Context *ctx = user_data;

  ctx->n_rows_expected = readstat_get_row_count (metadata);
  return READSTAT_HANDLER_OK;
}

static int
on_variable (int                  index,
             readstat_variable_t *variable,
             const char          *val_labels,
             void                *user_data)
{
  Context *ctx = user_data;
  Variable *v;
  const char *label = readstat_variable_get_label (variable);
  const char *format = readstat_variable_get_format (variable);
  g_autofree char *name = copy_text (readstat_variable_get_name (variable), NAME_FIELD_SIZE);

  if (index < 0)
    return READSTAT_HANDLER_OK;
  v = g_new0 (Variable, 1);
  /* a blank name (ReadStat gives NULL for it) becomes V and the variable's number */
  if (name == NULL || *g_strstrip (name) == '\0')
    v->name = g_strdup_printf ("V%d", index + 1);
  else
    v->name = copy_text (readstat_variable_get_name (variable), NAME_FIELD_SIZE);
  v->label = (label != NULL && *label != '\0') ? copy_text (label, LABEL_FIELD_SIZE) : NULL;
  v->format = format != NULL ? copy_text (format, NAME_FIELD_SIZE) : g_strdup ("");
  v->label_set = (val_labels != NULL && *val_labels != '\0')
    ? copy_text (val_labels, ctx->label_set_size) : NULL;
  v->is_string = readstat_variable_get_type_class (variable) == READSTAT_TYPE_CLASS_STRING;
  if (v->is_string)
    v->strings = g_ptr_array_new_with_free_func (g_free);
  else
    v->numbers = g_array_new (FALSE, FALSE, sizeof (double));

  if ((guint) index >= ctx->variables->len)
    g_ptr_array_set_size (ctx->variables, index + 1);
  g_clear_pointer (&g_ptr_array_index (ctx->variables, index), variable_free);
  g_ptr_array_index (ctx->variables, index) = v;

  return READSTAT_HANDLER_OK;
}

static int
on_value (int                  obs_index,
          readstat_variable_t *variable,
          readstat_value_t     value,
          void                *user_data)
{
  Context *ctx = user_data;
  int index = readstat_variable_get_index (variable);
  Variable *v;
  gboolean missing;

  if (index < 0 || (guint) index >= ctx->variables->len ||
      (v = g_ptr_array_index (ctx->variables, index)) == NULL || obs_index < 0)
    return READSTAT_HANDLER_OK;

  ctx->n_rows_seen = MAX (ctx->n_rows_seen, (guint) obs_index + 1);
  /* system missing, Stata/SAS tagged missing (.a, .A) and SPSS user-defined missing */
  missing = readstat_value_is_missing (value, variable);

  if (v->is_string)
    {
      const char *s = missing ? NULL : readstat_string_value (value);

      if ((guint) obs_index >= v->strings->len)
        g_ptr_array_set_size (v->strings, obs_index + 1);
      g_ptr_array_index (v->strings, obs_index) = (s != NULL && *s != '\0') ? copy_text (s, G_MAXSIZE)
                                                                             : NULL;
    }
  else
    {
      double x = missing ? NAN : readstat_double_value (value);
      guint old = v->numbers->len;

      if ((guint) obs_index >= old)
        {
          g_array_set_size (v->numbers, obs_index + 1);
          for (guint i = old; i < (guint) obs_index; i++)
            g_array_index (v->numbers, double, i) = NAN;
        }
      g_array_index (v->numbers, double, obs_index) = isfinite (x) ? x : NAN;
    }

  return READSTAT_HANDLER_OK;
}

static int
on_value_label (const char       *val_labels,
                readstat_value_t  value,
                const char       *label,
                void             *user_data)
{
  Context *ctx = user_data;
  GArray *entries;
  LabelEntry e = { NAN, NULL, NULL };
  g_autofree char *set_name = NULL;

  /* a label for a tagged missing value (.a "not done") names a missing value */
  if (readstat_value_is_tagged_missing (value) || readstat_value_is_system_missing (value))
    return READSTAT_HANDLER_OK;

  set_name = copy_text (val_labels != NULL ? val_labels : "", ctx->label_set_size);
  entries = g_hash_table_lookup (ctx->label_sets, set_name);
  if (entries == NULL)
    {
      entries = g_array_new (FALSE, FALSE, sizeof (LabelEntry));
      g_array_set_clear_func (entries, (GDestroyNotify) label_entry_clear);
      g_hash_table_insert (ctx->label_sets, g_steal_pointer (&set_name), entries);
    }

  if (readstat_value_type_class (value) == READSTAT_TYPE_CLASS_STRING)
    e.string = copy_text (readstat_string_value (value), G_MAXSIZE);
  else
    e.value = readstat_double_value (value);
  e.label = copy_text (label != NULL ? label : "", G_MAXSIZE);
  g_array_append_val (entries, e);

  return READSTAT_HANDLER_OK;
}

static void
on_error (const char *message,
          void       *user_data)
{
  Context *ctx = user_data;

  if (ctx->messages->len > 0)
    g_string_append (ctx->messages, "; ");
  g_string_append (ctx->messages, message);
  while (ctx->messages->len > 0 && ctx->messages->str[ctx->messages->len - 1] == '\n')
    g_string_truncate (ctx->messages, ctx->messages->len - 1);
}

/* The date origin, in days since 1970-01-01, and the unit of a date-formatted variable:
 * FALSE when the format is not a date or datetime format. */
static gboolean
date_format (EpFileFormat  format,
             const char   *fmt,
             gint32       *origin,
             double       *units_per_day)
{
  g_autofree char *f = g_ascii_strup (fmt, -1);

  switch (format)
    {
    case EP_FILE_FORMAT_SAV:
      /* seconds since 1582-10-14 for both dates and datetimes */
      if (g_str_has_prefix (f, "DATE") || g_str_has_prefix (f, "ADATE") ||
          g_str_has_prefix (f, "EDATE") || g_str_has_prefix (f, "SDATE") ||
          g_str_has_prefix (f, "JDATE") || g_str_has_prefix (f, "DATETIME"))
        {
          ep_date_from_ymd (1582, 10, 14, origin);
          *units_per_day = 86400;
          return TRUE;
        }
      return FALSE;

    case EP_FILE_FORMAT_DTA:
      ep_date_from_ymd (1960, 1, 1, origin);
      if (g_str_has_prefix (f, "%TD") || g_str_has_prefix (f, "%D"))
        {
          *units_per_day = 1;
          return TRUE;
        }
      if (g_str_has_prefix (f, "%TC"))
        {
          *units_per_day = 86400000;
          return TRUE;
        }
      return FALSE;

    case EP_FILE_FORMAT_SAS7BDAT:
    case EP_FILE_FORMAT_XPORT:
      ep_date_from_ymd (1960, 1, 1, origin);
      if (g_str_has_prefix (f, "DATETIME") || g_str_has_prefix (f, "E8601DT"))
        {
          *units_per_day = 86400;
          return TRUE;
        }
      if (g_str_has_prefix (f, "DATE") || g_str_has_prefix (f, "MMDDYY") ||
          g_str_has_prefix (f, "DDMMYY") || g_str_has_prefix (f, "YYMMDD") ||
          g_str_has_prefix (f, "E8601DA") || g_str_has_prefix (f, "WEEKDATE") ||
          g_str_has_prefix (f, "WORDDATE"))
        {
          *units_per_day = 1;
          return TRUE;
        }
      return FALSE;

    default:
      return FALSE;
    }
}

/* The first bytes each format starts with, checked before ReadStat sees the file so that a
 * file of the wrong kind gets a clear message rather than a read error. */
static gboolean
has_magic (const char   *path,
           EpFileFormat  format)
{
  static const guchar sas7bdat_magic[32] = {
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xc2, 0xea, 0x81, 0x60, 0xb3, 0x14, 0x11, 0xcf, 0xbd, 0x92, 0x08, 0x00,
    0x09, 0xc7, 0x31, 0x8c, 0x18, 0x1f, 0x10, 0x11,
  };
  guchar head[80] = { 0 };
  gsize n = 0;
  FILE *file = fopen (path, "rb");

  if (file == NULL)
    return TRUE;      /* ReadStat reports the open error */
  n = fread (head, 1, sizeof head, file);
  fclose (file);

  switch (format)
    {
    case EP_FILE_FORMAT_SAV:
      /* $FL2 (.sav) or $FL3 (.zsav) */
      return n >= 4 && (memcmp (head, "$FL2", 4) == 0 || memcmp (head, "$FL3", 4) == 0);
    case EP_FILE_FORMAT_DTA:
      /* Stata 13+ is XML-like; older files start with the format version and byte order */
      return (n >= 11 && memcmp (head, "<stata_dta>", 11) == 0) ||
             (n >= 2 && head[0] >= 104 && head[0] <= 115 && (head[1] == 1 || head[1] == 2));
    case EP_FILE_FORMAT_SAS7BDAT:
      return n >= 32 && memcmp (head, sas7bdat_magic, 32) == 0;
    case EP_FILE_FORMAT_XPORT:
      return n >= 20 && memcmp (head, "HEADER RECORD*******", 20) == 0;
    default:
      return FALSE;
    }
}

/* The size of a value-label set's name field: Stata's lbllist entries are 9 bytes before
 * format 108, 33 up to 117, 129 from 118; the other formats' names are built by ReadStat. */
static gsize
label_set_size (const char   *path,
                EpFileFormat  format)
{
  char head[40] = { 0 };
  gsize n;
  int release = 0;
  FILE *file;

  if (format != EP_FILE_FORMAT_DTA || (file = fopen (path, "rb")) == NULL)
    return 256;
  n = fread (head, 1, sizeof head - 1, file);
  fclose (file);

  /* <stata_dta><header><release>118</release> */
  if (n >= 31 && memcmp (head, "<stata_dta><header><release>", 28) == 0)
    release = (head[28] - '0') * 100 + (head[29] - '0') * 10 + (head[30] - '0');
  else if (n >= 1)
    release = (guchar) head[0];
  if (release < 108)
    return 9;
  if (release < 118)
    return 33;
  return 129;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static EpTableColumn *
numeric_column (Context  *ctx,
                Variable *v,
                guint     n_rows,
                GError  **error)
{
  EpTableColumn *column;
  GArray *labels = v->label_set ? g_hash_table_lookup (ctx->label_sets, v->label_set) : NULL;
  gint32 origin;
  double per_day;

  if (labels != NULL && labels->len > 0)
    {
      /* Value labels: a category whose levels are the labelled and the present values in
       * numeric order, each shown by its label or, unlabelled, by its number. */
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GHashTable) code_of = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                             g_free, NULL);

      column = ep_table_column_new (v->name, EP_COLUMN_CATEGORY, n_rows);
      for (guint k = 0; k < labels->len; k++)
        if (!isnan (g_array_index (labels, LabelEntry, k).value))
          g_array_append_val (values, g_array_index (labels, LabelEntry, k).value);
      for (guint i = 0; i < v->numbers->len; i++)
        if (!isnan (g_array_index (v->numbers, double, i)))
          g_array_append_val (values, g_array_index (v->numbers, double, i));
      g_array_sort (values, compare_doubles);

      for (guint k = 0; k < values->len; k++)
        {
          double x = g_array_index (values, double, k);
          gint64 *key;
          const char *text = NULL;
          g_autofree char *number = NULL;

          if (k > 0 && x == g_array_index (values, double, k - 1))
            continue;
          for (guint m = 0; m < labels->len && text == NULL; m++)
            if (g_array_index (labels, LabelEntry, m).value == x)
              text = g_array_index (labels, LabelEntry, m).label;
          /* an empty label is no label: a level "" would read as a missing cell, and the
           * project's labels refuse it on reopening (a fuzzer's .sav did that) */
          if (text == NULL || *text == '\0')
            text = number = ep_value_format_number (x);

          key = g_new (gint64, 1);
          memcpy (key, &x, sizeof x);
          g_hash_table_insert (code_of, key,
                               GINT_TO_POINTER (ep_table_column_intern_level (column, text) + 1));
        }

      for (guint i = 0; i < v->numbers->len; i++)
        {
          double x = g_array_index (v->numbers, double, i);
          gint64 key;

          if (isnan (x))
            continue;
          memcpy (&key, &x, sizeof x);
          g_array_index (column->values, gint32, i) =
            GPOINTER_TO_INT (g_hash_table_lookup (code_of, &key)) - 1;
        }
      /* The labelled codes' order is the level order (1 = "Male" before 2 = "Female"), not
       * the labels' alphabetical one: kept as the column's value labels (issue 13). */
      column->value_labels = g_ptr_array_new_with_free_func ((GDestroyNotify) ep_value_label_free);
      for (guint k = 0; k < column->levels->len; k++)
        g_ptr_array_add (column->value_labels,
                         ep_value_label_new (g_ptr_array_index (column->levels, k), NULL));
      return column;
    }

  if (date_format (ctx->format, v->format, &origin, &per_day))
    {
      column = ep_table_column_new (v->name, EP_COLUMN_DATE, n_rows);
      for (guint i = 0; i < v->numbers->len; i++)
        {
          double x = g_array_index (v->numbers, double, i);

          double days;

          if (isnan (x))
            continue;
          /* in double: 1e300 or 4e15 must not reach an integer cast */
          days = floor (x / per_day) + origin;
          if (!(days >= EP_DATE_MIN && days <= EP_DATE_MAX))
            {
              g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_INVALID,
                           /* TRANSLATORS: trial.dta: row 3: variable "randdate": the date is ... */
                           _("%s: row %u: variable “%s”: the date is outside the years 1 to 9999"),
                           ctx->display_name, i + 1, v->name);
              ep_table_column_free (column);
              return NULL;
            }
          g_array_index (column->values, gint32, i) = (gint32) days;
        }
      return column;
    }

  column = ep_table_column_new (v->name, EP_COLUMN_NUMBER, n_rows);
  for (guint i = 0; i < v->numbers->len; i++)
    g_array_index (column->values, double, i) = g_array_index (v->numbers, double, i);

  return column;
}

static EpTableColumn *
string_column (Context  *ctx,
               Variable *v,
               guint     n_rows)
{
  GArray *labels = v->label_set ? g_hash_table_lookup (ctx->label_sets, v->label_set) : NULL;
  g_autofree const char **texts = g_new0 (const char *, MAX (n_rows, 1));
  EpColumnType type;
  EpTableColumn *column;

  for (guint i = 0; i < n_rows; i++)
    {
      const char *s = i < v->strings->len ? g_ptr_array_index (v->strings, i) : NULL;

      if (s != NULL && labels != NULL)
        for (guint m = 0; m < labels->len; m++)
          if (g_strcmp0 (g_array_index (labels, LabelEntry, m).string, s) == 0)
            {
              s = g_array_index (labels, LabelEntry, m).label;
              break;
            }
      texts[i] = s != NULL ? s : "";
    }

  type = labels != NULL ? EP_COLUMN_CATEGORY : ep_import_guess_type (texts, n_rows, '.');
  column = ep_table_column_new (v->name, type, n_rows);
  /* the type was guessed from these very texts: they fit */
  if (!ep_table_column_set_texts (column, texts, n_rows, '.', NULL, NULL))
    g_return_val_if_reached (column);

  return column;
}

EpTable *
ep_readstat_import (const char    *path,
                    EpFileFormat   format,
                    GError       **error)
{
  return ep_readstat_import_monitored (path, format, NULL, NULL, NULL, error);
}

EpTable *
ep_readstat_import_monitored (const char            *path,
                              EpFileFormat           format,
                              EpImportProgressFunc   progress,
                              gpointer               progress_data,
                              GCancellable          *cancellable,
                              GError               **error)
{
  g_autofree char *display_name = g_path_get_basename (path);
  g_autoptr(GPtrArray) variables = g_ptr_array_new_with_free_func ((GDestroyNotify) variable_free);
  g_autoptr(GHashTable) label_sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) g_array_unref);
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(EpTable) table = NULL;
  Context ctx = { display_name, format, -1, 0, variables, label_sets, messages, 0,
                  progress, progress_data, cancellable };
  readstat_parser_t *parser;
  readstat_error_t status;
  guint n_rows;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_OPEN,
                   _("%s: the file does not exist or cannot be read"), display_name);
      return NULL;
    }

  ctx.label_set_size = label_set_size (path, format);
  if (!has_magic (path, format))
    {
      g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_BAD_FILE,
                   /* TRANSLATORS: trial.sav: not in SPSS format (wrong magic number) */
                   _("%s: not in %s format (wrong magic number)"),
                   display_name, format_name (format));
      return NULL;
    }

  parser = readstat_parser_init ();
  readstat_set_metadata_handler (parser, on_metadata);
  readstat_set_variable_handler (parser, on_variable);
  readstat_set_value_handler (parser, on_value);
  readstat_set_value_label_handler (parser, on_value_label);
  readstat_set_error_handler (parser, on_error);
  readstat_set_progress_handler (parser, on_progress);
  readstat_set_handler_character_encoding (parser, "UTF-8");

  switch (format)
    {
    case EP_FILE_FORMAT_SAV:      status = readstat_parse_sav (parser, path, &ctx); break;
    case EP_FILE_FORMAT_DTA:      status = readstat_parse_dta (parser, path, &ctx); break;
    case EP_FILE_FORMAT_SAS7BDAT: status = readstat_parse_sas7bdat (parser, path, &ctx); break;
    case EP_FILE_FORMAT_XPORT:    status = readstat_parse_xport (parser, path, &ctx); break;
    default:                      status = READSTAT_ERROR_PARSE; break;
    }
  readstat_parser_free (parser);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (status != READSTAT_OK)
    {
      const char *detail = messages->len > 0 ? messages->str : readstat_error_message (status);

      if (status == READSTAT_ERROR_OPEN)
        g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_OPEN,
                     _("%s: the file cannot be opened"), display_name);
      else if (ctx.n_rows_seen == 0 && (status == READSTAT_ERROR_READ || status == READSTAT_ERROR_SEEK))
        g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_TRUNCATED,
                     _("%s: the file ends early or is damaged before the first row (%s)"),
                     display_name, detail);
      else if (ctx.n_rows_seen > 0 || status == READSTAT_ERROR_READ || status == READSTAT_ERROR_SEEK ||
               status == READSTAT_ERROR_ROW_COUNT_MISMATCH)
        g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_TRUNCATED,
                     /* TRANSLATORS: trial.sav: row 12: the file ends early or is damaged (...) */
                     _("%s: row %u: the file ends early or is damaged (%s)"),
                     display_name, ctx.n_rows_seen + 1, detail);
      else
        g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_BAD_FILE,
                     /* TRANSLATORS: trial.sav: not a valid SPSS file (...) */
                     _("%s: not a valid %s file: wrong magic number or a damaged header (%s)"),
                     display_name, format_name (format), detail);
      return NULL;
    }

  if (ctx.n_rows_expected >= 0 && (long) ctx.n_rows_seen < ctx.n_rows_expected &&
      variables->len > 0)
    {
      g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_TRUNCATED,
                   _("%s: row %u: the file ends early: %u of %ld rows"),
                   display_name, ctx.n_rows_seen + 1, ctx.n_rows_seen, ctx.n_rows_expected);
      return NULL;
    }

  n_rows = ctx.n_rows_seen;
  table = ep_table_new (n_rows);
  for (guint j = 0; j < variables->len; j++)
    {
      Variable *v = g_ptr_array_index (variables, j);
      EpTableColumn *column;
      g_autoptr(GError) local_error = NULL;

      if (v == NULL)
        continue;
      column = v->is_string ? string_column (&ctx, v, n_rows)
                            : numeric_column (&ctx, v, n_rows, error);
      if (column == NULL)
        return NULL;
      column->label = g_strdup (v->label);
      /* two variables with one name: the message names the file */
      if (!ep_table_insert_column (table, ep_table_get_n_columns (table), column, &local_error))
        {
          g_set_error (error, EP_IMPORT_ERROR, EP_IMPORT_ERROR_INVALID, "%s: %s",
                       display_name, local_error->message);
          return NULL;
        }
    }

  return g_steal_pointer (&table);
}
