# SPDX-License-Identifier: GPL-2.0
# Probes beyond one event: tracepoint wildcards, software and hardware
# perf events, and the listing of what a machine offers.

case_tracepoint_wildcard_one_probe_per_event() {
	run_sonde -c "$WORKLOAD getppid 7" \
		't:syscalls/sys_enter_getp* / comm == "getppid-loop" / { @[probe] = count(); }'
	expect_status 0
	# getpid, getpgid, getpriority... attached too, but only getppid was called.
	expect_out '^tracepoint:syscalls/sys_enter_getppid: 7$'
	[ "$(count_out ': [0-9]')" -eq 1 ] || fail "other events counted. $(show)"
}

case_tracepoint_wildcards_in_both_parts() {
	run_sonde -e 't:sch*:sched_process_e* { @[probe] = count(); }'
	expect_status 0
	run_sonde -e 't:syscalls/sys_enter_* { @[args.fd] = count(); }'
	expect_status 1
	# The first event, by name, that has no fd field.
	expect_err "struct sys_enter_[a-z0-9_]+ has no field 'fd'"
	run_sonde -e 't:no_such_sub*/x { }'
	expect_status 1
	expect_err "no tracepoint matches 'no_such_sub[*]/x'"
}

case_software_page_faults_and_context_switches() {
	run_sonde -c "$WORKLOAD pages 300" 'software:page-faults:1 / comm == "pages-loop" / { @ = count(); }'
	expect_status 0
	expect_out '^@: 300$'
	run_sonde -c "$WORKLOAD sleeps 40" 's:cs:1 / comm == "sleep-loop" / { @ = count(); }'
	expect_status 0
	# Each sleep switches away once; a preemption may add one.
	n=$(sed -n 's/^@: //p' out)
	[ "${n:-0}" -ge 40 ] && [ "$n" -le 45 ] || fail "not 40 context switches. $(show)"
	run_sonde -e 'software:no-such-event { }'
	expect_status 1
	expect_err "unknown software event 'no-such-event'"
}

case_hardware_counter_or_clear_refusal() {
	run_sonde -c "$WORKLOAD getppid 1" 'hardware:instructions:100000 { @ = count(); }'
	if [ $status -ne 0 ]; then
		expect_err "cannot open the instructions counter on CPU [0-9]+"
		expect_err "this CPU's PMU does not count instructions"
		skip "this machine's PMU counts no instructions (a virtual machine's)"
	fi
	expect_out '^@: [1-9][0-9]*$'
}

case_listing() {
	run_sonde -l 'tracepoint:sched/sched_switch'
	expect_status 0
	expect_out_exact 'tracepoint:sched/sched_switch'
	# bpftrace's spelling and ply's alias list the same.
	run_sonde -lv 't:sched:sched_switch'
	expect_status 0
	expect_out '^tracepoint:sched/sched_switch$'
	expect_out '^    char prev_comm\[16\];$'
	expect_out '^    s32 next_pid;$'
	run_sonde -l 'sched_process_e*'
	expect_out '^tracepoint:sched/sched_process_exec$'
	expect_out '^tracepoint:sched/sched_process_exit$'
	run_sonde -l "uprobe:$UPROBE_TARGET:sonde_*"
	expect_status 0
	expect_out "^uprobe:$UPROBE_TARGET:sonde_target\$"
	expect_out "^uprobe:$UPROBE_TARGET:sonde_struct\$"
	run_sonde -l '*:*faults'
	expect_out '^software:page-faults$'
	expect_out '^software:major-faults$'
	run_sonde -l 'hardware:*'
	expect_out '^hardware:cpu-cycles$'
	run_sonde -l 'no_such_probe_anywhere'
	expect_status 1
	expect_err "no probe matches 'no_such_probe_anywhere'"
}

case_listing_kernel_functions() {
	run_sonde -l 'kprobe:vfs_rea[d]'
	expect_status 0
	expect_out_exact 'kprobe:vfs_read'
	[ -r /sys/kernel/btf/vmlinux ] || skip "no BTF: no prototypes"
	run_sonde -lv 'kprobe:vfs_read'
	expect_out '^    ssize_t vfs_read\(struct file \*file, char \*buf, size_t count, loff_t \*pos\)$'
}

case_raw_tracepoint_arguments() {
	# sched_process_exec(p, old_pid, bprm): the exec'd task's pid, before any record.
	run_sonde -c /bin/true 'rawtracepoint:sched_process_exec { printf("%d %d\n", arg1 == pid, pid > 0); }'
	expect_status 0
	expect_out '^1 1$'
	run_sonde -e 'rt:sched:sched_switch { @[arg0] = count(); }'
	expect_status 0
	run_sonde -e 'rawtracepoint:no_such_event { }'
	expect_status 1
	expect_err "unknown tracepoint 'no_such_event'"
}
