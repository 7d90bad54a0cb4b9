/* ep-analysis-dialog.c: the options of an analysis of a cohort
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One dialog for the four kinds: the rows a kind does not use are hidden. Choices start from
 * the columns' roles (the first group column groups, the covariates are ticked, the outcome's
 * response levels are ticked) or from the previous analysis of the same kind, so that running
 * an analysis again is one click. Competing risks lists the covariates too, unticked: ticking
 * any adds a Fine-Gray model of each cause beside the cumulative incidence. Run builds an EpAnalysis (ep_analysis_dialog_build) and
 * emits "run"; a missing choice is said under the options instead.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "app/ep-analysis-dialog.h"

typedef struct
{
  char           *name;
  GtkCheckButton *include;
  GtkCheckButton *factor;     /* NULL for a column that is always a factor */
} CovariateRow;

struct _EpAnalysisDialog
{
  AdwWindow        parent_instance;

  EpCohort        *cohort;
  EpAnalysisKind   kind;
  GArray          *covariates;   /* CovariateRow */
  GPtrArray       *success;      /* GtkCheckButton, its level in "level" data */
  GPtrArray       *success_rows; /* the rows, to remove them */
  GPtrArray       *covariate_rows;
  char           **previous_success;

  /* Template children */
  AdwWindowTitle  *window_title;
  AdwComboRow     *endpoint_row;
  AdwComboRow     *time_row;
  AdwComboRow     *status_row;
  AdwEntryRow     *censor_row;
  AdwComboRow     *outcome_row;
  AdwComboRow     *group_row;
  AdwComboRow     *conf_type_row;
  AdwEntryRow     *landmarks_row;
  AdwEntryRow     *rmst_tau_row;
  AdwEntryRow     *landmark_time_row;
  GVariant        *carried;         /* the edited analysis's options that have no row of their
                                     * own (a landmark analysis's response time, a competing-risk
                                     * remedy's endpoint), kept through Edit Options */
  AdwComboRow     *test_row;
  AdwComboRow     *ties_row;
  AdwComboRow     *strata_row;
  AdwPreferencesGroup *covariates_group;
  AdwPreferencesGroup *success_group;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (EpAnalysisDialog, ep_analysis_dialog, ADW_TYPE_WINDOW)

enum {
  RUN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const conf_types[] = { "log-log", "log", "plain" };

static void
covariate_row_clear (gpointer data)
{
  CovariateRow *row = data;

  g_free (row->name);
}

/* Combo rows list names; an optional one starts with "None" (index 0 is then NULL). */
static void
fill_combo (AdwComboRow *row,
            GPtrArray   *names,
            gboolean     optional)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  if (optional)
    gtk_string_list_append (list, _("None"));
  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (names, i));
  g_object_set_data (G_OBJECT (row), "optional", GINT_TO_POINTER (optional));
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static const char *
combo_get (AdwComboRow *row)
{
  gboolean optional = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "optional"));
  guint selected = adw_combo_row_get_selected (row);
  GtkStringObject *item;

  if (selected == GTK_INVALID_LIST_POSITION || (optional && selected == 0))
    return NULL;
  item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static gboolean
combo_select (AdwComboRow *row,
              const char  *name)
{
  GListModel *model = adw_combo_row_get_model (row);
  gboolean optional = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "optional"));

  if (name == NULL)
    {
      if (optional)
        adw_combo_row_set_selected (row, 0);
      return optional;
    }

  for (guint i = optional ? 1 : 0; model != NULL && i < g_list_model_get_n_items (model); i++)
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

static AdwComboRow *
row_for_key (EpAnalysisDialog *self,
             const char       *key)
{
  if (g_strcmp0 (key, "endpoint") == 0) return self->endpoint_row;
  if (g_strcmp0 (key, "group") == 0)    return self->group_row;
  if (g_strcmp0 (key, "time") == 0)     return self->time_row;
  if (g_strcmp0 (key, "status") == 0)   return self->status_row;
  if (g_strcmp0 (key, "outcome") == 0)  return self->outcome_row;
  if (g_strcmp0 (key, "strata") == 0)   return self->strata_row;
  return NULL;
}

