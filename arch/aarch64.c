// SPDX-License-Identifier: GPL-2.0
/*
 * aarch64, AAPCS64: arguments in x0-x7, result in x0, frame pointer x29,
 * link register x30. The kernel's pt_regs starts with user_pt_regs; its
 * orig_x0 keeps a syscall's first argument once x0 holds the result.
 */
#include <stddef.h>

#include <elf.h>

#include "arch/arch.h"

#define X(n) { "x" #n, (n) * 8 }

static const struct arch_reg regs[] = {
	X(0), X(1), X(2), X(3), X(4), X(5), X(6), X(7), X(8), X(9), X(10), X(11), X(12),
	X(13), X(14), X(15), X(16), X(17), X(18), X(19), X(20), X(21), X(22), X(23), X(24),
	X(25), X(26), X(27), X(28), X(29), X(30),
	{ "fp", 29 * 8 }, { "lr", 30 * 8 }, { "sp", 31 * 8 }, { "pc", 32 * 8 },
	{ "pstate", 33 * 8 }, { "orig_x0", 34 * 8 }, { "syscallno", 35 * 8 },
};
static const char *const args[] = { "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7" };
static const char *const syscall_args[] = { "orig_x0", "x1", "x2", "x3", "x4", "x5" };

const struct arch arch_aarch64 = {
	.name = "aarch64", .elf_machine = EM_AARCH64, .is64 = true, .reg_size = 8,
	ARCH_REGS(regs), ARCH_ARGS(args), .stack_args = 0, ARCH_SYSCALL_ARGS(syscall_args),
	.ret = "x0", .pc = "pc", .sp = "sp", .fp = "x29",
};

#if defined(__aarch64__)
#include <asm/ptrace.h>
_Static_assert(offsetof(struct user_pt_regs, regs[30]) == 30 * 8, "pt_regs layout");
_Static_assert(offsetof(struct user_pt_regs, sp) == 31 * 8, "pt_regs layout");
_Static_assert(offsetof(struct user_pt_regs, pc) == 32 * 8, "pt_regs layout");
#endif
