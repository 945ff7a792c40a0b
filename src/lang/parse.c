// SPDX-License-Identifier: GPL-2.0
/*
 * Recursive-descent parser. Each function is named after the grammar rule
 * written above it; the token cursor is passed explicitly.
 */
#include "lang/lex.h"
#include "lang/parse.h"

/*
 * How deeply constructs may nest: parentheses, operators, blocks. Sema and
 * codegen recurse over the tree as the parser does, so this bounds every
 * stage's stack, with room to spare on a board's 256 KB stack.
 */
#define MAX_NESTING 100

struct parser {
	struct arena *a;
	struct token *tok;
	unsigned depth;
	unsigned loops;		/* how many loops the statement is in */
};

/* One level deeper, at the current token; leave() goes back up. */
static void enter(struct parser *ps)
{
	if (++ps->depth > MAX_NESTING)
		error_at(&ps->tok->loc, "nesting too deep (limit %d)", MAX_NESTING);
}

static void leave(struct parser *ps)
{
	ps->depth--;
}

static noreturn void expected(struct parser *ps, const char *what)
{
	struct token *t = ps->tok;

	if (t->kind == TOK_EOF)
		error_at(&t->loc, "expected %s at end of input", what);
	if (t->kind == TOK_IDENT || t->kind == TOK_PSPEC || t->kind == TOK_AGG)
		error_at(&t->loc, "expected %s before '%s'", what, t->text);
	error_at(&t->loc, "expected %s before %s", what, lex_kind_name(t->kind));
}

static bool accept(struct parser *ps, enum tok_kind kind)
{
	if (ps->tok->kind != kind)
		return false;
	ps->tok++;
	return true;
}

static struct token *expect(struct parser *ps, enum tok_kind kind)
{
	if (ps->tok->kind != kind)
		expected(ps, lex_kind_name(kind));
	return ps->tok++;
}

/* Lua-style: "expected ')' (to close '(' at line 3)" when the opener is elsewhere. */
static void expect_closing(struct parser *ps, enum tok_kind kind, const struct token *open)
{
	char what[64];

	if (ps->tok->kind == kind) {
		ps->tok++;
		return;
	}
	if (open->loc.line == ps->tok->loc.line)
		expected(ps, lex_kind_name(kind));
	snprintf(what, sizeof(what), "%s (to close %s at line %u)",
		 lex_kind_name(kind), lex_kind_name(open->kind), open->loc.line);
	expected(ps, what);
}

static struct node *new_node(struct parser *ps, enum node_kind kind, const struct loc *loc)
{
	struct node *n = arena_alloc(ps->a, sizeof(*n));

	n->kind = kind;
	n->loc = *loc;
	return n;
}

/* Makes a node's location span from its first to its last token. */
static void span(struct node *n, const struct token *last)
{
	if (last->loc.off >= n->loc.off)
		n->loc.len = last->loc.off + last->loc.len - n->loc.off;
}

static struct node *expr(struct parser *ps);
static struct node *unary(struct parser *ps);
static struct node *stmt(struct parser *ps);

/* exprs = expr ("," expr)* */
static struct node *exprs(struct parser *ps, unsigned *count)
{
	struct node head = { 0 }, *cur = &head;

	*count = 0;
	do {
		cur = cur->next = expr(ps);
		(*count)++;
	} while (accept(ps, TOK_COMMA));
	return head.next;
}

static bool is_word(const struct token *t, const char *word)
{
	return t->kind == TOK_IDENT && !strcmp(t->text, word);
}

/*
 * Where the C type at t ends: "struct NAME", "union NAME", "enum NAME", words such as
 * "unsigned long", or one name ("u32", "uint32_t"); NULL if t starts none.
 */
static const struct token *ctype_end(const struct token *t)
{
	static const char *const words[] = { "unsigned", "signed", "char", "short", "int", "long" };
	const struct token *start = t;
	size_t i;

	if ((is_word(t, "struct") || is_word(t, "union") || is_word(t, "enum")) &&
	    t[1].kind == TOK_IDENT)
		return t + 2;
	for (; t->kind == TOK_IDENT; t++) {
		for (i = 0; i < ARRAY_SIZE(words) && strcmp(t->text, words[i]); i++)
			;
		if (i == ARRAY_SIZE(words))
			break;
	}
	if (t == start && t->kind == TOK_IDENT)
		return t + 1;
	return t == start ? NULL : t;
}