static const char *
first_with_role (EpCohort     *cohort,
                 EpColumnRole  role)
{
  for (guint c = 0; c < ep_cohort_get_n_columns (cohort); c++)
    if (ep_cohort_column_get_role (ep_cohort_get_column (cohort, c)) == role)
      return ep_cohort_column_get_name (ep_cohort_get_column (cohort, c));

  return NULL;
}

/* The landmark field says the unit its times are in: the chosen endpoint's (issue 13). */
static void
update_landmark_title (EpAnalysisDialog *self)
{
  const char *name = combo_get (self->endpoint_row);
  EpCohortEndpoint *endpoint = name != NULL ? ep_cohort_find_endpoint (self->cohort, name) : NULL;
  const char *title = _("Landmark times, comma-separated");

  if (endpoint != NULL && self->kind == EP_ANALYSIS_SURVIVAL)
    switch (ep_cohort_endpoint_get_unit (endpoint))
      {
      case EP_TIME_UNIT_DAYS:   title = _("Landmark times in days, comma-separated"); break;
      case EP_TIME_UNIT_WEEKS:  title = _("Landmark times in weeks, comma-separated"); break;
      case EP_TIME_UNIT_MONTHS: title = _("Landmark times in months, comma-separated"); break;
      case EP_TIME_UNIT_YEARS:  title = _("Landmark times in years, comma-separated"); break;
      default: break;
      }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->landmarks_row), title);
}

const char *
ep_analysis_dialog_get_landmark_title (EpAnalysisDialog *self)
{
  g_return_val_if_fail (EP_IS_ANALYSIS_DIALOG (self), NULL);

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->landmarks_row));
}

static void
endpoint_selected_cb (AdwComboRow      *row,
                      GParamSpec       *pspec,
                      EpAnalysisDialog *self)
{
  update_landmark_title (self);
}

/* A level that is usually a response: ticked by default. */
static gboolean
is_response_level (const char *level)
{
  static const char * const responses[] = { "CR", "CRi", "CRh", "CR/CRi", "CR/CRh", "PR", "yes",
                                            "Yes", "YES", "responder", "Responder", NULL };

  return g_strv_contains (responses, level);
}

static void
ep_analysis_dialog_rebuild_success (EpAnalysisDialog *self)
{
  const char *outcome = combo_get (self->outcome_row);
  g_autofree guint *rows = NULL;
  g_autoptr(EpLevels) levels = NULL;
  int column;
  guint n = 0, n_rows;

  g_assert (EP_IS_ANALYSIS_DIALOG (self));

  for (guint i = 0; i < self->success_rows->len; i++)
    adw_preferences_group_remove (self->success_group, g_ptr_array_index (self->success_rows, i));
  g_ptr_array_set_size (self->success_rows, 0);
  g_ptr_array_set_size (self->success, 0);

  column = outcome != NULL ? ep_cohort_find_column (self->cohort, outcome) : -1;
  if (column < 0)
    return;

  n_rows = ep_cohort_get_n_rows (self->cohort);
  rows = g_new (guint, MAX (n_rows, 1));
  for (guint i = 0; i < n_rows; i++)
    if (!ep_cohort_is_missing (self->cohort, i, column))
      rows[n++] = i;
  levels = ep_cohort_get_levels (self->cohort, outcome, rows, n, NULL);
  if (levels == NULL)
    return;

  /* A hundred levels is a free-text column, not an outcome. */
  for (guint l = 0; l < MIN (levels->n_levels, 100); l++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean active = self->previous_success != NULL
                        ? g_strv_contains ((const char * const *) self->previous_success, levels->levels[l])
                        : is_response_level (levels->levels[l]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), levels->levels[l]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (check), "level", g_strdup (levels->levels[l]), g_free);
      adw_preferences_group_add (self->success_group, row);
      g_ptr_array_add (self->success_rows, row);
      g_ptr_array_add (self->success, check);
    }
}

static void
ep_analysis_dialog_outcome_changed_cb (EpAnalysisDialog *self,
                                       GParamSpec       *pspec,
                                       AdwComboRow      *row)
{
  if (self->cohort != NULL)
    ep_analysis_dialog_rebuild_success (self);
}

