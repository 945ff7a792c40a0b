// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "base/format.h"

bool format_next(const char *fmt, size_t pos, struct conv *c)
{
	const char *p = strchr(fmt + pos, '%');

	if (!p)
		return false;
	c->start = p - fmt;
	c->width = -1;
	c->left = false;
	c->bad = false;
	for (p++; *p && strchr("-+ #0", *p); p++)
		c->left |= *p == '-';
	if (*p >= '1' && *p <= '9')
		c->width = (int)strtol(p, (char **)&p, 10);
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	c->spec_len = p - (fmt + c->start);
	/* Length modifiers are accepted and ignored: every value travels as 64 bits. */
	while (*p && strchr("hlLjzt", *p))
		p++;
	c->conv = *p;
	if (!*p || !strchr("diouxXcspv%", *p) || (*p == '%' && p != fmt + c->start + 1))
		c->bad = true;
	c->len = p + (*p != '\0') - (fmt + c->start);
	return true;
}
