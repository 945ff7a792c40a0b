# SPDX-License-Identifier: GPL-2.0
# The kernel's own types, from its BTF: curtask, casts of raw pointers to
# kernel structs, anonymous unions, bitfields and enums, on this kernel.

need_btf() {
	[ -r /sys/kernel/btf/vmlinux ] || skip "this kernel has no BTF (CONFIG_DEBUG_INFO_BTF)"
}

case_curtask_and_its_parent() {
	need_btf
	# exec keeps the shell's pid and parent: the workload's are the ones it wrote.
	run_sonde -c "sh -c 'echo \$\$ >self; echo \$PPID >parent; exec $WORKLOAD getppid 1'" \
		't:syscalls:sys_enter_getppid / comm == "getppid-loop" / {
			printf("task %d %d %d %d %s\n", curtask->pid == tid, curtask->tgid == pid,
			       curtask->tgid, curtask->real_parent->tgid, curtask->comm);
		}'
	expect_status 0
	expect_out "^task 1 1 $(cat self) $(cat parent) getppid-loop\$"
}

case_bitfield_of_a_task() {
	need_btf
	command -v chrt >/dev/null || skip "needs chrt (util-linux)"
	# task_struct's sched_reset_on_fork:1, set by chrt --reset-on-fork;
	# in_execve:1 next to it is clear once the exec is done.
	# The command's shell runs the two, or execs the last: either way this run's.
	run_sonde -c "$WORKLOAD getppid 1; chrt --reset-on-fork --other 0 $WORKLOAD getppid 1" \
		't:syscalls:sys_enter_getppid / comm == "getppid-loop" &&
		  (pid == cpid || curtask->real_parent->tgid == cpid) / {
			printf("bits %d %d\n", curtask->sched_reset_on_fork, curtask->in_execve);
		}'
	expect_status 0
	# One line each, in either order: the two ran on CPUs of their own.
	expect_out '^bits 0 0$'
	expect_out '^bits 1 0$'
	[ "$(count_out '^bits ')" -eq 2 ] || fail "not two lines. $(show)"
}

case_raw_pointer_cast_to_kernel_struct() {
	need_btf
	# inet_sock_set_state gives the sock as a void *: its enum socket_state,
	# and a port in an anonymous union of struct sock_common.
	run_sonde -c "$WORKLOAD tcp4" \
		'tracepoint:sock:inet_sock_set_state / comm == "workload" && args.protocol == 6 / {
			$sk = (struct sock *)args.skaddr;
			printf("%d->%d %s %d %d\n", args.oldstate, args.newstate, $sk->sk_socket->state,
			       $sk->__sk_common.skc_num == args.sport, $sk->__sk_common.skc_family);
		}'
	expect_status 0
	# The client connects (SYN_SENT to ESTABLISHED), then closes (to FIN_WAIT1).
	expect_out '^2->1 SS_CONNECTING 1 2$'
	expect_out '^1->4 SS_CONNECTED 1 2$'
}

case_enum_by_name_in_text_and_keys() {
	need_btf
	run_sonde 'BEGIN { printf("%s %d %s\n", (enum pid_type)1, (enum pid_type)1, (enum pid_type)77);
			   @[(enum pid_type)2] = count(); exit(); }'
	expect_status 0
	expect_out '^PIDTYPE_TGID 1 77$'
	expect_out '^PIDTYPE_PGID: 1$'
}

case_kernel_typedef_cast() {
	need_btf
	run_sonde 'BEGIN { printf("%d %d\n", (pid_t)0xffffffff, sizeof(struct list_head)); exit(); }'
	expect_status 0
	expect_out "^-1 $((2 * $(getconf LONG_BIT) / 8))\$"
}

case_field_errors_suggest() {
	need_btf
	run_sonde -e 'BEGIN { print(curtask->ppid); }'
	expect_status 1
	expect_err "struct task_struct has no field 'ppid'; did you mean 'pid'?"
	run_sonde -e 'BEGIN { print((struct no_such_struct *)0); }'
	expect_status 1
	expect_err "unknown struct no_such_struct: neither the script nor the kernel's BTF has it"
}

case_script_struct_wins_over_btf() {
	need_btf
	# A script's own struct task_struct, as on a board without BTF: its layout, not the kernel's.
	run_sonde 'struct task_struct { char first[8]; };
		   BEGIN { printf("%d\n", sizeof(*curtask)); exit(); }'
	expect_status 0
	expect_out '^8$'
}

# This kernel has no kprobes and refuses tracing programs: their typing
# against its BTF is checked compiling (-e), and in tests/qemu/btf.sh running.
case_function_arguments_typed_by_prototype() {
	need_btf
	run_sonde -e 'kprobe:vfs_read { @[args->count, str(args->file->f_path.dentry->d_name.name)] = count(); }
		      fentry:vfs_read { @e[args->count] = count(); }
		      fexit:vfs_read { @x[retval, args->count] = count(); }
		      kfunc:vmlinux:vfs_write { @w = count(); }'
	expect_status 0
	run_sonde -e 'kprobe:vfs_read { @[args->cont] = count(); }'
	expect_status 1
	expect_err "vfs_read has no parameter 'cont'; did you mean 'count'?"
	run_sonde -e 'kprobe:vfs_rea* { @[args->count] = count(); }'
	expect_status 1
	expect_err "args->count is typed by one function's prototype"
	run_sonde -e 'fentry:vfs_read { @[arg4] = count(); }'
	expect_status 1
	expect_err 'vfs_read has 4 arguments: arg4 is not one'
	run_sonde -e 'fentry:no_such_function_here { @ = count(); }'
	expect_status 1
	expect_err "the kernel's BTF has no function 'no_such_function_here'"
}
