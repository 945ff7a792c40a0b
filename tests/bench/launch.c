// SPDX-License-Identifier: GPL-2.0
/*
 * launch [-C CPU] -o FILE CMD [ARG...]
 *
 * Runs CMD and writes "START END" to FILE: CLOCK_MONOTONIC in ns taken in
 * the child right before execvp(), and again once CMD has been reaped.
 * The shell cannot read the monotonic clock, and timing from a shell adds
 * its own fork and exec to what is measured.  With -C, CMD runs pinned to
 * CPU (the affinity is set before the clock is read, so it is not timed).
 * Exits with CMD's status (128 + signal if it was killed).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	const char *out = NULL;
	long long *start, end;
	int opt, cpu = -1, status;
	FILE *f;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+C:o:")) != -1) {
		if (opt == 'C')
			cpu = atoi(optarg);
		else if (opt == 'o')
			out = optarg;
		else
			goto usage;
	}
	if (!out || optind >= argc)
		goto usage;

	/* The child stores its start time here, where the parent sees it. */
	start = mmap(NULL, sizeof(*start), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (start == MAP_FAILED) {
		perror("launch: mmap");
		return 125;
	}
	pid = fork();
	if (pid < 0) {
		perror("launch: fork");
		return 125;
	}
	if (pid == 0) {
		if (cpu >= 0) {
			cpu_set_t set;

			CPU_ZERO(&set);
			CPU_SET(cpu, &set);
			if (sched_setaffinity(0, sizeof(set), &set)) {
				perror("launch: sched_setaffinity");
				_exit(125);
			}
		}
		*start = now();
		execvp(argv[optind], argv + optind);
		perror(argv[optind]);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("launch: waitpid");
		return 125;
	}
	end = now();
	f = fopen(out, "w");
	if (!f || fprintf(f, "%lld %lld\n", *start, end) < 0 || fclose(f)) {
		perror(out);
		return 125;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
usage:
	fprintf(stderr, "usage: launch [-C CPU] -o FILE CMD [ARG...]\n");
	return 125;
}
