// SPDX-License-Identifier: GPL-2.0
/*
 * rate RATE SECONDS FILE
 *
 * Makes RATE getppid() system calls a second for SECONDS seconds, named
 * "rate-loop" (not tests/workload's name, which tests running meanwhile
 * use), and writes "CALLS NS" to FILE: the calls made and the time they
 * took.  The calls come in a burst every millisecond against absolute
 * deadlines, so a slow millisecond is made up for in the next ones and the
 * average rate is RATE whenever the machine can reach it; FILE tells the
 * rate really reached when it cannot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define TICK_NS 1000000LL

static long long ns(const struct timespec *ts)
{
	return (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

int main(int argc, char **argv)
{
	struct timespec start, deadline, end;
	long long rate, ticks, tick, calls = 0, due;
	FILE *f;

	if (argc != 4 || (rate = atoll(argv[1])) <= 0 || atof(argv[2]) <= 0) {
		fprintf(stderr, "usage: rate RATE SECONDS FILE\n");
		return 2;
	}
	ticks = (long long)(atof(argv[2]) * 1e9 / TICK_NS);

	prctl(PR_SET_NAME, "rate-loop");
	clock_gettime(CLOCK_MONOTONIC, &start);
	deadline = start;
	for (tick = 1; tick <= ticks; tick++) {
		/* The calls due by the end of this tick, fractions carried. */
		due = rate * tick * TICK_NS / 1000000000LL;
		while (calls < due) {
			syscall(SYS_getppid);
			calls++;
		}
		deadline.tv_nsec += TICK_NS;
		if (deadline.tv_nsec >= 1000000000L) {
			deadline.tv_nsec -= 1000000000L;
			deadline.tv_sec++;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	prctl(PR_SET_NAME, "rate");

	f = fopen(argv[3], "w");
	if (!f || fprintf(f, "%lld %lld\n", calls, ns(&end) - ns(&start)) < 0 || fclose(f)) {
		perror(argv[3]);
		return 1;
	}
	return 0;
}
