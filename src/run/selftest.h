/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SONDE_RUN_SELFTEST_H
#define SONDE_RUN_SELFTEST_H

/* sonde -T: prints one line per kernel feature; 0 when the basics work. */
int selftest_run(void);

#endif
