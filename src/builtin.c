// SPDX-License-Identifier: GPL-2.0
/* The built-ins every provider offers: task variables, output, strings, aggregations. */
#include <string.h>

#include "format.h"
#include "provider.h"

static struct type type_time = {
	.kind = TYPE_INT, .fmt = FMT_TIME, .size = 8, .align = 8, .is_signed = true,
};

const struct builtin *builtin_find(const struct builtin *table, const char *name)
{
	for (; table && table->name; table++)
		if (!strcmp(table->name, name))
			return table;
	return NULL;
}

/* Task variables: one helper call, then the half of its result we want. */

static void gen_task_word(struct gen *g, int helper, bool high)
{
	gen_emit(g, CALL(helper));
	gen_emit(g, high ? ALU_IMM(BPF_RSH, R0, 32) : MOV32_REG(R0, R0));
	gen_push(g, R0);
}

static void gen_pid(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	gen_task_word(g, HELPER_GET_CURRENT_PID_TGID, true);
}

static void gen_kpid(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	gen_task_word(g, HELPER_GET_CURRENT_PID_TGID, false);
}

static void gen_uid(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	gen_task_word(g, HELPER_GET_CURRENT_UID_GID, false);
}

static void gen_gid(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	gen_task_word(g, HELPER_GET_CURRENT_UID_GID, true);
}

static void gen_cpu(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	gen_emit(g, CALL(HELPER_GET_SMP_PROCESSOR_ID));
	gen_push(g, R0);
}

static void gen_time(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	gen_emit(g, CALL(HELPER_KTIME_GET_NS));
	gen_push(g, R0);
}

static void gen_comm(struct gen *g, struct node *n, int dst)
{
	(void)n;
	if (g->comm)
		gen_copy(g, R10, dst, R10, g->comm, type_comm.size);
	else
		gen_task_comm(g, dst);
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

/* The id of the kernel stack in the stack map; user space prints its frames. */
static void gen_stack(struct gen *g, struct node *n, int dst)
{
	struct map *m = sonde_internal_map(g->s, "(stacks)");

	(void)n, (void)dst;
	m->bpf_type = BPF_MAP_TYPE_STACK_TRACE;
	m->key = &type_u32;
	m->value = type_array(&g->s->ka, &type_u64, STACK_DEPTH);
	m->max_entries = g->s->opt.map_entries;
	g->s->stacks_map = m;
	gen_emit(g, MOV_REG(R1, CTX_REG));
	gen_ld_map(g, R2, m);
	gen_emit(g, MOV_IMM(R3, 0));
	gen_emit(g, CALL(HELPER_GET_STACKID));
	gen_push(g, R0);
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
		if (t && c.conv == 's' && !type_is_string(t))
			error_at(&a->loc, "'%.*s' needs a string, but this is %s%s", (int)c.len,
				 fmt->str.data + c.start, type_name(&sm->s->ca, t),
				 t->kind == TYPE_PTR ? "; read the string with str()" : "");
		if (t && strchr("diouxXcp", c.conv) && !type_is_scalar(t))
			error_at(&a->loc, "'%.*s' needs an integer, but this is %s; use %%v or %%s",
				 (int)c.len, fmt->str.data + c.start, type_name(&sm->s->ca, t));
		a = a->next;
	}
	if (a)
		error_at(&a->loc, "the format has no conversion for this argument");
	sm->p->uses_ctx = true;
	return &type_void;
}

