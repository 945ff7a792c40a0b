/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The signatures of the built-in variables, functions and aggregations:
 * how sema checks and types them. Their code comes from codegen/, by id.
 */
#ifndef SONDE_LANG_BUILTIN_H
#define SONDE_LANG_BUILTIN_H

#include "lang/ast.h"

enum builtin_kind {
	BUILTIN_VAR,	/* comm, pid, data, arg0: used without parentheses */
	BUILTIN_FUNC,	/* printf(), str() */
	BUILTIN_AGG,	/* count(), quantize(): only as "@map[keys] = f(...)" */
};

enum builtin_id {
	/* the current task, the CPU and the clock */
	BI_COMM, BI_PID, BI_TID, BI_UID, BI_GID, BI_CPU, BI_TIME, BI_WALLTIME, BI_STACK,
	BI_USTACK, BI_ELAPSED, BI_CGROUP, BI_RAND, BI_NUMAID, BI_JIFFIES, BI_CURTASK, BI_CPID,
	/* the probe's context, where its provider offers it */
	BI_ARG, BI_RETVAL, BI_REGS, BI_CTX, BI_CALLER, BI_FUNC, BI_DATA, BI_PROBE,
	/* functions */
	BI_PRINTF, BI_PRINT, BI_EXIT, BI_STR, BI_STRCMP, BI_DYN, BI_CLEAR, BI_UPTR, BI_MEM,
	BI_ZERO, BI_HAS_KEY, BI_SIGNAL, BI_KSYM, BI_KADDR, BI_SIZEOF, BI_NTOP, BI_STRFTIME,
	BI_BUF, BI_USYM, BI_UADDR, BI_SYSTEM, BI_JOIN, BI_LEN,
	/* aggregations */
	BI_COUNT, BI_SUM, BI_MIN, BI_MAX, BI_AVG, BI_STATS, BI_QUANTIZE, BI_LHIST,
	BI_NUM
};

/* The largest N of argN. */
#define MAX_ARGS 12

struct sema;

/* One row of the table, packed: there are some seventy. */
struct builtin {
	const char *name;
	/* Checks the node's arguments and returns its type. */
	struct type *(*sema)(struct sema *sm, struct node *n);
	unsigned char id;		/* enum builtin_id */
	unsigned char kind;		/* enum builtin_kind */
	unsigned char min_args, max_args;
	unsigned char needs;		/* OFFER_* the probe's provider must offer */
	unsigned char shape;		/* aggregations: enum agg_shape, how values merge and print */
	bool yields;			/* a bpftrace name: a ply script's map of that name wins */
};

/* The probes whose providers offer what a built-in needs, for messages. */
const char *builtin_where(const struct builtin *b);

/* The built-in of that name, or NULL. */
const struct builtin *builtin_find(const char *name);

/* Every built-in, ending with a NULL name: the candidates of "did you mean". */
extern const struct builtin builtins[];

#endif
