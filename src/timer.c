// SPDX-License-Identifier: GPL-2.0
/*
 * Timed probes on the cpu-clock software event: interval:N[unit] fires
 * every N (seconds by default) on one CPU; profile:[CPU:]N[hz] samples N
 * times a second on every CPU, or on one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bpf.h"
#include "provider.h"

struct timer {
	uint64_t period;	/* interval: nanoseconds; profile: hertz */
	int cpu;		/* -1: every online CPU */
	unsigned nfds;
	int *fds;
};

/* Online CPUs from sysfs, or just CPU 0 when it cannot be read. */
static unsigned online_cpus(bool *online, unsigned max)
{
	char *list = read_file("/sys/devices/system/cpu/online", NULL);
	unsigned n = 1;

	memset(online, 0, max * sizeof(*online));
	if (list)
		n = cpulist_parse(list, online, max);
	else
		online[0] = true;
	free(list);
	return n;
}

/* "N" then an optional unit; false if malformed or zero. */
static bool parse_count(const char *text, uint64_t *n, const char **unit)
{
	char *end;

	if (*text < '0' || *text > '9')
		return false;
	errno = 0;
	*n = strtoull(text, &end, 10);
	*unit = end;
	return !errno && *n;
}

static void interval_resolve(struct sonde *s, struct probe *p)
{
	static const struct {
		const char *name;
		uint64_t ns;
	} units[] = {
		{ "", 1000000000 }, { "s", 1000000000 }, { "ms", 1000000 },
		{ "us", 1000 }, { "ns", 1 }, { "m", 60000000000ULL },
	};
	struct timer *t = arena_alloc(&s->ka, sizeof(*t));
	const char *unit;
	uint64_t n;
	size_t i;

	if (!parse_count(p->target, &n, &unit))
		error_at(&p->loc, "an interval is a positive number with an optional unit "
			 "(ns, us, ms, s, m), as in interval:500ms; seconds by default");
	for (i = 0; i < ARRAY_SIZE(units); i++)
		if (!strcmp(unit, units[i].name))
			break;
	if (i == ARRAY_SIZE(units))
		error_at(&p->loc, "unknown unit '%s': an interval is counted in ns, us, ms, "
			 "s or m", unit);
	if (n > UINT64_MAX / units[i].ns)
		error_at(&p->loc, "this interval is too long");
	t->period = n * units[i].ns;
	t->cpu = -1;
	p->priv = t;
}

static void profile_resolve(struct sonde *s, struct probe *p)
{
	struct timer *t = arena_alloc(&s->ka, sizeof(*t));
	const char *colon = strchr(p->target, ':'), *unit, *text = p->target;
	bool online[1024];
	char *rate;
	uint64_t n, max = 0;
	unsigned ncpus = online_cpus(online, ARRAY_SIZE(online));

	t->cpu = -1;
	if (colon) {
		char *end;
		unsigned long cpu = strtoul(p->target, &end, 10);

		if (end != colon || end == p->target)
			error_at(&p->loc, "profile:CPU:RATE wants a CPU number, as in profile:0:99hz");
		if (cpu >= ncpus || cpu >= ARRAY_SIZE(online) || !online[cpu])
			error_at(&p->loc, "there is no online CPU %lu on this machine "
				 "(see /sys/devices/system/cpu/online)", cpu);
		t->cpu = (int)cpu;
		text = colon + 1;
	}
	if (!parse_count(text, &n, &unit) || (*unit && strcmp(unit, "hz")))
		error_at(&p->loc, "a profile rate is a positive number of hertz, as in "
			 "profile:99hz or profile:0:99hz (CPU 0 only)");
	rate = read_file("/proc/sys/kernel/perf_event_max_sample_rate", NULL);
	if (rate)
		max = strtoull(rate, NULL, 10);
	free(rate);
	if (max && n > max)
		error_at(&p->loc, "%llu Hz is more than this kernel samples "
			 "(kernel.perf_event_max_sample_rate = %llu)",
			 (unsigned long long)n, (unsigned long long)max);
	t->period = n;
	p->priv = t;
}

static int open_on(struct probe *p, struct perf_event_attr *attr, int cpu)
{
	struct timer *t = p->priv;
	int fd = perf_event_open(attr, -1, cpu), r;

	if (fd < 0) {
		err("%s: cannot open a cpu-clock event on CPU %d: %s", p->spec, cpu,
		    bpf_strerror(fd));
		return fd;
	}
	r = perf_event_attach(fd, p->fd);
	if (r < 0) {
		err("%s: cannot attach the program: %s", p->spec, bpf_strerror(r));
		close(fd);
		return r;
	}
	t->fds[t->nfds++] = fd;
	return 0;
}

static int timer_attach(struct sonde *s, struct probe *p)
{
	struct timer *t = p->priv;
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_CPU_CLOCK,
	};
	bool online[1024];
	unsigned n = online_cpus(online, ARRAY_SIZE(online)), cpu;
	int r;

	t->fds = arena_alloc(&s->ka, (n ? n : 1) * sizeof(*t->fds));
	if (p->provider == &provider_interval) {
		/* An interval fires once per period: one event, on the first online CPU. */
		attr.sample_period = t->period;
		for (cpu = 0; cpu + 1 < n && !online[cpu]; cpu++)
			;
		return open_on(p, &attr, (int)cpu);
	}
	attr.freq = 1;
	attr.sample_freq = t->period;
	if (t->cpu >= 0)
		return open_on(p, &attr, t->cpu);
	for (cpu = 0; cpu < n; cpu++) {
		if (!online[cpu])
			continue;
		r = open_on(p, &attr, (int)cpu);
		if (r < 0)
			return r;
	}
	return 0;
}

static void timer_detach(struct sonde *s, struct probe *p)
{
	struct timer *t = p->priv;

	(void)s;
	while (t && t->nfds)
		close(t->fds[--t->nfds]);
}

/* The registers a sample interrupted: where the CPU was. */
static const struct builtin profile_vars[] = {
	BUILTIN_VAR_ROW("regs", regs_sema_regs, regs_gen_regs),
	BUILTIN_VAR_ROW("caller", regs_sema_caller, regs_gen_pc),
	BUILTIN_VAR_ROW("func", regs_sema_func, regs_gen_pc),
	{ .name = NULL },
};

const struct provider provider_interval = {
	.name = "interval",
	.alias = "i",
	.prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.when = WHEN_EVENT,
	.resolve = interval_resolve,
	.attach = timer_attach,
	.detach = timer_detach,
};

const struct provider provider_profile = {
	.name = "profile",
	.alias = "p",
	.prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.when = WHEN_EVENT,
	.vars = profile_vars,
	.resolve = profile_resolve,
	.attach = timer_attach,
	.detach = timer_detach,
};
