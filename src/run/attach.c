// SPDX-License-Identifier: GPL-2.0
/*
 * Attaching the loaded programs where the plan says: tracepoint and
 * software perf events, kprobe and uprobe events, BPF trampolines. BEGIN
 * and END are run by sonde itself and attach nowhere.
 */
#include "config.h"	/* first: it selects the GNU extensions (CLONE_FILES) */

#include <elf.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/file.h"
#include "bpf/abi.h"
#include "kernel/bpf.h"
#include "kernel/tracefs.h"
#include "run/runtime.h"
#include "target/target.h"

/* How many of the plan's programs go on the same tracepoint. */
static unsigned sharing(const struct runtime *rt, const struct attach *at)
{
	unsigned i, n = 0;

	for (i = 0; i < rt->plan->nprogs; i++)
		n += rt->plan->progs[i].attach.kind == ATTACH_TRACEPOINT &&
		     !strcmp(rt->plan->progs[i].attach.event, at->event);
	return n;
}

/* Opens a perf event and hands it the program; the fd, or -errno having said why. */
static int open_event(const struct runtime *rt, unsigned i, struct perf_event_attr *attr,
		      int cpu, const char *what)
{
	const struct plan_prog *p = &rt->plan->progs[i];
	int fd = perf_event_open(attr, -1, cpu), r;

	if (fd < 0) {
		err("%s: cannot open %s: %s", p->name, what, bpf_strerror(fd));
		return fd;
	}
	r = perf_event_attach(fd, rt->progs[i].fd);
	if (r < 0) {
		err("%s: cannot attach the program: %s%s", p->name, bpf_strerror(r),
		    r == -EINVAL ? " (the kernel may lack CONFIG_BPF_EVENTS)" : "");
		if (r == -E2BIG && p->attach.kind == ATTACH_TRACEPOINT)
			note_at(NULL, "the kernel runs at most 64 programs on one tracepoint, and "
				"this script has %u on %s", sharing(rt, &p->attach), p->attach.event);
		close(fd);
		return r;
	}
	return fd;
}

static int attach_tracepoint(struct runtime *rt, unsigned i)
{
	const struct plan_prog *p = &rt->plan->progs[i];
	struct run_prog *rp = &rt->progs[i];
	struct perf_event_attr attr = { .type = PERF_TYPE_TRACEPOINT, .sample_period = 1 };
	const char *root = tracefs_root();
	char path[512], *id;
	int fd;

	snprintf(path, sizeof(path), "%s/events/%s/id", root ? root : "", p->attach.event);
	id = root ? read_file(path, NULL) : NULL;
	if (!id) {
		err("%s: cannot read the tracepoint's id from %s: %s", p->name, path,
		    strerror(root ? errno : ENODEV));
		return root ? -errno : -ENODEV;
	}
	attr.config = strtoull(id, NULL, 10);
	free(id);
	/*
	 * One event serves all CPUs: the program hangs off the tracepoint
	 * itself, and a second per-CPU event would fail with EEXIST.
	 */
	fd = open_event(rt, i, &attr, 0, "the tracepoint event");
	if (fd < 0)
		return fd;
	rp->perf_fds = xmalloc(sizeof(*rp->perf_fds));
	rp->perf_fds[rp->nperf++] = fd;
	return 0;
}

