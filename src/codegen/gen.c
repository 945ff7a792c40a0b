// SPDX-License-Identifier: GPL-2.0
/*
 * Code generation: the typed tree of one probe straight to eBPF.
 * See gen.h for the register and stack conventions.
 */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>

#include "bpf/validate.h"
#include "codegen/codegen.h"
#include "codegen/gen.h"
#include "lang/sema.h"

/* The most iterations an unrolled loop gets. */
#define MAX_TRIPS 1000

static const int vregs_with_ctx[] = { R7, R8, R9 };
static const int vregs_all[] = { R6, R7, R8, R9 };

void gen_emit(struct gen *g, struct bpf_insn insn)
{
	prog_emit(&g->prog, insn);
}

void gen_jump(struct gen *g, struct bpf_insn jmp, int label)
{
	prog_jump(&g->prog, jmp, label);
}

int gen_label(struct gen *g)
{
	return prog_label(&g->prog);
}

void gen_bind(struct gen *g, int label)
{
	prog_bind(&g->prog, label);
}

void gen_imm64(struct gen *g, int reg, uint64_t v)
{
	if ((int64_t)v == (int32_t)v) {
		gen_emit(g, MOV_IMM(reg, (int32_t)v));
	} else if (v <= UINT32_MAX) {
		gen_emit(g, MOV32_IMM(reg, (int32_t)v));	/* zero-extends */
	} else {
		gen_emit(g, LD_IMM64_LO(reg, 0, v));
		gen_emit(g, LD_IMM64_HI(v));
	}
}

void gen_ld_map(struct gen *g, int reg, int map)
{
	/* The map's index stands in for its fd until the program is loaded. */
	gen_emit(g, LD_IMM64_LO(reg, BPF_PSEUDO_MAP_FD, map));
	gen_emit(g, LD_IMM64_HI(0));
}

void gen_reloc(struct gen *g, int reg, enum reloc_kind kind, const char *ksym)
{
	struct plan_prog *out = g->out;

	out->relocs = arena_room(&g->plan->arena, out->relocs, out->nrelocs, sizeof(*out->relocs));
	out->relocs[out->nrelocs] = (struct plan_reloc){
		kind, ksym ? arena_strdup(&g->plan->arena, ksym) : NULL };
	gen_emit(g, LD_IMM64_LO(reg, PSEUDO_RELOC, out->nrelocs++));
	gen_emit(g, LD_IMM64_HI(0));
}

void gen_call(struct gen *g, int helper, const struct node *n)
{
	const struct helper_info *h = helper_info(helper);
	char target[64];

	if (g->target->kernel < h->since)
		error_at(&n->loc, "this needs Linux %u.%u, for bpf_%s(); the target is %s",
			 h->since >> 16, h->since >> 8 & 0xff, h->name,
			 target_describe(g->target, target, sizeof(target)));
	gen_emit(g, CALL(helper));
}

void gen_addr(struct gen *g, int reg, int base, int off)
{
	gen_emit(g, MOV_REG(reg, base));
	gen_emit(g, ALU_IMM(BPF_ADD, reg, off));
}

void gen_fp_addr(struct gen *g, int reg, int off)
{
	gen_addr(g, reg, R10, off);
}

static noreturn void stack_exhausted(struct gen *g, const struct loc *loc, unsigned need)
{
	const char *whose = g->stack < BPF_STACK_SIZE ?
		"the program and its loops over maps have each" : "the kernel allows a probe";
	int used = g->frame + g->spill_bytes;

	if (!used)
		error_at(loc, "out of stack: this needs %u bytes, more than the %d bytes of "
			 "stack %s", need, g->stack, whose);
	error_at(loc, "out of stack: this needs %u bytes, but %d are in use of the %d "
		 "bytes %s", need, used, g->stack, whose);
}

int gen_slot(struct gen *g, unsigned size, const struct node *why)
{
	unsigned need = ALIGN_UP(size ? size : 1, 8);

	if (g->frame + g->spill_bytes + need > (unsigned)g->stack)
		stack_exhausted(g, why ? &why->loc : &g->p->loc, need);
	g->frame += need;
	return -g->frame;
}

/*
 * Zeroed first: kernels that copy comm with strscpy() leave the bytes after
 * the NUL as they were, and comm is compared and hashed as 16 bytes.
 */
void gen_task_comm(struct gen *g, int dst)
{
	gen_zero(g, dst, type_comm.size);
	gen_fp_addr(g, R1, dst);
	gen_emit(g, MOV_IMM(R2, type_comm.size));
	gen_emit(g, CALL(HELPER_GET_CURRENT_COMM));
}

void gen_zero(struct gen *g, int off, unsigned size)
{
	while (size) {
		unsigned n = size >= 8 && !(off & 7) ? 8 : size >= 4 && !(off & 3) ? 4 :
			     size >= 2 && !(off & 1) ? 2 : 1;

		gen_emit(g, ST(n, R10, off, 0));
		off += n;
		size -= n;
	}
}

void gen_increment(struct gen *g, int reg, int off)
{
	gen_emit(g, LDX(8, R3, reg, off));
	gen_emit(g, ALU_IMM(BPF_ADD, R3, 1));
	gen_emit(g, STX(8, reg, off, R3));
}

void gen_copy(struct gen *g, int dst_reg, int dst, int src_reg, int src, unsigned size)
{
	while (size) {
		unsigned n = size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : 1;

		gen_emit(g, LDX(n, R1, src_reg, src));
		gen_emit(g, STX(n, dst_reg, dst, R1));
		src += n;
		dst += n;
		size -= n;
	}
}

/* The spill slot of a value-stack position past the registers. */
static int spill_slot(struct gen *g, int depth)
{
	int k = depth - g->nvregs;

	if ((k + 1) * 8 > g->spill_bytes) {
		if (g->frame + (k + 1) * 8 > g->stack)
			stack_exhausted(g, &g->p->loc, 8);
		g->spill_bytes = (k + 1) * 8;
	}
	return -g->stack + k * 8;
}

/* The register the next pushed value should be computed in. */
static int push_reg(struct gen *g)
{
	return g->depth < g->nvregs ? g->vregs[g->depth] : R0;
}

void gen_push(struct gen *g, int reg)
{
	int d = g->depth++;

	if (d >= g->nvregs)
		gen_emit(g, STX(8, R10, spill_slot(g, d), reg));
	else if (reg != g->vregs[d])
		gen_emit(g, MOV_REG(g->vregs[d], reg));
}

int gen_peek(struct gen *g, int k, int scratch)
{
	int d = g->depth - 1 - k;

	assert(d >= 0);
	if (d < g->nvregs)
		return g->vregs[d];
	gen_emit(g, LDX(8, scratch, R10, spill_slot(g, d)));
	return scratch;
}

/*
 * The scratch register (r0-r5) the top value was copied from by the last
 * instruction, or -1. Every path to that copy has the value there, and the
 * copy can be dropped, provided no path goes past it without it.
 */
static int pushed_from(struct gen *g)
{
	const struct bpf_insn *last = &g->prog.insns[g->prog.n - 1];
	int d = g->depth - 1;

	if (!prog_last_is_mine(&g->prog) || d >= g->nvregs)
		return -1;
	if (last->code != (BPF_ALU64 | BPF_MOV | BPF_X) || last->dst_reg != g->vregs[d] ||
	    last->src_reg > R5)
		return -1;
	return last->src_reg;
}

int gen_pop(struct gen *g, int scratch)
{
	int r = pushed_from(g);

	/* r0 too: helpers return in it, and no caller keeps a value there. */
	if (r == scratch || r == R0) {
		g->prog.n--;
		g->depth--;
		return r;
	}
	r = gen_peek(g, 0, scratch);
	g->depth--;
	return r;
}

