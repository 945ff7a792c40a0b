# SPDX-License-Identifier: GPL-2.0
# The compiler's limits hold on hostile input: deep nesting meets a clear
# error, never the end of the stack, even on a board's small stack.

# nest KIND N: a program nesting one construct N times.
nest() {
	awk -v kind="$1" -v n="$2" 'BEGIN {
		o = c = ""
		for (i = 0; i < n; i++) {
			if (kind == "parens") { o = o "("; c = c ")" }
			else if (kind == "minus") o = o "- "
			else if (kind == "not") o = o "!"
			else if (kind == "if") o = o "if (n[0]) "
			else if (kind == "block") { o = o "{ "; c = c " }" }
			else if (kind == "ternary") o = o "cpu ? 1 : "
			else if (kind == "plus") o = o "1 + "
		}
		if (kind == "if" || kind == "block") body = o "n[1] = 1;" c
		else body = "n[1] = " o "n[0]" c ";"
		printf "BEGIN { n[0] = 1; %s }\n", body
	}'
}

case_nesting_limit_small_stack() {
	for kind in parens minus not if block ternary plus; do
		nest $kind 100000 >deep.ply
		(ulimit -s 256 && exec "$SONDE" -e deep.ply) >out 2>err
		status=$?
		expect_status 1
		expect_err '^deep.ply:1:[0-9]+: error: nesting too deep \(limit 100\)$'
	done
}

case_nesting_below_limit_compiles() {
	for kind in parens minus not block ternary plus; do
		nest $kind 90 >deep.ply
		(ulimit -s 256 && exec "$SONDE" -e deep.ply) >out 2>err
		status=$?
		expect_status 0
	done
}

case_jump_too_long() {
	# An if around more code than a jump's 16-bit offset reaches.
	awk 'BEGIN { printf "BEGIN { if (cpu) {"; for (i = 0; i < 1700; i++) printf " printf(\"%%d\\n\", cpu);"; print " } }" }' >long.ply
	run_sonde -e long.ply
	expect_status 1
	expect_err '^long.ply:1:1: error: probe is too long: a jump would span [0-9]+ instructions, more than the 32767 eBPF allows$'
}
