# SPDX-License-Identifier: GPL-2.0
# C structs a script declares, cast to and read on this kernel: the way
# to kernel and program data on boards whose kernels have no BTF.

case_declared_struct_read_from_a_program() {
	target=$UPROBE_TARGET
	run_sonde -c "$target struct" "
		struct sonde_sample {
			int id;
			short small;
			unsigned int flags : 3, mode : 5;
			long values[3];
			char *name;
			struct sonde_sample *next;
		};
		uprobe:$target:sonde_struct {
			\$s = (struct sonde_sample *)arg0;
			printf(\"%d %d %d %d %d %s | %d %s | %d\\n\", \$s->id, \$s->small, \$s->flags,
			       \$s->mode, \$s->values[2], str(\$s->name), \$s->next->id,
			       str(\$s->next->name), sizeof(struct sonde_sample));
		}"
	expect_status 0
	# As tests/uprobe-target.c fills them: the pointer chased in user memory.
	expect_out '^7 -2 5 17 -30 first \| 8 second \| 48$'
}

case_syscall_buffer_as_structs_and_unions() {
	# The workload writes the u32s 11, 22, 33, 44.
	run_sonde -c "$WORKLOAD u32s" '
		struct pair { unsigned int a; unsigned short b, c; };
		struct nibbles { unsigned char lo : 4, hi : 4; signed char sign : 3; };
		union word { u32 w; u8 b[4]; };
		t:syscalls:sys_enter_write / comm == "workload" && args.count == 16 / {
			$p = (struct pair *)args.buf;
			$n = (struct nibbles *)(args.buf + 8);
			$u = (union word *)(args.buf + 12);
			printf("%d %d %d | %d %d | %d %d | %d %d\n", $p->a, $p->b, $p->c,
			       $n->lo, $n->hi, $u->w, $u->b[0], sizeof(union word),
			       sizeof(struct pair));
		}'
	expect_status 0
	# 33 is 0x21 and 44 is 0x2c, whatever the byte order: read as the C compiler lays them out.
	if [ "$(printf '\001\000' | od -An -tu2 | tr -d ' ')" = 1 ]; then
		expect_out '^11 22 0 \| 1 2 \| 44 44 \| 4 8$'
	else
		expect_out '^11 0 22 \| 0 0 \| 44 0 \| 4 8$'
	fi
}
