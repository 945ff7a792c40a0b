# SPDX-License-Identifier: GPL-2.0
# uprobes and uretprobes on this machine's kernel, on executables and
# libraries, PIE or not, stripped or not.

need_uprobes() {
	need_feature "uprobe"
}

case_uprobe_args() {
	need_uprobes
	check_uprobe_args
}

case_uretprobe_retval() {
	need_uprobes
	check_uretprobe_retval
}

case_library_getenv() {
	need_uprobes
	run_sonde -c "$UPROBE_TARGET getenv SONDE_MARKER_VARIABLE" \
		'uprobe:libc:getenv / comm == "uprobe-target" / { print(str(arg0)); }'
	expect_status 0
	expect_out '^SONDE_MARKER_VARIABLE$'
}

case_not_pie() {
	need_uprobes
	run_sonde -c "$UPROBE_TARGET-nopie calls" \
		"u:$UPROBE_TARGET-nopie:sonde_target { @[arg0] = count(); }"
	expect_status 0
	expect_out '^14: 1$'
}

case_stripped() {
	need_uprobes
	command -v strip >/dev/null || skip "needs strip (binutils)"
	strip -o stripped "$UPROBE_TARGET" || fail "strip failed"
	run_sonde -e "u:$UPROBE_TARGET:sonde_local { }"
	expect_status 0
	run_sonde -e 'u:./stripped:sonde_local { }'
	expect_status 1
	expect_err "has no function 'sonde_local'"
	run_sonde -c './stripped calls' 'u:./stripped:sonde_target { @[arg0] = count(); }'
	expect_status 0
	expect_out '^12: 1$'
}

case_symbol_offset_and_caller() {
	need_uprobes
	command -v objdump >/dev/null || skip "needs objdump (binutils)"
	# The second instruction of sonde_target: an offset on an instruction boundary.
	set -- $(objdump -d --no-show-raw-insn "$UPROBE_TARGET" |
		 sed -n '/<sonde_target>:/,/^$/s/^ *\([0-9a-f]*\):.*/\1/p' | head -n 2)
	off=$((0x$2 - 0x$1))
	run_sonde -c "$UPROBE_TARGET calls" "uprobe:$UPROBE_TARGET:sonde_target+$off
		{ @[caller, func] = count(); }"
	expect_status 0
	expect_out "^\\{ sonde_target\\+0x$(printf %x $off), sonde_target \\}: 5\$"
}

case_glob() {
	need_uprobes
	run_sonde -e -S "uprobe:$UPROBE_TARGET:sonde_tar*,main { }"
	expect_status 0
	expect_out 'sonde_target: [0-9]+ instructions$'
	expect_out ':main: [0-9]+ instructions$'
}

# glob_counts [ENV=VALUE]: a glob over the sonde_* functions counts the calls
# the workload made, with probe, func and caller per function, however sonde
# attaches (-d says how).
glob_counts() {
	${1:+env} $1 "$SONDE" -d -c "$UPROBE_TARGET calls" "uprobe:$UPROBE_TARGET:sonde_*
		{ @[probe, func, caller] = count(); }
		uretprobe:$UPROBE_TARGET:sonde_* { @ret[func] = sum(retval); }" >out 2>err
	status=$?
	expect_status 0
	expect_out "^\\{ uprobe:$UPROBE_TARGET:sonde_target, sonde_target, sonde_target \\}: 5\$"
	expect_out "^\\{ uprobe:$UPROBE_TARGET:sonde_local, sonde_local, sonde_local \\}: 1\$"
	[ "$(count_out '^\{ uprobe:')" -eq 2 ] || fail "other functions counted. $(show)"
	# 3 * (10 + ... + 14) + 5, and that plus 1
	expect_out '^sonde_target: 185$'
	expect_out '^sonde_local: 186$'
	expect_err 'sonde: 8 probes attached'
}

case_glob_multi_link() {
	need_uprobes
	need_feature uprobe_multi
	glob_counts
	expect_err "debug: uprobe:$UPROBE_TARGET:sonde_\\*: 4 attached, one uprobe_multi link"
	expect_err "debug: uretprobe:$UPROBE_TARGET:sonde_\\*: 4 attached, one uprobe_multi link"
}

case_glob_perf_events() {
	need_uprobes
	glob_counts SONDE_NO_MULTI=1
	expect_err "debug: uprobe:$UPROBE_TARGET:sonde_target: 1 attached, a perf event each$"
	! grep -q "_multi link" err || fail "SONDE_NO_MULTI=1 made a multi link. $(show)"
}

case_path_on_PATH() {
	need_uprobes
	PATH=$(dirname "$UPROBE_TARGET"):$PATH run_sonde -c "$UPROBE_TARGET calls" \
		'uprobe:uprobe-target:sonde_target { @ = count(); }'
	expect_status 0
	expect_out '^@: 5$'
}

