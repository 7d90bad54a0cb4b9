/* ep-file-check.c: files read whole are regular files of a bounded size
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_file_get_contents() reads whatever a path names until it ends: /dev/zero grows the buffer
 * until memory runs out, a FIFO blocks forever, a 2 GB sparse file is read and copied. The
 * readers of CSV, TSV and catalog files read through ep_file_read_bounded() instead: the path
 * is opened without blocking, must be a regular file, and its size is checked against a bound
 * before a byte is read; the message names the file, its size and the limit.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/ep-file-check.h"

static void
set_not_regular (const char  *display,
                 GError     **error)
{
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               /* TRANSLATORS: a FIFO, a device or a directory was given where a file belongs */
               _("%s: not a regular file"), display);
}

/* TRUE when path names a regular file (after symbolic links); otherwise a G_FILE_ERROR naming
 * it. Only stats, so a FIFO is refused without blocking. */
gboolean
ep_file_check_regular (const char  *path,
                       GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("%s: cannot open the file (%s)"), path, g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      set_not_regular (display, error);
      return FALSE;
    }
  return TRUE;
}

/* ep_file_check_regular(), and a size of at most max_bytes: a file refused by its size names
 * the size and the limit, as ep_file_read_bounded() does. For readers that stream a file
 * (ReadStat, spreadsheets) but keep all its cells in memory. */
gboolean
ep_file_check_size (const char  *path,
                    guint64      max_bytes,
                    GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *size_text = NULL;
  g_autofree char *limit_text = NULL;
  GStatBuf st;

  if (!ep_file_check_regular (path, error))
    return FALSE;
  if (g_stat (path, &st) != 0 || (guint64) st.st_size <= max_bytes)
    return TRUE;    /* gone since: the reader says so */
  size_text = g_format_size ((guint64) st.st_size);
  limit_text = g_format_size (max_bytes);
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
               _("%s: the file is %s, more than the %s Endpoint reads"),
               display, size_text, limit_text);
  return FALSE;
}

#define CHUNK ((gsize) 65536)
#define HUGE_PAGE ((gsize) 2 << 20)

/* Asks the kernel to back the 2 MiB-aligned middle of a large block by transparent huge pages
 * when it is first touched: one fault per 2 MiB instead of 512, each 15-20 us on this kind of
 * virtual machine (bench/README.md). Advice only: nothing changes if it is not taken. */
static void
advise_huge_pages (char  *block,
                   gsize  size)
{
#ifdef MADV_HUGEPAGE
  guintptr start = ((guintptr) block + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1);
  guintptr end = ((guintptr) block + size) & ~(guintptr) (HUGE_PAGE - 1);

  if (end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#else
  (void) block;
  (void) size;
#endif
}

/* Like g_file_get_contents() (the buffer ends in a NUL not counted in length), for a regular
 * file of at most max_bytes. A file that grows while it is read is cut off at max_bytes + 1
 * bytes and refused as well. */
gboolean
ep_file_read_bounded (const char  *path,
                      guint64      max_bytes,
                      char       **contents,
                      gsize       *length,
                      GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autofree char *size_text = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *data = NULL;
  gsize capacity, filled = 0;
  struct stat st;
  int fd;

  g_return_val_if_fail (contents != NULL && length != NULL, FALSE);

  /* O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("%s: cannot open the file (%s)"), path, g_strerror (saved_errno));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      set_not_regular (display, error);
      return FALSE;
    }

  /* refused by its size before a byte is read */
  if ((guint64) st.st_size > max_bytes)
    {
      close (fd);
      size_text = g_format_size ((guint64) st.st_size);
      limit_text = g_format_size (max_bytes);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
                   _("%s: the file is %s, more than the %s Endpoint reads"),
                   display, size_text, limit_text);
      return FALSE;
    }

  /* Straight into the buffer, 64 KiB per read() as ever (so a growing file is cut where it
   * was), with room for the whole file and the NUL; a large one in huge pages (issue 19). */
  capacity = (gsize) st.st_size + CHUNK + 1;
  data = g_malloc (capacity);
  advise_huge_pages (data, capacity);
  while (TRUE)
    {
      ssize_t n;

      if (capacity - filled < CHUNK + 1)
        {
          capacity *= 2;
          data = g_realloc (data, capacity);
        }
      n = read (fd, data + filled, CHUNK);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("%s: cannot read the file (%s)"), display, g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        break;
      filled += (gsize) n;
      if ((guint64) filled > max_bytes)
        break;
    }
  close (fd);

  /* it grew while it was read */
  if ((guint64) filled > max_bytes)
    {
      size_text = g_format_size ((guint64) filled);
      limit_text = g_format_size (max_bytes);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
                   /* TRANSLATORS: cohort.csv: the file is 2.1 GB, more than the 1.1 GB ... */
                   _("%s: the file is %s, more than the %s Endpoint reads"),
                   display, size_text, limit_text);
      return FALSE;
    }

  data[filled] = '\0';
  *length = filled;
  *contents = g_steal_pointer (&data);
  return TRUE;
}

/* Removes the temporary files a killed save left beside dir/name: ".NAME.XXXXXX" (as
 * ep_project_store_save() names them) that no running save holds locked (it holds an flock on
 * its own until the rename). Returns how many it removed. */
guint
ep_file_remove_stale_temps (const char *dir,
                            const char *name)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.", name);
  gsize prefix_len = strlen (prefix);
  const char *entry;
  guint removed = 0;

  if (d == NULL)
    return 0;
  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;
      int fd;

      if (strlen (entry) != prefix_len + 6 || strncmp (entry, prefix, prefix_len) != 0)
        continue;
      path = g_build_filename (dir, entry, NULL);
      fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY, 0);
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && flock (fd, LOCK_EX | LOCK_NB) == 0 &&
          g_unlink (path) == 0)
        removed++;
      close (fd);
    }
  return removed;
}
