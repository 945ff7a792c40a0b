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

# Every case needs root and a kernel that runs BPF on tracepoints; sonde -T
# says whether it has them, once per run. Only a missing privilege or
# kernel feature skips: a crash of the check is sonde's own failure.
require_kernel() {
	if [ ! -f kernel-check ]; then
		if [ "$(id -u)" != 0 ]; then
			echo "needs root" >kernel-check
		else
			timeout 60 "$SONDE" -T >kernel-t 2>&1
			case $? in
			0) : >kernel-check ;;
			1) echo "the kernel lacks what sonde needs: $(grep -m 1 '^--' kernel-t)" >kernel-check ;;
			*) fail "sonde -T failed: $(cat kernel-t)" ;;
			esac
		fi
	fi
	[ -s kernel-check ] && skip "$(cat kernel-check)"
	return 0
}

# need_feature NAME: skips unless sonde -T reports NAME as working.
need_feature() {
	grep -q "^ok   $1" kernel-t || skip "this kernel lacks $1 ($(grep "^--   $1" kernel-t))"
}

# release_at_least MAJOR.MINOR: the running kernel is that release or later.
release_at_least() {
	awk -v want="$1" -v have="$(uname -r)" 'BEGIN {
		split(want, w, "."); split(have, h, /[.-]/)
		exit !(h[1] > w[1] || (h[1] == w[1] && h[2] + 0 >= w[2]))
	}'
}

# need_release MAJOR.MINOR WHAT: skips on an older kernel, which lacks WHAT.
need_release() {
	release_at_least "$1" || skip "Linux $(uname -r) is older than $1, which brought $2"
}

# ./own-true: true under a name only these cases run, so that counts of
# execs by comm are the cases' own on a busy machine.
own_true() {
	[ -x own-true ] || cp /bin/true own-true
}

# In a -c command, sonde's pid: the command's parent is sonde's supervisor.
sonde_pid='$(cut -d" " -f4 /proc/$PPID/stat)'

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

# Messages are wrapped at 80 columns, their later lines indented by three
# spaces: unwrap FILE joins them again, for patterns written on one line.
unwrap() {
	sed -e ':a' -e '$!N' -e 's/\n   \([^ ]\)/ \1/' -e 'ta' -e 'P' -e 'D' "$1"
}

expect_err() {
	unwrap err | grep -Eq -- "$1" || fail "no line of stderr matches /$1/. $(show)"
}

expect_no_err() {
	[ ! -s err ] || fail "unexpected output on stderr. $(show)"
}

# count_out REGEX: how many lines of stdout match
count_out() {
	grep -Ec -- "$1" out
}

# The uprobe cases of the build machine and of the qemu guests alike:
# "UPROBE_TARGET calls" calls sonde_target(x) for x = 10..14, which
# returns 3x + 1.
check_uprobe_args() {
	run_sonde -c "$UPROBE_TARGET calls" "uprobe:$UPROBE_TARGET:sonde_target { @[arg0] = count(); }"
	expect_status 0
	for v in 10 11 12 13 14; do
		expect_out "^$v: 1\$"
	done
	[ "$(sed -n '/^@:$/,/^$/p' out | grep -c ': ')" -eq 5 ] || fail "not 5 values. $(show)"
}

check_uretprobe_retval() {
	run_sonde -c "$UPROBE_TARGET calls" \
		"uretprobe:$UPROBE_TARGET:sonde_target { @[retval] = count(); @s = sum(retval); }"
	expect_status 0
	for v in 31 34 37 40 43; do
		expect_out "^$v: 1\$"
	done
	expect_out '^@s: 185$'
}

# For the kprobe cases of tests/qemu, whose kernels have kprobes.
tracing=/sys/kernel/tracing
kprobes_list=/sys/kernel/debug/kprobes/list

# kernel_probes p|r FUNCTION: the kernel itself accepts a kprobe (p) or a
# kretprobe (r) on FUNCTION, through kprobe_events.
kernel_probes() {
	echo "$1:vmcheck/probe $2" >>$tracing/kprobe_events 2>/dev/null || return 1
	echo '-:vmcheck/probe' >>$tracing/kprobe_events
}

# Sets $at, what follows a function's name in a kprobe on its entry, and
# $shown, the regex of what follows its name where caller shows it.
entry() {
	at= shown=
	if ! kernel_probes p vfs_read; then
		[ "$(uname -m)" = riscv64 ] || fail "the kernel refuses a kprobe on vfs_read"
		at=+8 shown='[+]0x8'
	fi
	[ "$(uname -m)" != ppc64le ] || shown='([+]0x[0-9a-f]+)?'
}

# at_least REGEX N [FIELD]: the counts in the lines of stdout matching
# REGEX, their last field or field FIELD, add up to N or more.
at_least() {
	awk -v re="$1" -v min="$2" -v f="${3:-0}" '
		$0 ~ re { n += f ? $f : $NF }
		END { exit !(n >= min) }' out ||
		fail "fewer than $2 in the lines matching /$1/. $(show)"
}
