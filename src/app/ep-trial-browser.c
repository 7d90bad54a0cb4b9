/* ep-trial-browser.c: the Trials page
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalog as a sortable table (GtkColumnView over EpCatalog -> filter -> sort -> multi
 * selection), a search entry and drop-downs that drive one EpTrialQuery (the same filter
 * endpoint-cli trials uses), a count of shown / total, the detail of the chosen arm beside the
 * table (or on its own page when the window is narrow), and Compare for two or more arms.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "app/ep-trial-browser.h"
#include "app/ep-digitized-list.h"
#include "app/ep-digitizer.h"
#include "app/ep-trial-compare.h"
#include "app/ep-trial-detail.h"
#include "app/ep-window.h"
#include "app/ep-forest-options-dialog.h"
#include "app/ep-trial-edit-dialog.h"
#include "io/ep-catalog-reader.h"
#include "model/ep-comparability.h"
#include "model/ep-evidence-forest.h"

struct _EpTrialBrowser
{
  AdwBin               parent_instance;

  EpCatalog           *catalog;
  EpTrialQuery        *query;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkMultiSelection   *selection;
  GtkCustomFilter     *filter;

  /* Template children */
  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  GtkWidget           *detail_pane;
  GtkSearchEntry      *search_entry;
  GtkLabel            *count_label;
  GtkDropDown         *class_dropdown;
  GtkDropDown         *setting_dropdown;
  GtkDropDown         *population_dropdown;
  GtkDropDown         *ph_dropdown;
  EpDigitizedList     *digitized_list;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *trial_column;
  GtkColumnViewColumn *agent_column;
  GtkColumnViewColumn *class_column;
  GtkColumnViewColumn *setting_column;
  GtkColumnViewColumn *population_column;
  GtkColumnViewColumn *n_column;
  GtkColumnViewColumn *age_column;
  GtkColumnViewColumn *cr_column;
  GtkColumnViewColumn *mrd_column;
  GtkColumnViewColumn *survival_column;
  AdwStatusPage       *error_status;
  EpTrialDetail       *detail;
  GtkRevealer         *guard_revealer;
  GtkBox              *guard_box;
};

G_DEFINE_FINAL_TYPE (EpTrialBrowser, ep_trial_browser, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CATALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Column cells: a label showing one string property of EpTrial ("—" when not reported). The
 * property to show and whether it is a number ride on the factory. */
typedef struct
{
  const char *display;      /* string property shown */
  const char *sort;         /* property ordered by (ep_trial_compare) */
  gboolean    numeric;
} ColumnSpec;

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               const ColumnSpec         *spec)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), spec->numeric ? 1.0 : 0.0);
  if (spec->numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const ColumnSpec         *spec)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  EpTrial *trial = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  g_object_get (trial, spec->display, &text, NULL);
  gtk_label_set_text (label, text != NULL && *text != '\0' ? text : "—");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
}

static int
compare_trials_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const ColumnSpec *spec = user_data;

  return ep_trial_compare (EP_TRIAL ((gpointer) a), EP_TRIAL ((gpointer) b), spec->sort);
}

static void
setup_column (GtkColumnViewColumn *column,
              const ColumnSpec    *spec)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), (gpointer) spec);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), (gpointer) spec);
  gtk_column_view_column_set_factory (column, factory);
  g_object_unref (factory);

  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_trials_cb, (gpointer) spec, NULL));
  gtk_column_view_column_set_sorter (column, sorter);
}

static const ColumnSpec trial_spec = { "trial-label", "trial", FALSE };
static const ColumnSpec agent_spec = { "arm", "arm", FALSE };
static const ColumnSpec class_spec = { "drug-class", "drug-class", FALSE };
static const ColumnSpec setting_spec = { "setting", "setting", FALSE };
static const ColumnSpec population_spec = { "population", "population", FALSE };
static const ColumnSpec n_spec = { "n-text", "n", TRUE };
static const ColumnSpec age_spec = { "median-age-text", "median-age", TRUE };
static const ColumnSpec cr_spec = { "cr-text", "cr-pct", TRUE };
static const ColumnSpec mrd_spec = { "mrd-neg-text", "mrd-neg-pct", TRUE };
static const ColumnSpec survival_spec = { "headline-survival", "headline-survival", FALSE };