/* The C type's words, one space between them. */
static const char *ctype(struct parser *ps)
{
	const struct token *end = ctype_end(ps->tok);
	const char *text = "";

	if (!end)
		expected(ps, "a type");
	for (; ps->tok < end; ps->tok++)
		text = *text ? arena_printf(ps->a, "%s %s", text, ps->tok->text) : ps->tok->text;
	return text;
}

/* Whether a type, and no value, starts at t: more than a word, or a type's name. */
static bool at_type(const struct token *t)
{
	const struct token *end = ctype_end(t);

	return end && (end > t + 1 || type_by_name(t->text));
}

/*
 * primary = NUM | STR | SCRATCH | "(" expr ")" | "(" expr ("," expr)+ ")"
 *         | IDENT "(" exprs? ")"       -- call
 *         | IDENT "[" exprs "]"        -- map element
 *         | AGG ("[" exprs "]")?       -- aggregation element, or the whole map
 *         | IDENT                      -- variable (or a whole map, in print(m))
 */
static struct node *primary(struct parser *ps)
{
	struct token *t = ps->tok, *open;
	struct node *n;

	switch (t->kind) {
	case TOK_NUM:
		ps->tok++;
		n = new_node(ps, NODE_NUM, &t->loc);
		n->num = t->num;
		return n;
	case TOK_STR:
		ps->tok++;
		n = new_node(ps, NODE_STR, &t->loc);
		n->str.data = t->text;
		n->str.len = t->len;
		return n;
	case TOK_SCRATCH:
		ps->tok++;
		n = new_node(ps, NODE_SCRATCH, &t->loc);
		n->scratch.name = t->text;
		return n;
	case TOK_LPAREN:
		ps->tok++;
		n = expr(ps);
		if (ps->tok->kind == TOK_COMMA) {
			struct node *tuple = new_node(ps, NODE_TUPLE, &t->loc);

			ps->tok++;
			n->next = exprs(ps, &tuple->tuple.n);
			tuple->tuple.elems = n;
			tuple->tuple.n++;
			n = tuple;
			span(n, ps->tok);
		}
		expect_closing(ps, TOK_RPAREN, t);
		return n;
	case TOK_IDENT:
	case TOK_AGG:
		ps->tok++;
		open = ps->tok;
		if (t->kind == TOK_IDENT && accept(ps, TOK_LPAREN)) {
			n = new_node(ps, NODE_CALL, &t->loc);
			n->call.name = t->text;
			n->call.event = -1;
			if (!strcmp(t->text, "sizeof") && at_type(ps->tok)) {
				/* sizeof(struct foo): the type as a cast of nothing */
				n->call.args = new_node(ps, NODE_CAST, &ps->tok->loc);
				n->call.args->cast.to = ctype(ps);
				while (accept(ps, TOK_STAR))
					n->call.args->cast.stars++;
				n->call.nargs = 1;
			} else if (ps->tok->kind != TOK_RPAREN) {
				n->call.args = exprs(ps, &n->call.nargs);
			}
			span(n, ps->tok);
			expect_closing(ps, TOK_RPAREN, open);
			return n;
		}
		if (t->kind == TOK_AGG || ps->tok->kind == TOK_LBRACKET) {
			n = new_node(ps, NODE_MAP, &t->loc);
			n->map.name = t->text;
			n->map.agg = t->kind == TOK_AGG;
			n->map.whole = true;
			if (accept(ps, TOK_LBRACKET)) {
				n->map.whole = false;
				n->map.keys = exprs(ps, &n->map.nkeys);
				span(n, ps->tok);
				expect_closing(ps, TOK_RBRACKET, open);
			}
			return n;
		}
		n = new_node(ps, NODE_VAR, &t->loc);
		n->var.name = t->text;
		return n;
	default:
		expected(ps, "expression");
	}
}

/* postfix = primary ("." IDENT | "." NUM | "->" IDENT | "[" expr "]")* */
static struct node *postfix(struct parser *ps)
{
	struct node *n = primary(ps), *m;

