/* SPDX-License-Identifier: GPL-2.0 */
/* The typed abstract syntax tree built by the parser and annotated by sema. */
#ifndef SONDE_LANG_AST_H
#define SONDE_LANG_AST_H

#include "base/diag.h"
#include "lang/type.h"

enum node_kind {
	/* expressions */
	NODE_NUM,
	NODE_STR,
	NODE_VAR,	/* built-in or provider variable: comm, pid, data, arg0... */
	NODE_MAP,	/* map[keys], @agg[keys], or a whole map as in print(@) */
	NODE_CALL,
	NODE_UNARY,
	NODE_BINARY,
	NODE_TERNARY,
	NODE_MEMBER,	/* obj.name, obj->name, tuple.0 */
	NODE_INDEX,	/* array[index] */
	NODE_SCRATCH,	/* $name; the parameters $1, $# until sema makes them constants */
	NODE_TUPLE,	/* (a, b, ...) */
	NODE_CAST,	/* (u32)x, (u8 *)p */
	/* statements (any expression is a statement too) */
	NODE_ASSIGN,	/* map[keys] op= value, @agg[keys] = aggregation(...) */
	NODE_DELETE,
	NODE_IF,
	NODE_BLOCK,
	NODE_RETURN,
	NODE_WHILE,	/* while (cond) body */
	NODE_FOR,	/* for (init; cond; step) body */
	NODE_UNROLL,	/* unroll (count) body */
	NODE_MAP_LOOP,	/* for ($kv : @map) body: $kv in init, the map in cond */
	NODE_BREAK,
	NODE_CONTINUE,
};

enum op {
	OP_NONE,
	/* binary arithmetic, in the order of the compound assignment tokens */
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_AND, OP_OR, OP_XOR, OP_SHL, OP_SHR,
	/* comparisons */
	OP_EQ, OP_NE, OP_LT, OP_GT, OP_LE, OP_GE,
	/* logical */
	OP_LAND, OP_LOR, OP_LXOR,
	/* unary */
	OP_NEG, OP_NOT, OP_LNOT, OP_DEREF,
};

struct builtin;
struct map;

/* A scratch variable: declared by its first assignment, in a block. */
struct var {
	const char *name;	/* "$x" */
	struct type *type;
	struct loc loc;		/* where it is declared */
	int slot;		/* its r10 offset, while its block's code is made */
	bool of_map_loop;	/* the $kv of for ($kv : @map): its slot is the loop's */
	struct var *next;	/* the next of its block */
};

struct node {
	enum node_kind kind;
	struct loc loc;
	struct type *type;	/* set by sema */
	struct node *next;	/* next argument, key or statement */
	union {
		uint64_t num;
		struct {
			const char *data;
			size_t len;
		} str;
		struct {
			const char *name;
			const struct builtin *def;
		} var;
		struct {
			const char *name;
			struct node *keys;
			unsigned nkeys;
			bool agg;	/* @name: an aggregation */
			bool whole;	/* no brackets: the map itself */
			struct map *map;
		} map;
		struct {
			const char *name;
			struct node *args;
			unsigned nargs;
			const struct builtin *def;
			int event;	/* what it sends to user space: a plan event, or -1 */
			unsigned top;	/* print(@m, N): the N largest elements */
		} call;
		struct {
			enum op op;
			struct node *arg;
		} unary;
		struct {
			enum op op;
			struct node *left, *right;
		} binary;
		struct {	/* NODE_TERNARY and NODE_IF */
			struct node *cond, *then, *els;
		} cond;
		struct {
			struct node *obj;
			const char *name;	/* a tuple's: its index, "0" */
			bool arrow;
			bool raw;	/* args.field's __data_loc word itself, as dyn() takes it */
			const struct field *field;
		} member;
		struct {
			struct node *obj, *index;
		} index;
		struct {
			enum op op;	/* OP_NONE for plain '=' */
			struct node *target, *value;	/* no value: "let $x;" */
			bool declares;			/* let $x ... */
		} assign;
		struct {
			struct node *stmts;
			struct var *vars;	/* declared in it */
		} block;
		struct {
			const char *name;
			struct var *var;
		} scratch;
		struct {
			struct node *elems;
			unsigned n;
		} tuple;
		struct {
			const char *to;		/* a type's name: "u32", "struct sock" */
			struct type *resolved;	/* or the type itself: args->NAME's */
			unsigned stars;		/* (u8 **): 2 */
			struct node *arg;
		} cast;
		struct {	/* NODE_WHILE, NODE_FOR, NODE_UNROLL (its count in cond), NODE_MAP_LOOP */
			struct node *init, *cond, *step, *body;
		} loop;
		struct {
			struct node *map;
		} del;
	};
};

struct provider;
struct attach;
struct usdt_arg;

/* What a multi-attached uprobe's probe, func and caller say at each of its functions. */
enum point_label { LABEL_PROBE, LABEL_FUNC, LABEL_CALLER, LABELS };

/* One probe: a spec, and the program that runs where it attaches. */
struct probe {
	struct loc loc;
	const char *spec;	/* "tracepoint:sched/sched_switch", globs expanded */
	const char *target;	/* "sched/sched_switch" */
	struct node *pred;	/* may be NULL */
	struct node *body;	/* NODE_BLOCK; the parser shares one among a spec list */

	/* Set when the provider resolves the spec. */
	const struct provider *provider;
	struct attach *attach;	/* where the runtime attaches the program */
	struct type *ctx;	/* the record a tracepoint's data points to */
	const char *file;	/* a uprobe's file, found */
	const char *func;	/* a uprobe's function and offset in it, fixed */
	const char *caller;
	/*
	 * A multi-attached uprobe's: its points' labels, LABELS a point,
	 * label_size bytes each (the longest, and its NUL); 0 for others.
	 */
	const char *labels;
	unsigned label_size;
	const char *kfunc;	/* the one kernel function it is on, whose BTF types args->NAME */
	unsigned btf_func;	/* that function's BTF id, once looked up */
	unsigned nargs;		/* fentry: its parameters, before fexit's return value */
	const struct usdt_arg *usdt;	/* a USDT note's operands, nargs of them */
	const char *usdt_rest;	/* why no more are read: " sonde reads (then ...)", or "" */

	/* Set by sema. */
	bool uses_ctx;		/* the program reads its context */
	unsigned comm_uses;	/* and how many times the task's comm */
	struct probe *next;
};

/* A member of a C struct the script declares: CTYPE *NAME[LEN] : BITS; */
struct cfield {
	struct loc loc;
	const char *ctype;		/* "unsigned long", "struct foo" */
	unsigned stars, len, bits;	/* len: array elements, or 0; bits: 0 if no bitfield */
	const char *name;
	struct cfield *next;
};

/* struct NAME { members }; in the script: a type for casts, where no BTF has it. */
struct cstruct {
	struct loc loc;
	const char *name;
	bool is_union;
	struct cfield *fields;
	struct cstruct *next;
};

/* What the parser makes of a script. */
struct script {
	struct probe *probes;
	struct cstruct *structs;
};

/* "+", "==", "!"... for messages. */
const char *op_spelling(enum op op);

/* Makes a whole map the element at key, a tuple being several keys: has_key(m, key). */
void ast_map_element(struct node *map, struct node *key);

/* Calls fn on n and every node below it, parents first. */
void ast_walk(struct node *n, void (*fn)(struct node *n, void *ctx), void *ctx);

/*
 * Gives every probe a body and predicate of its own, copying those shared
 * with an earlier probe: sema types each probe's tree for its provider.
 */
void ast_unshare(struct arena *a, struct probe *probes);

#endif