static void
ep_analysis_dialog_build_covariates (EpAnalysisDialog *self,
                                     EpAnalysis       *previous)
{
  const char * const *prev_covariates = previous != NULL ? ep_analysis_get_strv (previous, "covariates") : NULL;
  const char * const *prev_factors = previous != NULL ? ep_analysis_get_strv (previous, "factors") : NULL;
  /* Without covariate columns, the group columns are the candidates (aml's arm). */
  EpColumnRole ticked = first_with_role (self->cohort, EP_COLUMN_ROLE_COVARIATE) != NULL
                        ? EP_COLUMN_ROLE_COVARIATE : EP_COLUMN_ROLE_GROUP;
  /* Fine-Gray is asked for, not assumed: nothing ticked without a previous model */
  gboolean tick_roles = self->kind == EP_ANALYSIS_COX;

  for (guint c = 0; c < ep_cohort_get_n_columns (self->cohort); c++)
    {
      EpCohortColumn *column = ep_cohort_get_column (self->cohort, c);
      EpColumnRole role = ep_cohort_column_get_role (column);
      EpColumnType type = ep_cohort_column_get_column_type (column);
      const char *name = ep_cohort_column_get_name (column);
      CovariateRow cov = { 0, };
      GtkWidget *row;

      if (type == EP_COLUMN_DATE || role == EP_COLUMN_ROLE_IDENTIFIER
          || role == EP_COLUMN_ROLE_TIME || role == EP_COLUMN_ROLE_EVENT)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      cov.name = g_strdup (name);
      cov.include = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_widget_set_valign (GTK_WIDGET (cov.include), GTK_ALIGN_CENTER);
      gtk_check_button_set_active (cov.include,
                                   prev_covariates != NULL ? g_strv_contains (prev_covariates, name)
                                                           : tick_roles && role == ticked);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (cov.include));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (cov.include));
      if (type == EP_COLUMN_NUMBER)
        {
          cov.factor = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Categorical")));
          gtk_widget_set_valign (GTK_WIDGET (cov.factor), GTK_ALIGN_CENTER);
          gtk_check_button_set_active (cov.factor, prev_factors != NULL && g_strv_contains (prev_factors, name));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (cov.factor));
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Categorical"));
      adw_preferences_group_add (self->covariates_group, row);
      g_array_append_val (self->covariates, cov);
    }
}

static gboolean
parse_times (const char  *text,
             GArray      *times,
             GError     **error)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[,;\\s]+", text, 0, 0);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      double t;
      char *end;

      if (*parts[i] == '\0')
        continue;
      t = g_ascii_strtod (parts[i], &end);
      if (*end != '\0' || !(t >= 0.0) || !isfinite (t))
        {
          g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                       _("Landmark times must be numbers of 0 or more, not “%s”"), parts[i]);
          return FALSE;
        }
      g_array_append_val (times, t);
    }

  return TRUE;
}

