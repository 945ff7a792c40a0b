// SPDX-License-Identifier: GPL-2.0
/* The arch tables: every register they name exists and fits; the native one is right. */
#include "arch/arch.h"
#include "check.h"

static bool named(const struct arch *a, const char *name)
{
	return arch_reg_offset(a, name) >= 0;
}

static void check_table(const struct arch *a)
{
	char name[64];
	unsigned i;
	bool ok = true;

	for (i = 0; i < a->nargs; i++)
		ok &= named(a, a->args[i]) &&
		      arch_arg_offset(a, i) == arch_reg_offset(a, a->args[i]);
	snprintf(name, sizeof(name), "%s/argument-registers", a->name);
	check(name, ok && arch_arg_offset(a, a->nargs) == -1, "%s", a->name);
	for (i = 0, ok = true; i < a->nsyscall_args; i++)
		ok &= named(a, a->syscall_args[i]);
	snprintf(name, sizeof(name), "%s/syscall-registers", a->name);
	check(name, ok, "%s", a->name);
	snprintf(name, sizeof(name), "%s/special-registers", a->name);
	check(name, named(a, a->ret) && named(a, a->pc) && named(a, a->sp) && named(a, a->fp),
	      "%s", a->name);
	snprintf(name, sizeof(name), "%s/found-by-name", a->name);
	check(name, arch_find(a->name) == a, "%s", a->name);
}

int main(void)
{
	unsigned i;

	for (i = 0; arch_all[i]; i++)
		check_table(arch_all[i]);
	check("unknown-register", arch_reg_offset(arch_native, "no_such_register") == -1, "found");
	/* ply's mistake: the 4th function argument is rcx; r10 is the syscall one. */
	check_str("x86_64-arg3", arch_x86_64.args[3], "rcx");
	check_str("x86_64-syscall-arg3", arch_x86_64.syscall_args[3], "r10");
	check("x86_64-rdi-offset", arch_arg_offset(&arch_x86_64, 0) == 112, "%d",
	      arch_arg_offset(&arch_x86_64, 0));
	/* n64 passes eight arguments in registers, o32 four. */
	check("mips64-a5", arch_arg_offset(&arch_mips64el, 5) == 9 * 8, "%d",
	      arch_arg_offset(&arch_mips64el, 5));
	check("mips-arg4-on-stack", arch_arg_offset(&arch_mipsel, 4) == -1, "%d",
	      arch_arg_offset(&arch_mipsel, 4));
	/* What the compiler built for is the table that runs. */
#if defined(__x86_64__)
	check("native", arch_native == &arch_x86_64, "%s", arch_native->name);
#elif defined(__mips__) && _MIPS_SIM == _ABI64
	check("native", arch_native == &arch_mips64 || arch_native == &arch_mips64el, "%s",
	      arch_native->name);
#endif
	check("native-byte-order", arch_native->big_endian ==
	      (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__), "%s", arch_native->name);
	check("native-word", arch_native->reg_size == sizeof(long), "%s", arch_native->name);
	return check_failures != 0;
}
