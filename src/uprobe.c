// SPDX-License-Identifier: GPL-2.0
/*
 * uprobe:PATH:SYMBOL[+OFFSET], uprobe:PATH:0xADDRESS, uprobe:PATH:GLOB and
 * uretprobe:... PATH is a file, a program on $PATH or a library name such
 * as libc. Each function gets its own probe, so that its name is known
 * when the program is compiled: caller and func are constants.
 */
#include <elf.h>
#include <errno.h>
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arch.h"
#include "bpf.h"
#include "elfread.h"
#include "provider.h"
#include "xprobe.h"

struct uprobe {
	struct xprobe x;
	struct xprobe_event ev;
	const char *func;	/* the function probed */
	const char *caller;	/* "function+0xoffset" */
};

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
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
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

static bool accept_library(const char *path, void *out)
{
	if (!is_file(path) || !elf_is_native(path))
		return false;
	snprintf(out, PATH_MAX, "%s", path);
	return true;
}

/*
 * A library by name ("libc", "libc.so.6") in the library directories: the
 * exact file, else a versioned one (libc.so is often a linker script).
 */
static bool find_library(const char *name, char *out)
{
	static const char defaults[] = "/lib\0/usr/lib\0/lib64\0/usr/lib64\0/usr/local/lib\0";
	static const char *const patterns[] = { "%s", "%s.so.*", "%s.so" };
	struct buf dirs = { 0 };
	char pattern[NAME_MAX + 8];
	const char *dir;
	bool found = false;
	size_t i;

	add_conf_dirs("/etc/ld.so.conf", &dirs);
	buf_add(&dirs, defaults, sizeof(defaults));
	for (dir = dirs.data; *dir && !found; dir += strlen(dir) + 1) {
		for (i = 0; i < ARRAY_SIZE(patterns) && !found; i++) {
			snprintf(pattern, sizeof(pattern), patterns[i], name);
			found = each_match(dir, pattern, accept_library, out);
		}
	}
	buf_free(&dirs);
	return found;
}

/* A path as given, a program on $PATH, or a library; made absolute for the kernel. */
static bool find_binary(const char *name, char *out)
{
	char candidate[PATH_MAX];
	const char *path = getenv("PATH"), *dir;

	if (strchr(name, '/'))
		return is_file(name) && realpath(name, out);
	for (dir = path ? path : "/usr/sbin:/usr/bin:/sbin:/bin"; *dir;) {
		size_t len = strcspn(dir, ":");

		snprintf(candidate, sizeof(candidate), "%.*s/%s", (int)len, dir, name);
		if (is_file(candidate) && access(candidate, X_OK) == 0)
			return realpath(candidate, out) != NULL;
		dir += len + (dir[len] == ':');
	}
	return find_library(name, candidate) && realpath(candidate, out);
}

static noreturn void unknown_symbol(struct probe *p, const struct elf *e, const char *sym,
				    const char *path)
{
	const char *best = NULL;
	unsigned best_d = 4;
	size_t i;

	for (i = 0; i < e->nsyms; i++) {
		unsigned d = edit_distance(sym, e->syms[i].name);

		if (d < best_d)
			best = e->syms[i].name, best_d = d;
	}
	if (best)
		error_at(&p->loc, "%s has no function '%s'; did you mean '%s'?", path, sym, best);
	error_at(&p->loc, "%s has no function '%s'%s", path, sym,
		 e->nsyms ? "" : " (it has no symbols at all)");
}

/* The function containing an address, for caller and func of uprobe:PATH:0xADDR. */
static const struct elf_sym *containing(const struct elf *e, uint64_t addr)
{
	const struct elf_sym *best = NULL;
	size_t i;

	for (i = 0; i < e->nsyms; i++)
		if (e->syms[i].addr <= addr && (!best || e->syms[i].addr > best->addr))
			best = &e->syms[i];
	return best;
}

/* One more probe after p, on another function matched by p's glob. */
static void clone_for(struct sonde *s, struct probe *p, const char *path, const char *sym)
{
	struct probe *c = arena_alloc(&s->ka, sizeof(*c));

	*c = *p;
	c->spec = arena_printf(&s->ka, "%s:%s:%s", p->provider->name, path, sym);
	c->priv = NULL;
	p->next = c;
}

