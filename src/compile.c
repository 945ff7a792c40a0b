// SPDX-License-Identifier: GPL-2.0
#include "codegen/codegen.h"
#include "compile.h"
#include "lang/parse.h"
#include "lang/sema.h"
#include "probe/probe.h"

void compile(struct plan *pl, const struct source *src, const struct target *t,
	     const struct options *opt)
{
	struct arena ca = { 0 };	/* the trees and everything else compiling needs */
	struct resolver r = { .target = t, .opt = opt, .keep = &pl->arena, .scratch = &ca };
	struct sema sm = { .types = &pl->arena, .scratch = &ca, .target = t, .opt = opt };
	struct probe *p;

	sm.probes = parse_program(&ca, src);
	probe_resolve(&r, sm.probes);
	ast_unshare(&ca, sm.probes);
	sema_program(&sm);
	layout(pl, sm.maps, sm.probes, opt);
	for (p = sm.probes; p; p = p->next)
		gen_probe(pl, t, opt, p);
	arena_free(&ca);
}
