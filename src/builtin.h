/* SPDX-License-Identifier: GPL-2.0 */
/* Built-in variables, functions and aggregations, each a row of callbacks. */
#ifndef SONDE_BUILTIN_H
#define SONDE_BUILTIN_H

#include "gen.h"
#include "sema.h"

enum builtin_kind {
	BUILTIN_VAR,	/* comm, pid, data, arg0: used without parentheses */
	BUILTIN_FUNC,	/* printf(), str() */
	BUILTIN_AGG,	/* count(), quantize(): only as "@map[keys] = f(...)" */
};

/* How the per-CPU values of an aggregation combine into one. */
enum agg_merge {
	MERGE_SUM,
	MERGE_MIN,
	MERGE_MAX,
};

struct builtin {
	const char *name;
	enum builtin_kind kind;
	unsigned char min_args, max_args;
	/* Checks the node's arguments and returns its type. */
	struct type *(*sema)(struct sema *sm, struct node *n);
	/*
	 * Scalar results are pushed on the value stack; aggregate ones are
	 * written at r10 + dst. Aggregations emit their argument values here.
	 */
	void (*gen)(struct gen *g, struct node *n, int dst);
	/* Aggregations: the first value of a new key, written at r10 + off... */
	void (*agg_init)(struct gen *g, struct node *n, int off);
	/* ...and the in-place update of the value pointed to by reg. */
	void (*agg_update)(struct gen *g, struct node *n, int reg);
	enum agg_merge merge;
};

#define BUILTIN_VAR_ROW(nm, sm, gn) \
	{ .name = nm, .kind = BUILTIN_VAR, .sema = sm, .gen = gn }
#define BUILTIN_FUNC_ROW(nm, lo, hi, sm, gn) \
	{ .name = nm, .kind = BUILTIN_FUNC, .min_args = lo, .max_args = hi, .sema = sm, .gen = gn }
#define BUILTIN_AGG_ROW(nm, lo, hi, sm, gn, init, update, mrg) \
	{ .name = nm, .kind = BUILTIN_AGG, .min_args = lo, .max_args = hi, .sema = sm, \
	  .gen = gn, .agg_init = init, .agg_update = update, .merge = mrg }

/* Looks a name up in a table ending with a NULL name. */
const struct builtin *builtin_find(const struct builtin *table, const char *name);

extern const struct builtin builtins[];

#endif
