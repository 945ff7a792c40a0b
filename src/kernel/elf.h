/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small ELF reader of our own: function symbols and file offsets, for
 * uprobes, and the way back from an address to its function, for ustack.
 */
#ifndef SONDE_KERNEL_ELF_H
#define SONDE_KERNEL_ELF_H

#include "arch/arch.h"
#include "base/common.h"

struct elf_sym {
	const char *name;
	uint64_t addr;		/* virtual address, entry point of the function */
	uint64_t size;		/* st_size, 0 if unknown */
	bool object;		/* a variable, not a function: by name only, for uaddr() */
};

struct elf {
	const unsigned char *data;
	size_t size;
	bool is64, swap;
	bool mapped;		/* data is sonde's mapping of the file */
	unsigned machine;
	bool pie;		/* ET_DYN: its addresses move where it is loaded */
	struct elf_sym *syms;	/* functions and variables of .symtab and .dynsym, by name */
	size_t nsyms;
	/*
	 * The same again, aliases and all, by address; there addr is where the
	 * code starts: before ppc64's local entry, without arm's Thumb bit.
	 */
	struct elf_sym *addrs;
	size_t naddrs;
};

/*
 * Maps an ELF file and reads its function symbols; NULL with *why set (a
 * static string) if it is not an ELF file of the target or cannot be read.
 */
struct elf *elf_open(const char *path, const struct arch *a, const char **why);
/* The same for an ELF file in memory, which must outlive the result. */
struct elf *elf_read(const void *data, size_t size, const struct arch *a, const char **why);
void elf_close(struct elf *e);
/* Whether a file is an ELF file of the target's machine, class and byte order. */
bool elf_is_for(const char *path, const struct arch *a);

const struct elf_sym *elf_symbol(const struct elf *e, const char *name);
/*
 * The function whose code holds a virtual address (by st_size; one of
 * size 0 reaches the next function, within 4 KiB), or NULL. Of aliases,
 * the name with the fewest leading underscores: write, not __write.
 */
const struct elf_sym *elf_symbol_at(const struct elf *e, uint64_t addr);
/* The file offset of a virtual address in an executable segment, or -1. */
int64_t elf_file_offset(const struct elf *e, uint64_t addr);
/* The other way: the virtual address of a file offset in an executable segment, or -1. */
int64_t elf_vaddr(const struct elf *e, uint64_t off);
/* The file offset of a virtual address in any loaded segment, data too, or -1. */
int64_t elf_data_offset(const struct elf *e, uint64_t addr);

/* A statically defined probe (USDT) of .note.stapsdt. */
struct elf_usdt {
	const char *provider, *name;
	const char *args;	/* "-4@%edi 8@-8(%rbp)": the assembler's operands */
	uint64_t pc;		/* virtual addresses, adjusted by .stapsdt.base */
	uint64_t semaphore;	/* 0 if none: its u16 counts the tracers attached */
};

/* The file's USDT probes, in the order of its notes: *n of them, to free(). */
struct elf_usdt *elf_usdt(const struct elf *e, size_t *n);

#endif
