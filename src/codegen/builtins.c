// SPDX-License-Identifier: GPL-2.0
/* The code of the built-ins: task variables, output, strings, aggregations. */
#include "codegen/gen.h"
#include "lang/sema.h"

typedef void gen_fn(struct gen *g, struct node *n, int dst);

/* Task variables: one helper call, then the half of its result we want. */

static void task_word(struct gen *g, int helper, bool high)
{
	gen_emit(g, CALL(helper));
	gen_emit(g, high ? ALU_IMM(BPF_RSH, R0, 32) : MOV32_REG(R0, R0));
	gen_push(g, R0);
}

static void gen_pid(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	task_word(g, HELPER_GET_CURRENT_PID_TGID, true);
}

static void gen_tid(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	task_word(g, HELPER_GET_CURRENT_PID_TGID, false);
}

static void gen_uid(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	task_word(g, HELPER_GET_CURRENT_UID_GID, false);
}

static void gen_gid(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	task_word(g, HELPER_GET_CURRENT_UID_GID, true);
}

/* A helper's result as the value. */
static void helper_value(struct gen *g, int helper)
{
	gen_emit(g, CALL(helper));
	gen_push(g, R0);
}

static void gen_cpu(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	helper_value(g, HELPER_GET_SMP_PROCESSOR_ID);
}

static void gen_time(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	helper_value(g, HELPER_KTIME_GET_NS);
}

/* ns since sonde started: the start is filled in as the program loads. */
static void gen_elapsed(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	gen_emit(g, CALL(HELPER_KTIME_GET_NS));
	gen_reloc(g, R1, RELOC_START_NS, NULL);
	gen_emit(g, ALU_REG(BPF_SUB, R0, R1));
	gen_push(g, R0);
}

/* The -c command's pid, known once it is forked. */
static void gen_cpid(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	gen_reloc(g, R0, RELOC_CPID, NULL);
	gen_push(g, R0);
}

/* cgroup, rand, numaid, jiffies, curtask: a helper's result, on kernels that have it. */
static void gen_task_helper(struct gen *g, struct node *n, int dst)
{
	static const int helpers[BI_NUM] = {
		[BI_CGROUP] = HELPER_GET_CURRENT_CGROUP_ID, [BI_RAND] = HELPER_GET_PRANDOM_U32,
		[BI_NUMAID] = HELPER_GET_NUMA_NODE_ID, [BI_JIFFIES] = HELPER_JIFFIES64,
		[BI_CURTASK] = HELPER_GET_CURRENT_TASK,
	};

	(void)dst;
	gen_call(g, helpers[n->var.def->id], n);
	gen_push(g, R0);
}

/* probe: its name, fixed */
static void gen_probe_name(struct gen *g, struct node *n, int dst)
{
	if (!gen_point_label(g, LABEL_PROBE, dst))
		gen_string(g, g->p->spec, strlen(g->p->spec), dst, n->type->size);
}

static void gen_comm(struct gen *g, struct node *n, int dst)
{
	(void)n;
	if (g->comm)
		gen_copy(g, R10, dst, R10, g->comm, type_comm.size);
	else
		gen_task_comm(g, dst);
}

/* The id of the kernel stack in the stack map; user space prints its frames. */
static void gen_stack(struct gen *g, struct node *n, int dst)
{
	bool user = n->var.def->id == BI_USTACK;

	(void)dst;
	gen_emit(g, MOV_REG(R1, CTX_REG));
	gen_ld_map(g, R2, g->plan->stacks_map);
	gen_emit(g, MOV_IMM(R3, user ? BPF_F_USER_STACK : 0));
	gen_emit(g, CALL(HELPER_GET_STACKID));
	if (user) {
		/* pid << 32 | id: user space names the frames in that process */
		gen_emit(g, MOV32_REG(R0, R0));
		gen_push(g, R0);
		gen_emit(g, CALL(HELPER_GET_CURRENT_PID_TGID));
		gen_emit(g, ALU_IMM(BPF_RSH, R0, 32));
		gen_emit(g, ALU_IMM(BPF_LSH, R0, 32));
		gen_emit(g, ALU_REG(BPF_OR, R0, gen_pop(g, R1)));
	}
	gen_push(g, R0);
}