	for (;;) {
		struct token *t = ps->tok;

		if (accept(ps, TOK_DOT) || accept(ps, TOK_ARROW)) {
			/* A tuple's element: its index, written as a name. */
			struct token *name = t->kind == TOK_DOT && ps->tok->kind == TOK_NUM ?
					     ps->tok++ : expect(ps, TOK_IDENT);

			if (name->kind == TOK_NUM)
				name->text = arena_printf(ps->a, "%llu", (unsigned long long)name->num);
			m = new_node(ps, NODE_MEMBER, &n->loc);
			m->member.obj = n;
			m->member.arrow = t->kind == TOK_ARROW;
			m->member.name = name->text;
			span(m, name);
			n = m;
		} else if (accept(ps, TOK_LBRACKET)) {
			m = new_node(ps, NODE_INDEX, &n->loc);
			m->index.obj = n;
			m->index.index = expr(ps);
			span(m, ps->tok);
			expect_closing(ps, TOK_RBRACKET, t);
			n = m;
		} else {
			return n;
		}
	}
}

/*
 * Whether the tokens at t are a cast's "(" TYPE "*"* ")": a type of more
 * than a word, a known type name, or any name followed by stars or by an
 * operand, which only a cast allows.
 */
static bool at_cast(const struct token *t)
{
	const struct token *name = t + 1, *end = ctype_end(name);

	if (t[0].kind != TOK_LPAREN || !end)
		return false;
	for (t = end; t->kind == TOK_STAR; t++)
		;
	if (t->kind != TOK_RPAREN)
		return false;
	switch (t[1].kind) {
	case TOK_IDENT:
	case TOK_NUM:
	case TOK_SCRATCH:
	case TOK_LPAREN:
		return true;
	default:
		return type_by_name(name->text) || t > name + 1;
	}
}

/* cast = "(" TYPE "*"* ")" unary */
static struct node *cast(struct parser *ps)
{
	struct token *open = ps->tok++;
	struct node *n = new_node(ps, NODE_CAST, &open->loc);

	n->cast.to = ctype(ps);
	while (accept(ps, TOK_STAR))
		n->cast.stars++;
	expect_closing(ps, TOK_RPAREN, open);
	enter(ps);
	n->cast.arg = unary(ps);
	leave(ps);
	span(n, ps->tok - 1);
	return n;
}

/* unary = ("-" | "~" | "!" | "*") unary | cast | postfix */
static struct node *unary(struct parser *ps)
{
	static const struct {
		enum tok_kind tok;
		enum op op;
	} ops[] = {
		{ TOK_MINUS, OP_NEG }, { TOK_TILDE, OP_NOT },
		{ TOK_BANG, OP_LNOT }, { TOK_STAR, OP_DEREF },
	};
	struct token *t = ps->tok;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		if (accept(ps, ops[i].tok)) {
			struct node *n = new_node(ps, NODE_UNARY, &t->loc);

			enter(ps);
			n->unary.op = ops[i].op;
			n->unary.arg = unary(ps);
			leave(ps);
			span(n, ps->tok - 1);
			return n;
		}
	}
	if (at_cast(ps->tok))
		return cast(ps);
	return postfix(ps);
}

/*
 * Binary operators by precedence level, loosest first. Each level is
 *     level(n) = level(n+1) (op level(n+1))*
 * ply's "^^" (logical xor) sits between "||" and "&&".
 */
static const struct {
	enum tok_kind tok;
	enum op op;
	int level;
} binops[] = {
	{ TOK_OROR, OP_LOR, 0 }, { TOK_XORXOR, OP_LXOR, 1 }, { TOK_ANDAND, OP_LAND, 2 },
	{ TOK_PIPE, OP_OR, 3 }, { TOK_CARET, OP_XOR, 4 }, { TOK_AMP, OP_AND, 5 },
	{ TOK_EQ, OP_EQ, 6 }, { TOK_NE, OP_NE, 6 },
	{ TOK_LT, OP_LT, 7 }, { TOK_GT, OP_GT, 7 }, { TOK_LE, OP_LE, 7 }, { TOK_GE, OP_GE, 7 },
	{ TOK_SHL, OP_SHL, 8 }, { TOK_SHR, OP_SHR, 8 },
	{ TOK_PLUS, OP_ADD, 9 }, { TOK_MINUS, OP_SUB, 9 },
	{ TOK_STAR, OP_MUL, 10 }, { TOK_SLASH, OP_DIV, 10 }, { TOK_PERCENT, OP_MOD, 10 },
};

