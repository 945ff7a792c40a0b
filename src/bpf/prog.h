/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A program being emitted: the instruction buffer, labels and the jumps
 * waiting for them. Every jump goes to a label; no offset is counted by
 * hand. A label is bound once, before or after the jumps to it.
 */
#ifndef SONDE_BPF_PROG_H
#define SONDE_BPF_PROG_H

#include "base/arena.h"
#include "base/diag.h"
#include "bpf/insn.h"

struct prog_label {
	int pos;	/* where it is bound, or -1 */
	int waiting;	/* the last jump emitted to it before that, or -1 */
};

struct prog {
	struct arena *arena;	/* all of it: an error while emitting leaves nothing to free */
	struct bpf_insn *insns;
	unsigned n;
	int *chain;		/* per jump: the previous jump waiting for the same label */
	struct prog_label *labels;
	unsigned nlabels;
	int landed;		/* the last position a label was bound at */
	const struct loc *loc;	/* what errors about the program's size point at */
};

void prog_init(struct prog *p, const struct loc *loc, struct arena *a);
/* Appends an instruction; returns its index. */
unsigned prog_emit(struct prog *p, struct bpf_insn insn);
/* A new label, bound nowhere yet. */
int prog_label(struct prog *p);
/* Emits a jump (its offset ignored) to a label. */
void prog_jump(struct prog *p, struct bpf_insn jmp, int label);
/* reg = the address of the function at a label, as a callback for a helper. */
void prog_func_addr(struct prog *p, int reg, int label);
/* Binds a label to the next instruction to be emitted. */
void prog_bind(struct prog *p, int label);
/* A label bound here and now: a target for backward jumps. */
int prog_here(struct prog *p);

/*
 * Whether the last instruction can be dropped or rewritten: every path
 * past it went through it, as no label is bound after it.
 */
bool prog_last_is_mine(const struct prog *p);

/*
 * Drops the instructions no path reaches (the verifier refuses them) and
 * the jumps to the next instruction, and returns the instructions, in the
 * arena. The nkeep positions of keep, ends of ranges the caller keeps,
 * follow: each becomes that of the first instruction kept at or after it.
 */
struct bpf_insn *prog_finish(struct prog *p, unsigned *n, unsigned *keep, unsigned nkeep);

#endif
