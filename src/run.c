// SPDX-License-Identifier: GPL-2.0
/*
 * The runtime: creates the maps, loads and attaches the programs, runs the
 * -c command, relays program output, and undoes everything on the way out.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bpf.h"
#include "output.h"
#include "provider.h"
#include "ring.h"
#include "xprobe.h"
#include "run.h"

#define LOG_TAIL_LINES 20

struct runtime {
	struct sonde *s;
	struct ring *rings;
	unsigned nrings;
	int sigfd;
	pid_t child;		/* the -c command's process group */
	bool stop;		/* a signal or the command's end: stop, after draining */
	uint64_t lost;		/* records the kernel reported lost */
	sigset_t oldmask;
};

static void on_sample(void *ctx, const void *data, size_t size)
{
	struct runtime *rt = ctx;

	output_event(rt->s, data, size);
}

static void on_lost(void *ctx, unsigned cpu, uint64_t count)
{
	struct runtime *rt = ctx;

	rt->lost += count;
	if (rt->s->opt.keep_going) {
		warn("lost %llu events on CPU %u", (unsigned long long)count, cpu);
		return;
	}
	err("lost %llu events on CPU %u; stopping (-k keeps going after losses)",
	    (unsigned long long)count, cpu);
	if (!rt->s->exiting) {
		rt->s->exiting = true;
		rt->s->exit_code = 1;
	}
}

/* Losses the programs counted that the kernel has not reported (see gen_event()). */
static void check_lost(struct runtime *rt)
{
	struct sonde *s = rt->s;
	uint64_t *v, lost = 0;
	uint32_t key = 0;
	unsigned cpu;

	if (!s->lost_map)
		return;
	v = xmalloc(s->ncpus * sizeof(*v));
	if (!bpf_map_lookup(s->lost_map->fd, &key, v))
		for (cpu = 0; cpu < s->ncpus; cpu++)
			lost += v[cpu];
	free(v);
	if (lost <= rt->lost)
		return;
	if (s->opt.keep_going) {
		warn("lost %llu events in all", (unsigned long long)lost);
		return;
	}
	err("lost %llu events in all, the last ones unreported until now",
	    (unsigned long long)lost);
	if (!s->exit_code)
		s->exit_code = 1;
}

static void drain(struct runtime *rt)
{
	const struct ring_handler h = { on_sample, on_lost, rt };
	unsigned i;

	for (i = 0; i < rt->nrings; i++)
		ring_drain(&rt->rings[i], &h);
	fflush(stdout);
}

static struct map *map_by_id(struct sonde *s, unsigned id)
{
	struct map *m;

	for (m = s->maps; m; m = m->next)
		if (m->id == id)
			return m;
	return NULL;
}

static int create_maps(struct sonde *s)
{
	struct map *m;

	for (m = s->maps; m; m = m->next) {
		m->fd = bpf_map_create(m->bpf_type, m->key->size, m->value->size,
				       m->max_entries, 0);
		if (m->fd < 0) {
			const char *hint = bpf_hint(m->fd);

			err("cannot create map '%s': %s", m->name, bpf_strerror(m->fd));
			if (hint)
				note_at(NULL, "%s", hint);
			return m->fd;
		}
		if (s->opt.debug)
			fprintf(stderr, "sonde: debug: map %s: type %u, key %u, value %u, %u entries\n",
				m->name, m->bpf_type, m->key->size, m->value->size, m->max_entries);
	}
	return 0;
}

/* Shows the end of the verifier's log, where the reason is. */
static void explain_refusal(struct sonde *s, struct probe *p, int err_load)
{
	size_t size = 1 << 18;
	char *log = xmalloc(size), *start;
	const char *hint = bpf_hint(err_load);
	unsigned lines = 0;
	int r;

	r = bpf_prog_load(p->provider->prog_type, p->insns, p->ninsns, log, size);
	if (r == -ENOSPC) {
		size = 1 << 24;
		log = xrealloc(log, size);
		r = bpf_prog_load(p->provider->prog_type, p->insns, p->ninsns, log, size);
	}
	if (r >= 0)
		close(r);
	err("%s: the kernel refused the program: %s", p->spec, bpf_strerror(err_load));
	if (log[0]) {
		for (start = log + strlen(log); start > log; start--)
			if (start[-1] == '\n' && start[0] && ++lines > LOG_TAIL_LINES && !s->opt.debug)
				break;
		fprintf(stderr, "verifier log%s:\n", start > log ? " (last lines; -d shows all)" : "");
		fputs(start, stderr);
	}
	if (hint && err_load != -EACCES)
		note_at(NULL, "%s", hint);
	free(log);
}

