/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SONDE_RUN_H
#define SONDE_RUN_H

#include "base/options.h"
#include "plan/plan.h"

/*
 * Loads and attaches the plan's programs, relays their output until the
 * -c command ends, a program calls exit() or a signal arrives, then prints
 * the maps. Returns sonde's exit status. Nothing stays in the kernel.
 */
int run_plan(const struct plan *pl, const struct options *opt);

#endif
