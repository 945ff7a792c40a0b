# SPDX-License-Identifier: GPL-2.0
# uprobes and uretprobes in the guests of tests/qemu/run: UPROBE_TARGET is
# tests/uprobe-target.c built static for the guest (on armhf as ARM code,
# with a Thumb copy beside it), as tests/e2e/uprobes.sh probes it on the
# build machine.

# A 32-bit arm program on an arm64 kernel (the aarch32 guest): Linux's
# arm64 uprobes decode A64 instructions only, and never fire in it.
aarch32_on_arm64() {
	[ "$(uname -m)" = aarch64 ] && [ "$(od -An -tu1 -j4 -N1 "$UPROBE_TARGET" | tr -d ' ')" = 1 ]
}

need_target() {
	[ -x "$UPROBE_TARGET" ] || skip "no $UPROBE_TARGET"
	need_feature 'uprobe PMU'
	! aarch32_on_arm64 || skip "Linux $(uname -r) fires no uprobes in 32-bit arm code"
}

case_uprobe_args() {
	need_target
	check_uprobe_args
}

case_uretprobe_retval() {
	need_target
	check_uretprobe_retval
}

# Eight arguments: past the registers (none on i686, four on arm and mips
# o32, five on s390x, six on x86_64, eight elsewhere), from the caller's
# stack.
case_uprobe_eight_args() {
	need_target
	run_sonde -c "$UPROBE_TARGET args" "uprobe:$UPROBE_TARGET:sonde_args {
		printf(\"%d %d %d %d %d %d %d %d\\n\", arg0, arg1, arg2, arg3, arg4, arg5, arg6, arg7); }"
	expect_status 0
	expect_out_exact '1 2 3 4 5 6 7 8'
}

case_uprobe_caller_func() {
	need_target
	run_sonde -c "$UPROBE_TARGET calls" \
		"uprobe:$UPROBE_TARGET:sonde_target { @[caller, func, comm] = count(); }"
	expect_status 0
	expect_out '^\{ sonde_target, sonde_target, uprobe-target \}: 5$'
}

# Through uprobe_events, which leaves nothing behind.
case_uprobe_tracefs() {
	need_target
	need_feature uprobe_events
	before=$(cat /sys/kernel/tracing/uprobe_events)
	SONDE_NO_PMU=1 run_sonde -c "$UPROBE_TARGET calls" \
		"uprobe:$UPROBE_TARGET:sonde_target { @ = count(); }"
	expect_status 0
	expect_out '^@: 5$'
	[ "$(cat /sys/kernel/tracing/uprobe_events)" = "$before" ] ||
		fail "uprobe_events changed: $(cat /sys/kernel/tracing/uprobe_events)"
}

# Uprobes on Thumb code attach but do not fire: sonde says so.
case_uprobe_thumb_warns() {
	[ -x "$UPROBE_TARGET-thumb" ] || skip "no Thumb build: not a 32-bit arm guest"
	need_target
	run_sonde -c "$UPROBE_TARGET-thumb calls" \
		"uprobe:$UPROBE_TARGET-thumb:sonde_target { @ = count(); }"
	expect_status 0
	expect_err 'sonde_target is Thumb code: uprobes on Thumb code attach but do not fire'
}

# There, sonde says so.
case_uprobe_aarch32_warns() {
	[ -x "$UPROBE_TARGET" ] || skip "no $UPROBE_TARGET"
	aarch32_on_arm64 || skip "not a 32-bit arm userland on an arm64 kernel"
	run_sonde -c "$UPROBE_TARGET calls" "uprobe:$UPROBE_TARGET:sonde_target { @ = count(); }"
	expect_status 0
	expect_err 'an arm64 kernel fires no uprobes in 32-bit arm code'
}
