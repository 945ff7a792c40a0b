// SPDX-License-Identifier: GPL-2.0
/*
 * sonde's vfprintf, which static musl builds print with, against the C
 * library's on every conversion, flag, width, precision and length sonde
 * writes, at the edges of each type; and through a FILE's small buffer.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/printf.h"
#include "check.h"

static char ours[512], theirs[512];

__attribute__((format(printf, 1, 2)))
static void both(const char *fmt, ...)
{
	FILE *f = fmemopen(ours, sizeof(ours), "w");
	va_list ap;
	int n, m;

	va_start(ap, fmt);
	n = sonde_vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
	va_start(ap, fmt);
	m = vsnprintf(theirs, sizeof(theirs), fmt, ap);
	va_end(ap);
	check(fmt, n == m && !strcmp(ours, theirs), "'%s' (%d), the C library's '%s' (%d)", ours,
	      n, theirs, m);
}

int main(void)
{
	static char longer[2000];

	both("plain text, no conversion");
	both("%d %i %d %d", 0, -1, INT_MAX, INT_MIN);
	both("%u %u %x %X %o", 0u, UINT_MAX, 0xdeadbeefu, 0xabcdefu, 0755u);
	both("%ld %lu %lx", LONG_MIN, ULONG_MAX, LONG_MAX);
	both("%lld %llu %llx %llX", LLONG_MIN, ULLONG_MAX, 0x123456789abcdefULL, ~0ULL);
	both("%zu %zx %td %jd %ju", (size_t)-1, (size_t)4096, (ptrdiff_t)-5, INTMAX_MIN, UINTMAX_MAX);
	both("%hd %hu %hhd %hhu %hx", -32768, 65535, -128, 255, 0x1ffff);
	both("[%5d] [%-5d] [%05d] [%+d] [% d] [%+5d] [%-+5d]", 42, 42, 42, 42, 42, -42, 42);
	both("[%.3d] [%8.3d] [%-8.3d] [%.0d] [%.0d] [%.3x]", 7, -7, 7, 0, 1, 10);
	both("[%#x] [%#X] [%#o] [%#x] [%#o] [%#10x] [%#010x]", 255, 255, 8, 0, 0, 255, 255);
	both("[%*d] [%-*d] [%*d] [%.*d] [%.*s]", 6, 1, 6, 1, -6, 1, 4, 9, 3, "abcdef");
	both("[%s] [%10s] [%-10s] [%.2s] [%10.2s] [%-10.2s] [%s]", "abc", "abc", "abc", "abc",
	     "abc", "abc", "");
	both("[%c] [%3c] [%-3c]", 'a', 'b', 'c');
	both("[%p] [%p]", (void *)0x1234, (void *)&longer);
	both("100%% [%%] %d%%", 5);
	both("%s=%llu %s=%lld", "k", 18446744073709551615ULL, "v", -9223372036854775807LL - 1);
	memset(longer, 'x', sizeof(longer) - 1);
	/* Longer than its chunks and than the FILE takes: the count is still all of it. */
	both("%s|%s", longer, "end");
	return check_failures != 0;
}
