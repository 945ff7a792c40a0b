/* SPDX-License-Identifier: GPL-2.0 */
/* The typed abstract syntax tree built by the parser and annotated by sema. */
#ifndef SONDE_AST_H
#define SONDE_AST_H

#include "type.h"

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
	NODE_MEMBER,	/* obj.name, obj->name */
	NODE_INDEX,	/* array[index] */
	/* statements (any expression is a statement too) */
	NODE_ASSIGN,	/* map[keys] op= value, @agg[keys] = aggregation(...) */
	NODE_DELETE,
	NODE_IF,
	NODE_BLOCK,
	NODE_RETURN,
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
			bool whole;	/* no brackets: the map itself */
			struct map *map;
		} map;
		struct {
			const char *name;
			struct node *args;
			unsigned nargs;
			const struct builtin *def;
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
			const char *name;
			bool arrow;
			const struct field *field;
		} member;
		struct {
			struct node *obj, *index;
		} index;
		struct {
			enum op op;	/* OP_NONE for plain '=' */
			struct node *target, *value;
		} assign;
		struct {
			struct node *stmts;
		} block;
		struct {
			struct node *map;
		} del;
	};
};

/* "+", "==", "!"... for messages. */
const char *op_spelling(enum op op);

#endif