void gen_pop_to(struct gen *g, int reg)
{
	int r, from = pushed_from(g);

	if (from >= 0 && from != reg) {
		/* Copied straight to reg instead. */
		g->prog.insns[g->prog.n - 1].dst_reg = reg;
		g->depth--;
		return;
	}
	r = gen_pop(g, reg);
	if (r != reg)
		gen_emit(g, MOV_REG(reg, r));
}

/* Sign-extends the low `size` bytes of reg to 64 bits. */
static void sign_extend(struct gen *g, int reg, unsigned size)
{
	if (size >= 8)
		return;
	gen_emit(g, ALU_IMM(BPF_LSH, reg, 64 - 8 * size));
	gen_emit(g, ALU_IMM(BPF_ARSH, reg, 64 - 8 * size));
}

/* A bitfield out of the value of its unit on top of the stack. */
static void gen_bitfield(struct gen *g, const struct field *f)
{
	int r = gen_pop(g, R1);

	/* Its top bit to bit 63, then back down, with or without the sign. */
	gen_emit(g, ALU_IMM(BPF_LSH, r, 64 - f->shift - f->bits));
	gen_emit(g, ALU_IMM(f->type->is_signed ? BPF_ARSH : BPF_RSH, r, 64 - f->bits));
	gen_push(g, r);
}

static bool fits_imm(const struct node *n)
{
	return n->kind == NODE_NUM && (int64_t)n->num == (int32_t)n->num;
}

void gen_read(struct gen *g, int dst, unsigned size, int src, enum addr_space space, bool string)
{
	gen_read_to(g, R10, dst, size, src, space, string);
}

void gen_read_to(struct gen *g, int dst_reg, int dst, unsigned size, int src,
		 enum addr_space space, bool string)
{
	const struct target *t = g->target;
	int helper;

	/*
	 * Kernels before 5.5 have one helper family for both address spaces,
	 * kept since where the two do not overlap (x86, arm64...): it reads a
	 * kprobe's untyped argument wherever it points, as in ply.
	 */
	if (!target_has(t, TF_PROBE_READ_KERNEL) ||
	    (space == SPACE_ANY && target_has(t, TF_PROBE_READ_ANY)))
		helper = string ? HELPER_PROBE_READ_STR : HELPER_PROBE_READ;
	else if (space == SPACE_USER)
		helper = string ? HELPER_PROBE_READ_USER_STR : HELPER_PROBE_READ_USER;
	else
		helper = string ? HELPER_PROBE_READ_KERNEL_STR : HELPER_PROBE_READ_KERNEL;
	if (src != R3)
		gen_emit(g, MOV_REG(R3, src));
	gen_addr(g, R1, dst_reg, dst);
	gen_emit(g, MOV_IMM(R2, size));
	gen_emit(g, CALL(helper));
}

void gen_lookup(struct gen *g, int map, int key)
{
	gen_ld_map(g, R1, map);
	gen_fp_addr(g, R2, key);
	gen_emit(g, CALL(HELPER_MAP_LOOKUP_ELEM));
}

/* Counts an update the full map refused (r0 < 0), in the plan's dropped map. */
static void gen_count_dropped(struct gen *g, int map, int flags)
{
	int done = gen_label(g), key = gen_slot(g, 4, NULL);

	gen_jump(g, JMP_IMM(BPF_JSGE, R0, 0, 0), done);
	if (flags == BPF_NOEXIST)	/* another CPU added it first */
		gen_jump(g, JMP_IMM(BPF_JEQ, R0, -EEXIST, 0), done);
	gen_emit(g, ST(4, R10, key, map));
	gen_lookup(g, g->plan->dropped_map, key);
	gen_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0), done);
	gen_increment(g, R0, 0);
	gen_bind(g, done);
}

void gen_update_flags(struct gen *g, int map, int key, int value_reg, int flags)
{
	if (value_reg != R3)
		gen_emit(g, MOV_REG(R3, value_reg));
	gen_ld_map(g, R1, map);
	gen_fp_addr(g, R2, key);
	gen_emit(g, MOV_IMM(R4, flags));
	gen_emit(g, CALL(HELPER_MAP_UPDATE_ELEM));
	if (g->plan->dropped_map >= 0)
		gen_count_dropped(g, map, flags);
}

void gen_update(struct gen *g, int map, int key, int value_reg)
{
	gen_update_flags(g, map, key, value_reg, BPF_ANY);
}

/*
 * Where a value in memory is, before it is loaded: at a constant offset in
 * the context, in the stack frame, or at an offset from a pointer on top of
 * the value stack.
 */
struct place {
	enum { PLACE_CTX, PLACE_STACK, PLACE_PTR } kind;
	int off;
	enum addr_space space;
};

static void gen_mem(struct gen *g, struct node *n, int dst);
static void gen_record(struct gen *g, struct node *list, int dst, const struct type *st);

/* The r10 offset of a value the frame already holds for the whole probe, or 0. */
static int gen_in_frame(struct gen *g, const struct node *n)
{
	if (n->kind == NODE_SCRATCH)
		return n->scratch.var->slot;
	return n->kind == NODE_VAR && n->type == &type_comm ? g->comm : 0;
}

/* Pops a pointer and an index, pushes the address of the element. */
static void gen_element_addr(struct gen *g, unsigned elem_size)
{
	int i = gen_pop(g, R2), p = gen_pop(g, R1);

	if (elem_size > 1)
		gen_emit(g, ALU_IMM(BPF_MUL, i, elem_size));
	gen_emit(g, ALU_REG(BPF_ADD, p, i));
	gen_push(g, p);
}

/* The place of a value that lives in memory (fields, elements, dereferences). */
static struct place gen_place(struct gen *g, struct node *n)
{
	struct place pl;
	struct type *t;

	switch (n->kind) {
	case NODE_MEMBER:
		t = n->member.obj->type;
		if (n->member.arrow) {
			if (t->space == SPACE_CTX)
				return (struct place){ PLACE_CTX, n->member.field->offset, SPACE_CTX };
			gen_expr(g, n->member.obj);
			return (struct place){ PLACE_PTR, n->member.field->offset, t->space };
		}
		pl = gen_place(g, n->member.obj);
		pl.off += n->member.field->offset;
		return pl;
	case NODE_INDEX:
		t = n->index.obj->type;
		if (t->kind == TYPE_ARRAY) {
			pl = gen_place(g, n->index.obj);
			pl.off += n->index.index->num * t->base->size;
			return pl;
		}
		gen_expr(g, n->index.obj);
		if (fits_imm(n->index.index))
			return (struct place){ PLACE_PTR, (int)n->index.index->num * t->base->size,
					       t->space };
		gen_expr(g, n->index.index);
		gen_element_addr(g, t->base->size);
		return (struct place){ PLACE_PTR, 0, t->space };
	case NODE_UNARY:
		assert(n->unary.op == OP_DEREF);
		gen_expr(g, n->unary.arg);
		return (struct place){ PLACE_PTR, 0, n->unary.arg->type->space };
	default:
		/* Any other aggregate value is first built in the frame. */
		pl = (struct place){ PLACE_STACK, gen_in_frame(g, n), SPACE_KERNEL };
		if (!pl.off) {
			pl.off = gen_slot(g, n->type->size, n);
			gen_mem(g, n, pl.off);
		}
		return pl;
	}
}

