// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe:[MODULE:]SYMBOL[+OFFSET], kprobe:0xADDRESS, kprobe:GLOB and kretprobe:...
 * A glob expands to every kernel function it matches, one program
 * attached at each: through one kprobe_multi link where the kernel has
 * it, else a perf event each, skipping a function that cannot be probed.
 */
#include <stdlib.h>

#include "base/file.h"
#include "base/sort.h"
#include "base/text.h"
#include "probe/probe.h"

const char *kernel_function_at(const char *line, bool kallsyms, size_t *len, const char **module,
			       size_t *mlen)
{
	const char *name = line, *end = line + strcspn(line, "\n");

	if (kallsyms) {
		/* "ffffffff81000000 T name [module]": text symbols only */
		const char *type = memchr(line, ' ', end - line);

		if (!type || !type[1] || !strchr("tTwW", type[1]) || type[2] != ' ')
			return NULL;
		name = type + 3;
	}
	/* "name [module]" */
	*len = strcspn(name, " \t\n");
	*module = name + *len + strspn(name + *len, " \t");
	*mlen = **module == '[' ? strcspn(++*module, "]\n") : 0;
	return name;
}

/*
 * The function names of a file, available_filter_functions or
 * /proc/kallsyms, as one buffer of NUL-separated names in the arena: all,
 * or MODULE's alone. NULL if the file cannot be read.
 */
static char *function_names(struct arena *a, const char *path, bool kallsyms,
			    const char *module, size_t *count)
{
	size_t len, mlen;
	char *text = read_file(path, &len), *line, *next, *out, *names;
	const char *name, *mod;

	*count = 0;
	if (!text)
		return NULL;
	names = arena_memdup(a, text, len + 1);
	free(text);
	/* Each name moves to the front, over lines already read. */
	for (out = names, line = names; *line; line = next) {
		next = line + strcspn(line, "\n");
		next += *next == '\n';
		name = kernel_function_at(line, kallsyms, &len, &mod, &mlen);
		if (!name || (module && (mlen != strlen(module) || strncmp(mod, module, mlen))))
			continue;
		memmove(out, name, len);
		out[len] = '\0';
		out += len + 1;
		(*count)++;
	}
	*out = '\0';
	return names;
}

/*
 * The kernel's functions, or MODULE's: the traceable ones of the target's
 * tracefs, or on the running kernel every text symbol of kallsyms; NULL
 * if neither.
 */
static char *kernel_functions(struct arena *a, const struct target *t, const char *module,
			      size_t *count)
{
	const char *root = target_tracefs(t);
	char path[512], *names = NULL;

	*count = 0;
	if (root) {
		snprintf(path, sizeof(path), "%s/available_filter_functions", root);
		names = function_names(a, path, false, module, count);
	}
	if (!names && t->host)
		names = function_names(a, "/proc/kallsyms", true, module, count);
	return names;
}

/* WHO is the kernel or a module, NAMES its functions. */
static noreturn void unknown_function(struct probe *p, const char *who, const char *sym,
				      const char *names, size_t count)
{
	struct suggest sg;
	size_t i;

	suggest_init(&sg, sym);
	for (i = 0; i < count; i++, names += strlen(names) + 1)
		suggest_offer(&sg, names);
	if (suggest_best(&sg))
		error_at(&p->loc, "%s has no function '%s'; did you mean '%s'?", who, sym,
			 suggest_best(&sg));
	error_at(&p->loc, "%s has no function '%s' (see /proc/kallsyms)", who, sym);
}

/* The functions a glob matches, each once though a name may be listed for several. */
static void add_matches(struct resolver *r, struct attach *at, const char *glob,
			uint64_t off, const char *names, size_t count)
{
	const char **matches = xmalloc((count + 1) * sizeof(*matches));
	size_t i, n = 0;

	for (i = 0; i < count; i++, names += strlen(names) + 1)
		if (glob_match(glob, names))
			matches[n++] = names;
	if (n)
		sort(matches, n, sizeof(*matches), text_compare);
	at->points = arena_alloc(r->keep, (n ? n : 1) * sizeof(*at->points));
	for (i = 0; i < n; i++)
		if (!i || strcmp(matches[i], matches[i - 1]))
			at->points[at->npoints++] = (struct attach_point){
				.name = arena_strdup(r->keep, matches[i]), .offset = off };
	free(matches);
}

