// SPDX-License-Identifier: GPL-2.0
/*
 * fentry:FUNC and fexit:FUNC (bpftrace's kfunc: and kretfunc:): tracing
 * programs that a BPF trampoline calls at a kernel function's entry or
 * exit, cheaper than a kprobe. The kernel's BTF names the function and
 * its parameters; the program's context is the arguments, each a u64,
 * and in fexit the return value after them.
 */
#include "base/text.h"
#include "bpf/abi.h"
#include "probe/probe.h"

static void fentry_resolve(struct resolver *r, struct probe *p)
{
	struct attach *at = probe_attach(r, p, ATTACH_FENTRY);
	const char *func = p->target, *name;
	uint32_t type;

	/* bpftrace's fentry:vmlinux:FUNC */
	if (!strncmp(func, "vmlinux:", 8))
		func += 8;
	if (has_glob(func) || strchr(func, ':'))
		error_at(&p->loc, "%s takes one function of the kernel itself, not '%s'; "
			 "kprobe:%s reaches globs and modules", p->provider->name, func, func);
	if (r->target->kernel < KERNEL_VERSION(5, 5))
		error_at(&p->loc, "%s needs Linux 5.5 or later, for BPF trampolines; use kprobe:%s",
			 p->provider->name, func);
	at->retprobe = p->provider->return_probe;
	at->target = arena_strdup(r->keep, func);
	p->kfunc = at->target;
	at->btf_id = p->btf_func = ktype_func(r->kt, func);
	if (!at->btf_id && !r->kt->btf)
		error_at(&p->loc, "%s needs the kernel's BTF, and %s; kprobe:%s does not",
			 p->provider->name, r->kt->why, func);
	if (!at->btf_id)
		error_at(&p->loc, "%s", r->kt->why);
	while (btf_param(r->kt->btf, at->btf_id, p->nargs, &name, &type) && type)
		p->nargs++;
}

const struct provider provider_fentry = {
	.name = "fentry", .alias = "kfunc", .prog_type = PROG_TYPE_TRACING, .when = WHEN_EVENT,
	.offers = OFFER_ARGS, .space = SPACE_KERNEL, .kernel_func = true, .btf_ctx = true,
	.resolve = fentry_resolve,
};

const struct provider provider_fexit = {
	.name = "fexit", .alias = "kretfunc", .prog_type = PROG_TYPE_TRACING, .when = WHEN_EVENT,
	.offers = OFFER_ARGS | OFFER_RETVAL, .return_probe = true, .entry = "fentry",
	.space = SPACE_KERNEL, .kernel_func = true, .btf_ctx = true, .resolve = fentry_resolve,
};
