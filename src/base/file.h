/* SPDX-License-Identifier: GPL-2.0 */
/* Small files of the system: whole reads, writes, and the CPU lists of sysfs. */
#ifndef SONDE_FILE_H
#define SONDE_FILE_H

#include "base/common.h"

/* Reads a whole file, NUL-terminated; NULL with errno set on failure. */
char *read_file(const char *path, size_t *len);
/* The same, failing with EFBIG past max bytes. */
char *read_file_max(const char *path, size_t max, size_t *len);
/* The same from an open file, in one read if it has hint bytes (as fstat() says, or 0). */
char *read_fd(int fd, size_t hint, size_t max, size_t *len);
/* Writes a string to a (sysfs/tracefs) file; 0 or -errno. */
int write_file(const char *path, const char *s, bool append);

/*
 * Parses a kernel CPU list such as "0-3,6", setting set[cpu] for each
 * listed CPU below max (set may be NULL); returns the highest + 1.
 */
unsigned cpulist_parse(const char *list, bool *set, unsigned max);

/* The number of possible CPUs, what per-CPU maps hold copies for; at least 1. */
unsigned cpus_possible(void);
/*
 * The online CPUs, as an array of ncpus flags the caller frees; CPU 0
 * alone when sysfs cannot tell.
 */
bool *cpus_online(unsigned ncpus);

#endif
