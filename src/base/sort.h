/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SONDE_SORT_H
#define SONDE_SORT_H

#include "base/common.h"

/*
 * qsort() by heapsort, not stable either: musl's smoothsort costs a
 * kilobyte of a static binary, this a tenth, and n log n still holds for
 * the 200,000 symbols of kallsyms.
 */
void sort(void *base, size_t n, size_t size, int (*compare)(const void *, const void *));

#endif
