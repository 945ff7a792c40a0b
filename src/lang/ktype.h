/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's own types, read from its BTF when a script names one: the
 * struct behind curtask, (struct sock *)arg0, a function's parameters.
 * Only the types a script reaches are made into sonde's types, and a
 * struct's members only once one of them is used: task_struct alone
 * refers to hundreds of others.
 */
#ifndef SONDE_LANG_KTYPE_H
#define SONDE_LANG_KTYPE_H

#include "base/buf.h"
#include "kernel/btf.h"
#include "lang/type.h"
#include "target/target.h"

struct ktypes {
	const struct target *target;
	struct arena *types;		/* where the types made live: the plan's */
	struct btf *btf;		/* opened when first needed */
	const char *why;		/* why there is none */
	bool opened;
	struct type **made;		/* the structs and enums made so far, one per id */
	unsigned nmade;
};

/* The target's BTF, opened the first time; NULL (kt->why says why) if it has none. */
struct btf *ktype_btf(struct ktypes *kt);
/* "struct sock", "union bpf_attr", "enum pid_type" or a typedef's name; NULL if unknown. */
struct type *ktype_named(struct ktypes *kt, const char *text);
/* The type of a BTF id, modifiers and typedefs seen through. */
struct type *ktype_of(struct ktypes *kt, uint32_t id);
/* The member of a kernel struct, its members read first if need be; NULL if none. */
const struct field *ktype_field(struct ktypes *kt, struct type *st, const char *name);
/* A kernel struct's members, read if need be, for messages and printing. */
void ktype_fill(struct ktypes *kt, struct type *st);
/* The BTF id of the kernel function name, or 0 (kt->why then says why). */
uint32_t ktype_func(struct ktypes *kt, const char *name);
/* A BTF type as C spells it, "const char *", "struct file *", for listings. */
void ktype_spell(struct ktypes *kt, uint32_t id, struct buf *b);
void ktype_close(struct ktypes *kt);

#endif
