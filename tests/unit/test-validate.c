// SPDX-License-Identifier: GPL-2.0
/* The validator: broken programs and the exact message for each. */
#include "base/common.h"
#include "bpf/abi.h"
#include "bpf/validate.h"
#include "check.h"

static char msg[256];

static const char *validate(const struct bpf_insn *insns, unsigned n)
{
	return bpf_validate(insns, n, msg, sizeof(msg)) ? "ok" : msg;
}

#define CASE(name, want, ...) do {						\
	const struct bpf_insn p_[] = { __VA_ARGS__ };				\
	check_str(name, validate(p_, ARRAY_SIZE(p_)), want);			\
} while (0)

int main(void)
{
	CASE("sound", "ok",
	     MOV_REG(R6, R1), ST(8, R10, -8, 0), LD_IMM64_LO(R1, BPF_PSEUDO_MAP_FD, 0),
	     LD_IMM64_HI(0), MOV_REG(R2, R10), ALU_IMM(BPF_ADD, R2, -8),
	     CALL(HELPER_MAP_LOOKUP_ELEM), JMP_IMM(BPF_JEQ, R0, 0, 1),
	     LDX(8, R0, R0, 0), EXIT());
	check_str("empty", bpf_validate(NULL, 0, msg, sizeof(msg)) ? "ok" : msg,
		  "the program is empty");
	CASE("jump-out-of-range", "instruction 0: jump to 6, outside the program (2 instructions)",
	     JA(5), EXIT());
	CASE("jump-backward-out", "instruction 1: jump to -1, outside the program (3 instructions)",
	     MOV_IMM(R0, 0), JMP_IMM(BPF_JEQ, R0, 0, -3), EXIT());
	CASE("jump-into-ld-imm64",
	     "instruction 0: jump to 2, into the middle of the 64-bit load at 1",
	     JMP_IMM(BPF_JEQ, R1, 0, 1), LD_IMM64_LO(R0, 0, 1), LD_IMM64_HI(1), EXIT());
	CASE("ld-imm64-cut-short", "instruction 1: the 64-bit load has no second half",
	     MOV_IMM(R0, 0), LD_IMM64_LO(R0, 0, 1));
	CASE("no-exit", "instruction 0: the program ends without an exit", MOV_IMM(R0, 0));
	CASE("ends-in-conditional-jump", "instruction 1: the program ends without an exit",
	     MOV_IMM(R0, 0), JMP_IMM(BPF_JEQ, R0, 0, -2));
	CASE("stack-overflow",
	     "instruction 0: stack access at r10 -520 (8 bytes) is outside the 512-byte stack",
	     ST(8, R10, -520, 0), MOV_IMM(R0, 0), EXIT());
	CASE("stack-above-frame",
	     "instruction 0: stack access at r10 -4 (8 bytes) is outside the 512-byte stack",
	     STX(8, R10, -4, R1), MOV_IMM(R0, 0), EXIT());
	CASE("stack-through-copy",
	     "instruction 2: stack access at r10 -600 (1 byte) is outside the 512-byte stack",
	     MOV_REG(R2, R10), ALU_IMM(BPF_ADD, R2, -600), ST(1, R2, 0, 0), MOV_IMM(R0, 0),
	     EXIT());
	CASE("unset-register", "instruction 0: r3 is read before it is written",
	     MOV_REG(R0, R3), EXIT());
	CASE("unset-on-one-path", "instruction 2: r2 is read before it is written",
	     JMP_IMM(BPF_JEQ, R1, 0, 1), MOV_IMM(R2, 1), MOV_REG(R0, R2), EXIT());
	CASE("clobbered-by-call", "instruction 1: r1 is read before it is written",
	     CALL(HELPER_GET_SMP_PROCESSOR_ID), MOV_REG(R0, R1), EXIT());
	CASE("helper-argument-unset", "instruction 2: r2 is read before it is written",
	     LD_IMM64_LO(R1, BPF_PSEUDO_MAP_FD, 0), LD_IMM64_HI(0),
	     CALL(HELPER_MAP_LOOKUP_ELEM), EXIT());
	CASE("exit-without-r0", "instruction 0: r0 is read before it is written", EXIT());
	CASE("frame-pointer-written", "instruction 0: r10, the frame pointer, is read-only",
	     MOV_IMM(R10, 0), MOV_IMM(R0, 0), EXIT());
	CASE("unreachable", "instruction 2: no path reaches it",
	     MOV_IMM(R0, 0), EXIT(), MOV_IMM(R0, 1), EXIT());
	CASE("division-by-zero", "instruction 1: division by zero",
	     MOV_IMM(R0, 7), ALU_IMM(BPF_DIV, R0, 0), EXIT());
	CASE("shift-too-far", "instruction 1: shift by 64",
	     MOV_IMM(R0, 7), ALU_IMM(BPF_LSH, R0, 64), EXIT());
	CASE("unknown-helper", "instruction 0: call of unknown helper 9999", CALL(9999), EXIT());
	CASE("loop", "ok",
	     MOV_IMM(R0, 10), ALU_IMM(BPF_SUB, R0, 1), JMP_IMM(BPF_JNE, R0, 0, -2), EXIT());
	return check_failures != 0;
}
