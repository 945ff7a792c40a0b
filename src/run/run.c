// SPDX-License-Identifier: GPL-2.0
/*
 * The runtime: creates the maps, loads and attaches the programs, runs the
 * -c command, relays program output, and undoes everything on the way out.
 */
#include "config.h"	/* first: it selects the GNU extensions (strcasestr) */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/file.h"
#include "base/text.h"
#include "bpf/abi.h"
#include "kernel/bpf.h"
#include "kernel/ksym.h"
#include "run/run.h"
#include "run/runtime.h"
#include "run/usym.h"

#define LOG_TAIL_LINES 20
/* -B full writes in blocks of at least this much. */
#define FULL_BUFFER 65536

static void on_sample(void *ctx, const void *data, size_t size)
{
	struct runtime *rt = ctx;

	output_event(rt, data, size);
	if (rt->opt->buffering == BUFFER_NONE)
		output_flush(rt);
}

/*
 * Events lost, as the kernel reports a perf ring's or the programs count
 * them: the end, unless -k.
 */
static void on_lost(void *ctx, uint64_t count)
{
	struct runtime *rt = ctx;

	rt->lost += count;
	if (rt->opt->keep_going) {
		warn("lost %llu events", (unsigned long long)count);
		return;
	}
	err("lost %llu events; stopping (-k keeps going; see --ring-size)",
	    (unsigned long long)count);
	rt->exiting = true;
	rt->exit_code = 1;
}

/*
 * What the programs counted lost (see gen_count_lost()) and was not
 * reported yet: all the ring buffer's losses; a perf ring's last ones, as
 * the kernel tells of a loss only in front of the next record that fits.
 */
static void check_lost(struct runtime *rt)
{
	uint64_t *v, lost = 0;
	uint32_t key = 0;
	unsigned cpu;
	int r;

	if (rt->plan->lost_map < 0)
		return;
	v = xmalloc(rt->ncpus * sizeof(*v));
	r = bpf_map_lookup(rt->map_fds[rt->plan->lost_map], &key, v);
	for (cpu = 0; cpu < rt->ncpus && !r; cpu++)
		lost += v[cpu];
	free(v);
	if (r)
		output_map_error(rt, rt->plan->lost_map, "read", r);
	if (lost > rt->lost)
		on_lost(rt, lost - rt->lost);
}

/* The updates full maps refused (see gen_update()), map by map. */
static void check_dropped(struct runtime *rt)
{
	const struct plan *pl = rt->plan;
	uint64_t *v = xmalloc(rt->ncpus * sizeof(*v)), dropped;
	uint32_t i;
	unsigned cpu;
	int r;

	for (i = 0; pl->dropped_map >= 0 && i < pl->nmaps; i++) {
		if (pl->maps[i].kind != MAP_PLAIN && pl->maps[i].kind != MAP_AGG)
			continue;
		r = bpf_map_lookup(rt->map_fds[pl->dropped_map], &i, v);
		if (r) {
			output_map_error(rt, pl->dropped_map, "read", r);
			break;
		}
		for (cpu = 0, dropped = 0; cpu < rt->ncpus; cpu++)
			dropped += v[cpu];
		if (dropped)
			warn("map '%s' was full: it dropped %llu updates of new keys; raise -M "
			     "(%u now), or with --lru it forgets its oldest keys instead",
			     pl->maps[i].name, (unsigned long long)dropped, pl->maps[i].max_entries);
	}
	free(v);
}

static void drain(struct runtime *rt)
{
	const struct ring_handler h = { on_sample, on_lost, rt };
	unsigned i;

	for (i = 0; i < rt->nrings; i++)
		ring_drain(&rt->rings[i], &h);
	if (rt->nrings && rt->rings[0].shared)
		check_lost(rt);
	if (rt->opt->buffering != BUFFER_FULL || rt->out.len >= FULL_BUFFER)
		output_flush(rt);
}

static unsigned entries_of(const struct runtime *rt, const struct plan_map *m)
{
	if (m->bpf_type == MAP_TYPE_RINGBUF)
		return rt->plan->ring_pages * (unsigned)getpagesize();
	return m->max_entries ? m->max_entries : rt->ncpus;
}

