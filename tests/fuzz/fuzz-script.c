// SPDX-License-Identifier: GPL-2.0
/*
 * The script front end, lexer to disassembler, for one of several fixed
 * targets: no kernel is touched. SONDE_TRACEFS names the tracepoint
 * formats and function list (tests/golden/tracefs).
 */
#include <stdio.h>
#include <stdlib.h>

#include "compile.h"
#include "fuzz.h"

static const char *const targets[] = {
	"x86_64,6.1", "aarch64,5.10", "arm,4.19", "mips,6.12", "powerpc64,6.1", "riscv32,5.10",
};

struct job {
	struct source src;
	struct target target;
	struct options opt;
	struct plan plan;
	struct arena scratch;
	FILE *out;
};

static void compile_and_dump(void *ctx)
{
	struct job *j = ctx;

	compile(&j->plan, &j->src, &j->target, &j->opt, &j->scratch);
	plan_dump(&j->plan, j->out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct job j = { .opt = { .map_entries = 1024, .string_size = 64, .pages = 16 } };
	char why[256], *text = fuzz_text(data, size);

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	j.out = null;
	j.src = (struct source){ "fuzz", text, size };
	/* The length picks the target: the script's bytes stay all the script's. */
	if (!target_profile(&j.target, targets[size % (sizeof(targets) / sizeof(*targets))],
			    why, sizeof(why)))
		abort();
	plan_init(&j.plan);
	fuzz_run(compile_and_dump, &j);
	plan_free(&j.plan);
	arena_free(&j.scratch);
	free(text);
	return 0;
}
