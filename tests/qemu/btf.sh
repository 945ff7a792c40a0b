# SPDX-License-Identifier: GPL-2.0
# The kernel's BTF in the guests of tests/qemu/run: kprobe arguments typed
# by the function's prototype, and fentry/fexit through BPF trampolines.
# Debian's x86_64 and arm64 kernels have BTF and trampolines; its armhf,
# ppc64el and mips64el 6.1 have no BTF, and sonde must say so.

need_btf() {
	[ -r /sys/kernel/btf/vmlinux ] || skip "Linux $(uname -r) has no BTF"
}

case_kprobe_typed_args() {
	need_btf
	entry
	run_sonde -c 'dd if=/dev/zero of=/dev/null bs=7 count=50' \
		"kprobe:vfs_read$at / comm == \"dd\" / {
			@[args->count, str(args->file->f_path.dentry->d_name.name)] = count(); }"
	expect_status 0
	# vfs_read(struct file *file, char *buf, size_t count, loff_t *pos)
	at_least '^[{] 7, zero [}]: [0-9]+$' 50
}

# fentry and fexit where the kernel attaches trampolines to its functions:
# x86_64 since 5.5, arm64 since 6.4 (6.1 refuses with ENOTSUPP). Elsewhere
# the kernel's refusal must name them.
trampolines() {
	[ $status -ne 0 ] && [ "$(uname -m)" != x86_64 ] || return 0
	expect_status 1
	expect_err 'need BPF trampolines, which this kernel may lack'
	skip "Linux $(uname -r) on $(uname -m) has no BPF trampolines for its functions"
}

case_fentry_fexit_args_and_retval() {
	need_btf
	run_sonde -c 'dd if=/dev/zero of=/dev/null bs=7 count=50' '
		fentry:vfs_read / comm == "dd" / { @entry[args->count] = count(); }
		kretfunc:vmlinux:vfs_read / comm == "dd" / { @exit[retval, args->count] = count(); }'
	trampolines
	expect_status 0
	at_least '^7: [0-9]+$' 50
	# Each read of /dev/zero returns all it asked for.
	at_least '^[{] 7, 7 [}]: [0-9]+$' 50
}

case_fentry_without_btf() {
	[ ! -r /sys/kernel/btf/vmlinux ] || skip "Linux $(uname -r) has BTF"
	run_sonde 'fentry:vfs_read { @ = count(); }'
	expect_status 1
	expect_err "fentry needs the kernel's BTF, and this kernel has no BTF"
	run_sonde 'kprobe:vfs_read { @ = args->count; }'
	expect_status 1
	expect_err 'args->count needs the prototype of vfs_read, but this kernel has no BTF'
}
