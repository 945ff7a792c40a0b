// SPDX-License-Identifier: GPL-2.0
/* The tracepoint provider: tracepoint:subsystem/event, with its record as "data". */
#include <errno.h>
#include <unistd.h>

#include "base/text.h"
#include "bpf/abi.h"
#include "kernel/tracefs.h"
#include "probe/probe.h"

static noreturn void unknown_tracepoint(struct probe *p, const char *root, char *event, char *sep)
{
	char dir[512];
	struct suggest sg;

	*sep = '\0';
	snprintf(dir, sizeof(dir), "%s/events/%s", root, event);
	suggest_init(&sg, sep + 1);
	if (suggest_dir(&sg, dir) && suggest_best(&sg))
		error_at(&p->loc, "unknown tracepoint '%s/%s'; did you mean '%s/%s'?", event,
			 sep + 1, event, suggest_best(&sg));
	if (access(dir, F_OK) == 0)
		error_at(&p->loc, "unknown tracepoint '%s/%s': subsystem '%s' has no such event "
			 "(see %s)", event, sep + 1, event, dir);
	snprintf(dir, sizeof(dir), "%s/events", root);
	suggest_init(&sg, event);
	suggest_dir(&sg, dir);
	error_at(&p->loc, "unknown tracepoint '%s/%s': there is no subsystem '%s'%s%s%s", event,
		 sep + 1, event, suggest_best(&sg) ? "; did you mean '" : "",
		 suggest_best(&sg) ? suggest_best(&sg) : "", suggest_best(&sg) ? "'?" : "");
}

/* The type of a record's field, from what its format file declares. */
static struct type *field_type(struct arena *a, const struct tracefs_field *f, bool user)
{
	unsigned esize = f->array_len ? f->size / f->array_len : 0;

	if (f->is_dataloc)
		return type_with_fmt(a, &type_u32, FMT_DATALOC);
	if (f->is_pointer)
		return type_ptr(a, f->is_char ? &type_char : &type_void, f->size,
				user ? SPACE_USER : SPACE_KERNEL);
	if (f->array_len && f->size % f->array_len == 0 &&
	    (esize == 1 || esize == 2 || esize == 4 || esize == 8))
		return type_array(a, esize == 1 && f->is_char ? &type_char :
				  type_int(esize, f->is_signed), f->array_len);
	if (f->size == 1 || f->size == 2 || f->size == 4 || f->size == 8)
		return type_int(f->size, f->is_signed);
	return type_with_fmt(a, type_array(a, &type_u8, f->size), FMT_MEM);
}

struct type *tracepoint_record(struct arena *a, const char *event,
				const struct tracefs_format *fmt)
{
	struct type *st = type_new(a, &(struct type){ .kind = TYPE_STRUCT, .align = 1 });
	/* Syscall tracepoints carry user pointers: str(data->filename) reads user memory. */
	bool user = !strncmp(event, "syscalls/", 9);
	struct field **tail = &st->fields;
	unsigned i;

	st->name = arena_strdup(a, strchr(event, '/') + 1);
	st->size = fmt->size;
	for (i = 0; i < fmt->nfields; i++) {
		struct field *f = arena_alloc(a, sizeof(*f));

		f->name = arena_strdup(a, fmt->fields[i].name);
		f->type = field_type(a, &fmt->fields[i], user);
		f->offset = fmt->fields[i].offset;
		LIST_APPEND(tail, f);
		st->nfields++;
	}
	return st;
}

static void tracepoint_resolve(struct resolver *r, struct probe *p);

/*
 * tracepoint:syscalls/sys_enter_*: a probe for each event matched, after
 * p, each typed from its own format; probe tells them apart.
 */
