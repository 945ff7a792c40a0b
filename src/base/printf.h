/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sonde's vfprintf(): under the C library's own name in static musl
 * builds, where it replaces musl's; as sonde_vfprintf() for the tests.
 */
#ifndef SONDE_PRINTF_H
#define SONDE_PRINTF_H

#include <stdarg.h>
#include <stdio.h>

#if defined(SONDE_OWN_PRINTF) && !defined(SONDE_PRINTF_TEST)
#define SONDE_VFPRINTF vfprintf
#else
#define SONDE_VFPRINTF sonde_vfprintf
#endif

int SONDE_VFPRINTF(FILE *restrict f, const char *restrict fmt, va_list ap);

#endif