/* Drop-downs: item 0 is "any"; item i > 0 is the (i-1)th canonical name. */
static void
setup_dropdown (GtkDropDown        *dropdown,
                const char         *any,
                const char * const *names)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any);
  for (guint i = 0; names[i] != NULL; i++)
    gtk_string_list_append (list, names[i]);

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, 0);
}

static const char *
dropdown_choice (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GtkStringObject *item;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  item = gtk_drop_down_get_selected_item (dropdown);
  return gtk_string_object_get_string (item);
}

static gboolean
filter_match_cb (gpointer item,
                 gpointer user_data)
{
  EpTrialBrowser *self = user_data;

  return ep_trial_query_match (self->query, EP_TRIAL (item));
}

static void
ep_trial_browser_update_count (EpTrialBrowser *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = self->catalog != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->catalog)) : 0;
  g_autofree char *text = NULL;

  g_assert (EP_IS_TRIAL_BROWSER (self));

  /* TRANSLATORS: "12 of 33 arms": trial arms shown after filtering, of all in the catalog */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u arm", "%u of %u arms", total),
                          shown, total);
  if (self->selection != NULL)
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
      guint64 n_selected = gtk_bitset_get_size (selected);

      if (n_selected > 0)
        {
          g_autofree char *with_selected = NULL;

          /* TRANSLATORS: "12 of 33 arms, 3 selected" */
          with_selected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u selected",
                                                        "%s, %u selected", (gulong) n_selected),
                                           text, (guint) n_selected);
          g_free (text);
          text = g_steal_pointer (&with_selected);
        }
    }
  gtk_label_set_text (self->count_label, text);

  if (self->catalog != NULL)
    gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "empty");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trials.clear-filters",
                                 !ep_trial_query_is_empty (self->query));
}

static void
ep_trial_browser_refilter (EpTrialBrowser *self)
{
  g_assert (EP_IS_TRIAL_BROWSER (self));

  ep_trial_query_set_drug_class (self->query, dropdown_choice (self->class_dropdown));
  ep_trial_query_set_setting (self->query, dropdown_choice (self->setting_dropdown));
  ep_trial_query_set_population (self->query, dropdown_choice (self->population_dropdown));
  ep_trial_query_set_ph (self->query, dropdown_choice (self->ph_dropdown));
  ep_trial_query_set_search_text (self->query, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  ep_trial_browser_update_count (self);
}

static void
ep_trial_browser_search_changed_cb (EpTrialBrowser *self,
                                    GtkSearchEntry *entry)
{
  ep_trial_browser_refilter (self);
}

static void
ep_trial_browser_stop_search_cb (EpTrialBrowser *self,
                                 GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
ep_trial_browser_filter_changed_cb (EpTrialBrowser *self,
                                    GParamSpec     *pspec,
                                    GtkDropDown    *dropdown)
{
  ep_trial_browser_refilter (self);
}

static void
ep_trial_browser_show_trial (EpTrialBrowser *self,
                             EpTrial        *trial,
                             gboolean        navigate)
{
  g_assert (EP_IS_TRIAL_BROWSER (self));

  ep_trial_detail_set_trial (self->detail, trial);
  if (navigate && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
ep_trial_browser_activate_cb (EpTrialBrowser *self,
                              guint           position,
                              GtkColumnView  *column_view)
{
  g_autoptr(EpTrial) trial = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  ep_trial_browser_show_trial (self, trial, TRUE);
}

/* Deselects the arms with these ids. */
static void
ep_trial_browser_unselect_ids (EpTrialBrowser     *self,
                               const char * const *ids)
{
  GListModel *model = G_LIST_MODEL (self->selection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(EpTrial) trial = g_list_model_get_item (model, i);

      if (g_strv_contains (ids, ep_trial_get_id (trial)) &&
          gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), i))
        gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (self->selection), i);
    }
}

/* The overlap's one-click remedies: keep the pooled analysis (drop its parts) or the parts. */
static void
guard_keep_parent_cb (GtkButton      *button,
                      EpTrialBrowser *self)
{
  char **ids = g_object_get_data (G_OBJECT (button), "ids");

  ep_trial_browser_unselect_ids (self, (const char * const *) ids + 1);
}

static void
guard_keep_parts_cb (GtkButton      *button,
                     EpTrialBrowser *self)
{
  char **ids = g_object_get_data (G_OBJECT (button), "ids");
  const char *parent[] = { ids[0], NULL };

  ep_trial_browser_unselect_ids (self, parent);
}

static void ep_trial_browser_open_forest (EpTrialBrowser *self,
                                          const char     *subgroup);

/* "Stratify": the forest options with the differing field as subgroups. */
static void
guard_stratify_cb (GtkButton      *button,
                   EpTrialBrowser *self)
{
  ep_trial_browser_open_forest (self, g_object_get_data (G_OBJECT (button), "field"));
}

static void
guard_exclude_cb (GtkButton      *button,
                  EpTrialBrowser *self)
{
  ep_trial_browser_unselect_ids (self, g_object_get_data (G_OBJECT (button), "ids"));
}

static GtkWidget *
guard_button (EpTrialBrowser *self,
              const char     *label,
              char          **ids,
              GCallback       callback)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "ids", g_strdupv (ids), (GDestroyNotify) g_strfreev);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

