/* SPDX-License-Identifier: GPL-2.0 */
/* A growable byte buffer, always NUL-terminated once written to. */
#ifndef SONDE_BUF_H
#define SONDE_BUF_H

#include <stdarg.h>

#include "base/common.h"

struct buf {
	char *data;
	size_t len, cap;
};

void buf_add(struct buf *b, const void *data, size_t len);
void buf_printf(struct buf *b, const char *fmt, ...) PRINTF(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_free(struct buf *b);

#endif
