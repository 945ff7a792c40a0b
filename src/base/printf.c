// SPDX-License-Identifier: GPL-2.0
/*
 * vfprintf() for static musl builds, under which printf(), snprintf() and
 * the others all run: musl's brings 9 KB of floating-point formatting into
 * every program that prints, and sonde prints no floating point. This one
 * takes the conversions sonde uses: d i u x X o c s p and %, the flags
 * - 0 + space #, a width and a precision (or *), and the length modifiers
 * hh h l ll j z t. Configure builds it only where it replaces musl's; the
 * unit tests compare it with the C library's under another name.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/printf.h"

#if defined(SONDE_OWN_PRINTF) || defined(SONDE_PRINTF_TEST)

/* Output goes to the FILE in chunks: one write for a line to an unbuffered stderr. */
struct out {
	FILE *f;
	size_t len;
	int total;
	char buf[256];
};

static void put(struct out *o, const char *s, size_t n)
{
	o->total += (int)n;
	while (n) {
		size_t k = sizeof(o->buf) - o->len < n ? sizeof(o->buf) - o->len : n;

		memcpy(o->buf + o->len, s, k);
		o->len += k;
		s += k;
		n -= k;
		if (o->len == sizeof(o->buf)) {
			fwrite(o->buf, 1, o->len, o->f);
			o->len = 0;
		}
	}
}

static void pad(struct out *o, char c, int n)
{
	for (; n > 0; n--)
		put(o, &c, 1);
}

enum { LEFT = 1, ZERO = 2, PLUS = 4, SPACE = 8, ALT = 16 };

/* One conversion's text: its prefix ("-", "0x"), zeros to the precision, then body. */
static void emit(struct out *o, unsigned flags, int width, int zeros, const char *prefix,
		 const char *body, size_t len)
{
	int n = (int)(strlen(prefix) + len) + (zeros > 0 ? zeros : 0);

	if (!(flags & LEFT))
		pad(o, ' ', width - n);
	put(o, prefix, strlen(prefix));
	pad(o, '0', zeros);
	put(o, body, len);
	if (flags & LEFT)
		pad(o, ' ', width - n);
}

int SONDE_VFPRINTF(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	static const char flag_chars[] = "-0+ #";
	struct out o = { .f = f };
	char digits[24], *d, prefix[3];
	const char *pct, *s;
	unsigned flags, base;
	int width, prec, size;
	uint64_t v;

	for (;; fmt++) {
		pct = strchr(fmt, '%');
		put(&o, fmt, pct ? (size_t)(pct - fmt) : strlen(fmt));
		if (!pct)
			break;
		for (fmt = pct + 1, flags = 0; *fmt && strchr(flag_chars, *fmt); fmt++)
			flags |= 1u << (strchr(flag_chars, *fmt) - flag_chars);
		width = 0;
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
			if (width < 0)
				flags |= LEFT, width = -width;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		prec = -1;
		if (*fmt == '.') {
			prec = 0;
			if (*++fmt == '*')
				prec = va_arg(ap, int), fmt++;
			for (; *fmt >= '0' && *fmt <= '9'; fmt++)
				prec = prec * 10 + (*fmt - '0');
		}
		/* The argument's size: -2 hh, -1 h, 0 int, 1 long (z, t), 2 long long (j). */
		for (size = 0; *fmt && strchr("hljzt", *fmt); fmt++)
			size = *fmt == 'h' ? size - 1 : *fmt == 'j' || (*fmt == 'l' && size == 1) ? 2 : 1;
		prefix[0] = '\0';
		switch (*fmt) {
		case 'c':
			digits[0] = (char)va_arg(ap, int);
			emit(&o, flags, width, 0, "", digits, 1);
			continue;
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			emit(&o, flags, width, 0, "", s, prec >= 0 ? strnlen(s, (size_t)prec) :
			     strlen(s));
			continue;
		case 'd':
		case 'i': {
			int64_t x = size == 2 ? va_arg(ap, long long) : size == 1 ?
				    va_arg(ap, long) : va_arg(ap, int);

			x = size == -1 ? (short)x : size < -1 ? (signed char)x : x;
			v = x < 0 ? -(uint64_t)x : (uint64_t)x;
			strcpy(prefix, x < 0 ? "-" : flags & PLUS ? "+" : flags & SPACE ? " " : "");
			base = 10;
			break;
		}
		case 'p':
			v = (uintptr_t)va_arg(ap, void *);
			flags |= ALT;
			base = 16;
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			v = size == 2 ? va_arg(ap, unsigned long long) : size == 1 ?
			    va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			v = size == -1 ? (unsigned short)v : size < -1 ? (unsigned char)v : v;
			base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
			break;
		case '%':
			put(&o, "%", 1);
			continue;
		default:	/* not one sonde writes: shown as it is */
			put(&o, pct, (size_t)(fmt - pct) + (*fmt != '\0'));
			if (!*fmt)
				fmt--;
			continue;
		}
		d = digits + sizeof(digits);
		for (; v; v /= base)
			*--d = "0123456789abcdef"[v % base] - (*fmt == 'X' && v % base > 9 ? 32 : 0);
		if (d == digits + sizeof(digits) && prec)
			*--d = '0';
		if (flags & ALT && base == 16 && *d != '0')
			strcpy(prefix, *fmt == 'X' ? "0X" : "0x");
		if (flags & ALT && base == 8 && *d != '0')
			strcpy(prefix, "0");
		size = (int)(digits + sizeof(digits) - d);
		emit(&o, flags, width, prec >= 0 ? prec - size : flags & ZERO && !(flags & LEFT) ?
		     width - size - (int)strlen(prefix) : 0, prefix, d, (size_t)size);
	}
	if (o.len)
		fwrite(o.buf, 1, o.len, f);
	return ferror(f) ? -1 : o.total;
}

#endif
