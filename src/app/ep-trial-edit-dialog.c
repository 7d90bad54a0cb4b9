/* ep-trial-edit-dialog.c: add or edit a trial arm of the user's own, saved in the project
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form holds the fields a clinician reads off a results table (the arm, CR and MRD-negative
 * with their definitions and denominators, the source); every other field of the catalog
 * schema (endpoints, relapse, toxicity, baseline, ...) is in "More fields" as a JSON object, so
 * that all of them can be entered or edited. Save builds one catalog record (JSON), checks the
 * form's own rules (a citation and a table or page are required; numbers are numbers), then
 * hands it to ep_project_set_user_trial(), which validates it as the catalog does. Every
 * message names the field by the label the form shows it under.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "app/ep-trial-edit-dialog.h"
#include "io/ep-catalog-reader.h"

struct _EpTrialEditDialog
{
  AdwWindow       parent_instance;

  /* Template children */
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkTextView    *other_view;

  EpProject      *project;
  JsonObject     *original;   /* the edited arm's record, or NULL */
  char           *error;
};

G_DEFINE_FINAL_TYPE (EpTrialEditDialog, ep_trial_edit_dialog, ADW_TYPE_WINDOW)

/* The entry rows, and the record member each fills (a path: "cr.numerator"). */
static const struct
{
  const char *row;
  const char *path;
  char        type;   /* s string, n number, i integer */
} entries[] = {
  { "id_row", "id", 's' },
  { "trial_row", "trial", 's' },
  { "arm_row", "arm", 's' },
  { "agent_row", "agent", 's' },
  { "target_row", "target", 's' },
  { "phase_row", "phase", 's' },
  { "n_row", "n", 'i' },
  { "age_row", "median_age", 'n' },
  { "age_range_row", "age_range", 's' },
  { "dosing_row", "dosing", 's' },
  { "notes_row", "notes", 's' },
  { "cr_value_row", "cr.value", 'n' },
  { "cr_numerator_row", "cr.numerator", 'i' },
  { "cr_denominator_row", "cr.denominator", 'i' },
  { "cr_definition_row", "cr.definition.text", 's' },
  { "mrd_value_row", "mrd_negative.value", 'n' },
  { "mrd_numerator_row", "mrd_negative.numerator", 'i' },
  { "mrd_denominator_row", "mrd_negative.denominator", 'i' },
  { "mrd_threshold_row", "mrd_negative.definition.mrd_threshold", 'n' },
  { "mrd_method_row", "mrd_negative.definition.mrd_method", 's' },
  { "mrd_definition_row", "mrd_negative.definition.text", 's' },
  { "citation_row", "references.citation", 's' },
  { "doi_row", "references.doi", 's' },
  { "nct_row", "references.nct", 's' },
  { "location_row", "provenance.location", 's' },
};

static const char * const class_values[] = { "BiTE", "CAR T", "antibody-drug conjugate", "chemotherapy", "combination", NULL };
static const char * const setting_values[] = { "r/r", "MRD-positive", "frontline", NULL };
/* [0] is "not stated" (null) in these */
static const char * const population_values[] = { "", "pediatric", "AYA", "adult", "all ages", NULL };
static const char * const ph_values[] = { "", "Ph-", "Ph+", "mixed", NULL };
static const char * const kind_values[] = { "", "enrolled", "infused", "evaluable", "responders", NULL };
static const char * const response_values[] = { "", "CR", "CR/CRh", "CR/CRi", "CR/CRh/CRi", NULL };

static const struct
{
  const char         *row;
  const char         *path;
  const char * const *values;
} combos[] = {
  { "class_row", "class", class_values },
  { "setting_row", "setting", setting_values },
  { "population_row", "population", population_values },
  { "ph_row", "ph", ph_values },
  { "cr_kind_row", "cr.denominator_kind", kind_values },
  { "cr_response_row", "cr.definition.response", response_values },
  { "mrd_kind_row", "mrd_negative.denominator_kind", kind_values },
};

/* Members the form fills; "More fields" shows the others. */
static const char * const form_members[] = {
  "id", "trial", "arm", "agent", "class", "target", "phase", "setting", "population", "ph", "n",
  "median_age", "age_range", "dosing", "notes", "cr", "mrd_negative", "references", "provenance",
  NULL
};

static GtkWidget *
row (EpTrialEditDialog *self,
     const char        *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), EP_TYPE_TRIAL_EDIT_DIALOG,
                                                    name));
}