/* The comparability guard's warnings for the selection's CR rates, each with its remedy. */
static void
ep_trial_browser_update_guard (EpTrialBrowser *self)
{
  g_autoptr(GPtrArray) trials = ep_trial_browser_get_selected (self);
  g_autoptr(GPtrArray) warnings = NULL;
  GtkWidget *child;

  g_assert (EP_IS_TRIAL_BROWSER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->guard_box))) != NULL)
    gtk_box_remove (self->guard_box, child);

  if (trials->len < 2)
    {
      gtk_revealer_set_reveal_child (self->guard_revealer, FALSE);
      return;
    }

  warnings = ep_comparability_check (trials, "cr");
  for (guint i = 0; i < warnings->len; i++)
    {
      const EpComparabilityWarning *warning = g_ptr_array_index (warnings, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name (warning->blocks_pooling ? "dialog-error-symbolic"
                                                                                : "dialog-warning-symbolic");
      g_autofree char *text = g_strdup_printf ("%s. %s.", warning->message, warning->remedy);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (icon, warning->blocks_pooling ? "error" : "warning");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (row), icon);
      gtk_box_append (GTK_BOX (row), label);

      if (warning->kind == EP_COMPARABILITY_OVERLAP)
        {
          gtk_box_append (GTK_BOX (row), guard_button (self, _("Keep the pooled analysis"), warning->ids,
                                                       G_CALLBACK (guard_keep_parent_cb)));
          gtk_box_append (GTK_BOX (row), guard_button (self, _("Keep its trials"), warning->ids,
                                                       G_CALLBACK (guard_keep_parts_cb)));
        }
      else if (warning->kind == EP_COMPARABILITY_DISPUTED)
        gtk_box_append (GTK_BOX (row), guard_button (self, _("Exclude"), warning->ids,
                                                     G_CALLBACK (guard_exclude_cb)));
      else if (warning->field != NULL && g_strv_contains (ep_evidence_forest_subgroup_fields (), warning->field))
        {
          GtkWidget *button = guard_button (self, _("Forest by Subgroup"), warning->ids,
                                            G_CALLBACK (guard_stratify_cb));

          g_object_set_data_full (G_OBJECT (button), "field", g_strdup (warning->field), g_free);
          gtk_widget_set_tooltip_text (button, _("Pool the selected arms separately by the field that differs"));
          gtk_box_append (GTK_BOX (row), button);
        }

      gtk_box_append (self->guard_box, row);
    }

  gtk_revealer_set_reveal_child (self->guard_revealer, warnings->len > 0);
}

