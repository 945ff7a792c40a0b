// SPDX-License-Identifier: GPL-2.0
/*
 * software:EVENT[:PERIOD] and hardware:EVENT[:PERIOD]: perf's counters of
 * the kernel and of the CPU's PMU, the program run once every PERIOD
 * events, on every CPU. The names and default periods are bpftrace's.
 */
#include <stdlib.h>

#include "bpf/abi.h"
#include "probe/probe.h"

static const struct counter {
	const char *name, *alias;
	uint8_t type, config;
	uint32_t period;
} counters[] = {
	{ "cpu-clock", "cpu", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK, 1000000 },
	{ "task-clock", NULL, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK, 1000000 },
	{ "page-faults", "faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS, 100 },
	{ "context-switches", "cs", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES, 1000 },
	{ "cpu-migrations", "migrations", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS, 1 },
	{ "minor-faults", NULL, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS_MIN, 100 },
	{ "major-faults", NULL, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS_MAJ, 1 },
	{ "alignment-faults", NULL, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_ALIGNMENT_FAULTS, 1 },
	{ "emulation-faults", NULL, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_EMULATION_FAULTS, 1 },
	{ "dummy", NULL, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_DUMMY, 1 },
	{ "bpf-output", NULL, PERF_TYPE_SOFTWARE, SW_BPF_OUTPUT, 1 },
	{ "cpu-cycles", "cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES, 1000000 },
	{ "instructions", NULL, PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS, 1000000 },
	{ "cache-references", NULL, PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_REFERENCES, 1000000 },
	{ "cache-misses", NULL, PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES, 1000000 },
	{ "branch-instructions", "branches", PERF_TYPE_HARDWARE,
	  PERF_COUNT_HW_BRANCH_INSTRUCTIONS, 100000 },
	{ "branch-misses", NULL, PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES, 100000 },
	{ "bus-cycles", NULL, PERF_TYPE_HARDWARE, PERF_COUNT_HW_BUS_CYCLES, 100000 },
	{ "frontend-stalls", NULL, PERF_TYPE_HARDWARE, 7, 1000000 },	/* stalled cycles */
	{ "backend-stalls", NULL, PERF_TYPE_HARDWARE, 8, 1000000 },
	{ "ref-cycles", NULL, PERF_TYPE_HARDWARE, 9, 1000000 },
};

void counter_list(void (*fn)(const char *spec, void *ctx), void *ctx)
{
	char spec[48];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(counters); i++) {
		snprintf(spec, sizeof(spec), "%s:%s", counters[i].type == PERF_TYPE_SOFTWARE ?
			 "software" : "hardware", counters[i].name);
		fn(spec, ctx);
	}
}

static void counter_resolve(struct resolver *r, struct probe *p)
{
	struct attach *at = probe_attach(r, p, ATTACH_PERF);
	unsigned type = p->provider == &provider_software ? PERF_TYPE_SOFTWARE : PERF_TYPE_HARDWARE;
	const char *colon = strchr(p->target, ':');
	size_t len = colon ? (size_t)(colon - p->target) : strlen(p->target), i;
	char *end = NULL;

	for (i = 0; i < ARRAY_SIZE(counters); i++) {
		const struct counter *c = &counters[i];

		if (c->type == type && ((strlen(c->name) == len && !strncmp(c->name, p->target, len)) ||
		    (c->alias && strlen(c->alias) == len && !strncmp(c->alias, p->target, len))))
			break;
	}
	if (i == ARRAY_SIZE(counters))
		error_at(&p->loc, "unknown %s event '%.*s' (sonde -l '%s:*' lists them)",
			 p->provider->name, (int)len, p->target, p->provider->name);
	at->perf_type = type;
	at->perf_config = counters[i].config;
	at->event = counters[i].name;
	at->cpu = ATTACH_EVERY_CPU;
	at->period = colon ? strtoull(colon + 1, &end, 10) : counters[i].period;
	if ((end && (*end || end == colon + 1)) || !at->period)
		error_at(&p->loc, "'%s' is not a period: a positive number of events between two "
			 "runs of the probe", colon + 1);
}

const struct provider provider_software = {
	.name = "software", .alias = "s", .prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.when = WHEN_EVENT, .offers = OFFER_REGS | OFFER_PC, .resolve = counter_resolve,
};

const struct provider provider_hardware = {
	.name = "hardware", .alias = "h", .prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.when = WHEN_EVENT, .offers = OFFER_REGS | OFFER_PC, .resolve = counter_resolve,
};
