/* SPDX-License-Identifier: GPL-2.0 */
/* What every file of sonde uses: standard types and a few macros. */
#ifndef SONDE_COMMON_H
#define SONDE_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + (a) - 1) / (a) * (a))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
/* A kernel release as one number: 6.1 is KERNEL_VERSION(6, 1). */
#define KERNEL_VERSION(major, minor) ((major) << 16 | (minor) << 8)
#define PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Appends to a singly linked list through its tail pointer: item->next is NULL. */
#define LIST_APPEND(tailp, item) do { *(tailp) = (item); (tailp) = &(item)->next; } while (0)

/* The unsigned integer of 1, 2, 4 or 8 bytes at p, in host byte order. */
static inline uint64_t load_uint(const void *p, unsigned size)
{
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;

	switch (size) {
	case 1: memcpy(&v8, p, 1); return v8;
	case 2: memcpy(&v16, p, 2); return v16;
	case 4: memcpy(&v32, p, 4); return v32;
	default: memcpy(&v64, p, 8); return v64;
	}
}

#endif
