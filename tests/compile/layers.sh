# SPDX-License-Identifier: GPL-2.0
# The stages of src/ include one way: no folder includes a later one, and
# no header includes itself through others.

# Lowest first. The plan is below the compiler that writes it so that the
# runtime, which reads it, includes nothing of the compiler; top is
# src/*.c and src/*.h, the driver of the stages.
layers="base bpf arch kernel target lang plan probe codegen run top"

# includes: "FILE INCLUDED" for every quoted #include of src/ and arch/,
# both named from the top of the tree.
includes() (
	cd "$srcdir" &&
	for f in src/*.[ch] src/*/*.[ch] arch/*.[ch]; do
		sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f" | while read -r inc; do
			case $inc in
			config.h) ;;
			arch/*) echo "$f $inc" ;;
			*) echo "$f src/$inc" ;;
			esac
		done
	done
)

# layer FILE: the folder a file belongs to, or top.
layer() {
	case $1 in
	arch/*) echo arch ;;
	src/*/*) d=${1#src/}; echo "${d%%/*}" ;;
	*) echo top ;;
	esac
}

rank() {
	n=0
	for l in $layers; do
		[ "$l" = "$1" ] && { echo $n; return; }
		n=$((n + 1))
	done
	echo unknown
}

case_stages_include_one_way() {
	includes >edges || fail "cannot read the sources"
	[ -s edges ] || fail "no includes found"
	bad=
	while read -r from to; do
		[ -f "$srcdir/$to" ] || { bad="$bad
$from includes $to, which does not exist"; continue; }
		rf=$(rank "$(layer "$from")") rt=$(rank "$(layer "$to")")
		[ "$rf" != unknown ] || fail "$from is in no layer of: $layers"
		[ "$rt" -le "$rf" ] || bad="$bad
$from ($(layer "$from")) includes $to ($(layer "$to"))"
	done <edges
	[ -z "$bad" ] || fail "includes against the order $layers:$bad"
}

case_headers_have_no_cycle() {
	includes >edges || fail "cannot read the sources"
	grep '\.h .*\.h$' edges >header-edges
	[ -s header-edges ] || fail "no header includes a header"
	tsort header-edges >/dev/null 2>tsort-err || fail "an include cycle: $(cat tsort-err)"
}
