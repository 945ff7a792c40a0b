# SPDX-License-Identifier: GPL-2.0
# bpftrace's spellings on this kernel: the aliases, the map functions,
# the task built-ins, and the bugs a bpftrace user met first.

case_hist_and_stats() {
	run_sonde 'BEGIN { @h = hist(3); @h = hist(3); @s = stats(10); @s = stats(20); @s = stats(-3);
			   exit(); }'
	expect_status 0
	expect_out '^ +\[2, 4\) +2 \|'
	expect_out '^@s: count 3, average 9, total 27$'
}

case_args_both_spellings() {
	run_sonde -c 'dd if=/dev/zero of=/dev/null bs=333 count=4 2>/dev/null' \
		'tracepoint:syscalls:sys_enter_read / comm == "dd" / { @n[args->count] = count(); @f[args.count, args.fd] = count(); }'
	expect_status 0
	expect_out '^333: +4$'
	expect_out '^\{ 333, 0 \}: +4$'
}

case_args_data_loc_is_a_string() {
	run_sonde -c /bin/true 't:sched:sched_process_exec { printf("[%s] [%s] [%s]\n", args.filename,
		str(args->filename), str(args.filename, 5)); }'
	expect_status 0
	# str(p, N) keeps ply's meaning: N bytes with the NUL, N - 1 characters.
	expect_out '^\[/bin/true\] \[/bin/true\] \[/bin\]$'
}

case_probe_names_its_probe() {
	run_sonde -c "$WORKLOAD getppid 20" \
		'tracepoint:syscalls:sys_enter_getppid,tracepoint:syscalls:sys_exit_getppid
		 / comm == "getppid-loop" / { @[probe] = count(); }'
	expect_out '^tracepoint:syscalls:sys_enter_getppid: +20$'
	expect_out '^tracepoint:syscalls:sys_exit_getppid: +20$'
}

case_exit_without_status() {
	run_sonde 'BEGIN { @x = 1; exit(); }'
	expect_status 0
	expect_out '^@x: 1$'
}

case_timer_spellings() {
	run_sonde -c 'sleep 1' 'interval:ms:100 { @ticks = count(); } profile:hz:99 { @samples = count(); }'
	expect_status 0
	expect_out '^@ticks: (9|10|11)$'
	expect_out '^@samples: [0-9]+$'
	run_sonde -e 'interval:s:1 { } interval:us:500 { } interval:hz:10 { } profile:ms:10 { } profile:us:500 { }'
	expect_status 0
	run_sonde -e 'interval:h:1 { }'
	expect_status 1
	expect_err "unknown unit 'h'"
}

case_print_top_and_one_value() {
	run_sonde 'BEGIN { @[1] = sum(5); @[2] = sum(50); @[3] = sum(500); @[4] = sum(1);
			   print(@, 2); print(@[2]); clear(@); exit(); }'
	expect_status 0
	[ "$(sed -n '1,4p' out | tr '\n' ' ')" = "@: 2: 50 3: 500  " ] ||
		fail "print(@, 2) did not print the two largest alone. $(show)"
	expect_out '^50$'
}

case_map_functions() {
	run_sonde 'BEGIN { @m[1] = 10; @m[2] = 20; @c[1] = count(); @c[2] = count();
			   printf("%d %d\n", has_key(@m, 1), has_key(@m, 3)); delete(@m[1]);
			   printf("%d\n", has_key(@m, 1)); zero(@c); exit(); }
		 END { printf("after\n"); }'
	expect_status 0
	expect_out '^1 0$'
	expect_out '^0$'
	# zero() keeps the keys, with their values back to 0.
	expect_out '^1: 0$'
	expect_out '^2: 0$'
	grep -q '^1: 10$' out && fail "delete(@m[1]) left the key. $(show)"
	return 0
}

case_aggregation_read_in_predicate() {
	# Read in a probe, the count is shared by the CPUs and exact: it is
	# 500 exactly once.
	run_sonde -c "$WORKLOAD getppid 1000" \
		'tracepoint:syscalls:sys_enter_getppid / comm == "getppid-loop" / {
			@c[comm] = count(); @s = sum(3); @a = avg(-4);
			if (@c[comm] == 500) { printf("half: %d %d %d\n", @c[comm], @s, @a); } }'
	expect_status 0
	[ "$(count_out '^half: ')" -eq 1 ] || fail "the count was not 500 exactly once. $(show)"
	expect_out '^half: 500 1500 -4$'
	expect_out '^getppid-loop: 1000$'
	expect_out '^@s: 3000$'
}

case_elapsed_and_nsecs() {
	run_sonde 'interval:ms:300 { printf("%d %d\n", elapsed / 100000000, nsecs > elapsed); exit(); }'
	expect_status 0
	expect_out '^[3-9] 1$'
}

