/* ep-cohort-page.c: the Cohorts page: the widget, its cohort, its views and entry points
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three views in a stack:
 *  - welcome: Import… and the bundled examples (ep_cohort_list_examples);
 *  - editor: the cohort as a spreadsheet (ep-cohort-page-table.c) beside the side panel of its
 *    endpoints and columns (EpCohortSidebar);
 *  - results: EpAnalysisResults of the last analysis run (ep-cohort-page-analysis.c).
 * Every edit is the cohort's, so Ctrl+Z / Ctrl+Shift+Z are the cohort's undo and redo; the
 * actions are in ep-cohort-page-actions.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-cohort-page-private.h"
#include "app/ep-import-dialog.h"
#include "app/ep-window.h"

G_DEFINE_FINAL_TYPE (EpCohortPage, ep_cohort_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_COHORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ANALYSIS_RUN,
  ANALYSIS_REMOVE,
  ANALYSIS_EDIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_ep_cohort_page_show_message (EpCohortPage *self,
                              const char   *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_assert (EP_IS_COHORT_PAGE (self));

  g_free (self->message);
  self->message = g_strdup (message);
  /* Toast titles are markup; the message may quote what the user typed. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_ep_cohort_page_update_count (EpCohortPage *self)
{
  g_autofree char *rows = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *text = NULL;
  guint n_rows, n_missing = 0, shown;

  g_assert (EP_IS_COHORT_PAGE (self));

  if (self->cohort == NULL)
    {
      gtk_label_set_text (self->count_label, "");
      return;
    }

  n_rows = ep_cohort_get_n_rows (self->cohort);
  for (guint c = 0; c < ep_cohort_get_n_columns (self->cohort); c++)
    n_missing += ep_cohort_column_get_n_missing (ep_cohort_get_column (self->cohort, c));
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  if (self->filter_text != NULL)
    /* TRANSLATORS: "12 of 30 rows shown" */
    rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u row shown", "%u of %u rows shown", n_rows),
                            shown, n_rows);
  else
    rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n_rows), n_rows);
  missing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u missing value", "%u missing values", n_missing),
                             n_missing);
  /* TRANSLATORS: "30 rows · 14 columns · 5 missing values" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u column · %s", "%s · %u columns · %s",
                                       ep_cohort_get_n_columns (self->cohort)),
                          rows, ep_cohort_get_n_columns (self->cohort), missing);
  gtk_label_set_text (self->count_label, text);
}

void
_ep_cohort_page_update_actions (EpCohortPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean have = self->cohort != NULL;
  gboolean selected = FALSE;

  g_assert (EP_IS_COHORT_PAGE (self));

  if (have)
    {
      g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

      selected = !gtk_bitset_is_empty (set);
    }

  /* The buttons say what they would undo: "Undo Edit cell (Ctrl+Z)". */
  {
    const char *undo = have ? ep_cohort_get_undo_label (self->cohort) : NULL;
    const char *redo = have ? ep_cohort_get_redo_label (self->cohort) : NULL;
    g_autofree char *undo_tip = undo != NULL ? g_strdup_printf (_("Undo %s (Ctrl+Z)"), undo) : g_strdup (_("Undo (Ctrl+Z)"));
    g_autofree char *redo_tip = redo != NULL ? g_strdup_printf (_("Redo %s (Ctrl+Shift+Z)"), redo) : g_strdup (_("Redo (Ctrl+Shift+Z)"));

    gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
    gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
  }
  gtk_widget_action_set_enabled (widget, "cohort.undo", have && ep_cohort_can_undo (self->cohort));
  gtk_widget_action_set_enabled (widget, "cohort.redo", have && ep_cohort_can_redo (self->cohort));
  gtk_widget_action_set_enabled (widget, "cohort.add-row", have);
  gtk_widget_action_set_enabled (widget, "cohort.duplicate-row", have && selected);
  gtk_widget_action_set_enabled (widget, "cohort.delete-rows", have && selected);
  gtk_widget_action_set_enabled (widget, "cohort.add-column", have);
  gtk_widget_action_set_enabled (widget, "cohort.add-endpoint", have);
  gtk_widget_action_set_enabled (widget, "cohort.analyze", have);
  gtk_widget_action_set_enabled (widget, "cohort.export", have);
  gtk_widget_action_set_enabled (widget, "cohort.close", have);
  gtk_widget_action_set_enabled (widget, "cohort.show-results",
                                 have && (self->shown != NULL
                                          || (self->analyses != NULL
                                              && g_list_model_get_n_items (G_LIST_MODEL (self->analyses)) > 0)));
  gtk_widget_action_set_enabled (widget, "cohort.edit-analysis", have && self->shown != NULL);
  gtk_widget_action_set_enabled (widget, "cohort.duplicate-analysis", have && self->shown != NULL);
  gtk_widget_action_set_enabled (widget, "cohort.remove-analysis",
                                 have && self->shown != NULL && ep_analysis_get_id (self->shown) != NULL);
  /* Figures live in the window; a page on its own (a test) has nowhere to send one. */
  gtk_widget_action_set_enabled (widget, "cohort.show-figure",
                                 have && self->shown != NULL && ep_analysis_has_results (self->shown)
                                 && EP_IS_WINDOW (gtk_widget_get_root (widget)));
  /* a landmark analysis's Simon-Makuch curves (issue 16) */
  gtk_widget_action_set_enabled (widget, "cohort.show-simon-makuch",
                                 have && self->shown != NULL && ep_analysis_has_results (self->shown)
                                 && ep_analysis_get_simon_makuch (self->shown) != NULL
                                 && EP_IS_WINDOW (gtk_widget_get_root (widget)));
}

