// SPDX-License-Identifier: GPL-2.0
/* Lookups shared by every architecture table. */
#include <string.h>

#include "arch.h"

const struct arch_reg *arch_reg(const char *name)
{
	unsigned i;

	for (i = 0; i < arch.nregs; i++)
		if (!strcmp(arch.regs[i].name, name))
			return &arch.regs[i];
	return NULL;
}

int arch_arg_offset(unsigned n)
{
	const struct arch_reg *r = n < arch.nargs ? arch_reg(arch.args[n]) : NULL;

	return r ? r->offset : -1;
}