static const char *
row_title (EpTrialEditDialog *self,
           const char        *name)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row (self, name)));
}

/* ---- JSON paths ------------------------------------------------------------------------------ */

/* The object at path's parent ("cr.definition.text" -> the cr's definition), made when missing;
 * for references and provenance, their first element. */
static JsonObject *
parent_object (JsonObject  *record,
               const char  *path,
               const char **leaf)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonObject *object = record;
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    {
      JsonNode *node = json_object_get_member (object, parts[i]);

      if (strcmp (parts[i], "references") == 0 || strcmp (parts[i], "provenance") == 0)
        {
          JsonArray *array;

          if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
            {
              json_object_set_array_member (object, parts[i], json_array_new ());
              node = json_object_get_member (object, parts[i]);
            }
          array = json_node_get_array (node);
          if (json_array_get_length (array) == 0 ||
              !JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0)))
            {
              if (json_array_get_length (array) > 0)
                json_array_remove_element (array, 0);
              json_array_add_object_element (array, json_object_new ());
            }
          object = json_array_get_object_element (array, 0);
          continue;
        }
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          json_object_set_object_member (object, parts[i], json_object_new ());
          node = json_object_get_member (object, parts[i]);
        }
      object = json_node_get_object (node);
    }
  *leaf = path + (strrchr (path, '.') != NULL ? strrchr (path, '.') - path + 1 : 0);
  return object;
}

static JsonNode *
lookup (JsonObject *record,
        const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = NULL;
  JsonObject *object = record;

  for (guint i = 0; parts[i] != NULL && object != NULL; i++)
    {
      node = json_object_get_member (object, parts[i]);
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
        node = json_array_get_element (json_node_get_array (node), 0);
      object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return node;
}

/* ---- the form -------------------------------------------------------------------------------- */

static void
set_error (EpTrialEditDialog *self,
           const char        *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* "record “x”: field “cr.definition.text”: required field is missing" -> with the form's label */
static char *
name_field (EpTrialEditDialog *self,
            const char        *message)
{
  const char *start = strstr (message, "field “");
  g_autofree char *path = NULL;
  const char *end;

  if (start == NULL || (end = strstr (start + strlen ("field “"), "”")) == NULL)
    return g_strdup (message);
  path = g_strndup (start + strlen ("field “"), end - start - strlen ("field “"));
  /* "references[0].citation" is the form's "references.citation" */
  for (char *p; (p = strstr (path, "[0]")) != NULL;)
    memmove (p, p + 3, strlen (p + 3) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (strcmp (entries[i].path, path) == 0)
      /* TRANSLATORS: "Patients, n (required): record “x”: field “n”: ..." */
      return g_strdup_printf (_("%s: %s"), row_title (self, entries[i].row), message);
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    if (strcmp (combos[i].path, path) == 0)
      return g_strdup_printf (_("%s: %s"), row_title (self, combos[i].row), message);
  return g_strdup (message);
}

static char *
record_slug (const char *trial,
             const char *arm)
{
  g_autofree char *text = g_strdup_printf ("user %s %s", trial, arm);
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  return g_string_free (slug, FALSE);
}

static char *
entry_text (EpTrialEditDialog *self,
            const char        *name)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row (self, name)))));
}

