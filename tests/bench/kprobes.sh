# SPDX-License-Identifier: GPL-2.0
# Attach and detach times of kprobe globs of about 10, 100 and 1,000
# functions, in the kernels of the qemu guests: a case file for
# tests/qemu/run, not one of its checks (it is not in tests/qemu/):
#
#   tests/qemu/run --case-file tests/bench/kprobes.sh x86_64@trixie x86_64@bookworm
#
# The figures go to the guest's console, so to ARCH/SUITE/boot.log in the
# work directory, as lines "BENCH release glob functions path attach detach"
# (milliseconds, the median of 3 runs, or 1 run where it takes minutes:
# a perf event each on 1,000 functions): attach from launching sonde to its
# -c command running, detach from the command's end to sonde's exit. Where
# the kernel has kprobe_multi, SONDE_NO_MULTI=1 measures the perf events
# too, but for the 1,000 (the kernels without measure those); one function,
# vfs_read, is the floor: the compile, load and start.
# The case then skips, pointing there. Under TCG, give the boot time:
# TIMEOUT=1800.

# busybox's date has no %N: the clock of the uprobe test program.
now() {
	"$UPROBE_TARGET" clock
}

# bench RUNS GLOB PATH [ENV=VALUE]: prints the BENCH line of GLOB.
bench() {
	runs=$1 glob=$2 path=$3
	shift 3
	n=$("$SONDE" -l "kprobe:$glob" | wc -l)
	for run in $(seq "$runs"); do
		start=$(now)
		env "$@" "$SONDE" -q -c "$UPROBE_TARGET clock" "kprobe:$glob { @ = count(); }" \
			>out 2>err || fail "sonde failed on kprobe:$glob: $(cat err)"
		end=$(now)
		attached=$(grep -m1 -x '[0-9][0-9]*' out)
		echo "$(( (attached - start) / 1000 )) $(( (end - attached) / 1000 ))"
	done >runs
	attach=$(cut -d' ' -f1 runs | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
	detach=$(cut -d' ' -f2 runs | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
	printf 'BENCH %s %s %s %s %d.%03d %d.%03d\n' "$(uname -r)" "$glob" "$n" "$path" \
		$((attach / 1000)) $((attach % 1000)) $((detach / 1000)) $((detach % 1000)) \
		>/dev/console
}

case_kprobe_glob_times() {
	multi=
	grep -q '^ok   kprobe_multi' kernel-t && multi=1
	bench 3 vfs_read one_perf_event
	for glob in 'vfs_r*' 'vfs_*' 'n*'; do
		[ -z "$multi" ] || bench 3 "$glob" kprobe_multi
		if [ "$glob" != 'n*' ]; then
			bench 3 "$glob" perf_events SONDE_NO_MULTI=1
		elif [ -z "$multi" ]; then
			bench 1 "$glob" perf_events
		fi
	done
	skip "figures on the console: grep BENCH ARCH/SUITE/boot.log in the work directory"
}
