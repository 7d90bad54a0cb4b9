/* ep-catalog.c: the trial catalog as a list model of EpTrial
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "model/ep-catalog.h"
#include "ep-catalog-resources.h"

struct _EpCatalog
{
  GObject     parent_instance;

  GPtrArray  *trials;   /* EpTrial, owned */
  GHashTable *by_id;    /* id -> EpTrial (borrowed from trials) */
  GPtrArray  *base;     /* the trials before the first ep_catalog_set_user_records(); NULL */
};

static void ep_catalog_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EpCatalog, ep_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ep_catalog_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
ep_catalog_get_item_type (GListModel *model)
{
  return EP_TYPE_TRIAL;
}

static guint
ep_catalog_get_n_items (GListModel *model)
{
  EpCatalog *self = EP_CATALOG (model);

  return self->trials->len;
}

static gpointer
ep_catalog_get_item (GListModel *model,
                     guint       position)
{
  EpCatalog *self = EP_CATALOG (model);

  if (position >= self->trials->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->trials, position));
}

static void
ep_catalog_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ep_catalog_get_item_type;
  iface->get_n_items = ep_catalog_get_n_items;
  iface->get_item = ep_catalog_get_item;
}

static void
ep_catalog_finalize (GObject *object)
{
  EpCatalog *self = (EpCatalog *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->trials, g_ptr_array_unref);
  g_clear_pointer (&self->base, g_ptr_array_unref);

  G_OBJECT_CLASS (ep_catalog_parent_class)->finalize (object);
}