EpAnalysis *
ep_analysis_dialog_build (EpAnalysisDialog  *self,
                          GError           **error)
{
  g_autoptr(EpAnalysis) analysis = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GStrvBuilder) covariates = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) factors = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) success = g_strv_builder_new ();
  g_auto(GStrv) covariates_v = NULL;
  g_auto(GStrv) factors_v = NULL;
  g_auto(GStrv) success_v = NULL;
  guint conf_type;

  g_return_val_if_fail (EP_IS_ANALYSIS_DIALOG (self), NULL);

  analysis = ep_analysis_new (self->kind);
  switch (self->kind)
    {
    case EP_ANALYSIS_SURVIVAL:
    case EP_ANALYSIS_COX:
      if (combo_get (self->endpoint_row) == NULL)
        {
          g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                       _("Define an endpoint first: the plus button beside Endpoints in the side panel"));
          return NULL;
        }
      ep_analysis_set_string (analysis, "endpoint", combo_get (self->endpoint_row));
      break;
    case EP_ANALYSIS_COMPETING_RISKS:
      ep_analysis_set_string (analysis, "time", combo_get (self->time_row));
      ep_analysis_set_string (analysis, "status", combo_get (self->status_row));
      ep_analysis_set_string (analysis, "censor", gtk_editable_get_text (GTK_EDITABLE (self->censor_row)));
      break;
    case EP_ANALYSIS_RESPONSE:
      ep_analysis_set_string (analysis, "outcome", combo_get (self->outcome_row));
      for (guint i = 0; i < self->success->len; i++)
        {
          GtkCheckButton *check = g_ptr_array_index (self->success, i);

          if (gtk_check_button_get_active (check))
            g_strv_builder_add (success, g_object_get_data (G_OBJECT (check), "level"));
        }
      success_v = g_strv_builder_end (success);
      if (success_v[0] == NULL)
        {
          g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                       _("Tick the outcome values that count as a response"));
          return NULL;
        }
      ep_analysis_set_strv (analysis, "success", (const char * const *) success_v);
      break;
    default:
      g_assert_not_reached ();
    }

  if (self->kind != EP_ANALYSIS_COX)
    ep_analysis_set_string (analysis, "group", combo_get (self->group_row));
  if (self->kind == EP_ANALYSIS_COMPETING_RISKS && self->carried != NULL)
    {
      static const char * const keys[] = { "endpoint", "competing", "competing-event" };
      const char *value;

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        if (g_variant_lookup (self->carried, keys[k], "&s", &value))
          ep_analysis_set_string (analysis, keys[k], value);
    }

  if (self->kind == EP_ANALYSIS_SURVIVAL || self->kind == EP_ANALYSIS_COMPETING_RISKS)
    {
      if (!parse_times (gtk_editable_get_text (GTK_EDITABLE (self->landmarks_row)), times, error))
        return NULL;
      ep_analysis_set_landmarks (analysis, (const double *) times->data, times->len);
    }

  if (self->kind == EP_ANALYSIS_SURVIVAL)
    {
      const char *tau = gtk_editable_get_text (GTK_EDITABLE (self->rmst_tau_row));
      const char *response_time = NULL;

      g_array_set_size (times, 0);
      if (!parse_times (tau, times, error))
        return NULL;
      if (times->len > 1 || (times->len == 1 && !(g_array_index (times, double, 0) > 0.0)))
        {
          g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                       _("The RMST horizon must be one time greater than 0, not “%s”"), tau);
          return NULL;
        }
      if (times->len == 1)
        ep_analysis_set_double (analysis, "rmst-tau", g_array_index (times, double, 0));
      if (self->carried != NULL
          && g_variant_lookup (self->carried, "response-time", "&s", &response_time))
        {
          const char *landmark = gtk_editable_get_text (GTK_EDITABLE (self->landmark_time_row));

          g_array_set_size (times, 0);
          if (!parse_times (landmark, times, error))
            return NULL;
          /* emptied: a survival analysis grouped as chosen above */
          if (times->len == 0)
            response_time = NULL;
          else if (times->len != 1)
            {
              g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                           _("Give one landmark time, not “%s”"), landmark);
              return NULL;
            }
          if (response_time != NULL)
            {
              ep_analysis_set_string (analysis, "response-time", response_time);
              ep_analysis_set_double (analysis, "landmark-time", g_array_index (times, double, 0));
            }
        }
      conf_type = adw_combo_row_get_selected (self->conf_type_row);
      ep_analysis_set_string (analysis, "conf-type", conf_types[MIN (conf_type, 2)]);
      ep_analysis_set_rho (analysis, adw_combo_row_get_selected (self->test_row) == 1 ? 1.0 : 0.0);
    }

  if (self->kind == EP_ANALYSIS_COX || self->kind == EP_ANALYSIS_COMPETING_RISKS)
    {
      for (guint i = 0; i < self->covariates->len; i++)
        {
          CovariateRow *cov = &g_array_index (self->covariates, CovariateRow, i);

          if (!gtk_check_button_get_active (cov->include))
            continue;
          /* the time and status of a competing-risks analysis are not its covariates */
          if (self->kind == EP_ANALYSIS_COMPETING_RISKS
              && (g_strcmp0 (cov->name, combo_get (self->time_row)) == 0
                  || g_strcmp0 (cov->name, combo_get (self->status_row)) == 0))
            {
              g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                           _("“%s” is the time or the status: it cannot be a covariate too"), cov->name);
              return NULL;
            }
          g_strv_builder_add (covariates, cov->name);
          if (cov->factor != NULL && gtk_check_button_get_active (cov->factor))
            g_strv_builder_add (factors, cov->name);
        }
      covariates_v = g_strv_builder_end (covariates);
      factors_v = g_strv_builder_end (factors);
      if (self->kind == EP_ANALYSIS_COMPETING_RISKS)
        {
          /* no covariate: the cumulative incidence alone */
          if (covariates_v[0] != NULL)
            {
              ep_analysis_set_strv (analysis, "covariates", (const char * const *) covariates_v);
              ep_analysis_set_strv (analysis, "factors", (const char * const *) factors_v);
            }
          return g_steal_pointer (&analysis);
        }
      if (covariates_v[0] == NULL)
        {
          g_set_error (error, EP_ANALYSIS_ERROR, EP_ANALYSIS_ERROR_OPTION,
                       _("Tick at least one covariate"));
          return NULL;
        }
      ep_analysis_set_strv (analysis, "covariates", (const char * const *) covariates_v);
      ep_analysis_set_strv (analysis, "factors", (const char * const *) factors_v);
      ep_analysis_set_string (analysis, "ties", adw_combo_row_get_selected (self->ties_row) == 1 ? "breslow" : "efron");
      ep_analysis_set_string (analysis, "strata", combo_get (self->strata_row));
    }

  return g_steal_pointer (&analysis);
}

