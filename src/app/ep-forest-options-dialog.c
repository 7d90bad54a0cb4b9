/* ep-forest-options-dialog.c: the options of a forest plot of catalog arms
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Outcome, subgroups, order, model (the GLMM, recommended for proportions and first; REML, DL,
 * PM, SJ, ML; fixed effect), confidence level, Knapp-Hartung, prediction interval, the overall
 * estimate and the axis range; the method row's subtitle says in one line why the GLMM is
 * recommended, or what the chosen method does differently. "Draw" emits "draw" and the Trials
 * page builds the figure (ep_evidence_forest_new()).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "app/ep-forest-options-dialog.h"


struct _EpForestOptionsDialog
{
  AdwWindow       parent_instance;

  /* Template children */
  AdwComboRow    *outcome_row;
  AdwComboRow    *effect_row;
  AdwComboRow    *subgroup_row;
  AdwComboRow    *sort_row;
  AdwComboRow    *method_row;
  AdwComboRow    *pooling_row;
  AdwComboRow    *level_row;
  AdwActionRow   *knha_row;
  GtkSwitch      *knha_switch;
  GtkSwitch      *prediction_switch;
  GtkSwitch      *overall_switch;
  GtkSpinButton  *x_min_spin;
  GtkSpinButton  *x_max_spin;
};

G_DEFINE_FINAL_TYPE (EpForestOptionsDialog, ep_forest_options_dialog, ADW_TYPE_WINDOW)

enum
{
  DRAW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
ep_forest_options_dialog_draw_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  g_signal_emit (widget, signals[DRAW], 0);
}

/* The method row's items, in order (the .ui lists them so). */
static const EpMetaMethod methods[] = {
  EP_META_METHOD_GLMM, EP_META_METHOD_REML, EP_META_METHOD_DL, EP_META_METHOD_PM,
  EP_META_METHOD_SJ, EP_META_METHOD_ML, EP_META_METHOD_FE,
};
static const double levels[] = { 0.90, 0.95, 0.99 };

static EpMetaMethod
selected_method (EpForestOptionsDialog *self)
{
  return methods[MIN (adw_combo_row_get_selected (self->method_row), G_N_ELEMENTS (methods) - 1)];
}

/* One line under the method: why the GLMM is the recommended choice for proportions
 * (Schwarzer et al., Res Synth Methods 2019; R meta's default since 2019), or what the other
 * choice gives up. */
static const char *
method_reason (EpMetaMethod method)
{
  switch (method)
    {
    case EP_META_METHOD_GLMM:
      return _("Models the counts exactly: no 0.5 correction, right for small trials and rates near 0 or 100%");
    case EP_META_METHOD_FE:
      return _("One true rate for all trials: narrower intervals, no heterogeneity");
    default:
      return _("Two-step: each arm's logit with 0.5 added at 0 or 100%; the GLMM is recommended for proportions");
    }
}

static void
method_changed_cb (EpForestOptionsDialog *self)
{
  EpMetaMethod method = selected_method (self);
  gboolean two_arm = adw_combo_row_get_selected (self->effect_row) != 0;
  gboolean iv = !two_arm || adw_combo_row_get_selected (self->pooling_row) == 2;
  gboolean random = method != EP_META_METHOD_FE && iv;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->method_row),
                               two_arm ? _("Two-arm contrasts: the GLMM stands for REML")
                                       : method_reason (method));
  /* Knapp-Hartung belongs to the two-step random-effects models; the prediction interval to
   * any random-effects model of proportions; the method to inverse-variance pooling; subgroups
   * and order to proportions */
  gtk_widget_set_sensitive (GTK_WIDGET (self->method_row), iv);
  gtk_widget_set_sensitive (GTK_WIDGET (self->knha_row),
                            random && (two_arm || method != EP_META_METHOD_GLMM));
  gtk_widget_set_sensitive (GTK_WIDGET (self->prediction_switch), random && !two_arm);
  gtk_widget_set_visible (GTK_WIDGET (self->pooling_row), two_arm);
  gtk_widget_set_sensitive (GTK_WIDGET (self->subgroup_row), !two_arm);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sort_row), !two_arm);
}

