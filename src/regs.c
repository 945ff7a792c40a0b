// SPDX-License-Identifier: GPL-2.0
/*
 * Variables of probes whose context is the registers (struct pt_regs):
 * kprobes, uprobes and profile. What each register is comes from the
 * arch/ table compiled in.
 */
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "provider.h"

static bool is_return_probe(const struct probe *p)
{
	return p->provider == &provider_kretprobe || p->provider == &provider_uretprobe;
}

static struct type *reg_type(bool is_signed)
{
	return type_int(arch.reg_size, is_signed);
}

struct type *regs_sema_arg(struct sema *sm, struct node *n)
{
	if (is_return_probe(sm->p))
		error_at(&n->loc, "%s is not available when a function returns: the argument "
			 "registers are gone; read it at the function's entry, in a %s",
			 n->var.name, sm->p->provider == &provider_kretprobe ? "kprobe" : "uprobe");
	sm->p->uses_ctx = true;
	return reg_type(false);
}

void regs_gen_arg(struct gen *g, struct node *n, int dst)
{
	unsigned i = (unsigned)atoi(n->var.name + 3);
	int off = arch_arg_offset(i);

	(void)dst;
	if (off >= 0) {
		gen_load_ctx(g, off, n->type, n);
		return;
	}
	/* Past the argument registers: where the caller left them on the stack. */
	gen_load_ctx(g, arch_reg(arch.sp)->offset, n->type, n);
	gen_load_ptr(g, arch.stack_args + (int)((i - arch.nargs) * arch.reg_size),
		     g->p->provider->space == SPACE_USER ? SPACE_USER : SPACE_KERNEL, n->type, n);
}

struct type *regs_sema_retval(struct sema *sm, struct node *n)
{
	if (!is_return_probe(sm->p))
		error_at(&n->loc, "retval is only available in kretprobe and uretprobe probes");
	sm->p->uses_ctx = true;
	return reg_type(true);
}

void regs_gen_retval(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	gen_load_ctx(g, arch_reg(arch.ret)->offset, n->type, n);
}

/* regs->NAME for every register of the architecture's pt_regs. */
struct type *regs_sema_regs(struct sema *sm, struct node *n)
{
	struct arena *ka = &sm->s->ka;
	struct type *st;
	unsigned i;

	(void)n;
	sm->p->uses_ctx = true;
	if (sm->s->regs_type)
		return sm->s->regs_type;
	st = type_new(ka, &(struct type){ .kind = TYPE_STRUCT, .name = "pt_regs" });
	for (i = 0; i < arch.nregs; i++) {
		struct field *f = arena_alloc(ka, sizeof(*f)), **tail;

		f->name = arch.regs[i].name;
		f->type = reg_type(false);
		f->offset = arch.regs[i].offset;
		for (tail = &st->fields; *tail; tail = &(*tail)->next)
			;
		*tail = f;
		st->nfields++;
		if (f->offset + arch.reg_size > st->size)
			st->size = f->offset + arch.reg_size;
	}
	st->align = arch.reg_size;
	return sm->s->regs_type = type_ptr(ka, st, sizeof(void *), SPACE_CTX);
}

void regs_gen_regs(struct gen *g, struct node *n, int dst)
{
	(void)n, (void)dst;
	gen_push(g, CTX_REG);
}

/* The probed kernel address, shown as symbol+offset. */
struct type *regs_sema_caller(struct sema *sm, struct node *n)
{
	(void)n;
	sm->p->uses_ctx = true;
	return type_with_fmt(&sm->s->ka, reg_type(false), FMT_KSYM);
}

/* The kernel function the probe is in, shown by name. */
struct type *regs_sema_func(struct sema *sm, struct node *n)
{
	(void)n;
	sm->p->uses_ctx = true;
	return type_with_fmt(&sm->s->ka, reg_type(false), FMT_KFUNC);
}

void regs_gen_pc(struct gen *g, struct node *n, int dst)
{
	int r;

	(void)dst;
	gen_load_ctx(g, arch_reg(arch.pc)->offset, n->type, n);
	if (g->p->provider == &provider_kprobe && arch.kprobe_skew) {
		r = gen_pop(g, R1);
		gen_emit(g, ALU_IMM(BPF_SUB, r, arch.kprobe_skew));
		gen_push(g, r);
	}
}
