# SPDX-License-Identifier: GPL-2.0
# Compiling for another target touches no kernel: no bpf() call, nothing
# read under /proc or /sys, on any host, root or not.

program='kprobe:vfs_* { @[func, arg2] = count(); }
	kretprobe:vfs_read { @r = quantize(retval); }
	tracepoint:syscalls/sys_enter_openat { printf("%s\n", str(data->filename)); }
	profile:0:99hz { @s[stack] = count(); }
	BEGIN { printf("%d\n", cpu); }'

case_target_is_pure() {
	command -v strace >/dev/null || skip "needs strace"
	# LeakSanitizer cannot run under ptrace, and a sanitizer runtime reads
	# /proc/self/maps, cmdline and environ itself; sonde never opens /proc/self.
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	export ASAN_OPTIONS
	for target in aarch64,5.10 x86_64,6.12 mips,6.1; do
		SONDE_TRACEFS=$srcdir/tests/golden/tracefs strace -f -qq -o trace \
			-e trace=bpf,open,openat,openat2 "$SONDE" -e -S --target=$target "$program" \
			>out 2>err
		status=$?
		expect_status 0
		! grep -q 'bpf(' trace || fail "--target=$target made a bpf() call: $(cat trace)"
		! grep -v '"/proc/self/' trace | grep -Eq '"/(proc|sys)/' ||
			fail "--target=$target opened under /proc or /sys: $(grep -E '"/(proc|sys)/' trace)"
		expect_out '^kretprobe:vfs_read: [0-9]+ instructions$'
	done
}

case_target_without_tracefs() {
	# A board's tracepoint compiles untyped; its record needs the formats.
	run_sonde -e --target=arm,5.10 'tracepoint:sched/sched_switch { @ = count(); }'
	expect_status 0
	run_sonde -e --target=arm,5.10 'tracepoint:sched/sched_switch { @[data->prev_pid] = count(); }'
	expect_status 1
	expect_err 'the record of tracepoint:sched/sched_switch is unknown'
	run_sonde -e --target=arm,5.10 'kprobe:vfs_* { @ = count(); }'
	expect_status 1
	expect_err 'a kprobe glob needs the list of the target.s functions: set SONDE_TRACEFS'
}

case_kprobe_glob_matching_nothing() {
	SONDE_TRACEFS=$srcdir/tests/golden/tracefs run_sonde -e --target=x86_64,6.1 \
		'kprobe:no_such_fn* { @ = count(); }'
	expect_status 1
	expect_err "error: the kernel has no function matching 'no_such_fn[*]'"
	# The golden tracefs lists security_file_open as a function of a module.
	SONDE_TRACEFS=$srcdir/tests/golden/tracefs run_sonde -e --target=x86_64,6.1 \
		'kprobe:security:security_* { @ = count(); }'
	expect_status 0
	SONDE_TRACEFS=$srcdir/tests/golden/tracefs run_sonde -e --target=x86_64,6.1 \
		'kprobe:security:no_such_fn* { @ = count(); }'
	expect_status 1
	expect_err "error: module 'security' has no function matching 'no_such_fn[*]'"
}

case_target_errors() {
	run_sonde -e --target=sparc64 'BEGIN { }'
	expect_status 1
	expect_err "^sonde: --target: no backend 'sparc64'; sonde has: x86_64 i686 aarch64"
	run_sonde -e --target=aarch64,six 'BEGIN { }'
	expect_status 1
	expect_err "'six' is not a kernel release such as 5.10 or 6.1"
	run_sonde --target=aarch64 'BEGIN { }'
	expect_status 1
	expect_err 'it goes with -e or -S'
}

# Events go through the BPF ring buffer from 5.8 on, through per-CPU perf
# rings before it or with --perf-buffer.
case_target_event_path() {
	prog='BEGIN { printf("%d\n", cpu); }'
	run_sonde -S --target=x86_64,5.4 "$prog"
	expect_out 'call perf_event_output$'
	run_sonde -S --target=x86_64,5.8 "$prog"
	expect_out 'call ringbuf_output$'
	run_sonde -S --target=x86_64,6.1 --perf-buffer "$prog"
	expect_out 'call perf_event_output$'
	run_sonde -e --ring-size=0 "$prog"
	expect_status 1
	expect_err '^sonde: --ring-size wants a whole number from 1 to 262144, not .0.$'
}
