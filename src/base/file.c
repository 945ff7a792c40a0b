// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/file.h"

char *read_file(const char *path, size_t *lenp)
{
	return read_file_max(path, SIZE_MAX, lenp);
}

char *read_file_max(const char *path, size_t max, size_t *lenp)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), e;
	char *text;

	if (fd < 0)
		return NULL;
	text = read_fd(fd, 0, max, lenp);
	e = errno;
	close(fd);
	errno = e;
	return text;
}

char *read_fd(int fd, size_t hint, size_t max, size_t *lenp)
{
	size_t cap = hint + 4096, len = 0;
	char *p = xmalloc(cap);
	ssize_t n;

	while ((n = read(fd, p + len, cap - len - 1)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (len += (size_t)n) > max) {
			free(p);
			errno = n < 0 ? errno : EFBIG;
			return NULL;
		}
		if (len == cap - 1)
			p = xrealloc(p, cap *= 2);
	}
	p[len] = '\0';
	if (lenp)
		*lenp = len;
	return p;
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
		for (c = lo; set && c <= hi && c < max; c++)
			set[c] = true;
		if (hi + 1 > end)
			end = hi + 1;
		p = *q == ',' ? q + 1 : q;
	}
	return end;
}

unsigned cpus_possible(void)
{
	char *list = read_file("/sys/devices/system/cpu/possible", NULL);
	unsigned n = list ? cpulist_parse(list, NULL, 0) : 0;

	free(list);
	return n ? n : 1;
}

bool *cpus_online(unsigned ncpus)
{
	char *list = read_file("/sys/devices/system/cpu/online", NULL);
	bool *online = xcalloc(ncpus, sizeof(*online));

	if (list)
		cpulist_parse(list, online, ncpus);
	else
		online[0] = true;
	free(list);
	return online;
}
