/* SPDX-License-Identifier: GPL-2.0 */
/* Disassembler in the kernel verifier's notation, shared by -S and the tests. */
#ifndef SONDE_BPF_DISASM_H
#define SONDE_BPF_DISASM_H

#include <stdio.h>

#include "bpf/insn.h"

/*
 * Names what a 64-bit immediate load refers to (a map, a kernel symbol),
 * or returns NULL to show the number.
 */
typedef const char *disasm_name_fn(const void *ctx, unsigned pc, const struct bpf_insn *insn);

/*
 * Writes the instruction at pc (jump targets made absolute) and returns
 * how many slots it used: 2 for 64-bit immediates. name may be NULL.
 */
int disasm_insn(FILE *out, const struct bpf_insn *insn, unsigned pc, disasm_name_fn *name,
		const void *ctx);
const char *disasm_helper(int id);

#endif
