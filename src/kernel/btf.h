/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small reader of BTF, the kernel's description of its own types
 * (/sys/kernel/btf/vmlinux, and a module's split BTF on top of it): types
 * by id, their members, enumerators and parameters, and types by name.
 * The layouts are our own, not <linux/btf.h>'s, which older UAPI headers
 * lack.
 */
#ifndef SONDE_KERNEL_BTF_H
#define SONDE_KERNEL_BTF_H

#include "base/common.h"

/* The kinds of types, numbered as the kernel numbers them; id 0 is void. */
enum btf_kind {
	BTF_VOID, BTF_INT, BTF_PTR, BTF_ARRAY, BTF_STRUCT, BTF_UNION, BTF_ENUM, BTF_FWD,
	BTF_TYPEDEF, BTF_VOLATILE, BTF_CONST, BTF_RESTRICT, BTF_FUNC, BTF_FUNC_PROTO,
	BTF_VAR, BTF_DATASEC, BTF_FLOAT, BTF_DECL_TAG, BTF_TYPE_TAG, BTF_ENUM64,
};

struct btf;

struct btf_type_info {
	enum btf_kind kind;
	const char *name;	/* "" if anonymous */
	uint32_t size;		/* bytes of an INT, STRUCT, UNION, ENUM, ENUM64, FLOAT, DATASEC */
	/*
	 * What a PTR, TYPEDEF, VOLATILE, CONST, RESTRICT, TYPE_TAG, FUNC, VAR
	 * or DECL_TAG refers to; an ARRAY's element; a FUNC_PROTO's return
	 * type (0: void).
	 */
	uint32_t type;
	/*
	 * Members, enumerators, parameters, DATASEC variables; an ARRAY's
	 * number of elements; a FUNC's linkage (0 static, 1 global).
	 */
	uint32_t vlen;
	bool kind_flag;		/* bitfield offsets (STRUCT, UNION), signed (ENUM), union (FWD) */
	bool is_signed;		/* INT, ENUM, ENUM64 */
	unsigned bits;		/* INT: bits of the value */
};

struct btf_member_info {
	const char *name;	/* "" for an anonymous struct or union member */
	uint32_t type;
	uint32_t bit_offset;
	unsigned bit_size;	/* 0 if not a bitfield */
};

/*
 * Maps a BTF file: the kernel's (base NULL) or a module's, split on base,
 * which must outlive it. NULL with *why set (a static string) if it cannot
 * be read or is malformed: everything is checked here, so that no accessor
 * can read outside the file, whatever it holds. Only BTF of the host's
 * byte order is read, as the kernel's own always is.
 */
struct btf *btf_open(const char *path, const struct btf *base, const char **why);
/* The same for BTF in memory, which must outlive the result. */
struct btf *btf_read(const void *data, size_t size, const struct btf *base, const char **why);
void btf_close(struct btf *b);

/* Ids 1 to count - 1 are types; a split BTF's continue after its base's. */
uint32_t btf_count(const struct btf *b);
/* Type id (0 reads as void); false for an id out of range. */
bool btf_type(const struct btf *b, uint32_t id, struct btf_type_info *t);
/* The i-th member of a STRUCT or UNION; false past the last, or for another kind. */
bool btf_member(const struct btf *b, uint32_t id, uint32_t i, struct btf_member_info *m);
/*
 * The member called name of a STRUCT or UNION, looking inside anonymous
 * members as C does (bit_offset is then from the start of id); false if
 * there is none.
 */
bool btf_member_find(const struct btf *b, uint32_t id, const char *name,
		     struct btf_member_info *m);
/*
 * The i-th enumerator of an ENUM (its value sign-extended if the enum is
 * signed) or ENUM64; false past the last, or for another kind.
 */
bool btf_enumerator(const struct btf *b, uint32_t id, uint32_t i, const char **name,
		    int64_t *value);
/*
 * The i-th parameter of a FUNC_PROTO, or of a FUNC's; false past the last.
 * A variadic function's last is "" of type 0.
 */
bool btf_param(const struct btf *b, uint32_t id, uint32_t i, const char **name, uint32_t *type);
/* The first type of that kind and name, the base's first; 0 if there is none. */
uint32_t btf_find(const struct btf *b, enum btf_kind kind, const char *name);
/*
 * Follows TYPEDEF, VOLATILE, CONST, RESTRICT and TYPE_TAG to the type they
 * qualify; 0 (void) after a chain of 32, which only a malformed cycle makes.
 */
uint32_t btf_skip_modifiers(const struct btf *b, uint32_t id);

#endif
