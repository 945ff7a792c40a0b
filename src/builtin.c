// SPDX-License-Identifier: GPL-2.0
/* The built-ins every provider offers: task variables, output, strings, aggregations. */
#include <string.h>

#include "builtin.h"
#include "format.h"

static struct type type_comm = {
	.kind = TYPE_ARRAY, .size = 16, .align = 1, .base = &type_char, .len = 16,
};
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
	gen_fp_addr(g, R1, dst);
	gen_emit(g, MOV_IMM(R2, type_comm.size));
	gen_emit(g, CALL(HELPER_GET_CURRENT_COMM));
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
	(void)sm, (void)n;
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

static struct type *sema_print(struct sema *sm, struct node *n)
{
	struct node *a;
	struct type *t;

	for (a = n->call.args; a; a = a->next) {
		t = sema_expr(sm, a);
		if (t && t->kind == TYPE_VOID)
			error_at(&a->loc, "this has no value to print");
	}
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

static void gen_print(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_event(g, EVENT_PRINT, n, n->call.args);
}

static void gen_exit(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_event(g, EVENT_EXIT, n, n->call.args);
}

/* Strings */

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
	gen_read(g, dst, n->type->size, gen_pop(g, R3),
		 p->type->kind == TYPE_PTR ? p->type->space : SPACE_KERNEL, true);
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
	gen_emit(g, LDX(8, R1, reg, 0));
	gen_emit(g, ALU_IMM(BPF_ADD, R1, 1));
	gen_emit(g, STX(8, reg, 0, R1));
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

	BUILTIN_FUNC_ROW("printf", 1, 32, sema_printf, gen_printf),
	BUILTIN_FUNC_ROW("print", 1, 32, sema_print, gen_print),
	BUILTIN_FUNC_ROW("exit", 1, 1, sema_exit, gen_exit),
	BUILTIN_FUNC_ROW("str", 1, 2, sema_str, gen_str),
	BUILTIN_FUNC_ROW("strcmp", 2, 2, sema_strcmp, gen_strcmp_call),
	BUILTIN_FUNC_ROW("dyn", 1, 1, sema_dyn, gen_dyn),

	BUILTIN_AGG_ROW("count", 0, 0, sema_count, gen_no_args, init_count, update_count, MERGE_SUM),
	BUILTIN_AGG_ROW("sum", 1, 1, sema_sum, gen_first_arg, init_sum, update_sum, MERGE_SUM),
	{ .name = NULL },
};
