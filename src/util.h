/* SPDX-License-Identifier: GPL-2.0 */
/* Shared utilities: the compile arena, diagnostics, growable buffers. */
#ifndef SONDE_UTIL_H
#define SONDE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdnoreturn.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + (a) - 1) / (a) * (a))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define PRINTF(f, a) __attribute__((format(printf, f, a)))

/* A whole input file held in memory; every token points back into it. */
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

/*
 * Allocations that live and die together. The compiler allocates from one
 * arena freed after loading; what the runtime needs to print results (types,
 * formats) lives in a second one kept until exit.
 */
struct arena {
	struct arena_chunk *head;
};

void *arena_alloc(struct arena *a, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF(2, 3);
void arena_free(struct arena *a);

void *xmalloc(size_t size);
void *xrealloc(void *p, size_t size);

/* Growable byte buffer. */
struct buf {
	char *data;
	size_t len, cap;
};

void buf_add(struct buf *b, const void *data, size_t len);
void buf_printf(struct buf *b, const char *fmt, ...) PRINTF(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_free(struct buf *b);

/*
 * Diagnostics. User errors at a source location print
 * "file:line:col: error: message", the source line and a caret, then exit.
 * Errors without a location print "sonde: error: message".
 */
noreturn void error_at(const struct loc *loc, const char *fmt, ...) PRINTF(2, 3);
void warn_at(const struct loc *loc, const char *fmt, ...) PRINTF(2, 3);
void note_at(const struct loc *loc, const char *fmt, ...) PRINTF(2, 3);
noreturn void die(const char *fmt, ...) PRINTF(1, 2);
void warn(const char *fmt, ...) PRINTF(1, 2);
void err(const char *fmt, ...) PRINTF(1, 2);

/* Called by die() and error_at() before exiting, to release kernel state. */
void util_on_fatal(void (*fn)(void *), void *arg);

/*
 * Parses a kernel CPU list such as "0-3,6" (from /sys/devices/system/cpu),
 * setting set[cpu] for each listed CPU below max; returns the highest + 1.
 */
unsigned cpulist_parse(const char *list, bool *set, unsigned max);

/* Levenshtein distance, to suggest a name close to a misspelt one. */
unsigned edit_distance(const char *a, const char *b);
/* The entry of a directory closest to name (a few edits at most), or NULL. */
const char *closest_entry(const char *dir, const char *name);

/*
 * Shell-style matching of a whole string: '*', '?' and classes such as
 * [a-z] or [!0-9]. fnmatch() would bring wide-character tables into a
 * static binary.
 */
bool glob_match(const char *pattern, const char *text);
bool has_glob(const char *s);

/* The unsigned integer of size 1, 2, 4 or 8 bytes at p, in host byte order. */
uint64_t load_uint(const void *p, unsigned size);

/* Reads a whole file; NULL with errno set on failure. */
char *read_file(const char *path, size_t *len);
/* Writes a string to a (sysfs/tracefs) file; 0 or -errno. */
int write_file(const char *path, const char *s, bool append);

#endif
