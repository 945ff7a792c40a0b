// SPDX-License-Identifier: GPL-2.0
/*
 * The built-ins as sema sees them: task variables, the probe's context,
 * output, strings, aggregations. Each row names its check; its code is
 * codegen's, found by id.
 */
#include <stdlib.h>

#include "base/format.h"
#include "kernel/elf.h"
#include "kernel/usdt.h"
#include "lang/builtin.h"
#include "lang/provider.h"
#include "lang/sema.h"

static struct type type_time = {
	.kind = TYPE_INT, .fmt = FMT_TIME, .size = 8, .align = 8, .is_signed = true,
};

const struct builtin *builtin_find(const char *name)
{
	const struct builtin *b;

	for (b = builtins; b->name; b++)
		if (!strcmp(b->name, name))
			return b;
	return NULL;
}

static struct type *sema_walltime(struct sema *sm, struct node *n)
{
	static struct type walltime = {
		.kind = TYPE_INT, .fmt = FMT_WALLTIME, .size = 8, .align = 8, .is_signed = true,
	};

	(void)sm, (void)n;
	return &walltime;
}

static struct type *sema_stack(struct sema *sm, struct node *n)
{
	static struct type stack = {
		.kind = TYPE_INT, .fmt = FMT_STACK, .size = 8, .align = 8, .is_signed = true,
	};

	(void)n;
	sm->p->uses_ctx = true;
	return &stack;
}

static struct type *sema_u32(struct sema *sm, struct node *n)
{
	(void)sm, (void)n;
	return &type_u32;
}

static struct type *sema_time(struct sema *sm, struct node *n)
{
	(void)sm, (void)n;
	return &type_time;
}

static struct type *sema_u64(struct sema *sm, struct node *n)
{
	(void)sm, (void)n;
	return &type_u64;
}

/* curtask: a struct task_struct *, if BTF or the script says what that is. */
static struct type *sema_curtask(struct sema *sm, struct node *n)
{
	struct type *task = sema_tagged(sm, "struct task_struct");

	(void)n;
	return type_ptr(sm->types, task ? task : &type_void, 8, SPACE_KERNEL);
}

static struct type *sema_comm(struct sema *sm, struct node *n)
{
	(void)n;
	sm->p->comm_uses++;
	return &type_comm;
}

/* Output: printf(), print(), exit() send records to user space. */

/* The source location of part of a string literal, exact when no escape precedes it. */
static struct loc str_loc(const struct node *s, size_t start, size_t len)
{
	struct loc loc = s->loc;
	const char *raw = loc.src->text + loc.off + 1;

	if (memchr(raw, '\\', start) || start + len > s->str.len)
		return loc;
	loc.off += 1 + start;
	loc.col += 1 + start;
	loc.len = len;
	return loc;
}

static struct type *sema_printf(struct sema *sm, struct node *n)
{
	struct node *fmt = n->call.args, *a = fmt->next;
	struct type *t;
	struct conv c;
	size_t pos = 0;

	if (fmt->kind != NODE_STR)
		error_at(&fmt->loc, "the format of printf() must be a string literal");
	while (format_next(fmt->str.data, pos, &c)) {
		struct loc at = str_loc(fmt, c.start, c.len);

		pos = c.start + c.len;
		if (c.bad)
			error_at(&at, "unknown conversion '%.*s' in the format; sonde knows "
				 "%%d %%i %%u %%o %%x %%X %%c %%s %%p %%v and %%%%",
				 (int)c.len, fmt->str.data + c.start);
		if (c.conv == '%')
			continue;
		if (!a)
			error_at(&at, "'%.*s' has no argument to print", (int)c.len,
				 fmt->str.data + c.start);
		t = sema_expr(sm, a);
		if (t && t->kind == TYPE_VOID)
			error_at(&a->loc, "this has no value to print");
		/* %s takes a string, or what prints as text: a symbol, a stack... */
		if (t && c.conv == 's' && !type_is_string(t) &&
		    (t->fmt == FMT_PLAIN || t->fmt == FMT_HEX))
			error_at(&a->loc, "'%.*s' needs a string, but this is %s%s", (int)c.len,
				 fmt->str.data + c.start, sema_type_name(sm, t),
				 t->kind == TYPE_PTR ? "; read the string with str()" : "");
		if (t && strchr("diouxXcp", c.conv) && !type_is_scalar(t))
			error_at(&a->loc, "'%.*s' needs an integer, but this is %s; use %%v or %%s",
				 (int)c.len, fmt->str.data + c.start, sema_type_name(sm, t));
		a = a->next;
	}
	if (a)
		error_at(&a->loc, "the format has no conversion for this argument");
	sm->p->uses_ctx = true;
	return &type_void;
}

