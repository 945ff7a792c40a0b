/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checks every generated program before the kernel sees it: a failure is
 * sonde's own bug, to be reported with the instruction's index, not as a
 * kernel errno.
 */
#ifndef SONDE_BPF_VALIDATE_H
#define SONDE_BPF_VALIDATE_H

#include "bpf/insn.h"

/*
 * Whether the program is sound: opcodes known, jumps inside it and never
 * into a 64-bit load, every instruction reachable and the last one an exit
 * or a jump, stack accesses within 512 bytes, no register read before it
 * is written, r10 never written. If not, msg says why, naming the
 * instruction: "instruction 12: jump to 40, outside the program (38
 * instructions)".
 */
bool bpf_validate(const struct bpf_insn *insns, unsigned n, char *msg, size_t size);

#endif
