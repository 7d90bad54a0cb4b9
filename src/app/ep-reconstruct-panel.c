/* ep-reconstruct-panel.c: the digitizer's side panel that reconstructs a traced curve and uses it
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reconstructing the selected curve and using it: the numbers at risk, the totals, the
 * Reconstruct button; then overlay, compare, combine and attach (docs/reconstruction.md, "In
 * the app"). The work is the model's (model/ep-reconstruction.h); the panel only gathers the
 * inputs and shows what came back.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "app/ep-reconstruct-panel.h"
#include "model/ep-catalog.h"
#include "model/ep-reconstruction.h"

struct _EpReconstructPanel
{
  GtkBox             parent_instance;

  EpProject         *project;
  /* the curve worked on (ep_reconstruct_panel_set_curve()) */
  char              *figure_name;    /* its digitized figure in the project, or NULL */
  int                curve;          /* its position there, -1: none */
  char              *curve_name;
  char              *cohort;         /* the cohort reconstructed from it, or NULL */
  char              *citation;
  gboolean           setting_citation;
  GPtrArray         *arm_ids;        /* char *: the catalog arms of arm_dropdown, id and */
  GPtrArray         *arm_labels;     /* arm label by position */

  /* Template children */
  GtkTextView       *at_risk_view;
  GtkSpinButton     *events_spin;
  GtkSpinButton     *total_spin;
  GtkDropDown       *unit_dropdown;
  GtkEntry          *citation_entry;
  GtkEntry          *cohort_entry;
  GtkLabel          *reconstruct_label;
  GtkWidget         *use_box;
  GtkDropDown       *figure_dropdown;
  GtkDropDown       *compare_dropdown;
  GtkDropDown       *arm_dropdown;
  GtkLabel          *use_label;
};

G_DEFINE_FINAL_TYPE (EpReconstructPanel, ep_reconstruct_panel, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_CITATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  KEEP,
  CURVE_LINKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
has_curve (EpReconstructPanel *self)
{
  return self->curve >= 0 && self->curve_name != NULL;
}

static void
citation_changed_cb (EpReconstructPanel *self,
                     GtkEditable        *entry)
{
  const char *text = gtk_editable_get_text (entry);

  if (self->setting_citation)
    return;
  g_free (self->citation);
  self->citation = text[0] != '\0' ? g_strdup (text) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITATION]);
}

static void
show_message (GtkLabel   *label,
              const char *text,
              gboolean    is_error)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

/* The at-risk table as typed or pasted: one row per line, a time and a number separated by
 * spaces, tabs, commas or semicolons; a first line without numbers is a header. */
static gboolean
parse_at_risk (const char  *text,
               GArray      *times,
               GArray      *counts,
               GError     **error)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();
      char *line = g_strstrip (lines[i]);
      double t = 0.0, n = 0.0;
      char *end_t = NULL, *end_n = NULL;

      if (line[0] == '\0')
        continue;
      cells = g_strsplit_set (line, " \t,;", -1);
      for (guint k = 0; cells[k] != NULL; k++)
        if (cells[k][0] != '\0')
          g_ptr_array_add (fields, cells[k]);
      if (fields->len == 2)
        {
          t = g_ascii_strtod (g_ptr_array_index (fields, 0), &end_t);
          n = g_ascii_strtod (g_ptr_array_index (fields, 1), &end_n);
        }
      if (fields->len != 2 || *end_t != '\0' || *end_n != '\0' || !isfinite (t) || !isfinite (n))
        {
          if (times->len == 0 && i == 0 && !g_ascii_isdigit (line[0]))
            continue;   /* a header: "time  n at risk" */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Numbers at risk, row %u: “%s” is not a time and a number at risk"),
                       i + 1, line);
          return FALSE;
        }
      g_array_append_val (times, t);
      g_array_append_val (counts, n);
    }
  return TRUE;
}

/* The lists to choose from: the project's Kaplan-Meier figures, its cohorts other than the
 * selected curve's, the catalog's arms. Kept selections stay selected. */
