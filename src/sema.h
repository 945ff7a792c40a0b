/* SPDX-License-Identifier: GPL-2.0 */
/* Semantic analysis: what built-ins and providers use to type their nodes. */
#ifndef SONDE_SEMA_H
#define SONDE_SEMA_H

#include "sonde.h"

struct sema {
	struct sonde *s;
	struct probe *p;
	/*
	 * Map types are inferred from every use in every probe, so probes are
	 * typed repeatedly until the maps stop changing. Only the final pass
	 * over a probe reports what is still unknown.
	 */
	bool final;
	bool changed;
	struct map *target;	/* the map an aggregation being typed updates */
};

/* Types an expression; NULL only before the final pass (unknown yet). */
struct type *sema_expr(struct sema *sm, struct node *n);

/* Checks an argument is an integer/string (NULL type: unknown, accepted). */
void sema_want_int(struct sema *sm, struct node *arg, const char *what);
void sema_want_string(struct sema *sm, struct node *arg, const char *what);
/* The value of an argument that must be a compile-time constant. */
uint64_t sema_const(struct sema *sm, struct node *arg, const char *what);

/*
 * If n names a whole map, as in print(m) or clear(@), binds it and returns
 * the map; otherwise NULL.
 */
struct map *sema_whole_map(struct sema *sm, struct node *n);

/* The n-th argument of a call (0-based), or NULL. */
struct node *call_arg(const struct node *call, unsigned n);

#endif