/* system(fmt, args...): a printf() whose text user space runs as a command. */
static struct type *sema_system(struct sema *sm, struct node *n)
{
	if (!sm->opt->unsafe)
		error_at(&n->loc, "system() runs commands: it needs --unsafe");
	return sema_printf(sm, n);
}

/*
 * print(values...) prints values; print(maps...) prints whole maps mid-run;
 * print(@m, N), as bpftrace, the N largest elements of one.
 */
static struct type *sema_print(struct sema *sm, struct node *n)
{
	bool maps = sema_whole_map(sm, n->call.args) != NULL;
	struct node *a, *top = n->call.args->next;
	struct type *t;

	if (maps && top && !top->next && !sema_whole_map(sm, top)) {
		n->call.top = (unsigned)MIN(sema_const(sm, top, "the count of print(map, N)"),
					    UINT32_MAX);
		n->call.args->next = NULL;
		n->call.nargs = 1;
	}

	for (a = n->call.args; a; a = a->next) {
		if (maps != (sema_whole_map(sm, a) != NULL))
			error_at(&a->loc, "print() takes either values or whole maps, not both");
		if (maps)
			continue;
		t = sema_expr(sm, a);
		if (t && t->kind == TYPE_VOID)
			error_at(&a->loc, "this has no value to print");
	}
	sm->p->uses_ctx = true;
	return &type_void;
}

/* The map that clear(), zero() or len() takes. */
static void want_map(struct sema *sm, const struct node *n, const char *example)
{
	if (!sema_whole_map(sm, n->call.args))
		error_at(&n->call.args->loc, "%s() takes a map, as in %s", n->call.name, example);
}

static struct type *sema_clear(struct sema *sm, struct node *n)
{
	want_map(sm, n, "clear(@)");
	sm->p->uses_ctx = true;
	return &type_void;
}

/* len(@m): the elements, counted by the kernel as it goes over them. */
static struct type *sema_len(struct sema *sm, struct node *n)
{
	want_map(sm, n, "len(@start)");
	return &type_u64;
}

static struct type *sema_exit(struct sema *sm, struct node *n)
{
	if (n->call.args)
		sema_want_int(sm, n->call.args, "the exit code");
	sm->p->uses_ctx = true;
	return &type_void;
}

/* zero(@m): every value of the map back to zero, its keys kept. */
static struct type *sema_zero(struct sema *sm, struct node *n)
{
	want_map(sm, n, "zero(@)");
	sm->p->uses_ctx = true;
	return &type_void;
}

/* has_key(@m, key): whether the map holds the key. */
static struct type *sema_has_key(struct sema *sm, struct node *n)
{
	struct node *m = n->call.args;

	/* Typed once already, it is the element at the key. */
	if (m->kind != NODE_MAP || m->map.whole) {
		if (!sema_whole_map(sm, m) || !m->next)
			error_at(&m->loc, "has_key() takes a map and a key, as in "
				 "has_key(@start, tid)");
		ast_map_element(m, m->next);
		m->next = NULL;
	}
	sema_map_key(sm, m);
	return &type_u64;
}