static void
fill_dropdown (GtkDropDown *dropdown,
               GPtrArray   *names)
{
  g_autofree char *was = NULL;
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);
  GtkStringList *list;
  guint selected = 0;

  if (item != NULL)
    was = g_strdup (gtk_string_object_get_string (item));
  g_ptr_array_add (names, NULL);
  list = gtk_string_list_new ((const char * const *) names->pdata);
  g_ptr_array_remove_index (names, names->len - 1);
  for (guint k = 0; was != NULL && k < names->len; k++)
    if (strcmp (g_ptr_array_index (names, k), was) == 0)
      selected = k;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown, names->len > 0 ? selected : GTK_INVALID_LIST_POSITION);
  g_object_unref (list);
}

void
ep_reconstruct_panel_refresh (EpReconstructPanel *self)
{
  g_autoptr(GPtrArray) figures = g_ptr_array_new ();
  g_autoptr(GPtrArray) cohorts = g_ptr_array_new ();

  g_return_if_fail (EP_IS_RECONSTRUCT_PANEL (self));

  /* also called while the template is disposed */
  if (self->project == NULL || self->figure_dropdown == NULL)
    return;
  {
    GListModel *model = ep_project_get_figures (self->project);

    for (guint k = 0; k < g_list_model_get_n_items (model); k++)
      {
        g_autoptr(EpFigure) figure = g_list_model_get_item (model, k);

        if (ep_figure_get_kind (figure) == EP_FIGURE_KM)
          g_ptr_array_add (figures, (gpointer) ep_project_get_figure_name (self->project, figure));
      }
  }
  {
    GListModel *model = ep_project_get_cohorts (self->project);

    for (guint k = 0; k < g_list_model_get_n_items (model); k++)
      {
        g_autoptr(EpCohort) cohort = g_list_model_get_item (model, k);
        const char *name = ep_cohort_get_name (cohort);

        if (!has_curve (self) || g_strcmp0 (self->cohort, name) != 0)
          g_ptr_array_add (cohorts, (gpointer) name);
      }
  }
  fill_dropdown (self->figure_dropdown, figures);
  fill_dropdown (self->compare_dropdown, cohorts);

  if (self->arm_ids->len == 0)
    {
      g_autoptr(EpCatalog) catalog = ep_catalog_new_default (NULL);
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      for (guint k = 0; catalog != NULL && k < g_list_model_get_n_items (G_LIST_MODEL (catalog)); k++)
        {
          g_autoptr(EpTrial) trial = g_list_model_get_item (G_LIST_MODEL (catalog), k);
          const EpCatalogRecord *record = ep_trial_get_record (trial);

          if (record->id == NULL)
            continue;
          g_ptr_array_add (self->arm_ids, g_strdup (record->id));
          g_ptr_array_add (self->arm_labels, g_strdup (record->arm));
          g_ptr_array_add (labels, g_strdup_printf ("%s — %s", ep_trial_get_trial_label (trial),
                                                    record->arm != NULL ? record->arm : ""));
        }
      g_ptr_array_set_free_func (labels, g_free);
      fill_dropdown (self->arm_dropdown, labels);
    }
}

/* The "use" controls work on the curve once it is reconstructed. */
static void
update_use (EpReconstructPanel *self)
{
  gboolean ready = self->project != NULL && has_curve (self) && self->cohort != NULL
                   && ep_project_find_cohort (self->project, self->cohort) != NULL;

  if (self->use_box == NULL)
    return;
  gtk_widget_set_sensitive (self->use_box, ready);
  if (has_curve (self))
    {
      g_autofree char *name = g_strdup_printf (_("%s (published)"), self->curve_name);
      gtk_entry_set_placeholder_text (self->cohort_entry, name);
    }
  ep_reconstruct_panel_refresh (self);
}

static char *
report_text (const EpReconstructResult *r,
             const char                *cohort_name)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _("Cohort “%s”: %zu patients, %u events, %u censored."),
                          cohort_name, r->n, r->events, r->censored);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Fit to the %zu points: RMSE %.4f, largest difference %.4f."),
                          r->n_points, r->rmse, r->max_abs_diff);
  for (guint k = 0; r->warnings != NULL && r->warnings[k] != NULL; k++)
    {
      g_string_append (text, "\n• ");
      g_string_append (text, r->warnings[k]);
    }
  return g_string_free (text, FALSE);
}

