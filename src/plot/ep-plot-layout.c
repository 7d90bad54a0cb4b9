/* ep-plot-layout.c: the record of where a renderer drew things
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "plot/ep-plot-layout.h"
#include "plot/ep-plot-private.h"

static void
item_clear (gpointer data)
{
  EpPlotItem *item = data;

  g_clear_pointer (&item->text, g_free);
}

EpPlotLayout *
ep_plot_layout_new (void)
{
  EpPlotLayout *layout = g_new0 (EpPlotLayout, 1);

  layout->items = g_array_new (FALSE, TRUE, sizeof (EpPlotItem));
  g_array_set_clear_func (layout->items, item_clear);

  return layout;
}

void
ep_plot_layout_free (EpPlotLayout *layout)
{
  if (layout == NULL)
    return;

  g_array_unref (layout->items);
  g_free (layout);
}

void
ep_plot_layout_reset (EpPlotLayout *layout)
{
  GArray *items;

  g_return_if_fail (layout != NULL);

  items = layout->items;
  g_array_set_size (items, 0);
  *layout = (EpPlotLayout) { .items = items };
}

void
ep_plot_begin_page (cairo_t           *cr,
                    double             width,
                    double             height,
                    const EpPlotStyle *style,
                    EpPlotLayout      *layout)
{
  if (layout != NULL)
    {
      ep_plot_layout_reset (layout);
      layout->width = width;
      layout->height = height;
    }
  if (!style->transparent)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
    }
}

EpPlotItem *
ep_plot_layout_add (EpPlotLayout   *layout,
                    EpPlotItemKind  kind,
                    int             row,
                    int             col,
                    double          value,
                    double          x,
                    double          y,
                    double          width,
                    double          height,
                    const char     *text)
{
  EpPlotItem item = {
    .kind = kind, .row = row, .col = col, .value = value,
    .x = x, .y = y, .width = width, .height = height,
    .text = g_strdup (text),
  };

  g_return_val_if_fail (layout != NULL, NULL);

  g_array_append_val (layout->items, item);

  return &g_array_index (layout->items, EpPlotItem, layout->items->len - 1);
}

guint
ep_plot_layout_count (const EpPlotLayout *layout,
                      EpPlotItemKind      kind)
{
  guint count = 0;

  g_return_val_if_fail (layout != NULL, 0);

  for (guint i = 0; i < layout->items->len; i++)
    if (g_array_index (layout->items, EpPlotItem, i).kind == kind)
      count++;

  return count;
}

const EpPlotItem *
ep_plot_layout_find (const EpPlotLayout *layout,
                     EpPlotItemKind      kind,
                     int                 row,
                     int                 col)
{
  g_return_val_if_fail (layout != NULL, NULL);

  for (guint i = 0; i < layout->items->len; i++)
    {
      const EpPlotItem *item = &g_array_index (layout->items, EpPlotItem, i);

      if (item->kind == kind && (row < 0 || item->row == row) && (col < 0 || item->col == col))
        return item;
    }

  return NULL;
}
