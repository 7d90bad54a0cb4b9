/* ep-trial-query.c: the Trials page's filter (class, setting, population, Ph, search text)
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "model/ep-trial-query.h"

#define ANY (-1)

struct _EpTrialQuery
{
  GObject  parent_instance;

  int      drug_class;   /* EpDrugClass or ANY */
  int      setting;      /* EpTrialSetting or ANY */
  int      population;   /* EpTrialPopulation or ANY */
  int      ph;           /* EpPhStatus or ANY */
  char    *search_text;  /* NULL when empty */
};

G_DEFINE_FINAL_TYPE (EpTrialQuery, ep_trial_query, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DRUG_CLASS,
  PROP_SETTING,
  PROP_POPULATION,
  PROP_PH,
  PROP_SEARCH_TEXT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_any (const char *text)
{
  return text == NULL || *text == '\0';
}

static void
changed (EpTrialQuery *self,
         guint         prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
ep_trial_query_set_drug_class (EpTrialQuery *self,
                               const char   *drug_class)
{
  EpDrugClass value;
  int wanted = ANY;

  g_return_val_if_fail (EP_IS_TRIAL_QUERY (self), FALSE);

  if (!is_any (drug_class))
    {
      if (!ep_drug_class_from_string (drug_class, &value))
        return FALSE;
      wanted = (int) value;
    }

  if (wanted != self->drug_class)
    {
      self->drug_class = wanted;
      changed (self, PROP_DRUG_CLASS);
    }
  return TRUE;
}

gboolean
ep_trial_query_set_setting (EpTrialQuery *self,
                            const char   *setting)
{
  EpTrialSetting value;
  int wanted = ANY;

  g_return_val_if_fail (EP_IS_TRIAL_QUERY (self), FALSE);

  if (!is_any (setting))
    {
      if (!ep_trial_setting_from_string (setting, &value))
        return FALSE;
      wanted = (int) value;
    }

  if (wanted != self->setting)
    {
      self->setting = wanted;
      changed (self, PROP_SETTING);
    }
  return TRUE;
}

gboolean
ep_trial_query_set_population (EpTrialQuery *self,
                               const char   *population)
{
  EpTrialPopulation value;
  int wanted = ANY;

  g_return_val_if_fail (EP_IS_TRIAL_QUERY (self), FALSE);

  if (!is_any (population))
    {
      if (!ep_trial_population_from_string (population, &value))
        return FALSE;
      wanted = (int) value;
    }

  if (wanted != self->population)
    {
      self->population = wanted;
      changed (self, PROP_POPULATION);
    }
  return TRUE;
}

gboolean
ep_trial_query_set_ph (EpTrialQuery *self,
                       const char   *ph)
{
  EpPhStatus value;
  int wanted = ANY;

  g_return_val_if_fail (EP_IS_TRIAL_QUERY (self), FALSE);

  if (!is_any (ph))
    {
      if (!ep_ph_status_from_string (ph, &value))
        return FALSE;
      wanted = (int) value;
    }

  if (wanted != self->ph)
    {
      self->ph = wanted;
      changed (self, PROP_PH);
    }
  return TRUE;
}

void
ep_trial_query_set_search_text (EpTrialQuery *self,
                                const char   *text)
{
  g_return_if_fail (EP_IS_TRIAL_QUERY (self));

  if (is_any (text))
    text = NULL;

  if (g_strcmp0 (self->search_text, text) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_strdup (text);
  changed (self, PROP_SEARCH_TEXT);
}

const char *
ep_trial_query_get_drug_class (EpTrialQuery *self)
{
  g_return_val_if_fail (EP_IS_TRIAL_QUERY (self), NULL);
  return self->drug_class == ANY ? NULL : ep_drug_class_to_string (self->drug_class);
}

const char *
ep_trial_query_get_setting (EpTrialQuery *self)
{
  g_return_val_if_fail (EP_IS_TRIAL_QUERY (self), NULL);
  return self->setting == ANY ? NULL : ep_trial_setting_to_string (self->setting);
}

const char *
ep_trial_query_get_population (EpTrialQuery *self)
{
  g_return_val_if_fail (EP_IS_TRIAL_QUERY (self), NULL);
  return self->population == ANY ? NULL : ep_trial_population_to_string (self->population);
}

const char *
ep_trial_query_get_ph (EpTrialQuery *self)
{
  g_return_val_if_fail (EP_IS_TRIAL_QUERY (self), NULL);
  return self->ph == ANY ? NULL : ep_ph_status_to_string (self->ph);
}

const char *
ep_trial_query_get_search_text (EpTrialQuery *self)
{
  g_return_val_if_fail (EP_IS_TRIAL_QUERY (self), NULL);
  return self->search_text;
}

gboolean
ep_trial_query_is_empty (EpTrialQuery *self)
{
  g_return_val_if_fail (EP_IS_TRIAL_QUERY (self), TRUE);

  return self->drug_class == ANY && self->setting == ANY && self->population == ANY &&
         self->ph == ANY && self->search_text == NULL;
}

void
ep_trial_query_clear (EpTrialQuery *self)
{
  g_return_if_fail (EP_IS_TRIAL_QUERY (self));

  g_object_freeze_notify (G_OBJECT (self));
  ep_trial_query_set_drug_class (self, NULL);
  ep_trial_query_set_setting (self, NULL);
  ep_trial_query_set_population (self, NULL);
  ep_trial_query_set_ph (self, NULL);
  ep_trial_query_set_search_text (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
ep_trial_query_match (EpTrialQuery *self,
                      EpTrial      *trial)
{
  g_return_val_if_fail (EP_IS_TRIAL_QUERY (self), FALSE);
  g_return_val_if_fail (EP_IS_TRIAL (trial), FALSE);

  if (self->drug_class != ANY && (int) ep_trial_get_drug_class (trial) != self->drug_class)
    return FALSE;
  if (self->setting != ANY && (int) ep_trial_get_setting (trial) != self->setting)
    return FALSE;
  if (self->population != ANY && (int) ep_trial_get_population (trial) != self->population)
    return FALSE;
  if (self->ph != ANY && (int) ep_trial_get_ph (trial) != self->ph)
    return FALSE;

  return ep_trial_matches_text (trial, self->search_text);
}

static void
ep_trial_query_finalize (GObject *object)
{
  EpTrialQuery *self = (EpTrialQuery *)object;

  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (ep_trial_query_parent_class)->finalize (object);
}

static void
ep_trial_query_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EpTrialQuery *self = EP_TRIAL_QUERY (object);

  switch (prop_id)
    {
    case PROP_DRUG_CLASS:
      g_value_set_string (value, ep_trial_query_get_drug_class (self));
      break;
    case PROP_SETTING:
      g_value_set_string (value, ep_trial_query_get_setting (self));
      break;
    case PROP_POPULATION:
      g_value_set_string (value, ep_trial_query_get_population (self));
      break;
    case PROP_PH:
      g_value_set_string (value, ep_trial_query_get_ph (self));
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_trial_query_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EpTrialQuery *self = EP_TRIAL_QUERY (object);
  const char *text = g_value_get_string (value);
  gboolean known = TRUE;

  switch (prop_id)
    {
    case PROP_DRUG_CLASS:
      known = ep_trial_query_set_drug_class (self, text);
      break;
    case PROP_SETTING:
      known = ep_trial_query_set_setting (self, text);
      break;
    case PROP_POPULATION:
      known = ep_trial_query_set_population (self, text);
      break;
    case PROP_PH:
      known = ep_trial_query_set_ph (self, text);
      break;
    case PROP_SEARCH_TEXT:
      ep_trial_query_set_search_text (self, text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (!known)
    g_warning ("EpTrialQuery: “%s” is not a valid value for “%s”", text, pspec->name);
}

static void
ep_trial_query_class_init (EpTrialQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ep_trial_query_finalize;
  object_class->get_property = ep_trial_query_get_property;
  object_class->set_property = ep_trial_query_set_property;

  properties[PROP_DRUG_CLASS] =
    g_param_spec_string ("drug-class", "Drug class", "Canonical class name, or NULL for any",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTING] =
    g_param_spec_string ("setting", "Setting", "Canonical setting, or NULL for any",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POPULATION] =
    g_param_spec_string ("population", "Population", "Canonical population, or NULL for any",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PH] =
    g_param_spec_string ("ph", "Ph status", "Ph-, Ph+ or mixed, or NULL for any",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", "Search text", "Words that must all occur",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EpTrialQuery::changed:
   *
   * Emitted after each criterion that actually changes (after its ::notify); a
   * GtkCustomFilter wrapping the query should call gtk_filter_changed() from it.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ep_trial_query_init (EpTrialQuery *self)
{
  self->drug_class = ANY;
  self->setting = ANY;
  self->population = ANY;
  self->ph = ANY;
}

EpTrialQuery *
ep_trial_query_new (void)
{
  return g_object_new (EP_TYPE_TRIAL_QUERY, NULL);
}
