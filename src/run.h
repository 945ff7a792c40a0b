/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SONDE_RUN_H
#define SONDE_RUN_H

#include "sonde.h"

/*
 * Loads and attaches the compiled probes, relays their output until the
 * -c command ends, a program calls exit() or a signal arrives, then prints
 * the maps. Returns sonde's exit status.
 */
int run_program(struct sonde *s);

#endif
