// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>

#include "lang/lex.h"

struct lexer {
	struct arena *arena;
	const struct source *src;
	const char *p, *end;
	unsigned line;
	const char *line_start;
	int braces, parens;
	enum tok_kind prev;
	struct token *toks;	/* in the arena, as everything the lexer makes: */
	unsigned ntoks;		/* an error leaves nothing to free */
};

static const struct {
	const char *spelling;
	enum tok_kind kind;
} punctuators[] = {
	/* Longest first, so that "<<=" wins over "<<" and "<". */
	{ "<<=", TOK_SHL_ASSIGN }, { ">>=", TOK_SHR_ASSIGN },
	{ "->", TOK_ARROW }, { "++", TOK_INC }, { "--", TOK_DEC },
	{ "<<", TOK_SHL }, { ">>", TOK_SHR }, { "<=", TOK_LE }, { ">=", TOK_GE },
	{ "==", TOK_EQ }, { "!=", TOK_NE }, { "&&", TOK_ANDAND }, { "||", TOK_OROR },
	{ "^^", TOK_XORXOR }, { "+=", TOK_ADD_ASSIGN }, { "-=", TOK_SUB_ASSIGN },
	{ "*=", TOK_MUL_ASSIGN }, { "/=", TOK_DIV_ASSIGN }, { "%=", TOK_MOD_ASSIGN },
	{ "&=", TOK_AND_ASSIGN }, { "|=", TOK_OR_ASSIGN }, { "^=", TOK_XOR_ASSIGN },
	{ "(", TOK_LPAREN }, { ")", TOK_RPAREN }, { "{", TOK_LBRACE }, { "}", TOK_RBRACE },
	{ "[", TOK_LBRACKET }, { "]", TOK_RBRACKET }, { ";", TOK_SEMI }, { ",", TOK_COMMA },
	{ ".", TOK_DOT }, { "?", TOK_QUESTION }, { ":", TOK_COLON }, { "+", TOK_PLUS },
	{ "-", TOK_MINUS }, { "*", TOK_STAR }, { "/", TOK_SLASH }, { "%", TOK_PERCENT },
	{ "&", TOK_AMP }, { "|", TOK_PIPE }, { "^", TOK_CARET }, { "~", TOK_TILDE },
	{ "!", TOK_BANG }, { "<", TOK_LT }, { ">", TOK_GT }, { "=", TOK_ASSIGN },
};

static const struct {
	const char *word;
	enum tok_kind kind;
} keywords[] = {
	{ "if", TOK_IF }, { "else", TOK_ELSE }, { "return", TOK_RETURN }, { "delete", TOK_DELETE },
	{ "while", TOK_WHILE }, { "for", TOK_FOR }, { "unroll", TOK_UNROLL },
	{ "break", TOK_BREAK }, { "continue", TOK_CONTINUE },
};

const char *lex_kind_name(enum tok_kind kind)
{
	static char quoted[ARRAY_SIZE(punctuators)][8];
	size_t i;

	switch (kind) {
	case TOK_EOF: return "end of input";
	case TOK_IDENT: return "identifier";
	case TOK_AGG: return "aggregation";
	case TOK_SCRATCH: return "variable";
	case TOK_NUM: return "number";
	case TOK_STR: return "string";
	case TOK_PSPEC: return "probe";
	default: break;
	}
	for (i = 0; i < ARRAY_SIZE(keywords); i++)
		if (keywords[i].kind == kind)
			return keywords[i].word;
	for (i = 0; i < ARRAY_SIZE(punctuators); i++) {
		if (punctuators[i].kind != kind)
			continue;
		if (!quoted[i][0])
			snprintf(quoted[i], sizeof(quoted[i]), "'%s'", punctuators[i].spelling);
		return quoted[i];
	}
	return "token";
}

static struct loc loc_here(const struct lexer *lx, const char *start)
{
	return (struct loc){
		.src = lx->src,
		.line = lx->line,
		.col = (unsigned)(start - lx->line_start) + 1,
		.off = (unsigned)(start - lx->src->text),
		.len = (unsigned)(lx->p > start ? lx->p - start : 1),
	};
}

static noreturn void lex_error(struct lexer *lx, const char *start, const char *what)
{
	struct loc loc = loc_here(lx, start);

	error_at(&loc, "%s", what);
}

static struct token *push(struct lexer *lx, enum tok_kind kind, const char *start)
{
	struct token *t;

	lx->toks = arena_room(lx->arena, lx->toks, lx->ntoks, sizeof(*lx->toks));
	t = &lx->toks[lx->ntoks++];
	*t = (struct token){ .kind = kind, .loc = loc_here(lx, start) };
	lx->prev = kind;
	return t;
}