/* Copies the value at a place (of the node's type) into the frame at dst. */
static void gen_place_to_mem(struct gen *g, struct place pl, unsigned size, int dst)
{
	switch (pl.kind) {
	case PLACE_STACK:
		gen_copy(g, R10, dst, R10, pl.off, size);
		break;
	case PLACE_CTX:
		gen_emit(g, MOV_REG(R3, CTX_REG));
		gen_emit(g, ALU_IMM(BPF_ADD, R3, pl.off));
		gen_read(g, dst, size, R3, SPACE_KERNEL, false);
		break;
	case PLACE_PTR:
		gen_pop_to(g, R3);
		if (pl.off)
			gen_emit(g, ALU_IMM(BPF_ADD, R3, pl.off));
		gen_read(g, dst, size, R3, pl.space, false);
		break;
	}
}

/* Loads the scalar at a place and pushes it. */
static void gen_load(struct gen *g, struct place pl, const struct type *t, const struct node *n)
{
	int r, tmp;

	/* Contexts allow aligned direct loads (tracepoints past their first 8 bytes). */
	if (pl.kind == PLACE_CTX && pl.off >= (int)g->p->provider->ctx_first &&
	    pl.off % t->size == 0 &&
	    (t->size == 1 || t->size == 2 || t->size == 4 || t->size == 8)) {
		r = push_reg(g);
		gen_emit(g, LDX(t->size, r, CTX_REG, pl.off));
	} else if (pl.kind == PLACE_STACK) {
		r = push_reg(g);
		gen_emit(g, LDX(t->size, r, R10, pl.off));
	} else {
		tmp = gen_slot(g, t->size, n);
		gen_place_to_mem(g, pl, t->size, tmp);
		r = push_reg(g);
		gen_emit(g, LDX(t->size, r, R10, tmp));
	}
	if (t->kind == TYPE_INT && t->is_signed)
		sign_extend(g, r, t->size);
	gen_push(g, r);
}

void gen_load_ctx(struct gen *g, int off, const struct type *t, const struct node *n)
{
	gen_load(g, (struct place){ PLACE_CTX, off, SPACE_CTX }, t, n);
}

void gen_load_ptr(struct gen *g, int off, enum addr_space space, const struct type *t,
		  const struct node *n)
{
	gen_load(g, (struct place){ PLACE_PTR, off, space }, t, n);
}

/* The word of w bytes at p as the target's loads read it, in its byte order. */
static uint64_t target_word(const struct gen *g, const unsigned char *p, unsigned w)
{
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < w; i++)
		v |= (uint64_t)p[g->target->arch->big_endian ? w - 1 - i : i] << (8 * i);
	return v;
}

void gen_string(struct gen *g, const char *data, size_t len, int off, unsigned size)
{
	unsigned i, j;

	for (i = 0; i < size; i += 4) {
		unsigned char bytes[4] = { 0 };

		for (j = 0; j < 4 && i + j < size; j++)
			if (i + j < len)
				bytes[j] = (unsigned char)data[i + j];
		if (size - i >= 4) {
			gen_emit(g, ST(4, R10, off + i, (int32_t)target_word(g, bytes, 4)));
			continue;
		}
		for (j = 0; i + j < size; j++)
			gen_emit(g, ST(1, R10, off + i + j, bytes[j]));
	}
}

int gen_map_key(struct gen *g, struct node *n)
{
	const struct plan_map *m = &g->plan->maps[n->map.map->index];
	struct node *k = n->map.keys;
	int off;

	if (n->map.nkeys == 1 && k->type->size == m->key->size && (off = gen_in_frame(g, k)))
		return off;
	off = gen_slot(g, m->key->size, n);
	if (m->keyless)
		gen_emit(g, ST(4, R10, off, 0));
	else if (n->map.nkeys == 1)
		gen_store(g, k, off, m->key);
	else
		gen_record(g, k, off, m->key);
	return off;
}

/* The element of a map, or zeroes when the key is missing, into r10 + dst. */
static void gen_map_read(struct gen *g, struct node *n, int dst)
{
	int map = n->map.map->index, key, missing, done;
	const struct type *value = g->plan->maps[map].value;

	if (n->map.agg) {
		gen_agg_read(g, n);
		return;
	}
	key = gen_map_key(g, n);
	missing = gen_label(g);
	gen_lookup(g, map, key);
	gen_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0), missing);
	if (type_is_scalar(value)) {
		/* r0 is either NULL, which reads as 0, or the value's address. */
		gen_emit(g, LDX(value->size, R0, R0, 0));
		gen_bind(g, missing);
		gen_push(g, R0);
		return;
	}
	done = gen_label(g);
	gen_copy(g, R10, dst, R0, 0, value->size);
	gen_jump(g, JA(0), done);
	gen_bind(g, missing);
	gen_zero(g, dst, value->size);
	gen_bind(g, done);
}

/*
 * Compares the strings at r10 + a and r10 + b like strcmp(): r0 ends up
 * negative, zero or positive. Unrolled, for kernels without loops.
 */
static void gen_strcmp_mem(struct gen *g, int a, unsigned na, int b, unsigned nb)
{
	unsigned i, n = MIN(na, nb);
	int done = gen_label(g);

	for (i = 0; i < n; i++) {
		gen_emit(g, LDX(1, R0, R10, a + i));
		gen_emit(g, LDX(1, R1, R10, b + i));
		gen_emit(g, ALU_REG(BPF_SUB, R0, R1));
		gen_jump(g, JMP_IMM(BPF_JNE, R0, 0, 0), done);
		gen_jump(g, JMP_IMM(BPF_JEQ, R1, 0, 0), done);
	}
	/* Equal so far: the longer buffer decides if it goes on. */
	if (na != nb)
		gen_emit(g, LDX(1, R0, R10, na > nb ? a + n : b + n));
	if (na < nb)
		gen_emit(g, NEG(R0));
	gen_bind(g, done);
}

/* A string operand in the frame: its r10 offset. */
static int gen_string_operand(struct gen *g, struct node *n)
{
	struct place pl = gen_place(g, n);
	int off;

	if (pl.kind == PLACE_STACK)
		return pl.off;
	off = gen_slot(g, n->type->size, n);
	gen_place_to_mem(g, pl, n->type->size, off);
	return off;
}

void gen_strcmp(struct gen *g, struct node *l, struct node *r)
{
	int a = gen_string_operand(g, l), b = gen_string_operand(g, r);

	gen_strcmp_mem(g, a, l->type->size, b, r->type->size);
}

/* The widest load, at most size bytes, that r10 + off is aligned for. */
static unsigned load_width(int off, unsigned size)
{
	unsigned w = 8;

	while (w > size || (off & (w - 1)))
		w /= 2;
	return w;
}

/*
 * String (in)equality: jumps to label when the two are equal (when) or
 * differ (!when). A literal side is compared up to its NUL in words, each
 * against an immediate; past it too, up to a whole word, when the other
 * side is comm, whose bytes after the NUL are zeroes (see gen_task_comm()).
 * "comm == \"name\"" costs a few instructions.
 */
static void gen_str_eq(struct gen *g, struct node *l, struct node *r, bool when, int label)
{
	struct node *lit = r->kind == NODE_STR ? r : l->kind == NODE_STR ? l : NULL;
	struct node *other = lit == r ? l : r;
	int off, mismatch = when ? gen_label(g) : label;
	unsigned i, n, w, len;

	if (!lit) {
		gen_strcmp(g, l, r);
		gen_jump(g, JMP_IMM(when ? BPF_JEQ : BPF_JNE, R0, 0, 0), label);
		return;
	}
	len = strnlen(lit->str.data, lit->str.len);
	n = len + 1;
	if (n > other->type->size) {
		/* Longer than the other string can ever be. */
		if (!when)
			gen_jump(g, JA(0), label);
		return;
	}
	off = gen_string_operand(g, other);
	if (other->kind == NODE_VAR && other->type == &type_comm)
		n = ALIGN_UP(n, 8);
	for (i = 0; i < n; i += w) {
		unsigned char bytes[8] = { 0 };
		uint64_t c;

		w = load_width(off + i, n - i);
		memcpy(bytes, lit->str.data + i, MIN(w, len - MIN(i, len)));
		c = target_word(g, bytes, w);
		gen_emit(g, LDX(w, R1, R10, off + i));
		if (c <= INT32_MAX) {
			gen_jump(g, JMP_IMM(BPF_JNE, R1, (int32_t)c, 0), mismatch);
		} else {
			gen_imm64(g, R2, c);
			gen_jump(g, JMP_REG(BPF_JNE, R1, R2, 0), mismatch);
		}
	}
	if (when) {
		gen_jump(g, JA(0), label);
		gen_bind(g, mismatch);
	}
}

