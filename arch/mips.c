// SPDX-License-Identifier: GPL-2.0
/*
 * mips64 (n64) and mips (o32), either byte order. n64 passes arguments in
 * a0-a7 (r4-r11); o32 only in a0-a3, the rest on the stack past the 16
 * bytes reserved for them. Result in v0 (r2), stack pointer r29, frame
 * pointer r30. A 32-bit kernel's pt_regs begins with eight words of
 * padding. The UAPI header's struct pt_regs is ptrace's layout, not the
 * kernel's: nothing to check it against.
 */
#include <elf.h>

#include "arch/arch.h"

#define R64(name, index) { #name, (index) * 8 }
#define R32(name, index) { #name, (8 + (index)) * 4 }
/* Without CONFIG_CPU_HAS_SMARTMIPS, which would add acx after lo. */
#define MIPS_REGS(R, r8_to_r15) {						\
	ARCH_R0_TO_R31(R),								\
	R(zero, 0), R(at, 1), R(v0, 2), R(v1, 3), R(a0, 4), R(a1, 5), R(a2, 6), R(a3, 7),	\
	r8_to_r15,									\
	R(s0, 16), R(s1, 17), R(s2, 18), R(s3, 19), R(s4, 20), R(s5, 21), R(s6, 22),	\
	R(s7, 23), R(t8, 24), R(t9, 25), R(k0, 26), R(k1, 27), R(gp, 28), R(sp, 29),	\
	R(fp, 30), R(ra, 31),								\
	R(cp0_status, 32), R(hi, 33), R(lo, 34), R(cp0_badvaddr, 35), R(cp0_cause, 36),	\
	R(cp0_epc, 37),									\
}
#define N64_R8_TO_R15 R64(a4, 8), R64(a5, 9), R64(a6, 10), R64(a7, 11), R64(t0, 12), \
	R64(t1, 13), R64(t2, 14), R64(t3, 15)
#define O32_R8_TO_R15 R32(t0, 8), R32(t1, 9), R32(t2, 10), R32(t3, 11), R32(t4, 12), \
	R32(t5, 13), R32(t6, 14), R32(t7, 15)

static const struct arch_reg regs_n64[] = MIPS_REGS(R64, N64_R8_TO_R15);
static const struct arch_reg regs_o32[] = MIPS_REGS(R32, O32_R8_TO_R15);
static const char *const args_n64[] = { "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7" };
static const char *const syscall_args_n64[] = { "a0", "a1", "a2", "a3", "a4", "a5" };
static const char *const args_o32[] = { "a0", "a1", "a2", "a3" };

/* The legacy probe_read helpers came back in 5.12, and in 5.10's stable releases. */
#define MIPS(nm, bits, be, regs, args, syscall_args, stack) {			\
	.name = nm, .elf_machine = EM_MIPS, .is64 = bits == 64, .big_endian = be,	\
	.reg_size = bits / 8, ARCH_REGS(regs), ARCH_ARGS(args), .stack_args = stack,	\
	ARCH_SYSCALL_ARGS(syscall_args), .ret = "v0", .pc = "cp0_epc", .sp = "sp",	\
	.fp = "fp", .probe_read_any_since = KERNEL_VERSION(5, 10),			\
}

const struct arch arch_mips64 = MIPS("mips64", 64, true, regs_n64, args_n64, syscall_args_n64, 0);
const struct arch arch_mips64el = MIPS("mips64el", 64, false, regs_n64, args_n64,
				       syscall_args_n64, 0);
const struct arch arch_mips = MIPS("mips", 32, true, regs_o32, args_o32, args_o32, 16);
const struct arch arch_mipsel = MIPS("mipsel", 32, false, regs_o32, args_o32, args_o32, 16);
