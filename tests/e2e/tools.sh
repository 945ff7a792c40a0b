# SPDX-License-Identifier: GPL-2.0
# The tools of tools/, each run against a workload whose effect is known.
# Those that need kprobes, which this machine may lack, are compiled here
# and run in tests/qemu/tools.sh.

tools=$srcdir/tools

# tool NAME [SONDE-ARGS...]: runs tools/NAME under sonde -q.
tool() {
	name=$1
	shift
	run_sonde -q "$@" "$tools/$name"
	expect_status 0
}

case_opensnoop_counts_opens() {
	: >target-file
	tool opensnoop -c "$WORKLOAD open $PWD/target-file 7"
	expect_out '^PID +COMM +FD PATH$'
	[ "$(count_out "^[0-9]+ +workload +[0-9]+ $PWD/target-file\$")" -eq 7 ] ||
		fail "not 7 opens of target-file. $(show)"
}

case_statsnoop_counts_stats() {
	tool statsnoop -c "$WORKLOAD stat $PWD/nosuch 5"
	[ "$(count_out "^[0-9]+ +workload +-2 $PWD/nosuch\$")" -eq 5 ] ||
		fail "not 5 failed stats of nosuch. $(show)"
}

case_execsnoop_and_exitsnoop() {
	own_true
	tool execsnoop -c './own-true; ./own-true; ./own-true'
	[ "$(count_out ' own-true +\./own-true$')" -eq 3 ] || fail "not 3 execs. $(show)"
	tool exitsnoop -c 'sh -c "exit 3"; sleep 5 & sleep 0.3; kill -TERM $!; wait'
	expect_out ' sh +[0-9]+ code 3$'
	expect_out ' sleep +[0-9]+ signal 15$'
}

case_syscount_counts_calls() {
	tool syscount -c "$WORKLOAD getppid 1000"
	at_least '^getppid-loop: ' 1000
}

case_killsnoop_and_signals() {
	tool killsnoop -c 'sleep 5 & kill -USR1 $!; kill -0 999999999; wait'
	expect_out ' 10 +[0-9]+ +0$'
	expect_out ' 0 +999999999 +-3$'
	# the signal once sleep runs, not to the shell's fork before its exec
	tool signals -c 'sleep 5 & sleep 0.3; kill -USR1 $!; wait'
	expect_out '^\{ 10, [0-9]+, sleep \}: 1$'
}

case_pidpersec_counts_forks() {
	own_true
	tool pidpersec -c 'for i in 1 2 3 4 5 6 7 8 9 10; do ./own-true; done; sleep 1.2'
	expect_out '^[0-9:]{8} new PIDs: [0-9]+$'
	# the lines, then what came after the last of them
	awk '/new PIDs/ { n += $NF } /^@new: / { n += $2 } END { exit !(n >= 10) }' out ||
		fail "fewer than 10 forks. $(show)"
}

case_threadsnoop_sees_threads() {
	tool threadsnoop -c "$WORKLOAD threads 4"
	[ "$(count_out ' workload +[0-9]+ +workload$')" -eq 4 ] || fail "not 4 threads. $(show)"
}

case_bashreadline_reads_typed_lines() {
	command -v script >/dev/null || skip "needs script (util-linux)"
	[ -x /bin/bash ] || skip "needs /bin/bash"
	# bash in a terminal of its own, reading what is typed into it
	printf 'echo typed-line-one\nexit\n' >typed
	run_sonde -q -c "sh -c 'script -qec \"bash --norc --noprofile -i\" /dev/null <typed'" \
		"$tools/bashreadline"
	expect_status 0
	expect_out '^[0-9:]{8} [0-9]+ +echo typed-line-one$'
}

case_block_io_tools() {
	df -T . | grep -q -E ' (tmpfs|overlay) ' && skip "the test directory is on tmpfs or overlay"
	tool biosnoop -c "$WORKLOAD dio $PWD/dio 16"
	[ "$(count_out ' workload +[0-9]+ +[0-9]+:[0-9]+ +W[A-Z]* +[0-9]+ +4096 +[0-9]+$')" -eq 16 ] ||
		fail "not 16 writes of 4096 bytes. $(show)"
	tool bitesize -c "$WORKLOAD dio $PWD/dio 16"
	sed -n '/^workload:$/,/^[^ ]/p' out | grep -Eq '^ +\[4k, 8k\) +16 ' ||
		fail "not 16 requests in [4k, 8k). $(show)"
	tool biolatency -c "$WORKLOAD dio $PWD/dio 16"
	expect_out '^@latency:$'
	at_least 's\) ' 16 3
}

