/* ep-cohort-sidebar.c: the Cohorts page's side panel
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two boxed lists bound to the cohort's models: its endpoints (name, how the time is made,
 * the event codes, a remove button) and its columns (name, type, missing count, and a role
 * drop-down that sets the column's role). Defining and removing endpoints are the page's
 * actions (cohort.add-endpoint, cohort.remove-endpoint), found up the widget tree.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "app/ep-cohort-sidebar.h"
#include "app/ep-column-titles.h"

struct _EpCohortSidebar
{
  AdwBin      parent_instance;

  EpCohort   *cohort;

  /* Template children */
  GtkListBox *endpoints_list;
  GtkListBox *columns_list;
};

G_DEFINE_FINAL_TYPE (EpCohortSidebar, ep_cohort_sidebar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_COHORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Columns */

static void
column_row_update (GtkWidget      *row,
                   EpCohortColumn *column)
{
  g_autofree char *subtitle = NULL;
  guint n_missing = ep_cohort_column_get_n_missing (column);
  GtkDropDown *roles = g_object_get_data (G_OBJECT (row), "roles");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ep_cohort_column_get_name (column));
  if (n_missing > 0)
    /* TRANSLATORS: "Number · 3 missing" */
    subtitle = g_strdup_printf (_("%s · %u missing"), ep_column_type_title (ep_cohort_column_get_column_type (column)),
                                n_missing);
  else
    subtitle = g_strdup (ep_column_type_title (ep_cohort_column_get_column_type (column)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (gtk_drop_down_get_selected (roles) != (guint) ep_cohort_column_get_role (column))
    gtk_drop_down_set_selected (roles, ep_cohort_column_get_role (column));
}

static void
column_row_notify_cb (EpCohortColumn *column,
                      GParamSpec     *pspec,
                      GtkWidget      *row)
{
  column_row_update (row, column);
}

static void
role_selected_cb (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  GtkWidget   *row)
{
  EpCohortSidebar *self = g_object_get_data (G_OBJECT (row), "sidebar");
  EpCohortColumn *column = g_object_get_data (G_OBJECT (row), "column");
  guint role = gtk_drop_down_get_selected (dropdown);

  if (self->cohort == NULL || role == GTK_INVALID_LIST_POSITION
      || role == (guint) ep_cohort_column_get_role (column))
    return;

  for (guint c = 0; c < ep_cohort_get_n_columns (self->cohort); c++)
    if (ep_cohort_get_column (self->cohort, c) == column)
      {
        ep_cohort_set_column_role (self->cohort, c, role);
        break;
      }
}

static GtkWidget *
create_column_row (gpointer item,
                   gpointer data)
{
  EpCohortSidebar *self = data;
  EpCohortColumn *column = item;
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  g_autoptr(GEnumClass) role_class = g_type_class_ref (EP_TYPE_COLUMN_ROLE);
  GtkWidget *dropdown;

  for (guint r = 0; r < role_class->n_values; r++)
    gtk_string_list_append (roles, ep_column_role_title (role_class->values[r].value));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (roles)), NULL);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (dropdown, _("What the column means to the analyses"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  g_object_set_data (G_OBJECT (row), "roles", dropdown);
  g_object_set_data (G_OBJECT (row), "sidebar", self);
  g_object_set_data_full (G_OBJECT (row), "column", g_object_ref (column), g_object_unref);
  column_row_update (row, column);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (role_selected_cb), row);
  g_signal_connect_object (column, "notify", G_CALLBACK (column_row_notify_cb), row, 0);

  return row;
}

/* Endpoints */

static char *
describe_endpoint (EpCohortEndpoint *endpoint)
{
  g_autofree char *codes = g_strjoinv (", ", (char **) ep_cohort_endpoint_get_event_codes (endpoint));
  const char *unit = ep_time_unit_to_string (ep_cohort_endpoint_get_unit (endpoint));

  if (ep_cohort_endpoint_get_source (endpoint) == EP_ENDPOINT_FROM_DATES)
    /* TRANSLATORS: "start → last_visit, event: status = 1; months" */
    return g_strdup_printf (_("%s → %s, event: %s = %s; %s"),
                            ep_cohort_endpoint_get_start_column (endpoint),
                            ep_cohort_endpoint_get_end_column (endpoint),
                            ep_cohort_endpoint_get_event_column (endpoint), codes, unit);

  /* TRANSLATORS: "time, event: status = 1; weeks" */
  return g_strdup_printf (_("%s, event: %s = %s; %s"),
                          ep_cohort_endpoint_get_time_column (endpoint),
                          ep_cohort_endpoint_get_event_column (endpoint), codes, unit);
}

static GtkWidget *
create_endpoint_row (gpointer item,
                     gpointer data)
{
  EpCohortEndpoint *endpoint = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *subtitle = describe_endpoint (endpoint);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ep_cohort_endpoint_get_name (endpoint));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove the endpoint"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "cohort.remove-endpoint");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                          g_variant_new_string (ep_cohort_endpoint_get_name (endpoint)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

/* GObject */

static void
ep_cohort_sidebar_dispose (GObject *object)
{
  EpCohortSidebar *self = EP_COHORT_SIDEBAR (object);

  g_clear_object (&self->cohort);

  G_OBJECT_CLASS (ep_cohort_sidebar_parent_class)->dispose (object);
}

static void
ep_cohort_sidebar_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EpCohortSidebar *self = EP_COHORT_SIDEBAR (object);

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
ep_cohort_sidebar_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EpCohortSidebar *self = EP_COHORT_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_COHORT:
      ep_cohort_sidebar_set_cohort (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_cohort_sidebar_class_init (EpCohortSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_cohort_sidebar_dispose;
  object_class->get_property = ep_cohort_sidebar_get_property;
  object_class->set_property = ep_cohort_sidebar_set_property;

  properties[PROP_COHORT] =
    g_param_spec_object ("cohort", NULL, NULL, EP_TYPE_COHORT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/ep-cohort-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, EpCohortSidebar, endpoints_list);
  gtk_widget_class_bind_template_child (widget_class, EpCohortSidebar, columns_list);
}

static void
ep_cohort_sidebar_init (EpCohortSidebar *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No endpoint yet: define one to run survival and Cox analyses"));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->endpoints_list, placeholder);
}

GtkWidget *
ep_cohort_sidebar_new (void)
{
  return g_object_new (EP_TYPE_COHORT_SIDEBAR, NULL);
}

EpCohort *
ep_cohort_sidebar_get_cohort (EpCohortSidebar *self)
{
  g_return_val_if_fail (EP_IS_COHORT_SIDEBAR (self), NULL);

  return self->cohort;
}

void
ep_cohort_sidebar_set_cohort (EpCohortSidebar *self,
                              EpCohort        *cohort)
{
  g_return_if_fail (EP_IS_COHORT_SIDEBAR (self));
  g_return_if_fail (cohort == NULL || EP_IS_COHORT (cohort));

  if (!g_set_object (&self->cohort, cohort))
    return;

  if (cohort != NULL)
    {
      gtk_list_box_bind_model (self->columns_list, ep_cohort_get_columns (cohort),
                               create_column_row, self, NULL);
      gtk_list_box_bind_model (self->endpoints_list, ep_cohort_get_endpoints (cohort),
                               create_endpoint_row, self, NULL);
    }
  else
    {
      gtk_list_box_bind_model (self->columns_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->endpoints_list, NULL, NULL, NULL, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COHORT]);
}