case_task_helpers() {
	run_sonde -c "$WORKLOAD getppid 1" \
		'tracepoint:syscalls:sys_enter_getppid / comm == "getppid-loop" / {
			printf("cgroup %d numa %d task %d\n", cgroup, numaid, curtask != 0);
			@r[rand % 2] = count(); @j = max(jiffies); }'
	expect_status 0
	expect_out ' task 1$'
	node=$(sed -n 's/.* numa \([0-9]*\) .*/\1/p' out)
	nodes=$(ls -d /sys/devices/system/node/node[0-9]* 2>/dev/null | wc -l)
	[ "$nodes" -eq 0 ] || [ "$node" -lt "$nodes" ] || fail "numaid $node, with $nodes nodes. $(show)"
	path=$(sed -n 's/^0:://p' /proc/self/cgroup)
	if [ -n "$path" ] && [ -d "/sys/fs/cgroup$path" ]; then
		# The workload is sonde's child, in this shell's cgroup: its id is the inode.
		expect_out "^cgroup $(stat -c %i "/sys/fs/cgroup$path") "
	fi
	return 0
}

case_signal_kills_the_task() {
	run_sonde -c "$WORKLOAD getppid 100000000" \
		'tracepoint:syscalls:sys_enter_getppid / comm == "getppid-loop" / { @ = count(); signal("KILL"); }'
	expect_status 0
	# Killed at its first call, before it could make another.
	expect_out '^@: 1$'
}

case_kernel_symbols() {
	run_sonde 'BEGIN { printf("%s %s\n", ksym(kaddr("vfs_read")), ksym(kaddr("vfs_write"))); exit(); }'
	expect_status 0
	expect_out '^vfs_read vfs_write$'
}

case_sizeof_and_ctx() {
	run_sonde -c "$WORKLOAD getppid 1" 'tracepoint:syscalls:sys_enter_getppid / comm == "getppid-loop" / {
		$t = (1, comm); printf("%d %d %d %d\n", sizeof(u16), sizeof(comm), sizeof($t), ctx != 0); }'
	expect_out '^2 16 24 1$'
}

case_pid_filter_keeps_timers() {
	# -p watches one process; the interval still fires and ends the trace.
	sleep 30 &
	pid=$!
	run_sonde -p $pid 'tracepoint:syscalls:sys_enter_getppid { @ = count(); } interval:ms:200 { exit(); }'
	kill $pid
	expect_status 0
}

case_ply_maps_keep_bpftrace_names() {
	# A ply script may name a map after a bpftrace built-in: the map wins.
	run_sonde 'BEGIN { probe[1] = 5; args[2] = 6; nsecs[3] = 7;
			   printf("%d %d %d\n", probe[1], args[2], nsecs[3]); exit(0); }'
	expect_status 0
	expect_out '^5 6 7$'
}

case_increment_infers_integer() {
	run_sonde 'BEGIN { n["t"] = n["t"] + 1; n["t"] += 2; printf("%d\n", n["t"]); exit(0); }'
	expect_status 0
	expect_out '^3$'
	# With nothing but the arithmetic to say what the value is.
	run_sonde -c "$WORKLOAD getppid 5" 'tracepoint:syscalls/sys_enter_getppid / pid == cpid / {
			n[comm] = n[comm] + 1; @twice[comm] = 2 * @twice[comm] + 1; }'
	expect_status 0
	expect_out '^getppid-loop: 5$'
	expect_out '^getppid-loop: 31$'
}

case_ntop_of_loopback_connections() {
	run_sonde -c "$WORKLOAD tcp4" 't:sock:inet_sock_set_state / comm == "workload" / {
		@[ntop(args.saddr), ntop(2, args.daddr)] = count(); @raw[args.saddr] = count(); }'
	expect_status 0
	expect_out '^\{ 127\.0\.0\.1, 127\.0\.0\.1 \}: +[0-9]+$'
	# ply's arrays of numbers, as numbers
	expect_out '^\[127, 0, 0, 1\]: +[0-9]+$'
	run_sonde -c "$WORKLOAD tcp6" 't:sock:inet_sock_set_state / comm == "workload" / {
		@[ntop(args.saddr_v6), ntop(args.family, args.daddr_v6)] = count(); }'
	expect_out '^\{ ::1, ::1 \}: +[0-9]+$'
}

case_strftime_and_buf() {
	run_sonde 'BEGIN { printf("%s|%s|%s\n", strftime("%Y-%m-%d %H:%M", nsecs), strftime("%j%%", nsecs),
			   buf("a\x01\\b", 4)); exit(); }'
	expect_status 0
	expect_out "^$(date -u +%Y-%m-%d) [0-9][0-9]:[0-9][0-9]\|$(date -u +%j)%\|a\\\\x01\\\\x5cb$"
}

case_join_prints_argv() {
	run_sonde -c '/bin/echo one "two three" four' \
		't:syscalls:sys_enter_execve { join(args.argv); join(args->argv, ","); }'
	expect_status 0
	expect_out '^/bin/echo one two three four$'
	expect_out '^/bin/echo,one,two three,four$'
}

case_system_needs_unsafe() {
	run_sonde 'BEGIN { system("echo %d", 1); }'
	expect_status 1
	expect_err 'system\(\) runs commands: it needs --unsafe'
	run_sonde --unsafe 'BEGIN { printf("before\n"); system("echo ran %d", 42); printf("after\n"); exit(); }'
	expect_status 0
	[ "$(tr '\n' ' ' <out)" = "before ran 42 after " ] || fail "system() output out of order. $(show)"
}
