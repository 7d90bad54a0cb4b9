/* ep-memory.c: how the process asks the C library for memory
 *
 * Copyright 2026 The Endpoint developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The contract is in ep-memory.h.
 */
#include "config.h"

#include "core/ep-memory.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

void
ep_memory_tune (void)
{
#ifdef __GLIBC__
  /* Setting the threshold also stops glibc from adjusting it (and the trim threshold) itself. */
  mallopt (M_MMAP_THRESHOLD, 1 << 30);
  mallopt (M_TRIM_THRESHOLD, 256 << 20);
#endif
}
