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
 * One kprobe_multi link of a program on the kernel functions whose names
 * syms points to, 64 bits each as the kernel reads them (a 32-bit sonde
 * on a 64-bit kernel too); closing the fd detaches it from all of them.
 */
int bpf_link_kprobe_multi(int prog_fd, const uint64_t *syms, unsigned cnt, bool retprobe);

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
