// SPDX-License-Identifier: GPL-2.0
/*
 * powerpc and powerpc64: arguments in r3-r10, result in r3, stack pointer
 * r1; there is no dedicated frame pointer (r31 by convention). Later
 * arguments sit in the caller's parameter save area: sp + 96 on ELFv2
 * (ppc64le), sp + 112 on ELFv1 (big-endian ppc64), sp + 8 on 32-bit.
 * Syscalls keep their first argument in orig_gpr3.
 */
#include <stddef.h>

#include <elf.h>

#include "arch/arch.h"

#define REGS(R) \
	ARCH_R0_TO_R31(R, 0) R(sp, 1) R(nip, 32) R(msr, 33) R(orig_gpr3, 34) R(ctr, 35) \
	R(link, 36) R(lr, 36) R(xer, 37) R(ccr, 38) R(softe, 39) R(trap, 40) R(dar, 41) \
	R(dsisr, 42) R(result, 43)

ARCH_SLOTS(slots, REGS);
static const char *const args[] = { "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10" };

/* The legacy probe_read helpers came back in Linux 5.8. */
#define POWERPC(nm, machine, bits, be, save_area) {				\
	.name = nm, .elf_machine = machine, .is64 = bits == 64, .big_endian = be,	\
	.reg_size = bits / 8, ARCH_REGS(REGS, slots), ARCH_ARGS(args), .stack_args = save_area,	\
	.ret = "r3", .pc = "nip", .sp = "r1", .probe_read_any_since = KERNEL_VERSION(5, 8),	\
}

const struct arch arch_powerpc64le = POWERPC("powerpc64le", EM_PPC64, 64, false, 96);
const struct arch arch_powerpc64 = POWERPC("powerpc64", EM_PPC64, 64, true, 112);
const struct arch arch_powerpc = POWERPC("powerpc", EM_PPC, 32, true, 8);

#if defined(__powerpc__)
#include <asm/ptrace.h>
_Static_assert(offsetof(struct pt_regs, nip) == 32 * sizeof(long), "pt_regs layout");
_Static_assert(offsetof(struct pt_regs, link) == 36 * sizeof(long), "pt_regs layout");
_Static_assert(offsetof(struct pt_regs, result) == 43 * sizeof(long), "pt_regs layout");
#endif