EpCohort *
ep_reconstruct_panel_reconstruct (EpReconstructPanel  *self,
                                  GError             **error)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(EpReconstructResult) report = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->at_risk_view);
  GtkTextIter start, end;
  const char *typed;
  EpCohort *cohort;
  int events, total;

  g_return_val_if_fail (EP_IS_RECONSTRUCT_PANEL (self), NULL);

  if (self->project == NULL || self->figure_name == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Open the digitizer from a project's window to reconstruct a curve"));
      return NULL;
    }
  if (!has_curve (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Trace a curve first, and select it"));
      return NULL;
    }
  /* A curve names one cohort: that link is what marks the cohort as reconstructed (with its
   * source and the caveat), so a second reconstruction would leave the first one unmarked. */
  if (self->cohort != NULL && ep_project_find_cohort (self->project, self->cohort) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” is already reconstructed as the cohort “%s”: to reconstruct it "
                     "again, remove that cohort on the Cohorts page first"),
                   self->curve_name, self->cohort);
      return NULL;
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!parse_at_risk (text, times, counts, error))
    return NULL;
  events = gtk_spin_button_get_value_as_int (self->events_spin);
  total = gtk_spin_button_get_value_as_int (self->total_spin);
  typed = gtk_editable_get_text (GTK_EDITABLE (self->cohort_entry));
  name = typed[0] != '\0' ? g_strdup (typed) : g_strdup_printf (_("%s (published)"), self->curve_name);
  /* the name offered is numbered when another cohort has it; a name typed must be free */
  for (guint k = 2; typed[0] == '\0' && ep_project_find_cohort (self->project, name) != NULL; k++)
    {
      g_autofree char *base = g_strdup_printf (_("%s (published)"), self->curve_name);

      g_free (name);
      name = g_strdup_printf ("%s (%u)", base, k);
    }
  if (ep_project_find_cohort (self->project, name) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The project already has a cohort “%s”: give the reconstruction another name"),
                   name);
      return NULL;
    }
  g_signal_emit (self, signals[KEEP], 0);   /* the points as they are now */
  cohort = ep_project_reconstruct_curve_full (self->project, self->figure_name,
                                              (guint) self->curve,
                                              (const double *) times->data,
                                              (const double *) counts->data, times->len,
                                              total > 0 ? total : -1, events > 0 ? events : -1,
                                              (EpTimeUnit) gtk_drop_down_get_selected (self->unit_dropdown),
                                              name, &report, error);
  if (cohort == NULL)
    return NULL;
  /* the curve names its cohort now, in the project; the owner's copy follows */
  g_free (self->cohort);
  self->cohort = g_strdup (name);
  g_signal_emit (self, signals[CURVE_LINKED], 0);
  message = report_text (report, name);
  show_message (self->reconstruct_label, message, FALSE);
  update_use (self);
  return cohort;
}

static const char *
dropdown_text (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

gboolean
ep_reconstruct_panel_overlay (EpReconstructPanel  *self,
                              const char          *figure_name,
                              GError             **error)
{
  EpFigure *figure;
  g_autofree char *message = NULL;

  g_return_val_if_fail (EP_IS_RECONSTRUCT_PANEL (self), FALSE);

  if (self->project == NULL || !has_curve (self) || self->cohort == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Reconstruct the selected curve first"));
      return FALSE;
    }
  figure = figure_name != NULL ? ep_project_find_figure (self->project, figure_name) : NULL;
  if (figure == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Make a Kaplan-Meier figure of your patients on the Figures page "
                             "first"));
      return FALSE;
    }
  if (!ep_project_set_figure_overlay (self->project, figure, self->cohort, error))
    return FALSE;
  message = g_strdup_printf (_("“%s” is drawn dashed on the figure “%s” (Figures page), with "
                               "the caveat: %s"), self->cohort, figure_name,
                             ep_reconstruction_caveat ());
  show_message (self->use_label, message, FALSE);
  return TRUE;
}

