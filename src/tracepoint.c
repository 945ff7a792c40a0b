// SPDX-License-Identifier: GPL-2.0
/* The tracepoint provider: tracepoint:subsystem/event, with its record as "data". */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "bpf.h"
#include "provider.h"
#include "tracefs.h"

struct tracepoint {
	unsigned id;
	struct type *data;	/* pointer to the record's struct */
	int perf_fd;
};

static noreturn void unknown_tracepoint(struct probe *p, const char *root, char *event, char *sep)
{
	char dir[512];
	const char *near;

	*sep = '\0';
	snprintf(dir, sizeof(dir), "%s/events/%s", root, event);
	near = closest_entry(dir, sep + 1);
	if (near)
		error_at(&p->loc, "unknown tracepoint '%s/%s'; did you mean '%s/%s'?", event,
			 sep + 1, event, near);
	if (access(dir, F_OK) == 0)
		error_at(&p->loc, "unknown tracepoint '%s/%s': subsystem '%s' has no such event "
			 "(see %s)", event, sep + 1, event, dir);
	snprintf(dir, sizeof(dir), "%s/events", root);
	near = closest_entry(dir, event);
	error_at(&p->loc, "unknown tracepoint '%s/%s': there is no subsystem '%s'%s%s%s", event,
		 sep + 1, event, near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
}

static void tracepoint_resolve(struct sonde *s, struct probe *p)
{
	struct tracepoint *tp = arena_alloc(&s->ka, sizeof(*tp));
	char *event = arena_strdup(&s->ca, p->target), *sep = strpbrk(event, "/:");
	const char *root;
	struct type *rec;

	/* ply writes subsystem/event; bpftrace subsystem:event. */
	if (!sep || !sep[1] || strpbrk(sep + 1, "/:"))
		error_at(&p->loc, "a tracepoint is named subsystem/event, as in "
			 "tracepoint:sched/sched_switch");
	*sep = '/';
	root = tracefs_root();
	if (!root)
		error_at(&p->loc, "cannot find or mount tracefs at /sys/kernel/tracing: %s; "
			 "the kernel needs CONFIG_TRACING, and sonde needs root", strerror(errno));
	rec = tracefs_format(&s->ka, event, &tp->id);
	if (!rec) {
		if (errno == ENOENT)
			unknown_tracepoint(p, root, event, sep);
		error_at(&p->loc, "cannot read the format of tracepoint '%s': %s", event,
			 strerror(errno));
	}
	tp->data = type_ptr(&s->ka, rec, 8, SPACE_CTX);
	tp->perf_fd = -1;
	p->priv = tp;
}

static int tracepoint_attach(struct sonde *s, struct probe *p)
{
	struct tracepoint *tp = p->priv;
	struct perf_event_attr attr = {
		.type = PERF_TYPE_TRACEPOINT,
		.config = tp->id,
		.sample_period = 1,
	};
	int fd, r;

	(void)s;
	/*
	 * One event serves all CPUs: the program hangs off the tracepoint
	 * itself, and a second per-CPU event would fail with EEXIST.
	 */
	fd = perf_event_open(&attr, -1, 0);
	if (fd < 0) {
		err("%s: cannot open the tracepoint event: %s", p->spec, bpf_strerror(fd));
		return fd;
	}
	r = perf_event_attach(fd, p->fd);
	if (r < 0) {
		err("%s: cannot attach the program: %s%s", p->spec, bpf_strerror(r),
		    r == -EINVAL ? " (the kernel may lack CONFIG_BPF_EVENTS)" : "");
		close(fd);
		return r;
	}
	tp->perf_fd = fd;
	return 0;
}

static void tracepoint_detach(struct sonde *s, struct probe *p)
{
	struct tracepoint *tp = p->priv;

	(void)s;
	if (tp && tp->perf_fd >= 0) {
		close(tp->perf_fd);
		tp->perf_fd = -1;
	}
}

static struct type *sema_data(struct sema *sm, struct node *n)
{
	struct tracepoint *tp = sm->p->priv;

	(void)n;
	sm->p->uses_ctx = true;
	return tp->data;
}

static void gen_data(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	gen_push(g, CTX_REG);
}

static const struct builtin tracepoint_vars[] = {
	BUILTIN_VAR_ROW("data", sema_data, gen_data),
	{ .name = NULL },
};

const struct provider provider_tracepoint = {
	.name = "tracepoint",
	.alias = "t",
	.prog_type = BPF_PROG_TYPE_TRACEPOINT,
	.when = WHEN_EVENT,
	.vars = tracepoint_vars,
	.ctx_first = 8,		/* BPF sees a pointer to the registers there */
	.resolve = tracepoint_resolve,
	.attach = tracepoint_attach,
	.detach = tracepoint_detach,
};
