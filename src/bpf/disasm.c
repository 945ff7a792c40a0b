// SPDX-License-Identifier: GPL-2.0
/* Disassembler in the kernel verifier's notation, shared by -S and the tests. */
#include <inttypes.h>

#include "base/common.h"
#include "bpf/abi.h"
#include "bpf/disasm.h"

static const char *const alu_ops[16] = {
	[BPF_ADD >> 4] = "+=", [BPF_SUB >> 4] = "-=", [BPF_MUL >> 4] = "*=",
	[BPF_DIV >> 4] = "/=", [BPF_OR >> 4] = "|=", [BPF_AND >> 4] = "&=",
	[BPF_LSH >> 4] = "<<=", [BPF_RSH >> 4] = ">>=", [BPF_MOD >> 4] = "%=",
	[BPF_XOR >> 4] = "^=", [BPF_MOV >> 4] = "=", [BPF_ARSH >> 4] = "s>>=",
};

static const char *const jmp_ops[16] = {
	[BPF_JEQ >> 4] = "==", [BPF_JGT >> 4] = ">", [BPF_JGE >> 4] = ">=",
	[BPF_JSET >> 4] = "&", [BPF_JNE >> 4] = "!=", [BPF_JSGT >> 4] = "s>",
	[BPF_JSGE >> 4] = "s>=", [BPF_JLT >> 4] = "<", [BPF_JLE >> 4] = "<=",
	[BPF_JSLT >> 4] = "s<", [BPF_JSLE >> 4] = "s<=",
};

static const char *const size_names[4] = {
	[BPF_W >> 3] = "u32", [BPF_H >> 3] = "u16", [BPF_B >> 3] = "u8", [BPF_DW >> 3] = "u64",
};

const char *disasm_helper(int id)
{
	static char unknown[24];
	const struct helper_info *h = helper_info(id);

	if (h)
		return h->name;
	snprintf(unknown, sizeof(unknown), "helper#%d", id);
	return unknown;
}

int disasm_insn(FILE *out, const struct bpf_insn *i, unsigned pc, disasm_name_fn *name,
		const void *ctx)
{
	unsigned cls = BPF_CLASS(i->code), op = BPF_OP(i->code) >> 4;
	const char *size = size_names[BPF_SIZE(i->code) >> 3];

	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64: {
		char r = cls == BPF_ALU64 ? 'r' : 'w';

		if (BPF_OP(i->code) == BPF_NEG)
			fprintf(out, "%c%d = -%c%d\n", r, i->dst_reg, r, i->dst_reg);
		else if (BPF_OP(i->code) == BPF_END)
			fprintf(out, "r%d = %s%d r%d\n", i->dst_reg,
				BPF_SRC(i->code) == BPF_TO_BE ? "be" : "le", i->imm, i->dst_reg);
		else if (BPF_SRC(i->code) == BPF_X)
			fprintf(out, "%c%d %s %c%d\n", r, i->dst_reg, alu_ops[op], r, i->src_reg);
		else
			fprintf(out, "%c%d %s %d\n", r, i->dst_reg, alu_ops[op], i->imm);
		return 1;
	}
	case BPF_LDX:
		fprintf(out, "r%d = *(%s *)(r%d %+d)\n", i->dst_reg, size, i->src_reg, i->off);
		return 1;
	case BPF_STX:
		if (BPF_MODE(i->code) == BPF_ATOMIC)
			fprintf(out, "lock *(%s *)(r%d %+d) %s r%d\n", size, i->dst_reg, i->off,
				alu_ops[(i->imm & 0xf0) >> 4], i->src_reg);
		else
			fprintf(out, "*(%s *)(r%d %+d) = r%d\n", size, i->dst_reg, i->off, i->src_reg);
		return 1;
	case BPF_ST:
		fprintf(out, "*(%s *)(r%d %+d) = %d\n", size, i->dst_reg, i->off, i->imm);
		return 1;
	case BPF_LD:
		if (insn_is_ld_imm64(i)) {
			uint64_t v = (uint32_t)i->imm | (uint64_t)(uint32_t)i[1].imm << 32;
			const char *what = name ? name(ctx, pc, i) : NULL;

			if (what)
				fprintf(out, "r%d = %s ll\n", i->dst_reg, what);
			else if (i->src_reg == BPF_PSEUDO_MAP_FD)
				fprintf(out, "r%d = map[fd:%d] ll\n", i->dst_reg, i->imm);
			else
				fprintf(out, "r%d = 0x%" PRIx64 " ll\n", i->dst_reg, v);
			return 2;
		}
		break;
	case BPF_JMP:
	case BPF_JMP32:
		if (BPF_OP(i->code) == BPF_CALL) {
			fprintf(out, "call %s\n", disasm_helper(i->imm));
			return 1;
		}
		if (BPF_OP(i->code) == BPF_EXIT) {
			fprintf(out, "exit\n");
			return 1;
		}
		if (BPF_OP(i->code) == BPF_JA) {
			fprintf(out, "goto %d\n", (int)pc + 1 + i->off);
			return 1;
		}
		if (!jmp_ops[op])
			break;
		if (BPF_SRC(i->code) == BPF_X)
			fprintf(out, "if %c%d %s %c%d goto %d\n", cls == BPF_JMP ? 'r' : 'w',
				i->dst_reg, jmp_ops[op], cls == BPF_JMP ? 'r' : 'w', i->src_reg,
				(int)pc + 1 + i->off);
		else
			fprintf(out, "if %c%d %s %d goto %d\n", cls == BPF_JMP ? 'r' : 'w',
				i->dst_reg, jmp_ops[op], i->imm, (int)pc + 1 + i->off);
		return 1;
	}
	fprintf(out, "(bad opcode 0x%02x)\n", i->code);
	return 1;
}
