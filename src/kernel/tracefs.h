/* SPDX-License-Identifier: GPL-2.0 */
/* tracefs: where it is, and what a tracepoint's format file says. */
#ifndef SONDE_KERNEL_TRACEFS_H
#define SONDE_KERNEL_TRACEFS_H

#include "base/arena.h"

/*
 * /sys/kernel/tracing or /sys/kernel/debug/tracing, mounting tracefs (or
 * debugfs) if neither is there; NULL if that fails. SONDE_TRACEFS, a copy
 * of a board's tracefs, overrides.
 */
const char *tracefs_root(void);

/* One field of a tracepoint's record, as its format file declares it. */
struct tracefs_field {
	const char *name;
	unsigned offset, size;
	unsigned array_len;	/* "char comm[16]": 16; 0 if not an array */
	bool is_signed;
	bool is_char;		/* char, or an array or pointer of them */
	bool is_pointer;
	bool is_dataloc;	/* "__data_loc char[] name": length << 16 | offset */
};

struct tracefs_format {
	unsigned id;
	struct tracefs_field *fields;	/* in the order of the file, common_* ones left out */
	unsigned nfields;
	unsigned size;			/* up to the end of the last field */
};

/*
 * Parses the text of a format file; false if it has no event id. The
 * common_* fields are left out: BPF programs see a pointer to the
 * registers in their place.
 */
bool tracefs_parse_format(struct arena *a, const char *text, struct tracefs_format *fmt);

/*
 * The format of tracepoint "subsystem/event" under root; false with errno
 * set (ENOENT: there is no such event) if it cannot be read.
 */
bool tracefs_format(struct arena *a, const char *root, const char *event,
		    struct tracefs_format *fmt);

/*
 * The tracepoints under root matching "SUBSYSTEM/EVENT", either part a
 * glob: "sched/sched_switch"... sorted, *n of them.
 */
char **tracefs_events(struct arena *a, const char *root, const char *glob, size_t *n);

#endif
