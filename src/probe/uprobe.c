// SPDX-License-Identifier: GPL-2.0
/*
 * uprobe:PATH:SYMBOL[+OFFSET], uprobe:PATH:0xADDRESS, uprobe:PATH:GLOB and
 * uretprobe:... PATH is a file, a program on $PATH or a library name such
 * as libc. A glob's functions share one program on one uprobe_multi link
 * where the kernel has it; otherwise each function gets its own probe, so
 * that its name is known when the program is compiled: caller and func
 * are constants.
 */
#include <dirent.h>
#include <elf.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/file.h"
#include "base/text.h"
#include "kernel/elf.h"
#include "probe/probe.h"

static bool is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * Calls fn(path, ctx) for the entries of a directory whose names match a
 * pattern, until fn returns true; returns whether it did.
 */
static bool each_match(const char *dir, const char *pattern,
		       bool (*fn)(const char *path, void *ctx), void *ctx)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d = opendir(dir);
	bool done = false;

	while (d && !done && (de = readdir(d))) {
		if (de->d_name[0] == '.' || !glob_match(pattern, de->d_name))
			continue;
		/* a path too long for PATH_MAX is skipped, not truncated */
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) < (int)sizeof(path))
			done = fn(path, ctx);
	}
	if (d)
		closedir(d);
	return done;
}

static bool add_conf_dirs(const char *conf, void *ctx);

/* "include /etc/ld.so.conf.d/(*).conf" */
static void include_confs(const char *pattern, struct buf *dirs)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(pattern, '/');

	if (!slash)
		return;
	snprintf(dir, sizeof(dir), "%.*s", (int)(slash - pattern), pattern);
	each_match(dir, slash + 1, add_conf_dirs, dirs);
}

/* Where the dynamic linker looks: the directories ld.so.conf lists. */
static bool add_conf_dirs(const char *conf, void *ctx)
{
	char *text = read_file(conf, NULL), *line, *save = NULL;
	struct buf *dirs = ctx;

	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		line += strspn(line, " \t");
		if (!strncmp(line, "include", 7) && (line[7] == ' ' || line[7] == '\t'))
			include_confs(line + 8 + strspn(line + 8, " \t"), dirs);
		else if (line[0] == '/')
			buf_printf(dirs, "%s%c", line, 0);
	}
	free(text);
	return false;
}

struct library {
	const struct arch *arch;
	char *path;
};

static bool accept_library(const char *path, void *ctx)
{
	struct library *lib = ctx;

	if (!is_file(path) || !elf_is_for(path, lib->arch))
		return false;
	snprintf(lib->path, PATH_MAX, "%s", path);
	return true;
}

/*
 * A library by name ("libc", "libc.so.6") in the library directories: the
 * exact file, else a versioned one (libc.so is often a linker script).
 */
static bool find_library(const char *name, const struct arch *a, char *out)
{
	static const char defaults[] = "/lib\0/usr/lib\0/lib64\0/usr/lib64\0/usr/local/lib\0";
	static const char *const patterns[] = { "%s", "%s.so.*", "%s.so" };
	struct buf dirs = { 0 };
	struct library lib = { a, out };
	char pattern[NAME_MAX + 8];
	const char *dir;
	bool found = false;
	size_t i;

	add_conf_dirs("/etc/ld.so.conf", &dirs);
	buf_add(&dirs, defaults, sizeof(defaults));
	for (dir = dirs.data; *dir && !found; dir += strlen(dir) + 1) {
		for (i = 0; i < ARRAY_SIZE(patterns) && !found; i++) {
			snprintf(pattern, sizeof(pattern), patterns[i], name);
			found = each_match(dir, pattern, accept_library, &lib);
		}
	}
	buf_free(&dirs);
	return found;
}

/*
 * The file made absolute, so that the probe's name means the same file from
 * any directory. Not canonical: the kernel follows links and "..", and
 * realpath() would cost more than a kilobyte of a static binary.
 */
static bool absolute_path(const char *name, char *out)
{
	char cwd[PATH_MAX];

	if (name[0] == '/')
		return snprintf(out, PATH_MAX, "%s", name) < PATH_MAX;
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	return getcwd(cwd, sizeof(cwd)) && snprintf(out, PATH_MAX, "%s/%s", cwd, name) < PATH_MAX;
}

