// SPDX-License-Identifier: GPL-2.0
/*
 * sonde -l [PATTERN]: what this machine offers to probe, one probe a line
 * in a script's syntax. Kernel functions are read a line at a time: a
 * board's 60,000 are never all in memory. Nothing here needs bpf().
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/text.h"
#include "kernel/elf.h"
#include "kernel/usdt.h"
#include "probe/probe.h"

struct lister {
	const struct target *t;
	const char *glob;	/* over whole specs, as in "tracepoint:sched/sched_*" */
	bool verbose;
	struct arena *a;
	struct ktypes kt;
	unsigned n;
};

static bool show(struct lister *l, const char *spec)
{
	if (!glob_match(l->glob, spec))
		return false;
	printf("%s\n", spec);
	l->n++;
	return true;
}

static void show_counter(const char *spec, void *ctx)
{
	show(ctx, spec);
}

static void list_tracepoints(struct lister *l)
{
	const char *root = target_tracefs(l->t);
	struct tracefs_format fmt;
	const struct field *f;
	char **events;
	size_t n, i;

	events = root ? tracefs_events(l->a, root, "*/*", &n) : NULL;
	for (i = 0; events && i < n; i++) {
		if (!show(l, arena_printf(l->a, "tracepoint:%s", events[i])) || !l->verbose ||
		    !tracefs_format(l->a, root, events[i], &fmt))
			continue;
		for (f = tracepoint_record(l->a, events[i], &fmt)->fields; f; f = f->next)
			if (f->type->kind == TYPE_ARRAY)
				printf("    %s %s[%u];\n", type_name(l->a, f->type->base), f->name,
				       f->type->len);
			else
				printf("    %s %s;\n", type_name(l->a, f->type), f->name);
	}
}

/* The BTF type and name of a parameter or function, "char *buf". */
static void spell(struct lister *l, uint32_t type, const char *name, struct buf *b)
{
	ktype_spell(&l->kt, type, b);
	buf_printf(b, "%s%s", b->data[b->len - 1] == '*' ? "" : " ", name);
}

/* A kernel function's prototype, where BTF has it: "    ssize_t vfs_read(struct file *file, ...)". */
static void show_prototype(struct lister *l, const char *func)
{
	struct btf_type_info t;
	struct buf b = { 0 };
	uint32_t id = ktype_func(&l->kt, func), type, i;
	const char *name;

	if (!id || !btf_type(l->kt.btf, id, &t) || !btf_type(l->kt.btf, t.type, &t))
		return;
	spell(l, t.type, func, &b);
	buf_printf(&b, "(");
	for (i = 0; btf_param(l->kt.btf, id, i, &name, &type); i++) {
		if (i)
			buf_printf(&b, ", ");
		if (type)
			spell(l, type, name, &b);
		else
			buf_printf(&b, "...");
	}
	printf("    %s)\n", b.data);
	buf_free(&b);
}

static void list_kprobes(struct lister *l)
{
	const char *root = target_tracefs(l->t), *name, *module;
	char path[512], line[512], spec[300], last[300] = "";
	bool kallsyms = false;
	size_t len, mlen;
	FILE *f;

	snprintf(path, sizeof(path), "%s/available_filter_functions", root ? root : "");
	f = root ? fopen(path, "re") : NULL;
	if (!f && l->t->host) {
		f = fopen("/proc/kallsyms", "re");
		kallsyms = true;
	}
	while (f && fgets(line, sizeof(line), f)) {
		name = kernel_function_at(line, kallsyms, &len, &module, &mlen);
		if (!name)
			continue;
		if (mlen)
			snprintf(spec, sizeof(spec), "kprobe:%.*s:%.*s", (int)mlen, module, (int)len, name);
		else
			snprintf(spec, sizeof(spec), "kprobe:%.*s", (int)len, name);
		/* A static function of one name may be listed for each of its copies. */
		if (strcmp(spec, last) && show(l, spec) && l->verbose && !mlen)
			show_prototype(l, spec + 7);
		snprintf(last, sizeof(last), "%s", spec);
	}
	if (f)
		fclose(f);
}

