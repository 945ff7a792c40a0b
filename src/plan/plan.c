// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "bpf/abi.h"
#include "bpf/disasm.h"
#include "plan/plan.h"

void plan_init(struct plan *pl)
{
	memset(pl, 0, sizeof(*pl));
	pl->events_map = pl->lost_map = pl->stacks_map = pl->zero_map = pl->dropped_map = -1;
	pl->join_map = -1;
}

void plan_free(struct plan *pl)
{
	arena_free(&pl->arena);
	plan_init(pl);
}

int plan_add_map(struct plan *pl, const struct plan_map *m)
{
	pl->maps = arena_room(&pl->arena, pl->maps, pl->nmaps, sizeof(*pl->maps));
	pl->maps[pl->nmaps] = *m;
	return (int)pl->nmaps++;
}

int plan_add_event(struct plan *pl, const struct plan_event *ev)
{
	pl->events = arena_room(&pl->arena, pl->events, pl->nevents, sizeof(*pl->events));
	pl->events[pl->nevents] = *ev;
	return (int)pl->nevents++;
}

struct plan_prog *plan_add_prog(struct plan *pl)
{
	struct plan_prog *p;

	pl->progs = arena_room(&pl->arena, pl->progs, pl->nprogs, sizeof(*pl->progs));
	p = &pl->progs[pl->nprogs++];
	memset(p, 0, sizeof(*p));
	return p;
}

struct dump_ctx {
	const struct plan *plan;
	const struct plan_prog *prog;
	char text[160];
};

/* Maps, kernel symbols and callbacks by name in the dump. */
static const char *name_load(const void *ctx, unsigned pc, const struct bpf_insn *insn)
{
	struct dump_ctx *d = (struct dump_ctx *)ctx;

	if (insn_is_func_addr(insn))
		snprintf(d->text, sizeof(d->text), "callback %u", pc + 1 + insn->imm);
	else if (insn->src_reg == BPF_PSEUDO_MAP_FD && insn->imm >= 0 &&
	    (unsigned)insn->imm < d->plan->nmaps)
		snprintf(d->text, sizeof(d->text), "map[%s]", d->plan->maps[insn->imm].name);
	else if (insn->src_reg == PSEUDO_RELOC && insn->imm >= 0 &&
		 (unsigned)insn->imm < d->prog->nrelocs)
		snprintf(d->text, sizeof(d->text), d->prog->relocs[insn->imm].kind == RELOC_KSYM ?
			 "ksym[%s]" : "start_ns", d->prog->relocs[insn->imm].ksym);
	else
		return NULL;
	return d->text;
}

void plan_dump(const struct plan *pl, FILE *out)
{
	struct dump_ctx d = { .plan = pl };
	unsigned i, pc;

	for (i = 0; i < pl->nprogs; i++) {
		d.prog = &pl->progs[i];
		fprintf(out, "%s: %u instructions\n", d.prog->name, d.prog->ninsns);
		for (pc = 0; pc < d.prog->ninsns;) {
			fprintf(out, "%4u: ", pc);
			pc += disasm_insn(out, &d.prog->insns[pc], pc, name_load, &d);
		}
		fputc('\n', out);
	}
}
