# SPDX-License-Identifier: GPL-2.0
# The tools of tools/ that need kprobes, or kernel symbols the build
# machine's kernel may not show, run in the guests of tests/qemu/run on
# busybox workloads whose effect is known. The tools are packed next to
# the cases, in /usr/lib/sonde-vm/tools.

tools=/usr/lib/sonde-vm/tools

need_tools() {
	[ -d $tools ] || skip "the initramfs has no $tools (tests/qemu/run packs tools/)"
}

# After a run of a tool on function entries: skips where the kernel refuses them.
no_entry_kprobes_skip() {
	! grep -q 'KPROBES_ON_FTRACE' err ||
		skip "Linux $(uname -r) refuses kprobes on function entries (no KPROBES_ON_FTRACE)"
}

case_tools_vfsstat_counts_calls() {
	need_tools
	echo data >f
	run_sonde -q -c 'cat f f f f f >/dev/null; sleep 1.2' $tools/vfsstat
	no_entry_kprobes_skip
	expect_status 0
	expect_out '^vfs_open: [0-9]+$'
	at_least '^vfs_read: ' 5
}

case_tools_vfscount_counts_functions() {
	need_tools
	echo data >f
	# dd reads with read(), a byte at a time; busybox cat may use sendfile().
	run_sonde -q -c 'dd if=f of=/dev/null bs=1 2>/dev/null' $tools/vfscount
	no_entry_kprobes_skip
	expect_status 0
	at_least '^vfs_read: ' 3
}

case_tools_mdflush_compiles() {
	need_tools
	grep -q ' md_flush_request' /proc/kallsyms || skip "no md driver loaded"
	run_sonde -e $tools/mdflush
	expect_status 0
}

case_tools_loads_reads_avenrun() {
	need_tools
	if ! grep -q ' avenrun$' /proc/kallsyms; then
		run_sonde -q -c true $tools/loads
		expect_status 1
		expect_err 'kallsyms lists kernel data only with CONFIG_KALLSYMS_ALL'
		skip "kallsyms has no avenrun (no CONFIG_KALLSYMS_ALL); sonde said so"
	fi
	run_sonde -q -c 'sleep 1.3' $tools/loads
	expect_status 0
	expect_out '^[0-9:]{8} load averages: [0-9]+\.[0-9]{2} [0-9]+\.[0-9]{2} [0-9]+\.[0-9]{2}$'
}
