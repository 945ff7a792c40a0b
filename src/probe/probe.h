/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The providers, and the stage that binds each probe to its own and
 * resolves its spec against the target: the formats of tracepoints, the
 * functions of the kernel and of ELF files. It reads no kernel state when
 * the target is not the running kernel.
 */
#ifndef SONDE_PROBE_H
#define SONDE_PROBE_H

#include "base/options.h"
#include "lang/ast.h"
#include "lang/ktype.h"
#include "lang/provider.h"
#include "plan/plan.h"
#include "target/target.h"

struct resolver {
	const struct target *target;
	const struct options *opt;
	struct arena *keep;	/* what the plan keeps: types, attach points */
	struct arena *scratch;	/* the compiler's */
	struct ktypes *kt;	/* the kernel's types: fentry's functions */
};

/* Binds every probe to its provider and resolves it; globs may add probes. */
void probe_resolve(struct resolver *r, struct probe *probes);

/* The probe's attach description, new and of the given kind. */
struct attach *probe_attach(struct resolver *r, struct probe *p, enum attach_kind kind);

extern const struct provider provider_tracepoint, provider_begin, provider_end,
	provider_interval, provider_profile, provider_kprobe, provider_kretprobe,
	provider_uprobe, provider_uretprobe, provider_fentry, provider_fexit;

#endif
