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
	provider_interval, provider_profile;

/* "tracepoint", "t", "BEGIN"...; NULL if unknown. */
const struct provider *provider_find(const char *name, size_t len);
/* The list of provider names, for error messages. */
const char *provider_names(void);

#endif
