# SPDX-License-Identifier: GPL-2.0
# The runtime attacked: commands that cannot run or will not stop, outputs
# that fail, full maps, traced processes that exit, kernel calls that fail.
# Each of these once crashed, hung or lost data silently.

case_command_not_found() {
	run_sonde -c /nonexistent/cmd 'BEGIN { printf("ran\n"); }'
	expect_status 1
	expect_err '^sonde: error: cannot run /nonexistent/cmd: No such file or directory$'
	grep -q ran out && fail "BEGIN ran although the command cannot. $(show)"
	run_sonde -c nosuchcommand 'tracepoint:sched/sched_process_exit { @ = count(); }'
	expect_status 1
	expect_err 'cannot run nosuchcommand: it is neither a program on \$PATH nor a shell command'
}

case_command_shell_builtin() {
	# exit is the shell's: it runs under sh -c.
	run_sonde -q -c 'exit 3' 'tracepoint:sched/sched_process_exit { @ = count(); }'
	expect_status 0
	expect_no_err
}

case_command_setup_not_traced() {
	# The command is forked before the probes attach: sonde's own forks are not traced.
	run_sonde -c true 'tracepoint:sched/sched_process_fork { printf("%s\n", comm); }'
	expect_status 0
	grep -qx sonde out && fail "sonde's fork was traced. $(show)"
	return 0
}

# stubborn NAME: a command that ignores SIGTERM, named so that only it is found.
stubborn() {
	cp /bin/sleep "$1"
	echo "trap '' TERM; ./$1 31"
}

# alive NAME: whether a process of that name runs (zombies are dead).
alive() {
	ps -eo stat=,comm= | awk -v name="$1" '$1 !~ /^Z/ && $2 == name { found = 1 }
		END { exit !found }'
}

case_command_ignoring_sigterm_is_killed() {
	cmd=$(stubborn stubborn-sleep)
	timeout 20 "$SONDE" -c "$cmd" 'tracepoint:sched/sched_process_exit { @ = count(); }' \
		>out 2>err &
	pid=$!
	sleep 1
	started=$(date +%s)
	kill -INT $pid
	wait $pid
	status=$?
	expect_status 0
	[ $(($(date +%s) - started)) -le 5 ] || fail "sonde took over 5 s to stop. $(show)"
	sleep 0.2
	! alive stubborn-sleep || fail "the command outlived sonde"
}

case_second_signal_ends_at_once() {
	cmd=$(stubborn stubborn-sleep2)
	timeout 20 "$SONDE" -c "$cmd" 'tracepoint:sched/sched_process_exit { @ = count(); }' \
		>out 2>err &
	pid=$!
	sleep 1
	kill -INT $pid
	sleep 0.3
	kill -TERM $pid
	sleep 0.7
	kill -0 $pid 2>/dev/null && fail "sonde still runs a second after a second signal"
	wait $pid
	status=$?
	expect_status 0
	! alive stubborn-sleep2 || fail "the command outlived sonde"
}

case_output_write_errors() {
	run_sonde -c true 'tracepoint:sched/sched_process_exit { printf("exit\n"); }' >/dev/full
	timeout 60 "$SONDE" 'BEGIN { printf("x\n"); }' >/dev/full 2>err
	status=$?
	expect_status 1
	expect_err '^sonde: error: cannot write the output: No space left on device$'
	# A reader that goes away is a quiet end.
	status=$( { timeout 60 "$SONDE" -q -c 'seq 1000' \
		'tracepoint:sched/sched_process_exit { printf("exit %d\n", pid); }' 2>err
		echo $? >status; } | head -n 1 >out; cat status)
	expect_status 0
	expect_no_err
}

case_pid_that_exits_stops_sonde() {
	sleep 1 &
	target=$!
	run_sonde -p $target 'tracepoint:sched/sched_process_exit { @ = count(); }'
	expect_status 0
	expect_err "^sonde: note: process $target has exited; stopping$"
}

case_many_probes_on_one_tracepoint() {
	i=0
	: >many.ply
	while [ $i -lt 70 ]; do
		echo "tracepoint:sched/sched_process_exit { @c$i = count(); }" >>many.ply
		i=$((i + 1))
	done
	run_sonde -c true many.ply
	expect_status 1
	expect_err 'cannot attach the program: Argument list too long$'
	expect_err 'the kernel runs at most 64 programs on one tracepoint, and this script has 70 on sched/sched_process_exit'
}