/* print(values...) prints values; print(maps...) prints whole maps mid-run. */
static struct type *sema_print(struct sema *sm, struct node *n)
{
	bool maps = sema_whole_map(sm, n->call.args) != NULL;
	struct node *a;
	struct type *t;

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

static struct type *sema_clear(struct sema *sm, struct node *n)
{
	if (!sema_whole_map(sm, n->call.args))
		error_at(&n->call.args->loc, "clear() takes a map, as in clear(@)");
	sm->p->uses_ctx = true;
	return &type_void;
}

static struct type *sema_exit(struct sema *sm, struct node *n)
{
	sema_want_int(sm, n->call.args, "the exit code");
	sm->p->uses_ctx = true;
	return &type_void;
}

static void gen_printf(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_event(g, EVENT_PRINTF, n, n->call.args->next)->fmt =
		arena_strdup(&g->s->ka, n->call.args->str.data);
}

/* One record per map: user space reads (or clears) the map when it gets it. */
static void gen_map_events(struct gen *g, struct node *n, enum event_kind kind)
{
	struct node *a;

	for (a = n->call.args; a; a = a->next)
		gen_event(g, kind, a, NULL)->map = a->map.map;
}

static void gen_print(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	if (n->call.args->kind == NODE_MAP && n->call.args->map.whole)
		gen_map_events(g, n, EVENT_PRINT_MAP);
	else
		gen_event(g, EVENT_PRINT, n, n->call.args);
}

static void gen_clear(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_map_events(g, n, EVENT_CLEAR_MAP);
}

static void gen_exit(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_event(g, EVENT_EXIT, n, n->call.args);
}

/* Strings */

/* A pointer says where it points; a plain number is read where the provider's are. */
static enum addr_space address_space(struct gen *g, const struct node *p)
{
	if (p->type->kind == TYPE_PTR)
		return p->type->space == SPACE_CTX ? SPACE_KERNEL : p->type->space;
	return g->p->provider->space;
}

static struct type *sema_str(struct sema *sm, struct node *n)
{
	struct node *p = n->call.args, *len = p->next;
	struct type *t = sema_expr(sm, p);
	uint64_t size = sm->s->opt.string_size;

	if (t && !type_is_scalar(t) && !type_is_string(t))
		error_at(&p->loc, "str() reads a string from an address, not from %s",
			 type_name(&sm->s->ca, t));
	if (len) {
		size = sema_const(sm, len, "the length of str()");
		if (size < 1 || size > 256)
			error_at(&len->loc, "the length of str() must be between 1 and 256");
	}
	if (t && type_is_string(t) && !len)
		return t;
	return type_array(&sm->s->ka, &type_char, size);
}

static void gen_str(struct gen *g, struct node *n, int dst)
{
	struct node *p = n->call.args;

	if (type_is_string(p->type)) {
		gen_store(g, p, dst, n->type);
		return;
	}
	gen_expr(g, p);
	gen_zero(g, dst, n->type->size);
	gen_read(g, dst, n->type->size, gen_pop(g, R3), address_space(g, p), true);
}

/* uptr(p): the same address, read from user memory by str() and mem(). */
static struct type *sema_uptr(struct sema *sm, struct node *n)
{
	struct type *t = sema_expr(sm, n->call.args);

	sema_want_int(sm, n->call.args, "the argument of uptr()");
	return type_ptr(&sm->s->ka, t && t->kind == TYPE_PTR ? t->base : &type_char, 8,
			SPACE_USER);
}

static void gen_uptr(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_expr(g, n->call.args);
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
	return type_with_fmt(&sm->s->ka, type_array(&sm->s->ka, &type_u8, size), FMT_MEM);
}

static void gen_mem_call(struct gen *g, struct node *n, int dst)
{
	gen_expr(g, n->call.args);
	gen_read(g, dst, n->type->size, gen_pop(g, R3), address_space(g, n->call.args), false);
}

static struct type *sema_strcmp(struct sema *sm, struct node *n)
{
	sema_want_string(sm, call_arg(n, 0), "the first argument of strcmp()");
	sema_want_string(sm, call_arg(n, 1), "the second argument of strcmp()");
	return &type_s64;
}

static void gen_strcmp_call(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_strcmp(g, call_arg(n, 0), call_arg(n, 1));
	/* r0 = r0 > 0 ? 1 : r0 < 0 ? -1 : 0 */
	gen_emit(g, JMP_IMM(BPF_JSGT, R0, 0, 3));
	gen_emit(g, JMP_IMM(BPF_JEQ, R0, 0, 3));
	gen_emit(g, MOV_IMM(R0, -1));
	gen_emit(g, JA(1));
	gen_emit(g, MOV_IMM(R0, 1));
	gen_push(g, R0);
}

static struct type *sema_dyn(struct sema *sm, struct node *n)
{
	struct node *a = n->call.args;
	struct type *t = sema_expr(sm, a);

