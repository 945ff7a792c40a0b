// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/arena.h"
#include "bpf/abi.h"
#include "kernel/bpf.h"
#include "run/ring.h"

/*
 * The reader is woken when a quarter of the ring is full, not at each
 * record: a wake-up costs the traced task more than the record itself. The
 * event loop polls at RING_LATENCY_MS for the records in between.
 */
int ring_open(struct ring *r, unsigned cpu, unsigned pages)
{
	size_t page = (size_t)getpagesize();
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.config = SW_BPF_OUTPUT,
		.sample_type = PERF_SAMPLE_RAW,
		.sample_period = 1,
		.watermark = 1,
		.wakeup_watermark = (uint32_t)(page * pages / 4),
	};
	int fd = perf_event_open(&attr, -1, cpu);

	memset(r, 0, sizeof(*r));
	r->fd = -1;
	if (fd < 0)
		return fd;
	r->base = mmap(NULL, page * (pages + 1), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (r->base == MAP_FAILED) {
		int e = -errno;

		close(fd);
		return e;
	}
	r->fd = fd;
	r->size = page * pages;
	r->page = page;
	return 0;
}

int ring_map(struct ring *r, int map_fd, unsigned pages)
{
	size_t page = (size_t)getpagesize();
	int e;

	memset(r, 0, sizeof(*r));
	r->fd = map_fd;
	r->page = page;
	r->size = page * pages;
	/* The consumer's position is sonde's to write, the rest the kernel's. */
	r->base = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, map_fd, 0);
	if (r->base == MAP_FAILED)
		return -errno;
	r->shared = mmap(NULL, page + 2 * r->size, PROT_READ, MAP_SHARED, map_fd, (off_t)page);
	if (r->shared != MAP_FAILED)
		return 0;
	e = -errno;
	munmap(r->base, page);
	return e;
}

/*
 * The ring buffer's records lie from the consumer's position to the
 * producer's, each whole thanks to the data mapped twice in a row. A
 * record is there once its busy bit is clear; writing the consumer's
 * position back after each one makes room at once.
 */
static unsigned drain_shared(struct ring *r, const struct ring_handler *h)
{
	unsigned long *consumer = r->base, pos = *consumer;
	unsigned long end = __atomic_load_n((unsigned long *)r->shared, __ATOMIC_ACQUIRE);
	unsigned n = 0;

	for (; pos != end; n++) {
		const char *rec = r->shared + r->page + (pos & (r->size - 1));
		uint32_t len = __atomic_load_n((const uint32_t *)rec, __ATOMIC_ACQUIRE);

		if (len & RINGBUF_BUSY)
			break;
		if (!(len & RINGBUF_DISCARD))
			h->sample(h->ctx, rec + RINGBUF_HEADER, len);
		pos += ALIGN_UP(RINGBUF_HEADER + (len & ~RINGBUF_DISCARD), 8);
		__atomic_store_n(consumer, pos, __ATOMIC_RELEASE);
	}
	return n;
}

static unsigned drain_perf(struct ring *r, const struct ring_handler *h)
{
	struct perf_event_mmap_page *meta = r->base;
	/* Before Linux 4.1 data_offset is 0: the data follows the first page. */
	char *data = (char *)r->base + (meta->data_offset ? meta->data_offset : r->page);
	/*
	 * As perf_event.h asks: read data_head, then a read barrier; a full
	 * barrier before data_tail is written back. Plain volatile accesses
	 * and fences, as 32-bit CPUs have no 64-bit atomic loads.
	 */
	uint64_t head = *(volatile __u64 *)&meta->data_head;
	uint64_t tail = meta->data_tail;
	unsigned n = 0;

	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	while (tail < head) {
		size_t off = tail & (r->size - 1);
		struct perf_event_header *hdr = (void *)(data + off);
		size_t len = hdr->size;

		if (off + len > r->size) {
			/* The record wraps around the end of the ring. */
			size_t first = r->size - off;

			if (len > r->scratch_size) {
				r->scratch = xrealloc(r->scratch, len);
				r->scratch_size = len;
			}
			memcpy(r->scratch, data + off, first);
			memcpy(r->scratch + first, data, len - first);
			hdr = (void *)r->scratch;
		}
		if (hdr->type == PERF_RECORD_SAMPLE) {
			uint32_t size;

			memcpy(&size, hdr + 1, sizeof(size));
			h->sample(h->ctx, (char *)(hdr + 1) + sizeof(size), size);
		} else if (hdr->type == PERF_RECORD_LOST) {
			uint64_t lost[2];

			memcpy(lost, hdr + 1, sizeof(lost));
			h->lost(h->ctx, lost[1]);
		}
		tail += len;
		n++;
	}
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	*(volatile __u64 *)&meta->data_tail = tail;
	return n;
}

unsigned ring_drain(struct ring *r, const struct ring_handler *h)
{
	return r->shared ? drain_shared(r, h) : drain_perf(r, h);
}

void ring_close(struct ring *r)
{
	if (r->shared) {
		munmap(r->shared, r->page + 2 * r->size);
		munmap(r->base, r->page);
	} else if (r->base) {
		munmap(r->base, r->size + r->page);
		close(r->fd);
	}
	free(r->scratch);
	memset(r, 0, sizeof(*r));
	r->fd = -1;
}
