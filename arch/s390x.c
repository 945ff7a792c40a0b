// SPDX-License-Identifier: GPL-2.0
/*
 * s390x, big-endian: arguments in r2-r6, then the caller's parameter area
 * at sp + 160; result in r2, stack pointer r15, return address r14, frame
 * pointer r11. pt_regs starts with user_pt_regs: one word, the PSW (mask
 * and address, the pc), r0-r15; then orig_gpr2, which keeps a syscall's
 * first argument once r2 holds the result. User and kernel addresses
 * overlap: the legacy probe_read helpers are gone since Linux 5.5.
 */
#include <stddef.h>

#include <elf.h>

#include "arch/arch.h"

#define REGS(R) \
	R(psw_mask, 1) R(psw_addr, 2) R(r0, 3) R(r1, 4) R(r2, 5) R(r3, 6) R(r4, 7) R(r5, 8) \
	R(r6, 9) R(r7, 10) R(r8, 11) R(r9, 12) R(r10, 13) R(r11, 14) R(r12, 15) R(r13, 16) \
	R(r14, 17) R(r15, 18) R(orig_gpr2, 19)

ARCH_SLOTS(slots, REGS);
static const char *const args[] = { "r2", "r3", "r4", "r5", "r6" };

const struct arch arch_s390x = {
	.name = "s390x", .elf_machine = EM_S390, .is64 = true, .big_endian = true,
	.reg_size = 8, ARCH_REGS(REGS, slots), ARCH_ARGS(args), .stack_args = 160,
	.ret = "r2", .pc = "psw_addr", .sp = "r15", .probe_read_any_since = ARCH_NEVER,
};

#if defined(__s390x__)
#include <asm/ptrace.h>
_Static_assert(offsetof(user_pt_regs, psw.addr) == 2 * 8, "pt_regs layout");
_Static_assert(offsetof(user_pt_regs, gprs[15]) == 18 * 8, "pt_regs layout");
#endif