static int load_programs(struct sonde *s)
{
	struct probe *p;
	unsigned i;

	for (p = s->probes; p; p = p->next) {
		for (i = 0; i < p->ninsns; i++) {
			struct bpf_insn *insn = &p->insns[i];

			if (insn_is_ld_imm64(insn)) {
				if (insn->src_reg == BPF_PSEUDO_MAP_FD)
					insn->imm = map_by_id(s, insn->imm)->fd;
				i++;
			}
		}
		p->fd = bpf_prog_load(p->provider->prog_type, p->insns, p->ninsns, NULL, 0);
		if (p->fd < 0) {
			explain_refusal(s, p, p->fd);
			return p->fd;
		}
		if (s->opt.debug)
			fprintf(stderr, "sonde: debug: %s: %u instructions, %d after the kernel's "
				"rewrites\n", p->spec, p->ninsns, bpf_prog_xlated_len(p->fd));
		free(p->insns);
		p->insns = NULL;
	}
	return 0;
}

static int open_rings(struct runtime *rt)
{
	struct sonde *s = rt->s;
	bool *online = calloc(s->ncpus, sizeof(bool));
	char *list = read_file("/sys/devices/system/cpu/online", NULL);
	unsigned cpu;
	int r = 0;

	if (!online)
		die("out of memory");
	if (list)
		cpulist_parse(list, online, s->ncpus);
	else
		memset(online, true, s->ncpus);
	free(list);
	rt->rings = xmalloc(s->ncpus * sizeof(*rt->rings));
	for (cpu = 0; cpu < s->ncpus && r == 0; cpu++) {
		struct ring *ring = &rt->rings[rt->nrings];

		if (!online[cpu])
			continue;
		r = ring_open(ring, cpu, s->opt.pages);
		if (r == 0) {
			rt->nrings++;
			r = bpf_map_update(s->events_map->fd, &cpu, &ring->fd, BPF_ANY);
		}
		if (r < 0)
			err("cannot open the output buffer of CPU %u: %s", cpu, bpf_strerror(r));
	}
	free(online);
	return r;
}

/* BEGIN and END run once, synchronously, on the current CPU. */
static int run_special(struct runtime *rt, enum probe_when when)
{
	struct probe *p;
	int r;

	for (p = rt->s->probes; p; p = p->next) {
		if (p->provider->when != when)
			continue;
		r = bpf_prog_test_run(p->fd);
		if (r < 0) {
			err("%s: cannot run the program: %s", p->spec, bpf_strerror(r));
			if (r == -EINVAL || r == -ENOTSUPP_KERNEL || r == -EOPNOTSUPP)
				note_at(NULL, "BEGIN and END need Linux 5.10 or later");
			return r;
		}
		drain(rt);
	}
	return 0;
}

static bool has_event_probes(const struct sonde *s)
{
	const struct probe *p;

	for (p = s->probes; p; p = p->next)
		if (p->provider->when == WHEN_EVENT)
			return true;
	return false;
}

static void detach_all(struct sonde *s)
{
	struct probe *p;

	for (p = s->probes; p; p = p->next)
		if (p->provider->detach)
			p->provider->detach(s, p);
}

static int attach_all(struct sonde *s)
{
	struct probe *p;
	int r;

	xprobe_remove_stale();
	for (p = s->probes; p; p = p->next) {
		if (p->provider->when != WHEN_EVENT)
			continue;
		r = p->provider->attach(s, p);
		if (r < 0)
			return r;
	}
	return 0;
}

/*
 * Ends the -c command first: its supervisor, a fork of sonde, holds copies
 * of the perf events, and a probe in kprobe_events or uprobe_events cannot
 * be removed while one is open.
 */
static void stop_command(struct runtime *rt)
{
	if (rt->child > 0) {
		kill(-rt->child, SIGTERM);
		waitpid(rt->child, NULL, 0);
		rt->child = 0;
	}
}

static void release(struct runtime *rt)
{
	struct sonde *s = rt->s;
	struct probe *p;
	struct map *m;
	unsigned i;

	stop_command(rt);
	detach_all(s);
	for (p = s->probes; p; p = p->next)
		if (p->fd >= 0)
			close(p->fd), p->fd = -1;
	for (i = 0; i < rt->nrings; i++)
		ring_close(&rt->rings[i]);
	free(rt->rings);
	rt->rings = NULL;
	rt->nrings = 0;
	for (m = s->maps; m; m = m->next)
		if (m->fd >= 0)
			close(m->fd), m->fd = -1;
}