/*
 * binary(level) = unary (op binary(op's level + 1))*   for ops of level or looser
 * Precedence climbing: one call per operator, not per level. A left-deep
 * chain such as 1 + 2 + 3 nests as deeply as it is long.
 * A '/' followed by '{' is never a division: it closes a predicate.
 */
static struct node *binary(struct parser *ps, int level)
{
	unsigned depth = ps->depth;
	struct node *n = unary(ps);

	for (;;) {
		struct token *t = ps->tok;
		struct node *b;
		size_t i;

		if (t->kind == TOK_SLASH && t[1].kind == TOK_LBRACE)
			break;
		for (i = 0; i < ARRAY_SIZE(binops); i++)
			if (binops[i].level >= level && binops[i].tok == t->kind)
				break;
		if (i == ARRAY_SIZE(binops))
			break;
		enter(ps);
		ps->tok++;
		b = new_node(ps, NODE_BINARY, &n->loc);
		b->binary.op = binops[i].op;
		b->binary.left = n;
		b->binary.right = binary(ps, binops[i].level + 1);
		span(b, ps->tok - 1);
		n = b;
	}
	ps->depth = depth;
	return n;
}

/* ternary = binary(0) ("?" expr ":" ternary)? */
static struct node *ternary(struct parser *ps)
{
	struct node *n = binary(ps, 0), *t;
	struct token *q = ps->tok;

	if (!accept(ps, TOK_QUESTION))
		return n;
	enter(ps);
	t = new_node(ps, NODE_TERNARY, &n->loc);
	t->cond.cond = n;
	t->cond.then = expr(ps);
	if (!accept(ps, TOK_COLON)) {
		char what[48];

		snprintf(what, sizeof(what), "':' (to match '?' at %u:%u)", q->loc.line, q->loc.col);
		expected(ps, what);
	}
	t->cond.els = ternary(ps);
	leave(ps);
	span(t, ps->tok - 1);
	return t;
}

/* expr = ternary */
static struct node *expr(struct parser *ps)
{
	struct node *n;

	enter(ps);
	n = ternary(ps);
	leave(ps);
	return n;
}

static void end_of_stmt(struct parser *ps, const char *after)
{
	const struct token *prev = ps->tok - 1;
	struct loc loc = prev->loc;

	/* The last statement of a block may omit its ';'; at the end, the block reports. */
	if (accept(ps, TOK_SEMI) || ps->tok->kind == TOK_RBRACE || ps->tok->kind == TOK_EOF)
		return;
	/* Like gcc, point just past the statement, where the ';' belongs. */
	loc.off += loc.len;
	loc.col += loc.len;
	loc.len = 1;
	if (ps->tok->kind == TOK_IDENT || ps->tok->kind == TOK_AGG)
		error_at(&loc, "expected ';' after %s, before '%s'", after, ps->tok->text);
	error_at(&loc, "expected ';' after %s, before %s", after, lex_kind_name(ps->tok->kind));
}

static void check_target(struct node *target, const struct token *op)
{
	const char *spelling = lex_kind_name(op->kind);	/* quoted: "'='" */

	/* "@ = count()": an aggregation with a single value */
	if (target->kind == NODE_MAP && target->map.agg)
		target->map.whole = false;
	if (target->kind == NODE_SCRATCH)
		return;
	if (target->kind == NODE_VAR)
		error_at(&target->loc, "'%s' cannot be assigned: write $%s %.*s ... for a "
			 "variable, or %s[key] for a map", target->var.name, target->var.name,
			 (int)strlen(spelling) - 2, spelling + 1, target->var.name);
	if (target->kind != NODE_MAP || target->map.whole)
		error_at(&target->loc, "only a variable or a map element can be assigned: the "
			 "left side of %s must look like $name, name[key] or @name[key]", spelling);
}

/*
 * assignment = expr (("=" | "+=" | "-=" | ...) expr | "++" | "--")?
 * The value is parsed first: "x = ;" misses an expression, whatever x is.
 */
static struct node *assignment(struct parser *ps)
{
	struct node *target = expr(ps), *n, *value;
	struct token *t = ps->tok;

