// SPDX-License-Identifier: GPL-2.0
/* The provider table, BEGIN and END, and the binding of probes to providers. */
#include "bpf/abi.h"
#include "probe/probe.h"

struct attach *probe_attach(struct resolver *r, struct probe *p, enum attach_kind kind)
{
	struct attach *at = arena_alloc(r->keep, sizeof(*at));

	at->kind = kind;
	p->attach = at;
	return at;
}

/*
 * BEGIN and END are raw-tracepoint programs that sonde runs itself, once,
 * with BPF_PROG_TEST_RUN: before the other probes attach, and after they
 * are detached.
 */
static void begin_resolve(struct resolver *r, struct probe *p)
{
	probe_attach(r, p, ATTACH_BEGIN);
}

static void end_resolve(struct resolver *r, struct probe *p)
{
	probe_attach(r, p, ATTACH_END);
}

const struct provider provider_begin = {
	.name = "BEGIN",
	.prog_type = PROG_TYPE_RAW_TRACEPOINT,
	.when = WHEN_BEGIN,
	.resolve = begin_resolve,
};

const struct provider provider_end = {
	.name = "END",
	.prog_type = PROG_TYPE_RAW_TRACEPOINT,
	.when = WHEN_END,
	.resolve = end_resolve,
};

static const struct provider *const providers[] = {
	&provider_kprobe, &provider_kretprobe, &provider_fentry, &provider_fexit,
	&provider_uprobe, &provider_uretprobe, &provider_usdt,
	&provider_tracepoint, &provider_rawtracepoint, &provider_software, &provider_hardware, &provider_interval,
	&provider_profile, &provider_begin,
	&provider_end,
};

static const struct provider *find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(providers); i++) {
		const struct provider *pv = providers[i];

		if ((strlen(pv->name) == len && !strncmp(pv->name, name, len)) ||
		    (pv->alias && strlen(pv->alias) == len && !strncmp(pv->alias, name, len)))
			return pv;
	}
	return NULL;
}

static noreturn void unknown_provider(const struct probe *p, size_t len)
{
	char names[256];
	struct loc loc = p->loc;
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(providers) && n < sizeof(names); i++)
		n += snprintf(names + n, sizeof(names) - n, "%s%s", i ? ", " : "",
			      providers[i]->name);
	loc.len = len;
	error_at(&loc, "unknown provider '%.*s'; sonde knows: %s", (int)len, p->spec, names);
}

static void bind(struct resolver *r, struct probe *p)
{
	const char *colon = strchr(p->spec, ':');
	size_t len = colon ? (size_t)(colon - p->spec) : strlen(p->spec);

	if (p->attach)
		return;	/* resolved with the probe whose glob it matched */
	p->provider = find(p->spec, len);
	if (!p->provider)
		unknown_provider(p, len);
	p->target = colon ? colon + 1 : "";
	if (p->provider->when != WHEN_EVENT && colon)
		error_at(&p->loc, "%s takes no target", p->provider->name);
	if (p->provider->when == WHEN_EVENT && !*p->target)
		error_at(&p->loc, "%s needs a target, as in %s:...", p->provider->name,
			 p->provider->name);
	p->provider->resolve(r, p);
}

void probe_resolve(struct resolver *r, struct probe *probes)
{
	struct probe *p;

	for (p = probes; p; p = p->next)
		bind(r, p);
}
