// SPDX-License-Identifier: GPL-2.0
/*
 * riscv64 and riscv32: arguments in a0-a7, result in a0, frame pointer s0.
 * pt_regs is user_regs_struct (pc, then x1-x31 by ABI name), then status,
 * badaddr, cause and orig_a0; registers are as wide as the machine's word.
 */
#include <stddef.h>

#include <elf.h>

#include "arch/arch.h"

#define RISCV_REGS(W) {							\
	{ "pc", 0 * W }, { "ra", 1 * W }, { "sp", 2 * W }, { "gp", 3 * W },		\
	{ "tp", 4 * W }, { "t0", 5 * W }, { "t1", 6 * W }, { "t2", 7 * W },		\
	{ "s0", 8 * W }, { "fp", 8 * W }, { "s1", 9 * W }, { "a0", 10 * W },		\
	{ "a1", 11 * W }, { "a2", 12 * W }, { "a3", 13 * W }, { "a4", 14 * W },		\
	{ "a5", 15 * W }, { "a6", 16 * W }, { "a7", 17 * W }, { "s2", 18 * W },		\
	{ "s3", 19 * W }, { "s4", 20 * W }, { "s5", 21 * W }, { "s6", 22 * W },		\
	{ "s7", 23 * W }, { "s8", 24 * W }, { "s9", 25 * W }, { "s10", 26 * W },	\
	{ "s11", 27 * W }, { "t3", 28 * W }, { "t4", 29 * W }, { "t5", 30 * W },	\
	{ "t6", 31 * W }, { "status", 32 * W }, { "badaddr", 33 * W },			\
	{ "cause", 34 * W }, { "orig_a0", 35 * W },					\
}

static const struct arch_reg regs64[] = RISCV_REGS(8), regs32[] = RISCV_REGS(4);
static const char *const args[] = { "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7" };
static const char *const syscall_args[] = { "a0", "a1", "a2", "a3", "a4", "a5" };

#define RISCV(nm, bits, table) {						\
	.name = nm, .elf_machine = EM_RISCV, .is64 = bits == 64, .reg_size = bits / 8,	\
	ARCH_REGS(table), ARCH_ARGS(args), .stack_args = 0,				\
	ARCH_SYSCALL_ARGS(syscall_args), .ret = "a0", .pc = "pc", .sp = "sp", .fp = "s0",	\
	.probe_read_any_since = ARCH_NEVER,						\
}

const struct arch arch_riscv64 = RISCV("riscv64", 64, regs64);
const struct arch arch_riscv32 = RISCV("riscv32", 32, regs32);

#if defined(__riscv)
#include <asm/ptrace.h>
_Static_assert(offsetof(struct user_regs_struct, a0) == 10 * sizeof(long), "pt_regs layout");
_Static_assert(offsetof(struct user_regs_struct, t6) == 31 * sizeof(long), "pt_regs layout");
#endif