/* signal(SIG): SIGKILL, "KILL" or 9 to the current task. */
static struct type *sema_signal(struct sema *sm, struct node *n)
{
	static const char names[] = "HUP\0INT\0QUIT\0ILL\0TRAP\0ABRT\0BUS\0FPE\0KILL\0USR1\0"
		"SEGV\0USR2\0PIPE\0ALRM\0TERM\0STKFLT\0CHLD\0CONT\0STOP\0TSTP\0";
	struct node *a = n->call.args;
	const char *name, *s;
	unsigned sig;

	if (a->kind == NODE_STR || (a->kind == NODE_VAR && !strncmp(a->var.name, "SIG", 3))) {
		name = a->kind == NODE_STR ? a->str.data : a->var.name;
		if (!strncmp(name, "SIG", 3))
			name += 3;
		for (s = names, sig = 1; *s && strcmp(s, name); s += strlen(s) + 1)
			sig++;
		if (!*s)
			error_at(&a->loc, "unknown signal '%s'", name);
		a->kind = NODE_NUM;
		a->num = sig;
	}
	sig = sema_const(sm, a, "the signal");
	if (sig < 1 || sig > 64)
		error_at(&a->loc, "a signal is numbered 1 to 64");
	return &type_void;
}

/* Strings */

static struct type *sema_dyn(struct sema *sm, struct node *n);

static struct type *sema_str(struct sema *sm, struct node *n)
{
	struct node *p = n->call.args, *len = p->next;
	struct type *t = sema_expr(sm, p);
	uint64_t size = sm->opt->string_size;

	/* str(args.filename) of a __data_loc field: its string, as dyn() reads it */
	if (t && t->fmt == FMT_DATALOC) {
		n->call.def = builtin_find("dyn");
		return sema_dyn(sm, n);
	}
	if (t && !type_is_scalar(t) && !type_is_string(t))
		error_at(&p->loc, "str() reads a string from an address, not from %s",
			 sema_type_name(sm, t));
	if (len) {
		size = sema_const(sm, len, "the length of str()");
		if (size < 1 || size > 256)
			error_at(&len->loc, "the length of str() must be between 1 and 256");
	}
	if (t && type_is_string(t) && !len)
		return t;
	return type_array(sm->types, &type_char, size);
}

/* uptr(p): the same address, read from user memory by str() and mem(). */
static struct type *sema_uptr(struct sema *sm, struct node *n)
{
	struct type *t = sema_expr(sm, n->call.args);

	sema_want_int(sm, n->call.args, "the argument of uptr()");
	return type_ptr(sm->types, t && t->kind == TYPE_PTR ? t->base : &type_char, 8,
			SPACE_USER);
}

/* mem(p[, len]): len bytes at p, shown as a hex dump */
static struct type *sema_mem(struct sema *sm, struct node *n)
{
	struct node *len = call_arg(n, 1);
	uint64_t size = 64;

	sema_want_int(sm, n->call.args, "the address given to mem()");
	if (len) {
		size = sema_const(sm, len, "the length of mem()");
		if (size < 1 || size > 256)
			error_at(&len->loc, "the length of mem() must be between 1 and 256");
	}
	return type_with_fmt(sm->types, type_array(sm->types, &type_u8, size), FMT_MEM);
}

static struct type *sema_strcmp(struct sema *sm, struct node *n)
{
	sema_want_string(sm, call_arg(n, 0), "the first argument of strcmp()");
	sema_want_string(sm, call_arg(n, 1), "the second argument of strcmp()");
	return &type_s64;
}

/* dyn(data->field[, N]): a __data_loc string of the record, N bytes at most. */
static struct type *sema_dyn(struct sema *sm, struct node *n)
{
	struct node *a = n->call.args, *len = a->next;
	struct type *t = sema_expr(sm, a);
	uint64_t size = sm->opt->string_size;

	if (t && (t->fmt != FMT_DATALOC || a->kind != NODE_MEMBER))
		error_at(&a->loc, "dyn() takes a __data_loc field of a tracepoint, "
			 "as in dyn(data->filename)");
	if (len) {
		size = sema_const(sm, len, "the length of dyn()");
		if (size < 1 || size > 256)
			error_at(&len->loc, "the length of dyn() must be between 1 and 256");
	}
	return type_array(sm->types, &type_char, size);
}