/* A debug line of what sonde asks the kernel for: entries x (key + value x copies). */
static uint64_t asked(const struct runtime *rt, const char *what, const char *name,
		      unsigned entries, unsigned key, unsigned value, unsigned copies)
{
	uint64_t bytes = entries * (key + (uint64_t)value * copies);

	if (rt->opt->debug)
		fprintf(stderr, "sonde: debug: %s%s: %u x (%u + %u x %u) = %llu bytes\n", what, name,
			entries, key, value, copies, (unsigned long long)bytes);
	return bytes;
}

/*
 * What the maps and rings ask of the kernel, in bytes: each map's entries,
 * a key and a value each, the value once per CPU in a per-CPU map; the ring
 * buffer's pages, or those of each online CPU's perf ring.
 */
static uint64_t kernel_memory(const struct runtime *rt)
{
	const struct plan *pl = rt->plan;
	unsigned i, cpu, page = (unsigned)getpagesize(), rings = 0;
	uint64_t total = 0;
	bool *online;

	for (i = 0; i < pl->nmaps; i++) {
		const struct plan_map *m = &pl->maps[i];

		if (m->bpf_type == MAP_TYPE_RINGBUF) {
			total += asked(rt, "ring buffer", "", pl->ring_pages, 0, page, 1);
			continue;
		}
		total += asked(rt, "map ", m->name, entries_of(rt, m), m->key->size,
			       m->value->size, m->percpu ? rt->ncpus : 1);
		if (m->bpf_type != BPF_MAP_TYPE_PERF_EVENT_ARRAY)
			continue;
		online = cpus_online(rt->ncpus);
		for (cpu = 0; cpu < rt->ncpus; cpu++)
			rings += online[cpu];
		free(online);
		total += asked(rt, "perf rings", "", pl->ring_pages, 0, page, rings);
	}
	if (rt->opt->debug)
		fprintf(stderr, "sonde: debug: %llu bytes in all\n", (unsigned long long)total);
	return total;
}

/* MemAvailable of /proc/meminfo in bytes, or 0 if it does not say. */
static uint64_t memory_available(void)
{
	char *info = read_file("/proc/meminfo", NULL);
	char *line = info ? text_find(info, "MemAvailable:") : NULL;
	uint64_t kb = line ? strtoull(line + 13, NULL, 10) : 0;

	free(info);
	return kb * 1024;
}

/* Why the kernel most likely refused a ring of --ring-size pages. */
static void note_ring_size(const struct runtime *rt, int r)
{
	if (r == -EINVAL || r == -ENOMEM || r == -E2BIG)
		note_at(NULL, "--ring-size is %u pages: the kernel wants a power of two, and "
			"not more than it can give", rt->plan->ring_pages);
}

static int create_maps(struct runtime *rt)
{
	const struct plan *pl = rt->plan;
	uint64_t total = kernel_memory(rt), available = memory_available();
	unsigned i;
	int r = 0;

	/* A kernel asked for more than it has can take minutes to refuse. */
	if (available && total > available) {
		err("the maps would take %llu MiB of kernel memory, more than the %llu MiB "
		    "available", (unsigned long long)(total >> 20),
		    (unsigned long long)(available >> 20));
		note_at(NULL, "lower -M (now %u entries per map)", rt->opt->map_entries);
		return -ENOMEM;
	}
	for (i = 0; i < pl->nmaps && !r; i++) {
		const struct plan_map *m = &pl->maps[i];
		int fd = bpf_map_create(m->bpf_type, m->key->size, m->value->size,
					entries_of(rt, m), 0);
		uint32_t k;

		for (k = 0; m->init && fd >= 0 && k < m->max_entries; k++) {
			int u = bpf_map_update(fd, &k, (const char *)m->init + k * m->value->size,
					       BPF_ANY);

			if (u < 0) {
				close(fd);
				fd = u;
			}
		}
		if (fd < 0 && m->bpf_type == MAP_TYPE_RINGBUF) {
			err("cannot create the ring buffer: %s", bpf_strerror(fd));
			note_ring_size(rt, fd);
		} else if (fd < 0) {
			const char *hint = bpf_hint(fd);

			err("cannot create map '%s': %s", m->name, bpf_strerror(fd));
			if (hint)
				note_at(NULL, "%s", hint);
		}
		r = fd < 0 ? fd : 0;
		rt->map_fds[i] = fd;
	}
	return r;
}