static int attach_perf(struct runtime *rt, unsigned i)
{
	const struct plan_prog *p = &rt->plan->progs[i];
	const struct attach *at = &p->attach;
	struct run_prog *rp = &rt->progs[i];
	struct perf_event_attr attr = { .type = at->perf_type, .config = at->perf_config };
	bool *online = cpus_online(rt->ncpus);
	unsigned cpu, first;
	char what[48];
	int fd = 0;

	if (at->freq) {
		attr.freq = 1;
		attr.sample_freq = at->period;
	} else {
		attr.sample_period = at->period;
	}
	for (first = 0; first + 1 < rt->ncpus && !online[first]; first++)
		;
	rp->perf_fds = xmalloc(rt->ncpus * sizeof(*rp->perf_fds));
	for (cpu = 0; cpu < rt->ncpus && fd >= 0; cpu++) {
		if (at->cpu == ATTACH_EVERY_CPU ? !online[cpu] :
		    cpu != (at->cpu == ATTACH_FIRST_CPU ? first : (unsigned)at->cpu))
			continue;
		snprintf(what, sizeof(what), "the %s counter on CPU %u",
			 at->event ? at->event : "cpu-clock", cpu);
		fd = open_event(rt, i, &attr, (int)cpu, what);
		if (fd < 0 && at->perf_type == PERF_TYPE_HARDWARE)
			note_at(NULL, "this CPU's PMU does not count %s (a virtual machine's may count "
				"nothing)", at->event);
		if (fd >= 0)
			rp->perf_fds[rp->nperf++] = fd;
	}
	free(online);
	return fd < 0 ? fd : 0;
}

/* Whether available_filter_functions lists the function. */
static bool traceable(const char *name)
{
	const char *root = tracefs_root();
	char path[512], *names, *line;
	size_t len = strlen(name);
	bool found = false;

	snprintf(path, sizeof(path), "%s/available_filter_functions", root ? root : "");
	names = root ? read_file(path, NULL) : NULL;
	/* "name" or "name [module]" on a line of its own */
	for (line = names; line && *line && !found; line += strcspn(line, "\n") + 1) {
		found = !strncmp(line, name, len) && strchr(" \t\n", line[len]);
		if (!line[strcspn(line, "\n")])
			break;
	}
	free(names);
	return found;
}

/*
 * riscv kernels without KPROBES_ON_FTRACE refuse a probe on the entry of
 * a traceable function, its ftrace nops, with EINVAL: not the usual
 * reasons, and a probe past the nops works.
 */
static bool ftrace_note(const struct attach *at, const struct xprobe *x, int r)
{
	if (arch_kernel(target_host_task())->elf_machine != EM_RISCV || r != -EINVAL ||
	    !x->name || x->offset || !traceable(x->name))
		return false;
	if (x->retprobe)
		note_at(NULL, "this kernel cannot probe the entry of a traceable function "
			"without KPROBES_ON_FTRACE, and a kretprobe can only go there");
	else
		note_at(NULL, "this kernel cannot probe the entry of a traceable function "
			"without KPROBES_ON_FTRACE; try %s+8, past its ftrace nops", at->target);
	return true;
}

/* Opens the event of one point and hands it the program; 0 or -errno. */
static int attach_point(struct runtime *rt, unsigned i, const struct xprobe *x, pid_t pid)
{
	struct run_prog *rp = &rt->progs[i];
	struct xprobe_event *ev = &rp->events[rp->nevents];
	int r = xprobe_open(x, pid, ev);

	if (r == 0) {
		r = perf_event_attach(ev->fd, rp->fd);
		if (r < 0)
			xprobe_close(ev);
	}
	if (r == 0)
		rp->nevents++;
	return r;
}

static struct xprobe point(const struct attach *at, unsigned k, bool uprobe)
{
	return (struct xprobe){ uprobe, at->retprobe, at->points[k].name, at->points[k].offset,
				at->ref_ctr };
}

