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

/*
 * The layout of an aggregation's value, which decides how user space
 * merges the per-CPU copies, sorts elements and prints them.
 */
enum agg_shape {
	AGG_SCALAR,	/* count(), sum(): one integer, summed */
	AGG_MIN,	/* { value, seen }: the least value of the CPUs that saw one */
	AGG_MAX,
	AGG_AVG,	/* { sum, count } */
	AGG_LOG2,	/* quantize(): u64 buckets for < 0, 0, 1, [2, 4), [4, 8)... */
	AGG_LINEAR,	/* lhist(): u64 buckets for < lo, [lo, lo + step)..., >= hi */
};

/* quantize()'s buckets: negative, zero, then one per power of two up to 2^63. */
#define LOG2_BUCKETS 66

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
	enum agg_shape shape;
};

#define BUILTIN_VAR_ROW(nm, sm, gn) \
	{ .name = nm, .kind = BUILTIN_VAR, .sema = sm, .gen = gn }
#define BUILTIN_FUNC_ROW(nm, lo, hi, sm, gn) \
	{ .name = nm, .kind = BUILTIN_FUNC, .min_args = lo, .max_args = hi, .sema = sm, .gen = gn }
#define BUILTIN_AGG_ROW(nm, lo, hi, sm, gn, init, update, shp) \
	{ .name = nm, .kind = BUILTIN_AGG, .min_args = lo, .max_args = hi, .sema = sm, \
	  .gen = gn, .agg_init = init, .agg_update = update, .shape = shp }

/* Looks a name up in a table ending with a NULL name. */
const struct builtin *builtin_find(const struct builtin *table, const char *name);

extern const struct builtin builtins[];

#endif
