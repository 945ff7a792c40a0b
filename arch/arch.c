// SPDX-License-Identifier: GPL-2.0
/* The list of backends, the native one, and the lookups all share. */
#include <string.h>

#include "arch/arch.h"

const struct arch *const arch_all[] = {
	&arch_x86_64, &arch_i686, &arch_aarch64, &arch_arm, &arch_riscv64, &arch_riscv32,
	&arch_powerpc64le, &arch_powerpc64, &arch_powerpc, &arch_mips64el, &arch_mips64,
	&arch_mipsel, &arch_mips, &arch_loongarch64, &arch_s390x, &arch_i686_on_x86_64,
	&arch_arm_on_aarch64, &arch_mipsel_on_mips64el, &arch_mips_on_mips64, NULL,
};

/* What the compiler targets; configure has refused anything else. */
#if defined(__x86_64__)
#define NATIVE arch_x86_64
#elif defined(__i386__)
#define NATIVE arch_i686
#elif defined(__aarch64__) && !defined(__AARCH64EB__)
#define NATIVE arch_aarch64
#elif defined(__arm__) && !defined(__ARMEB__)
#define NATIVE arch_arm
#elif defined(__riscv) && __riscv_xlen == 64
#define NATIVE arch_riscv64
#elif defined(__riscv) && __riscv_xlen == 32
#define NATIVE arch_riscv32
#elif defined(__powerpc64__) && _CALL_ELF == 2 && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define NATIVE arch_powerpc64le
#elif defined(__powerpc64__) && _CALL_ELF != 2 && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define NATIVE arch_powerpc64
#elif defined(__powerpc__) && !defined(__powerpc64__)
#define NATIVE arch_powerpc
/* GCC defines _MIPS_SIM; only clang also defines __mips_n64. */
#elif defined(__mips__) && _MIPS_SIM == _ABI64 && defined(__MIPSEB__)
#define NATIVE arch_mips64
#elif defined(__mips__) && _MIPS_SIM == _ABI64
#define NATIVE arch_mips64el
#elif defined(__mips__) && _MIPS_SIM == _ABIO32 && defined(__MIPSEB__)
#define NATIVE arch_mips
#elif defined(__mips__) && _MIPS_SIM == _ABIO32
#define NATIVE arch_mipsel
#elif defined(__loongarch64)
#define NATIVE arch_loongarch64
#elif defined(__s390x__)
#define NATIVE arch_s390x
#else
#error "sonde has no backend for this CPU and ABI"
#endif

const struct arch *const arch_native = &NATIVE;

const struct arch *arch_find(const char *name)
{
	unsigned i;

	for (i = 0; arch_all[i]; i++)
		if (!strcmp(arch_all[i]->name, name))
			return arch_all[i];
	return NULL;
}

/* Whether uname -m names this kernel's table: it says "mips64" for mips64el too. */
static bool is_machine(const char *name, const char *machine)
{
	size_t n = strlen(machine);

	return !strncmp(name, machine, n) && (!name[n] || !strcmp(name + n, "el"));
}

const struct arch *arch_on_kernel(const struct arch *task, const char *machine)
{
	unsigned i;

	for (i = 0; arch_all[i]; i++) {
		const struct arch *a = arch_all[i], *k = arch_kernel(a);

		/* mips has one e_machine for both word sizes */
		if (k->is64 && !a->is64 && !task->is64 && is_machine(k->name, machine) &&
		    a->elf_machine == task->elf_machine && a->big_endian == task->big_endian)
			return a;
	}
	return task;
}

/* A compat task's register is the low half of the kernel's: its last bytes on big-endian. */
int arch_slot_offset(const struct arch *a, unsigned i)
{
	const struct arch *k = arch_kernel(a);

	return a->slots[i] * k->reg_size + (a->big_endian ? k->reg_size - a->reg_size : 0);
}

int arch_reg_offset(const struct arch *a, const char *name)
{
	const char *r;
	unsigned i;

	for (r = a->regs, i = 0; *r; r += strlen(r) + 1, i++)
		if (!strcmp(r, name))
			return arch_slot_offset(a, i);
	return -1;
}

int arch_arg_offset(const struct arch *a, unsigned n)
{
	return n < a->nargs ? arch_reg_offset(a, a->args[n]) : -1;
}
