// SPDX-License-Identifier: GPL-2.0
/* The compiled-in arch table: every register it names exists and fits. */
#include "arch.h"
#include "check.h"

static bool named(const char *name)
{
	const struct arch_reg *r = arch_reg(name);

	return r && r->offset % arch.reg_size == 0;
}

int main(void)
{
	unsigned i;
	bool ok = true;

	for (i = 0; i < arch.nargs; i++)
		ok &= named(arch.args[i]) && arch_arg_offset(i) == arch_reg(arch.args[i])->offset;
	check("argument-registers", ok && arch_arg_offset(arch.nargs) == -1, "%s", arch.name);
	for (i = 0, ok = true; i < arch.nsyscall_args; i++)
		ok &= named(arch.syscall_args[i]);
	check("syscall-registers", ok, "%s", arch.name);
	check("special-registers", named(arch.ret) && named(arch.pc) && named(arch.sp) &&
	      named(arch.fp), "%s", arch.name);
	check("unknown-register", !arch_reg("no_such_register"), "found");
#if defined(__x86_64__)
	/* ply's mistake: the 4th function argument is rcx; r10 is the syscall one. */
	check_str("x86_64-arg3", arch.args[3], "rcx");
	check_str("x86_64-syscall-arg3", arch.syscall_args[3], "r10");
	check("x86_64-rdi-offset", arch_arg_offset(0) == 112, "%d", arch_arg_offset(0));
#endif
	return check_failures != 0;
}