/* Shows the end of the verifier's log, where the reason is. */
/* The instruction the verifier was at when it gave up: the last "N: (op)" line. */
static long last_insn(const char *log)
{
	const char *line = log + strlen(log);
	char *end;
	long n;

	while (line > log) {
		for (line--; line > log && line[-1] != '\n'; line--)
			;
		n = strtol(line, &end, 10);
		if (end > line && !strncmp(end, ": (", 3))
			return n;
	}
	return -1;
}

/*
 * A refusal inside a loop is, most likely, a loop the verifier could not
 * bound: the innermost loop around where it stopped gets the blame.
 */
static void blame_loop(const struct plan_prog *p, const char *log)
{
	const struct plan_loop *l, *in = NULL;
	long insn = last_insn(log);

	for (l = p->loops; l < p->loops + p->nloops; l++)
		if (insn >= (long)l->start && insn < (long)l->end &&
		    (!in || l->end - l->start < in->end - in->start))
			in = l;
	if (in)
		note_at(&in->loc, "the verifier gave up in this loop, most likely unable to see "
			"it end: bound it with a constant too, as in while ($i < n && $i < 100)");
}

/*
 * Loads a program of the plan: for its kernel function, if it is a
 * tracing one, or for its multi link.
 */
static int load(const struct plan_prog *p, const struct bpf_insn *insns, char *log, size_t size)
{
	struct bpf_btf_attach to = { p->attach.retprobe ? ATTACH_TRACE_FEXIT : ATTACH_TRACE_FENTRY,
				     p->attach.btf_id };

	if (p->attach.multi)
		to.type = p->attach.kind == ATTACH_UPROBE ? ATTACH_TRACE_UPROBE_MULTI :
			  ATTACH_TRACE_KPROBE_MULTI;
	return bpf_prog_load(p->prog_type, p->attach.kind == ATTACH_FENTRY || p->attach.multi ?
			     &to : NULL, p->funcs, p->nfuncs, insns, p->ninsns, log, size);
}

static void explain_refusal(struct runtime *rt, const struct plan_prog *p,
			    const struct bpf_insn *insns, int err_load)
{
	size_t size = 1 << 18;
	char *log = xmalloc(size), *start;
	const char *hint = bpf_hint(err_load);
	unsigned lines = 0;
	int r;

	r = load(p, insns, log, size);
	if (r == -ENOSPC) {
		size = 1 << 24;
		log = xrealloc(log, size);
		r = load(p, insns, log, size);
	}
	if (r >= 0)
		close(r);
	err("%s: the kernel refused the program: %s", p->name, bpf_strerror(err_load));
	if (log[0]) {
		for (start = log + strlen(log); start > log; start--)
			if (start[-1] == '\n' && start[0] && ++lines > LOG_TAIL_LINES &&
			    !rt->opt->debug)
				break;
		fprintf(stderr, "verifier log%s:\n", start > log ? " (last lines; -d shows all)" : "");
		fputs(start, stderr);
		blame_loop(p, log);
	}
	if (p->attach.kind == ATTACH_FENTRY && err_load != -EACCES && err_load != -EPERM)
		attach_note_trampolines(p);
	else if (hint && err_load != -EACCES)
		note_at(NULL, "%s", hint);
	free(log);
}

/*
 * The program as the kernel takes it: map loads hold the maps' fds, and
 * kernel symbols their addresses; 0, or -ENOENT having said which symbol
 * kallsyms does not show.
 */
