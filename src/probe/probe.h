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
#include "kernel/tracefs.h"
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
	provider_uprobe, provider_uretprobe, provider_fentry, provider_fexit,
	provider_software, provider_hardware, provider_rawtracepoint, provider_usdt;

/*
 * The function a line of available_filter_functions ("name [module]") or
 * of /proc/kallsyms (text symbols only) names, *len bytes of it; NULL if
 * none. *module is its module, *mlen bytes (0: the kernel's own).
 */
const char *kernel_function_at(const char *line, bool kallsyms, size_t *len, const char **module,
			       size_t *mlen);
/* A path as given, a program on $PATH, or a library name such as libc; false if none. */
bool uprobe_find_file(const char *name, const struct arch *a, char *out);
/*
 * Finds the function (or the address, if is_addr) in the file: fills in
 * the probe's func, caller and where it attaches, or returns what is wrong.
 */
struct elf;
const char *uprobe_locate(struct resolver *r, struct probe *p, const struct elf *e,
			  const char *path, const char *sym, bool is_addr, uint64_t off);
/* The ELF file a uprobe or USDT spec names, open, and its path in path[PATH_MAX]. */
struct elf *uprobe_open(struct resolver *r, struct probe *p, const char *file, char *path);

/* A tracepoint's record as a struct named after the event, from its format. */
struct type *tracepoint_record(struct arena *a, const char *event,
			       const struct tracefs_format *fmt);

/* Calls fn with the spec of each software and hardware counter, "software:page-faults"... */
void counter_list(void (*fn)(const char *spec, void *ctx), void *ctx);

/*
 * sonde -l: prints the probes of the target that a glob over the whole
 * spec matches (PROVIDER:TARGET, or TARGET of any provider), with what
 * each offers if verbose; how many.
 */
unsigned probe_list(const struct target *t, const char *pattern, bool verbose);

#endif
