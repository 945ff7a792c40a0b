// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64, System V ABI: arguments in rdi, rsi, rdx, rcx, r8, r9, then on the
 * stack above the return address. Syscalls pass the 4th argument in r10,
 * not rcx (the syscall instruction clobbers rcx).
 */
#include <stddef.h>

#include <elf.h>

#include "arch/arch.h"

#define REGS(R) \
	R(r15, 0) R(r14, 1) R(r13, 2) R(r12, 3) R(rbp, 4) R(rbx, 5) R(r11, 6) R(r10, 7) \
	R(r9, 8) R(r8, 9) R(rax, 10) R(rcx, 11) R(rdx, 12) R(rsi, 13) R(rdi, 14) \
	R(orig_rax, 15) R(rip, 16) R(cs, 17) R(eflags, 18) R(rsp, 19) R(ss, 20)

ARCH_SLOTS(slots, REGS);
static const char *const args[] = { "rdi", "rsi", "rdx", "rcx", "r8", "r9" };

const struct arch arch_x86_64 = {
	.name = "x86_64", .elf_machine = EM_X86_64, .is64 = true, .reg_size = 8,
	ARCH_REGS(REGS, slots), ARCH_ARGS(args), .stack_args = 8, .ret = "rax",
	.pc = "rip", .sp = "rsp",
	.kprobe_skew = 1,	/* the int3, or ftrace's imitation of it, has run */
	.entry_marker = 4,
};

#if defined(__x86_64__)
#include <asm/ptrace.h>
_Static_assert(offsetof(struct pt_regs, rdi) == 14 * 8, "pt_regs layout");
_Static_assert(offsetof(struct pt_regs, rip) == 16 * 8, "pt_regs layout");
_Static_assert(offsetof(struct pt_regs, ss) == 20 * 8, "pt_regs layout");
#endif
