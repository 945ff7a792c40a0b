// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/file.h"
#include "base/sort.h"
#include "kernel/ksym.h"

struct ksym {
	uint64_t addr;
	const char *name;
};

struct ksyms {
	char *text;		/* the file, its names cut into strings in place */
	struct ksym *syms;	/* sorted by address */
	size_t n;
};

static int by_addr(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return (x->addr > y->addr) - (x->addr < y->addr);
}

struct ksyms *ksyms_load(void)
{
	char *text = read_file("/proc/kallsyms", NULL);

	return text ? ksyms_parse(text) : NULL;
}

struct ksyms *ksyms_parse(char *text)
{
	struct ksyms *ks = xcalloc(1, sizeof(*ks));
	size_t cap = 1024;
	char *line, *next;

	ks->text = text;
	ks->syms = xmalloc(cap * sizeof(*ks->syms));
	for (line = ks->text; *line; line = next) {
		char *end, *name;
		uint64_t addr = strtoull(line, &end, 16);

		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		/*
		 * "ffffffff81000000 T _stext [module]": code, and the data
		 * that kaddr() names (jiffies, avenrun); not absolute or
		 * per-CPU offsets, which are no addresses.
		 */
		if (end == line || end[0] != ' ' || !end[1] || !strchr("tTwWdDbBrR", end[1]) ||
		    end[2] != ' ' || !addr)
			continue;
		name = end + 3;
		name[strcspn(name, " \t\n")] = '\0';
		if (ks->n == cap)
			ks->syms = xrealloc(ks->syms, (cap *= 2) * sizeof(*ks->syms));
		ks->syms[ks->n++] = (struct ksym){ addr, name };
	}
	if (ks->n)
		sort(ks->syms, ks->n, sizeof(*ks->syms), by_addr);
	return ks;
}

void ksyms_free(struct ksyms *ks)
{
	if (!ks)
		return;
	free(ks->syms);
	free(ks->text);
	free(ks);
}

const char *ksym_name(const struct ksyms *ks, uint64_t addr, char *buf, size_t size)
{
	size_t lo = 0, hi = ks ? ks->n : 0;

	/* The last symbol at or below addr. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (ks->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo) {
		snprintf(buf, size, "0x%" PRIx64, addr);
		return buf;
	}
	if (addr == ks->syms[lo - 1].addr)
		snprintf(buf, size, "%s", ks->syms[lo - 1].name);
	else
		snprintf(buf, size, "%s+0x%" PRIx64, ks->syms[lo - 1].name,
			 addr - ks->syms[lo - 1].addr);
	return buf;
}

uint64_t ksym_addr(const struct ksyms *ks, const char *name)
{
	size_t i;

	for (i = 0; ks && i < ks->n; i++)
		if (!strcmp(ks->syms[i].name, name))
			return ks->syms[i].addr;
	return 0;
}

bool ksyms_shown(const struct ksyms *ks)
{
	return ks && ks->n;
}
