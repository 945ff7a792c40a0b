/* SPDX-License-Identifier: GPL-2.0 */
/* Thin wrappers over bpf(2) and perf_event_open(2): each returns -errno on failure. */
#ifndef SONDE_KERNEL_BPF_H
#define SONDE_KERNEL_BPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <linux/bpf.h>
#include <linux/perf_event.h>

/*
 * Before Linux 5.11, BPF memory is charged to RLIMIT_MEMLOCK (often 64 KiB)
 * and counted per user: what an earlier sonde freed may still be charged.
 */
void bpf_lift_memlock_limit(void);

int bpf_map_create(unsigned type, unsigned key_size, unsigned value_size,
		   unsigned max_entries, unsigned flags);
int bpf_map_lookup(int fd, const void *key, void *value);
int bpf_map_update(int fd, const void *key, const void *value, uint64_t flags);
int bpf_map_delete(int fd, const void *key);
int bpf_map_next_key(int fd, const void *key, void *next);

/* Where a tracing program goes: its attach type, and the kernel function's BTF id. */
struct bpf_btf_attach {
	unsigned type, btf_id;
};

/*
 * Loads a GPL program, for a function (to) if it is a tracing one, with
 * callbacks starting at the nfuncs instructions of funcs; log may be NULL
 * (then no verifier log is asked for).
 */
int bpf_prog_load(unsigned type, const struct bpf_btf_attach *to, const unsigned *funcs,
		  unsigned nfuncs, const struct bpf_insn *insns, unsigned ninsns, char *log,
		  size_t log_size);
/*
 * Attaches a raw tracepoint program to the tracepoint name, or a tracing
 * program (name NULL) to the function it was loaded for; closing the fd
 * detaches it.
 */
int bpf_raw_tracepoint_open(const char *name, int prog_fd);
/* Runs a program once, without a context, on the current CPU (BEGIN and END). */
int bpf_prog_test_run(int fd);
/* The number of instructions the kernel made of a loaded program. */
int bpf_prog_xlated_len(int fd);

/*
 * One link of a program on many functions, closing its fd detaching it
 * from all of them: kprobe_multi on the kernel functions whose names
 * points has (64 bits each as the kernel reads them, a 32-bit sonde on a
 * 64-bit kernel too), or uprobe_multi on file offsets in path (for one
 * process if pid > 0), each point's cookie its index.
 */
struct bpf_multi {
	bool uprobe, retprobe;
	const char *path;
	const uint64_t *points;
	unsigned cnt;
	int pid;
};
int bpf_link_multi(int prog_fd, const struct bpf_multi *m);

int perf_event_open(struct perf_event_attr *attr, pid_t pid, int cpu);
/* Attaches a program to a perf event and enables it. */
int perf_event_attach(int perf_fd, int prog_fd);

/*
 * What to tell a user about a failed kernel call: the errno in words and,
 * for the errors users meet, what usually causes it.
 */
const char *bpf_strerror(int err);
const char *bpf_hint(int err);

#endif