void
_ep_cohort_page_emit_analysis_remove (EpCohortPage *self,
                                      EpAnalysis   *analysis)
{
  g_assert (EP_IS_COHORT_PAGE (self));

  g_signal_emit (self, signals[ANALYSIS_REMOVE], 0, analysis);
}

void
_ep_cohort_page_emit_analysis_edit (EpCohortPage *self,
                                    EpAnalysis   *analysis,
                                    EpAnalysis   *with_options)
{
  g_assert (EP_IS_COHORT_PAGE (self));

  g_signal_emit (self, signals[ANALYSIS_EDIT], 0, analysis, with_options);
}

void
_ep_cohort_page_emit_analysis_run (EpCohortPage *self,
                                   EpAnalysis   *analysis)
{
  g_assert (EP_IS_COHORT_PAGE (self));

  g_signal_emit (self, signals[ANALYSIS_RUN], 0, analysis);
}

/* The cohort */

static void
cohort_undo_changed_cb (EpCohortPage *self,
                        GParamSpec   *pspec,
                        EpCohort     *cohort)
{
  _ep_cohort_page_update_actions (self);
  _ep_cohort_page_update_count (self);
}

static void
cohort_columns_changed_cb (EpCohortPage *self,
                           guint         position,
                           guint         removed,
                           guint         added,
                           GListModel   *columns)
{
  _ep_cohort_page_rebuild_columns (self);
}

static void
selection_changed_cb (EpCohortPage *self,
                      guint         position,
                      guint         n_items,
                      GtkSelectionModel *selection)
{
  _ep_cohort_page_update_actions (self);
}

