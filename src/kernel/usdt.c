// SPDX-License-Identifier: GPL-2.0
/*
 * USDT operands, "SIZE@OPERAND" separated by spaces; a negative size is a
 * signed value. The operand forms, by architecture:
 *   x86_64     %edi  -8(%rbp)  8(%rax,%rdx,4)  $5
 *   aarch64    x0  [sp, 12]  [x1]  5
 *   arm        r0  [fp, #-8]  #5
 *   riscv      a0  8(s0)  5
 *   powerpc    3 or %r3  8(31)  i5
 *   mips       $4  16($sp)  5
 *   loongarch  $a0  8($fp)  5
 *   s390x      %r2  160(%r15)  5
 * Registers are the arch table's names, with the aliases compilers print.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/usdt.h"



#define BAD "not SIZE@OPERAND"

/* How an architecture writes a constant: a prefix, or a bare number (0). */
static char constant_prefix(const struct arch *a)
{
	switch (a->elf_machine) {
	case EM_X86_64:
	case EM_386:
		return '$';
	case EM_ARM:
		return '#';
	case EM_PPC:
	case EM_PPC64:
		return 'i';
	default:
		return 0;
	}
}

/* x86's narrower names of a register, as compilers print them: eax, ax, al, sil, r8d. */
static void x86_widen(char *n, size_t len)
{
	if (n[0] == 'r' && n[1] >= '0' && n[1] <= '9') {
		if (strchr("dwb", n[len - 1]))
			n[len - 1] = '\0';
	} else if (len == 3 && n[0] == 'e') {
		n[0] = 'r';
	} else if (len == 2 || (len == 3 && n[0] != 'r' && n[2] == 'l')) {
		memmove(n + 1, n, 3);
		n[0] = 'r';
		if (len == 2 && n[2] == 'l')
			n[2] = 'x';
		n[3] = '\0';
	}
}

/* The register at *s (%rdi, $4, x0, 31...): its pt_regs offset, or -1. */
static int parse_reg(const struct arch *a, const char **s)
{
	const char *p = *s + (**s == '%' || **s == '$');
	size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_"), digit;
	char name[16];

	if (!len || len >= sizeof(name) - 1)
		return -1;
	*s = p + len;
	/* mips and powerpc number them: $4, 31. */
	name[0] = 'r';
	digit = p[0] >= '0' && p[0] <= '9';
	memcpy(name + digit, p, len);
	len += digit;
	name[len] = '\0';
	if (a->elf_machine == EM_X86_64 || a->elf_machine == EM_386)
		x86_widen(name, len);
	/* i686's registers are named as the low halves of x86_64's: eax for rax. */
	if (a->elf_machine == EM_386)
		name[0] = 'e';
	/* aarch64's 32-bit names: w0 is x0's low half. */
	if (a->elf_machine == EM_AARCH64 && name[0] == 'w')
		name[0] = 'x';
	return arch_reg_offset(a, name);
}

static bool parse_num(const char **s, int64_t *v)
{
	char *end;

	if (!strchr("+-0123456789", **s) || !(*s)[strspn(*s, "+-")])
		return false;
	*v = strtoll(*s, &end, 0);
	if (end == *s)
		return false;
	*s = end;
	return true;
}

static const char *skip(const char *s)
{
	return s + strspn(s, " ");
}

/*
 * After any displacement, (base[,index[,scale]]) or aarch64's and arm's
 * [base[, #disp]].
 */
static const char *parse_memory(const struct arch *a, const char **s, struct usdt_arg *u)
{
	char close = **s == '(' ? ')' : ']';
	int64_t scale = 1;

	u->kind = USDT_MEM;
	*s = skip(*s + 1);
	if ((u->reg = parse_reg(a, s)) < 0)
		return "unknown register";
	*s = skip(*s);
	if (**s == ',' && close == ']') {
		*s = skip(*s + 1);
		*s += **s == '#';
		if (!parse_num(s, &u->value))
			return BAD;
		*s = skip(*s);
	} else if (**s == ',') {
		++*s;
		if ((u->index = parse_reg(a, s)) < 0)
			return "unknown register";
		if (**s == ',' && (++*s, !parse_num(s, &scale)))
			return BAD;
	}
	if (**s != close || (scale != 1 && scale != 2 && scale != 4 && scale != 8))
		return BAD;
	++*s;
	u->scale = (unsigned char)scale;
	return NULL;
}

static const char *parse_operand(const struct arch *a, const char **s, struct usdt_arg *u)
{
	char prefix = constant_prefix(a);
	const char *start;
	int64_t size;

	if (!parse_num(s, &size) || **s != '@')
		return BAD;
	++*s;
	u->is_signed = size < 0;
	size = llabs(size);
	if (size != 1 && size != 2 && size != 4 && size != 8)
		return BAD;
	u->size = (unsigned char)size;
	u->index = -1;
	if (**s == '[')
		return parse_memory(a, s, u);
	if (prefix && **s == prefix) {
		++*s;
		u->kind = USDT_CONST;
		return parse_num(s, &u->value) ? NULL : BAD;
	}
	start = *s;
	if (parse_num(s, &u->value) || **s == '(') {
		if (**s == '(')
			return parse_memory(a, s, u);
		u->kind = USDT_CONST;
		/* A bare number is a constant, but a register on powerpc. */
		if (prefix != 'i')
			return NULL;
		*s = start;
	}
	u->kind = USDT_REG;
	if ((u->reg = parse_reg(a, s)) >= 0)
		return NULL;
	return **s == '(' ? "a symbol's address is not supported" : "unknown register";
}

/*
 * A constant as wide as its size says: compilers print 4000000000u, an
 * unsigned int, as -294967296.
 */
static int64_t extend(int64_t v, unsigned size, bool is_signed)
{
	unsigned shift = 64 - 8 * size;
	uint64_t x = (uint64_t)v << shift;

	return is_signed ? (int64_t)x >> shift : (int64_t)(x >> shift);
}

unsigned usdt_parse(const struct arch *a, const char *s, struct usdt_arg *out, const char **why,
		    const char **at)
{
	unsigned n = 0;

	*why = NULL;
	for (s = skip(s); *s && !*why; s = skip(s)) {
		*at = s;
		if (n == USDT_MAX_ARGS) {
			*why = "more than 12 arguments";
			break;
		}
		memset(&out[n], 0, sizeof(out[n]));
		*why = parse_operand(a, &s, &out[n]);
		if (!*why && *s && *s != ' ')
			*why = BAD;
		if (!*why && out[n].kind == USDT_MEM && out[n].value != (int32_t)out[n].value)
			*why = BAD;
		if (out[n].kind == USDT_CONST)
			out[n].value = extend(out[n].value, out[n].size, out[n].is_signed);
		n += !*why;
	}
	return n;
}