/* Each node of a list into its field of st, at r10 + dst. */
static void gen_record(struct gen *g, struct node *list, int dst, const struct type *st)
{
	const struct field *f;

	for (f = st->fields; list; list = list->next, f = f->next)
		gen_store(g, list, dst + f->offset, f->type);
}

static void gen_mem(struct gen *g, struct node *n, int dst)
{
	int other, done;

	switch (n->kind) {
	case NODE_STR:
		gen_string(g, n->str.data, n->str.len, dst, n->type->size);
		break;
	case NODE_VAR:
	case NODE_CALL:
		gen_builtin(g, n, dst);
		break;
	case NODE_MAP:
		gen_map_read(g, n, dst);
		break;
	case NODE_TUPLE:
		gen_record(g, n->tuple.elems, dst, n->type);
		break;
	case NODE_TERNARY:
		other = gen_label(g);
		done = gen_label(g);
		gen_cond(g, n->cond.cond, false, other);
		gen_store(g, n->cond.then, dst, n->type);
		gen_jump(g, JA(0), done);
		gen_bind(g, other);
		gen_store(g, n->cond.els, dst, n->type);
		gen_bind(g, done);
		break;
	default:
		gen_place_to_mem(g, gen_place(g, n), n->type->size, dst);
		break;
	}
}

void gen_store(struct gen *g, struct node *n, int off, const struct type *slot)
{
	if (type_is_scalar(slot) && fits_imm(n)) {
		gen_emit(g, ST(slot->size, R10, off, (int32_t)n->num));
	} else if (type_is_scalar(slot)) {
		gen_expr(g, n);
		gen_emit(g, STX(slot->size, R10, off, gen_pop(g, R0)));
	} else if (n->kind == NODE_STR) {
		gen_string(g, n->str.data, n->str.len, off, slot->size);
	} else if (slot->size < n->type->size) {
		/* a string cut short, as str(s, 8): its first bytes, then a NUL */
		int whole = gen_slot(g, n->type->size, n);

		gen_mem(g, n, whole);
		gen_copy(g, R10, off, R10, whole, slot->size - 1);
		gen_emit(g, ST(1, R10, off + slot->size - 1, 0));
	} else {
		gen_mem(g, n, off);
		if (slot->size > n->type->size)
			gen_zero(g, off + n->type->size, slot->size - n->type->size);
	}
}

/* Comparisons signed as C would compare the two operands after promotion. */
static bool signed_cmp(const struct type *l, const struct type *r)
{
	return l->kind == TYPE_INT && r->kind == TYPE_INT &&
	       (l->is_signed || l->size < 8) && (r->is_signed || r->size < 8);
}

static enum op negate(enum op op)
{
	static const enum op inverse[] = {
		[OP_EQ] = OP_NE, [OP_NE] = OP_EQ, [OP_LT] = OP_GE,
		[OP_GE] = OP_LT, [OP_GT] = OP_LE, [OP_LE] = OP_GT,
	};
	return inverse[op];
}

static int jump_code(enum op op, bool sgn)
{
	return op == OP_EQ ? BPF_JEQ : op == OP_NE ? BPF_JNE :
	       op == OP_GT ? (sgn ? BPF_JSGT : BPF_JGT) : (sgn ? BPF_JSGE : BPF_JGE);
}

/*
 * Jumps for "dst op src". There is no "<" or "<=" before Linux 4.14, so
 * those are emitted as ">" and ">=" with the operands swapped.
 */
static void gen_compare(struct gen *g, struct node *n, enum op op, int label)
{
	struct node *l = n->binary.left, *r = n->binary.right;
	bool sgn = signed_cmp(l->type, r->type);
	int x, y;

	gen_expr(g, l);
	if (fits_imm(r) && op != OP_LT && op != OP_LE) {
		x = gen_pop(g, R1);
		gen_jump(g, JMP_IMM(jump_code(op, sgn), x, (int32_t)r->num, 0), label);
		return;
	}
	gen_expr(g, r);
	y = gen_pop(g, R2);
	x = gen_pop(g, R1);
	if (op == OP_LT || op == OP_LE) {
		int t = x;

		x = y;
		y = t;
		op = op == OP_LT ? OP_GT : OP_GE;
	}
	gen_jump(g, JMP_REG(jump_code(op, sgn), x, y, 0), label);
}

static void gen_bool(struct gen *g, struct node *n);

void gen_cond(struct gen *g, struct node *n, bool when, int label)
{
	enum op op = n->kind == NODE_BINARY ? n->binary.op : OP_NONE;
	int skip, x, y;

	if (n->kind == NODE_NUM) {
		if ((n->num != 0) == when)
			gen_jump(g, JA(0), label);
		return;
	}
	if (n->kind == NODE_UNARY && n->unary.op == OP_LNOT) {
		gen_cond(g, n->unary.arg, !when, label);
		return;
	}
	if (op == OP_LAND || op == OP_LOR) {
		/* "a && b" is false as soon as a is; "a || b" true as soon as a is. */
		if (when != (op == OP_LAND)) {
			gen_cond(g, n->binary.left, when, label);
			gen_cond(g, n->binary.right, when, label);
			return;
		}
		skip = gen_label(g);
		gen_cond(g, n->binary.left, !when, skip);
		gen_cond(g, n->binary.right, when, label);
		gen_bind(g, skip);
		return;
	}
	if (op == OP_LXOR) {
		/* True when exactly one side is: the two compared as booleans. */
		gen_bool(g, n->binary.left);
		gen_bool(g, n->binary.right);
		y = gen_pop(g, R2);
		x = gen_pop(g, R1);
		gen_jump(g, JMP_REG(when ? BPF_JNE : BPF_JEQ, x, y, 0), label);
		return;
	}
	if (op >= OP_EQ && op <= OP_GE) {
		if (type_is_string(n->binary.left->type))
			gen_str_eq(g, n->binary.left, n->binary.right, (op == OP_EQ) == when, label);
		else
			gen_compare(g, n, when ? op : negate(op), label);
		return;
	}
	gen_expr(g, n);
	gen_jump(g, JMP_IMM(when ? BPF_JNE : BPF_JEQ, gen_pop(g, R1), 0, 0), label);
}

/* A condition as a value: 1 or 0. */
static void gen_bool(struct gen *g, struct node *n)
{
	int yes = gen_label(g), done = gen_label(g), r;

	gen_cond(g, n, true, yes);
	r = push_reg(g);
	gen_emit(g, MOV_IMM(r, 0));
	gen_jump(g, JA(0), done);
	gen_bind(g, yes);
	gen_emit(g, MOV_IMM(r, 1));
	gen_bind(g, done);
	gen_push(g, r);
}

/*
 * gen_div's long division: 64 steps of one quotient bit, a loop where the
 * verifier follows loops, unrolled before.
 */