/* The record the form describes, or NULL with the message naming the field. */
static JsonObject *
build_record (EpTrialEditDialog  *self,
              GError            **error)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *other = NULL;
  GtkTextIter start, end;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->other_view);
  const char *required[] = { "trial_row", "arm_row", "agent_row", "n_row", "citation_row",
                             "location_row" };

  /* More fields first: the form's fields go on top */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  other = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*other != '\0')
    {
      g_autoptr(GError) local = NULL;
      JsonNode *root;

      if (!json_parser_load_from_data (parser, other, -1, &local) ||
          (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("More fields: not a JSON object (%s)"),
                       local != NULL ? local->message : _("another JSON value"));
          return NULL;
        }
      json_object_unref (record);
      record = json_object_ref (json_node_get_object (root));
    }
  /* what the edited arm had in the form's objects beyond the form's fields (an outcome's
   * estimate or source, more references) is kept */
  if (self->original != NULL)
    for (guint i = 0; form_members[i] != NULL; i++)
      if (json_object_has_member (self->original, form_members[i]) &&
          !json_object_has_member (record, form_members[i]))
        json_object_set_member (record, form_members[i],
                                json_node_copy (json_object_get_member (self->original,
                                                                        form_members[i])));
  if (!json_object_has_member (record, "relapse"))
    json_object_set_null_member (record, "relapse");
  if (!json_object_has_member (record, "endpoints"))
    json_object_set_array_member (record, "endpoints", json_array_new ());

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autofree char *text = entry_text (self, required[i]);

      if (*text == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* TRANSLATORS: a required field of the arm form is empty */
                       _("%s: this field is required"), row_title (self, required[i]));
          return NULL;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *text = entry_text (self, entries[i].row);
      const char *leaf;
      JsonObject *parent;

      if (strcmp (entries[i].row, "id_row") == 0 && *text == '\0')
        {
          g_autofree char *trial = entry_text (self, "trial_row");
          g_autofree char *arm = entry_text (self, "arm_row");

          g_free (text);
          text = record_slug (trial, arm);
        }
      /* an empty outcome field leaves the outcome as it is (null when nothing is given) */
      if (*text == '\0' && (g_str_has_prefix (entries[i].path, "cr.") ||
                            g_str_has_prefix (entries[i].path, "mrd_negative.")))
        continue;
      parent = parent_object (record, entries[i].path, &leaf);
      if (*text == '\0')
        {
          json_object_set_null_member (parent, leaf);
          continue;
        }
      if (entries[i].type == 's')
        json_object_set_string_member (parent, leaf, text);
      else if (entries[i].type == 'i')
        {
          gint64 value;

          if (!g_ascii_string_to_signed (text, 10, G_MININT32, G_MAXINT32, &value, NULL))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("%s: “%s” is not a whole number"),
                           row_title (self, entries[i].row), text);
              return NULL;
            }
          json_object_set_int_member (parent, leaf, value);
        }
      else
        {
          char *endp = NULL;
          double value;

          g_strdelimit (text, ",", '.');
          value = g_ascii_strtod (text, &endp);
          if (endp == text || *endp != '\0' || !isfinite (value))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("%s: “%s” is not a number"), row_title (self, entries[i].row), text);
              return NULL;
            }
          json_object_set_double_member (parent, leaf, value);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    {
      guint k = adw_combo_row_get_selected (ADW_COMBO_ROW (row (self, combos[i].row)));
      const char *value = k < g_strv_length ((char **) combos[i].values) ? combos[i].values[k] : "";
      const char *leaf;
      JsonObject *parent;

      /* an outcome's kind or definition only matters when the outcome is there */
      if ((g_str_has_prefix (combos[i].path, "cr.") && !json_object_has_member (record, "cr")) ||
          (g_str_has_prefix (combos[i].path, "mrd_negative.") &&
           !json_object_has_member (record, "mrd_negative")))
        continue;
      if ((g_str_has_prefix (combos[i].path, "cr.") &&
           JSON_NODE_HOLDS_NULL (json_object_get_member (record, "cr"))) ||
          (g_str_has_prefix (combos[i].path, "mrd_negative.") &&
           JSON_NODE_HOLDS_NULL (json_object_get_member (record, "mrd_negative"))))
        continue;
      parent = parent_object (record, combos[i].path, &leaf);
      if (*value == '\0')
        json_object_set_null_member (parent, leaf);
      else
        json_object_set_string_member (parent, leaf, value);
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *key = i == 0 ? "cr" : "mrd_negative";

      if (!json_object_has_member (record, key))
        json_object_set_null_member (record, key);
    }

  /* the provenance's source is the citation (docs/catalog.md: a user's arm) */
  {
    g_autofree char *citation = entry_text (self, "citation_row");
    const char *leaf;
    JsonObject *provenance = parent_object (record, "provenance.source", &leaf);

    json_object_set_string_member (provenance, leaf, citation);
  }

  return g_steal_pointer (&record);
}

gboolean
ep_trial_edit_dialog_save (EpTrialEditDialog  *self,
                           GError            **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (EP_IS_TRIAL_EDIT_DIALOG (self), FALSE);

  record = build_record (self, &local);
  if (record != NULL)
    {
      node = json_node_init_object (json_node_alloc (), record);
      text = json_to_string (node, FALSE);
      if (ep_project_set_user_trial (self->project, text, &local))
        {
          set_error (self, NULL);
          return TRUE;
        }
    }

  {
    g_autofree char *message = name_field (self, local->message);

    set_error (self, message);
    g_set_error_literal (error, local->domain, local->code, message);
  }
  return FALSE;
}

static void
ep_trial_edit_dialog_save_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  EpTrialEditDialog *self = EP_TRIAL_EDIT_DIALOG (widget);

  if (ep_trial_edit_dialog_save (self, NULL))
    gtk_window_close (GTK_WINDOW (self));
}

