/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Semantic analysis: binds names to built-ins and maps, infers a static
 * type for every expression, and settles the key and value types of every
 * map from all its uses in all probes.
 */
#ifndef SONDE_LANG_SEMA_H
#define SONDE_LANG_SEMA_H

#include "base/options.h"
#include "lang/ast.h"
#include "lang/ktype.h"
#include "target/target.h"

/* A map of the script, typed from all its uses. */
struct map {
	const char *name;
	struct loc loc;			/* first mention */
	bool agg;			/* @name: updated by aggregation functions only */
	struct type *key, *value;	/* storage types; no key: a single value */
	const struct builtin *aggfn;	/* the aggregation function of an @map */
	bool used, keyless;		/* element uses seen, all without a key */
	bool assigned;			/* the target of an assignment somewhere */
	bool read;			/* an aggregation read as a value: one copy, not per CPU */
	bool by_cpu;			/* every use's key is cpu: one element per CPU */
	int64_t lhist[3];		/* lo, hi and step of an lhist() */
	int index;			/* in the plan, once laid out */
	struct map *next;
};

/* The blocks around the statement being typed, innermost first. */
struct scope {
	struct node *block;
	struct scope *up;
};

struct sema {
	struct arena *types;		/* types live on in the plan */
	struct arena *scratch;		/* messages */
	const struct target *target;
	const struct options *opt;
	struct probe *probes;
	struct cstruct *structs;	/* the script's struct declarations */
	struct ktypes *kt;		/* the kernel's */
	struct map *maps;

	struct probe *p;		/* the probe being typed */
	/*
	 * Map types are inferred from every use in every probe, so probes are
	 * typed repeatedly until the maps stop changing. Only the final pass
	 * over a probe reports what is still unknown.
	 */
	bool final;
	bool changed;
	bool guess;			/* the last passes: unknown operands of integers are integers */
	struct map *agg_map;		/* the map an aggregation being typed updates */
	struct type *regs[2];		/* struct pt_regs * of the kernel, of the task: when first used */
	struct scope *scope;
	struct node *map_loop;		/* the loop over a map being typed in */
	const char **assigned;		/* the scratch variables the script assigns */
	unsigned nassigned;
	struct type **ctypes;		/* the declared structs, as types */
	unsigned nctypes;
};

/* Types every probe; the maps end up in sm->maps. */
void sema_program(struct sema *sm);

/* For the built-ins' checks: */

/* Types an expression; NULL only before the final pass (unknown yet). */
struct type *sema_expr(struct sema *sm, struct node *n);
/* Checks an argument is an integer/string (NULL type: unknown, accepted). */
void sema_want_int(struct sema *sm, struct node *arg, const char *what);
void sema_want_string(struct sema *sm, struct node *arg, const char *what);
/* The value of an argument that must be a compile-time constant. */
uint64_t sema_const(struct sema *sm, struct node *arg, const char *what);
/* If n names a whole map, as in print(m) or clear(@), binds it and returns it. */
struct map *sema_whole_map(struct sema *sm, struct node *n);
/* "struct foo", "union bar" or "enum baz": the script's, else the kernel's; NULL if neither has it. */
struct type *sema_tagged(struct sema *sm, const char *text);
/* The BTF id of the kernel function the probe is on, or 0 if BTF does not say. */
uint32_t sema_func(struct sema *sm);
/* The BTF id of its return type, 0 for void or unknown. */
uint32_t sema_func_return(struct sema *sm);
/* A parameter's or return type, a pointer reading where the probe's pointers do; NULL for 0. */
struct type *sema_func_type(struct sema *sm, uint32_t id);
/* The type a declaration or cast names, "struct foo" or "unsigned long". */
struct type *sema_ctype(struct sema *sm, const char *text, const struct loc *loc);
/* Binds a map element to its map, typing its keys. */
void sema_map_key(struct sema *sm, struct node *n);
/* "u64", "char[16]"... */
const char *sema_type_name(struct sema *sm, const struct type *t);

/* The n-th argument of a call (0-based), or NULL. */
struct node *call_arg(const struct node *call, unsigned n);

#endif