static int relocate(struct runtime *rt, const struct plan_prog *p, struct bpf_insn *insns)
{
	unsigned i;

	memcpy(insns, p->insns, p->ninsns * sizeof(*insns));
	for (i = 0; i < p->ninsns; i++) {
		struct bpf_insn *ld = &insns[i];
		const char *ksym;
		uint64_t addr;

		if (!insn_is_ld_imm64(ld))
			continue;
		if (ld->src_reg == BPF_PSEUDO_MAP_FD)
			ld->imm = rt->map_fds[ld->imm];
		if (ld->src_reg != PSEUDO_RELOC)
			continue;
		ksym = p->relocs[ld->imm].ksym;
		if (p->relocs[ld->imm].kind == RELOC_START_NS) {
			addr = rt->start_ns;
		} else if (p->relocs[ld->imm].kind == RELOC_CPID) {
			addr = (uint64_t)rt->cpid;
		} else {
			if (!rt->ksyms)
				rt->ksyms = ksyms_load();
			addr = ksym_addr(rt->ksyms, ksym);
		}
		if (!addr && p->relocs[ld->imm].kind == RELOC_KSYM) {
			err("%s: the program needs the address of %s, which /proc/kallsyms does "
			    "not show", p->name, ksym);
			if (ksyms_shown(rt->ksyms))
				note_at(NULL, "kallsyms lists kernel data only with "
					"CONFIG_KALLSYMS_ALL");
			else
				note_at(NULL, "as root with kernel.kptr_restrict below 2, it does");
			return -ENOENT;
		}
		ld[0] = LD_IMM64_LO(ld->dst_reg, 0, addr);
		ld[1] = LD_IMM64_HI(addr);
	}
	return 0;
}

static int load_programs(struct runtime *rt)
{
	const struct plan *pl = rt->plan;
	unsigned i;

	for (i = 0; i < pl->nprogs; i++) {
		const struct plan_prog *p = &pl->progs[i];
		struct bpf_insn *insns = xmalloc(p->ninsns * sizeof(*insns));
		int fd = relocate(rt, p, insns);

		if (!fd) {
			fd = load(p, insns, NULL, 0);
			if (fd < 0)
				explain_refusal(rt, p, insns, fd);
		}
		free(insns);
		if (fd < 0)
			return fd;
		rt->progs[i].fd = fd;
		if (rt->opt->debug)
			fprintf(stderr, "sonde: debug: %s: %u instructions, %d after the kernel's "
				"rewrites\n", p->name, p->ninsns, bpf_prog_xlated_len(fd));
	}
	return 0;
}

static int open_rings(struct runtime *rt)
{
	bool *online;
	int events = rt->map_fds[rt->plan->events_map], r = 0;
	unsigned cpu;

	rt->rings = xmalloc(rt->ncpus * sizeof(*rt->rings));
	if (rt->plan->maps[rt->plan->events_map].bpf_type == MAP_TYPE_RINGBUF) {
		r = ring_map(rt->rings, events, rt->plan->ring_pages);
		rt->nrings = r == 0;
		if (r < 0)
			err("cannot map the ring buffer: %s", bpf_strerror(r));
		return r;
	}
	online = cpus_online(rt->ncpus);
	for (cpu = 0; cpu < rt->ncpus && r == 0; cpu++) {
		struct ring *ring = &rt->rings[rt->nrings];

		if (!online[cpu])
			continue;
		r = ring_open(ring, cpu, rt->plan->ring_pages);
		if (r == 0) {
			rt->nrings++;
			r = bpf_map_update(events, &cpu, &ring->fd, BPF_ANY);
		}
		if (r < 0) {
			err("cannot open the output buffer of CPU %u: %s", cpu, bpf_strerror(r));
			note_ring_size(rt, r);
		}
	}
	free(online);
	return r;
}

/* BEGIN and END run once, synchronously, on the current CPU. */
static int run_special(struct runtime *rt, enum attach_kind kind)
{
	unsigned i;
	int r;

	for (i = 0; i < rt->plan->nprogs; i++) {
		if (rt->plan->progs[i].attach.kind != kind)
			continue;
		r = bpf_prog_test_run(rt->progs[i].fd);
		if (r < 0) {
			err("%s: cannot run the program: %s", rt->plan->progs[i].name,
			    bpf_strerror(r));
			if (r == -EINVAL || r == -ENOTSUPP_KERNEL || r == -EOPNOTSUPP)
				note_at(NULL, "BEGIN and END need Linux 5.10 or later");
			return r;
		}
		drain(rt);
	}
	return 0;
}