/* ksym(addr): the name of the kernel function at an address. */
static struct type *sema_ksym(struct sema *sm, struct node *n)
{
	sema_want_int(sm, n->call.args, "the address given to ksym()");
	return type_with_fmt(sm->types, &type_u64, FMT_KFUNC);
}

/* kaddr("name"): a kernel symbol's address, known when the program loads. */
static struct type *sema_kaddr(struct sema *sm, struct node *n)
{
	if (n->call.args->kind != NODE_STR)
		error_at(&n->call.args->loc, "kaddr() takes a symbol's name, as in kaddr(\"jiffies\")");
	return type_with_fmt(sm->types, &type_u64, FMT_HEX);
}

/* sizeof(u32), sizeof(x): a constant. */
static struct type *sema_sizeof(struct sema *sm, struct node *n)
{
	struct node *a = n->call.args;
	struct type *t = a->kind == NODE_VAR ? type_by_name(a->var.name) : NULL;

	if (a->kind == NODE_CAST && !a->cast.arg)
		t = a->cast.stars ? &type_u64 : sema_ctype(sm, a->cast.to, &a->loc);
	if (!t)
		t = sema_expr(sm, a);
	if (!t)
		return NULL;
	n->kind = NODE_NUM;
	n->num = t->size;
	return &type_u64;
}

/* ntop(addr), ntop(af, addr): an IPv4 or IPv6 address as text. */
static struct type *sema_ntop(struct sema *sm, struct node *n)
{
	struct node *af = call_arg(n, 1) ? call_arg(n, 0) : NULL, *addr = call_arg(n, af ? 1 : 0);
	struct type *t = sema_expr(sm, addr);

	if (af)
		sema_want_int(sm, af, "the address family of ntop()");
	if (t && t->kind != TYPE_INT &&
	    !(t->kind == TYPE_ARRAY && !type_is_string(t) && (t->size == 4 || t->size == 16)))
		error_at(&addr->loc, "ntop() takes an IPv4 address as an integer (its low 32 bits) "
			 "or 4 bytes, or an "
			 "IPv6 address as 16 bytes, not %s", sema_type_name(sm, t));
	return type_with_fmt(sm->types, type_array(sm->types, &type_u8, 20), FMT_INET);
}

/* strftime(fmt, ns): a timestamp such as nsecs, shown in UTC as the format says. */
static struct type *sema_strftime(struct sema *sm, struct node *n)
{
	struct node *fmt = n->call.args;
	struct type *t;

	if (fmt->kind != NODE_STR)
		error_at(&fmt->loc, "the format of strftime() must be a string literal");
	sema_want_int(sm, fmt->next, "the time given to strftime()");
	t = type_with_fmt(sm->types, &type_u64, FMT_STRFTIME);
	t->strftime = arena_strdup(sm->types, fmt->str.data);
	return t;
}

/* buf(p, n): n bytes at p, shown as text with \xNN escapes; n is an array's size by default. */
static struct type *sema_buf(struct sema *sm, struct node *n)
{
	struct node *p = n->call.args, *len = p->next;
	struct type *t = sema_expr(sm, p);
	uint64_t size = t && t->kind == TYPE_ARRAY ? t->size : 0;

	if (len)
		size = sema_const(sm, len, "the length of buf()");
	else if (t && !size)
		error_at(&n->loc, "buf() needs a length, as in buf(p, 16), unless it reads an array");
	if (t && (size < 1 || size > 256))
		error_at(&n->loc, "the length of buf() must be between 1 and 256");
	return type_with_fmt(sm->types, type_array(sm->types, &type_u8, size ? size : 1), FMT_BUF);
}

/* join(argv[, sep]): prints the strings of a NULL-ended array, as exec's argv. */
static struct type *sema_join(struct sema *sm, struct node *n)
{
	struct node *sep = n->call.args->next;

	sema_want_int(sm, n->call.args, "the array given to join()");
	if (sep && sep->kind != NODE_STR)
		error_at(&sep->loc, "the separator of join() must be a string literal");
	sm->p->uses_ctx = true;
	return &type_void;
}