char *
ep_reconstruct_panel_compare (EpReconstructPanel  *self,
                              const char          *cohort_name,
                              GError             **error)
{
  g_autoptr(EpReconstructionComparison) c = NULL;
  EpCohort *own, *published;
  const char *time_column, *event_column;
  g_autofree char *p = NULL;
  char *text;

  g_return_val_if_fail (EP_IS_RECONSTRUCT_PANEL (self), NULL);

  if (self->project == NULL || !has_curve (self) || self->cohort == NULL
      || (published = ep_project_find_cohort (self->project, self->cohort)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Reconstruct the selected curve first"));
      return NULL;
    }
  own = cohort_name != NULL ? ep_project_find_cohort (self->project, cohort_name) : NULL;
  if (own == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Choose a cohort of your patients to compare with"));
      return NULL;
    }
  if (!ep_reconstruction_own_columns (own, &time_column, &event_column, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cohort “%s” has no time and event columns: give it a survival endpoint "
                     "on the Cohorts page"), cohort_name);
      return NULL;
    }
  c = ep_reconstruction_compare (own, time_column, event_column, published, error);
  if (c == NULL)
    return NULL;
  p = c->p < 0.001 ? g_strdup ("p < 0.001") : g_strdup_printf ("p = %.3f", c->p);
  text = g_strdup_printf (_("%s (%zu patients, %u events) against %s (%zu, %u):\n"
                            "log-rank χ² %.2f, %s; hazard ratio of the published arm %.2f "
                            "(95%% CI %.2f to %.2f).\n%s"),
                          self->cohort, c->n_published, c->events_published, cohort_name,
                          c->n_own, c->events_own, c->chisq, p, c->hr, c->hr_lower, c->hr_upper,
                          c->caveat);
  show_message (self->use_label, text, FALSE);
  return text;
}

EpCohort *
ep_reconstruct_panel_combine (EpReconstructPanel  *self,
                              const char          *cohort_name,
                              GError             **error)
{
  g_autofree char *message = NULL;
  EpCohort *combined;

  g_return_val_if_fail (EP_IS_RECONSTRUCT_PANEL (self), NULL);

  if (self->project == NULL || !has_curve (self) || self->cohort == NULL
      || ep_project_find_cohort (self->project, self->cohort) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Reconstruct the selected curve first"));
      return NULL;
    }
  if (cohort_name == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Choose a cohort of your patients to combine with"));
      return NULL;
    }
  combined = ep_project_combine_with_reconstruction (self->project, cohort_name, self->cohort,
                                                     NULL, error);
  if (combined == NULL)
    return NULL;
  message = g_strdup_printf (_("New cohort “%s”: %u patients, yours and the published arm's, "
                               "told apart by the column “source”. Analyse it on the Cohorts "
                               "page with “source” as the group.\n%s"),
                             ep_cohort_get_name (combined),
                             ep_cohort_get_table (combined)->n_rows, ep_reconstruction_caveat ());
  show_message (self->use_label, message, FALSE);
  ep_reconstruct_panel_refresh (self);
  return combined;
}

gboolean
ep_reconstruct_panel_attach (EpReconstructPanel *self,
                             const char         *trial_id,
                             const char         *arm)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (EP_IS_RECONSTRUCT_PANEL (self), FALSE);

  if (self->project == NULL || self->figure_name == NULL || !has_curve (self))
    return FALSE;
  g_signal_emit (self, signals[KEEP], 0);
  ep_project_attach_curve (self->project, self->figure_name, (guint) self->curve, trial_id,
                           arm);
  g_signal_emit (self, signals[CURVE_LINKED], 0);
  message = g_strdup_printf (_("Attached to the catalog arm “%s” (%s): its page on the Trials "
                               "page shows the curve."), arm != NULL ? arm : "", trial_id);
  show_message (self->use_label, message, FALSE);
  return TRUE;
}

static void
reconstruct_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EpReconstructPanel *self = EP_RECONSTRUCT_PANEL (widget);
  g_autoptr(GError) error = NULL;

  if (ep_reconstruct_panel_reconstruct (self, &error) == NULL)
    show_message (self->reconstruct_label, error->message, TRUE);
}

