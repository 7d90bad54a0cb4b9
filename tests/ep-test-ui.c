/* ep-test-ui.c: what the UI tests share: screenshots and reading a figure's layout
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ep-test-ui.h"

void
ep_test_ui_iterate (void)
{
  for (guint i = 0; i < 200 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

gboolean
ep_test_ui_wait_for (gboolean (*condition) (gpointer),
                     gpointer   data)
{
  gint64 end = g_get_monotonic_time () + EP_TEST_UI_WAIT_US;

  while (!condition (data) && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  ep_test_ui_iterate ();
  return condition (data);
}

GtkWidget *
ep_test_ui_find (GtkWidget     *root,
                 gboolean     (*match) (GtkWidget *, gconstpointer),
                 gconstpointer  data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ep_test_ui_find (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWindow *
ep_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

void
ep_test_ui_save_screenshot (GtkWidget  *widget,
                            const char *name,
                            gboolean    settle)
{
  const char *dir = g_getenv ("EP_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  int width, height;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  /* until the page just shown has been laid out and draws something */
  for (guint attempt = 0; ; attempt++)
    {
      /* (not settling: the state as it is now, e.g. before an update has arrived) */
      if (settle || attempt > 0)
        ep_test_ui_iterate ();
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL)
        break;
      if (attempt == 50)
        return;
      g_usleep (20000);
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  gdk_texture_save_to_png (texture, path);
}

char *
ep_test_ui_figure_annotation (EpFigure *figure)
{
  EpPlotLayout *layout = ep_figure_layout (figure);
  char *text = NULL;

  for (guint i = 0; i < layout->items->len; i++)
    {
      const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, i);

      if (item->kind == EP_PLOT_ITEM_ANNOTATION && text == NULL)
        text = g_strdup (item->text);
    }
  ep_plot_layout_free (layout);
  return text;
}