static void div_steps(struct gen *g, int x, int y)
{
	bool loop = target_has(g->target, TF_BOUNDED_LOOPS);
	int top = gen_label(g), k;

	/* r3 is the remainder; x takes the quotient complemented, bit by bit */
	gen_emit(g, MOV_IMM(R3, 0));
	if (loop)
		gen_emit(g, MOV_IMM(R5, 64));
	gen_bind(g, top);
	for (k = 0; k < (loop ? 1 : 64); k++) {
		/* r3:x <<= 1 */
		gen_emit(g, ALU_IMM(BPF_LSH, R3, 1));
		gen_emit(g, MOV_REG(R4, x));
		gen_emit(g, ALU_IMM(BPF_RSH, R4, 63));
		gen_emit(g, ALU_REG(BPF_OR, R3, R4));
		gen_emit(g, ALU_IMM(BPF_LSH, x, 1));
		/*
		 * r3 -= y, undone if it went below zero: with r3 < 2y and
		 * y < 2^63, the sign says. r4 = -1 then, and x's new bit 1.
		 */
		gen_emit(g, ALU_REG(BPF_SUB, R3, y));
		gen_emit(g, MOV_REG(R4, R3));
		gen_emit(g, ALU_IMM(BPF_ARSH, R4, 63));
		gen_emit(g, ALU_REG(BPF_SUB, x, R4));
		gen_emit(g, ALU_REG(BPF_AND, R4, y));
		gen_emit(g, ALU_REG(BPF_ADD, R3, R4));
	}
	if (loop) {
		gen_emit(g, ALU_IMM(BPF_SUB, R5, 1));
		gen_jump(g, JMP_IMM(BPF_JNE, R5, 0, 0), top);
	}
}

/*
 * Where the JIT has no 64-bit division (32-bit arm): the 32-bit one when
 * both fit, long division otherwise, with no branch in its steps so that
 * the verifier follows one path whatever the result is used for.
 */
void gen_div(struct gen *g, int code, int x, int y)
{
	int wide = gen_label(g), steps = gen_label(g), end = gen_label(g), done = gen_label(g);

	if (!g->target->arch->jit_refuses_div64) {
		gen_emit(g, ALU_REG(code, x, y));
		return;
	}
	gen_emit(g, MOV_REG(R4, x));
	gen_emit(g, ALU_REG(BPF_OR, R4, y));
	gen_emit(g, ALU_IMM(BPF_RSH, R4, 32));
	gen_jump(g, JMP_IMM(BPF_JNE, R4, 0, 0), wide);
	gen_emit(g, ALU32_REG(code, x, y));
	gen_jump(g, JA(0), done);
	gen_bind(g, wide);
	gen_jump(g, JMP_IMM(BPF_JSGT, y, 0, 0), steps);
	/* x / 0 = 0 and x % 0 = x; y >= 2^63 goes once or not at all. */
	gen_emit(g, MOV_REG(R3, x));
	gen_emit(g, MOV_IMM(x, -1));
	gen_jump(g, JMP_IMM(BPF_JEQ, y, 0, 0), end);
	gen_jump(g, JMP_REG(BPF_JGT, y, R3, 0), end);
	gen_emit(g, ALU_REG(BPF_SUB, R3, y));
	gen_emit(g, MOV_IMM(x, -2));
	gen_jump(g, JA(0), end);
	gen_bind(g, steps);
	div_steps(g, x, y);
	gen_bind(g, end);
	gen_emit(g, code == BPF_DIV ? ALU_IMM(BPF_XOR, x, -1) : MOV_REG(x, R3));
	gen_bind(g, done);
}

/* eBPF divides unsigned values only: gen_div on the magnitudes. */
void gen_signed_div(struct gen *g, int code, int x, int y)
{
	int x_positive = gen_label(g), y_positive = gen_label(g), positive = gen_label(g);

	if (x != R1)
		gen_emit(g, MOV_REG(R1, x));
	if (y != R2)
		gen_emit(g, MOV_REG(R2, y));
	/* The quotient's sign is that of x ^ y; the remainder's, that of x. */
	gen_emit(g, MOV_REG(R0, R1));
	if (code == BPF_DIV)
		gen_emit(g, ALU_REG(BPF_XOR, R0, R2));
	gen_jump(g, JMP_IMM(BPF_JSGE, R1, 0, 0), x_positive);
	gen_emit(g, NEG(R1));
	gen_bind(g, x_positive);
	gen_jump(g, JMP_IMM(BPF_JSGE, R2, 0, 0), y_positive);
	gen_emit(g, NEG(R2));
	gen_bind(g, y_positive);
	gen_div(g, code, R1, R2);
	gen_jump(g, JMP_IMM(BPF_JSGE, R0, 0, 0), positive);
	gen_emit(g, NEG(R1));
	gen_bind(g, positive);
	if (x != R1)
		gen_emit(g, MOV_REG(x, R1));
}

static int alu_code(enum op op, bool sgn)
{
	static const int codes[] = {
		[OP_ADD] = BPF_ADD, [OP_SUB] = BPF_SUB, [OP_MUL] = BPF_MUL, [OP_DIV] = BPF_DIV,
		[OP_MOD] = BPF_MOD, [OP_AND] = BPF_AND, [OP_OR] = BPF_OR, [OP_XOR] = BPF_XOR,
		[OP_SHL] = BPF_LSH, [OP_SHR] = BPF_RSH,
	};
	return op == OP_SHR && sgn ? BPF_ARSH : codes[op];
}

/* x op= y on the two registers, with C's meaning for the given types. */
static void gen_arith(struct gen *g, enum op op, const struct type *lt, const struct type *rt,
		      const struct type *result, int x, int y)
{
	bool sgn = op == OP_SHR ? lt->is_signed : result->is_signed;
	unsigned scale = lt->kind == TYPE_PTR && lt->base->size > 1 ? lt->base->size : 1;

	if (scale > 1 && rt->kind == TYPE_INT)
		gen_emit(g, ALU_IMM(BPF_MUL, y, scale));
	if (op == OP_DIV || op == OP_MOD)
		(sgn ? gen_signed_div : gen_div)(g, alu_code(op, false), x, y);
	else
		gen_emit(g, ALU_REG(alu_code(op, sgn), x, y));
	if (scale > 1 && rt->kind == TYPE_PTR) {
		gen_emit(g, MOV_IMM(y, scale));
		gen_div(g, BPF_DIV, x, y);
	}
}

/*
 * Whether x op= a constant is one instruction: eBPF divides unsigned
 * values only, and some JITs not 64-bit ones.
 */
static bool imm_op(const struct gen *g, enum op op, bool sgn)
{
	return (op != OP_DIV && op != OP_MOD) || !(sgn || g->target->arch->jit_refuses_div64);
}

static void gen_binary(struct gen *g, struct node *n)
{
	struct node *l = n->binary.left, *r = n->binary.right;
	enum op op = n->binary.op;
	bool sgn = op == OP_SHR ? l->type->is_signed : n->type->is_signed;
	int x, y;

	if (op >= OP_EQ) {
		gen_bool(g, n);
		return;
	}
	gen_expr(g, l);
	if (fits_imm(r) && l->type->kind == TYPE_INT && imm_op(g, op, sgn)) {
		x = gen_pop(g, R1);
		gen_emit(g, ALU_IMM(alu_code(op, sgn), x, (int32_t)r->num));
		gen_push(g, x);
		return;
	}
	gen_expr(g, r);
	y = gen_pop(g, R2);
	x = gen_pop(g, R1);
	gen_arith(g, op, l->type, r->type, n->type, x, y);
	gen_push(g, x);
}

/* (u8)x keeps the low byte, (s16)x sign-extends the low two; pointers pass as they are. */
void gen_narrow(struct gen *g, const struct type *t)
{
	int x;

	if (t->kind != TYPE_INT || t->size >= 8)
		return;
	x = gen_pop(g, R1);
	if (t->is_signed)
		sign_extend(g, x, t->size);
	else if (t->size == 4)
		gen_emit(g, MOV32_REG(x, x));
	else
		gen_emit(g, ALU_IMM(BPF_AND, x, t->size == 2 ? 0xffff : 0xff));
	gen_push(g, x);
}

