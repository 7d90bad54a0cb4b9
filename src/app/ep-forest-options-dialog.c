/* ep-forest-options-dialog.c: the options of a forest plot of catalog arms
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Outcome, subgroups, order, model (fixed effect, DL, REML; Knapp-Hartung), prediction
 * interval, the overall estimate and the axis range; "Draw" emits "draw" and the Trials page
 * builds the figure (ep_evidence_forest_new()).
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
  AdwComboRow    *subgroup_row;
  AdwComboRow    *sort_row;
  AdwComboRow    *method_row;
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

static void
method_changed_cb (EpForestOptionsDialog *self)
{
  gboolean random = adw_combo_row_get_selected (self->method_row) != 0;

  /* Knapp-Hartung and the prediction interval belong to a random-effects model */
  gtk_widget_set_sensitive (GTK_WIDGET (self->knha_switch), random);
  gtk_widget_set_sensitive (GTK_WIDGET (self->prediction_switch), random);
}

static void
ep_forest_options_dialog_class_init (EpForestOptionsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[DRAW] = g_signal_new ("draw", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-forest-options-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, subgroup_row);
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, sort_row);
  gtk_widget_class_bind_template_child (widget_class, EpForestOptionsDialog, method_row);
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

  /* the catalog's default: random effects (DL), subgroups by class */
  adw_combo_row_set_selected (self->method_row, 1);
  adw_combo_row_set_selected (self->subgroup_row, 1);
  g_signal_connect_swapped (self->method_row, "notify::selected", G_CALLBACK (method_changed_cb), self);
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
  static const EpMetaMethod methods[] = { EP_META_METHOD_FE, EP_META_METHOD_DL, EP_META_METHOD_REML };
  const char * const *outcomes = ep_evidence_forest_outcomes ();
  const char * const *fields = ep_evidence_forest_subgroup_fields ();
  guint outcome, field, method;
  double x_min, x_max;

  g_return_if_fail (EP_IS_FOREST_OPTIONS_DIALOG (self));
  g_return_if_fail (options != NULL);

  ep_evidence_forest_options_init (options);
  outcome = adw_combo_row_get_selected (self->outcome_row);
  field = adw_combo_row_get_selected (self->subgroup_row);
  method = adw_combo_row_get_selected (self->method_row);
  options->outcome = outcomes[MIN (outcome, g_strv_length ((char **) outcomes) - 1)];
  options->subgroup = fields[MIN (field, g_strv_length ((char **) fields) - 1)];
  options->method = methods[MIN (method, G_N_ELEMENTS (methods) - 1)];
  options->sort = (EpEvidenceSort) MIN (adw_combo_row_get_selected (self->sort_row),
                                        EP_EVIDENCE_SORT_SIZE);
  options->knapp_hartung = options->method != EP_META_METHOD_FE &&
                           gtk_switch_get_active (self->knha_switch);
  options->prediction = options->method != EP_META_METHOD_FE &&
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
