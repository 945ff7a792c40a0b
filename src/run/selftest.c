// SPDX-License-Identifier: GPL-2.0
/*
 * sonde -T: checks, on the board it runs on, each kernel feature the
 * providers need, one line per feature with a hint for what is missing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "base/file.h"
#include "bpf/abi.h"
#include "bpf/insn.h"
#include "kernel/bpf.h"
#include "kernel/tracefs.h"
#include "run/selftest.h"
#include "run/xprobe.h"
#include "target/target.h"

struct check {
	bool ok;
	char detail[160];
};

static bool report(const char *feature, bool ok, const char *detail, const char *hint)
{
	printf("%-4s %-22s %s\n", ok ? "ok" : "--", feature, detail);
	if (!ok && hint)
		printf("     %-22s hint: %s\n", "", hint);
	return ok;
}

/* r0 = 0; exit: the least program of a type the kernel accepts */
static int load_trivial(unsigned type)
{
	static const struct bpf_insn prog[] = { MOV_IMM(R0, 0), EXIT() };

	return bpf_prog_load(type, NULL, NULL, 0, prog, ARRAY_SIZE(prog), NULL, 0);
}

/* Whether a path is there (writable, for mode W_OK), said in detail. */
static bool has_path(const char *path, int mode, char *detail, size_t size)
{
	bool ok = access(path, mode) == 0;

	snprintf(detail, size, "%s%s", ok ? "" : "no ", path);
	return ok;
}

/* Opens a perf event and attaches a trivial program of the given type to it. */
static int try_attach(struct perf_event_attr *attr, unsigned prog_type, char *detail, size_t n)
{
	int prog = load_trivial(prog_type), fd, r;

	if (prog < 0) {
		snprintf(detail, n, "cannot load a program: %s", bpf_strerror(prog));
		return prog;
	}
	fd = perf_event_open(attr, -1, 0);
	r = fd < 0 ? fd : perf_event_attach(fd, prog);
	if (r < 0)
		snprintf(detail, n, "%s", bpf_strerror(r));
	if (fd >= 0)
		close(fd);
	close(prog);
	return r;
}

int selftest_run(void)
{
	char detail[600], *jit, *id;
	const char *root;
	struct utsname u;
	struct target t;
	bool basics = true;
	unsigned stale;
	int fd, r;

	uname(&u);
	printf("sonde self-test: Linux %s on %s, %s\n", u.release, u.machine,
	       geteuid() ? "not root" : "root");

	bpf_lift_memlock_limit();
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, 4, 8, 1, 0);
	basics &= report("bpf() system call", fd >= 0, fd >= 0 ? "maps can be created" :
			 bpf_strerror(fd), bpf_hint(fd));
	if (fd >= 0)
		close(fd);

	/* A kernel without a JIT (CONFIG_BPF_JIT, s390x for z10) has no sysctl: no hint. */
	jit = read_file("/proc/sys/net/core/bpf_jit_enable", NULL);
	report("BPF JIT", jit && jit[0] != '0', jit ? (jit[0] == '0' ? "off: programs are "
	       "interpreted (net.core.bpf_jit_enable = 0)" : "on") : "none in this kernel: "
	       "programs are interpreted", jit ? "sysctl -w net.core.bpf_jit_enable=1 "
	       "makes probes cheaper; on 32-bit arm its JIT refuses atomic instructions, "
	       "which sonde never emits" : NULL);
	free(jit);

	root = tracefs_root();
	basics &= report("tracefs", root != NULL, root ? root : "not found, and mounting failed",
			 "the kernel needs CONFIG_TRACING (and CONFIG_FTRACE)");

	if (root) {
		char path[512];

		snprintf(path, sizeof(path), "%s/events/sched/sched_process_exit/id", root);
		id = read_file(path, NULL);
		if (id) {
			struct perf_event_attr attr = {
				.type = PERF_TYPE_TRACEPOINT, .config = strtoull(id, NULL, 10),
			};

			r = try_attach(&attr, BPF_PROG_TYPE_TRACEPOINT, detail, sizeof(detail));
			free(id);
		} else {
			snprintf(detail, sizeof(detail), "no %s", path);
			r = -ENOENT;
		}
		basics &= report("tracepoints", r == 0, r == 0 ? "programs attach" : detail,
				 "the kernel needs CONFIG_BPF_EVENTS");
		snprintf(path, sizeof(path), "%s/events/syscalls", root);
		report("syscall tracepoints", access(path, F_OK) == 0, access(path, F_OK) == 0 ?
		       "syscalls/ events present" : "no syscalls/ events",
		       "the kernel needs CONFIG_FTRACE_SYSCALLS");
	}

	{
		struct perf_event_attr attr = {
			.type = PERF_TYPE_SOFTWARE, .config = PERF_COUNT_SW_CPU_CLOCK,
			.sample_period = 1000000000,
		};

		r = try_attach(&attr, BPF_PROG_TYPE_PERF_EVENT, detail, sizeof(detail));
		basics &= report("perf software events", r == 0, r == 0 ?
				 "interval and profile can attach" : detail,
				 "the kernel needs CONFIG_PERF_EVENTS");
	}

	fd = load_trivial(PROG_TYPE_RAW_TRACEPOINT);
	r = fd < 0 ? fd : bpf_prog_test_run(fd);
	report("BEGIN and END", r >= 0, r >= 0 ? "programs can be test-run" : bpf_strerror(r),
	       "BPF_PROG_TEST_RUN of raw tracepoints needs Linux 5.10");
	if (fd >= 0)
		close(fd);

	report("kprobe PMU", has_path("/sys/bus/event_source/devices/kprobe", R_OK, detail,
					sizeof(detail)), detail,
	       "Linux 4.17 or later with CONFIG_KPROBE_EVENTS; kprobe_events is used otherwise");
	if (root) {
		char path[512];

		snprintf(path, sizeof(path), "%s/kprobe_events", root);
		report("kprobe_events", has_path(path, W_OK, detail, sizeof(detail)), detail,
		       "the kernel needs CONFIG_KPROBES and CONFIG_KPROBE_EVENTS");
		snprintf(path, sizeof(path), "%s/uprobe_events", root);
		report("uprobe_events", has_path(path, W_OK, detail, sizeof(detail)), detail,
		       "the kernel needs CONFIG_UPROBES and CONFIG_UPROBE_EVENTS");
	}
	report("uprobe PMU", has_path("/sys/bus/event_source/devices/uprobe", R_OK, detail,
					sizeof(detail)), detail,
	       "Linux 4.17 or later with CONFIG_UPROBE_EVENTS; uprobe_events is used otherwise");

	target_host(&t);
	report("kprobe_multi", target_has(&t, TF_KPROBE_MULTI), "one link a glob",
	       "5.18, 64-bit, CONFIG_FPROBE");
	report("uprobe_multi", target_has(&t, TF_UPROBE_MULTI), "one link a glob",
	       "6.6, 64-bit");

	/* Probes a killed sonde left in kprobe_events or uprobe_events. */
	stale = xprobe_remove_stale();
	if (stale)
		printf("     removed %u probe%s that a killed sonde left in tracefs\n", stale,
		       stale == 1 ? "" : "s");

	printf("%s\n", basics ? "the basics work: tracepoints, BEGIN/END where listed, "
	       "interval and profile" : "sonde cannot trace here: see the hints above");
	return basics ? 0 : 1;
}
