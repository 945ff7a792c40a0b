// SPDX-License-Identifier: GPL-2.0
/*
 * LD_PRELOAD=tests/fault.so: makes one of sonde's kernel calls fail, to
 * test that every way out says what failed and leaves nothing behind.
 * SONDE_FAULT=bpf:N fails the Nth bpf() call, perf:N the Nth
 * perf_event_open(), with ENOMEM (or SONDE_FAULT_ERRNO), and creates the
 * file SONDE_FAULT_LOG names when it does. sonde makes both calls through
 * syscall(), which this replaces.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

long syscall(long nr, ...);

/* Whether this call is the one to fail. */
static int injected(long nr)
{
	static long calls;
	const char *spec = getenv("SONDE_FAULT");
	long which = nr == __NR_bpf ? 0 : nr == __NR_perf_event_open ? 1 : -1;
	size_t len;

	if (!spec || which < 0)
		return 0;
	len = strlen(which ? "perf:" : "bpf:");
	if (strncmp(spec, which ? "perf:" : "bpf:", len))
		return 0;
	return ++calls == atol(spec + len);
}

long syscall(long nr, ...)
{
	static long (*real)(long, ...);
	long a[6];
	va_list ap;
	int i;

	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (injected(nr)) {
		const char *e = getenv("SONDE_FAULT_ERRNO"), *log = getenv("SONDE_FAULT_LOG");

		if (log)
			close(open(log, O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
		errno = e ? atoi(e) : ENOMEM;
		return -1;
	}
	if (!real)
		real = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
	return real(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}