static void gen_cast(struct gen *g, struct node *n)
{
	gen_expr(g, n->cast.arg);
	gen_narrow(g, n->type);
}

static void gen_unary(struct gen *g, struct node *n)
{
	int x;

	switch (n->unary.op) {
	case OP_LNOT:
		gen_bool(g, n);
		return;
	case OP_DEREF:
		gen_load(g, gen_place(g, n), n->type, n);
		return;
	default:
		gen_expr(g, n->unary.arg);
		x = gen_pop(g, R1);
		gen_emit(g, n->unary.op == OP_NEG ? NEG(x) : ALU_IMM(BPF_XOR, x, -1));
		gen_push(g, x);
	}
}

void gen_expr(struct gen *g, struct node *n)
{
	int r, other, done, depth;

	switch (n->kind) {
	case NODE_NUM:
		r = push_reg(g);
		gen_imm64(g, r, n->num);
		gen_push(g, r);
		break;
	case NODE_VAR:
	case NODE_CALL:
		gen_builtin(g, n, 0);
		break;
	case NODE_MAP:
		gen_map_read(g, n, 0);
		break;
	case NODE_MEMBER:
	case NODE_INDEX:
		if (n->kind == NODE_MEMBER && n->member.field->bits) {
			/* the unit as it is: the bitfield's own sign comes after */
			gen_load(g, gen_place(g, n), type_int(n->type->size, false), n);
			gen_bitfield(g, n->member.field);
			break;
		}
		gen_load(g, gen_place(g, n), n->type, n);
		break;
	case NODE_SCRATCH:
		r = push_reg(g);
		gen_emit(g, LDX(8, r, R10, n->scratch.var->slot));
		gen_push(g, r);
		break;
	case NODE_CAST:
		gen_cast(g, n);
		break;
	case NODE_UNARY:
		gen_unary(g, n);
		break;
	case NODE_BINARY:
		gen_binary(g, n);
		break;
	case NODE_TERNARY:
		depth = g->depth;
		other = gen_label(g);
		done = gen_label(g);
		gen_cond(g, n->cond.cond, false, other);
		gen_expr(g, n->cond.then);
		gen_jump(g, JA(0), done);
		gen_bind(g, other);
		g->depth = depth;
		gen_expr(g, n->cond.els);
		gen_bind(g, done);
		break;
	default:
		assert(!"not an expression");
	}
}

/*
 * Counts a record the ring had no room for, using the slot at r10 + off for
 * the key. The kernel tells of a loss only in front of the next record that
 * fits, so the last ones would go unreported.
 */
static void gen_count_lost(struct gen *g, int off)
{
	int done = gen_label(g);

	gen_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0), done);
	gen_emit(g, ST(4, R10, off, 0));
	gen_lookup(g, g->plan->lost_map, off);
	gen_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0), done);
	gen_increment(g, R0, 0);
	gen_bind(g, done);
}

/*
 * ringbuf_output(map, data, size, 0), which wakes the reader only if it
 * had read everything; perf_event_output(ctx, map, BPF_F_CURRENT_CPU,
 * data, size), one argument more in front.
 */
void gen_output(struct gen *g, int data_reg, int data, unsigned size, int key)
{
	bool perf = g->plan->maps[g->plan->events_map].bpf_type == BPF_MAP_TYPE_PERF_EVENT_ARRAY;

	if (perf) {
		gen_emit(g, MOV_REG(R1, CTX_REG));
		gen_ld_map(g, R2, g->plan->events_map);
		gen_emit(g, MOV32_IMM(R3, -1));		/* BPF_F_CURRENT_CPU, zero-extended */
		gen_addr(g, R4, data_reg, data);
		gen_emit(g, MOV_IMM(R5, size));
	} else {
		gen_ld_map(g, R1, g->plan->events_map);
		gen_addr(g, R2, data_reg, data);
		gen_emit(g, MOV_IMM(R3, size));
		gen_emit(g, MOV_IMM(R4, 0));
	}
	gen_emit(g, CALL(perf ? HELPER_PERF_EVENT_OUTPUT : HELPER_RINGBUF_OUTPUT));
	gen_count_lost(g, key);
}

void gen_event(struct gen *g, int event, const struct node *at, struct node *args)
{
	const struct type *st = g->plan->events[event].args;
	const struct field *f;
	struct node *a;
	int off = gen_slot(g, 8 + st->size, at);

	gen_emit(g, ST(8, R10, off, event));
	for (a = args, f = st->fields; a; a = a->next, f = f->next)
		gen_store(g, a, off + 8 + f->offset, f->type);
	gen_output(g, R10, off, 8 + st->size, off);
}

/* $x = value, $x op= value */
static void gen_assign_scratch(struct gen *g, struct node *n)
{
	const struct var *v = n->assign.target->scratch.var;
	int x, y;

	if (!n->assign.value)
		return;		/* let $x; its block zeroed it */
	if (n->assign.op == OP_NONE) {
		gen_store(g, n->assign.value, v->slot, v->type);
		return;
	}
	gen_expr(g, n->assign.target);
	gen_expr(g, n->assign.value);
	y = gen_pop(g, R2);
	x = gen_pop(g, R1);
	gen_arith(g, n->assign.op, v->type, n->assign.value->type, v->type, x, y);
	gen_emit(g, STX(8, R10, v->slot, x));
}

/* map[keys] = value, and the compound forms: map[keys] op= value. */
static void gen_assign(struct gen *g, struct node *n)
{
	struct node *target = n->assign.target, *value = n->assign.value;
	int map, key, val, x, y, missing;
	const struct type *vt;

	if (target->kind == NODE_SCRATCH) {
		gen_assign_scratch(g, n);
		return;
	}
	if (target->map.agg) {
		gen_aggregate(g, n);
		return;
	}
	map = target->map.map->index;
	vt = g->plan->maps[map].value;
	key = gen_map_key(g, target);
	val = gen_slot(g, vt->size, value);
	if (n->assign.op == OP_NONE) {
		gen_store(g, value, val, vt);
	} else {
		/* A missing element counts as 0. */
		missing = gen_label(g);
		gen_lookup(g, map, key);
		gen_jump(g, JMP_IMM(BPF_JEQ, R0, 0, 0), missing);
		gen_emit(g, LDX(8, R0, R0, 0));
		gen_bind(g, missing);
		gen_push(g, R0);
		gen_expr(g, value);
		y = gen_pop(g, R2);
		x = gen_pop(g, R1);
		gen_arith(g, n->assign.op, vt, value->type, vt, x, y);
		gen_emit(g, STX(8, R10, val, x));
	}
	gen_fp_addr(g, R3, val);
	gen_update(g, map, key, R3);
}

static void gen_stmt(struct gen *g, struct node *n);

/*
 * Slots for the block's variables, zeroed: a path may read one it did not
 * assign. A loop over a map makes its $kv in the callback.
 */
static void gen_block(struct gen *g, struct node *n)
{
	struct gen_scope scope = { n, g->scope };
	struct node *c;
	struct var *v;

	for (v = n->block.vars; v; v = v->next) {
		if (v->of_map_loop)
			continue;
		v->slot = gen_slot(g, v->type->size, n);
		gen_zero(g, v->slot, v->type->size);
	}
	g->scope = &scope;
	for (c = n->block.stmts; c; c = c->next)
		gen_stmt(g, c);
	g->scope = scope.up;
}

/* Whether a statement assigns the variable. */
struct assigns {
	struct var *var;
	bool found;
};

