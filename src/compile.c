// SPDX-License-Identifier: GPL-2.0
#include "codegen/codegen.h"
#include "compile.h"
#include "lang/parse.h"
#include "lang/sema.h"
#include "probe/probe.h"

void compile(struct plan *pl, const struct source *src, const struct target *t,
	     const struct options *opt, struct arena *scratch)
{
	struct ktypes kt = { .target = t, .types = &pl->arena };
	struct resolver r = { .target = t, .opt = opt, .keep = &pl->arena, .scratch = scratch,
			      .kt = &kt };
	struct sema sm = { .types = &pl->arena, .scratch = scratch, .target = t, .opt = opt,
			   .kt = &kt };
	struct script sc = parse_program(scratch, src);
	struct probe *p;

	sm.probes = sc.probes;
	sm.structs = sc.structs;
	probe_resolve(&r, sm.probes);
	ast_unshare(scratch, sm.probes);
	sema_program(&sm);
	ktype_close(&kt);
	layout(pl, sm.maps, sm.probes, t, opt);
	for (p = sm.probes; p; p = p->next)
		gen_probe(pl, t, opt, p, scratch);
}
