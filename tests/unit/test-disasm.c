// SPDX-License-Identifier: GPL-2.0
/* Instruction builders and the disassembler, in the verifier's notation. */
#include <stdlib.h>

#include "bpf/abi.h"
#include "bpf/disasm.h"
#include "check.h"

static const char *map_name(const void *ctx, unsigned pc, const struct bpf_insn *insn)
{
	(void)ctx, (void)pc;
	return insn->src_reg == BPF_PSEUDO_MAP_FD && insn->imm == 3 ? "map[@counts]" : NULL;
}

static const char *dis(const struct bpf_insn *insns, int pc)
{
	static char out[256];
	FILE *f = fmemopen(out, sizeof(out), "w");
	int n = disasm_insn(f, insns, pc, map_name, NULL);

	fprintf(f, "[%d]", n);
	fclose(f);
	return out;
}

#define ONE(name, insn, text) \
	do { struct bpf_insn i_[2] = { insn }; check_str(name, dis(i_, 10), text); } while (0)

int main(void)
{
	struct bpf_insn imm64[] = { LD_IMM64_LO(R1, 0, 0x123456789aULL), LD_IMM64_HI(0x123456789aULL) };
	struct bpf_insn map[] = { LD_IMM64_LO(R2, BPF_PSEUDO_MAP_FD, 3), LD_IMM64_HI(0) };
	struct bpf_insn enc = ALU_IMM(BPF_ADD, R3, -8);

	check("encoding", enc.code == (BPF_ALU64 | BPF_ADD | BPF_K) && enc.dst_reg == 3 &&
	      enc.src_reg == 0 && enc.imm == -8, "code 0x%02x", enc.code);
	ONE("mov-reg", MOV_REG(R6, R1), "r6 = r1\n[1]");
	ONE("mov32", MOV32_IMM(R3, -1), "w3 = -1\n[1]");
	ONE("mov32-reg", MOV32_REG(R0, R0), "w0 = w0\n[1]");
	ONE("alu-imm", ALU_IMM(BPF_ADD, R1, -16), "r1 += -16\n[1]");
	ONE("alu-reg", ALU_REG(BPF_SUB, R6, R7), "r6 -= r7\n[1]");
	ONE("arsh", ALU_IMM(BPF_ARSH, R2, 32), "r2 s>>= 32\n[1]");
	ONE("neg", NEG(R4), "r4 = -r4\n[1]");
	ONE("ldx", LDX(4, R0, R6, 24), "r0 = *(u32 *)(r6 +24)\n[1]");
	ONE("stx", STX(8, R10, -8, R7), "*(u64 *)(r10 -8) = r7\n[1]");
	ONE("st", ST(1, R10, -3, 0), "*(u8 *)(r10 -3) = 0\n[1]");
	ONE("jmp-imm", JMP_IMM(BPF_JNE, R0, 0, 5), "if r0 != 0 goto 16\n[1]");
	ONE("jmp-reg-signed", JMP_REG(BPF_JSGE, R8, R7, 2), "if r8 s>= r7 goto 13\n[1]");
	ONE("ja", JA(0), "goto 11\n[1]");
	ONE("call", CALL(HELPER_GET_CURRENT_COMM), "call get_current_comm\n[1]");
	ONE("call-unknown", CALL(9999), "call helper#9999\n[1]");
	ONE("exit", EXIT(), "exit\n[1]");
	check_str("ld-imm64", dis(imm64, 0), "r1 = 0x123456789a ll\n[2]");
	check_str("ld-map", dis(map, 0), "r2 = map[@counts] ll\n[2]");
	return check_failures != 0;
}
