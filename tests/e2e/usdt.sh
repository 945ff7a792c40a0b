# SPDX-License-Identifier: GPL-2.0
# USDT probes on this machine's kernel: tests/usdt-target's, built with
# <sys/sdt.h>, and those of the system's libraries where they have some.

USDT_TARGET=$builddir/tests/usdt-target

# Skips without uprobes, or with a test program built without <sys/sdt.h>.
need_usdt() {
	need_feature uprobe
	why=$("$USDT_TARGET" 2>&1)
	[ $? -eq 77 ] && skip "$why"
	return 0
}

case_usdt_arguments() {
	need_usdt
	run_sonde -c "$USDT_TARGET args" "usdt:$USDT_TARGET:sonde:args {
		printf(\"%d %d %d %d %d %d %d %d\\n\", arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7); }
		usdt:$USDT_TARGET:twice { @[arg0] = count(); }"
	expect_status 0
	# Memory (-7 200 -300 2^40 4000000000), a register (-14), constants (42 -1).
	expect_out '^-7 200 -300 1099511627776 4000000000 -14 42 -1$'
	# twice is inlined at two places: a probe each.
	expect_out '^1: 1$'
	expect_out '^2: 1$'
	expect_err '3 probes attached'
}

case_usdt_list() {
	need_usdt
	run_sonde -l "usdt:$USDT_TARGET:*"
	expect_status 0
	expect_out_exact "usdt:$USDT_TARGET:sonde:args
usdt:$USDT_TARGET:sonde:twice
usdt:$USDT_TARGET:sonde:gated"
	run_sonde -lv "U:$USDT_TARGET:sonde:t*"
	expect_status 0
	expect_out_exact "usdt:$USDT_TARGET:sonde:twice
    arguments: 1 (-8@\$1)
    arguments: 1 (-8@\$2)"
}

# "usdt-target gated" prints its semaphore: 1 while sonde is attached, 0 before and after.
case_usdt_semaphore() {
	need_usdt
	for pmu in "" 1; do
		[ -n "$pmu" ] && ! grep -q "^ok   uprobe_events" kernel-t && continue
		SONDE_NO_PMU=$pmu run_sonde -c "$USDT_TARGET gated" \
			"usdt:$USDT_TARGET:gated { printf(\"fired %d\\n\", arg0); }"
		expect_status 0
		expect_out '^semaphore 1$'
		expect_out '^fired 0$'
		[ "$("$USDT_TARGET" gated)" = "semaphore 0" ] ||
			fail "the semaphore stayed set after sonde${pmu:+ (uprobe_events)}"
	done
}


case_usdt_pid_semaphore_of_one_process() {
	need_usdt
	"$USDT_TARGET" loop 3 >watched.log & watched=$!
	"$USDT_TARGET" loop 3 >other.log & other=$!
	sleep 0.3
	# It stops at the first tick it sees; the process goes on without it.
	run_sonde -p $watched "usdt:$USDT_TARGET:sonde:gated { printf(\"tick %d\\n\", arg0); exit(); }"
	wait
	expect_status 0
	expect_out '^tick [0-9]+$'
	tick=$(sed -n 's/^tick //p' out)
	grep -qx "$tick 1" watched.log || fail "tick $tick did not see the semaphore set: $(cat watched.log)"
	[ "$(tail -n 1 watched.log | cut -d' ' -f2)" = 0 ] ||
		fail "the semaphore stayed set after sonde exited: $(tail -n 3 watched.log)"
	grep -q ' 1$' other.log && fail "the other process's semaphore was set: $(cat other.log)"
	return 0
}

# However sonde ends, SIGTERM or SIGKILL, the kernel puts the semaphore back.
case_usdt_semaphore_after_signals() {
	need_usdt
	for sig in TERM KILL; do
		"$USDT_TARGET" loop 3 >loop.log & loop=$!
		"$SONDE" -q -p $loop "usdt:$USDT_TARGET:gated { }" >/dev/null 2>&1 & tracer=$!
		sleep 1
		kill -$sig $tracer
		wait $tracer
		wait $loop
		grep -q ' 1$' loop.log || fail "SIG$sig: the semaphore was never set: $(cat loop.log)"
		[ "$(tail -n 1 loop.log | cut -d' ' -f2)" = 0 ] ||
			fail "SIG$sig: the semaphore stayed set: $(tail -n 3 loop.log)"
	done
}

case_usdt_errors() {
	need_usdt
	run_sonde -e "usdt:$USDT_TARGET:sonde:nosuch { }"
	expect_status 1
	expect_err "has no USDT probe sonde:nosuch"
	run_sonde -e "usdt:$UPROBE_TARGET:* { }"
	expect_status 1
	expect_err "has no USDT probe \\*:\\*"
	run_sonde -e "usdt:$USDT_TARGET { }"
	expect_status 1
	expect_err 'written usdt:FILE:\[PROVIDER:\]NAME'
	run_sonde -e "usdt:$USDT_TARGET:gated { print(arg1); }"
	expect_status 1
	expect_err "sonde:gated has 1 argument: arg1 is not one"
}

# libstdc++'s own probes: libstdcxx:throw at each exception thrown.
case_usdt_libstdcxx_throw() {
	need_feature uprobe
	command -v g++ >/dev/null || skip "needs g++ to build a program that throws"
	"$SONDE" -l 'usdt:libstdc++:libstdcxx:throw' | grep -q . ||
		skip "this libstdc++ has no USDT probes"
	printf '%s\n' 'int main() { for (int i = 0; i < 3; i++) try { throw i; } catch (int) {} }' |
		g++ -x c++ -o thrower - || fail "g++ failed"
	run_sonde -c ./thrower 'usdt:libstdc++:libstdcxx:throw / comm == "thrower" / { @ = count(); }'
	expect_status 0
	expect_out '^@: 3$'
}

# glibc's probes (libc:setjmp...), where the distribution builds them in.
case_usdt_libc_setjmp() {
	need_feature uprobe
	"$SONDE" -l 'usdt:libc:libc:setjmp' | grep -q . ||
		skip "this libc has no USDT probes (Debian builds glibc without systemtap-sdt-dev)"
	command -v cc >/dev/null || skip "needs cc to build a program that calls setjmp"
	printf '%s\n' '#include <setjmp.h>' 'int main(void) { jmp_buf b; int i;' \
		'for (i = 0; i < 3; i++) setjmp(b); return 0; }' | cc -x c -o jumper - ||
		fail "cc failed"
	run_sonde -c ./jumper 'usdt:libc:libc:setjmp / comm == "jumper" / { @ = count(); }'
	expect_status 0
	expect_out '^@: 3$'
}
