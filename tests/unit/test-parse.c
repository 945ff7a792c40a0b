// SPDX-License-Identifier: GPL-2.0
/* Parser: the shape of the AST, printed as S-expressions. */
#include "check.h"
#include "base/buf.h"
#include "lang/parse.h"

static void print_node(struct buf *b, const struct node *n);

static void print_list(struct buf *b, const struct node *n, const char *sep)
{
	for (; n; n = n->next) {
		print_node(b, n);
		if (n->next)
			buf_printf(b, "%s", sep);
	}
}

/* (while cond body), (for init cond step body), (unroll count body), (for: $kv map body) */
static void print_loop(struct buf *b, const struct node *n)
{
	const struct node *parts[] = { n->loop.init, n->loop.cond, n->loop.step, n->loop.body };
	unsigned i;

	buf_printf(b, "(%s", n->kind == NODE_WHILE ? "while" : n->kind == NODE_FOR ? "for" :
		   n->kind == NODE_UNROLL ? "unroll" : "for:");
	for (i = 0; i < ARRAY_SIZE(parts); i++) {
		if (parts[i]) {
			buf_printf(b, " ");
			print_node(b, parts[i]);
		}
	}
	buf_printf(b, ")");
}

static void print_node(struct buf *b, const struct node *n)
{
	switch (n->kind) {
	case NODE_NUM:
		buf_printf(b, "%llu", (unsigned long long)n->num);
		break;
	case NODE_STR:
		buf_printf(b, "\"%s\"", n->str.data);
		break;
	case NODE_VAR:
		buf_printf(b, "%s", n->var.name);
		break;
	case NODE_MAP:
		buf_printf(b, "%s", n->map.name);
		if (n->map.nkeys) {
			buf_printf(b, "[");
			print_list(b, n->map.keys, ",");
			buf_printf(b, "]");
		}
		break;
	case NODE_CALL:
		buf_printf(b, "%s(", n->call.name);
		print_list(b, n->call.args, ",");
		buf_printf(b, ")");
		break;
	case NODE_UNARY:
		buf_printf(b, "(%s ", op_spelling(n->unary.op));
		print_node(b, n->unary.arg);
		buf_printf(b, ")");
		break;
	case NODE_BINARY:
		buf_printf(b, "(%s ", op_spelling(n->binary.op));
		print_node(b, n->binary.left);
		buf_printf(b, " ");
		print_node(b, n->binary.right);
		buf_printf(b, ")");
		break;
	case NODE_TERNARY:
	case NODE_IF:
		buf_printf(b, n->kind == NODE_IF ? "(if " : "(? ");
		print_node(b, n->cond.cond);
		buf_printf(b, " ");
		print_node(b, n->cond.then);
		if (n->cond.els) {
			buf_printf(b, " ");
			print_node(b, n->cond.els);
		}
		buf_printf(b, ")");
		break;
	case NODE_MEMBER:
		buf_printf(b, "(%s ", n->member.arrow ? "->" : ".");
		print_node(b, n->member.obj);
		buf_printf(b, " %s)", n->member.name);
		break;
	case NODE_INDEX:
		buf_printf(b, "([] ");
		print_node(b, n->index.obj);
		buf_printf(b, " ");
		print_node(b, n->index.index);
		buf_printf(b, ")");
		break;
	case NODE_ASSIGN:
		buf_printf(b, "(%s= ", n->assign.op ? op_spelling(n->assign.op) : "");
		print_node(b, n->assign.target);
		buf_printf(b, " ");
		print_node(b, n->assign.value);
		buf_printf(b, ")");
		break;
	case NODE_DELETE:
		buf_printf(b, "(delete ");
		print_node(b, n->del.map);
		buf_printf(b, ")");
		break;
	case NODE_BLOCK:
		buf_printf(b, "{");
		print_list(b, n->block.stmts, " ");
		buf_printf(b, "}");
		break;
	case NODE_RETURN:
	case NODE_BREAK:
	case NODE_CONTINUE:
		buf_printf(b, n->kind == NODE_RETURN ? "return" : n->kind == NODE_BREAK ?
			   "break" : "continue");
		break;
	case NODE_SCRATCH:
		buf_printf(b, "%s", n->scratch.name);
		break;
	case NODE_TUPLE:
		buf_printf(b, "(tuple ");
		print_list(b, n->tuple.elems, " ");
		buf_printf(b, ")");
		break;
	case NODE_CAST:
		buf_printf(b, "(cast %s%.*s ", n->cast.to, (int)n->cast.stars, "****");
		print_node(b, n->cast.arg);
		buf_printf(b, ")");
		break;
	case NODE_WHILE:
	case NODE_FOR:
	case NODE_UNROLL:
	case NODE_MAP_LOOP:
		print_loop(b, n);
		break;
	}
}

