/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arguments of a USDT probe, from the operands its note spells in the
 * architecture's assembler syntax: a register, memory at a register plus
 * a displacement (x86: and an index), or a constant.
 */
#ifndef SONDE_KERNEL_USDT_H
#define SONDE_KERNEL_USDT_H

#include "arch/arch.h"

enum usdt_kind { USDT_REG, USDT_MEM, USDT_CONST };

struct usdt_arg {
	enum usdt_kind kind;
	unsigned char size;	/* 1, 2, 4 or 8 bytes, extended to 64 bits */
	bool is_signed;
	unsigned char scale;	/* the index's: 1, 2, 4 or 8 */
	int reg, index;		/* pt_regs offsets; index -1 if none */
	int64_t value;		/* the constant, or the displacement */
};

/* sys/sdt.h's limit. */
#define USDT_MAX_ARGS 12

/*
 * Reads at most USDT_MAX_ARGS operands of a note ("-4@%edi 8@-8(%rbp)") for
 * an architecture; how many. If one cannot be read, *why says why and *at
 * is where it starts; else *why is NULL.
 */
unsigned usdt_parse(const struct arch *a, const char *s, struct usdt_arg *out, const char **why,
		    const char **at);

#endif
