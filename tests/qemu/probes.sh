# SPDX-License-Identifier: GPL-2.0
# Finding probes and attaching many in the guests of tests/qemu/run: the
# listing of kernel functions, a kprobe on a module's function, raw
# tracepoints and tracepoint wildcards, on Debian's own kernels.

case_list_kernel_functions() {
	run_sonde -l 'kprobe:vfs_*'
	expect_status 0
	expect_out '^kprobe:vfs_read$'
	expect_out '^kprobe:vfs_write$'
}

# tun, which tests/qemu/run takes from the kernel's package and /init
# loads: tun_chr_open runs once for each open of /dev/net/tun.
case_kprobe_module_function() {
	if ! grep -q '^tun ' /proc/modules; then
		[ ! -f /usr/lib/sonde-vm/modules/tun.ko ] || fail "insmod tun.ko failed (see the boot log)"
		skip "the kernel's package has no tun module"
	fi
	run_sonde -l 'kprobe:tun:tun_chr_*'
	expect_status 0
	expect_out '^kprobe:tun:tun_chr_open$'
	entry
	run_sonde -c 'for i in 1 2 3 4 5; do : </dev/net/tun; done' \
		"kprobe:tun:tun_chr_open$at / pid == cpid / { @ = count(); }"
	expect_status 0
	expect_out '^@: 5$'
	run_sonde -e 'kprobe:nosuchmod:tun_chr_open { @ = count(); }'
	expect_status 1
	expect_err "error: no module 'nosuchmod' is loaded"
	run_sonde -e 'kprobe:tun:vfs_read { @ = count(); }'
	expect_status 1
	expect_err "error: module 'tun' has no function 'vfs_read'"
}

case_raw_tracepoint() {
	run_sonde -c /bin/true 'rawtracepoint:sched_process_exec { printf("%d\n", arg1 == pid); }'
	expect_status 0
	expect_out '^1$'
}

case_tracepoint_wildcard() {
	run_sonde -c /bin/true 't:sched:sched_process_e* / comm == "true" / { @[probe] = count(); }'
	expect_status 0
	expect_out '^tracepoint:sched/sched_process_exec: 1$'
	expect_out '^tracepoint:sched/sched_process_exit: 1$'
}
