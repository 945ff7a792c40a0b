/* SPDX-License-Identifier: GPL-2.0 */
/* Matching names: shell globs, and the "did you mean" for a misspelt one. */
#ifndef SONDE_TEXT_H
#define SONDE_TEXT_H

#include "base/common.h"

/*
 * Shell-style matching of a whole string: '*', '?' and classes such as
 * [a-z] or [!0-9]. fnmatch() would bring wide-character tables into a
 * static binary.
 */
bool glob_match(const char *pattern, const char *text);
bool has_glob(const char *s);

/*
 * strstr() done simply: the texts searched are short lines, and libc's
 * two-way search would cost a kilobyte of code.
 */
char *text_find(const char *text, const char *word);

/* For sort() of an array of strings: strcmp() of the two they point to. */
int text_compare(const void *a, const void *b);

/* Levenshtein distance. */
unsigned edit_distance(const char *a, const char *b);

/*
 * The closest of the candidates offered to a misspelt name, if it is a
 * few edits away (fewer for short names).
 */
struct suggest {
	const char *want;
	char best[128];
	unsigned dist;
};

void suggest_init(struct suggest *s, const char *want);
void suggest_offer(struct suggest *s, const char *candidate);
/* The best candidate, or NULL if none was close enough. */
const char *suggest_best(const struct suggest *s);
/* Offers each entry of a directory; false if it cannot be read. */
bool suggest_dir(struct suggest *s, const char *dir);

#endif