/* The detail follows the arm most recently added to the selection. */
static void
selection_changed_cb (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      EpTrialBrowser    *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  guint64 n_selected = gtk_bitset_get_size (selected);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trials.compare", n_selected >= 2);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trials.forest-cr", n_selected >= 2);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trials.forest", n_selected >= 2);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trials.edit-arm", n_selected == 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trials.remove-arm", n_selected == 1);
  ep_trial_browser_update_count (self);
  ep_trial_browser_update_guard (self);

  for (guint i = position + n_items; i > position; i--)
    {
      if (gtk_bitset_contains (selected, i - 1))
        {
          g_autoptr(EpTrial) trial = g_list_model_get_item (G_LIST_MODEL (model), i - 1);

          ep_trial_browser_show_trial (self, trial, FALSE);
          return;
        }
    }

  if (n_selected == 1)
    {
      g_autoptr(EpTrial) trial =
        g_list_model_get_item (G_LIST_MODEL (model), gtk_bitset_get_nth (selected, 0));

      ep_trial_browser_show_trial (self, trial, FALSE);
    }
}

static void
ep_trial_browser_compare_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  EpTrialBrowser *self = EP_TRIAL_BROWSER (widget);
  g_autoptr(GPtrArray) trials = ep_trial_browser_get_selected (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *window;

  if (trials->len < 2)
    return;

  window = ep_trial_compare_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, trials);
  gtk_window_present (GTK_WINDOW (window));
}

/* The digitizer, to trace a published curve (issue 17). */
static void
ep_trial_browser_digitize_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *window = ep_digitizer_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);

  /* the figure and its points are kept in the window's project */
  if (EP_IS_WINDOW (root))
    ep_digitizer_set_project (EP_DIGITIZER (window), ep_window_get_project (EP_WINDOW (root)));
  gtk_window_present (GTK_WINDOW (window));
}

/* Adds a forest of the selected arms to the Figures page; the project keeps the selection and
 * the figure's source: the catalog ids in this order, the outcome and any options. */
static void
ep_trial_browser_add_forest (EpTrialBrowser *self,
                             GPtrArray      *trials,
                             EpFigure       *figure,
                             const char     *outcome,
                             JsonObject     *options)
{
  g_autoptr(JsonObject) source = json_object_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  JsonArray *ids_array = json_array_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  for (guint i = 0; i < trials->len; i++)
    {
      const char *id = ep_trial_get_id (g_ptr_array_index (trials, i));

      g_ptr_array_add (ids, (gpointer) id);
      json_array_add_string_element (ids_array, id);
    }
  g_ptr_array_add (ids, NULL);
  json_object_set_string_member (source, "kind", "forest-proportions");
  json_object_set_array_member (source, "trials", ids_array);
  /* own arms travel with the figure, so that the project draws it again on its own */
  {
    JsonArray *user_trials = json_array_new ();

    for (guint i = 0; i < trials->len; i++)
      if (ep_trial_get_user_entered (g_ptr_array_index (trials, i)))
        {
          g_autofree char *text = ep_catalog_record_to_json (ep_trial_get_record (g_ptr_array_index (trials, i)));

          json_array_add_element (user_trials, json_from_string (text, NULL));
        }
    if (json_array_get_length (user_trials) > 0)
      json_object_set_array_member (source, "user_trials", user_trials);
    else
      json_array_unref (user_trials);
  }
  /* the project's spelling of the MRD outcome (ep-figure-source.c) */
  json_object_set_string_member (source, "outcome", g_strcmp0 (outcome, "mrd") == 0 ? "mrd-negative" : outcome);
  if (options != NULL)
    json_object_set_object_member (source, "options", json_object_ref (options));
  ep_project_set_trial_selection (ep_window_get_project (EP_WINDOW (root)),
                                  ep_figure_get_display_name (figure),
                                  (const char * const *) ids->pdata, NULL);
  ep_window_add_figure (EP_WINDOW (root), figure, source);
}

/* A forest plot of the selected arms' CR rates, pooled by class, on the Figures page. */
static void
ep_trial_browser_forest_cr_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  EpTrialBrowser *self = EP_TRIAL_BROWSER (widget);
  g_autoptr(GPtrArray) trials = ep_trial_browser_get_selected (self);
  g_autoptr(EpFigure) figure = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (trials->len < 2 || !EP_IS_WINDOW (root))
    return;

  /* The comparability guard refuses an overlap and prints its warnings on the figure. */
  figure = ep_comparability_new_forest (trials, EP_FIGURE_OUTCOME_CR, NULL, &error);
  if (figure == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      ep_window_show_toast (EP_WINDOW (root), escaped);
      return;
    }

  ep_figure_set_title (figure, _("Complete remission by therapy class"));
  ep_trial_browser_add_forest (self, trials, figure, "cr", NULL);
}

