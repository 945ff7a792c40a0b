/* SPDX-License-Identifier: GPL-2.0 */
/* eBPF instruction builders: opcodes composed from class, size/source and operation. */
#ifndef SONDE_BPF_INSN_H
#define SONDE_BPF_INSN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/bpf.h>

enum {
	R0 = BPF_REG_0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10,
};

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })

/* dst op= src / dst op= imm, 64-bit */
#define ALU_REG(op, dst, src)	INSN(BPF_ALU64 | BPF_OP(op) | BPF_X, dst, src, 0, 0)
#define ALU_IMM(op, dst, imm)	INSN(BPF_ALU64 | BPF_OP(op) | BPF_K, dst, 0, 0, imm)
/* 32-bit forms zero the upper half of dst */
#define ALU32_REG(op, dst, src)	INSN(BPF_ALU | BPF_OP(op) | BPF_X, dst, src, 0, 0)
#define ALU32_IMM(op, dst, imm)	INSN(BPF_ALU | BPF_OP(op) | BPF_K, dst, 0, 0, imm)
#define MOV_REG(dst, src)	ALU_REG(BPF_MOV, dst, src)
#define MOV_IMM(dst, imm)	ALU_IMM(BPF_MOV, dst, imm)
#define MOV32_IMM(dst, imm)	ALU32_IMM(BPF_MOV, dst, imm)
#define MOV32_REG(dst, src)	ALU32_REG(BPF_MOV, dst, src)
#define NEG(dst)		INSN(BPF_ALU64 | BPF_NEG, dst, 0, 0, 0)

/* Byte sizes to the size field of loads and stores. */
static inline int bpf_size(unsigned bytes)
{
	return bytes == 1 ? BPF_B : bytes == 2 ? BPF_H : bytes == 4 ? BPF_W : BPF_DW;
}

/* dst = *(size *)(src + off) */
#define LDX(bytes, dst, src, off)	INSN(BPF_LDX | BPF_MEM | bpf_size(bytes), dst, src, off, 0)
/* *(size *)(dst + off) = src */
#define STX(bytes, dst, off, src)	INSN(BPF_STX | BPF_MEM | bpf_size(bytes), dst, src, off, 0)
/* *(size *)(dst + off) = imm */
#define ST(bytes, dst, off, imm)	INSN(BPF_ST | BPF_MEM | bpf_size(bytes), dst, 0, off, imm)
/* *(size *)(dst + off) += src, atomically: BPF_XADD, which every release has */
#define XADD(bytes, dst, off, src)	INSN(BPF_STX | BPF_XADD | bpf_size(bytes), dst, src, off, BPF_ADD)

/* The two halves of a 64-bit immediate load; src is BPF_PSEUDO_MAP_FD for maps. */
#define LD_IMM64_LO(dst, src, imm)	INSN(BPF_LD | BPF_DW | BPF_IMM, dst, src, 0, (int32_t)(imm))
#define LD_IMM64_HI(imm)		INSN(0, 0, 0, 0, (int32_t)((uint64_t)(imm) >> 32))

/* if (dst op src/imm) goto pc + 1 + off */
#define JMP_REG(op, dst, src, off)	INSN(BPF_JMP | BPF_OP(op) | BPF_X, dst, src, off, 0)
#define JMP_IMM(op, dst, imm, off)	INSN(BPF_JMP | BPF_OP(op) | BPF_K, dst, 0, off, imm)
#define JA(off)				INSN(BPF_JMP | BPF_JA, 0, 0, off, 0)
#define CALL(helper)			INSN(BPF_JMP | BPF_CALL, 0, 0, 0, helper)
#define EXIT()				INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

static inline bool insn_is_ld_imm64(const struct bpf_insn *i)
{
	return i->code == (BPF_LD | BPF_DW | BPF_IMM);
}

#ifndef BPF_PSEUDO_FUNC
#define BPF_PSEUDO_FUNC 4
#endif

/* A 64-bit load of a function's address: imm is its offset, as a jump's. */
static inline bool insn_is_func_addr(const struct bpf_insn *i)
{
	return insn_is_ld_imm64(i) && i->src_reg == BPF_PSEUDO_FUNC;
}

/* A jump with an offset: not a call, not exit. */
static inline bool insn_is_jump(const struct bpf_insn *i)
{
	unsigned cls = BPF_CLASS(i->code), op = BPF_OP(i->code);

	return (cls == BPF_JMP || cls == BPF_JMP32) && op != BPF_CALL && op != BPF_EXIT;
}

#endif
