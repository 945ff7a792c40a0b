// SPDX-License-Identifier: GPL-2.0
/* usdt-target's probe with a semaphore: sys/sdt.h gives every probe of a file one, or none. */
#if __has_include(<sys/sdt.h>)
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>

/* Counted up by each tracer attached to sonde:gated: its note points here. */
unsigned short sonde_gated_semaphore __attribute__((section(".probes")));

/* Fires sonde:gated if it is traced; the semaphore as it was. */
unsigned short sonde_gated(long tick)
{
	unsigned short traced = sonde_gated_semaphore;

	if (traced)
		STAP_PROBE1(sonde, gated, tick);
	return traced;
}
#endif
