/* SPDX-License-Identifier: GPL-2.0 */
/* Turning what the programs collect into text. */
#ifndef SONDE_OUTPUT_H
#define SONDE_OUTPUT_H

#include "sonde.h"

/* A value in its type's default format, as print() and %v show it. */
void output_value(struct sonde *s, struct buf *b, const struct type *t, const void *data);

/* One record from a program: prints it, or notes an exit() request. */
void output_event(struct sonde *s, const void *data, size_t size);

/*
 * "name:" then one "key: value" line per element, sorted by value
 * (histograms below their key). An empty map prints nothing unless always.
 */
void output_map(struct sonde *s, const struct map *m, bool always);

#endif
