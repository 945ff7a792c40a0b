// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "base/arena.h"
#include "base/buf.h"

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
