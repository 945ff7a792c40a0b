// SPDX-License-Identifier: GPL-2.0
/*
 * Workloads for the end-to-end tests and benchmarks, so that what is
 * traced is exactly known:
 *   workload getppid N     N getppid() system calls, made while the
 *                          process is named "getppid-loop" (and only then:
 *                          a sanitizer runtime makes calls of its own)
 *   workload clock         print CLOCK_MONOTONIC in ns and exit
 *   workload u32s          write the u32s 11, 22, 33, 44 (16 bytes) to
 *                          /dev/null in one write()
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "getppid")) {
		long i, n = atol(argv[2]);

		prctl(PR_SET_NAME, "getppid-loop");
		/* The raw system call: no libc may answer it from a cache. */
		for (i = 0; i < n; i++)
			syscall(SYS_getppid);
		prctl(PR_SET_NAME, "workload");
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "clock")) {
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		printf("%lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "u32s")) {
		static const uint32_t u32s[] = { 11, 22, 33, 44 };
		int fd = open("/dev/null", O_WRONLY);

		return fd < 0 || write(fd, u32s, sizeof(u32s)) != sizeof(u32s);
	}
	fprintf(stderr, "usage: workload getppid N | workload clock | workload u32s\n");
	return 2;
}
