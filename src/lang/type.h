/* SPDX-License-Identifier: GPL-2.0 */
/* Static types of script values, and how values of each are printed. */
#ifndef SONDE_LANG_TYPE_H
#define SONDE_LANG_TYPE_H

#include "base/arena.h"

enum type_kind {
	TYPE_VOID,
	TYPE_INT,
	TYPE_PTR,
	TYPE_ARRAY,
	TYPE_STRUCT,
};

/* How a value is shown by print(), %v and map dumps, beyond its C type. */
enum type_fmt {
	FMT_PLAIN,
	FMT_HEX,	/* pointers and addresses */
	FMT_TIME,	/* nanoseconds since boot, or a difference of them */
	FMT_WALLTIME,	/* nanoseconds since the epoch */
	FMT_KSYM,	/* kernel address, shown as symbol+offset */
	FMT_KFUNC,	/* kernel address, shown as the name of its function */
	FMT_USYM,	/* u64[2]: user address and pid, shown as the function's name */
	FMT_STACK,	/* stack id, shown as a symbolized call stack */
	FMT_USTACK,	/* pid << 32 | user stack id, symbolized in that process */
	FMT_DATALOC,	/* tracepoint __data_loc word: read it with dyn() */
	FMT_MEM,	/* byte buffer, shown as a hex dump */
	FMT_BUF,	/* byte buffer, shown as text with \xNN escapes */
	FMT_INET,	/* u8[20]: address family (u32), then the address */
	FMT_STRFTIME,	/* a monotonic timestamp, shown in the type's strftime format */
	FMT_ENUM,	/* an enum's value, shown by the name of its enumerator */
};

/*
 * How an aggregation's value is laid out, which decides how user space
 * merges the per-CPU copies, sorts elements and prints them.
 */
enum agg_shape {
	AGG_SCALAR,	/* one value: count(), sum() (summed), or a plain map's */
	AGG_MIN,	/* { value, seen }: the least value of the CPUs that saw one */
	AGG_MAX,
	AGG_AVG,	/* { sum, count } */
	AGG_STATS,	/* { sum, count }, shown as count, average and total */
	AGG_LOG2,	/* quantize(): u64 buckets for < 0, 0, 1, [2, 4), [4, 8)... */
	AGG_LINEAR,	/* lhist(): u64 buckets for < lo, [lo, lo + step)..., >= hi */
};

/* quantize()'s buckets: negative, zero, then one per power of two up to 2^63. */
#define LOG2_BUCKETS 66

/* Where a pointer points: decides which helper (or direct load) reads it. */
enum addr_space {
	SPACE_KERNEL,
	SPACE_USER,
	SPACE_CTX,	/* the program's context: loads are direct */
	SPACE_ANY,	/* unknown: read with the legacy helpers that read both, if any */
};

struct field {
	const char *name;	/* NULL in tuples */
	struct type *type;
	unsigned offset;
	/* A bitfield: bits of the type's value at offset, from bit shift up. */
	unsigned char shift, bits;
	struct field *next;
};

struct enumerator {
	const char *name;
	int64_t value;
};

struct type {
	enum type_kind kind;
	enum type_fmt fmt;
	unsigned size, align;
	bool is_signed;			/* TYPE_INT */
	enum addr_space space;		/* TYPE_PTR */
	struct type *base;		/* TYPE_PTR target, TYPE_ARRAY element */
	unsigned len;			/* TYPE_ARRAY */
	const char *name;		/* TYPE_STRUCT tag, or a typedef name for messages */
	const char *strftime;		/* FMT_STRFTIME: its format */
	struct field *fields;		/* TYPE_STRUCT */
	unsigned nfields;
	const struct enumerator *enums;	/* FMT_ENUM */
	unsigned nenums;
	/* A kernel type: its BTF id; a struct's fields are then read when first needed. */
	uint32_t btf_id;
	bool lazy;
};

extern struct type type_void, type_u8, type_s8, type_u16, type_s16,
	type_u32, type_s32, type_u64, type_s64, type_char, type_comm;

struct type *type_int(unsigned size, bool is_signed);
/* A type a cast may name: u8...s64, uint8...int64, char, void; NULL otherwise. */
struct type *type_by_name(const char *name);
struct type *type_new(struct arena *a, const struct type *proto);
struct type *type_ptr(struct arena *a, struct type *base, unsigned size, enum addr_space space);
struct type *type_array(struct arena *a, struct type *base, unsigned len);
struct type *type_with_fmt(struct arena *a, struct type *t, enum type_fmt fmt);
/* Appends a field at the next suitably aligned offset, or at a given one. */
struct field *type_add_field(struct arena *a, struct type *st, const char *name, struct type *t);
struct field *type_put_field(struct arena *a, struct type *st, const char *name, struct type *t,
			     unsigned offset);
/* Pads a struct to its alignment once all fields are added. */
void type_seal(struct type *st);
struct field *type_field(const struct type *st, const char *name);

bool type_is_scalar(const struct type *t);
bool type_is_string(const struct type *t);
bool type_equal(const struct type *a, const struct type *b);
/* "u64", "char[16]", "struct sched_switch *"... for messages. */
const char *type_name(struct arena *a, const struct type *t);

/*
 * The representation a value takes when stored in a map or sent to user
 * space: integers widen to 64 bits and strings round up to 8 bytes, so that
 * keys have no padding holes and every use of a map agrees on one layout.
 */
struct type *type_storage(struct arena *a, struct type *t);
/* A type both may be converted to, or NULL if they are incompatible. */
struct type *type_unify(struct arena *a, struct type *x, struct type *y);

#endif