/* The forest with options: the dialog's "Draw" builds it from the selection. */
static void
forest_dialog_draw_cb (EpForestOptionsDialog *dialog,
                       EpTrialBrowser        *self)
{
  g_autoptr(GPtrArray) trials = ep_trial_browser_get_selected (self);
  g_autoptr(EpFigure) figure = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) saved = NULL;
  EpEvidenceForestOptions options;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!EP_IS_WINDOW (root))
    return;

  ep_forest_options_dialog_get_options (dialog, &options);
  figure = ep_evidence_forest_new (trials, &options, NULL, NULL, NULL, &error);
  if (figure == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      ep_window_show_toast (EP_WINDOW (root), escaped);
      return;
    }

  saved = ep_evidence_forest_options_to_json (&options);
  ep_figure_set_title (figure, ep_figure_get_subtitle (figure));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ep_trial_browser_add_forest (self, trials, figure, options.outcome, saved);
}

static void
ep_trial_browser_open_forest (EpTrialBrowser *self,
                              const char     *subgroup)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = ep_forest_options_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);

  if (subgroup != NULL)
    ep_forest_options_dialog_set_subgroup (EP_FOREST_OPTIONS_DIALOG (dialog), subgroup);
  g_signal_connect_object (dialog, "draw", G_CALLBACK (forest_dialog_draw_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- own arms -------------------------------------------------------------------------------- */

static EpTrial *
single_selected (EpTrialBrowser *self)
{
  g_autoptr(GPtrArray) trials = ep_trial_browser_get_selected (self);

  return trials->len == 1 ? g_ptr_array_index (trials, 0) : NULL;
}

GtkWidget *
ep_trial_browser_edit_arm (EpTrialBrowser *self,
                           EpTrial        *trial)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_return_val_if_fail (EP_IS_TRIAL_BROWSER (self), NULL);

  if (!EP_IS_WINDOW (root))
    return NULL;
  dialog = ep_trial_edit_dialog_new (GTK_WINDOW (root), ep_window_get_project (EP_WINDOW (root)),
                                     trial);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
ep_trial_browser_add_arm_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  ep_trial_browser_edit_arm (EP_TRIAL_BROWSER (widget), NULL);
}

static void
ep_trial_browser_edit_arm_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  EpTrial *trial = single_selected (EP_TRIAL_BROWSER (widget));

  if (trial != NULL)
    ep_trial_browser_edit_arm (EP_TRIAL_BROWSER (widget), trial);
}

static void
ep_trial_browser_remove_arm_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  EpTrial *trial = single_selected (EP_TRIAL_BROWSER (widget));
  GtkRoot *root = gtk_widget_get_root (widget);

  if (trial != NULL && ep_trial_get_user_entered (trial) && EP_IS_WINDOW (root))
    ep_project_remove_user_trial (ep_window_get_project (EP_WINDOW (root)), ep_trial_get_id (trial));
}

gboolean
ep_trial_browser_export_arms (EpTrialBrowser  *self,
                              GFile           *file,
                              GError         **error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *text = NULL;

  g_return_val_if_fail (EP_IS_TRIAL_BROWSER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!EP_IS_WINDOW (root))
    return FALSE;
  text = ep_project_export_user_trials (ep_window_get_project (EP_WINDOW (root)));
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    EpTrialBrowser  *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (file != NULL && !ep_trial_browser_export_arms (self, file, &error) && EP_IS_WINDOW (root))
        {
          g_autofree char *escaped = g_markup_escape_text (error->message, -1);

          ep_window_show_toast (EP_WINDOW (root), escaped);
        }
    }
  g_object_unref (chooser);
}

static void
ep_trial_browser_export_arms_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Own Arms"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "own-arms.json");
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
ep_trial_browser_forest_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  ep_trial_browser_open_forest (EP_TRIAL_BROWSER (widget), NULL);
}

