// SPDX-License-Identifier: GPL-2.0
/*
 * Workloads for the end-to-end tests and benchmarks, so that what is
 * traced is exactly known:
 *   workload getppid N     N getppid() system calls, made while the
 *                          process is named "getppid-loop" (and only then:
 *                          a sanitizer runtime makes calls of its own)
 *   workload pages N       touch N fresh pages (N page faults) while named
 *                          "pages-loop"
 *   workload sleeps N      sleep 1 ms N times (N context switches) while
 *                          named "sleep-loop"
 *   workload clock         print CLOCK_MONOTONIC in ns and exit
 *   workload u32s          write the u32s 11, 22, 33, 44 (16 bytes) to
 *                          /dev/null in one write()
 *   workload tcp4|tcp6     one TCP connection over loopback, 127.0.0.1 or ::1
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Listens on an ephemeral loopback port and connects to it. */
static int tcp(bool v6)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	struct sockaddr_in a4 = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr *a = v6 ? (struct sockaddr *)&a6 : (struct sockaddr *)&a4;
	socklen_t len = v6 ? sizeof(a6) : sizeof(a4);
	int l = socket(a->sa_family, SOCK_STREAM, 0), c = socket(a->sa_family, SOCK_STREAM, 0);

	if (l < 0 || c < 0 || bind(l, a, len) || listen(l, 1) || getsockname(l, a, &len) ||
	    connect(c, a, len)) {
		perror("workload tcp");
		return 1;
	}
	close(c);
	close(l);
	return 0;
}

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
	if (argc == 3 && !strcmp(argv[1], "pages")) {
		long i, n = atol(argv[2]), page = sysconf(_SC_PAGESIZE);
		volatile char *p = mmap(NULL, n * page, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return 1;
		/* One fault a page: no huge page may serve many at once. */
		madvise((void *)p, n * page, MADV_NOHUGEPAGE);
		prctl(PR_SET_NAME, "pages-loop");
		for (i = 0; i < n; i++)
			p[i * page] = 1;
		prctl(PR_SET_NAME, "workload");
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "sleeps")) {
		struct timespec ms = { 0, 1000000 };
		long i, n = atol(argv[2]);

		prctl(PR_SET_NAME, "sleep-loop");
		for (i = 0; i < n; i++)
			nanosleep(&ms, NULL);
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
	if (argc == 2 && (!strcmp(argv[1], "tcp4") || !strcmp(argv[1], "tcp6")))
		return tcp(argv[1][3] == '6');
	fprintf(stderr, "usage: workload getppid N | clock | u32s | tcp4 | tcp6\n");
	return 2;
}
