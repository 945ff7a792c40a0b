# SPDX-License-Identifier: GPL-2.0
# The cases tests/qemu/run runs in each guest, with the helpers of
# tests/lib.sh; SONDE is a static sonde built for the guest. Busybox ash
# runs them: no bash. Known quirks of the guests' kernels:
#   mips64el: syscalls/sys_enter_read attaches but never fires;
#             raw_syscalls/sys_enter does.
#   armhf:    with the JIT on, programs with atomic adds are refused.

case_self_test() {
	run_sonde -T
	expect_status 0
	expect_out '^ok   tracepoints'
}

case_tracepoint_count() {
	run_sonde -c '/bin/true; /bin/true' \
		'tracepoint:sched/sched_process_exec { @[comm] = count(); }'
	expect_status 0
	expect_out '^true: 2$'
}

case_begin_exit() {
	need_feature 'BEGIN and END'
	run_sonde 'BEGIN { printf("hi\n"); exit(3); }'
	expect_status 3
	expect_out_exact hi
}

# A fact about the kernel rather than sonde: the PMU that kprobes attach
# through, without tracefs kprobe_events.
case_kprobe_pmu_present() {
	[ -d /sys/bus/event_source/devices/kprobe ] ||
		fail "no /sys/bus/event_source/devices/kprobe in Linux $(uname -r)"
}
