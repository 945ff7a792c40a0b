// SPDX-License-Identifier: GPL-2.0
/* Emission: labels bound before and after their jumps, and the pruning of dead code. */
#include "base/common.h"
#include "bpf/abi.h"
#include "bpf/disasm.h"
#include "bpf/prog.h"
#include "check.h"

/* The program as the disassembler writes it, one line per instruction. */
static const char *listing(const struct bpf_insn *insns, unsigned n)
{
	static char out[2048];
	FILE *f = fmemopen(out, sizeof(out), "w");
	unsigned pc;

	for (pc = 0; pc < n;) {
		fprintf(f, "%u: ", pc);
		pc += disasm_insn(f, &insns[pc], pc, NULL, NULL);
	}
	fclose(f);
	return out;
}

int main(void)
{
	struct arena a = { 0 };
	struct loc loc = { 0 };
	struct prog p;
	struct bpf_insn *insns;
	unsigned n, keep[2];
	int out, top;

	/* if (r1 == 0) r0 = 1 else r0 = 2, then a loop counting r0 down */
	prog_init(&p, &loc, &a);
	out = prog_label(&p);
	prog_jump(&p, JMP_IMM(BPF_JEQ, R1, 0, 0), out);
	prog_emit(&p, MOV_IMM(R0, 2));
	top = prog_here(&p);
	prog_emit(&p, ALU_IMM(BPF_SUB, R0, 1));
	prog_jump(&p, JMP_IMM(BPF_JNE, R0, 0, 0), top);
	prog_bind(&p, out);
	check("landed", !prog_last_is_mine(&p), "a label is bound after the last instruction");
	prog_emit(&p, EXIT());
	check("mine", prog_last_is_mine(&p), "the exit follows the label");
	insns = prog_finish(&p, &n, NULL, 0);
	check_str("labels", listing(insns, n),
		  "0: if r1 == 0 goto 4\n1: r0 = 2\n2: r0 -= 1\n3: if r0 != 0 goto 2\n4: exit\n");

	/* Code after an exit and jumps to the next instruction go; kept positions follow. */
	prog_init(&p, &loc, &a);
	out = prog_label(&p);
	prog_emit(&p, MOV_IMM(R0, 0));
	prog_jump(&p, JA(0), out);
	prog_emit(&p, MOV_IMM(R0, 1));		/* dead */
	prog_bind(&p, out);
	keep[0] = prog_emit(&p, LD_IMM64_LO(R0, 0, 0x100000000ULL));
	prog_emit(&p, LD_IMM64_HI(0x100000000ULL));
	keep[1] = 2;
	prog_emit(&p, EXIT());
	insns = prog_finish(&p, &n, keep, 2);
	check_str("pruned", listing(insns, n), "0: r0 = 0\n1: r0 = 0x100000000 ll\n3: exit\n");
	/* The dead instruction's place is the next one kept. */
	check("kept", keep[0] == 1 && keep[1] == 1, "%u %u", keep[0], keep[1]);

	/* A callback after the exit lives, found through its address; a dead jump before it goes. */
	prog_init(&p, &loc, &a);
	out = prog_label(&p);
	prog_func_addr(&p, R2, out);
	prog_emit(&p, MOV_IMM(R0, 0));
	prog_emit(&p, EXIT());
	top = prog_label(&p);
	prog_jump(&p, JA(0), top);		/* dead */
	prog_bind(&p, top);
	prog_bind(&p, out);
	prog_emit(&p, MOV_IMM(R0, 1));
	prog_emit(&p, EXIT());
	insns = prog_finish(&p, &n, NULL, 0);
	check("callback", n == 6 && insns[0].imm == 3 && insns[4].imm == 1, "n %u imm %d", n,
	      insns[0].imm);
	arena_free(&a);
	return check_failures != 0;
}
