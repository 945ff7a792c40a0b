/* SPDX-License-Identifier: GPL-2.0 */
/* Lexer: turns a source file into a token array. */
#ifndef SONDE_LANG_LEX_H
#define SONDE_LANG_LEX_H

#include "base/arena.h"
#include "base/diag.h"

enum tok_kind {
	TOK_EOF,
	TOK_IDENT,	/* comm, my_map */
	TOK_AGG,	/* @, @name */
	TOK_SCRATCH,	/* $name, and the parameters $1, $# */
	TOK_NUM,	/* 42, 0x2a, 0b101010, 1_000, 'a' */
	TOK_STR,	/* "text" (escapes already decoded) */
	TOK_PSPEC,	/* provider:spec at the start of a probe, or BEGIN/END */

	TOK_IF, TOK_ELSE, TOK_RETURN, TOK_DELETE,
	TOK_WHILE, TOK_FOR, TOK_UNROLL, TOK_BREAK, TOK_CONTINUE,

	TOK_LPAREN, TOK_RPAREN, TOK_LBRACE, TOK_RBRACE, TOK_LBRACKET, TOK_RBRACKET,
	TOK_SEMI, TOK_COMMA, TOK_DOT, TOK_ARROW, TOK_QUESTION, TOK_COLON,

	TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH, TOK_PERCENT,
	TOK_AMP, TOK_PIPE, TOK_CARET, TOK_TILDE, TOK_BANG,
	TOK_SHL, TOK_SHR, TOK_LT, TOK_GT, TOK_LE, TOK_GE, TOK_EQ, TOK_NE,
	TOK_ANDAND, TOK_OROR, TOK_XORXOR,
	TOK_INC, TOK_DEC,

	/* Assignments, in the same order as their binary operators above. */
	TOK_ASSIGN,
	TOK_ADD_ASSIGN, TOK_SUB_ASSIGN, TOK_MUL_ASSIGN, TOK_DIV_ASSIGN, TOK_MOD_ASSIGN,
	TOK_AND_ASSIGN, TOK_OR_ASSIGN, TOK_XOR_ASSIGN, TOK_SHL_ASSIGN, TOK_SHR_ASSIGN,
};

struct token {
	enum tok_kind kind;
	struct loc loc;
	const char *text;	/* identifier, spec or decoded string (NUL-terminated) */
	size_t len;		/* length of text (strings may hold NULs) */
	uint64_t num;
};

/* Tokenizes the whole source; the array ends with a TOK_EOF token. */
struct token *lex_source(struct arena *a, const struct source *src);

/* How a token kind is spelled in messages, e.g. "'{'" or "identifier". */
const char *lex_kind_name(enum tok_kind kind);

#endif
