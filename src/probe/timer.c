// SPDX-License-Identifier: GPL-2.0
/*
 * Timed probes on the cpu-clock software event: interval:N[unit] fires
 * every N (seconds by default) on one CPU; profile:[CPU:]N[hz] samples N
 * times a second on every CPU, or on one. bpftrace writes the unit first:
 * interval:ms:100, profile:hz:99.
 */
#include <errno.h>
#include <stdlib.h>

#include "base/file.h"
#include "bpf/abi.h"
#include "probe/probe.h"

/*
 * "N", "Nunit" (ply's spelling) or "unit:N" (bpftrace's); false if
 * malformed or zero. *unit is "" when none is given.
 */
static bool parse_count(struct arena *a, const char *text, uint64_t *n, const char **unit)
{
	const char *colon = strchr(text, ':');
	char *end;

	*unit = "";
	if (colon && *text >= 'a' && *text <= 'z') {
		*unit = arena_strndup(a, text, colon - text);
		text = colon + 1;
	}
	if (*text < '0' || *text > '9')
		return false;
	errno = 0;
	*n = strtoull(text, &end, 10);
	if (*end && **unit)
		return false;
	if (*end)
		*unit = end;
	return !errno && *n;
}

/* A period in ns, for a time unit ("" being seconds) or hz; 0 for another unit. */
static uint64_t period_ns(struct probe *p, uint64_t n, const char *unit)
{
	static const struct {
		const char *name;
		uint64_t ns;
	} units[] = {
		{ "", 1000000000 }, { "s", 1000000000 }, { "ms", 1000000 },
		{ "us", 1000 }, { "ns", 1 }, { "m", 60000000000ULL },
	};
	size_t i;

	if (!strcmp(unit, "hz"))
		return n > 1000000000 ? 1 : 1000000000 / n;
	for (i = 0; i < ARRAY_SIZE(units); i++)
		if (!strcmp(unit, units[i].name))
			break;
	if (i == ARRAY_SIZE(units))
		return 0;
	if (n > UINT64_MAX / units[i].ns)
		error_at(&p->loc, "this period is too long");
	return n * units[i].ns;
}

static struct attach *cpu_clock(struct resolver *r, struct probe *p)
{
	struct attach *at = probe_attach(r, p, ATTACH_PERF);

	at->perf_type = PERF_TYPE_SOFTWARE;
	at->perf_config = PERF_COUNT_SW_CPU_CLOCK;
	return at;
}

static void interval_resolve(struct resolver *r, struct probe *p)
{
	struct attach *at = cpu_clock(r, p);
	const char *unit;
	uint64_t n;

	if (!parse_count(r->scratch, p->target, &n, &unit))
		error_at(&p->loc, "an interval is a positive number with an optional unit "
			 "(ns, us, ms, s, m or hz), as in interval:500ms or interval:ms:500; "
			 "seconds by default");
	/* An interval fires once per period: one event, on the first online CPU. */
	at->period = period_ns(p, n, unit);
	at->cpu = ATTACH_FIRST_CPU;
	if (!at->period)
		error_at(&p->loc, "unknown unit '%s': an interval is counted in ns, us, ms, "
			 "s, m or hz", unit);
}

/* On the running kernel, a CPU that is there and a rate it samples at. */
static void check_profile(struct probe *p, unsigned long cpu, uint64_t hz)
{
	unsigned ncpus = cpus_possible();
	bool *online = cpus_online(ncpus), there = cpu < ncpus && online[cpu];
	char *rate = read_file("/proc/sys/kernel/perf_event_max_sample_rate", NULL);
	uint64_t max = rate ? strtoull(rate, NULL, 10) : 0;

	free(online);
	free(rate);
	if (!there)
		error_at(&p->loc, "there is no online CPU %lu on this machine "
			 "(see /sys/devices/system/cpu/online)", cpu);
	if (max && hz > max)
		error_at(&p->loc, "%llu Hz is more than this kernel samples "
			 "(kernel.perf_event_max_sample_rate = %llu)",
			 (unsigned long long)hz, (unsigned long long)max);
}

/* profile:[CPU:]RATE, RATE being N[hz] (ply) or hz:N, s:N, ms:N, us:N (bpftrace). */
static void profile_resolve(struct resolver *r, struct probe *p)
{
	struct attach *at = cpu_clock(r, p);
	const char *colon = strchr(p->target, ':'), *unit, *text = p->target;
	unsigned long cpu = 0;
	uint64_t n;

	at->cpu = ATTACH_EVERY_CPU;
	if (colon && *text >= '0' && *text <= '9') {
		char *end;

		cpu = strtoul(p->target, &end, 10);
		if (end != colon)
			error_at(&p->loc, "profile:CPU:RATE wants a CPU number, as in profile:0:99hz");
		at->cpu = (int)MIN(cpu, INT32_MAX);
		text = colon + 1;
	}
	if (!parse_count(r->scratch, text, &n, &unit) || (*unit && !period_ns(p, n, unit)))
		error_at(&p->loc, "a profile rate is a positive number of hertz, as in "
			 "profile:99hz, profile:hz:99 or profile:0:99hz (CPU 0 only), or a "
			 "period, as in profile:ms:10");
	if (!*unit || !strcmp(unit, "hz")) {
		at->freq = true;
		at->period = n;
		if (r->target->host)
			check_profile(p, at->cpu == ATTACH_EVERY_CPU ? 0 : cpu, n);
	} else {
		at->period = period_ns(p, n, unit);
	}
}

const struct provider provider_interval = {
	.name = "interval",
	.alias = "i",
	.prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.when = WHEN_EVENT,
	.timed = true,
	.resolve = interval_resolve,
};

/* The registers a sample interrupted: where the CPU was. */
const struct provider provider_profile = {
	.name = "profile",
	.alias = "p",
	.prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.when = WHEN_EVENT,
	.timed = true,
	.offers = OFFER_REGS | OFFER_PC,
	.resolve = profile_resolve,
};