/* The file of FILE:GLOB, open, or NULL; *file is FILE, as the pattern names it. */
static struct elf *open_file(struct lister *l, const char *target, char **file)
{
	char *colon, path[4096];
	const char *why;

	*file = arena_strdup(l->a, target);
	colon = strchr(*file, ':');
	if (!colon)
		return NULL;
	*colon = '\0';
	return uprobe_find_file(*file, l->t->task, path) ? elf_open(path, l->t->task, &why) : NULL;
}

/* uprobe:FILE:GLOB: the functions of one file. */
static void list_uprobes(struct lister *l, const char *target)
{
	char *file;
	struct elf *e = open_file(l, target, &file);
	size_t i;

	for (i = 0; e && i < e->nsyms; i++)
		if (!e->syms[i].object)
			show(l, arena_printf(l->a, "uprobe:%s:%s", file, e->syms[i].name));
	elf_close(e);
}

static bool same_probe(const struct elf_usdt *x, const struct elf_usdt *y)
{
	return !strcmp(x->provider, y->provider) && !strcmp(x->name, y->name);
}

/* usdt:FILE:GLOB: a file's USDT probes, once each; -v: the operands of each place. */
static void list_usdt(struct lister *l, const char *target)
{
	char *file;
	struct elf *e = open_file(l, target, &file);
	struct usdt_arg args[USDT_MAX_ARGS];
	const char *why, *at;
	struct elf_usdt *u;
	size_t n, i, j;

	if (!e)
		return;
	u = elf_usdt(e, &n);
	for (i = 0; i < n; i++) {
		for (j = 0; j < i && !same_probe(&u[i], &u[j]); j++)
			;
		if (j < i || !show(l, arena_printf(l->a, "usdt:%s:%s:%s", file, u[i].provider,
						   u[i].name)) || !l->verbose)
			continue;
		for (j = i; j < n; j++)
			if (same_probe(&u[i], &u[j]))
				printf("    arguments: %u (%s)\n",
				       usdt_parse(l->t->task, u[j].args, args, &why, &at), u[j].args);
	}
	free(u);
	elf_close(e);
}

unsigned probe_list(const struct target *t, const char *pattern, bool verbose)
{
	static const char *const aliases[][2] = {
		{ "t", "tracepoint" }, { "k", "kprobe" }, { "u", "uprobe" }, { "s", "software" },
		{ "h", "hardware" }, { "U", "usdt" },
	};
	struct arena a = { 0 };
	struct lister l = { .t = t, .verbose = verbose, .a = &a, .kt = { .target = t, .types = &a } };
	const char *colon = pattern ? strchr(pattern, ':') : NULL, *provider = "*", *target;
	char *glob;
	size_t i;

	/* t:sched:NAME is tracepoint:sched/NAME; a bare pattern matches any provider's targets. */
	if (colon)
		provider = arena_strndup(&a, pattern, colon - pattern);
	for (i = 0; i < ARRAY_SIZE(aliases); i++)
		if (!strcmp(provider, aliases[i][0]))
			provider = aliases[i][1];
	target = colon ? colon + 1 : pattern ? pattern : "*";
	/* A bare name matches events without their subsystem too: sched_switch. */
	glob = arena_printf(&a, colon ? "%s:%s" : "%s[:/]%s", provider, target);
	if (!strcmp(provider, "tracepoint") && strchr(target, ':'))
		*strchr(glob + 11, ':') = '/';
	l.glob = glob;
	if (glob_match(provider, "tracepoint"))
		list_tracepoints(&l);
	if (glob_match(provider, "kprobe"))
		list_kprobes(&l);
	counter_list(show_counter, &l);
	if (!strcmp(provider, "uprobe"))
		list_uprobes(&l, target);
	if (!strcmp(provider, "usdt"))
		list_usdt(&l, target);
	ktype_close(&l.kt);
	arena_free(&a);
	return l.n;
}