static void
overlay_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EpReconstructPanel *self = EP_RECONSTRUCT_PANEL (widget);
  g_autoptr(GError) error = NULL;

  if (!ep_reconstruct_panel_overlay (self, dropdown_text (self->figure_dropdown), &error))
    show_message (self->use_label, error->message, TRUE);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EpReconstructPanel *self = EP_RECONSTRUCT_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = ep_reconstruct_panel_compare (self,
                                                        dropdown_text (self->compare_dropdown),
                                                        &error);

  if (text == NULL)
    show_message (self->use_label, error->message, TRUE);
}

static void
combine_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EpReconstructPanel *self = EP_RECONSTRUCT_PANEL (widget);
  g_autoptr(GError) error = NULL;

  if (ep_reconstruct_panel_combine (self, dropdown_text (self->compare_dropdown), &error) == NULL)
    show_message (self->use_label, error->message, TRUE);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EpReconstructPanel *self = EP_RECONSTRUCT_PANEL (widget);
  guint k = gtk_drop_down_get_selected (self->arm_dropdown);

  if (k < self->arm_ids->len)
    ep_reconstruct_panel_attach (self, g_ptr_array_index (self->arm_ids, k),
                                 g_ptr_array_index (self->arm_labels, k));
}

void
ep_reconstruct_panel_set_at_risk (EpReconstructPanel *self,
                                  const char         *text)
{
  g_return_if_fail (EP_IS_RECONSTRUCT_PANEL (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->at_risk_view), text, -1);
}

void
ep_reconstruct_panel_set_totals (EpReconstructPanel *self,
                                 int                 total_events,
                                 int                 total)
{
  g_return_if_fail (EP_IS_RECONSTRUCT_PANEL (self));

  gtk_spin_button_set_value (self->events_spin, MAX (total_events, 0));
  gtk_spin_button_set_value (self->total_spin, MAX (total, 0));
}

void
ep_reconstruct_panel_set_project (EpReconstructPanel *self,
                                  EpProject          *project)
{
  g_return_if_fail (EP_IS_RECONSTRUCT_PANEL (self));
  g_return_if_fail (project == NULL || EP_IS_PROJECT (project));

  g_set_object (&self->project, project);
  update_use (self);
}

void
ep_reconstruct_panel_set_curve (EpReconstructPanel *self,
                                const char         *figure_name,
                                int                 curve,
                                const char         *curve_name,
                                const char         *cohort)
{
  g_return_if_fail (EP_IS_RECONSTRUCT_PANEL (self));

  /* the strings may be the ones kept here */
  {
    char *figure_copy = g_strdup (figure_name);
    char *name_copy = curve >= 0 ? g_strdup (curve_name) : NULL;
    char *cohort_copy = curve >= 0 ? g_strdup (cohort) : NULL;

    g_free (self->figure_name);
    g_free (self->curve_name);
    g_free (self->cohort);
    self->figure_name = figure_copy;
    self->curve_name = name_copy;
    self->cohort = cohort_copy;
  }
  self->curve = curve >= 0 ? curve : -1;
  update_use (self);
}

void
ep_reconstruct_panel_set_citation (EpReconstructPanel *self,
                                   const char         *citation)
{
  g_return_if_fail (EP_IS_RECONSTRUCT_PANEL (self));

  if (citation != NULL && citation[0] == '\0')
    citation = NULL;
  if (g_strcmp0 (citation, self->citation) == 0)
    return;
  g_free (self->citation);
  self->citation = g_strdup (citation);
  self->setting_citation = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->citation_entry), citation != NULL ? citation : "");
  self->setting_citation = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITATION]);
}

const char *
ep_reconstruct_panel_get_citation (EpReconstructPanel *self)
{
  g_return_val_if_fail (EP_IS_RECONSTRUCT_PANEL (self), NULL);

  return self->citation;
}

void
ep_reconstruct_panel_clear (EpReconstructPanel *self)
{
  g_return_if_fail (EP_IS_RECONSTRUCT_PANEL (self));

  show_message (self->reconstruct_label, NULL, FALSE);
  show_message (self->use_label, NULL, FALSE);
}