/*
 * uaddr("name"): the address of a function or variable of the probed
 * file, known when it is compiled: the file must load at a fixed address.
 */
static struct type *sema_uaddr(struct sema *sm, struct node *n)
{
	const char *file = sm->p->file, *why;
	struct node *a = n->call.args;
	const struct elf_sym *sym;
	struct elf *e;

	if (a->kind != NODE_STR)
		error_at(&a->loc, "uaddr() takes a symbol's name, as in uaddr(\"main\")");
	if (!file)
		error_at(&n->loc, "uaddr() names a symbol of the probed file: it is only "
			 "available in uprobe probes");
	e = elf_open(file, sm->target->task, &why);
	if (!e)
		error_at(&n->loc, "%s %s", file, why);
	sym = elf_symbol(e, a->str.data);
	why = !sym ? "has no symbol of that name" : e->pie ?
	      "is position-independent: its addresses are known only once it runs" : NULL;
	n->kind = NODE_NUM;
	n->num = sym ? sym->addr : 0;
	elf_close(e);
	if (why)
		error_at(&a->loc, "%s %s", file, why);
	return type_with_fmt(sm->types, &type_u64, FMT_HEX);
}

/* usym(addr): the user function at an address, named in the current process. */
static struct type *sema_usym(struct sema *sm, struct node *n)
{
	sema_want_int(sm, n->call.args, "the address given to usym()");
	return type_with_fmt(sm->types, type_array(sm->types, &type_u64, 2), FMT_USYM);
}

static struct type *sema_ustack(struct sema *sm, struct node *n)
{
	(void)n;
	sm->p->uses_ctx = true;
	return type_with_fmt(sm->types, &type_u64, FMT_USTACK);
}

/* Aggregations */

static struct type *sema_count(struct sema *sm, struct node *n)
{
	(void)sm, (void)n;
	return &type_u64;
}

static struct type *sema_sum(struct sema *sm, struct node *n)
{
	struct type *t = sema_expr(sm, n->call.args);

	sema_want_int(sm, n->call.args, "the argument of sum()");
	return t && !t->is_signed && t->size == 8 ? &type_u64 : &type_s64;
}

/* min() and max() keep { value, seen }, so that CPUs that saw nothing do not count. */

static struct type *agg_pair(struct sema *sm, struct type *first)
{
	struct arena *ka = sm->types;
	struct type *st = type_new(ka, &(struct type){ .kind = TYPE_STRUCT });

	type_add_field(ka, st, NULL, type_storage(ka, first));
	type_add_field(ka, st, NULL, &type_u64);
	type_seal(st);
	return st;
}

static struct type *sema_minmax(struct sema *sm, struct node *n)
{
	struct type *t = sema_expr(sm, n->call.args);

	sema_want_int(sm, n->call.args, "the argument");
	return t ? agg_pair(sm, t) : NULL;
}

/* Histograms: the argument's bucket index is computed first, then counted. */

static struct type *hist_type(struct sema *sm, struct node *n, unsigned buckets)
{
	struct type *t = sema_expr(sm, n->call.args), *h;

	sema_want_int(sm, n->call.args, "the value to count");
	h = type_array(sm->types, &type_u64, buckets);
	/* Bucket labels of a time difference are shown in time units. */
	return t && t->fmt == FMT_TIME ? type_with_fmt(sm->types, h, FMT_TIME) : h;
}

static struct type *sema_quantize(struct sema *sm, struct node *n)
{
	return hist_type(sm, n, LOG2_BUCKETS);
}

static struct type *sema_lhist(struct sema *sm, struct node *n)
{
	int64_t lo = (int64_t)sema_const(sm, call_arg(n, 1), "the low bound of lhist()");
	int64_t hi = (int64_t)sema_const(sm, call_arg(n, 2), "the high bound of lhist()");
	int64_t step = (int64_t)sema_const(sm, call_arg(n, 3), "the step of lhist()");
	struct map *m = sm->agg_map;

