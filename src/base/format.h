/* SPDX-License-Identifier: GPL-2.0 */
/* printf-format scanning, shared by the type checker and the printer. */
#ifndef SONDE_BASE_FORMAT_H
#define SONDE_BASE_FORMAT_H

#include "base/common.h"

/* One conversion: "%-16s" has flags "-", width 16 and conv 's'. */
struct conv {
	size_t start, len;	/* offset of the '%' and length up to the conversion */
	size_t spec_len;	/* length of '%', flags, width and precision */
	char conv;		/* 'd', 's', 'v', '%'... */
	int width;		/* -1 if none */
	bool left;		/* '-' flag */
	bool bad;		/* malformed or unsupported */
};

/* Scans the next conversion at or after fmt[pos]; false when none is left. */
bool format_next(const char *fmt, size_t pos, struct conv *c);

#endif
