/* SPDX-License-Identifier: GPL-2.0 */
/* The session context passed through every stage, and the stage entry points. */
#ifndef SONDE_H
#define SONDE_H

#include <linux/bpf.h>

#include "ast.h"
#include "lex.h"

struct options {
	const char *command;	/* -c: run under sh -c once attached */
	bool debug;		/* -d: verifier logs and internals */
	bool dry_run;		/* -e: compile only */
	bool dump;		/* -S: print the generated programs */
	bool keep_going;	/* -k: lost events are not fatal */
	bool unbuffered;	/* -u */
	unsigned map_entries;	/* max_entries of each map */
	unsigned string_size;	/* default size of str() and dyn() */
	unsigned pages;		/* perf ring pages per CPU */
	int pid;		/* -p: the one process traced */
};

/* A map, named in the script or internal (the event channel, zero source). */
struct map {
	const char *name;
	struct loc loc;			/* first mention */
	struct type *key, *value;	/* storage types; no key: a single value */
	const struct builtin *agg;	/* the aggregation function of an @map */
	bool used, keyless;		/* element uses seen, all without a key */
	int64_t lhist[3];		/* lo, hi and step of an lhist() */
	enum bpf_map_type bpf_type;
	unsigned max_entries;
	unsigned id;
	int fd;
	struct map *next;
};

enum event_kind {
	EVENT_PRINTF,
	EVENT_PRINT,
	EVENT_EXIT,
	EVENT_PRINT_MAP,
	EVENT_CLEAR_MAP,
};

/* The layout of one kind of record a program sends to user space. */
struct event {
	unsigned id;
	enum event_kind kind;
	const char *fmt;	/* printf format */
	struct type *args;	/* record payload after the u64 id */
	struct map *map;	/* of print(map) and clear(map) */
	struct loc loc;
};

/* Frames kept of each kernel stack. */
#define STACK_DEPTH 32

struct provider;

struct probe {
	struct loc loc;
	const char *spec;	/* "tracepoint:sched/sched_switch" as written */
	const char *target;	/* "sched/sched_switch" */
	const struct provider *provider;
	struct node *pred;	/* may be NULL */
	struct node *body;	/* NODE_BLOCK, shared by the probes of one spec list */
	void *priv;		/* provider's per-probe state */
	bool uses_ctx;		/* set by sema: the program reads its context */
	unsigned comm_uses;	/* and how many times the task's comm */

	struct bpf_insn *insns;
	unsigned ninsns;
	int fd;
	struct probe *next;
};

struct sonde {
	struct options opt;
	struct arena ca;	/* compiler: freed once programs are loaded */
	struct arena ka;	/* kept: what printing results needs */
	struct source src;
	struct probe *probes;
	struct map *maps;
	unsigned nmaps;
	struct map *events_map;	/* perf event array, if anything is printed */
	struct map *lost_map;	/* per-CPU count of records the rings had no room for */
	struct map *stacks_map;	/* stack traces, if a probe uses stack */
	struct ksyms *ksyms;	/* /proc/kallsyms, read when first needed */
	struct type *regs_type;	/* struct pt_regs *, built when first used */
	struct event **events;
	unsigned nevents;
	unsigned ncpus;		/* possible CPUs */
	bool unicode;		/* stdout is a UTF-8 terminal: draw bars with blocks */
	bool exiting;		/* a program called exit(), or lost events */
	int exit_code;
};

/* Releases the session's memory. */
void sonde_free(struct sonde *s);

/* Reads the script (argument text or file) into s->src. */
void sonde_load_source(struct sonde *s, const char *arg);

/* parse.c: builds the probe list from s->src. */
void parse_program(struct sonde *s);

/* sema.c: binds providers, infers and checks types, lays out maps. */
void sema_program(struct sonde *s);
/* Final typing of one probe, right before its code is generated. */
void sema_probe(struct sonde *s, struct probe *p);

/* gen.c: generates the eBPF program of one probe. */
void gen_probe(struct sonde *s, struct probe *p);

/* Maps and events are created as sema and gen find uses for them. */
struct map *sonde_map(struct sonde *s, const char *name, const struct loc *loc);
struct map *sonde_internal_map(struct sonde *s, const char *name);
struct event *sonde_event(struct sonde *s, enum event_kind kind, const struct loc *loc);

/* disasm.c: "-S" output of one probe. */
void disasm_probe(const struct sonde *s, const struct probe *p, FILE *out);

#endif