case_sched_tools() {
	tool runqlat -c "$WORKLOAD threads 20"
	expect_out '^@latency:$'
	at_least 's\) ' 20 3
	tool cpudist -c "$WORKLOAD spin 100"
	expect_out '^@oncpu:$'
	tool offcputime -c 'sleep 0.2'
	expect_out '^\{ sleep, \[$'
	expect_out 'do_nanosleep'
	tool runqlen -c "sleep 0.5"
	expect_out '^@waiting:$'
	expect_out '^ +\[0, 1\) +[0-9]+ '
}

case_profile_samples_a_busy_process() {
	tool profile -c "$WORKLOAD spin 500"
	expect_out '^\{ spin-loop, \['
}

case_irq_tools() {
	tool softirqs -c "$WORKLOAD tcp4"
	expect_out '^@time:$'
	expect_out '^3:$'	# NET_RX: loopback's packets are received in a softirq
	tool hardirqs -c 'sleep 0.2'
	expect_status 0
}

case_sync_and_writeback() {
	tool syncsnoop -c 'sync'
	expect_out ' sync +tracepoint:syscalls/sys_enter_sync$'
	tool writeback -c "dd if=/dev/zero of=$PWD/dirty bs=64k count=16 2>/dev/null; sync"
	expect_out '^TIME +DEVICE +PAGES'
}

case_tcp_tools() {
	tool tcpconnect -c "$WORKLOAD tcp4"
	[ "$(count_out '^[0-9]+ +workload +4 +127\.0\.0\.1 +[0-9]+ 127\.0\.0\.1 +[0-9]+$')" -eq 1 ] ||
		fail "not 1 connect. $(show)"
	tool tcpaccept -c "$WORKLOAD tcp6"
	[ "$(count_out '^[0-9:]{8} 6 +::1 +[0-9]+ ::1 +[0-9]+$')" -eq 1 ] ||
		fail "not 1 accept. $(show)"
	tool tcplife -c "$WORKLOAD tcp4"
	[ "$(count_out ' 4 +127\.0\.0\.1 +[0-9]+ 127\.0\.0\.1 +[0-9]+ +[0-9]+$')" -eq 2 ] ||
		fail "not 2 ends of 1 connection. $(show)"
	tool tcpretrans -c "$WORKLOAD tcp4"
	expect_out '^TIME +IP LADDR'
}

case_naptime_and_setuids() {
	tool naptime -c 'sleep 1.25'
	expect_out ' sleep +1\.250$'
	command -v setpriv >/dev/null || skip "needs setpriv (util-linux)"
	tool setuids -c 'setpriv --reuid=65534 --regid=65534 --clear-groups true'
	expect_out ' setpriv +0 +setresuid 65534 +65534 +65534 +0$'
}

case_capable_sees_a_check() {
	[ -d /sys/kernel/tracing/events/capability ] || skip "no capability tracepoint (Linux 6.13)"
	tool capable -c 'nice -n -5 true'
	expect_out ' nice +23 +0$'
}

case_oomkill_and_loads() {
	tool oomkill -c true
	[ ! -s out ] || fail "an OOM kill without one. $(show)"
	grep -q ' avenrun$' /proc/kallsyms || skip "kallsyms has no avenrun (CONFIG_KALLSYMS_ALL)"
	tool loads -c 'sleep 1.3'
	expect_out '^[0-9:]{8} load averages: [0-9]+\.[0-9]{2} [0-9]+\.[0-9]{2} [0-9]+\.[0-9]{2}$'
}

# The kprobe tools run in tests/qemu; here they compile, for this machine's
# architecture and, for the globs, a tracefs listing the functions.
case_kprobe_tools_compile() {
	mkdir -p fake-tracefs
	printf '%s\n' vfs_read vfs_write vfs_fsync vfs_open vfs_create md_flush_request \
		>fake-tracefs/available_filter_functions
	for t in vfsstat vfscount mdflush; do
		SONDE_TRACEFS=$PWD/fake-tracefs run_sonde -e --target="$(uname -m)" "$tools/$t"
		expect_status 0
	done
}

case_tools_lists_them() {
	SONDE_TOOLS=$tools run_sonde --tools
	expect_status 0
	[ "$(wc -l <out)" -eq "$(ls "$tools" | wc -l)" ] || fail "not every tool. $(show)"
	expect_out '^opensnoop +the files processes open'
	awk 'length > 80 { exit 1 }' out || fail "a line wider than 80 columns. $(show)"
}
