/* ep-memory.h: how the process asks the C library for memory
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ep_memory_tune: called once at the start of a program (the app, endpoint-cli, the benches).
 * With glibc, blocks up to 1 GiB come from malloc's heaps instead of fresh mmap()s, and up to
 * 256 MiB of freed memory stays in the process: a live analysis that recomputes a million
 * rows on every edit reuses the pages of the previous run instead of faulting in new ones
 * (each fresh 4 KiB page costs 15-20 µs on this kind of virtual machine, about a third of an
 * update at 1e6 rows; bench/README.md, "live.sh"). Peak memory is unchanged; memory that was
 * used stays mapped until the process needs it again. A no-op elsewhere. */
void ep_memory_tune (void);

G_END_DECLS
