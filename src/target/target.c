// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <sys/personality.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "bpf/abi.h"
#include "bpf/insn.h"
#include "kernel/bpf.h"
#include "kernel/tracefs.h"
#include "target/target.h"

#define DEFAULT_RELEASE KERNEL_VERSION(6, 1)
#define VMLINUX_BTF "/sys/kernel/btf/vmlinux"

/* What a release offers on an architecture, from the kernel's history. */
static unsigned release_features(const struct arch *a, unsigned kernel)
{
	unsigned f = 0;

	if (kernel >= KERNEL_VERSION(5, 5))
		f |= TF_PROBE_READ_KERNEL;
	if (kernel < KERNEL_VERSION(5, 5) || kernel >= a->probe_read_any_since)
		f |= TF_PROBE_READ_ANY;
	if (kernel >= KERNEL_VERSION(5, 15))
		f |= TF_GET_FUNC_IP | TF_KRETPROBE_PC;
	if (kernel >= KERNEL_VERSION(5, 8))
		f |= TF_RINGBUF;
	if (kernel >= KERNEL_VERSION(5, 3))
		f |= TF_BOUNDED_LOOPS;
	if (kernel >= KERNEL_VERSION(6, 6) && a->reg_size == 8)
		f |= TF_UPROBE_MULTI;
	return f;
}

/* "6.1.0-13-amd64" or "6.1" to KERNEL_VERSION(6, 1), *end past the minor; 0 if neither. */
static unsigned parse_release(const char *s, const char **end)
{
	char *p;
	unsigned long major = strtoul(s, &p, 10), minor;

	if (p == s || *p != '.' || major > 255)
		return 0;
	s = p + 1;
	minor = strtoul(s, &p, 10);
	if (p == s || minor > 255)
		return 0;
	*end = p;
	return KERNEL_VERSION((unsigned)major, (unsigned)minor);
}

bool target_profile(struct target *t, const char *spec, char *why, size_t size)
{
	const char *comma = strchr(spec, ','), *end = "";
	char name[32];
	unsigned i, n;

	snprintf(name, sizeof(name), "%.*s", comma ? (int)(comma - spec) : (int)strlen(spec), spec);
	memset(t, 0, sizeof(*t));
	t->task = arch_find(name);
	if (!t->task) {
		n = snprintf(why, size, "no backend '%s'; sonde has:", name);
		for (i = 0; arch_all[i] && n < size; i++)
			n += snprintf(why + n, size - n, " %s", arch_all[i]->name);
		return false;
	}
	t->arch = arch_kernel(t->task);
	t->kernel = comma ? parse_release(comma + 1, &end) : DEFAULT_RELEASE;
	if (!t->kernel || *end) {
		snprintf(why, size, "'%s' is not a kernel release such as 5.10 or 6.1", comma + 1);
		return false;
	}
	if (t->kernel < KERNEL_VERSION(4, 9)) {
		snprintf(why, size, "Linux %s is older than sonde supports (4.9)", comma + 1);
		return false;
	}
	t->features = release_features(t->arch, t->kernel);
	return true;
}

/*
 * Whether the kernel lets a program of this type call the helper, by
 * loading helper(fp - 8, 8, 0) (the argument shape of the probe_read
 * family), or helper(ctx) for get_func_ip. -EPERM: not allowed to ask.
 */
static int try_helper(unsigned prog_type, int helper)
{
	struct bpf_insn prog[] = {
		MOV_REG(R1, R10), ALU_IMM(BPF_ADD, R1, -8), MOV_IMM(R2, 8), MOV_IMM(R3, 0),
		CALL(helper), MOV_IMM(R0, 0), EXIT(),
	};
	unsigned first = helper == HELPER_GET_FUNC_IP ? 4 : 0;
	int fd = bpf_prog_load(prog_type, NULL, NULL, 0, prog + first, ARRAY_SIZE(prog) - first, NULL, 0);

	if (fd >= 0)
		close(fd);
	return fd >= 0 ? 0 : fd;
}

/*
 * Whether the kernel makes kprobe_multi or uprobe_multi links, by asking
 * for one it must refuse for its arguments: on names it cannot read
 * (EFAULT), or on a directory (EBADF). Without the link type: EINVAL or
 * EOPNOTSUPP; -EPERM: not allowed to ask.
 */
