// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "bpf/abi.h"
#include "bpf/disasm.h"
#include "plan/plan.h"

void plan_init(struct plan *pl)
{
	memset(pl, 0, sizeof(*pl));
	pl->events_map = pl->lost_map = pl->stacks_map = pl->zero_map = pl->dropped_map = -1;
}

void plan_free(struct plan *pl)
{
	arena_free(&pl->arena);
	plan_init(pl);
}

/* Room for one more element in an array of n that doubles its room as it fills. */
static void *room(struct plan *pl, void *array, unsigned n, size_t size)
{
	bool full = n == 0 || (n >= 16 && !(n & (n - 1)));

	return full ? arena_grow(&pl->arena, array, n, size) : array;
}

int plan_add_map(struct plan *pl, const struct plan_map *m)
{
	pl->maps = room(pl, pl->maps, pl->nmaps, sizeof(*pl->maps));
	pl->maps[pl->nmaps] = *m;
	return (int)pl->nmaps++;
}

int plan_add_event(struct plan *pl, const struct plan_event *ev)
{
	pl->events = room(pl, pl->events, pl->nevents, sizeof(*pl->events));
	pl->events[pl->nevents] = *ev;
	return (int)pl->nevents++;
}

struct plan_prog *plan_add_prog(struct plan *pl)
{
	struct plan_prog *p;

	pl->progs = room(pl, pl->progs, pl->nprogs, sizeof(*pl->progs));
	p = &pl->progs[pl->nprogs++];
	memset(p, 0, sizeof(*p));
	return p;
}

struct dump_ctx {
	const struct plan *plan;
	const struct plan_prog *prog;
	char text[160];
};

/* Maps and kernel symbols by name in the dump. */
static const char *name_load(const void *ctx, unsigned pc, const struct bpf_insn *insn)
{
	struct dump_ctx *d = (struct dump_ctx *)ctx;
	unsigned i;

	if (insn->src_reg == BPF_PSEUDO_MAP_FD && insn->imm >= 0 &&
	    (unsigned)insn->imm < d->plan->nmaps) {
		snprintf(d->text, sizeof(d->text), "map[%s]", d->plan->maps[insn->imm].name);
		return d->text;
	}
	for (i = 0; i < d->prog->nrelocs; i++) {
		if (d->prog->relocs[i].insn == pc) {
			snprintf(d->text, sizeof(d->text), "ksym[%s]", d->prog->relocs[i].ksym);
			return d->text;
		}
	}
	return NULL;
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
