// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#define ARENA_CHUNK 16384

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die("out of memory (%zu bytes)", size);
	return p;
}

void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		die("out of memory (%zu bytes)", size);
	return p;
}

void *arena_alloc(struct arena *a, size_t size)
{
	struct arena_chunk *c = a->head;
	void *p;

	size = ALIGN_UP(size, sizeof(max_align_t));
	if (!c || c->size - c->used < size) {
		size_t csize = size > ARENA_CHUNK / 2 ? size : ARENA_CHUNK;

		c = xmalloc(sizeof(*c) + csize);
		c->size = csize;
		c->used = 0;
		/* An oversized chunk goes behind the current one, which may still have room. */
		if (a->head && csize != ARENA_CHUNK) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = (char *)c->data + c->used;
	c->used += size;
	return memset(p, 0, size);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;
	char *p;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	p = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return p;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}

void buf_add(struct buf *b, const void *data, size_t len)
{
	if (b->len + len + 1 > b->cap) {
		b->cap = b->cap ? b->cap : 256;
		while (b->len + len + 1 > b->cap)
			b->cap *= 2;
		b->data = xrealloc(b->data, b->cap);
	}
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	char small[256];
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		buf_add(b, small, n);
		return;
	}
	buf_add(b, NULL, 0);
	if (b->len + n + 1 > b->cap) {
		b->cap = b->len + n + 1;
		b->data = xrealloc(b->data, b->cap);
	}
	vsnprintf(b->data + b->len, n + 1, fmt, ap);
	b->len += n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

static void (*fatal_fn)(void *);
static void *fatal_arg;

void util_on_fatal(void (*fn)(void *), void *arg)
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

static void vreport(const struct loc *loc, enum severity sev,
		    const char *fmt, va_list ap)
{
	static const char *const label[] = { "error", "warning", "note" };
	static const char *const colour[] = { "\033[1;31m", "\033[1;35m", "\033[1;36m" };
	bool c = use_colour();

	fflush(stdout);
	if (loc && loc->src)
		fprintf(stderr, "%s%s:%u:%u: ", c ? "\033[1m" : "",
			loc->src->name, loc->line, loc->col);
	else
		fprintf(stderr, "%ssonde: ", c ? "\033[1m" : "");
	fprintf(stderr, "%s%s:%s ", c ? colour[sev] : "", label[sev], c ? "\033[0m" : "");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);

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

uint64_t load_uint(const void *p, unsigned size)
{
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;

	switch (size) {
	case 1: memcpy(&v8, p, 1); return v8;
	case 2: memcpy(&v16, p, 2); return v16;
	case 4: memcpy(&v32, p, 4); return v32;
	default: memcpy(&v64, p, 8); return v64;
	}
}

char *read_file(const char *path, size_t *lenp)
{
	struct buf b = { 0 };
	char chunk[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;

			close(fd);
			buf_free(&b);
			errno = e;
			return NULL;
		}
		buf_add(&b, chunk, n);
	}
	close(fd);
	buf_add(&b, NULL, 0);
	if (lenp)
		*lenp = b.len;
	return b.data;
}

int write_file(const char *path, const char *s, bool append)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | (append ? O_APPEND : O_TRUNC));
	size_t len = strlen(s);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, len);
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	return (size_t)n == len ? 0 : -EIO;
}

unsigned cpulist_parse(const char *list, bool *set, unsigned max)
{
	unsigned end = 0;
	const char *p = list;

	while (*p >= '0' && *p <= '9') {
		char *q;
		unsigned lo = (unsigned)strtoul(p, &q, 10), hi = lo, c;

		if (*q == '-')
			hi = (unsigned)strtoul(q + 1, &q, 10);
		for (c = lo; c <= hi && c < max; c++)
			if (set)
				set[c] = true;
		if (hi + 1 > end)
			end = hi + 1;
		p = *q == ',' ? q + 1 : q;
	}
	return end;
}

/* Levenshtein distance, to suggest a name close to a misspelt one. */
unsigned edit_distance(const char *a, const char *b)
{
	unsigned row[32], i, j, prev, tmp, la = strlen(a), lb = strlen(b);

	if (la >= ARRAY_SIZE(row) || lb >= ARRAY_SIZE(row))
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = a[i - 1] == b[j - 1] ? prev :
				 1 + (prev < row[j] ? (prev < row[j - 1] ? prev : row[j - 1]) :
					  (row[j] < row[j - 1] ? row[j] : row[j - 1]));
			prev = tmp;
		}
	}
	return row[lb];
}

const char *closest_entry(const char *dir, const char *name)
{
	static char best[256];
	unsigned best_d = 4;
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		unsigned dist = edit_distance(name, de->d_name);

		if (de->d_name[0] != '.' && dist < best_d) {
			best_d = dist;
			snprintf(best, sizeof(best), "%s", de->d_name);
		}
	}
	closedir(d);
	return best_d < 4 ? best : NULL;
}

/* One [...] class at p: advances p past it; whether c is in it. */
static bool class_match(const char **pp, char c)
{
	const char *p = *pp + 1;
	bool negate = *p == '!' || *p == '^', found = false;

	p += negate;
	do {
		char lo = *p, hi = lo;

		if (p[1] == '-' && p[2] && p[2] != ']') {
			hi = p[2];
			p += 2;
		}
		found |= c >= lo && c <= hi;
		p++;
	} while (*p && *p != ']');
	*pp = *p ? p + 1 : p;
	return found != negate;
}

bool glob_match(const char *pattern, const char *text)
{
	const char *star = NULL, *resume = NULL, *p;

	while (*text) {
		p = pattern;
		if (*p == '*') {
			star = ++pattern;
			resume = text;
			continue;
		}
		if (*p == '[' && strchr(p, ']')) {
			if (class_match(&p, *text)) {
				pattern = p;
				text++;
				continue;
			}
		} else if (*p == '?' || *p == *text) {
			pattern++;
			text++;
			continue;
		}
		/* A mismatch: the last '*' swallows one more character, if there is one. */
		if (!star)
			return false;
		pattern = star;
		text = ++resume;
	}
	while (*pattern == '*')
		pattern++;
	return !*pattern;
}

bool has_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}
