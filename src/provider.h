/* SPDX-License-Identifier: GPL-2.0 */
/* Providers: where probes attach, and the variables they offer. */
#ifndef SONDE_PROVIDER_H
#define SONDE_PROVIDER_H

#include "builtin.h"

enum probe_when {
	WHEN_EVENT,	/* attached to a kernel event */
	WHEN_BEGIN,	/* run once before the event probes attach */
	WHEN_END,	/* run once after they detach */
};

struct provider {
	const char *name;
	const char *alias;	/* ply's one-letter form */
	unsigned prog_type;
	enum probe_when when;
	const struct builtin *vars;	/* provider variables, NULL-terminated */
	unsigned ctx_first;		/* the first context offset loads may read */
	enum addr_space space;		/* where str() and mem() of a number read */
	/*
	 * Checks the target and gathers what typing needs (a tracepoint's
	 * format); errors point at the probe's spec.
	 */
	void (*resolve)(struct sonde *s, struct probe *p);
	/* Attaches the loaded program; 0 or -errno, having printed why. */
	int (*attach)(struct sonde *s, struct probe *p);
	/* Undoes attach; safe to call on a probe that never attached. */
	void (*detach)(struct sonde *s, struct probe *p);
};

extern const struct provider provider_tracepoint, provider_begin, provider_end,
	provider_interval, provider_profile, provider_kprobe, provider_kretprobe,
	provider_uprobe, provider_uretprobe;

/* Variables of probes whose context is struct pt_regs (regs.c). */
struct type *regs_sema_arg(struct sema *sm, struct node *n);
void regs_gen_arg(struct gen *g, struct node *n, int dst);
struct type *regs_sema_retval(struct sema *sm, struct node *n);
void regs_gen_retval(struct gen *g, struct node *n, int dst);
struct type *regs_sema_regs(struct sema *sm, struct node *n);
void regs_gen_regs(struct gen *g, struct node *n, int dst);
struct type *regs_sema_caller(struct sema *sm, struct node *n);
struct type *regs_sema_func(struct sema *sm, struct node *n);
void regs_gen_pc(struct gen *g, struct node *n, int dst);

#define REGS_ARG(n) BUILTIN_VAR_ROW("arg" #n, regs_sema_arg, regs_gen_arg)
/* arg0-arg11, retval and regs, for the tables of such providers */
#define REGS_VAR_ROWS \
	REGS_ARG(0), REGS_ARG(1), REGS_ARG(2), REGS_ARG(3), REGS_ARG(4), REGS_ARG(5), \
	REGS_ARG(6), REGS_ARG(7), REGS_ARG(8), REGS_ARG(9), REGS_ARG(10), REGS_ARG(11), \
	BUILTIN_VAR_ROW("retval", regs_sema_retval, regs_gen_retval), \
	BUILTIN_VAR_ROW("regs", regs_sema_regs, regs_gen_regs)

/* "tracepoint", "t", "BEGIN"...; NULL if unknown. */
const struct provider *provider_find(const char *name, size_t len);
/* The list of provider names, for error messages. */
const char *provider_names(void);

#endif
