# SPDX-License-Identifier: GPL-2.0
# bpftrace's variables on this kernel: scratch variables, tuples, casts,
# loops and positional parameters, checked against values known ahead.

case_while_break_continue() {
	run_sonde 'BEGIN { $s = 0; $i = 0;
		while ($i < 100) { $i++; if ($i == 3) { continue; } if ($i > 8) { break; } $s += $i; }
		printf("sum %d last %d\n", $s, $i); exit(0); }'
	expect_status 0
	# 1..8 without 3 is 33; the loop breaks at 9.
	expect_out '^sum 33 last 9$'
}

case_for_and_unroll() {
	run_sonde 'BEGIN { $s = 0; for ($i = 0; $i < 5; $i++) { $s += $i * $i; }
		$n = 0; unroll(7) { $n += 2; }
		printf("squares %d unrolled %d\n", $s, $n); exit(0); }'
	expect_out '^squares 30 unrolled 14$'
}

case_map_loop_and_len() {
	need_release 5.13 "bpf_for_each_map_elem()"
	run_sonde 'BEGIN { @a[1] = 10; @a[2] = 20; @a[3] = 30; @a[4] = 40; $s = 0; $n = 0;
		for ($kv : @a) { if ($kv.0 == 2) { continue; } $s += $kv.1; $n++; }
		$first = 0; for ($kv : @a) { $first++; break; }
		printf("sum %d of %d, len %d, first %d\n", $s, $n, len(@a), $first);
		clear(@a); exit(); }'
	expect_status 0
	expect_out '^sum 80 of 3, len 4, first 1$'
}

case_map_loop_in_event() {
	need_release 5.13 "bpf_for_each_map_elem()"
	# The body prints through the event's context and reads an
	# aggregation, which becomes one copy for all CPUs.
	run_sonde -c "$WORKLOAD getppid 30" \
		'tracepoint:syscalls/sys_enter_getppid / pid == cpid / {
			@seen[comm, args.__syscall_nr > 0] = count();
			for ($kv : @seen) { printf("%s %d\n", $kv.0.0, $kv.1); } }
		END { clear(@seen); }'
	expect_status 0
	[ "$(grep -c '^getppid-loop ' out)" = 30 ] || fail "not 30 lines. $(show)"
	expect_out '^getppid-loop 30$'
}

case_loop_bound_from_event() {
	# A bound the compiler cannot know, the size dd asks read() for, and
	# one the verifier can see.
	run_sonde -c 'dd if=/dev/zero of=/dev/null bs=7 count=3 2>/dev/null' \
		'tracepoint:syscalls/sys_enter_read / comm == "dd" && data->count == 7 / {
			$i = 0; $s = 0; while ($i < data->count && $i < 100) { $i++; $s += $i; }
			@sum = sum($s); }'
	expect_status 0
	# 1+...+7 = 28, three reads.
	expect_out '^@sum: 84$'
}

case_unbounded_loop_blamed() {
	run_sonde -c true 'tracepoint:syscalls/sys_enter_read {
			$i = 0; while ($i < data->count) { $i++; } @n = sum($i); }'
	expect_status 1
	expect_err 'the kernel refused the program'
	expect_err '^<program>:2:12: note: the verifier gave up in this loop'
	expect_err 'while \(\$i < n && \$i < 100\)'
}

case_scratch_is_per_event() {
	# Each event starts with fresh variables: $seen is never 1 on entry.
	run_sonde -c "$WORKLOAD getppid 50" \
		'tracepoint:syscalls/sys_enter_getppid / comm == "getppid-loop" / {
			$seen = $seen_before_unset; @entries[$seen] = count(); $seen = 1; }' 2>/dev/null
	expect_status 1
	expect_err 'seen_before_unset is never assigned'
	run_sonde -c "$WORKLOAD getppid 50" \
		'tracepoint:syscalls/sys_enter_getppid / comm == "getppid-loop" / {
			if (pid > 0) { $v = 5; } else { $v = 6; } @[$v] = count(); }'
	expect_out '^5: +50$'
}

case_branches_assign_for_later() {
	# As older bpftrace scripts do: both branches assign, the value is read after.
	run_sonde -c "$WORKLOAD getppid 20" \
		'tracepoint:syscalls/sys_enter_getppid / comm == "getppid-loop" / {
			if (pid % 2 == 0) { $kind = "even"; } else if (pid % 2 == 1) { $kind = "odd"; }
			else { $kind = "neither"; }
			let $n; if (pid > 0) { $n = 2; } @[$kind] = sum($n); }'
	expect_status 0
	expect_out '^(even|odd): +40$'
}

case_strings_and_tuples() {
	run_sonde 'BEGIN { $s = "hello"; $t = (7, $s, -3); $c = comm;
		printf("%s %d %s %d %s\n", $s, $t.0, $t.1, $t.2, $c); @[$t] = count(); exit(0); }'
	expect_out '^hello 7 hello -3 sonde$'
	expect_out '^\{ 7, hello, -3 \}: 1$'
}

case_casts_truncate() {
	run_sonde 'BEGIN { $big = 0x1234567890; $m = -1;
		printf("%d %d %d %d %d %x\n", (u8)$big, (int8)0xff, (uint16)$m, (s32)0x100000001,
		       (u32)$big, (uint64)(s16)$m); exit(0); }'
	expect_out '^144 -1 65535 1 878082192 ffffffffffffffff$'
}

case_pointer_cast_reads_user_memory() {
	# The workload writes 11, 22, 33, 44 as u32 and passes their address to write().
	run_sonde -c "$WORKLOAD u32s" \
		'tracepoint:syscalls/sys_enter_write / comm == "workload" && data->count == 16 / {
			$p = (u32 *)data->buf; printf("%d %d %d\n", *$p, $p[1], *($p + 3)); }'
	expect_status 0
	expect_out '^11 22 44$'
}

case_positional_parameters_filter() {
	script='tracepoint:syscalls/sys_enter_read / comm == str($2) && data->count == $1 / { @[str($2)] = count(); }'
	run_sonde -c 'dd if=/dev/zero of=/dev/null bs=777 count=5 2>/dev/null' "$script" 777 dd
	expect_status 0
	expect_out '^dd: +5$'
	run_sonde -c 'dd if=/dev/zero of=/dev/null bs=777 count=5 2>/dev/null' "$script" 778 dd
	expect_status 0
	grep -q '^dd:' out && fail "a filter on 778 counted reads of 777. $(show)"
	run_sonde 'BEGIN { printf("%d params\n", $#); exit(0); }' a b c
	expect_out '^3 params$'
	run_sonde 'BEGIN { printf("%d\n", $3); }' a b
	expect_status 1
	expect_err '\$3 is not given: the command line has 2 parameters'
}

case_environment_variables_as_in_ply() {
	export SONDE_E2E_N=41 SONDE_E2E_S=text
	run_sonde 'BEGIN { printf("%d %s\n", $SONDE_E2E_N + 1, $SONDE_E2E_S); exit(0); }'
	expect_out '^42 text$'
}