static void
ep_trial_browser_clear_filters_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  EpTrialBrowser *self = EP_TRIAL_BROWSER (widget);

  gtk_drop_down_set_selected (self->class_dropdown, 0);
  gtk_drop_down_set_selected (self->setting_dropdown, 0);
  gtk_drop_down_set_selected (self->population_dropdown, 0);
  gtk_drop_down_set_selected (self->ph_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  ep_trial_browser_refilter (self);
}

static void
ep_trial_browser_back_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  EpTrialBrowser *self = EP_TRIAL_BROWSER (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
ep_trial_browser_search_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  ep_trial_browser_focus_search (EP_TRIAL_BROWSER (widget));
}

static void
ep_trial_browser_dispose (GObject *object)
{
  EpTrialBrowser *self = EP_TRIAL_BROWSER (object);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  /* AdwBin unparents its child (the template) itself. */

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->query);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (ep_trial_browser_parent_class)->dispose (object);
}

static void
ep_trial_browser_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EpTrialBrowser *self = EP_TRIAL_BROWSER (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_trial_browser_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EpTrialBrowser *self = EP_TRIAL_BROWSER (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      ep_trial_browser_set_catalog (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_trial_browser_class_init (EpTrialBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_trial_browser_dispose;
  object_class->get_property = ep_trial_browser_get_property;
  object_class->set_property = ep_trial_browser_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         EP_TYPE_CATALOG,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (EP_TYPE_TRIAL_DETAIL);
  g_type_ensure (EP_TYPE_DIGITIZED_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-trial-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, list_pane);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, count_label);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, class_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, setting_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, population_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, ph_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, digitized_list);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, list_stack);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, column_view);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, trial_column);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, agent_column);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, class_column);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, setting_column);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, population_column);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, n_column);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, age_column);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, cr_column);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, mrd_column);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, survival_column);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, error_status);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, detail);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, guard_revealer);
  gtk_widget_class_bind_template_child (widget_class, EpTrialBrowser, guard_box);
  gtk_widget_class_bind_template_callback (widget_class, ep_trial_browser_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ep_trial_browser_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, ep_trial_browser_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ep_trial_browser_activate_cb);

  gtk_widget_class_install_action (widget_class, "trials.compare", NULL, ep_trial_browser_compare_action);
  gtk_widget_class_install_action (widget_class, "trials.forest-cr", NULL, ep_trial_browser_forest_cr_action);
  gtk_widget_class_install_action (widget_class, "trials.digitize", NULL, ep_trial_browser_digitize_action);
  gtk_widget_class_install_action (widget_class, "trials.forest", NULL, ep_trial_browser_forest_action);
  gtk_widget_class_install_action (widget_class, "trials.add-arm", NULL, ep_trial_browser_add_arm_action);
  gtk_widget_class_install_action (widget_class, "trials.edit-arm", NULL, ep_trial_browser_edit_arm_action);
  gtk_widget_class_install_action (widget_class, "trials.remove-arm", NULL, ep_trial_browser_remove_arm_action);
  gtk_widget_class_install_action (widget_class, "trials.export-arms", NULL, ep_trial_browser_export_arms_action);
  gtk_widget_class_install_action (widget_class, "trials.clear-filters", NULL, ep_trial_browser_clear_filters_action);
  gtk_widget_class_install_action (widget_class, "trials.back", NULL, ep_trial_browser_back_action);
  gtk_widget_class_install_action (widget_class, "trials.search", NULL, ep_trial_browser_search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "trials.search", NULL);
}