	if (t->kind >= TOK_ASSIGN && t->kind <= TOK_SHR_ASSIGN) {
		ps->tok++;
		value = expr(ps);
	} else if (t->kind == TOK_INC || t->kind == TOK_DEC) {
		ps->tok++;
		value = new_node(ps, NODE_NUM, &t->loc);
		value->num = 1;
	} else {
		return target;
	}
	check_target(target, t);
	n = new_node(ps, NODE_ASSIGN, &target->loc);
	n->assign.target = target;
	n->assign.value = value;
	n->assign.op = t->kind == TOK_ASSIGN ? OP_NONE : t->kind == TOK_INC ? OP_ADD :
		       t->kind == TOK_DEC ? OP_SUB : (enum op)(OP_ADD + (t->kind - TOK_ADD_ASSIGN));
	span(n, ps->tok - 1);
	return n;
}

/*
 * The map element of delete m[key], delete(m[key]) or, as bpftrace writes
 * it too, delete(m, key).
 */
static struct node *deleted(struct node *m)
{
	if (m->kind == NODE_TUPLE && m->tuple.n == 2 && m->tuple.elems->kind == NODE_MAP &&
	    m->tuple.elems->map.whole) {
		m = m->tuple.elems;
		ast_map_element(m, m->next);
		m->next = NULL;
	}
	if (m->kind != NODE_MAP || m->map.whole)
		error_at(&m->loc, "delete needs a map element, as in delete m[key]");
	return m;
}

/*
 * let = "let" SCRATCH ("=" expr)?
 * bpftrace's declaration, for a variable that blocks inside assign. "let"
 * is a word only before a $variable: ply may name a map so.
 */
static struct node *let(struct parser *ps)
{
	struct token *t = ps->tok++, *var = ps->tok;
	struct node *n = new_node(ps, NODE_ASSIGN, &t->loc);

	n->assign.target = primary(ps);
	n->assign.declares = true;
	if (accept(ps, TOK_ASSIGN))
		n->assign.value = expr(ps);
	else if (ps->tok->kind != TOK_SEMI && ps->tok->kind != TOK_RBRACE)
		error_at(&ps->tok->loc, "expected '=' or ';' after let %s", var->text);
	span(n, ps->tok - 1);
	return n;
}

/* simple = "delete" postfix | let | assignment */
static struct node *simple(struct parser *ps)
{
	struct token *t = ps->tok;
	struct node *n;

	if (t->kind == TOK_IDENT && !strcmp(t->text, "let") && t[1].kind == TOK_SCRATCH) {
		n = let(ps);
		end_of_stmt(ps, "let");
		return n;
	}
	if (accept(ps, TOK_DELETE)) {
		n = new_node(ps, NODE_DELETE, &t->loc);
		n->del.map = deleted(postfix(ps));
		span(n, ps->tok - 1);
		end_of_stmt(ps, "delete");
		return n;
	}
	n = assignment(ps);
	end_of_stmt(ps, n->kind == NODE_ASSIGN ? "assignment" : "expression");
	return n;
}

/* block = "{" stmt* "}" */
static struct node *block(struct parser *ps)
{
	struct token *open = expect(ps, TOK_LBRACE);
	struct node *n = new_node(ps, NODE_BLOCK, &open->loc), **tail = &n->block.stmts;

	while (ps->tok->kind != TOK_RBRACE && ps->tok->kind != TOK_EOF && ps->tok->kind != TOK_PSPEC) {
		*tail = stmt(ps);
		tail = &(*tail)->next;
	}
	expect_closing(ps, TOK_RBRACE, open);
	return n;
}

/* A branch of an if, as a block: the variables it assigns are its own. */
static struct node *branch(struct parser *ps)
{
	struct node *n = stmt(ps), *b;

	if (n->kind == NODE_BLOCK)
		return n;
	b = new_node(ps, NODE_BLOCK, &n->loc);
	b->block.stmts = n;
	return b;
}

/* The body of a loop: break and continue may be in it. */
static struct node *loop_body(struct parser *ps)
{
	struct node *n;

	ps->loops++;
	n = stmt(ps);
	ps->loops--;
	return n;
}

/*
 * loop = "while" "(" expr ")" stmt
 *      | "for" "(" assignment ";" expr ";" assignment ")" stmt
 *      | "for" "(" SCRATCH ":" primary ")" stmt
 *      | "unroll" "(" expr ")" stmt
 */
