// SPDX-License-Identifier: GPL-2.0
#include "base/sort.h"

static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/* Moves the element at root down until the subtree under it is a heap of n elements. */
static void sift_down(char *base, size_t root, size_t n, size_t size,
		      int (*compare)(const void *, const void *))
{
	size_t child;

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n && compare(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (compare(base + root * size, base + child * size) >= 0)
			return;
		swap(base + root * size, base + child * size, size);
		root = child;
	}
}

void sort(void *base, size_t n, size_t size, int (*compare)(const void *, const void *))
{
	size_t i;

	for (i = n / 2; i-- > 0;)
		sift_down(base, i, n, size, compare);
	for (i = n; i-- > 1;) {
		swap(base, (char *)base + i * size, size);
		sift_down(base, 0, i, size, compare);
	}
}
