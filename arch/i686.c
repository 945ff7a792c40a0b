// SPDX-License-Identifier: GPL-2.0
/*
 * 32-bit x86 (i686). Programs pass every argument on the stack, above the
 * return address; the kernel is built with -mregparm=3, its functions take
 * the first three in eax, edx and ecx. Syscalls pass ebx, ecx, edx, esi,
 * edi, ebp. A 32-bit kernel's pt_regs is ptrace's user_regs_struct; on a
 * 64-bit kernel an i686 task's registers are in the 64-bit one (eax in
 * rax...), which has no ds, es, fs or gs.
 */
#include <stddef.h>

#include <elf.h>

#include "arch/arch.h"

#define REGS(R) \
	R(ebx, 0) R(ecx, 1) R(edx, 2) R(esi, 3) R(edi, 4) R(ebp, 5) R(eax, 6) R(xds, 7) \
	R(xes, 8) R(xfs, 9) R(xgs, 10) R(orig_eax, 11) R(eip, 12) R(xcs, 13) R(eflags, 14) \
	R(esp, 15) R(xss, 16)

#define ON_X86_64_REGS(R) \
	R(ebp, 4) R(ebx, 5) R(eax, 10) R(ecx, 11) R(edx, 12) R(esi, 13) R(edi, 14) \
	R(orig_eax, 15) R(eip, 16) R(xcs, 17) R(eflags, 18) R(esp, 19) R(xss, 20)

ARCH_SLOTS(slots, REGS);
ARCH_SLOTS(on_x86_64_slots, ON_X86_64_REGS);
static const char *const kernel_args[] = { "eax", "edx", "ecx" };

#define I686(nm, reg_list, slot_list, ...) {					\
	.name = nm, .elf_machine = EM_386, .reg_size = 4, ARCH_REGS(reg_list, slot_list),	\
	.stack_args = 4, .ret = "eax", .pc = "eip", .sp = "esp", .kprobe_skew = 1,	\
	__VA_ARGS__									\
}

const struct arch arch_i686_kernel = I686("i686", REGS, slots, ARCH_ARGS(kernel_args));
const struct arch arch_i686 = I686("i686", REGS, slots, .kernel = &arch_i686_kernel);
const struct arch arch_i686_on_x86_64 = I686("i686@x86_64", ON_X86_64_REGS, on_x86_64_slots,
					     .kernel = &arch_x86_64);

#if defined(__i386__)
#include <asm/ptrace.h>
_Static_assert(offsetof(struct pt_regs, eax) == 6 * 4, "pt_regs layout");
_Static_assert(offsetof(struct pt_regs, eip) == 12 * 4, "pt_regs layout");
_Static_assert(sizeof(struct pt_regs) == 17 * 4, "pt_regs layout");
#endif