/* A path as given, a program on $PATH, or a library. */
bool uprobe_find_file(const char *name, const struct arch *a, char *out)
{
	char candidate[PATH_MAX];
	const char *path = getenv("PATH"), *dir;

	if (strchr(name, '/'))
		return is_file(name) && absolute_path(name, out);
	for (dir = path ? path : "/usr/sbin:/usr/bin:/sbin:/bin"; *dir;) {
		size_t len = strcspn(dir, ":");

		snprintf(candidate, sizeof(candidate), "%.*s/%s", (int)len, dir, name);
		if (is_file(candidate) && access(candidate, X_OK) == 0)
			return absolute_path(candidate, out);
		dir += len + (dir[len] == ':');
	}
	return find_library(name, a, candidate) && absolute_path(candidate, out);
}

/* What to say of a function the file does not have. */
static const char *unknown_symbol(struct resolver *r, const struct elf *e, const char *sym,
				  const char *path)
{
	struct suggest sg;
	size_t i;

	suggest_init(&sg, sym);
	for (i = 0; i < e->nsyms; i++)
		suggest_offer(&sg, e->syms[i].name);
	if (suggest_best(&sg))
		return arena_printf(r->scratch, "%s has no function '%s'; did you mean '%s'?", path,
				    sym, suggest_best(&sg));
	return arena_printf(r->scratch, "%s has no function '%s'%s", path, sym,
			    e->nsyms ? "" : " (it has no symbols at all)");
}

const char *uprobe_locate(struct resolver *r, struct probe *p, const struct elf *e,
			  const char *path, const char *sym, bool is_addr, uint64_t off)
{
	const struct arch *a = r->target->task;
	struct attach *at = probe_attach(r, p, ATTACH_UPROBE);
	const struct elf_sym *es;
	uint64_t addr = off;
	int64_t file_off;

	if (is_addr) {
		es = elf_symbol_at(e, addr);
		p->func = es ? arena_strdup(r->keep, es->name) : "?";
		off = es ? addr - es->addr : addr;
	} else {
		es = elf_symbol(e, sym);
		if (!es)
			return unknown_symbol(r, e, sym, path);
		if (es->object)
			return arena_printf(r->scratch, "'%s' is a variable of %s, not a function",
					    sym, path);
		addr = es->addr + off;
		p->func = arena_strdup(r->keep, sym);
	}
	if (a->elf_machine == EM_ARM && (addr & 1)) {
		warn_at(&p->loc, "%s is Thumb code: uprobes on Thumb code attach but do not fire "
			"on the kernels tested; build it with -marm", p->func);
		addr &= ~1ULL;
	} else if (a->elf_machine == EM_ARM && arch_kernel(a)->elf_machine == EM_AARCH64) {
		/* Linux's arm64 uprobes decode A64 instructions only. */
		warn_at(&p->loc, "an arm64 kernel fires no uprobes in 32-bit arm code");
	}
	file_off = elf_file_offset(e, addr);
	if (file_off < 0)
		return arena_printf(r->scratch, "0x%llx is not in an executable segment of %s",
				    (unsigned long long)addr, path);
	if (p->provider->return_probe && off)
		return "a uretprobe goes on a function, not on function+offset";
	p->caller = off ? arena_printf(r->keep, "%s+0x%llx", p->func, (unsigned long long)off) :
		    p->func;
	p->file = arena_strdup(r->keep, path);
	at->retprobe = p->provider->return_probe;
	at->points = arena_alloc(r->keep, sizeof(*at->points));
	at->points[at->npoints++] = (struct attach_point){ .name = p->file,
							    .offset = (uint64_t)file_off };
	return NULL;
}

/*
 * A glob on a kernel with uprobe_multi: one probe whose points are the
 * functions, each located as a probe of its own would be; what probe,
 * func and caller say at each comes from the link's cookie.
 */
static const char *locate_multi(struct resolver *r, struct probe *p, const struct elf *e,
				const char *path, const char *glob, uint64_t off, unsigned n)
{
	struct attach_point *points = arena_alloc(r->keep, n * sizeof(*points));
	const char **text = arena_alloc(r->scratch, n * LABELS * sizeof(*text));
	struct probe one = *p;
	const char *why;
	unsigned k, j = 0;
	size_t i;
	char *v;

	for (i = 0; i < e->nsyms; i++) {
		const char *name = e->syms[i].name;

		if (e->syms[i].object || !glob_match(glob, name))
			continue;
		why = uprobe_locate(r, &one, e, path, name, false, off);
		if (why)
			return why;
		points[j] = one.attach->points[0];
		text[j * LABELS + LABEL_PROBE] = arena_printf(r->scratch, "%s:%s:%s",
							      p->provider->name, path, name);
		text[j * LABELS + LABEL_FUNC] = one.func;
		text[j++ * LABELS + LABEL_CALLER] = one.caller;
	}
	for (k = 0; k < n * LABELS; k++)
		p->label_size = MAX(p->label_size, strlen(text[k]) + 1);
	p->labels = v = arena_alloc(r->keep, n * LABELS * p->label_size);
	for (k = 0; k < n * LABELS; k++, v += p->label_size)
		strcpy(v, text[k]);
	/* The last function's attach, for all of them. */
	p->attach = one.attach;
	p->attach->points = points;
	p->attach->npoints = n;
	p->attach->multi = true;
	p->file = one.file;
	return NULL;
}

