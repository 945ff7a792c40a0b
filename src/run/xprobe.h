/* SPDX-License-Identifier: GPL-2.0 */
/* kprobe and uprobe events, through the PMUs or tracefs. */
#ifndef SONDE_RUN_XPROBE_H
#define SONDE_RUN_XPROBE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* Where to probe. */
struct xprobe {
	bool uprobe, retprobe;
	const char *name;	/* kprobe: symbol, or NULL for an address; uprobe: file */
	uint64_t offset;	/* kprobe: from the symbol, or the address; uprobe: in the file */
	uint64_t ref_ctr;	/* uprobe: the file offset of the u16 it increments, or 0 */
};

struct xprobe_event {
	int fd;
	bool in_tracefs, uprobe;
	char name[48];		/* group/event in tracefs */
};

/* Whether the kernel has kprobes (or uprobes): a PMU or the tracefs file. */
bool xprobe_supported(bool uprobe);
/* Opens the event (for one process if pid > 0); 0 or -errno. */
int xprobe_open(const struct xprobe *x, pid_t pid, struct xprobe_event *ev);
/* Closes it, and removes it from tracefs if it was added there. */
void xprobe_close(struct xprobe_event *ev);
/* Removes from tracefs what a killed sonde left behind; how many probes. */
unsigned xprobe_remove_stale(void);

#endif