/* Output: printf(), print(), exit() send records to user space. */

static void gen_printf(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_event(g, n->call.event, n, n->call.args->next);
}

/* One record per map: user space reads (or clears) the map when it gets it. */
static void gen_map_events(struct gen *g, struct node *n)
{
	struct node *a;
	int event = n->call.event;

	for (a = n->call.args; a; a = a->next)
		gen_event(g, event++, a, NULL);
}

static void gen_print(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	if (n->call.args->kind == NODE_MAP && n->call.args->map.whole)
		gen_map_events(g, n);
	else
		gen_event(g, n->call.event, n, n->call.args);
}

static void gen_clear(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_map_events(g, n);
}

static void gen_exit(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_event(g, n->call.event, n, n->call.args);
}

static void gen_has_key(struct gen *g, struct node *n, int dst)
{
	struct node *m = n->call.args;
	int missing = gen_label(g);

	(void)dst;
	gen_lookup(g, m->map.map->index, gen_map_key(g, m));
	gen_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0), missing);
	gen_emit(g, MOV_IMM(R0, 1));
	gen_bind(g, missing);
	gen_push(g, R0);
}

static void gen_signal(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_emit(g, MOV_IMM(R1, (int32_t)n->call.args->num));
	gen_call(g, HELPER_SEND_SIGNAL, n);
}

static void gen_kaddr(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_reloc(g, R1, RELOC_KSYM, n->call.args->str.data);
	gen_push(g, R1);
}

/* Strings */

/* A pointer says where it points; a plain number is read where the provider's are. */
static enum addr_space address_space(struct gen *g, const struct node *p)
{
	if (p->type->kind == TYPE_PTR)
		return p->type->space == SPACE_CTX ? SPACE_KERNEL : p->type->space;
	return g->p->provider->space;
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
static void gen_uptr(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_expr(g, n->call.args);
}

static void gen_mem_call(struct gen *g, struct node *n, int dst)
{
	gen_expr(g, n->call.args);
	gen_read(g, dst, n->type->size, gen_pop(g, R3), address_space(g, n->call.args), false);
}

static void gen_strcmp_call(struct gen *g, struct node *n, int dst)
{
	int positive = gen_label(g), done = gen_label(g);

	(void)dst;
	gen_strcmp(g, call_arg(n, 0), call_arg(n, 1));
	/* r0 = r0 > 0 ? 1 : r0 < 0 ? -1 : 0 */
	gen_jump(g, JMP_IMM(BPF_JSGT, R0, 0, 0), positive);
	gen_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0), done);
	gen_emit(g, MOV_IMM(R0, -1));
	gen_jump(g, JA(0), done);
	gen_bind(g, positive);
	gen_emit(g, MOV_IMM(R0, 1));
	gen_bind(g, done);
	gen_push(g, R0);
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

/*
 * join(argv): the strings into the per-CPU join buffer, as one record
 * { id, count, strings } too big for the stack; a NULL ends the array.
 */
static void gen_join(struct gen *g, struct node *n, int dst)
{
	enum addr_space space = address_space(g, n->call.args);
	/* A user argv has the task's pointers: 4 bytes for a 32-bit one on a 64-bit kernel. */
	unsigned size = g->opt->string_size, i,
		 ptr = target_regs(g->target, space == SPACE_USER)->reg_size;
	int argv = gen_slot(g, 8, n), buf = gen_slot(g, 8, n), word = gen_slot(g, 8, n);
	int send = gen_label(g), done = gen_label(g);

	(void)dst;
	gen_expr(g, n->call.args);
	gen_emit(g, STX(8, R10, argv, gen_pop(g, R1)));
	gen_emit(g, ST(4, R10, word, 0));
	gen_lookup(g, g->plan->join_map, word);
	gen_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0), done);
	gen_emit(g, STX(8, R10, buf, R0));
	gen_emit(g, ST(8, R0, 0, n->call.event));
	gen_emit(g, ST(8, R0, 8, 0));
	for (i = 0; i < JOIN_ARGS; i++) {
		gen_emit(g, ST(8, R10, word, 0));
		gen_emit(g, LDX(8, R3, R10, argv));
		gen_emit(g, ALU_IMM(BPF_ADD, R3, i * ptr));
		gen_read(g, word, ptr, R3, space, false);
		gen_emit(g, LDX(8, R3, R10, word));
		gen_jump(g, JMP_IMM(BPF_JEQ, R3, 0, 0), send);
		gen_emit(g, LDX(8, R4, R10, buf));
		gen_read_to(g, R4, 16 + i * size, size, R3, space, true);
		gen_emit(g, LDX(8, R4, R10, buf));
		gen_emit(g, ST(8, R4, 8, i + 1));
	}
	gen_bind(g, send);
	gen_emit(g, LDX(8, R0, R10, buf));
	gen_output(g, R0, 0, 16 + JOIN_ARGS * size, word);
	gen_bind(g, done);
}

