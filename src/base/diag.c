// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/diag.h"

static void (*fatal_fn)(void *);
static void *fatal_arg;

void diag_on_fatal(void (*fn)(void *), void *arg)
{
	fatal_fn = fn;
	fatal_arg = arg;
}

static noreturn void fatal_exit(void)
{
	void (*fn)(void *) = fatal_fn;

	fatal_fn = NULL; /* a failure inside the cleanup must not recurse */
	if (fn)
		fn(fatal_arg);
	exit(1);
}

enum severity { SEV_ERROR, SEV_WARNING, SEV_NOTE };

static bool use_colour(void)
{
	static int cached = -1;

	if (cached < 0) {
		const char *term = getenv("TERM");

		cached = isatty(STDERR_FILENO) && !getenv("NO_COLOR") &&
			 term && strcmp(term, "dumb");
	}
	return cached;
}

/* The words of msg after col columns, in lines of at most 80, the later ones indented. */
static void put_wrapped(const char *msg, size_t col)
{
	const char *p = msg;
	size_t len;

	while (*p) {
		len = strcspn(p, " ");
		if (p > msg && col + 1 + len > 80) {
			fputs("\n   ", stderr);
			col = 3;
		} else if (p > msg) {
			fputc(' ', stderr);
			col++;
		}
		fwrite(p, 1, len, stderr);
		col += len;
		p += len;
		p += *p == ' ';
	}
	fputc('\n', stderr);
}

static void vreport(const struct loc *loc, enum severity sev,
		    const char *fmt, va_list ap)
{
	static const char *const label[] = { "error", "warning", "note" };
	static const char *const colour[] = { "\033[1;31m", "\033[1;35m", "\033[1;36m" };
	bool c = use_colour();
	char head[256], msg[2048];

	fflush(stdout);
	if (loc && loc->src)
		snprintf(head, sizeof(head), "%s:%u:%u: ", loc->src->name, loc->line, loc->col);
	else
		snprintf(head, sizeof(head), "sonde: ");
	fprintf(stderr, "%s%s%s%s:%s ", c ? "\033[1m" : "", head, c ? colour[sev] : "",
		label[sev], c ? "\033[0m" : "");
	vsnprintf(msg, sizeof(msg), fmt, ap);
	put_wrapped(msg, strlen(head) + strlen(label[sev]) + 2);

	if (!loc || !loc->src || loc->off > loc->src->len)
		return;

	/* The source line, then a caret under the offending token. */
	const char *text = loc->src->text, *start = text + loc->off, *end;
	unsigned i, len = loc->len ? loc->len : 1;

	while (start > text && start[-1] != '\n')
		start--;
	for (end = text + loc->off; end < text + loc->src->len && *end != '\n'; end++)
		;
	fprintf(stderr, " %5u | %.*s\n       | ", loc->line, (int)(end - start), start);
	for (i = 0; start + i < text + loc->off; i++)
		fputc(start[i] == '\t' ? '\t' : ' ', stderr);
	if (text + loc->off + len > end)
		len = end > text + loc->off ? end - (text + loc->off) : 1;
	fprintf(stderr, "%s^", c ? colour[sev] : "");
	for (i = 1; i < len; i++)
		fputc('~', stderr);
	fprintf(stderr, "%s\n", c ? "\033[0m" : "");
}

noreturn void error_at(const struct loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(loc, SEV_ERROR, fmt, ap);
	va_end(ap);
	fatal_exit();
}

void warn_at(const struct loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(loc, SEV_WARNING, fmt, ap);
	va_end(ap);
}

void note_at(const struct loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(loc, SEV_NOTE, fmt, ap);
	va_end(ap);
}

noreturn void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(NULL, SEV_ERROR, fmt, ap);
	va_end(ap);
	fatal_exit();
}

noreturn void bug(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "sonde: internal error: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "; this is a bug of sonde's, please report it\n");
	abort();
}

void err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(NULL, SEV_ERROR, fmt, ap);
	va_end(ap);
}

void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(NULL, SEV_WARNING, fmt, ap);
	va_end(ap);
}