void
ep_cohort_page_set_cohort (EpCohortPage *self,
                           EpCohort     *cohort)
{
  g_return_if_fail (EP_IS_COHORT_PAGE (self));
  g_return_if_fail (cohort == NULL || EP_IS_COHORT (cohort));

  if (self->cohort == cohort)
    return;

  if (self->cohort != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->cohort, self);
      g_signal_handlers_disconnect_by_data (ep_cohort_get_columns (self->cohort), self);
      for (guint c = 0; c < ep_cohort_get_n_columns (self->cohort); c++)
        g_signal_handlers_disconnect_by_data (ep_cohort_get_column (self->cohort, c), self);
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  for (guint k = 0; k < G_N_ELEMENTS (self->last); k++)
    g_clear_object (&self->last[k]);
  g_clear_object (&self->shown);
  ep_analysis_results_set_analysis (self->results, NULL, NULL);

  g_set_object (&self->cohort, cohort);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (cohort));

  if (cohort != NULL)
    {
      g_signal_connect_object (cohort, "notify::can-undo", G_CALLBACK (cohort_undo_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (cohort, "notify::can-redo", G_CALLBACK (cohort_undo_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (cohort, "notify::n-rows", G_CALLBACK (cohort_undo_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (ep_cohort_get_columns (cohort), "items-changed",
                               G_CALLBACK (cohort_columns_changed_cb), self, G_CONNECT_SWAPPED);
    }
  ep_cohort_sidebar_set_cohort (self->sidebar, cohort);
  if (self->analyses_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->analyses_filter), GTK_FILTER_CHANGE_DIFFERENT);

  _ep_cohort_page_rebuild_columns (self);
  _ep_cohort_page_update_count (self);
  _ep_cohort_page_update_actions (self);
  gtk_stack_set_visible_child_name (self->stack, cohort != NULL ? "editor" : "welcome");
  /* On a small screen the data comes first; the side panel is a click away. */
  if (cohort != NULL)
    adw_flap_set_reveal_flap (self->flap, gtk_widget_get_width (GTK_WIDGET (self)) >= 1000);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COHORT]);
}

/* Files */

static void
import_dialog_import_cb (EpImportDialog *dialog,
                         GFile          *file,
                         EpCohortPage   *self)
{
  g_clear_pointer (&self->import_roles, g_hash_table_unref);
  self->import_roles = ep_import_dialog_get_confirmed_roles (dialog);
  ep_cohort_page_import_file (self, file, ep_import_dialog_get_options (dialog));
}

/* Delimited text and spreadsheets go through the preview (encoding, delimiter, decimal mark
 * or sheet, header, types); SPSS, Stata and SAS files say what they hold themselves. */
EpImportDialog *
ep_cohort_page_import (EpCohortPage *self,
                       GFile        *file)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  EpImportDialog *dialog;
  EpFileFormat format;

  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  format = path != NULL ? ep_import_format_for_path (path) : EP_FILE_FORMAT_UNKNOWN;
  if (format != EP_FILE_FORMAT_CSV && format != EP_FILE_FORMAT_TSV &&
      format != EP_FILE_FORMAT_XLSX && format != EP_FILE_FORMAT_ODS && format != EP_FILE_FORMAT_XLS)
    {
      ep_cohort_page_import_file (self, file, NULL);
      return NULL;
    }

  dialog = ep_import_dialog_new (file, &error);
  if (dialog == NULL)
    {
      _ep_cohort_page_show_message (self, error->message);
      return NULL;
    }
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "import", G_CALLBACK (import_dialog_import_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/* GObject */

static void
ep_cohort_page_dispose (GObject *object)
{
  EpCohortPage *self = EP_COHORT_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  _ep_cohort_page_import_dispose (self);
  if (self->cohort != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->cohort, self);
      for (guint c = 0; c < ep_cohort_get_n_columns (self->cohort); c++)
        g_signal_handlers_disconnect_by_data (ep_cohort_get_column (self->cohort, c), self);
    }
  g_clear_object (&self->cancellable);
  for (guint k = 0; k < G_N_ELEMENTS (self->last); k++)
    g_clear_object (&self->last[k]);
  g_clear_object (&self->shown);
  g_clear_object (&self->editing);
  if (self->analysis_list != NULL)
    ep_analysis_list_set_model (self->analysis_list, NULL);
  g_clear_object (&self->analyses);
  g_clear_object (&self->analyses_filter);
  _ep_cohort_page_table_dispose (self);
  g_clear_object (&self->cohort);

  G_OBJECT_CLASS (ep_cohort_page_parent_class)->dispose (object);
}

static void
ep_cohort_page_finalize (GObject *object)
{
  EpCohortPage *self = EP_COHORT_PAGE (object);

  g_free (self->examples_dir);
  g_free (self->message);
  g_free (self->filter_text);

  G_OBJECT_CLASS (ep_cohort_page_parent_class)->finalize (object);
}

static void
ep_cohort_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EpCohortPage *self = EP_COHORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_COHORT:
      g_value_set_object (value, self->cohort);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_cohort_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EpCohortPage *self = EP_COHORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_COHORT:
      ep_cohort_page_set_cohort (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_cohort_page_class_init (EpCohortPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_cohort_page_dispose;
  object_class->finalize = ep_cohort_page_finalize;
  object_class->get_property = ep_cohort_page_get_property;
  object_class->set_property = ep_cohort_page_set_property;

  properties[PROP_COHORT] =
    g_param_spec_object ("cohort", NULL, NULL, EP_TYPE_COHORT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EpCohortPage::analysis-run:
   * @analysis: the analysis about to run on the page's cohort
   *
   * Emitted when an analysis starts, so that the project can keep it (kind and options).
   */
  signals[ANALYSIS_RUN] = g_signal_new ("analysis-run", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, EP_TYPE_ANALYSIS);

  /**
   * EpCohortPage::analysis-remove:
   * @analysis: one of the page's cohort's analyses
   *
   * The user asked to remove the analysis (and its figures) from the project.
   */
  signals[ANALYSIS_REMOVE] = g_signal_new ("analysis-remove", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                           1, EP_TYPE_ANALYSIS);

  /**
   * EpCohortPage::analysis-edit:
   * @analysis: one of the page's cohort's analyses
   * @with_options: an analysis of the same kind with the options the user chose
   *
   * Edit Options: @analysis is to take the options of @with_options in place (the project
   * records it as an undoable step, and the analysis is computed again).
   */
  signals[ANALYSIS_EDIT] = g_signal_new ("analysis-edit", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                         2, EP_TYPE_ANALYSIS, EP_TYPE_ANALYSIS);

  g_type_ensure (EP_TYPE_ANALYSIS_LIST);
  g_type_ensure (EP_TYPE_ANALYSIS_RESULTS);
  g_type_ensure (EP_TYPE_COHORT_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-cohort-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, stack);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, undo_button);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, redo_button);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, welcome_box);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, examples_list);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, flap);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, analysis_list);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, results);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, import_label);
  gtk_widget_class_bind_template_child (widget_class, EpCohortPage, import_progress);
  gtk_widget_class_bind_template_callback (widget_class, _ep_cohort_page_search_changed_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "import_cancel_cb",
                                                G_CALLBACK (_ep_cohort_page_import_cancel_cb));

  /* cohort.import, .export, .close, .open-example, .undo, .redo, .add-row, .duplicate-row,
   * .delete-rows, .add-column, .rename-column, .delete-column, .set-type, .set-role,
   * .add-endpoint, .remove-endpoint, .show-editor; Ctrl+Z, Ctrl+Shift+Z */
  _ep_cohort_page_class_actions_init (widget_class);
  _ep_cohort_page_class_table_init (widget_class);
  /* cohort.analyze, .show-results, .show-figure */
  _ep_cohort_page_class_analysis_init (widget_class);
}