/* { address, pid } */
static void gen_usym(struct gen *g, struct node *n, int dst)
{
	gen_expr(g, n->call.args);
	gen_emit(g, STX(8, R10, dst, gen_pop(g, R1)));
	gen_emit(g, CALL(HELPER_GET_CURRENT_PID_TGID));
	gen_emit(g, ALU_IMM(BPF_RSH, R0, 32));
	gen_emit(g, STX(8, R10, dst + 8, R0));
}

/* { family, address }: AF_INET for 4 bytes, AF_INET6 for 16, or as ntop(af, addr) says */
static void gen_ntop(struct gen *g, struct node *n, int dst)
{
	struct node *addr = call_arg(n, n->call.nargs - 1);

	gen_zero(g, dst, n->type->size);
	if (n->call.nargs == 2)
		gen_store(g, n->call.args, dst, &type_u32);
	else
		gen_emit(g, ST(4, R10, dst, addr->type->size == 16 ? 10 : 2));
	gen_store(g, addr, dst + 4, addr->type->kind == TYPE_INT ? &type_u32 : addr->type);
}

/* buf(p, n): an array as it is, or n bytes read at an address */
static void gen_buf(struct gen *g, struct node *n, int dst)
{
	struct node *p = n->call.args;

	if (p->type->kind == TYPE_ARRAY) {
		gen_store(g, p, dst, n->type);
		return;
	}
	gen_mem_call(g, n, dst);
}

/*
 * Aggregations: gen() computes the argument values onto the value stack,
 * init() writes the first value of a new key at r10 + off (without it,
 * the value starts from zeroes), update() changes the value reg points to.
 */
struct agg_code {
	gen_fn *gen;
	void (*init)(struct gen *g, struct node *n, int off);
	void (*update)(struct gen *g, struct node *n, int reg, bool shared);
};

/*
 * *(u64 *)(reg + off) += src, through r1; atomically in a map the CPUs
 * share, one read in probes.
 */
static void add_to(struct gen *g, int reg, int off, int src, bool shared)
{
	if (shared) {
		gen_emit(g, XADD(8, reg, off, src));
		return;
	}
	gen_emit(g, LDX(8, R1, reg, off));
	gen_emit(g, ALU_REG(BPF_ADD, R1, src));
	gen_emit(g, STX(8, reg, off, R1));
}

