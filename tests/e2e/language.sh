# SPDX-License-Identifier: GPL-2.0
# The whole ply language on this kernel: aggregations, intervals,
# profiling, memory access, exact counts, and output for serial consoles.

case_quantize_read_sizes() {
	run_sonde -c 'dd if=/dev/zero of=/dev/null bs=10240 count=10 2>/dev/null' \
		'tracepoint:syscalls/sys_exit_read / comm == "dd" / { @["rdsz"] = quantize(data->ret); }'
	expect_status 0
	expect_out '^rdsz:$'
	expect_out '^ *\[8k, 16k\) +10 \|@+ *\|$'
	# Not a terminal: plain ASCII, nothing a serial console cannot show.
	LC_ALL=C grep -q '[^ -~]' out && fail "non-ASCII output to a pipe. $(show)"
	return 0
}

case_quantize_negative_and_time_units() {
	run_sonde 'BEGIN { @n = quantize(-5); @n = quantize(0); @n = quantize(1);
			   @n = quantize(3); @t = quantize(time - (time - 2500)); }'
	expect_out '^ +< 0 +1 \|'
	expect_out '^ +0 +1 \|'
	expect_out '^ +1 +1 \|'
	expect_out '^ +\[2, 4\) +1 \|'
	expect_out '^ +\[2.05us, 4.10us\) +1 \|'
}

case_lhist_min_max_avg() {
	run_sonde 'BEGIN { @l = lhist(5, 0, 10, 5); @l = lhist(12, 0, 10, 5); @l = lhist(-1, 0, 10, 5);
			   @min = min(7); @min = min(-3); @max = max(7); @max = max(-3);
			   @avg = avg(10); @avg = avg(20); }'
	expect_out '^ +< 0 +1 \|'
	expect_out '^ +\[0, 5\) +0 \|'
	expect_out '^ +\[5, 10\) +1 \|'
	expect_out '^ +>= 10 +1 \|'
	expect_out '^@min: -3$'
	expect_out '^@max: 7$'
	expect_out '^@avg: 15$'
}

case_interval_prints_map() {
	run_sonde -c 'for i in 1 2 3; do dd if=/dev/zero of=/dev/null count=10 2>/dev/null; sleep 1; done' \
		'tracepoint:syscalls/sys_enter_read { @[comm] = count(); }
		 interval:1 { print(@); clear(@); }'
	expect_status 0
	[ "$(count_out '^@:$')" -ge 3 ] || fail "the map was printed fewer than 3 times. $(show)"
}

case_interval_before_tracepoint() {
	# ply's interval never fires when listed after a tracepoint; order must not matter.
	run_sonde -c 'sleep 1.3' 'interval:200ms { @ticks = count(); }
		 tracepoint:sched/sched_process_exit { @exits = count(); }'
	expect_out '^@ticks: [5-7]$'
}

case_interval_units() {
	run_sonde -c 'sleep 1' 'i:100ms { @ = count(); }'
	expect_out '^@: (9|10|11)$'
	run_sonde -e 'i:2m { } i:500us { } i:1000000ns { } i:3 { } i:3s { }'
	expect_status 0
	run_sonde -e 'i:3h { }'
	expect_status 1
	expect_err "unknown unit 'h'"
}

case_profile_exits() {
	run_sonde 'BEGIN { c["n"] = 0; } profile:0:100hz { if (c["n"] == 100) exit(0); else c["n"] = c["n"] + 1; }'
	expect_status 0
	expect_out '^c:$'
	expect_out '^n: 100$'
}

case_profile_all_cpus() {
	command -v taskset >/dev/null || skip "needs taskset (util-linux)"
	# Keep every CPU busy: an idle CPU may not be sampled at all.
	cmd=
	cpu=0
	while [ $cpu -lt "$(nproc)" ]; do
		cmd="$cmd taskset -c $cpu $WORKLOAD getppid 3000000 &"
		cpu=$((cpu + 1))
	done
	run_sonde -c "$cmd wait" 'profile:50hz { @[cpu] = count(); }'
	expect_status 0
	[ "$(sed -n '/^@:$/,/^$/p' out | grep -c '^[0-9]*: ')" -eq "$(nproc)" ] ||
		fail "not every CPU sampled. $(show)"
}

