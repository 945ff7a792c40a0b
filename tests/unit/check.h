/* SPDX-License-Identifier: GPL-2.0 */
/* A minimal harness: each case prints "PASS name" or "FAIL name: why". */
#ifndef SONDE_CHECK_H
#define SONDE_CHECK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int check_failures;

__attribute__((format(printf, 3, 4)))
static bool check(const char *name, bool ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf("PASS %s\n", name);
		return true;
	}
	printf("FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	check_failures++;
	return false;
}

/* A string on one line, newlines shown as \n, for the driver's one-line reports. */
static const char *one_line(const char *s, char *out, size_t size)
{
	size_t n = 0;

	for (; *s && n + 3 < size; s++) {
		if (*s == '\n') {
			out[n++] = '\\';
			out[n++] = 'n';
		} else {
			out[n++] = *s;
		}
	}
	out[n] = '\0';
	return out;
}

static inline bool check_str(const char *name, const char *got, const char *want)
{
	char g[1024], w[1024];

	return check(name, !strcmp(got, want), "got \"%s\", want \"%s\"",
		     one_line(got, g, sizeof(g)), one_line(want, w, sizeof(w)));
}

#endif
