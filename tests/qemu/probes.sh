# SPDX-License-Identifier: GPL-2.0
# Finding probes and attaching many in the guests of tests/qemu/run: the
# listing of kernel functions, a kprobe named with its module, raw
# tracepoints and tracepoint wildcards, on Debian's own kernels.

case_list_kernel_functions() {
	run_sonde -l 'kprobe:vfs_*'
	expect_status 0
	expect_out '^kprobe:vfs_read$'
	expect_out '^kprobe:vfs_write$'
}

case_kprobe_module_function() {
	module=$(awk 'NR == 1 { print $1 }' /proc/modules 2>/dev/null)
	[ -n "$module" ] || skip "no module is loaded"
	func=$(grep -m 1 "\[$module\]" /proc/kallsyms | awk '$2 ~ /^[tT]$/ { print $3 }')
	[ -n "$func" ] || skip "module $module shows no function in kallsyms"
	run_sonde -e "kprobe:$module:$func { @ = count(); }"
	expect_status 0
}

case_raw_tracepoint() {
	run_sonde -c /bin/true 'rawtracepoint:sched_process_exec { printf("%d\n", arg1 == pid); }'
	expect_status 0
	expect_out '^1$'
}

case_tracepoint_wildcard() {
	run_sonde -c /bin/true 't:sched:sched_process_e* / comm == "true" / { @[probe] = count(); }'
	expect_status 0
	expect_out '^tracepoint:sched/sched_process_exec: 1$'
	expect_out '^tracepoint:sched/sched_process_exit: 1$'
}
