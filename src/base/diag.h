/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Diagnostics. User errors at a source location print
 * "file:line:col: error: message", the source line and a caret, then exit.
 * Errors without a location print "sonde: error: message".
 */
#ifndef SONDE_DIAG_H
#define SONDE_DIAG_H

#include <stdnoreturn.h>

#include "base/common.h"

/*
 * A whole input file held in memory; every token points back into it.
 * text[len] is a NUL, which the lexer may read as it looks one ahead.
 */
struct source {
	const char *name;
	const char *text;
	size_t len;
};

/* Where a token or AST node came from: 1-based line and byte column. */
struct loc {
	const struct source *src;
	unsigned line, col;
	unsigned off, len;
};

noreturn void error_at(const struct loc *loc, const char *fmt, ...) PRINTF(2, 3);
void warn_at(const struct loc *loc, const char *fmt, ...) PRINTF(2, 3);
void note_at(const struct loc *loc, const char *fmt, ...) PRINTF(2, 3);
noreturn void die(const char *fmt, ...) PRINTF(1, 2);
/* A flaw of sonde's own, not of the script or the system: says so and aborts. */
noreturn void bug(const char *fmt, ...) PRINTF(1, 2);
void warn(const char *fmt, ...) PRINTF(1, 2);
void err(const char *fmt, ...) PRINTF(1, 2);

/* Called by die() and error_at() before exiting, to release kernel state. */
void diag_on_fatal(void (*fn)(void *), void *arg);

#endif
