/* SPDX-License-Identifier: GPL-2.0 */
/* What the command line asks of every stage. */
#ifndef SONDE_OPTIONS_H
#define SONDE_OPTIONS_H

#include "base/common.h"

/* -M at most: a map of a million elements is more than a board spares. */
#define MAX_MAP_ENTRIES 1000000
/* --ring-size at most: 1 GiB of 4 KiB pages. */
#define MAX_RING_PAGES 262144

/* -B: when output is written: at each event, each batch of lines, or a full buffer. */
enum buffering { BUFFER_LINE, BUFFER_NONE, BUFFER_FULL };

struct options {
	const char *command;	/* -c: run once attached */
	const char *target;	/* --target=ARCH[,VERSION]: compile for another kernel */
	bool debug;		/* -d: verifier logs and internals */
	bool dry_run;		/* -e: compile only */
	bool dump;		/* -S: print the generated programs */
	bool keep_going;	/* -k: lost events are not fatal */
	bool lru;		/* --lru: full maps forget their oldest keys */
	bool quiet;		/* -q: no message once attached */
	bool json;		/* -f json: one JSON object per event and map */
	enum buffering buffering;	/* -B, -u */
	int out_fd;		/* -o: where the trace is written, stdout otherwise */
	bool unsafe;		/* --unsafe: system() may run commands */
	unsigned map_entries;	/* max_entries of each map */
	unsigned string_size;	/* default size of str() and dyn() */
	unsigned pages;		/* --ring-size: event ring pages, 0 for the default */
	int pid;		/* -p: the one process traced */
	char **params;		/* $1...: the words after the program */
	unsigned nparams;
};

#endif
