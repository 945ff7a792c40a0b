/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a provider says of its probes: the program type, when they run,
 * and what their programs may use. Sema and codegen read these fields;
 * probe/ holds the providers themselves and resolves their specs.
 */
#ifndef SONDE_LANG_PROVIDER_H
#define SONDE_LANG_PROVIDER_H

#include "lang/type.h"

enum probe_when {
	WHEN_EVENT,	/* attached to a kernel event */
	WHEN_BEGIN,	/* run once before the event probes attach */
	WHEN_END,	/* run once after they detach */
};

/* The variables a provider's context offers, beyond the built-ins. */
enum provider_offer {
	OFFER_ARGS = 1u << 0,	/* arg0...: the function's arguments */
	OFFER_RETVAL = 1u << 1,	/* retval */
	OFFER_REGS = 1u << 2,	/* regs->NAME: the saved registers */
	OFFER_PC = 1u << 3,	/* caller and func: where it fired */
	OFFER_DATA = 1u << 4,	/* data->field: the tracepoint's record */
};

struct resolver;
struct probe;

struct provider {
	const char *name;
	const char *alias;	/* ply's one-letter form */
	unsigned prog_type;
	enum probe_when when;
	unsigned offers;	/* OFFER_* */
	bool return_probe;	/* it fires as a function returns: caller is the return address */
	const char *entry;	/* a return probe's counterpart at the function's entry */
	bool pc_skew;		/* its pc is past the probed address by the arch's kprobe_skew */
	bool timed;		/* it fires on a clock, in whatever task runs: -p keeps it */
	bool kernel_func;	/* on a kernel function, whose BTF prototype types args->NAME */
	bool btf_ctx;		/* its context is the arguments as u64s, then the return value */
	bool usdt_args;		/* its arguments are a USDT note's operands: probe->usdt */
	enum addr_space space;	/* where str() and mem() of a plain number read */
	unsigned ctx_first;	/* the first context offset that direct loads may read */
	/*
	 * Checks the probe's target and gathers what typing and attaching
	 * need (a tracepoint's format, a uprobe's file offset); may add
	 * probes after it for the other matches of a glob.
	 */
	void (*resolve)(struct resolver *r, struct probe *p);
};

#endif
