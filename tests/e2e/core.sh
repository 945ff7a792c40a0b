# SPDX-License-Identifier: GPL-2.0
# The core: scripts compiled, loaded into the real verifier, attached to
# real tracepoints, fired by real workloads, their output checked.

case_exit_code_from_tracepoint() {
	run_sonde -c true 'tracepoint:sched/sched_process_exit { exit(42); }'
	expect_status 42
}

case_if_else() {
	run_sonde -c true 'tracepoint:sched/sched_process_exit { if (pid > 1) exit(0); else exit(1); }'
	expect_status 0
	run_sonde -c true 'tracepoint:sched/sched_process_exit { if (pid < 1) exit(0); else exit(7); }'
	expect_status 7
}

case_print_string() {
	run_sonde -c true 'tracepoint:sched/sched_process_exit { print("test"); exit(0); }'
	expect_status 0
	expect_out_exact test
}

case_begin_end_printf() {
	run_sonde 'BEGIN { printf("hello from %s, %d+%d=%d\n", "BEGIN", 2, 3, 2 + 3); }
		   END { printf("bye\n"); }'
	expect_status 0
	expect_out_exact "hello from BEGIN, 2+3=5
bye"
}

case_count_exec_by_comm() {
	own_true
	run_sonde -c './own-true; ./own-true; ./own-true' \
		'tracepoint:sched/sched_process_exec { @[comm] = count(); }'
	expect_status 0
	expect_out '^@:$'
	expect_out '^own-true: 3$'
}

case_dyn_filename() {
	run_sonde -c 'for i in 1 2 3 4 5; do /bin/uname >/dev/null; done' \
		'tracepoint:sched/sched_process_exec { @[dyn(data->filename)] = count(); }'
	expect_status 0
	expect_out '^/bin/uname: 5$'
}

case_script_file_with_comments() {
	own_true
	cat >script.ply <<-'EOF'
	#!/usr/sbin/sonde
	# Count the programs the -c command starts.
	tracepoint:sched/sched_process_exec   // any exec
	{
		/* by the name of the new program */
		@execs[comm] = count();
	}
	EOF
	run_sonde -c './own-true; ./own-true' script.ply
	expect_status 0
	expect_out '^@execs:$'
	expect_out '^own-true: 2$'
}

case_executable_script() {
	printf '#!%s\nBEGIN { printf("ran as a script\\n"); }\n' "$SONDE" >exe.ply
	chmod +x exe.ply
	timeout 30 ./exe.ply >out 2>err
	status=$?
	expect_status 0
	expect_out_exact "ran as a script"
}

case_syntax_error() {
	run_sonde -c 'touch child-ran' 'tracepoint:sched/sched_process_exec
{
	@[comm] = count()
	printf("x\n");
}'
	expect_status 1
	expect_err "^<program>:3:19: error: expected ';' after assignment, before 'printf'\$"
	expect_err '^     3 \| 	@\[comm\] = count\(\)$'
	[ ! -e child-ran ] || fail "the -c command ran although compiling failed"
}

case_unknown_tracepoint() {
	run_sonde 'tracepoint:sched/sched_no_such_thing { @ = count(); }'
	expect_status 1
	expect_err "unknown tracepoint 'sched/sched_no_such_thing'"
}

case_sigint_prints_maps() {
	own_true
	# The command interrupts sonde once everything is attached.
	run_sonde -c "./own-true; kill -INT $sonde_pid; sleep 10.01" \
		'tracepoint:sched/sched_process_exec { @[comm] = count(); }'
	expect_status 0
	expect_out '^own-true: 1$'
	pgrep -f 'sleep 10.01' >/dev/null && fail "the -c command was left running"
	return 0
}

case_sigterm_prints_maps() {
	own_true
	run_sonde -c "./own-true; kill -TERM $sonde_pid; sleep 10" \
		'tracepoint:sched/sched_process_exec { @[comm] = count(); }'
	expect_status 0
	expect_out '^own-true: 1$'
}

