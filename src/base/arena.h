/* SPDX-License-Identifier: GPL-2.0 */
/* Memory: arenas whose allocations live and die together, and checked malloc. */
#ifndef SONDE_ARENA_H
#define SONDE_ARENA_H

#include "base/common.h"

/*
 * The compiler allocates from one arena, freed once the plan is made; the
 * plan, and what printing results needs, lives in a second one.
 */
struct arena {
	struct arena_chunk *head;
};

/* Zeroed memory, aligned for any type. */
void *arena_alloc(struct arena *a, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF(2, 3);
/* A copy of size bytes. */
void *arena_memdup(struct arena *a, const void *p, size_t size);
/*
 * Room for element n of a growable array in the arena, whose room doubles
 * as it fills (from 16): the array, or a larger copy. The old room stays
 * in the arena; doubling wastes at most as much as it keeps.
 */
void *arena_room(struct arena *a, void *array, size_t n, size_t size);
void arena_free(struct arena *a);

/* malloc and realloc that print and exit when memory runs out. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);

#endif