	if (t && (t->fmt != FMT_DATALOC || a->kind != NODE_MEMBER))
		error_at(&a->loc, "dyn() takes a __data_loc field of a tracepoint, "
			 "as in dyn(data->filename)");
	return type_array(&sm->s->ka, &type_char, sm->s->opt.string_size);
}

static void gen_dyn(struct gen *g, struct node *n, int dst)
{
	/* A __data_loc word holds the field's length << 16 | its offset in the record. */
	gen_expr(g, n->call.args);
	gen_pop_to(g, R3);
	gen_emit(g, ALU_IMM(BPF_AND, R3, 0xffff));
	gen_emit(g, ALU_REG(BPF_ADD, R3, CTX_REG));
	gen_zero(g, dst, n->type->size);
	gen_read(g, dst, n->type->size, R3, SPACE_KERNEL, true);
}

/* Aggregations */

static struct type *sema_count(struct sema *sm, struct node *n)
{
	(void)sm, (void)n;
	return &type_u64;
}

static void gen_no_args(struct gen *g, struct node *n, int dst)
{
	(void)g, (void)n, (void)dst;
}

static void init_count(struct gen *g, struct node *n, int off)
{
	(void)n;
	gen_emit(g, ST(8, R10, off, 1));
}

static void update_count(struct gen *g, struct node *n, int reg)
{
	(void)n;
	gen_increment(g, reg, 0);
}

static struct type *sema_sum(struct sema *sm, struct node *n)
{
	struct type *t = sema_expr(sm, n->call.args);

	sema_want_int(sm, n->call.args, "the argument of sum()");
	return t && !t->is_signed && t->size == 8 ? &type_u64 : &type_s64;
}

static void gen_first_arg(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_expr(g, n->call.args);
}

static void init_sum(struct gen *g, struct node *n, int off)
{
	(void)n;
	gen_emit(g, STX(8, R10, off, gen_peek(g, 0, R1)));
}

static void update_sum(struct gen *g, struct node *n, int reg)
{
	(void)n;
	gen_emit(g, LDX(8, R1, reg, 0));
	gen_emit(g, ALU_REG(BPF_ADD, R1, gen_peek(g, 0, R2)));
	gen_emit(g, STX(8, reg, 0, R1));
}

/* min() and max() keep { value, seen }, so that CPUs that saw nothing do not count. */

static struct type *agg_pair(struct sema *sm, struct type *first)
{
	struct arena *ka = &sm->s->ka;
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

/* { x, 1 }: the first value, and that it was seen (or counted) */
static void init_pair(struct gen *g, struct node *n, int off)
{
	(void)n;
	gen_emit(g, STX(8, R10, off, gen_peek(g, 0, R1)));
	gen_emit(g, ST(8, R10, off + 8, 1));
}

static bool arg_signed(const struct node *n)
{
	const struct type *t = n->call.args->type;

	return t->kind == TYPE_INT && (t->is_signed || t->size < 8);
}

/* if the CPU saw no value yet, or x beats it: value = x, seen = 1 */
static void update_extreme(struct gen *g, struct node *n, int reg, bool min)
{
	int x = gen_peek(g, 0, R2), code = arg_signed(n) ? BPF_JSGE : BPF_JGE;

	gen_emit(g, LDX(8, R1, reg, 8));
	gen_emit(g, JMP_IMM(BPF_JEQ, R1, 0, 2));
	gen_emit(g, LDX(8, R1, reg, 0));
	gen_emit(g, min ? JMP_REG(code, x, R1, 2) : JMP_REG(code, R1, x, 2));
	gen_emit(g, STX(8, reg, 0, x));
	gen_emit(g, ST(8, reg, 8, 1));
}

static void update_min(struct gen *g, struct node *n, int reg)
{
	update_extreme(g, n, reg, true);
}

static void update_max(struct gen *g, struct node *n, int reg)
{
	update_extreme(g, n, reg, false);
}

/* avg() keeps { sum, count }. */
static void update_avg(struct gen *g, struct node *n, int reg)
{
	(void)n;
	gen_emit(g, LDX(8, R1, reg, 0));
	gen_emit(g, ALU_REG(BPF_ADD, R1, gen_peek(g, 0, R2)));
	gen_emit(g, STX(8, reg, 0, R1));
	gen_increment(g, reg, 8);
}

/* Histograms: the argument's bucket index is computed first, then counted. */

static struct type *hist_type(struct sema *sm, struct node *n, unsigned buckets)
{
	struct type *t = sema_expr(sm, n->call.args), *h;