case_profile_errors() {
	run_sonde -e 'profile:9999:10hz { }'
	expect_status 1
	expect_err 'there is no online CPU 9999'
	run_sonde -e 'profile:0hz { }'
	expect_status 1
	expect_err 'positive number of hertz'
}

case_user_string_uptr() {
	run_sonde -c 'cat /etc/hostname >/dev/null' \
		'tracepoint:syscalls/sys_enter_openat / comm == "cat" / { print(str(uptr(data->filename))); }'
	expect_status 0
	expect_out '^/etc/hostname$'
}

case_exact_counts() {
	[ "$(nproc)" -ge 2 ] || skip "needs two CPUs"
	command -v taskset >/dev/null || skip "needs taskset (util-linux)"
	run_sonde -c "taskset -c 0 $WORKLOAD getppid 1000000 & taskset -c 1 $WORKLOAD getppid 1000000 & wait" \
		'tracepoint:syscalls/sys_enter_getppid / comm == "getppid-loop" / { @ = count(); @by[comm] = count(); }'
	expect_status 0
	expect_out '^@: 2000000$'
	expect_out '^getppid-loop: 2000000$'
	run_sonde -e -S 'tracepoint:syscalls/sys_enter_getppid { @ = count(); }'
	grep -q 'lock' out && fail "an atomic instruction was emitted. $(show)"
	return 0
}

case_command_exits_promptly() {
	# A printf on every event of a busy tracepoint, 20 times: every run ends.
	i=0
	while [ $i -lt 20 ]; do
		timeout 20 "$SONDE" -k -c 'dd if=/dev/zero of=/dev/null bs=1 count=5000 2>/dev/null' \
			'tracepoint:raw_syscalls/sys_enter { printf("%d %s\n", pid, comm); }' >/dev/null 2>err
		status=$?
		[ $status -eq 124 ] && fail "run $i did not stop within 20 s"
		[ $status -eq 0 ] || fail "run $i: exit status $status: $(cat err)"
		i=$((i + 1))
	done
}

case_stack_symbolized() {
	run_sonde -c 'sleep 0.1' 'tracepoint:sched/sched_process_exit / comm == "sleep" / { @[stack] = count(); }'
	expect_status 0
	expect_out '^	do_exit\+0x[0-9a-f]+$'
	expect_out '^\]: 1$'
	ls -a "$HOME" /tmp /var/tmp 2>/dev/null | grep -qi 'kallsyms\|sonde.*cache' &&
		fail "a symbol cache was written"
	return 0
}

case_time_and_walltime() {
	run_sonde 'BEGIN { printf("%v|%v|%v\n", walltime, time, time - (time - 1500)); }'
	# (the two reads of time are a few nanoseconds apart)
	expect_out '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{9}Z\|[0-9]+\.[0-9]{9}s\|1\.[0-9]{3}us$'
	# the date is today's, in UTC
	grep -q "^$(date -u +%Y-%m-%dT%H)" out || fail "walltime is not the current UTC time. $(show)"
}

case_mem_dump() {
	run_sonde -c 'cat /etc/hostname >/dev/null' \
		'tracepoint:syscalls/sys_enter_openat / comm == "cat" / { print(mem(data->filename, 14)); }'
	expect_status 0
	# "/etc/hostname" and its NUL, in hex
	expect_out '^2f 65 74 63 2f 68 6f 73 74 6e 61 6d 65 00$'
	run_sonde 'BEGIN { print(mem(uptr(0), 20)); }'
	expect_out '^  0010  00 00 00 00 +\|\.\.\.\.\|$'
}

