/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the fuzz targets share. Each defines LLVMFuzzerTestOneInput(); with
 * clang's -fsanitize=fuzzer libFuzzer drives it, and replay.c does for the
 * regression files that make check replays.
 */
#ifndef SONDE_FUZZ_H
#define SONDE_FUZZ_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Runs fn(ctx) and returns whether it ended normally: sonde's fatal
 * errors, which would exit the process, come back here instead.
 */
int fuzz_run(void (*fn)(void *ctx), void *ctx);

/* A NUL-terminated copy of the input, for parsers of text; the caller frees it. */
char *fuzz_text(const uint8_t *data, size_t size);

#endif