static struct node *loop(struct parser *ps)
{
	struct token *t = ps->tok++, *open = expect(ps, TOK_LPAREN);
	struct node *n = new_node(ps, t->kind == TOK_WHILE ? NODE_WHILE :
				  t->kind == TOK_FOR ? NODE_FOR : NODE_UNROLL, &t->loc), *scope;

	if (t->kind == TOK_FOR && ps->tok[0].kind == TOK_SCRATCH && ps->tok[1].kind == TOK_COLON) {
		n->kind = NODE_MAP_LOOP;
		n->loop.init = primary(ps);
		ps->tok++;
		n->loop.cond = primary(ps);
	} else if (t->kind == TOK_FOR) {
		n->loop.init = assignment(ps);
		expect(ps, TOK_SEMI);
		n->loop.cond = expr(ps);
		expect(ps, TOK_SEMI);
		n->loop.step = assignment(ps);
	} else {
		n->loop.cond = expr(ps);
	}
	expect_closing(ps, TOK_RPAREN, open);
	span(n, ps->tok - 1);
	n->loop.body = loop_body(ps);
	if (t->kind != TOK_FOR)
		return n;
	/* A block of its own: the variable of its init is the loop's alone. */
	scope = new_node(ps, NODE_BLOCK, &t->loc);
	scope->block.stmts = n;
	return scope;
}

/*
 * stmt = block
 *      | "if" "(" expr ")" stmt ("else" stmt)?
 *      | loop
 *      | ("break" | "continue" | "return") ";"
 *      | ";"
 *      | simple
 */
static struct node *stmt(struct parser *ps)
{
	struct token *t = ps->tok;
	struct node *n;

	enter(ps);
	switch (t->kind) {
	case TOK_LBRACE:
		n = block(ps);
		break;
	case TOK_IF:
		ps->tok++;
		n = new_node(ps, NODE_IF, &t->loc);
		t = expect(ps, TOK_LPAREN);
		n->cond.cond = expr(ps);
		expect_closing(ps, TOK_RPAREN, t);
		n->cond.then = branch(ps);
		if (accept(ps, TOK_ELSE))
			n->cond.els = branch(ps);
		break;
	case TOK_WHILE:
	case TOK_FOR:
	case TOK_UNROLL:
		n = loop(ps);
		break;
	case TOK_BREAK:
	case TOK_CONTINUE:
		if (!ps->loops)
			error_at(&t->loc, "%s outside a loop", t->text);
		ps->tok++;
		n = new_node(ps, t->kind == TOK_BREAK ? NODE_BREAK : NODE_CONTINUE, &t->loc);
		end_of_stmt(ps, t->text);
		break;
	case TOK_RETURN:
		ps->tok++;
		n = new_node(ps, NODE_RETURN, &t->loc);
		end_of_stmt(ps, "return");
		break;
	case TOK_SEMI:
		ps->tok++;
		n = new_node(ps, NODE_BLOCK, &t->loc);
		break;
	default:
		n = simple(ps);
		break;
	}
	leave(ps);
	return n;
}

/*
 * probe = PSPEC ("/" expr "/")? block
 *       | PSPEC stmt                      -- ply's "provider:spec if (x) stmt"
 * A spec list "a:x,b:y" or "a:x,y" makes one probe per spec, sharing the body.
 */
static struct probe *probe(struct parser *ps)
{
	struct token *t = ps->tok;
	struct node *pred = NULL, *body;
	struct probe *first = NULL, **tail = &first;
	const char *p, *end, *prefix = NULL, *prefix_end = NULL;

	if (t->kind != TOK_PSPEC)
		expected(ps, "a probe (provider:target, BEGIN or END)");
	ps->tok++;

	if (ps->tok->kind == TOK_SLASH) {
		struct token *slash = ps->tok++;

		pred = expr(ps);
		if (ps->tok->kind != TOK_SLASH) {
			char what[64];

			snprintf(what, sizeof(what), "'/' (to end the predicate begun at %u:%u)",
				 slash->loc.line, slash->loc.col);
			expected(ps, what);
		}
		ps->tok++;
		body = block(ps);
	} else if (ps->tok->kind == TOK_LBRACE) {
		body = block(ps);
	} else {
		body = new_node(ps, NODE_BLOCK, &ps->tok->loc);
		body->block.stmts = stmt(ps);
	}