case_predicate_and_tuple_keys() {
	run_sonde -c 'dd if=/dev/zero of=/dev/null bs=10240 count=10 2>/dev/null' \
		'tracepoint:syscalls/sys_exit_read / comm == "dd" && data->ret == 10240 /
		{
			@[comm, data->ret] = count();
			@bytes = sum(data->ret);
		}'
	expect_status 0
	expect_out '^\{ dd, 10240 \}: 10$'
	expect_out '^@bytes: 102400$'
}

case_printf_widths() {
	run_sonde 'BEGIN { printf("[%5d|%-5d|%05d|%x|%X|%o|%c|%%|%-6s|%6s]\n", 42, 42, 42, 255, 255, 8, 65, "ab", "cd"); }'
	expect_status 0
	expect_out_exact '[   42|42   |00042|ff|FF|10|A|%|ab    |    cd]'
}

case_print_values() {
	run_sonde 'BEGIN { print("a", -5, 18446744073709551615); }'
	expect_out_exact 'a, -5, 18446744073709551615'
}

case_arithmetic() {
	run_sonde 'BEGIN
	{
		v[0] = -7;
		v[1] = v[0] / 2 + v[0] % 3 - (1 << 4) * 3 + (0xff & ~0x0f) - (v[0] >> 1);
		v[2] = 0b1010_1010 ^ 0777 | 1_000;
		v[3] = v[0] * -3 / -2;
		printf("%d %d %d %d\n", v[0], v[1], v[2], v[3]);
	}'
	# C semantics: -7 / 2 == -3, -7 % 3 == -1, -7 >> 1 == -4, 21 / -2 == -10
	expect_out '^-7 192 1021 -10$'
	# The plain map is printed at the end too, sorted by value.
	expect_out '^v:$'
	[ "$(sed -n '/^v:$/,/^$/p' out | tr '\n' ' ')" = "v: 3: -10 0: -7 1: 192 2: 1021  " ] ||
		fail "map v not printed as expected. $(show)"
}

case_map_between_probes() {
	# A plain map carries a value from one probe to another, then is deleted.
	run_sonde -c 'dd if=/dev/zero of=/dev/null bs=1 count=3 2>/dev/null' \
		'tracepoint:syscalls/sys_enter_read / comm == "dd" / { start[kpid] = time; }
		 tracepoint:syscalls/sys_exit_read / start[kpid] /
		 {
			@reads[comm] = count();
			@slow = sum(time - start[kpid] > 1000000000);
			delete start[kpid];
		 }'
	expect_status 0
	expect_out '^dd: [3-9]$'
	expect_out '^@slow: 0$'
}

case_strings_compare() {
	run_sonde 'BEGIN
	{
		printf("%d %d %d %d\n", strcmp("abc", "abd"), strcmp("b", "a"), strcmp("x", "x"),
		       strcmp("ab", "abc"));
		printf("%d %d %d\n", "sh" == "sh", "sh" != "sh", comm == "sonde");
	}'
	expect_out_exact '-1 1 0 -1
1 0 1'
}

case_user_strings() {
	run_sonde -c 'cat /etc/hostname >/dev/null' \
		'tracepoint:syscalls/sys_enter_openat / comm == "cat" / { print(str(data->filename)); }'
	expect_status 0
	expect_out '^/etc/hostname$'
}

case_compound_assignment() {
	run_sonde 'BEGIN { n[0] = 5; n[0] += 10; n[0] -= 3; n[0] *= 2; n[0]++; n[0] <<= 1; n[1]--;
		   printf("%d %d\n", n[0], n[1]); }'
	expect_out '^50 -1$'
}

case_return_ends_probe() {
	run_sonde 'BEGIN { printf("a\n"); if (1) return; printf("b\n"); }'
	expect_out_exact a
}

case_dry_run_and_dump() {
	run_sonde -e 'BEGIN { exit(3); }'
	expect_status 0
	[ ! -s out ] || fail "-e alone printed something. $(show)"
	run_sonde -e -S 'BEGIN { exit(3); }'
	expect_out '^BEGIN: [0-9]+ instructions$'
	expect_out 'call (ringbuf|perf_event)_output'
}

