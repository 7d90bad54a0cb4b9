/* ep-figure-csv-dialog.c: a Kaplan-Meier (or cumulative incidence) figure from a data file
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The options of endpoint-cli km (--csv --time --event --group) in a small dialog, until the
 * cohort editor makes figures from analyses: choose a file (GtkFileChooserNative), which is read
 * with the app's importer into an EpCohort; the column rows then offer its header, with a guess
 * from the names; Create makes the EpFigure in a worker thread, or shows the data error (file,
 * line, column) and stays open.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "app/ep-figure-csv-dialog.h"

struct _EpFigureCsvDialog
{
  AdwWindow             parent_instance;

  EpCohort             *cohort;
  char                 *path;
  GtkStringList        *columns;       /* the cohort's column names */
  GtkStringList        *group_columns; /* "None", then the names */

  /* Template children */
  AdwActionRow         *file_row;
  AdwComboRow          *kind_row;
  AdwPreferencesGroup  *columns_group;
  AdwComboRow          *time_row;
  AdwComboRow          *event_row;
  AdwComboRow          *group_row;
  GtkLabel             *error_label;
};

G_DEFINE_FINAL_TYPE (EpFigureCsvDialog, ep_figure_csv_dialog, ADW_TYPE_WINDOW)

enum {
  FIGURE_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
ep_figure_csv_dialog_show_error (EpFigureCsvDialog *self,
                                 const GError      *error)
{
  g_assert (EP_IS_FIGURE_CSV_DIALOG (self));

  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

/* The first column whose lower-case name contains one of the words, else fallback. */
static guint
guess_column (EpCohort           *cohort,
              const char * const *words,
              gboolean            numbers_only,
              guint               fallback)
{
  guint n = ep_cohort_get_n_columns (cohort);

  for (guint w = 0; words[w] != NULL; w++)
    for (guint c = 0; c < n; c++)
      {
        EpCohortColumn *column = ep_cohort_get_column (cohort, c);
        g_autofree char *name = g_utf8_strdown (ep_cohort_column_get_name (column), -1);

        if (numbers_only && ep_cohort_column_get_column_type (column) != EP_COLUMN_NUMBER)
          continue;
        if (strstr (name, words[w]) != NULL)
          return c;
      }

  return fallback;
}

static void
ep_figure_csv_dialog_guess (EpFigureCsvDialog *self)
{
  static const char * const time_words[] = { "time", "month", "day", "week", "year", "os", "pfs", "efs", "rfs", NULL };
  static const char * const event_words[] = { "status", "event", "dead", "death", "died", "censor", "relapse", "fail", NULL };
  static const char * const group_words[] = { "group", "arm", "treatment", "trt", "cohort", NULL };
  guint n = ep_cohort_get_n_columns (self->cohort);
  guint time, event, group;

  g_assert (EP_IS_FIGURE_CSV_DIALOG (self));

  time = guess_column (self->cohort, time_words, TRUE, 0);
  event = guess_column (self->cohort, event_words, TRUE, MIN (time + 1, n - 1));
  group = guess_column (self->cohort, group_words, FALSE, G_MAXUINT);

  adw_combo_row_set_selected (self->time_row, time);
  adw_combo_row_set_selected (self->event_row, event);
  adw_combo_row_set_selected (self->group_row, group != G_MAXUINT && group != time && group != event ? group + 1 : 0);
}

static void
ep_figure_csv_dialog_kind_changed_cb (EpFigureCsvDialog *self)
{
  gboolean cif = adw_combo_row_get_selected (self->kind_row) == 1;

  g_assert (EP_IS_FIGURE_CSV_DIALOG (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->event_row), cif ? _("Status") : _("Event"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->event_row),
                               cif ? _("0 = censored, 1, 2, … = the cause of failure")
                                   : _("1 = event, 0 = censored"));
}

static void
choose_file_response_cb (GtkNativeDialog   *chooser,
                         int                response,
                         EpFigureCsvDialog *self)
{
  g_assert (EP_IS_FIGURE_CSV_DIALOG (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (file != NULL && !ep_figure_csv_dialog_load_file (self, file, &error))
        ep_figure_csv_dialog_show_error (self, error);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
ep_figure_csv_dialog_choose_file_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  EpFigureCsvDialog *self = EP_FIGURE_CSV_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) data = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  static const char * const suffixes[] = { "csv", "txt", "tsv", "tab", "sav", "zsav", "dta", "sas7bdat", "xpt" };

  gtk_file_filter_set_name (data, _("Data Files"));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (data, suffixes[i]);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  chooser = gtk_file_chooser_native_new (_("Open Data File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), data);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (choose_file_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void ep_figure_csv_dialog_create_action (GtkWidget  *widget,
                                                const char *action_name,
                                                GVariant   *param);

static void
ep_figure_csv_dialog_dispose (GObject *object)
{
  EpFigureCsvDialog *self = EP_FIGURE_CSV_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EP_TYPE_FIGURE_CSV_DIALOG);
  g_clear_object (&self->cohort);
  g_clear_object (&self->columns);
  g_clear_object (&self->group_columns);

  G_OBJECT_CLASS (ep_figure_csv_dialog_parent_class)->dispose (object);
}

static void
ep_figure_csv_dialog_finalize (GObject *object)
{
  EpFigureCsvDialog *self = EP_FIGURE_CSV_DIALOG (object);

  g_free (self->path);

  G_OBJECT_CLASS (ep_figure_csv_dialog_parent_class)->finalize (object);
}

static void
ep_figure_csv_dialog_class_init (EpFigureCsvDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_figure_csv_dialog_dispose;
  object_class->finalize = ep_figure_csv_dialog_finalize;

  /**
   * EpFigureCsvDialog::figure-created:
   * @figure: the new EpFigure
   * @cohort: the data it was made from, read from the file
   * @source: the figure's data source (ep-figure-source.h) without its "cohort" member, which
   *   the receiver sets to the name it keeps the cohort under
   */
  signals[FIGURE_CREATED] =
    g_signal_new ("figure-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  EP_TYPE_FIGURE, EP_TYPE_COHORT, JSON_TYPE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-figure-csv-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EpFigureCsvDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureCsvDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureCsvDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, EpFigureCsvDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureCsvDialog, event_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureCsvDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, EpFigureCsvDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, ep_figure_csv_dialog_kind_changed_cb);

  gtk_widget_class_install_action (widget_class, "csv.choose-file", NULL, ep_figure_csv_dialog_choose_file_action);
  gtk_widget_class_install_action (widget_class, "csv.create", NULL, ep_figure_csv_dialog_create_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ep_figure_csv_dialog_init (EpFigureCsvDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->columns = gtk_string_list_new (NULL);
  self->group_columns = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->time_row, G_LIST_MODEL (self->columns));
  adw_combo_row_set_model (self->event_row, G_LIST_MODEL (self->columns));
  adw_combo_row_set_model (self->group_row, G_LIST_MODEL (self->group_columns));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "csv.create", FALSE);
}

GtkWidget *
ep_figure_csv_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (EP_TYPE_FIGURE_CSV_DIALOG,
                       "transient-for", parent,
                       NULL);
}

gboolean
ep_figure_csv_dialog_load_file (EpFigureCsvDialog  *self,
                                GFile              *file,
                                GError            **error)
{
  g_autoptr(EpCohort) cohort = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  guint n;

  g_return_val_if_fail (EP_IS_FIGURE_CSV_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only local files can be read"));
      return FALSE;
    }
  cohort = ep_cohort_new_from_file (path, NULL, error);
  if (cohort == NULL)
    return FALSE;

  g_set_object (&self->cohort, cohort);
  g_free (self->path);
  self->path = g_steal_pointer (&path);

  n = ep_cohort_get_n_columns (cohort);
  gtk_string_list_splice (self->columns, 0, g_list_model_get_n_items (G_LIST_MODEL (self->columns)), NULL);
  gtk_string_list_splice (self->group_columns, 0, g_list_model_get_n_items (G_LIST_MODEL (self->group_columns)), NULL);
  gtk_string_list_append (self->group_columns, _("None"));
  for (guint c = 0; c < n; c++)
    {
      const char *name = ep_cohort_column_get_name (ep_cohort_get_column (cohort, c));

      gtk_string_list_append (self->columns, name);
      gtk_string_list_append (self->group_columns, name);
    }
  if (n > 0)
    ep_figure_csv_dialog_guess (self);

  basename = g_file_get_basename (file);
  adw_action_row_set_subtitle (self->file_row, basename);
  gtk_widget_set_sensitive (GTK_WIDGET (self->columns_group), n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "csv.create", n > 0);
  ep_figure_csv_dialog_show_error (self, NULL);

  return TRUE;
}

static gboolean
select_by_name (AdwComboRow *row,
                guint        offset,
                const char  *name)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = offset; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), name) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
ep_figure_csv_dialog_set_columns (EpFigureCsvDialog *self,
                                  const char        *time_column,
                                  const char        *event_column,
                                  const char        *group_column)
{
  g_return_val_if_fail (EP_IS_FIGURE_CSV_DIALOG (self), FALSE);
  g_return_val_if_fail (time_column != NULL && event_column != NULL, FALSE);

  if (!select_by_name (self->time_row, 0, time_column) ||
      !select_by_name (self->event_row, 0, event_column))
    return FALSE;
  if (group_column == NULL)
    {
      adw_combo_row_set_selected (self->group_row, 0);
      return TRUE;
    }

  return select_by_name (self->group_row, 1, group_column);
}

void
ep_figure_csv_dialog_set_kind (EpFigureCsvDialog *self,
                               EpFigureKind       kind)
{
  g_return_if_fail (EP_IS_FIGURE_CSV_DIALOG (self));
  g_return_if_fail (kind == EP_FIGURE_KM || kind == EP_FIGURE_CIF);

  adw_combo_row_set_selected (self->kind_row, kind == EP_FIGURE_CIF ? 1 : 0);
}

static const char *
selected_name (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/* What Create makes the figure from; copied, so a worker thread can use it. */
typedef struct
{
  char     *path;
  char     *time;
  char     *event;
  char     *group;
  gboolean  cif;
} Request;

static void
request_free (Request *request)
{
  g_free (request->path);
  g_free (request->time);
  g_free (request->event);
  g_free (request->group);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static Request *
ep_figure_csv_dialog_get_request (EpFigureCsvDialog  *self,
                                  GError            **error)
{
  Request *request;

  g_assert (EP_IS_FIGURE_CSV_DIALOG (self));

  if (self->cohort == NULL)
    {
      g_set_error_literal (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_NO_DATA,
                           _("Choose a data file first"));
      return NULL;
    }

  request = g_new0 (Request, 1);
  request->path = g_strdup (self->path);
  request->time = g_strdup (selected_name (self->time_row));
  request->event = g_strdup (selected_name (self->event_row));
  if (adw_combo_row_get_selected (self->group_row) > 0)
    request->group = g_strdup (selected_name (self->group_row));
  request->cif = adw_combo_row_get_selected (self->kind_row) == 1;

  return request;
}

/* The figure and the data it was made from: the data go into the project with the figure, so
 * the project keeps working when the file is moved or changed. */
typedef struct
{
  EpFigure *figure;
  EpCohort *cohort;
} Created;

static void
created_free (Created *created)
{
  g_clear_object (&created->figure);
  g_clear_object (&created->cohort);
  g_free (created);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Created, created_free)

/* Reads the file again (in a worker thread, the dialog's cohort stays on the main thread) and
 * fits: a data error names the file's line. */
static Created *
make_figure (const Request  *request,
             GError        **error)
{
  g_autoptr(Created) created = g_new0 (Created, 1);

  if (g_strcmp0 (request->time, request->event) == 0)
    {
      g_set_error_literal (error, EP_FIGURE_ERROR, EP_FIGURE_ERROR_INVALID,
                           _("The time and the event must be different columns"));
      return NULL;
    }

  created->cohort = ep_cohort_new_from_file (request->path, NULL, error);
  if (created->cohort == NULL)
    return NULL;

  if (request->cif)
    created->figure = ep_figure_new_cif (created->cohort, request->time, request->event,
                                         request->group, error);
  else
    created->figure = ep_figure_new_km_columns_of_file (created->cohort, request->path,
                                                        request->time, request->event,
                                                        request->group, error);
  if (created->figure == NULL)
    return NULL;

  return g_steal_pointer (&created);
}

/* The source of ep-figure-source.h, but for the cohort's name. */
static JsonObject *
request_to_source (const Request *request)
{
  JsonObject *source = json_object_new ();

  json_object_set_string_member (source, "kind", request->cif ? "cif" : "km");
  json_object_set_string_member (source, "time", request->time);
  json_object_set_string_member (source, request->cif ? "status" : "event", request->event);
  if (request->group != NULL)
    json_object_set_string_member (source, "group", request->group);

  return source;
}

static void
ep_figure_csv_dialog_finish (EpFigureCsvDialog *self,
                             const Request     *request,
                             Created           *created,
                             const GError      *error)
{
  g_autoptr(JsonObject) source = NULL;

  g_assert (EP_IS_FIGURE_CSV_DIALOG (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "csv.create", TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->columns_group), TRUE);

  if (created == NULL)
    {
      ep_figure_csv_dialog_show_error (self, error);
      return;
    }

  source = request_to_source (request);
  g_signal_emit (self, signals[FIGURE_CREATED], 0, created->figure, created->cohort, source);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  Created *created = make_figure (task_data, &error);

  if (created != NULL)
    g_task_return_pointer (task, created, (GDestroyNotify) created_free);
  else
    g_task_return_error (task, error);
}

static void
create_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  EpFigureCsvDialog *self = EP_FIGURE_CSV_DIALOG (source_object);
  g_autoptr(GError) error = NULL;
  g_autoptr(Created) created = g_task_propagate_pointer (G_TASK (result), &error);

  ep_figure_csv_dialog_finish (self, g_task_get_task_data (G_TASK (result)), created, error);
}

/* Create: the fit runs in a worker thread (a million rows take about a second to read and fit),
 * so the window keeps drawing; the dialog waits with its controls off. */
static void
ep_figure_csv_dialog_create_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  EpFigureCsvDialog *self = EP_FIGURE_CSV_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  Request *request;

  request = ep_figure_csv_dialog_get_request (self, &error);
  if (request == NULL)
    {
      ep_figure_csv_dialog_show_error (self, error);
      return;
    }

  gtk_widget_action_set_enabled (widget, "csv.create", FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->columns_group), FALSE);
  ep_figure_csv_dialog_show_error (self, NULL);

  task = g_task_new (self, NULL, create_done_cb, NULL);
  g_task_set_source_tag (task, ep_figure_csv_dialog_create_action);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, create_thread);
}

EpFigure *
ep_figure_csv_dialog_create (EpFigureCsvDialog  *self,
                             GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(Request) request = NULL;
  g_autoptr(Created) created = NULL;

  g_return_val_if_fail (EP_IS_FIGURE_CSV_DIALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  request = ep_figure_csv_dialog_get_request (self, &local_error);
  if (request != NULL)
    created = make_figure (request, &local_error);

  /* Keeps the figure alive past the dialog's destruction for the caller. */
  g_object_ref (self);
  ep_figure_csv_dialog_finish (self, request, created, local_error);
  g_object_unref (self);

  if (created == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&created->figure);
}
