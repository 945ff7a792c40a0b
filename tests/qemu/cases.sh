# SPDX-License-Identifier: GPL-2.0
# The cases tests/qemu/run runs in each guest, with the helpers of
# tests/lib.sh; SONDE is a static sonde built for the guest. Busybox ash
# runs them: no bash. Known quirks of the guests' kernels:
#   mips64el: syscalls/sys_enter_read attaches but never fires;
#             raw_syscalls/sys_enter does.
#   armhf:    with the JIT on, programs with atomic adds or 64-bit division
#             are refused; sonde emits neither there.

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

# Division of 64-bit values the verifier cannot know (map values): by a
# 32-bit and a wider divisor, by zero, signed, in lhist() and avg(). Its
# jit/ run is the one that counts on armhf.
case_division() {
	need_feature 'BEGIN and END'
	run_sonde 'BEGIN {
		@v[0] = 0xfedcba9876543210; @v[1] = 1000; @v[2] = 0x100000000; @v[3] = 0; @v[4] = 42;
		$a = (uint64)@v[0]; $k = (uint64)@v[1]; $w = (uint64)@v[2]; $z = (uint64)@v[3];
		printf("%u %u %u %u\n", $a / $k, $a % $k, $a / $w, $a % $w);
		printf("%u %u %d %d\n", $a / $z, $a % $z, (int64)$a / 1000, (int64)$a % -1000);
		@l = lhist(@v[4], 0, 100, 10);
		@wide = lhist($a >> 8, 0, 0x100000000000000, 0x1000000000000);
		@m = avg($a); @m = avg($k);
		@s = avg(-(int64)$k - 7); @s = avg(-8);
		clear(@v);
		exit();
	}'
	expect_status 0
	expect_no_err
	expect_out '^18364758544493064 720 4275878552 1985229328$'
	expect_out '^0 18364758544493064720 -81985529216486 -896$'
	expect_out '^  \[40, 50\) 1 '
	expect_out '^  \[65024T, 65280T\) 1 '
	expect_out '^@m: 9182379272246532860$'
	expect_out '^@s: -507$'
}

# Loops over maps and len(): callbacks, which only JITed programs may have.
case_map_loop() {
	need_feature 'BEGIN and END'
	need_release 5.13 "bpf_for_each_map_elem()"
	run_sonde 'BEGIN { @a[1] = 10; @a[2] = 20; @a[3] = 30; $s = 0;
		for ($kv : @a) { $s += $kv.1; } printf("%d %d\n", $s, len(@a)); clear(@a); exit(); }'
	! grep -q 'callbacks are not allowed in non-JITed programs' err ||
		skip "this kernel runs the program in its interpreter, which takes no callbacks"
	expect_status 0
	expect_out '^60 3$'
}

# A 32-bit sonde on a 64-bit kernel (the aarch32, i686 and mips32
# guests): Linux fires no syscalls/ tracepoints in 32-bit tasks,
# raw_syscalls/ it does, and sonde says so.
case_compat_syscall_tracepoints() {
	case $(uname -m) in
	x86_64 | aarch64 | mips64) ;;
	*) skip "not an x86_64, arm64 or mips64 kernel" ;;
	esac
	[ "$(od -An -tu1 -j4 -N1 "$SONDE" | tr -d ' ')" = 1 ] || skip "sonde is a 64-bit program"
	need_feature 'syscall tracepoints'
	run_sonde -c 'cat /dev/null' \
		'tracepoint:syscalls/sys_enter_openat / pid == cpid / { @o = count(); }
		tracepoint:raw_syscalls/sys_enter / pid == cpid / { @r = count(); }'
	expect_status 0
	expect_err 'a 64-bit kernel fires no syscalls/ tracepoints in 32-bit tasks'
	expect_out '^@o: 0$'
	expect_out '^@r: [1-9][0-9]*$'
}
