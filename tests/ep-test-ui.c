/* ep-test-ui.c: what the UI tests share: screenshots and reading a figure's layout
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ep-test-ui.h"

static void
iterate (void)
{
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
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
        iterate ();
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
