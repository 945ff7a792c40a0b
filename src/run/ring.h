/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rings that carry program output to user space: the BPF ring buffer
 * all CPUs share (5.8), or a perf ring per CPU.
 */
#ifndef SONDE_RUN_RING_H
#define SONDE_RUN_RING_H

#include <stddef.h>
#include <stdint.h>

struct ring {
	int fd;			/* the perf event, or the ring buffer map */
	void *base;		/* perf: the metadata page, then the data pages */
	char *shared;		/* or the ring buffer's producer page, then its data twice */
	size_t size;		/* bytes of data pages, a power of two */
	size_t page;
	char *scratch;		/* a record that wraps around is reassembled here */
	size_t scratch_size;
};

struct ring_handler {
	void (*sample)(void *ctx, const void *data, size_t size);
	void (*lost)(void *ctx, uint64_t count);
	void *ctx;
};

/* How late a record may be read, at most, when the rings fill slowly. */
#define RING_LATENCY_MS 100

/* Opens a BPF-output event on one CPU with 2^n data pages; 0 or -errno. */
int ring_open(struct ring *r, unsigned cpu, unsigned pages);
/*
 * Maps a ring buffer map of that many pages, its consumer page at base;
 * the map's fd stays its creator's. 0 or -errno.
 */
int ring_map(struct ring *r, int map_fd, unsigned pages);
/* Hands every record written so far to the handler; returns how many. */
unsigned ring_drain(struct ring *r, const struct ring_handler *h);
void ring_close(struct ring *r);

#endif