static int attach_kprobe(struct runtime *rt, unsigned i)
{
	const struct plan_prog *p = &rt->plan->progs[i];
	const struct attach *at = &p->attach;
	unsigned k, skipped = 0;
	struct xprobe first = { 0 }, x;
	int r, first_err = 0;

	if (!xprobe_supported(false)) {
		err("%s: this kernel has no kprobes: neither the kprobe PMU nor kprobe_events",
		    p->name);
		note_at(NULL, "the kernel needs CONFIG_KPROBES and CONFIG_KPROBE_EVENTS "
			"(sonde -T lists what this kernel has)");
		return -EOPNOTSUPP;
	}
	rt->progs[i].events = xcalloc(at->npoints, sizeof(struct xprobe_event));
	for (k = 0; k < at->npoints; k++) {
		x = point(at, k, false);
		r = attach_point(rt, i, &x, -1);
		if (r == 0)
			continue;
		if (!at->glob) {
			err("%s: cannot probe %s: %s", p->name, x.name ? x.name : "the address",
			    bpf_strerror(r));
			if (!ftrace_note(at, &x, r) && (r == -ENOENT || r == -EINVAL))
				note_at(NULL, "the function may be inlined, static, or on the kprobe "
					"blacklist; the kernel needs CONFIG_KPROBES and "
					"CONFIG_KPROBE_EVENTS");
			return r;
		}
		if (!skipped++) {
			first = x;
			first_err = r;
		}
	}
	if (skipped)
		warn("%s: skipped %u of %u functions that cannot be probed (%s: %s)", p->name,
		     skipped, at->npoints, first.name, bpf_strerror(first_err));
	if (!rt->progs[i].nevents) {
		err("%s: no function could be probed", p->name);
		ftrace_note(at, &first, first_err);
		return first_err;
	}
	return 0;
}

static int attach_uprobe(struct runtime *rt, unsigned i)
{
	const struct plan_prog *p = &rt->plan->progs[i];
	struct xprobe x = point(&p->attach, 0, true);
	int r;

	if (!xprobe_supported(true)) {
		err("%s: this kernel has no uprobes: neither the uprobe PMU nor uprobe_events",
		    p->name);
		note_at(NULL, "the kernel needs CONFIG_UPROBES and CONFIG_UPROBE_EVENTS");
		return -EOPNOTSUPP;
	}
	rt->progs[i].events = xcalloc(1, sizeof(struct xprobe_event));
	r = attach_point(rt, i, &x, rt->opt->pid > 0 ? rt->opt->pid : -1);
	if (r < 0)
		err("%s: cannot attach the uprobe: %s", p->name, bpf_strerror(r));
	if (r < 0 && x.ref_ctr)
		note_at(NULL, "a USDT probe with a semaphore needs Linux 4.20");
	return r;
}

void attach_note_trampolines(const struct plan_prog *p)
{
	note_at(NULL, "fentry and fexit need BPF trampolines, which this kernel may lack on its "
		"architecture (arm64 before Linux 6.4); kprobe:%s and kretprobe:%s work without",
		p->attach.target, p->attach.target);
}

/*
 * A raw tracepoint, or a tracing program, which was loaded for its
 * function: attaching is one call, and its fd.
 */
static int attach_raw(struct runtime *rt, unsigned i)
{
	const struct attach *at = &rt->plan->progs[i].attach;
	struct run_prog *rp = &rt->progs[i];
	int fd = bpf_raw_tracepoint_open(at->kind == ATTACH_RAW_TRACEPOINT ? at->event : NULL, rp->fd);

	if (fd < 0) {
		err("%s: cannot attach the program: %s", rt->plan->progs[i].name, bpf_strerror(fd));
		if (fd == -ENOTSUPP_KERNEL && at->kind == ATTACH_FENTRY)
			attach_note_trampolines(&rt->plan->progs[i]);
		return fd;
	}
	rp->perf_fds = xmalloc(sizeof(*rp->perf_fds));
	rp->perf_fds[rp->nperf++] = fd;
	return 0;
}

/*
 * A glob on one kprobe_multi or uprobe_multi link: one call to attach and
 * one close to detach, where a perf event each costs a call and, closed,
 * an RCU grace period. The kernel refuses the whole link if it cannot
 * attach to one of the functions, without saying which.
 */
