// SPDX-License-Identifier: GPL-2.0
/* The reader of tracepoint format files. */
#include <stdlib.h>

#include "fuzz.h"
#include "kernel/tracefs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = { 0 };
	struct tracefs_format fmt;
	char *text = fuzz_text(data, size);

	tracefs_parse_format(&a, text, &fmt);
	arena_free(&a);
	free(text);
	return 0;
}