/* Skips blanks and comments, keeping the line count. */
static void skip_space(struct lexer *lx)
{
	while (lx->p < lx->end) {
		const char *start = lx->p;

		if (*lx->p == '\n') {
			lx->p++;
			lx->line++;
			lx->line_start = lx->p;
		} else if (isspace((unsigned char)*lx->p)) {
			lx->p++;
		} else if (*lx->p == '#' || (*lx->p == '/' && lx->p[1] == '/')) {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
		} else if (*lx->p == '/' && lx->p[1] == '*') {
			unsigned line = lx->line;
			const char *line_start = lx->line_start;

			for (lx->p += 2; lx->p < lx->end; lx->p++) {
				if (*lx->p == '*' && lx->p[1] == '/')
					break;
				if (*lx->p == '\n') {
					lx->line++;
					lx->line_start = lx->p + 1;
				}
			}
			if (lx->p >= lx->end) {
				lx->line = line;
				lx->line_start = line_start;
				lx->p = start + 2;
				lex_error(lx, start, "unterminated comment");
			}
			lx->p += 2;
		} else {
			return;
		}
	}
}

/*
 * A probe may start at the top of the file or where the previous one ended.
 * One at the start of a line inside a block means the block was never
 * closed: lexing it as a probe lets the parser say so.
 */
