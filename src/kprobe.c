// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe:SYMBOL[+OFFSET], kprobe:0xADDRESS, kprobe:GLOB and kretprobe:...
 * A glob expands to every kernel function it matches, one program
 * attached at each; a function that cannot be probed is skipped.
 */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "bpf.h"
#include "ksym.h"
#include "provider.h"
#include "tracefs.h"
#include "xprobe.h"

struct kprobe_point {
	struct xprobe x;
	struct xprobe_event ev;
};

struct kprobe {
	struct kprobe_point *points;
	unsigned n;
	bool glob;
};

/*
 * The function names of a file, available_filter_functions ("name
 * [module]") or /proc/kallsyms (its text symbols), as one buffer of
 * NUL-separated names; NULL if it cannot be read.
 */
static char *function_names(const char *path, bool kallsyms, size_t *count)
{
	char *text = read_file(path, NULL), *line, *next, *out;

	*count = 0;
	if (!text)
		return NULL;
	/* Each name moves to the front, over lines already read. */
	for (out = text, line = text; *line; line = next) {
		char *name = line;
		size_t len;

		next = line + strcspn(line, "\n");
		next += *next == '\n';
		if (kallsyms) {
			/* "ffffffff81000000 T name [module]": text symbols only */
			char *type = memchr(line, ' ', next - line);

			if (!type || !type[1] || !strchr("tTwW", type[1]) || type[2] != ' ')
				continue;
			name = type + 3;
		}
		/* "name [module]" */
		len = strcspn(name, " \t\n");
		memmove(out, name, len);
		out[len] = '\0';
		out += len + 1;
		(*count)++;
	}
	*out = '\0';
	return text;
}

/* The names of the traceable kernel functions, or NULL. */
static char *traceable_functions(size_t *count)
{
	const char *root = tracefs_root();
	char path[512];

	*count = 0;
	if (!root)
		return NULL;
	snprintf(path, sizeof(path), "%s/available_filter_functions", root);
	return function_names(path, false, count);
}

