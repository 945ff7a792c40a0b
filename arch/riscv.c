// SPDX-License-Identifier: GPL-2.0
/*
 * riscv64 and riscv32: arguments in a0-a7, result in a0, frame pointer s0.
 * pt_regs is user_regs_struct (pc, then x1-x31 by ABI name), then status,
 * badaddr, cause and orig_a0; registers are as wide as the machine's word.
 */
#include <stddef.h>

#include <elf.h>

#include "arch/arch.h"

#define REGS(R) \
	R(pc, 0) R(ra, 1) R(sp, 2) R(gp, 3) R(tp, 4) R(t0, 5) R(t1, 6) R(t2, 7) R(s0, 8) \
	R(fp, 8) R(s1, 9) R(a0, 10) R(a1, 11) R(a2, 12) R(a3, 13) R(a4, 14) R(a5, 15) \
	R(a6, 16) R(a7, 17) R(s2, 18) R(s3, 19) R(s4, 20) R(s5, 21) R(s6, 22) R(s7, 23) \
	R(s8, 24) R(s9, 25) R(s10, 26) R(s11, 27) R(t3, 28) R(t4, 29) R(t5, 30) R(t6, 31) \
	R(status, 32) R(badaddr, 33) R(cause, 34) R(orig_a0, 35)

ARCH_SLOTS(slots, REGS);
static const char *const args[] = { "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7" };

#define RISCV(nm, bits) {							\
	.name = nm, .elf_machine = EM_RISCV, .is64 = bits == 64, .reg_size = bits / 8,	\
	ARCH_REGS(REGS, slots), ARCH_ARGS(args), .stack_args = 0, .ret = "a0", .pc = "pc",	\
	.sp = "sp", .probe_read_any_since = ARCH_NEVER,					\
}

const struct arch arch_riscv64 = RISCV("riscv64", 64);
const struct arch arch_riscv32 = RISCV("riscv32", 32);

#if defined(__riscv)
#include <asm/ptrace.h>
_Static_assert(offsetof(struct user_regs_struct, a0) == 10 * sizeof(long), "pt_regs layout");
_Static_assert(offsetof(struct user_regs_struct, t6) == 31 * sizeof(long), "pt_regs layout");
#endif
