// SPDX-License-Identifier: GPL-2.0
/* The arch tables: every register they name exists and fits; the native one is right. */
#include <string.h>

#include "arch/arch.h"
#include "check.h"

static bool named(const struct arch *a, const char *name)
{
	return arch_reg_offset(a, name) >= 0;
}

/*
 * A userland's registers where its kernel saves them: the return value
 * and pc in the kernel's own (a compat task's in their low halves, the
 * last 4 bytes on big-endian kernels), every register within the
 * kernel's pt_regs.
 */
static void check_kernel(const struct arch *a, const struct arch *k)
{
	int end = 0, low = a->big_endian ? k->reg_size - a->reg_size : 0;
	char name[64];
	const char *r;

	snprintf(name, sizeof(name), "%s/kernel-registers", a->name);
	check(name, arch_reg_offset(a, a->ret) == arch_reg_offset(k, k->ret) + low &&
	      arch_reg_offset(a, a->pc) == arch_reg_offset(k, k->pc) + low &&
	      a->big_endian == k->big_endian, "%s on %s", a->name, k->name);
	for (r = k->regs; *r; r += strlen(r) + 1)
		end = MAX(end, arch_reg_offset(k, r) + (int)k->reg_size);
	for (r = a->regs; *r; r += strlen(r) + 1)
		check(name, arch_reg_offset(a, r) + (int)a->reg_size <= end, "%s past pt_regs", r);
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
	snprintf(name, sizeof(name), "%s/special-registers", a->name);
	check(name, named(a, a->ret) && named(a, a->pc) && named(a, a->sp),
	      "%s", a->name);
	if (a->kernel)
		check_kernel(a, arch_kernel(a));
}

int main(void)
{
	char name[64];
	unsigned i;

	for (i = 0; arch_all[i]; i++) {
		check_table(arch_all[i]);
		snprintf(name, sizeof(name), "%s/found-by-name", arch_all[i]->name);
		check(name, arch_find(arch_all[i]->name) == arch_all[i], "%s", arch_all[i]->name);
	}
	check_table(&arch_i686_kernel);
	check("unknown-register", arch_reg_offset(arch_native, "no_such_register") == -1, "found");
	/* ply's mistake: the 4th function argument is rcx; r10 is the syscall one. */
	check_str("x86_64-arg3", arch_x86_64.args[3], "rcx");
	check("x86_64-rdi-offset", arch_arg_offset(&arch_x86_64, 0) == 112, "%d",
	      arch_arg_offset(&arch_x86_64, 0));
	/* n64 passes eight arguments in registers, o32 four. */
	check("mips64-a5", arch_arg_offset(&arch_mips64el, 5) == 9 * 8, "%d",
	      arch_arg_offset(&arch_mips64el, 5));
	check("mips-arg4-on-stack", arch_arg_offset(&arch_mipsel, 4) == -1, "%d",
	      arch_arg_offset(&arch_mipsel, 4));
	/* A 32-bit userland on a 64-bit kernel, by what uname -m says. */
	check("compat-arm", arch_on_kernel(&arch_arm, "aarch64") == &arch_arm_on_aarch64 &&
	      arch_on_kernel(&arch_arm, "armv7l") == &arch_arm, "wrong table");
	check("compat-i686", arch_on_kernel(&arch_i686, "x86_64") == &arch_i686_on_x86_64 &&
	      arch_on_kernel(&arch_i686, "i686") == &arch_i686 &&
	      arch_on_kernel(&arch_x86_64, "x86_64") == &arch_x86_64, "wrong table");
	/* A mips64 kernel is "mips64" in either byte order. */
	check("compat-mips", arch_on_kernel(&arch_mipsel, "mips64") == &arch_mipsel_on_mips64el &&
	      arch_on_kernel(&arch_mips, "mips64") == &arch_mips_on_mips64 &&
	      arch_on_kernel(&arch_mipsel, "mips") == &arch_mipsel &&
	      arch_on_kernel(&arch_mips64el, "mips64") == &arch_mips64el, "wrong table");
	check("compat-kernel", arch_kernel(&arch_arm_on_aarch64) == &arch_aarch64 &&
	      arch_kernel(&arch_arm) == &arch_arm, "wrong kernel");
	/* arm's r1 and sp in x1 and x13 */
	check("arm-on-aarch64-r1", arch_arg_offset(&arch_arm_on_aarch64, 1) == 8 &&
	      arch_reg_offset(&arch_arm_on_aarch64, "sp") == 13 * 8, "%d",
	      arch_arg_offset(&arch_arm_on_aarch64, 1));
	/* i686 programs pass every argument on the stack; its kernel three in registers */
	check("i686-stack-args", arch_arg_offset(&arch_i686, 0) == -1 &&
	      arch_arg_offset(&arch_i686_on_x86_64, 0) == -1 && arch_i686.stack_args == 4, "%d",
	      arch_arg_offset(&arch_i686, 0));
	check("i686-kernel-args", arch_arg_offset(&arch_i686_kernel, 0) == 6 * 4 &&
	      arch_arg_offset(&arch_i686_kernel, 1) == 2 * 4 &&
	      arch_arg_offset(&arch_i686_kernel, 3) == -1, "%d",
	      arch_arg_offset(&arch_i686_kernel, 0));
	check("i686-on-x86_64-eax", arch_reg_offset(&arch_i686_on_x86_64, "eax") ==
	      arch_reg_offset(&arch_x86_64, "rax"), "%d",
	      arch_reg_offset(&arch_i686_on_x86_64, "eax"));
	/* o32 on n64: a0 and t0 (r4, r8) in the low halves of n64's a0 and a4, arg4 on the stack */
	check("mipsel-on-mips64el-regs", arch_arg_offset(&arch_mipsel_on_mips64el, 0) == 4 * 8 &&
	      arch_reg_offset(&arch_mipsel_on_mips64el, "t0") == 8 * 8 &&
	      arch_arg_offset(&arch_mipsel_on_mips64el, 4) == -1 &&
	      arch_mipsel_on_mips64el.stack_args == 16, "%d",
	      arch_arg_offset(&arch_mipsel_on_mips64el, 0));
	check("mips-on-mips64-regs", arch_arg_offset(&arch_mips_on_mips64, 0) == 4 * 8 + 4 &&
	      arch_reg_offset(&arch_mips_on_mips64, "sp") == 29 * 8 + 4, "%d",
	      arch_arg_offset(&arch_mips_on_mips64, 0));
	/* What the compiler built for is the table that runs. */
#if defined(__x86_64__)
	check("native", arch_native == &arch_x86_64, "%s", arch_native->name);
#elif defined(__i386__)
	check("native", arch_native == &arch_i686, "%s", arch_native->name);
#elif defined(__mips__) && _MIPS_SIM == _ABI64
	check("native", arch_native == &arch_mips64 || arch_native == &arch_mips64el, "%s",
	      arch_native->name);
#endif
	check("native-byte-order", arch_native->big_endian ==
	      (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__), "%s", arch_native->name);
	check("native-word", arch_native->reg_size == sizeof(long), "%s", arch_native->name);
	return check_failures != 0;
}
