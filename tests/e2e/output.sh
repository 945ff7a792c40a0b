# SPDX-License-Identifier: GPL-2.0
# The command line's output options on real probes: -o, -B, -q and the
# attach message, -f json (parsed by python3's json), programs from
# standard input, cpid and $target, and when histograms get Unicode bars.

count_execs='tracepoint:sched/sched_process_exec { @[comm] = count(); printf("exec %s\n", comm); }'

case_output_file() {
	own_true
	echo stale >trace.txt
	run_sonde -o trace.txt -c './own-true; ./own-true' "$count_execs"
	expect_status 0
	[ ! -s out ] || fail "the trace went to stdout too. $(show)"
	[ "$(stat -c %a trace.txt)" = 644 ] || fail "trace.txt is not 0644"
	grep -q stale trace.txt && fail "trace.txt was not truncated"
	[ "$(grep -c '^exec own-true$' trace.txt)" -eq 2 ] || fail "not 2 execs in trace.txt"
	grep -q '^own-true: 2$' trace.txt || fail "the map is not in trace.txt"
	expect_err '^sonde: 1 probe attached, Ctrl-C to stop$'
	run_sonde -o /nonexistent/dir/trace.txt 'BEGIN { }'
	expect_status 1
	expect_err '^sonde: error: cannot open the output file /nonexistent/dir/trace.txt'
}

case_buffering_and_quiet() {
	own_true
	for mode in none line full; do
		run_sonde -q -B $mode -c './own-true' "$count_execs"
		expect_status 0
		expect_no_err
		expect_out '^exec own-true$'
		expect_out '^own-true: 1$'
	done
	run_sonde -u -q -c './own-true' "$count_execs"
	expect_out '^own-true: 1$'
	run_sonde -B sometimes 'BEGIN { }'
	expect_status 1
	[ "$(wc -l <err)" -eq 2 ] || fail "not one message and the hint. $(show)"
	expect_err "^sonde: -B takes none, line or full, not 'sometimes'$"
	run_sonde --bogus 'BEGIN { }'
	[ "$(wc -l <err)" -eq 2 ] || fail "not one message and the hint. $(show)"
}

case_program_from_stdin() {
	printf '%s\n' 'BEGIN { printf("from stdin\n"); }' | (exec timeout 30 "$SONDE" -) >out 2>err
	status=$?
	expect_status 0
	expect_out_exact 'from stdin'
	printf '%s\n' 'BEGIN { printf("%s\n", str($1)); }' | (exec timeout 30 "$SONDE" /dev/stdin word) >out 2>err
	expect_out_exact 'word'
}

case_cpid_and_target() {
	own_true
	run_sonde -q -c ./own-true 'tracepoint:sched/sched_process_exec / pid == cpid /
		{ printf("%s %d\n", comm, pid == $target); }'
	expect_status 0
	expect_out_exact 'own-true 1'
	run_sonde 'BEGIN { printf("%d\n", cpid); }'
	expect_out_exact 0
}

case_json_output() {
	command -v python3 >/dev/null || skip "needs python3"
	run_sonde -q -f json -c "$WORKLOAD getppid 20" \
		'BEGIN { printf("a \"quoted\"\tline\n"); print("x", 3, (1, "y")); }
		 tracepoint:syscalls/sys_enter_getppid / comm == "getppid-loop" / {
			@n = count(); @by[comm, 7] = count(); @h = hist(20); @l = lhist(5, 0, 10, 5);
			@s = stats(4); @t = sum(nsecs - nsecs); }'
	expect_status 0
	python3 - out <<-'PY' || fail "the JSON is not what the text says. $(show)"
	import json, sys
	objs = [json.loads(line) for line in open(sys.argv[1])]
	by = {o.get("name", o["type"]): o for o in objs}
	assert by["printf"] == {"type": "printf", "data": 'a "quoted"\tline\n'}
	assert by["print"]["values"] == ["x", 3, [1, "y"]]
	assert by["@n"] == {"type": "map", "name": "@n", "value": 20}
	assert by["@by"]["entries"] == [{"key": ["getppid-loop", 7], "value": 20}]
	assert by["@h"]["value"]["buckets"] == [{"label": "[16, 32)", "count": 20}]
	assert by["@l"]["value"]["buckets"] == [{"label": "[5, 10)", "count": 20}]
	assert by["@s"]["value"] == {"count": 20, "average": 4, "total": 80}
	assert isinstance(by["@t"]["value"], (int, str))
	PY
	# the same values as the text output
	run_sonde -q -c "$WORKLOAD getppid 20" 'tracepoint:syscalls/sys_enter_getppid
		/ comm == "getppid-loop" / { @s = stats(4); @h = hist(20); }'
	expect_out '^@s: count 20, average 4, total 80$'
	expect_out '^  \[16, 32\) 20 \|'
}

# Unicode bars only on a UTF-8 terminal whose TERM is not dumb.
case_histogram_bars() {
	command -v script >/dev/null || skip "needs script (util-linux)"
	prog='BEGIN { @h = hist(5); @h = hist(9); }'
	for term in xterm dumb; do
		TERM=$term LC_ALL=C.UTF-8 timeout 30 script -qec "$SONDE '$prog'" /dev/null >out 2>err
		status=$?
		expect_status 0
		if [ $term = dumb ]; then
			grep -q '█' out && fail "Unicode bars with TERM=dumb. $(show)"
			expect_out '\|@+ *\|'
		else
			grep -q '█' out || fail "no Unicode bars on a UTF-8 terminal. $(show)"
		fi
	done
}
