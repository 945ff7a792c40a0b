// SPDX-License-Identifier: GPL-2.0
/*
 * malloc() and its family for static musl builds, where musl's costs 9 KB
 * of the binary. sonde allocates mostly through its arenas, from a single
 * thread: blocks of 2^k bytes up to 8 KB are cut from larger mappings and
 * kept, once freed, on a list per size; larger ones are mapped alone,
 * resized by mremap() and unmapped when freed.
 */
#include "config.h"

#ifdef SONDE_OWN_MALLOC
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "base/common.h"

#define HEADER 16		/* a block's size, keeping what follows 16-byte aligned */
#define SMALLEST 5		/* 2^5 bytes, the header included */
#define LARGEST 13		/* 2^13: larger blocks are mapped alone */
#define CUT (64 * 1024)		/* what small blocks are cut from */
#define PAGE 4096

static void *free_list[LARGEST + 1];
static char *cut_at, *cut_end;

static void *map(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static size_t *block_of(void *p)
{
	return (size_t *)((char *)p - HEADER);
}

void *malloc(size_t n)
{
	size_t size = (size_t)1 << SMALLEST;
	unsigned k = SMALLEST;
	char *b;

	if (n > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	while (size < n + HEADER && k <= LARGEST)
		size = (size_t)1 << ++k;
	if (k > LARGEST) {
		size = ALIGN_UP(n + HEADER, PAGE);
		b = map(size);
	} else if ((b = free_list[k])) {
		free_list[k] = *(void **)b;
	} else {
		if ((size_t)(cut_end - cut_at) < size) {
			cut_at = map(CUT);
			cut_end = cut_at ? cut_at + CUT : NULL;
		}
		b = cut_at;
		cut_at += b ? size : 0;
	}
	if (!b) {
		errno = ENOMEM;
		return NULL;
	}
	*(size_t *)b = size;
	return b + HEADER;
}

void free(void *p)
{
	size_t *b = p ? block_of(p) : NULL;
	unsigned k = SMALLEST;

	if (!b)
		return;
	if (*b > (size_t)1 << LARGEST) {
		munmap(b, *b);
		return;
	}
	while ((size_t)1 << k < *b)
		k++;
	*(void **)b = free_list[k];
	free_list[k] = b;
}

void *realloc(void *p, size_t n)
{
	size_t *b = p ? block_of(p) : NULL, size;
	void *q;

	if (!b)
		return malloc(n);
	if (n + HEADER <= *b && n <= SIZE_MAX / 2)
		return p;
	size = ALIGN_UP(n + HEADER, PAGE);
	if (*b > (size_t)1 << LARGEST && n <= SIZE_MAX / 2) {
		q = mremap(b, *b, size, MREMAP_MAYMOVE);
		if (q == MAP_FAILED) {
			errno = ENOMEM;
			return NULL;
		}
		*(size_t *)q = size;
		return (char *)q + HEADER;
	}
	q = malloc(n);
	if (q) {
		memcpy(q, p, *b - HEADER);
		free(p);
	}
	return q;
}

void *calloc(size_t count, size_t size)
{
	void *p;

	if (size && count > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(count * size);
	/* A block mapped alone is fresh from the kernel, zeroes not yet in memory. */
	if (!p || count * size + HEADER > (size_t)1 << LARGEST)
		return p;
	return memset(p, 0, count * size);
}
#endif
