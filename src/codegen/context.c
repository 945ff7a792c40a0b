// SPDX-License-Identifier: GPL-2.0
/*
 * The probe's context variables. Where the context is the registers
 * (struct pt_regs: kprobes, uprobes and profile), what each register is
 * comes from the target's arch/ table; fentry's is the arguments as u64s.
 */
#include <stdlib.h>

#include "codegen/gen.h"
#include "kernel/usdt.h"

/*
 * A USDT operand: a register, memory at a register plus a displacement
 * (and an index), or a constant; extended to 64 bits as its size says.
 */
static void gen_usdt_arg(struct gen *g, const struct usdt_arg *u, const struct node *n)
{
	const struct arch *a = g->target->task;
	const struct type *reg = type_int(a->reg_size, false), *t = type_int(u->size, u->is_signed);
	int base, index;

	if (u->kind == USDT_CONST) {
		gen_imm64(g, R1, (uint64_t)u->value);
		gen_push(g, R1);
		return;
	}
	gen_load_ctx(g, u->reg, reg, n);
	if (u->kind == USDT_REG) {
		/* A register as wide as the value is already zero-extended. */
		if (u->size < a->reg_size || u->is_signed)
			gen_narrow(g, t);
		return;
	}
	if (u->index >= 0) {
		gen_load_ctx(g, u->index, reg, n);
		index = gen_pop(g, R2);
		if (u->scale > 1)
			gen_emit(g, ALU_IMM(BPF_LSH, index, __builtin_ctz(u->scale)));
		base = gen_pop(g, R1);
		gen_emit(g, ALU_REG(BPF_ADD, base, index));
		gen_push(g, base);
	}
	gen_load_ptr(g, (int)u->value, SPACE_USER, t, n);
}

/* The table of the probe's registers: the task's in uprobes. */
static const struct arch *regs_arch(const struct gen *g)
{
	return target_regs(g->target, g->p->provider->space == SPACE_USER);
}

void gen_arg(struct gen *g, struct node *n, int dst)
{
	const struct arch *a = regs_arch(g);
	unsigned i = (unsigned)atoi(n->var.def->name + 3);	/* argN */
	int off = arch_arg_offset(a, i);

	(void)dst;
	if (g->p->provider->usdt_args) {
		gen_usdt_arg(g, &g->p->usdt[i], n);
		return;
	}
	if (g->p->provider->btf_ctx) {
		gen_load_ctx(g, (int)i * 8, n->type, n);
		return;
	}
	if (off >= 0) {
		gen_load_ctx(g, off, n->type, n);
		return;
	}
	/* Past the argument registers: where the caller left them on the stack. */
	gen_load_ctx(g, arch_reg_offset(a, a->sp), n->type, n);
	gen_load_ptr(g, a->stack_args + (int)((i - a->nargs) * a->reg_size),
		     g->p->provider->space == SPACE_USER ? SPACE_USER : SPACE_KERNEL, n->type, n);
}

void gen_retval(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	if (!g->p->provider->btf_ctx) {
		gen_load_ctx(g, arch_reg_offset(regs_arch(g), regs_arch(g)->ret), n->type, n);
		return;
	}
	/* After the arguments, the whole register: its low bits are the value. */
	gen_load_ctx(g, (int)g->p->nargs * 8, &type_u64, n);
	gen_narrow(g, n->type);
}

/* regs, data and ctx: the context's address */
void gen_context(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	gen_push(g, CTX_REG);
}

/* The pc: the probed address, once corrected for how far past it the probe stops. */
static void gen_pc(struct gen *g, struct node *n)
{
	const struct arch *a = regs_arch(g);
	int r;

	/*
	 * On a kprobe_multi link the saved pc is where ftrace was called from:
	 * the kernel tells the function's address instead.
	 */
	if (g->p->attach->multi && !g->p->provider->return_probe) {
		gen_emit(g, MOV_REG(R1, CTX_REG));
		gen_emit(g, CALL(HELPER_GET_FUNC_IP));
		gen_push(g, R0);
		return;
	}
	gen_load_ctx(g, arch_reg_offset(a, a->pc), n->type, n);
	if (g->p->provider->pc_skew && a->kprobe_skew) {
		r = gen_pop(g, R1);
		gen_emit(g, ALU_IMM(BPF_SUB, r, a->kprobe_skew));
		gen_push(g, r);
	}
}

/*
 * In a kretprobe the pc is the return address, in the caller, and func is
 * the probed function instead: a constant when the program goes on one
 * function, else what get_func_ip says (the kernel marks the kretprobe's
 * kprobe as the one running while the program runs).
 */
static void gen_return_func(struct gen *g, struct node *n)
{
	const struct attach *at = g->p->attach;
	const struct attach_point *pt = &at->points[0];

	if (at->npoints == 1 && !pt->name) {
		gen_imm64(g, R1, pt->offset);
	} else if (at->npoints == 1) {
		gen_reloc(g, R1, RELOC_KSYM, pt->name);
	} else {
		if (!target_has(g->target, TF_GET_FUNC_IP))
			error_at(&n->loc, "%s: func in a kretprobe on a glob needs Linux 5.15 "
				 "(bpf_get_func_ip)", g->p->spec);
		gen_emit(g, MOV_REG(R1, CTX_REG));
		gen_emit(g, CALL(HELPER_GET_FUNC_IP));
		gen_push(g, R0);
		return;
	}
	gen_push(g, R1);
}

bool gen_point_label(struct gen *g, enum point_label which, int dst)
{
	const struct probe *p = g->p;
	int key;

	if (!p->label_size)
		return false;
	if (!g->labels)
		g->labels = 1 + plan_add_map(g->plan, &(struct plan_map){
			.name = "(labels)", .kind = MAP_LABELS, .key = &type_u32,
			.value = type_array(&g->plan->arena, &type_char, p->label_size),
			.bpf_type = BPF_MAP_TYPE_ARRAY, .max_entries = p->attach->npoints * LABELS,
			.init = p->labels });
	key = gen_slot(g, 4, NULL);
	gen_emit(g, MOV_REG(R1, CTX_REG));
	gen_emit(g, CALL(HELPER_GET_ATTACH_COOKIE));
	gen_emit(g, ALU_IMM(BPF_MUL, R0, LABELS));
	gen_emit(g, ALU_IMM(BPF_ADD, R0, which));
	gen_emit(g, STX(4, R10, key, R0));
	gen_lookup(g, g->labels - 1, key);
	/* Never NULL, every cookie being an index: read, not loaded, it needs no test. */
	gen_read(g, dst, p->label_size, R0, SPACE_KERNEL, false);
	return true;
}

/* caller and func; a uprobe's are strings, fixed or its glob's labels. */
void gen_where(struct gen *g, struct node *n, int dst)
{
	const char *fixed = n->var.def->id == BI_FUNC ? g->p->func : g->p->caller;

	if (gen_point_label(g, n->var.def->id == BI_FUNC ? LABEL_FUNC : LABEL_CALLER, dst))
		return;
	if (fixed)
		gen_string(g, fixed, strlen(fixed), dst, n->type->size);
	else if (n->var.def->id == BI_FUNC && g->p->provider->return_probe)
		gen_return_func(g, n);
	else if (g->p->provider->return_probe && !target_has(g->target, TF_KRETPROBE_PC))
		error_at(&n->loc, "%s: caller in a kretprobe needs Linux 5.15: before, the kernel "
			 "gives programs its kretprobe trampoline, not the return address", g->p->spec);
	else
		gen_pc(g, n);
}