	sema_want_int(sm, n->call.args, "the value to count");
	h = type_array(&sm->s->ka, &type_u64, buckets);
	/* Bucket labels of a time difference are shown in time units. */
	return t && t->fmt == FMT_TIME ? type_with_fmt(&sm->s->ka, h, FMT_TIME) : h;
}

static struct type *sema_quantize(struct sema *sm, struct node *n)
{
	return hist_type(sm, n, LOG2_BUCKETS);
}

/* bucket: x < 0 -> 0, 0 -> 1, [2^k, 2^(k+1)) -> k + 2, found by halving */
static void gen_quantize(struct gen *g, struct node *n, int dst)
{
	int done = NO_JUMP, k;

	(void)dst;
	gen_expr(g, n->call.args);
	gen_pop_to(g, R1);
	/* Unsigned values narrower than 64 bits are zero-extended: never negative. */
	if (n->call.args->type->is_signed) {
		gen_emit(g, MOV_IMM(R2, 0));
		gen_emit(g, MOV_IMM(R3, 0));
		done = gen_jump(g, JMP_REG(BPF_JSGT, R3, R1, 0), done);
	}
	gen_emit(g, MOV_IMM(R2, 1));
	done = gen_jump(g, JMP_IMM(BPF_JEQ, R1, 0, 0), done);
	gen_emit(g, MOV_IMM(R2, 2));
	if (n->call.args->type->size > 4) {
		/* 2^32 is no immediate: test the shifted value instead. */
		gen_emit(g, MOV_REG(R3, R1));
		gen_emit(g, ALU_IMM(BPF_RSH, R3, 32));
		gen_emit(g, JMP_IMM(BPF_JEQ, R3, 0, 2));
		gen_emit(g, MOV_REG(R1, R3));
		gen_emit(g, ALU_IMM(BPF_ADD, R2, 32));
	}
	for (k = 16; k; k /= 2) {
		/* "<" needs Linux 4.14: jump over a jump instead. */
		gen_emit(g, JMP_IMM(BPF_JGE, R1, 1 << k, 1));
		gen_emit(g, JA(2));
		gen_emit(g, ALU_IMM(BPF_RSH, R1, k));
		gen_emit(g, ALU_IMM(BPF_ADD, R2, k));
	}
	gen_land(g, done);
	gen_push(g, R2);
}

static struct type *sema_lhist(struct sema *sm, struct node *n)
{
	int64_t lo = (int64_t)sema_const(sm, call_arg(n, 1), "the low bound of lhist()");
	int64_t hi = (int64_t)sema_const(sm, call_arg(n, 2), "the high bound of lhist()");
	int64_t step = (int64_t)sema_const(sm, call_arg(n, 3), "the step of lhist()");
	struct map *m = sm->target;

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

/* bucket: x < lo -> 0, x >= hi -> the last, else 1 + (x - lo) / step */
static void gen_lhist(struct gen *g, struct node *n, int dst)
{
	uint64_t lo = call_arg(n, 1)->num, hi = call_arg(n, 2)->num, step = call_arg(n, 3)->num;
	int code = arg_signed(n) ? BPF_JSGT : BPF_JGT, done;

	(void)dst;
	gen_expr(g, n->call.args);
	gen_pop_to(g, R1);
	gen_emit(g, MOV_IMM(R2, 0));
	gen_imm64(g, R3, lo);
	done = gen_jump(g, JMP_REG(code, R3, R1, 0), NO_JUMP);
	gen_emit(g, MOV_IMM(R2, n->type->len - 1));
	gen_imm64(g, R3, hi);
	done = gen_jump(g, JMP_REG(code == BPF_JSGT ? BPF_JSGE : BPF_JGE, R1, R3, 0), done);
	gen_imm64(g, R3, lo);
	gen_emit(g, ALU_REG(BPF_SUB, R1, R3));
	gen_imm64(g, R3, step);
	gen_emit(g, ALU_REG(BPF_DIV, R1, R3));
	gen_emit(g, ALU_IMM(BPF_ADD, R1, 1));
	gen_emit(g, MOV_REG(R2, R1));
	gen_land(g, done);
	gen_push(g, R2);
}

/* buckets[index]++, the index bounded for the verifier */
static void update_bucket(struct gen *g, struct node *n, int reg)
{
	gen_emit(g, MOV_REG(R1, gen_peek(g, 0, R1)));
	gen_emit(g, JMP_IMM(BPF_JGT, R1, n->type->len - 1, 5));
	gen_emit(g, ALU_IMM(BPF_LSH, R1, 3));
	gen_emit(g, ALU_REG(BPF_ADD, R1, reg));
	gen_increment(g, R1, 0);
}

const struct builtin builtins[] = {
	BUILTIN_VAR_ROW("comm", sema_comm, gen_comm),
	BUILTIN_VAR_ROW("execname", sema_comm, gen_comm),
	BUILTIN_VAR_ROW("pid", sema_u32, gen_pid),
	BUILTIN_VAR_ROW("kpid", sema_u32, gen_kpid),
	BUILTIN_VAR_ROW("tid", sema_u32, gen_kpid),
	BUILTIN_VAR_ROW("uid", sema_u32, gen_uid),
	BUILTIN_VAR_ROW("gid", sema_u32, gen_gid),
	BUILTIN_VAR_ROW("cpu", sema_u32, gen_cpu),
	BUILTIN_VAR_ROW("time", sema_time, gen_time),
	BUILTIN_VAR_ROW("walltime", sema_walltime, gen_time),
	BUILTIN_VAR_ROW("stack", sema_stack, gen_stack),

	BUILTIN_FUNC_ROW("printf", 1, 32, sema_printf, gen_printf),
	BUILTIN_FUNC_ROW("print", 1, 32, sema_print, gen_print),
	BUILTIN_FUNC_ROW("exit", 1, 1, sema_exit, gen_exit),
	BUILTIN_FUNC_ROW("str", 1, 2, sema_str, gen_str),
	BUILTIN_FUNC_ROW("strcmp", 2, 2, sema_strcmp, gen_strcmp_call),
	BUILTIN_FUNC_ROW("dyn", 1, 1, sema_dyn, gen_dyn),
	BUILTIN_FUNC_ROW("clear", 1, 1, sema_clear, gen_clear),
	BUILTIN_FUNC_ROW("uptr", 1, 1, sema_uptr, gen_uptr),
	BUILTIN_FUNC_ROW("mem", 1, 2, sema_mem, gen_mem_call),

	BUILTIN_AGG_ROW("count", 0, 0, sema_count, gen_no_args, init_count, update_count, AGG_SCALAR),
	BUILTIN_AGG_ROW("sum", 1, 1, sema_sum, gen_first_arg, init_sum, update_sum, AGG_SCALAR),
	BUILTIN_AGG_ROW("min", 1, 1, sema_minmax, gen_first_arg, init_pair, update_min, AGG_MIN),
	BUILTIN_AGG_ROW("max", 1, 1, sema_minmax, gen_first_arg, init_pair, update_max, AGG_MAX),
	BUILTIN_AGG_ROW("avg", 1, 1, sema_minmax, gen_first_arg, init_pair, update_avg, AGG_AVG),
	BUILTIN_AGG_ROW("quantize", 1, 1, sema_quantize, gen_quantize, NULL, update_bucket, AGG_LOG2),
	BUILTIN_AGG_ROW("lhist", 4, 4, sema_lhist, gen_lhist, NULL, update_bucket, AGG_LINEAR),
	{ .name = NULL },
};