	if (step <= 0 || hi <= lo || (hi - lo) % step || (hi - lo) / step > 1000)
		error_at(&n->loc, "lhist(x, lo, hi, step) needs lo < hi, a step that divides "
			 "hi - lo, and at most 1000 steps");
	if (m->lhist[2] && (m->lhist[0] != lo || m->lhist[1] != hi || m->lhist[2] != step))
		error_at(&n->loc, "'%s' has other lhist() bounds elsewhere", m->name);
	m->lhist[0] = lo;
	m->lhist[1] = hi;
	m->lhist[2] = step;
	return hist_type(sm, n, (unsigned)((hi - lo) / step) + 2);
}

/* The probe's context: registers, the tracepoint's record, where it fired. */

/* The table of the probe's registers: the task's in uprobes. */
static const struct arch *regs_arch(const struct sema *sm)
{
	return target_regs(sm->target, sm->p->provider->space == SPACE_USER);
}

static struct type *reg_type(struct sema *sm, bool is_signed)
{
	return type_int(regs_arch(sm)->reg_size, is_signed);
}

static struct type *sema_arg(struct sema *sm, struct node *n)
{
	const struct provider *pv = sm->p->provider;
	unsigned i = (unsigned)atoi(n->var.def->name + 3);

	if (((pv->btf_ctx && sm->p->kfunc) || pv->usdt_args) && i >= sm->p->nargs)
		error_at(&n->loc, "%s has %u argument%s%s: %s is not one",
			 pv->usdt_args ? sm->p->spec : sm->p->kfunc, sm->p->nargs,
			 sm->p->nargs == 1 ? "" : "s", pv->usdt_args ? sm->p->usdt_rest : "",
			 n->var.def->name);
	if (pv->return_probe && !pv->btf_ctx)
		error_at(&n->loc, "%s is not available when a function returns: the argument "
			 "registers are gone; read it at the function's entry, in a %s",
			 n->var.name, pv->entry);
	sm->p->uses_ctx = true;
	if (pv->usdt_args)
		return type_int(8, sm->p->usdt[i].is_signed);
	return reg_type(sm, false);
}

/*
 * retval: the register, as ply reads it; the function's pointer type if
 * BTF has one, and in fexit, whose slot holds the whole register, the
 * return type exactly.
 */
static struct type *sema_retval(struct sema *sm, struct node *n)
{
	struct type *t = sema_func_type(sm, sema_func_return(sm));

	(void)n;
	sm->p->uses_ctx = true;
	if (t && (t->kind == TYPE_PTR || (sm->p->provider->btf_ctx && t->kind == TYPE_INT)))
		return t;
	return reg_type(sm, true);
}

/* regs->NAME for every register of the architecture's pt_regs. */
static struct type *sema_regs(struct sema *sm, struct node *n)
{
	const struct arch *a = regs_arch(sm);
	/* A compat task's registers are not the kernel's: one type each. */
	struct type **regs = &sm->regs[a != sm->target->arch];
	struct field **tail;
	struct type *st;
	const char *r;
	unsigned i;

	(void)n;
	sm->p->uses_ctx = true;
	if (*regs)
		return *regs;
	st = type_new(sm->types, &(struct type){ .kind = TYPE_STRUCT, .name = "pt_regs",
						  .align = a->reg_size });
	tail = &st->fields;
	for (r = a->regs, i = 0; *r; r += strlen(r) + 1, i++) {
		struct field *f = arena_alloc(sm->types, sizeof(*f));

		f->name = r;
		f->type = reg_type(sm, false);
		f->offset = arch_slot_offset(a, i);
		LIST_APPEND(tail, f);
		st->nfields++;
		st->size = MAX(st->size, f->offset + a->reg_size);
	}
	return *regs = type_ptr(sm->types, st, 8, SPACE_CTX);
}

/*
 * A multi-attached uprobe's label: a string as long as the longest of its
 * points', read through the context's cookie; NULL for other probes.
 */