static int attach_multi(struct runtime *rt, unsigned i)
{
	const struct plan_prog *p = &rt->plan->progs[i];
	const struct attach *at = &p->attach;
	struct run_prog *rp = &rt->progs[i];
	bool uprobe = at->kind == ATTACH_UPROBE;
	uint64_t *points = xmalloc(at->npoints * sizeof(*points));
	struct bpf_multi m = { uprobe, at->retprobe, at->points[0].name, points, at->npoints,
			       rt->opt->pid };
	unsigned k;
	int fd;

	for (k = 0; k < at->npoints; k++)
		points[k] = uprobe ? at->points[k].offset : (uintptr_t)at->points[k].name;
	fd = bpf_link_multi(rp->fd, &m);
	free(points);
	if (fd < 0) {
		err("%s: the kernel refused one %s link for its %u functions: %s", p->name,
		    uprobe ? "uprobe_multi" : "kprobe_multi", at->npoints, bpf_strerror(fd));
		note_at(NULL, uprobe ? "SONDE_NO_MULTI=1 attaches a perf event to each instead" :
			"SONDE_NO_MULTI=1 skips the functions that cannot be probed");
		return fd;
	}
	rp->perf_fds = xmalloc(sizeof(*rp->perf_fds));
	rp->perf_fds[rp->nperf++] = fd;
	return 0;
}

int attach_prog(struct runtime *rt, unsigned i)
{
	if (rt->plan->progs[i].attach.multi)
		return attach_multi(rt, i);
	switch (rt->plan->progs[i].attach.kind) {
	case ATTACH_TRACEPOINT:
		return attach_tracepoint(rt, i);
	case ATTACH_PERF:
		return attach_perf(rt, i);
	case ATTACH_KPROBE:
		return attach_kprobe(rt, i);
	case ATTACH_UPROBE:
		return attach_uprobe(rt, i);
	case ATTACH_FENTRY:
	case ATTACH_RAW_TRACEPOINT:
		return attach_raw(rt, i);
	case ATTACH_BEGIN:
	case ATTACH_END:
		break;
	}
	return 0;
}

/* clone3(2), 5.3: the same number on every architecture, unlike clone's arguments. */
#define NR_CLONE3 435
#define CLOSERS 16

struct clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
};

/*
 * Closes perf events, many at once. Closing one on a tracepoint or kprobe
 * waits for RCU grace periods, 0.1 s here: one after another, the 360
 * syscall tracepoints took 30 s. Children sharing the fd table close a
 * share each, so that the waits overlap; what no child could be made for
 * is closed here.
 */
static void close_events(int *fds, unsigned n)
{
	struct clone_args args = { .flags = CLONE_FILES, .exit_signal = SIGCHLD };
	pid_t kids[CLOSERS];
	unsigned k, nk = 0, i;

	while (n > CLOSERS && nk < CLOSERS) {
		pid_t pid = (pid_t)syscall(NR_CLONE3, &args, sizeof(args));

		if (pid == 0) {
			for (i = nk; i < n; i += CLOSERS)
				close(fds[i]);
			_exit(0);
		}
		if (pid < 0)
			break;
		kids[nk++] = pid;
	}
	for (k = nk; k < CLOSERS; k++)
		for (i = k; i < n; i += CLOSERS)
			close(fds[i]);
	for (k = 0; k < nk; k++)
		while (waitpid(kids[k], NULL, 0) < 0 && errno == EINTR)
			;
}

void detach_all(struct runtime *rt)
{
	int *fds = NULL;
	unsigned i, j, n = 0;

	for (i = 0; i < rt->plan->nprogs; i++) {
		struct run_prog *rp = &rt->progs[i];

		fds = xrealloc(fds, (n + rp->nperf + rp->nevents) * sizeof(*fds));
		for (j = 0; j < rp->nperf; j++)
			fds[n++] = rp->perf_fds[j];
		for (j = 0; j < rp->nevents; j++)
			if (rp->events[j].fd > 0)
				fds[n++] = rp->events[j].fd, rp->events[j].fd = -1;
		rp->nperf = 0;
	}
	close_events(fds, n);
	free(fds);
	/* Then what tracefs holds of the kprobes and uprobes. */
	for (i = 0; i < rt->plan->nprogs; i++) {
		struct run_prog *rp = &rt->progs[i];

		while (rp->nevents)
			xprobe_close(&rp->events[--rp->nevents]);
		free(rp->perf_fds);
		free(rp->events);
		rp->perf_fds = NULL;
		rp->events = NULL;
	}
}