static void find_assignment(struct node *n, void *ctx)
{
	struct assigns *a = ctx;

	a->found |= n->kind == NODE_ASSIGN && n->assign.target->kind == NODE_SCRATCH &&
		    n->assign.target->scratch.var == a->var;
}

static void find_map_loop(struct node *n, void *ctx)
{
	*(bool *)ctx |= n->kind == NODE_MAP_LOOP;
}

static void find_use(struct node *n, void *ctx)
{
	struct assigns *a = ctx;

	a->found |= n->kind == NODE_SCRATCH && n->scratch.var == a->var;
}

/*
 * How many times for ($i = A; $i OP B; $i += C) runs, when A, B and C are
 * constants and the body leaves $i alone; -1 when that is not known.
 */
static int trip_count(struct node *n)
{
	struct node *init = n->loop.init, *cond = n->loop.cond, *step = n->loop.step;
	struct assigns a = { NULL, false };
	int64_t i, end, inc;
	int trips;

	if (init->kind != NODE_ASSIGN || init->assign.op != OP_NONE ||
	    init->assign.value->kind != NODE_NUM || cond->kind != NODE_BINARY ||
	    cond->binary.left->kind != NODE_SCRATCH || cond->binary.right->kind != NODE_NUM ||
	    step->kind != NODE_ASSIGN || step->assign.value->kind != NODE_NUM ||
	    (step->assign.op != OP_ADD && step->assign.op != OP_SUB))
		return -1;
	a.var = init->assign.target->scratch.var;
	if (cond->binary.left->scratch.var != a.var || step->assign.target->scratch.var != a.var)
		return -1;
	ast_walk(n->loop.body, find_assignment, &a);
	if (a.found)
		return -1;
	i = (int64_t)init->assign.value->num;
	end = (int64_t)cond->binary.right->num;
	inc = (int64_t)step->assign.value->num * (step->assign.op == OP_ADD ? 1 : -1);
	for (trips = 0; trips <= MAX_TRIPS; trips++, i += inc) {
		bool more = cond->binary.op == OP_LT ? i < end : cond->binary.op == OP_LE ? i <= end :
			    cond->binary.op == OP_GT ? i > end : cond->binary.op == OP_GE ? i >= end :
			    cond->binary.op == OP_NE ? i != end : false;

		if (!more)
			return trips;
	}
	return -1;
}

/* Notes where a loop's code is, for the verifier's complaints about it. */
static void mark_loop(struct gen *g, const struct node *n, unsigned start)
{
	struct plan_prog *out = g->out;

	out->loops = arena_room(&g->plan->arena, out->loops, out->nloops, sizeof(*out->loops));
	out->loops[out->nloops++] = (struct plan_loop){ start, g->prog.n, n->loc };
}

/*
 * A loop: a real one where the verifier follows bounded loops (5.3),
 * otherwise unrolled, which needs a constant count.
 */
static void gen_loop(struct gen *g, struct node *n)
{
	struct loop_labels labels = { gen_label(g), -1, g->loop };
	unsigned start = g->prog.n;
	int top, k, trips = n->kind == NODE_UNROLL ? (int)n->loop.cond->num : -1;
	char target[48];

	if (n->loop.init)
		gen_stmt(g, n->loop.init);
	if (trips < 0 && !target_has(g->target, TF_BOUNDED_LOOPS)) {
		trips = n->kind == NODE_FOR ? trip_count(n) : -1;
		if (trips < 0)
			error_at(&n->loc, "this loop needs Linux 5.3, whose verifier follows loops; "
				 "for %s, count it with constants, as in for ($i = 0; $i < 8; $i++), "
				 "or write unroll(N)",
				 target_describe(g->target, target, sizeof(target)));
	}
	g->loop = &labels;
	if (trips >= 0) {
		for (k = 0; k < trips; k++) {
			labels.next = gen_label(g);
			gen_stmt(g, n->loop.body);
			gen_bind(g, labels.next);
			if (n->loop.step)
				gen_stmt(g, n->loop.step);
		}
	} else {
		top = prog_here(&g->prog);
		labels.next = n->loop.step ? gen_label(g) : top;
		gen_cond(g, n->loop.cond, false, labels.exit);
		gen_stmt(g, n->loop.body);
		if (n->loop.step) {
			gen_bind(g, labels.next);
			gen_stmt(g, n->loop.step);
		}
		gen_jump(g, JA(0), top);
	}
	gen_bind(g, labels.exit);
	g->loop = labels.up;
	mark_loop(g, n, start);
}

/*
 * A callback of bpf_for_each_map_elem() (5.13), made after the program: it
 * runs the body of for ($kv : @m) for each element, or does nothing for
 * len(). Its frame is its own; the caller passes the address of its own
 * variables, which the body's copies start from and go back to.
 */
struct gen_callback {
	int label;
	struct node *loop;		/* NULL: len()'s */
	int area;			/* the caller's r10 offset passed as context */
	struct outer_var {		/* the caller's variables the body uses */
		struct var *var;
		int slot;		/* its r10 offset in the caller's frame */
	} *outer;
	unsigned nouter;
	struct gen_callback *next;
};

static struct gen_callback *new_callback(struct gen *g, struct node *loop)
{
	struct gen_callback *cb = arena_alloc(g->prog.arena, sizeof(*cb));

	memset(cb, 0, sizeof(*cb));
	cb->label = gen_label(g);
	cb->loop = loop;
	LIST_APPEND(g->callbacks_tail, cb);
	return cb;
}

/* r0 = bpf_for_each_map_elem(map, callback, context, 0): the elements visited. */
static void gen_for_each(struct gen *g, int map, int callback, int context, const struct node *n)
{
	gen_ld_map(g, R1, map);
	prog_func_addr(&g->prog, R2, callback);
	if (context)
		gen_fp_addr(g, R3, context);
	else
		gen_emit(g, MOV_IMM(R3, 0));
	gen_emit(g, MOV_IMM(R4, 0));
	gen_call(g, HELPER_FOR_EACH_MAP_ELEM, n);
}

void gen_map_len(struct gen *g, struct node *n, int dst)
{
	(void)dst;
	if (g->count_callback < 0)
		g->count_callback = new_callback(g, NULL)->label;
	gen_for_each(g, n->call.args->map.map->index, g->count_callback, 0, n);
	gen_push(g, R0);
}

/* for ($kv : @m) body: the callback that runs the body, called for each element. */
static void gen_map_loop(struct gen *g, struct node *n)
{
	struct gen_callback *cb = new_callback(g, n);
	struct assigns use;
	struct gen_scope *s;

	for (s = g->scope; s; s = s->up) {
		for (use.var = s->block->block.vars; use.var; use.var = use.var->next) {
			use.found = false;
			ast_walk(n->loop.body, find_use, &use);
			if (!use.found || use.var->of_map_loop)
				continue;
			cb->outer = arena_room(g->prog.arena, cb->outer, cb->nouter,
					       sizeof(*cb->outer));
			cb->outer[cb->nouter++] = (struct outer_var){ use.var, use.var->slot };
		}
	}
	cb->area = gen_slot(g, 8, n);
	if (g->p->uses_ctx)
		gen_emit(g, STX(8, R10, cb->area, CTX_REG));
	gen_for_each(g, n->loop.cond->map.map->index, cb->label, cb->area, n);
}

/*
 * The callback's code: $kv from the key and value the helper passes, the
 * caller's variables copied in, the body, and the copies back; it returns
 * 1 to stop (break), 0 for the next element.
 */
