/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The plan: what the compiler hands the runtime. Programs, with their
 * instructions and where they attach; maps; the records programs send.
 * Nothing in it points into the compiler's trees: it has an arena of its
 * own, and the runtime reads nothing else.
 */
#ifndef SONDE_PLAN_H
#define SONDE_PLAN_H

#include "base/diag.h"
#include "bpf/insn.h"
#include "lang/type.h"

enum map_kind {
	MAP_PLAIN,	/* name[key]: shared by all probes */
	MAP_AGG,	/* @name[key]: a copy per CPU merged by user space, or one read in probes */
	MAP_EVENTS,	/* the ring buffer or perf event array programs send records through */
	MAP_LOST,	/* per CPU: the records the ring had no room for */
	MAP_STACKS,	/* stack traces, by id */
	MAP_ZERO,	/* zeroes: the first value of a large aggregation's element */
	MAP_DROPPED,	/* per CPU, by map: the updates a full map refused */
	MAP_JOIN,	/* per CPU: where join() builds its record, too big for the stack */
	MAP_LABELS,	/* a multi-attached uprobe's probe, func and caller, by point */
};

/* join() sends the first JOIN_ARGS strings of an array, each string_size bytes at most. */
#define JOIN_ARGS 16

/*
 * The event ring's pages by default: a perf ring per CPU (64 KiB with 4 KiB
 * pages), or the one ring buffer, which also takes the bursts of a CPU.
 */
#define PERF_PAGES 16
#define RINGBUF_PAGES 256

/* Frames kept of each kernel stack. */
#define STACK_DEPTH 32

struct plan_map {
	const char *name;
	enum map_kind kind;
	enum agg_shape shape;		/* MAP_AGG */
	struct type *key, *value;
	bool keyless;			/* a single value, at index 0 */
	bool percpu;			/* a value per possible CPU */
	int64_t lhist[3];		/* lo, hi and step of an lhist() */
	unsigned bpf_type;
	unsigned max_entries;		/* 0: one per possible CPU, counted at load */
	const void *init;		/* MAP_LABELS: its values, written before loading */
};

enum event_kind {
	EVENT_PRINTF,
	EVENT_SYSTEM,		/* a printf() run as a command */
	EVENT_PRINT,
	EVENT_EXIT,
	EVENT_PRINT_MAP,
	EVENT_CLEAR_MAP,
	EVENT_ZERO_MAP,
	EVENT_JOIN,		/* u64 count, then JOIN_ARGS strings; fmt: the separator */
};

/* The layout of one kind of record a program sends to user space. */
struct plan_event {
	enum event_kind kind;
	const char *fmt;	/* printf's or system's format */
	struct type *args;	/* the record's payload, after its u64 id */
	int map;		/* print(map), clear(map): the map's index */
	unsigned top;		/* print(map, N): the N largest elements, or 0 for all */
};

enum attach_kind {
	ATTACH_BEGIN,		/* run once by sonde before the others attach */
	ATTACH_END,		/* and once after they detach */
	ATTACH_TRACEPOINT,	/* a tracepoint's perf event */
	ATTACH_PERF,		/* a software perf event: interval and profile */
	ATTACH_KPROBE,		/* kprobe or kretprobe events on kernel functions */
	ATTACH_UPROBE,		/* uprobe or uretprobe events in a file */
	ATTACH_FENTRY,		/* a BPF trampoline at a kernel function's entry or exit */
	ATTACH_RAW_TRACEPOINT,	/* a tracepoint's arguments, before any record is made */
};

#define ATTACH_EVERY_CPU (-1)	/* one event on each online CPU */
#define ATTACH_FIRST_CPU (-2)	/* one event, on the first online CPU */

struct attach_point {
	const char *name;	/* kprobe: symbol, or NULL for an address; uprobe: file */
	uint64_t offset;	/* kprobe: from the symbol, or the address; uprobe: in the file */
};

/* Where a program attaches: what the runtime opens for it. */
struct attach {
	enum attach_kind kind;
	/* tracepoint: "subsystem/event"; raw tracepoint: "event"; perf: the counter's name */
	const char *event;
	unsigned perf_type;		/* perf: PERF_TYPE_SOFTWARE... */
	uint64_t perf_config;
	uint64_t period;		/* perf: events between samples, or hertz with freq */
	bool freq;
	int cpu;			/* perf: ATTACH_*_CPU, or one CPU */
	bool retprobe;			/* kprobe, uprobe, fentry: at the function's return */
	unsigned btf_id;		/* fentry: the function's, in the kernel's BTF */
	bool glob;			/* kprobe: skip the points that cannot be probed */
	/*
	 * kprobe or uprobe glob: all points on one kprobe_multi or
	 * uprobe_multi link (a uprobe's cookie telling them apart).
	 */
	bool multi;
	const char *target;		/* kprobe: the function or glob as the spec names it */
	uint64_t ref_ctr;		/* usdt: the file offset of its semaphore, or 0 */
	struct attach_point *points;
	unsigned npoints;
};

/*
 * What a 64-bit load marked PSEUDO_RELOC takes, known when the program is
 * loaded: the address of a kernel symbol, when sonde started, the -c
 * command's pid.
 */
enum reloc_kind {
	RELOC_KSYM,
	RELOC_START_NS,		/* CLOCK_MONOTONIC, as ktime_get_ns counts */
	RELOC_CPID,		/* 0 without -c */
};

struct plan_reloc {
	enum reloc_kind kind;
	const char *ksym;
};

/* A loop's instructions, from start to before end: what the verifier may not bound. */
struct plan_loop {
	unsigned start, end;
	struct loc loc;
};

struct plan_prog {
	const char *name;		/* the probe's spec, for messages */
	unsigned prog_type;
	struct bpf_insn *insns;		/* in the plan's arena; map loads hold the map's index */
	unsigned ninsns;
	struct plan_reloc *relocs;
	unsigned nrelocs;
	struct plan_loop *loops;
	unsigned nloops;
	unsigned *funcs;		/* where the callbacks after the program start */
	unsigned nfuncs;
	struct attach attach;
};

struct plan {
	struct arena arena;		/* names, types, attach points */
	struct plan_map *maps;
	unsigned nmaps;
	struct plan_event *events;
	unsigned nevents;
	struct plan_prog *progs;
	unsigned nprogs;
	int events_map, lost_map, stacks_map, zero_map, dropped_map, join_map;	/* or -1 */
	unsigned ring_pages;		/* of the ring buffer, or of each CPU's perf ring */
};

void plan_init(struct plan *pl);
void plan_free(struct plan *pl);
/* Appends a map, an event, a program; returns its index. */
int plan_add_map(struct plan *pl, const struct plan_map *m);
int plan_add_event(struct plan *pl, const struct plan_event *ev);
struct plan_prog *plan_add_prog(struct plan *pl);

/* "-S": every program's instructions, maps and symbols by name. */
void plan_dump(const struct plan *pl, FILE *out);

#endif
