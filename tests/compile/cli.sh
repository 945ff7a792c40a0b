# SPDX-License-Identifier: GPL-2.0
# The command line and the script argument under bad input: clear refusals,
# no kernel needed.

case_map_size_strict() {
	for bad in -1 0 99999999999999999999 1000001 12abc ''; do
		run_sonde -e -M "$bad" 'BEGIN { }'
		expect_status 1
		expect_err "^sonde: -M wants a whole number from 1 to 1000000, not '$bad'$"
	done
	run_sonde -e -M 0x400 'BEGIN { }'
	expect_status 0
}

case_pid_strict() {
	run_sonde -e -p 99999999999 'BEGIN { }'
	expect_status 1
	expect_err "^sonde: -p wants a whole number from 1 to 2147483647, not '99999999999'$"
}

case_script_not_a_file() {
	run_sonde -e /tmp
	expect_status 1
	expect_err '^sonde: error: /tmp is a directory, not a script$'
	run_sonde -e /dev/zero
	expect_status 1
	expect_err '^sonde: error: cannot read the script /dev/zero: it is larger than 1 MiB$'
	printf 'BEGIN { }\n' | (exec "$SONDE" -e /dev/stdin) >out 2>err
	status=$?
	expect_status 0
}

case_elf_without_symbols() {
	command -v objcopy >/dev/null || skip "needs objcopy (binutils)"
	objcopy --strip-all --remove-section=.dynsym --remove-section=.dynstr \
		"$UPROBE_TARGET" nosyms 2>/dev/null || skip "objcopy cannot strip the target"
	run_sonde -e "uprobe:$PWD/nosyms:sonde_target { }"
	expect_status 1
	expect_err "nosyms has no function 'sonde_target' \(it has no symbols at all\)"
}

case_stdout_closed() {
	(exec "$SONDE" -e 'BEGIN { }' >&-) 2>err
	status=$?
	expect_status 1
	expect_err '^sonde: error: standard output is closed'
	(exec "$SONDE" -S -e 'BEGIN { }' >/dev/full) 2>err
	status=$?
	expect_status 1
	expect_err '^sonde: error: cannot write the output: No space left on device$'
}