case_pid_filter() {
	need_uprobes
	"$UPROBE_TARGET" loop 4 & watched=$!
	"$UPROBE_TARGET" loop 4 & other=$!
	sleep 0.3
	run_sonde -p $watched -c 'sleep 1.5' \
		"uprobe:$UPROBE_TARGET:sonde_target { @[pid] = count(); }
		 tracepoint:syscalls/sys_enter_nanosleep / comm == \"uprobe-target\" / { @sleeps[pid] = count(); }"
	kill $watched $other 2>/dev/null
	wait
	expect_status 0
	expect_out "^$watched: 1[0-9]\$"
	grep -q "^$other:" out && fail "the other process was traced. $(show)"
	return 0
}

case_errors() {
	need_uprobes
	run_sonde -e "uprobe:$UPROBE_TARGET:sonde_targte { }"
	expect_status 1
	expect_err "has no function 'sonde_targte'; did you mean 'sonde_target'\\?"
	run_sonde -e 'uprobe:/no/such/file:main { }'
	expect_status 1
	expect_err "cannot find '/no/such/file'"
	run_sonde -e "uprobe:/etc/hostname:main { }"
	expect_status 1
	expect_err 'is not an ELF file'
	run_sonde -e "uprobe:$UPROBE_TARGET:0x10 { }"
	expect_status 1
	expect_err 'not in an executable segment'
	run_sonde -e "uretprobe:$UPROBE_TARGET:sonde_target { print(arg0); }"
	expect_status 1
	expect_err 'arg0 is not available when a function returns'
	run_sonde -e "uprobe:$UPROBE_TARGET:sonde_target { print(retval); }"
	expect_status 1
	expect_err 'retval is only available in'
}

events_file() {
	cat /sys/kernel/tracing/uprobe_events 2>/dev/null || cat /sys/kernel/debug/tracing/uprobe_events
}

case_tracefs_fallback_cleans_up() {
	need_uprobes
	need_feature uprobe_events
	before=$(events_file)
	SONDE_NO_PMU=1 run_sonde -c "$UPROBE_TARGET calls; kill -INT $sonde_pid; sleep 5" \
		"uprobe:$UPROBE_TARGET:sonde_target { @ = count(); }"
	expect_status 0
	expect_out '^@: 5$'
	[ "$(events_file)" = "$before" ] || fail "uprobe_events changed: $(events_file)"
	# A sonde killed with SIGKILL leaves its probes; the next one removes them.
	SONDE_NO_PMU=1 "$SONDE" -q -c 'sleep 10.02' "uprobe:$UPROBE_TARGET:sonde_target { }" >/dev/null &
	killer=$!
	sleep 1
	kill -9 $killer
	wait $killer 2>/dev/null
	events_file | grep -q sonde_ || fail "expected a left-over probe after SIGKILL"
	# The command dies with sonde, even a killed one.
	sleep 0.2
	pgrep -f 'sleep 10.02' >/dev/null && fail "the -c command outlived a killed sonde"
	SONDE_NO_PMU=1 run_sonde -c true "uprobe:$UPROBE_TARGET:sonde_target { }"
	[ "$(events_file)" = "$before" ] || fail "stale probes not removed: $(events_file)"
}

case_usym_uaddr_and_ustack_name_functions() {
	target=$builddir/tests/uprobe-target-nopie
	run_sonde -c "$target loop 1" "uretprobe:$target:sonde_target {
		printf(\"%s %s %d\\n\", usym(uaddr(\"sonde_target\") + 1), usym(uaddr(\"main\")),
		       *(int64 *)uaddr(\"sonde_calls\") > 0);
		printf(\"%s\\n\", ustack); exit(); }"
	expect_status 0
	expect_out '^sonde_target main 1$'
	# Returning, the program is back in main, which called it.
	expect_out '^	main\+0x[0-9a-f]+$'
	run_sonde -e "uprobe:$UPROBE_TARGET:sonde_target { printf(\"%d\", uaddr(\"main\")); }"
	expect_status 1
	expect_err 'is position-independent'
}

case_ustack_of_a_stripped_pie() {
	command -v strip >/dev/null || skip "needs strip (binutils)"
	strip -o stripped "$UPROBE_TARGET"
	run_sonde -c "./stripped loop 1" "uretprobe:$PWD/stripped:sonde_target { printf(\"%s\\n\", ustack); exit(); }"
	expect_status 0
	# main is exported (-rdynamic): .dynsym names it without .symtab.
	expect_out '^	main\+0x[0-9a-f]+$'
}

case_ustack_of_an_exited_process_prints_addresses() {
	run_sonde -c "$UPROBE_TARGET calls" "uprobe:$UPROBE_TARGET:sonde_target { @[ustack] = count(); }"
	expect_status 0
	# Printed at the end, once the process is gone: its addresses.
	expect_out '^	0x[0-9a-f]+$'
	expect_out '^\]: 5$'
}
