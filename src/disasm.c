// SPDX-License-Identifier: GPL-2.0
/* Disassembler in the kernel verifier's notation, shared by -S and the tests. */
#include <inttypes.h>

#include "compat.h"
#include "insn.h"
#include "sonde.h"

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

/* The helpers sonde calls, by their UAPI numbers. */
static const struct {
	int id;
	const char *name;
} helpers[] = {
	{ HELPER_MAP_LOOKUP_ELEM, "map_lookup_elem" },
	{ HELPER_MAP_UPDATE_ELEM, "map_update_elem" },
	{ HELPER_MAP_DELETE_ELEM, "map_delete_elem" },
	{ HELPER_PROBE_READ, "probe_read" },
	{ HELPER_KTIME_GET_NS, "ktime_get_ns" },
	{ HELPER_GET_SMP_PROCESSOR_ID, "get_smp_processor_id" },
	{ HELPER_GET_CURRENT_PID_TGID, "get_current_pid_tgid" },
	{ HELPER_GET_CURRENT_UID_GID, "get_current_uid_gid" },
	{ HELPER_GET_CURRENT_COMM, "get_current_comm" },
	{ HELPER_PERF_EVENT_OUTPUT, "perf_event_output" },
	{ HELPER_GET_STACKID, "get_stackid" },
	{ HELPER_PROBE_READ_STR, "probe_read_str" },
	{ HELPER_PROBE_READ_USER, "probe_read_user" },
	{ HELPER_PROBE_READ_KERNEL, "probe_read_kernel" },
	{ HELPER_PROBE_READ_USER_STR, "probe_read_user_str" },
	{ HELPER_PROBE_READ_KERNEL_STR, "probe_read_kernel_str" },
	{ HELPER_KTIME_GET_BOOT_NS, "ktime_get_boot_ns" },
	{ HELPER_GET_FUNC_IP, "get_func_ip" },
};

const char *disasm_helper(int id)
{
	static char unknown[24];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(helpers); i++)
		if (helpers[i].id == id)
			return helpers[i].name;
	snprintf(unknown, sizeof(unknown), "helper#%d", id);
	return unknown;
}

int disasm_insn(FILE *out, const struct bpf_insn *i, int pc,
		const char *(*map_name)(const void *ctx, int id), const void *ctx)
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

			if (i->src_reg == BPF_PSEUDO_MAP_FD && map_name)
				fprintf(out, "r%d = map[%s] ll\n", i->dst_reg, map_name(ctx, i->imm));
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
			fprintf(out, "goto %d\n", pc + 1 + i->off);
			return 1;
		}
		if (!jmp_ops[op])
			break;
		if (BPF_SRC(i->code) == BPF_X)
			fprintf(out, "if %c%d %s %c%d goto %d\n", cls == BPF_JMP ? 'r' : 'w',
				i->dst_reg, jmp_ops[op], cls == BPF_JMP ? 'r' : 'w', i->src_reg,
				pc + 1 + i->off);
		else
			fprintf(out, "if %c%d %s %d goto %d\n", cls == BPF_JMP ? 'r' : 'w',
				i->dst_reg, jmp_ops[op], i->imm, pc + 1 + i->off);
		return 1;
	}
	fprintf(out, "(bad opcode 0x%02x)\n", i->code);
	return 1;
}

static const char *probe_map_name(const void *ctx, int id)
{
	const struct sonde *s = ctx;
	const struct map *m;

	for (m = s->maps; m; m = m->next)
		if ((int)m->id == id)
			return m->name;
	return "?";
}

void disasm_probe(const struct sonde *s, const struct probe *p, FILE *out)
{
	unsigned pc;

	fprintf(out, "%s: %u instructions\n", p->spec, p->ninsns);
	for (pc = 0; pc < p->ninsns;) {
		fprintf(out, "%4u: ", pc);
		pc += disasm_insn(out, &p->insns[pc], pc, probe_map_name, s);
	}
	fputc('\n', out);
}