static void
ep_analysis_dialog_run_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  EpAnalysisDialog *self = EP_ANALYSIS_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(EpAnalysis) analysis = ep_analysis_dialog_build (self, &error);

  if (analysis == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[RUN], 0, analysis);
  gtk_window_close (GTK_WINDOW (self));
}

static void
ep_analysis_dialog_dispose (GObject *object)
{
  EpAnalysisDialog *self = EP_ANALYSIS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EP_TYPE_ANALYSIS_DIALOG);
  g_clear_object (&self->cohort);

  G_OBJECT_CLASS (ep_analysis_dialog_parent_class)->dispose (object);
}

static void
ep_analysis_dialog_finalize (GObject *object)
{
  EpAnalysisDialog *self = EP_ANALYSIS_DIALOG (object);

  g_clear_pointer (&self->covariates, g_array_unref);
  g_clear_pointer (&self->success, g_ptr_array_unref);
  g_clear_pointer (&self->success_rows, g_ptr_array_unref);
  g_strfreev (self->previous_success);

  g_clear_pointer (&self->carried, g_variant_unref);

  G_OBJECT_CLASS (ep_analysis_dialog_parent_class)->finalize (object);
}

static void
ep_analysis_dialog_class_init (EpAnalysisDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_analysis_dialog_dispose;
  object_class->finalize = ep_analysis_dialog_finalize;

  signals[RUN] = g_signal_new ("run", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                               NULL, NULL, NULL, G_TYPE_NONE, 1, EP_TYPE_ANALYSIS);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-analysis-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, censor_row);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, conf_type_row);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, landmarks_row);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, rmst_tau_row);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, landmark_time_row);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, test_row);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, ties_row);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, strata_row);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, covariates_group);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, success_group);
  gtk_widget_class_bind_template_child (widget_class, EpAnalysisDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, ep_analysis_dialog_outcome_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.run", NULL, ep_analysis_dialog_run_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ep_analysis_dialog_init (EpAnalysisDialog *self)
{
  self->covariates = g_array_new (FALSE, TRUE, sizeof (CovariateRow));
  g_array_set_clear_func (self->covariates, covariate_row_clear);
  self->success = g_ptr_array_new ();
  self->success_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

EpAnalysisDialog *
ep_analysis_dialog_new (EpCohort       *cohort,
                        EpAnalysisKind  kind,
                        EpAnalysis     *previous)
{
  EpAnalysisDialog *self;
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(GPtrArray) numbers = g_ptr_array_new ();
  g_autoptr(GPtrArray) endpoints = g_ptr_array_new ();
  GListModel *endpoint_model;
  gboolean survival, cox, cr, response;
  const char *group;

  g_return_val_if_fail (EP_IS_COHORT (cohort), NULL);
  g_return_val_if_fail (previous == NULL || EP_IS_ANALYSIS (previous), NULL);

  if (previous != NULL && ep_analysis_get_kind (previous) != kind)
    previous = NULL;

  self = g_object_new (EP_TYPE_ANALYSIS_DIALOG, NULL);
  self->cohort = g_object_ref (cohort);
  self->kind = kind;
  if (previous != NULL && ep_analysis_get_strv (previous, "success") != NULL)
    self->previous_success = g_strdupv ((char **) ep_analysis_get_strv (previous, "success"));

  adw_window_title_set_title (self->window_title, ep_analysis_kind_get_title (kind));
  adw_window_title_set_subtitle (self->window_title, ep_cohort_get_name (cohort));

  for (guint c = 0; c < ep_cohort_get_n_columns (cohort); c++)
    {
      EpCohortColumn *column = ep_cohort_get_column (cohort, c);

      g_ptr_array_add (columns, (gpointer) ep_cohort_column_get_name (column));
      if (ep_cohort_column_get_column_type (column) == EP_COLUMN_NUMBER)
        g_ptr_array_add (numbers, (gpointer) ep_cohort_column_get_name (column));
    }
  endpoint_model = ep_cohort_get_endpoints (cohort);
  for (guint e = 0; e < g_list_model_get_n_items (endpoint_model); e++)
    {
      g_autoptr(EpCohortEndpoint) endpoint = g_list_model_get_item (endpoint_model, e);

      g_ptr_array_add (endpoints, (gpointer) ep_cohort_endpoint_get_name (endpoint));
    }

  fill_combo (self->endpoint_row, endpoints, FALSE);
  fill_combo (self->time_row, numbers, FALSE);
  fill_combo (self->status_row, columns, FALSE);
  fill_combo (self->group_row, columns, TRUE);
  fill_combo (self->strata_row, columns, TRUE);
  /* The outcome last: choosing it lists its levels. */
  fill_combo (self->outcome_row, columns, FALSE);

  survival = kind == EP_ANALYSIS_SURVIVAL;
  cox = kind == EP_ANALYSIS_COX;
  cr = kind == EP_ANALYSIS_COMPETING_RISKS;
  response = kind == EP_ANALYSIS_RESPONSE;
  gtk_widget_set_visible (GTK_WIDGET (self->endpoint_row), survival || cox);
  gtk_widget_set_visible (GTK_WIDGET (self->time_row), cr);
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), cr);
  gtk_widget_set_visible (GTK_WIDGET (self->censor_row), cr);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_row), response);
  gtk_widget_set_visible (GTK_WIDGET (self->group_row), !cox);
  gtk_widget_set_visible (GTK_WIDGET (self->conf_type_row), survival);
  gtk_widget_set_visible (GTK_WIDGET (self->landmarks_row), survival || cr);
  gtk_widget_set_visible (GTK_WIDGET (self->rmst_tau_row), survival);
  gtk_widget_set_visible (GTK_WIDGET (self->test_row), survival);
  gtk_widget_set_visible (GTK_WIDGET (self->ties_row), cox);
  gtk_widget_set_visible (GTK_WIDGET (self->strata_row), cox);
  gtk_widget_set_visible (GTK_WIDGET (self->covariates_group), cox || cr);
  if (cr)
    {
      adw_preferences_group_set_title (self->covariates_group, _("Fine-Gray Regression"));
      adw_preferences_group_set_description (self->covariates_group,
                                             _("Subdistribution hazard ratios of each cause on the ticked "
                                               "covariates (cmprsk::crr). None ticked: the cumulative "
                                               "incidence alone. Categories are compared with their first level."));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->success_group), response);

  /* Defaults from the roles, then the previous analysis's choices where they still apply. */
  group = first_with_role (cohort, EP_COLUMN_ROLE_GROUP);
  combo_select (self->group_row, group);
  combo_select (self->time_row, first_with_role (cohort, EP_COLUMN_ROLE_TIME));
  /* a column of a few integer codes including 0, never the time column (issue 13) */
  combo_select (self->status_row, ep_cohort_guess_status_column (cohort) != NULL
                                  ? ep_cohort_guess_status_column (cohort)
                                  : first_with_role (cohort, EP_COLUMN_ROLE_EVENT));
  combo_select (self->strata_row, NULL);
  if (!combo_select (self->outcome_row, first_with_role (cohort, EP_COLUMN_ROLE_OUTCOME)))
    ep_analysis_dialog_rebuild_success (self);
  if (cox || cr)
    ep_analysis_dialog_build_covariates (self, previous);
  g_signal_connect (self->endpoint_row, "notify::selected", G_CALLBACK (endpoint_selected_cb), self);

  if (previous != NULL)
    {
      static const char * const keys[] = { "endpoint", "group", "time", "status", "outcome", "strata" };
      const double *landmarks;
      guint n_landmarks;
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        if (ep_analysis_get_string (previous, keys[k]) != NULL || strcmp (keys[k], "group") == 0
            || strcmp (keys[k], "strata") == 0)
          combo_select (row_for_key (self, keys[k]), ep_analysis_get_string (previous, keys[k]));
      landmarks = ep_analysis_get_landmarks (previous, &n_landmarks);
      for (guint a = 0; a < n_landmarks; a++)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_printf (text, "%s%s", a > 0 ? ", " : "",
                                  g_ascii_formatd (buffer, sizeof buffer, "%g", landmarks[a]));
        }
      gtk_editable_set_text (GTK_EDITABLE (self->landmarks_row), text->str);
      self->carried = g_variant_ref_sink (ep_analysis_to_variant (previous));
      if (isfinite (ep_analysis_get_double (previous, "rmst-tau")))
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          gtk_editable_set_text (GTK_EDITABLE (self->rmst_tau_row),
                                 g_ascii_formatd (buffer, sizeof buffer, "%g",
                                                  ep_analysis_get_double (previous, "rmst-tau")));
        }
      if (survival && ep_analysis_get_string (previous, "response-time") != NULL)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          gtk_editable_set_text (GTK_EDITABLE (self->landmark_time_row),
                                 g_ascii_formatd (buffer, sizeof buffer, "%g",
                                                  ep_analysis_get_double (previous, "landmark-time")));
          gtk_widget_set_visible (GTK_WIDGET (self->landmark_time_row), TRUE);
        }
      if (ep_analysis_get_string (previous, "censor") != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->censor_row), ep_analysis_get_string (previous, "censor"));
      for (guint t = 0; t < G_N_ELEMENTS (conf_types); t++)
        if (g_strcmp0 (ep_analysis_get_string (previous, "conf-type"), conf_types[t]) == 0)
          adw_combo_row_set_selected (self->conf_type_row, t);
      adw_combo_row_set_selected (self->test_row, ep_analysis_get_rho (previous) == 1.0 ? 1 : 0);
      adw_combo_row_set_selected (self->ties_row, g_strcmp0 (ep_analysis_get_string (previous, "ties"), "breslow") == 0);
    }

  update_landmark_title (self);
  return self;
}

gboolean
ep_analysis_dialog_select (EpAnalysisDialog *self,
                           const char       *key,
                           const char       *value)
{
  AdwComboRow *row;

  g_return_val_if_fail (EP_IS_ANALYSIS_DIALOG (self), FALSE);

  row = row_for_key (self, key);
  g_return_val_if_fail (row != NULL, FALSE);

  return combo_select (row, value);
}

gboolean
ep_analysis_dialog_set_covariate (EpAnalysisDialog *self,
                                  const char       *name,
                                  gboolean          include,
                                  gboolean          factor)
{
  g_return_val_if_fail (EP_IS_ANALYSIS_DIALOG (self), FALSE);

  for (guint i = 0; i < self->covariates->len; i++)
    {
      CovariateRow *cov = &g_array_index (self->covariates, CovariateRow, i);

      if (g_strcmp0 (cov->name, name) != 0)
        continue;
      gtk_check_button_set_active (cov->include, include);
      if (cov->factor != NULL)
        gtk_check_button_set_active (cov->factor, factor);
      return TRUE;
    }

  return FALSE;
}