static void
ep_forest_options_dialog_class_init (EpForestOptionsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[DRAW] = g_signal_new ("draw", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-forest-options-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, effect_row);
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, subgroup_row);
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, sort_row);
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, pooling_row);
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, level_row);
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, knha_row);
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, knha_switch);
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, prediction_switch);
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, overall_switch);
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, x_min_spin);
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, x_max_spin);

  gtk_widget_class_install_action (widget_class, "forest.draw", NULL, ep_forest_options_dialog_draw_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ep_forest_options_dialog_init (EpForestOptionsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* the recommended model (the GLMM, the first), subgroups by class */
  adw_combo_row_set_selected (self->method_row, 0);
  adw_combo_row_set_selected (self->subgroup_row, 1);
  g_signal_connect_swapped (self->method_row, "notify::selected", G_CALLBACK (method_changed_cb), self);
  g_signal_connect_swapped (self->effect_row, "notify::selected", G_CALLBACK (method_changed_cb), self);
  g_signal_connect_swapped (self->pooling_row, "notify::selected", G_CALLBACK (method_changed_cb), self);
  method_changed_cb (self);
}

GtkWidget *
ep_forest_options_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (EP_TYPE_FOREST_OPTIONS_DIALOG, "transient-for", parent, NULL);
}

void
ep_forest_options_dialog_get_options (EpForestOptionsDialog   *self,
                                      EpEvidenceForestOptions *options)
{
  const char * const *outcomes = ep_evidence_forest_outcomes ();
  const char * const *fields = ep_evidence_forest_subgroup_fields ();
  guint outcome, field;
  double x_min, x_max;

  g_return_if_fail (EP_IS_FOREST_OPTIONS_DIALOG (self));
  g_return_if_fail (options != NULL);

  ep_evidence_forest_options_init (options);
  outcome = adw_combo_row_get_selected (self->outcome_row);
  field = adw_combo_row_get_selected (self->subgroup_row);
  options->outcome = outcomes[MIN (outcome, g_strv_length ((char **) outcomes) - 1)];
  options->subgroup = fields[MIN (field, g_strv_length ((char **) fields) - 1)];
  options->method = selected_method (self);
  options->level = levels[MIN (adw_combo_row_get_selected (self->level_row), G_N_ELEMENTS (levels) - 1)];
  options->sort = (EpEvidenceSort) MIN (adw_combo_row_get_selected (self->sort_row),
                                        EP_EVIDENCE_SORT_SIZE);
  options->effect = (EpEvidenceEffect) MIN (adw_combo_row_get_selected (self->effect_row),
                                            EP_EVIDENCE_EFFECT_RD);
  options->pooling = (EpEvidencePooling) MIN (adw_combo_row_get_selected (self->pooling_row),
                                              EP_EVIDENCE_POOLING_IV);
  options->knapp_hartung = gtk_widget_get_sensitive (GTK_WIDGET (self->knha_row)) &&
                           gtk_switch_get_active (self->knha_switch);
  options->prediction = gtk_widget_get_sensitive (GTK_WIDGET (self->prediction_switch)) &&
                        gtk_switch_get_active (self->prediction_switch);
  options->show_overall = gtk_switch_get_active (self->overall_switch);
  x_min = gtk_spin_button_get_value (self->x_min_spin);
  x_max = gtk_spin_button_get_value (self->x_max_spin);
  /* the whole 0-100% (the default) is left to the plot's own choice */
  if (x_min < x_max && !(x_min == 0.0 && x_max == 100.0))
    {
      options->x_min = x_min;
      options->x_max = x_max;
    }
}

void
ep_forest_options_dialog_set_subgroup (EpForestOptionsDialog *self,
                                       const char            *field)
{
  const char * const *fields = ep_evidence_forest_subgroup_fields ();

  g_return_if_fail (EP_IS_FOREST_OPTIONS_DIALOG (self));

  for (guint i = 0; field != NULL && fields[i] != NULL; i++)
    if (g_strcmp0 (fields[i], field) == 0)
      adw_combo_row_set_selected (self->subgroup_row, i);
}

void
ep_forest_options_dialog_set_method (EpForestOptionsDialog *self,
                                     EpMetaMethod           method,
                                     double                 level)
{
  g_return_if_fail (EP_IS_FOREST_OPTIONS_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (methods[i] == method)
      adw_combo_row_set_selected (self->method_row, i);
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (fabs (levels[i] - level) < 1e-9)
      adw_combo_row_set_selected (self->level_row, i);
}

const char *
ep_forest_options_dialog_get_method_reason (EpForestOptionsDialog *self)
{
  g_return_val_if_fail (EP_IS_FOREST_OPTIONS_DIALOG (self), NULL);

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (self->method_row));
}

void
ep_forest_options_dialog_set_effect (EpForestOptionsDialog *self,
                                     EpEvidenceEffect       effect,
                                     EpEvidencePooling      pooling)
{
  g_return_if_fail (EP_IS_FOREST_OPTIONS_DIALOG (self));

  adw_combo_row_set_selected (self->effect_row, MIN (effect, EP_EVIDENCE_EFFECT_RD));
  adw_combo_row_set_selected (self->pooling_row, MIN (pooling, EP_EVIDENCE_POOLING_IV));
}