static void resolve_glob(struct resolver *r, struct probe *p, const char *root, const char *glob)
{
	size_t n, i;
	char **events = root ? tracefs_events(r->scratch, root, glob, &n) : NULL;

	if (!root)
		error_at(&p->loc, "a tracepoint glob needs the target's tracefs (SONDE_TRACEFS "
			 "names a copy of a board's)");
	if (!events)
		error_at(&p->loc, "no tracepoint matches '%s' (see %s/events)", glob, root);
	for (i = n; i-- > 0;) {
		struct probe *c = i ? arena_memdup(r->scratch, p, sizeof(*p)) : p;

		c->target = events[i];
		c->spec = arena_printf(r->scratch, "%s:%s", p->provider->name, events[i]);
		if (i) {
			c->next = p->next;
			p->next = c;
		}
		tracepoint_resolve(r, c);
	}
}

static void tracepoint_resolve(struct resolver *r, struct probe *p)
{
	struct attach *at;
	char *event = arena_strdup(r->scratch, p->target), *sep = strpbrk(event, "/:");
	const char *root = target_tracefs(r->target);
	struct tracefs_format fmt;

	/* ply writes subsystem/event; bpftrace subsystem:event. */
	if (!sep || !sep[1] || strpbrk(sep + 1, "/:"))
		error_at(&p->loc, "a tracepoint is named subsystem/event, as in "
			 "tracepoint:sched/sched_switch");
	*sep = '/';
	/* Linux leaves compat syscalls out of its syscall tracepoints. */
	if (!strncmp(event, "syscalls/", 9) && r->target->arch->is64 && !r->target->task->is64)
		warn_at(&p->loc, "a 64-bit kernel fires no syscalls/ tracepoints in 32-bit tasks; "
			"raw_syscalls/ does");
	if (has_glob(event)) {
		resolve_glob(r, p, root, event);
		return;
	}
	at = probe_attach(r, p, ATTACH_TRACEPOINT);
	at->event = arena_strdup(r->keep, event);
	if (!root && !r->target->host)
		return;	/* compiling for a board: its record is unknown until data is used */
	if (!root)
		error_at(&p->loc, "cannot find or mount tracefs at /sys/kernel/tracing: %s; "
			 "the kernel needs CONFIG_TRACING, and sonde needs root", strerror(errno));
	if (!tracefs_format(r->scratch, root, event, &fmt)) {
		if (errno == ENOENT)
			unknown_tracepoint(p, root, event, sep);
		error_at(&p->loc, "cannot read the format of tracepoint '%s': %s", event,
			 strerror(errno));
	}
	p->ctx = tracepoint_record(r->keep, event, &fmt);
}

const struct provider provider_tracepoint = {
	.name = "tracepoint",
	.alias = "t",
	.prog_type = BPF_PROG_TYPE_TRACEPOINT,
	.when = WHEN_EVENT,
	.offers = OFFER_DATA,
	.ctx_first = 8,		/* BPF sees a pointer to the registers there */
	.resolve = tracepoint_resolve,
};

/*
 * rawtracepoint:EVENT (or SUBSYSTEM:EVENT): the tracepoint's own arguments,
 * arg0... as the kernel passes them to its probes, before a record is
 * made: cheaper, and what the record leaves out (pointers to structs).
 */
static void raw_resolve(struct resolver *r, struct probe *p)
{
	struct attach *at = probe_attach(r, p, ATTACH_RAW_TRACEPOINT);
	const char *root = target_tracefs(r->target), *event = strpbrk(p->target, "/:");
	size_t n;

	event = event ? event + 1 : p->target;
	if (has_glob(event))
		error_at(&p->loc, "a raw tracepoint takes one event, not '%s'", event);
	at->event = arena_strdup(r->keep, event);
	if (root && !tracefs_events(r->scratch, root, arena_printf(r->scratch, "*/%s", event), &n))
		error_at(&p->loc, "unknown tracepoint '%s' (see %s/events)", event, root);
}

const struct provider provider_rawtracepoint = {
	.name = "rawtracepoint",
	.alias = "rt",
	.prog_type = PROG_TYPE_RAW_TRACEPOINT,
	.when = WHEN_EVENT,
	.offers = OFFER_ARGS,
	.btf_ctx = true,
	.resolve = raw_resolve,
};
