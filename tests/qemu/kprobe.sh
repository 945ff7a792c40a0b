# SPDX-License-Identifier: GPL-2.0
# kprobes and kretprobes in the guests of tests/qemu/run, on Debian's own
# kernels: the build machine's kernel may have none. The workloads are
# busybox applets whose reads, writes and opens are known. What differs
# between the guests' kernels:
#   ppc64el: the kernel moves a probe on a function's entry past its global
#            entry, onto the ftrace call: caller shows vfs_read+0xc.
#   riscv64: Debian's 6.12 has no KPROBES_ON_FTRACE, and refuses a probe on
#            the entry of a traceable function (its 8 bytes of ftrace nops)
#            with EINVAL, through kprobe_events as well. The kprobes go on
#            FUNCTION+8, the first instruction past the nops; kretprobes
#            can only go on the entry, and their cases skip there. sonde
#            says so when the kernel refuses.
#   mips64el: about one boot in fifteen, 6.1 dies of a break instruction
#            in a kprobe's single-step slot ("Break instruction in kernel
#            code"), seen in two boots of thirty: tests/qemu/run boots it again.
#   x86_64:  6.12 has IBT: a probe on a function's entry goes past its
#            ENDBR, to vfs_read+0x4, which caller shows as vfs_read. On a
#            kprobe_multi link the saved ip is vfs_read+9, past the ENDBR
#            and the ftrace call: func and caller come from get_func_ip.
#   5.10:    a kretprobe program sees the kernel's trampoline as its pc,
#            not the return address: caller is refused there; and there is
#            no get_func_ip, which func in a kretprobe on a glob needs.

need_kretprobe() {
	kernel_probes r vfs_read && return 0
	[ "$(uname -m)" = riscv64 ] || fail "the kernel refuses a kretprobe on vfs_read"
	skip "Linux $(uname -r) refuses a kretprobe on vfs_read's ftrace nops (no KPROBES_ON_FTRACE)"
}

case_kprobe_glob_caller() {
	entry
	run_sonde -c 'dd if=/dev/zero of=/dev/null bs=1 count=100' \
		"kprobe:vfs_*r[ei][at][de]$at { @[comm, caller] = count(); }"
	expect_status 0
	at_least "^[{] dd, vfs_read$shown [}]: [0-9]+\$" 100
	at_least "^[{] dd, vfs_write$shown [}]: [0-9]+\$" 100
}

case_kretprobe_quantize() {
	need_kretprobe
	run_sonde -c 'dd if=/dev/zero of=/dev/null bs=5 count=100' \
		'kretprobe:vfs_read / comm == "dd" / { @ = quantize(retval); }'
	expect_status 0
	# "  [4, 8) 100 |@@@...|": every read returned 5
	at_least '^ *[[]4, 8[)] +[0-9]+ [|]@+ *[|]$' 100 3
}

# In a kretprobe, func is the probed function and caller the return
# address, in the function that called it. One function's address is
# known when compiling; a glob's program asks the kernel (get_func_ip).
case_kretprobe_func() {
	need_kretprobe
	if ! release_at_least 5.15; then
		run_sonde -e 'kretprobe:vfs_read { @[caller] = count(); }'
		expect_status 1
		expect_err 'caller in a kretprobe needs Linux 5.15'
		run_sonde -c 'dd if=/dev/zero of=/dev/null bs=1 count=100' \
			'kretprobe:vfs_read { @[comm, func] = count(); }'
		expect_status 0
		at_least '^[{] dd, vfs_read [}]: ' 100
		return
	fi
	run_sonde -c 'dd if=/dev/zero of=/dev/null bs=1 count=100' \
		'kretprobe:vfs_read { @[comm, func, caller] = count(); }'
	expect_status 0
	at_least '^[{] dd, vfs_read, (ksys_read|__[a-z0-9]+_sys_read)[+]0x[0-9a-f]+ [}]: ' 100
}

case_kretprobe_glob_func() {
	need_kretprobe
	need_release 5.15 "get_func_ip (func in a kretprobe on a glob)"
	run_sonde -c 'dd if=/dev/zero of=/dev/null bs=1 count=100' \
		'kretprobe:vfs_*r[ei][at][de] { @[comm, func] = count(); }'
	expect_status 0
	at_least '^[{] dd, vfs_read [}]: [0-9]+$' 100
	at_least '^[{] dd, vfs_write [}]: [0-9]+$' 100
}

