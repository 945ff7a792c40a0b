// SPDX-License-Identifier: GPL-2.0
/*
 * mips64 (n64) and mips (o32), either byte order. n64 passes arguments in
 * a0-a7 (r4-r11); o32 only in a0-a3, the rest on the stack past the 16
 * bytes reserved for them. Result in v0 (r2), stack pointer r29, frame
 * pointer r30. A 32-bit kernel's pt_regs begins with eight words of
 * padding; a 64-bit one has none, and keeps an o32 task's registers in
 * the low halves of its own. The UAPI header's struct pt_regs is
 * ptrace's layout, not the kernel's: nothing to check it against.
 */
#include <elf.h>

#include "arch/arch.h"

/*
 * The same registers at slot + pad: a 32-bit kernel's pt_regs pads eight
 * words first. Without CONFIG_CPU_HAS_SMARTMIPS, which would add acx
 * after lo.
 */
#define MIPS_REGS(R, pad, r8_to_r15) \
	ARCH_R0_TO_R31(R, pad) R(zero, pad + 0) R(at, pad + 1) R(v0, pad + 2) R(v1, pad + 3) \
	R(a0, pad + 4) R(a1, pad + 5) R(a2, pad + 6) R(a3, pad + 7) r8_to_r15(R, pad) \
	R(s0, pad + 16) R(s1, pad + 17) R(s2, pad + 18) R(s3, pad + 19) R(s4, pad + 20) \
	R(s5, pad + 21) R(s6, pad + 22) R(s7, pad + 23) R(t8, pad + 24) R(t9, pad + 25) \
	R(k0, pad + 26) R(k1, pad + 27) R(gp, pad + 28) R(sp, pad + 29) R(fp, pad + 30) \
	R(ra, pad + 31) R(cp0_status, pad + 32) R(hi, pad + 33) R(lo, pad + 34) \
	R(cp0_badvaddr, pad + 35) R(cp0_cause, pad + 36) R(cp0_epc, pad + 37)
#define N64_R8_TO_R15(R, pad) R(a4, pad + 8) R(a5, pad + 9) R(a6, pad + 10) \
	R(a7, pad + 11) R(t0, pad + 12) R(t1, pad + 13) R(t2, pad + 14) R(t3, pad + 15)
#define O32_R8_TO_R15(R, pad) R(t0, pad + 8) R(t1, pad + 9) R(t2, pad + 10) \
	R(t3, pad + 11) R(t4, pad + 12) R(t5, pad + 13) R(t6, pad + 14) R(t7, pad + 15)
#define N64_REGS(R) MIPS_REGS(R, 0, N64_R8_TO_R15)
#define O32_REGS(R) MIPS_REGS(R, 8, O32_R8_TO_R15)

/* One copy of the slots of each layout, for either byte order and for o32 on n64. */
ARCH_SLOTS(n64_slots, N64_REGS);
ARCH_SLOTS(o32_slots, O32_REGS);

static const char *const args_n64[] = { "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7" };
static const char *const args_o32[] = { "a0", "a1", "a2", "a3" };

/* The legacy probe_read helpers came back in 5.12, and in 5.10's stable releases. */
#define MIPS(nm, be, bits, names, slot_list, args, stack, ...) {				\
	.name = nm, .elf_machine = EM_MIPS, .is64 = bits == 64, .big_endian = be,	\
	.reg_size = bits / 8, ARCH_REGS(names, slot_list),			\
	ARCH_ARGS(args), .stack_args = stack, .ret = "v0", .pc = "cp0_epc", .sp = "sp",	\
	.probe_read_any_since = KERNEL_VERSION(5, 10), __VA_ARGS__				\
}
#define N64(nm, be) MIPS(nm, be, 64, N64_REGS, n64_slots, args_n64, 0)
#define O32(nm, be, slot_list, ...) MIPS(nm, be, 32, O32_REGS, slot_list, args_o32, 16, __VA_ARGS__)

const struct arch arch_mips64 = N64("mips64", true);
const struct arch arch_mips64el = N64("mips64el", false);
const struct arch arch_mips = O32("mips", true, o32_slots);
const struct arch arch_mipsel = O32("mipsel", false, o32_slots);
const struct arch arch_mips_on_mips64 = O32("mips@mips64", true, n64_slots, .kernel = &arch_mips64);
const struct arch arch_mipsel_on_mips64el = O32("mipsel@mips64el", false, n64_slots,
						.kernel = &arch_mips64el);
