// SPDX-License-Identifier: GPL-2.0
/* USDT operands in every backend's assembler syntax, and what is refused. */
#include <stdio.h>

#include "arch/arch.h"
#include "check.h"
#include "kernel/usdt.h"

/* The first name the arch table gives a pt_regs offset. */
static const char *reg_name(const struct arch *a, int off)
{
	const char *r;

	for (r = a->regs; *r; r += strlen(r) + 1)
		if (arch_reg_offset(a, r) == off)
			return r;
	return "?";
}

/*
 * The operands as "SIZE@REG", "SIZE@[BASE+INDEX*SCALE+DISP]" or
 * "SIZE@=CONST", then "; why 'where'" if one was refused.
 */
static void describe(const struct arch *a, const char *s, char *out, size_t size)
{
	struct usdt_arg u[USDT_MAX_ARGS];
	const char *why, *at;
	unsigned n = usdt_parse(a, s, u, &why, &at), i;
	size_t len = 0;

	out[0] = '\0';
	for (i = 0; i < n && len < size; i++) {
		len += snprintf(out + len, size - len, "%s%s%u@", i ? " " : "",
				u[i].is_signed ? "-" : "", u[i].size);
		if (u[i].kind == USDT_REG)
			len += snprintf(out + len, size - len, "%s", reg_name(a, u[i].reg));
		else if (u[i].kind == USDT_CONST)
			len += snprintf(out + len, size - len, "=%lld", (long long)u[i].value);
		else if (u[i].index >= 0)
			len += snprintf(out + len, size - len, "[%s+%s*%u%+lld]", reg_name(a, u[i].reg),
					reg_name(a, u[i].index), u[i].scale, (long long)u[i].value);
		else
			len += snprintf(out + len, size - len, "[%s%+lld]", reg_name(a, u[i].reg),
					(long long)u[i].value);
	}
	if (why && len < size)
		snprintf(out + len, size - len, "; %s '%s'", why, at);
}

static void expect(const struct arch *a, const char *name, const char *s, const char *want)
{
	char got[512], full[64];

	describe(a, s, got, sizeof(got));
	snprintf(full, sizeof(full), "%s/%s", a->name, name);
	check_str(full, got, want);
}

int main(void)
{
	expect(&arch_x86_64, "operands", "-4@%edi 8@-8(%rbp) 8@%rax 4@$5 -4@8(%rax,%rdx,4) -8@$-1",
	       "-4@rdi 8@[rbp-8] 8@rax 4@=5 -4@[rax+rdx*4+8] -8@=-1");
	expect(&arch_x86_64, "narrow-names", "1@%dil 2@%r8w 4@%r10d 1@%al 2@%sp 4@%esi 1@%bpl",
	       "1@rdi 2@r8 4@r10 1@rax 2@rsp 4@rsi 1@rbp");
	expect(&arch_x86_64, "constants-by-size", "4@$-294967296 -1@$255 2@$-1 -8@$-5",
	       "4@=4000000000 -1@=-1 2@=65535 -8@=-5");
	expect(&arch_x86_64, "no-displacement", "-8@(%rsp) 8@(%rax,%rbx)",
	       "-8@[rsp+0] 8@[rax+rbx*1+0]");
	expect(&arch_x86_64, "symbol", "8@%rdi 8@counter(%rip)",
	       "8@rdi; a symbol's address is not supported '8@counter(%rip)'");
	expect(&arch_x86_64, "bad-size", "3@%rax", "; not SIZE@OPERAND '3@%rax'");
	expect(&arch_x86_64, "no-size", "%rax", "; not SIZE@OPERAND '%rax'");
	expect(&arch_x86_64, "unknown-register", "8@%xmm0", "; unknown register '8@%xmm0'");
	expect(&arch_x86_64, "trailing-text", "8@%rax! 4@$1", "; not SIZE@OPERAND '8@%rax! 4@$1'");
	expect(&arch_x86_64, "bad-scale", "8@(%rax,%rbx,3)", "; not SIZE@OPERAND '8@(%rax,%rbx,3)'");
	expect(&arch_x86_64, "huge-displacement", "8@1099511627776(%rax)",
	       "; not SIZE@OPERAND '8@1099511627776(%rax)'");
	expect(&arch_x86_64, "empty", "  ", "");
	expect(&arch_x86_64, "thirteen", "1@$0 1@$1 1@$2 1@$3 1@$4 1@$5 1@$6 1@$7 1@$8 1@$9 "
	       "1@$10 1@$11 1@$12", "1@=0 1@=1 1@=2 1@=3 1@=4 1@=5 1@=6 1@=7 1@=8 1@=9 1@=10 "
	       "1@=11; more than 12 arguments '1@$12'");
	expect(&arch_aarch64, "operands", "8@x0 4@[sp, 12] -4@[x1] -4@w2 8@5 8@[x29,-16]",
	       "8@x0 4@[sp+12] -4@[x1+0] -4@x2 8@=5 8@[x29-16]");
	expect(&arch_aarch64, "unclosed", "4@[sp, 12", "; not SIZE@OPERAND '4@[sp, 12'");
	expect(&arch_arm, "operands", "4@r0 4@[fp, #-8] 4@#5 -4@[sp] 1@r11",
	       "4@r0 4@[fp-8] 4@=5 -4@[sp+0] 1@fp");
	expect(&arch_riscv64, "operands", "8@a0 -4@8(s0) 4@5 8@sp",
	       "8@a0 -4@[s0+8] 4@=5 8@sp");
	expect(&arch_riscv32, "operands", "4@a1 -4@-20(s0)", "4@a1 -4@[s0-20]");
	expect(&arch_powerpc64le, "operands", "8@3 4@8(31) 8@%r3 4@i5 -8@-16(%r1)",
	       "8@r3 4@[r31+8] 8@r3 4@=5 -8@[r1-16]");
	expect(&arch_powerpc, "operands", "4@4 -4@i-2", "4@r4 -4@=-2");
	expect(&arch_mips64el, "operands", "4@$4 8@16($sp) 8@5 -4@$a1",
	       "4@r4 8@[r29+16] 8@=5 -4@r5");
	expect(&arch_mips, "operands", "4@$2 -4@-8($fp)", "4@r2 -4@[r30-8]");
	expect(&arch_loongarch64, "operands", "8@$a0 4@$r5 -8@8($fp) 4@7",
	       "8@r4 4@r5 -8@[r22+8] 4@=7");
	expect(&arch_s390x, "operands", "8@%r2 4@160(%r15) 4@5 -8@%r3",
	       "8@r2 4@[r15+160] 4@=5 -8@r3");
	return check_failures != 0;
}
