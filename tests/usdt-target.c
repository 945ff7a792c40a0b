// SPDX-License-Identifier: GPL-2.0
/*
 * A program with USDT probes for the usdt tests:
 *   usdt-target args      sonde:args with operands of every kind, then
 *                         sonde:twice, inlined in two places
 *   usdt-target gated     prints sonde:gated's semaphore, then fires it
 *   usdt-target loop N    ten times a second for N s: prints the tick and
 *                         the semaphore, and fires sonde:gated(tick)
 * Without <sys/sdt.h> it has no probes: it says so and exits 77.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if __has_include(<sys/sdt.h>)
#include <sys/sdt.h>

/* In usdt-gated.c, where every probe has a semaphore. */
unsigned short sonde_gated(long tick);

/*
 * Unoptimized, so that the locals are in memory: operands relative to the
 * frame pointer, beside registers and constants.
 */
#ifdef __clang__
#define UNOPTIMIZED optnone
#else
#define UNOPTIMIZED optimize("O0")
#endif

static __attribute__((noinline, UNOPTIMIZED)) void fire_args(int neg, unsigned char byte,
							     short small, long long big,
							     unsigned int word)
{
	STAP_PROBE8(sonde, args, neg, byte, small, big, word, neg * 2, 42, -1);
}

static inline __attribute__((always_inline)) void twice(long x)
{
	DTRACE_PROBE1(sonde, twice, x);
}

int main(int argc, char **argv)
{
	struct timespec tenth = { 0, 100000000 };
	long i;

	if (argc == 2 && !strcmp(argv[1], "args")) {
		fire_args(-7, 200, -300, 1LL << 40, 4000000000u);
		twice(1);
		twice(2);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "gated")) {
		printf("semaphore %u\n", sonde_gated(0));
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "loop")) {
		for (i = 0; i < 10 * atol(argv[2]); i++) {
			printf("%ld %u\n", i, sonde_gated(i));
			fflush(stdout);
			nanosleep(&tenth, NULL);
		}
		return 0;
	}
	fprintf(stderr, "usage: usdt-target args | gated | loop SECONDS\n");
	return 2;
}
#else
int main(void)
{
	puts("built without <sys/sdt.h> (Debian: systemtap-sdt-dev)");
	return 77;
}
#endif
