// SPDX-License-Identifier: GPL-2.0
/*
 * A program for the uprobe tests to probe:
 *   uprobe-target calls         sonde_target(10) ... sonde_target(14)
 *   uprobe-target getenv NAME   getenv(NAME), NAME coming from argv
 *   uprobe-target loop N        sonde_target(1) ten times a second for N s
 *   uprobe-target addresses     prints where sonde_target and sonde_local are,
 *                               then waits for stdin to close
 *   uprobe-target struct        sonde_struct() of two linked samples
 *   uprobe-target args          sonde_args(1, 2, ..., 8)
 *   uprobe-target clock         prints CLOCK_MONOTONIC in ns, for the guests'
 *                               benchmark (busybox's date has no %N)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How many times sonde_target ran: a variable for uaddr() to find. */
volatile long sonde_calls;

/* long, not int: riscv64 6.1 refuses a probe on the c.addiw an int function may start with */
__attribute__((noinline, used)) long sonde_target(long x)
{
	__asm__ volatile("" ::: "memory");
	sonde_calls++;
	return x * 3 + 1;
}

/* Static: in .symtab only, so gone from a stripped copy. */
static __attribute__((noinline)) long sonde_local(long x)
{
	__asm__ volatile("" ::: "memory");
	return x + 1;
}

/* A struct for scripts to declare and read: bitfields, an array, pointers. */
struct sonde_sample {
	int id;
	short small;
	unsigned int flags : 3, mode : 5;
	long values[3];
	const char *name;
	struct sonde_sample *next;
};

__attribute__((noinline, used)) long sonde_struct(const struct sonde_sample *s)
{
	__asm__ volatile("" ::: "memory");
	return s->id;
}

/* Eight arguments: past the registers of arm, s390x and x86_64, some on the stack. */
__attribute__((noinline, used)) long sonde_args(long a0, long a1, long a2, long a3, long a4,
						long a5, long a6, long a7)
{
	__asm__ volatile("" ::: "memory");
	return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
}

/* Not a constant: the compiler cannot call a copy of sonde_args with them built in. */
static volatile long one = 1;

int main(int argc, char **argv)
{
	long i, sum = 0;

	if (argc == 2 && !strcmp(argv[1], "calls")) {
		for (i = 10; i < 15; i++)
			sum += sonde_target(i);
		sum = sonde_local(sum) - 1;
		printf("%ld\n", sum);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "getenv")) {
		/* argv is on the stack, already in memory: the probe can read it. */
		printf("%s\n", getenv(argv[2]) ? "set" : "unset");
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "loop")) {
		struct timespec tenth = { 0, 100000000 };

		for (i = 0; i < 10 * atol(argv[2]); i++) {
			sum += sonde_target(1);
			nanosleep(&tenth, NULL);
		}
		return sum == 0;
	}
	if (argc == 2 && !strcmp(argv[1], "addresses")) {
		printf("%p %p\n", (void *)sonde_target, (void *)sonde_local);
		fflush(stdout);
		getchar();
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "struct")) {
		/* Static: the compiler, seeing what sonde_struct reads, drops no store. */
		static struct sonde_sample second = { .id = 8, .name = "second" };
		static struct sonde_sample first = { 7, -2, 5, 17, { 10, 20, -30 }, "first",
						     &second };

		return sonde_struct(&first) != 7;
	}
	if (argc == 2 && !strcmp(argv[1], "args"))
		return sonde_args(one, one + 1, one + 2, one + 3, one + 4, one + 5, one + 6,
				  one + 7) != 36;
	if (argc == 2 && !strcmp(argv[1], "clock")) {
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		printf("%lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
		return 0;
	}
	fprintf(stderr, "usage: uprobe-target calls | getenv NAME | loop SECONDS | addresses | "
		"struct | args | clock\n");
	return 2;
}
