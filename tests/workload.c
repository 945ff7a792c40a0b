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
 *   workload open FILE N   opens FILE (openat) and closes it, N times
 *   workload stat FILE N   stat()s FILE N times
 *   workload threads N     starts N threads, one after another
 *   workload spin MS       keeps a CPU busy for MS ms, named "spin-loop"
 *   workload dio FILE N    writes N blocks of 4 KiB to FILE with O_DIRECT,
 *                          each one a block request of its own
 *   workload relay N       N getppid() calls named "relay-loop", by turns
 *                          on CPU 0 and CPU 1 (exit status 3 without both)
 */
#include "config.h"	/* first: it selects the GNU extensions (O_DIRECT) */

#include <arpa/inet.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
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

static void *thread(void *arg)
{
	return arg;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Writes a byte to each page: unchecked by ASan, whose shadow pages would fault too. */
__attribute__((no_sanitize_address))
static void touch_pages(volatile char *p, long n, long page)
{
	long i;

	for (i = 0; i < n; i++)
		p[i * page] = 1;
}

/* The modes that take a file and a count; 0 on success. */
static int file_mode(const char *mode, const char *file, long n)
{
	static char block[4096] __attribute__((aligned(4096)));
	struct stat st;
	long i;
	int fd = -1;

	if (!strcmp(mode, "dio"))
		fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_DIRECT, 0644);
	for (i = 0; i < n; i++) {
		if (!strcmp(mode, "open")) {
			fd = open(file, O_RDONLY);
			if (fd < 0)
				return 1;
			close(fd);
		} else if (!strcmp(mode, "stat")) {
			stat(file, &st);	/* a file that is not there is a case too */
		} else if (fd < 0 || pwrite(fd, block, sizeof(block), i * 4096) != sizeof(block)) {
			perror("workload dio");
			return 1;
		}
	}
	return !strcmp(mode, "dio") && close(fd);
}

static bool run_on(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set) == 0;
}

/*
 * Two processes take turns passing a byte through pipes, one getppid()
 * a turn: the calls happen in a known order, alternating CPUs.
 */
static int relay(long n)
{
	int to_child[2], to_parent[2], in, out, status = 0;
	pid_t pid;
	char c = 0;
	long i;

	if (!run_on(1))
		return 3;
	if (pipe(to_child) || pipe(to_parent) || (pid = fork()) < 0)
		return 1;
	/* Each keeps its own ends only: the other's exit ends its read. */
	in = pid ? to_parent[0] : to_child[0];
	out = pid ? to_child[1] : to_parent[1];
	close(pid ? to_child[0] : to_parent[0]);
	close(pid ? to_parent[1] : to_child[1]);
	if (pid && !run_on(0))
		return 3;
	prctl(PR_SET_NAME, "relay-loop");
	/* The parent takes the even turns, the child the odd ones. */
	for (i = pid == 0; i < n; i += 2) {
		if (i > 0 && read(in, &c, 1) != 1)
			return 1;
		syscall(SYS_getppid);
		if (i + 1 < n && write(out, &c, 1) != 1)
			return 1;
	}
	prctl(PR_SET_NAME, "workload");
	if (pid)
		waitpid(pid, &status, 0);
	return pid && status;
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
		long n = atol(argv[2]), page = sysconf(_SC_PAGESIZE);
		volatile char *p = mmap(NULL, n * page, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return 1;
		/* One fault a page: no huge page may serve many at once. */
		madvise((void *)p, n * page, MADV_NOHUGEPAGE);
		prctl(PR_SET_NAME, "pages-loop");
		touch_pages(p, n, page);
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
	if (argc == 4 && (!strcmp(argv[1], "open") || !strcmp(argv[1], "stat") ||
			  !strcmp(argv[1], "dio")))
		return file_mode(argv[1], argv[2], atol(argv[3]));
	if (argc == 3 && !strcmp(argv[1], "threads")) {
		long i, n = atol(argv[2]);
		pthread_t t;

		for (i = 0; i < n; i++)
			if (pthread_create(&t, NULL, thread, NULL) || pthread_join(t, NULL))
				return 1;
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "relay"))
		return relay(atol(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "spin")) {
		long long end = now_ns() + atoll(argv[2]) * 1000000LL;

		prctl(PR_SET_NAME, "spin-loop");
		while (now_ns() < end)
			;
		return 0;
	}
	fprintf(stderr, "usage: workload getppid N | clock | u32s | tcp4 | tcp6 | open FILE N |\n"
		"       stat FILE N | threads N | spin MS | dio FILE N | relay N\n");
	return 2;
}