/* die() and friends come here first: nothing stays attached. */
static void release_on_fatal(void *ctx)
{
	release(ctx);
}

/*
 * Runs the -c command, in the child. Words without shell syntax are run
 * directly, as the shell would: the command starts an exec sooner.
 */
static noreturn void exec_command(const char *cmd)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789_./:,+@%^- ";
	size_t len = strlen(cmd);
	char *words = memcpy(xmalloc(len + 1), cmd, len + 1), *w, *save;
	char **argv = xmalloc((len / 2 + 2) * sizeof(*argv));
	int n = 0;

	if (!cmd[strspn(cmd, plain)]) {
		for (w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save))
			argv[n++] = w;
		argv[n] = NULL;
	}
	if (n) {
		execvp(argv[0], argv);
		fprintf(stderr, "sonde: cannot run %s: %s\n", argv[0], strerror(errno));
	} else {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		fprintf(stderr, "sonde: cannot run /bin/sh: %s\n", strerror(errno));
	}
	_exit(127);
}

/*
 * sonde's child supervises the command, in a process group of their own:
 * when sonde dies, even by SIGKILL, the kernel sends the supervisor SIGTERM
 * (PR_SET_PDEATHSIG), and it stops the whole group, grandchildren included.
 */
static noreturn void supervise(struct runtime *rt)
{
	sigset_t wait;
	pid_t cmd;
	int sig, status = 0;

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	sigemptyset(&wait);
	sigaddset(&wait, SIGTERM);
	sigaddset(&wait, SIGCHLD);
	sigprocmask(SIG_BLOCK, &wait, NULL);
	if (getppid() == 1)	/* sonde died before the death signal was armed */
		_exit(1);
	cmd = fork();
	if (cmd == 0) {
		sigprocmask(SIG_SETMASK, &rt->oldmask, NULL);
		signal(SIGPIPE, SIG_DFL);
		exec_command(rt->s->opt.command);
	}
	while (cmd > 0 && sigwait(&wait, &sig) == 0) {
		if (sig == SIGTERM)
			kill(-getpgrp(), SIGTERM);	/* blocked here, delivered to the rest */
		if (waitpid(cmd, &status, WNOHANG) == cmd)
			break;
	}
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

static int start_command(struct runtime *rt)
{
	pid_t pid = fork();

	if (pid < 0) {
		err("cannot start the -c command: %s", strerror(errno));
		return -errno;
	}
	if (pid == 0)
		supervise(rt);
	setpgid(pid, pid);
	rt->child = pid;
	return 0;
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
	while (!rt->stop && !rt->s->exiting) {
		if (poll(fds, rt->nrings + 1, rt->nrings ? RING_LATENCY_MS : -1) < 0 &&
		    errno != EINTR) {
			err("poll: %s", strerror(errno));
			break;
		}
		if (fds[0].revents)
			on_signal(rt);
		drain(rt);
		if (ferror(stdout))
			break;	/* e.g. the reader of a pipe went away */
	}
	free(fds);
}

static void raise_memlock_limit(void)
{
	/* Before Linux 5.11, BPF memory is charged to RLIMIT_MEMLOCK, often 64 KiB. */
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };

	setrlimit(RLIMIT_MEMLOCK, &rl);
}

int run_program(struct sonde *s)
{
	struct runtime rt = { .s = s, .sigfd = -1 };
	sigset_t mask;
	struct map *m;
	int r;

	raise_memlock_limit();
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
	util_on_fatal(release_on_fatal, &rt);

	r = create_maps(s);
	if (!r)
		r = load_programs(s);
	if (!r && s->events_map)
		r = open_rings(&rt);
	arena_free(&s->ca);
	if (!r)
		r = run_special(&rt, WHEN_BEGIN);
	/* Without event probes or a command, nothing more can happen. */
	if (!r && !s->opt.command && !has_event_probes(s))
		rt.stop = true;
	if (!r && !s->exiting && !rt.stop)
		r = attach_all(s);
	if (!r && !s->exiting && !rt.stop && s->opt.command)
		r = start_command(&rt);
	if (r) {
		release(&rt);
		return 1;
	}

	event_loop(&rt);
	stop_command(&rt);
	detach_all(s);
	drain(&rt);
	/* END sees the final state, and runs even after an exit(). */
	s->exiting = false;
	run_special(&rt, WHEN_END);
	check_lost(&rt);
	s->exiting = true;
	for (m = s->maps; m; m = m->next)
		if (m->name[0] != '(')
			output_map(s, m, false);
	fflush(stdout);
	release(&rt);
	util_on_fatal(NULL, NULL);
	close(rt.sigfd);
	return s->exit_code;
}