/* *(u64 *)(reg + off) += 1, through r3 */
static void add_one(struct gen *g, int reg, int off, bool shared)
{
	if (!shared) {
		gen_increment(g, reg, off);
		return;
	}
	gen_emit(g, MOV_IMM(R3, 1));
	gen_emit(g, XADD(8, reg, off, R3));
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

static void update_count(struct gen *g, struct node *n, int reg, bool shared)
{
	(void)n;
	add_one(g, reg, 0, shared);
}

static void gen_first_arg(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_expr(g, n->call.args);
}

static void gen_second_arg(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_expr(g, n->call.args->next);
}

static void init_sum(struct gen *g, struct node *n, int off)
{
	(void)n;
	gen_emit(g, STX(8, R10, off, gen_peek(g, 0, R1)));
}

static void update_sum(struct gen *g, struct node *n, int reg, bool shared)
{
	(void)n;
	add_to(g, reg, 0, gen_peek(g, 0, R2), shared);
}

/* min() and max() keep { value, seen }, so that CPUs that saw nothing do not count. */

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
	int set = gen_label(g), done = gen_label(g);

	gen_emit(g, LDX(8, R1, reg, 8));
	gen_jump(g, JMP_IMM(BPF_JEQ, R1, 0, 0), set);
	gen_emit(g, LDX(8, R1, reg, 0));
	gen_jump(g, min ? JMP_REG(code, x, R1, 0) : JMP_REG(code, R1, x, 0), done);
	gen_bind(g, set);
	gen_emit(g, STX(8, reg, 0, x));
	gen_emit(g, ST(8, reg, 8, 1));
	gen_bind(g, done);
}

/* Shared by the CPUs, two may race: the one that stores last wins. */
static void update_min(struct gen *g, struct node *n, int reg, bool shared)
{
	(void)shared;
	update_extreme(g, n, reg, true);
}

static void update_max(struct gen *g, struct node *n, int reg, bool shared)
{
	(void)shared;
	update_extreme(g, n, reg, false);
}

/* avg() and stats() keep { sum, count }. */
static void update_avg(struct gen *g, struct node *n, int reg, bool shared)
{
	(void)n;
	add_to(g, reg, 0, gen_peek(g, 0, R2), shared);
	add_one(g, reg, 8, shared);
}

/* Histograms: the argument's bucket index is computed first, then counted. */

/* bucket: x < 0 -> 0, 0 -> 1, [2^k, 2^(k+1)) -> k + 2, found by halving */
static void gen_quantize(struct gen *g, struct node *n, int dst)
{
	int done = gen_label(g), k;

	(void)dst;
	gen_expr(g, n->call.args);
	gen_pop_to(g, R1);
	/* Unsigned values narrower than 64 bits are zero-extended: never negative. */
	if (n->call.args->type->is_signed) {
		gen_emit(g, MOV_IMM(R2, 0));
		gen_emit(g, MOV_IMM(R3, 0));
		gen_jump(g, JMP_REG(BPF_JSGT, R3, R1, 0), done);
	}
	gen_emit(g, MOV_IMM(R2, 1));
	gen_jump(g, JMP_IMM(BPF_JEQ, R1, 0, 0), done);
	gen_emit(g, MOV_IMM(R2, 2));
	if (n->call.args->type->size > 4) {
		/* 2^32 is no immediate: test the shifted value instead. */
		int low = gen_label(g);

		gen_emit(g, MOV_REG(R3, R1));
		gen_emit(g, ALU_IMM(BPF_RSH, R3, 32));
		gen_jump(g, JMP_IMM(BPF_JEQ, R3, 0, 0), low);
		gen_emit(g, MOV_REG(R1, R3));
		gen_emit(g, ALU_IMM(BPF_ADD, R2, 32));
		gen_bind(g, low);
	}
	for (k = 16; k; k /= 2) {
		int shift = gen_label(g), next = gen_label(g);

		/* "<" needs Linux 4.14: jump over a jump instead. */
		gen_jump(g, JMP_IMM(BPF_JGE, R1, 1 << k, 0), shift);
		gen_jump(g, JA(0), next);
		gen_bind(g, shift);
		gen_emit(g, ALU_IMM(BPF_RSH, R1, k));
		gen_emit(g, ALU_IMM(BPF_ADD, R2, k));
		gen_bind(g, next);
	}
	gen_bind(g, done);
	gen_push(g, R2);
}

