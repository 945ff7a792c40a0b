/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-architecture facts, as data: the layout of the kernel's struct
 * pt_regs (the context of kprobe, uprobe and perf programs) and which of
 * its registers carry function arguments, the return value, the program
 * counter and the stack pointer. Every table is compiled into every
 * build, so that code for any of them can be dumped from any host; only
 * the native one runs.
 *
 * A table describes a userland; where its kernel's registers or calling
 * convention differ, .kernel is the kernel's table. So does a 32-bit
 * userland on a 64-bit kernel (a compat task: armhf on arm64, i686 on
 * x86_64, mips o32 on mips64), whose registers the kernel saves in its
 * own 64-bit pt_regs: there each 4-byte register is the low half of an
 * 8-byte one, 4 bytes into it on a big-endian kernel.
 */
#ifndef SONDE_ARCH_H
#define SONDE_ARCH_H

#include "base/common.h"

struct arch {
	const char *name;		/* as --target spells it: "x86_64", "arm@aarch64" */
	/*
	 * Every register of pt_regs: the names, each ending in a NUL, then
	 * an empty one; and the slot of each, its offset over the kernel's
	 * reg_size.
	 */
	const char *regs;
	const unsigned char *slots;
	/* The function calling convention: arguments past these are on the stack. */
	const char *const *args;
	const char *ret, *pc, *sp;
	const struct arch *kernel;	/* the kernel's table, if not this one */
	/*
	 * Linux 5.5 limited the probe_read helpers that read either address
	 * space to architectures where the two do not overlap; the release
	 * since which this one has them again, 0 if it always kept them,
	 * ARCH_NEVER if it has not.
	 */
	unsigned probe_read_any_since;
	unsigned short elf_machine;	/* e_machine of this architecture's binaries */
	unsigned char reg_size;		/* bytes per register of the task: 4 or 8 */
	unsigned char nargs;
	unsigned char stack_args;	/* offset from sp of the first stack argument */
	unsigned char kprobe_skew;	/* how far past the probed address a kprobe's pc is */
	/*
	 * The marker a function may begin with, that a kprobe on its entry
	 * is placed past (x86's 4-byte ENDBR, with IBT); 0 if none.
	 */
	unsigned char entry_marker;
	bool is64;			/* ELFCLASS64 binaries */
	bool big_endian;
	bool jit_refuses_xadd;		/* its JIT refuses atomic adds: none are emitted */
	bool jit_refuses_div64;		/* and 64-bit division: codegen builds it of others */
};

#define ARCH_NEVER (~0u)

/* Every backend, in the order --target lists them, ending with NULL. */
extern const struct arch *const arch_all[];
/* The backend sonde was built for. */
extern const struct arch *const arch_native;

/* A backend by --target name, or NULL. */
const struct arch *arch_find(const char *name);
/*
 * The table of the userland task on a kernel whose uname -m is machine:
 * its compat table where that kernel is the 64-bit one, task otherwise.
 */
const struct arch *arch_on_kernel(const struct arch *task, const char *machine);

/* The kernel's table of a userland's. */
static inline const struct arch *arch_kernel(const struct arch *a)
{
	return a->kernel ? a->kernel : a;
}

/* The pt_regs offset of the i-th register of a->regs. */
int arch_slot_offset(const struct arch *a, unsigned i);
/* The pt_regs offset of a register by name, or -1. */
int arch_reg_offset(const struct arch *a, const char *name);
/* The pt_regs offset of function argument n, or -1 if it is on the stack. */
int arch_arg_offset(const struct arch *a, unsigned n);

/*
 * A table is written once as a list of R(name, slot) and spelled out twice:
 * the names as one string, the slots as bytes in an array of their own,
 * which every table of that list shares.
 */
#define ARCH_REG_NAME(name, slot) #name "\0"
#define ARCH_REG_SLOT(name, slot) slot,
#define ARCH_SLOTS(array, list) static const unsigned char array[] = { list(ARCH_REG_SLOT) }
#define ARCH_REGS(list, array) .regs = list(ARCH_REG_NAME), .slots = array

/* r0-r31 in slots 0-31, as mips, powerpc and loongarch number them. */
#define ARCH_R0_TO_R31(R, base) \
	R(r0, base + 0) R(r1, base + 1) R(r2, base + 2) R(r3, base + 3) R(r4, base + 4) \
	R(r5, base + 5) R(r6, base + 6) R(r7, base + 7) R(r8, base + 8) R(r9, base + 9) \
	R(r10, base + 10) R(r11, base + 11) R(r12, base + 12) R(r13, base + 13) \
	R(r14, base + 14) R(r15, base + 15) R(r16, base + 16) R(r17, base + 17) \
	R(r18, base + 18) R(r19, base + 19) R(r20, base + 20) R(r21, base + 21) \
	R(r22, base + 22) R(r23, base + 23) R(r24, base + 24) R(r25, base + 25) \
	R(r26, base + 26) R(r27, base + 27) R(r28, base + 28) R(r29, base + 29) \
	R(r30, base + 30) R(r31, base + 31)

#define ARCH_ARGS(list) .args = list, .nargs = sizeof(list) / sizeof(list[0])

extern const struct arch arch_x86_64, arch_i686, arch_aarch64, arch_arm, arch_riscv64,
	arch_riscv32, arch_powerpc64, arch_powerpc64le, arch_powerpc, arch_mips64, arch_mips64el,
	arch_mips, arch_mipsel, arch_loongarch64, arch_s390x, arch_i686_kernel,
	arch_i686_on_x86_64, arch_arm_on_aarch64, arch_mipsel_on_mips64el,
	arch_mips_on_mips64;

#endif
