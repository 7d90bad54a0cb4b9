/* ep-window-private.h: what EpWindow's sibling files share
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "app/ep-cohort-page.h"
#include "app/ep-figure-page.h"
#include "app/ep-trial-browser.h"
#include "app/ep-window.h"
#include "model/ep-project.h"

G_BEGIN_DECLS

struct _EpWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  EpCatalog            *catalog;

  /* The project (ep-window-project.c) */
  EpProject            *project;
  GCancellable         *operation;          /* a save or an open running, or NULL */
  gpointer              pending;            /* what to do after the unsaved-changes question */
  AdwMessageDialog     *dialog;             /* the message dialog shown, for tests */
  gboolean              close_confirmed;
  gboolean              syncing;            /* the pages are being filled from the project */
  guint                 autosave_id;
  gint64                first_unsaved_edit; /* monotonic µs; 0: none since the last write */
  guint                 autosave_quiet_ms;  /* write after this long without an edit, */
  guint                 autosave_max_ms;    /* but no later than this after the first */
  GCancellable         *recovery_cancellable;
  gboolean              recovery_running;
  gboolean              recovery_again;
  guint                 recovery_writes;    /* for tests */
  GMenu                *recent_menu;
  GMenu                *cohorts_menu;
  GtkWidget            *recent_box;         /* the Cohorts page's welcome: recent projects */
  GtkListBox           *recent_list;
  char                 *example_projects_dir; /* NULL: $ENDPOINT_EXAMPLE_PROJECTS_DIR, else installed */

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  AdwWindowTitle       *project_title;
  GtkMenuButton        *primary_menu_button;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  AdwViewStack         *stack;
  AdwViewSwitcherBar   *switcher_bar;
  EpTrialBrowser       *trial_browser;
  EpCohortPage         *cohort_page;
  EpFigurePage         *figure_page;
};

void _ep_window_class_actions_init (EpWindowClass *klass);
void _ep_window_actions_update     (EpWindow      *self);

void _ep_window_project_init       (EpWindow      *self);
void _ep_window_project_dispose    (EpWindow      *self);
void _ep_window_project_finalize   (EpWindow      *self);
/* TRUE: the window may close now; FALSE: a question is asked first (it closes afterwards). */
gboolean _ep_window_project_close_request (EpWindow *self);
void _ep_window_new_project        (EpWindow      *self);
void _ep_window_open_chooser       (EpWindow      *self);
void _ep_window_save               (EpWindow      *self);
void _ep_window_open_example       (EpWindow      *self,
                                    const char    *id);
void _ep_window_save_as            (EpWindow      *self);
void _ep_window_cancel_operation   (EpWindow      *self);
void _ep_window_show_cohort        (EpWindow      *self,
                                    const char    *name);

/* Shared by ep-window-project.c and its siblings ep-window-recent.c, ep-window-recovery.c. */
#define EP_WINDOW_PROJECT_MIME_TYPE "application/x-endpoint-project"

char             *_ep_window_file_display_name (GFile      *file);
/* Menu labels take mnemonics: a file named "R_and_D" keeps its underscores. */
char             *_ep_window_escape_mnemonic   (const char *text);
/* The message dialog shown (ep_window_get_message_dialog); heading and body are plain text. */
AdwMessageDialog *_ep_window_message_dialog    (EpWindow     *self,
                                                const char   *heading,
                                                const char   *body);
void              _ep_window_show_error        (EpWindow     *self,
                                                const char   *heading,
                                                const GError *error);
void              _ep_window_undo_project      (EpWindow     *self);
/* A toast of plain text (toast titles are Pango markup). */
void              _ep_window_toast_escaped     (EpWindow     *self,
                                                const char   *text);
void              _ep_window_set_project       (EpWindow     *self,
                                                EpProject    *project);
/* Open file (an example as a template) or recover path: at once, or after Save / Discard when
 * the project has unsaved changes. */
void              _ep_window_ask_open          (EpWindow     *self,
                                                GFile        *file,
                                                gboolean      example);
void              _ep_window_ask_recover       (EpWindow     *self,
                                                const char   *path);

/* ep-window-recent.c: the primary menu's recent and example projects (inserted into menu as its
 * sections 1 and 2) and the Cohorts page's welcome lists. */
void              _ep_window_recent_init       (EpWindow     *self,
                                                GMenu        *menu);
void              _ep_window_add_recent        (EpWindow     *self,
                                                GFile        *file);

/* ep-window-recovery.c */
/* The project's "changed" handler: restarts the autosave timer. */
void              _ep_window_project_changed   (EpWindow     *self,
                                                EpProject    *project);
void              _ep_window_write_recovery    (EpWindow     *self);
void              _ep_window_recover           (EpWindow     *self,
                                                const char   *path);

G_END_DECLS
