// SPDX-License-Identifier: GPL-2.0
#include "config.h"	/* first: whether the UAPI headers know fentry */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/common.h"
#include "bpf/abi.h"
#include "kernel/bpf.h"

#define PTR(p) ((uint64_t)(uintptr_t)(p))
/* What every map and program of sonde's is called in the kernel. */
#define OBJ_NAME "sonde"

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	long r;

	/* The verifier can be interrupted; loads are retried as libbpf does. */
	do
		r = syscall(__NR_bpf, cmd, attr, sizeof(*attr));
	while (r < 0 && (errno == EAGAIN || errno == EINTR));
	return r < 0 ? -errno : (int)r;
}

void bpf_lift_memlock_limit(void)
{
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };

	setrlimit(RLIMIT_MEMLOCK, &rl);
}

int bpf_map_create(unsigned type, unsigned key_size, unsigned value_size,
		   unsigned max_entries, unsigned flags)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = type;
	attr.key_size = key_size;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	attr.map_flags = flags;
#ifdef BPF_OBJ_NAME_LEN	/* 4.15 headers: bpftool names the owner */
	strcpy(attr.map_name, OBJ_NAME);
#endif
	return sys_bpf(BPF_MAP_CREATE, &attr);
}

static int map_elem(int cmd, int fd, const void *key, const void *value, uint64_t flags)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	attr.key = PTR(key);
	attr.value = PTR(value);
	attr.flags = flags;
	return sys_bpf(cmd, &attr);
}

int bpf_map_lookup(int fd, const void *key, void *value)
{
	return map_elem(BPF_MAP_LOOKUP_ELEM, fd, key, value, 0);
}

int bpf_map_update(int fd, const void *key, const void *value, uint64_t flags)
{
	return map_elem(BPF_MAP_UPDATE_ELEM, fd, key, value, flags);
}

int bpf_map_delete(int fd, const void *key)
{
	return map_elem(BPF_MAP_DELETE_ELEM, fd, key, NULL, 0);
}

int bpf_map_next_key(int fd, const void *key, void *next)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	attr.key = PTR(key);
	attr.next_key = PTR(next);
	return sys_bpf(BPF_MAP_GET_NEXT_KEY, &attr);
}

#ifdef HAVE_UNION_BPF_ATTR_ATTACH_BTF_ID
/*
 * The BTF a program with callbacks must come with: the verifier takes a
 * callback only from a function that BTF calls static. One function type,
 * static int sonde(void), serves them all.
 */
static const struct {
	uint16_t magic;
	uint8_t version, flags;
	uint32_t hdr_len, type_off, type_len, str_off, str_len;
	uint32_t types[10];
	char strs[12];
} func_btf = {
	0xeb9f, 1, 0, 24, 0, 40, 40, 12,
	{
		1, 1u << 24, 4, 1u << 24 | 32,	/* [1] int: INT, 4 bytes, signed, 32 bits */
		0, 13u << 24, 1,		/* [2] int (void): FUNC_PROTO */
		5, 12u << 24, 2,		/* [3] sonde: FUNC, static */
	},
	"\0int\0sonde",
};
#define FUNC_BTF_ID 3

/* The functions of a program, for its load: each starts where funcs say. */
static int add_func_info(union bpf_attr *attr, const unsigned *funcs, unsigned nfuncs,
			 uint32_t (*info)[2])
{
	union bpf_attr btf;
	unsigned i;
	int fd;

	memset(&btf, 0, sizeof(btf));
	btf.btf = PTR(&func_btf);
	btf.btf_size = sizeof(func_btf);
	fd = sys_bpf(BPF_BTF_LOAD, &btf);
	if (fd < 0)
		return fd;
	for (i = 0; i <= nfuncs; i++) {
		info[i][0] = i ? funcs[i - 1] : 0;
		info[i][1] = FUNC_BTF_ID;
	}
	attr->prog_btf_fd = (uint32_t)fd;
	attr->func_info_rec_size = sizeof(*info);
	attr->func_info = PTR(info);
	attr->func_info_cnt = nfuncs + 1;
	return fd;
}
#endif

int bpf_prog_load(unsigned type, const struct bpf_btf_attach *to, const unsigned *funcs,
		  unsigned nfuncs, const struct bpf_insn *insns, unsigned ninsns, char *log,
		  size_t log_size)
{
	uint32_t (*info)[2] = NULL;
	union bpf_attr attr;
	int fd, btf_fd = -1;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = type;
#ifdef HAVE_UNION_BPF_ATTR_ATTACH_BTF_ID
	if (to) {
		attr.expected_attach_type = to->type;
		attr.attach_btf_id = to->btf_id;
	}
	if (nfuncs) {
		info = xmalloc((nfuncs + 1) * sizeof(*info));
		btf_fd = add_func_info(&attr, funcs, nfuncs, info);
		if (btf_fd < 0) {
			free(info);
			return btf_fd;
		}
	}
#else
	(void)funcs;
	if (to || nfuncs)
		return -EOPNOTSUPP;
#endif
	attr.insns = PTR(insns);
	attr.insn_cnt = ninsns;
	attr.license = PTR("GPL");
#ifdef BPF_OBJ_NAME_LEN
	strcpy(attr.prog_name, OBJ_NAME);
#endif
	if (log) {
		log[0] = '\0';
		attr.log_buf = PTR(log);
		attr.log_size = log_size;
		attr.log_level = 1;
	}
	fd = sys_bpf(BPF_PROG_LOAD, &attr);
	if (btf_fd >= 0) {
		close(btf_fd);
		free(info);
	}
	return fd;
}

