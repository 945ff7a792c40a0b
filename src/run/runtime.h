/* SPDX-License-Identifier: GPL-2.0 */
/* The runtime's state, shared by its parts: loading, attaching, output. */
#ifndef SONDE_RUN_RUNTIME_H
#define SONDE_RUN_RUNTIME_H

#include <signal.h>
#include <sys/types.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/options.h"
#include "plan/plan.h"
#include "run/ring.h"
#include "run/xprobe.h"

/* What a loaded program holds in the kernel. */
struct run_prog {
	int fd;
	int *perf_fds;			/* tracepoint and perf events, trampoline links */
	unsigned nperf;
	struct xprobe_event *events;	/* kprobes and uprobes */
	unsigned nevents;
};

struct runtime {
	const struct plan *plan;
	const struct options *opt;
	int *map_fds;			/* by plan map index */
	struct run_prog *progs;		/* by plan program index */
	struct ring *rings;
	unsigned nrings;
	unsigned ncpus;			/* possible CPUs */
	struct ksyms *ksyms;		/* /proc/kallsyms, read when first needed */
	struct usyms *usyms;		/* processes' symbols, read when first needed */
	uint64_t start_ns;		/* CLOCK_MONOTONIC when sonde started: elapsed counts from it */
	bool unicode;			/* stdout is a UTF-8 terminal: draw bars with blocks */
	bool exiting;			/* a program called exit(), or events were lost */
	int exit_code;
	int sigfd;
	pid_t child;			/* the -c command's process group */
	pid_t cpid;			/* the -c command itself */
	int go;				/* what lets the held command run */
	bool stop;			/* a signal or the command's end: stop, after draining */
	uint64_t lost;			/* records the kernel reported lost */
	struct buf out;			/* output not yet written */
	int write_error;		/* why stdout took no more: EPIPE, ENOSPC... */
	sigset_t oldmask;
};

/* attach.c: attaches a loaded program where the plan says; 0 or -errno, having said why. */
int attach_prog(struct runtime *rt, unsigned i);
/* Where fentry is refused: what it needs, and what does without. */
void attach_note_trampolines(const struct plan_prog *p);
/* Undoes it for every program, attached or not. */
void detach_all(struct runtime *rt);

/* command.c: the -c command, started held; 0 or -errno, having said why. */
int command_start(struct runtime *rt);
/* Lets it run, once the probes are attached. */
void command_release(struct runtime *rt);
/*
 * Stops it: SIGTERM to its process group, SIGKILL after a grace period
 * or at a second signal to sonde.
 */
void command_stop(struct runtime *rt);

/* output.c */
/* A value in its type's default format, as print() and %v show it. */
void output_value(struct runtime *rt, struct buf *b, const struct type *t, const void *data);
/* One record from a program: prints it, or notes an exit() request. */
void output_event(struct runtime *rt, const void *data, size_t size);
/*
 * "name:" then one "key: value" line per element, sorted by value
 * (histograms below their key); only the top largest, unless top is 0. An
 * empty map prints nothing unless always.
 */
void output_map(struct runtime *rt, int map, bool always, unsigned top);
/* That a map could not be read or cleared: an error, and sonde's status 1. */
void output_map_error(struct runtime *rt, int map, const char *what, int r);
/*
 * Writes the output gathered so far to stdout; false, and tracing stops,
 * when it takes no more (rt->write_error says why).
 */
bool output_flush(struct runtime *rt);

#endif