/* The traceable functions for a glob, else every text symbol of kallsyms. */
static char *kernel_functions(bool traceable, size_t *count)
{
	char *names = traceable ? traceable_functions(count) : NULL;

	return names ? names : function_names("/proc/kallsyms", true, count);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Probe points are added into room made beforehand by make_room(). */
static void make_room(struct arena *a, struct kprobe *kp, size_t n)
{
	kp->points = arena_alloc(a, n * sizeof(*kp->points));
}

static void add_point(struct arena *a, struct kprobe *kp, const char *name, uint64_t off,
		      bool retprobe)
{
	struct kprobe_point *pt = &kp->points[kp->n++];

	pt->x = (struct xprobe){ false, retprobe, name ? arena_strdup(a, name) : NULL, off };
	pt->ev.fd = -1;
}

static noreturn void unknown_function(struct probe *p, const char *sym, const char *names,
				      size_t count)
{
	const char *best = NULL, *name = names;
	unsigned best_d = 4;
	size_t i;

	for (i = 0; i < count; i++, name += strlen(name) + 1) {
		unsigned d = edit_distance(sym, name);

		if (d < best_d)
			best = name, best_d = d;
	}
	if (best)
		error_at(&p->loc, "the kernel has no function '%s'; did you mean '%s'?", sym, best);
	error_at(&p->loc, "the kernel has no function '%s' (see /proc/kallsyms)", sym);
}

static void kprobe_resolve(struct sonde *s, struct probe *p)
{
	bool retprobe = p->provider == &provider_kretprobe;
	struct kprobe *kp = arena_alloc(&s->ka, sizeof(*kp));
	char *sym = arena_strdup(&s->ca, p->target), *plus, *end, *names, *name;
	uint64_t off = 0;
	size_t count, i;

	p->priv = kp;
	if (!strncmp(sym, "0x", 2)) {
		off = strtoull(sym, &end, 16);
		if (*end || !off)
			error_at(&p->loc, "'%s' is not an address", sym);
		make_room(&s->ka, kp, 1);
		add_point(&s->ka, kp, NULL, off, retprobe);
		return;
	}
	plus = strchr(sym, '+');
	if (plus) {
		*plus = '\0';
		off = strtoull(plus + 1, &end, 0);
		if (*end || plus[1] == '\0')
			error_at(&p->loc, "'%s' is not an offset, as in kprobe:vfs_read+4", plus + 1);
		if (retprobe)
			error_at(&p->loc, "a kretprobe goes on a function, not on function+offset");
	}
	kp->glob = has_glob(sym);
	names = kernel_functions(kp->glob, &count);
	if (!kp->glob) {
		for (i = 0, name = names; i < count && strcmp(name, sym); i++)
			name += strlen(name) + 1;
		if (names && i == count)
			unknown_function(p, sym, names, count);
		make_room(&s->ka, kp, 1);
		add_point(&s->ka, kp, sym, off, retprobe);
	} else {
		/* Each function once, though a name may be listed for several. */
		const char **matches = xmalloc((count + 1) * sizeof(*matches));
		size_t n = 0;

		for (i = 0, name = names; i < count; i++, name += strlen(name) + 1)
			if (glob_match(sym, name))
				matches[n++] = name;
		qsort(matches, n, sizeof(*matches), by_name);
		make_room(&s->ka, kp, n);
		for (i = 0; i < n; i++)
			if (!i || strcmp(matches[i], matches[i - 1]))
				add_point(&s->ka, kp, matches[i], off, retprobe);
		free(matches);
		if (!kp->n)
			error_at(&p->loc, "no kernel function matches '%s'", sym);
	}
	free(names);
}

/* Whether available_filter_functions lists the function. */
static bool traceable(const char *name)
{
	size_t n;
	char *names = traceable_functions(&n), *s = names;
	bool found = false;

	for (; n && !found; n--, s += strlen(s) + 1)
		found = !strcmp(s, name);
	free(names);
	return found;
}

/*
 * riscv kernels without KPROBES_ON_FTRACE refuse a probe on the entry of
 * a traceable function, its ftrace nops, with EINVAL: not the usual
 * reasons, and a probe past the nops works.
 */
static bool ftrace_note(const struct probe *p, const struct xprobe *x, int r)
{
	if (arch.elf_machine != EM_RISCV || r != -EINVAL || !x->name || x->offset ||
	    !traceable(x->name))
		return false;
	if (x->retprobe)
		note_at(NULL, "this kernel cannot probe the entry of a traceable function "
			"without KPROBES_ON_FTRACE, and a kretprobe can only go there");
	else
		note_at(NULL, "this kernel cannot probe the entry of a traceable function "
			"without KPROBES_ON_FTRACE; try %s+8, past its ftrace nops", p->target);
	return true;
}

static int kprobe_attach(struct sonde *s, struct probe *p)
{
	struct kprobe *kp = p->priv;
	unsigned i, attached = 0, skipped = 0;
	const struct xprobe *first = NULL;
	int r, first_err = 0;

	(void)s;
	if (!xprobe_supported(false)) {
		err("%s: this kernel has no kprobes: neither the kprobe PMU nor kprobe_events",
		    p->spec);
		note_at(NULL, "the kernel needs CONFIG_KPROBES and CONFIG_KPROBE_EVENTS "
			"(sonde -T lists what this kernel has)");
		return -EOPNOTSUPP;
	}
	for (i = 0; i < kp->n; i++) {
		struct kprobe_point *pt = &kp->points[i];

		r = xprobe_open(&pt->x, -1, &pt->ev);
		if (r == 0) {
			r = perf_event_attach(pt->ev.fd, p->fd);
			if (r < 0)
				xprobe_close(&pt->ev);
		}
		if (r == 0) {
			attached++;
			continue;
		}
		if (!kp->glob) {
			err("%s: cannot probe %s: %s", p->spec, pt->x.name ? pt->x.name : p->target,
			    bpf_strerror(r));
			if (!ftrace_note(p, &pt->x, r) && (r == -ENOENT || r == -EINVAL))
				note_at(NULL, "the function may be inlined, static, or on the kprobe "
					"blacklist; the kernel needs CONFIG_KPROBES and "
					"CONFIG_KPROBE_EVENTS");
			return r;
		}
		if (!skipped++) {
			first = &pt->x;
			first_err = r;
		}
	}
	if (skipped)
		warn("%s: skipped %u of %u functions that cannot be probed (%s: %s)", p->spec,
		     skipped, kp->n, first->name, bpf_strerror(first_err));
	if (!attached) {
		err("%s: no function could be probed", p->spec);
		ftrace_note(p, first, first_err);
		return first_err;
	}
	return 0;
}

static void kprobe_detach(struct sonde *s, struct probe *p)
{
	struct kprobe *kp = p->priv;
	unsigned i;

	(void)s;
	for (i = 0; kp && i < kp->n; i++)
		if (kp->points[i].ev.fd >= 0 || kp->points[i].ev.in_tracefs)
			xprobe_close(&kp->points[i].ev);
}

/*
 * In a kretprobe the pc is the return address, in the caller, and func is
 * the probed function instead. Its address is known when compiling unless
 * the program goes on several functions, or kallsyms hides it; then
 * get_func_ip gives it: the kernel marks the kretprobe's kprobe as the one
 * running while the program runs.
 */
static void kprobe_gen_func(struct gen *g, struct node *n, int dst)
{
	struct probe *p = g->p;
	struct kprobe *kp = p->priv;
	const struct xprobe *x = &kp->points[0].x;
	uint64_t addr = 0;

	if (p->provider != &provider_kretprobe) {
		regs_gen_pc(g, n, dst);
		return;
	}
	if (kp->n == 1 && !x->name) {
		addr = x->offset;
	} else if (kp->n == 1) {
		if (!g->s->ksyms)
			g->s->ksyms = ksyms_load();
		addr = ksym_addr(g->s->ksyms, x->name);
	}
	if (addr) {
		gen_imm64(g, R1, addr);
		gen_push(g, R1);
		return;
	}
	if (!bpf_has_helper(p->provider->prog_type, HELPER_GET_FUNC_IP)) {
		if (kp->n > 1)
			error_at(&n->loc, "%s: func in a kretprobe on a glob needs Linux 5.15 "
				 "(bpf_get_func_ip)", p->spec);
		error_at(&n->loc, "%s: func needs the address of %s, which /proc/kallsyms hides, "
			 "or Linux 5.15 (bpf_get_func_ip)", p->spec, x->name);
	}
	gen_emit(g, MOV_REG(R1, CTX_REG));
	gen_emit(g, CALL(HELPER_GET_FUNC_IP));
	gen_push(g, R0);
}

static const struct builtin kprobe_vars[] = {
	REGS_VAR_ROWS,
	BUILTIN_VAR_ROW("caller", regs_sema_caller, regs_gen_pc),
	BUILTIN_VAR_ROW("func", regs_sema_func, kprobe_gen_func),
	{ .name = NULL },
};

#define KPROBE_PROVIDER(nm, al) {						\
	.name = nm, .alias = al, .prog_type = BPF_PROG_TYPE_KPROBE, .when = WHEN_EVENT,	\
	.vars = kprobe_vars, .space = SPACE_ANY, .resolve = kprobe_resolve,		\
	.attach = kprobe_attach,							\
	.detach = kprobe_detach,							\
}

const struct provider provider_kprobe = KPROBE_PROVIDER("kprobe", "k");
const struct provider provider_kretprobe = KPROBE_PROVIDER("kretprobe", "kr");