# A glob of more than one function takes one kprobe_multi link where the
# kernel has it (-T says), a perf event per function where not (or with
# SONDE_NO_MULTI=1); func, caller, probe and retval are the same either way.
case_kprobe_glob_multi_link() {
	entry
	need_kretprobe
	need_release 5.15 "get_func_ip (func in a kretprobe on a glob)"
	script="kprobe:vfs_*r[ei][at][de]$at { @[comm, func, caller, probe] = count(); }
		kretprobe:vfs_*r[ei][at][de] / comm == \"dd\" / { @ret[func] = sum(retval); }"
	for way in multi SONDE_NO_MULTI=1; do
		[ $way = multi ] || export $way
		run_sonde -d -c 'dd if=/dev/zero of=/dev/null bs=3 count=100' "$script"
		expect_status 0
		at_least "^[{] dd, vfs_read, vfs_read$shown, kprobe:vfs_[*]r.*[}]: [0-9]+\$" 100
		at_least "^[{] dd, vfs_write, vfs_write$shown, kprobe:vfs_[*]r.*[}]: [0-9]+\$" 100
		at_least '^vfs_read: [0-9]+$' 300
		at_least '^vfs_write: [0-9]+$' 300
		if [ $way = multi ] && [ -z "$at" ] && grep -q '^ok   kprobe_multi' kernel-t; then
			expect_err 'debug: kprobe:vfs_[*]r.*: [0-9]+ attached, one kprobe_multi link'
			expect_err 'debug: kretprobe:vfs_[*]r.*: [0-9]+ attached, one kprobe_multi link'
		else
			expect_err 'debug: kprobe:vfs_[*]r.*: [0-9]+ attached, a perf event each'
		fi
	done
}

# Where the kernel refuses a probe on a traceable function's entry, sonde
# says why, and where a kprobe can go instead.
case_kprobe_ftrace_entry_note() {
	! kernel_probes p vfs_read || skip "the kernel probes the entry of vfs_read"
	run_sonde 'kprobe:vfs_read { @ = count(); }'
	expect_status 1
	expect_err 'without KPROBES_ON_FTRACE; try vfs_read[+]8, past its ftrace nops'
	run_sonde 'kprobe:vfs_rea[d] { @ = count(); }'
	expect_status 1
	expect_err 'without KPROBES_ON_FTRACE; try vfs_rea[[]d[]][+]8,'
	run_sonde 'kretprobe:vfs_read { @ = count(); }'
	expect_status 1
	expect_err 'without KPROBES_ON_FTRACE, and a kretprobe can only go there'
}

case_kprobe_arg2() {
	entry
	run_sonde -c 'dd if=/dev/zero of=/dev/null bs=7 count=50' \
		"kprobe:vfs_read$at / comm == \"dd\" / { @[arg2] = count(); }"
	expect_status 0
	# vfs_read(file, buf, count, pos): count is what dd asked for
	at_least '^7: [0-9]+$' 50
	[ "$(grep -c ': [0-9]' out)" -eq 1 ] || fail "reads of other sizes. $(show)"
}

# do_sys_openat2(dfd, filename, how): filename is a user pointer. str()
# reads an untyped argument wherever it points, with the kernel's legacy
# helper that reads both address spaces, where the kernel has it; uptr()
# makes it a user read everywhere.
case_kprobe_str_user_arg() {
	entry
	echo probed >/tmp/sonde-probe-path
	run_sonde -c 'cat /tmp/sonde-probe-path >/dev/null' \
		"kprobe:do_sys_openat2$at / comm == \"cat\" / { @[str(uptr(arg1))] = count(); }"
	expect_status 0
	expect_out '^/tmp/sonde-probe-path: 1$'
}

case_kprobe_str_untyped_arg() {
	entry
	run_sonde -e -S "kprobe:do_sys_openat2$at { @[str(arg1)] = count(); }"
	expect_status 0
	grep -q 'call probe_read_str$' out ||
		skip "the kernel has no helper that reads both address spaces"
	echo probed >/tmp/sonde-probe-path
	run_sonde -c 'cat /tmp/sonde-probe-path >/dev/null' \
		"kprobe:do_sys_openat2$at / comm == \"cat\" / { @[str(arg1)] = count(); }"
	expect_status 0
	expect_out '^/tmp/sonde-probe-path: 1$'
}

