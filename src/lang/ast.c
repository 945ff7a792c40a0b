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

static struct node *clone(struct arena *a, const struct node *n);

/* A list of nodes (arguments, keys, statements), copied. */
static struct node *clone_list(struct arena *a, const struct node *n)
{
	struct node *head = NULL, **tail = &head;

	for (; n; n = n->next) {
		struct node *c = clone(a, n);

		LIST_APPEND(tail, c);
	}
	return head;
}

/* The parser bounds how deeply trees nest, and so this recursion. */
static struct node *clone(struct arena *a, const struct node *n)
{
	struct node *c;

	if (!n)
		return NULL;
	c = arena_memdup(a, n, sizeof(*n));
	c->next = NULL;
	switch (n->kind) {
	case NODE_MAP:
		c->map.keys = clone_list(a, n->map.keys);
		break;
	case NODE_CALL:
		c->call.args = clone_list(a, n->call.args);
		break;
	case NODE_UNARY:
		c->unary.arg = clone(a, n->unary.arg);
		break;
	case NODE_BINARY:
		c->binary.left = clone(a, n->binary.left);
		c->binary.right = clone(a, n->binary.right);
		break;
	case NODE_TERNARY:
	case NODE_IF:
		c->cond.cond = clone(a, n->cond.cond);
		c->cond.then = clone(a, n->cond.then);
		c->cond.els = clone(a, n->cond.els);
		break;
	case NODE_MEMBER:
		c->member.obj = clone(a, n->member.obj);
		break;
	case NODE_INDEX:
		c->index.obj = clone(a, n->index.obj);
		c->index.index = clone(a, n->index.index);
		break;
	case NODE_ASSIGN:
		c->assign.target = clone(a, n->assign.target);
		c->assign.value = clone(a, n->assign.value);
		break;
	case NODE_BLOCK:
		c->block.stmts = clone_list(a, n->block.stmts);
		break;
	case NODE_DELETE:
		c->del.map = clone(a, n->del.map);
		break;
	case NODE_NUM:
	case NODE_STR:
	case NODE_VAR:
	case NODE_RETURN:
		break;
	}
	return c;
}

static void walk_list(struct node *n, void (*fn)(struct node *, void *), void *ctx)
{
	for (; n; n = n->next)
		ast_walk(n, fn, ctx);
}

void ast_walk(struct node *n, void (*fn)(struct node *, void *), void *ctx)
{
	if (!n)
		return;
	fn(n, ctx);
	switch (n->kind) {
	case NODE_MAP:
		walk_list(n->map.keys, fn, ctx);
		break;
	case NODE_CALL:
		walk_list(n->call.args, fn, ctx);
		break;
	case NODE_UNARY:
		ast_walk(n->unary.arg, fn, ctx);
		break;
	case NODE_BINARY:
		ast_walk(n->binary.left, fn, ctx);
		ast_walk(n->binary.right, fn, ctx);
		break;
	case NODE_TERNARY:
	case NODE_IF:
		ast_walk(n->cond.cond, fn, ctx);
		ast_walk(n->cond.then, fn, ctx);
		ast_walk(n->cond.els, fn, ctx);
		break;
	case NODE_MEMBER:
		ast_walk(n->member.obj, fn, ctx);
		break;
	case NODE_INDEX:
		ast_walk(n->index.obj, fn, ctx);
		ast_walk(n->index.index, fn, ctx);
		break;
	case NODE_ASSIGN:
		ast_walk(n->assign.target, fn, ctx);
		ast_walk(n->assign.value, fn, ctx);
		break;
	case NODE_BLOCK:
		walk_list(n->block.stmts, fn, ctx);
		break;
	case NODE_DELETE:
		ast_walk(n->del.map, fn, ctx);
		break;
	case NODE_NUM:
	case NODE_STR:
	case NODE_VAR:
	case NODE_RETURN:
		break;
	}
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