static struct type *label_type(struct sema *sm)
{
	if (!sm->p->label_size)
		return NULL;
	sm->p->uses_ctx = true;
	return type_array(sm->types, &type_char, sm->p->label_size);
}

/*
 * caller: the probed address, shown as symbol+offset (in a return probe,
 * the return address); func: the function, shown by name. A uprobe's are
 * strings: fixed when it is compiled, or labels of a multi-attached glob.
 */
static struct type *sema_where(struct sema *sm, struct node *n)
{
	const struct builtin *b = n->var.def;
	const char *fixed = b->id == BI_FUNC ? sm->p->func : sm->p->caller;
	struct type *label = label_type(sm);

	if (fixed)
		return type_array(sm->types, &type_char, strlen(fixed) + 1);
	if (label)
		return label;
	sm->p->uses_ctx = true;
	return type_with_fmt(sm->types, reg_type(sm, false), b->id == BI_FUNC ? FMT_KFUNC :
			     FMT_KSYM);
}

/* probe: the probe's full name, "tracepoint:sched/sched_switch". */
static struct type *sema_probe(struct sema *sm, struct node *n)
{
	struct type *label = label_type(sm);

	(void)n;
	return label ? label : type_array(sm->types, &type_char, strlen(sm->p->spec) + 1);
}

/* ctx: the program's context, as an address */
static struct type *sema_ctx(struct sema *sm, struct node *n)
{
	(void)n;
	sm->p->uses_ctx = true;
	return type_ptr(sm->types, &type_void, 8, SPACE_KERNEL);
}

static struct type *sema_data(struct sema *sm, struct node *n)
{
	if (!sm->p->ctx)
		error_at(&n->loc, "the record of %s is unknown: its format file is not at hand "
			 "(SONDE_TRACEFS names a copy of the target's tracefs)", sm->p->spec);
	sm->p->uses_ctx = true;
	return type_ptr(sm->types, sm->p->ctx, 8, SPACE_CTX);
}

const char *builtin_where(const struct builtin *b)
{
	switch (b->needs) {
	case OFFER_ARGS: return "kprobe and uprobe probes";
	case OFFER_RETVAL: return "kretprobe and uretprobe probes";
	case OFFER_DATA: return "tracepoint probes";
	default: return "kprobe, uprobe and profile probes";
	}
}

#define ROW(nm, i, k, sm) .name = nm, .sema = sm, .id = i, .kind = k
#define VAR(nm, i, sm) { ROW(nm, i, BUILTIN_VAR, sm) }
#define CTX(nm, i, offer, sm) { ROW(nm, i, BUILTIN_VAR, sm), .needs = offer }
#define ARG(n) CTX("arg" #n, BI_ARG, OFFER_ARGS, sema_arg)
/* bpftrace's names: where a ply script has a map so named, the map wins. */
#define BT_VAR(nm, i, sm) { ROW(nm, i, BUILTIN_VAR, sm), .yields = true }
#define FUNC(nm, i, lo, hi, sm) { ROW(nm, i, BUILTIN_FUNC, sm), .min_args = lo, .max_args = hi }
#define AGG(nm, i, lo, hi, sm, shp) \
	{ ROW(nm, i, BUILTIN_AGG, sm), .min_args = lo, .max_args = hi, .shape = shp }

