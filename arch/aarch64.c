// SPDX-License-Identifier: GPL-2.0
/*
 * aarch64, AAPCS64: arguments in x0-x7, result in x0, frame pointer x29,
 * link register x30. The kernel's pt_regs starts with user_pt_regs; its
 * orig_x0 keeps a syscall's first argument once x0 holds the result.
 */
#include <stddef.h>

#include <elf.h>

#include "arch/arch.h"

#define REGS(R) \
	R(x0, 0) R(x1, 1) R(x2, 2) R(x3, 3) R(x4, 4) R(x5, 5) R(x6, 6) R(x7, 7) R(x8, 8) \
	R(x9, 9) R(x10, 10) R(x11, 11) R(x12, 12) R(x13, 13) R(x14, 14) R(x15, 15) \
	R(x16, 16) R(x17, 17) R(x18, 18) R(x19, 19) R(x20, 20) R(x21, 21) R(x22, 22) \
	R(x23, 23) R(x24, 24) R(x25, 25) R(x26, 26) R(x27, 27) R(x28, 28) R(x29, 29) \
	R(x30, 30) R(fp, 29) R(lr, 30) R(sp, 31) R(pc, 32) R(pstate, 33) R(orig_x0, 34) \
	R(syscallno, 35)

ARCH_SLOTS(slots, REGS);
static const char *const args[] = { "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7" };

const struct arch arch_aarch64 = {
	.name = "aarch64", .elf_machine = EM_AARCH64, .is64 = true, .reg_size = 8,
	ARCH_REGS(REGS, slots), ARCH_ARGS(args), .stack_args = 0, .ret = "x0", .pc = "pc",
	.sp = "sp",
};

#if defined(__aarch64__)
#include <asm/ptrace.h>
_Static_assert(offsetof(struct user_pt_regs, regs[30]) == 30 * 8, "pt_regs layout");
_Static_assert(offsetof(struct user_pt_regs, sp) == 31 * 8, "pt_regs layout");
_Static_assert(offsetof(struct user_pt_regs, pc) == 32 * 8, "pt_regs layout");
#endif