/* ---- filling the form from an arm ------------------------------------------------------------ */

static void
fill_form (EpTrialEditDialog *self)
{
  g_autoptr(JsonObject) other = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  GList *members = json_object_get_members (self->original);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      JsonNode *value = lookup (self->original, entries[i].path);

      if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
        continue;
      if (json_node_get_value_type (value) == G_TYPE_STRING)
        gtk_editable_set_text (GTK_EDITABLE (row (self, entries[i].row)),
                               json_node_get_string (value));
      else if (json_node_get_value_type (value) == G_TYPE_INT64)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));

          gtk_editable_set_text (GTK_EDITABLE (row (self, entries[i].row)), number);
        }
      else if (json_node_get_value_type (value) == G_TYPE_DOUBLE)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (number, sizeof number, "%g", json_node_get_double (value));
          gtk_editable_set_text (GTK_EDITABLE (row (self, entries[i].row)), number);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    {
      JsonNode *value = lookup (self->original, combos[i].path);
      const char *string = value != NULL && JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : "";

      for (guint k = 0; combos[i].values[k] != NULL; k++)
        if (g_strcmp0 (combos[i].values[k], string) == 0)
          adw_combo_row_set_selected (ADW_COMBO_ROW (row (self, combos[i].row)), k);
    }

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (form_members, l->data))
      json_object_set_member (other, l->data,
                              json_node_copy (json_object_get_member (self->original, l->data)));
  g_list_free (members);
  node = json_node_init_object (json_node_alloc (), other);
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->other_view), text, -1);
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
ep_trial_edit_dialog_dispose (GObject *object)
{
  EpTrialEditDialog *self = EP_TRIAL_EDIT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EP_TYPE_TRIAL_EDIT_DIALOG);
  g_clear_object (&self->project);
  g_clear_pointer (&self->original, json_object_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (ep_trial_edit_dialog_parent_class)->dispose (object);
}

static void
ep_trial_edit_dialog_class_init (EpTrialEditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ep_trial_edit_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/endpoint/Endpoint/ui/ep-trial-edit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EpTrialEditDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, EpTrialEditDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, EpTrialEditDialog, other_view);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_widget_class_bind_template_child_full (widget_class, entries[i].row, FALSE, 0);
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    gtk_widget_class_bind_template_child_full (widget_class, combos[i].row, FALSE, 0);
  gtk_widget_class_install_action (widget_class, "arm.save", NULL,
                                   ep_trial_edit_dialog_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ep_trial_edit_dialog_init (EpTrialEditDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ep_trial_edit_dialog_new (GtkWindow *parent,
                          EpProject *project,
                          EpTrial   *trial)
{
  EpTrialEditDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (EP_IS_PROJECT (project), NULL);
  g_return_val_if_fail (trial == NULL || EP_IS_TRIAL (trial), NULL);

  self = g_object_new (EP_TYPE_TRIAL_EDIT_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  if (trial != NULL)
    {
      g_autofree char *text = ep_catalog_record_to_json (ep_trial_get_record (trial));
      g_autoptr(JsonNode) node = json_from_string (text, NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          self->original = json_object_ref (json_node_get_object (node));
          fill_form (self);
        }
      /* TRANSLATORS: the title of the dialog that edits an arm */
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Trial Arm"));
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("New Trial Arm"));

  return GTK_WIDGET (self);
}

void
ep_trial_edit_dialog_set_field (EpTrialEditDialog *self,
                                const char        *name,
                                const char        *text)
{
  GtkWidget *widget;

  g_return_if_fail (EP_IS_TRIAL_EDIT_DIALOG (self));
  g_return_if_fail (name != NULL && text != NULL);

  if (strcmp (name, "other_view") == 0)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->other_view), text, -1);
      return;
    }
  widget = row (self, name);
  g_return_if_fail (widget != NULL);
  if (ADW_IS_COMBO_ROW (widget))
    {
      for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
        if (strcmp (combos[i].row, name) == 0)
          for (guint k = 0; combos[i].values[k] != NULL; k++)
            if (strcmp (combos[i].values[k], text) == 0)
              adw_combo_row_set_selected (ADW_COMBO_ROW (widget), k);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

const char *
ep_trial_edit_dialog_get_error (EpTrialEditDialog *self)
{
  g_return_val_if_fail (EP_IS_TRIAL_EDIT_DIALOG (self), NULL);
  return self->error;
}