static bool at_probe_start(struct lexer *lx, const char *start)
{
	if (start == lx->line_start && (lx->braces || lx->parens)) {
		lx->braces = lx->parens = 0;
		return true;
	}
	if (lx->braces || lx->parens)
		return false;
	return lx->prev == TOK_EOF || lx->prev == TOK_RBRACE || lx->prev == TOK_SEMI;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

static void lex_number(struct lexer *lx)
{
	const char *start = lx->p;
	unsigned base = 10;
	uint64_t v = 0;
	bool digits = false, overflow = false;

	if (lx->p[0] == '0' && (lx->p[1] == 'x' || lx->p[1] == 'X')) {
		base = 16;
		lx->p += 2;
	} else if (lx->p[0] == '0' && (lx->p[1] == 'b' || lx->p[1] == 'B')) {
		base = 2;
		lx->p += 2;
	} else if (lx->p[0] == '0') {
		base = 8;
	}
	for (; lx->p < lx->end; lx->p++) {
		int d;

		if (*lx->p == '_')
			continue;
		d = digit_value(*lx->p);
		if (d >= (int)base) {
			if (!isalnum((unsigned char)*lx->p))
				break;
			while (lx->p < lx->end && isalnum((unsigned char)*lx->p))
				lx->p++;
			lex_error(lx, start, base == 8 && d < 10 ?
				  "invalid digit in octal number" : "invalid number");
		}
		if (v > (UINT64_MAX - d) / base)
			overflow = true;
		v = v * base + d;
		digits = true;
	}
	if (!digits && base != 8)
		lex_error(lx, start, "number has no digits");
	if (overflow)
		lex_error(lx, start, "number does not fit in 64 bits");
	push(lx, TOK_NUM, start)->num = v;
}

/* Decodes one character of a string or character literal, escapes included. */
static unsigned lex_char(struct lexer *lx, char quote, const char *lit)
{
	const char *start = lx->p;
	unsigned v;
	int n;

	if (lx->p >= lx->end || *lx->p == '\n')
		lex_error(lx, lit, quote == '"' ? "missing terminating '\"'" :
			  "missing terminating '''");
	if (*lx->p != '\\')
		return (unsigned char)*lx->p++;
	lx->p++;
	switch (*lx->p++) {
	case 'n': return '\n';
	case 't': return '\t';
	case 'r': return '\r';
	case 'a': return '\a';
	case 'b': return '\b';
	case 'f': return '\f';
	case 'v': return '\v';
	case 'e': return 033;
	case '\\': return '\\';
	case '\'': return '\'';
	case '"': return '"';
	case '?': return '?';
	case 'x':
		for (v = 0, n = 0; n < 2 && digit_value(*lx->p) < 16; n++)
			v = v * 16 + digit_value(*lx->p++);
		if (!n)
			lex_error(lx, start, "\\x used with no following hex digits");
		return v;
	default:
		lx->p--;
		for (v = 0, n = 0; n < 3 && *lx->p >= '0' && *lx->p <= '7'; n++)
			v = v * 8 + (*lx->p++ - '0');
		if (!n) {
			lx->p++;
			lex_error(lx, start, "unknown escape sequence");
		}
		if (v > 0xff)
			lex_error(lx, start, "octal escape sequence out of range");
		return v;
	}
}

static void lex_string(struct lexer *lx)
{
	const char *start = lx->p++, *eol = memchr(lx->p, '\n', lx->end - lx->p);
	/* Decoded, a literal is no longer than the rest of its line. */
	char *text = arena_alloc(lx->arena, (eol ? eol : lx->end) - lx->p + 1);
	size_t len = 0;
	struct token *t;

	while (lx->p >= lx->end || *lx->p != '"')
		text[len++] = (char)lex_char(lx, '"', start);
	lx->p++;
	t = push(lx, TOK_STR, start);
	t->len = len;
	t->text = text;
}

static void lex_char_literal(struct lexer *lx)
{
	const char *start = lx->p++;
	unsigned c;

	if (*lx->p == '\'')
		lex_error(lx, start, "empty character constant");
	c = lex_char(lx, '\'', start);
	if (lx->p >= lx->end || *lx->p != '\'')
		lex_error(lx, start, "missing terminating '''");
	lx->p++;
	push(lx, TOK_NUM, start)->num = c;
}

static bool is_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static bool looks_like_probe(const struct lexer *lx, const char *start, size_t len)
{
	if (lx->p < lx->end && *lx->p == ':')
		return lx->p + 1 < lx->end && !isspace((unsigned char)lx->p[1]);
	return (len == 5 && !memcmp(start, "BEGIN", 5)) || (len == 3 && !memcmp(start, "END", 3));
}

static void lex_word(struct lexer *lx)
{
	const char *start = lx->p;
	enum tok_kind kind = TOK_IDENT;
	struct token *t;
	size_t i, len;

	if (*lx->p == '@' || *lx->p == '$')
		kind = *lx->p++ == '@' ? TOK_AGG : TOK_SCRATCH;
	if (kind == TOK_SCRATCH && *lx->p == '#')
		lx->p++;	/* $#: how many parameters */
	else
		while (lx->p < lx->end && is_ident_char(*lx->p))
			lx->p++;
	len = lx->p - start;
	if (kind == TOK_SCRATCH && len == 1)
		lex_error(lx, start, "'$' must start a variable, as in $x, or a parameter, as in $1");

	if (kind == TOK_IDENT && looks_like_probe(lx, start, len) && at_probe_start(lx, start)) {
		/* A probe spec runs from the provider to the next blank or '{'. */
		while (lx->p < lx->end && !isspace((unsigned char)*lx->p) && *lx->p != '{')
			lx->p++;
		kind = TOK_PSPEC;
	}
	if (kind == TOK_IDENT) {
		for (i = 0; i < ARRAY_SIZE(keywords); i++)
			if (strlen(keywords[i].word) == len && !memcmp(keywords[i].word, start, len))
				kind = keywords[i].kind;
	}
	t = push(lx, kind, start);
	t->len = lx->p - start;
	t->text = arena_strndup(lx->arena, start, t->len);
}

static void lex_punct(struct lexer *lx)
{
	const char *start = lx->p;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(punctuators); i++) {
		size_t n = strlen(punctuators[i].spelling);

		if ((size_t)(lx->end - lx->p) >= n && !memcmp(lx->p, punctuators[i].spelling, n)) {
			enum tok_kind k = punctuators[i].kind;

			lx->p += n;
			lx->braces += (k == TOK_LBRACE) - (k == TOK_RBRACE);
			lx->parens += (k == TOK_LPAREN || k == TOK_LBRACKET) -
				      (k == TOK_RPAREN || k == TOK_RBRACKET);
			push(lx, k, start);
			return;
		}
	}
	char msg[40];

	lx->p++;
	if (isprint((unsigned char)*start))
		snprintf(msg, sizeof(msg), "unexpected character '%c'", *start);
	else
		snprintf(msg, sizeof(msg), "unexpected byte 0x%02x", (unsigned char)*start);
	lex_error(lx, start, msg);
}

struct token *lex_source(struct arena *a, const struct source *src)
{
	struct lexer lx = {
		.arena = a, .src = src, .p = src->text, .end = src->text + src->len,
		.line = 1, .line_start = src->text, .prev = TOK_EOF,
	};
	for (;;) {
		skip_space(&lx);
		if (lx.p >= lx.end)
			break;
		if (isdigit((unsigned char)*lx.p))
			lex_number(&lx);
		else if (*lx.p == '"')
			lex_string(&lx);
		else if (*lx.p == '\'')
			lex_char_literal(&lx);
		else if (is_ident_char(*lx.p) || *lx.p == '@' || *lx.p == '$')
			lex_word(&lx);
		else
			lex_punct(&lx);
	}
	push(&lx, TOK_EOF, lx.p);
	return lx.toks;
}
