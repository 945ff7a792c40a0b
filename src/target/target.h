/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The target: what generated code may assume. The architecture (its arch/
 * table: registers, word size, byte order), the kernel release, and what
 * that kernel offers programs. For a run it describes the running kernel,
 * probed once before compiling; for --target=ARCH[,VERSION] it is a fixed
 * profile, and compiling then touches no kernel at all.
 */
#ifndef SONDE_TARGET_H
#define SONDE_TARGET_H

#include "arch/arch.h"
#include "base/common.h"

enum target_feature {
	TF_PROBE_READ_KERNEL = 1u << 0,	/* probe_read_kernel/_user and their _str (5.5) */
	TF_PROBE_READ_ANY = 1u << 1,	/* probe_read/_str, reading either address space */
	TF_GET_FUNC_IP = 1u << 2,	/* get_func_ip in kprobes (5.15) */
	TF_RINGBUF = 1u << 3,		/* BPF_MAP_TYPE_RINGBUF (5.8) */
	TF_BOUNDED_LOOPS = 1u << 4,	/* the verifier follows bounded loops (5.3) */
	TF_BTF = 1u << 5,		/* the kernel describes its types */
	/*
	 * A kretprobe's pc is the return address (5.15); before, it is the
	 * kretprobe trampoline (x86), 0 (arm64) or whatever was there (arm).
	 */
	TF_KRETPROBE_PC = 1u << 6,
	/*
	 * kprobe_multi links (5.18, in 64-bit kernels with CONFIG_FPROBE, so
	 * never assumed by a profile): a kprobe glob attaches as one link.
	 * SONDE_NO_MULTI=1 makes sonde do without: a perf event a function.
	 */
	TF_KPROBE_MULTI = 1u << 7,
	/*
	 * uprobe_multi links (6.6, 64-bit): a uprobe glob attaches as one
	 * link. SONDE_NO_MULTI=1 makes sonde do without them too.
	 */
	TF_UPROBE_MULTI = 1u << 8,
};

struct target {
	const struct arch *arch;	/* the kernel's: kprobes, kernel types, the JIT */
	const struct arch *task;	/* the userland's, in that kernel: uprobes, ELF files */
	unsigned kernel;	/* KERNEL_VERSION() of its release */
	unsigned features;	/* TF_* */
	/*
	 * The kernel sonde runs on: its /proc, /sys and tracefs describe the
	 * target. Otherwise only SONDE_TRACEFS, a copy of a board's tracefs,
	 * does.
	 */
	bool host;
};

/*
 * --target=ARCH[,MAJOR.MINOR] (6.1 when the release is left out), where
 * ARCH may be a 32-bit userland on a 64-bit kernel, as in arm@aarch64;
 * false, with why set, if the architecture or the release is not one
 * sonde knows.
 */
bool target_profile(struct target *t, const char *spec, char *why, size_t size);
/* The running kernel: its release from uname(2), its helpers by trying them. */
void target_host(struct target *t);
/*
 * The userland table of sonde's build on the running kernel: a compat
 * one where a 32-bit sonde runs on a 64-bit kernel.
 */
const struct arch *target_host_task(void);

/* The table a probe's registers follow: the task's in uprobes, else the kernel's. */
static inline const struct arch *target_regs(const struct target *t, bool user)
{
	return user ? t->task : t->arch;
}

static inline bool target_has(const struct target *t, enum target_feature f)
{
	return (t->features & f) != 0;
}

/*
 * Where the target's tracepoint formats and function lists are read:
 * tracefs on the host (mounted if need be), SONDE_TRACEFS otherwise; NULL
 * when there is none.
 */
const char *target_tracefs(const struct target *t);

/*
 * Where the target's BTF is read: /sys/kernel/btf/vmlinux on the host,
 * SONDE_BTF otherwise; NULL when there is none.
 */
const char *target_btf(const struct target *t);

/* "aarch64, Linux 5.10", for messages. */
const char *target_describe(const struct target *t, char *buf, size_t size);

#endif
