// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe:SYMBOL[+OFFSET], kprobe:0xADDRESS, kprobe:GLOB and kretprobe:...
 * A glob expands to every kernel function it matches, one program
 * attached at each; a function that cannot be probed is skipped.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bpf.h"
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
 * The names of kernel functions: the traceable ones for a glob (from
 * available_filter_functions), else every text symbol of /proc/kallsyms;
 * returned as one buffer of NUL-separated names.
 */
static char *kernel_functions(bool traceable, size_t *count)
{
	const char *root = tracefs_root();
	char path[512], *text = NULL, *line, *next, *out;
	bool kallsyms = true;

	if (traceable && root) {
		snprintf(path, sizeof(path), "%s/available_filter_functions", root);
		text = read_file(path, NULL);
		kallsyms = !text;
	}
	if (!text)
		text = read_file("/proc/kallsyms", NULL);
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

static int kprobe_attach(struct sonde *s, struct probe *p)
{
	struct kprobe *kp = p->priv;
	unsigned i, attached = 0, skipped = 0;
	const char *first = NULL;
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
			if (r == -ENOENT || r == -EINVAL)
				note_at(NULL, "the function may be inlined, static, or on the kprobe "
					"blacklist; the kernel needs CONFIG_KPROBES and "
					"CONFIG_KPROBE_EVENTS");
			return r;
		}
		if (!skipped++) {
			first = pt->x.name;
			first_err = r;
		}
	}
	if (skipped)
		warn("%s: skipped %u of %u functions that cannot be probed (%s: %s)", p->spec,
		     skipped, kp->n, first, bpf_strerror(first_err));
	if (!attached) {
		err("%s: no function could be probed", p->spec);
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

static const struct builtin kprobe_vars[] = {
	REGS_VAR_ROWS,
	BUILTIN_VAR_ROW("caller", regs_sema_caller, regs_gen_pc),
	BUILTIN_VAR_ROW("func", regs_sema_func, regs_gen_pc),
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