static void
ep_trial_browser_init (EpTrialBrowser *self)
{
  GtkSorter *column_sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->query = ep_trial_query_new ();
  self->filter = gtk_custom_filter_new (filter_match_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  column_sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              column_sorter != NULL ? g_object_ref (column_sorter) : NULL);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  setup_column (self->trial_column, &trial_spec);
  setup_column (self->agent_column, &agent_spec);
  setup_column (self->class_column, &class_spec);
  setup_column (self->setting_column, &setting_spec);
  setup_column (self->population_column, &population_spec);
  setup_column (self->n_column, &n_spec);
  setup_column (self->age_column, &age_spec);
  setup_column (self->cr_column, &cr_spec);
  setup_column (self->mrd_column, &mrd_spec);
  setup_column (self->survival_column, &survival_spec);

  setup_dropdown (self->class_dropdown, _("All classes"), ep_drug_class_names ());
  setup_dropdown (self->setting_dropdown, _("All settings"), ep_trial_setting_names ());
  setup_dropdown (self->population_dropdown, _("All populations"), ep_trial_population_names ());
  setup_dropdown (self->ph_dropdown, _("Any Ph status"), ep_ph_status_names ());

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trials.compare", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trials.forest-cr", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trials.forest", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trials.edit-arm", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trials.remove-arm", FALSE);
  ep_trial_browser_update_count (self);
}

GtkWidget *
ep_trial_browser_new (void)
{
  return g_object_new (EP_TYPE_TRIAL_BROWSER, NULL);
}

EpCatalog *
ep_trial_browser_get_catalog (EpTrialBrowser *self)
{
  g_return_val_if_fail (EP_IS_TRIAL_BROWSER (self), NULL);

  return self->catalog;
}

void
ep_trial_browser_set_catalog (EpTrialBrowser *self,
                              EpCatalog      *catalog)
{
  g_return_if_fail (EP_IS_TRIAL_BROWSER (self));
  g_return_if_fail (catalog == NULL || EP_IS_CATALOG (catalog));

  if (!g_set_object (&self->catalog, catalog))
    return;

  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (catalog));
  ep_trial_detail_set_trial (self->detail, NULL);
  ep_trial_browser_update_count (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

void
ep_trial_browser_show_error (EpTrialBrowser *self,
                             const GError   *error)
{
  g_return_if_fail (EP_IS_TRIAL_BROWSER (self));
  g_return_if_fail (error != NULL);

  /* AdwStatusPage's description is markup; the message may quote the file. */
  {
    g_autofree char *escaped = g_markup_escape_text (error->message, -1);

    adw_status_page_set_description (self->error_status, escaped);
  }
  gtk_stack_set_visible_child_name (self->list_stack, "error");
}

GtkSelectionModel *
ep_trial_browser_get_selection (EpTrialBrowser *self)
{
  g_return_val_if_fail (EP_IS_TRIAL_BROWSER (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

GPtrArray *
ep_trial_browser_get_selected (EpTrialBrowser *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GPtrArray *trials;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (EP_IS_TRIAL_BROWSER (self), NULL);

  trials = g_ptr_array_new_with_free_func (g_object_unref);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (trials, g_list_model_get_item (G_LIST_MODEL (self->selection), position));

  return trials;
}

void
ep_trial_browser_set_search_text (EpTrialBrowser *self,
                                  const char     *text)
{
  g_return_if_fail (EP_IS_TRIAL_BROWSER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Don't wait for the entry's search delay: the caller wants the result now. */
  ep_trial_browser_refilter (self);
}

void
ep_trial_browser_focus_search (EpTrialBrowser *self)
{
  g_return_if_fail (EP_IS_TRIAL_BROWSER (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

guint
ep_trial_browser_select_ids (EpTrialBrowser     *self,
                             const char * const *ids)
{
  GListModel *model;
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  guint n_found = 0;

  g_return_val_if_fail (EP_IS_TRIAL_BROWSER (self), 0);

  /* Every arm of the selection must be in the list to be selected. */
  ep_trial_browser_clear_filters_action (GTK_WIDGET (self), NULL, NULL);
  model = G_LIST_MODEL (self->selection);
  for (guint i = 0; ids != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(EpTrial) trial = g_list_model_get_item (model, i);

      if (g_strv_contains (ids, ep_trial_get_id (trial)))
        {
          gtk_bitset_add (selected, i);
          n_found++;
        }
    }
  mask = gtk_bitset_new_range (0, g_list_model_get_n_items (model));
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
  return n_found;
}

void
ep_trial_browser_set_project (EpTrialBrowser *self,
                              EpProject      *project)
{
  g_return_if_fail (EP_IS_TRIAL_BROWSER (self));

  ep_digitized_list_set_project (self->digitized_list, project);
}