/*
 * A glob: one probe per function that matches, this one on the first.
 * The others follow it, resolved here with the file open once.
 */
static const char *locate_glob(struct resolver *r, struct probe *p, const struct elf *e,
			       const char *path, const char *glob, uint64_t off)
{
	const char *why = NULL, *first = NULL;
	unsigned matches = 0;
	size_t i;

	for (i = 0; i < e->nsyms; i++)
		matches += !e->syms[i].object && glob_match(glob, e->syms[i].name);
	if (matches > 1 && target_has(r->target, TF_UPROBE_MULTI))
		return locate_multi(r, p, e, path, glob, off, matches);
	for (i = e->nsyms; i-- > 0 && !why;) {
		const char *name = e->syms[i].name;
		struct probe *c;

		if (e->syms[i].object || !glob_match(glob, name))
			continue;
		if (first) {
			c = arena_memdup(r->scratch, p, sizeof(*p));
			c->spec = arena_printf(r->scratch, "%s:%s:%s", p->provider->name, path, first);
			c->next = p->next;
			p->next = c;
			why = uprobe_locate(r, c, e, path, first, false, off);
		}
		first = name;
	}
	if (!first)
		return arena_printf(r->scratch, "no function of %s matches '%s'", path, glob);
	p->spec = arena_printf(r->scratch, "%s:%s:%s", p->provider->name, path, first);
	return why ? why : uprobe_locate(r, p, e, path, first, false, off);
}

struct elf *uprobe_open(struct resolver *r, struct probe *p, const char *file, char *path)
{
	const char *why;
	struct elf *e;

	if (!uprobe_find_file(file, r->target->task, path))
		error_at(&p->loc, "cannot find '%s': not a file, a program on $PATH or a "
			 "library name", file);
	e = elf_open(path, r->target->task, &why);
	if (!e)
		error_at(&p->loc, "%s %s", path, why);
	return e;
}

static void uprobe_resolve(struct resolver *r, struct probe *p)
{
	char *spec = arena_strdup(r->scratch, p->target), *sym = strrchr(spec, ':'), *plus, *end;
	const char *why;
	char path[PATH_MAX];
	uint64_t off = 0;
	bool is_addr;
	struct elf *e;

	if (!sym || sym == spec || !sym[1])
		error_at(&p->loc, "a uprobe is written uprobe:FILE:FUNCTION, as in "
			 "uprobe:/bin/sh:main or uprobe:libc:getenv");
	*sym++ = '\0';
	is_addr = !strncmp(sym, "0x", 2);
	plus = is_addr ? NULL : strchr(sym, '+');
	if (is_addr) {
		off = strtoull(sym, &end, 16);
		if (*end)
			error_at(&p->loc, "'%s' is not an address", sym);
	} else if (plus) {
		*plus = '\0';
		off = strtoull(plus + 1, &end, 0);
		if (*end || !plus[1])
			error_at(&p->loc, "'%s' is not an offset", plus + 1);
	}
	e = uprobe_open(r, p, spec, path);
	if (!is_addr && has_glob(sym))
		why = locate_glob(r, p, e, path, sym, off);
	else
		why = uprobe_locate(r, p, e, path, sym, is_addr, off);
	/* Closed before any error: none leaves it open. */
	elf_close(e);
	if (why)
		error_at(&p->loc, "%s", why);
}

const struct provider provider_uprobe = {
	.name = "uprobe", .alias = "u", .prog_type = BPF_PROG_TYPE_KPROBE, .when = WHEN_EVENT,
	.offers = OFFER_ARGS | OFFER_REGS | OFFER_PC, .space = SPACE_USER,
	.resolve = uprobe_resolve,
};

const struct provider provider_uretprobe = {
	.name = "uretprobe", .alias = "ur", .prog_type = BPF_PROG_TYPE_KPROBE, .when = WHEN_EVENT,
	.offers = OFFER_ARGS | OFFER_RETVAL | OFFER_REGS | OFFER_PC, .return_probe = true,
	.entry = "uprobe", .space = SPACE_USER, .resolve = uprobe_resolve,
};
