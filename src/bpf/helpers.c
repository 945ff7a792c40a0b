// SPDX-License-Identifier: GPL-2.0
/* What the disassembler and the validator know of each helper sonde calls. */
#include "base/common.h"
#include "bpf/abi.h"

#define V KERNEL_VERSION

static const struct helper_info helpers[] = {
	{ HELPER_MAP_LOOKUP_ELEM, "map_lookup_elem", 2, V(4, 1) },
	{ HELPER_MAP_UPDATE_ELEM, "map_update_elem", 4, V(4, 1) },
	{ HELPER_MAP_DELETE_ELEM, "map_delete_elem", 2, V(4, 1) },
	{ HELPER_PROBE_READ, "probe_read", 3, V(4, 1) },
	{ HELPER_KTIME_GET_NS, "ktime_get_ns", 0, V(4, 1) },
	{ HELPER_GET_PRANDOM_U32, "get_prandom_u32", 0, V(4, 1) },
	{ HELPER_GET_SMP_PROCESSOR_ID, "get_smp_processor_id", 0, V(4, 1) },
	{ HELPER_GET_CURRENT_PID_TGID, "get_current_pid_tgid", 0, V(4, 2) },
	{ HELPER_GET_CURRENT_UID_GID, "get_current_uid_gid", 0, V(4, 2) },
	{ HELPER_GET_CURRENT_COMM, "get_current_comm", 2, V(4, 2) },
	{ HELPER_PERF_EVENT_OUTPUT, "perf_event_output", 5, V(4, 4) },
	{ HELPER_GET_STACKID, "get_stackid", 3, V(4, 6) },
	{ HELPER_GET_CURRENT_TASK, "get_current_task", 0, V(4, 8) },
	{ HELPER_GET_NUMA_NODE_ID, "get_numa_node_id", 0, V(4, 10) },
	{ HELPER_PROBE_READ_STR, "probe_read_str", 3, V(4, 11) },
	{ HELPER_GET_CURRENT_CGROUP_ID, "get_current_cgroup_id", 0, V(4, 18) },
	{ HELPER_SEND_SIGNAL, "send_signal", 1, V(5, 3) },
	{ HELPER_PROBE_READ_USER, "probe_read_user", 3, V(5, 5) },
	{ HELPER_PROBE_READ_KERNEL, "probe_read_kernel", 3, V(5, 5) },
	{ HELPER_PROBE_READ_USER_STR, "probe_read_user_str", 3, V(5, 5) },
	{ HELPER_PROBE_READ_KERNEL_STR, "probe_read_kernel_str", 3, V(5, 5) },
	{ HELPER_JIFFIES64, "jiffies64", 0, V(5, 5) },
	{ HELPER_RINGBUF_OUTPUT, "ringbuf_output", 4, V(5, 8) },
	{ HELPER_FOR_EACH_MAP_ELEM, "for_each_map_elem", 4, V(5, 13) },
	{ HELPER_GET_FUNC_IP, "get_func_ip", 1, V(5, 15) },
	{ HELPER_GET_ATTACH_COOKIE, "get_attach_cookie", 1, V(5, 15) },
};

const struct helper_info *helper_info(int id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(helpers); i++)
		if (helpers[i].id == id)
			return &helpers[i];
	return NULL;
}