static void
ep_reconstruct_panel_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  EpReconstructPanel *self = EP_RECONSTRUCT_PANEL (object);

  switch (prop_id)
    {
    case PROP_CITATION:
      g_value_set_string (value, self->citation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_reconstruct_panel_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  EpReconstructPanel *self = EP_RECONSTRUCT_PANEL (object);

  switch (prop_id)
    {
    case PROP_CITATION:
      ep_reconstruct_panel_set_citation (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_reconstruct_panel_dispose (GObject *object)
{
  EpReconstructPanel *self = EP_RECONSTRUCT_PANEL (object);

  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), EP_TYPE_RECONSTRUCT_PANEL);

  G_OBJECT_CLASS (ep_reconstruct_panel_parent_class)->dispose (object);
}

static void
ep_reconstruct_panel_finalize (GObject *object)
{
  EpReconstructPanel *self = EP_RECONSTRUCT_PANEL (object);

  g_free (self->figure_name);
  g_free (self->curve_name);
  g_free (self->cohort);
  g_free (self->citation);
  g_ptr_array_unref (self->arm_ids);
  g_ptr_array_unref (self->arm_labels);

  G_OBJECT_CLASS (ep_reconstruct_panel_parent_class)->finalize (object);
}

static void
ep_reconstruct_panel_class_init (EpReconstructPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ep_reconstruct_panel_get_property;
  object_class->set_property = ep_reconstruct_panel_set_property;
  object_class->dispose = ep_reconstruct_panel_dispose;
  object_class->finalize = ep_reconstruct_panel_finalize;

  properties[PROP_CITATION] =
    g_param_spec_string ("citation", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Before the panel hands the curve to the project (Reconstruct, Attach): the owner writes
   * the figure and its curves into the project as they are now. */
  signals[KEEP] = g_signal_new ("keep", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);
  /* After the project linked the curve to a cohort (Reconstruct) or a catalog arm (Attach):
   * the owner's copy of the curve takes the links from the project. */
  signals[CURVE_LINKED] = g_signal_new ("curve-linked", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/ep-reconstruct-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, EpReconstructPanel, at_risk_view);
  gtk_widget_class_bind_template_child (widget_class, EpReconstructPanel, events_spin);
  gtk_widget_class_bind_template_child (widget_class, EpReconstructPanel, total_spin);
  gtk_widget_class_bind_template_child (widget_class, EpReconstructPanel, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EpReconstructPanel, citation_entry);
  gtk_widget_class_bind_template_child (widget_class, EpReconstructPanel, cohort_entry);
  gtk_widget_class_bind_template_child (widget_class, EpReconstructPanel, reconstruct_label);
  gtk_widget_class_bind_template_child (widget_class, EpReconstructPanel, use_box);
  gtk_widget_class_bind_template_child (widget_class, EpReconstructPanel, figure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EpReconstructPanel, compare_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EpReconstructPanel, arm_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EpReconstructPanel, use_label);
  gtk_widget_class_bind_template_callback (widget_class, citation_changed_cb);
  gtk_widget_class_install_action (widget_class, "reconstruct-panel.reconstruct", NULL,
                                   reconstruct_action);
  gtk_widget_class_install_action (widget_class, "reconstruct-panel.overlay", NULL,
                                   overlay_action);
  gtk_widget_class_install_action (widget_class, "reconstruct-panel.compare", NULL,
                                   compare_action);
  gtk_widget_class_install_action (widget_class, "reconstruct-panel.combine", NULL,
                                   combine_action);
  gtk_widget_class_install_action (widget_class, "reconstruct-panel.attach", NULL,
                                   attach_action);
}

static void
ep_reconstruct_panel_init (EpReconstructPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->curve = -1;
  self->arm_ids = g_ptr_array_new_with_free_func (g_free);
  self->arm_labels = g_ptr_array_new_with_free_func (g_free);
  gtk_drop_down_set_selected (self->unit_dropdown, EP_TIME_UNIT_MONTHS);
  /* the catalog's arms are many: typing filters them */
  gtk_drop_down_set_expression (self->arm_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
}

GtkWidget *
ep_reconstruct_panel_new (void)
{
  return g_object_new (EP_TYPE_RECONSTRUCT_PANEL, NULL);
}
