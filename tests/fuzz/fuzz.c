// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "fuzz.h"

static jmp_buf escape;

static void back(void *ctx)
{
	(void)ctx;
	longjmp(escape, 1);
}

int fuzz_run(void (*fn)(void *ctx), void *ctx)
{
	if (setjmp(escape))
		return 0;
	diag_on_fatal(back, NULL);
	fn(ctx);
	diag_on_fatal(NULL, NULL);
	return 1;
}

char *fuzz_text(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);

	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	return text;
}
