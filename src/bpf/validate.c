// SPDX-License-Identifier: GPL-2.0
/*
 * The validator: a pass over each instruction alone, then a data-flow pass
 * over the paths, which knows for each register whether every path has
 * written it, and which registers hold r10 plus a known offset.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "base/arena.h"
#include "bpf/abi.h"
#include "bpf/validate.h"

#define NREGS 11
#define FRAME_REG R10

/* What every path to an instruction leaves in a register. */
enum reg_state { REG_UNSET, REG_VALUE, REG_FRAME };

struct regs {
	unsigned char state[NREGS];
	int frame_off[NREGS];	/* REG_FRAME: the register is r10 + this */
};

struct check {
	const struct bpf_insn *insns;
	unsigned n;
	char *msg;
	size_t size;
	bool *imm64_tail;	/* the second slot of a 64-bit load */
	struct regs *in;	/* per instruction: the state every path brings */
	bool *reached;
};

static bool fail(struct check *c, unsigned pc, const char *fmt, ...) PRINTF(3, 4);

static bool fail(struct check *c, unsigned pc, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(c->msg, c->size, "instruction %u: ", pc);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < c->size)
		vsnprintf(c->msg + n, c->size - n, fmt, ap);
	va_end(ap);
	return false;
}

static bool is_alu(unsigned cls)
{
	return cls == BPF_ALU || cls == BPF_ALU64;
}

static unsigned access_size(const struct bpf_insn *i)
{
	static const unsigned sizes[] = { [BPF_W >> 3] = 4, [BPF_H >> 3] = 2, [BPF_B >> 3] = 1,
					  [BPF_DW >> 3] = 8 };

	return sizes[BPF_SIZE(i->code) >> 3];
}

/* One instruction on its own: its opcode, registers, constants and jump target. */
static bool check_insn(struct check *c, unsigned pc)
{
	const struct bpf_insn *i = &c->insns[pc];
	unsigned cls = BPF_CLASS(i->code), op = BPF_OP(i->code), mode = BPF_MODE(i->code);
	long target;

	if (i->dst_reg >= NREGS || i->src_reg >= NREGS)
		return fail(c, pc, "no such register (r%d, r%d)", i->dst_reg, i->src_reg);
	if (insn_is_ld_imm64(i)) {
		if (pc + 1 >= c->n || c->insns[pc + 1].code)
			return fail(c, pc, "the 64-bit load has no second half");
		c->imm64_tail[pc + 1] = true;
	} else if (cls == BPF_LD) {
		return fail(c, pc, "unknown opcode 0x%02x", i->code);
	}
	if ((is_alu(cls) || cls == BPF_LDX || insn_is_ld_imm64(i)) && i->dst_reg == FRAME_REG)
		return fail(c, pc, "r10, the frame pointer, is read-only");
	if (is_alu(cls) && BPF_SRC(i->code) == BPF_K && (op == BPF_DIV || op == BPF_MOD) &&
	    !i->imm)
		return fail(c, pc, "division by zero");
	if (is_alu(cls) && BPF_SRC(i->code) == BPF_K &&
	    (op == BPF_LSH || op == BPF_RSH || op == BPF_ARSH) &&
	    (i->imm < 0 || i->imm >= (cls == BPF_ALU64 ? 64 : 32)))
		return fail(c, pc, "shift by %d", i->imm);
	if ((cls == BPF_LDX || cls == BPF_STX || cls == BPF_ST) && mode != BPF_MEM &&
	    !(cls == BPF_STX && mode == BPF_ATOMIC))
		return fail(c, pc, "unknown opcode 0x%02x", i->code);
	if ((cls == BPF_JMP || cls == BPF_JMP32) && op == BPF_CALL && !helper_info(i->imm))
		return fail(c, pc, "call of unknown helper %d", i->imm);
	if (!insn_is_jump(i) && !insn_is_func_addr(i))
		return true;
	target = (long)pc + 1 + (insn_is_jump(i) ? i->off : i->imm);
	if (target < 0 || target >= (long)c->n)
		return fail(c, pc, "jump to %ld, outside the program (%u instructions)", target,
			    c->n);
	return true;
}

