/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel addresses to symbol names, from /proc/kallsyms. */
#ifndef SONDE_KERNEL_KSYM_H
#define SONDE_KERNEL_KSYM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ksyms;

/*
 * Reads the code and data symbols of /proc/kallsyms; NULL if it cannot
 * (then addresses print as numbers). Nothing is cached on disk.
 */
struct ksyms *ksyms_load(void);
/* The same from the text of such a file, which it takes and frees. */
struct ksyms *ksyms_parse(char *text);
void ksyms_free(struct ksyms *ks);

/* "vfs_read+0x1a", or the address in hex if no symbol covers it. */
const char *ksym_name(const struct ksyms *ks, uint64_t addr, char *buf, size_t size);
/*
 * The address of the symbol called name, the lowest of several; 0 if
 * there is none, or /proc/kallsyms hides the addresses (kptr_restrict).
 */
uint64_t ksym_addr(const struct ksyms *ks, const char *name);
/* Whether it shows any address: none where kptr_restrict hides them. */
bool ksyms_shown(const struct ksyms *ks);

#endif
