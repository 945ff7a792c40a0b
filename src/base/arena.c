// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"

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

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory (%zu x %zu bytes)", n, size);
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

void *arena_memdup(struct arena *a, const void *p, size_t size)
{
	return size ? memcpy(arena_alloc(a, size), p, size) : NULL;
}

void *arena_room(struct arena *a, void *array, size_t n, size_t size)
{
	void *more;

	if (n && (n < 16 || (n & (n - 1))))
		return array;
	more = arena_alloc(a, MAX(n * 2, 16) * size);
	if (n)
		memcpy(more, array, n * size);
	return more;
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