case_help_and_version() {
	run_sonde --help
	expect_status 0
	expect_out '^usage: sonde'
	run_sonde -v
	expect_out '^sonde [0-9]'
	run_sonde -x 'BEGIN {}'
	expect_status 1
	expect_err "unknown option '-x'"
	run_sonde
	expect_status 1
	expect_err 'no program given'
}

case_nothing_left_behind() {
	before=$(ls /proc/self/fd | wc -l)
	run_sonde -c true 'tracepoint:sched/sched_process_exit { @[comm] = count(); }'
	expect_status 0
	# No program or map of a finished sonde may stay loaded.
	if command -v bpftool >/dev/null 2>&1; then
		bpftool prog show 2>/dev/null | grep -q sonde && fail "a program is still loaded"
	fi
	grep -q sonde /sys/kernel/tracing/kprobe_events 2>/dev/null && fail "kprobe_events entry left"
	return 0
}

case_mounts_tracefs() {
	command -v unshare >/dev/null || skip "needs unshare (util-linux)"
	own_true
	# In a private mount namespace with tracefs and debugfs unmounted,
	# sonde must mount tracefs itself.
	unshare --mount --propagation private sh -c '
		for m in /sys/kernel/debug/tracing /sys/kernel/debug /sys/kernel/tracing; do
			umount -l $m 2>/dev/null
		done
		[ -d /sys/kernel/tracing/events ] && exit 99
		timeout 60 "$SONDE" -c ./own-true "tracepoint:sched/sched_process_exec { @[comm] = count(); }"
	' >out 2>err
	status=$?
	[ $status -eq 99 ] && skip "cannot unmount tracefs here"
	expect_status 0
	expect_out '^own-true: 1$'
}

case_deep_expression_spills() {
	# Deeper than the four value registers: the rest spill to the stack.
	run_sonde 'BEGIN { m[1] = 1; m[2] = 2; m[3] = 3; m[4] = 4; m[5] = 5; m[6] = 6;
		printf("%d\n", m[1] + (m[2] * (m[3] + (m[4] - (m[5] + (m[6] * (m[1] + m[2])))))));
	}'
	expect_status 0
	expect_out '^-31$'
}

# sonde is stopped while the loop fills its ring: what is lost comes last,
# where the kernel never reports it, yet sonde counts every record.
case_losses_counted_to_the_last() {
	cmd="s=$sonde_pid; kill -STOP \$s; $WORKLOAD getppid 100000; kill -CONT \$s"
	prog='tracepoint:syscalls/sys_enter_getppid / comm == "getppid-loop" / { printf("%d\n", pid); }'
	run_sonde -c "$cmd" "$prog"
	expect_status 1
	lost=$(sed -n 's/^sonde: error: lost \([0-9]*\) events.*/\1/p' err | awk '{ n += $1 } END { print n + 0 }')
	[ "$lost" -gt 0 ] || fail "no loss reported. $(show)"
	[ $(($(wc -l <out) + lost)) -eq 100000 ] ||
		fail "$(wc -l <out) printed and $lost lost do not make 100000. $(show)"
	run_sonde -k -c "$cmd" "$prog"
	expect_status 0
	expect_err '^sonde: warning: lost [0-9]+ events'
}

# A command of plain words is executed without a shell; one with shell
# syntax still goes through sh.
case_command_without_shell() {
	prog='tracepoint:sched/sched_process_exec { @[comm] = count(); }'
	own_true
	run_sonde -c "./own-true  plain words " "$prog"
	expect_status 0
	expect_out '^own-true: 1$'
	grep -q '^sh: ' out && fail "a shell ran a command of plain words. $(show)"
	run_sonde -c './own-true; ./own-true' "$prog"
	expect_out '^sh: [0-9]+$'
	expect_out '^own-true: 2$'
}
