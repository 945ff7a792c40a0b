// SPDX-License-Identifier: GPL-2.0
/*
 * mips64 (n64) and mips (o32). n64 passes arguments in a0-a7 (r4-r11); o32
 * only in a0-a3, the rest on the stack past the 16 bytes reserved for
 * them. Result in v0 (r2), stack pointer r29, frame pointer r30. A 32-bit
 * kernel's pt_regs begins with eight words of padding. The UAPI header's
 * struct pt_regs is ptrace's layout, not the kernel's: nothing to check it
 * against.
 */
#include <elf.h>

#include "arch.h"

/* gcc predefines __mips_n64 for the n64 ABI; o32 otherwise. */
#ifdef __mips_n64
#define N64 1
#else
#define N64 0
#endif
#define PAD (sizeof(long) == 4 ? 8 : 0)
#define R(name, index) { #name, (PAD + (index)) * sizeof(long) }

static const struct arch_reg regs[] = {
	ARCH_R0_TO_R31(R),
	R(zero, 0), R(at, 1), R(v0, 2), R(v1, 3), R(a0, 4), R(a1, 5), R(a2, 6), R(a3, 7),
#if N64
	R(a4, 8), R(a5, 9), R(a6, 10), R(a7, 11), R(t0, 12), R(t1, 13), R(t2, 14), R(t3, 15),
#else
	R(t0, 8), R(t1, 9), R(t2, 10), R(t3, 11), R(t4, 12), R(t5, 13), R(t6, 14), R(t7, 15),
#endif
	R(s0, 16), R(s1, 17), R(s2, 18), R(s3, 19), R(s4, 20), R(s5, 21), R(s6, 22),
	R(s7, 23), R(t8, 24), R(t9, 25), R(k0, 26), R(k1, 27), R(gp, 28), R(sp, 29),
	R(fp, 30), R(ra, 31),
	/* Without CONFIG_CPU_HAS_SMARTMIPS, which would add acx after lo. */
	R(cp0_status, 32), R(hi, 33), R(lo, 34), R(cp0_badvaddr, 35), R(cp0_cause, 36),
	R(cp0_epc, 37),
};
#if N64
static const char *const args[] = { "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7" };
static const char *const syscall_args[] = { "a0", "a1", "a2", "a3", "a4", "a5" };
#else
static const char *const args[] = { "a0", "a1", "a2", "a3" };
static const char *const syscall_args[] = { "a0", "a1", "a2", "a3" };
#endif

const struct arch arch = {
	.name = sizeof(long) == 8 ? "mips64" : "mips", .elf_machine = EM_MIPS,
	.reg_size = sizeof(long),
	ARCH_REGS(regs), ARCH_ARGS(args), .stack_args = N64 ? 0 : 16,
	ARCH_SYSCALL_ARGS(syscall_args), .ret = "v0", .pc = "cp0_epc", .sp = "sp", .fp = "fp",
};