/* The tail of a 64-bit load is known only once the load is checked: jumps second. */
static bool check_targets(struct check *c)
{
	unsigned pc;

	for (pc = 0; pc < c->n; pc++) {
		const struct bpf_insn *i = &c->insns[pc];
		unsigned target = pc + 1 + i->off;

		if (c->imm64_tail[pc] || !insn_is_jump(i) || !c->imm64_tail[target])
			continue;
		return fail(c, pc, "jump to %u, into the middle of the 64-bit load at %u", target,
			    target - 1);
	}
	return true;
}

static bool read_reg(struct check *c, unsigned pc, const struct regs *r, int reg)
{
	if (r->state[reg] == REG_UNSET)
		return fail(c, pc, "r%d is read before it is written", reg);
	return true;
}

/* A load or store through base + off: within the stack if base points into it. */
static bool check_access(struct check *c, unsigned pc, const struct regs *r, int base, int off)
{
	const struct bpf_insn *i = &c->insns[pc];
	int at = off + (r->state[base] == REG_FRAME ? r->frame_off[base] : 0);
	unsigned size = access_size(i);

	if (!read_reg(c, pc, r, base))
		return false;
	if (r->state[base] != REG_FRAME)
		return true;
	if (at < -BPF_STACK_SIZE || at + (int)size > 0)
		return fail(c, pc, "stack access at r10 %+d (%u byte%s) is outside the %d-byte "
			    "stack", at, size, size == 1 ? "" : "s", BPF_STACK_SIZE);
	return true;
}

/* What the instruction at pc does to the registers; false if it reads an unset one. */
static bool step(struct check *c, unsigned pc, struct regs *r)
{
	const struct bpf_insn *i = &c->insns[pc];
	unsigned cls = BPF_CLASS(i->code), op = BPF_OP(i->code), k;
	int dst = i->dst_reg, src = i->src_reg;

	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		if (BPF_SRC(i->code) == BPF_X && op != BPF_NEG && op != BPF_END &&
		    !read_reg(c, pc, r, src))
			return false;
		if (op != BPF_MOV && !read_reg(c, pc, r, dst))
			return false;
		if (cls == BPF_ALU64 && op == BPF_MOV && BPF_SRC(i->code) == BPF_X) {
			r->state[dst] = r->state[src];
			r->frame_off[dst] = r->frame_off[src];
		} else if (cls == BPF_ALU64 && r->state[dst] == REG_FRAME && BPF_SRC(i->code) == BPF_K &&
			   (op == BPF_ADD || op == BPF_SUB)) {
			r->frame_off[dst] += op == BPF_ADD ? i->imm : -i->imm;
		} else {
			r->state[dst] = REG_VALUE;
		}
		return true;
	case BPF_LD:
		r->state[dst] = REG_VALUE;
		return true;
	case BPF_LDX:
		if (!check_access(c, pc, r, src, i->off))
			return false;
		r->state[dst] = REG_VALUE;
		return true;
	case BPF_STX:
		return read_reg(c, pc, r, src) && check_access(c, pc, r, dst, i->off);
	case BPF_ST:
		return check_access(c, pc, r, dst, i->off);
	default:	/* BPF_JMP, BPF_JMP32 */
		if (op == BPF_CALL) {
			for (k = 1; k <= helper_info(i->imm)->nargs; k++)
				if (!read_reg(c, pc, r, (int)k))
					return false;
			for (k = 1; k <= 5; k++)
				r->state[k] = REG_UNSET;
			r->state[R0] = REG_VALUE;
			return true;
		}
		if (op == BPF_EXIT)
			return read_reg(c, pc, r, R0);
		if (op == BPF_JA)
			return true;
		return read_reg(c, pc, r, dst) &&
		       (BPF_SRC(i->code) == BPF_K || read_reg(c, pc, r, src));
	}
}

