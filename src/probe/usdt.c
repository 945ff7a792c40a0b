// SPDX-License-Identifier: GPL-2.0
/*
 * usdt:PATH:[PROVIDER:]NAME, with globs: the statically defined probes of
 * an ELF file's .note.stapsdt. Each place a probe is in the code (inlined
 * copies make several) gets a uprobe and a program of its own, for its
 * operands may be in other registers. A probe's semaphore, which tells
 * the program whether it is traced, is counted by the kernel (ref_ctr).
 */
#include <limits.h>
#include <stdlib.h>

#include "base/text.h"
#include "kernel/elf.h"
#include "kernel/usdt.h"
#include "probe/probe.h"

static const char *place(struct resolver *r, struct probe *p, const struct elf *e,
			 const char *file, const char *path, const struct elf_usdt *u)
{
	struct usdt_arg *args = arena_alloc(r->scratch, USDT_MAX_ARGS * sizeof(*args));
	const char *why = uprobe_locate(r, p, e, path, NULL, true, u->pc), *at;
	int64_t sem = u->semaphore ? elf_data_offset(e, u->semaphore) : 0;

	p->spec = arena_printf(r->scratch, "usdt:%s:%s:%s", file, u->provider, u->name);
	if (why || sem < 0)
		return why ? why : "its semaphore is not in the file";
	p->attach->ref_ctr = (uint64_t)sem;
	p->nargs = usdt_parse(r->target->task, u->args, args, &why, &at);
	p->usdt = args;
	p->usdt_rest = why ? arena_printf(r->scratch, " sonde reads (then %s: '%s')", why, at) : "";
	return NULL;
}

/* One probe per place that matches, this one on the first. */
static const char *place_all(struct resolver *r, struct probe *p, const struct elf *e,
			     const char *file, const char *path, const char *prov, const char *name)
{
	size_t n, i;
	struct elf_usdt *u = elf_usdt(e, &n), *first = NULL;
	const char *why = NULL;

	for (i = n; i-- > 0 && !why;) {
		struct probe *c;

		if (!glob_match(prov, u[i].provider) || !glob_match(name, u[i].name))
			continue;
		if (first) {
			c = arena_memdup(r->scratch, p, sizeof(*p));
			c->next = p->next;
			p->next = c;
			why = place(r, c, e, file, path, first);
		}
		first = &u[i];
	}
	if (!first)
		why = arena_printf(r->scratch, "%s has no USDT probe %s:%s", file, prov, name);
	else if (!why)
		why = place(r, p, e, file, path, first);
	free(u);
	return why;
}

static void usdt_resolve(struct resolver *r, struct probe *p)
{
	char *file = arena_strdup(r->scratch, p->target), *name = strrchr(file, ':'), *prov;
	char path[PATH_MAX];
	const char *why;
	struct elf *e;

	if (!name || name == file || !name[1])
		error_at(&p->loc, "a USDT probe is written usdt:FILE:[PROVIDER:]NAME");
	*name++ = '\0';
	prov = strrchr(file, ':');
	if (prov)
		*prov++ = '\0';
	e = uprobe_open(r, p, file, path);
	why = place_all(r, p, e, file, path, prov ? prov : "*", name);
	elf_close(e);
	if (why)
		error_at(&p->loc, "%s", why);
}

const struct provider provider_usdt = {
	.name = "usdt", .alias = "U", .prog_type = BPF_PROG_TYPE_KPROBE, .when = WHEN_EVENT,
	.offers = OFFER_ARGS | OFFER_REGS | OFFER_PC, .space = SPACE_USER, .usdt_args = true,
	.resolve = usdt_resolve,
};