static void
ep_cohort_page_init (EpCohortPage *self)
{
  const char * const *examples = ep_cohort_list_examples ();

  gtk_widget_init_template (GTK_WIDGET (self));

  _ep_cohort_page_table_init (self);
  _ep_cohort_page_analysis_init (self);

  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; examples[i] != NULL; i += 2)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(examples[i + 1]));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "cohort.open-example");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (examples[i]));
      gtk_list_box_append (self->examples_list, row);
    }

  _ep_cohort_page_update_actions (self);
}

void
ep_cohort_page_add_welcome_section (EpCohortPage *self,
                                    GtkWidget    *section)
{
  g_return_if_fail (EP_IS_COHORT_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (section));

  /* Right after Import…, before the example cohorts. */
  gtk_box_insert_child_after (self->welcome_box, section,
                              gtk_widget_get_first_child (GTK_WIDGET (self->welcome_box)));
}

GtkWidget *
ep_cohort_page_new (void)
{
  return g_object_new (EP_TYPE_COHORT_PAGE, NULL);
}

EpCohort *
ep_cohort_page_get_cohort (EpCohortPage *self)
{
  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), NULL);

  return self->cohort;
}

void
ep_cohort_page_set_examples_dir (EpCohortPage *self,
                                 const char   *dir)
{
  g_return_if_fail (EP_IS_COHORT_PAGE (self));

  g_free (self->examples_dir);
  self->examples_dir = g_strdup (dir);
}

gboolean
ep_cohort_page_open_example (EpCohortPage  *self,
                             const char    *id,
                             GError       **error)
{
  g_autoptr(EpCohort) cohort = NULL;
  const char *dir;

  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  dir = self->examples_dir != NULL ? self->examples_dir : g_getenv ("ENDPOINT_EXAMPLES_DIR");
  cohort = ep_cohort_new_from_example (dir, id, error);
  if (cohort == NULL)
    return FALSE;

  ep_cohort_page_set_cohort (self, cohort);
  return TRUE;
}

gboolean
ep_cohort_page_open_file (EpCohortPage           *self,
                          GFile                  *file,
                          const EpImportOptions  *options,
                          GError                **error)
{
  g_autoptr(EpCohort) cohort = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only local files can be imported"));
    }
  else
    cohort = ep_cohort_new_from_file (path, options, &local_error);

  if (cohort == NULL)
    {
      /* The current cohort stays as it was. */
      _ep_cohort_page_show_message (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  ep_cohort_page_set_cohort (self, cohort);
  return TRUE;
}

const char *
ep_cohort_page_get_message (EpCohortPage *self)
{
  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), NULL);

  return self->message;
}

EpAnalysisResults *
ep_cohort_page_get_results (EpCohortPage *self)
{
  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), NULL);

  return self->results;
}

GtkColumnView *
ep_cohort_page_get_column_view (EpCohortPage *self)
{
  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), NULL);

  return self->column_view;
}

const char *
ep_cohort_page_get_view (EpCohortPage *self)
{
  g_return_val_if_fail (EP_IS_COHORT_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
