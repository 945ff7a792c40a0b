/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Code generation: the typed trees of the probes to the plan. Layout comes
 * first and decides the maps and the records once for all programs; then
 * each probe's program is generated, and checked by the validator.
 */
#ifndef SONDE_CODEGEN_H
#define SONDE_CODEGEN_H

#include "base/options.h"
#include "lang/sema.h"
#include "plan/plan.h"

/* The plan's maps, from sema's and the ones programs need; the records they send. */
void layout(struct plan *pl, struct map *maps, struct probe *probes, const struct target *t,
	    const struct options *opt);

/* One probe's program, added to the plan; its emission uses scratch. */
void gen_probe(struct plan *pl, const struct target *t, const struct options *opt,
	       const struct probe *p, struct arena *scratch);

#endif