case_full_map_counts_what_it_drops() {
	own_true
	run_sonde -M 8 -c 'for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do ./own-true; done' \
		'tracepoint:sched/sched_process_exec { @[pid] = count(); }'
	expect_status 0
	[ "$(count_out ': 1$')" -eq 8 ] || fail "not 8 elements. $(show)"
	expect_err "^sonde: warning: map '@' was full: it dropped [0-9]+ updates of new keys; raise -M \(8 now\)"
	# With --lru it keeps the last ones.
	run_sonde -q --lru -M 8 -c 'for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do ./own-true; done' \
		'tracepoint:sched/sched_process_exec / comm == "own-true" / { @[pid] = count(); }'
	expect_status 0
	expect_no_err
	[ "$(count_out ': 1$')" -ge 6 ] || fail "--lru kept fewer than 6 of the last execs. $(show)"
}

# objects_gone BEFORE: whether sonde's BPF objects are back to BEFORE. The
# kernel frees a program's maps an RCU grace period after the program:
# they may linger a moment after sonde has exited.
objects_gone() {
	tries=0
	while [ "$("$builddir/tests/bpf-objects")" != "$1" ]; do
		tries=$((tries + 1))
		[ $tries -le 20 ] || return 1
		sleep 0.1
	done
}

# inject KIND: fails each bpf() or perf_event_open() call in turn. Every
# run either does all its work or says what failed, exits 1 and never
# starts the -c command; none leaves anything behind.
inject() {
	[ -f "$builddir/tests/fault.so" ] || skip "no tests/fault.so"
	file "$SONDE" | grep -q 'dynamically linked' || skip "sonde is static: LD_PRELOAD cannot reach it"
	# The objects of earlier cases may still be on their way out.
	before="programs 0 maps 0"
	objects_gone "$before" || skip "other sondes run here: $("$builddir/tests/bpf-objects")"
	n=1
	while [ $n -lt 200 ]; do
		rm -f injected ran
		SONDE_FAULT=$1:$n SONDE_FAULT_LOG=$PWD/injected SONDE_NO_PMU=1 \
			LD_PRELOAD=$builddir/tests/fault.so ASAN_OPTIONS=verify_asan_link_order=0 \
			timeout 60 "$SONDE" -c "touch ran; exec $UPROBE_TARGET calls" \
			"uprobe:$UPROBE_TARGET:sonde_target { @u = count(); }
			 tracepoint:sched/sched_process_exit { printf(\"exit\n\"); }
			 interval:100ms { @[cpu] = count(); }" >out 2>err
		status=$?
		[ -f injected ] || break
		[ $status -ne 124 ] || fail "$1 call $n made sonde hang. $(show)"
		if [ $status -eq 0 ]; then
			expect_out '^@u: 5$'
		else
			expect_status 1
			expect_err '^sonde: error: '
			grep -q '^sonde: error: cannot read' err || [ ! -e ran ] ||
				fail "$1 call $n failed, yet the command ran. $(show)"
		fi
		! grep -q sonde_ /sys/kernel/tracing/uprobe_events 2>/dev/null ||
			fail "$1 call $n left $(grep sonde_ /sys/kernel/tracing/uprobe_events)"
		objects_gone "$before" ||
			fail "$1 call $n left BPF objects: $("$builddir/tests/bpf-objects"), before $before"
		n=$((n + 1))
	done
	[ $n -gt 3 ] || fail "only $((n - 1)) $1 calls were made"
}

case_every_bpf_call_failing() {
	inject bpf
}

case_every_perf_event_open_failing() {
	inject perf
}

case_sigkill_leaves_probes_that_are_removed() {
	[ -w /sys/kernel/tracing/uprobe_events ] || skip "no uprobe_events"
	SONDE_NO_PMU=1 "$SONDE" -c "sleep 30" \
		"uprobe:$UPROBE_TARGET:sonde_target { @ = count(); }" >out 2>err &
	pid=$!
	tries=0
	until grep -q "sonde_$pid/" /sys/kernel/tracing/uprobe_events; do
		tries=$((tries + 1))
		[ $tries -lt 50 ] || fail "sonde never added its uprobe. $(cat err)"
		sleep 0.1
	done
	kill -KILL $pid
	wait $pid
	grep -q "sonde_$pid/" /sys/kernel/tracing/uprobe_events || fail "nothing was left to remove"
	timeout 60 "$SONDE" -T >out 2>err
	grep -q "sonde_$pid/" /sys/kernel/tracing/uprobe_events && fail "sonde -T left $(cat /sys/kernel/tracing/uprobe_events)"
	expect_out '^     removed 1 probe that a killed sonde left in tracefs$'
}