int bpf_raw_tracepoint_open(const char *name, int prog_fd)
{
#ifdef HAVE_UNION_BPF_ATTR_ATTACH_BTF_ID
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.raw_tracepoint.name = PTR(name);
	attr.raw_tracepoint.prog_fd = (uint32_t)prog_fd;
	return sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr);
#else
	(void)name, (void)prog_fd;
	return -EOPNOTSUPP;
#endif
}

int bpf_prog_test_run(int fd)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.test.prog_fd = fd;
	return sys_bpf(BPF_PROG_TEST_RUN, &attr);
}

int bpf_prog_xlated_len(int fd)
{
	struct bpf_prog_info info;
	union bpf_attr attr;
	int r;

	memset(&info, 0, sizeof(info));
	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = fd;
	attr.info.info_len = sizeof(info);
	attr.info.info = PTR(&info);
	r = sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr);
	return r < 0 ? r : (int)(info.xlated_prog_len / sizeof(struct bpf_insn));
}

/*
 * BPF_LINK_CREATE's part of union bpf_attr for the multi links, laid out
 * as the UAPI has it: older headers lack it.
 */
struct link_create {
	uint32_t prog_fd, target_fd, attach_type, flags;
	union {
		struct {
			uint32_t flags, cnt;
			uint64_t syms, addrs, cookies;
		} kprobe;
		struct {
			uint64_t path, offsets, ref_ctr_offsets, cookies;
			uint32_t cnt, flags, pid;
		} uprobe;
	};
};

int bpf_link_multi(int prog_fd, const struct bpf_multi *m)
{
	struct link_create lc = { .prog_fd = (uint32_t)prog_fd };
	union bpf_attr attr;
	uint64_t *cookies = NULL;
	unsigned i;
	int r;

	_Static_assert(sizeof(lc) <= sizeof(attr), "union bpf_attr holds link_create");
	if (m->uprobe) {
		cookies = calloc(m->cnt, sizeof(*cookies));
		if (!cookies)
			return -ENOMEM;
		for (i = 0; i < m->cnt; i++)
			cookies[i] = i;
		lc.attach_type = ATTACH_TRACE_UPROBE_MULTI;
		lc.uprobe.path = PTR(m->path);
		lc.uprobe.offsets = PTR(m->points);
		lc.uprobe.cookies = PTR(cookies);
		lc.uprobe.cnt = m->cnt;
		lc.uprobe.flags = m->retprobe ? UPROBE_MULTI_RETURN : 0;
		lc.uprobe.pid = m->pid > 0 ? (uint32_t)m->pid : 0;
	} else {
		lc.attach_type = ATTACH_TRACE_KPROBE_MULTI;
		lc.kprobe.flags = m->retprobe ? KPROBE_MULTI_RETURN : 0;
		lc.kprobe.cnt = m->cnt;
		lc.kprobe.syms = PTR(m->points);
	}
	memset(&attr, 0, sizeof(attr));
	memcpy(&attr, &lc, sizeof(lc));
	r = sys_bpf(CMD_LINK_CREATE, &attr);
	free(cookies);
	return r;
}

int perf_event_open(struct perf_event_attr *attr, pid_t pid, int cpu)
{
	long r;

	attr->size = sizeof(*attr);
	r = syscall(__NR_perf_event_open, attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC);
	return r < 0 ? -errno : (int)r;
}

int perf_event_attach(int perf_fd, int prog_fd)
{
	/* Raw, like the rest: libc's <sys/ioctl.h> clashes with the UAPI's ioctl macros. */
	if (syscall(__NR_ioctl, perf_fd, PERF_EVENT_IOC_SET_BPF, prog_fd) < 0 ||
	    syscall(__NR_ioctl, perf_fd, PERF_EVENT_IOC_ENABLE, 0) < 0)
		return -errno;
	return 0;
}

const char *bpf_strerror(int err)
{
	if (err < 0)
		err = -err;
	if (err == ENOTSUPP_KERNEL)
		return "operation not supported by the kernel (ENOTSUPP)";
	return strerror(err);
}

const char *bpf_hint(int err)
{
	switch (err < 0 ? -err : err) {
	case ENOSYS:
		return "the kernel was built without CONFIG_BPF_SYSCALL";
	case EPERM:
		return "run sonde as root, or give it CAP_BPF and CAP_PERFMON "
		       "(CAP_SYS_ADMIN before Linux 5.8); before 5.11 BPF memory "
		       "counts against the locked memory limit, too (ulimit -l)";
	case E2BIG:
		return "the program is too large for this kernel "
		       "(before Linux 5.2 the limit is 4096 instructions)";
	case ENOMEM:
		return "the kernel could not allocate the map or program: "
		       "lower the map size (-M) or free memory";
	case ENOTSUPP_KERNEL:
	case EOPNOTSUPP:
		return "the kernel does not support this; the BPF JIT of some architectures "
		       "refuses atomic adds and 64-bit division (sysctl "
		       "net.core.bpf_jit_enable=0 turns the JIT off)";
	case ENOENT:
		return "the kernel has no such event";
	default:
		return NULL;
	}
}