static bool has_event_probes(const struct plan *pl)
{
	unsigned i;

	for (i = 0; i < pl->nprogs; i++)
		if (pl->progs[i].attach.kind != ATTACH_BEGIN && pl->progs[i].attach.kind != ATTACH_END)
			return true;
	return false;
}

/* Says how many probes attached: a function or tracepoint each, a profile once. */
static int attach_all(struct runtime *rt)
{
	unsigned i, n = 0;
	int r;

	xprobe_remove_stale();
	for (i = 0; i < rt->plan->nprogs; i++) {
		const struct plan_prog *p = &rt->plan->progs[i];
		unsigned k;

		r = attach_prog(rt, i);
		if (r < 0)
			return r;
		k = rt->progs[i].nevents;
		k = k ? k : p->attach.multi ? p->attach.npoints : rt->progs[i].nperf > 0;
		n += k;
		/* -d: how a kprobe or uprobe went, a perf event each or one link for all */
		if (rt->opt->debug && (p->attach.multi || rt->progs[i].nevents))
			fprintf(stderr, "sonde: debug: %s: %u attached, %s\n", p->name, k,
				!p->attach.multi ? "a perf event each" :
				p->attach.kind == ATTACH_UPROBE ? "one uprobe_multi link" :
				"one kprobe_multi link");
	}
	if (!rt->opt->quiet)
		fprintf(stderr, "sonde: %u probe%s attached, Ctrl-C to stop\n", n, n == 1 ? "" : "s");
	return 0;
}

static void release(struct runtime *rt)
{
	unsigned i;

	/*
	 * The command first: its supervisor, a fork of sonde, holds copies of
	 * the perf events, and a probe in kprobe_events or uprobe_events
	 * cannot be removed while one is open.
	 */
	command_stop(rt);
	detach_all(rt);
	for (i = 0; i < rt->plan->nprogs; i++)
		if (rt->progs[i].fd >= 0)
			close(rt->progs[i].fd), rt->progs[i].fd = -1;
	for (i = 0; i < rt->nrings; i++)
		ring_close(&rt->rings[i]);
	free(rt->rings);
	rt->rings = NULL;
	rt->nrings = 0;
	for (i = 0; i < rt->plan->nmaps; i++)
		if (rt->map_fds[i] >= 0)
			close(rt->map_fds[i]), rt->map_fds[i] = -1;
}

/* die() and friends come here first: nothing stays attached. */
static void release_on_fatal(void *ctx)
{
	release(ctx);
}

/* A signal arrived: decides whether tracing should stop. */
static void on_signal(struct runtime *rt)
{
	struct signalfd_siginfo si;
	int status;

	while (read(rt->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo != SIGCHLD) {
			rt->stop = true;
			continue;
		}
		if (rt->child > 0 && waitpid(rt->child, &status, WNOHANG) == rt->child) {
			rt->child = 0;
			rt->stop = true;
		}
	}
}

static void event_loop(struct runtime *rt)
{
	struct pollfd *fds = xmalloc((rt->nrings + 1) * sizeof(*fds));
	unsigned i;

	fds[0] = (struct pollfd){ .fd = rt->sigfd, .events = POLLIN };
	for (i = 0; i < rt->nrings; i++)
		fds[i + 1] = (struct pollfd){ .fd = rt->rings[i].fd, .events = POLLIN };
	/* With -p, the process is looked at as often as the rings. */
	int timeout = rt->nrings || rt->opt->pid > 0 ? RING_LATENCY_MS : -1;

	while (!rt->stop && !rt->exiting) {
		if (poll(fds, rt->nrings + 1, timeout) < 0 && errno != EINTR) {
			err("poll: %s", strerror(errno));
			break;
		}
		if (fds[0].revents)
			on_signal(rt);
		drain(rt);
		if (rt->opt->pid > 0 && kill(rt->opt->pid, 0) < 0 && errno == ESRCH) {
			note_at(NULL, "process %d has exited; stopping", rt->opt->pid);
			rt->stop = true;
		}
	}
	free(fds);
}