/* bucket: x < lo -> 0, x >= hi -> the last, else 1 + (x - lo) / step */
static void gen_lhist(struct gen *g, struct node *n, int dst)
{
	uint64_t lo = call_arg(n, 1)->num, hi = call_arg(n, 2)->num, step = call_arg(n, 3)->num;
	int code = arg_signed(n) ? BPF_JSGT : BPF_JGT, done = gen_label(g);

	(void)dst;
	gen_expr(g, n->call.args);
	gen_pop_to(g, R1);
	gen_emit(g, MOV_IMM(R2, 0));
	gen_imm64(g, R3, lo);
	gen_jump(g, JMP_REG(code, R3, R1, 0), done);
	gen_emit(g, MOV_IMM(R2, n->type->len - 1));
	gen_imm64(g, R3, hi);
	gen_jump(g, JMP_REG(code == BPF_JSGT ? BPF_JSGE : BPF_JGE, R1, R3, 0), done);
	gen_imm64(g, R3, lo);
	gen_emit(g, ALU_REG(BPF_SUB, R1, R3));
	gen_imm64(g, R0, step);
	gen_div(g, BPF_DIV, R1, R0);
	gen_emit(g, ALU_IMM(BPF_ADD, R1, 1));
	gen_emit(g, MOV_REG(R2, R1));
	gen_bind(g, done);
	gen_push(g, R2);
}

/* buckets[index]++, the index bounded for the verifier */
static void update_bucket(struct gen *g, struct node *n, int reg, bool shared)
{
	int out = gen_label(g);

	gen_emit(g, MOV_REG(R1, gen_peek(g, 0, R1)));
	gen_jump(g, JMP_IMM(BPF_JGT, R1, n->type->len - 1, 0), out);
	gen_emit(g, ALU_IMM(BPF_LSH, R1, 3));
	gen_emit(g, ALU_REG(BPF_ADD, R1, reg));
	add_one(g, R1, 0, shared);
	gen_bind(g, out);
}

static gen_fn *const generators[BI_NUM] = {
	[BI_COMM] = gen_comm, [BI_PID] = gen_pid, [BI_TID] = gen_tid, [BI_UID] = gen_uid,
	[BI_GID] = gen_gid, [BI_CPU] = gen_cpu, [BI_TIME] = gen_time, [BI_WALLTIME] = gen_time,
	[BI_STACK] = gen_stack, [BI_USTACK] = gen_stack, [BI_ELAPSED] = gen_elapsed, [BI_CGROUP] = gen_task_helper,
	[BI_RAND] = gen_task_helper, [BI_NUMAID] = gen_task_helper,
	[BI_JIFFIES] = gen_task_helper, [BI_CURTASK] = gen_task_helper, [BI_CPID] = gen_cpid,
	[BI_ARG] = gen_arg, [BI_RETVAL] = gen_retval, [BI_REGS] = gen_context,
	[BI_CTX] = gen_context, [BI_CALLER] = gen_where, [BI_FUNC] = gen_where,
	[BI_DATA] = gen_context,
	[BI_PROBE] = gen_probe_name,
	[BI_PRINTF] = gen_printf, [BI_PRINT] = gen_print, [BI_EXIT] = gen_exit,
	[BI_STR] = gen_str, [BI_STRCMP] = gen_strcmp_call, [BI_DYN] = gen_dyn,
	[BI_CLEAR] = gen_clear, [BI_UPTR] = gen_uptr, [BI_MEM] = gen_mem_call,
	[BI_ZERO] = gen_clear, [BI_HAS_KEY] = gen_has_key, [BI_SIGNAL] = gen_signal,
	[BI_KSYM] = gen_first_arg, [BI_KADDR] = gen_kaddr, [BI_NTOP] = gen_ntop,
	[BI_STRFTIME] = gen_second_arg, [BI_BUF] = gen_buf, [BI_USYM] = gen_usym,
	[BI_SYSTEM] = gen_printf, [BI_JOIN] = gen_join, [BI_LEN] = gen_map_len,
};

/* By id, from BI_COUNT: the aggregations come last. */
static const struct agg_code aggregations[BI_NUM - BI_COUNT] = {
	[BI_COUNT - BI_COUNT] = { gen_no_args, init_count, update_count },
	[BI_SUM - BI_COUNT] = { gen_first_arg, init_sum, update_sum },
	[BI_MIN - BI_COUNT] = { gen_first_arg, init_pair, update_min },
	[BI_MAX - BI_COUNT] = { gen_first_arg, init_pair, update_max },
	[BI_AVG - BI_COUNT] = { gen_first_arg, init_pair, update_avg },
	[BI_STATS - BI_COUNT] = { gen_first_arg, init_pair, update_avg },
	[BI_QUANTIZE - BI_COUNT] = { gen_quantize, NULL, update_bucket },
	[BI_LHIST - BI_COUNT] = { gen_lhist, NULL, update_bucket },
};