case_print_and_clear_maps() {
	run_sonde 'BEGIN { a[1] = "x"; a[2] = "y"; @c[comm] = count(); print(a, @c); clear(a);
			   print(a); }'
	expect_status 0
	[ "$(tr '\n' '|' <out)" = "a:|1: x|2: y||@c:|sonde: 1||a:||@c:|sonde: 1||" ] ||
		fail "unexpected output. $(show)"
}

case_plain_maps_of_any_type() {
	run_sonde -c '/bin/true' 'tracepoint:sched/sched_process_exec
		{ names[pid] = comm; files[comm] = dyn(data->filename); pairs[1] = pid; }
		END { print(files["true"]); }'
	expect_status 0
	expect_out '^/bin/true$'
	expect_out '^names:$'
	expect_out '^[0-9]+: true$'
}

case_beyond_ply() {
	run_sonde 'BEGIN { m["a"] = 1; m["a"] += 4; m["a"]--; m["b"] -= 2; m["b"]++;
			   printf("%d %d %s %d %d\n", m["a"], m["b"], 3 > 2 ? "yes" : "no",
				  comm == "sonde" ? tid == kpid : -1, "ab" != "ab"); }'
	expect_out '^4 -1 yes 1 0$'
}

case_self_test() {
	run_sonde -T
	expect_status 0
	expect_out '^ok   tracepoints'
	expect_out '^ok   perf software events'
	expect_out '^(ok|--)   kprobe PMU'
	expect_out '^(ok|--)   kprobe_multi'
	SONDE_NO_MULTI=1 run_sonde -T
	expect_out '^--   kprobe_multi'
}

case_unicode_on_utf8_terminal() {
	command -v script >/dev/null || skip "needs script (bsdutils)"
	LC_ALL=C.UTF-8 script -qec "$SONDE 'BEGIN { @ = quantize(5); }'" /dev/null >out 2>err
	status=$?
	expect_status 0
	grep -q '█' out || fail "no block characters on a UTF-8 terminal. $(show)"
}

# Literals are compared in words: comm's zeroed tail, a tracepoint's char
# array, a prefix and a longer string must all come out right.
case_string_literal_words() {
	own_true
	run_sonde -c './own-true; ./own-true' 'tracepoint:sched/sched_process_exit {
		if (comm == "own-true") @["comm"] = count();
		if (data->comm == "own-true") @["field"] = count();
		if (comm == "own-tru" || data->comm == "own-tru") @["prefix"] = count();
		if (data->comm == "own-true-longer") @["longer"] = count();
		if (comm != "own-true" && data->comm == "own-true") @["mismatch"] = count();
	}'
	expect_status 0
	expect_out '^comm: 2$'
	expect_out '^field: 2$'
	grep -Eq '^(prefix|longer|mismatch):' out && fail "a literal matched what it should not. $(show)"
	return 0
}

case_logical_xor_and_folding_wraps() {
	# ^^ of values known only at run time, and constants folded as eBPF
	# computes them: INT64_MIN / -1 wraps, INT64_MIN % -1 is 0.
	run_sonde 'BEGIN { v[0] = 0; v[1] = 1; v[2] = 5;
		printf("%d %d %d %d\n", v[0] ^^ v[1], v[1] ^^ v[2], v[0] ^^ v[0], v[2] ^^ v[0]);
		printf("%d %d %d\n", (-9223372036854775807 - 1) / -1,
		       (-9223372036854775807 - 1) % -1, -7 / 2 + -7 % 3);
		clear(v); }'
	expect_status 0
	expect_out_exact '1 0 0 1
-9223372036854775808 0 -4'
}

case_quantize_top_buckets() {
	# 2^63 and up: the top bucket's lower bound is no signed 64-bit number.
	run_sonde 'BEGIN { @ = quantize(0xffffffffffffffff); @ = quantize(0x8000000000000000);
			   @n = quantize(0x4000000000000000); }'
	expect_status 0
	expect_out '^ +\[8E, 16E\) +2 \|@+\|$'
	expect_out '^ +\[4E, 8E\) +1 \|@+\|$'
}
