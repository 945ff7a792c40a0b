// SPDX-License-Identifier: GPL-2.0
/* The provider table, and BEGIN and END. */
#include <string.h>

#include "compat.h"
#include "provider.h"

/*
 * BEGIN and END are raw-tracepoint programs that sonde runs itself, once,
 * with BPF_PROG_TEST_RUN: before the other probes attach, and after they
 * are detached.
 */
const struct provider provider_begin = {
	.name = "BEGIN",
	.prog_type = PROG_TYPE_RAW_TRACEPOINT,
	.when = WHEN_BEGIN,
};

const struct provider provider_end = {
	.name = "END",
	.prog_type = PROG_TYPE_RAW_TRACEPOINT,
	.when = WHEN_END,
};

static const struct provider *const providers[] = {
	&provider_kprobe, &provider_kretprobe, &provider_uprobe, &provider_uretprobe,
	&provider_tracepoint, &provider_interval, &provider_profile, &provider_begin,
	&provider_end,
};

const struct provider *provider_find(const char *name, size_t len)
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

const char *provider_names(void)
{
	static char names[256];
	size_t i, n = 0;

	if (names[0])
		return names;
	for (i = 0; i < ARRAY_SIZE(providers); i++)
		n += snprintf(names + n, sizeof(names) - n, "%s%s", i ? ", " : "",
			      providers[i]->name);
	return names;
}
