/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-architecture facts, as data: the layout of the kernel's struct
 * pt_regs (the context of kprobe, uprobe and perf programs) and which of
 * its registers carry function arguments, syscall arguments, the return
 * value, the program counter, the stack and frame pointers. One table is
 * compiled in, chosen by configure from --host.
 */
#ifndef SONDE_ARCH_H
#define SONDE_ARCH_H

#include <stdbool.h>

struct arch_reg {
	const char *name;
	unsigned short offset;	/* in struct pt_regs */
};

struct arch {
	const char *name;
	unsigned elf_machine;		/* e_machine of this architecture's binaries */
	unsigned reg_size;		/* bytes per saved register: 4 or 8 */
	const struct arch_reg *regs;	/* every register of pt_regs, by name */
	unsigned nregs;
	/* The function calling convention: arguments past these are on the stack. */
	const char *const *args;
	unsigned nargs;
	int stack_args;			/* offset from sp of the first stack argument */
	/* Syscall arguments as a syscall-entry kprobe sees them, kept separate. */
	const char *const *syscall_args;
	unsigned nsyscall_args;
	const char *ret, *pc, *sp, *fp;
	unsigned kprobe_skew;		/* how far past the probed address a kprobe's pc is */
};

/* The architecture sonde was built for. */
extern const struct arch arch;

/* A register of pt_regs by name, or NULL. */
const struct arch_reg *arch_reg(const char *name);
/* The pt_regs offset of function argument n, or -1 if it is on the stack. */
int arch_arg_offset(unsigned n);

/* r0-r31 in slots 0-31, as mips, powerpc and loongarch number them. */
#define ARCH_R0_TO_R31(R) \
	R(r0, 0), R(r1, 1), R(r2, 2), R(r3, 3), R(r4, 4), R(r5, 5), R(r6, 6), R(r7, 7), \
	R(r8, 8), R(r9, 9), R(r10, 10), R(r11, 11), R(r12, 12), R(r13, 13), R(r14, 14), \
	R(r15, 15), R(r16, 16), R(r17, 17), R(r18, 18), R(r19, 19), R(r20, 20), R(r21, 21), \
	R(r22, 22), R(r23, 23), R(r24, 24), R(r25, 25), R(r26, 26), R(r27, 27), R(r28, 28), \
	R(r29, 29), R(r30, 30), R(r31, 31)

#define ARCH_REGS(table) .regs = table, .nregs = sizeof(table) / sizeof(table[0])
#define ARCH_ARGS(list) .args = list, .nargs = sizeof(list) / sizeof(list[0])
#define ARCH_SYSCALL_ARGS(list) \
	.syscall_args = list, .nsyscall_args = sizeof(list) / sizeof(list[0])

#endif