static void gen_callback(struct gen *g, struct gen_callback *cb)
{
	struct node *n = cb->loop;
	struct loop_labels labels = { gen_label(g), gen_label(g), NULL };
	const struct field *key, *value;
	int done = gen_label(g), context;
	struct plan_prog *out = g->out;
	unsigned i;
	struct var *kv, *v;

	out->funcs = arena_room(&g->plan->arena, out->funcs, out->nfuncs, sizeof(*out->funcs));
	out->funcs[out->nfuncs++] = g->prog.n;
	gen_bind(g, cb->label);
	if (!n) {
		gen_emit(g, MOV_IMM(R0, 0));
		gen_emit(g, EXIT());
		return;
	}
	g->frame = g->spill_bytes = g->comm = 0;
	kv = n->loop.init->scratch.var;
	key = kv->type->fields;
	value = key->next;
	kv->slot = gen_slot(g, kv->type->size, n);
	gen_zero(g, kv->slot, kv->type->size);
	gen_copy(g, R10, kv->slot + (int)key->offset, R2, 0, key->type->size);
	gen_copy(g, R10, kv->slot + (int)value->offset, R3, 0, value->type->size);
	context = gen_slot(g, 8, n);
	gen_emit(g, STX(8, R10, context, R4));
	if (g->p->uses_ctx)
		gen_emit(g, LDX(8, CTX_REG, R4, 0));
	for (i = 0; i < cb->nouter; i++) {
		v = cb->outer[i].var;
		v->slot = gen_slot(g, v->type->size, n);
		gen_copy(g, R10, v->slot, R4, cb->outer[i].slot - cb->area, v->type->size);
	}
	g->loop = &labels;
	gen_stmt(g, n->loop.body);
	g->loop = NULL;
	gen_bind(g, labels.next);
	gen_emit(g, MOV_IMM(R9, 0));
	gen_jump(g, JA(0), done);
	gen_bind(g, labels.exit);
	gen_emit(g, MOV_IMM(R9, 1));
	gen_bind(g, done);
	gen_emit(g, LDX(8, R2, R10, context));
	for (i = 0; i < cb->nouter; i++) {
		v = cb->outer[i].var;
		gen_copy(g, R2, cb->outer[i].slot - cb->area, R10, v->slot, v->type->size);
		v->slot = cb->outer[i].slot;
	}
	gen_emit(g, MOV_REG(R0, R9));
	gen_emit(g, EXIT());
}

static void gen_stmt(struct gen *g, struct node *n)
{
	int frame = g->frame, other, done, key;
	struct node *c;

	switch (n->kind) {
	case NODE_BLOCK:
		gen_block(g, n);
		break;
	case NODE_WHILE:
	case NODE_FOR:
	case NODE_UNROLL:
		gen_loop(g, n);
		break;
	case NODE_MAP_LOOP:
		gen_map_loop(g, n);
		break;
	case NODE_BREAK:
		gen_jump(g, JA(0), g->loop->exit);
		break;
	case NODE_CONTINUE:
		gen_jump(g, JA(0), g->loop->next);
		break;
	case NODE_IF:
		other = gen_label(g);
		gen_cond(g, n->cond.cond, false, other);
		gen_stmt(g, n->cond.then);
		if (n->cond.els) {
			done = gen_label(g);
			gen_jump(g, JA(0), done);
			gen_bind(g, other);
			gen_stmt(g, n->cond.els);
			other = done;
		}
		gen_bind(g, other);
		break;
	case NODE_RETURN:
		gen_jump(g, JA(0), g->exit_label);
		break;
	case NODE_DELETE:
		c = n->del.map;
		key = gen_map_key(g, c);
		gen_ld_map(g, R1, c->map.map->index);
		gen_fp_addr(g, R2, key);
		gen_emit(g, CALL(HELPER_MAP_DELETE_ELEM));
		break;
	case NODE_ASSIGN:
		gen_assign(g, n);
		break;
	default:
		/* An expression evaluated for its effect. */
		if (n->type->kind == TYPE_VOID) {
			gen_builtin(g, n, 0);
		} else if (type_is_scalar(n->type)) {
			gen_expr(g, n);
			g->depth--;
		} else {
			gen_mem(g, n, gen_slot(g, n->type->size, n));
		}
		break;
	}
	assert(g->depth == 0);
	g->frame = frame;	/* the statement's slots are free again */
}

/* The program, and its loops and callbacks renumbered once pruning has removed dead code. */
static void finish(struct gen *g)
{
	struct plan_prog *out = g->out;
	unsigned nkeep = 2 * out->nloops + out->nfuncs, i;
	unsigned *at = arena_alloc(g->prog.arena, (nkeep + 1) * sizeof(*at)), *funcs = at + 2 * out->nloops;
	char why[160];

	for (i = 0; i < out->nloops; i++) {
		at[2 * i] = out->loops[i].start;
		at[2 * i + 1] = out->loops[i].end;
	}
	for (i = 0; i < out->nfuncs; i++)
		funcs[i] = out->funcs[i];
	out->insns = prog_finish(&g->prog, &out->ninsns, at, nkeep);
	for (i = 0; i < out->nloops; i++) {
		out->loops[i].start = at[2 * i];
		out->loops[i].end = at[2 * i + 1];
	}
	for (i = 0; i < out->nfuncs; i++)
		out->funcs[i] = funcs[i];
	out->insns = arena_memdup(&g->plan->arena, out->insns, out->ninsns * sizeof(*out->insns));
	/* What the kernel would refuse for a flaw of sonde's own, said as one. */
	if (!bpf_validate(out->insns, out->ninsns, why, sizeof(why)))
		bug("the program of %s: %s", out->name, why);
}

void gen_probe(struct plan *pl, const struct target *t, const struct options *opt,
	       const struct probe *p, struct arena *scratch)
{
	struct gen g = { .target = t, .opt = opt, .plan = pl, .p = p, .stack = BPF_STACK_SIZE,
			 .count_callback = -1 };
	struct gen_callback *cb;
	bool map_loops = false;

	g.out = plan_add_prog(pl);
	g.out->name = arena_strdup(&pl->arena, p->spec);
	g.out->prog_type = p->provider->prog_type;
	g.out->attach = *p->attach;
	prog_init(&g.prog, &p->loc, scratch);
	g.callbacks_tail = &g.callbacks;
	/* The kernel's 512 bytes are for a program's frame and its callback's together. */
	ast_walk(p->body, find_map_loop, &map_loops);
	if (map_loops)
		g.stack = BPF_STACK_SIZE / 2;
	g.exit_label = gen_label(&g);
	if (p->uses_ctx) {
		gen_emit(&g, MOV_REG(CTX_REG, R1));
		g.vregs = vregs_with_ctx;
		g.nvregs = ARRAY_SIZE(vregs_with_ctx);
	} else {
		g.vregs = vregs_all;
		g.nvregs = ARRAY_SIZE(vregs_all);
	}
	/* -p PID: the probes of tasks' events watch that process alone. */
	if (opt->pid > 0 && p->provider->when == WHEN_EVENT && !p->provider->timed) {
		gen_emit(&g, CALL(HELPER_GET_CURRENT_PID_TGID));
		gen_emit(&g, ALU_IMM(BPF_RSH, R0, 32));
		gen_jump(&g, JMP_IMM(BPF_JNE, R0, opt->pid, 0), g.exit_label);
	}
	/* Used more than once, comm is read once, into a slot the probe keeps. */
	if (p->comm_uses > 1) {
		g.comm = gen_slot(&g, type_comm.size, NULL);
		gen_task_comm(&g, g.comm);
	}
	if (p->pred)
		gen_cond(&g, p->pred, false, g.exit_label);
	gen_stmt(&g, p->body);
	gen_bind(&g, g.exit_label);
	gen_emit(&g, MOV_IMM(R0, 0));
	gen_emit(&g, EXIT());
	for (cb = g.callbacks; cb; cb = cb->next)
		gen_callback(&g, cb);
	finish(&g);
}
