// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>

#include "base/text.h"

int text_compare(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

unsigned edit_distance(const char *a, const char *b)
{
	unsigned row[32], i, j, prev, tmp, la = strlen(a), lb = strlen(b);

	if (la >= ARRAY_SIZE(row) || lb >= ARRAY_SIZE(row))
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = a[i - 1] == b[j - 1] ? prev :
				 1 + MIN(prev, MIN(row[j], row[j - 1]));
			prev = tmp;
		}
	}
	return row[lb];
}

void suggest_init(struct suggest *s, const char *want)
{
	size_t len = strlen(want);

	s->want = want;
	s->best[0] = '\0';
	/* The most edits accepted, plus one: a name of three letters has few neighbours. */
	s->dist = len <= 3 ? 2 : len <= 6 ? 3 : 4;
}

void suggest_offer(struct suggest *s, const char *candidate)
{
	unsigned d = edit_distance(s->want, candidate);

	if (d < s->dist && d && strlen(candidate) < sizeof(s->best)) {
		s->dist = d;
		strcpy(s->best, candidate);
	}
}

const char *suggest_best(const struct suggest *s)
{
	return s->best[0] ? s->best : NULL;
}

bool suggest_dir(struct suggest *s, const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		return false;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			suggest_offer(s, de->d_name);
	closedir(d);
	return true;
}

/* One [...] class at p: advances p past it; whether c is in it. */
static bool class_match(const char **pp, char c)
{
	const char *p = *pp + 1;
	bool negate = *p == '!' || *p == '^', found = false;

	p += negate;
	do {
		char lo = *p, hi = lo;

		if (p[1] == '-' && p[2] && p[2] != ']') {
			hi = p[2];
			p += 2;
		}
		found |= c >= lo && c <= hi;
		p++;
	} while (*p && *p != ']');
	*pp = *p ? p + 1 : p;
	return found != negate;
}

bool glob_match(const char *pattern, const char *text)
{
	const char *star = NULL, *resume = NULL, *p;

	while (*text) {
		p = pattern;
		if (*p == '*') {
			star = ++pattern;
			resume = text;
			continue;
		}
		if (*p == '[' && strchr(p, ']')) {
			if (class_match(&p, *text)) {
				pattern = p;
				text++;
				continue;
			}
		} else if (*p == '?' || *p == *text) {
			pattern++;
			text++;
			continue;
		}
		/* A mismatch: the last '*' swallows one more character, if there is one. */
		if (!star)
			return false;
		pattern = star;
		text = ++resume;
	}
	while (*pattern == '*')
		pattern++;
	return !*pattern;
}

bool has_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

char *text_find(const char *text, const char *word)
{
	size_t len = strlen(word);

	for (; *text; text++)
		if (!strncmp(text, word, len))
			return (char *)text;
	return NULL;
}