static void kprobe_resolve(struct resolver *r, struct probe *p)
{
	struct attach *at = probe_attach(r, p, ATTACH_KPROBE);
	char *sym = arena_strdup(r->scratch, p->target), *module = NULL, *plus, *end, *names, *name;
	char who[80] = "the kernel";
	uint64_t off = 0;
	size_t count, i;

	/*
	 * bpftrace's kprobe:MODULE:FUNCTION: a function looked for among
	 * MODULE's, then attached by its name, as the kernel's are.
	 */
	if (strchr(sym, ':')) {
		module = sym;
		sym = strchr(sym, ':');
		*sym++ = '\0';
		snprintf(who, sizeof(who), "module '%s'", module);
	}
	at->retprobe = p->provider->return_probe;
	if (!strncmp(sym, "0x", 2)) {
		off = strtoull(sym, &end, 16);
		if (*end || !off)
			error_at(&p->loc, "'%s' is not an address", sym);
		at->points = arena_alloc(r->keep, sizeof(*at->points));
		at->points[at->npoints++] = (struct attach_point){ .offset = off };
		return;
	}
	plus = strchr(sym, '+');
	if (plus) {
		*plus = '\0';
		off = strtoull(plus + 1, &end, 0);
		if (*end || plus[1] == '\0')
			error_at(&p->loc, "'%s' is not an offset, as in kprobe:vfs_read+4", plus + 1);
		if (at->retprobe)
			error_at(&p->loc, "a kretprobe goes on a function, not on function+offset");
	}
	at->glob = has_glob(sym);
	at->target = arena_strdup(r->keep, sym);
	names = kernel_functions(r->scratch, r->target, module, &count);
	if (module && names && !count)
		error_at(&p->loc, "no module '%s' is loaded (see /proc/modules)", module);
	if (at->glob) {
		if (!names)
			error_at(&p->loc, "a kprobe glob needs the list of the target's functions: "
				 "set SONDE_TRACEFS to a copy of its tracefs");
		add_matches(r, at, sym, off, names, count);
		if (!at->npoints)
			error_at(&p->loc, "%s has no function matching '%s'", who, sym);
		/* kprobe_multi links take functions, not offsets in them. */
		at->multi = at->npoints > 1 && !off && target_has(r->target, TF_KPROBE_MULTI);
	} else {
		for (i = 0, name = names; i < count && strcmp(name, sym); i++)
			name += strlen(name) + 1;
		if (names && i == count)
			unknown_function(p, who, sym, names, count);
		at->points = arena_alloc(r->keep, sizeof(*at->points));
		at->points[at->npoints++] = (struct attach_point){
			.name = arena_strdup(r->keep, sym), .offset = off };
		p->kfunc = at->points[0].name;
	}
}

const struct provider provider_kprobe = {
	.name = "kprobe", .alias = "k", .prog_type = BPF_PROG_TYPE_KPROBE, .when = WHEN_EVENT,
	.offers = OFFER_ARGS | OFFER_REGS | OFFER_PC, .pc_skew = true, .space = SPACE_ANY,
	.kernel_func = true, .resolve = kprobe_resolve,
};

const struct provider provider_kretprobe = {
	.name = "kretprobe", .alias = "kr", .prog_type = BPF_PROG_TYPE_KPROBE, .when = WHEN_EVENT,
	.offers = OFFER_ARGS | OFFER_RETVAL | OFFER_REGS | OFFER_PC, .return_probe = true,
	.entry = "kprobe", .space = SPACE_ANY, .kernel_func = true, .resolve = kprobe_resolve,
};
