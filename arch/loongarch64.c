// SPDX-License-Identifier: GPL-2.0
/*
 * loongarch64: arguments in a0-a7 (r4-r11), result in a0, stack pointer r3,
 * frame pointer r22. pt_regs is regs[32], orig_a0, then the CSRs.
 */
#include <stddef.h>

#include <elf.h>

#include "arch/arch.h"

#ifndef EM_LOONGARCH
#define EM_LOONGARCH 258
#endif

#define REGS(R) \
	ARCH_R0_TO_R31(R, 0) R(zero, 0) R(ra, 1) R(tp, 2) R(sp, 3) R(a0, 4) R(a1, 5) \
	R(a2, 6) R(a3, 7) R(a4, 8) R(a5, 9) R(a6, 10) R(a7, 11) R(t0, 12) R(t1, 13) R(t2, 14) \
	R(t3, 15) R(t4, 16) R(t5, 17) R(t6, 18) R(t7, 19) R(t8, 20) R(u0, 21) R(fp, 22) \
	R(s0, 23) R(s1, 24) R(s2, 25) R(s3, 26) R(s4, 27) R(s5, 28) R(s6, 29) R(s7, 30) \
	R(s8, 31) R(orig_a0, 32) R(csr_era, 33) R(csr_badvaddr, 34) R(csr_crmd, 35) \
	R(csr_prmd, 36) R(csr_euen, 37) R(csr_ecfg, 38) R(csr_estat, 39)

ARCH_SLOTS(slots, REGS);
static const char *const args[] = { "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7" };

const struct arch arch_loongarch64 = {
	.name = "loongarch64", .elf_machine = EM_LOONGARCH, .is64 = true, .reg_size = 8,
	ARCH_REGS(REGS, slots), ARCH_ARGS(args), .stack_args = 0, .ret = "a0",
	.pc = "csr_era", .sp = "sp",
	/* The legacy probe_read helpers came in 6.5, and in 6.1's stable releases. */
	.probe_read_any_since = KERNEL_VERSION(6, 1),
};

#if defined(__loongarch__)
#include <asm/ptrace.h>
_Static_assert(offsetof(struct user_pt_regs, orig_a0) == 32 * 8, "pt_regs layout");
_Static_assert(offsetof(struct user_pt_regs, csr_era) == 33 * 8, "pt_regs layout");
#endif