/* Block characters only where they will show: a terminal with a UTF-8 locale. */
static bool utf8_terminal(int fd)
{
	const char *vars[] = { "LC_ALL", "LC_CTYPE", "LANG" }, *v = getenv("TERM");
	size_t i;

	if (!isatty(fd) || !v || !strcmp(v, "dumb"))
		return false;
	for (i = 0; i < ARRAY_SIZE(vars); i++) {
		v = getenv(vars[i]);
		if (v && *v)
			return strcasestr(v, "UTF-8") || strcasestr(v, "utf8");
	}
	return false;
}

static void print_maps(struct runtime *rt)
{
	unsigned i;

	for (i = 0; i < rt->plan->nmaps; i++)
		if (rt->plan->maps[i].kind == MAP_PLAIN || rt->plan->maps[i].kind == MAP_AGG)
			output_map(rt, (int)i, false, 0);
}

int run_plan(const struct plan *pl, const struct options *opt)
{
	struct runtime rt = { .plan = pl, .opt = opt, .sigfd = -1, .go = -1 };
	struct timespec now;
	sigset_t mask;
	unsigned i;
	int r;

	fflush(stdout);		/* -S went through stdio; the rest is written directly */
	clock_gettime(CLOCK_MONOTONIC, &now);
	rt.start_ns = (uint64_t)now.tv_sec * 1000000000 + (uint64_t)now.tv_nsec;
	rt.ncpus = cpus_possible();
	rt.unicode = utf8_terminal(opt->out_fd);
	rt.map_fds = xmalloc((pl->nmaps + 1) * sizeof(*rt.map_fds));
	for (i = 0; i < pl->nmaps; i++)
		rt.map_fds[i] = -1;
	rt.progs = xcalloc(pl->nprogs + 1, sizeof(*rt.progs));
	for (i = 0; i < pl->nprogs; i++)
		rt.progs[i].fd = -1;
	bpf_lift_memlock_limit();
	/* Signals are read from a signalfd, so that none can slip between checks. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_BLOCK, &mask, &rt.oldmask);
	signal(SIGPIPE, SIG_IGN);
	rt.sigfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	if (rt.sigfd < 0)
		die("signalfd: %s", strerror(errno));
	diag_on_fatal(release_on_fatal, &rt);

	/* The command, held, before anything: one that cannot run stops sonde here. */
	r = opt->command ? command_start(&rt) : 0;
	if (!r)
		r = create_maps(&rt);
	if (!r)
		r = load_programs(&rt);
	if (!r && pl->events_map >= 0)
		r = open_rings(&rt);
	if (!r)
		r = run_special(&rt, ATTACH_BEGIN);
	/* Without event probes or a command, nothing more can happen. */
	if (!r && !opt->command && !has_event_probes(pl))
		rt.stop = true;
	if (!r && !rt.exiting && !rt.stop)
		r = attach_all(&rt);
	if (r) {
		release(&rt);
		rt.exit_code = 1;
	} else {
		command_release(&rt);
		event_loop(&rt);
		command_stop(&rt);
		detach_all(&rt);
		drain(&rt);
		/* END sees the final state, and runs even after an exit(). */
		rt.exiting = false;
		run_special(&rt, ATTACH_END);
		check_lost(&rt);
		rt.exiting = true;
		print_maps(&rt);
		output_flush(&rt);
		check_dropped(&rt);	/* after the maps, where it is seen */
		release(&rt);
	}
	/* A reader that went away is a normal end (| head); a full disk is not. */
	if (rt.write_error && rt.write_error != EPIPE) {
		err("cannot write the output: %s", strerror(rt.write_error));
		rt.exit_code = 1;
	}
	diag_on_fatal(NULL, NULL);
	close(rt.sigfd);
	ksyms_free(rt.ksyms);
	usyms_free(rt.usyms);
	buf_free(&rt.out);
	free(rt.map_fds);
	free(rt.progs);
	return rt.exit_code;
}
