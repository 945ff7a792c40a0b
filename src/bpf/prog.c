// SPDX-License-Identifier: GPL-2.0
#include <assert.h>
#include <stdlib.h>

#include "base/arena.h"
#include "bpf/abi.h"
#include "bpf/prog.h"

void prog_init(struct prog *p, const struct loc *loc, struct arena *a)
{
	memset(p, 0, sizeof(*p));
	p->arena = a;
	p->landed = -1;
	p->loc = loc;
}


unsigned prog_emit(struct prog *p, struct bpf_insn insn)
{
	if (p->n >= BPF_MAX_INSNS)
		error_at(p->loc, "probe is too large: more than %d instructions", BPF_MAX_INSNS);
	p->insns = arena_room(p->arena, p->insns, p->n, sizeof(*p->insns));
	p->chain = arena_room(p->arena, p->chain, p->n, sizeof(*p->chain));
	p->chain[p->n] = -1;
	p->insns[p->n] = insn;
	return p->n++;
}

int prog_label(struct prog *p)
{
	p->labels = arena_room(p->arena, p->labels, p->nlabels, sizeof(*p->labels));
	p->labels[p->nlabels] = (struct prog_label){ .pos = -1, .waiting = -1 };
	return (int)p->nlabels++;
}

/* Points the jump at pc to pos, if eBPF's 16-bit offset reaches; or a function's address. */
static void patch(struct prog *p, unsigned pc, int pos)
{
	long off = (long)pos - (long)pc - 1;

	if (insn_is_ld_imm64(&p->insns[pc])) {
		p->insns[pc].imm = (int32_t)off;
		return;
	}
	if (off > INT16_MAX || off < INT16_MIN)
		error_at(p->loc, "probe is too long: a jump would span %ld instructions, more "
			 "than the %d eBPF allows", off < 0 ? -off : off, INT16_MAX);
	p->insns[pc].off = (int16_t)off;
}

/* Makes the instruction at pc go to the label, now or once it is bound. */
static void refer(struct prog *p, unsigned pc, int label)
{
	struct prog_label *l = &p->labels[label];

	if (l->pos >= 0) {
		patch(p, pc, l->pos);
		return;
	}
	p->chain[pc] = l->waiting;
	l->waiting = (int)pc;
}

void prog_jump(struct prog *p, struct bpf_insn jmp, int label)
{
	refer(p, prog_emit(p, jmp), label);
}

void prog_func_addr(struct prog *p, int reg, int label)
{
	unsigned pc = prog_emit(p, LD_IMM64_LO(reg, BPF_PSEUDO_FUNC, 0));

	prog_emit(p, LD_IMM64_HI(0));
	refer(p, pc, label);
}

void prog_bind(struct prog *p, int label)
{
	struct prog_label *l = &p->labels[label];
	int pc, prev;

	assert(l->pos < 0);
	l->pos = (int)p->n;
	for (pc = l->waiting; pc >= 0; pc = prev) {
		prev = p->chain[pc];
		patch(p, (unsigned)pc, l->pos);
	}
	l->waiting = -1;
	p->landed = l->pos;
}

int prog_here(struct prog *p)
{
	int label = prog_label(p);

	prog_bind(p, label);
	return label;
}

bool prog_last_is_mine(const struct prog *p)
{
	return p->n && p->landed < (int)p->n;
}

/* The instructions a path from the first one reaches: live[i] set. */
static void mark_live(const struct bpf_insn *insns, unsigned n, char *live)
{
	bool changed = true;
	unsigned i, k;

	live[0] = 1;
	while (changed) {
		changed = false;
		for (i = 0; i < n; i++) {
			const struct bpf_insn *insn = &insns[i];
			unsigned next[2] = { i + 1, i + 1 };

			if (live[i] != 1)
				continue;
			live[i] = 2;	/* visited */
			if (insn_is_func_addr(insn))
				next[0] = i + 2, next[1] = i + 1 + insn->imm;
			else if (insn_is_ld_imm64(insn))
				next[0] = next[1] = i + 2;
			else if (insn->code == (BPF_JMP | BPF_EXIT))
				continue;
			else if (insn->code == (BPF_JMP | BPF_JA))
				next[0] = next[1] = i + 1 + insn->off;
			else if (insn_is_jump(insn))
				next[1] = i + 1 + insn->off;
			for (k = 0; k < 2; k++) {
				if (next[k] < n && !live[next[k]]) {
					live[next[k]] = 1;
					changed = changed || next[k] < i;
				}
			}
		}
	}
}

/* One round of pruning; whether it removed anything. */
static bool prune_once(struct prog *p, unsigned *keep, unsigned nkeep)
{
	unsigned i, n = 0, *index = xmalloc((p->n + 1) * sizeof(*index));
	char *live = xcalloc(p->n + 1, 1);
	struct bpf_insn *insn;
	bool changed;

	mark_live(p->insns, p->n, live);
	for (i = 0; i < p->n; i++) {
		insn = &p->insns[i];
		if (live[i] && insn_is_ld_imm64(insn))
			live[i + 1] = 2;
		if (insn->code == (BPF_JMP | BPF_JA) && insn->off == 0)
			live[i] = 0;
	}
	for (i = 0; i <= p->n; i++) {
		index[i] = n;
		n += i < p->n && live[i];
	}
	for (i = 0, n = 0; i < p->n; i++) {
		if (!live[i])
			continue;
		insn = &p->insns[i];
		if (insn_is_jump(insn))
			insn->off = (int16_t)(index[i + 1 + insn->off] - index[i] - 1);
		else if (insn_is_func_addr(insn))
			insn->imm = (int32_t)(index[i + 1 + insn->imm] - index[i] - 1);
		p->insns[n++] = *insn;
	}
	for (i = 0; i < nkeep; i++)
		keep[i] = index[keep[i]];
	changed = n != p->n;
	p->n = n;
	free(index);
	free(live);
	return changed;
}

struct bpf_insn *prog_finish(struct prog *p, unsigned *n, unsigned *keep, unsigned nkeep)
{
	struct bpf_insn *insns;
	unsigned i;

	for (i = 0; i < p->nlabels; i++)
		assert(p->labels[i].waiting < 0);	/* every label jumped to was bound */
	/* Pruning can leave a jump to the next instruction behind; prune again. */
	while (prune_once(p, keep, nkeep))
		;
	insns = p->insns;
	*n = p->n;
	memset(p, 0, sizeof(*p));
	return insns;
}