/* Merges what one more path brings to pc; whether that changed anything. */
static bool merge(struct check *c, unsigned pc, const struct regs *r)
{
	struct regs *in = &c->in[pc];
	bool changed = false;
	int k;

	if (!c->reached[pc]) {
		c->reached[pc] = true;
		*in = *r;
		return true;
	}
	for (k = 0; k < NREGS; k++) {
		unsigned char s = in->state[k];

		if (s == REG_FRAME && (r->state[k] != REG_FRAME || r->frame_off[k] != in->frame_off[k]))
			s = r->state[k] == REG_UNSET ? REG_UNSET : REG_VALUE;
		else if (s == REG_VALUE && r->state[k] == REG_UNSET)
			s = REG_UNSET;
		changed |= s != in->state[k];
		in->state[k] = s;
	}
	return changed;
}

/*
 * Follows every path to a fixed point, in program order, checking each step;
 * a callback's start, with the map, key, value and context of its helper.
 */
static bool check_paths(struct check *c)
{
	struct regs entry = { .state = { [R1] = REG_VALUE, [FRAME_REG] = REG_FRAME } };
	struct regs callback = { .state = { [R1] = REG_VALUE, [R2] = REG_VALUE, [R3] = REG_VALUE,
					    [R4] = REG_VALUE, [FRAME_REG] = REG_FRAME } };
	bool changed = true;
	unsigned pc;

	merge(c, 0, &entry);
	while (changed) {
		changed = false;
		for (pc = 0; pc < c->n; pc++) {
			const struct bpf_insn *i = &c->insns[pc];
			struct regs r;
			unsigned next = pc + 1 + insn_is_ld_imm64(i);

			if (!c->reached[pc] || c->imm64_tail[pc])
				continue;
			r = c->in[pc];
			if (!step(c, pc, &r))
				return false;
			if (i->code == (BPF_JMP | BPF_EXIT))
				continue;
			if (insn_is_jump(i))
				changed |= merge(c, pc + 1 + i->off, &r);
			if (insn_is_func_addr(i))
				changed |= merge(c, pc + 1 + i->imm, &callback);
			if (i->code != (BPF_JMP | BPF_JA) && next < c->n)
				changed |= merge(c, next, &r);
		}
	}
	for (pc = 0; pc < c->n; pc++)
		if (!c->reached[pc] && !c->imm64_tail[pc])
			return fail(c, pc, "no path reaches it");
	return true;
}

/* The last instruction must not fall through to what follows the program. */
static bool check_end(struct check *c)
{
	unsigned last = c->n - 1;
	const struct bpf_insn *i = &c->insns[last];

	if (c->imm64_tail[last] || (i->code != (BPF_JMP | BPF_EXIT) && i->code != (BPF_JMP | BPF_JA)))
		return fail(c, last, "the program ends without an exit");
	return true;
}

bool bpf_validate(const struct bpf_insn *insns, unsigned n, char *msg, size_t size)
{
	struct check c = { .insns = insns, .n = n, .msg = msg, .size = size };
	unsigned pc;
	bool ok = true;

	if (!n) {
		snprintf(msg, size, "the program is empty");
		return false;
	}
	c.imm64_tail = xcalloc(n, sizeof(*c.imm64_tail));
	c.reached = xcalloc(n, sizeof(*c.reached));
	c.in = xcalloc(n, sizeof(*c.in));
	for (pc = 0; pc < n && ok; pc++)
		ok = c.imm64_tail[pc] || check_insn(&c, pc);
	ok = ok && check_targets(&c) && check_end(&c) && check_paths(&c);
	free(c.imm64_tail);
	free(c.reached);
	free(c.in);
	return ok;
}