void gen_builtin(struct gen *g, struct node *n, int dst)
{
	const struct builtin *b = n->kind == NODE_VAR ? n->var.def : n->call.def;

	generators[b->id](g, n, dst);
}

/*
 * @map[keys] = aggregation(args). Aggregations live in per-CPU maps and are
 * updated in place without atomics; user space sums the CPUs. One that
 * probes read is shared: its new elements start from zero, whichever CPU
 * adds them, and its updates are atomic, where the JIT takes atomics.
 */
void gen_aggregate(struct gen *g, struct node *assign)
{
	struct node *target = assign->assign.target, *call = assign->assign.value;
	const struct agg_code *code = &aggregations[call->call.def->id - BI_COUNT];
	const struct plan_map *m = &g->plan->maps[target->map.map->index];
	int map = target->map.map->index, key = gen_map_key(g, target), depth = g->depth;
	int hit = gen_label(g), done = gen_label(g);

	code->gen(g, call, 0);	/* argument values onto the value stack */
	gen_lookup(g, map, key);
	if (m->keyless) {
		/* An array always has its element. */
		gen_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0), done);
	} else if (!m->percpu) {
		int zero = gen_slot(g, m->value->size, call);

		gen_jump(g, JMP_IMM(BPF_JNE, R0, 0, 0), hit);
		gen_zero(g, zero, m->value->size);
		gen_fp_addr(g, R3, zero);
		gen_update_flags(g, map, key, R3, BPF_NOEXIST);
		gen_lookup(g, map, key);
		gen_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0), done);
		gen_bind(g, hit);
	} else if (code->init) {
		int init = gen_slot(g, m->value->size, call);

		gen_jump(g, JMP_IMM(BPF_JNE, R0, 0, 0), hit);
		code->init(g, call, init);
		gen_fp_addr(g, R3, init);
		gen_update(g, map, key, R3);
		gen_jump(g, JA(0), done);
		gen_bind(g, hit);
	} else {
		int zkey = gen_slot(g, 4, call);

		gen_jump(g, JMP_IMM(BPF_JNE, R0, 0, 0), hit);
		gen_emit(g, ST(4, R10, zkey, 0));
		gen_lookup(g, g->plan->zero_map, zkey);
		gen_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0), done);
		gen_update(g, map, key, R0);
		gen_lookup(g, map, key);
		gen_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0), done);
		gen_bind(g, hit);
	}
	code->update(g, call, R0, !m->percpu && !g->target->arch->jit_refuses_xadd);
	gen_bind(g, done);
	g->depth = depth;
}

void gen_agg_read(struct gen *g, struct node *n)
{
	const struct plan_map *m = &g->plan->maps[n->map.map->index];
	int done = gen_label(g);

	gen_lookup(g, n->map.map->index, gen_map_key(g, n));
	gen_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0), done);
	if (m->shape != AGG_AVG) {
		gen_emit(g, LDX(8, R0, R0, 0));
	} else {
		/* sum / count, rounded toward zero */
		gen_emit(g, LDX(8, R1, R0, 0));
		gen_emit(g, LDX(8, R2, R0, 8));
		gen_emit(g, MOV_IMM(R0, 0));
		gen_jump(g, JMP_IMM(BPF_JEQ, R2, 0, 0), done);
		(m->value->fields->type->is_signed ? gen_signed_div : gen_div)(g, BPF_DIV, R1, R2);
		gen_emit(g, MOV_REG(R0, R1));
	}
	gen_bind(g, done);
	gen_push(g, R0);
}

/* Whether an aggregation starts new elements from the zero map. */
bool gen_agg_starts_from_zero(enum builtin_id id)
{
	return !aggregations[id - BI_COUNT].init;
}
