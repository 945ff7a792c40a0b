// SPDX-License-Identifier: GPL-2.0
#include "base/arena.h"
#include "lang/ast.h"

const char *op_spelling(enum op op)
{
	static const char *const spelling[] = {
		[OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*", [OP_DIV] = "/", [OP_MOD] = "%",
		[OP_AND] = "&", [OP_OR] = "|", [OP_XOR] = "^", [OP_SHL] = "<<", [OP_SHR] = ">>",
		[OP_EQ] = "==", [OP_NE] = "!=", [OP_LT] = "<", [OP_GT] = ">", [OP_LE] = "<=",
		[OP_GE] = ">=", [OP_LAND] = "&&", [OP_LOR] = "||", [OP_LXOR] = "^^",
		[OP_NEG] = "-", [OP_NOT] = "~", [OP_LNOT] = "!", [OP_DEREF] = "*",
	};
	return spelling[op] ? spelling[op] : "?";
}

/*
 * The places of a node's children: each holds one node or the first of a
 * list of them (arguments, keys, statements); a single child's next is NULL.
 */
static unsigned children(struct node *n, struct node **slots[4])
{
	switch (n->kind) {
	case NODE_MAP:
		slots[0] = &n->map.keys;
		return 1;
	case NODE_CALL:
		slots[0] = &n->call.args;
		return 1;
	case NODE_UNARY:
		slots[0] = &n->unary.arg;
		return 1;
	case NODE_BINARY:
		slots[0] = &n->binary.left;
		slots[1] = &n->binary.right;
		return 2;
	case NODE_TERNARY:
	case NODE_IF:
		slots[0] = &n->cond.cond;
		slots[1] = &n->cond.then;
		slots[2] = &n->cond.els;
		return 3;
	case NODE_MEMBER:
		slots[0] = &n->member.obj;
		return 1;
	case NODE_INDEX:
		slots[0] = &n->index.obj;
		slots[1] = &n->index.index;
		return 2;
	case NODE_ASSIGN:
		slots[0] = &n->assign.target;
		slots[1] = &n->assign.value;
		return 2;
	case NODE_BLOCK:
		slots[0] = &n->block.stmts;
		return 1;
	case NODE_DELETE:
		slots[0] = &n->del.map;
		return 1;
	case NODE_TUPLE:
		slots[0] = &n->tuple.elems;
		return 1;
	case NODE_CAST:
		slots[0] = &n->cast.arg;
		return 1;
	case NODE_WHILE:
	case NODE_FOR:
	case NODE_UNROLL:
	case NODE_MAP_LOOP:
		slots[0] = &n->loop.init;
		slots[1] = &n->loop.cond;
		slots[2] = &n->loop.step;
		slots[3] = &n->loop.body;
		return 4;
	case NODE_NUM:
	case NODE_STR:
	case NODE_VAR:
	case NODE_SCRATCH:
	case NODE_RETURN:
	case NODE_BREAK:
	case NODE_CONTINUE:
		break;
	}
	return 0;
}

/* The parser bounds how deeply trees nest, and so this recursion. */
void ast_walk(struct node *n, void (*fn)(struct node *, void *), void *ctx)
{
	struct node **slots[4], *c;
	unsigned i, k;

	if (!n)
		return;
	fn(n, ctx);
	k = children(n, slots);
	for (i = 0; i < k; i++)
		for (c = *slots[i]; c; c = c->next)
			ast_walk(c, fn, ctx);
}

/* A copy of a list of nodes, and of everything below them. */
static struct node *clone(struct arena *a, const struct node *n)
{
	struct node *head = NULL, **tail = &head, **slots[4];
	unsigned i, k;

	for (; n; n = n->next) {
		struct node *c = arena_memdup(a, n, sizeof(*n));

		c->next = NULL;
		k = children(c, slots);
		for (i = 0; i < k; i++)
			*slots[i] = clone(a, *slots[i]);
		LIST_APPEND(tail, c);
	}
	return head;
}

void ast_unshare(struct arena *a, struct probe *probes)
{
	struct probe *p, *q;

	for (p = probes; p; p = p->next) {
		for (q = probes; q != p && q->body != p->body; q = q->next)
			;
		if (q == p)
			continue;
		p->body = clone(a, p->body);
		p->pred = clone(a, p->pred);
	}
}

void ast_map_element(struct node *map, struct node *key)
{
	map->map.whole = false;
	map->map.keys = key->kind == NODE_TUPLE ? key->tuple.elems : key;
	map->map.nkeys = key->kind == NODE_TUPLE ? key->tuple.n : 1;
}
