// SPDX-License-Identifier: GPL-2.0
/* Lexer: token kinds, values, decoded strings and locations. */
#include "check.h"
#include "lang/lex.h"

static struct arena arena;

static struct token *lex(const char *text)
{
	static struct source src;

	src = (struct source){ .name = "test", .text = text, .len = strlen(text) };
	return lex_source(&arena, &src);
}

/* The token stream in a compact form: kinds by name, values inline. */
static const char *render(const char *text)
{
	static char out[1024];
	struct token *t;
	size_t n = 0;

	out[0] = '\0';
	for (t = lex(text); t->kind != TOK_EOF; t++) {
		const char *k = lex_kind_name(t->kind);

		if (t->kind == TOK_NUM)
			n += snprintf(out + n, sizeof(out) - n, "%llu ", (unsigned long long)t->num);
		else if (t->kind == TOK_IDENT || t->kind == TOK_AGG || t->kind == TOK_PSPEC)
			n += snprintf(out + n, sizeof(out) - n, "%s<%s> ", k, t->text);
		else
			n += snprintf(out + n, sizeof(out) - n, "%s ", k);
	}
	return out;
}

int main(void)
{
	struct token *t;

	check_str("operators",
		  render("BEGIN { a <<= b >>= c -> d ++ -- ^^ && || == != <= >= ? : ~ ! % ^ |= }"),
		  "probe<BEGIN> '{' identifier<a> '<<=' identifier<b> '>>=' identifier<c> '->' "
		  "identifier<d> '++' '--' '^^' '&&' '||' '==' '!=' '<=' '>=' '?' ':' '~' '!' "
		  "'%' '^' '|=' '}' ");
	check_str("numbers", render("BEGIN { 0 42 1_000_000 0x2a 0XfF 0b1010_1010 017 'a' '\\n' }"),
		  "probe<BEGIN> '{' 0 42 1000000 42 255 170 15 97 10 '}' ");
	check_str("max-number", render("BEGIN { 18446744073709551615 0xffff_ffff_ffff_ffff }"),
		  "probe<BEGIN> '{' 18446744073709551615 18446744073709551615 '}' ");
	check_str("keywords", render("BEGIN { if else return delete iffy }"),
		  "probe<BEGIN> '{' if else return delete identifier<iffy> '}' ");
	check_str("aggregations", render("BEGIN { @ @x @_1 }"),
		  "probe<BEGIN> '{' aggregation<@> aggregation<@x> aggregation<@_1> '}' ");

	t = lex("BEGIN { \"a\\tb\\x41\\101\\0c\\\"\" }");
	check("string-escapes", t[2].kind == TOK_STR && t[2].len == 8 &&
	      !memcmp(t[2].text, "a\tbAA\0c\"", 8), "decoded %zu bytes", t[2].len);

	check_str("probe-specs",
		  render("kprobe:vfs_*r[ei][at][de],kretprobe:x{ a ? b:c; }\nt:sched/a / b / { }"),
		  "probe<kprobe:vfs_*r[ei][at][de],kretprobe:x> '{' identifier<a> '?' identifier<b> "
		  "':' identifier<c> ';' '}' probe<t:sched/a> '/' identifier<b> '/' '{' '}' ");
	check_str("ply-if-form", render("t:a/b if (x) @ = count(); t:c/d { }"),
		  "probe<t:a/b> if '(' identifier<x> ')' aggregation<@> '=' identifier<count> '(' "
		  "')' ';' probe<t:c/d> '{' '}' ");
	check_str("begin-end-only-at-probe-start", render("BEGIN { END } END { BEGIN }"),
		  "probe<BEGIN> '{' identifier<END> '}' probe<END> '{' identifier<BEGIN> '}' ");
	check_str("unclosed-block-then-probe", render("BEGIN {\n x\nEND { }"),
		  "probe<BEGIN> '{' identifier<x> probe<END> '{' '}' ");
	check_str("comments",
		  render("#!/usr/sbin/sonde\n# hash\nBEGIN // line\n{ /* block\n spanning */ x }"),
		  "probe<BEGIN> '{' identifier<x> '}' ");

	t = lex("BEGIN\n{\n\t  foo /* c\n */ bar\n}");
	check("locations", t[2].loc.line == 3 && t[2].loc.col == 4 && t[2].loc.len == 3 &&
	      t[3].loc.line == 4 && t[3].loc.col == 5 && t[4].loc.line == 5 && t[4].loc.col == 1,
	      "foo at %u:%u, bar at %u:%u, } at %u:%u", t[2].loc.line, t[2].loc.col,
	      t[3].loc.line, t[3].loc.col, t[4].loc.line, t[4].loc.col);

	arena_free(&arena);
	return check_failures != 0;
}