case_kprobe_stack() {
	entry
	run_sonde -c 'dd if=/dev/zero of=/dev/null bs=1 count=10' \
		"kprobe:vfs_read$at / comm == \"dd\" / { @[stack] = count(); }"
	expect_status 0
	# The probed frame (x86_64 shows vfs_read+0x1, one past the int3), then
	# its caller: ksys_read, or the syscall it is inlined into (arm64, armhf 5.10).
	expect_out '^[[:space:]]+vfs_read([+]0x[0-9a-f]+)?$'
	expect_out '^[[:space:]]+(ksys_read|sys_read|__[a-z0-9]+_sys_read)[+]0x[0-9a-f]+$'
	expect_out '^\]: 10$'
}

# attached TYPE FUNCTION: waits until the kernel lists an enabled kprobe (k)
# or kretprobe (r) on FUNCTION, as one of perf or of kprobe_events.
attached() {
	tries=0
	until grep -E "[[:space:]]$1[[:space:]]+$2[+]" $kprobes_list 2>/dev/null | grep -qv DISABLED; do
		kill -0 $sonde 2>/dev/null || { wait $sonde; status=$?; fail "sonde ended. $(show)"; }
		tries=$((tries + 1))
		[ $tries -lt 300 ] || fail "no probe on $2 after 30 s: $(cat $kprobes_list)"
		sleep 0.1
	done
}

# stop: SIGINT to $sonde; waits up to 30 s for it to end, and kills it if
# it does not; $status is its exit status.
stop() {
	kill -INT $sonde
	tries=0
	while kill -0 $sonde 2>/dev/null; do
		tries=$((tries + 1))
		if [ $tries -ge 300 ]; then
			kill -9 $sonde
			break
		fi
		sleep 0.1
	done
	wait $sonde
	status=$?
	[ $tries -lt 300 ] || fail "sonde still ran 30 s after SIGINT"
}

# sigint_cleanup [SONDE_NO_PMU=1] PROBE: a sonde traces until SIGINT, then
# prints its counts and leaves no probe behind: none in kprobe_events, no
# sonde_PID group of events, none in the kernel's list of kprobes. Through
# the kprobe PMU its probe is never in kprobe_events; with SONDE_NO_PMU it is.
sigint_cleanup() {
	tracefs=
	[ "$1" != SONDE_NO_PMU=1 ] || { tracefs=1; shift; }
	[ -f $kprobes_list ] || skip "no $kprobes_list (CONFIG_DEBUG_FS)"
	[ -z "$(cat $tracing/kprobe_events)" ] ||
		fail "kprobe_events is not empty before: $(cat $tracing/kprobe_events)"
	${tracefs:+env SONDE_NO_PMU=1} "$SONDE" "$1 { @ = count(); }" >out 2>err &
	sonde=$!
	# A failing check must not leave it tracing through the next cases.
	trap 'kill -0 $sonde 2>/dev/null && stop' EXIT
	case $1 in
	kretprobe:*) type=r ;;
	*) type=k ;;
	esac
	func=${1#*:}
	func=${func%+*}
	attached $type $func
	# "r10:sonde_PID/k0 vfs_read": a kretprobe shows its maxactive
	if [ -n "$tracefs" ]; then
		grep -q "^[pr][0-9]*:sonde_$sonde/" $tracing/kprobe_events ||
			fail "no sonde_$sonde probe in kprobe_events: $(cat $tracing/kprobe_events)"
	elif [ -n "$(cat $tracing/kprobe_events)" ]; then
		fail "the PMU's probe is in kprobe_events: $(cat $tracing/kprobe_events)"
	fi
	cat /proc/version /proc/version >/dev/null
	stop
	expect_status 0
	expect_out '^@: [1-9][0-9]*$'
	[ -z "$(cat $tracing/kprobe_events)" ] ||
		fail "kprobe_events after SIGINT: $(cat $tracing/kprobe_events)"
	! ls -d $tracing/events/sonde_* 2>/dev/null || fail "a sonde_ group of events is left"
	! grep -E "[[:space:]]$func[+]" $kprobes_list || fail "the kernel still has a probe on $func"
}

case_kprobe_sigint_pmu() {
	need_feature 'kprobe PMU'
	entry
	sigint_cleanup "kprobe:vfs_read$at"
}

case_kprobe_sigint_tracefs() {
	need_feature kprobe_events
	entry
	sigint_cleanup SONDE_NO_PMU=1 "kprobe:vfs_read$at"
}

case_kretprobe_sigint_pmu() {
	need_feature 'kprobe PMU'
	need_kretprobe
	sigint_cleanup kretprobe:vfs_read
}

case_kretprobe_sigint_tracefs() {
	need_feature kprobe_events
	need_kretprobe
	sigint_cleanup SONDE_NO_PMU=1 kretprobe:vfs_read
}
