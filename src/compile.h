/* SPDX-License-Identifier: GPL-2.0 */
/* The compiler's stages in order, from a script's text to a plan. */
#ifndef SONDE_COMPILE_H
#define SONDE_COMPILE_H

#include "base/diag.h"
#include "base/options.h"
#include "plan/plan.h"
#include "target/target.h"

/*
 * Lexes, parses, resolves the probes against the target, types, lays out
 * and generates every program into pl, each one checked by the validator.
 * The trees and everything else only compiling needs come from scratch,
 * which the caller frees. Errors in the script exit with a message at
 * their place.
 */
void compile(struct plan *pl, const struct source *src, const struct target *t,
	     const struct options *opt, struct arena *scratch);

#endif
