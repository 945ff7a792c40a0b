/* SPDX-License-Identifier: GPL-2.0 */
/* tracefs: where it is, and what a tracepoint's record looks like. */
#ifndef SONDE_TRACEFS_H
#define SONDE_TRACEFS_H

#include "type.h"

/*
 * /sys/kernel/tracing or /sys/kernel/debug/tracing, mounting tracefs (or
 * debugfs) if neither is there; NULL if that fails. SONDE_TRACEFS overrides.
 */
const char *tracefs_root(void);

/*
 * The record of tracepoint "subsystem/event" as a struct type, from its
 * format file, and its event id; NULL with errno set if there is none.
 */
struct type *tracefs_format(struct arena *a, const char *event, unsigned *id);

#endif
