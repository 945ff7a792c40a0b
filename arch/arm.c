// SPDX-License-Identifier: GPL-2.0
/*
 * 32-bit arm, AAPCS: only r0-r3 carry arguments; the fifth and later are
 * on the stack. The kernel's pt_regs is uregs[18]: r0-r15, cpsr, orig_r0.
 * Syscalls pass up to seven arguments in r0-r6. An arm64 kernel keeps an
 * arm task's r0-r14 in x0-x14, its pc and cpsr in pc and pstate, orig_r0
 * in orig_x0.
 */
#include <stddef.h>

#include <elf.h>

#include "arch/arch.h"

#define REGS(R) \
	R(r0, 0) R(r1, 1) R(r2, 2) R(r3, 3) R(r4, 4) R(r5, 5) R(r6, 6) R(r7, 7) R(r8, 8) \
	R(r9, 9) R(r10, 10) R(fp, 11) R(ip, 12) R(sp, 13) R(lr, 14) R(pc, 15) R(cpsr, 16) \
	R(orig_r0, 17) R(r11, 11) R(r12, 12) R(r13, 13) R(r14, 14) R(r15, 15)

static const char *const args[] = { "r0", "r1", "r2", "r3" };

/* The same names in the same order: the compiler keeps one copy of them. */
#define ON_AARCH64_REGS(R) \
	R(r0, 0) R(r1, 1) R(r2, 2) R(r3, 3) R(r4, 4) R(r5, 5) R(r6, 6) R(r7, 7) R(r8, 8) \
	R(r9, 9) R(r10, 10) R(fp, 11) R(ip, 12) R(sp, 13) R(lr, 14) R(pc, 32) R(cpsr, 33) \
	R(orig_r0, 34) R(r11, 11) R(r12, 12) R(r13, 13) R(r14, 14) R(r15, 32)

ARCH_SLOTS(slots, REGS);
ARCH_SLOTS(on_aarch64_slots, ON_AARCH64_REGS);

const struct arch arch_arm_on_aarch64 = {
	.name = "arm@aarch64", .elf_machine = EM_ARM, .reg_size = 4,
	ARCH_REGS(ON_AARCH64_REGS, on_aarch64_slots), ARCH_ARGS(args), .stack_args = 0,
	.ret = "r0", .pc = "pc", .sp = "sp",
	.kernel = &arch_aarch64,
};

const struct arch arch_arm = {
	.name = "arm", .elf_machine = EM_ARM, .reg_size = 4,
	ARCH_REGS(REGS, slots), ARCH_ARGS(args), .stack_args = 0, .ret = "r0", .pc = "pc",
	.sp = "sp",
	.jit_refuses_xadd = true, .jit_refuses_div64 = true,
};

#if defined(__arm__)
#include <asm/ptrace.h>
_Static_assert(sizeof(struct pt_regs) == 18 * 4, "pt_regs layout");
#endif
