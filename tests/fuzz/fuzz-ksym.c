// SPDX-License-Identifier: GPL-2.0
/* The reader of /proc/kallsyms, and lookups of addresses and names in it. */
#include "fuzz.h"
#include "kernel/ksym.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ksyms *ks = ksyms_parse(fuzz_text(data, size));
	char name[256];
	uint64_t probes[] = { 0, 1, 0xffffffff81000000ULL, UINT64_MAX };
	unsigned i;

	for (i = 0; i < sizeof(probes) / sizeof(*probes); i++)
		ksym_name(ks, probes[i], name, sizeof(name));
	ksym_addr(ks, "vfs_read");
	ksyms_free(ks);
	return 0;
}