static void uprobe_resolve(struct sonde *s, struct probe *p)
{
	struct uprobe *u = arena_alloc(&s->ka, sizeof(*u));
	char *spec = arena_strdup(&s->ca, p->target), *sym = strrchr(spec, ':'), *plus, *end;
	char path[PATH_MAX];
	const struct elf_sym *es;
	const char *why;
	struct elf *e;
	uint64_t addr, off = 0;
	int64_t file_off;
	size_t i;

	if (!sym || sym == spec || !sym[1])
		error_at(&p->loc, "a uprobe is written uprobe:FILE:FUNCTION, as in "
			 "uprobe:/bin/sh:main or uprobe:libc:getenv");
	*sym++ = '\0';
	if (!find_binary(spec, path))
		error_at(&p->loc, "cannot find '%s': not a file, a program on $PATH or a "
			 "library name", spec);
	e = elf_open(path, &why);
	if (!e)
		error_at(&p->loc, "%s %s", path, why);

	if (!strncmp(sym, "0x", 2)) {
		addr = strtoull(sym, &end, 16);
		if (*end)
			error_at(&p->loc, "'%s' is not an address", sym);
		es = containing(e, addr);
		u->func = es ? arena_strdup(&s->ka, es->name) : "?";
		off = es ? addr - es->addr : addr;
	} else {
		plus = strchr(sym, '+');
		if (plus) {
			*plus = '\0';
			off = strtoull(plus + 1, &end, 0);
			if (*end || !plus[1])
				error_at(&p->loc, "'%s' is not an offset", plus + 1);
		}
		if (has_glob(sym)) {
			/* The first match stays this probe; the others are new ones. */
			const char *first = NULL;

			for (i = e->nsyms; i-- > 0;) {
				if (!glob_match(sym, e->syms[i].name))
					continue;
				if (first)
					clone_for(s, p, path, first);
				first = e->syms[i].name;
			}
			if (!first)
				error_at(&p->loc, "no function of %s matches '%s'", path, sym);
			sym = arena_strdup(&s->ca, first);
			p->spec = arena_printf(&s->ka, "%s:%s:%s", p->provider->name, path, sym);
		}
		es = elf_symbol(e, sym);
		if (!es)
			unknown_symbol(p, e, sym, path);
		addr = es->addr + off;
		u->func = arena_strdup(&s->ka, sym);
	}
	if (arch.elf_machine == EM_ARM && (addr & 1)) {
		warn_at(&p->loc, "%s is Thumb code: uprobes on Thumb code attach but do not fire "
			"on the kernels tested; build it with -marm", u->func);
		addr &= ~1ULL;
	}
	file_off = elf_file_offset(e, addr);
	if (file_off < 0)
		error_at(&p->loc, "0x%llx is not in an executable segment of %s",
			 (unsigned long long)addr, path);
	if (p->provider == &provider_uretprobe && off)
		error_at(&p->loc, "a uretprobe goes on a function, not on function+offset");
	u->caller = off ? arena_printf(&s->ka, "%s+0x%llx", u->func, (unsigned long long)off) :
		    u->func;
	u->x = (struct xprobe){ true, p->provider == &provider_uretprobe,
				arena_strdup(&s->ka, path), (uint64_t)file_off };
	u->ev.fd = -1;
	p->priv = u;
	elf_close(e);
}

static int uprobe_attach(struct sonde *s, struct probe *p)
{
	struct uprobe *u = p->priv;
	int r;

	if (!xprobe_supported(true)) {
		err("%s: this kernel has no uprobes: neither the uprobe PMU nor uprobe_events",
		    p->spec);
		note_at(NULL, "the kernel needs CONFIG_UPROBES and CONFIG_UPROBE_EVENTS");
		return -EOPNOTSUPP;
	}
	r = xprobe_open(&u->x, s->opt.pid > 0 ? s->opt.pid : -1, &u->ev);
	if (r == 0) {
		r = perf_event_attach(u->ev.fd, p->fd);
		if (r < 0)
			xprobe_close(&u->ev);
	}
	if (r < 0)
		err("%s: cannot attach the uprobe: %s", p->spec, bpf_strerror(r));
	return r;
}

static void uprobe_detach(struct sonde *s, struct probe *p)
{
	struct uprobe *u = p->priv;

	(void)s;
	if (u && (u->ev.fd >= 0 || u->ev.in_tracefs))
		xprobe_close(&u->ev);
}

/* caller and func of a uprobe are strings fixed when it is compiled. */
static const char *constant(const struct probe *p, const struct node *n)
{
	const struct uprobe *u = p->priv;

	return !strcmp(n->var.name, "func") ? u->func : u->caller;
}

static struct type *sema_constant(struct sema *sm, struct node *n)
{
	return type_array(&sm->s->ka, &type_char, strlen(constant(sm->p, n)) + 1);
}

static void gen_constant(struct gen *g, struct node *n, int dst)
{
	const char *text = constant(g->p, n);

	gen_string(g, text, strlen(text), dst, n->type->size);
}

static const struct builtin uprobe_vars[] = {
	REGS_VAR_ROWS,
	BUILTIN_VAR_ROW("caller", sema_constant, gen_constant),
	BUILTIN_VAR_ROW("func", sema_constant, gen_constant),
	{ .name = NULL },
};

#define UPROBE_PROVIDER(nm, al) {						\
	.name = nm, .alias = al, .prog_type = BPF_PROG_TYPE_KPROBE, .when = WHEN_EVENT,	\
	.vars = uprobe_vars, .space = SPACE_USER, .resolve = uprobe_resolve,		\
	.attach = uprobe_attach, .detach = uprobe_detach,				\
}

const struct provider provider_uprobe = UPROBE_PROVIDER("uprobe", "u");
const struct provider provider_uretprobe = UPROBE_PROVIDER("uretprobe", "ur");
