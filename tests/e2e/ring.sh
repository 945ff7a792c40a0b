# SPDX-License-Identifier: GPL-2.0
# The rings that carry events: the BPF ring buffer all CPUs share, the perf
# rings of --perf-buffer (each CPU's), their losses and their sizes; the
# kernel memory -d says sonde asks for.

# The -c command's calls alone, whatever other tests run meanwhile: the
# command itself once it is the loop (not the shell or a sanitizer runtime
# before), and in the relay its child too, whose parent it is.
relay='tracepoint:syscalls/sys_exit_getppid
	/ comm == "relay-loop" && (pid == cpid || data->ret == cpid) / { printf("%d\n", cpu); }'
getppid_pid='tracepoint:syscalls/sys_enter_getppid / pid == cpid && comm == "getppid-loop" / {
	printf("%d\n", pid); }'

needs_ring_buffer() {
	"$SONDE" -e -S 'BEGIN { printf("\n"); }' 2>/dev/null | grep -q 'call ringbuf_output$' ||
		skip "the kernel has no BPF ring buffer (5.8)"
}

# The sum of the losses sonde reported in ./err.
lost_reported() {
	sed -n 's/^sonde: [a-z]*: lost \([0-9]*\) events.*/\1/p' err | awk '{ n += $1 } END { print n + 0 }'
}

# Two processes take turns on CPU 0 and CPU 1: the ring buffer prints
# their calls in the order they made them, one CPU then the other.
case_ring_buffer_keeps_order() {
	needs_ring_buffer
	"$WORKLOAD" relay 1 || skip "needs CPUs 0 and 1"
	run_sonde -c "$WORKLOAD relay 2000" "$relay"
	expect_status 0
	[ "$(wc -l <out)" -eq 2000 ] || fail "not 2000 events. $(show)"
	[ "$(uniq out | wc -l)" -eq 2000 ] || fail "the CPUs do not alternate: $(uniq -c out | head)"
	# A perf ring per CPU delivers all, in batches of a CPU.
	run_sonde --perf-buffer -c "$WORKLOAD relay 2000" "$relay"
	expect_status 0
	[ "$(wc -l <out)" -eq 2000 ] || fail "not 2000 events with --perf-buffer. $(show)"
}

# With a ring of one page and sonde stopped for the second the loop runs,
# most events are lost: those printed and those reported make every call, on
# both paths, whether sonde stops at the first loss or keeps going.
case_losses_exact_on_both_paths() {
	cmd="s=$sonde_pid; kill -STOP \$s; (sleep 1; kill -CONT \$s) & exec $WORKLOAD getppid 20000"
	for path in "" --perf-buffer; do
		for k in "" -k; do
			run_sonde --ring-size=1 $path $k -c "$cmd" "$getppid_pid"
			expect_status $([ -n "$k" ] && echo 0 || echo 1)
			lost=$(lost_reported)
			[ "$lost" -gt 0 ] || fail "no loss reported ($path $k). $(show)"
			[ $(($(wc -l <out) + lost)) -eq 20000 ] ||
				fail "$(wc -l <out) printed and $lost lost do not make 20000 ($path $k). $(show)"
		done
	done
	expect_err '^sonde: warning: lost [0-9]+ events'
}

case_ring_size_refused() {
	for path in "" --perf-buffer; do
		run_sonde --ring-size=3 $path 'BEGIN { printf("%d\n", 1); }'
		expect_status 1
		expect_err '^sonde: error: cannot (create the ring buffer|open the output buffer of CPU 0): Invalid argument$'
		expect_err '^sonde: note: --ring-size is 3 pages: the kernel wants a power of two, and not more than it can give$'
	done
	run_sonde --ring-size=2 'BEGIN { printf("%d\n", 1); }'
	expect_status 0
	expect_out_exact 1
}

# -d says what sonde asks of the kernel, map by map: a keyless aggregation
# has one entry, a map keyed by cpu one per possible CPU.
case_debug_memory_figures() {
	n=$(awk -F- '{ print $NF + 1 }' /sys/devices/system/cpu/possible)
	page=$(getconf PAGESIZE)
	run_sonde -d -M 100 --ring-size=4 'BEGIN { @c[cpu] = count(); @n = count(); m[pid] = 1;
		printf("%d\n", 1); exit(); }'
	expect_status 0
	expect_err "^sonde: debug: map @c: $n x \\(8 \\+ 8 x $n\\) = $((n * (8 + 8 * n))) bytes\$"
	expect_err "^sonde: debug: map @n: 1 x \\(4 \\+ 8 x $n\\) = $((4 + 8 * n)) bytes\$"
	expect_err "^sonde: debug: map m: 100 x \\(8 \\+ 8 x 1\\) = 1600 bytes\$"
	total=$(sed -n 's/^sonde: debug: .* = \([0-9]*\) bytes$/\1/p' err | awk '{ n += $1 } END { print n }')
	expect_err "^sonde: debug: $total bytes in all\$"
	needs_ring_buffer
	expect_err "^sonde: debug: ring buffer: 4 x \\(0 \\+ $page x 1\\) = $((4 * page)) bytes\$"
	run_sonde -d --perf-buffer 'BEGIN { printf("%d\n", 1); exit(); }'
	online=$(getconf _NPROCESSORS_ONLN)
	expect_err "^sonde: debug: perf rings: 16 x \\(0 \\+ $page x $online\\) = $((16 * page * online)) bytes\$"
}
