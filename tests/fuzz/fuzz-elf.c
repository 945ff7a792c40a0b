// SPDX-License-Identifier: GPL-2.0
/* The ELF reader: headers, symbol tables and segments of any file. */
#include "arch/arch.h"
#include "fuzz.h"
#include "kernel/elf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct elf_sym *s;
	const char *why;
	unsigned i;
	struct elf *e;

	/* Each backend's machine and byte order, so that every reader path is taken. */
	for (i = 0; arch_all[i]; i++) {
		e = elf_read(data, size, arch_all[i], &why);
		if (!e)
			continue;
		if (e->nsyms) {
			elf_symbol(e, e->syms[0].name);
			elf_file_offset(e, e->syms[e->nsyms - 1].addr);
		}
		if (e->naddrs) {
			s = &e->addrs[e->naddrs / 2];
			elf_symbol_at(e, s->addr + s->size);
			elf_symbol_at(e, e->addrs[0].addr - 1);
			elf_vaddr(e, (uint64_t)elf_file_offset(e, s->addr));
		}
		elf_symbol(e, "main");
		elf_symbol_at(e, 0x1000);
		elf_file_offset(e, 0x1000);
		elf_vaddr(e, 0x1000);
		elf_close(e);
	}
	return 0;
}
