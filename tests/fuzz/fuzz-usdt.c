// SPDX-License-Identifier: GPL-2.0
/* USDT: the notes of any ELF file, their operands, and any text as operands, for every backend. */
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h"
#include "fuzz.h"
#include "kernel/elf.h"
#include "kernel/usdt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct usdt_arg args[USDT_MAX_ARGS];
	char *text = fuzz_text(data, size);
	const char *why, *at;
	struct elf_usdt *u;
	struct elf *e;
	size_t n, i, k;

	for (i = 0; arch_all[i]; i++) {
		usdt_parse(arch_all[i], text, args, &why, &at);
		e = elf_read(data, size, arch_all[i], &why);
		if (!e)
			continue;
		u = elf_usdt(e, &n);
		for (k = 0; k < n; k++) {
			usdt_parse(arch_all[i], u[k].args, args, &why, &at);
			elf_file_offset(e, u[k].pc);
			elf_data_offset(e, u[k].semaphore);
			/* The strings end inside the file. */
			if (strlen(u[k].provider) + strlen(u[k].name) > size)
				abort();
		}
		free(u);
		elf_close(e);
	}
	free(text);
	return 0;
}
