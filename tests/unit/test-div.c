// SPDX-License-Identifier: GPL-2.0
/*
 * Division as codegen emits it, run on edge values by a small interpreter:
 * one 64-bit instruction, or, for 32-bit arm, whose JIT has none, the
 * 32-bit one and long division, looped (Linux 5.3 on) or unrolled.
 */
#include "codegen/gen.h"
#include "check.h"

/* Runs a program of ALU and jump instructions from r1 = x, r2 = y; returns r0. */
static uint64_t run(const struct bpf_insn *insns, unsigned n, uint64_t x, uint64_t y)
{
	uint64_t r[11] = { [R1] = x, [R2] = y }, a, b;
	unsigned pc = 0, steps = 0;

	while (pc < n && steps++ < 100000) {
		const struct bpf_insn *i = &insns[pc++];
		unsigned cls = BPF_CLASS(i->code), op = BPF_OP(i->code);
		bool taken;

		b = BPF_SRC(i->code) == BPF_X ? r[i->src_reg] : (uint64_t)(int64_t)i->imm;
		if (cls == BPF_ALU || cls == BPF_ALU64) {
			a = r[i->dst_reg];
			if (cls == BPF_ALU) {
				a = (uint32_t)a;
				b = (uint32_t)b;
			}
			switch (op) {
			case BPF_MOV: a = b; break;
			case BPF_ADD: a += b; break;
			case BPF_SUB: a -= b; break;
			case BPF_OR: a |= b; break;
			case BPF_AND: a &= b; break;
			case BPF_XOR: a ^= b; break;
			case BPF_LSH: a <<= b; break;
			case BPF_RSH: a >>= b; break;
			case BPF_ARSH: a = (uint64_t)((int64_t)a >> b); break;
			case BPF_NEG: a = -a; break;
			case BPF_DIV: a = b ? a / b : 0; break;
			case BPF_MOD: a = b ? a % b : a; break;
			default: return 0xbad;
			}
			r[i->dst_reg] = cls == BPF_ALU ? (uint32_t)a : a;
			continue;
		}
		if (cls != BPF_JMP)
			return 0xbad;
		a = r[i->dst_reg];
		switch (op) {
		case BPF_EXIT: return r[R0];
		case BPF_JA: taken = true; break;
		case BPF_JEQ: taken = a == b; break;
		case BPF_JNE: taken = a != b; break;
		case BPF_JGT: taken = a > b; break;
		case BPF_JGE: taken = a >= b; break;
		case BPF_JSGT: taken = (int64_t)a > (int64_t)b; break;
		case BPF_JSGE: taken = (int64_t)a >= (int64_t)b; break;
		default: return 0xbad;
		}
		if (taken)
			pc += i->off;
	}
	return 0xbad;
}

/* What eBPF and C give: x / 0 = 0, x % 0 = x; signed, on the magnitudes. */
static uint64_t want(int code, bool sgn, uint64_t x, uint64_t y)
{
	bool xneg = sgn && (int64_t)x < 0, yneg = sgn && (int64_t)y < 0;
	uint64_t ux = xneg ? -x : x, uy = yneg ? -y : y, q;

	if (code == BPF_DIV) {
		q = uy ? ux / uy : 0;
		return xneg != yneg ? -q : q;
	}
	q = uy ? ux % uy : ux;
	return xneg ? -q : q;
}

static const uint64_t values[] = {
	0, 1, 2, 3, 7, 1000, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, 0x100000001,
	0x123456789abcdef0, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000001,
	0xfedcba9876543210, 0xfffffffffffffffe, 0xffffffffffffffff,
};

/*
 * One division for the target, x and y in the registers given, run on
 * every pair of values; where the JIT refuses 64-bit division, none of it.
 */
static void check_div(const struct target *t, const char *spec, int code, bool sgn, int x, int y)
{
	struct arena arena = { 0 };
	struct loc loc = { 0 };
	struct gen g = { .target = t };
	struct bpf_insn *insns;
	char name[64];
	unsigned n, i, div64 = 0, nvalues = ARRAY_SIZE(values);
	uint64_t a = 0, b = 0, got = 0;

	prog_init(&g.prog, &loc, &arena);
	gen_emit(&g, MOV_REG(x, R1));
	gen_emit(&g, MOV_REG(y, R2));
	(sgn ? gen_signed_div : gen_div)(&g, code, x, y);
	gen_emit(&g, MOV_REG(R0, x));
	gen_emit(&g, EXIT());
	insns = prog_finish(&g.prog, &n, NULL, 0);
	for (i = 0; i < n; i++)
		div64 += BPF_CLASS(insns[i].code) == BPF_ALU64 &&
			 (BPF_OP(insns[i].code) == BPF_DIV || BPF_OP(insns[i].code) == BPF_MOD);
	for (i = 0; i < nvalues * nvalues; i++) {
		a = values[i / nvalues];
		b = values[i % nvalues];
		got = run(insns, n, a, b);
		if (got != want(code, sgn, a, b))
			break;
	}
	snprintf(name, sizeof(name), "%s/%s%s", spec, sgn ? "signed-" : "",
		 code == BPF_DIV ? "div" : "mod");
	check(name, i == nvalues * nvalues, "0x%llx, 0x%llx: got 0x%llx, want 0x%llx",
	      (unsigned long long)a, (unsigned long long)b, (unsigned long long)got,
	      (unsigned long long)want(code, sgn, a, b));
	strcat(name, "-insns");
	check(name, div64 == !t->arch->jit_refuses_div64, "%u 64-bit divisions in %u instructions",
	      div64, n);
	arena_free(&arena);
}

int main(void)
{
	static const char *const specs[] = { "x86_64,6.1", "arm,6.1", "arm,5.2" };
	char why[128] = "";
	struct target t;
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(specs); i++) {
		if (!check(specs[i], target_profile(&t, specs[i], why, sizeof(why)), "%s", why))
			continue;
		/* y in r0 or a value register, x in r1 or one */
		check_div(&t, specs[i], BPF_DIV, false, R1, R0);
		check_div(&t, specs[i], BPF_MOD, false, R7, R8);
		check_div(&t, specs[i], BPF_DIV, true, R7, R8);
		check_div(&t, specs[i], BPF_MOD, true, R1, R0);
	}
	return check_failures != 0;
}
