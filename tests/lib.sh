# SPDX-License-Identifier: GPL-2.0
# Helpers for the end-to-end cases in tests/e2e, sourced by tests/run.
# A case passes by returning 0, fails through fail() and skips through skip().

fail() {
	printf '%s\n' "$*"
	exit 1
}

skip() {
	printf '%s\n' "$*"
	exit 77
}

# Every case needs root and a kernel that runs BPF on tracepoints; the
# answer is worked out once per run and kept beside the cases' files. Only
# a missing privilege or kernel feature skips: any other failure of the
# check is sonde's own, and the cases then fail.
require_kernel() {
	if [ ! -f kernel-check ]; then
		if [ "$(id -u)" != 0 ]; then
			echo "needs root" >kernel-check
		elif ! timeout 30 "$SONDE" -c true 'tracepoint:sched/sched_process_exit { }' \
			>/dev/null 2>kernel-err &&
		     grep -Eq 'not permitted|not implemented|CONFIG_|tracefs|not supported' kernel-err; then
			echo "the kernel cannot run sonde's probes: $(head -n 1 kernel-err)" >kernel-check
		else
			: >kernel-check
		fi
	fi
	[ -s kernel-check ] && skip "$(cat kernel-check)"
	return 0
}

# run_sonde ARGS...: stdout goes to ./out, stderr to ./err, the exit status to $status.
run_sonde() {
	timeout 60 "$SONDE" "$@" >out 2>err
	status=$?
	[ $status -eq 124 ] && fail "sonde did not stop within 60 s: sonde $*"
	return 0
}

show() {
	echo "--- exit status $status; stdout:"
	cat out
	echo "--- stderr:"
	cat err
}

expect_status() {
	[ "$status" -eq "$1" ] || fail "wanted exit status $1. $(show)"
}

# expect_out REGEX: some line of stdout matches (grep -E)
expect_out() {
	grep -Eq -- "$1" out || fail "no line of stdout matches /$1/. $(show)"
}

# expect_out_exact TEXT: stdout is exactly TEXT (plus a final newline)
expect_out_exact() {
	printf '%s\n' "$1" | cmp -s - out || fail "stdout is not exactly '$1'. $(show)"
}

expect_err() {
	grep -Eq -- "$1" err || fail "no line of stderr matches /$1/. $(show)"
}

expect_no_err() {
	[ ! -s err ] || fail "unexpected output on stderr. $(show)"
}

# count_out REGEX: how many lines of stdout match
count_out() {
	grep -Ec -- "$1" out
}