static int try_multi(bool uprobe)
{
	static const struct bpf_insn prog[] = { MOV_IMM(R0, 0), EXIT() };
	static const uint64_t offset;
	const struct bpf_btf_attach to = {
		uprobe ? ATTACH_TRACE_UPROBE_MULTI : ATTACH_TRACE_KPROBE_MULTI, 0 };
	const struct bpf_multi m = { .uprobe = uprobe, .path = "/", .cnt = 1,
				     .points = uprobe ? &offset : (const uint64_t *)1 };
	int fd = bpf_prog_load(BPF_PROG_TYPE_KPROBE, &to, NULL, 0, prog, ARRAY_SIZE(prog), NULL, 0);
	int r = fd < 0 ? fd : bpf_link_multi(fd, &m);

	if (fd >= 0)
		close(fd);
	if (r >= 0)
		close(r);
	return r == (uprobe ? -EBADF : -EFAULT) ? 0 : r;
}

/*
 * uname -m says what the kernel is, but to a task with the PER_LINUX32
 * personality (linux32) a 64-bit kernel names its 32-bit CPU instead
 * (armv8l, i686): that is set aside while asking.
 */
const struct arch *target_host_task(void)
{
	static const struct arch *task;
	struct utsname u;
	int persona;
	bool linux32;

	if (task)
		return task;
	persona = personality(0xffffffff);
	linux32 = persona != -1 && (persona & PER_MASK) == PER_LINUX32;
	if (linux32)
		personality((unsigned)(persona & ~PER_MASK) | PER_LINUX);
	task = uname(&u) == 0 ? arch_on_kernel(arch_native, u.machine) : arch_native;
	if (linux32)
		personality((unsigned)persona);
	return task;
}

void target_host(struct target *t)
{
	/* Every tracing program has the probe_read family; only kprobes have get_func_ip. */
	static const struct {
		unsigned feature, prog_type;
		int helper;
	} helpers[] = {
		{ TF_PROBE_READ_KERNEL, BPF_PROG_TYPE_TRACEPOINT, HELPER_PROBE_READ_KERNEL },
		{ TF_PROBE_READ_ANY, BPF_PROG_TYPE_TRACEPOINT, HELPER_PROBE_READ },
		{ TF_GET_FUNC_IP, BPF_PROG_TYPE_KPROBE, HELPER_GET_FUNC_IP },
	};
	/* By try_multi's argument: its uprobe flag. */
	static const unsigned multi[] = { TF_KPROBE_MULTI, TF_UPROBE_MULTI };
	const char *no_multi = getenv("SONDE_NO_MULTI");
	struct utsname u;
	const char *end;
	size_t i;
	int fd;

	memset(t, 0, sizeof(*t));
	t->task = target_host_task();
	t->arch = arch_kernel(t->task);
	t->host = true;
	t->kernel = uname(&u) == 0 ? parse_release(u.release, &end) : 0;
	if (!t->kernel)
		t->kernel = DEFAULT_RELEASE;
	t->features = release_features(t->arch, t->kernel);
	/* What the kernel answers beats what its release suggests (backports, configs). */
	for (i = 0; i < ARRAY_SIZE(helpers); i++) {
		int r = try_helper(helpers[i].prog_type, helpers[i].helper);

		if (r == -EPERM)
			break;	/* without the privilege to ask, the release has to do */
		t->features = r == 0 ? t->features | helpers[i].feature :
			      t->features & ~helpers[i].feature;
	}
	for (i = 0; i < ARRAY_SIZE(multi); i++) {
		fd = no_multi && *no_multi && *no_multi != '0' ? -EOPNOTSUPP : try_multi(i == 1);
		if (fd != -EPERM)
			t->features = fd == 0 ? t->features | multi[i] : t->features & ~multi[i];
	}
	fd = bpf_map_create(MAP_TYPE_RINGBUF, 0, 0, 4096, 0);
	if (fd >= 0)
		close(fd);
	if (fd != -EPERM)
		t->features = fd >= 0 ? t->features | TF_RINGBUF : t->features & ~TF_RINGBUF;
	if (access(VMLINUX_BTF, R_OK) == 0)
		t->features |= TF_BTF;
}

const char *target_tracefs(const struct target *t)
{
	const char *copy = getenv("SONDE_TRACEFS");

	if (t->host)
		return tracefs_root();
	return copy && *copy ? copy : NULL;
}

const char *target_btf(const struct target *t)
{
	const char *copy = getenv("SONDE_BTF");

	if (t->host)
		return access(VMLINUX_BTF, R_OK) == 0 ? VMLINUX_BTF : NULL;
	return copy && *copy ? copy : NULL;
}

const char *target_describe(const struct target *t, char *buf, size_t size)
{
	snprintf(buf, size, "%s, Linux %u.%u", t->task->name, t->kernel >> 16,
		 (t->kernel >> 8) & 0xff);
	return buf;
}
