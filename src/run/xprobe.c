// SPDX-License-Identifier: GPL-2.0
/*
 * Opening kprobe and uprobe events. Since Linux 4.17 the kprobe and uprobe
 * PMUs create a probe for a perf event, and closing the fd removes it.
 * Older kernels only have kprobe_events and uprobe_events in tracefs: sonde
 * then adds its probes under a group named after its pid, removes them on
 * every way out, and removes the groups of a sonde that was killed.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "base/text.h"
#include "kernel/bpf.h"
#include "kernel/tracefs.h"
#include "run/xprobe.h"

#define GROUP "sonde_"

/* The PMU's perf type and the config bit of its retprobe flag; -1 without the PMU. */
static int pmu_type(const char *pmu, unsigned *retbit)
{
	char path[96], *text;
	int type;

	/* For kernels whose PMUs misbehave, and to test the tracefs path. */
	if (getenv("SONDE_NO_PMU"))
		return -1;
	snprintf(path, sizeof(path), "/sys/bus/event_source/devices/%s/type", pmu);
	text = read_file(path, NULL);
	if (!text)
		return -1;
	type = atoi(text);
	free(text);
	snprintf(path, sizeof(path), "/sys/bus/event_source/devices/%s/format/retprobe", pmu);
	text = read_file(path, NULL);
	/* "config:0" */
	*retbit = text && !strncmp(text, "config:", 7) ? (unsigned)atoi(text + 7) : 0;
	free(text);
	return type;
}

static int open_pmu(const struct xprobe *x, int type, unsigned retbit, pid_t pid)
{
	struct perf_event_attr attr = {
		.type = (unsigned)type,
		/* A USDT semaphore: the kernel counts it up while the event is open. */
		.config = (x->retprobe ? 1ULL << retbit : 0) | x->ref_ctr << 32,
		.sample_period = 1,
		/* kprobe_func or uprobe_path, then probe_offset or kprobe_addr */
		.config1 = (uint64_t)(uintptr_t)x->name,
		.config2 = x->offset,
	};

	/* One event serves all CPUs; one per CPU would fire once per CPU. */
	return perf_event_open(&attr, pid, pid > 0 ? -1 : 0);
}

static const char *events_file(bool uprobe)
{
	return uprobe ? "uprobe_events" : "kprobe_events";
}

static int open_tracefs(const struct xprobe *x, pid_t pid, struct xprobe_event *ev)
{
	static unsigned seq;
	const char *root = tracefs_root();
	char path[512], def[600], ref[24] = "", *id;
	struct perf_event_attr attr = { .type = PERF_TYPE_TRACEPOINT, .sample_period = 1 };
	int r;

	if (!root)
		return -ENODEV;
	snprintf(ev->name, sizeof(ev->name), GROUP "%d/%c%u", (int)getpid(),
		 x->uprobe ? 'u' : 'k', seq++);
	if (x->ref_ctr)
		snprintf(ref, sizeof(ref), "(0x%llx)", (unsigned long long)x->ref_ctr);
	if (x->uprobe)
		snprintf(def, sizeof(def), "%c:%s %s:0x%llx%s\n", x->retprobe ? 'r' : 'p', ev->name,
			 x->name, (unsigned long long)x->offset, ref);
	else if (x->name)
		snprintf(def, sizeof(def), "%c:%s %s+%llu\n", x->retprobe ? 'r' : 'p', ev->name,
			 x->name, (unsigned long long)x->offset);
	else
		snprintf(def, sizeof(def), "%c:%s 0x%llx\n", x->retprobe ? 'r' : 'p', ev->name,
			 (unsigned long long)x->offset);
	snprintf(path, sizeof(path), "%s/%s", root, events_file(x->uprobe));
	r = write_file(path, def, true);
	if (r < 0)
		return r;
	ev->in_tracefs = true;
	ev->uprobe = x->uprobe;
	snprintf(path, sizeof(path), "%s/events/%s/id", root, ev->name);
	id = read_file(path, NULL);
	if (!id)
		return -errno;
	attr.config = strtoull(id, NULL, 10);
	free(id);
	return perf_event_open(&attr, pid, pid > 0 ? -1 : 0);
}

bool xprobe_supported(bool uprobe)
{
	const char *root = tracefs_root();
	char path[512];
	unsigned retbit;

	snprintf(path, sizeof(path), "%s/%s", root ? root : "", events_file(uprobe));
	return pmu_type(uprobe ? "uprobe" : "kprobe", &retbit) >= 0 ||
	       (root && access(path, W_OK) == 0);
}

int xprobe_open(const struct xprobe *x, pid_t pid, struct xprobe_event *ev)
{
	unsigned retbit;
	int type = pmu_type(x->uprobe ? "uprobe" : "kprobe", &retbit);

	memset(ev, 0, sizeof(*ev));
	/* Linux 4.20 added semaphores to uprobes; before, no kernel would count them. */
	if (x->ref_ctr && type >= 0 &&
	    access("/sys/bus/event_source/devices/uprobe/format/ref_ctr_offset", F_OK))
		return -EOPNOTSUPP;
	ev->fd = type >= 0 ? open_pmu(x, type, retbit, pid) : open_tracefs(x, pid, ev);
	if (ev->fd < 0) {
		int r = ev->fd;

		xprobe_close(ev);
		return r;
	}
	return 0;
}

/* Removes a probe from tracefs; 0 or -errno. */
static int remove_event(bool uprobe, const char *name)
{
	const char *root = tracefs_root();
	char path[512], def[128];

	if (!root)
		return -ENODEV;
	snprintf(path, sizeof(path), "%s/%s", root, events_file(uprobe));
	snprintf(def, sizeof(def), "-:%s\n", name);
	return write_file(path, def, true);
}

void xprobe_close(struct xprobe_event *ev)
{
	if (ev->fd > 0)
		close(ev->fd);
	ev->fd = -1;
	if (ev->in_tracefs)
		remove_event(ev->uprobe, ev->name);
	ev->in_tracefs = false;
}

/*
 * The kernel may release a killed process's perf events a moment after it
 * is reaped: until then its probes are busy.
 */
static int remove_stale_event(bool uprobe, const char *name)
{
	int r, tries;

	for (tries = 0; (r = remove_event(uprobe, name)) == -EBUSY && tries < 20; tries++)
		usleep(50000);
	return r;
}

/* Removes the probes of sondes that are no longer running. */
unsigned xprobe_remove_stale(void)
{
	const char *root = tracefs_root();
	unsigned removed = 0;
	int uprobe;

	for (uprobe = 0; root && uprobe < 2; uprobe++) {
		char path[512], *text, *line, *save = NULL;

		snprintf(path, sizeof(path), "%s/%s", root, events_file(uprobe));
		text = read_file(path, NULL);
		for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
		     line = strtok_r(NULL, "\n", &save)) {
			/* "p:sonde_1234/k0 vfs_read" */
			char *group = text_find(line, ":" GROUP), *end;
			long pid;

			if (!group)
				continue;
			pid = strtol(group + 1 + strlen(GROUP), &end, 10);
			if (*end != '/' || (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
				continue;
			end[strcspn(end, " \t")] = '\0';
			removed += remove_stale_event(uprobe, group + 1) == 0;
		}
		free(text);
	}
	return removed;
}