const struct builtin builtins[] = {
	VAR("comm", BI_COMM, sema_comm),
	VAR("execname", BI_COMM, sema_comm),
	VAR("pid", BI_PID, sema_u32),
	VAR("kpid", BI_TID, sema_u32),
	VAR("tid", BI_TID, sema_u32),
	VAR("uid", BI_UID, sema_u32),
	VAR("gid", BI_GID, sema_u32),
	VAR("cpu", BI_CPU, sema_u32),
	VAR("time", BI_TIME, sema_time),
	VAR("walltime", BI_WALLTIME, sema_walltime),
	VAR("stack", BI_STACK, sema_stack),
	BT_VAR("kstack", BI_STACK, sema_stack),
	BT_VAR("ustack", BI_USTACK, sema_ustack),
	BT_VAR("nsecs", BI_TIME, sema_time),
	BT_VAR("elapsed", BI_ELAPSED, sema_time),
	BT_VAR("cgroup", BI_CGROUP, sema_u64),
	BT_VAR("rand", BI_RAND, sema_u32),
	BT_VAR("numaid", BI_NUMAID, sema_u32),
	BT_VAR("jiffies", BI_JIFFIES, sema_u64),
	BT_VAR("curtask", BI_CURTASK, sema_curtask),
	BT_VAR("probe", BI_PROBE, sema_probe),
	BT_VAR("cpid", BI_CPID, sema_u32),

	ARG(0), ARG(1), ARG(2), ARG(3), ARG(4), ARG(5),
	ARG(6), ARG(7), ARG(8), ARG(9), ARG(10), ARG(11),
	CTX("retval", BI_RETVAL, OFFER_RETVAL, sema_retval),
	CTX("regs", BI_REGS, OFFER_REGS, sema_regs),
	VAR("ctx", BI_CTX, sema_ctx),
	CTX("caller", BI_CALLER, OFFER_PC, sema_where),
	CTX("func", BI_FUNC, OFFER_PC, sema_where),
	CTX("data", BI_DATA, OFFER_DATA, sema_data),
	{ ROW("args", BI_DATA, BUILTIN_VAR, sema_data), .needs = OFFER_DATA, .yields = true },

	FUNC("printf", BI_PRINTF, 1, 32, sema_printf),
	FUNC("print", BI_PRINT, 1, 32, sema_print),
	FUNC("exit", BI_EXIT, 0, 1, sema_exit),
	FUNC("str", BI_STR, 1, 2, sema_str),
	FUNC("strcmp", BI_STRCMP, 2, 2, sema_strcmp),
	FUNC("dyn", BI_DYN, 1, 2, sema_dyn),
	FUNC("clear", BI_CLEAR, 1, 1, sema_clear),
	FUNC("uptr", BI_UPTR, 1, 1, sema_uptr),
	FUNC("mem", BI_MEM, 1, 2, sema_mem),
	FUNC("zero", BI_ZERO, 1, 1, sema_zero),
	FUNC("has_key", BI_HAS_KEY, 1, 2, sema_has_key),
	FUNC("signal", BI_SIGNAL, 1, 1, sema_signal),
	FUNC("ksym", BI_KSYM, 1, 1, sema_ksym),
	FUNC("kaddr", BI_KADDR, 1, 1, sema_kaddr),
	FUNC("sizeof", BI_SIZEOF, 1, 1, sema_sizeof),
	FUNC("ntop", BI_NTOP, 1, 2, sema_ntop),
	FUNC("strftime", BI_STRFTIME, 2, 2, sema_strftime),
	FUNC("buf", BI_BUF, 1, 2, sema_buf),
	FUNC("usym", BI_USYM, 1, 1, sema_usym),
	FUNC("uaddr", BI_UADDR, 1, 1, sema_uaddr),
	FUNC("system", BI_SYSTEM, 1, 32, sema_system),
	FUNC("join", BI_JOIN, 1, 2, sema_join),
	FUNC("len", BI_LEN, 1, 1, sema_len),

	AGG("count", BI_COUNT, 0, 0, sema_count, AGG_SCALAR),
	AGG("sum", BI_SUM, 1, 1, sema_sum, AGG_SCALAR),
	AGG("min", BI_MIN, 1, 1, sema_minmax, AGG_MIN),
	AGG("max", BI_MAX, 1, 1, sema_minmax, AGG_MAX),
	AGG("avg", BI_AVG, 1, 1, sema_minmax, AGG_AVG),
	AGG("stats", BI_STATS, 1, 1, sema_minmax, AGG_STATS),
	AGG("quantize", BI_QUANTIZE, 1, 1, sema_quantize, AGG_LOG2),
	AGG("hist", BI_QUANTIZE, 1, 1, sema_quantize, AGG_LOG2),
	AGG("lhist", BI_LHIST, 4, 4, sema_lhist, AGG_LINEAR),
	{ .name = NULL },
};
