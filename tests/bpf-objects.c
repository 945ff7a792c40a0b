// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-objects: prints how many BPF programs and maps named "sonde" the
 * kernel holds, as "programs N maps M", to check that sonde leaves none
 * behind (as root). Others' objects do not count.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/bpf.h>

static long bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

/* The name of the object of an id: next_cmd walks the ids, fd_cmd opens one. */
static long count(int next_cmd, int fd_cmd, int prog)
{
	union bpf_attr attr;
	unsigned id = 0;
	long n = 0;

	for (;;) {
		struct bpf_prog_info pi;
		struct bpf_map_info mi;
		int fd;

		memset(&attr, 0, sizeof(attr));
		attr.start_id = id;
		if (bpf(next_cmd, &attr) < 0)
			return errno == ENOENT ? n : -errno;
		id = attr.next_id;
		memset(&attr, 0, sizeof(attr));
		attr.prog_id = id;	/* map_id shares the place */
		fd = (int)bpf(fd_cmd, &attr);
		if (fd < 0)
			continue;	/* gone meanwhile */
		memset(&pi, 0, sizeof(pi));
		memset(&mi, 0, sizeof(mi));
		memset(&attr, 0, sizeof(attr));
		attr.info.bpf_fd = fd;
		attr.info.info_len = prog ? sizeof(pi) : sizeof(mi);
		attr.info.info = (uint64_t)(uintptr_t)(prog ? (void *)&pi : (void *)&mi);
		if (bpf(BPF_OBJ_GET_INFO_BY_FD, &attr) == 0)
			n += !strcmp(prog ? pi.name : mi.name, "sonde");
		close(fd);
	}
}

int main(void)
{
	printf("programs %ld maps %ld\n",
	       count(BPF_PROG_GET_NEXT_ID, BPF_PROG_GET_FD_BY_ID, 1),
	       count(BPF_MAP_GET_NEXT_ID, BPF_MAP_GET_FD_BY_ID, 0));
	return 0;
}