static const char *parse(const char *text)
{
	static struct arena a;
	static struct source src;
	static struct buf b;
	const struct probe *p;

	arena_free(&a);
	src = (struct source){ .name = "test", .text = text, .len = strlen(text) };
	b.len = 0;
	buf_add(&b, NULL, 0);
	for (p = parse_program(&a, &src).probes; p; p = p->next) {
		buf_printf(&b, "%s", p->spec);
		if (p->pred) {
			buf_printf(&b, " /");
			print_node(&b, p->pred);
			buf_printf(&b, "/");
		}
		buf_printf(&b, " ");
		print_node(&b, p->body);
		buf_printf(&b, p->next ? "\n" : "");
	}
	return b.data;
}

int main(void)
{
	check_str("map-loop", parse("BEGIN { for ($kv : @m) { print($kv.0); break; } }"),
		  "BEGIN {{(for: $kv @m {print((. $kv 0)) break})}}");
	check_str("precedence", parse("BEGIN { a[0] = 1 + 2 * 3 - 4 / 5 % 6; }"),
		  "BEGIN {(= a[0] (- (+ 1 (* 2 3)) (% (/ 4 5) 6)))}");
	check_str("logical-and-bitwise",
		  parse("BEGIN { x[0] = a || b ^^ c && d | e ^ f & g == h < i << j; }"),
		  "BEGIN {(= x[0] (|| a (^^ b (&& c (| d (^ e (& f (== g (< h (<< i j))))))))))}");
	check_str("left-associative", parse("BEGIN { x[0] = 1 - 2 - 3; y[0] = 8 >> 2 >> 1; }"),
		  "BEGIN {(= x[0] (- (- 1 2) 3)) (= y[0] (>> (>> 8 2) 1))}");
	check_str("unary", parse("BEGIN { x[0] = -~!*p + - 1; }"),
		  "BEGIN {(= x[0] (+ (- (~ (! (* p)))) (- 1)))}");
	check_str("ternary-right-associative", parse("BEGIN { x[0] = a ? b : c ? d : e; }"),
		  "BEGIN {(= x[0] (? a b (? c d e)))}");
	check_str("postfix-chain", parse("t:a/b { x[0] = data->a.b[2]->c; }"),
		  "t:a/b {(= x[0] (-> ([] (. (-> data a) b) 2) c))}");
	check_str("maps-and-calls",
		  parse("BEGIN { @[comm, pid] = count(); @ = sum(x); print(@, m); delete m[1, \"a\"]; }"),
		  "BEGIN {(= @[comm,pid] count()) (= @ sum(x)) print(@,m) (delete m[1,\"a\"])}");
	check_str("compound-assign", parse("BEGIN { m[1] += 2; m[2] <<= 1; m[3]++; m[4]--; }"),
		  "BEGIN {(+= m[1] 2) (<<= m[2] 1) (+= m[3] 1) (-= m[4] 1)}");
	check_str("if-else-chain",
		  parse("BEGIN { if (a) x[0] = 1; else if (b) { return; } else ; }"),
		  "BEGIN {(if a {(= x[0] 1)} {(if b {return} {})})}");
	check_str("predicate", parse("t:a/b / pid == 1 / { @ = count(); }"),
		  "t:a/b /(== pid 1)/ {(= @ count())}");
	check_str("predicate-with-division", parse("t:a/b / x / 2 > 1 / { }"),
		  "t:a/b /(> (/ x 2) 1)/ {}");
	check_str("ply-if-form", parse("t:a/b if (pid == 1) @ = count(); END { }"),
		  "t:a/b {(if (== pid 1) {(= @ count())})}\nEND {}");
	check_str("spec-lists",
		  parse("t:a/b,c/d,kprobe:f,g,uprobe:/bin/x:main,other { }"),
		  "t:a/b {}\nt:c/d {}\nkprobe:f {}\nkprobe:g {}\nuprobe:/bin/x:main {}\n"
		  "uprobe:/bin/x:other {}");
	check_str("last-semicolon-optional", parse("BEGIN { print(1); print(2) }"),
		  "BEGIN {print(1) print(2)}");
	return check_failures != 0;
}