static void
ep_catalog_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EpCatalog *self = EP_CATALOG (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->trials->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ep_catalog_class_init (EpCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ep_catalog_finalize;
  object_class->get_property = ep_catalog_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", "Number of items", "Number of trial arms in the catalog",
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ep_catalog_init (EpCatalog *self)
{
  self->trials = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Takes the records (validated by the reader) and wraps each in an EpTrial. */
static EpCatalog *
catalog_new_take (GPtrArray *records)
{
  EpCatalog *self = g_object_new (EP_TYPE_CATALOG, NULL);

  g_ptr_array_set_free_func (records, NULL);
  for (guint i = 0; i < records->len; i++)
    {
      EpTrial *trial = ep_trial_new (g_ptr_array_index (records, i));

      g_ptr_array_add (self->trials, trial);
      g_hash_table_insert (self->by_id, (gpointer) ep_trial_get_id (trial), trial);
    }
  g_ptr_array_unref (records);

  return self;
}

EpCatalog *
ep_catalog_new_from_bytes (GBytes      *bytes,
                           const char  *display_name,
                           GError     **error)
{
  GPtrArray *records;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  records = ep_catalog_read_bytes (bytes, display_name, error);
  if (records == NULL)
    return NULL;

  return catalog_new_take (records);
}

EpCatalog *
ep_catalog_new_from_file (const char  *path,
                          GError     **error)
{
  GPtrArray *records;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  records = ep_catalog_read_file (path, error);
  if (records == NULL)
    return NULL;

  return catalog_new_take (records);
}

EpCatalog *
ep_catalog_new_default (GError **error)
{
  static gsize registered = 0;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Registered once so that EP_CATALOG_RESOURCE_PATH also resolves through
   * g_resources_lookup_data() and resource:// URIs. */
  if (g_once_init_enter (&registered))
    {
      ep_catalog_data_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  /* Looked up in the library's own resource, which also makes the linker keep it. */
  bytes = g_resource_lookup_data (ep_catalog_data_get_resource (), EP_CATALOG_RESOURCE_PATH,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return ep_catalog_new_from_bytes (bytes, "trials.json", error);
}

gboolean
ep_catalog_merge_file (EpCatalog   *self,
                       const char  *path,
                       GError     **error)
{
  GPtrArray *records;
  guint old_len;

  g_return_val_if_fail (EP_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  records = ep_catalog_read_file (path, error);
  if (records == NULL)
    return FALSE;

  old_len = self->trials->len;
  g_ptr_array_set_free_func (records, NULL);
  for (guint i = 0; i < records->len; i++)
    {
      EpTrial *trial = ep_trial_new (g_ptr_array_index (records, i));
      EpTrial *old = g_hash_table_lookup (self->by_id, ep_trial_get_id (trial));
      guint position;

      if (old != NULL && g_ptr_array_find (self->trials, old, &position))
        {
          g_hash_table_remove (self->by_id, ep_trial_get_id (old));
          g_ptr_array_index (self->trials, position) = trial;
          g_object_unref (old);
        }
      else
        g_ptr_array_add (self->trials, trial);
      g_hash_table_insert (self->by_id, (gpointer) ep_trial_get_id (trial), trial);
    }
  g_ptr_array_unref (records);

  /* replaced arms changed in place, appended ones are new */
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->trials->len);
  if (self->trials->len != old_len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return TRUE;
}

EpTrial *
ep_catalog_lookup (EpCatalog  *self,
                   const char *id)
{
  g_return_val_if_fail (EP_IS_CATALOG (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

GListModel *
ep_catalog_filter (EpCatalog    *self,
                   EpTrialQuery *query)
{
  GListStore *store;

  g_return_val_if_fail (EP_IS_CATALOG (self), NULL);
  g_return_val_if_fail (query == NULL || EP_IS_TRIAL_QUERY (query), NULL);

  store = g_list_store_new (EP_TYPE_TRIAL);
  for (guint i = 0; i < self->trials->len; i++)
    {
      EpTrial *trial = g_ptr_array_index (self->trials, i);

      if (query == NULL || ep_trial_query_match (query, trial))
        g_list_store_append (store, trial);
    }

  return G_LIST_MODEL (store);
}

gboolean
ep_catalog_set_user_records (EpCatalog  *self,
                             GPtrArray  *record_jsons,
                             GError    **error)
{
  g_autoptr(GPtrArray) records = NULL;
  guint old_len;

  g_return_val_if_fail (EP_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  records = ep_catalog_read_record_jsons (record_jsons != NULL
                                          ? (const char * const *) record_jsons->pdata : NULL,
                                          record_jsons != NULL ? record_jsons->len : 0,
                                          _("own trial arms"), error);
  if (records == NULL)
    return FALSE;

  if (self->base == NULL)
    {
      self->base = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < self->trials->len; i++)
        g_ptr_array_add (self->base, g_object_ref (g_ptr_array_index (self->trials, i)));
    }

  old_len = self->trials->len;
  g_ptr_array_set_size (self->trials, 0);
  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < self->base->len; i++)
    {
      EpTrial *trial = g_ptr_array_index (self->base, i);

      g_ptr_array_add (self->trials, g_object_ref (trial));
      g_hash_table_insert (self->by_id, (gpointer) ep_trial_get_id (trial), trial);
    }

  g_ptr_array_set_free_func (records, NULL);
  for (guint i = 0; i < records->len; i++)
    {
      EpTrial *trial = ep_trial_new_user_entered (g_ptr_array_index (records, i));
      EpTrial *old = g_hash_table_lookup (self->by_id, ep_trial_get_id (trial));
      guint position;

      /* an edit of a bundled arm takes its place */
      if (old != NULL && g_ptr_array_find (self->trials, old, &position))
        {
          g_hash_table_remove (self->by_id, ep_trial_get_id (old));
          g_ptr_array_index (self->trials, position) = trial;
          g_object_unref (old);
        }
      else
        g_ptr_array_add (self->trials, trial);
      g_hash_table_insert (self->by_id, (gpointer) ep_trial_get_id (trial), trial);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->trials->len);
  if (self->trials->len != old_len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return TRUE;
}

EpTrial *
ep_catalog_lookup_bundled (EpCatalog  *self,
                           const char *id)
{
  g_return_val_if_fail (EP_IS_CATALOG (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (self->base == NULL)
    {
      EpTrial *trial = g_hash_table_lookup (self->by_id, id);

      return trial != NULL && !ep_trial_get_user_entered (trial) ? trial : NULL;
    }
  for (guint i = 0; i < self->base->len; i++)
    if (strcmp (ep_trial_get_id (g_ptr_array_index (self->base, i)), id) == 0)
      return g_ptr_array_index (self->base, i);
  return NULL;
}

EpCatalog *
ep_catalog_new_for_source (JsonObject  *source,
                           GError     **error)
{
  g_autoptr(EpCatalog) catalog = ep_catalog_new_default (error);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  g_return_val_if_fail (source != NULL, NULL);

  if (catalog == NULL)
    return NULL;
  if (!json_object_has_member (source, "user_trials"))
    return g_steal_pointer (&catalog);
  if (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (source, "user_trials")))
    {
      g_set_error_literal (error, EP_CATALOG_ERROR, EP_CATALOG_ERROR_SCHEMA,
                           _("The figure's data source: “user_trials” is not a list of arms"));
      return NULL;
    }
  array = json_object_get_array_member (source, "user_trials");
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (texts, json_to_string (json_array_get_element (array, i), FALSE));
  if (!ep_catalog_set_user_records (catalog, texts, error))
    return NULL;

  return g_steal_pointer (&catalog);
}