	/*
	 * Split "kprobe:a,b,kretprobe:c" into one probe per spec. An entry
	 * without ':' inherits everything up to the last ':' of the previous
	 * one, so "uprobe:/bin/app:f,g" probes both f and g in /bin/app.
	 */
	for (p = t->text;; p = end + 1) {
		const char *colon = NULL, *c;
		struct probe *pb = arena_alloc(ps->a, sizeof(*pb));

		end = p + strcspn(p, ",");
		for (c = p; c < end; c++)
			if (*c == ':')
				colon = c;
		pb->loc = t->loc;
		pb->loc.off += p - t->text;
		pb->loc.col += p - t->text;
		pb->loc.len = end > p ? end - p : 1;
		if (end == p)
			error_at(&pb->loc, "empty entry in the probe list");
		if (colon || !prefix_end) {
			pb->spec = arena_strndup(ps->a, p, end - p);
			prefix = p;
			prefix_end = colon ? colon + 1 : NULL;
		} else {
			pb->spec = arena_printf(ps->a, "%.*s%.*s", (int)(prefix_end - prefix),
						prefix, (int)(end - p), p);
		}
		pb->pred = pred;
		pb->body = body;
		LIST_APPEND(tail, pb);
		if (!*end)
			return first;
	}
}

/* cfield = TYPE ("*"* NAME ("[" NUM "]")? (":" NUM)?) ("," ...)* ";" */
static void cfields(struct parser *ps, struct cfield ***tail)
{
	const char *type = ctype(ps);
	struct cfield *f;
	uint64_t n;

	do {
		f = arena_alloc(ps->a, sizeof(*f));
		f->ctype = type;
		while (accept(ps, TOK_STAR))
			f->stars++;
		f->loc = ps->tok->loc;
		f->name = expect(ps, TOK_IDENT)->text;
		if (accept(ps, TOK_LBRACKET)) {
			n = expect(ps, TOK_NUM)->num;
			f->len = (unsigned)MIN(n, 1u << 20);
			expect(ps, TOK_RBRACKET);
		}
		if (accept(ps, TOK_COLON)) {
			n = expect(ps, TOK_NUM)->num;
			f->bits = (unsigned)MIN(n, 65);
		}
		LIST_APPEND(*tail, f);
	} while (accept(ps, TOK_COMMA));
	expect(ps, TOK_SEMI);
}

/* cstruct = ("struct" | "union") NAME "{" cfield* "}" ";"? */
static struct cstruct *cstruct(struct parser *ps)
{
	struct cstruct *st = arena_alloc(ps->a, sizeof(*st));
	struct cfield **tail = &st->fields;
	struct token *open;

	st->is_union = is_word(ps->tok++, "union");
	st->loc = ps->tok->loc;
	st->name = expect(ps, TOK_IDENT)->text;
	open = expect(ps, TOK_LBRACE);
	while (ps->tok->kind != TOK_RBRACE && ps->tok->kind != TOK_EOF) {
		enter(ps);
		cfields(ps, &tail);
		leave(ps);
	}
	expect_closing(ps, TOK_RBRACE, open);
	accept(ps, TOK_SEMI);
	return st;
}

/* program = (probe | cstruct)+ */
struct script parse_program(struct arena *a, const struct source *src)
{
	struct parser ps = { .a = a };
	struct script sc = { 0 };
	struct probe **tail = &sc.probes;
	struct cstruct **stail = &sc.structs;

	ps.tok = lex_source(a, src);
	if (ps.tok->kind == TOK_EOF)
		error_at(&ps.tok->loc, "the program is empty: expected a probe such as "
			 "'tracepoint:sched/sched_process_exec { ... }'");
	while (ps.tok->kind != TOK_EOF) {
		if ((is_word(ps.tok, "struct") || is_word(ps.tok, "union")) &&
		    ps.tok[1].kind == TOK_IDENT && ps.tok[2].kind == TOK_LBRACE) {
			*stail = cstruct(&ps);
			stail = &(*stail)->next;
			continue;
		}
		*tail = probe(&ps);
		while (*tail)
			tail = &(*tail)->next;
	}
	if (!sc.probes)
		error_at(&ps.tok->loc, "the program has no probe: expected one such as "
			 "'tracepoint:sched/sched_process_exec { ... }'");
	return sc;
}
