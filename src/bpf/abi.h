/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel ABI numbers sonde needs that older UAPI headers may lack. The
 * values are fixed by the kernel ABI; everything version-dependent is named
 * here, in one place, instead of vendoring headers.
 */
#ifndef SONDE_BPF_ABI_H
#define SONDE_BPF_ABI_H

#include <linux/bpf.h>
#include <linux/perf_event.h>

/* BPF helper functions, by their stable numbers. */
enum helper {
	HELPER_MAP_LOOKUP_ELEM = 1,
	HELPER_MAP_UPDATE_ELEM = 2,
	HELPER_MAP_DELETE_ELEM = 3,
	HELPER_PROBE_READ = 4,
	HELPER_KTIME_GET_NS = 5,
	HELPER_GET_PRANDOM_U32 = 7,
	HELPER_GET_SMP_PROCESSOR_ID = 8,
	HELPER_GET_CURRENT_PID_TGID = 14,
	HELPER_GET_CURRENT_UID_GID = 15,
	HELPER_GET_CURRENT_COMM = 16,
	HELPER_PERF_EVENT_OUTPUT = 25,
	HELPER_GET_STACKID = 27,
	HELPER_GET_CURRENT_TASK = 35,
	HELPER_GET_NUMA_NODE_ID = 42,
	HELPER_PROBE_READ_STR = 45,
	HELPER_GET_CURRENT_CGROUP_ID = 80,
	HELPER_SEND_SIGNAL = 109,
	HELPER_PROBE_READ_USER = 112,
	HELPER_PROBE_READ_KERNEL = 113,
	HELPER_PROBE_READ_USER_STR = 114,
	HELPER_PROBE_READ_KERNEL_STR = 115,
	HELPER_JIFFIES64 = 118,
	HELPER_RINGBUF_OUTPUT = 130,
	HELPER_FOR_EACH_MAP_ELEM = 164,
	HELPER_GET_FUNC_IP = 173,
	HELPER_GET_ATTACH_COOKIE = 174,
};

/*
 * A helper's name, as the verifier's log spells it, how many argument
 * registers it reads, and the release that brought it to tracing programs.
 */
struct helper_info {
	int id;
	const char *name;
	unsigned nargs;
	unsigned since;		/* KERNEL_VERSION() */
};

/* NULL for a helper sonde does not know. */
const struct helper_info *helper_info(int id);

/* Program and map types newer than the 4.9 headers. */
#define PROG_TYPE_RAW_TRACEPOINT 17		/* 4.17 */
#define PROG_TYPE_TRACING 26			/* 5.5 */
#define ATTACH_TRACE_FENTRY 24
#define ATTACH_TRACE_FEXIT 25
#define MAP_TYPE_RINGBUF 27			/* 5.8 */
#define CMD_LINK_CREATE 28			/* BPF_LINK_CREATE, 5.7 */
#define ATTACH_TRACE_KPROBE_MULTI 42		/* 5.18 */
#define KPROBE_MULTI_RETURN 1			/* BPF_F_KPROBE_MULTI_RETURN */
#define ATTACH_TRACE_UPROBE_MULTI 48		/* 6.6 */
#define UPROBE_MULTI_RETURN 1			/* BPF_F_UPROBE_MULTI_RETURN */
/*
 * A BPF ring buffer record's header: its length, with a bit while the
 * program writes it and one if the program dropped it, then its page's
 * offset, which the reader does not need. Records start 8-byte aligned.
 */
#define RINGBUF_BUSY (1u << 31)
#define RINGBUF_DISCARD (1u << 30)
#define RINGBUF_HEADER 8

#define SW_BPF_OUTPUT 10			/* PERF_COUNT_SW_BPF_OUTPUT, 4.4 */

#ifndef BPF_JMP32
#define BPF_JMP32 0x06
#endif
#ifndef BPF_ATOMIC
#define BPF_ATOMIC 0xc0
#endif
#ifndef BPF_PSEUDO_MAP_FD
#define BPF_PSEUDO_MAP_FD 1
#endif
/*
 * sonde's own mark of a 64-bit load whose value is known only when the
 * program is loaded (imm: which of the plan's relocations); the loader
 * replaces it, so the kernel never sees it.
 */
#define PSEUDO_RELOC 7

/* The kernel's limit on a program's stack. */
#define BPF_STACK_SIZE 512
/* BPF_COMPLEXITY_LIMIT_INSNS since Linux 5.2. */
#define BPF_MAX_INSNS 1000000

/* Not in the UAPI headers at all: the kernel's "operation not supported". */
#define ENOTSUPP_KERNEL 524

#endif
