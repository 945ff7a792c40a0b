/* SPDX-License-Identifier: GPL-2.0 */
/* The parser: a script's tokens to its probes and their trees. */
#ifndef SONDE_LANG_PARSE_H
#define SONDE_LANG_PARSE_H

#include "lang/ast.h"

/*
 * The probes of a script, one per entry of each spec list, and its struct
 * declarations, allocated from a.
 */
struct script parse_program(struct arena *a, const struct source *src);

#endif
