/* SPDX-License-Identifier: GPL-2.0 */
/* User-space addresses to symbol names, for ustack and usym. */
#ifndef SONDE_RUN_USYM_H
#define SONDE_RUN_USYM_H

#include <stddef.h>
#include <stdint.h>

struct usyms;

/*
 * An empty cache: each process's executable mappings are read from
 * /proc/PID/maps, and each mapped file's symbols, when an address of
 * theirs is first printed.
 */
struct usyms *usyms_new(void);
void usyms_free(struct usyms *u);

/*
 * "main+0x1a" for an address of a process, as ksym_name writes kernel
 * ones; the address in hex if the process is gone, the memory is not a
 * file's (a JIT's, [vdso]) or no symbol covers it.
 */
const char *usym_name(struct usyms *u, uint32_t pid, uint64_t addr, char *buf, size_t size);
/* The same without the offset, as bpftrace's usym() prints: "main". */
const char *usym_func(struct usyms *u, uint32_t pid, uint64_t addr, char *buf, size_t size);

#endif
